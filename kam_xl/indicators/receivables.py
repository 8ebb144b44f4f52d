"""Receivables and credit — docs/definitions.md §2.11.

The worksheet functions' indicators (DSO, aging, credit rating) and the figures the customer file shows
per account, each with its core function (:mod:`kam_xl.core.receivables`) and Excel rendering
(:mod:`kam_xl.xlformulas.receivables`); the figures per ledger row are in
:mod:`kam_xl.indicators.receivable_rows`, the shared arguments and example ledger in
:mod:`kam_xl.indicators.receivables_ledger`.
"""

from __future__ import annotations

from datetime import date

from kam_xl.core import receivables as R
from kam_xl.indicators import receivable_rows
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.indicators.receivables_ledger import (
    AS_OF,
    COUNTED,
    DAYS,
    EX_APPLIED,
    EX_AS_OF,
    EX_BEST_DSO,
    EX_BUCKETS,
    EX_DAYS_TO_COLLECT,
    EX_DSO,
    EX_IA,
    EX_IC,
    EX_ID,
    EX_INVOICE_AMOUNTS,
    EX_INVOICE_DATES,
    EX_INVOICES,
    EX_LEDGER_EN,
    EX_LEDGER_ZH,
    EX_MONTH_END_BALANCES,
    EX_RA,
    EX_RC,
    EX_RD,
    EX_RECEIPT_AMOUNTS,
    EX_RECEIPT_DATES,
    EX_RECEIPTS,
    EX_RI,
    EX_YEAR,
    INV_AMOUNTS,
    INV_DATES,
    NOT_DUE,
    OUTSTANDING,
    REC_AMOUNTS,
    REC_DATES,
    REC_INV_DATES,
    SALES,
    SECTION,
    START,
    workbook_entry,
)
from kam_xl.xlformulas import receivables as X

__all__ = ["ENTRIES"]

_WORKSHEET_FUNCTIONS: tuple[Indicator, ...] = (
    Indicator(
        "dso",
        "KAM_DSO",
        "应收账款周转天数",
        "DSO",
        "DSO = 应收余额 / 销售额 × 期间天数",
        "DSO = outstanding / sales · days in period",
        SECTION,
        R.dso,
        (
            OUTSTANDING,
            SALES,
            Arg("days", "期间天数（默认 365）", "days in the period (default 365)", True),
        ),
        excel=X.dso,
        definition_zh="DSO = 应收余额 ÷ 期间销售额 × 期间天数：应收款相当于多少天的销售（定义 §2.11；期间默认为基准日前 "
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
        SECTION,
        R.aging_row,
        (
            Arg("amounts", "各张发票未收金额", "open amount of each invoice"),
            Arg("due_dates", "各张发票到期日", "due date of each invoice"),
            Arg("as_of", "统计基准日", "as-of date"),
        ),
        excel=X.aging_bucket,
        definition_zh="各张发票截至基准日的未收余额，按逾期天数（基准日 − 到期日）分段相加：≤ 0 为未到期，其后 1–30、31–60、"
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
            f"{EX_LEDGER_ZH}，四张发票的未收余额和逾期天数：未到期 50,000（INV3）、31–60 天 40,000（INV2）、90 天以上 "
            "30,000（INV0）；已结清的 INV1 余额为 0。公式是第 2 段（31–60 天，共 5 段）的。",
            f"{EX_LEDGER_EN}: the four invoices' open amounts and days past due give 50,000 not due (INV3), 40,000 "
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
        SECTION,
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
            ([40, 40, 45, 130, None, EX_DSO], [0.04, 0.10, 0.05, 0, 0, 70000 / 120000]),
            ("$B$19", "$B$18", "zh"),
            "定义 §2.11 的等级表，最后一行是华东电气（DSO 209.14、逾期占比 58.33 %）：45 和 5 % 正好在 A 的上限上，"
            "仍为 A；DSO 40 而逾期 10 % 只能是 B；DSO 空白为 D。",
            "The rating table of definitions §2.11, the last row 华东电气 (DSO 209.14, overdue ratio 58.33 %): 45 "
            "and 5 % sit exactly on A's limits and rate A; DSO 40 with 10 % overdue can only be B; a blank DSO is "
            "D.",
        ),
    ),
)


