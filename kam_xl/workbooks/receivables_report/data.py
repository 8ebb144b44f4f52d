"""What the receivables report shows and where: :class:`ReportData` (the core's figures, problems and the
ledger as read), the labels, the Receivables sheet's columns (:func:`columns`: each figure's registry entry,
its renderer's arguments when it is live) and the fixed cells the sheets' formulas refer to (the as-of date,
the period, the first account row)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial

import numpy as np
import pandas as pd

from kam_xl.core.receivables import Period
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model
from kam_xl.workbooks.labels import Text

__all__ = [
    "AS_OF",
    "DAYS",
    "DOCS",
    "ENDS_ROW",
    "FIRST_ROW",
    "HEADER_ROW",
    "LABELS",
    "LEDGER_ROWS_SHOWN",
    "START",
    "Column",
    "ReportData",
    "clean",
    "column_letter",
    "columns",
]


DOCS = "docs/indicators.md"
FIRST_ROW = 8  # the first account row of the Receivables sheet
HEADER_ROW = FIRST_ROW - 1
ENDS_ROW = HEADER_ROW - 1  # the row of the hidden month-end columns' dates
AS_OF, START, DAYS = "$B$2", "$B$3", "$B$4"

LABELS: dict[str, Text] = {
    "title": ("应收账款报告", "Receivables report"),
    "receivables": ("应收账款", "Receivables"),
    "summary": ("汇总", "Summary"),
    "problems": ("问题", "Problems"),
    "invoices": ("发票", "Invoices"),
    "receipts": ("收款", "Receipts"),
    "period_start": ("期间起点（不含）", "Period start (exclusive)"),
    "period_days": ("期间天数", "Days in period"),
    "opening": ("期初余额", "Opening balance"),
    "credit_limit": ("信用额度", "Credit limit"),
    "value_note": ("值（由 kam_xl 计算）· 定义：", "Value (computed by kam_xl) · definition: "),
    "formula_note": ("公式 · 定义：", "Formula · definition: "),
    "input_note": ("可填写", "You may type here"),
    "how": (
        "灰色单元格为公式（随信用额度等输入重算）；“值”列由 kam_xl 按台账计算，定义见各列上方的链接。",
        "Grey cells are formulas (they follow the inputs, such as the credit limit); 'value' columns were "
        "computed by kam_xl from the ledger, their definitions linked above each column.",
    ),
    "how_live": (
        "灰色单元格为公式：随台账表（发票、收款）中的日期、金额及信用额度重算；每列的定义见其上方的链接。",
        "Grey cells are formulas: they follow the dates and amounts on the Invoices and Receipts sheets and the "
        "credit limit; each column's definition is linked above it.",
    ),
    "month_end_balance": ("月末余额", "Month-end balance"),
    "received": ("截至已收", "Received as of"),
    "open": ("未收余额", "Open amount"),
    "days_past_due": ("逾期天数", "Days past due"),
    "its_invoice_date": ("对应发票日期", "Its invoice's date"),
    "days_to_collect": ("收款天数", "Days to collect"),
    "counted": ("计入", "Counted"),
    "key": ("键", "Key"),
    "matches": ("匹配发票行数", "Matching invoice rows"),
    "aging_chart": ("账龄分布（应收余额合计）", "Aging (total outstanding)"),
    "rating_chart": ("信用等级（客户数）", "Credit rating (accounts)"),
    "bucket": ("账龄段", "Aging bucket"),
    "amount": ("金额", "Amount"),
    "accounts": ("客户数", "Accounts"),
    "row": ("源文件行号", "Row in file"),
    "invoice": ("发票号", "Invoice no."),
    "invoice_date": ("开票日期", "Invoice date"),
    "due_date": ("到期日", "Due date"),
    "receipt_date": ("收款日期", "Receipt date"),
    "totals_row": ("合计行（已跳过）", "Totals row (skipped)"),
    "no_problems": ("台账中没有发现问题", "No problems found in the ledger"),
    "problems_title": (
        "台账中未计入或有疑问的行（源文件、行号）",
        "Ledger rows not counted or in doubt (source file, row)",
    ),
    "too_long": (
        "台账共 {n:,} 行，超过本表可复制的 {limit:,} 行：请查看源文件 {source}（“问题”表中的行号即其行号）",
        "The ledger has {n:,} rows, more than the {limit:,} this sheet copies: see the source file {source} "
        "(the Problems sheet's row numbers are its rows)",
    ),
}
LEDGER_ROWS_SHOWN = 100_000  # per ledger sheet; see the doc of .ledger


@dataclass(frozen=True)
class ReportData:
    """What the report shows: the core's per-account figures (``accounts``, index = account, the columns of
    :func:`kam_xl.core.receivables.receivables` plus ``opening``), its problems with their ``file``, the
    skipped totals rows as ``(file, row, zh, en)``, and the ledger's canonical frames."""

    as_of: date
    period: Period
    accounts: pd.DataFrame
    problems: pd.DataFrame
    skipped: Sequence[tuple[str, int, str, str]] = ()
    invoices: pd.DataFrame = field(default_factory=pd.DataFrame)
    receipts: pd.DataFrame = field(default_factory=pd.DataFrame)
    sources: tuple[str, ...] = ("",)  # the ledger file's name, then the receipt file's if there is one
    rejected: pd.DataFrame = field(default_factory=pd.DataFrame)  # cells refused: file + ledger.REJECTED_COLUMNS


