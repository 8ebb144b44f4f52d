"""The kam_xl error hierarchy.

Every error names the *field* it is about and, when the value came from a range,
a table, a sheet or a file, *where* — a structured :class:`Position` (row,
column, cell, header, source) that is turned into text only when a message is
shown (``Model!C7``, ``row 3, column 2``, ``保留率, row 5``). Code that moves an
error from a sub-range to the whole table adjusts the numbers, never the text.
Each error carries a Chinese and an English message so that a worksheet
function can show one readable line in either language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy only where a caller has arrays: the error classes import without it
    import numpy as np

__all__ = [
    "ExcelErrorValue",
    "FileError",
    "InputError",
    "KamError",
    "LedgerError",
    "LengthMismatchError",
    "MissingValueError",
    "ModelError",
    "NotADateError",
    "NotANumberError",
    "OutOfRangeError",
    "Position",
    "TotalMismatchError",
]


def _column_letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Position:
    """Where a value sat, 1-based: a range's ``row``/``column`` or ``item``; a table's column
    ``header``; a ``sheet`` (which makes row and column a cell, ``Model!B7``); a ``source`` (a
    ledger, a file) and a free ``note`` (``account B``). Rendered by :meth:`text`."""

    row: int | None = None
    column: int | None = None
    item: int | None = None
    header: str | None = None
    sheet: str | None = None
    source: str | None = None
    note: str | None = None

    @classmethod
    def of(cls, index: int, shape: tuple[int, ...]) -> Position | None:
        """The ``index``-th element (reading order) of an array of ``shape``.

        A 2-D range names its row and column; a single column (n×1) only the row
        and a single row (1×n) only the column. A 1-D array names the item; a
        scalar or a single item, nothing.
        """
        if len(shape) == 2:
            r, c = divmod(index, shape[1])
            if shape[1] == 1:
                return cls(row=r + 1)
            if shape[0] == 1:
                return cls(column=c + 1)
            return cls(row=r + 1, column=c + 1)
        return cls(item=index + 1) if shape and shape != (1,) else None

    @property
    def cell(self) -> str | None:
        """``Sheet!B7`` when the sheet, row and column are known."""
        if self.sheet is None or self.row is None or self.column is None:
            return None
        sheet = self.sheet if self.sheet.replace("_", "").isalnum() else "'" + self.sheet.replace("'", "''") + "'"
        return f"{sheet}!{_column_letters(self.column)}{self.row}"

    def within(self, outer: Position | None) -> Position:
        """This position inside ``outer``: fields this one leaves open are taken from it."""
        if outer is None:
            return self
        mine = {k: v for k, v in self.__dict__.items() if v is not None}
        if self.note and outer.note:  # two free notes: the outer place first, as a reader goes in
            mine["note"] = f"{outer.note}, {self.note}"
        return replace(outer, **mine)

    def text(self) -> str:
        if self.cell is not None:
            parts = [self.cell]
        else:
            place = ", ".join(
                f"{name} {n}" for name, n in (("row", self.row), ("column", self.column), ("item", self.item)) if n
            )
            if self.source and place:
                place = f"{self.source} {place}"
            elif self.source:
                place = self.source
            parts = [p for p in (self.header if self.header else None, place) if p]
            if self.sheet and not parts:
                parts = [self.sheet]
        if self.note:
            parts.append(self.note)
        return ", ".join(parts)

    def __str__(self) -> str:
        return self.text()


class KamError(ValueError):
    """Base class: a problem with what the user gave us, never a bug of ours.

    ``field`` names the offending input (``"scores"``, ``"retention"``,
    ``"tier.levels[1].min"``); ``position`` says where in a range, table, sheet
    or file it sits (None when nowhere in particular); ``where`` is its text.
    A plain string ``where`` is kept as a note, for places that are not cells.
    """

    def __init__(self, field: str, zh: str, en: str, where: Position | str | None = None) -> None:
        self.field = field
        self.zh = zh
        self.en = en
        self.position: Position | None = Position(note=where) if isinstance(where, str) and where else None
        if isinstance(where, Position):
            self.position = where
        super().__init__(self.message("en"))

    def __reduce__(self) -> tuple[object, ...]:
        # Exceptions pickle as cls(*args), which a subclass's own signature refuses: rebuild from the
        # state instead, so an error crosses a process pool (a batch worker) intact.
        return _rebuild, (type(self), dict(self.__dict__))

    @property
    def where(self) -> str:
        """The position as text (``""`` when there is none)."""
        return self.position.text() if self.position is not None else ""

    def message(self, lang: str = "zh") -> str:
        """One line in ``lang`` ('zh' or 'en'), naming field and place."""
        place = f" @ {self.where}" if self.where else ""
        text = self.zh if lang == "zh" else self.en
        return f"{self.field}{place}: {text}"

    def bilingual(self) -> str:
        """One line with both languages, for a worksheet cell."""
        place = f" @ {self.where}" if self.where else ""
        return f"{self.field}{place}: {self.zh} / {self.en}"

    def located(self, position: Position | None) -> KamError:
        """Return the same error with its position replaced (a caller that knows better)."""
        self.position = position
        self.args = (self.message("en"),)
        return self

    def at(self, outer: Position | str | None) -> KamError:
        """Return the same error placed inside ``outer`` (an inner place keeps its own fields)."""
        if isinstance(outer, str):
            outer = Position(note=outer) if outer else None
        inner = self.position
        return self.located(inner.within(outer) if inner is not None else outer)


def _rebuild(kind: type[KamError], state: dict[str, object]) -> KamError:
    exc = kind.__new__(kind)
    exc.__dict__.update(state)
    exc.args = (exc.message("en"),)
    return exc


class InputError(KamError):
    """An input value that cannot be used as given."""


class NotANumberError(InputError):
    def __init__(self, field: str, value: object, where: Position | str | None = None) -> None:
        shown = repr(value) if not isinstance(value, str) else f'"{value}"'
        super().__init__(
            field,
            f"{shown} 不是数字",
            f"{shown} is not a number",
            where,
        )
        self.value = value


class OutOfRangeError(InputError):
    """A value outside its range. ``bounds`` (lo, hi, lo_open, hi_open), when the range is fixed, lets a
    caller find every value the same rule refuses at once (:meth:`refused`) instead of one per error."""

    def __init__(
        self,
        field: str,
        value: object,
        rule_zh: str,
        rule_en: str,
        where: Position | str | None = None,
        *,
        bounds: tuple[float | None, float | None, bool, bool] | None = None,
    ) -> None:
        super().__init__(
            field,
            f"{value} 超出范围，应为 {rule_zh}",
            f"{value} is out of range, must be {rule_en}",
            where,
        )
        self.value = value
        self.rule_zh, self.rule_en = rule_zh, rule_en
        self.bounds = bounds

    @staticmethod
    def outside(
        values: np.ndarray, lo: float | None, hi: float | None, *, lo_open: bool = False, hi_open: bool = False
    ) -> np.ndarray:
        """Which values lie outside [lo, hi] (open ends where asked); a blank (NaN) is not outside.
        The one statement of the range rule: :func:`kam_xl.core._checks.in_range` raises on its first hit."""
        import numpy as np

        bad = np.zeros(values.shape, dtype=bool)
        if lo is not None:
            bad |= (values <= lo) if lo_open else (values < lo)
        if hi is not None:
            bad |= (values >= hi) if hi_open else (values > hi)
        return bad

    def refused(self, values: np.ndarray) -> np.ndarray | None:
        """The values this error's rule refuses as well (None when it has no fixed bounds)."""
        if self.bounds is None:
            return None
        import numpy as np

        lo, hi, lo_open, hi_open = self.bounds
        return self.outside(np.asarray(values, dtype=float), lo, hi, lo_open=lo_open, hi_open=hi_open)

    def for_value(self, value: object) -> OutOfRangeError:
        """The same refusal for another value of the same field (its position left to the caller)."""
        return OutOfRangeError(self.field, value, self.rule_zh, self.rule_en, bounds=self.bounds)


