"""The receivables sheet's ledgers as its cells hold them, and every figure the sheet shows, from the core.

The rows are written as typed, read by :mod:`kam_xl.cells` (a date cell holds a
date, an amount cell a number; what cannot be read stays text, and its row is
not counted). Which rows count (:func:`~kam_xl.core.receivables.invoice_counted`,
:func:`~kam_xl.core.receivables.receipt_counted`) is the core's rule; the counted
rows are handed to the core with their sheet row as index, so its row-level
values and problems point at the rows the user sees. Invoice numbers are handed
in lower case: Excel compares text case-insensitively, and so then does the core.
Every value here is a formula's cached value: NaN becomes ``""`` (a blank-looking cell).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

import numpy as np
import pandas as pd

from kam_xl.cells import date_to_serial, identifier, parse_number, to_date
from kam_xl.core.receivables import (
    balances,
    duplicate_invoices,
    invoice_counted,
    invoice_flags,
    invoice_rows,
    ledger_keys,
    month_end,
    period_for,
    rating_label,
    receipt_counted,
    receipt_flags,
    receipt_rows,
    receivables,
)
from kam_xl.core.receivables.blocks import (
    BIG,
    block_running,
    block_total,
    in_order,
    ledger_in_order,
    ledger_order,
    search_keys,
)
from kam_xl.errors import KamError
from kam_xl.models import Model
from kam_xl.workbooks.customer_file.data import CustomerFile, Invoice, Receipt

__all__ = ["FIRST_ROW", "LedgerView", "block_cells", "clean", "day_cell", "ledger_view", "number_cell", "sorted_rows"]

FIRST_ROW = 7  # the first ledger row of the receivables sheet
_ACCOUNT = "account"  # the one account of the ledger handed to the core
_Row = TypeVar("_Row", Invoice, Receipt)


def day_cell(value: object, field_: str = "date") -> date | str | None:
    """A value for a date cell: a date (:func:`kam_xl.cells.to_date`), None when blank; text that is no
    date stays text (its row is then not counted)."""
    try:
        return to_date(value, field_)
    except KamError:
        return str(value)


def number_cell(value: object, field_: str) -> float | str | None:
    """A value for a number cell ("¥1,200" is 1200), None when blank; text that is no number stays text."""
    if isinstance(value, bool):
        return value
    try:
        return parse_number(value, field_)
    except KamError:
        return str(value)


def clean(value: object) -> object:
    """A core value as a cached value: NaN/NaT/None → "" (a blank-looking cell), numbers as floats."""
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, float | np.floating):
        return "" if math.isnan(value) else float(value)
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        return float(value)
    return value


def _rows(table: Sequence[_Row] | pd.DataFrame, columns: tuple[str, ...], make: Callable[..., _Row]) -> list[_Row]:
    if isinstance(table, pd.DataFrame):
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise KamError("ledger", f"台账缺少列：{', '.join(missing)}", f"the ledger lacks: {', '.join(missing)}")
        return [make(*row) for row in table[list(columns)].itertuples(index=False, name=None)]
    return list(table)


def _column(values: np.ndarray, rows: np.ndarray, n: int, fill: object = "") -> list[object]:
    """Values of the counted rows (at ``rows``, 0-based) spread over ``n`` ledger rows, ``fill`` elsewhere."""
    out: list[object] = [fill] * n
    for i, v in zip(rows.tolist(), values.tolist(), strict=True):
        out[i] = clean(v)
    return out


@dataclass
class LedgerView:
    """Both ledgers as written, which rows count, and the core's values for every computed cell.

    ``inv`` rows are (number, invoice date, due date, amount) and ``rec`` rows (invoice
    number, receipt date, amount); ``inv_cells`` / ``rec_cells`` map a helper column's name
    to its cached value per row; ``figures`` the per-account indicators (``""`` when blank);
    ``month_ends`` each month-end row's (date, balance).
    """

    inv: list[tuple[object, ...]]
    rec: list[tuple[object, ...]]
    inv_ok: np.ndarray
    rec_ok: np.ndarray
    as_of: date | None = None
    start: date | None = None
    days: int | None = None
    inv_cells: dict[str, list[object]] = field(default_factory=dict)
    rec_cells: dict[str, list[object]] = field(default_factory=dict)
    figures: dict[str, object] = field(default_factory=dict)
    month_ends: list[tuple[object, object]] = field(default_factory=list)


def _frames(view: LedgerView, inv_keys: np.ndarray, rec_keys: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The counted rows as the core's ledgers, indexed by sheet row; keys lower-cased (Excel's text match)."""
    inv_at, rec_at = np.flatnonzero(view.inv_ok), np.flatnonzero(view.rec_ok)
    invoices = pd.DataFrame(
        {
            "account": _ACCOUNT,
            "invoice": [str(inv_keys[i]).lower() for i in inv_at],
            "invoice_date": pd.DatetimeIndex([view.inv[i][1] for i in inv_at]),  # a counted row holds dates
            "due_date": pd.DatetimeIndex([view.inv[i][2] for i in inv_at]),
            "amount": np.array([view.inv[i][3] for i in inv_at], dtype=float),
        },
        index=pd.Index(FIRST_ROW + inv_at, dtype=np.int64),
    )
    receipts = pd.DataFrame(
        {
            "account": _ACCOUNT,
            "invoice": [str(rec_keys[j]).lower() or None for j in rec_at],
            "receipt_date": pd.DatetimeIndex([view.rec[j][1] for j in rec_at]),
            "amount": np.array([view.rec[j][2] for j in rec_at], dtype=float),
        },
        index=pd.Index(FIRST_ROW + rec_at, dtype=np.int64),
    )
    return invoices, receipts


