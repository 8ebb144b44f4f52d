"""Numbers typed into spreadsheets (SPEC §5): text numbers, blanks, Excel errors."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from kam_xl.cells import is_excel_error, parse_number, require, to_float_array
from kam_xl.errors import ExcelErrorValue, MissingValueError, NotANumberError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("85", 85.0),
        (" 85 ", 85.0),
        ("85%", 0.85),
        ("1.1%", 0.011),  # one conversion, as Excel reads it (1.1/100 would be 0.011000000000000001)
        ("0.7%", 0.007),
        ("1,200", 1200.0),
        ("1,234,567.5", 1234567.5),
        ("¥1,200", 1200.0),
        ("￥1,200", 1200.0),  # full-width yen sign
        ("$1,200", 1200.0),
        ("RMB 1,200", 1200.0),
        ("1,200元", 1200.0),
        ("８５", 85.0),  # full-width digits
        ("１，２００", 1200.0),  # full-width digits and comma
        ("(1,200)", -1200.0),  # accounting negative
        ("(¥1,200)", -1200.0),
        ("-1,200", -1200.0),
        ("-¥1,200", -1200.0),
        ("+85", 85.0),
        ("1e3", 1000.0),
        ("1.1e1", 11.0),
        ("2.5E-2", 0.025),
        (".5", 0.5),
        ("5.", 5.0),
        ("-5%", -0.05),
        ("0", 0.0),
    ],
)
def test_text_numbers(text, expected):
    assert parse_number(text, "field") == expected


@pytest.mark.parametrize("value", [85, 85.0, np.int64(85), np.float64(85.0)])
def test_numbers_pass_through(value):
    assert parse_number(value, "field") == 85.0


@pytest.mark.parametrize(
    "value", [np.array(3.0), np.array(3), np.array("3"), np.array(3.0, dtype=object), np.array("300%", dtype=object)]
)
def test_zero_dimensional_array_is_a_scalar(value):
    # a 0-d array holds one cell: 3 (and "300%" = 300/100 = 3), as np.float64(3) does
    assert parse_number(value, "field") == 3.0
    got = to_float_array(value, "field")
    assert got.shape == () and float(got) == 3.0


def test_zero_dimensional_blank_and_bad_text():
    assert parse_number(np.array(None, dtype=object), "field") is None
    assert np.isnan(to_float_array(np.array(None, dtype=object), "field"))
    with pytest.raises(NotANumberError) as info:
        to_float_array(np.array("abc"), "revenue")  # an error naming the field, not numpy's TypeError
    assert info.value.field == "revenue"


@pytest.mark.parametrize("blank", [None, "", "   ", math.nan, np.nan, "　"])  # last: ideographic space
def test_blanks_are_none(blank):
    assert parse_number(blank, "field") is None


@pytest.mark.parametrize(
    "text",
    ["abc", "1,20", "12,34", "1,2345", "1 200", "85%%", "--5", "(-5)", "+-5", "1.2.3", "¥", "%", "e3", "五", "1e400"],
)
def test_text_that_is_not_a_number_is_an_error(text):
    with pytest.raises(NotANumberError) as info:
        parse_number(text, "revenue")
    assert info.value.field == "revenue"
    assert info.value.value == text


@pytest.mark.parametrize(
    "value", [True, False, dt.date(2024, 1, 1), dt.datetime(2024, 1, 1), math.inf, -math.inf, object()]
)
def test_non_numbers_are_errors(value):
    with pytest.raises(NotANumberError):
        parse_number(value, "field")


def test_error_names_field_and_where():
    with pytest.raises(NotANumberError) as info:
        parse_number("abc", "retention", "Sheet1!C4")
    assert info.value.field == "retention"
    assert info.value.where == "Sheet1!C4"
    assert "retention" in str(info.value) and "Sheet1!C4" in str(info.value) and "abc" in str(info.value)
    assert "不是数字" in info.value.message("zh")


@pytest.mark.parametrize("code", ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", " #n/a "])
def test_excel_errors(code):
    assert is_excel_error(code)
    with pytest.raises(ExcelErrorValue) as info:
        parse_number(code, "score")
    assert info.value.code == code.strip().upper()
    assert info.value.field == "score"


def test_not_every_hash_is_an_excel_error():
    assert not is_excel_error("#1")
    with pytest.raises(NotANumberError):
        parse_number("#1", "field")


# ---------------------------------------------------------------- ranges


def test_to_float_array_mixed_list():
    got = to_float_array(["85", 85, "85%", None, "", "¥1,200"], "scores")
    np.testing.assert_array_equal(got[[0, 1, 2, 5]], [85, 85, 0.85, 1200])
    assert np.isnan(got[3]) and np.isnan(got[4])


def test_to_float_array_names_field_and_position():
    with pytest.raises(NotANumberError) as info:
        to_float_array(["1", "2", "abc"], "scores")
    assert info.value.field == "scores"
    assert info.value.where == "item 3"


def test_to_float_array_two_dimensional_position():
    with pytest.raises(NotANumberError) as info:
        to_float_array([[1, 2, 3], [4, "x", 6]], "scores")
    assert info.value.where == "row 2, column 2"


def test_to_float_array_excel_error_has_position():
    with pytest.raises(ExcelErrorValue) as info:
        to_float_array([1, "#N/A"], "value")
    assert info.value.where == "item 2"
    assert info.value.code == "#N/A"


def test_to_float_array_keeps_shape():
    assert to_float_array([[1, 2], [3, 4]], "x").shape == (2, 2)
    assert to_float_array("7", "x").shape == ()
    assert float(to_float_array("7", "x")) == 7.0


def test_to_float_array_numeric_array_and_series():
    np.testing.assert_array_equal(to_float_array(np.array([1, 2, 3]), "x"), [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(to_float_array(pd.Series([1.5, 2.5]), "x"), [1.5, 2.5])


def test_to_float_array_text_series_with_blanks():
    got = to_float_array(pd.Series(["1,000", None, "20%"]), "x")
    assert got[0] == 1000 and np.isnan(got[1]) and got[2] == 0.2


def test_to_float_array_boolean_array_is_an_error():
    with pytest.raises(NotANumberError):
        to_float_array(np.array([True, False]), "x")


def test_to_float_array_disallow_missing():
    with pytest.raises(MissingValueError) as info:
        to_float_array([1, None, 3], "x", allow_missing=False)
    assert info.value.where == "item 2"


def test_to_float_array_infinity_only_when_allowed():
    with pytest.raises(NotANumberError):
        to_float_array([1, math.inf], "horizon")
    got = to_float_array([1, math.inf], "horizon", allow_inf=True)
    assert got[0] == 1 and math.isinf(got[1])
    assert math.isinf(float(to_float_array(math.inf, "horizon", allow_inf=True)))


def test_require():
    assert require("85%", "x") == 0.85
    with pytest.raises(MissingValueError) as info:
        require("", "retention")
    assert info.value.field == "retention"
