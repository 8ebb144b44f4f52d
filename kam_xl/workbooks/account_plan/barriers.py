"""Barriers: the wall criteria, competitor barriers and switching cost, barrier strength and level — docs/definitions.md §2.5."""

from __future__ import annotations

from kam_xl.core import barriers
from kam_xl.workbooks.account_plan.labels import LABELS
from kam_xl.workbooks.account_plan.layout import Layout, keyed, number, plain

__all__ = [
    "BARRIER_INPUT_COLUMN",
    "COMPONENTS",
    "COMPUTED_WALL",
    "WALL_FIRST_ROW",
    "WALL_OVERRIDE_COLUMN",
    "barriers_sheet",
]

# for readers of the sheet: the wall criteria's scores run down column C from row 5, in the model's order; the
# five components' inputs follow in the same column, under the wall's total and ratio, a blank row and a header
# (first component row = WALL_FIRST_ROW + number of wall criteria + 4), in COMPONENTS order. The criteria in
# COMPUTED_WALL are formulas in C (from the share of wallet, the level coverage) with an override input in
# WALL_OVERRIDE_COLUMN (blank = computed): a plan's ``wall`` value for them is that override.
WALL_FIRST_ROW, BARRIER_INPUT_COLUMN, WALL_OVERRIDE_COLUMN = 5, "C", "D"

_COMPONENTS = ("technical", "commercial", "procedural", "financial", "relational")
_SWITCHING = ("procedural", "financial", "relational")
COMPONENTS = _COMPONENTS
COMPUTED_WALL = {"share": ("wall_share", "wallet_share"), "contact": ("wall_contact", "coverage")}  # entry, source


def _guide(code: str, s: Layout) -> str | None:
    """The scoring guide beside a criterion; a computed one says what from, with the model's thresholds."""
    b = s.model.barrier
    zh = s.lang == "zh"
    if code == "share":
        lo, hi = f"{b.share_partial:.0%}", f"{b.share_full:.0%}"
        return (
            f"按钱包份额计算：低于{lo}为 0；{lo}–{hi}为 1；高于{hi}为 2"
            if zh
            else f"from the share of wallet: below {lo} 0; {lo}–{hi} 1; above {hi} 2"
        )
    if code == "contact":
        one, two = int(b.contact_partial), int(b.contact_full)
        return (
            f"按层级覆盖率计算（关系分 ≥ 阈值的层级数）：少于 {one} 个为 0；{one} 个起为 1；{two} 个起为 2"
            if zh
            else f"from the level coverage (levels with a relationship at the threshold): under {one} 0; "
            f"from {one} 1; from {two} 2"
        )
    guide = LABELS.get(f"guide_{code}")
    return None if guide is None else s.book.t(guide)


def barriers_sheet(s: Layout) -> None:
    m, lang, b, p = s.model, s.lang, s.book, s.p
    bar = m.barrier
    ws = s.start("barriers", (28, 9, 11, 14, 58))  # 120 wide: one portrait A4 page (book.PORTRAIT_WIDTH)
    s.heads(ws, 4, "ABC", ("wall_head", "max", "score_input"))
    b.label(ws, "D4", LABELS["override"])
    b.label(ws, "E4", LABELS["guide"])
    crit = bar.wall_criteria
    first = WALL_FIRST_ROW
    stated = keyed(p.wall, [c.code for c in crit], "wall", 0.0, None, lambda k: s.at("barriers", f"C{first + k}"),
                  ws.title)  # fmt: skip
    scores: list[float | None] = []
    for k, (c, v) in enumerate(zip(crit, stated, strict=True)):
        r = first + k
        b.label(ws, f"A{r}", c.text(lang), header=False)
        b.model_value(ws, f"B{r}", "KAM_BARRIER_WALL_CRITERIA_MAX", float(c.max), item=k + 1)
        computed = COMPUTED_WALL.get(c.code)
        if computed is not None and computed[1] in s.refs:
            key, source = computed
            over = number(v, f"wall.{c.code}", s.at("barriers", f"D{r}"), 0.0, c.max)
            b.input(ws, f"D{r}", over)
            b.number_range(ws, f"D{r}", 0, c.max, whole=True)
            shown = s.vals[source]
            rule = barriers.wall_share_score if key == "wall_share" else barriers.wall_contact_score
            value = over if over is not None else ("" if shown == "" else plain(rule(shown, m)))
            args = (s.refs[source],) if key == "wall_share" else (s.refs[source], len(m.buying_centre.levels))
            s.figure(key, ws, f"C{r}", *args, value=value, override=f"D{r}")
            scores.append(None if value == "" else float(value))  # type: ignore[arg-type]
        else:
            v = number(v, f"wall.{c.code}", s.at("barriers", f"C{r}"), 0.0, c.max)
            b.input(ws, f"C{r}", v)
            b.number_range(ws, f"C{r}", 0, c.max, whole=True)
            scores.append(v)
        guide = _guide(c.code, s)
        if guide:
            b.label(ws, f"E{r}", guide, header=False)
    last = first + len(crit) - 1
    done = None not in scores
    ratio = barriers.wall_ratio(scores, m) if done else ""
    r = last + 1
    b.label(ws, f"A{r}", s.t("wall"), header=False)
    s.figure("wall", ws, f"C{r}", f"C{first}:C{last}", len(crit), value=barriers.wall(scores, m) if done else "")
    b.label(ws, f"A{r + 1}", s.t("wall_ratio"), header=False)
    s.figure("wall_ratio", ws, f"C{r + 1}", f"C{r}", value=ratio, fmt="percent")
    if any(c.code in COMPUTED_WALL for c in crit):
        b.hint(ws, f"E{r}", LABELS["override_hint"], wrap=True)
        ws.height(r, 45)

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
