"""Reading invoice and receipt ledgers (发票台账、收款台账) from CSV, XLSX, XLS or a DataFrame.

A ledger arrives as finance exported it: English ERP headers (``customerID``,
``invoiceNumber``, ``InvoiceDate``, ``DueDate``, ``InvoiceAmount``,
``SettledDate``), Chinese headers (客户, 发票号, 开票日期, 到期日, 金额, 收款日期,
收款金额) or snake_case, perhaps under a title block. :func:`read_ledger` finds
the header row and the columns by those aliases and returns the canonical
frames of :mod:`kam_xl.core.receivables`:

- a ledger with invoice and due dates is an invoice ledger; if it also has a
  receipt (settled) date, each row with one is also a receipt — of the
  receipt-amount column if there is one, else of the full invoice amount;
- a ledger with a receipt date but no invoice/due dates is a receipt ledger.

Files are opened by :mod:`kam_xl.reading` (encodings, damaged or unsafe files,
totals rows — skipped and listed in :attr:`Ledger.skipped`), and cells are read
by :mod:`kam_xl.cells`: amounts as ``"¥1,200"`` and the like, invoice numbers as
text (``0000611365`` keeps its zeros), dates in the one date grammar. The
day/month order of ``1/2/2024``-style dates is decided once for the whole file
from all its date columns; when every such date is ambiguous, pass ``dayfirst``.
Every error names the column as headed in the file and the row as a
spreadsheet shows it. The frames' index is that row number (named ``row``), so
problems found later by the core point at the same rows.

``rejects="raise"`` (the default) raises the first cell that cannot be read;
``rejects="collect"`` leaves every row with such a cell out and lists each of
its bad cells in :attr:`Ledger.rejected` — the error the raise would give
(same class, same words), its kind (:data:`REJECT_KINDS`; a negative invoice
amount is a ``credit_note``, docs/definitions.md §2.11) and the cell as found.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from kam_xl import cells
from kam_xl.core.receivables import INVOICE_COLUMNS, RECEIPT_COLUMNS
from kam_xl.core.receivables.ledger import prepare
from kam_xl.errors import (
    ExcelErrorValue,
    KamError,
    LedgerError,
    MissingValueError,
    NotADateError,
    NotANumberError,
    OutOfRangeError,
    Position,
)
from kam_xl.reading import Skipped, Table, drop_totals, read_table, unique_headers

__all__ = [
    "ALIASES",
    "REJECTED_COLUMNS",
    "REJECT_KINDS",
    "Ledger",
    "is_ledger_header",
    "ledger_from_frame",
    "match_columns",
    "read_ledger",
]

Kind = Literal["auto", "invoices", "receipts"]
Rejects = Literal["raise", "collect"]

# Ledger.rejected: one row per cell refused — the source row, the column as headed, the cell as found, the
# kind, the error's words (zh, en) and the row's account and invoice number as read (None when blank).
REJECTED_COLUMNS = ("row", "column", "cell", "kind", "zh", "en", "account", "invoice")
# a rejected cell's kind → its label; the row is left out of the figures ("not counted")
REJECT_KINDS: dict[str, tuple[str, str]] = {
    "credit_note": ("贷项/红字发票 — 未计入", "credit note — not counted"),
    "blank": ("必填项空白 — 未计入", "required cell blank — not counted"),
    "not_a_number": ("不是数字 — 未计入", "not a number — not counted"),
    "excel_error": ("Excel 错误值 — 未计入", "Excel error value — not counted"),
    "not_a_date": ("不是日期 — 未计入", "not a date — not counted"),
    "out_of_range": ("超出范围 — 未计入", "out of range — not counted"),
    "due_before_invoice": ("到期日早于开票日期 — 未计入", "due date before invoice date — not counted"),
    "unreadable": ("无法读取 — 未计入", "unreadable — not counted"),
}
_KIND_OF: tuple[tuple[type[KamError], str], ...] = (
    (MissingValueError, "blank"),
    (NotANumberError, "not_a_number"),
    (ExcelErrorValue, "excel_error"),
    (NotADateError, "not_a_date"),
    (OutOfRangeError, "out_of_range"),
)

# Canonical field → accepted headers, in priority order (an ID beats a name).
# Headers are compared after NFKC folding, lower-casing and dropping spaces, _ - . / ( ) and their full-width forms.
ALIASES: dict[str, tuple[str, ...]] = {
    "account": (
        "account", "accountid", "accountno", "accountnumber", "accountcode",
        "customerid", "customerno", "customernumber", "customercode", "custid", "custno", "clientid",
        "customer", "client", "customername", "clientname", "accountname",
        "客户编号", "客户代码", "客户编码", "客户id", "客户号", "客户", "客户名称", "客户名",
        "往来单位", "单位名称", "购买方名称", "购货单位",
    ),
    "invoice": (
        "invoice", "invoiceno", "invoicenumber", "invoiceid", "invoicenum", "invno", "billno", "billnumber",
        "documentno", "documentnumber", "docno",
        "发票号", "发票号码", "发票编号", "发票代码", "单据号", "单据编号", "单号",
    ),
    "invoice_date": (
        "invoicedate", "billdate", "billingdate", "documentdate", "docdate", "issuedate",
        "开票日期", "发票日期", "单据日期", "出票日期", "业务日期",
    ),
    "due_date": (
        "duedate", "paymentduedate", "netduedate", "due",
        "到期日", "到期日期", "应收日期", "付款到期日", "收款到期日", "应收款到期日",
    ),
    "amount": (
        "amount", "invoiceamount", "invoicetotal", "amountdue", "totalamount", "total",
        "金额", "发票金额", "开票金额", "应收金额", "价税合计", "含税金额", "应收账款",
    ),
    "receipt_date": (
        "receiptdate", "settleddate", "settlementdate", "paiddate", "paymentdate", "datepaid", "cleareddate",
        "收款日期", "回款日期", "到账日期", "结清日期", "核销日期", "实收日期", "付款日期",
    ),
    "receipt_amount": (
        "receiptamount", "paidamount", "paymentamount", "amountpaid", "settledamount",
        "收款金额", "回款金额", "到账金额", "实收金额", "核销金额",
    ),
}  # fmt: skip

_FIELD_ZH = {
    "account": "客户",
    "invoice": "发票号",
    "invoice_date": "开票日期",
    "due_date": "到期日",
    "amount": "金额",
    "receipt_date": "收款日期",
    "receipt_amount": "收款金额",
}
_HEADER_NOISE = re.compile(r"[\s_\-./()（）:：#№]+")
_DATES = ("invoice_date", "due_date", "receipt_date")


@dataclass(frozen=True)
class Ledger:
    """The canonical invoice and receipt frames read from one ledger.

    ``columns`` maps each canonical field to the header it was read from; the
    frames' index is the spreadsheet row of each entry.
    """

    invoices: pd.DataFrame
    receipts: pd.DataFrame
    columns: Mapping[str, str] = field(default_factory=dict)
    source: str = ""
    skipped: tuple[Skipped, ...] = ()  # totals rows left out
    day_first: bool | None = None  # the order the file's d/m/y dates were read in (None: it had none)
    rejected: pd.DataFrame = field(default_factory=lambda: _no_rejects())  # rejects="collect": cells refused


def _no_rejects() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=np.int64 if c == "row" else object) for c in REJECTED_COLUMNS})


def _shown(value: object) -> str:
    """A cell's value as text, as found (blank: "")."""
    if cells.is_blank(value):
        return ""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return str(value)


