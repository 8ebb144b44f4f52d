"""Row-level receivables: the figures behind the per-account ones, which a workbook shows per ledger row.

- :func:`invoice_counted`, :func:`receipt_counted`, :func:`ledger_keys`: which
  rows of a ledger as typed into a sheet are complete enough to count, and the
  key (its invoice number as text) each counted row is matched by.
- :func:`invoice_rows`: per invoice row, received as of a date, open amount and
  days past due.
- :func:`receipt_rows`: per receipt row, its invoice's date and total, the
  receipts on that invoice so far, days to collect, the number of invoice rows
  it matches and its problem flags.
- :func:`balances` and :func:`month_end_balances`: outstanding at any days, and
  at the period start and each month end.

Each is computed by the same helpers :func:`~kam_xl.core.receivables.receivables`
sums, so the two cannot drift; the Excel renderings of each are in
:mod:`kam_xl.xlformulas.receivables`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeGuard

import numpy as np
import pandas as pd

from kam_xl.cells import identifier, is_blank
from kam_xl.core.receivables.ledger import Ledger, money, prepare
from kam_xl.core.receivables.period import DAY0, Period, as_date, checkpoints, day_number

__all__ = [
    "INVOICE_ROW_COLUMNS",
    "RECEIPT_ROW_COLUMNS",
    "ReceiptFacts",
    "balances",
    "invoice_counted",
    "invoice_rows",
    "ledger_keys",
    "month_end_balances",
    "outstanding_at",
    "receipt_counted",
    "receipt_facts",
    "receipt_rows",
    "received_and_open",
]

INVOICE_ROW_COLUMNS = ("received", "open", "days_past_due")
RECEIPT_ROW_COLUMNS = (
    "invoice_date",
    "invoice_total",
    "cumulative",
    "days_to_collect",
    "invoice_rows",
    "unknown_invoice",
    "before_invoice",
    "overpaid",
)


# ---------------------------------------------------------------- which rows of a sheet count


def _is_day(v: object) -> TypeGuard[date]:
    return isinstance(v, date)  # a datetime (and a pandas Timestamp) is a date too


def _is_amount(v: object) -> TypeGuard[float | np.integer | np.floating]:
    return isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool) and np.isfinite(v)


def invoice_counted(
    numbers: Iterable[object], invoice_dates: Iterable[object], due_dates: Iterable[object], amounts: Iterable[object]
) -> np.ndarray:
    """Which invoice rows, as a sheet holds them, count: a number, two dates (the due date not
    before the invoice date) and an amount ≥ 0. Dates are date cells and amounts number cells
    (text that was not read as one is not counted). Excel: ``xlformulas.receivables.invoice_counted``.
    """
    return np.array(
        [
            not is_blank(n) and _is_day(d) and _is_day(u) and _is_amount(a) and u >= d and a >= 0
            for n, d, u, a in zip(numbers, invoice_dates, due_dates, amounts, strict=True)
        ],
        dtype=bool,
    )


def receipt_counted(receipt_dates: Iterable[object], amounts: Iterable[object]) -> np.ndarray:
    """Which receipt rows count: a date and an amount ≥ 0 (a blank invoice number is unapplied cash).
    Excel: ``xlformulas.receivables.receipt_counted``."""
    return np.array(
        [_is_day(d) and _is_amount(a) and a >= 0 for d, a in zip(receipt_dates, amounts, strict=True)],
        dtype=bool,
    )


def ledger_keys(counted: Iterable[object], numbers: Iterable[object]) -> np.ndarray:
    """Each row's key: its invoice number as text (:func:`kam_xl.cells.identifier`) when the row is
    counted, else ``""``; one comparison then both matches a number and skips a row not counted.
    Excel: ``xlformulas.receivables.ledger_key``."""
    return np.array([(identifier(n) or "") if ok else "" for ok, n in zip(counted, numbers, strict=True)], dtype=object)


# ---------------------------------------------------------------- invoice rows


def _segment_cumsum(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Running total within each group, in the given order (exact per group, unlike a global cumsum)."""
    return pd.Series(values).groupby(groups, sort=False).cumsum().to_numpy()


