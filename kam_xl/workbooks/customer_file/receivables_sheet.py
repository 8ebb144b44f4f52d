"""The receivables sheet (应收账款): the as-of date and credit limit, both ledgers with their per-row
figures, the per-account indicators and the month-end balances — every figure a registry entry's
formula (:mod:`kam_xl.indicators.receivables`) with the core's value cached beside it.

Each ledger block is the data plus 50 spare rows (2,000 rows in the blank template: :data:`~.data.CAPACITY`);
hidden helper columns hold each row's *counted* flag and *key* (its invoice
number as text when the row counts), so that one comparison matches a number
and skips a row not counted.
"""

from __future__ import annotations

from kam_xl.models import Model, active_model
from kam_xl.workbooks.book import AMBER, RED, Book
from kam_xl.workbooks.canvas import Sheet
from kam_xl.workbooks.customer_file.data import CustomerFile, rows_for
from kam_xl.workbooks.customer_file.forms import letter
from kam_xl.workbooks.customer_file.labels import LABELS, SHEETS, figure_label
from kam_xl.workbooks.customer_file.ledger import FIRST_ROW, LedgerView, block_cells, clean, number_cell
from kam_xl.workbooks.labels import COMMON, fit_height
from kam_xl.xlformulas import ledger_order as O
from kam_xl.xlformulas import receivables as X

__all__ = [
    "AS_OF_CELL",
    "CREDIT_LIMIT_CELL",
    "INVOICE_COLUMNS",
    "RECEIPT_COLUMNS",
    "indicator_cells",
    "receivables_sheet",
]

AS_OF_CELL, CREDIT_LIMIT_CELL = "B2", "B3"  # the sheet's as-of date and credit limit (inputs), for readers of the sheet

_HEADER, _F = FIRST_ROW - 1, FIRST_ROW
# Ledger columns; the last of each block are hidden helpers (key, counted, matching invoice rows).
_I = dict(
    zip(("no", "date", "due", "amount", "received", "open", "dpd", "flag", "key", "ok"), "DEFGHIJKLM", strict=True)
)
_P = dict(
    zip(("no", "date", "amount", "kdate", "total", "cum", "lag", "flag", "key", "ok", "n"), "OPQRSTUVWXY", strict=True)
)
# Block helpers (issue #7: both ledgers sorted by number, read by binary search), hidden, after the receipts:
# search key, running figures within the number's block, the row's in-order flag; row 4 of the flag
# column holds the ledger's in-order cell.
# (end_*: the running figure's block total, on every row of the block)
_IB = dict(
    zip(
        ("search", "count", "to", "total", "min", "order", "end_count", "end_to", "end_total", "end_min"),
        ("Z", "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI"),
        strict=True,
    )
)
_PB = dict(zip(("search", "to", "run", "last", "order", "end_to"), ("AJ", "AK", "AL", "AM", "AN", "AO"), strict=True))
_I.update({f"block_{k}": v for k, v in _IB.items()})
_P.update({f"block_{k}": v for k, v in _PB.items()})
INVOICE_COLUMNS, RECEIPT_COLUMNS = dict(_I), dict(_P)  # column letters by field, for readers of the sheet
_HIDDEN = ("L", "M", "W", "X", "Y", *_IB.values(), *_PB.values())
_ORDER_ROW = 4
_INV_ORDERED, _REC_ORDERED = f"${_IB['order']}${_ORDER_ROW}", f"${_PB['order']}${_ORDER_ROW}"
_BOTH_ORDERED = f"{_INV_ORDERED}*{_REC_ORDERED}"
_AS_OF, _LIMIT, _START, _DAYS = "$B$2", "$B$3", "$B$4", "$B$5"
_WIDTHS = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXY",
        (26, 16, 2, 14, 12, 12, 15, 15, 15, 9, 20, 6, 6, 2, 14, 12, 15, 12, 15, 15, 9, 24, 6, 6, 6),
        strict=True,
    )
)


def _keys(model: Model) -> list[str]:
    return [
        "n_invoices", "n_receipts", "sales", "outstanding", "overdue",
        *(lab.code for lab in model.receivables.aging_labels),
        "arrears_rate", "overdue_ratio", "dso", "best_dso", "days_delinquent", "opening", "cei",
        "avg_collection_days", "largest_receipt", "avg_receipt", "unapplied_receipts", "avg_arrears",
        "credit_use", "credit_rating",
    ]  # fmt: skip