class _Cells:
    """Where a ledger's cells are refused. ``raise``: the first bad cell of a check raises its error;
    ``collect``: every bad cell's error is kept and its row left out. Either way the error is built by
    the same code, so a collected message is the one the raise gives."""

    def __init__(self, raw: pd.DataFrame, rows: np.ndarray, collect: bool) -> None:
        self.raw, self.rows, self.collect = raw, rows, collect
        self.out = np.zeros(len(rows), dtype=bool)  # rows left out
        self._refused: dict[str, np.ndarray] = {}  # header → its cells already refused (not reported twice)
        self._found: list[tuple[int, str, KamError, str]] = []

    def fresh(self, header: str, mask: np.ndarray) -> np.ndarray:
        done = self._refused.get(header)
        return mask if done is None else mask & ~done

    def refuse(
        self, header: str, mask: np.ndarray, make: Callable[[int], KamError], kind: Callable[[int], str] | None = None
    ) -> None:
        """Refuse the cells of ``header`` where ``mask``; ``make(pos)`` is the error, ``kind(pos)`` its kind."""
        mask = self.fresh(header, mask)
        if not mask.any():
            return
        if not self.collect:
            raise make(int(np.flatnonzero(mask)[0]))
        for pos in np.flatnonzero(mask).tolist():
            self.add(pos, header, make(pos), kind(pos) if kind else None)

    def add(self, pos: int, header: str, error: KamError, kind: str | None = None) -> None:
        if not self.collect:
            raise error
        self._found.append(
            (pos, header, error, kind or next((k for t, k in _KIND_OF if isinstance(error, t)), "unreadable"))
        )
        self.out[pos] = True
        self._refused.setdefault(header, np.zeros(len(self.rows), dtype=bool))[pos] = True

    def rejected(self, ids: Mapping[str, np.ndarray]) -> pd.DataFrame:
        """Every refused cell (:data:`REJECTED_COLUMNS`), by row and then by column as in the file."""
        if not self._found:
            return _no_rejects()
        order = {h: i for i, h in enumerate(self.raw.columns)}
        found = sorted(self._found, key=lambda f: (f[0], order.get(f[1], 0)))
        none = np.full(len(self.rows), None, dtype=object)

        def col(values: Iterable[object]) -> pd.Series:  # object columns: a blank id stays None, not NaN
            return pd.Series(np.array(list(values), dtype=object), dtype=object)

        return pd.DataFrame(
            {
                "row": np.array([self.rows[p] for p, *_ in found], dtype=np.int64),
                "column": col(h for _, h, _, _ in found),
                "cell": col(_shown(self.raw[h].iloc[p]) for p, h, _, _ in found),
                "kind": col(k for *_, k in found),
                "zh": col(e.zh for _, _, e, _ in found),
                "en": col(e.en for _, _, e, _ in found),
                "account": col(ids.get("account", none)[p] for p, *_ in found),
                "invoice": col(ids.get("invoice", none)[p] for p, *_ in found),
            }
        )


