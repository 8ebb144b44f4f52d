"""The report's ledger sheets, **发票 / Invoices** and **收款 / Receipts**: the ledger as read (canonical
columns and the source row of each entry), up to :data:`~.data.LEDGER_ROWS_SHOWN` rows each; a longer
ledger is named there, not copied (cell by cell, a million rows take about a minute to lay out and write; a
bulk column writer in :mod:`kam_xl.workbooks.book` would lift this). With live figures the rows are sorted
by account and invoice number, their dates and amounts are inputs, and each row shows its figures (received,
open, days past due; its invoice's date, days to collect) beside hidden helpers (counted, key, matches),
each a registry entry's formula. :class:`Live` says where each account's and each invoice number's rows sit.

Live figures stay linear in the ledger's size: every range a formula reads is
the account's own block of rows (or, for a row's figures, the rows of its own
invoice number), fixed when the report is written. So a changed amount, date,
as-of date or credit limit recomputes everything, but an account code or
invoice number typed differently is not moved to another block: regenerate
the report for that. MAXIFS (largest receipt) needs Excel 2019 or Microsoft
365; LibreOffice and ``formulas`` evaluate it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from kam_xl.core.receivables import invoice_counted, invoice_rows, ledger_keys, receipt_counted, receipt_rows
from kam_xl.workbooks.book import AMBER, Book
from kam_xl.workbooks.canvas import Cell as CanvasCell
from kam_xl.workbooks.canvas import Sheet, quoted
from kam_xl.workbooks.labels import COMMON, Text
from kam_xl.workbooks.receivables_report.data import (
    AS_OF,
    LABELS,
    LEDGER_ROWS_SHOWN,
    ReportData,
    clean,
    column_letter,
)
from kam_xl.xlformulas import receivables as X

__all__ = ["Live", "ledger_sheets"]


_L0 = 2  # the first ledger row of the Invoices and Receipts sheets (row 1: headings)
_INV = dict(zip(("no", "date", "due", "amount", "received", "open", "dpd", "ok", "key"), "CDEFGHIJK", strict=True))
_REC = dict(zip(("no", "date", "amount", "kdate", "lag", "ok", "key", "n"), "CDEFGHIJ", strict=True))
_INV_HIDDEN, _REC_HIDDEN = ("J", "K"), ("H", "I", "J")


def _groups(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The frame's rows sorted by account then invoice number, input order kept within each (the core fills a
    repeated number's rows in input order): the positions in sheet order, and per sheet row its account, its
    invoice number's first and last sheet positions."""
    n = len(frame)
    acc = np.array([str(v) for v in frame["account"].tolist()], dtype=object)
    num = np.array(["" if v is None else str(v) for v in frame["invoice"].tolist()], dtype=object)
    order = pd.DataFrame({"a": acc, "k": num}).sort_values(["a", "k"], kind="stable").index.to_numpy()
    acc, num = acc[order], num[order]
    new = np.ones(n, dtype=bool)
    if n > 1:
        new[1:] = (acc[1:] != acc[:-1]) | (num[1:] != num[:-1])
    starts = np.flatnonzero(new)
    ends = np.r_[starts[1:] - 1, n - 1] if n else starts
    group = np.cumsum(new) - 1
    return order, acc, starts[group] if n else starts, ends[group] if n else ends


