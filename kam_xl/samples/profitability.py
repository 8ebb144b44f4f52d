"""Sample costs and returns on the demo accounts' orders (#10, profitability): each order's cost of sales
from the account's gross margin (a little spread order by order), and now and then part of an order
returned, so the orders' gross margin, profitability class and returns rate read as the account's."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from kam_xl.workbooks.customer_file import Order

if TYPE_CHECKING:  # records imports this module (its orders' costs)
    from kam_xl.samples.records import SampleAccount

__all__ = ["PlanCosts", "plan_costs", "with_costs"]


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


class PlanCosts(NamedTuple):
    """An account plan's profitability inputs (AccountPlan fields)."""

    cost_of_sales: float
    resource_budget: float


def plan_costs(a: SampleAccount, sales: float) -> PlanCosts:
    """The plan's cost of sales (our sales at the account's gross margin, as its portfolio row's margin)
    and a resource budget: about 3 % of the sales for a better account, 1.5 % for a weaker one."""
    rng = np.random.default_rng([a.index, 10])
    return PlanCosts(
        float(round(sales * (1 - a.gross_margin), -2)),
        float(round(sales * (0.015 + 0.015 * a.quality) * rng.uniform(0.9, 1.1), -3)),
    )
