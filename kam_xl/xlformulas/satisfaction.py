"""Satisfaction gap, CSI and level — docs/definitions.md §2.8."""

from __future__ import annotations

from kam_xl.xlformulas.common import any_blank, band, label

__all__ = ["csi", "dimension_gap", "sat_gap", "sat_level"]


def dimension_gap(perceived: str, expected: str) -> str:
    """One dimension's perceived − expected (:func:`kam_xl.core.satisfaction.dimension_gap`); blank until both are
    given."""
    return f'=IF({any_blank(perceived, expected)},"",{perceived}-{expected})'


def sat_gap(perceived: str, expected: str) -> str:
    """Weighted mean of perceived − expected over the model's dimensions (column ranges)."""
    w = "KAM_SATISFACTION_DIMENSIONS_WEIGHT"
    n = f"ROWS({w})"
    return (
        f'=IF(OR(COUNT({perceived})<{n},COUNT({expected})<{n}),"",'
        f"(SUMPRODUCT({w},{perceived})-SUMPRODUCT({w},{expected}))/SUM({w}))"
    )


def csi(perceived: str) -> str:
    w = "KAM_SATISFACTION_DIMENSIONS_WEIGHT"
    return f'=IF(COUNT({perceived})<ROWS({w}),"",100*SUMPRODUCT({w},{perceived})/(KAM_SATISFACTION_SCALE_MAX*SUM({w})))'


def sat_level(gap: str, lang: str) -> str:
    names = label("KAM_SATISFACTION_LEVELS", lang)
    return f'=IF({any_blank(gap)},"",{band(gap, "KAM_SATISFACTION_LEVELS_MIN", names)})'
