"""The buttons' jobs on real files, through the openpyxl workbook interface (kam_xl.sheetbook).

What a button does in Excel it does here on a file: "new account from the selected row" and
"refresh the portfolio" (kam_xl.jobs.open_book), the files re-opened from disk and the refreshed
formulas recomputed by the ``formulas`` engine. Hand-worked figures use the default model
(SPEC §2.2): criterion weights 8 8 8 8 6 10 10 10 10 | 8 8 8 6 6 6 6 6 8 (sum 140), all directions
+1, scale 1–10, so score = 100·(raw − 140)/1260; tiers 战略客户 ≥ 75 > 重点客户 ≥ 55 > 成长客户 ≥ 35 > 一般客户;
ABC: A while the share of value above an account is < 0.80, B < 0.95, else C.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from engines import FormulasBook, by_title, close
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from test_new_account import SCORE, SCORES, TARGET, TIER, L, beside, books, portfolio

from kam_xl.errors import KamError
from kam_xl.jobs.open_book import new_account_from_selection, refresh_portfolio, run_button
from kam_xl.models import default_model
from kam_xl.sheetbook import OpenpyxlSheetbook
from kam_xl.workbooks import portfolio as kind

MODEL = default_model()
COLS = kind.columns(MODEL)


def letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(next(i for i, c in enumerate(COLS, start=1) if c.key == key))


# ---------------------------------------------------------------- new account from the selected row


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_new_account_from_the_selected_row(tmp_path: Path, lang: str) -> None:
    source = portfolio(tmp_path / f"portfolio-{lang}.xlsx", lang)  # the target is the middle account: row 6
    book = OpenpyxlSheetbook(source)
    book.select(book.sheet_names()[0], kind.FIRST_ROW + 1)
    result = new_account_from_selection(book, as_of=date(2026, 9, 30))
    assert result.record.name == TARGET["account"]

    # re-opened from disk, beside the portfolio: the plan carries row 6, its score and tier are the core's
    _, _, plan, cfile = books(tmp_path, lang, TARGET["account"])
    t = L[lang]
    ov, sc = plan[t["overview"]], plan[t["scorecard"]]
    assert beside(ov, t["account"]) == TARGET["account"]
    assert beside(ov, t["owner"]) == "王磊"
    assert result.record.as_of == date(2026, 9, 30)
    for c in MODEL.scorecard().criteria:
        assert beside(sc, c.text(lang), "B", 4) == SCORES[c.code], c.code
    assert close(beside(sc, t["score"], "B", 4), SCORE)  # 856 / 14 = 61.14
    assert beside(sc, t["tier"], "B", 4) == TIER[lang]
    manager = "大客户经理" if lang == "zh" else "Key-account manager"
    assert beside(cfile[t["basic"]], t["account"]) == TARGET["account"]
    assert beside(cfile[t["basic"]], manager) == "王磊"


def test_a_header_row_selected_is_one_line(tmp_path: Path) -> None:
    source = portfolio(tmp_path / "p.xlsx", "zh")
    book = OpenpyxlSheetbook(source)
    book.select(book.sheet_names()[0], kind.HEADER_ROW)
    text = run_button(book, lambda b: str(new_account_from_selection(b)))
    assert "\n" in text and "Traceback" not in text
    zh, en = text.split("\n")
    assert "第 5 行起" in zh and "from row 5 down" in en
    assert book.messages == [text]
    assert not list(tmp_path.glob("大客户*"))  # nothing written


# ---------------------------------------------------------------- refresh in place


NEW = {"account": "西南仪表有限公司", "industry": "仪器仪表", "owner": "赵敏", "revenue": 1_000_000.0}


def _edited(tmp_path: Path) -> tuple[Path, int]:
    """The three-account portfolio as a manager leaves it: inputs changed, an account typed below the
    table's formula rows, a column of notes (bold red on yellow) right of the table and a sheet of their own."""
    path = portfolio(tmp_path / "portfolio.xlsx", "zh")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    first = kind.FIRST_ROW
    for c in MODEL.scorecard().criteria:  # row 5 (北方钢铁集团): every criterion 3 → 9
        ws[f"{letter('criterion:' + c.code)}{first}"] = 9
    ws[f"{letter('revenue')}{first + 1}"] = 12_000_000  # row 6 (the target): 2.4M → 12M
    new_row = first + 3 + kind.SPARE_ROWS  # below the rows the workbook was made with
    ws[f"A{new_row}"], ws[f"B{new_row}"], ws[f"C{new_row}"] = NEW["account"], NEW["industry"], NEW["owner"]
    for c in MODEL.scorecard().criteria:
        ws[f"{letter('criterion:' + c.code)}{new_row}"] = 5
    ws[f"{letter('revenue')}{new_row}"] = NEW["revenue"]
    own = len(COLS) + 1
    ws.cell(row=kind.HEADER_ROW, column=own, value="跟进备注")
    for r, note in ((first, "下周拜访"), (first + 1, "=报价待审")):  # a note that looks like a formula stays text
        cell = ws.cell(row=r, column=own, value=note)
        cell.data_type = "s"
        cell.font = Font(bold=True, color="FFC00000")
        cell.fill = PatternFill("solid", fgColor="FFFFFF00")
    wb.create_sheet("我的笔记")["A1"] = "季度目标：三个新客户"
    wb.save(path)
    return path, new_row


