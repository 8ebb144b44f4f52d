"""A manager's job: score a team's existing portfolio table and write a new, live workbook.

:func:`score_table` reads the table as teams keep it — through
:func:`kam_xl.reading.read_table` (a title block and merged cells above the
header row, a totals row skipped, CSV in UTF-8/GBK/UTF-16) and
:mod:`kam_xl.cells` (``"¥1,200"``, ``"85%"``, full-width digits, ``#N/A``) —
and writes the portfolio kind's workbook (:mod:`kam_xl.workbooks.portfolio`:
every indicator a live formula from the registry, cached with the core's value,
and its summary sheet), the input's other columns kept to the right of the table
with the input row of each account, plus a ``问题 / Problems`` sheet naming the
input cell of every value it could not use and why. The input file is only read.

Headers are recognised by :func:`kam_xl.portfolio.resolve_columns` (the model's
codes and names of criteria and wall criteria, and
:data:`kam_xl.portfolio.INPUT_ALIASES`) and, besides those, by :data:`SCORE_ALIASES`.

What is a problem, and what happens to it (the row is always listed):

- a cell that is not a number (``#N/A``, ``"n/a"``) or that the core refuses
  (a criterion outside its scale: above the top, or a 0 on the 1–10 selection
  card): that cell is left blank, so the indicators that need it are blank and
  the others are computed;
- a row with no account name, or an account already listed above (compared as
  :func:`kam_xl.models.schema.label_key` compares labels): the row is not
  scored (all its inputs blank), so it neither gets a tier nor counts in the
  ranking of the others;
- a totals row (合计, Total …): skipped, listed on the Problems sheet (it is not a problem);
- a criterion column the table lacks: no row gets a score.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from kam_xl.cells import blank_mask, parse_number
from kam_xl.console import Progress, no_progress, summary_table
from kam_xl.errors import InputError, KamError, OutOfRangeError, Position
from kam_xl.models import Model, active_model, load_model, model_from_workbook
from kam_xl.models.schema import label_key
from kam_xl.output import Backup, Transaction
from kam_xl.portfolio import resolve_columns
from kam_xl.problems import Problem
from kam_xl.reading import Table, file_kind, read_table, sheet_names
from kam_xl.workbooks.book import Book, Value
from kam_xl.workbooks.labels import Text
from kam_xl.workbooks.model_sheet import MODEL_SHEET
from kam_xl.workbooks.problems_sheet import problems_sheet

__all__ = ["SCORE_ALIASES", "SCORE_PROBLEM_KINDS", "ScoreResult", "output_name", "score_table", "table_columns"]

# Headers teams use that kam_xl.portfolio.resolve_columns does not know, compared by label_key (NFKC-folded,
# trimmed, case-folded: "销售额（元）" and "销售额(元)" are one header). Keys as kam_xl.workbooks.portfolio.columns.
SCORE_ALIASES: dict[str, tuple[str, ...]] = {
    "account": (
        "客户全称", "客户名", "客户简称", "单位名称", "公司名称", "企业名称",
        "customer", "customer name", "client", "client name", "company", "company name",
    ),
    "industry": ("industry", "行业", "所属行业", "sector"),
    "owner": ("owner", "负责人", "客户经理", "销售代表", "销售负责人", "account manager", "sales rep", "key account manager"),
    "revenue": (
        "销售额(元)", "年销售额(元)", "销售收入", "营业收入", "营业额", "近12个月销售额(元)",
        "annual sales", "sales (cny)", "revenue (cny)", "trailing 12-month revenue",
    ),
    "gross_profit": ("毛利(元)", "毛利额(元)", "gross margin"),
}  # fmt: skip

_TEXT_KEYS = ("account", "industry", "owner")
_NAMES = ("{}-评分.xlsx", "{}-scored.xlsx")
_INPUT_ROW = ("原表行号", "Input row")
_BLANKED = ("本单元格未计入，依赖它的指标留空", "this cell is left out; indicators that need it are blank")


def output_name(source: str | os.PathLike[str], lang: str) -> str:
    """The default name of the scored workbook: the input's name with ``-评分`` / ``-scored``."""
    return _NAMES[0 if lang == "zh" else 1].format(Path(source).stem)


