"""Benchmark: ``kam-xl rollup`` of a folder of N filled-in account plans into one portfolio.

The plans (the bundled sample's :func:`kam_xl.samples.account_plan.account_plan`, one per account,
each with its own scores) are written before the clock starts. Timed: :func:`kam_xl.jobs.rollup.rollup`
end to end — every file read back in one pass (:mod:`kam_xl.readback`), checked (formula errors,
overwritten formulas, Model sheet, the plan rebuilt with the core and its scorecard, barriers,
diagnosis, action plan and needs compared), its inputs read, then the portfolio workbook built and written. A process per
core reads the files. Best of ``--repeat``, with the load average before the run (2 shared cores).
Run: ``python benchmarks/bench_rollup.py [--plans 500] [--repeat 1]``. Target (issue #8): under 60 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
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


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the rollup's worker processes)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


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
            best, cpu, load = float("inf"), float("inf"), os.getloadavg()[0]
            for k in range(args.repeat):
                out = Path(tmp) / f"rollup-{n}-{k}.xlsx"
                start, start_cpu = time.perf_counter(), _cpu()
                result = rollup_folder(folder, out)
                best, cpu = min(best, time.perf_counter() - start), min(cpu, _cpu() - start_cpu)
            print(
                f"{n:>5} plans: rollup {best:6.1f} s wall, {cpu:.1f} s CPU in all processes ({cpu / n * 1000:.0f} ms "
                f"a plan; {cpu / (os.cpu_count() or 1):.1f} s over the cores) ({len(result.accounts)} "
                f"accounts, {len(result.problems)} problems) · generating them took {made:.1f} s · load {load:.1f}"
            )


if __name__ == "__main__":
    main()
