"""The boundary for files read (kam_xl.reading): every fault a real file can have, on disk.

Each case either reads the right values or fails with one FileError line that
names the file (and the line, for text) — no traceback, no hang, no garbled text.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

from kam_xl.core.receivables import receivables
from kam_xl.errors import FileError, KamError
from kam_xl.ledger import read_ledger
from kam_xl.models import default_model
from kam_xl.reading import check_workbook, file_kind, is_total_label, read_table, read_text
from tests.engines import soffice

HEAD = ["客户", "发票号", "开票日期", "到期日", "金额"]
ROWS = [["华东电气", "0001", "2024-03-05", "2024-04-04", 1200], ["中联仪表", "0002", "2024-03-06", "2024-04-05", 800]]


def xlsx(path: Path, rows: list[list[object]] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    for r in [HEAD, *(ROWS if rows is None else rows)]:
        ws.append(r)
    wb.save(path)
    return path


def replace_part(path: Path, part: str, edit) -> Path:
    """Rewrite one XML part of an xlsx (a file as a hostile or broken tool would leave it)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, edit(data.decode("utf-8")).encode("utf-8") if info.filename == part else data)
    path.write_bytes(buf.getvalue())
    return path


def one_line(exc: KamError, name: str) -> None:
    text = exc.bilingual()
    assert "\n" not in text and "Traceback" not in text and name in text


# ---------------------------------------------------------------- workbooks


def test_a_good_workbook_reads(tmp_path: Path) -> None:
    table = read_table(xlsx(tmp_path / "ok.xlsx"))
    assert table.frame.columns.tolist() == HEAD and table.rows.tolist() == [2, 3]
    assert table.frame.iloc[1].tolist() == ["中联仪表", "0002", "2024-03-06", "2024-04-05", 800]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"customer,invoice\nA,1\n", None),  # a CSV renamed .xlsx: read as the text it is
        (b"%PDF-1.4\x00\x01\x02binary\x00\x00garbage", "binary"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "HTML"),
        (b"", "empty"),
    ],
)
def test_not_a_zip(tmp_path: Path, content: bytes, says: str | None) -> None:
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(content)
    with pytest.raises(FileError) as info:
        check_workbook(path, "model")  # a Model-sheet workbook must be one
    one_line(info.value, "ledger.xlsx")
    assert "not an Excel workbook" in info.value.en and "不是 Excel 工作簿" in info.value.zh
    if says is None:
        assert read_table(path).frame.columns.tolist() == ["customer", "invoice"]
    else:
        with pytest.raises(FileError, match=says) as read:
            read_table(path)
        one_line(read.value, "ledger.xlsx")


def test_truncated_workbook(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "cut.xlsx")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # a download that stopped half-way
    with pytest.raises(FileError, match="damaged or truncated") as info:
        read_table(path)
    one_line(info.value, "cut.xlsx")


def test_encrypted_workbook(tmp_path: Path) -> None:
    plain = xlsx(tmp_path / "plain.xlsx")
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, locked.open("wb") as dst:
        OOXMLFile(src).encrypt("secret", dst)
    assert file_kind(locked) == "encrypted"
    with pytest.raises(FileError, match="password-protected") as info:
        read_table(locked)
    one_line(info.value, "locked.xlsx")
    assert "密码" in info.value.zh


XXE = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>\n"
)


@pytest.mark.parametrize("prolog", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_unsafe_xml_is_refused(tmp_path: Path, prolog: str) -> None:
    path = xlsx(tmp_path / "evil.xlsx")
    # the declaration goes before the root element, and a cell uses the entity
    replace_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: (
            prolog + xml.split("?>", 1)[-1].replace("<v>800</v>", "<v>&xxe;</v>" if prolog == XXE else "<v>&lol9;</v>")
        ),
    )
    with pytest.raises(FileError, match="unsafe XML") as info:
        read_table(path)
    one_line(info.value, "evil.xlsx")
    with pytest.raises(FileError, match="unsafe XML"):
        read_ledger(path)


def test_declared_dimension_is_not_trusted(tmp_path: Path) -> None:
    # A small file that declares every cell of a sheet (A1:XFD1048576) used to be read cell by cell.
    path = replace_part(
        xlsx(tmp_path / "bomb.xlsx"),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace('ref="A1:E3"', 'ref="A1:XFD1048576"'),
    )
    assert path.stat().st_size < 10_000
    assert "A1:XFD1048576" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    table = read_table(path)
    assert table.frame.shape == (2, 5) and table.rows.tolist() == [2, 3]


