"""The customer file workbook (大客户档案) — docs/definitions.md §3, seed 004.

One workbook per key account, as the seed's account-file rules list it:
basic information (the company and each contact's authority, phone,
personality and hobbies), important information (organisation, history,
goals, competitors, suppliers), core information (our strategy and its
effect), the process log (visits and negotiations with SPIN notes, our answer
and the next step), orders with the order structure, and receivables.

Each list has a sheet of its own, so a row inserted inside one splits nothing
beside it: the orders and the order structure; the receivables summary (as-of
date, credit limit, per-account indicators, month ends) and the invoice and
receipt ledgers, each with spare rows (:mod:`.places` says where every cell
is). Every computed cell — per ledger row (counted,
key, received as of, open amount, days past due, its invoice's date and
amount, received to date, days to collect, problems) and per account — is a
registry entry's formula (:mod:`kam_xl.indicators.receivables`) cached with the
core's value (:mod:`kam_xl.core.receivables`) for the same rows and as-of date
(default period: the model's months to the as-of date, start exclusive).

Decisions the workbook makes where the core raises or Excel differs:

- A ledger row that is incomplete (no invoice number, date or amount; a due
  date before the invoice date; a negative amount) is not counted and is
  flagged "not counted"; the core sees the counted rows only.
- Invoice numbers match as text (``7`` and ``"7"`` are one invoice) and,
  as Excel compares text, case-insensitively: the core is handed the numbers
  in lower case so both agree.

The modules: :mod:`.data` (the dataclasses), :mod:`.labels`, :mod:`.ledger`
(the ledgers as the sheet holds them, with the core's values), :mod:`.forms`
(the input idiom), :mod:`.sheets`, :mod:`.orders`, :mod:`.places`,
:mod:`.receivables_sheet`, :mod:`.ledger_sheets`, :mod:`.service_sheet` (the service log, churn signals
and visit cadence) and :mod:`.build`. Every sheet is laid out on the canvas of a write-only
:class:`~kam_xl.workbooks.book.Book`.
"""

from __future__ import annotations

from kam_xl.workbooks.customer_file.build import build, write
from kam_xl.workbooks.customer_file.data import (
    INDUSTRIES,
    OWNERSHIP,
    RELATIONSHIP_TYPES,
    RESULTS,
    VISIT_KINDS,
    Company,
    Competitor,
    Contact,
    CustomerFile,
    ImportantInfo,
    Invoice,
    Order,
    Receipt,
    ServiceFile,
    ServiceRecord,
    StrategyEntry,
    Supplier,
    Visit,
)
from kam_xl.workbooks.customer_file.labels import KIND, LABELS, SHEETS
from kam_xl.workbooks.customer_file.places import indicator_cells

__all__ = [
    "INDUSTRIES",
    "KIND",
    "LABELS",
    "OWNERSHIP",
    "RELATIONSHIP_TYPES",
    "RESULTS",
    "SHEETS",
    "VISIT_KINDS",
    "Company",
    "Competitor",
    "Contact",
    "CustomerFile",
    "ImportantInfo",
    "Invoice",
    "Order",
    "Receipt",
    "ServiceFile",
    "ServiceRecord",
    "StrategyEntry",
    "Supplier",
    "Visit",
    "build",
    "indicator_cells",
    "write",
]
