"""The orders sheet: the orders, and the order structure — each product line's orders, amount and
share of our sales (:func:`kam_xl.core.tally.count_of`, :func:`~kam_xl.core.tally.total_of`,
:func:`kam_xl.core.wallet.order_structure`)."""

from __future__ import annotations

import numpy as np

from kam_xl.cells import is_blank
from kam_xl.core import tally, wallet
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.customer_file.data import CustomerFile, rows_for
from kam_xl.workbooks.customer_file.forms import Spec, head, table, value_of
from kam_xl.workbooks.customer_file.labels import LABELS, SHEETS
from kam_xl.workbooks.labels import COMMON

__all__ = ["orders"]

_ORDERS: Spec = (
    ("date", "date", 12), ("number:order_no", "text", 16), ("product_line", "list:", 22), ("quantity", "number", 10),
    ("amount", "money", 16), ("notes", "text", 24),
)  # fmt: skip


def orders(book: Book, data: CustomerFile | None) -> None:
    """Orders (columns A–F), and the order structure beside them (I–L)."""
    ws = book.sheet(SHEETS["orders"])
    head(book, ws, LABELS["orders"], "F")
    items = data.orders if data else []
    lines = [str(x) for x in (data.product_lines if data else []) if not is_blank(x)]
    lines += list(
        dict.fromkeys(
            str(o.product_line) for o in items if not is_blank(o.product_line) and str(o.product_line) not in lines
        )
    )
    n_orders, n_lines = rows_for(len(items), "orders", data is None), max(len(lines) + 3, 8)
    first, last, lf, ll = 4, 3 + n_orders, 4, 3 + n_lines
    spec = [(k, f"list:=$I${lf}:$I${ll}" if kind == "list:" else kind, w) for k, kind, w in _ORDERS]
    table(book, ws, 3, spec, items, n_orders)

    book.label(ws, "I2", LABELS["structure"])
    ws.merge("I2:L2")
    for i, key in enumerate(("product_line", "orders_count", "amount", "share")):
        book.label(ws, f"{'IJKL'[i]}3", LABELS[key])
    for col, width in zip("HIJKL", (3, 22, 10, 16, 10), strict=True):
        ws.width(col, width)
    # the orders as their cells hold them: what the formulas count and add up
    shown = [value_of(book, "list:", o.product_line) for o in items]
    amounts = [value_of(book, "money", o.amount) for o in items]
    labels_col, amounts_col = f"$C${first}:$C${last}", f"$E${first}:$E${last}"
    named = [lines[i] if i < len(lines) else None for i in range(n_lines)]  # spare rows: no line yet, blank
    counts = [tally.count_of(shown, x) for x in named]
    totals = [tally.total_of(shown, x, amounts) for x in named]
    grand = tally.total(totals)
    shares = wallet.order_structure(np.nan_to_num(totals)) if grand > 0 else np.full(n_lines, np.nan)
    total_ref = f"$K${ll + 1}"
    for i in range(n_lines):
        r = lf + i
        book.input(ws, f"I{r}", named[i], "text")
        book.indicator(ws, f"J{r}", "count_of", labels_col, f"I{r}", value=counts[i], fmt="int")
        book.indicator(ws, f"K{r}", "total_of", labels_col, f"I{r}", amounts_col, value=totals[i], fmt="money")
        share = np.nan if named[i] is None else float(shares[i])
        book.indicator(ws, f"L{r}", "order_share", f"K{r}", total_ref, value=share, fmt="percent")
    book.text_limit(ws, f"I{lf}:I{ll}")
    book.label(ws, f"I{ll + 1}", COMMON["total"])
    book.indicator(ws, f"J{ll + 1}", "total", f"J{lf}:J{ll}", value=tally.total(counts), fmt="int")
    book.indicator(ws, f"K{ll + 1}", "total", f"K{lf}:K{ll}", value=grand, fmt="money")
    ws.freeze("A4")
    ws.print_titles(rows="3:3")
