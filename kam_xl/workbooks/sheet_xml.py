"""The cells of a sheet as XML text: the stamps streamed rows are written with and the row writer.

A streamed sheet's rows (:meth:`kam_xl.workbooks.book.Book.append`) and a laid-out sheet's rows are
written as text into the sheet's part (:meth:`kam_xl.workbooks.book.Book.write_to`), which is what makes
a ledger of tens of thousands of rows quick; this module holds that writer and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import TypeAlias

from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from kam_xl.cells import date_to_serial
from kam_xl.errors import Position
from kam_xl.output import EXCEL_TEXT_LIMIT, check_cell_text
from kam_xl.workbooks.cached import cached_cell
from kam_xl.workbooks.canvas import Sheet

__all__ = ["Stamp", "StreamCell", "Value", "rows_xml", "stream_row_xml", "xml_text"]


class Stamp(Cell):
    """A reusable styled cell for streamed sheets (see :meth:`Book.stamp`).

    openpyxl looks a styled cell's style up in the workbook's style table on
    every write; a stamp carries its style id instead (:meth:`settle`), which the
    row writer puts on each cell it writes (a value of a type the row writer does
    not handle itself is given to the stamp for openpyxl to type, then written). ``text``: a string value stays text even when
    it starts with ``=`` (data from users, docs/definitions.md §5). ``formula``:
    the value is a ``(formula, cached value)`` pair.
    """

    __slots__ = ("formula", "style_id", "text", "xml_style")
    formula: bool
    style_id: int  # this slot shadows openpyxl's property, which looks the style up on every call
    text: bool
    xml_style: str  # the cell's ``s`` attribute as the row writer writes it ("" when unstyled)

    def settle(self) -> None:
        """Fix the stamp's style: its id in the workbook's style table, looked up once (0 = unstyled)."""
        self.style_id = super().style_id
        self.xml_style = f' s="{self.style_id}"' if self.style_id else ""


# A streamed cell's value: a plain value (text, a number, a date; None = blank) or, for a formula
# stamp, ``(formula, cached value)``.
Value: TypeAlias = str | float | date | None
StreamCell: TypeAlias = tuple[Stamp, Value | tuple[str, object]]


# A streamed sheet's rows are written as XML text to a temporary file as they are appended, and put
# into the sheet's part when the book is written, as a laid-out sheet's are (:meth:`Book._splice`).
# Cells are written as openpyxl's streamed writer (lxml) writes them, value for value: numbers as
# ``%.16g``, strings of a text stamp inline, a value of any other type typed by openpyxl itself.
_XML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))  # "&" first
_INF = (float("inf"), float("-inf"))


def xml_text(text: str) -> str:
    """Text as lxml escapes it inside an element: ``&``, ``<``, ``>`` and a carriage return."""
    for char, escaped in _XML_ESCAPES:
        if char in text:  # most texts hold none: a test is cheaper than a replace
            text = text.replace(char, escaped)
    return text


def number_xml(value: float) -> str:
    """A number's ``<v>`` text as openpyxl writes it (blank for NaN and infinities)."""
    return "" if value != value or value in _INF else f"{value:.16g}"


def bound_cell(ref: str, stamp: Stamp, style: str, value: str | date) -> str:
    """A value of a type the row writer does not handle itself (a date, a bool, an int, text on a
    formula stamp …): typed by openpyxl, as its streamed writer types it — a date given a date
    format, text starting with ``=`` on a non-text stamp a formula."""
    stamp.value = value
    kind, given = stamp.data_type, stamp.value
    bound: object = given
    if kind == "d":
        if getattr(given, "tzinfo", None) is not None:
            raise TypeError("Excel does not support timezones in datetimes")
        kind, bound = "n", to_excel(given)  # the 1900 epoch: a Book never sets another
    t = ' t="inlineStr"' if kind == "s" else "" if kind == "f" else f' t="{kind}"'
    if bound is None or bound == "":
        return f'<c r="{ref}"{style}{t}></c>'
    if kind == "f":
        return f'<c r="{ref}"{style}{t}><f>{xml_text(str(bound)[1:])}</f><v></v></c>'
    if kind == "s":
        text = str(bound)
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c r="{ref}"{style}{t}><is><t{space}>{xml_text(text)}</t></is></c>'
    return f'<c r="{ref}"{style}{t}><v>{xml_text(safe_string(bound))}</v></c>'


