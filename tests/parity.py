"""The parity harness: cases laid out down a scratch sheet of one workbook, each a formula cell
rendered by a registry entry, with what the core says (its cached value) and what the worksheet
function says. ``tests/test_xlformulas.py`` recomputes the workbook with ``formulas`` and with
LibreOffice and compares; the cases live in one module per domain (``tests/parity_<domain>.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kam_xl.models import default_model
from kam_xl.workbooks.book import Book

__all__ = ["MODEL", "SHEET", "Builder", "Case", "Sheet", "col", "col2d", "plain"]

MODEL = default_model()
SHEET = "P"


@dataclass
class Case:
    key: str  # registry key
    ref: str  # formula cell
    core: object  # what the core says (written as the cached value)
    udf: object  # what the worksheet function says


class Sheet:
    """Lays cases out down a scratch sheet, 30 columns per block row."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.ws = book.sheet((SHEET, SHEET))
        self.row = 1
        self.cases: list[Case] = []

    def put(self, column: int, row: int, value: object) -> str:
        ref = f"{col(column)}{row}"
        self.book.input(self.ws, ref, value)
        return ref

    def column(self, column: int, values: list[object]) -> str:
        top = self.row
        for i, v in enumerate(values):
            self.put(column, top + i, v)
        return f"${col(column)}${top}:${col(column)}${top + len(values) - 1}"

    def formula(self, key: str, column: int, row: int, text: str, core: object, udf: object = None) -> str:
        """A case: registry entry ``key``'s formula ``text``, what the core says and what the UDF says."""
        ref = f"{col(column)}{row}"
        value = plain(core)
        self.book.formula(self.ws, ref, text, value, source=key)
        self.cases.append(Case(key, ref, value, plain(udf) if udf is not None else value))
        return ref

    def helper(self, ref: str, text: str, value: object, key: str = "") -> None:
        """A cell a case needs (a per-row stance value), itself a registry rendering but not compared."""
        self.book.formula(self.ws, ref, text, plain(value), source=key)


def col(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def plain(v: object) -> object:
    if isinstance(v, np.ndarray):
        v = v.item() if v.size == 1 else v
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and np.isnan(v):
        return ""
    if isinstance(v, int | float) and not isinstance(v, bool):
        return float(v)
    return v


def col2d(values: list[object]) -> list[list[object]]:
    return [[v] for v in values]  # an n×1 range as Excel passes it


Builder = Callable[[Sheet, np.random.Generator], None]
