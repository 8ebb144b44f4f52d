"""Row-level receivables (SPEC §2.11): per invoice row, per receipt row and balances, worked out by hand.

One small ledger carries every case: a repeated invoice number, a receipt before its invoice, overpayments
(one on the same day as other receipts, decided by input order), an unknown and a blank invoice number,
the same number under two accounts, and an invoice dated after the as-of date.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from kam_xl.core.receivables import (
    INVOICE_ROW_COLUMNS,
    RECEIPT_ROW_COLUMNS,
    Period,
    balances,
    duplicate_invoices,
    invoice_counted,
    invoice_flags,
    invoice_rows,
    ledger_keys,
    month_end,
    month_end_balances,
    period_days,
    period_for,
    period_start,
    receipt_counted,
    receipt_flags,
    receipt_rows,
    receivables,
)
from kam_xl.errors import InputError, MissingValueError
from kam_xl.models import default_model

D = pd.Timestamp
NAN = np.nan


def ledger() -> tuple[pd.DataFrame, pd.DataFrame]:
    invoices = pd.DataFrame(
        [
            ("A", "100", D("2024-01-10"), D("2024-02-09"), 1000.0),  # row 0
            ("A", "200", D("2024-02-01"), D("2024-03-02"), 500.0),  # row 1: number 200 …
            ("A", "200", D("2024-02-15"), D("2024-03-16"), 300.0),  # row 2: … repeated
            ("A", "300", D("2024-03-20"), D("2024-04-19"), 400.0),  # row 3
            ("A", "400", D("2024-04-05"), D("2024-05-05"), 250.0),  # row 4: after the 2024-03-31 as-of date
            ("B", "100", D("2024-03-01"), D("2024-03-31"), 700.0),  # row 5: B's own number 100
        ],
        columns=["account", "invoice", "invoice_date", "due_date", "amount"],
    )
    receipts = pd.DataFrame(
        [
            ("A", "100", D("2024-02-01"), 400.0),  # 100
            ("A", "100", D("2024-02-01"), 300.0),  # 101: same day as 100
            ("A", "200", D("2024-03-10"), 600.0),  # 102
            ("A", "200", D("2024-04-02"), 400.0),  # 103: after the as-of date
            ("A", "400", D("2024-04-01"), 100.0),  # 104: before invoice 400 (dated 04-05)
            ("A", "999", D("2024-03-05"), 50.0),  # 105: unknown number
            ("B", "100", D("2024-03-15"), 900.0),  # 106: B's 100 is 700
            ("A", "300", D("2024-03-18"), 100.0),  # 107: before invoice 300 (dated 03-20)
            ("A", "100", D("2024-01-20"), 200.0),  # 108: earliest receipt on A's 100
            ("A", "100", D("2024-02-01"), 200.0),  # 109: third of that day
            ("A", None, D("2024-03-01"), 30.0),  # 110: no number
        ],
        columns=["account", "invoice", "receipt_date", "amount"],
        index=pd.RangeIndex(100, 111),  # e.g. sheet rows: the output keeps the caller's index
    )
    return invoices, receipts


# ---------------------------------------------------------------- invoice rows


def test_invoice_rows_as_of_month_end() -> None:
    inv, rec = ledger()
    got = invoice_rows(inv, rec, date(2024, 3, 31))
    assert tuple(got.columns) == INVOICE_ROW_COLUMNS and list(got.index) == list(range(6))
    # row 0, A/100: receipts by 03-31 are 200 + 400 + 300 + 200 = 1100 (one row: it takes the excess)
    #   open 1000 − 1100 = −100; days past due 03-31 − 02-09 = 20 (Feb, leap year) + 31 = 51
    # row 1, A/200 first row: receipts by 03-31 = 600 (103 is dated 04-02); capped at its 500 → open 0, no days
    # row 2, A/200 last row: 600 − 500 = 100 → open 300 − 100 = 200; 03-31 − 03-16 = 15 days
    # row 3, A/300: 100 (receipt 107, before the invoice but by 03-31) → open 300; due in 19 days: −19
    # row 4, A/400: dated 04-05, after the as-of date: invoiced 0; receipt 104 is 04-01 → 0 received, open 0
    # row 5, B/100: 900 received → open −200; due 03-31 → 0 days
    np.testing.assert_array_equal(got["received"], [1100.0, 500.0, 100.0, 100.0, 0.0, 900.0])
    np.testing.assert_array_equal(got["open"], [-100.0, 0.0, 200.0, 300.0, 0.0, -200.0])
    np.testing.assert_array_equal(got["days_past_due"], [51.0, NAN, 15.0, -19.0, NAN, 0.0])


def test_invoice_rows_later_as_of_the_last_repeated_row_takes_the_excess() -> None:
    inv, rec = ledger()
    got = invoice_rows(inv, rec, date(2024, 4, 10))
    # A/200: 600 + 400 = 1000 received: row 1 takes its 500, row 2 (the last) takes the other 500 of its 300
    #   → open −200, 04-10 − 03-16 = 15 + 10 = 25 days
    # row 4, A/400 now invoiced 250, receipt 104 applied: open 150, due 05-05 → −25 days
    np.testing.assert_array_equal(got["received"], [1100.0, 500.0, 500.0, 100.0, 100.0, 900.0])
    np.testing.assert_array_equal(got["open"], [-100.0, 0.0, -200.0, 300.0, 150.0, -200.0])
    np.testing.assert_array_equal(got["days_past_due"], [61.0, NAN, 25.0, -9.0, -25.0, 10.0])


def test_invoice_rows_as_of_before_most_invoices() -> None:
    inv, rec = ledger()
    got = invoice_rows(inv, rec, date(2024, 1, 31))
    # only row 0 is invoiced (01-10) and only receipt 108 (01-20, 200) is dated by then: open 800, due in 9 days
    np.testing.assert_array_equal(got["received"], [200.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    np.testing.assert_array_equal(got["open"], [800.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    np.testing.assert_array_equal(got["days_past_due"], [-9.0, NAN, NAN, NAN, NAN, NAN])


def test_open_amount_is_rounded_so_a_settled_invoice_has_no_days() -> None:
    # 0.3 invoiced, 0.1 + 0.2 received: 0.3 − 0.30000000000000004 = −5.6e-17 → rounds to 0 → settled, no days
    inv = pd.DataFrame(
        [("A", "1", D("2024-01-01"), D("2024-01-31"), 0.3)],
        columns=["account", "invoice", "invoice_date", "due_date", "amount"],
    )
    rec = pd.DataFrame(
        [("A", "1", D("2024-01-05"), 0.1), ("A", "1", D("2024-01-06"), 0.2)],
        columns=["account", "invoice", "receipt_date", "amount"],
    )
    got = invoice_rows(inv, rec, date(2024, 3, 31))
    assert got["open"].iloc[0] == 0.0 and np.isnan(got["days_past_due"].iloc[0])
    # … and the receipt that reaches 0.3 up to float noise is not an overpayment (tolerance 1e-9 · max(0.3, 1))
    assert not receipt_rows(inv, rec)["overpaid"].any()


def test_invoice_rows_without_receipts() -> None:
    inv, _ = ledger()
    got = invoice_rows(inv, None, date(2024, 3, 31))
    # nothing received: open = the amount for rows 0–3 and 5 (dated by 03-31), 0 for row 4
    np.testing.assert_array_equal(got["open"], [1000.0, 500.0, 300.0, 400.0, 0.0, 700.0])
    np.testing.assert_array_equal(got["days_past_due"], [51.0, 29.0, 15.0, -19.0, NAN, 0.0])


# ---------------------------------------------------------------- receipt rows


def test_receipt_rows() -> None:
    inv, rec = ledger()
    got = receipt_rows(inv, rec)
    assert tuple(got.columns) == RECEIPT_ROW_COLUMNS and list(got.index) == list(range(100, 111))
    at = got.loc
    # A/100: one row, dated 01-10, 1000. Its receipts by date, then input order:
    #   108 (01-20) 200 → 200; 100 (02-01) 400 → 600; 101 (02-01) 300 → 900; 109 (02-01) 200 → 1100 > 1000: overpaid
    for row, cum, days in ((108, 200.0, 10.0), (100, 600.0, 22.0), (101, 900.0, 22.0), (109, 1100.0, 22.0)):
        assert at[row, "invoice_date"] == D("2024-01-10") and at[row, "invoice_total"] == 1000.0
        assert (at[row, "cumulative"], at[row, "days_to_collect"], at[row, "invoice_rows"]) == (cum, days, 1)
        assert at[row, "overpaid"] == (row == 109)
    # A/200: two rows, the earliest dated 02-01; total 500 + 300 = 800 whatever the as-of date
    #   102 (03-10) 600 → 600, 38 days (29 in Feb + 9); 103 (04-02) 400 → 1000 > 800: overpaid, 29 + 31 + 1 = 61 days
    assert (at[102, "invoice_date"], at[102, "invoice_total"], at[102, "invoice_rows"]) == (D("2024-02-01"), 800.0, 2)
    assert (at[102, "cumulative"], at[102, "days_to_collect"], at[102, "overpaid"]) == (600.0, 38.0, False)
    assert (at[103, "cumulative"], at[103, "days_to_collect"], at[103, "overpaid"]) == (1000.0, 61.0, True)
    # receipts dated before their invoice: 104 (04-01 for 04-05's A/400), 107 (03-18 for 03-20's A/300)
    assert (at[104, "days_to_collect"], at[104, "invoice_total"], at[104, "cumulative"]) == (-4.0, 250.0, 100.0)
    assert (at[107, "days_to_collect"], at[107, "invoice_total"], at[107, "cumulative"]) == (-2.0, 400.0, 100.0)
    # B/100 is B's own invoice (700, 03-01), not A's: 900 → overpaid, 14 days
    assert (at[106, "invoice_date"], at[106, "invoice_total"], at[106, "cumulative"]) == (D("2024-03-01"), 700.0, 900.0)
    assert at[106, "overpaid"] and at[106, "days_to_collect"] == 14.0
    np.testing.assert_array_equal(got["before_invoice"], [r in (104, 107) for r in range(100, 111)])
    np.testing.assert_array_equal(got["unknown_invoice"], [r in (105, 110) for r in range(100, 111)])
    np.testing.assert_array_equal(got["overpaid"], [r in (103, 106, 109) for r in range(100, 111)])
    # unknown (999) and blank numbers are applied to nothing: no invoice figures
    for row in (105, 110):
        assert pd.isna(at[row, "invoice_date"]) and at[row, "invoice_rows"] == 0
        assert np.isnan([at[row, "invoice_total"], at[row, "cumulative"], at[row, "days_to_collect"]]).all()


def test_receipt_flags_are_the_problems_report() -> None:
    inv, rec = ledger()
    rows = receipt_rows(inv, rec)
    problems = receivables(inv, rec, date(2024, 3, 31)).problems
    for kind in ("unknown_invoice", "before_invoice", "overpaid"):
        listed = problems.loc[(problems["source"] == "receipts") & (problems["kind"] == kind), "row"]
        assert sorted(listed) == list(rows.index[rows[kind]]), kind
    # the overpayment message says what was still open: 1000 − 900 before receipt 109
    text = problems.loc[(problems["row"] == 109) & (problems["kind"] == "overpaid"), "message_en"].item()
    assert text == "receipt 200.00 exceeds the 100.00 then open on invoice 100"


def test_numbers_match_as_text_across_ledgers() -> None:
    # invoice 7 (a number) and receipt "7" (text) are one invoice
    inv = pd.DataFrame(
        [("A", 7, D("2024-01-01"), D("2024-01-31"), 100.0)],
        columns=["account", "invoice", "invoice_date", "due_date", "amount"],
    )
    rec = pd.DataFrame([("A", "7", D("2024-01-15"), 40.0)], columns=["account", "invoice", "receipt_date", "amount"])
    assert receipt_rows(inv, rec)["invoice_total"].tolist() == [100.0]
    assert invoice_rows(inv, rec, date(2024, 2, 1))["open"].tolist() == [60.0]


# ---------------------------------------------------------------- balances


def test_balances_at_days_in_any_order() -> None:
    inv, rec = ledger()
    got = balances(inv, rec, [date(2024, 3, 31), "2024-01-31", D("2024-02-29"), date(2024, 3, 31)])
    assert list(got.index) == ["A", "B"]
    assert list(got.columns) == [D("2024-03-31"), D("2024-01-31"), D("2024-02-29"), D("2024-03-31")]
    # A, 01-31: invoiced 1000 (row 0) − received 200 (108) = 800
    # A, 02-29: invoiced 1000 + 500 + 300 = 1800 − (200 + 400 + 300 + 200) = 700
    # A, 03-31: + 400 (row 3) = 2200 − (1100 + 600 + 100) = 400; the unknown 999 and blank receipts are not applied
    #   (= the open amounts of test_invoice_rows_as_of_month_end: −100 + 0 + 200 + 300 + 0)
    # B: nothing until 03-01; 03-31: 700 − 900 = −200
    np.testing.assert_array_equal(got.loc["A"], [400.0, 800.0, 700.0, 400.0])
    np.testing.assert_array_equal(got.loc["B"], [-200.0, 0.0, 0.0, -200.0])


def test_month_end_balances_and_the_average_arrears() -> None:
    inv, rec = ledger()
    period = Period(date(2023, 12, 31), date(2024, 3, 31))
    got = month_end_balances(inv, rec, period)
    # the opening balance at the start, then the month ends 01-31, 02-29, 03-31 (values as above)
    assert list(got.columns) == [D("2023-12-31"), D("2024-01-31"), D("2024-02-29"), D("2024-03-31")]
    np.testing.assert_array_equal(got.loc["A"], [0.0, 800.0, 700.0, 400.0])
    np.testing.assert_array_equal(got.loc["B"], [0.0, 0.0, 0.0, -200.0])
    acc = receivables(inv, rec, date(2024, 3, 31), period=period).accounts
    assert acc.loc["A", "avg_arrears"] == pytest.approx((800 + 700 + 400) / 3)
    assert acc.loc["B", "avg_arrears"] == pytest.approx(-200 / 3)


def test_month_ends_of_a_period_ending_mid_month() -> None:
    inv, rec = ledger()
    got = month_end_balances(inv, rec, Period(date(2024, 1, 15), date(2024, 3, 20)))
    # (01-15, 03-20]: month ends 01-31 and 02-29 only; the opening balance at 01-15 is 1000 − 0 = 1000 for A
    assert list(got.columns) == [D("2024-01-15"), D("2024-01-31"), D("2024-02-29")]
    np.testing.assert_array_equal(got.loc["A"], [1000.0, 800.0, 700.0])


def test_row_functions_check_their_input() -> None:
    inv, rec = ledger()
    with pytest.raises(MissingValueError) as info:
        invoice_rows(inv.assign(amount=[1.0, None, 1.0, 1.0, 1.0, 1.0]), rec, date(2024, 3, 31))
    assert info.value.field == "amount" and "invoices row 1" in str(info.value.where)
    with pytest.raises(InputError) as bad:
        balances(inv, rec, ["not a date"])
    assert bad.value.field == "days"


# ---------------------------------------------------------------- rows of a sheet: which count, their keys, flags


def test_which_sheet_rows_count_and_their_keys() -> None:
    d = date
    numbers = ["A1", 7001.0, None, "A4", "A5", "A6", "  "]
    invoiced = [d(2024, 1, 1), d(2024, 1, 2), d(2024, 1, 3), d(2024, 1, 4), d(2024, 1, 5), "2024-01-06", d(2024, 1, 7)]
    due = [d(2024, 1, 31), d(2024, 1, 2), d(2024, 2, 3), d(2024, 1, 3), d(2024, 2, 5), d(2024, 2, 6), d(2024, 2, 7)]
    amounts = [100.0, 0.0, 50.0, 10.0, -1.0, 5.0, 5.0]
    counted = invoice_counted(numbers, invoiced, due, amounts)
    # A1 yes; 7001 yes (due on the invoice day, amount 0); no number; due before invoiced; a negative amount;
    # a date left as text (not a date cell); a number of white space only
    assert list(counted) == [True, True, False, False, False, False, False]
    assert list(ledger_keys(counted, numbers)) == ["A1", "7001", "", "", "", "", ""]  # 7001.0 is "7001"
    received = receipt_counted([d(2024, 2, 1), None, d(2024, 2, 3), d(2024, 2, 4)], [10.0, 10.0, "n/a", 0.0])
    assert list(received) == [True, False, False, True]


def test_row_flags_in_both_languages() -> None:
    inputs = [("A1", 1), ("A1", 1), (None, None), ("X", None)]
    got = invoice_flags([False, True, False, False], [True, True, False, False], inputs, "zh")
    assert list(got) == ["", "重复发票号", "", "未计入：信息不全或有误"]  # a blank row says nothing
    got = receipt_flags(
        [False, True, False, False, False],
        [True, False, True, False, False],
        [True, False, False, False, False],
        [True, True, True, True, False],
        [("A", 1)] * 4 + [(None, 5.0)],
        "en",
    )
    # before and overpaid together, in that order; unknown alone (its other flags cannot hold); one; none;
    # a receipt not counted (no date) but filled in
    assert list(got) == [
        "Receipt before invoice; Exceeds open amount",
        "Unknown invoice",
        "Receipt before invoice",
        "",
        "Not counted: incomplete or invalid",
    ]


def test_duplicate_invoices_are_the_repeats_within_an_account() -> None:
    inv, _ = ledger()
    # rows 1 and 2 are A/200 (row 2 repeats it); B/100 is not a repeat of A/100
    assert list(duplicate_invoices(inv)) == [False, False, True, False, False, False]


def test_period_start_days_and_month_ends() -> None:
    # as of 2024-02-29 (leap day): start EDATE(−12) = 2023-02-28, 366 days; EOMONTH(start, 0) is the start
    # itself (not in the period), EOMONTH(start, 12) = 2024-02-29 is the as-of date (in it)
    model = default_model()
    assert period_start(date(2024, 2, 29), model) == date(2023, 2, 28)
    assert period_days(date(2024, 2, 29), model) == 366
    period = period_for(date(2024, 2, 29), 12)
    assert month_end(period, 0) is None and month_end(period, 1) == date(2023, 3, 31)
    assert month_end(period, 12) == date(2024, 2, 29) and month_end(period, 13) is None
    # as of the 15th: the start's own month end is in the period (k = 0), the as-of month's (k = 12) is not
    mid = period_for(date(2024, 3, 15), 12)
    assert month_end(mid, 0) == date(2023, 3, 31) and month_end(mid, 11) == date(2024, 2, 29)
    assert month_end(mid, 12) is None
