"""A sheet being laid out: cells placed anywhere, in any order, written out row by row on save.

Every workbook kind lays its sheets out the same way, through a
:class:`~kam_xl.workbooks.book.Book`: the book's methods (``title``, ``label``,
``input``, ``indicator`` …) put cells on a :class:`Sheet`, and the sheet's own
methods set what is not a cell — column widths, row heights, merged ranges,
frozen panes, print titles, hidden columns. Nothing is written until the book
is saved: then each sheet streams out in row order, every cell in one of a few
house styles resolved once, every formula with its cached value beside it. A
sheet of tens of thousands of rows (a portfolio) is *streamed* instead: its
rows are appended in order as they are made (:meth:`Book.append`), the same
styles, the same writer.

This module holds the layout only (plain Python); what touches openpyxl's
internals stays in :mod:`kam_xl.workbooks.book`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from openpyxl.utils import column_index_from_string, get_column_letter

__all__ = ["Cell", "Sheet", "column_number", "coordinate", "quoted"]

_COLUMNS: dict[str, int] = {}  # "AB" → 28, filled as letters are met


def coordinate(ref: str) -> tuple[int, int]:
    """``"B7"`` → ``(7, 2)`` (row, column), ``$`` anchors ignored. Called once per cell laid out:
    split by hand (a regex match costs several times as much)."""
    if "$" in ref:
        ref = ref.replace("$", "")
    cut = len(ref.rstrip("0123456789"))
    letters, digits = ref[:cut], ref[cut:]
    column = _COLUMNS.get(letters)
    if column is None:
        if not letters.isalpha() or not letters.isupper() or len(letters) > 3:
            raise ValueError(f"not a cell reference: {ref!r}")
        column = _COLUMNS.setdefault(letters, column_index_from_string(letters))
    if not digits.isdigit():
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(digits), column


def quoted(title: str) -> str:
    """A sheet title as a formula names it: ``'概览'`` (an apostrophe in the title doubled)."""
    return "'" + title.replace("'", "''") + "'"


def column_number(column: str | int) -> int:
    return column if isinstance(column, int) else column_index_from_string(column)


class Cell(NamedTuple):
    """One cell: its house style (``kind``, number ``fmt``) and value — a formula is ``(text, cached)``."""

    kind: str
    fmt: str
    value: object


@dataclass
class Sheet:
    """The layout of one sheet (see the module doc). ``streamed`` sheets take rows only through
    :meth:`Book.append`, in order; the others take cells anywhere until the book is saved."""

    title: str
    streamed: bool = False
    rows: dict[int, dict[int, Cell]] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)
    merged: list[str] = field(default_factory=list)
    frozen: str | None = None
    title_rows: str | None = None
    title_columns: str | None = None
    portrait: bool | None = None  # None: decided by the sheet's width (Book's print rule)
    print_range: str | None = None  # the part of the sheet printed (``"V1:BB90"``); None: all of it
    drawn_width: float = 0.0  # how far right a chart reaches, in column-width characters
    pages_wide: int = 1  # pages the printed width is fitted to
    print_note: str | None = None  # the header's right-hand note; None: the book's (内部资料)
    filtered: str | None = None  # a list's heading row and rows (``"A4:BB1004"``) with filter buttons

    def put(self, ref: str, cell: Cell) -> None:
        row, column = coordinate(ref)
        self.put_at(row, column, cell)

    def put_at(self, row: int, column: int, cell: Cell) -> None:
        """:meth:`put` by row and column number (a long column laid out without a reference to parse)."""
        if self.streamed:
            raise ValueError(f"{self.title} is streamed: append its rows in order")
        self.rows.setdefault(row, {})[column] = cell

    def get(self, ref: str) -> Cell | None:
        row, column = coordinate(ref)
        return self.rows.get(row, {}).get(column)

    # ------------------------------------------------------------ what is not a cell

    def width(self, column: str | int, width: float) -> None:
        self.widths[column_number(column)] = width

    def widen(self, column: str | int, width: float) -> None:
        """At least ``width`` wide (a column shared by two blocks takes the wider)."""
        c = column_number(column)
        self.widths[c] = max(self.widths.get(c, 0.0), width)

    def height(self, row: int, height: float) -> None:
        self.heights[row] = height

    def hide(self, column: str | int) -> None:
        self.hidden.add(column_number(column))

    def merge(self, ref: str) -> None:
        self.merged.append(ref)

    def freeze(self, ref: str) -> None:
        self.frozen = ref

    def filter(self, ref: str) -> None:
        """Filter buttons on a list: ``ref`` is its heading row down to its last row. Filtering and
        sorting stay allowed under the sheet's protection (:meth:`Book.sheet`)."""
        self.filtered = ref

    def print_titles(self, rows: str | None = None, columns: str | None = None) -> None:
        """Rows (``"4:4"``) and columns (``"A:A"``) repeated on every printed page."""
        self.title_rows, self.title_columns = rows, columns

    def upright(self, portrait: bool = True) -> None:
        """Print in portrait (or, ``portrait=False``, landscape) whatever the sheet's width; unset, the
        book decides by width (:meth:`Book.print_pages`)."""
        self.portrait = portrait

    def print_only(self, ref: str, *, pages_wide: int = 1) -> None:
        """Print this range only (a print area: Excel and LibreOffice print nothing else of the sheet),
        fitted to ``pages_wide`` pages across."""
        self.print_range, self.pages_wide = ref, pages_wide

    def print_across(self, pages: int) -> None:
        """Fit the printed width to ``pages`` pages across: a wide list at a readable size."""
        self.pages_wide = pages

    def print_width(self) -> float:
        """The width printed, in Excel's character units: the columns used (unset 8.43, hidden 0) or the
        charts, whichever reaches further right."""
        last = max([*self.widths, *(max(cells, default=0) for cells in self.rows.values())], default=0)
        return max(self.drawn_width, self.width_before(last + 1))

    def width_before(self, column: int) -> float:
        """The width of columns A up to ``column`` (excluded), in characters (unset 8.43, hidden 0)."""
        return sum(0.0 if c in self.hidden else self.widths.get(c, 8.43) for c in range(1, column))

    # ------------------------------------------------------------ writing out

    def row_cells(self) -> Iterator[tuple[int, list[Cell | None]]]:
        """Every row from 1 to the last, each as its cells from column A (None = no cell)."""
        last = max(self.rows, default=0)
        for r in range(1, last + 1):
            cells = self.rows.get(r)
            if not cells:
                yield r, []
                continue
            row: list[Cell | None] = [None] * max(cells)
            for c, cell in cells.items():
                row[c - 1] = cell
            yield r, row

    def formulas(self) -> Iterator[tuple[str, str, object]]:
        """Every formula cell laid out so far, in row order: ``(ref, formula text, cached value)``."""
        for r in sorted(self.rows):
            for c, cell in sorted(self.rows[r].items()):
                if isinstance(cell.value, tuple):
                    formula, cached = cell.value
                    yield f"{get_column_letter(c)}{r}", formula, cached

    def letters(self) -> dict[int, str]:
        return {c: get_column_letter(c) for c in set(self.widths) | self.hidden}
