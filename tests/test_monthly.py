"""The monthly business plan (月度经营计划, seed 003): the core by hand, the account plan's sheet, the sample's
consistency with the ledger. The review's tie-out is tests/test_review.py."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from kam_xl.core import monthly
from kam_xl.errors import InputError, KamError, OutOfRangeError
from kam_xl.models import active_model
from kam_xl.samples import SAMPLE_AS_OF
from kam_xl.samples.account_plan import plan_account
from kam_xl.samples.monthly import monthly_plan
from kam_xl.samples.records import account_name
from kam_xl.workbooks.account_plan import AccountPlan, build
from kam_xl.workbooks.account_plan.data import GrowthStep, Month, MonthlyPlan, WalletLine


def test_attainment_by_hand() -> None:
    # 1,150,000 / 1,000,000 = 1.15; 900,000 / 1,000,000 = 0.9
    assert monthly.attainment([1_150_000, 900_000], [1_000_000, 1_000_000]).tolist() == [1.15, 0.9]
    # no target (blank or 0): blank, never a division by zero; no actual yet: blank
    out = monthly.attainment([500.0, 500.0, None], [None, 0.0, 100.0])
    assert all(math.isnan(x) for x in out)
    with pytest.raises(OutOfRangeError) as exc:
        monthly.attainment([1.0, 2.0], [1.0, -5.0])
    assert exc.value.field == "target" and "item 2" in exc.value.where


def test_growth_by_hand() -> None:
    # (1,050,000 − 840,000) / 840,000 = 0.25; (600 − 800) / 800 = −0.25
    assert monthly.growth([1_050_000, 600], [840_000, 800]).tolist() == [0.25, -0.25]
    # last year blank, 0 or below: no growth rate; this year blank: none either
    assert all(math.isnan(x) for x in monthly.growth([5.0, 5.0, 5.0, None], [None, 0.0, -3.0, 4.0]))


def test_year_to_date_by_hand() -> None:
    # 900,000; + blank → 900,000; + 1,050,000 → 1,950,000
    assert monthly.running_total([900_000, None, 1_050_000]).tolist() == [900_000, 900_000, 1_950_000]
    assert monthly.year_to_date([900_000, 1_150_000, 1_050_000, 7], 3) == 3_100_000
    with pytest.raises(KamError):
        monthly.year_to_date([1.0] * 12, 13)


def test_month_figures_by_hand() -> None:
    # March: target 1,000,000, actual 1,050,000, last March 840,000; YTD 3,000,000 targeted, 3,100,000 sold
    t = [1_000_000.0] * 12
    a = [900_000.0, 1_150_000.0, 1_050_000.0] + [math.nan] * 9
    ly = [math.nan, math.nan, 840_000.0] + [math.nan] * 9
    f = monthly.month_figures(t, a, ly, 3)
    assert (f.target, f.actual, f.last_year) == (1_000_000.0, 1_050_000.0, 840_000.0)
    assert f.attainment == pytest.approx(1.05) and f.growth == pytest.approx(0.25)
    assert (f.ytd_target, f.ytd_actual) == (3_000_000.0, 3_100_000.0)
    assert f.ytd_attainment == pytest.approx(3.1 / 3.0)


def test_below_target_and_steps_by_hand() -> None:
    assert monthly.below_target([0.9, 1.0, 1.2, None], "zh").tolist() == ["未达标", "", "", ""]
    assert monthly.below_target(0.99, "en").item() == "Below target"
    # 2 of 5 steps done: 40 %; English marks any case; blank and No are not done
    assert monthly.steps_done(["是", "是", "否", None, None], "zh") == 0.4
    assert monthly.steps_done(["yes", "YES", "No", None, "x"], "en") == 0.4
    assert [s.zh for s, _ in monthly.STEPS] == [
        "大客户分类",
        "生意增长机会分析",
        "联合生意计划制定",
        "计划执行与达标",
        "全国复制",
    ]
    assert [s.zh for _, s in monthly.STEPS] == ["选客户", "找机会", "定计划", "抓执行", "盯产出"]


def test_headroom_by_hand() -> None:
    # 8,000,000 − 2,600,000 = 5,400,000; equal: 0
    assert monthly.headroom([8_000_000, 300], [2_600_000, 300]).tolist() == [5_400_000, 0]
    with pytest.raises(InputError) as exc:
        monthly.headroom([100.0, 100.0], [50.0, 250.0])
    assert "250" in exc.value.zh and "item 2" in exc.value.where
    assert monthly.headroom_shown(100.0, 250.0, "zh") == "⚠ 总采购额小于我方销售额"
    assert math.isnan(monthly.headroom_shown(None, 250.0, "zh"))  # type: ignore[arg-type]


def _plan(**kw: object) -> AccountPlan:
    months = [Month(1_000_000, 900_000, 800_000, 200_000, 180_000, 150_000, 900_000, 850_000, 800_000, "技术交流")] * 2
    base = MonthlyPlan(year=2026, months=months, wallet=[WalletLine("变压器", 8e6, 2.6e6)],
                       steps=[GrowthStep("王磊", True), GrowthStep("王磊", "是")])  # fmt: skip
    return AccountPlan(account="华东电气", monthly=MonthlyPlan(**{**base.__dict__, **kw}))


def test_monthly_sheet_figures() -> None:
    book = build(_plan(), lang="zh", as_of=date(2026, 2, 28))
    ws = book.laid_out("月度经营")
    cached = {ref: v for ref, _, v in ws.formulas()}
    # February (row 9): 900,000 / 1,000,000 = 90 %, (900,000 − 800,000) / 800,000 = 12.5 %, YTD 2,000,000 / 1,800,000
    assert cached["E9"] == pytest.approx(0.9) and cached["F9"] == pytest.approx(0.125)
    assert (cached["G9"], cached["H9"]) == (2_000_000.0, 1_800_000.0) and cached["J9"] == "未达标"
    assert cached["E10"] == ""  # March: no target, no actual
    assert cached["E24"] == pytest.approx(0.9)  # gross profit, February: 180,000 / 200,000
    assert cached["E53"] == 5_400_000.0  # headroom of the first product line
    assert book.cached_value("steps_done") == 0.4


def test_negative_headroom_is_refused_naming_the_cell() -> None:
    with pytest.raises(KamError) as exc:
        build(_plan(wallet=[WalletLine("PLC", 1e6, 2e6)]), lang="zh")
    assert "月度经营!C53" in exc.value.where and "小于我方销售额" in exc.value.zh


def test_sample_months_are_the_ledgers_invoices() -> None:
    model = active_model()
    for i in (0, 3):
        name = account_name(i)
        record = plan_account(name, model).record
        plan = monthly_plan(name, i, model=model)
        by_month: dict[tuple[int, int], float] = {}
        for inv in record.invoices:
            key = (inv.invoice_date.year, inv.invoice_date.month)
            by_month[key] = by_month.get(key, 0.0) + float(inv.amount)
        for m, month in enumerate(plan.months, start=1):
            if (SAMPLE_AS_OF.year, m) <= (SAMPLE_AS_OF.year, SAMPLE_AS_OF.month):
                assert month.sales == pytest.approx(by_month.get((SAMPLE_AS_OF.year, m), 0.0))
            else:
                assert month.sales is None
        # the plan year to September and last year's October–December: the trailing twelve months, the
        # portfolio row's sales
        year = sum(x.sales for x in plan.months if x.sales is not None)
        rest = sum(float(x.sales_last_year or 0.0) for x in plan.months[SAMPLE_AS_OF.month :])
        assert year + rest == pytest.approx(record.our_sales(model))
        assert all(w.total_spend >= w.our_sales for w in plan.wallet)  # type: ignore[operator]
        assert np.isfinite([w.total_spend for w in plan.wallet]).all()
