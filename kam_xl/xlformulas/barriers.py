"""Wall criteria, switching cost, barrier strength and level — docs/definitions.md §2.5."""

from __future__ import annotations

from kam_xl.core.rounding import DECIMALS
from kam_xl.xlformulas.common import any_blank, band, label, numeric

__all__ = ["barrier", "barrier_level", "switching", "wall", "wall_contact", "wall_ratio", "wall_share"]


def _overridable(computed: str, override: str | None) -> str:
    """``computed`` unless the ``override`` input beside it holds a value (blank = computed)."""
    return f'=IF({override}<>"",{override},{computed})' if override else f"={computed}"


def wall_share(share: str, override: str | None = None) -> str:
    """The wall "share" criterion from the share of wallet: 2 above KAM_BARRIER_SHARE_FULL, 1 from
    KAM_BARRIER_SHARE_PARTIAL, else 0; blank while the share is."""
    s = f"ROUND({share},{DECIMALS})"
    computed = f'IF({any_blank(share)},"",IF({s}>KAM_BARRIER_SHARE_FULL,2,IF({s}>=KAM_BARRIER_SHARE_PARTIAL,1,0)))'
    return _overridable(computed, override)


def wall_contact(coverage: str, n_levels: int, override: str | None = None) -> str:
    """The wall "contact" criterion from the level coverage: the levels reached (coverage × ``n_levels``)
    score 2 from KAM_BARRIER_CONTACT_FULL, 1 from KAM_BARRIER_CONTACT_PARTIAL, else 0."""
    n = f"ROUND({coverage}*{n_levels},0)"
    computed = (
        f'IF({any_blank(coverage)},"",IF({n}>=KAM_BARRIER_CONTACT_FULL,2,IF({n}>=KAM_BARRIER_CONTACT_PARTIAL,1,0)))'
    )
    return _overridable(computed, override)


def wall(scores: str, n: int) -> str:
    """Sum of the wall criteria; blank until all ``n`` are given."""
    return f'=IF(COUNT({scores})<{n},"",SUM({scores}))'


def wall_ratio(wall_ref: str) -> str:
    return f'=IF({any_blank(wall_ref)},"",{wall_ref}/KAM_BARRIER_WALL_MAX)'


def _unusable(*refs: str) -> str:
    """Condition: an input is blank or text that is no number (the core refuses it): the figure shows blank."""
    return f"OR({any_blank(*refs)},NOT({numeric(*refs)}))"


def switching(procedural: str, financial: str, relational: str) -> str:
    return f'=IF({_unusable(procedural, financial, relational)},"",({procedural}+{financial}+{relational})/3)'


def barrier(ratio: str, technical: str, commercial: str, switching_ref: str) -> str:
    return (
        f'=IF({_unusable(ratio, technical, commercial, switching_ref)},"",100*(KAM_BARRIER_WALL_WEIGHT*{ratio}'
        f"+(KAM_BARRIER_TECHNICAL_WEIGHT*{technical}+KAM_BARRIER_COMMERCIAL_WEIGHT*{commercial}"
        f"+KAM_BARRIER_SWITCHING_WEIGHT*{switching_ref})/KAM_BARRIER_COMPONENT_SCALE))"
    )


def barrier_level(strength: str, lang: str) -> str:
    names = label("KAM_BARRIER_LEVELS", lang)
    return f'=IF({any_blank(strength)},"",{band(strength, "KAM_BARRIER_LEVELS_MIN", names)})'
