"""kam_xl.readback reads, cell for cell, what openpyxl's two passes read (cached values; formulas and fills).

The reference below is openpyxl itself, read-only, once with ``data_only`` and once without — the way
``kam-xl check`` read workbooks before. It is compared with :func:`read_grids` on every kind as kam_xl
writes it (zh and en), on files saved again by openpyxl (shared strings, dates, cleared caches), and on
sheets edited in their XML the way other writers write them (errors, booleans, rich text, entities,
shared formulas, cells and rows without references, a prefixed namespace) — each of those shapes also
through the row-at-a-time parser. The boundary is reading.py's: unsafe or damaged files are refused.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from kam_xl.errors import FileError
from kam_xl.readback import Grid, read_grids
from kam_xl.samples.account_plan import account_plan
from kam_xl.samples.accounts import sample_portfolio
from kam_xl.samples.customer_file import customer_file
from kam_xl.samples.development import attempts
from kam_xl.workbooks import account_plan as plan_kind
from kam_xl.workbooks import customer_file as file_kind
from kam_xl.workbooks import development, portfolio
from kam_xl.workbooks.book import FORMULA_FILL_COLOR


def openpyxl_grids(path: Path) -> dict[str, Grid]:
    """The reference: openpyxl read-only, cached values then formulas and fills."""
    grids: dict[str, Grid] = {}
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        ws.reset_dimensions()
        g = grids[ws.title] = Grid({}, {}, set(), {})
        for row in ws.iter_rows():
            for c in row:
                if getattr(c, "row", None) is None:
                    continue
                if c.data_type == "e":
                    g.errors[c.row, c.column] = str(c.value)
                elif c.value is not None:
                    g.values[c.row, c.column] = c.value
    wb.close()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    for ws in wb.worksheets:
        ws.reset_dimensions()
        g = grids[ws.title]
        for row in ws.iter_rows():
            for c in row:
                if getattr(c, "row", None) is None:
                    continue
                if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("=")):
                    g.formulas.add((c.row, c.column))
                elif c.has_style and str(c.fill.fgColor.rgb)[-6:].upper() == FORMULA_FILL_COLOR:
                    g.styled[c.row, c.column] = c.value
    wb.close()
    return grids


def typed(d: dict[tuple[int, int], object]) -> dict[tuple[int, int], tuple[type, object]]:
    """Values with their types: 6 and 6.0, a date and a datetime, must not pass for each other."""
    return {k: (type(v), v) for k, v in d.items()}


def assert_same(path: Path, *, parsed: bool = False) -> dict[str, Grid]:
    """read_grids (the scanner, or with ``parsed`` the row-at-a-time parser) gives openpyxl's grids."""
    want = openpyxl_grids(path)
    got = read_grids(path, scan=not parsed)
    assert list(got) == list(want)
    for title in want:
        a, b = got[title], want[title]
        assert typed(a.values) == typed(b.values), title
        assert a.errors == b.errors, title
        assert a.formulas == b.formulas, title
        assert typed(a.styled) == typed(b.styled), title
    return got


