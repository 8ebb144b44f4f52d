"""Wall criteria, switching cost, barrier strength and level — docs/definitions.md §2.5."""

from __future__ import annotations

from kam_xl.xlformulas.common import any_blank, band, label

__all__ = ["barrier", "barrier_level", "switching", "wall", "wall_ratio"]


def wall(scores: str, n: int) -> str:
    """Sum of the wall criteria; blank until all ``n`` are given."""
    return f'=IF(COUNT({scores})<{n},"",SUM({scores}))'


def wall_ratio(wall_ref: str) -> str:
    return f'=IF({any_blank(wall_ref)},"",{wall_ref}/KAM_BARRIER_WALL_MAX)'


def switching(procedural: str, financial: str, relational: str) -> str:
    return f'=IF({any_blank(procedural, financial, relational)},"",({procedural}+{financial}+{relational})/3)'


def barrier(ratio: str, technical: str, commercial: str, switching_ref: str) -> str:
    return (
        f'=IF({any_blank(ratio, technical, commercial, switching_ref)},"",100*(KAM_BARRIER_WALL_WEIGHT*{ratio}'
        f"+(KAM_BARRIER_TECHNICAL_WEIGHT*{technical}+KAM_BARRIER_COMMERCIAL_WEIGHT*{commercial}"
        f"+KAM_BARRIER_SWITCHING_WEIGHT*{switching_ref})/KAM_BARRIER_COMPONENT_SCALE))"
    )


def barrier_level(strength: str, lang: str) -> str:
    names = label("KAM_BARRIER_LEVELS", lang)
    return f'=IF({any_blank(strength)},"",{band(strength, "KAM_BARRIER_LEVELS_MIN", names)})'