SCORE_PROBLEM_KINDS: dict[str, Text] = {
    "cell": ("单元格未计入", "cell left out"),
    "row": ("行未评分", "row not scored"),
    "duplicate": ("客户重复", "account repeated"),
    "column": ("列未计入", "column left out"),
    "table": ("表缺少评分项", "criteria missing"),
    "totals_row": ("合计行（已跳过）", "totals row (skipped)"),
}  # what score could not use as it stands, from the smallest place to the whole table


@dataclass(frozen=True)
class ScoreResult:
    """What :func:`score_table` read and wrote: one row per account listed (``row`` = its input row; the
    indicators as cached, "" = blank), the problems, the totals rows skipped, the files written."""

    accounts: pd.DataFrame
    problems: tuple[Problem, ...]
    skipped: tuple[int, ...] = ()
    files: tuple[Path, ...] = ()
    backups: tuple[Backup, ...] = ()
    tiers: tuple[tuple[str, int], ...] = field(default=())

    @property
    def has_problems(self) -> bool:
        return len(self.problems) > 0

    def summary(self, lang: str = "zh") -> str:
        """The one-screen summary a command prints at its end."""
        zh = lang == "zh"
        scored = int((self.accounts["tier"] != "").sum()) if len(self.accounts) else 0
        rows: list[tuple[str, object]] = [
            ("列出的客户" if zh else "Accounts listed", len(self.accounts)),
            ("已评级" if zh else "Given a tier", scored),
            *((f"{'客户等级' if zh else 'Tier'} {t}", k) for t, k in self.tiers),
            ("问题" if zh else "Problems", len(self.problems)),
            ("跳过的合计行" if zh else "Totals rows skipped", len(self.skipped)),
        ]
        lines = [summary_table("客户评分 / Scored table", ("项目", "数值") if zh else ("", "Value"), rows)]
        lines += [f"{'已写入' if zh else 'Wrote'} {p}" for p in self.files]
        lines += [b.message(lang) for b in self.backups]
        if self.problems:
            lines.append(
                f"有 {len(self.problems)} 个问题，见“问题”表"
                if zh
                else f"{len(self.problems)} problems: see the Problems sheet"
            )
        return "\n".join(lines)


# ---------------------------------------------------------------- the table's columns


def table_columns(headers: Sequence[object], model: Model) -> dict[str, str]:
    """Each key of the portfolio kind's columns (``account``, ``revenue``, ``criterion:<code>`` …) → the
    input's header holding it: :func:`kam_xl.portfolio.resolve_columns`' names first, then :data:`SCORE_ALIASES`."""
    from kam_xl.workbooks.portfolio import columns

    wanted = {c.key for c in columns(model) if c.kind != "formula"}
    found = {k: str(h) for k, h in resolve_columns(list(headers), model).items() if k in wanted}
    aliases = {label_key(a): key for key, names in SCORE_ALIASES.items() for a in names}
    taken = set(found.values())
    for h in headers:
        key = aliases.get(label_key(h))
        if key is not None and key in wanted and key not in found and str(h) not in taken:
            found[key] = str(h)
            taken.add(str(h))
    return found


def _canonical(key: str) -> str:
    """The header the portfolio kind recognises for ``key`` (its code for a criterion or wall criterion)."""
    return key.split(":", 1)[1] if ":" in key else key


def _model(model: Model | str | os.PathLike[str] | None, source: Path) -> Model:
    if isinstance(model, Model):
        return model
    if model is None:  # a kam_xl workbook is scored with the model on its Model sheet
        return model_from_workbook(source, MODEL_SHEET) if _has_model_sheet(source) else active_model()
    p = Path(model)
    return model_from_workbook(p) if p.suffix.lower() in (".xlsx", ".xlsm") else load_model(p)


def _has_model_sheet(path: Path) -> bool:
    """Whether an .xlsx lists a Model sheet (a file that cannot be read is reported by the reader, in one line)."""
    return path.is_file() and file_kind(path) == "xlsx" and MODEL_SHEET in sheet_names(path, "table")


def _read(source: Path, sheet: str | int | None, model: Model) -> Table:
    def is_header(row: Sequence[object]) -> bool:
        found = table_columns([v for v in row if v is not None and str(v).strip()], model)
        return "account" in found and len(found) >= 2

    def text_columns(headers: Sequence[str]) -> list[str]:
        """Names and the columns kam_xl does not score stay text (a code keeps its zeros)."""
        found = table_columns(headers, model)
        numeric = {h for k, h in found.items() if k not in _TEXT_KEYS}
        return [h for h in headers if h not in numeric]

    return read_table(source, sheet=sheet, is_header=is_header, text_columns=text_columns, role="table")


