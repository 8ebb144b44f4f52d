"""Receivables and credit (SPEC §2.11): hand-checked ledgers, edges, problems, properties."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kam_xl.core.receivables import (
    PROBLEM_COLUMNS,
    Period,
    aging_row,
    arrears_rate,
    avg_arrears,
    avg_collection_days,
    avg_receipt,
    best_dso,
    cei,
    credit_rating,
    credit_rating_code,
    credit_rating_index,
    credit_use,
    days_delinquent,
    dso,
    largest_receipt,
    outstanding,
    overdue,
    overdue_ratio,
    period_for,
    receivables,
    sales,
    unapplied_receipts,
)
from kam_xl.errors import InputError, KamError, LedgerError, MissingValueError, OutOfRangeError
from kam_xl.models import default_model
from kam_xl.models.schema import Label

AS_OF = date(2013, 6, 30)
D = pd.Timestamp


def invoices(*rows: tuple[object, ...]) -> pd.DataFrame:
    """(account, invoice, invoice_date, due_date, amount) rows."""
    frame = pd.DataFrame(rows, columns=["account", "invoice", "invoice_date", "due_date", "amount"])
    for col in ("invoice_date", "due_date"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


def receipts(*rows: tuple[object, ...]) -> pd.DataFrame:
    """(account, invoice, receipt_date, amount) rows."""
    frame = pd.DataFrame(rows, columns=["account", "invoice", "receipt_date", "amount"])
    frame["receipt_date"] = pd.to_datetime(frame["receipt_date"])
    frame["amount"] = frame["amount"].astype(float)
    return frame


def run(inv: pd.DataFrame, rec: pd.DataFrame | None = None, as_of: date = AS_OF, **kw: object):
    return receivables(inv, rec, as_of, model=default_model(), **kw)


# ---------------------------------------------------------------- the hand-checked ledger
# 2 accounts, 5 invoices, 4 receipts, as of 2013-06-30; period (2012-06-30, 2013-06-30], 365 days.
HAND_INVOICES = invoices(
    ("A", "A1", "2012-05-15", "2012-06-14", 1000.0),  # before the period: opening balance
    ("A", "A2", "2013-03-01", "2013-03-31", 2000.0),
    ("A", "A3", "2013-06-01", "2013-07-01", 3000.0),
    ("A", "A4", "2013-04-15", "2013-05-15", 500.0),
    ("B", "B1", "2012-12-01", "2012-12-31", 800.0),
)
HAND_RECEIPTS = receipts(
    ("A", "A1", "2012-07-10", 600.0),
    ("A", "A1", "2013-07-05", 400.0),  # after the as-of date: not counted
    ("A", "A2", "2013-04-10", 2000.0),
    ("A", "A4", "2013-06-20", 200.0),
)


@pytest.fixture(scope="module")
def hand():
    return run(HAND_INVOICES, HAND_RECEIPTS)


def test_hand_ledger_account_a(hand) -> None:
    a = hand.accounts.loc["A"]
    # open as of 2013-06-30: A1 1000−600 = 400 (due 2012-06-14, 381 days past due → over 90)
    #   A2 2000−2000 = 0; A3 3000 (due 2013-07-01: −1 → not due); A4 500−200 = 300 (due 2013-05-15: 46 → 31–60)
    assert a["outstanding"] == 3700.0  # 400 + 0 + 3000 + 300
    assert (a["not_due"], a["d1_30"], a["d31_60"], a["d61_90"], a["d90_plus"]) == (3000.0, 0.0, 300.0, 0.0, 400.0)
    assert a["overdue"] == 700.0  # 300 + 400
    assert a["sales"] == 5500.0  # A2 + A3 + A4 = 2000 + 3000 + 500; A1 is dated before the period
    assert a["arrears_rate"] == pytest.approx(3700 / 5500)  # 0.6727
    assert a["overdue_ratio"] == pytest.approx(700 / 3700)  # 0.1892
    assert a["dso"] == pytest.approx(3700 / 5500 * 365)  # 245.545
    assert a["best_dso"] == pytest.approx(3000 / 5500 * 365)  # 199.091
    assert a["days_delinquent"] == pytest.approx(700 / 5500 * 365)  # 46.455
    # opening (2012-06-30) = A1 1000, nothing received yet; CEI = (1000 + 5500 − 3700) / (1000 + 5500 − 3000) · 100
    assert a["cei"] == pytest.approx(2800 / 3500 * 100)  # 80.0
    # applied receipts in the period: 600 after 56 days (5/15→7/10), 2000 after 40 (3/1→4/10), 200 after 66 (4/15→6/20)
    assert a["avg_collection_days"] == pytest.approx((600 * 56 + 2000 * 40 + 200 * 66) / 2800)  # 45.286
    assert a["largest_receipt"] == 2000.0
    assert a["avg_receipt"] == pytest.approx(2800 / 3)  # 933.33; the 400 of 2013-07-05 is after the period
    # month ends 2012-07-31 … 2013-06-30: Jul–Feb 400 each (8 months), Mar 31 2400 (+A2),
    # Apr 30 900 (A2 paid, +A4 500), May 31 900, Jun 30 3700 (+A3 3000 − 200) → (8·400 + 2400 + 900 + 900 + 3700) / 12
    assert a["avg_arrears"] == pytest.approx(11100 / 12)  # 925.0
    assert a["unapplied_receipts"] == 0.0
    assert a["rating"] == "D"  # DSO 245.5 > 120
    assert math.isnan(a["credit_limit"]) and math.isnan(a["credit_use"])


def test_hand_ledger_account_b(hand) -> None:
    b = hand.accounts.loc["B"]
    # B1 800 open, due 2012-12-31 → 181 days past due
    assert (b["outstanding"], b["overdue"], b["d90_plus"], b["not_due"]) == (800.0, 800.0, 800.0, 0.0)
    assert b["sales"] == 800.0
    assert b["dso"] == pytest.approx(365.0)  # 800 / 800 · 365
    assert b["best_dso"] == 0.0 and b["days_delinquent"] == pytest.approx(365.0)
    assert b["overdue_ratio"] == 1.0
    assert b["cei"] == 0.0  # (0 + 800 − 800) / (0 + 800 − 0)
    assert math.isnan(b["avg_collection_days"]) and math.isnan(b["largest_receipt"]) and math.isnan(b["avg_receipt"])
    assert b["avg_arrears"] == pytest.approx(7 * 800 / 12)  # Dec 31 … Jun 30 = 7 month ends with 800
    assert b["rating"] == "D"


def test_output_shape(hand) -> None:
    assert list(hand.accounts.index) == ["A", "B"]
    assert list(hand.accounts.columns) == [
        "sales", "outstanding", "overdue", "not_due", "d1_30", "d31_60", "d61_90", "d90_plus",
        "arrears_rate", "overdue_ratio", "dso", "best_dso", "days_delinquent", "cei",
        "avg_collection_days", "largest_receipt", "avg_receipt", "avg_arrears",
        "credit_limit", "credit_use", "unapplied_receipts", "rating",
    ]  # fmt: skip
    assert list(hand.problems.columns) == list(PROBLEM_COLUMNS)
    assert hand.problems.empty
    assert hand.period == Period(date(2012, 6, 30), AS_OF)


# ---------------------------------------------------------------- period


def test_period_for() -> None:
    p = period_for(date(2013, 6, 30))
    assert (p.start, p.end, p.days) == (date(2012, 6, 30), date(2013, 6, 30), 365)
    leap = period_for(date(2024, 2, 29))
    assert (leap.start, leap.days) == (date(2023, 2, 28), 366)  # month end clamped, like Excel's EDATE
    assert period_for(date(2012, 12, 31)).days == 366  # contains 2012-02-29
    assert period_for(date(2013, 3, 31), 1).start == date(2013, 2, 28)
    with pytest.raises(OutOfRangeError):
        period_for(AS_OF, 0)
    with pytest.raises(OutOfRangeError):
        Period(AS_OF, AS_OF)


def test_period_boundaries() -> None:
    inv = invoices(
        ("A", "on-start", "2012-06-30", "2012-06-30", 100.0),  # start is exclusive: not a sale
        ("A", "after-start", "2012-07-01", "2012-07-01", 10.0),
        ("A", "on-as-of", "2013-06-30", "2013-07-30", 1.0),  # end is inclusive: a sale
        ("A", "after-as-of", "2013-07-01", "2013-07-31", 1000.0),  # not yet invoiced as of
    )
    rec = receipts(("A", "on-start", "2012-06-30", 100.0), ("A", "after-start", "2013-06-30", 10.0))
    a = run(inv, rec).accounts.loc["A"]
    assert a["sales"] == 11.0  # 10 + 1
    assert a["outstanding"] == 1.0  # only the invoice dated on the as-of date is open
    assert a["largest_receipt"] == 10.0  # the 100 received on the start date is outside the period
    assert a["avg_receipt"] == 10.0
    assert a["avg_collection_days"] == 364.0  # 2012-07-01 → 2013-06-30


def test_leap_year_period_has_366_days() -> None:
    # (2011-12-31, 2012-12-31]: 366 days; 1000 invoiced, 500 open → DSO = 500 / 1000 · 366
    inv = invoices(("A", "1", "2012-06-01", "2013-06-01", 1000.0))
    rec = receipts(("A", "1", "2012-07-01", 500.0))
    result = run(inv, rec, date(2012, 12, 31))
    assert result.period.days == 366
    assert result.accounts.loc["A", "dso"] == pytest.approx(183.0)


def test_period_must_end_on_as_of() -> None:
    inv = invoices(("A", "1", "2013-01-01", "2013-01-31", 1.0))
    with pytest.raises(InputError) as err:
        run(inv, None, period=Period(date(2012, 1, 1), date(2012, 12, 31)))
    assert err.value.field == "period.end"


def test_custom_period_without_month_end() -> None:
    inv = invoices(("A", "1", "2013-06-05", "2013-07-05", 90.0))
    a = run(
        inv, None, period=Period(date(2013, 6, 1), AS_OF - timedelta(days=1)), as_of=date(2013, 6, 29)
    ).accounts.loc["A"]
    # (2013-06-01, 2013-06-29]: 28 days, no month end inside → average arrears undefined
    assert a["dso"] == pytest.approx(28.0) and math.isnan(a["avg_arrears"])


# ---------------------------------------------------------------- zero / undefined


def test_both_zero_dso_is_zero_and_rated_a() -> None:
    # invoiced and paid before the period: no sales, nothing outstanding
    inv = invoices(("A", "1", "2011-01-01", "2011-01-31", 100.0))
    rec = receipts(("A", "1", "2011-02-01", 100.0))
    a = run(inv, rec).accounts.loc["A"]
    assert (a["sales"], a["outstanding"], a["dso"], a["best_dso"], a["arrears_rate"], a["overdue_ratio"]) == (
        0,
        0,
        0,
        0,
        0,
        0,
    )
    assert a["rating"] == "A"
    assert math.isnan(a["cei"])  # 0 + 0 − 0 over 0


def test_no_sales_but_outstanding_is_undefined_and_rated_d() -> None:
    inv = invoices(("A", "1", "2012-01-01", "2012-01-31", 100.0))  # before the period, never paid
    a = run(inv).accounts.loc["A"]
    assert a["sales"] == 0 and a["outstanding"] == 100.0
    assert math.isnan(a["dso"]) and math.isnan(a["arrears_rate"]) and math.isnan(a["days_delinquent"])
    assert a["best_dso"] == 0.0  # nothing not yet due, no sales → 0
    assert a["rating"] == "D"
    assert a["cei"] == 0.0  # (100 + 0 − 100) / (100 + 0 − 0)


def test_float_noise_does_not_leave_an_account_open() -> None:
    # 0.1 + 0.2 received against 0.3: the open amount is 0, not −5.55e-17 (which would flip the ratios)
    inv = invoices(("A", "1", "2013-01-01", "2013-01-31", 0.3))
    rec = receipts(("A", "1", "2013-02-01", 0.1), ("A", "1", "2013-02-02", 0.2))
    result = run(inv, rec)
    a = result.accounts.loc["A"]
    assert a["outstanding"] == 0.0 and a["overdue_ratio"] == 0.0 and a["rating"] == "A"
    assert result.problems.empty  # cumulative 0.30000000000000004 is not an overpayment


# ---------------------------------------------------------------- aging edges


@pytest.mark.parametrize(
    ("dpd", "bucket"),
    [
        (-5, "not_due"),
        (0, "not_due"),
        (1, "d1_30"),
        (30, "d1_30"),
        (31, "d31_60"),
        (60, "d31_60"),
        (61, "d61_90"),
        (90, "d61_90"),
        (91, "d90_plus"),
    ],
)
def test_aging_bucket_edges(dpd: int, bucket: str) -> None:
    due = AS_OF - timedelta(days=dpd)
    inv = invoices(("A", "1", min(due, AS_OF), due, 7.0))
    a = run(inv).accounts.loc["A"]
    buckets = a[["not_due", "d1_30", "d31_60", "d61_90", "d90_plus"]]
    assert buckets[bucket] == 7.0 and buckets.sum() == 7.0
    assert a["overdue"] == (0.0 if bucket == "not_due" else 7.0)


def test_aging_row_edges() -> None:
    days = [0, 1, 30, 31, 60, 61, 90, 91]
    # not due: dpd 0 → 1; 1–30: 2 + 4; 31–60: 8 + 16; 61–90: 32 + 64; over 90: 128
    np.testing.assert_array_equal(aging_row([1, 2, 4, 8, 16, 32, 64, 128], days), [1, 6, 24, 96, 128])
    np.testing.assert_array_equal(aging_row([[5], [None], ["¥1,000"]], [[-3], [None], [45]]), [5, 0, 1000, 0, 0])
    np.testing.assert_array_equal(aging_row([10], [15], edges=(10, 20)), [0, 0, 10, 0])
    with pytest.raises(MissingValueError):
        aging_row([5], [None])
    with pytest.raises(InputError):
        aging_row([5, 6], [1])


def test_bucket_columns_follow_the_model() -> None:
    base = default_model()
    labels = (
        Label("cur", "未到期", "Current"),
        Label("late", "逾期", "Late"),
        Label("very_late", "严重逾期", "Very late"),
    )
    model = replace(base, receivables=replace(base.receivables, aging_edges=(45,), aging_labels=labels))
    inv = invoices(("A", "1", "2013-01-01", "2013-05-30", 5.0), ("A", "2", "2013-01-01", "2013-03-01", 7.0))
    a = receivables(inv, None, AS_OF, model=model).accounts.loc["A"]
    assert (a["cur"], a["late"], a["very_late"]) == (0.0, 5.0, 7.0)  # 31 and 121 days past due


# ---------------------------------------------------------------- ratings and DSO


def test_credit_rating_cut_edges() -> None:
    model = default_model()
    assert credit_rating_code(45, 0.05, model) == "A"  # both limits are inclusive
    assert credit_rating_code(45.0001, 0.05, model) == "B"
    assert credit_rating_code(45, 0.0501, model) == "B"
    assert credit_rating_code(75, 0.15, model) == "B"
    assert credit_rating_code(120, 0.30, model) == "C"
    assert credit_rating_code(120.5, 0, model) == "D"
    assert credit_rating_code(10, 0.31, model) == "D"
    assert credit_rating_code(float("nan"), 0, model) == "D"
    got = credit_rating_code(np.array([45, 75, 120, np.nan]), np.array([0.05, 0.15, 0.3, 0.0]), model)
    assert list(got) == ["A", "B", "C", "D"]
    assert list(credit_rating_index([45, 75, 120, np.nan], [0.05, 0.15, 0.3, 0.0], model)) == [0, 1, 2, 3]


def test_credit_rating_is_a_label_in_the_models_language() -> None:
    # the default model's ratings are A（优）… D（风险） / A (good) … D (risk); its language is zh
    model = default_model()
    assert credit_rating(45, 0.05, model) == "A（优）"
    assert credit_rating(45, 0.05, model, "en") == "A (good)"
    assert list(credit_rating([80, 10], [0.1, 0.5], model, "en")) == ["C (watch)", "D (risk)"]  # 80 > 75; 50 % > 30 %
    english = replace(model, language="en")
    assert credit_rating(120, 0.3, english) == "C (watch)"


def test_credit_rating_undefined_dso_rates_d() -> None:
    # SPEC §2.11: no sales but 5 outstanding → DSO 5/0 undefined (NaN, a blank) → D, even with a 0 % overdue ratio
    model = default_model()
    assert credit_rating_code(dso(5, 0, 365), 0, model) == "D"
    assert credit_rating_code(None, 0.01, model) == "D"  # a blank DSO cell
    assert list(credit_rating_code([np.nan, 10], [0, 0], model)) == ["D", "A"]
    assert credit_rating(None, 0.01, model) == "D（风险）"


@pytest.mark.parametrize(
    ("dso_", "ratio", "field", "rule"),
    [
        (-5, 0, "dso", "[0, ∞)"),  # an overpaid account's DSO: not rated A, refused
        (-0.001, 0, "dso", "[0, ∞)"),
        (10, -0.01, "overdue_ratio", "[0, 1]"),
        (10, 1.2, "overdue_ratio", "[0, 1]"),  # overdue 120 of 100 outstanding
        (10, "120%", "overdue_ratio", "[0, 1]"),
    ],
)
def test_credit_rating_refuses_impossible_inputs(dso_, ratio, field, rule) -> None:
    with pytest.raises(OutOfRangeError) as info:
        credit_rating(dso_, ratio, default_model())
    assert isinstance(info.value, KamError)
    assert info.value.field == field
    assert rule in str(info.value)


def test_credit_rating_range_error_names_the_position() -> None:
    # the third account's ratio 1.5 is out of [0, 1]: item 3, not a D
    with pytest.raises(OutOfRangeError) as info:
        credit_rating([10, 10, 10], [0, 0.5, 1.5], default_model())
    assert info.value.field == "overdue_ratio" and info.value.where == "item 3"


def test_credit_rating_float_noise_at_the_ends_is_rounded() -> None:
    # 1 + 1e-12 and −1e-12 are 1 and 0 to 9 places: a ratio of 1 rates D (> 30 %), a DSO of 0 rates A
    model = default_model()
    assert credit_rating_code(10, 1 + 1e-12, model) == "D"
    assert credit_rating_code(-1e-12, 0, model) == "A"


def test_dso_function() -> None:
    assert dso(0, 0, 365) == 0.0
    assert math.isnan(dso(5, 0, 365))
    assert dso(50, 365, 365) == pytest.approx(50.0)
    np.testing.assert_allclose(dso([10, 0, 20], [100, 0, 0], 360), [36.0, 0.0, np.nan])
    with pytest.raises(OutOfRangeError):
        dso(1, -1, 365)
    with pytest.raises(OutOfRangeError):
        dso(1, 1, 0)


def test_rating_in_accounts() -> None:
    # A: sales 3650, outstanding 450 → DSO 450 / 3650 · 365 = 45 (exactly the limit), overdue 0 → A
    # B: sales 3650, outstanding 450 of which 45 overdue → ratio 0.10 > 0.05, DSO 45 → B
    inv = invoices(
        ("A", "1", "2013-01-01", "2013-12-31", 3200.0),
        ("A", "2", "2013-01-01", "2013-12-31", 450.0),
        ("B", "1", "2013-01-01", "2013-12-31", 3200.0),
        ("B", "2", "2013-01-01", "2013-12-31", 405.0),
        ("B", "3", "2013-01-01", "2013-02-01", 45.0),
    )
    rec = receipts(("A", "1", "2013-02-01", 3200.0), ("B", "1", "2013-02-01", 3200.0))
    acc = run(inv, rec).accounts
    assert acc.loc["A", "dso"] == pytest.approx(45.0) and acc.loc["A", "rating"] == "A"
    assert acc.loc["B", "overdue_ratio"] == pytest.approx(0.1) and acc.loc["B", "rating"] == "B"


# ---------------------------------------------------------------- credit limits


def test_credit_limits() -> None:
    acc = run(HAND_INVOICES, HAND_RECEIPTS, credit_limits={"A": 7400, "B": "¥1,600", "Z": 5}).accounts
    assert acc.loc["A", "credit_use"] == pytest.approx(0.5)  # 3700 / 7400
    assert acc.loc["B", "credit_limit"] == 1600.0 and acc.loc["B", "credit_use"] == pytest.approx(0.5)
    assert "Z" not in acc.index  # limits of accounts in neither ledger are ignored
    acc = run(HAND_INVOICES, HAND_RECEIPTS, credit_limits=pd.Series({"A": 1000.0})).accounts
    assert math.isnan(acc.loc["B", "credit_use"])


@pytest.mark.parametrize("limit", [0, -100])
def test_credit_limit_must_be_positive(limit: float) -> None:
    with pytest.raises(OutOfRangeError) as err:
        run(HAND_INVOICES, HAND_RECEIPTS, credit_limits={"A": 100, "B": limit})
    assert err.value.field == "credit_limit" and err.value.where == "account B"


# ---------------------------------------------------------------- problems


def test_each_problem_kind_is_reported_row_by_row() -> None:
    inv = invoices(
        ("A", "1", "2013-03-01", "2013-03-31", 100.0),
        ("A", "2", "2013-03-01", "2013-03-31", 50.0),
        ("A", "2", "2013-04-01", "2013-05-01", 30.0),  # row 2: duplicate of row 1
        ("B", "1", "2013-05-01", "2013-05-31", 40.0),  # same number, other account: not a duplicate
    )
    rec = receipts(
        ("A", "1", "2013-04-01", 60.0),
        ("A", "1", "2013-04-05", 60.0),  # row 1: 120 > 100 → overpaid by 20
        ("A", "9", "2013-04-01", 25.0),  # row 2: unknown invoice
        ("B", "1", "2013-04-20", 10.0),  # row 3: before its invoice (2013-05-01)
        ("A", None, "2013-05-01", 5.0),  # row 4: no invoice number
        ("B", "2", "2013-07-02", 1.0),  # row 5: unknown, after the as-of date: reported, not in unapplied
        ("C", "1", "2013-06-01", 3.0),  # row 6: account with no invoices at all
    )
    result = run(inv, rec)
    p = result.problems
    assert list(zip(p["source"], p["row"], p["kind"], strict=True)) == [
        ("invoices", 2, "duplicate_invoice"),
        ("receipts", 1, "overpaid"),
        ("receipts", 2, "unknown_invoice"),
        ("receipts", 3, "before_invoice"),
        ("receipts", 4, "unknown_invoice"),
        ("receipts", 5, "unknown_invoice"),
        ("receipts", 6, "unknown_invoice"),
    ]
    assert list(p["amount"]) == [30.0, 60.0, 25.0, 10.0, 5.0, 1.0, 3.0]
    assert list(p["account"]) == ["A", "A", "A", "B", "A", "B", "C"]
    assert p.loc[1, "message_en"] == "receipt 60.00 exceeds the 40.00 then open on invoice 1"
    assert "40.00" in p.loc[1, "message_zh"]
    assert all(p["message_zh"].str.len() > 0) and all(p["message_en"].str.len() > 0)

    acc = result.accounts
    assert list(acc.index) == ["A", "B", "C"]  # every account in either ledger
    assert acc.loc["A", "unapplied_receipts"] == 30.0  # 25 + 5
    assert acc.loc["B", "unapplied_receipts"] == 0.0  # the 1.0 comes after the as-of date
    assert acc.loc["C", "unapplied_receipts"] == 3.0 and acc.loc["C", "outstanding"] == 0.0
    # applied as given: A = 100 + 50 + 30 − 120; B = 40 − 10 (the early receipt still counts)
    assert acc.loc["A", "outstanding"] == 60.0 and acc.loc["B", "outstanding"] == 30.0
    # invoice A/1 (due 2013-03-31, 91 days past due) is 20 overpaid; A/2's first row (same due date) is open
    assert (acc.loc["A", "d90_plus"], acc.loc["A", "d31_60"]) == (30.0, 30.0)  # −20 + 50; A/2's repeat, 60 days
    assert acc.loc["C", "largest_receipt"] == 3.0  # unapplied receipts count as receipts
    assert math.isnan(acc.loc["C", "avg_collection_days"])  # … but not for collection days


def test_duplicate_invoice_rows_share_receipts_in_order() -> None:
    inv = invoices(
        ("A", "7", "2013-01-01", "2013-01-31", 100.0),  # 150 days past due
        ("A", "7", "2013-05-01", "2013-06-10", 50.0),  # 20 days past due
    )
    rec = receipts(("A", "7", "2013-05-15", 120.0))
    a = run(inv, rec).accounts.loc["A"]
    # the receipt fills the first row (100), then 20 of the second: open 0 and 30
    assert (a["d90_plus"], a["d1_30"], a["outstanding"]) == (0.0, 30.0, 30.0)
    a = run(inv, receipts(("A", "7", "2013-05-15", 170.0))).accounts.loc["A"]
    assert (a["d90_plus"], a["d1_30"]) == (0.0, -20.0)  # the last row takes the excess


def test_overpaid_invoice_keeps_negative_open_in_its_bucket() -> None:
    inv = invoices(("A", "1", "2013-06-01", "2013-06-20", 100.0), ("A", "2", "2013-06-01", "2013-08-01", 50.0))
    rec = receipts(("A", "1", "2013-06-25", 130.0))
    result = run(inv, rec)
    a = result.accounts.loc["A"]
    assert (a["d1_30"], a["not_due"], a["outstanding"], a["overdue"]) == (-30.0, 50.0, 20.0, -30.0)
    assert a["overdue_ratio"] == pytest.approx(-1.5)
    assert list(result.problems["kind"]) == ["overpaid"]


def test_problems_are_independent_of_as_of() -> None:
    inv = invoices(("A", "1", "2013-08-01", "2013-08-31", 10.0))
    rec = receipts(("A", "1", "2013-09-01", 11.0))
    assert list(run(inv, rec).problems["kind"]) == ["overpaid"]


def test_problem_rows_use_index_labels() -> None:
    rec = receipts(("A", "x", "2013-01-01", 1.0))
    rec.index = pd.Index([17], name="row")
    p = run(invoices(("A", "1", "2013-01-01", "2013-01-31", 1.0)), rec).problems
    assert list(p["row"]) == [17]


# ---------------------------------------------------------------- bad input


def test_negative_amounts_are_errors() -> None:
    inv = invoices(("A", "1", "2013-01-01", "2013-01-31", 10.0), ("A", "2", "2013-01-01", "2013-01-31", -5.0))
    with pytest.raises(OutOfRangeError) as err:
        run(inv)
    assert (err.value.field, err.value.where) == ("amount", "invoices row 1")
    rec = receipts(("A", "1", "2013-01-01", -1.0))
    with pytest.raises(OutOfRangeError) as err:
        run(inv.iloc[:1], rec)
    assert (err.value.field, err.value.where) == ("amount", "receipts row 0")
    assert "超出范围" in err.value.zh and "out of range" in err.value.en


def test_missing_values_are_errors() -> None:
    inv = invoices(("A", "1", "2013-01-01", "2013-01-31", 10.0), ("A", "2", None, "2013-01-31", 1.0))
    with pytest.raises(MissingValueError) as err:
        run(inv)
    assert (err.value.field, err.value.where) == ("invoice_date", "invoices row 1")
    inv = invoices(("A", "1", "2013-01-01", "2013-01-31", None))
    with pytest.raises(MissingValueError, match="amount @ invoices row 0"):
        run(inv)
    with pytest.raises(MissingValueError, match="receipt_date @ receipts row 0"):
        run(invoices(("A", "1", "2013-01-01", "2013-01-31", 1.0)), receipts(("A", "1", None, 1.0)))
    with pytest.raises(MissingValueError, match="account @ receipts row 0"):
        run(invoices(("A", "1", "2013-01-01", "2013-01-31", 1.0)), receipts(("  ", "1", "2013-01-01", 1.0)))
    with pytest.raises(MissingValueError, match="invoice @ invoices row 0"):
        run(invoices(("A", "", "2013-01-01", "2013-01-31", 1.0)))


def test_due_date_before_invoice_date_is_an_error() -> None:
    inv = invoices(("A", "1", "2013-01-01", "2013-01-31", 1.0), ("A", "2", "2013-02-01", "2013-01-31", 1.0))
    with pytest.raises(OutOfRangeError) as err:
        run(inv)
    assert (err.value.field, err.value.where) == ("due_date", "invoices row 1")
    assert "2013-02-01" in err.value.en


def test_missing_column_is_a_ledger_error() -> None:
    with pytest.raises(LedgerError) as err:
        run(HAND_INVOICES.drop(columns="due_date"))
    assert err.value.field == "due_date" and "发票台账" in err.value.zh


def test_text_amounts_and_date_objects_are_accepted() -> None:
    inv = pd.DataFrame(
        {
            "account": [1001],
            "invoice": [7],
            "invoice_date": [date(2013, 1, 1)],
            "due_date": ["2013-01-31"],
            "amount": ["¥1,200"],
        }
    )
    rec = pd.DataFrame({"account": ["1001"], "invoice": ["7"], "receipt_date": [date(2013, 2, 1)], "amount": [200]})
    result = run(inv, rec)
    assert result.problems.empty  # 7 and "7", 1001 and "1001" are the same identifiers
    assert result.accounts.loc["1001", "outstanding"] == 1000.0


def test_whole_float_identifiers_match_in_mixed_columns() -> None:
    # receipts mixing numbers and text (an object column): 7.0 is invoice 7.0 of a float column, as "7" is
    inv = invoices(("A", 7.0, "2013-01-01", "2013-01-31", 100.0), ("A", 8.0, "2013-01-01", "2013-01-31", 50.0))
    rec = receipts(("A", 7.0, "2013-02-01", 100.0), ("A", "x", "2013-02-01", 1.0))
    result = run(inv, rec)
    assert list(result.problems["invoice"]) == ["x"]  # only "x" is unknown
    assert result.accounts.loc["A", "outstanding"] == 50.0  # 100 + 50 − 100


def test_no_receipts() -> None:
    a = run(HAND_INVOICES).accounts.loc["A"]
    assert a["outstanding"] == 6500.0 and math.isnan(a["largest_receipt"])


# ---------------------------------------------------------------- properties

_DAY0 = date(2012, 1, 1)


@st.composite
def ledgers(draw: st.DrawFn, overpay: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = draw(st.integers(1, 25))
    inv_rows = []
    for i in range(n):
        d = _DAY0 + timedelta(days=draw(st.integers(0, 700)))
        inv_rows.append(
            (
                draw(st.sampled_from("ABC")),
                f"I{i}",
                d,
                d + timedelta(days=draw(st.integers(0, 120))),
                draw(st.floats(0, 1e6).map(lambda x: round(x, 2))),
            )
        )
    rec_rows = []
    for j in range(draw(st.integers(0, 25))):
        i = draw(st.integers(0, n - 1))
        account, number, d, _, amount = inv_rows[i]
        if not draw(st.booleans()):
            number = f"X{j}" if draw(st.booleans()) else number  # some unknown invoices
        share = draw(st.floats(0, 1.5 if overpay else 1.0))
        already = sum(r[3] for r in rec_rows if r[0] == account and r[1] == number)
        pay = round(amount * share, 2) if overpay else round(max(0.0, min(amount * share, amount - already)), 2)
        # Without overpayment, no receipt before its invoice either: that too can make overdue exceed outstanding.
        rec_rows.append((account, number, d + timedelta(days=draw(st.integers(-10 if overpay else 0, 400))), pay))
    return invoices(*inv_rows), receipts(*rec_rows)


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.integers(0, 800))
def test_buckets_sum_to_outstanding_and_outstanding_is_invoiced_minus_applied(ledger, offset) -> None:
    inv, rec = ledger
    as_of = _DAY0 + timedelta(days=offset)
    acc = run(inv, rec, as_of).accounts
    buckets = acc[["not_due", "d1_30", "d31_60", "d61_90", "d90_plus"]].sum(axis=1)
    np.testing.assert_allclose(buckets, acc["outstanding"], rtol=1e-9, atol=1e-6)
    # independently: invoiced as of − receipts as of whose (account, invoice) is in the invoice ledger
    cutoff = pd.Timestamp(as_of)
    invoiced = inv[inv["invoice_date"] <= cutoff].groupby("account")["amount"].sum()
    keys = set(zip(inv["account"], inv["invoice"], strict=True))
    known = np.array([k in keys for k in zip(rec["account"], rec["invoice"], strict=True)], dtype=bool)
    applied = rec[known & (rec["receipt_date"] <= cutoff).to_numpy()].groupby("account")["amount"].sum()
    unapplied = rec[~known & (rec["receipt_date"] <= cutoff).to_numpy()].groupby("account")["amount"].sum()
    expected = invoiced.reindex(acc.index, fill_value=0.0) - applied.reindex(acc.index, fill_value=0.0)
    np.testing.assert_allclose(acc["outstanding"], expected, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(
        acc["unapplied_receipts"], unapplied.reindex(acc.index, fill_value=0.0), rtol=1e-9, atol=1e-6
    )


@settings(max_examples=150, deadline=None)
@given(ledgers(overpay=False), st.integers(0, 800))
def test_overdue_within_outstanding_without_overpayment(ledger, offset) -> None:
    inv, rec = ledger
    result = run(inv, rec, _DAY0 + timedelta(days=offset))
    assert "overpaid" not in set(result.problems["kind"])
    acc = result.accounts
    assert (acc["overdue"] <= acc["outstanding"] + 1e-6).all()
    assert (acc["overdue"] >= -1e-6).all() and (acc["overdue_ratio"].between(0, 1 + 1e-9)).all()
    assert set(acc["rating"]) <= {"A", "B", "C", "D"}


# ---------------------------------------------------------------- the figures receivables() is made of


def test_figures_of_figures_by_hand() -> None:
    buckets = [3000.0, 0.0, 300.0, 0.0, 400.0]  # account A of the hand ledger
    assert outstanding(buckets) == 3700.0 and overdue(buckets) == 700.0
    assert outstanding([[0.1, 0.2, -0.3, 0, 0]]).tolist() == [0.0]  # float noise rounded away, per account
    assert arrears_rate(3700, 5500) == pytest.approx(0.672727, rel=1e-6)
    assert arrears_rate(0, 0) == 0.0 and math.isnan(arrears_rate(5, 0))
    assert overdue_ratio(700, 3700) == pytest.approx(700 / 3700) and overdue_ratio(50, -10) == 0.0
    assert best_dso(3000, 5500, 365) == pytest.approx(199.0909, rel=1e-6)
    assert days_delinquent(245.5, 199.5) == 46.0 and math.isnan(days_delinquent(float("nan"), 3))
    assert cei(1000, 5500, 3700, 3000) == pytest.approx(80.0)  # 2800 / 3500 · 100
    assert math.isnan(cei(0, 100, 50, 100))  # denominator 0 + 100 − 100
    assert credit_use(3700, 7400) == 0.5 and math.isnan(credit_use(3700, None))
    with pytest.raises(OutOfRangeError):
        credit_use(3700, 0)
    assert avg_arrears([400.0, 2400.0, 900.0]) == pytest.approx(1233.333, rel=1e-6)
    assert math.isnan(avg_arrears([]))


def test_ledger_figures_one_account_or_many() -> None:
    period = Period(date(2012, 6, 30), AS_OF)
    amounts = [1000.0, 2000.0, 3000.0, 500.0, 800.0]
    dates = ["2012-05-15", "2013-03-01", "2013-06-01", "2013-04-15", "2012-12-01"]
    assert sales(amounts, dates, period) == 6300.0  # all but A1 (2012-05-15, before the period)
    got = sales(amounts, dates, period, groups=[0, 0, 0, 0, 1])
    assert got.tolist() == [5500.0, 800.0]  # A, B of the hand ledger
    paid = [600.0, 400.0, 2000.0, 200.0]
    on = ["2012-07-10", "2013-07-05", "2013-04-10", "2013-06-20"]
    lag = [56.0, 51.0, 40.0, 66.0]
    assert avg_collection_days(paid, on, lag, period) == pytest.approx((600 * 56 + 2000 * 40 + 200 * 66) / 2800)
    assert largest_receipt(paid, on, period) == 2000.0 and avg_receipt(paid, on, period) == pytest.approx(2800 / 3)
    # unapplied: the receipts by the as-of date without an invoice (the 2013-07-05 one is after it)
    assert unapplied_receipts(paid, on, [False, False, True, True], AS_OF) == 600.0
    assert math.isnan(largest_receipt([], [], period))


def test_ledger_dates_follow_the_one_date_grammar() -> None:
    # a serial number is an Excel date (41365 = 2013-04-01), d/m/yyyy is decided for the column, 2013年6月1日 reads
    inv = invoices(("A", "1", "2013-04-01", "2013-05-01", 100.0))
    inv["invoice_date"] = pd.Series([41365.0], dtype=object)
    inv["due_date"] = pd.Series(["1/5/2013"], dtype=object)  # ambiguous alone…
    with pytest.raises(InputError, match="dayfirst"):
        run(inv)
    inv["due_date"] = pd.Series(["2013年6月1日"], dtype=object)
    a = run(inv).accounts.loc["A"]
    assert a["sales"] == 100.0 and a["d1_30"] == 100.0  # due 2013-06-01: 29 days past due on 2013-06-30
    rec = receipts(("A", "1", "2013-05-01", 10.0))
    rec["receipt_date"] = pd.Series(["31/13/2013"], dtype=object)  # no 13th month, whichever order
    with pytest.raises(InputError) as err:
        run(inv, rec)
    assert err.value.field == "receipt_date" and err.value.where == "receipts row 0"
