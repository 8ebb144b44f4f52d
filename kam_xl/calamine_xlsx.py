"""A sheet of an .xlsx read through python-calamine, cell for cell as openpyxl reads it — or not at all.

python-calamine reads a sheet ~15x faster than openpyxl, but not always as openpyxl does; the
sheet's XML is scanned (plain byte searches) for what it would read differently, and such a
file is read through openpyxl instead:
- it builds the sheet as one block from A1 to the farthest cell: a small file with a cell at
  XFD1048576 would ask for terabytes and abort the process (not an exception) — the farthest
  cell references are found first, and a block over CALAMINE_CELLS goes to openpyxl;
- it reads an error cell (#N/A) as blank: error cells are taken from the XML;
- its date formats are not openpyxl's (it reads the CJK built-in formats 27-36 and 50-58 as
  dates, openpyxl as numbers): the cells openpyxl reads as dates are converted from the XML with
  openpyxl's own function, and a date calamine finds elsewhere sends the file to openpyxl;
- it returns every number as a float: whole numbers become ints, as openpyxl reads "1200" (a
  whole number written "12.0" or "1E+3", which openpyxl reads as a float, sends it to openpyxl);
- it decodes _x000D_ escapes and keeps a raw carriage return, which openpyxl does not, and reads an
  empty text as a blank, which openpyxl reads as "".

The file is checked by :func:`kam_xl.reading.check_workbook` before it gets here;
:func:`kam_xl.reading.read_table` falls back to openpyxl on None or :class:`Differs`.

An old binary .xls has no openpyxl to fall back on, and calamine builds every sheet of it as one
block too: :func:`xls_extent` reads the farthest row and column any sheet reaches (its DIMENSIONS
records and every cell record's position, from the compound file's workbook stream, building
nothing) so that :mod:`kam_xl.reading` can refuse a far cell before calamine opens the file.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from kam_xl.errors import KamError

__all__ = ["CALAMINE_CELLS", "Differs", "calamine_rows", "calamine_sheet", "xls_extent"]

CALAMINE_CELLS = 10_000_000  # cells (from A1) of a sheet read through calamine; a bigger one streams through openpyxl
_FAR_REF = re.compile(
    rb' r="(?=[A-Z]{0,3}\d{6}|[B-Z][A-Z]\d|[A-Z]{3})([A-Z]{0,3})(\d+)"'
)  # row ≥ 100000 or column ≥ BA
_REF = re.compile(rb' r="([A-Z]{1,3})(\d{1,7})"')
_REF_ROW = re.compile(rb' r="[A-Z]{0,3}(\d+)"')
_TYPE = re.compile(rb' t="(\w+)"')
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")
_FLOAT_WHOLE = re.compile(rb"\.0*</v>")


class Differs(Exception):
    """python-calamine would not read this sheet cell for cell as openpyxl does."""


@dataclass(frozen=True)
class _Set:
    """A cell's value as openpyxl reads it, taken from the sheet's XML in place of calamine's."""

    value: object


def _cell(v: object) -> object:
    kind = type(v)
    if kind is float:
        f = cast(float, v)  # type(v) is float, not isinstance: faster per cell, and bool is no float anyway
        if not f.is_integer():
            return f
        if -1e15 < f < 1e15:
            return int(f)
        raise Differs  # a whole number past 15 digits: written "1E+15" or in full, openpyxl's type depends on which
    if kind is str:
        return v or None
    if kind is bool or kind is int:
        return v
    if kind is _Set:
        return cast(_Set, v).value
    raise Differs  # a date or time where openpyxl reads a number: the two disagree on a number format


def calamine_rows(cells: Sequence[list[object]], width: int) -> Generator[tuple[object, ...], None, None]:
    for r in cells:
        row = tuple(map(_cell, r[:width]))
        yield row + (None,) * (width - len(row)) if len(row) < width else row


def _tag_cells(data: bytes, needle: bytes) -> Generator[tuple[int, int, bytes, str | None], None, None]:
    """(row, column, type, <v> text) of each cell whose start tag holds ``needle``, 0-based."""
    from openpyxl.utils.cell import column_index_from_string

    at = data.find(needle)
    while at >= 0:
        start, end = data.rfind(b"<", 0, at), data.find(b">", at)
        tag = data[start:end]
        at = data.find(needle, end)
        if tag.startswith(b"<row "):
            continue
        ref = _REF.search(tag)
        if not tag.startswith(b"<c ") or ref is None:
            raise Differs
        kind = _TYPE.search(tag)
        text = None
        if not tag.endswith(b"/"):
            close = data.find(b"</c>", end)
            v = data.find(b"<v>", end, close)
            if v >= 0:
                text = data[v + 3 : data.find(b"</v>", v, close)].decode("utf-8")
        yield (
            int(ref.group(2)) - 1,
            column_index_from_string(ref.group(1).decode()) - 1,
            kind.group(1) if kind else b"n",
            text,
        )


