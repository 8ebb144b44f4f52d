"""Joint business plan (联合生意计划): actions and their roll-ups — docs/definitions.md §2.12.

Each action has a status (:data:`STATUSES`), a due date, a budget and what has
been spent. As of a date:

- an action is *overdue* when it is named, its due date is before the as-of
  date, and it is neither done nor cancelled;
- % done = done / (actions − cancelled): a cancelled action leaves the plan;
- budget used = spent / planned;
- an action is *over budget* when what it has spent is above its budget (both numbers).

A plan also matches its resources to the account's tier: the row of the
resource table whose tier is the account's (:func:`tier_mark`,
:func:`resource_match`).

Each function here has its Excel rendering in :mod:`kam_xl.xlformulas.plans`
and follows its reading of blank cells: a blank action, due date or as-of date
makes no action overdue, a blank status counts as neither done nor cancelled,
blank or text amounts add nothing. A status is given as a code or label (any
case), like every fixed choice list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from kam_xl.cells import blank_mask, is_blank, parse_number, to_date, to_dates
from kam_xl.core import tally
from kam_xl.core.bands import lookup
from kam_xl.errors import InputError, KamError, OutOfRangeError
from kam_xl.models import active_model
from kam_xl.models.schema import Label

__all__ = [
    "OVERDUE",
    "OVER_BUDGET",
    "STATUSES",
    "THIS_ACCOUNT",
    "PlanRollup",
    "action_count",
    "budget_planned",
    "budget_spent",
    "budget_used",
    "cancelled_count",
    "done_count",
    "over_budget",
    "overdue",
    "overdue_count",
    "pct_done",
    "resource_match",
    "rollup",
    "status_codes",
    "tier_mark",
]

STATUSES: tuple[Label, ...] = (
    Label("not_started", "未开始", "Not started"),
    Label("in_progress", "进行中", "In progress"),
    Label("done", "已完成", "Done"),
    Label("cancelled", "已取消", "Cancelled"),
)
OVERDUE = Label("overdue", "逾期", "Overdue")
OVER_BUDGET = Label("over_budget", "超预算", "Over budget")
THIS_ACCOUNT = Label("this_account", "◀ 本客户", "◀ this account")
_CLOSED = ("done", "cancelled")  # statuses that are never overdue


def _lang(lang: str | None) -> str:
    return lang or active_model().language


def status_codes(statuses: Sequence[object]) -> np.ndarray:
    """Each status as its code (``"done"`` …), ``""`` where blank; an unknown status is an error naming it."""
    values = np.asarray(statuses, dtype=object).ravel()
    index = lookup(values, STATUSES, "status", allow_blank=True)
    return np.array([lab.code for lab in STATUSES] + [""], dtype=object)[index]


def _as_of(as_of: object) -> np.datetime64 | None:
    day = to_date(as_of, "as_of")
    return None if day is None else np.datetime64(day, "D")


def _overdue_mask(
    actions: Sequence[object], due: Sequence[object], statuses: Sequence[object], as_of: object
) -> np.ndarray:
    named = ~blank_mask(list(actions))
    days = to_dates(list(due), "due")
    if not (named.size == days.size == len(statuses)):
        raise InputError(
            "due",
            f"行动 {named.size} 项、截止日期 {days.size} 项、状态 {len(statuses)} 项，应一一对应",
            f"{named.size} actions, {days.size} due dates and {len(statuses)} statuses: they must pair up",
        )
    day = _as_of(as_of)
    if day is None:
        return np.zeros(named.size, dtype=bool)
    with np.errstate(invalid="ignore"):
        late = ~np.isnat(days) & (days < day)
    return named & late & ~np.isin(status_codes(statuses), _CLOSED)


def overdue(
    actions: Sequence[object], due: Sequence[object], statuses: Sequence[object], as_of: object, lang: str | None = None
) -> np.ndarray:
    """Each action's overdue flag: :data:`OVERDUE`'s label where it is overdue, ``""`` elsewhere.

    Overdue = named, due before ``as_of``, neither done nor cancelled (a blank as-of
    date: none is). Rendered by :func:`kam_xl.xlformulas.plans.overdue`.
    """
    mask = _overdue_mask(actions, due, statuses, as_of)
    return np.where(mask, OVERDUE.text(_lang(lang)), "").astype(object)


def overdue_count(actions: Sequence[object], due: Sequence[object], statuses: Sequence[object], as_of: object) -> int:
    """How many actions are overdue (see :func:`overdue`)."""
    return int(_overdue_mask(actions, due, statuses, as_of).sum())


def _number_or_nan(value: object) -> float:
    """A typed number, else NaN (blank, text, a boolean): an amount nobody can compare."""
    if isinstance(value, (bool, str)) or is_blank(value):
        return float("nan")
    try:
        number = parse_number(value, "amount")
    except KamError:
        return float("nan")
    return float("nan") if number is None else number


def over_budget(budget: Sequence[object], spent: Sequence[object], lang: str | None = None) -> np.ndarray:
    """Each action's over-budget flag: :data:`OVER_BUDGET`'s label where spent > budget, ``""`` elsewhere.

    Both must be numbers: a blank budget is not yet planned, so nothing is over it. Rendered by
    :func:`kam_xl.xlformulas.plans.over_budget`.
    """
    if len(budget) != len(spent):
        raise InputError(
            "spent",
            f"预算 {len(budget)} 项、已花费 {len(spent)} 项，应一一对应",
            f"{len(budget)} budgets and {len(spent)} amounts spent: they must pair up",
        )
    b = np.array([_number_or_nan(v) for v in budget], dtype=float)
    s = np.array([_number_or_nan(v) for v in spent], dtype=float)
    with np.errstate(invalid="ignore"):
        over = s > b  # NaN on either side compares False
    return np.where(over, OVER_BUDGET.text(_lang(lang)), "").astype(object)


def action_count(actions: Sequence[object]) -> int:
    """How many actions the plan names (a row counts once its action is filled in)."""
    return tally.count_filled(actions)


def done_count(statuses: Sequence[object]) -> int:
    return int(np.count_nonzero(status_codes(statuses) == "done"))


def cancelled_count(statuses: Sequence[object]) -> int:
    return int(np.count_nonzero(status_codes(statuses) == "cancelled"))


def _count(value: object, field: str) -> float:
    n = tally.total([value])
    if n < 0:
        raise OutOfRangeError(field, f"{n:g}", "≥ 0", ">= 0")
    return n


def pct_done(actions: object, done: object, cancelled: object) -> float:
    """Done / (actions − cancelled), from the three counts; NaN (undefined) while no action is left."""
    n, d, c = (_count(v, f) for v, f in ((actions, "actions"), (done, "done"), (cancelled, "cancelled")))
    return d / (n - c) if n - c > 0 else float("nan")


def budget_planned(budget: Sequence[object]) -> float:
    """The actions' budgets summed (blank or text cells add nothing)."""
    return tally.total(budget)


