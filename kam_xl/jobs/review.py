"""A manager's job for the monthly meeting (每月经营分析会, seed 003): every account plan's month in one review.

:func:`review_folder` reads the ``.xlsx`` files of a folder as ``kam-xl rollup`` does
(:func:`kam_xl.jobs.rollup.read_accounts`: the same read-back, findings and duplicate rules; customer files
are matched to their plans, and are not reviewed themselves), takes each plan's 月度经营 / Monthly plan sheet,
and writes the review workbook (:mod:`kam_xl.workbooks.review`) for the month asked: each account's month
(sales, gross profit, collections; target, actual, attainment; last year's and the growth; the year to date),
the same by owner and by tier, and the accounts below target. The tier is recomputed from the plan's scores
with the review's model, as the roll-up does.

Listed on the Problems sheet (exit 1), the account left out of the review: a plan without a monthly-plan
sheet (made before it), a plan whose plan year is blank or another year than the month's, a month cell the
core cannot read (that value left blank, the account kept). Everything ``rollup`` lists is listed too.
The input files are only read.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from openpyxl.utils import column_index_from_string

from kam_xl.console import Progress, no_progress, summary_table
from kam_xl.core import monthly
from kam_xl.errors import InputError, KamError, Position
from kam_xl.jobs.rollup import PROBLEM_KINDS as ROLLUP_KINDS
from kam_xl.jobs.rollup import FolderAccount, account_tiers, folder_files, model_of, read_accounts
from kam_xl.models import Model
from kam_xl.output import Backup, Transaction
from kam_xl.problems import Problem, count_by_kind
from kam_xl.workbooks import review as kind
from kam_xl.workbooks.account_plan import SHEETS as PLAN_SHEETS
from kam_xl.workbooks.account_plan.data import Month, MonthlyPlan
from kam_xl.workbooks.account_plan.layout import number
from kam_xl.workbooks.account_plan.monthly import MEASURE_FIRST_ROW, MEASURES, MONTH_COLUMNS, YEAR_CELL, read_months
from kam_xl.workbooks.labels import Text
from kam_xl.workbooks.problems_sheet import problems_sheet

__all__ = [
    "PROBLEM_KINDS",
    "ReviewResult",
    "month_figures_of",
    "output_name",
    "parse_month",
    "review_folder",
]

PROBLEM_KINDS: dict[str, Text] = {
    **ROLLUP_KINDS,
    "no_monthly": ("没有月度经营表（未纳入）", "no monthly-plan sheet (not reviewed)"),
    "other_year": ("计划年度不是本月所在年度（未纳入）", "plan year is not the month's (not reviewed)"),
}


def output_name(month: str, lang: str) -> str:
    """The default name of the review workbook."""
    return f"经营分析-{month}.xlsx" if lang == "zh" else f"business-review-{month}.xlsx"


def parse_month(text: str) -> tuple[int, int]:
    """``YYYY-MM`` → (year, month); anything else is an :class:`~kam_xl.errors.InputError`."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InputError("month", f"“{text}” 不是 YYYY-MM 格式的月份（如 2026-03）",
                         f"'{text}' is not a month as YYYY-MM (e.g. 2026-03)")  # fmt: skip
    return int(m.group(1)), int(m.group(2))


