"""The development record (大客户开发记录表): the pipeline of targeted accounts — docs/definitions.md §2.10.

One row per attempt: the account, who found it and how, its stage (a dropdown
of the model's pipeline stages) and the stage's win probability, the expected
value and the weighted value, the next step and its due date, the outcome
(won, lost, open, dropped), why, and what was learnt — from every attempt,
won or not; for the sales funnel (大客户销售漏斗, seed 001) the dates it became a
possible, regular and key account and was closed, the category of a loss reason
(a dropdown of fixed bilingual categories), and two formulas: its funnel stage
and a check that its stage dates do not go backwards. A summary sheet counts
attempts by stage and by outcome and gives the weighted pipeline (the registry's
``pipeline`` rendering) and the win rate; the funnel sheet
(:mod:`kam_xl.workbooks.development_funnel`) the five funnel stages, the open
pipeline apart from won and lost, loss reasons by category and a funnel chart.

Every computed cell is a live formula rendered by a registry entry
(:meth:`~kam_xl.workbooks.book.Book.indicator`), cached with what the core
(:mod:`kam_xl.core.pipeline`, :mod:`kam_xl.core.tally`) computes; a row with no
stage or no expected value has blank probability and weighted value, and adds
nothing to the pipeline (SUMPRODUCT counts a blank as 0). Both sheets are laid
out on the canvas (:mod:`kam_xl.workbooks.canvas`).

The list leaves SPARE_ROWS (500) blank rows below the attempts, with filter buttons
on its heading row; every summary range, validation and format runs to its last
row, so a row inserted inside the list is counted at once (its own probability and
weighted value once the row above is copied into it).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

import numpy as np

from kam_xl.cells import is_blank, parse_number, to_date
from kam_xl.core import funnel, pipeline, tally
from kam_xl.core.bands import lookup
from kam_xl.errors import InputError, KamError, Position
from kam_xl.indicators.funnel import dates_flag
from kam_xl.models import Model, active_model
from kam_xl.models.schema import Label
from kam_xl.workbooks.book import AMBER, BLUE, FMT, GREEN, RED, Book, OverwriteError, Sheet
from kam_xl.workbooks.canvas import quoted
from kam_xl.workbooks.development_funnel import FUNNEL_LABELS, STAGE_DATES, RecordRows, funnel_sheet
from kam_xl.workbooks.labels import COMMON, Text, fit_width
from kam_xl.workbooks.portfolio import model_line
from kam_xl.xlformulas import funnel as X
from kam_xl.xlformulas.common import label

__all__ = [
    "FIRST_ROW",
    "FORMULAS",
    "HEADER_ROW",
    "LABELS",
    "OUTCOMES",
    "SHEETS",
    "SOURCES",
    "SPARE_ROWS",
    "STAGE_DATES",
    "Attempt",
    "build",
    "columns",
    "write",
]

HEADER_ROW, FIRST_ROW = 4, 5  # row 1: title, row 2: the model's name, version and hash, row 3: how to fill in
SPARE_ROWS = 500  # blank rows below the attempts: a year's prospecting of a whole sales team
# Realistic maxima a money column must show without ###: one deal, and a sum over the whole record.
_DEAL_MAX, _SUM_MAX = 999_999_999.99, 99_999_999_999.99

LABELS: dict[str, Text] = {
    "kind": ("大客户开发记录表", "Key-account development record"),
    "sheet": ("开发记录", "Development record"),
    "summary": ("汇总", "Summary"),
    "industry": ("行业", "Industry"),
    "source": ("线索来源", "Lead source"),
    "first_contact": ("首次接触日期", "First contact"),
    "stage": ("开发阶段", "Stage"),
    "probability": ("阶段赢率", "Win probability"),
    "expected_value": ("预期金额", "Expected value"),
    "weighted_value": ("加权金额", "Weighted value"),
    "next_step": ("下一步行动", "Next step"),
    "due": ("截止日期", "Due date"),
    "outcome": ("结果", "Outcome"),
    "reason": ("原因", "Reason"),
    "lessons": ("经验教训", "Lessons learnt"),
    "possible_on": ("进入可能客户日期", "Became possible on"),
    "regular_on": ("进入普通客户日期", "Became regular on"),
    "key_on": ("进入重点客户日期", "Became key on"),
    "closed_on": ("结案日期", "Closed on"),
    "loss_category": ("原因分类", "Reason category"),
    "funnel_stage": ("漏斗阶段", "Funnel stage"),
    "dates_check": ("日期检查", "Date check"),
    "hint": (
        "每次开发尝试都记录一行，无论成败都写下经验教训；阶段与结果请从下拉列表选择；各阶段日期用于销售漏斗的停留天数",
        "One row per attempt; record what was learnt whether it was won or not; choose stage and outcome from the "
        "lists; the stage dates give the funnel's days in stage",
    ),
    "attempts": ("尝试数", "Attempts"),
    "open_stages": ("进行中的机会（按阶段）", "Open deals by stage"),
    "open_pipeline": ("加权管道（进行中）", "Weighted pipeline (open)"),
    "won_value": ("赢单金额", "Won value"),
    "lost_value": ("丢单金额", "Lost value"),
    "win_rate": ("赢单率（赢单 ÷ 赢单与丢单）", "Win rate (won ÷ won and lost)"),
}

SHEETS: dict[str, Text] = {  # in workbook order, before Model
    "record": LABELS["sheet"],
    "summary": LABELS["summary"],
    "funnel": FUNNEL_LABELS["sheet"],
}

OUTCOMES: dict[str, Text] = pipeline.OUTCOMES  # won / lost / open / dropped: fixed choices, not a model list
SOURCES: tuple[Text, ...] = (
    ("展会", "Trade fair"),
    ("老客户推荐", "Customer referral"),
    ("招投标信息", "Tender notice"),
    ("行业协会", "Industry association"),
    ("电话开发", "Cold call"),
    ("网络询盘", "Web enquiry"),
)


@dataclass
class Attempt:
    """One attempt to win a key account. ``stage``: a pipeline stage's code, Chinese or English
    name; ``outcome``: won / lost / open / dropped (or 赢单 / 丢单 / 进行中 / 放弃)."""

    account: str | None = None
    industry: str | None = None
    owner: str | None = None
    source: str | None = None
    first_contact: date | None = None
    stage: str | None = None
    expected_value: float | None = None
    next_step: str | None = None
    due: date | None = None
    outcome: str | None = None
    reason: str | None = None
    lessons: str | None = None
    possible_on: date | None = None
    regular_on: date | None = None
    key_on: date | None = None
    closed_on: date | None = None
    loss_category: str | None = None


@dataclass(frozen=True)
class Column:
    key: str  # an Attempt field, or one of FORMULAS
    header: Text
    fmt: str
    width: float


def columns() -> list[Column]:
    """The record's columns, left to right."""

    def col(key: str, fmt: str = "text", width: float = 12.0) -> Column:
        return Column(key, COMMON[key] if key in COMMON else LABELS[key], fmt, width)

    return [
        col("account", width=26),
        col("industry"),
        col("owner", width=10),
        col("source"),
        col("first_contact", "date"),
        col("stage", width=12),
        col("probability", "percent", 10),
        col("expected_value", "money", fit_width(FMT["money"], _DEAL_MAX)),
        col("weighted_value", "money", fit_width(FMT["money"], _DEAL_MAX)),
        col("next_step", width=28),
        col("due", "date"),
        col("outcome", width=10),
        col("reason", width=24),
        col("lessons", width=36),
        col("possible_on", "date"),
        col("regular_on", "date"),
        col("key_on", "date"),
        col("closed_on", "date"),
        col("loss_category", width=16),
        col("funnel_stage", width=12),
        col("dates_check", width=22),
    ]


