"""Issue #7: the customer file's ledgers sorted and read by binary search (kam_xl.core.receivables.blocks,
kam_xl.xlformulas.ledger_order) give the same figures as the exact whole-ledger formulas, which a ledger out
of order falls back to — by hand, in the ``formulas`` engine and in LibreOffice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from engines import FormulasBook, by_title, cached_values, close, libreoffice_recalc

from kam_xl.core.receivables import blocks as B
from kam_xl.jobs.check import check_workbook_file
from kam_xl.models import default_model
from kam_xl.workbooks import customer_file as cf
from kam_xl.workbooks.customer_file import CustomerFile, Invoice, Receipt
from kam_xl.workbooks.customer_file import ledger as cf_ledger
from kam_xl.workbooks.customer_file.places import INVOICE_COLUMNS as IC
from kam_xl.workbooks.customer_file.places import RECEIPT_COLUMNS as RC

MODEL = default_model()
REC, INV, RCP = "应收账款", "发票台账", "收款台账"  # the summary and the ledger sheets (zh titles)
AS_OF = date(2025, 6, 30)
d = date


def test_blocks_by_hand() -> None:
    keys = ["", "INV1", "inv1", "", "INV2"]
    s = B.search_keys(keys)
    assert s == ["", "INV1", "inv1", "inv1", "INV2"]
    assert B.block_running(s, [0, 100, 50, 0, 70]) == [0, 100, 150, 150, 70]  # "INV1" and "inv1": one block
    assert B.block_running(s, [B.BIG, 9, 5, B.BIG, 7], "min") == [B.BIG, 9, 5, 5, 7]
    assert B.block_total(s, [0, 100, 150, 150, 70]) == [0, 150, 150, 150, 70]
    assert B.in_order(keys, s) == [1, 1, 1, 1, 1]
    assert B.in_order(["b", "a"], ["b", "a"]) == [1, 0]
    # receipts: same number, an earlier date below a later one is out of order; a row without a key never is
    assert B.in_order(["a", "a", "", "a"], ["a", "a", "a", "a"], [5.0, 6.0, 1.0, 4.0]) == [1, 1, 1, 0]
    assert B.ledger_in_order([1, 1, 0]) == 0 and B.ledger_in_order([1, 1]) == 1
    # stable: the rows of one number (any case) and day keep their order; numbers compare as text
    assert B.ledger_order(["b", "A", 7001, "a", None]) == [4, 2, 1, 3, 0]
    assert B.ledger_order(["x", "X", "x"], [d(2025, 2, 1), d(2025, 1, 1), "abc"]) == [2, 1, 0]


INVOICES = [
    Invoice("INV-2", d(2025, 1, 10), d(2025, 2, 9), 500.0),
    Invoice("inv-1", d(2025, 1, 5), d(2025, 2, 4), 1000.0),
    Invoice("INV-1", d(2025, 3, 1), d(2025, 3, 31), 200.0),  # repeats inv-1 in another case
    Invoice(7001, d(2025, 2, 1), d(2025, 3, 3), 300.0),  # type: ignore[arg-type]  # a number as the key
    Invoice("INV-3", "abc", d(2025, 4, 1), 50.0),  # type: ignore[arg-type]  # text in a date: not counted
    Invoice(),  # a blank row in the middle
    Invoice("INV-4", d(2025, 7, 5), d(2025, 8, 4), 400.0),  # invoiced after the as-of date
]
RECEIPTS = [
    Receipt("INV-1", d(2025, 3, 15), 600.0),
    Receipt("inv-1", d(2025, 2, 1), 700.0),  # 1,300 on inv-1's 1,200: overpaid
    Receipt("7001", d(2025, 1, 20), 100.0),  # before its invoice
    Receipt("INV-9", d(2025, 3, 1), 50.0),  # unknown invoice
    Receipt("INV-2", d(2025, 7, 2), 500.0),  # after the as-of date
    Receipt(None, d(2025, 4, 1), 30.0),  # unapplied
    Receipt(),  # blank
    Receipt("INV-4", d(2025, 6, 1), 100.0),  # before its invoice, which is after the as-of date
]
# By hand, as of 2025-06-30, per number (invoice rows in the sheet's order, inv-1 before INV-1):
# received: 7001 100; inv-1 1,000 (its 1,000; a later row repeats it); INV-1 1,300 − 1,000 = 300 (the last
# row takes the excess): open −100; INV-2 0 (its receipt is after the as-of date); INV-4 100, open −100.
RECEIVED = {"7001": (100.0, 200.0), "inv-1": (1000.0, 0.0), "INV-1": (300.0, -100.0), "INV-2": (0.0, 500.0),
            "INV-4": (100.0, -100.0)}  # fmt: skip
# receipts by (number, amount): matching invoice rows, its invoice's amount, received to date (earlier dates
# first: 700 on 02-01 then 600 on 03-15), days to collect
RECEIPT_FIGURES = {
    ("inv-1", 700.0): (2.0, 1200.0, 700.0, 27.0),  # 2025-01-05 → 02-01
    ("INV-1", 600.0): (2.0, 1200.0, 1300.0, 69.0),  # → 03-15: 26 + 28 + 15
    ("7001", 100.0): (1.0, 300.0, 100.0, -12.0),
    ("INV-2", 500.0): (1.0, 500.0, 500.0, 173.0),  # 2025-01-10 → 07-02: 21 + 28 + 31 + 30 + 31 + 30 + 2
    ("INV-4", 100.0): (1.0, 400.0, 100.0, -34.0),
}


@pytest.mark.parametrize("sort", [True, False])
def test_check_reads_a_sorted_or_unsorted_ledger_back_unchanged(tmp_path: Path, sort: bool) -> None:
    """`kam-xl check` rebuilds the sheet from its rows as they stand (a user's own order kept): nothing found."""
    invoices = [x for x in INVOICES if x.number != "INV-3"]  # check reports text in a date as unreadable
    data = CustomerFile(invoices=invoices, receipts=RECEIPTS, credit_limit=5000.0, sort_ledgers=sort)
    path = cf.write(tmp_path / "f.xlsx", data, model=MODEL, as_of=AS_OF)
    report = check_workbook_file(path)
    assert report.clean and "应收账款" in report.recomputed, report.findings[:5]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("blocks")
    data = CustomerFile(invoices=INVOICES, receipts=RECEIPTS, credit_limit=5000.0)
    made = {}
    for name in ("sorted", "unsorted"):
        with pytest.MonkeyPatch.context() as mp:
            if name == "unsorted":  # written as typed: the exact formulas
                mp.setattr(cf_ledger, "sorted_rows", lambda inv, rec: (inv, rec))  # as sort_ledgers=False
            book = cf.build(data, model=MODEL, as_of=AS_OF)
        made[name] = (book, book.save(out / f"{name}.xlsx"))
    lo = libreoffice_recalc([p for _, p in made.values()], out / "lo")
    return {
        name: (book, by_title(FormulasBook(p).values(), book.wb.sheetnames), cached_values(lo[p]))
        for name, (book, p) in made.items()
    }


@pytest.mark.parametrize("name", ["sorted", "unsorted"])
def test_edge_cases_by_hand_in_both_engines(books, name: str) -> None:
    book, engine, lo = books[name]
    ordered = 1.0 if name == "sorted" else 0.0
    for values in (engine, lo):
        assert (values[(INV, f"{IC['block_order']}4")], values[(RCP, f"{RC['block_order']}4")]) == (ordered, ordered)
        assert (values.get((INV, "A4")) or "") == ("" if ordered else cf_ledger_note("invoices"))
        seen = {}
        for r in range(7, 7 + len(INVOICES) + 50):
            no = values.get((INV, f"{IC['no']}{r}"))
            if no not in (None, ""):
                seen[str(no) if not isinstance(no, float) else str(int(no))] = (
                    values[(INV, f"{IC['received']}{r}")], values[(INV, f"{IC['open']}{r}")],
                )  # fmt: skip
        assert all(seen[k] == pytest.approx(v) for k, v in RECEIVED.items()), seen
        assert seen["INV-3"] == ("", "")  # not counted
        got = {}
        for r in range(7, 7 + len(RECEIPTS) + 50):
            no, amount = values.get((RCP, f"{RC['no']}{r}")), values.get((RCP, f"{RC['amount']}{r}"))
            if no not in (None, "") and amount not in (None, ""):
                key = str(no) if not isinstance(no, float) else str(int(no))
                got[(key, amount)] = tuple(values[(RCP, f"{RC[c]}{r}")] for c in ("n", "total", "cum", "lag"))
                if key == "INV-9":
                    assert values[(RCP, f"{RC['flag']}{r}")] == "未知发票"
                if key == "INV-1":
                    assert values[(RCP, f"{RC['flag']}{r}")] == "超过未收余额"
        assert all(got[k] == pytest.approx(v) for k, v in RECEIPT_FIGURES.items()), got
    # every computed cell of the three sheets equals the core's cached value, in both engines
    cached = {(s.title, ref): v for s in book.sheets if s.title in (REC, INV, RCP) for ref, _, v in s.formulas()}
    bad = [
        (at, want, engine.get(at), lo.get(at))
        for at, want in cached.items()
        if not (close(_n(want), engine.get(at)) and close(_n(want), _n(lo.get(at))))
    ]
    assert not bad, bad[:10]


def cf_ledger_note(which: str) -> str:
    # the note's text as the sheet (zh) shows it, written out here
    return {"invoices": "发票台账未按发票号排序：计算较慢；按发票号排序可加快"}[which]


def _n(v: object) -> object:
    if v is None:
        return ""
    if isinstance(v, date):
        return float((v - date(1899, 12, 30)).days)
    if isinstance(v, int | float) and not isinstance(v, bool):
        return float(v)
    return v


def test_the_generator_sorts_the_ledgers() -> None:
    book = cf.build(CustomerFile(invoices=INVOICES, receipts=RECEIPTS), model=MODEL, as_of=AS_OF)
    inv, rec = ({ref: v for ref, _, v in next(s for s in book.sheets if s.title == t).formulas()} for t in (INV, RCP))
    # blank row first, then by number as text in any case (inv-1 before INV-1: input order); INV-3, not
    # counted, carries the search key above
    search = IC["block_search"]
    assert [inv[f"{search}{r}"] for r in range(7, 14)] == ["", "7001", "inv-1", "INV-1", "INV-2", "INV-2", "INV-4"]
    # receipts by number then date: the unapplied and blank rows first, inv-1's 02-01 before INV-1's 03-15
    search = RC["block_search"]
    want = ["", "", "7001", "inv-1", "INV-1", "INV-2", "INV-4", "INV-9"]
    assert [rec[f"{search}{r}"] for r in range(7, 15)] == want
    assert inv[f"{IC['block_order']}4"] == rec[f"{RC['block_order']}4"] == 1.0 and inv["A4"] == rec["A4"] == ""
