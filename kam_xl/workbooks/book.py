"""The small layout helper every workbook kind builds on.

A :class:`Book` is one generated workbook in one language with one model. Every
kind lays its sheets out the same way (:mod:`kam_xl.workbooks.canvas`): cells
are put on a :class:`~kam_xl.workbooks.canvas.Sheet` in any order through the
book's methods, each in a house style —

- ``title``, ``label`` (headings and captions on a header bar), ``side`` (a
  bold row caption), ``hint`` (a grey note); always text;
- ``input``: what the user fills in — unlocked, pale yellow, data-validated;
  text from data stays text even if it starts with ``=`` (an account named
  ``=HYPERLINK(...)``);
- a figure: :meth:`Book.indicator` renders a registry entry's formula over cell
  references and caches the core's value beside it (grey, locked); a cell that
  shows a value computed elsewhere is a :meth:`Book.reference`, a
  :meth:`Book.model_value` or a :meth:`Book.caption`. :attr:`Book.sources`
  records where every formula came from.

On save each laid-out sheet is written row by row as text (openpyxl writes the
rest: columns, merges, validations, formats, print set-up), every formula with
its cached value, so pandas, python-calamine and viewers that do not
recalculate see the numbers and Excel still recalculates on open. A table of
tens of thousands of rows (a portfolio) is *streamed* instead:
``book.sheet(title, streamed=True)`` and :meth:`Book.append` row by row in order,
each cell a ``(stamp, value)`` pair in the same house styles (:meth:`Book.stamp`).

The book adds the ``Model`` sheet (named parameters + model name, version and
hash) and protects every other sheet without a password. Text an Excel cell
cannot hold (over 32,767 characters, or a character XML forbids) is refused
with the cell it was meant for. :meth:`Book.save` writes through
:mod:`kam_xl.output` (temporary file, then rename; never over an existing file
unless asked, and a backup of a replaced workbook holding content kam_xl did
not write); :meth:`Book.write_to` writes the bare file, for a caller's transaction.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, Protocol

from openpyxl import Workbook
from openpyxl.chart import BarChart, BubbleChart, LineChart
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from kam_xl.errors import KamError, Position
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model
from kam_xl.output import EXCEL_TEXT_LIMIT, OverwriteError, check_cell_text, save_file, stamp_manifest
from kam_xl.workbooks.canvas import Cell as CanvasCell
from kam_xl.workbooks.canvas import Sheet, column_number, coordinate
from kam_xl.workbooks.input_messages import (
    KIND_TITLES,
    PROMPT_TEXT,
    PROMPT_TITLE,
    caption,
    cover,
    inputs_and_headings,
    outside,
    runs,
)
from kam_xl.workbooks.labels import Text, text
from kam_xl.workbooks.model_sheet import FIRST_ROW as MODEL_FIRST_ROW
from kam_xl.workbooks.model_sheet import MODEL_SHEET, ModelSheet, lay_out_model_sheet
from kam_xl.workbooks.sheet_xml import Stamp, StreamCell, Value, rows_xml, stream_row_xml
from kam_xl.xlformulas import common as xlc

__all__ = [
    "FMT",
    "FORMULA_FILL_COLOR",
    "PORTRAIT_WIDTH",
    "SOURCES",
    "Book",
    "OverwriteError",
    "Sheet",
    "Stamp",
    "StreamCell",
    "Value",
]

# The print set-up (_page_setup): paper size 9 is A4 in the OOXML paperSize list; header and footer texts.
_A4 = "9"
# A sheet up to this wide (Excel's column-width unit, a character ≈ 7 px at 100 %) prints in portrait: A4
# portrait holds ≈ 92 characters at 100 % between the default 0.75" margins (210 − 2 × 19.05 = 171.9 mm ≈
# 650 px at 96 dpi), so 120 prints at ≥ 92 / 120 = 77 %; a wider sheet prints landscape (≈ 140 at 100 %).
PORTRAIT_WIDTH = 120.0
_INTERNAL: Text = ("内部资料", "Internal · 内部资料")
_PAGE_OF: Text = ("第 &P 页，共 &N 页", "Page &P of &N")

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
FORMULA_FILL_COLOR = "F2F2F2"  # every figure cell, and no other: `kam-xl check` finds overwritten formulas by it
_FORMULA_FILL = PatternFill("solid", fgColor=FORMULA_FILL_COLOR)
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
ORANGE = PatternFill("solid", fgColor="F8CBAD", bgColor="F8CBAD")
GREY = PatternFill("solid", fgColor="D9D9D9", bgColor="D9D9D9")
# Book.band_colours, top band first: a warning scale (bottom red) and a rank scale (no red).
_RAMP = {True: (GREEN, AMBER, ORANGE, RED), False: (BLUE, GREEN, AMBER, GREY)}


# A sheet's part is written by openpyxl with empty rows, then filled in (Book._splice): that leans on
# openpyxl 3.1 internals, pinned by the workbook tests — a write-only sheet's ``_writer`` and the
# temporary file it writes to. The types below describe them to the type checker (openpyxl's stubs
# leave internals out).
if TYPE_CHECKING:

    class _SheetWriter(Protocol):
        """openpyxl's writer of a write-only sheet, as :meth:`Book._splice` uses it."""

        out: str  # the temporary file the sheet's XML goes to

        def cleanup(self) -> None: ...

    class _WriteOnlySheet(Worksheet):
        """What ``create_sheet`` gives a write-only workbook, typed through openpyxl's public Worksheet (whose
        settings openpyxl gives it) plus the stream's internals."""

        _writer: _SheetWriter | None

        def close(self) -> None: ...


