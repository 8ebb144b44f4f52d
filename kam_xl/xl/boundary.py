"""The boundary between what Excel passes and the core.

What arrives from a worksheet (classic xlwings on Windows, or xlwings Lite):

- numbers as ``float`` (Lite keeps whole numbers as ``int``), text numbers as
  ``str`` (``"85%"``, ``"¥1,200"``, ``"８５"`` — the core parses those);
- blanks as ``None`` (classic). xlwings Lite passes an empty cell as ``0``, so
  there a blank *is* zero: only ``None`` and empty text count as blank here;
- ranges as lists of lists (``@arg(..., ndim=2)``: a single cell is ``[[v]]``);
- dates as ``datetime`` (classic) or serial numbers (Lite);
- Excel error values as text such as ``"#N/A"`` (``err_to_str=True``), or as COM
  error codes (negative ints) for the newer ones classic xlwings does not map.

Blanks, numbers, dates and error values are read by :mod:`kam_xl.cells`, the
one reader every part of kam_xl uses.

What goes back: a number, a text, ``None`` (a blank cell), or a list of lists
in the shape the caller gave (a column in → a column out), without the blank
rows a range was selected with at its end. Problems go back as one line of
text, ``"#KAM! field @ place: 中文 / English"``; an Excel error in an input goes
back unchanged so that errors propagate as Excel's own do — for the functions
that answer row by row (:mod:`kam_xl.xl.rows`, :mod:`kam_xl.xl.table`) as that
row's answer only. A blank answer is ``None``; both runtimes write it as ``""``
(xlwings' own conversion, classic ``_xlwindows`` and Lite ``_xlofficejs``): a
formula's cell is never truly empty in Excel (a VBA ``Empty`` would show 0),
so ``=N(C2)*2`` or ``=IF(C2="","",C2*2)`` is how a sheet computes on it.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from datetime import date, datetime
from typing import Any, Literal, ParamSpec, TypeAlias

import numpy as np
import pandas as pd

from kam_xl import cells as C
from kam_xl.errors import (
    ExcelErrorValue,
    InputError,
    KamError,
    LengthMismatchError,
    MissingValueError,
    Position,
)
from kam_xl.models import Model
from kam_xl.xl.content_cache import RangeCache

__all__ = [
    "ERROR_PREFIX",
    "RANKED",
    "Cell",
    "ExcelResult",
    "Orientation",
    "align",
    "cells",
    "classify_within",
    "column",
    "days_between",
    "error_code",
    "error_text",
    "excel_function",
    "excel_rows",
    "first_excel_error",
    "is_range",
    "lang_arg",
    "orientation",
    "plain",
    "records",
    "scalar",
    "table_columns",
    "table_frame",
    "text_arg",
    "to_excel",
    "trim_blank_tail",
    "vector",
]

ERROR_PREFIX = "#KAM! "

Cell: TypeAlias = float | int | str | bool | datetime | date | None
ExcelResult: TypeAlias = Cell | list[list[Cell]]
Orientation = Literal["scalar", "row", "column", "matrix"]
_P = ParamSpec("_P")


# ---------------------------------------------------------------- errors


def _one_line(text: str) -> str:
    return " ".join(text.split())


def error_text(exc: BaseException) -> str:
    """The one line a cell shows for ``exc`` — never a traceback."""
    if isinstance(exc, KamError):
        return ERROR_PREFIX + _one_line(exc.bilingual())
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return _one_line(f"{ERROR_PREFIX}内部错误 / internal error: {type(exc).__name__}: {first}")


def error_code(value: object) -> str | None:
    if isinstance(value, str) and value.startswith(ERROR_PREFIX):  # another kam_xl function's error: pass it on
        return value
    return C.excel_error(value)


def first_excel_error(*values: object) -> str | None:
    """The first Excel error code (``"#N/A"`` …) or ``"#KAM! …"`` line among the arguments, in reading order."""
    for value in values:
        if isinstance(value, np.ndarray):
            value = value.ravel().tolist()
        if isinstance(value, (list, tuple)):
            for item in value:
                code = first_excel_error(item)
                if code is not None:
                    return code
        else:
            code = error_code(value)
            if code is not None:
                return code
    return None


def excel_function(fn: Callable[_P, ExcelResult], *, per_row: bool = False) -> Callable[_P, ExcelResult]:
    """Make ``fn`` safe to call from a cell.

    An Excel error in any argument is returned unchanged (before ``fn`` runs),
    and so is a ``"#KAM! …"`` line from another kam_xl function, so a cell
    shows the first cause rather than a message about a message. With
    ``per_row`` only single-cell arguments are checked here: ``fn`` answers
    each row of a range itself (:mod:`kam_xl.xl.rows`), so one ``#N/A`` is
    that row's answer, not the whole column's.
    A :class:`KamError` becomes ``"#KAM! " + exc.bilingual()``; anything else
    becomes ``"#KAM! 内部错误 / internal error: Type: first line"``. Classic
    xlwings would show an exception's whole text in the cell, Lite a bare
    ``#VALUE!``: returning the line gives both the same readable reason.
    """

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> ExcelResult:
        try:
            given = (*args, *kwargs.values())
            code = first_excel_error(*(v for v in given if not per_row or not is_range(v)))
            if code is not None:
                return code
            return fn(*args, **kwargs)
        except ExcelErrorValue as exc:
            return exc.code
        except Exception as exc:  # a cell must show one line, whatever went wrong
            return error_text(exc)

    return wrapper


def is_range(value: object) -> bool:
    """More than one cell (a list of lists, a list or an array of two or more)."""
    if isinstance(value, np.ndarray):
        return value.size > 1
    if isinstance(value, (list, tuple)):
        return len(value) > 1 or (len(value) == 1 and isinstance(value[0], (list, tuple)) and len(value[0]) > 1)
    return False


# ---------------------------------------------------------------- shapes


def cells(value: object) -> np.ndarray:
    """What Excel passed, as an object array: a scalar → 0-d, a list → 1×n, a list of lists → m×n."""
    if isinstance(value, np.ndarray):
        return value.astype(object, copy=False)
    if isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, list):
        return np.array(value, dtype=object)
    if not value:
        raise InputError("range", "区域为空", "the range is empty")
    rows = value if all(isinstance(r, (list, tuple)) for r in value) else [value]
    widths = {len(r) for r in rows}
    if len(widths) != 1 or 0 in widths:
        raise InputError("range", "区域不是矩形", "the range is not rectangular")
    out = np.empty((len(rows), widths.pop()), dtype=object)
    for i, row in enumerate(rows):  # row by row: numpy would read a nested list as more dimensions
        out[i, :] = list(row)
    return out


def orientation(arr: np.ndarray) -> Orientation:
    """A single cell (``[[v]]`` or a scalar) is a scalar; 1×n a row; n×1 a column."""
    if arr.ndim == 0 or arr.size == 1:
        return "scalar"
    if arr.ndim == 1 or arr.shape[0] == 1:
        return "row"
    if arr.shape[1] == 1:
        return "column"
    return "matrix"


def _squeeze(arr: np.ndarray, orient: Orientation) -> Any:
    """A single cell as its plain value (the core takes scalars), a row or column as 1-D."""
    if orient == "scalar":
        return arr.reshape(()).item()
    if orient in ("row", "column"):
        return arr.reshape(-1)
    return arr


def vector(value: object) -> np.ndarray:
    """Any range as one 1-D vector in reading order (a scalar → length 1)."""
    return cells(value).reshape(-1)


def records(value: object) -> tuple[np.ndarray, Orientation]:
    """Records whose last axis is the items (criteria, dimensions).

    A row or a column is *one* record → shape ``(n,)``, result a scalar; an
    m×n block is m records (one per row) → shape ``(m, n)``, result a column.
    """
    arr = cells(value)
    orient = orientation(arr)
    if orient == "matrix":
        return arr, "column"
    return arr.reshape(-1), "scalar"


def align(names: Sequence[str], values: Sequence[object]) -> tuple[list[Any], Orientation]:
    """Element-wise arguments: single cells (as plain values) broadcast; ranges must match.

    A row and a column of the same length pair up cell by cell. The result
    takes the orientation of the first range among the arguments.
    """
    arrays = [cells(v) for v in values]
    orients = [orientation(a) for a in arrays]
    shaped = [_squeeze(a, o) for a, o in zip(arrays, orients, strict=True)]
    ranged = [i for i, o in enumerate(orients) if o != "scalar"]
    if not ranged:
        return shaped, "scalar"
    first = ranged[0]
    for i in ranged[1:]:
        if shaped[i].shape != shaped[first].shape:
            raise LengthMismatchError(names[i], shaped[i].size, shaped[first].size, names[first])
    return shaped, orients[first]


def trim_blank_tail(*vectors: np.ndarray) -> list[np.ndarray]:
    """Drop the trailing positions where every vector is blank (a table selected with spare rows).

    Blanks inside the table stay, so errors still name the right row. Vectors
    of different lengths are returned as they are, for the core to report.
    """
    if len({v.size for v in vectors}) != 1:
        return list(vectors)
    n = vectors[0].size
    while n and all(C.is_blank(v[n - 1]) for v in vectors):  # from the end: spare rows only are looked at
        n -= 1
    return [v[:n] for v in vectors]


def scalar(value: object, field: str) -> object:
    """A single-cell argument's value (``[[v]]`` unwrapped); a range is an error."""
    arr = cells(value)
    if arr.size != 1:
        raise InputError(field, f"应为单个单元格，而不是 {arr.size} 个", f"must be a single cell, not {arr.size} cells")
    return arr.reshape(()).item()


