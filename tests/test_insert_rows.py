"""Rows inserted inside each list block of each blank template, in LibreOffice as a user inserts them
(whole rows selected, Insert Rows Above, the sheet still protected), filled in and recalculated.

A list block is a sheet's rows of input cells under a heading row, found in the file by its data
validations (every input column of a block has one, over the whole block). Rows are inserted in the
block's middle; then every range that covers the block — formulas on any sheet (totals, counts,
SUMPRODUCTs), conditional formats, chart series, defined names, the filter — must end at the block's
new last row, and the inserted cells must carry their column's validation. A range "covers the block"
when it starts at the block's first row (or its heading row) and reaches at least half-way down it:
one that stops before the last spare row is reported, since a row inserted below its end is outside it.
Content beside a block in the same rows (another table, a summary) is a finding too: an inserted row
splits it (the customer file keeps each of its lists on a sheet of its own for that reason).

Per-row formula cells of an inserted row are empty (neither Excel nor LibreOffice fills formulas into an
inserted row outside an Excel Table): the counts and sums of typed inputs include the row at once; its
own computed cells (a weighted value, an over-budget flag) once the row above is copied into it, as the
README's section on workbooks tells a user to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uno_lo
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from kam_xl.models import default_model
from kam_xl.workbooks import account_plan, customer_file, development, portfolio
from kam_xl.workbooks.account_plan.competitors import COMPETITORS_FIRST_ROW
from kam_xl.workbooks.account_plan.data import LINE_ROWS
from kam_xl.workbooks.account_plan.diagnosis import LINES_FIRST_ROW, NEEDS_FIRST_ROW
from kam_xl.workbooks.account_plan.monthly import WALLET_FIRST_ROW
from kam_xl.workbooks.customer_file.places import SERVICE_HEADER
from kam_xl.workbooks.portfolio_industries import FIRST_ROW as INDUSTRY_ROW

pytestmark = pytest.mark.skipif(uno_lo.missing() is not None, reason=str(uno_lo.missing()))

N = 3  # rows inserted into each block
MODEL = default_model()

# kind → (module, its sheets' titles, the list blocks as (sheet key, first row))
KINDS: dict[str, tuple[Any, dict[str, Any], list[tuple[str, int]]]] = {
    "account_plan": (
        account_plan,
        account_plan.SHEETS,
        # the monthly plan's wallet lines and, in the blank plan, its joint-plan commitments (under the wallet's
        # six rows and the five growth steps)
        [
            ("buying", 8),
            ("actions", 8),
            ("needs", NEEDS_FIRST_ROW),
            ("diagnosis", LINES_FIRST_ROW),
            ("monthly", WALLET_FIRST_ROW),
            ("monthly", WALLET_FIRST_ROW + LINE_ROWS + 1 + 2 + 5 + 1 + 2),
            ("competitors", COMPETITORS_FIRST_ROW),
        ],
    ),
    "development": (development, development.SHEETS, [("record", development.FIRST_ROW)]),
    "portfolio": (portfolio, portfolio.SHEETS, [("table", portfolio.FIRST_ROW), ("industries", INDUSTRY_ROW)]),
    # visits; orders; product lines; invoices; receipts (each list on a sheet of its own); the service log
    "customer_file": (
        customer_file,
        customer_file.SHEETS,
        [
            ("process", 4),
            ("orders", 4),
            ("structure", 4),
            ("invoices", 7),
            ("receipts", 7),
            ("service", SERVICE_HEADER + 1),
        ],
    ),
}

# a range in LibreOffice's API form: $'sheet'.$A$1:$B$9 (the sheet optional, named again after the colon)
_SHEET = r"(?:\$?('(?:[^']|'')+'|[^\W\d]\w*)\.)?"
_AGAIN = r"(?:\$?(?:'(?:[^']|'')+'|[^\W\d]\w*)\.)?"
_RANGE = re.compile(_SHEET + r"\$?([A-Z]{1,3})\$?(\d+):" + _AGAIN + r"\$?([A-Z]{1,3})(\$?)(\d+)")


@dataclass(frozen=True)
class Block:
    sheet: str
    first: int
    last: int
    columns: tuple[int, int]  # the block's column span (its heading row's run of captions)
    validated: tuple[str, ...]  # its input columns (letters)

    @property
    def at(self) -> int:
        """Where rows are inserted: above the block's middle row."""
        return self.first + (self.last - self.first) // 2


@dataclass(frozen=True)
class Ref:
    sheet: str  # the sheet the range is on
    c1: int
    r1: int
    c2: int
    r2: int
    where: str  # what holds it: "汇总!B8", "conditional format on 行动计划", …
    fixed: bool  # its last row does not move with the cell holding it (False: a per-row running range)


