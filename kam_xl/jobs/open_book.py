"""The users' jobs on the workbook open in Excel — what the buttons of ``macros/`` run.

Each job reads and writes through a :class:`kam_xl.sheetbook.Sheetbook` (the open
workbook in Excel, or a file in tests) and calls the same library function as its
command, so a button and ``kam-xl`` cannot give two answers:

- :func:`new_account_from_selection` — the selected row of a portfolio sheet →
  :func:`kam_xl.jobs.new_account.account_from_portfolio` (the call behind
  ``kam-xl new-account --from``) → :func:`~kam_xl.jobs.new_account.new_account`: the plan
  and the customer file, written beside the workbook.
- :func:`refresh_portfolio` — scores the rows of kam_xl's portfolio sheet into that
  sheet, in place: every formula column rewritten from the registry for every
  account row (rows added below the table included) and the spare rows after them;
  the inputs, the user's own columns to the right, formats and other sheets are
  left as they are.
- :func:`receivables_into_book` / :func:`receivables_beside` — a ledger sheet →
  :func:`kam_xl.jobs.receivables_report.report_data` (the figures, written into a
  sheet of the open workbook: xlwings Lite cannot save files) or
  :func:`~kam_xl.jobs.receivables_report.receivables_report` (the report workbook beside it).
- :func:`rollup_beside` — :func:`kam_xl.jobs.rollup.rollup_folder` over the
  workbook's folder (classic xlwings only: Lite has no folders to read).

The commands read files; the open workbook may hold edits not yet saved. So the
rows a job needs are copied into a temporary workbook laid out cell for cell as
in the open one (same sheet name, same cells) and the command's own reader reads
that: a message about a bad cell names the cell the user sees.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kam_xl.cells import is_blank, parse_number
from kam_xl.core.receivables.problems import problem_label
from kam_xl.errors import InputError, KamError, Position
from kam_xl.jobs.new_account import NewAccountResult, account_from_portfolio, new_account
from kam_xl.jobs.receivables_report import ReceivablesReport, receivables_report, report_data
from kam_xl.jobs.rollup import RollupResult, output_name, rollup_folder
from kam_xl.jobs.score_table import table_columns
from kam_xl.ledger import REJECT_KINDS, read_ledger
from kam_xl.models import Model, active_model, model_from_rows
from kam_xl.models.schema import label_key
from kam_xl.reading import open_workbook
from kam_xl.sheetbook import Formula, Sheetbook
from kam_xl.workbooks.labels import Text
from kam_xl.workbooks.model_sheet import MODEL_SHEET

__all__ = [
    "RECEIVABLES_SHEET",
    "RefreshResult",
    "book_model",
    "new_account_button",
    "new_account_from_selection",
    "receivables_beside",
    "receivables_button",
    "receivables_into_book",
    "refresh_button",
    "refresh_portfolio",
    "rollup_beside",
    "rollup_button",
    "run_button",
]

RECEIVABLES_SHEET: Text = ("应收账款", "Receivables")
_HEADER_SEARCH = 30  # rows a team table's header row is looked for in


def book_model(book: Sheetbook) -> Model:
    """The model on the workbook's ``Model`` sheet (rows ``path | value`` under a header), else the active model."""
    if MODEL_SHEET not in book.sheet_names():
        return active_model()
    rows = book.rows(MODEL_SHEET)[1:]
    return model_from_rows(
        [((*r, None, None)[0], (*r, None, None)[1], Position(sheet=MODEL_SHEET, row=i, column=2))
         for i, r in enumerate(rows, start=2)]
    )  # fmt: skip


