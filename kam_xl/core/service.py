"""Service and churn (客户服务数据库, 抱怨 → 投诉 → 危机, 流失原因 / 挽回策略, 防火式服务) — docs/definitions.md §2.17.

Seed 001 asks for a customer-service database (建立客户服务数据库: 服务记录、投诉处理) and manages
complaints as an escalation (客户抱怨危机管理: 抱怨 a grumble → 投诉 a formal complaint → 危机 a crisis);
seed 002 counts praise, complaints and suggestions as an account's contact indicators (联络类指标);
seed 000 moves service "from fire-fighting to fire prevention" (从救火式服务到防火式服务): watch the
signals before the account leaves. A service record has a type, the date it was received, the date of
our first response and the date it was closed; response and closure days are the differences.

Dates are day numbers (Excel serials) or dates; a blank is NaN. A record closed before it was received
shows negative days — a typing error the sheet colours, never hidden.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kam_xl.core import _checks
from kam_xl.core.receivables.period import add_months, as_date, day_number, day_numbers
from kam_xl.core.tally import count_of
from kam_xl.errors import KamError
from kam_xl.models import Model, active_model
from kam_xl.models.schema import Label

__all__ = [
    "COMPLAINT_TYPES",
    "LOST_REASONS",
    "RISK_LEVELS",
    "SERVICE_TYPES",
    "STATUS_LABELS",
    "avg_days",
    "churn_signal",
    "days_between",
    "open_count",
    "orders_change",
    "orders_in_window",
    "risk_level",
    "service_status",
    "visits_behind",
    "visits_in_window",
    "visits_required",
    "yes_flag",
]

# A record's type: praise and suggestions, and a complaint at one of seed 001's three stages.
SERVICE_TYPES: tuple[Label, ...] = (
    Label("praise", "表扬", "Praise"),
    Label("suggestion", "建议", "Suggestion"),
    Label("grumble", "抱怨", "Grumble"),
    Label("complaint", "投诉", "Complaint"),
    Label("crisis", "危机", "Crisis"),
)
COMPLAINT_TYPES = ("grumble", "complaint", "crisis")  # 抱怨 → 投诉 → 危机, in escalation order
STATUS_LABELS = (Label("open", "未关闭", "Open"), Label("closed", "已关闭", "Closed"))
# Why an account was lost (seed 001: 针对不同流失原因制定相应的挽回策略), in categories a team can count.
LOST_REASONS: tuple[Label, ...] = (
    Label("price", "价格", "Price"),
    Label("quality", "质量", "Quality"),
    Label("delivery", "交期", "Delivery"),
    Label("service", "服务", "Service"),
    Label("competitor", "竞争对手", "Competitor"),
    Label("relationship", "关系/决策人变动", "Relationship / decision maker changed"),
    Label("customer_business", "客户经营变化", "Customer's business changed"),
    Label("other", "其他", "Other"),
)
RISK_LEVELS = (Label("low", "低", "Low"), Label("medium", "中", "Medium"), Label("high", "高", "High"))


def _days(values: object, field: str) -> np.ndarray:
    """Dates or day numbers as floats (NaN = blank)."""
    if isinstance(values, (int, float)) or values is None:
        return _checks.numbers(values, field)
    listed = list(values) if isinstance(values, (list, tuple, np.ndarray)) else [values]
    if all(v is None or isinstance(v, (int, float)) for v in listed):
        return _checks.numbers(listed, field)
    return day_numbers(listed, field)


def days_between(start: object, end: object) -> np.ndarray:
    """Days from ``start`` to ``end`` (a response or a closure: received → first response, received →
    closed); NaN where either is blank."""
    a, b = _days(start, "start"), _days(end, "end")
    a, b = np.broadcast_arrays(a, b)
    return b - a


def service_status(kind: object, closed: object, lang: str = "zh") -> str:
    """已关闭 / Closed when the record has a closed date, 未关闭 / Open when not; "" for a row without a type."""
    if kind is None or str(kind).strip() == "":
        return ""
    done = not np.isnan(_days(closed, "closed")).all()
    return STATUS_LABELS[1 if done else 0].text("zh" if lang == "zh" else "en")


def open_count(kinds: Sequence[object], kind: object, closed: Sequence[object]) -> float:
    """Records of type ``kind`` (matched as :func:`kam_xl.core.tally.count_of` matches) with no closed
    date; NaN (a blank cell) for a blank type."""
    _checks.same_length("closed", len(closed), "kinds", len(kinds))
    every = count_of(kinds, kind)
    if np.isnan(every):
        return every
    ends = _days(list(closed), "closed")
    shut = [k for k, c in zip(kinds, ends, strict=True) if not np.isnan(c)]
    return every - count_of(shut, kind)


def avg_days(kinds: Sequence[object], kind: object, start: Sequence[object], end: Sequence[object]) -> float:
    """The mean of :func:`days_between` over the records of type ``kind`` that have both dates; NaN for a
    blank type or when no record of it has both."""
    _checks.same_length("start", len(start), "kinds", len(kinds))
    _checks.same_length("end", len(end), "kinds", len(kinds))
    if np.isnan(count_of(kinds, kind)):
        return float("nan")
    d = days_between(list(start), list(end))
    hit = np.array([count_of([k], kind) == 1 for k in kinds], dtype=bool) & ~np.isnan(d)
    return float(d[hit].mean()) if hit.any() else float("nan")


# ---------------------------------------------------------------- churn signals


def orders_in_window(
    dates: Sequence[object], amounts: Sequence[object], as_of: object, back: int, months: int
) -> float:
    """The order amounts dated in (EDATE(as_of, −back−months), EDATE(as_of, −back)]: ``back`` = 0 is the
    latest ``months`` months, ``back`` = ``months`` the ones before. Blank or text amounts add nothing."""
    _checks.same_length("amounts", len(amounts), "dates", len(dates))
    day = as_date(as_of, "as_of")
    hi, lo = day_number(add_months(day, -back)), day_number(add_months(day, -back - months))
    d = _days(list(dates), "dates")
    a = np.array([float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else 0.0 for x in amounts])
    a = np.nan_to_num(a)
    inside = (d > lo) & (d <= hi)
    return float(a[inside].sum())


def orders_change(recent: object, before: object) -> float:
    """The latest window's orders against the one before: recent / before − 1; NaN when there were no
    orders before (nothing to fall from)."""
    r = float(_checks.numbers(recent, "recent").reshape(-1)[0])
    b = float(_checks.numbers(before, "before").reshape(-1)[0])
    if np.isnan(r) or np.isnan(b) or b <= 0:
        return float("nan")
    return r / b - 1


def churn_signal(value: object, at: float, *, below: bool = False) -> int:
    """1 when ``value`` reaches the threshold ``at`` (≥; or ≤ −``at`` with ``below``, a fall), else 0
    (a blank value raises no signal)."""
    v = float(_checks.numbers(value, "value").reshape(-1)[0])
    if np.isnan(v):
        return 0
    return int(v <= -at if below else v >= at)


def yes_flag(value: object, lang: str = "zh") -> int:
    """1 when a 是/否 cell says 是 (Yes), else 0 (blank, 否): the lost-decision-maker signal."""
    return int(value is not None and str(value).casefold() == ("是" if lang == "zh" else "yes"))


def risk_level(count: object, medium_at: float, high_at: float, lang: str = "zh") -> str:
    """低 / 中 / 高 (Low / Medium / High) by the number of churn signals raised: high at ``high_at`` or more,
    medium at ``medium_at`` or more."""
    n = float(_checks.numbers(count, "count").reshape(-1)[0])
    if np.isnan(n):
        raise KamError("count", "风险信号数不能为空", "the number of risk signals cannot be blank")
    k = 2 if n >= high_at else (1 if n >= medium_at else 0)
    return RISK_LEVELS[k].text("zh" if lang == "zh" else "en")


# ---------------------------------------------------------------- visit cadence


def visits_required(tier: object, model: Model | None = None) -> float:
    """The tier's visits per quarter (the model's ``service.visits_per_quarter``); ``tier`` is a tier's label
    in either language (as a cell shows it, any case) or its code. NaN for a blank or unknown tier."""
    model = model or active_model()
    if tier is None or str(tier).strip() == "":
        return float("nan")
    key = str(tier).casefold()
    for level, n in zip(model.tiers, model.service.visits_per_quarter, strict=True):
        if key in (level.zh.casefold(), level.en.casefold(), level.code.casefold()):
            return float(n)
    return float("nan")


def visits_in_window(dates: Sequence[object], as_of: object, months: int) -> float:
    """Visits (the process log's dates) in the latest ``months`` months: (EDATE(as_of, −months), as_of]."""
    day = as_date(as_of, "as_of")
    hi, lo = day_number(day), day_number(add_months(day, -months))
    d = _days(list(dates), "dates")
    return float(((d > lo) & (d <= hi)).sum())


def visits_behind(done: object, required: object) -> int:
    """1 when fewer visits were made in the quarter than the tier asks for, else 0 (none asked: 0)."""
    d = float(_checks.numbers(done, "visits").reshape(-1)[0])
    r = float(_checks.numbers(required, "required").reshape(-1)[0])
    if np.isnan(r):
        return 0
    return int((0.0 if np.isnan(d) else d) < r)