def test_refresh_scores_every_row_in_place_and_keeps_what_the_user_added(tmp_path: Path) -> None:
    path, new_row = _edited(tmp_path)
    book = OpenpyxlSheetbook(path)
    result = refresh_portfolio(book, spare_rows=2)
    assert (result.sheet, result.lang, result.accounts) == ("客户组合", "zh", 4)
    book.save()

    wb = load_workbook(path)  # re-opened from disk
    ws = wb.worksheets[0]
    assert wb.sheetnames[-1] == "我的笔记" and wb["我的笔记"]["A1"].value == "季度目标：三个新客户"
    own = len(COLS) + 1
    assert ws.cell(row=kind.HEADER_ROW, column=own).value == "跟进备注"
    note = ws.cell(row=kind.FIRST_ROW + 1, column=own)
    assert note.value == "=报价待审" and note.data_type == "s"
    assert note.font.b and note.font.color.rgb == "FFC00000" and note.fill.fgColor.rgb == "FFFFFF00"
    assert ws[f"A{new_row}"].value == NEW["account"]  # inputs as the user typed them
    for key in ("score", "tier", "abc"):  # the appended row has the formulas now
        assert str(ws[f"{letter(key)}{new_row}"].value).startswith("="), key

    # recomputed by an independent engine: the core's values on every account row
    fb = FormulasBook(path)
    got = by_title(fb.values(), wb.sheetnames)
    sheet = ws.title
    rows = {"北方钢铁集团": kind.FIRST_ROW, TARGET["account"]: kind.FIRST_ROW + 1, NEW["account"]: new_row}

    def at(key: str, account: str) -> object:
        return got[(sheet, f"{letter(key)}{rows[account]}")]

    # by hand (1–10 card, score = 100·(raw − 140)/1260): all 9s → raw 1260 → 100·1120/1260 = 88.89 (战略客户);
    # the target keeps 56.83 (重点客户); all 5s → raw 700 → 100·560/1260 = 44.44 (成长客户)
    assert close(at("score", "北方钢铁集团"), 100 * 1120 / 1260) and at("tier", "北方钢铁集团") == "战略客户"
    assert close(at("score", TARGET["account"]), SCORE) and at("tier", TARGET["account"]) == "重点客户"
    assert close(at("score", NEW["account"]), 100 * 560 / 1260) and at("tier", NEW["account"]) == "成长客户"
    # revenue 9M, 12M, 5M (华东电气, row 7), 1M: total 27M; share of value above each account
    assert close(at("share_above", TARGET["account"]), 0.0)
    assert close(at("share_above", "北方钢铁集团"), 12 / 27)
    assert close(got[(sheet, f"{letter('share_above')}{kind.FIRST_ROW + 2}")], 21 / 27)
    assert close(at("share_above", NEW["account"]), 26 / 27)
    assert at("abc", TARGET["account"]) == "A类" and at("abc", NEW["account"]) == "C类"
    # and every formula column equals what the core gives for the same inputs
    for c in COLS:
        if c.kind != "formula":
            continue
        for r in (kind.FIRST_ROW, kind.FIRST_ROW + 1, kind.FIRST_ROW + 2, new_row):
            core = result.values[c.key][r - kind.FIRST_ROW]
            engine = got[(sheet, f"{letter(c.key)}{r}")]
            assert close(engine, core) if isinstance(core, float) else engine == core, (c.key, r, engine, core)


def test_refresh_names_the_cell_it_cannot_read(tmp_path: Path) -> None:
    path = portfolio(tmp_path / "portfolio.xlsx", "zh")
    wb = load_workbook(path)
    first = MODEL.scorecard().criteria[0]
    wb.worksheets[0][f"{letter('criterion:' + first.code)}{kind.FIRST_ROW + 2}"] = "高"
    wb.save(path)
    with pytest.raises(KamError) as err:
        refresh_portfolio(OpenpyxlSheetbook(path))
    assert f"客户组合!{letter('criterion:' + first.code)}{kind.FIRST_ROW + 2}" in err.value.message("en")


# ---------------------------------------------------------------- receivables from a ledger sheet


