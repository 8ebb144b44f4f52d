"""What ``kam-xl check`` reads back from a workbook's sheets: the input cells through the one cell reader (a value
it cannot use is a ``bad_input`` finding naming the cell) and the account plan's inputs where the plan kind lays
them out — split from :mod:`kam_xl.jobs.check`, which compares and reports."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection
from datetime import date
from typing import TypeVar

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple

from kam_xl.cells import identifier, parse_number, to_date
from kam_xl.core import monthly
from kam_xl.errors import KamError, Position
from kam_xl.models import Model
from kam_xl.problems import Problem
from kam_xl.readback import Grid
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
from kam_xl.workbooks.labels import Text

__all__ = ["FINDING_KINDS", "SheetInputs", "blank", "cell_ref", "column", "finding", "plan_inputs"]


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


def blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and v == "") or (isinstance(v, float) and v != v)


def finding(
    kind: str, sheet: str, cell: str, zh: str, en: str, *, value: object = None, expected: object = None
) -> Problem:
    """One thing found (a :class:`kam_xl.problems.Problem` of :data:`FINDING_KINDS`): its sheet and cell, the
    value found there and, for a stale figure or a model edit, the value expected."""
    return Problem.of(FINDING_KINDS, kind, zh, en, sheet=sheet, cell=cell, value=value, expected=expected)


def cell_ref(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


class SheetInputs:
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
            self.found.append(finding("bad_input", self.title, cell_ref(r, c), f"{exc.zh}；本值未计入重算",
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


def column(letter: str) -> int:
    return column_index_from_string(letter)


def _lines(d: SheetInputs) -> tuple[list[ProductLine], int | None]:
    """The diagnosis' product lines, and the rows of their block when the builder lays them out alike
    (:func:`_block`; None when not). The block ends at its total (the first figure-styled cell in column B
    below the first line)."""
    below = [r for (r, c) in (*d.g.formulas, *d.g.styled) if c == 2 and r >= LINES_FIRST_ROW]
    if not below:
        return [], None
    rows = range(LINES_FIRST_ROW, min(below))
    lines = [ProductLine(d.text((r, 1)), d.number((r, 2), f"product_lines[{k}].sales")) for k, r in enumerate(rows, 1)]
    lines, alike = block(lines, ProductLine(), len(rows), LINE_ROWS)
    return lines, len(rows) if alike else None


def numbered(d: SheetInputs, first: int) -> int:
    """The rows of a block numbered 1, 2, … in column A from ``first``, to its last numbered row: a row
    inserted into the block (column A blank) is part of it when the numbering goes on below it, so the rows
    after it are read (and laid out, and checked) too."""
    n, number, r = 0, 1, first
    while True:
        gap = r
        while blank(d.raw((gap, 1))) and gap - r < _GAP_LIMIT:
            gap += 1
        if d.raw((gap, 1)) != number:
            return n
        n, number, r = gap - first + 1, number + 1, gap + 1


def block(items: list[_Item], blank: _Item, n: int, minimum: int) -> tuple[list[_Item], bool]:
    """``items`` read from a block of ``n`` rows, trailing blank ones dropped, then padded so the builder
    lays out as many rows (it always leaves SPARE blank rows below the items: ``block_rows``); and whether
    it then does (not when the spare rows were filled in)."""
    while items and items[-1] == blank:
        items.pop()
    k = max(len(items), n - SPARE)
    return items + [blank] * (k - len(items)), n > 0 and max(minimum, k + SPARE) == n


def _actions(d: SheetInputs) -> tuple[list[Action], bool]:
    """The action plan's actions (the block numbered in column A), laid out alike or not (:func:`_block`)."""
    col = {k: column(c) for k, c in ACTION_COLUMNS.items()}
    out = []
    n = numbered(d, ACTIONS_FIRST_ROW)
    for k in range(n):
        r, field = ACTIONS_FIRST_ROW + k, f"actions[{k + 1}]"
        out.append(Action(
            action=d.text((r, col["action"])), owner=d.text((r, col["owner"])), phase=d.text((r, col["phase"])),
            start=d.day((r, col["start"]), f"{field}.start"), due=d.day((r, col["due"]), f"{field}.due"),
            budget=d.number((r, col["budget"]), f"{field}.budget"), spent=d.number((r, col["spent"]), f"{field}.spent"),
            status=d.text((r, col["status"])),
        ))  # fmt: skip
    return block(out, Action(), n, ACTION_ROWS)


def _contacts(d: SheetInputs) -> tuple[list[Contact], bool]:
    """The buying centre's contacts (the block numbered in column A), laid out alike or not."""
    col = {k: column(c) for k, c in CONTACT_COLUMNS.items()}
    n = numbered(d, CONTACTS_FIRST_ROW)
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
    return block(out, Contact(), n, CONTACT_ROWS)


def _needs(d: SheetInputs) -> tuple[list[Need], bool]:
    """The needs sheet's needs (kind, need, expectation, status quo in B:E), laid out alike or not."""
    n = numbered(d, NEEDS_FIRST_ROW)
    rows = range(NEEDS_FIRST_ROW, NEEDS_FIRST_ROW + n)
    return block([Need(*(d.text((r, c)) for c in (2, 3, 4, 5))) for r in rows], Need(), n, NEED_ROWS)


