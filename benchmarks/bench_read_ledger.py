"""Reading a 1,000,000-row ERP ledger export: kam_xl.ledger.read_ledger against pandas.read_csv.

    python benchmarks/bench_read_ledger.py                 # 1,000,000 rows, best of 3
    python benchmarks/bench_read_ledger.py --rows 100000 --repeat 1

The file is the bundled IBM accounts-receivable export (tests/data), its rows
drawn with replacement up to the size asked and each given a unique invoice
number with leading zeros, written as UTF-8 CSV with the export's own headers
and US m/d/yyyy dates. The floor is ``pandas.read_csv`` of the same file with
its defaults (type inference, no validation; pandas 3.1 splits a large local
file among threads, one per core); read_ledger does that work and more: checks
the encoding, finds the header and the columns by alias, keeps invoice numbers
as text (leading zeros), reads each distinct date once in the one date grammar
(deciding the day/month order for the whole file), checks every amount, looks
for totals rows and builds the canonical invoice and receipt frames. The script
first checks read_ledger's accounts, amounts and dates against the floor's,
then times the two in turn (a busy neighbour slows both alike), best of
``--repeat``, and prints the load average before and after.

Target (issue "foundation, hardened"): read_ledger ≤ 2× pandas.read_csv.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from kam_xl.ledger import read_ledger

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "ar_invoices_ibm_sample.csv"


def make(rows: int, path: Path) -> None:
    src = pd.read_csv(SAMPLE, dtype=str)
    big = src.sample(rows, replace=True, random_state=1).reset_index(drop=True)
    big["invoiceNumber"] = [f"{i:010d}" for i in range(rows)]
    big.to_csv(path, index=False)


def best_of(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Best time of each function, run in turn (so a noisy neighbour slows them alike)."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t)
    return best


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            return next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), platform.processor())
    except OSError:
        return platform.processor() or "unknown"


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(
        f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}, "
        f"pandas {pd.__version__}, numpy {np.__version__}; load average {load()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.csv"
        make(args.rows, path)
        floor = pd.read_csv(path)
        led = read_ledger(path)
        # the same file, the same numbers: amounts and invoice dates agree row for row
        np.testing.assert_allclose(led.invoices["amount"].to_numpy(), floor["InvoiceAmount"].to_numpy())
        for column, header in (("invoice_date", "InvoiceDate"), ("due_date", "DueDate")):
            expected = pd.to_datetime(floor[header], format="%m/%d/%Y").to_numpy()
            assert (led.invoices[column].to_numpy() == expected).all(), column
        assert (led.invoices["account"].to_numpy() == floor["customerID"].to_numpy()).all()
        assert led.invoices["invoice"].iloc[0] == "0000000000"
        assert len(led.receipts) == floor["SettledDate"].notna().sum()
        t = best_of({"pandas": lambda: pd.read_csv(path), "kam": lambda: read_ledger(path)}, args.repeat)
    print(f"rows: {args.rows:,} (best of {args.repeat})")
    print(f"pandas.read_csv   {t['pandas']:6.2f} s")
    print(f"read_ledger       {t['kam']:6.2f} s   ({t['kam'] / t['pandas']:.2f}× pandas; target <= 2×)")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
