"""``kam-xl excel setup / check``: a workbook's xlwings.conf sheet, and what this machine lacks.

The conf sheet is added inside the zip package, so every other part of the workbook — a kam_xl
portfolio's charts included — is copied byte for byte; the input is only read; an existing
file is refused without --force, as every command refuses.
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from kam_xl.cli_excel import excel
from kam_xl.excel_setup import CONF_SHEET, read_conf, setup_workbook
from kam_xl.samples.accounts import sample_portfolio
from kam_xl.workbooks import portfolio as kind


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("book") / "客户组合.xlsx"
    kind.write(path, sample_portfolio(6), spare_rows=0)  # two charts on the summary sheet
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_setup_writes_a_copy_with_the_conf_sheet_and_leaves_the_input_alone(book: Path, tmp_path: Path) -> None:
    before = digest(book)
    out = tmp_path / "客户组合-xlwings.xlsx"
    done = CliRunner().invoke(
        excel, ["setup", str(book), "--out", str(out), "--interpreter", r"C:\Python311\pythonw.exe"]
    )
    assert done.exit_code == 0, done.output
    assert digest(book) == before  # only read
    wb = load_workbook(out)
    assert wb.sheetnames[-1] == CONF_SHEET and wb.sheetnames[:-1] == load_workbook(book).sheetnames
    rows = [tuple(c.value for c in r) for r in wb[CONF_SHEET].iter_rows()]
    key = "Interpreter_Mac" if sys.platform == "darwin" else "Interpreter_Win"
    assert rows == [("UDF Modules", "kam_udfs"), (key, r"C:\Python311\pythonw.exe")]
    # every part but the workbook's sheet list, its relationships and content types is copied unchanged
    old, new = parts(book), parts(out)
    changed = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    assert {n for n in old if old[n] != new.get(n)} == changed
    assert sorted(set(new) - set(old)) == [f"xl/worksheets/sheet{len(wb.sheetnames)}.xml"]
    assert any(n.startswith("xl/charts/") for n in new)  # openpyxl's load-and-save would have dropped them


def test_setup_refuses_to_overwrite_without_force(book: Path, tmp_path: Path) -> None:
    before = digest(book)
    done = CliRunner().invoke(excel, ["setup", str(book)])  # default: the workbook itself
    assert done.exit_code == 2 and "--force" in done.output and "Traceback" not in done.output
    assert digest(book) == before
    out = tmp_path / "taken.xlsx"
    out.write_bytes(b"someone's file")
    done = CliRunner().invoke(excel, ["setup", str(book), "--out", str(out)])
    assert done.exit_code == 2 and out.read_bytes() == b"someone's file"


def test_setup_keeps_the_settings_a_conf_sheet_already_has(tmp_path: Path) -> None:
    src = tmp_path / "team.xlsx"
    wb = Workbook()
    wb.active.title = "客户"
    conf = wb.create_sheet(CONF_SHEET)
    conf.append(["UDF Modules", "team_udfs"])
    conf.append(["Show Console", "true"])
    wb.save(src)
    out = setup_workbook(src, tmp_path / "team-kam.xlsx", interpreter="/opt/py/bin/python", pythonpath="/srv/macros")
    settings = read_conf(out.file)
    assert settings is not None
    assert settings["UDF Modules"] == "kam_udfs" and settings["Show Console"] == "true"
    assert settings["PYTHONPATH"] == "/srv/macros"
    assert load_workbook(out.file).sheetnames == ["客户", CONF_SHEET]  # replaced in place, not added twice


def test_setup_refuses_what_is_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "ledger.xlsx"
    fake.write_text("account,amount\n", encoding="utf-8")
    done = CliRunner().invoke(excel, ["setup", str(fake), "--out", str(tmp_path / "x.xlsx")])
    assert done.exit_code == 2 and "ledger.xlsx" in done.output and "Traceback" not in done.output


@pytest.mark.skipif(sys.platform != "linux", reason="what is missing depends on the platform")
def test_check_on_a_machine_without_excel_says_so_and_exits_1() -> None:
    done = CliRunner().invoke(excel, ["check", "--lang", "en"])
    assert done.exit_code == 1
    lines = done.output.splitlines()
    assert lines[0].startswith("✓ Python and kam_xl")
    assert any(line.startswith("✗ Platform") and "xlwings Lite" in line for line in lines)
    assert any(line.startswith("✓ worksheet-function module kam_udfs") for line in lines)
    assert len(lines) <= 24  # one screen
