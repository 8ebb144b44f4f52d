"""An .xlsx read through python-calamine gives the Table openpyxl gives, cell for cell.

kam_xl.reading reads .xlsx through python-calamine when it is installed (about 15x
faster) and through openpyxl otherwise (xlwings Lite has no calamine). Each
workbook below — the shapes the reading, ledger and score tests build, and the
cells calamine reads its own way — is read both ways and the Tables compared
value and type (``1200`` is an int in both, a date cell a datetime in both).
Where calamine cannot match, the file goes through openpyxl: the test says which.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

import kam_xl.reading as reading
from kam_xl.cells import excel_error
from kam_xl.errors import FileError
from kam_xl.ledger import is_ledger_header
from kam_xl.reading import MAX_COLUMNS, Table, read_table, unique_headers
from tests.engines import soffice
from tests.test_reading import xlsx as reading_xlsx
from tests.test_score_command import HEADERS, messy_workbook

pytest.importorskip("python_calamine")


def cells(table: Table) -> list[list[tuple[type, object]]]:
    return [[(type(v), v) for v in row] for row in table.frame.itertuples(index=False)]


def both(monkeypatch: pytest.MonkeyPatch, path: Path, *, calamine: bool = True, **kw: object) -> Table:
    """The table read through calamine and through openpyxl, asserted equal; ``calamine``: whether calamine read it."""
    fell_back = []
    through_openpyxl = reading._read_openpyxl

    def spy(*args: object) -> Table:
        fell_back.append(True)
        return through_openpyxl(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "_read_openpyxl", spy)
    fast = read_table(path, **kw)  # type: ignore[arg-type]
    assert not fell_back if calamine else fell_back
    monkeypatch.setattr(reading, "USE_CALAMINE", False)
    slow = read_table(path, **kw)  # type: ignore[arg-type]
    monkeypatch.setattr(reading, "USE_CALAMINE", True)
    assert fast.frame.columns.tolist() == slow.frame.columns.tolist()
    assert cells(fast) == cells(slow)
    assert fast.rows.tolist() == slow.rows.tolist()
    assert (fast.source, fast.sheet, fast.encoding, fast.skipped) == (
        slow.source,
        slow.sheet,
        slow.encoding,
        slow.skipped,
    )
    return fast


def book(path: Path, fill: Callable[[object], None], title: str = "Sheet") -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    fill(ws)
    wb.save(path)
    return path


# ---------------------------------------------------------------- the shapes the other tests build


def test_the_reading_tests_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = both(monkeypatch, reading_xlsx(tmp_path / "ok.xlsx"))
    # 1200 and 800 are typed as whole numbers: ints, as openpyxl reads "1200"; the invoice keeps its zeros
    assert cells(table)[0] == [(str, "华东电气"), (str, "0001"), (str, "2024-03-05"), (str, "2024-04-04"), (int, 1200)]
    assert table.rows.tolist() == [2, 3] and table.sheet == "台账"


def test_the_score_tests_messy_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # merged title cells above the header, a blank row, the header on row 4, text like a formula, a totals row
    path = tmp_path / "messy.xlsx"
    messy_workbook(path)
    table = both(monkeypatch, path, is_header=lambda row: HEADERS[0] in row)
    assert (
        table.frame.columns.tolist() == unique_headers(HEADERS) and table.rows[0] == 5
    )  # the header on row 4, data from 5
    assert [s.row for s in table.skipped]  # the 合计 row, reported in both
    assert any(isinstance(v, str) and v.startswith("=") for v in table.frame.to_numpy().ravel())


def test_the_ledger_tests_dates_serials_and_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(ws) -> None:
        ws["A1"] = "2024 年应收台账"
        ws.append([])
        ws.append(["客户编号", "客户名称", "发票号", "开票日期", "到期日", "金额", "结清日期"])
        ws.append([1001, "华为", 611365, datetime(2024, 3, 5), 45386, 1200, None])
        ws.append([1001.0, "华为", "0002", "2024年3月6日", "2024-04-05", "¥500", datetime(2024, 4, 1)])
        ws.append(["A1", "CN1", "0003", date(2024, 6, 15), date(2024, 7, 15), -300.5, None])

    table = both(monkeypatch, book(tmp_path / "ledger.xlsx", fill, "应收"), sheet="应收", is_header=is_ledger_header)
    first, second, third = cells(table)
    assert first[3] == (datetime, datetime(2024, 3, 5)) and first[4] == (
        int,
        45386,
    )  # a date cell; a serial stays a number
    assert second[0] == (int, 1001)  # 1001.0 is written "1001": openpyxl reads an int
    assert third[3] == (datetime, datetime(2024, 6, 15)) and third[5] == (float, -300.5)  # a date cell: a datetime
    assert table.rows.tolist() == [4, 5, 6]


# ---------------------------------------------------------------- cells calamine reads its own way


def test_every_kind_of_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(ws) -> None:
        ws.append(["名称", "值"])
        for v in [
            "0001", "=SUM(A1)", "  ", True, False, 0, -0.0, 1200.5, 1e-7, 0.25,
            datetime(2024, 3, 5, 13, 30), time(12, 30), timedelta(hours=30), "#N/A", "#DIV/0!", "Total",
        ]:  # fmt: skip
            ws.append(["x", v])
        ws.cell(2, 2).data_type = "s"  # "=SUM(A1)" is text, not a formula
        ws.cell(3, 2).data_type = "s"
        ws.cell(20, 2, 0.5).number_format = "h:mm"  # a time of day
        ws.cell(21, 2, 1.5).number_format = "[h]:mm"  # a duration
        ws.cell(22, 2, 45000).number_format = "yyyy-mm-dd"  # 45000 = 2023-03-15
        ws.cell(23, 2, -5).number_format = "yyyy-mm-dd"  # before 1900: openpyxl reads a datetime in 1899
        ws.cell(24, 2, 2958466).number_format = "yyyy-mm-dd"  # past 9999-12-31: openpyxl reads #VALUE!
        ws.cell(25, 2, 45000.25).number_format = "0%"  # a number format that is not a date

    table = both(monkeypatch, book(tmp_path / "kinds.xlsx", fill))
    got = dict(zip(table.rows.tolist(), table.frame["值"], strict=True))
    assert got[2] == "0001" and got[3] == "=SUM(A1)" and got[5] is True and got[7] == 0 and type(got[7]) is int
    assert got[12] == datetime(2024, 3, 5, 13, 30) and got[13] == time(12, 30) and got[14] == timedelta(hours=30)
    assert excel_error(got[15]) == "#N/A" and excel_error(got[16]) == "#DIV/0!"  # error cells, not blanks
    assert got[20] == time(12) and got[21] == timedelta(hours=36) and got[22] == datetime(2023, 3, 15)
    assert got[23] == datetime(1899, 12, 25) and excel_error(got[24]) == "#VALUE!"  # 1899-12-30 − 5 days
    assert table.skipped[0].row == 17  # "Total" in the second column: a totals row


def test_a_sheet_that_starts_at_c3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(ws) -> None:
        ws["C3"], ws["D3"] = "客户", "金额"
        ws["C4"], ws["D4"] = "华东", 5
        ws["C6"], ws["D6"] = "华南", 7  # a blank row 5 inside the data
        ws.cell(20_000, 3, "a note far below")  # beyond a run of BLANK_RUN blank rows: not read

    table = both(monkeypatch, book(tmp_path / "c3.xlsx", fill))
    assert table.frame.columns.tolist() == ["column 1", "column 2", "客户", "金额"]  # columns A and B are blank
    assert table.rows.tolist() == [4, 5, 6]


def test_columns_beyond_max_columns_and_blank_headers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(ws) -> None:
        ws.append(["客户", None, "客户", "  "])
        ws.append(["A", 1, 2, 3])
        ws.cell(1, MAX_COLUMNS + 10, "beyond")
        ws.cell(2, MAX_COLUMNS + 10, 99)

    table = both(monkeypatch, book(tmp_path / "wide.xlsx", fill))
    assert table.frame.columns.tolist() == ["客户", "column 2", "客户 (2)"]  # the white-space heading is dropped


def test_the_1904_date_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    assert ws is not None
    ws.append(["日期"])
    ws.append([datetime(2024, 3, 5)])
    wb.save(tmp_path / "mac.xlsx")
    assert cells(both(monkeypatch, tmp_path / "mac.xlsx")) == [[(datetime, datetime(2024, 3, 5))]]


@pytest.mark.parametrize(
    ("sheet", "error"),
    [("第二", None), (1, None), (0, None), ("无此表", "no sheet '无此表' in the workbook"), (5, "only 2 sheets")],
)
def test_the_sheet_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sheet: str | int, error: str | None
) -> None:
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = "第一"
    first.append(["a"])
    first.append([1])
    second = wb.create_sheet("第二")
    second.append(["b"])
    second.append([2])
    wb.save(tmp_path / "two.xlsx")
    if error is None:
        table = both(monkeypatch, tmp_path / "two.xlsx", sheet=sheet)
        assert table.sheet == ("第一" if sheet == 0 else "第二")
        return
    messages = []
    for use in (True, False):
        monkeypatch.setattr(reading, "USE_CALAMINE", use)
        with pytest.raises(FileError, match=error) as info:
            read_table(tmp_path / "two.xlsx", sheet=sheet)
        messages.append(info.value.bilingual())
    assert messages[0] == messages[1]


# ---------------------------------------------------------------- read through openpyxl instead


def rewrite(path: Path, part: str, edit: Callable[[bytes], bytes]) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, edit(data) if info.filename == part else data)
    path.write_bytes(buf.getvalue())
    return path


def two_rows(ws) -> None:
    ws.append(["客户", "金额"])
    ws.append(["华东", 1200])


@pytest.mark.parametrize(
    "edit",
    [
        # a cell at XFD1048576: calamine would build a block of 17 billion cells and abort the process
        lambda x: x.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
        # a cell at BZ999999: 78 million cells from A1, beyond the bound
        lambda x: x.replace(b"</sheetData>", b'<row r="999999"><c r="BZ999999"><v>1</v></c></row></sheetData>'),
        # a whole number written as "1200.0": openpyxl reads a float, calamine cannot tell it from "1200"
        lambda x: x.replace(b"<v>1200</v>", b"<v>1200.0</v>"),
        # a cell without its reference: where it sits is not seen by the scan
        lambda x: x.replace(b'<c r="B2" t="n">', b'<c t="n">'),
        # a reference in single quotes
        lambda x: x.replace(b'<c r="B2"', b"<c r='B2'"),
        # an escaped carriage return in a text: openpyxl keeps _x000D_ as it is, calamine decodes it
        lambda x: x.replace(b"<v>1200</v>", b'<v>1200</v></c><c r="C2" t="inlineStr"><is><t>a_x000D_b</t></is>'),
    ],
    ids=["xfd1048576", "bz999999", "float-text", "no-reference", "single-quotes", "x000D"],
)
def test_sheets_calamine_cannot_read_alike_go_through_openpyxl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Callable[[bytes], bytes]
) -> None:
    path = rewrite(book(tmp_path / "odd.xlsx", two_rows), "xl/worksheets/sheet1.xml", edit)
    table = both(monkeypatch, path, calamine=False)
    assert cells(table)[0][:2] == [
        (str, "华东"),
        (int, 1200) if b"1200.0" not in edit(b"<v>1200</v>") else (float, 1200.0),
    ]


def test_a_date_where_openpyxl_reads_a_number_goes_through_openpyxl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chinese Excel's built-in date format 31 (yyyy年m月d日): calamine reads a date, openpyxl (which does not
    # know the CJK built-ins) the serial number
    def styles(xml: bytes) -> bytes:
        return xml.replace(b'<cellXfs count="1">', b'<cellXfs count="2">').replace(
            b"</cellXfs>", b'<xf numFmtId="31" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>'
        )

    path = book(tmp_path / "cjk.xlsx", two_rows)
    rewrite(path, "xl/styles.xml", styles)
    rewrite(path, "xl/worksheets/sheet1.xml", lambda x: x.replace(b'<c r="B2" t="n">', b'<c r="B2" s="1" t="n">'))
    assert cells(both(monkeypatch, path, calamine=False))[0][1] == (int, 1200)


def test_the_checks_still_come_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = rewrite(
        book(tmp_path / "evil.xlsx", two_rows),
        "xl/worksheets/sheet1.xml",
        lambda x: b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "e">]>\n' + x.split(b"?>", 1)[-1],
    )
    opened: list[Sequence[object]] = []
    import python_calamine

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", lambda *a: opened.append(a))
    with pytest.raises(FileError, match="unsafe XML"):
        read_table(path)
    assert not opened  # calamine never saw it


def test_an_empty_text_goes_through_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an empty text (openpyxl writes 华东 as an inline string of character references): openpyxl reads "",
    # calamine a blank — the same to kam_xl, but not the same cell
    def empty(xml: bytes) -> bytes:
        return xml.replace(b"<t>&#21326;&#19996;</t>", b"<t/>")

    path = rewrite(book(tmp_path / "empty.xlsx", two_rows), "xl/worksheets/sheet1.xml", empty)
    assert cells(both(monkeypatch, path, calamine=False))[0][:2] == [(str, ""), (int, 1200)]


def test_a_workbook_saved_by_an_office_suite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # openpyxl writes texts inline; Excel, WPS and LibreOffice write them once, in the shared strings part
    exe = soffice()
    assert exe, "LibreOffice (soffice) is needed: bash scripts/test.sh installs it"
    src = tmp_path / "messy.xlsx"
    messy_workbook(src)
    profile = tmp_path / "profile"
    subprocess.run(
        [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(tmp_path / "out"), str(src)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    saved = tmp_path / "out" / "messy.xlsx"
    assert "xl/sharedStrings.xml" in zipfile.ZipFile(saved).namelist()
    table = both(monkeypatch, saved, is_header=lambda row: HEADERS[0] in row)
    assert table.frame.columns.tolist() == unique_headers(HEADERS) and table.rows[0] == 5
    shutil.rmtree(profile, ignore_errors=True)
