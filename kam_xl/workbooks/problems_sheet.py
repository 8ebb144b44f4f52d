"""The ``问题 / Problems`` sheet every command writes: one row per :class:`kam_xl.problems.Problem`.

The columns are always in the same order (file, sheet, cell or row, column, account, document,
kind, value as found, recomputed value, why), so a reader meets the same sheet after ``score``,
``receivables``, ``rollup`` and ``check``; a column no problem uses is left out. Values are written
as they were found — text stays text (an account named ``=HYPERLINK(...)`` too).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from datetime import date

import numpy as np
from openpyxl.utils import get_column_letter

from kam_xl.problems import Problem
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.labels import Text

__all__ = ["PROBLEM_SHEET", "problems_sheet"]

PROBLEM_SHEET: Text = ("问题", "Problems")

# (field, heading, width); file, kind and why are always shown
_COLUMNS: tuple[tuple[str, Text, float], ...] = (
    ("file", ("文件", "File"), 28),
    ("sheet", ("工作表", "Sheet"), 14),
    ("cell", ("单元格 / 行", "Cell / row"), 12),
    ("column", ("列", "Column"), 18),
    ("account", ("客户", "Account"), 20),
    ("document", ("单据号", "Document no."), 16),
    ("kind", ("类别", "Kind"), 22),
    ("value", ("原值", "Value as found"), 18),
    ("expected", ("重算值", "Recomputed"), 16),
    ("why", ("说明", "Why"), 80),
)  # fmt: skip
_ALWAYS = {"file", "kind", "why"}


def _place(p: Problem) -> str | int | None:
    """The cell (``C7``) in a workbook; the row number (a number, to sort by) in a CSV or for a whole row."""
    return p.cell or p.row


def _shown(v: object) -> object:
    """A cell value as found: numbers and dates as themselves, anything else as its text."""
    if v is None or isinstance(v, bool | np.bool_):
        return None if v is None else str(bool(v)).upper()
    if isinstance(v, date):
        return v
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, numbers.Real):
        return float(v)
    return str(v)


def problems_sheet(book: Book, problems: Sequence[Problem], *, title: Text, none: Text) -> None:
    """Add the Problems sheet to ``book``: ``title`` above the table, ``none`` when the list is empty."""
    fields: dict[str, object] = {}
    for p in problems:
        fields["file"] = True
        if p.sheet:
            fields["sheet"] = True
        if p.cell or p.row is not None:
            fields["cell"] = True
        for name in ("column", "account", "document"):
            if getattr(p, name):
                fields[name] = True
        for name in ("value", "expected"):
            if getattr(p, name) is not None and getattr(p, name) != "":
                fields[name] = True
    columns = [c for c in _COLUMNS if c[0] in fields or c[0] in _ALWAYS]
    ws = book.sheet(PROBLEM_SHEET, widths=[w for _, _, w in columns])
    book.title(ws, "A1", title)
    letters = [get_column_letter(k) for k in range(1, len(columns) + 1)]
    for letter, (_, head, _w) in zip(letters, columns, strict=True):
        book.label(ws, f"{letter}3", head)
    zh = book.lang == "zh"
    for r, p in enumerate(problems, start=4):
        row: dict[str, object] = {
            "file": p.file,
            "sheet": p.sheet,
            "cell": _place(p),
            "column": p.column,
            "account": p.account,
            "document": p.document,
            "kind": book.t(p.label),
            "value": _shown(p.value),
            "expected": _shown(p.expected),
            "why": p.zh if zh else p.en,
        }
        for letter, (name, _h, _w) in zip(letters, columns, strict=True):
            v = row[name]
            if v is None or v == "":
                continue
            fmt = "date" if isinstance(v, date) else "general" if name in ("cell", "value", "expected") else "text"
            book.value(ws, f"{letter}{r}", v, fmt)
    if not problems:
        book.hint(ws, "A4", none)
    ws.freeze("A4")
    ws.print_titles(rows="3:3")
    book.print_pages(ws)
