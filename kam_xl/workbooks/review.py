"""The team's monthly review workbook (每月经营分析会, seed 003) — docs/definitions.md §2.13.

``kam-xl review`` (:mod:`kam_xl.jobs.review`) reads every account plan's monthly-plan sheet in a folder and
writes one workbook for the month:

- **客户明细 / Accounts** — one row per account: owner, tier, the plan it came from; the month's sales target,
  actual and last year's with attainment, year-on-year growth, the year to date and the below-target flag;
  gross profit and collections (target, actual, attainment); a totals row;
- **汇总 / Summary** — the same figures by owner and by tier (each a sum of the account rows: live formulas),
  and the accounts below target, the furthest below first;
- **问题 / Problems** and the Model sheet.

The account rows' month figures are the plans' inputs (values); every attainment, growth and flag, every
total and every owner's and tier's sum is a formula cached with the core's value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kam_xl.core import monthly, tally
from kam_xl.core.monthly import MonthFigures
from kam_xl.models import Model
from kam_xl.workbooks.book import RED, Book
from kam_xl.workbooks.canvas import Sheet
from kam_xl.workbooks.labels import Text

__all__ = ["ACCOUNTS_FIRST_ROW", "COLUMNS", "SHEETS", "ReviewRow", "build"]

SHEETS: dict[str, Text] = {"accounts": ("客户明细", "Accounts"), "summary": ("汇总", "Summary")}
KIND: Text = ("每月经营分析会", "Monthly business review")
ACCOUNTS_FIRST_ROW = 5


@dataclass(frozen=True)
class ReviewRow:
    """One account's month: who, which plan, and each measure's figures (:func:`kam_xl.core.monthly.month_figures`)."""

    account: str
    owner: str | None
    tier: str | None
    plan: str
    sales: MonthFigures
    profit: MonthFigures
    collections: MonthFigures


_T: dict[str, Text] = {
    "account": ("客户", "Account"),
    "owner": ("负责人", "Owner"),
    "tier": ("客户等级", "Tier"),
    "plan": ("计划文件", "Plan file"),
    "accounts": ("客户数", "Accounts"),
    "target": ("销售目标", "Sales target"),
    "actual": ("销售实际", "Sales actual"),
    "attainment": ("达成率", "Attainment"),
    "last_year": ("去年同期", "Last year"),
    "growth": ("同比增长", "YoY growth"),
    "ytd_target": ("累计目标", "YTD target"),
    "ytd_actual": ("累计实际", "YTD actual"),
    "ytd_attainment": ("累计达成率", "YTD attainment"),
    "below": ("未达标", "Below target"),
    "profit_target": ("毛利目标", "Gross-profit target"),
    "profit_actual": ("毛利实际", "Gross profit"),
    "profit_attainment": ("毛利达成率", "Gross-profit attainment"),
    "collections_target": ("回款目标", "Collections target"),
    "collections_actual": ("回款实际", "Collections"),
    "collections_attainment": ("回款达成率", "Collections attainment"),
    "total": ("合计", "Total"),
    "by_owner": ("按负责人", "By owner"),
    "by_tier": ("按客户等级", "By tier"),
    "below_list": (
        "未达标客户（本月销售达成率 < 100 %，由低到高）",
        "Accounts below target (this month's sales, lowest first)",
    ),
    "none_below": ("本月没有未达标的客户", "No account is below target this month"),
    "hint": (
        "本月数据取自各客户计划的“月度经营”表；达成率、同比、合计和分组汇总为公式。",
        "The month's figures come from each account plan's Monthly plan sheet; attainment, growth, totals and "
        "the groups' sums are formulas.",
    ),
}
# the amount columns: key, the measure and the MonthFigures field it shows
_AMOUNTS: tuple[tuple[str, str, str], ...] = (
    ("target", "sales", "target"), ("actual", "sales", "actual"), ("last_year", "sales", "last_year"),
    ("ytd_target", "sales", "ytd_target"), ("ytd_actual", "sales", "ytd_actual"),
    ("profit_target", "profit", "target"), ("profit_actual", "profit", "actual"),
    ("collections_target", "collections", "target"), ("collections_actual", "collections", "actual"),
)  # fmt: skip
# the account sheet's columns after A–D (account, owner, tier, plan), in order
COLUMNS: tuple[str, ...] = (
    "target", "actual", "attainment", "last_year", "growth", "ytd_target", "ytd_actual", "ytd_attainment", "below",
    "profit_target", "profit_actual", "profit_attainment", "collections_target", "collections_actual",
    "collections_attainment",
)  # fmt: skip
# each rate: its key, (actual, target-or-last-year) columns, and the core rule
_RATES: dict[str, tuple[str, str, str]] = {
    "attainment": ("actual", "target", "attainment"),
    "growth": ("actual", "last_year", "growth_yoy"),
    "ytd_attainment": ("ytd_actual", "ytd_target", "attainment"),
    "profit_attainment": ("profit_actual", "profit_target", "attainment"),
    "collections_attainment": ("collections_actual", "collections_target", "attainment"),
}


_WIDTHS = {"account": 28, "owner": 12, "tier": 12, "plan": 24, "accounts": 9}


def _width(key: str) -> float:
    """A column's width: an amount fits ¥999,999,999.99, a rate or flag 11."""
    return _WIDTHS.get(key, 16 if key in {k for k, _, _ in _AMOUNTS} else 11)