# ---------------------------------------------------------------- the job


def score_table(
    input: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    sheet: str | int | None = None,
    model: Model | str | os.PathLike[str] | None = None,
    lang: str = "zh",
    force: bool = False,
    progress: Progress = no_progress,
) -> ScoreResult:
    """Score the team's table in ``input`` (xlsx, xls, csv) and write the scored workbook to ``out`` (a
    ``.xlsx`` file, or a folder to hold :func:`output_name`). ``model``: a Model, a TOML file or a
    workbook with a Model sheet (default: the input's own Model sheet, else the active model)."""
    from kam_xl.workbooks import portfolio as kind

    source = Path(input)
    out = Path(out)
    target = out if out.suffix.lower() in (".xlsx", ".xlsm") else out / output_name(source, lang)
    if target.resolve() == source.resolve():
        raise InputError(
            "out", f"输出文件不能是输入文件本身（{source.name}）：输入文件只读不写",
            f"the output cannot be the input itself ({source.name}): the input is only read",
        )  # fmt: skip
    steps = 4
    with Transaction(force=force, lock=[target.parent]) as txn:
        txn.reserve([(target, source.name)])  # without force, an existing file is refused before any work
        progress("读取 / reading", 0, steps)
        m = _model(model, source)
        table = _read(source, sheet, m)
        progress("检查 / checking", 1, steps)
        scored = _Scoring(table, m, lang)
        progress("评分 / scoring", 2, steps)
        values = scored.score()
        book = kind.build(scored.frame(), model=m, lang=lang, spare_rows=0, extra=scored.extra(lang))
        _problems_sheet(book, scored.problems, table)
        progress("写入 / writing", 3, steps)
        txn.stage(target, book.write_to)
        done = txn.commit()
        progress("完成 / done", steps, steps)
    shown = [c.key for c in kind.columns(m) if c.kind == "formula"]
    accounts = pd.DataFrame({"row": scored.rows, "account": scored.inputs["account"], **{k: values[k] for k in shown}})
    tiers = tuple((t.text(lang), int((accounts["tier"] == t.text(lang)).sum())) for t in m.tiers)
    skipped = tuple(s.row for s in table.skipped)
    return ScoreResult(accounts, tuple(scored.problems), skipped, done.files, done.backups, tiers)


