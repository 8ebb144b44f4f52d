"""A manager's job: the team's filled-in account plans (and customer files) back into one portfolio.

:func:`rollup_folder` reads every ``.xlsx`` in a folder (not its sub-folders) through
:mod:`kam_xl.jobs.check` — the same one-pass read-back (:mod:`kam_xl.readback`) and the same findings as
``kam-xl check`` — and writes the portfolio kind's workbook
(:mod:`kam_xl.workbooks.portfolio`: every indicator a live formula, cached with
the core's value) with one row per account, made from its plan's inputs: name,
industry, owner (overview), criterion scores (scorecard), relationship type, our
sales and total spend (diagnosis), wall criteria and barrier inputs (barriers).
The account's customer file (matched by name) adds its code, and its industry and
owner where the plan leaves them blank. A ``问题 / Problems`` sheet, and the
summary, list each finding with its file, sheet and cell.

What is rolled up, and why (every case is listed):

- a file with findings (formula errors, overwritten formulas, stale values, Model
  edits): rolled up **from its inputs**, recomputed with the rollup's model — the
  recomputation is the truth, a stored value is not;
- a file made with another scoring model (its stated hash is not the rollup's
  model's): rolled up from its inputs with the rollup's model; each Model row
  that differs from the rollup's model is listed;
- an input cell the core cannot use (text in a score, a score above the scale):
  that value is left blank (the indicators needing it are blank), listed;
- a second plan of an account already read: not rolled up, listed;
- a file that is not a kam_xl account plan or customer file (a kam_xl portfolio or
  development record included), or cannot be read: skipped, listed. One broken
  file never stops the others.

The input files are only read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl.utils import column_index_from_string
from openpyxl.utils.cell import coordinate_to_tuple

from kam_xl.cells import identifier
from kam_xl.console import Progress, no_progress, summary_table
from kam_xl.errors import FileError, KamError, Position
from kam_xl.jobs.check import (
    FINDING_KINDS,
    CheckReport,
    ReadBack,
    check_read_back,
    model_differences,
    read_back,
    stated_hash,
)
from kam_xl.models import Model, active_model, load_model, model_from_workbook
from kam_xl.models.schema import label_key
from kam_xl.output import Backup, Transaction
from kam_xl.problems import Problem, count_by_kind
from kam_xl.readback import Grid
from kam_xl.workbooks.account_plan import SHEETS as PLAN_SHEETS
from kam_xl.workbooks.account_plan.barriers import BARRIER_INPUT_COLUMN, COMPONENTS, WALL_FIRST_ROW
from kam_xl.workbooks.account_plan.diagnosis import OUR_SALES_CELL, TOTAL_SPEND_CELL, TYPE_CELL
from kam_xl.workbooks.account_plan.layout import ACCOUNT_ROW, number
from kam_xl.workbooks.account_plan.scorecard import CRITERIA_FIRST_ROW, SCORE_COLUMN
from kam_xl.workbooks.book import Value
from kam_xl.workbooks.customer_file import SHEETS as FILE_SHEETS
from kam_xl.workbooks.customer_file.sheets import COMPANY_FIELDS, COMPANY_FIRST_ROW
from kam_xl.workbooks.labels import Text
from kam_xl.workbooks.model_sheet import MODEL_SHEET
from kam_xl.workbooks.problems_sheet import problems_sheet

__all__ = [
    "PROBLEM_KINDS",
    "FolderAccount",
    "RollupResult",
    "account_tiers",
    "folder_files",
    "model_of",
    "output_name",
    "read_accounts",
    "rollup_folder",
]

PROBLEM_KINDS: dict[str, Text] = {
    **FINDING_KINDS,
    "not_kam_xl": ("不是 kam_xl 工作簿或无法读取（未汇总）", "not a kam_xl workbook, or unreadable (skipped)"),
    "other_kind": ("kam_xl 的其他工作簿（未汇总）", "another kind of kam_xl workbook (skipped)"),
    "other_model": ("用另一评分模型生成", "made with another scoring model"),
    "duplicate": ("客户重复或无名称（未汇总）", "account repeated or unnamed (not rolled up)"),
}
_NAMES = ("客户组合-汇总.xlsx", "portfolio-rollup.xlsx")
_KIND_NAMES: dict[str, Text] = {
    "portfolio": ("客户组合", "portfolio"),
    "development": ("开发记录", "development record"),
}
# where the kinds lay the inputs out (their public constants): the overview's industry and owner rows; the
# diagnosis' relationship type, our sales and total spend; the customer file's company form
_INDUSTRY_ROW, _OWNER_ROW = ACCOUNT_ROW + 1, ACCOUNT_ROW + 2
_TYPE_CELL, _SALES_CELL, _SPEND_CELL = (coordinate_to_tuple(c) for c in (TYPE_CELL, OUR_SALES_CELL, TOTAL_SPEND_CELL))
_FILE_NAME, _FILE_CODE, _FILE_INDUSTRY, _FILE_MANAGER = (
    (COMPANY_FIRST_ROW + COMPANY_FIELDS.index(k), 2) for k in ("name", "code", "industry", "manager")
)
_SCORE_COL, _INPUT_COL = column_index_from_string(SCORE_COLUMN), column_index_from_string(BARRIER_INPUT_COLUMN)


def output_name(lang: str) -> str:
    """The default name of the rolled-up portfolio."""
    return _NAMES[0 if lang == "zh" else 1]


def _problem(kind: str, file: str, sheet: str, cell: str, zh: str, en: str, **more: object) -> Problem:
    """One thing found in one file (a :class:`kam_xl.problems.Problem` of :data:`PROBLEM_KINDS`)."""
    return Problem.of(PROBLEM_KINDS, kind, zh, en, file=file, sheet=sheet, cell=cell, **more)


@dataclass(frozen=True)
class RollupResult:
    """What :func:`rollup_folder` read and wrote: one row per account rolled up (its plan and customer file,
    score and tier, "" = blank), the problems, the files written."""

    accounts: pd.DataFrame
    problems: tuple[Problem, ...]
    files_read: int
    files: tuple[Path, ...] = ()
    backups: tuple[Backup, ...] = ()
    tiers: tuple[tuple[str, int], ...] = field(default=())

    @property
    def has_problems(self) -> bool:
        return len(self.problems) > 0

    def summary(self, lang: str = "zh", limit: int = 40) -> str:
        """Each problem on a line (the first ``limit``), then the one-screen table."""
        zh = lang == "zh"
        lines = [p.message(lang) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            more = len(self.problems) - limit
            lines.append(f"……另有 {more} 个问题，见“问题”表" if zh else f"… {more} more: see the Problems sheet")
        counts = count_by_kind(self.problems, PROBLEM_KINDS, lang)
        rows: list[tuple[str, object]] = [
            ("读取的文件" if zh else "Files read", self.files_read),
            ("汇总的客户" if zh else "Accounts rolled up", len(self.accounts)),
            *((f"{'客户等级' if zh else 'Tier'} {t}", k) for t, k in self.tiers),
            *((k, n) for k, n in counts if n),
            ("问题" if zh else "Problems", len(self.problems)),
        ]
        lines.append(summary_table("客户汇总 / Roll-up", ("项目", "数值") if zh else ("", "Value"), rows))
        lines += [f"{'已写入' if zh else 'Wrote'} {p}" for p in self.files]
        lines += [b.message(lang) for b in self.backups]
        return "\n".join(lines)


# ---------------------------------------------------------------- one file's inputs


@dataclass
class FolderAccount:
    """An account's inputs read from its plan (and customer file), keyed as the portfolio kind's columns; the
    plan's monthly-plan sheet as the file holds it (None: a plan without one, or only a customer file)."""

    values: dict[str, object]
    plan: str = ""
    customer_file: str = ""
    code: str | None = None
    relationship: str | None = None
    monthly: Grid | None = None
    lang: str = "zh"