@dataclass(frozen=True)
class Live:
    """Where each account's and each invoice number's rows sit on the ledger sheets (sorted by account and
    number): ``*_order`` the frame's positions in sheet order, ``*_acc`` and ``*_num`` each sheet row's account
    and number, ``*_block`` each sheet row's number's first and last positions."""

    inv_order: np.ndarray
    rec_order: np.ndarray
    inv_acc: np.ndarray
    rec_acc: np.ndarray
    inv_num: list[str]
    rec_num: list[str]
    inv_block: tuple[np.ndarray, np.ndarray]  # per invoice sheet row: its number's first and last positions
    rec_block: tuple[np.ndarray, np.ndarray]
    inv_sheet: str  # quoted titles
    rec_sheet: str
    report_sheet: str

    @classmethod
    def of(cls, book: Book, data: ReportData) -> Live:
        inv_order, inv_acc, i0, i1 = _groups(data.invoices)
        rec_order, rec_acc, r0, r1 = _groups(data.receipts)
        nums = [
            ["" if v is None else str(v) for v in f["invoice"].to_numpy(dtype=object)[o].tolist()]
            for f, o in ((data.invoices, inv_order), (data.receipts, rec_order))
        ]
        titles = (book.t(LABELS[k]) for k in ("invoices", "receipts", "receivables"))
        inv_q, rec_q, rep_q = (quoted(t) for t in titles)
        return cls(inv_order, rec_order, inv_acc, rec_acc, nums[0], nums[1], (i0, i1), (r0, r1), inv_q, rec_q, rep_q)

    def _spans(
        self, acc: np.ndarray, nums: list[str], block: tuple[np.ndarray, np.ndarray]
    ) -> dict[object, tuple[int, int]]:
        out: dict[object, tuple[int, int]] = {}
        for p in np.flatnonzero(block[0] == np.arange(len(acc))).tolist():
            out[(acc[p], nums[p])] = (_L0 + p, _L0 + int(block[1][p]))
        return out

    def number_rows(self) -> tuple[dict[object, tuple[int, int]], dict[object, tuple[int, int]]]:
        """(account, number) → its first and last sheet rows, on the invoice and on the receipt sheet."""
        return self._spans(self.inv_acc, self.inv_num, self.inv_block), self._spans(
            self.rec_acc, self.rec_num, self.rec_block
        )

    def account_ranges(self, accounts: Sequence[object], month_ends: tuple[str, str]) -> list[dict[str, str]]:
        """Per account: the ranges its figures' renderers read (an account with no rows on a sheet reads the
        blank row under that sheet's last row)."""
        spans: list[dict[str, tuple[int, int]]] = []
        for acc_sorted in (self.inv_acc, self.rec_acc):
            blocks: dict[str, tuple[int, int]] = {}
            for p, a in enumerate(acc_sorted.tolist()):
                first = blocks.get(a, (p, p))[0]
                blocks[a] = (first, p)
            spans.append({a: (_L0 + x, _L0 + y) for a, (x, y) in blocks.items()})
        blank_i, blank_r = _L0 + len(self.inv_acc), _L0 + len(self.rec_acc)
        out = []
        for account in accounts:
            a, b = spans[0].get(str(account), (blank_i, blank_i))
            c, d = spans[1].get(str(account), (blank_r, blank_r))
            g = {k: f"{self.inv_sheet}!${_INV[f]}${a}:${_INV[f]}${b}" for k, f in (
                ("ID", "date"), ("AM", "amount"), ("V", "ok"), ("OPEN", "open"), ("DPD", "dpd"))}  # fmt: skip
            g.update({k: f"{self.rec_sheet}!${_REC[f]}${c}:${_REC[f]}${d}" for k, f in (
                ("RD", "date"), ("RA", "amount"), ("RV", "ok"), ("RQ", "kdate"), ("RL", "lag"))})  # fmt: skip
            g["M0"], g["M1"] = month_ends
            out.append(g)
        return out


def _dates(frame: pd.DataFrame, column: str, order: np.ndarray) -> list[object]:
    return pd.DatetimeIndex(frame[column]).date[order].tolist() if len(frame) else []


def _cleaned(values: pd.Series) -> list[object]:
    return [clean(v) for v in values.tolist()]


