"""Vectorised input checks shared by the core modules.

Each takes an array (any shape), finds the *first* offending element without a
Python loop, and raises a :class:`~kam_xl.errors.KamError` naming the field and
the position (1-based) so that a user can find the cell.
"""

from __future__ import annotations

import numpy as np

from kam_xl.coerce import to_float_array
from kam_xl.errors import LengthMismatchError, MissingValueError, OutOfRangeError

__all__ = ["in_range", "no_missing", "numbers", "position", "same_length"]


def position(index: int, shape: tuple[int, ...]) -> str:
    """Where the ``index``-th element (reading order) of an array of ``shape`` sits, 1-based.

    A 2-D range names its row and column; a single column (n×1) only the row
    and a single row (1×n) only the column. A 1-D array names the item; a
    scalar or a single item, nothing.
    """
    if len(shape) == 2:
        r, c = divmod(index, shape[1])
        if shape[1] == 1:
            return f"row {r + 1}"
        if shape[0] == 1:
            return f"column {c + 1}"
        return f"row {r + 1}, column {c + 1}"
    return f"item {index + 1}" if shape and shape != (1,) else ""


def numbers(values: object, field: str, *, allow_inf: bool = False) -> np.ndarray:
    """Values as a float array (NaN = blank), text numbers parsed."""
    return to_float_array(values, field, allow_inf=allow_inf)


def no_missing(arr: np.ndarray, field: str) -> np.ndarray:
    bad = np.isnan(arr)
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        raise MissingValueError(field, position(i, arr.shape))
    return arr


def in_range(
    arr: np.ndarray,
    field: str,
    lo: float | None = None,
    hi: float | None = None,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
) -> np.ndarray:
    """Raise for the first value outside [lo, hi] (open ends where asked); NaN passes."""
    bad = np.zeros(arr.shape, dtype=bool)
    if lo is not None:
        bad |= (arr <= lo) if lo_open else (arr < lo)
    if hi is not None:
        bad |= (arr >= hi) if hi_open else (arr > hi)
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        # an infinite (or absent) bound is never reached, so its bracket is open: "[0, ∞)"
        no_lo, no_hi = lo is None or np.isneginf(lo), hi is None or np.isposinf(hi)
        left = "(" if lo_open or no_lo else "["
        right = ")" if hi_open or no_hi else "]"
        rule = f"{left}{'-∞' if no_lo else f'{lo:g}'}, {'∞' if no_hi else f'{hi:g}'}{right}"
        value = arr.ravel()[i]
        raise OutOfRangeError(field, f"{value:g}", rule, rule, position(i, arr.shape))
    return arr


def same_length(field: str, got: int, other: str, expected: int) -> None:
    if got != expected:
        raise LengthMismatchError(field, got, expected, other)
