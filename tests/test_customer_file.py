"""The customer file workbook (大客户档案): receivables parity with the core in three engines, blanks, safety.

Parity: for seeded random ledgers (partial, late, early and excess receipts, unknown and blank invoice
numbers, repeated numbers, receipts before the period, blank and incomplete rows) every receivables
indicator the ``formulas`` engine and LibreOffice compute equals ``kam_xl.core.receivables.receivables``
called here on the same rows, and every computed cell equals the value cached in the file.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from engines import FormulasBook, by_title, cached_values, close, formula_cells, libreoffice_recalc
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.cell_range import CellRange

from kam_xl.core import receivables as receivables_core
from kam_xl.core.receivables import receivables
from kam_xl.core.service import RISK_LEVELS
from kam_xl.indicators import REGISTRY
from kam_xl.models import default_model
from kam_xl.models.schema import Label
from kam_xl.samples import SAMPLE_AS_OF
from kam_xl.samples.accounts import sample_portfolio
from kam_xl.samples.customer_file import customer_file as sample_file
from kam_xl.workbooks import customer_file as cf
from kam_xl.workbooks.book import OverwriteError
from kam_xl.workbooks.customer_file import Contact, CustomerFile, Invoice, Receipt
from kam_xl.workbooks.customer_file import data as cf_data
from kam_xl.workbooks.customer_file import ledger as cf_ledger
from kam_xl.workbooks.customer_file import places as cf_places
from kam_xl.workbooks.lint import lint_workbook

MODEL = default_model()
AS_OF = date(2025, 6, 30)
EPOCH = date(1899, 12, 30)
LOW_RISK = {lang: RISK_LEVELS[0].text(lang) for lang in ("zh", "en")}  # the churn risk of no signal
# the contact classes of no service record: each indicator's lowest band (the default model's names, by hand)
NO_CONTACT = {
    "praise_count": {"zh": "无表扬", "en": "No praise"},
    "suggestion_count": {"zh": "无建议", "en": "No suggestions"},
    "complaint_count": {"zh": "无投诉", "en": "No complaints"},
}
REC, INV, RCP = "应收账款", "发票台账", "收款台账"  # the summary and the two ledger sheets (zh titles)
FIRST = 7  # first ledger row of each ledger sheet (and the first indicator row of the summary)
CELLS = cf.indicator_cells(MODEL)
IC, RC = cf_places.INVOICE_COLUMNS, cf_places.RECEIPT_COLUMNS
# each ledger sheet's hidden block helpers (issue #7: sorted ledgers read by binary search), by zh/en title
BLOCK_COLUMNS = {
    title: [c for k, c in cols.items() if k.startswith("block_")]
    for key, cols in (("invoices", IC), ("receipts", RC))
    for title in cf.SHEETS[key]
}
LABEL_OF = {
    "unknown_invoice": "未知发票",
    "before_invoice": "收款早于开票",
    "overpaid": "超过未收余额",
    "duplicate_invoice": "重复发票号",
}


def book_cached(book) -> dict[str, dict[str, object]]:
    """Each laid-out sheet's formula cells and their cached values (the core's), as the book will save them."""

    def saved(value: object) -> object:  # the core's NaN is saved as a blank cell
        return "" if isinstance(value, float) and value != value else value

    return {ws.title: {ref: saved(value) for ref, _, value in ws.formulas()} for ws in book.sheets if not ws.streamed}


def serial(d: date) -> float:
    return float((d - EPOCH).days)


def norm(v: object) -> object:
    """Cells as the engines report them: dates as serials, numbers as floats, blanks as ""."""
    if v is None:
        return ""
    if isinstance(v, datetime):
        v = v.date()
    if isinstance(v, date):
        return serial(v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    return v


# ---------------------------------------------------------------- random ledgers


def random_file(seed: int, n_invoices: int, as_of: date = AS_OF) -> CustomerFile:
    """A ledger with every case the workbook must count as the core does."""
    rng = np.random.default_rng(seed)
    invoices: list[Invoice] = []
    receipts: list[Receipt] = []
    for i in range(n_invoices):
        day = as_of - timedelta(days=int(rng.integers(-25, 560)))  # some after the as-of date
        due = day + timedelta(days=int(rng.choice([0, 15, 30, 45, 60, 90])))
        amount = 0.0 if rng.random() < 0.03 else round(float(rng.uniform(50, 400_000)), 2)
        number: object = f"INV{seed}-{i:04d}" if rng.random() < 0.85 else 7000 + i  # a few numeric numbers
        if i > 3 and rng.random() < 0.06:
            number = invoices[int(rng.integers(i))].number  # a repeated number
        invoices.append(Invoice(number, day, due, amount))  # type: ignore[arg-type]
        ref = str(number) if isinstance(number, int) and rng.random() < 0.5 else number  # 7001 and "7001"
        u = rng.random()
        if u < 0.45:  # paid in full, on time or late
            receipts.append(Receipt(ref, day + timedelta(days=int(rng.integers(0, 160))), amount))  # type: ignore[arg-type]
        elif u < 0.7:  # in instalments, the rest maybe never
            for part in rng.dirichlet([2.0, 2.0, 2.0])[: int(rng.integers(1, 3))]:
                when = day + timedelta(days=int(rng.integers(5, 200)))
                receipts.append(Receipt(ref, when, round(amount * float(part), 2)))  # type: ignore[arg-type]
        elif u < 0.76:  # more than the invoice
            receipts.append(Receipt(ref, day + timedelta(days=20), round(amount * 1.25 + 1, 2)))  # type: ignore[arg-type]
        elif u < 0.8:  # before the invoice
            receipts.append(Receipt(ref, day - timedelta(days=int(rng.integers(1, 15))), round(amount / 2, 2)))  # type: ignore[arg-type]
        if rng.random() < 0.04:
            invoices.append(Invoice())  # a blank row between entries
        if rng.random() < 0.03:
            invoices.append(Invoice(f"HALF{i}", day, None, 10.0))  # incomplete: not counted
    for k in range(max(1, n_invoices // 12)):
        when = as_of - timedelta(days=int(rng.integers(0, 500)))
        receipts.append(Receipt(None if k % 2 else f"NOPE{k}", when, round(float(rng.uniform(10, 5000)), 2)))
    receipts.insert(int(rng.integers(len(receipts) + 1)), Receipt())  # a blank row
    receipts.insert(int(rng.integers(len(receipts) + 1)), Receipt("INV?", None, 5.0))  # incomplete
    order = rng.permutation(len(receipts))  # ledgers are not sorted by date
    receipts = [receipts[j] for j in order]
    limit = None if seed % 3 == 0 else float(round(rng.uniform(2e5, 2e6), -3))
    return CustomerFile(
        company=cf.Company(name=f"测试客户{seed}"), invoices=invoices, receipts=receipts, credit_limit=limit
    )


def core_result(data: CustomerFile, as_of: date):
    """The core on the complete rows, indexed by sheet row (written independently of the module)."""

    def day(x: object) -> pd.Timestamp:
        return pd.Timestamp(x)  # type: ignore[arg-type]

    inv = [
        (FIRST + i, "A", x.number, day(x.invoice_date), day(x.due_date), x.amount)
        for i, x in enumerate(data.invoices)
        if x.number is not None and x.invoice_date and x.due_date and x.amount is not None
    ]
    rec = [
        (FIRST + j, "A", x.invoice, day(x.receipt_date), x.amount)
        for j, x in enumerate(data.receipts)
        if x.receipt_date is not None and x.amount is not None
    ]
    invoices = pd.DataFrame(
        [r[1:] for r in inv],
        columns=["account", "invoice", "invoice_date", "due_date", "amount"],
        index=[r[0] for r in inv],
    )
    receipts = pd.DataFrame(
        [r[1:] for r in rec], columns=["account", "invoice", "receipt_date", "amount"], index=[r[0] for r in rec]
    )
    limits = {"A": data.credit_limit} if data.credit_limit else None
    return receivables(invoices, receipts, as_of, credit_limits=limits, model=MODEL), invoices, receipts


def expected_indicators(data: CustomerFile, as_of: date, lang: str = "zh") -> dict[str, object]:
    result, invoices, receipts = core_result(data, as_of)
    acc = result.accounts.loc["A"]
    out: dict[str, object] = {}
    for key in CELLS:
        if key == "credit_rating":
            out[key] = next(r.text(lang) for r in MODEL.receivables.ratings if r.code == acc["rating"])
        elif key in acc.index:
            v = float(acc[key])
            out[key] = "" if math.isnan(v) else v
    # opening balance (not a core column): invoiced by the period start less applied receipts by then
    start = pd.Timestamp(result.period.start)
    keys = set(zip(invoices["account"], invoices["invoice"].astype(str), strict=True))
    known = [(a, str(n)) in keys for a, n in zip(receipts["account"], receipts["invoice"], strict=True)]
    applied = receipts[np.array(known, dtype=bool) & (receipts["receipt_date"] <= start).to_numpy()]
    out["opening"] = round(invoices.loc[invoices["invoice_date"] <= start, "amount"].sum() - applied["amount"].sum(), 6)
    out["n_invoices"], out["n_receipts"] = float(len(invoices)), float(len(receipts))
    return out


def expected_flags(data: CustomerFile, as_of: date) -> dict[tuple[str, str], str]:
    """Problem flags per ledger row ((sheet, cell) → text), from the core's problems report."""
    result, _, _ = core_result(data, as_of)
    flags: dict[str, list[str]] = {}
    for src, row, kind in zip(result.problems["source"], result.problems["row"], result.problems["kind"], strict=True):
        flags.setdefault((INV if src == "invoices" else RCP, f"{IC['flag']}{row}"), []).append(LABEL_OF[kind])
    return {cell: "；".join(kinds) for cell, kinds in flags.items()}


