"""ABC / Pareto class (二八法则) — docs/definitions.md §2.3.

share_above(x) = Σ_{v > vₓ} v / Σ v; A if share_above < a (0.80), B if < b
(0.95), else C. Strictly-greater means ties share a class. Shares are rounded
to :data:`~kam_xl.core.rounding.SHARE_DECIMALS` (12) places before comparing,
in the core and in the Excel rendering alike.

The Pareto list beside it (a portfolio's summary) ranks the values in
descending order: the k-th largest (:func:`largest`), the account holding it
(:func:`holder`) and the running share of the total (:func:`cumulative_share`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np

from kam_xl.cells import is_blank
from kam_xl.core import _checks
from kam_xl.core.bands import count_below, texts
from kam_xl.core.rounding import SHARE_DECIMALS
from kam_xl.errors import InputError
from kam_xl.models import Model, active_model

__all__ = [
    "abc",
    "abc_index",
    "abc_share",
    "ascending_ties",
    "cumulative_share",
    "holder",
    "largest",
    "share_above",
    "sorted_values",
]


def _positive(total: float) -> None:
    if not total > 0:
        raise InputError("value", "合计为零，无法做 ABC 分类", "the values sum to zero; ABC needs a positive total")


def _values(values: object) -> np.ndarray:
    v = _checks.bounded(values, "value", 0.0).ravel()
    _positive(v.sum())
    return v


def ascending_ties(v: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ascending order of ``v``, the sorted values, and per sorted position the last position of its tie.

    ``last[k] + 1`` values are ≤ the k-th smallest, so ties get one answer. One
    argsort and a pass over neighbours: looking each value up in the sorted
    array instead (``searchsorted`` with unsorted queries) is a cache miss per
    step, 4× slower at 1M values and 8× at 5M.
    """
    order = np.argsort(v)
    s = v[order]
    is_last = np.empty(s.size, dtype=bool)  # the last of a run of equal values
    np.not_equal(s[1:], s[:-1], out=is_last[:-1])
    is_last[-1:] = True
    ends = np.flatnonzero(is_last)
    return order, s, np.repeat(ends, np.diff(ends, prepend=-1))


