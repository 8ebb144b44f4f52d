"""``kam-xl check``: an account plan and a customer file, generated, then edited as people edit them.

Edits through openpyxl (which drops every cached value on saving, as a tool that does not calculate
does) and straight in the sheet's XML (which keeps every other cached value, as Excel does on saving):
a number typed over a formula, a ``#REF!``, a changed weight on the Model sheet, an input changed so a
cached value is stale. Each run is a subprocess; each input file is byte-identical after it.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from kam_xl.jobs.check import check_read_back, read_back
from kam_xl.models import default_model
from kam_xl.readback import Grid
from kam_xl.samples import SAMPLE_AS_OF
from kam_xl.samples.account_plan import account_plan
from kam_xl.samples.customer_file import customer_file
from kam_xl.workbooks import account_plan as plan_kind
from kam_xl.workbooks import customer_file as file_kind
from kam_xl.workbooks.account_plan.data import Commitment, GrowthStep, Month, MonthlyPlan, WalletLine
from kam_xl.workbooks.customer_file import indicator_cells
from kam_xl.workbooks.customer_file.places import INVOICE_COLUMNS

ACCOUNT = "华东电气设备有限公司"
SCORECARD, RECEIVABLES, INVOICES = "评分", "应收账款", "发票台账"  # zh sheet titles
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
    # under the criteria: a blank row, the scale's bottom and top (1, 10), then these
    raw, scaled = f"F{5 + n + 3}", f"F{5 + n + 4}"
    kinds = {k for _, _, k in found}
    cells = {c for _, c, _ in found}
    assert code == 1 and kinds == {"stated value differs from the recomputation"}, out
    assert {s for s, _, _ in found} == {SCORECARD}
    assert {"G5", raw, scaled} <= cells <= {"G5", raw, scaled, f"F{5 + n + 5}"}, out
    # contribution = weight × direction × score: the first criterion's, by hand from the model
    c0 = card.criteria[0]
    assert f"its inputs give {c0.weight * c0.direction * new:g}" in out.replace(".0,", ",")


def test_an_invoice_changed_so_the_file_s_figures_are_stale(made: dict[str, Path], tmp_path: Path) -> None:
    book = copy(made["file"], tmp_path / "file.xlsx")
    wb = openpyxl.load_workbook(made["file"], data_only=True)
    ws, cells = wb[INVOICES], indicator_cells(default_model())
    date_col, amount_col = (column_index_from_string(INVOICE_COLUMNS[k]) for k in ("date", "amount"))
    # the latest invoice is inside the period (it is dated on or before the as-of date): sales grow by the change
    rows = [
        r for r in range(7, ws.max_row + 1) if ws.cell(r, date_col).value is not None and ws.cell(r, amount_col).value
    ]
    latest = max(rows, key=lambda r: ws.cell(r, date_col).value)
    assert ws.cell(latest, date_col).value.date() <= SAMPLE_AS_OF
    amount, sales = ws.cell(latest, amount_col).value, wb[RECEIVABLES][cells["sales"]].value
    at = f"{INVOICE_COLUMNS['amount']}{latest}"
    part = f"xl/worksheets/sheet{wb.sheetnames.index(INVOICES) + 1}.xml"
    with zipfile.ZipFile(book) as z:
        style = re.search(rf'<c r="{at}"( s="\d+")?', z.read(part).decode()).group(1) or ""  # type: ignore[union-attr]
    edit_xml(book, part, at, f'<c r="{at}"{style}><v>{amount + 1000}</v></c>')
    code, found, out = run(book)
    # stale: the summary's figures, and the invoice's own received/open figures on the ledger sheet
    assert code == 1 and {k for _, _, k in found} == {"stated value differs from the recomputation"}
    assert {s for s, _, _ in found} <= {RECEIVABLES, INVOICES, "收款台账"}, out
    assert (RECEIVABLES, cells["sales"]) in {(s, c) for s, c, _ in found}, out
    expected = f"{sales + 1000:.2f}".rstrip("0").rstrip(".")  # stated sales + the 1,000 added
    assert f"its inputs give {expected}" in out, out


def test_a_customer_file_of_the_earlier_layout_is_named_as_such(tmp_path: Path) -> None:
    """Issue #7 moved the ledgers off the Receivables sheet: a file of the earlier layout gets a one-line
    error saying so and what to do, not "not a kam_xl workbook"."""
    old = tmp_path / "old_file.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Basic information"
    for title in ("Important information", "Core information", "Process log", "Orders", "Receivables", "Model"):
        wb.create_sheet(title)
    wb.save(old)
    code, found, out = run(old)
    assert code == 2 and found == [] and len(out.strip().splitlines()) == 1, out
    assert "earlier kam_xl layout" in out and "kam-xl new-account" in out and "not a workbook" not in out


def test_a_customer_file_made_before_its_service_sheet_is_still_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #10 added the 服务记录 / Service log sheet: a file written before it is checked as it was."""
    import importlib

    monkeypatch.setattr(importlib.import_module("kam_xl.workbooks.customer_file.build"), "service_sheet",
                        lambda *_a, **_k: None)  # fmt: skip
    path = file_kind.write(tmp_path / "before_service.xlsx", customer_file(ACCOUNT, 7))
    monkeypatch.undo()
    assert "Service log" not in openpyxl.load_workbook(path, read_only=True).sheetnames
    code, found, out = run(path)
    assert code == 0 and found == [], out


