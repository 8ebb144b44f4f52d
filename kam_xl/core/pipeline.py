"""Development pipeline (大客户开发) — docs/definitions.md §2.10: weighted = Σ expected value × probability.

Per attempt: its stage's win probability and its weighted value (expected
value × probability); for a record: the weighted pipeline and the win rate
(won ÷ won and lost).
"""

from __future__ import annotations

import numpy as np

from kam_xl.cells import blank_mask, to_float_array
from kam_xl.core import _checks
from kam_xl.core.bands import lookup
from kam_xl.errors import KamError, Position
from kam_xl.models import Model, active_model

__all__ = ["OUTCOMES", "stage_probability", "weighted_pipeline", "weighted_value", "win_rate"]

# Outcome of an attempt: code → (zh, en); fixed choices, not a model list (the development record's dropdown).
OUTCOMES: dict[str, tuple[str, str]] = {
    "won": ("赢单", "Won"),
    "lost": ("丢单", "Lost"),
    "open": ("进行中", "Open"),
    "dropped": ("放弃", "Dropped"),
}


def stage_probability(stages: object, model: Model | None = None) -> np.ndarray:
    """Win probability of each stage (given as code, Chinese or English name).

    Rendered by :func:`kam_xl.xlformulas.pipeline.stage_probability`.
    """
    model = model or active_model()
    idx = lookup(np.atleast_1d(np.asarray(stages, dtype=object)), model.pipeline.stages, "stage")
    return np.array([s.probability for s in model.pipeline.stages])[idx]


def weighted_value(expected_values: object, stages: object, model: Model | None = None) -> np.ndarray:
    """Expected value × stage probability, per opportunity.

    Rendered by :func:`kam_xl.xlformulas.pipeline.weighted_value` (over the row's probability cell).
    """
    ev = _checks.bounded(expected_values, "expected_value", 0.0)
    p = stage_probability(stages, model)
    ev = np.atleast_1d(ev)
    _checks.same_length("stage", p.size, "expected_value", ev.size)
    return ev * p.reshape(ev.shape)


def weighted_pipeline(expected_values: object, stages: object, model: Model | None = None) -> float:
    """Σ expected value × probability over the opportunities that have both.

    A row with a stage but no expected value yet, or a value but no stage, adds
    nothing: its weighted value is blank (:func:`weighted_value`'s formula
    shows it so), and the workbook's SUMPRODUCT counts the blank as 0. A row
    with neither is a spare row. An unknown stage or a negative value is still
    an error, named at its row among all the rows given.

    Rendered by :func:`kam_xl.xlformulas.pipeline.pipeline`.
    """
    ev = np.atleast_1d(to_float_array(expected_values, "expected_value"))
    st = np.atleast_1d(np.asarray(stages, dtype=object))
    _checks.same_length("stage", st.size, "expected_value", ev.size)
    known = np.flatnonzero(~np.isnan(ev.reshape(-1)) & ~blank_mask(st.reshape(-1)))
    if not known.size:
        return 0.0
    try:
        return float(weighted_value(ev.reshape(-1)[known], st.reshape(-1)[known], model).sum())
    except KamError as exc:  # the k-th known row is row known[k − 1] of what was given
        item = exc.position.item if exc.position is not None else None
        if item is not None or (known.size == 1 and ev.size > 1):
            exc.located(Position(item=int(known[(item or 1) - 1]) + 1))
        raise


def win_rate(won: object, lost: object) -> float | np.ndarray:
    """Won ÷ (won + lost): the share of the decided attempts that were won (open and dropped ones
    are not decided); NaN (a blank cell) while none is decided. Counts are ≥ 0.

    Rendered by :func:`kam_xl.xlformulas.pipeline.win_rate`.
    """
    w = _checks.bounded(won, "won", 0.0)
    lost_ = _checks.bounded(lost, "lost", 0.0)
    decided = w + lost_
    rate = np.where(decided > 0, w / np.where(decided > 0, decided, 1.0), np.nan)
    return float(rate) if rate.ndim == 0 else rate
