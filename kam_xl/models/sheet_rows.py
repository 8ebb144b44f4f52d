"""A model as the rows of a workbook's ``Model`` sheet: ``path | value``.

The same content as a TOML model can live in a workbook as rows such as
``tier.levels[0].min | 75``, so a team keeps its own weights beside its data;
:func:`model_rows` and :func:`model_from_rows` convert between the two, and
:func:`model_from_workbook` reads the sheet through the one boundary for files
read (:func:`kam_xl.reading.open_workbook`). Every error names the row's cell.

The work a sheet can cause is bounded: a path has at most
:data:`~kam_xl.models.limits.MAX_KEY_DEPTH` parts and 200 characters, a list
index is below :data:`~kam_xl.models.limits.MAX_ITEMS`, at most
:data:`~kam_xl.models.limits.MAX_SHEET_ROWS` rows are read, and the sheet ends
after a run of blank rows whatever size it declares.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from kam_xl.cells import excel_error, is_blank
from kam_xl.errors import KamError, ModelError, Position
from kam_xl.models.limits import MAX_ITEMS, MAX_KEY_DEPTH, MAX_SHEET_ROWS
from kam_xl.models.schema import Model
from kam_xl.models.text import IDENT, escaped, shown
from kam_xl.models.toml_file import default_model_dict
from kam_xl.models.validate import model_from_dict
from kam_xl.reading import BLANK_RUN, open_workbook, read_error

__all__ = ["Cell", "model_from_rows", "model_from_workbook", "model_rows"]

_PART = re.compile(rf"({IDENT.pattern})(?:\[(\d+)\])?")
_MAX_PATH = 200  # characters in a sheet path (the longest real one has about 55)
_LIST_FIELDS = {"receivables.aging_edges"}  # one cell holding "30, 60, 90"
_TEXT_FIELDS = {"model.version"}  # a cell holding 1 or 1.2 is a number to Excel, text to the model

Cell = Position | str  # where a row's value sits: Position(sheet="Model", row=7, column=2), or "Model!B7"


def model_rows(data: dict[str, Any] | None = None) -> list[tuple[str, Any]]:
    """Flatten a raw model dict into ``(path, value)`` rows for a Model sheet.

    A list's items are grouped by field (every criterion's weight, then every
    direction …), so that each field is one contiguous range a workbook can
    name; :func:`model_from_rows` reads rows in any order.
    """
    data = default_model_dict() if data is None else data
    rows: list[tuple[str, Any]] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}" if path else k)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            fields: list[str] = []
            for item in value:
                fields += [k for k in item if k not in fields]
            for f in fields:
                for i, item in enumerate(value):
                    if f in item:
                        walk(item[f], f"{path}[{i}].{f}")
        elif isinstance(value, list):
            rows.append((path, ", ".join(str(v) for v in value)))  # read back as a list (aging_edges)
        else:
            rows.append((path, value))

    walk(data, "")
    return rows


class _Items(dict[int, Any]):
    """A list being filled from sheet rows, in any order: index → item, and each index's first cell."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[int, Cell] = {}


def _parts(path: str, cell: Cell) -> list[tuple[str, int | None]]:
    """``tier.levels[0].min`` → ``[("tier", None), ("levels", 0), ("min", None)]``, bounded."""
    parts = path.split(".")
    if len(path) > _MAX_PATH:
        raise ModelError(
            escaped(path), f"路径超过 {_MAX_PATH} 个字符", f"the path is longer than {_MAX_PATH} characters", cell
        )
    if len(parts) > MAX_KEY_DEPTH:
        raise ModelError(
            escaped(path), f"路径超过 {MAX_KEY_DEPTH} 层", f"the path is more than {MAX_KEY_DEPTH} levels deep", cell
        )
    out: list[tuple[str, int | None]] = []
    for part in parts:
        m = _PART.fullmatch(part)
        if m is None:
            raise ModelError(escaped(path), "路径格式不正确", "is not a valid model path", cell)
        index = m.group(2)
        if index is not None and (len(index) > 4 or int(index) >= MAX_ITEMS):
            raise ModelError(
                path,
                f"列表序号 {index} 超出上限（0–{MAX_ITEMS - 1}）",
                f"list index {index} is beyond the limit (0–{MAX_ITEMS - 1})",
                cell,
            )
        out.append((m.group(1), None if index is None else int(index)))
    if out[-1][1] is not None:
        raise ModelError(path, "路径不能以列表项结尾", "must not end at a list item", cell)
    return out


