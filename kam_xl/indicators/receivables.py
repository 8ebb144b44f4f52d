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
# The account 华东电气 of definitions §2.11, as of 2024-06-30: period (2023-06-30, 2024-06-30], 366 days,
# credit limit 150,000. Laid out as the customer file's receivables sheet lays it out (the examples' cell
# references): the as-of date B2, credit limit B3, period start B4, days B5; invoices in rows 7–10 (number D,
# invoice date E, due date F, amount G, received H, open I, days past due J, problems K, key L, counted M);
# receipts in rows 7–9 (number O, receipt date P, amount Q, its invoice's date R and amount S, received to
# date T, days to collect U, problems V, key W, counted X, matching invoice rows Y); the account's figures in
# column B (sales B9, outstanding B10, overdue B11, aging B12–B16, arrears rate B17, overdue ratio B18,
# DSO B19, best DSO B20, days delinquent B21, opening B22, credit-limit use B29); month ends A34:A46 with
# their balances B34:B46. The tables' index is the sheet's row, so a row-level result names its row.
_AS_OF = date(2024, 6, 30)
_YEAR = R.Period(date(2023, 6, 30), _AS_OF)
_NAME = "华东电气"
_INVOICE_DATES = [date(2023, 5, 20), date(2024, 1, 15), date(2024, 4, 10), date(2024, 6, 1)]
_DUE_DATES = [date(2023, 6, 19), date(2024, 3, 15), date(2024, 5, 10), date(2024, 7, 1)]
_INVOICE_AMOUNTS = [30000, 100000, 60000, 50000]
_INVOICES = pd.DataFrame(
    {
        "account": [_NAME] * 4,
        "invoice": ["INV0", "INV1", "INV2", "INV3"],
        "invoice_date": _INVOICE_DATES,
        "due_date": _DUE_DATES,
        "amount": _INVOICE_AMOUNTS,
    },
    index=pd.RangeIndex(7, 11, name="row"),
)
_RECEIPT_DATES = [date(2024, 3, 10), date(2024, 6, 20), date(2024, 5, 15)]
_RECEIPT_AMOUNTS = [100000, 20000, 5000]
_RECEIPTS = pd.DataFrame(
    {
        "account": [_NAME] * 3,
        "invoice": ["INV1", "INV2", "INV9"],  # INV9 is not one of the account's invoices
        "receipt_date": _RECEIPT_DATES,
        "amount": _RECEIPT_AMOUNTS,
    },
    index=pd.RangeIndex(7, 10, name="row"),
)
_APPLIED = [True, True, False]  # INV9's receipt is applied to nothing
_DAYS_TO_COLLECT = [55, 71, None]  # 2024-01-15 → 2024-03-10: 16 + 29 + 10; 2024-04-10 → 06-20: 20 + 31 + 20
# One invoice paid in three receipts, the third dated the same day as the first (for received to date).
_ONE_INVOICE = _INVOICES.iloc[[1]].set_axis(pd.RangeIndex(7, 8, name="row"))
_INSTALMENTS = pd.DataFrame(
    {
        "account": [_NAME] * 3,
        "invoice": ["INV1"] * 3,
        "receipt_date": [date(2024, 2, 1), date(2024, 3, 10), date(2024, 2, 1)],
        "amount": [40000, 50000, 20000],
    },
    index=pd.RangeIndex(7, 10, name="row"),
)
_BUCKETS = [50000, 0, 40000, 0, 30000]  # not due INV3 · 1–30 · 31–60 INV2 · 61–90 · over 90 INV0
_DSO = 120000 / 210000 * 366  # 209.142857…
_BEST_DSO = 50000 / 210000 * 366  # 87.142857…
# Outstanding at the month ends A34:A46 (A34, k = 0, is the start itself: blank): July–December 2023 INV0's
# 30,000; January and February 2024 + INV1 = 130,000; March − its 100,000 = 30,000; April + INV2 = 90,000;
# May 90,000 (INV9's 5,000 is not applied); June + INV3 − 20,000 on INV2 = 120,000.
_MONTH_END_BALANCES = [None, *[30000] * 6, 130000, 130000, 30000, 90000, 90000, 120000]
# the invoice columns and the receipt columns of the sheet, whole
_IA, _ID, _IC, _IK = "$G$7:$G$10", "$E$7:$E$10", "$M$7:$M$10", "$L$7:$L$10"
_RA, _RD, _RC, _RK, _RI = "$Q$7:$Q$9", "$P$7:$P$9", "$X$7:$X$9", "$W$7:$W$9", "$R$7:$R$9"
_LEDGER_ZH = "华东电气的台账（定义 §2.11），截至 2024-06-30"
_LEDGER_EN = "华东电气's ledger (definitions §2.11) as of 2024-06-30"


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
        definition_zh="DSO = 应收余额 ÷ 期间销售额 × 期间天数：应收款相当于多少天的销售（定义 §2.11；期间默认为截止日前 "
        "12 个月，天数是其日历天数）。应收和销售都为 0 时为 0；没有销售却有应收时无定义，结果空白，信用等级因此为最后一级。"
        "工作表函数省略天数时按 365 天。",
        definition_en="DSO = outstanding ÷ sales in the period × the days in the period: how many days of sales "
        "are still owed (definitions §2.11; the period is the 12 months to the as-of date by default, its days "
        "the calendar days). 0 when both are 0; with no sales but something outstanding it is undefined and "
        "blank, so the credit rating is the last. The worksheet function takes 365 days when days is omitted.",
        # by hand: 120,000 / 210,000 × 366 = 209.142857; 0 and 0 → 0; 100 owed on no sales → blank
        example=Example(
            ([120000, 0, 100], [210000, 0, 0], 366),
            ("$B$10", "$B$9", "$B$5"),
            "华东电气（定义 §2.11）：应收 120,000、销售 210,000、366 天，DSO = 209.14；应收和销售都为 0 时为 0；"
            "应收 100 而无销售时空白。公式是客户档案应收账款表 B19 格的。",
            "华东电气 (definitions §2.11): 120,000 outstanding on 210,000 of sales over 366 days, DSO 209.14; 0 "
            "when both are 0; blank for 100 outstanding with no sales. The formula is the customer file's (cell "
            "B19 of its receivables sheet).",
        ),
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
        definition_zh="各张发票截至日的未收余额，按逾期天数（截止日 − 到期日）分段相加：≤ 0 为未到期，其后 1–30、31–60、"
        "61–90、90 天以上（各段上限含本数，分段由模型设定），各段之和就是应收余额。工作表函数取未收金额和到期日，核心函数"
        "取未收金额和逾期天数；未收金额空白的行不计，有金额而无到期日是错误。",
        definition_en="Each invoice's open amount as of the date, summed by days past due (as-of date − due "
        "date): ≤ 0 is not due, then 1–30, 31–60, 61–90 and over 90 (each upper limit inclusive; the model sets "
        "the limits); the buckets add up to the outstanding. The worksheet function takes the open amounts and "
        "due dates, the core function the open amounts and days past due; a blank amount is skipped, an amount "
        "without its due date is an error.",
        # by hand: INV0 377 days → over 90: 30,000; INV1 settled, 0 in over 90 (107 days); INV2 51 → 31–60: 40,000;
        # INV3 −1 → not due: 50,000
        example=Example(
            ([30000, 0, 40000, 50000], [377, 107, 51, -1]),
            ("$I$7:$I$10", "$J$7:$J$10", 2, 5),
            f"{_LEDGER_ZH}，四张发票的未收余额和逾期天数：未到期 50,000（INV3）、31–60 天 40,000（INV2）、90 天以上 "
            "30,000（INV0）；已结清的 INV1 余额为 0。公式是第 2 段（31–60 天，共 5 段）的。",
            f"{_LEDGER_EN}: the four invoices' open amounts and days past due give 50,000 not due (INV3), 40,000 "
            "at 31–60 days (INV2) and 30,000 over 90 (INV0); the settled INV1 has 0 open. The formula is bucket 2 "
            "(31–60 days) of 5.",
        ),
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
        definition_zh="从最好的一级往下，取 DSO 和逾期占比两个上限都满足（含等号，先舍入到 9 位小数）的第一级：默认 A 为 "
        "DSO ≤ 45 且逾期占比 ≤ 5 %，B 为 ≤ 75 且 ≤ 15 %，C 为 ≤ 120 且 ≤ 30 %，其余 D（定义 §2.11）。DSO 或逾期占比空白"
        "（无销售却有应收）评为最后一级；DSO 为负或逾期占比不在 0–1 之内是错误。",
        definition_en="From the best rating down, the first whose two limits both hold (inclusive, after rounding "
        "to 9 places): by default A for DSO ≤ 45 and overdue ratio ≤ 5 %, B for ≤ 75 and ≤ 15 %, C for ≤ 120 and "
        "≤ 30 %, otherwise D (definitions §2.11). A blank DSO or overdue ratio (nothing sold but something owed) "
        "rates last; a negative DSO or an overdue ratio outside 0–1 is an error.",
        # by hand: (40, 4 %) A; (40, 10 %) fails A's 5 % → B; (45, 5 %) on A's limits → A; (130, 0) over 120 → D;
        # (blank, 0) → D; 华东电气 (209.14, 70,000 / 120,000 = 58.3 %) → D
        example=Example(
            ([40, 40, 45, 130, None, _DSO], [0.04, 0.10, 0.05, 0, 0, 70000 / 120000]),
            ("$B$19", "$B$18", "zh"),
            "定义 §2.11 的等级表，最后一行是华东电气（DSO 209.14、逾期占比 58.33 %）：45 和 5 % 正好在 A 的上限上，"
            "仍为 A；DSO 40 而逾期 10 % 只能是 B；DSO 空白为 D。",
            "The rating table of definitions §2.11, the last row 华东电气 (DSO 209.14, overdue ratio 58.33 %): 45 "
            "and 5 % sit exactly on A's limits and rate A; DSO 40 with 10 % overdue can only be B; a blank DSO is "
            "D.",
        ),
    ),
)

