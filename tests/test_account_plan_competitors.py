"""The account plan's 竞争对手 / Competitors sheet (docs/definitions.md §2.16; seed 002's 竞争分析 and USP =
客户有需求 且 竞争对手做不到) and the buying centre's lines (汇报对象 reports to, 我方对接人 our owner).

A hand-worked plan — the example of §2.16 — is written and read back from the cached values, from ``formulas``
and from LibreOffice; expected numbers are worked out in the comments. The demo's platinum and gold plans carry
competitors and the contacts' lines.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pytest
from engines import FormulasBook, by_title, cached_values, close, libreoffice_recalc, soffice
from openpyxl import load_workbook

from kam_xl.demo import run_demo
from kam_xl.errors import InputError, KamError, OutOfRangeError
from kam_xl.jobs.check import check_workbook_file
from kam_xl.models import default_model
from kam_xl.samples.account_plan import account_plan
from kam_xl.workbooks import account_plan as ap
from kam_xl.workbooks.account_plan.competitors import COMPETITORS_FIRST_ROW, places
from kam_xl.workbooks.account_plan.data import block_rows
from kam_xl.workbooks.account_plan.scorecard import CONTACT_COLUMNS, CONTACTS_FIRST_ROW

MODEL = default_model()
CODES = [d.code for d in MODEL.satisfaction.dimensions]  # quality, delivery, technical, price, responsiveness, rel.
SHEET = "竞争对手"

# §2.16's example: us 8 7 6 5 8 7, the main competitor 6 8 6 7 5 7, importance 9 8 6 9 7 5
OURS = [8.0, 7.0, 6.0, 5.0, 8.0, 7.0]
MAIN = [6.0, 8.0, 6.0, 7.0, 5.0, 7.0]
SECOND = [9.0, 9.0, 7.0, 6.0, 8.0, 8.0]
IMPORTANCE = [9.0, 8.0, 6.0, 9.0, 7.0, 5.0]


def _plan() -> ap.AccountPlan:
    return ap.AccountPlan(
        account="恒信钢铁集团有限公司",
        our_sales=3_500_000,
        total_spend=10_000_000,  # our share of wallet 35 %
        perceived=dict(zip(CODES, OURS, strict=True)),
        importance=dict(zip(CODES, IMPORTANCE, strict=True)),
        competitors=[
            ap.Competitor("华德电气", 0.30, "品牌强", "交期长", "质量、响应", dict(zip(CODES, MAIN, strict=True))),
            ap.Competitor("瑞博自动化", 0.20, "价格低", "服务弱", None, dict(zip(CODES, SECOND, strict=True))),
            # a half-filled row: no share, only the quality score
            ap.Competitor("艾必森机电", None, None, None, None, {"quality": 7.0}),
        ],
        contacts=[
            ap.Contact("王建国", "总经理", "decision", "decision_maker", "supporter", 5, "D", 2, 1, 1,
                       reports_to=None, owner="林立新"),
            ap.Contact("李娜", "采购总监", "management", "influencer", "neutral", 3, "C", 1, 1, 0,
                       reports_to="王建国", owner="周工"),
        ],
    )  # fmt: skip


def _cells() -> tuple[dict[str, str], object]:
    n = block_rows(3, ap.COMPETITOR_ROWS)  # three competitors and the spare rows
    return {"main": "F", "second": "G", "third": "H"}, places(n, len(CODES))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ap.PlanBook, dict[str, dict]]:
    out = tmp_path_factory.mktemp("competitors")
    path = ap.write(out / "plan.xlsx", _plan(), lang="zh")
    book = ap.build(_plan(), lang="zh")
    engines = {
        "cached": cached_values(path),
        "formulas": by_title(FormulasBook(path).values(), book.wb.sheetnames),
    }
    if soffice():
        engines["libreoffice"] = cached_values(libreoffice_recalc([path], out / "lo")[path])
    return path, book, engines


def _agree(book: ap.PlanBook, engines: dict[str, dict], sheets: tuple[str, ...]) -> None:
    figures = {k: v for k, v in book.figures().items() if k[0] in sheets}
    assert any(k[0] == sheets[0] for k in figures)
    for name, seen in engines.items():
        bad = [f"{k}: want {v!r}, got {seen.get(k, '')!r}" for k, v in figures.items() if not close(seen.get(k, ""), v)]
        assert bad == [], name


def test_every_competitor_cell_agrees_in_every_engine(written: tuple) -> None:
    _, book, engines = written
    _agree(book, engines, (SHEET, "概览"))


def test_a_sample_plan_in_english_agrees_in_every_engine(tmp_path: Path) -> None:
    """The demo's kind of plan (two or three competitors, drawn scores, the spare columns blank), in English."""
    plan = account_plan("天成建材有限公司", 3, lang="en")
    assert len(plan.competitors) >= 2
    path = ap.write(tmp_path / "sample.xlsx", plan, lang="en")
    book = ap.build(plan, lang="en")
    engines = {"cached": cached_values(path), "formulas": by_title(FormulasBook(path).values(), book.wb.sheetnames)}
    if soffice():
        engines["libreoffice"] = cached_values(libreoffice_recalc([path], tmp_path / "lo")[path])
    _agree(book, engines, ("Competitors", "Overview"))


