"""The Excel boundary: shapes in, shapes out, dates, languages and one-line errors."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from kam_xl.core import pareto
from kam_xl.errors import InputError, LengthMismatchError, MissingValueError, OutOfRangeError
from kam_xl.models import default_model
from kam_xl.xl import (
    align,
    cells,
    classify_within,
    days_between,
    error_text,
    excel_function,
    excel_rows,
    first_excel_error,
    lang_arg,
    orientation,
    records,
    scalar,
    table_frame,
    text_arg,
    to_excel,
    trim_blank_tail,
    vector,
)


def assert_one_line_error(text: object, field: str) -> None:
    """A cell-ready error: one line, '#KAM! ', naming the field, Chinese and English, no traceback."""
    assert isinstance(text, str)
    assert text.startswith("#KAM! ")
    assert field in text
    assert "\n" not in text and "Traceback" not in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text  # Chinese
    assert " / " in text  # "中文 / English"


# ---------------------------------------------------------------- shapes


@pytest.mark.parametrize(
    ("value", "shape", "orient"),
    [
        (5.0, (), "scalar"),
        (None, (), "scalar"),
        ([[5.0]], (1, 1), "scalar"),  # @arg(ndim=2): one cell arrives as [[v]]
        ([[1, 2, 3]], (1, 3), "row"),
        ([[1], [2], [3]], (3, 1), "column"),
        ([[1, 2], [3, 4], [5, 6]], (3, 2), "matrix"),
        ([1, 2, 3], (1, 3), "row"),  # a 1-D list (Lite without ndim) is a row
        ((1, 2), (1, 2), "row"),
    ],
)
def test_cells_and_orientation(value, shape, orient):
    arr = cells(value)
    assert arr.dtype == object
    assert arr.shape == shape
    assert orientation(arr) == orient


def test_cells_refuses_ragged_and_empty_ranges():
    with pytest.raises(InputError, match="not rectangular"):
        cells([[1, 2], [3]])
    with pytest.raises(InputError, match="empty"):
        cells([])


def test_cells_keeps_nested_values_as_cells():
    arr = cells([["a", None], [datetime(2024, 1, 1), "#N/A"]])
    assert arr[1, 0] == datetime(2024, 1, 1)
    assert arr[0, 1] is None


def test_vector_reads_any_range_in_reading_order():
    assert vector([[1], [2], [3]]).tolist() == [1, 2, 3]
    assert vector([[1, 2], [3, 4]]).tolist() == [1, 2, 3, 4]
    assert vector(7).tolist() == [7]


def test_records_row_or_column_is_one_record_block_is_many():
    arr, orient = records([[1, 2, 3]])
    assert arr.shape == (3,) and orient == "scalar"
    arr, orient = records([[1], [2], [3]])
    assert arr.shape == (3,) and orient == "scalar"
    arr, orient = records([[1, 2], [3, 4], [5, 6]])
    assert arr.shape == (3, 2) and orient == "column"  # one result per row → a column


def test_align_broadcasts_single_cells_and_pairs_rows_with_columns():
    (a, b, c), orient = align(["a", "b", "c"], [[[1], [2], [3]], [[10]], [[4, 5, 6]]])
    assert orient == "column"  # the first range decides
    assert a.tolist() == [1, 2, 3] and b == 10 and c.tolist() == [4, 5, 6]
    (x,), orient = align(["x"], [[[1, 2], [3, 4]]])
    assert orient == "matrix" and x.shape == (2, 2)
    (s,), orient = align(["s"], [[[7]]])
    assert orient == "scalar" and s == 7


def test_align_names_both_arguments_when_lengths_differ():
    with pytest.raises(LengthMismatchError) as info:
        align(["current", "potential"], [[[1], [2]], [[1], [2], [3]]])
    assert info.value.field == "potential"
    assert "current" in info.value.en and "3" in info.value.en


def test_trim_blank_tail_drops_only_trailing_all_blank_rows():
    levels = np.array(["决策层", None, "操作层", None, ""], dtype=object)
    scores = np.array([3, None, 1, None, None], dtype=object)
    a, b = trim_blank_tail(levels, scores)
    # row 2 is blank inside the table: kept, so an error still names row 2
    assert a.tolist() == ["决策层", None, "操作层"] and b.tolist() == [3, None, 1]
    # different lengths: left for the core to report
    c, d = trim_blank_tail(np.array([1, None], dtype=object), np.array([1], dtype=object))
    assert c.size == 2 and d.size == 1


def test_scalar_unwraps_one_cell_and_refuses_a_range():
    assert scalar([["x"]], "lang") == "x"
    assert scalar(3.0, "as_of") == 3.0
    with pytest.raises(InputError) as info:
        scalar([[1, 2]], "as_of")
    assert info.value.field == "as_of" and "single cell" in info.value.en


def test_text_arg():
    assert text_arg(None, "scorecard") is None
    assert text_arg([[""]], "scorecard") is None
    assert text_arg(" imsc_industry ", "scorecard") == "imsc_industry"
    with pytest.raises(InputError, match="must be text"):
        text_arg(3.0, "scorecard")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("zh", "zh"),
        ("ZH", "zh"),
        ("中文", "zh"),
        ("Chinese", "zh"),
        ("en", "en"),
        ("EN", "en"),
        ("English", "en"),
        ("english", "en"),
        ("英文", "en"),
        ([["en"]], "en"),
        ("ｅｎ", "en"),  # full-width
    ],
)
def test_lang_arg_accepts_names_in_any_case(given, expected):
    assert lang_arg(given, default_model()) == expected


def test_lang_arg_blank_is_the_models_language_and_junk_is_an_error():
    model = default_model()
    assert lang_arg(None, model) == model.language == "zh"
    assert lang_arg("", model) == "zh"
    with pytest.raises(InputError) as info:
        lang_arg("fr", model)
    assert info.value.field == "lang"
    with pytest.raises(InputError):
        lang_arg(1.0, model)


# ---------------------------------------------------------------- dates (read by kam_xl.cells: tests/test_cells.py)


def test_days_between_is_as_of_minus_date():
    got = days_between([[datetime(2024, 3, 1)], [None], ["2024/2/1"], [45292]], "2024-03-05", "due_dates")
    # 2024-03-05 − 03-01 = 4; blank; − 02-01 = 29 + 4 = 33; − 01-01 (serial 45292) = 31 + 29 + 4 = 64
    assert got[[0, 2, 3]].tolist() == [4, 33, 64] and np.isnan(got[1])
    with pytest.raises(MissingValueError) as info:
        days_between([[45292]], None, "due_dates")
    assert info.value.field == "as_of"
    with pytest.raises(InputError) as bad:
        days_between([[45292], ["later"]], 45356, "due_dates")
    assert bad.value.where == "item 2"


# ---------------------------------------------------------------- ranked classes


def test_classify_within_finds_each_value_among_values():
    model = default_model()
    values = [[500], [300], [100], [60], [40], [None]]  # a spare blank row is skipped
    # total 1000: share above 100 = 800/1000 = 0.8 → not < 0.8 → B
    out, orient = classify_within(lambda v: pareto.abc(v, model, "en"), [[100]], values)
    assert orient == "scalar" and out.item() == "B"
    out, orient = classify_within(lambda v: pareto.abc(v, model, "en"), [[500, 40]], values)
    assert orient == "row" and out.tolist() == ["A", "C"]  # 40: 960/1000 = 0.96 ≥ 0.95 → C


def test_classify_within_whole_range_keeps_shape_and_blanks():
    model = default_model()
    out, orient = classify_within(lambda v: pareto.abc(v, model, "en"), [[500], [None], [300], [200]])
    # total 1000: 500 → 0 → A; 300 → 0.5 → A; 200 → 0.8 → B
    assert orient == "column" and out.tolist() == ["A", None, "A", "B"]


def test_classify_within_value_not_among_values_is_an_error():
    with pytest.raises(InputError) as info:
        classify_within(lambda v: pareto.abc(v), [[7, 100]], [[100], [50]])
    assert info.value.field == "value" and info.value.where == "item 1"
    with pytest.raises(MissingValueError):
        classify_within(lambda v: pareto.abc(v), [[None], [None]])


def test_classify_within_core_errors_name_the_cell_in_the_range():
    # the core sees only the 3 non-blank cells; the negative one is cell 4 of the range
    with pytest.raises(OutOfRangeError) as info:
        classify_within(lambda v: pareto.abc(v), 100, [[100], [None], [50], [-5]])
    assert info.value.where == "row 4"  # a column range names the row, as Excel counts it
    with pytest.raises(OutOfRangeError) as info:
        classify_within(lambda v: pareto.abc(v), [[None, 100], [50, -5]])
    assert info.value.where == "row 2, column 2"


# ---------------------------------------------------------------- tables


def test_table_frame_headers_and_spare_rows():
    frame = table_frame(
        [["客户", None, "销售额", "销售额"], ["甲", 1, 100, 5], ["乙", 2, 50, 6], [None, None, None, None]]
    )
    assert list(frame.columns) == ["客户", "column 2", "销售额", "销售额 (2)"]
    assert len(frame) == 2
    with pytest.raises(InputError):
        table_frame([["客户", "销售额"]])
    with pytest.raises(InputError, match="no rows"):
        table_frame([["客户", "销售额"], [None, None]])


# ---------------------------------------------------------------- results


def test_to_excel_scalars():
    assert to_excel(np.float64(83.5)) == 83.5 and type(to_excel(np.float64(83.5))) is float
    assert type(to_excel(np.int64(6))) is float
    assert to_excel(np.array(2.5)) == 2.5
    assert to_excel(float("nan")) is None  # undefined (e.g. DSO without sales) → blank
    assert to_excel(np.array(np.nan)) is None
    assert to_excel(np.array("战略客户", dtype=object)) == "战略客户"
    assert to_excel(np.array([7.0]), "scalar") == 7.0
    assert to_excel(np.inf) == "#NUM!"


def test_to_excel_shapes_follow_the_input():
    assert to_excel(np.array([1.0, np.nan]), "column") == [[1.0], [None]]
    assert to_excel(np.array([1.0, 2.0]), "row") == [[1.0, 2.0]]
    assert to_excel(np.array([[1, 2], [3, 4]]), "matrix") == [[1.0, 2.0], [3.0, 4.0]]
    labels = to_excel(np.array(["A", "B"], dtype=object), "column")
    assert labels == [["A"], ["B"]] and all(type(r[0]) is str for r in labels)
    assert to_excel(np.array([np.str_("x")], dtype=object), "row") == [["x"]]
    assert type(to_excel(np.array([np.str_("x")], dtype=object), "row")[0][0]) is str


# ---------------------------------------------------------------- errors


def test_error_text_is_one_bilingual_line():
    exc = OutOfRangeError("retention", 1.2, "[0, 1)", "[0, 1)", "item 3")
    text = error_text(exc)
    assert text == "#KAM! retention @ item 3: 1.2 超出范围，应为 [0, 1) / 1.2 is out of range, must be [0, 1)"
    assert_one_line_error(text, "retention")


def test_error_text_of_a_bug_names_the_type_and_first_line_only():
    text = error_text(ZeroDivisionError("division by zero\nmore detail"))
    assert text == "#KAM! 内部错误 / internal error: ZeroDivisionError: division by zero"


def test_excel_function_turns_errors_into_text_and_propagates_excel_errors():
    @excel_function
    def f(x, y=None):
        if x == "kam":
            raise InputError("x", "第一行\n第二行", "line one\nline two", "row 2")
        if x == "bug":
            raise KeyError("oops")
        return to_excel(np.array([1.0, 2.0]), "column")

    assert f(1) == [[1.0], [2.0]]
    text = f("kam")
    assert_one_line_error(text, "x")
    assert text == "#KAM! x @ row 2: 第一行 第二行 / line one line two"
    assert f("bug") == "#KAM! 内部错误 / internal error: KeyError: 'oops'"
    # Excel errors in any argument come back unchanged, the first in reading order
    assert f([[1], ["#N/A"], ["#DIV/0!"]]) == "#N/A"
    assert f(1, [["#REF!"]]) == "#REF!"
    # another kam_xl function's error passes through rather than being wrapped
    upstream = "#KAM! scores @ item 2: “x” 不是数字 / “x” is not a number"
    assert f([[upstream]]) == upstream
    assert f.__name__ == "f" and f.__wrapped__ is not None


def test_first_excel_error():
    assert first_excel_error(1, None, "text") is None
    assert first_excel_error([[1, "#VALUE!"]], "#N/A") == "#VALUE!"
    assert first_excel_error(np.array([["ok", "#NUM!"]], dtype=object)) == "#NUM!"


def test_a_table_comes_back_as_rows_of_plain_cells() -> None:
    # NaN is a blank cell (None), numpy numbers plain floats, labels plain text
    rows = excel_rows(np.array([[np.float64(1.5), np.nan], ["战略客户", np.int64(3)]], dtype=object))
    assert rows == [[1.5, None], ["战略客户", 3.0]]
    assert type(rows[0][0]) is float and type(rows[1][1]) is float and type(rows[1][0]) is str
    with pytest.raises(ValueError, match="two dimensions"):
        excel_rows(np.array([1.0, 2.0]))
