"""One boundary for every file kam_xl reads: ledgers, team tables, Model sheets, templates.

Every way a file can fail becomes one :class:`~kam_xl.errors.FileError` line that
names the file and says what is wrong and what to do — not an Excel file (and
what it looks like instead), password-protected, an old ``.xls`` without
python-calamine, truncated or damaged, unsafe XML (DTD or entity declarations,
the XXE and "billion laughs" attacks), an encoding it cannot read, with the line.

The work a file can cause is bounded: a worksheet's declared dimension is not
trusted (a 1.6 KB file declaring ``A1:XFD1048576`` is not 17 billion cells),
reading stops after :data:`BLANK_RUN` blank rows and at :data:`MAX_COLUMNS`
columns, and a zip whose parts would expand beyond :data:`MAX_UNZIPPED` is refused.

Text files (CSV, TSV, Excel's "Unicode text") are read as UTF-8 (with or without
BOM), UTF-16 (with BOM, or NUL-patterned) or GB18030/GBK. A file that is UTF-8
but for a few bytes is refused naming the line — never re-decoded as GBK, which
would garble every Chinese name without a word.

An .xlsx is read through python-calamine when it is installed (many times faster),
after the same checks, into the Table openpyxl would give, cell for cell; a sheet
calamine would read differently goes through openpyxl (see the notes above
:data:`USE_CALAMINE`).

A *totals row* — a row with a cell reading 合计, 总计, 小计, Total, Grand total … — is
skipped and reported in :attr:`Table.skipped`, never read as data.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import mmap
import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kam_xl.calamine_xlsx import CALAMINE_CELLS, Differs, calamine_rows, calamine_sheet, xls_extent
from kam_xl.errors import FileError, KamError, Position

__all__ = [
    "BLANK_RUN",
    "HEADER_LOOK",
    "MAX_COLUMNS",
    "MAX_UNZIPPED",
    "Skipped",
    "Table",
    "check_workbook",
    "drop_totals",
    "file_kind",
    "is_total_label",
    "open_workbook",
    "read_error",
    "read_table",
    "read_text",
    "sheet_names",
    "unique_headers",
]

BLANK_RUN = 1000  # consecutive blank rows that end a sheet's data
MAX_COLUMNS = 1024  # columns read from a sheet (a ledger or portfolio has tens)
USE_CALAMINE = True  # False reads every .xlsx through openpyxl (the tests compare the two)
HEADER_LOOK = 30  # top rows searched for the header (a title block may sit above)
MAX_UNZIPPED = 2 << 30  # 2 GiB: the parts of any real workbook kam_xl reads fit well within
_HEAD = 1 << 16  # bytes of each XML part scanned for a DTD before openpyxl parses it
_TEXT_HEAD = 1 << 16  # characters of a CSV searched for its header row and delimiter

_TOTALS = frozenset({"合计", "总计", "小计", "总合计", "共计", "合计金额", "total", "totals", "grandtotal", "subtotal"})
_TOTAL_NOISE = re.compile(r"[\s:：_\-]+")


# ---------------------------------------------------------------- what a file is


def _fail(role: str, path: Path, zh: str, en: str, line: int | None = None) -> FileError:
    return FileError(role, zh, en, Position(source=path.name, row=line))


def file_kind(path: str | os.PathLike[str]) -> str:
    """What the bytes say a file is: ``xlsx`` (an OOXML workbook), ``ods``, ``zip`` (another zip),
    ``encrypted`` (a password-protected Office file), ``xls`` (an old binary workbook),
    ``ole`` (another OLE file), ``html``, ``text``, ``empty`` or ``binary``."""
    p = Path(path)
    with p.open("rb") as fh:
        head = fh.read(8)
        if not head:
            return "empty"
        if head.startswith(b"PK"):
            try:
                with zipfile.ZipFile(p) as z:
                    names = set(z.namelist())
            except (zipfile.BadZipFile, OSError, EOFError):
                return "damaged"
            if "xl/workbook.xml" in names:
                return "xlsx"
            return "ods" if "content.xml" in names and "mimetype" in names else "zip"
        if head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE compound file: old .xls, or an encrypted OOXML
            fh.seek(0)
            found = {"encrypted": False, "xls": False}
            tail = b""
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                data = tail + chunk
                found["encrypted"] |= "EncryptionInfo".encode("utf-16-le") in data
                found["xls"] |= "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data
                tail = data[-64:]
            return "encrypted" if found["encrypted"] else "xls" if found["xls"] else "ole"
        fh.seek(0)
        sample = fh.read(4096)
    lowered = sample.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if lowered.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml")):
        return "html"
    if (
        b"\x00" in sample
        and not sample.startswith((b"\xff\xfe", b"\xfe\xff"))
        and sample.count(b"\x00") < len(sample) // 4
    ):
        return "binary"
    return "text"


def _looks(kind: str) -> tuple[str, str]:
    return {
        "html": ("网页（HTML）", "a web page (HTML)"),
        "text": ("文本文件（如 CSV）", "a text file (such as CSV)"),
        "zip": ("压缩包，但不是 Excel 工作簿", "a zip archive, but not an Excel workbook"),
        "ole": ("Office 文件，但不是 Excel 工作簿", "an Office file, but not an Excel workbook"),
        "binary": ("二进制文件", "a binary file"),
        "empty": ("空文件", "an empty file"),
    }.get(kind, ("未知格式", "an unknown format"))


def _unsafe_xml(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """A DTD in an XML part's prolog (OOXML parts never have one): XXE, entity expansion."""
    if not info.filename.endswith((".xml", ".rels", ".vml")):
        return False
    with z.open(info) as fh:
        head = fh.read(_HEAD)
    start = 0
    while True:  # skip the declaration, comments and white space up to the root element
        lt = head.find(b"<", start)
        if lt < 0 or lt + 1 >= len(head):
            return False
        nxt = head[lt + 1 : lt + 2]
        if head.startswith(b"<!DOCTYPE", lt) or head.startswith(b"<!ENTITY", lt):
            return True
        if nxt in (b"?", b"!"):
            start = lt + 2
            continue
        return False


