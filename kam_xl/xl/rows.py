"""One answer per row: a column in, a column out, each row with its own value or its own problem.

A team's column holds an ``#N/A`` here, a typo there; Excel's own functions
answer such a row with its error and every other row with its value, and so
do these:

- a row whose inputs hold an Excel error (or another kam_xl function's
  ``#KAM!`` line) answers with it;
- a row the core refuses (a score of 101) answers with the one-line message,
  naming its own row; the core then scores the rows left;
- a row whose required inputs are all blank answers with a blank;
- blank rows at the end of a range (``$F$2:$F$201`` with spare rows) are not
  rows: the answer is as long as the data;
- a share where points are expected (``85%``, 0.85 on a 0–100 scale) is
  flagged on its row rather than read as 0.85 points.

A problem in a single-cell argument (a discount of −1) is the whole answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from kam_xl import cells as C
from kam_xl.errors import ExcelErrorValue, InputError, KamError, MissingValueError, Position
from kam_xl.xl.boundary import (
    ExcelResult,
    align,
    cells,
    error_code,
    error_text,
    first_excel_error,
    orientation,
    plain,
    to_excel,
)

__all__ = ["MAX_ROW_PROBLEMS", "elementwise", "per_record", "percent_error"]

# Rows answered with a problem before the call gives up and answers with the first one:
# each such row costs one more pass of the core over the rows left.
MAX_ROW_PROBLEMS = 200


def percent_error(
    field: str, value: object, scale: float, where: Position | None = None, bottom: float = 0.0
) -> InputError:
    """A share typed where points are expected; ``bottom`` to ``scale`` is the points' range (1–10 on the
    selection scorecard)."""
    span = f"{bottom:g}–{scale:g}"
    return InputError(
        field,
        f"{value} 像是百分数；应填 {span} 分（如 85 而不是 85%）",
        f"{value} looks like a percentage; a score is {span} points (85, not 85%)",
        where,
    )


def _codes(flat: np.ndarray) -> list[str | None]:
    return [error_code(v) for v in flat.tolist()]


def _item(pos: Position | None) -> int | None:
    """The 1-based record a core error names within the rows it was given."""
    if pos is None:
        return None
    return pos.item if pos.item is not None else pos.row


def _solve(
    compute: Callable[[np.ndarray], Any],
    good: list[int],
    problems: dict[int, str],
    place: Callable[[int, Position | None], Position | None],
) -> tuple[np.ndarray, Any]:
    """Run ``compute`` on the rows ``good`` (indices); a refused row joins ``problems`` and the rest run again."""
    for _ in range(MAX_ROW_PROBLEMS + 1):
        idx = np.asarray(good, dtype=int)
        if not good:
            return idx, None
        try:
            return idx, compute(idx)
        except KamError as exc:
            k = _item(exc.position)
            if k is None and len(good) == 1:
                k = 1
            if k is None or not 1 <= k <= len(good) or len(problems) >= MAX_ROW_PROBLEMS:
                raise
            j = good.pop(k - 1)
            exc.located(place(j, exc.position))
            problems[j] = exc.code if isinstance(exc, ExcelErrorValue) else error_text(exc)
    raise AssertionError("unreachable: the loop returns or raises")


def _last_filled(blank: np.ndarray) -> int:
    filled = np.flatnonzero(~blank)
    return int(filled[-1]) + 1 if filled.size else 0


def elementwise(
    compute: Callable[..., Any],
    names: Sequence[str],
    values: Sequence[object],
    *,
    optional: Sequence[str] = (),
    points: Mapping[str, float] | None = None,
) -> ExcelResult:
    """``compute`` (a core function applied cell by cell) over aligned arguments, answering row by row.

    ``optional`` arguments may be blank on a row that has its other inputs;
    ``points`` maps an argument to its scale's top (100 for a 0–100 score) so
    that a share there is flagged.
    """
    shaped, orient = align(names, values)
    points = points or {}
    if orient == "scalar":
        if all(C.is_blank(shaped[i]) for i, name in enumerate(names) if name not in optional):
            return None  # a blank cell (a spare row, a blank from another function): a blank answer
        for name, scale in points.items():
            v = shaped[names.index(name)]
            if C.looks_like_percent(v):
                raise percent_error(name, v, scale)
        return to_excel(compute(*shaped), "scalar")
    ranged = [i for i, v in enumerate(shaped) if isinstance(v, np.ndarray) and v.ndim]
    code = first_excel_error(*(shaped[i] for i in range(len(shaped)) if i not in ranged))
    if code is not None:
        return code
    shape = cells(values[ranged[0]]).shape  # where a row sits, as the user selected it
    flats = {i: shaped[i].reshape(-1) for i in ranged}
    required = [i for i in ranged if names[i] not in optional] or ranged
    blank = np.ones(flats[ranged[0]].size, dtype=bool)
    for i in required:
        blank &= C.blank_mask(flats[i])
    n = _last_filled(blank) if orient in ("row", "column") else blank.size
    if n == 0:
        raise MissingValueError(names[ranged[0]])
    problems: dict[int, str] = {}
    for i in ranged:
        for j, c in enumerate(_codes(flats[i][:n])):
            if c is not None:
                problems.setdefault(j, c)
    for name, scale in points.items():
        i = names.index(name)
        if i in flats:
            for j in range(n):
                v = flats[i][j]
                if j not in problems and C.looks_like_percent(v):
                    problems[j] = error_text(percent_error(name, v, scale, Position.of(j, shape)))
        elif C.looks_like_percent(shaped[i]):
            raise percent_error(name, shaped[i], scale)
    good = [j for j in range(n) if j not in problems and not blank[j]]

    def run(idx: np.ndarray) -> Any:
        return compute(*[flats[i][idx] if i in flats else v for i, v in enumerate(shaped)])

    idx, result = _solve(run, good, problems, lambda j, _pos: Position.of(j, shape))
    out = np.full(n, None, dtype=object)
    if idx.size:
        out[idx] = plain(np.asarray(result)).reshape(-1)
    for j, text in problems.items():
        out[j] = text
    return _shaped(out, orient, shaped[ranged[0]].shape)


def _shaped(out: np.ndarray, orient: str, shape: tuple[int, ...]) -> ExcelResult:
    if orient == "column":
        return [[x] for x in out.tolist()]
    if orient == "row":
        return [out.tolist()]
    return out.reshape(shape).tolist()


def per_record(
    compute: Callable[[np.ndarray], Any],
    field: str,
    value: object,
    *,
    points: float | None = None,
    points_min: float = 0.0,
) -> ExcelResult:
    """``compute`` over records (one account's criteria per row), answering row by row.

    A row or a column is one record and one answer (blank when all its cells
    are); an m×n block is m records and a column of answers. Trailing blank
    rows are dropped, a blank row inside answers blank. ``points`` is the scale's top for flagging shares
    (``points_min`` its bottom, for the message).
    """
    arr = cells(value)
    if orientation(arr) != "matrix":
        one = arr.reshape(-1)
        if C.blank_mask(one).all():  # a spare row of a filled-down column: blank, as the native formula is
            return None
        code = first_excel_error(one)
        if code is not None:
            return code
        if points is not None:
            for j, v in enumerate(one.tolist()):
                if C.looks_like_percent(v):
                    raise percent_error(field, v, points, Position.of(j, arr.shape), points_min)
        return to_excel(compute(one), "scalar")
    m, width = arr.shape
    blank = np.asarray(C.blank_mask(arr.reshape(-1)).reshape(m, width).all(axis=1), dtype=bool)
    m = _last_filled(blank)
    if m == 0:
        raise MissingValueError(field)
    problems: dict[int, str] = {}
    for r in range(m):
        row = arr[r].tolist()
        code = first_excel_error(row)
        if code is not None:
            problems[r] = code
        elif points is not None:
            hit = next((c for c, v in enumerate(row) if C.looks_like_percent(v)), None)
            if hit is not None:
                where = Position(row=r + 1, column=hit + 1)
                problems[r] = error_text(percent_error(field, row[hit], points, where, points_min))
    good = [r for r in range(m) if r not in problems and not blank[r]]

    def place(r: int, pos: Position | None) -> Position:
        return Position(row=r + 1, column=pos.column if pos is not None else None)

    idx, result = _solve(lambda idx: compute(arr[idx]), good, problems, place)
    out = np.full(m, None, dtype=object)
    if idx.size:
        out[idx] = plain(np.asarray(result)).reshape(-1)
    for r, text in problems.items():
        out[r] = text
    return [[x] for x in out.tolist()]