_PERIOD: tuple[Indicator, ...] = (
    _entry(
        "period_start", "期间起点", "Period start",
        "期间起点（不含）：截止日前模型设定的月数（EDATE）",
        "the period's exclusive start: the model's months before the as-of date (EDATE)",
        R.period_start, X.period_start, AS_OF,
        definition=(
            "期间起点 = 截止日往前推模型设定的月数（默认 12 个月，同 EDATE：该月没有这一天时取月末，2024-02-29 往前 12 "
            "个月是 2023-02-28）。起点当天不在期间内，截止日当天在。截止日空白时工作簿显示空白（核心函数要求截止日）。",
            "The period's start = the as-of date less the model's months (12 by default, as EDATE: a day the month "
            "lacks becomes its last day, so 12 months before 2024-02-29 is 2023-02-28). The start itself is outside "
            "the period, the as-of date inside. A workbook shows it blank until an as-of date is typed (the core "
            "function requires one).",
        ),
        # by hand: 2024-06-30 − 12 months = 2023-06-30
        example=Example(
            (_AS_OF,), ("$B$2",),
            "截至 2024-06-30，期间是 (2023-06-30, 2024-06-30]。",
            "As of 2024-06-30 the period is (2023-06-30, 2024-06-30].",
        ),
    ),
    _entry(
        "period_days", "期间天数", "Days in period",
        "期间天数 = 截止日 − 期间起点", "days in the period = as-of date − start",
        R.period_days, X.period_days, AS_OF, START,
        definition=(
            "期间天数 = 截止日 − 期间起点，即期间内的日历天数（12 个月为 365 或 366 天）；DSO 和最佳可能 DSO 按它折算。"
            "截止日空白时工作簿显示空白。",
            "Days in the period = the as-of date − the start: the period's calendar days (365 or 366 for 12 "
            "months), by which DSO and best possible DSO are scaled. A workbook shows it blank until an as-of date is "
            "typed.",
        ),
        # by hand: 2023-06-30 → 2024-06-30 spans 2024-02-29: 366
        example=Example(
            (_AS_OF,), ("$B$2", "$B$4"),
            "截至 2024-06-30 的 12 个月含 2024-02-29：366 天。",
            "The 12 months to 2024-06-30 include 2024-02-29: 366 days.",
        ),
    ),
    _entry(
        "month_end", "月末", "Month end",
        "期间内的第 k 个月末（EOMONTH）；不在期间内为空白",
        "the k-th month end from the start's month (EOMONTH), blank outside the period",
        R.month_end, X.month_end, START, AS_OF, Arg("k", "第几个月（0 起）", "which month (from 0)"),
        definition=(
            "期间起点所在月往后第 k 个月的最后一天（EOMONTH(起点, k)），落在期间（起点, 截止日]内才显示，否则空白。"
            "客户档案以 k = 0 … 12 列出期间内的每个月末，平均欠款额取这些月末的余额。",
            "The last day of the k-th month after the start's month (EOMONTH(start, k)), shown when it falls in the "
            "period (start, as-of date], otherwise blank. The customer file lists k = 0 … 12 to give every month "
            "end of the period, whose balances the average arrears averages.",
        ),
        # by hand: EOMONTH(2023-06-30, 1) = 2023-07-31, inside (2023-06-30, 2024-06-30]
        example=Example(
            (_YEAR, 1), ("$B$4", "$B$2", 1),
            "期间 (2023-06-30, 2024-06-30]：k = 1 是 2023-07-31（客户档案 A35 格）；k = 0 是 2023-06-30，即起点本身，"
            "不在期间内，空白；k = 12 是 2024-06-30。",
            "Period (2023-06-30, 2024-06-30]: k = 1 is 2023-07-31 (the customer file's cell A35); k = 0 is "
            "2023-06-30, the start itself, outside the period: blank; k = 12 is 2024-06-30.",
        ),
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
        definition=(
            "发票台账的一行计入，须有发票号，开票日期和到期日都是日期且到期日不早于开票日，金额是 ≥ 0 的数字（写成文字的"
            "数字不算）。不计入的行不参与任何指标，填写了内容的标“未计入”（见发票行问题）。工作簿中计入为 1，否则为 0。",
            "An invoice row counts when it has a number, an invoice date and a due date that are dates, the due "
            "date not before the invoice date, and an amount that is a number ≥ 0 (a number typed as text is not). "
            "A row not counted takes part in no figure, and one filled in is flagged not counted (see invoice row "
            "problems). A workbook shows 1 for counted, 0 otherwise.",
        ),
        # by hand: INV0–INV3 complete; INV4 due 06-01 before its invoice date 06-10; the last row has no number
        example=Example(
            (
                ["INV0", "INV1", "INV2", "INV3", "INV4", None],
                [*_INVOICE_DATES, date(2024, 6, 10), date(2024, 6, 12)],
                [*_DUE_DATES, date(2024, 6, 1), date(2024, 7, 12)],
                [*_INVOICE_AMOUNTS, 8000, 8000],
            ),
            ("D7", "E7", "F7", "G7"),
            "华东电气的四张发票都计入；INV4 的到期日早于开票日，最后一行没有发票号，都不计入。公式是第 7 行的。",
            "华东电气's four invoices count; INV4, due before it is invoiced, and the last row, without a number, do "
            "not. The formula is row 7's.",
        ),
    ),
    _entry(
        "receipt_counted", "收款行计入", "Receipt row counted",
        "收款行是否计入：有日期、金额 ≥ 0（未填发票号为未核销收款）",
        "whether a receipt row counts: a date and an amount ≥ 0 (no invoice number: unapplied cash)",
        R.receipt_counted, X.receipt_counted,
        Arg("receipt_date", "收款日期", "receipt date"), Arg("amount", "金额", "amount"),
        definition=(
            "收款台账的一行计入，须收款日期是日期、金额是 ≥ 0 的数字。发票号可以不填：这样的收款照样计入，但核销不到发票，"
            "算作未核销收款。工作簿中计入为 1，否则为 0。",
            "A receipt row counts when its receipt date is a date and its amount a number ≥ 0. The invoice number "
            "may be left out: such a receipt still counts, but is applied to no invoice and adds to the unapplied "
            "receipts. A workbook shows 1 for counted, 0 otherwise.",
        ),
        # by hand: three receipts complete; row 10 has no date; row 11's amount is negative
        example=Example(
            ([*_RECEIPT_DATES, None, date(2024, 6, 25)], [*_RECEIPT_AMOUNTS, 8000, -2000]),
            ("P7", "Q7"),
            "华东电气的三笔收款都计入（INV9 那笔也计入，只是核销不到）；第 4 行没有收款日期，第 5 行金额为负，都不计入。",
            "华东电气's three receipts count (INV9's too, though it is applied to nothing); the 4th row has no "
            "receipt date and the 5th a negative amount: neither counts.",
        ),
    ),
    _entry(
        "ledger_key", "键", "Key",
        "台账行的键：计入时为其发票号（文本），否则为空", "a ledger row's key: its invoice number as text when counted",
        R.ledger_keys, X.ledger_key, COUNTED, Arg("number", "发票号", "invoice number"),
        definition=(
            "台账行的键 = 计入的行的发票号，转为文本（数字 611365 和文本“611365”是同一张发票），不计入的行为空文本。"
            "收款按键与发票匹配，一次比较既匹配发票号，又跳过不计入的行；客户档案把键放在隐藏列。",
            "A ledger row's key = a counted row's invoice number as text (the number 611365 and the text "
            "\"611365\" are one invoice), an empty text for a row not counted. Receipts are matched to invoices by "
            "key, so one comparison both matches the number and skips the rows not counted; the customer file keeps "
            "the keys in a hidden column.",
        ),
        # by hand: INV1 counted → "INV1"; 611365 typed as a number, counted → "611365"; INV4 not counted → ""
        example=Example(
            ([True, True, False], ["INV1", 611365, "INV4"]),
            ("M7", "D7"),
            "计入的 INV1 和写成数字的 611365 得到文本键；不计入的 INV4 没有键。",
            "The counted INV1 and 611365, typed as a number, get text keys; INV4, not counted, gets none.",
        ),
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
        definition=(
            "一张发票截至日已收到的款：同一客户、同一发票号、收款日期不晚于截止日的收款之和。同一发票号出现在几行时，"
            "收款按行序依次填满各行（每行至多其金额），最后一行承担超额。工作簿中本行不计入（键为空）或截止日空白时显示空白。",
            "What an invoice has received by the as-of date: the receipts of the same account and invoice number "
            "dated on or before it. When a number is on several rows, its receipts fill the rows in order, each up "
            "to its amount, and the last row takes any excess. In a workbook a row not counted (no key) or a blank "
            "as-of date shows blank.",
        ),
        # by hand: INV0 nothing; INV1 100,000 on 03-10; INV2 20,000 on 06-20; INV3 nothing; INV9's 5,000 matches none
        example=Example(
            (_INVOICES, _RECEIPTS, _AS_OF),
            ("L9", "E9", "G9", "$B$2", _RK, _RD, _RA, "$L$7:L8", "$E$7:E8", "$G$7:G8", "L10:$L$10"),
            f"{_LEDGER_ZH}：INV1 收到 100,000，INV2 收到 20,000；INV9 那笔 5,000 对不上任何发票。公式是第 9 行 INV2 "
            "的（上方第 7–8 行和下方第 10 行用于重复发票号的分摊）。",
            f"{_LEDGER_EN}: INV1 has received 100,000 and INV2 20,000; INV9's 5,000 matches no invoice. The formula "
            "is row 9's, INV2 (rows 7–8 above and row 10 below share out a repeated number's receipts).",
            column="received",
        ),
    ),
    _entry(
        "open_amount", "未收余额", "Open amount",
        "未收余额 = 截至日已开票金额 − 已收", "open amount = invoiced by the as-of date − received",
        R.invoice_rows, X.open_amount,
        Arg("received", "截至已收", "received as of"), Arg("invoice_date", "开票日期", "invoice date"),
        Arg("amount", "金额", "amount"), AS_OF,
        definition=(
            "未收余额 = 截至日已开票的金额（开票日期晚于截止日的发票按 0 计）− 截至已收，舍入到 6 位小数。多收时为负数，"
            "留在该发票的账龄段里。工作簿中截至已收为空白时也为空白。",
            "Open amount = the amount invoiced by the as-of date (0 for an invoice dated after it) − received as "
            "of, rounded to 6 places. An overpaid invoice's is negative and stays in its aging bucket. In a workbook a "
            "blank received shows blank too.",
        ),
        # by hand: 30,000 − 0; 100,000 − 100,000 = 0; 60,000 − 20,000 = 40,000; 50,000 − 0
        example=Example(
            (_INVOICES, _RECEIPTS, _AS_OF),
            ("H9", "E9", "G9", "$B$2"),
            f"{_LEDGER_ZH}：INV2 开票 60,000、已收 20,000，未收 40,000；INV1 已结清。公式是第 9 行 INV2 的。",
            f"{_LEDGER_EN}: INV2, invoiced 60,000 with 20,000 received, has 40,000 open; INV1 is settled. The "
            "formula is row 9's, INV2.",
            column="open",
        ),
    ),
    _entry(
        "days_past_due", "逾期天数", "Days past due",
        "逾期天数 = 截止日 − 到期日（已结清为空白）", "days past due = as-of date − due date (blank once settled)",
        R.invoice_rows, X.days_past_due,
        Arg("received", "截至已收", "received as of"), Arg("open_amount", "未收余额", "open amount"),
        Arg("due_date", "到期日", "due date"), AS_OF,
        definition=(
            "逾期天数 = 截止日 − 到期日，≤ 0 表示未到期（账龄按它分段）。已结清（未收余额为 0）的发票没有逾期天数，"
            "结果空白，而不是“逾期 400 天”。工作簿中截至已收为空白时也为空白。",
            "Days past due = the as-of date − the due date; 0 or less is not yet due (the aging buckets go by it). "
            "A settled invoice (nothing open) has none and shows blank, not \"400 days late\". In a workbook a "
            "blank received shows blank too.",
        ),
        # by hand: INV0 2023-06-19 → 2024-06-30 = 366 (to 2024-06-19, through 2024-02-29) + 11 = 377; INV1 settled;
        # INV2 2024-05-10 → 06-30 = 21 + 30 = 51; INV3 due 2024-07-01: −1
        example=Example(
            (_INVOICES, _RECEIPTS, _AS_OF),
            ("H7", "I7", "F7", "$B$2"),
            f"{_LEDGER_ZH}：INV0 于 2023-06-19 到期，已逾期 377 天；INV1 已结清，空白；INV2 逾期 51 天；INV3 明天才"
            "到期：−1。公式是第 7 行 INV0 的。",
            f"{_LEDGER_EN}: INV0, due 2023-06-19, is 377 days past due; INV1 is settled: blank; INV2 is 51 days "
            "past due; INV3 is due tomorrow: −1. The formula is row 7's, INV0.",
            column="days_past_due",
        ),
    ),
    _entry(
        "invoice_problems", "发票行问题", "Invoice row problems",
        "重复发票号；已填写但未计入的行", "a repeated invoice number; a row filled in but not counted",
        R.invoice_flags, X.invoice_problems,
        KEY, Arg("inputs", "本行的输入单元格", "the row's input cells"),
        Arg("earlier_keys", "上方发票行的键", "keys of the invoice rows above"), LANG,
        definition=(
            "发票行的问题标记：计入的行若发票号与上方某个计入行相同，标“重复发票号”（收款仍按同一张发票核销）；填写了"
            "内容但不计入的行标“未计入：信息不全或有误”；其余为空。核心函数取每行是否重复、是否计入和本行的输入。",
            "An invoice row's flag: a counted row whose number a counted row above it has is flagged Duplicate "
            "invoice no. (its receipts are still applied as to one invoice); a row filled in but not counted is "
            "flagged Not counted: incomplete or invalid; otherwise blank. The core function takes whether each row "
            "repeats a number, whether it counts, and the row's inputs.",
        ),
        # by hand: row 7 INV2 first → ""; row 8 INV2 again, counted → duplicate; row 9 INV5 has no dates → not
        # counted, filled in → not counted; row 10 empty → ""
        example=Example(
            (
                [False, True, False, False],
                [True, True, False, False],
                [
                    ["INV2", date(2024, 4, 10), date(2024, 5, 10), 60000],
                    ["INV2", date(2024, 4, 20), date(2024, 5, 20), 10000],
                    ["INV5", None, None, 8000],
                    [None, None, None, None],
                ],
                "zh",
            ),
            ("L8", "D8:G8", "$L$7:L7", "zh"),
            "四行发票台账：INV2，再一行 INV2（重复），INV5 没有开票日期和到期日（未计入），一个空行（不标）。公式是第 8 "
            "行（第二个 INV2）的。",
            "Four invoice rows: INV2, INV2 again (a duplicate), INV5 without its dates (not counted) and an empty "
            "row (no flag). The formula is row 8's, the second INV2.",
        ),
    ),
    _entry(
        "invoice_matches", "匹配发票行数", "Matching invoice rows",
        "收款发票号匹配的计入发票行数（0 = 未知发票）", "counted invoice rows carrying the receipt's number (0: unknown)",
        R.receipt_rows, X.invoice_matches, KEY, INV_KEYS,
        definition=(
            "收款行的键与多少个计入的发票行的键相同。0 表示该客户没有这张发票（或收款行不计入）：收款不核销，标“未知"
            "发票”；大于 1 表示发票号重复。客户档案把它放在隐藏列，收款行的其他数字据此判断有无对应发票。",
            "How many counted invoice rows have the receipt row's key. 0 means the account has no such invoice "
            "(or the receipt row does not count): the receipt is applied to nothing and flagged Unknown invoice; "
            "above 1, the number is repeated. The customer file keeps it in a hidden column, and the receipt row's "
            "other figures go by it.",
        ),
        # by hand: INV1 and INV2 are one row each; INV9 is none
        example=Example(
            (_INVOICES, _RECEIPTS),
            ("W9", _IK),
            f"{_LEDGER_ZH}：INV1、INV2 各匹配一行；INV9 匹配 0 行，是未知发票。公式是第 9 行 INV9 的。",
            f"{_LEDGER_EN}: INV1 and INV2 match one row each; INV9 matches none, an unknown invoice. The formula "
            "is row 9's, INV9.",
            column="invoice_rows",
        ),
    ),
    _entry(
        "receipt_invoice_date", "对应开票日", "Its invoice date",
        "收款对应发票的开票日期（重复发票号取最早）", "the receipt's invoice date (a repeated number: its earliest)",
        R.receipt_rows, X.receipt_invoice_date, MATCHES, KEY, INV_KEYS, INV_DATES,
        definition=(
            "收款对应发票的开票日期；发票号重复时取其中最早的。没有对应发票时空白，这笔收款也就不算已核销。收款天数、"
            "“收款早于开票”和各日的应收余额都据此计算。",
            "The date of the receipt's invoice; for a repeated number, the earliest of its rows. Blank without an "
            "invoice, which is what makes the receipt unapplied. Days to collect, receipt before invoice and the "
            "balances on a day all go by it.",
        ),
        # by hand: INV1 dated 2024-01-15, INV2 2024-04-10, INV9 none
        example=Example(
            (_INVOICES, _RECEIPTS),
            ("Y7", "W7", _IK, _ID),
            f"{_LEDGER_ZH}：收 INV1 的款对应 2024-01-15 开票，收 INV2 的对应 2024-04-10；INV9 空白。公式是第 7 行的。",
            f"{_LEDGER_EN}: the receipt on INV1 goes with 2024-01-15, the one on INV2 with 2024-04-10; INV9's is "
            "blank. The formula is row 7's.",
            column="invoice_date",
        ),
    ),
    _entry(
        "receipt_invoice_total", "发票金额", "Invoice amount",
        "收款对应发票的金额（该发票号各行合计）", "the receipt's invoice amount (all rows of the number)",
        R.receipt_rows, X.receipt_invoice_total, MATCHES, KEY, INV_KEYS, INV_AMOUNTS,
        definition=(
            "收款对应发票的金额：该发票号所有计入行的合计，不论开票日期。没有对应发票时空白。累计收款超过它，这笔收款"
            "就标“超过未收余额”。",
            "The amount of the receipt's invoice: all the counted rows of its number, whatever their dates. Blank "
            "without an invoice. A receipt that takes the received to date above it is flagged Exceeds open "
            "amount.",
        ),
        # by hand: INV1 100,000, INV2 60,000, INV9 none
        example=Example(
            (_INVOICES, _RECEIPTS),
            ("Y8", "W8", _IK, _IA),
            f"{_LEDGER_ZH}：INV1 为 100,000，INV2 为 60,000；INV9 空白。公式是第 8 行 INV2 的。",
            f"{_LEDGER_EN}: INV1 is 100,000 and INV2 60,000; INV9's is blank. The formula is row 8's, INV2.",
            column="invoice_total",
        ),
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
        definition=(
            "同一张发票到本笔为止收到的款：收款日期更早的全部，加上同一天、从首行到本行的——按日期而不是按行序累计，"
            "不论截止日。超过发票金额时本笔标“超过未收余额”。没有对应发票时空白。",
            "What the same invoice has received up to this receipt: every receipt dated earlier, plus those of the "
            "same day from the first row to this one — in date order, not row order, whatever the as-of date. Above "
            "the invoice's amount, the receipt is flagged Exceeds open amount. Blank without an invoice.",
        ),
        # by hand: row 7 (02-01) 40,000; row 9 (02-01, after row 7) 40,000 + 20,000 = 60,000; row 8 (03-10) comes
        # after both: 60,000 + 50,000 = 110,000 > 100,000
        example=Example(
            (_ONE_INVOICE, _INSTALMENTS),
            ("Y9", "W9", "P9", _RK, _RD, _RA, "$W$7:W9", "$P$7:P9", "$Q$7:Q9"),
            "INV1（100,000）分三笔收款，第 9 行与第 7 行同为 2 月 1 日：第 9 行累计 40,000 + 20,000 = 60,000；3 月 10 日"
            "的第 8 行排在这两笔之后，累计 110,000，超过 100,000，该行标“超过未收余额”。公式是第 9 行的。",
            "INV1 (100,000) paid in three receipts, row 9 dated 1 February like row 7: row 9 has 40,000 + 20,000 "
            "= 60,000 to date; row 8, of 10 March, comes after both with 110,000, above 100,000, and is flagged "
            "Exceeds open amount. The formula is row 9's.",
            column="cumulative",
        ),
    ),
    _entry(
        "days_to_collect", "收款天数", "Days to collect",
        "收款天数 = 收款日期 − 对应开票日", "days to collect = receipt date − its invoice date",
        R.receipt_rows, X.days_to_collect,
        MATCHES, Arg("receipt_date", "收款日期", "receipt date"), Arg("invoice_date", "对应开票日", "its invoice date"),
        definition=(
            "收款天数 = 收款日期 − 对应发票的开票日期（发票号重复时取最早的开票日）；负数表示收款早于开票。没有对应"
            "发票时空白。平均收款周期是它按金额加权的平均。",
            "Days to collect = the receipt date − its invoice's date (the earliest, for a repeated number); "
            "negative for a receipt before its invoice. Blank without an invoice. The average collection days is "
            "its amount-weighted mean.",
        ),
        # by hand: 2024-01-15 → 2024-03-10 = 16 + 29 + 10 = 55; 2024-04-10 → 2024-06-20 = 20 + 31 + 20 = 71
        example=Example(
            (_INVOICES, _RECEIPTS),
            ("Y7", "P7", "R7"),
            f"{_LEDGER_ZH}：INV1 于 1 月 15 日开票、3 月 10 日收款，55 天；INV2 71 天；INV9 空白。公式是第 7 行的。",
            f"{_LEDGER_EN}: INV1, invoiced 15 January and paid 10 March, took 55 days; INV2 71 days; INV9's is "
            "blank. The formula is row 7's.",
            column="days_to_collect",
        ),
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
        definition=(
            "收款行的问题标记：填写了内容但不计入的行标“未计入：信息不全或有误”；没有对应发票的标“未知发票”（不核销，"
            "计入未核销收款）；否则早于开票日的标“收款早于开票”，累计收款超过发票金额的标“超过未收余额”，两者可同时"
            "出现，以“；”相连（照常核销）。核心函数取每行的各项判断和本行的输入。",
            "A receipt row's flags: a row filled in but not counted is flagged Not counted: incomplete or invalid; "
            "one without an invoice Unknown invoice (applied to nothing, summed in the unapplied receipts); "
            "otherwise one dated before its invoice Receipt before invoice and one taking the received to date "
            "above the invoice's amount Exceeds open amount, both joined by \"; \" when both hold (applied as "
            "given). The core function takes each row's findings and its inputs.",
        ),
        # by hand: INV1, INV2 fine; INV9 unknown; 05-25 is before INV3's 06-01 and 60,000 > its 50,000; the
        # negative amount is not counted
        example=Example(
            (
                [False, False, True, False, False],
                [False, False, False, True, False],
                [False, False, False, True, False],
                [True, True, True, True, False],
                [
                    ["INV1", date(2024, 3, 10), 100000],
                    ["INV2", date(2024, 6, 20), 20000],
                    ["INV9", date(2024, 5, 15), 5000],
                    ["INV3", date(2024, 5, 25), 60000],
                    ["INV3", date(2024, 6, 25), -2000],
                ],
                "zh",
            ),
            ("X10", "O10:Q10", "Y10", "P10", "R10", "T10", "S10", "zh"),
            "华东电气的三笔收款，加上两行：5 月 25 日收 INV3 60,000，早于 6 月 1 日开票，也超过其 50,000；一行负数金额"
            "（未计入）。公式是第 10 行的。",
            "华东电气's three receipts and two more rows: 60,000 on INV3 on 25 May, before it was invoiced on 1 June "
            "and above its 50,000; a row with a negative amount (not counted). The formula is row 10's.",
        ),
    ),
)  # fmt: skip

