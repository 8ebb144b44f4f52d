"""Finance's receivables report (应收账款报告): one row per account, totals, charts, problems, the ledger.

Sheets, in tab order:

- **应收账款 / Receivables** — the as-of date and period, then one row per
  account: sales, the opening balance, the aging buckets, outstanding, overdue,
  arrears rate, overdue ratio, DSO, best DSO, days delinquent, CEI, average
  collection days, largest and average receipt, unapplied receipts, average
  arrears, credit limit, credit-limit use and rating; a totals row under them.
  The figures made of the row's own cells (outstanding … CEI, credit-limit use,
  rating) are live formulas rendered from their registry entries
  (:meth:`Book.indicator`) with the core's values cached; they follow a credit
  limit typed in (the yellow column). The figures summed from the ledger
  (sales, opening, buckets, receipts, average arrears) are the core's values:
  the registry's renderers compute them over one account's ledger (the
  customer file), not per account over a shared ledger sheet. Above each
  column a note says which it is and where its definition is
  (``docs/indicators.md#key``).
- **汇总 / Summary** — the aging totals and the count of accounts per rating,
  each a formula over the first sheet, with an aging chart and a rating chart.
- **问题 / Problems** — every ledger row the core reported (unknown invoice,
  receipt before its invoice, overpaid, repeated invoice number), every cell
  the reader refused (a credit note, a text amount, a blank account, a bad
  date …: its row is not counted; with its column and the cell as found) and
  every totals row the reader skipped, each with its file and source row and why.
- **发票 / Invoices**, **收款 / Receipts** — the ledger as read (canonical
  columns and the source row of each entry), up to :data:`LEDGER_ROWS_SHOWN`
  rows each; a longer ledger is named there, not copied (cell by cell, a
  million rows take about a minute to lay out and write; a bulk column writer
  in :mod:`kam_xl.workbooks.book` would lift this).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.chart import BarChart, Reference

from kam_xl.core import tally
from kam_xl.core.receivables import (
    PROBLEM_LABELS,
    Period,
    arrears_rate,
    best_dso,
    cei,
    credit_use,
    days_delinquent,
    dso,
    overdue_ratio,
    rating_label,
)
from kam_xl.core.receivables import credit_rating as rate
from kam_xl.indicators import REGISTRY
from kam_xl.ledger import REJECT_KINDS
from kam_xl.models import Model, active_model
from kam_xl.workbooks.book import RED, Book
from kam_xl.workbooks.canvas import Cell as CanvasCell
from kam_xl.workbooks.canvas import Sheet
from kam_xl.workbooks.labels import COMMON, Text
from kam_xl.xlformulas import receivables as X
from kam_xl.xlformulas.common import label as label_name

__all__ = ["DOCS", "FIRST_ROW", "LABELS", "LEDGER_ROWS_SHOWN", "ReportData", "build", "columns"]

DOCS = "docs/indicators.md"
FIRST_ROW = 8  # the first account row of the Receivables sheet
_HEADER = FIRST_ROW - 1
_AS_OF, _START, _DAYS = "$B$2", "$B$3", "$B$4"

LABELS: dict[str, Text] = {
    "title": ("应收账款报告", "Receivables report"),
    "receivables": ("应收账款", "Receivables"),
    "summary": ("汇总", "Summary"),
    "problems": ("问题", "Problems"),
    "invoices": ("发票", "Invoices"),
    "receipts": ("收款", "Receipts"),
    "period_start": ("期间起点（不含）", "Period start (exclusive)"),
    "period_days": ("期间天数", "Days in period"),
    "opening": ("期初余额", "Opening balance"),
    "credit_limit": ("信用额度", "Credit limit"),
    "value_note": ("值（由 kam_xl 计算）· 定义：", "Value (computed by kam_xl) · definition: "),
    "formula_note": ("公式 · 定义：", "Formula · definition: "),
    "input_note": ("可填写", "You may type here"),
    "how": (
        "灰色单元格为公式（随信用额度等输入重算）；“值”列由 kam_xl 按台账计算，定义见各列上方的链接。",
        "Grey cells are formulas (they follow the inputs, such as the credit limit); 'value' columns were "
        "computed by kam_xl from the ledger, their definitions linked above each column.",
    ),
    "aging_chart": ("账龄分布（应收余额合计）", "Aging (total outstanding)"),
    "rating_chart": ("信用等级（客户数）", "Credit rating (accounts)"),
    "bucket": ("账龄段", "Aging bucket"),
    "amount": ("金额", "Amount"),
    "accounts": ("客户数", "Accounts"),
    "file": ("文件", "File"),
    "row": ("源文件行号", "Row in file"),
    "invoice": ("发票号", "Invoice no."),
    "kind": ("问题", "Problem"),
    "why": ("说明", "Why"),
    "invoice_date": ("开票日期", "Invoice date"),
    "due_date": ("到期日", "Due date"),
    "receipt_date": ("收款日期", "Receipt date"),
    "totals_row": ("合计行（已跳过）", "Totals row (skipped)"),
    "column": ("列", "Column"),
    "cell": ("单元格内容", "Cell as found"),
    "no_problems": ("台账中没有发现问题", "No problems found in the ledger"),
    "too_long": (
        "台账共 {n:,} 行，超过本表可复制的 {limit:,} 行：请查看源文件 {source}（“问题”表中的行号即其行号）",
        "The ledger has {n:,} rows, more than the {limit:,} this sheet copies: see the source file {source} "
        "(the Problems sheet's row numbers are its rows)",
    ),
}
LEDGER_ROWS_SHOWN = 100_000  # per ledger sheet; see the module doc


@dataclass(frozen=True)
class ReportData:
    """What the report shows: the core's per-account figures (``accounts``, index = account, the columns of
    :func:`kam_xl.core.receivables.receivables` plus ``opening``), its problems with their ``file``, the
    skipped totals rows as ``(file, row, zh, en)``, and the ledger's canonical frames."""

    as_of: date
    period: Period
    accounts: pd.DataFrame
    problems: pd.DataFrame
    skipped: Sequence[tuple[str, int, str, str]] = ()
    invoices: pd.DataFrame = field(default_factory=pd.DataFrame)
    receipts: pd.DataFrame = field(default_factory=pd.DataFrame)
    sources: tuple[str, ...] = ("",)  # the ledger file's name, then the receipt file's if there is one
    rejected: pd.DataFrame = field(default_factory=pd.DataFrame)  # cells refused: file + ledger.REJECTED_COLUMNS


