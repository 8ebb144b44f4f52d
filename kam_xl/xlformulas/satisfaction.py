"""Satisfaction gap, CSI and level — docs/definitions.md §2.8."""

from __future__ import annotations

from kam_xl.xlformulas.common import any_blank, band, label, numeric

__all__ = ["csi", "dimension_gap", "sat_gap", "sat_level"]


_SCALE = "KAM_SATISFACTION_SCALE_MIN", "KAM_SATISFACTION_SCALE_MAX"


def _off_scale(*scores: str) -> str:
    """Condition: a score (a number, or a number stored as text) beyond the model's scale — the core refuses it."""
    lo, hi = _SCALE
    return "OR(" + ",".join(f"0+{x}<{lo},0+{x}>{hi}" for x in scores) + ")"


def _scores_off_scale(scores: str) -> str:
    """Condition: a number in the column ``scores`` beyond the model's scale (text is left to COUNT)."""
    lo, hi = _SCALE
    return f"OR(MIN({scores})<{lo},MAX({scores})>{hi})"


def dimension_gap(perceived: str, expected: str) -> str:
    """One dimension's perceived − expected (:func:`kam_xl.core.satisfaction.dimension_gap`); blank until both are
    given, and while either is not a number or is off the model's scale."""
    return (
        f'=IF(OR({any_blank(perceived, expected)},NOT({numeric(perceived, expected)})),"",'
        f'IF({_off_scale(perceived, expected)},"",{perceived}-{expected}))'
    )


def sat_gap(perceived: str, expected: str) -> str:
    """Weighted mean of perceived − expected over the model's dimensions (column ranges)."""
    w = "KAM_SATISFACTION_DIMENSIONS_WEIGHT"
    n = f"ROWS({w})"
    off = f"OR({_scores_off_scale(perceived)},{_scores_off_scale(expected)})"
    return (
        f'=IF(OR(COUNT({perceived})<{n},COUNT({expected})<{n},{off}),"",'
        f"(SUMPRODUCT({w},{perceived})-SUMPRODUCT({w},{expected}))/SUM({w}))"
    )


def csi(perceived: str) -> str:
    """100 × the weighted perceived score over the scale's top; blank until every dimension holds a number on
    the model's scale."""
    w = "KAM_SATISFACTION_DIMENSIONS_WEIGHT"
    return (
        f'=IF(OR(COUNT({perceived})<ROWS({w}),{_scores_off_scale(perceived)}),"",'
        f"100*SUMPRODUCT({w},{perceived})/(KAM_SATISFACTION_SCALE_MAX*SUM({w})))"
    )


def sat_level(gap: str, lang: str) -> str:
    """The level the gap reaches; blank while the gap is blank or not a number."""
    names = label("KAM_SATISFACTION_LEVELS", lang)
    return f'=IF(OR({any_blank(gap)},NOT({numeric(gap)})),"",{band(gap, "KAM_SATISFACTION_LEVELS_MIN", names)})'
