"""Parity cases: barriers (see tests/parity.py)."""

from __future__ import annotations

import kam_udfs as U
import numpy as np
from parity import MODEL, Builder, Sheet, col2d

from kam_xl.core import barriers
from kam_xl.indicators import REGISTRY


def case_barriers(s: Sheet, rng: np.random.Generator) -> None:
    # SPEC §2.5 wall table first (A 1,0,1,2 → 4, 50 %; B 2,1,1,2 → 6, 75 %; D 1,0,0,2 → 3, 37.5 %), then random.
    walls = [[1, 0, 1, 2], [2, 1, 1, 2], [1, 0, 0, 2]] + [list(rng.integers(0, 3, 4)) for _ in range(5)]
    for crit in walls:
        crit = [float(c) for c in crit]
        ref = s.column(1, crit)
        r = s.row
        wref = s.formula("wall", 2, r, REGISTRY["wall"].formula(ref, 4), float(barriers.wall(crit, MODEL)),
                         U.KAM_WALL(col2d(crit)))  # fmt: skip
        ratio = float(barriers.wall_ratio(crit, MODEL))
        rref = s.formula("wall_ratio", 3, r, REGISTRY["wall_ratio"].formula(wref), ratio, U.KAM_WALL_RATIO(col2d(crit)))
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


BUILDERS: tuple[Builder, ...] = (case_barriers,)