def _blocks(path: Path, titles: dict[str, str], specs: list[tuple[str, int]]) -> tuple[list[Block], list[str]]:
    """The list blocks of the file (by their validations) and what sits beside them in their rows."""
    wb = load_workbook(path)
    blocks, beside = [], []
    for key, first in specs:
        ws = wb[titles[key]]
        spans = [r for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges if r.min_row == first]
        assert spans, f"{ws.title}: no validated block at row {first}"
        last = max(r.max_row for r in spans)
        cols = sorted({c for r in spans if r.max_row == last for c in range(r.min_col, r.max_col + 1)})
        heading = {c.column for c in ws[first - 1] if c.value not in (None, "")}
        lo, hi = cols[0], cols[-1]  # lists side by side in the same rows (invoices, receipts) are one block
        while lo - 1 in heading:
            lo -= 1
        while hi + 1 in heading:
            hi += 1
        blocks.append(Block(ws.title, first, last, (lo, hi), tuple(get_column_letter(c) for c in cols)))
        for row in ws.iter_rows(min_row=first, max_row=last):
            for c in row:
                if c.value not in (None, "") and not lo <= c.column <= hi:
                    beside.append(f"{ws.title}!{c.coordinate}")
    return blocks, beside


def _parse(text: str, home: str, where: str, *, cells: bool = False) -> Iterator[Ref]:
    """The ranges in ``text`` (a formula when ``cells``, else addresses); ``home``: the sheet it is on."""
    for m in _RANGE.finditer(text):
        sheet = m.group(1).strip("'").replace("''", "'") if m.group(1) else home
        c1, c2 = column_index_from_string(m.group(2)), column_index_from_string(m.group(4))
        yield Ref(sheet, c1, int(m.group(3)), c2, int(m.group(6)), where, fixed=not cells or m.group(5) == "$")


def _refs(ranges: dict[str, Any]) -> list[Ref]:
    """Every range the book keeps, as LibreOffice reports them."""
    out: list[Ref] = []
    for title, s in ranges["sheets"].items():
        for ref, formula in s["formulas"].items():
            out += _parse(formula.replace('""', ""), title, f"{title}!{ref}", cells=True)
        for cf in s["conditional"]:
            for a in cf:
                out += _parse(a, title, f"conditional format on {title}")
        for chart in s["charts"]:
            for a in chart:
                out += _parse(a, title, f"chart on {title}")
    for name, content in ranges["names"].items():
        out += _parse(content, "", f"name {name}")
    for title, a in ranges["filters"].items():
        out += _parse(a, title, f"filter on {title}")
    return out


def _covering(refs: list[Ref], b: Block, last: int) -> list[Ref]:
    """The ranges over block ``b`` (whose last row is now ``last``): on its sheet and columns, from its
    heading or first row to at least half-way down."""
    half = b.first + (b.last - b.first) // 2
    lo, hi = b.columns
    return [
        x
        for x in refs
        if x.fixed
        and x.sheet == b.sheet
        and x.r1 in (b.first - 1, b.first)
        and x.r2 >= half
        and lo <= x.c1 <= x.c2 <= hi
    ]


def _job(path: Path, blocks: list[Block], fill: list[dict[str, Any]], read: list[list[str]]) -> dict[str, Any]:
    steps: list[dict[str, Any]] = [
        {"op": "insert", "sheet": b.sheet, "row": b.at, "count": N}
        for b in sorted(blocks, key=lambda b: (b.sheet, -b.first))  # lower blocks of a sheet first
    ]
    # the cells of each inserted row and of the rows around it, to compare their validation
    for b in blocks:
        for col in b.validated:
            read += [[b.sheet, f"{col}{b.at - 1}"], [b.sheet, f"{col}{b.at}"], [b.sheet, f"{col}{b.at + N}"]]
    return {"path": str(path), "before": True, "steps": [*steps, *fill, {"op": "recalc"}], "read": read}


def _findings(answer: dict[str, Any], blocks: list[Block]) -> list[str]:
    """What does not grow with the rows inserted in each block, and inserted cells without validation."""
    out = [f"step {i}: {e}" for i, e in enumerate(answer["steps"]) if e]
    before, after = _refs(answer["before"]), _refs(answer)
    for b in blocks:
        for x in _covering(before, b, b.last):
            if x.r2 != b.last:
                span = f"{get_column_letter(x.c1)}{x.r1}:{get_column_letter(x.c2)}{x.r2}"
                out.append(f"{x.where}: {b.sheet}!{span} stops before the block's last row {b.last}")
        for x in _covering(after, b, b.last + N):
            if x.r2 not in (b.last + N,) and x.r2 >= b.at:
                span = f"{get_column_letter(x.c1)}{x.r1}:{get_column_letter(x.c2)}{x.r2}"
                out.append(f"{x.where}: {b.sheet}!{span} did not grow to row {b.last + N}")
        if not answer["protected"][b.sheet]:
            out.append(f"{b.sheet}: no longer protected")
        cells = answer["cells"]
        for col in b.validated:
            above, new = cells[f"{b.sheet}!{col}{b.at - 1}"], cells[f"{b.sheet}!{col}{b.at}"]
            if above["validation"] and new["validation"] != above["validation"]:
                out.append(f"{b.sheet}!{col}{b.at}: inserted cell without its column's validation")
            if not above["locked"] and new["locked"]:
                out.append(f"{b.sheet}!{col}{b.at}: inserted input cell is locked")
    return out


