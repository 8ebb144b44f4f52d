"""The kam_xl error hierarchy.

Every error names the *field* it is about and, when the value came from a range
or a sheet, *where* (a 1-based position in a range, or a cell such as
``Model!C7``). Each carries a Chinese and an English message so that a
worksheet function can show one readable line in either language.
"""

from __future__ import annotations

__all__ = [
    "ExcelErrorValue",
    "InputError",
    "KamError",
    "LedgerError",
    "LengthMismatchError",
    "MissingValueError",
    "ModelError",
    "NotANumberError",
    "OutOfRangeError",
    "TotalMismatchError",
]


class KamError(ValueError):
    """Base class: a problem with what the user gave us, never a bug of ours.

    ``field`` names the offending input (``"scores"``, ``"retention"``,
    ``"tier.levels[1].min"``); ``where`` says where in a range or sheet it sits
    (``"item 3"``, ``"row 2, column 4"``, ``"Model!C7"``) or is empty.
    """

    def __init__(self, field: str, zh: str, en: str, where: str = "") -> None:
        self.field = field
        self.where = where
        self.zh = zh
        self.en = en
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        """One line in ``lang`` ('zh' or 'en'), naming field and place."""
        place = f" @ {self.where}" if self.where else ""
        text = self.zh if lang == "zh" else self.en
        return f"{self.field}{place}: {text}"

    def bilingual(self) -> str:
        """One line with both languages, for a worksheet cell."""
        place = f" @ {self.where}" if self.where else ""
        return f"{self.field}{place}: {self.zh} / {self.en}"

    def at(self, where: str) -> KamError:
        """Return the same error located at ``where`` (prefixing any inner place)."""
        self.where = f"{where}, {self.where}" if self.where else where
        self.args = (self.message("en"),)
        return self


class InputError(KamError):
    """An input value that cannot be used as given."""


class NotANumberError(InputError):
    def __init__(self, field: str, value: object, where: str = "") -> None:
        shown = repr(value) if not isinstance(value, str) else f'"{value}"'
        super().__init__(
            field,
            f"{shown} 不是数字",
            f"{shown} is not a number",
            where,
        )
        self.value = value


class OutOfRangeError(InputError):
    def __init__(self, field: str, value: object, rule_zh: str, rule_en: str, where: str = "") -> None:
        super().__init__(
            field,
            f"{value} 超出范围，应为 {rule_zh}",
            f"{value} is out of range, must be {rule_en}",
            where,
        )
        self.value = value


class MissingValueError(InputError):
    def __init__(self, field: str, where: str = "") -> None:
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
    """A stated total (e.g. copied from a printed table) disagrees with the sum."""

    def __init__(self, field: str, stated: float, computed: float, where: str = "") -> None:
        super().__init__(
            field,
            f"给定合计 {stated:g} 与计算结果 {computed:g} 不符",
            f"stated total {stated:g} disagrees with computed {computed:g}",
            where,
        )
        self.stated = stated
        self.computed = computed


class ModelError(KamError):
    """An invalid scoring model (weights, thresholds, shares, labels)."""


class LedgerError(KamError):
    """A ledger that cannot be read (missing column, unparseable date)."""


class ExcelErrorValue(KamError):
    """An Excel error value (#N/A, #DIV/0!, ...) met in the input.

    Worksheet functions return it unchanged so that Excel errors propagate.
    """

    def __init__(self, field: str, code: str, where: str = "") -> None:
        super().__init__(field, f"输入为 Excel 错误 {code}", f"input is Excel error {code}", where)
        self.code = code
