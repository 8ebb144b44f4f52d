"""The small layout helper every workbook kind builds on.

A :class:`Book` wraps an openpyxl workbook in one language with one model. It
writes three kinds of cell, each with its house style:

- ``label``: headings and captions (bold on a header fill); always text.
- ``input``: what the user fills in — unlocked, pale yellow, data-validated;
  a string from data is written as text even if it starts with ``=``.
- ``formula``: a computed cell — locked, grey, and its cached value (what the
  core computed) recorded so that :meth:`Book.save` writes it into the file.

It also adds the ``Model`` sheet (named parameters + model name, version and
hash) and protects every sheet without a password. Text an Excel cell cannot
hold (over 32,767 characters, or a character XML forbids) is refused with the
cell it was meant for. :meth:`Book.save` writes through :mod:`kam_xl.output`
(temporary file, then rename; never over an existing file unless asked, and a
backup of a replaced workbook holding content kam_xl did not write);
:meth:`Book.write_to` writes the bare file, for a caller's transaction.

A book made with ``write_only=True`` streams its sheets (openpyxl's write-only
mode) for workbooks of tens of thousands of rows: rows are appended in order
with :meth:`Book.append`, each cell a ``(stamp, value)`` pair, where a
:class:`Stamp` (from :meth:`Book.stamp`) is one of the house styles above,
resolved once instead of once per cell. A formula cell's value is the pair
``(formula, cached value)``: the cached value is written with the formula as
the row streams out, so such a book needs no pass over the saved file. It
saves once.
"""

from __future__ import annotations

import io
import os
import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell._writer import write_cell
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kam_xl.errors import KamError, Position
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model
from kam_xl.output import EXCEL_TEXT_LIMIT, OverwriteError, check_cell_text, save_file, stamp_manifest
from kam_xl.workbooks.cached import cached_cell, write_with_cached_values
from kam_xl.workbooks.canvas import Cell as CanvasCell
from kam_xl.workbooks.canvas import Sheet
from kam_xl.workbooks.labels import Text, text
from kam_xl.workbooks.model_sheet import MODEL_SHEET, ModelSheet, write_model_sheet
from kam_xl.xlformulas import common as xlc

__all__ = ["FMT", "SOURCES", "Book", "OverwriteError", "Sheet", "Stamp"]

# Formula cells that show a value computed elsewhere, not a figure of their own.
SOURCES = ("reference", "model", "caption")

FMT = {
    "money": '"¥"#,##0.00',
    "int": "0",
    "number": "0.00",
    "score": "0.0",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "text": "@",
    "general": "General",
}

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_TITLE_FONT = Font(bold=True, size=14, color="1F4E78")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
_FORMULA_FILL = PatternFill("solid", fgColor="F2F2F2")
_WRAP = Alignment(wrap_text=True, vertical="top")
_BOLD = Font(bold=True)
_HINT_FONT = Font(italic=True, color="7F7F7F")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)

# Traffic lights and tier colours (conditional formats).
GREEN = PatternFill("solid", fgColor="C6EFCE", bgColor="C6EFCE")
AMBER = PatternFill("solid", fgColor="FFEB9C", bgColor="FFEB9C")
RED = PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")
BLUE = PatternFill("solid", fgColor="BDD7EE", bgColor="BDD7EE")
LIGHTS = (GREEN, AMBER, RED)


class Stamp(Cell):
    """A reusable styled cell for streamed sheets (see :meth:`Book.stamp`).

    openpyxl looks a styled cell's style up in the workbook's style table on
    every write; a stamp carries its style id instead, and one stamp is
    rewritten for each cell it writes (a streamed row is written out before the
    next one is made). ``text``: a string value stays text even when it starts
    with ``=`` (data from users, SPEC §5). ``formula``: the value is a
    ``(formula, cached value)`` pair.
    """

    __slots__ = ("formula", "style_id", "text")


# Streaming leans on openpyxl 3.1 internals, pinned by the portfolio workbook's tests: a
# write-only sheet's ``_get_writer``/``_writer.write_row``/``_values_to_row``, the cell
# writer ``openpyxl.cell._writer.write_cell`` and the workbook's style table ``_cell_styles``.


