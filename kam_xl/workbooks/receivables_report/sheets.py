"""The report's own sheets, in tab order:

- **应收账款 / Receivables** — the as-of date and period, then one row per
  account: sales, the opening balance, the aging buckets, outstanding, overdue,
  arrears rate, overdue ratio, DSO, best DSO, days delinquent, CEI, average
  collection days, largest and average receipt, unapplied receipts, average
  arrears, credit limit, credit-limit use and rating; a totals row under them.
  The figures made of the row's own cells (outstanding … CEI, credit-limit use,
  rating) are live formulas rendered from their registry entries
  (:meth:`Book.indicator`) with the core's values cached; they follow a credit
  limit typed in (the yellow column). The figures summed from the ledger
  (sales, opening, buckets, receipts, average arrears) are live too while the
  ledger has at most :data:`~kam_xl.workbooks.receivables_report.LIVE_LEDGER_ROWS`
  invoice + receipt rows: the registry's renderers (the customer file's) over the
  account's own rows of the ledger sheets (:mod:`.ledger`), with hidden month-end
  balance columns for the average arrears. Above that they are the core's values.
  Above each column a note says which it is and where its definition is
  (``docs/indicators.md#key``).
- **汇总 / Summary** — the aging totals and the count of accounts per rating,
  each a formula over the first sheet, with an aging chart and a rating chart.
- **问题 / Problems** — every ledger row the core reported (unknown invoice,
  receipt before its invoice, overpaid, repeated invoice number), every cell
  the reader refused (a credit note, a text amount, a blank account, a bad
  date …: its row is not counted; with its column and the cell as found) and
  every totals row the reader skipped, each with its file and source row and why.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from functools import partial

import pandas as pd
from openpyxl.chart import BarChart, Reference

from kam_xl.core import tally
from kam_xl.core.receivables import (
    PROBLEM_LABELS,
    arrears_rate,
    best_dso,
    cei,
    credit_use,
    days_delinquent,
    dso,
    month_end,
    month_end_balances,
    overdue_ratio,
    rating_label,
)
from kam_xl.core.receivables import credit_rating as rate
from kam_xl.indicators import REGISTRY
from kam_xl.ledger import REJECT_KINDS
from kam_xl.models import Model
from kam_xl.problems import Problem
from kam_xl.workbooks.book import RED, Book
from kam_xl.workbooks.canvas import Sheet, quoted
from kam_xl.workbooks.labels import COMMON, Text
from kam_xl.workbooks.problems_sheet import problems_sheet
from kam_xl.workbooks.receivables_report.data import (
    AS_OF,
    DOCS,
    ENDS_ROW,
    FIRST_ROW,
    HEADER_ROW,
    LABELS,
    START,
    Column,
    ReportData,
    clean,
    column_letter,
)
from kam_xl.workbooks.receivables_report.ledger import Live
from kam_xl.xlformulas import receivables as X
from kam_xl.xlformulas.common import any_blank
from kam_xl.xlformulas.common import label as label_name

__all__ = [
    "LEDGER_PROBLEM_KINDS",
    "ledger_problems",
    "ledger_problems_sheet",
    "receivables_sheet",
    "summary_sheet",
]


def _over_ledger(
    over: Callable[[Mapping[str, str], int], tuple[object, ...]],
    ranges: Sequence[Mapping[str, str]],
    first: int,
    r: int,
) -> tuple[object, ...]:
    """A ledger figure's arguments on account row ``r`` (the accounts from row ``first``)."""
    return over(ranges[r - first], r)


def _month_end_columns(book: Book, ws: Sheet, data: ReportData, ranges: list[dict[str, str]], at: int) -> None:
    """Hidden columns from ``at`` (0 = A): each month end of the period (blank when it falls outside) over
    every account's balance on that day — what the average arrears averages."""
    model, accounts = book.model, data.accounts
    n_months = model.receivables.period_months + 1
    frame = month_end_balances(data.invoices, data.receipts, data.period)
    frame = frame.reindex(accounts.index)
    by_day = {d: j for j, d in enumerate(pd.DatetimeIndex(frame.columns).date.tolist()) if j}  # 0: the start
    for k in range(n_months):
        letter = column_letter(at + k)
        end = month_end(data.period, k)
        book.indicator(ws, f"{letter}{ENDS_ROW}", "month_end", START, AS_OF, k, value=end or "", fmt="date")
        book.label(ws, f"{letter}{HEADER_ROW}", LABELS["month_end_balance"])
        ws.hide(letter)
        values = frame.iloc[:, by_day[end]].tolist() if end is not None else [None] * len(accounts)
        here = f"{letter}${ENDS_ROW}"
        for i, g in enumerate(ranges):
            r = FIRST_ROW + i
            args = (g["AM"], g["ID"], g["V"], g["RA"], g["RD"], g["RQ"], here)
            book.indicator(ws, f"{letter}{r}", "balance", *args, value=clean(values[i]), fmt="money",
                           blank_if=any_blank(here))  # fmt: skip


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


