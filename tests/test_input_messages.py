"""An input message on every input cell (issue #7, deliverable 5): selecting a cell a user fills in says what to
type and its range, in the book's language — from the validation (range, list, date), the caller's label or the
cell's caption on the sheet; a free-text input gets a text-length validation with its message."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from kam_xl.models import default_model
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.templates import KINDS

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _asked(ws: Worksheet) -> dict[tuple[int, int], tuple[str, str]]:
    """Every cell under a validation with an input message: (title, text)."""
    out: dict[tuple[int, int], tuple[str, str]] = {}
    for dv in ws.data_validations.dataValidation:
        if not (dv.showInputMessage and dv.prompt):
            continue
        for rng in dv.sqref.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    out.setdefault((r, c), (dv.promptTitle or "", dv.prompt))
    return out


# The portfolio list is a streamed sheet: its kind validates each column. Account, industry and owner
# (A:C) are free text it has not yet put under a validation (part A of this session's issue).
_AWAITING = {"portfolio": {"A", "B", "C"}}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_input_cell_of_every_template_has_a_message_in_the_books_language(
    tmp_path: Path, kind: str, lang: str
) -> None:
    build = importlib.import_module(f"kam_xl.workbooks.{kind}").build
    path = build(None, model=default_model(), lang=lang).save(tmp_path / f"{kind}_{lang}.xlsx")
    wb = load_workbook(path)
    missing, wrong = [], []
    inputs = 0
    for ws in wb.worksheets:
        asked = _asked(ws)
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c, MergedCell) or c.protection.locked is not False:
                    continue
                inputs += 1
                message = asked.get((c.row, c.column))
                if message is None:
                    if c.column_letter not in _AWAITING.get(kind, set()) or ws.title == "Model":
                        missing.append(f"{ws.title}!{c.coordinate}")
                    continue
                title, text = message
                # Excel refuses a file with a longer input message (title 32, text 255 characters)
                if len(title) > 32 or len(text) > 255 or bool(_CJK.search(text)) != (lang == "zh"):
                    wrong.append(f"{ws.title}!{c.coordinate}: {title} | {text}")
                if lang == "en" and _CJK.search(title):
                    wrong.append(f"{ws.title}!{c.coordinate}: {title} | {text}")
    assert inputs > 400  # the Model sheet's values alone are 400 inputs
    assert not missing, f"{len(missing)} input cells without a message, e.g. {missing[:10]}"
    assert not wrong, f"{len(wrong)} messages too long or not in {lang}, e.g. {wrong[:10]}"


def _message(path: Path, sheet: str, ref: str) -> tuple[str, str]:
    ws = load_workbook(path)[sheet]
    return _asked(ws)[ws[ref].row, ws[ref].column]


def test_the_message_says_the_range_and_the_callers_label(tmp_path: Path) -> None:
    book = Book(default_model(), "zh", ("测试", "Test"))
    ws = book.sheet(("测试", "Test"))
    for ref in ("B1", "B2", "B3", "B4", "B5", "B6"):
        book.input(ws, ref)
    book.number_range(ws, "B1", 0, 10, label=("评分（10 = 最强）", "Score (10 = strongest)"))
    book.number_range(ws, "B2", 0, None, whole=True)
    book.number_range(ws, "B3", 0, 1)  # a ratio: typed as 0.85 or 85 %
    book.dates(ws, "B4")
    book.fixed_choices(ws, "B5", ["计划中", "已完成"])
    path = book.save(tmp_path / "zh.xlsx")
    assert _message(path, "测试", "B1") == ("评分（10 = 最强）", "输入 0–10 之间的数值")
    assert _message(path, "测试", "B2") == ("整数", "输入不小于 0 的整数")
    assert _message(path, "测试", "B3")[1] == "输入 0–1 之间的数值（比例，85% 即 0.85）"
    assert _message(path, "测试", "B4") == ("日期", "输入日期，如 2026-03-31")
    assert _message(path, "测试", "B5")[1] == "从下拉列表中选择：计划中、已完成"
    # B6 had no validation: a text one, with its message
    assert _message(path, "测试", "B6") == ("文字", "输入文字，最多 2000 个字符")

    book = Book(default_model(), "en", ("测试", "Test"))
    ws = book.sheet(("测试", "Test"))
    book.input(ws, "B1")
    book.number_range(ws, "B1", 1, 5, whole=True, label=("影响力", "Influence"))
    path = book.save(tmp_path / "en.xlsx")
    assert _message(path, "Test", "B1") == ("Influence", "Enter a whole number from 1 to 5")


def test_an_unlabelled_input_is_titled_by_its_caption(tmp_path: Path) -> None:
    book = Book(default_model(), "zh", ("测试", "Test"))
    ws = book.sheet(("测试", "Test"))
    book.side(ws, "A1", "年度销售目标")
    book.input(ws, "B1")
    book.number_range(ws, "B1", 0, None)
    book.headers(ws, 3, ["姓名", "影响力"])
    for r in (4, 5, 6):
        book.input(ws, f"A{r}")
        book.input(ws, f"B{r}")
    book.number_range(ws, "B4:B6", 1, 5)
    path = book.save(tmp_path / "caption.xlsx")
    assert _message(path, "测试", "B1") == ("年度销售目标", "输入不小于 0 的数值")
    assert _message(path, "测试", "B5") == ("影响力", "输入 1–5 之间的数值")
    assert _message(path, "测试", "A6") == ("姓名", "输入文字，最多 2000 个字符")  # free text: one range A4:A6
    dvs = load_workbook(path)["测试"].data_validations.dataValidation
    assert [str(dv.sqref) for dv in dvs if dv.type == "textLength"] == ["A4:A6"]


def test_a_label_too_long_for_a_title_leads_the_message(tmp_path: Path) -> None:
    book = Book(default_model(), "en", ("测试", "Test"))
    ws = book.sheet(("测试", "Test"))
    book.input(ws, "B1")
    long = "Share of the account's category spend that goes to us"  # 54 characters: over Excel's 32
    book.number_range(ws, "B1", 0, 1, label=(long, long))
    path = book.save(tmp_path / "long.xlsx")
    assert _message(path, "Test", "B1") == ("Number", f"{long}\nEnter a number from 0 to 1 (a ratio: 85% is 0.85)")
