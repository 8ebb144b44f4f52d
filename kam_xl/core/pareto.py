"""ABC / Pareto class (二八法则) — SPEC §2.3.

share_above(x) = Σ_{v > vₓ} v / Σ v; A if share_above < a (0.80), B if < b
(0.95), else C. Strictly-greater means ties share a class. Shares are rounded
to :data:`~kam_xl.core.rounding.SHARE_DECIMALS` (12) places before comparing,
in the core and in the Excel rendering alike.
"""

from __future__ import annotations

import numpy as np

from kam_xl.core import _checks
from kam_xl.core.bands import texts
from kam_xl.core.rounding import SHARE_DECIMALS
from kam_xl.errors import InputError
from kam_xl.models import Model, active_model

__all__ = ["abc", "abc_index", "ascending_ties", "share_above"]


def _values(values: object) -> np.ndarray:
    v = _checks.bounded(values, "value", 0.0).ravel()
    total = v.sum()
    if not total > 0:
        raise InputError("value", "合计为零，无法做 ABC 分类", "the values sum to zero; ABC needs a positive total")
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


def abc_index(values: object, model: Model | None = None) -> np.ndarray:
    """0 = A, 1 = B, 2 = C for each account."""
    model = model or active_model()
    order, share = _sorted_shares(_values(values))
    share = np.round(share, SHARE_DECIMALS)
    out = np.empty(order.size, dtype=np.int64)
    out[order] = np.where(share < model.abc.a, 0, np.where(share < model.abc.b, 1, 2))  # classed in sorted order
    return out


def abc(values: object, model: Model | None = None, lang: str | None = None) -> np.ndarray:
    model = model or active_model()
    return texts(abc_index(values, model), model.abc.labels, lang or model.language)
