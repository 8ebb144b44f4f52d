"""The action plan (PDCA / joint business plan) with its roll-ups, and the resources matched to the account's tier
— docs/definitions.md §2.4, §2.12."""

from __future__ import annotations

from kam_xl.core import plans, profitability
from kam_xl.workbooks.account_plan.data import ACTION_ROWS, PHASES, STATUSES, Action, Resource, block_rows
from kam_xl.workbooks.account_plan.labels import RESOURCES
from kam_xl.workbooks.account_plan.layout import (
    AS_OF_ROW,
    Layout,
    absolute,
    choice,
    day,
    letters,
    number,
    plain,
    text_of,
)
from kam_xl.workbooks.book import GREEN, RED
from kam_xl.workbooks.canvas import Sheet
from kam_xl.xlformulas.common import label

__all__ = ["ACTIONS_FIRST_ROW", "ACTION_COLUMNS", "actions_sheet", "resources_sheet"]

_COLUMNS = (
    "seq",
    "action",
    "owner",
    "phase",
    "start",
    "due",
    "budget",
    "spent",
    "status",
    "overdue_col",
    "over_budget",
)
_INPUTS = (("B", "action", "text"), ("C", "owner", "general"), ("D", "phase", "general"), ("E", "start", "date"),
           ("F", "due", "date"), ("G", "budget", "money"), ("H", "spent", "money"), ("I", "status", "general"))  # fmt: skip
# for readers of the sheet: the actions run down from this row (a block as long as block_rows says), each
# Action field in its column
ACTIONS_FIRST_ROW = 8
ACTION_COLUMNS: dict[str, str] = {key: col for col, key, _ in _INPUTS}


def _action(s: Layout, a: Action, i: int, r: int) -> dict[str, object]:
    """Action ``i`` (1-based) read for row ``r``: labels in the book's language, dates, amounts ≥ 0."""
    lang, field = s.lang, f"actions[{i}]"
    at = {col: s.at("actions", f"{col}{r}") for col in "DEFGHI"}
    return {
        "action": text_of(a.action),
        "owner": text_of(a.owner),
        "phase": choice(a.phase, PHASES, f"{field}.phase", lang, at["D"]),
        "start": day(a.start, f"{field}.start", at["E"]),
        "due": day(a.due, f"{field}.due", at["F"]),
        "budget": number(a.budget, f"{field}.budget", at["G"], 0.0),
        "spent": number(a.spent, f"{field}.spent", at["H"], 0.0),
        "status": choice(a.status, STATUSES, f"{field}.status", lang, at["I"]),
    }