@contextmanager
def _as_file(book: Sheetbook, sheet: str, rows: Sequence[Sequence[object]]) -> Iterator[Path]:
    """``rows`` of ``sheet`` in a temporary workbook named like the open one, cell for cell."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its sheet
    ws.title = sheet
    for r, values in enumerate(rows, start=1):
        for k, v in enumerate(values, start=1):
            if is_blank(v):
                continue
            cell = ws.cell(row=r, column=k)
            cell.value = _cell_value(v)
            if isinstance(v, str):
                cell.data_type = "s"  # a name that begins with "=" stays text
    with tempfile.TemporaryDirectory(prefix="kam_xl-") as tmp:
        path = Path(tmp) / f"{Path(book.name).stem or 'book'}.xlsx"
        wb.save(path)
        yield path


def _cell_value(v: object) -> Any:
    """A value as read (xlwings gives numbers, text, dates, booleans), for openpyxl; anything else as text."""
    return v if isinstance(v, bool | int | float | str | date | datetime) else str(v)


def _folder(book: Sheetbook, out: str | os.PathLike[str] | None) -> Path:
    if out is not None:
        return Path(out)
    if book.folder is None:
        raise InputError(
            "folder", f"工作簿 “{book.name}” 还没有保存在文件夹中：请先保存，新文件将写在它旁边",
            f"the workbook '{book.name}' is not saved in a folder yet: save it first, the new files go beside it",
        )  # fmt: skip
    return book.folder


# ---------------------------------------------------------------- new account from the selected row


def _header_row(rows: Sequence[Sequence[object]], model: Model, below: int) -> tuple[int, dict[str, str]]:
    """The header row (1-based) at or above row ``below`` and the columns it names, as ``kam-xl score``
    finds them."""
    for r, row in enumerate(rows[: min(below, _HEADER_SEARCH)], start=1):
        found = table_columns([v for v in row if not is_blank(v)], model)
        if "account" in found and len(found) >= 2:
            return r, found
    raise InputError(
        "account", "选中行的上方找不到表头（需有客户名称列，如 客户名称 / Account）",
        "no header row above the selected row (it needs an account column, such as 客户名称 / Account)",
    )  # fmt: skip


def new_account_from_selection(
    book: Sheetbook,
    *,
    out: str | os.PathLike[str] | None = None,
    lang: str | None = None,
    as_of: date | None = None,
    force: bool = False,
) -> NewAccountResult:
    """The account plan and customer file of the selected portfolio row, written beside the workbook
    (or into ``out``): the row is read by the reader of ``kam-xl new-account --from``. ``lang``: that
    of the portfolio's headers when they are kam_xl's own, else Chinese."""
    from dataclasses import replace

    sheet, row = book.selection()
    rows = book.rows(sheet)
    model = book_model(book)
    where = Position(sheet=sheet, row=row, note=book.name)
    head, found = _header_row(rows, model, row)
    if row <= head or row > len(rows):
        raise InputError(
            "selection", f"请选中表格中某个客户所在的行（第 {head + 1} 行起），而不是第 {row} 行",
            f"select a row of an account in the table (from row {head + 1} down), not row {row}", where,
        )  # fmt: skip
    headers = [None if is_blank(v) else str(v) for v in rows[head - 1]]
    name = rows[row - 1][headers.index(found["account"])]
    if is_blank(name):
        raise InputError("account", f"第 {row} 行没有客户名称", f"row {row} has no account name", where)
    lang = lang or _portfolio_lang(headers, model) or "zh"
    # The user pointed at one row: another row of the same name (the command would refuse the name as
    # ambiguous) is left out of the copy, every other cell stays where it is.
    k, key = headers.index(found["account"]), label_key(name)
    only = [
        r if i == row - 1 or i < head or is_blank(r[k]) or label_key(r[k]) != key else [*r[:k], None, *r[k + 1 :]]
        for i, r in enumerate(rows)
    ]
    with _as_file(book, sheet, only) as copy:
        record = account_from_portfolio(copy, str(name), model=model)
    if as_of is not None:
        record = replace(record, as_of=as_of)
    return new_account(record, _folder(book, out), lang=lang, model=model, force=force)


# ---------------------------------------------------------------- refresh the portfolio in place


@dataclass(frozen=True)
class RefreshResult:
    """What :func:`refresh_portfolio` did: the sheet, its language, the accounts scored (named rows), the
    rows given formulas (from the first account row to the last, then the spare rows) and each formula
    column's values on those rows up to the last account, as the core computes them ("" = blank)."""

    sheet: str
    lang: str
    accounts: int
    rows: int
    values: dict[str, list[object]]

    def message(self, lang: str | None = None) -> str:
        zh = (lang or self.lang) == "zh"
        return (
            f"已重新计算 “{self.sheet}” 中 {self.accounts} 个客户的全部指标"
            if zh
            else f"Every indicator of the {self.accounts} accounts on '{self.sheet}' is scored again"
        )


