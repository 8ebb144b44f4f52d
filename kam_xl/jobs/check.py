"""``kam-xl check``: what changed in a workbook kam_xl generated, by sheet and cell.

Five kinds of finding, each with the cell, what was expected and what was found:

- ``formula_error`` — a cell whose cached value is an Excel error (``#REF!``, ``#DIV/0!`` …);
- ``overwritten`` — a number or text typed over (or a blank left in) a cell where kam_xl wrote a
  formula;
- ``row_formulas`` — a row inside a list whose per-row formula cells are all empty (a row inserted
  into the list: it takes the row above's style but not its formulas), one finding per row;
- ``stale`` — a cached value the core, fed the workbook's own inputs, computes differently (the
  seed's stated 46 against the computed 44);
- ``model_edit`` — the Model sheet read back (its rows, as :func:`kam_xl.models.model_from_workbook` reads them) has another
  content hash than the one the workbook states: each Model row that differs from the shipped
  default model is named;
- ``bad_input`` — an input the recomputation could not use (see below).

How each is found, and why that way:

- *Which cells held kam_xl's formulas.* kam_xl writes every figure cell (an indicator, a reference, a
  model value) in one house style — grey fill, locked (:meth:`kam_xl.workbooks.book.Book.formula`) — and
  no other cell in it. A cell in that style holding no formula is an overwritten formula. Typing or
  pasting values keeps a cell's style, so this needs neither the inputs nor the layout (whose blocks
  grow with the data), and it covers every sheet and every kind. It misses a formula overwritten by
  pasting whole formatted cells over it, and the unstyled captions and Model-sheet derived cells.
- *Stated against computed.* The inputs the core needs are read back from their cells (where the
  kinds' public layout constants say they are) and the core computes the figures again; every cell
  the recomputation holds as a registry indicator is compared with the value the file caches there:
  the account plan's scorecard, buying centre, diagnosis, competitors, needs, barriers and action plan (the kind's
  own ``build`` on the inputs read back, each block as long as the file's — a block whose spare rows
  were filled in cannot be laid out alike, and its sheet is then not compared); the customer file's
  receivables sheet (its ledgers, as-of date and credit limit); every indicator column of the
  portfolio table, row by row, and its weight row (:func:`kam_xl.workbooks.portfolio.indicators`, the
  core's values the kind caches); both sheets of the development record (its ``build``). The plan's
  overview and resources and the portfolio's summary are checked for errors and overwritten formulas
  only. A formula cell with no cached value (a file saved by a tool that does not calculate) states
  nothing and is not compared.
- *Unreadable inputs* (``bad_input``): an input cell the one cell reader cannot use is named and left
  out of the recomputation; an input the core refuses (a score above the scale) stops the
  recomputation of that workbook, named at its cell.

The file is read once (:mod:`kam_xl.readback`) and only read; a file that is not a kam_xl workbook is
refused in one line.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

import numpy as np
from openpyxl.utils.cell import coordinate_to_tuple

from kam_xl.cells import date_to_serial, is_blank
from kam_xl.console import summary_table
from kam_xl.core import scorecard
from kam_xl.errors import FileError, KamError, Position
from kam_xl.indicators import REGISTRY
from kam_xl.jobs.check_inputs import FINDING_KINDS, SheetInputs, blank, cell_ref, column, finding, plan_inputs
from kam_xl.models import Model, default_model, model_from_rows, model_rows
from kam_xl.problems import Problem, count_by_kind
from kam_xl.readback import Grid, read_grids
from kam_xl.workbooks import development as dev_kind
from kam_xl.workbooks import portfolio as portfolio_kind
from kam_xl.workbooks.account_plan import SHEETS as PLAN_SHEETS
from kam_xl.workbooks.account_plan import build as build_plan
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.customer_file import SHEETS as FILE_SHEETS
from kam_xl.workbooks.customer_file import CustomerFile, Invoice, Receipt
from kam_xl.workbooks.customer_file import build as build_file
from kam_xl.workbooks.customer_file.ledger import FIRST_ROW
from kam_xl.workbooks.customer_file.places import (
    AS_OF_CELL,
    CREDIT_LIMIT_CELL,
    INVOICE_COLUMNS,
    RECEIPT_COLUMNS,
)
from kam_xl.workbooks.labels import Text
from kam_xl.workbooks.model_sheet import MODEL_SHEET, model_dict

__all__ = [
    "FINDING_KINDS",
    "KINDS",
    "CheckReport",
    "ReadBack",
    "check_read_back",
    "check_workbook_file",
    "model_differences",
    "read_back",
    "stated_hash",
]

KINDS: dict[str, dict[str, Text]] = {
    "account_plan": PLAN_SHEETS,
    "customer_file": FILE_SHEETS,
    "portfolio": portfolio_kind.SHEETS,
    "development": dev_kind.SHEETS,
}
_PROBLEMS: Text = ("问题", "Problems")  # the sheet `kam-xl score` and `rollup` add after the Model sheet
_HASH_LABEL = "model hash (SHA-256)"  # the Model sheet's caption of the stated hash (column D)


@dataclass(frozen=True)
class CheckReport:
    """What :func:`check_workbook_file` found in one workbook (``findings`` in sheet and cell order)."""

    path: Path
    kind: str
    lang: str
    findings: tuple[Problem, ...]
    recomputed: tuple[str, ...]  # the sheets whose figures were recomputed with the core
    model: Model | None = None  # the model the Model sheet holds (None when it cannot be read)

    @property
    def clean(self) -> bool:
        return not self.findings

    def summary(self, lang: str = "zh") -> str:
        """The findings, one line each, and a one-screen count by kind."""
        zh = lang == "zh"
        lines = [f.message(lang) for f in self.findings]
        counts = count_by_kind(self.findings, FINDING_KINDS, lang)
        title = f"{'检查' if zh else 'Check'} · {self.path.name}"
        lines.append(summary_table(title, ("项目", "数量") if zh else ("", "Count"), counts))
        shown = ", ".join(self.recomputed) or "—"
        lines.append(f"{'已用核心重算' if zh else 'Recomputed with the core'}: {shown}")
        if self.clean:
            lines.append("未发现问题" if zh else "Nothing found")
        return "\n".join(lines)


# ---------------------------------------------------------------- reading the file


# The customer file's sheets before its ledgers and order structure moved to sheets of their own (issue #7):
# such a file is named as what it is, not refused as unknown.
_EARLIER_FILE = (
    ["基本信息", "重要信息", "核心信息", "过程记录", "订单", "应收账款", MODEL_SHEET],
    ["Basic information", "Important information", "Core information", "Process log", "Orders", "Receivables",
     MODEL_SHEET],
)  # fmt: skip


# the sheets a kind gained later: a workbook made before them is still read (and checked as far as it goes)
_ADDED_SHEETS: dict[str, tuple[str, ...]] = {
    "portfolio": ("industries",),
    "account_plan": ("monthly", "competitors"),
    "development": ("funnel",),
    "customer_file": ("service",),
}


def _kind(path: Path, titles: list[str]) -> tuple[str, str]:
    """The kind and language a workbook's sheet titles say it is (its sheets, the Model sheet, and for a
    portfolio or development record the Problems sheet a command may add); anything else is not ours."""
    for kind, sheets in KINDS.items():
        for i, lang in enumerate(("zh", "en")):
            # a workbook made before a sheet its kind gained later (a portfolio before its industry selection,
            # an account plan before its monthly plan or competitors, a development record before its funnel, a
            # customer file before its service log) reads the same: check and refresh use the sheets it has
            later = _ADDED_SHEETS.get(kind, ())
            layouts = [
                [t[i] for k, t in sheets.items() if k not in gone] + [MODEL_SHEET]
                for n in range(len(later) + 1)
                for gone in combinations(later, n)
            ]
            for layout in layouts:
                if titles == layout or (kind in ("portfolio", "development") and titles == [*layout, _PROBLEMS[i]]):
                    return kind, lang
    if titles in _EARLIER_FILE:
        raise FileError(
            "workbook",
            "这是 kam_xl 早期版式的客户档案（台账与指标同在“应收账款”表）；当前版式把发票台账、收款台账和订单结构"
            "各放一张表。请用 kam-xl new-account 生成新档案，再把台账各行复制过去",
            "a customer file in an earlier kam_xl layout (the ledgers and figures on one Receivables sheet); this "
            "version keeps the invoices, the receipts and the order structure on sheets of their own. Write a new "
            "file with kam-xl new-account and copy the ledger rows into it",
            Position(source=path.name),
        )
    raise FileError(
        "workbook",
        "不是 kam_xl 生成的工作簿（大客户计划、客户档案、客户组合或开发记录；工作表为：" + "、".join(titles) + "）",
        "not a workbook kam_xl generated (an account plan, customer file, portfolio or development record; its "
        "sheets: " + ", ".join(titles) + ")",
        Position(source=path.name),
    )


# ---------------------------------------------------------------- what the file says against what it should


def _comparable(v: object) -> object:
    if isinstance(v, datetime | date):
        return float(date_to_serial(v))
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float):
        return float(v)
    return v


def _same(stated: object, computed: object) -> bool:
    if blank(stated) or blank(computed):
        return blank(stated) and blank(computed)
    a, b = _comparable(stated), _comparable(computed)
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return str(a) == str(b)


def _shown(v: object) -> str:
    if blank(v):
        return "（空）/ (blank)"
    if isinstance(v, datetime):
        v = v.date()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _rows_without_formulas(g: Grid) -> dict[int, list[int]]:
    """The rows of a list that hold none of their formulas, and their empty figure cells: a row with no
    formula at all whose figure cells are all blank, each with a formula (or such a row) straight above it
    — what inserting a row into a list leaves (the new row takes the style of the row above, not its
    formulas)."""
    with_formula = {r for r, _ in g.formulas}
    typed_over = {r for (r, _), v in g.styled.items() if not blank(v)}
    rows: dict[int, list[int]] = {}
    for r, c in sorted(g.styled):
        if r not in with_formula and r not in typed_over:
            rows.setdefault(r, []).append(c)
    out: dict[int, list[int]] = {}
    for r in sorted(rows):  # top down, so a run of inserted rows leans on the first one's row above
        if all((r - 1, c) in g.formulas or (r - 1 in out and c in out[r - 1]) for c in rows[r]):
            out[r] = rows[r]
    return out


def _errors_and_overwrites(grids: dict[str, Grid]) -> list[Problem]:
    out: list[Problem] = []
    for title, g in grids.items():
        for (r, c), err in sorted(g.errors.items()):
            out.append(finding("formula_error", title, cell_ref(r, c), f"单元格的值为 {err}", f"the cell's value is {err}",
                                value=err))  # fmt: skip
        inserted = _rows_without_formulas(g)
        for r, cs in inserted.items():
            cells = ", ".join(cell_ref(r, c) for c in cs)
            zh = f"此行没有 kam_xl 的公式（{cells} 为空）：将上一行的计算单元格（灰色）复制到此行"
            en = f"this row has none of kam_xl's formulas ({cells} empty): copy the row above's computed (grey) cells into it"
            out.append(finding("row_formulas", title, cell_ref(r, cs[0]), zh, en))
        for (r, c), v in sorted(g.styled.items()):
            if (r, c) in g.errors or r in inserted:
                continue  # an error typed or pasted over a formula: reported once, as an error; a row: once
            zh = f"kam_xl 在此写入的公式已被 {_shown(v)} 取代" if not blank(v) else "kam_xl 在此写入的公式已被清除"
            en = (
                f"kam_xl's formula here was replaced by {_shown(v)}" if not blank(v) else "kam_xl's formula was cleared"
            )
            out.append(finding("overwritten", title, cell_ref(r, c), zh, en, value=v))
    return out


def _stated_hash(g: Grid) -> tuple[str, str | None]:
    for (r, c), v in g.values.items():
        if c == 4 and v == _HASH_LABEL:
            stated = g.values.get((r, 5))
            return cell_ref(r, 5), None if stated is None else str(stated)
    return "E1", None


def _model_edits(g: Grid) -> tuple[Model | None, list[Problem]]:
    """The model the Model sheet holds, and a finding per row that differs from the default when the
    sheet's content hash is not the one the workbook states."""
    hash_cell, stated = _stated_hash(g)
    try:
        model = model_from_rows(_model_sheet_rows(g))  # the rows already read: the file is not opened again
    except KamError as exc:
        where = exc.position if isinstance(exc.position, Position) else None
        cell = cell_ref(where.row, where.column) if where and where.row and where.column else hash_cell
        return None, [finding("model_edit", MODEL_SHEET, cell, exc.zh, exc.en)]
    if stated == model.content_hash:
        return model, []
    out = model_differences(model, default_model(), g, "默认模型", "the default model's", "（模型哈希与工作簿所载不符）",
                            " (the model hash differs from the stated one)")  # fmt: skip
    if not out:
        out.append(finding("model_edit", MODEL_SHEET, hash_cell, "模型哈希与 Model 表的内容不符",
                            "the stated model hash does not match the Model sheet", value=stated,
                            expected=model.content_hash))  # fmt: skip
    return model, out


