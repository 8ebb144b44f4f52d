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

import dataclasses
import math
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from itertools import combinations
from pathlib import Path
from typing import TypeVar

import numpy as np
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple

from kam_xl.cells import date_to_serial, identifier, is_blank, parse_number, to_date
from kam_xl.console import summary_table
from kam_xl.core import monthly, scorecard
from kam_xl.errors import FileError, KamError, Position
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model, default_model, model_from_rows, model_rows
from kam_xl.problems import Problem, count_by_kind
from kam_xl.readback import Grid, read_grids
from kam_xl.workbooks import development as dev_kind
from kam_xl.workbooks import portfolio as portfolio_kind
from kam_xl.workbooks.account_plan import (
    ACTION_ROWS,
    COMPETITOR_ROWS,
    CONTACT_ROWS,
    LINE_ROWS,
    NEED_ROWS,
    AccountPlan,
    Action,
    Competitor,
    Contact,
    Need,
    ProductLine,
)
from kam_xl.workbooks.account_plan import SHEETS as PLAN_SHEETS
from kam_xl.workbooks.account_plan import build as build_plan
from kam_xl.workbooks.account_plan.actions import ACTION_COLUMNS, ACTIONS_FIRST_ROW
from kam_xl.workbooks.account_plan.barriers import (
    BARRIER_INPUT_COLUMN,
    COMPONENTS,
    COMPUTED_WALL,
    WALL_FIRST_ROW,
    WALL_OVERRIDE_COLUMN,
)
from kam_xl.workbooks.account_plan.competitors import (
    COMPETITOR_COLUMNS,
    COMPETITORS_FIRST_ROW,
    GRID_FIRST_COLUMN,
    places,
)
from kam_xl.workbooks.account_plan.data import SPARE, Commitment, GrowthStep, Month, MonthlyPlan, WalletLine
from kam_xl.workbooks.account_plan.diagnosis import (
    LINES_FIRST_ROW,
    NEEDS_FIRST_ROW,
    OUR_SALES_CELL,
    STAGE_CELL,
    TOTAL_SPEND_CELL,
    TYPE_CELL,
)
from kam_xl.workbooks.account_plan.layout import AS_OF_ROW
from kam_xl.workbooks.account_plan.monthly import (
    COMMITMENT_COLUMNS,
    COMMITMENT_ROWS,
    MEASURE_FIRST_ROW,
    MEASURES,
    MONTH_COLUMNS,
    STEP_COLUMNS,
    WALLET_COLUMNS,
    WALLET_FIRST_ROW,
    YEAR_CELL,
)
from kam_xl.workbooks.account_plan.scorecard import (
    CONTACT_COLUMNS,
    CONTACTS_FIRST_ROW,
    CRITERIA_FIRST_ROW,
    SCORE_COLUMN,
)
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
FINDING_KINDS: dict[str, Text] = {
    "formula_error": ("公式错误", "formula error"),
    "overwritten": ("公式被覆盖", "overwritten formula"),
    "row_formulas": ("行缺少公式（插入的行？）", "row without its formulas (an inserted row?)"),
    "stale": ("数值与重算不符", "stated value differs from the recomputation"),
    "model_edit": ("模型被修改", "model edited"),
    "bad_input": ("输入无法读取", "unreadable input"),
}
_Item = TypeVar("_Item")  # a repeated item of a plan's block (a product line, an action, a need)
_GAP_LIMIT = 50  # unnumbered rows read past inside a numbered block (rows inserted at one place)
_HASH_LABEL = "model hash (SHA-256)"  # the Model sheet's caption of the stated hash (column D)


def _finding(
    kind: str, sheet: str, cell: str, zh: str, en: str, *, value: object = None, expected: object = None
) -> Problem:
    """One thing found (a :class:`kam_xl.problems.Problem` of :data:`FINDING_KINDS`): its sheet and cell, the
    value found there and, for a stale figure or a model edit, the value expected."""
    return Problem.of(FINDING_KINDS, kind, zh, en, sheet=sheet, cell=cell, value=value, expected=expected)


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