def _sheet_part(z: zipfile.ZipFile, title: str) -> tuple[str, bool]:
    """The zip part holding the sheet ``title``, and whether the workbook counts dates from 1904."""
    from xml.etree import ElementTree as ET  # the parts were checked for DTDs by check_workbook

    book = ET.fromstring(z.read("xl/workbook.xml"))
    ns = book.tag[: book.tag.index("}") + 1] if book.tag.startswith("{") else ""
    props = book.find(f"{ns}workbookPr")
    date1904 = props is not None and props.get("date1904", "").lower() in ("1", "true")
    rid = next((s.get(_REL_ID) for s in book.iter(f"{ns}sheet") if s.get("name") == title), None)
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels if r.get("Id") == rid), None)
    if rid is None or target is None:
        raise Differs
    return (target[1:] if target.startswith("/") else posixpath.normpath("xl/" + target)), date1904


_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_fixes(z: zipfile.ZipFile, part: str, date1904: bool) -> dict[tuple[int, int], _Set]:
    """The cells calamine reads differently, with openpyxl's values; raises :class:`Differs` when it cannot tell."""
    from openpyxl.styles.stylesheet import Stylesheet
    from openpyxl.utils.cell import column_index_from_string
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel
    from openpyxl.xml.functions import fromstring

    names = set(z.namelist())
    data = z.read(part)
    strings = b"".join(z.read(n) for n in sorted(names) if "sharedstrings" in n.lower())  # wherever the rels put it
    # every cell and row tag with one r="…" (as every writer does): then the scans below see every reference
    plain = data.count(b"<c ") + data.count(b"<row ") == data.count(b' r="') == data.count(b" r=")
    # and no attribute in single quotes, white space around "=", tab or line break (a text with one: inline)
    odd = (b"='", b" =", b"\t", b"<v ", b't="d"', b"E+", b"e+")
    if not plain or any(s in data for s in odd) or data.find(b"\n", 100) >= 0 or _FLOAT_WHOLE.search(data):
        raise Differs
    for text in (data, strings):  # escapes and raw carriage returns; an empty text, which openpyxl reads as ""
        if _ESCAPE.search(text) or text.find(b"\r", 100) >= 0 or any(s in text for s in (b"<rPh", b"<t/>", b"></t>")):
            raise Differs
    rows, cols = 0, 52  # 52: no reference reaches column BA
    for m in _FAR_REF.finditer(data):
        rows = max(rows, int(m.group(2)))
        cols = max(cols, column_index_from_string(m.group(1).decode()) if m.group(1) else 0)
    if rows < 100_000:  # no reference reaches row 100000: the sheet is at most 99,999 rows …
        rows = 99_999
        if rows * cols > CALAMINE_CELLS:  # … which is too many for a wide one: its farthest row, from every reference
            rows = max(map(int, _REF_ROW.findall(data)), default=0)
    if rows * cols > CALAMINE_CELLS:
        raise Differs
    fixes: dict[tuple[int, int], _Set] = {}
    for r, c, kind, value in _tag_cells(data, b' t="e"'):
        if kind == b"e" and value is not None:
            fixes[r, c] = _Set(value)
    if "xl/styles.xml" not in names:
        raise Differs
    # the stubs type from_tree for lxml elements only; openpyxl parses with whichever it has
    styles: Any = cast(Any, Stylesheet).from_tree(fromstring(z.read("xl/styles.xml")))
    if 0 in styles.date_formats:
        raise Differs  # cells without a style attribute are dates: not found by the scan
    epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
    for style in styles.date_formats:
        for r, c, kind, value in _tag_cells(data, b' s="%d"' % style):
            if kind != b"n" or not value:
                continue
            number = float(value) if "." in value or "e" in value or "E" in value else int(value)
            try:
                date_: object = from_excel(number, epoch, timedelta=style in styles.timedelta_formats)
            except (OverflowError, ValueError):
                date_ = "#VALUE!"  # as openpyxl reads a date cell out of range
            fixes[r, c] = _Set(date_)
    return fixes


def calamine_sheet(p: Path, sheet_title: Callable[[Sequence[str]], str]) -> tuple[str, list[list[object]]] | None:
    """The sheet's title and cells read through python-calamine, openpyxl's values in place; None to read it
    through openpyxl (python-calamine missing, or a sheet it would read differently)."""
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum
    except ImportError:
        return None
    try:
        with CalamineWorkbook.from_path(str(p)) as wb:
            if any(m.typ != SheetTypeEnum.WorkSheet for m in wb.sheets_metadata):
                return None  # a chart sheet: openpyxl lists it among the sheets
            title = sheet_title(wb.sheet_names)  # the caller's rule (and message) for the sheet asked for
            with zipfile.ZipFile(p) as z:
                part, date1904 = _sheet_part(z, title)
                fixes = _sheet_fixes(z, part, date1904)
            cells = cast(list[list[object]], wb.get_sheet_by_name(title).to_python(skip_empty_area=False))
    except KamError:
        raise
    except Exception:  # Differs, or anything calamine or the scan meets: openpyxl says what is wrong, if anything
        return None
    for (r, c), value in fixes.items():
        while len(cells) <= r:
            cells.append([])
        row = cells[r]
        row.extend([""] * (c + 1 - len(row)))
        row[c] = value
    return title, cells


