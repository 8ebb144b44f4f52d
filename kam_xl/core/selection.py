"""Selecting by a scorecard's total (选择线) — docs/definitions.md §2.1, seed 002.

Seed 002's IMSC industry selection scores each industry on the IMSC card and selects those whose total
reaches "≥ 平均分 29.1". The cut is the scorecard's ``select_at`` when the model sets one; otherwise the
average of the raw totals scored (blank ones left out). An item is selected when its raw total reaches
the cut (≥, so a total equal to the cut is in). A selection the team states (the seed's ★) that the
totals contradict is flagged: chosen below the cut (the seed stars 金融 at 28 < 29.1), or above the cut
and not chosen.
"""

from __future__ import annotations

import numpy as np

from kam_xl.core import _checks
from kam_xl.models import Model, Scorecard, active_model
from kam_xl.models.schema import Label

__all__ = [
    "CHECK_LABELS",
    "CHOSEN_BELOW",
    "LEFT_OUT",
    "SELECTED_LABELS",
    "selected",
    "selection_check",
    "selection_cut",
]

CHOSEN_BELOW, LEFT_OUT = 1, 2  # selection_check's codes: chosen below the cut; at or above it, not chosen
# What a cell shows: selected or not (the seed marks the selected with ★), and the two contradictions.
SELECTED_LABELS = (Label("selected", "★ 入选", "★ Selected"), Label("not_selected", "未入选", "Not selected"))
CHECK_LABELS = (
    Label("chosen_below", "已选但未达选择线", "Chosen below the cut"),
    Label("left_out", "达到选择线但未选", "At or above the cut, not chosen"),
)


def selection_cut(totals: object, card: Scorecard | None = None, model: Model | None = None) -> float:
    """The raw total an item must reach to be selected: the card's ``select_at``, else the mean of the
    ``totals`` given (blanks left out); NaN when the card sets none and no total is given."""
    model = model or active_model()
    card = card or model.scorecard()
    if card.select_at is not None:
        return float(card.select_at)
    arr = _checks.numbers(totals, "totals").reshape(-1)
    present = arr[~np.isnan(arr)]
    return float(present.mean()) if present.size else float("nan")


def selected(total: object, cut: float) -> np.ndarray:
    """1.0 where a total reaches ``cut``, 0.0 where it does not, NaN where the total (or the cut) is blank."""
    arr = _checks.numbers(total, "total")
    out = np.where(arr >= cut, 1.0, 0.0)
    return np.where(np.isnan(arr) | np.isnan(cut), np.nan, out)


def selection_check(stated: object, chosen: object) -> np.ndarray:
    """Where a stated selection (1 chosen, 0 not, NaN undecided) contradicts :func:`selected` (1/0/NaN):
    :data:`CHOSEN_BELOW`, :data:`LEFT_OUT`, else 0 (agreeing, undecided, or no total)."""
    s = _checks.numbers(stated, "stated")
    c = _checks.numbers(chosen, "selected")
    s, c = np.broadcast_arrays(s, c)
    out = np.zeros(s.shape, dtype=np.int64)
    known = ~np.isnan(s) & ~np.isnan(c)
    out[known & (s == 1) & (c == 0)] = CHOSEN_BELOW
    out[known & (s == 0) & (c == 1)] = LEFT_OUT
    return out
