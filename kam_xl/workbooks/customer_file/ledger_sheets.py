"""The two ledger sheets, **发票台账 / Invoices** and **收款台账 / Receipts** (:mod:`.places`): each ledger's
inputs, its per-row figures and its hidden helpers, every figure a registry entry's formula
(:mod:`kam_xl.indicators.receivables`, :mod:`kam_xl.indicators.ledger_blocks`) with the core's value cached.

Both ledgers are written sorted (invoices by number, receipts by number then date) and hidden block helper
columns carry each number's running sums and block totals, so the other ledger finds a number by binary
search (:mod:`kam_xl.xlformulas.ledger_order`); a ledger typed out of order gets the same figures by the
exact, slower form, with a note in :data:`~.places.ORDER_ROW`. The blank template holds 2,000 rows of each
(:data:`~.data.CAPACITY`); a generated file its rows plus 50 spare.
"""

from __future__ import annotations

from kam_xl.workbooks.book import AMBER, RED, Book
from kam_xl.workbooks.canvas import Sheet
from kam_xl.workbooks.customer_file.forms import letter
from kam_xl.workbooks.customer_file.labels import LABELS, SHEETS
from kam_xl.workbooks.customer_file.ledger import LedgerView
from kam_xl.workbooks.customer_file.places import (
    AS_OF_CELL,
    FIRST_ROW,
    INVOICE_BLOCKS,
    INVOICE_COLUMNS,
    ORDER_ROW,
    RECEIPT_BLOCKS,
    RECEIPT_COLUMNS,
    Places,
    span,
)
from kam_xl.workbooks.labels import fit_height
from kam_xl.xlformulas import ledger_order as O
from kam_xl.xlformulas import receivables as X

__all__ = ["invoice_sheet", "receipt_sheet"]

_F, _HEADER = FIRST_ROW, FIRST_ROW - 1
_I, _P = INVOICE_COLUMNS, RECEIPT_COLUMNS
_IB = {k: _I[f"block_{k}"] for k in INVOICE_BLOCKS}
_PB = {k: _P[f"block_{k}"] for k in RECEIPT_BLOCKS}
_INV_HEADS = ("invoice_no", "invoice_date", "due_date", "amount", "received", "open", "days_past_due", "problems",
              "key", "counted", *(f"helper_{k}" for k in INVOICE_BLOCKS))  # fmt: skip
_REC_HEADS = ("invoice_no", "receipt_date", "amount", "its_invoice_date", "invoice_amount", "cumulative",
              "days_to_collect", "problems", "key", "counted", "matches", *(f"helper_{k}" for k in RECEIPT_BLOCKS))  # fmt: skip
_INV_WIDTHS = (14, 12, 12, 15, 15, 15, 9, 22)
_REC_WIDTHS = (14, 12, 15, 12, 15, 15, 9, 24)


def _layout(book: Book, ws: Sheet, which: str, name: str, heads: tuple[str, ...], widths: tuple[float, ...],
            n: int) -> None:  # fmt: skip
    """Title, hint, headers, widths, the hidden helpers (every column after the problems), freeze and print."""
    label = LABELS[which]
    book.title(ws, "A1", f"{book.t(label)} — {name}" if name else label)
    book.label(ws, "A2", LABELS["ledger_hint"], header=False)
    ws.merge(f"A2:{letter(len(widths))}2")
    for k, w in enumerate(widths):
        ws.width(letter(k + 1), w)
    for k, head in enumerate(heads):
        book.label(ws, f"{letter(k + 1)}{_HEADER}", LABELS[head])
    shown = [(book.t(LABELS[h]), widths[k]) for k, h in enumerate(heads[: len(widths)])]
    ws.height(_HEADER, max(ws.heights.get(_HEADER, 15.0), fit_height(shown)))
    for k in range(len(widths) + 1, len(heads) + 1):  # every column after the problems: the helpers
        ws.hide(letter(k))
    ws.filter(f"A{_HEADER}:{letter(len(widths))}{_F + n - 1}")  # filter the ledger (allowed under protection)
    ws.freeze(f"B{_F}")
    ws.print_titles(rows=f"{_HEADER}:{_HEADER}")
    ws.print_only(f"A1:{letter(len(widths))}{_F + n - 1}")