def _figures(
    view: LedgerView, invoices: pd.DataFrame, receipts: pd.DataFrame, limit: object, model: Model, lang: str
) -> None:
    """The per-account indicators and the month-end table, as of the sheet's date."""
    as_of = view.as_of
    assert as_of is not None
    period = period_for(as_of, model.receivables.period_months)
    limits = {_ACCOUNT: limit} if isinstance(limit, float) and limit > 0 else None
    acc = receivables(invoices, receipts, as_of, credit_limits=limits, model=model).accounts.loc[_ACCOUNT]
    inside = [d for d, _ in view.month_ends if d != ""]
    at = balances(invoices, receipts, [period.start, *inside]).iloc[0].to_numpy()
    view.figures.update({k: clean(acc[k]) for k in acc.index if k not in ("rating", "credit_limit")})
    view.figures["opening"] = clean(at[0])
    view.figures["credit_rating"] = rating_label(str(acc["rating"]), model, lang)
    shown = iter(at[1:].tolist())
    view.month_ends = [("", "") if d == "" else (d, clean(next(shown))) for d, _ in view.month_ends]


def ledger_view(data: CustomerFile | None, as_of: date | None, model: Model, lang: str) -> LedgerView:
    """The ledgers of ``data`` (None: empty) as the sheet holds them, with the core's values."""
    invoices = _rows(data.invoices, ("invoice", "invoice_date", "due_date", "amount"), Invoice) if data else []
    receipts = _rows(data.receipts, ("invoice", "receipt_date", "amount"), Receipt) if data else []
    inv: list[tuple[object, ...]] = [
        (identifier(x.number), day_cell(x.invoice_date), day_cell(x.due_date), number_cell(x.amount, "amount"))
        for x in invoices
    ]
    rec: list[tuple[object, ...]] = [
        (identifier(x.invoice), day_cell(x.receipt_date), number_cell(x.amount, "amount")) for x in receipts
    ]
    if data is None or data.sort_ledgers:
        inv, rec = sorted_rows(inv, rec)
    inv_ok = invoice_counted(*_columns(inv, 4)) if inv else np.zeros(0, dtype=bool)
    rec_ok = receipt_counted(*_columns(rec, 3)[1:]) if rec else np.zeros(0, dtype=bool)
    view = LedgerView(inv, rec, inv_ok, rec_ok, as_of)
    inv_keys = ledger_keys(inv_ok, [r[0] for r in inv])
    rec_keys = ledger_keys(rec_ok, [r[0] for r in rec])
    n_inv, n_rec = len(inv), len(rec)
    view.inv_cells = {"key": inv_keys.tolist(), "counted": [float(x) for x in inv_ok]}
    view.rec_cells = {"key": rec_keys.tolist(), "counted": [float(x) for x in rec_ok]}
    view.figures = {"n_invoices": float(inv_ok.sum()), "n_receipts": float(rec_ok.sum())}
    if as_of is not None:
        period = period_for(as_of, model.receivables.period_months)
        view.start, view.days = period.start, period.days
        ends = [month_end(period, k) for k in range(model.receivables.period_months + 1)]
        view.month_ends = [("" if d is None else d, "") for d in ends]
    invoices_f, receipts_f = _frames(view, inv_keys, rec_keys)
    inv_at, rec_at = np.flatnonzero(inv_ok), np.flatnonzero(rec_ok)

    # problems are faults of the data, whatever the date
    dup = np.zeros(n_inv, dtype=bool)
    dup[inv_at] = duplicate_invoices(invoices_f)
    view.inv_cells["flag"] = invoice_flags(dup, inv_ok, inv, lang).tolist()
    facts = receipt_rows(invoices_f, receipts_f)
    flags = {k: np.zeros(n_rec, dtype=bool) for k in ("unknown_invoice", "before_invoice", "overpaid")}
    for k, v in flags.items():
        v[rec_at] = facts[k].to_numpy()
    unknown, before, over = flags.values()
    view.rec_cells["flag"] = receipt_flags(unknown, before, over, rec_ok, rec, lang).tolist()
    view.rec_cells["matches"] = _column(facts["invoice_rows"].to_numpy(), rec_at, n_rec, 0.0)
    for name, col in (("kdate", "invoice_date"), ("total", "invoice_total"), ("cum", "cumulative"),
                      ("lag", "days_to_collect")):  # fmt: skip
        view.rec_cells[name] = _column(facts[col].to_numpy(dtype=object), rec_at, n_rec)

    if as_of is None:
        for name in ("received", "open", "dpd"):
            view.inv_cells[name] = [""] * n_inv
        return view
    rows = invoice_rows(invoices_f, receipts_f, as_of)
    for name, col in (("received", "received"), ("open", "open"), ("dpd", "days_past_due")):
        view.inv_cells[name] = _column(rows[col].to_numpy(), inv_at, n_inv)
    if inv_ok.any() or rec_ok.any():
        limit = number_cell(data.credit_limit, "credit_limit") if data else None
        _figures(view, invoices_f, receipts_f, limit, model, lang)
    return view