@pytest.fixture(scope="module")
def inserted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], list[Block], list[str]]]:
    """Each blank zh template with rows inserted in every block, filled, recalculated: LibreOffice's answer,
    the blocks and what sits beside them. One soffice for all four books."""
    tmp = tmp_path_factory.mktemp("insert")
    books, meta = [], {}
    for kind, (module, sheets, specs) in KINDS.items():
        path = tmp / f"{kind}.xlsx"
        # the portfolio's list of 1,000 rows as 200 (the same formulas, ranges and formats; a shorter run)
        size = {"spare_rows": 200} if kind == "portfolio" else {}
        module.build(None, model=MODEL, lang="zh", **size).save(path)
        titles = {k: t[0] for k, t in sheets.items()}
        blocks, beside = _blocks(path, titles, specs)
        fill, read = FILLS.get(kind, lambda _b: ([], []))({b.sheet: b for b in blocks})
        books.append(_job(path, blocks, fill, read))
        meta[kind] = (blocks, beside)
    answer = uno_lo.run(uno_lo.INSERT_ROWS, {"books": books})
    return {kind: (a, *meta[kind]) for kind, a in zip(KINDS, answer["books"], strict=True)}


# ---------------------------------------------------------------- what a user types into the inserted rows

_STAGES = MODEL.pipeline.stages
_RECORD, _SUMMARY = development.SHEETS["record"][0], development.SHEETS["summary"][0]
_FUNNEL = development.SHEETS["funnel"][0]
_DEV = {c.key: get_column_letter(j) for j, c in enumerate(development.columns(), start=1)}
_ACTIONS, _NEEDS = account_plan.SHEETS["actions"][0], account_plan.SHEETS["needs"][0]


def _development_fill(blocks: dict[str, Block]) -> tuple[list[dict[str, Any]], list[list[str]]]:
    """Two attempts typed into the first two inserted rows (the lost one with its reason category); the first
    row's formulas then copied from the row above (the weighted value), and both rows' funnel stage; the
    summary and the funnel read back."""
    r, stage = blocks[_RECORD].at, _DEV["funnel_stage"]
    fill = [
        {"op": "set", "sheet": _RECORD, "cells": {
            f"A{r}": "新开发客户", f"F{r}": _STAGES[0].zh, f"H{r}": 200000, f"L{r}": "进行中",
            f"A{r + 1}": "丢单客户", f"F{r + 1}": _STAGES[-1].zh, f"H{r + 1}": 50000, f"L{r + 1}": "丢单",
            f"{_DEV['loss_category']}{r + 1}": "价格"}},
        {"op": "unprotect", "sheet": _RECORD},  # the formula cells are locked: copying into them needs it
        {"op": "copy", "sheet": _RECORD, "from": f"G{r - 1}", "to": f"G{r}"},
        {"op": "copy", "sheet": _RECORD, "from": f"I{r - 1}", "to": f"I{r}"},
        {"op": "copy", "sheet": _RECORD, "from": f"{stage}{r - 1}", "to": f"{stage}{r}"},
        {"op": "copy", "sheet": _RECORD, "from": f"{stage}{r - 1}", "to": f"{stage}{r + 1}"},
        {"op": "protect", "sheet": _RECORD},
    ]  # fmt: skip
    read = [[_SUMMARY, f"{c}{k}"] for k in range(1, 40) for c in "ABCD"]
    read += [[_FUNNEL, f"{c}{k}"] for k in range(1, 40) for c in "ABCDEF"]
    return fill, read


