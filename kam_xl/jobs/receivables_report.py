"""Finance's receivables report from an ERP ledger export: read, compute, write one workbook.

The ledger (and a separate receipts file, if any) is read by
:func:`kam_xl.ledger.read_ledger` — the one reader of ledgers — and every figure
is computed by :func:`kam_xl.core.receivables.receivables`; the workbook is laid
out by :mod:`kam_xl.workbooks.receivables_report` and written through
:class:`kam_xl.output.Transaction` (the output folder locked, the file written to
a temporary and put in place whole; an existing file is never replaced without
``force``). The input files are only read.

Ledgers are read with ``rejects="collect"``: a row with a cell that cannot be
read (a credit note, a text amount, a blank account, a bad date …) is left out
of the figures and listed on the Problems sheet with its file, row, column and
the reader's own message; the run finishes with problems reported (exit 1),
not refused.

Credit limits come from a CSV or workbook of account → limit, read through
:mod:`kam_xl.reading`: the account column by the ledger's account headers
(``客户编号``, ``customerID`` …), the limit column by :data:`LIMIT_HEADERS`.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kam_xl.cells import identifiers, to_date
from kam_xl.console import Progress, no_progress, summary_table
from kam_xl.core.receivables import balances, rating_label, receivables
from kam_xl.errors import KamError, LedgerError
from kam_xl.ledger import REJECTED_COLUMNS, Ledger, match_columns, read_ledger
from kam_xl.models import Model, active_model
from kam_xl.output import Backup, Transaction
from kam_xl.reading import read_table

if TYPE_CHECKING:  # the workbook half is imported when a report is written
    from kam_xl.workbooks.receivables_report import ReportData

__all__ = [
    "LIMIT_HEADERS",
    "ReceivablesReport",
    "read_credit_limits",
    "receivables_report",
    "report_data",
    "report_name",
]

# Headers of a credit-limit column, compared after NFKC folding, lower-casing and dropping spaces and _ - .
LIMIT_HEADERS = ("creditlimit", "limit", "creditline", "信用额度", "授信额度", "额度", "信用限额")

_NAMES = ("应收账款报告.xlsx", "receivables-report.xlsx")


def report_name(lang: str) -> str:
    """The report's default file name in ``lang``."""
    return _NAMES[0 if lang == "zh" else 1]


@dataclass(frozen=True)
class ReceivablesReport:
    """The per-account figures (the core's columns plus ``opening``), the problems (with their ``file``),
    the totals rows skipped, the files written, and the ledger cells refused (``rejected``: the reader's
    :data:`~kam_xl.ledger.REJECTED_COLUMNS` after a ``file`` column; their rows are not counted)."""

    as_of: date
    accounts: pd.DataFrame
    problems: pd.DataFrame
    skipped: tuple[tuple[str, int, str, str], ...]
    files: tuple[Path, ...] = ()
    backups: tuple[Backup, ...] = ()
    totals: dict[str, float] = field(default_factory=dict)
    rejected: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def has_problems(self) -> bool:
        """Rows the core reported (unknown invoice, before invoice, overpaid, repeated number) or the reader
        left out (a cell it could not read)."""
        return len(self.problems) > 0 or len(self.rejected) > 0

    @property
    def rows_not_counted(self) -> int:
        """Ledger rows left out: a row with several bad cells counts once."""
        return len(self.rejected.drop_duplicates(["file", "row"])) if len(self.rejected) else 0

    def summary(self, lang: str = "zh", model: Model | None = None) -> str:
        """The one-screen summary a command prints at its end."""
        model = model or active_model()
        zh = lang == "zh"
        counts = self.accounts["rating"].value_counts()
        rows: list[tuple[str, object]] = [
            ("客户数" if zh else "Accounts", len(self.accounts)),
            ("本期销售额" if zh else "Sales in period", self.totals.get("sales", 0.0)),
            ("应收余额" if zh else "Outstanding", self.totals.get("outstanding", 0.0)),
            ("逾期金额" if zh else "Overdue", self.totals.get("overdue", 0.0)),
            *(
                (f"{'信用等级' if zh else 'Rating'} {rating_label(r.code, model, lang)}", int(counts.get(r.code, 0)))
                for r in model.receivables.ratings
            ),
            ("台账问题" if zh else "Ledger problems", len(self.problems)),
            ("未计入的台账行" if zh else "Ledger rows not counted", self.rows_not_counted),
            ("跳过的合计行" if zh else "Totals rows skipped", len(self.skipped)),
        ]
        head = ("项目", "数值") if zh else ("", "Value")
        title = f"{'应收账款报告' if zh else 'Receivables report'} · {self.as_of.isoformat()}"
        lines = [summary_table(title, head, rows)]
        lines += [f"{'已写入' if zh else 'Wrote'} {p}" for p in self.files]
        lines += [b.message(lang) for b in self.backups]
        return "\n".join(lines)


def _key(header: object) -> str:
    folded = unicodedata.normalize("NFKC", str(header)).casefold()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "_-.()（）:：")


