"""Reading a 1,000,000-row ERP ledger export: kam_xl.ledger.read_ledger against pandas.read_csv.

    python benchmarks/bench_read_ledger.py                 # 1,000,000 rows, best of 3
    python benchmarks/bench_read_ledger.py --rows 100000 --repeat 1

The file is the bundled IBM accounts-receivable export (tests/data), its rows
drawn with replacement up to the size asked and each given a unique invoice
number with leading zeros, written as UTF-8 CSV with the export's own headers
and US m/d/yyyy dates. The floor is ``pandas.read_csv`` of the same file with
its defaults (type inference, no validation); read_ledger does that work and
more: finds the header and the columns by alias, keeps invoice numbers as text,
reads each distinct date once in the one date grammar (deciding the day/month
order for the whole file), checks every amount, and looks for totals rows.
The script first checks read_ledger's amounts and dates against the floor's.

Target (issue "foundation, hardened"): read_ledger ≤ 2× pandas.read_csv.
"""

from __future__ import annotations

import argparse
import tempfile
import time
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


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.csv"
        make(args.rows, path)
        floor = pd.read_csv(path)
        led = read_ledger(path)
        # the same file, the same numbers: amounts and invoice dates agree row for row
        np.testing.assert_allclose(led.invoices["amount"].to_numpy(), floor["InvoiceAmount"].to_numpy())
        expected = pd.to_datetime(floor["InvoiceDate"], format="%m/%d/%Y").to_numpy()
        assert (led.invoices["invoice_date"].to_numpy() == expected).all()
        assert led.invoices["invoice"].iloc[0] == "0000000000"
        t_pandas = best(lambda: pd.read_csv(path), args.repeat)
        t_kam = best(lambda: read_ledger(path), args.repeat)
    print(f"rows: {args.rows:,}")
    print(f"pandas.read_csv   {t_pandas:6.2f} s")
    print(f"read_ledger       {t_kam:6.2f} s   ({t_kam / t_pandas:.2f}× pandas)")


if __name__ == "__main__":
    main()
