"""Sample costs and returns on the demo accounts' orders (#10, profitability): each order's cost of sales
from the account's gross margin (a little spread order by order), and now and then part of an order
returned, so the orders' gross margin, profitability class and returns rate read as the account's.
The plan's side (cost of sales, resource budget) is in :mod:`kam_xl.samples.account_plan`."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from kam_xl.workbooks.customer_file import Order

__all__ = ["with_costs"]


def with_costs(orders: tuple[Order, ...], gross_margin: float, seed: int) -> tuple[Order, ...]:
    """The orders with a cost (amount × (1 − the account's margin ± 3 points)) and, on about one order in
    twelve, 2–15 % of it returned; reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    out = []
    for o in orders:
        spread = float(rng.normal(0, 0.03))
        back = rng.random() < 1 / 12
        share_back = float(rng.uniform(0.02, 0.15))
        if o.amount is None:
            out.append(o)
            continue
        cost = round(float(o.amount) * (1 - gross_margin + spread), 2)
        returned = round(float(o.amount) * share_back, 2) if back else None
        out.append(replace(o, cost=cost, returned=returned))
    return tuple(out)
