"""Profitability and return on an account (获利与投资回报) — docs/definitions.md §2.14, seed 001.

Seed 001 sorts accounts into 高获利 / 中获利 / 低获利 / 无获利 (high, medium, low, no profit) and asks to
"评估投资回报" (assess the return on what the account is given), and its plan to "确定大客户的优惠政策"
(set the key accounts' discount policy). Here: gross margin = (sales − cost) / sales, the profitability
class by the model's bands on it, the cost to serve (the plan's resource and action budgets), the return
on them, ROI = (gross profit − cost to serve) / cost to serve, and the discount a tier is granted
(the Model's ``[discount]``) with its cost, sales × rate.

Blank in, blank out (NaN); a cost, a budget or sales below 0 is refused, never clamped.
"""

from __future__ import annotations

import numpy as np

from kam_xl.core import _checks
from kam_xl.core.bands import band_index, lookup, texts
from kam_xl.models import Model, active_model

__all__ = [
    "cost_to_serve",
    "discount_cost",
    "discount_rate",
    "gross_margin",
    "gross_profit",
    "margin_of",
    "profitability",
    "profitability_index",
    "resource_roi",
]


def _not_negative(values: object, field: str) -> np.ndarray:
    return _checks.in_range(_checks.numbers(values, field), field, 0)


def gross_profit(sales: object, cost: object) -> np.ndarray:
    """Sales − cost (毛利); NaN where either is blank. Sales or a cost below 0 is an error."""
    s, c = _not_negative(sales, "sales"), _not_negative(cost, "cost")
    return np.asarray(s - c, dtype=float)


def gross_margin(sales: object, cost: object) -> np.ndarray:
    """(sales − cost) / sales (毛利率); NaN where sales are blank or 0 (no sales: no margin) or the cost
    is blank. Sales or a cost below 0 is an error."""
    s, c = _not_negative(sales, "sales"), _not_negative(cost, "cost")
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (s - c) / s
    return np.asarray(np.where(s > 0, out, np.nan), dtype=float)


def margin_of(profit: object, sales: object) -> np.ndarray:
    """Gross margin from the gross profit already known (a portfolio's annual margin): profit / sales;
    NaN where either is blank or there are no sales. Sales below 0 is an error."""
    gp, s = _checks.numbers(profit, "gross_profit"), _not_negative(sales, "sales")
    with np.errstate(divide="ignore", invalid="ignore"):
        out = gp / s
    return np.asarray(np.where(s > 0, out, np.nan), dtype=float)


def profitability_index(margin: object, model: Model | None = None) -> np.ndarray:
    """Index into the model's profitability bands of each gross margin (-1 where blank)."""
    model = model or active_model()
    return band_index(_checks.numbers(margin, "gross_margin"), model.profitability)


def profitability(margin: object, model: Model | None = None, lang: str | None = None) -> np.ndarray:
    """The profitability class (高获利 / 中获利 / 低获利 / 无获利) of each gross margin: the first of the
    model's bands it reaches, top down; "" where the margin is blank."""
    model = model or active_model()
    return texts(profitability_index(margin, model), model.profitability, lang or model.language)


def cost_to_serve(*budgets: object) -> float:
    """What the account is given: the sum of the plan's resource and action budgets (blank = 0, as SUM
    reads a blank); a budget below 0 is an error."""
    total = 0.0
    for i, b in enumerate(budgets):
        arr = _not_negative(b, f"budget[{i + 1}]" if len(budgets) > 1 else "budget")
        total += float(np.nansum(arr))
    return total


def resource_roi(profit: object, cost: object) -> np.ndarray:
    """Return on the account's resources (评估投资回报): (gross profit − cost to serve) / cost to serve;
    NaN where either is blank or nothing is spent (cost 0). A cost below 0 is an error."""
    gp, c = _checks.numbers(profit, "gross_profit"), _not_negative(cost, "cost_to_serve")
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (gp - c) / c
    return np.asarray(np.where(c > 0, out, np.nan), dtype=float)


def discount_rate(tier: object, model: Model | None = None) -> np.ndarray:
    """The discount rate the model grants each tier (优惠政策), the tier given as its code or its label in
    either language; NaN where the tier is blank, 0 where the model sets no discount policy."""
    model = model or active_model()
    arr = np.asarray(tier, dtype=object)
    idx = lookup(np.atleast_1d(arr), model.tiers, "tier", allow_blank=True)
    rates = np.array([model.discount_rate(t.code) for t in model.tiers] + [np.nan])
    return np.asarray(rates[idx].reshape(arr.shape), dtype=float)


def discount_cost(sales: object, rate: object) -> np.ndarray:
    """What the discount costs: sales × the tier's discount rate; NaN where either is blank. Sales below 0
    or a rate outside [0, 1) is an error."""
    s = _not_negative(sales, "sales")
    r = _checks.in_range(_checks.numbers(rate, "discount_rate"), "discount_rate", 0, 1, hi_open=True)
    return np.asarray(s * r, dtype=float)