class _Reader:
    """Read a plan's or customer file's inputs cell by cell; a value the core cannot use is blanked and listed."""

    def __init__(self, book: ReadBack, problems: list[Problem]) -> None:
        self.book, self.problems = book, problems

    def grid(self, sheets: dict[str, Text], key: str) -> tuple[str, Grid]:
        title = sheets[key][0 if self.book.lang == "zh" else 1]
        return title, self.book.grids[title]

    def text(self, g: Grid, at: tuple[int, int]) -> str | None:
        return identifier(g.values.get(at))

    def number(self, title: str, g: Grid, at: tuple[int, int], name: str, lo: float, hi: float | None) -> float | None:
        where = Position(sheet=title, row=at[0], column=at[1])
        try:
            return number(g.values.get(at), name, where, lo, hi)
        except KamError as exc:
            self.problems.append(_problem("bad_input", self.book.path.name, title, where.cell.split("!")[-1] if where.cell else "",
                                          f"{exc.zh}；本值未计入", f"{exc.en}; this value is left out",
                                          value=g.values.get(at)))  # fmt: skip
            return None


def _plan_account(book: ReadBack, held: Model, model: Model, problems: list[Problem]) -> FolderAccount:
    """The plan's inputs, read where ``held`` (the model the plan was made with) laid them out, under the
    rollup model's codes (a criterion the rollup's model lacks is left out: its model difference is listed)."""
    r = _Reader(book, problems)
    title, ov = r.grid(PLAN_SHEETS, "overview")
    values: dict[str, object] = {
        "account": r.text(ov, (ACCOUNT_ROW, 2)),
        "industry": r.text(ov, (_INDUSTRY_ROW, 2)),
        "owner": r.text(ov, (_OWNER_ROW, 2)),
    }
    card, wanted = held.scorecard(held.tier_scorecard), {c.code for c in model.scorecard(model.tier_scorecard).criteria}
    title, sc = r.grid(PLAN_SHEETS, "scorecard")
    for k, c in enumerate(card.criteria):
        if c.code in wanted:
            values[f"criterion:{c.code}"] = r.number(
                title, sc, (CRITERIA_FIRST_ROW + k, _SCORE_COL), f"scores.{c.code}", card.scale_min, card.scale
            )
    title, dg = r.grid(PLAN_SHEETS, "diagnosis")
    if model.abc.value == "revenue":  # our sales to the account are its revenue to us
        values["revenue"] = r.number(title, dg, _SALES_CELL, "our_sales", 0.0, None)
    r.number(title, dg, _SPEND_CELL, "total_spend", 0.0, None)  # read to list a bad value; not a portfolio column
    title, br = r.grid(PLAN_SHEETS, "barriers")
    walls = held.barrier.wall_criteria
    known = {w.code for w in model.barrier.wall_criteria}
    for k, w in enumerate(walls):
        if w.code in known:
            values[f"wall:{w.code}"] = r.number(
                title, br, (WALL_FIRST_ROW + k, _INPUT_COL), f"wall.{w.code}", 0.0, w.max
            )
    top = (
        WALL_FIRST_ROW + len(walls) + 3
    )  # under the wall: its total and ratio rows, a blank row, the components' header
    for k, key in enumerate(COMPONENTS, start=1):
        values[key] = r.number(title, br, (top + k, _INPUT_COL), key, 0.0, held.barrier.component_scale)
    monthly_title = PLAN_SHEETS["monthly"][0 if book.lang == "zh" else 1]
    return FolderAccount(values, plan=book.path.name, relationship=r.text(dg, _TYPE_CELL),
                         monthly=book.grids.get(monthly_title), lang=book.lang)  # fmt: skip