class MissingValueError(InputError):
    def __init__(self, field: str, where: Position | str | None = None) -> None:
        super().__init__(field, "缺少数值（空白）", "value is missing (blank)", where)


class LengthMismatchError(InputError):
    def __init__(self, field: str, got: int, expected: int, other: str) -> None:
        super().__init__(
            field,
            f"有 {got} 项，但 {other} 有 {expected} 项",
            f"has {got} items but {other} has {expected}",
        )
        self.got = got
        self.expected = expected


class TotalMismatchError(InputError):
    """A stated total (e.g. copied from a printed table) disagrees with the sum; ``positions``: every
    disagreeing position (1-based) when a column of totals was checked."""

    def __init__(
        self,
        field: str,
        stated: float,
        computed: float,
        where: Position | str | None = None,
        *,
        positions: tuple[int, ...] = (),
    ) -> None:
        super().__init__(
            field,
            f"给定合计 {stated:g} 与计算结果 {computed:g} 不符",
            f"stated total {stated:g} disagrees with computed {computed:g}",
            where,
        )
        self.stated = stated
        self.computed = computed
        self.positions = positions


class ModelError(KamError):
    """An invalid scoring model (weights, thresholds, shares, labels)."""


class FileError(KamError):
    """A file that cannot be read or written as it is (not a workbook, encrypted, damaged, unsafe, wrong encoding)."""


class LedgerError(KamError):
    """A ledger that cannot be read (missing column, unparseable date)."""


class NotADateError(InputError):
    """A cell that is not a date in the one date grammar (:mod:`kam_xl.cells`)."""

    def __init__(
        self, field: str, value: object, where: Position | str | None = None, *, zh: str = "", en: str = ""
    ) -> None:
        shown = f"“{value}”" if isinstance(value, str) else repr(value)
        shown_en = f"'{value}'" if isinstance(value, str) else repr(value)
        super().__init__(
            field,
            zh or f"{shown} 不是日期（可写作 2024-03-05、2024/3/5、2024年3月5日，或用日期单元格）",
            en or f"{shown_en} is not a date (write 2024-03-05, 2024/3/5, 2024年3月5日, or use a date cell)",
            where,
        )
        self.value = value


class ExcelErrorValue(KamError):
    """An Excel error value (#N/A, #DIV/0!, ...) met in the input.

    Worksheet functions return it unchanged so that Excel errors propagate.
    """

    def __init__(self, field: str, code: str, where: Position | str | None = None) -> None:
        super().__init__(field, f"输入为 Excel 错误 {code}", f"input is Excel error {code}", where)
        self.code = code
