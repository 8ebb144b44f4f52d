"""The input idiom the customer file's sheets share: a form (label, input) and a table of input rows.

A spec entry is ``("field" or "field:label key", kind, width or height)``. The
kind decides the cell's format and validation: ``date``, ``money``, ``number``,
``int``, ``year``, ``percent``, ``level`` / ``role`` (the model's buying-centre
lists), ``fixed:<list>`` (a short fixed list), ``list:<range>`` (a dropdown of a
range of the sheet, other values allowed) and ``text`` (any text up to 2,000
characters).
"""

from __future__ import annotations

from collections.abc import Sequence

from kam_xl.cells import is_blank
from kam_xl.core import classification
from kam_xl.core.service import LOST_REASONS, SERVICE_TYPES
from kam_xl.models.schema import Label
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.canvas import Sheet
from kam_xl.workbooks.customer_file.data import INDUSTRIES, OWNERSHIP, RELATIONSHIP_TYPES, RESULTS, VISIT_KINDS
from kam_xl.workbooks.customer_file.labels import LABELS
from kam_xl.workbooks.customer_file.ledger import day_cell, number_cell
from kam_xl.workbooks.labels import COMMON, Text, fit_height
from kam_xl.xlformulas.common import label

__all__ = ["FIXED", "KIND_FMT", "Spec", "choice", "fields", "head", "letter", "table", "validate", "value_of"]

FIXED: dict[str, Sequence[Label]] = {
    "relationship": RELATIONSHIP_TYPES,
    "ownership": OWNERSHIP,
    "visit": VISIT_KINDS,
    "result": RESULTS,
    "industry": INDUSTRIES,
    "service": SERVICE_TYPES,
    "lost_reason": LOST_REASONS,
}
# input kind → number format; every other kind is text
KIND_FMT = {"date": "date", "money": "money", "number": "number", "int": "int", "year": "int", "percent": "percent"}
_MODEL_LISTS = {"level": "KAM_BUYING_CENTRE_LEVELS", "role": "KAM_BUYING_CENTRE_ROLES"}

Spec = Sequence[tuple[str, str, float]]  # ("field" or "field:label key", kind, column width or row height)


def letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def choice(value: object, labels: Sequence[Label], lang: str) -> object:
    """A code or a label in either language → the label in ``lang``; anything else as given."""
    if is_blank(value):
        return None
    for lab in labels:
        if value in (lab.code, lab.zh, lab.en):
            return lab.text(lang)
    return value


def value_of(book: Book, kind: str, value: object) -> object:
    """A data value as its cell holds it: dates, numbers, a choice's label in the book's language."""
    if kind == "date":
        return day_cell(value)
    if kind in KIND_FMT:
        return number_cell(value, kind)
    if kind.startswith("list:"):  # a product line: matched as text
        return None if is_blank(value) else str(value)
    bc = book.model.buying_centre
    labels = {"level": bc.levels, "role": bc.roles}.get(kind) or FIXED.get(kind.removeprefix("fixed:"))
    return choice(value, labels, book.lang) if labels else value


def validate(book: Book, ws: Sheet, ref: str, kind: str) -> None:
    """The validation of an input kind: date, number range, dropdown or text length."""
    if kind == "date":
        book.dates(ws, ref)
    elif kind in ("money", "number", "int"):
        book.number_range(ws, ref, 0, None, whole=kind == "int")
    elif kind == "year":
        book.number_range(ws, ref, 1800, 2200, whole=True)
    elif kind == "percent":
        book.number_range(ws, ref, 0, 1)
    elif kind in _MODEL_LISTS:
        book.choices(ws, ref, label(_MODEL_LISTS[kind], book.lang))
    elif kind.startswith("list:"):
        book.list_choices(ws, ref, kind[5:])
    elif kind.startswith("fixed:"):
        book.fixed_choices(ws, ref, [lab.text(book.lang) for lab in FIXED[kind[6:]]])
    else:
        book.text_limit(ws, ref)


def _field(entry: str) -> tuple[str, Text]:
    """A spec entry's dataclass field and its label."""
    name, _, key = entry.partition(":")
    key = key or name
    return name, LABELS.get(key) or COMMON[key]


def table(book: Book, ws: Sheet, header: int, spec: Spec, items: Sequence[object], n_rows: int) -> int:
    """A block of ``n_rows`` input rows under a header row, one column per field; returns its last row."""
    first, last = header + 1, header + n_rows
    for j, (entry, kind, width) in enumerate(spec):
        key, head_label = _field(entry)
        col = letter(j + 1)
        book.label(ws, f"{col}{header}", head_label)
        ws.widen(col, width)
        fmt = KIND_FMT.get(kind, "text")
        for i in range(n_rows):
            value = value_of(book, kind, getattr(items[i], key)) if i < len(items) else None
            book.input(ws, f"{col}{first + i}", value, fmt)
        validate(book, ws, f"{col}{first}:{col}{last}", kind)
    # a header that wraps needs its row's height (Excel does not grow the row by itself)
    heads = [(book.t(_field(entry)[1]), ws.widths.get(j + 1, 8.43)) for j, (entry, _, _) in enumerate(spec)]
    ws.height(header, max(ws.heights.get(header, 15.0), fit_height(heads)))
    return last


def fields(book: Book, ws: Sheet, row: int, item: object, spec: Spec, *, merge_to: str = "") -> int:
    """A form: label in column A, the input in B (merged to ``merge_to`` if given); returns the next row."""
    for entry, kind, height in spec:
        key, side = _field(entry)
        book.side(ws, f"A{row}", side)
        book.input(ws, f"B{row}", value_of(book, kind, getattr(item, key)), KIND_FMT.get(kind, "text"))
        validate(book, ws, f"B{row}", kind)
        if merge_to:
            ws.merge(f"B{row}:{merge_to}{row}")
        if height:
            ws.height(row, height)
        row += 1
    return row


def head(book: Book, ws: Sheet, title: Text | str, last_col: str) -> None:
    """Title, and the inputs hint across the columns up to ``last_col``."""
    book.title(ws, "A1", title)
    book.label(ws, "A2", COMMON["inputs_hint"], header=False)
    ws.merge(f"A2:{last_col}2")


def classed(book: Book, ws: Sheet, ref: str, value_ref: str, measure: str, value: object) -> None:
    """The account's class on the model's single-indicator classification ``measure`` (seed 002's 单一指标
    分类, docs/definitions.md §2.15) at ``ref``, from the indicator's cell ``value_ref`` (holding ``value``);
    nothing where the model does not class that indicator (a model without the ``[classification]`` entry)."""
    if measure not in book.model.classification.measures:
        return
    shown = classification.classify(value, measure, book.model, book.lang)
    shown = shown.item() if hasattr(shown, "item") else shown  # a 0-d array for a number, text for text
    book.indicator(ws, ref, "classify", value_ref, measure, book.lang, book.model, value=shown)
