"""A rep's new account: its account plan and customer file, from arguments or a portfolio row.

:func:`new_account` writes both workbooks of one :class:`~kam_xl.jobs.account_record.AccountRecord`
as one :class:`kam_xl.output.Transaction` (the folder locked, both names reserved
before any work — never over an existing file without ``force`` —, both files
staged, then put in place together). File names are made from the account's name
by :func:`kam_xl.output.safe_file_name`.

:func:`account_from_portfolio` reads the record from one row of a portfolio
workbook (kam_xl's own, or a team's table with the same headers): the header row
found below any title block by :func:`kam_xl.reading.read_table`, Chinese or
English headers, the account found by its code (when the table has a code
column) or its name. Every value is read by :mod:`kam_xl.cells`' rules and an
unusable one is an error naming its cell.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from kam_xl.cells import identifier, is_blank, parse_number, to_date
from kam_xl.console import Progress, no_progress
from kam_xl.errors import InputError, Position
from kam_xl.indicators import REGISTRY
from kam_xl.jobs.account_record import COMPONENTS, AccountRecord
from kam_xl.models import Model, active_model, model_from_workbook
from kam_xl.models.schema import label_key
from kam_xl.output import Backup, Transaction, safe_file_name
from kam_xl.portfolio import resolve_columns
from kam_xl.reading import Table, file_kind, read_table, sheet_names
from kam_xl.workbooks.account_plan import LABELS as PLAN_LABELS
from kam_xl.workbooks.account_plan.layout import number
from kam_xl.workbooks.customer_file import LABELS as FILE_LABELS
from kam_xl.workbooks.labels import COMMON
from kam_xl.workbooks.model_sheet import MODEL_SHEET

__all__ = [
    "FILE_NAMES",
    "TABLE_ALIASES",
    "NewAccountResult",
    "account_from_arguments",
    "account_from_portfolio",
    "file_name",
    "new_account",
    "workbook_model",
]

FILE_NAMES = {  # the same names the demo gives the plan and file of each of its key accounts
    "account_plan": ("大客户战略管理计划-{}.xlsx", "account-plan-{}.xlsx"),
    "customer_file": ("大客户档案-{}.xlsx", "customer-file-{}.xlsx"),
}

# Columns of a portfolio table besides those kam_xl.portfolio.resolve_columns knows (account, revenue,
# criteria, wall criteria, barrier inputs): matched by their label_key.
TABLE_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("code", "id", "account code", "account id", "account_code", "客户编号", "客户代码", "编号", "代码"),
    "industry": ("industry", "行业", *FILE_LABELS["industry"]),
    "owner": ("owner", "account manager", "客户经理", "销售代表", *COMMON["owner"], *FILE_LABELS["manager"]),
    "tier": ("tier", "等级", "分级", REGISTRY["tier"].zh, REGISTRY["tier"].en),
    "relationship": ("relationship", "relationship type", "关系", *FILE_LABELS["relationship_type"]),
    "total_spend": ("total_spend", "total spend", *PLAN_LABELS["total_spend"]),
}
T = TypeVar("T")
_TEXT_KEYS = ("account", "code", "industry", "owner", "tier", "relationship")


def file_name(kind: str, lang: str, account: str) -> str:
    """The file name of an account's ``account_plan`` or ``customer_file`` (made safe)."""
    return safe_file_name(FILE_NAMES[kind][0 if lang == "zh" else 1].format(account))


@dataclass(frozen=True)
class NewAccountResult:
    """What :func:`new_account` wrote: the record it used, the files, any backups kept (``force``),
    and the score and tier the plan computed ("" while the scorecard is not filled in)."""

    record: AccountRecord
    files: tuple[Path, ...]
    backups: tuple[Backup, ...] = ()
    score: object = ""
    tier: object = ""

    def summary(self, lang: str) -> str:
        """The one-screen summary: the account, its score and tier, then every file written and backup kept."""
        from kam_xl.console import summary_table

        zh = lang == "zh"
        r = self.record
        headers = ("客户", "负责人", "评分卡得分", "客户等级") if zh else ("Account", "Owner", "Score", "Tier")
        row = (
            r.name,
            r.owner or "—",
            self.score if self.score != "" else "—",
            self.tier or ("待评分" if zh else "not scored"),
        )
        lines = [summary_table("新客户 / New account", headers, [row])]
        lines += [f"{'已写入' if zh else 'Wrote'} {p}" for p in self.files]
        lines += [b.message(lang) for b in self.backups]
        return "\n".join(lines)