@dataclass(frozen=True)
class Column:
    """A column of the Receivables sheet: ``key`` (a core column or ``account``), its registry entry (the
    figure's definition), header, number format and — for a live figure — its renderer's arguments on row ``r``
    given the row's cell references."""

    key: str
    entry: str
    header: Text | None  # None: the registry entry's own names
    fmt: str
    args: Callable[[Callable[[str], str], int], tuple[object, ...]] | None = None
    summed: bool = False  # the totals row sums it

    @property
    def live(self) -> bool:
        return self.args is not None

    @property
    def heading(self) -> Text:
        if self.header is not None:
            return self.header
        e = REGISTRY[self.entry]
        return (e.zh, e.en)


def columns(model: Model, lang: str) -> list[Column]:
    """The Receivables sheet's columns from B, in order (A is the account)."""
    buckets = [lab.code for lab in model.receivables.aging_labels]
    cols = [
        Column("sales", "sales", None, "money", summed=True),
        Column("opening", "balance", LABELS["opening"], "money", summed=True),
        *(
            Column(b, "aging", (lab.zh, lab.en), "money", summed=True)
            for b, lab in zip(buckets, model.receivables.aging_labels, strict=True)
        ),
        Column(
            "outstanding",
            "outstanding",
            None,
            "money",
            lambda c, r: (f"{c(buckets[0])}{r}:{c(buckets[-1])}{r}",),
            summed=True,
        ),
        Column(
            "overdue",
            "overdue_amount",
            None,
            "money",
            lambda c, r: (f"{c(buckets[1])}{r}:{c(buckets[-1])}{r}",),
            summed=True,
        ),
        Column(
            "arrears_rate",
            "arrears_rate",
            None,
            "percent",
            lambda c, r: (f"{c('outstanding')}{r}", f"{c('sales')}{r}"),
        ),
        Column(
            "overdue_ratio",
            "overdue_ratio",
            None,
            "percent",
            lambda c, r: (f"{c('overdue')}{r}", f"{c('outstanding')}{r}"),
        ),
        Column(
            "dso", "dso", ("DSO", "DSO"), "score", lambda c, r: (f"{c('outstanding')}{r}", f"{c('sales')}{r}", _DAYS)
        ),
        Column(
            "best_dso",
            "best_dso",
            None,
            "score",
            lambda c, r: (f"{c(buckets[0])}{r}", f"{c('sales')}{r}", _DAYS),
        ),
        Column(
            "days_delinquent",
            "days_delinquent",
            ("平均逾期天数", "Days delinquent"),
            "score",
            lambda c, r: (f"{c('dso')}{r}", f"{c('best_dso')}{r}"),
        ),
        Column(
            "cei",
            "cei",
            ("收款有效性指数 CEI", "CEI"),
            "score",
            lambda c, r: (f"{c('opening')}{r}", f"{c('sales')}{r}", f"{c('outstanding')}{r}", f"{c(buckets[0])}{r}"),
        ),
        Column("avg_collection_days", "avg_collection_days", ("平均收款周期（天）", "Avg collection days"), "score"),
        Column("largest_receipt", "largest_receipt", None, "money"),
        Column("avg_receipt", "avg_receipt", None, "money"),
        Column("unapplied_receipts", "unapplied_receipts", None, "money", summed=True),
        Column("avg_arrears", "avg_arrears", None, "money", summed=True),
        Column("credit_limit", "credit_use", LABELS["credit_limit"], "money", summed=True),
        Column(
            "credit_use",
            "credit_use",
            None,
            "percent",
            lambda c, r: (f"{c('outstanding')}{r}", f"{c('credit_limit')}{r}"),
        ),
        Column(
            "rating",
            "credit_rating",
            None,
            "general",
            lambda c, r: (f"{c('dso')}{r}", f"{c('overdue_ratio')}{r}", lang),
        ),
    ]
    return cols


