"""``KAM_PORTFOLIO(table)``: a whole account table in, every indicator out, row by row.

The core (:func:`kam_xl.portfolio.score_portfolio`) scores whole columns. Here:

- only the columns an indicator reads (:func:`kam_xl.portfolio.resolve_columns`)
  matter: an ``#N/A`` in a notes column changes nothing;
- a row with an Excel error in a column that is read answers with that error
  in every indicator cell, and is left out of the ranking (ABC, pyramid) of
  the others, as a blank revenue is; a row the core refuses answers with its
  one-line message; the other rows are scored;
- columns of plain numbers reach the core as numbers, not cell by cell, so a
  10,000-row table costs about what the same table as a DataFrame costs.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from kam_xl import cells as C
from kam_xl.errors import ExcelErrorValue, InputError, KamError, Position
from kam_xl.indicators import names as indicator_names
from kam_xl.models import Model
from kam_xl.portfolio import resolve_columns, score_portfolio
from kam_xl.xl.boundary import Cell, column, error_code, error_text, plain, table_columns
from kam_xl.xl.rows import MAX_ROW_PROBLEMS

__all__ = ["ACCOUNT_HEADER", "score_table"]

ACCOUNT_HEADER = {"zh": "客户", "en": "Account"}
_NUMBERS = {float, int, type(None)}


def _read_column(column: list[object]) -> tuple[np.ndarray | list[object], dict[int, str]]:
    """One column as the core takes it, and its Excel errors by row.

    A column of numbers and blanks becomes floats in one step (the core's
    vectorised path); only text starting with ``#`` and negative whole numbers
    (classic xlwings' COM error codes) are looked at one by one.
    """
    kinds = set(map(type, column))
    numbers = np.array(column, dtype=float) if kinds <= _NUMBERS and kinds - {type(None)} else None
    if numbers is not None:
        suspects = np.flatnonzero(numbers < 0).tolist() if int in kinds else []
    else:
        suspects = [j for j, v in enumerate(column) if not isinstance(v, str) or v.lstrip()[:1] in ("#", "＃")]
    problems: dict[int, str] = {}
    for j in suspects:
        code = error_code(column[j])
        if code is not None:
            problems[j] = code
    if problems and numbers is not None:
        numbers[list(problems)] = np.nan  # rows left out below; never read as numbers
    return (column if numbers is None else numbers), problems


def _pick(column: np.ndarray | list[object], rows: np.ndarray) -> np.ndarray:
    if isinstance(column, np.ndarray):
        return column[rows]
    return np.asarray(column, dtype=object)[rows]


def score_table(value: object, model: Model, lang: str) -> list[list[Cell]]:
    """The header row and one row per account (its indicators, or its error), as Excel rows."""
    headers, data = table_columns(value)  # header names made unique, trailing blank rows dropped
    n = len(data)
    # only the columns an indicator reads reach the core (the others cannot change an answer)
    used = {key: str(col) for key, col in resolve_columns(headers, model).items()}
    columns = list(dict.fromkeys(used.values()))
    read = [_read_column(column(data, headers.index(col))) for col in columns]
    problems: dict[int, str] = {}
    for _numbers, errors in read:
        for j, code in errors.items():
            problems.setdefault(j, code)
    good = [j for j in range(n) if j not in problems]
    result = None
    while good and len(problems) <= MAX_ROW_PROBLEMS:
        if len(good) == n:
            frame = pd.DataFrame({name: r[0] for name, r in zip(columns, read, strict=True)})
        else:
            kept = np.asarray(good)
            frame = pd.DataFrame({name: _pick(r[0], kept) for name, r in zip(columns, read, strict=True)})
        try:
            result = score_portfolio(frame, model, lang)
            break
        except KamError as exc:
            pos = exc.position
            if pos is None or pos.row is None or not 2 <= pos.row < len(good) + 2:
                raise
            j = good.pop(pos.row - 2)
            problems[j] = error_text(exc.located(replace(pos, row=j + 2)))  # header = row 1
    if result is None:
        raise _first(problems)
    if result.shape[1] == 0:
        raise InputError(
            "table",
            "表头中没有可计算指标的列（如各评分项、销售额）",
            "no header names an indicator's inputs (such as the criteria or revenue)",
        )
    head: list[Cell] = list(indicator_names(result.columns, lang))
    # column by column (a float column becomes cells in one step), then rows in one step
    account = result.index.name == "account"
    grid = np.empty((len(result), result.shape[1] + account), dtype=object)
    if account:
        head = [ACCOUNT_HEADER[lang], *head]
        grid[:, 0] = result.index.to_numpy(dtype=object)
    for i, c in enumerate(result.columns, start=int(account)):
        grid[:, i] = plain(result[c].to_numpy())
    rows: list[list[Cell]] = grid.tolist()
    if not problems and not result.attrs.get("skipped"):
        return [head, *rows]
    skipped = {good[s.row - 2] for s in result.attrs.get("skipped", [])}
    scored = iter(rows)
    out: list[list[Cell]] = [head]
    for j in range(n):
        if j in problems:
            text = problems[j]
            label = C.identifier(data[j][headers.index(used["account"])]) if account else None
            out.append([label, *[text] * (len(head) - 1)] if account else [text] * len(head))
        elif j not in skipped:
            out.append(next(scored))
    return out


def _first(problems: dict[int, str]) -> KamError:
    """Every row has a problem: the first row's is the answer (an Excel error stays that error)."""
    j = min(problems)
    text = problems[j]
    if text in C.EXCEL_ERRORS:
        return ExcelErrorValue("table", text, Position(row=j + 2))
    return InputError(
        "table", f"每一行都有问题，第 {j + 2} 行：{text}", f"every row has a problem; row {j + 2}: {text}"
    )