def actions_sheet(s: Layout) -> None:
    """One row per action (a block with spare rows), each with its overdue and over-budget flags; the roll-ups above
    the block."""
    lang, b = s.lang, s.book
    ws = s.start("actions", (6, 38, 11, 11, 12, 12, 15, 15, 11, 9, 10))
    actions = list(s.p.actions)
    n = block_rows(len(actions), ACTION_ROWS)
    head, first = 7, 8
    last = first + n - 1
    s.heads(ws, head, letters(len(_COLUMNS)), _COLUMNS)
    rows = [_action(s, actions[i] if i < len(actions) else Action(), i + 1, first + i) for i in range(n)]
    column = {k: [x[k] for x in rows] for k in ("action", "due", "status", "budget", "spent")}
    late = plans.overdue(column["action"], column["due"], column["status"], s.as_of, lang)
    over = plans.over_budget(column["budget"], column["spent"], lang)
    as_of = s.overview(AS_OF_ROW)
    for i, x in enumerate(rows):
        r = first + i
        b.value(ws, f"A{r}", i + 1)
        for col, k, fmt in _INPUTS:
            b.input(ws, f"{col}{r}", x[k], fmt)
        b.indicator(ws, f"J{r}", "overdue", f"B{r}", f"F{r}", f"I{r}", as_of, lang, value=plain(late[i]))
        b.indicator(ws, f"K{r}", "over_budget", f"G{r}", f"H{r}", lang, value=plain(over[i]))
    done = next(x for x in STATUSES if x.code == "done").text(lang)
    b.fixed_choices(ws, f"D{first}:D{last}", [x.text(lang) for x in PHASES])
    b.dates(ws, f"E{first}:F{last}")
    b.number_range(ws, f"G{first}:H{last}", 0, None)
    b.fixed_choices(ws, f"I{first}:I{last}", [x.text(lang) for x in STATUSES])
    b.colour_labels(ws, f"J{first}:J{last}", [(plans.OVERDUE.text(lang), RED)])
    b.colour_labels(ws, f"K{first}:K{last}", [(plans.OVER_BUDGET.text(lang), RED)])
    b.colour_labels(ws, f"I{first}:I{last}", [(done, GREEN)])

    # Roll-ups: a strip above the block, captions in row 4 and figures in row 5.
    span = {k: f"${c}${first}:${c}${last}" for k, c in (("action", "B"), ("budget", "G"), ("spent", "H"),
                                                       ("status", "I"), ("late", "J"))}  # fmt: skip
    up = plans.rollup(column["action"], column["due"], column["status"], column["budget"], column["spent"], s.as_of)
    for c, key, args, value, fmt in (
        ("C", "n_actions", (span["action"],), up.actions, "int"),
        ("D", "n_done", (span["status"], lang), up.done, "int"),
        ("E", "n_cancelled", (span["status"], lang), up.cancelled, "int"),
        ("F", "pct_done", ("C5", "D5", "E5"), up.pct_done, "percent"),
        ("G", "budget_total", (span["budget"],), up.budget_planned, "money"),
        ("H", "spent_total", (span["spent"],), up.budget_spent, "money"),
        ("I", "budget_used", ("G5", "H5"), up.budget_used, "percent"),
        ("J", "n_overdue", (span["late"], lang), up.overdue, "int"),
    ):
        s.head(ws, f"{c}4", key)
        s.figure(key, ws, f"{c}5", *args, value=value, fmt=fmt)
    b.colour_when(ws, "J5", "J5>0", RED)
    b.hint(ws, "B4", s.t("overdue_hint"), wrap=True)
    ws.height(4, 42)
    ws.freeze(f"A{first}")
    ws.filter(f"A{head}:{letters(len(_COLUMNS))[-1]}{last}")  # filter and sort the actions (allowed under protection)
    ws.print_titles(rows=f"{head}:{head}")


def resources_sheet(s: Layout) -> None:
    """Recommended resources for each tier (the plan's, else the defaults), this account's row marked and
    its resources looked up by its tier."""
    m, lang, b = s.model, s.lang, s.book
    ws = s.start("resources", (26, 20, 32, 14, 40, 14))
    s.side(ws, "A4", "this_tier")
    s.shows(ws, "B4", "tier")
    tier = s.vals["tier"]
    b.band_colours(ws, "B4", [t.text(lang) for t in m.tiers], alarm=False)
    head = 6
    s.heads(ws, head, letters(6), ("tier", "sponsor", "service", "visits", "team", "match"))
    tiers = m.tiers
    first = head + 1
    last = first + len(tiers) - 1
    given = list(s.p.resources)
    names = [t.text(lang) for t in tiers]
    table: list[list[str | None]] = []
    for k in range(len(tiers)):
        if given:
            g = given[k] if k < len(given) else Resource()
            table.append([text_of(g.sponsor), text_of(g.service), text_of(g.visits), text_of(g.team)])
        else:  # spread the default rows over the model's tiers, top and bottom kept
            pos = 0 if len(tiers) == 1 else round(k * (len(RESOURCES) - 1) / (len(tiers) - 1))
            table.append([b.t(x) for x in RESOURCES[pos]])
    marks = plans.tier_mark(names, tier, lang)
    for k, name in enumerate(names):
        r = first + k
        b.model_value(ws, f"A{r}", label("KAM_TIER_LEVELS", lang), name, item=k + 1)
        for c, value in zip("BCDE", table[k], strict=True):
            b.input(ws, f"{c}{r}", value, "text")
        b.indicator(ws, f"F{r}", "tier_mark", f"A{r}", "$B$4", lang, value=plain(marks[k]))
    b.colour_when(ws, f"A{first}:F{last}", f'AND($B$4<>"",$A{first}=$B$4)', GREEN)
    r = last + 2
    s.head(ws, f"A{r}", "matched")
    ws.merge(f"A{r}:E{r}")
    r += 1
    b.reference(ws, f"A{r}", "B4", tier)
    for j, c in enumerate("BCDE"):
        value = plans.resource_match(tier, names, [row[j] for row in table])
        b.indicator(ws, f"{c}{r}", "resource_match", "$B$4", f"$A${first}:$A${last}", f"{c}{first}:{c}{last}",
                    value=value)  # fmt: skip
    _return(s, ws, r + 2)
    ws.freeze(f"A{first}")


