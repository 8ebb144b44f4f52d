"""Benchmark: ``kam-xl score`` — a team's 50,000-row table scored into a live workbook.

Writes, before the clock starts, a team's table as ``.xlsx`` (a title block with a
merged cell above the header, Chinese headers, the 18 criteria of the default
model, revenue typed as ``"¥1,234,567"`` text on every tenth row, an extra remark
column, a few problems: an ``#N/A``, a repeated account, a totals row, a criterion typed 0 on
the selection scorecard's 1–10 scale on every 50th row), then
times ``kam-xl score`` as a new Python process (start-up, reading, checking,
scoring, laying out and writing), best and median of ``--repeat`` runs.

Run: ``python benchmarks/bench_score_command.py [--rows 50000] [--repeat 3] [--old-scale]``.
``--old-scale`` draws every score from 0–10, as a table kept on the old scale: a 0 in 82 % of the rows,
each refused and listed on the Problems sheet (the worst case for the problems, not the usual one).
Target (issue #8): under 30 s for 50,000 rows.
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

import numpy as np
from openpyxl import Workbook

from kam_xl.models import default_model

_COMMAND = "from kam_xl.cli import main; main()"


def team_table(path: Path, rows: int, seed: int = 8, *, old_scale: bool = False) -> None:
    model = default_model()
    criteria = [c.zh for c in model.scorecard().criteria]
    rng = np.random.default_rng(seed)
    scores = rng.integers(0 if old_scale else 1, 11, size=(rows, len(criteria)))
    if not old_scale:
        scores[::50, 3] = 0  # a 0 left from the old 0–10 scale: refused on its cell
    revenue = rng.lognormal(13, 1.2, size=rows).round(2)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("客户")
    ws.append(["华东区大客户评分表"])
    ws.append([])
    ws.append(["客户名称", "负责人", *criteria, "销售额（元）", "备注"])
    for i in range(rows):
        money: object = f"¥{revenue[i]:,.2f}" if i % 10 == 0 else float(revenue[i])
        cells: list[object] = [f"客户{i:06d}", f"经理{i % 40}", *scores[i].tolist(), money, "备注" if i % 7 else None]
        if i == 100:
            cells[5] = "#N/A"
        if i == 200:
            cells[0] = "客户000001"  # a repeat
        ws.append(cells)
    ws.append(["合计", None, *([None] * len(criteria)), float(revenue.sum()), None])
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--old-scale", action="store_true", help="scores drawn from 0-10: most rows refused")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kam-bench-score-") as tmp:
        root = Path(tmp)
        source = root / "团队客户表.xlsx"
        team_table(source, args.rows, old_scale=args.old_scale)
        times = []
        for k in range(args.repeat):
            cmd = [sys.executable, "-c", _COMMAND, "-q", "score", str(source), "--out", str(root / f"out-{k}.xlsx")]
            start = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr)
        size = (root / "out-0.xlsx").stat().st_size / 1e6
    load = "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    print(f"{platform.python_version()} on {platform.machine()}; {args.rows:,} rows; output {size:.1f} MB; {load}")
    print(f"command    best {min(times):6.2f} s   median {statistics.median(times):6.2f} s   ({len(times)} runs)")


if __name__ == "__main__":
    main()