def _file_account(book: ReadBack, problems: list[Problem]) -> FolderAccount:
    r = _Reader(book, problems)
    _, g = r.grid(FILE_SHEETS, "basic")
    values: dict[str, object] = {
        "account": r.text(g, _FILE_NAME),
        "industry": r.text(g, _FILE_INDUSTRY),
        "owner": r.text(g, _FILE_MANAGER),
    }
    return FolderAccount(values, customer_file=book.path.name, code=r.text(g, _FILE_CODE))


def _findings(report: CheckReport, name: str) -> list[Problem]:
    return [replace(f, file=name) for f in report.findings]


def _other_model(book: ReadBack, report: CheckReport, model: Model) -> list[Problem]:
    """A file whose Model sheet is intact but is another model than the rollup's: the rows that differ."""
    held = report.model
    if held is None or stated_hash(book) != held.content_hash or held.content_hash == model.content_hash:
        return []  # unreadable or edited: check's findings say so; or the rollup's own model
    g = book.grids[MODEL_SHEET]
    note_zh, note_en = "；按汇总所用模型由输入重算", "; rolled up from its inputs with the rollup's model"
    found = model_differences(held, model, g, "汇总所用模型", "the rollup's model's", note_zh, note_en)
    out = [replace(f, kind="other_model", label=PROBLEM_KINDS["other_model"], file=book.path.name) for f in found]
    return out or [
        _problem("other_model", book.path.name, MODEL_SHEET, "B1",
                      f"模型哈希 {held.content_hash[:12]}… 不是汇总所用模型的 {model.content_hash[:12]}…{note_zh}",
                      f"model hash {held.content_hash[:12]}… is not the rollup's {model.content_hash[:12]}…{note_en}")
    ]  # fmt: skip


# ---------------------------------------------------------------- the job


def model_of(model: Model | str | os.PathLike[str] | None) -> Model:
    """A command's ``--model``: a Model, a TOML file or a workbook with a Model sheet (None: the active model)."""
    if isinstance(model, Model):
        return model
    if model is None:
        return active_model()
    p = Path(model)
    return model_from_workbook(p) if p.suffix.lower() in (".xlsx", ".xlsm") else load_model(p)