FORMULAS = ("probability", "weighted_value", "funnel_stage", "dates_check")  # the record's computed columns


def _letters() -> dict[str, str]:
    return {c.key: chr(ord("A") + i) for i, c in enumerate(columns())}


# ---------------------------------------------------------------- inputs and what the core makes of them


def _text(value: object) -> str | None:
    return None if is_blank(value) else str(value)


def _outcome(value: object, lang: str, row: int) -> str | None:
    text = _text(value)
    if text is None:
        return None
    key = text.strip().casefold()
    for code, (zh, en) in OUTCOMES.items():
        if key in (code, zh, en.casefold()):
            return OUTCOMES[code][0 if lang == "zh" else 1]
    choices = " / ".join(f"{zh} {en}" for zh, en in OUTCOMES.values())
    raise InputError(
        "outcome", f"“{text}” 不是可选项（{choices}）", f"'{text}' is not one of ({choices})", Position(row=row)
    )


def _choice(value: object, choices: Sequence[Label], field: str, lang: str, row: int) -> str | None:
    """One of fixed bilingual ``choices`` (its code, Chinese or English name) in ``lang``."""
    text = _text(value)
    if text is None:
        return None
    key = text.strip().casefold()
    for c in choices:
        if key in (c.code, c.zh, c.en.casefold()):
            return c.text(lang)
    names = " / ".join(f"{c.zh} {c.en}" for c in choices)
    raise InputError(field, f"“{text}” 不是可选项（{names}）", f"'{text}' is not one of ({names})", Position(row=row))


