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

Printing the list: a print area from the 0-100 score to the last column, fitted
to two landscape A4 pages across, with account, industry and owner (A:C) and the
heading row repeated on every page; the 18 criterion scores (D:U) and the raw
score stay on screen only. Both Excel and LibreOffice print title columns that
lie outside the print area.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.utils import get_column_letter

from kam_xl.cells import is_blank
from kam_xl.core import pareto, pyramid, scorecard, tally
from kam_xl.errors import KamError
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model, active_model
from kam_xl.models.schema import Label
from kam_xl.portfolio import column_values, resolve_columns, score_portfolio
from kam_xl.workbooks.book import FMT, Book, OverwriteError, Sheet, Stamp, StreamCell, Value
from kam_xl.workbooks.labels import COMMON, Text, fit_width
from kam_xl.xlformulas.common import blank_unless, caption, label, text

__all__ = [
    "FIRST_ROW",
    "HEADER_ROW",
    "LABELS",
    "SHEETS",
    "SPARE_ROWS",
    "WEIGHT_ROW",
    "Column",
    "build",
    "columns",
    "indicators",
    "model_line",
    "write",
]

WEIGHT_ROW, HEADER_ROW, FIRST_ROW = 3, 4, 5  # row 1: title, row 2: the model's name, version, hash
SPARE_ROWS = 50
_ROW = "\ue000"  # row marker in a column's formula template (a private-use character)

LABELS: dict[str, Text] = {
    "kind": ("客户组合", "Portfolio"),
    "title": ("大客户组合分析", "Key-account portfolio"),
    "sheet": ("客户组合", "Portfolio"),
    "summary": ("汇总", "Summary"),
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
    "accounts": ("客户数", "Accounts"),
    "value_total": ("价值合计", "Total value"),
    "rank": ("排名", "Rank"),
    "pareto": ("帕累托图（按价值降序，累计占比）", "Pareto chart (by value, descending, with cumulative share)"),
    "pyramid_chart": ("客户价值金字塔（各层客户数）", "Value pyramid (accounts per layer)"),
    "pareto_note": (
        "帕累托区由公式 LARGE 排序；价值相同的客户显示第一个同值客户的名称",
        "The Pareto block is sorted by LARGE formulas; accounts with equal values show the first such account's name",
    ),
}

SHEETS: dict[str, Text] = {"table": LABELS["sheet"], "summary": LABELS["summary"]}  # in workbook order, before Model

# Columns a table may hold besides the ones score_portfolio reads.
_EXTRA_ALIASES = {"industry": ("industry", "行业"), "owner": ("owner", "负责人", "客户经理", "account manager")}
_TEXT_INPUTS = ("account", "industry", "owner")


@dataclass(frozen=True)
class Column:
    """One column of the portfolio table: an input (``text`` or ``number``) or a ``formula``."""

    key: str  # an input key of score_portfolio ("revenue", "criterion:<code>", "wall:<code>") or an output
    header: Text
    kind: str
    fmt: str = "general"
    width: float = 10.0


