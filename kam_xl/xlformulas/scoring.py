"""Scorecard, tier, ABC share and class, value pyramid, quadrant and portfolio matrix — docs/definitions.md §2.1–2.4."""

from __future__ import annotations

from kam_xl.core.rounding import DECIMALS, SHARE_DECIMALS
from kam_xl.models import Model
from kam_xl.xlformulas.common import any_blank, band, label

__all__ = [
    "abc",
    "matrix",
    "pareto_account",
    "pareto_cumulative",
    "pareto_value",
    "pyramid",
    "quadrant",
    "score",
    "score_raw",
    "share_above",
    "tier",
    "weight_direction",
]


def _card(card: str) -> str:
    return f"KAM_SCORECARDS_{card.upper()}"


def _incomplete(scores: str, card: str, model: Model) -> str:
    n = len(model.scorecard(card).criteria)
    return f"COUNT({scores})<{n}" if model.missing == "error" else f"COUNT({scores})=0"


def _weighted(scores: str, card: str, weights: str | None) -> str:
    c = _card(card)
    if weights is None:  # scores in a column, beside the Model sheet's weight column
        return f"SUMPRODUCT({c}_CRITERIA_WEIGHT,{c}_CRITERIA_DIRECTION,{scores})"
    return f"SUMPRODUCT({weights},{scores})"  # scores in a row: a row of weight×direction cells


def score_raw(scores: str, card: str, model: Model, weights: str | None = None) -> str:
    """Σ weight·direction·score; blank while incomplete.

    ``scores`` is a column aligned with the card's criteria, or a row with
    ``weights`` a row of ``weight × direction`` cells above it (a portfolio):
    SUMPRODUCT needs both arrays in the same orientation.
    """
    return f'=IF({_incomplete(scores, card, model)},"",{_weighted(scores, card, weights)})'


def score(scores: str, card: str, model: Model, weights: str | None = None) -> str:
    """Normalised 0–100 score; blank while a score is missing (or while all are, with missing = "zero")."""
    c = _card(card)
    raw = _weighted(scores, card, weights)
    return f'=IF({_incomplete(scores, card, model)},"",100*({raw}-{c}_RAW_MIN)/({c}_RAW_MAX-{c}_RAW_MIN))'


def weight_direction(card: str, k: int) -> str:
    """Criterion ``k``'s (1-based) weight × direction, for a portfolio's weight row
    (:func:`kam_xl.core.scorecard.weight_direction`)."""
    c = _card(card)
    return f"=INDEX({c}_CRITERIA_WEIGHT,{k})*INDEX({c}_CRITERIA_DIRECTION,{k})"


def tier(score_ref: str, lang: str) -> str:
    return f'=IF({any_blank(score_ref)},"",{band(score_ref, "KAM_TIER_LEVELS_MIN", label("KAM_TIER_LEVELS", lang))})'


def share_above(value: str, values: str) -> str:
    """Share of the total held by accounts strictly above this one (ties share it), rounded as ABC
    compares it (:func:`kam_xl.core.pareto.abc_share`)."""
    return f'=IF({any_blank(value)},"",ROUND(SUMIF({values},">"&{value})/SUM({values}),{SHARE_DECIMALS}))'


def abc(share_ref: str, lang: str) -> str:
    """ABC class from the row's share-above cell."""
    names = label("KAM_ABC_LABELS", lang)
    return f'=IF({any_blank(share_ref)},"",INDEX({names},1+({share_ref}>=KAM_ABC_A)+({share_ref}>=KAM_ABC_B)))'


def pareto_value(values: str, k: str) -> str:
    """The ``k``-th largest value (LARGE); blank past the count of values (:func:`kam_xl.core.pareto.largest`)."""
    return f'=IF({k}>COUNT({values}),"",LARGE({values},{k}))'


def pareto_account(value: str, values: str, names: str) -> str:
    """The name of the first account holding ``value`` (:func:`kam_xl.core.pareto.holder`); ``&""`` shows
    a blank name as blank text, not 0."""
    return f'=IF({any_blank(value)},"",INDEX({names},MATCH({value},{values},0))&"")'


def pareto_cumulative(value: str, previous: str, total: str) -> str:
    """The running share: the row above's share (N: the header above the first row counts 0) plus this
    value's share of ``total`` (:func:`kam_xl.core.pareto.cumulative_share`)."""
    return f'=IF({any_blank(value)},"",N({previous})+{value}/{total})'


def pyramid(value: str, values: str, lang: str) -> str:
    """Layer: first whose cumulative share exceeds (RANK.EQ − 1)/n, compared as the core does."""
    rank = f"_xlfn.RANK.EQ({value},{values},0)-1"
    limits = f"ROUND(KAM_PYRAMID_LAYERS_CUMULATIVE*COUNT({values}),{DECIMALS})"
    return f'=IF({any_blank(value)},"",INDEX({label("KAM_PYRAMID_LAYERS", lang)},1+SUMPRODUCT(({rank}>={limits})*1)))'


def _quad(x: str, y: str, section: str, lang: str) -> str:
    lab = {k: label(f"KAM_{section}_{k}", lang) for k in ("HIGH_HIGH", "HIGH_LOW", "LOW_HIGH", "LOW_LOW")}
    xt, yt = ("KAM_QUADRANT_CURRENT_THRESHOLD", "KAM_QUADRANT_POTENTIAL_THRESHOLD") if section == "QUADRANT" else (
        "KAM_MATRIX_ATTRACTIVENESS_THRESHOLD", "KAM_MATRIX_STRENGTH_THRESHOLD")  # fmt: skip
    hx, hy = f"ROUND({x},{DECIMALS})>={xt}", f"ROUND({y},{DECIMALS})>={yt}"
    return (
        f'=IF({any_blank(x, y)},"",IF({hx},IF({hy},{lab["HIGH_HIGH"]},{lab["HIGH_LOW"]}),'
        f"IF({hy},{lab['LOW_HIGH']},{lab['LOW_LOW']})))"
    )


def quadrant(current: str, potential: str, lang: str) -> str:
    return _quad(current, potential, "QUADRANT", lang)


def matrix(attractiveness: str, strength: str, lang: str) -> str:
    return _quad(attractiveness, strength, "MATRIX", lang)