@dataclass(frozen=True)
class Column:
    """A column of the Receivables sheet: ``key`` (a core column or ``account``), its registry entry (the
    figure's definition), header, number format and — for a live figure — its renderer's arguments on row ``r``
    given the row's cell references."""

    key: str
    entry: str
    header: Text | None  # None: the registry entry's own names
    fmt: str
    args: Callable[[Callable[[str], str], int], tuple[object, ...]] | None = None
    summed: bool = False  # the totals row sums it
    # a figure over the ledger: its renderer's arguments given the account's ledger ranges (see .ledger.Live) and row
    over: Callable[[Mapping[str, str], int], tuple[object, ...]] | None = None

    @property
    def live(self) -> bool:
        return self.args is not None

    @property
    def heading(self) -> Text:
        if self.header is not None:
            return self.header
        e = REGISTRY[self.entry]
        return (e.zh, e.en)


def columns(model: Model, lang: str) -> list[Column]:
    """The Receivables sheet's columns from B, in order (A is the account)."""
    buckets = [lab.code for lab in model.receivables.aging_labels]
    cols = [
        Column(
            "sales", "sales", None, "money", summed=True, over=lambda g, r: (g["AM"], g["ID"], g["V"], START, AS_OF)
        ),
        Column(
            "opening",
            "balance",
            LABELS["opening"],
            "money",
            summed=True,
            over=lambda g, r: (g["AM"], g["ID"], g["V"], g["RA"], g["RD"], g["RQ"], START),
        ),
        *(
            Column(b, "aging", (lab.zh, lab.en), "money", summed=True, over=partial(_bucket, k, len(buckets)))
            for k, (b, lab) in enumerate(zip(buckets, model.receivables.aging_labels, strict=True))
        ),
        Column(
            "outstanding",
            "outstanding",
            None,
            "money",
            lambda c, r: (f"{c(buckets[0])}{r}:{c(buckets[-1])}{r}",),
            summed=True,
        ),
        Column(
            "overdue",
            "overdue_amount",
            None,
            "money",
            lambda c, r: (f"{c(buckets[1])}{r}:{c(buckets[-1])}{r}",),
            summed=True,
        ),
        Column(
            "arrears_rate",
            "arrears_rate",
            None,
            "percent",
            lambda c, r: (f"{c('outstanding')}{r}", f"{c('sales')}{r}"),
        ),
        Column(
            "overdue_ratio",
            "overdue_ratio",
            None,
            "percent",
            lambda c, r: (f"{c('overdue')}{r}", f"{c('outstanding')}{r}"),
        ),
        Column(
            "dso", "dso", ("DSO", "DSO"), "score", lambda c, r: (f"{c('outstanding')}{r}", f"{c('sales')}{r}", DAYS)
        ),
        Column(
            "best_dso",
            "best_dso",
            None,
            "score",
            lambda c, r: (f"{c(buckets[0])}{r}", f"{c('sales')}{r}", DAYS),
        ),
        Column(
            "days_delinquent",
            "days_delinquent",
            ("平均逾期天数", "Days delinquent"),
            "score",
            lambda c, r: (f"{c('dso')}{r}", f"{c('best_dso')}{r}"),
        ),
        Column(
            "cei",
            "cei",
            ("收款有效性指数 CEI", "CEI"),
            "score",
            lambda c, r: (f"{c('opening')}{r}", f"{c('sales')}{r}", f"{c('outstanding')}{r}", f"{c(buckets[0])}{r}"),
        ),
        Column(
            "avg_collection_days",
            "avg_collection_days",
            ("平均收款周期（天）", "Avg collection days"),
            "score",
            over=lambda g, r: (g["RA"], g["RD"], g["RQ"], g["RL"], START, AS_OF),
        ),
        Column("largest_receipt", "largest_receipt", None, "money", over=_receipts_in_period),
        Column("avg_receipt", "avg_receipt", None, "money", over=_receipts_in_period),
        Column(
            "unapplied_receipts",
            "unapplied_receipts",
            None,
            "money",
            summed=True,
            over=lambda g, r: (g["RA"], g["RD"], g["RV"], g["RQ"], AS_OF),
        ),
        Column(
            "avg_arrears",
            "avg_arrears",
            None,
            "money",
            summed=True,
            over=lambda g, r: (f"${g['M0']}${ENDS_ROW}:${g['M1']}${ENDS_ROW}", f"{g['M0']}{r}:{g['M1']}{r}"),
        ),
        Column("credit_limit", "credit_use", LABELS["credit_limit"], "money", summed=True),
        Column(
            "credit_use",
            "credit_use",
            None,
            "percent",
            lambda c, r: (f"{c('outstanding')}{r}", f"{c('credit_limit')}{r}"),
        ),
        Column(
            "rating",
            "credit_rating",
            None,
            "general",
            lambda c, r: (f"{c('dso')}{r}", f"{c('overdue_ratio')}{r}", lang),
        ),
    ]
    return cols


def _bucket(k: int, n: int, g: Mapping[str, str], r: int) -> tuple[object, ...]:
    return (g["OPEN"], g["DPD"], k, n)


def _receipts_in_period(g: Mapping[str, str], r: int) -> tuple[object, ...]:
    return (g["RA"], g["RD"], g["RV"], START, AS_OF)


def column_letter(k: int) -> str:
    """Column letter of the ``k``-th column (0 = A)."""
    out = ""
    k += 1
    while k:
        k, rem = divmod(k - 1, 26)
        out = chr(65 + rem) + out
    return out


def clean(value: object) -> object:
    """A core value as a cell's value: NaN/None → "" (blank-looking), numpy numbers as floats."""
    if value is None:
        return ""
    if isinstance(value, float | np.floating):
        return "" if math.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return float(value)
    return value