def budget_spent(spent: Sequence[object]) -> float:
    """What the actions have spent, summed (blank or text cells add nothing)."""
    return tally.total(spent)


def budget_used(planned: object, spent: object) -> float:
    """Spent / planned; NaN (undefined) while nothing is planned."""
    p, s = tally.total([planned]), tally.total([spent])
    return s / p if p != 0 else float("nan")


@dataclass(frozen=True)
class PlanRollup:
    """The roll-ups of a plan's actions (docs/definitions.md §2.12); NaN where a ratio is undefined."""

    actions: int
    done: int
    cancelled: int
    pct_done: float
    overdue: int
    budget_planned: float
    budget_spent: float
    budget_used: float


def rollup(
    actions: Sequence[object],
    due: Sequence[object],
    statuses: Sequence[object],
    budget: Sequence[object],
    spent: Sequence[object],
    as_of: object,
) -> PlanRollup:
    """Every roll-up of a block of actions, each by its own function above."""
    n, done, cancelled = action_count(actions), done_count(statuses), cancelled_count(statuses)
    planned, used = budget_planned(budget), budget_spent(spent)
    return PlanRollup(
        actions=n,
        done=done,
        cancelled=cancelled,
        pct_done=pct_done(n, done, cancelled),
        overdue=overdue_count(actions, due, statuses, as_of),
        budget_planned=planned,
        budget_spent=used,
        budget_used=budget_used(planned, used),
    )


# ---------------------------------------------------------------- resources by tier


def _same(a: object, b: object) -> bool:
    """Two labels compared as Excel's ``=`` compares text (the whole text, any case), as tally does."""
    return tally.count_of([a], b) == 1


def tier_mark(row_tiers: Sequence[object], tier: object, lang: str | None = None) -> np.ndarray:
    """:data:`THIS_ACCOUNT`'s label on the resource rows whose tier is the account's ``tier``, ``""``
    on the others (all ``""`` while the tier is blank). Rendered by :func:`kam_xl.xlformulas.plans.tier_mark`."""
    text = THIS_ACCOUNT.text(_lang(lang))
    rows = list(row_tiers)
    if is_blank(tier):
        return np.full(len(rows), "", dtype=object)
    return np.array([text if _same(t, tier) else "" for t in rows], dtype=object)


def resource_match(tier: object, row_tiers: Sequence[object], resources: Sequence[object]) -> str:
    """The resource on the first row whose tier is ``tier`` (``""`` for a blank tier or a blank
    resource); a tier with no row is an error. Rendered by :func:`kam_xl.xlformulas.plans.resource_match`."""
    if is_blank(tier):
        return ""
    rows, values = list(row_tiers), list(resources)
    if len(rows) != len(values):
        raise InputError(
            "resources",
            f"等级 {len(rows)} 行、资源 {len(values)} 行，应一一对应",
            f"{len(rows)} tier rows but {len(values)} resources: they must pair up",
        )
    for t, value in zip(rows, values, strict=True):
        if _same(t, tier):
            return "" if is_blank(value) else _shown(value)
    raise InputError("tier", f"资源表中没有等级 “{tier}”", f"the resource table has no tier '{tier}'")


def _shown(value: object) -> str:
    """A cell as ``&""`` turns it into text: a whole number without its ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        raise InputError("resources", f"资源应为文字，而不是日期 {value}", f"a resource is text, not a date ({value})")
    return str(value)
