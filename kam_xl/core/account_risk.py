"""Accounts at risk in a portfolio: the overdue amount and the reasons an account is at risk.

An account is at risk for each of these reasons (docs/definitions.md, portfolio):

- its barrier level is the model's lowest (``弱`` / Weak by default);
- its credit rating is the model's worst (``D（风险）`` / D (risk));
- its decision maker opposes us: a buying-centre stance whose value is below 0 (``反对`` / Opponent);
- its overdue ratio is growing: above the previous period's.

The reasons are joined in that order (``；`` in Chinese, ``; `` in English), each as a caption and
the label it found, so a reader sees why (``壁垒等级：弱；决策者：反对``); no reason gives "".
The portfolio's value rank (each account its own rank, ties in table order) lives here too: the
Pareto list finds each rank's account by it (:func:`value_ranks`, :func:`pareto_positions`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kam_xl.cells import is_blank
from kam_xl.core import _checks
from kam_xl.models import Model, active_model

__all__ = ["REASONS", "SEPARATOR", "overdue_amount", "pareto_names", "pareto_positions", "risk_reasons", "value_ranks"]

# Each reason's caption, before the label that made it (the growing overdue ratio has no label).
REASONS: dict[str, tuple[str, str]] = {
    "barrier": ("壁垒等级：", "Barrier level: "),
    "credit": ("信用评级：", "Credit rating: "),
    "stance": ("决策者：", "Decision maker: "),
    "overdue": ("逾期占比上升", "Overdue ratio rising"),
}
SEPARATOR: dict[str, str] = {"zh": "；", "en": "; "}


def overdue_amount(outstanding: object, overdue_ratio: object) -> np.ndarray:
    """Overdue amount = outstanding receivables × overdue ratio; NaN (blank) where either is blank."""
    o = _checks.numbers(outstanding, "outstanding")
    _checks.in_range(o, "outstanding", 0.0, None)
    r = _checks.in_range(_checks.numbers(overdue_ratio, "overdue_ratio"), "overdue_ratio", 0.0, 1.0)
    return np.asarray(o * r, dtype=float)


def _texts(values: object, n: int) -> list[str]:
    arr = np.asarray(values, dtype=object).ravel()
    if arr.size == 1 and n > 1:
        arr = np.repeat(arr, n)
    return ["" if is_blank(v) else str(v) for v in arr]


def risk_reasons(
    barrier_level: object,
    credit_rating: object,
    stance: object,
    overdue_ratio: object,
    overdue_prev: object,
    model: Model | None = None,
    lang: str | None = None,
) -> np.ndarray:
    """The reasons each account is at risk, joined ("" when none); the labels are in ``lang``.

    ``barrier_level`` and ``credit_rating`` are the labels the portfolio shows, ``stance`` the
    decision maker's stance label (chosen from the model's stances), the two ratios numbers (NaN =
    blank: no comparison). Labels compare as Excel's ``=`` does: case-insensitively.
    """
    model = model or active_model()
    lang = lang or model.language
    i = 0 if lang == "zh" else 1
    now = np.atleast_1d(_checks.numbers(overdue_ratio, "overdue_ratio")).ravel()
    before = np.atleast_1d(_checks.numbers(overdue_prev, "overdue_prev")).ravel()
    n = max(now.size, before.size, np.asarray(barrier_level, dtype=object).size)
    now, before = np.broadcast_to(now, (n,)), np.broadcast_to(before, (n,))
    weakest = model.barrier.levels[-1].text(lang).casefold()
    worst = model.receivables.ratings[-1].text(lang).casefold()
    opposing = {s.text(lang).casefold() for s in model.buying_centre.stances if s.value < 0}
    levels, ratings, stances = (_texts(v, n) for v in (barrier_level, credit_rating, stance))
    with np.errstate(invalid="ignore"):
        growing = now > before  # NaN on either side: False
    out = np.full(n, "", dtype=object)
    for k in range(n):
        found: list[str] = []
        if levels[k] and levels[k].casefold() == weakest:
            found.append(REASONS["barrier"][i] + levels[k])
        if ratings[k] and ratings[k].casefold() == worst:
            found.append(REASONS["credit"][i] + ratings[k])
        if stances[k] and stances[k].casefold() in opposing:
            found.append(REASONS["stance"][i] + stances[k])
        if growing[k]:
            found.append(REASONS["overdue"][i])
        out[k] = SEPARATOR[lang].join(found)
    return out


def value_ranks(values: object) -> np.ndarray:
    """Each value's place in descending order (1 = the largest), equal values in table order, so every
    account has a rank of its own; NaN for a blank (the Pareto list looks its ranks up)."""
    v = np.atleast_1d(_checks.numbers(values, "values")).ravel()
    out = np.full(v.size, np.nan)
    out[pareto_positions(v) - 1] = np.arange(1, int(np.count_nonzero(~np.isnan(v))) + 1)
    return out


def pareto_positions(values: object) -> np.ndarray:
    """The table position (1-based) of the k-th largest value, k = 1 … count of values; equal values
    in table order, so each rank has its own account (blanks left out, as LARGE leaves them)."""
    v = np.atleast_1d(_checks.numbers(values, "values")).ravel()
    present = np.flatnonzero(~np.isnan(v))
    order = np.argsort(-v[present], kind="stable")  # stable: ties keep table order
    return present[order] + 1


def pareto_names(positions: Sequence[int] | np.ndarray, names: Sequence[object] | np.ndarray) -> np.ndarray:
    """The names at ``positions`` (1-based), as ``INDEX(names, position)&""`` shows them."""
    who = np.asarray(names, dtype=object).ravel()
    return np.array(["" if is_blank(who[p - 1]) else _shown(who[p - 1]) for p in positions], dtype=object)


def _shown(name: object) -> str:
    if isinstance(name, float | np.floating) and float(name).is_integer():
        return str(int(name))
    return str(name)