def _letter(k: int) -> str:
    """Column letter of the ``k``-th column (0 = A)."""
    out = ""
    k += 1
    while k:
        k, rem = divmod(k - 1, 26)
        out = chr(65 + rem) + out
    return out


def clean(value: object) -> object:
    """A core value as a cell's value: NaN/None → "" (blank-looking), numpy numbers as floats."""
    if value is None:
        return ""
    if isinstance(value, float | np.floating):
        return "" if math.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return float(value)
    return value


def _totals(model: Model, lang: str, accounts: pd.DataFrame, days: int, cols: list[Column]) -> dict[str, object]:
    """The totals row's figures, from the core: each summed column's total, then the row's figures over
    them as on an account's row (the ratios of the totals, not the mean of the ratios)."""
    sums: dict[str, float] = {c.key: float(tally.total(accounts[c.key].tolist())) for c in cols if c.summed}
    buckets = [lab.code for lab in model.receivables.aging_labels]
    o, s, od, nd = (sums[k] for k in ("outstanding", "sales", "overdue", buckets[0]))
    t: dict[str, object] = dict(sums)
    d, b = dso(o, s, days), best_dso(nd, s, days)
    limit = sums["credit_limit"]
    t.update(
        arrears_rate=arrears_rate(o, s),
        overdue_ratio=overdue_ratio(od, o),
        dso=d,
        best_dso=b,
        days_delinquent=days_delinquent(d, b),
        cei=cei(sums["opening"], s, o, nd),
        credit_use=credit_use(o, limit) if limit else float("nan"),  # no limit given: blank, as per account
    )
    r = overdue_ratio(od, o)
    t["rating"] = rate(d, r, model, lang)
    return {k: clean(v) for k, v in t.items()}