def _portfolio_lang(headers: Sequence[object], model: Model) -> str | None:
    """'zh' or 'en' when ``headers`` begin with the portfolio kind's columns in that language."""
    from kam_xl.workbooks.portfolio import columns

    cols = columns(model)
    got = [label_key(h) for h in headers[: len(cols)]]
    for lang, i in (("zh", 0), ("en", 1)):
        if got == [label_key(c.header[i]) for c in cols]:
            return lang
    return None


def _portfolio_sheet(book: Sheetbook, model: Model) -> tuple[str, list[list[object]], str]:
    from kam_xl.workbooks.portfolio import HEADER_ROW

    for sheet in book.sheet_names():
        if sheet == MODEL_SHEET:
            continue
        rows = book.rows(sheet)
        if len(rows) >= HEADER_ROW:
            lang = _portfolio_lang(rows[HEADER_ROW - 1], model)
            if lang is not None:
                return sheet, rows, lang
    raise InputError(
        "sheet", f"“{book.name}” 中没有 kam_xl 的客户组合表（第 {HEADER_ROW} 行为表头，列的顺序未改动）；"
        "自建的列请放在表格右侧",
        f"'{book.name}' has no kam_xl portfolio sheet (headers in row {HEADER_ROW}, the columns in their order); "
        "keep your own columns to the right of the table",
    )  # fmt: skip


def refresh_portfolio(book: Sheetbook, *, spare_rows: int | None = None) -> RefreshResult:
    """Score the account rows of the workbook's portfolio sheet again, into that sheet.

    Every formula column gets the registry's formula on each account row — rows
    the user appended below the table included — and on ``spare_rows`` rows after
    them (default :data:`kam_xl.workbooks.portfolio.SPARE_ROWS`), with the ranges
    (ABC, pyramid) over all of them. Inputs are read as ``kam-xl score`` reads
    them; a value the core refuses is an error naming its cell. Nothing else is
    written: inputs, columns to the right of the table, formats, other sheets.
    The workbook's ``Model`` sheet scores the rows.
    """
    from kam_xl.workbooks import portfolio as kind

    model = book_model(book)
    sheet, rows, lang = _portfolio_sheet(book, model)
    cols = kind.columns(model)
    first = kind.FIRST_ROW
    body = [(list(r) + [None] * len(cols))[: len(cols)] for r in rows[first - 1 :]]
    inputs = [k for k, c in enumerate(cols) if c.kind != "formula"]
    n = max((i + 1 for i, r in enumerate(body) if any(not is_blank(r[k]) for k in inputs)), default=0)
    frame: dict[str, list[object]] = {}
    for k in inputs:
        c = cols[k]
        key = c.key.split(":", 1)[-1]  # a criterion's code: the header the kind recognises
        if c.kind == "text":
            frame[key] = [None if is_blank(r[k]) else str(r[k]).strip() for r in body[:n]]
        else:
            frame[key] = [
                parse_number(
                    r[k], c.header[0 if lang == "zh" else 1], Position(sheet=sheet, row=first + i, column=k + 1)
                )
                for i, r in enumerate(body[:n])
            ]
    text = {c.key for c in cols if c.kind == "text"}
    table = pd.DataFrame({k: pd.Series(v, dtype=object if k in text else float) for k, v in frame.items()})
    spare = kind.SPARE_ROWS if spare_rows is None else max(0, spare_rows)
    try:
        built = kind.build(table if n else None, model=model, lang=lang, spare_rows=spare)
    except KamError as exc:
        raise _located(exc, sheet, first, cols) from None
    total = n + spare
    texts = _formula_texts(built, first, total, len(cols))
    arrays = {
        c.key: np.array(table[c.key.split(":", 1)[-1]].to_numpy(), dtype=object if c.kind == "text" else float)
        for c in cols
        if c.kind != "formula"
    }
    found = kind.indicators(arrays, n, model, lang)  # the core's values: what the fresh build cached
    values = {key: list(v) for key, v in found.items()}
    for k0, k1 in _runs([k for k, c in enumerate(cols) if c.kind == "formula"]):
        # a rank column above the kind's LIVE_RANK_ROWS holds the core's values, not formulas
        block = [[Formula(v) if isinstance(v := texts[i][k], str) and v.startswith("=") else v
                  for k in range(k0, k1 + 1)] for i in range(total)]  # fmt: skip
        book.write(sheet, first, k0 + 1, block)
    named = sum(1 for r in body[:n] if not is_blank(r[0]))  # blank rows between accounts are not accounts
    return RefreshResult(sheet, lang, named, total, values)