def _live_invoices(book: Book, data: ReportData, live: Live, ws: Sheet) -> None:
    """The invoice rows' figures beside them: counted, key, received as of, open amount, days past due."""
    inv, rec, order = data.invoices, data.receipts, live.inv_order
    n = len(inv)
    nums, dates, dues = live.inv_num, _dates(inv, "invoice_date", order), _dates(inv, "due_date", order)
    amounts = inv["amount"].to_numpy(dtype=float)[order].tolist()
    counted = invoice_counted(nums, dates, dues, amounts)
    keys = ledger_keys(counted, nums).tolist()
    core = invoice_rows(inv, rec, data.as_of).iloc[order]
    on_receipts = live.number_rows()[1]
    blank = _L0 + len(rec)
    as_of = f"{live.report_sheet}!{AS_OF}"
    c, first, last = _INV, live.inv_block[0], live.inv_block[1]

    def col(k: str, a: int, b: int) -> str:
        return f"{live.rec_sheet}!${_REC[k]}${a}:${_REC[k]}${b}"

    def received(r: int) -> tuple[object, ...]:
        p = r - _L0
        a, b = on_receipts.get((live.inv_acc[p], nums[p]), (blank, blank))
        top, bottom = _L0 + int(first[p]), _L0 + int(last[p])
        earlier = tuple(f"${c[k]}${top}:{c[k]}{r - 1}" for k in ("key", "date", "amount")) if r > top else (None,) * 3
        later = f"{c['key']}{r + 1}:${c['key']}${bottom}" if r < bottom else None
        refs = (f"{c[k]}{r}" for k in ("key", "date", "amount"))
        return (*refs, as_of, col("key", a, b), col("date", a, b), col("amount", a, b), *earlier, later)

    def cells(*keys: str) -> Callable[[int], tuple[object, ...]]:
        return lambda r: tuple(as_of if k == "as_of" else f"{c[k]}{r}" for k in keys)

    column = partial(book.indicator_column, ws, first=_L0)
    column(c["ok"], key="invoice_counted", args=cells("no", "date", "due", "amount"), values=[
        float(x) for x in counted], fmt="int")  # fmt: skip
    column(c["key"], key="ledger_key", args=cells("ok", "no"), values=keys)
    column(c["received"], key="received", args=received, values=_cleaned(core["received"]), fmt="money")
    column(c["open"], key="open_amount", args=cells("received", "date", "amount", "as_of"), values=_cleaned(
        core["open"]), fmt="money")  # fmt: skip
    column(c["dpd"], key="days_past_due", args=cells("received", "open", "due", "as_of"), values=_cleaned(
        core["days_past_due"]), fmt="int")  # fmt: skip
    if n:
        dpd, open_ = f"{c['dpd']}{_L0}", f"{c['open']}{_L0}"
        book.colour_when(ws, f"{dpd}:{c['dpd']}{_L0 + n - 1}", X.past_due(dpd, open_), AMBER)


def _live_receipts(book: Book, data: ReportData, live: Live, ws: Sheet) -> None:
    """The receipt rows' figures beside them: counted, key, matching invoice rows, its invoice's date, days
    to collect."""
    inv, rec, order = data.invoices, data.receipts, live.rec_order
    nums, dates = live.rec_num, _dates(rec, "receipt_date", order)
    amounts = rec["amount"].to_numpy(dtype=float)[order].tolist()
    counted = receipt_counted(dates, amounts)
    keys = ledger_keys(counted, nums).tolist()
    core = receipt_rows(inv, rec).iloc[order]
    on_invoices = live.number_rows()[0]
    blank = _L0 + len(inv)
    c = _REC

    def col(k: str, r: int) -> str:
        a, b = on_invoices.get((live.rec_acc[r - _L0], nums[r - _L0]), (blank, blank))
        return f"{live.inv_sheet}!${_INV[k]}${a}:${_INV[k]}${b}"

    def cells(*keys: str) -> Callable[[int], tuple[object, ...]]:
        return lambda r: tuple(f"{c[k]}{r}" for k in keys)

    def its_invoice(r: int) -> tuple[object, ...]:
        return (*cells("n", "key")(r), col("key", r), col("date", r))

    days = pd.DatetimeIndex(core["invoice_date"])
    kdates = ["" if m else d for m, d in zip(days.isna().tolist(), days.date.tolist(), strict=True)]
    matches = [float(x) for x in core["invoice_rows"].tolist()]
    column = partial(book.indicator_column, ws, first=_L0)
    column(c["ok"], key="receipt_counted", args=cells("date", "amount"), values=[float(x) for x in counted], fmt="int")
    column(c["key"], key="ledger_key", args=cells("ok", "no"), values=keys)
    column(c["n"], key="invoice_matches", args=lambda r: (f"{c['key']}{r}", col("key", r)), values=matches, fmt="int")
    column(c["kdate"], key="receipt_invoice_date", args=its_invoice, values=kdates, fmt="date")
    column(c["lag"], key="days_to_collect", args=cells("n", "date", "kdate"), values=_cleaned(
        core["days_to_collect"]), fmt="int")  # fmt: skip


