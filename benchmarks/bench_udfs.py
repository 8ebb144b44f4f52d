"""Benchmark: worksheet functions called as Excel calls them (issue #9, "Speed in a sheet").

1. ``=KAM_ABC(B2,$B$2:$B$10001)`` filled down 10,000 rows: each call gets its own
   freshly built list of lists for the range (as xlwings' converter hands it
   over: new objects every call, equal content), built before that call's
   clock starts; the total is the sum of the calls' times. Also the first
   (cold) call, which classifies the range, and ``=KAM_ABC($B$2:$B$10001)``
   as one call whose answer spills.
2. ``=KAM_PORTFOLIO(A1:Z10001)`` on a 10,000-account sample table (lists of
   floats, text and None) against :func:`kam_xl.portfolio.score_portfolio` on
   the same table as a DataFrame with numeric columns. Best of ``--repeat``.
3. ``=KAM_TIER(85)`` (classic passes ``[[85.0]]``): per call, the answer
   remembered (any repeat of a value in a workbook) and worked out (every
   call a new value, so every call goes to the core).

Run: ``python benchmarks/bench_udfs.py [--rows 10000] [--repeat 3]``.
Targets (issue #9): 1. under 2 s in total; 2. within 3× of score_portfolio; 3. under 10 µs.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "udfs"))

import kam_udfs as k

from kam_xl.models import default_model
from kam_xl.portfolio import score_portfolio
from kam_xl.samples.accounts import localise_headers, sample_portfolio
from kam_xl.xl import boundary


def abc_filled_down(rows: int, calls: int = 0) -> tuple[float, float]:
    rng = np.random.default_rng(9)
    values = [float(x) for x in rng.integers(1_000, 5_000_000, rows)]
    boundary.RANKED.clear()
    total, first = 0.0, 0.0
    for i, v in enumerate(values[: calls or rows]):  # the first ``calls`` rows of the column (0: all)
        # the range as the runtime passes it: KAM_ABC declares its population ndim=1, so xlwings hands over
        # one flat list — new every call, with new float objects (x + 0.0 is a new float; reusing the same
        # objects would let == compare identities and flatter the cache)
        column = [x + 0.0 for x in values]
        t = time.perf_counter()
        got = k.KAM_ABC([[v]], column)
        dt = time.perf_counter() - t
        total += dt
        first = dt if i == 0 else first
        assert got in ("A类", "B类", "C类"), got
    assert boundary.RANKED.misses == 1
    return total, first


def abc_whole_range(rows: int, repeat: int) -> float:
    """``=KAM_ABC($B$2:$B$10001)`` once (a spilled column): the form the README recommends."""
    rng = np.random.default_rng(9)
    column = [[float(x)] for x in rng.integers(1_000, 5_000_000, rows)]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        got = k.KAM_ABC(column)
        best = min(best, time.perf_counter() - t)
    assert isinstance(got, list) and len(got) == rows
    return best


def portfolio(rows: int, repeat: int) -> tuple[float, float]:
    frame = localise_headers(sample_portfolio(rows), "zh")
    table = [list(frame.columns), *frame.astype(object).where(frame.notna(), None).to_numpy().tolist()]
    model = default_model()
    udf, core = float("inf"), float("inf")
    for _ in range(repeat):  # in turn, so that a busy neighbour slows both alike
        t = time.perf_counter()
        out = k.KAM_PORTFOLIO(table)
        udf = min(udf, time.perf_counter() - t)
        t = time.perf_counter()
        expected = score_portfolio(frame, model, "zh")
        core = min(core, time.perf_counter() - t)
    assert isinstance(out, list) and len(out) == len(expected) + 1, out if isinstance(out, str) else len(out)
    return udf, core


def tier(n: int = 20_000) -> tuple[float, float]:
    k.KAM_TIER([[85.0]])
    t = time.perf_counter()
    for _ in range(n):
        k.KAM_TIER([[85.0]])
    warm = (time.perf_counter() - t) / n
    scores = [[[50 + (i % 5000) / 100]] for i in range(n)]  # 5,000 different scores, most new to the memo
    t = time.perf_counter()
    for s in scores[:5000]:
        k.KAM_TIER(s)
    cold = (time.perf_counter() - t) / 5000
    return warm, cold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--calls", type=int, default=0, help="time only this many filled-down calls (0: all rows)")
    args = parser.parse_args()
    print(f"python {platform.python_version()} · numpy {np.__version__} · pandas {pd.__version__}")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    calls = args.calls or args.rows
    total, first = abc_filled_down(args.rows, calls)
    per_call = total / calls
    print(f"KAM_ABC filled down {args.rows:,} rows: {per_call * 1e6:.0f} µs a call over {calls:,} calls", end="")
    print(f" → {per_call * args.rows:.2f} s for all {args.rows:,}")
    print(f"  first call (classifies the range): {first * 1e3:.1f} ms")
    whole = abc_whole_range(args.rows, args.repeat)
    print(f"KAM_ABC over the whole column in one call (spilled): {whole * 1e3:.1f} ms")
    udf, core = portfolio(args.rows, args.repeat)
    print(f"KAM_PORTFOLIO {args.rows:,} rows: {udf:.3f} s; score_portfolio on the DataFrame {core:.3f} s")
    print(f"  ratio {udf / core:.2f}×")
    warm, cold = tier()
    print(f"KAM_TIER(85): {warm * 1e6:.1f} µs remembered; {cold * 1e6:.1f} µs worked out (a new score)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