def _letter(i: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i]


def _value(x: float) -> object:
    """A figure's cached value: blank ("") where the core says NaN."""
    return "" if math.isnan(x) else float(x)


def _amount(x: float) -> float | None:
    """An amount written as a value: None (an empty cell) where blank."""
    return None if math.isnan(x) else float(x)


def _rate(key: str, amounts: dict[str, float]) -> float:
    a, b, rule = _RATES[key]
    fn = monthly.attainment if rule == "attainment" else monthly.growth
    return float(fn(amounts[a], amounts[b]))


class _Writer:
    def __init__(self, model: Model, lang: str, month: str) -> None:
        self.lang = lang
        self.book = Book(model, lang, KIND)
        self.book.about = month
        self.month = month

    def t(self, key: str) -> str:
        return self.book.t(_T[key])

    def start(self, key: str, widths: Sequence[float]) -> Sheet:
        ws = self.book.sheet(SHEETS[key])
        for i, w in enumerate(widths, start=1):
            ws.width(i, w)
        title = f"{self.book.t(KIND)} {self.month} — {self.book.t(SHEETS[key])}"
        self.book.title(ws, "A1", title)
        self.book.hint(ws, "A2", _T["hint"])
        return ws

    def heads(self, ws: Sheet, row: int, keys: Sequence[str]) -> None:
        for i, key in enumerate(keys):
            self.book.label(ws, f"{_letter(i)}{row}", _T[key])
        ws.height(row, 30)

    def rates(self, ws: Sheet, r: int, col: dict[str, str], amounts: dict[str, float]) -> None:
        """The rates of row ``r`` from its amount cells; the below-target flag on the attainment."""
        b = self.book
        for key, (a, t, entry) in _RATES.items():
            b.indicator(ws, f"{col[key]}{r}", entry, f"{col[a]}{r}", f"{col[t]}{r}",
                        value=_value(_rate(key, amounts)), fmt="percent")  # fmt: skip
        if "below" in col:
            flag = monthly.below_target(_rate("attainment", amounts), self.lang).item()
            b.indicator(ws, f"{col['below']}{r}", "below_target", f"{col['attainment']}{r}", self.lang, value=flag)


def _amounts(row: ReviewRow) -> dict[str, float]:
    return {key: getattr(getattr(row, measure), field) for key, measure, field in _AMOUNTS}


def _accounts_sheet(w: _Writer, rows: Sequence[ReviewRow]) -> tuple[str, int, int, dict[str, str]]:
    """The account rows and their totals; the sheet's title, first and last account row, the columns."""
    b = w.book
    keys = ("account", "owner", "tier", "plan", *COLUMNS)
    ws = w.start("accounts", [_width(k) for k in keys])
    head, first = ACCOUNTS_FIRST_ROW - 1, ACCOUNTS_FIRST_ROW
    w.heads(ws, head, keys)
    col = {k: _letter(i) for i, k in enumerate(keys)}
    last = first + max(len(rows), 1) - 1
    for i, row in enumerate(rows):
        r = first + i
        for key, value in (("account", row.account), ("owner", row.owner), ("tier", row.tier), ("plan", row.plan)):
            b.value(ws, f"{col[key]}{r}", value)
        amounts = _amounts(row)
        for key, _, _ in _AMOUNTS:
            b.value(ws, f"{col[key]}{r}", _amount(amounts[key]), "money")
        w.rates(ws, r, col, amounts)
    total_row = last + 1
    b.side(ws, f"A{total_row}", _T["total"])
    totals = {key: tally.total([getattr(getattr(x, m), f) for x in rows]) for key, m, f in _AMOUNTS}
    for key, _, _ in _AMOUNTS:
        b.indicator(ws, f"{col[key]}{total_row}", "total", f"{col[key]}{first}:{col[key]}{last}",
                    value=float(totals[key]), fmt="money")  # fmt: skip
    w.rates(ws, total_row, {k: v for k, v in col.items() if k != "below"}, totals)
    b.colour_labels(ws, f"{col['below']}{first}:{col['below']}{last}", [(monthly.BELOW_TARGET.text(w.lang), RED)])
    ws.freeze(f"B{first}")
    ws.filter(f"A{head}:{col[keys[-1]]}{last}")
    # 19 columns: two pages across at a readable size, the account repeated on the second
    ws.print_across(2)
    ws.print_titles(rows=f"{head}:{head}", columns="A:A")
    return ws.title, first, last, col


