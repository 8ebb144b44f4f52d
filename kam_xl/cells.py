"""One reader of cell values: blanks, numbers, dates, Excel errors and identifiers.

Everything kam_xl reads — a worksheet function's arguments, a ledger, a team's
table, a Model sheet, the data a workbook is generated from — goes through
these rules, so a value means the same wherever it was typed:

- **blank**: None, NaN, NaT, ``pd.NA`` and text that is empty or white space.
  Zero is a number (xlwings Lite passes an empty cell as 0: there a blank *is* 0).
- **number**: int, float, ``Decimal`` (classic xlwings passes currency- and
  accounting-formatted cells as Decimal) and text as people type it: ``"85"``,
  ``"85%"``, ``"1,200"``, ``"¥1,200"``, full-width ``"８５"``, ``"(1,200)"``.
- **Excel error**: ``"#N/A"``-style text, and the COM error codes classic
  xlwings passes for the errors it does not map (``#SPILL!``, ``#CALC!`` … the
  0x800A07xx range, arriving as negative ints).
- **date**: a date or datetime, an Excel serial number of the 1900 date system
  (1 = 1900-01-01; 60 is Excel's 1900-02-29, a day that never was), an 8-digit
  ``20240305``, or text: ``2024-03-05``, ``2024/3/5``, ``2024.3.5``,
  ``2024年3月5日``, ``20240305``, ``5 Mar 2024``, ``March 5, 2024``, a serial as
  text, and ``d/m/yyyy`` or ``m/d/yyyy`` in the day/month order that
  :func:`decide_day_first` settles once for all the dates of a file or a call.
- **identifier** (an account code, an invoice number): text, NFKC-folded and
  stripped; a whole number without its ``.0`` (invoice ``0000611365`` typed as
  text keeps its zeros, ``7.0`` is ``"7"``).

Errors name the field and the cell's :class:`~kam_xl.errors.Position`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np
import pandas as pd

from kam_xl.errors import (
    ExcelErrorValue,
    InputError,
    MissingValueError,
    NotADateError,
    NotANumberError,
    OutOfRangeError,
    Position,
)

__all__ = [
    "COM_ERRORS",
    "EXCEL_EPOCH",
    "EXCEL_ERRORS",
    "LAST_SERIAL",
    "blank_mask",
    "date_to_serial",
    "decide_day_first",
    "excel_error",
    "identifier",
    "identifiers",
    "is_blank",
    "is_excel_error",
    "looks_like_percent",
    "parse_number",
    "require",
    "serial_to_date",
    "to_date",
    "to_dates",
    "to_float_array",
]

# ---------------------------------------------------------------- blanks


def is_blank(value: object) -> bool:
    """None, NaN, NaT, ``pd.NA`` and empty or white-space text. Zero is not blank."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    if isinstance(value, Decimal):
        return value.is_nan()
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    return isinstance(value, str) and not value.strip()


def _texts(s: pd.Series) -> bool:
    """Every present value is a str (a CSV column read as text): the fast paths apply."""
    return s.dtype.kind not in "biufcmM" and pd.api.types.infer_dtype(s, skipna=True) in ("string", "empty")


def blank_mask(values: pd.Series | np.ndarray | Sequence[object]) -> np.ndarray:
    """:func:`is_blank` for a whole column, without a Python call per cell where the column allows."""
    s = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values, dtype=object), dtype=object)
    blank = s.isna().to_numpy(dtype=bool, na_value=True).copy()
    if s.dtype.kind in "biufcmM" or blank.all():
        return blank
    present = s.to_numpy(dtype=object)[~blank]
    if _texts(s):
        blank[~blank] = np.fromiter((not v.strip() for v in present), dtype=bool, count=len(present))
    else:
        blank[~blank] = np.frompyfunc(is_blank, 1, 1)(present).astype(bool)
    return blank


# ---------------------------------------------------------------- Excel errors

EXCEL_ERRORS = frozenset(
    {
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
        "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#BUSY!",
        "#CONNECT!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!",
    }
)  # fmt: skip