def text_arg(value: object, field: str) -> str | None:
    """An optional text argument (a code or a name); blank → None."""
    v = scalar(value, field)
    if C.is_blank(v):
        return None
    if not isinstance(v, str):
        raise InputError(field, f"应为文本，而不是 {v!r}", f"must be text, not {v!r}")
    return unicodedata.normalize("NFKC", v).strip()


_LANGS = {
    "zh": "zh",
    "中文": "zh",
    "chinese": "zh",
    "cn": "zh",
    "zh-cn": "zh",
    "汉语": "zh",
    "en": "en",
    "english": "en",
    "英文": "en",
    "英语": "en",
    "en-us": "en",
    "en-gb": "en",
}


def lang_arg(value: object, model: Model) -> str:
    """``"zh"`` or ``"en"`` from zh/中文/Chinese or en/English (any case); blank → the model's language."""
    text = text_arg(value, "lang")
    if text is None:
        return model.language
    lang = _LANGS.get(text.casefold().replace("_", "-"))
    if lang is None:
        raise InputError(
            "lang",
            f"“{text}” 不是可选语言（zh 中文 / en English）",
            f"'{text}' is not a language (zh 中文 / en English)",
        )
    return lang


# ---------------------------------------------------------------- dates


def days_between(values: object, as_of: object, field: str) -> np.ndarray:
    """``as_of − date`` in days for each cell of ``values`` (NaN where blank).

    The day/month order of ``d/m/yyyy`` text is decided once over the as-of
    date and all the cells (:func:`kam_xl.cells.decide_day_first`).
    """
    stamp = scalar(as_of, "as_of")
    flat = vector(values)
    where = [Position.of(i, flat.shape) for i in range(flat.size)]
    day_first = C.decide_day_first([("as_of", [stamp], [None]), (field, flat.tolist(), where)])
    end = C.to_date(stamp, "as_of", day_first=day_first)
    if end is None:
        raise MissingValueError("as_of")
    days = C.to_dates(flat, field, where, day_first=day_first)
    out = (np.datetime64(end, "D") - days).astype("timedelta64[D]").astype(float)
    out[np.isnat(days)] = np.nan
    return out


