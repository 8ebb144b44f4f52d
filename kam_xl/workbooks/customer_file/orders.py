"""The orders sheet, and the order structure on a sheet of its own (issue #7: a row inserted inside the
orders splits nothing beside them) — each product line's orders, amount and share of our sales (:func:`kam_xl.core.tally.count_of`, :func:`~kam_xl.core.tally.total_of`,
:func:`kam_xl.core.wallet.order_structure`)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from kam_xl.cells import is_blank
from kam_xl.core import classification, profitability, tally, wallet
from kam_xl.indicators import REGISTRY
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.canvas import Sheet, quoted
from kam_xl.workbooks.customer_file.data import CustomerFile, Order, rows_for
from kam_xl.workbooks.customer_file.forms import Spec, classed, head, table, value_of
from kam_xl.workbooks.customer_file.labels import LABELS, SHEETS
from kam_xl.workbooks.labels import COMMON

__all__ = ["OrdersLaidOut", "orders", "structure"]

_LF = 4  # the structure sheet's first product line

_ORDERS: Spec = (
    ("date", "date", 12), ("number:order_no", "text", 16), ("product_line", "list:", 22), ("quantity", "number", 10),
    ("amount", "money", 16), ("notes", "text", 24), ("cost", "money", 14), ("returned", "money", 14),
)  # fmt: skip


class OrdersLaidOut(NamedTuple):
    """What :func:`structure` needs of the orders sheet: the product lines, the structure's rows, the sheet's
    title as formulas name it and the orders' first and last rows."""

    lines: list[str]
    n_lines: int
    sheet: str
    first: int
    last: int


def orders(book: Book, data: CustomerFile | None) -> OrdersLaidOut:
    """The orders (columns A–H: cost and the amount returned after the notes, so a file of the earlier
    layout keeps its columns); returns where they are (the structure sheet, :func:`structure`, sums them
    by product line)."""
    ws = book.sheet(SHEETS["orders"])
    head(book, ws, LABELS["orders"], "H")
    items = data.orders if data else []
    lines = [str(x) for x in (data.product_lines if data else []) if not is_blank(x)]
    lines += list(
        dict.fromkeys(
            str(o.product_line) for o in items if not is_blank(o.product_line) and str(o.product_line) not in lines
        )
    )
    n_orders, n_lines = rows_for(len(items), "orders", data is None), max(len(lines) + 3, 8)
    # the product-line dropdown: the structure sheet's line column (a user may add lines there)
    where = quoted(book.t(SHEETS["structure"]))
    spec = [(k, f"list:={where}!$A${_LF}:$A${_LF + n_lines - 1}" if kind == "list:" else kind, w)
            for k, kind, w in _ORDERS]  # fmt: skip
    last = table(book, ws, 3, spec, items, n_orders)
    ws.filter(f"A3:H{last}")  # filter and sort the orders (allowed under protection)
    ws.freeze("A4")
    ws.print_titles(rows="3:3")
    return OrdersLaidOut(lines, n_lines, quoted(ws.title), 4, last)