# Excel's CVErr numbers; COM passes an error cell as the HRESULT 0x800A0000 + number, which
# pywin32 hands over as a negative 32-bit int. Numbers Excel does not name are still errors.
_CV_ERRORS = {
    2000: "#NULL!", 2007: "#DIV/0!", 2015: "#VALUE!", 2023: "#REF!", 2029: "#NAME?", 2036: "#NUM!",
    2042: "#N/A", 2043: "#GETTING_DATA", 2045: "#SPILL!", 2046: "#CONNECT!", 2047: "#BLOCKED!",
    2048: "#UNKNOWN!", 2049: "#FIELD!", 2050: "#CALC!", 2051: "#EXTERNAL!", 2052: "#BUSY!", 2053: "#PYTHON!",
}  # fmt: skip
_COM_BASE = 0x800A0000 - (1 << 32)  # as a signed 32-bit int
COM_ERRORS = {_COM_BASE + n: code for n, code in _CV_ERRORS.items()}
# The whole 0x800A07xx block (numbers Excel does not name are still errors: #VALUE!) and on to
# 0x800A080F, since #CALC! and the newer errors number past 2047 (#CALC! is 0x802).
_COM_RANGE = range(_COM_BASE + 0x700, _COM_BASE + 0x810)


def excel_error(value: object) -> str | None:
    """The Excel error code a cell holds (``"#N/A"`` …), or None."""
    if isinstance(value, str):
        code = unicodedata.normalize("NFKC", value).strip().upper()
        return code if code in EXCEL_ERRORS else None
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_) and int(value) in _COM_RANGE:
        return COM_ERRORS.get(int(value), "#VALUE!")
    return None


def is_excel_error(value: object) -> bool:
    return excel_error(value) is not None


# ---------------------------------------------------------------- numbers

# After NFKC folding: optional sign, currency, digits with optional thousands
# separators, optional decimals, optional exponent, optional percent.
_CURRENCY = r"(?:¥|\$|€|£|RMB|CNY|USD|EUR)?"
_NUMBER = re.compile(
    rf"^(?P<sign>[+-])?\s*{_CURRENCY}\s*(?P<sign2>[+-])?"
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)"
    r"(?:[eE](?P<exp>[+-]?\d+))?\s*(?P<pct>%)?\s*(?:元)?$",
    re.IGNORECASE,
)


def parse_number(value: object, field: str, where: Position | str | None = None) -> float | None:
    """One cell's value as a float, or None when blank.

    Raises :class:`NotANumberError` for anything that is not a number and
    :class:`ExcelErrorValue` for an Excel error value such as ``"#N/A"``.
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:  # np.array(3.0) is one cell, like np.float64(3)
        value = value[()]
    if is_blank(value):
        return None
    code = excel_error(value)
    if code is not None:
        raise ExcelErrorValue(field, code, where)
    if isinstance(value, bool | np.bool_ | date | datetime):
        raise NotANumberError(field, value, where)
    if isinstance(value, int | float | np.integer | np.floating | Decimal):
        try:
            f = float(value)
        except OverflowError:  # an int beyond a float's range (10**400)
            raise NotANumberError(field, value, where) from None
        if math.isinf(f):
            raise NotANumberError(field, value, where)
        return f
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
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


def looks_like_percent(value: object) -> bool:
    """A cell that reads as a share, not as points: ``"85%"`` text, or a number strictly between 0 and 1
    (a cell formatted as 85 % arrives as 0.85). Whole numbers such as 1 are points. A caller whose
    scale is points (0–10, 0–100) flags such a cell instead of reading 85 % as 0.85 points."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if not text.endswith("%"):
            return False
        try:
            return parse_number(text, "value") is not None
        except (NotANumberError, ExcelErrorValue):
            return False
    if isinstance(value, int | float | np.integer | np.floating | Decimal) and not isinstance(value, bool | np.bool_):
        return 0 < float(value) < 1
    return False


def _parse_cell(value: object, field: str, allow_inf: bool) -> float | None:
    # parse_number refuses infinity; a caller that allows it (a CLV horizon) takes it.
    if allow_inf and isinstance(value, float | np.floating) and math.isinf(value):
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
    elif isinstance(values, pd.Series | pd.Index) and values.dtype.kind in "fiu":
        arr = values.to_numpy(dtype=float)
    else:
        listed = values if not isinstance(values, Iterable) or isinstance(values, str) else list(values)
        obj = np.asarray(listed, dtype=object)
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
                    raise exc.at(Position.of(i, obj.shape)) from None
                out[i] = np.nan if v is None else v
            arr = out.reshape(obj.shape)
    if not allow_missing and np.isnan(arr).any():
        i = int(np.flatnonzero(np.isnan(arr.ravel()))[0])
        raise MissingValueError(field, Position.of(i, arr.shape))
    if not allow_inf and np.isinf(arr).any():
        i = int(np.flatnonzero(np.isinf(arr.ravel()))[0])
        raise NotANumberError(field, float(arr.ravel()[i]), Position.of(i, arr.shape))
    return arr


