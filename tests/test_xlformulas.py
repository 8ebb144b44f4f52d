"""One definition, three renderings: for every indicator in the registry, the native
Excel formula (recomputed by ``formulas`` and by LibreOffice), the core function and
the worksheet function give the same answer on the same seeded inputs.

Each case writes its inputs into a scratch sheet, asks the registry entry's renderer
for the formula, and records what the core says (the cached value) and what the UDF
says. The expected values are not copied from a run: the core's own hand-checked
tests pin them; here the three renderings must agree with each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import kam_udfs as U
import numpy as np
import pytest
from engines import FormulasBook, by_title, cached_values, close, libreoffice_recalc

from kam_xl.core import barriers, buying_centre, clv, pareto, pipeline, pyramid, receivables, satisfaction, scorecard
from kam_xl.core import wallet as wallet_core
from kam_xl.indicators import REGISTRY
from kam_xl.models import default_model
from kam_xl.workbooks.book import Book
from kam_xl.xlformulas.pipeline import stage_probability
from kam_xl.xlformulas.relationship import stance_value
from kam_xl.xlformulas.scoring import share_above

MODEL = default_model()
SHEET = "P"


@dataclass
class Case:
    key: str  # registry key
    ref: str  # formula cell
    core: object  # what the core says (written as the cached value)
    udf: object  # what the worksheet function says


class Sheet:
    """Lays cases out down a scratch sheet, 30 columns per block row."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.ws = book.sheet((SHEET, SHEET))
        self.row = 1
        self.cases: list[Case] = []

    def put(self, col: int, row: int, value: object) -> str:
        ref = f"{_col(col)}{row}"
        self.book.input(self.ws, ref, value)
        return ref

    def column(self, col: int, values: list[object]) -> str:
        top = self.row
        for i, v in enumerate(values):
            self.put(col, top + i, v)
        return f"${_col(col)}${top}:${_col(col)}${top + len(values) - 1}"

    def formula(self, key: str, col: int, row: int, text: str, core: object, udf: object = None) -> str:
        ref = f"{_col(col)}{row}"
        value = _plain(core)
        self.book.formula(self.ws, ref, text, value)
        self.cases.append(Case(key, ref, value, _plain(udf) if udf is not None else value))
        return ref