@pytest.mark.parametrize("engine", ["cached", "formulas", "libreoffice"])
def test_hand_worked_competitors(written: tuple, engine: str) -> None:
    path, book, engines = written
    if engine not in engines:
        pytest.skip("LibreOffice not installed")
    seen = engines[engine]
    col, at = _cells()

    def column(c: str, top: int) -> list[object]:
        return [seen[(SHEET, f"{c}{top + k}")] for k in range(len(CODES))]

    # share not listed: 1 − 0.35 − (0.30 + 0.20) = 0.15 (the third competitor's blank share left out)
    assert close(seen[(SHEET, f"C{at.ours}")], 0.35) and close(seen[(SHEET, f"C{at.rest}")], 0.15)
    # needed where the importance reaches 7: 9 8 6 9 7 5 → 是 是 否 是 是 否; our scores shown from the diagnosis
    assert column("D", at.scores) == ["是", "是", "否", "是", "是", "否"]
    assert column("E", at.scores) == OURS
    # main: 8−6, 7−8, 6−6, 5−7, 8−5, 7−7 = 2 −1 0 −2 3 0, overall (weights 1) 2/6 = 0.333
    assert column(col["main"], at.leads) == [2.0, -1.0, 0.0, -2.0, 3.0, 0.0]
    assert close(seen[(SHEET, f"{col['main']}{at.overall}")], 1 / 3)
    # second: 8−9, 7−9, 6−7, 5−6, 8−8, 7−8 = −1 −2 −1 −1 0 −1, overall −6/6 = −1
    assert column(col["second"], at.leads) == [-1.0, -2.0, -1.0, -1.0, 0.0, -1.0]
    assert close(seen[(SHEET, f"{col['second']}{at.overall}")], -1.0)
    # third: only quality scored (8 − 7 = 1); the rest and the overall lead blank
    assert column(col["third"], at.leads) == [1.0, "", "", "", "", ""]
    assert seen[(SHEET, f"{col['third']}{at.overall}")] == ""
    # USP = needed and lead ≥ 1: main at quality (2) and responsiveness (3, importance exactly 7); none against
    # the second (no lead); the third at quality (needed, lead 1 = the margin)
    star = "★ USP"
    assert column(col["main"], at.usps) == [star, "", "", "", star, ""]
    assert column(col["second"], at.usps) == [""] * 6
    assert column(col["third"], at.usps) == [star, "", "", "", "", ""]
    # each grid's captions show the list's names; a spare column blank
    assert [seen[(SHEET, f"{c}{at.scores - 1}")] for c in "FGHI"] == ["华德电气", "瑞博自动化", "艾必森机电", ""]
    # the overview shows the main competitor's overall lead
    assert book.cells["competitive_gap"] == (SHEET, f"{col['main']}{at.overall}")
    assert close(seen[("概览", _overview_row(path))], 1 / 3)


def _overview_row(path: Path) -> str:
    """The overview cell that shows the main competitor's overall lead (its caption in A)."""
    ws = load_workbook(path)["概览"]
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == "综合领先（主要竞争对手）":
            return f"B{row[0].row}"
    raise AssertionError("no overall lead on the overview")


