"""Benchmark: receivables() with its problem report on 1M and 5M ledger rows, against lean numpy.

Run: ``python benchmarks/bench_receivables.py`` (``--rows 100000`` for a quick
look). For each size it builds a seeded ledger (60 % invoices, 40 % receipts,
one account per 20 rows), checks that :func:`kam_xl.core.receivables.receivables`
and a lean numpy version of the same arithmetic agree on every per-account
figure and on every problem row, then times both, best of ``--runs``. The lean
version is the floor: integer codes from one factorisation per identifier
column, ``bincount`` sums, the problems found as row masks — no validation, no
text normalisation, no problem messages.
Target (issue #6): kam_xl ≤ 2× the lean version at 1M and at 5M rows.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

from kam_xl.core.receivables import period_for, receivables
from kam_xl.models import default_model

AS_OF = date(2013, 6, 30)
BUCKETS = ("not_due", "d1_30", "d31_60", "d61_90", "d90_plus")


def make_ledger(rows: int, seed: int = 20130630) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Invoices (60 %) and receipts (40 %, ~1 % with an unknown invoice number)."""
    rng = np.random.default_rng(seed)
    n_inv, n_rec = rows * 6 // 10, rows - rows * 6 // 10
    n_acc = max(rows // 20, 1)
    accounts = np.array([f"C{i:06d}" for i in range(n_acc)], dtype=object)
    inv_acct = rng.integers(0, n_acc, n_inv)
    inv_date = np.datetime64("2011-07-01") + rng.integers(0, 760, n_inv).astype("timedelta64[D]")
    amount = np.round(rng.lognormal(7, 1.2, n_inv), 2)
    invoices = pd.DataFrame(
        {
            "account": accounts[inv_acct],
            "invoice": np.array([f"INV{i:08d}" for i in range(n_inv)], dtype=object),
            "invoice_date": inv_date,
            "due_date": inv_date + rng.choice([0, 30, 45, 60, 90], n_inv).astype("timedelta64[D]"),
            "amount": amount,
        }
    )
    # Most receipts settle one invoice in full or in part; a few pay an invoice twice or name no known invoice.
    which = rng.permutation(n_inv)[:n_rec]
    again = rng.random(n_rec) < 0.02
    which[again] = rng.integers(0, n_inv, again.sum())
    unknown = rng.random(n_rec) < 0.01
    invoice_no = invoices["invoice"].to_numpy()[which].copy()
    invoice_no[unknown] = "UNKNOWN"
    receipts = pd.DataFrame(
        {
            "account": accounts[inv_acct[which]],
            "invoice": invoice_no,
            "receipt_date": inv_date[which] + rng.integers(-2, 150, n_rec).astype("timedelta64[D]"),
            "amount": np.round(amount[which] * rng.choice([1.0, 0.5, 0.3], n_rec, p=[0.8, 0.15, 0.05]), 2),
        }
    )
    return invoices, receipts


def _factorize(a: pd.Series, b: pd.Series, *, sort: bool) -> tuple[np.ndarray, np.ndarray]:
    """Codes across both ledgers: one object array factorised (faster than a string Series), uniques sorted."""
    codes, uniques = pd.factorize(np.concatenate([a.to_numpy(dtype=object), b.to_numpy(dtype=object)]))
    if not sort:
        return codes, uniques
    order = np.argsort(uniques)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes], uniques[order]


def _days(values: pd.Series) -> np.ndarray:
    return values.to_numpy().astype("datetime64[D]").astype(np.int64)