def sorted_file(data: CustomerFile) -> CustomerFile:
    """The file with its ledgers in the order the sheet writes them (issue #7), sorted here independently:
    invoices by number, receipts by number then date (a row with no date first), numbers compared as text
    case-insensitively, blank numbers first; stable, so rows of one number and day keep their order."""

    def no(x: object) -> str:
        return "" if x is None else str(x).lower()

    def day(x: object) -> int:
        return x.toordinal() if isinstance(x, date) else -1

    invoices = sorted(data.invoices, key=lambda x: no(x.number))  # type: ignore[union-attr]
    receipts = sorted(data.receipts, key=lambda x: (no(x.invoice), day(x.receipt_date)))  # type: ignore[union-attr]
    return replace(data, invoices=invoices, receipts=receipts)


SIZES = [(11, 6), (12, 35), (13, 100)]
UNSORTED = len(SIZES)  # the last parity case: the 35-row file written unsorted (the exact, slow formulas)


@pytest.fixture(scope="module")
def parity(tmp_path_factory: pytest.TempPathFactory):
    """Three random files (sorted, as the sheet writes them) and one written as typed (unsorted: the slow
    formulas), their Books, formulas engines and LibreOffice recalculations."""
    out = tmp_path_factory.mktemp("cf")
    files = []
    for seed, n in SIZES:
        data = sorted_file(random_file(seed, n))
        book = cf.build(data, model=MODEL, as_of=AS_OF)
        files.append((data, book, book.save(out / f"cf_{seed}.xlsx")))
    data = random_file(12, 35)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cf_ledger, "sorted_rows", lambda inv, rec: (inv, rec))  # as sort_ledgers=False
        book = cf.build(data, model=MODEL, as_of=AS_OF)
    files.append((data, book, book.save(out / "cf_unsorted.xlsx")))
    lo = libreoffice_recalc([p for *_, p in files], out / "lo")
    return [(data, book, path, FormulasBook(path), cached_values(lo[path])) for data, book, path in files]