def test_a_competitor_score_edited_in_the_sheet(written: tuple) -> None:
    """The main competitor's price score typed down from 7 to 4 (``formulas``): lead 5 − 4 = 1, price is needed
    (9), so it becomes a USP; overall (2 − 1 + 0 + 1 + 3 + 0) / 6 = 5/6."""
    path, book, _ = written
    col, at = _cells()
    price = CODES.index("price")
    cell = f"{col['main']}{at.scores + price}"
    assert load_workbook(path)[SHEET][cell].value == 7
    seen = by_title(FormulasBook(path).values(inputs={(SHEET, cell): 4}), book.wb.sheetnames)
    assert seen[(SHEET, f"{col['main']}{at.leads + price}")] == 1.0
    assert seen[(SHEET, f"{col['main']}{at.usps + price}")] == "★ USP"
    assert close(seen[(SHEET, f"{col['main']}{at.overall}")], 5 / 6)


def test_the_list_and_the_lines_are_inputs(written: tuple) -> None:
    path, _, _ = written
    wb = load_workbook(path)
    ws = wb[SHEET]
    r = COMPETITORS_FIRST_ROW
    assert [ws[f"{c}{r}"].value for c in "BCDEF"] == ["华德电气", 0.3, "品牌强", "交期长", "质量、响应"]
    assert ws.protection.sheet and not ws[f"B{r}"].protection.locked
    # reports to: a strict dropdown of the contacts' names; our owner typed
    bc = wb["采购组织"]
    up, owner = CONTACT_COLUMNS["reports_to"], CONTACT_COLUMNS["owner"]
    row = CONTACTS_FIRST_ROW + 1
    assert bc[f"{up}{row}"].value == "王建国" and bc[f"{owner}{row}"].value == "周工"
    strict = [dv for dv in bc.data_validations.dataValidation if f"{up}{CONTACTS_FIRST_ROW}" in str(dv.sqref)]
    assert (
        strict
        and strict[0].showErrorMessage
        and strict[0].formula1 == f"=$B${CONTACTS_FIRST_ROW}:$B${CONTACTS_FIRST_ROW + ap.CONTACT_ROWS - 1}"
    )


@pytest.mark.parametrize(
    ("change", "error", "field", "cell"),
    [
        # 0.35 + 0.30 + 0.20 + 0.30 = 1.15 > 1: refused at the first competitor's share
        ({"competitors": [*_plan().competitors, ap.Competitor("X", 0.30)]}, OutOfRangeError, "shares", "竞争对手!C6"),
        ({"competitors": [ap.Competitor("X", 1.5)]}, OutOfRangeError, "competitors[1].share", "竞争对手!C6"),
        ({"competitors": [ap.Competitor("X", 0.1, scores={"quality": 11})]}, OutOfRangeError,
         "competitors[1].scores.quality", None),
        ({"competitors": [ap.Competitor("X", 0.1, scores={"looks": 5})]}, InputError, None, None),
        ({"importance": {"price": 0}}, OutOfRangeError, "importance.price", None),
        ({"contacts": [ap.Contact("王建国"), ap.Contact("李娜", reports_to="张三")]}, InputError,
         "contacts[2].reports_to", "采购组织!N9"),
        ({"contacts": [ap.Contact("王建国", reports_to="王建国")]}, InputError, "contacts[1].reports_to", "采购组织!N8"),
    ],
)  # fmt: skip
def test_bad_input_is_named(change: dict, error: type, field: str | None, cell: str | None) -> None:
    with pytest.raises(error) as info:
        ap.build(dataclasses.replace(_plan(), **change))
    if field is not None:
        assert info.value.field == field
    if cell is not None:
        assert isinstance(info.value, KamError) and info.value.position.cell == cell


