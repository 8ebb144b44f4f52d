"""``kam-xl check``: an account plan and a customer file, generated, then edited as people edit them.

Edits through openpyxl (which drops every cached value on saving, as a tool that does not calculate
does) and straight in the sheet's XML (which keeps every other cached value, as Excel does on saving):
a number typed over a formula, a ``#REF!``, a changed weight on the Model sheet, an input changed so a
cached value is stale. Each run is a subprocess; each input file is byte-identical after it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kam_xl.models import default_model
from kam_xl.samples import SAMPLE_AS_OF
from kam_xl.samples.account_plan import account_plan
from kam_xl.samples.customer_file import customer_file
from kam_xl.workbooks import account_plan as plan_kind
from kam_xl.workbooks import customer_file as file_kind
from kam_xl.workbooks.customer_file import indicator_cells

ACCOUNT = "华东电气设备有限公司"
SCORECARD, RECEIVABLES = "评分", "应收账款"  # zh sheet titles: the plan's 2nd sheet, the file's 6th
LINE = re.compile(r"^(?P<sheet>[^!\s]+)!(?P<cell>[A-Z]+\d+): (?P<kind>[^:]+):")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("made")
    plan, book = folder / "plan.xlsx", folder / "file.xlsx"
    plan_kind.write(plan, account_plan(ACCOUNT, 7))
    file_kind.write(book, customer_file(ACCOUNT, 7))
    return {"plan": plan, "file": book}


def run(path: Path, *args: str) -> tuple[int, list[tuple[str, str, str]], str]:
    """Run ``kam-xl check`` on ``path``; the exit code, the (sheet, cell, kind) lines, all output.
    The file must be byte-identical after."""
    before = path.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "kam_xl.cli", "check", str(path), "--lang", "en", *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert path.read_bytes() == before
    found = [(m["sheet"], m["cell"], m["kind"]) for m in map(LINE.match, done.stdout.splitlines()) if m]
    return done.returncode, found, done.stdout + done.stderr


def copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    return dst


def edit_xml(path: Path, part: str, cell: str, xml: str) -> None:
    """Replace one cell's XML in a sheet part, every other byte and cached value kept (Excel-like)."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    text = parts[part].decode()
    new, n = re.subn(rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)', xml, text, count=1)
    assert n == 1, cell
    parts[part] = new.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_untouched_files_are_clean(made: dict[str, Path]) -> None:
    for path in made.values():
        code, found, out = run(path)
        assert (code, found) == (0, []), out
        assert "Nothing found" in out


def test_a_number_typed_over_a_formula(made: dict[str, Path], tmp_path: Path) -> None:
    plan = copy(made["plan"], tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(plan)
    wb[SCORECARD]["G6"] = 99  # the second criterion's contribution, =IF(F6="","",D6*E6*F6)
    wb.save(plan)
    code, found, out = run(plan)
    assert (code, found) == (1, [(SCORECARD, "G6", "overwritten formula")]), out
    assert "replaced by 99" in out

    book = copy(made["file"], tmp_path / "file.xlsx")
    sales = indicator_cells(default_model())["sales"]
    wb = openpyxl.load_workbook(book)
    wb[RECEIVABLES][sales] = "1,000,000"
    wb.save(book)
    code, found, out = run(book)
    assert (code, found) == (1, [(RECEIVABLES, sales, "overwritten formula")]), out


def test_a_ref_error(made: dict[str, Path], tmp_path: Path) -> None:
    plan = copy(made["plan"], tmp_path / "plan.xlsx")
    edit_xml(plan, "xl/worksheets/sheet2.xml", "G7", '<c r="G7" s="12" t="e"><f>#REF!*F7</f><v>#REF!</v></c>')
    code, found, out = run(plan)
    assert (code, found) == (1, [(SCORECARD, "G7", "formula error")]), out
    assert "#REF!" in out


def test_a_changed_weight_on_the_model_sheet(made: dict[str, Path], tmp_path: Path) -> None:
    plan = copy(made["plan"], tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(plan)
    ws = wb["Model"]
    row = next(r for r in range(2, ws.max_row + 1) if re.search(r"criteria\[\d+\]\.weight$", str(ws.cell(r, 1).value)))
    path = ws.cell(row, 1).value
    weight = ws.cell(row, 2).value
    ws.cell(row, 2).value = weight + 1
    wb.save(plan)
    code, found, out = run(plan)
    assert (code, found) == (1, [("Model", f"B{row}", "model edited")]), out
    assert f"{path} is {weight + 1:g}, the default model's is {weight:g}" in out


def test_an_input_changed_so_the_plan_s_figures_are_stale(made: dict[str, Path], tmp_path: Path) -> None:
    plan = copy(made["plan"], tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(made["plan"], data_only=True)
    ws = wb[SCORECARD]
    score = ws["F5"].value
    new = 10.0 if score != 10 else 9.0
    edit_xml(plan, "xl/worksheets/sheet2.xml", "F5", f'<c r="F5" s="5"><v>{new}</v></c>')
    code, found, out = run(plan)
    card = default_model().scorecard(default_model().tier_scorecard)
    n = len(card.criteria)
    raw, scaled = f"F{5 + n + 2}", f"F{5 + n + 3}"  # under the criteria: a blank row, the scale, then these
    kinds = {k for _, _, k in found}
    cells = {c for _, c, _ in found}
    assert code == 1 and kinds == {"stated value differs from the recomputation"}, out
    assert {s for s, _, _ in found} == {SCORECARD}
    assert {"G5", raw, scaled} <= cells <= {"G5", raw, scaled, f"F{5 + n + 4}"}, out
    # contribution = weight × direction × score: the first criterion's, by hand from the model
    c0 = card.criteria[0]
    assert f"its inputs give {c0.weight * c0.direction * new:g}" in out.replace(".0,", ",")


def test_an_invoice_changed_so_the_file_s_figures_are_stale(made: dict[str, Path], tmp_path: Path) -> None:
    book = copy(made["file"], tmp_path / "file.xlsx")
    wb = openpyxl.load_workbook(made["file"], data_only=True)
    ws = wb[RECEIVABLES]
    cells = indicator_cells(default_model())
    # the latest invoice is inside the period (it is dated on or before the as-of date): sales grow by the change
    rows = [r for r in range(7, ws.max_row + 1) if ws.cell(r, 5).value is not None and ws.cell(r, 7).value]
    latest = max(rows, key=lambda r: ws.cell(r, 5).value)
    assert ws.cell(latest, 5).value.date() <= SAMPLE_AS_OF
    amount, sales = ws.cell(latest, 7).value, ws[cells["sales"]].value
    edit_xml(book, "xl/worksheets/sheet6.xml", f"G{latest}", f'<c r="G{latest}" s="5"><v>{amount + 1000}</v></c>')
    code, found, out = run(book)
    assert code == 1 and {(s, k) for s, _, k in found} == {(RECEIVABLES, "stated value differs from the recomputation")}
    assert cells["sales"] in {c for _, c, _ in found}, out
    expected = f"{sales + 1000:.2f}".rstrip("0").rstrip(".")  # stated sales + the 1,000 added
    assert f"its inputs give {expected}" in out, out


def test_not_a_kam_xl_workbook(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    wb.save(other)
    code, found, out = run(other)
    assert code == 2 and found == [] and len(out.strip().splitlines()) == 1, out
    assert "not an account plan or customer file generated by kam_xl" in out
    text = tmp_path / "ledger.csv"
    text.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, out = run(text)
    assert code == 2 and len(out.strip().splitlines()) == 1, out