# ---------------------------------------------------------------- ranked classes (ABC, pyramid)


RANKED: RangeCache[tuple[np.ndarray, np.ndarray] | KamError] = RangeCache(size=16)


def _classified(
    classify: Callable[[np.ndarray], np.ndarray], flat: np.ndarray, shape: tuple[int, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """The positions of ``flat``'s present values and each one's class; an error names its cell in a range
    of ``shape`` (the core counted only the present values)."""
    present = ~np.isnan(flat)
    if not present.any():
        raise MissingValueError("values")
    kept = np.flatnonzero(present)
    try:
        classes = np.asarray(classify(flat[kept]), dtype=object)
    except KamError as exc:
        item = exc.position.item if exc.position is not None else None
        if item is not None:
            exc.located(Position.of(int(kept[item - 1]), shape))
        raise
    return kept, classes


def _population(
    classify: Callable[[np.ndarray], np.ndarray], values: object
) -> tuple[np.ndarray, np.ndarray] | KamError:
    """The present values of ``values`` sorted, and each one's class; or the error naming the bad cell."""
    # a range passed flat (a function declaring it ndim=1) names its n-th value; rows of cells, the cell
    shape = (len(values),) if isinstance(values, list) and values and type(values[0]) not in (list, tuple) else None
    try:
        try:
            pop = C.to_float_array(vector(values), "values")
        except KamError as exc:  # name the cell as the range was selected (a column's row)
            item = exc.position.item if exc.position is not None else None
            if item is not None:
                exc.located(Position.of(item - 1, shape or cells(values).shape))
            raise
        kept, classes = _classified(classify, pop, shape or cells(values).shape)
    except KamError as exc:
        return exc  # kept, so that a range with one bad cell is not read again by every row
    order = np.argsort(pop[kept], kind="stable")
    return pop[kept][order], classes[order]


def classify_within(
    classify: Callable[[np.ndarray], np.ndarray],
    value: object,
    values: object = None,
    key: Hashable | None = None,
) -> tuple[np.ndarray, Orientation]:
    """Class of each ``value`` among ``values`` — the calling convention of RANK.EQ(number, ref).

    ``classify`` maps a 1-D array of all values to one class each (the core).
    ``values`` omitted: ``value`` is the whole population and every cell gets
    its class; blank cells at the end of a row or column are not returned.
    Blank cells of the population are skipped, as RANK.EQ skips them, so a
    range selected with spare rows works; a blank ``value`` gives a blank. A
    ``value`` not in ``values`` is an error (RANK.EQ gives #N/A).

    ``key`` names ``classify`` and its settings (the model's hash, the
    language): with it the population is classified once per distinct content
    of ``values`` and each call — a cell of a filled-down column — only looks
    its value up.
    """
    x = _one_number(value)
    if x is not None and values is not None and key is not None:  # one cell of a filled-down column
        pop_sorted, classes = _ranked(classify, values, key)
        i = int(pop_sorted.searchsorted(x))
        if i >= pop_sorted.size or pop_sorted[i] != x:
            raise _not_in_values(x, None)
        one = np.empty((), dtype=object)
        one[()] = classes[i]
        return one, "scalar"
    arr = cells(value)
    orient = orientation(arr)
    v = C.to_float_array(_squeeze(arr, orient), "value")
    if values is None:
        kept, classes = _classified(classify, v.reshape(-1), v.shape)
        if orient in ("row", "column"):  # trailing blanks are spare rows, not answers
            out = np.full(int(kept[-1]) + 1, None, dtype=object)
        else:
            out = np.full(v.shape, None, dtype=object)
        out.reshape(-1)[kept] = classes
        return out, orient
    pop_sorted, classes = _ranked(classify, values, key)
    out = np.full(v.shape, None, dtype=object)
    flat_v, flat_out = v.reshape(-1), out.reshape(-1)
    asked = np.flatnonzero(~np.isnan(flat_v))
    hit = np.minimum(np.searchsorted(pop_sorted, flat_v[asked]), pop_sorted.size - 1)
    missing = pop_sorted[hit] != flat_v[asked]
    if missing.any():
        i = int(asked[np.flatnonzero(missing)[0]])
        raise _not_in_values(float(flat_v[i]), Position.of(i, v.shape))
    flat_out[asked] = classes[hit]
    return out, orient


def _one_number(value: object) -> float | None:
    """A single cell holding a plain number (``85`` or ``[[85.0]]`` as classic passes it), else None: the
    fast path of a filled-down column, which skips the array conversions (anything else takes the full
    path, which reads Decimal, text numbers and errors)."""
    if type(value) is list and len(value) == 1 and type(value[0]) is list and len(value[0]) == 1:
        value = value[0][0]
    if isinstance(value, bool) or not isinstance(value, (float, int)) or value != value:  # TRUE, text, NaN
        return None
    return float(value)


def _ranked(
    classify: Callable[[np.ndarray], np.ndarray], values: object, key: Hashable | None
) -> tuple[np.ndarray, np.ndarray]:
    """The population sorted and each value's class: once per content of ``values`` when ``key`` names
    the classification (a range with a bad cell raises its error again, without reading it again)."""
    found = RANKED.get(key, values, lambda: _population(classify, values)) if key is not None else None
    ranked = found if found is not None else _population(classify, values)
    if isinstance(ranked, KamError):
        raise ranked
    return ranked


def _not_in_values(x: float, where: Position | None) -> InputError:
    """RANK.EQ's #N/A: a value that is not in the population."""
    return InputError("value", f"{x:g} 不在 values 区域中", f"{x:g} is not in the values range", where)


# ---------------------------------------------------------------- tables


def _rows_of(value: object) -> list[list[object]]:
    """A range as its rows of cells (a list of lists as xlwings passes it is taken as it is)."""
    if isinstance(value, list) and value and all(isinstance(r, list) for r in value):
        if len(set(map(len, value))) == 1 and value[0]:
            return value
    arr = cells(value)
    return arr.reshape(1, -1).tolist() if arr.ndim < 2 else arr.tolist()


def table_columns(value: object, field: str = "table") -> tuple[list[str], list[list[object]]]:
    """A range whose first row is headers: the header names and the data rows (lists of cells, all
    as long as the header row; :func:`column` takes one column out).

    Trailing blank rows are dropped; a blank header becomes ``column N``; a
    repeated header gets `` (2)``, `` (3)``… so that only its first column is
    read. Rows are not copied: a caller takes out only the columns it reads.
    """
    rows = _rows_of(value)
    if len(rows) < 2:
        raise InputError(field, "应为含表头行与数据行的区域", "must be a range with a header row and data rows")
    n = len(rows)
    while n > 1 and all(C.is_blank(v) for v in rows[n - 1]):  # from the end: only spare rows are looked at
        n -= 1
    if n == 1:
        raise InputError(field, "客户表没有数据行", "the account table has no rows")
    names: list[str] = []
    seen: dict[str, int] = {}
    for j, h in enumerate(rows[0]):
        name = f"column {j + 1}" if C.is_blank(h) else unicodedata.normalize("NFKC", str(h)).strip()
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names, rows[1:n]


def column(rows: list[list[object]], j: int) -> list[object]:
    """Column ``j`` of :func:`table_columns`' rows."""
    return [r[j] for r in rows]


def table_frame(value: object, field: str = "table") -> pd.DataFrame:
    """A range whose first row is headers as a DataFrame of raw cells (see :func:`table_columns`)."""
    names, rows = table_columns(value, field)
    return pd.DataFrame({name: pd.Series(column(rows, j), dtype=object) for j, name in enumerate(names)})


# ---------------------------------------------------------------- results


def _cell(x: Any) -> Cell:
    if isinstance(x, np.str_):  # a str subclass that xlwings' COM layer would not know
        return str(x)
    if x is None or isinstance(x, (str, bool, datetime, date)):
        return x
    if isinstance(x, (np.bool_,)):
        return bool(x)
    if isinstance(x, (int, float, np.integer, np.floating)):
        f = float(x)
        if math.isnan(f):
            return None
        return "#NUM!" if math.isinf(f) else f
    return x


_LABELS = {str, bool, type(None)}


def plain(arr: np.ndarray) -> np.ndarray:
    """Excel-ready cells: floats, text, None for NaN (blank), "#NUM!" for ±∞."""
    if arr.dtype.kind in "fiu":
        f = arr.astype(float)
        out = f.astype(object)
        out[np.isnan(f)] = None
        out[np.isinf(f)] = "#NUM!"
        return out
    if not arr.size or arr.dtype.kind == "U":
        return arr.astype(object)  # numpy text becomes str
    if arr.ndim and set(map(type, arr.ravel().tolist())) <= _LABELS:
        return arr  # labels and blanks (a tier column): nothing to convert
    return np.asarray(np.frompyfunc(_cell, 1, 1)(arr), dtype=object)  # a 0-d input gives a bare value


def excel_rows(table: np.ndarray) -> list[list[Cell]]:
    """A 2-D core result (a table) as Excel rows: :func:`to_excel` of a matrix, as rows for a caller
    that adds a header or a column."""
    if table.ndim != 2:
        raise ValueError(f"a table has two dimensions, not {table.ndim}")
    rows: list[list[Cell]] = plain(table).tolist()
    return rows


def to_excel(result: object, orient: Orientation = "scalar") -> ExcelResult:
    """A core result in Excel's shape.

    0-d → one value; 1-D → a row or a column as ``orient`` says (a 1-D result
    of a column input comes back as a column); 2-D → rows. Numpy scalars
    become ``float``, NaN a blank (``None``), labels ``str``.
    """
    if isinstance(result, (list, tuple)):
        result = np.asarray(result, dtype=object)
    if not isinstance(result, np.ndarray):
        return _cell(result)
    arr = plain(result)
    if arr.ndim == 0:
        return arr.item()
    if arr.ndim == 1:
        if orient == "scalar" and arr.size == 1:
            return arr[0]
        return [[x] for x in arr.tolist()] if orient == "column" else [arr.tolist()]
    return arr.tolist()