def check_workbook(path: str | os.PathLike[str], role: str = "workbook") -> None:
    """Refuse, in one line, any file that is not a readable, safe .xlsx/.xlsm (see the module doc)."""
    p = Path(path)
    if not p.exists():
        raise _fail(role, p, f"找不到文件 {p}", f"no such file: {p}")
    if not p.is_file():
        raise _fail(role, p, f"{p} 不是文件", f"{p} is not a file")
    kind = file_kind(p)
    if kind == "encrypted":
        raise _fail(
            role, p, "工作簿设有打开密码（已加密）：请在 Excel 中取消密码后另存一份再读取",
            "the workbook is password-protected (encrypted): remove the password in Excel and save a copy",
        )  # fmt: skip
    if kind == "xls":
        raise _fail(
            role, p, "这是旧版 .xls 工作簿：请安装 python-calamine（pip install python-calamine），或在 Excel 中另存为 .xlsx",
            "this is an old .xls workbook: install python-calamine (pip install python-calamine), "
            "or open it in Excel and save it as .xlsx",
        )  # fmt: skip
    if kind == "damaged":
        raise _fail(
            role, p, "文件已损坏或不完整（被截断的 zip）", "the file is damaged or truncated (not a complete zip)"
        )
    if kind != "xlsx":
        zh, en = _looks(kind)
        raise _fail(role, p, f"不是 Excel 工作簿（看起来是{zh}）", f"not an Excel workbook (it looks like {en})")
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
            if sum(i.file_size for i in infos) > MAX_UNZIPPED:
                raise _fail(
                    role, p, f"解压后超过 {MAX_UNZIPPED >> 30} GiB，拒绝读取（可能是 zip 炸弹）",
                    f"it would expand beyond {MAX_UNZIPPED >> 30} GiB: refused (a zip bomb?)",
                )  # fmt: skip
            for info in infos:
                if _unsafe_xml(z, info):
                    raise _fail(
                        role, p, f"含有不安全的 XML（{info.filename} 中有 DTD/实体声明），拒绝读取",
                        f"unsafe XML (a DTD or entity declaration in {info.filename}): refused",
                    )  # fmt: skip
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise _fail(role, p, f"文件已损坏或不完整：{exc}", f"the file is damaged or truncated: {exc}") from None


