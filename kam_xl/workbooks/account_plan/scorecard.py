"""The scorecard and tier, and the buying centre (docs/definitions.md §2.1–2.2, §2.9)."""

from __future__ import annotations

from typing import Any

import numpy as np

from kam_xl.core import buying_centre, scorecard
from kam_xl.errors import InputError
from kam_xl.models.schema import Scorecard
from kam_xl.workbooks.account_plan.data import CONTACT_ROWS, DISC, Contact, block_rows
from kam_xl.workbooks.account_plan.labels import GROUPS, GUIDES
from kam_xl.workbooks.account_plan.layout import Layout, choice, keyed, letters, number, plain, text_of
from kam_xl.workbooks.book import BLUE, GREEN, RED
from kam_xl.workbooks.labels import fit_height
from kam_xl.workbooks.model_sheet import name_of
from kam_xl.xlformulas.common import YES_NO, is_yes, label

__all__ = [
    "CONTACTS_FIRST_ROW",
    "CONTACT_COLUMNS",
    "CRITERIA_FIRST_ROW",
    "SCORE_COLUMN",
    "buying_centre_sheet",
    "guide",
    "scorecard_sheet",
]

# for readers of the sheet: the tier scorecard's criteria run down from this row, in the model's order, each
# one's score (an input) in this column
CRITERIA_FIRST_ROW, SCORE_COLUMN = 5, "F"
# … and the buying centre's contacts run down from this row (numbered in A, a block as long as block_rows
# says), each Contact field in its column (as buying_centre_sheet writes them)
CONTACTS_FIRST_ROW = 8
CONTACT_COLUMNS: dict[str, str] = dict(
    zip(("name", "title", "level", "role", "stance", "influence", "disc", "trust", "interest", "emotion"),
        "BCDEFGHIJK", strict=True)
)  # fmt: skip
# … the relationship map's lines, right of the computed columns (L, M): whom the contact reports to (another
# contact's name) and our owner of the contact; a plan made before them has these columns empty
CONTACT_COLUMNS.update(reports_to="N", owner="O")


