"""The sample development record's funnel (大客户销售漏斗): stage dates, loss-reason categories, and the
new projects pursued at the platinum and gold accounts.

:func:`staged` gives each attempt the dates it entered the funnel's stages (as far as its stage and
outcome took it; never past the as-of date, never backwards) and, for a lost or dropped one, the
category of its reason; :func:`key_account_attempts` adds projects at the portfolio's top accounts (a new
product line, a second plant) — so the demo's funnel covers its platinum and gold accounts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

import numpy as np

from kam_xl.core.funnel import FUNNEL_STAGES
from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_AS_OF, SAMPLE_SEED
from kam_xl.workbooks.development import SOURCES, Attempt

__all__ = ["key_account_attempts", "staged"]

# The loss-reason category of each reason the sample writes (kam_xl.core.funnel.LOSS_REASONS' codes).
_CATEGORY = {
    "价格高于竞争对手约8%": "price",
    "对方决策层更换，新负责人偏好原供应商": "relationship",
    "项目预算取消": "budget",
    "资信评估未通过": "credit",
    "竞争对手提前锁定年度框架协议": "competitor",
    "交期无法满足对方投产计划": "delivery",
    "样品未通过对方可靠性测试": "technical",
}
_PROJECTS = ("新产品线导入", "二期扩产项目", "备件年度框架协议", "新工厂配套")
_LOST = ("竞争对手提前锁定年度框架协议", "交期无法满足对方投产计划", "样品未通过对方可靠性测试")
_WON = ("沿用现有合作，方案复用率高",)


def _level(stage: int, outcome: str | None) -> int:
    """The funnel stage (1 … 5) an attempt at pipeline stage ``stage`` (0-based) with ``outcome`` reached —
    :func:`kam_xl.core.funnel.funnel_level`'s rule, for the sample's codes."""
    return len(FUNNEL_STAGES) if outcome == "won" else min(stage + 1, len(FUNNEL_STAGES) - 1)


def staged(
    attempts: Sequence[Attempt], *, seed: int = SAMPLE_SEED, model: Model | None = None, as_of: date | None = None
) -> list[Attempt]:
    """``attempts`` with their stage dates and, when lost or dropped, their reason's category (reproducible).
    Attempts need a first contact, a stage code and an outcome code (won / lost / open / dropped)."""
    model = model or active_model()
    as_of = as_of or SAMPLE_AS_OF
    codes = [s.code for s in model.pipeline.stages]
    rng = np.random.default_rng(seed + 11)
    out = []
    for a in attempts:
        first = a.first_contact
        if first is None or a.stage not in codes:
            out.append(a)
            continue
        level = _level(codes.index(a.stage), a.outcome)
        closed = a.outcome in ("won", "lost", "dropped")
        steps = min(level, len(FUNNEL_STAGES) - 1) - 1 + int(closed)  # dates after the first contact
        span = max(0, (as_of - first).days)
        # the attempt used between 60 % and 95 % of its time so far, split at random between its stages
        used = span * float(rng.uniform(0.6, 0.95))
        gaps = rng.uniform(0.5, 1.5, steps) if steps else np.zeros(0)
        days = np.cumsum(gaps / gaps.sum() * used).astype(int) if steps else np.zeros(0, dtype=int)
        dates = [first + timedelta(days=int(d)) for d in days]
        entered = dates[: steps - int(closed)] + [None] * (len(FUNNEL_STAGES) - 2 - (steps - int(closed)))
        category = _CATEGORY.get(a.reason or "") if a.outcome in ("lost", "dropped") else None
        out.append(
            replace(
                a,
                possible_on=entered[0],
                regular_on=entered[1],
                key_on=entered[2],
                closed_on=dates[-1] if closed else None,
                loss_category=category,
            )
        )
    return out


def key_account_attempts(
    accounts: Sequence[Mapping[str, object]],
    *,
    seed: int = SAMPLE_SEED,
    model: Model | None = None,
    as_of: date | None = None,
) -> list[Attempt]:
    """Two projects at each of ``accounts`` (portfolio rows: account, industry, owner, revenue), the size
    of a tenth to a third of the account's revenue, at every stage and outcome (reproducible)."""
    model = model or active_model()
    as_of = as_of or SAMPLE_AS_OF
    stages = model.pipeline.stages
    rng = np.random.default_rng(seed + 13)
    out = []
    for row in accounts:
        value = row.get("revenue")
        revenue = float(value) if isinstance(value, int | float) and value > 0 else 1_000_000.0
        for j in range(2):
            outcome = str(rng.choice(["open", "open", "won", "lost"]))
            k = len(stages) - 1 if outcome == "won" else int(rng.integers(0, len(stages)))
            reason = {"won": _WON, "lost": _LOST}.get(outcome)
            out.append(
                Attempt(
                    account=str(row["account"]),
                    industry=str(row.get("industry") or "") or None,
                    owner=str(row.get("owner") or "") or None,
                    source=SOURCES[1][0],  # the account itself: a referral from inside
                    first_contact=as_of - timedelta(days=int(rng.integers(40, 300))),
                    stage=stages[k].code,
                    expected_value=float(np.round(revenue * rng.uniform(0.1, 0.33), -3)),
                    next_step=_PROJECTS[j] + "方案评审" if outcome == "open" else None,
                    due=as_of + timedelta(days=int(rng.integers(5, 45))) if outcome == "open" else None,
                    outcome=outcome,
                    reason=str(rng.choice(reason)) if reason else None,
                    lessons="老客户的新项目同样要走完整的开发流程" if j else "提前与对方生产计划对齐交期",
                )
            )
    return staged(out, seed=seed + 1, model=model, as_of=as_of)