def folder_files(folder: Path) -> list[Path]:
    """The folder's files (not its sub-folders), by name; a folder that cannot be read is refused."""
    try:
        return sorted((Path(e.path) for e in os.scandir(folder) if e.is_file()), key=lambda p: p.name)
    except OSError as exc:
        raise FileError(
            "folder", f"无法读取文件夹 {folder}：{exc.strerror or exc}", f"cannot read the folder {folder}: "
            f"{exc.strerror or exc}", Position(source=str(folder)),
        ) from None  # fmt: skip


def rollup_folder(
    folder: str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    *,
    model: Model | str | os.PathLike[str] | None = None,
    lang: str = "zh",
    force: bool = False,
    progress: Progress = no_progress,
) -> RollupResult:
    """Roll the account plans and customer files in ``folder`` up into one portfolio workbook at ``out``
    (a ``.xlsx`` file, or a folder to hold :func:`output_name`; default: the current folder).
    ``model``: a Model, a TOML file or a workbook with a Model sheet (default: the active model)."""
    from kam_xl.workbooks import portfolio as kind

    source = Path(folder)
    out = Path(".") if out is None else Path(out)
    target = out if out.suffix.lower() in (".xlsx", ".xlsm") else out / output_name(lang)
    m = model_of(model)
    paths = [p for p in folder_files(source) if p.resolve() != target.resolve()]
    with Transaction(force=force, lock=[target.parent]) as txn:
        txn.reserve([(target, source.name)])  # without force, an existing file is refused before any work
        accounts, problems = read_accounts(paths, m, progress)
        table = pd.DataFrame([a.values for a in accounts])
        shown = table.rename(columns=lambda k: k.split(":", 1)[-1])  # a criterion's code: the header the kind knows
        book = kind.build(
            shown if len(accounts) else None, model=m, lang=lang, spare_rows=0, extra=_extra(accounts, lang)
        )
        problems_sheet(book, problems, title=_PROBLEMS_TITLE, none=_NO_PROBLEMS)
        progress("写入 / writing", 0, 1)
        txn.stage(target, book.write_to)
        done = txn.commit()
        progress("写入 / writing", 1, 1)
    values = _values(table, m, lang) if len(accounts) else {"score": [], "tier": []}
    frame = pd.DataFrame({
        "account": [a.values["account"] for a in accounts], "plan": [a.plan for a in accounts],
        "customer_file": [a.customer_file for a in accounts], "score": values["score"], "tier": values["tier"],
    })  # fmt: skip
    tiers = tuple((t.text(lang), int((frame["tier"] == t.text(lang)).sum())) for t in m.tiers)
    return RollupResult(frame, tuple(problems), len(paths), done.files, done.backups, tiers)


def read_accounts(
    paths: Sequence[Path], model: Model, progress: Progress = no_progress
) -> tuple[list[FolderAccount], list[Problem]]:
    """The accounts of the plans and customer files among ``paths`` (:func:`folder_files`), each plan merged with
    its customer file, and everything found on the way (a file that is no plan or customer file, a repeated or
    unnamed account …): the read ``kam-xl rollup`` and ``kam-xl review`` share."""
    step = "读取 / reading"
    problems: list[Problem] = []
    plans: dict[str, FolderAccount] = {}
    files: dict[str, FolderAccount] = {}
    for i, (found, account) in enumerate(_read_all(list(paths), model)):
        progress(step, i, len(paths))
        problems += found
        path = paths[i]
        if account is None:
            continue
        into = plans if account.plan else files
        name = account.values.get("account")
        key = label_key(name) if isinstance(name, str) else ""
        if not key:
            problems.append(_problem("duplicate", path.name, "", "", "客户名称为空：未汇总",
                                          "the account name is blank: not rolled up"))  # fmt: skip
        elif key in into:
            first = into[key].plan or into[key].customer_file
            problems.append(_problem("duplicate", path.name, "", "",
                                          f"客户 “{name}” 已由 {first} 读取：本文件未汇总",
                                          f"account '{name}' was read from {first}: this file is not rolled up"))  # fmt: skip
        else:
            into[key] = account
    progress(step, len(paths), len(paths))
    return _merge(plans, files), problems


def account_tiers(accounts: Sequence[FolderAccount], model: Model, lang: str) -> list[object]:
    """Each account's tier recomputed from its plan's inputs with ``model`` (blank without scores), as the
    rolled-up portfolio caches it."""
    if not accounts:
        return []
    table = pd.DataFrame([a.values for a in accounts])
    return list(_values(table, model, lang)["tier"])


