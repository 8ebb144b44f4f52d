"""The portfolio workbook (客户组合): one row per account with its inputs and every indicator.

Sheets: the portfolio table, a summary (counts by tier, ABC class, pyramid
layer, matrix cell, barrier level and credit rating; a pyramid chart and a
Pareto chart) and the ``Model`` sheet. Every computed cell is a live formula
from the indicator registry, cached with what the core computes for the same
inputs, and the table's headers are ones :func:`kam_xl.portfolio.score_portfolio`
recognises: a filled-in portfolio read back with pandas scores the same.

Layout of the table (row numbers are fixed): title in row 1, the model's name,
version and hash in row 2, the criteria's weight × direction in row 3 (the
scores run along a row, so SUMPRODUCT takes a row of weights), headers in row
4, accounts from row 5. A row with a blank section (say no wall criteria) has
blank results for that section's indicators, as the renderers give them.

The table is a streamed sheet (rows appended in order, see
:class:`~kam_xl.workbooks.book.Book`), so 50,000 accounts take about as long as
openpyxl writing the same cells bare (``benchmarks/bench_portfolio_workbook.py``).
Each formula column is one registry entry (``book.column_sources``): its
formula is rendered once with a row marker and the row number is joined in per
row, which gives the same text as rendering each row (the renderers only paste
references together). The summary is laid out on a canvas sheet like every
other kind's, each figure through :meth:`~kam_xl.workbooks.book.Book.indicator`.

Key columns first: account, owner, industry, then tier, the value, ABC class, pyramid layer,
barrier level, credit rating and the risk reasons; the rest of the figures by section; the criterion
scores (and the raw score) last. Columns are found by key everywhere (:func:`columns`), never by letter.

Rank-based columns (share above, pyramid layer, the summary's Pareto list) aggregate the whole
value column on every row, so a full recalculation grows with the square of the list. Up to
:data:`LIVE_RANK_ROWS` table rows they are live formulas; above it they are the core's values from
when the file was made (unstyled, locked: not figures ``kam-xl check`` expects a formula in), and
the sheet says so in row 1 (:data:`LABELS` ``frozen``); ``kam-xl score`` or the refresh button
writes them again. Everything else stays live and is linear. Figures: benchmarks/README.md.

The blank template holds :data:`TEMPLATE_ROWS` accounts; a generated portfolio its accounts and
:data:`SPARE_ROWS` more. Filter buttons cover the heading row to the last row.

Printing the list: a print area from the tier to the last figure, fitted to two landscape A4
pages across, with account, owner and industry (A:C) and the heading row repeated on every page;
the criterion scores and the raw score (the last columns) stay on screen only. Both Excel and
LibreOffice print title columns that lie outside the print area.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from kam_xl.cells import is_blank
from kam_xl.core import account_risk, classification, pareto, profitability, pyramid, scorecard
from kam_xl.errors import KamError, Position
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model, active_model
from kam_xl.portfolio import column_values, resolve_columns, score_portfolio
from kam_xl.workbooks.book import Book, OverwriteError, Sheet, Stamp, StreamCell, Value
from kam_xl.workbooks.labels import COMMON, Text
from kam_xl.workbooks.portfolio_dashboard import LABELS as DASHBOARD_LABELS
from kam_xl.workbooks.portfolio_dashboard import add_dashboard
from kam_xl.workbooks.portfolio_industries import INDUSTRY_LABELS, add_industries
from kam_xl.workbooks.portfolio_summary import SUMMARY_LABELS, add_summary
from kam_xl.xlformulas.common import blank_unless, caption, label, text

__all__ = [
    "FIRST_ROW",
    "HEADER_ROW",
    "LABELS",
    "LIVE_RANK_ROWS",
    "RANKED",
    "SHEETS",
    "SPARE_ROWS",
    "TEMPLATE_ROWS",
    "WEIGHT_ROW",
    "Column",
    "build",
    "columns",
    "frozen_note",
    "indicators",
    "model_line",
    "write",
]

WEIGHT_ROW, HEADER_ROW, FIRST_ROW = 3, 4, 5  # row 1: title, row 2: the model's name, version, hash
SPARE_ROWS = 50  # rows after a generated portfolio's accounts
TEMPLATE_ROWS = 1000  # rows of the blank template
# Table rows up to which the rank-based columns are live formulas (module doc). Chosen from measurement:
# LibreOffice's full recalculation of a filled portfolio of this many rows stays well under a second.
LIVE_RANK_ROWS = 2000
RANKED = ("share_above", "value_rank", "pyramid")  # the table's columns that are values above LIVE_RANK_ROWS
_ROW = "\ue000"  # row marker in a column's formula template (a private-use character)


def frozen_note(size: int) -> Text:
    """The note a portfolio above ``size`` table rows shows: its rank-based columns are values."""
    return (
        f"超过 {size:,} 个客户时，排名类指标（高于本客户的价值占比、价值排名、金字塔层级、帕累托区）为生成时的数值，"
        "用 kam-xl score 或 刷新 按钮更新",
        f"Above {size:,} accounts the rank-based columns (share above, value rank, pyramid layer, the Pareto block) "
        "are values from when the file was made; refresh them with kam-xl score or the Refresh button",
    )


LABELS: dict[str, Text] = {
    "kind": ("客户组合", "Portfolio"),
    "title": ("大客户组合分析", "Key-account portfolio"),
    "sheet": ("客户组合", "Portfolio"),
    "weights": ("权重×方向 →", "Weight × direction →"),
    "industry": ("行业", "Industry"),
    "revenue": ("近12个月销售额", "Trailing 12-month revenue"),
    "gross_profit": ("毛利额", "Gross profit"),
    "current_value": ("当前价值", "Current value"),
    "potential_value": ("潜在价值", "Potential value"),
    "technical": ("技术壁垒", "Technical barrier"),
    "commercial": ("商务壁垒", "Commercial barrier"),
    "procedural": ("程序性转换成本", "Procedural switching cost"),
    "financial": ("财务性转换成本", "Financial switching cost"),
    "relational": ("关系性转换成本", "Relational switching cost"),
    "margin": ("年毛利", "Annual margin"),
    "retention": ("保留率", "Retention rate"),
    "discount": ("折现率", "Discount rate"),
    "horizon": ("年限", "Horizon (years)"),
    "dso": ("应收账款周转天数", "DSO"),
    "overdue_ratio": ("逾期占比", "Overdue ratio"),
    "overdue_prev": ("上期逾期占比", "Previous overdue ratio"),
    "outstanding": ("应收余额", "Outstanding"),
    "dm_stance": ("决策者立场", "Decision-maker stance"),
    "frozen": frozen_note(LIVE_RANK_ROWS),
    **SUMMARY_LABELS,
}

# in workbook order, before Model
SHEETS: dict[str, Text] = {
    "table": LABELS["sheet"],
    "summary": LABELS["summary"],
    "dashboard": DASHBOARD_LABELS["sheet"],
    "industries": INDUSTRY_LABELS["sheet"],
}

# Columns a table may hold besides the ones score_portfolio reads (matched case-folded, whole header).
_EXTRA_ALIASES = {
    "industry": ("industry", "行业"),
    "owner": ("owner", "负责人", "客户经理", "account manager"),
    "outstanding": ("outstanding", "应收余额", "outstanding receivables"),
    "overdue_prev": ("overdue_prev", "上期逾期占比", "previous overdue ratio"),
    "dm_stance": ("dm_stance", "决策者立场", "decision-maker stance", "decision maker stance"),
}
_TEXT_INPUTS = ("account", "industry", "owner", "dm_stance")


@dataclass(frozen=True)
class Column:
    """One column of the portfolio table: an input (``text`` or ``number``) or a ``formula``."""

    key: str  # an input key of score_portfolio ("revenue", "criterion:<code>", "wall:<code>") or an output
    header: Text
    kind: str
    fmt: str = "general"
    width: float = 10.0
    source: str = ""  # a formula's registry key when it is not ``key``

    @property
    def entry(self) -> str:
        """The registry key of a formula column's figure."""
        return self.source or self.key


