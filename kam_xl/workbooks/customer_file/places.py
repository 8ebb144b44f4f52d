"""Where the customer file's receivables live, for the sheets that lay them out and for readers of a file.

Issue #7: each list is on a sheet of its own, so a row a user inserts inside one splits nothing beside
it. The **应收账款 / Receivables** sheet holds the as-of date, the credit limit, the per-account indicators
(column B from :data:`FIRST_ROW`) and the month-end balances; **发票台账 / Invoices** and **收款台账 /
Receipts** hold one ledger each from :data:`FIRST_ROW`, its per-row figures beside it and its hidden
helper columns after them (the ledger's in-order cell in :data:`ORDER_ROW` of its order column).
A formula on one of the three names the others' cells through :class:`Places`.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from kam_xl.models import Model, active_model
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.canvas import quoted
from kam_xl.workbooks.customer_file.labels import SHEETS
from kam_xl.workbooks.customer_file.ledger import FIRST_ROW

__all__ = [
    "AS_OF_CELL",
    "CREDIT_LIMIT_CELL",
    "FIRST_ROW",
    "INVOICE_BLOCKS",
    "INVOICE_COLUMNS",
    "LISTS_FIRST",
    "ORDERS_AMOUNT",
    "ORDERS_DATE",
    "ORDER_ROW",
    "RECEIPT_BLOCKS",
    "RECEIPT_COLUMNS",
    "SERVICE_CELLS",
    "SERVICE_COLUMNS",
    "SERVICE_HEADER",
    "VISITS_DATE",
    "Places",
    "indicator_cells",
    "indicator_keys",
    "span",
]

AS_OF_CELL, CREDIT_LIMIT_CELL = "B2", "B3"  # the Receivables sheet's as-of date and credit limit (inputs)
ORDER_ROW = 4  # a ledger sheet's in-order cell (in its block_order column) and its note (column A)

# A ledger's inputs, its per-row figures, then its hidden helpers: key, counted (and a receipt's matching
# invoice rows), and the block helpers that let the other ledger read it by binary search.
_INVOICE = ("no", "date", "due", "amount", "received", "open", "dpd", "flag", "key", "ok")
_RECEIPT = ("no", "date", "amount", "kdate", "total", "cum", "lag", "flag", "key", "ok", "n")
# block helpers: search key, running figures within the number's block, the row's in-order flag, and
# (end_*) each running figure's block total on every row of the block
INVOICE_BLOCKS = ("search", "count", "to", "total", "min", "order", "end_count", "end_to", "end_total", "end_min")
RECEIPT_BLOCKS = ("search", "to", "run", "last", "order", "end_to")


def _letters(names: tuple[str, ...]) -> dict[str, str]:
    return {k: get_column_letter(i + 1) for i, k in enumerate(names)}


INVOICE_COLUMNS = _letters((*_INVOICE, *(f"block_{k}" for k in INVOICE_BLOCKS)))  # column letters by field
RECEIPT_COLUMNS = _letters((*_RECEIPT, *(f"block_{k}" for k in RECEIPT_BLOCKS)))


# The service sheet (服务记录 / Service log, :mod:`.service_sheet`): the log's header row and columns, and the
# panels above it. It reads the orders' and the process log's dates: each list's first row is LISTS_FIRST
# (under its header in row 3), the orders' date in ORDERS_DATE and amount in ORDERS_AMOUNT, a visit's date in
# VISITS_DATE (another module lays those sheets out: tests/test_service_sheet.py checks their headers).
SERVICE_HEADER = 19
SERVICE_COLUMNS = _letters(("date", "contact", "kind", "subject", "received", "first_response", "closed", "owner",
                            "status", "response_days", "closure_days"))  # fmt: skip
LISTS_FIRST, ORDERS_DATE, ORDERS_AMOUNT, VISITS_DATE = 4, "A", "E", "A"
_TYPE_ROWS = ("praise", "suggestion", "grumble", "complaint", "crisis")
# key → cell of the panels: counts (B), open (C), mean response (D) and closure days (E) per type; the
# complaints' total; the contact classes (F); the churn panel (values in I, signals in J); visit cadence; the
# lost account's inputs
SERVICE_CELLS: dict[str, str] = {
    **{f"count_{k}": f"B{4 + i}" for i, k in enumerate(_TYPE_ROWS)},
    **{f"open_{k}": f"C{4 + i}" for i, k in enumerate(_TYPE_ROWS)},
    **{f"response_{k}": f"D{4 + i}" for i, k in enumerate(_TYPE_ROWS)},
    **{f"closure_{k}": f"E{4 + i}" for i, k in enumerate(_TYPE_ROWS)},
    "complaints": "B9", "open_complaints": "C9",
    "class_praise": "F4", "class_suggestion": "F5", "class_complaints": "F9",  # seed 002's contact classes
    "orders_recent": "I4", "orders_before": "I5", "orders_change": "I6", "signal_orders": "J6",
    "overdue_ratio": "I7", "signal_overdue": "J7", "open_complaints_ref": "I8", "signal_complaints": "J8",
    "decision_maker_lost": "I9", "signal_decision_maker": "J9", "risk_count": "I10", "risk_level": "I11",
    "tier": "I14", "visits_due": "I15", "visits_done": "I16", "visits_behind": "I17",
    "lost": "B12", "lost_reason": "B13", "win_back": "B14", "win_back_owner": "B15", "win_back_date": "B16",
}  # fmt: skip


def indicator_keys(model: Model) -> list[str]:
    """The Receivables sheet's indicators, top to bottom."""
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
    return {k: f"B{FIRST_ROW + i}" for i, k in enumerate(indicator_keys(model or active_model()))}


