"""ABC / Pareto class (二八法则) — SPEC §2.3.

share_above(x) = Σ_{v > vₓ} v / Σ v; A if share_above < a (0.80), B if < b
(0.95), else C. Strictly-greater means ties share a class. Shares are rounded
to 12 places before comparing, in the core and in the Excel rendering alike.
"""

from __future__ import annotations

import numpy as np

from kam_xl.core import _checks
from kam_xl.core.bands import texts
from kam_xl.errors import InputError
from kam_xl.models import Model, active_model

__all__ = ["abc", "abc_index", "share_above"]

SHARE_DECIMALS = 12


def _values(values: object) -> np.ndarray:
    v = _checks.numbers(values, "value").ravel()
    _checks.no_missing(v, "value")
    _checks.in_range(v, "value", 0.0)
    total = v.sum()
    if not total > 0:
        raise InputError("value", "合计为零，无法做 ABC 分类", "the values sum to zero; ABC needs a positive total")
    return v


def share_above(values: object) -> np.ndarray:
    """Share of the total held by accounts strictly above each account."""
    v = _values(values)
    s = np.sort(v)
    upto = np.cumsum(s)  # upto[k] = sum of the k+1 smallest
    last_le = np.searchsorted(s, v, side="right") - 1
    total = upto[-1]
    return (total - upto[last_le]) / total


def abc_index(values: object, model: Model | None = None) -> np.ndarray:
    """0 = A, 1 = B, 2 = C for each account."""
    model = model or active_model()
    share = np.round(share_above(values), SHARE_DECIMALS)
    return np.where(share < model.abc.a, 0, np.where(share < model.abc.b, 1, 2))


def abc(values: object, model: Model | None = None, lang: str | None = None) -> np.ndarray:
    model = model or active_model()
    return texts(abc_index(values, model), model.abc.labels, lang or model.language)