def _model_sheet_rows(g: Grid) -> list[tuple[object, object, Position]]:
    """The Model sheet's ``(path, value, cell)`` rows under its header, as :func:`model_from_workbook` reads them."""
    rows = sorted({r for (r, c) in g.values if r >= 2 and c <= 2})
    return [(g.values.get((r, 1)), g.values.get((r, 2)), Position(sheet=MODEL_SHEET, row=r, column=2)) for r in rows]


def model_differences(
    model: Model, reference: Model, g: Grid, ref_zh: str, ref_en: str, note_zh: str = "", note_en: str = ""
) -> list[Problem]:
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
        out.append(finding(
            "model_edit", MODEL_SHEET, cell_ref(cells[p], 2),
            f"{p} 为 {_shown(v)}，{ref_zh}为 {_shown(was)}{note_zh}",
            f"{p} is {_shown(v)}, {ref_en} is {_shown(was)}{note_en}", value=v, expected=was,
        ))  # fmt: skip
    return out


def _file_inputs(summary: SheetInputs, inv_sheet: SheetInputs, rec_sheet: SheetInputs) -> CustomerFile:
    """The two ledger sheets' rows (every row down to the last one filled in, so rows keep their places),
    the Receivables sheet's as-of date and credit limit, each cell read by the one cell reader."""
    inv = {k: column(INVOICE_COLUMNS[k]) for k in ("no", "date", "due", "amount")}
    rec = {k: column(RECEIPT_COLUMNS[k]) for k in ("no", "date", "amount")}

    def last(d: SheetInputs, columns: dict[str, int]) -> int:
        filled = [r for (r, c) in d.g.values if c in columns.values() and r >= FIRST_ROW]
        return max(filled, default=FIRST_ROW - 1)

    i, p = inv_sheet, rec_sheet
    invoices = [
        Invoice(i.text((r, inv["no"])), i.day((r, inv["date"]), "invoice_date"), i.day((r, inv["due"]), "due_date"),
                i.number((r, inv["amount"]), "amount"))
        for r in range(FIRST_ROW, last(i, inv) + 1)
    ]  # fmt: skip
    receipts = [
        Receipt(p.text((r, rec["no"])), p.day((r, rec["date"]), "receipt_date"), p.number((r, rec["amount"]), "amount"))
        for r in range(FIRST_ROW, last(p, rec) + 1)
    ]
    return CustomerFile(invoices=invoices, receipts=receipts,
                        credit_limit=summary.number(CREDIT_LIMIT_CELL, "credit_limit"),
                        as_of=summary.day(AS_OF_CELL, "as_of"), sort_ledgers=False)  # fmt: skip