def test_receivables_of_the_selected_ledger_sheet_written_into_the_workbook(tmp_path: Path) -> None:
    from datetime import datetime

    from kam_xl.jobs.open_book import receivables_into_book
    from kam_xl.workbooks.receivables_report import columns

    path = tmp_path / "台账.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["customerID", "invoiceNumber", "InvoiceDate", "DueDate", "InvoiceAmount", "SettledDate"])
    ws.append(["A01", "0001", datetime(2013, 1, 2), datetime(2013, 2, 1), 100, datetime(2013, 1, 15)])  # paid
    ws.append(["A01", "0002", datetime(2013, 5, 1), datetime(2013, 5, 31), 200, None])  # open, 30 days late
    ws.append(["B02", "0003", datetime(2013, 6, 10), datetime(2013, 7, 10), 50, None])  # open, not yet due
    ws.append(["B02", "0004", datetime(2013, 6, 12), datetime(2013, 7, 12), -30, None])  # a credit note: not counted
    wb.create_sheet("说明")["A1"] = "每月导出"
    wb.save(path)

    book = OpenpyxlSheetbook(path, selection=("台账", 2))
    receivables_into_book(book, as_of=date(2013, 6, 30))
    book.save()

    out = load_workbook(path, data_only=True)
    assert out.sheetnames == ["台账", "说明", "应收账款"]
    rows = [[c.value for c in r] for r in out["应收账款"].iter_rows()]
    assert rows[0][:2] == ["截止日", datetime(2013, 6, 30)]
    heads = rows[2]
    col = {c.key: heads.index(c.heading[0]) for c in columns(MODEL, "zh")}
    by_account = {r[0]: r for r in rows[3:5]}
    # by hand, as of 2013-06-30: A01 owes invoice 0002 (200, due 31 May: overdue); B02 owes 0003 (50, due in July)
    assert by_account["A01"][col["outstanding"]] == 200 and by_account["A01"][col["overdue"]] == 200
    assert by_account["B02"][col["outstanding"]] == 50 and by_account["B02"][col["overdue"]] == 0
    listed = [r for r in rows[5:] if r and r[0] == "台账"]
    assert len(listed) == 1 and listed[0][1:3] == ["第 5 行", "InvoiceAmount"] and "贷项" in str(listed[0][3])


# ---------------------------------------------------------------- the xlwings side, on a stand-in Book


class _Range:
    def __init__(self, sheet: _Sheet, first: tuple[int, int], last: tuple[int, int] | None = None) -> None:
        self.sheet, self.first, self.last = sheet, first, last or first
        self.row, self.column = first

    @property
    def last_cell(self) -> _Range:
        return _Range(self.sheet, self.last)

    def options(self, ndim: int) -> _Range:
        return self

    @property
    def value(self) -> list[list[object]]:
        (r0, c0), (r1, c1) = self.first, self.last
        return [[self.sheet.cells.get((r, c)) for c in range(c0, c1 + 1)] for r in range(r0, r1 + 1)]

    @value.setter
    def value(self, block: list[list[object]]) -> None:
        for i, row in enumerate(block):
            for k, v in enumerate(row):
                self.sheet.cells[(self.row + i, self.column + k)] = v


class _Sheet:
    def __init__(self, name: str, cells: dict[tuple[int, int], object]) -> None:
        self.name, self.cells = name, cells

    @property
    def used_range(self) -> _Range:
        return _Range(self, (1, 1), (max(r for r, _ in self.cells), max(c for _, c in self.cells)))

    def range(self, first: tuple[int, int], last: tuple[int, int] | None = None) -> _Range:
        return _Range(self, first, last)


def test_the_xlwings_book_writes_formulas_as_formulas_and_text_as_text() -> None:
    from types import SimpleNamespace

    from kam_xl.sheetbook import Formula, XlwingsSheetbook

    sheet = _Sheet("客户组合", {(1, 1): "客户", (2, 1): "华东电气", (2, 2): 85.0})
    alerts: list[str] = []
    fake = SimpleNamespace(
        name="客户组合.xlsx", fullname="客户组合.xlsx", sheets=_Sheets([sheet]),
        selection=_Range(sheet, (2, 2)), app=SimpleNamespace(alert=lambda text, title: alerts.append(text)),
    )  # fmt: skip
    book = XlwingsSheetbook(fake)
    assert book.selection() == ("客户组合", 2)
    assert book.rows("客户组合") == [["客户", None], ["华东电气", 85.0]]
    book.write("客户组合", 2, 3, [[Formula("=B2*2"), "=不是公式", "+86 21", 3.0]])
    assert [sheet.cells[(2, c)] for c in (3, 4, 5, 6)] == ["=B2*2", "'=不是公式", "'+86 21", 3.0]
    book.message("完成 / done")
    assert alerts == ["完成 / done"]


class _Sheets(list[_Sheet]):
    """xlwings' Sheets: by name or by position."""

    def __getitem__(self, key):
        return next(s for s in self if s.name == key) if isinstance(key, str) else list.__getitem__(self, key)
