"""The diagnosis (SWOT, relationship, share of wallet, order structure, satisfaction) and the needs and value
proposition (iceberg needs, FABE) — docs/definitions.md §2.7–2.9, §2.12."""

from __future__ import annotations

from kam_xl.core import satisfaction, tally, wallet
from kam_xl.errors import KamError
from kam_xl.workbooks.account_plan.data import (
    FABE_ROWS,
    LINE_ROWS,
    NEED_KINDS,
    NEED_ROWS,
    STAGES,
    TYPES,
    Need,
    ProductLine,
    ValueProposition,
    block_rows,
)
from kam_xl.workbooks.account_plan.layout import Layout, absolute, choice, keyed, number, plain, text_of
from kam_xl.workbooks.canvas import Sheet

__all__ = [
    "LINES_FIRST_ROW",
    "NEEDS_FIRST_ROW",
    "OUR_SALES_CELL",
    "STAGE_CELL",
    "TOTAL_SPEND_CELL",
    "TYPE_CELL",
    "diagnosis_sheet",
    "needs_sheet",
]

# for readers of the sheet: the relationship's stage and type, our sales and the account's total spend, and the
# first product line (name in A, sales in B, the block as long as block_rows says)
STAGE_CELL, TYPE_CELL, OUR_SALES_CELL, TOTAL_SPEND_CELL = "B11", "B12", "B15", "B16"
LINES_FIRST_ROW = 21
NEEDS_FIRST_ROW = 10  # the needs sheet's first need (numbered in A; kind, need, expectation, status quo in B:E)


def diagnosis_sheet(s: Layout) -> None:
    lang, b, p = s.lang, s.book, s.p
    ws = s.start("diagnosis", (26, 18, 16, 16, 16, 14))
    s.head(ws, "A4", "swot")
    ws.merge("A4:F4")
    for r, k in enumerate(("strengths", "weaknesses", "opportunities", "threats"), start=5):
        s.side(ws, f"A{r}", k)
        b.input(ws, f"B{r}", text_of(getattr(p.swot, k)), "text")
        ws.merge(f"B{r}:F{r}")
        ws.height(r, 48)
    s.head(ws, "A10", "relation")
    ws.merge("A10:F10")
    for r, k, labels, value in ((11, "stage", STAGES, p.stage), (12, "type", TYPES, p.relationship_type)):
        s.side(ws, f"A{r}", k)
        b.input(ws, f"B{r}", choice(value, labels, k, lang, s.at("diagnosis", f"B{r}")))
        b.fixed_choices(ws, f"B{r}", [x.text(lang) for x in labels])

    s.head(ws, "A14", "wallet")
    ws.merge("A14:F14")
    ours = number(p.our_sales, "our_sales", s.at("diagnosis", "B15"), 0.0)
    total = number(p.total_spend, "total_spend", s.at("diagnosis", "B16"), 0.0)
    for r, k, amount in ((15, "our_sales", ours), (16, "total_spend", total)):
        s.side(ws, f"A{r}", k)
        b.input(ws, f"B{r}", amount, "money")
        b.number_range(ws, f"B{r}", 0, None)
    b.label(ws, "A17", s.t("wallet_share"), header=False)
    try:
        share = "" if ours is None or total is None else wallet.share_of_wallet(ours, total)
    except KamError as exc:  # our sales above the total spend, or a total of 0
        raise exc.at(s.at("diagnosis", "B15" if exc.field == "our_sales" else "B16")) from None
    s.figure("wallet_share", ws, "B17", "B15", "B16", value=share, fmt="percent")

    total_row = _orders(s, ws)
    _satisfaction(s, ws, total_row + 2)
    ws.freeze("A4")


def _orders(s: Layout, ws: Sheet) -> int:
    """Sales by product line (a block with spare rows), their total, each line's share of it; the total's row."""
    b, p = s.book, s.p
    s.head(ws, "A19", "orders")
    ws.merge("A19:F19")
    s.heads(ws, 20, "ABC", ("product_line", "sales", "share"))
    lines = list(p.product_lines)
    n = block_rows(len(lines), LINE_ROWS)
    first, last = 21, 21 + n - 1
    sales = []
    for i in range(n):
        line = lines[i] if i < len(lines) else ProductLine()
        r = first + i
        sales.append(number(line.sales, f"product_lines[{i + 1}].sales", s.at("diagnosis", f"B{r}"), 0.0))
        b.input(ws, f"A{r}", text_of(line.name))
        b.input(ws, f"B{r}", sales[-1], "money")
    b.number_range(ws, f"B{first}:B{last}", 0, None)
    total_row = last + 1
    total = tally.total(sales)
    shares = wallet.order_structure([0.0 if v is None else v for v in sales]).tolist() if total > 0 else None
    for i, v in enumerate(sales):
        r = first + i
        value = "" if v is None or shares is None else shares[i]
        b.indicator(ws, f"C{r}", "order_share", f"B{r}", f"$B${total_row}", value=value, fmt="percent")
    s.side(ws, f"A{total_row}", "total")
    b.indicator(ws, f"B{total_row}", "total", f"$B${first}:$B${last}", value=plain(total), fmt="money")
    return total_row