def _rows_without_formulas(g: Grid) -> dict[int, list[int]]:
    """The rows of a list that hold none of their formulas, and their empty figure cells: a row with no
    formula at all whose figure cells are all blank, each with a formula (or such a row) straight above it
    — what inserting a row into a list leaves (the new row takes the style of the row above, not its
    formulas)."""
    with_formula = {r for r, _ in g.formulas}
    typed_over = {r for (r, _), v in g.styled.items() if not _blank(v)}
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
            out.append(_finding("formula_error", title, _ref(r, c), f"单元格的值为 {err}", f"the cell's value is {err}",
                                value=err))  # fmt: skip
        inserted = _rows_without_formulas(g)
        for r, cs in inserted.items():
            cells = ", ".join(_ref(r, c) for c in cs)
            zh = f"此行没有 kam_xl 的公式（{cells} 为空）：将上一行的计算单元格（灰色）复制到此行"
            en = f"this row has none of kam_xl's formulas ({cells} empty): copy the row above's computed (grey) cells into it"
            out.append(_finding("row_formulas", title, _ref(r, cs[0]), zh, en))
        for (r, c), v in sorted(g.styled.items()):
            if (r, c) in g.errors or r in inserted:
                continue  # an error typed or pasted over a formula: reported once, as an error; a row: once
            zh = f"kam_xl 在此写入的公式已被 {_shown(v)} 取代" if not _blank(v) else "kam_xl 在此写入的公式已被清除"
            en = (
                f"kam_xl's formula here was replaced by {_shown(v)}"
                if not _blank(v)
                else "kam_xl's formula was cleared"
            )
            out.append(_finding("overwritten", title, _ref(r, c), zh, en, value=v))
    return out


def _stated_hash(g: Grid) -> tuple[str, str | None]:
    for (r, c), v in g.values.items():
        if c == 4 and v == _HASH_LABEL:
            stated = g.values.get((r, 5))
            return _ref(r, 5), None if stated is None else str(stated)
    return "E1", None


