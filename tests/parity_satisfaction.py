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
        s.row += n + 1


BUILDERS: tuple[Builder, ...] = (case_satisfaction,)
