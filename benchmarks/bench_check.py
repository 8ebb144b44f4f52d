"""Benchmark: ``kam-xl check`` on a customer file with a long receivables ledger.

Portfolio workbooks are not supported by ``check`` yet, so this times what the brief names in
their place: a customer file with N invoices and N receipts (built by
``bench_customer_file.make_file`` before the clock starts), checked by
:func:`kam_xl.jobs.check.check_workbook_file` — both reading passes (cached values; formulas and
styles), the Model sheet read back, and the receivables sheet rebuilt with the core and compared
cell by cell. Best of ``--repeat``.
Run: ``python benchmarks/bench_check.py [--rows 4000] [--repeat 3]``. Target (issue #8): under 10 s.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_customer_file import make_file

from kam_xl.jobs.check import check_workbook_file
from kam_xl.workbooks import customer_file as cf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[4000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"python {platform.python_version()} · {platform.machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.rows:
            path = Path(tmp) / f"file-{n}.xlsx"
            cf.write(path, make_file(n))
            best, found = float("inf"), 0
            for _ in range(args.repeat):
                start = time.perf_counter()
                report = check_workbook_file(path)
                best = min(best, time.perf_counter() - start)
                found = len(report.findings)
            size = path.stat().st_size / 1e6
            print(f"{n:>6,} + {n:,} ledger rows ({size:.1f} MB): check {best:.2f} s, {found} findings (target < 10 s)")


if __name__ == "__main__":
    main()
