"""The monthly business plan (月度经营 / Monthly plan, seed 003) — docs/definitions.md §2.13.

Three blocks of the plan year's twelve months — sales, gross profit, collections — each with target, actual
and last year's same month (inputs) and, as live formulas, attainment, year-on-year growth, the year to date
(target, actual, attainment) and the below-target flag; the sales block carries each month's key actions.
Below them: wallet headroom by product line (生意增长机会分析), the five growth steps as a checklist with its
% done (生意提升5步骤), and the joint business plan's commitments with both sides' owners (联合生意计划).
``kam-xl review`` reads the month blocks back at the rows named here (:data:`MEASURE_FIRST_ROW`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from openpyxl.utils import column_index_from_string
from openpyxl.utils.cell import coordinate_to_tuple

from kam_xl.core import monthly
from kam_xl.errors import KamError
from kam_xl.workbooks.account_plan.data import (
    LINE_ROWS,
    STATUSES,
    Commitment,
    GrowthStep,
    Month,
    MonthlyPlan,
    WalletLine,
    block_rows,
)
from kam_xl.workbooks.account_plan.layout import Layout, choice, day, number, plain, text_of
from kam_xl.workbooks.book import GREEN, RED
from kam_xl.workbooks.canvas import Sheet
from kam_xl.workbooks.labels import Text
from kam_xl.xlformulas.common import YES_NO

__all__ = [
    "COMMITMENT_COLUMNS",
    "COMMITMENT_ROWS",
    "MEASURES",
    "MEASURE_FIRST_ROW",
    "MONTH_COLUMNS",
    "MONTH_LABELS",
    "STEP_COLUMNS",
    "WALLET_COLUMNS",
    "WALLET_FIRST_ROW",
    "YEAR_CELL",
    "monthly_sheet",
    "read_months",
]

YEAR_CELL = "B4"
# the three measures: their Month fields (target, actual, last year), and the first month's row of each block
MEASURES: dict[str, tuple[str, str, str]] = {
    "sales": ("sales_target", "sales", "sales_last_year"),
    "profit": ("profit_target", "profit", "profit_last_year"),
    "collections": ("collections_target", "collections", "collections_last_year"),
}
MEASURE_FIRST_ROW: dict[str, int] = {"sales": 8, "profit": 23, "collections": 38}
# where each month's inputs and figures are, in every block
MONTH_COLUMNS: dict[str, str] = {
    "target": "B", "actual": "C", "last_year": "D", "attainment": "E", "growth": "F", "ytd_target": "G",
    "ytd_actual": "H", "ytd_attainment": "I", "below": "J", "key_actions": "K",
}  # fmt: skip
MONTH_LABELS: tuple[Text, ...] = tuple((f"{k}月", en) for k, en in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1))  # fmt: skip
COMMITMENT_ROWS = 8
# the inputs' columns of the blocks below the months (check reads them back at these columns)
WALLET_COLUMNS: dict[str, str] = {"product_line": "B", "total_spend": "C", "our_sales": "D"}
STEP_COLUMNS: dict[str, str] = {"owner": "D", "done": "E", "note": "K"}
COMMITMENT_COLUMNS: dict[str, str] = {
    "item": "B", "our_owner": "C", "customer_owner": "D", "due": "E", "status": "F", "our_commitment": "G",
    "customer_commitment": "K",
}  # fmt: skip
WALLET_FIRST_ROW = MEASURE_FIRST_ROW["collections"] + 12 + 3  # under the collections block: caption, heading

_T: dict[str, Text] = {
    "year": ("计划年度", "Plan year"),
    "sales": ("销售额（月度目标与实际）", "Sales (monthly target and actual)"),
    "profit": ("毛利（月度目标与实际）", "Gross profit (monthly target and actual)"),
    "collections": ("回款（月度目标与实际）", "Collections (monthly target and actual)"),
    "month": ("月份", "Month"),
    "target": ("目标", "Target"),
    "actual": ("实际", "Actual"),
    "last_year": ("去年同期", "Last year"),
    "attainment": ("达成率", "Attainment"),
    "growth": ("同比增长", "YoY growth"),
    "ytd_target": ("累计目标", "YTD target"),
    "ytd_actual": ("累计实际", "YTD actual"),
    "ytd_attainment": ("累计达成率", "YTD attainment"),
    "below": ("未达标", "Below target"),
    "key_actions": ("本月重点行动", "Key actions this month"),
    "wallet": ("生意增长机会：各产品线的钱包空间", "Growth opportunities: wallet headroom by product line"),
    "seq": ("序号", "No."),
    "product_line": ("产品线", "Product line"),
    "total_spend": ("客户总采购额", "Account's total spend"),
    "our_sales": ("我方销售额", "Our sales"),
    "headroom": ("增长空间", "Headroom"),
    "steps": ("生意提升5步骤", "The five growth steps"),
    "step": ("步骤", "Step"),
    "short": ("要点", "In short"),
    "owner": ("负责人", "Owner"),
    "done": ("已完成（是/否）", "Done (Yes/No)"),
    "note": ("说明", "Note"),
    "steps_done": ("完成度", "% done"),
    "jbp": ("大客户联合生意计划：双方负责人与承诺", "Joint business plan: both sides' owners and commitments"),
    "item": ("合作事项", "Item"),
    "our_owner": ("我方负责人", "Our owner"),
    "customer_owner": ("客户方负责人", "Customer's owner"),
    "due": ("截止日期", "Due"),
    "status": ("状态", "Status"),
    "our_commitment": ("我方承诺", "Our commitment"),
    "customer_commitment": ("客户承诺", "Customer's commitment"),
    "hint": (
        "每月填写目标、实际和去年同期；达成率、同比、累计由公式计算（没有目标时达成率为空白）。",
        "Type each month's target, actual and last year's; attainment, growth and year to date are formulas "
        "(blank attainment: no target).",
    ),
}
_BLOCK_COLUMNS = ("month", "target", "actual", "last_year", "attainment", "growth", "ytd_target", "ytd_actual",
                  "ytd_attainment", "below")  # fmt: skip


def _heads(s: Layout, ws: Sheet, row: int, columns: str, keys: tuple[str, ...]) -> None:
    for col, key in zip(columns, keys, strict=True):
        s.book.label(ws, f"{col}{row}", _T[key])
    ws.height(row, 30)


def _months(s: Layout) -> list[Month]:
    given = list(s.p.monthly.months)
    if len(given) > monthly.MONTHS:
        raise KamError("monthly.months", f"有 {len(given)} 个月，一年最多 12 个月",
                       f"{len(given)} months given: a year has at most 12", s.at("monthly", "A8"))  # fmt: skip
    return given + [Month()] * (monthly.MONTHS - len(given))


def _block(s: Layout, ws: Sheet, measure: str, months: list[Month]) -> None:
    """One measure's twelve months: inputs, then attainment, growth, year to date and the flag as formulas."""
    b, lang = s.book, s.lang
    first = MEASURE_FIRST_ROW[measure]
    last = first + monthly.MONTHS - 1
    b.label(ws, f"A{first - 2}", _T[measure])
    ws.merge(f"A{first - 2}:J{first - 2}")
    keys = _BLOCK_COLUMNS + (("key_actions",) if measure == "sales" else ())
    _heads(s, ws, first - 1, "ABCDEFGHIJK"[: len(keys)], keys)
    fields = MEASURES[measure]
    lo = None if measure == "profit" else 0.0  # a month's gross profit may be a loss
    cols = MONTH_COLUMNS
    figures: dict[str, list[float | None]] = {}
    for kind, name in zip(("target", "actual", "last_year"), fields, strict=True):
        low = 0.0 if kind == "target" else lo
        figures[kind] = [
            number(
                getattr(m, name), f"monthly.months[{k + 1}].{name}", s.at("monthly", f"{cols[kind]}{first + k}"), low
            )
            for k, m in enumerate(months)
        ]
    t, a, ly = (np.array([np.nan if v is None else v for v in figures[k]]) for k in ("target", "actual", "last_year"))
    rate, grow = monthly.attainment(a, t), monthly.growth(a, ly)
    ytd_t, ytd_a = monthly.running_total(t), monthly.running_total(a)
    ytd_rate = monthly.attainment(ytd_a, ytd_t)
    flags = monthly.below_target(rate, lang)
    for k in range(monthly.MONTHS):
        r = first + k
        b.value(ws, f"A{r}", b.t(MONTH_LABELS[k]))
        for kind in ("target", "actual", "last_year"):
            b.input(ws, f"{cols[kind]}{r}", figures[kind][k], "money")
        b.indicator(ws, f"E{r}", "attainment", f"C{r}", f"B{r}", value=plain(rate[k]), fmt="percent")
        b.indicator(ws, f"F{r}", "growth_yoy", f"C{r}", f"D{r}", value=plain(grow[k]), fmt="percent")
        b.indicator(ws, f"G{r}", "ytd", f"B${first}", f"B{r}", value=plain(ytd_t[k]), fmt="money")
        b.indicator(ws, f"H{r}", "ytd", f"C${first}", f"C{r}", value=plain(ytd_a[k]), fmt="money")
        b.indicator(ws, f"I{r}", "attainment", f"H{r}", f"G{r}", value=plain(ytd_rate[k]), fmt="percent")
        b.indicator(ws, f"J{r}", "below_target", f"E{r}", lang, value=plain(flags[k]))
        if measure == "sales":
            b.input(ws, f"K{r}", text_of(months[k].key_actions), "text")
    b.number_range(ws, f"B{first}:B{last}", 0, None)
    if lo is not None:
        b.number_range(ws, f"C{first}:D{last}", 0, None)
    else:
        b.number_range(ws, f"C{first}:D{last}", -1e15, 1e15)
    if measure == "sales":
        b.text_limit(ws, f"K{first}:K{last}")
    b.colour_labels(ws, f"J{first}:J{last}", [(monthly.BELOW_TARGET.text(lang), RED)])