def _plan_fill(blocks: dict[str, Block]) -> tuple[list[dict[str, Any]], list[list[str]]]:
    """An action over budget and a need typed into inserted rows; the action's flags copied from above."""
    r, q = blocks[_ACTIONS].at, blocks[_NEEDS].at
    fill = [
        {"op": "set", "sheet": _ACTIONS, "cells": {f"B{r}": "新行动", f"G{r}": 1000, f"H{r}": 1500}},
        {"op": "set", "sheet": _NEEDS, "cells": {f"B{q}": "隐性", f"C{q}": "缩短交期"}},
        {"op": "unprotect", "sheet": _ACTIONS},
        {"op": "copy", "sheet": _ACTIONS, "from": f"J{r - 1}:K{r - 1}", "to": f"J{r}"},
        {"op": "protect", "sheet": _ACTIONS},
    ]
    read = [[_ACTIONS, f"{c}5"] for c in "CGHIJ"] + [[_ACTIONS, f"K{r}"], *([_NEEDS, f"C{k}"] for k in (5, 6, 7))]
    return fill, read


FILLS = {"development": _development_fill, "account_plan": _plan_fill}


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_range_grows_with_rows_inserted_inside_a_block(inserted: dict[str, Any], kind: str) -> None:
    answer, blocks, beside = inserted[kind]
    found = _findings(answer, blocks)
    if beside:
        found.append(f"content beside a block, split by an inserted row: {beside[:3]} … ({len(beside)} cells)")
    assert not found, "\n".join(found)


def test_development_record_counts_inserted_attempts(inserted: dict[str, Any]) -> None:
    answer = inserted["development"][0]
    cells = answer["cells"]
    grid = {ref.split("!")[1]: c for ref, c in cells.items() if ref.startswith(f"{_SUMMARY}!")}
    row_of = {grid[f"A{k}"]["text"]: k for k in range(1, 40) if grid[f"A{k}"]["text"]}

    def value(label: str, col: str = "B", first: bool = False) -> float:
        rows = [k for t, k in row_of.items() if t == label]
        return float(grid[f"{col}{rows[0] if first else rows[-1]}"]["value"])

    p = float(_STAGES[0].probability)
    assert value(development.LABELS["attempts"][0]) == 2  # the two typed rows, nothing else in the blank record
    # the open deal: in the stage table (first row of its stage's name) with its expected and weighted value
    assert value(_STAGES[0].zh, "B", first=True) == 1
    assert value(_STAGES[0].zh, "C", first=True) == 200000
    assert value(_STAGES[0].zh, "D", first=True) == pytest.approx(200000 * p)  # the copied weighted formula
    assert value(development.OUTCOMES["lost"][0], "B") == 1
    assert value(development.LABELS["lost_value"][0]) == 50000
    assert value(development.LABELS["win_rate"][0]) == 0  # 0 won ÷ (0 won + 1 lost)


def test_the_funnel_counts_inserted_attempts(inserted: dict[str, Any]) -> None:
    """The open deal at the first stage is a 潜在客户; the lost one at the last stage got to 重点客户 (the
    furthest an attempt that was not won reaches): 2 reached 潜在, 1 each of 可能, 普通 and 重点, so the
    conversion into 可能 is 1 ÷ 2 = 50 %; one 价格 loss of 50,000."""
    cells = inserted["development"][0]["cells"]
    grid = {ref.split("!")[1]: c for ref, c in cells.items() if ref.startswith(f"{_FUNNEL}!")}
    row_of = {grid[f"A{k}"]["text"]: k for k in range(1, 40) if grid[f"A{k}"]["text"]}

    def value(label: str, col: str) -> float:
        return float(grid[f"{col}{row_of[label]}"]["value"])

    assert [value(s, "B") for s in ("潜在客户", "可能客户", "普通客户", "重点客户", "已成交客户")] == [1, 0, 0, 1, 0]
    assert [value(s, "E") for s in ("潜在客户", "可能客户", "普通客户", "重点客户", "已成交客户")] == [2, 1, 1, 1, 0]
    assert value("潜在客户", "C") == 200000 and value("重点客户", "C") == 50000  # value at the stage
    assert value("可能客户", "F") == pytest.approx(0.5)
    assert value("价格", "B") == 1 and value("价格", "C") == 50000


def test_action_plan_and_needs_count_inserted_rows(inserted: dict[str, Any]) -> None:
    answer, blocks, _ = inserted["account_plan"]
    cells = answer["cells"]
    r = next(b for b in blocks if b.sheet == _ACTIONS).at

    def v(sheet: str, ref: str) -> float:
        return float(cells[f"{sheet}!{ref}"]["value"])

    assert v(_ACTIONS, "C5") == 1  # actions: the one typed
    assert v(_ACTIONS, "G5") == 1000 and v(_ACTIONS, "H5") == 1500  # budget and spent
    assert v(_ACTIONS, "I5") == pytest.approx(1.5)  # 1500 ÷ 1000 of the budget used
    assert cells[f"{_ACTIONS}!K{r}"]["text"] == "超预算"  # the copied flag: spent 1500 > budget 1000
    assert [v(_NEEDS, f"C{k}") for k in (5, 6, 7)] == [0, 1, 0]  # explicit, implicit, deep