def columns(model: Model) -> list[Column]:
    """The table's columns, left to right: the key columns (account, owner, industry, tier, value,
    ABC, layer, barrier level, credit rating, risk), each section's inputs and figures, the criterion
    scores last."""
    card, wall = model.scorecard(), model.barrier.wall_criteria
    value = model.abc.value  # "revenue" or "gross_profit"
    R = REGISTRY

    def num(key: str, fmt: str = "general", width: float = 10.0) -> Column:
        return Column(key, LABELS[key], "number", fmt, width)

    def out(key: str, fmt: str = "general", width: float = 11.0, source: str = "") -> Column:
        entry = R[source or key]
        return Column(key, (entry.zh, entry.en), "formula", fmt, width, source)

    return [
        Column("account", COMMON["account"], "text", "text", 26),
        Column("owner", COMMON["owner"], "text", "text", 10),
        Column("industry", LABELS["industry"], "text", "text", 12),
        out("tier"),
        num(value, "money", 16),
        out("abc", width=9),
        out("pyramid", width=9),
        out("barrier_level", width=9),
        out("credit_rating"),
        out("risk", width=30),
        out("score", "score"),
        out("share_above", "percent"),
        out("value_rank", "int", 8),
        out("matrix"),
        num("current_value"),
        num("potential_value"),
        out("quadrant"),
        *(Column(f"wall:{w.code}", (w.zh, w.en), "number", "general", 9) for w in wall),
        out("wall", width=9),
        out("wall_ratio", "percent", 9),
        num("technical"),
        num("commercial"),
        num("procedural"),
        num("financial"),
        num("relational"),
        out("switching", "number"),
        out("barrier", "score"),
        Column("dm_stance", LABELS["dm_stance"], "text", "text", 10),
        num("margin", "money", 14),
        num("retention", "percent"),
        num("discount", "percent"),
        num("horizon"),
        out("clv", "money", 16),
        *_profit_columns(model),
        num("dso", "number"),
        num("overdue_ratio", "percent"),
        num("overdue_prev", "percent"),
        num("outstanding", "money", 16),
        out("overdue_amount", "money", 16, source="portfolio_overdue"),
        out("score_raw", "number"),
        *(Column(f"criterion:{c.code}", (c.zh, c.en), "number", "general", 9) for c in card.criteria),
    ]


