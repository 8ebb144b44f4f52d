"""Benchmark: ``kam-xl check`` on a portfolio workbook of N accounts (and a customer file with a long ledger).

The portfolio (the bundled sample's :func:`kam_xl.samples.accounts.sample_portfolio`, every indicator
column a live formula with its cached value) is written before the clock starts. Timed:
:func:`kam_xl.jobs.check.check_workbook_file` end to end — the file read back in one pass
(:mod:`kam_xl.readback`: cached values, formulas, figure styles, the Model sheet), every indicator
column of every row recomputed with the core and compared with the value the file caches, the weight
row, the Model sheet's hash. ``--ledger-rows`` times a customer file with N invoices and N receipts
the same way (its receivables sheet rebuilt and compared). Best of ``--repeat``; wall time and this
process's CPU time, with the load average before the run (2 shared cores: other work slows the wall).
Run: ``python benchmarks/bench_check.py [--accounts 10000] [--ledger-rows 4000] [--repeat 3]``.
Target (issue #8): a 10,000-account portfolio under 10 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kam_xl.jobs.check import check_workbook_file
from kam_xl.samples.accounts import sample_portfolio
from kam_xl.workbooks import portfolio


def timed(path: Path, repeat: int) -> tuple[float, float, int]:
    """Best wall and CPU seconds of ``repeat`` checks, and the findings."""
    wall, cpu, found = float("inf"), float("inf"), 0
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        report = check_workbook_file(path)
        wall, cpu = min(wall, time.perf_counter() - start), min(cpu, time.process_time() - start_cpu)
        found = len(report.findings)
    return wall, cpu, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, nargs="*", default=[10_000])
    parser.add_argument("--ledger-rows", type=int, nargs="*", default=[])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"python {platform.python_version()} · {platform.machine()} · {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.accounts:
            path = Path(tmp) / f"portfolio-{n}.xlsx"
            portfolio.write(path, sample_portfolio(n))
            load = os.getloadavg()[0]
            wall, cpu, found = timed(path, args.repeat)
            size = path.stat().st_size / 1e6
            print(f"portfolio {n:>6,} accounts ({size:.1f} MB): check {wall:.2f} s wall, {cpu:.2f} s CPU, "
                  f"{found} findings · load {load:.1f} (target < 10 s)")  # fmt: skip
        for n in args.ledger_rows:
            from bench_customer_file import make_file

            from kam_xl.workbooks import customer_file as cf

            path = Path(tmp) / f"file-{n}.xlsx"
            cf.write(path, make_file(n))
            load = os.getloadavg()[0]
            wall, cpu, found = timed(path, args.repeat)
            size = path.stat().st_size / 1e6
            print(f"customer file {n:>6,} + {n:,} ledger rows ({size:.1f} MB): check {wall:.2f} s wall, "
                  f"{cpu:.2f} s CPU, {found} findings · load {load:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
