"""UNO script (run by /usr/bin/python3 through tests/uno_lo.py): open workbooks in a headless soffice,
insert rows (as Sheet > Insert Rows Above does), type into cells, recalculate, read back and save.

    python3 insert_rows.py PIPE JOB.json ANSWER.json

JOB: {"books": [{"path", "save" (xlsx path or null), "steps": [...], "read": [[sheet, ref], ...],
"before": read the ranges before the steps too, "ranges": read them after (default true)}]}
A step is {"op": "insert" or "insert_as_user", "sheet", "row", "count"} (rows inserted above ``row``),
{"op": "set", "sheet", "cells": {ref: value}} (text, number, or "=formula"), {"op": "copy", "sheet", "from",
"to"} (copy and paste), {"op": "unprotect" / "protect", "sheet"} (no password) or {"op": "recalc"}.
ANSWER per book: seconds to open and to recalculate (wall and soffice's CPU), each step's error (null =
done), the cells read (value, text, formula, error code, validation rule, locked), and the ranges the book
keeps: each sheet's formulas, conditional-format ranges and chart data ranges, filter ranges, protection,
defined names.
"""

from __future__ import annotations

import json
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.sheet.CellFlags import FORMULA
from com.sun.star.table.CellContentType import FORMULA as FORMULA_CELL


def office_process(parent):
    """The pid of soffice.bin started under ``parent`` (oosplash), or None."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                return int(entry)
    return None


def cpu_seconds(pid):
    """CPU time (user + system) soffice has used so far: what the machine's other load does not inflate."""
    if pid is None:
        return float("nan")
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):  # soffice takes a few seconds to start (longer with a fresh profile)
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.1)
    raise SystemExit("soffice did not answer on the pipe")


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def address(a, titles=None):
    """A CellRangeAddress as 'A1:B2' (with ``titles``, the sheet's: '汇总.A1:B2')."""
    where = f"{titles[a.Sheet]}." if titles is not None else ""
    return f"{where}{col_name(a.StartColumn)}{a.StartRow + 1}:{col_name(a.EndColumn)}{a.EndRow + 1}"


def insert(sheet, row, count):
    """Rows inserted above ``row`` (1-based), as Sheet > Insert Rows > Rows Above does: the same document
    function, through the API (the dispatcher on a hidden frame crashed soffice now and then). The API does
    not ask the sheet's protection: a user does (see :func:`insert_as_user`)."""
    sheet.getRows().insertByIndex(row - 1, count)


def insert_as_user(doc, dispatcher, sheet, row, count):
    """Rows inserted as a user does: ``count`` whole rows selected (a click on the row headers), Insert Rows
    Above. Under protection with inserting rows allowed, LibreOffice 7.4 inserts them for whole rows or a
    selection of unlocked cells, and silently does nothing when the selection holds a locked cell."""
    controller = doc.getCurrentController()
    controller.setActiveSheet(sheet)
    controller.select(sheet.getCellRangeByName(f"{row}:{row + count - 1}"))
    used = used_rows(sheet)
    dispatcher.executeDispatch(controller.getFrame(), ".uno:InsertRowsBefore", "", 0, ())
    if used_rows(sheet) != used + count:
        return f"rows not inserted (used rows {used} -> {used_rows(sheet)})"
    return None


