"""``kam-xl check``: what changed in a workbook kam_xl generated, by sheet and cell.

Four kinds of finding, each with the cell, what was expected and what was found:

- ``formula_error`` — a cell whose cached value is an Excel error (``#REF!``, ``#DIV/0!`` …);
- ``overwritten`` — a number or text typed over (or a blank left in) a cell where kam_xl wrote a
  formula;
- ``stale`` — a cached value the core, fed the workbook's own inputs, computes differently (the
  seed's stated 46 against the computed 44);
- ``model_edit`` — the Model sheet read back (its rows, as :func:`kam_xl.models.model_from_workbook` reads them) has another
  content hash than the one the workbook states: each Model row that differs from the shipped
  default model is named.

How each is found, and why that way:

- *Which cells held kam_xl's formulas.* kam_xl writes every figure cell (an indicator, a reference, a
  model value) in one house style — grey fill, locked (:meth:`kam_xl.workbooks.book.Book.formula`) — and
  no other cell in it. A cell in that style holding no formula is an overwritten formula. Typing or
  pasting values keeps a cell's style, so this needs neither the inputs nor the layout (whose blocks
  grow with the data), and it covers every sheet and every kind. It misses a formula overwritten by
  pasting whole formatted cells over it, and the unstyled captions and Model-sheet derived cells.
- *Stated against computed.* The inputs the core needs are read back from their cells and the same
  kind is built again (the kind's own ``build``, so its own core calls); every cell the rebuilt book
  holds as a registry indicator is compared with the value the file caches there. The account plan's
  scorecard (criterion scores → contributions, raw and 0–100 score, tier) and the customer file's
  receivables sheet (the two ledgers, as-of date and credit limit → every row-level and per-account
  figure) are recomputed; the other sheets are checked for errors and overwritten formulas only.
  A formula cell with no cached value (a file saved by a tool that does not calculate) states
  nothing and is not compared.

Portfolio and development workbooks are not supported yet (refused in one line, as is a file that is
not a kam_xl workbook). The file is only read.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from kam_xl.cells import date_to_serial, identifier, parse_number, to_date
from kam_xl.console import summary_table
from kam_xl.errors import FileError, KamError, Position
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model, default_model, model_from_rows, model_rows
from kam_xl.reading import check_workbook, open_workbook, read_error
from kam_xl.workbooks.account_plan import SHEETS as PLAN_SHEETS
from kam_xl.workbooks.account_plan import AccountPlan
from kam_xl.workbooks.account_plan import build as build_plan
from kam_xl.workbooks.book import FORMULA_FILL_COLOR, Book
from kam_xl.workbooks.customer_file import SHEETS as FILE_SHEETS
from kam_xl.workbooks.customer_file import CustomerFile, Invoice, Receipt
from kam_xl.workbooks.customer_file import build as build_file
from kam_xl.workbooks.customer_file.ledger import FIRST_ROW
from kam_xl.workbooks.customer_file.receivables_sheet import INVOICE_COLUMNS, RECEIPT_COLUMNS
from kam_xl.workbooks.labels import Text
from kam_xl.workbooks.model_sheet import MODEL_SHEET, model_dict

__all__ = [
    "FINDING_KINDS",
    "KINDS",
    "CheckReport",
    "Finding",
    "Grid",
    "ReadBack",
    "check_read_back",
    "check_workbook_file",
    "model_differences",
    "read_back",
    "stated_hash",
]

KINDS: dict[str, dict[str, Text]] = {"account_plan": PLAN_SHEETS, "customer_file": FILE_SHEETS}
FINDING_KINDS: dict[str, Text] = {
    "formula_error": ("公式错误", "formula error"),
    "overwritten": ("公式被覆盖", "overwritten formula"),
    "stale": ("数值与重算不符", "stated value differs from the recomputation"),
    "model_edit": ("模型被修改", "model edited"),
    "bad_input": ("输入无法读取", "unreadable input"),
}
_HASH_LABEL = "model hash (SHA-256)"  # the Model sheet's caption of the stated hash (column D)


@dataclass(frozen=True)
class Finding:
    """One thing found: its kind (:data:`FINDING_KINDS`), sheet and cell, what was expected and found."""

    kind: str
    sheet: str
    cell: str
    expected: object
    found: object
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        """One line: ``sheet!cell: kind: message``."""
        kind = FINDING_KINDS[self.kind][0 if lang == "zh" else 1]
        return f"{self.sheet}!{self.cell}: {kind}: {self.zh if lang == 'zh' else self.en}"


@dataclass(frozen=True)
class CheckReport:
    """What :func:`check_workbook_file` found in one workbook (``findings`` in sheet and cell order)."""

    path: Path
    kind: str
    lang: str
    findings: tuple[Finding, ...]
    recomputed: tuple[str, ...]  # the sheets whose figures were recomputed with the core
    model: Model | None = None  # the model the Model sheet holds (None when it cannot be read)

    @property
    def clean(self) -> bool:
        return not self.findings

    def summary(self, lang: str = "zh") -> str:
        """The findings, one line each, and a one-screen count by kind."""
        zh = lang == "zh"
        lines = [f.message(lang) for f in self.findings]
        counts = [(FINDING_KINDS[k][0 if zh else 1], sum(f.kind == k for f in self.findings)) for k in FINDING_KINDS]
        title = f"{'检查' if zh else 'Check'} · {self.path.name}"
        lines.append(summary_table(title, ("项目", "数量") if zh else ("", "Count"), counts))
        shown = ", ".join(self.recomputed) or "—"
        lines.append(f"{'已用核心重算' if zh else 'Recomputed with the core'}: {shown}")
        if self.clean:
            lines.append("未发现问题" if zh else "Nothing found")
        return "\n".join(lines)


# ---------------------------------------------------------------- reading the file


@dataclass
class Grid:
    """One sheet as the file holds it: cached values, formulas and figure-styled cells, by (row, column)."""

    values: dict[tuple[int, int], object]
    errors: dict[tuple[int, int], str]
    formulas: set[tuple[int, int]]
    styled: dict[tuple[int, int], object]  # figure-styled cells that hold no formula: their content


def _cells(ws: Any) -> Iterator[Any]:
    ws.reset_dimensions()  # the rows that are there, not the size the file declares
    for row in ws.iter_rows():
        for cell in row:
            if getattr(cell, "row", None) is not None:
                yield cell


def _read(path: Path) -> dict[str, Grid]:
    """Every sheet's cached values and errors (one pass), then its formulas and figure styles (another)."""
    grids: dict[str, Grid] = {}
    try:
        wb = open_workbook(path, "workbook")
        try:
            for ws in wb.worksheets:
                g = grids[ws.title] = Grid({}, {}, set(), {})
                for c in _cells(ws):
                    if c.data_type == "e":
                        g.errors[c.row, c.column] = str(c.value)
                    elif c.value is not None:
                        g.values[c.row, c.column] = c.value
        finally:
            wb.close()
        wb = open_workbook(path, "workbook", formulas=True)
        try:
            for ws in wb.worksheets:
                g = grids[ws.title]
                for c in _cells(ws):
                    if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("=")):
                        g.formulas.add((c.row, c.column))
                    elif c.has_style and str(c.fill.fgColor.rgb)[-6:].upper() == FORMULA_FILL_COLOR:
                        g.styled[c.row, c.column] = c.value
        finally:
            wb.close()
    except KamError:
        raise
    except Exception as exc:  # a sheet's XML is parsed only as its rows are read
        raise read_error(exc, "workbook", path) from None
    return grids