def _return(s: Layout, ws: Sheet, top: int) -> None:
    """Seed 001's 评估投资回报 under the resources: our sales (the diagnosis' input) and their cost, gross
    profit, margin and profitability class; the cost to serve (a resource budget and the actions' budgets)
    and the return on it; the tier's discount rate (the Model sheet's 优惠政策) and what it costs."""
    m, lang, b, p = s.model, s.lang, s.book, s.p
    s.head(ws, f"A{top}", "return")
    ws.merge(f"A{top}:C{top}")
    # shown by a reference to the diagnosis' input: a blank there shows (and counts) as 0, as in Excel
    sales = number(p.our_sales, "our_sales", s.at("diagnosis", "B15"), 0.0) or 0.0
    cost = number(p.cost_of_sales, "cost_of_sales", s.at("resources", f"B{top + 2}"), 0.0)
    spend = number(p.resource_budget, "resource_budget", s.at("resources", f"B{top + 6}"), 0.0)
    r = {k: top + 1 + i for i, k in enumerate(("sales", "cost_of_sales", "gross_profit", "gross_margin",
         "profitability", "resource_budget", "action_budget", "cost_to_serve", "resource_roi", "discount_rate",
         "discount_cost"))}  # fmt: skip
    for k, row in r.items():
        s.side(ws, f"A{row}", k)
    nan = float("nan")
    gp = profitability.gross_profit(sales, nan if cost is None else cost)
    margin = profitability.gross_margin(sales, nan if cost is None else cost)
    b.reference(ws, f"B{r['sales']}", absolute(s.title("diagnosis"), "B15"), sales, "money")
    b.input(ws, f"B{r['cost_of_sales']}", cost, "money")
    b.input(ws, f"B{r['resource_budget']}", spend, "money")
    b.number_range(ws, f"B{r['cost_of_sales']}", 0, None)
    b.number_range(ws, f"B{r['resource_budget']}", 0, None)
    at = {k: f"B{row}" for k, row in r.items()}
    b.indicator(ws, at["gross_profit"], "gross_profit", at["sales"], at["cost_of_sales"], value=plain(gp), fmt="money")
    b.indicator(ws, at["gross_margin"], "gross_margin", at["sales"], at["cost_of_sales"], value=plain(margin),
                fmt="percent")  # fmt: skip
    b.indicator(ws, at["profitability"], "profitability", at["gross_margin"], lang,
                value=plain(profitability.profitability(margin, m, lang)))  # fmt: skip
    b.colour_labels(ws, at["profitability"], [(m.profitability[-1].text(lang), RED)])
    actions = s.vals.get("budget_total", 0.0)
    b.reference(ws, at["action_budget"], s.refs["budget_total"], actions, "money")
    serve = profitability.cost_to_serve(nan if spend is None else spend, actions if actions != "" else nan)
    b.indicator(ws, at["cost_to_serve"], "cost_to_serve", at["resource_budget"], at["action_budget"], value=serve,
                fmt="money")  # fmt: skip
    b.indicator(ws, at["resource_roi"], "resource_roi", at["gross_profit"], at["cost_to_serve"],
                value=plain(profitability.resource_roi(gp, serve)), fmt="percent")  # fmt: skip
    tier = s.vals["tier"]
    rate = profitability.discount_rate(tier if tier != "" else None, m)
    b.indicator(ws, at["discount_rate"], "discount_rate", "$B$4", lang, m, value=plain(rate), fmt="percent")
    b.indicator(ws, at["discount_cost"], "discount_cost", at["sales"], at["discount_rate"],
                value=plain(profitability.discount_cost(sales, rate)), fmt="money")  # fmt: skip
