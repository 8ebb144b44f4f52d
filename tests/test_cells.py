"""The one reader of cell values (kam_xl.cells): blanks, numbers, dates, Excel errors, identifiers.

Expected dates are worked out by hand: Excel's serial 45292 is 2024-01-01
(1899-12-30 + 45292 days) and 2024-03-05 = 45292 + 31 + 29 + 4 = 45356.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kam_xl.cells import (
    blank_mask,
    date_to_serial,
    decide_day_first,
    excel_error,
    identifier,
    identifiers,
    is_blank,
    parse_number,
    serial_to_date,
    to_date,
    to_dates,
)
from kam_xl.errors import ExcelErrorValue, InputError, NotADateError, OutOfRangeError, Position


def test_blank_is_none_or_empty_text_never_zero():
    assert is_blank(None) and is_blank("") and is_blank("  ") and is_blank(float("nan"))
    # xlwings Lite passes an empty cell as 0: a zero is a value, not a blank
    assert not is_blank(0) and not is_blank(0.0) and not is_blank("0")


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2024, 3, 5, 14, 30), date(2024, 3, 5)),  # classic xlwings: datetime
        (date(2024, 3, 5), date(2024, 3, 5)),
        (np.datetime64("2024-03-05"), date(2024, 3, 5)),
        # Excel 1900 system. 45292 = 2024-01-01 (1899-12-30 + 45292 days);
        # 2024-03-05 = 45292 + 31 (Jan) + 29 (Feb, leap year) + 4 = 45356.
        (45356, date(2024, 3, 5)),
        (45356.75, date(2024, 3, 5)),  # 18:00 — the time of day is dropped
        (45292.0, date(2024, 1, 1)),
        (1, date(1900, 1, 1)),  # serial 1 = 1900-01-01
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),  # after Excel's fictitious 1900-02-29 (serial 60)
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05T00:00:00", date(2024, 3, 5)),
        ("2024/3/5", date(2024, 3, 5)),
        ("2024.3.5", date(2024, 3, 5)),
        ("2024年3月5日", date(2024, 3, 5)),
        ("２０２４年３月５日", date(2024, 3, 5)),  # full-width digits
        (" 2024-3-5 ", date(2024, 3, 5)),
    ],
)
def test_to_date_accepts_what_excel_and_people_give(value, expected):
    assert to_date(value, "due_dates") == expected


@pytest.mark.parametrize("value", [None, "", "   ", float("nan")])
def test_to_date_blank_is_none(value):
    assert to_date(value, "due_dates") is None


def test_to_date_refuses_the_day_that_never_was():
    with pytest.raises(InputError) as info:
        to_date(60, "due_dates", "item 4")
    assert "1900-02-29" in info.value.en and info.value.where == "item 4"


@pytest.mark.parametrize("value", [0, -3, 0.5, 2958466, 1e12])
def test_to_date_refuses_serials_outside_excels_dates(value):
    with pytest.raises(OutOfRangeError):
        to_date(value, "due_dates")


@pytest.mark.parametrize("value", ["soon", "2024-13-01", "2024-02-30", "2/30/2024", True, "45356x", "12/2024"])
def test_to_date_refuses_non_dates(value):
    with pytest.raises(InputError) as info:
        to_date(value, "due_dates", "item 2")
    assert info.value.field == "due_dates" and info.value.where == "item 2"
    assert "not a date" in info.value.en or "out of range" in info.value.en


def test_to_date_excel_error_is_an_excel_error():
    with pytest.raises(ExcelErrorValue) as info:
        to_date("#N/A", "due_dates")
    assert info.value.code == "#N/A"


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)))
def test_serials_and_iso_text_round_trip(day):
    serial = (day - date(1899, 12, 30)).days
    assert to_date(serial, "d") == day
    assert to_date(float(serial) + 0.999, "d") == day
    assert to_date(day.isoformat(), "d") == day
    assert to_date(f"{day.year}年{day.month}月{day.day}日", "d") == day


@pytest.mark.parametrize(
    "value",
    ["45356", "20240305", 20240305, "5 Mar 2024", "March 5, 2024", "05-Mar-2024", "2024/03/05 13:45:00"],
)
def test_to_date_one_grammar_for_ledgers_and_worksheet_functions(value):
    # the forms a ledger export and a worksheet cell both give: one reader, one answer
    assert to_date(value) == date(2024, 3, 5)


def test_slashed_dates_take_the_order_a_part_over_12_proves():
    assert to_date("13/1/2024") == date(2024, 1, 13)  # 13 cannot be a month: day first
    assert to_date("1/13/2024") == date(2024, 1, 13)  # … month first
    assert to_date("3/5/2024", day_first=True) == date(2024, 5, 3)
    assert to_date("3/5/2024", day_first=False) == date(2024, 3, 5)
    with pytest.raises(InputError) as info:
        to_date("3/5/2024", "as_of")
    assert info.value.field == "as_of" and "dayfirst" in info.value.en and "日在前" in info.value.zh


def test_day_first_is_decided_once_for_all_the_columns_of_a_file():
    invoice = ("InvoiceDate", ["1/2/2024", "3/4/2024"], None)  # ambiguous on their own
    due = ("DueDate", ["13/2/2024"], None)  # proves day/month/year for the whole file
    assert decide_day_first([invoice, due]) is True
    # so 12/02/2024 beside 13/01/2024 is 12 February, not 2 December
    assert to_dates(["13/01/2024", "12/02/2024"]).tolist() == [date(2024, 1, 13), date(2024, 2, 12)]
    assert decide_day_first([("a", ["2024-03-05", 45356], None)]) is None  # no slashed date: nothing to decide


def test_day_first_refuses_a_file_that_mixes_orders_naming_the_cell():
    where = [Position(row=2), Position(row=3), Position(row=4)]
    with pytest.raises(InputError) as info:
        decide_day_first([("DueDate", ["1/13/2024", "2/2/2024", "13/1/2024"], where)])
    assert (info.value.field, info.value.where) == ("DueDate", "row 4")
    assert "1/13/2024" in info.value.en


def test_day_first_refuses_when_every_slashed_date_is_ambiguous_unless_told():
    cols = [("InvoiceDate", ["1/2/2024", "3/4/2024"], [Position(row=2), Position(row=3)])]
    with pytest.raises(InputError) as info:
        decide_day_first(cols)
    assert info.value.where == "row 2" and "dayfirst" in info.value.en
    assert decide_day_first(cols, True) is True
    # told the wrong order: the date that contradicts it is named
    with pytest.raises(InputError) as wrong:
        decide_day_first([("d", ["1/2/2024", "1/13/2024"], None)], True)
    assert wrong.value.where == "item 2"


def test_to_dates_reads_each_distinct_value_once_and_names_the_bad_cell():
    got = to_dates(pd.Series(["2024-03-05", None, "2024年3月5日", 45356, "", "2024-03-05"], dtype=object))
    assert got[[0, 2, 3, 5]].tolist() == [date(2024, 3, 5)] * 4 and np.isnat(got[[1, 4]]).all()
    with pytest.raises(NotADateError) as info:
        to_dates(["2024-01-01", "later", "later"], "InvoiceDate", [Position(row=9), Position(row=17), None])
    assert (info.value.field, info.value.where) == ("InvoiceDate", "row 17")


def test_to_dates_numeric_column():
    got = to_dates(pd.Series([45356.0, 20240305.0, np.nan, 1.0]))
    assert got[[0, 1, 3]].tolist() == [date(2024, 3, 5), date(2024, 3, 5), date(1900, 1, 1)] and np.isnat(got[2])
    with pytest.raises(InputError):
        to_dates(pd.Series([45356.0, 60.0]))  # Excel's 1900-02-29
    with pytest.raises(NotADateError):
        to_dates(pd.Series([20240230.0]))  # yyyymmdd with no such day


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)))
def test_date_to_serial_inverts_serial_to_date(day):
    assert serial_to_date(date_to_serial(day)) == day


def test_early_serials():
    assert date_to_serial(date(1900, 2, 28)) == 59 and date_to_serial(date(1900, 3, 1)) == 61


# ---------------------------------------------------------------- numbers and errors


def test_decimal_is_a_number():
    # classic xlwings passes a currency- or accounting-formatted cell as Decimal
    assert parse_number(Decimal("1234.50"), "amount") == 1234.5
    assert parse_number(Decimal("NaN"), "amount") is None


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (-2146826281, "#DIV/0!"),  # 0x800A07D7: 0x800A0000 + 2007, as a signed 32-bit int
        (-2146826246, "#N/A"),  # + 2042
        (-2146826238, "#CALC!"),  # + 2050: −2146826246 + 8
        (-2146826243, "#SPILL!"),  # + 2045: −2146826246 + 3
    ],
)
def test_com_error_codes_are_excel_errors(code, text):
    assert excel_error(code) == text
    with pytest.raises(ExcelErrorValue) as info:
        parse_number(code, "margin")
    assert info.value.code == text


def test_ordinary_integers_are_not_errors():
    assert excel_error(-5) is None and excel_error(2042) is None and excel_error(True) is None
    assert parse_number(-2146826246.0, "x") == -2146826246.0  # a float is a number: COM codes arrive as ints


def test_blank_mask_matches_is_blank():
    cells = [None, "", "  ", "\u3000", float("nan"), pd.NaT, 0, "0", "a", pd.NA]
    assert blank_mask(pd.Series(cells, dtype=object)).tolist() == [is_blank(v) for v in cells]
    assert [is_blank(v) for v in cells] == [True, True, True, True, True, True, False, False, False, True]


def test_identifiers():
    assert identifier(7.0) == "7" and identifier("0007") == "0007" and identifier(Decimal("12")) == "12"
    assert identifier(" ＩＮＶ１ ") == "INV1" and identifier("  ") is None
    got = identifiers(pd.Series([7.0, "0007", None, float("nan"), "", 7], dtype=object))
    assert got.tolist() == ["7", "0007", None, None, None, "7"]
    # all-text columns take a fast path: an empty cell, surrounding spaces, a lone empty cell are still blank
    assert identifiers(pd.Series(["A1", "", "B2"], dtype=object)).tolist() == ["A1", None, "B2"]
    assert identifiers(pd.Series(["", "A1"], dtype=object)).tolist() == [None, "A1"]
    assert identifiers(pd.Series(["A1", ""], dtype=object)).tolist() == ["A1", None]
    assert identifiers(pd.Series([""], dtype=object)).tolist() == [None]
    assert identifiers(pd.Series([" A1", "B2\t"], dtype=object)).tolist() == ["A1", "B2"]
    assert identifiers(pd.Series(["A1", "\x1c"], dtype=object)).tolist() == ["A1", None]  # str.strip() takes \x1c
    assert identifiers(pd.Series(["A1", None, "B2"], dtype=object)).tolist() == ["A1", None, "B2"]
