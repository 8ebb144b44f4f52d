"""A sorted ledger read in blocks — docs/definitions.md §2.11 (issue #7): the customer file's hidden helper
columns that let a ledger row find its number's rows in the other ledger by binary search, each with its
core function (:mod:`kam_xl.core.receivables.blocks`) and Excel rendering
(:mod:`kam_xl.xlformulas.ledger_order`).
"""

from __future__ import annotations

from collections.abc import Callable

from kam_xl.core.receivables import blocks as B
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.indicators.receivables_ledger import AS_OF, KEY, workbook_entry
from kam_xl.xlformulas import ledger_order as O

__all__ = ["ENTRIES"]

SEARCH = Arg("search", "本行的查找键", "the row's search key")
PREV_SEARCH = Arg("prev_search", "上一行的查找键（首行无）", "the search key above (none on the first row)", True)
PREV = Arg("prev", "上一行的累计值（首行无）", "the running figure above (none on the first row)", True)
DAY = Arg("day", "本行日期", "the row's date")
AMOUNT = Arg("amount", "本行金额", "the row's amount")
_KEYS = ["", "inv1", "inv1", "", "inv2"]  # a row not counted at the top, INV1 twice, one not counted, INV2
_SEARCH = B.search_keys(_KEYS)  # "", inv1, inv1, inv1, inv2
_BLOCK_ZH = "五行台账：首行未计入，INV1 两行（金额 100、50），一行未计入，INV2（金额 70）。"
_BLOCK_EN = "Five ledger rows: one not counted, INV1 twice (100 and 50), one not counted, INV2 (70)."


def _running(key: str, zh: str, en: str, summary: tuple[str, str], excel: Callable[..., str], how: str, add: list[float],
             *args: Arg, refs: tuple[str, ...], say: tuple[str, str]) -> Indicator:  # fmt: skip
    return workbook_entry(
        key,
        zh,
        en,
        *summary,
        B.block_running,
        excel,
        SEARCH,
        PREV_SEARCH,
        PREV,
        *args,
        definition=(
            f"{summary[0]}。台账按发票号排序后，同一发票号的行连成一块；此列在块内逐行累计，块的首行重新开始，只读本行和上一行。"
            "块末行的值由块合计列写到块的每一行，另一台账的行用二分查找（MATCH(键, 查找键列, 1)）落到块内读取。",
            f"{summary[1]}. Sorted by invoice number, a number's rows form one block; this column runs within it, "
            "restarting on the block's first row, reading only its own row and the one above. Its value at the "
            "block's last row is written on every row of the block (block total), where a row of the other ledger "
            "lands by binary search (MATCH(key, search keys, 1)).",
        ),
        example=Example((_SEARCH, add, how), refs, _BLOCK_ZH + say[0], _BLOCK_EN + say[1]),
    )


