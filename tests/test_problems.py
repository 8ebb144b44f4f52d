"""The one problem record and the Problems sheet every command writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from kam_xl.models import default_model
from kam_xl.problems import Problem, count_by_kind
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.problems_sheet import problems_sheet

KINDS = {"bad": ("无法读取", "unreadable"), "stale": ("数值与重算不符", "differs from the recomputation")}


def test_message_places_what_is_known() -> None:
    cell = Problem.of(KINDS, "bad", "不是数字", "not a number", file="team.xlsx", sheet="客户", cell="C7")
    row = Problem.of(KINDS, "bad", "重复的客户", "duplicated account", file="ar.csv", row=12)
    whole = Problem.of(KINDS, "stale", "模型不同", "another model", file="plan.xlsx")
    assert cell.message("en") == "team.xlsx: 客户!C7: unreadable: not a number"
    assert row.message("zh") == "ar.csv: 行/row 12: 无法读取: 重复的客户"
    assert whole.message("en") == "plan.xlsx: differs from the recomputation: another model"
    assert count_by_kind([cell, row], KINDS, "en") == [("unreadable", 2), ("differs from the recomputation", 0)]


def test_sheet_lists_each_problem_in_the_shared_columns(tmp_path: Path) -> None:
    problems = [
        Problem.of(KINDS, "bad", "不是数字", "not a number", file="team.xlsx", sheet="客户", cell="C7", column="销售额",
                value="=HYPERLINK(\"x\")"),
        Problem.of(KINDS, "stale", "与重算不符", "differs", file="plan.xlsx", sheet="评分", cell="F5", value=80, expected=82.5),
        Problem.of(KINDS, "bad", "日期", "date", file="ar.csv", row=9, document="INV-9", value=date(2026, 1, 31)),
    ]  # fmt: skip
    book = Book(default_model(), "en", ("测试", "Test"))
    problems_sheet(book, problems, title=("问题清单", "What was found"), none=("无", "None"))
    path = tmp_path / "p.xlsx"
    book.save(path)
    ws = openpyxl.load_workbook(path)["Problems"]
    heads = [c.value for c in ws[3]]
    # no problem names an account: that column is left out; the others keep the shared order
    assert heads == ["File", "Sheet", "Cell / row", "Column", "Document no.", "Kind", "Value as found",
                     "Recomputed", "Why"]  # fmt: skip
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert rows[0][:4] == ["team.xlsx", "客户", "C7", "销售额"]
    assert rows[0][6] == '=HYPERLINK("x")' and ws["G4"].data_type == "s"  # stays text, not a formula
    assert rows[1][6:9] == [80, 82.5, "differs"]
    assert rows[2][2] == 9 and rows[2][4] == "INV-9"  # a CSV row: its number
    assert ws["G6"].value.date() == date(2026, 1, 31)


def test_sheet_says_when_there_is_nothing(tmp_path: Path) -> None:
    book = Book(default_model(), "zh", ("测试", "Test"))
    problems_sheet(book, [], title=("问题清单", "What was found"), none=("没有问题", "Nothing found"))
    path = tmp_path / "p.xlsx"
    book.save(path)
    ws = openpyxl.load_workbook(path)["问题"]
    assert ws["A4"].value == "没有问题"
    assert [c.value for c in ws[3]] == ["文件", "类别", "说明"]
