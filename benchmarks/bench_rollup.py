"""Benchmark: ``kam-xl rollup`` of a folder of N filled-in account plans into one portfolio.

The plans (the bundled sample's :func:`kam_xl.samples.account_plan.account_plan`, one per account,
each with its own scores) are written before the clock starts. Timed: :func:`kam_xl.jobs.rollup.rollup`
end to end — every file read back twice (cached values; formulas and styles), checked (formula
errors, overwritten formulas, Model sheet, the scorecard rebuilt with the core and compared), its
inputs read, then the portfolio workbook built and written. Best of ``--repeat``.
Run: ``python benchmarks/bench_rollup.py [--plans 500] [--repeat 1]``. Target (issue #8): under 60 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kam_xl.jobs.rollup import rollup_folder
from kam_xl.samples.account_plan import account_plan
from kam_xl.workbooks import account_plan as plan_kind


def _write(args: tuple[Path, int]) -> None:
    folder, i = args
    plan_kind.write(folder / f"plan-{i:04d}.xlsx", account_plan(f"客户{i:04d}", i + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, nargs="+", default=[500])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(f"python {platform.python_version()} · {platform.machine()} · {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.plans:
            folder = Path(tmp) / f"plans-{n}"
            folder.mkdir()
            start = time.perf_counter()
            with ProcessPoolExecutor() as pool:
                list(pool.map(_write, [(folder, i) for i in range(n)], chunksize=16))
            made = time.perf_counter() - start
            best = float("inf")
            for k in range(args.repeat):
                out = Path(tmp) / f"rollup-{n}-{k}.xlsx"
                start = time.perf_counter()
                result = rollup_folder(folder, out)
                best = min(best, time.perf_counter() - start)
            print(
                f"{n:>5} plans: rollup {best:6.1f} s ({best / n * 1000:.0f} ms a plan; {len(result.accounts)} "
                f"accounts, {len(result.problems)} problems) · generating them took {made:.1f} s"
            )


if __name__ == "__main__":
    main()
