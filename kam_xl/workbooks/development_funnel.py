"""The development record's funnel sheet (漏斗 / Funnel): seed 001's 大客户销售漏斗 — docs/definitions.md §2.10.

Over the record's attempts (each with its funnel stage, a formula of the record):

- the funnel table: per stage (潜在 → 可能 → 普通 → 重点 → 已成交客户) the attempts at it and their
  expected value, how many and how much reached it (at it or further down), the conversion from the
  stage above, the open attempts at it and their value, and the average days spent in it (from the
  record's stage dates; into 已成交客户: the won attempts' closing date);
- the open pipeline apart from won, lost and dropped (the summary's outcome table, shown by reference);
- why attempts were lost or dropped, by the fixed reason categories (seed 001: 原因 … 归类保存), with
  counts and expected value;
- a funnel chart: one horizontal bar per stage, its length the attempts that reached it, top stage on top.

Every figure is a live formula rendered by a registry entry and cached with the core's value
(:mod:`kam_xl.core.funnel`, :mod:`kam_xl.core.tally`); every range runs to the record's last row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList

from kam_xl.core import funnel, tally
from kam_xl.core.pipeline import OUTCOMES
from kam_xl.workbooks.book import FMT, Book, Sheet
from kam_xl.workbooks.canvas import quoted
from kam_xl.workbooks.labels import COMMON, Text, fit_width
from kam_xl.workbooks.portfolio import model_line

__all__ = ["FUNNEL_LABELS", "FUNNEL_ROW", "LOSS_ROW", "STAGE_DATES", "RecordRows", "funnel_sheet"]

# The record's columns holding the date an attempt entered each funnel stage, top-down; the last is the
# closing date (entering 已成交客户 when won).
STAGE_DATES: tuple[str, ...] = ("first_contact", "possible_on", "regular_on", "key_on", "closed_on")

FUNNEL_LABELS: dict[str, Text] = {
    "sheet": ("漏斗", "Funnel"),
    "title": ("大客户销售漏斗", "Key-account sales funnel"),
    "note": (
        "每个数字都是公式，随开发记录更新；停留天数来自开发记录中各阶段的进入日期",
        "Every figure is a formula that follows the development record; days in stage come from its stage dates",
    ),
    "funnel": (
        "销售漏斗（潜在 → 可能 → 普通 → 重点 → 已成交）",
        "Sales funnel (potential → possible → regular → key → won)",
    ),
    "stage": ("漏斗阶段", "Funnel stage"),
    "at": ("处于该阶段", "At the stage"),
    "reached": ("到达该阶段", "Reached"),
    "conversion": ("阶段转化率", "Stage conversion"),
    "value_at": ("该阶段金额", "Value at the stage"),
    "value_reached": ("到达金额", "Value reached"),
    "open_count": ("其中进行中", "Of which open"),
    "open_value": ("进行中金额", "Open value"),
    "days": ("平均停留天数", "Average days in stage"),
    "outcomes": ("进行中的管道与赢单、丢单、放弃", "Open pipeline apart from won, lost and dropped"),
    "outcome": ("结果", "Outcome"),
    "expected_value": ("预期金额", "Expected value"),
    "weighted_value": ("加权金额", "Weighted value"),
    "losses": ("丢单与放弃原因（归类保存）", "Why deals were lost or dropped (by category)"),
    "category": ("原因分类", "Reason category"),
    "chart": ("销售漏斗：到达各阶段的尝试数", "Sales funnel: attempts that reached each stage"),
}

FUNNEL_ROW = 6  # the funnel table's first stage row (its heading and headers above it)
_OUTCOME_HEAD = FUNNEL_ROW + len(funnel.FUNNEL_STAGES) + 2  # the outcome table's heading row
LOSS_ROW = _OUTCOME_HEAD + len(OUTCOMES) + 5  # the loss-reason table's first category row
_SUM_MAX = 99_999_999_999.99  # a sum over the whole record a money column must show without ###


@dataclass(frozen=True)
class RecordRows:
    """Where the record's attempts are and what the record computed for them."""

    title: str  # the record sheet
    col: dict[str, str]  # column letter by key
    first: int
    last: int
    rows: list[dict[str, object]]  # each attempt's cells (the record's inputs, in the book's language)
    computed: dict[str, list[object]]  # each computed column's values ("" = blank)
    summary: str  # the summary sheet
    outcome_rows: dict[str, int]  # the summary's outcome table: row by outcome code (its label in A)