def indicator_cells(model: Model | None = None) -> dict[str, str]:
    """Where each receivables indicator sits on the Receivables sheet: key → cell (``"sales"`` → ``"B9"``).

    Keys are the core's column names (:func:`kam_xl.core.receivables.receivables`; ``credit_rating``
    for its ``rating``) plus ``n_invoices``, ``n_receipts`` and ``opening``.
    """
    return {k: f"B{_F + i}" for i, k in enumerate(_keys(model or active_model()))}


def _col(col: str, a: int, b: int) -> str:
    """A whole ledger column ``$D$7:$D$206``."""
    return f"${col}${a}:${col}${b}"


def _span(col: str, a: int, b: int, *, anchor_first: bool = True) -> str:
    """A growing range: ``$D$7:D12`` (anchored top) or ``D13:$D$206`` (anchored bottom)."""
    return f"${col}${a}:{col}{b}" if anchor_first else f"{col}{a}:${col}${b}"


def _invoice_blocks(book: Book, ws: Sheet, hb: dict[str, list[object]], n: int) -> None:
    """The invoices' block helpers (:mod:`kam_xl.xlformulas.ledger_order`), one step per row."""
    c, b, ind = _I, _IB, book.indicator
    for i in range(n):
        r = _F + i
        key, ok, d, a = (f"{c[k]}{r}" for k in ("key", "ok", "date", "amount"))
        s = f"{b['search']}{r}"
        up = {k: f"{v}{r - 1}" if i else None for k, v in b.items()}.get
        ind(ws, s, "search_key", key, up("search"), value=hb["search"][i])
        ind(ws, f"{b['count']}{r}", "block_count", s, up("search"), up("count"), ok, value=hb["count"][i], fmt="int")
        ind(ws, f"{b['to']}{r}", "block_sum_to", s, up("search"), up("to"), key, d, a, _AS_OF, value=hb["to"][i])
        ind(ws, f"{b['total']}{r}", "block_sum", s, up("search"), up("total"), key, a, value=hb["total"][i])
        ind(ws, f"{b['min']}{r}", "block_min_date", s, up("search"), up("min"), key, d, value=hb["min"][i])
        ind(ws, f"{b['order']}{r}", "invoice_in_order", key, up("search"), value=hb["order"][i], fmt="int")
        _ends(book, ws, b, hb, i, n, ("count", "to", "total", "min"))


def _ends(book: Book, ws: Sheet, b: dict[str, str], hb: dict[str, list[object]], i: int, n: int,
          names: tuple[str, ...]) -> None:  # fmt: skip
    """Row ``i``'s block totals of the running columns ``names`` (read from the row below)."""
    r = _F + i
    below = (f"{b['search']}{r + 1}", lambda k: f"{b[k]}{r + 1}") if i < n - 1 else (None, lambda k: None)
    for k in names:
        end = f"end_{k}"
        book.indicator(ws, f"{b[end]}{r}", "block_total", f"{b['search']}{r}", below[0], below[1](end), f"{b[k]}{r}",
                       value=hb[end][i])  # fmt: skip


def _receipt_blocks(book: Book, ws: Sheet, hb: dict[str, list[object]], n: int) -> None:
    """The receipts' block helpers, one step per row."""
    c, b, ind = _P, _PB, book.indicator
    for j in range(n):
        r = _F + j
        key, d, a = (f"{c[k]}{r}" for k in ("key", "date", "amount"))
        s = f"{b['search']}{r}"
        up = {k: f"{v}{r - 1}" if j else None for k, v in b.items()}.get
        ind(ws, s, "search_key", key, up("search"), value=hb["search"][j])
        ind(ws, f"{b['to']}{r}", "block_sum_to", s, up("search"), up("to"), key, d, a, _AS_OF, value=hb["to"][j])
        ind(ws, f"{b['run']}{r}", "block_sum", s, up("search"), up("run"), key, a, value=hb["run"][j])
        ind(ws, f"{b['last']}{r}", "block_last_date", s, up("search"), up("last"), key, d, value=hb["last"][j])
        ind(ws, f"{b['order']}{r}", "receipt_in_order", key, d, up("search"), up("last"), value=hb["order"][j],
            fmt="int")  # fmt: skip
        _ends(book, ws, b, hb, j, n, ("to",))