def require(value: object, field: str) -> float:
    """A scalar that must be present."""
    v = parse_number(value, field)
    if v is None:
        raise MissingValueError(field)
    return v


# ---------------------------------------------------------------- dates

# Excel's 1900 date system: serial 1 = 1900-01-01 and serial 60 = 1900-02-29, a
# day that never was (kept for Lotus 1-2-3 compatibility). From serial 61
# (1900-03-01) on, day = 1899-12-30 + serial; before it, 1899-12-31 + serial.
EXCEL_EPOCH = date(1899, 12, 30)
_EARLY_EPOCH = date(1899, 12, 31)
LAST_SERIAL = (date(9999, 12, 31) - EXCEL_EPOCH).days
_COMPACT_MIN, _COMPACT_MAX = 19000101, 99991231  # yyyymmdd as a number: above every serial

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_YMD = re.compile(rf"^(?P<y>\d{{4}})\s*[-/.年]\s*(?P<m>\d{{1,2}})\s*[-/.月]\s*(?P<d>\d{{1,2}})\s*日?{_TIME}$")
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_SLASHED = re.compile(rf"^(?P<a>\d{{1,2}})[-/.](?P<b>\d{{1,2}})[-/.](?P<y>\d{{4}}){_TIME}$")
_SERIAL_TEXT = re.compile(r"^\d{1,7}(?:\.\d+)?$")
_NAMED_FORMATS = (
    "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%b %d, %Y", "%B %d, %Y", "%d-%b-%Y", "%d-%B-%Y",
    "%d/%b/%Y", "%d.%b.%Y", "%Y-%b-%d",
)  # fmt: skip


def serial_to_date(serial: float, field: str = "date", where: Position | str | None = None) -> date:
    """An Excel serial (1900 date system) as a date; a time of day is dropped."""
    if not 1 <= serial < LAST_SERIAL + 1:
        rule = f"1 … {LAST_SERIAL}"
        raise OutOfRangeError(field, f"{serial:g}", f"Excel 日期序列号 {rule}", f"an Excel date serial {rule}", where)
    day = math.floor(serial)
    if day == 60:
        raise InputError(
            field,
            "序列号 60 是 Excel 虚构的 1900-02-29，不是真实日期",
            "serial 60 is Excel's 1900-02-29, a day that does not exist",
            where,
        )
    return (EXCEL_EPOCH if day > 60 else _EARLY_EPOCH) + timedelta(days=day)


def date_to_serial(value: date | datetime) -> float:
    """The Excel serial of a date (a datetime keeps its time of day as the fraction)."""
    if isinstance(value, datetime):
        return (value - datetime(1899, 12, 30)).total_seconds() / 86400
    days = (value - EXCEL_EPOCH).days
    return float(days if days > 60 else days - 1)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _slashed_parts(text: str) -> tuple[int, int] | None:
    m = _SLASHED.match(text)
    return (int(m["a"]), int(m["b"])) if m else None


