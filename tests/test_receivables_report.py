"""`kam-xl receivables`, end to end: the command run as a subprocess on ledgers written to disk here.

Figures are worked out by hand in the comments and compared with the workbook's cached values and
with the core run on the same files; the input files must be byte-identical afterwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import subprocess
import sys
from pathlib import Path

import pytest
from engines import by_title, cached_values, close, formula_cells, formulas_values
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from kam_xl.cells import date_to_serial
from kam_xl.core.receivables import receivables
from kam_xl.jobs.receivables_report import read_credit_limits
from kam_xl.ledger import read_ledger

KAM_XL = Path(sys.executable).parent / "kam-xl"
AS_OF = "2024-06-30"  # period (2023-06-30, 2024-06-30]: 366 days (2024 is a leap year)

INVOICES = """customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount
A001,INV1,2024-01-10,2024-02-09,1000
A001,INV2,2024-05-01,2024-05-31,500
A001,INV3,2024-06-15,2024-07-15,300
B002,INV4,2023-05-01,2023-05-31,2000
B002,INV5,2024-03-01,2024-03-31,800
合计,,,,4600
"""
RECEIPTS = """customerID,invoiceNumber,receiptDate,amount
A001,INV1,2024-02-01,1000
A001,INV2,2024-04-20,200
B002,INV9,2024-04-01,150
B002,INV4,2023-08-15,2000
"""
LIMITS = '客户编号,信用额度\nA001,"¥1,000"\n'


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KAM_XL), *map(str, args)], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def table(path: Path, sheet: str, header_row: int) -> dict[str, dict[str, object]]:
    """A sheet's rows by their first cell, each as header → cached value."""
    ws = load_workbook(path, data_only=True)[sheet]
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    heads = [str(h) for h in rows[0]]
    return {str(r[0]): dict(zip(heads, r, strict=False)) for r in rows[1:] if r[0] is not None}


@pytest.fixture
def ledger(tmp_path: Path) -> tuple[Path, Path, Path]:
    inv, rec, lim = tmp_path / "invoices.csv", tmp_path / "receipts.csv", tmp_path / "limits.csv"
    inv.write_text(INVOICES, encoding="utf-8")
    rec.write_text(RECEIPTS, encoding="utf-8")
    lim.write_text(LIMITS, encoding="utf-8")
    return inv, rec, lim