def columns(model: Model) -> list[Column]:
    """The table's columns, left to right: each section's inputs, then what is computed from them."""
    card, wall = model.scorecard(), model.barrier.wall_criteria
    value = model.abc.value  # "revenue" or "gross_profit"
    R = REGISTRY

    def num(key: str, fmt: str = "general", width: float = 10.0) -> Column:
        return Column(key, LABELS[key], "number", fmt, width)

    def out(key: str, fmt: str = "general", width: float = 11.0) -> Column:
        return Column(key, (R[key].zh, R[key].en), "formula", fmt, width)

    return [
        Column("account", COMMON["account"], "text", "text", 26),
        Column("industry", LABELS["industry"], "text", "text", 12),
        Column("owner", COMMON["owner"], "text", "text", 10),
        *(Column(f"criterion:{c.code}", (c.zh, c.en), "number", "general", 9) for c in card.criteria),
        out("score_raw", "number"),
        out("score", "score"),
        out("tier"),
        num(value, "money", 16),
        out("share_above", "percent"),
        out("abc", width=9),
        out("pyramid", width=9),
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
        out("barrier_level", width=9),
        out("matrix"),
        num("margin", "money", 14),
        num("retention", "percent"),
        num("discount", "percent"),
        num("horizon"),
        out("clv", "money", 16),
        num("dso", "number"),
        num("overdue_ratio", "percent"),
        out("credit_rating"),
    ]


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
    }  # fmt: skip


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

    # the other sections: score_portfolio leaves a row with a blank section blank, as the formulas do
    rest = [k for k in inputs if k not in (*_TEXT_INPUTS, model.abc.value, *crit)]
    if rest:
        put(np.arange(n), score_portfolio(frame(rest, np.arange(n)), model, lang))

    att, strength = _numbers(out["score"]), _numbers(out["barrier"])
    rows = np.flatnonzero(~np.isnan(att) & ~np.isnan(strength))
    if rows.size:
        out["matrix"][rows] = pyramid.matrix(att[rows], strength[rows], model, lang)
    return out


def _numbers(values: np.ndarray) -> np.ndarray:
    return np.array([np.nan if v == "" else float(v) for v in values], dtype=float)


# ---------------------------------------------------------------- the workbook


def build(
    table: pd.DataFrame | None = None,
    *,
    model: Model | None = None,
    lang: str = "zh",
    spare_rows: int = SPARE_ROWS,
    extra: Mapping[str, Sequence[Value]] | None = None,
) -> Book:
    """The portfolio workbook for ``table`` (None = the blank template of ``spare_rows`` rows).

    ``table`` has one row per account; columns are matched by model code or by
    a header :func:`kam_xl.portfolio.score_portfolio` knows (``销售额``,
    ``Revenue``, a criterion's name …), plus ``industry``/``行业`` and
    ``owner``/``负责人``. Columns the workbook does not hold are ignored, unless
    given in ``extra`` (header → one value per row of ``table``): those are
    written as they are, to the right of the table, and nothing refers to them.
    """
    model = model or active_model()
    book = Book(model, lang, LABELS["kind"])
    inputs, headers, n = _inputs(table, model)
    n_rows = n + max(0, spare_rows)
    if n_rows == 0:
        n_rows = 1  # ranges need at least one row
    first, last = FIRST_ROW, FIRST_ROW + n_rows - 1
    cols = columns(model)
    letters = {c.key: get_column_letter(i) for i, c in enumerate(cols, start=1)}
    values = indicators(inputs, n, model, lang, headers)

    extra = dict(extra or {})
    ws = book.sheet(LABELS["sheet"], widths=[c.width for c in cols] + [14.0] * len(extra), streamed=True)
    ws.freeze(f"D{first}")  # header rows and the account columns
    ws.height(HEADER_ROW, 45)
    # Printed: the figures from the score on, two landscape pages across with the account, industry and
    # owner repeated at the left of each — the 18 criterion scores stay on screen (all 54 columns on one
    # page would print at ~3 pt).
    ws.print_titles(rows=f"{HEADER_ROW}:{HEADER_ROW}", columns=f"A:{letters['owner']}")
    end = get_column_letter(len(cols) + len(extra))
    ws.print_only(f"{letters['score']}1:{end}{last}", pages_wide=2)
    ws.upright(False)
    _format(book, ws, letters, first, last)
    _table(book, ws, cols, letters, inputs, values, n, first, last, extra)
    _summary(book, ws.title, letters, inputs, values, n, first, last)
    book.add_model_sheet()
    return book


