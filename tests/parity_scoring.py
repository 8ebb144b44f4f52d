"""Parity cases: scoring (see tests/parity.py)."""

from __future__ import annotations

import kam_udfs as U
import numpy as np
from parity import MODEL, Builder, Sheet, col2d

from kam_xl.core import pareto, pyramid, scorecard, tally
from kam_xl.indicators import REGISTRY


def case_scorecard(s: Sheet, rng: np.random.Generator) -> None:
    card = MODEL.scorecard()
    n = len(card.criteria)
    for _ in range(4):
        scores = [float(x) for x in rng.integers(card.scale_min, card.scale + 1, n)]  # 1–10 (seed 002)
        rng_ref = s.column(1, scores)
        raw = float(scorecard.score_raw(scores, model=MODEL))
        norm = float(scorecard.score(scores, model=MODEL))
        r = s.row
        s.formula("score_raw", 2, r, REGISTRY["score_raw"].formula(rng_ref, card.code, MODEL), raw,
                  U.KAM_SCORE_RAW(col2d(scores)))  # fmt: skip
        sref = s.formula("score", 3, r, REGISTRY["score"].formula(rng_ref, card.code, MODEL), norm,
                         U.KAM_SCORE(col2d(scores)))  # fmt: skip
        for lang in ("zh", "en"):
            s.formula("tier", 4 if lang == "zh" else 5, r, REGISTRY["tier"].formula(sref, lang),
                      str(scorecard.tier(norm, MODEL, lang)), U.KAM_TIER(norm, lang))  # fmt: skip
        s.row += n + 1
    # A blank criterion: the formulas stay blank (the core refuses; missing = "error").
    scores = [5.0] * (n - 1) + [None]
    rng_ref = s.column(1, scores)
    s.formula("score", 3, s.row, REGISTRY["score"].formula(rng_ref, card.code, MODEL), "", "")
    s.row += n + 1


def case_abc_pyramid(s: Sheet, rng: np.random.Generator) -> None:
    values = [float(v) for v in np.round(rng.lognormal(12, 1.3, 30), -3)]
    values[3] = values[7] = values[11]  # ties share class and layer
    ref = s.column(1, values)
    share = pareto.abc_share(values)
    abc_zh, pyr_zh = pareto.abc(values, MODEL, "zh"), pyramid.pyramid(values, MODEL, "zh")
    for i, v in enumerate(values):
        r = s.row + i
        sh = s.formula("share_above", 2, r, REGISTRY["share_above"].formula(f"A{r}", ref), share[i])
        s.formula("abc", 3, r, REGISTRY["abc"].formula(sh, "zh"), abc_zh[i], U.KAM_ABC(v, col2d(values), "zh"))
        s.formula("pyramid", 4, r, REGISTRY["pyramid"].formula(f"A{r}", ref, "zh"), pyr_zh[i],
                  U.KAM_PYRAMID(v, col2d(values), "zh"))  # fmt: skip
    s.row += len(values) + 1


def case_weight_direction(s: Sheet, rng: np.random.Generator) -> None:
    # every criterion of every scorecard; the industry card has negative criteria (competition is 4th: 1 × −1)
    for code, card in MODEL.scorecards.items():
        signed = scorecard.weight_direction(card, MODEL)
        for k in range(1, len(card.criteria) + 1):
            s.formula("weight_direction", k, s.row, REGISTRY["weight_direction"].formula(code, k), signed[k - 1])
        s.row += 1
    assert scorecard.weight_direction(MODEL.scorecard("imsc_industry"), MODEL)[3] == -1.0
    assert scorecard.weight_direction(MODEL.scorecard("account_selection"), MODEL)[5] == 10.0  # values_innovation


def case_share_above_with_a_blank(s: Sheet, rng: np.random.Generator) -> None:
    # by hand: total 100; above 70 nothing, above 10 → 70 %, above 5 → 90 %; the blank row stays blank
    values: list[object] = [70.0, 10.0, None, 10.0, 5.0, 5.0]
    ref = s.column(1, values)
    present = [v for v in values if v is not None]
    share = iter(pareto.abc_share(present))
    for i, v in enumerate(values):
        r = s.row + i
        s.formula("share_above", 2, r, REGISTRY["share_above"].formula(f"A{r}", ref), "" if v is None else next(share))
    assert list(pareto.abc_share(present)) == [0.0, 0.7, 0.7, 0.9, 0.9]
    s.row += len(values) + 1


def case_pareto_list(s: Sheet, rng: np.random.Generator) -> None:
    """The Pareto list: ties (the first holder's name), a blank value, a blank name, a zero, k past the count."""
    cases = [
        ([30.0, None, 50.0, 20.0, 50.0, 0.0], ["甲", "乙", "丙", None, "戊", "己"]),
        ([float(x) for x in np.round(rng.lognormal(10, 1, 7), -2)], [f"客户{i}" for i in range(7)]),
    ]
    for values, names in cases:
        vref, nref = s.column(1, values), s.column(2, names)
        top = s.row
        total = s.formula("total", 3, top, REGISTRY["total"].formula(vref), tally.total(values))
        s.put(6, top, "累计")  # the header above the first row: N() counts it 0
        ks = list(range(1, len(values) + 3))
        largest = pareto.largest(values, ks)
        holders = pareto.holder(largest, values, names)
        shares = pareto.cumulative_share(values)
        for k in ks:
            r = top + k
            kref = s.put(3, r, float(k))
            got = not np.isnan(largest[k - 1])
            v = s.formula("pareto_value", 4, r, REGISTRY["pareto_value"].formula(vref, kref), largest[k - 1])
            s.formula("pareto_account", 5, r, REGISTRY["pareto_account"].formula(v, vref, nref), holders[k - 1])
            s.formula("pareto_cumulative", 6, r, REGISTRY["pareto_cumulative"].formula(v, f"F{r - 1}", total),
                      shares[k - 1] if got else "")  # fmt: skip
        s.row = top + len(ks) + 2
    # by hand (the first case): 50, 50, 30, 20, 0 of 150 → 丙, 丙 (the first holder of 50), 甲, "" (no name), 己;
    # cumulative 1/3, 2/3, 13/15, 1, 1; k = 6 and 7 are past the five values
    values, names = cases[0]
    assert list(pareto.largest(values, [1, 2, 3, 4, 5])) == [50.0, 50.0, 30.0, 20.0, 0.0]
    assert np.isnan(pareto.largest(values, 6))
    assert list(pareto.holder([50.0, 30.0, 20.0, 0.0], values, names)) == ["丙", "甲", "", "己"]
    np.testing.assert_allclose(pareto.cumulative_share(values), [1 / 3, 2 / 3, 13 / 15, 1.0, 1.0], rtol=1e-15)


BUILDERS: tuple[Builder, ...] = (
    case_scorecard,
    case_abc_pyramid,
    case_weight_direction,
    case_share_above_with_a_blank,
    case_pareto_list,
)
