"""The shared input checks (kam_xl.core._checks): positions and range rules in messages."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kam_xl.core._checks import in_range, no_missing, position, within_from_zero
from kam_xl.errors import MissingValueError, OutOfRangeError


@pytest.mark.parametrize(
    ("index", "shape", "expected"),
    [
        (0, (), ""),  # a scalar: no position
        (0, (1,), ""),  # a single item
        (2, (5,), "item 3"),
        (2, (5, 1), "row 3"),  # a single column names the row …
        (2, (1, 5), "column 3"),  # … and a single row the column
        (0, (1, 1), "row 1"),
        (5, (2, 3), "row 2, column 3"),  # 5 = 1·3 + 2 → row 2, column 3
    ],
)
def test_position(index, shape, expected):
    assert str(position(index, shape) or "") == expected


def test_single_row_range_names_the_column_only():
    # a 1×4 range whose 3rd cell is blank: column 3 (a one-row range has no other row to name)
    with pytest.raises(MissingValueError) as info:
        no_missing(np.array([[1.0, 2.0, np.nan, 4.0]]), "scores")
    assert info.value.where == "column 3"


@pytest.mark.parametrize(
    ("lo", "hi", "lo_open", "hi_open", "value", "rule"),
    [
        (0.0, None, False, False, -1.0, "[0, ∞)"),  # no upper bound: never reached, an open bracket
        (0.0, math.inf, False, False, -1.0, "[0, ∞)"),  # an infinite upper bound, the same
        (-1.0, None, True, False, -2.0, "(-1, ∞)"),
        (None, 5.0, False, False, 6.0, "(-∞, 5]"),
        (0.0, 1.0, False, True, 1.0, "[0, 1)"),
        (0.0, 100.0, False, False, 101.0, "[0, 100]"),
    ],
)
def test_in_range_message_brackets(lo, hi, lo_open, hi_open, value, rule):
    with pytest.raises(OutOfRangeError) as info:
        in_range(np.array([value]), "x", lo, hi, lo_open=lo_open, hi_open=hi_open)
    assert f"must be {rule}" in str(info.value)
    assert f"应为 {rule}" in info.value.message("zh")


@pytest.mark.parametrize(
    ("values", "hi", "hi_open", "expected"),
    [
        ([0.0, 5.0, 10.0], 10.0, False, True),  # both ends of [0, 10]
        ([0.0, 10.0], 10.0, True, False),  # 10 is outside [0, 10)
        ([0.0, 9.999999], 10.0, True, True),
        ([-0.0, 3.0], 10.0, False, False),  # −0.0 has the sign bit: left to the check that names cells
        ([-1e-300, 3.0], 10.0, False, False),  # a negative, however small
        ([1.0, math.nan], 10.0, False, False),  # NaN: decided by the slow path (where a blank passes)
        ([1.0, math.inf], None, False, False),  # "finite" when no bound is given
        ([1.0, math.inf], math.inf, False, False),  # an infinite bound still leaves an infinity to the slow path
        ([1.0, 1e308], None, False, True),
        ([], 10.0, False, False),  # nothing to decide: the caller's own checks run
    ],
)
def test_within_from_zero_is_a_fast_yes_never_a_wrong_one(values, hi, hi_open, expected) -> None:
    arr = np.array(values, dtype=float)
    assert within_from_zero(arr, hi, hi_open=hi_open) is expected
    if expected:  # a yes must agree with the rule written out
        assert all(0 <= v and (hi is None or (v < hi if hi_open else v <= hi)) for v in values)


def test_within_from_zero_takes_only_float64() -> None:
    assert within_from_zero(np.array([1, 2], dtype=np.int64), 10.0) is False
    assert within_from_zero(np.array([1, 2], dtype=np.float32), 10.0) is False