def _located(exc: KamError, sheet: str, first: int, cols: Sequence[object]) -> KamError:
    """An error of the fresh build (row = the table's row, header row = 1) placed at the sheet's cell."""
    from kam_xl.workbooks.portfolio import Column

    pos = exc.position
    if pos is None or pos.row is None:
        return exc.at(Position(sheet=sheet))
    keys = [c.key.split(":", 1)[-1] for c in cols if isinstance(c, Column)]
    column = keys.index(pos.header) + 1 if pos.header in keys else None
    return exc.located(Position(sheet=sheet, row=first + pos.row - 2, column=column))


def _runs(ks: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Consecutive runs of column indices: (first, last) of each."""
    start = prev = None
    for k in ks:
        if start is None or prev is None or k != prev + 1:
            if start is not None and prev is not None:
                yield start, prev
            start = k
        prev = k
    if start is not None and prev is not None:
        yield start, prev


def _formula_texts(built: object, first: int, total: int, width: int) -> list[list[object]]:
    """The formulas (text) of the table rows of a freshly built portfolio."""
    from kam_xl.workbooks.book import Book

    assert isinstance(built, Book)
    with tempfile.TemporaryDirectory(prefix="kam_xl-") as tmp:
        path = Path(tmp) / "portfolio.xlsx"
        built.write_to(path)
        wb = open_workbook(path, "portfolio", formulas=True)
        try:
            ws = wb.worksheets[0]
            rows = ws.iter_rows(min_row=first, max_row=first + total - 1, max_col=width, values_only=True)
            return [list(r) for r in rows]
        finally:
            wb.close()


# ---------------------------------------------------------------- receivables from a ledger sheet


def _ledger_sheet(book: Sheetbook, sheet: str | None) -> str:
    if sheet is not None:
        return sheet
    return book.selection()[0]


def receivables_into_book(
    book: Sheetbook,
    *,
    sheet: str | None = None,
    as_of: date,
    lang: str = "zh",
    model: Model | None = None,
) -> pd.DataFrame:
    """The receivables of the ledger on ``sheet`` (default: the selected one) as of ``as_of``, written as
    values into the sheet ``应收账款 / Receivables`` of the open workbook (replaced if there): a row per
    account with the report's columns, then the ledger rows not counted, each with its cell and why."""
    from kam_xl.workbooks.receivables_report import clean, columns

    model = model or book_model(book)
    sheet = _ledger_sheet(book, sheet)
    with _as_file(book, sheet, book.rows(sheet)) as copy:
        led = read_ledger(copy, rejects="collect")
        data = report_data(led, None, as_of, model=model)
    cols = columns(model, lang)
    i = 0 if lang == "zh" else 1
    title = RECEIVABLES_SHEET[i]
    head: list[object] = ["截止日" if i == 0 else "As of", as_of]
    table: list[list[object]] = [head, [], [("客户" if i == 0 else "Account"), *(c.heading[i] for c in cols)]]
    for account, row in data.accounts.iterrows():
        table.append([str(account), *(clean(row.get(c.key)) for c in cols)])
    rejected = data.rejected
    problems = data.problems
    if len(rejected) or len(problems):
        table += [[], ["未计入的台账行与问题" if i == 0 else "Ledger rows not counted, and problems"]]
        where = ("第 {} 行", "row {}")[i]
        for r in rejected.itertuples(index=False):
            kind = REJECT_KINDS.get(str(r.kind), ("", ""))[i]
            table.append([sheet, where.format(r.row), r.column, kind, r.zh if i == 0 else r.en])
        for p in problems.itertuples(index=False):
            table.append(
                [
                    sheet,
                    where.format(p.row),
                    None,
                    problem_label(str(p.kind), lang),
                    p.message_zh if i == 0 else p.message_en,
                ]
            )
    width = max(len(r) for r in table)
    book.replace_sheet(title)
    book.write(title, 1, 1, [(list(r) + [None] * width)[:width] for r in table])
    return data.accounts


def receivables_beside(
    book: Sheetbook,
    *,
    sheet: str | None = None,
    as_of: date,
    lang: str = "zh",
    out: str | os.PathLike[str] | None = None,
    force: bool = False,
) -> ReceivablesReport:
    """The receivables report workbook of the ledger on ``sheet`` (default: the selected one), written
    beside the open workbook (or to ``out``) by the job behind ``kam-xl receivables``."""
    sheet = _ledger_sheet(book, sheet)
    target = _folder(book, out)
    with _as_file(book, sheet, book.rows(sheet)) as copy:
        return receivables_report(copy, target, as_of=as_of, lang=lang, model=book_model(book), force=force)


# ---------------------------------------------------------------- roll-up of a folder


def rollup_beside(
    book: Sheetbook,
    *,
    folder: str | os.PathLike[str] | None = None,
    lang: str = "zh",
    force: bool = False,
) -> RollupResult:
    """The team's plans in ``folder`` (default: the open workbook's own folder) rolled up by the job behind
    ``kam-xl rollup``, written into that folder as ``客户组合-汇总.xlsx`` / ``portfolio-rollup.xlsx``."""
    source = _folder(book, folder)
    return rollup_folder(source, source / output_name(lang), model=book_model(book), lang=lang, force=force)


# ---------------------------------------------------------------- the buttons: a job and its one message


def run_button(book: Sheetbook, job: Callable[[Sheetbook], str]) -> str:
    """Run a button's ``job`` on ``book`` and tell the user, in one message, what it did or why it could
    not (the error's line in Chinese and in English) — never a traceback in a dialog."""
    try:
        text = job(book)
    except KamError as exc:
        text = f"{exc.message('zh')}\n{exc.message('en')}"
    except Exception as exc:  # a bug of ours: still one line the user can pass on
        text = f"kam_xl 内部错误 / internal error: {type(exc).__name__}: {exc}"
    book.message(text)
    return text


def _wrote(files: Sequence[Path]) -> str:
    names = ", ".join(p.name for p in files)
    return f"已写入 / Wrote: {names}"


def new_account_button(book: Sheetbook) -> str:
    """The selected portfolio row's plan and customer file, beside the workbook."""
    result = new_account_from_selection(book)
    tier = result.tier or "—"
    return f"{result.record.name}: {tier}\n{_wrote(result.files)}"


def refresh_button(book: Sheetbook) -> str:
    """The portfolio sheet scored again, in place."""
    result = refresh_portfolio(book)
    return f"{result.message('zh')}\n{result.message('en')}"


def receivables_button(book: Sheetbook, *, beside: bool, as_of: date | None = None) -> str:
    """The selected ledger sheet's receivables as of ``as_of`` (default today): the report workbook beside
    the open one (``beside``), or the figures in its ``应收账款 / Receivables`` sheet (xlwings Lite)."""
    day = as_of or date.today()
    if beside:
        report = receivables_beside(book, as_of=day)
        problems = len(report.problems) + report.rows_not_counted
        return f"{_wrote(report.files)}\n截止 / as of {day.isoformat()} · 问题 / problems: {problems}"
    accounts = receivables_into_book(book, as_of=day)
    return (
        f"已写入“{RECEIVABLES_SHEET[0]}”表：{len(accounts)} 个客户，截止 {day.isoformat()}\n"
        f"Wrote the '{RECEIVABLES_SHEET[1]}' sheet: {len(accounts)} accounts as of {day.isoformat()}"
    )


def rollup_button(book: Sheetbook) -> str:
    """The plans in the workbook's folder rolled up into one portfolio beside it."""
    result = rollup_beside(book)
    return f"{_wrote(result.files)}\n问题 / problems: {len(result.problems)}"