def new_account(
    record: AccountRecord,
    out: str | os.PathLike[str],
    *,
    lang: str = "zh",
    model: Model | None = None,
    force: bool = False,
    progress: Progress = no_progress,
) -> NewAccountResult:
    """Write the account plan and the customer file of ``record`` into the folder ``out``.

    Both come from the one record (as of its date, else today). Existing files
    are refused unless ``force`` (a workbook kam_xl did not write, or that was
    changed since, is kept as a backup first).
    """
    from kam_xl.workbooks import account_plan, customer_file

    model = model or active_model()
    record = record.checked(model)
    record = replace(record, as_of=record.as_of or date.today())
    out = Path(out)
    step = "写入工作簿 / writing the workbooks"
    with Transaction(force=force, lock=[out]) as txn:
        targets = {kind: out / file_name(kind, lang, record.name) for kind in FILE_NAMES}
        txn.reserve((path, record.name) for path in targets.values())
        progress(step, 0, 2)
        plan = account_plan.build(record.to_account_plan(model, lang), model=model, lang=lang, as_of=record.as_of)
        txn.stage(targets["account_plan"], plan.write_to)
        progress(step, 1, 2)
        cfile = customer_file.build(record.to_customer_file(model, lang), model=model, lang=lang, as_of=record.as_of)
        txn.stage(targets["customer_file"], cfile.write_to)
        progress(step, 2, 2)
        done = txn.commit()
    return NewAccountResult(record, done.files, done.backups, plan.cached_value("score"), plan.cached_value("tier"))


# ---------------------------------------------------------------- from the command line's arguments


def account_from_arguments(
    name: str | None,
    *,
    base: AccountRecord | None = None,
    code: str | None = None,
    industry: str | None = None,
    owner: str | None = None,
    tier: str | None = None,
    relationship: str | None = None,
    sales: str | float | None = None,
    total_spend: str | float | None = None,
    as_of: str | date | None = None,
) -> AccountRecord:
    """A record from what a rep typed (numbers as :mod:`kam_xl.cells` reads them, ``"¥1,200"``; a date
    as ``2026-09-30``), or ``base`` (a portfolio row) with the values given here in place of its own."""
    record = base or AccountRecord(name=name or "")

    def pick(new: T | None, old: T | None) -> T | None:  # a value given here replaces the base's
        return old if is_blank(new) else new

    return replace(
        record,
        code=pick(code, record.code),
        industry=pick(industry, record.industry),
        owner=pick(owner, record.owner),
        tier=pick(tier, record.tier),
        relationship=pick(relationship, record.relationship),
        sales=pick(parse_number(sales, "--sales"), record.sales),
        total_spend=pick(parse_number(total_spend, "--total-spend"), record.total_spend),
        as_of=pick(to_date(as_of, "--as-of"), record.as_of),
    )


# ---------------------------------------------------------------- from a portfolio row


def workbook_model(path: str | os.PathLike[str]) -> Model:
    """The scoring model of a kam_xl workbook (its ``Model`` sheet), else the active model: a portfolio's
    row is scored again with the model that scored it. A table that is not an .xlsx has no Model sheet."""
    if not Path(path).is_file() or file_kind(path) != "xlsx":
        return active_model()  # a file that cannot be read is reported by the reader, in one line
    has_model = MODEL_SHEET in sheet_names(path, "portfolio")  # not opened with openpyxl just for its sheet list
    return model_from_workbook(path, MODEL_SHEET) if has_model else active_model()


def _columns(headers: Sequence[object], model: Model) -> dict[str, str]:
    """Each input key the record takes → the table's header holding it."""
    found = {k: str(v) for k, v in resolve_columns(list(headers), model).items()}
    keys = {label_key(a): key for key, aliases in TABLE_ALIASES.items() for a in aliases}
    for h in headers:
        key = keys.get(label_key(h))
        if key is not None and key not in found:
            found[key] = str(h)
    return found


def _is_header(model: Model) -> Callable[[Sequence[object]], bool]:
    def test(row: Sequence[object]) -> bool:
        found = _columns([v for v in row if not is_blank(v)], model)
        return "account" in found and len(found) >= 2

    return test


def _nearest(query: str, names: list[str]) -> list[str]:
    """Up to five names close to ``query``: those holding it (or held by it) first, then similar ones."""
    q = label_key(query)
    holding = [n for n in names if q in label_key(n) or label_key(n) in q]
    similar = difflib.get_close_matches(query, names, n=5, cutoff=0.4)
    return list(dict.fromkeys([*holding, *similar]))[:5]


