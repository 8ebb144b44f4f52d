"""Benchmark: an account plan + customer file pair, and 1,000 account plans in a batch.

Targets (issue #3), on the 2-core machine: the pair under 0.5 s; the batch of
1,000 plans under 2 minutes using both cores. The sample data is made before
timing starts, so only building and writing the workbooks is timed.
Run: ``python benchmarks/bench_workbooks.py [--plans 1000] [--workers 2] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from kam_xl.models import default_model
from kam_xl.samples.account_plan import account_plan as sample_plan
from kam_xl.samples.accounts import sample_portfolio
from kam_xl.samples.customer_file import customer_file as sample_file
from kam_xl.workbooks import account_plan, customer_file
from kam_xl.workbooks.batch import Job, write_batch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    model = default_model()
    rows = sample_portfolio(model=model).to_dict("records")
    first = rows[0]
    plan = sample_plan(first["account"], 1, model=model, row=first)
    cfile = sample_file(first["account"], 1, model=model)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        pair_times = []
        for i in range(args.repeat):
            t0 = time.perf_counter()
            account_plan.write(out / f"plan-{i}.xlsx", plan, model=model)
            customer_file.write(out / f"file-{i}.xlsx", cfile, model=model)
            pair_times.append(time.perf_counter() - t0)

        plans = [sample_plan(r["account"], k, model=model, row=r)
                 for k, r in enumerate(rows[k % len(rows)] for k in range(args.plans))]  # fmt: skip
        jobs = [Job("account_plan", out / "batch" / f"plan-{k:04d}.xlsx", p) for k, p in enumerate(plans)]
        t0 = time.perf_counter()
        written = write_batch(jobs, model=model, workers=args.workers)
        batch = time.perf_counter() - t0
        assert len(written) == args.plans and all(p.is_file() for p in written)

    print(f"machine: {platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}")
    print(f"plan + customer file pair: median {statistics.median(pair_times):.3f} s, "
          f"max {max(pair_times):.3f} s over {args.repeat}  (target < 0.5 s)")  # fmt: skip
    print(f"{args.plans:,} account plans, {args.workers} workers: {batch:.1f} s "
          f"({args.plans / batch:.1f} plans/s)  (target < 120 s)")  # fmt: skip


if __name__ == "__main__":
    main()