def _invoice_rows(book: Book, ws: Sheet, view: LedgerView, n: int, rec_last: int) -> None:
    """Invoice inputs and their figures: counted, key, received as of, open, days past due, problems."""
    f, last, c, lang = _F, _F + n - 1, _I, book.lang
    rk, rd, ra = (_col(_P[k], f, rec_last) for k in ("key", "date", "amount"))
    i_search, i_count = (_col(_IB[k], f, last) for k in ("search", "end_count"))
    r_search, r_to = (_col(_PB[k], f, rec_last) for k in ("search", "end_to"))
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
            (_span(c["key"], f, r - 1), _span(c["date"], f, r - 1), _span(c["amount"], f, r - 1)) if i else (None,) * 3
        )
        later = _span(c["key"], r + 1, last, anchor_first=False) if i < n - 1 else None
        rc, op = f"{c['received']}{r}", f"{c['open']}{r}"
        ind(
            ws,
            rc,
            "received",
            key,
            d,
            a,
            _AS_OF,
            rk,
            rd,
            ra,
            *earlier,
            later,
            ordered=_BOTH_ORDERED,
            receipt_search=r_search,
            receipt_to=r_to,
            invoice_search=i_search,
            invoice_count=i_count,
            count=f"{_IB['count']}{r}",
            prev_search=f"{_IB['search']}{r - 1}" if i else None,
            prev_to=f"{_IB['to']}{r - 1}" if i else None,
            value=got.get("received", ""),
            fmt="money",
        )
        ind(ws, op, "open_amount", rc, d, a, _AS_OF, value=got.get("open", ""), fmt="money")
        ind(ws, f"{c['dpd']}{r}", "days_past_due", rc, op, u, _AS_OF, value=got.get("dpd", ""), fmt="int")
        ind(ws, f"{c['flag']}{r}", "invoice_problems", key, f"{no}:{a}", earlier[0], lang, value=got.get("flag", ""),
            ordered=_INV_ORDERED, prev_search=f"{_IB['search']}{r - 1}" if i else None,
            prev_count=f"{_IB['count']}{r - 1}" if i else None)  # fmt: skip


def _receipt_rows(book: Book, ws: Sheet, view: LedgerView, n: int, inv_last: int) -> None:
    """Receipt inputs and their figures: counted, key, matching invoices, its invoice's date and amount,
    received to date, days to collect, problems."""
    f, last, c, lang = _F, _F + n - 1, _P, book.lang
    ik, id_, am = (_col(_I[k], f, inv_last) for k in ("key", "date", "amount"))
    i_search, i_count, i_total, i_min = (
        _col(_IB[k], f, inv_last) for k in ("search", "end_count", "end_total", "end_min")
    )
    fast_i = {"ordered": _INV_ORDERED, "invoice_search": i_search}
    rk, rd, ra = (_col(c[k], f, last) for k in ("key", "date", "amount"))
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
        to_row = (_span(c[k], f, r) for k in ("key", "date", "amount"))
        ind(ws, cu, "received_to_date", m, key, d, rk, rd, ra, *to_row, ordered=_REC_ORDERED,
            running=f"{_PB['run']}{r}", value=got.get("cum", ""), fmt="money")  # fmt: skip
        ind(ws, f"{c['lag']}{r}", "days_to_collect", m, d, kd, value=got.get("lag", ""), fmt="int")
        ind(
            ws,
            f"{c['flag']}{r}",
            "receipt_problems",
            ok,
            f"{no}:{a}",
            m,
            d,
            kd,
            cu,
            tot,
            lang,
            value=got.get("flag", ""),
        )


