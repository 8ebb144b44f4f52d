"""Barriers: the wall criteria, competitor barriers and switching cost, barrier strength and level — docs/definitions.md §2.5."""

from __future__ import annotations

from kam_xl.core import barriers
from kam_xl.workbooks.account_plan.labels import LABELS
from kam_xl.workbooks.account_plan.layout import Layout, keyed, number

__all__ = ["BARRIER_INPUT_COLUMN", "COMPONENTS", "WALL_FIRST_ROW", "barriers_sheet"]

# for readers of the sheet: the wall criteria's scores run down column C from row 5, in the model's order; the
# five components' inputs follow in the same column, under the wall's total and ratio, a blank row and a header
# (first component row = WALL_FIRST_ROW + number of wall criteria + 4), in COMPONENTS order
WALL_FIRST_ROW, BARRIER_INPUT_COLUMN = 5, "C"

_COMPONENTS = ("technical", "commercial", "procedural", "financial", "relational")
_SWITCHING = ("procedural", "financial", "relational")
COMPONENTS = _COMPONENTS


def barriers_sheet(s: Layout) -> None:
    m, lang, b, p = s.model, s.lang, s.book, s.p
    bar = m.barrier
    ws = s.start("barriers", (28, 10, 12, 60))
    s.heads(ws, 4, "ABCD", ("wall_head", "max", "score_input", "guide"))
    crit = bar.wall_criteria
    first = 5
    scores = keyed(p.wall, [c.code for c in crit], "wall", 0.0, None, lambda k: s.at("barriers", f"C{first + k}"),
                   ws.title)  # fmt: skip
    for k, (c, v) in enumerate(zip(crit, scores, strict=True)):
        r = first + k
        b.label(ws, f"A{r}", c.text(lang), header=False)
        b.model_value(ws, f"B{r}", "KAM_BARRIER_WALL_CRITERIA_MAX", float(c.max), item=k + 1)
        b.input(ws, f"C{r}", number(v, f"wall.{c.code}", s.at("barriers", f"C{r}"), 0.0, c.max))
        b.number_range(ws, f"C{r}", 0, c.max, whole=True)
        guide = LABELS.get(f"guide_{c.code}")
        if guide:
            b.label(ws, f"D{r}", guide, header=False)
    last = first + len(crit) - 1
    done = None not in scores
    ratio = barriers.wall_ratio(scores, m) if done else ""
    r = last + 1
    b.label(ws, f"A{r}", s.t("wall"), header=False)
    s.figure("wall", ws, f"C{r}", f"C{first}:C{last}", len(crit), value=barriers.wall(scores, m) if done else "")
    b.label(ws, f"A{r + 1}", s.t("wall_ratio"), header=False)
    s.figure("wall_ratio", ws, f"C{r + 1}", f"C{r}", value=ratio, fmt="percent")

    top = r + 3
    s.heads(ws, top, "ABC", ("components", "max", "score_input"))
    vals: dict[str, float | None] = {}
    cell: dict[str, str] = {}
    for rr, key in enumerate(_COMPONENTS, start=top + 1):
        cell[key] = f"C{rr}"
        vals[key] = number(getattr(p, key), key, s.at("barriers", cell[key]), 0.0, bar.component_scale)
        s.side(ws, f"A{rr}", key)
        b.model_value(ws, f"B{rr}", "KAM_BARRIER_COMPONENT_SCALE", float(bar.component_scale))
        b.input(ws, cell[key], vals[key])
        b.number_range(ws, cell[key], 0, bar.component_scale)
    rr = top + 6
    procedural, financial, relational = (vals[k] for k in _SWITCHING)
    given = procedural is not None and financial is not None and relational is not None
    switching = barriers.switching_cost(procedural, financial, relational, m) if given else ""
    b.label(ws, f"A{rr}", s.t("switching"), header=False)
    s.figure("switching", ws, f"C{rr}", *(cell[k] for k in _SWITCHING), value=switching, fmt="number")
    parts = (ratio, vals["technical"], vals["commercial"], switching)
    strength = "" if any(x is None or x == "" for x in parts) else barriers.barrier_strength(*parts, m)
    b.label(ws, f"A{rr + 1}", s.t("barrier"), header=False)
    s.figure("barrier", ws, f"C{rr + 1}", f"C{r + 1}", cell["technical"], cell["commercial"], f"C{rr}",
             value=strength, fmt="score")  # fmt: skip
    level = "" if strength == "" else barriers.barrier_level(strength, m, lang)
    b.label(ws, f"A{rr + 2}", s.t("barrier_level"), header=False)
    s.figure("barrier_level", ws, f"C{rr + 2}", f"C{rr + 1}", lang, value=level)
    b.band_colours(ws, f"C{rr + 2}", [x.text(lang) for x in bar.levels])
    ws.freeze("A5")
