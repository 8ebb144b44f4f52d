"""Per-account receivables and credit indicators — docs/definitions.md §2.11.

:func:`receivables` computes every indicator for every account of a ledger at
once; the figures it is made of are public functions, each with its Excel
rendering in :mod:`kam_xl.xlformulas.receivables` (same name), so a workbook
can show each figure as a formula equal to the core:

- :func:`sales` (invoices dated in the period), :func:`outstanding` and
  :func:`overdue` (sums of the aging buckets, :func:`aging_row`),
  :func:`arrears_rate`, :func:`overdue_ratio`, :func:`dso`, :func:`best_dso`,
  :func:`days_delinquent`, :func:`cei`;
- :func:`avg_collection_days`, :func:`largest_receipt`, :func:`avg_receipt`,
  :func:`unapplied_receipts` over the receipts;
- :func:`avg_arrears` over the month-end balances
  (:func:`~kam_xl.core.receivables.balances`), :func:`credit_use`.

The ledger-level figures take a ``groups`` array (an account code per row) to
compute many accounts at once, as :func:`receivables` does; without it they
return one figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from kam_xl.cells import parse_number
from kam_xl.core._checks import in_range, no_missing, numbers, same_length
from kam_xl.core.receivables.ledger import Ledger, money, prepare, text_codes
from kam_xl.core.receivables.period import DAY0, Period, as_date, checkpoints, day_number, day_numbers, period_for
from kam_xl.core.receivables.problems import problems
from kam_xl.core.receivables.rating import rating_index
from kam_xl.core.receivables.rows import outstanding_at, receipt_facts, received_and_open
from kam_xl.errors import InputError, OutOfRangeError
from kam_xl.models import Model, active_model

__all__ = [
    "ReceivablesResult",
    "aging_row",
    "arrears_rate",
    "avg_arrears",
    "avg_collection_days",
    "avg_receipt",
    "best_dso",
    "cei",
    "credit_use",
    "days_delinquent",
    "dso",
    "largest_receipt",
    "outstanding",
    "overdue",
    "overdue_ratio",
    "receivables",
    "sales",
    "unapplied_receipts",
]


def _out(arr: np.ndarray) -> float | np.ndarray:
    return float(arr) if np.ndim(arr) == 0 else arr


# ---------------------------------------------------------------- aging


def _bucket_index(days_past_due: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """0 = not due (dpd ≤ 0); k = dpd within (edges[k-2], edges[k-1]]; last = beyond the last edge."""
    return np.where(days_past_due <= 0, 0, 1 + np.searchsorted(edges, days_past_due, side="left"))


def _edges(edges: object) -> np.ndarray:
    e = no_missing(numbers(edges, "edges").ravel(), "edges")
    if len(e) == 0 or (e <= 0).any() or (np.diff(e) <= 0).any():
        raise InputError("edges", "应为递增的正天数", "must be increasing positive numbers of days")
    return e


def aging_row(amounts: object, days_past_due: object, edges: object = (30, 60, 90)) -> np.ndarray:
    """One account's open amounts summed into not due · 1–30 · 31–60 · 61–90 · over 90, money-rounded.

    Blank amounts are skipped (nothing open); an amount needs its days past due.
    Excel: ``xlformulas.receivables.aging_bucket``.
    """
    e = _edges(edges)
    a = numbers(amounts, "amounts").ravel()
    d = numbers(days_past_due, "days_past_due").ravel()
    same_length("days_past_due", len(d), "amounts", len(a))
    present = ~np.isnan(a)
    no_missing(np.where(present, d, 0.0), "days_past_due")
    idx = _bucket_index(d[present], e)
    return money(np.bincount(idx, weights=a[present], minlength=len(e) + 2))


def outstanding(buckets: object) -> float | np.ndarray:
    """Outstanding = the sum of the aging buckets (last axis), money-rounded."""
    return _out(money(np.nansum(numbers(buckets, "buckets"), axis=-1)))


def overdue(buckets: object) -> float | np.ndarray:
    """Overdue = the past-due buckets (all but the first, not due), money-rounded."""
    return _out(money(np.nansum(numbers(buckets, "buckets")[..., 1:], axis=-1)))


# ---------------------------------------------------------------- ratios of figures


def _ratio(num: np.ndarray, den: np.ndarray, scale: float | np.ndarray = 1.0) -> np.ndarray:
    """num / den · scale; 0 when both are 0; NaN when only den is 0."""
    num, den = np.broadcast_arrays(np.asarray(num, dtype=float), np.asarray(den, dtype=float))
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=den != 0)
    out = np.asarray(out * scale, dtype=float)
    out[(den == 0) & (num == 0)] = 0.0
    return out


def dso(outstanding: object, sales: object, days: object) -> float | np.ndarray:
    """Days sales outstanding = outstanding / sales · days (0 when both 0; NaN when sales = 0 only)."""
    o = no_missing(numbers(outstanding, "outstanding"), "outstanding")
    s = in_range(no_missing(numbers(sales, "sales"), "sales"), "sales", 0.0)
    d = in_range(no_missing(numbers(days, "days"), "days"), "days", 0.0, lo_open=True)
    return _out(_ratio(o, s, d))


def best_dso(not_due: object, sales: object, days: object) -> float | np.ndarray:
    """Best possible DSO = not-due / sales · days: the DSO if nothing were overdue (:func:`dso`'s rule)."""
    return dso(not_due, sales, days)


def days_delinquent(dso: object, best_dso: object) -> float | np.ndarray:
    """Average days delinquent = DSO − best possible DSO (NaN when either is)."""
    return _out(numbers(dso, "dso") - numbers(best_dso, "best_dso"))


def arrears_rate(outstanding: object, sales: object) -> float | np.ndarray:
    """Arrears rate = outstanding / sales (0 when both 0; NaN when sales = 0 only)."""
    return _out(_ratio(numbers(outstanding, "outstanding"), numbers(sales, "sales")))


def overdue_ratio(overdue: object, outstanding: object) -> float | np.ndarray:
    """Overdue ratio = overdue / outstanding; 0 when nothing (or less than nothing) is outstanding."""
    od, o = np.broadcast_arrays(numbers(overdue, "overdue"), numbers(outstanding, "outstanding"))
    out = np.zeros(od.shape)
    np.divide(od, o, out=out, where=o > 0)
    return _out(out)


def cei(opening: object, sales: object, outstanding: object, not_due: object) -> float | np.ndarray:
    """Collection effectiveness index = (opening + sales − closing) / (opening + sales − closing not due) · 100.

    Numerator and denominator money-rounded; NaN when the denominator is 0.
    """
    op, s = numbers(opening, "opening"), numbers(sales, "sales")
    num, den = money(op + s - numbers(outstanding, "outstanding")), money(op + s - numbers(not_due, "not_due"))
    num, den = np.broadcast_arrays(num, den)
    out = np.full(num.shape, np.nan)
    np.divide(num * 100.0, den, out=out, where=den != 0)
    return _out(out)


def credit_use(outstanding: object, credit_limit: object) -> float | np.ndarray:
    """Credit-limit use = outstanding / credit limit; NaN without a limit; a limit ≤ 0 is an error."""
    limit = in_range(numbers(credit_limit, "credit_limit"), "credit_limit", 0.0, lo_open=True)
    with np.errstate(invalid="ignore"):
        return _out(numbers(outstanding, "outstanding") / limit)


def avg_arrears(balances: object) -> float | np.ndarray:
    """Average arrears = the mean outstanding at the month ends in the period (last axis; NaN: none)."""
    b = numbers(balances, "balances")
    n = np.sum(~np.isnan(b), axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return _out(np.where(n > 0, np.nansum(b, axis=-1) / np.maximum(n, 1), np.nan))


# ---------------------------------------------------------------- figures of the ledger


def _groups(groups: object, n_rows: int) -> tuple[np.ndarray, int]:
    if groups is None:
        return np.zeros(n_rows, dtype=np.int64), 1
    g = np.asarray(groups, dtype=np.int64)
    same_length("groups", len(g), "amounts", n_rows)
    return g, int(g.max(initial=-1)) + 1


def _grouped(out: np.ndarray, groups: object) -> float | np.ndarray:
    return float(out[0]) if groups is None else out


def _sum(groups: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(groups, weights=weights, minlength=n).astype(float)


def _in_period(days: np.ndarray, period: Period) -> np.ndarray:
    return (days > day_number(period.start)) & (days <= day_number(period.end))


def sales(
    amounts: object,
    invoice_dates: Iterable[object],
    period: Period,
    *,
    groups: object = None,
    n_groups: int | None = None,
) -> float | np.ndarray:
    """Sales in the period: the invoices dated in (start, end], money-rounded."""
    a = numbers(amounts, "amounts").ravel()
    g, n = _groups(groups, len(a))
    inside = _in_period(day_numbers(invoice_dates, "invoice_date"), period)
    return _grouped(money(_sum(g[inside], a[inside], n_groups or n)), groups)


def _receipts_in(
    amounts: object, receipt_dates: Iterable[object], period: Period, groups: object, n_groups: int | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    a = numbers(amounts, "amounts").ravel()
    g, n = _groups(groups, len(a))
    return a, g, _in_period(day_numbers(receipt_dates, "receipt_date"), period), n_groups or n


def largest_receipt(
    amounts: object,
    receipt_dates: Iterable[object],
    period: Period,
    *,
    groups: object = None,
    n_groups: int | None = None,
) -> float | np.ndarray:
    """The largest receipt dated in the period, applied or not (NaN: none)."""
    a, g, inside, n = _receipts_in(amounts, receipt_dates, period, groups, n_groups)
    largest = np.full(n, -np.inf)
    np.maximum.at(largest, g[inside], a[inside])
    return _grouped(np.where(np.bincount(g[inside], minlength=n) > 0, largest, np.nan), groups)


def avg_receipt(
    amounts: object,
    receipt_dates: Iterable[object],
    period: Period,
    *,
    groups: object = None,
    n_groups: int | None = None,
) -> float | np.ndarray:
    """The mean receipt dated in the period, applied or not (NaN: none)."""
    a, g, inside, n = _receipts_in(amounts, receipt_dates, period, groups, n_groups)
    count = np.bincount(g[inside], minlength=n)
    with np.errstate(invalid="ignore"):
        return _grouped(np.where(count > 0, _sum(g[inside], a[inside], n) / np.maximum(count, 1), np.nan), groups)


def avg_collection_days(
    amounts: object,
    receipt_dates: Iterable[object],
    days_to_collect: object,
    period: Period,
    *,
    groups: object = None,
    n_groups: int | None = None,
) -> float | np.ndarray:
    """Amount-weighted mean days to collect over the *applied* receipts dated in the period (those with
    days to collect, :func:`~kam_xl.core.receivables.receipt_rows`); NaN when there are none."""
    a, g, inside, n = _receipts_in(amounts, receipt_dates, period, groups, n_groups)
    lag = numbers(days_to_collect, "days_to_collect").ravel()
    applied = inside & ~np.isnan(lag)
    weight = _sum(g[applied], a[applied], n)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = _sum(g[applied], a[applied] * lag[applied], n) / weight
    return _grouped(np.where(weight > 0, mean, np.nan), groups)


def unapplied_receipts(
    amounts: object,
    receipt_dates: Iterable[object],
    applied: object,
    as_of: date,
    *,
    groups: object = None,
    n_groups: int | None = None,
) -> float | np.ndarray:
    """Receipts dated on or before ``as_of`` not applied to any invoice (unknown or no invoice number)."""
    a = numbers(amounts, "amounts").ravel()
    g, n = _groups(groups, len(a))
    keep = (day_numbers(receipt_dates, "receipt_date") <= day_number(as_date(as_of, "as_of"))) & ~np.asarray(
        applied, dtype=bool
    )
    return _grouped(money(_sum(g[keep], a[keep], n_groups or n)), groups)


# ---------------------------------------------------------------- every account at once


def _credit_limits(credit_limits: pd.Series | Mapping[Any, object] | None, accounts: pd.Index) -> np.ndarray:
    if credit_limits is None:
        return np.full(len(accounts), np.nan)
    given = credit_limits if isinstance(credit_limits, pd.Series) else pd.Series(dict(credit_limits), dtype=object)
    given = pd.Series(given.to_numpy(), index=text_codes(given.index.to_series()).to_numpy())
    dup = given.index.duplicated()
    if dup.any():
        label = given.index[np.flatnonzero(dup)[0]]
        raise InputError(
            "credit_limit", "同一客户给了多个信用额度", "the account has more than one credit limit", f"account {label}"
        )
    values = pd.to_numeric(given, errors="coerce").to_numpy(dtype=float, na_value=np.nan).copy()
    for i in np.flatnonzero(np.isnan(values) & given.notna().to_numpy()).tolist():  # text such as "¥50,000" only
        x = parse_number(given.iloc[i], "credit_limit", f"account {given.index[i]}")
        values[i] = np.nan if x is None else x
    bad = ~(values > 0) & ~np.isnan(values)
    if bad.any():
        at = int(np.flatnonzero(bad)[0])
        raise OutOfRangeError("credit_limit", f"{values[at]:g}", "> 0", "> 0", f"account {given.index[at]}")
    return pd.Series(values, index=given.index).reindex(accounts).to_numpy(dtype=float)


@dataclass(frozen=True)
class ReceivablesResult:
    """Per-account indicators (index = account), one row per problem found, and the period used."""

    accounts: pd.DataFrame
    problems: pd.DataFrame
    period: Period


def _aging(led: Ledger, end: int, edges: tuple[int, ...]) -> np.ndarray:
    """Open amounts as of ``end`` summed per account into the aging buckets (accounts × buckets)."""
    _, open_amount = received_and_open(led, end)
    n_b, n_acc = len(edges) + 2, led.n_accounts
    bucket = _bucket_index((end - led.dd).astype(float), np.asarray(edges, dtype=float))
    return money(np.bincount(led.ia * n_b + bucket, weights=open_amount, minlength=n_acc * n_b).reshape(n_acc, n_b))


def receivables(
    invoices: pd.DataFrame,
    receipts: pd.DataFrame | None,
    as_of: date,
    *,
    period: Period | None = None,
    credit_limits: pd.Series | Mapping[Any, object] | None = None,
    model: Model | None = None,
) -> ReceivablesResult:
    """Receivable and credit indicators per account, as of ``as_of``, and the ledger's problems.

    The ``rating`` column holds the rating's code (``A`` … ``D`` by default), for programs;
    :func:`~kam_xl.core.receivables.credit_rating` gives its label.
    """
    cfg = (model or active_model()).receivables
    end_date = as_date(as_of, "as_of")
    period = period or period_for(end_date, cfg.period_months)
    if period.end != end_date:
        raise InputError("period.end", f"应等于截止日 {end_date}", f"must equal the as-of date {end_date}")
    led = prepare(invoices, receipts)
    end, n_acc = day_number(period.end), led.n_accounts
    facts = receipt_facts(led)
    rdates, groups = DAY0 + led.dr, led.ra

    buckets = _aging(led, end, cfg.aging_edges)
    total, not_due, late = outstanding(buckets), buckets[:, 0], overdue(buckets)
    sold = sales(led.ai, DAY0 + led.di, period, groups=led.ia, n_groups=n_acc)
    balance = outstanding_at(led, checkpoints(period))  # the opening balance, then each month end
    dso_, best = dso(total, sold, period.days), best_dso(not_due, sold, period.days)
    ratio = overdue_ratio(late, total)
    limits = _credit_limits(credit_limits, led.accounts)
    applied = led.known

    columns: dict[str, object] = {"sales": sold, "outstanding": total, "overdue": late}
    columns.update({label.code: buckets[:, i] for i, label in enumerate(cfg.aging_labels)})
    columns.update(
        arrears_rate=arrears_rate(total, sold),
        overdue_ratio=ratio,
        dso=dso_,
        best_dso=best,
        days_delinquent=days_delinquent(dso_, best),
        cei=cei(balance[:, 0], sold, total, not_due),
        avg_collection_days=avg_collection_days(led.ar, rdates, facts.days, period, groups=groups, n_groups=n_acc),
        largest_receipt=largest_receipt(led.ar, rdates, period, groups=groups, n_groups=n_acc),
        avg_receipt=avg_receipt(led.ar, rdates, period, groups=groups, n_groups=n_acc),
        avg_arrears=avg_arrears(balance[:, 1:]),
        credit_limit=limits,
        credit_use=credit_use(total, limits),
        unapplied_receipts=unapplied_receipts(led.ar, rdates, applied, period.end, groups=groups, n_groups=n_acc),
        rating=np.array([r.code for r in cfg.ratings], dtype=object)[
            rating_index(np.asarray(dso_), np.asarray(ratio), cfg.ratings)
        ],
    )
    return ReceivablesResult(pd.DataFrame(columns, index=led.accounts), problems(led, facts), period)
