"""Receivables per ledger row and the period — docs/definitions.md §2.11: what the customer file shows
on each invoice and receipt row (received to date, open amount, days past due, days to collect, problems
…) and the period its figures cover, each with its core function (:mod:`kam_xl.core.receivables`) and
Excel rendering (:mod:`kam_xl.xlformulas.receivables`). The example ledger is in
:mod:`kam_xl.indicators.receivables_ledger`.
"""

from __future__ import annotations

from datetime import date

from kam_xl.core import receivables as R
from kam_xl.indicators import ledger_blocks
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.indicators.receivables_ledger import (
    AS_OF,
    COUNTED,
    EX_AS_OF,
    EX_DUE_DATES,
    EX_IA,
    EX_ID,
    EX_IK,
    EX_INSTALMENTS,
    EX_INVOICE_AMOUNTS,
    EX_INVOICE_DATES,
    EX_INVOICES,
    EX_LEDGER_EN,
    EX_LEDGER_ZH,
    EX_ONE_INVOICE,
    EX_RA,
    EX_RD,
    EX_RECEIPT_AMOUNTS,
    EX_RECEIPT_DATES,
    EX_RECEIPTS,
    EX_RK,
    EX_YEAR,
    INV_AMOUNTS,
    INV_DATES,
    INV_KEYS,
    KEY,
    MATCHES,
    REC_AMOUNTS,
    REC_DATES,
    REC_KEYS,
    START,
    workbook_entry,
)
from kam_xl.xlformulas import receivables as X

__all__ = ["ENTRIES"]

PERIOD: tuple[Indicator, ...] = (
    workbook_entry(
        "period_start", "期间起点", "Period start",
        "期间起点（不含）：基准日前模型设定的月数（EDATE）",
        "the period's exclusive start: the model's months before the as-of date (EDATE)",
        R.period_start, X.period_start, AS_OF,
        definition=(
            "期间起点 = 基准日往前推模型设定的月数（默认 12 个月，同 EDATE：该月没有这一天时取月末，2024-02-29 往前 12 "
            "个月是 2023-02-28）。起点当天不在期间内，基准日当天在。基准日空白时工作簿显示空白（核心函数要求基准日）。",
            "The period's start = the as-of date less the model's months (12 by default, as EDATE: a day the month "
            "lacks becomes its last day, so 12 months before 2024-02-29 is 2023-02-28). The start itself is outside "
            "the period, the as-of date inside. A workbook shows it blank until an as-of date is typed (the core "
            "function requires one).",
        ),
        # by hand: 2024-06-30 − 12 months = 2023-06-30
        example=Example(
            (EX_AS_OF,), ("$B$2",),
            "截至 2024-06-30，期间是 (2023-06-30, 2024-06-30]。",
            "As of 2024-06-30 the period is (2023-06-30, 2024-06-30].",
        ),
    ),
    workbook_entry(
        "period_days", "期间天数", "Days in period",
        "期间天数 = 基准日 − 期间起点", "days in the period = as-of date − start",
        R.period_days, X.period_days, AS_OF, START,
        definition=(
            "期间天数 = 基准日 − 期间起点，即期间内的日历天数（12 个月为 365 或 366 天）；DSO 和最佳可能 DSO 按它折算。"
            "基准日空白时工作簿显示空白。",
            "Days in the period = the as-of date − the start: the period's calendar days (365 or 366 for 12 "
            "months), by which DSO and best possible DSO are scaled. A workbook shows it blank until an as-of date is "
            "typed.",
        ),
        # by hand: 2023-06-30 → 2024-06-30 spans 2024-02-29: 366
        example=Example(
            (EX_AS_OF,), ("$B$2", "$B$4"),
            "截至 2024-06-30 的 12 个月含 2024-02-29：366 天。",
            "The 12 months to 2024-06-30 include 2024-02-29: 366 days.",
        ),
    ),
    workbook_entry(
        "month_end", "月末", "Month end",
        "期间内的第 k 个月末（EOMONTH）；不在期间内为空白",
        "the k-th month end from the start's month (EOMONTH), blank outside the period",
        R.month_end, X.month_end, START, AS_OF, Arg("k", "第几个月（0 起）", "which month (from 0)"),
        definition=(
            "期间起点所在月往后第 k 个月的最后一天（EOMONTH(起点, k)），落在期间（起点, 基准日]内才显示，否则空白。"
            "客户档案以 k = 0 … 12 列出期间内的每个月末，平均欠款额取这些月末的余额。",
            "The last day of the k-th month after the start's month (EOMONTH(start, k)), shown when it falls in the "
            "period (start, as-of date], otherwise blank. The customer file lists k = 0 … 12 to give every month "
            "end of the period, whose balances the average arrears averages.",
        ),
        # by hand: EOMONTH(2023-06-30, 1) = 2023-07-31, inside (2023-06-30, 2024-06-30]
        example=Example(
            (EX_YEAR, 1), ("$B$4", "$B$2", 1),
            "期间 (2023-06-30, 2024-06-30]：k = 1 是 2023-07-31（客户档案 A35 格）；k = 0 是 2023-06-30，即起点本身，"
            "不在期间内，空白；k = 12 是 2024-06-30。",
            "Period (2023-06-30, 2024-06-30]: k = 1 is 2023-07-31 (the customer file's cell A35); k = 0 is "
            "2023-06-30, the start itself, outside the period: blank; k = 12 is 2024-06-30.",
        ),
    ),
)  # fmt: skip

