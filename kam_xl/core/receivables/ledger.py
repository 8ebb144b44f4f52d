"""Both ledgers read into integer-coded arrays: the preparation every receivables figure starts from.

Columns are checked, identifiers compared as text (invoice 7 and "7" are one
invoice), dates read by :func:`kam_xl.cells.to_dates` (one date grammar) and
amounts by :func:`kam_xl.cells.parse_number`; a missing or bad value raises,
naming the field and its ``"invoices row 17"``-style place (the row is the
frame's index label).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from kam_xl.cells import parse_number, to_dates
from kam_xl.core.receivables.period import DAY0
from kam_xl.core.rounding import MONEY_DECIMALS
from kam_xl.errors import (
    InputError,
    KamError,
    LedgerError,
    MissingValueError,
    NotANumberError,
    OutOfRangeError,
    Position,
)

__all__ = [
    "INVOICE_COLUMNS",
    "RECEIPT_COLUMNS",
    "SOURCE_ZH",
    "Ledger",
    "money",
    "prepare",
    "text_codes",
    "where",
]

INVOICE_COLUMNS = ("account", "invoice", "invoice_date", "due_date", "amount")
RECEIPT_COLUMNS = ("account", "invoice", "receipt_date", "amount")
SOURCE_ZH = {"invoices": "发票台账", "receipts": "收款台账"}


def money(x: np.ndarray) -> np.ndarray:
    """Money rounded to :data:`~kam_xl.core.rounding.MONEY_DECIMALS` places (float noise never leaves a
    settled invoice "open" by 5e-17); Excel: ``ROUND(…, MONEY_DECIMALS)``."""
    return np.round(x, MONEY_DECIMALS)


def where(frame: pd.DataFrame, pos: int, source: str) -> str:
    """``"invoices row 17"``: the ledger and the row's index label (0-based for a default index)."""
    return f"{source} row {frame.index[pos]}"


def _require_columns(frame: object, columns: tuple[str, ...], source: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise InputError(
            source, f"{SOURCE_ZH[source]}应为表格（DataFrame）", f"the {source} must be a table (DataFrame)"
        )
    for col in columns:
        if col not in frame.columns:
            raise LedgerError(
                col,
                f"{SOURCE_ZH[source]}缺少列 “{col}”（需要：{', '.join(columns)}）",
                f"the {source} ledger has no column '{col}' (needs: {', '.join(columns)})",
                source,
            )
    return frame


def _days(frame: pd.DataFrame, col: str, source: str) -> np.ndarray:
    """A date column as int64 day numbers (:func:`kam_xl.cells.to_dates`); missing → error naming the row."""

    def at(pos: int) -> Position:
        return Position(note=where(frame, pos, source))

    stamps = to_dates(frame[col], col, at)
    nat = np.isnat(stamps)
    if nat.any():
        raise MissingValueError(col, where(frame, int(np.flatnonzero(nat)[0]), source))
    return (stamps - DAY0).astype(np.int64)


def _amounts(frame: pd.DataFrame, source: str) -> np.ndarray:
    """Amounts as floats: present, finite and not negative."""
    values = frame["amount"]
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        a = values.to_numpy(dtype=float, na_value=np.nan)
    else:
        a = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan).copy()
        # Only cells pandas could not read go through the text parser ("¥1,200", "(50)").
        for pos in np.flatnonzero(np.isnan(a) & values.notna().to_numpy()):
            try:
                v = parse_number(values.iloc[pos], "amount")
            except KamError as exc:
                raise exc.at(where(frame, int(pos), source)) from None
            a[pos] = np.nan if v is None else v
    for bad, make in (
        (np.isnan(a), lambda pos: MissingValueError("amount", where(frame, pos, source))),
        (np.isinf(a), lambda pos: NotANumberError("amount", a[pos], where(frame, pos, source))),
        (a < 0, lambda pos: OutOfRangeError("amount", f"{a[pos]:g}", "≥ 0", ">= 0", where(frame, pos, source))),
    ):
        if bad.any():
            raise make(int(np.flatnonzero(bad)[0]))
    return a


def text_codes(values: pd.Series) -> pd.Series:
    """Account / invoice identifiers comparable across ledgers: integral numbers as text."""
    kind = values.dtype.kind
    if kind in "iu":
        return values.astype(str)
    if kind == "f":
        whole = values.notna() & (values == np.floor(values))
        out = values.astype(object)
        out[whole] = values[whole].astype(np.int64).astype(str)
        out[values.notna() & ~whole] = values[values.notna() & ~whole].astype(str)
        return out
    if kind == "O" and pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
        mask = values.notna()
        out = values.copy()
        # a whole float in a mixed column is the same identifier as in a float column: 7.0 → "7", not "7.0"
        out[mask] = [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v) for v in values[mask]]
        return out
    return values


