"""Benchmark: ``kam-xl new-account`` — one account's plan and customer file from a portfolio row.

Builds a 36-account portfolio workbook (the bundled sample, before the clock starts),
then times, best and median of ``--repeat`` runs into fresh folders:

- **command**: ``kam-xl -q new-account --from PORTFOLIO --account NAME`` end to end, a new
  Python process each time (start-up and imports included, as a rep sees it);
- **by name**: ``kam-xl -q new-account NAME`` (no portfolio to read), the same way;
- **help**: ``kam-xl --help``, a new process: Python and the command line alone;
- **imports**: a process that only imports what the command imports (its share of the above);
- **library**: ``workbook_model`` + ``account_from_portfolio`` + ``new_account`` in this
  process (imports already done): read the row, build and write both workbooks — the work alone.

Run: ``python benchmarks/bench_new_account.py [--repeat 5]``. Target (issue #8): under 1 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kam_xl.jobs.new_account import account_from_portfolio, new_account, workbook_model
from kam_xl.samples.portfolio import portfolio
from kam_xl.workbooks import portfolio as portfolio_book

_COMMAND = "from kam_xl.cli import main; main()"
_IMPORTS = "import kam_xl.cli, kam_xl.jobs.new_account, kam_xl.workbooks.account_plan, kam_xl.workbooks.customer_file"


def _timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def _line(label: str, times: list[float]) -> str:
    return f"{label:<10} best {min(times):6.3f} s   median {statistics.median(times):6.3f} s   ({len(times)} runs)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kam-bench-new-account-") as tmp:
        root = Path(tmp)
        table = portfolio()
        source = portfolio_book.write(root / "客户组合.xlsx", table)
        account = str(table["account"].iloc[0])

        def command(k: int) -> None:
            cmd = [sys.executable, "-c", _COMMAND, "-q", "new-account", "--from", str(source), "--account", account,
                   "--out", str(root / f"cli-{k}")]  # fmt: skip
            subprocess.run(cmd, check=True, capture_output=True)

        def by_name(k: int) -> None:
            cmd = [sys.executable, "-c", _COMMAND, "-q", "new-account", account, "--out", str(root / f"name-{k}")]
            subprocess.run(cmd, check=True, capture_output=True)

        def library(k: int) -> None:
            model = workbook_model(source)
            new_account(account_from_portfolio(source, account, model=model), root / f"lib-{k}", model=model)

        library(-1)  # warm-up: first-use imports inside the library
        results = {
            "command": [_timed(lambda k=k: command(k)) for k in range(args.repeat)],
            "by name": [_timed(lambda k=k: by_name(k)) for k in range(args.repeat)],
            "help": [
                _timed(
                    lambda: subprocess.run([sys.executable, "-c", _COMMAND, "--help"], check=True, capture_output=True)
                )
                for _ in range(args.repeat)
            ],
            "imports": [
                _timed(lambda: subprocess.run([sys.executable, "-c", _IMPORTS], check=True)) for _ in range(args.repeat)
            ],
            "library": [_timed(lambda k=k: library(k)) for k in range(args.repeat)],
        }
    load = ", load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    print(f"new-account on a {len(table)}-account portfolio — {platform.python_version()}, {os.cpu_count()} CPUs{load}")
    for label, times in results.items():
        print(_line(label, times))


if __name__ == "__main__":
    main()