def _write_row(ws: Worksheet, xf: object, row: Sequence[tuple[Stamp, object] | None], row_idx: int) -> None:
    """Write one streamed row of ``(stamp, value)`` pairs (None = no cell) into openpyxl's XML stream.

    Values go through openpyxl's own cell writer; a formula is written here, as
    openpyxl writes one, but with its cached value in ``<v>`` (see :func:`cached_cell`).
    """
    attrs = {"r": str(row_idx)}
    attrs.update(ws.row_dimensions.get(row_idx, {}))
    with xf.element("row", attrs):  # type: ignore[attr-defined]
        for col, item in enumerate(row, 1):
            if item is None:
                continue
            stamp, value = item
            if stamp.formula:
                formula, cached = value  # type: ignore[misc]
                kind, shown = cached_cell(cached)
                cell = {"r": f"{get_column_letter(col)}{row_idx}"}
                if stamp.style_id:
                    cell["s"] = str(stamp.style_id)
                if kind:
                    cell["t"] = kind
                with xf.element("c", cell):  # type: ignore[attr-defined]
                    with xf.element("f"):  # type: ignore[attr-defined]
                        xf.write(formula[1:])  # type: ignore[attr-defined]
                    with xf.element("v"):  # type: ignore[attr-defined]
                        if shown:
                            xf.write(shown)  # type: ignore[attr-defined]
                continue
            if value is None and not stamp.style_id:
                continue
            stamp.value = value
            if stamp.text and value.__class__ is str:
                stamp.data_type = "s"
            stamp.row, stamp.column = row_idx, col
            write_cell(xf, ws, stamp, stamp.style_id != 0)


