"""Weighted scorecard (评分卡得分) and tier (客户等级) — docs/definitions.md §2.1–2.2.

raw = Σ wᵢ·dᵢ·sᵢ with each sᵢ on the card's scale [m, S] (m = ``scale_min``, 0
unless the card says otherwise: the selection card is 1–10, as seed 002 scores
it); normalised = 100·(raw − raw_min)/(raw_max − raw_min) with
raw_max = Σ_{d=+1} wᵢ·S − Σ_{d=−1} wᵢ·m and raw_min = Σ_{d=+1} wᵢ·m − Σ_{d=−1} wᵢ·S
(:class:`kam_xl.models.schema.Scorecard`), so the worst card scores 0 and the
best 100. Scores are arrays whose last axis is the criteria (in the scorecard's
order): one account is shape ``(n,)``, a portfolio ``(accounts, n)``.
"""

from __future__ import annotations

import numpy as np

from kam_xl.core import _checks
from kam_xl.core.bands import band_index, texts
from kam_xl.errors import OutOfRangeError, TotalMismatchError
from kam_xl.models import Model, Scorecard, active_model

__all__ = [
    "check_stated_total",
    "contribution",
    "criteria_scores",
    "normalise",
    "score",
    "score_raw",
    "tier",
    "tier_index",
    "weight_direction",
]


def criteria_scores(scores: object, card: Scorecard, missing: str = "error") -> np.ndarray:
    """Validated criteria scores: last axis = criteria, each in [scale_min, scale].

    A blank is an error unless ``missing == "zero"``: then it counts as the lowest
    score, ``scale_min`` (0 on a 0–10 card, 1 on a 1–10 card), so that no card with
    blanks scores below the worst card a user could fill in (below 0 on 0–100).
    A 0 typed on a 1–10 card is out of range, never raised to 1.
    """
    arr = _checks.numbers(scores, "scores", allow_inf=True)  # an infinity fails the range check below
    n = len(card.criteria)
    if arr.ndim == 0 or arr.shape[-1] != n:
        got = 1 if arr.ndim == 0 else arr.shape[-1]
        _checks.same_length("scores", got, f"scorecard '{card.code}' criteria", n)
    if missing == "zero":
        return np.nan_to_num(_checks.in_range(arr, "scores", card.scale_min, card.scale), nan=card.scale_min)
    return _checks.bounded(arr, "scores", card.scale_min, card.scale)


def score_raw(scores: object, card: Scorecard | None = None, model: Model | None = None) -> np.ndarray:
    """Raw weighted total Σ wᵢ·dᵢ·sᵢ (per account)."""
    model = model or active_model()
    card = card or model.scorecard()
    arr = criteria_scores(scores, card, model.missing)
    return arr @ weight_direction(card, model)


def weight_direction(card: Scorecard | None = None, model: Model | None = None) -> np.ndarray:
    """Each criterion's weight × direction (wᵢ·dᵢ, in the card's order): the raw score's coefficients.

    A portfolio shows them in a row above its criteria (rendered by
    :func:`kam_xl.xlformulas.scoring.weight_direction`), so SUMPRODUCT can take
    the scores along a row.
    """
    model = model or active_model()
    card = card or model.scorecard()
    return card.weights * card.directions


def contribution(scores: object, weights: object, directions: object) -> np.ndarray:
    """Each criterion's share of the raw total: weight × direction × score (docs/definitions.md §2.1).

    Element by element (the arrays broadcast): a plan's scorecard shows it beside
    each score, and the raw total is their sum (:func:`score_raw`). Rendered by
    :func:`kam_xl.xlformulas.plans.contribution`. Scores are ≥ 0, weights > 0,
    directions +1 or −1.
    """
    s = _checks.bounded(scores, "scores", 0.0)
    w = _checks.bounded(weights, "weights", 0.0, lo_open=True)
    d = _checks.no_missing(_checks.numbers(directions, "directions"), "directions")
    bad = np.abs(d) != 1.0
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        raise OutOfRangeError("directions", f"{d.ravel()[i]:g}", "+1 或 −1", "+1 or −1", _checks.position(i, d.shape))
    value = w * d * s
    return value if np.ndim(value) else value[()]


def score(scores: object, card: Scorecard | None = None, model: Model | None = None) -> np.ndarray:
    """Normalised score on 0–100 (per account)."""
    model = model or active_model()
    card = card or model.scorecard()
    return normalise(score_raw(scores, card, model), card)


def normalise(raw: np.ndarray, card: Scorecard) -> np.ndarray:
    """A raw total (:func:`score_raw`) on 0–100: the card's worst total is 0, its best 100."""
    return 100.0 * (raw - card.raw_min) / (card.raw_max - card.raw_min)


_SHOWN = 10  # disagreeing positions a stated-total error names after the first, at most


def check_stated_total(
    scores: object, stated: object, card: Scorecard | None = None, model: Model | None = None
) -> float | np.ndarray:
    """The raw total(s), or :class:`TotalMismatchError` when a stated total disagrees.

    A printed table's total is a claim, not an input: the seed's telecom row
    states 46 while its own figures sum to 44. ``stated`` holds one total per
    account (a blank = none stated) in any shape of the same size — a column
    for a block of accounts. The error gives the first disagreeing account's
    totals and names every disagreeing position in ``stated``'s shape
    (``"row 2 (+ row 4)"``); ``positions`` lists them 1-based.
    """
    raw = score_raw(scores, card, model)
    given = _checks.numbers(stated, "stated_total")
    _checks.same_length("stated_total", given.size, "scores (accounts)", raw.size)
    flat_given, flat_raw = given.reshape(-1), raw.reshape(-1)
    bad = ~np.isnan(flat_given) & ~np.isclose(flat_given, flat_raw, rtol=0, atol=1e-9)
    if bad.any():
        at = np.flatnonzero(bad)
        names = [str(_checks.position(int(i), given.shape) or "") for i in at[: _SHOWN + 1]]
        where = names[0]
        if len(at) > 1:
            more = ", ".join(names[1 : _SHOWN + 1]) + (", …" if len(at) > _SHOWN + 1 else "")
            where = f"{where} (+ {more})"
        i = int(at[0])
        positions = tuple(int(j) + 1 for j in at)
        raise TotalMismatchError("stated_total", float(flat_given[i]), float(flat_raw[i]), where, positions=positions)
    return float(raw) if raw.ndim == 0 else raw


def _tier_scores(values: object) -> np.ndarray:
    return _checks.bounded(values, "score", 0.0, 100.0)


def tier_index(values: object, model: Model | None = None) -> np.ndarray:
    """Tier index (0 = top) for normalised scores 0–100."""
    model = model or active_model()
    return band_index(_tier_scores(values), model.tiers, blanks=False)


def tier(values: object, model: Model | None = None, lang: str | None = None) -> np.ndarray:
    """Tier label (战略客户 / Strategic …) for normalised scores 0–100."""
    model = model or active_model()
    return texts(tier_index(values, model), model.tiers, lang or model.language)