def _ledger_sheet(
    book: Book,
    title: Text,
    frame: pd.DataFrame,
    date_columns: Sequence[str],
    source: str = "",
    *,
    order: np.ndarray | None = None,
    figures: Sequence[tuple[Text, float]] = (),
) -> Sheet:
    """A canonical ledger frame: source row, account, invoice, its dates, amount — a column at a time; with
    live figures (``order``: the rows in sheet order) the dates and amounts are inputs and ``figures`` (their
    headings and widths) head the columns the caller fills in."""
    ws = book.sheet(title, widths=[10, 18, 16, *(13 for _ in date_columns), 14, *(w for _, w in figures)])
    ws.freeze("A2")
    ws.print_titles(rows="1:1")
    book.print_pages(ws)
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
        return ws
    heads = [LABELS["row"], COMMON["account"], LABELS["invoice"], *(LABELS[d] for d in date_columns), LABELS["amount"]]
    book.headers(ws, 1, [*heads, *(h for h, _ in figures)])
    if order is not None:
        frame = frame.iloc[order]
    n = len(frame)
    texts = [frame[k].to_numpy(dtype=object) for k in ("account", "invoice")]
    for k, values in enumerate(texts):
        joined = "".join(v for v in values if isinstance(v, str))
        if len(joined) > 32_767 or not joined.isprintable():  # a cell Excel cannot hold: refused, naming it
            for i, v in enumerate(values.tolist()):
                if v is not None:
                    book.text_value(ws, f"{column_letter(k + 1)}{i + 2}", v)
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
        kind = "input" if order is not None and c > 3 else "text"  # live: dates and amounts may be corrected
        for r, v in enumerate(column, start=2):
            put(r, c, CanvasCell(kind, fmt, v))
    return ws


def ledger_sheets(book: Book, data: ReportData, live: Live | None) -> None:
    """The Invoices and Receipts sheets; with ``live`` each row's figures beside it, the helpers hidden and
    the dates and amounts checked as inputs."""
    inv_figures: list[tuple[Text, float]] = [(LABELS[k], 14) for k in ("received", "open", "days_past_due")]
    rec_figures: list[tuple[Text, float]] = [(LABELS[k], 14) for k in ("its_invoice_date", "days_to_collect")]
    inv_figures += [(LABELS[k], 8) for k in ("counted", "key")]
    rec_figures += [(LABELS[k], 8) for k in ("counted", "key", "matches")]
    invoices = _ledger_sheet(
        book,
        LABELS["invoices"],
        data.invoices,
        ("invoice_date", "due_date"),
        data.sources[0],
        order=live.inv_order if live else None,
        figures=inv_figures if live else (),
    )
    receipts = _ledger_sheet(
        book,
        LABELS["receipts"],
        data.receipts,
        ("receipt_date",),
        data.sources[-1],
        order=live.rec_order if live else None,
        figures=rec_figures if live else (),
    )
    if live is not None:
        _live_invoices(book, data, live, invoices)
        _live_receipts(book, data, live, receipts)
        for sheet, at, hidden, n in (
            (invoices, _INV, _INV_HIDDEN, len(data.invoices)),
            (receipts, _REC, _REC_HIDDEN, len(data.receipts)),
        ):
            for column in hidden:
                sheet.hide(column)
            if n:  # the inputs: dates, and amounts ≥ 0 (a credit note is not counted: docs/definitions.md §2.11)
                last = _L0 + n - 1
                book.dates(sheet, f"{at['date']}{_L0}:{at.get('due', at['date'])}{last}")
                book.number_range(sheet, f"{at['amount']}{_L0}:{at['amount']}{last}", 0, None)