@dataclass(frozen=True)
class ReviewResult:
    """What :func:`review_folder` read and wrote: the accounts reviewed, the problems, the files written."""

    month: str
    rows: tuple[kind.ReviewRow, ...]
    problems: tuple[Problem, ...]
    files_read: int
    files: tuple[Path, ...] = ()
    backups: tuple[Backup, ...] = ()

    @property
    def has_problems(self) -> bool:
        return len(self.problems) > 0

    def summary(self, lang: str = "zh", limit: int = 40) -> str:
        zh = lang == "zh"
        lines = [p.message(lang) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            more = len(self.problems) - limit
            lines.append(f"……另有 {more} 个问题，见“问题”表" if zh else f"… {more} more: see the Problems sheet")
        target = sum(x.sales.target for x in self.rows if not math.isnan(x.sales.target))
        actual = sum(x.sales.actual for x in self.rows if not math.isnan(x.sales.actual))
        below = sum(1 for x in self.rows if monthly.below_target(monthly.attainment(x.sales.actual,
                                                                                    x.sales.target), lang).item())  # fmt: skip
        rows: list[tuple[str, object]] = [
            ("月份" if zh else "Month", self.month),
            ("读取的文件" if zh else "Files read", self.files_read),
            ("纳入的客户" if zh else "Accounts reviewed", len(self.rows)),
            ("本月销售目标" if zh else "Sales target", f"{target:,.0f}"),
            ("本月销售实际" if zh else "Sales actual", f"{actual:,.0f}"),
            ("达成率" if zh else "Attainment", f"{actual / target:.1%}" if target > 0 else ""),
            ("未达标客户" if zh else "Accounts below target", below),
            *((k, n) for k, n in count_by_kind(self.problems, PROBLEM_KINDS, lang) if n),
            ("问题" if zh else "Problems", len(self.problems)),
        ]
        lines.append(summary_table("每月经营分析 / Monthly review", ("项目", "数值") if zh else ("", "Value"), rows))
        lines += [f"{'已写入' if zh else 'Wrote'} {p}" for p in self.files]
        lines += [b.message(lang) for b in self.backups]
        return "\n".join(lines)


def _problem(kind_: str, file: str, sheet: str, cell: str, zh: str, en: str, **more: object) -> Problem:
    return Problem.of(PROBLEM_KINDS, kind_, zh, en, file=file, sheet=sheet, cell=cell, **more)


def month_figures_of(plan: MonthlyPlan, month: int) -> dict[str, monthly.MonthFigures]:
    """Each measure's figures (sales, profit, collections) for ``month`` from a plan's months read as numbers
    (None = blank): what the monthly-plan sheet shows on that month's row."""
    months = list(plan.months) + [Month()] * (monthly.MONTHS - len(plan.months))
    out = {}
    for measure, names in MEASURES.items():
        series = [[np.nan if (v := getattr(m, name)) is None else float(v) for m in months] for name in names]
        out[measure] = monthly.month_figures(series[0], series[1], series[2], month)
    return out


def _row(a: FolderAccount, tier: object, year: int, month: int, problems: list[Problem]) -> kind.ReviewRow | None:
    """The account's month from its plan's monthly sheet; None (and listed) when it cannot be reviewed."""
    title = PLAN_SHEETS["monthly"][0 if a.lang == "zh" else 1]
    if a.monthly is None:
        problems.append(_problem("no_monthly", a.plan, "", "", "计划中没有“月度经营”表（早期版本生成）：未纳入本月分析",
                                 "the plan has no Monthly plan sheet (made by an earlier version): not reviewed"))  # fmt: skip
        return None
    plan = read_months(a.monthly.values)
    given: object = plan.year  # a raw cell: whatever was typed
    if not isinstance(given, int | float) or int(given) != year:
        shown = "空白" if given is None else str(given)
        problems.append(_problem("other_year", a.plan, title, YEAR_CELL,
                                 f"计划年度为 {shown}，不是 {year}：未纳入本月分析",
                                 f"the plan year is {given if given is not None else 'blank'}, not {year}: "
                                 "not reviewed", value=given))  # fmt: skip
        return None
    read: dict[str, float | None] = {}
    months = []
    for k, m in enumerate(plan.months):
        for measure, names in MEASURES.items():
            for kind_, name in zip(("target", "actual", "last_year"), names, strict=True):
                col, r = MONTH_COLUMNS[kind_], MEASURE_FIRST_ROW[measure] + k
                where = Position(sheet=title, row=r, column=column_index_from_string(col))
                try:
                    read[name] = number(getattr(m, name), name, where, 0.0 if kind_ == "target" else None)
                except KamError as exc:
                    problems.append(_problem("bad_input", a.plan, title, f"{col}{r}", f"{exc.zh}；本值未计入",
                                             f"{exc.en}; this value is left out", value=getattr(m, name)))  # fmt: skip
                    read[name] = None
        months.append(replace(m, **read))  # type: ignore[arg-type]  # the amount fields only
    figures = month_figures_of(replace(plan, months=months), month)
    owner = a.values.get("owner")
    return kind.ReviewRow(
        account=str(a.values.get("account")), owner=None if owner is None else str(owner),
        tier=tier if isinstance(tier, str) and tier else None, plan=a.plan, **figures,
    )  # fmt: skip


def review_folder(
    folder: str | os.PathLike[str],
    month: str,
    out: str | os.PathLike[str] | None = None,
    *,
    model: Model | str | os.PathLike[str] | None = None,
    lang: str = "zh",
    force: bool = False,
    progress: Progress = no_progress,
) -> ReviewResult:
    """Review ``month`` (``YYYY-MM``) over the account plans in ``folder``, into ``out`` (a ``.xlsx`` file, or a
    folder to hold :func:`output_name`; default: the current folder)."""
    year, m = parse_month(month)
    label = f"{year:04d}-{m:02d}"
    source = Path(folder)
    out = Path(".") if out is None else Path(out)
    target = out if out.suffix.lower() in (".xlsx", ".xlsm") else out / output_name(label, lang)
    use = model_of(model)
    # the plans' folder holds the team's other files too (a portfolio, CSVs, earlier reviews): only workbooks
    # other than a review are read
    paths = [p for p in folder_files(source) if p.resolve() != target.resolve() and p.suffix.lower() == ".xlsx"
             and not _REVIEW_NAME.fullmatch(p.name)]  # fmt: skip
    with Transaction(force=force, lock=[target.parent]) as txn:
        txn.reserve([(target, source.name)])  # without force, an existing file is refused before any work
        accounts, found = read_accounts(paths, use, progress)
        # a kam_xl workbook of another kind (the portfolio, the development record) is no problem here
        problems = [p for p in found if p.kind != "other_kind"]
        plans = [a for a in accounts if a.plan]
        tiers = account_tiers(plans, use, lang)
        rows = [r for a, t in zip(plans, tiers, strict=True) if (r := _row(a, t, year, m, problems)) is not None]
        book = kind.build(rows, label, use, lang)
        problems_sheet(book, problems, title=_PROBLEMS_TITLE, none=_NO_PROBLEMS)
        book.add_model_sheet()
        progress("写入 / writing", 0, 1)
        txn.stage(target, book.write_to)
        done = txn.commit()
        progress("写入 / writing", 1, 1)
    return ReviewResult(label, tuple(rows), tuple(problems), len(paths), done.files, done.backups)


_REVIEW_NAME = re.compile(r"(经营分析|business-review)-\d{4}-\d{2}\.xlsx", re.IGNORECASE)  # output_name's
_PROBLEMS_TITLE: Text = (
    "各文件中发现的问题（文件、工作表、单元格）",
    "What was found in each file (file, sheet, cell)",
)
_NO_PROBLEMS: Text = ("没有问题：每个计划都已纳入", "No problems: every plan was reviewed")
