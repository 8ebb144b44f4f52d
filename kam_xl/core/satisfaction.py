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
    model = model or active_model()
    one = np.ndim(np.asarray(perceived, dtype=object)) == 0  # one dimension's scores, not a column of them
    p = satisfaction_scores(perceived, "perceived", model)
    e = satisfaction_scores(expected, "expected", model)
    if p.shape != e.shape:
        _checks.same_length("expected", e.size, "perceived", p.size)
    gap = p - e
    return gap[0] if one else gap


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