def _order_cells(book: Book, ws: Sheet, which: str, hb: dict[str, list[object]], order_col: str, n: int) -> None:
    """The ledger's in-order cell and, in column A, the note shown when it is out of order."""
    at = f"{order_col}{ORDER_ROW}"
    book.indicator(ws, at, "ledger_in_order", f"${order_col}${_F}:${order_col}${_F + n - 1}",
                   value=hb["ordered"][0], fmt="int")  # fmt: skip
    book.indicator(ws, f"A{ORDER_ROW}", "order_note", f"${order_col}${ORDER_ROW}", which, book.lang,
                   value="" if hb["ordered"][0] == 1 else O.ORDER_NOTES[which][book.lang != "zh"])  # fmt: skip
    ws.merge(f"A{ORDER_ROW}:H{ORDER_ROW}")


def _ends(book: Book, ws: Sheet, b: dict[str, str], hb: dict[str, list[object]], i: int, n: int,
          names: tuple[str, ...]) -> None:  # fmt: skip
    """Row ``i``'s block totals of the running columns ``names`` (read from the row below)."""
    r = _F + i
    below = (f"{b['search']}{r + 1}", lambda k: f"{b[k]}{r + 1}") if i < n - 1 else (None, lambda k: None)
    for k in names:
        end = f"end_{k}"
        book.indicator(ws, f"{b[end]}{r}", "block_total", f"{b['search']}{r}", below[0], below[1](end), f"{b[k]}{r}",
                       value=hb[end][i])  # fmt: skip


def _invoice_blocks(book: Book, ws: Sheet, hb: dict[str, list[object]], n: int, as_of: str) -> None:
    """The invoices' block helpers (:mod:`kam_xl.xlformulas.ledger_order`), one step per row."""
    c, b, ind = _I, _IB, book.indicator
    for i in range(n):
        r = _F + i
        key, ok, d, a = (f"{c[k]}{r}" for k in ("key", "ok", "date", "amount"))
        s = f"{b['search']}{r}"
        up = {k: f"{v}{r - 1}" if i else None for k, v in b.items()}.get
        ind(ws, s, "search_key", key, up("search"), value=hb["search"][i])
        ind(ws, f"{b['count']}{r}", "block_count", s, up("search"), up("count"), ok, value=hb["count"][i], fmt="int")
        ind(ws, f"{b['to']}{r}", "block_sum_to", s, up("search"), up("to"), key, d, a, as_of, value=hb["to"][i])
        ind(ws, f"{b['total']}{r}", "block_sum", s, up("search"), up("total"), key, a, value=hb["total"][i])
        ind(ws, f"{b['min']}{r}", "block_min_date", s, up("search"), up("min"), key, d, value=hb["min"][i])
        ind(ws, f"{b['order']}{r}", "invoice_in_order", key, up("search"), value=hb["order"][i], fmt="int")
        _ends(book, ws, b, hb, i, n, ("count", "to", "total", "min"))


def _receipt_blocks(book: Book, ws: Sheet, hb: dict[str, list[object]], n: int, as_of: str) -> None:
    """The receipts' block helpers, one step per row."""
    c, b, ind = _P, _PB, book.indicator
    for j in range(n):
        r = _F + j
        key, d, a = (f"{c[k]}{r}" for k in ("key", "date", "amount"))
        s = f"{b['search']}{r}"
        up = {k: f"{v}{r - 1}" if j else None for k, v in b.items()}.get
        ind(ws, s, "search_key", key, up("search"), value=hb["search"][j])
        ind(ws, f"{b['to']}{r}", "block_sum_to", s, up("search"), up("to"), key, d, a, as_of, value=hb["to"][j])
        ind(ws, f"{b['run']}{r}", "block_sum", s, up("search"), up("run"), key, a, value=hb["run"][j])
        ind(ws, f"{b['last']}{r}", "block_last_date", s, up("search"), up("last"), key, d, value=hb["last"][j])
        ind(ws, f"{b['order']}{r}", "receipt_in_order", key, d, up("search"), up("last"), value=hb["order"][j],
            fmt="int")  # fmt: skip
        _ends(book, ws, b, hb, j, n, ("to",))