def receivables_sheet(book: Book, data: CustomerFile | None, view: LedgerView) -> None:
    """Lay the sheet out (its indicators' cells: :func:`indicator_cells`)."""
    ws = book.sheet(SHEETS["receivables"])
    for col, w in _WIDTHS.items():
        ws.width(col, w)
    name = data.company.name if data and data.company.name else ""
    book.title(ws, "A1", f"{book.t(LABELS['receivables'])} — {name}" if name else LABELS["receivables"])
    book.label(ws, "D1", LABELS["receivables_hint"], header=False)
    ws.merge("D1:V1")
    n_inv, n_rec = (
        rows_for(len(rows), k, data is None) for rows, k in ((view.inv, "invoices"), (view.rec, "receipts"))
    )
    f = _F
    il, rl = f + n_inv - 1, f + n_rec - 1

    # inputs and the period
    for r, key in ((2, "as_of"), (3, "credit_limit"), (4, "period_start"), (5, "period_days")):
        book.side(ws, f"A{r}", LABELS.get(key) or COMMON[key])
    book.input(ws, "B2", view.as_of, "date")
    book.dates(ws, "B2")
    book.input(ws, "B3", number_cell(data.credit_limit, "credit_limit") if data else None, "money")
    book.number_range(ws, "B3", 0.01, None)
    book.indicator(ws, "B4", "period_start", _AS_OF, value=view.start or "", fmt="date")
    book.indicator(ws, "B5", "period_days", _AS_OF, _START, value=clean(view.days), fmt="int")

    # ledgers: inputs, then their figures (the hidden helper columns last)
    inv_heads = ("invoice_no", "invoice_date", "due_date", "amount", "received", "open", "days_past_due")
    rec_heads = ("invoice_no", "receipt_date", "amount", "its_invoice_date", "invoice_amount", "cumulative")
    for cols, key, heads in (
        (_I, "invoices", (*inv_heads, "problems", "key", "counted")),
        (_P, "receipts", (*rec_heads, "days_to_collect", "problems", "key", "counted", "matches")),
    ):
        book.label(ws, f"{cols['no']}5", LABELS[key])
        ws.merge(f"{cols['no']}5:{cols['flag']}5")
        start = ord(cols["no"]) - ord("A") + 1
        for k, head in enumerate(heads):
            book.label(ws, f"{letter(start + k)}{_HEADER}", LABELS[head])
        shown = [(book.t(LABELS[h]), ws.widths.get(start + k, 8.43)) for k, h in enumerate(heads)
                 if letter(start + k) not in _HIDDEN]  # fmt: skip
        need = fit_height(shown)
        ws.height(_HEADER, max(ws.heights.get(_HEADER, 15.0), need))
    for col in _HIDDEN:
        ws.hide(col)
    inv_b, rec_b = block_cells(view, n_inv, n_rec)
    _invoice_blocks(book, ws, inv_b, n_inv)
    _receipt_blocks(book, ws, rec_b, n_rec)
    for cols, hb, which in ((_IB, inv_b, "invoices"), (_PB, rec_b, "receipts")):
        at = f"{cols['order']}{_ORDER_ROW}"
        book.indicator(ws, at, "ledger_in_order", _col(cols["order"], f, il if which == "invoices" else rl),
                       value=hb["ordered"][0], fmt="int")  # fmt: skip
        note_at = (_I if which == "invoices" else _P)["no"]
        book.indicator(ws, f"{note_at}{_ORDER_ROW}", "order_note", f"${cols['order']}${_ORDER_ROW}", which, book.lang,
                       value="" if hb["ordered"][0] == 1 else O.ORDER_NOTES[which][book.lang != "zh"])  # fmt: skip
    _invoice_rows(book, ws, view, n_inv, rl)
    _receipt_rows(book, ws, view, n_rec, il)
    for cols, last in ((_I, il), (_P, rl)):
        book.text_limit(ws, f"{cols['no']}{f}:{cols['no']}{last}", 64)
        book.number_range(ws, f"{cols['amount']}{f}:{cols['amount']}{last}", 0, None)
        book.colour_when(ws, f"{cols['flag']}{f}:{cols['flag']}{last}", X.flagged(f"{cols['flag']}{f}"), RED)
    book.dates(ws, f"{_I['date']}{f}:{_I['due']}{il}")
    book.dates(ws, f"{_P['date']}{f}:{_P['date']}{rl}")
    dpd, open_ = f"{_I['dpd']}{f}", f"{_I['open']}{f}"
    book.colour_when(ws, f"{dpd}:{_I['dpd']}{il}", X.past_due(dpd, open_), AMBER)
    _indicators(book, ws, view, il, rl)
    ws.freeze(f"A{_F}")
    ws.print_titles(rows=f"{_HEADER}:{_HEADER}")