# ---------------------------------------------------------------- cells


def _header_key(header: object) -> str:
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", str(header)).casefold())


def _where(rows: np.ndarray, pos: int) -> Position:
    return Position(row=int(rows[pos]))


def _amounts(
    values: pd.Series, header: str, rows: np.ndarray, checks: _Cells, *, required: bool, invoice: bool = False
) -> np.ndarray:
    """Amounts as floats (NaN where blank and not required or refused); text numbers parsed; negatives
    refused (on an invoice, ``invoice``, a credit note)."""
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        a = values.to_numpy(dtype=float, na_value=np.nan).copy()
    else:
        a = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan).copy()
        # pandas reads plain numbers; the rest ("¥1,200", "(50)", "#N/A", TRUE …) go through the one reader
        obj = values.to_numpy(dtype=object)
        is_bool = np.fromiter((isinstance(v, bool) for v in obj), dtype=bool, count=len(obj))
        for pos in np.flatnonzero((np.isnan(a) & ~cells.blank_mask(values)) | is_bool).tolist():
            try:
                parsed = cells.parse_number(obj[pos], header, _where(rows, pos))
            except KamError as exc:
                if not checks.collect:
                    raise
                checks.add(pos, header, exc)
                parsed = None
            a[pos] = np.nan if parsed is None else parsed
    if required and np.isnan(a).any():
        checks.refuse(header, np.isnan(a), _missing(header, rows))
    bad = (a < 0) | np.isinf(a)
    if bad.any():
        checks.refuse(
            header,
            bad,
            lambda at: OutOfRangeError(header, f"{a[at]:g}", "≥ 0 的有限数", "a finite number >= 0", _where(rows, at)),
            lambda at: "credit_note" if invoice and a[at] < 0 else "out_of_range",
        )
    return a


