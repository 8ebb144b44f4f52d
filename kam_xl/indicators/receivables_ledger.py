"""What the receivables entries share — docs/definitions.md §2.11: their arguments, the helper for an
entry only the workbooks show, and the one example ledger every receivables example uses (华东电气, as of
2024-06-30), laid out on one sheet with the customer file's rows.

The entries are in :mod:`kam_xl.indicators.receivables` (the worksheet functions and the per-account
figures) and :mod:`kam_xl.indicators.receivable_rows` (the period and the figures per ledger row).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd

from kam_xl.core import receivables as R
from kam_xl.indicators.entry import Arg, Example, Indicator

__all__ = [
    "AS_OF",
    "COUNTED",
    "DAYS",
    "EX_APPLIED",
    "EX_AS_OF",
    "EX_BEST_DSO",
    "EX_BUCKETS",
    "EX_DAYS_TO_COLLECT",
    "EX_DSO",
    "EX_DUE_DATES",
    "EX_IA",
    "EX_IC",
    "EX_ID",
    "EX_IK",
    "EX_INSTALMENTS",
    "EX_INVOICES",
    "EX_INVOICE_AMOUNTS",
    "EX_INVOICE_DATES",
    "EX_LEDGER_EN",
    "EX_LEDGER_ZH",
    "EX_MONTH_END_BALANCES",
    "EX_NAME",
    "EX_ONE_INVOICE",
    "EX_RA",
    "EX_RC",
    "EX_RD",
    "EX_RECEIPTS",
    "EX_RECEIPT_AMOUNTS",
    "EX_RECEIPT_DATES",
    "EX_RI",
    "EX_RK",
    "EX_YEAR",
    "INV_AMOUNTS",
    "INV_DATES",
    "INV_KEYS",
    "KEY",
    "MATCHES",
    "NOT_DUE",
    "OUTSTANDING",
    "REC_AMOUNTS",
    "REC_DATES",
    "REC_INV_DATES",
    "REC_KEYS",
    "SALES",
    "SECTION",
    "START",
    "workbook_entry",
]

SECTION = "§2.11"

# arguments shared by several entries: ledger columns (whole columns of counted and not counted rows)
AS_OF = Arg("as_of", "统计基准日", "as-of date")
START = Arg("start", "期间起点（不含）", "period start (exclusive)")
DAYS = Arg("days", "期间天数", "days in the period")
COUNTED = Arg("counted", "计入列：1 = 该行计入", "counted column: 1 = the row is counted")
INV_AMOUNTS = Arg("amounts", "发票金额列", "invoice amounts column")
INV_DATES = Arg("invoice_dates", "开票日期列", "invoice dates column")
INV_KEYS = Arg("invoice_keys", "发票键列（计入行的发票号）", "invoice keys column (the counted rows' numbers)")
REC_AMOUNTS = Arg("receipt_amounts", "收款金额列", "receipt amounts column")
REC_DATES = Arg("receipt_dates", "收款日期列", "receipt dates column")
REC_KEYS = Arg("receipt_keys", "收款键列", "receipt keys column")
REC_INV_DATES = Arg(
    "receipt_invoice_dates",
    "各笔收款的对应开票日列（空白 = 未核销）",
    "each receipt's invoice date column (blank: unapplied)",
)
KEY = Arg("key", "本行的键（计入时为发票号）", "the row's key (its invoice number when counted)")
MATCHES = Arg("matches", "本笔收款匹配的发票行数", "the invoice rows the receipt matches")
OUTSTANDING = Arg("outstanding", "应收余额", "outstanding")
SALES = Arg("sales", "期间销售额", "sales in the period")
NOT_DUE = Arg("not_due", "未到期金额", "amount not yet due")


def workbook_entry(
    key: str,
    zh: str,
    en: str,
    summary_zh: str,
    summary_en: str,
    core: Callable[..., Any],
    excel: Callable[..., str],
    *args: Arg,
    definition: tuple[str, str] = ("", ""),
    example: Example | None = None,
) -> Indicator:
    """An indicator only the generated workbooks show (no worksheet function); ``definition`` in zh and en."""
    return Indicator(
        key, None, zh, en, summary_zh, summary_en, SECTION, core, tuple(args), excel=excel,
        definition_zh=definition[0], definition_en=definition[1], example=example,
    )  # fmt: skip


# ---------------------------------------------------------------- the examples' ledger
# The account 华东电气 of definitions §2.11, as of 2024-06-30: period (2023-06-30, 2024-06-30], 366 days,
# credit limit 150,000. Laid out on one sheet, on the customer file's rows (its invoices, receipts and figures
# are on three sheets; the examples' cell references): the as-of date B2, credit limit B3, period start B4, days B5; invoices in rows 7–10 (number D,
# invoice date E, due date F, amount G, received H, open I, days past due J, problems K, key L, counted M);
# receipts in rows 7–9 (number O, receipt date P, amount Q, its invoice's date R and amount S, received to
# date T, days to collect U, problems V, key W, counted X, matching invoice rows Y); the account's figures in
# column B (sales B9, outstanding B10, overdue B11, aging B12–B16, arrears rate B17, overdue ratio B18,
# DSO B19, best DSO B20, days delinquent B21, opening B22, credit-limit use B29); month ends A34:A46 with
# their balances B34:B46. The tables' index is the sheet's row, so a row-level result names its row.
EX_AS_OF = date(2024, 6, 30)
EX_YEAR = R.Period(date(2023, 6, 30), EX_AS_OF)
EX_NAME = "华东电气"
EX_INVOICE_DATES = [date(2023, 5, 20), date(2024, 1, 15), date(2024, 4, 10), date(2024, 6, 1)]
EX_DUE_DATES = [date(2023, 6, 19), date(2024, 3, 15), date(2024, 5, 10), date(2024, 7, 1)]
EX_INVOICE_AMOUNTS = [30000, 100000, 60000, 50000]
EX_INVOICES = pd.DataFrame(
    {
        "account": [EX_NAME] * 4,
        "invoice": ["INV0", "INV1", "INV2", "INV3"],
        "invoice_date": EX_INVOICE_DATES,
        "due_date": EX_DUE_DATES,
        "amount": EX_INVOICE_AMOUNTS,
    },
    index=pd.RangeIndex(7, 11, name="row"),
)
EX_RECEIPT_DATES = [date(2024, 3, 10), date(2024, 6, 20), date(2024, 5, 15)]
EX_RECEIPT_AMOUNTS = [100000, 20000, 5000]
EX_RECEIPTS = pd.DataFrame(
    {
        "account": [EX_NAME] * 3,
        "invoice": ["INV1", "INV2", "INV9"],  # INV9 is not one of the account's invoices
        "receipt_date": EX_RECEIPT_DATES,
        "amount": EX_RECEIPT_AMOUNTS,
    },
    index=pd.RangeIndex(7, 10, name="row"),
)
EX_APPLIED = [True, True, False]  # INV9's receipt is applied to nothing
EX_DAYS_TO_COLLECT = [55, 71, None]  # 2024-01-15 → 2024-03-10: 16 + 29 + 10; 2024-04-10 → 06-20: 20 + 31 + 20
# One invoice paid in three receipts, the third dated the same day as the first (for received to date).
EX_ONE_INVOICE = EX_INVOICES.iloc[[1]].set_axis(pd.RangeIndex(7, 8, name="row"))
EX_INSTALMENTS = pd.DataFrame(
    {
        "account": [EX_NAME] * 3,
        "invoice": ["INV1"] * 3,
        "receipt_date": [date(2024, 2, 1), date(2024, 3, 10), date(2024, 2, 1)],
        "amount": [40000, 50000, 20000],
    },
    index=pd.RangeIndex(7, 10, name="row"),
)
EX_BUCKETS = [50000, 0, 40000, 0, 30000]  # not due INV3 · 1–30 · 31–60 INV2 · 61–90 · over 90 INV0
EX_DSO = 120000 / 210000 * 366  # 209.142857…
EX_BEST_DSO = 50000 / 210000 * 366  # 87.142857…
# Outstanding at the month ends A34:A46 (A34, k = 0, is the start itself: blank): July–December 2023 INV0's
# 30,000; January and February 2024 + INV1 = 130,000; March − its 100,000 = 30,000; April + INV2 = 90,000;
# May 90,000 (INV9's 5,000 is not applied); June + INV3 − 20,000 on INV2 = 120,000.
EX_MONTH_END_BALANCES = [None, *[30000] * 6, 130000, 130000, 30000, 90000, 90000, 120000]
# the invoice columns and the receipt columns of the sheet, whole
EX_IA, EX_ID, EX_IC, EX_IK = "$G$7:$G$10", "$E$7:$E$10", "$M$7:$M$10", "$L$7:$L$10"
EX_RA, EX_RD, EX_RC, EX_RK, EX_RI = "$Q$7:$Q$9", "$P$7:$P$9", "$X$7:$X$9", "$W$7:$W$9", "$R$7:$R$9"
EX_LEDGER_ZH = "华东电气的台账（定义 §2.11），截至 2024-06-30"
EX_LEDGER_EN = "华东电气's ledger (definitions §2.11) as of 2024-06-30"