def sorted_rows(
    inv: list[tuple[object, ...]], rec: list[tuple[object, ...]]
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Both ledgers in the order the sheet writes them (issue #7): invoices by number, receipts by number then
    date, stably (:func:`kam_xl.core.receivables.blocks.ledger_order`), so each number's rows form a block
    the other ledger finds by binary search; a row's figures are those it has in any order."""
    io = ledger_order([r[0] for r in inv])
    ro = ledger_order([r[0] for r in rec], [r[1] for r in rec])
    return [inv[i] for i in io], [rec[j] for j in ro]


def _serial(v: object) -> float:
    return float(date_to_serial(v)) if isinstance(v, date) else float("nan")


def block_cells(view: LedgerView, n_inv: int, n_rec: int) -> tuple[dict[str, list[object]], dict[str, list[object]]]:
    """The cached values of both ledgers' block helper columns over ``n_inv`` / ``n_rec`` sheet rows (the
    spare rows too): search key, running figures per number's block, in-order flags, and under ``"ordered"``
    the ledger's in-order cell (one value). Core: :mod:`kam_xl.core.receivables.blocks`."""

    def pad(values: list[str], n: int) -> list[str]:
        return values + [""] * (n - len(values))

    def rows(values: list[tuple[object, ...]], n: int, width: int) -> list[tuple[object, ...]]:
        return values + [(None,) * width] * (n - len(values))

    def num(v: object) -> float:
        return float(v) if isinstance(v, int | float) else 0.0  # a keyed row's amount is a number

    has_date = view.as_of is not None
    end = float(date_to_serial(view.as_of)) if view.as_of is not None else 0.0

    def keyed(
        keys: list[str], table: list[tuple[object, ...]], amount_at: int
    ) -> tuple[list[str], list[float], list[float], list[float]]:
        """A ledger's search keys, and per row its keyed amount, keyed date (serial) and the amount dated
        on or before the as-of date (0 on a row without a key)."""
        a = [num(r[amount_at]) if k else 0.0 for k, r in zip(keys, table, strict=True)]
        d = [_serial(r[1]) if k else float("nan") for k, r in zip(keys, table, strict=True)]
        to = [x if k and has_date and dd <= end else 0.0 for k, x, dd in zip(keys, a, d, strict=True)]
        return search_keys(keys), a, d, to

    ik = pad([str(k) for k in view.inv_cells["key"]], n_inv)
    s, a, d, to = keyed(ik, rows(view.inv, n_inv, 4), 3)
    flags = in_order(ik, s)
    running = {
        "count": block_running(s, [1.0 if k else 0.0 for k in ik]),
        "to": block_running(s, to),
        "total": block_running(s, a),
        "min": block_running(s, [dd if k else float(BIG) for k, dd in zip(ik, d, strict=True)], "min"),
    }
    inv_b: dict[str, list[object]] = {"search": list(s), **{k: list(v) for k, v in running.items()},
                                      "order": list(flags), "ordered": [ledger_in_order(flags)]}  # fmt: skip
    inv_b |= {f"end_{k}": list(block_total(s, v)) for k, v in running.items()}
    rk = pad([str(k) for k in view.rec_cells["key"]], n_rec)
    s, a, d, to = keyed(rk, rows(view.rec, n_rec, 3), 2)
    flags = in_order(rk, s, d)
    rec_to = block_running(s, to)
    rec_b: dict[str, list[object]] = {
        "search": list(s),
        "to": list(rec_to),
        "run": list(block_running(s, a)),
        "last": list(block_running(s, d, "last")),
        "order": list(flags),
        "ordered": [ledger_in_order(flags)],
        "end_to": list(block_total(s, rec_to)),
    }
    return inv_b, rec_b


def _columns(rows: Sequence[tuple[object, ...]], n: int) -> list[list[object]]:
    return [[r[k] for r in rows] for k in range(n)]
