"""Value pyramid (客户价值金字塔), value quadrant and portfolio matrix — docs/definitions.md §2.4.

Pyramid: rank by value descending with ties sharing the lowest rank (Excel's
RANK.EQ); p = (rank − 1)/n; the layer is the first whose cumulative share
exceeds p. Compared as (rank − 1) < ROUND(cum·n, 9) (:data:`~kam_xl.core.rounding.DECIMALS`)
so that layers of 10 % and 20 % reach 0.3 (their float sum is 0.30000000000000004).
"""

from __future__ import annotations

import math

import numpy as np

from kam_xl.core import _checks
from kam_xl.core.bands import count_below, texts
from kam_xl.core.pareto import ascending_ties, sorted_values
from kam_xl.core.rounding import DECIMALS
from kam_xl.models import Model, active_model
from kam_xl.models.schema import Label, Quadrant

__all__ = ["matrix", "matrix_index", "pyramid", "pyramid_index", "quadrant", "quadrant_index", "rank_eq"]


def rank_eq(values: object) -> np.ndarray:
    """Descending rank, ties share the best rank (1 = largest), as RANK.EQ."""
    v = _checks.bounded(values, "value").ravel()
    order, _, last = ascending_ties(v)
    rank = np.empty(v.size, dtype=np.int64)
    rank[order] = v.size - last  # 1 + how many values are strictly greater
    return rank


def pyramid_index(values: object, model: Model | None = None) -> np.ndarray:
    """Layer index (0 = top) for each account's value: the number of layer limits at or below its rank − 1.

    rank − 1 (:func:`rank_eq`) counts the values strictly greater, so a limit L
    is reached when m = ⌈L⌉ values are greater: when the m-th largest value
    is greater than this one. One sort gives those few order statistics and a
    comparison per limit places every account, without ranking each one.
    """
    model = model or active_model()
    v, ascending = sorted_values(values, "value")
    cuts = []
    for limit in np.round(model.pyramid.cumulative * v.size, DECIMALS):
        m = math.ceil(limit)
        if m <= 0:  # reached by every rank
            cuts.append(np.inf)
        elif m <= v.size:  # the m-th largest (m > n: never reached; m = n: the smallest is greater than none)
            cuts.append(ascending[v.size - m])
    return count_below(v, cuts)


def pyramid(values: object, model: Model | None = None, lang: str | None = None) -> np.ndarray:
    model = model or active_model()
    return texts(pyramid_index(values, model), model.pyramid.layers, lang or model.language)


def _quadrant_index(x: object, y: object, q: Quadrant, x_field: str, y_field: str) -> np.ndarray:
    xs = _checks.bounded(x, x_field, 0, 100)
    ys = _checks.bounded(y, y_field, 0, 100)
    if xs.shape != ys.shape and xs.ndim and ys.ndim:
        _checks.same_length(y_field, ys.size, x_field, xs.size)
    hx = np.round(xs, DECIMALS) >= q.x_threshold
    hy = np.round(ys, DECIMALS) >= q.y_threshold
    # order of labels: high_high, high_low, low_high, low_low
    return np.where(hx, np.where(hy, 0, 1), np.where(hy, 2, 3))


def _labels(q: Quadrant) -> tuple[Label, Label, Label, Label]:
    return (q.high_high, q.high_low, q.low_high, q.low_low)


def quadrant_index(current: object, potential: object, model: Model | None = None) -> np.ndarray:
    """Value quadrant from current-value and potential-value scores (0–100)."""
    model = model or active_model()
    return _quadrant_index(current, potential, model.quadrant, "current_value", "potential_value")


def quadrant(current: object, potential: object, model: Model | None = None, lang: str | None = None) -> np.ndarray:
    model = model or active_model()
    return texts(quadrant_index(current, potential, model), _labels(model.quadrant), lang or model.language)


def matrix_index(attractiveness: object, strength: object, model: Model | None = None) -> np.ndarray:
    """Portfolio matrix: account attractiveness against our relative strength."""
    model = model or active_model()
    return _quadrant_index(attractiveness, strength, model.matrix, "attractiveness", "strength")


def matrix(attractiveness: object, strength: object, model: Model | None = None, lang: str | None = None) -> np.ndarray:
    model = model or active_model()
    return texts(matrix_index(attractiveness, strength, model), _labels(model.matrix), lang or model.language)