def _group_cumsum(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    return pd.Series(values).groupby(groups, sort=False).cumsum().to_numpy()


def lean(invoices: pd.DataFrame, receipts: pd.DataFrame, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The same arithmetic in lean numpy: integer codes and bincounts, no checks, no messages.

    Returns the per-account figures and the problem rows as (source, row, kind).
    """
    period = period_for(as_of)
    end = int((np.datetime64(as_of, "D") - np.datetime64("1970-01-01", "D")).astype(np.int64))
    start = end - period.days
    n = len(invoices)
    acct, accounts = _factorize(invoices["account"], receipts["account"], sort=True)
    number, _ = _factorize(invoices["invoice"], receipts["invoice"], sort=False)
    key, _ = pd.factorize(acct * (number.max() + 1) + number)
    ia, ra, ik, rk = acct[:n], acct[n:], key[:n], key[n:]
    n_acc, n_key = len(accounts), int(key.max()) + 1
    di, dd, dr = _days(invoices["invoice_date"]), _days(invoices["due_date"]), _days(receipts["receipt_date"])
    ai, ar = invoices["amount"].to_numpy(float), receipts["amount"].to_numpy(float)
    rows_of_key = np.bincount(ik, minlength=n_key)
    known = rows_of_key[rk] > 0
    first_day = np.full(n_key, np.iinfo(np.int64).max)
    np.minimum.at(first_day, ik, di)

    # open per invoice row as of the end: repeated numbers fill their rows in input order, the last takes the rest
    invoiced = np.where(di <= end, ai, 0.0)
    paid = known & (dr <= end)
    applied = np.bincount(rk[paid], weights=ar[paid], minlength=n_key)[ik]
    rep = np.flatnonzero(rows_of_key[ik] > 1)
    rep = rep[np.argsort(ik[rep], kind="stable")]
    if len(rep):
        before = _group_cumsum(invoiced[rep], ik[rep]) - invoiced[rep]
        share = np.maximum(applied[rep] - before, 0.0)
        last = np.r_[ik[rep][1:] != ik[rep][:-1], True]
        applied[rep] = np.where(last, share, np.minimum(share, invoiced[rep]))
    open_ = np.round(invoiced - applied, 6)
    dpd = end - dd
    bucket = np.where(dpd <= 0, 0, 1 + np.searchsorted([30, 60, 90], dpd, side="left"))
    aging = np.round(np.bincount(ia * 5 + bucket, weights=open_, minlength=n_acc * 5).reshape(n_acc, 5), 6)
    out = pd.DataFrame(aging, columns=list(BUCKETS), index=pd.Index(accounts, name="account"))
    out["outstanding"] = outstanding = np.round(aging.sum(axis=1), 6)
    out["overdue"] = overdue = np.round(aging[:, 1:].sum(axis=1), 6)
    not_due = aging[:, 0]
    sold = (di > start) & (di <= end)
    out["sales"] = sales = np.round(np.bincount(ia[sold], weights=ai[sold], minlength=n_acc), 6)

    def per_sales(num: np.ndarray, scale: float = 1.0) -> np.ndarray:  # 0/0 is 0, x/0 is NaN
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(sales == 0, np.where(num == 0, 0.0, np.nan), num / sales * scale)

    out["arrears_rate"] = per_sales(outstanding)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["overdue_ratio"] = ratio = np.where(outstanding > 0, overdue / outstanding, 0.0)
    dso, best = per_sales(outstanding, period.days), per_sales(not_due, period.days)
    out["dso"], out["best_dso"], out["days_delinquent"] = dso, best, dso - best

    # balances at the period start and each month end: flows dropped in the first checkpoint on or after their day
    months = np.arange(np.datetime64(period.start, "M"), np.datetime64(as_of, "M") + 1)
    ends = ((months + 1).astype("datetime64[D]") - np.datetime64("1970-01-01", "D")).astype(np.int64) - 1
    checks = np.r_[start, ends[(ends > start) & (ends <= end)]]
    p = len(checks)
    flows = np.bincount(ia * (p + 1) + np.searchsorted(checks, di), weights=ai, minlength=n_acc * (p + 1))
    flows -= np.bincount(
        ra[known] * (p + 1) + np.searchsorted(checks, dr[known]), weights=ar[known], minlength=n_acc * (p + 1)
    )
    balance = np.round(np.cumsum(flows.reshape(n_acc, p + 1)[:, :p], axis=1), 6)
    out["avg_arrears"] = balance[:, 1:].mean(axis=1)
    num, den = np.round(balance[:, 0] + sales - outstanding, 6), np.round(balance[:, 0] + sales - not_due, 6)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["cei"] = np.where(den != 0, num * 100 / den, np.nan)

    got = (dr > start) & (dr <= end)
    count = np.bincount(ra[got], minlength=n_acc)
    largest = np.full(n_acc, -np.inf)
    np.maximum.at(largest, ra[got], ar[got])
    app = got & known
    lag = (dr[app] - first_day[rk[app]]) * ar[app]
    weight = np.bincount(ra[app], weights=ar[app], minlength=n_acc)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["avg_collection_days"] = np.where(
            weight > 0, np.bincount(ra[app], weights=lag, minlength=n_acc) / weight, np.nan
        )
        out["largest_receipt"] = np.where(count > 0, largest, np.nan)
        out["avg_receipt"] = np.where(count > 0, np.bincount(ra[got], weights=ar[got], minlength=n_acc) / count, np.nan)
    unapplied = ~known & (dr <= end)
    out["unapplied_receipts"] = np.round(np.bincount(ra[unapplied], weights=ar[unapplied], minlength=n_acc), 6)
    d9, r9 = np.round(dso, 9), np.round(ratio, 9)
    *limits, last = default_model().receivables.ratings
    out["rating"] = np.select(
        [(d9 <= x.dso_max) & (r9 <= x.overdue_ratio_max) for x in limits], [x.code for x in limits], last.code
    )

    # problems: repeats of a number; receipts unknown, before their invoice, or taking it above its amount
    first_row = np.full(n_key, n)
    np.minimum.at(first_row, ik, np.arange(n))
    dup = np.flatnonzero(first_row[ik] != np.arange(n))
    kn = np.flatnonzero(known)
    lo = dr[kn].min(initial=0)
    order = kn[np.argsort(rk[kn] * (dr[kn].max(initial=0) - lo + 1) + (dr[kn] - lo), kind="stable")]
    total = np.bincount(ik, weights=ai, minlength=n_key)[rk[order]]
    over = order[_group_cumsum(ar[order], rk[order]) > total + 1e-9 * np.maximum(total, 1.0)]
    before = kn[dr[kn] < first_day[rk[kn]]]
    problems = pd.concat(
        [
            pd.DataFrame({"source": "invoices", "row": invoices.index[dup], "kind": "duplicate_invoice"}),
            pd.DataFrame({"source": "receipts", "row": receipts.index[~known], "kind": "unknown_invoice"}),
            pd.DataFrame({"source": "receipts", "row": receipts.index[before], "kind": "before_invoice"}),
            pd.DataFrame({"source": "receipts", "row": receipts.index[over], "kind": "overpaid"}),
        ],
        ignore_index=True,
    )
    return out, problems


def best_of(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Best time of each function, run in turn (so a noisy neighbour slows them alike)."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            return next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), platform.processor())
    except OSError:
        return platform.processor() or "unknown"


def check(invoices: pd.DataFrame, receipts: pd.DataFrame) -> int:
    """kam_xl and the lean version agree on every figure and every problem row; returns the problem count."""
    result = receivables(invoices, receipts, AS_OF, model=default_model())
    expected, problems = lean(invoices, receipts, AS_OF)
    got = result.accounts
    assert list(got.index) == list(expected.index), "accounts"
    assert (got["rating"] == expected["rating"]).all(), "rating"
    for col in expected.columns.drop("rating"):
        np.testing.assert_allclose(
            got[col].to_numpy(float), expected[col].to_numpy(float), rtol=1e-9, atol=1e-6, err_msg=col
        )
    listed = sorted(zip(result.problems["source"], result.problems["row"], result.problems["kind"], strict=True))
    assert listed == sorted(zip(problems["source"], problems["row"], problems["kind"], strict=True)), "problems"
    return len(listed)


def measure(rows: int, runs: int) -> None:
    invoices, receipts = make_ledger(rows)
    n_problems = check(invoices, receipts)
    model = default_model()
    t = best_of(
        {
            "kam": lambda: receivables(invoices, receipts, AS_OF, model=model),
            "lean": lambda: lean(invoices, receipts, AS_OF),
        },
        runs,
    )
    print(
        f"{rows:>10,} rows ({len(invoices):,} invoices + {len(receipts):,} receipts, {n_problems:,} problems; "
        f"best of {runs}): kam_xl receivables() {t['kam']:.3f} s, lean numpy {t['lean']:.3f} s, "
        f"ratio {t['kam'] / t['lean']:.2f}x (target <= 2x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}, "
        f"pandas {pd.__version__}, numpy {np.__version__}"
    )
    for rows in args.rows:
        measure(rows, args.runs)


if __name__ == "__main__":
    main()
