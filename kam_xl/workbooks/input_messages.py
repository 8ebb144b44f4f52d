"""Input messages (a data validation's prompt): the limits Excel sets on them and how an input cell's
caption is found on a laid-out sheet, for :meth:`kam_xl.workbooks.book.Book`'s validations."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kam_xl.workbooks.canvas import Sheet

__all__ = ["KIND_TITLES", "PROMPT_TEXT", "PROMPT_TITLE", "caption", "cover", "inputs_and_headings", "outside", "runs"]

# An input message (a data validation's prompt): Excel refuses a file whose title is over 32 characters or
# whose text is over 255.
PROMPT_TITLE, PROMPT_TEXT = 32, 255


def cover(dv: DataValidation, ref: str) -> None:
    """Put ``ref`` (a cell, a range, or several separated by spaces) under the validation ``dv``."""
    for part in ref.split():
        dv.add(part)


# The titles an input message has when its caller gave no label (see Book._explain_inputs).
KIND_TITLES = {"请选择", "Choose", "数值", "Number", "整数", "Whole number", "文字", "Text", "日期", "Date"}


def inputs_and_headings(sheet: Sheet) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """A laid-out sheet's input rows and heading rows, by column, each ascending."""
    inputs: dict[int, list[int]] = {}
    headings: dict[int, list[int]] = {}
    for r in sorted(sheet.rows):
        for c, cell in sheet.rows[r].items():
            if cell.kind == "input":
                inputs.setdefault(c, []).append(r)
            elif cell.kind == "header":
                headings.setdefault(c, []).append(r)
    return inputs, headings


def outside(rows: list[int], spans: list[tuple[int, int]]) -> Iterator[int]:
    """The ``rows`` (ascending) in none of the row ``spans`` (first, last)."""
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    k = 0
    for r in rows:
        while k < len(merged) and merged[k][1] < r:
            k += 1
        if k == len(merged) or r < merged[k][0]:
            yield r


def caption(sheet: Sheet, headings: dict[int, list[int]], row: int, column: int) -> str | None:
    """What an input cell is, as its sheet says: the bold caption left of it, else the nearest heading above
    it in its column (``headings``: :func:`inputs_and_headings`); None if neither."""
    beside = sheet.rows.get(row, {}).get(column - 1)
    if beside is not None and beside.kind in ("side", "label") and isinstance(beside.value, str):
        return " ".join(beside.value.split()) or None
    rows = headings.get(column, [])
    k = bisect_left(rows, row)
    if k == 0:
        return None
    above = sheet.rows[rows[k - 1]][column].value
    return (" ".join(above.split()) or None) if isinstance(above, str) else None


def runs(cells: Sequence[tuple[int, int]]) -> str:
    """Cells (row, column), sorted by column then row, as ranges of consecutive rows: ``"B5:B9 C5"``."""
    refs: list[str] = []
    i = 0
    while i < len(cells):
        r, c = cells[i]
        j = i
        while j + 1 < len(cells) and cells[j + 1] == (cells[j][0] + 1, c):
            j += 1
        top, bottom = f"{get_column_letter(c)}{r}", f"{get_column_letter(c)}{cells[j][0]}"
        refs.append(top if i == j else f"{top}:{bottom}")
        i = j + 1
    return " ".join(refs)
