"""Building an account plan: the book, the state the sheets share, and the plan's values read as cells.

Each sheet module lays its sheet out on the canvas through :class:`Layout`: captions and
inputs through the :class:`~kam_xl.workbooks.book.Book`'s methods, every figure through
:meth:`Layout.figure` (a registry entry, cached with the core's value), every cell that
shows a figure computed elsewhere through :meth:`Layout.shows`. A value the plan gives is
read by :mod:`kam_xl.cells`' rules; one that cannot be used is an error naming its field
(``contacts[3].influence``) and the cell it was meant for (``采购组织!G10``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import numpy as np

from kam_xl.cells import is_blank, parse_number, to_date
from kam_xl.core.bands import lookup
from kam_xl.errors import InputError, KamError, OutOfRangeError, Position
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model
from kam_xl.models.schema import Label
from kam_xl.workbooks.account_plan.data import AccountPlan
from kam_xl.workbooks.account_plan.labels import KIND, LABELS, SHEETS
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.canvas import Sheet, coordinate, quoted
from kam_xl.workbooks.labels import COMMON, Text, fit_height
from kam_xl.workbooks.model_sheet import MODEL_SHEET
from kam_xl.xlformulas.common import text

__all__ = [
    "ACCOUNT_ROW",
    "AS_OF_ROW",
    "Layout",
    "PlanBook",
    "absolute",
    "caption",
    "choice",
    "day",
    "keyed",
    "letters",
    "number",
    "plain",
    "quoted",
    "text_of",
]

ACCOUNT_ROW, AS_OF_ROW = 5, 8  # overview cells the other sheets refer to


def letters(n: int) -> str:
    """The first ``n`` column letters (a plan's sheets are narrower than 26 columns)."""
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[:n]


def absolute(title: str, ref: str) -> str:
    """Cell ``ref`` of sheet ``title`` as another sheet's formula names it: ``'概览'!$B$5``."""
    column = ref.rstrip("0123456789")
    return f"{quoted(title)}!${column}${ref[len(column) :]}"


def caption(key: str) -> Text:
    """A caption: the plan's labels, the common ones, or an indicator's name."""
    if key in LABELS:
        return LABELS[key]
    if key in COMMON:
        return COMMON[key]
    return (REGISTRY[key].zh, REGISTRY[key].en)


def plain(value: object) -> object:
    """A core result as a cell's cached value: a Python scalar; NaN (undefined) is blank."""
    if isinstance(value, np.ndarray):
        value = value.item()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


# ---------------------------------------------------------------- the plan's values, read as cells


def text_of(value: object) -> str | None:
    """Text as a cell holds it; blank (None, NaN, white space) is no text, so COUNTA does not count it."""
    return None if is_blank(value) else str(value)


def number(
    value: object, field: str, where: Position, lo: float | None = None, hi: float | None = None
) -> float | None:
    """A number (text as people type it, ``"¥1,200"``), None when blank; outside [lo, hi] is an error, never clamped."""
    v = parse_number(value, field, where)
    if v is not None and ((lo is not None and v < lo) or (hi is not None and v > hi)):
        zh = f"{lo:g}–{hi:g}" if hi is not None else f"≥ {lo:g}"
        en = f"{lo:g} to {hi:g}" if hi is not None else f">= {lo:g}"
        raise OutOfRangeError(field, f"{v:g}", zh, en, where)
    return v


def choice(value: object, labels: Sequence[Label], field: str, lang: str, where: Position) -> str | None:
    """A code or label (zh or en, any case) → the label in ``lang``; unknown text is an error naming the choices."""
    if is_blank(value):
        return None
    try:
        return labels[int(lookup([value], labels, field)[0])].text(lang)
    except KamError as exc:
        raise exc.at(where) from None


def day(value: object, field: str, where: Position) -> date | None:
    """A date (a date, an Excel serial or text as :func:`kam_xl.cells.to_date` reads it), None when blank."""
    return to_date(value, field, where)


def keyed(
    values: Mapping[str, object],
    codes: Sequence[str],
    field: str,
    lo: float | None,
    hi: float | None,
    where: Callable[[int], Position],
    sheet: str,
) -> list[float | None]:
    """Inputs keyed by model code, in the model's order (the ``k``-th lands at ``where(k)``);
    an unknown code or a value out of range is an error."""
    unknown = sorted(set(values) - set(codes))
    if unknown:
        raise InputError(
            field, f"未知的代码：{', '.join(unknown)}（可用：{', '.join(codes)}）",
            f"unknown codes: {', '.join(unknown)} (known: {', '.join(codes)})", Position(sheet=sheet),
        )  # fmt: skip
    return [number(values.get(c), f"{field}.{c}", where(k), lo, hi) for k, c in enumerate(codes)]


# ---------------------------------------------------------------- the book and the state the sheets share


class PlanBook(Book):
    """A :class:`Book` (laid out on the canvas) that also says where each figure landed.

    ``cells[key] = (sheet title, "F25")`` for the registry's indicators (``score``,
    ``tier``, ``coverage`` …), the action roll-ups (``pct_done``, ``n_overdue`` …) and
    the share-of-wallet gap, so a reader can find them again; :meth:`cached_value`
    gives the value a figure was written with.
    """

    def __init__(self, model: Model, lang: str, kind: Text) -> None:
        super().__init__(model, lang, kind)
        self.cells: dict[str, tuple[str, str]] = {}

    def laid_out(self, title: str) -> Sheet:
        return next(s for s in self.sheets if s.title == title)

    def cached_value(self, key: str) -> object:
        """The value figure ``key`` was written with (what the core computed)."""
        title, ref = self.cells[key]
        cell = self.laid_out(title).get(ref)
        assert cell is not None and isinstance(cell.value, tuple)
        return cell.value[1]

    def figures(self) -> dict[tuple[str, str], object]:
        """Every formula cell's cached value, by (sheet title, cell) — the Model sheet's too."""
        out = {(s.title, ref): cached for s in self.sheets if not s.streamed for ref, _, cached in s.formulas()}
        if self.model_sheet is not None:
            out.update({(MODEL_SHEET, ref): v for ref, v in self.model_sheet.figures().items()})
        return out


class Layout:
    """The book being built, the plan, and the figures other sheets refer to (``refs``, ``vals``)."""

    def __init__(self, plan: AccountPlan | None, model: Model, lang: str, as_of: date | None) -> None:
        self.p = plan or AccountPlan()
        self.model = model
        self.lang = lang
        self.book = PlanBook(model, lang, KIND)
        self.book.about = self.p.account  # printed in every page's header
        # in workbook order; each is laid out when its figures are known (the overview last)
        self.sheets = {key: self.book.sheet(title) for key, title in SHEETS.items()}
        given = day(as_of if as_of is not None else self.p.as_of, "as_of", self.at("overview", f"B{AS_OF_ROW}"))
        self.as_of = given or (None if plan is None else date.today())
        self.refs: dict[str, str] = {}  # key → absolute cross-sheet reference of a figure
        self.vals: dict[str, object] = {}  # key → its cached value

    # ------------------------------------------------------------ names and places

    def t(self, key: str) -> str:
        return self.book.t(caption(key))

    def title(self, key: str) -> str:
        return self.book.t(SHEETS[key])

    def at(self, key: str, ref: str) -> Position:
        """Where a value of the plan lands: sheet ``key``'s cell ``ref``."""
        row, column = coordinate(ref)
        return Position(sheet=self.title(key), row=row, column=column)

    def overview(self, row: int) -> str:
        """The overview's cell ``B{row}`` as another sheet's formula names it."""
        return absolute(self.title("overview"), f"B{row}")

    # ------------------------------------------------------------ cells

    def start(self, key: str, widths: Sequence[float]) -> Sheet:
        """Sheet ``key`` with its column widths, its title naming the account (from the overview, so
        every printed page says whose plan it is) and the note on inputs and formulas."""
        ws = self.sheets[key]
        for i, w in enumerate(widths, start=1):
            ws.width(i, w)
        title = f"{self.title(key)} — {self.book.t(KIND)}"
        account = self.overview(ACCOUNT_ROW)
        name = text_of(self.p.account)
        shown = f"{name} · {title}" if name is not None else title
        self.book.caption(ws, "A1", [f'IF({account}="","",{account}&" · ")', text(title)], shown, title=True)
        self.book.hint(ws, "A2", COMMON["inputs_hint"])
        return ws

    def head(self, ws: Sheet, ref: str, key: str) -> None:
        """A header-bar caption."""
        self.book.label(ws, ref, caption(key))

    def heads(self, ws: Sheet, row: int, columns: str, keys: Sequence[str]) -> None:
        """A row of header-bar captions: ``keys`` in ``columns`` (letters) of ``row``, the row high enough for the
        longest to wrap in full."""
        for col, key in zip(columns, keys, strict=True):
            self.head(ws, f"{col}{row}", key)
        need = fit_height(
            (self.t(k), ws.widths.get(coordinate(f"{c}1")[1], 8.43)) for c, k in zip(columns, keys, strict=True)
        )
        if need > ws.heights.get(row, 15.0):
            ws.height(row, need)

    def side(self, ws: Sheet, ref: str, key: str) -> None:
        """A bold row caption."""
        self.book.side(ws, ref, caption(key))

    def figure(
        self, key: str, ws: Sheet, ref: str, *args: object, value: object, fmt: str = "general", **kw: object
    ) -> str:
        """Registry entry ``key`` rendered over ``args`` and cached with the core's ``value``; the overview
        and the other sheets find it by its key. Returns the formula."""
        value = plain(value)
        formula = self.book.indicator(ws, ref, key, *args, value=value, fmt=fmt, **kw)
        self.refs[key] = absolute(ws.title, ref)
        self.book.cells[key] = (ws.title, ref)
        self.vals[key] = value
        return formula

    def shows(self, ws: Sheet, ref: str, key: str, fmt: str = "general") -> None:
        """A cell showing figure ``key`` (computed on another sheet)."""
        self.book.reference(ws, ref, self.refs[key], self.vals[key], fmt)