def _find(table: Table, cols: dict[str, str], account: str, where: Position) -> int:
    """The frame row of ``account``: by code when the table has a code column and one matches, else by name."""
    frame = table.frame
    names = [None if is_blank(v) else str(v).strip() for v in frame[cols["account"]]]
    wanted = identifier(account)
    hits: list[int] = []
    if "code" in cols and wanted is not None:
        codes = [identifier(v) for v in frame[cols["code"]]]
        hits = [i for i, c in enumerate(codes) if c is not None and c.casefold() == wanted.casefold()]
    if not hits:
        key = label_key(account)
        hits = [i for i, n in enumerate(names) if n is not None and label_key(n) == key]
    if len(hits) == 1:
        return hits[0]
    look = f"客户编号或名称 “{account}”" if "code" in cols else f"客户名称 “{account}”"
    look_en = f"account code or name '{account}'" if "code" in cols else f"account name '{account}'"
    if hits:
        rows = ", ".join(str(int(table.rows[i])) for i in hits)
        raise InputError(
            "account", f"有多行匹配{look}（第 {rows} 行）；请用客户编号或改名区分",
            f"several rows match the {look_en} (rows {rows}); use the account code or rename one", where,
        )  # fmt: skip
    near = _nearest(account, [n for n in names if n is not None])
    zh_near = f"；相近的有：{'、'.join(near)}" if near else f"；表中共有 {sum(n is not None for n in names)} 个客户"
    en_near = (
        f"; nearest: {', '.join(near)}" if near else f"; the table has {sum(n is not None for n in names)} accounts"
    )
    raise InputError("account", f"找不到{look}{zh_near}", f"no {look_en} in the table{en_near}", where)


def account_from_portfolio(path: str | os.PathLike[str], account: str, *, model: Model | None = None) -> AccountRecord:
    """The record of ``account`` (its code or name) in a portfolio workbook or table (xlsx, xls, csv).

    Read: name, code, industry, owner, relationship type, our sales (the
    revenue column), total spend, every tier-scorecard criterion and wall
    criterion, the barrier and switching-cost inputs, and the tier the
    portfolio shows (checked against the scores when the record is used). A
    number out of its range is an error naming the portfolio's cell.
    """
    model = model or active_model()
    p = Path(path)
    table = read_table(
        p, is_header=_is_header(model), text_columns=lambda hs: _text_columns(hs, model), role="portfolio"
    )
    cols = _columns(list(table.frame.columns), model)
    where = Position(source=p.name, note=table.sheet)  # the file and its sheet
    if "account" not in cols:
        raise InputError(
            "account", "找不到客户名称列（表头如 客户名称 / Account）",
            "no account column (a header such as 客户名称 / Account)", where,
        )  # fmt: skip
    i = _find(table, cols, account, where)
    headers = list(table.frame.columns)
    row = table.frame.iloc[i]

    def at(key: str) -> Position:
        column = headers.index(cols[key]) + 1
        r = int(table.rows[i])
        if table.sheet is not None:
            return Position(sheet=table.sheet, row=r, column=column, note=p.name)
        return Position(source=p.name, row=r, column=column, header=cols[key])

    def text(key: str) -> str | None:
        if key not in cols or is_blank(row[cols[key]]):
            return None
        return identifier(row[cols[key]]) if key == "code" else str(row[cols[key]]).strip()

    def num(key: str, lo: float | None = 0.0, hi: float | None = None) -> float | None:
        return None if key not in cols else number(row[cols[key]], cols[key], at(key), lo, hi)

    card, bar = model.scorecard(), model.barrier
    scores = {c.code: num(f"criterion:{c.code}", card.scale_min, card.scale) for c in card.criteria}
    wall = {w.code: num(f"wall:{w.code}", 0.0, w.max) for w in bar.wall_criteria}
    parts = [num(k, 0.0, bar.component_scale) for k in COMPONENTS]
    return AccountRecord(
        name=str(row[cols["account"]]).strip(),
        code=text("code"),
        industry=text("industry"),
        owner=text("owner"),
        tier=text("tier"),
        relationship=text("relationship"),
        sales=num("revenue"),
        total_spend=num("total_spend"),
        scores={k: v for k, v in scores.items() if v is not None},
        wall={k: v for k, v in wall.items() if v is not None},
        technical=parts[0],
        commercial=parts[1],
        procedural=parts[2],
        financial=parts[3],
        relational=parts[4],
        source=at("account"),
    )


def _text_columns(headers: Sequence[str], model: Model) -> list[str]:
    """The columns a CSV keeps as text (codes keep their leading zeros) and totals rows are looked for in."""
    cols = _columns(headers, model)
    return [cols[k] for k in _TEXT_KEYS if k in cols]
