"""Parity cases: the sales funnel (see tests/parity.py)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from parity import MODEL, Builder, Sheet

from kam_xl.core import funnel
from kam_xl.core.pipeline import OUTCOMES
from kam_xl.indicators import REGISTRY
from kam_xl.indicators.funnel import dates_flag


def case_funnel_stage(s: Sheet, rng: np.random.Generator) -> None:
    """Every stage with every outcome, blanks among them, in both languages."""
    stages = MODEL.pipeline.stages
    for lang in ("zh", "en"):
        i = 0 if lang == "zh" else 1
        names: list[object] = [s_.text(lang) for s_ in stages] * 4 + [None, None]
        outcomes: list[object] = [t[i] for t in OUTCOMES.values()] * 5 + [OUTCOMES["won"][i], None]
        top = s.row
        s.column(1, names)
        s.column(2, outcomes)
        shown = funnel.funnel_stage(names, outcomes, lang, MODEL)
        for k in range(len(names)):
            r = top + k
            want = "" if shown[k] is None else shown[k]
            s.formula("funnel_stage", 3, r, REGISTRY["funnel_stage"].formula(f"A{r}", f"B{r}", lang), want)
        s.row += len(names) + 1


def case_funnel_counts(s: Sheet, rng: np.random.Generator) -> None:
    """Reached from what is at each stage (a blank among them), and the conversion between them."""
    at: list[object] = [float(x) for x in rng.integers(0, 9, 5)]
    at[2] = None
    top = s.row
    s.column(1, at)
    reached = funnel.funnel_reached([np.nan if x is None else x for x in at])
    last = top + len(at) - 1
    for k in range(len(at)):
        r = top + k
        s.formula("funnel_reached", 2, r, REGISTRY["funnel_reached"].formula(f"A{r}:A${last}"), reached[k])
        if k:
            conv = funnel.funnel_conversion(reached[k], reached[k - 1])
            s.formula("funnel_conversion", 3, r, REGISTRY["funnel_conversion"].formula(f"B{r}", f"B{r - 1}"), conv)
    # none reached the stage above: blank
    r = last + 1
    zero, some = s.put(1, r, 0.0), s.put(2, r, 0.0)
    s.formula("funnel_conversion", 3, r, REGISTRY["funnel_conversion"].formula(some, zero), np.nan)
    s.row += len(at) + 2


def case_days_in_stage(s: Sheet, rng: np.random.Generator) -> None:
    """Days between random dates with blanks on either side, all rows and the won rows only; the date check
    per row (one date before an earlier one among them)."""
    n = 12
    start = date(2024, 1, 1)
    entered: list[object] = [start + timedelta(days=int(x)) for x in rng.integers(0, 200, n)]
    left: list[object] = [e + timedelta(days=int(x)) for e, x in zip(entered, rng.integers(0, 90, n), strict=True)]
    entered[3] = left[5] = None
    left[7] = entered[7] - timedelta(days=5)  # backwards (flagged, and counted as it is)
    won, lost = OUTCOMES["won"][0], OUTCOMES["lost"][0]
    outcomes: list[object] = [won if k % 3 else lost for k in range(n)]
    third: list[object] = [None if k % 4 == 0 else (left[k] or entered[k]) for k in range(n)]
    top = s.row
    a, b, o = s.column(1, entered), s.column(2, left), s.column(3, outcomes)
    s.column(4, third)
    won_ref = s.put(5, top, won)
    s.formula("avg_days_in_stage", 6, top, REGISTRY["avg_days_in_stage"].formula(a, b),
              funnel.avg_days_in_stage(entered, left))  # fmt: skip
    s.formula("avg_days_in_stage", 6, top + 1, REGISTRY["avg_days_in_stage"].formula(a, b, o, won_ref),
              funnel.avg_days_in_stage(entered, left, outcomes, won))  # fmt: skip
    # no row with both dates: blank
    empty = f"$A${top + n}:$A${top + n + 1}"
    s.formula("avg_days_in_stage", 6, top + 2, REGISTRY["avg_days_in_stage"].formula(empty, empty),
              funnel.avg_days_in_stage([None, None], [None, None]))  # fmt: skip
    for lang, column in (("zh", 7), ("en", 8)):
        rows = [[entered[k], left[k], third[k]] for k in range(n)]
        flags = dates_flag(rows, lang, MODEL)
        for k in range(n):
            r = top + k
            refs = [f"A{r}", f"B{r}", f"D{r}"]
            s.formula("stage_dates_check", column, r, REGISTRY["stage_dates_check"].formula(refs, lang), flags[k])
    assert dates_flag([[entered[7], left[7]]], "zh", MODEL)[0] == funnel.DATES_OUT_OF_ORDER.zh
    s.row += n + 3


BUILDERS: tuple[Builder, ...] = (case_funnel_stage, case_funnel_counts, case_days_in_stage)