def _close_spools(spools: dict[str, IO[bytes]]) -> None:
    """Remove the row files of a streamed book that was never written."""
    for spool in spools.values():
        spool.close()


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

    def __init__(self, model: Model, lang: str, kind: Text) -> None:
        if lang not in ("zh", "en"):
            raise KamError("lang", f"语言应为 zh 或 en，而不是 “{lang}”", f"language must be zh or en, not '{lang}'")
        self.model = model
        self.lang = lang
        self.kind = kind
        self.wb = Workbook(write_only=True)
        weakref.finalize(self, _close_streams, self.wb)
        self.sheets: list[Sheet] = []  # in tab order
        self._ws: dict[str, _WriteOnlySheet] = {}  # each Sheet's openpyxl sheet
        self.model_sheet: ModelSheet | None = None
        self.about: str | None = None  # the account a one-account book is about: in every page's header
        self._lists: dict[tuple[str, str], DataValidation] = {}
        self._stamps: dict[tuple[str, str], Stamp] = {}
        self._saved: bytes | None = None  # the file, once written
        # where each formula comes from: a registry key or one of SOURCES, per cell or per streamed column
        self.sources: dict[tuple[str, str], str] = {}
        self.column_sources: dict[tuple[str, str], str] = {}
        self._streamed: dict[str, int] = {}  # rows appended so far, per streamed sheet
        self._spools: dict[str, IO[bytes]] = {}  # each streamed sheet's rows so far, as XML (UTF-8)
        self._row_attrs: dict[str, dict[int, str]] = {}  # a streamed sheet's row heights, as attributes
        weakref.finalize(self, _close_spools, self._spools)

    # ------------------------------------------------------------ text helpers

    def t(self, label: Text) -> str:
        """A catalogue label in this book's language."""
        return text(label, self.lang)

    def sheet(self, title: Text | str, *, widths: Sequence[float] = (), streamed: bool = False) -> Sheet:
        """A new sheet to lay out (``streamed``: one whose rows are appended in order, a table of tens of
        thousands of rows); ``widths`` of its columns from A."""
        ws = self.wb.create_sheet(title if isinstance(title, str) else self.t(title))
        if ws.title != MODEL_SHEET:  # protected by add_model_sheet: its values stay editable
            self._house(ws)
        sheet = Sheet(ws.title, streamed=streamed)
        for i, w in enumerate(widths, start=1):
            sheet.width(i, w)
        self.sheets.append(sheet)
        self._ws[ws.title] = ws
        return sheet

    def _house(self, ws: _WriteOnlySheet) -> None:
        """Protection without a password (the print set-up every sheet shares is :meth:`_page_setup`).

        Allowed under it (False = not locked, in the file's terms): column widths and row heights,
        inserting and deleting rows (a list grows inside its block, so its totals, validation and
        formats cover the new rows), filtering and sorting a list (:meth:`Sheet.filter`)."""
        p = ws.protection
        p.sheet = True  # no password: it guards formulas against slips, not people
        p.formatColumns = p.formatRows = False
        p.insertRows = p.deleteRows = False
        p.autoFilter = p.sort = False

    def _page_setup(self, ws: _WriteOnlySheet, sheet: Sheet) -> None:
        """The one print set-up of every sheet: A4, one page wide; portrait when the sheet is at most
        PORTRAIT_WIDTH wide unless its kind chose (:meth:`print_pages`); a header with the sheet's name,
        the account the book is about (:attr:`about`) and 内部资料, a footer with page x / y and the date;
        the rows/columns repeated on every page and the print area the kind set on the :class:`Sheet`."""
        setup = ws.page_setup
        setup.paperSize = _A4
        portrait = sheet.print_width() <= PORTRAIT_WIDTH if sheet.portrait is None else sheet.portrait
        setup.orientation = "portrait" if portrait else "landscape"
        setup.fitToWidth, setup.fitToHeight = sheet.pages_wide, 0
        if sheet.pages_wide > 1:
            setup.pageOrder = "overThenDown"  # a row's pages one after the other
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.gridLines = False
        head, foot = ws.oddHeader, ws.oddFooter
        assert head is not None and foot is not None  # made with the sheet
        # Excel's codes: &A sheet, &P page, &N pages, &D date; a literal & is written &&
        head.left.text = "&A"
        if self.about:
            head.center.text = self.about.replace("&", "&&")
        head.right.text = (sheet.print_note or self.t(_INTERNAL)).replace("&", "&&")
        foot.center.text, foot.right.text = self.t(_PAGE_OF), "&D"
        if sheet.title_rows:
            ws.print_title_rows = sheet.title_rows
        if sheet.title_columns:
            ws.print_title_cols = sheet.title_columns
        if sheet.print_range:
            ws.print_area = sheet.print_range

    def _sheet_of(self, ws: Sheet) -> _WriteOnlySheet:
        """The openpyxl sheet behind a :class:`Sheet`."""
        return self._ws[ws.title]

    def _settle(self, sheet: Sheet) -> None:
        """Write what is not a cell onto the openpyxl sheet: before its first row streams out.

        A laid-out sheet's row heights go with its rows (:func:`rows_xml`): openpyxl would
        write a row element for each, cells or not."""
        ws = self._ws[sheet.title]
        for c, letter in sheet.letters().items():
            if c in sheet.widths:
                ws.column_dimensions[letter].width = sheet.widths[c]
            if c in sheet.hidden:
                ws.column_dimensions[letter].hidden = True
        if sheet.streamed:  # written with the rows (stream_row_xml), as openpyxl writes a row's dimensions
            self._row_attrs[sheet.title] = {
                r: "".join(f' {k}="{v}"' for k, v in RowDimension(ws, index=r, ht=h)) for r, h in sheet.heights.items()
            }
        for ref in sheet.merged:
            ws.merged_cells.add(ref)
        if sheet.frozen:
            ws.freeze_panes = sheet.frozen
        if sheet.filtered:
            ws.auto_filter.ref = sheet.filtered
        self._page_setup(ws, sheet)

    # ------------------------------------------------------------ cells

    def text_value(self, ws: Sheet, ref: str, value: object) -> str:
        """``value`` as a cell's text, refused (naming sheet and cell) if Excel cannot hold it.

        openpyxl would cut text over 32,767 characters silently and fail on a control
        character with no place named; every text cell of a book goes through here.
        """
        text = str(value)
        if len(text) <= EXCEL_TEXT_LIMIT and text.isprintable():
            return text  # the common case, decided without building a position
        row, column = coordinate_to_tuple(ref)
        return check_cell_text(text, Position(sheet=ws.title, row=row, column=column))

    def _put(self, ws: Sheet, ref: str, kind: str, fmt: str, value: object) -> None:
        """Put a cell on ``ws``; its text (or a formula's cached text) refused here, naming the cell,
        if Excel cannot hold it."""
        if isinstance(value, str) or (isinstance(value, tuple) and isinstance(value[1], str)):
            self.text_value(ws, ref, value if isinstance(value, str) else value[1])
        ws.put(ref, CanvasCell(kind, fmt, value))

    def _text(self, label: Text | str) -> str:
        return label if isinstance(label, str) else self.t(label)

    def title(self, ws: Sheet, ref: str, label: Text | str) -> None:
        self._put(ws, ref, "title", "general", self._text(label))

    def label(self, ws: Sheet, ref: str, label: Text | str, *, header: bool = True) -> None:
        """A heading on a header bar (``header``), or a caption in a bordered cell."""
        self._put(ws, ref, "header" if header else "label", "general", self._text(label))

    def headers(self, ws: Sheet, row: int, labels: Iterable[Text | str], col: int = 1) -> None:
        for i, lab in enumerate(labels):
            self.label(ws, f"{get_column_letter(col + i)}{row}", lab)

    def side(self, ws: Sheet, ref: str, label: Text | str) -> None:
        """A row caption beside an input or a figure: bold, no header bar."""
        self._put(ws, ref, "side", "general", self._text(label))

    def hint(self, ws: Sheet, ref: str, label: Text | str, *, wrap: bool = False) -> None:
        """A note to the reader (how to fill the sheet in): grey italic text; ``wrap`` for a note that
        wraps within its cell (give its row the height it needs)."""
        self._put(ws, ref, "note" if wrap else "hint", "general", self._text(label))

    def value(self, ws: Sheet, ref: str, value: object, fmt: str = "general") -> None:
        """A plain, unstyled value (a row number)."""
        self._put(ws, ref, "text", fmt, value)

    def input(self, ws: Sheet, ref: str, value: object = None, fmt: str = "general") -> None:
        """An input cell: unlocked, marked; text from data stays text ("=HYPERLINK(...)" too)."""
        if fmt == "general" and isinstance(value, date):
            # a date shows as one; and a general stamp given a date would take a date format for
            # every cell that shares its style (openpyxl sets it on the style the table holds)
            fmt = "date"
        if not (value is None or isinstance(value, datetime | date | bool | int | float)):
            value = str(value)
        self._put(ws, ref, "input", fmt, value)

    def formula(self, ws: Sheet, ref: str, formula: str, value: object, fmt: str = "general", *, source: str) -> None:
        """A computed cell: the formula, locked, with the core's value to cache.

        ``source`` says where the formula comes from: a registry key (see
        :meth:`indicator`), or ``"reference"``, ``"model"`` or ``"caption"`` for a
        cell that shows a value computed elsewhere (see :data:`SOURCES`).
        """
        if not formula.startswith("="):
            raise ValueError(f"not a formula: {formula!r}")
        self.sources[(ws.title, ref)] = source
        self._put(ws, ref, "formula", fmt, (formula, value))

    def indicator(
        self, ws: Sheet, ref: str, key: str, *args: object, value: object, fmt: str = "general", **kw: object
    ) -> str:
        """A figure: registry entry ``key`` rendered over ``args`` (cell references …), cached with the
        core's ``value``. Returns the formula text."""
        formula = REGISTRY[key].formula(*args, **kw)
        self.formula(ws, ref, formula, value, fmt, source=key)
        return formula

    def indicator_column(
        self,
        ws: Sheet,
        column: str,
        first: int,
        key: str,
        args: Callable[[int], Sequence[object]],
        values: Sequence[object],
        fmt: str = "general",
    ) -> None:
        """One figure down ``column`` from row ``first``, a cell per value: row ``r`` holds registry entry
        ``key`` rendered over ``args(r)``, cached with the core's value — :meth:`indicator` for a list
        tens of thousands of rows long (a portfolio's Pareto list), with no reference to parse per cell."""
        render = REGISTRY[key].formula
        at = column_number(column)
        for r, value in enumerate(values, start=first):
            ref = f"{column}{r}"
            if isinstance(value, str):
                self.text_value(ws, ref, value)  # refused here, naming the cell, if Excel cannot hold it
            ws.put_at(r, at, CanvasCell("formula", fmt, (render(*args(r)), value)))
            self.sources[(ws.title, ref)] = key

    def reference(self, ws: Sheet, ref: str, target: str, value: object, fmt: str = "general") -> None:
        """A cell showing another cell (``=Sheet!$B$7``): a figure computed there, not here."""
        self.formula(ws, ref, xlc.ref(target), value, fmt, source="reference")

    def model_value(
        self, ws: Sheet, ref: str, name: str, value: object, fmt: str = "general", *, item: int | None = None
    ) -> None:
        """A cell showing a model parameter (``=KAM_TIER_LEVELS_MIN`` or its ``item``-th value)."""
        self.formula(ws, ref, xlc.model_value(name, item), value, fmt, source="model")

    def caption(self, ws: Sheet, ref: str, parts: Sequence[str], value: str, *, title: bool = False) -> None:
        """A text cell joined from literal text (quoted, :func:`kam_xl.xlformulas.common.text`) and cell
        references or names: a sheet title naming the account (``title``), the model line."""
        self.sources[(ws.title, ref)] = "caption"
        self._put(ws, ref, "caption" if title else "plain", "general", (xlc.caption(parts), value))

    # ------------------------------------------------------------ streamed (write-only) sheets

    def stamp(self, ws: Sheet, kind: str, fmt: str = "general") -> Stamp:
        """A house style for :meth:`append`.

        Values: ``title``, ``header``, ``label``, ``input`` and ``text`` (unstyled);
        strings stay text. Formulas, given as ``(formula, cached value)``:
        ``formula`` (grey, locked) and ``plain`` (unstyled). A date needs a date ``fmt``.
        """
        key = (kind, fmt)
        stamp = self._stamps.get(key)
        if stamp is None:
            stamp = Stamp(self._sheet_of(ws), row=1, column=1)  # its place is set for each cell it writes
            if kind in ("title", "caption"):
                stamp.font = _TITLE_FONT
            elif kind == "side":
                stamp.border, stamp.alignment, stamp.font = _BORDER, _WRAP, _BOLD
            elif kind == "hint":
                stamp.font = _HINT_FONT
            elif kind == "note":
                stamp.font, stamp.alignment = _HINT_FONT, _WRAP
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
            stamp.settle()
            stamp.formula = kind in ("formula", "plain", "caption")
            stamp.text = not stamp.formula
            self._stamps[key] = stamp
        return stamp

    def append(self, ws: Sheet, row: Sequence[StreamCell | None]) -> None:
        """Append one row to a streamed sheet: ``(stamp, value)`` per column, None for no cell.

        Set a sheet's widths, panes and row heights before its first row: the
        sheet's head is written then. Text (a value, or a formula's cached value)
        an Excel cell cannot hold is refused here, naming the cell.
        """
        row_idx = self._streamed.get(ws.title, 0) + 1
        if not ws.streamed:
            raise ValueError(f"{ws.title} is laid out, not streamed: make it with book.sheet(..., streamed=True)")
        if ws.title not in self._spools:  # the first row (a refused first row settled it already)
            self._settle(ws)
            self._spools[ws.title] = tempfile.TemporaryFile()
        xml = stream_row_xml(row, row_idx, self._row_attrs[ws.title].get(row_idx, ""), ws.title)
        self._spools[ws.title].write(xml.encode("utf-8"))
        self._streamed[ws.title] = row_idx

    # ------------------------------------------------------------ validation and formats

    def choices(self, ws: Sheet, ref: str, name: str, *, label: Text | None = None) -> None:
        """Dropdown of a model label list (a workbook name, e.g. ``KAM_TIER_LEVELS_ZH``); ``label`` says what
        the cell holds (the input message's title; see :meth:`_ask`)."""
        key = (ws.title, name)
        dv = self._lists.get(key)
        if dv is None:
            dv = DataValidation(type="list", formula1=f"={name}", allow_blank=True, showErrorMessage=True)
            dv.error = self.t(("请从下拉列表中选择", "Choose a value from the list"))
            dv.errorTitle = "kam_xl"
            rule = (
                "从下拉列表中选择（选项在 Model 表中）",
                "Choose from the list (its options are on the Model sheet)",
            )
            self._ask(dv, ("请选择", "Choose"), rule, label)
            self._sheet_of(ws).data_validations.append(dv)
            self._lists[key] = dv
        cover(dv, ref)

    def fixed_choices(self, ws: Sheet, ref: str, options: Sequence[str], *, label: Text | None = None) -> None:
        """Dropdown of a short fixed list (statuses, DISC) written into the validation."""
        dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
        dv.error, dv.errorTitle, dv.showErrorMessage = (
            self.t(("请从下拉列表中选择", "Choose a value from the list")),
            "kam_xl",
            True,
        )
        listed = ("从下拉列表中选择：" + "、".join(options), "Choose from the list: " + ", ".join(options))
        short = len(self.t(listed)) <= PROMPT_TEXT // 2  # a long list is in the dropdown only
        self._ask(dv, ("请选择", "Choose"), listed if short else ("从下拉列表中选择", "Choose from the list"), label)
        self._sheet_of(ws).data_validations.append(dv)
        cover(dv, ref)

    def number_range(
        self,
        ws: Sheet,
        ref: str,
        low: float | None,
        high: float | None,
        *,
        whole: bool = False,
        label: Text | None = None,
    ) -> None:
        """Numeric validation: a value outside [low, high] is refused when typed; its input message says
        the range (and that a ratio may be typed as a percentage)."""
        kind: Literal["whole", "decimal"] = "whole" if whole else "decimal"
        if low is not None and high is not None:
            dv = DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high), allow_blank=True)
            rule = (f"{low:g} – {high:g}", f"{low:g} to {high:g}")
            asked = (f" {low:g}–{high:g} 之间", f"from {low:g} to {high:g}")
        else:
            dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(low or 0), allow_blank=True)
            rule = (f"≥ {low or 0:g}", f">= {low or 0:g}")
            asked = (f"不小于 {low or 0:g} ", f"of at least {low or 0:g}")
        dv.error = self.t((f"请输入 {rule[0]} 之间的数值", f"Enter a number {rule[1]}"))
        dv.errorTitle, dv.showErrorMessage = "kam_xl", True
        number = ("整数", "whole number") if whole else ("数值", "number")
        message = (f"输入{asked[0]}的{number[0]}", f"Enter a {number[1]} {asked[1]}")
        if low is not None and low >= 0 and high is not None and high <= 1:  # a ratio: 0.85 or 85% typed
            message = (message[0] + "（比例，85% 即 0.85）", message[1] + " (a ratio: 85% is 0.85)")
        self._ask(dv, (number[0], number[1].capitalize()), message, label)
        self._sheet_of(ws).data_validations.append(dv)
        cover(dv, ref)

    def text_limit(self, ws: Sheet, ref: str, limit: int = 2000, *, label: Text | None = None) -> None:
        """Free text up to ``limit`` characters (so every input has a validation, and a message)."""
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit), allow_blank=True)
        dv.error = self.t((f"最多 {limit} 个字符", f"At most {limit} characters"))
        dv.errorTitle, dv.showErrorMessage = "kam_xl", True
        self._ask(
            dv, ("文字", "Text"), (f"输入文字，最多 {limit} 个字符", f"Type text, up to {limit:,} characters"), label
        )
        self._sheet_of(ws).data_validations.append(dv)
        cover(dv, ref)

    def list_choices(
        self, ws: Sheet, ref: str, source: str, *, label: Text | None = None, strict: bool = False
    ) -> None:
        """A dropdown of the values in a range of the workbook (``=$I$4:$I$11``); other values allowed, unless
        ``strict`` (then refused when typed)."""
        dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=strict)
        rule = ("从下拉列表中选择，也可输入列表外的值", "Choose from the list, or type another value")
        if strict:
            dv.error, dv.errorTitle = self.t(("请从下拉列表中选择", "Choose a value from the list")), "kam_xl"
            rule = ("从下拉列表中选择", "Choose from the list")
        self._ask(dv, ("请选择", "Choose"), rule, label)
        self._sheet_of(ws).data_validations.append(dv)
        cover(dv, ref)

    def _ask(self, dv: DataValidation, title: Text, rule: Text, label: Text | None) -> None:
        """The input message a cell shows when selected, in the book's language: what to type (``rule``,
        from what the validation knows) under a title — the caller's ``label`` (what the cell holds) or
        the validation's kind. A label too long for a title (Excel's limit) leads the message instead."""
        head, text = self.t(title), self.t(rule)
        if label is not None:
            if len(self.t(label)) <= PROMPT_TITLE:
                head = self.t(label)
            else:
                text = f"{self.t(label)}\n{text}"
        if len(text) > PROMPT_TEXT:  # a caller's label: Excel would refuse to open the file
            raise ValueError(f"an input message is longer than {PROMPT_TEXT} characters: {text[:40]!r}…")
        dv.promptTitle, dv.prompt, dv.showInputMessage = head, text, True

    def add_chart(self, ws: Sheet, chart: BarChart | LineChart | BubbleChart, anchor: str) -> None:
        self._sheet_of(ws).add_chart(chart, anchor)
        # counted in the printed width (portrait or landscape): a character is ≈ 7 px ≈ 1.85 mm at 96 dpi
        reach = ws.width_before(coordinate(anchor)[1]) + float(chart.width) * 10 / 1.85  # chart.width in cm
        ws.drawn_width = max(ws.drawn_width, reach)

    def print_pages(self, ws: Sheet, *, landscape: bool = True, note: Text | None = None) -> None:
        """A sheet's orientation chosen by its kind (``landscape`` or portrait) rather than by its width,
        and the header's ``note`` (内部资料 by default). Every sheet gets the rest of the set-up
        (:meth:`_page_setup`); rows or columns repeated on every page are :meth:`Sheet.print_titles`."""
        ws.upright(not landscape)
        if note is not None:
            ws.print_note = self.t(note)

    def dates(self, ws: Sheet, ref: str, *, label: Text | None = None) -> None:
        """A date (after 1900-01-01)."""
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
        dv.error, dv.errorTitle, dv.showErrorMessage = self.t(("请输入日期", "Enter a date")), "kam_xl", True
        self._ask(dv, ("日期", "Date"), ("输入日期，如 2026-03-31", "Enter a date, e.g. 2026-03-31"), label)
        self._sheet_of(ws).data_validations.append(dv)
        cover(dv, ref)

    def colour_labels(self, ws: Sheet, ref: str, labels_and_fills: Sequence[tuple[str, PatternFill]]) -> None:
        """Colour a label column: each label text gets its fill (tier colours, traffic lights)."""
        for lab, fill in labels_and_fills:
            literal = '"' + lab.replace('"', '""') + '"'
            self._sheet_of(ws).conditional_formatting.add(
                ref, CellIsRule(operator="equal", formula=[literal], fill=fill)
            )

    def colour_when(self, ws: Sheet, ref: str, formula: str, fill: PatternFill) -> None:
        self._sheet_of(ws).conditional_formatting.add(ref, FormulaRule(formula=[formula], fill=fill))

    def band_colours(self, ws: Sheet, ref: str, labels: Sequence[str], *, alarm: bool = True) -> None:
        """Ordered bands (top first), each its own colour up to four. ``alarm``: the bottom band is a
        warning (a weak barrier, a rating D): green, yellow, orange, red. Not (tiers: a rank, not a
        warning): blue, green, yellow, grey — no red. Fewer bands keep the ends (an alarm ends red);
        more share the colours between the ends."""
        n, last = len(labels), len(_RAMP[alarm]) - 1
        if n <= last + 1:
            picks = list(range(n)) if not alarm or n < 2 else [*range(n - 1), last]
        else:
            picks = [round(i * last / (n - 1)) for i in range(n)]
        self.colour_labels(ws, ref, [(lab, _RAMP[alarm][k]) for lab, k in zip(labels, picks, strict=True)])

    # ------------------------------------------------------------ finishing and saving

    def add_model_sheet(self) -> ModelSheet:
        """The Model sheet (the last tab), streamed row by row, and its workbook-scoped names.

        Protected like every sheet, its values (column B) the inputs a team tunes its model with; paths,
        labels, the values as generated and the derived formulas locked, and no rows inserted or deleted
        (the names point at fixed rows). The flag in row 2 and a blue fill show values that differ from
        the ones generated. Every kind adds it last: the other sheets' input messages are finished first
        (:meth:`_explain_inputs`)."""
        self._explain_inputs()
        self.model_sheet = laid = lay_out_model_sheet(self.model, self.lang)
        for name, ref in laid.names.items():
            self.wb.defined_names[name] = DefinedName(name, attr_text=ref)
        ws = self.sheet(MODEL_SHEET, streamed=True)
        for col, width in (("A", 46), ("B", 30), ("C", 36), ("D", 50), ("E", 24)):
            ws.width(col, width)
        ws.freeze(f"A{MODEL_FIRST_ROW}")  # the headings and the edited flag stay in view
        # Printed: the headings, the flag and the model's name and version only. Both engines print a sheet's
        # print area and nothing else of it, in a single sheet's and in a whole workbook's print (Excel unless
        # the user ticks "Ignore print area"), so the 400 rows of parameters stay out of a printed workbook.
        ws.print_only(f"A1:E{laid.header_rows}")
        ws.upright()
        protection = self._sheet_of(ws).protection
        protection.sheet = True  # no password, as every sheet; column widths and row heights stay free
        protection.formatColumns = protection.formatRows = False
        values = f"B{MODEL_FIRST_ROW}:B{laid.last}"
        dv = DataValidation(allow_blank=True)  # any value: the model is checked when it is read
        rule = (
            "模型参数：改后各表公式随之重算；含义见 C、D 列，生成时的取值见 E 列",
            "A model parameter: the formulas follow a change. Meaning in C and D, the value as generated in E",
        )
        self._ask(dv, ("模型参数", "Model parameter"), rule, None)
        self._sheet_of(ws).data_validations.append(dv)
        dv.add(values)
        self.colour_when(ws, values, laid.changed, BLUE)
        self.colour_when(ws, laid.flag, xlc.is_yes(laid.flag, self.lang), RED)
        for kinds, row in zip(laid.kinds, laid.rows, strict=True):
            self.append(ws, [None if k is None else (self.stamp(ws, k), v) for k, v in zip(kinds, row, strict=True)])
        return laid

    def _explain_inputs(self) -> None:
        """Finish the input messages of every laid-out sheet: a validation no caller labelled is titled by
        its cells' caption (the bold caption left of them, else their column's heading) when they share
        one, and input cells with no validation get a text one, titled the same way. A streamed sheet's
        columns are validated and labelled by its kind."""
        for sheet in self.sheets:
            if sheet.streamed:
                continue
            inputs, heads = inputs_and_headings(sheet)
            covered: dict[int, list[tuple[int, int]]] = {}  # column → the row spans under a validation
            for dv in self._sheet_of(sheet).data_validations.dataValidation:
                shown: set[str | None] = set()
                for rng in dv.sqref.ranges:
                    for c in range(rng.min_col, rng.max_col + 1):
                        covered.setdefault(c, []).append((rng.min_row, rng.max_row))
                        shown.add(caption(sheet, heads, rng.min_row, c))
                if dv.promptTitle in KIND_TITLES and len(shown) == 1 and None not in shown:
                    named = shown.pop() or ""
                    title, rule = dv.promptTitle or "", dv.prompt or ""
                    self._ask(dv, (title, title), (rule, rule), (named, named))
            by_caption: dict[str | None, list[tuple[int, int]]] = {}
            for c in sorted(inputs):
                for r in outside(inputs[c], covered.get(c, [])):
                    by_caption.setdefault(caption(sheet, heads, r, c), []).append((r, c))
            for cap, cells in by_caption.items():
                self.text_limit(sheet, runs(cells), label=None if cap is None else (cap, cap))

    def write_to(self, path: str | os.PathLike[str]) -> None:
        """Write the whole file to ``path`` as it is (a temporary of the output boundary).

        Every formula is written with its cached value, and the file is stamped as
        kam_xl's (see :func:`kam_xl.output.is_ours`).
        """
        if self._saved is not None:  # openpyxl writes a streamed workbook once: a second save copies it
            Path(path).write_bytes(self._saved)
            return
        if self.model_sheet is None:
            self.add_model_sheet()
        self.wb.calculation.fullCalcOnLoad = True
        for sheet in self.sheets:
            if sheet.streamed:
                if sheet.title not in self._spools:
                    self._settle(sheet)  # a streamed sheet that got no rows
                    self._spools[sheet.title] = tempfile.TemporaryFile()
                with self._spools.pop(sheet.title) as spool:
                    spool.seek(0)
                    self._splice(sheet, partial(shutil.copyfileobj, spool))
                continue
            self._settle(sheet)
            self._flush(sheet)
        self.wb.save(path)
        stamp_manifest(path)
        self._saved = Path(path).read_bytes()

    def _flush(self, sheet: Sheet) -> None:
        """Write a laid-out sheet: openpyxl writes everything but the cells (columns, merges,
        validations, formats, print set-up) with an empty ``<sheetData>``, which is then filled
        with the rows as text — every cell in its house style, every formula with its cached value.
        Writing the XML as text is what makes a ledger of tens of thousands of rows quick."""
        styles: dict[tuple[str, str], str] = {}
        for _, cells in sheet.row_cells():
            for c in cells:
                if c is not None and (c.kind, c.fmt) not in styles:
                    stamp = self.stamp(sheet, c.kind, c.fmt)
                    styles[(c.kind, c.fmt)] = f' s="{stamp.style_id}"' if stamp.style_id else ""
        self._splice(sheet, lambda out: out.writelines(r.encode("utf-8") for r in rows_xml(sheet, styles)))

    def _splice(self, sheet: Sheet, rows: Callable[[IO[bytes]], object]) -> None:
        """Write a sheet's part: openpyxl writes everything but the cells (columns, merges,
        validations, formats, print set-up) with an empty ``<sheetData>``, which ``rows(out)``
        then fills with the rows as text."""
        ws = self._ws[sheet.title]
        ws.close()  # openpyxl writes the sheet's part, rows empty, to its temporary file
        writer = ws._writer
        assert writer is not None  # made by close()
        path = Path(writer.out)
        head, tail = path.read_text(encoding="utf-8").split("<sheetData></sheetData>", 1)  # openpyxl's empty rows
        with path.open("wb") as out:
            out.write(f"{head}<sheetData>".encode())
            rows(out)
            out.write(f"</sheetData>{tail}".encode())

    def save(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the file through the output boundary; an existing file is refused unless ``overwrite``."""
        return save_file(path, self.write_to, force=overwrite)
