"""Reading invoice and receipt ledgers (发票台账、收款台账) from CSV, XLSX or a DataFrame.

A ledger arrives as finance exported it: English ERP headers (``customerID``,
``invoiceNumber``, ``InvoiceDate``, ``DueDate``, ``InvoiceAmount``,
``SettledDate``), Chinese headers (客户, 发票号, 开票日期, 到期日, 金额, 收款日期,
收款金额) or snake_case. :func:`read_ledger` finds the columns by those aliases
and returns the canonical frames of :mod:`kam_xl.core.receivables`:

- a ledger with invoice and due dates is an invoice ledger; if it also has a
  receipt (settled) date, each row with one is also a receipt — of the
  receipt-amount column if there is one, else of the full invoice amount;
- a ledger with a receipt date but no invoice/due dates is a receipt ledger.

Cells are read as people type them: dates as ISO ``2024-03-05``, US
``3/5/2024`` (day-first only when a column has a first part over 12), Chinese
``2024年3月5日``, ``20240305``, Excel serials (from 61 = 1900-03-01) or real date
cells; amounts as
``"¥1,200"`` and the like (:func:`kam_xl.coerce.parse_number`); invoice numbers
stay text, so ``0000611365`` keeps its zeros. Every error names the column as
headed in the file and the row as a spreadsheet shows it (the header is row 1
in a CSV). The frames' index is that row number (named ``row``), so problems
found later by the core point at the same rows.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from kam_xl.coerce import parse_number
from kam_xl.core.receivables import INVOICE_COLUMNS, RECEIPT_COLUMNS
from kam_xl.errors import LedgerError, MissingValueError, OutOfRangeError

__all__ = ["ALIASES", "Ledger", "ledger_from_frame", "parse_dates", "read_ledger"]

Kind = Literal["auto", "invoices", "receipts"]

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
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")
# Serials from 61 (1900-03-01): below it Excel counts a 1900-02-29 that never was, and a ledger date
# in early 1900 is a typo (a day number, a term in days) rather than a date.
_SERIAL_MIN, _SERIAL_MAX = 61, 2_958_465  # 1900-03-01 … 9999-12-31
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_YMD = re.compile(rf"^(?P<y>\d{{4}})\s*[-/.年]\s*(?P<m>\d{{1,2}})\s*[-/.月]\s*(?P<d>\d{{1,2}})\s*日?{_TIME}$")
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_SLASHED = re.compile(rf"^(?P<a>\d{{1,2}})[-/.](?P<b>\d{{1,2}})[-/.](?P<y>\d{{4}}){_TIME}$")
_SERIAL = re.compile(r"^\d{1,7}(?:\.\d+)?$")
_MONTH_NAME = re.compile(r"[A-Za-z]{3}")


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


# ---------------------------------------------------------------- cells


def _header_key(header: object) -> str:
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", str(header)).casefold())


def _where(rows: np.ndarray, pos: int) -> str:
    return f"row {int(rows[pos])}"


def _blank(values: pd.Series) -> np.ndarray:
    """None, NaN and text that is empty or white space."""
    blank = values.isna().to_numpy().copy()
    if pd.api.types.is_string_dtype(values.dtype) and values.dtype != object:
        return blank | (values.str.strip() == "").fillna(True).to_numpy(dtype=bool)
    text = values[~blank]
    if len(text):
        is_str = text.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        sub = np.zeros(len(text), dtype=bool)
        sub[is_str] = (text[is_str].astype(str).str.strip() == "").to_numpy(dtype=bool)
        blank[~blank] = sub
    return blank


def _identifiers(values: pd.Series) -> pd.Series:
    """Account / invoice identifiers as text: whole numbers without '.0', text NFKC-folded and stripped."""

    def one(v: object) -> object:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            return str(int(v))
        text = unicodedata.normalize("NFKC", str(v)).strip()
        return text or None

    return pd.Series([one(v) for v in values.to_numpy(dtype=object)], index=values.index, dtype=object)


def _amounts(values: pd.Series, header: str, rows: np.ndarray, *, required: bool) -> np.ndarray:
    """Amounts as floats (NaN where blank and not required); text numbers parsed; negatives refused."""
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        a = values.to_numpy(dtype=float, na_value=np.nan).copy()
    else:
        a = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan).copy()
        blank = _blank(values)
        is_bool = values.map(lambda v: isinstance(v, bool)).to_numpy(dtype=bool)
        for pos in np.flatnonzero((np.isnan(a) & ~blank) | is_bool):  # "¥1,200", "(50)", TRUE …
            parsed = parse_number(values.iloc[pos], header, _where(rows, pos))
            a[pos] = np.nan if parsed is None else parsed
    if required and np.isnan(a).any():
        raise MissingValueError(header, _where(rows, int(np.flatnonzero(np.isnan(a))[0])))
    bad = (a < 0) | np.isinf(a)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise OutOfRangeError(header, f"{a[pos]:g}", "≥ 0 的有限数", "a finite number >= 0", _where(rows, pos))
    return a


# ---------------------------------------------------------------- dates


def _ymd(y: object, m: object, d: object) -> np.ndarray:
    """Whole-column date construction from year, month, day parts; impossible dates (2/30) become NaT."""
    parts = pd.DataFrame({k: pd.to_numeric(np.asarray(v)) for k, v in (("year", y), ("month", m), ("day", d))})
    return pd.to_datetime(parts, errors="coerce").to_numpy().astype("datetime64[D]")


def _serials(numbers: np.ndarray) -> np.ndarray:
    """Excel serials (and 8-digit yyyymmdd numbers) as dates; anything else NaT."""
    out = np.full(numbers.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    serial = (numbers >= _SERIAL_MIN) & (numbers <= _SERIAL_MAX)
    out[serial] = _EXCEL_EPOCH + np.floor(numbers[serial]).astype(np.int64)
    compact = (numbers >= 19000101) & (numbers <= 99991231) & (numbers == np.floor(numbers))
    if compact.any():
        n = numbers[compact].astype(np.int64)
        out[compact] = _ymd(n // 10000, n // 100 % 100, n % 100)
    return out


def _text_dates(text: pd.Series, header: str, rows: np.ndarray) -> np.ndarray:
    """Dates typed as text, each format matched for the whole column at once."""
    out = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[D]")
    todo = np.ones(len(text), dtype=bool)
    for pattern in (_YMD, _COMPACT):
        parts = text.str.extract(pattern)
        hit = parts["y"].notna().to_numpy() & todo
        if hit.any():
            out[hit] = _ymd(parts["y"][hit], parts["m"][hit], parts["d"][hit])
            todo &= ~hit
    parts = text.str.extract(_SLASHED)
    hit = parts["y"].notna().to_numpy() & todo
    if hit.any():
        a, b = pd.to_numeric(parts["a"][hit]).to_numpy(), pd.to_numeric(parts["b"][hit]).to_numpy()
        if (a > 12).any() and (b > 12).any():
            pos = np.flatnonzero(hit)[int(max(np.flatnonzero(a > 12)[0], np.flatnonzero(b > 12)[0]))]
            raise LedgerError(
                header,
                f"“{text.iloc[pos]}”：本列日期既有“日/月/年”又有“月/日/年”，无法确定顺序",
                f"'{text.iloc[pos]}': this column mixes day/month/year and month/day/year dates",
                _where(rows, int(pos)),
            )
        day_first = bool((a > 12).any())  # US month/day unless a first part over 12 proves otherwise
        month, day = (b, a) if day_first else (a, b)
        out[hit] = _ymd(parts["y"][hit], month, day)
        todo &= ~hit
    serial = text.str.fullmatch(_SERIAL).fillna(False).to_numpy(dtype=bool) & todo
    if serial.any():
        out[serial] = _serials(pd.to_numeric(text[serial]).to_numpy(dtype=float))
        todo &= ~serial
    named = text.str.contains(_MONTH_NAME).fillna(False).to_numpy(dtype=bool) & todo  # "5 Mar 2024", "March 5, 2024"
    if named.any():
        out[named] = pd.to_datetime(text[named], format="mixed", errors="coerce").to_numpy().astype("datetime64[D]")
    return out


def parse_dates(
    values: Iterable[object] | pd.Series, header: str = "date", rows: np.ndarray | None = None
) -> np.ndarray:
    """Cells as ``datetime64[D]`` (NaT where blank); an unreadable cell is a :class:`LedgerError` naming its row.

    ``rows`` are the spreadsheet rows of the cells (default: 2, 3, … under a header in row 1).
    """
    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    rows = np.arange(2, len(s) + 2) if rows is None else np.asarray(rows)
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(s.dtype):
        return s.to_numpy().astype("datetime64[D]")
    obj = s.to_numpy(dtype=object)
    blank = _blank(s)
    out = np.full(len(s), np.datetime64("NaT"), dtype="datetime64[D]")
    is_date = np.fromiter((isinstance(v, (date, np.datetime64)) for v in obj), dtype=bool, count=len(obj)) & ~blank
    is_num = (
        np.fromiter(
            (isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) for v in obj),
            dtype=bool,
            count=len(obj),
        )
        & ~blank
    )
    is_text = ~blank & ~is_date & ~is_num
    if is_date.any():
        out[is_date] = pd.to_datetime(pd.Series(obj[is_date]), errors="coerce").to_numpy().astype("datetime64[D]")
    if is_num.any():
        out[is_num] = _serials(obj[is_num].astype(float))
    if is_text.any():
        # A date column repeats a few hundred distinct days: parse each distinct text once.
        codes, uniques = pd.factorize(obj[is_text])
        first = np.unique(codes, return_index=True)[1]  # where each distinct text first appears
        text = pd.Series([unicodedata.normalize("NFKC", str(v)).strip() for v in uniques], dtype=object)
        out[is_text] = _text_dates(text, header, rows[is_text][first])[codes]
    bad = np.isnat(out) & ~blank
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        shown = obj[pos]
        raise LedgerError(
            header,
            f"“{shown}” 不是可识别的日期（可用 2024-03-05、3/5/2024、2024年3月5日 或 Excel 日期）",
            f"'{shown}' is not a date I can read (use 2024-03-05, 3/5/2024, 2024年3月5日 or an Excel date)",
            _where(rows, pos),
        )
    return out


# ---------------------------------------------------------------- columns


def _match_columns(headers: list[object]) -> dict[str, str]:
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


def _missing_column(canonical: str, headers: list[object], source: str, kind_zh: str, kind_en: str) -> LedgerError:
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


def _unique_headers(headers: Iterable[object]) -> list[str]:
    """Headers as text, blanks named by position and repeats suffixed, so each names one column."""
    out: list[str] = []
    for i, h in enumerate(headers):
        name = str(h).strip() if h is not None and str(h).strip() else f"column {i + 1}"
        base, n = name, 2
        while name in out:
            name, n = f"{base} ({n})", n + 1
        out.append(name)
    return out


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
    out = pd.DataFrame(
        {
            k: v.astype("datetime64[s]") if isinstance(v, np.ndarray) and v.dtype.kind == "M" else v
            for k, v in columns.items()
        }
    )
    out.index = pd.Index(rows, dtype=np.int64, name="row")
    return out


def _ids(raw: pd.DataFrame, header: str, rows: np.ndarray, *, required: bool) -> np.ndarray:
    ids = _identifiers(raw[header])
    missing = ids.isna().to_numpy()
    if required and missing.any():
        raise MissingValueError(header, _where(rows, int(np.flatnonzero(missing)[0])))
    return ids.to_numpy(dtype=object)


def _read_invoices(raw: pd.DataFrame, found: Mapping[str, str], rows: np.ndarray, source: str) -> Ledger:
    headers = list(raw.columns)
    for canonical in INVOICE_COLUMNS:
        if canonical not in found:
            raise _missing_column(canonical, headers, source, "发票台账", "invoice ledger")
    get = found.__getitem__
    account = _ids(raw, get("account"), rows, required=True)
    invoice = _ids(raw, get("invoice"), rows, required=True)
    dates = {}
    for canonical in ("invoice_date", "due_date"):
        dates[canonical] = parse_dates(raw[get(canonical)], get(canonical), rows)
        if np.isnat(dates[canonical]).any():
            raise MissingValueError(get(canonical), _where(rows, int(np.flatnonzero(np.isnat(dates[canonical]))[0])))
    amount = _amounts(raw[get("amount")], get("amount"), rows, required=True)
    invoices = _frame(rows, account=account, invoice=invoice, **dates, amount=amount)
    receipts = _settlements(raw, found, rows, invoices) if "receipt_date" in found else _empty(RECEIPT_COLUMNS)
    return Ledger(invoices, receipts, dict(found), source)


def _settlements(raw: pd.DataFrame, found: Mapping[str, str], rows: np.ndarray, invoices: pd.DataFrame) -> pd.DataFrame:
    """Receipts held in an invoice ledger: one per row with a receipt date."""
    paid_on = parse_dates(raw[found["receipt_date"]], found["receipt_date"], rows)
    if "receipt_amount" in found:
        header = found["receipt_amount"]
        paid = _amounts(raw[header], header, rows, required=False)
        no_amount = ~np.isnat(paid_on) & np.isnan(paid)
        if no_amount.any():
            raise MissingValueError(header, _where(rows, int(np.flatnonzero(no_amount)[0])))
        no_date = np.isnat(paid_on) & (np.nan_to_num(paid) != 0)
        if no_date.any():
            raise MissingValueError(found["receipt_date"], _where(rows, int(np.flatnonzero(no_date)[0])))
    else:
        paid = invoices["amount"].to_numpy()  # settled date without an amount: settled in full
    has = ~np.isnat(paid_on)
    return _frame(
        rows[has],
        account=invoices["account"].to_numpy()[has],
        invoice=invoices["invoice"].to_numpy()[has],
        receipt_date=paid_on[has],
        amount=paid[has],
    )


def _read_receipts(raw: pd.DataFrame, found: Mapping[str, str], rows: np.ndarray, source: str) -> Ledger:
    headers = list(raw.columns)
    amount_field = "receipt_amount" if "receipt_amount" in found else "amount"
    for canonical in ("account", "invoice", "receipt_date", amount_field):
        if canonical not in found:
            raise _missing_column(canonical, headers, source, "收款台账", "receipt ledger")
    when = parse_dates(raw[found["receipt_date"]], found["receipt_date"], rows)
    if np.isnat(when).any():
        raise MissingValueError(found["receipt_date"], _where(rows, int(np.flatnonzero(np.isnat(when))[0])))
    receipts = _frame(
        rows,
        account=_ids(raw, found["account"], rows, required=True),
        invoice=_ids(raw, found["invoice"], rows, required=False),  # no number: unapplied cash, reported by the core
        receipt_date=when,
        amount=_amounts(raw[found[amount_field]], found[amount_field], rows, required=True),
    )
    return Ledger(
        _empty(INVOICE_COLUMNS),
        receipts,
        {k: v for k, v in found.items() if k in ("account", "invoice", "receipt_date", amount_field)},
        source,
    )


def ledger_from_frame(frame: pd.DataFrame, *, kind: Kind = "auto", first_row: int = 2, source: str = "") -> Ledger:
    """Read a ledger already in a DataFrame whose columns are the file's headers.

    Row *i* (0-based) is reported as spreadsheet row ``first_row + i``; fully blank rows are skipped.
    """
    if kind not in ("auto", "invoices", "receipts"):
        raise LedgerError(
            "kind",
            f"应为 auto、invoices 或 receipts，而不是 “{kind}”",
            f"must be auto, invoices or receipts, not '{kind}'",
        )
    raw = frame.reset_index(drop=True)
    raw.columns = _unique_headers(raw.columns)
    rows = np.arange(first_row, first_row + len(raw), dtype=np.int64)
    filled = (
        ~np.column_stack([_blank(raw[c]) for c in raw.columns]).all(axis=1)
        if len(raw.columns)
        else np.zeros(len(raw), bool)
    )
    raw, rows = raw[filled].reset_index(drop=True), rows[filled]
    found = _match_columns(list(raw.columns))
    if _detect(found, kind) == "receipts":
        return _read_receipts(raw, found, rows, source)
    return _read_invoices(raw, found, rows, source)


def _read_csv(path: Path) -> pd.DataFrame:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            with path.open(encoding=encoding, newline="") as fh:
                sample = fh.readline()
                delimiter = max(",\t;|", key=sample.count) if sample.strip() else ","
            # Everything as text (invoice 0000611365 keeps its zeros); blank lines kept so row numbers hold.
            return pd.read_csv(
                path, dtype=str, sep=delimiter, encoding=encoding, na_filter=False, skip_blank_lines=False
            )
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise LedgerError("ledger", f"无法读取 CSV：{exc}", f"cannot read the CSV: {exc}", path.name) from None
    raise LedgerError(
        "ledger",
        "无法识别文件编码（应为 UTF-8 或 GBK）",
        "cannot tell the file's encoding (use UTF-8 or GBK)",
        path.name,
    )


def _header_row(cells: list[tuple[object, ...]], look: int = 30) -> int | None:
    """The header row: the first of the top rows naming 3+ known columns (a title may sit above), else the first non-blank."""
    filled = [i for i, r in enumerate(cells) if any(v is not None and str(v).strip() for v in r)]
    for i in filled[:look]:
        if len(_match_columns(list(cells[i]))) >= 3:
            return i
    return filled[0] if filled else None


def _read_xlsx(path: Path, sheet: str | int | None) -> tuple[pd.DataFrame, int]:
    """The sheet's cells under its first non-blank row (the header), and that row's number."""
    from openpyxl import load_workbook  # boundary code: openpyxl only when reading a workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        names = wb.sheetnames
        if isinstance(sheet, int) and not 0 <= sheet < len(names):
            raise LedgerError(
                "sheet", f"工作簿只有 {len(names)} 个工作表", f"the workbook has only {len(names)} sheets", path.name
            )
        if isinstance(sheet, str) and sheet not in names:
            raise LedgerError(
                "sheet",
                f"工作簿中没有 “{sheet}” 工作表（有：{', '.join(names)}）",
                f"no sheet '{sheet}' in the workbook (it has: {', '.join(names)})",
                path.name,
            )
        ws = wb[names[sheet]] if isinstance(sheet, int) else wb[sheet] if sheet else wb[names[0]]
        cells = list(ws.iter_rows(min_row=1, values_only=True))
    finally:
        wb.close()
    header_at = _header_row(cells)
    if header_at is None:
        raise LedgerError("ledger", "工作表是空的", "the sheet is empty", path.name)
    header = _unique_headers(cells[header_at])
    width = len(header)
    body = [tuple(r[:width]) + (None,) * (width - len(r)) for r in cells[header_at + 1 :]]
    return pd.DataFrame(body, columns=header, dtype=object), header_at + 2


def read_ledger(
    source: str | os.PathLike[str] | pd.DataFrame, *, sheet: str | int | None = None, kind: Kind = "auto"
) -> Ledger:
    """Read a ledger from a CSV/XLSX file (or a DataFrame) into canonical invoices and receipts.

    ``kind``: ``"auto"`` (by its columns), ``"invoices"`` or ``"receipts"``; ``sheet``: name or 0-based index (XLSX).
    """
    if isinstance(source, pd.DataFrame):
        return ledger_from_frame(source, kind=kind)
    path = Path(source)
    if not path.is_file():
        raise LedgerError("ledger", f"找不到文件 {path}", f"no such file: {path}", str(path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raw, first_row = _read_xlsx(path, sheet)
        return ledger_from_frame(raw, kind=kind, first_row=first_row, source=path.name)
    if suffix in (".csv", ".txt", ".tsv"):
        return ledger_from_frame(_read_csv(path), kind=kind, source=path.name)
    raise LedgerError(
        "ledger",
        f"不支持的文件类型 “{suffix}”（请另存为 .xlsx 或 .csv）",
        f"unsupported file type '{suffix}' (save it as .xlsx or .csv)",
        path.name,
    )
