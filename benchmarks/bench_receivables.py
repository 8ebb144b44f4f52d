"""Benchmark: receivables() on 1,000,000 ledger rows against bare pandas/numpy.

Run: ``python benchmarks/bench_receivables.py`` (add ``--rows 100000`` for a
quick look). It builds a seeded ledger of ~50,000 accounts (60 % invoices,
40 % receipts), times :func:`kam_xl.core.receivables.receivables` and a bare
implementation of the same arithmetic (no validation, no problem report), best
of three each, checks that both agree, and prints the figures and their ratio.
Targets: kam_xl under 2 s and within 3× of the bare version.
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


def bare(invoices: pd.DataFrame, receipts: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The same arithmetic in plain pandas: merges and groupbys, no checks, no problem report."""
    period = period_for(as_of)
    end, start = pd.Timestamp(as_of), pd.Timestamp(period.start)
    days = period.days
    keys = ["account", "invoice"]
    rec = receipts.merge(invoices[[*keys, "invoice_date"]], on=keys, how="left")
    known = rec["invoice_date"].notna()
    applied = rec[known]
    paid = applied[applied["receipt_date"] <= end].groupby(keys)["amount"].sum().rename("paid")
    inv = invoices.join(paid, on=keys)
    inv["open"] = inv["amount"].where(inv["invoice_date"] <= end, 0.0) - inv["paid"].fillna(0.0)
    dpd = (end - inv["due_date"]).dt.days
    inv["bucket"] = pd.cut(dpd, [-np.inf, 0, 30, 60, 90, np.inf], labels=list(BUCKETS))
    out = inv.pivot_table(index="account", columns="bucket", values="open", aggfunc="sum", observed=False).fillna(0.0)
    out.columns = list(out.columns)
    all_accounts = pd.Index(pd.concat([invoices["account"], receipts["account"]]).unique()).sort_values()
    out = out.reindex(all_accounts, fill_value=0.0)
    out["outstanding"] = out[list(BUCKETS)].sum(axis=1)
    out["overdue"] = out["outstanding"] - out["not_due"]
    in_period = (invoices["invoice_date"] > start) & (invoices["invoice_date"] <= end)
    out["sales"] = invoices[in_period].groupby("account")["amount"].sum().reindex(out.index, fill_value=0.0)
    sales = out["sales"].replace(0.0, np.nan)

    def per_sales(num: pd.Series, scale: float = 1.0) -> pd.Series:  # 0/0 is 0, x/0 is NaN
        return (num / sales * scale).mask((out["sales"] == 0) & (num == 0), 0.0)

    out["arrears_rate"] = per_sales(out["outstanding"])
    out["overdue_ratio"] = (out["overdue"] / out["outstanding"]).where(out["outstanding"] > 0, 0.0)
    out["dso"] = per_sales(out["outstanding"], days)
    out["best_dso"] = per_sales(out["not_due"], days)
    out["days_delinquent"] = out["dso"] - out["best_dso"]

    # Balances at the period start and each month end: invoiced minus applied receipts up to each day.
    checkpoints = [start, *pd.date_range(start + pd.offsets.MonthEnd(1), end, freq="ME")]
    checkpoints = [c for c in checkpoints if c <= end]
    flows = pd.concat(
        [
            invoices[["account", "invoice_date", "amount"]].set_axis(["account", "day", "amount"], axis=1),
            applied[["account", "receipt_date", "amount"]]
            .set_axis(["account", "day", "amount"], axis=1)
            .assign(amount=lambda f: -f["amount"]),
        ]
    )
    flows["slot"] = np.searchsorted(
        np.array(checkpoints, dtype="datetime64[ns]"), flows["day"].to_numpy(dtype="datetime64[ns]")
    )
    grid = flows.pivot_table(index="account", columns="slot", values="amount", aggfunc="sum", fill_value=0.0)
    grid = grid.reindex(index=out.index, columns=range(len(checkpoints) + 1), fill_value=0.0).cumsum(axis=1)
    opening = grid[0]
    out["avg_arrears"] = grid[list(range(1, len(checkpoints)))].mean(axis=1)
    den = opening + out["sales"] - out["not_due"]
    out["cei"] = ((opening + out["sales"] - out["outstanding"]) / den * 100).where(den.round(6) != 0)

    rec_in = rec[(rec["receipt_date"] > start) & (rec["receipt_date"] <= end)]
    app_in = rec_in[rec_in["invoice_date"].notna()]
    lag = (app_in["receipt_date"] - app_in["invoice_date"]).dt.days * app_in["amount"]
    weights = app_in.groupby("account")["amount"].sum()
    out["avg_collection_days"] = (lag.groupby(app_in["account"]).sum() / weights.where(weights > 0)).reindex(out.index)
    stats = rec_in.groupby("account")["amount"].agg(["max", "mean"]).reindex(out.index)
    out["largest_receipt"], out["avg_receipt"] = stats["max"], stats["mean"]
    unapplied = rec[~known & (rec["receipt_date"] <= end)].groupby("account")["amount"].sum()
    out["unapplied_receipts"] = unapplied.reindex(out.index, fill_value=0.0)
    dso_, ratio = out["dso"].round(9), out["overdue_ratio"].round(9)
    limits = [(45, 0.05, "A"), (75, 0.15, "B"), (120, 0.30, "C")]
    out["rating"] = np.select([(dso_ <= d) & (ratio <= r) for d, r, _ in limits], [c for _, _, c in limits], "D")
    return out


def best_of(runs: int, fn: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            return next(
                (line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), platform.processor()
            )
    except OSError:
        return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    invoices, receipts = make_ledger(args.rows)
    model = default_model()
    t_kam, result = best_of(args.runs, lambda: receivables(invoices, receipts, AS_OF, model=model))
    t_bare, expected = best_of(args.runs, lambda: bare(invoices, receipts, AS_OF))

    got = result.accounts  # type: ignore[attr-defined]
    exp = expected.reindex(got.index)  # type: ignore[attr-defined]
    assert (got["rating"] == exp["rating"]).all(), "rating"
    for col in exp.columns.drop("rating"):
        np.testing.assert_allclose(
            got[col].to_numpy(float), exp[col].to_numpy(float), rtol=1e-9, atol=1e-6, err_msg=col
        )
    print(
        f"rows: {len(invoices):,} invoices + {len(receipts):,} receipts, {len(got):,} accounts, {len(result.problems):,} problems"
    )  # type: ignore[attr-defined]
    print(
        f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}"
    )
    print(f"kam_xl receivables(): {t_kam:.3f} s (best of {args.runs})")
    print(f"bare pandas/numpy:    {t_bare:.3f} s (best of {args.runs})")
    print(f"ratio kam_xl / bare:  {t_kam / t_bare:.2f}x  (targets: < 2 s and < 3x)")


if __name__ == "__main__":
    main()