def _kind(path: Path, titles: list[str]) -> tuple[str, str]:
    """The kind and language a workbook's sheet titles say it is; anything else is not ours (one line)."""
    for kind, sheets in KINDS.items():
        for i, lang in enumerate(("zh", "en")):
            if [t[i] for t in sheets.values()] + [MODEL_SHEET] == titles:
                return kind, lang
    raise FileError(
        "workbook",
        "不是 kam_xl 生成的大客户战略管理计划或大客户档案（工作表为：" + "、".join(titles) + "）",
        "not an account plan or customer file generated by kam_xl (its sheets: " + ", ".join(titles) + ")",
        Position(source=path.name),
    )


def _ref(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


# ---------------------------------------------------------------- what the file says against what it should


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and v == "") or (isinstance(v, float) and v != v)


def _comparable(v: object) -> object:
    if isinstance(v, datetime | date):
        return float(date_to_serial(v))
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float):
        return float(v)
    return v


def _same(stated: object, computed: object) -> bool:
    if _blank(stated) or _blank(computed):
        return _blank(stated) and _blank(computed)
    a, b = _comparable(stated), _comparable(computed)
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return str(a) == str(b)


def _shown(v: object) -> str:
    if _blank(v):
        return "（空）/ (blank)"
    if isinstance(v, datetime):
        v = v.date()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _errors_and_overwrites(grids: dict[str, Grid]) -> list[Finding]:
    out: list[Finding] = []
    for title, g in grids.items():
        for (r, c), err in sorted(g.errors.items()):
            out.append(Finding("formula_error", title, _ref(r, c), "a value", err, f"单元格的值为 {err}",
                               f"the cell's value is {err}"))  # fmt: skip
        for (r, c), v in sorted(g.styled.items()):
            if (r, c) in g.errors:
                continue  # an error typed or pasted over a formula: reported once, as an error
            zh = f"kam_xl 在此写入的公式已被 {_shown(v)} 取代" if not _blank(v) else "kam_xl 在此写入的公式已被清除"
            en = (
                f"kam_xl's formula here was replaced by {_shown(v)}"
                if not _blank(v)
                else "kam_xl's formula was cleared"
            )
            out.append(Finding("overwritten", title, _ref(r, c), "a formula", v, zh, en))
    return out