_ACCOUNT: tuple[Indicator, ...] = (
    workbook_entry(
        "sales", "本期销售额", "Sales in period",
        "期间内开票的金额合计", "the invoices dated in the period",
        R.sales, X.sales, INV_AMOUNTS, INV_DATES, COUNTED, START, AS_OF,
        definition=(
            "本期销售额 = 开票日期在期间（起点, 基准日]内的计入发票金额之和：起点当天不算，基准日当天算；舍入到 6 位小数。"
            "客户档案在填入基准日、台账有计入行之前显示空白。",
            "Sales in the period = the counted invoices dated in (start, as-of date]: not on the start, on the "
            "as-of date; rounded to 6 places. The customer file shows it blank until an as-of date is typed and a "
            "ledger row counts.",
        ),
        # by hand: INV0 (2023-05-20) is before the period: 100,000 + 60,000 + 50,000 = 210,000
        example=Example(
            (EX_INVOICE_AMOUNTS, EX_INVOICE_DATES, EX_YEAR),
            (EX_IA, EX_ID, EX_IC, "$B$4", "$B$2"),
            f"{EX_LEDGER_ZH}：INV0 于 2023-05-20 开票，在期间之前，不算；100,000 + 60,000 + 50,000 = 210,000。",
            f"{EX_LEDGER_EN}: INV0, dated 2023-05-20, is before the period and left out; 100,000 + 60,000 + 50,000 "
            "= 210,000.",
        ),
    ),
    workbook_entry(
        "outstanding", "应收余额", "Outstanding",
        "应收余额 = 各账龄段合计", "outstanding = the aging buckets summed",
        R.outstanding, X.outstanding, Arg("buckets", "各账龄段金额", "the aging buckets"),
        definition=(
            "应收余额 = 各账龄段之和，即截至基准日各张发票未收余额的合计（已开票 − 已核销的收款；未核销收款不抵减），"
            "舍入到 6 位小数。",
            "Outstanding = the aging buckets summed: every invoice's open amount as of the date (invoiced − "
            "applied receipts; unapplied receipts reduce nothing), rounded to 6 places.",
        ),
        # by hand: 50,000 + 0 + 40,000 + 0 + 30,000 = 120,000
        example=Example(
            (EX_BUCKETS,), ("$B$12:$B$16",),
            f"{EX_LEDGER_ZH}，账龄各段：50,000 + 40,000 + 30,000 = 120,000；INV9 那笔 5,000 未核销，不抵减。",
            f"{EX_LEDGER_EN}, the aging buckets: 50,000 + 40,000 + 30,000 = 120,000; INV9's 5,000 is unapplied and reduces "
            "nothing.",
        ),
    ),
    workbook_entry(
        "overdue_amount", "逾期金额", "Overdue",
        "逾期金额 = 已逾期各段合计", "overdue = the past-due buckets summed",
        R.overdue, X.overdue, Arg("past_due", "已逾期各段金额（未到期段之后）", "the past-due buckets (after not due)"),
        definition=(
            "逾期金额 = 未到期段之后各账龄段之和，即到期日早于基准日的发票的未收余额，舍入到 6 位小数。核心函数取全部"
            "账龄段、略去第一段（未到期），工作簿公式只对已逾期的各段求和。",
            "Overdue = the aging buckets after not due, summed: the open amounts of the invoices due before the "
            "as-of date, rounded to 6 places. The core function takes all the buckets and leaves out the first "
            "(not due); the workbook formula sums the past-due buckets only.",
        ),
        # by hand: 0 + 40,000 + 0 + 30,000 = 70,000 (the not-due 50,000 left out)
        example=Example(
            (EX_BUCKETS,), ("$B$13:$B$16",),
            f"{EX_LEDGER_ZH}：INV2 的 40,000 和 INV0 的 30,000，共 70,000；未到期的 50,000 不算。",
            f"{EX_LEDGER_EN}: INV2's 40,000 and INV0's 30,000, 70,000 in all; the 50,000 not yet due is left out.",
        ),
    ),
    workbook_entry(
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
    workbook_entry(
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
    workbook_entry(
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
    workbook_entry(
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
            (EX_DSO, EX_BEST_DSO), ("$B$19", "$B$20"),
            "华东电气：209.14 − 87.14 = 122 天，正是 70,000 / 210,000 × 366。",
            "华东电气: 209.14 − 87.14 = 122 days, which is 70,000 / 210,000 × 366.",
        ),
    ),
    workbook_entry(
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
            (EX_INVOICES, EX_RECEIPTS, [date(2023, 6, 30), date(2024, 1, 31), date(2024, 3, 31), EX_AS_OF]),
            (EX_IA, EX_ID, EX_IC, EX_RA, EX_RD, EX_RI, "$B$4"),
            f"{EX_LEDGER_ZH}：期初（2023-06-30）只有 INV0，30,000；1 月末加上 INV1，130,000；3 月 10 日收回 INV1 后，3 月末 "
            "30,000；6 月末 120,000（INV9 的 5,000 未核销，不抵减）。公式是期初余额（B22 格，日期为期间起点 B4）。",
            f"{EX_LEDGER_EN}: the opening (2023-06-30) is INV0's 30,000; end of January, with INV1, 130,000; end of "
            "March, INV1 paid on 10 March, 30,000; end of June 120,000 (INV9's 5,000 is unapplied and reduces "
            "nothing). The formula is the opening balance's (cell B22, the day being the period start B4).",
        ),
    ),
    workbook_entry(
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
    workbook_entry(
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
            (EX_RECEIPT_AMOUNTS, EX_RECEIPT_DATES, EX_DAYS_TO_COLLECT, EX_YEAR),
            (EX_RA, EX_RD, EX_RI, "$U$7:$U$9", "$B$4", "$B$2"),
            f"{EX_LEDGER_ZH}：(100,000 × 55 + 20,000 × 71) / 120,000 = 57.67 天；INV9 那笔未核销，不算。",
            f"{EX_LEDGER_EN}: (100,000 × 55 + 20,000 × 71) / 120,000 = 57.67 days; INV9's receipt is unapplied and "
            "left out.",
        ),
    ),
    workbook_entry(
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
            (EX_RECEIPT_AMOUNTS, EX_RECEIPT_DATES, EX_YEAR), (EX_RA, EX_RD, EX_RC, "$B$4", "$B$2"),
            f"{EX_LEDGER_ZH}：3 月 10 日收 INV1 的 100,000。",
            f"{EX_LEDGER_EN}: the 100,000 on INV1 of 10 March.",
        ),
    ),
    workbook_entry(
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
            (EX_RECEIPT_AMOUNTS, EX_RECEIPT_DATES, EX_YEAR), (EX_RA, EX_RD, EX_RC, "$B$4", "$B$2"),
            f"{EX_LEDGER_ZH}：(100,000 + 20,000 + 5,000) / 3 = 41,666.67，INV9 那笔也算。",
            f"{EX_LEDGER_EN}: (100,000 + 20,000 + 5,000) / 3 = 41,666.67, INV9's receipt included.",
        ),
    ),
    workbook_entry(
        "unapplied_receipts", "未核销收款", "Unapplied receipts",
        "截至基准日未能核销到发票的收款（未知或未填发票号）",
        "receipts by the as-of date not applied to an invoice (unknown or no invoice number)",
        R.unapplied_receipts, X.unapplied_receipts, REC_AMOUNTS, REC_DATES, COUNTED, REC_INV_DATES, AS_OF,
        definition=(
            "未核销收款 = 收款日期不晚于基准日（不限于期间）、核销不到发票的计入收款之和：发票号为空，或该客户没有这张"
            "发票。钱已收到却不抵减应收余额，需要财务查明。核心函数取每笔是否已核销；工作簿公式以有无对应开票日判断。",
            "Unapplied receipts = the counted receipts dated on or before the as-of date (not only in the period) "
            "that are applied to no invoice: no invoice number, or one the account does not have. The cash is in "
            "but reduces no outstanding, and finance has to find out why. The core function takes whether each "
            "receipt is applied; the workbook formula goes by whether it has an invoice date.",
        ),
        # by hand: only INV9's 5,000 is not applied
        example=Example(
            (EX_RECEIPT_AMOUNTS, EX_RECEIPT_DATES, EX_APPLIED, EX_AS_OF), (EX_RA, EX_RD, EX_RC, EX_RI, "$B$2"),
            f"{EX_LEDGER_ZH}：INV9 不是该客户的发票，那笔 5,000 未核销。",
            f"{EX_LEDGER_EN}: INV9 is not one of the account's invoices, so its 5,000 is unapplied.",
        ),
    ),
    workbook_entry(
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
            (EX_MONTH_END_BALANCES,), ("$A$34:$A$46", "$B$34:$B$46"),
            f"{EX_LEDGER_ZH}，2023 年 7 月至 2024 年 6 月的 12 个月末（第一行是起点本身，空白）："
            "(6 × 30,000 + 130,000 + 130,000 + 30,000 + 90,000 + 90,000 + 120,000) / 12 = 64,166.67。",
            f"{EX_LEDGER_EN}, the 12 month ends July 2023 … June 2024 (the first row, the start itself, is blank): "
            "(6 × 30,000 + 130,000 + 130,000 + 30,000 + 90,000 + 90,000 + 120,000) / 12 = 64,166.67.",
        ),
    ),
    workbook_entry(
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

ENTRIES: tuple[Indicator, ...] = _WORKSHEET_FUNCTIONS + receivable_rows.ENTRIES + _ACCOUNT
