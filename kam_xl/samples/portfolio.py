"""The sample portfolio as the portfolio workbook takes it: owners, and DSO and overdue ratio computed by
the core from the same ledger as each account's customer file."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_AS_OF, SAMPLE_SEED
from kam_xl.samples.accounts import sample_portfolio
from kam_xl.samples.records import sample_accounts

__all__ = ["portfolio"]


def portfolio(
    n: int = 36, *, seed: int = SAMPLE_SEED, model: Model | None = None, as_of: date | None = None
) -> pd.DataFrame:
    """The bundled sample portfolio with owners, and outstanding, DSO and overdue ratio from each account's ledger
    as of ``as_of`` (default: the demo's date), as its customer file computes them."""
    model = model or active_model()
    as_of = as_of or SAMPLE_AS_OF
    table = sample_portfolio(n, model, seed, as_of)
    rows = [a.record.portfolio_row(model) for a in sample_accounts(n, model, seed, as_of)]
    table["outstanding"] = np.array([r["outstanding"] for r in rows], dtype=float)  # None (no ledger): NaN
    table["dso"] = np.array([r["dso"] for r in rows], dtype=float)
    table["overdue_ratio"] = np.array([r["overdue_ratio"] for r in rows], dtype=float)
    return table