def _indicators(book: Book, ws: Sheet, view: LedgerView, il: int, rl: int) -> None:
    """Per-account indicators (column B) and the month-end table under them."""
    model, lang, f = book.model, book.lang, _F
    ID, AM, V, OPEN, DPD = (_col(_I[k], f, il) for k in ("date", "amount", "ok", "open", "dpd"))
    RD, RA, RV, RQ, RL = (_col(_P[k], f, rl) for k in ("date", "amount", "ok", "kdate", "lag"))
    keys = _keys(model)
    row_of = {k: f + i for i, k in enumerate(keys)}
    ref = {k: f"$B${r}" for k, r in row_of.items()}
    nothing = X.no_figures(_AS_OF, ref["n_invoices"], ref["n_receipts"])
    buckets = [lab.code for lab in model.receivables.aging_labels]
    o, s, od, nd, op = ref["outstanding"], ref["sales"], ref["overdue"], ref[buckets[0]], ref["opening"]
    n_months = model.receivables.period_months + 1
    mf = row_of["credit_rating"] + 4  # first month-end row
    ends, bals = f"$A${mf}:$A${mf + n_months - 1}", f"$B${mf}:$B${mf + n_months - 1}"
    balance = (AM, ID, V, RA, RD, RQ)
    # key → (registry entry, its renderer's arguments, number format); all shown blank while `nothing`
    figures: dict[str, tuple[str, tuple[object, ...], str]] = {
        "sales": ("sales", (AM, ID, V, _START, _AS_OF), "money"),
        "outstanding": ("outstanding", (f"{ref[buckets[0]]}:{ref[buckets[-1]]}",), "money"),
        "overdue": ("overdue_amount", (f"{ref[buckets[1]]}:{ref[buckets[-1]]}",), "money"),
        **{b: ("aging", (OPEN, DPD, k, len(buckets)), "money") for k, b in enumerate(buckets)},
        "arrears_rate": ("arrears_rate", (o, s), "percent"),
        "overdue_ratio": ("overdue_ratio", (od, o), "percent"),
        "dso": ("dso", (o, s, _DAYS), "score"),
        "best_dso": ("best_dso", (nd, s, _DAYS), "score"),
        "days_delinquent": ("days_delinquent", (ref["dso"], ref["best_dso"]), "score"),
        "opening": ("balance", (*balance, _START), "money"),
        "cei": ("cei", (op, s, o, nd), "score"),
        "avg_collection_days": ("avg_collection_days", (RA, RD, RQ, RL, _START, _AS_OF), "score"),
        "largest_receipt": ("largest_receipt", (RA, RD, RV, _START, _AS_OF), "money"),
        "avg_receipt": ("avg_receipt", (RA, RD, RV, _START, _AS_OF), "money"),
        "unapplied_receipts": ("unapplied_receipts", (RA, RD, RV, RQ, _AS_OF), "money"),
        "avg_arrears": ("avg_arrears", (ends, bals), "money"),
        "credit_use": ("credit_use", (o, _LIMIT), "percent"),
        "credit_rating": ("credit_rating", (ref["dso"], ref["overdue_ratio"], lang), "general"),
    }
    bucket_names = {lab.code: (lab.zh, lab.en) for lab in model.receivables.aging_labels}
    for k in keys:
        r = row_of[k]
        book.label(ws, f"A{r}", figure_label(k) or bucket_names[k], header=False)
        value = view.figures.get(k, "")
        if k in ("n_invoices", "n_receipts"):
            book.indicator(ws, f"B{r}", "total", V if k == "n_invoices" else RV, value=value, fmt="int")
            continue
        key, args, fmt = figures[k]
        book.indicator(ws, f"B{r}", key, *args, value=value, fmt=fmt, blank_if=nothing)
    cell = {k: v.replace("$", "") for k, v in ref.items()}
    book.band_colours(ws, cell["credit_rating"], [x.text(lang) for x in model.receivables.ratings])
    book.colour_when(ws, cell["credit_use"], X.over_limit(cell["credit_use"]), RED)

    # Month ends in the period and the outstanding at each: their mean is the average arrears.
    book.label(ws, f"A{mf - 2}", LABELS["month_ends"])
    ws.merge(f"A{mf - 2}:B{mf - 2}")
    book.label(ws, f"A{mf - 1}", LABELS["month_end"])
    book.label(ws, f"B{mf - 1}", LABELS["outstanding"])
    shown = view.month_ends or [("", "")] * n_months
    for month in range(n_months):
        r = mf + month
        end, at = shown[month]
        book.indicator(ws, f"A{r}", "month_end", _START, _AS_OF, month, value=end, fmt="date")
        blank_if = X.no_figures(_AS_OF, ref["n_invoices"], ref["n_receipts"], blank=f"A{r}")
        book.indicator(ws, f"B{r}", "balance", *balance, f"A{r}", value=at, fmt="money", blank_if=blank_if)
