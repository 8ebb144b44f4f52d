"""Customer lifetime value (客户生命周期价值) — docs/definitions.md §2.6.

Margin m at the end of each retained year, retention r, discount d, horizon T:
CLV = m·(1 − qᵀ)/(1 + d − r), q = r/(1 + d); T infinite → m/(1 + d − r).
"""

from __future__ import annotations

import numpy as np

from kam_xl.core import _checks
from kam_xl.errors import InputError
from kam_xl.models import Model, active_model

__all__ = ["clv"]


def clv(
    margin: object, retention: object, discount: object, horizon: object = None, model: Model | None = None
) -> np.ndarray:
    """Lifetime value; ``horizon`` None → the model's (infinite by default)."""
    model = model or active_model()
    m = _checks.no_missing(_checks.numbers(margin, "margin"), "margin")
    r = _checks.bounded(retention, "retention", 0.0, 1.0, hi_open=True)
    d = _checks.bounded(discount, "discount", -1.0, None, lo_open=True)
    t = np.asarray(
        model.clv_horizon if horizon is None else _checks.numbers(horizon, "horizon", allow_inf=True), dtype=float
    )
    t = np.where(np.isnan(t), model.clv_horizon, t)
    _checks.in_range(t, "horizon", 0.0, None, lo_open=True)
    m, r, d, t = np.broadcast_arrays(m, r, d, t)
    q = r / (1.0 + d)
    infinite = np.isinf(t)
    if (infinite & (q >= 1.0)).any():
        raise InputError(
            "retention",
            "保留率不低于 1 + 折现率时，无限期价值发散",
            "with retention at or above 1 + discount the infinite-horizon value diverges",
        )
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        finite = m * (1.0 - q**t) / (1.0 + d - r)
        at_one = m * t / (1.0 + d)  # q = 1: every year is worth m/(1+d)
        perpetual = m / (1.0 + d - r)  # computed for every row; 1 + d − r = 0 only where q = 1
    value = np.where(infinite, perpetual, np.where(np.isclose(q, 1.0, rtol=0, atol=1e-15), at_one, finite))
    return value if value.ndim else value[()]
