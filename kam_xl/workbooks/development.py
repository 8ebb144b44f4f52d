"""The development record (大客户开发记录表): the pipeline of targeted accounts — SPEC §2.10.

One row per attempt: the account, who found it and how, its stage (a dropdown
of the model's pipeline stages) and the stage's win probability, the expected
value and the weighted value, the next step and its due date, the outcome
(won, lost, open, dropped), why, and what was learnt — from every attempt,
won or not. A summary sheet counts attempts by stage and by outcome and gives
the weighted pipeline (the registry's ``pipeline`` rendering) and the win rate.

Every computed cell is a live formula, cached with what the core
(:mod:`kam_xl.core.pipeline`) computes; a row with no stage or no expected
value has blank probability and weighted value, and adds nothing to the
pipeline (SUMPRODUCT counts a blank as 0).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

import numpy as np
from openpyxl.styles import Border, PatternFill

from kam_xl.core import pipeline
from kam_xl.core.bands import lookup
from kam_xl.errors import InputError
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model, active_model
from kam_xl.workbooks.book import AMBER, BLUE, GREEN, RED, Book, OverwriteError
from kam_xl.workbooks.labels import COMMON, Text
from kam_xl.workbooks.portfolio import model_line
from kam_xl.xlformulas.common import blank_unless, label
from kam_xl.xlformulas.pipeline import stage_probability

__all__ = [
    "FIRST_ROW",
    "HEADER_ROW",
    "LABELS",
    "OUTCOMES",
    "SOURCES",
    "SPARE_ROWS",
    "Attempt",
    "build",
    "columns",
    "write",
]

HEADER_ROW, FIRST_ROW = 4, 5  # row 1: title, row 2: the model's name, version and hash, row 3: how to fill in
SPARE_ROWS = 30

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
    "hint": (
        "每次开发尝试都记录一行，无论成败都写下经验教训；阶段与结果请从下拉列表选择",
        "One row per attempt; record what was learnt whether it was won or not; choose stage and outcome from the lists",
    ),
    "attempts": ("尝试数", "Attempts"),
    "pipeline": ("加权管道（全部记录）", "Weighted pipeline (all records)"),
    "open_pipeline": ("加权管道（进行中）", "Weighted pipeline (open)"),
    "win_rate": ("赢单率（赢单 ÷ 赢单与丢单）", "Win rate (won ÷ won and lost)"),
}

# Outcome of an attempt: code → (zh, en); fixed choices, not a model list.
OUTCOMES: dict[str, Text] = {
    "won": ("赢单", "Won"),
    "lost": ("丢单", "Lost"),
    "open": ("进行中", "Open"),
    "dropped": ("放弃", "Dropped"),
}
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


@dataclass(frozen=True)
class Column:
    key: str  # an Attempt field, or "probability" / "weighted_value" (formulas)
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
        col("expected_value", "money", 15),
        col("weighted_value", "money", 15),
        col("next_step", width=28),
        col("due", "date"),
        col("outcome", width=10),
        col("reason", width=24),
        col("lessons", width=36),
    ]


_FORMULAS = ("probability", "weighted_value")


def _letters() -> dict[str, str]:
    return {c.key: chr(ord("A") + i) for i, c in enumerate(columns())}


# ---------------------------------------------------------------- inputs and what the core makes of them


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value)
    return text if text.strip() else None


def _date(value: object, field: str, row: int) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    raise InputError(field, f"“{value}” 不是日期", f"'{value}' is not a date", f"row {row}")


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
        "outcome", f"“{text}” 不是可选项（{choices}）", f"'{text}' is not one of ({choices})", f"row {row}"
    )


def _rows(records: Sequence[Attempt], model: Model, lang: str) -> list[dict[str, object]]:
    """Each attempt as the cells it writes: texts, dates, the stage in ``lang``, numbers checked."""
    stages = model.pipeline.stages
    out = []
    for i, a in enumerate(records, start=1):
        row = {f.name: _text(getattr(a, f.name)) for f in fields(Attempt)}
        row["first_contact"] = _date(a.first_contact, "first_contact", i)
        row["due"] = _date(a.due, "due", i)
        if row["stage"] is not None:
            k = int(lookup([row["stage"]], stages, "stage")[0])  # names the choices when unknown
            row["stage"] = stages[k].text(lang)
        ev = a.expected_value
        row["expected_value"] = None if ev is None or (isinstance(ev, float) and np.isnan(ev)) else float(ev)
        if row["expected_value"] is not None and not row["expected_value"] >= 0:
            raise InputError(
                "expected_value", "预期金额不能为负", "the expected value must not be negative", f"row {i}"
            )
        row["outcome"] = _outcome(a.outcome, lang, i)
        out.append(row)
    return out


def _computed(rows: list[dict[str, object]], model: Model) -> tuple[list[object], list[object], float]:
    """Per row the stage probability and the weighted value ("" = blank), and the weighted pipeline."""
    prob: list[object] = [""] * len(rows)
    weighted: list[object] = [""] * len(rows)
    staged = [i for i, r in enumerate(rows) if r["stage"] is not None]
    if staged:
        for i, p in zip(staged, pipeline.stage_probability([rows[i]["stage"] for i in staged], model), strict=True):
            prob[i] = float(p)
    both = [i for i in staged if rows[i]["expected_value"] is not None]
    total = 0.0
    if both:
        ev, st = [rows[i]["expected_value"] for i in both], [rows[i]["stage"] for i in both]
        for i, w in zip(both, pipeline.weighted_value(ev, st, model), strict=True):
            weighted[i] = float(w)
        total = pipeline.weighted_pipeline(ev, st, model)
    return prob, weighted, total


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
    prob, weighted, total = _computed(rows, model)

    ws = book.sheet(LABELS["sheet"], widths=[c.width for c in cols])
    _head(book, ws, book.t(LABELS["kind"]))
    book.label(ws, "A3", LABELS["hint"], header=False)
    ws.merge_cells(f"A3:{col['lessons']}3")
    book.headers(ws, HEADER_ROW, [c.header for c in cols])
    ws.row_dimensions[HEADER_ROW].height = 30
    stage_names = label("KAM_PIPELINE_STAGES", lang)
    for i in range(n_rows):
        r = first + i
        data = rows[i] if i < len(rows) else {}
        for c in cols:
            ref = f"{col[c.key]}{r}"
            if c.key == "probability":
                book.formula(ws, ref, stage_probability(f"{col['stage']}{r}", lang), prob[i] if data else "", c.fmt)
            elif c.key == "weighted_value":
                ev, p = f"{col['expected_value']}{r}", f"{col['probability']}{r}"
                # the registry's pipeline on one row; blank (not 0) until stage and value are given
                formula = blank_unless(REGISTRY["pipeline"].formula(ev, p), ev, p)
                book.formula(ws, ref, formula, weighted[i] if data else "", c.fmt)
            else:
                book.input(ws, ref, data.get(c.key), c.fmt)

    def span(key: str) -> str:
        return f"{col[key]}{first}:{col[key]}{last}"

    book.choices(ws, span("stage"), stage_names)
    book.fixed_choices(ws, span("outcome"), [t[0 if lang == "zh" else 1] for t in OUTCOMES.values()])
    book.fixed_choices(ws, span("source"), [t[0 if lang == "zh" else 1] for t in SOURCES])
    book.dates(ws, span("first_contact"))
    book.dates(ws, span("due"))
    book.number_range(ws, span("expected_value"), 0, None)
    outcome = {code: t[0 if lang == "zh" else 1] for code, t in OUTCOMES.items()}
    fills = [(outcome["won"], GREEN), (outcome["open"], BLUE), (outcome["lost"], RED), (outcome["dropped"], AMBER)]
    book.colour_labels(ws, span("outcome"), fills)
    ws.freeze_panes = f"B{first}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _summary(book, ws.title, col, first, last, rows, weighted, total)
    book.add_model_sheet()  # the last tab
    return book


def _head(book: Book, ws: object, title: str) -> None:
    """Title and the model's name, version and hash (from the Model sheet's names)."""
    book.title(ws, "A1", title)
    book.formula(ws, "A2", *model_line(book))
    ws["A2"].fill, ws["A2"].border = PatternFill(), Border()  # a caption, not a grey formula box  # type: ignore[index]


def _summary(
    book: Book,
    title: str,
    col: dict[str, str],
    first: int,
    last: int,
    rows: list[dict[str, object]],
    weighted: list[object],
    total: float,
) -> None:
    """Counts and sums by stage and by outcome; the weighted pipeline; the win rate."""
    model, lang = book.model, book.lang
    ws = book.sheet(LABELS["summary"], widths=[26, 10, 16, 16])
    quoted = "'" + title.replace("'", "''") + "'"

    def span(key: str) -> str:
        return f"{quoted}!${col[key]}${first}:${col[key]}${last}"

    _head(book, ws, book.t(LABELS["kind"]) + " · " + book.t(LABELS["summary"]))

    def group(r: int, key: str, name: str) -> None:
        """B:D of one stage or outcome row ``r`` whose label is in A: count, expected value, weighted value."""
        mine = [i for i, x in enumerate(rows) if x[key] == name]
        ev = float(sum(rows[i]["expected_value"] or 0.0 for i in mine))  # type: ignore[misc]
        wv = float(sum(w for i in mine if isinstance(w := weighted[i], float)))
        book.formula(ws, f"B{r}", f"=COUNTIF({span(key)},A{r})", float(len(mine)))
        book.formula(ws, f"C{r}", f"=SUMIF({span(key)},A{r},{span('expected_value')})", ev, "money")
        book.formula(ws, f"D{r}", f"=SUMIF({span(key)},A{r},{span('weighted_value')})", wv, "money")

    stage_names = label("KAM_PIPELINE_STAGES", lang)
    book.headers(ws, 4, [LABELS["stage"], COMMON["count"], LABELS["expected_value"], LABELS["weighted_value"]])
    r = 5
    for k, stage in enumerate(model.pipeline.stages, start=1):
        book.formula(ws, f"A{r}", f"=INDEX({stage_names},{k})", stage.text(lang))
        group(r, "stage", stage.text(lang))
        r += 1
    book.label(ws, f"A{r}", COMMON["total"])
    staged = sum(x["stage"] is not None for x in rows)
    book.formula(ws, f"B{r}", f"=SUM(B5:B{r - 1})", float(staged))
    ev_all = sum(x["expected_value"] or 0.0 for x in rows)  # type: ignore[misc]
    book.formula(ws, f"C{r}", f"=SUM({span('expected_value')})", float(ev_all), "money")
    book.formula(ws, f"D{r}", REGISTRY["pipeline"].formula(span("expected_value"), span("probability")), total, "money")

    r += 2
    book.headers(ws, r, [LABELS["outcome"], COMMON["count"], LABELS["expected_value"], LABELS["weighted_value"]])
    at: dict[str, int] = {}
    for code, text in OUTCOMES.items():
        r += 1
        at[code] = r
        book.label(ws, f"A{r}", text[0 if lang == "zh" else 1], header=False)
        group(r, "outcome", text[0 if lang == "zh" else 1])
    r += 2
    won, lost = (book.cached[ws.title][f"B{at[k]}"] for k in ("won", "lost"))
    book.label(ws, f"A{r}", LABELS["attempts"])
    attempts = sum(x["account"] is not None for x in rows)
    book.formula(ws, f"B{r}", f"=COUNTA({span('account')})", float(attempts))
    book.label(ws, f"A{r + 1}", LABELS["pipeline"])
    book.formula(ws, f"B{r + 1}", f"=D{5 + len(model.pipeline.stages)}", total, "money")
    book.label(ws, f"A{r + 2}", LABELS["open_pipeline"])
    book.formula(ws, f"B{r + 2}", f"=D{at['open']}", book.cached[ws.title][f"D{at['open']}"], "money")
    book.label(ws, f"A{r + 3}", LABELS["win_rate"])
    rate = won / (won + lost) if won + lost else ""  # type: ignore[operator]
    won_ref, lost_ref = f"B{at['won']}", f"B{at['lost']}"
    book.formula(ws, f"B{r + 3}", f'=IF({won_ref}+{lost_ref}=0,"",{won_ref}/({won_ref}+{lost_ref}))', rate, "percent")


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