def structure(book: Book, data: CustomerFile | None, laid_out: OrdersLaidOut) -> None:
    """The order structure: each product line's orders, amount and share of the orders on the Orders sheet."""
    lines, n_lines, orders_sheet, first, last = laid_out
    items = data.orders if data else []
    ws = book.sheet(SHEETS["structure"], widths=(24, 10, 16, 14))  # D: share, then the classes
    book.title(ws, "A1", LABELS["structure"])
    book.label(ws, "A2", LABELS["structure_hint"], header=False)
    ws.merge("A2:D2")
    ws.height(2, 45)
    for i, key in enumerate(("product_line", "orders_count", "amount", "share")):
        book.label(ws, f"{'ABCD'[i]}3", LABELS[key])
    ll = _LF + n_lines - 1
    # the orders as their cells hold them: what the formulas count and add up
    shown = [value_of(book, "list:", o.product_line) for o in items]
    amounts = [value_of(book, "money", o.amount) for o in items]
    labels_col, amounts_col = f"{orders_sheet}!$C${first}:$C${last}", f"{orders_sheet}!$E${first}:$E${last}"
    named = [lines[i] if i < len(lines) else None for i in range(n_lines)]  # spare rows: no line yet, blank
    counts = [tally.count_of(shown, x) for x in named]
    totals = [tally.total_of(shown, x, amounts) for x in named]
    grand = tally.total(totals)
    shares = wallet.order_structure(np.nan_to_num(totals)) if grand > 0 else np.full(n_lines, np.nan)
    total_ref = f"$C${ll + 1}"
    for i in range(n_lines):
        r = _LF + i
        book.input(ws, f"A{r}", named[i], "text")
        book.indicator(ws, f"B{r}", "count_of", labels_col, f"A{r}", value=counts[i], fmt="int")
        book.indicator(ws, f"C{r}", "total_of", labels_col, f"A{r}", amounts_col, value=totals[i], fmt="money")
        share = np.nan if named[i] is None else float(shares[i])
        book.indicator(ws, f"D{r}", "order_share", f"C{r}", total_ref, value=share, fmt="percent")
    book.text_limit(ws, f"A{_LF}:A{ll}")
    book.label(ws, f"A{ll + 1}", COMMON["total"])
    book.indicator(ws, f"B{ll + 1}", "total", f"B{_LF}:B{ll}", value=tally.total(counts), fmt="int")
    book.indicator(ws, f"C{ll + 1}", "total", f"C{_LF}:C{ll}", value=grand, fmt="money")
    _transactions(book, ws, items, orders_sheet, first, last, ll + 3)
    ws.freeze("A4")
    ws.print_titles(rows="3:3")


def _transactions(book: Book, ws: Sheet, items: list[Order], sheet: str, first: int, last: int, top: int) -> None:
    """Seed 002's transaction indicators (交易类指标) under the order structure, over every row of the orders
    (rows inserted among them are counted): the orders' amount and cost, gross margin and profitability
    class, average and largest order, returns rate and order cycle (:mod:`kam_xl.core.classification`,
    :mod:`kam_xl.core.profitability`)."""
    col = {k: f"{sheet}!${c}${first}:${c}${last}" for k, c in (("date", "A"), ("amount", "E"), ("cost", "G"),
                                                               ("returned", "H"))}  # fmt: skip
    amounts = [value_of(book, "money", o.amount) for o in items]
    costs = [value_of(book, "money", o.cost) for o in items]
    returned = [value_of(book, "money", o.returned) for o in items]
    dates = [value_of(book, "date", o.date) for o in items]
    sales, cost = tally.total(amounts), tally.total(costs)
    margin = float(profitability.gross_margin(sales, cost))
    book.label(ws, f"A{top}", LABELS["transactions"])
    ws.merge(f"A{top}:C{top}")
    rows: list[tuple[str, str, tuple[object, ...], object, str]] = [
        ("orders_amount", "total", (col["amount"],), sales, "money"),
        ("orders_cost", "total", (col["cost"],), cost, "money"),
    ]
    r = top + 1
    at: dict[str, str] = {}
    for caption, key, args, value, fmt in rows:
        book.side(ws, f"A{r}", LABELS[caption])
        book.indicator(ws, f"C{r}", key, *args, value=value, fmt=fmt)
        at[caption] = f"C{r}"
        r += 1
    m = f"C{r}"  # the gross margin's cell, classed on the next row
    figures: list[tuple[str, tuple[object, ...], object, str]] = [
        ("gross_margin", (at["orders_amount"], at["orders_cost"]), margin, "percent"),
        ("profitability", (m, book.lang), profitability.profitability(margin, book.model, book.lang), "general"),
        ("average_order", (col["amount"],), classification.average_order(amounts), "money"),
        ("largest_order", (col["amount"],), classification.largest_order(amounts), "money"),
        ("returns_rate", (col["returned"], col["amount"]), classification.returns_rate(returned, amounts), "percent"),
        ("order_cycle_days", (col["date"],), classification.order_cycle_days(dates), "number"),
    ]
    book.label(ws, f"D{top}", LABELS["class"])
    for key, args, value, fmt in figures:
        entry = REGISTRY[key]
        book.side(ws, f"A{r}", (entry.zh, entry.en))
        book.indicator(ws, f"C{r}", key, *args, value=value, fmt=fmt)
        classed(book, ws, f"D{r}", f"C{r}", key, value)  # the model's bands for it, if it classes on it
        r += 1