def _differs(title: str, ref: str, key: str, stated: object, computed: object) -> Problem:
    name = REGISTRY[key]
    return finding(
        "stale", title, ref,
        f"{name.zh}：工作簿所载 {_shown(stated)}，按工作簿的输入重算为 {_shown(computed)}",
        f"{name.en}: the workbook states {_shown(stated)}, its inputs give {_shown(computed)}",
        value=stated, expected=computed,
    )  # fmt: skip


def _stated(g: Grid, at: tuple[int, int]) -> object:
    """The value a formula cell caches; None when there is nothing to compare (overwritten, an error — both
    reported as such — or no cached value, which states nothing)."""
    if at not in g.formulas or at in g.errors:
        return None
    return g.values.get(at)


def _stale(book: Book, title: str, g: Grid) -> list[Problem]:
    """Every registry figure of ``title`` in the rebuilt book whose value the file caches differently."""
    sheet = next(s for s in book.sheets if s.title == title)
    out = []
    for ref, _, computed in sheet.formulas():
        key = book.sources.get((title, ref), "")
        stated = _stated(g, coordinate_to_tuple(ref)) if key in REGISTRY else None
        if stated is not None and not _same(stated, computed):
            out.append(_differs(title, ref, key, stated, computed))
    return out


def _bad_input(exc: KamError, title: str) -> Problem:
    """A finding for an input the core refused (at the cell its error names): nothing is recomputed."""
    where = exc.position if isinstance(exc.position, Position) else None
    sheet = where.sheet if where and where.sheet else title
    cell = cell_ref(where.row, where.column) if where and where.row and where.column else "A1"
    return finding("bad_input", sheet, cell, exc.zh, exc.en)