@dataclass(frozen=True)
class _DateColumn:
    """A date column's distinct values, read once: the day/month order is decided over them, then they are parsed."""

    header: str
    codes: np.ndarray  # per row: index into uniques, −1 for NA
    uniques: list[object]
    where: list[Position]  # the cell where each distinct value first appears

    @classmethod
    def of(cls, raw: pd.DataFrame, header: str, rows: np.ndarray) -> _DateColumn:
        codes, uniques = pd.factorize(raw[header])
        firsts = np.full(len(uniques) + 1, -1, dtype=np.int64)
        firsts[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # reversed: each value's first row is written last
        return cls(header, codes, list(uniques), [_where(rows, int(i)) for i in firsts[: len(uniques)]])

    def days(
        self, day_first: bool | None, known: dict[tuple[type, object], np.datetime64], checks: _Cells
    ) -> np.ndarray:
        """Each row's date. ``known`` holds the values already read in the file's other date columns
        (a due date is mostly some invoice's date): each distinct value is read once per file. A value
        that is not a date raises, or (collecting) is refused on every row that holds it."""
        todo = [i for i, u in enumerate(self.uniques) if (type(u), u) not in known]  # by type: 1 is not True
        values, where = [self.uniques[i] for i in todo], [self.where[i] for i in todo]
        bad: dict[int, KamError] = {}  # unique's index → its error
        try:
            parsed = cells.to_dates(values, self.header, where, day_first=day_first)
        except KamError:
            if not checks.collect:
                raise
            parsed = np.full(len(todo), np.datetime64("NaT"), dtype="datetime64[D]")
            for k, i in enumerate(todo):  # only when a value is bad: then value by value
                try:
                    parsed[k] = cells.to_dates([values[k]], self.header, [where[k]], day_first=day_first)[0]
                except KamError as exc:
                    bad[i] = exc
        known.update(
            (key, v) for key, v, i in zip(((type(u), u) for u in values), parsed, todo, strict=True) if i not in bad
        )
        # in the frames' unit before the gather (a few hundred values, not a million); code −1 takes the NaT
        nat = np.datetime64("NaT")
        table = [nat if i in bad else known[type(u), u] for i, u in enumerate(self.uniques)] + [nat]
        if bad:
            refused = np.isin(self.codes, list(bad))
            checks.refuse(self.header, refused, lambda pos: bad[int(self.codes[pos])])
        return np.array(table, dtype="datetime64[s]")[self.codes]


def _date_columns(raw: pd.DataFrame, found: Mapping[str, str], rows: np.ndarray) -> dict[str, _DateColumn]:
    return {k: _DateColumn.of(raw, found[k], rows) for k in _DATES if k in found}


def _day_first(dates: Mapping[str, _DateColumn], given: bool | None) -> bool | None:
    """The file's day/month order, decided once from the distinct values of all its date columns."""
    return cells.decide_day_first([(d.header, d.uniques, d.where) for d in dates.values()], given)


# ---------------------------------------------------------------- columns


def match_columns(headers: Sequence[object]) -> dict[str, str]:
    """Canonical field → the original header that holds it (first alias wins; a header serves one field)."""
    by_key: dict[str, str] = {}
    for h in headers:
        if h is not None and str(h).strip():
            by_key.setdefault(_header_key(h), str(h))
    found: dict[str, str] = {}
    used: set[str] = set()
    for canonical, aliases in ALIASES.items():
        for alias in aliases:
            header = by_key.get(_header_key(alias))
            if header is not None and header not in used:
                found[canonical] = header
                used.add(header)
                break
    return found


def _missing_column(canonical: str, headers: Sequence[object], source: str, kind_zh: str, kind_en: str) -> LedgerError:
    examples = [a for a in ALIASES[canonical] if a.isascii()][:3] + [a for a in ALIASES[canonical] if not a.isascii()][
        :2
    ]
    shown = ", ".join(str(h) for h in headers if h is not None)
    return LedgerError(
        canonical,
        f"{kind_zh}缺少“{_FIELD_ZH[canonical]}”列（可用列名如 {'、'.join(examples)}）；现有列：{shown}",
        f"the {kind_en} has no {canonical} column (headers such as {', '.join(examples)}); its headers are: {shown}",
        source,
    )


def _detect(found: Mapping[str, str], kind: Kind) -> Literal["invoices", "receipts"]:
    """An invoice ledger has due dates; a receipt ledger has receipt dates and no due dates."""
    if kind != "auto":
        return kind
    return "receipts" if "receipt_date" in found and "due_date" not in found else "invoices"


def is_ledger_header(row: Sequence[object]) -> bool:
    """A row naming three or more ledger columns is the header (a title block may sit above it)."""
    return len(match_columns(list(row))) >= 3


# ---------------------------------------------------------------- frames


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            c: pd.Series(dtype="datetime64[s]" if c.endswith("date") else float if c == "amount" else object)
            for c in columns
        }
    )
    frame.index = pd.Index([], dtype=np.int64, name="row")
    return frame