def test_reading_stops_after_a_run_of_blank_rows(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(HEAD)
    ws.append(ROWS[0])
    ws.cell(5000, 1, "stray note far below the data")  # 4,997 blank rows between
    wb.save(tmp_path / "far.xlsx")
    table = read_table(tmp_path / "far.xlsx")
    assert table.frame.shape[0] == 1


def test_old_xls_is_read_through_calamine(tmp_path: Path) -> None:
    exe = soffice()
    assert exe, "LibreOffice (soffice) is needed: bash scripts/test.sh installs it"
    src = xlsx(tmp_path / "legacy.xlsx")
    profile = tmp_path / "profile"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(tmp_path / "out"),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    old = tmp_path / "out" / "legacy.xls"
    assert file_kind(old) == "xls"
    led = read_ledger(old)
    assert led.invoices["invoice"].tolist() == ["0001", "0002"] and led.invoices["amount"].tolist() == [1200.0, 800.0]
    with pytest.raises(FileError, match=r"old \.xls") as info:
        check_workbook(old)  # openpyxl cannot open it: the message says how to read or convert it
    one_line(info.value, "legacy.xls")
    shutil.rmtree(profile, ignore_errors=True)


# ---------------------------------------------------------------- text files


def csv_text() -> str:
    return ",".join(HEAD) + "\n" + "".join(",".join(map(str, r)) + "\n" for r in ROWS)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""), ("utf-16-le", b"\xff\xfe")],
)
def test_encodings_excel_and_erps_write(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = csv_text()
    if encoding.startswith("utf-16"):
        text = text.replace(",", "\t")  # Excel's "Unicode text": UTF-16 with a BOM, tab-separated
    path = tmp_path / "ledger.csv"
    path.write_bytes(bom + text.encode(encoding))
    led = read_ledger(path)
    assert led.invoices["account"].tolist() == ["华东电气", "中联仪表"]
    assert led.invoices["invoice"].tolist() == ["0001", "0002"]


def test_utf8_file_with_one_bad_byte_is_refused_not_garbled(tmp_path: Path) -> None:
    good = csv_text().encode("utf-8")
    lines = good.split(b"\n")
    lines[2] = lines[2].replace("中联".encode(), "中联".encode("gbk"))  # line 3 pasted in from a GBK file
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(FileError) as info:
        read_ledger(path)
    assert info.value.position is not None and info.value.position.row == 3
    assert "line 3" in info.value.en and "第 3 行" in info.value.zh
    one_line(info.value, "mixed.csv")


def test_read_text_reports_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("客户\n华东\n".encode("gbk"))
    assert read_text(path) == ("客户\n华东\n", "gb18030")


# ---------------------------------------------------------------- totals rows


@pytest.mark.parametrize("label", ["合计", "总计", " 小 计： ", "Total", "GRAND TOTAL", "Subtotal"])
def test_total_labels(label: str) -> None:
    assert is_total_label(label)


@pytest.mark.parametrize("label", ["合计公司", "Totalenergies", "华东电气", "", None, 0])
def test_not_total_labels(label: object) -> None:
    assert not is_total_label(label)


def test_totals_row_is_skipped_and_reported(tmp_path: Path) -> None:
    text = csv_text() + "合计,,,,2000\n"
    path = tmp_path / "with-total.csv"
    path.write_text(text, encoding="utf-8")
    led = read_ledger(path)
    assert led.invoices["account"].tolist() == ["华东电气", "中联仪表"]  # 合计 is not an account
    assert [(s.row, s.en) for s in led.skipped] == [(4, "a totals row: not read as data")]
    acc = receivables(led.invoices, led.receipts, date(2024, 3, 31), model=default_model()).accounts
    assert acc["sales"].sum() == 2000.0  # 1200 + 800, not 4000


def test_stray_commas_after_the_last_heading_are_read(tmp_path: Path) -> None:
    # Excel saves a sheet with formatted but empty columns to the right as extra commas on the header only
    lines = csv_text().splitlines()
    path = tmp_path / "wide-header.csv"
    path.write_text(lines[0] + ",,\n" + "\n".join(lines[1:]) + "\n", encoding="utf-8")
    led = read_ledger(path)
    assert led.invoices["account"].tolist() == ["华东电气", "中联仪表"]
    assert led.invoices["amount"].tolist() == [1200.0, 800.0]


def test_totals_row_in_a_frame(tmp_path: Path) -> None:
    from kam_xl.ledger import ledger_from_frame

    frame = pd.DataFrame([*ROWS, ["Total", None, None, None, 2000]], columns=HEAD)
    led = ledger_from_frame(frame)
    assert len(led.invoices) == 2 and [s.row for s in led.skipped] == [4]


def test_sheet_names_come_from_the_workbook_part_in_tab_order(tmp_path: Path) -> None:
    from kam_xl.reading import sheet_names

    wb = Workbook()
    wb.active.title = "客户 & 合同"  # written escaped (&amp;) in xl/workbook.xml
    wb.create_sheet('Q1 "plan"')
    wb.create_sheet("Model")
    p = tmp_path / "names.xlsx"
    wb.save(p)
    assert sheet_names(p) == ["客户 & 合同", 'Q1 "plan"', "Model"]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(FileError):  # checked first, refused in one line like any workbook read
        sheet_names(bad)