class _Scoring:
    """The input table as the portfolio kind takes it: blank rows dropped, each value read by
    :mod:`kam_xl.cells`, every cell the core cannot use blanked and recorded as a :class:`Problem`."""

    def __init__(self, table: Table, model: Model, lang: str) -> None:
        self.model, self.lang, self.table = model, lang, table
        frame = table.frame
        self.headers = [str(h) for h in frame.columns]
        filled = np.zeros(len(frame), dtype=bool)
        for h in frame.columns:
            filled |= ~_blanks(frame[h])
        self.raw = frame[filled].reset_index(drop=True)
        self.rows = np.asarray(table.rows)[filled]
        self.n = len(self.raw)
        self.cols = table_columns(self.headers, model)
        self.problems: list[Problem] = []
        where = Position(source=table.source, note=table.sheet)
        if "account" not in self.cols:
            raise InputError(
                "account", f"找不到客户名称列（表头如 客户名称 / Account）；现有列：{', '.join(self.headers)}",
                f"no account column (a header such as 客户名称 / Account); the headers are: {', '.join(self.headers)}",
                where,
            )  # fmt: skip
        if len(self.cols) < 2:
            raise InputError(
                "table", "表中没有可评分的列（评分项、销售额、壁垒……）", "the table has no column to score "
                "(criteria, revenue, barriers …)", where,
            )  # fmt: skip
        if self.n == 0:
            raise InputError("table", "客户表没有数据行", "the account table has no rows", where)
        self.inputs: dict[str, np.ndarray] = {}
        for key, header in self.cols.items():
            if key in _TEXT_KEYS:
                self.inputs[key] = np.array(
                    [None if b else str(v).strip() for v, b in zip(self.raw[header], blank_mask(self.raw[header]),
                                                                    strict=True)], dtype=object,
                )  # fmt: skip
            else:
                self.inputs[key] = self._numbers(header)
        self._missing_criteria()
        self._names()

    # ------------------------------------------------------------ problems

    def _add(self, kind: str, i: int | None, header: str | None, value: object, zh: str, en: str) -> None:
        """A problem (:data:`SCORE_PROBLEM_KINDS`) at the input's row of account ``i`` and ``header``'s column."""
        column = self.headers.index(header) + 1 if header in self.headers else None
        row = int(self.rows[i]) if i is not None else None
        shown = None if value is None or value != value else value
        cell = Position(sheet=self.table.sheet, row=row, column=column).cell if self.table.sheet else None
        self.problems.append(Problem.of(
            SCORE_PROBLEM_KINDS, kind, zh, en, file=self.table.source, sheet=self.table.sheet or "",
            cell=cell.split("!")[-1] if cell else "", row=row, column=header or "", value=shown,
        ))  # fmt: skip

    def _numbers(self, header: str) -> np.ndarray:
        col = self.raw[header]
        if col.dtype.kind in "biuf":
            return col.to_numpy(dtype=float, copy=True)  # blanked in place below
        if pd.api.types.infer_dtype(col, skipna=True) in ("integer", "floating", "mixed-integer-float"):
            return col.to_numpy(dtype=float, na_value=np.nan)  # numbers and blanks only: nothing to read as text
        out = np.full(self.n, np.nan)
        for i, v in enumerate(col.to_numpy(dtype=object)):
            try:
                x = parse_number(v, header)
            except KamError as exc:
                self._add("cell", i, header, v, f"{exc.zh}；{_BLANKED[0]}", f"{exc.en}; {_BLANKED[1]}")
                continue
            if x is not None:
                out[i] = x
        return out

    def _missing_criteria(self) -> None:
        card = self.model.scorecard()
        missing = [c for c in card.criteria if f"criterion:{c.code}" not in self.cols]
        if missing:
            names = ", ".join(f"{c.zh}/{c.en}" for c in missing)
            self._add(
                "table", None, None, None, f"缺少评分项列：{names}；所有客户都没有评分与等级",
                f"missing criterion columns: {names}; no account gets a score or tier",
            )  # fmt: skip

    def _drop_row(self, i: int) -> None:
        for key, values in self.inputs.items():
            if key not in _TEXT_KEYS:
                values[i] = np.nan

    def _names(self) -> None:
        header = self.cols["account"]
        seen: dict[str, int] = {}
        for i, name in enumerate(self.inputs["account"]):
            if name is None:
                self._add(
                    "row", i, header, None, "这一行没有客户名称：未评分", "this row has no account name: not scored"
                )
                self._drop_row(i)
                continue
            first = seen.setdefault(label_key(name), int(self.rows[i]))
            if first != int(self.rows[i]):
                self._add(
                    "duplicate", i, header, name, f"客户 “{name}” 与第 {first} 行重复：本行未评分（以第 {first} 行为准）",
                    f"account '{name}' repeats row {first}: this row is not scored (row {first} counts)",
                )  # fmt: skip
                self._drop_row(i)

    # ------------------------------------------------------------ the core's rules

    def score(self) -> dict[str, np.ndarray]:
        """The portfolio kind's indicators; a value the core refuses is recorded, blanked, and the rest scored again."""
        from kam_xl.workbooks.portfolio import indicators

        names = {k: _canonical(k) for k in self.inputs}
        back = {v: k for k, v in names.items()}
        while True:
            try:
                return indicators(self.inputs, self.n, self.model, self.lang, names)
            except KamError as exc:
                if not self._blank(exc, back):
                    raise

    def _blank(self, exc: KamError, back: dict[str, str]) -> bool:
        """Blank what ``exc`` names (a cell, else a row, else a column) and record why; False if nothing changed."""
        pos = exc.position
        key = back.get(pos.header or "") if pos is not None else None
        i = pos.row - 2 if pos is not None and pos.row is not None and 2 <= pos.row < self.n + 2 else None
        numeric = key is not None and key not in _TEXT_KEYS
        header = self.cols.get(key or "")
        if numeric and key is not None and i is not None and not np.isnan(self.inputs[key][i]):
            self._add(
                "cell", i, header, self.raw[header].iloc[i], f"{exc.zh}；{_BLANKED[0]}", f"{exc.en}; {_BLANKED[1]}"
            )
            typed = self.inputs[key][i]
            self.inputs[key][i] = np.nan
            self._blank_alike(exc, key, header, typed)
            return True
        if i is not None:
            had = any(not np.isnan(v[i]) for k, v in self.inputs.items() if k not in _TEXT_KEYS)
            self._add("row", i, None, None, f"{exc.zh}；本行未评分", f"{exc.en}; this row is not scored")
            self._drop_row(i)
            return had
        if numeric and key is not None and not np.isnan(self.inputs[key]).all():
            self._add("column", None, header, None, f"{exc.zh}；本列未计入", f"{exc.en}; this column is left out")
            self.inputs[key][:] = np.nan
            return True
        return False

    def _blank_alike(self, exc: KamError, key: str, header: str | None, typed: float) -> None:
        """Every other cell of the column that the same range rule refuses, blanked and recorded now: a
        table typed on the old 0–10 scale has a 0 in most rows, and one re-scoring per cell would take the
        square of the rows. Only where the rule was applied to the typed values themselves (the error's
        value is the cell's), not to a figure derived from them."""
        if not isinstance(exc, OutOfRangeError) or exc.value != f"{typed:g}":
            return
        refused = exc.refused(self.inputs[key])
        if refused is None:
            return
        for j in np.flatnonzero(refused):
            same = exc.for_value(f"{self.inputs[key][j]:g}")
            self._add("cell", int(j), header, self.raw[header].iloc[j], f"{same.zh}；{_BLANKED[0]}",
                      f"{same.en}; {_BLANKED[1]}")  # fmt: skip
            self.inputs[key][j] = np.nan

    # ------------------------------------------------------------ what the workbook is built from

    def frame(self) -> pd.DataFrame:
        """The inputs under headers the portfolio kind recognises (a criterion's code …)."""
        return pd.DataFrame({_canonical(k): v for k, v in self.inputs.items()})

    def extra(self, lang: str) -> dict[str, list[Value]]:
        """The input row of each account, then the input's columns the portfolio kind does not hold, as read."""
        used = set(self.cols.values())
        out: dict[str, list[Value]] = {_INPUT_ROW[0 if lang == "zh" else 1]: [float(r) for r in self.rows]}
        for h in self.headers:
            if h not in used:
                out.setdefault(h, [_value(v) for v in self.raw[h].to_numpy(dtype=object)])
        return out