def _stated_hash(g: Grid) -> tuple[str, str | None]:
    for (r, c), v in g.values.items():
        if c == 4 and v == _HASH_LABEL:
            stated = g.values.get((r, 5))
            return _ref(r, 5), None if stated is None else str(stated)
    return "E1", None


def _model_edits(g: Grid) -> tuple[Model | None, list[Finding]]:
    """The model the Model sheet holds, and a finding per row that differs from the default when the
    sheet's content hash is not the one the workbook states."""
    hash_cell, stated = _stated_hash(g)
    try:
        model = model_from_rows(_model_sheet_rows(g))  # the rows already read: the file is not opened again
    except KamError as exc:
        where = exc.position if isinstance(exc.position, Position) else None
        cell = _ref(where.row, where.column) if where and where.row and where.column else hash_cell
        return None, [Finding("model_edit", MODEL_SHEET, cell, "a valid model", None, exc.zh, exc.en)]
    if stated == model.content_hash:
        return model, []
    out = model_differences(model, default_model(), g, "默认模型", "the default model's", "（模型哈希与工作簿所载不符）",
                            " (the model hash differs from the stated one)")  # fmt: skip
    if not out:
        out.append(Finding("model_edit", MODEL_SHEET, hash_cell, stated, model.content_hash,
                           "模型哈希与 Model 表的内容不符", "the stated model hash does not match the Model sheet"))  # fmt: skip
    return model, out


def _model_sheet_rows(g: Grid) -> list[tuple[object, object, Position]]:
    """The Model sheet's ``(path, value, cell)`` rows under its header, as :func:`model_from_workbook` reads them."""
    rows = sorted({r for (r, c) in g.values if r >= 2 and c <= 2})
    return [(g.values.get((r, 1)), g.values.get((r, 2)), Position(sheet=MODEL_SHEET, row=r, column=2)) for r in rows]