def _rows(records: Sequence[Attempt], model: Model, lang: str) -> list[dict[str, object]]:
    """Each attempt as the cells it writes: texts, dates, the stage in ``lang``, numbers checked."""
    stages = model.pipeline.stages
    out = []
    for i, a in enumerate(records, start=1):
        at = Position(row=i)
        row: dict[str, object] = {f.name: _text(getattr(a, f.name)) for f in fields(Attempt)}
        row["first_contact"] = to_date(a.first_contact, "first_contact", at)
        row["due"] = to_date(a.due, "due", at)
        for key in STAGE_DATES[1:]:
            row[key] = to_date(getattr(a, key), key, at)
        row["loss_category"] = _choice(a.loss_category, funnel.LOSS_REASONS, "loss_category", lang, i)
        if row["stage"] is not None:
            try:
                k = int(lookup([row["stage"]], stages, "stage")[0])  # names the choices when unknown
            except KamError as exc:
                raise exc.at(at) from None
            row["stage"] = stages[k].text(lang)
        ev = parse_number(a.expected_value, "expected_value", at)
        if ev is not None and not ev >= 0:
            raise InputError(
                "expected_value",
                f"预期金额不能为负：{ev:g}",
                f"the expected value must not be negative: {ev:g}",
                at,
            )
        row["expected_value"] = ev
        row["outcome"] = _outcome(a.outcome, lang, i)
        out.append(row)
    return out


def _computed(rows: list[dict[str, object]], model: Model, lang: str) -> dict[str, list[object]]:
    """Per row the stage probability, the weighted value, the funnel stage and the date check ("" = blank)."""
    prob: list[object] = [""] * len(rows)
    weighted: list[object] = [""] * len(rows)
    staged = [i for i, r in enumerate(rows) if r["stage"] is not None]
    if staged:
        for i, p in zip(staged, pipeline.stage_probability([rows[i]["stage"] for i in staged], model), strict=True):
            prob[i] = float(p)
    both = [i for i in staged if rows[i]["expected_value"] is not None]
    if both:
        ev, st = [rows[i]["expected_value"] for i in both], [rows[i]["stage"] for i in both]
        for i, w in zip(both, pipeline.weighted_value(ev, st, model), strict=True):
            weighted[i] = float(w)
    stage = funnel.funnel_stage([r["stage"] for r in rows], [r["outcome"] for r in rows], lang, model)
    check = dates_flag([[r[k] for k in STAGE_DATES] for r in rows], lang, model)
    return {
        "probability": prob,
        "weighted_value": weighted,
        "funnel_stage": ["" if x is None else x for x in stage.tolist()],
        "dates_check": check.tolist(),
    }


# ---------------------------------------------------------------- the workbook


