"""Write each formula cell's cached value into a saved .xlsx.

openpyxl writes formulas with an empty ``<v></v>``, so pandas, python-calamine
and viewers that do not recalculate see blanks. After openpyxl has saved the
file, this rewrites each worksheet's XML and fills those values in, leaving
styles, validations, conditional formats, charts and names as openpyxl wrote
them. ``fullCalcOnLoad`` stays on, so Excel still recalculates on open. The
copy is stamped as kam_xl's (:func:`kam_xl.output.manifest_comment`), and a
cached text an Excel cell cannot hold is refused, naming the cell.
"""

from __future__ import annotations

import io
import math
import os
import re
import zipfile
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from openpyxl.utils.cell import coordinate_to_tuple

from kam_xl.errors import Position
from kam_xl.output import EXCEL_TEXT_LIMIT, check_cell_text, manifest_comment, write_temporary

__all__ = ["cached_cell", "fill_cached_values", "write_with_cached_values"]

# What openpyxl writes for a formula cell: <c r="B5" s="3"><f>...</f><v></v></c>
_FORMULA_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?)><f>([^<]*)</f><v\s*(?:/>|></v>)</c>')
_EXCEL_EPOCH = date(1899, 12, 30)


def cached_cell(value: object) -> tuple[str, str]:
    """How a cached value is stored: the cell's ``t`` attribute ("" for a number) and the ``<v>`` text.

    Blank is an empty string (``t="str"``), so a viewer shows an empty cell; the
    ``<v>`` text is not yet XML-escaped.
    """
    if value is None or (isinstance(value, str) and value == ""):
        return "str", ""
    if isinstance(value, bool):
        return "b", str(int(value))
    if isinstance(value, datetime):
        value = (value - datetime(1899, 12, 30)).total_seconds() / 86400
    elif isinstance(value, date):
        value = (value - _EXCEL_EPOCH).days
    if isinstance(value, (int, float)):
        x = float(value)
        if not math.isfinite(x):
            return "e", "#NUM!"
        return "", repr(x) if not x.is_integer() else str(int(x))
    text = str(value)
    if text.startswith("#") and text.endswith(("!", "?", "A")) and " " not in text:
        return "e", text
    return "str", text


def _cell(sheet: str, ref: str, style: str, formula: str, value: object) -> str:
    if isinstance(value, str) and (len(value) > EXCEL_TEXT_LIMIT or not value.isprintable()):
        row, column = coordinate_to_tuple(ref)
        check_cell_text(value, Position(sheet=sheet, row=row, column=column))
    kind, text = cached_cell(value)
    t = f' t="{kind}"' if kind else ""
    return f'<c r="{ref}"{style}{t}><f>{formula}</f><v>{escape(text)}</v></c>'


def _sheet_paths(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → part name inside the zip, read from workbook.xml and its rels."""
    wb = z.read("xl/workbook.xml").decode("utf-8")
    rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = dict(re.findall(r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
    targets |= {i: t for t, i in re.findall(r'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)}
    out = {}
    for attrs in re.findall(r"<sheet ([^>]*)/>", wb):
        name = re.search(r'name="([^"]*)"', attrs)
        rid = re.search(r'r:id="([^"]*)"', attrs)
        if name and rid:
            target = targets[rid.group(1)].lstrip("/")
            out[_unescape(name.group(1))] = target if target.startswith("xl/") else f"xl/{target}"
    return out


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def write_with_cached_values(
    src: str | os.PathLike[str] | IO[bytes], dst: str | os.PathLike[str], values: Mapping[str, Mapping[str, object]]
) -> int:
    """Copy the package ``src`` to ``dst`` with ``values[sheet title][cell]`` filled in; returns how many.

    A formula cell with no entry keeps an empty cache (it shows blank until
    recalculated); a value for a cell that holds no formula is an error in the
    generator, so it raises rather than pass silently.
    """
    filled = 0
    with zipfile.ZipFile(src) as source, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        parts = _sheet_paths(source)
        by_part = {parts[title]: (title, cells) for title, cells in values.items() if cells}
        for item in source.infolist():
            data = source.read(item.filename)
            title, cells = by_part.get(item.filename, ("", {}))
            if cells:
                seen: set[str] = set()

                def sub(
                    m: re.Match[str], title: str = title, cells: Mapping[str, object] = cells, seen: set[str] = seen
                ) -> str:
                    ref = m.group(1)
                    if ref not in cells:
                        return m.group(0)
                    seen.add(ref)
                    return _cell(title, ref, m.group(2), m.group(3), cells[ref])

                data = _FORMULA_CELL.sub(sub, data.decode("utf-8")).encode("utf-8")
                missing = set(cells) - seen
                if missing:
                    raise ValueError(f"cached values for cells without a formula: {sorted(missing)[:5]}")
                filled += len(seen)
            out.writestr(item, data)
        out.comment = manifest_comment(out)
    return filled


def fill_cached_values(path: str | os.PathLike[str], values: Mapping[str, Mapping[str, object]]) -> int:
    """:func:`write_with_cached_values` in place (the file is replaced only once the copy is whole)."""
    original = io.BytesIO(Path(path).read_bytes())
    filled = 0

    def write(tmp: Path) -> None:
        nonlocal filled
        filled = write_with_cached_values(original, tmp, values)

    os.replace(write_temporary(path, write), path)
    return filled
