"""Selecting by a scorecard's total: the cut, selected or not, a stated choice the totals contradict —
:mod:`kam_xl.core.selection` (docs/definitions.md §2.1, seed 002's IMSC industry selection)."""

from __future__ import annotations

from kam_xl.core.selection import CHECK_LABELS, SELECTED_LABELS
from kam_xl.models import Model
from kam_xl.xlformulas.common import YES_NO, text

__all__ = ["contradicted", "is_selected", "selected", "selection_check", "selection_cut"]


def selection_cut(totals: str, card: str, model: Model) -> str:
    """The card's ``select_at`` (a Model-sheet cell) when the model sets one, else the average of the
    totals that are numbers; blank while there is none."""
    if model.scorecard(card).select_at is not None:
        return f"=KAM_SCORECARDS_{card.upper()}_SELECT_AT"
    return f'=IF(COUNT({totals})=0,"",AVERAGE({totals}))'


def selected(total: str, cut: str, lang: str) -> str:
    """★ 入选 where the total reaches the cut, 未入选 where not; blank while either is not a number."""
    yes, no = (x.text(lang) for x in SELECTED_LABELS)
    return f'=IF(OR(NOT(ISNUMBER({total})),NOT(ISNUMBER({cut}))),"",IF({total}>={cut},{text(yes)},{text(no)}))'


def selection_check(stated: str, chosen: str, lang: str) -> str:
    """Where the stated choice (是/否) contradicts ``chosen`` (:func:`selected`'s cell): chosen below the
    cut, or at or above it and not chosen; blank otherwise (agreeing, undecided, no total)."""
    said_yes, said_no = (text(x) for x in YES_NO["zh" if lang == "zh" else "en"])
    is_in, is_out = (text(x.text(lang)) for x in SELECTED_LABELS)
    below, left_out = (text(x.text(lang)) for x in CHECK_LABELS)
    return (
        f"=IF(AND({stated}={said_yes},{chosen}={is_out}),{below},"
        f'IF(AND({stated}={said_no},{chosen}={is_in}),{left_out},""))'
    )


def is_selected(cell: str, lang: str) -> str:
    """Condition (a conditional format): ``cell`` shows ★ 入选."""
    return f"{cell}={text(SELECTED_LABELS[0].text(lang))}"


def contradicted(cell: str) -> str:
    """Condition (a conditional format): the check in ``cell`` says something."""
    return f'{cell}<>""'