@pytest.mark.parametrize("case", range(len(SIZES) + 1))
def test_every_computed_cell_matches_core_cache_formulas_and_libreoffice(parity, case: int) -> None:
    data, book, path, engine, lo = parity[case]
    cached = cached_values(path)
    computed = by_title(engine.values(), book.wb.sheetnames)
    ordered = (
        computed[(INV, f"{IC['block_order']}4")],
        computed[(RCP, f"{RC['block_order']}4")],
    )  # which formulas ran: binary search, or exact
    assert ordered == ((0.0, 0.0) if case == UNSORTED else (1.0, 1.0)), ordered
    laid_out = book_cached(book)
    # every formula cell of the file (the Model sheet aside) was laid out with its cached value, and only those
    assert {(s, r) for s, r in formula_cells(path) if s != "Model"} == {(s, r) for s, c in laid_out.items() for r in c}
    bad = []
    for sheet, cells in laid_out.items():
        for ref, value in cells.items():
            want = norm(value)
            got = (norm(cached.get((sheet, ref))), computed.get((sheet, ref)), norm(lo.get((sheet, ref))))
            if not all(close(want, g) for g in got):
                bad.append((sheet, ref, want, got))
    assert not bad, bad[:10]
    # … and the indicators are the core's, computed here from the same rows
    want = expected_indicators(data, AS_OF)
    for key, cell in CELLS.items():
        for engine_values in (computed, {k: norm(v) for k, v in lo.items()}):
            assert close(engine_values[(REC, cell)], want[key], rel=1e-9), (key, engine_values[(REC, cell)], want[key])
    # problem flags per row equal the core's problems report for those rows (the rest are blank or "not counted")
    flags = expected_flags(data, AS_OF)
    for row in range(FIRST, FIRST + len(data.invoices) + 50):
        for at in ((INV, f"{IC['flag']}{row}"), (RCP, f"{RC['flag']}{row}")):
            got = computed.get(at, "")
            assert got == flags.get(at, got if got == "未计入：信息不全或有误" else ""), (at, got)
    rows = range(FIRST, FIRST + 400)
    assert set(flags) <= {(t, f"{c}{r}") for t, c in ((INV, IC["flag"]), (RCP, RC["flag"])) for r in rows} and flags