def write(
    path: str | os.PathLike[str],
    table: pd.DataFrame | None = None,
    *,
    model: Model | None = None,
    lang: str = "zh",
    overwrite: bool = False,
    spare_rows: int = SPARE_ROWS,
) -> Path:
    """Build and save the portfolio workbook; refuses to overwrite unless asked."""
    path = Path(path)
    if path.exists() and not overwrite:  # before the work, not after it
        raise OverwriteError(str(path))
    return build(table, model=model, lang=lang, spare_rows=spare_rows).save(path, overwrite=overwrite)


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
) -> None:
    """The streamed table: title, model line, weight row, headers, then one row per account
    (and the ``extra`` columns, as given, to the right).

    A streamed sheet's formula cells are recorded by column (``book.column_sources``),
    the few above the headers by cell.
    """
    model, n_rows = book.model, last - first + 1
    title, plain, header = book.stamp(ws, "title"), book.stamp(ws, "plain"), book.stamp(ws, "header")
    book.append(ws, [(title, book.t(LABELS["title"]))])
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
        if c.kind == "formula":
            book.column_sources[(ws.title, letters[c.key])] = c.key
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
        book.number_range(ws, rng(f"criterion:{c.code}"), 0, card.scale)
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
    book.band_colours(ws, rng("tier"), [t.text(lang) for t in model.tiers])
    book.band_colours(ws, rng("barrier_level"), [x.text(lang) for x in b.levels])
    book.band_colours(ws, rng("credit_rating"), [x.text(lang) for x in model.receivables.ratings])


# ---------------------------------------------------------------- summary: counts, pyramid and Pareto


def _groups(model: Model, lang: str) -> list[tuple[str, list[tuple[str, int | None, str]]]]:
    """Each counted indicator and its labels: (the Model sheet's name for the label, its item in a
    list of labels or None, the label's text)."""

    def listed(names: str, labels: Sequence[Label]) -> list[tuple[str, int | None, str]]:
        return [(label(names, lang), k, lab.text(lang)) for k, lab in enumerate(labels, start=1)]

    mx = model.matrix
    cells = [("HIGH_HIGH", mx.high_high), ("HIGH_LOW", mx.high_low), ("LOW_HIGH", mx.low_high), ("LOW_LOW", mx.low_low)]
    return [
        ("tier", listed("KAM_TIER_LEVELS", model.tiers)),
        ("abc", listed("KAM_ABC_LABELS", model.abc.labels)),
        ("pyramid", listed("KAM_PYRAMID_LAYERS", model.pyramid.layers)),
        ("matrix", [(label(f"KAM_MATRIX_{k}", lang), None, lab.text(lang)) for k, lab in cells]),
        ("barrier_level", listed("KAM_BARRIER_LEVELS", model.barrier.levels)),
        ("credit_rating", listed("KAM_RECEIVABLES_RATINGS", model.receivables.ratings)),
    ]