def build(
    records: Sequence[Attempt] | None = None,
    *,
    model: Model | None = None,
    lang: str = "zh",
    spare_rows: int = SPARE_ROWS,
) -> Book:
    """The development record of ``records`` (None = the blank template of ``spare_rows`` rows)."""
    model = model or active_model()
    book = Book(model, lang, LABELS["kind"])
    rows = _rows(records or [], model, lang)
    n_rows = max(1, len(rows) + max(0, spare_rows))
    first, last = FIRST_ROW, FIRST_ROW + n_rows - 1
    cols, col = columns(), _letters()
    computed = _computed(rows, model, lang)

    ws = book.sheet(LABELS["sheet"], widths=[c.width for c in cols])
    _head(book, ws, book.t(LABELS["kind"]))
    book.hint(ws, "A3", LABELS["hint"])
    ws.merge(f"A3:{col['lessons']}3")
    book.headers(ws, HEADER_ROW, [c.header for c in cols])
    ws.height(HEADER_ROW, 30)
    for i in range(n_rows):
        r = first + i
        data = rows[i] if i < len(rows) else {}
        for c in cols:
            ref = f"{col[c.key]}{r}"
            value = computed[c.key][i] if c.key in computed and data else ""
            if c.key == "probability":
                book.indicator(ws, ref, "stage_probability", f"{col['stage']}{r}", lang, value=value, fmt=c.fmt)
            elif c.key == "weighted_value":
                ev, p = f"{col['expected_value']}{r}", f"{col['probability']}{r}"
                book.indicator(ws, ref, "weighted_value", ev, p, value=value, fmt=c.fmt)
            elif c.key == "funnel_stage":
                stage, outcome = f"{col['stage']}{r}", f"{col['outcome']}{r}"
                book.indicator(ws, ref, "funnel_stage", stage, outcome, lang, value=value, fmt=c.fmt)
            elif c.key == "dates_check":
                dates = [f"{col[k]}{r}" for k in STAGE_DATES]
                book.indicator(ws, ref, "stage_dates_check", dates, lang, value=value, fmt=c.fmt)
            else:
                book.input(ws, ref, data.get(c.key), c.fmt)

    def span(key: str) -> str:
        return f"{col[key]}{first}:{col[key]}{last}"

    book.choices(ws, span("stage"), label("KAM_PIPELINE_STAGES", lang))
    book.fixed_choices(ws, span("outcome"), [t[0 if lang == "zh" else 1] for t in OUTCOMES.values()])
    book.fixed_choices(ws, span("source"), [t[0 if lang == "zh" else 1] for t in SOURCES])
    book.dates(ws, span("first_contact"))
    book.dates(ws, span("due"))
    for key in STAGE_DATES[1:]:
        book.dates(ws, span(key))
    book.fixed_choices(ws, span("loss_category"), [x.text(lang) for x in funnel.LOSS_REASONS])
    book.colour_when(ws, span("dates_check"), X.flagged(f"{col['dates_check']}{first}"), RED)
    book.number_range(ws, span("expected_value"), 0, None)
    shown = {code: t[0 if lang == "zh" else 1] for code, t in OUTCOMES.items()}
    fills = [(shown["won"], GREEN), (shown["open"], BLUE), (shown["lost"], RED), (shown["dropped"], AMBER)]
    book.colour_labels(ws, span("outcome"), fills)
    ws.freeze(f"B{first}")
    ws.filter(f"A{HEADER_ROW}:{col[cols[-1].key]}{last}")  # filter and sort the attempts (allowed under protection)
    ws.print_titles(rows=f"{HEADER_ROW}:{HEADER_ROW}")
    outcome_rows = _summary(book, ws.title, col, first, last, rows, computed["weighted_value"])
    summary_title = book.t(LABELS["summary"])
    funnel_sheet(book, RecordRows(ws.title, col, first, last, rows, computed, summary_title, outcome_rows))
    book.add_model_sheet()  # the last tab
    return book


def _head(book: Book, ws: Sheet, title: str) -> None:
    """Title and the model's name, version and hash (from the Model sheet's names)."""
    book.title(ws, "A1", title)
    book.caption(ws, "A2", *model_line(book))