def _frame(rows: np.ndarray, **columns: object) -> pd.DataFrame:
    """A canonical frame of ``columns``, each an array made for it alone: the frame takes them without a copy."""
    out = pd.DataFrame(
        {
            k: v.astype("datetime64[s]", copy=False) if isinstance(v, np.ndarray) and v.dtype.kind == "M" else v
            for k, v in columns.items()
        },
        copy=False,
    )
    out.index = pd.Index(rows, dtype=np.int64, name="row")
    return out


def _missing(header: str, rows: np.ndarray) -> Callable[[int], KamError]:
    """The error of a blank required cell of ``header`` at a row position."""
    return lambda pos: MissingValueError(header, _where(rows, pos))


def _ids(raw: pd.DataFrame, header: str, rows: np.ndarray, checks: _Cells, *, required: bool) -> np.ndarray:
    ids = cells.identifiers(raw[header])
    if required:
        # None is the one falsy identifier (an identifier's text is never empty); counting makes no array
        if np.count_nonzero(ids) < ids.size:
            checks.refuse(header, ~ids.astype(bool), _missing(header, rows))
    return ids


def _require(found: Mapping[str, str], needed: Iterable[str], headers: list[object], source: str, kind: str) -> None:
    names = {"invoices": ("发票台账", "invoice ledger"), "receipts": ("收款台账", "receipt ledger")}[kind]
    for canonical in needed:
        if canonical not in found:
            raise _missing_column(canonical, headers, source, *names)


def _read_invoices(
    raw: pd.DataFrame,
    found: Mapping[str, str],
    rows: np.ndarray,
    source: str,
    dates: dict[str, np.ndarray],
    checks: _Cells,
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, np.ndarray]]:
    _require(found, INVOICE_COLUMNS, list(raw.columns), source, "invoices")
    get = found.__getitem__
    account = _ids(raw, get("account"), rows, checks, required=True)
    invoice = _ids(raw, get("invoice"), rows, checks, required=True)
    for canonical in ("invoice_date", "due_date"):
        if np.isnat(dates[canonical]).any():
            header = get(canonical)
            checks.refuse(header, np.isnat(dates[canonical]), _missing(header, rows))
    amount = _amounts(raw[get("amount")], get("amount"), rows, checks, required=True, invoice=True)
    if checks.collect:
        _due_before_invoice(dates["invoice_date"], dates["due_date"], get("due_date"), checks)
    paid_on, paid = None, None
    if "receipt_date" in found:
        paid_on = dates["receipt_date"]
        paid = _settled(raw, found, rows, amount, paid_on, checks)
    ids = {"account": account, "invoice": invoice}
    if checks.out.any():  # collecting, and some rows were refused: the rest are the ledger
        keep = ~checks.out
        rows, account, invoice, amount = rows[keep], account[keep], invoice[keep], amount[keep]
        dates = {k: v[keep] for k, v in dates.items()}
        if paid_on is not None and paid is not None:
            paid_on, paid = paid_on[keep], paid[keep]
    invoices = _frame(
        rows,
        account=account,
        invoice=invoice,
        invoice_date=dates["invoice_date"],
        due_date=dates["due_date"],
        amount=amount,
    )
    if paid_on is None or paid is None:
        return invoices, _empty(RECEIPT_COLUMNS), ids
    has = ~np.isnat(paid_on)
    receipts = _frame(
        rows[has],
        account=invoices["account"].array[has],  # the frame's own arrays: their text dtype is not inferred again
        invoice=invoices["invoice"].array[has],
        receipt_date=paid_on[has],
        amount=paid[has],
    )
    return invoices, receipts, ids