def _satisfaction(s: Layout, ws: Sheet, top: int) -> None:
    """Perceived and expected by the model's dimensions, the gap of each; the weighted gap, CSI and level."""
    m, lang, b, p = s.model, s.lang, s.book, s.p
    sat = m.satisfaction
    s.head(ws, f"A{top}", "satisfaction")
    ws.merge(f"A{top}:F{top}")
    s.heads(ws, top + 1, "ABCDE", ("dimension", "weight", "perceived", "expected", "gap"))
    dims = sat.dimensions
    codes = [d.code for d in dims]
    first = top + 2
    per = keyed(p.perceived, codes, "perceived", sat.scale_min, sat.scale_max,
                lambda k: s.at("diagnosis", f"C{first + k}"), ws.title)  # fmt: skip
    exp = keyed(p.expected, codes, "expected", sat.scale_min, sat.scale_max,
                lambda k: s.at("diagnosis", f"D{first + k}"), ws.title)  # fmt: skip
    both = [k for k in range(len(dims)) if per[k] is not None and exp[k] is not None]
    gaps = dict(zip(both, satisfaction.dimension_gap([per[k] for k in both], [exp[k] for k in both], m).tolist(),
                    strict=True))  # fmt: skip
    for k, d in enumerate(dims):
        r = first + k
        b.label(ws, f"A{r}", d.text(lang), header=False)
        b.model_value(ws, f"B{r}", "KAM_SATISFACTION_DIMENSIONS_WEIGHT", float(d.weight), item=k + 1)
        b.input(ws, f"C{r}", per[k])
        b.input(ws, f"D{r}", exp[k])
        # the competitors sheet sets each competitor against these scores: where they are, what they hold
        s.refs[f"perceived.{d.code}"], s.vals[f"perceived.{d.code}"] = absolute(ws.title, f"C{r}"), per[k]
        b.indicator(ws, f"E{r}", "dimension_gap", f"C{r}", f"D{r}", value=gaps.get(k, ""), fmt="number")
    last = first + len(dims) - 1
    b.number_range(ws, f"C{first}:D{last}", sat.scale_min, sat.scale_max)
    pr, er = f"C{first}:C{last}", f"D{first}:D{last}"
    gap = "" if None in per or None in exp else satisfaction.satisfaction_gap(per, exp, model=m)
    csi = "" if None in per else satisfaction.csi(per, model=m)
    level = "" if gap == "" else satisfaction.satisfaction_level(gap, m, lang)
    r = last + 1
    for k, (key, args, value, fmt) in enumerate(
        (
            ("sat_gap", (pr, er), gap, "number"),
            ("csi", (pr,), csi, "score"),
            ("sat_level", (f"E{r}", lang), level, "general"),
        )
    ):
        b.label(ws, f"A{r + k}", s.t(key), header=False)
        s.figure(key, ws, f"E{r + k}", *args, value=value, fmt=fmt)
    b.band_colours(ws, f"E{r + 2}", [x.text(lang) for x in sat.levels])


def needs_sheet(s: Layout) -> None:
    """Needs by kind (iceberg: explicit, implicit, deep) counted above their block; the FABE lines below it."""
    lang, b, p = s.lang, s.book, s.p
    ws = s.start("needs", (6, 12, 30, 28, 28, 28))
    needs = list(p.needs)
    n = block_rows(len(needs), NEED_ROWS)
    head, first = 9, 10
    last = first + n - 1
    kinds = [
        choice(x.kind, NEED_KINDS, f"needs[{i + 1}].kind", lang, s.at("needs", f"B{first + i}"))
        for i, x in enumerate(needs)
    ]
    kinds += [None] * (n - len(kinds))
    s.head(ws, "B4", "need_counts")
    ws.merge("B4:C4")
    for r, kind in enumerate(NEED_KINDS, start=5):
        name = kind.text(lang)
        b.label(ws, f"B{r}", name, header=False)
        b.indicator(ws, f"C{r}", "count_of", f"$B${first}:$B${last}", f"B{r}",
                    value=plain(tally.count_of(kinds, name)), fmt="int")  # fmt: skip
    s.heads(ws, head, "ABCDE", ("seq", "need_kind", "need", "expectation", "status_quo"))
    for i in range(n):
        r = first + i
        x = needs[i] if i < len(needs) else Need()
        b.value(ws, f"A{r}", i + 1)
        b.input(ws, f"B{r}", kinds[i])
        for col, value in zip("CDE", (x.need, x.expectation, x.status_quo), strict=True):
            b.input(ws, f"{col}{r}", text_of(value), "text")
    b.fixed_choices(ws, f"B{first}:B{last}", [x.text(lang) for x in NEED_KINDS])

    # FABE: the feature spans B:C, then advantage, benefit, evidence in D, E, F.
    props = list(p.value_propositions)
    top = last + 2
    s.head(ws, f"A{top}", "fabe")
    ws.merge(f"A{top}:F{top}")
    s.heads(ws, top + 1, "ABDEF", ("seq", "feature", "advantage", "benefit", "evidence"))
    ws.merge(f"B{top + 1}:C{top + 1}")
    for i in range(block_rows(len(props), FABE_ROWS)):
        r = top + 2 + i
        v = props[i] if i < len(props) else ValueProposition()
        b.value(ws, f"A{r}", i + 1)
        for col, value in zip("BDEF", (v.feature, v.advantage, v.benefit, v.evidence), strict=True):
            b.input(ws, f"{col}{r}", text_of(value), "text")
        ws.merge(f"B{r}:C{r}")
    ws.freeze(f"A{first}")
    ws.print_titles(rows=f"{head}:{head}")