def set_cell(path: Path, part: str, ref: str, xml: str) -> None:
    """Replace one cell's XML in a sheet part, every other byte kept (as Excel keeps cached values)."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    new, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)'.encode(), xml.encode(), parts[part], count=1)
    assert n == 1, ref
    parts[part] = new
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def replace_part(path: Path, part: str, fn: Any) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts[part] = fn(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("kinds")
    out = {
        "plan": plan_kind.write(d / "plan.xlsx", account_plan("华东电气", 7)),
        "plan_en": plan_kind.write(d / "plan-en.xlsx", account_plan("East Electric", 3), lang="en"),
        "file": file_kind.write(d / "file.xlsx", customer_file("华东电气", 7)),
        "portfolio": portfolio.write(d / "portfolio.xlsx", sample_portfolio(40)),
        "portfolio_en": portfolio.write(d / "portfolio-en.xlsx", sample_portfolio(12), lang="en"),
        "development": development.write(d / "development.xlsx", attempts()),
        "development_blank": development.write(d / "development-blank.xlsx", None, lang="en"),
    }
    return out


@pytest.mark.parametrize(
    "kind", ["plan", "plan_en", "file", "portfolio", "portfolio_en", "development", "development_blank"]
)
def test_every_kind_as_generated(books: dict[str, Path], kind: str) -> None:
    got = assert_same(books[kind])
    assert any(g.formulas for g in got.values()) and any(g.values for g in got.values())
    assert not any(g.styled for g in got.values())  # as generated: every figure-styled cell holds its formula
    assert_same(books[kind], parsed=True)


def test_saved_again_by_openpyxl(books: dict[str, Path], tmp_path: Path) -> None:
    """openpyxl writes shared strings, dates as serials with a date format, no cached values."""
    for kind in ("plan", "file", "portfolio", "development"):
        path = tmp_path / f"{kind}.xlsx"
        wb = openpyxl.load_workbook(books[kind])
        ws = wb.worksheets[0]
        r = ws.max_row + 3  # below everything
        ws[f"A{r}"] = "=SUM(1,2)"  # a formula where there was none
        ws[f"B{r}"] = datetime(2024, 2, 29, 13, 30)
        ws[f"C{r}"] = date(2024, 3, 1)
        ws[f"D{r}"] = True
        ws[f"E{r}"] = "多行\n文本 & <x>"
        wb.save(path)
        got = assert_same(path)
        assert got[ws.title].values[r, 2] == datetime(2024, 2, 29, 13, 30)
        assert (r, 1) in got[ws.title].formulas
        assert_same(path, parsed=True)


def test_cells_as_other_writers_write_them(books: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "edited.xlsx"
    path.write_bytes(books["plan"].read_bytes())
    part = "xl/worksheets/sheet2.xml"  # the scorecard: row 5 holds a criterion's score (F5) and contribution (G5)
    set_cell(path, part, "G5", '<c r="G5" s="12" t="e"><f>#REF!*F5</f><v>#REF!</v></c>')
    set_cell(path, part, "G6", '<c r="G6" s="12"><v>99</v></c>')  # a number typed over the formula
    set_cell(path, part, "G7", '<c r="G7" s="12"/>')  # a formula cleared
    set_cell(path, part, "F8", '<c r="F8" s="5"><v>7.0E0</v></c>')  # a float written with an exponent
    set_cell(path, part, "B5", '<c r="B5" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve">文本 </t></r><rPh sb="0" eb="1"><t>フ</t></rPh></is></c>')  # fmt: skip
    set_cell(path, part, "B6", '<c r="B6" t="str"><f>"a"&amp;"b"</f><v>a&amp;b &#x4E2D;&#13;</v></c>')
    set_cell(path, part, "B7", '<c r="B7" t="b"><v>1</v></c>')
    set_cell(path, part, "B8", '<c r="B8" t="str"><v>=not a formula</v></c>')  # text that openpyxl reads as one
    set_cell(path, part, "B9", '<c r="B9" t="e"/>')  # an error type with no value
    got = assert_same(path)
    g = got["评分"]
    assert g.errors[5, 7] == "#REF!" and g.styled[6, 7] == 99 and g.styled[7, 7] is None
    assert g.values[8, 6] == 7.0 and isinstance(g.values[8, 6], float)
    assert g.values[5, 2] == "富文本 " and g.values[6, 2] == "a&b 中\r" and g.values[7, 2] is True
    assert (8, 2) in g.formulas
    assert_same(path, parsed=True)


def test_shapes_the_scanner_leaves_to_the_parser(books: dict[str, Path], tmp_path: Path) -> None:
    """Cells with attributes in another order, cells and rows without references, a prefixed namespace:
    not the scanner's shape, so the parser reads them — still as openpyxl does."""
    path = tmp_path / "odd.xlsx"
    path.write_bytes(books["plan"].read_bytes())
    part = "xl/worksheets/sheet2.xml"
    set_cell(path, part, "G6", '<c s="12" r="G6"><f>D6*E6*F6</f><v>40</v></c>')  # s before r
    got = assert_same(path)
    assert (6, 7) in got["评分"].formulas

    path2 = tmp_path / "no-refs.xlsx"
    path2.write_bytes(books["plan"].read_bytes())
    replace_part(path2, part, lambda b: re.sub(rb'<row r="5">(.*?)</row>',
                                              lambda m: b"<row>" + re.sub(rb' r="[A-Z]+5"', b"", m.group(1)) + b"</row>",
                                              b, count=1))  # fmt: skip
    assert_same(path2)

    path3 = tmp_path / "prefixed.xlsx"
    path3.write_bytes(books["development"].read_bytes())

    def prefix(b: bytes) -> bytes:
        b = b.replace(b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                      b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 1)  # fmt: skip
        return re.sub(rb"<(/?)(?!\?)(?!x:)([A-Za-z])", rb"<\1x:\2", b)

    replace_part(path3, "xl/worksheets/sheet1.xml", prefix)
    got = assert_same(path3)
    assert got["开发记录"].formulas


def test_a_far_cell_is_one_entry(books: dict[str, Path], tmp_path: Path) -> None:
    """A cell at XFD1048576 in a small file: one entry, no block from A1 to it."""
    path = tmp_path / "far.xlsx"
    path.write_bytes(books["plan"].read_bytes())
    replace_part(path, "xl/worksheets/sheet2.xml",
                 lambda b: b.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))  # fmt: skip
    got = assert_same(path)
    assert got["评分"].values[1048576, 16384] == 1


def test_the_boundary_refuses_what_reading_py_refuses(books: dict[str, Path], tmp_path: Path) -> None:
    dtd = tmp_path / "dtd.xlsx"
    dtd.write_bytes(books["plan"].read_bytes())
    replace_part(dtd, "xl/worksheets/sheet2.xml",
                 lambda b: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>' + b.split(b"?>", 1)[-1])  # fmt: skip
    with pytest.raises(FileError, match="unsafe XML"):
        read_grids(dtd)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(books["plan"].read_bytes()[:4000])
    with pytest.raises(FileError, match="damaged or truncated"):
        read_grids(damaged)
    text = tmp_path / "ledger.xlsx"
    text.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(FileError, match="not an Excel workbook"):
        read_grids(text)
    bad = tmp_path / "bad-number.xlsx"
    bad.write_bytes(books["plan"].read_bytes())
    set_cell(bad, "xl/worksheets/sheet2.xml", "F5", '<c r="F5" s="5"><v>six</v></c>')
    with pytest.raises(FileError, match="cannot read the workbook"):
        read_grids(bad)


def test_input_files_are_only_read(books: dict[str, Path]) -> None:
    before = {k: p.read_bytes() for k, p in books.items()}
    for p in books.values():
        read_grids(p)
    assert {k: p.read_bytes() for k, p in books.items()} == before
