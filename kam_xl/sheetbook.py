"""The open workbook a button works on: a small interface, over openpyxl (files on disk) or xlwings.

A macro reads a sheet's rows, the row the user selected, writes blocks of values
or formulas and adds or replaces a sheet — nothing else. :class:`Sheetbook` is
that interface; :class:`OpenpyxlSheetbook` implements it over a file (tests, and
any workbook on disk), :class:`XlwingsSheetbook` over an ``xlwings.Book`` (the
workbook open in Excel: classic xlwings or xlwings Lite). The jobs in
:mod:`kam_xl.jobs.open_book` take a :class:`Sheetbook` and never know which.

Cells are Excel's values: numbers, text, dates, booleans, None for a blank. A
formula to write is a :class:`Formula`; any other text is written as text, even
when it begins with ``=`` (data from users is never turned into a formula).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from openpyxl.utils import get_column_letter

from kam_xl.cells import is_blank
from kam_xl.errors import InputError, Position
from kam_xl.reading import BLANK_RUN, open_workbook

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["Block", "Formula", "OpenpyxlSheetbook", "Sheetbook", "XlwingsSheetbook", "cell_ref", "used_rows"]


@dataclass(frozen=True)
class Formula:
    """A formula to write into a cell (``"=SUM(B2:B9)"``), as opposed to text that begins with ``=``."""

    text: str


Block = Sequence[Sequence[object]]  # rows of cells, top to bottom


def cell_ref(row: int, column: int) -> str:
    """``B7`` from row 7, column 2 (both 1-based)."""
    return f"{get_column_letter(column)}{row}"


def used_rows(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """``rows`` from A1 with trailing blank rows and columns cut, reading stopped after
    :data:`kam_xl.reading.BLANK_RUN` blank rows in a row (a sheet's declared size is not trusted)."""
    out: list[list[object]] = []
    blank_run = 0
    for row in rows:
        values = list(row)
        if all(is_blank(v) for v in values):
            blank_run += 1
            if blank_run >= BLANK_RUN:
                break
        else:
            blank_run = 0
        out.append(values)
    while out and all(is_blank(v) for v in out[-1]):
        out.pop()
    width = max((max((k + 1 for k, v in enumerate(r) if not is_blank(v)), default=0) for r in out), default=0)
    return [(r + [None] * width)[:width] for r in out]


class Sheetbook(Protocol):
    """What a button needs of the open workbook."""

    @property
    def name(self) -> str:
        """The workbook's file name (``客户组合.xlsx``)."""
        ...

    @property
    def folder(self) -> Path | None:
        """The folder the workbook is saved in; None when it has none (never saved, or xlwings Lite)."""
        ...

    def sheet_names(self) -> list[str]:
        """The sheets, in order."""
        ...

    def rows(self, sheet: str) -> list[list[object]]:
        """The sheet's used range from A1 as rows of values (formulas as their computed values)."""
        ...

    def selection(self) -> tuple[str, int]:
        """The sheet and the (1-based) row of the selected cell."""
        ...

    def write(self, sheet: str, row: int, column: int, block: Block) -> None:
        """Write ``block`` with its top-left cell at (``row``, ``column``); None clears a cell."""
        ...

    def replace_sheet(self, sheet: str) -> None:
        """Add an empty sheet ``sheet`` at the end, or empty the one of that name."""
        ...

    def message(self, text: str) -> None:
        """Tell the user ``text`` (a dialog in Excel)."""
        ...


def _missing_sheet(book: Sheetbook, sheet: str) -> InputError:
    return InputError(
        "sheet", f"工作簿中没有 “{sheet}” 工作表（现有：{', '.join(book.sheet_names())}）",
        f"the workbook has no sheet '{sheet}' (it has: {', '.join(book.sheet_names())})", Position(source=book.name),
    )  # fmt: skip


class OpenpyxlSheetbook:
    """A workbook file opened with openpyxl; :meth:`save` writes it back (to ``path`` or another file).

    Formula cells read as the value the file cached (what Excel last computed);
    one written here reads as None until the file is recalculated. Loading and
    saving with openpyxl drops charts, images and pivot tables (kam_xl's own
    Summary charts included): use it on copies and in tests, never on a user's only file.
    """

    def __init__(self, path: str | os.PathLike[str], *, selection: tuple[str, int] | None = None) -> None:
        self.path = Path(path)
        self._wb: Workbook = open_workbook(self.path, "workbook", read_only=False, formulas=True)
        cached = open_workbook(self.path, "workbook")
        try:
            self._cached = {
                ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in cached.worksheets
            }  # the values Excel cached for formula cells
        finally:
            cached.close()
        active = self._wb.active
        self._selection = selection or (active.title if active is not None else self._wb.sheetnames[0], 1)
        self.messages: list[str] = []

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def folder(self) -> Path | None:
        return self.path.parent

    def sheet_names(self) -> list[str]:
        return list(self._wb.sheetnames)

    def _sheet(self, sheet: str) -> Worksheet:
        if sheet not in self._wb.sheetnames:
            raise _missing_sheet(self, sheet)
        return self._wb[sheet]

    def rows(self, sheet: str) -> list[list[object]]:
        ws = self._sheet(sheet)
        cached = self._cached.get(sheet, [])
        out = []
        for r, row in enumerate(ws.iter_rows(values_only=False)):
            values: list[object] = []
            for k, cell in enumerate(row):
                if cell.data_type == "f":  # a formula: what the file cached, None if written here
                    values.append(cached[r][k] if r < len(cached) and k < len(cached[r]) else None)
                else:
                    values.append(cell.value)
            out.append(values)
        return used_rows(out)

    def select(self, sheet: str, row: int) -> None:
        """Stand in for the user's click (tests)."""
        self._selection = (sheet, row)

    def selection(self) -> tuple[str, int]:
        return self._selection

    def write(self, sheet: str, row: int, column: int, block: Block) -> None:
        ws = self._sheet(sheet)
        for i, values in enumerate(block):
            for k, v in enumerate(values):
                cell = ws.cell(row=row + i, column=column + k)
                cached = self._cached.get(sheet, [])  # a value written here replaces the one cached
                if row + i - 1 < len(cached) and column + k - 1 < len(cached[row + i - 1]):
                    cached[row + i - 1][column + k - 1] = None
                if isinstance(v, Formula):
                    cell.value = v.text
                elif isinstance(v, str):
                    cell.value = v
                    cell.data_type = "s"  # text that begins with "=" stays text
                else:
                    cell.value = _openpyxl_value(v)

    def replace_sheet(self, sheet: str) -> None:
        if sheet in self._wb.sheetnames:
            index = self._wb.sheetnames.index(sheet)
            self._wb.remove(self._wb[sheet])
            self._wb.create_sheet(sheet, index)
        else:
            self._wb.create_sheet(sheet)
        self._cached[sheet] = []

    def message(self, text: str) -> None:
        self.messages.append(text)

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the workbook to ``path`` (default: where it was read from)."""
        target = Path(path) if path is not None else self.path
        self._wb.save(target)
        return target


def _openpyxl_value(v: object) -> Any:
    """A cell's value for openpyxl: numbers, dates, booleans and None as they are, anything else as text."""
    return v if v is None or isinstance(v, bool | int | float | Decimal | date | datetime | time) else str(v)


class XlwingsSheetbook:
    """The workbook open in Excel, through an ``xlwings.Book`` (classic ``xw.Book.caller()``, or the
    ``book`` an xlwings Lite script is given). Thin: each method is one or two xlwings calls."""

    def __init__(self, book: Any) -> None:  # xlwings.Book: typed Any, xlwings ships no stubs for it
        self.book = book

    @property
    def name(self) -> str:
        return str(self.book.name)

    @property
    def folder(self) -> Path | None:
        full = str(getattr(self.book, "fullname", "") or "")
        parent = Path(full).parent if full else None
        return parent if parent is not None and parent.is_dir() else None  # Lite: no file system of its own

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def _sheet(self, sheet: str) -> Any:
        if sheet not in self.sheet_names():
            raise _missing_sheet(self, sheet)
        return self.book.sheets[sheet]

    def rows(self, sheet: str) -> list[list[object]]:
        ws = self._sheet(sheet)
        last = ws.used_range.last_cell
        values = ws.range((1, 1), (last.row, last.column)).options(ndim=2).value
        return used_rows(values or [])

    def selection(self) -> tuple[str, int]:
        rng = self.book.selection
        return str(rng.sheet.name), int(rng.row)

    def write(self, sheet: str, row: int, column: int, block: Block) -> None:
        ws = self._sheet(sheet)
        cells = [
            [v.text if isinstance(v, Formula) else ("'" + v if isinstance(v, str) and v[:1] in "=+-@" else v)
             for v in r]
            for r in block
        ]  # fmt: skip
        if cells and cells[0]:
            ws.range((row, column)).value = cells

    def replace_sheet(self, sheet: str) -> None:
        if sheet in self.sheet_names():
            self.book.sheets[sheet].clear()
        else:
            self.book.sheets.add(sheet, after=self.book.sheets[len(self.book.sheets) - 1])

    def message(self, text: str) -> None:
        self.book.app.alert(text, title="kam_xl")
