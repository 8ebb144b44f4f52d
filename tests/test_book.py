"""The layout helper: cached values a viewer can read, data kept as text, protection, text Excel
can hold, safe saving."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from engines import cached_values
from openpyxl import Workbook, load_workbook

from kam_xl.models import default_model
from kam_xl.output import TEMP_PREFIX, CellTextError, is_ours
from kam_xl.workbooks.book import Book, OverwriteError


def _book() -> tuple[Book, object]:
    book = Book(default_model(), "zh", ("测试", "Test"))
    ws = book.sheet(("测试 & <表>", "Test"))
    return book, ws


def test_cached_values_of_every_type_are_readable_without_recalculation(tmp_path: Path) -> None:
    book, ws = _book()
    book.input(ws, "A1", 2.5)
    book.formula(ws, "B1", "=A1*2", 5.0, source="reference")
    book.formula(ws, "B2", '=IF(A1>1,"R&D <高>","")', "R&D <高>", source="reference")  # XML-special characters survive
    book.formula(ws, "B3", '=IF(A1>9,"x","")', "", source="reference")
    book.formula(ws, "B4", "=A1>1", True, source="reference")
    book.formula(ws, "B5", "=A1+1", 3, source="reference")
    book.formula(ws, "B6", "=DATE(2026,9,30)", date(2026, 9, 30), source="reference")
    path = book.save(tmp_path / "c.xlsx")
    seen = cached_values(path)
    title = "测试 & <表>"
    assert seen[(title, "B1")] == 5.0
    assert seen[(title, "B2")] == "R&D <高>"
    assert seen[(title, "B3")] == ""
    assert seen[(title, "B4")] is True
    assert seen[(title, "B5")] == 3.0
    assert seen[(title, "B6")] == 46295.0 or str(seen[(title, "B6")]).startswith("2026-09-30")
    # pandas, the other reader the issue names, sees the values too (not NaN)
    frame = pd.read_excel(path, sheet_name=title, header=None, engine="openpyxl")
    assert frame.iloc[0, 1] == 5.0 and frame.iloc[1, 1] == "R&D <高>"
    # the formulas are still there, and Excel recalculates on open
    wb = load_workbook(path)
    assert wb[title]["B1"].value == "=A1*2"
    assert wb.calculation.fullCalcOnLoad


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+86 10 1234", "-折扣客户", "@张工"])
def test_text_from_data_stays_text(tmp_path: Path, text: str) -> None:
    book, ws = _book()
    book.input(ws, "A1", text)
    path = book.save(tmp_path / "t.xlsx")
    cell = load_workbook(path)[ws.title]["A1"]
    assert cell.data_type == "s" and cell.value == text


def test_inputs_are_unlocked_and_formulas_locked_on_a_protected_sheet(tmp_path: Path) -> None:
    book, ws = _book()
    book.input(ws, "A1", 1.0)
    book.formula(ws, "B1", "=A1", 1.0, source="reference")
    path = book.save(tmp_path / "p.xlsx")
    sheet = load_workbook(path)[ws.title]
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet["A1"].protection.locked is False
    assert sheet["B1"].protection.locked is True


def test_save_never_overwrites_without_asking(tmp_path: Path) -> None:
    target = tmp_path / "mine.xlsx"
    target.write_bytes(b"a user's workbook")
    book, _ = _book()
    with pytest.raises(OverwriteError):
        book.save(target)
    assert target.read_bytes() == b"a user's workbook"
    assert list(tmp_path.iterdir()) == [target]  # no temp file left behind


def test_language_must_be_zh_or_en() -> None:
    with pytest.raises(Exception, match="zh or en"):
        Book(default_model(), "fr", ("测试", "Test"))


def test_text_up_to_excels_limit_is_kept_whole_and_one_more_character_is_refused(tmp_path: Path) -> None:
    book, ws = _book()
    book.input(ws, "A1", "长" * 32_767)  # Excel's limit: 32,767 characters in a cell
    with pytest.raises(CellTextError) as info:
        book.input(ws, "C3", "x" * 32_768)
    assert info.value.position is not None and info.value.position.cell is not None
    assert info.value.position.cell.endswith("!C3") and "32,768" in info.value.bilingual()
    path = book.save(tmp_path / "long.xlsx")
    assert load_workbook(path)[ws.title]["A1"].value == "长" * 32_767  # not cut


def test_a_cached_text_excel_cannot_hold_is_refused_naming_its_cell(tmp_path: Path) -> None:
    book, ws = _book()
    book.input(ws, "A1", 1.0)
    with pytest.raises(CellTextError) as info:  # refused as it is laid out, e.g. an account name looked up
        book.formula(ws, "B2", '=IF(A1>0,"x","")', "华东\x01电气", source="reference")
    book.save(tmp_path / "c.xlsx")  # and the book stays good: the refused cell was never put
    assert info.value.position is not None and info.value.position.cell is not None
    assert info.value.position.cell.endswith("!B2") and "U+0001" in info.value.bilingual()
    assert [p.name for p in tmp_path.iterdir()] == ["c.xlsx"]  # no temporary left


def test_a_streamed_row_with_text_excel_cannot_hold_names_its_cell(tmp_path: Path) -> None:
    book = Book(default_model(), "en", ("测试", "Test"))
    ws = book.sheet(("测试", "Stream"), streamed=True)
    text, plain = book.stamp(ws, "text"), book.stamp(ws, "plain")
    book.append(ws, [(text, "header")])
    with pytest.raises(CellTextError) as info:
        book.append(ws, [None, (text, "a\x0bb")])  # the second row, second column: B2
    assert info.value.position is not None and info.value.position.cell == "Stream!B2"
    with pytest.raises(CellTextError) as info:
        book.append(ws, [(plain, ("=A1", "x" * 40_000))])  # a formula's cached value, A2 still
    assert info.value.position is not None and info.value.position.cell == "Stream!A2"
    book.append(ws, [(text, "second row")])  # the refused rows were not written
    path = book.save(tmp_path / "s.xlsx")
    assert [c.value for c in load_workbook(path)["Stream"]["A"]] == ["header", "second row"]


def test_a_saved_book_is_stamped_as_kam_xls_and_leaves_no_temporary(tmp_path: Path) -> None:
    book, ws = _book()
    book.formula(ws, "B1", "=1+1", 2.0, source="reference")
    path = book.save(tmp_path / "c.xlsx")
    assert is_ours(path)
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))
    plain = Workbook()  # an openpyxl file: not ours
    plain.active["B1"] = "=1+1"
    plain.save(tmp_path / "plain.xlsx")
    assert not is_ours(tmp_path / "plain.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.xlsx", "plain.xlsx"]