ENTRIES: tuple[Indicator, ...] = (
    workbook_entry(
        "search_key", "查找键", "Search key",
        "本行的键；没有键（未计入）时沿用上一行的查找键", "the row's key, or the search key above when it has none",
        B.search_keys, O.search_key, KEY, PREV_SEARCH,
        definition=(
            "查找键 = 本行的键（计入行的发票号）；不计入或空白的行沿用上一行的查找键（首行为空）。台账按发票号排序时，"
            "查找键列从上到下不减，另一台账便能用二分查找找到某发票号的行块。",
            "The search key = the row's key (a counted row's invoice number); a row not counted or blank carries "
            "the search key above (empty on the first row). In a ledger sorted by invoice number the column never "
            "decreases, so the other ledger finds a number's block of rows by binary search.",
        ),
        example=Example(
            (_KEYS,), ("L9", "Z8"),
            "键依次为空、INV1、INV1、空、INV2：查找键为空、INV1、INV1、INV1、INV2。公式是第 9 行的。",
            "Keys empty, INV1, INV1, empty, INV2: search keys empty, INV1, INV1, INV1, INV2. The formula is row 9's.",
        ),
    ),
    _running(
        "block_count", "块内计入行数", "Counted rows in block",
        ("同一发票号的块内，到本行为止的计入行数", "counted rows of the number's block up to this row"),
        O.block_count, "sum", [0, 1, 1, 0, 1], Arg("counted", "本行计入（1/0）", "the row counted (1/0)"),
        refs=("Z9", "Z8", "AA8", "M9"),
        say=("计入行数：0、1、2、2、1。", "Counted rows: 0, 1, 2, 2, 1."),
    ),
    _running(
        "block_sum", "块内金额累计", "Amount in block",
        ("同一发票号的块内，到本行为止有键行的金额之和", "the keyed rows' amounts of the block up to this row"),
        O.block_sum, "sum", [0, 100, 50, 0, 70], KEY, AMOUNT,
        refs=("AJ9", "AJ8", "AL8", "W9", "Q9"),
        say=("累计：0、100、150、150、70。", "Running: 0, 100, 150, 150, 70."),
    ),
    _running(
        "block_sum_to", "块内基准日前金额累计", "Amount to as-of in block",
        ("同一发票号的块内，到本行为止有键且日期不晚于基准日的金额之和",
         "the keyed rows' amounts dated on or before the as-of date, of the block up to this row"),
        O.block_sum_to, "sum", [0, 100, 0, 0, 70], KEY, DAY, AMOUNT, AS_OF,
        refs=("Z9", "Z8", "AB8", "L9", "E9", "G9", "$B$2"),
        say=("第二行 INV1 晚于基准日：0、100、100、100、70。", "INV1's second row is after the as-of date: 0, 100, 100, 100, 70."),
    ),
    _running(
        "block_min_date", "块内最早日期", "Earliest date in block",
        ("同一发票号的块内，到本行为止有键行的最早日期", "the earliest keyed date of the block up to this row"),
        O.block_min_date, "min", [B.BIG, 45300, 45290, B.BIG, 45310], KEY, DAY,
        refs=("Z9", "Z8", "AD8", "L9", "E9"),
        say=("日期序号 45300、45290、45310：最早 45290。", "Date serials 45300, 45290, 45310: the earliest 45290."),
    ),
    _running(
        "block_last_date", "块内末笔日期", "Last date in block",
        ("同一发票号的块内，到本行为止最后一笔有键行的日期", "the last keyed row's date of the block up to this row"),
        O.block_last_date, "last", [float("nan"), 45300, 45310, float("nan"), 45320], KEY, DAY,
        refs=("AJ9", "AJ8", "AM8", "W9", "P9"),
        say=("日期序号 45300、45310、45320。", "Date serials 45300, 45310, 45320."),
    ),
    workbook_entry(
        "block_total", "块合计", "Block total",
        "块末行的累计值，写在块的每一行", "the block's running figure at its last row, on every row of the block",
        B.block_total, O.block_total, SEARCH,
        Arg("next_search", "下一行的查找键（末行无）", "the search key below (none on the last row)", True),
        Arg("next_total", "下一行的块合计（末行无）", "the block total below (none on the last row)", True),
        Arg("running", "本行的块内累计", "the row's running figure"),
        definition=(
            "块合计 = 本行所在块末行的累计值：下一行仍在同一块时取下一行的块合计，否则取本行的累计值。块的每一行都是同一个值，"
            "所以二分查找落在同一发票号的任何一行（各计算引擎对相同键落在哪一行不一致）都读到整块的合计。",
            "The block total = the running figure at the last row of the row's block: the row below's block total "
            "while it continues the block, else the row's own running figure. Every row of a block holds the same "
            "value, so a binary search landing on any row of a number (engines differ on which of equal keys) "
            "reads the whole block's total.",
        ),
        example=Example(
            (_SEARCH, [0.0, 100.0, 150.0, 150.0, 70.0]), ("Z8", "Z9", "AH9", "AC8"),
            _BLOCK_ZH + "金额累计 0、100、150、150、70，块合计 0、150、150、150、70。公式是第 8 行的。",
            _BLOCK_EN + " Running amounts 0, 100, 150, 150, 70; block totals 0, 150, 150, 150, 70. The formula is "
            "row 8's.",
        ),
    ),
    workbook_entry(
        "invoice_in_order", "发票行有序", "Invoice row in order",
        "本行的键不小于上一行的查找键（无键行为 1）", "1 unless the row's key is below the search key above",
        B.in_order, O.invoice_in_order, KEY, PREV_SEARCH,
        definition=(
            "发票行有序：本行有键时，键不小于上一行的查找键（文本按 Excel 的方式比较，不分大小写）；无键行总是有序。",
            "An invoice row is in order when its key, if it has one, is not below the search key above (text "
            "compared as Excel compares it, case-insensitively); a row without a key always is.",
        ),
        example=Example(
            (["inv2", "inv1"], ["inv2", "inv1"]), ("L8", "Z7"),
            "INV2 之后是 INV1：第二行无序（0）。公式是第 8 行的。",
            "INV1 after INV2: the second row is out of order (0). The formula is row 8's.",
        ),
    ),
    workbook_entry(
        "receipt_in_order", "收款行有序", "Receipt row in order",
        "键不小于上一行的查找键；同一发票号时日期不早于块内上一笔",
        "the key not below the search key above; on the same number, the date not before the block's last",
        B.in_order, O.receipt_in_order, KEY, DAY, PREV_SEARCH,
        Arg("prev_last", "上一行的块内末笔日期", "the block's last date above", True),
        definition=(
            "收款行有序：本行有键时，键大于上一行的查找键，或与之相同且收款日期不早于块内上一笔有键收款的日期；无键行总是有序。",
            "A receipt row is in order when its key, if it has one, is above the search key above, or equal to it "
            "with a date not before the block's last keyed receipt above; a row without a key always is.",
        ),
        example=Example(
            (["inv1", "inv1"], ["inv1", "inv1"], [45310.0, 45300.0]), ("W8", "P8", "AJ7", "AM7"),
            "INV1 两笔收款，第二笔日期更早：第二行无序（0）。公式是第 8 行的。",
            "Two receipts on INV1, the second dated earlier: the second row is out of order (0). The formula is "
            "row 8's.",
        ),
    ),
    workbook_entry(
        "ledger_in_order", "台账有序", "Ledger in order",
        "台账每行都有序时为 1，否则为 0（此时按整表公式计算）",
        "1 when every row of the ledger is in order, else 0 (the figures then take the whole-ledger formulas)",
        B.ledger_in_order, O.ledger_in_order, Arg("flags", "有序标记列", "in-order flags column"),
        definition=(
            "台账有序 = 每行的有序标记都是 1。有序时每行的数字用二分查找计算（重算时间随行数线性增长）；否则用逐行比较"
            "整个台账的公式，结果相同，只是更慢，台账旁显示提示。",
            "A ledger is in order when every row's flag is 1. Then each row's figures come by binary search "
            "(recalculation grows linearly with the rows); otherwise by formulas comparing each row with the whole "
            "ledger: the same results, slower, and a note beside the ledger says so.",
        ),
        example=Example(
            ([1.0, 1.0, 0.0],), ("$AE$7:$AE$9",),
            "三行中一行无序：0。", "One row of three out of order: 0.",
        ),
    ),
    workbook_entry(
        "order_note", "排序提示", "Sort note",
        "台账无序时的提示（计算较慢）", "the note shown while a ledger is out of order (slower recalculation)",
        B.ledger_in_order, O.order_note, Arg("ordered", "台账有序（1/0）", "ledger in order (1/0)"),
        Arg("which", "哪本台账（invoices / receipts）", "which ledger (invoices / receipts)"), LANG,
        definition=(
            "台账有序时空白；否则提示台账未排序、计算较慢、排序可加快。",
            "Blank while the ledger is in order; otherwise a note that it is not sorted, that recalculation is "
            "slower and that sorting it speeds it up.",
        ),
        example=Example(
            ([1.0, 0.0],), ("$AE$4", "invoices", "zh"),
            "有一行无序：显示提示。", "A row out of order: the note shows.",
        ),
    ),
)  # fmt: skip
