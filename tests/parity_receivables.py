"""Parity cases: receivables (see tests/parity.py)."""

from __future__ import annotations

from datetime import date

import kam_udfs as U
import numpy as np
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter
from parity import MODEL, Builder, Sheet

from kam_xl.cells import date_to_serial
from kam_xl.core import receivables
from kam_xl.core.receivables import (
    INVOICE_COLUMNS,
    RECEIPT_COLUMNS,
    Period,
    balances,
    blocks,
    invoice_rows,
    receipt_rows,
)
from kam_xl.indicators import REGISTRY
from kam_xl.xlformulas.ledger_order import ORDER_NOTES


def case_credit(s: Sheet, rng: np.random.Generator) -> None:
    cases = [(45.0, 0.05), (45.0000001, 0.05), (75.0, 0.15), (120.0, 0.31), (0.0, 0.0), (None, 0.2)]
    cases += [(float(np.round(rng.uniform(0, 200), 1)), float(np.round(rng.uniform(0, 0.6), 3))) for _ in range(6)]
    for i, (d, od) in enumerate(cases):
        r = s.row + i
        dref, oref = s.put(1, r, d), s.put(2, r, od)
        label = receivables.credit_rating(np.nan if d is None else d, od, MODEL, "zh")
        s.formula("credit_rating", 3, r, REGISTRY["credit_rating"].formula(dref, oref, "zh"), label,
                  U.KAM_CREDIT_RATING(d, od, "zh"))  # fmt: skip
    # DSO from outstanding, sales and days (0/0 → 0; sales 0 with something outstanding → undefined, blank)
    for i, (o, sa) in enumerate([(100.0, 1000.0), (0.0, 0.0), (50.0, 0.0), (123.45, 6789.0)]):
        r = s.row + i
        refs = [s.put(5 + k, r, v) for k, v in enumerate((o, sa, 365.0))]
        s.formula("dso", 8, r, REGISTRY["dso"].formula(*refs), receivables.dso(o, sa, 365.0), U.KAM_DSO(o, sa, 365.0))
    s.row += len(cases) + 1


def case_aging(s: Sheet, rng: np.random.Generator) -> None:
    n, block = 12, 15
    amounts = [float(x) for x in np.round(rng.uniform(100, 10000, n), 2)]
    dpd = [float(x) for x in rng.choice([-20, 0, 1, 30, 31, 60, 61, 90, 91, 400], n)]
    pad = [None] * (block - n)
    aref, dref = s.column(1, amounts + pad), s.column(2, dpd + pad)
    expected = receivables.aging_row(amounts, dpd, MODEL.receivables.aging_edges)
    k = len(expected)
    for b in range(k):
        s.formula("aging", 3 + b, s.row, REGISTRY["aging"].formula(aref, dref, b, k), float(expected[b]))
    s.row += block + 1


# ---------------------------------------------------------------- one ledger, every row-level and per-account figure

AS_OF = date(2024, 3, 31)  # period (2023-03-31, 2024-03-31]: 366 days (2024 is a leap year)
LIMIT = 1000.0
INVOICES: list[tuple[object, ...]] = [  # number, invoice date, due date, amount
    ("A100", date(2024, 1, 10), date(2024, 2, 9), 1000.0),
    ("A200", date(2024, 2, 1), date(2024, 3, 2), 500.0),
    ("a200", date(2024, 2, 15), date(2024, 3, 16), 300.0),  # repeats A200: text matches in any case
    (7001, date(2024, 3, 20), date(2024, 4, 19), 400.0),  # a number, matched by the text "7001"
    ("A400", date(2024, 4, 5), date(2024, 5, 5), 250.0),  # after the as-of date
    ("HALF", date(2024, 1, 5), None, 80.0),  # no due date: not counted
    (None, None, None, None),  # a blank row
    ("BAD", date(2024, 3, 1), date(2024, 2, 1), 60.0),  # due before invoiced: not counted
    ("A050", date(2023, 2, 1), date(2023, 3, 3), 900.0),  # before the period: the opening balance
]
RECEIPTS: list[tuple[object, ...]] = [  # invoice number, receipt date, amount
    ("A100", date(2024, 2, 1), 400.0),
    ("A100", date(2024, 2, 1), 300.0),  # same day as the row above
    ("a200", date(2024, 3, 10), 600.0),
    ("A200", date(2024, 4, 2), 400.0),  # after the as-of date
    ("A400", date(2024, 4, 1), 100.0),  # before its invoice (2024-04-05)
    ("Z999", date(2024, 3, 5), 50.0),  # unknown invoice
    ("7001", date(2024, 3, 18), 100.0),  # before its invoice (2024-03-20)
    ("A100", date(2024, 1, 20), 200.0),
    ("A100", date(2024, 2, 1), 200.0),  # third of that day: 1,100 received on a 1,000 invoice
    (None, date(2024, 3, 1), 30.0),  # no invoice number: unapplied
    ("A050", date(2023, 5, 1), 900.0),
    ("A100", None, 10.0),  # no date: not counted
]


