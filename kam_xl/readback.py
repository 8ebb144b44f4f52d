"""A workbook read back in one pass: every sheet's cached values, errors, formulas and figure-styled cells.

``kam-xl check`` and ``kam-xl rollup`` need, for each sheet, what openpyxl reads twice (once with
``data_only`` for the cached values, once more for the formulas and each cell's fill): reading a plan
that way took ~0.24 s, most of it openpyxl building a cell object per cell, twice. Here each sheet's XML
is parsed once (the C parser behind :mod:`xml.etree.ElementTree`, a row at a time, so a long sheet never
sits in memory whole) and each cell is read as openpyxl's reader reads it — the same number casting
(``"6.0"`` a float, ``"8"`` an int), dates by the same number-format test and epoch, shared strings,
inline strings and rich text joined, ``t="str"`` and ``t="b"`` — so :class:`Grid` is what the two
openpyxl passes give, cell for cell (``tests/test_readback.py`` compares them on every kind, generated
and edited).

The file passes :func:`kam_xl.reading.check_workbook` first — not a zip, truncated, encrypted, a zip bomb,
a DTD or entity declaration in any part (so the parser never meets one) — and anything the parser
then refuses becomes :func:`kam_xl.reading.read_error`'s one line. The declared dimension is never read:
only the cells that are there are kept (a stray cell at XFD1048576 is one dict entry).
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from kam_xl.errors import KamError
from kam_xl.reading import check_workbook, read_error
from kam_xl.workbooks.book import FORMULA_FILL_COLOR

__all__ = ["Grid", "read_grids"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ROW, _C, _V, _F, _IS, _T, _R = (f"{_MAIN}{t}" for t in ("row", "c", "v", "f", "is", "t", "r"))
_SI, _SHEET_DATA = f"{_MAIN}si", f"{_MAIN}sheetData"
_WORKSHEET_REL = "/worksheet"  # a relationship type ending so (not a chartsheet's)
_SCAN_MAX = 256 << 20  # bytes of sheet XML scanned in memory; a bigger part is parsed a row at a time
# the scanned shape: unprefixed SpreadsheetML as Excel, LibreOffice, openpyxl and kam_xl write it
# one cell with its attributes in the order every writer above uses, its formula, cached value or inline string
_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="([0-9]*)")?(?: t="([a-zA-Z]+)")?\s*'
    rb"(?:/>|>(?:(<f\b)[^>]*?(?:/>|>[^<]*</f>))?(?:<v>([^<]*)</v>|<v/>)?(<is>.*?</is>|<is/>)?</c>)",
    re.S,
)
_ANY_CELL = re.compile(rb"<c[\s/>]")
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.S)
_STRING_T = re.compile(rb"<t(?:\s[^>]*)?(?:/>|>(.*?)</t>)", re.S)
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);")
_CAST = frozenset({"n", "s", "b", "d"})  # types whose <v> text is converted ("str", "e" and inline strings are text)
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


@dataclass
class Grid:
    """One sheet as the file holds it: cached values, errors, formulas and figure-styled cells, by (row, column).

    ``values``: each cell's cached value (not errors, not blanks) as openpyxl reads it with ``data_only``;
    ``errors``: the cells whose cached value is an Excel error (``#REF!``), by its text;
    ``formulas``: the cells holding a formula (or a text starting with ``=``, as openpyxl reads one);
    ``styled``: the cells in the figure style (:data:`~kam_xl.workbooks.book.FORMULA_FILL_COLOR`) that
    hold no formula, and what they hold instead (None for a cleared cell).
    """

    values: dict[tuple[int, int], object]
    errors: dict[tuple[int, int], str]
    formulas: set[tuple[int, int]]
    styled: dict[tuple[int, int], object]


@dataclass(frozen=True)
class _Styles:
    dates: frozenset[int]  # cell-style indexes whose number format is a date (openpyxl's test)
    durations: frozenset[int]  # … a duration ([h]:mm)
    figure: frozenset[int]  # … whose fill is the figure style's


def _styles(z: zipfile.ZipFile, part: str | None) -> _Styles:
    if part is None or part not in z.NameToInfo:
        return _Styles(frozenset(), frozenset(), frozenset())
    root = ET.fromstring(z.read(part))
    custom = {int(n.get("numFmtId", "-1")): n.get("formatCode", "") for n in root.iter(f"{_MAIN}numFmt")}
    figure_fills = set()
    fills = root.find(f"{_MAIN}fills")
    for k, fill in enumerate(fills if fills is not None else ()):
        fg = fill.find(f"{_MAIN}patternFill/{_MAIN}fgColor")
        rgb = fg.get("rgb") if fg is not None else None
        if rgb and rgb[-6:].upper() == FORMULA_FILL_COLOR:
            figure_fills.add(k)
    dates, durations, figure = set(), set(), set()
    xfs = root.find(f"{_MAIN}cellXfs")
    for k, xf in enumerate(xfs if xfs is not None else ()):
        num = int(xf.get("numFmtId", "0"))
        fmt = custom[num] if num in custom else BUILTIN_FORMATS.get(num)
        if fmt is not None and is_date_format(fmt):
            dates.add(k)
        if fmt is not None and is_timedelta_format(fmt):
            durations.add(k)
        if int(xf.get("fillId", "0")) in figure_fills:
            figure.add(k)
    return _Styles(frozenset(dates), frozenset(durations), frozenset(figure))


def _text(node: ET.Element) -> str:
    """A string item's text as openpyxl's ``Text.content`` joins it: its ``<t>``, then each run's."""
    plain = node.find(_T)
    parts = [plain.text or ""] if plain is not None else []
    parts += [t.text or "" for r in node.findall(_R) if (t := r.find(_T)) is not None]
    return "".join(parts)


def _shared(z: zipfile.ZipFile, part: str | None) -> list[str]:
    if part is None or part not in z.NameToInfo:
        return []
    with z.open(part) as fh:
        out = []
        for _, node in ET.iterparse(fh):
            if node.tag == _SI:
                out.append(_text(node).replace("x005F_", ""))  # as openpyxl's read_string_table
                node.clear()
    return out


def _parts(z: zipfile.ZipFile) -> tuple[list[tuple[str, str]], str | None, str | None, datetime]:
    """The worksheets (title, part) in workbook order, the shared-strings and styles parts, the date epoch."""

    def target(base: str, to: str) -> str:
        return to.lstrip("/") if to.startswith("/") else posixpath.normpath(posixpath.join(base, to))

    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels")) if "xl/_rels/workbook.xml.rels" in z.NameToInfo else None
    by_id: dict[str, tuple[str, str]] = {}
    for rel in rels.iter(f"{_PKG}Relationship") if rels is not None else ():
        by_id[rel.get("Id", "")] = (rel.get("Type", ""), target("xl", rel.get("Target", "")))
    sheets = []
    for s in wb.iter(f"{_MAIN}sheet"):
        kind, part = by_id.get(s.get(f"{_REL}id", ""), ("", ""))
        if kind.endswith(_WORKSHEET_REL):
            sheets.append((s.get("name", ""), part))
    shared = next((p for k, p in by_id.values() if k.endswith("/sharedStrings")), None)
    styles = next((p for k, p in by_id.values() if k.endswith("/styles")), None)
    pr = wb.find(f"{_MAIN}workbookPr")
    epoch = CALENDAR_MAC_1904 if pr is not None and pr.get("date1904") in ("1", "true") else WINDOWS_EPOCH
    return sheets, shared, styles, epoch


def _rows(fh: IO[bytes]) -> Iterator[ET.Element]:
    """The sheet's ``<row>`` elements, each cleared once read (memory stays one row)."""
    data = None
    for event, node in ET.iterparse(fh, events=("start", "end")):
        if event == "start":
            if node.tag == _SHEET_DATA:
                data = node
            continue
        if node.tag == _ROW:
            yield node
            node.clear()
            if data is not None:
                data.clear()  # the cleared rows themselves, too


_COLUMNS: dict[bytes, int] = {}


def _columns() -> dict[bytes, int]:
    """Column letters → number, A … XFD (made once)."""
    if not _COLUMNS:
        _COLUMNS.update((get_column_letter(i).encode(), i) for i in range(1, 16385))
    return _COLUMNS


class _Unscanned(Exception):
    """This sheet's XML is not in the shape the scanner reads: parse it instead."""


def _entity(m: re.Match[str]) -> str:
    name = m.group(1)
    if name[0] != "#":
        return _NAMED[name]
    return chr(int(name[2:], 16) if name[1] in "xX" else int(name[1:]))


def _xml_text(raw: bytes) -> str:
    """Element text as an XML parser gives it: line ends normalised, the five entities and character references decoded."""
    text = raw.decode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        if "&" in _ENTITY.sub("", text):
            raise _Unscanned  # an entity no parser would accept without a DTD: let the parser say so
        text = _ENTITY.sub(_entity, text)
    return text


class _Cells:
    """The grid being filled: each cell read as openpyxl reads it (see the module doc)."""

    def __init__(self, shared: list[str], st: _Styles, epoch: datetime) -> None:
        self.g = Grid({}, {}, set(), {})
        self.shared, self.st, self.epoch = shared, st, epoch

    def put(self, at: tuple[int, int], t: str, s: int, value: object, formula: bool) -> None:
        """One cell: its type ``t``, style ``s``, raw value (a ``<v>`` text, or an inline string's text)."""
        if value is not None and t in _CAST:
            text = str(value)
            if t == "n":
                value = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
                if s in self.st.dates:
                    try:
                        value = from_excel(value, self.epoch, timedelta=s in self.st.durations)
                    except (OverflowError, ValueError):
                        t, value = "e", "#VALUE!"  # as openpyxl: a date out of range is an error
            elif t == "s":
                value = self.shared[int(text)]
            elif t == "b":
                value = bool(int(text))
            elif t == "d":
                value = from_ISO8601(text)
        g = self.g
        if t == "e":
            g.errors[at] = str(value)
        elif value is not None:
            g.values[at] = value
        if formula or (isinstance(value, str) and value.startswith("=")):
            g.formulas.add(at)
        elif s and s in self.st.figure:
            g.styled[at] = value


def _scan(data: bytes, cells: _Cells) -> Grid:
    """The sheet's cells found by one pattern in its XML (a long sheet several times faster than parsing
    it); a part where any cell has another shape (attributes in another order, a prefix, CDATA …) is left
    to :func:`_parse` — the pattern must account for every ``<c`` of the sheet's data."""
    if b"<worksheet" not in data[:4096] or b"<![CDATA[" in data:
        raise _Unscanned
    start, end = data.find(b"<sheetData"), data.rfind(b"</sheetData>")
    if start < 0:
        raise _Unscanned  # no unprefixed sheet data: a prefixed part, or none
    end = end if end > 0 else len(data)
    column = _columns()
    found = 0
    put, text, st = cells.put, _xml_text, cells.st
    dates, figure = st.dates, st.figure
    values, formulas, styled = cells.g.values, cells.g.formulas, cells.g.styled
    for letters, row, s, t, f, v, inline in _CELL.findall(data, start, end):
        found += 1
        at = (int(row), column[letters])
        style = int(s) if s else 0
        value: object
        # the common cells inline (a number, a formula's text or number, an inline string, a blank), the
        # rest through _Cells.put; both as openpyxl reads them
        if (not t or t == b"n") and style not in dates:
            value = (float(v) if (b"." in v or b"E" in v or b"e" in v) else int(v)) if v else None
        elif t == b"inlineStr" and inline:
            value = "".join(text(x) for x in _STRING_T.findall(_PHONETIC.sub(b"", inline)))
        elif t == b"str":
            value = (v.decode() if (b"&" not in v and b"\r" not in v) else text(v)) or None
        else:
            kind = t.decode() if t else "n"
            raw = None if kind == "inlineStr" or not v else text(v)
            put(at, kind, style, raw, bool(f))
            continue
        if value is not None:
            values[at] = value
        if f or (isinstance(value, str) and value.startswith("=")):
            formulas.add(at)
        elif style and style in figure:
            styled[at] = value
    if found != len(_ANY_CELL.findall(data, start, end)):
        raise _Unscanned
    return cells.g


def _parse(fh: IO[bytes], cells: _Cells) -> Grid:
    """The sheet parsed a row at a time, each cell as openpyxl's reader numbers it (rows and cells without
    a reference follow the one before)."""
    row = 0
    for node in _rows(fh):
        r = node.get("r")
        row = int(r) if r else row + 1
        col = 0
        for c in node.iter(_C):
            ref = c.get("r")
            if ref:
                at = coordinate_to_tuple(ref)
                col = at[1]
            else:
                col += 1
                at = (row, col)
            t = c.get("t", "n")
            s = int(c.get("s", "0") or 0)
            value: object
            if t == "inlineStr":
                child = c.find(_IS)
                value = _text(child) if child is not None else None
                t = "inline" if child is not None else t
            else:
                value = c.findtext(_V) or None
            cells.put(at, t, s, value, c.find(_F) is not None)
    return cells.g


def _sheet(z: zipfile.ZipFile, part: str, shared: list[str], st: _Styles, epoch: datetime, scan: bool) -> Grid:
    if scan and z.getinfo(part).file_size <= _SCAN_MAX:
        try:
            return _scan(z.read(part), _Cells(shared, st, epoch))
        except _Unscanned:
            pass
    with z.open(part) as fh:
        return _parse(fh, _Cells(shared, st, epoch))


def read_grids(path: str | os.PathLike[str], role: str = "workbook", *, scan: bool = True) -> dict[str, Grid]:
    """Every worksheet's :class:`Grid`, by title in workbook order (chartsheets have none); the file is
    only read. A file that is not a safe, readable .xlsx is refused in one line (:class:`~kam_xl.errors.FileError`).
    ``scan=False`` parses every sheet a row at a time, never by pattern (the tests compare the two)."""
    p = Path(path)
    check_workbook(p, role)
    try:
        with zipfile.ZipFile(p) as z:
            sheets, shared_part, styles_part, epoch = _parts(z)
            shared, styles = _shared(z, shared_part), _styles(z, styles_part)
            out: dict[str, Grid] = {}
            for title, part in sheets:
                out[title] = _sheet(z, part, shared, styles, epoch, scan)
            return out
    except KamError:
        raise
    except Exception as exc:  # a damaged part, a bad reference, a value that is not a number
        raise read_error(exc, role, p) from None