def _profit_columns(model: Model) -> list[Column]:
    """Seed 001's profitability and seed 002's single-indicator class (#10): the gross margin (the annual
    margin over the revenue, so only where the value column is the revenue), its profitability class, and
    the class on the model's chosen indicator when that is the gross margin (the one indicator the table
    holds)."""
    if model.abc.value != "revenue":
        return []
    R = REGISTRY
    cols = [
        Column("gross_margin", (R["margin_of"].zh, R["margin_of"].en), "formula", "percent", 10, "margin_of"),
        Column("profitability", (R["profitability"].zh, R["profitability"].en), "formula", "general", 10),
    ]
    c = model.classification
    if c.on == "gross_margin" and c.on in c.measures:
        m = c.measures[c.on]
        cols.append(Column("classified", (f"{m.zh}分类", f"Class on {m.en.lower()}"), "formula", "general", 10,
                           "classify"))  # fmt: skip
    return cols


def _templates(model: Model, lang: str, letters: dict[str, str], first: int, last: int) -> dict[str, str]:
    """Each formula column's text with the row number left as a marker (see the module doc)."""
    card = model.scorecard()
    R = REGISTRY

    def at(key: str) -> str:
        return f"{letters[key]}{_ROW}"

    def span(keys: Sequence[str], row: str = _ROW) -> str:
        a, b = letters[keys[0]], letters[keys[-1]]
        return f"${a}${row}:${b}${row}" if row != _ROW else f"{a}{row}:{b}{row}"

    crit = [f"criterion:{c.code}" for c in card.criteria]
    walls = [f"wall:{w.code}" for w in model.barrier.wall_criteria]
    value = model.abc.value
    values = f"${letters[value]}${first}:${letters[value]}${last}"
    weights = span(crit, str(WEIGHT_ROW))
    return {
        "score_raw": R["score_raw"].formula(span(crit), model.tier_scorecard, model, weights=weights),
        "score": R["score"].formula(span(crit), model.tier_scorecard, model, weights=weights),
        "tier": R["tier"].formula(at("score"), lang),
        "share_above": R["share_above"].formula(at(value), values),
        "value_rank": R["value_rank"].formula(at(value), values, f"${letters[value]}${first}:{at(value)}"),
        "abc": R["abc"].formula(at("share_above"), lang),
        "pyramid": R["pyramid"].formula(at(value), values, lang),
        "quadrant": R["quadrant"].formula(at("current_value"), at("potential_value"), lang),
        "wall": R["wall"].formula(span(walls), len(walls)),
        "wall_ratio": R["wall_ratio"].formula(at("wall")),
        "switching": R["switching"].formula(at("procedural"), at("financial"), at("relational")),
        "barrier": R["barrier"].formula(at("wall_ratio"), at("technical"), at("commercial"), at("switching")),
        "barrier_level": R["barrier_level"].formula(at("barrier"), lang),
        "matrix": R["matrix"].formula(at("score"), at("barrier"), lang),
        "clv": R["clv"].formula(at("margin"), at("retention"), at("discount"), at("horizon")),
        # DSO and overdue ratio are inputs here: a blank one is "not given" (score_portfolio
        # leaves the rating blank), not the undefined DSO the renderer rates last
        "credit_rating": blank_unless(R["credit_rating"].formula(at("dso"), at("overdue_ratio"), lang), at("dso"), at("overdue_ratio")),
        "overdue_amount": R["portfolio_overdue"].formula(at("outstanding"), at("overdue_ratio")),
        "risk": R["risk"].formula(at("barrier_level"), at("credit_rating"), at("dm_stance"), at("overdue_ratio"),
                                  at("overdue_prev"), lang),
    } | _profit_templates(model, lang, at, letters)  # fmt: skip


