"""Benchmark: each blank template's file size and LibreOffice open-and-recalculate time.

Target (issue #7): each blank template under 2 s on the 2-core machine. The templates are built in zh
with the default model (the portfolio with its default 1,000 rows, the development record 500, the
account plan 50 contacts and 100 actions, the customer file its own). Each is opened ``--repeat`` times
in one headless soffice (a private profile, through the UNO script of tests/uno_lo.py) after one
warm-up open: the time to load the file and to recalculate every formula (``calculateAll``), as wall
time and as soffice's CPU time (which other load on the machine does not inflate).
Needs /usr/bin/python3 with ``uno`` (python3-uno). Run: ``python benchmarks/bench_blank_templates.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import uno_lo

from kam_xl.models import default_model
from kam_xl.workbooks import account_plan, customer_file, development, portfolio

KINDS = {"account_plan": account_plan, "customer_file": customer_file, "portfolio": portfolio,
         "development": development}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if (why := uno_lo.missing()) is not None:
        raise SystemExit(why)
    model = default_model()
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for kind, module in KINDS.items():
            paths[kind] = Path(tmp) / f"{kind}_zh.xlsx"
            module.build(None, model=model, lang="zh").save(paths[kind])
        books = [{"path": str(paths["development"]), "ranges": False}]  # warm-up
        for _ in range(args.repeat):
            books += [{"path": str(p), "ranges": False} for p in paths.values()]
        answer = uno_lo.run(uno_lo.INSERT_ROWS, {"books": books})["books"][1:]
        print(
            f"{platform.python_version()} {platform.machine()}, load {os.getloadavg()[0]:.1f}, repeat {args.repeat}, medians"
        )
        print(f"{'template':<14} {'KiB':>5} {'open s':>7} {'recalc s':>9} {'total s':>8} {'CPU s':>6}")
        for k, (kind, path) in enumerate(paths.items()):
            runs = answer[k :: len(paths)]

            def median(key: str, runs: list[dict[str, float]] = runs) -> float:
                return statistics.median(a[key] for a in runs)

            total = statistics.median(a["open_s"] + a["first_recalc_s"] for a in runs)
            cpu = statistics.median(a["open_cpu_s"] + a["first_recalc_cpu_s"] for a in runs)
            size = path.stat().st_size / 1024
            print(
                f"{kind:<14} {size:>5.0f} {median('open_s'):>7.2f} {median('first_recalc_s'):>9.2f} {total:>8.2f} {cpu:>6.2f}"
            )


if __name__ == "__main__":
    main()