def _due_before_invoice(invoiced: np.ndarray, due: np.ndarray, header: str, checks: _Cells) -> None:
    """Collecting: refuse the due dates the core refuses (a due date before its invoice date), with its words.
    ``due < invoiced`` only picks the rows to ask about; the core's own check decides and words the error."""
    for pos in np.flatnonzero(due < invoiced).tolist():
        one = _frame(
            np.array([0]), account="-", invoice="-", invoice_date=invoiced[pos : pos + 1], due_date=due[pos : pos + 1],
            amount=np.zeros(1),
        )  # fmt: skip
        try:
            prepare(one, None)
        except OutOfRangeError as exc:
            checks.add(pos, header, exc, "due_before_invoice")


def _settled(
    raw: pd.DataFrame,
    found: Mapping[str, str],
    rows: np.ndarray,
    amount: np.ndarray,
    paid_on: np.ndarray,
    checks: _Cells,
) -> np.ndarray:
    """The amount received on each row of an invoice ledger with a receipt date (NaN elsewhere)."""
    if "receipt_amount" not in found:
        return amount  # settled date without an amount: settled in full
    header = found["receipt_amount"]
    paid = _amounts(raw[header], header, rows, checks, required=False)
    no_amount = ~np.isnat(paid_on) & np.isnan(paid)
    if no_amount.any():
        checks.refuse(header, no_amount, _missing(header, rows))
    no_date = np.isnat(paid_on) & (np.nan_to_num(paid) != 0)
    if no_date.any():
        when = found["receipt_date"]
        checks.refuse(when, no_date, _missing(when, rows))
    return paid


def _read_receipts(
    raw: pd.DataFrame,
    found: Mapping[str, str],
    rows: np.ndarray,
    source: str,
    dates: dict[str, np.ndarray],
    checks: _Cells,
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, np.ndarray]]:
    amount_field = "receipt_amount" if "receipt_amount" in found else "amount"
    _require(found, ("account", "invoice", "receipt_date", amount_field), list(raw.columns), source, "receipts")
    when, header = dates["receipt_date"], found["receipt_date"]
    if np.isnat(when).any():
        checks.refuse(header, np.isnat(when), _missing(header, rows))
    account = _ids(raw, found["account"], rows, checks, required=True)
    invoice = _ids(raw, found["invoice"], rows, checks, required=False)  # no number: unapplied cash (the core's)
    amount = _amounts(raw[found[amount_field]], found[amount_field], rows, checks, required=True)
    ids = {"account": account, "invoice": invoice}
    if checks.out.any():
        keep = ~checks.out
        rows, account, invoice, when, amount = rows[keep], account[keep], invoice[keep], when[keep], amount[keep]
    receipts = _frame(rows, account=account, invoice=invoice, receipt_date=when, amount=amount)
    return _empty(INVOICE_COLUMNS), receipts, ids