def _receivables_sheet(book: Book, data: ReportData, cols: list[Column]) -> tuple[Sheet, dict[str, str], int]:
    model, lang = book.model, book.lang
    ws = book.sheet(LABELS["receivables"], widths=[22, *(14 for _ in cols)])
    letter = {c.key: _letter(k + 1) for k, c in enumerate(cols)}
    letter["account"] = "A"
    c = letter.__getitem__
    accounts = data.accounts
    n = len(accounts)
    first, last = FIRST_ROW, FIRST_ROW + n - 1
    total_row = last + 1

    book.title(ws, "A1", LABELS["title"])
    book.side(ws, "A2", COMMON["as_of"])
    book.value(ws, "B2", data.as_of, "date")
    book.side(ws, "A3", LABELS["period_start"])
    book.indicator(ws, "B3", "period_start", _AS_OF, value=data.period.start, fmt="date")
    book.side(ws, "A4", LABELS["period_days"])
    book.indicator(ws, "B4", "period_days", _AS_OF, _START, value=float(data.period.days), fmt="int")
    book.hint(ws, "D2", LABELS["how"])

    book.label(ws, f"A{_HEADER}", COMMON["account"])
    for col in cols:
        ref = f"{c(col.key)}{_HEADER}"
        book.label(ws, ref, col.heading)
        note = "input_note" if col.key == "credit_limit" else "formula_note" if col.live else "value_note"
        book.hint(
            ws,
            f"{c(col.key)}{_HEADER - 1}",
            book.t(LABELS[note]) + ("" if note == "input_note" else f"{DOCS}#{col.entry}"),
        )
    ws.height(_HEADER, 32)

    names = accounts.index.to_numpy(dtype=object)
    for i in range(n):
        book.value(ws, f"A{first + i}", str(names[i]), "text")
    labels = {r.code: r.text(lang) for r in model.receivables.ratings}
    for col in cols:
        values: list[object]
        if col.key == "rating":
            values = [labels[code] for code in accounts["rating"].tolist()]
        else:
            values = [clean(v) for v in accounts[col.key].tolist()]
        if col.key == "credit_limit":
            for i, v in enumerate(values):
                book.input(ws, f"{c(col.key)}{first + i}", v if v != "" else None, "money")
            if n:
                book.number_range(ws, f"{c(col.key)}{first}:{c(col.key)}{last}", 0.01, None)
        elif col.live and col.args is not None:
            book.indicator_column(ws, c(col.key), first, col.entry, partial(col.args, c), values, col.fmt)
        else:
            for i, v in enumerate(values):
                book.value(ws, f"{c(col.key)}{first + i}", v, col.fmt)

    # totals: sums of the summed columns (the registry's ``total``), the row's figures over them
    totals = _totals(model, lang, accounts, data.period.days, cols)
    book.side(ws, f"A{total_row}", COMMON["total"])
    for col in cols:
        ref = f"{c(col.key)}{total_row}"
        if col.summed:
            book.indicator(
                ws,
                ref,
                "total",
                f"{c(col.key)}{first}:{c(col.key)}{max(first, last)}",
                value=totals[col.key] if n else 0.0,
                fmt=col.fmt,
            )
        elif col.live and col.args is not None:
            book.indicator(ws, ref, col.entry, *col.args(c, total_row), value=totals[col.key] if n else "", fmt=col.fmt)
    if n:
        rating = f"{c('rating')}{first}:{c('rating')}{total_row}"
        book.band_colours(ws, rating, [x.text(lang) for x in model.receivables.ratings])
        use = f"{c('credit_use')}{first}"
        book.colour_when(ws, f"{use}:{c('credit_use')}{total_row}", X.over_limit(use), RED)
    ws.freeze(f"B{FIRST_ROW}")
    ws.print_titles(rows=f"{_HEADER}:{_HEADER}", columns="A:A")
    return ws, letter, total_row


