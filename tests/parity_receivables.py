"""Parity cases: receivables (see tests/parity.py)."""

from __future__ import annotations

import kam_udfs as U
import numpy as np
from parity import MODEL, Builder, Sheet

from kam_xl.core import receivables
from kam_xl.indicators import REGISTRY


def case_credit(s: Sheet, rng: np.random.Generator) -> None:
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


def case_aging(s: Sheet, rng: np.random.Generator) -> None:
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


BUILDERS: tuple[Builder, ...] = (
    case_credit,
    case_aging,
)
