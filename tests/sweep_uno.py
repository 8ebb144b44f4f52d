"""The edit sweep's LibreOffice side: run with the system python (it has ``uno``; the venv has not).

``/usr/bin/python3 tests/sweep_uno.py JOB.json OUT.json`` starts one headless soffice with a private
profile, and for each file of the job: opens it, recalculates everything, notes the error cells it
shows as generated, then for each listed input cell and each variant (``zero``, ``blank``, ``text``,
``out``) sets the cell as a user typing or pasting would, recalculates what depends on it, and notes
every formula cell that shows an error value it did not show before; the cell is then put back as it
was. One process and one load per file: a conversion run per (cell, variant) would take hours.

``out`` is a value beyond the cell's data validation: above its upper bound (below its lower bound when
it has none), a text longer than its length limit, a number where a list of labels is expected; a cell
without a validation gets −1.

Job: ``{"profile": DIR, "files": [{"path": P, "cells": [[sheet, "B5"], …]}]}``. Output: one record per
file ``{"path", "baseline": [error…], "failures": [{"sheet", "cell", "variant", "value", "errors":
[error…]}], "edits": N}``, an error being ``[sheet, cell, formula, error text]``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

# com.sun.star.sheet.FormulaResult.ERROR, CellFlags VALUE|DATETIME|STRING|FORMULA, CellContentType
_ERROR_RESULT = 4
_CONTENTS = 1 | 2 | 4 | 16
_EMPTY, _VALUE, _TEXT, _FORMULA = "EMPTY", "VALUE", "TEXT", "FORMULA"
# LibreOffice's error codes and the text a cell shows for them (any other shows as Err:nnn)
_ERROR_TEXT = {
    503: "#NUM!",
    519: "#VALUE!",
    524: "#REF!",
    525: "#NAME?",
    532: "#DIV/0!",
    32767: "#N/A",
}
_SCRATCH = "__sweep__"
TEXT = "abc"


def _prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _connect(profile: Path) -> tuple[object, subprocess.Popen[bytes]]:
    pipe = f"kam_sweep_{os.getpid()}"
    proc = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            time.sleep(0.1)
    else:
        proc.kill()
        raise RuntimeError("soffice did not accept a connection")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return desktop, proc


def _everything(doc: object) -> object:
    """One range list over the used area of every sheet, so one query finds the errors of all of them."""
    ranges = doc.createInstance("com.sun.star.sheet.SheetCellRanges")
    sheets = doc.Sheets
    for i in range(sheets.Count):
        sheet = sheets.getByIndex(i)
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        end = cursor.getRangeAddress()
        ranges.addRangeAddress(sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow).getRangeAddress(), False)
    return ranges


def _error_cells(everything: object) -> dict[tuple[str, str], list[str]]:
    """Every formula cell showing an error value: (sheet, cell) → [sheet, cell, formula, error]."""
    out: dict[tuple[str, str], list[str]] = {}
    found = everything.queryFormulaCells(_ERROR_RESULT)
    if found.Count == 0:
        return out
    cells = found.Cells.createEnumeration()
    while cells.hasMoreElements():
        c = cells.nextElement()
        code = c.getError()
        if not code or c.getType().value != _FORMULA:  # the ranges found hold their neighbours too
            continue
        sheet, ref = c.AbsoluteName.replace("$", "").rsplit(".", 1)
        sheet = sheet.strip("'")
        out[(sheet, ref)] = [sheet, ref, c.getFormula(), _ERROR_TEXT.get(code, f"Err:{code}")]
    return out


def _value_of(doc: object, formula: str) -> float | None:
    """A validation bound (a number or a formula over the Model sheet's names) as a number."""
    if not formula:
        return None
    try:
        return float(formula)
    except ValueError:
        pass
    scratch = doc.Sheets.getByName(_SCRATCH).getCellByPosition(0, 0)
    scratch.setFormula("=" + formula)
    doc.calculate()
    return None if scratch.getError() else float(scratch.getValue())


def _out_of_range(doc: object, cell: object, seen: dict[tuple[str, ...], tuple[str, object]]) -> tuple[str, object]:
    """("value"|"text", what to type) beyond the cell's data validation (``seen``: by validation, worked out once)."""
    v = cell.getPropertyValue("Validation")
    key = (v.Type.value, v.getOperator().value, v.getFormula1(), v.getFormula2())
    if key not in seen:
        seen[key] = _beyond(doc, *key)
    return seen[key]


def _beyond(doc: object, kind: str, op: str, formula1: str, formula2: str) -> tuple[str, object]:
    """``kind``: ANY WHOLE DECIMAL DATE TIME TEXT_LEN LIST CUSTOM; ``op``: BETWEEN, GREATER_EQUAL, …"""
    lo, hi = _value_of(doc, formula1), _value_of(doc, formula2)
    if kind in ("WHOLE", "DECIMAL", "DATE", "TIME"):
        if op in ("BETWEEN", "LESS_EQUAL", "LESS") and (hi if op == "BETWEEN" else lo) is not None:
            top = hi if op == "BETWEEN" else lo
            return "value", top + 1
        if op in ("GREATER_EQUAL", "GREATER") and lo is not None:
            return "value", lo - 1
        if op == "NOT_BETWEEN" and lo is not None and hi is not None:
            return "value", (lo + hi) / 2
        if op == "EQUAL" and lo is not None:
            return "value", lo + 1
        return "value", -1.0
    if kind == "TEXT_LEN":
        n = int(hi if op == "BETWEEN" and hi is not None else (lo or 255))
        return "text", "x" * (n + 1)
    if kind == "LIST":
        return "value", 99.0
    return "value", -1.0


def _snapshot(cell: object) -> tuple[str, object]:
    kind = cell.getType().value
    if kind == _VALUE:
        return kind, cell.getValue()
    if kind == _TEXT:
        return kind, cell.getString()
    if kind == _FORMULA:
        return kind, cell.getFormula()
    return kind, None


def _put(cell: object, kind: str, value: object) -> None:
    if kind == _VALUE:
        cell.setValue(value)
    elif kind == _TEXT:
        cell.setString(value)
    elif kind == _FORMULA:
        cell.setFormula(value)
    else:
        cell.clearContents(_CONTENTS)


def _sweep_file(desktop: object, path: Path, cells: list[list[str]]) -> dict[str, object]:
    doc = desktop.loadComponentFromURL(path.resolve().as_uri(), "_blank", 0, (_prop("Hidden", True),))
    try:
        doc.calculateAll()
        everything = _everything(doc)
        baseline = _error_cells(everything)
        doc.Sheets.insertNewByName(_SCRATCH, doc.Sheets.Count)
        clock = {"validation": 0.0, "edit": 0.0, "query": 0.0}
        seen: dict[tuple[str, ...], tuple[str, object]] = {}
        failures = []
        edits = 0
        for sheet_name, ref in cells:
            cell = doc.Sheets.getByName(sheet_name).getCellRangeByName(ref)
            was = _snapshot(cell)
            t0 = time.perf_counter()
            out_kind, out_value = _out_of_range(doc, cell, seen)
            clock["validation"] += time.perf_counter() - t0
            variants = [("zero", _VALUE, 0.0), ("blank", _EMPTY, None), ("text", _TEXT, TEXT)]
            variants.append(("out", _TEXT if out_kind == "text" else _VALUE, out_value))
            for name, kind, value in variants:
                if (kind, value) == was or (kind == _EMPTY and was[0] == _EMPTY):
                    continue  # the cell already holds it: the baseline covers it
                t0 = time.perf_counter()
                _put(cell, kind, value)
                doc.calculate()
                t1 = time.perf_counter()
                edits += 1
                now = _error_cells(everything)
                clock["edit"] += t1 - t0
                clock["query"] += time.perf_counter() - t1
                new = [e for k, e in now.items() if k not in baseline]
                if new:
                    failures.append({"sheet": sheet_name, "cell": ref, "variant": name, "value": value, "errors": new})
            _put(cell, *was)
        doc.calculate()
        return {
            "path": str(path),
            "baseline": list(baseline.values()),
            "failures": failures,
            "edits": edits,
            "clock": clock,
        }
    finally:
        doc.close(False)


def main(job_path: str, out_path: str) -> None:
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    desktop, proc = _connect(Path(job["profile"]))
    results = []
    try:
        for f in job["files"]:
            t0 = time.perf_counter()
            results.append(_sweep_file(desktop, Path(f["path"]), f["cells"]))
            results[-1]["seconds"] = time.perf_counter() - t0
    finally:
        try:
            desktop.terminate()
        except Exception:  # the bridge goes down with the process
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    Path(out_path).write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
