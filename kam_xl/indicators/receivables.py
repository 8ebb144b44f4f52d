"""Receivables and credit — docs/definitions.md §2.11.

The worksheet functions' indicators (DSO, aging, credit rating), then the
figures the customer file shows per ledger row and per account, each with its
core function (:mod:`kam_xl.core.receivables`) and Excel rendering
(:mod:`kam_xl.xlformulas.receivables`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd

from kam_xl.core import receivables as R
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.xlformulas import receivables as X

__all__ = ["ENTRIES"]

_S = "§2.11"

# arguments shared by several entries: ledger columns (whole columns of counted and not counted rows)
AS_OF = Arg("as_of", "截止日期", "as-of date")
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


def _entry(
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
        key, None, zh, en, summary_zh, summary_en, _S, core, tuple(args), excel=excel,
        definition_zh=definition[0], definition_en=definition[1], example=example,
    )  # fmt: skip


# ---------------------------------------------------------------- the examples' ledger
# The account 华东电气 of definitions §2.11, as of 2024-06-30: period (2023-06-30, 2024-06-30], 366 days.
# Laid out as the customer file's receivables sheet lays it out: the as-of date B2, credit limit B3,
# period start B4, days B5; invoices in rows 7–10 (number D, invoice date E, due date F, amount G, received H,
# open I, days past due J, problems K, key L, counted M); receipts in rows 7–9 (number O, receipt date P,
# amount Q, its invoice's date R and amount S, received to date T, days to collect U, problems V, key W,
# counted X, matching invoice rows Y); the account's figures in column B from row 9 (sales B9, outstanding B10,
# overdue B11, aging B12–B16, arrears rate B17, overdue ratio B18, DSO B19, best DSO B20, opening B22);
# month ends A34:A46 with their balances B34:B46.
_AS_OF = date(2024, 6, 30)
_PERIOD = R.Period(date(2023, 6, 30), _AS_OF)
_ACCOUNT = "华东电气"
_INVOICE_DATES = [date(2023, 5, 20), date(2024, 1, 15), date(2024, 4, 10), date(2024, 6, 1)]
_INVOICE_AMOUNTS = [30000, 100000, 60000, 50000]
_INVOICES = pd.DataFrame(
    {
        "account": [_ACCOUNT] * 4,
        "invoice": ["INV0", "INV1", "INV2", "INV3"],
        "invoice_date": _INVOICE_DATES,
        "due_date": [date(2023, 6, 19), date(2024, 3, 15), date(2024, 5, 10), date(2024, 7, 1)],
        "amount": _INVOICE_AMOUNTS,
    }
)
_RECEIPT_DATES = [date(2024, 3, 10), date(2024, 6, 20), date(2024, 5, 15)]
_RECEIPT_AMOUNTS = [100000, 20000, 5000]
_RECEIPTS = pd.DataFrame(
    {
        "account": [_ACCOUNT] * 3,
        "invoice": ["INV1", "INV2", "INV9"],  # INV9 is not one of the account's invoices
        "receipt_date": _RECEIPT_DATES,
        "amount": _RECEIPT_AMOUNTS,
    }
)
# One invoice paid in three receipts, the third dated the same day as the first (for received to date).
_ONE_INVOICE = _INVOICES.iloc[[1]].reset_index(drop=True)
_INSTALMENTS = pd.DataFrame(
    {
        "account": [_ACCOUNT] * 3,
        "invoice": ["INV1"] * 3,
        "receipt_date": [date(2024, 2, 1), date(2024, 3, 10), date(2024, 2, 1)],
        "amount": [40000, 50000, 20000],
    }
)
_BUCKETS = [50000, 0, 40000, 0, 30000]  # not due INV3 · 1–30 · 31–60 INV2 · 61–90 · over 90 INV0
_DSO = 120000 / 210000 * 366  # 209.142857…
_BEST_DSO = 50000 / 210000 * 366  # 87.142857…
_LEDGER = "华东电气的台账（定义 §2.11）"
_LEDGER_EN = "华东电气's ledger (definitions §2.11)"


_WORKSHEET_FUNCTIONS: tuple[Indicator, ...] = (
    Indicator(
        "dso",
        "KAM_DSO",
        "应收账款周转天数",
        "DSO",
        "DSO = 应收余额 / 销售额 × 期间天数",
        "DSO = outstanding / sales · days in period",
        _S,
        R.dso,
        (
            OUTSTANDING,
            SALES,
            Arg("days", "期间天数（默认 365）", "days in the period (default 365)", True),
        ),
        excel=X.dso,
    ),
    Indicator(
        "aging",
        "KAM_AGING",
        "账龄",
        "Aging",
        "账龄分布一行：未到期、1–30、31–60、61–90、90 天以上",
        "one row of aging buckets: not due, 1–30, 31–60, 61–90, over 90 days",
        _S,
        R.aging_row,
        (
            Arg("amounts", "各张发票未收金额", "open amount of each invoice"),
            Arg("due_dates", "各张发票到期日", "due date of each invoice"),
            Arg("as_of", "截止日期", "as-of date"),
        ),
        excel=X.aging_bucket,
    ),
    Indicator(
        "credit_rating",
        "KAM_CREDIT_RATING",
        "信用等级",
        "Credit rating",
        "信用等级：按 DSO 与逾期占比",
        "credit rating from DSO and overdue ratio",
        _S,
        R.credit_rating,
        (Arg("dso", "DSO（天）", "DSO (days)"), Arg("overdue_ratio", "逾期占比 0–1", "overdue ratio 0–1"), LANG),
        excel=X.credit_rating,
    ),
)

_PERIOD: tuple[Indicator, ...] = (
    _entry(
        "period_start", "期间起点", "Period start",
        "期间起点（不含）：截止日前模型设定的月数（EDATE）",
        "the period's exclusive start: the model's months before the as-of date (EDATE)",
        R.period_start, X.period_start, AS_OF,
    ),
    _entry(
        "period_days", "期间天数", "Days in period",
        "期间天数 = 截止日 − 期间起点", "days in the period = as-of date − start",
        R.period_days, X.period_days, AS_OF, START,
    ),
    _entry(
        "month_end", "月末", "Month end",
        "期间内的第 k 个月末（EOMONTH）；不在期间内为空白",
        "the k-th month end from the start's month (EOMONTH), blank outside the period",
        R.month_end, X.month_end, START, AS_OF, Arg("k", "第几个月（0 起）", "which month (from 0)"),
    ),
)  # fmt: skip

_ROWS: tuple[Indicator, ...] = (
    _entry(
        "invoice_counted", "发票行计入", "Invoice row counted",
        "发票行是否计入：有发票号、两个日期（到期日不早于开票日）、金额 ≥ 0",
        "whether an invoice row counts: a number, two dates (due not before invoiced), an amount ≥ 0",
        R.invoice_counted, X.invoice_counted,
        Arg("number", "发票号", "invoice number"), Arg("invoice_date", "开票日期", "invoice date"),
        Arg("due_date", "到期日", "due date"), Arg("amount", "金额", "amount"),
    ),
    _entry(
        "receipt_counted", "收款行计入", "Receipt row counted",
        "收款行是否计入：有日期、金额 ≥ 0（未填发票号为未核销收款）",
        "whether a receipt row counts: a date and an amount ≥ 0 (no invoice number: unapplied cash)",
        R.receipt_counted, X.receipt_counted,
        Arg("receipt_date", "收款日期", "receipt date"), Arg("amount", "金额", "amount"),
    ),
    _entry(
        "ledger_key", "键", "Key",
        "台账行的键：计入时为其发票号（文本），否则为空", "a ledger row's key: its invoice number as text when counted",
        R.ledger_keys, X.ledger_key, COUNTED, Arg("number", "发票号", "invoice number"),
    ),
    _entry(
        "received", "截至已收", "Received as of",
        "截至日已收到的该发票收款；重复发票号按行序分摊，最后一行承担超额",
        "receipts on the invoice by the as-of date; a repeated number's rows fill in order, the last takes any excess",
        R.invoice_rows, X.received,
        KEY, Arg("invoice_date", "开票日期", "invoice date"), Arg("amount", "金额", "amount"), AS_OF,
        REC_KEYS, REC_DATES, REC_AMOUNTS,
        Arg("earlier_keys", "上方发票行的键", "keys of the invoice rows above", True),
        Arg("earlier_dates", "上方发票行的开票日期", "invoice dates of the rows above", True),
        Arg("earlier_amounts", "上方发票行的金额", "amounts of the rows above", True),
        Arg("later_keys", "下方发票行的键", "keys of the invoice rows below", True),
    ),
    _entry(
        "open_amount", "未收余额", "Open amount",
        "未收余额 = 截至日已开票金额 − 已收", "open amount = invoiced by the as-of date − received",
        R.invoice_rows, X.open_amount,
        Arg("received", "截至已收", "received as of"), Arg("invoice_date", "开票日期", "invoice date"),
        Arg("amount", "金额", "amount"), AS_OF,
    ),
    _entry(
        "days_past_due", "逾期天数", "Days past due",
        "逾期天数 = 截止日 − 到期日（已结清为空白）", "days past due = as-of date − due date (blank once settled)",
        R.invoice_rows, X.days_past_due,
        Arg("received", "截至已收", "received as of"), Arg("open_amount", "未收余额", "open amount"),
        Arg("due_date", "到期日", "due date"), AS_OF,
    ),
    _entry(
        "invoice_problems", "发票行问题", "Invoice row problems",
        "重复发票号；已填写但未计入的行", "a repeated invoice number; a row filled in but not counted",
        R.invoice_flags, X.invoice_problems,
        KEY, Arg("inputs", "本行的输入单元格", "the row's input cells"),
        Arg("earlier_keys", "上方发票行的键", "keys of the invoice rows above"), LANG,
    ),
    _entry(
        "invoice_matches", "匹配发票行数", "Matching invoice rows",
        "收款发票号匹配的计入发票行数（0 = 未知发票）", "counted invoice rows carrying the receipt's number (0: unknown)",
        R.receipt_rows, X.invoice_matches, KEY, INV_KEYS,
    ),
    _entry(
        "receipt_invoice_date", "对应开票日", "Its invoice date",
        "收款对应发票的开票日期（重复发票号取最早）", "the receipt's invoice date (a repeated number: its earliest)",
        R.receipt_rows, X.receipt_invoice_date, MATCHES, KEY, INV_KEYS, INV_DATES,
    ),
    _entry(
        "receipt_invoice_total", "发票金额", "Invoice amount",
        "收款对应发票的金额（该发票号各行合计）", "the receipt's invoice amount (all rows of the number)",
        R.receipt_rows, X.receipt_invoice_total, MATCHES, KEY, INV_KEYS, INV_AMOUNTS,
    ),
    _entry(
        "received_to_date", "累计收款", "Received to date",
        "同一发票至本笔为止的收款：日期更早的，及同日至本行的",
        "receipts on the same invoice up to this one: earlier dates, then the same date up to this row",
        R.receipt_rows, X.received_to_date,
        MATCHES, KEY, Arg("receipt_date", "收款日期", "receipt date"), REC_KEYS, REC_DATES, REC_AMOUNTS,
        Arg("keys_to_row", "首行至本行的键", "keys from the first row to this one"),
        Arg("dates_to_row", "首行至本行的收款日期", "receipt dates from the first row to this one"),
        Arg("amounts_to_row", "首行至本行的金额", "amounts from the first row to this one"),
    ),
    _entry(
        "days_to_collect", "收款天数", "Days to collect",
        "收款天数 = 收款日期 − 对应开票日", "days to collect = receipt date − its invoice date",
        R.receipt_rows, X.days_to_collect,
        MATCHES, Arg("receipt_date", "收款日期", "receipt date"), Arg("invoice_date", "对应开票日", "its invoice date"),
    ),
    _entry(
        "receipt_problems", "收款行问题", "Receipt row problems",
        "未知发票、收款早于开票、超过未收余额；已填写但未计入的行",
        "unknown invoice, receipt before invoice, exceeds open amount; a row filled in but not counted",
        R.receipt_flags, X.receipt_problems,
        COUNTED, Arg("inputs", "本行的输入单元格", "the row's input cells"), MATCHES,
        Arg("receipt_date", "收款日期", "receipt date"), Arg("invoice_date", "对应开票日", "its invoice date"),
        Arg("received_to_date", "累计收款", "received to date"), Arg("invoice_total", "发票金额", "invoice amount"),
        LANG,
    ),
)  # fmt: skip

_ACCOUNT: tuple[Indicator, ...] = (
    _entry(
        "sales", "本期销售额", "Sales in period",
        "期间内开票的金额合计", "the invoices dated in the period",
        R.sales, X.sales, INV_AMOUNTS, INV_DATES, COUNTED, START, AS_OF,
    ),
    _entry(
        "outstanding", "应收余额", "Outstanding",
        "应收余额 = 各账龄段合计", "outstanding = the aging buckets summed",
        R.outstanding, X.outstanding, Arg("buckets", "各账龄段金额", "the aging buckets"),
    ),
    _entry(
        "overdue_amount", "逾期金额", "Overdue",
        "逾期金额 = 已逾期各段合计", "overdue = the past-due buckets summed",
        R.overdue, X.overdue, Arg("past_due", "已逾期各段金额（未到期段之后）", "the past-due buckets (after not due)"),
    ),
    _entry(
        "arrears_rate", "欠款率", "Arrears rate",
        "欠款率 = 应收余额 / 销售额", "arrears rate = outstanding / sales",
        R.arrears_rate, X.arrears_rate, OUTSTANDING, SALES,
    ),
    _entry(
        "overdue_ratio", "逾期占比", "Overdue ratio",
        "逾期占比 = 逾期金额 / 应收余额（无应收为 0）", "overdue ratio = overdue / outstanding (0 when nothing is owed)",
        R.overdue_ratio, X.overdue_ratio, Arg("overdue", "逾期金额", "overdue"), OUTSTANDING,
    ),
    _entry(
        "best_dso", "最佳可能 DSO", "Best possible DSO",
        "最佳可能 DSO = 未到期金额 / 销售额 × 期间天数", "best possible DSO = not due / sales · days in period",
        R.best_dso, X.best_dso, NOT_DUE, SALES, DAYS,
    ),
    _entry(
        "days_delinquent", "平均逾期天数", "Average days delinquent",
        "平均逾期天数 = DSO − 最佳可能 DSO", "average days delinquent = DSO − best possible DSO",
        R.days_delinquent, X.days_delinquent, Arg("dso", "DSO", "DSO"), Arg("best_dso", "最佳可能 DSO", "best DSO"),
    ),
    _entry(
        "balance", "应收余额（某日）", "Outstanding on a day",
        "某日的应收余额：截至当日开票 − 截至当日已核销收款（期初余额、月末余额）",
        "outstanding at the end of a day: invoiced by then − applied receipts by then (opening, month ends)",
        R.balances, X.balance, INV_AMOUNTS, INV_DATES, COUNTED, REC_AMOUNTS, REC_DATES, REC_INV_DATES,
        Arg("day", "日期", "the day"),
    ),
    _entry(
        "cei", "收款有效性指数 CEI", "Collection effectiveness index (CEI)",
        "CEI = (期初 + 销售 − 期末应收) / (期初 + 销售 − 期末未到期) × 100",
        "CEI = (opening + sales − closing) / (opening + sales − closing not due) · 100",
        R.cei, X.cei, Arg("opening", "期初应收余额", "opening outstanding"), SALES, OUTSTANDING, NOT_DUE,
    ),
    _entry(
        "avg_collection_days", "平均收款周期", "Average collection days",
        "期间内已核销收款的收款天数（按金额加权）", "days to collect of the applied receipts in the period, amount-weighted",
        R.avg_collection_days, X.avg_collection_days,
        REC_AMOUNTS, REC_DATES, REC_INV_DATES, Arg("days_to_collect", "收款天数列", "days to collect column"),
        START, AS_OF,
    ),
    _entry(
        "largest_receipt", "最大单笔收款额", "Largest receipt",
        "期间内最大的一笔收款", "the largest receipt in the period",
        R.largest_receipt, X.largest_receipt, REC_AMOUNTS, REC_DATES, COUNTED, START, AS_OF,
    ),
    _entry(
        "avg_receipt", "平均收款额", "Average receipt",
        "期间内收款的平均额", "the mean receipt in the period",
        R.avg_receipt, X.avg_receipt, REC_AMOUNTS, REC_DATES, COUNTED, START, AS_OF,
    ),
    _entry(
        "unapplied_receipts", "未核销收款", "Unapplied receipts",
        "截至日未能核销到发票的收款（未知或未填发票号）",
        "receipts by the as-of date not applied to an invoice (unknown or no invoice number)",
        R.unapplied_receipts, X.unapplied_receipts, REC_AMOUNTS, REC_DATES, COUNTED, REC_INV_DATES, AS_OF,
    ),
    _entry(
        "avg_arrears", "平均欠款额", "Average arrears",
        "期间内各月末应收余额的平均", "the mean outstanding at the month ends in the period",
        R.avg_arrears, X.avg_arrears,
        Arg("month_ends", "月末日期（期间外为空白）", "month ends (blank outside the period)"),
        Arg("balances", "各月末应收余额", "outstanding at each month end"),
    ),
    _entry(
        "credit_use", "信用额度使用率", "Credit-limit use",
        "信用额度使用率 = 应收余额 / 信用额度", "credit-limit use = outstanding / credit limit",
        R.credit_use, X.credit_use, OUTSTANDING, Arg("credit_limit", "信用额度", "credit limit"),
    ),
)  # fmt: skip

ENTRIES: tuple[Indicator, ...] = _WORKSHEET_FUNCTIONS + _PERIOD + _ROWS + _ACCOUNT
