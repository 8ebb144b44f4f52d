"""Parity cases: selection by a scorecard's total (see tests/parity.py)."""

from __future__ import annotations

import kam_udfs as U
import numpy as np
from parity import MODEL, Builder, Sheet, col2d

from kam_xl.core import selection
from kam_xl.indicators import REGISTRY
from kam_xl.indicators.selection import check_mark, selected_mark

CARD = "imsc_industry"


def case_selection(s: Sheet, rng: np.random.Generator) -> None:
    """Random raw totals on the IMSC card (−18 … 54) with blanks among them, one equal to the average
    (selected: ≥), and every stated choice against every mark, in both languages."""
    card = MODEL.scorecard(CARD)
    totals: list[object] = [float(x) for x in rng.integers(int(card.raw_min), int(card.raw_max) + 1, 9)]
    totals[2] = totals[6] = None  # blank rows of the list
    # one more total makes the average a whole number k, and k itself is added (the average stays k): a
    # total exactly at the cut, which is selected (≥) — in every engine, as the sums are exact
    present = [t for t in totals if t is not None]
    k = round(sum(present) / len(present))
    totals += [float(k * (len(present) + 1) - sum(present)), float(k)]
    ref = s.column(1, totals)
    top = s.row
    cut = selection.selection_cut([np.nan if t is None else t for t in totals], card, MODEL)
    cut_ref = s.formula("selection_cut", 2, top, REGISTRY["selection_cut"].formula(ref, CARD, MODEL), cut)
    for lang, column in (("zh", 3), ("en", 6)):  # selected, the stated choice, the check
        for i, t in enumerate(totals):
            r = top + i
            mark = selected_mark(np.nan if t is None else t, [np.nan if x is None else x for x in totals],
                                 card, lang, MODEL)  # fmt: skip
            shown = "" if mark.item() is None else mark.item()
            udf = U.KAM_SELECTED(t, col2d(totals), CARD, lang)
            at = s.formula("selected", column, r, REGISTRY["selected"].formula(f"A{r}", cut_ref, lang), shown,
                           "" if udf is None else udf)  # fmt: skip
            said = ("是", "否", None)[i % 3] if lang == "zh" else ("Yes", "No", None)[i % 3]
            stated = s.put(column + 1, r, said)
            s.formula("selection_check", column + 2, r,
                      REGISTRY["selection_check"].formula(stated, at, lang), check_mark(said or "", shown, lang))  # fmt: skip
    s.row += len(totals) + 1


BUILDERS: tuple[Builder, ...] = (case_selection,)
