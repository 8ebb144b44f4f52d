"""The portfolio's summary sheet (汇总): totals, counts per label, the pyramid chart and the Pareto list and chart.

Counts in A:B; the Pareto list in D:I — rank, account, value (LARGE), cumulative share, the ABC
A-class cut (the chart's 80 % line) and each rank's position in the table, looked up in the table's
value rank (equal values each have a rank of their own, in table order: no name shows twice); charts
to the right. The list and its chart
cover the accounts given (every row of a blank template, which has none yet).

Up to :data:`kam_xl.workbooks.portfolio.LIVE_RANK_ROWS` table rows the list is live formulas; above
it, the ranked columns (position, account, value) are the core's values from when the file was made,
as the table's rank columns are, and a note says so (the cumulative share and the cut stay formulas:
they are linear).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from openpyxl.chart import BarChart, LineChart, Reference

from kam_xl.core import account_risk, pareto, tally
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model
from kam_xl.models.schema import Label
from kam_xl.workbooks.book import FMT, Book, Sheet
from kam_xl.workbooks.canvas import quoted
from kam_xl.workbooks.labels import COMMON, Text, fit_width
from kam_xl.xlformulas.common import label

__all__ = ["SUMMARY_LABELS", "add_summary"]

SUMMARY_LABELS: dict[str, Text] = {
    "summary": ("汇总", "Summary"),
    "accounts": ("客户数", "Accounts"),
    "value_total": ("价值合计", "Total value"),
    "rank": ("排名", "Rank"),
    "cut": ("A类累计占比界线", "A-class cumulative cut"),
    "position": ("表中位置", "Row in table"),
    "pareto": ("帕累托图（按价值降序，累计占比，A类界线）", "Pareto chart (by value, descending, cumulative share, A-class cut)"),
    "pyramid_chart": ("客户价值金字塔（各层客户数）", "Value pyramid (accounts per layer)"),
    "pareto_note": (
        "帕累托区按价值降序排列；价值相同的客户按表中顺序各占一行",
        "The Pareto block lists the values in descending order; accounts with equal values take one row each, in "
        "table order",
    ),
}  # fmt: skip


def _groups(model: Model, lang: str) -> list[tuple[str, list[tuple[str, int | None, str]]]]:
    """Each counted indicator and its labels: (the Model sheet's name for the label, its item in a
    list of labels or None, the label's text)."""

    def listed(names: str, labels: Sequence[Label]) -> list[tuple[str, int | None, str]]:
        return [(label(names, lang), k, lab.text(lang)) for k, lab in enumerate(labels, start=1)]

    mx = model.matrix
    cells = [("HIGH_HIGH", mx.high_high), ("HIGH_LOW", mx.high_low), ("LOW_HIGH", mx.low_high), ("LOW_LOW", mx.low_low)]
    return [
        ("tier", listed("KAM_TIER_LEVELS", model.tiers)),
        ("abc", listed("KAM_ABC_LABELS", model.abc.labels)),
        ("pyramid", listed("KAM_PYRAMID_LAYERS", model.pyramid.layers)),
        ("matrix", [(label(f"KAM_MATRIX_{k}", lang), None, lab.text(lang)) for k, lab in cells]),
        ("barrier_level", listed("KAM_BARRIER_LEVELS", model.barrier.levels)),
        ("credit_rating", listed("KAM_RECEIVABLES_RATINGS", model.receivables.ratings)),
    ]


def add_summary(
    book: Book,
    title: Text,
    table_title: str,
    letters: dict[str, str],
    inputs: dict[str, np.ndarray],
    values: dict[str, np.ndarray],
    n: int,
    first: int,
    last: int,
    *,
    line: tuple[list[str], str],
    live: bool,
    frozen_note: Text,
    value_header: Text,
) -> None:
    """The summary sheet: ``title`` its workbook title, ``line`` the model line (:func:`~kam_xl.workbooks.
    portfolio.model_line`), ``live`` whether the Pareto list is formulas (else values and ``frozen_note``),
    ``value_header`` the value column's header."""
    model, lang = book.model, book.lang
    # the headline total (B5) and the Pareto values must show a realistic sum (¥100 bn) and account (¥10 bn), not ###
    total_w, value_w = fit_width(FMT["money"], 99_999_999_999.99), fit_width(FMT["money"], 9_999_999_999.99)
    ws = book.sheet(SUMMARY_LABELS["summary"], widths=[18, total_w, 3, 8, 26, value_w, 11, 11, 9])
    quoted_table = quoted(table_title)

    def col(key: str) -> str:
        return f"{quoted_table}!${letters[key]}${first}:${letters[key]}${last}"

    book.title(ws, "A1", book.t(title) + " · " + book.t(SUMMARY_LABELS["summary"]))
    book.caption(ws, "A2", *line)
    book.hint(ws, "D3", SUMMARY_LABELS["pareto_note"] if live else frozen_note)

    # left: the totals, then one count per label of each indicator
    value = inputs.get(model.abc.value, np.full(n, np.nan))
    accounts = inputs.get("account", np.full(n, None, dtype=object))
    vals, names = col(model.abc.value), col("account")
    book.label(ws, "A4", SUMMARY_LABELS["accounts"])
    book.indicator(ws, "B4", "count_filled", names, value=tally.count_filled(accounts.tolist()))
    book.label(ws, "A5", SUMMARY_LABELS["value_total"])
    book.indicator(ws, "B5", "total", vals, value=tally.total(value.tolist()), fmt="money")
    r, layers_row = 5, 0
    for key, labels in _groups(model, lang):
        shown_labels = values[key].tolist()
        r += 2
        book.label(ws, f"A{r}", REGISTRY[key].name(lang))
        book.label(ws, f"B{r}", COMMON["count"])
        layers_row = r if key == "pyramid" else layers_row
        for name, item, shown in labels:
            r += 1
            book.model_value(ws, f"A{r}", name, shown, item=item)
            book.indicator(ws, f"B{r}", "count_of", col(key), f"A{r}", value=tally.count_of(shown_labels, shown))

    rows = _pareto(book, ws, vals, col("value_rank"), names, value, accounts, last - first + 1, live, value_header)
    _charts(book, ws, layers_row, rows)


def _pareto(
    book: Book,
    ws: Sheet,
    vals: str,
    ranks: str,
    names: str,
    value: np.ndarray,
    accounts: np.ndarray,
    n_rows: int,
    live: bool,
    value_header: Text,
) -> int:
    """The Pareto list in D:I; returns the rows the chart covers (the accounts given, or every row)."""
    model, lang = book.model, book.lang
    positions = account_risk.pareto_positions(value) if value.size else np.zeros(0, dtype=int)
    present = positions.size
    ranked: list[object] = value[positions - 1].tolist() if present else []
    shares: list[object] = pareto.cumulative_share(value).tolist() if present else []
    holders: list[object] = account_risk.pareto_names(positions, accounts).tolist() if present else []
    heads: list[Text | str] = [SUMMARY_LABELS["rank"], COMMON["account"], value_header,
                               REGISTRY["pareto_cumulative"].name(lang), SUMMARY_LABELS["cut"], SUMMARY_LABELS["position"]]  # fmt: skip
    for c, head in zip("DEFGHI", heads, strict=True):
        book.label(ws, f"{c}4", head)
    rows = n_rows if live else present
    for k in range(1, rows + 1):
        book.value(ws, f"D{4 + k}", k)
    blank: list[object] = [""] * (rows - present)
    if live:
        book.indicator_column(ws, "I", 5, "pareto_position", lambda r: (f"D{r}", ranks), [*positions.tolist(), *blank])
        book.indicator_column(ws, "E", 5, "pareto_name", lambda r: (f"I{r}", names), holders + blank)
        book.indicator_column(ws, "F", 5, "pareto_value", lambda r: (vals, f"D{r}"), ranked + blank,
                              "money")  # fmt: skip
    else:  # the core's values: each would be a whole-column formula per row (see the module doc)
        for k in range(present):
            book.value(ws, f"I{5 + k}", int(positions[k]))
            book.value(ws, f"E{5 + k}", holders[k])
            book.value(ws, f"F{5 + k}", ranked[k], "money")
    book.indicator_column(ws, "G", 5, "pareto_cumulative", lambda r: (f"F{r}", f"G{r - 1}", "$B$5"), shares + blank,
                          "percent")  # fmt: skip
    covered = present if present else rows  # the ranks the chart covers: the accounts given, or every row
    for k in range(covered):  # the chart's A-class line, from the model (not on the spare rows: clutter in print)
        book.model_value(ws, f"H{5 + k}", "KAM_ABC_A", model.abc.a, "percent")
    return covered


def _charts(book: Book, ws: Sheet, layers_row: int, rows: int) -> None:
    """A horizontal bar chart of accounts per pyramid layer (top layer on top) and a Pareto chart over
    ``rows`` ranks with the cumulative share and the A-class cut on a 0–100 % axis."""
    n_layers = len(book.model.pyramid.layers)
    end = 4 + max(1, rows)

    def cells(column: str, first: int, last: int) -> Reference:
        return Reference(range_string=f"'{ws.title}'!${column}${first}:${column}${last}")

    pyr = BarChart()
    pyr.type = "bar"
    pyr.title = book.t(SUMMARY_LABELS["pyramid_chart"])
    pyr.add_data(cells("B", layers_row, layers_row + n_layers), titles_from_data=True)
    pyr.set_categories(cells("A", layers_row + 1, layers_row + n_layers))
    pyr.x_axis.scaling.orientation = "maxMin"  # the first layer (platinum) on top
    pyr.legend = None
    pyr.height, pyr.width = 7.5, 12
    book.add_chart(ws, pyr, "K4")

    bar = BarChart()
    bar.title = book.t(SUMMARY_LABELS["pareto"])
    bar.add_data(cells("F", 4, end), titles_from_data=True)
    bar.set_categories(cells("E", 5, end))
    line = LineChart()
    line.add_data(cells("G", 4, end), titles_from_data=True)
    line.add_data(cells("H", 4, end), titles_from_data=True)
    line.y_axis.axId = 200  # cumulative share and the cut on a secondary axis, 0–100 %
    line.y_axis.number_format = "0%"
    line.y_axis.crosses = "max"
    line.y_axis.scaling.min, line.y_axis.scaling.max = 0, 1
    for axis in (pyr.x_axis, pyr.y_axis, bar.x_axis, bar.y_axis, line.y_axis):
        axis.delete = False  # openpyxl 3.1 hides axes unless told
    bar += line
    bar.height, bar.width = 9, 18
    book.add_chart(ws, bar, "K20")