def receivables_sheet(
    book: Book, data: ReportData, cols: list[Column], live: Live | None
) -> tuple[Sheet, dict[str, str], int]:
    model, lang = book.model, book.lang
    ws = book.sheet(LABELS["receivables"], widths=[22, *(14 for _ in cols)])
    letter = {c.key: column_letter(k + 1) for k, c in enumerate(cols)}
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
    book.indicator(ws, "B3", "period_start", AS_OF, value=data.period.start, fmt="date")
    book.side(ws, "A4", LABELS["period_days"])
    book.indicator(ws, "B4", "period_days", AS_OF, START, value=float(data.period.days), fmt="int")
    book.hint(ws, "D2", LABELS["how_live" if live else "how"])
    ends = (column_letter(len(cols) + 1), column_letter(len(cols) + model.receivables.period_months + 1))
    ranges = live.account_ranges(accounts.index.tolist(), ends) if live else []

    book.label(ws, f"A{HEADER_ROW}", COMMON["account"])
    for col in cols:
        ref = f"{c(col.key)}{HEADER_ROW}"
        book.label(ws, ref, col.heading)
        formula = col.live or (live is not None and col.over is not None)
        note = "input_note" if col.key == "credit_limit" else "formula_note" if formula else "value_note"
        book.hint(
            ws,
            f"{c(col.key)}{HEADER_ROW - 1}",
            book.t(LABELS[note]) + ("" if note == "input_note" else f"{DOCS}#{col.entry}"),
        )
    ws.height(HEADER_ROW, 32)

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
        elif live is not None and col.over is not None:
            args = partial(_over_ledger, col.over, ranges, first)
            book.indicator_column(ws, c(col.key), first, col.entry, args, values, col.fmt)
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
    if live is not None:
        _month_end_columns(book, ws, data, ranges, len(cols) + 1)
    ws.freeze(f"B{FIRST_ROW}")
    ws.print_titles(rows=f"{HEADER_ROW}:{HEADER_ROW}", columns="A:A")
    book.print_pages(ws)  # A4 landscape, the heading row and account column on every page
    return ws, letter, total_row


def summary_sheet(book: Book, data: ReportData, receivables: Sheet, letter: dict[str, str], total_row: int) -> None:
    model, lang = book.model, book.lang
    ws = book.sheet(LABELS["summary"], widths=[22, 16, 3, 22, 12])
    quoted_title = quoted(receivables.title)
    book.title(ws, "A1", book.t(LABELS["title"]) + " · " + book.t(LABELS["summary"]))
    book.label(ws, "A3", LABELS["bucket"])
    book.label(ws, "B3", LABELS["amount"])
    aging = model.receivables.aging_labels
    for k, lab in enumerate(aging):
        r = 4 + k
        book.value(ws, f"A{r}", lab.text(lang), "text")
        target = f"{quoted_title}!${letter[lab.code]}${total_row}"
        cached = receivables.get(f"{letter[lab.code]}{total_row}")
        book.reference(
            ws, f"B{r}", target, cached.value[1] if cached and isinstance(cached.value, tuple) else 0.0, "money"
        )

    ratings = model.receivables.ratings
    column = f"{quoted_title}!${letter['rating']}${FIRST_ROW}:${letter['rating']}${max(FIRST_ROW, total_row - 1)}"
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
    book.print_pages(ws)


LEDGER_PROBLEM_KINDS: dict[str, Text] = {
    **PROBLEM_LABELS,
    **REJECT_KINDS,
    "totals_row": LABELS["totals_row"],
}  # what the core found, the cells read_ledger set aside, the totals rows it skipped


def ledger_problems(data: ReportData) -> list[Problem]:
    """Every ledger row the report lists (:data:`LEDGER_PROBLEM_KINDS`): the core's problems (with the
    row's amount), the rows set aside (with the column and the cell as found), the totals rows skipped."""

    def text(v: object) -> str:
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)

    out = [
        Problem.of(LEDGER_PROBLEM_KINDS, str(r["kind"]), str(r["message_zh"]), str(r["message_en"]),
                   file=str(r["file"]), row=int(r["row"]), account=text(r["account"]), document=text(r["invoice"]),
                   value=clean(r["amount"]))
        for r in data.problems.to_dict("records")
    ]  # fmt: skip
    out += [
        Problem.of(LEDGER_PROBLEM_KINDS, str(r["kind"]), str(r["zh"]), str(r["en"]), file=str(r["file"]),
                   row=int(r["row"]), column=text(r["column"]), account=text(r["account"]),
                   document=text(r["invoice"]), value=text(r["cell"]) or None)
        for r in data.rejected.to_dict("records")
    ]  # fmt: skip
    out += [
        Problem.of(LEDGER_PROBLEM_KINDS, "totals_row", zh, en, file=file, row=row) for file, row, zh, en in data.skipped
    ]
    return out


def ledger_problems_sheet(book: Book, data: ReportData) -> None:
    problems_sheet(book, ledger_problems(data), title=LABELS["problems_title"], none=LABELS["no_problems"])