def _wallet(s: Layout, ws: Sheet, top: int) -> int:
    """Headroom by product line (a block with spare rows); the next free row."""
    b, lang = s.book, s.lang
    b.label(ws, f"A{top}", _T["wallet"])
    ws.merge(f"A{top}:E{top}")
    _heads(s, ws, top + 1, "ABCDE", ("seq", "product_line", "total_spend", "our_sales", "headroom"))
    lines = list(s.p.monthly.wallet)
    n = block_rows(len(lines), LINE_ROWS)
    first = top + 2
    for i in range(n):
        line = lines[i] if i < len(lines) else WalletLine()
        r = first + i
        field = f"monthly.wallet[{i + 1}]"
        pl, ts, os_ = (f"{WALLET_COLUMNS[k]}{r}" for k in ("product_line", "total_spend", "our_sales"))
        total = number(line.total_spend, f"{field}.total_spend", s.at("monthly", ts), 0.0)
        ours = number(line.our_sales, f"{field}.our_sales", s.at("monthly", os_), 0.0)
        if total is not None and ours is not None:
            try:
                monthly.headroom(total, ours, field=f"{field}.total_spend")
            except KamError as exc:  # our sales above the total spend: refused, naming the cell
                raise exc.located(s.at("monthly", ts)) from None
        b.value(ws, f"A{r}", i + 1)
        b.input(ws, pl, text_of(line.product_line), "text")
        b.input(ws, ts, total, "money")
        b.input(ws, os_, ours, "money")
        b.indicator(ws, f"E{r}", "headroom", f"C{r}", f"D{r}", lang,
                    value=plain(monthly.headroom_shown(total, ours, lang)), fmt="money")  # fmt: skip
    last = first + n - 1
    b.text_limit(ws, f"B{first}:B{last}")
    b.number_range(ws, f"C{first}:D{last}", 0, None)
    b.colour_labels(ws, f"E{first}:E{last}", [(monthly.HEADROOM_ERROR.text(lang), RED)])
    return last + 2


