"""The competitors at the account (竞争分析, seed 002): the list, the customer's satisfaction with us and with each
competitor on the same criteria, our lead or lag, and our USPs (客户有需求 且 竞争对手做不到) — docs/definitions.md
§2.16.

The list (name, share, strengths, weaknesses, our USP in words) is a block with spare rows; under it the account's
spend not placed. Below, three grids share their columns — the model's satisfaction dimensions down, a column per
row of the list across: the scores (importance, whether the customer needs it, our score from the diagnosis, each
competitor's), the lead per criterion with the overall lead, and the USP marks. A competitor added by inserting a
row into the list counts in the shares at once; the grids keep one column per row the sheet was made with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from kam_xl.core import competition
from kam_xl.errors import KamError, Position
from kam_xl.indicators.competition import need_mark, usp_mark
from kam_xl.workbooks.account_plan.data import COMPETITOR_ROWS, Competitor, block_rows
from kam_xl.workbooks.account_plan.layout import Layout, keyed, letters, number, plain, text_of
from kam_xl.workbooks.book import GREEN
from kam_xl.workbooks.canvas import Sheet
from kam_xl.workbooks.labels import Text
from kam_xl.xlformulas import common as xlc
from kam_xl.xlformulas.competition import is_usp

__all__ = ["COMPETITORS_FIRST_ROW", "COMPETITOR_COLUMNS", "GRID_FIRST_COLUMN", "Places", "competitors_sheet", "places"]

# for readers of the sheet: the competitors run down from this row (numbered in A), each field in its column;
# the grids give competitor k (0-based) the column GRID_FIRST_COLUMN + k
COMPETITORS_FIRST_ROW = 6
COMPETITOR_COLUMNS: dict[str, str] = {"name": "B", "share": "C", "strengths": "D", "weaknesses": "E", "usp": "F"}
GRID_FIRST_COLUMN = 6  # F


class Places(NamedTuple):
    """The sheet's rows for a list of ``n`` rows and the model's ``nd`` dimensions (:func:`places`)."""

    last: int  # the list's last row
    ours: int  # our share of wallet, under the list (in C) …
    rest: int  # … and the share not listed
    scores: int  # the first dimension's row of the scores grid (importance in C, us in E, competitors from F)
    leads: int  # … of the lead grid
    overall: int  # the overall lead of each competitor
    usps: int  # the first dimension's row of the USP marks


def places(n: int, nd: int) -> Places:
    """Where each block lands: the list from :data:`COMPETITORS_FIRST_ROW`, then (a blank row, a heading and a
    row of names before each grid) the scores, the leads with the overall lead, the USP marks."""
    last = COMPETITORS_FIRST_ROW + n - 1
    scores = last + 6
    leads = scores + nd + 3
    overall = leads + nd
    return Places(last, last + 1, last + 2, scores, leads, overall, overall + 4)


_TEXT: dict[str, Text] = {
    "list": ("竞争对手（主要对手列第一）", "Competitors (the main one first)"),
    "competitor": ("竞争对手", "Competitor"),
    "share": ("份额(0-1)", "Share (0–1)"),
    "strengths": ("优势", "Strengths"),
    "weaknesses": ("劣势", "Weaknesses"),
    "usp": ("我方对其的独特卖点（USP）", "Our USP against it"),
    "our_share": ("我方钱包份额（诊断）", "Our share of wallet (diagnosis)"),
    "scores": ("客户满意程度：我方与各竞争对手（1-10）", "Customer satisfaction: us and each competitor (1–10)"),
    "importance": ("重视度(1-10)", "Importance (1–10)"),
    "us": ("我方（诊断）", "Us (diagnosis)"),
    "needed": ("客户有需求", "Needed"),
    "overall": ("综合领先（加权）", "Overall lead (weighted)"),
    "leads": ("领先 / 落后（我方 − 对手）", "Lead / lag (us − competitor)"),
    "usps": ("独特卖点：客户有需求 且 竞争对手做不到", "USP: the customer needs it and the competitor can't match us"),
}


def _head(s: Layout, ws: Sheet, ref: str, key: str) -> None:
    s.book.label(ws, ref, _TEXT[key] if key in _TEXT else s.t(key))


def competitors_sheet(s: Layout) -> None:
    """Laid out after the diagnosis: it sets each competitor against our scores and share of wallet there."""
    m, lang, b, p = s.model, s.lang, s.book, s.p
    sat = m.satisfaction
    comps = list(p.competitors)
    n = block_rows(len(comps), COMPETITOR_ROWS)
    grid = letters(GRID_FIRST_COLUMN - 1 + n)[GRID_FIRST_COLUMN - 1 :]  # a column per row of the list
    # A holds the grids' dimension names too; the grid columns hold the competitors' names and F the USP in words
    ws = s.start("competitors", (22, 18, 12, 22, 22, *([20] * n)))
    dims = sat.dimensions
    codes = [d.code for d in dims]
    nd = len(dims)
    at = places(n, nd)
    first, last = COMPETITORS_FIRST_ROW, at.last

    # ------------------------------------------------------------ the list
    _head(s, ws, "A4", "list")
    ws.merge("A4:F4")
    for col, key in zip("ABCDEF", ("seq", "competitor", "share", "strengths", "weaknesses", "usp"), strict=True):
        _head(s, ws, f"{col}5", key)
    ws.height(5, 30)
    shares: list[float | None] = []
    for i in range(n):
        c = comps[i] if i < len(comps) else Competitor()
        r = first + i
        shares.append(number(c.share, f"competitors[{i + 1}].share", s.at("competitors", f"C{r}"), 0.0, 1.0))
        b.value(ws, f"A{r}", i + 1)
        b.input(ws, f"B{r}", text_of(c.name))
        b.input(ws, f"C{r}", shares[-1], "percent")
        for col, value in zip("DEF", (c.strengths, c.weaknesses, c.usp), strict=True):
            b.input(ws, f"{col}{r}", text_of(value), "text")
        ws.height(r, 56)
    b.number_range(ws, f"C{first}:C{last}", 0, 1)

    ours = s.vals["wallet_share"]
    given = [x for x in shares if x is not None]
    try:  # our share and theirs together above 1: refused at the first competitor's share
        rest = "" if ours == "" else competition.share_rest(ours, given)
        if ours == "" and given:
            competition.share_rest(0.0, given)
    except KamError as exc:
        raise exc.at(s.at("competitors", f"C{first}")) from None
    for r, caption in ((at.ours, _TEXT["our_share"]), (at.rest, s.t("share_rest"))):
        b.label(ws, f"A{r}", caption, header=False)
        ws.merge(f"A{r}:B{r}")
    s.shows(ws, f"C{at.ours}", "wallet_share", "percent")
    b.indicator(ws, f"C{at.rest}", "share_rest", f"C{at.ours}", f"$C${first}:$C${last}", value=plain(rest),
                fmt="percent")  # fmt: skip

    # ------------------------------------------------------------ the scores
    d0 = at.scores
    top, names_row = d0 - 2, d0 - 1
    _head(s, ws, f"A{top}", "scores")
    ws.merge(f"A{top}:{grid[-1]}{top}")
    ws.height(names_row, 30)
    dl = d0 + nd - 1
    for col, key in zip("ABCDE", ("dimension", "weight", "importance", "needed", "us"), strict=True):
        _head(s, ws, f"{col}{names_row}", key)
    _names(s, ws, names_row, grid, first, comps)
    imp = keyed(p.importance, codes, "importance", sat.scale_min, sat.scale_max,
                lambda k: s.at("competitors", f"C{d0 + k}"), ws.title)  # fmt: skip
    us = [s.vals[f"perceived.{c}"] for c in codes]
    theirs = [
        keyed((comps[i] if i < len(comps) else Competitor()).scores, codes, f"competitors[{i + 1}].scores",
              sat.scale_min, sat.scale_max, _cells(s, col, d0), ws.title)
        for i, col in enumerate(grid)
    ]  # fmt: skip
    for k, d in enumerate(dims):
        r = d0 + k
        b.label(ws, f"A{r}", d.text(lang), header=False)
        b.model_value(ws, f"B{r}", "KAM_SATISFACTION_DIMENSIONS_WEIGHT", float(d.weight), item=k + 1)
        b.input(ws, f"C{r}", imp[k])
        need = "" if imp[k] is None else need_mark(imp[k], lang, m).item()
        b.indicator(ws, f"D{r}", "need", f"C{r}", lang, value=need)
        target = s.refs[f"perceived.{d.code}"]
        shown = "" if us[k] is None else plain(us[k])
        b.formula(ws, f"E{r}", xlc.blank_unless(xlc.ref(target), target), shown, source="reference")
        for i, col in enumerate(grid):
            b.input(ws, f"{col}{r}", theirs[i][k])
    b.number_range(ws, f"C{d0}:C{dl}", sat.scale_min, sat.scale_max)
    b.number_range(ws, f"{grid[0]}{d0}:{grid[-1]}{dl}", sat.scale_min, sat.scale_max)

    # ------------------------------------------------------------ lead / lag, the overall lead
    l0, gap_row = at.leads, at.overall
    _grid_head(s, ws, l0, "leads", grid, comps)
    b.label(ws, f"A{gap_row}", _TEXT["overall"], header=False)
    for i, col in enumerate(grid):
        for k in range(nd):
            both = us[k] is not None and theirs[i][k] is not None
            lead = competition.lead(us[k], theirs[i][k], m) if both else ""
            b.indicator(ws, f"{col}{l0 + k}", "competitor_lead", f"$E{d0 + k}", f"{col}{d0 + k}", value=plain(lead),
                        fmt="number")  # fmt: skip
        full = None not in us and None not in theirs[i]
        gap = competition.competitive_gap(us, theirs[i], m) if full else ""
        args = (f"$E${d0}:$E${dl}", f"{col}${d0}:{col}${dl}")
        if i == 0:  # the main competitor's overall lead: the overview shows it
            s.figure("competitive_gap", ws, f"{col}{gap_row}", *args, value=gap, fmt="number")
        else:
            b.indicator(ws, f"{col}{gap_row}", "competitive_gap", *args, value=plain(gap), fmt="number")

    # ------------------------------------------------------------ USP
    u0 = at.usps
    _grid_head(s, ws, u0, "usps", grid, comps)
    for k in range(nd):
        r = u0 + k
        for i, col in enumerate(grid):
            known = None not in (imp[k], us[k], theirs[i][k])
            mark = usp_mark(imp[k], us[k], theirs[i][k], lang, m).item() if known else ""
            b.indicator(ws, f"{col}{r}", "usp", f"$C{d0 + k}", f"$E{d0 + k}", f"{col}{d0 + k}", lang, value=mark)
    b.colour_when(ws, f"{grid[0]}{u0}:{grid[-1]}{u0 + nd - 1}", is_usp(f"{grid[0]}{u0}"), GREEN)
    ws.freeze(f"A{first}")


def _cells(s: Layout, col: str, top: int) -> Callable[[int], Position]:
    """Where the ``k``-th dimension's score of grid column ``col`` lands."""
    return lambda k: s.at("competitors", f"{col}{top + k}")


def _grid_head(s: Layout, ws: Sheet, top: int, key: str, grid: str, comps: list[Competitor]) -> None:
    """A grid's heading bar and row of names over its first row ``top``, and the dimensions down column A."""
    _head(s, ws, f"A{top - 2}", key)
    ws.merge(f"A{top - 2}:{grid[-1]}{top - 2}")
    _head(s, ws, f"A{top - 1}", "dimension")
    _names(s, ws, top - 1, grid, COMPETITORS_FIRST_ROW, comps)
    for k, d in enumerate(s.model.satisfaction.dimensions):
        s.book.label(ws, f"A{top + k}", d.text(s.lang), header=False)


def _names(s: Layout, ws: Sheet, row: int, grid: str, first: int, comps: list[Competitor]) -> None:
    """The grid's column captions: each competitor's name, shown from the list."""
    for i, col in enumerate(grid):
        target = f"$B${first + i}"
        name = text_of(comps[i].name) if i < len(comps) else None
        s.book.formula(ws, f"{col}{row}", xlc.blank_unless(xlc.ref(target), target), name or "", source="reference")
