"""Reading numbers the way people type them into spreadsheets.

``"85"``, ``"85%"``, ``"1,200"``, ``"¥1,200"``, full-width ``"８５"`` and
accounting negatives ``"(1,200)"`` are numbers; any other text is an error that
names the field. Blanks (None, empty text, NaN) are *missing*, returned as
``None`` so each caller decides whether missing is allowed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

import numpy as np

from kam_xl.errors import ExcelErrorValue, MissingValueError, NotANumberError

__all__ = [
    "EXCEL_ERRORS",
    "is_excel_error",
    "parse_number",
    "require",
    "to_float_array",
]

EXCEL_ERRORS = frozenset(
    {
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
        "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#BUSY!",
        "#CONNECT!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!",
    }
)  # fmt: skip

# After NFKC folding: optional sign, currency, digits with optional thousands
# separators, optional decimals, optional exponent, optional percent.
_CURRENCY = r"(?:¥|\$|€|£|RMB|CNY|USD|EUR)?"
_NUMBER = re.compile(
    rf"^(?P<sign>[+-])?\s*{_CURRENCY}\s*(?P<sign2>[+-])?"
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)"
    r"(?:[eE](?P<exp>[+-]?\d+))?\s*(?P<pct>%)?\s*(?:元)?$",
    re.IGNORECASE,
)


def is_excel_error(value: object) -> bool:
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


def parse_number(value: object, field: str, where: str = "") -> float | None:
    """One cell's value as a float, or None when blank.

    Raises :class:`NotANumberError` for text that is not a number and
    :class:`ExcelErrorValue` for an Excel error value such as ``"#N/A"``.
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:  # np.array(3.0) is one cell, like np.float64(3)
        value = value[()]
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, (date, datetime)):
        raise NotANumberError(field, value, where)
    if isinstance(value, (int, float, np.integer, np.floating)):
        f = float(value)
        if math.isnan(f):
            return None
        if math.isinf(f):
            raise NotANumberError(field, value, where)
        return f
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            return None
        if text.upper() in EXCEL_ERRORS:
            raise ExcelErrorValue(field, text.upper(), where)
        negative_paren = text.startswith("(") and text.endswith(")")
        if negative_paren:
            text = text[1:-1].strip()
        m = _NUMBER.match(text)
        if m is None or (m["sign"] and m["sign2"]) or (negative_paren and (m["sign"] or m["sign2"])):
            raise NotANumberError(field, value, where)
        # One decimal-to-binary conversion, as Excel reads typed text: "1.1%" is
        # 0.011 and "0.7%" is 0.007 (dividing by 100 afterwards is one ulp off).
        exponent = int(m["exp"] or 0) - (2 if m["pct"] else 0)
        number = float(f"{m['num'].replace(',', '')}e{exponent}")
        if math.isinf(number):  # "1e400": too large for a worksheet number
            raise NotANumberError(field, value, where)
        if m["sign"] == "-" or m["sign2"] == "-" or negative_paren:
            number = -number
        return number
    raise NotANumberError(field, value, where)


def _position(index: int, shape: tuple[int, ...]) -> str:
    if len(shape) == 2 and shape[0] > 1 and shape[1] > 1:
        r, c = divmod(index, shape[1])
        return f"row {r + 1}, column {c + 1}"
    return f"item {index + 1}"


def _parse_cell(value: object, field: str, allow_inf: bool) -> float | None:
    # parse_number refuses infinity; a caller that allows it (a CLV horizon) takes it.
    if allow_inf and isinstance(value, (float, np.floating)) and math.isinf(value):
        return float(value)
    return parse_number(value, field)


def to_float_array(values: object, field: str, *, allow_missing: bool = True, allow_inf: bool = False) -> np.ndarray:
    """Any scalar, list, 2-D list or array as a float array (NaN for blanks).

    Keeps the input's shape (a scalar becomes a 0-d array). Numeric arrays pass
    through without a Python loop; mixed Excel-style lists are parsed cell by
    cell, and an error names the field and the position in the range.
    """
    if isinstance(values, np.ndarray) and values.ndim == 0 and values.dtype.kind not in "fiu":
        values = values[()]  # a 0-d text/object array is one cell (list() of it would fail)
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
        arr = values.astype(float, copy=False)
    elif hasattr(values, "to_numpy") and getattr(values, "dtype", None) is not None and values.dtype.kind in "fiu":  # type: ignore[union-attr]
        arr = values.to_numpy(dtype=float)  # type: ignore[union-attr]
    else:
        obj = np.asarray(
            values if not isinstance(values, Iterable) or isinstance(values, str) else list(values), dtype=object
        )
        if obj.ndim == 0:
            v = _parse_cell(obj.item(), field, allow_inf)
            arr = np.asarray(np.nan if v is None else v, dtype=float)
        else:
            flat = obj.ravel()
            out = np.empty(flat.shape, dtype=float)
            for i, cell in enumerate(flat):
                try:
                    v = _parse_cell(cell, field, allow_inf)
                except (NotANumberError, ExcelErrorValue) as exc:
                    raise exc.at(_position(i, obj.shape)) from None
                out[i] = np.nan if v is None else v
            arr = out.reshape(obj.shape)
    if not allow_missing and np.isnan(arr).any():
        i = int(np.flatnonzero(np.isnan(arr.ravel()))[0])
        raise MissingValueError(field, _position(i, arr.shape) if arr.ndim else "")
    if not allow_inf and np.isinf(arr).any():
        i = int(np.flatnonzero(np.isinf(arr.ravel()))[0])
        raise NotANumberError(field, float(arr.ravel()[i]), _position(i, arr.shape) if arr.ndim else "")
    return arr


def require(value: object, field: str) -> float:
    """A scalar that must be present."""
    v = parse_number(value, field)
    if v is None:
        raise MissingValueError(field)
    return v