# ---------------------------------------------------------------- old .xls: how far its sheets reach

_END = 0xFFFFFFFE  # end of a sector chain in a compound file
# BIFF records that start with a cell's row and column (u16 each), BIFF2 to BIFF8: FORMULA (three
# versions), NUMBER, LABEL, LABELSST, RK, BLANK, BOOLERR, RSTRING, and BIFF2's INTEGER, NUMBER, LABEL, BOOLERR
_CELL_RECORDS = frozenset({0x0006, 0x0206, 0x0406, 0x0203, 0x0204, 0x00FD, 0x027E, 0x0201, 0x0205, 0x00D6,
                           0x0001, 0x0002, 0x0003, 0x0004, 0x0005})  # fmt: skip
_ROW_SPANS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first column … last column (the record's last u16)
_DIMENSIONS = 0x0200  # calamine reserves room for the block it states, before reading a cell
_BOF = frozenset({0x0809, 0x0409, 0x0209, 0x0009})


def _chain(fat: Sequence[int], start: int, limit: int) -> list[int]:
    """The sectors of a chain from ``start`` (a loop or a sector out of the table ends it)."""
    out: list[int] = []
    while start < len(fat) and len(out) < limit:
        out.append(start)
        start = fat[start]
    return out


def _workbook_stream(data: bytes) -> bytes | None:
    """The ``Workbook`` (BIFF8) or ``Book`` (BIFF5) stream of a compound file; None if there is none."""
    if len(data) < 512 or not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return None
    size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
    n_fat, first_dir, cutoff, first_mini, _, first_difat, n_difat = struct.unpack_from("<7I", data, 0x2C)
    if size not in (512, 4096) or mini_size > size:
        return None
    count = (len(data) - 512) // size + 1

    def sector(i: int) -> bytes:  # sector i follows the header, which takes one sector's room
        return data[(i + 1) * size : (i + 2) * size]

    fat_sectors = [x for x in struct.unpack_from("<109I", data, 0x4C) if x < count]
    at = first_difat
    for _ in range(min(n_difat, count)):  # the DIFAT continues in sectors of its own
        if at >= count:
            break
        block = struct.unpack(f"<{size // 4}I", sector(at))
        fat_sectors += [x for x in block[:-1] if x < count]
        at = block[-1]
    fat = [x for i in fat_sectors[: max(n_fat, len(fat_sectors))] for x in struct.unpack(f"<{size // 4}I", sector(i))]

    def read(start: int, length: int) -> bytes:
        return b"".join(sector(i) for i in _chain(fat, start, count))[:length]

    directory = read(first_dir, count * size)
    entries = [directory[k : k + 128] for k in range(0, len(directory) - 127, 128)]
    if not entries:
        return None
    for entry in entries:
        name_len = struct.unpack_from("<H", entry, 0x40)[0]
        name = entry[: max(0, name_len - 2)].decode("utf-16-le", errors="replace")
        if entry[0x42] != 2 or name not in ("Workbook", "Book"):
            continue
        start, length = struct.unpack_from("<II", entry, 0x74)
        if length >= cutoff:
            return read(start, length)
        root_start, root_length = struct.unpack_from("<II", entries[0], 0x74)  # the mini stream
        mini = read(root_start, root_length)
        minifat = [x for i in _chain(fat, first_mini, count) for x in struct.unpack(f"<{size // 4}I", sector(i))]
        blocks = _chain(minifat, start, len(mini) // mini_size + 1)
        return b"".join(mini[i * mini_size : (i + 1) * mini_size] for i in blocks)[:length]
    return None


def xls_extent(path: Path) -> tuple[int, int] | None:
    """The rows and columns (from A1) of the largest block python-calamine would build for a sheet of
    an old .xls: the farthest cell each sheet's DIMENSIONS record states and each cell record holds;
    None if the file has no workbook stream this reader finds (calamine then says what is wrong)."""
    stream = _workbook_stream(path.read_bytes())
    if stream is None:
        return None
    best, rows, cols = (0, 0), 0, 0
    at, end = 0, len(stream) - 4
    while at <= end:
        kind, length = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4 : at + 4 + length]
        at += 4 + length
        if kind in _BOF:  # a new sheet's records begin
            rows = cols = 0
        elif kind in _CELL_RECORDS and len(body) >= 4:
            r, c = struct.unpack_from("<HH", body)
            rows, cols = max(rows, r + 1), max(cols, c + 1)
        elif kind in _ROW_SPANS and len(body) >= 6:
            r, c = struct.unpack_from("<H", body)[0], struct.unpack_from("<H", body, len(body) - 2)[0]
            rows, cols = max(rows, r + 1), max(cols, c + 1)
        elif kind == _DIMENSIONS and len(body) >= 10:  # BIFF8: u32 rows, u16 columns; before: u16 each
            last_row, last_col = (
                struct.unpack_from("<4xI2xH", body) if len(body) >= 14 else struct.unpack_from("<2xH2xH", body)
            )
            rows, cols = max(rows, last_row), max(cols, last_col)
        if rows * cols > best[0] * best[1]:
            best = (rows, cols)
    return best
