"""Scorecard, tier, ABC share and class, value pyramid, quadrant and portfolio matrix — docs/definitions.md §2.1–2.4."""

from __future__ import annotations

from kam_xl.core.rounding import DECIMALS, SHARE_DECIMALS
from kam_xl.models import Model
from kam_xl.xlformulas.common import any_blank, band, label, numeric

__all__ = [
    "abc",
    "matrix",
    "pareto_account",
    "pareto_cumulative",
    "pareto_value",
    "pyramid",
    "quadrant",
    "raw_max",
    "raw_min",
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


def _weighted(scores: str, card: str, weights: str | None, model: Model) -> str:
    c = _card(card)
    if weights is None:  # scores in a column, beside the Model sheet's weight column
        coefficients = f"{c}_CRITERIA_WEIGHT,{c}_CRITERIA_DIRECTION"
    else:  # scores in a row: a row of weight×direction cells
        coefficients = weights
    total = f"SUMPRODUCT({coefficients},{scores})"
    if model.missing == "zero":  # a blank counts as the scale's minimum, as the core counts it (ISNUMBER: the
        # `formulas` engine does not read a blank cell as equal to "")
        total += f"+{c}_SCALE_MIN*SUMPRODUCT({coefficients},1-ISNUMBER({scores}))"
    return total


def raw_max(card: str) -> str:
    """The card's best raw total, a derived cell of the Model sheet (:attr:`kam_xl.models.schema.Scorecard.raw_max`):
    the +1 criteria's weights × the scale's top − the −1 criteria's weights × its minimum."""
    c = _card(card)
    w, d = f"{c}_CRITERIA_WEIGHT", f"{c}_CRITERIA_DIRECTION"
    return f"=SUMPRODUCT(({d}>0)*{w})*{c}_SCALE-SUMPRODUCT(({d}<0)*{w})*{c}_SCALE_MIN"


def raw_min(card: str) -> str:
    """The card's worst raw total (:attr:`kam_xl.models.schema.Scorecard.raw_min`): the +1 criteria's
    weights × the scale's minimum − the −1 criteria's weights × its top."""
    c = _card(card)
    w, d = f"{c}_CRITERIA_WEIGHT", f"{c}_CRITERIA_DIRECTION"
    return f"=SUMPRODUCT(({d}>0)*{w})*{c}_SCALE_MIN-SUMPRODUCT(({d}<0)*{w})*{c}_SCALE"


def score_raw(scores: str, card: str, model: Model, weights: str | None = None) -> str:
    """Σ weight·direction·score; blank while incomplete.

    ``scores`` is a column aligned with the card's criteria, or a row with
    ``weights`` a row of ``weight × direction`` cells above it (a portfolio):
    SUMPRODUCT needs both arrays in the same orientation.
    """
    return f'=IF({_incomplete(scores, card, model)},"",{_weighted(scores, card, weights, model)})'


def score(scores: str, card: str, model: Model, weights: str | None = None) -> str:
    """Normalised 0–100 score; blank while a score is missing (or while all are, with missing = "zero")."""
    c = _card(card)
    raw = _weighted(scores, card, weights, model)
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
    compares it (:func:`kam_xl.core.pareto.abc_share`).

    Blank where the core refuses: a value below 0, or a list summing to 0 (all zero: "ABC needs a positive
    total"), not #DIV/0!; and for a value that is not a number — text, even a number stored as text, which
    SUM and SUMIF leave out of the list, so it has no share there — not #VALUE!."""
    refused = f"OR({value}<0,SUM({values})<=0)"
    share = f'ROUND(SUMIF({values},">"&{value})/SUM({values}),{SHARE_DECIMALS})'
    return f'=IF({any_blank(value)},"",IF(NOT(ISNUMBER({value})),"",IF({refused},"",{share})))'


def abc(share_ref: str, lang: str) -> str:
    """ABC class from the row's share-above cell (blank while it is blank or not a number)."""
    names = label("KAM_ABC_LABELS", lang)
    cls = f"INDEX({names},1+({share_ref}>=KAM_ABC_A)+({share_ref}>=KAM_ABC_B))"
    return f'=IF({any_blank(share_ref)},"",IF(NOT(ISNUMBER({share_ref})),"",{cls}))'


def pareto_value(values: str, k: str) -> str:
    """The ``k``-th largest value (LARGE); blank past the count of values (:func:`kam_xl.core.pareto.largest`)."""
    return f'=IF({k}>COUNT({values}),"",LARGE({values},{k}))'


def pareto_account(value: str, values: str, names: str) -> str:
    """The name of the first account holding ``value`` (:func:`kam_xl.core.pareto.holder`); ``&""`` shows
    a blank name as blank text, not 0."""
    return f'=IF({any_blank(value)},"",INDEX({names},MATCH({value},{values},0))&"")'


def pareto_cumulative(value: str, previous: str, total: str) -> str:
    """The running share: the row above's share (N: the header above the first row counts 0) plus this
    value's share of ``total`` (:func:`kam_xl.core.pareto.cumulative_share`); blank, not #DIV/0!, while the
    total is not above 0 (every value 0: the core refuses, "ABC needs a positive total")."""
    return f'=IF({any_blank(value)},"",IF(N({total})<=0,"",N({previous})+{value}/{total}))'


def pyramid(value: str, values: str, lang: str) -> str:
    """Layer: first whose cumulative share exceeds (RANK.EQ − 1)/n, compared as the core does.

    Blank for a value that is not a number (text, even a number stored as text: RANK.EQ and COUNT leave it
    out of the list, so it has no rank there) — not #VALUE! or #N/A."""
    rank = f"_xlfn.RANK.EQ({value},{values},0)-1"
    limits = f"ROUND(KAM_PYRAMID_LAYERS_CUMULATIVE*COUNT({values}),{DECIMALS})"
    layer = f"INDEX({label('KAM_PYRAMID_LAYERS', lang)},1+SUMPRODUCT(({rank}>={limits})*1))"
    return f'=IF({any_blank(value)},"",IF(NOT(ISNUMBER({value})),"",{layer}))'


def _quad(x: str, y: str, section: str, lang: str) -> str:
    lab = {k: label(f"KAM_{section}_{k}", lang) for k in ("HIGH_HIGH", "HIGH_LOW", "LOW_HIGH", "LOW_LOW")}
    xt, yt = ("KAM_QUADRANT_CURRENT_THRESHOLD", "KAM_QUADRANT_POTENTIAL_THRESHOLD") if section == "QUADRANT" else (
        "KAM_MATRIX_ATTRACTIVENESS_THRESHOLD", "KAM_MATRIX_STRENGTH_THRESHOLD")  # fmt: skip
    hx, hy = f"ROUND({x},{DECIMALS})>={xt}", f"ROUND({y},{DECIMALS})>={yt}"
    # blank, not #VALUE!, while an input is text that is not a number or an error value (tested first:
    # x="" passes an error on, and OR evaluates every argument), while it is blank (an empty cell passes
    # the numeric test as 0), and where the core refuses (a score outside 0–100)
    refused = f"OR({any_blank(x, y)},0+{x}<0,0+{x}>100,0+{y}<0,0+{y}>100)"
    return (
        f'=IF(NOT({numeric(x, y)}),"",IF({refused},"",'
        f"IF({hx},IF({hy},{lab['HIGH_HIGH']},{lab['HIGH_LOW']}),IF({hy},{lab['LOW_HIGH']},{lab['LOW_LOW']}))))"
    )


def quadrant(current: str, potential: str, lang: str) -> str:
    return _quad(current, potential, "QUADRANT", lang)


def matrix(attractiveness: str, strength: str, lang: str) -> str:
    return _quad(attractiveness, strength, "MATRIX", lang)