def model_differences(
    model: Model, reference: Model, g: Grid, ref_zh: str, ref_en: str, note_zh: str = "", note_en: str = ""
) -> list[Finding]:
    """A ``model_edit`` finding per row of the Model sheet ``g`` (holding ``model``) whose value differs
    from ``reference``'s: ``ref_zh`` / ``ref_en`` name the reference in the message ("默认模型", "the
    default model's"), ``note_zh`` / ``note_en`` end it."""
    shipped = dict(model_rows(model_dict(reference)))
    now = model_rows(model_dict(model))
    cells = {str(v): r for (r, c), v in g.values.items() if c == 1}
    out = []
    for p, v in now:
        if (p in shipped and _same(shipped[p], v)) or p not in cells:
            continue
        was = shipped.get(p)
        out.append(Finding(
            "model_edit", MODEL_SHEET, _ref(cells[p], 2), was, v,
            f"{p} 为 {_shown(v)}，{ref_zh}为 {_shown(was)}{note_zh}",
            f"{p} is {_shown(v)}, {ref_en} is {_shown(was)}{note_en}",
        ))  # fmt: skip
    return out


def _plan_inputs(g: Grid, model: Model) -> AccountPlan:
    """The scorecard's criterion scores (column F from row 5, in the model's order: its fixed layout)."""
    card = model.scorecard(model.tier_scorecard)
    scores = {c.code: _number(g, 5 + k, 6, c.code) for k, c in enumerate(card.criteria)}
    return AccountPlan(scores=scores)


def _number(g: Grid, row: int, col: int, field: str) -> float | None:
    return parse_number(g.values.get((row, col)), field, Position(row=row, column=col))


def _day(g: Grid, row: int, col: int, field: str) -> date | None:
    return to_date(g.values.get((row, col)), field, Position(row=row, column=col))


def _text(g: Grid, row: int, col: int) -> str | None:
    return identifier(g.values.get((row, col)))


def _file_inputs(g: Grid) -> CustomerFile:
    """The receivables sheet's ledgers (every row down to the last one filled in, so rows keep their
    places), as-of date and credit limit, each cell read by the one cell reader."""
    inv = {k: column_index_from_string(INVOICE_COLUMNS[k]) for k in ("no", "date", "due", "amount")}
    rec = {k: column_index_from_string(RECEIPT_COLUMNS[k]) for k in ("no", "date", "amount")}

    def last(columns: dict[str, int]) -> int:
        filled = [r for (r, c) in g.values if c in columns.values() and r >= FIRST_ROW]
        return max(filled, default=FIRST_ROW - 1)

    invoices = [
        Invoice(
            _text(g, r, inv["no"]),
            _day(g, r, inv["date"], "invoice_date"),
            _day(g, r, inv["due"], "due_date"),
            _number(g, r, inv["amount"], "amount"),
        )
        for r in range(FIRST_ROW, last(inv) + 1)
    ]
    receipts = [
        Receipt(_text(g, r, rec["no"]), _day(g, r, rec["date"], "receipt_date"), _number(g, r, rec["amount"], "amount"))
        for r in range(FIRST_ROW, last(rec) + 1)
    ]
    return CustomerFile(
        invoices=invoices,
        receipts=receipts,
        credit_limit=_number(g, 3, 2, "credit_limit"),
        as_of=_day(g, 2, 2, "as_of"),
    )


def _stale(book: Book, title: str, g: Grid) -> list[Finding]:
    """Every registry figure of ``title`` in the rebuilt book whose value the file caches differently."""
    sheet = next(s for s in book.sheets if s.title == title)
    out = []
    for ref, _, computed in sheet.formulas():
        key = book.sources.get((title, ref), "")
        if key not in REGISTRY:
            continue
        from openpyxl.utils.cell import coordinate_to_tuple

        at = coordinate_to_tuple(ref)
        if at not in g.formulas or at in g.errors:
            continue  # overwritten or an error: reported as such
        stated = g.values.get(at)
        if stated is None or _same(stated, computed):
            continue  # no cached value states nothing
        name = REGISTRY[key]
        out.append(Finding(
            "stale", title, ref, computed, stated,
            f"{name.zh}：工作簿所载 {_shown(stated)}，按工作簿的输入重算为 {_shown(computed)}",
            f"{name.en}: the workbook states {_shown(stated)}, its inputs give {_shown(computed)}",
        ))  # fmt: skip
    return out