_PARALLEL_FROM = 16  # files; below this a worker process costs more than it saves


def _read_all(paths: list[Path], model: Model) -> Iterator[tuple[list[Problem], FolderAccount | None]]:
    """Each file's findings and account, in order: read by a process per core when there are many (the
    read is Python-bound XML parsing), in this process otherwise."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < _PARALLEL_FROM or workers < 2:
        yield from (_one_file(p, model) for p in paths)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_one_file, paths, [model] * len(paths), chunksize=8)


def _one_file(path: Path, model: Model) -> tuple[list[Problem], FolderAccount | None]:
    found: list[Problem] = []
    return found, _one(path, model, found)


def _one(path: Path, model: Model, problems: list[Problem]) -> FolderAccount | None:
    """One file's account, its findings added to ``problems``; None (and listed) when it cannot be used."""
    if path.suffix.lower() != ".xlsx":
        problems.append(_problem("not_kam_xl", path.name, "", "", "不是 .xlsx 工作簿：未读取",
                                      "not an .xlsx workbook: not read"))  # fmt: skip
        return None
    try:
        book = read_back(path)
        if book.kind not in ("account_plan", "customer_file"):  # a portfolio or development record: not rolled up
            problems.append(_problem("other_kind", path.name, "", "", f"是 kam_xl 的{_KIND_NAMES[book.kind][0]}，"
                                          "不是大客户计划或客户档案：未读取", f"a kam_xl {_KIND_NAMES[book.kind][1]}, "
                                          "not an account plan or customer file: not read"))  # fmt: skip
            return None
        report = check_read_back(book)
        problems += _findings(report, path.name)
        problems += _other_model(book, report, model)
        if book.kind == "account_plan":
            return _plan_account(book, report.model or model, model, problems)
        return _file_account(book, problems)
    except KamError as exc:
        problems.append(_problem("not_kam_xl", path.name, "", "", exc.zh, exc.en))
    except Exception as exc:
        problems.append(_problem("not_kam_xl", path.name, "", "", f"无法读取：{exc}", f"cannot be read: {exc}"))
    return None


def _merge(plans: dict[str, FolderAccount], files: dict[str, FolderAccount]) -> list[FolderAccount]:
    """Each plan with its customer file's code (and industry, owner where the plan is blank); then the
    accounts that have only a customer file (no scores)."""
    out = []
    for key, a in plans.items():
        f = files.get(key)
        if f is not None:
            for k in ("industry", "owner"):
                if a.values.get(k) is None:
                    a.values[k] = f.values.get(k)
            a.customer_file, a.code = f.customer_file, f.code
        out.append(a)
    out += [f for key, f in files.items() if key not in plans]
    return out


def _values(table: pd.DataFrame, model: Model, lang: str) -> dict[str, Sequence[object]]:
    """The score and tier of each row, as the portfolio kind caches them (the core's values)."""
    from kam_xl.workbooks import portfolio as kind

    inputs: dict[str, np.ndarray] = {}
    for key in table.columns:
        col = table[key].to_numpy(dtype=object)
        if key in ("account", "industry", "owner"):
            inputs[key] = col
        else:
            inputs[key] = np.array([np.nan if v is None else float(v) for v in col], dtype=float)
    found = kind.indicators(inputs, len(table), model, lang)
    return {"score": list(found["score"]), "tier": list(found["tier"])}


_EXTRA: dict[str, Text] = {
    "code": ("客户编号", "Account code"),
    "relationship": ("关系类型", "Relationship type"),
    "plan": ("计划文件", "Plan file"),
    "customer_file": ("档案文件", "Customer file"),
}


def _extra(accounts: list[FolderAccount], lang: str) -> dict[str, list[Value]]:
    i = 0 if lang == "zh" else 1
    return {
        _EXTRA["code"][i]: [a.code for a in accounts],
        _EXTRA["relationship"][i]: [a.relationship for a in accounts],
        _EXTRA["plan"][i]: [a.plan or None for a in accounts],
        _EXTRA["customer_file"][i]: [a.customer_file or None for a in accounts],
    }


# ---------------------------------------------------------------- the Problems sheet

_PROBLEMS_TITLE: Text = (
    "各文件中发现的问题（文件、工作表、单元格）",
    "What was found in each file (file, sheet, cell)",
)
_NO_PROBLEMS: Text = ("没有问题：每个文件都已汇总", "No problems: every file was rolled up")
