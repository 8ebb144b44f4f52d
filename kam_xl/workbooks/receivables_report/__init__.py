"""Finance's receivables report (应收账款报告): one row per account, totals, charts, problems, the ledger.

Sheets, in tab order:

- **应收账款 / Receivables** — the as-of date and period, one row per account and a totals row;
- **汇总 / Summary** — the aging totals and the accounts per rating, with their charts;
- **问题 / Problems** — the ledger rows not counted or in doubt, with file, row and why;
- **发票 / Invoices**, **收款 / Receipts** — the ledger as read.

The per-account figures summed from the ledger are live formulas over the ledger sheets while the ledger
has at most :data:`LIVE_LEDGER_ROWS` invoice + receipt rows, the core's values above that.

The modules: :mod:`.data` (what the report shows, its labels, columns and fixed cells), :mod:`.sheets`
(Receivables, Summary, Problems), :mod:`.ledger` (Invoices, Receipts and the live figures' row blocks)
and this entry point, :func:`build`.
"""

from __future__ import annotations

from kam_xl.models import Model, active_model
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.receivables_report.data import (
    DOCS,
    FIRST_ROW,
    LABELS,
    LEDGER_ROWS_SHOWN,
    Column,
    ReportData,
    clean,
    columns,
)
from kam_xl.workbooks.receivables_report.ledger import Live, ledger_sheets
from kam_xl.workbooks.receivables_report.sheets import (
    LEDGER_PROBLEM_KINDS,
    ledger_problems,
    ledger_problems_sheet,
    receivables_sheet,
    summary_sheet,
)

__all__ = [
    "DOCS",
    "FIRST_ROW",
    "LABELS",
    "LEDGER_PROBLEM_KINDS",
    "LEDGER_ROWS_SHOWN",
    "LIVE_LEDGER_ROWS",
    "Column",
    "ReportData",
    "build",
    "clean",
    "columns",
    "is_live",
    "ledger_problems",
]

# Invoice + receipt rows up to which the per-account figures are live formulas over the ledger sheets:
# LibreOffice recalculates such a report in about 1 s of CPU at most (benchmarks/README.md, `--recalc`).
# It lives beside build(), which reads it when called: tests and the benchmark set it on this module.
LIVE_LEDGER_ROWS = 20_000


def is_live(n_invoices: int, n_receipts: int) -> bool:
    """Whether a ledger of that many rows gets live per-account formulas (:data:`LIVE_LEDGER_ROWS`)."""
    return n_invoices + n_receipts <= min(LIVE_LEDGER_ROWS, LEDGER_ROWS_SHOWN)


def build(data: ReportData, *, model: Model | None = None, lang: str = "zh") -> Book:
    """The report as a :class:`Book` (``book.write_to(path)`` writes it)."""
    model = model or active_model()
    book = Book(model, lang, LABELS["title"])
    cols = columns(model, lang)
    live = Live.of(book, data) if is_live(len(data.invoices), len(data.receipts)) else None
    ws, letter, total_row = receivables_sheet(book, data, cols, live)
    summary_sheet(book, data, ws, letter, total_row)
    ledger_problems_sheet(book, data)
    ledger_sheets(book, data, live)
    return book
