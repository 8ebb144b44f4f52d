"""The portfolio's industry-selection sheet (行业选择, seed 002's IMSC industry selection).

One row per industry: its scores on the model's IMSC industry scorecard (B:I, in the card's order, the
"more is worse" criteria scored as they are and counted negative through the weight × direction row
above them), the raw total and the 0–100 score, 入选 where the raw total reaches the selection cut (B3:
the card's ``select_at`` on the Model sheet, else the average of the totals scored —
:mod:`kam_xl.core.selection`), the team's own choice (是/否) and a flag where the two disagree (the seed
stars 金融 at 28 below its cut of 29.1). A generated portfolio lists the industries of its accounts
(or the industries given, with their scores); the blank template has empty rows. Every figure is a
registry entry's formula cached with the core's value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter as _letter

from kam_xl.cells import is_blank, parse_number
from kam_xl.core import scorecard, selection
from kam_xl.errors import InputError, KamError, OutOfRangeError, Position
from kam_xl.indicators.selection import check_mark, marks_at
from kam_xl.models import Scorecard
from kam_xl.workbooks.book import GREEN, RED, Book
from kam_xl.workbooks.labels import Text, fit_height
from kam_xl.xlformulas import selection as X
from kam_xl.xlformulas.common import YES_NO

__all__ = ["CARD", "FIRST_ROW", "INDUSTRY_LABELS", "SPARE_ROWS", "add_industries"]

CARD = "imsc_industry"  # the model's scorecard for industries (seed 002)
FIRST_ROW, SPARE_ROWS = 6, 10  # the first industry row; blank rows after the industries given (20 when blank)
_HEAD, _WEIGHTS, _CUT = FIRST_ROW - 1, FIRST_ROW - 2, "$B$3"

INDUSTRY_LABELS: dict[str, Text] = {
    "sheet": ("行业选择", "Industry selection"),
    "title": ("行业选择（IMSC 行业选择评分卡）", "Industry selection (IMSC industry-selection scorecard)"),
    "hint": (
        "每行一个行业：按评分卡打分（竞争程度、实施难易程度越高越差，计负分）；原始得分达到选择线即入选。"
        "选择线取 Model 表的 select_at，未设定时为各行业原始得分的平均分；“团队决定”与得分不符时提示",
        "One industry a row, scored on the card (competition and implementation difficulty: higher is worse, "
        "counted negative); an industry whose raw total reaches the cut is selected. The cut is the Model sheet's "
        "select_at, else the average raw total; a team choice the scores contradict is flagged",
    ),
    "cut": ("选择线（原始得分）", "Selection cut (raw total)"),
    "weights": ("权重×方向 →", "Weight × direction →"),
    "industry": ("行业", "Industry"),
    "raw": ("原始得分", "Raw total"),
    "score": ("得分(0-100)", "Score (0–100)"),
    "selected": ("入选", "Selected"),
    "stated": ("团队决定", "Team's choice"),
    "check": ("核对", "Check"),
}
_NAMES = ("industry", "行业")
_STATED = ("stated", "chosen", "团队决定", "选择")


def _column(frame: pd.DataFrame, names: Sequence[str]) -> str | None:
    return next((c for c in frame.columns if str(c).strip().lower() in {n.lower() for n in names}), None)


def _rows(
    industries: pd.DataFrame | None, known: Sequence[str], card: Scorecard
) -> tuple[list[object], np.ndarray, list[object]]:
    """Names, scores (industries × criteria, NaN blank) and stated choices (True/False/None)."""
    n_crit = len(card.criteria)
    if industries is None:
        names = list(dict.fromkeys(str(x) for x in known if not is_blank(x)))
        return list(names), np.full((len(names), n_crit), np.nan), [None] * len(names)
    name_col = _column(industries, _NAMES)
    if name_col is None:
        raise KamError("industry", "行业表缺少“行业”列", "the industries table has no industry column")
    scores = np.full((len(industries), n_crit), np.nan)
    for k, c in enumerate(card.criteria):
        col = _column(industries, (c.code, c.zh, c.en))
        if col is None:
            continue
        for i, value in enumerate(industries[col].tolist()):
            # each score read by the one cell reader and checked against the card: an error names the
            # industry's row and the criterion, nothing is dropped or clamped
            try:
                v = parse_number(value, c.code)
            except KamError as exc:
                raise exc.located(Position(row=i + 1)) from None
            if v is not None and OutOfRangeError.outside(np.array([v]), card.scale_min, card.scale).any():
                lo, hi = f"{card.scale_min:g}", f"{card.scale:g}"
                raise OutOfRangeError(c.code, f"{v:g}", f"{lo}–{hi}", f"{lo}–{hi}", Position(row=i + 1))
            scores[i, k] = np.nan if v is None else v
    stated_col = _column(industries, _STATED)
    stated: list[object] = [None] * len(industries)
    if stated_col is not None:
        for i, v in enumerate(industries[stated_col].tolist()):
            stated[i] = _choice(v, i)
    return industries[name_col].tolist(), scores, stated


def _choice(value: object, i: int) -> bool | None:
    """A stated choice: 是/否, Yes/No, ★, True/False; blank = undecided."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("是", "yes", "y", "★", "true", "1"):
        return True
    if text in ("否", "no", "n", "false", "0"):
        return False
    raise InputError("stated", f"“{value}”不是 是/否", f"'{value}' is not Yes/No", Position(row=i + 1))