def _cached(x: float) -> object:
    """A core result as a cached value: NaN (the core's blank) as ""."""
    return "" if math.isnan(x) else x


def funnel_sheet(book: Book, rec: RecordRows) -> None:
    """Add the 漏斗 / Funnel sheet (see the module doc) over the record ``rec``."""
    lang = book.lang
    money = fit_width(FMT["money"], _SUM_MAX)
    ws = book.sheet(FUNNEL_LABELS["sheet"], widths=[22, 11, money, money, 11, 14, 11, money, 13])
    book.title(ws, "A1", FUNNEL_LABELS["title"])
    book.caption(ws, "A2", *model_line(book))
    book.hint(ws, "A3", FUNNEL_LABELS["note"])
    record = quoted(rec.title)

    def span(key: str) -> str:
        return f"{record}!${rec.col[key]}${rec.first}:${rec.col[key]}${rec.last}"

    def column(key: str) -> list[object]:
        return [r.get(key) for r in rec.rows]

    stage_of = rec.computed["funnel_stage"]
    expected = column("expected_value")
    outcomes = column("outcome")
    weighted = rec.computed["weighted_value"]
    open_label = OUTCOMES["open"][0 if lang == "zh" else 1]
    won_cell = f"{quoted(rec.summary)}!$A${rec.outcome_rows['won']}"
    open_cell = f"{quoted(rec.summary)}!$A${rec.outcome_rows['open']}"

    # ---- the funnel table
    top, bottom = FUNNEL_ROW, FUNNEL_ROW + len(funnel.FUNNEL_STAGES) - 1
    book.label(ws, f"A{top - 2}", FUNNEL_LABELS["funnel"])
    ws.merge(f"A{top - 2}:I{top - 2}")
    heads = ["stage", "at", "value_at", "value_reached", "reached", "conversion", "open_count", "open_value", "days"]
    book.headers(ws, top - 1, [FUNNEL_LABELS[k] for k in heads])
    ws.height(top - 1, 30)
    names = [s.text(lang) for s in funnel.FUNNEL_STAGES]
    at_count = [tally.count_of(stage_of, n) for n in names]
    at_value = [tally.total_of(stage_of, n, expected) for n in names]
    reached = funnel.funnel_reached(at_count)
    reached_value = funnel.funnel_reached(at_value)
    dates = {k: column(k) for k in STAGE_DATES}
    for k, name in enumerate(names):
        r = top + k
        book.label(ws, f"A{r}", name, header=False)
        book.indicator(ws, f"B{r}", "count_of", span("funnel_stage"), f"$A{r}", value=at_count[k])
        book.indicator(ws, f"E{r}", "funnel_reached", f"B{r}:B${bottom}", value=float(reached[k]))
        if k:
            rate = float(funnel.funnel_conversion(reached[k], reached[k - 1]))
            book.indicator(ws, f"F{r}", "funnel_conversion", f"E{r}", f"E{r - 1}", value=_cached(rate), fmt="percent")
        book.indicator(ws, f"C{r}", "total_of", span("funnel_stage"), f"$A{r}", span("expected_value"),
                       value=at_value[k], fmt="money")  # fmt: skip
        book.indicator(ws, f"D{r}", "funnel_reached", f"C{r}:C${bottom}", value=float(reached_value[k]), fmt="money")
        if k < len(names) - 1:  # a won attempt stays won: no days in the last stage
            book.indicator(ws, f"G{r}", "count_of_both", span("funnel_stage"), f"$A{r}", span("outcome"), open_cell,
                           value=tally.count_of_both(stage_of, name, outcomes, open_label))  # fmt: skip
            book.indicator(ws, f"H{r}", "total_of_both", span("funnel_stage"), f"$A{r}", span("outcome"), open_cell,
                           span("expected_value"), value=tally.total_of_both(stage_of, name, outcomes, open_label,
                           expected), fmt="money")  # fmt: skip
            entered, left = STAGE_DATES[k], STAGE_DATES[k + 1]
            if left == STAGE_DATES[-1]:  # into 已成交客户: the won attempts' closing date
                won = OUTCOMES["won"][0 if lang == "zh" else 1]
                days = funnel.avg_days_in_stage(dates[entered], dates[left], outcomes, won)
                args: tuple[str, ...] = (span(entered), span(left), span("outcome"), won_cell)
            else:
                days = funnel.avg_days_in_stage(dates[entered], dates[left])
                args = (span(entered), span(left))
            book.indicator(ws, f"I{r}", "avg_days_in_stage", *args, value=_cached(days), fmt="score")

    # ---- open pipeline apart from won, lost and dropped (the summary's figures)
    r = _OUTCOME_HEAD
    book.label(ws, f"A{r}", FUNNEL_LABELS["outcomes"])
    ws.merge(f"A{r}:D{r}")
    book.headers(ws, r + 1, [FUNNEL_LABELS[k] for k in ("outcome",)] + [COMMON["count"]]
                 + [FUNNEL_LABELS[k] for k in ("expected_value", "weighted_value")])  # fmt: skip
    summary = quoted(rec.summary)
    for k, (code, text) in enumerate(OUTCOMES.items()):
        row, at = r + 2 + k, rec.outcome_rows[code]
        name = text[0 if lang == "zh" else 1]
        book.reference(ws, f"A{row}", f"{summary}!$A${at}", name)
        book.reference(ws, f"B{row}", f"{summary}!$B${at}", tally.count_of(outcomes, name))
        book.reference(ws, f"C{row}", f"{summary}!$C${at}", tally.total_of(outcomes, name, expected), "money")
        book.reference(ws, f"D{row}", f"{summary}!$D${at}", tally.total_of(outcomes, name, weighted), "money")

    # ---- why deals were lost or dropped
    r = LOSS_ROW
    book.label(ws, f"A{r - 2}", FUNNEL_LABELS["losses"])
    ws.merge(f"A{r - 2}:C{r - 2}")
    book.headers(ws, r - 1, [FUNNEL_LABELS["category"], COMMON["count"], FUNNEL_LABELS["expected_value"]])
    categories = column("loss_category")
    counts, values = [], []
    for k, reason in enumerate(funnel.LOSS_REASONS):
        row, name = r + k, reason.text(lang)
        counts.append(tally.count_of(categories, name))
        values.append(tally.total_of(categories, name, expected))
        book.label(ws, f"A{row}", name, header=False)
        book.indicator(ws, f"B{row}", "count_of", span("loss_category"), f"$A{row}", value=counts[-1])
        book.indicator(ws, f"C{row}", "total_of", span("loss_category"), f"$A{row}", span("expected_value"),
                       value=values[-1], fmt="money")  # fmt: skip
    row = r + len(funnel.LOSS_REASONS)
    book.label(ws, f"A{row}", COMMON["total"])
    book.indicator(ws, f"B{row}", "total", f"B{r}:B{row - 1}", value=tally.total(counts))
    book.indicator(ws, f"C{row}", "total", f"C{r}:C{row - 1}", value=tally.total(values), fmt="money")

    _chart(book, ws, (top, bottom), f"F{_OUTCOME_HEAD}")


def _chart(book: Book, ws: Sheet, rows: tuple[int, int], anchor: str) -> None:
    """At ``anchor``: one horizontal bar per funnel stage (the top stage on top), its length the attempts
    that reached it (the funnel table's column E) — the funnel's shape."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = book.t(FUNNEL_LABELS["chart"])
    title = quoted(ws.title)
    chart.add_data(Reference(range_string=f"{title}!$E${rows[0]}:$E${rows[1]}"))
    chart.set_categories(Reference(range_string=f"{title}!$A${rows[0]}:$A${rows[1]}"))
    chart.x_axis.scaling.orientation = "maxMin"  # 潜在客户 on top
    chart.y_axis.scaling.min = 0
    chart.y_axis.majorGridlines = None
    chart.gapWidth = 40
    labels = DataLabelList()
    labels.showVal = True
    labels.showCatName = labels.showSerName = labels.showLegendKey = labels.showPercent = False
    chart.dataLabels = labels
    chart.legend = None
    for axis in (chart.x_axis, chart.y_axis):
        axis.delete = False
    chart.height, chart.width = 8, 14  # cm
    book.add_chart(ws, chart, anchor)
