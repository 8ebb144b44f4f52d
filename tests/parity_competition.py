"""Parity cases: competitors at the account (see tests/parity.py)."""

from __future__ import annotations

import numpy as np
from parity import MODEL, Builder, Sheet, col

from kam_xl.core import competition
from kam_xl.indicators import REGISTRY
from kam_xl.indicators.competition import need_mark, usp_mark


def case_competition(s: Sheet, rng: np.random.Generator) -> None:
    """Random scores for us, two competitors and the importance; each criterion's lead, need and USP, and the
    overall lead, in both languages. One criterion sits exactly at need_at and at the USP margin (both in)."""
    n = len(MODEL.satisfaction.dimensions)
    need_at, margin = MODEL.satisfaction.need_at, MODEL.satisfaction.usp_margin
    for lang in ("zh", "en"):
        imp = [float(x) for x in rng.integers(1, 11, n)]
        ours = [float(x) for x in rng.integers(1, 11, n)]
        imp[0], ours[0] = need_at, 8.0
        s.column(1, imp)
        oref = s.column(2, ours)
        top = s.row
        for k in range(n):
            r = top + k
            s.formula("need", 3, r, REGISTRY["need"].formula(f"A{r}", lang), need_mark(imp[k], lang, MODEL).item())
        for j in range(2):
            theirs = [float(x) for x in rng.integers(1, 11, n)]
            theirs[0] = 8.0 - margin
            c = 4 + 3 * j
            tref = s.column(c, theirs)
            leads = competition.lead(ours, theirs, MODEL).tolist()
            marks = usp_mark(imp, ours, theirs, lang, MODEL).tolist()
            for k in range(n):
                r = top + k
                s.formula("competitor_lead", c + 1, r, REGISTRY["competitor_lead"].formula(f"B{r}", f"{col(c)}{r}"),
                          leads[k])  # fmt: skip
                s.formula("usp", c + 2, r, REGISTRY["usp"].formula(f"A{r}", f"B{r}", f"{col(c)}{r}", lang),
                          marks[k])  # fmt: skip
            assert marks[0] == competition.USP_LABEL.text(lang)  # at need_at and at the margin: a USP
            s.formula("competitive_gap", c + 1, top + n, REGISTRY["competitive_gap"].formula(oref, tref),
                      competition.competitive_gap(ours, theirs, MODEL))  # fmt: skip
        s.row += n + 2


def case_competition_edits(s: Sheet, rng: np.random.Generator) -> None:
    """Blanks, a score as text ("7"), "abc" and scores off the 1–10 scale (0, 11): blank where the core
    refuses or lacks an input; a column with one score off the scale: no overall lead."""
    r = s.row
    rows: list[tuple[object, object, object, object, object]] = [
        # importance, ours, theirs, lead, USP
        ("9", "7", 5.0, 2.0, "★ USP"),
        (None, 7.0, 5.0, 2.0, ""),
        (9.0, None, 5.0, "", ""),
        (9.0, "abc", 5.0, "", ""),
        (9.0, 0.0, 5.0, "", ""),
        (11.0, 7.0, 5.0, 2.0, ""),
        (6.0, 10.0, 1.0, 9.0, ""),
    ]
    assert competition.lead("7", 5, MODEL) == 2.0 and competition.usp("9", "7", 5, MODEL) == 1.0
    for k, (imp, ours, theirs, lead, usp) in enumerate(rows):
        a, b, c = s.put(1, r + k, imp), s.put(2, r + k, ours), s.put(3, r + k, theirs)
        s.formula("competitor_lead", 4, r + k, REGISTRY["competitor_lead"].formula(b, c), lead)
        s.formula("usp", 5, r + k, REGISTRY["usp"].formula(a, b, c, "zh"), usp)
        need = "" if imp is None else ("" if float(imp) > 10 else ("是" if float(imp) >= 7 else "否"))
        s.formula("need", 6, r + k, REGISTRY["need"].formula(a, "zh"), need)
    s.row += len(rows) + 1
    n = len(MODEL.satisfaction.dimensions)
    oref, tref = s.column(1, [5.0] * (n - 1) + [11.0]), s.column(2, [5.0] * n)
    s.formula("competitive_gap", 3, s.row, REGISTRY["competitive_gap"].formula(oref, tref), "")
    s.row += n + 1


def case_share_rest(s: Sheet, rng: np.random.Generator) -> None:
    """Our share and a column of competitors' shares with blanks: the rest; all of it placed (0); together
    above 1 (refused: blank); our share blank (blank)."""
    cases: list[tuple[object, list[object]]] = [
        (0.35, [0.30, None, 0.20, None]),
        (0.5, [0.25, 0.25, None, None]),
        (0.6, [0.3, 0.2, None, None]),
        (None, [0.3, None, None, None]),
        (0.1, [None, None, None, None]),
    ]
    for ours, shares in cases:
        r = s.row
        a = s.put(1, r, ours)
        ref = s.column(2, shares)
        try:
            want: object = (
                "" if ours is None else competition.share_rest(ours, [np.nan if x is None else x for x in shares])
            )
        except Exception:  # the core refuses shares above 1 in all: the sheet shows a blank
            want = ""
        s.formula("share_rest", 3, r, REGISTRY["share_rest"].formula(a, ref), want)
        s.row += len(shares) + 1


BUILDERS: tuple[Builder, ...] = (case_competition, case_competition_edits, case_share_rest)