def _monthly(d: SheetInputs) -> tuple[MonthlyPlan, bool]:
    """The monthly plan's inputs where :func:`~kam_xl.workbooks.account_plan.monthly.monthly_sheet` lays them
    out — the plan year, each measure's twelve months, the wallet lines, the five growth steps, the joint
    plan's commitments — and whether the builder lays them out alike (the wallet's and commitments' rows)."""
    at = {k: column(c) for k, c in MONTH_COLUMNS.items()}
    months = []
    for k in range(monthly.MONTHS):
        fields: dict[str, object] = {"key_actions": d.text((MEASURE_FIRST_ROW["sales"] + k, at["key_actions"]))}
        for measure, names in MEASURES.items():
            for kind, name in zip(("target", "actual", "last_year"), names, strict=True):
                fields[name] = d.number((MEASURE_FIRST_ROW[measure] + k, at[kind]), f"monthly.months[{k + 1}].{name}")
        months.append(Month(**fields))  # type: ignore[arg-type]  # each field read as its type above
    wc, sc, cc = ({k: column(c) for k, c in cols.items()} for cols in (WALLET_COLUMNS, STEP_COLUMNS,
                                                                       COMMITMENT_COLUMNS))  # fmt: skip
    n = numbered(d, WALLET_FIRST_ROW)
    wallet = [
        WalletLine(d.text((r, wc["product_line"])), d.number((r, wc["total_spend"]), f"monthly.wallet[{k}].total_spend"),
                   d.number((r, wc["our_sales"]), f"monthly.wallet[{k}].our_sales"))
        for k, r in enumerate(range(WALLET_FIRST_ROW, WALLET_FIRST_ROW + n), 1)
    ]  # fmt: skip
    wallet, wallet_alike = block(wallet, WalletLine(), n, LINE_ROWS)
    steps_first = WALLET_FIRST_ROW + n + 3  # under the wallet: a blank row, the caption, the heading
    steps = [GrowthStep(d.text((r, sc["owner"])), d.text((r, sc["done"])), d.text((r, sc["note"])))
             for r in range(steps_first, steps_first + len(monthly.STEPS))]  # fmt: skip
    first = steps_first + len(monthly.STEPS) + 3
    m = numbered(d, first)
    commitments = [
        Commitment(item=d.text((r, cc["item"])), our_owner=d.text((r, cc["our_owner"])),
                   customer_owner=d.text((r, cc["customer_owner"])),
                   customer_commitment=d.text((r, cc["customer_commitment"])),
                   our_commitment=d.text((r, cc["our_commitment"])),
                   due=d.day((r, cc["due"]), f"monthly.commitments[{k}].due"), status=d.text((r, cc["status"])))
        for k, r in enumerate(range(first, first + m), 1)
    ]  # fmt: skip
    commitments, commitments_alike = block(commitments, Commitment(), m, COMMITMENT_ROWS)
    year = d.number(YEAR_CELL, "monthly.year")
    plan = MonthlyPlan(year=None if year is None else int(year), months=months, wallet=wallet, steps=steps,
                       commitments=commitments)  # fmt: skip
    return plan, wallet_alike and commitments_alike


def _competitors(d: SheetInputs, model: Model) -> tuple[list[Competitor], dict[str, float | None], bool]:
    """The competitors sheet's list (numbered in column A), each competitor's scores from its grid column and the
    importance per criterion — the grids read only when the list is laid out alike (a row inserted into the list
    moves them, and its grid has no column for it)."""
    col = {k: column(c) for k, c in COMPETITOR_COLUMNS.items()}
    n = numbered(d, COMPETITORS_FIRST_ROW)
    rows = range(COMPETITORS_FIRST_ROW, COMPETITORS_FIRST_ROW + n)
    listed = [
        Competitor(name=d.text((r, col["name"])), share=d.number((r, col["share"]), f"competitors[{k}].share"),
                   strengths=d.text((r, col["strengths"])), weaknesses=d.text((r, col["weaknesses"])),
                   usp=d.text((r, col["usp"])))
        for k, r in enumerate(rows, 1)
    ]  # fmt: skip
    _, alike = block(list(listed), Competitor(), n, COMPETITOR_ROWS)
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
    out, alike = block(out, Competitor(), n, COMPETITOR_ROWS)  # blank rows dropped, the spare ones padded again
    return (out, importance, True) if alike else ([], {}, False)


def plan_inputs(
    read: Callable[[str], SheetInputs], model: Model, present: Collection[str] = ()
) -> tuple[AccountPlan, list[str]]:
    """The plan's scorecard, barriers, diagnosis and action-plan inputs (and its as-of date, which the
    actions' overdue flags count from), where the plan kind lays them out (its public constants); and the
    sheets whose layout the builder reproduces from them."""
    card, walls = model.scorecard(model.tier_scorecard), model.barrier.wall_criteria
    sc, br, dg, ov, ac = read("scorecard"), read("barriers"), read("diagnosis"), read("overview"), read("actions")
    score_col, input_col = column(SCORE_COLUMN), column(BARRIER_INPUT_COLUMN)
    scores = {c.code: sc.number((CRITERIA_FIRST_ROW + k, score_col), f"scores.{c.code}")
              for k, c in enumerate(card.criteria)}  # fmt: skip
    # a computed wall criterion (share, contact) is a formula in the input column: what the user typed is
    # its override (blank: computed), so the rebuild recomputes it from the plan's own inputs
    over_col = column(WALL_OVERRIDE_COLUMN)
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