def _done(value: object, i: int, s: Layout, ref: str) -> str | None:
    """A step's done mark as the sheet's 是/否 (Yes/No): True/False, or either language's word."""
    yes, no = YES_NO["zh" if s.lang == "zh" else "en"]
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return yes if value else no
    word = str(value).strip().lower()
    if word in ("是", "yes"):
        return yes
    if word in ("否", "no"):
        return no
    raise KamError(f"monthly.steps[{i}].done", f"“{value}” 不是 是/否", f"'{value}' is not Yes/No",
                   s.at("monthly", ref))  # fmt: skip


def _steps(s: Layout, ws: Sheet, top: int) -> int:
    """The five growth steps in the seed's order: owner, done, note; the % done above. The next free row."""
    b, lang = s.book, s.lang
    b.label(ws, f"A{top}", _T["steps"])
    ws.merge(f"A{top}:D{top}")
    s.book.label(ws, f"E{top}", _T["steps_done"])
    _heads(s, ws, top + 1, "ABCDEK", ("seq", "step", "short", "owner", "done", "note"))
    given = list(s.p.monthly.steps)
    first = top + 2
    marks: list[str | None] = []
    for i, (step, short) in enumerate(monthly.STEPS):
        g = given[i] if i < len(given) else GrowthStep()
        r = first + i
        b.value(ws, f"A{r}", i + 1)
        b.value(ws, f"B{r}", step.text(lang))
        b.value(ws, f"C{r}", short.text(lang))
        c = {k: f"{col}{r}" for k, col in STEP_COLUMNS.items()}
        b.input(ws, c["owner"], text_of(g.owner))
        marks.append(_done(g.done, i + 1, s, c["done"]))
        b.input(ws, c["done"], marks[-1])
        b.input(ws, c["note"], text_of(g.note), "text")
        ws.height(r, 30)
    last = first + len(monthly.STEPS) - 1
    b.fixed_choices(ws, f"E{first}:E{last}", list(YES_NO["zh" if lang == "zh" else "en"]))
    b.text_limit(ws, f"D{first}:D{last}")
    b.text_limit(ws, f"K{first}:K{last}")
    b.colour_labels(ws, f"E{first}:E{last}", [(YES_NO["zh" if lang == "zh" else "en"][0], GREEN)])
    s.figure("steps_done", ws, f"F{top}", f"$E${first}:$E${last}", lang,
             value=monthly.steps_done(marks, lang), fmt="percent")  # fmt: skip
    return last + 2


