"""Cell text Excel can hold, and CSV cells a spreadsheet will not run as formulas."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from kam_xl.errors import KamError, Position
from kam_xl.output.names import printable

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CSV_FORMULA_START", "EXCEL_TEXT_LIMIT", "CellTextError", "check_cell_text", "csv_cell", "write_csv"]

EXCEL_TEXT_LIMIT = 32_767  # characters in one cell
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: text a spreadsheet reads as a formula

# openpyxl's rule plus what no XML 1.0 file can hold (lone surrogates, U+FFFE, U+FFFF)
_ILLEGAL = re.compile(ILLEGAL_CHARACTERS_RE.pattern + "|[\ud800-\udfff\ufffe\uffff]")


class CellTextError(KamError):
    """Text an Excel cell cannot hold: too long, or a character XML forbids."""


def check_cell_text(value: str, where: Position) -> str:
    """``value`` if an Excel cell can hold it, else a :class:`CellTextError` at ``where``."""
    if len(value) > EXCEL_TEXT_LIMIT:
        start = printable(value[:20])
        raise CellTextError(
            "text",
            f"文本 “{start}…” 有 {len(value):,} 个字符，超过 Excel 单元格上限 {EXCEL_TEXT_LIMIT:,}",
            f"text '{start}…' has {len(value):,} characters, over Excel's limit of {EXCEL_TEXT_LIMIT:,} per cell",
            where,
        )
    bad = _ILLEGAL.search(value)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        shown = printable(value[max(0, bad.start() - 12) : bad.start() + 12])
        raise CellTextError(
            "text",
            f"文本 “{shown}” 含有 Excel 单元格不允许的字符 {code}",
            f"text '{shown}' holds {code}, a character an Excel cell cannot hold",
            where,
        )
    return value


def csv_cell(value: object) -> object:
    """Text beginning with ``= + - @`` or a tab or CR gets a leading ``'``; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value


def write_csv(path: str | os.PathLike[str], frame: pd.DataFrame) -> None:
    """Write ``frame`` (with its index) as CSV for Excel: UTF-8 with BOM, CRLF, every text cell
    (headers and index too) through :func:`csv_cell`."""
    import pandas as pd

    safe = frame.copy()
    for i in range(safe.shape[1]):
        column = safe.iloc[:, i]
        if pd.api.types.is_object_dtype(column) or isinstance(column.dtype, pd.CategoricalDtype | pd.StringDtype):
            safe.isetitem(i, column.map(csv_cell).array)
    safe.columns = safe.columns.map(csv_cell)
    safe.index = safe.index.map(csv_cell)
    safe.index.names = [csv_cell(n) for n in frame.index.names]
    # CRLF (RFC 4180), so the csv writer also quotes a cell holding a lone CR
    safe.to_csv(path, encoding="utf-8-sig", lineterminator="\r\n")
