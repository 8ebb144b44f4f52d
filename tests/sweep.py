"""The edit sweep (issue 7, "robust to ordinary edits"): which input cells to try, and one LibreOffice run.

An input is an unlocked cell (:meth:`kam_xl.workbooks.book.Book.input`: every computed cell is locked,
every cell a user fills in is not). A list block's column — a run of more than :data:`LONG` unlocked
cells one under the other — holds the same input in every row, with the same formulas beside it, so
only some of its rows are tried (:func:`pick`): the first two, the middle one, the last one, and in a
filled list the last filled row and the first empty one. Every other input is tried, each in turn.

:func:`sweep` hands the cells to ``tests/sweep_uno.py``, which runs in the system python (``uno``) and
keeps one soffice process with a private profile for the whole sweep.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter

HERE = Path(__file__).parent
UNO_PYTHON = "/usr/bin/python3"
LONG = 8  # a column run longer than this is a list block: some of its rows are tried

Cell = tuple[str, str]  # (sheet title, "B5")


@dataclass(frozen=True)
class Failure:
    """A formula cell showing an error value after one input was set to one variant."""

    file: str
    input_sheet: str
    input_cell: str
    variant: str  # zero | blank | text | out | (generated: the file as written)
    value: object
    sheet: str
    cell: str
    formula: str
    error: str

    def line(self) -> str:
        edit = f"{self.input_sheet}!{self.input_cell}={self.variant}({self.value!r})" if self.variant else "as written"
        return f"{self.file}: {edit} → {self.sheet}!{self.cell} {self.error} {self.formula}"


def available() -> bool:
    """soffice and a python with ``uno`` are both there."""
    if shutil.which("soffice") is None or not Path(UNO_PYTHON).is_file():
        return False
    return subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


def pick(rows: Sequence[int], filled: set[int]) -> list[int]:
    """The rows of one column run that are tried (all of them when the run is short)."""
    if len(rows) <= LONG:
        return list(rows)
    chosen = {rows[0], rows[1], rows[len(rows) // 2], rows[-1]}
    used = [r for r in rows if r in filled]
    if used:
        last = used[-1]
        chosen.add(last)
        after = [r for r in rows if r > last]
        if after:
            chosen.add(after[0])
    return sorted(chosen)


def input_cells(path: Path) -> list[Cell]:
    """The inputs to try in ``path``: every unlocked cell, list columns sampled by :func:`pick`."""
    wb = load_workbook(path)
    out: list[Cell] = []
    for ws in wb.worksheets:
        columns: dict[int, list[int]] = defaultdict(list)
        filled: dict[int, set[int]] = defaultdict(set)
        for row in ws.iter_rows():
            for c in row:
                if c.protection.locked is False and not isinstance(c, MergedCell):  # a merge's others
                    columns[c.column].append(c.row)
                    if c.value is not None and c.value != "":
                        filled[c.column].add(c.row)
        for col, rows in sorted(columns.items()):
            runs: list[list[int]] = []
            for r in sorted(rows):
                if runs and r == runs[-1][-1] + 1:
                    runs[-1].append(r)
                else:
                    runs.append([r])
            for run in runs:
                out.extend((ws.title, f"{get_column_letter(col)}{r}") for r in pick(run, filled[col]))
    return out


def sweep(paths: Iterable[Path], cells: dict[Path, list[Cell]] | None = None) -> tuple[list[Failure], dict[str, int]]:
    """Every error value the sweep finds in ``paths``, and how many edits it tried in each file.

    ``cells`` overrides :func:`input_cells` for a file (a sample of a long demo's inputs)."""
    paths = list(paths)
    work = Path(tempfile.mkdtemp(prefix="kam-sweep-"))
    try:
        chosen = {p: (cells or {}).get(p) or input_cells(p) for p in paths}
        job = {
            "profile": str(work / "profile"),
            "files": [{"path": str(p), "cells": [list(c) for c in chosen[p]]} for p in paths],
        }
        (work / "job.json").write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        run = subprocess.run(
            [UNO_PYTHON, str(HERE / "sweep_uno.py"), str(work / "job.json"), str(work / "out.json")],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if run.returncode != 0:
            raise RuntimeError(f"the LibreOffice sweep failed:\n{run.stderr[-3000:]}")
        results = json.loads((work / "out.json").read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    found: list[Failure] = []
    edits: dict[str, int] = {}
    for r in results:
        name = Path(r["path"]).name
        edits[name] = r["edits"]
        found += [Failure(name, "", "", "", None, *e) for e in r["baseline"]]
        for f in r["failures"]:
            found += [Failure(name, f["sheet"], f["cell"], f["variant"], f["value"], *e) for e in f["errors"]]
    return found, edits