def _recompute_portfolio(d: SheetInputs, model: Model, lang: str) -> list[Problem]:
    """Every indicator column of the table, row by row, as :func:`kam_xl.workbooks.portfolio.indicators`
    computes it from the inputs read back (the values the kind caches), and the weight row."""
    g, title = d.g, d.title
    cols = portfolio_kind.columns(model)
    i = 0 if lang == "zh" else 1
    for j, c in enumerate(cols, start=1):  # a column inserted or moved: nothing lines up
        head = g.values.get((portfolio_kind.HEADER_ROW, j))
        if head != c.header[i]:
            ref = cell_ref(portfolio_kind.HEADER_ROW, j)
            return [finding("bad_input", title, ref,
                            f"此列标题应为“{c.header[0]}”，实为 {_shown(head)}：列已移动，未重算",
                            f"this column's header should be '{c.header[1]}', it is {_shown(head)}: the columns "
                            "moved, nothing was recomputed", value=head)]  # fmt: skip
    first = portfolio_kind.FIRST_ROW
    width = len(cols)
    used = [r for (r, c) in (*g.values, *g.formulas) if r >= first and c <= width]
    n = max(used, default=first - 1) - first + 1
    inputs: dict[str, np.ndarray] = {}
    for j, c in enumerate(cols, start=1):
        if c.kind == "text":
            raw = [g.values.get((first + k, j)) for k in range(n)]
            inputs[c.key] = np.array([None if is_blank(v) else str(v) for v in raw], dtype=object)
        elif c.kind == "number":
            raw = [g.values.get((first + k, j)) for k in range(n)]
            if all(v is None for v in raw):
                continue  # a column left blank: as a table without it
            plain = np.array([np.nan if v is None else v for v in raw], dtype=float) if all(
                v is None or type(v) in (int, float) for v in raw
            ) else None  # fmt: skip
            if plain is None or np.isinf(plain).any():  # text, dates, errors …: the one cell reader, cell by cell
                nums = [d.number((first + k, j), c.key) for k in range(n)]
                plain = np.array([np.nan if v is None else v for v in nums], dtype=float)
            inputs[c.key] = plain
    try:
        computed = portfolio_kind.indicators(inputs, n, model, lang)
    except KamError as exc:  # the core's row (header = row 1) is the table's row first + row - 2
        where = exc.position if isinstance(exc.position, Position) else None
        row = first + where.row - 2 if where and where.row else portfolio_kind.HEADER_ROW
        return [finding("bad_input", title, cell_ref(row, 1), exc.zh, exc.en)]
    out = []
    card = model.scorecard()
    signed = scorecard.weight_direction(card, model)
    criteria = [j for j, c in enumerate(cols, start=1) if c.key.startswith("criterion:")]
    for k, j in enumerate(criteria):
        at = (portfolio_kind.WEIGHT_ROW, j)
        stated = _stated(g, at)
        if stated is not None and not _same(stated, float(signed[k])):
            out.append(_differs(title, cell_ref(*at), "weight_direction", stated, float(signed[k])))
    for j, c in enumerate(cols, start=1):
        if c.kind != "formula":
            continue
        values = computed[c.key]
        for k in range(n):
            at = (first + k, j)
            stated = _stated(g, at)
            if stated is not None and stated != values[k] and not _same(stated, values[k]):
                out.append(_differs(title, cell_ref(*at), c.entry, stated, values[k]))
    return out