def _validations(book: Book, ws: Sheet, cols: dict[str, str], last: int, dates: tuple[str, str]) -> None:
    """Input checks and the problems column's colour."""
    f = _F
    book.text_limit(ws, f"{cols['no']}{f}:{cols['no']}{last}", 64)
    book.number_range(ws, f"{cols['amount']}{f}:{cols['amount']}{last}", 0, None)
    book.colour_when(ws, f"{cols['flag']}{f}:{cols['flag']}{last}", X.flagged(f"{cols['flag']}{f}"), RED)
    book.dates(ws, f"{dates[0]}{f}:{dates[1]}{last}")


def _start(
    book: Book, which: str, name: str, hb: dict[str, list[object]], places: Places
) -> tuple[Sheet, int, str, str]:
    """A ledger sheet laid out (:func:`_layout`) with its in-order cells: the sheet, its rows, its title as
    formulas name it and the as-of date's reference from it."""
    invoices = which == "invoices"
    n = (places.inv_last if invoices else places.rec_last) - _F + 1
    ws = book.sheet(SHEETS[which])
    here = places.invoices if invoices else places.receipts
    heads, widths = (_INV_HEADS, _INV_WIDTHS) if invoices else (_REC_HEADS, _REC_WIDTHS)
    _layout(book, ws, which, name, heads, widths, n)
    _order_cells(book, ws, which, hb, (_IB if invoices else _PB)["order"], n)
    return ws, n, here, places.summary_cell(AS_OF_CELL, here)


def invoice_sheet(book: Book, name: str, view: LedgerView, hb: dict[str, list[object]], places: Places) -> None:
    """The invoices with their figures: counted, key, received as of, open, days past due, problems."""
    ws, n, here, as_of = _start(book, "invoices", name, hb, places)
    _invoice_blocks(book, ws, hb, n, as_of)
    f, last, c, lang = _F, places.inv_last, _I, book.lang
    rk, rd, ra, r_search, r_to = (places.rec(k, here) for k in ("key", "date", "amount", "block_search",
                                                                "block_end_to"))  # fmt: skip
    i_search, i_count = (places.inv(k, here) for k in ("block_search", "block_end_count"))
    own_order = places.inv_ordered(here)
    both_ordered = f"{own_order}*{places.rec_ordered(here)}"
    cells, filled = view.inv_cells, len(view.inv)
    ind = book.indicator
    for i in range(n):
        r = f + i
        no, d, u, a, key, ok = (f"{c[k]}{r}" for k in ("no", "date", "due", "amount", "key", "ok"))
        row = view.inv[i] if i < filled else (None, None, None, None)
        for k, v, fmt in zip(("no", "date", "due", "amount"), row, ("text", "date", "date", "money"), strict=True):
            book.input(ws, f"{c[k]}{r}", v, fmt)
        got = {k: v[i] for k, v in cells.items()} if i < filled else {"counted": 0.0}
        ind(ws, ok, "invoice_counted", no, d, u, a, value=got["counted"], fmt="int")
        ind(ws, key, "ledger_key", ok, no, value=got.get("key", ""))
        earlier = (
            (span(c["key"], f, r - 1), span(c["date"], f, r - 1), span(c["amount"], f, r - 1)) if i else (None,) * 3
        )
        later = span(c["key"], r + 1, last, anchor_first=False) if i < n - 1 else None
        rc, op = f"{c['received']}{r}", f"{c['open']}{r}"
        prev_search = f"{_IB['search']}{r - 1}" if i else None
        ind(ws, rc, "received", key, d, a, as_of, rk, rd, ra, *earlier, later, ordered=both_ordered,
            receipt_search=r_search, receipt_to=r_to, invoice_search=i_search, invoice_count=i_count,
            count=f"{_IB['count']}{r}", prev_search=prev_search, prev_to=f"{_IB['to']}{r - 1}" if i else None,
            value=got.get("received", ""), fmt="money")  # fmt: skip
        ind(ws, op, "open_amount", rc, d, a, as_of, value=got.get("open", ""), fmt="money")
        ind(ws, f"{c['dpd']}{r}", "days_past_due", rc, op, u, as_of, value=got.get("dpd", ""), fmt="int")
        ind(ws, f"{c['flag']}{r}", "invoice_problems", key, f"{no}:{a}", earlier[0], lang, value=got.get("flag", ""),
            ordered=own_order, prev_search=prev_search,
            prev_count=f"{_IB['count']}{r - 1}" if i else None)  # fmt: skip
    _validations(book, ws, c, last, (c["date"], c["due"]))
    dpd, open_ = f"{c['dpd']}{f}", f"{c['open']}{f}"
    book.colour_when(ws, f"{dpd}:{c['dpd']}{last}", X.past_due(dpd, open_), AMBER)