def _sorted_shares(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ascending order of ``v`` and, in that order, the share of the total held by larger values."""
    order, s, last = ascending_ties(v)
    upto = np.cumsum(s)  # upto[k] = sum of the k+1 smallest
    return order, (upto[-1] - upto[last]) / upto[-1]


def share_above(values: object) -> np.ndarray:
    """Share of the total held by accounts strictly above each account."""
    order, share = _sorted_shares(_values(values))
    out = np.empty(order.size)
    out[order] = share
    return out


def abc_share(values: object) -> np.ndarray:
    """The share above each account as ABC compares it: rounded to :data:`SHARE_DECIMALS` places.

    A portfolio shows it beside the class (rendered by
    :func:`kam_xl.xlformulas.scoring.share_above`, which rounds alike).
    """
    return np.round(share_above(values), SHARE_DECIMALS)


def sorted_values(values: object, field: str, lo: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The values (flat) and the same values sorted, checked as :func:`_checks.bounded` checks them.

    The sort does the checking: NaN sorts last, so the smallest and the largest
    value decide whether every value is finite and at least ``lo`` — no pass of
    its own (the detailed check runs only to name the cell that fails).
    """
    v = _checks.numbers(values, field, allow_inf=True).ravel()
    ascending = np.sort(v)
    if v.size and not (np.isfinite(ascending[-1]) and np.isfinite(ascending[0]) and (lo is None or ascending[0] >= lo)):
        _checks.bounded(v, field, lo)  # raises, naming the first cell at fault
    return v, ascending


def _first_share_under(upto: np.ndarray, limit: float) -> int:
    """In ascending sorted values with running total ``upto``, the first position whose share above is under ``limit``.

    The share above, rounded as ABC compares it, never grows along the
    ascending values, so a binary search of about 20 steps finds the cut
    (``upto.size`` when no value is under the limit). ``(total − upto[k]) /
    total`` is the share of the values after position k: at the last of a run
    of equal values that is their share above, and earlier in the run it is no
    smaller, so the position found is always in the run that starts the class.
    """
    total = upto[-1:]

    def under(k: int) -> bool:  # the same array arithmetic as :func:`share_above` and :func:`abc_share`
        return bool(np.round((total - upto[k : k + 1]) / total, SHARE_DECIMALS)[0] < limit)

    return bisect.bisect_left(range(upto.size), True, key=under)


def abc_index(values: object, model: Model | None = None) -> np.ndarray:
    """0 = A, 1 = B, 2 = C for each account.

    A larger value never has a larger share above, so each class is the
    values from a cut upwards: one sort gives the running total, a binary
    search the two cuts (:func:`_first_share_under`), and two comparisons class
    the accounts — no argsort, no share computed per account.
    """
    model = model or active_model()
    v, ascending = sorted_values(values, "value", 0.0)
    upto = np.cumsum(ascending)  # upto[k] = sum of the k+1 smallest
    _positive(upto[-1] if v.size else 0.0)  # the total is the running total's last: no pass to sum
    cut_a, cut_b = (
        ascending[k] if k < v.size else np.inf
        for k in (_first_share_under(upto, model.abc.a), _first_share_under(upto, model.abc.b))
    )
    if cut_a >= cut_b:  # a < b, as a model requires: every value past the A cut is past the B cut
        return count_below(v, (cut_a, cut_b))  # the cuts not reached (where() is 3× slower)
    return np.where(v >= cut_a, 0, np.where(v >= cut_b, 1, 2))


def abc(values: object, model: Model | None = None, lang: str | None = None) -> np.ndarray:
    model = model or active_model()
    return texts(abc_index(values, model), model.abc.labels, lang or model.language)


# ---------------------------------------------------------------- the Pareto list: values in descending order


def _present(values: object) -> np.ndarray:
    """The filled-in values of a value column (blanks left out, as COUNT and LARGE leave them)."""
    v = _checks.numbers(values, "value").ravel()
    return v[~np.isnan(v)]


def largest(values: object, k: object) -> np.ndarray:
    """The ``k``-th largest of ``values`` (k = 1, 2, …; an array of k gives an array), as LARGE.

    Blanks are left out; a ``k`` beyond the count of values gives NaN (a blank
    cell). The Pareto list's value column, rendered by
    :func:`kam_xl.xlformulas.scoring.pareto_value`.
    """
    ranked = np.sort(_present(values))[::-1]
    ks = _checks.bounded(k, "k", 1.0)
    if (ks != np.floor(ks)).any():
        i = int(np.flatnonzero((ks != np.floor(ks)).ravel())[0])
        raise InputError(
            "k",
            f"名次应为正整数，而不是 {ks.ravel()[i]:g}",
            f"a rank must be a whole number, not {ks.ravel()[i]:g}",
            _checks.position(i, ks.shape),
        )
    out = np.full(ks.shape, np.nan)
    inside = ks <= ranked.size
    out[inside] = ranked[ks[inside].astype(np.int64) - 1]
    return out


def _name(name: object) -> str:
    """A name as ``INDEX(…)&""`` shows it: a blank is "", a whole number has no ".0"."""
    if is_blank(name):
        return ""
    if isinstance(name, float | np.floating) and float(name).is_integer():
        return str(int(name))
    return str(name)


def holder(value: object, values: object, names: Sequence[object] | np.ndarray) -> np.ndarray:
    """The name of the first account (in table order) whose value equals each of ``value``.

    As INDEX/MATCH(…, 0) finds it: accounts with equal values show the first
    one's name; a blank ``value`` gives "". The Pareto list's account column,
    rendered by :func:`kam_xl.xlformulas.scoring.pareto_account`.
    """
    v = _checks.numbers(values, "values").ravel()
    who = np.asarray(names, dtype=object).ravel()
    _checks.same_length("names", who.size, "values", v.size)
    q = _checks.numbers(value, "value")
    order = np.argsort(v, kind="stable")  # equal values keep table order: the first holder leads its run
    s = v[order]
    at = np.minimum(np.searchsorted(s, q, side="left"), max(s.size - 1, 0))
    found = (s[at] == q) if s.size else np.zeros(q.shape, dtype=bool)
    missing = ~found & ~np.isnan(q)
    if missing.any():
        i = int(np.flatnonzero(missing.ravel())[0])
        raise InputError(
            "value",
            f"{q.ravel()[i]:g} 不在价值列中",
            f"{q.ravel()[i]:g} is not among the values",
            _checks.position(i, q.shape),
        )
    out = np.full(q.shape, "", dtype=object)
    out[found] = [_name(who[j]) for j in order[at[found]]]
    return out


def cumulative_share(values: object) -> np.ndarray:
    """The running share of the total down the values in descending order (blanks left out).

    Step k adds the k-th largest value's share to the step before, as the
    Pareto list's formula does (rendered by
    :func:`kam_xl.xlformulas.scoring.pareto_cumulative`), so the last step is 1.
    """
    ranked = np.sort(_values(_present(values)))[::-1]
    return np.cumsum(ranked / ranked.sum())