def _serial(d: object) -> object:
    """A date as the serial number a cell holds (dates are written as plain numbers: LibreOffice would give a
    difference of two date cells a date format); None and NaT as blank."""
    return date_to_serial(d) if isinstance(d, date) else ("" if d is None or d is pd.NaT else d)


def _frames(inv_ok: np.ndarray, inv_keys: np.ndarray, rec_ok: np.ndarray, rec_keys: np.ndarray):
    """The counted rows as the core's ledgers (one account), numbers lower-cased as Excel compares text."""
    inv = [(i, "A", str(inv_keys[i]).lower(), *INVOICES[i][1:]) for i in np.flatnonzero(inv_ok)]
    rec = [(j, "A", str(rec_keys[j]).lower() or None, *RECEIPTS[j][1:]) for j in np.flatnonzero(rec_ok)]
    invoices = pd.DataFrame([r[1:] for r in inv], columns=list(INVOICE_COLUMNS), index=[r[0] for r in inv])
    receipts = pd.DataFrame([r[1:] for r in rec], columns=list(RECEIPT_COLUMNS), index=[r[0] for r in rec])
    return invoices, receipts


def case_ledger(s: Sheet, rng: np.random.Generator) -> None:
    X = {k: e.formula for k, e in REGISTRY.items() if e.excel is not None}
    top = s.row
    n_i, n_r = len(INVOICES), len(RECEIPTS)
    il, rl = top + n_i - 1, top + n_r - 1
    as_of, limit = s.put(40, top, _serial(AS_OF)), s.put(40, top + 1, LIMIT)
    period = Period(receivables.period_start(AS_OF, MODEL), AS_OF)
    assert (period.start, period.days) == (date(2023, 3, 31), 366)
    start = s.formula("period_start", 41, top, X["period_start"](as_of), _serial(period.start))
    days = s.formula("period_days", 41, top + 1, X["period_days"](as_of, start), receivables.period_days(AS_OF, MODEL))

    def col(c: int, last: int) -> str:
        return f"${get_column_letter(c)}${top}:${get_column_letter(c)}${last}"

    def span(c: int, a: int, b: int) -> str:
        return f"${get_column_letter(c)}${top}:{get_column_letter(c)}{b}" if a == top else (
            f"{get_column_letter(c)}{a}:${get_column_letter(c)}${b}")  # fmt: skip

    # invoices: inputs A–D, counted E, key F, received G, open H, days past due I, problems J
    inv_cols = [s.column(1 + k, [_serial(row[k]) if k in (1, 2) else row[k] for row in INVOICES]) for k in range(4)]
    inv_ok = receivables.invoice_counted(*([row[k] for row in INVOICES] for k in range(4)))
    inv_keys = receivables.ledger_keys(inv_ok, [row[0] for row in INVOICES])
    rec_ok = receivables.receipt_counted([row[1] for row in RECEIPTS], [row[2] for row in RECEIPTS])
    rec_keys = receivables.ledger_keys(rec_ok, [row[0] for row in RECEIPTS])
    # HALF (no due date), the blank row and BAD (due before invoiced) do not count; the receipt without a date
    assert list(inv_ok) == [True, True, True, True, True, False, False, False, True]
    assert list(rec_ok) == [True] * 11 + [False] and inv_keys[3] == "7001" and rec_keys[9] == ""
    invoices, receipts = _frames(inv_ok, inv_keys, rec_ok, rec_keys)
    rows = invoice_rows(invoices, receipts, AS_OF).reindex(range(n_i))
    facts = receipt_rows(invoices, receipts).reindex(range(n_r))
    dup = np.zeros(n_i, dtype=bool)
    dup[np.flatnonzero(inv_ok)] = receivables.duplicate_invoices(invoices)
    inv_flags = receivables.invoice_flags(dup, inv_ok, INVOICES, "zh")
    # by hand, as of 2024-03-31: A100 took 200 + 400 + 300 + 200 = 1,100 (one row: the excess too) → open −100,
    # 51 days past due (Feb 9 → Mar 31 in a leap year); A200's first row takes 500 of the 600, its repeat 100
    # → open 200, 15 days past due; 7001 took 100 → open 300, due in 19 days
    assert list(rows["open"][:4]) == [-100.0, 0.0, 200.0, 300.0]
    assert list(rows["days_past_due"][[0, 2, 3]]) == [51.0, 15.0, -19.0]
    assert list(inv_flags[[2, 5, 6, 7]]) == ["重复发票号", "未计入：信息不全或有误", "", "未计入：信息不全或有误"]
    keys_i = col(6, il)
    for i in range(n_i):
        r = top + i
        no, d, u, a = (f"{get_column_letter(1 + k)}{r}" for k in range(4))
        ok = s.formula("invoice_counted", 5, r, X["invoice_counted"](no, d, u, a), float(inv_ok[i]))
        key = s.formula("ledger_key", 6, r, X["ledger_key"](ok, no), inv_keys[i])
        earlier = (span(6, top, r - 1), span(2, top, r - 1), span(4, top, r - 1)) if i else (None, None, None)
        later = span(6, r + 1, il) if i < n_i - 1 else None
        rc = s.formula(
            "received", 7, r,
            X["received"](key, d, a, as_of, col(16, rl), col(13, rl), col(14, rl), *earlier, later),
            rows["received"][i],
        )  # fmt: skip
        op = s.formula("open_amount", 8, r, X["open_amount"](rc, d, a, as_of), rows["open"][i])
        s.formula("days_past_due", 9, r, X["days_past_due"](rc, op, u, as_of), rows["days_past_due"][i])
        s.formula("invoice_problems", 10, r, X["invoice_problems"](key, f"{no}:{a}", earlier[0], "zh"), inv_flags[i])

    # receipts: inputs L–N, counted O, key P, matches Q, its invoice's date R and total S, to date T, days U, V
    for k in range(3):
        s.column(12 + k, [_serial(row[k]) if k == 1 else row[k] for row in RECEIPTS])
    flags = {k: facts[k].fillna(False).to_numpy(dtype=bool) for k in ("unknown_invoice", "before_invoice", "overpaid")}
    rec_flags = receivables.receipt_flags(*flags.values(), rec_ok, RECEIPTS, "en")
    # by hand: the third receipt of 2024-02-01 on A100 takes it to 1,100 (> 1,000); 7001 and A400 were paid
    # before they were invoiced; Z999 and the blank number are unknown
    assert facts["cumulative"][8] == 1100.0 and facts["cumulative"][1] == 900.0  # 200 (Jan 20) + 400 + 300
    assert list(rec_flags[[4, 5, 6, 8, 9, 11]]) == [
        "Receipt before invoice", "Unknown invoice", "Receipt before invoice", "Exceeds open amount",
        "Unknown invoice", "Not counted: incomplete or invalid",
    ]  # fmt: skip
    for j in range(n_r):
        r = top + j
        no, d, a = (f"{get_column_letter(12 + k)}{r}" for k in range(3))
        ok = s.formula("receipt_counted", 15, r, X["receipt_counted"](d, a), float(rec_ok[j]))
        key = s.formula("ledger_key", 16, r, X["ledger_key"](ok, no), rec_keys[j])
        m = s.formula(
            "invoice_matches", 17, r, X["invoice_matches"](key, keys_i), float(facts["invoice_rows"].fillna(0)[j])
        )
        kd = s.formula(
            "receipt_invoice_date", 18, r, X["receipt_invoice_date"](m, key, keys_i, inv_cols[1]),
            _serial(facts["invoice_date"][j].date() if pd.notna(facts["invoice_date"][j]) else None),
        )  # fmt: skip
        tot = s.formula(
            "receipt_invoice_total", 19, r, X["receipt_invoice_total"](m, key, keys_i, inv_cols[3]),
            facts["invoice_total"][j],
        )  # fmt: skip
        to_row = (span(c, top, r) for c in (16, 13, 14))
        cu = s.formula(
            "received_to_date", 20, r,
            X["received_to_date"](m, key, d, col(16, rl), col(13, rl), col(14, rl), *to_row), facts["cumulative"][j],
        )  # fmt: skip
        s.formula("days_to_collect", 21, r, X["days_to_collect"](m, d, kd), facts["days_to_collect"][j])
        s.formula(
            "receipt_problems", 22, r, X["receipt_problems"](ok, f"{no}:{a}", m, d, kd, cu, tot, "en"), rec_flags[j]
        )

    # per account, column Y (inputs) and Z (figures)
    ID, AM, V, OPEN, DPD = col(2, il), col(4, il), col(5, il), col(8, il), col(9, il)
    RD, RA, RV, RQ, RL = col(13, rl), col(14, rl), col(15, rl), col(18, rl), col(21, rl)
    # settled rows (open 0) have no days past due: any bucket takes their 0; rows not counted are skipped
    buckets = receivables.aging_row(rows["open"], rows["days_past_due"].fillna(0), MODEL.receivables.aging_edges)
    assert list(buckets) == [300.0, 200.0, -100.0, 0.0, 0.0]  # not due 7001; 1–30 A200; 31–60 A100's −100
    cells = [
        s.formula("aging", 26, top + k, X["aging"](OPEN, DPD, k, len(buckets)), float(b)) for k, b in enumerate(buckets)
    ]
    z = top + len(buckets)

    def figure(key: str, args: tuple[object, ...], core: object) -> str:
        nonlocal z
        z += 1
        return s.formula(key, 26, z, X[key](*args), core)

    sold = receivables.sales(invoices["amount"], invoices["invoice_date"].to_numpy(), period)
    assert sold == 2200.0  # 1,000 + 500 + 300 + 400: A050 is before the period, A400 after the as-of date
    sales = figure("sales", (AM, ID, V, start, as_of), sold)
    o = figure("outstanding", (f"{cells[0]}:{cells[-1]}",), receivables.outstanding(buckets))  # 400
    od = figure("overdue_amount", (f"{cells[1]}:{cells[-1]}",), receivables.overdue(buckets))  # 100
    figure("arrears_rate", (o, sales), receivables.arrears_rate(400.0, 2200.0))
    figure("overdue_ratio", (od, o), receivables.overdue_ratio(100.0, 400.0))  # 0.25
    dso_ = figure("dso", (o, sales, days), receivables.dso(400.0, 2200.0, 366))
    best = figure("best_dso", (cells[0], sales, days), receivables.best_dso(300.0, 2200.0, 366))
    figure("days_delinquent", (dso_, best), receivables.days_delinquent(400 / 2200 * 366, 300 / 2200 * 366))
    opening_at = balances(invoices, receipts, [period.start]).iloc[0, 0]
    assert opening_at == 900.0  # A050, not yet paid on 2023-03-31
    op = figure("balance", (AM, ID, V, RA, RD, RQ, start), opening_at)
    assert receivables.cei(900.0, 2200.0, 400.0, 300.0) == pytest.approx(2700 / 2800 * 100)
    figure("cei", (op, sales, o, cells[0]), receivables.cei(900.0, 2200.0, 400.0, 300.0))
    applied_days = facts["days_to_collect"].to_numpy(dtype=float)
    rdates = [row[1] for row in RECEIPTS]
    ramounts = [row[2] for row in RECEIPTS]
    keep = list(rec_ok)
    lag = receivables.avg_collection_days(
        np.array(ramounts)[keep], np.array(rdates, dtype=object)[keep], applied_days[keep], period
    )
    # (400·22 + 300·22 + 600·38 + 100·(−2) + 200·10 + 200·22 + 900·89) / 2,700 applied in the period
    assert lag == pytest.approx(124500 / 2700)
    figure("avg_collection_days", (RA, RD, RQ, RL, start, as_of), lag)
    dated = np.array(rdates, dtype=object)[keep]
    largest = receivables.largest_receipt(np.array(ramounts)[keep], dated, period)
    mean = receivables.avg_receipt(np.array(ramounts)[keep], dated, period)
    assert (largest, mean) == (900.0, pytest.approx(2780 / 9))  # 9 receipts in the period, applied or not
    figure("largest_receipt", (RA, RD, RV, start, as_of), largest)
    figure("avg_receipt", (RA, RD, RV, start, as_of), mean)
    unapplied = receivables.unapplied_receipts(np.array(ramounts)[keep], dated, ~np.isnan(applied_days[keep]), AS_OF)
    assert unapplied == 80.0  # Z999's 50 and the 30 without a number
    figure("unapplied_receipts", (RA, RD, RV, RQ, as_of), unapplied)
    figure("credit_use", (o, limit), receivables.credit_use(400.0, LIMIT))  # 0.4

    # month ends: k = 0 is 2023-03-31, the (exclusive) start; k = 1 … 12 are Apr 2023 … Mar 2024
    ends = [receivables.month_end(period, k) for k in range(MODEL.receivables.period_months + 1)]
    assert ends[0] is None and ends[1] == date(2023, 4, 30) and ends[-1] == AS_OF
    at = balances(invoices, receipts, [d for d in ends if d is not None]).iloc[0].to_numpy()
    shown = iter(at.tolist())
    end_cells, bal_cells = [], []
    for k, end in enumerate(ends):
        r = top + k
        end_cells.append(s.formula("month_end", 28, r, X["month_end"](start, as_of, k), _serial(end)))
        day = end_cells[-1]
        value = "" if end is None else next(shown)
        bal_cells.append(
            s.formula("balance", 29, r, X["balance"](AM, ID, V, RA, RD, RQ, day, blank_if=f'{day}=""'), value)
        )
    first, last = end_cells[0], end_cells[-1]
    figure("avg_arrears", (f"{first}:{last}", f"{bal_cells[0]}:{bal_cells[-1]}"), receivables.avg_arrears(at))
    s.row = max(rl, z, top + len(ends)) + 2