def guide(card: Scorecard, code: str, lang: str) -> str | None:
    """What the lowest, the middle and the top score of criterion ``code`` mean, with the card's own numbers
    ("1 区域小厂；5 行业前五；10 行业第一" on a 1–10 card); None for a criterion the guides do not know."""
    texts = GUIDES.get(code)
    if texts is None:
        return None
    lo, hi = card.scale_min, card.scale
    marks = (lo, float((lo + hi) // 2), hi)  # 1, 5, 10 on 1–10; 0, 5, 10 on 0–10
    sep = "；" if lang == "zh" else "; "
    return sep.join(f"{v:g} {t[0] if lang == 'zh' else t[1]}" for v, t in zip(marks, texts, strict=True))


_GUIDE_WIDTH = 34  # column H: a guide wraps to two or three lines; the sheet still prints in portrait
_SAYS = (("zh", "："), ("en", ": "))  # a criterion's name and its guide, in an input message


def scorecard_sheet(s: Layout) -> None:
    """Criteria with their weight, direction, score, contribution and scoring guide; the scale, the raw and 0–100
    score, the tier."""
    m, lang, b = s.model, s.lang, s.book
    key = m.tier_scorecard
    card = m.scorecard(key)
    widths = (5, 22, 13, 8, 10, 12, 13, _GUIDE_WIDTH)  # 117 wide: portrait (Book's print rule)
    ws = s.start("scorecard", widths)
    head, first = 4, 5
    s.heads(ws, head, letters(8),
            ("seq", "criterion", "group", "weight", "direction", "score_input", "contribution", "guide"))  # fmt: skip
    b.label(ws, f"F{head}", f"{s.t('score_input')} ({card.scale_min:g}–{card.scale:g})")
    scores = keyed(s.p.scores, [c.code for c in card.criteria], "scores", card.scale_min, card.scale,
                   lambda k: s.at("scorecard", f"F{first + k}"), ws.title)  # fmt: skip
    weight, direction = name_of(f"scorecards.{key}.criteria.weight"), name_of(f"scorecards.{key}.criteria.direction")
    given = np.array([v is not None for v in scores])
    parts = scorecard.contribution(
        np.array([v for v in scores if v is not None], dtype=float), card.weights[given], card.directions[given]
    )
    contributions = iter(parts.tolist())
    for k, (c, sc) in enumerate(zip(card.criteria, scores, strict=True)):
        r = first + k
        b.value(ws, f"A{r}", k + 1)
        b.label(ws, f"B{r}", c.text(lang), header=False)
        group = GROUPS.get(c.group, c.group or "")
        b.label(ws, f"C{r}", group, header=False)
        b.model_value(ws, f"D{r}", weight, float(c.weight), item=k + 1)
        b.model_value(ws, f"E{r}", direction, float(c.direction), item=k + 1)
        text = guide(card, c.code, lang)
        b.input(ws, f"F{r}", sc)
        # the input message names the criterion and repeats its guide, for a user who sees the cell, not column H
        said = tuple(c.text(x) + (f"{sep}{guide(card, c.code, x)}" if text else "") for x, sep in _SAYS)
        b.number_range(ws, f"F{r}", card.scale_min, card.scale, label=(said[0], said[1]))
        value = "" if sc is None else next(contributions)
        b.indicator(ws, f"G{r}", "contribution", f"D{r}", f"E{r}", f"F{r}", value=plain(value))
        if text is not None:
            b.label(ws, f"H{r}", text, header=False)
        wrapped = [(c.text(lang), widths[1]), (b.t(group) if isinstance(group, tuple) else group, widths[2])]
        need = fit_height([*wrapped, *([(text, widths[7])] if text else [])])
        if need > 18:  # a row left at its default height cuts wrapped text off
            ws.height(r, need)
    last = first + len(card.criteria) - 1
    rng = f"F{first}:F{last}"
    arr = np.array([np.nan if v is None else v for v in scores], dtype=float)
    incomplete = np.isnan(arr).all() if m.missing == "zero" else np.isnan(arr).any()
    raw = "" if incomplete else scorecard.score_raw(arr, card, m)
    value = "" if incomplete else scorecard.score(arr, card, m)
    r = last + 2
    s.side(ws, f"B{r}", "scale_min")
    b.model_value(ws, f"F{r}", name_of(f"scorecards.{key}.scale_min"), float(card.scale_min))
    r += 1
    s.side(ws, f"B{r}", "scale")
    b.model_value(ws, f"F{r}", name_of(f"scorecards.{key}.scale"), float(card.scale))
    s.side(ws, f"B{r + 1}", "score_raw")
    s.figure("score_raw", ws, f"F{r + 1}", rng, key, m, value=raw, fmt="number")
    s.side(ws, f"B{r + 2}", "score")
    s.figure("score", ws, f"F{r + 2}", rng, key, m, value=value, fmt="score")
    s.side(ws, f"B{r + 3}", "tier")
    tier = "" if value == "" else scorecard.tier(value, m, lang)
    s.figure("tier", ws, f"F{r + 3}", f"F{r + 2}", lang, value=tier)
    b.band_colours(ws, f"F{r + 3}", [t.text(lang) for t in m.tiers], alarm=False)
    ws.freeze(f"A{first}")
    ws.print_titles(rows=f"{head}:{head}")


# ---------------------------------------------------------------- buying centre

_CONTACT_COLUMNS = ("seq", "name", "title", "level", "role", "stance", "influence", "disc", "trust", "interest",
                    "emotion", "relationship", "stance_value", "reports_to", "our_owner")  # fmt: skip
_BY_ROLE = ("opposing_decision_maker", "no_coach")  # flags the formulas read from roles (and stance values)


def _flags(s: Layout, rows: list[dict[str, Any]]) -> dict[str, bool] | None:
    """Each risk flag as its formula reads a block with blank cells (None while no level is given).

    The formulas count the cells that are filled in (COUNTIF(S)) and read a blank
    stance value as no stance: each flag's core call gets exactly the rows its formula
    counts — contacts with a role for the flags about roles, contacts with a level for
    the others, the missing half filled with a value that no flag reads.
    """
    m = s.model
    levelled = [r for r in rows if r["level"] is not None]
    if not levelled:
        return None
    codes = [x.code for x in m.buying_centre.roles]
    filler = next((c for c in codes if c not in ("decision_maker", "coach")), codes[0])
    top = m.buying_centre.levels[0].code
    roled = [r for r in rows if r["role"] is not None]
    by_role = ([top] * len(roled), [r["role"] for r in roled], [r["stance_value"] or 0.0 for r in roled])
    by_level = ([r["level"] for r in levelled], [filler] * len(levelled), [0.0] * len(levelled))
    out = {}
    for f in buying_centre.RISK_FLAGS:
        levels, roles, stances = by_role if f.code in _BY_ROLE else by_level
        out[f.code] = buying_centre.risk_flag(f.code, levels, roles, stances, m)
    return out


def _strip(s: Layout, rows: list[dict[str, Any]]) -> dict[str, object]:
    """Coverage, support and depth as their formulas read a block with blank cells.

    Coverage counts the contacts with a level and a relationship (COUNTIFS); support
    and depth the contacts with an influence, a blank stance value or relationship
    adding 0 (SUMPRODUCT); each is blank while nothing it counts is given.
    """
    m = s.model
    levelled = [r for r in rows if r["level"] is not None]
    with_rel = [r for r in levelled if r["rel"] is not None]
    weighted = [r for r in rows if r["influence"] is not None]
    infl = [r["influence"] for r in weighted]
    coverage = [r["level"] for r in with_rel], [r["rel"] for r in with_rel]
    return {
        "coverage": "" if not levelled else buying_centre.coverage(*coverage, m),
        "support": "" if not weighted else buying_centre.support_index(infl, [r["stance_value"] or 0.0 for r in weighted], m),
        "depth": "" if not weighted else buying_centre.depth(infl, [r["rel"] or 0.0 for r in weighted], m),
    }  # fmt: skip


def _contact(s: Layout, c: Contact, i: int, r: int) -> dict[str, Any]:
    """Contact ``i`` (1-based) read for row ``r``: labels in the book's language, numbers in range."""
    bc, lang = s.model.buying_centre, s.lang
    at = {col: s.at("buying", f"{col}{r}") for col in "DEFGHIJK"}
    where = f"contacts[{i}]"
    row: dict[str, Any] = {
        "name": text_of(c.name),
        "title": text_of(c.title),
        "level": choice(c.level, bc.levels, f"{where}.level", lang, at["D"]),
        "role": choice(c.role, bc.roles, f"{where}.role", lang, at["E"]),
        "stance": choice(c.stance, bc.stances, f"{where}.stance", lang, at["F"]),
        "influence": number(c.influence, f"{where}.influence", at["G"], bc.influence_min, bc.influence_max),
        "disc": choice(c.disc, DISC, f"{where}.disc", lang, at["H"]),
        "rel": None,  # the figures of the row, filled in from the core
        "stance_value": None,
    }
    for col, part in zip("IJK", ("trust", "interest", "emotion"), strict=True):
        row[part] = number(getattr(c, part), f"{where}.{part}", at[col], 0.0, buying_centre.RELATIONSHIP_PART_MAX)
    row["reports_to"], row["owner"] = text_of(c.reports_to), text_of(c.owner)
    return row


def _reports_to(s: Layout, rows: list[dict[str, Any]], first: int) -> None:
    """Each contact reports to another contact of the list, by name (not to themself): else an error at the cell."""
    names = {x["name"] for x in rows if x["name"] is not None}
    for i, x in enumerate(rows):
        up = x["reports_to"]
        if up is not None and (up not in names or up == x["name"]):
            raise InputError(
                f"contacts[{i + 1}].reports_to",
                f"汇报对象应为名单中另一位联系人的姓名，而不是 “{up}”",
                f"must be the name of another contact of the list, not '{up}'",
                s.at("buying", f"{CONTACT_COLUMNS['reports_to']}{first + i}"),
            )


def buying_centre_sheet(s: Layout) -> None:
    """One row per contact (a block with spare rows), each with its relationship and stance value; coverage,
    support, depth, the threshold and the risk flags above the block."""
    m, lang, b = s.model, s.lang, s.book
    bc = m.buying_centre
    ws = s.start("buying", (6, 12, 18, 10, 10, 9, 12, 7, 10, 10, 10, 11, 9, 12, 16))
    contacts = list(s.p.contacts)
    n = block_rows(len(contacts), CONTACT_ROWS)
    head, first = 7, 8
    last = first + n - 1
    s.heads(ws, head, letters(len(_CONTACT_COLUMNS)), _CONTACT_COLUMNS)
    ws.filter(f"A{head}:{letters(len(_CONTACT_COLUMNS))[-1]}{last}")
    rows = [_contact(s, contacts[i] if i < len(contacts) else Contact(), i + 1, first + i) for i in range(n)]
    _reports_to(s, rows, first)

    # each contact's relationship and stance value, from the core, for the rows that have them
    full = [i for i, x in enumerate(rows) if None not in (x["trust"], x["interest"], x["emotion"])]
    rel = buying_centre.relationship(*([rows[i][p] for i in full] for p in ("trust", "interest", "emotion")))
    stanced = [i for i, x in enumerate(rows) if x["stance"] is not None]
    values = buying_centre.stance_value([rows[i]["stance"] for i in stanced], m)
    for i, v in zip(full, rel.tolist(), strict=True):
        rows[i]["rel"] = v
    for i, v in zip(stanced, values.tolist(), strict=True):
        rows[i]["stance_value"] = v

    for i, x in enumerate(rows):
        r = first + i
        b.value(ws, f"A{r}", i + 1)
        for col, k in zip("BCDEFGHIJK", ("name", "title", "level", "role", "stance", "influence", "disc", "trust",
                                         "interest", "emotion"), strict=True):  # fmt: skip
            b.input(ws, f"{col}{r}", x[k])
        rel_v, sv = x["rel"], x["stance_value"]
        b.indicator(ws, f"L{r}", "relationship", f"I{r}", f"J{r}", f"K{r}", value="" if rel_v is None else rel_v)
        b.indicator(ws, f"M{r}", "stance_value", f"F{r}", lang, value="" if sv is None else sv)
        b.input(ws, f"N{r}", x["reports_to"])
        b.input(ws, f"O{r}", x["owner"])
    # reports to: a dropdown of the list's names, nothing else accepted (a name typed differently is a broken line)
    b.list_choices(ws, f"N{first}:N{last}", f"=$B${first}:$B${last}", strict=True)
    b.choices(ws, f"D{first}:D{last}", label("KAM_BUYING_CENTRE_LEVELS", lang))
    b.choices(ws, f"E{first}:E{last}", label("KAM_BUYING_CENTRE_ROLES", lang))
    b.choices(ws, f"F{first}:F{last}", label("KAM_BUYING_CENTRE_STANCES", lang))
    b.number_range(ws, f"G{first}:G{last}", bc.influence_min, bc.influence_max)
    b.fixed_choices(ws, f"H{first}:H{last}", [x.code for x in DISC])
    b.number_range(ws, f"I{first}:K{last}", 0, buying_centre.RELATIONSHIP_PART_MAX)
    b.colour_labels(
        ws, f"F{first}:F{last}", [(x.text(lang), f) for x, f in zip(bc.stances, (GREEN, BLUE, RED), strict=False)]
    )

    # Summary strip above the block: captions in row 4, values in row 5.
    lv, rl, st = f"$D${first}:$D${last}", f"$E${first}:$E${last}", f"$M${first}:$M${last}"
    infl, rel_rng = f"$G${first}:$G${last}", f"$L${first}:$L${last}"
    res = _strip(s, rows)
    for col, key, args, fmt in (
        ("B", "coverage", (lv, rel_rng, lang, len(bc.levels)), "percent"),
        ("C", "support", (infl, st), "number"),
        ("D", "depth", (infl, rel_rng), "percent"),
    ):
        s.head(ws, f"{col}4", key)
        s.figure(key, ws, f"{col}5", *args, value=res[key], fmt=fmt)
    s.head(ws, "E4", "threshold")
    b.model_value(ws, "E5", "KAM_BUYING_CENTRE_RELATIONSHIP_THRESHOLD", float(bc.relationship_threshold))
    flags = _flags(s, rows)
    for col, flag in zip("FGHI", buying_centre.RISK_FLAGS, strict=True):
        b.label(ws, f"{col}4", flag.text(lang))
        value = "" if flags is None else YES_NO[lang][0 if flags[flag.code] else 1]
        b.indicator(ws, f"{col}5", "risk_flag", flag.code, lv, rl, st, lang, m, value=value)
        b.colour_when(ws, f"{col}5", is_yes(f"{col}5", lang), RED)
    s.head(ws, "J4", "risks")
    ws.merge("J4:M4")
    on = [] if flags is None else [k for k, v in flags.items() if v]
    s.figure("risks", ws, "J5", lv, rl, st, lang, m, value="" if flags is None else buying_centre.risk_text(on, lang))
    ws.merge("J5:M5")
    ws.height(4, 32)
    ws.freeze(f"A{first}")
    ws.print_titles(rows=f"{head}:{head}")