def stream_row_xml(row: Sequence[StreamCell | None], row_idx: int, attrs: str, title: str) -> str:
    """One streamed row of ``(stamp, value)`` pairs (None = no cell) as a ``<row>`` element; a
    formula stamp's value is ``(formula, cached value)``, written with the cached value in ``<v>``
    (see :func:`cached_cell`). Text (a value or a cached value) an Excel cell cannot hold is refused,
    naming sheet and cell (``title``)."""
    rs = str(row_idx)
    parts = [f'<row r="{rs}"{attrs}>']
    limit = EXCEL_TEXT_LIMIT
    for col, item in enumerate(row):
        if item is None:
            continue
        stamp, value = item
        style = stamp.xml_style
        ref = (_LETTERS[col] if col < len(_LETTERS) else get_column_letter(col + 1)) + rs
        kind = value.__class__  # the common types by class first: this loop runs for every cell of a table
        if kind is float:
            shown = f"{value:.16g}" if value == value and value not in _INF else ""
            parts.append(f'<c r="{ref}"{style} t="n"><v>{shown}</v></c>')
        elif isinstance(value, tuple):
            formula, cached = value
            if cached.__class__ is float and cached == cached and cached not in _INF:  # cached_cell's number, inline
                t, shown = "", repr(cached) if not cached.is_integer() else str(int(cached))
            else:
                if isinstance(cached, str) and (len(cached) > limit or not cached.isprintable()):
                    check_cell_text(cached, Position(sheet=title, row=row_idx, column=col + 1))
                if isinstance(cached, str) and cached.__class__ is str and cached[:1] != "#":  # text, not an error
                    t, shown = "str", cached
                else:
                    t, shown = cached_cell(cached)
            t = f' t="{t}"' if t else ""
            parts.append(f'<c r="{ref}"{style}{t}><f>{xml_text(formula[1:])}</f><v>{xml_text(shown)}</v></c>')
        elif value is None:
            if style:
                parts.append(f'<c r="{ref}"{style} t="n"></c>')
        else:
            if isinstance(value, str) and (len(value) > limit or not value.isprintable()):
                check_cell_text(value, Position(sheet=title, row=row_idx, column=col + 1))
            if kind is str and stamp.text:
                text = str(value)
                if not text:  # as openpyxl writes an empty text: typed, no content
                    parts.append(f'<c r="{ref}"{style} t="inlineStr"></c>')
                    continue
                space = ' xml:space="preserve"' if text != text.strip() else ""
                parts.append(f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{xml_text(text)}</t></is></c>')
            elif isinstance(value, float):  # a float subclass (numpy's)
                parts.append(f'<c r="{ref}"{style} t="n"><v>{number_xml(value)}</v></c>')
            else:
                parts.append(bound_cell(ref, stamp, style, value))
    parts.append("</row>")
    return "".join(parts)


_LETTERS = [get_column_letter(c) for c in range(1, 702)]  # A … ZZ: the columns a laid-out sheet uses


def value_xml(value: object) -> tuple[str, str]:
    """A plain value's ``t`` attribute and its content (``<v>…</v>`` or an inline string)."""
    if isinstance(value, bool):
        return ' t="b"', f"<v>{int(value)}</v>"
    if isinstance(value, int | float):
        return "", f"<v>{value!r}</v>" if isinstance(value, float) else f"<v>{value}</v>"
    if isinstance(value, datetime | date):
        return "", f"<v>{date_to_serial(value)!r}</v>"
    text = str(value)
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return ' t="inlineStr"', f"<is><t{space}>{xml_text(text)}</t></is>"


def rows_xml(sheet: Sheet, styles: dict[tuple[str, str], str]) -> Iterator[str]:
    """The ``<row>`` elements of a laid-out sheet (its text was checked as each cell was put)."""
    for r in sorted(sheet.rows):
        parts = [f'<row r="{r}" ht="{sheet.heights[r]}" customHeight="1">' if r in sheet.heights else f'<row r="{r}">']
        cells = sheet.rows[r]
        for c in sorted(cells):
            kind, fmt, value = cells[c]
            style = styles[(kind, fmt)]
            ref = f"{_LETTERS[c - 1]}{r}"
            if isinstance(value, tuple):  # a formula: (text, cached value), as canvas.Sheet.formulas reads it
                formula, cached = value
                t, shown = cached_cell(cached)
                t = f' t="{t}"' if t else ""
                parts.append(f'<c r="{ref}"{style}{t}><f>{xml_text(formula[1:])}</f><v>{xml_text(shown)}</v></c>')
            elif value is None or value != value or value == "":  # blank (NaN and "" are blank inputs too)
                if style:
                    parts.append(f'<c r="{ref}"{style}/>')
            else:
                t, content = value_xml(value)
                parts.append(f'<c r="{ref}"{style}{t}>{content}</c>')
        parts.append("</row>")
        yield "".join(parts)
    for r in sorted(set(sheet.heights) - set(sheet.rows)):  # a row given a height but no cell
        yield f'<row r="{r}" ht="{sheet.heights[r]}" customHeight="1"/>'
