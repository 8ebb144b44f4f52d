"""The sample portfolio as the portfolio workbook takes it: owners, and DSO and overdue ratio
from the sample ledger."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from kam_xl.core.receivables import receivables
from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_AS_OF, SAMPLE_SEED
from kam_xl.samples.accounts import sample_ledger, sample_portfolio

__all__ = ["portfolio"]


_OWNERS = ("王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄涛")


def portfolio(
    n: int = 36, *, seed: int = SAMPLE_SEED, model: Model | None = None, as_of: date | None = None
) -> pd.DataFrame:
    """The bundled sample portfolio with owners, and DSO and overdue ratio from its sample ledger
    as of ``as_of`` (default: the demo's date), as the demo computes them."""
    model = model or active_model()
    as_of = as_of or SAMPLE_AS_OF
    table = sample_portfolio(n, model, seed)
    repeat = table.groupby("account").cumcount().to_numpy()
    table["account"] = [a if k == 0 else f"{a}（{k + 1}）" for a, k in zip(table["account"], repeat, strict=True)]
    rng = np.random.default_rng(seed + 2)
    table["owner"] = rng.choice(_OWNERS, n)
    invoices, receipts = sample_ledger(table, as_of, seed)
    accounts = receivables(invoices, receipts, as_of, model=model).accounts
    table["dso"] = table["account"].map(accounts["dso"])
    table["overdue_ratio"] = table["account"].map(accounts["overdue_ratio"])
    return table
