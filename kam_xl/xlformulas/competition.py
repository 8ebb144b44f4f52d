"""Competitors at the account: the spend not placed, our lead per criterion and overall, the customer's need
and our USP — :mod:`kam_xl.core.competition` (docs/definitions.md §2.16, seed 002).

Each figure is blank, never an error value, while an input is blank, is text that is not a number, or is
outside what the core accepts (the core refuses it).
"""

from __future__ import annotations

from kam_xl.core.competition import USP_LABEL
from kam_xl.xlformulas.common import YES_NO, any_blank, numeric, text
from kam_xl.xlformulas.satisfaction import sat_gap

__all__ = ["competitive_gap", "is_usp", "lead", "need", "share_rest", "usp"]

_LO, _HI = "KAM_SATISFACTION_SCALE_MIN", "KAM_SATISFACTION_SCALE_MAX"


def _off_scale(*scores: str) -> str:
    """Condition: a score (a number, or a number stored as text) beyond the satisfaction scale."""
    return "OR(" + ",".join(f"0+{x}<{_LO},0+{x}>{_HI}" for x in scores) + ")"


def _given(cells: tuple[str, ...], value: str) -> str:
    """``value`` where every cell holds a number (or a number as text) on the satisfaction scale, else blank
    (nested: Excel's AND evaluates every argument, and 0+"abc" would be #VALUE!)."""
    return f'IF(OR({any_blank(*cells)},NOT({numeric(*cells)})),"",IF({_off_scale(*cells)},"",{value}))'


def share_rest(our_share: str, shares: str) -> str:
    """1 − our share − Σ the competitors' shares (a column; blanks count 0); blank while our share is not a
    number, and where the core refuses (a share outside 0–1, or all of them together above 1)."""
    refused = (
        f'OR({our_share}<0,{our_share}>1,COUNTIF({shares},"<0")>0,COUNTIF({shares},">1")>0,'
        f"{our_share}+SUM({shares})>1+1E-12)"
    )
    return f'=IF(NOT(ISNUMBER({our_share})),"",IF({refused},"",MAX(0,1-{our_share}-SUM({shares}))))'


def lead(ours: str, theirs: str) -> str:
    """Our score − the competitor's on one criterion; blank until both are given on the scale."""
    return "=" + _given((ours, theirs), f"{ours}-{theirs}")


def competitive_gap(ours: str, theirs: str) -> str:
    """Our weighted score − the competitor's over the model's dimensions (column ranges); blank until every
    dimension holds a number on the scale in both. The satisfaction gap's weighted mean of differences."""
    return sat_gap(ours, theirs)


def _needs(importance: str) -> str:
    return f"0+{importance}>=KAM_SATISFACTION_NEED_AT"


def need(importance: str, lang: str) -> str:
    """是 where the customer needs the criterion (importance ≥ the model's need_at), 否 where not; blank while
    the importance is blank, not a number or off the scale."""
    yes, no = YES_NO["zh" if lang == "zh" else "en"]
    return "=" + _given((importance,), f"IF({_needs(importance)},{text(yes)},{text(no)})")


def usp(importance: str, ours: str, theirs: str, lang: str) -> str:
    """★ USP where the customer needs the criterion and our lead reaches the model's usp_margin; blank
    otherwise (and while any input is blank, not a number or off the scale)."""
    mark = text(USP_LABEL.text(lang))
    ahead = f"ROUND({ours}-{theirs},9)>=KAM_SATISFACTION_USP_MARGIN"
    return "=" + _given((importance, ours, theirs), f'IF(AND({_needs(importance)},{ahead}),{mark},"")')


def is_usp(cell: str) -> str:
    """Condition (a conditional format): ``cell`` shows the USP mark."""
    return f'{cell}<>""'