def _groups(w: _Writer, ws: Sheet, top: int, by: str, names: Sequence[str], rows: Sequence[ReviewRow],
            src: tuple[str, int, int, dict[str, str]]) -> int:  # fmt: skip
    """One section of sums by owner or tier over the account rows; the next free row."""
    b = w.book
    title, first, last, col = src
    sheet = "'" + title.replace("'", "''") + "'"

    def span(key: str) -> str:
        return f"{sheet}!${col[key]}${first}:${col[key]}${last}"

    keys = (by, "accounts", *(k for k in COLUMNS if k != "below"))
    b.label(ws, f"A{top}", _T["by_owner" if by == "owner" else "by_tier"])
    ws.merge(f"A{top}:D{top}")
    w.heads(ws, top + 1, keys)
    gcol = {k: _letter(i) for i, k in enumerate(keys)}
    labels = [getattr(x, by) for x in rows]
    for i, name in enumerate(names):
        r = top + 2 + i
        b.value(ws, f"A{r}", name)
        b.indicator(ws, f"B{r}", "count_of", span(by), f"$A{r}", value=float(tally.count_of(labels, name)), fmt="int")
        amounts: dict[str, float] = {}
        for key, m, f in _AMOUNTS:
            amounts[key] = float(tally.total_of(labels, name, [getattr(getattr(x, m), f) for x in rows]))
            b.indicator(ws, f"{gcol[key]}{r}", "total_of", span(by), f"$A{r}", span(key), value=amounts[key],
                        fmt="money")  # fmt: skip
        w.rates(ws, r, gcol, amounts)
    return top + 2 + len(names) + 1


def _below(
    w: _Writer, ws: Sheet, top: int, rows: Sequence[ReviewRow], src: tuple[str, int, int, dict[str, str]]
) -> None:
    """The accounts whose month's sales attainment is under 100 %, lowest first: cells showing their rows."""
    b = w.book
    title, first, _, col = src
    b.label(ws, f"A{top}", _T["below_list"])
    ws.merge(f"A{top}:F{top}")
    # amounts under the summary's amount columns (C, D), the rate under its rate column (E)
    keys = ("account", "owner", "target", "actual", "attainment", "tier")
    w.heads(ws, top + 1, keys)
    rate = [float(monthly.attainment(x.sales.actual, x.sales.target)) for x in rows]
    low = sorted((k for k in range(len(rows)) if not np.isnan(rate[k]) and rate[k] < 1), key=lambda k: rate[k])
    if not low:
        b.hint(ws, f"A{top + 2}", _T["none_below"])
    sheet = "'" + title.replace("'", "''") + "'"
    for i, k in enumerate(low):
        r, src_row = top + 2 + i, first + k
        x = rows[k]
        shown: dict[str, object] = {"account": x.account, "owner": x.owner or "", "tier": x.tier or "",
                                    "target": x.sales.target, "actual": x.sales.actual, "attainment": rate[k]}  # fmt: skip
        for j, key in enumerate(keys):
            fmt = "percent" if key == "attainment" else "money" if key in ("target", "actual") else "general"
            b.reference(ws, f"{_letter(j)}{r}", f"{sheet}!${col[key]}${src_row}", shown[key], fmt)


def build(rows: Sequence[ReviewRow], month: str, model: Model, lang: str = "zh") -> Book:
    """The review workbook for ``month`` (``YYYY-MM``) over ``rows`` (one per account, in the order given)."""
    w = _Writer(model, lang, month)
    src = _accounts_sheet(w, rows)
    ws = w.start("summary", [_width(k) for k in ("account", "accounts", *COLUMNS) if k != "below"])
    ws.print_across(2)
    ws.print_titles(columns="A:A")
    owners = sorted({x.owner for x in rows if x.owner})
    tier_order = [t.text(lang) for t in model.tiers]
    tiers = [t for t in tier_order if any(x.tier == t for x in rows)]
    top = _groups(w, ws, 4, "owner", owners, rows, src)
    top = _groups(w, ws, top + 1, "tier", tiers, rows, src)
    _below(w, ws, top + 1, rows, src)
    return w.book
