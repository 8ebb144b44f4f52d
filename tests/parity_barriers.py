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


def case_wall_from_figures(s: Sheet, rng: np.random.Generator) -> None:
    """The wall criteria share and contact from the share of wallet and the level coverage, at the SPEC §2.5
    edges (30 % and 70 % score 1; two levels of three score 1, three score 2), blank, and with an override."""
    n = len(MODEL.buying_centre.levels)
    shares: list[object] = [
        0.0,
        0.2999,
        0.30,
        0.5,
        0.70,
        0.7001,
        1.0,
        "",
        *(float(x) for x in np.round(rng.uniform(0, 1, 4), 4)),
    ]
    covers: list[object] = [0.0, 1 / 3, 2 / 3, 1.0, ""]
    for k, share in enumerate(shares):
        r = s.row + k
        ref = s.put(1, r, share)
        want = "" if share == "" else barriers.wall_share_score(share, MODEL)
        s.formula("wall_share", 2, r, REGISTRY["wall_share"].formula(ref), want)
        over = s.put(3, r, 0.0)  # an override of 0 wins over any share
        s.formula("wall_share", 4, r, REGISTRY["wall_share"].formula(ref, over), 0.0)
    for k, cover in enumerate(covers):
        r = s.row + k
        ref = s.put(6, r, cover)
        want = "" if cover == "" else barriers.wall_contact_score(cover, MODEL)
        s.formula("wall_contact", 7, r, REGISTRY["wall_contact"].formula(ref, n), want)
    s.row += len(shares) + 2


BUILDERS: tuple[Builder, ...] = (case_barriers, case_wall_from_figures)