def _blank(values: pd.Series) -> np.ndarray:
    """Missing identifiers: NA, or text that is empty or only white space."""
    blank = values.isna().to_numpy().copy()
    if values.dtype.kind in "biufcmM":
        return blank
    # numpy's StringDType tests white space in C; str.strip() per cell is 20× slower.
    text = values.to_numpy(dtype=object)[~blank].astype(np.dtypes.StringDType())
    blank[~blank] = (text == "") | np.strings.isspace(text)
    return blank


@dataclass(frozen=True)
class Ledger:
    """Both ledgers as integer-coded arrays (dates as day numbers)."""

    accounts: pd.Index
    inv: pd.DataFrame
    rec: pd.DataFrame
    ia: np.ndarray  # account code per invoice row
    ik: np.ndarray  # (account, invoice number) key per invoice row
    di: np.ndarray
    dd: np.ndarray
    ai: np.ndarray
    ra: np.ndarray
    rk: np.ndarray
    dr: np.ndarray
    ar: np.ndarray
    first: np.ndarray  # per key: position of its first invoice row, −1 if none
    rec_blank: np.ndarray  # receipts without an invoice number
    known: np.ndarray  # receipts whose invoice is in the invoice ledger (these are applied)

    @property
    def n_accounts(self) -> int:
        return len(self.accounts)


def _codes(inv: pd.DataFrame, rec: pd.DataFrame, col: str, *, sort: bool) -> tuple[np.ndarray, pd.Index, np.ndarray]:
    """Integer codes for one identifier column across both ledgers, the uniques, and which rows are blank.

    Blank text is looked for among the uniques, not the rows: 50,000 accounts, not 1,000,000 rows.
    Factorised as one object array (a third faster than a string Series), then only the uniques
    are sorted: sorting 50,000 account codes, not ranking 1,000,000 rows.
    """
    values = np.concatenate([text_codes(f[col]).to_numpy(dtype=object) for f in (inv, rec)])
    codes, uniques = pd.factorize(values)
    codes = codes.astype(np.int64)
    if sort:
        try:
            order = np.argsort(uniques)
        except TypeError:  # mixed numbers and text do not sort: keep the order of appearance
            order = None
        if order is not None:
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            codes, uniques = np.where(codes < 0, -1, rank[codes]), uniques[order]
    blank = (codes < 0) | _blank(pd.Series(uniques, dtype=object))[codes]
    return codes, pd.Index(uniques, name=col), blank


def _no_blank(blank: np.ndarray, frame: pd.DataFrame, col: str, source: str) -> None:
    if blank.any():
        raise MissingValueError(col, where(frame, int(np.flatnonzero(blank)[0]), source))


def prepare(invoices: object, receipts: object | None) -> Ledger:
    """Check and code both ledgers (``receipts`` None: no receipts)."""
    inv = _require_columns(invoices, INVOICE_COLUMNS, "invoices")
    rec = pd.DataFrame({c: [] for c in RECEIPT_COLUMNS}) if receipts is None else receipts
    rec = _require_columns(rec, RECEIPT_COLUMNS, "receipts")
    n = len(inv)

    acct, accounts, blank = _codes(inv, rec, "account", sort=True)
    _no_blank(blank[:n], inv, "account", "invoices")
    _no_blank(blank[n:], rec, "account", "receipts")
    number, _, blank = _codes(inv, rec, "invoice", sort=False)  # order is irrelevant: skip sorting 600k numbers
    _no_blank(blank[:n], inv, "invoice", "invoices")
    number[blank] = -1  # a receipt without an invoice number is unapplied cash

    di, dd = _days(inv, "invoice_date", "invoices"), _days(inv, "due_date", "invoices")
    early = dd < di
    if early.any():
        pos = int(np.flatnonzero(early)[0])
        shown = (DAY0 + di[pos]).astype(date).isoformat()
        raise OutOfRangeError(
            "due_date",
            (DAY0 + dd[pos]).astype(date).isoformat(),
            f"不早于开票日期 {shown}",
            f"on or after the invoice date {shown}",
            where(inv, pos, "invoices"),
        )
    ai = _amounts(inv, "invoices")
    dr, ar = _days(rec, "receipt_date", "receipts"), _amounts(rec, "receipts")

    # One integer per (account, invoice number); a receipt without a number gets a key no invoice has.
    key, _ = pd.factorize(acct * (number.max(initial=0) + 2) + number + 1)
    key = key.astype(np.int64)
    ik, rk = key[:n], key[n:]
    first = np.full(int(key.max(initial=-1)) + 1, -1, dtype=np.int64)
    first[ik[::-1]] = np.arange(n - 1, -1, -1)  # reversed so the first occurrence is written last
    known = first[rk] >= 0
    return Ledger(accounts, inv, rec, acct[:n], ik, di, dd, ai, acct[n:], rk, dr, ar, first, blank[n:], known)
