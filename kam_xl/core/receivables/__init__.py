"""Receivables and credit (应收与信用) — docs/definitions.md §2.11.

Input: an invoice ledger (columns ``account, invoice, invoice_date, due_date,
amount``) and a receipt ledger (``account, invoice, receipt_date, amount``);
:mod:`kam_xl.ledger` reads both from files. Output: one row per account found
in either ledger, and one row per problem found in the input.

Definitions (docs/definitions.md §2.11, and the team's decisions where it is silent):

- The period is (start, end]: start exclusive, end inclusive and equal to the
  as-of date; by default start = EDATE(as_of, −12), month ends clamped
  (2024-02-29 → 2023-02-28). "As of" counts invoices and receipts dated on or
  before the as-of date; sales are invoices dated in the period.
- A receipt is *applied* to the invoice with the same account and invoice
  number. Open amount per invoice = amount − applied receipts, as of.
  outstanding = Σ open. A repeated invoice number is one invoice for matching:
  its receipts fill the repeated rows in input order and the last row takes
  any excess. Identifiers compare as text: invoice 7 and "7" are one invoice.
- Days past due = as_of − due date; ≤ 0 is not due; the aging edges are
  inclusive upper limits (1–30, 31–60, 61–90, over 90). The buckets sum to
  outstanding — an overpaid invoice's negative open amount stays in its bucket.
  overdue = the past-due buckets.
- Money is rounded to :data:`~kam_xl.core.rounding.MONEY_DECIMALS` places
  per invoice and per account, so float noise (0.1 + 0.2 − 0.3) never turns a
  settled account into one with "outstanding" 5e-17 and an overdue ratio of 1.
- arrears rate = outstanding / sales; DSO = outstanding / sales · days; best
  DSO = not-due / sales · days: 0 when numerator and sales are both 0, NaN when
  sales are 0 but the numerator is not. overdue ratio = overdue / outstanding,
  0 when outstanding ≤ 0. days delinquent = DSO − best DSO.
- CEI = (opening + sales − closing) / (opening + sales − closing not due) · 100,
  opening = outstanding at the period start; NaN when the denominator is 0.
- Average collection days: amount-weighted mean of receipt date − invoice date
  over *applied* receipts dated in the period (for a repeated invoice number,
  its earliest invoice date). Largest and average receipt: over *all* the
  account's receipts dated in the period. NaN when there are none.
- Average arrears: mean outstanding at each calendar month end in the period.
- credit use = outstanding / credit limit; NaN without a limit; a limit ≤ 0 is
  an error. Limits for accounts in neither ledger are ignored.
- Rating: the first model rating whose DSO and overdue-ratio limits both hold
  (both rounded to 9 places first, like the band look-ups); NaN DSO (or NaN
  overdue ratio) → the last rating. :func:`credit_rating` gives its label in the
  model's language; ``receivables()``' ``rating`` column its code.

Problems (never dropped, never raised; :mod:`.problems`) are found over the
whole ledger, whatever the as-of date, because they are faults of the data.
``row`` is the input frame's index label (0-based for a default index; the
spreadsheet row for frames read by :mod:`kam_xl.ledger`).

Row-level values (:mod:`.rows`) — the figures behind the per-account ones,
which a workbook shows per ledger row — are computed by the same helpers
:func:`receivables` sums, so the two cannot drift. Every figure has its Excel
rendering, same name, in :mod:`kam_xl.xlformulas.receivables`.

Bad input raises: a missing column (:class:`LedgerError`), a missing account,
invoice number, date or amount (:class:`MissingValueError`), a negative amount
or a due date before its invoice date (:class:`OutOfRangeError`) — each naming
the field and ``"invoices row 17"``-style place, the row being the index label.

The modules, by concern: :mod:`.period`, :mod:`.ledger` (preparation),
:mod:`.rows` (row-level values), :mod:`.problems`, :mod:`.accounts`
(per-account indicators) and :mod:`.rating`.
"""

from __future__ import annotations

from kam_xl.core.receivables.accounts import (
    ReceivablesResult,
    aging_row,
    arrears_rate,
    avg_arrears,
    avg_collection_days,
    avg_receipt,
    best_dso,
    cei,
    credit_use,
    days_delinquent,
    dso,
    largest_receipt,
    outstanding,
    overdue,
    overdue_ratio,
    receivables,
    sales,
    unapplied_receipts,
)
from kam_xl.core.receivables.ledger import INVOICE_COLUMNS, RECEIPT_COLUMNS
from kam_xl.core.receivables.period import Period, month_end, period_days, period_for, period_start
from kam_xl.core.receivables.problems import (
    PROBLEM_COLUMNS,
    PROBLEM_KINDS,
    PROBLEM_LABELS,
    duplicate_invoices,
    invoice_flags,
    receipt_flags,
)
from kam_xl.core.receivables.rating import credit_rating, credit_rating_code, credit_rating_index, rating_label
from kam_xl.core.receivables.rows import (
    INVOICE_ROW_COLUMNS,
    RECEIPT_ROW_COLUMNS,
    balances,
    invoice_counted,
    invoice_rows,
    ledger_keys,
    month_end_balances,
    receipt_counted,
    receipt_rows,
)

__all__ = [
    "INVOICE_COLUMNS",
    "INVOICE_ROW_COLUMNS",
    "PROBLEM_COLUMNS",
    "PROBLEM_KINDS",
    "PROBLEM_LABELS",
    "RECEIPT_COLUMNS",
    "RECEIPT_ROW_COLUMNS",
    "Period",
    "ReceivablesResult",
    "aging_row",
    "arrears_rate",
    "avg_arrears",
    "avg_collection_days",
    "avg_receipt",
    "balances",
    "best_dso",
    "cei",
    "credit_rating",
    "credit_rating_code",
    "credit_rating_index",
    "credit_use",
    "days_delinquent",
    "dso",
    "duplicate_invoices",
    "invoice_counted",
    "invoice_flags",
    "invoice_rows",
    "largest_receipt",
    "ledger_keys",
    "month_end",
    "month_end_balances",
    "outstanding",
    "overdue",
    "overdue_ratio",
    "period_days",
    "period_for",
    "period_start",
    "rating_label",
    "receipt_counted",
    "receipt_flags",
    "receipt_rows",
    "receivables",
    "sales",
    "unapplied_receipts",
]