def _summary(
    book: Book,
    title: str,
    col: dict[str, str],
    first: int,
    last: int,
    rows: list[dict[str, object]],
    weighted: list[object],
) -> dict[str, int]:
    """Counts and sums by stage and by outcome; the weighted pipeline; the win rate. Returns the outcome
    table's rows (by outcome code)."""
    model, lang = book.model, book.lang
    money = fit_width(FMT["money"], _SUM_MAX)
    ws = book.sheet(LABELS["summary"], widths=[30, money, money, money])
    quoted_title = quoted(title)

    def span(key: str) -> str:
        return f"{quoted_title}!${col[key]}${first}:${col[key]}${last}"

    _head(book, ws, book.t(LABELS["kind"]) + " · " + book.t(LABELS["summary"]))
    expected = [x["expected_value"] for x in rows]

    def group(r: int, key: str, name: str) -> tuple[float, float]:
        """B:D of the outcome ``name`` in row ``r`` (its label in A): count, expected value, weighted value.
        Returns the count and the weighted value."""
        labels = [x[key] for x in rows]
        count, value = tally.count_of(labels, name), tally.total_of(labels, name, weighted)
        book.indicator(ws, f"B{r}", "count_of", span(key), f"A{r}", value=count)
        book.indicator(ws, f"C{r}", "total_of", span(key), f"A{r}", span("expected_value"),
                       value=tally.total_of(labels, name, expected), fmt="money")  # fmt: skip
        book.indicator(ws, f"D{r}", "total_of", span(key), f"A{r}", span("weighted_value"), value=value, fmt="money")
        return count, value

    # The stage table counts the OPEN deals only (outcome 进行中 / Open): a won, lost or dropped deal is no longer
    # in the pipeline, and the outcome table below reports those apart.
    n_stages = len(model.pipeline.stages)
    total_row = 5 + n_stages
    at = {code: total_row + 3 + k for k, code in enumerate(OUTCOMES)}  # the outcome table's rows
    open_label = OUTCOMES["open"][0 if lang == "zh" else 1]
    open_cell = f"$A${at['open']}"
    stages, outcomes = [x["stage"] for x in rows], [x["outcome"] for x in rows]

    def open_group(r: int, name: str) -> tuple[float, float, float]:
        """B:D of the stage ``name`` in row ``r``, over the open deals: count, expected and weighted value."""
        count = tally.count_of_both(stages, name, outcomes, open_label)
        ev = tally.total_of_both(stages, name, outcomes, open_label, expected)
        value = tally.total_of_both(stages, name, outcomes, open_label, weighted)
        book.indicator(ws, f"B{r}", "count_of_both", span("stage"), f"A{r}", span("outcome"), open_cell, value=count)
        for c, amounts, v in (("C", "expected_value", ev), ("D", "weighted_value", value)):
            book.indicator(ws, f"{c}{r}", "total_of_both", span("stage"), f"A{r}", span("outcome"), open_cell,
                           span(amounts), value=v, fmt="money")  # fmt: skip
        return count, ev, value

    stage_names = label("KAM_PIPELINE_STAGES", lang)
    book.headers(ws, 3, [LABELS["open_stages"]])
    ws.merge("A3:D3")
    book.headers(ws, 4, [LABELS["stage"], COMMON["count"], LABELS["expected_value"], LABELS["weighted_value"]])
    sums: list[tuple[float, float, float]] = []
    for k, stage in enumerate(model.pipeline.stages, start=1):
        r = 4 + k
        book.model_value(ws, f"A{r}", stage_names, stage.text(lang), item=k)
        sums.append(open_group(r, stage.text(lang)))
    r = total_row
    book.label(ws, f"A{r}", COMMON["total"])
    for c, j, fmt in (("B", 0, "general"), ("C", 1, "money"), ("D", 2, "money")):
        book.indicator(ws, f"{c}{r}", "total", f"{c}5:{c}{r - 1}", value=tally.total([x[j] for x in sums]), fmt=fmt)
    open_pipeline = tally.total([x[2] for x in sums])

    r += 2
    book.headers(ws, r, [LABELS["outcome"], COMMON["count"], LABELS["expected_value"], LABELS["weighted_value"]])
    by_outcome: dict[str, tuple[float, float]] = {}
    for code, text in OUTCOMES.items():
        r += 1
        assert r == at[code]
        book.label(ws, f"A{r}", text[0 if lang == "zh" else 1], header=False)
        by_outcome[code] = group(r, "outcome", text[0 if lang == "zh" else 1])
    r += 2
    book.label(ws, f"A{r}", LABELS["attempts"])
    book.indicator(ws, f"B{r}", "count_filled", span("account"), value=tally.count_filled([x["account"] for x in rows]))
    book.label(ws, f"A{r + 1}", LABELS["open_pipeline"])
    book.reference(ws, f"B{r + 1}", f"D{total_row}", open_pipeline, "money")
    won_value = tally.total_of(outcomes, OUTCOMES["won"][0 if lang == "zh" else 1], expected)
    lost_value = tally.total_of(outcomes, OUTCOMES["lost"][0 if lang == "zh" else 1], expected)
    book.label(ws, f"A{r + 2}", LABELS["won_value"])
    book.reference(ws, f"B{r + 2}", f"C{at['won']}", won_value, "money")
    book.label(ws, f"A{r + 3}", LABELS["lost_value"])
    book.reference(ws, f"B{r + 3}", f"C{at['lost']}", lost_value, "money")
    book.label(ws, f"A{r + 4}", LABELS["win_rate"])
    rate = pipeline.win_rate(by_outcome["won"][0], by_outcome["lost"][0])
    book.indicator(ws, f"B{r + 4}", "win_rate", f"B{at['won']}", f"B{at['lost']}",
                   value="" if np.isnan(rate) else rate, fmt="percent")  # fmt: skip
    return at


def write(
    path: str | os.PathLike[str],
    records: Sequence[Attempt] | None = None,
    *,
    model: Model | None = None,
    lang: str = "zh",
    overwrite: bool = False,
    spare_rows: int = SPARE_ROWS,
) -> Path:
    """Build and save the development record; refuses to overwrite unless asked."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise OverwriteError(str(path))
    return build(records, model=model, lang=lang, spare_rows=spare_rows).save(path, overwrite=overwrite)