def span(col: str, a: int, b: int, *, anchor_first: bool = True) -> str:
    """A growing range on the sheet itself: ``$D$7:D12`` (anchored top) or ``D13:$D$206`` (anchored bottom)."""
    return f"${col}${a}:{col}{b}" if anchor_first else f"{col}{a}:${col}${b}"


@dataclass(frozen=True)
class Places:
    """The three receivables sheets' titles as formulas name them, and the ledgers' last rows.

    ``here`` is the sheet a formula is written on: a reference to it goes unqualified."""

    summary: str
    invoices: str
    receipts: str
    inv_last: int
    rec_last: int

    @classmethod
    def of(cls, book: Book, inv_rows: int, rec_rows: int) -> Places:
        s, i, r = (quoted(book.t(SHEETS[k])) for k in ("receivables", "invoices", "receipts"))
        return cls(s, i, r, FIRST_ROW + inv_rows - 1, FIRST_ROW + rec_rows - 1)

    def _on(self, sheet: str, here: str | None, ref: str) -> str:
        return ref if sheet == here else f"{sheet}!{ref}"

    def inv(self, key: str, here: str) -> str:
        """An invoice column over the whole ledger: ``'发票台账'!$D$7:$D$2006``."""
        c = INVOICE_COLUMNS[key]
        return self._on(self.invoices, here, f"${c}${FIRST_ROW}:${c}${self.inv_last}")

    def rec(self, key: str, here: str) -> str:
        """A receipt column over the whole ledger."""
        c = RECEIPT_COLUMNS[key]
        return self._on(self.receipts, here, f"${c}${FIRST_ROW}:${c}${self.rec_last}")

    def inv_ordered(self, here: str) -> str:
        """The invoice ledger's in-order cell."""
        return self._on(self.invoices, here, f"${INVOICE_COLUMNS['block_order']}${ORDER_ROW}")

    def rec_ordered(self, here: str) -> str:
        """The receipt ledger's in-order cell."""
        return self._on(self.receipts, here, f"${RECEIPT_COLUMNS['block_order']}${ORDER_ROW}")

    def summary_cell(self, cell: str, here: str | None = None) -> str:
        """A cell of the Receivables sheet, anchored: ``'应收账款'!$B$2`` (unqualified on that sheet itself;
        ``here`` None: from any other sheet)."""
        col = cell.rstrip("0123456789")
        return self._on(self.summary, here, f"${col}${cell[len(col) :]}")