def _blanks(col: pd.Series) -> np.ndarray:
    """:func:`kam_xl.cells.blank_mask` of a column; one of numbers and blanks only (most of a team's table, as
    read) is decided by pandas at C speed — a number is never blank — and not cell by cell."""
    if col.dtype.kind not in "biufcmM" and pd.api.types.infer_dtype(col, skipna=True) in (
        "integer",
        "floating",
        "mixed-integer-float",
    ):
        return col.isna().to_numpy(dtype=bool)
    return blank_mask(col)


def _value(v: object) -> Value:
    """A cell as read, for the workbook: text, a number, a date; None for a blank."""
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, bool):
        return str(v).upper()
    if isinstance(v, int | float | np.integer | np.floating):
        return float(v)
    if isinstance(v, date):
        return v
    return str(v)


# ---------------------------------------------------------------- the Problems sheet

_PROBLEMS_TITLE: Text = (
    "无法评分的行与单元格（输入文件中的位置）",
    "Rows and cells that could not be scored (where they are in the input)",
)
_NO_PROBLEMS: Text = ("没有问题：每一行都已评分", "No problems: every row was scored")
_TOTALS: Text = ("合计行，未作为客户读取", "a totals row: not read as an account")


def _problems_sheet(book: Book, problems: Sequence[Problem], table: Table) -> None:
    in_order = sorted(problems, key=lambda p: p.row or 0)  # whole-table problems first; stable within a row
    skipped = [
        Problem.of(SCORE_PROBLEM_KINDS, "totals_row", *_TOTALS, file=table.source, sheet=table.sheet or "", row=s.row)
        for s in table.skipped
    ]
    problems_sheet(book, [*in_order, *skipped], title=_PROBLEMS_TITLE, none=_NO_PROBLEMS)