def _close_streams(wb: Workbook) -> None:
    """Finish the sheet streams of a streamed book that was never saved (an error or a Ctrl-C
    while it was built) and remove openpyxl's temporary files. Left to the garbage collector,
    each half-written stream prints a traceback ("Exception ignored in … get_stream")."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None or ws.closed:
            continue  # never started, or saved
        try:
            ws.close()
        except Exception:
            pass  # a stream broken mid-row: it is finished either way
        try:
            writer.cleanup()
        except (OSError, ValueError):
            pass


class Book:
    """One generated workbook: a language, a model, its sheets and cached values."""

    def __init__(self, model: Model, lang: str, kind: Text, *, write_only: bool = False) -> None:
        if lang not in ("zh", "en"):
            raise KamError("lang", f"语言应为 zh 或 en，而不是 “{lang}”", f"language must be zh or en, not '{lang}'")
        self.model = model
        self.lang = lang
        self.kind = kind
        self.write_only = write_only
        self.wb = Workbook(write_only=write_only)
        if write_only:
            weakref.finalize(self, _close_streams, self.wb)
        else:
            self.wb.remove(self.wb.active)
        self.sheets: list[Sheet] = []  # laid out in creation order (a write_only book)
        self._ws: dict[str, Worksheet] = {}  # each Sheet's openpyxl sheet
        self.cached: dict[str, dict[str, object]] = defaultdict(dict)
        self.model_sheet: ModelSheet | None = None
        self._lists: dict[tuple[str, str], DataValidation] = {}
        self._stamps: dict[tuple[str, str], Stamp] = {}
        self._styles: dict[tuple[str, str], StyleArray] = {}
        # where each formula comes from: a registry key or one of SOURCES, per cell or per streamed column
        self.sources: dict[tuple[str, str], str] = {}
        self.column_sources: dict[tuple[str, str], str] = {}
        self._streamed: dict[str, int] = {}  # rows appended so far, per streamed sheet

    # ------------------------------------------------------------ text helpers

    def t(self, label: Text) -> str:
        """A catalogue label in this book's language."""
        return text(label, self.lang)

    def sheet(self, title: Text | str, *, widths: Sequence[float] = (), streamed: bool = False) -> Any:
        """A new sheet (in a ``write_only`` book a :class:`Sheet` to lay out; ``streamed`` for one whose rows
        are appended in order, a table of tens of thousands of rows)."""
        ws = self.wb.create_sheet(title if isinstance(title, str) else self.t(title))
        self._house(ws)
        if not self.write_only:
            for i, w in enumerate(widths, start=1):
                ws.column_dimensions[get_column_letter(i)].width = w
            return ws
        sheet = Sheet(ws.title, streamed=streamed)
        for i, w in enumerate(widths, start=1):
            sheet.width(i, w)
        self.sheets.append(sheet)
        self._ws[ws.title] = ws
        return sheet

    def _house(self, ws: Worksheet) -> None:
        """Protection without a password and the print set-up every sheet shares."""
        ws.protection.sheet = True  # no password: it guards formulas against slips, not people
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.print_options.gridLines = False
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    def _sheet_of(self, ws: Any) -> Worksheet:
        """The openpyxl sheet behind ``ws`` (a :class:`Sheet` or, in a legacy book, the sheet itself)."""
        return self._ws[ws.title] if isinstance(ws, Sheet) else ws

    def _settle(self, sheet: Sheet) -> None:
        """Write what is not a cell onto the openpyxl sheet: before its first row streams out."""
        ws = self._ws[sheet.title]
        for c, letter in sheet.letters().items():
            if c in sheet.widths:
                ws.column_dimensions[letter].width = sheet.widths[c]
            if c in sheet.hidden:
                ws.column_dimensions[letter].hidden = True
        for r, h in sheet.heights.items():
            ws.row_dimensions[r].height = h
        for ref in sheet.merged:
            ws.merged_cells.add(ref)
        if sheet.frozen:
            ws.freeze_panes = sheet.frozen
        if sheet.title_rows:
            ws.print_title_rows = sheet.title_rows
        if sheet.title_columns:
            ws.print_title_cols = sheet.title_columns
        if sheet.portrait:
            ws.page_setup.orientation = "portrait"

    # ------------------------------------------------------------ cells

    def text_value(self, ws: Worksheet, ref: str, value: object) -> str:
        """``value`` as a cell's text, refused (naming sheet and cell) if Excel cannot hold it.

        openpyxl would cut text over 32,767 characters silently and fail on a control
        character with no place named; every text cell of a book goes through here.
        """
        text = str(value)
        if len(text) <= EXCEL_TEXT_LIMIT and text.isprintable():
            return text  # the common case, decided without building a position
        row, column = coordinate_to_tuple(ref)
        return check_cell_text(text, Position(sheet=ws.title, row=row, column=column))

    def _put(self, ws: Any, ref: str, kind: str, fmt: str, value: object) -> bool:
        """Put a cell on a :class:`Sheet` (True), or leave a legacy sheet to the caller (False)."""
        if not isinstance(ws, Sheet):
            return False
        if isinstance(value, str) or (isinstance(value, tuple) and isinstance(value[1], str)):
            text = value if isinstance(value, str) else value[1]
            self.text_value(ws, ref, text)  # refused here, naming the cell, if Excel cannot hold it
        ws.put(ref, CanvasCell(kind, fmt, value))
        return True

    def side(self, ws: Any, ref: str, label: Text | str) -> None:
        """A row caption beside an input or a figure: bold, no header bar."""
        if not self._put(ws, ref, "side", "general", label if isinstance(label, str) else self.t(label)):
            self.label(ws, ref, label, header=False)
            ws[ref].font = _BOLD

    def hint(self, ws: Any, ref: str, label: Text | str) -> None:
        """A note to the reader (how to fill the sheet in): grey italic text."""
        if not self._put(ws, ref, "hint", "general", label if isinstance(label, str) else self.t(label)):
            self.label(ws, ref, label, header=False)
            ws[ref].font = _HINT_FONT

    def value(self, ws: Any, ref: str, value: object, fmt: str = "general") -> None:
        """A plain, unstyled value (a row number)."""
        if not self._put(ws, ref, "text", fmt, value):
            ws[ref] = value

    def title(self, ws: Worksheet, ref: str, label: Text | str) -> None:
        if self._put(ws, ref, "title", "general", label if isinstance(label, str) else self.t(label)):
            return
        cell = ws[ref]
        cell.value = self.text_value(ws, ref, label if isinstance(label, str) else self.t(label))
        cell.data_type = "s"
        cell.font = _TITLE_FONT

    def label(self, ws: Worksheet, ref: str, label: Text | str, *, header: bool = True) -> None:
        text = label if isinstance(label, str) else self.t(label)
        if self._put(ws, ref, "header" if header else "label", "general", text):
            return
        cell = ws[ref]
        cell.value = self.text_value(ws, ref, label if isinstance(label, str) else self.t(label))
        cell.data_type = "s"
        cell.border = _BORDER
        cell.alignment = _CENTRE if header else _WRAP
        if header:
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL

    def headers(self, ws: Worksheet, row: int, labels: Iterable[Text | str], col: int = 1) -> None:
        for i, lab in enumerate(labels):
            self.label(ws, f"{get_column_letter(col + i)}{row}", lab)

    def _styled(self, cell: Cell, kind: str, fmt: str) -> bool:
        """Give ``cell`` the house style already resolved for (kind, fmt); False the first time.

        openpyxl resolves a style through its style table on every assignment; a
        ledger of thousands of rows has a handful of styles, resolved once each.
        """
        style = self._styles.get((kind, fmt))
        if style is None:
            return False
        cell._style = copy(style)
        return True

    def input(self, ws: Worksheet, ref: str, value: object = None, fmt: str = "general") -> None:
        """An input cell: unlocked, marked, and text from data kept as text."""
        if isinstance(ws, Sheet):
            self._put(
                ws,
                ref,
                "input",
                fmt,
                value if value is None or isinstance(value, datetime | date | bool | int | float) else str(value),
            )
            return
        cell = ws[ref]
        if isinstance(value, datetime | date) or value is None or isinstance(value, bool | int | float):
            cell.value = value
        else:
            cell.value = self.text_value(ws, ref, value)
            cell.data_type = "s"  # "=HYPERLINK(...)" from data stays text (SPEC §5)
        if self._styled(cell, "input", fmt):
            return
        cell.protection = Protection(locked=False)
        cell.fill = _INPUT_FILL
        cell.border = _BORDER
        cell.number_format = FMT[fmt]
        if fmt == "text":
            cell.alignment = _WRAP
        self._styles[("input", fmt)] = copy(cell._style)

    def formula(
        self, ws: Worksheet, ref: str, formula: str, value: object, fmt: str = "general", *, source: str = ""
    ) -> None:
        """A computed cell: the formula, locked, with the core's value to cache.

        ``source`` says where the formula comes from: a registry key (see
        :meth:`indicator`), or ``"reference"``, ``"model"`` or ``"caption"`` for a
        cell that shows a value computed elsewhere (see :data:`SOURCES`).
        """
        if not formula.startswith("="):
            raise ValueError(f"not a formula: {formula!r}")
        if source:
            self.sources[(ws.title, ref)] = source
        if self._put(ws, ref, "formula", fmt, (formula, value)):
            return
        cell = ws[ref]
        cell.value = formula
        self.cached[ws.title][ref] = value
        if self._styled(cell, "formula", fmt):
            return
        cell.fill = _FORMULA_FILL
        cell.border = _BORDER
        cell.number_format = FMT[fmt]
        self._styles[("formula", fmt)] = copy(cell._style)

    def indicator(
        self, ws: Worksheet, ref: str, key: str, *args: object, value: object, fmt: str = "general", **kw: object
    ) -> str:
        """A figure: registry entry ``key`` rendered over ``args`` (cell references …), cached with the
        core's ``value``. Returns the formula text."""
        formula = REGISTRY[key].formula(*args, **kw)
        self.formula(ws, ref, formula, value, fmt, source=key)
        return formula

    def reference(self, ws: Worksheet, ref: str, target: str, value: object, fmt: str = "general") -> None:
        """A cell showing another cell (``=Sheet!$B$7``): a figure computed there, not here."""
        self.formula(ws, ref, xlc.ref(target), value, fmt, source="reference")

    def model_value(
        self, ws: Worksheet, ref: str, name: str, value: object, fmt: str = "general", *, item: int | None = None
    ) -> None:
        """A cell showing a model parameter (``=KAM_TIER_LEVELS_MIN`` or its ``item``-th value)."""
        self.formula(ws, ref, xlc.model_value(name, item), value, fmt, source="model")

    def caption(self, ws: Any, ref: str, parts: Sequence[str], value: str, *, title: bool = False) -> None:
        """A text cell joined from literal text (quoted, :func:`kam_xl.xlformulas.common.text`) and cell
        references or names: a sheet title naming the account (``title``), the model line."""
        formula = xlc.caption(parts)
        self.sources[(ws.title, ref)] = "caption"
        if not self._put(ws, ref, "caption" if title else "plain", "general", (formula, value)):
            self.formula(ws, ref, formula, value, source="caption")

    # ------------------------------------------------------------ streamed (write-only) sheets

    def stamp(self, ws: Worksheet, kind: str, fmt: str = "general") -> Stamp:
        """A house style for :meth:`append`.

        Values: ``title``, ``header``, ``label``, ``input`` and ``text`` (unstyled);
        strings stay text. Formulas, given as ``(formula, cached value)``:
        ``formula`` (grey, locked) and ``plain`` (unstyled). A date needs a date ``fmt``.
        """
        key = (kind, fmt)
        stamp = self._stamps.get(key)
        if stamp is None:
            stamp = Stamp(self._sheet_of(ws))
            if kind in ("title", "caption"):
                stamp.font = _TITLE_FONT
            elif kind == "side":
                stamp.border, stamp.alignment, stamp.font = _BORDER, _WRAP, _BOLD
            elif kind == "hint":
                stamp.font = _HINT_FONT
            elif kind in ("header", "label"):
                stamp.border = _BORDER
                stamp.alignment = _CENTRE if kind == "header" else _WRAP
                if kind == "header":
                    stamp.font, stamp.fill = _HEADER_FONT, _HEADER_FILL
            elif kind == "input":
                stamp.protection = Protection(locked=False)
                stamp.fill, stamp.border, stamp.number_format = _INPUT_FILL, _BORDER, FMT[fmt]
                if fmt == "text":
                    stamp.alignment = _WRAP
            elif kind == "formula":
                stamp.fill, stamp.border, stamp.number_format = _FORMULA_FILL, _BORDER, FMT[fmt]
            elif kind not in ("text", "plain"):
                raise ValueError(f"unknown stamp kind: {kind!r}")
            elif fmt != "general":
                stamp.number_format = FMT[fmt]
            if stamp._style is None:  # unstyled: the default style, id 0
                stamp._style = StyleArray()
            stamp.style_id = self.wb._cell_styles.add(stamp._style)
            stamp.formula = kind in ("formula", "plain", "caption")
            stamp.text = not stamp.formula
            self._stamps[key] = stamp
        return stamp

    def append(self, ws: Any, row: Sequence[tuple[Stamp, object] | None], *, rows_of: str = "") -> None:
        """Append one row to a streamed sheet: ``(stamp, value)`` per column, None for no cell.

        Set a sheet's widths, panes and row heights before its first row: the
        sheet's head is written then. Text (a value, or a formula's cached value)
        an Excel cell cannot hold is refused here, naming the cell.
        """
        row_idx = self._streamed.get(rows_of or ws.title, 0) + 1
        # one look at the row's text joined (C speed, ~0.2 µs a cell); cell by cell only when it may fail
        values = [item[1] for item in row if item is not None]
        texts = [v for v in (x[1] if isinstance(x, tuple) else x for x in values) if isinstance(v, str)]
        joined = "".join(texts)
        if len(joined) > EXCEL_TEXT_LIMIT or not joined.isprintable():
            for col, item in enumerate(row, 1):
                value = None if item is None else item[1]
                value = value[1] if isinstance(value, tuple) else value  # a formula's cached value
                if isinstance(value, str):
                    check_cell_text(value, Position(sheet=ws.title, row=row_idx, column=col))
        if isinstance(ws, Sheet):
            if row_idx == 1:
                self._settle(ws)
            ws = self._ws[ws.title]
        if ws._writer is None:  # type: ignore[attr-defined]
            # openpyxl's streamed sheet converts each value to a cell and looks its style up;
            # stamps need neither, so rows pass through as they are to _write_row
            ws._get_writer()  # type: ignore[attr-defined]
            ws._values_to_row = lambda values, row_idx: values  # type: ignore[attr-defined]
            ws._writer.write_row = partial(_write_row, ws)  # type: ignore[attr-defined]
        ws.append(row)
        self._streamed[rows_of or ws.title] = row_idx

    # ------------------------------------------------------------ validation and formats

    def choices(self, ws: Worksheet, ref: str, name: str, prompt: Text | None = None) -> None:
        """Dropdown of a model label list (a workbook name, e.g. ``KAM_TIER_LEVELS_ZH``)."""
        key = (ws.title, name)
        dv = self._lists.get(key)
        if dv is None:
            dv = DataValidation(type="list", formula1=f"={name}", allow_blank=True, showErrorMessage=True)
            dv.error = self.t(("请从下拉列表中选择", "Choose a value from the list"))
            dv.errorTitle = "kam_xl"
            if prompt is not None:
                dv.prompt, dv.showInputMessage = self.t(prompt), True
            self._sheet_of(ws).data_validations.append(dv)
            self._lists[key] = dv
        dv.add(ref)

    def fixed_choices(self, ws: Worksheet, ref: str, options: Sequence[str]) -> None:
        """Dropdown of a short fixed list (statuses, DISC) written into the validation."""
        dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
        dv.error, dv.errorTitle, dv.showErrorMessage = (
            self.t(("请从下拉列表中选择", "Choose a value from the list")),
            "kam_xl",
            True,
        )
        self._sheet_of(ws).data_validations.append(dv)
        dv.add(ref)

    def number_range(
        self, ws: Worksheet, ref: str, low: float | None, high: float | None, *, whole: bool = False
    ) -> None:
        """Numeric validation: a value outside [low, high] is refused when typed."""
        kind = "whole" if whole else "decimal"
        if low is not None and high is not None:
            dv = DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high), allow_blank=True)
            rule = (f"{low:g} – {high:g}", f"{low:g} to {high:g}")
        else:
            dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(low or 0), allow_blank=True)
            rule = (f"≥ {low or 0:g}", f">= {low or 0:g}")
        dv.error = self.t((f"请输入 {rule[0]} 之间的数值", f"Enter a number {rule[1]}"))
        dv.errorTitle, dv.showErrorMessage = "kam_xl", True
        self._sheet_of(ws).data_validations.append(dv)
        dv.add(ref)

    def text_limit(self, ws: Any, ref: str, limit: int = 2000) -> None:
        """Free text up to ``limit`` characters (so every input has a validation)."""
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit), allow_blank=True)
        dv.error = self.t((f"最多 {limit} 个字符", f"At most {limit} characters"))
        dv.errorTitle, dv.showErrorMessage = "kam_xl", True
        self._sheet_of(ws).data_validations.append(dv)
        dv.add(ref)

    def list_choices(self, ws: Any, ref: str, source: str) -> None:
        """A dropdown of the values in a range of the workbook (``=$I$4:$I$11``); other values allowed."""
        dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=False)
        self._sheet_of(ws).data_validations.append(dv)
        dv.add(ref)

    def add_chart(self, ws: Any, chart: object, anchor: str) -> None:
        self._sheet_of(ws).add_chart(chart, anchor)

    def dates(self, ws: Worksheet, ref: str) -> None:
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
        dv.error, dv.errorTitle, dv.showErrorMessage = self.t(("请输入日期", "Enter a date")), "kam_xl", True
        self._sheet_of(ws).data_validations.append(dv)
        dv.add(ref)

    def colour_labels(self, ws: Worksheet, ref: str, labels_and_fills: Sequence[tuple[str, PatternFill]]) -> None:
        """Colour a label column: each label text gets its fill (tier colours, traffic lights)."""
        for lab, fill in labels_and_fills:
            literal = '"' + lab.replace('"', '""') + '"'
            self._sheet_of(ws).conditional_formatting.add(
                ref, CellIsRule(operator="equal", formula=[literal], fill=fill)
            )

    def colour_when(self, ws: Worksheet, ref: str, formula: str, fill: PatternFill) -> None:
        self._sheet_of(ws).conditional_formatting.add(ref, FormulaRule(formula=[formula], fill=fill))

    def band_colours(self, ws: Worksheet, ref: str, labels: Sequence[str]) -> None:
        """Top band green … bottom band red, for tiers, barrier levels and ratings."""
        n = len(labels)
        fills = [LIGHTS[min(2, round(2 * i / max(1, n - 1)))] for i in range(n)]
        if n >= 4:
            fills = [BLUE, *fills[1:]]
        self.colour_labels(ws, ref, list(zip(labels, fills, strict=True)))

    # ------------------------------------------------------------ finishing and saving

    def add_model_sheet(self) -> ModelSheet:
        if self.write_only:
            return self._stream_model_sheet()
        ws = self.wb.create_sheet(MODEL_SHEET)
        self.model_sheet = write_model_sheet(ws, self.model, self.lang)
        self.cached[MODEL_SHEET].update(self.model_sheet.derived)
        ws.column_dimensions["A"].width = 52
        ws.column_dimensions["B"].width = 28
        ws.column_dimensions["D"].width = 40
        ws.column_dimensions["E"].width = 20
        for row in ws.iter_rows(min_row=1, max_row=1):
            for cell in row:
                if cell.value is not None:
                    cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        ws.freeze_panes = "A2"
        return self.model_sheet

    def _stream_model_sheet(self) -> ModelSheet:
        """The Model sheet of a streamed book: written on a scratch sheet, then streamed row by row."""
        scratch = Workbook().active
        scratch.title = MODEL_SHEET
        self.model_sheet = write_model_sheet(scratch, self.model, self.lang)
        for name, defined in scratch.parent.defined_names.items():
            self.wb.defined_names[name] = DefinedName(name, attr_text=defined.attr_text)
        ws = self.sheet(MODEL_SHEET, streamed=True)
        for col, width in (("A", 52), ("B", 28), ("D", 40), ("E", 20)):
            ws.width(col, width)
        ws.freeze("A2")
        header, text, plain = self.stamp(ws, "header"), self.stamp(ws, "text"), self.stamp(ws, "plain")
        derived = self.model_sheet.derived
        for r, row in enumerate(scratch.iter_rows(), start=1):
            cells: list[tuple[Stamp, object] | None] = []
            for c in row:
                if c.value is None:
                    cells.append(None)
                elif c.data_type == "f":
                    cells.append((plain, (c.value, derived[c.coordinate])))
                else:
                    cells.append((header if r == 1 else text, c.value))
            self.append(ws, cells)
        return self.model_sheet

    def write_to(self, path: str | os.PathLike[str]) -> None:
        """Write the whole file to ``path`` as it is (a temporary of the output boundary).

        The cached values are filled in as the package is copied from memory (a
        streamed book wrote them as it went), and the file is stamped as kam_xl's
        (see :func:`kam_xl.output.is_ours`).
        """
        if self.model_sheet is None:
            self.add_model_sheet()
        self.wb.calculation.fullCalcOnLoad = True
        if self.write_only:
            for sheet in self.sheets:
                if sheet.streamed:
                    if not self._streamed.get(sheet.title):
                        self._settle(sheet)  # a streamed sheet that got no rows
                    continue
                self._settle(sheet)
                self._flush(sheet)
            self.wb.save(path)
            stamp_manifest(path)
            return
        buffer = io.BytesIO()
        self.wb.save(buffer)
        buffer.seek(0)
        write_with_cached_values(buffer, path, self.cached)

    def _flush(self, sheet: Sheet) -> None:
        """Stream a laid-out sheet's cells out row by row, each in its house style."""
        ws = self._ws[sheet.title]
        stamp = self.stamp
        for _, cells in sheet.row_cells():
            row = [None if c is None else (stamp(ws, c.kind, c.fmt), c.value) for c in cells]
            self.append(ws, row, rows_of=sheet.title)

    def save(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the file through the output boundary; an existing file is refused unless ``overwrite``."""
        return save_file(path, self.write_to, force=overwrite)