def read_credit_limits(path: str | os.PathLike[str]) -> pd.Series:
    """Credit limits by account code from a CSV or workbook (the header row may sit under a title block).

    Values are handed to the core as read ("¥50,000" is read there); a blank limit is no limit.
    """

    def is_header(row: Sequence[object]) -> bool:
        return "account" in match_columns(list(row)) and any(_key(v) in LIMIT_HEADERS for v in row if v is not None)

    table = read_table(
        Path(path),
        is_header=is_header,
        text_columns=lambda headers: [h for h in (match_columns(list(headers)).get("account"),) if h],
        role="credit limits",
    )
    headers = list(table.frame.columns)
    account = match_columns(headers).get("account")
    limit = next((h for h in headers if _key(h) in LIMIT_HEADERS), None)
    if account is None or limit is None:
        raise LedgerError(
            "credit_limit",
            f"信用额度表应有“客户”和“信用额度”两列；现有列：{', '.join(map(str, headers))}",
            f"the credit-limit file needs an account and a credit-limit column; its headers are: "
            f"{', '.join(map(str, headers))}",
            str(path),
        )
    codes = identifiers(table.frame[account])
    values = table.frame[limit].to_numpy(dtype=object)
    keep = np.array([c is not None for c in codes], dtype=bool)
    return pd.Series(values[keep], index=pd.Index(codes[keep], dtype=object), name="credit_limit")


def _with_receipts(ledger: Ledger, extra: Ledger | None) -> pd.DataFrame:
    if extra is None or extra.receipts.empty:
        return ledger.receipts
    if ledger.receipts.empty:
        return extra.receipts
    return pd.concat([ledger.receipts, extra.receipts])


def _files(problems: pd.DataFrame, ledger: Ledger, extra: Ledger | None) -> list[str]:
    """The file each problem's row is in: invoices are the ledger's; a receipt is the receipt file's when that
    file has an entry for the same account and invoice on that row, else the ledger's."""
    main = Path(ledger.source).name if ledger.source else ""
    if extra is None:
        return [main] * len(problems)
    other = Path(extra.source).name
    rec = extra.receipts
    keys = set(zip(rec.index.tolist(), rec["account"].tolist(), rec["invoice"].tolist(), strict=True))
    return [
        other if src == "receipts" and (row, acc, inv) in keys else main
        for src, row, acc, inv in zip(
            problems["source"], problems["row"], problems["account"], problems["invoice"], strict=True
        )
    ]


def receivables_report(
    ledger: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    receipts: str | os.PathLike[str] | None = None,
    as_of: date | str,
    credit_limits: str | os.PathLike[str] | None = None,
    dayfirst: bool | None = None,
    lang: str = "zh",
    model: Model | None = None,
    force: bool = False,
    progress: Progress = no_progress,
) -> ReceivablesReport:
    """Read ``ledger`` (and ``receipts``), compute every account's receivables as of ``as_of``, write the
    report workbook to ``out`` (a ``.xlsx`` file, or a folder to hold the default name)."""
    from kam_xl.workbooks.receivables_report import build

    model = model or active_model()
    day = to_date(as_of, "as_of")
    if day is None:
        raise KamError("as_of", "截止日不能为空", "the as-of date must not be blank")
    out = Path(out)
    target = out if out.suffix.lower() == ".xlsx" else out / report_name(lang)
    steps = 5
    with Transaction(force=force, lock=[target.parent]) as txn:
        txn.reserve([(target, "report")])  # without force, an existing file is refused before any work
        progress("读取台账 / reading the ledger", 0, steps)
        led = read_ledger(ledger, dayfirst=dayfirst, rejects="collect")
        extra = (
            read_ledger(receipts, kind="receipts", dayfirst=dayfirst, rejects="collect")
            if receipts is not None
            else None
        )
        limits = read_credit_limits(credit_limits) if credit_limits is not None else None
        progress("计算 / computing", 1, steps)
        data = report_data(led, extra, day, credit_limits=limits, model=model)
        progress("生成工作簿 / laying out the workbook", 2, steps)
        book = build(data, model=model, lang=lang)
        progress("写入 / writing", 3, steps)
        txn.stage(target, book.write_to)
        done = txn.commit()
        progress("完成 / done", steps, steps)
    accounts = data.accounts
    totals = {k: float(accounts[k].sum()) for k in ("sales", "outstanding", "overdue")}
    return ReceivablesReport(
        day, accounts, data.problems, tuple(data.skipped), done.files, done.backups, totals, data.rejected
    )


def report_data(
    ledger: Ledger,
    receipts: Ledger | None,
    as_of: date,
    *,
    credit_limits: pd.Series | None = None,
    model: Model | None = None,
) -> ReportData:
    """What the report shows, from ledgers already read: the core's figures per account (plus the opening
    balance CEI starts from), its problems with the file each row is in, the totals rows skipped and the
    cells the reader refused (each ledger's ``rejected``, with its file)."""
    from kam_xl.workbooks.receivables_report import ReportData

    model = model or active_model()
    rec_frame = _with_receipts(ledger, receipts)
    result = receivables(ledger.invoices, rec_frame, as_of, credit_limits=credit_limits, model=model)
    opening = balances(ledger.invoices, rec_frame, [result.period.start]).iloc[:, 0]
    accounts = result.accounts.copy()
    accounts.insert(1, "opening", opening.reindex(accounts.index).to_numpy(dtype=float))
    problems = result.problems.copy()
    problems.insert(0, "file", _files(problems, ledger, receipts))
    read = [x for x in (ledger, receipts) if x is not None]
    skipped = tuple((Path(x.source).name, s.row, s.zh, s.en) for x in read for s in x.skipped)
    names = tuple(Path(x.source).name for x in read)
    rejected = pd.concat(
        [x.rejected.assign(file=name)[["file", *REJECTED_COLUMNS]] for x, name in zip(read, names, strict=True)],
        ignore_index=True,
    )
    return ReportData(
        as_of, result.period, accounts, problems, skipped, ledger.invoices, rec_frame, names, rejected=rejected
    )