def _number_date(value: float, field: str, where: Position | str | None) -> date:
    if value == math.floor(value) and _COMPACT_MIN <= value <= _COMPACT_MAX:
        n = int(value)
        try:
            return date(n // 10000, n // 100 % 100, n % 100)
        except ValueError:
            raise NotADateError(field, value, where) from None
    return serial_to_date(value, field, where)


def _day(y: str | int, m: str | int, d: str | int, field: str, where: Position | str | None, shown: object) -> date:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:  # 2/30/2024, 2024-13-01: the shape of a date, but no such day
        raise NotADateError(field, shown, where) from None


def _text_date(text: str, field: str, where: Position | str | None, day_first: bool | None, shown: object) -> date:
    for pattern in (_YMD, _COMPACT):
        m = pattern.match(text)
        if m:
            return _day(m["y"], m["m"], m["d"], field, where, shown)
    m = _SLASHED.match(text)
    if m:
        a, b = int(m["a"]), int(m["b"])
        first = day_first if day_first is not None else _decide_one(a, b, field, where, shown)
        return _day(m["y"], b if first else a, a if first else b, field, where, shown)
    if _SERIAL_TEXT.match(text):
        return _number_date(float(text), field, where)
    if re.search(r"[A-Za-z]{3}", text):
        for fmt in _NAMED_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise NotADateError(field, shown, where)


def _decide_one(a: int, b: int, field: str, where: Position | str | None, shown: object) -> bool:
    if a > 12 >= b:
        return True
    if b > 12 >= a:
        return False
    raise _ambiguous(field, shown, where)


def _ambiguous(field: str, shown: object, where: Position | str | None) -> InputError:
    return InputError(
        field,
        f"“{shown}”：无法判断是“日/月/年”还是“月/日/年”（所有斜线日期的日、月都不大于 12）；"
        "请指明日在前（dayfirst / --dayfirst）或月在前，或写作 2024-03-05",
        f"'{shown}': cannot tell day/month/year from month/day/year (no slashed date has a part over 12); "
        "say whether the day comes first (dayfirst / --dayfirst) or write 2024-03-05",
        where,
    )


def to_date(
    value: object, field: str = "date", where: Position | str | None = None, *, day_first: bool | None = None
) -> date | None:
    """One cell as a date, or None when blank (see the module's rules).

    ``day_first`` orders ``1/2/2024``: True for day/month/year, False for
    month/day/year, None to let this value decide (a part over 12) — an
    ambiguous one is then an error asking for the order.
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if is_blank(value):
        return None
    code = excel_error(value)
    if code is not None:
        raise ExcelErrorValue(field, code, where)
    if isinstance(value, datetime):  # includes pandas.Timestamp
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).date()
    if isinstance(value, int | float | np.integer | np.floating | Decimal) and not isinstance(value, bool | np.bool_):
        return _number_date(float(value), field, where)
    if isinstance(value, str):
        return _text_date(_fold(value), field, where, day_first, value)
    raise NotADateError(field, value, where)


Positions = Sequence[Position | None] | Callable[[int], Position | None] | None


def _at(positions: Positions, i: int) -> Position | None:
    """The position of the ``i``-th value (0-based): from the list or function given, else item i + 1."""
    if positions is None:
        return Position(item=i + 1)
    return positions(i) if callable(positions) else positions[i]


def decide_day_first(
    columns: Iterable[tuple[str, Iterable[object], Positions]], day_first: bool | None = None
) -> bool | None:
    """The day/month order of every ``d/m/yyyy``-style text among ``columns``, decided once.

    ``columns`` are ``(field, values, positions)``; ``positions`` names each
    value's cell for errors: a list, a function of the 0-based index, or None
    (the 1-based item number).
    A part over 12 in the first place proves day-first, in the second place
    month-first; both in one file is an error naming the cell that contradicts
    the first. When every slashed date is ambiguous the order cannot be told:
    an error asks for it, unless ``day_first`` gives it (which is then checked
    against the dates). None when there is no slashed date at all.
    """
    seen: dict[bool, tuple[str, object, Position | str | None]] = {}
    first_ambiguous: tuple[str, object, Position | str | None] | None = None
    for field, values, positions in columns:
        done: set[str] = set()
        for i, v in enumerate(values):
            if not isinstance(v, str):
                continue
            text = _fold(v)
            if text in done:
                continue
            done.add(text)
            parts = _slashed_parts(text)
            if parts is None:
                continue
            where: Position | str | None = _at(positions, i)
            a, b = parts
            proves = True if a > 12 >= b else False if b > 12 >= a else None
            if proves is None:
                first_ambiguous = first_ambiguous or (field, v, where)
                continue
            if day_first is not None and proves != day_first:
                order = ("日/月/年", "day/month/year") if day_first else ("月/日/年", "month/day/year")
                raise InputError(
                    field,
                    f"“{v}” 与指定的日期顺序（{order[0]}）不符",
                    f"'{v}' does not fit the given date order ({order[1]})",
                    where,
                )
            if proves not in seen and (not proves) in seen:
                other = seen[not proves]
                raise InputError(
                    field,
                    f"“{v}”：同一文件中既有“日/月/年”又有“月/日/年”的日期（另见 {other[0]} “{other[1]}”）",
                    f"'{v}': the file mixes day/month/year and month/day/year dates (see {other[0]} '{other[1]}')",
                    where,
                )
            seen.setdefault(proves, (field, v, where))
    if day_first is not None:
        return day_first
    if seen:
        return next(iter(seen))
    if first_ambiguous is not None:
        raise _ambiguous(*first_ambiguous)
    return None


def to_dates(
    values: pd.Series | np.ndarray | Sequence[object],
    field: str = "date",
    positions: Positions = None,
    *,
    day_first: bool | None = None,
) -> np.ndarray:
    """A column of cells as ``datetime64[D]`` (NaT where blank), by :func:`to_date`'s rules.

    Each distinct value is read once (a ledger's date column repeats a few
    hundred days over a million rows). The day/month order comes from
    ``day_first``, else from the column itself (:func:`decide_day_first`).
    ``positions`` name each cell for errors (see :func:`decide_day_first`).
    """
    s = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values, dtype=object), dtype=object)
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(s.dtype):
        return s.to_numpy().astype("datetime64[D]")
    out = np.full(len(s), np.datetime64("NaT"), dtype="datetime64[D]")
    if not len(s):
        return out

    def where(pos: int) -> Position | None:
        return _at(positions, pos)

    if s.dtype.kind in "iuf":
        numbers = s.to_numpy(dtype=float)
        present = ~np.isnan(numbers)
        serial = present & (numbers >= 61) & (numbers < LAST_SERIAL + 1)  # the common cases, whole-column
        out[serial] = np.datetime64(EXCEL_EPOCH, "D") + np.floor(numbers[serial]).astype(np.int64)
        compact = present & (numbers >= _COMPACT_MIN) & (numbers <= _COMPACT_MAX) & (numbers == np.floor(numbers))
        if compact.any():
            n = numbers[compact].astype(np.int64)
            parts = pd.DataFrame({"year": n // 10000, "month": n // 100 % 100, "day": n % 100})
            out[compact] = pd.to_datetime(parts, errors="coerce").to_numpy().astype("datetime64[D]")
        for pos in np.flatnonzero(present & np.isnat(out)):  # early serials, no such day, errors: cell by cell
            out[pos] = np.datetime64(_number_date(float(numbers[pos]), field, where(int(pos))), "D")
        return out
    obj = s.to_numpy(dtype=object)
    blank = blank_mask(s)
    codes, uniques = pd.factorize(pd.Series(obj[~blank], dtype=object))
    if not len(uniques):
        return out
    firsts = np.unique(codes, return_index=True)[1]  # where each distinct value first appears
    rows = np.flatnonzero(~blank)
    if day_first is None:
        day_first = decide_day_first([(field, list(uniques), [where(int(rows[f])) for f in firsts])])
    parsed = np.array(
        [
            np.datetime64(to_date(v, field, where(int(rows[f])), day_first=day_first), "D")
            for v, f in zip(uniques, firsts, strict=True)
        ],
        dtype="datetime64[D]",
    )
    out[~blank] = parsed[codes]
    return out


# ---------------------------------------------------------------- identifiers


def identifier(value: object) -> str | None:
    """An account code or invoice number as text: whole numbers without '.0', text folded and stripped."""
    if is_blank(value):
        return None
    if isinstance(value, float | np.floating | Decimal) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return str(int(value))
    return _fold(str(value)) or None


_ASCII_SPACE = " \t\n\r\v\f\x1c\x1d\x1e\x1f"  # the ASCII characters str.isspace() is true of


def identifiers(values: pd.Series | np.ndarray | Sequence[object]) -> np.ndarray:
    """:func:`identifier` for a column (an object array, None = blank).

    A text column whose characters are all ASCII needs no NFKC folding, only a
    strip (an ERP export of a million invoice numbers); other columns fold each
    distinct value once.
    """
    s = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values, dtype=object), dtype=object)
    if _texts(s):
        arr = s.to_numpy(dtype=object)
        na: np.ndarray | None = None
        try:
            joined = "\x00".join(arr)  # no blank cell (the common case): no NA mask, no masked copies
        except TypeError:
            na = s.isna().to_numpy(dtype=bool, na_value=True)
            joined = "\x00".join(arr[~na])
        if joined.isascii():
            present = arr if na is None else arr[~na]
            # single-character scans run at memory speed: no white space at all (what str.strip() takes
            # off ASCII) and no empty cell (no separator at an end or beside another) → nothing to strip
            empty = "\x00\x00" in joined or joined[:1] == "\x00" or joined[-1:] == "\x00"
            plain = not any(c in joined for c in _ASCII_SPACE) and not empty and (bool(joined) or len(present) != 1)
            if plain:
                kept = present.copy() if na is None else present  # arr is the column's own storage
            else:
                kept = np.array([v.strip() or None for v in present], dtype=object)
            if na is None:
                return kept
            out = np.full(len(arr), None, dtype=object)
            out[~na] = kept
            return out
    if isinstance(s.dtype, pd.CategoricalDtype):  # a CSV's account column: its categories are its distinct values
        codes, uniques = s.cat.codes.to_numpy(), s.cat.categories
    else:
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
    folded = np.array([identifier(v) for v in uniques] + [None], dtype=object)
    return folded[codes]  # code −1 (NA) takes the trailing None