def used_rows(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.getRangeAddress().EndRow + 1


def put(sheet, ref, value):
    cell = sheet.getCellRangeByName(ref)
    if isinstance(value, str) and value.startswith("="):
        cell.setFormula(value)
    elif isinstance(value, str):
        cell.setString(value)
    elif value is None:
        cell.setString("")
    else:
        cell.setValue(float(value))


def cell_of(sheet, ref):
    cell = sheet.getCellRangeByName(ref)
    formula = cell.getFormula() if cell.getType() == FORMULA_CELL else None
    rule = cell.getPropertyValue("Validation")
    kind = rule.getPropertyValue("Type").value
    validation = None if kind == "ANY" else [kind, rule.getFormula1(), rule.getFormula2()]
    locked = cell.getPropertyValue("CellProtection").IsLocked
    return {
        "value": cell.getValue(),
        "text": cell.getString(),
        "formula": formula,
        "error": cell.getError(),
        "validation": validation,
        "locked": locked,
    }


def ranges_of(sheet, titles):
    out = {"formulas": {}, "conditional": [], "charts": []}
    found = sheet.queryContentCells(FORMULA)
    for block in found.getRangeAddresses():
        rng = sheet.getCellRangeByPosition(block.StartColumn, block.StartRow, block.EndColumn, block.EndRow)
        for i, row in enumerate(rng.getFormulaArray()):
            for j, f in enumerate(row):
                if f.startswith("="):
                    out["formulas"][f"{col_name(block.StartColumn + j)}{block.StartRow + i + 1}"] = f
    formats = sheet.getPropertyValue("ConditionalFormats")
    for cf in formats.getConditionalFormats():
        out["conditional"].append([address(a) for a in cf.getPropertyValue("Range").getRangeAddresses()])
    charts = sheet.getCharts()
    for name in charts.getElementNames():
        chart = charts.getByName(name)
        out["charts"].append([address(a, titles) for a in chart.getRanges()])
    return out


def book_ranges(doc):
    sheets = doc.getSheets()
    out = {"sheets": {}, "names": {}, "filters": {}, "protected": {}}
    titles = [sheets.getByIndex(k).getName() for k in range(sheets.getCount())]
    for k in range(sheets.getCount()):
        sheet = sheets.getByIndex(k)
        title = sheet.getName()
        out["sheets"][title] = ranges_of(sheet, titles)
        out["protected"][title] = sheet.isProtected()
    names = doc.getPropertyValue("NamedRanges")
    for name in names.getElementNames():
        out["names"][name] = names.getByName(name).getContent()
    unnamed = doc.getPropertyValue("UnnamedDatabaseRanges")
    for k in range(sheets.getCount()):
        if unnamed.hasByTable(k):
            db = unnamed.getByTable(k)
            if db.getPropertyValue("AutoFilter"):
                out["filters"][sheets.getByIndex(k).getName()] = address(db.getDataArea())
    return out


def run_book(desktop, dispatcher, job, office):
    url = uno.systemPathToFileUrl(job["path"])
    t0, c0 = time.perf_counter(), cpu_seconds(office)
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    opened, c1 = time.perf_counter() - t0, cpu_seconds(office)
    if doc is None:
        raise SystemExit(f"soffice could not open {job['path']}")
    answer = {"open_s": opened, "open_cpu_s": c1 - c0, "steps": [], "cells": {}}
    try:
        sheets = doc.getSheets()
        t0 = time.perf_counter()
        doc.calculateAll()
        answer["first_recalc_s"] = time.perf_counter() - t0
        answer["first_recalc_cpu_s"] = cpu_seconds(office) - c1
        if job.get("before"):  # the ranges as the file holds them, before any step
            answer["before"] = book_ranges(doc)
        for step in job.get("steps", []):
            print(job["path"], step, file=sys.stderr, flush=True)  # where soffice was, should it crash
            error = None
            try:
                if step["op"] == "insert":
                    insert(sheets.getByName(step["sheet"]), step["row"], step["count"])
                elif step["op"] == "insert_as_user":
                    sheet = sheets.getByName(step["sheet"])
                    error = insert_as_user(doc, dispatcher, sheet, step["row"], step["count"])
                elif step["op"] == "set":
                    sheet = sheets.getByName(step["sheet"])
                    for ref, value in step["cells"].items():
                        put(sheet, ref, value)
                elif step["op"] == "copy":  # copy and paste a range (formulas follow, relative to the row)
                    sheet = sheets.getByName(step["sheet"])
                    source = sheet.getCellRangeByName(step["from"]).getRangeAddress()
                    sheet.copyRange(sheet.getCellRangeByName(step["to"]).getCellAddress(), source)
                elif step["op"] == "unprotect":
                    sheets.getByName(step["sheet"]).unprotect("")
                elif step["op"] == "protect":
                    sheets.getByName(step["sheet"]).protect("")
                elif step["op"] == "recalc":
                    t0 = time.perf_counter()
                    doc.calculateAll()
                    answer["recalc_s"] = time.perf_counter() - t0
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
            answer["steps"].append(error)
        for title, ref in job.get("read", []):
            answer["cells"][f"{title}!{ref}"] = cell_of(sheets.getByName(title), ref)
        if job.get("ranges", True):
            answer.update(book_ranges(doc))
        if job.get("save"):
            doc.storeToURL(uno.systemPathToFileUrl(job["save"]), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    finally:
        doc.close(True)
    return answer


def main():
    pipe, job_file, answer_file = sys.argv[1:4]
    job = json.loads(open(job_file, encoding="utf-8").read())
    ctx = connect(pipe)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    try:
        office = office_process(job["office_pid"]) if "office_pid" in job else None
        answers = [run_book(desktop, dispatcher, b, office) for b in job["books"]]
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
    with open(answer_file, "w", encoding="utf-8") as f:
        json.dump({"books": answers}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
