"""Satisfaction (客户满意度) = perceived − expected, by dimension — docs/definitions.md §2.8.

gap = Σ wⱼ(perceivedⱼ − expectedⱼ)/Σ wⱼ; CSI = 100·Σ wⱼ·perceivedⱼ/(max·Σ wⱼ).
Last axis = dimensions in the model's order.
"""

from __future__ import annotations

import numpy as np

from kam_xl.core import _checks
from kam_xl.core.bands import band_index, texts
from kam_xl.models import Model, active_model

__all__ = [
    "csi",
    "dimension_gap",
    "satisfaction_gap",
    "satisfaction_level",
    "satisfaction_level_index",
    "satisfaction_scores",
    "score_difference",
]


def _weights(weights: object, model: Model, n: int) -> np.ndarray:
    if weights is None:
        w = np.array([d.weight for d in model.satisfaction.dimensions], dtype=float)
        if w.size != n:
            _checks.same_length("perceived", n, "satisfaction dimensions of the model", w.size)
        return w
    w = _checks.in_range(
        _checks.no_missing(_checks.numbers(weights, "weights").ravel(), "weights"), "weights", 0.0, lo_open=True
    )
    _checks.same_length("weights", w.size, "perceived", n)
    return w


def satisfaction_scores(values: object, field: str, model: Model) -> np.ndarray:
    s = model.satisfaction
    arr = _checks.no_missing(_checks.numbers(values, field), field)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    return _checks.in_range(arr, field, s.scale_min, s.scale_max)


def satisfaction_gap(
    perceived: object, expected: object, weights: object = None, model: Model | None = None
) -> np.ndarray:
    """Weighted mean of perceived − expected (negative = below expectations)."""
    model = model or active_model()
    p = satisfaction_scores(perceived, "perceived", model)
    e = satisfaction_scores(expected, "expected", model)
    if p.shape != e.shape:
        _checks.same_length("expected", e.size, "perceived", p.size)
    w = _weights(weights, model, p.shape[-1])
    gap = (p - e) @ w / w.sum()
    return gap if np.ndim(gap) else gap[()]


def dimension_gap(perceived: object, expected: object, model: Model | None = None) -> np.ndarray:
    """Perceived − expected for each dimension on its own (negative = below expectations).

    The weighted mean of these is :func:`satisfaction_gap`. Rendered by
    :func:`kam_xl.xlformulas.satisfaction.dimension_gap`.
    """
    return score_difference(perceived, expected, ("perceived", "expected"), model or active_model())


def score_difference(left: object, right: object, fields: tuple[str, str], model: Model) -> np.ndarray:
    """``left`` − ``right``, two sets of scores on the satisfaction scale, dimension by dimension (a number for
    one score each); ``fields`` name them in an error. Perceived − expected here, ours − a competitor's in
    :func:`kam_xl.core.competition.lead`."""
    one = np.ndim(np.asarray(left, dtype=object)) == 0  # one dimension's scores, not a column of them
    a = satisfaction_scores(left, fields[0], model)
    b = satisfaction_scores(right, fields[1], model)
    if a.shape != b.shape:
        _checks.same_length(fields[1], b.size, fields[0], a.size)
    diff = a - b
    return diff[0] if one else diff


def csi(perceived: object, weights: object = None, model: Model | None = None) -> np.ndarray:
    """Customer satisfaction index 0–100."""
    model = model or active_model()
    p = satisfaction_scores(perceived, "perceived", model)
    w = _weights(weights, model, p.shape[-1])
    value = 100.0 * (p @ w) / (model.satisfaction.scale_max * w.sum())
    return value if np.ndim(value) else value[()]


def satisfaction_level_index(gap: object, model: Model | None = None) -> np.ndarray:
    model = model or active_model()
    return band_index(_checks.no_missing(_checks.numbers(gap, "gap"), "gap"), model.satisfaction.levels)


def satisfaction_level(gap: object, model: Model | None = None, lang: str | None = None) -> np.ndarray:
    """满意 satisfied / 基本满意 at risk / 不满意 dissatisfied."""
    model = model or active_model()
    return texts(satisfaction_level_index(gap, model), model.satisfaction.levels, lang or model.language)