def case_ledger_blocks(s: Sheet, rng: np.random.Generator) -> None:
    """The block helpers of a sorted ledger (issue #7): search keys, running figures, block totals, order."""
    X = {k: e.formula for k, e in REGISTRY.items() if e.excel is not None}
    top = s.row
    as_of_day = date(2024, 3, 31)
    as_of = s.put(30, top, _serial(as_of_day))
    # invoices, sorted: a blank row, 7001, A100 and a100 (one number), a row not counted, B200 after the as-of date
    keys = ["", "7001", "A100", "a100", "", "B200"]
    days = [None, date(2024, 1, 5), date(2024, 2, 1), date(2024, 1, 20), None, date(2024, 4, 2)]
    amounts = [None, 300.0, 100.0, 50.0, None, 70.0]
    n = len(keys)
    for c, values in ((1, keys), (2, [_serial(d) for d in days]), (3, amounts), (4, [1.0 if k else 0.0 for k in keys])):
        s.column(c, values)
    search = blocks.search_keys(keys)
    serial = [date_to_serial(d) if d else float("nan") for d in days]
    to = [a if k and d <= as_of_day else 0.0 for k, d, a in zip(keys, days, amounts, strict=True)]  # type: ignore[operator]
    count = blocks.block_running(search, [1.0 if k else 0.0 for k in keys])
    run_to = blocks.block_running(search, to)
    total = blocks.block_running(search, [a if k else 0.0 for k, a in zip(keys, amounts, strict=True)])  # type: ignore[misc]
    low = blocks.block_running(search, [x if k else blocks.BIG for k, x in zip(keys, serial, strict=True)], "min")
    order = blocks.in_order(keys, search)
    # by hand: A100's block (both cases) counts 2, totals 150, earliest 2024-01-20; B200 is after the as-of date
    assert search == ["", "7001", "A100", "a100", "a100", "B200"] and count == [0, 1, 1, 2, 2, 1]
    assert total[4] == 150.0 and run_to[5] == 0.0 and low[4] == date_to_serial(date(2024, 1, 20))
    assert blocks.block_total(search, count) == [0, 1, 2, 2, 2, 1] and order == [1.0] * n
    for i in range(n):
        r, up = top + i, top + i - 1
        k, d, a, ok = (f"{get_column_letter(c)}{r}" for c in (1, 2, 3, 4))
        ps = f"E{up}" if i else None

        def prev(c: str) -> str | None:
            return f"{c}{up}" if i else None  # noqa: B023 - called at once

        sk = s.formula("search_key", 5, r, X["search_key"](k, ps), search[i])
        s.formula("block_count", 6, r, X["block_count"](sk, ps, prev("F"), ok), count[i])
        s.formula("block_sum_to", 7, r, X["block_sum_to"](sk, ps, prev("G"), k, d, a, as_of), run_to[i])
        s.formula("block_sum", 8, r, X["block_sum"](sk, ps, prev("H"), k, a), total[i])
        s.formula("block_min_date", 9, r, X["block_min_date"](sk, ps, prev("I"), k, d), low[i])
        s.formula("invoice_in_order", 10, r, X["invoice_in_order"](k, ps), order[i])
        below = (f"E{r + 1}", f"K{r + 1}") if i < n - 1 else (None, None)
        s.formula("block_total", 11, r, X["block_total"](sk, *below, f"F{r}"), blocks.block_total(search, count)[i])
    flags = f"$J${top}:$J${top + n - 1}"
    s.formula("ledger_in_order", 12, top, X["ledger_in_order"](flags), blocks.ledger_in_order(order))
    # receipts: a100 twice (dates in order), then A100 again dated earlier: out of order
    rkeys, rdays = (
        ["a100", "A100", "", "A100"],
        [date(2024, 2, 1), date(2024, 2, 3), date(2024, 1, 1), date(2024, 1, 9)],
    )
    ramounts = [10.0, 20.0, 5.0, 40.0]
    for c, values in ((15, rkeys), (16, [_serial(d) for d in rdays]), (17, ramounts)):
        s.column(c, values)
    rsearch = blocks.search_keys(rkeys)
    rserial = [date_to_serial(d) if k else float("nan") for k, d in zip(rkeys, rdays, strict=True)]
    last = blocks.block_running(rsearch, rserial, "last")
    run = blocks.block_running(rsearch, [a if k else 0.0 for k, a in zip(rkeys, ramounts, strict=True)])
    rorder = blocks.in_order(rkeys, rsearch, rserial)
    assert rorder == [1.0, 1.0, 1.0, 0.0] and run == [10.0, 30.0, 30.0, 70.0]  # 2024-01-09 after 02-03
    for j in range(len(rkeys)):
        r, up = top + j, top + j - 1
        k, d, a = (f"{get_column_letter(c)}{r}" for c in (15, 16, 17))
        ps = f"R{up}" if j else None
        sk = s.formula("search_key", 18, r, X["search_key"](k, ps), rsearch[j])
        s.formula("block_sum", 19, r, X["block_sum"](sk, ps, f"S{up}" if j else None, k, a), run[j])
        s.formula("block_last_date", 20, r, X["block_last_date"](sk, ps, f"T{up}" if j else None, k, d), last[j])
        s.formula("receipt_in_order", 21, r, X["receipt_in_order"](k, d, ps, f"T{up}" if j else None), rorder[j])
    rflags = f"$U${top}:$U${top + len(rkeys) - 1}"
    s.formula("ledger_in_order", 22, top, X["ledger_in_order"](rflags), blocks.ledger_in_order(rorder))
    s.formula("order_note", 23, top, X["order_note"](f"V{top}", "receipts", "en"), ORDER_NOTES["receipts"][1])
    s.formula("order_note", 24, top, X["order_note"](f"L{top}", "invoices", "zh"), "")
    s.row += n + 1


BUILDERS: tuple[Builder, ...] = (
    case_credit,
    case_aging,
    case_ledger,
    case_ledger_blocks,
)
