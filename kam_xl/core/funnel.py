"""The sales funnel (大客户销售漏斗) — docs/definitions.md §2.10, seed 001.

Seed 001 draws the key-account funnel as five stages, top-down: 潜在客户 → 可能客户 → 普通客户 →
重点客户 → 已成交客户. The development record tracks each attempt by its pipeline stage (确定对象 …
促成成交) and its outcome; an attempt's funnel stage is the furthest it reached:

- won (赢单): 已成交客户, whatever its stage;
- otherwise by the position of its pipeline stage among the model's: the 1st (确定对象) 潜在客户, the 2nd
  (需求明确) 可能客户, the 3rd (价值评估) 普通客户, the 4th and later (关系建立, 促成成交) 重点客户.

An attempt at a funnel stage has reached it and every stage above it, so the count that reached a stage
is the count at it and below it. Conversion from one stage to the next = reached the next ÷ reached this.
Days in a stage = the date the attempt entered the next stage − the date it entered this one, over the
attempts with both dates (into 已成交客户: the won attempts' closing date); the record's dates must not go
backwards, and a row whose dates do is flagged (:func:`dates_out_of_order`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kam_xl.cells import date_to_serial, is_blank, to_date, to_float_array
from kam_xl.core import _checks
from kam_xl.core.bands import lookup
from kam_xl.core.pipeline import OUTCOMES
from kam_xl.errors import KamError, Position
from kam_xl.models import Model, active_model
from kam_xl.models.schema import Label

__all__ = [
    "DATES_OUT_OF_ORDER",
    "FUNNEL_STAGES",
    "LOSS_REASONS",
    "avg_days_in_stage",
    "dates_out_of_order",
    "funnel_conversion",
    "funnel_level",
    "funnel_reached",
    "funnel_stage",
]

# Seed 001's funnel, top-down (the seed's order: 潜在 → 可能 → 普通 → 重点 → 已成交).
FUNNEL_STAGES: tuple[Label, ...] = (
    Label("potential", "潜在客户", "Potential"),
    Label("possible", "可能客户", "Possible"),
    Label("regular", "普通客户", "Regular"),
    Label("key", "重点客户", "Key"),
    Label("won", "已成交客户", "Won"),
)
# Why an attempt was lost or dropped, in categories (seed 001: 原因 … 归类保存); a fixed list.
LOSS_REASONS: tuple[Label, ...] = (
    Label("price", "价格", "Price"),
    Label("technical", "技术", "Technical"),
    Label("relationship", "关系", "Relationship"),
    Label("delivery", "交期", "Delivery"),
    Label("competitor", "竞争对手", "Competitor"),
    Label("budget", "预算取消", "Budget cancelled"),
    Label("credit", "资信", "Credit"),
    Label("other", "其他", "Other"),
)
DATES_OUT_OF_ORDER = Label("dates_out_of_order", "阶段日期倒序", "Stage dates out of order")
_OPEN_STAGES = len(FUNNEL_STAGES) - 1  # the funnel stages an open attempt can be at (all but 已成交客户)


def _won(outcome: object) -> bool:
    return not is_blank(outcome) and str(outcome).strip().casefold() in {
        "won",
        *(t.casefold() for t in OUTCOMES["won"]),
    }


def funnel_level(stages: object, outcomes: object, model: Model | None = None) -> np.ndarray:
    """Each attempt's funnel stage as its number 1 … 5 (:data:`FUNNEL_STAGES`): 5 when won, else
    min(its pipeline stage's position, 4); 0 where the stage is blank and the attempt not won.
    A stage is its code, Chinese or English name; one that is no stage of the model is an error."""
    model = model or active_model()
    st = np.atleast_1d(np.asarray(stages, dtype=object)).reshape(-1)
    oc = np.atleast_1d(np.asarray(outcomes, dtype=object)).reshape(-1)
    _checks.same_length("outcome", oc.size, "stage", st.size)
    out = np.zeros(st.size, dtype=np.int64)
    for i, (s, o) in enumerate(zip(st.tolist(), oc.tolist(), strict=True)):
        if _won(o):
            out[i] = len(FUNNEL_STAGES)
        elif not is_blank(s):
            try:
                k = int(lookup([s], model.pipeline.stages, "stage")[0])
            except KamError as exc:
                raise exc.at(Position(item=i + 1)) from None
            out[i] = min(k + 1, _OPEN_STAGES)
    return out


def funnel_stage(stages: object, outcomes: object, lang: str | None = None, model: Model | None = None) -> np.ndarray:
    """Each attempt's funnel stage named in ``lang`` (:func:`funnel_level`); None where it has none.

    Rendered by :func:`kam_xl.xlformulas.funnel.funnel_stage`.
    """
    model = model or active_model()
    language = "zh" if (lang or model.language) == "zh" else "en"
    levels = funnel_level(stages, outcomes, model)
    out = np.empty(levels.shape, dtype=object)
    out[:] = [FUNNEL_STAGES[k - 1].text(language) if k else None for k in levels.tolist()]
    return out


def _blank_zero(values: object, field: str) -> np.ndarray:
    """Numbers as SUM reads them: a blank is 0."""
    arr = to_float_array(values, field)
    return np.where(np.isnan(arr), 0.0, arr)


def funnel_reached(at_stage: object) -> np.ndarray:
    """How many (or how much) reached each stage, from what is AT each stage, top-down: the sum of this
    stage and every stage below it. Blanks count 0; counts and values are ≥ 0.

    Rendered by :func:`kam_xl.xlformulas.funnel.funnel_reached` (a SUM from the stage's row down).
    """
    arr = _checks.bounded(_blank_zero(at_stage, "at_stage"), "at_stage", 0.0).reshape(-1)
    return np.cumsum(arr[::-1])[::-1]


def funnel_conversion(reached: object, previous: object) -> float | np.ndarray:
    """Conversion into a stage: reached it ÷ reached the stage above (a blank is 0); NaN (a blank cell) while none reached
    the stage above.

    Rendered by :func:`kam_xl.xlformulas.funnel.funnel_conversion`.
    """
    r = _checks.bounded(_blank_zero(reached, "reached"), "reached", 0.0)
    p = _checks.bounded(_blank_zero(previous, "previous"), "previous", 0.0)
    rate = np.where(p > 0, r / np.where(p > 0, p, 1.0), np.nan)
    return float(rate) if rate.ndim == 0 else rate


def _serials(values: Sequence[object], field: str) -> np.ndarray:
    """Dates (date, datetime, an Excel serial or a date's text) as serial numbers; NaN where blank."""
    out = np.full(len(values), np.nan)
    for i, v in enumerate(values):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out[i] = float(v)
            continue
        d = to_date(v, field, Position(item=i + 1))
        if d is not None:
            out[i] = date_to_serial(d)
    return out


def avg_days_in_stage(
    entered: Sequence[object],
    left: Sequence[object],
    outcomes: Sequence[object] | None = None,
    outcome: str | None = None,
) -> float:
    """The average days an attempt spent in a stage: ``left`` − ``entered`` (the date it entered the next
    stage − the date it entered this one) over the rows with both dates — and, with ``outcome``, only the
    rows whose outcome is it (into 已成交客户: the won attempts). NaN (a blank cell) when no row counts.

    Rendered by :func:`kam_xl.xlformulas.funnel.avg_days_in_stage`.
    """
    a, b = _serials(entered, "entered"), _serials(left, "left")
    _checks.same_length("left", b.size, "entered", a.size)
    keep = ~np.isnan(a) & ~np.isnan(b)
    if outcome is not None:
        oc = list(outcomes or [])
        _checks.same_length("outcome", len(oc), "entered", a.size)
        key = outcome.casefold()
        keep &= np.array([not is_blank(o) and str(o).casefold() == key for o in oc], dtype=bool)
    return float((b[keep] - a[keep]).mean()) if keep.any() else float("nan")


def dates_out_of_order(dates: Sequence[Sequence[object]]) -> np.ndarray:
    """Per row of stage dates (left to right in the funnel's order, blanks allowed): True where a date is
    earlier than one before it in the row (a date that goes backwards), else False.

    Rendered by :func:`kam_xl.xlformulas.funnel.dates_out_of_order`.
    """
    out = np.zeros(len(dates), dtype=bool)
    for i, row in enumerate(dates):
        s = _serials(list(row), "stage_date")
        seen = -np.inf
        for x in s.tolist():
            if np.isnan(x):
                continue
            if x < seen:
                out[i] = True
                break
            seen = x
    return out