def test_the_demo_plans_carry_competitors_and_lines(tmp_path: Path) -> None:
    """Every platinum and gold account's plan in the demo: at least two competitors, the main one (largest
    share) first, every criterion scored, shares within what our share of wallet leaves; every contact has
    our owner and every contact below the decision level reports to another contact of the list."""
    result = run_demo(tmp_path / "demo", lang="en")
    plans = [p for p in result.files if p.name.startswith("account-plan-")]
    assert len(plans) >= 2
    for path in plans:
        wb = load_workbook(path)
        ws, bc = wb["Competitors"], wb["Buying centre"]
        rows = [[ws[f"{c}{r}"].value for c in "BC"] for r in range(COMPETITORS_FIRST_ROW, COMPETITORS_FIRST_ROW + 4)]
        named = [x for x in rows if x[0] is not None]
        assert len(named) >= 2, path.name
        shares = [x[1] for x in named]
        assert shares == sorted(shares, reverse=True) and all(s > 0 for s in shares), path.name
        n = block_rows(len(named), ap.COMPETITOR_ROWS)
        at = places(n, len(CODES))
        ours = load_workbook(path, data_only=True)["Competitors"][f"C{at.ours}"].value
        assert ours + sum(shares) <= 1.0 + 1e-9, path.name
        for i in range(len(named)):
            col = chr(ord("F") + i)
            assert all(isinstance(ws[f"{col}{at.scores + k}"].value, (int, float)) for k in range(len(CODES)))
        names, up, owner = [], [], []
        r = CONTACTS_FIRST_ROW
        while bc[f"B{r}"].value is not None:
            names.append(bc[f"B{r}"].value)
            up.append(bc[f"{CONTACT_COLUMNS['reports_to']}{r}"].value)
            owner.append(bc[f"{CONTACT_COLUMNS['owner']}{r}"].value)
            r += 1
        assert names and all(o for o in owner), path.name
        assert all(u is None or (u in names and u != n_) for u, n_ in zip(up, names, strict=True)), path.name
        assert any(u is not None for u in up), path.name


# ---------------------------------------------------------------- kam-xl check reads the sheet back


def _type_over(path: Path, sheet_index: int, ref: str, value: float) -> None:
    """A number typed into one cell in the sheet's XML, every other cached value kept (as Excel saves)."""
    part = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    text = parts[part].decode()
    m = re.search(rf'<c r="{ref}"( s="\d+")?[^>]*?(/>|>.*?</c>)', text)
    assert m, ref
    parts[part] = text.replace(m.group(0), f'<c r="{ref}"{m.group(1) or ""}><v>{value!r}</v></c>', 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_check_reads_the_competitors_back(written: tuple, tmp_path: Path) -> None:
    """As made: clean, the sheet recomputed. The main competitor's quality typed up from 6 to 8: its quality lead
    (8 − 6 = 2 → 8 − 8 = 0), its overall lead ((2 − 1 + 0 − 2 + 3 + 0) / 6 = 1/3 → (0 − 1 + 0 − 2 + 3 + 0) / 6 = 0)
    and its quality USP mark (★ → blank: a tie is no USP) are stale; nothing else."""
    path, book, _ = written
    report = check_workbook_file(path)
    assert report.clean, report.summary("en")
    assert SHEET in report.recomputed
    edited = tmp_path / "edited.xlsx"
    edited.write_bytes(path.read_bytes())
    col, at = _cells()
    q = CODES.index("quality")
    _type_over(edited, book.wb.sheetnames.index(SHEET) + 1, f"{col['main']}{at.scores + q}", 8.0)
    report = check_workbook_file(edited)
    found = {(f.sheet, f.cell) for f in report.findings if f.kind == "stale"}
    c = col["main"]
    assert found == {(SHEET, f"{c}{at.leads + q}"), (SHEET, f"{c}{at.overall}"), (SHEET, f"{c}{at.usps + q}")}
    assert {f.kind for f in report.findings} == {"stale"}, report.summary("en")


def test_check_reads_a_plan_made_before_the_competitors_sheet(written: tuple, tmp_path: Path) -> None:
    """A plan without the sheet (as plans were made before it) is still an account plan to check."""
    path, _, _ = written
    wb = load_workbook(path)
    del wb[SHEET]
    older = tmp_path / "older.xlsx"
    wb.save(older)
    report = check_workbook_file(older)
    assert report.kind == "account_plan" and SHEET not in report.recomputed
    assert "诊断" in report.recomputed