def read_error(exc: BaseException, role: str, path: str | os.PathLike[str]) -> FileError:
    """An error met while openpyxl parses a checked file (read-only sheets parse as their rows are read), as one line."""
    p, name = Path(path), type(exc).__name__
    if name in ("DTDForbidden", "EntitiesForbidden", "ExternalReferenceForbidden", "NotSupportedError"):
        return _fail(role, p, "含有不安全的 XML，拒绝读取", "unsafe XML: refused")
    shown = " ".join(str(exc).split())[:120]
    return _fail(
        role, p, f"无法读取工作簿（已损坏？）：{name}", f"cannot read the workbook (damaged?): {name}: {shown}"
    )


def open_workbook(
    path: str | os.PathLike[str], role: str = "workbook", *, read_only: bool = True, formulas: bool = False
) -> Any:
    """A checked workbook opened with openpyxl (cached values; the formulas' text with ``formulas``);
    the caller closes it."""
    from openpyxl import load_workbook  # boundary code: openpyxl only when reading a workbook

    p = Path(path)
    check_workbook(p, role)
    try:
        return load_workbook(p, read_only=read_only, data_only=not formulas)
    except KamError:
        raise
    except Exception as exc:  # anything openpyxl or the XML parser raises on a bad part
        raise read_error(exc, role, p) from None


_SHEET_TAG = re.compile(r'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"')