def _recompute_development(d: SheetInputs, grids: dict[str, Grid], titles: dict[str, str], model: Model, lang: str
                           ) -> list[Problem]:  # fmt: skip
    """Both sheets of the development record, rebuilt by its kind from the attempts read back (as many rows
    as the file's block, so every range and summary lines up)."""
    g, title = d.g, d.title
    cols = dev_kind.columns()
    at = {c.key: j for j, c in enumerate(cols, start=1)}
    first = dev_kind.FIRST_ROW
    computed_cols = {at[key] for key in dev_kind.FORMULAS}
    block = [r for (r, c) in (*g.formulas, *g.styled) if c == at["probability"] and r >= first]
    filled = [r for (r, c) in g.values if r >= first and c <= len(cols) and c not in computed_cols]
    last = max(filled, default=first - 1)

    def text(r: int, key: str) -> str | None:
        v = g.values.get((r, at[key]))
        return None if is_blank(v) else str(v)

    records = [
        dev_kind.Attempt(
            account=text(r, "account"), industry=text(r, "industry"), owner=text(r, "owner"),
            source=text(r, "source"), first_contact=d.day((r, at["first_contact"]), "first_contact"),
            stage=text(r, "stage"), expected_value=d.number((r, at["expected_value"]), "expected_value"),
            next_step=text(r, "next_step"), due=d.day((r, at["due"]), "due"), outcome=text(r, "outcome"),
            reason=text(r, "reason"), lessons=text(r, "lessons"),
            # the funnel's columns (blank in a record made before them)
            possible_on=d.day((r, at["possible_on"]), "possible_on"), regular_on=d.day((r, at["regular_on"]), "regular_on"),
            key_on=d.day((r, at["key_on"]), "key_on"), closed_on=d.day((r, at["closed_on"]), "closed_on"),
            loss_category=text(r, "loss_category"),
        )
        for r in range(first, last + 1)
    ]  # fmt: skip
    spare = max(block, default=first - 1) - first + 1 - len(records)

    try:
        book = dev_kind.build(records, model=model, lang=lang, spare_rows=max(0, spare))
    except KamError as exc:  # the builder numbers attempts from 1 and names the field
        where = exc.position if isinstance(exc.position, Position) else None
        row = first + where.row - 1 if where and where.row else first
        return [finding("bad_input", title, cell_ref(row, at.get(exc.field, 1)), exc.zh, exc.en)]
    return [f for key in dev_kind.SHEETS if titles[key] in grids for f in _stale(book, titles[key], grids[titles[key]])]