def _sheet_value(path: str, value: Any, cell: Cell) -> Any:
    code = excel_error(value)
    if code is not None:
        raise ModelError(path, f"单元格为 Excel 错误 {code}", f"the cell holds the Excel error {code}", cell)
    if path in _LIST_FIELDS:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return [value]  # a single edge typed as a number
    if path in _TEXT_FIELDS:
        return _number_as_text(value)
    return value


def model_from_rows(rows: Sequence[tuple[Any, Any, Cell]]) -> Model:
    """Build a model from ``(path, value, cell)`` rows read off a sheet.

    ``cell`` (``Position(sheet="Model", row=7, column=2)`` or ``"Model!B7"``)
    is put into any error about that row. Rows may come in any order; a list's
    indices must run 0, 1, 2 … without gaps, below :data:`MAX_ITEMS`.
    """
    data: dict[str, Any] = {}
    cells: dict[str, Cell] = {}  # normalised path → its cell
    count = 0
    for raw_path, raw_value, cell in rows:
        if is_blank(raw_path):
            if is_blank(raw_value):
                continue
            raise ModelError(
                "path",
                f"这一行有取值 {shown(raw_value)} 但没有路径",
                f"the row has a value ({shown(raw_value, 'en')}) but no path",
                cell,
            )
        count += 1
        if count > MAX_SHEET_ROWS:
            raise ModelError(
                "Model",
                f"超过 {MAX_SHEET_ROWS:,} 行，不像模型表",
                f"more than {MAX_SHEET_ROWS:,} rows: not a model sheet",
                cell,
            )
        path_text = str(raw_path).strip()
        parts = _parts(path_text, cell)
        path = ".".join(k if i is None else f"{k}[{i}]" for k, i in parts)
        if path in cells:
            raise ModelError(
                path,
                f"路径重复（另见 {_where(cells[path])}）",
                f"the path is repeated (also at {_where(cells[path])})",
                cell,
            )
        cells[path] = cell
        _put(data, parts, _sheet_value(path, raw_value, cell), path, cell, cells)
    tree = _as_lists(data, "")
    try:
        return model_from_dict(tree, "Model sheet")
    except ModelError as exc:
        at = _cell_of(exc.field, cells)
        raise (exc.at(at) if at is not None else exc) from None


def _put(
    tree: dict[str, Any], parts: list[tuple[str, int | None]], value: Any, path: str, cell: Cell, cells: dict[str, Cell]
) -> None:
    """Put one row's value into the tree built from the rows; a place taken another way is refused."""
    node: dict[Any, Any] = tree
    here = ""
    for key, index in parts[:-1]:
        here = f"{here}.{key}" if here else key
        child = node.setdefault(key, {} if index is None else _Items())
        if not isinstance(child, dict) or isinstance(child, _Items) != (index is not None):
            raise _conflict(path, here, cells, cell)
        if isinstance(child, _Items) and index is not None:
            child.cells.setdefault(index, cell)
            here = f"{here}[{index}]"
            child = child.setdefault(index, {})
        node = child
    key = parts[-1][0]
    if key in node:
        raise _conflict(path, f"{here}.{key}" if here else key, cells, cell)
    node[key] = value


def _where(cell: Cell) -> str:
    return cell.text() if isinstance(cell, Position) else cell


def _conflict(path: str, here: str, cells: dict[str, Cell], cell: Cell) -> ModelError:
    other = _cell_of(here, {p: c for p, c in cells.items() if p != path})
    at_zh, at_en = (f"（见 {_where(other)}）", f" (at {_where(other)})") if other is not None else ("", "")
    return ModelError(
        path,
        f"与另一行的路径 {here} 冲突{at_zh}：一个位置不能既是取值又是表或列表",
        f"conflicts with the row for {here}{at_en}: one place cannot be a value and a table or list",
        cell,
    )


