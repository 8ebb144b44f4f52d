"""The receivables sheet (应收账款): the as-of date and credit limit, the per-account indicators and the
month-end balances — every figure a registry entry's formula (:mod:`kam_xl.indicators.receivables`) over
the two ledger sheets (:mod:`.ledger_sheets`), with the core's value cached beside it. Where each cell
is: :mod:`.places`.
"""

from __future__ import annotations

from kam_xl.workbooks.book import RED, Book
from kam_xl.workbooks.canvas import Sheet
from kam_xl.workbooks.customer_file.data import CustomerFile
from kam_xl.workbooks.customer_file.labels import LABELS, SHEETS, figure_label
from kam_xl.workbooks.customer_file.ledger import LedgerView, clean, number_cell
from kam_xl.workbooks.customer_file.places import FIRST_ROW, Places, indicator_keys
from kam_xl.workbooks.labels import COMMON
from kam_xl.xlformulas import receivables as X

__all__ = ["receivables_sheet"]

_F = FIRST_ROW
_AS_OF, _LIMIT, _START, _DAYS = "$B$2", "$B$3", "$B$4", "$B$5"


def receivables_sheet(book: Book, data: CustomerFile | None, view: LedgerView, places: Places) -> None:
    """Lay the sheet out (its indicators' cells: :func:`~.places.indicator_cells`)."""
    ws = book.sheet(SHEETS["receivables"])
    for col, w in (("A", 28), ("B", 16), ("C", 2), ("D", 60)):
        ws.width(col, w)
    name = data.company.name if data and data.company.name else ""
    book.title(ws, "A1", f"{book.t(LABELS['receivables'])} — {name}" if name else LABELS["receivables"])
    book.label(ws, "D2", LABELS["receivables_hint"], header=False)
    ws.merge("D2:D5")
    for r, key in ((2, "as_of"), (3, "credit_limit"), (4, "period_start"), (5, "period_days")):
        book.side(ws, f"A{r}", LABELS.get(key) or COMMON[key])
    book.input(ws, "B2", view.as_of, "date")
    book.dates(ws, "B2")
    book.input(ws, "B3", number_cell(data.credit_limit, "credit_limit") if data else None, "money")
    book.number_range(ws, "B3", 0.01, None)
    book.indicator(ws, "B4", "period_start", _AS_OF, value=view.start or "", fmt="date")
    book.indicator(ws, "B5", "period_days", _AS_OF, _START, value=clean(view.days), fmt="int")
    _indicators(book, ws, view, places)
    ws.freeze(f"A{_F}")
    ws.upright()


def _indicators(book: Book, ws: Sheet, view: LedgerView, places: Places) -> None:
    """Per-account indicators (column B) and the month-end table under them."""
    model, lang, f, here = book.model, book.lang, _F, places.summary
    ID, AM, V, OPEN, DPD = (places.inv(k, here) for k in ("date", "amount", "ok", "open", "dpd"))
    RD, RA, RV, RQ, RL = (places.rec(k, here) for k in ("date", "amount", "ok", "kdate", "lag"))
    keys = indicator_keys(model)
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
