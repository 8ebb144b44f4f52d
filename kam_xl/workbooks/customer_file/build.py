"""Build and write a customer file: the ledgers' figures first (the basic sheet shows some), then every
sheet laid out in tab order, then the Model sheet."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from kam_xl.cells import to_date
from kam_xl.errors import KamError
from kam_xl.models import Model, active_model
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.customer_file.data import CustomerFile, rows_for
from kam_xl.workbooks.customer_file.labels import KIND
from kam_xl.workbooks.customer_file.ledger import block_cells, ledger_view
from kam_xl.workbooks.customer_file.ledger_sheets import invoice_sheet, receipt_sheet
from kam_xl.workbooks.customer_file.orders import orders, structure
from kam_xl.workbooks.customer_file.places import Places, indicator_cells
from kam_xl.workbooks.customer_file.receivables_sheet import receivables_sheet
from kam_xl.workbooks.customer_file.service_sheet import service_sheet
from kam_xl.workbooks.customer_file.sheets import KEY_FIGURES, basic, important, log

__all__ = ["build", "write"]


def _as_of(value: object) -> date | None:
    try:
        return to_date(value, "as_of")
    except KamError as exc:
        raise KamError("as_of", f"“{value}” 不是日期", f"'{value}' is not a date") from exc


def build(
    data: CustomerFile | None = None, *, model: Model | None = None, lang: str = "zh", as_of: date | None = None
) -> Book:
    """The customer-file workbook for ``data`` (None: the blank standard template).

    ``as_of`` (else ``data.as_of``) fills the receivables sheet's as-of date;
    without one the indicators stay blank until the user types it.
    """
    model = model or active_model()
    book = Book(model, lang, KIND)
    book.about = data.company.name if data else None  # printed in every page's header
    day = _as_of(as_of) if as_of is not None else (_as_of(data.as_of) if data and data.as_of else None)
    view = ledger_view(data, day, model, book.lang)
    blank = data is None
    n_inv, n_rec = rows_for(len(view.inv), "invoices", blank), rows_for(len(view.rec), "receipts", blank)
    places = Places.of(book, n_inv, n_rec)
    cells = indicator_cells(model)
    figures = {k: (places.summary_cell(cells[k]), view.figures.get(k, "")) for k in KEY_FIGURES}
    basic(book, data, figures)
    important(book, data)
    log(book, data, "core", "strategy_log", "strategies")
    log(book, data, "process", "process_log", "visits")
    lines = orders(book, data)
    structure(book, data, lines)
    receivables_sheet(book, data, view, places)
    inv_b, rec_b = block_cells(view, n_inv, n_rec)
    name = data.company.name if data and data.company.name else ""
    invoice_sheet(book, name, view, inv_b, places)
    receipt_sheet(book, name, view, rec_b, places)
    service_sheet(book, data, view, places, lines)
    book.add_model_sheet()
    return book


def write(
    path: str | os.PathLike[str],
    data: CustomerFile | None = None,
    *,
    model: Model | None = None,
    lang: str = "zh",
    overwrite: bool = False,
    as_of: date | None = None,
) -> Path:
    """Build and save the customer file; refuses to overwrite an existing file unless asked."""
    return build(data, model=model, lang=lang, as_of=as_of).save(path, overwrite=overwrite)
