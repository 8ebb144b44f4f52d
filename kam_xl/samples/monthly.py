"""A sample monthly business plan (月度经营, seed 003) for an account of the sample portfolio.

Derived from the account's own ledger (:mod:`kam_xl.samples.records`, the invoices and receipts its customer
file holds), not drawn apart from it. The plan year is the as-of date's calendar year:

- actual sales of a month = the account's invoices dated in that month (only months up to the as-of date;
  later months are blank, not yet reported); last year's = the invoices of the same month a year before,
  where the ledger reaches back that far (blank before it begins);
- gross profit = sales × the account's gross margin (the portfolio row's margin is our sales × the same);
- collections = the receipts dated in the month; their target = the invoices falling due in the month;
- sales targets = last year's month (else the year's average month) raised by a growth the account's plan
  could aim at; gross-profit targets at the account's margin.

So the plan year's actual months and last year's months after the as-of month add up to the ledger's
trailing twelve months — the portfolio row's sales, when the period is twelve months ending at a month end.
Wallet headroom by product line splits the account's total spend over the lines it buys; the joint plan
names the account's own contacts as the customer-side owners.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np

from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_AS_OF, SAMPLE_SEED
from kam_xl.samples.account_plan import line_sales, plan_account
from kam_xl.workbooks.account_plan.data import Commitment, GrowthStep, Month, MonthlyPlan, WalletLine

__all__ = ["monthly_plan", "monthly_sales"]

_T = tuple[str, str]
_KEY_ACTIONS: tuple[_T, ...] = (
    ("年度框架协议谈判", "Annual frame-agreement talks"),
    ("新产线技术交流会", "Technical seminar on the new line"),
    ("高层互访", "Executive visit"),
    ("样机试用与验收", "Trial unit and acceptance"),
    ("季度业务回顾（QBR）", "Quarterly business review"),
    ("备件寄售库存上线", "Consignment stock of spares goes live"),
    ("对账与回款专项", "Reconciliation and collections drive"),
    ("联合培训（设备部、生产部）", "Joint training (equipment and production)"),
    ("新品推介", "New-product presentation"),
)
_COMMITMENTS: tuple[tuple[_T, _T, _T], ...] = (
    (("年度采购份额", "Annual share of purchases"), ("年度采购量不低于框架约定", "buys at least the frame volume"),
     ("保供与年降 3%", "secures supply, 3 % a year lower prices")),
    (("备件寄售（VMI）", "Consignment stock (VMI)"), ("按月提供用量预测", "sends a monthly usage forecast"),
     ("在客户现场设寄售库存", "keeps consignment stock on site")),
    (("新产线联合开发", "Co-development of the new line"), ("开放技术规格评审", "opens the specification review"),
     ("派驻应用工程师", "seconds an application engineer")),
)  # fmt: skip


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


def monthly_sales(account: str, model: Model | None = None, as_of: date = SAMPLE_AS_OF) -> dict[tuple[int, int], float]:
    """The account's invoiced amounts by (year, month), from its ledger (every invoice, service ones too)."""
    r = plan_account(account, model or active_model(), SAMPLE_SEED, as_of).record
    out: dict[tuple[int, int], float] = defaultdict(float)
    for inv in r.invoices:
        if inv.invoice_date is not None and inv.amount is not None and inv.invoice_date <= as_of:
            out[_month(inv.invoice_date)] += float(inv.amount)
    return dict(out)


def monthly_plan(
    account: str, seed: int, *, model: Model | None = None, as_of: date = SAMPLE_AS_OF, lang: str = "zh"
) -> MonthlyPlan:
    """The plan year's months, wallet lines, growth steps and joint-plan commitments for ``account``."""
    model = model or active_model()
    a = plan_account(account, model, SAMPLE_SEED, as_of)
    r = a.record
    rng = np.random.default_rng([seed, a.index, 5])
    i = 0 if lang == "zh" else 1
    year, margin = as_of.year, a.gross_margin
    sales = monthly_sales(account, model, as_of)
    first = min(sales, default=(year, 1))
    received: dict[tuple[int, int], float] = defaultdict(float)
    for rec in r.receipts:
        if rec.receipt_date is not None and rec.amount is not None and rec.receipt_date <= as_of:
            received[_month(rec.receipt_date)] += float(rec.amount)
    falling_due: dict[tuple[int, int], float] = defaultdict(float)
    for inv in r.invoices:
        if inv.due_date is not None and inv.amount is not None:
            falling_due[_month(inv.due_date)] += float(inv.amount)
    average = float(np.mean(list(sales.values()))) if sales else 0.0
    growth = float(rng.uniform(0.08, 0.2))
    months = []
    for m in range(1, 13):
        this, last = (year, m), (year - 1, m)
        reported = this <= _month(as_of)
        known_last = last >= first  # the ledger reaches back to this month of last year
        ly = round(sales.get(last, 0.0), 2) if known_last else None
        target = float(round((ly if ly else average) * (1 + growth), -3))
        actual = round(sales.get(this, 0.0), 2) if reported else None
        months.append(Month(
            sales_target=target, sales=actual, sales_last_year=ly,
            profit_target=float(round(target * margin, -2)),
            profit=None if actual is None else round(actual * margin, 2),
            profit_last_year=None if ly is None else round(ly * margin, 2),
            collections_target=float(round(falling_due.get(this, 0.0), -2)) or None,
            collections=round(received.get(this, 0.0), 2) if reported else None,
            collections_last_year=round(received.get(last, 0.0), 2) if known_last else None,
            key_actions=_KEY_ACTIONS[(m + a.index) % len(_KEY_ACTIONS)][i] if reported or m == as_of.month + 1 else None,
        ))  # fmt: skip
    ours = {line.name: float(line.sales or 0.0) for line in line_sales(a, model)}
    share = max(0.05, min(0.95, float(r.wallet_share(model) or 0.5)))
    wallet = [
        WalletLine(name, float(round(v / min(0.95, share * float(rng.uniform(0.8, 1.2))), -3)), round(v, 2))
        for name, v in ours.items()
        if name and v > 0
    ]
    done = int(rng.integers(2, 5))
    steps = [GrowthStep(r.owner, k < done, None) for k in range(5)]
    people = [c for c in r.contacts if getattr(c, "name", None)]
    commitments = []
    for k, (item, theirs, mine) in enumerate(_COMMITMENTS):
        contact = people[k % len(people)] if people else None
        commitments.append(Commitment(
            item[i], r.owner, None if contact is None else contact.name, theirs[i], mine[i],
            date(year, min(12, as_of.month + 1 + k), 28), ("in_progress", "not_started", "done")[k],
        ))  # fmt: skip
    return MonthlyPlan(year=year, months=months, wallet=wallet, steps=steps, commitments=commitments)