def _profit_templates(model: Model, lang: str, at: Callable[[str], str], letters: dict[str, str]) -> dict[str, str]:
    """The formulas of :func:`_profit_columns` (those the table has)."""
    R = REGISTRY
    out: dict[str, str] = {}
    if "gross_margin" in letters:
        out["gross_margin"] = R["margin_of"].formula(at("margin"), at("revenue"))
        out["profitability"] = R["profitability"].formula(at("gross_margin"), lang)
    if "classified" in letters:
        out["classified"] = R["classify"].formula(at("gross_margin"), model.classification.on, lang, model)
    return out


# ---------------------------------------------------------------- inputs and what the core makes of them


def _inputs(table: pd.DataFrame | None, model: Model) -> tuple[dict[str, np.ndarray], dict[str, str], int]:
    """The table's inputs by column key — text as objects (None = blank), numbers as floats (NaN =
    blank) — the table's header for each key (errors name it), and the number of rows."""
    if table is None:
        return {}, {}, 0
    found: dict[str, object] = resolve_columns(list(table.columns), model)
    folded = {str(c).strip().casefold(): c for c in table.columns}
    for key, aliases in _EXTRA_ALIASES.items():
        hit = next((folded[a] for a in aliases if a in folded), None)
        if hit is not None:
            found.setdefault(key, hit)
    n = len(table)
    out: dict[str, np.ndarray] = {}
    for col in columns(model):
        if col.kind == "formula" or col.key not in found:
            continue
        if col.kind == "text":
            raw = table[found[col.key]].to_numpy(dtype=object)
            out[col.key] = np.array([None if is_blank(v) else str(v) for v in raw], dtype=object)
        else:
            out[col.key] = column_values(table, found[col.key]).astype(float).reshape(n)
    return out, {k: str(found[k]) for k in out}, n