def _applied_per_invoice(led: Ledger, key_applied: np.ndarray, invoiced: np.ndarray) -> np.ndarray:
    """Receipts applied to each invoice row; repeated numbers fill their rows in input order."""
    applied = key_applied[led.ik]
    counts = np.bincount(led.ik, minlength=len(led.first))
    rows = np.flatnonzero(counts[led.ik] > 1)
    if len(rows) == 0:
        return applied
    rows = rows[np.argsort(led.ik[rows], kind="stable")]
    keys = led.ik[rows]
    before = _segment_cumsum(invoiced[rows], keys) - invoiced[rows]
    last = np.r_[keys[1:] != keys[:-1], True]
    share = np.maximum(applied[rows] - before, 0.0)
    applied = applied.copy()
    applied[rows] = np.where(last, share, np.minimum(share, invoiced[rows]))
    return applied


def received_and_open(led: Ledger, end: int) -> tuple[np.ndarray, np.ndarray]:
    """Per invoice row as of day ``end``: the receipts applied to it, and its open amount (money-rounded).

    Invoiced = the amount when the invoice is dated on or before ``end``, else 0;
    received = its share of the receipts of its number dated on or before ``end``.
    """
    invoiced = np.where(led.di <= end, led.ai, 0.0)
    received = led.known & (led.dr <= end)
    key_applied = np.bincount(led.rk[received], weights=led.ar[received], minlength=len(led.first))
    applied = _applied_per_invoice(led, key_applied, invoiced)
    return applied, money(invoiced - applied)


def invoice_rows(invoices: pd.DataFrame, receipts: pd.DataFrame | None, as_of: date) -> pd.DataFrame:
    """Per invoice row, as of ``as_of``: ``received``, ``open`` and ``days_past_due`` (index = the invoices').

    received: the receipts of its (account, invoice number) dated on or before
    ``as_of``; a repeated number's receipts fill its rows in input order, each
    up to its amount, and the last row takes any excess. open: invoiced −
    received, rounded to :data:`~kam_xl.core.rounding.MONEY_DECIMALS`, where
    invoiced is the amount if the invoice is dated on or before ``as_of``, else
    0. days_past_due: ``as_of`` − due date, NaN while nothing is open (a settled
    invoice is not "400 days late"). The same figures
    :func:`~kam_xl.core.receivables.receivables` sums into its aging buckets.
    Excel: ``xlformulas.receivables.received``, ``open_amount``, ``days_past_due``.
    """
    end = day_number(as_date(as_of, "as_of"))
    led = prepare(invoices, receipts)
    received, open_amount = received_and_open(led, end)
    days = np.where(open_amount == 0, np.nan, (end - led.dd).astype(float))
    return pd.DataFrame(
        {"received": received, "open": open_amount, "days_past_due": days},
        index=led.inv.index,
        columns=INVOICE_ROW_COLUMNS,
    )


# ---------------------------------------------------------------- receipt rows


