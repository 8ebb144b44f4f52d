"""Formula lint: every generated formula stays inside what all engines agree on.

:data:`ALLOWED` lists the functions that Excel, LibreOffice 7.4 and the
``formulas`` engine evaluate alike (each checked in all three when it was
added). A formula outside it may work in one engine and show
``#NAME?`` or a different number in another; so may a newer function written
without its ``_xlfn.`` prefix (``formulas`` accepts both spellings, so only a
text check catches it), a table reference, a sheet-scoped name or a
whole-column reference. :func:`lint_formula` reports each of these.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

__all__ = ["ALLOWED", "NEEDS_PREFIX", "Finding", "functions_in", "lint_formula", "lint_workbook"]

# Functions Excel, LibreOffice 7.4 and `formulas` evaluate alike (the subset listed in kam_xl/workbooks/lint.py).
ALLOWED = frozenset(
    """SUM SUMPRODUCT SUMIF SUMIFS COUNTIF COUNTIFS AVERAGE AVERAGEIF AVERAGEIFS MIN MAX ROUND ROUNDUP ROUNDDOWN
    TRUNC INT MOD RANK _xlfn.RANK.EQ LARGE SMALL CHOOSE IF _xlfn.IFS IFERROR _xlfn.IFNA AND OR NOT _xlfn.SWITCH
    INDEX MATCH VLOOKUP HLOOKUP LOOKUP TEXT CONCATENATE _xlfn.CONCAT _xlfn.TEXTJOIN DATE EDATE EOMONTH DATEDIF
    WEEKDAY YEARFRAC NETWORKDAYS _xlfn.DAYS NPV PV PMT FV IRR ISNUMBER ISBLANK N ABS POWER MEDIAN _xlfn.MAXIFS
    _xlfn.MINIFS COUNT COUNTA ROWS ROW""".split()
)
# Functions newer than Excel 2007: the file must spell them with the prefix.
NEEDS_PREFIX = frozenset(
    "RANK.EQ IFS IFNA SWITCH CONCAT TEXTJOIN DAYS MAXIFS MINIFS XLOOKUP XMATCH LET FILTER SORT UNIQUE SEQUENCE".split()
)

_STRING = re.compile(r'"(?:[^"]|"")*"')
_QUOTED_SHEET = re.compile(r"'(?:[^']|'')*'!")
_FUNCTION = re.compile(r"((?:_xlfn\.)?[A-Za-z][A-Za-z0-9._]*)\(")
_WHOLE_COLUMN = re.compile(r"(?<![A-Za-z0-9_.$])\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![A-Za-z0-9_(])")
_WHOLE_ROW = re.compile(r"(?<![A-Za-z0-9_.$])\$?[0-9]+:\$?[0-9]+(?![0-9])")
_TABLE_REF = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\[")


@dataclass(frozen=True)
class Finding:
    where: str
    formula: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}: {self.formula}"


def _strip(formula: str) -> str:
    """The formula with string literals and quoted sheet names blanked out."""
    return _QUOTED_SHEET.sub("S!", _STRING.sub('""', formula))


def functions_in(formula: str) -> list[str]:
    """Function names as written in the file (``_xlfn.`` kept), in order."""
    return _FUNCTION.findall(_strip(formula))


def lint_formula(formula: str, where: str = "") -> list[Finding]:
    body = _strip(formula)
    found: list[Finding] = []
    for fn in _FUNCTION.findall(body):
        bare = fn.removeprefix("_xlfn.").upper()
        if bare in NEEDS_PREFIX and not fn.startswith("_xlfn."):
            found.append(Finding(where, formula, f"{fn} needs the _xlfn. prefix"))
        elif fn not in ALLOWED and fn.upper() not in ALLOWED:
            found.append(Finding(where, formula, f"{fn} is outside the supported function subset"))
    if _WHOLE_COLUMN.search(body) or _WHOLE_ROW.search(body):
        found.append(Finding(where, formula, "whole-column or whole-row reference"))
    if _TABLE_REF.search(body):
        found.append(Finding(where, formula, "table (structured) reference"))
    if re.search(r"\bTODAY\(|\bNOW\(", body, re.I):
        found.append(Finding(where, formula, "TODAY()/NOW(): use an as-of date cell"))
    return found


def lint_workbook(path: str | os.PathLike[str]) -> list[Finding]:
    """Lint every formula, validation formula, conditional format and defined name of a workbook."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    found: list[Finding] = []
    for ws in wb.worksheets:
        if ws.defined_names:
            found += [Finding(f"{ws.title}!{n}", "", "sheet-scoped defined name") for n in ws.defined_names]
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    found += lint_formula(str(c.value), f"{ws.title}!{c.coordinate}")
        for dv in ws.data_validations.dataValidation:
            for f in (dv.formula1, dv.formula2):
                if f and not f.startswith('"'):
                    found += lint_formula(f, f"{ws.title} validation {dv.sqref}")
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                for f in rule.formula or ():
                    found += lint_formula(f, f"{ws.title} conditional format {cf.sqref}")
    for name, dn in wb.defined_names.items():
        if dn.attr_text and "[" in dn.attr_text:
            found.append(Finding(f"name {name}", dn.attr_text, "defined name refers to another workbook"))
    return found