def test_random_ledgers_cover_the_cases(parity) -> None:
    kinds, early, buckets = set(), 0, set()
    for data, *_ in parity:
        result, _, receipts = core_result(data, AS_OF)
        kinds |= set(result.problems["kind"])
        early += int((receipts["receipt_date"] <= pd.Timestamp(result.period.start)).sum())  # before the period
        acc = result.accounts.loc["A"]
        buckets |= {b.code for b in MODEL.receivables.aging_labels if acc[b.code] != 0}
    assert kinds == {"unknown_invoice", "before_invoice", "overpaid", "duplicate_invoice"}
    assert early > 0 and len(buckets) == len(MODEL.receivables.aging_labels)


def test_editing_the_as_of_date_gives_the_cores_new_answer(parity) -> None:
    data, _, _, engine, _ = parity[1]
    for new in (AS_OF - timedelta(days=75), date(2024, 2, 29)):  # a leap-day as-of: 366-day period
        got = engine.values(inputs={(REC, "B2"): serial(new)})
        want = expected_indicators(data, new)
        for key, cell in CELLS.items():
            assert close(got[(REC, cell)], want[key]), (new, key, got[(REC, cell)], want[key])


def test_editing_one_receipt_gives_the_cores_new_answer(parity) -> None:
    data, _, _, engine, _ = parity[2]
    j = next(j for j, r in enumerate(data.receipts) if isinstance(r.invoice, str) and r.invoice.startswith("INV"))
    edited = replace(data, receipts=list(data.receipts))
    edited.receipts[j] = replace(data.receipts[j], amount=12345.67)
    got = engine.values(inputs={(RCP, f"{RC['amount']}{FIRST + j}"): 12345.67})
    want = expected_indicators(edited, AS_OF)
    for key, cell in CELLS.items():
        assert close(got[(REC, cell)], want[key]), (key, got[(REC, cell)], want[key])


def test_text_typed_over_the_as_of_date_or_an_invoice_date_shows_no_error(parity) -> None:
    """Issue 7: text over an input is a blank or a reason, never an error value (here in the formulas
    engine; the LibreOffice sweep is tests/test_edit_sweep.py)."""
    data, _, _, engine, _ = parity[0]

    def no(x: object) -> str:
        return "" if x is None else str(x).lower()

    numbers = [no(x.number) for x in data.invoices]
    j = next(
        i
        for i, x in enumerate(numbers)
        if x and numbers.count(x) == 1 and any(no(r.invoice) == x for r in data.receipts)
    )
    for edit in ({(REC, "B2"): "abc"}, {(INV, f"{IC['date']}{FIRST + j}"): "abc"}):
        got = engine.values(inputs=edit)
        errors = {k: v for k, v in got.items() if isinstance(v, str) and v.startswith("#")}
        assert not errors, (edit, sorted(errors)[:5])
        if (REC, "B2") in edit:  # no as-of date: the period and every figure are blank
            assert got[(REC, "B4")] == got[(REC, CELLS["sales"])] == got[(INV, f"{IC['received']}{FIRST}")] == ""
        else:  # the invoice is not counted: its receipts match no invoice and say so
            assert got[(INV, f"{IC['ok']}{FIRST + j}")] == 0.0
            assert got[(INV, f"{IC['flag']}{FIRST + j}")] == "未计入：信息不全或有误"
            k = next(i for i, r in enumerate(data.receipts) if no(r.invoice) == numbers[j])
            assert got[(RCP, f"{RC['flag']}{FIRST + k}")] == "未知发票"


def test_captions_shadow_no_registry_entry_of_another_meaning() -> None:
    # issue 7: 关系类型 sat under `relationship` (the registry's 关系分), 逾期金额 under `overdue` (the action
    # plan's overdue flag), 采购份额 (a supplier's share) under `wallet_share` (our share of wallet). Left:
    # the same figure worded with its unit or period.
    shared = {k for k in cf.LABELS if k in REGISTRY and (REGISTRY[k].zh, REGISTRY[k].en) != cf.LABELS[k]}
    assert shared == {"period_start", "dso", "avg_collection_days", "avg_arrears"}
    assert cf.LABELS["relationship_type"] == ("关系类型", "Relationship type")
    assert cf.LABELS["overdue_amount"] == ("逾期金额", "Overdue")


# ---------------------------------------------------------------- hand-checked