def test_not_a_kam_xl_workbook(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    wb.save(other)
    code, found, out = run(other)
    assert code == 2 and found == [] and len(out.strip().splitlines()) == 1, out
    assert "not a workbook kam_xl generated" in out
    text = tmp_path / "ledger.csv"
    text.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, out = run(text)
    assert code == 2 and len(out.strip().splitlines()) == 1, out


# ---------------------------------------------------------------- the kinds' layout constants check reads by


def test_the_layout_constants_name_the_input_cells(made: dict[str, Path]) -> None:
    """Each constant check and rollup read by holds the input the sample put there."""
    from openpyxl.utils.cell import coordinate_to_tuple

    from kam_xl.workbooks.account_plan.actions import ACTION_COLUMNS, ACTIONS_FIRST_ROW
    from kam_xl.workbooks.account_plan.barriers import (
        BARRIER_INPUT_COLUMN,
        COMPUTED_WALL,
        WALL_FIRST_ROW,
        WALL_OVERRIDE_COLUMN,
    )
    from kam_xl.workbooks.account_plan.diagnosis import (
        LINES_FIRST_ROW,
        NEEDS_FIRST_ROW,
        OUR_SALES_CELL,
        TOTAL_SPEND_CELL,
    )
    from kam_xl.workbooks.account_plan.scorecard import (
        CONTACT_COLUMNS,
        CONTACTS_FIRST_ROW,
        CRITERIA_FIRST_ROW,
        SCORE_COLUMN,
    )
    from kam_xl.workbooks.customer_file.places import AS_OF_CELL, CREDIT_LIMIT_CELL
    from kam_xl.workbooks.customer_file.sheets import COMPANY_FIELDS, COMPANY_FIRST_ROW

    plan, data, model = account_plan(ACCOUNT, 7), customer_file(ACCOUNT, 7), default_model()
    wb = openpyxl.load_workbook(made["plan"], data_only=True)
    card = model.scorecard(model.tier_scorecard)
    for k, c in enumerate(card.criteria):
        assert wb[SCORECARD][f"{SCORE_COLUMN}{CRITERIA_FIRST_ROW + k}"].value == plan.scores[c.code]
    for k, w in enumerate(model.barrier.wall_criteria):
        # share and contact are computed in C; their input is the override beside them (blank = computed)
        column = WALL_OVERRIDE_COLUMN if w.code in COMPUTED_WALL else BARRIER_INPUT_COLUMN
        assert wb["壁垒"][f"{column}{WALL_FIRST_ROW + k}"].value == plan.wall.get(w.code)
    top = WALL_FIRST_ROW + len(model.barrier.wall_criteria) + 4
    assert wb["壁垒"][f"{BARRIER_INPUT_COLUMN}{top}"].value == plan.technical
    assert wb["诊断"][OUR_SALES_CELL].value == plan.our_sales and wb["诊断"][TOTAL_SPEND_CELL].value == plan.total_spend
    assert wb["诊断"][f"A{LINES_FIRST_ROW}"].value == plan.product_lines[0].name
    first = plan.contacts[0]
    assert wb["采购组织"][f"{CONTACT_COLUMNS['name']}{CONTACTS_FIRST_ROW}"].value == first.name
    assert wb["采购组织"][f"{CONTACT_COLUMNS['trust']}{CONTACTS_FIRST_ROW}"].value == first.trust
    assert wb["行动计划"][f"{ACTION_COLUMNS['budget']}{ACTIONS_FIRST_ROW}"].value == plan.actions[0].budget
    assert wb["需求与价值"][f"C{NEEDS_FIRST_ROW}"].value == plan.needs[0].need
    wb = openpyxl.load_workbook(made["file"], data_only=True)
    assert wb[RECEIVABLES][AS_OF_CELL].value.date() == data.as_of
    assert wb[RECEIVABLES][CREDIT_LIMIT_CELL].value == data.credit_limit
    basic = wb.worksheets[0]
    assert basic.cell(COMPANY_FIRST_ROW + COMPANY_FIELDS.index("name"), 2).value == data.company.name
    assert basic.cell(COMPANY_FIRST_ROW + COMPANY_FIELDS.index("code"), 2).value == data.company.code
    assert coordinate_to_tuple(OUR_SALES_CELL) == (15, 2)


def test_an_input_changed_so_the_plan_s_diagnosis_is_stale(made: dict[str, Path], tmp_path: Path) -> None:
    """Our sales typed down to half: the share of wallet (our sales ÷ total spend) is stale, and so is what
    the barriers sheet computes from it: the wall criterion 份额 (share ≥ 0.30 → 1, below → 0: the sample's
    0.483 halves to 0.242), the wall (4 → 3 of 8), its ratio (3/8) and the barrier strength; and the competitors
    sheet's share not listed (1 − 0.483 − 0.30 − 0.11 = 0.107 becomes 1 − 0.242 − 0.41 = 0.348)."""
    plan = copy(made["plan"], tmp_path / "plan.xlsx")
    sample = account_plan(ACCOUNT, 7)
    assert sample.our_sales and sample.total_spend
    assert 0.30 <= sample.our_sales / sample.total_spend < 0.60  # halved, below share_partial
    half = sample.our_sales / 2
    overwrite(plan, "xl/worksheets/sheet4.xml", "B15", f"<v>{half!r}</v>", "n")
    code, found, out = run(plan)
    stale = "stated value differs from the recomputation"
    assert (code, found) == (1, [("诊断", "B17", stale), ("竞争对手", "C12", stale), ("壁垒", "C6", stale),
                                 ("壁垒", "C9", stale), ("壁垒", "C10", stale), ("壁垒", "C19", stale)]), out  # fmt: skip
    assert f"its inputs give {half / sample.total_spend}" in out, out
    assert "Share (wall criterion): the workbook states 1, its inputs give 0" in out, out
    assert "Wall ratio: the workbook states 0.5, its inputs give 0.375" in out, out


def test_a_wall_override_is_read_from_its_own_column(made: dict[str, Path], tmp_path: Path) -> None:
    """2 typed into the override column beside the computed 份额 (壁垒!D6; C6 computes 1 from the share of
    wallet): check takes the override, so the cached C6 = 1 and the wall 4 are stale (2, and 5 of 8)."""
    plan = copy(made["plan"], tmp_path / "plan.xlsx")
    part = f"xl/worksheets/sheet{list(plan_kind.SHEETS).index('barriers') + 1}.xml"
    overwrite(plan, part, "D6", "<v>2</v>", "n")
    code, found, out = run(plan)
    stale = "stated value differs from the recomputation"
    assert code == 1, out
    assert found[:3] == [("壁垒", "C6", stale), ("壁垒", "C9", stale), ("壁垒", "C10", stale)], out
    assert "Share (wall criterion): the workbook states 1, its inputs give 2" in out, out
    assert "Wall ratio: the workbook states 0.5, its inputs give 0.625" in out, out


# ---------------------------------------------------------------- portfolio and development record


def overwrite(path: Path, part: str, ref: str, inner: str, t: str = "") -> None:
    """Replace one cell's content, keeping its style (a value typed or pasted keeps the cell's format)."""
    with zipfile.ZipFile(path) as z:
        text = z.read(part).decode()
    m = re.search(rf'<c r="{ref}"( s="\d+")?[^>]*?(/>|>.*?</c>)', text)
    assert m, ref
    kind = f' t="{t}"' if t else ""
    edit_xml(path, part, ref, f'<c r="{ref}"{m.group(1) or ""}{kind}>{inner}</c>')


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Two accounts scored by hand (the default model: 18 criteria, weights summing to 140, all directions +1,
    scale 1–10, so raw ranges 140…1400 and score = 100 · (raw − 140) / 1260):
    甲 every criterion 6 but values_innovation (weight 10) 9: raw = 6 × (140 − 10) + 9 × 10 = 780 + 90 = 870,
    score 100 × 730 / 1260 = 57.94 → Key (≥ 55);
    乙 every criterion 5: raw 700, score 100 × 560 / 1260 = 44.44 → Growth (≥ 35)."""
    import pandas as pd

    from kam_xl.workbooks import portfolio

    card = default_model().scorecard()
    rows = [
        {"account": "甲", **{c.code: (9.0 if c.code == "values_innovation" else 6.0) for c in card.criteria}},
        {"account": "乙", **{c.code: 5.0 for c in card.criteria}},
    ]
    folder = tmp_path_factory.mktemp("team")
    path = portfolio.write(folder / "portfolio.xlsx", pd.DataFrame(rows))
    letters = {c.key: get_column_letter(i) for i, c in enumerate(portfolio.columns(default_model()), start=1)}
    return {"path": path, "letters": letters}


def test_the_portfolio_as_generated_is_clean(team: dict[str, object]) -> None:
    path = team["path"]
    assert isinstance(path, Path)
    wb = openpyxl.load_workbook(path, data_only=True)
    letters = team["letters"]
    assert isinstance(letters, dict)
    assert wb.worksheets[0][f"{letters['score']}5"].value == pytest.approx(73000 / 1260)  # the hand figures above
    assert wb.worksheets[0][f"{letters['tier']}5"].value == "重点客户"
    code, found, out = run(path)
    assert (code, found) == (0, []), out
    assert "Recomputed with the core: 客户组合" in out


def test_a_number_over_a_tier_formula_and_a_ref_in_the_portfolio(team: dict[str, object], tmp_path: Path) -> None:
    path, letters = team["path"], team["letters"]
    assert isinstance(path, Path) and isinstance(letters, dict)
    book = copy(path, tmp_path / "portfolio.xlsx")
    tier, score = f"{letters['tier']}5", f"{letters['score']}6"
    overwrite(book, "xl/worksheets/sheet1.xml", tier, "<v>1</v>")  # a 1 typed over 甲's tier
    overwrite(book, "xl/worksheets/sheet1.xml", score, "<f>#REF!</f><v>#REF!</v>", "e")  # 乙's score a #REF!
    code, found, out = run(book)
    assert (code, found) == (1, [("客户组合", tier, "overwritten formula"), ("客户组合", score, "formula error")]), out


def test_a_changed_weight_on_the_portfolio_s_model_sheet(team: dict[str, object], tmp_path: Path) -> None:
    path = team["path"]
    assert isinstance(path, Path)
    book = copy(path, tmp_path / "portfolio.xlsx")
    wb = openpyxl.load_workbook(book)  # openpyxl drops every cached value: nothing is stale, only the edit
    ws = wb["Model"]
    row = next(
        r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "scorecards.account_selection.criteria[5].weight"
    )
    ws.cell(row, 2).value = 12  # values_innovation: 10 → 12
    wb.save(book)
    code, found, out = run(book)
    assert (code, found) == (1, [("Model", f"B{row}", "model edited")]), out
    assert "is 12, the default model's is 10" in out


def test_a_score_changed_so_the_portfolio_is_stale(team: dict[str, object], tmp_path: Path) -> None:
    """甲's geographic_fit (weight 8) 6 → 1, cached figures kept: raw 870 − 8 × 5 = 830, score
    100 × (830 − 140) / 1260 = 69000 / 1260 = 54.76… below Key's 55: Growth. Exactly 甲's raw score, score and
    tier are stale."""
    path, letters = team["path"], team["letters"]
    assert isinstance(path, Path) and isinstance(letters, dict)
    book = copy(path, tmp_path / "portfolio.xlsx")
    overwrite(book, "xl/worksheets/sheet1.xml", f"{letters['criterion:geographic_fit']}5", "<v>1</v>", "n")
    code, found, out = run(book)
    stale = "stated value differs from the recomputation"
    want = [("客户组合", f"{letters[k]}5", stale) for k in ("score_raw", "score", "tier")]
    assert (code, sorted(found)) == (1, sorted(want)), out  # in sheet column order, which the layout decides
    assert "the workbook states 870, its inputs give 830" in out
    assert "its inputs give 54.76" in out, out  # 100 × (830 − 140) / (1400 − 140) = 54.7619…
    assert "the workbook states 重点客户, its inputs give 成长客户" in out


def test_an_expected_value_changed_so_the_development_record_is_stale(tmp_path: Path) -> None:
    """One attempt at the model's second stage: its weighted value = expected value × that stage's probability."""
    from kam_xl.workbooks import development

    model = default_model()
    stage = model.pipeline.stages[1]
    path = development.write(
        tmp_path / "dev.xlsx",
        [development.Attempt(account="丙", stage=stage.code, expected_value=100_000.0, outcome="open")],
    )
    code, found, out = run(path)
    assert (code, found) == (0, []), out
    overwrite(path, "xl/worksheets/sheet1.xml", "H5", "<v>300000</v>", "n")  # expected value 100,000 → 300,000
    code, found, out = run(path)
    cells = {(s, c) for s, c, _ in found}
    assert code == 1 and {k for _, _, k in found} == {"stated value differs from the recomputation"}, out
    assert ("开发记录", "I5") in cells, out  # the row's weighted value; the rest are the summary's sums of it
    assert {s for s, _ in cells} <= {"开发记录", "汇总", "漏斗"}  # the funnel's values at each stage too
    assert f"its inputs give {300_000 * stage.probability:g}" in out.replace(".0,", ",").replace(".0\n", "\n"), out


def test_a_stage_date_changed_so_the_funnel_s_days_in_stage_are_stale(tmp_path: Path) -> None:
    """The record's stage dates are read back: an attempt first contacted on 2026-01-01 became possible on
    2026-01-11 (10 days as a potential account); typed over as 2026-01-21, its inputs give 20 days."""
    from datetime import date

    from kam_xl.workbooks import development
    from kam_xl.workbooks.development_funnel import FUNNEL_ROW

    model = default_model()
    letter = {c.key: get_column_letter(j) for j, c in enumerate(development.columns(), start=1)}
    path = development.write(
        tmp_path / "dev.xlsx",
        [development.Attempt(account="丁", stage=model.pipeline.stages[1].code, expected_value=50_000.0,
                             outcome="open", first_contact=date(2026, 1, 1), possible_on=date(2026, 1, 11))],
    )  # fmt: skip
    code, found, out = run(path)
    assert (code, found) == (0, []), out
    serial = (date(2026, 1, 21) - date(1899, 12, 30)).days
    overwrite(path, "xl/worksheets/sheet1.xml", f"{letter['possible_on']}5", f"<v>{serial}</v>", "n")
    code, found, out = run(path)
    assert (code, found) == (1, [("漏斗", f"I{FUNNEL_ROW}", "stated value differs from the recomputation")]), out
    assert "the workbook states 10, its inputs give 20" in out, out


def test_a_development_record_made_before_its_funnel_sheet_is_still_checked(tmp_path: Path) -> None:
    """A record of the earlier layout (no funnel columns, no 漏斗 sheet) is known and its two sheets checked."""
    from kam_xl.workbooks import development

    path = development.write(tmp_path / "new.xlsx", [development.Attempt(account="戊", stage="target", outcome="open")])
    book = openpyxl.load_workbook(path)
    del book["漏斗"]
    book["开发记录"].delete_cols(column_index_from_string("O"), 7)  # possible_on … dates_check
    old = tmp_path / "old.xlsx"
    book.save(old)
    code, found, out = run(old)
    assert (code, found) == (0, []), out
    assert "开发记录, 汇总" in out or "开发记录、汇总" in out, out


def test_a_budget_changed_so_the_plan_s_action_roll_ups_are_stale(made: dict[str, Path], tmp_path: Path) -> None:
    """The first action's budget 1,000 higher: the budget total above the block is stale by exactly that."""
    plan = copy(made["plan"], tmp_path / "plan.xlsx")
    title = plan_kind.SHEETS["actions"][0]
    part = f"xl/worksheets/sheet{list(plan_kind.SHEETS).index('actions') + 1}.xml"
    ws = openpyxl.load_workbook(made["plan"], data_only=True)[title]
    budget, total = ws["G8"].value, ws["G5"].value  # the first action's budget; the budget total (row 5)
    assert budget is not None and total is not None
    overwrite(plan, part, "G8", f"<v>{budget + 1000}</v>", "n")
    code, found, out = run(plan)
    assert code == 1 and {(s, k) for s, _, k in found} == {(title, "stated value differs from the recomputation")}
    assert "G5" in {c for _, c, _ in found}, out
    assert f"the workbook states {total:g}, its inputs give {total + 1000:g}" in out, out  # e.g. 1,200,000 + 1,000


# ---------------------------------------------------------------- a row inserted into a list


def _insert_row(grid: Grid, at: int) -> Grid:
    """``grid`` as a spreadsheet leaves it after inserting a row at ``at``: the cells from ``at`` down move one
    row down, and the new row takes the style of the row above (its grey figure cells, empty) but neither
    its formulas nor its number in column A. (The roll-ups' ranges grow over the new row; ``Grid`` holds
    their cached values, which the insertion does not change.)"""

    def moved(r: int, c: int) -> tuple[int, int]:
        return (r + 1, c) if r >= at else (r, c)

    styled = {moved(*k): v for k, v in grid.styled.items()}
    styled |= {(at, c): None for r, c in grid.formulas | set(grid.styled) if r == at - 1}
    return Grid(
        values={moved(*k): v for k, v in grid.values.items()},
        errors={moved(*k): v for k, v in grid.errors.items()},
        formulas={moved(*k) for k in grid.formulas},
        styled=styled,
    )


def test_a_row_inserted_into_the_action_list(made: dict[str, Path]) -> None:
    """A row inserted after the second action: named once as a row without its formulas (not as cleared
    formulas), and the actions below it are still read — a budget changed two rows under it makes the
    budget total stale."""
    title = plan_kind.SHEETS["actions"][0]
    back = read_back(made["plan"])
    g = _insert_row(back.grids[title], 10)  # actions from row 8: the new row sits between actions 2 and 3
    assert g.values[(11, 1)] == 3 and (10, 1) not in g.values
    report = check_read_back(dataclasses.replace(back, grids={**back.grids, title: g}))
    found = [(f.sheet, f.cell, f.kind) for f in report.findings]
    # J and K (overdue, over budget) are the row's figure cells: one finding, at the first
    assert found == [(title, "J10", "row_formulas")], found
    assert "J10, K10" in report.findings[0].en and "copy the row above's computed (grey) cells" in report.findings[0].en
    assert title in report.recomputed  # the block read to its last row is laid out alike and compared

    # the fourth action (row 11 before, now row 12) 1,000 more: the total above the block (G5) is stale
    budget, total = g.values[(12, 7)], g.values[(5, 7)]
    edited = dataclasses.replace(g, values={**g.values, (12, 7): budget + 1000})
    report = check_read_back(dataclasses.replace(back, grids={**back.grids, title: edited}))
    stale = [(f.cell, f.kind) for f in report.findings if f.kind == "stale"]
    assert ("G5", "stale") in stale, report.summary("en")
    assert any(f"its inputs give {total + 1000:g}" in f.en for f in report.findings)


# ---------------------------------------------------------------- the monthly plan sheet


def test_a_month_s_actual_changed_so_the_monthly_plan_is_stale(tmp_path: Path) -> None:
    """The monthly plan is recomputed too. A plan with two months (January target 400, actual 420: 105 %;
    February 500 and 450: 90 %, below target), a wallet line, the five steps and a commitment is clean as
    written; February's actual typed as 550 makes its attainment stale (0.9 → 550/500 = 1.1), its
    year-to-date actual (870 → 970) and its below-target flag (未达标 → blank), and nothing on other sheets."""
    monthly = MonthlyPlan(
        year=2026,
        months=[Month(sales_target=400, sales=420), Month(sales_target=500, sales=450)],
        wallet=[WalletLine("变频器", 1000, 600)],
        steps=[GrowthStep("王磊", "是"), GrowthStep("李娜", "否")],
        commitments=[Commitment("联合预测", "王磊", "采购部 刘经理", "每月提供用量预测", "备货 4 周", None, "进行中")],
    )
    plan = tmp_path / "plan.xlsx"
    plan_kind.write(plan, dataclasses.replace(account_plan(ACCOUNT, 7), monthly=monthly))
    code, found, out = run(plan)
    assert (code, found) == (0, []), out
    assert "月度经营" in out.split("core:")[-1]  # listed among the sheets recomputed with the core
    part = f"xl/worksheets/sheet{list(plan_kind.SHEETS).index('monthly') + 1}.xml"
    overwrite(plan, part, "C9", "<v>550</v>", "n")  # February is the sales block's second row (8 + 1)
    code, found, out = run(plan)
    stale = "stated value differs from the recomputation"
    assert code == 1 and {s for s, _, _ in found} == {"月度经营"}, out
    assert {("E9", stale), ("H9", stale), ("I9", stale), ("J9", stale)} <= {(c, k) for _, c, k in found}, out
    assert "the workbook states 0.9, its inputs give 1.1" in out, out
    assert "the workbook states 870, its inputs give 970" in out, out