def _commitments(s: Layout, ws: Sheet, top: int) -> None:
    """The joint business plan's items: both sides' owners and commitments, due date, status."""
    b, lang = s.book, s.lang
    b.label(ws, f"A{top}", _T["jbp"])
    ws.merge(f"A{top}:G{top}")
    keys = ("seq", "item", "our_owner", "customer_owner", "due", "status", "our_commitment", "customer_commitment")
    _heads(s, ws, top + 1, "ABCDEFGK", keys)
    given = list(s.p.monthly.commitments)
    n = block_rows(len(given), COMMITMENT_ROWS)
    first = top + 2
    for i in range(n):
        x = given[i] if i < len(given) else Commitment()
        r = first + i
        field = f"monthly.commitments[{i + 1}]"
        b.value(ws, f"A{r}", i + 1)
        c = {k: f"{col}{r}" for k, col in COMMITMENT_COLUMNS.items()}
        b.input(ws, c["item"], text_of(x.item), "text")
        b.input(ws, c["our_owner"], text_of(x.our_owner))
        b.input(ws, c["customer_owner"], text_of(x.customer_owner))
        b.input(ws, c["due"], day(x.due, f"{field}.due", s.at("monthly", c["due"])), "date")
        b.input(ws, c["status"], choice(x.status, STATUSES, f"{field}.status", lang, s.at("monthly", c["status"])))
        b.input(ws, c["our_commitment"], text_of(x.our_commitment), "text")
        b.input(ws, c["customer_commitment"], text_of(x.customer_commitment), "text")
        ws.height(r, 30)  # a commitment in a sentence wraps onto a second line
    last = first + n - 1
    for col in "BCDGK":
        b.text_limit(ws, f"{col}{first}:{col}{last}")
    b.dates(ws, f"E{first}:E{last}")
    b.fixed_choices(ws, f"F{first}:F{last}", [x.text(lang) for x in STATUSES])


def monthly_sheet(s: Layout) -> None:
    """The monthly plan sheet: the plan year, the three month blocks, headroom, the growth steps, the joint plan."""
    b = s.book
    ws = s.start("monthly", (9, 30, 20, 15, 15, 11, 22, 15, 11, 10, 40))
    b.side(ws, "A4", _T["year"])
    year = s.p.monthly.year
    b.input(ws, YEAR_CELL, None if year is None else int(year))
    b.number_range(ws, YEAR_CELL, 1900, 9999, whole=True)
    b.hint(ws, "C4", _T["hint"])
    months = _months(s)
    for measure in MEASURES:
        _block(s, ws, measure, months)
    top = _wallet(s, ws, WALLET_FIRST_ROW - 2)
    top = _steps(s, ws, top)
    _commitments(s, ws, top)
    ws.freeze("B5")


def read_months(values: Mapping[tuple[int, int], object]) -> MonthlyPlan:
    """The plan year and its twelve months' inputs as a sheet's cells hold them (``values`` by (row, column),
    as :class:`kam_xl.readback.Grid` reads them): raw, for the caller to read with :mod:`kam_xl.cells`."""
    at = {k: column_index_from_string(c) for k, c in MONTH_COLUMNS.items()}
    year_row, year_col = coordinate_to_tuple(YEAR_CELL)
    months = []
    for k in range(monthly.MONTHS):
        fields: dict[str, object] = {}
        for measure, names in MEASURES.items():
            r = MEASURE_FIRST_ROW[measure] + k
            for kind, name in zip(("target", "actual", "last_year"), names, strict=True):
                fields[name] = values.get((r, at[kind]))
        fields["key_actions"] = values.get((MEASURE_FIRST_ROW["sales"] + k, at["key_actions"]))
        months.append(Month(**fields))  # type: ignore[arg-type]  # raw cells: read by the caller
    return MonthlyPlan(year=values.get((year_row, year_col)), months=months)  # type: ignore[arg-type]