def receipt_sheet(book: Book, name: str, view: LedgerView, hb: dict[str, list[object]], places: Places) -> None:
    """The receipts with their figures: counted, key, matching invoices, its invoice's date and amount,
    received to date, days to collect, problems."""
    ws, n, here, as_of = _start(book, "receipts", name, hb, places)
    _receipt_blocks(book, ws, hb, n, as_of)
    f, last, c, lang = _F, places.rec_last, _P, book.lang
    ik, id_, am, i_search, i_count, i_total, i_min = (
        places.inv(k, here)
        for k in ("key", "date", "amount", "block_search", "block_end_count", "block_end_total", "block_end_min")
    )
    fast_i = {"ordered": places.inv_ordered(here), "invoice_search": i_search}
    rk, rd, ra = (places.rec(k, here) for k in ("key", "date", "amount"))
    own_order = places.rec_ordered(here)
    cells, filled = view.rec_cells, len(view.rec)
    ind = book.indicator
    for j in range(n):
        r = f + j
        no, d, a, key, ok, m = (f"{c[k]}{r}" for k in ("no", "date", "amount", "key", "ok", "n"))
        row = view.rec[j] if j < filled else (None, None, None)
        for k, v, fmt in zip(("no", "date", "amount"), row, ("text", "date", "money"), strict=True):
            book.input(ws, f"{c[k]}{r}", v, fmt)
        got = {k: v[j] for k, v in cells.items()} if j < filled else {"counted": 0.0, "matches": 0.0}
        ind(ws, ok, "receipt_counted", d, a, value=got["counted"], fmt="int")
        ind(ws, key, "ledger_key", ok, no, value=got.get("key", ""))
        ind(ws, m, "invoice_matches", key, ik, **fast_i, invoice_count=i_count, value=got["matches"], fmt="int")
        kd, tot, cu = (f"{c[k]}{r}" for k in ("kdate", "total", "cum"))
        ind(ws, kd, "receipt_invoice_date", m, key, ik, id_, **fast_i, invoice_min=i_min, value=got.get("kdate", ""),
            fmt="date")  # fmt: skip
        ind(ws, tot, "receipt_invoice_total", m, key, ik, am, **fast_i, invoice_total=i_total,
            value=got.get("total", ""), fmt="money")  # fmt: skip
        to_row = (span(c[k], f, r) for k in ("key", "date", "amount"))
        ind(ws, cu, "received_to_date", m, key, d, rk, rd, ra, *to_row, ordered=own_order,
            running=f"{_PB['run']}{r}", value=got.get("cum", ""), fmt="money")  # fmt: skip
        ind(ws, f"{c['lag']}{r}", "days_to_collect", m, d, kd, value=got.get("lag", ""), fmt="int")
        ind(ws, f"{c['flag']}{r}", "receipt_problems", ok, f"{no}:{a}", m, d, kd, cu, tot, lang,
            value=got.get("flag", ""))  # fmt: skip
    _validations(book, ws, c, last, (c["date"], c["date"]))
