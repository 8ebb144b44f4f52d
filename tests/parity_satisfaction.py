"""Parity cases: satisfaction (see tests/parity.py)."""

from __future__ import annotations

import kam_udfs as U
import numpy as np
from parity import MODEL, Builder, Sheet, col2d

from kam_xl.core import satisfaction
from kam_xl.indicators import REGISTRY


def case_satisfaction(s: Sheet, rng: np.random.Generator) -> None:
    n = len(MODEL.satisfaction.dimensions)
    for _ in range(4):
        p = [float(x) for x in rng.integers(1, 11, n)]
        e = [float(x) for x in rng.integers(1, 11, n)]
        pref, eref = s.column(1, p), s.column(2, e)
        r = s.row
        gap = float(satisfaction.satisfaction_gap(p, e, model=MODEL))
        gref = s.formula("sat_gap", 3, r, REGISTRY["sat_gap"].formula(pref, eref), gap,
                         U.KAM_SAT_GAP(col2d(p), col2d(e)))  # fmt: skip
        s.formula("csi", 4, r, REGISTRY["csi"].formula(pref), float(satisfaction.csi(p, model=MODEL)),
                  U.KAM_CSI(col2d(p)))  # fmt: skip
        s.formula("sat_level", 5, r, REGISTRY["sat_level"].formula(gref, "en"),
                  str(satisfaction.satisfaction_level(gap, MODEL, "en")), U.KAM_SAT_LEVEL(gap, "en"))  # fmt: skip
        gaps = satisfaction.dimension_gap(p, e, MODEL).tolist()
        for k in range(n):  # each dimension's own gap
            s.formula("dimension_gap", 6, r + k, REGISTRY["dimension_gap"].formula(f"A{r + k}", f"B{r + k}"), gaps[k])
        s.row += n + 1


def case_dimension_gap(s: Sheet, rng: np.random.Generator) -> None:
    # the scale's ends both ways (10 − 1 = 9, 1 − 10 = −9), a tie (0), a blank on either side (blank)
    pairs: list[tuple[float | None, float | None]] = [(10.0, 1.0), (1.0, 10.0), (7.0, 7.0), (None, 5.0), (5.0, None)]
    for i, (p, e) in enumerate(pairs):
        r = s.row + i
        pref, eref = s.put(1, r, p), s.put(2, r, e)
        value = "" if p is None or e is None else satisfaction.dimension_gap(p, e, MODEL)
        s.formula("dimension_gap", 3, r, REGISTRY["dimension_gap"].formula(pref, eref), value)
    assert satisfaction.dimension_gap(10, 1, MODEL) == 9.0 and satisfaction.dimension_gap(1, 10, MODEL) == -9.0
    s.row += len(pairs) + 1


def case_satisfaction_edits(s: Sheet, rng: np.random.Generator) -> None:
    """Ordinary edits (issue 7): a score stored as text is read ("7" − 5 = 2); "abc", 0 and 11 (off the 1–10
    scale, which the core refuses) give a blank; a column with one score off the scale: no gap, no CSI."""
    r = s.row
    lo, hi = MODEL.satisfaction.scale_min, MODEL.satisfaction.scale_max
    assert (lo, hi) == (1.0, 10.0)
    pairs: list[tuple[object, object, object]] = [("7", 5.0, 2.0), ("abc", 5.0, ""), (0.0, 5.0, ""), (5.0, 11.0, "")]
    assert satisfaction.dimension_gap("7", 5, MODEL) == 2.0
    for k, (p, e, want) in enumerate(pairs):
        a, b = s.put(1, r + k, p), s.put(2, r + k, e)
        s.formula("dimension_gap", 3, r + k, REGISTRY["dimension_gap"].formula(a, b), want)
    s.row += len(pairs) + 1
    n = len(MODEL.satisfaction.dimensions)
    perceived = [5.0] * (n - 1) + [11.0]
    pref, eref = s.column(1, perceived), s.column(2, [5.0] * n)
    s.formula("sat_gap", 3, s.row, REGISTRY["sat_gap"].formula(pref, eref), "")
    s.formula("csi", 4, s.row, REGISTRY["csi"].formula(pref), "")
    s.row += n + 1


BUILDERS: tuple[Builder, ...] = (case_satisfaction, case_dimension_gap, case_satisfaction_edits)