def _as_lists(node: Any, path: str) -> Any:
    """The tree built from rows, with each :class:`_Items` as a list (gaps refused)."""
    if isinstance(node, _Items):
        for expected, index in enumerate(sorted(node)):
            if index != expected:
                raise ModelError(
                    f"{path}[{index}]",
                    f"列表缺少第 {expected} 项（序号应从 0 起连续）",
                    f"the list has no item {expected} (indices run 0, 1, 2 … without gaps)",
                    node.cells[index],
                )
        return [_as_lists(node[i], f"{path}[{i}]") for i in range(len(node))]
    if isinstance(node, dict):
        return {k: _as_lists(v, f"{path}.{k}" if path else k) for k, v in node.items()}
    return node


def _number_as_text(value: Any) -> Any:
    """A number typed into a text cell, as its text: 1.2 → "1.2", 1 and 1.0 → "1"; anything else as it is."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        return value
    if not math.isfinite(value):
        return value
    if float(value).is_integer():
        return str(int(value))
    return str(float(value))


def _cell_of(field: str, cells: dict[str, Cell]) -> Cell | None:
    """The sheet cell of the row a validation error is about (None if none)."""
    if field in cells:
        return cells[field]
    if field.endswith(".code") and field[: -len("code")] + "key" in cells:  # criteria are written with `key`
        return cells[field[: -len("code")] + "key"]
    # an error about a whole table or list names its first row (a path boundary, not any prefix)
    return next((c for p, c in cells.items() if p.startswith((f"{field}.", f"{field}["))), None)


def model_from_workbook(path: str | os.PathLike[str], sheet: str = "Model") -> Model:
    """Read a model from a workbook's ``Model`` sheet (columns: path, value).

    The file goes through :func:`kam_xl.reading.open_workbook`: one that is not
    an Excel workbook, is truncated, encrypted, an old ``.xls`` or holds unsafe
    XML is refused in one line. The first row is a header; rows whose two cells
    are blank are skipped, and the sheet ends after a run of blank rows
    (:data:`kam_xl.reading.BLANK_RUN`) — its declared size is not trusted. A
    filled row below row :data:`MAX_SHEET_ROWS` + 1 is an error naming it.
    """
    wb = open_workbook(path, role="model")
    try:
        if sheet not in wb.sheetnames:
            raise ModelError(
                "Model",
                f"工作簿中没有 “{sheet}” 工作表",
                f"the workbook has no '{sheet}' sheet",
                Position(source=str(path)),
            )
        ws = wb[sheet]
        ws.reset_dimensions()  # read the rows that are there, not the size the file declares
        try:
            rows = _sheet_rows(ws, sheet)
        except KamError:
            raise
        except Exception as exc:  # the sheet's XML is parsed only now, row by row: a damaged part fails here
            raise read_error(exc, "model", path) from None
    finally:
        wb.close()
    return model_from_rows(rows)


def _sheet_rows(ws: Any, sheet: str) -> list[tuple[Any, Any, Cell]]:
    """The sheet's ``(path, value, cell)`` rows under its header, bounded (see :func:`model_from_workbook`)."""
    rows: list[tuple[Any, Any, Cell]] = []
    blank_run = 0
    # Rows 2 … MAX_SHEET_ROWS + 1 are read; past them only blank rows may follow, so at most
    # BLANK_RUN more are looked at before the sheet ends (or the first filled one is refused).
    for r, row in enumerate(ws.iter_rows(min_row=2, max_col=2, values_only=True), start=2):
        path_value = (*row, None, None)[:2]
        if is_blank(path_value[0]) and is_blank(path_value[1]):
            blank_run += 1
            if blank_run >= BLANK_RUN:
                break
            continue
        blank_run = 0
        if r > MAX_SHEET_ROWS + 1:
            raise ModelError(
                "Model",
                f"超过 {MAX_SHEET_ROWS:,} 行，不像模型表",
                f"more than {MAX_SHEET_ROWS:,} rows: not a model sheet",
                Position(sheet=sheet, row=r, column=1),
            )
        rows.append((path_value[0], path_value[1], Position(sheet=sheet, row=r, column=2)))
    return rows
