"""Parity cases: scoring (see tests/parity.py)."""

from __future__ import annotations

import kam_udfs as U
import numpy as np
from parity import MODEL, Builder, Sheet, col2d

from kam_xl.core import pareto, pyramid, scorecard
from kam_xl.indicators import REGISTRY
from kam_xl.xlformulas.scoring import share_above


def case_scorecard(s: Sheet, rng: np.random.Generator) -> None:
    card = MODEL.scorecard()
    n = len(card.criteria)
    for _ in range(4):
        scores = [float(x) for x in rng.integers(0, 11, n)]
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
    share = pareto.share_above(values)
    abc_zh, pyr_zh = pareto.abc(values, MODEL, "zh"), pyramid.pyramid(values, MODEL, "zh")
    for i, v in enumerate(values):
        r = s.row + i
        sh = s.formula("abc", 2, r, share_above(f"A{r}", ref), float(np.round(share[i], 12)))
        s.formula("abc", 3, r, REGISTRY["abc"].formula(sh, "zh"), abc_zh[i], U.KAM_ABC(v, col2d(values), "zh"))
        s.formula("pyramid", 4, r, REGISTRY["pyramid"].formula(f"A{r}", ref, "zh"), pyr_zh[i],
                  U.KAM_PYRAMID(v, col2d(values), "zh"))  # fmt: skip
    s.row += len(values) + 1


BUILDERS: tuple[Builder, ...] = (
    case_scorecard,
    case_abc_pyramid,
)