def add_industries(book: Book, industries: pd.DataFrame | None, known: Sequence[str], *, blank: bool) -> None:
    """The industry-selection sheet: the ``industries`` given (name, criterion scores by code or name, the
    team's choice), else one row per industry ``known`` from the accounts; spare rows after them."""
    model, lang = book.model, book.lang
    card = model.scorecard(CARD)
    names, scores, stated = _rows(industries, known, card)
    n = len(names)
    n_rows = 20 if blank else n + SPARE_ROWS
    first, last = FIRST_ROW, FIRST_ROW + n_rows - 1
    n_crit = len(card.criteria)
    crit_cols = [_letter(2 + k) for k in range(n_crit)]
    at = {key: _letter(2 + n_crit + k) for k, key in enumerate(("raw", "score", "selected", "stated", "check"))}
    # the criteria 12 wide: "Implementation difficulty" breaks between words, not inside them
    widths = [26.0] + [12.0] * n_crit + [10.0, 11.0, 12.0, 10.0, 22.0]
    ws = book.sheet(INDUSTRY_LABELS["sheet"], widths=widths)
    end = at["check"]
    book.title(ws, "A1", INDUSTRY_LABELS["title"])
    book.hint(ws, "A2", INDUSTRY_LABELS["hint"], wrap=True)
    ws.merge(f"A2:{end}2")
    ws.height(2, 45)

    # raw totals of the complete rows: the cut and the marks follow from them (the core's values, cached)
    complete = ~np.isnan(scores).any(axis=1) if n else np.zeros(0, dtype=bool)
    raw = np.full(n, np.nan)
    if complete.any():
        raw[complete] = scorecard.score_raw(scores[complete], card, model)
    cut = selection.selection_cut(raw, card, model)
    marks = marks_at(raw, cut, lang, model)
    norms = scorecard.normalise(raw, card)
    book.side(ws, "A3", INDUSTRY_LABELS["cut"])
    totals = f"${at['raw']}${first}:${at['raw']}${last}"
    book.indicator(ws, "B3", "selection_cut", totals, CARD, model, value="" if math.isnan(cut) else cut, fmt="score")

    book.label(ws, f"A{_WEIGHTS}", INDUSTRY_LABELS["weights"], header=False)
    signed = scorecard.weight_direction(card, model)
    for k, col in enumerate(crit_cols):
        book.indicator(ws, f"{col}{_WEIGHTS}", "weight_direction", CARD, k + 1, value=float(signed[k]), fmt="score")
    heads: list[tuple[str, Text]] = [("A", INDUSTRY_LABELS["industry"])]
    heads += [(col, (c.zh, c.en)) for col, c in zip(crit_cols, card.criteria, strict=True)]
    heads += [(at[k], INDUSTRY_LABELS[k]) for k in ("raw", "score", "selected", "stated", "check")]
    for col, head in heads:
        book.label(ws, f"{col}{_HEAD}", head)
    ws.height(_HEAD, fit_height([(book.t(h), w) for (_, h), w in zip(heads, widths, strict=True)]))

    weights = f"${crit_cols[0]}${_WEIGHTS}:${crit_cols[-1]}${_WEIGHTS}"
    yes, no = YES_NO["zh" if lang == "zh" else "en"]
    for i in range(n_rows):
        r = first + i
        row = f"{crit_cols[0]}{r}:{crit_cols[-1]}{r}"
        book.input(ws, f"A{r}", names[i] if i < n else None, "text")
        for k, col in enumerate(crit_cols):
            v = scores[i, k] if i < n else np.nan
            book.input(ws, f"{col}{r}", None if math.isnan(v) else float(v), "score")
        got = raw[i] if i < n else np.nan
        book.indicator(ws, f"{at['raw']}{r}", "score_raw", row, CARD, model, weights,
                       value="" if math.isnan(got) else float(got), fmt="score")  # fmt: skip
        norm = "" if math.isnan(got) else float(norms[i])
        book.indicator(ws, f"{at['score']}{r}", "score", row, CARD, model, weights, value=norm, fmt="score")
        mark = marks[i] if i < n and marks[i] is not None else ""
        book.indicator(ws, f"{at['selected']}{r}", "selected", f"{at['raw']}{r}", _CUT, lang, value=mark)
        said = stated[i] if i < n else None
        book.input(ws, f"{at['stated']}{r}", None if said is None else (yes if said else no), "text")
        shown = check_mark("" if said is None else (yes if said else no), mark, lang, model)
        book.indicator(ws, f"{at['check']}{r}", "selection_check", f"{at['stated']}{r}", f"{at['selected']}{r}", lang,
                       value=shown)  # fmt: skip

    book.text_limit(ws, f"A{first}:A{last}", 64, label=INDUSTRY_LABELS["industry"])
    book.number_range(ws, f"{crit_cols[0]}{first}:{crit_cols[-1]}{last}", card.scale_min, card.scale)
    book.fixed_choices(ws, f"{at['stated']}{first}:{at['stated']}{last}", [yes, no], label=INDUSTRY_LABELS["stated"])
    sel, chk = f"{at['selected']}{first}", f"{at['check']}{first}"
    book.colour_when(ws, f"{sel}:{at['selected']}{last}", X.is_selected(sel, lang), GREEN)
    book.colour_when(ws, f"{chk}:{at['check']}{last}", X.contradicted(chk), RED)
    ws.filter(f"A{_HEAD}:{end}{last}")
    ws.freeze(f"B{first}")
    ws.print_titles(rows=f"{_HEAD}:{_HEAD}")