def _recompute(kind: str, lang: str, grids: dict[str, Grid], model: Model) -> tuple[list[Finding], list[str]]:
    sheets = KINDS[kind]
    key = "scorecard" if kind == "account_plan" else "receivables"
    title = sheets[key][0 if lang == "zh" else 1]
    g = grids[title]
    try:
        if kind == "account_plan":
            book: Book = build_plan(_plan_inputs(g, model), model=model, lang=lang)
        else:
            book = build_file(_file_inputs(g), model=model, lang=lang)
    except KamError as exc:  # an input the core cannot read: named, and nothing recomputed
        where = exc.position if isinstance(exc.position, Position) else None
        cell = _ref(where.row, where.column) if where and where.row and where.column else "A1"
        return [Finding("bad_input", (where.sheet if where and where.sheet else title), cell, "", "", exc.zh,
                        exc.en)], []  # fmt: skip
    return _stale(book, title, g), [title]


@dataclass(frozen=True)
class ReadBack:
    """A kam_xl workbook as the file holds it: its kind (:data:`KINDS`), language and every sheet's :class:`Grid`."""

    path: Path
    kind: str
    lang: str
    grids: dict[str, Grid]


def read_back(path: str | os.PathLike[str]) -> ReadBack:
    """Read a kam_xl account plan or customer file (the file is only read); anything else is refused
    with a :class:`FileError` in one line."""
    p = Path(path)
    check_workbook(p, "workbook")
    grids = _read(p)
    kind, lang = _kind(p, list(grids))
    if _stated_hash(grids[MODEL_SHEET])[1] is None:
        raise FileError("workbook", "Model 表中没有模型哈希：不是 kam_xl 生成的工作簿",
                        "the Model sheet states no model hash: not a workbook kam_xl generated",
                        Position(source=p.name, sheet=MODEL_SHEET))  # fmt: skip
    return ReadBack(p, kind, lang, grids)


def stated_hash(book: ReadBack) -> str | None:
    """The model hash the workbook states on its Model sheet."""
    return _stated_hash(book.grids[MODEL_SHEET])[1]


def check_workbook_file(path: str | os.PathLike[str], *, model: Model | None = None) -> CheckReport:
    """Check one generated (and perhaps edited) workbook: formula errors, overwritten formulas, stated
    values the core computes differently from the workbook's inputs, and Model-sheet edits.

    ``model``: recompute with this model instead of the one the workbook's Model sheet holds. A file
    that is not a kam_xl account plan or customer file is refused with a :class:`FileError`.
    """
    return check_read_back(read_back(path), model=model)


def check_read_back(book: ReadBack, *, model: Model | None = None) -> CheckReport:
    """:func:`check_workbook_file` on a workbook already read."""
    p, grids, kind, lang = book.path, book.grids, book.kind, book.lang
    findings = _errors_and_overwrites(grids)
    held, edits = _model_edits(grids[MODEL_SHEET])
    findings += edits
    recomputed: list[str] = []
    use = model or held
    if use is not None:
        stale, recomputed = _recompute(kind, lang, grids, use)
        findings += stale
    order = {t: i for i, t in enumerate(grids)}

    def place(f: Finding) -> tuple[int, int, int]:
        from openpyxl.utils.cell import coordinate_to_tuple

        r, c = coordinate_to_tuple(f.cell)
        return order.get(f.sheet, len(order)), r, c

    return CheckReport(p, kind, lang, tuple(sorted(findings, key=place)), tuple(recomputed), held)
