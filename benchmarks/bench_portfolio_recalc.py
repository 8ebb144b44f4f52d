"""Benchmark: LibreOffice recalculating a filled portfolio workbook, in full and after one edit.

Two halves in one file. Run with the venv's python it writes the portfolio workbooks (the sample
generator at each size, and the blank template), starts one headless soffice with a private profile
and runs itself with ``/usr/bin/python3`` (which has ``uno``) as the UNO client; that half opens each
file (timed: open), ``calculateAll()`` (timed: full), then with automatic calculation off sets the
first account's value and ``calculate()`` (timed: one edit — only what depends on it), and prints
the figures: wall-clock seconds and soffice's CPU seconds, best of ``--repeat``.

    python benchmarks/bench_portfolio_recalc.py                         # 1,000, 2,000, 5,000, 20,000 accounts
    python benchmarks/bench_portfolio_recalc.py --accounts 2000 3000 --repeat 1
    python benchmarks/bench_portfolio_recalc.py --live 100000 --accounts 5000   # all formulas live, for comparison

Targets (issue #7): the blank template opens and recalculates under 2 s; a filled 20,000-account
portfolio recalculates in full under 3 s and after editing one account's value under 1 s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) of process ``pid`` so far; 0 when it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _office_pid(parent: int) -> int:
    """soffice.bin: the launcher's child (or the launcher itself, when it exec'd)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if "soffice.bin" in text and int(text.rsplit(")", 1)[1].split()[1]) == parent:
            return int(stat.parent.name)
    return parent


def _uno(pipe: str, files: list[str], repeat: int, parent: int) -> list[dict[str, object]]:
    """The UNO half (system python): time open, full recalculation and one edit for each file (wall, and
    soffice's CPU, which other jobs on a shared machine disturb less)."""
    import uno  # type: ignore[import-not-found]
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:  # soffice is still starting
            time.sleep(0.5)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    office = _office_pid(parent)
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    out = []
    for path in files:
        best: dict[str, float] = {}
        for _ in range(repeat):
            c0, t0 = _cpu(office), time.perf_counter()
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (hidden,))
            c1, t1 = _cpu(office), time.perf_counter()
            doc.calculateAll()
            c2, t2 = _cpu(office), time.perf_counter()
            sheet = doc.Sheets.getByIndex(0)
            heads = sheet.getCellRangeByName("A4:AZ4").getDataArray()[0]
            col = next(i for i, h in enumerate(heads) if h in ("近12个月销售额", "Trailing 12-month revenue", "毛利额",
                                                               "Gross profit"))  # fmt: skip
            doc.enableAutomaticCalculation(False)
            cell = sheet.getCellByPosition(col, 4)
            cell.setValue(cell.getValue() * 3 + 12345.0)
            c3, t3 = _cpu(office), time.perf_counter()
            doc.calculate()
            c4, t4 = _cpu(office), time.perf_counter()
            doc.close(True)
            times = {"open": t1 - t0, "full": t2 - t1, "edit": t4 - t3,
                     "open_cpu": c1 - c0, "full_cpu": c2 - c1, "edit_cpu": c4 - c3}  # fmt: skip
            best = {k: min(v, best.get(k, v)) for k, v in times.items()}
        out.append({"file": path, **best})
    desktop.terminate()
    return out


def filled(n: int, seed: int = 7) -> object:
    """The sample generator at size ``n`` (bench_portfolio_workbook.accounts), criterion scores kept on the
    scorecard's scale, with receivables, the previous overdue ratio and the decision maker's stance."""
    import numpy as np

    from kam_xl.models import default_model

    sys.path.insert(0, str(Path(__file__).parent))
    from bench_portfolio_workbook import accounts

    model, rng = default_model(), np.random.default_rng(seed)
    table = accounts(n, seed)
    card = model.scorecard()
    for c in card.criteria:
        if c.code in table:
            table[c.code] = table[c.code].clip(card.scale_min, card.scale)
    value = table[model.abc.value].to_numpy(dtype=float)
    table["outstanding"] = (value * rng.uniform(0.05, 0.3, n)).round(2)
    table["overdue_prev"] = rng.beta(1.2, 6.0, n).round(4)
    table["dm_stance"] = rng.choice([s.zh for s in model.buying_centre.stances], n)
    return table


def main() -> None:
    import argparse

    from kam_xl.workbooks import portfolio

    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, nargs="+", default=[1000, 2000, 5000, 20000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--live", type=int, default=portfolio.LIVE_RANK_ROWS, help="live_rank_rows for the build")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kamxl_recalc_") as tmp:
        work = Path(tmp)
        files = {"blank template": work / "blank.xlsx"}
        portfolio.build(None, live_rank_rows=args.live).write_to(files["blank template"])
        for n in args.accounts:
            files[f"{n:,} accounts"] = work / f"p{n}.xlsx"
            portfolio.build(filled(n), live_rank_rows=args.live).write_to(files[f"{n:,} accounts"])
        pipe = f"kamxl_bench_{os.getpid()}"
        office = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
             f"-env:UserInstallation={(work / 'profile').as_uri()}", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            answer = work / "answer.json"
            subprocess.run([SYSTEM_PYTHON, __file__, "--uno", pipe, str(args.repeat), str(answer), str(office.pid),
                            *map(str, files.values())], check=True, timeout=3600)  # fmt: skip
            results = json.loads(answer.read_text(encoding="utf-8"))
        finally:
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()
        load = os.getloadavg()[0]
        print(f"live_rank_rows = {args.live:,}; load average {load:.1f}; seconds (wall / soffice CPU), best of "
              f"{args.repeat}")  # fmt: skip
        print(f"{'workbook':>18} {'size':>9} {'open':>13} {'full recalc':>13} {'one edit':>13}")
        for (name, path), r in zip(files.items(), results, strict=True):
            size = f"{path.stat().st_size / 1e6:.1f} MB"
            cells = [f"{r[k]:5.2f} / {r[k + '_cpu']:5.2f}" for k in ("open", "full", "edit")]
            print(f"{name:>18} {size:>9} " + " ".join(f"{c:>13}" for c in cells))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--uno":
        pipe, repeat, answer, parent = sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
        Path(answer).write_text(json.dumps(_uno(pipe, sys.argv[6:], repeat, parent)), encoding="utf-8")
    else:
        main()
