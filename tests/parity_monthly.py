"""Parity cases: the monthly business plan and review — attainment, growth, year to date, below target,
headroom, the growth steps' % done (see tests/parity.py)."""

from __future__ import annotations

import numpy as np
from parity import Builder, Sheet

from kam_xl.core import monthly
from kam_xl.indicators import REGISTRY


def case_months(s: Sheet, rng: np.random.Generator) -> None:
    """Twelve months of target, actual and last year's, blanks and zeros among them (a zero target: blank
    attainment; a zero last year: blank growth), each month's figures and the running year to date."""
    target: list[object] = [float(x) for x in rng.integers(0, 200, 12) * 10_000]
    actual: list[object] = [float(x) for x in rng.integers(0, 250, 12) * 9_973]
    last: list[object] = [float(x) for x in rng.integers(0, 200, 12) * 10_007]
    target[3], actual[5], last[7], target[9], last[2] = 0.0, None, None, None, 0.0
    actual[10] = actual[11] = None  # months not yet reported
    top = s.row
    s.column(1, target), s.column(2, actual), s.column(3, last)
    num = [np.nan if v is None else v for v in (*target, *actual, *last)]
    t, a, ly = (np.array(num[k * 12 : (k + 1) * 12], dtype=float) for k in range(3))
    rate, grow = monthly.attainment(a, t), monthly.growth(a, ly)
    ytd_t, ytd_a = monthly.running_total(t), monthly.running_total(a)
    ytd_rate = monthly.attainment(ytd_a, ytd_t)
    for lang, shift in (("zh", 0), ("en", 8)):
        for k in range(12):
            r = top + k
            at = s.formula("attainment", 4 + shift, r, REGISTRY["attainment"].formula(f"B{r}", f"A{r}"), rate[k])
            s.formula("growth_yoy", 5 + shift, r, REGISTRY["growth_yoy"].formula(f"B{r}", f"C{r}"), grow[k])
            yt = s.formula("ytd", 6 + shift, r, REGISTRY["ytd"].formula(f"A${top}", f"A{r}"), ytd_t[k])
            ya = s.formula("ytd", 7 + shift, r, REGISTRY["ytd"].formula(f"B${top}", f"B{r}"), ytd_a[k])
            s.formula("attainment", 8 + shift, r, REGISTRY["attainment"].formula(ya, yt), ytd_rate[k])
            s.formula("below_target", 9 + shift, r, REGISTRY["below_target"].formula(at, lang),
                      monthly.below_target(rate[k], lang).item())  # fmt: skip
    s.row += 13


def case_headroom(s: Sheet, rng: np.random.Generator) -> None:
    """Product lines: headroom, a line with a blank figure, one with our sales above the total (the error text)."""
    rows: list[tuple[object, object]] = [(8_000_000.0, 2_600_000.0), (None, 100.0), (500.0, None), (300.0, 300.0),
                                         (100.0, 250.0)]  # fmt: skip
    totals, ours_ = rng.integers(1, 9, 4) * 1_000_000.5, rng.integers(0, 9, 4) * 100_000
    rows += [(float(x), float(y)) for x, y in zip(totals, ours_, strict=True)]
    for lang, column in (("zh", 3), ("en", 4)):
        for k, (total, ours) in enumerate(rows):
            r = s.row + k
            s.put(1, r, total), s.put(2, r, ours)
            s.formula("headroom", column, r, REGISTRY["headroom"].formula(f"A{r}", f"B{r}", lang),
                      monthly.headroom_shown(total, ours, lang))  # fmt: skip
    s.row += len(rows) + 1


def case_steps(s: Sheet, rng: np.random.Generator) -> None:
    for lang, marks in (("zh", ["是", "是", "否", None, "是"]), ("en", ["yes", "No", None, None, "Yes"]),
                        ("zh", [None] * 5)):  # fmt: skip
        ref = s.column(1, list(marks))
        s.formula("steps_done", 2, s.row, REGISTRY["steps_done"].formula(ref, lang), monthly.steps_done(marks, lang))
        s.row += 6


BUILDERS: tuple[Builder, ...] = (case_months, case_headroom, case_steps)