def _recompute(kind: str, lang: str, grids: dict[str, Grid], model: Model) -> tuple[list[Problem], list[str]]:
    """The stale-value findings (and bad inputs) of a workbook, and the sheets recomputed with the core."""
    titles = {key: t[0 if lang == "zh" else 1] for key, t in KINDS[kind].items()}
    found: list[Problem] = []

    def read(key: str) -> SheetInputs:
        return SheetInputs(titles[key], grids[titles[key]], found)

    try:
        if kind == "portfolio":
            found += _recompute_portfolio(read("table"), model, lang)
            return found, [titles["table"]]
        if kind == "development":
            found += _recompute_development(read("record"), grids, titles, model, lang)
            return found, [titles[k] for k in dev_kind.SHEETS if titles[k] in grids]
        if kind == "account_plan":
            plan, keys = plan_inputs(read, model, [k for k in titles if titles[k] in grids])
            book: Book = build_plan(plan, model=model, lang=lang)
        else:
            keys = ["receivables", "invoices", "receipts"]
            book = build_file(_file_inputs(*map(read, ("receivables", "invoices", "receipts"))), model=model,
                              lang=lang)  # fmt: skip
    except KamError as exc:  # an input the core cannot use: named, and nothing recomputed
        return [*found, _bad_input(exc, titles[next(iter(titles))])], []
    shown = [k for k in titles if k in keys]  # in workbook order
    for key in shown:
        found += _stale(book, titles[key], grids[titles[key]])
    return found, [titles[k] for k in shown]


@dataclass(frozen=True)
class ReadBack:
    """A kam_xl workbook as the file holds it: its kind (:data:`KINDS`), language and every sheet's :class:`Grid`."""

    path: Path
    kind: str
    lang: str
    grids: dict[str, Grid]


def read_back(path: str | os.PathLike[str]) -> ReadBack:
    """Read a kam_xl workbook of any kind (:data:`KINDS`) in one pass (:func:`kam_xl.readback.read_grids`;
    the file is only read); anything else is refused with a :class:`FileError` in one line."""
    p = Path(path)
    grids = read_grids(p, "workbook")
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

    def place(f: Problem) -> tuple[int, int, int]:
        r, c = coordinate_to_tuple(f.cell)
        return order.get(f.sheet, len(order)), r, c

    return CheckReport(p, kind, lang, tuple(sorted(findings, key=place)), tuple(recomputed), held)