def test_hand_checked_ledger(tmp_path: Path) -> None:
    # SPEC §2.11 example of tests/test_receivables.py (account A), as of 2013-06-30;
    # period (2012-06-30, 2013-06-30], 365 days.
    d = date
    data = CustomerFile(
        invoices=[
            Invoice("A1", d(2012, 5, 15), d(2012, 6, 14), 1000.0),  # before the period: the opening balance
            Invoice("A2", d(2013, 3, 1), d(2013, 3, 31), 2000.0),
            Invoice("A3", d(2013, 6, 1), d(2013, 7, 1), 3000.0),
            Invoice("A4", d(2013, 4, 15), d(2013, 5, 15), 500.0),
        ],
        receipts=[
            Receipt("A1", d(2012, 7, 10), 600.0),
            Receipt("A1", d(2013, 7, 5), 400.0),  # after the as-of date
            Receipt("A2", d(2013, 4, 10), 2000.0),
            Receipt("A4", d(2013, 6, 20), 200.0),
        ],
        credit_limit=7400.0,
    )
    path = cf.write(tmp_path / "hand.xlsx", data, as_of=d(2013, 6, 30))
    values = FormulasBook(path).values()
    v = {k: values[(REC, c)] for k, c in CELLS.items()}
    # open: A1 1000 − 600 = 400 (381 days past due), A2 0, A3 3000 (not due), A4 500 − 200 = 300 (46 days)
    assert v["outstanding"] == 3700.0 and v["overdue"] == 700.0
    assert (v["not_due"], v["d1_30"], v["d31_60"], v["d61_90"], v["d90_plus"]) == (3000.0, 0.0, 300.0, 0.0, 400.0)
    assert v["sales"] == 5500.0  # A2 + A3 + A4
    assert v["dso"] == pytest.approx(3700 / 5500 * 365)  # 245.5
    assert v["best_dso"] == pytest.approx(3000 / 5500 * 365)
    assert v["opening"] == 1000.0  # A1, nothing received by 2012-06-30
    assert v["cei"] == pytest.approx((1000 + 5500 - 3700) / (1000 + 5500 - 3000) * 100)  # 80
    assert v["avg_collection_days"] == pytest.approx((600 * 56 + 2000 * 40 + 200 * 66) / 2800)
    assert v["largest_receipt"] == 2000.0 and v["avg_receipt"] == pytest.approx(2800 / 3)
    assert v["avg_arrears"] == pytest.approx((8 * 400 + 2400 + 900 + 900 + 3700) / 12)  # 925
    assert v["credit_use"] == pytest.approx(0.5)  # 3700 / 7400
    assert v["credit_rating"] == "D（风险）"  # DSO 245.5 > 120


def test_repeated_invoice_number_fills_rows_in_order(tmp_path: Path) -> None:
    # Two rows numbered 7 (100 then 50) and one receipt of 120: the first row takes 100, the second 20.
    data = CustomerFile(
        invoices=[
            Invoice("7", date(2013, 1, 1), date(2013, 1, 31), 100.0),
            Invoice(7, date(2013, 5, 1), date(2013, 6, 10), 50.0),
        ],  # type: ignore[arg-type]
        receipts=[Receipt(7, date(2013, 5, 15), 120.0)],  # type: ignore[arg-type]
    )
    path = cf.write(tmp_path / "dup.xlsx", data, as_of=date(2013, 6, 30))
    v = FormulasBook(path).values()
    received, open_, flag = IC["received"], IC["open"], IC["flag"]
    assert (v[(INV, f"{received}7")], v[(INV, f"{open_}7")]) == (100.0, 0.0)
    assert (v[(INV, f"{received}8")], v[(INV, f"{open_}8")]) == (20.0, 30.0)  # 50 − 20 open, 20 days past due
    assert v[(INV, f"{flag}8")] == "重复发票号" and v[(INV, f"{flag}7")] == ""
    assert v[(REC, CELLS["d1_30"])] == 30.0


# ---------------------------------------------------------------- blank templates