def _model_edits(g: Grid) -> tuple[Model | None, list[Problem]]:
    """The model the Model sheet holds, and a finding per row that differs from the default when the
    sheet's content hash is not the one the workbook states."""
    hash_cell, stated = _stated_hash(g)
    try:
        model = model_from_rows(_model_sheet_rows(g))  # the rows already read: the file is not opened again
    except KamError as exc:
        where = exc.position if isinstance(exc.position, Position) else None
        cell = _ref(where.row, where.column) if where and where.row and where.column else hash_cell
        return None, [_finding("model_edit", MODEL_SHEET, cell, exc.zh, exc.en)]
    if stated == model.content_hash:
        return model, []
    out = model_differences(model, default_model(), g, "默认模型", "the default model's", "（模型哈希与工作簿所载不符）",
                            " (the model hash differs from the stated one)")  # fmt: skip
    if not out:
        out.append(_finding("model_edit", MODEL_SHEET, hash_cell, "模型哈希与 Model 表的内容不符",
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
        out.append(_finding(
            "model_edit", MODEL_SHEET, _ref(cells[p], 2),
            f"{p} 为 {_shown(v)}，{ref_zh}为 {_shown(was)}{note_zh}",
            f"{p} is {_shown(v)}, {ref_en} is {_shown(was)}{note_en}", value=v, expected=was,
        ))  # fmt: skip
    return out


class _Inputs:
    """One sheet's input cells read through the one cell reader (:mod:`kam_xl.cells`); a value it cannot use
    is a ``bad_input`` finding naming the cell, and is left blank."""

    def __init__(self, title: str, g: Grid, found: list[Problem]) -> None:
        self.title, self.g, self.found = title, g, found

    def raw(self, at: tuple[int, int] | str) -> object:
        return self.g.values.get(coordinate_to_tuple(at) if isinstance(at, str) else at)

    def _read(self, at: tuple[int, int] | str, field: str, fn: Callable[[object, str, Position], object]) -> object:
        r, c = coordinate_to_tuple(at) if isinstance(at, str) else at
        value = self.g.values.get((r, c))
        try:
            return fn(value, field, Position(sheet=self.title, row=r, column=c))
        except KamError as exc:
            self.found.append(_finding("bad_input", self.title, _ref(r, c), f"{exc.zh}；本值未计入重算",
                                       f"{exc.en}; left out of the recomputation", value=value))  # fmt: skip
            return None

    def number(self, at: tuple[int, int] | str, field: str) -> float | None:
        value = self._read(at, field, parse_number)
        return value if isinstance(value, float) else None

    def day(self, at: tuple[int, int] | str, field: str) -> date | None:
        value = self._read(at, field, to_date)
        return value if isinstance(value, date) else None

    def text(self, at: tuple[int, int] | str) -> str | None:
        return identifier(self.raw(at))


def _column(letter: str) -> int:
    return column_index_from_string(letter)


def _lines(d: _Inputs) -> tuple[list[ProductLine], int | None]:
    """The diagnosis' product lines, and the rows of their block when the builder lays them out alike
    (:func:`_block`; None when not). The block ends at its total (the first figure-styled cell in column B
    below the first line)."""
    below = [r for (r, c) in (*d.g.formulas, *d.g.styled) if c == 2 and r >= LINES_FIRST_ROW]
    if not below:
        return [], None
    rows = range(LINES_FIRST_ROW, min(below))
    lines = [ProductLine(d.text((r, 1)), d.number((r, 2), f"product_lines[{k}].sales")) for k, r in enumerate(rows, 1)]
    lines, alike = _block(lines, ProductLine(), len(rows), LINE_ROWS)
    return lines, len(rows) if alike else None


def _numbered(d: _Inputs, first: int) -> int:
    """The rows of a block numbered 1, 2, … in column A from ``first``, to its last numbered row: a row
    inserted into the block (column A blank) is part of it when the numbering goes on below it, so the rows
    after it are read (and laid out, and checked) too."""
    n, number, r = 0, 1, first
    while True:
        gap = r
        while _blank(d.raw((gap, 1))) and gap - r < _GAP_LIMIT:
            gap += 1
        if d.raw((gap, 1)) != number:
            return n
        n, number, r = gap - first + 1, number + 1, gap + 1


def _block(items: list[_Item], blank: _Item, n: int, minimum: int) -> tuple[list[_Item], bool]:
    """``items`` read from a block of ``n`` rows, trailing blank ones dropped, then padded so the builder
    lays out as many rows (it always leaves SPARE blank rows below the items: ``block_rows``); and whether
    it then does (not when the spare rows were filled in)."""
    while items and items[-1] == blank:
        items.pop()
    k = max(len(items), n - SPARE)
    return items + [blank] * (k - len(items)), n > 0 and max(minimum, k + SPARE) == n


def _actions(d: _Inputs) -> tuple[list[Action], bool]:
    """The action plan's actions (the block numbered in column A), laid out alike or not (:func:`_block`)."""
    col = {k: _column(c) for k, c in ACTION_COLUMNS.items()}
    out = []
    n = _numbered(d, ACTIONS_FIRST_ROW)
    for k in range(n):
        r, field = ACTIONS_FIRST_ROW + k, f"actions[{k + 1}]"
        out.append(Action(
            action=d.text((r, col["action"])), owner=d.text((r, col["owner"])), phase=d.text((r, col["phase"])),
            start=d.day((r, col["start"]), f"{field}.start"), due=d.day((r, col["due"]), f"{field}.due"),
            budget=d.number((r, col["budget"]), f"{field}.budget"), spent=d.number((r, col["spent"]), f"{field}.spent"),
            status=d.text((r, col["status"])),
        ))  # fmt: skip
    return _block(out, Action(), n, ACTION_ROWS)


def _contacts(d: _Inputs) -> tuple[list[Contact], bool]:
    """The buying centre's contacts (the block numbered in column A), laid out alike or not."""
    col = {k: _column(c) for k, c in CONTACT_COLUMNS.items()}
    n = _numbered(d, CONTACTS_FIRST_ROW)
    out = []
    for k in range(n):
        r = CONTACTS_FIRST_ROW + k
        # reports to and our owner: columns a plan made before them has empty (read as blank)
        text = {
            f: d.text((r, col[f])) for f in ("name", "title", "level", "role", "stance", "disc", "reports_to", "owner")
        }
        num = {
            f: d.number((r, col[f]), f"contacts[{k + 1}].{f}") for f in ("influence", "trust", "interest", "emotion")
        }
        out.append(Contact(
            name=text["name"], title=text["title"], level=text["level"], role=text["role"], stance=text["stance"],
            influence=num["influence"], disc=text["disc"], trust=num["trust"], interest=num["interest"],
            emotion=num["emotion"], reports_to=text["reports_to"], owner=text["owner"],
        ))  # fmt: skip
    return _block(out, Contact(), n, CONTACT_ROWS)


def _needs(d: _Inputs) -> tuple[list[Need], bool]:
    """The needs sheet's needs (kind, need, expectation, status quo in B:E), laid out alike or not."""
    n = _numbered(d, NEEDS_FIRST_ROW)
    rows = range(NEEDS_FIRST_ROW, NEEDS_FIRST_ROW + n)
    return _block([Need(*(d.text((r, c)) for c in (2, 3, 4, 5))) for r in rows], Need(), n, NEED_ROWS)


def _monthly(d: _Inputs) -> tuple[MonthlyPlan, bool]:
    """The monthly plan's inputs where :func:`~kam_xl.workbooks.account_plan.monthly.monthly_sheet` lays them
    out — the plan year, each measure's twelve months, the wallet lines, the five growth steps, the joint
    plan's commitments — and whether the builder lays them out alike (the wallet's and commitments' rows)."""
    at = {k: _column(c) for k, c in MONTH_COLUMNS.items()}
    months = []
    for k in range(monthly.MONTHS):
        fields: dict[str, object] = {"key_actions": d.text((MEASURE_FIRST_ROW["sales"] + k, at["key_actions"]))}
        for measure, names in MEASURES.items():
            for kind, name in zip(("target", "actual", "last_year"), names, strict=True):
                fields[name] = d.number((MEASURE_FIRST_ROW[measure] + k, at[kind]), f"monthly.months[{k + 1}].{name}")
        months.append(Month(**fields))  # type: ignore[arg-type]  # each field read as its type above
    wc, sc, cc = ({k: _column(c) for k, c in cols.items()} for cols in (WALLET_COLUMNS, STEP_COLUMNS,
                                                                       COMMITMENT_COLUMNS))  # fmt: skip
    n = _numbered(d, WALLET_FIRST_ROW)
    wallet = [
        WalletLine(d.text((r, wc["product_line"])), d.number((r, wc["total_spend"]), f"monthly.wallet[{k}].total_spend"),
                   d.number((r, wc["our_sales"]), f"monthly.wallet[{k}].our_sales"))
        for k, r in enumerate(range(WALLET_FIRST_ROW, WALLET_FIRST_ROW + n), 1)
    ]  # fmt: skip
    wallet, wallet_alike = _block(wallet, WalletLine(), n, LINE_ROWS)
    steps_first = WALLET_FIRST_ROW + n + 3  # under the wallet: a blank row, the caption, the heading
    steps = [GrowthStep(d.text((r, sc["owner"])), d.text((r, sc["done"])), d.text((r, sc["note"])))
             for r in range(steps_first, steps_first + len(monthly.STEPS))]  # fmt: skip
    first = steps_first + len(monthly.STEPS) + 3
    m = _numbered(d, first)
    commitments = [
        Commitment(item=d.text((r, cc["item"])), our_owner=d.text((r, cc["our_owner"])),
                   customer_owner=d.text((r, cc["customer_owner"])),
                   customer_commitment=d.text((r, cc["customer_commitment"])),
                   our_commitment=d.text((r, cc["our_commitment"])),
                   due=d.day((r, cc["due"]), f"monthly.commitments[{k}].due"), status=d.text((r, cc["status"])))
        for k, r in enumerate(range(first, first + m), 1)
    ]  # fmt: skip
    commitments, commitments_alike = _block(commitments, Commitment(), m, COMMITMENT_ROWS)
    year = d.number(YEAR_CELL, "monthly.year")
    plan = MonthlyPlan(year=None if year is None else int(year), months=months, wallet=wallet, steps=steps,
                       commitments=commitments)  # fmt: skip
    return plan, wallet_alike and commitments_alike


def _competitors(d: _Inputs, model: Model) -> tuple[list[Competitor], dict[str, float | None], bool]:
    """The competitors sheet's list (numbered in column A), each competitor's scores from its grid column and the
    importance per criterion — the grids read only when the list is laid out alike (a row inserted into the list
    moves them, and its grid has no column for it)."""
    col = {k: _column(c) for k, c in COMPETITOR_COLUMNS.items()}
    n = _numbered(d, COMPETITORS_FIRST_ROW)
    rows = range(COMPETITORS_FIRST_ROW, COMPETITORS_FIRST_ROW + n)
    listed = [
        Competitor(name=d.text((r, col["name"])), share=d.number((r, col["share"]), f"competitors[{k}].share"),
                   strengths=d.text((r, col["strengths"])), weaknesses=d.text((r, col["weaknesses"])),
                   usp=d.text((r, col["usp"])))
        for k, r in enumerate(rows, 1)
    ]  # fmt: skip
    _, alike = _block(list(listed), Competitor(), n, COMPETITOR_ROWS)
    if not alike:
        return [], {}, False
    dims = model.satisfaction.dimensions
    at = places(n, len(dims))
    importance = {x.code: d.number((at.scores + k, 3), f"importance.{x.code}") for k, x in enumerate(dims)}  # in C
    out = []
    for i, c in enumerate(listed):
        j = GRID_FIRST_COLUMN + i
        scores = {x.code: d.number((at.scores + k, j), f"competitors[{i + 1}].scores.{x.code}")
                  for k, x in enumerate(dims)}  # fmt: skip
        out.append(dataclasses.replace(c, scores={k: v for k, v in scores.items() if v is not None}))
    out, alike = _block(out, Competitor(), n, COMPETITOR_ROWS)  # blank rows dropped, the spare ones padded again
    return (out, importance, True) if alike else ([], {}, False)


def _plan_inputs(
    read: Callable[[str], _Inputs], model: Model, present: Collection[str] = ()
) -> tuple[AccountPlan, list[str]]:
    """The plan's scorecard, barriers, diagnosis and action-plan inputs (and its as-of date, which the
    actions' overdue flags count from), where the plan kind lays them out (its public constants); and the
    sheets whose layout the builder reproduces from them."""
    card, walls = model.scorecard(model.tier_scorecard), model.barrier.wall_criteria
    sc, br, dg, ov, ac = read("scorecard"), read("barriers"), read("diagnosis"), read("overview"), read("actions")
    score_col, input_col = _column(SCORE_COLUMN), _column(BARRIER_INPUT_COLUMN)
    scores = {c.code: sc.number((CRITERIA_FIRST_ROW + k, score_col), f"scores.{c.code}")
              for k, c in enumerate(card.criteria)}  # fmt: skip
    # a computed wall criterion (share, contact) is a formula in the input column: what the user typed is
    # its override (blank: computed), so the rebuild recomputes it from the plan's own inputs
    over_col = _column(WALL_OVERRIDE_COLUMN)
    wall = {
        w.code: br.number((WALL_FIRST_ROW + k, over_col if w.code in COMPUTED_WALL else input_col), f"wall.{w.code}")
        for k, w in enumerate(walls)
    }
    top = WALL_FIRST_ROW + len(walls) + 4  # under the wall: its total, its ratio, a blank row, a header
    technical, commercial, procedural, financial, relational = (
        br.number((top + k, input_col), key) for k, key in enumerate(COMPONENTS)
    )
    lines, block = _lines(dg)
    alike = block is not None
    actions, actions_alike = _actions(ac)
    needs, needs_alike = _needs(read("needs"))
    contacts, contacts_alike = _contacts(read("buying"))
    # a plan made before its monthly or competitors sheet has none: nothing to read or compare
    monthly_plan, monthly_alike = _monthly(read("monthly")) if "monthly" in present else (MonthlyPlan(), False)
    comps, importance, comps_alike = _competitors(read("competitors"), model) if "competitors" in present else (
        [], {}, False)  # fmt: skip
    dims = model.satisfaction.dimensions
    first = LINES_FIRST_ROW + (block or 0) + 4  # under the lines: their total, a blank row, two header rows
    plan = AccountPlan(
        scores=scores, wall=wall, technical=technical, commercial=commercial, procedural=procedural,
        financial=financial, relational=relational,
        stage=dg.text(STAGE_CELL), relationship_type=dg.text(TYPE_CELL),
        our_sales=dg.number(OUR_SALES_CELL, "our_sales"), total_spend=dg.number(TOTAL_SPEND_CELL, "total_spend"),
        product_lines=lines, actions=actions, needs=needs, contacts=contacts, as_of=ov.day((AS_OF_ROW, 2), "as_of"),
        monthly=monthly_plan,
        perceived={d.code: dg.number((first + k, 3), f"perceived.{d.code}") for k, d in enumerate(dims)} if alike else {},
        expected={d.code: dg.number((first + k, 4), f"expected.{d.code}") for k, d in enumerate(dims)} if alike else {},
        competitors=comps, importance=importance,
    )  # fmt: skip
    return plan, [
        "scorecard",
        "barriers",
        *(["diagnosis"] if alike else []),
        *(["actions"] if actions_alike else []),
        *(["needs"] if needs_alike else []),
        *(["buying"] if contacts_alike else []),
        *(["monthly"] if monthly_alike else []),
        # the competitors sheet sets them against the diagnosis' scores and share of wallet
        *(["competitors"] if comps_alike and alike else []),
    ]


def _file_inputs(summary: _Inputs, inv_sheet: _Inputs, rec_sheet: _Inputs) -> CustomerFile:
    """The two ledger sheets' rows (every row down to the last one filled in, so rows keep their places),
    the Receivables sheet's as-of date and credit limit, each cell read by the one cell reader."""
    inv = {k: _column(INVOICE_COLUMNS[k]) for k in ("no", "date", "due", "amount")}
    rec = {k: _column(RECEIPT_COLUMNS[k]) for k in ("no", "date", "amount")}

    def last(d: _Inputs, columns: dict[str, int]) -> int:
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
    return _finding(
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
    cell = _ref(where.row, where.column) if where and where.row and where.column else "A1"
    return _finding("bad_input", sheet, cell, exc.zh, exc.en)


def _recompute_portfolio(d: _Inputs, model: Model, lang: str) -> list[Problem]:
    """Every indicator column of the table, row by row, as :func:`kam_xl.workbooks.portfolio.indicators`
    computes it from the inputs read back (the values the kind caches), and the weight row."""
    g, title = d.g, d.title
    cols = portfolio_kind.columns(model)
    i = 0 if lang == "zh" else 1
    for j, c in enumerate(cols, start=1):  # a column inserted or moved: nothing lines up
        head = g.values.get((portfolio_kind.HEADER_ROW, j))
        if head != c.header[i]:
            ref = _ref(portfolio_kind.HEADER_ROW, j)
            return [_finding("bad_input", title, ref,
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
        return [_finding("bad_input", title, _ref(row, 1), exc.zh, exc.en)]
    out = []
    card = model.scorecard()
    signed = scorecard.weight_direction(card, model)
    criteria = [j for j, c in enumerate(cols, start=1) if c.key.startswith("criterion:")]
    for k, j in enumerate(criteria):
        at = (portfolio_kind.WEIGHT_ROW, j)
        stated = _stated(g, at)
        if stated is not None and not _same(stated, float(signed[k])):
            out.append(_differs(title, _ref(*at), "weight_direction", stated, float(signed[k])))
    for j, c in enumerate(cols, start=1):
        if c.kind != "formula":
            continue
        values = computed[c.key]
        for k in range(n):
            at = (first + k, j)
            stated = _stated(g, at)
            if stated is not None and stated != values[k] and not _same(stated, values[k]):
                out.append(_differs(title, _ref(*at), c.entry, stated, values[k]))
    return out


def _recompute_development(d: _Inputs, grids: dict[str, Grid], titles: dict[str, str], model: Model, lang: str
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
        return [_finding("bad_input", title, _ref(row, at.get(exc.field, 1)), exc.zh, exc.en)]
    return [f for key in dev_kind.SHEETS if titles[key] in grids for f in _stale(book, titles[key], grids[titles[key]])]


def _recompute(kind: str, lang: str, grids: dict[str, Grid], model: Model) -> tuple[list[Problem], list[str]]:
    """The stale-value findings (and bad inputs) of a workbook, and the sheets recomputed with the core."""
    titles = {key: t[0 if lang == "zh" else 1] for key, t in KINDS[kind].items()}
    found: list[Problem] = []

    def read(key: str) -> _Inputs:
        return _Inputs(titles[key], grids[titles[key]], found)

    try:
        if kind == "portfolio":
            found += _recompute_portfolio(read("table"), model, lang)
            return found, [titles["table"]]
        if kind == "development":
            found += _recompute_development(read("record"), grids, titles, model, lang)
            return found, [titles[k] for k in dev_kind.SHEETS if titles[k] in grids]
        if kind == "account_plan":
            plan, keys = _plan_inputs(read, model, [k for k in titles if titles[k] in grids])
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
