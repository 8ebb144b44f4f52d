"""Benchmark: the portfolio workbook for 50,000 accounts, against openpyxl writing the same cells bare.

kam_xl's side is the whole job: the core's indicators for every account, the
styled and validated sheets with a live formula in every computed cell, the
summary with its Pareto block and charts, the Model sheet, and each formula's
cached value. The reference is openpyxl in write-only mode writing the same
cells — every value and formula text of every sheet, read back from kam_xl's
file before the clock starts — with no styles, validations, formats, charts
or cached values. Both run in the same process, one after the other; the best
of ``--repeat`` runs of each is printed with their ratio.

    python benchmarks/bench_portfolio_workbook.py                 # 50,000 accounts
    python benchmarks/bench_portfolio_workbook.py --accounts 5000 --repeat 1

Targets: under 30 s, and no more than 1.5× the bare write.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from openpyxl import Workbook, load_workbook

from kam_xl.models import default_model
from kam_xl.samples.accounts import sample_portfolio
from kam_xl.workbooks import portfolio


def accounts(n: int, seed: int = 7) -> pd.DataFrame:
    """The sample portfolio's generator at size ``n``, with unique names, owners, DSO and overdue ratios."""
    table = sample_portfolio(n, default_model(), seed)
    rng = np.random.default_rng(seed)
    table["account"] = [f"{name}{i:05d}" for i, name in enumerate(table["account"])]
    table["owner"] = rng.choice(["王磊", "李娜", "张伟", "刘洋", "陈静"], n)
    table["horizon"] = np.where(rng.random(n) < 0.2, rng.integers(3, 15, n), np.nan)
    table["dso"] = rng.gamma(3.0, 20.0, n).round(1)
    table["overdue_ratio"] = rng.beta(1.2, 6.0, n).round(4)
    return table


def cells_of(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet's rows of values and formula texts, as kam_xl wrote them."""
    wb = load_workbook(path, read_only=True)
    out = {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    wb.close()
    return out


def bare(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    wb = Workbook(write_only=True)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line),
        platform.processor() or "?",
    ) if Path("/proc/cpuinfo").exists() else platform.processor()  # fmt: skip
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 if hasattr(os, "sysconf") else float("nan")
    return (
        f"{os.cpu_count()} vCPUs, {cpu}, {mem:.0f} GB RAM; Python {platform.python_version()}, "
        f"openpyxl {openpyxl.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accounts", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    model = default_model()
    table = accounts(args.accounts)
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp) / "kam.xlsx", Path(tmp) / "bare.xlsx"

        def kam() -> None:
            portfolio.write(ours, table, model=model, overwrite=True)

        t_kam = best(kam, args.repeat)
        sheets = cells_of(ours)
        n_cells = sum(sum(v is not None for v in row) for rows in sheets.values() for row in rows)
        n_formulas = sum(
            sum(isinstance(v, str) and v.startswith("=") for v in row) for rows in sheets.values() for row in rows
        )
        t_bare = best(lambda: bare(theirs, sheets), args.repeat)
        size_kam, size_bare = ours.stat().st_size, theirs.stat().st_size
    print(f"machine: {machine()}")
    print(f"{args.accounts:,} accounts: {n_cells:,} cells, {n_formulas:,} formulas; best of {args.repeat}")
    print(f"kam_xl portfolio.write       {t_kam:7.2f} s  ({size_kam / 2**20:.1f} MB)")
    print(f"openpyxl write-only, bare    {t_bare:7.2f} s  ({size_bare / 2**20:.1f} MB)")
    print(f"ratio                        {t_kam / t_bare:7.2f}×  (targets: < 30 s, ≤ 1.5×)")


if __name__ == "__main__":
    main()