def test_report_figures_by_hand_and_against_the_core(tmp_path: Path, ledger: tuple[Path, Path, Path]) -> None:
    inv, rec, lim = ledger
    before = digest(inv, rec, lim)
    done = run("receivables", inv, "--receipts", rec, "--as-of", AS_OF, "--credit-limits", lim, "--lang", "en",
               "--out", "report.xlsx", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 1, done.stderr  # finished, with problems reported
    assert digest(inv, rec, lim) == before
    out = tmp_path / "report.xlsx"
    # the summary: 2 accounts; sales 1,800 + 800; outstanding 600 + 800; overdue 300 + 800; 2 problems; 1 totals row
    for line in ("Accounts", "2,600.00", "1,400.00", "1,100.00", "Rating D (risk)", "Ledger problems"):
        assert line in done.stdout
    assert "Wrote report.xlsx" in done.stdout

    rows = table(out, "Receivables", 7)
    a, b, total = rows["A001"], rows["B002"], rows["Total"]
    # A001: INV1 1,000 paid 2024-02-01; INV2 500 less 200 received 2024-04-20 (before its invoice): 300 open,
    # due 2024-05-31 → 30 days past due (1–30); INV3 300 due 2024-07-15, not due.
    expected_a = {
        "Sales in period": 1800.0,  # 1,000 + 500 + 300, all dated in the period
        "Opening balance": 0.0,  # nothing invoiced by 2023-06-30
        "Not due": 300.0,
        "1–30 days": 300.0,
        "31–60 days": 0.0,
        "Over 90 days": 0.0,
        "Outstanding": 600.0,
        "Overdue": 300.0,
        "Arrears rate": 600 / 1800,
        "Overdue ratio": 0.5,  # 300 / 600
        "DSO": 122.0,  # 600 / 1,800 · 366
        "Best possible DSO": 61.0,  # 300 / 1,800 · 366
        "Days delinquent": 61.0,
        "CEI": 80.0,  # (0 + 1,800 − 600) / (0 + 1,800 − 300) · 100
        "Avg collection days": 16.5,  # (1,000 · 22 + 200 · (−11)) / 1,200
        "Largest receipt": 1000.0,
        "Average receipt": 600.0,  # (1,000 + 200) / 2
        "Unapplied receipts": 0.0,
        # month ends Jul 2023 … Jun 2024: 0 ×6, Jan 1,000, Feb 0, Mar 0, Apr −200 (received before invoiced),
        # May 1,500 − 1,200 = 300, Jun 1,800 − 1,200 = 600 → 1,700 / 12
        "Average arrears": 1700 / 12,
        "Credit limit": 1000.0,  # "¥1,000" in the limits file
        "Credit-limit use": 0.6,  # 600 / 1,000
        "Credit rating": "D (risk)",  # DSO 122 > 120
    }
    # B002: INV4 2,000 (2023-05-01, before the period) paid 2023-08-15: opening 2,000, collected in 106 days;
    # INV5 800 due 2024-03-31, open: 91 days past due (over 90); 150 received on unknown INV9.
    expected_b = {
        "Sales in period": 800.0,
        "Opening balance": 2000.0,
        "Not due": 0.0,
        "Over 90 days": 800.0,
        "Outstanding": 800.0,
        "Overdue": 800.0,
        "Arrears rate": 1.0,
        "Overdue ratio": 1.0,
        "DSO": 366.0,
        "Best possible DSO": 0.0,
        "Days delinquent": 366.0,
        "CEI": 2000 / 2800 * 100,  # (2,000 + 800 − 800) / (2,000 + 800 − 0) · 100
        "Avg collection days": 106.0,  # 2023-08-15 − 2023-05-01
        "Largest receipt": 2000.0,  # all receipts in the period, the unapplied 150 too
        "Average receipt": 1075.0,  # (2,000 + 150) / 2
        "Unapplied receipts": 150.0,
        "Average arrears": 5200 / 12,  # Jul 2023 2,000; Aug … Feb 0; Mar … Jun 800 ×4
        "Credit limit": None,
        "Credit-limit use": None,
        "Credit rating": "D (risk)",
    }
    for got, want in ((a, expected_a), (b, expected_b)):
        for key, value in want.items():
            if value is None or isinstance(value, str):
                assert got[key] == value, key
            else:
                assert got[key] == pytest.approx(value, abs=1e-9), key
    # totals: the sums, and the ratios of the sums
    assert total["Sales in period"] == pytest.approx(2600)
    assert total["Outstanding"] == pytest.approx(1400)
    assert total["Overdue"] == pytest.approx(1100)
    assert total["Unapplied receipts"] == pytest.approx(150)
    assert total["DSO"] == pytest.approx(1400 / 2600 * 366)
    assert total["CEI"] == pytest.approx((2000 + 2600 - 1400) / (2000 + 2600 - 300) * 100)

    # against the core, run on the same files
    led, extra = read_ledger(inv), read_ledger(rec, kind="receipts")
    core = receivables(
        led.invoices,
        extra.receipts,
        dt.date(2024, 6, 30),
        credit_limits=read_credit_limits(lim),
    ).accounts
    for account, got in (("A001", a), ("B002", b)):
        for column, head in (("sales", "Sales in period"), ("outstanding", "Outstanding"), ("cei", "CEI"),
                             ("avg_arrears", "Average arrears"), ("credit_use", "Credit-limit use")):  # fmt: skip
            figure = float(core[column].loc[account])
            assert (got[head] is None) if math.isnan(figure) else got[head] == pytest.approx(figure), (account, column)

    # the problems sheet: the receipt before its invoice, the unknown invoice, the skipped totals row
    ws = load_workbook(out, data_only=True)["Problems"]
    at = {c.value: k for k, c in enumerate(ws[3])}  # the shared Problems sheet leaves out unused columns
    found = [(r[0], r[1], r[at["Kind"]]) for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    assert ("receipts.csv", 3, "Receipt before invoice") in found
    assert ("receipts.csv", 4, "Unknown invoice") in found
    assert ("invoices.csv", 7, "Totals row (skipped)") in found
    assert len(found) == 3

    # every formula (the Model sheet's aside) recomputed by the formulas engine equals its cached value
    cells = {k: f for k, f in formula_cells(out).items() if k[0] != "Model"}
    assert cells
    titles = load_workbook(out, read_only=True).sheetnames
    computed, cached = by_title(formulas_values(out), titles), cached_values(out)
    for at, formula in cells.items():
        shown = cached[at]
        shown = date_to_serial(shown) if isinstance(shown, dt.date) else shown
        assert close(computed[at], shown), (at, formula, computed[at], shown)


def test_refuses_to_overwrite_and_force_replaces(tmp_path: Path, ledger: tuple[Path, Path, Path]) -> None:
    inv, rec, _ = ledger
    args = ("receivables", inv, "--receipts", rec, "--as-of", AS_OF, "--out", tmp_path / "out")
    assert run(*args, cwd=tmp_path).returncode == 1
    again = run(*args, cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr and "Traceback" not in again.stderr
    assert run(*args, "--force", cwd=tmp_path).returncode == 1
    assert (tmp_path / "out" / "应收账款报告.xlsx").is_file()


def test_credit_notes_are_set_aside_and_listed(tmp_path: Path, ledger: tuple[Path, Path, Path]) -> None:
    # Credit notes (negative invoices, docs/definitions.md §2.11) are not counted: the report is written with
    # the other rows, each credit note on the Problems sheet with its row, column and cell, and the run exits 1.
    inv, rec, _ = ledger
    text = INVOICES.replace("INV3,2024-06-15,2024-07-15,300", "CN1,2024-06-15,2024-07-15,-300")  # row 4
    text = text.replace("合计", "B002,CN2,2024-06-20,2024-07-20,(150)\n合计")  # row 7; the totals row is row 8
    inv.write_text(text, "utf-8")
    before = digest(inv, rec)
    done = run("receivables", inv, "--receipts", rec, "--as-of", AS_OF, "--lang", "en", "--out", "r.xlsx",
               cwd=tmp_path)  # fmt: skip
    assert done.returncode == 1, done.stderr  # finished, with problems reported
    assert "Traceback" not in done.stderr
    assert digest(inv, rec) == before
    assert "Ledger rows not counted" in done.stdout
    out = tmp_path / "r.xlsx"
    rows = table(out, "Receivables", 7)
    a, b, total = rows["A001"], rows["B002"], rows["Total"]
    # A001 without CN1: INV1 1,000 paid 2024-02-01; INV2 500 less 200 (received before its invoice): 300 open,
    # 30 days past due on 2024-06-30 (1–30)
    assert a["Sales in period"] == pytest.approx(1500)  # 1,000 + 500 (not 1,200: the −300 is not netted)
    assert a["Outstanding"] == pytest.approx(300)
    assert a["Not due"] == pytest.approx(0)
    assert a["1–30 days"] == pytest.approx(300)
    assert a["Overdue ratio"] == pytest.approx(1.0)  # 300 / 300
    assert a["DSO"] == pytest.approx(73.2)  # 300 / 1,500 · 366
    assert a["CEI"] == pytest.approx(80.0)  # (0 + 1,500 − 300) / (0 + 1,500 − 0) · 100
    # month ends Jul … Dec 2023 0; Jan 1,000; Feb, Mar 0; Apr −200; May, Jun 1,500 − 1,200 = 300 → 1,400 / 12
    assert a["Average arrears"] == pytest.approx(1400 / 12)
    assert a["Credit rating"] == "D (risk)"  # overdue ratio 100 % > 30 %
    # B002 without CN2: as before — INV5 800 open, 91 days past due; 150 unapplied (unknown INV9)
    assert b["Sales in period"] == pytest.approx(800)
    assert b["Outstanding"] == pytest.approx(800)
    assert b["Over 90 days"] == pytest.approx(800)
    assert b["Unapplied receipts"] == pytest.approx(150)
    assert total["Sales in period"] == pytest.approx(2300)  # 1,500 + 800
    assert total["Outstanding"] == pytest.approx(1100)  # 300 + 800
    assert total["Overdue"] == pytest.approx(1100)
    # the credit notes are not on the Invoices sheet
    invoices = load_workbook(out, data_only=True)["Invoices"]
    assert [r[2] for r in invoices.iter_rows(min_row=2, values_only=True)] == ["INV1", "INV2", "INV4", "INV5"]

    ws = load_workbook(out, data_only=True)["Problems"]
    heads = [c.value for c in ws[3]]
    # the Problems sheet every command writes: no sheet (CSV files) and nothing recomputed, so those are left out
    assert heads == ["File", "Cell / row", "Column", "Account", "Document no.", "Kind", "Value as found", "Why"]
    found = [r[:7] for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    credit = "credit note — not counted"
    assert found == [
        ("receipts.csv", 3, None, "A001", "INV2", "Receipt before invoice", 200),
        ("receipts.csv", 4, None, "B002", "INV9", "Unknown invoice", 150),  # the receipt's amount
        ("invoices.csv", 4, "InvoiceAmount", "A001", "CN1", credit, "-300"),
        ("invoices.csv", 7, "InvoiceAmount", "B002", "CN2", credit, "(150)"),
        ("invoices.csv", 8, None, None, None, "Totals row (skipped)", None),
    ]
    why = [r[7] for r in ws.iter_rows(min_row=4, values_only=True) if r[5] == credit]
    assert why == [
        "-300 is out of range, must be a finite number >= 0",
        "-150 is out of range, must be a finite number >= 0",
    ]


def test_gbk_csv_with_chinese_headers(tmp_path: Path) -> None:
    # one-file ledger: a settled date pays the row's invoice in full
    text = "客户编号,发票号,开票日期,到期日,金额,收款日期\nC003,F1,2024-06-01,2024-07-01,1200,\nC003,F2,2024-04-01,2024-05-01,600,2024-05-11\n"
    path = tmp_path / "台账.csv"
    path.write_bytes(text.encode("gbk"))
    before = digest(path)
    done = run("receivables", path, "--as-of", AS_OF, "--out", "r.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # no problems
    assert "客户数" in done.stdout and "已写入 r.xlsx" in done.stdout
    assert digest(path) == before
    row = table(tmp_path / "r.xlsx", "应收账款", 7)["C003"]
    assert row["本期销售额"] == pytest.approx(1800)  # 1,200 + 600
    assert row["应收余额"] == pytest.approx(1200)  # F1 open, not due until 2024-07-01
    assert row["未到期"] == pytest.approx(1200)
    assert row["逾期金额"] == pytest.approx(0)
    assert row["平均收款周期（天）"] == pytest.approx(40)  # 2024-05-11 − 2024-04-01
    assert row["DSO"] == pytest.approx(1200 / 1800 * 366)  # 244
    assert row["信用等级"] == "D（风险）"  # DSO 244 > 120, though nothing is overdue
    ws = load_workbook(tmp_path / "r.xlsx", data_only=True)["问题"]
    assert ws["A4"].value == "台账中没有发现问题"


def test_xlsx_with_a_title_block(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["2024 年应收台账"])
    ws.append([])
    ws.append(["客户", "发票号码", "开票日期", "到期日", "金额"])
    ws.append(["D004", "X1", dt.date(2024, 6, 10), dt.date(2024, 7, 10), 100])  # row 4
    ws.append(["D004", "X1", dt.date(2024, 6, 12), dt.date(2024, 7, 12), 50])  # row 5: X1 again
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    before = digest(path)
    done = run("receivables", path, "--as-of", AS_OF, "--out", "r.xlsx", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # the repeated invoice number is reported
    assert digest(path) == before
    row = table(tmp_path / "r.xlsx", "应收账款", 7)["D004"]
    assert row["本期销售额"] == pytest.approx(150)  # 100 + 50
    assert row["应收余额"] == pytest.approx(150)
    problems = load_workbook(tmp_path / "r.xlsx", data_only=True)["问题"]
    at = {c.value: k for k, c in enumerate(problems[3])}
    assert [(r[0], r[1], r[at["类别"]]) for r in problems.iter_rows(min_row=4, values_only=True) if r[0]] == [
        ("ledger.xlsx", 5, "重复发票号")
    ]
    invoices = load_workbook(tmp_path / "r.xlsx", data_only=True)["发票"]
    assert [r[:3] for r in invoices.iter_rows(min_row=2, values_only=True)] == [(4, "D004", "X1"), (5, "D004", "X1")]


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "ledger.csv"
    bad.write_bytes(b"\x00\x01\x02 not a ledger")
    done = run("receivables", bad, "--as-of", AS_OF, cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert run("receivables", tmp_path / "missing.csv", "--as-of", AS_OF, cwd=tmp_path).returncode == 2
    assert run("receivables", "--help", cwd=tmp_path).stdout.count("kam-xl receivables") >= 1


# ---------------------------------------------------------------- live per-account formulas over the ledger sheets

LIVE_INVOICES = """customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount
B002,INV5,2024-03-01,2024-03-31,800
A001,INV1,2024-01-10,2024-02-09,1000
A001,DUP,2024-04-01,2024-05-01,400
B002,INV4,2023-05-01,2023-05-31,2000
A001,DUP,2024-05-01,2024-05-31,600
A001,CN1,2024-06-01,2024-07-01,-100
A001,INV2,2024-05-01,2024-05-31,500
合计,,,,5200
"""
LIVE_RECEIPTS = """customerID,invoiceNumber,receiptDate,amount
A001,DUP,2024-05-10,700
A001,INV2,2024-04-20,200
B002,INV9,2024-04-01,150
A001,INV1,2024-02-01,1000
B002,INV4,2023-08-15,2000
C003,X1,2024-06-01,50
"""


def _live_report(tmp_path: Path, name: str) -> tuple[Path, Path, Path]:
    """The ledger above (rows out of order, a repeated number, a credit note, a totals row, a receipt before
    its invoice, unknown invoices — one of an account with no invoices) and its report, in English."""
    from kam_xl.jobs.receivables_report import receivables_report

    inv, rec = tmp_path / "invoices.csv", tmp_path / "receipts.csv"
    inv.write_text(LIVE_INVOICES, encoding="utf-8")
    rec.write_text(LIVE_RECEIPTS, encoding="utf-8")
    out = tmp_path / name
    receivables_report(inv, out, receipts=rec, as_of=AS_OF, lang="en")
    return inv, rec, out


def _core_figures(inv: Path, rec: Path) -> dict[str, dict[str, object]]:
    """The core's figures per account and report column, as the sheet shows them (NaN blank, rating labels)."""
    from kam_xl.core.receivables import balances, rating_label
    from kam_xl.models import active_model
    from kam_xl.workbooks.receivables_report import columns

    led, extra = read_ledger(inv, rejects="collect"), read_ledger(rec, kind="receipts", rejects="collect")
    result = receivables(led.invoices, extra.receipts, dt.date(2024, 6, 30))
    opening = balances(led.invoices, extra.receipts, [result.period.start]).iloc[:, 0]
    model = active_model()
    out: dict[str, dict[str, object]] = {}
    for account, row in result.accounts.iterrows():
        figures: dict[str, object] = {}
        for col in columns(model, "en"):
            if col.key == "credit_limit":
                continue
            v = opening.loc[account] if col.key == "opening" else row[col.key]
            if col.key == "rating":
                v = rating_label(str(v), model, "en")
            figures[col.key] = "" if isinstance(v, float) and math.isnan(v) else v
        out[str(account)] = figures
    return out


def _sheet_figures(values: dict[tuple[str, str], object]) -> dict[str, dict[str, object]]:
    """The Receivables sheet's figures per account (column A from row 8) and column key."""
    from kam_xl.models import active_model
    from kam_xl.workbooks.receivables_report import FIRST_ROW, columns

    cols = columns(active_model(), "en")
    out: dict[str, dict[str, object]] = {}
    r = FIRST_ROW
    while values.get(("Receivables", f"A{r}"), "") not in ("", "Total"):
        out[str(values[("Receivables", f"A{r}")])] = {
            c.key: values.get(("Receivables", f"{get_column_letter(k + 2)}{r}"), "") for k, c in enumerate(cols)
        }
        r += 1
    return out


def _same(got: dict[str, dict[str, object]], want: dict[str, dict[str, object]], engine: str) -> None:
    assert sorted(got) == sorted(want), engine
    for account, figures in want.items():
        for key, value in figures.items():
            shown = got[account][key]
            if isinstance(value, int | float) and not isinstance(value, bool):
                assert isinstance(shown, float) and close(shown, float(value), rel=1e-9, abs_=1e-7), (
                    engine, account, key, shown, value)  # fmt: skip
            else:
                assert shown == value, (engine, account, key, shown, value)


def test_live_figures_recomputed_by_formulas_and_libreoffice_equal_the_core(tmp_path: Path) -> None:
    from engines import FormulasBook, libreoffice_recalc, soffice

    from kam_xl.workbooks.lint import lint_workbook

    inv, rec, out = _live_report(tmp_path, "live.xlsx")
    cells = formula_cells(out)
    # every per-account figure is a formula over the ledger sheets (the credit limit is the one input)
    for k, head in enumerate(("Sales in period", "Opening balance")):
        assert "'Invoices'!" in cells[("Receivables", f"{get_column_letter(k + 2)}8")], head
    assert sum(1 for (s, _), f in cells.items() if s == "Receivables" and "'Receipts'!" in f) > 0
    assert any(s == "Invoices" for s, _ in cells) and any(s == "Receipts" for s, _ in cells)
    assert not [str(f) for f in lint_workbook(out)]  # the function subset Excel, LibreOffice and formulas share
    # linear in the ledger: each account's figures read its own rows of the ledger sheets, sorted by account
    # and number — A001's four counted invoices (DUP, DUP, INV1, INV2) are rows 2–5, B002's (INV4, INV5) rows
    # 6–7; C003 has none and reads the blank row 8 under them
    sales = [cells[("Receivables", f"B{r}")] for r in (8, 9, 10)]
    assert [f.count("'Invoices'!$F$2:$F$5") for f in sales] == [1, 0, 0]
    assert "'Invoices'!$F$6:$F$7" in sales[1] and "'Invoices'!$F$8:$F$8" in sales[2]
    # a row's received reads only the receipts of its own number: DUP's one receipt is sorted to row 2
    assert "'Receipts'!$E$2:$E$2" in cells[("Invoices", "G2")]
    figures = _sheet_figures(cached_values(out))
    want = _core_figures(inv, rec)

    # by hand, A001 as of 2024-06-30 (period 2023-06-30 … 2024-06-30, 366 days): invoices INV1 1,000; DUP 400
    # and DUP 600 (one number on two rows); INV2 500 (the credit note CN1 is not counted) → sales 2,500.
    # DUP's 700 fills its first row (400), the last row takes 300: 300 open, due 05-31 → 30 days past due;
    # INV2 500 less 200 (received before it was invoiced) → 300 open, 30 days past due.
    a = want["A001"]
    assert a["sales"] == pytest.approx(2500)
    assert a["outstanding"] == pytest.approx(600) and a["overdue"] == pytest.approx(600)
    assert a["dso"] == pytest.approx(600 / 2500 * 366)  # 87.84
    assert a["cei"] == pytest.approx((0 + 2500 - 600) / (0 + 2500 - 0) * 100)  # 76
    # applied receipts: 700 · (05-10 − 04-01 = 39) + 200 · (04-20 − 05-01 = −11) + 1,000 · (02-01 − 01-10 = 22)
    assert a["avg_collection_days"] == pytest.approx((700 * 39 - 200 * 11 + 1000 * 22) / 1900)
    assert a["avg_receipt"] == pytest.approx(1900 / 3)
    # month ends: Jul–Dec 0; Jan 1,000; Feb, Mar 0; Apr 400 − 200 = 200; May, Jun 2,500 − 1,900 = 600
    assert a["avg_arrears"] == pytest.approx((1000 + 200 + 600 + 600) / 12)
    c = want["C003"]  # only a receipt on an invoice it does not have: unapplied cash
    assert (c["sales"], c["unapplied_receipts"], c["largest_receipt"]) == (0.0, 50.0, 50.0)

    assert set(figures) == {"A001", "B002", "C003"}
    _same(figures, want, "cached")
    book = FormulasBook(out)
    titles = load_workbook(out, read_only=True).sheetnames
    _same(_sheet_figures(by_title(book.values(), titles)), want, "formulas")

    # live: INV1 invoiced at 1,500 instead of 1,000 leaves 500 open, 142 days past due (02-09 → 06-30)
    invoices = load_workbook(out, read_only=True)["Invoices"]
    row = next(r for r, v in enumerate(invoices.iter_rows(min_row=1, values_only=True), start=1) if v[2] == "INV1")
    edited = _sheet_figures(by_title(book.values({("Invoices", f"F{row}"): 1500.0}), titles))["A001"]
    assert edited["sales"] == pytest.approx(3000)
    assert edited["outstanding"] == pytest.approx(1100)
    assert edited[_bucket("Over 90 days")] == pytest.approx(500)

    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    lo = libreoffice_recalc([out], tmp_path / "lo")[out]
    _same(_sheet_figures(cached_values(lo)), want, "LibreOffice")


def _bucket(heading: str) -> str:
    """The column key of an aging bucket by its English heading."""
    from kam_xl.models import active_model

    return next(lab.code for lab in active_model().receivables.aging_labels if lab.en == heading)


def test_above_the_threshold_the_figures_are_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kam_xl.workbooks import receivables_report as layout

    monkeypatch.setattr(layout, "LIVE_LEDGER_ROWS", 9)  # the ledger has 6 invoice + 6 receipt rows
    inv, rec, out = _live_report(tmp_path, "values.xlsx")
    cells = formula_cells(out)
    assert not any(s in ("Invoices", "Receipts") for s, _ in cells)  # the ledger sheets hold no formula
    assert not any("'Invoices'!" in f or "'Receipts'!" in f for f in cells.values())
    assert ("Receivables", "B8") not in cells and ("Receivables", "I8") in cells  # sales a value, outstanding live
    ws = load_workbook(out, read_only=True)["Receivables"]
    assert str(ws["B6"].value).startswith("Value (computed by kam_xl)")
    assert str(ws["B6"].value).endswith("docs/indicators.md#sales")
    _same(_sheet_figures(cached_values(out)), _core_figures(inv, rec), "cached")


def test_printing(tmp_path: Path) -> None:
    # A4 landscape; the heading row and the account column repeated on every page; sheet, note, page x / y, date
    *_, out = _live_report(tmp_path, "print.xlsx")
    wb = load_workbook(out)
    ws = wb["Receivables"]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"  # 9: A4
    assert ws.print_title_rows == "$7:$7" and ws.print_title_cols == "$A:$A"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert (ws.oddHeader.left.text, ws.oddHeader.right.text) == ("&A", "Internal · 内部资料")
    assert (ws.oddFooter.center.text, ws.oddFooter.right.text) == ("Page &P of &N", "&D")
    for name in ("Summary", "Problems", "Invoices", "Receipts"):
        assert wb[name].page_setup.paperSize == 9 and wb[name].oddHeader.right.text == "Internal · 内部资料"
    assert wb["Problems"].print_title_rows == "$3:$3" and wb["Invoices"].print_title_rows == "$1:$1"