ROWS: tuple[Indicator, ...] = (
    workbook_entry(
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
                [*EX_INVOICE_DATES, date(2024, 6, 10), date(2024, 6, 12)],
                [*EX_DUE_DATES, date(2024, 6, 1), date(2024, 7, 12)],
                [*EX_INVOICE_AMOUNTS, 8000, 8000],
            ),
            ("D7", "E7", "F7", "G7"),
            "华东电气的四张发票都计入；INV4 的到期日早于开票日，最后一行没有发票号，都不计入。公式是第 7 行的。",
            "华东电气's four invoices count; INV4, due before it is invoiced, and the last row, without a number, do "
            "not. The formula is row 7's.",
        ),
    ),
    workbook_entry(
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
            ([*EX_RECEIPT_DATES, None, date(2024, 6, 25)], [*EX_RECEIPT_AMOUNTS, 8000, -2000]),
            ("P7", "Q7"),
            "华东电气的三笔收款都计入（INV9 那笔也计入，只是核销不到）；第 4 行没有收款日期，第 5 行金额为负，都不计入。",
            "华东电气's three receipts count (INV9's too, though it is applied to nothing); the 4th row has no "
            "receipt date and the 5th a negative amount: neither counts.",
        ),
    ),
    workbook_entry(
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
    workbook_entry(
        "received", "基准日已收", "Received as of",
        "截至基准日已收到的该发票收款；重复发票号按行序分摊，最后一行承担超额",
        "receipts on the invoice by the as-of date; a repeated number's rows fill in order, the last takes any excess",
        R.invoice_rows, X.received,
        KEY, Arg("invoice_date", "开票日期", "invoice date"), Arg("amount", "金额", "amount"), AS_OF,
        REC_KEYS, REC_DATES, REC_AMOUNTS,
        Arg("earlier_keys", "上方发票行的键", "keys of the invoice rows above", True),
        Arg("earlier_dates", "上方发票行的开票日期", "invoice dates of the rows above", True),
        Arg("earlier_amounts", "上方发票行的金额", "amounts of the rows above", True),
        Arg("later_keys", "下方发票行的键", "keys of the invoice rows below", True),
        definition=(
            "一张发票截至基准日已收到的款：同一客户、同一发票号、收款日期不晚于基准日的收款之和。同一发票号出现在几行时，"
            "收款按行序依次填满各行（每行至多其金额），最后一行承担超额。工作簿中本行不计入（键为空）或基准日空白时显示空白。",
            "What an invoice has received by the as-of date: the receipts of the same account and invoice number "
            "dated on or before it. When a number is on several rows, its receipts fill the rows in order, each up "
            "to its amount, and the last row takes any excess. In a workbook a row not counted (no key) or a blank "
            "as-of date shows blank.",
        ),
        # by hand: INV0 nothing; INV1 100,000 on 03-10; INV2 20,000 on 06-20; INV3 nothing; INV9's 5,000 matches none
        example=Example(
            (EX_INVOICES, EX_RECEIPTS, EX_AS_OF),
            ("L9", "E9", "G9", "$B$2", EX_RK, EX_RD, EX_RA, "$L$7:L8", "$E$7:E8", "$G$7:G8", "L10:$L$10"),
            f"{EX_LEDGER_ZH}：INV1 收到 100,000，INV2 收到 20,000；INV9 那笔 5,000 对不上任何发票。公式是第 9 行 INV2 "
            "的（上方第 7–8 行和下方第 10 行用于重复发票号的分摊）。",
            f"{EX_LEDGER_EN}: INV1 has received 100,000 and INV2 20,000; INV9's 5,000 matches no invoice. The formula "
            "is row 9's, INV2 (rows 7–8 above and row 10 below share out a repeated number's receipts).",
            column="received",
        ),
    ),
    workbook_entry(
        "open_amount", "未收余额", "Open amount",
        "未收余额 = 截至基准日已开票金额 − 已收", "open amount = invoiced by the as-of date − received",
        R.invoice_rows, X.open_amount,
        Arg("received", "基准日已收", "received as of"), Arg("invoice_date", "开票日期", "invoice date"),
        Arg("amount", "金额", "amount"), AS_OF,
        definition=(
            "未收余额 = 截至基准日已开票的金额（开票日期晚于基准日的发票按 0 计）− 基准日已收，舍入到 6 位小数。多收时为负数，"
            "留在该发票的账龄段里。工作簿中基准日已收为空白时也为空白。",
            "Open amount = the amount invoiced by the as-of date (0 for an invoice dated after it) − received as "
            "of, rounded to 6 places. An overpaid invoice's is negative and stays in its aging bucket. In a workbook a "
            "blank received shows blank too.",
        ),
        # by hand: 30,000 − 0; 100,000 − 100,000 = 0; 60,000 − 20,000 = 40,000; 50,000 − 0
        example=Example(
            (EX_INVOICES, EX_RECEIPTS, EX_AS_OF),
            ("H9", "E9", "G9", "$B$2"),
            f"{EX_LEDGER_ZH}：INV2 开票 60,000、已收 20,000，未收 40,000；INV1 已结清。公式是第 9 行 INV2 的。",
            f"{EX_LEDGER_EN}: INV2, invoiced 60,000 with 20,000 received, has 40,000 open; INV1 is settled. The "
            "formula is row 9's, INV2.",
            column="open",
        ),
    ),
    workbook_entry(
        "days_past_due", "逾期天数", "Days past due",
        "逾期天数 = 基准日 − 到期日（已结清为空白）", "days past due = as-of date − due date (blank once settled)",
        R.invoice_rows, X.days_past_due,
        Arg("received", "基准日已收", "received as of"), Arg("open_amount", "未收余额", "open amount"),
        Arg("due_date", "到期日", "due date"), AS_OF,
        definition=(
            "逾期天数 = 基准日 − 到期日，≤ 0 表示未到期（账龄按它分段）。已结清（未收余额为 0）的发票没有逾期天数，"
            "结果空白，而不是“逾期 400 天”。工作簿中基准日已收为空白时也为空白。",
            "Days past due = the as-of date − the due date; 0 or less is not yet due (the aging buckets go by it). "
            "A settled invoice (nothing open) has none and shows blank, not \"400 days late\". In a workbook a "
            "blank received shows blank too.",
        ),
        # by hand: INV0 2023-06-19 → 2024-06-30 = 366 (to 2024-06-19, through 2024-02-29) + 11 = 377; INV1 settled;
        # INV2 2024-05-10 → 06-30 = 21 + 30 = 51; INV3 due 2024-07-01: −1
        example=Example(
            (EX_INVOICES, EX_RECEIPTS, EX_AS_OF),
            ("H7", "I7", "F7", "$B$2"),
            f"{EX_LEDGER_ZH}：INV0 于 2023-06-19 到期，已逾期 377 天；INV1 已结清，空白；INV2 逾期 51 天；INV3 明天才"
            "到期：−1。公式是第 7 行 INV0 的。",
            f"{EX_LEDGER_EN}: INV0, due 2023-06-19, is 377 days past due; INV1 is settled: blank; INV2 is 51 days "
            "past due; INV3 is due tomorrow: −1. The formula is row 7's, INV0.",
            column="days_past_due",
        ),
    ),
    workbook_entry(
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
    workbook_entry(
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
            (EX_INVOICES, EX_RECEIPTS),
            ("W9", EX_IK),
            f"{EX_LEDGER_ZH}：INV1、INV2 各匹配一行；INV9 匹配 0 行，是未知发票。公式是第 9 行 INV9 的。",
            f"{EX_LEDGER_EN}: INV1 and INV2 match one row each; INV9 matches none, an unknown invoice. The formula "
            "is row 9's, INV9.",
            column="invoice_rows",
        ),
    ),
    workbook_entry(
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
            (EX_INVOICES, EX_RECEIPTS),
            ("Y7", "W7", EX_IK, EX_ID),
            f"{EX_LEDGER_ZH}：收 INV1 的款对应 2024-01-15 开票，收 INV2 的对应 2024-04-10；INV9 空白。公式是第 7 行的。",
            f"{EX_LEDGER_EN}: the receipt on INV1 goes with 2024-01-15, the one on INV2 with 2024-04-10; INV9's is "
            "blank. The formula is row 7's.",
            column="invoice_date",
        ),
    ),
    workbook_entry(
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
            (EX_INVOICES, EX_RECEIPTS),
            ("Y8", "W8", EX_IK, EX_IA),
            f"{EX_LEDGER_ZH}：INV1 为 100,000，INV2 为 60,000；INV9 空白。公式是第 8 行 INV2 的。",
            f"{EX_LEDGER_EN}: INV1 is 100,000 and INV2 60,000; INV9's is blank. The formula is row 8's, INV2.",
            column="invoice_total",
        ),
    ),
    workbook_entry(
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
            "不论基准日。超过发票金额时本笔标“超过未收余额”。没有对应发票时空白。",
            "What the same invoice has received up to this receipt: every receipt dated earlier, plus those of the "
            "same day from the first row to this one — in date order, not row order, whatever the as-of date. Above "
            "the invoice's amount, the receipt is flagged Exceeds open amount. Blank without an invoice.",
        ),
        # by hand: row 7 (02-01) 40,000; row 9 (02-01, after row 7) 40,000 + 20,000 = 60,000; row 8 (03-10) comes
        # after both: 60,000 + 50,000 = 110,000 > 100,000
        example=Example(
            (EX_ONE_INVOICE, EX_INSTALMENTS),
            ("Y9", "W9", "P9", EX_RK, EX_RD, EX_RA, "$W$7:W9", "$P$7:P9", "$Q$7:Q9"),
            "INV1（100,000）分三笔收款，第 9 行与第 7 行同为 2 月 1 日：第 9 行累计 40,000 + 20,000 = 60,000；3 月 10 日"
            "的第 8 行排在这两笔之后，累计 110,000，超过 100,000，该行标“超过未收余额”。公式是第 9 行的。",
            "INV1 (100,000) paid in three receipts, row 9 dated 1 February like row 7: row 9 has 40,000 + 20,000 "
            "= 60,000 to date; row 8, of 10 March, comes after both with 110,000, above 100,000, and is flagged "
            "Exceeds open amount. The formula is row 9's.",
            column="cumulative",
        ),
    ),
    workbook_entry(
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
            (EX_INVOICES, EX_RECEIPTS),
            ("Y7", "P7", "R7"),
            f"{EX_LEDGER_ZH}：INV1 于 1 月 15 日开票、3 月 10 日收款，55 天；INV2 71 天；INV9 空白。公式是第 7 行的。",
            f"{EX_LEDGER_EN}: INV1, invoiced 15 January and paid 10 March, took 55 days; INV2 71 days; INV9's is "
            "blank. The formula is row 7's.",
            column="days_to_collect",
        ),
    ),
    workbook_entry(
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

ENTRIES: tuple[Indicator, ...] = PERIOD + ROWS + ledger_blocks.ENTRIES