_ACCOUNT: tuple[Indicator, ...] = (
    _entry(
        "sales", "本期销售额", "Sales in period",
        "期间内开票的金额合计", "the invoices dated in the period",
        R.sales, X.sales, INV_AMOUNTS, INV_DATES, COUNTED, START, AS_OF,
        definition=(
            "本期销售额 = 开票日期在期间（起点, 截止日]内的计入发票金额之和：起点当天不算，截止日当天算；舍入到 6 位小数。"
            "客户档案在填入截止日、台账有计入行之前显示空白。",
            "Sales in the period = the counted invoices dated in (start, as-of date]: not on the start, on the "
            "as-of date; rounded to 6 places. The customer file shows it blank until an as-of date is typed and a "
            "ledger row counts.",
        ),
        # by hand: INV0 (2023-05-20) is before the period: 100,000 + 60,000 + 50,000 = 210,000
        example=Example(
            (_INVOICE_AMOUNTS, _INVOICE_DATES, _YEAR),
            (_IA, _ID, _IC, "$B$4", "$B$2"),
            f"{_LEDGER_ZH}：INV0 于 2023-05-20 开票，在期间之前，不算；100,000 + 60,000 + 50,000 = 210,000。",
            f"{_LEDGER_EN}: INV0, dated 2023-05-20, is before the period and left out; 100,000 + 60,000 + 50,000 "
            "= 210,000.",
        ),
    ),
    _entry(
        "outstanding", "应收余额", "Outstanding",
        "应收余额 = 各账龄段合计", "outstanding = the aging buckets summed",
        R.outstanding, X.outstanding, Arg("buckets", "各账龄段金额", "the aging buckets"),
        definition=(
            "应收余额 = 各账龄段之和，即截至日各张发票未收余额的合计（已开票 − 已核销的收款；未核销收款不抵减），"
            "舍入到 6 位小数。",
            "Outstanding = the aging buckets summed: every invoice's open amount as of the date (invoiced − "
            "applied receipts; unapplied receipts reduce nothing), rounded to 6 places.",
        ),
        # by hand: 50,000 + 0 + 40,000 + 0 + 30,000 = 120,000
        example=Example(
            (_BUCKETS,), ("$B$12:$B$16",),
            f"{_LEDGER_ZH}，账龄各段：50,000 + 40,000 + 30,000 = 120,000；INV9 那笔 5,000 未核销，不抵减。",
            f"{_LEDGER_EN}, the aging buckets: 50,000 + 40,000 + 30,000 = 120,000; INV9's 5,000 is unapplied and reduces "
            "nothing.",
        ),
    ),
    _entry(
        "overdue_amount", "逾期金额", "Overdue",
        "逾期金额 = 已逾期各段合计", "overdue = the past-due buckets summed",
        R.overdue, X.overdue, Arg("past_due", "已逾期各段金额（未到期段之后）", "the past-due buckets (after not due)"),
        definition=(
            "逾期金额 = 未到期段之后各账龄段之和，即到期日早于截止日的发票的未收余额，舍入到 6 位小数。核心函数取全部"
            "账龄段、略去第一段（未到期），工作簿公式只对已逾期的各段求和。",
            "Overdue = the aging buckets after not due, summed: the open amounts of the invoices due before the "
            "as-of date, rounded to 6 places. The core function takes all the buckets and leaves out the first "
            "(not due); the workbook formula sums the past-due buckets only.",
        ),
        # by hand: 0 + 40,000 + 0 + 30,000 = 70,000 (the not-due 50,000 left out)
        example=Example(
            (_BUCKETS,), ("$B$13:$B$16",),
            f"{_LEDGER_ZH}：INV2 的 40,000 和 INV0 的 30,000，共 70,000；未到期的 50,000 不算。",
            f"{_LEDGER_EN}: INV2's 40,000 and INV0's 30,000, 70,000 in all; the 50,000 not yet due is left out.",
        ),
    ),
    _entry(
        "arrears_rate", "欠款率", "Arrears rate",
        "欠款率 = 应收余额 / 销售额", "arrears rate = outstanding / sales",
        R.arrears_rate, X.arrears_rate, OUTSTANDING, SALES,
        definition=(
            "欠款率 = 应收余额 ÷ 本期销售额。两者都为 0 时为 0；没有销售却有应收时无定义，结果空白。",
            "Arrears rate = outstanding ÷ sales in the period. 0 when both are 0; with no sales but something "
            "outstanding it is undefined and blank.",
        ),
        # by hand: 120,000 / 210,000 = 0.571429; 100 owed on no sales → blank
        example=Example(
            ([120000, 100], [210000, 0]), ("$B$10", "$B$9"),
            "华东电气：120,000 / 210,000 = 57.14 %；应收 100 而无销售时空白。",
            "华东电气: 120,000 / 210,000 = 57.14 %; 100 outstanding with no sales gives a blank.",
        ),
    ),
    _entry(
        "overdue_ratio", "逾期占比", "Overdue ratio",
        "逾期占比 = 逾期金额 / 应收余额（无应收为 0）", "overdue ratio = overdue / outstanding (0 when nothing is owed)",
        R.overdue_ratio, X.overdue_ratio, Arg("overdue", "逾期金额", "overdue"), OUTSTANDING,
        definition=(
            "逾期占比 = 逾期金额 ÷ 应收余额；没有应收（应收余额为 0，或多收后为负）时为 0。信用等级按它和 DSO 评定。",
            "Overdue ratio = overdue ÷ outstanding; 0 when nothing is outstanding (0, or less after an "
            "overpayment). The credit rating goes by it and DSO.",
        ),
        # by hand: 70,000 / 120,000 = 0.583333; nothing outstanding → 0
        example=Example(
            ([70000, 0], [120000, 0]), ("$B$11", "$B$10"),
            "华东电气：70,000 / 120,000 = 58.33 %；没有应收时为 0。",
            "华东电气: 70,000 / 120,000 = 58.33 %; 0 with nothing outstanding.",
        ),
    ),
    _entry(
        "best_dso", "最佳可能 DSO", "Best possible DSO",
        "最佳可能 DSO = 未到期金额 / 销售额 × 期间天数", "best possible DSO = not due / sales · days in period",
        R.best_dso, X.best_dso, NOT_DUE, SALES, DAYS,
        definition=(
            "最佳可能 DSO = 未到期金额 ÷ 本期销售额 × 期间天数：假如没有任何逾期，DSO 会是多少。规则同 DSO：都为 0 "
            "时为 0，只有销售为 0 时空白。",
            "Best possible DSO = the amount not yet due ÷ sales in the period × the days in the period: what DSO "
            "would be with nothing overdue. DSO's rule applies: 0 when both are 0, blank when only sales are 0.",
        ),
        # by hand: 50,000 / 210,000 × 366 = 87.142857
        example=Example(
            (50000, 210000, 366), ("$B$12", "$B$9", "$B$5"),
            "华东电气：未到期 50,000（INV3），50,000 / 210,000 × 366 = 87.14 天。",
            "华东电气: 50,000 not yet due (INV3), 50,000 / 210,000 × 366 = 87.14 days.",
        ),
    ),
    _entry(
        "days_delinquent", "平均逾期天数", "Average days delinquent",
        "平均逾期天数 = DSO − 最佳可能 DSO", "average days delinquent = DSO − best possible DSO",
        R.days_delinquent, X.days_delinquent, Arg("dso", "DSO", "DSO"), Arg("best_dso", "最佳可能 DSO", "best DSO"),
        definition=(
            "平均逾期天数 = DSO − 最佳可能 DSO，即逾期金额折合的销售天数（逾期金额 ÷ 销售额 × 期间天数）。任一为空白时"
            "结果空白。",
            "Average days delinquent = DSO − best possible DSO: the overdue amount in days of sales (overdue ÷ "
            "sales × days in the period). A blank input gives a blank.",
        ),
        # by hand: 209.142857 − 87.142857 = 122 = 70,000 / 210,000 × 366
        example=Example(
            (_DSO, _BEST_DSO), ("$B$19", "$B$20"),
            "华东电气：209.14 − 87.14 = 122 天，正是 70,000 / 210,000 × 366。",
            "华东电气: 209.14 − 87.14 = 122 days, which is 70,000 / 210,000 × 366.",
        ),
    ),
    _entry(
        "balance", "应收余额（某日）", "Outstanding on a day",
        "某日的应收余额：截至当日开票 − 截至当日已核销收款（期初余额、月末余额）",
        "outstanding at the end of a day: invoiced by then − applied receipts by then (opening, month ends)",
        R.balances, X.balance, INV_AMOUNTS, INV_DATES, COUNTED, REC_AMOUNTS, REC_DATES, REC_INV_DATES,
        Arg("day", "日期", "the day"),
        definition=(
            "某日终了时的应收余额 = 当日及以前开票的计入发票 − 当日及以前已核销（有对应发票）的收款，舍入到 6 位小数；"
            "未核销收款不抵减。期初余额（期间起点那天，CEI 用）和各月末余额（平均欠款额用）都是它。",
            "Outstanding at the end of a day = the counted invoices dated on or before it − the applied receipts "
            "(those with an invoice) dated on or before it, rounded to 6 places; unapplied receipts reduce nothing. "
            "The opening balance (on the period start, for the CEI) and the month-end balances (for the average "
            "arrears) are this figure.",
        ),
        # by hand: 2023-06-30 INV0 30,000; 2024-01-31 + INV1 = 130,000; 2024-03-31 − 100,000 = 30,000;
        # 2024-06-30 30,000 + 60,000 + 50,000 − 20,000 = 120,000 (INV9's 5,000 not applied)
        example=Example(
            (_INVOICES, _RECEIPTS, [date(2023, 6, 30), date(2024, 1, 31), date(2024, 3, 31), _AS_OF]),
            (_IA, _ID, _IC, _RA, _RD, _RI, "$B$4"),
            f"{_LEDGER_ZH}：期初（2023-06-30）只有 INV0，30,000；1 月末加上 INV1，130,000；3 月 10 日收回 INV1 后，3 月末 "
            "30,000；6 月末 120,000（INV9 的 5,000 未核销，不抵减）。公式是期初余额（B22 格，日期为期间起点 B4）。",
            f"{_LEDGER_EN}: the opening (2023-06-30) is INV0's 30,000; end of January, with INV1, 130,000; end of "
            "March, INV1 paid on 10 March, 30,000; end of June 120,000 (INV9's 5,000 is unapplied and reduces "
            "nothing). The formula is the opening balance's (cell B22, the day being the period start B4).",
        ),
    ),
    _entry(
        "cei", "收款有效性指数 CEI", "Collection effectiveness index (CEI)",
        "CEI = (期初 + 销售 − 期末应收) / (期初 + 销售 − 期末未到期) × 100",
        "CEI = (opening + sales − closing) / (opening + sales − closing not due) · 100",
        R.cei, X.cei, Arg("opening", "期初应收余额", "opening outstanding"), SALES, OUTSTANDING, NOT_DUE,
        definition=(
            "收款有效性指数 CEI = (期初应收 + 本期销售 − 期末应收) ÷ (期初应收 + 本期销售 − 期末未到期) × 100：期内能收的"
            "款（已到期的）收回了多少，100 为全部收回。期初应收是期间起点那天的余额；分子、分母先舍入到 6 位小数；分母"
            "为 0 时结果空白。",
            "Collection effectiveness index = (opening + sales − closing outstanding) ÷ (opening + sales − closing "
            "not yet due) × 100: how much of what could be collected in the period (what fell due) was, 100 being "
            "all of it. The opening is the balance on the period start; numerator and denominator are rounded to 6 "
            "places first; a denominator of 0 gives a blank.",
        ),
        # by hand: (30,000 + 210,000 − 120,000) / (30,000 + 210,000 − 50,000) × 100 = 120,000 / 190,000 × 100 = 63.157895
        example=Example(
            (30000, 210000, 120000, 50000), ("$B$22", "$B$9", "$B$10", "$B$12"),
            "华东电气：(30,000 + 210,000 − 120,000) / (30,000 + 210,000 − 50,000) × 100 = 63.16。",
            "华东电气: (30,000 + 210,000 − 120,000) / (30,000 + 210,000 − 50,000) × 100 = 63.16.",
        ),
    ),
    _entry(
        "avg_collection_days", "平均收款周期", "Average collection days",
        "期间内已核销收款的收款天数（按金额加权）", "days to collect of the applied receipts in the period, amount-weighted",
        R.avg_collection_days, X.avg_collection_days,
        REC_AMOUNTS, REC_DATES, REC_INV_DATES, Arg("days_to_collect", "收款天数列", "days to collect column"),
        START, AS_OF,
        definition=(
            "平均收款周期 = 收款日期在期间内的已核销收款，其收款天数按金额加权的平均：Σ 金额 × 收款天数 ÷ Σ 金额。"
            "未核销的收款没有收款天数，不算；期间内没有已核销收款时结果空白。",
            "Average collection days = the days to collect of the applied receipts dated in the period, averaged "
            "by amount: Σ amount × days to collect ÷ Σ amount. An unapplied receipt has no days to collect and is "
            "left out; with no applied receipt in the period the result is blank.",
        ),
        # by hand: (100,000 × 55 + 20,000 × 71) / 120,000 = 6,920,000 / 120,000 = 57.666667
        example=Example(
            (_RECEIPT_AMOUNTS, _RECEIPT_DATES, _DAYS_TO_COLLECT, _YEAR),
            (_RA, _RD, _RI, "$U$7:$U$9", "$B$4", "$B$2"),
            f"{_LEDGER_ZH}：(100,000 × 55 + 20,000 × 71) / 120,000 = 57.67 天；INV9 那笔未核销，不算。",
            f"{_LEDGER_EN}: (100,000 × 55 + 20,000 × 71) / 120,000 = 57.67 days; INV9's receipt is unapplied and "
            "left out.",
        ),
    ),
    _entry(
        "largest_receipt", "最大单笔收款额", "Largest receipt",
        "期间内最大的一笔收款", "the largest receipt in the period",
        R.largest_receipt, X.largest_receipt, REC_AMOUNTS, REC_DATES, COUNTED, START, AS_OF,
        definition=(
            "收款日期在期间内的计入收款中最大的一笔，已核销和未核销的都算；期间内没有收款时结果空白。",
            "The largest counted receipt dated in the period, applied or not; with no receipt in the period the "
            "result is blank.",
        ),
        # by hand: max(100,000, 20,000, 5,000) = 100,000
        example=Example(
            (_RECEIPT_AMOUNTS, _RECEIPT_DATES, _YEAR), (_RA, _RD, _RC, "$B$4", "$B$2"),
            f"{_LEDGER_ZH}：3 月 10 日收 INV1 的 100,000。",
            f"{_LEDGER_EN}: the 100,000 on INV1 of 10 March.",
        ),
    ),
    _entry(
        "avg_receipt", "平均收款额", "Average receipt",
        "期间内收款的平均额", "the mean receipt in the period",
        R.avg_receipt, X.avg_receipt, REC_AMOUNTS, REC_DATES, COUNTED, START, AS_OF,
        definition=(
            "平均收款额 = 收款日期在期间内的计入收款之和 ÷ 笔数，未核销的也算；期间内没有收款时结果空白。",
            "Average receipt = the counted receipts dated in the period, summed, ÷ their number, unapplied ones "
            "included; with no receipt in the period the result is blank.",
        ),
        # by hand: (100,000 + 20,000 + 5,000) / 3 = 41,666.67
        example=Example(
            (_RECEIPT_AMOUNTS, _RECEIPT_DATES, _YEAR), (_RA, _RD, _RC, "$B$4", "$B$2"),
            f"{_LEDGER_ZH}：(100,000 + 20,000 + 5,000) / 3 = 41,666.67，INV9 那笔也算。",
            f"{_LEDGER_EN}: (100,000 + 20,000 + 5,000) / 3 = 41,666.67, INV9's receipt included.",
        ),
    ),
    _entry(
        "unapplied_receipts", "未核销收款", "Unapplied receipts",
        "截至日未能核销到发票的收款（未知或未填发票号）",
        "receipts by the as-of date not applied to an invoice (unknown or no invoice number)",
        R.unapplied_receipts, X.unapplied_receipts, REC_AMOUNTS, REC_DATES, COUNTED, REC_INV_DATES, AS_OF,
        definition=(
            "未核销收款 = 收款日期不晚于截止日（不限于期间）、核销不到发票的计入收款之和：发票号为空，或该客户没有这张"
            "发票。钱已收到却不抵减应收余额，需要财务查明。核心函数取每笔是否已核销；工作簿公式以有无对应开票日判断。",
            "Unapplied receipts = the counted receipts dated on or before the as-of date (not only in the period) "
            "that are applied to no invoice: no invoice number, or one the account does not have. The cash is in "
            "but reduces no outstanding, and finance has to find out why. The core function takes whether each "
            "receipt is applied; the workbook formula goes by whether it has an invoice date.",
        ),
        # by hand: only INV9's 5,000 is not applied
        example=Example(
            (_RECEIPT_AMOUNTS, _RECEIPT_DATES, _APPLIED, _AS_OF), (_RA, _RD, _RC, _RI, "$B$2"),
            f"{_LEDGER_ZH}：INV9 不是该客户的发票，那笔 5,000 未核销。",
            f"{_LEDGER_EN}: INV9 is not one of the account's invoices, so its 5,000 is unapplied.",
        ),
    ),
    _entry(
        "avg_arrears", "平均欠款额", "Average arrears",
        "期间内各月末应收余额的平均", "the mean outstanding at the month ends in the period",
        R.avg_arrears, X.avg_arrears,
        Arg("month_ends", "月末日期（期间外为空白）", "month ends (blank outside the period)"),
        Arg("balances", "各月末应收余额", "outstanding at each month end"),
        definition=(
            "平均欠款额 = 期间内各月末（日历月的最后一天，12 个月的期间有 12 个）应收余额的平均；不在期间内的月末为空白，"
            "不算。期间内没有月末时结果空白。核心函数取各月末余额。",
            "Average arrears = the mean outstanding at the month ends in the period (each calendar month's last "
            "day, 12 of them in a 12-month period); a month end outside the period is blank and left out. With no "
            "month end in the period the result is blank. The core function takes the month-end balances.",
        ),
        # by hand: (6 × 30,000 + 130,000 + 130,000 + 30,000 + 90,000 + 90,000 + 120,000) / 12 = 770,000 / 12
        # = 64,166.67 (the blank first row, the start itself, left out)
        example=Example(
            (_MONTH_END_BALANCES,), ("$A$34:$A$46", "$B$34:$B$46"),
            f"{_LEDGER_ZH}，2023 年 7 月至 2024 年 6 月的 12 个月末（第一行是起点本身，空白）："
            "(6 × 30,000 + 130,000 + 130,000 + 30,000 + 90,000 + 90,000 + 120,000) / 12 = 64,166.67。",
            f"{_LEDGER_EN}, the 12 month ends July 2023 … June 2024 (the first row, the start itself, is blank): "
            "(6 × 30,000 + 130,000 + 130,000 + 30,000 + 90,000 + 90,000 + 120,000) / 12 = 64,166.67.",
        ),
    ),
    _entry(
        "credit_use", "信用额度使用率", "Credit-limit use",
        "信用额度使用率 = 应收余额 / 信用额度", "credit-limit use = outstanding / credit limit",
        R.credit_use, X.credit_use, OUTSTANDING, Arg("credit_limit", "信用额度", "credit limit"),
        definition=(
            "信用额度使用率 = 应收余额 ÷ 信用额度；超过 100 % 时客户档案标红。没有信用额度时结果空白；额度 ≤ 0 是错误"
            "（工作簿中显示空白）。",
            "Credit-limit use = outstanding ÷ the credit limit; above 100 % the customer file shows it red. "
            "Without a credit limit the result is blank; a limit of 0 or less is an error (blank in a workbook).",
        ),
        # by hand: 120,000 / 150,000 = 0.8; no limit → blank
        example=Example(
            ([120000, 120000], [150000, None]), ("$B$10", "$B$3"),
            "华东电气：信用额度 150,000，120,000 / 150,000 = 80 %；没有额度时空白。",
            "华东电气: a credit limit of 150,000, 120,000 / 150,000 = 80 %; blank without a limit.",
        ),
    ),
)  # fmt: skip

ENTRIES: tuple[Indicator, ...] = _WORKSHEET_FUNCTIONS + _PERIOD + _ROWS + _ACCOUNT