def _on_rows(rows: np.ndarray, fn: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """score_portfolio on a subset of rows, its errors naming the row of the whole table."""
    try:
        return fn()
    except KamError as exc:  # row k of the subset (header = row 1) → the same row of the table
        pos = exc.position
        if pos is not None and pos.row is not None:
            exc.located(replace(pos, row=int(rows[pos.row - 2]) + 2))
        raise


def indicators(
    inputs: dict[str, np.ndarray], n: int, model: Model, lang: str, headers: dict[str, str] | None = None
) -> dict[str, np.ndarray]:
    """Every formula column's value for ``n`` accounts, as the core computes it ("" = blank).

    ``inputs`` are keyed as :func:`columns` keys them; ``headers`` (key → the
    table's header) lets an error name the user's column.

    Sections are scored by :func:`kam_xl.portfolio.score_portfolio`; the scorecard
    and the value (which the core needs complete) on the rows that have them, as
    the formulas leave a row with a missing score or value blank and rank the
    others among themselves.
    """
    card = model.scorecard()
    out = {c.key: np.full(n, "", dtype=object) for c in columns(model) if c.kind == "formula"}
    if n == 0:
        return out
    blank = np.full(n, np.nan)
    named = {
        **{f"criterion:{c.code}": c.code for c in card.criteria},
        **{f"wall:{w.code}": w.code for w in model.barrier.wall_criteria},
    }
    named |= headers or {}

    def get(key: str) -> np.ndarray:
        return inputs.get(key, blank)

    def frame(keys: Sequence[str], rows: np.ndarray) -> pd.DataFrame:
        """The inputs ``keys`` at ``rows`` under the table's headers, for score_portfolio."""
        return pd.DataFrame({named.get(k, k): get(k)[rows] for k in keys})

    def put(rows: np.ndarray, part: pd.DataFrame) -> None:
        for key in part.columns:
            vals = part[key].to_numpy(dtype=object)
            out[key][rows] = [("" if isinstance(v, float) and np.isnan(v) else v) for v in vals]

    crit = [f"criterion:{c.code}" for c in card.criteria]
    have = ~np.isnan(np.column_stack([get(k) for k in crit]))
    rows = np.flatnonzero(have.all(axis=1) if model.missing == "error" else have.any(axis=1))
    if rows.size:
        put(rows, _on_rows(rows, lambda: score_portfolio(frame(crit, rows), model, lang)))

    value = get(model.abc.value)
    rows = np.flatnonzero(~np.isnan(value))
    if rows.size:
        put(rows, _on_rows(rows, lambda: score_portfolio(frame([model.abc.value], rows), model, lang)))
        out["share_above"][rows] = pareto.abc_share(value[rows])
        out["value_rank"][rows] = account_risk.value_ranks(value[rows])

    # the other sections: score_portfolio leaves a row with a blank section blank, as the formulas do
    rest = [k for k in inputs if k not in (*_TEXT_INPUTS, model.abc.value, *crit)]
    if rest:
        put(np.arange(n), score_portfolio(frame(rest, np.arange(n)), model, lang))

    att, strength = _numbers(out["score"]), _numbers(out["barrier"])
    rows = np.flatnonzero(~np.isnan(att) & ~np.isnan(strength))
    if rows.size:
        out["matrix"][rows] = pyramid.matrix(att[rows], strength[rows], model, lang)

    owed, ratio = get("outstanding"), get("overdue_ratio")
    rows = np.flatnonzero(~np.isnan(owed) & ~np.isnan(ratio))
    if rows.size:
        fields = {"outstanding": named.get("outstanding", "outstanding"),
                  "overdue_ratio": named.get("overdue_ratio", "overdue_ratio")}  # fmt: skip
        out["overdue_amount"][rows] = _at_rows(
            rows, fields, lambda: account_risk.overdue_amount(owed[rows], ratio[rows])
        )
    stance = inputs.get("dm_stance", np.full(n, None, dtype=object))
    out["risk"][:] = account_risk.risk_reasons(out["barrier_level"], out["credit_rating"], stance, ratio,
                                               get("overdue_prev"), model, lang)  # fmt: skip
    if "gross_margin" in out:
        try:
            margin = profitability.margin_of(get("margin"), get("revenue"))
        except KamError as exc:
            raise exc.located(Position(header=named.get("revenue", "revenue"), row=None)) from None
        out["gross_margin"][:] = ["" if np.isnan(v) else float(v) for v in margin]
        out["profitability"][:] = profitability.profitability(margin, model, lang)
        if "classified" in out:
            out["classified"][:] = classification.classify(margin, model.classification.on, model, lang)
    return out


def _at_rows(rows: np.ndarray, fields: dict[str, str], fn: Callable[[], np.ndarray]) -> np.ndarray:
    """A core call on a subset of rows, its error naming the table's header and row (header = row 1)."""
    try:
        return fn()
    except KamError as exc:
        pos = exc.position
        item = pos.item if pos is not None and pos.item is not None else (pos.row if pos is not None else None)
        row = int(rows[item - 1]) + 2 if item is not None else None
        raise exc.located(Position(header=fields.get(exc.field, exc.field), row=row)) from None


def _numbers(values: np.ndarray) -> np.ndarray:
    return np.array([np.nan if v == "" else float(v) for v in values], dtype=float)


# ---------------------------------------------------------------- the workbook


def build(
    table: pd.DataFrame | None = None,
    *,
    model: Model | None = None,
    lang: str = "zh",
    spare_rows: int | None = None,
    extra: Mapping[str, Sequence[Value]] | None = None,
    live_rank_rows: int = LIVE_RANK_ROWS,
    industries: pd.DataFrame | None = None,
) -> Book:
    """The portfolio workbook for ``table`` (None = the blank template).

    ``table`` has one row per account; columns are matched by model code or by
    a header :func:`kam_xl.portfolio.score_portfolio` knows (``销售额``,
    ``Revenue``, a criterion's name …), plus ``industry``/``行业``,
    ``owner``/``负责人``, ``outstanding``/``应收余额``, ``overdue_prev``/``上期逾期占比`` and
    ``dm_stance``/``决策者立场``. Columns the workbook does not hold are ignored, unless
    given in ``extra`` (header → one value per row of ``table``): those are
    written as they are, to the right of the table, and nothing refers to them.
    ``spare_rows``: empty rows after the accounts (default :data:`SPARE_ROWS`;
    :data:`TEMPLATE_ROWS` for the blank template). Above ``live_rank_rows`` table rows the
    rank-based columns are values (module doc). ``industries``: the industry-selection sheet's rows
    (an industry column, the IMSC criteria's scores, the team's choice; :mod:`.portfolio_industries`),
    else one row per industry of the accounts.
    """
    model = model or active_model()
    book = Book(model, lang, LABELS["kind"])
    inputs, headers, n = _inputs(table, model)
    if spare_rows is None:
        spare_rows = TEMPLATE_ROWS if table is None else SPARE_ROWS
    n_rows = max(1, n + max(0, spare_rows))  # ranges need at least one row
    first, last = FIRST_ROW, FIRST_ROW + n_rows - 1
    live = n_rows <= live_rank_rows
    cols = columns(model)
    letters = {c.key: get_column_letter(i) for i, c in enumerate(cols, start=1)}
    values = indicators(inputs, n, model, lang, headers)

    extra = dict(extra or {})
    ws = book.sheet(LABELS["sheet"], widths=[c.width for c in cols] + [14.0] * len(extra), streamed=True)
    ws.freeze(f"{letters['tier']}{first}")  # header rows and the account, owner and industry
    ws.height(HEADER_ROW, 45)
    end = get_column_letter(len(cols) + len(extra))
    ws.filter(f"A{HEADER_ROW}:{end}{last}")
    # Printed: the figures from the tier on, two landscape pages across with the account, owner and
    # industry repeated at the left of each — the criterion scores (the last columns) stay on screen.
    ws.print_titles(rows=f"{HEADER_ROW}:{HEADER_ROW}", columns=f"A:{letters['industry']}")
    before_scores = get_column_letter(len(cols) - len(model.scorecard().criteria) - 1)
    ws.print_only(f"{letters['tier']}1:{before_scores}{last}", pages_wide=2)
    ws.upright(False)
    _format(book, ws, letters, first, last)
    note = frozen_note(live_rank_rows)
    _table(book, ws, cols, letters, inputs, values, n, first, last, extra, None if live else note)
    add_summary(book, LABELS["title"], ws.title, letters, inputs, values, n, first, last, line=model_line(book),
                live=live, frozen_note=note, value_header=LABELS[model.abc.value])  # fmt: skip
    add_dashboard(book, ws.title, letters, first, last, inputs, values, n)
    known = inputs["industry"][:n].tolist() if "industry" in inputs else []
    add_industries(book, industries, known, blank=table is None and industries is None)
    book.add_model_sheet()
    return book


def write(
    path: str | os.PathLike[str],
    table: pd.DataFrame | None = None,
    *,
    model: Model | None = None,
    lang: str = "zh",
    overwrite: bool = False,
    spare_rows: int | None = None,
    industries: pd.DataFrame | None = None,
) -> Path:
    """Build and save the portfolio workbook; refuses to overwrite unless asked."""
    path = Path(path)
    if path.exists() and not overwrite:  # before the work, not after it
        raise OverwriteError(str(path))
    book = build(table, model=model, lang=lang, spare_rows=spare_rows, industries=industries)
    return book.save(path, overwrite=overwrite)


def model_line(book: Book) -> tuple[list[str], str]:
    """The model's name, version and hash as one line, for :meth:`Book.caption`: its parts (quoted
    labels and the Model sheet's names) and the text they give — so a score can be traced to the
    model that made it."""
    sep = "：" if book.lang == "zh" else ": "
    m = book.model
    parts: list[str] = []
    shown: list[str] = []
    for key, name, value in (("model", "NAME", m.name), ("model_version", "VERSION", m.version),
                             ("model_hash", "HASH", m.content_hash)):  # fmt: skip
        if parts:
            parts.append(text("  "))
        label_text = book.t(COMMON[key]) + sep
        parts += [text(label_text), f"KAM_MODEL_{name}"]
        shown.append(f"{label_text}{value}")
    return parts, "  ".join(shown)


def _table(
    book: Book,
    ws: Sheet,
    cols: list[Column],
    letters: dict[str, str],
    inputs: dict[str, np.ndarray],
    values: dict[str, np.ndarray],
    n: int,
    first: int,
    last: int,
    extra: Mapping[str, Sequence[Value]],
    frozen: Text | None,
) -> None:
    """The streamed table: title, model line, weight row, headers, then one row per account
    (and the ``extra`` columns, as given, to the right). With a ``frozen`` note the rank-based
    columns are the core's values, unstyled (not figures), and row 1 shows the note.

    A streamed sheet's formula cells are recorded by column (``book.column_sources``),
    the few above the headers by cell.
    """
    model, n_rows = book.model, last - first + 1
    title, plain, header = book.stamp(ws, "title"), book.stamp(ws, "plain"), book.stamp(ws, "header")
    top: list[StreamCell | None] = [(title, book.t(LABELS["title"]))]
    live = frozen is None
    if frozen is not None:  # the note beside the title, where the tier's column begins (printed, and seen first)
        top += [None] * (list(letters).index("tier") - 1) + [(book.stamp(ws, "hint"), book.t(frozen))]
    book.append(ws, top)
    parts, line = model_line(book)
    book.append(ws, [(plain, (caption(parts), line))])
    book.sources[(ws.title, "A2")] = "caption"

    first_criterion = next(i for i, c in enumerate(cols) if c.key.startswith("criterion:"))
    weights: list[StreamCell | None] = [(book.stamp(ws, "label"), book.t(LABELS["weights"]))]
    weights += [None] * (first_criterion - 1)
    card = model.scorecard()
    signed = scorecard.weight_direction(card, model)
    entry = REGISTRY["weight_direction"]
    for k in range(1, len(card.criteria) + 1):
        weights.append((book.stamp(ws, "formula"), (entry.formula(model.tier_scorecard, k), float(signed[k - 1]))))
        book.sources[(ws.title, f"{get_column_letter(first_criterion + k)}{WEIGHT_ROW}")] = entry.key
    book.append(ws, weights)
    book.append(ws, [(header, book.t(c.header)) for c in cols] + [(header, h) for h in extra])

    templates = _templates(model, book.lang, letters, first, last)
    # per column: its stamp, its values (inputs, or the formulas' cached values) and, for a
    # formula, its template split at the row marker
    plan: list[tuple[Stamp, list[Value], list[str] | None]] = []
    for c in cols:
        if c.kind == "formula" and not live and c.key in RANKED:
            as_values: list[Value] = [None if v == "" else v for v in values[c.key].tolist()] + [None] * (n_rows - n)
            plan.append((book.stamp(ws, "text", c.fmt), as_values, None))
        elif c.kind == "formula":
            book.column_sources[(ws.title, letters[c.key])] = c.entry
            cached = values[c.key].tolist() + [""] * (n_rows - n)
            plan.append((book.stamp(ws, "formula", c.fmt), cached, templates[c.key].split(_ROW)))
        else:
            given = inputs.get(c.key)
            cells: list[Value] = [None] * n_rows
            if given is not None:
                cells[:n] = [None if v != v else v for v in given.tolist()]  # NaN → blank
            plan.append((book.stamp(ws, "input", c.fmt), cells, None))
    for column in extra.values():
        shown: list[Value] = [None] * n_rows
        shown[:n] = list(column)
        plan.append((book.stamp(ws, "text"), shown, None))
    for i in range(n_rows):
        rs = str(first + i)
        book.append(ws, [(s, v[i]) if p is None else (s, (rs.join(p), v[i])) for s, v, p in plan])


def _format(book: Book, ws: Sheet, letters: dict[str, str], first: int, last: int) -> None:
    """Validation on every numeric input; tier colours and traffic lights."""
    model, lang = book.model, book.lang
    card, b = model.scorecard(), model.barrier

    def rng(key: str) -> str:
        return f"{letters[key]}{first}:{letters[key]}{last}"

    for c in card.criteria:
        book.number_range(ws, rng(f"criterion:{c.code}"), card.scale_min, card.scale)
    for w in b.wall_criteria:
        book.number_range(ws, rng(f"wall:{w.code}"), 0, w.max, whole=True)
    for key in ("technical", "commercial", "procedural", "financial", "relational"):
        book.number_range(ws, rng(key), 0, b.component_scale)
    for key in ("current_value", "potential_value"):
        book.number_range(ws, rng(key), 0, 100)
    for key in (model.abc.value, "margin", "dso"):
        book.number_range(ws, rng(key), 0, None)
    book.number_range(ws, rng("retention"), 0, 0.9999)  # the core needs r < 1
    book.number_range(ws, rng("discount"), -0.99, 10)  # d > −1
    book.number_range(ws, rng("horizon"), 0.01, 1000)  # blank = the model's horizon
    book.number_range(ws, rng("overdue_ratio"), 0, 1)
    book.number_range(ws, rng("overdue_prev"), 0, 1)
    book.number_range(ws, rng("outstanding"), 0, None)
    book.choices(ws, rng("dm_stance"), label("KAM_BUYING_CENTRE_STANCES", lang))
    book.band_colours(ws, rng("tier"), [t.text(lang) for t in model.tiers], alarm=False)
    book.band_colours(ws, rng("barrier_level"), [x.text(lang) for x in b.levels], alarm=True)
    book.band_colours(ws, rng("credit_rating"), [x.text(lang) for x in model.receivables.ratings], alarm=True)
