"""The overview: the account, goals and strategy, and a summary of every sheet's figures with the model's name."""

from __future__ import annotations

from kam_xl.core import wallet
from kam_xl.workbooks.account_plan.layout import ACCOUNT_ROW, AS_OF_ROW, Layout, caption, number, text_of
from kam_xl.workbooks.book import RED
from kam_xl.workbooks.labels import COMMON

__all__ = ["overview_sheet"]

# the summary: each sheet's figures, shown here (the share-of-wallet gap is computed here)
_SUMMARY = (
    ("score", "score"), ("tier", "general"), ("barrier", "score"), ("barrier_level", "general"),
    ("wallet_share", "percent"), ("share_gap", "percent"), ("coverage", "percent"), ("support", "number"),
    ("risks", "general"), ("csi", "score"), ("sat_level", "general"),
    ("competitive_gap", "number"), ("pct_done", "percent"),
    ("n_overdue", "int"), ("budget_used", "percent"),
)  # fmt: skip


def overview_sheet(s: Layout) -> None:
    """Laid out last: it shows the figures the other sheets computed."""
    m, b, p = s.model, s.book, s.p
    ws = s.start("overview", (26, 44, 4))
    s.head(ws, "A4", "basic")
    ws.merge("A4:B4")
    basic: tuple[tuple[int, str, object, str], ...] = (
        (ACCOUNT_ROW, "account", text_of(p.account), "general"),
        (6, "industry", text_of(p.industry), "general"),
        (7, "owner", text_of(p.owner), "general"),
        (AS_OF_ROW, "as_of", s.as_of, "date"),
        (9, "period", text_of(p.period), "general"),
    )
    share_target = number(p.share_target, "share_target", s.at("overview", "B13"), 0.0, 1.0)
    goals: tuple[tuple[int, str, object, str], ...] = (
        (12, "sales_target", number(p.sales_target, "sales_target", s.at("overview", "B12"), 0.0), "money"),
        (13, "share_target", share_target, "percent"),
        (14, "goal", text_of(p.goal), "text"),
        (15, "relationship_strategy", text_of(p.relationship_strategy), "text"),
        (16, "cooperation", text_of(p.cooperation), "text"),
    )
    for r, key, value, fmt in basic:
        s.side(ws, f"A{r}", key)
        b.input(ws, f"B{r}", value, fmt)
    b.dates(ws, f"B{AS_OF_ROW}")
    s.head(ws, "A11", "goals")
    ws.merge("A11:B11")
    for r, key, value, fmt in goals:
        s.side(ws, f"A{r}", key)
        b.input(ws, f"B{r}", value, fmt)
    b.number_range(ws, "B12", 0, None)
    b.number_range(ws, "B13", 0, 1)
    for r in (14, 15, 16):
        ws.height(r, 36)

    s.head(ws, "A18", "summary")
    ws.merge("A18:B18")
    row_of: dict[str, int] = {}
    for r, (key, fmt) in enumerate(_SUMMARY, start=19):
        row_of[key] = r
        b.label(ws, f"A{r}", caption(key), header=False)
        if key == "share_gap":  # the share of wallet (the row above) against its target
            share = s.vals["wallet_share"]
            gap = "" if share == "" or share_target is None else wallet.share_gap(share, share_target)
            s.figure("share_gap", ws, f"B{r}", f"B{r - 1}", "B13", value=gap, fmt=fmt)
        else:
            s.shows(ws, f"B{r}", key, fmt)
    b.band_colours(ws, f"B{row_of['tier']}", [t.text(s.lang) for t in m.tiers], alarm=False)
    b.band_colours(ws, f"B{row_of['barrier_level']}", [x.text(s.lang) for x in m.barrier.levels])
    b.band_colours(ws, f"B{row_of['sat_level']}", [x.text(s.lang) for x in m.satisfaction.levels])
    b.colour_when(ws, f"B{row_of['n_overdue']}", f"B{row_of['n_overdue']}>0", RED)

    r = row_of["budget_used"] + 2
    b.label(ws, f"A{r}", COMMON["model"])
    ws.merge(f"A{r}:B{r}")
    for k, (key, name, value) in enumerate(
        (("model_name", "KAM_MODEL_NAME", m.name), ("model_version", "KAM_MODEL_VERSION", m.version),
         ("model_hash", "KAM_MODEL_HASH", m.content_hash)),
        start=1,
    ):  # fmt: skip
        s.side(ws, f"A{r + k}", key)
        b.model_value(ws, f"B{r + k}", name, value)
    b.hint(ws, f"A{r + 5}", COMMON["generated_by"])
    ws.freeze("A4")