@pytest.fixture(scope="module")
def blanks(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("blank")
    paths = {lang: cf.write(out / f"customer_file_{lang}.xlsx", None, model=MODEL, lang=lang) for lang in ("zh", "en")}
    lo = libreoffice_recalc(list(paths.values()), out / "lo")
    return paths, {lang: cached_values(lo[p]) for lang, p in paths.items()}


@pytest.fixture(scope="module")
def small_blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zh blank template with 200-row lists: the same formulas on fewer rows, for the ``formulas``
    engine (about 20 s on 200 ledger rows; the 2,000-row template is left to LibreOffice)."""
    mp = pytest.MonkeyPatch()
    mp.setattr(cf_data, "CAPACITY", {k: min(v, 200) for k, v in cf_data.CAPACITY.items()})
    try:
        return cf.write(tmp_path_factory.mktemp("small") / "customer_file_zh.xlsx", None, model=MODEL)
    finally:
        mp.undo()


def test_blank_templates_have_no_error_values(blanks, small_blank: Path) -> None:
    paths, lo = blanks
    for lang, path in [*paths.items(), ("small", small_blank)]:
        cells = formula_cells(path)
        if lang == "small":  # the formulas engine, on the zh template's formulas over 200-row lists
            views = {"formulas": by_title(FormulasBook(path).values(), load_workbook(path).sheetnames)}
        else:
            views = {"cached": cached_values(path), "libreoffice": lo[lang]}
        for name, values in views.items():
            helpers = {(t, f"{col}{r}") for t, cols in BLOCK_COLUMNS.items() for col in cols for r in range(1, 2100)}
            shown = {values.get(k, "") for k in cells if k[0] != "Model" and k not in helpers}
            hidden = {values.get(k, "") for k in cells if k in helpers}
            errors = [v for v in shown | hidden if isinstance(v, str) and v.startswith("#")]
            assert not errors, (lang, name, errors)
            # the hidden block helpers of an empty ledger: in order (1), nothing summed, no date yet (BIG)
            assert hidden <= {"", 0.0, 1.0, 1e7}, (lang, name, hidden)
            # blanks, zeros and the model stamp only; the service sheet's churn risk of no signal (low) and its
            # contact classes of no record (无表扬, 无建议, 无投诉: a count of 0 is the lowest band)
            low = LOW_RISK[lang if lang == "en" else "zh"]
            none = {NO_CONTACT[m][lang if lang == "en" else "zh"] for m in NO_CONTACT}
            allowed = {"", 0.0, low, *none, MODEL.name, MODEL.version, MODEL.content_hash}
            assert shown <= allowed, (lang, name, shown - allowed)
        assert not lint_workbook(path)


def test_blank_template_has_room_to_grow_and_both_languages(blanks) -> None:
    paths, _ = blanks
    zh, en = load_workbook(paths["zh"]), load_workbook(paths["en"])
    assert zh.sheetnames == ["基本信息", "重要信息", "核心信息", "过程记录", "订单", "订单结构", "应收账款", "发票台账",
                             "收款台账", "服务记录", "Model"]  # fmt: skip
    assert en.sheetnames == [
        "Basic information",
        "Important information",
        "Core information",
        "Process log",
        "Orders",
        "Order structure",
        "Receivables",
        "Invoices",
        "Receipts",
        "Service log",
        "Model",
    ]
    # issue 7: 2,000 invoices and receipts (rows 7–2006), each row an input with its formulas, none beyond
    for ledger in (zh[INV], zh[RCP]):
        assert ledger[f"A{FIRST + 1999}"].protection.locked is False and ledger[f"H{FIRST + 1999}"].data_type == "f"
        assert ledger[f"A{FIRST + 2000}"].value is None and ledger[f"A{FIRST + 2000}"].protection.locked is not False
    ws = zh[REC]
    assert en["Receivables"]["A9"].value == "Sales in period" and ws["A9"].value == "本期销售额"
    # 2,000 orders (rows 4–2003), 200 visits (rows 4–203), 50 contacts under the company form's 17 fields
    orders, visits, basic = zh["订单"], zh["过程记录"], zh["基本信息"]
    assert orders["A2003"].protection.locked is False and orders["A2004"].protection.locked is not False
    assert visits["A203"].protection.locked is False and visits["A204"].protection.locked is not False
    contacts = [r for r in range(24, 90) if basic[f"A{r}"].protection.locked is False]
    assert len(contacts) == 50


def test_forms_print_portrait_where_they_fit_one_page_wide(blanks) -> None:
    wb = load_workbook(blanks[0]["zh"])
    orientation = {ws.title: ws.page_setup.orientation for ws in wb.worksheets}
    # 重要信息 is 20 + 22 + 10 + 30 + 30 = 112 characters wide: portrait (Book's rule: ≤ 120)
    assert orientation["重要信息"] == "portrait"
    # the lists are wider (基本信息: 11 contact columns, 167): landscape, one page wide
    assert orientation["基本信息"] == orientation["过程记录"] == "landscape"
    assert all(ws.page_setup.fitToWidth == 1 and int(ws.page_setup.paperSize) == 9 for ws in wb.worksheets)  # A4
    # the model hash in I3 runs past the contacts' last column K: the print area stops at K
    assert str(wb["基本信息"].print_area).startswith("'基本信息'!$A$1:$K$")


# ---------------------------------------------------------------- safety: text, validation, protection


def test_text_from_data_stays_text(tmp_path: Path) -> None:
    risky = ['=HYPERLINK("http://x","y")', "+86 10 1234", "-折扣客户", "@张工"]
    data = CustomerFile(
        company=cf.Company(name=risky[0], address=risky[1]),
        contacts=[Contact(name=risky[3], phone=risky[1], hobbies=risky[2])],
        invoices=[Invoice(risky[0], date(2025, 1, 1), date(2025, 2, 1), 10.0)],
        receipts=[Receipt(risky[0], date(2025, 2, 1), 10.0)],
    )
    path = cf.write(tmp_path / "text.xlsx", data, as_of=AS_OF)
    wb = load_workbook(path)
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "s"}
    assert set(risky) <= texts
    seen = set(cached_values(path).values())
    assert set(risky) <= seen
    # the invoice and its receipt still match (no unknown-invoice flag), so the formulas treat the text as data
    v = FormulasBook(path).values()
    assert v[(RCP, f"{RC['flag']}7")] == "" and v[(REC, CELLS["outstanding"])] == 0.0
    assert not lint_workbook(path)


def test_inputs_are_validated_and_sheets_protected(tmp_path: Path) -> None:
    path = cf.write(tmp_path / "s.xlsx", sample_file("北方电气设备有限公司", 1, model=MODEL), model=MODEL)
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if ws.title == "Model":  # left editable: a team tunes its weights there
            continue
        assert ws.protection.sheet, ws.title
        ranges = [CellRange(str(r)) for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges]
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c, MergedCell):  # typing into a merged range goes to its first cell
                    continue
                if c.data_type == "f":
                    assert c.protection.locked, (ws.title, c.coordinate)
                elif c.protection.locked is False:  # an input: some validation covers it
                    assert any(c.coordinate in r for r in ranges), (ws.title, c.coordinate)
    for title in (INV, RCP):
        kinds = {dv.type for dv in wb[title].data_validations.dataValidation}
        assert {"date", "decimal", "textLength"} <= kinds, title
    basic = wb["基本信息"]
    lists = [dv.formula1 for dv in basic.data_validations.dataValidation if dv.type == "list"]
    assert "=KAM_BUYING_CENTRE_LEVELS_ZH" in lists and "=KAM_BUYING_CENTRE_ROLES_ZH" in lists
    assert basic["E3"].value == "=KAM_MODEL_NAME" and basic["I3"].value == "=KAM_MODEL_HASH"
    assert not lint_workbook(path)


# ---------------------------------------------------------------- sample and write


def top_accounts() -> list[str]:
    portfolio = sample_portfolio(model=MODEL)
    return list(portfolio.sort_values("revenue", ascending=False)["account"][:3])


def test_sample_is_reproducible_and_realistic() -> None:
    name = top_accounts()[0]
    a, b = sample_file(name, 4, model=MODEL), sample_file(name, 4, model=MODEL)
    assert a == b and a != sample_file(name, 5, model=MODEL)
    assert a.company.name == name and a.as_of == SAMPLE_AS_OF
    assert all("\u4e00" <= c.name[0] <= "\u9fff" for c in a.contacts)  # type: ignore[index]
    assert any(c.hobbies is None for c in a.contacts) or a.company.fax is None  # a few blanks
    days = [i.invoice_date for i in a.invoices]
    assert (max(days) - min(days)).days >= 14 * 30  # type: ignore[operator]
    result, invoices, _ = core_result(a, a.as_of)  # type: ignore[arg-type]
    acc = result.accounts.loc["A"]
    assert acc["overdue"] > 0 and acc["outstanding"] > acc["overdue"]  # open and overdue, and not yet due
    paid = {}
    for r in a.receipts:
        paid.setdefault(r.invoice, []).append(r)
    due = {i.number: i for i in a.invoices}
    assert any(len(v) > 1 for k, v in paid.items() if k)  # instalments
    assert any(r.receipt_date > due[r.invoice].due_date for r in a.receipts if r.invoice)  # type: ignore[operator]
    assert any(0 < sum(x.amount for x in paid.get(n, [])) < i.amount for n, i in due.items())  # type: ignore[misc]
    assert set(result.problems["kind"]) == {"unknown_invoice"}  # the receipt without an invoice number
    orders = sum(o.amount for o in a.orders)  # type: ignore[misc]
    assert orders == pytest.approx(invoices["amount"].sum())  # orders add up to the invoices


def test_write_the_demo_accounts_and_refuse_to_overwrite(tmp_path: Path) -> None:
    for k, name in enumerate(top_accounts()):
        data = sample_file(name, k, model=MODEL)
        for lang in ("zh", "en"):
            path = cf.write(tmp_path / f"{k}_{lang}.xlsx", data, model=MODEL, lang=lang)
            assert path.is_file()
            seen = cached_values(path)
            rating = seen[("应收账款" if lang == "zh" else "Receivables", CELLS["credit_rating"])]
            assert rating in {r.text(lang) for r in MODEL.receivables.ratings}
    with pytest.raises(OverwriteError):
        cf.write(tmp_path / "0_zh.xlsx", data, model=MODEL)
    assert cf.write(tmp_path / "0_zh.xlsx", data, model=MODEL, overwrite=True).is_file()


def test_ledgers_as_dataframes(tmp_path: Path) -> None:
    data = random_file(21, 12)
    frames = replace(
        data,
        invoices=pd.DataFrame(
            [(x.number, x.invoice_date, x.due_date, x.amount) for x in data.invoices],
            columns=["invoice", "invoice_date", "due_date", "amount"],
        ),
        receipts=pd.DataFrame(
            [(x.invoice, x.receipt_date, x.amount) for x in data.receipts],
            columns=["invoice", "receipt_date", "amount"],
        ),
    )
    a, b = cf.build(data, model=MODEL, as_of=AS_OF), cf.build(frames, model=MODEL, as_of=AS_OF)
    assert all(book_cached(a)[t] == book_cached(b)[t] for t in (REC, INV, RCP))


def test_the_sheet_follows_the_models_period_and_buckets(tmp_path: Path) -> None:
    # a 6-month period and buckets not due · 1–45 · over 45: rows, month ends and formulas follow the model
    labels = (
        Label("cur", "未到期", "Current"),
        Label("late", "逾期", "Late"),
        Label("very_late", "严重逾期", "Very late"),
    )
    rec = replace(MODEL.receivables, period_months=6, aging_edges=(45,), aging_labels=labels)
    model = replace(MODEL, receivables=rec)
    data = random_file(31, 15)
    path = cf.write(tmp_path / "m.xlsx", data, model=model, as_of=AS_OF)
    cells = cf.indicator_cells(model)
    assert [k for k in cells if k in ("cur", "late", "very_late", "not_due")] == ["cur", "late", "very_late"]
    values = FormulasBook(path).values()
    invoices, receipts = core_result(data, AS_OF)[1:]
    acc = receivables(invoices, receipts, AS_OF, credit_limits={"A": data.credit_limit}, model=model).accounts.loc["A"]
    for key in ("sales", "outstanding", "cur", "late", "very_late", "dso", "cei", "avg_arrears", "avg_receipt"):
        assert close(values[(REC, cells[key])], float(acc[key])), key
    assert acc["sales"] < core_result(data, AS_OF)[0].accounts.loc["A", "sales"]  # 6 months, not 12


def test_order_structure_by_hand(tmp_path: Path) -> None:
    # two lines: 变频器 has two orders (one without a date, still an order) 300 + 100, 电机 one of 600;
    # a third order's amount is text ("待定"), which adds nothing
    data = CustomerFile(
        orders=[
            cf.Order(date(2025, 1, 5), "O1", "变频器", 1, 300.0),
            cf.Order(None, "O2", "变频器", 1, 100.0),
            cf.Order(date(2025, 2, 5), "O3", "电机", 2, 600.0),
            cf.Order(date(2025, 3, 5), "O4", "电机", 1, "待定"),  # type: ignore[arg-type]
        ],
        product_lines=["变频器", "电机"],
    )
    path = cf.write(tmp_path / "orders.xlsx", data, model=MODEL)
    v = FormulasBook(path).values()
    cached = cached_values(path)
    for got in (v, cached):
        at = "订单结构"  # the structure's own sheet (issue #7): lines from row 4, 8 rows, the total in row 12
        assert [got[(at, f"B{r}")] for r in (4, 5, 6)] == [2.0, 2.0, ""]  # a spare row without a line: blank
        assert [got[(at, f"C{r}")] for r in (4, 5, 6)] == [400.0, 600.0, ""]
        assert got[(at, "D6")] == ""
        assert got[(at, "D4")] == pytest.approx(0.4) and got[(at, "D5")] == pytest.approx(0.6)  # of 1,000
        assert got[(at, "C12")] == 1000.0 and got[(at, "B12")] == 4.0


def test_credit_rating_cell_is_the_cores_label_in_the_books_language(tmp_path: Path) -> None:
    data = random_file(11, 6)
    for lang, sheet in (("zh", REC), ("en", "Receivables")):
        book = cf.build(data, model=MODEL, lang=lang, as_of=AS_OF)
        result, _, _ = core_result(data, AS_OF)
        acc = result.accounts.loc["A"]
        want = receivables_core.credit_rating(acc["dso"], acc["overdue_ratio"], MODEL, lang)
        assert book_cached(book)[sheet][CELLS["credit_rating"]] == want
