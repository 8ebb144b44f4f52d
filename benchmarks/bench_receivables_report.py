"""`kam-xl receivables` end to end on a 1,000,000-row ERP ledger export: read, compute, write the report.

    python benchmarks/bench_receivables_report.py                   # 1,000,000 rows, best of 2
    python benchmarks/bench_receivables_report.py --rows 100000 --repeat 1

The file is the bundled IBM accounts-receivable export (tests/data), its rows drawn with
replacement up to the size asked, each given a unique invoice number with leading zeros, written
as a UTF-8 CSV with the export's own headers and US m/d/yyyy dates — a one-file ledger whose
SettledDate makes each settled row a receipt too (100 accounts). The run is the library call behind
the command (:func:`kam_xl.jobs.receivables_report.receivables_report`), as of 2013-06-30, writing
the workbook into a fresh folder each time; the script prints each step's time (from the progress
callback) and the whole, best of ``--repeat``, with the load average before and after.

Target (issue 8): under 10 s end to end at 1,000,000 rows, reading and writing included.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from kam_xl.jobs.receivables_report import receivables_report

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "ar_invoices_ibm_sample.csv"


def make(rows: int, path: Path) -> None:
    src = pd.read_csv(SAMPLE, dtype=str)
    big = src.sample(rows, replace=True, random_state=1).reset_index(drop=True)
    big["invoiceNumber"] = [f"{i:010d}" for i in range(rows)]
    big.to_csv(path, index=False)


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def one_run(path: Path, out: Path) -> tuple[float, dict[str, float], int, int]:
    marks: list[tuple[str, float]] = []

    def progress(step: str, done: int, total: int) -> None:
        marks.append((step, time.perf_counter()))

    t0 = time.perf_counter()
    report = receivables_report(path, out, as_of="2013-06-30", progress=progress)
    total = time.perf_counter() - t0
    steps = {a[0]: b[1] - a[1] for a, b in itertools.pairwise(marks)}
    return total, steps, len(report.accounts), report.files[0].stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}; load average {load()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.csv"
        make(args.rows, path)
        best: tuple[float, dict[str, float], int, int] | None = None
        for k in range(args.repeat):
            got = one_run(path, Path(tmp) / f"out{k}")
            best = got if best is None or got[0] < best[0] else best
    assert best is not None
    total, steps, accounts, size = best
    print(f"rows: {args.rows:,}; accounts: {accounts}; workbook {size / 1e6:.1f} MB (best of {args.repeat})")
    for step, seconds in steps.items():
        print(f"  {step:<40} {seconds:6.2f} s")
    print(f"end to end {total:6.2f} s   (target < 10 s)")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
