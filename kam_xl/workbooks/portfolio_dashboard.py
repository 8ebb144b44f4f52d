"""The portfolio's dashboard (看板 / Dashboard): what a director reads first.

One sheet after the summary, every figure a live formula over the portfolio list, rendered through
the indicator registry and cached with what the core computes:

In print order (landscape A4): the totals of all accounts, the ten largest accounts at risk, the two
charts, then the tables by group.

- a line for all accounts, then one table per grouping — tier, pyramid layer, ABC class, matrix
  cell, owner and industry — with each group's accounts, value (the model's ABC value:
  sales or gross profit), share of the total value, annual margin, CLV, outstanding receivables and
  overdue amount. Tier, layer, class and matrix labels are the Model sheet's names (as the summary
  shows them); owners and industries are the data's, largest value first, followed by blank input
  rows a user types more names into (the figures read the typed name);
- the ten largest accounts at risk (a reason in the list's risk column), with the reason; equal
  values each show their own account;
- the attractiveness × barrier matrix as a bubble chart (bubble = value), its axes crossing at the
  model's thresholds (fixed when generated), the four cells named beside it from the Model sheet; and
  the pyramid as each layer's share of value. The bubble chart plots the accounts given when the
  workbook was made (and rows inserted among them).

Recalculation stays linear in the number of accounts: each figure is a fixed number of SUMPRODUCTs
over the list's columns (:mod:`kam_xl.xlformulas.tally`, :mod:`kam_xl.xlformulas.dashboard`).
Columns the list does not hold (older lists: outstanding, overdue amount, risk) are left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from openpyxl.chart import BarChart, BubbleChart, Reference, Series
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText
from openpyxl.chart.text import Text as ChartText
from openpyxl.chart.title import Title
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.utils import column_index_from_string, get_column_letter

from kam_xl.cells import is_blank
from kam_xl.core import tally
from kam_xl.indicators import REGISTRY
from kam_xl.indicators import dashboard as core
from kam_xl.models.schema import Label
from kam_xl.workbooks.book import FMT, Book, Sheet
from kam_xl.workbooks.canvas import quoted
from kam_xl.workbooks.labels import COMMON, Text, fit_height, fit_width
from kam_xl.xlformulas.common import label

__all__ = ["LABELS", "SPARE_NAMES", "TOP_AT_RISK", "add_dashboard", "amount_keys"]

TOP_AT_RISK = 10  # rows of the at-risk list
SPARE_NAMES = 5  # blank owner / industry rows a user can type more names into
CHART_ROWS = 20  # rows the two charts take (10 cm at the default row height, ≈ 0.5 cm)

LABELS: dict[str, Text] = {
    "sheet": ("看板", "Dashboard"),
    "title": ("大客户组合看板", "Key-account portfolio dashboard"),
    "note": (
        "每个数字都是公式，随客户组合表更新；负责人和行业可在黄色空行中补充名称",
        "Every figure is a formula that follows the portfolio list; type more owners or industries into the "
        "yellow blank rows",
    ),
    "all": ("全部客户", "All accounts"),
    "accounts": ("客户数", "Accounts"),
    "revenue": ("近12个月销售额", "Trailing 12-month revenue"),
    "gross_profit": ("毛利额", "Gross profit"),
    "share": ("价值占比", "Share of value"),
    "margin": ("年毛利", "Annual margin"),
    "outstanding": ("应收余额", "Outstanding receivables"),
    "overdue_amount": ("逾期金额", "Overdue amount"),
    "by_tier": ("按客户等级", "By tier"),
    "by_pyramid": ("按金字塔层级", "By pyramid layer"),
    "by_abc": ("按 ABC 分类", "By ABC class"),
    "by_owner": ("按负责人", "By owner"),
    "by_industry": ("按行业", "By industry"),
    "by_matrix": ("按组合矩阵", "By portfolio matrix"),
    "at_risk": ("风险客户（按价值前 10 名）", "Top 10 accounts at risk (by value)"),
    "at_risk_count": ("风险客户数", "Accounts at risk"),
    "rank": ("名次", "Rank"),
    "position": ("表中位置", "Row in list"),
    "reason": ("风险原因", "Reason"),
    "matrix_chart": ("吸引力 × 壁垒（气泡 = 价值）", "Attractiveness × barrier (bubble = value)"),
    "attractiveness": ("客户吸引力（得分）", "Attractiveness (score)"),
    "strength": ("我方壁垒强度", "Our barrier strength"),
    "quadrants": ("矩阵象限", "Matrix cells"),
    "x_low": ("吸引力低于阈值", "Score < cut-off"),
    "x_high": ("吸引力达到阈值", "Score ≥ cut-off"),
    "y_high": ("壁垒达到阈值", "Barrier ≥ cut-off"),
    "y_low": ("壁垒低于阈值", "Barrier < cut-off"),
    "x_threshold": ("吸引力阈值", "Score cut-off"),
    "y_threshold": ("壁垒阈值", "Barrier cut-off"),
    "pyramid_chart": ("价值金字塔：各层价值占比", "Value pyramid: each layer's share of value"),
}

# The figures of every group table, left to right after its label ("value": the model's ABC value).
_HEADS = ("accounts", "value", "share", "margin", "clv", "outstanding", "overdue_amount")


def amount_keys(model_value: str) -> dict[str, str]:
    """The list column summed in each amount column of a group table (``value``: the model's ABC value)."""
    return {"value": model_value, "margin": "margin", "clv": "clv", "outstanding": "outstanding",
            "overdue_amount": "overdue_amount"}  # fmt: skip


def _plain(values: Sequence[object] | np.ndarray) -> list[object]:
    """A column as a cell range holds it: None for a blank (NaN, None or "")."""
    return [None if is_blank(v) or (isinstance(v, str) and v == "") else v for v in list(values)]


def _cached(x: float | str) -> object:
    """A core result as a cached value: NaN (the core's blank) as ""."""
    return "" if isinstance(x, float) and math.isnan(x) else x


def _names_by_value(names: list[object], amounts: list[object]) -> list[str]:
    """The distinct names (compared as the figures compare them: whole text, any case), largest total
    first, equal totals by name; each spelt as it first appears."""
    first: dict[str, str] = {}
    for v in names:
        if v is not None:
            first.setdefault(str(v).casefold(), str(v))
    totals = {k: tally.total_of(names, shown, amounts) for k, shown in first.items()}
    return [first[k] for k in sorted(first, key=lambda k: (-totals[k], k))]


def add_dashboard(
    book: Book,
    table_title: str,
    letters: dict[str, str],
    first: int,
    last: int,
    inputs: dict[str, np.ndarray],
    values: dict[str, np.ndarray],
    n: int,
) -> None:
    """Add the 看板 / Dashboard sheet (see the module doc) over the list ``table_title``, rows
    ``first``..``last``; ``letters`` maps the list's column keys to letters, ``inputs`` and ``values``
    hold the typed inputs and the core's value of every formula column (n accounts)."""
    model, lang = book.model, book.lang
    n_rows = last - first + 1
    quoted_table = quoted(table_title)

    def col(key: str) -> str:
        return f"{quoted_table}!${letters[key]}${first}:${letters[key]}${last}"

    def column(key: str) -> list[object]:
        """A list column's cells, rows first..last (inputs as typed, formulas as the core computes)."""
        got = inputs.get(key, values.get(key))
        cells: list[object] = _plain(got) if got is not None else [None] * n
        return cells + [None] * (n_rows - len(cells))

    value_key = model.abc.value
    amounts = {k: src for k, src in amount_keys(value_key).items() if src in letters}
    heads: dict[str, Text] = {
        "accounts": LABELS["accounts"], "value": LABELS[value_key], "share": LABELS["share"],
        "margin": LABELS["margin"], "clv": (REGISTRY["clv"].zh, REGISTRY["clv"].en),
        "outstanding": LABELS["outstanding"], "overdue_amount": LABELS["overdue_amount"],
    }  # fmt: skip
    shown = [h for h in _HEADS if h in ("accounts", "share") or h in amounts]
    at = {h: chr(ord("B") + i) for i, h in enumerate(shown)}  # the table's columns from B
    money_w = fit_width(FMT["money"], max(1e9, 10 * tally.total(column(value_key))))
    widths = {"accounts": 9.0, "share": 10.0}
    ws = book.sheet(LABELS["sheet"], widths=[22.0, *(widths.get(h, money_w) for h in shown)])
    book.print_pages(ws, landscape=True)

    book.title(ws, "A1", LABELS["title"])
    book.hint(ws, "A2", LABELS["note"])
    header_h = fit_height([(book.t(heads[h]), widths.get(h, money_w)) for h in shown])

    cells = {k: column(src) for k, src in amounts.items()}
    r = 4

    def header(row: int, caption: Text | str) -> None:
        book.label(ws, f"A{row}", caption)
        for h in shown:
            book.label(ws, f"{at[h]}{row}", heads[h])
        ws.height(row, header_h)

    def figures(row: int, labels: str, names: list[object], name: object) -> None:
        """One group's figures on ``row``: its label is in A{row}, matched in the list column ``labels``."""
        book.indicator(ws, f"{at['accounts']}{row}", "count_of", labels, f"A{row}",
                       value=_cached(tally.count_of(names, name)), fmt="int")  # fmt: skip
        for h, src in amounts.items():
            got = tally.total_of(names, name, cells[h])
            book.indicator(ws, f"{at[h]}{row}", "total_of", labels, f"A{row}", col(src), value=_cached(got),
                           fmt="money")  # fmt: skip
        group = tally.total_of(names, name, cells["value"]) if "value" in amounts else float("nan")
        share_of(row, group)

    total_value = tally.total(cells["value"]) if "value" in amounts else float("nan")
    all_row = r + 1

    def share_of(row: int, amount: float) -> None:
        if "value" not in amounts:
            return
        book.indicator(ws, f"{at['share']}{row}", "share_of_total", f"{at['value']}{row}",
                       f"${at['value']}${all_row}", value=_cached(core.share_of_total(amount, total_value)),
                       fmt="percent")  # fmt: skip

    # all accounts: the totals every share is of
    header(r, LABELS["all"])
    book.side(ws, f"A{all_row}", LABELS["all"])
    accounts = column("account")
    book.indicator(ws, f"{at['accounts']}{all_row}", "count_filled", col("account"),
                   value=tally.count_filled(accounts), fmt="int")  # fmt: skip
    for h, src in amounts.items():
        book.indicator(ws, f"{at[h]}{all_row}", "total", col(src), value=tally.total(cells[h]), fmt="money")
    share_of(all_row, total_value)
    # the first printed page: the totals, the accounts at risk and the charts; the tables after them
    r = all_row + 2
    if "risk" in letters and value_key in letters and "account" in letters:
        r = _at_risk(book, ws, r, col(value_key), col("risk"), col("account"), column(value_key), column("risk"),
                     accounts)  # fmt: skip
    charts = r
    r = charts + CHART_ROWS + 1

    # groups labelled by the model: tier, pyramid layer, ABC class, matrix cell
    def listed(names: str, labels: Sequence[Label]) -> list[tuple[str, int | None, str]]:
        return [(label(names, lang), k, lab.text(lang)) for k, lab in enumerate(labels, start=1)]

    mx = model.matrix
    quads = [("HIGH_HIGH", mx.high_high), ("HIGH_LOW", mx.high_low), ("LOW_HIGH", mx.low_high), ("LOW_LOW", mx.low_low)]
    by_model: list[tuple[str, str, list[tuple[str, int | None, str]]]] = [
        ("tier", "by_tier", listed("KAM_TIER_LEVELS", model.tiers)),
        ("pyramid", "by_pyramid", listed("KAM_PYRAMID_LAYERS", model.pyramid.layers)),
        ("abc", "by_abc", listed("KAM_ABC_LABELS", model.abc.labels)),
        ("matrix", "by_matrix", [(label(f"KAM_MATRIX_{k}", lang), None, lab.text(lang)) for k, lab in quads]),
    ]
    pyramid_rows = (0, 0)
    for key, caption, groups in by_model:
        if key not in letters:
            continue
        header(r, LABELS[caption])
        names = column(key)
        if key == "pyramid":
            pyramid_rows = (r + 1, r + len(groups))
        for name, item, text in groups:
            r += 1
            book.model_value(ws, f"A{r}", name, text, item=item)
            figures(r, col(key), names, text)
        r += 2

    # groups named by the data: owner and industry, largest value first, then blank rows to type into
    for key, caption in (("owner", "by_owner"), ("industry", "by_industry")):
        if key not in letters:
            continue
        header(r, LABELS[caption])
        names = column(key)
        ordered = _names_by_value(names, cells["value"] if "value" in amounts else [None] * n_rows)
        start = r + 1
        for typed in [*ordered, *[None] * SPARE_NAMES]:
            r += 1
            book.input(ws, f"A{r}", typed, "text")
            figures(r, col(key), names, typed)
        book.text_limit(ws, f"A{start}:A{r}", 200)
        r += 2

    if {"score", "barrier", value_key} <= set(letters):
        # the accounts given: a spare row's "" in the x values would make Excel plot every bubble at 1, 2, 3 …
        used = max(n, 1)
        ref = {k: f"{quoted_table}!${letters[k]}${first}:${letters[k]}${first + used - 1}" for k in ("score", "barrier",
                                                                                               value_key)}  # fmt: skip
        _matrix(book, ws, charts, ref["score"], ref["barrier"], ref[value_key], "F")  # fmt: skip
    if pyramid_rows[0] and "value" in amounts:
        _pyramid(book, ws, charts, pyramid_rows, at["share"], "F")


def _at_risk(
    book: Book,
    ws: Sheet,
    r: int,
    vals: str,
    risks: str,
    names: str,
    value_cells: list[object],
    risk_cells: list[object],
    accounts: list[object],
) -> int:
    """The count of accounts at risk and the largest ten of them, from row ``r``; the next free row."""
    book.label(ws, f"A{r}", LABELS["at_risk"])
    ws.merge(f"A{r}:C{r}")
    book.side(ws, f"F{r}", LABELS["at_risk_count"])
    book.indicator(ws, f"G{r}", "risk_count", risks, value=core.risk_count(risk_cells), fmt="int")
    r += 1
    heads = (LABELS["rank"], LABELS["position"], LABELS[book.model.abc.value], COMMON["account"], LABELS["reason"])
    for c, head in zip("ABCDF", heads, strict=True):
        book.label(ws, f"{c}{r}", head)
    ws.height(r, _fit(book, ws, zip("ABCDF", heads, strict=True)))
    for k in range(1, TOP_AT_RISK + 1):
        row = r + k
        value = core.risk_value(value_cells, risk_cells, k, book.lang)
        position = core.risk_position(value_cells, risk_cells, k)
        book.value(ws, f"A{row}", k)
        book.indicator(ws, f"C{row}", "risk_value", vals, risks, f"A{row}", book.lang, value=_cached(value),
                       fmt="money")  # fmt: skip
        book.indicator(ws, f"B{row}", "risk_position", f"C{row}", vals, risks, f"A{row}", value=_cached(position),
                       fmt="int")  # fmt: skip
        account = "" if math.isnan(position) else _shown(accounts[int(position) - 1])
        book.indicator(ws, f"D{row}", "pareto_name", f"B{row}", names, value=account)
        book.indicator(ws, f"F{row}", "risk_reason", f"B{row}", risks, value=core.risk_reason(position, risk_cells))
    return r + TOP_AT_RISK + 2  # a blank row after the list


def _shown(name: object) -> str:
    """A name as ``INDEX(names, p)&""`` shows it: blank as "", a whole number without ".0"."""
    if is_blank(name):
        return ""
    if isinstance(name, float) and name.is_integer():
        return str(int(name))
    return str(name)


def _matrix(book: Book, ws: Sheet, r: int, scores: str, barriers: str, vals: str, right: str) -> None:
    """The bubble chart at A{r} (score × barrier, bubble = value), its axes drawn through the model's
    thresholds so they split it into the matrix's four cells; the cells' names and the thresholds in
    column ``right`` on, under the pyramid chart."""
    model, lang = book.model, book.lang
    mx = model.matrix
    chart = BubbleChart()
    chart.title = _title(book.t(LABELS["matrix_chart"]))
    series = Series(values=Reference(range_string=barriers), xvalues=Reference(range_string=scores),
                    zvalues=Reference(range_string=vals), title=book.t(LABELS["matrix_chart"]))  # fmt: skip
    chart.series.append(series)
    chart.bubbleScale = 30  # tens of accounts: small bubbles
    chart.legend = None
    chart.x_axis.title, chart.y_axis.title = book.t(LABELS["attractiveness"]), book.t(LABELS["strength"])
    # an axis's crossesAt is where on the other axis it is drawn: the x axis at the barrier threshold,
    # the y axis at the attractiveness threshold (checked in a LibreOffice print). The chart keeps the
    # thresholds of generation; the names beside it follow the Model sheet.
    for axis, cross in ((chart.x_axis, mx.y_threshold), (chart.y_axis, mx.x_threshold)):
        axis.scaling.min, axis.scaling.max = 0, 100
        axis.crosses, axis.crossesAt = None, cross
        axis.tickLblPos = "low"  # numbers at the chart's edge, not on the threshold line
        axis.majorGridlines = None
        axis.spPr = GraphicalProperties(ln=LineProperties(solidFill="7F7F7F", w=19050))
        axis.delete = False
    chart.height, chart.width = 10, 14  # cm
    book.add_chart(ws, chart, f"A{r}")

    c1, c2, c3 = right, _next(right), _next(_next(right))
    top = r + 14  # under the pyramid chart (7 cm)
    book.label(ws, f"{c1}{top}", LABELS["quadrants"])
    book.label(ws, f"{c2}{top}", LABELS["x_low"])
    book.label(ws, f"{c3}{top}", LABELS["x_high"])
    ws.height(top, _fit(book, ws, ((c1, LABELS["quadrants"]), (c2, LABELS["x_low"]), (c3, LABELS["x_high"]))))
    grid = ((LABELS["y_high"], "LOW_HIGH", mx.low_high, "HIGH_HIGH", mx.high_high),
            (LABELS["y_low"], "LOW_LOW", mx.low_low, "HIGH_LOW", mx.high_low))  # fmt: skip
    for i, (side_label, left, left_label, high, high_label) in enumerate(grid, start=1):
        book.side(ws, f"{c1}{top + i}", side_label)
        ws.height(top + i, _fit(book, ws, ((c1, side_label),)))
        book.model_value(ws, f"{c2}{top + i}", label(f"KAM_MATRIX_{left}", lang), left_label.text(lang))
        book.model_value(ws, f"{c3}{top + i}", label(f"KAM_MATRIX_{high}", lang), high_label.text(lang))
    for row, key, name, value in ((top + 3, "x_threshold", "KAM_MATRIX_ATTRACTIVENESS_THRESHOLD", mx.x_threshold),
                                  (top + 4, "y_threshold", "KAM_MATRIX_STRENGTH_THRESHOLD", mx.y_threshold)):  # fmt: skip
        book.side(ws, f"{c1}{row}", LABELS[key])
        book.model_value(ws, f"{c2}{row}", name, value)
        ws.height(row, _fit(book, ws, ((c1, LABELS[key]),)))


def _fit(book: Book, ws: Sheet, cells: Iterable[tuple[str, Text]]) -> float:
    """A row height that shows each (column, label) in full, wrapped in its column's width."""
    return fit_height([(book.t(lab), ws.widths.get(column_index_from_string(c), 8.43)) for c, lab in cells])


def _title(text: str) -> Title:
    """A chart title at 11 pt bold (the default 18 pt wraps a bilingual title over two lines)."""
    font = CharacterProperties(sz=1100, b=True)
    para = Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font, t=text)])
    return Title(tx=ChartText(rich=RichText(p=[para])), overlay=False)


def _next(column: str) -> str:
    return get_column_letter(column_index_from_string(column) + 1)


def _pyramid(book: Book, ws: Sheet, r: int, rows: tuple[int, int], share: str, right: str) -> None:
    """At {right}{r}: a horizontal bar per pyramid layer (top layer on top), its length the layer's share
    of value (the share column of the pyramid table)."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = _title(book.t(LABELS["pyramid_chart"]))
    chart.add_data(Reference(range_string=f"'{ws.title}'!${share}${rows[0]}:${share}${rows[1]}"))
    chart.set_categories(Reference(range_string=f"'{ws.title}'!$A${rows[0]}:$A${rows[1]}"))
    chart.x_axis.scaling.orientation = "maxMin"  # the first layer (platinum) on top
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.majorGridlines = None
    labels = DataLabelList()
    labels.showVal = True
    labels.showCatName = labels.showSerName = labels.showLegendKey = labels.showPercent = False
    chart.dataLabels = labels
    chart.legend = None
    for axis in (chart.x_axis, chart.y_axis):
        axis.delete = False
    chart.height, chart.width = 7, 10  # cm
    book.add_chart(ws, chart, f"{right}{r}")
