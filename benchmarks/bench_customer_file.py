"""Benchmark: one customer file (大客户档案) with a long receivables ledger, built and saved.

A key account's two-year ledger has thousands of rows. This writes one customer file
with N invoices and N receipts (seeded: partial, late, early and excess receipts,
repeated and unknown invoice numbers) for each N given, and prints the time of the
build (the core's row-level values and indicators, every sheet with its formulas and
cached values) and of the save, best of ``--repeat``. Sample data is made before the
clock starts. For scale it also times openpyxl alone writing the same values and
formula texts (read back from kam_xl's file before the clock starts) with no styles,
validations or cached values: cell by cell in a normal workbook, and streamed in
write-only mode (as kam_xl's canvas writes every sheet). ``--profile`` prints where the
time of the largest size goes.
``--recalc`` times LibreOffice instead (issue #7): the blank template, then each size's file opened
headless and saved twice — recalculating every formula on load, and recalculating none — the difference
being the full recalculation (wall and CPU; one LibreOffice at a time, with a private profile).
Run: ``python benchmarks/bench_customer_file.py [--rows 4000 20000] [--repeat 3] [--profile]``,
``python benchmarks/bench_customer_file.py --recalc --rows 1000 2000 4000 --repeat 1`` (``--unsorted``: the
ledgers written unsorted, so the sheet takes its exact, slower formulas).
Targets: writing (issue #6) 4,000 + 4,000 rows under 2 s, 20,000 + 20,000 under 8 s; LibreOffice's full
recalculation (issue #7) of 4,000 + 4,000 rows under 2 s, the blank template opened and recalculated under 2 s.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import openpyxl
from openpyxl import Workbook, load_workbook

from kam_xl.models import default_model
from kam_xl.workbooks import customer_file as cf

AS_OF = date(2026, 9, 30)


def make_file(n: int, seed: int = 6) -> cf.CustomerFile:
    """``n`` invoices over two years and ``n`` receipts against them (a few unknown, some overpaid)."""
    rng = np.random.default_rng(seed)
    days = rng.integers(-20, 730, n)
    invoices = []
    for i in range(n):
        day = AS_OF - timedelta(days=int(days[i]))
        number = f"INV{i:06d}" if rng.random() > 0.02 else f"INV{int(rng.integers(max(i, 1))):06d}"  # 2 % repeated
        due = day + timedelta(days=int(rng.choice([0, 30, 45, 60, 90])))
        invoices.append(cf.Invoice(number, day, due, round(float(rng.lognormal(9, 1.0)), 2)))
    receipts = []
    for _ in range(n):
        inv = invoices[int(rng.integers(n))]
        number = inv.number if rng.random() > 0.01 else "UNKNOWN"
        when = inv.invoice_date + timedelta(days=int(rng.integers(-3, 150)))  # type: ignore[operator]
        share = float(rng.choice([1.0, 0.5, 0.3, 1.2], p=[0.7, 0.15, 0.1, 0.05]))
        receipts.append(cf.Receipt(number, when, round(inv.amount * share, 2)))  # type: ignore[operator]
    return cf.CustomerFile(
        company=cf.Company(name="基准客户"), invoices=invoices, receipts=receipts, credit_limit=5e6, as_of=AS_OF
    )


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            return next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), platform.processor())
    except OSError:
        return platform.processor() or "unknown"


def measure(data: cf.CustomerFile, out: Path, repeat: int) -> tuple[float, float]:
    """Best build time and best save time over ``repeat`` runs (each into a new file in ``out``)."""
    model = default_model()
    builds, saves = [], []
    for k in range(repeat):
        t0 = time.perf_counter()
        book = cf.build(data, model=model)
        t1 = time.perf_counter()
        book.save(out / f"cf-{k}.xlsx")
        t2 = time.perf_counter()
        builds.append(t1 - t0)
        saves.append(t2 - t1)
    return min(builds), min(saves)


def cells_of(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet's rows of values and formula texts, as kam_xl wrote them."""
    wb = load_workbook(path, read_only=True)
    out = {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    wb.close()
    return out


def bare(path: Path, sheets: dict[str, list[list[object]]], *, write_only: bool) -> float:
    """openpyxl alone writing ``sheets`` (no styles, validations or cached values): seconds taken."""
    t0 = time.perf_counter()
    wb = Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r, row in enumerate(rows, 1):
            if write_only:
                ws.append(row)
                continue
            for c, value in enumerate(row, 1):
                if value is not None:
                    ws.cell(r, c, value)
    wb.save(path)
    return time.perf_counter() - t0


_RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>{mode}</value></prop></item>
</oor:items>
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def libreoffice(path: Path, out: Path, *, recalc: bool) -> tuple[float, float]:
    """Seconds (wall, CPU) to open ``path`` headless — recalculating every formula on load (mode 0) or none
    (mode 1) — and save it as .xlsx; the second of two runs (LibreOffice's first start makes its profile)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        sys.exit("LibreOffice (soffice) is not installed")
    profile = Path(tempfile.mkdtemp(prefix="lo_bench_cf-"))
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALC.format(mode=0 if recalc else 1))
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to",
           "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)]  # fmt: skip
    env = dict(os.environ, HOME=str(profile))
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=3600, env=env)
        t0, c0 = time.perf_counter(), _children_cpu()
        subprocess.run(cmd, check=True, capture_output=True, timeout=3600, env=env)
        return time.perf_counter() - t0, _children_cpu() - c0
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def recalc(sizes: list[int], repeat: int, *, unsorted: bool = False) -> None:
    """LibreOffice: the blank template opened with and without recalculation, then each size's file
    (``unsorted``: its ledgers written in the order generated, not sorted: the exact, slower formulas)."""
    model = default_model()
    print(
        f"{'file':>32} {'size':>8} {'open+save':>10} {'CPU':>6} {'+recalc':>9} {'recalc':>8} {'recalc CPU':>11}  load"
    )
    with tempfile.TemporaryDirectory() as tmp:
        files = [("blank template", cf.build(model=model).save(Path(tmp) / "blank.xlsx"))]
        for n in sizes:
            data = make_file(n)
            data.sort_ledgers = not unsorted
            name = f"{n:,} + {n:,}{' unsorted' if unsorted else ''}"
            files.append((name, cf.build(data, model=model).save(Path(tmp) / f"cf-{n}.xlsx")))
        for name, path in files:
            plain = [libreoffice(path, Path(tmp) / "plain", recalc=False) for _ in range(repeat)]
            full = [libreoffice(path, Path(tmp) / "full", recalc=True) for _ in range(repeat)]
            (w0, c0), (w1, c1) = (tuple(min(x) for x in zip(*runs, strict=True)) for runs in (plain, full))
            print(f"{name:>32} {path.stat().st_size / 1e6:>6.2f}MB {w0:>9.2f}s {c0:>5.2f}s {w1:>8.2f}s {w1 - w0:>7.2f}s "
                  f"{c1 - c0:>10.2f}s  {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[4000, 20000], help="invoices (= receipts) per file")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--recalc", action="store_true", help="time LibreOffice's recalculation instead")
    parser.add_argument("--unsorted", action="store_true", help="--recalc with the ledgers left unsorted")
    args = parser.parse_args()
    if args.recalc:
        recalc(args.rows, args.repeat, unsorted=args.unsorted)
        return
    print(
        f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}, "
        f"openpyxl {openpyxl.__version__}"
    )
    targets = {4000: 2.0, 20000: 8.0}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.rows:
            data = make_file(n)
            (out := Path(tmp) / str(n)).mkdir()
            build, save = measure(data, out, args.repeat)
            size = (out / "cf-0.xlsx").stat().st_size / 1e6
            sheets = cells_of(out / "cf-0.xlsx")
            n_cells = sum(v is not None for rows in sheets.values() for row in rows for v in row)
            cells = min(bare(out / f"cells-{k}.xlsx", sheets, write_only=False) for k in range(args.repeat))
            stream = min(bare(out / f"stream-{k}.xlsx", sheets, write_only=True) for k in range(args.repeat))
            target = f" (target < {targets[n]:.0f} s)" if n in targets else ""
            print(
                f"{n:>6,} invoices + {n:,} receipts: build {build:.2f} s + save {save:.2f} s = {build + save:.2f} s"
                f"{target}; {n_cells:,} cells, {size:.1f} MB (best of {args.repeat})\n"
                f"{'':>6}  openpyxl alone, same cells: cell by cell {cells:.2f} s, write-only {stream:.2f} s"
            )
        if args.profile:
            data = make_file(max(args.rows))
            prof = cProfile.Profile()
            prof.enable()
            cf.build(data, model=default_model()).save(Path(tmp) / "profiled.xlsx")
            prof.disable()
            pstats.Stats(prof).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
