"""Vectorised input checks shared by the core modules.

Each takes an array (any shape), finds the *first* offending element without a
Python loop, and raises a :class:`~kam_xl.errors.KamError` naming the field and
the position (1-based) so that a user can find the cell.
"""

from __future__ import annotations

import numpy as np

from kam_xl.cells import to_float_array
from kam_xl.errors import LengthMismatchError, MissingValueError, NotANumberError, OutOfRangeError, Position

__all__ = ["bounded", "in_range", "no_missing", "numbers", "position", "same_length", "within_from_zero"]


def position(index: int, shape: tuple[int, ...]) -> Position | None:
    """Where the ``index``-th element (reading order) of an array of ``shape`` sits (:meth:`Position.of`)."""
    return Position.of(index, shape)


def numbers(values: object, field: str, *, allow_inf: bool = False) -> np.ndarray:
    """Values as a float array (NaN = blank), text numbers parsed."""
    return to_float_array(values, field, allow_inf=allow_inf)


def no_missing(arr: np.ndarray, field: str) -> np.ndarray:
    if not arr.size or not np.isnan(arr.min() if arr.ndim else arr):  # NaN propagates through min: one pass
        return arr
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
    if arr.size:  # decided by the extremes in one pass each; the cell is looked for only on failure
        low, high = np.fmin.reduce(arr, axis=None), np.fmax.reduce(arr, axis=None)
        fine_lo = lo is None or np.isnan(low) or (low > lo if lo_open else low >= lo)
        fine_hi = hi is None or np.isnan(high) or (high < hi if hi_open else high <= hi)
        if fine_lo and fine_hi:
            return arr
    bad = OutOfRangeError.outside(arr, lo, hi, lo_open=lo_open, hi_open=hi_open)
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        # an infinite (or absent) bound is never reached, so its bracket is open: "[0, ∞)"
        no_lo, no_hi = lo is None or np.isneginf(lo), hi is None or np.isposinf(hi)
        left = "(" if lo_open or no_lo else "["
        right = ")" if hi_open or no_hi else "]"
        rule = f"{left}{'-∞' if no_lo else f'{lo:g}'}, {'∞' if no_hi else f'{hi:g}'}{right}"
        value = arr.ravel()[i]
        raise OutOfRangeError(field, f"{value:g}", rule, rule, position(i, arr.shape),
                              bounds=(lo, hi, lo_open, hi_open))  # fmt: skip
    return arr


_FLOAT_BITS = np.dtype(np.uint64)


def within_from_zero(arr: np.ndarray, hi: float | None = None, *, hi_open: bool = False) -> bool:
    """Whether every value of a float array is in [0, hi] ([0, hi) when ``hi_open``; finite when hi is None).

    One pass, a max of the values' bit patterns: a float ≥ +0 orders as its
    IEEE-754 bits do, read as an unsigned integer, and a sign bit (a negative
    value, or −0.0), NaN or an infinity makes a larger pattern than any bound.
    False is not an error: it sends the caller to the checks that name the
    cell (−0.0, which is in range, is found to be so there).
    """
    if arr.dtype != np.float64 or not arr.size:
        return False
    largest = np.finfo(np.float64).max  # an infinite bound still refuses an infinity
    top = np.float64(largest if hi is None else min(hi, largest))
    if hi_open:
        top = np.nextafter(top, -np.inf)
    if not top >= 0:
        return False
    return bool(arr.view(_FLOAT_BITS).max() <= top.view(_FLOAT_BITS))


def bounded(
    values: object,
    field: str,
    lo: float | None = None,
    hi: float | None = None,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
) -> np.ndarray:
    """Values as floats, none blank, none infinite, each within ``lo``/``hi`` (open ends where asked).

    When all is well this costs one pass (:func:`within_from_zero`) where the
    range starts at 0, else two, a min and a max (both propagate NaN, and an
    infinity is an extreme): the detailed checks run only to name the cell
    that fails.
    """
    arr = to_float_array(values, field, allow_inf=True)
    if arr.size and lo == 0 and not lo_open and within_from_zero(arr, hi, hi_open=hi_open):
        return arr
    if arr.size:
        low, high = arr.min(), arr.max()
        if np.isfinite(low) and np.isfinite(high):
            fine_lo = lo is None or (low > lo if lo_open else low >= lo)
            fine_hi = hi is None or (high < hi if hi_open else high <= hi)
            if fine_lo and fine_hi:
                return arr
    no_missing(arr, field)
    infinite = np.isinf(arr)
    if infinite.any():
        i = int(np.flatnonzero(infinite.ravel())[0])
        raise NotANumberError(field, float(arr.ravel()[i]), position(i, arr.shape))
    return in_range(arr, field, lo, hi, lo_open=lo_open, hi_open=hi_open)


def same_length(field: str, got: int, other: str, expected: int) -> None:
    if got != expected:
        raise LengthMismatchError(field, got, expected, other)
