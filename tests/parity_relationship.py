"""Parity cases: relationship (see tests/parity.py)."""

from __future__ import annotations

import kam_udfs as U
import numpy as np
from parity import MODEL, Builder, Sheet, col2d

from kam_xl.core import buying_centre
from kam_xl.indicators import REGISTRY
from kam_xl.xlformulas.relationship import stance_value


def case_contacts(s: Sheet, rng: np.random.Generator) -> None:
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
            s.helper(f"F{top + k}", stance_value(f"C{top + k}", "zh"),
                           float(next(x.value for x in bc.stances if x.zh == stances[k])) if k < size else "")  # fmt: skip
        svref = f"$F${top}:$F${top + block - 1}"
        s.formula("coverage", 7, top, REGISTRY["coverage"].formula(lref, relref, "zh", len(bc.levels)),
                  buying_centre.coverage(levels, rel, MODEL), U.KAM_COVERAGE(col2d(levels + pad), col2d(rel + pad)))  # fmt: skip
        s.formula("support", 8, top, REGISTRY["support"].formula(iref, svref),
                  buying_centre.support_index(infl, stances, MODEL),
                  U.KAM_SUPPORT(col2d(infl + pad), col2d(stances + pad)))  # fmt: skip
        s.formula("depth", 9, top, REGISTRY["depth"].formula(iref, relref), buying_centre.depth(infl, rel, MODEL),
                  U.KAM_DEPTH(col2d(infl + pad), col2d(rel + pad)))  # fmt: skip
        flags = buying_centre.risk_flags(levels, roles, stances, MODEL)
        s.formula("risks", 10, top, REGISTRY["risks"].formula(lref, roref, svref, "zh", MODEL),
                  buying_centre.risk_text(flags, "zh"),
                  U.KAM_RISKS(col2d(levels + pad), col2d(roles + pad), col2d(stances + pad), "zh"))  # fmt: skip
        s.row += block + 1


BUILDERS: tuple[Builder, ...] = (case_contacts,)