def _ledger(table: Table, kind: Kind, dayfirst: bool | None, rejects: Rejects = "raise") -> Ledger:
    """The canonical frames of a table read from a file or handed over as a frame."""
    if kind not in ("auto", "invoices", "receipts"):
        raise LedgerError(
            "kind",
            f"应为 auto、invoices 或 receipts，而不是 “{kind}”",
            f"must be auto, invoices or receipts, not '{kind}'",
        )
    if rejects not in ("raise", "collect"):
        raise LedgerError(
            "rejects", f"应为 raise 或 collect，而不是 “{rejects}”", f"must be raise or collect, not '{rejects}'"
        )
    raw, rows = table.frame, table.rows
    found = match_columns(list(raw.columns))
    used = list(found.values())
    if used and len(raw):  # rows empty in every ledger column are spacing, not entries
        filled = np.zeros(len(raw), dtype=bool)
        for header in used:  # column by column: the first full column (the account's, as a rule) settles it
            filled |= raw[header].notna().to_numpy(dtype=bool)
            if filled.all():
                break
        if not filled.all():
            raw, rows = pd.DataFrame(raw[filled]).reset_index(drop=True), rows[filled]
    detected = _detect(found, kind)
    checks = _Cells(raw, rows, rejects == "collect")
    columns = _date_columns(raw, found, rows)
    day_first = _day_first(columns, dayfirst)
    known: dict[tuple[type, object], np.datetime64] = {}
    dates = {k: c.days(day_first, known, checks) for k, c in columns.items()}
    read = _read_receipts if detected == "receipts" else _read_invoices
    invoices, receipts, ids = read(raw, found, rows, table.source, dates, checks)
    needed = ("account", "invoice", "receipt_date", "receipt_amount" if "receipt_amount" in found else "amount")
    read_from = dict(found) if detected == "invoices" else {k: v for k, v in found.items() if k in needed}
    return Ledger(invoices, receipts, read_from, table.source, table.skipped, day_first, checks.rejected(ids))


def ledger_from_frame(
    frame: pd.DataFrame,
    *,
    kind: Kind = "auto",
    first_row: int = 2,
    source: str = "",
    dayfirst: bool | None = None,
    rejects: Rejects = "raise",
) -> Ledger:
    """Read a ledger already in a DataFrame whose columns are the file's headers.

    Row *i* (0-based) is reported as spreadsheet row ``first_row + i``; rows blank in every
    ledger column are skipped, totals rows (合计 …) skipped and listed. ``rejects``: as
    :func:`read_ledger`'s.
    """
    raw = frame.reset_index(drop=True)
    raw.columns = unique_headers(list(raw.columns))
    rows = np.arange(first_row, first_row + len(raw), dtype=np.int64)
    found = match_columns(list(raw.columns))
    raw, rows, skipped = drop_totals(raw, rows, [found[k] for k in ("account", "invoice") if k in found])
    return _ledger(Table(raw, rows, source, skipped=skipped), kind, dayfirst, rejects)


def _identifier_columns(headers: Sequence[str]) -> list[str]:
    """Columns a CSV must keep as text: account codes and invoice numbers (leading zeros), dates."""
    found = match_columns(list(headers))
    return [found[k] for k in ("account", "invoice", *_DATES) if k in found]


def _repeated_columns(headers: Sequence[str]) -> list[str]:
    """Columns of a few distinct values: accounts and dates (an invoice number is new on every row)."""
    found = match_columns(list(headers))
    return [found[k] for k in ("account", *_DATES) if k in found]


def read_ledger(
    source: str | os.PathLike[str] | pd.DataFrame,
    *,
    sheet: str | int | None = None,
    kind: Kind = "auto",
    dayfirst: bool | None = None,
    rejects: Rejects = "raise",
) -> Ledger:
    """Read a ledger from a CSV/TSV/TXT, XLSX or XLS file (or a DataFrame) into canonical invoices and receipts.

    ``kind``: ``"auto"`` (by its columns), ``"invoices"`` or ``"receipts"``; ``sheet``: name or
    0-based index (workbooks); ``dayfirst``: the order of ``1/2/2024``-style dates when the file
    cannot tell (True: day/month/year). ``rejects``: ``"raise"`` the first cell that cannot be
    read, or ``"collect"`` — leave its row out and list the cell in :attr:`Ledger.rejected`.
    """
    if isinstance(source, pd.DataFrame):
        return ledger_from_frame(source, kind=kind, dayfirst=dayfirst, rejects=rejects)
    table = read_table(
        Path(source),
        sheet=sheet,
        is_header=is_ledger_header,
        text_columns=_identifier_columns,
        keep=lambda headers: list(match_columns(list(headers)).values()),
        repeated=_repeated_columns,
        role="ledger",
    )
    return _ledger(table, kind, dayfirst, rejects)