def _col(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def _plain(v: object) -> object:
    if isinstance(v, np.ndarray):
        v = v.item() if v.size == 1 else v
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and np.isnan(v):
        return ""
    if isinstance(v, int | float) and not isinstance(v, bool):
        return float(v)
    return v


def _col2d(values: list[object]) -> list[list[object]]:
    return [[v] for v in values]  # an n×1 range as Excel passes it


# ---------------------------------------------------------------- the cases


def _scorecard(s: Sheet, rng: np.random.Generator) -> None:
    card = MODEL.scorecard()
    n = len(card.criteria)
    for _ in range(4):
        scores = [float(x) for x in rng.integers(0, 11, n)]
        rng_ref = s.column(1, scores)
        raw = float(scorecard.score_raw(scores, model=MODEL))
        norm = float(scorecard.score(scores, model=MODEL))
        r = s.row
        s.formula("score_raw", 2, r, REGISTRY["score_raw"].formula(rng_ref, card.code, MODEL), raw,
                  U.KAM_SCORE_RAW(_col2d(scores)))  # fmt: skip
        sref = s.formula("score", 3, r, REGISTRY["score"].formula(rng_ref, card.code, MODEL), norm,
                         U.KAM_SCORE(_col2d(scores)))  # fmt: skip
        for lang in ("zh", "en"):
            s.formula("tier", 4 if lang == "zh" else 5, r, REGISTRY["tier"].formula(sref, lang),
                      str(scorecard.tier(norm, MODEL, lang)), U.KAM_TIER(norm, lang))  # fmt: skip
        s.row += n + 1
    # A blank criterion: the formulas stay blank (the core refuses; missing = "error").
    scores = [5.0] * (n - 1) + [None]
    rng_ref = s.column(1, scores)
    s.formula("score", 3, s.row, REGISTRY["score"].formula(rng_ref, card.code, MODEL), "", "")
    s.row += n + 1


def _abc_pyramid(s: Sheet, rng: np.random.Generator) -> None:
    values = [float(v) for v in np.round(rng.lognormal(12, 1.3, 30), -3)]
    values[3] = values[7] = values[11]  # ties share class and layer
    ref = s.column(1, values)
    share = pareto.share_above(values)
    abc_zh, pyr_zh = pareto.abc(values, MODEL, "zh"), pyramid.pyramid(values, MODEL, "zh")
    for i, v in enumerate(values):
        r = s.row + i
        sh = s.formula("abc", 2, r, share_above(f"A{r}", ref), float(np.round(share[i], 12)))
        s.formula("abc", 3, r, REGISTRY["abc"].formula(sh, "zh"), abc_zh[i], U.KAM_ABC(v, _col2d(values), "zh"))
        s.formula("pyramid", 4, r, REGISTRY["pyramid"].formula(f"A{r}", ref, "zh"), pyr_zh[i],
                  U.KAM_PYRAMID(v, _col2d(values), "zh"))  # fmt: skip
    s.row += len(values) + 1


def _pairs(s: Sheet, rng: np.random.Generator) -> None:
    xs = [50.0, 49.999, 100.0, 0.0] + [float(x) for x in np.round(rng.uniform(0, 100, 8), 2)]
    ys = [50.0, 50.0, 20.0, 70.0] + [float(x) for x in np.round(rng.uniform(0, 100, 8), 2)]
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        r = s.row + i
        a, b = s.put(1, r, x), s.put(2, r, y)
        s.formula("quadrant", 3, r, REGISTRY["quadrant"].formula(a, b, "en"),
                  str(pyramid.quadrant(x, y, MODEL, "en")), U.KAM_QUADRANT(x, y, "en"))  # fmt: skip
        s.formula("matrix", 4, r, REGISTRY["matrix"].formula(a, b, "zh"),
                  str(pyramid.matrix(x, y, MODEL, "zh")), U.KAM_MATRIX(x, y, "zh"))  # fmt: skip
        w = float(x) / 100 * 50  # wallet share: ours against a total of 50 (≤ 1)
        o, t = s.put(5, r, w), s.put(6, r, 50.0)
        s.formula("wallet_share", 7, r, REGISTRY["wallet_share"].formula(o, t),
                  float(wallet_core.share_of_wallet(w, 50.0)), U.KAM_WALLET_SHARE(w, 50.0))  # fmt: skip
    s.row += len(xs) + 1


def _barriers(s: Sheet, rng: np.random.Generator) -> None:
    # SPEC §2.5 wall table first (A 1,0,1,2 → 4, 50 %; B 2,1,1,2 → 6, 75 %; D 1,0,0,2 → 3, 37.5 %), then random.
    walls = [[1, 0, 1, 2], [2, 1, 1, 2], [1, 0, 0, 2]] + [list(rng.integers(0, 3, 4)) for _ in range(5)]
    for crit in walls:
        crit = [float(c) for c in crit]
        ref = s.column(1, crit)
        r = s.row
        wref = s.formula("wall", 2, r, REGISTRY["wall"].formula(ref, 4), float(barriers.wall(crit, MODEL)),
                         U.KAM_WALL(_col2d(crit)))  # fmt: skip
        ratio = float(barriers.wall_ratio(crit, MODEL))
        rref = s.formula(
            "wall_ratio", 3, r, REGISTRY["wall_ratio"].formula(wref), ratio, U.KAM_WALL_RATIO(_col2d(crit))
        )
        p, f, rel = (float(x) for x in np.round(rng.uniform(0, 5, 3), 1))
        cells = [s.put(4 + k, r, v) for k, v in enumerate((p, f, rel))]
        sw = float(barriers.switching_cost(p, f, rel, MODEL))
        swref = s.formula("switching", 7, r, REGISTRY["switching"].formula(*cells), sw, U.KAM_SWITCHING(p, f, rel))
        t, c = float(rng.integers(0, 6)), float(rng.integers(0, 6))
        tref, cref = s.put(8, r, t), s.put(9, r, c)
        strength = float(barriers.barrier_strength(ratio, t, c, sw, MODEL))
        bref = s.formula("barrier", 10, r, REGISTRY["barrier"].formula(rref, tref, cref, swref), strength,
                         U.KAM_BARRIER(ratio, t, c, sw))  # fmt: skip
        s.formula("barrier_level", 11, r, REGISTRY["barrier_level"].formula(bref, "zh"),
                  str(barriers.barrier_level(strength, MODEL, "zh")), U.KAM_BARRIER_LEVEL(strength, "zh"))  # fmt: skip
        s.row += 5


def _clv(s: Sheet, rng: np.random.Generator) -> None:
    rows = [(1000.0, 0.8, 0.1, None), (1000.0, 0.8, 0.1, 5.0), (250000.0, 0.9, 0.08, 10.0), (5000.0, 0.0, 0.0, 3.0)]
    rows += [(float(np.round(rng.uniform(1e3, 1e6), 2)), float(np.round(rng.uniform(0, 0.95), 3)),
              float(np.round(rng.uniform(0, 0.2), 3)), rng.choice([None, 1.0, 7.0, 30.0])) for _ in range(6)]  # fmt: skip
    for i, (m, ret, d, t) in enumerate(rows):
        r = s.row + i
        cells = [s.put(1 + k, r, v) for k, v in enumerate((m, ret, d, t))]
        s.formula("clv", 5, r, REGISTRY["clv"].formula(*cells), float(clv.clv(m, ret, d, t, MODEL)),
                  U.KAM_CLV(m, ret, d, t))  # fmt: skip
    s.row += len(rows) + 1


def _satisfaction(s: Sheet, rng: np.random.Generator) -> None:
    n = len(MODEL.satisfaction.dimensions)
    for _ in range(4):
        p = [float(x) for x in rng.integers(1, 11, n)]
        e = [float(x) for x in rng.integers(1, 11, n)]
        pref, eref = s.column(1, p), s.column(2, e)
        r = s.row
        gap = float(satisfaction.satisfaction_gap(p, e, model=MODEL))
        gref = s.formula("sat_gap", 3, r, REGISTRY["sat_gap"].formula(pref, eref), gap,
                         U.KAM_SAT_GAP(_col2d(p), _col2d(e)))  # fmt: skip
        s.formula("csi", 4, r, REGISTRY["csi"].formula(pref), float(satisfaction.csi(p, model=MODEL)),
                  U.KAM_CSI(_col2d(p)))  # fmt: skip
        s.formula("sat_level", 5, r, REGISTRY["sat_level"].formula(gref, "en"),
                  str(satisfaction.satisfaction_level(gap, MODEL, "en")), U.KAM_SAT_LEVEL(gap, "en"))  # fmt: skip
        s.row += n + 1


def _contacts(s: Sheet, rng: np.random.Generator) -> None:
    bc = MODEL.buying_centre
    for size in (1, 3, 6, 9):
        block = 10  # a fixed block with blank rows after the contacts, as in the account plan
        levels = [str(rng.choice([x.zh for x in bc.levels])) for _ in range(size)]
        roles = [str(rng.choice([x.zh for x in bc.roles])) for _ in range(size)]
        stances = [str(rng.choice([x.zh for x in bc.stances])) for _ in range(size)]
        infl = [float(x) for x in rng.integers(1, 6, size)]
        rel = [float(x) for x in rng.integers(0, 7, size)]
        pad = [None] * (block - size)
        lref, roref, _ = s.column(1, levels + pad), s.column(2, roles + pad), s.column(3, stances + pad)
        iref, relref = s.column(4, infl + pad), s.column(5, rel + pad)
        top = s.row
        for k in range(block):  # stance value per contact (a helper column, not an indicator)
            s.book.formula(s.ws, f"F{top + k}", stance_value(f"C{top + k}", "zh"),
                           float(next(x.value for x in bc.stances if x.zh == stances[k])) if k < size else "")  # fmt: skip
        svref = f"$F${top}:$F${top + block - 1}"
        s.formula("coverage", 7, top, REGISTRY["coverage"].formula(lref, relref, "zh", len(bc.levels)),
                  buying_centre.coverage(levels, rel, MODEL), U.KAM_COVERAGE(_col2d(levels + pad), _col2d(rel + pad)))  # fmt: skip
        s.formula("support", 8, top, REGISTRY["support"].formula(iref, svref),
                  buying_centre.support_index(infl, stances, MODEL),
                  U.KAM_SUPPORT(_col2d(infl + pad), _col2d(stances + pad)))  # fmt: skip
        s.formula("depth", 9, top, REGISTRY["depth"].formula(iref, relref), buying_centre.depth(infl, rel, MODEL),
                  U.KAM_DEPTH(_col2d(infl + pad), _col2d(rel + pad)))  # fmt: skip
        flags = buying_centre.risk_flags(levels, roles, stances, MODEL)
        s.formula("risks", 10, top, REGISTRY["risks"].formula(lref, roref, svref, "zh", MODEL),
                  buying_centre.risk_text(flags, "zh"),
                  U.KAM_RISKS(_col2d(levels + pad), _col2d(roles + pad), _col2d(stances + pad), "zh"))  # fmt: skip
        s.row += block + 1


def _pipeline(s: Sheet, rng: np.random.Generator) -> None:
    stages = MODEL.pipeline.stages
    size, block = 7, 10
    names = [str(rng.choice([x.en for x in stages])) for _ in range(size)]
    ev = [float(x) for x in np.round(rng.uniform(1e4, 5e6, size), -2)]
    pad = [None] * (block - size)
    _, evref = s.column(1, names + pad), s.column(2, ev + pad)
    top = s.row
    probs = pipeline.stage_probability(names, MODEL)
    for k in range(block):
        s.book.formula(s.ws, f"C{top + k}", stage_probability(f"A{top + k}", "en"),
                       float(probs[k]) if k < size else "")  # fmt: skip
    s.formula("pipeline", 4, top, REGISTRY["pipeline"].formula(evref, f"$C${top}:$C${top + block - 1}"),
              pipeline.weighted_pipeline(ev, names, MODEL), U.KAM_PIPELINE(_col2d(ev + pad), _col2d(names + pad)))  # fmt: skip
    s.row += block + 1


def _credit(s: Sheet, rng: np.random.Generator) -> None:
    cases = [(45.0, 0.05), (45.0000001, 0.05), (75.0, 0.15), (120.0, 0.31), (0.0, 0.0), (None, 0.2)]
    cases += [(float(np.round(rng.uniform(0, 200), 1)), float(np.round(rng.uniform(0, 0.6), 3))) for _ in range(6)]
    for i, (d, od) in enumerate(cases):
        r = s.row + i
        dref, oref = s.put(1, r, d), s.put(2, r, od)
        code = receivables.credit_rating(np.nan if d is None else d, od, MODEL)
        label = next(x.zh for x in MODEL.receivables.ratings if x.code == code)
        s.formula("credit_rating", 3, r, REGISTRY["credit_rating"].formula(dref, oref, "zh"), label,
                  U.KAM_CREDIT_RATING(d, od, "zh"))  # fmt: skip
    # DSO from outstanding, sales and days (0/0 → 0; sales 0 with something outstanding → undefined, blank)
    for i, (o, sa) in enumerate([(100.0, 1000.0), (0.0, 0.0), (50.0, 0.0), (123.45, 6789.0)]):
        r = s.row + i
        refs = [s.put(5 + k, r, v) for k, v in enumerate((o, sa, 365.0))]
        s.formula("dso", 8, r, REGISTRY["dso"].formula(*refs), receivables.dso(o, sa, 365.0), U.KAM_DSO(o, sa, 365.0))
    s.row += len(cases) + 1


def _aging(s: Sheet, rng: np.random.Generator) -> None:
    n, block = 12, 15
    amounts = [float(x) for x in np.round(rng.uniform(100, 10000, n), 2)]
    dpd = [float(x) for x in rng.choice([-20, 0, 1, 30, 31, 60, 61, 90, 91, 400], n)]
    pad = [None] * (block - n)
    aref, dref = s.column(1, amounts + pad), s.column(2, dpd + pad)
    expected = receivables.aging_row(amounts, dpd, MODEL.receivables.aging_edges)
    k = len(expected)
    for b in range(k):
        s.formula("aging", 3 + b, s.row, REGISTRY["aging"].formula(aref, dref, b, k), float(expected[b]))
    s.row += block + 1


BUILDERS: tuple[Callable[[Sheet, np.random.Generator], None], ...] = (
    _scorecard, _abc_pyramid, _pairs, _barriers, _clv, _satisfaction, _contacts, _pipeline, _credit, _aging,
)  # fmt: skip


@pytest.fixture(scope="module")
def parity(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    book = Book(MODEL, "zh", ("对照", "Parity"))
    book.add_model_sheet()
    sheet = Sheet(book)
    rng = np.random.default_rng(20261123)
    for build in BUILDERS:
        build(sheet, rng)
    path = book.save(tmp_path_factory.mktemp("parity") / "parity.xlsx")
    return path, sheet.cases


def test_every_rendered_indicator_is_exercised(parity) -> None:
    _, cases = parity
    rendered = {k for k, entry in REGISTRY.items() if entry.excel}
    assert rendered == {c.key for c in cases}


def _check(values: dict, cases: list[Case], engine: str) -> None:
    bad = [(c.key, c.ref, c.core, values.get((SHEET, c.ref))) for c in cases
           if not close(values.get((SHEET, c.ref)), c.core)]  # fmt: skip
    assert not bad, f"{engine} disagrees with the core on {len(bad)} cells, e.g. {bad[:5]}"


def test_udf_agrees_with_core(parity) -> None:
    _, cases = parity
    bad = [(c.key, c.ref, c.core, c.udf) for c in cases if not close(c.udf, c.core)]
    assert not bad, bad[:5]


def test_cached_values_are_the_core(parity) -> None:
    path, cases = parity
    _check(cached_values(path), cases, "the cached value")


def test_formulas_engine_agrees_with_core(parity) -> None:
    path, cases = parity
    _check(by_title(FormulasBook(path).values(), [SHEET, "Model"]), cases, "formulas")


def test_libreoffice_agrees_with_core(parity, tmp_path: Path) -> None:
    path, cases = parity
    out = libreoffice_recalc([path], tmp_path / "lo")[path]
    _check(cached_values(out), cases, "LibreOffice")