def _key_invoice_date(led: Ledger) -> np.ndarray:
    """Earliest invoice date per key (a repeated number takes its earliest row); int64 max for none."""
    out = np.full(len(led.first), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(out, led.ik, led.di)
    return out


@dataclass(frozen=True)
class ReceiptFacts:
    """Per receipt row: what it is applied to and what its problems are (NaN / False when unknown)."""

    key_date: np.ndarray  # per key, not per receipt: its earliest invoice day
    days: np.ndarray  # days to collect: receipt date − its invoice's earliest date
    total: np.ndarray  # its invoice's amount: all rows of the number, whatever their date
    cumulative: np.ndarray  # receipts on its invoice up to this one: earlier dates, then input order
    before_invoice: np.ndarray
    overpaid: np.ndarray


def receipt_facts(led: Ledger) -> ReceiptFacts:
    key_date = _key_invoice_date(led)
    known = np.flatnonzero(led.known)
    rk, dr = led.rk[known], led.dr[known]
    # One stable sort on (invoice key, date) keeps the input order within a day (2–3× faster than a lexsort).
    lo = int(dr.min(initial=0))
    order = known[np.argsort(rk * (int(dr.max(initial=0)) - lo + 1) + (dr - lo), kind="stable")]
    cumulative = np.full(len(led.rk), np.nan)
    cumulative[order] = _segment_cumsum(led.ar[order], led.rk[order])
    total = np.full(len(led.rk), np.nan)
    total[known] = np.bincount(led.ik, weights=led.ai, minlength=len(led.first))[rk]
    days = np.full(len(led.rk), np.nan)
    days[known] = dr - key_date[rk]
    with np.errstate(invalid="ignore"):  # NaN (unknown) compares False: not before, not overpaid
        overpaid = cumulative > total + 1e-9 * np.maximum(np.abs(total), 1.0)
        before = days < 0
    return ReceiptFacts(key_date, days, total, cumulative, before, overpaid)


def receipt_rows(invoices: pd.DataFrame, receipts: pd.DataFrame | None) -> pd.DataFrame:
    """Per receipt row (index = the receipts'), whatever the date — the facts behind the problems report.

    - ``invoice_date``: its invoice's date, the earliest row of its (account,
      invoice number); NaT when no invoice has that number (unknown).
    - ``invoice_total``: the amount of all the rows of that number (not as of a date).
    - ``cumulative``: receipts on that invoice up to and including this one —
      those dated earlier, then those of the same date up to this row in input order.
    - ``days_to_collect``: receipt date − ``invoice_date``.
    - ``invoice_rows``: how many invoice rows carry its number (0: unknown).
    - ``unknown_invoice``, ``before_invoice``, ``overpaid`` (cumulative >
      invoice_total + 1e-9·max(invoice_total, 1)): the row's problem flags, as in
      :func:`~kam_xl.core.receivables.receivables`' problems report.

    An unknown receipt's invoice figures are NaN (and its flags other than
    ``unknown_invoice`` False): it is applied to nothing. Excel:
    ``xlformulas.receivables.receipt_invoice_date``, ``receipt_invoice_total``,
    ``received_to_date``, ``days_to_collect``, ``invoice_matches``.
    """
    led = prepare(invoices, receipts)
    facts = receipt_facts(led)
    known = led.known
    invoice_date = (DAY0 + np.where(known, facts.key_date[led.rk], 0)).astype("datetime64[s]")
    invoice_date[~known] = np.datetime64("NaT")
    counts = np.bincount(led.ik, minlength=len(led.first))[led.rk]
    return pd.DataFrame(
        {
            "invoice_date": invoice_date,
            "invoice_total": facts.total,
            "cumulative": facts.cumulative,
            "days_to_collect": facts.days,
            "invoice_rows": counts.astype(np.int64),
            "unknown_invoice": ~known,
            "before_invoice": facts.before_invoice,
            "overpaid": facts.overpaid,
        },
        index=led.rec.index,
        columns=RECEIPT_ROW_COLUMNS,
    )


# ---------------------------------------------------------------- balances


def outstanding_at(led: Ledger, days: np.ndarray) -> np.ndarray:
    """Outstanding per account at each day of ``days`` (accounts × days; ascending day numbers), all at once.

    Each invoice (+) and applied receipt (−) lands in the first day on or after
    its date; a cumulative sum across the days then gives every balance.
    """
    p, n_acc, known = len(days), led.n_accounts, led.known
    slot_i = np.searchsorted(days, led.di, side="left")
    slot_r = np.searchsorted(days, led.dr[known], side="left")
    flows = np.bincount(led.ia * (p + 1) + slot_i, weights=led.ai, minlength=n_acc * (p + 1))
    flows -= np.bincount(led.ra[known] * (p + 1) + slot_r, weights=led.ar[known], minlength=n_acc * (p + 1))
    return money(np.cumsum(flows.reshape(n_acc, p + 1)[:, :p], axis=1))


def _balance_frame(led: Ledger, days: np.ndarray) -> pd.DataFrame:
    """Balances at ``days`` (any order, repeats allowed): accounts × days."""
    unique, back = np.unique(days, return_inverse=True)
    return pd.DataFrame(
        outstanding_at(led, unique)[:, back],
        index=led.accounts,
        columns=pd.DatetimeIndex((DAY0 + days).astype("datetime64[s]"), name="day"),
    )


def balances(invoices: pd.DataFrame, receipts: pd.DataFrame | None, days: Sequence[object]) -> pd.DataFrame:
    """Outstanding per account (rows) at the end of each of ``days`` (columns, in the order given).

    The balance on a day is the invoices dated on or before it less the receipts
    applied (known invoice number) dated on or before it, rounded to
    :data:`~kam_xl.core.rounding.MONEY_DECIMALS`: the opening balance (at the
    period start) of the CEI, and each month end's of the average arrears.
    Excel: ``xlformulas.receivables.balance``.
    """
    wanted = np.array([day_number(as_date(d, "days")) for d in days], dtype=np.int64)
    return _balance_frame(prepare(invoices, receipts), wanted)


def month_end_balances(invoices: pd.DataFrame, receipts: pd.DataFrame | None, period: Period) -> pd.DataFrame:
    """The opening balance (first column: the period start) and the balance at each month end in ``period``.

    The month ends are the last days of the calendar months that end in
    (start, end]; their mean is :func:`~kam_xl.core.receivables.receivables`'
    ``avg_arrears`` and the first column is the opening balance of its CEI.
    """
    return _balance_frame(prepare(invoices, receipts), checkpoints(period))