def _summary_sheet(book: Book, data: ReportData, receivables: Sheet, letter: dict[str, str], total_row: int) -> None:
    model, lang = book.model, book.lang
    ws = book.sheet(LABELS["summary"], widths=[22, 16, 3, 22, 12])
    quoted = "'" + receivables.title.replace("'", "''") + "'"
    book.title(ws, "A1", book.t(LABELS["title"]) + " · " + book.t(LABELS["summary"]))
    book.label(ws, "A3", LABELS["bucket"])
    book.label(ws, "B3", LABELS["amount"])
    aging = model.receivables.aging_labels
    for k, lab in enumerate(aging):
        r = 4 + k
        book.value(ws, f"A{r}", lab.text(lang), "text")
        target = f"{quoted}!${letter[lab.code]}${total_row}"
        cached = receivables.get(f"{letter[lab.code]}{total_row}")
        book.reference(
            ws, f"B{r}", target, cached.value[1] if cached and isinstance(cached.value, tuple) else 0.0, "money"
        )

    ratings = model.receivables.ratings
    column = f"{quoted}!${letter['rating']}${FIRST_ROW}:${letter['rating']}${max(FIRST_ROW, total_row - 1)}"
    shown = [rating_label(code, model, lang) for code in data.accounts["rating"].tolist()]
    book.label(ws, "D3", REGISTRY["credit_rating"].name(lang))
    book.label(ws, "E3", LABELS["accounts"])
    for k, rating in enumerate(ratings, start=1):
        r = 3 + k
        text = rating.text(lang)
        book.model_value(ws, f"D{r}", label_name("KAM_RECEIVABLES_RATINGS", lang), text, item=k)
        book.indicator(ws, f"E{r}", "count_of", column, f"D{r}", value=tally.count_of(shown, text) if shown else 0.0)

    own = "'" + ws.title.replace("'", "''") + "'"
    for title, cat, val, first, count, anchor in (
        (LABELS["aging_chart"], "A", "B", 4, len(aging), "A12"),
        (LABELS["rating_chart"], "D", "E", 4, len(ratings), "G12"),
    ):
        chart = BarChart()
        chart.title = book.t(title)
        chart.add_data(Reference(range_string=f"{own}!${val}${first}:${val}${first + count - 1}"))
        chart.set_categories(Reference(range_string=f"{own}!${cat}${first}:${cat}${first + count - 1}"))
        chart.legend = None
        for axis in (chart.x_axis, chart.y_axis):
            axis.delete = False  # openpyxl 3.1 hides axes unless told
        chart.height, chart.width = 7.5, 12
        book.add_chart(ws, chart, anchor)


def _problems_sheet(book: Book, data: ReportData) -> None:
    lang = book.lang
    ws = book.sheet(LABELS["problems"], widths=[28, 12, 18, 16, 20, 70, 14, 16, 18])
    book.title(ws, "A1", LABELS["problems"])
    heads = ("file", "row", "account", "invoice", "kind", "why", "amount", "column", "cell")
    for k, head in enumerate(heads):
        book.label(ws, f"{_letter(k)}3", LABELS[head] if head in LABELS else COMMON[head])
    r = 4
    message = "message_zh" if lang == "zh" else "message_en"
    for row in data.problems.to_dict("records"):
        book.value(ws, f"A{r}", row["file"], "text")
        book.value(ws, f"B{r}", int(row["row"]), "int")
        book.value(ws, f"C{r}", "" if row["account"] is None else str(row["account"]), "text")
        book.value(ws, f"D{r}", "" if row["invoice"] is None else str(row["invoice"]), "text")
        book.value(ws, f"E{r}", book.t(PROBLEM_LABELS[row["kind"]]), "text")
        book.value(ws, f"F{r}", row[message], "text")
        book.value(ws, f"G{r}", clean(row["amount"]), "money")
        r += 1
    words = "zh" if lang == "zh" else "en"
    for row in data.rejected.to_dict("records"):  # the row is not counted: no amount
        book.value(ws, f"A{r}", row["file"], "text")
        book.value(ws, f"B{r}", int(row["row"]), "int")
        book.value(ws, f"C{r}", "" if row["account"] is None else str(row["account"]), "text")
        book.value(ws, f"D{r}", "" if row["invoice"] is None else str(row["invoice"]), "text")
        book.value(ws, f"E{r}", book.t(REJECT_KINDS[row["kind"]]), "text")
        book.value(ws, f"F{r}", row[words], "text")
        book.value(ws, f"H{r}", row["column"], "text")
        book.value(ws, f"I{r}", row["cell"], "text")
        r += 1
    for file, row_no, zh, en in data.skipped:
        book.value(ws, f"A{r}", file, "text")
        book.value(ws, f"B{r}", row_no, "int")
        book.value(ws, f"E{r}", book.t(LABELS["totals_row"]), "text")
        book.value(ws, f"F{r}", zh if lang == "zh" else en, "text")
        r += 1
    if r == 4:
        book.hint(ws, "A4", LABELS["no_problems"])
    ws.freeze("A4")


