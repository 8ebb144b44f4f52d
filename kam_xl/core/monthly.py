"""The monthly business plan and review (月度经营计划 / 每月经营分析会, seed 003) — docs/definitions.md §2.13.

Per account and month a plan holds a target and an actual for sales, gross profit and collections, and
last year's actual of the same month. From them:

- attainment (达成率) = actual / target; blank when there is no target (blank or 0: nothing to attain,
  never a division by zero) or no actual yet; a negative target is an input error;
- year-on-year growth (同比增长) = (actual − last year's same month) / last year's same month; blank when
  last year's figure is blank or not above 0 (growth from a base at or below zero says nothing) or there
  is no actual;
- year to date (累计): the sum of the calendar year's months up to the month (a blank month adds
  nothing), for the target and the actual; its attainment is :func:`attainment` of the two sums;
- below target (未达标): attainment under 100 %;
- wallet headroom (增长空间, seed 003's 生意增长机会分析) = the account's total spend on a product line −
  our sales of it; our sales above the total spend is an input error (the total spend includes ours);
- the five growth steps (生意提升5步骤): a checklist, % done = steps marked done / steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kam_xl.core import _checks
from kam_xl.errors import InputError, Position
from kam_xl.models import active_model
from kam_xl.models.schema import Label

__all__ = [
    "BELOW_TARGET",
    "HEADROOM_ERROR",
    "MONTHS",
    "STEPS",
    "MonthFigures",
    "attainment",
    "below_target",
    "growth",
    "headroom",
    "headroom_shown",
    "month_figures",
    "running_total",
    "steps_done",
    "year_to_date",
]

MONTHS = 12
BELOW_TARGET = Label("below_target", "未达标", "Below target")
HEADROOM_ERROR = Label("headroom_error", "⚠ 总采购额小于我方销售额", "⚠ Total spend below our sales")
# Seed 003's five steps to grow an account's business (生意提升5步骤), each with the seed's short form
# (选客户 找机会 定计划 抓执行 盯产出).
STEPS: tuple[tuple[Label, Label], ...] = (
    (Label("classify", "大客户分类", "Classify the accounts"), Label("pick", "选客户", "Pick the account")),
    (
        Label("opportunity", "生意增长机会分析", "Analyse growth opportunities"),
        Label("find", "找机会", "Find the opportunity"),
    ),
    (Label("jbp", "联合生意计划制定", "Draw up the joint plan"), Label("plan", "定计划", "Set the plan")),
    (
        Label("execute", "计划执行与达标", "Execute and reach targets"),
        Label("drive", "抓执行", "Drive the execution"),
    ),
    (Label("replicate", "全国复制", "Replicate nationwide"), Label("watch", "盯产出", "Watch the output")),
)


def _lang(lang: str | None) -> str:
    return "zh" if (lang or active_model().language) == "zh" else "en"


def attainment(actual: object, target: object) -> np.ndarray:
    """Actual / target, element-wise; NaN where the target is blank or 0 (no target) or the actual is blank.
    A negative target is refused (:class:`~kam_xl.errors.OutOfRangeError`, naming the item)."""
    a = _checks.numbers(actual, "actual")
    t = _checks.in_range(_checks.numbers(target, "target"), "target", 0.0)
    a, t = np.broadcast_arrays(a, t)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = a / t
    return np.where(np.isnan(a) | np.isnan(t) | (t == 0), np.nan, out)


def growth(actual: object, last_year: object) -> np.ndarray:
    """(Actual − last year's same month) / last year's; NaN where last year's is blank or ≤ 0, or the actual blank."""
    a = _checks.numbers(actual, "actual")
    ly = _checks.numbers(last_year, "last_year")
    a, ly = np.broadcast_arrays(a, ly)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (a - ly) / ly
    return np.where(np.isnan(a) | np.isnan(ly) | ~(ly > 0), np.nan, out)


def running_total(monthly: object) -> np.ndarray:
    """The year-to-date sums of a year's months (January first): month k's is the sum of months 1..k, a blank
    month adding nothing — as a column of ``SUM(first:this)`` cells reads it."""
    arr = _checks.numbers(monthly, "monthly").reshape(-1)
    return np.cumsum(np.where(np.isnan(arr), 0.0, arr))


def year_to_date(monthly: object, month: int) -> float:
    """The sum of months 1..``month`` (1–12) of a year's ``monthly`` figures (:func:`running_total`)."""
    if not 1 <= int(month) <= MONTHS:
        _checks.in_range(np.array([float(month)]), "month", 1, MONTHS)
    arr = _checks.numbers(monthly, "monthly").reshape(-1)
    return float(running_total(arr[: int(month)])[-1])


def below_target(rate: object, lang: str | None = None) -> np.ndarray:
    """:data:`BELOW_TARGET`'s label where an attainment is below 100 %, ``""`` elsewhere (and where it is blank)."""
    r = _checks.numbers(rate, "attainment")
    with np.errstate(invalid="ignore"):
        low = ~np.isnan(r) & (r < 1)
    return np.where(low, BELOW_TARGET.text(_lang(lang)), "").astype(object)


def headroom(total_spend: object, our_sales: object, *, field: str = "total_spend") -> np.ndarray:
    """Wallet headroom = total spend − our sales, element-wise; NaN where either is blank. Our sales above the
    total spend (which includes them) is an :class:`~kam_xl.errors.InputError` naming the first such item."""
    total = _checks.numbers(total_spend, field)
    ours = _checks.numbers(our_sales, "our_sales")
    total, ours = np.broadcast_arrays(total, ours)
    out = total - ours
    with np.errstate(invalid="ignore"):
        bad = out < 0
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        t, o = total.ravel()[i], ours.ravel()[i]
        raise InputError(
            field,
            f"客户总采购额 {t:,.0f} 小于我方销售额 {o:,.0f}：总采购额应包含我方销售额，请核对输入",
            f"the account's total spend {t:,.0f} is below our sales {o:,.0f}: the total spend includes ours, "
            "check the inputs",
            _checks.position(i, out.shape) or Position(),
        )
    return out


def headroom_shown(total_spend: object, our_sales: object, lang: str | None = None) -> object:
    """What a headroom cell shows for one product line: the headroom, blank (NaN) while either figure is
    blank, or :data:`HEADROOM_ERROR`'s text where our sales exceed the total spend (:func:`headroom` refuses it)."""
    total = _checks.numbers(total_spend, "total_spend").reshape(-1)[0]
    ours = _checks.numbers(our_sales, "our_sales").reshape(-1)[0]
    if np.isnan(total) or np.isnan(ours):
        return float("nan")
    if total < ours:
        return HEADROOM_ERROR.text(_lang(lang))
    return float(total - ours)


def steps_done(marks: object, lang: str | None = None) -> float:
    """The share of the growth steps marked done (是 in Chinese, Yes in English, any case; as COUNTIF matches)
    among the steps listed (blank or anything else = not done)."""
    yes = "是" if _lang(lang) == "zh" else "yes"
    values = np.asarray(marks, dtype=object).reshape(-1)
    if not values.size:
        return float("nan")
    done = sum(1 for v in values if isinstance(v, str) and v.lower() == yes)
    return done / values.size


@dataclass(frozen=True)
class MonthFigures:
    """One measure of one account for the month reviewed: the month's target, actual, last year's, attainment
    and growth; the year to date's target, actual and attainment (NaN = blank)."""

    target: float
    actual: float
    last_year: float
    attainment: float
    growth: float
    ytd_target: float
    ytd_actual: float
    ytd_attainment: float


def month_figures(target: object, actual: object, last_year: object, month: int) -> MonthFigures:
    """A measure's figures for ``month`` (1–12) from the plan year's twelve targets, actuals and last year's
    (January first; blanks are NaN): what the monthly-plan sheet shows on that month's row."""
    if not 1 <= int(month) <= MONTHS:
        _checks.in_range(np.array([float(month)]), "month", 1, MONTHS)
    t, a, ly = (_checks.numbers(x, f).reshape(-1) for x, f in ((target, "target"), (actual, "actual"),
                                                                 (last_year, "last_year")))  # fmt: skip
    k = int(month) - 1
    yt, ya = year_to_date(t, month), year_to_date(a, month)
    return MonthFigures(
        float(t[k]), float(a[k]), float(ly[k]), float(attainment(a[k], t[k])), float(growth(a[k], ly[k])),
        yt, ya, float(attainment(ya, yt)),
    )  # fmt: skip
