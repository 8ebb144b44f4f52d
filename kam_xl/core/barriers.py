"""Barrier strength (壁垒): wall criteria (围墙准则), switching cost (转换成本),
competitor barriers, strength and level — docs/definitions.md §2.5.

strength = 100·(w_wall·wall_ratio + w_tech·technical/5 + w_comm·commercial/5
+ w_switch·switching/5), default weights 0.40 / 0.15 / 0.15 / 0.30.
"""

from __future__ import annotations

import numpy as np

from kam_xl.core import _checks
from kam_xl.core.bands import band_index, texts
from kam_xl.core.rounding import DECIMALS
from kam_xl.errors import OutOfRangeError
from kam_xl.models import Model, active_model

__all__ = [
    "barrier_level",
    "barrier_level_index",
    "barrier_strength",
    "switching_cost",
    "wall",
    "wall_contact_score",
    "wall_ratio",
    "wall_scores",
    "wall_share_score",
]


def _whole_within(arr: np.ndarray, top: float) -> bool:
    """Whether every value is a whole number in [0, top]: no blank, no infinity, no fraction, none above.

    For ``top`` below 256, one comparison with the values cast to one-byte
    integers decides all but the top (a value survives the round trip only if
    it is a whole number in 0..255; NaN, infinities, negatives and fractions
    do not), and the top is a max of the small copy — where ``np.rint`` would
    write an 8-byte copy after a pass for the range. False sends the caller to
    the checks that name the cell.
    """
    if top < 256 and arr.size:
        with np.errstate(invalid="ignore"):  # NaN and infinities cast to some byte, which then differs
            small = arr.astype(np.uint8)
        return bool((arr == small).all() and small.max() <= top)
    return _checks.within_from_zero(arr, top) and not (arr != np.rint(arr)).any()


def wall_scores(scores: object, model: Model | None = None) -> np.ndarray:
    """Validated wall-criteria scores, last axis = criteria; whole numbers 0..max."""
    model = model or active_model()
    crit = model.barrier.wall_criteria
    arr = _checks.numbers(scores, "wall", allow_inf=True)
    maxes = np.array([c.max for c in crit])
    fits = arr.ndim > 0 and arr.shape[-1] == len(crit)
    # all well — no blank, no infinity, 0 ≤ score ≤ every maximum, whole — in one cast and one comparison
    if fits and _whole_within(arr, maxes.min()):
        return arr
    arr = _checks.numbers(arr, "wall")  # an infinity is named first, as when the cells were read
    if not fits:
        _checks.same_length("wall", 1 if arr.ndim == 0 else arr.shape[-1], "wall criteria", len(crit))
    _checks.in_range(_checks.no_missing(arr, "wall"), "wall", 0.0, None)
    bad = (arr > maxes) | (arr != np.round(arr))
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        c = crit[i % len(crit)]
        rule = f"0..{c.max:g} (whole numbers)"
        raise OutOfRangeError(
            f"wall.{c.code}", f"{arr.ravel()[i]:g}", f"0..{c.max:g} 的整数", rule, _checks.position(i, arr.shape)
        )
    return arr


def wall(scores: object, model: Model | None = None) -> np.ndarray:
    """Wall score: sum of the criteria (0–8 by default)."""
    arr = wall_scores(scores, model)
    # whole numbers add up exactly in any order: a product with ones is a sum along the short last axis
    # without numpy's per-row reduction loop (10× faster for a million accounts)
    return arr @ np.ones(arr.shape[-1])


def wall_ratio(scores: object, model: Model | None = None) -> np.ndarray:
    """Wall score / its maximum (0–1)."""
    model = model or active_model()
    return wall(scores, model) / model.barrier.wall_max


def wall_share_score(share: object, model: Model | None = None) -> np.ndarray:
    """The wall "share" criterion from a share of wallet (seed 001: <30 % → 0, 30–70 % → 1, >70 % → 2):
    1 from ``barrier.share_partial`` (≥), 2 above ``barrier.share_full`` (>)."""
    b = (model or active_model()).barrier
    s = np.round(_checks.bounded(share, "share_of_wallet", 0.0, 1.0), DECIMALS)
    return np.where(s > b.share_full, 2, np.where(s >= b.share_partial, 1, 0))


def wall_contact_score(coverage: object, model: Model | None = None) -> np.ndarray:
    """The wall "contact" criterion from the buying centre's level coverage (seed 001: one level → 0, two
    → 1, decision, management and operating → 2): the levels reached (coverage × levels) scores 1 from
    ``barrier.contact_partial`` levels, 2 from ``barrier.contact_full``."""
    model = model or active_model()
    b = model.barrier
    reached = np.round(_checks.bounded(coverage, "coverage", 0.0, 1.0) * len(model.buying_centre.levels))
    return np.where(reached >= b.contact_full, 2, np.where(reached >= b.contact_partial, 1, 0))


def _component(values: object, field: str, model: Model) -> np.ndarray:
    return _checks.bounded(values, field, 0.0, model.barrier.component_scale)


def switching_cost(procedural: object, financial: object, relational: object, model: Model | None = None) -> np.ndarray:
    """Mean of the procedural, financial and relational switching costs (each 0–5)."""
    model = model or active_model()
    parts = [
        _component(v, f, model)
        for v, f in ((procedural, "procedural"), (financial, "financial"), (relational, "relational"))
    ]
    return (parts[0] + parts[1] + parts[2]) / 3.0


def barrier_strength(
    wall_ratio: object, technical: object, commercial: object, switching: object, model: Model | None = None
) -> np.ndarray:
    """Barrier strength 0–100 from the wall ratio (0–1) and three 0–5 scores."""
    model = model or active_model()
    b = model.barrier
    ratio = _checks.bounded(wall_ratio, "wall_ratio", 0.0, 1.0)
    t = _component(technical, "technical", model)
    c = _component(commercial, "commercial", model)
    s = _component(switching, "switching", model)
    scale = b.component_scale
    return 100.0 * (
        b.wall_weight * ratio
        + b.technical_weight * t / scale
        + b.commercial_weight * c / scale
        + b.switching_weight * s / scale
    )


def barrier_level_index(strength: object, model: Model | None = None) -> np.ndarray:
    model = model or active_model()
    s = _checks.bounded(strength, "strength", 0.0, 100.0)
    return band_index(s, model.barrier.levels, blanks=False)


def barrier_level(strength: object, model: Model | None = None, lang: str | None = None) -> np.ndarray:
    """强 Strong / 中 Moderate / 弱 Weak."""
    model = model or active_model()
    return texts(barrier_level_index(strength, model), model.barrier.levels, lang or model.language)