def _summary(
    book: Book,
    table_title: str,
    letters: dict[str, str],
    inputs: dict[str, np.ndarray],
    values: dict[str, np.ndarray],
    n: int,
    first: int,
    last: int,
) -> None:
    """Counts in A:B, the Pareto block in D:G (sorted by LARGE formulas), charts to the right."""
    model, lang = book.model, book.lang
    # the headline total (B5) and the Pareto values must show a realistic sum (¥100 bn) and account (¥10 bn), not ###
    total_w, value_w = fit_width(FMT["money"], 99_999_999_999.99), fit_width(FMT["money"], 9_999_999_999.99)
    ws = book.sheet(LABELS["summary"], widths=[18, total_w, 3, 8, 26, value_w, 11])
    quoted = "'" + table_title.replace("'", "''") + "'"

    def col(key: str) -> str:
        return f"{quoted}!${letters[key]}${first}:${letters[key]}${last}"

    book.title(ws, "A1", book.t(LABELS["title"]) + " · " + book.t(LABELS["summary"]))
    book.caption(ws, "A2", *model_line(book))
    book.hint(ws, "D3", LABELS["pareto_note"])

    # left: the totals, then one count per label of each indicator
    value = inputs.get(model.abc.value, np.full(n, np.nan))
    accounts = inputs.get("account", np.full(n, None, dtype=object))
    vals, names = col(model.abc.value), col("account")
    book.label(ws, "A4", LABELS["accounts"])
    book.indicator(ws, "B4", "count_filled", names, value=tally.count_filled(accounts.tolist()))
    book.label(ws, "A5", LABELS["value_total"])
    book.indicator(ws, "B5", "total", vals, value=tally.total(value.tolist()), fmt="money")
    r, layers_row = 5, 0
    for key, labels in _groups(model, lang):
        shown_labels = values[key].tolist()
        r += 2
        book.label(ws, f"A{r}", REGISTRY[key].name(lang))
        book.label(ws, f"B{r}", COMMON["count"])
        layers_row = r if key == "pyramid" else layers_row
        for name, item, shown in labels:
            r += 1
            book.model_value(ws, f"A{r}", name, shown, item=item)
            book.indicator(ws, f"B{r}", "count_of", col(key), f"A{r}", value=tally.count_of(shown_labels, shown))

    # right: the Pareto list over every row of the table; LARGE sorts, MATCH finds the first holder
    n_rows = last - first + 1
    ranked = pareto.largest(value, np.arange(1, n_rows + 1))  # NaN past the values given
    holders = pareto.holder(ranked, value, accounts).tolist()
    present = int(np.count_nonzero(~np.isnan(ranked)))
    shares = pareto.cumulative_share(value).tolist() if present else []
    heads: list[Text | str] = [LABELS["rank"], COMMON["account"], LABELS[model.abc.value],
                               REGISTRY["pareto_cumulative"].name(lang)]  # fmt: skip
    for c, head in zip("DEFG", heads, strict=True):
        book.label(ws, f"{c}4", head)
    for k in range(1, n_rows + 1):
        book.value(ws, f"D{4 + k}", k)
    blank = [""] * (n_rows - present)
    book.indicator_column(ws, "E", 5, "pareto_account", lambda r: (f"F{r}", vals, names), holders)
    book.indicator_column(ws, "F", 5, "pareto_value", lambda r: (vals, f"D{r}"), ranked[:present].tolist() + blank,
                          "money")  # fmt: skip
    book.indicator_column(ws, "G", 5, "pareto_cumulative", lambda r: (f"F{r}", f"G{r - 1}", "$B$5"), shares + blank,
                          "percent")  # fmt: skip
    _charts(book, ws, layers_row, n_rows)


def _charts(book: Book, ws: Sheet, layers_row: int, n_rows: int) -> None:
    """A horizontal bar chart of accounts per pyramid layer (top layer on top) and a Pareto chart."""
    n_layers = len(book.model.pyramid.layers)

    def cells(column: str, first: int, last: int) -> Reference:
        return Reference(range_string=f"'{ws.title}'!${column}${first}:${column}${last}")

    pyr = BarChart()
    pyr.type = "bar"
    pyr.title = book.t(LABELS["pyramid_chart"])
    pyr.add_data(cells("B", layers_row, layers_row + n_layers), titles_from_data=True)
    pyr.set_categories(cells("A", layers_row + 1, layers_row + n_layers))
    pyr.x_axis.scaling.orientation = "maxMin"  # the first layer (platinum) on top
    pyr.legend = None
    pyr.height, pyr.width = 7.5, 12
    book.add_chart(ws, pyr, "I4")

    bar = BarChart()
    bar.title = book.t(LABELS["pareto"])
    bar.add_data(cells("F", 4, 4 + n_rows), titles_from_data=True)
    bar.set_categories(cells("E", 5, 4 + n_rows))
    line = LineChart()
    line.add_data(cells("G", 4, 4 + n_rows), titles_from_data=True)
    line.y_axis.axId = 200  # cumulative share on a secondary axis, 0–100 %
    line.y_axis.number_format = "0%"
    line.y_axis.crosses = "max"
    line.y_axis.scaling.min, line.y_axis.scaling.max = 0, 1
    for axis in (pyr.x_axis, pyr.y_axis, bar.x_axis, bar.y_axis, line.y_axis):
        axis.delete = False  # openpyxl 3.1 hides axes unless told
    bar += line
    bar.height, bar.width = 9, 18
    book.add_chart(ws, bar, "I20")