def _ledger_sheet(book: Book, title: Text, frame: pd.DataFrame, date_columns: Sequence[str], source: str = "") -> None:
    """A canonical ledger frame: source row, account, invoice, its dates, amount — a column at a time."""
    ws = book.sheet(title, widths=[10, 18, 16, *(13 for _ in date_columns), 14])
    ws.freeze("A2")
    if len(frame) > LEDGER_ROWS_SHOWN:
        # cell by cell a million rows take a minute to lay out and write: named, not copied (see the module doc)
        book.hint(
            ws,
            "A1",
            (
                LABELS["too_long"][0].format(n=len(frame), source=source, limit=LEDGER_ROWS_SHOWN),
                LABELS["too_long"][1].format(n=len(frame), source=source, limit=LEDGER_ROWS_SHOWN),
            ),
        )
        return
    heads = [LABELS["row"], COMMON["account"], LABELS["invoice"], *(LABELS[d] for d in date_columns), LABELS["amount"]]
    book.headers(ws, 1, heads)
    n = len(frame)
    texts = [frame[k].to_numpy(dtype=object) for k in ("account", "invoice")]
    for k, values in enumerate(texts):
        joined = "".join(v for v in values if isinstance(v, str))
        if len(joined) > 32_767 or not joined.isprintable():  # a cell Excel cannot hold: refused, naming it
            for i, v in enumerate(values.tolist()):
                if v is not None:
                    book.text_value(ws, f"{_letter(k + 1)}{i + 2}", v)
    columns: list[tuple[str, list[Any]]] = [
        ("int", frame.index.to_numpy(dtype=np.int64).tolist()),
        ("text", texts[0].tolist()),
        ("text", texts[1].tolist()),
        *(
            ("date", pd.DatetimeIndex(frame[d]).to_pydatetime().tolist() if n else [])  # dates are never blank here
            for d in date_columns
        ),
        ("money", frame["amount"].to_numpy(dtype=float).tolist()),
    ]
    for c, (fmt, column) in enumerate(columns, start=1):
        put = ws.put_at
        for r, v in enumerate(column, start=2):
            put(r, c, CanvasCell("text", fmt, v))


def build(data: ReportData, *, model: Model | None = None, lang: str = "zh") -> Book:
    """The report as a :class:`Book` (``book.write_to(path)`` writes it)."""
    model = model or active_model()
    book = Book(model, lang, LABELS["title"])
    cols = columns(model, lang)
    ws, letter, total_row = _receivables_sheet(book, data, cols)
    _summary_sheet(book, data, ws, letter, total_row)
    _problems_sheet(book, data)
    _ledger_sheet(book, LABELS["invoices"], data.invoices, ("invoice_date", "due_date"), data.sources[0])
    _ledger_sheet(book, LABELS["receipts"], data.receipts, ("receipt_date",), data.sources[-1])
    return book