def sheet_names(path: str | os.PathLike[str], role: str = "workbook") -> list[str]:
    """The sheet titles of a checked .xlsx/.xlsm, in tab order, from its workbook part alone: openpyxl
    would first scan every row of a sheet written without a ``<dimension>`` (kam_xl's own) for its size."""
    p = Path(path)
    check_workbook(p, role)
    try:
        with zipfile.ZipFile(p) as z:
            part = z.read("xl/workbook.xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise read_error(exc, role, p) from None
    return [html.unescape(m) for m in _SHEET_TAG.findall(part)]


# ---------------------------------------------------------------- text files


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_text(path: str | os.PathLike[str], role: str = "file") -> tuple[str, str]:
    """A text file's content and the encoding it was read with (see the module doc)."""
    _, text, encoding = _load_text(Path(path), role)
    return text, encoding


def _utf16_pattern(head: bytes) -> str | None:
    """UTF-16 without a BOM, told by its NUL bytes (every other byte of ASCII-range text): which byte order."""
    if len(head) >= 4 and head.count(0) >= len(head) // 3:
        return "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
    return None


def _ascii_file(p: Path) -> bool:
    """Every byte of the file below 0x80: one vectorised pass over a memory map, without reading it into memory."""
    with p.open("rb") as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            return True
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            view = np.frombuffer(mm, dtype=np.uint8)
            try:
                return bool(view.max() < 0x80)
            finally:
                del view  # the map cannot close while an array holds it


def _load_text(p: Path, role: str, *, head_only: bool = False) -> tuple[bytes | None, str, str]:
    """The file's bytes, their text and encoding: checked, never guessed past a bad byte.

    With ``head_only``, for an ASCII file (which is UTF-8), the bytes are None
    and the text is the file's first :data:`_TEXT_HEAD` characters: a caller
    that hands the file to pandas' reader by its path (a CSV) needs only the
    header lines, and the file is checked in one pass without a copy in memory.
    """
    try:
        if head_only:
            with p.open("rb") as fh:
                head = fh.read(_TEXT_HEAD)
            if _utf16_pattern(head[:1000]) is None and _ascii_file(p):  # NUL is ASCII: UTF-16 is ruled out first
                return None, head.decode("ascii"), "utf-8"
        data = p.read_bytes()
    except OSError as exc:
        raise _fail(role, p, f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}") from None
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data, _decode(data, encoding, role, p), encoding
    utf16 = _utf16_pattern(data[:1000])
    if utf16 is not None:
        return data, _decode(data, utf16, role, p), utf16
    try:
        return data, data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    # A UTF-8 file with a stray byte still has far more valid multi-byte characters than bad
    # bytes; GBK text decoded as UTF-8 fails on almost every character.
    text = data.decode("utf-8", errors="replace")
    wide = len(re.sub("[\x00-\x7f\ufffd]+", "", text))
    if wide >= text.count("\ufffd"):
        line = _line_of(data, bad)
        raise _fail(
            role, p, f"文件是 UTF-8 编码，但第 {line} 行有无法识别的字节 0x{data[bad]:02X}（文件可能被拼接或损坏）；请修正后再读取",
            f"the file is UTF-8 but line {line} holds a byte that is not (0x{data[bad]:02X}); "
            "it may have been pasted together or damaged — fix that line",
            line,
        )  # fmt: skip
    try:
        return data, data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        raise _fail(
            role, p, f"无法识别文件编码（应为 UTF-8、GBK 或 UTF-16），第 {line} 行出错",
            f"cannot read the file's encoding (use UTF-8, GBK or UTF-16): line {line} fails",
            line,
        ) from None  # fmt: skip


def _decode(data: bytes, encoding: str, role: str, p: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        raise _fail(
            role, p, f"文件声明为 {encoding} 编码，但第 {line} 行不是", f"the file says {encoding} but line {line} is not",
            line,
        ) from None  # fmt: skip


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class Skipped:
    """A row left out of the data, and why (a totals row)."""

    row: int
    zh: str
    en: str


@dataclass(frozen=True)
class Table:
    """The cells under a file's header row: ``frame`` (the file's headers as columns, made
    unique), the spreadsheet row of each frame row (header = its own row), and what was skipped."""

    frame: pd.DataFrame
    rows: np.ndarray
    source: str
    sheet: str | None = None
    encoding: str | None = None
    skipped: tuple[Skipped, ...] = field(default=())

    def position(self, i: int, header: str | None = None) -> Position:
        """The frame's ``i``-th row (0-based) as a spreadsheet position."""
        return Position(row=int(self.rows[i]), header=header)


def is_total_label(value: object) -> bool:
    """合计, 总计, 小计, Total, Grand total … (any case, spaces and colons ignored)."""
    if not isinstance(value, str):
        return False
    return _TOTAL_NOISE.sub("", unicodedata.normalize("NFKC", value)).casefold() in _TOTALS


def unique_headers(headers: Sequence[object]) -> list[str]:
    """Headers as text, blanks named by position and repeats suffixed, so each names one column."""
    out: list[str] = []
    for i, h in enumerate(headers):
        text = unicodedata.normalize("NFKC", str(h)).strip() if h is not None else ""
        name = text or f"column {i + 1}"
        base, n = name, 2
        while name in out:
            name, n = f"{base} ({n})", n + 1
        out.append(name)
    return out


HeaderTest = Callable[[Sequence[object]], bool]


def _header_at(rows: Sequence[Sequence[object]], is_header: HeaderTest | None) -> int | None:
    """The header row among the top rows: the first ``is_header`` accepts, else the first non-blank."""
    filled = [i for i, r in enumerate(rows) if any(v is not None and str(v).strip() for v in r)]
    if is_header is not None:
        for i in filled[:HEADER_LOOK]:
            if is_header(rows[i]):
                return i
    return filled[0] if filled else None


def _may_hold_total(values: pd.Series) -> bool:
    """False when one pass in C over a column of texts shows that no cell can read as a total (no 计, no "total")."""
    try:
        joined = "\x00".join(values.to_numpy(dtype=object))  # texts without a blank: no NA mask, no copy
    except TypeError:  # blanks or numbers among them
        text = values.dropna()
        if pd.api.types.infer_dtype(text) != "string":
            return True
        joined = "\x00".join(text.to_numpy(dtype=object))
    if joined.isascii():  # ASCII is its own NFKC form and casefolds as lower()
        return ("t" in joined or "T" in joined) and "total" in joined.lower()  # memchr first: codes of digits
    folded = unicodedata.normalize("NFKC", joined).casefold()
    return "计" in folded or "total" in folded


def drop_totals(
    frame: pd.DataFrame, rows: np.ndarray, labels: Sequence[object] | None = None
) -> tuple[pd.DataFrame, np.ndarray, tuple[Skipped, ...]]:
    """``frame`` without its totals rows (a cell reading 合计 / Total …), and those rows as :class:`Skipped`.

    Looks in the first column and the ``labels`` columns (default: every text
    column), at each column's distinct values, not at every cell.
    """
    hit = np.zeros(len(frame), dtype=bool)
    names = list(frame.columns)
    look = names if labels is None else list(dict.fromkeys([*names[:1], *labels]))
    for col in look:
        values = frame[col]
        if values.dtype.kind in "biufcmM":
            continue
        if isinstance(values.dtype, pd.CategoricalDtype):  # each distinct text once
            marks = np.array([is_total_label(c) for c in values.cat.categories] + [False], dtype=bool)
            hit |= marks[values.cat.codes.to_numpy()]
            continue
        if not _may_hold_total(values):
            continue
        codes, uniques = pd.factorize(values)
        marks = np.array([is_total_label(u) for u in uniques] + [False], dtype=bool)
        hit |= marks[codes]
    skipped = tuple(
        Skipped(int(rows[i]), "合计行，未作为数据读取", "a totals row: not read as data") for i in np.flatnonzero(hit)
    )
    if hit.any():
        frame, rows = frame[~hit].reset_index(drop=True), rows[~hit]
    return frame, rows, skipped


def _finish(
    frame: pd.DataFrame,
    rows: np.ndarray,
    source: str,
    sheet: str | None,
    encoding: str | None,
    labels: Sequence[str] | None,
) -> Table:
    frame, rows, skipped = drop_totals(frame, rows, labels)
    return Table(frame, rows, source, sheet, encoding, skipped)


def _blank_run_rows(rows: Iterable[tuple[object, ...]]) -> Generator[tuple[object, ...], None, None]:
    """``rows`` until a run of :data:`BLANK_RUN` blank rows (blank rows inside the data are kept)."""
    blank_run = 0
    pending: list[tuple[object, ...]] = []
    for row in rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            blank_run += 1
            if blank_run >= BLANK_RUN:
                return
            pending.append(row)
            continue
        blank_run = 0
        yield from pending  # blank rows inside the data keep the row numbers right
        pending.clear()
        yield row


def _sheet_rows(ws: Any, min_row: int, max_col: int) -> Generator[tuple[object, ...], None, None]:
    """Rows of a read-only openpyxl sheet from ``min_row``, ``max_col`` wide, until a run of blank rows."""
    yield from _blank_run_rows(tuple(r) for r in ws.iter_rows(min_row=min_row, max_col=max_col, values_only=True))


TextColumns = Callable[[Sequence[str]], Sequence[str]]


def _sheet_title(names: Sequence[str], sheet: str | int | None, role: str, p: Path) -> str:
    if isinstance(sheet, int) and not 0 <= sheet < len(names):
        raise _fail(role, p, f"工作簿只有 {len(names)} 个工作表", f"the workbook has only {len(names)} sheets")
    if isinstance(sheet, str) and sheet not in names:
        raise _fail(
            role, p, f"工作簿中没有 “{sheet}” 工作表（有：{', '.join(names)}）",
            f"no sheet '{sheet}' in the workbook (it has: {', '.join(names)})",
        )  # fmt: skip
    return names[sheet] if isinstance(sheet, int) else sheet or names[0]


def _header_width(
    head: Sequence[Sequence[object]], is_header: HeaderTest | None, title: str, role: str, p: Path
) -> tuple[int, list[object], int]:
    """The header row's index among ``head``, its cells without the blank ones on the right, and the table's width."""
    at = _header_at(head, is_header)
    if at is None:
        raise _fail(role, p, f"工作表 “{title}” 是空的", f"the sheet '{title}' is empty")
    header = list(head[at])
    while header and (header[-1] is None or not str(header[-1]).strip()):
        header.pop()
    return at, header, max(1, len(header))


def _sheet_table(
    p: Path, title: str, at: int, header: list[object], width: int, body: list[tuple[object, ...]],
    text_columns: TextColumns | None,
) -> Table:  # fmt: skip
    frame = pd.DataFrame(body, columns=unique_headers(header + [None] * (width - len(header))), dtype=object)
    rows = np.arange(at + 2, at + 2 + len(frame), dtype=np.int64)
    return _finish(frame, rows, p.name, title, None, text_columns(list(frame.columns)) if text_columns else None)


def _read_xlsx(
    p: Path, sheet: str | int | None, is_header: HeaderTest | None, text_columns: TextColumns | None, role: str
) -> Table:
    """A checked .xlsx/.xlsm: through python-calamine when it reads this sheet as openpyxl does, else openpyxl."""
    check_workbook(p, role)  # first: calamine never sees a file the checks refuse
    read = calamine_sheet(p, lambda names: _sheet_title(names, sheet, role, p)) if USE_CALAMINE else None
    if read is None:
        return _read_openpyxl(p, sheet, is_header, text_columns, role)
    title, cells = read
    try:
        head = list(islice(_blank_run_rows(calamine_rows(cells, MAX_COLUMNS)), HEADER_LOOK))
        at, header, width = _header_width(head, is_header, title, role, p)
        body = list(_blank_run_rows(calamine_rows(cells[at + 1 :], width)))
    except Differs:
        return _read_openpyxl(p, sheet, is_header, text_columns, role)
    return _sheet_table(p, title, at, header, width, body, text_columns)


def _read_openpyxl(
    p: Path, sheet: str | int | None, is_header: HeaderTest | None, text_columns: TextColumns | None, role: str
) -> Table:
    wb = open_workbook(p, role)
    try:
        title = _sheet_title(wb.sheetnames, sheet, role, p)
        ws = wb[title]
        ws.reset_dimensions()  # the declared dimension is not trusted: read the cells that are there
        try:
            top = _sheet_rows(ws, 1, MAX_COLUMNS)
            head = [row for _, row in zip(range(HEADER_LOOK), top, strict=False)]
            top.close()  # ends openpyxl's parse of the sheet
            at, header, width = _header_width(head, is_header, title, role, p)
            body = list(_sheet_rows(ws, at + 2, width))
        except KamError:
            raise
        except Exception as exc:
            raise read_error(exc, role, p) from None
    finally:
        wb.close()
    return _sheet_table(p, title, at, header, width, body, text_columns)


def _read_calamine(
    p: Path, sheet: str | int | None, is_header: HeaderTest | None, text_columns: TextColumns | None, role: str
) -> Table:
    """An old .xls (or .ods) through python-calamine."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        check_workbook(p, role)  # raises the message that says how to read or convert it
        raise
    extent = xls_extent(p)  # None for an .ods (a zip), which is not a compound file
    if extent is not None and extent[0] * extent[1] > CALAMINE_CELLS:
        # calamine builds each sheet from A1 to its farthest cell at once: a far cell would take all memory
        far_rows, far_cols = extent
        raise _fail(
            role, p, f"工作表的单元格延伸到第 {far_rows:,} 行、第 {far_cols:,} 列（超过 {CALAMINE_CELLS:,} 个单元格），无法安全读取："
            "请在 Excel 中删除远处的单元格，或另存为 .xlsx",
            f"a sheet reaches row {far_rows:,}, column {far_cols:,} (over {CALAMINE_CELLS:,} cells) and cannot be read "
            "safely: delete the far cells in Excel, or save the file as .xlsx",
        )  # fmt: skip
    try:
        wb = CalamineWorkbook.from_path(str(p))
        names = wb.sheet_names
        title = names[sheet] if isinstance(sheet, int) and 0 <= sheet < len(names) else sheet or names[0]
        if title not in names:
            raise _fail(role, p, f"工作簿中没有 “{title}” 工作表", f"no sheet '{title}' in the workbook")
        cells = wb.get_sheet_by_name(title).to_python(skip_empty_area=False)
    except KamError:
        raise
    except Exception as exc:
        raise _fail(role, p, f"无法读取工作簿：{exc}", f"cannot read the workbook: {exc}") from None
    rows_ = [tuple(None if v == "" else v for v in r[:MAX_COLUMNS]) for r in cells]
    at = _header_at(rows_[:HEADER_LOOK], is_header)
    if at is None:
        raise _fail(role, p, f"工作表 “{title}” 是空的", f"the sheet '{title}' is empty")
    header = list(rows_[at])
    while header and header[-1] is None:
        header.pop()
    width = max(1, len(header))
    body = [tuple(r[:width]) + (None,) * (width - len(r[:width])) for r in rows_[at + 1 :]]
    frame = pd.DataFrame(body, columns=unique_headers(header + [None] * (width - len(header))), dtype=object)
    rows = np.arange(at + 2, at + 2 + len(frame), dtype=np.int64)
    return _finish(frame, rows, p.name, str(title), None, text_columns(list(frame.columns)) if text_columns else None)


def _delimiter(line: str, suffix: str) -> str:
    if suffix == ".tsv" or ("\t" in line and line.count("\t") >= line.count(",")):
        return "\t"
    counts = {d: line.count(d) for d in ",;|"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(
    p: Path,
    is_header: HeaderTest | None,
    text_columns: TextColumns | None,
    keep: TextColumns | None,
    repeated: TextColumns | None,
    role: str,
) -> Table:
    data, text, encoding = _load_text(p, role, head_only=True)
    lines = text[:_TEXT_HEAD].splitlines()[: HEADER_LOOK + 1]
    sep = _delimiter(next((x for x in lines if x.strip()), ""), p.suffix.lower())
    head = list(csv.reader(lines, delimiter=sep))
    at = _header_at(head, is_header)
    if at is None:
        raise _fail(role, p, "文件是空的", "the file is empty")
    headers = unique_headers(head[at])
    as_text = list(text_columns(headers)) if text_columns is not None else headers
    wanted = list(keep(headers)) if keep is not None else headers
    few = set(repeated(headers)) if repeated is not None else set()
    # a column of a few distinct texts (accounts, dates) is read as categories: pandas builds them in C
    # as it parses, and each distinct value is then looked at once, not once per row
    dtypes = {h: "category" if h in few else str for h in as_text}
    # UTF-8 goes to pandas as bytes: its C reader decodes them (a text buffer would be re-encoded in chunks);
    # an ASCII file by its path, which pandas reads faster than it reads our copy of the bytes.
    # The header row is named as pandas' header (replaced by ``names``): skipping it with ``skiprows``
    # instead is a quarter slower for a million rows, and refuses a header wider than every data row
    # (stray commas after the last heading).
    source: Path | io.IOBase = (
        p if data is None else io.BytesIO(data) if encoding.startswith("utf-8") else io.StringIO(text)
    )
    try:
        frame = pd.read_csv(
            source, sep=sep, header=at, names=headers, usecols=wanted or None, index_col=False,
            encoding=encoding if encoding.startswith("utf-8") else None, dtype=dtypes,
            keep_default_na=False, na_values=[""], skip_blank_lines=False,
        )  # fmt: skip
    except (pd.errors.ParserError, ValueError) as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = int(line.group(1)) + at + 1 if line else None
        raise _fail(role, p, f"无法读取 CSV：{exc}", f"cannot read the CSV: {exc}", where) from None
    rows = np.arange(at + 2, at + 2 + len(frame), dtype=np.int64)
    return _finish(frame, rows, p.name, None, encoding, as_text if text_columns else None)


def read_table(
    path: str | os.PathLike[str],
    *,
    sheet: str | int | None = None,
    is_header: HeaderTest | None = None,
    text_columns: TextColumns | None = None,
    keep: TextColumns | None = None,
    repeated: TextColumns | None = None,
    role: str = "file",
) -> Table:
    """The table in a CSV/TSV/TXT, XLSX/XLSM or XLS/ODS file, under its header row.

    ``is_header`` picks the header among the top rows (a title block may sit
    above it); ``text_columns`` names, from the headers, the columns that hold
    labels: a CSV keeps them as text (identifiers such as ``0000611365``; every
    other CSV column gets pandas' number reading, far faster than text) and
    totals rows are looked for in them (default: every column); ``keep`` names
    the columns a CSV needs read at all (default: every column), ``repeated``
    the text columns holding few distinct values (read as categories: much
    faster for a million rows). ``role`` names the file in errors
    (``"ledger"``, ``"table"``).
    """
    p = Path(path)
    if not p.is_file():
        raise _fail(role, p, f"找不到文件 {p}", f"no such file: {p}")
    kind = file_kind(p)
    if kind in ("xls", "ods"):
        return _read_calamine(p, sheet, is_header, text_columns, role)
    if kind in ("xlsx", "encrypted", "damaged", "zip", "ole"):
        return _read_xlsx(p, sheet, is_header, text_columns, role)  # check_workbook says what is wrong with the others
    if kind == "text":  # by its content: a CSV saved as .txt (or misnamed) is still read
        return _read_csv(p, is_header, text_columns, keep, repeated, role)
    zh, en = _looks(kind)
    raise _fail(
        role, p, f"无法读取：既不是 Excel 工作簿也不是 CSV（看起来是{zh}）",
        f"cannot read it: neither an Excel workbook nor a CSV (it looks like {en})",
    )  # fmt: skip
