"""Development pipeline (大客户开发) — SPEC §2.10: weighted = Σ expected value × probability."""

from __future__ import annotations

import numpy as np

from kam_xl.core import _checks
from kam_xl.core.bands import lookup
from kam_xl.models import Model, active_model

__all__ = ["stage_probability", "weighted_pipeline", "weighted_value"]


def stage_probability(stages: object, model: Model | None = None) -> np.ndarray:
    """Win probability of each stage (given as code, Chinese or English name)."""
    model = model or active_model()
    idx = lookup(np.atleast_1d(np.asarray(stages, dtype=object)), model.pipeline.stages, "stage")
    return np.array([s.probability for s in model.pipeline.stages])[idx]


def weighted_value(expected_values: object, stages: object, model: Model | None = None) -> np.ndarray:
    """Expected value × stage probability, per opportunity."""
    ev = _checks.bounded(expected_values, "expected_value", 0.0)
    p = stage_probability(stages, model)
    ev = np.atleast_1d(ev)
    _checks.same_length("stage", p.size, "expected_value", ev.size)
    return ev * p.reshape(ev.shape)


def weighted_pipeline(expected_values: object, stages: object, model: Model | None = None) -> float:
    """Σ expected value × probability."""
    return float(weighted_value(expected_values, stages, model).sum())
