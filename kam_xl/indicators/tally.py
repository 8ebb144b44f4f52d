"""Counts and totals beside a table: rows per label, amounts per label, a column's total."""

from __future__ import annotations

from kam_xl.core import tally
from kam_xl.indicators.entry import Arg, Example, Indicator
from kam_xl.xlformulas import tally as X

__all__ = ["ENTRIES"]

_LABELS = Arg("labels", "标签列（如各客户的等级）", "a column of labels (each account's tier …)")
_LABEL = Arg("label", "要统计的标签", "the label to count")
_AMOUNTS = Arg("amounts", "金额列（与标签列同行）", "a column of amounts (rows aligned with the labels)")

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "count_of",
        None,
        "计数",
        "Count",
        "标签等于某值的行数（整段文字、不区分大小写）",
        "rows whose label equals a given label (whole text, any case)",
        "§3",
        tally.count_of,
        (_LABELS, _LABEL),
        excel=X.count_of,
        definition_zh="标签列中等于给定标签的行数：整段文字相同才算，不区分大小写；标签里的 *、?、<、> 只是普通字符。"
        "给定标签空白时结果空白（表格的空行什么也不显示）。",
        definition_en="How many rows of a label column equal the given label: the whole text must match, in any "
        "case, and *, ?, < and > in a label are plain characters. A blank label gives a blank (a table's spare "
        "row shows nothing).",
        # by hand: "Key" and "key" match "Key"; "Key account" is not the whole text → 2
        example=Example(
            (["Strategic", "Key", "key", "Key account", "Ordinary"], "Key"),
            ("$E$5:$E$9", "A20"),
            "“Key” 和 “key” 相同（不分大小写），“Key account” 整段文字不同，不算：2 行。",
            '"Key" and "key" match (any case); "Key account" is not the same whole text: 2 rows.',
        ),
    ),
    Indicator(
        "total_of",
        None,
        "分类合计",
        "Total by label",
        "标签等于某值的行的金额合计（空白与文字不计）",
        "the amounts of the rows with a given label (blank and text add nothing)",
        "§3",
        tally.total_of,
        (_LABELS, _LABEL, _AMOUNTS),
        excel=X.total_of,
        definition_zh="标签等于给定标签（同“计数”的比较）的各行金额之和；空白或文字的金额不计（写成文字的数字也不计，同 SUM）。"
        "给定标签空白时结果空白。",
        definition_en="The amounts of the rows whose label equals the given one (compared as the count compares), "
        "summed; a blank or text amount adds nothing (a number typed as text too, as in SUM). A blank label gives "
        "a blank.",
        # by hand: 价值评估 rows: 1,000,000 and "待定" (text, adds 0) → 1,000,000
        example=Example(
            (["价值评估", "促成成交", "价值评估", "确定对象"], "价值评估", [1000000, 400000, "待定", 2000000]),
            ("$D$5:$D$8", "A15", "$C$5:$C$8"),
            "处于价值评估阶段的两个机会，一个 1,000,000，一个金额写着“待定”（文字，不计）：合计 1,000,000。",
            "Two opportunities at the value-assessed stage, one of 1,000,000 and one whose amount reads 待定 "
            '("to be decided", text, adding nothing): 1,000,000.',
        ),
    ),
    Indicator(
        "count_of_both",
        None,
        "双条件计数",
        "Count by two labels",
        "两个标签列分别等于给定标签的行数（如某阶段中进行中的机会）",
        "rows whose two labels equal two given labels (the open deals at one stage …)",
        "§2.10, §3",
        tally.count_of_both,
        (
            _LABELS,
            _LABEL,
            Arg("labels2", "第二个标签列（同行）", "a second column of labels (same rows)"),
            Arg("label2", "第二个要统计的标签", "the second label to count"),
        ),
        excel=X.count_of_both,
        definition_zh="两列标签各自等于给定标签（同“计数”的比较：整段文字、不分大小写）的行数。开发记录的阶段表用它只统计"
        "结果为“进行中”的机会，赢单、丢单和放弃的另行列出。任一给定标签空白时结果空白。",
        definition_en="How many rows match both given labels, each column compared as the count compares (whole "
        "text, any case). The development record's stage table counts only the open deals with it; won, lost and "
        "dropped ones are reported apart. A blank given label gives a blank.",
        # by hand: 价值评估 & 进行中: rows 1 and 4 (row 3 is 价值评估 but won) → 2
        example=Example(
            (
                ["价值评估", "促成成交", "价值评估", "价值评估"],
                "价值评估",
                ["进行中", "进行中", "赢单", "进行中"],
                "进行中",
            ),
            ("$F$5:$F$8", "A5", "$K$5:$K$8", "A15"),
            "四个机会中三个处于价值评估阶段，其中一个已赢单：进行中的 2 个。",
            "Three of four opportunities are at the value-assessed stage and one of them is won: 2 open.",
        ),
    ),
    Indicator(
        "total_of_both",
        None,
        "双条件合计",
        "Total by two labels",
        "两个标签列分别等于给定标签的行的金额合计（空白与文字不计）",
        "the amounts of the rows whose two labels equal two given labels (blank and text add nothing)",
        "§2.10, §3",
        tally.total_of_both,
        (
            _LABELS,
            _LABEL,
            Arg("labels2", "第二个标签列（同行）", "a second column of labels (same rows)"),
            Arg("label2", "第二个要统计的标签", "the second label to count"),
            _AMOUNTS,
        ),
        excel=X.total_of_both,
        definition_zh="“双条件计数”所数各行的金额之和；空白或文字的金额不计（同 SUM）。开发记录用它求各阶段进行中机会的预期"
        "金额与加权金额。任一给定标签空白时结果空白。",
        definition_en="The amounts of the rows the two-label count counts, summed; a blank or text amount adds "
        "nothing (as SUM). The development record sums each stage's open expected and weighted values with it. A "
        "blank given label gives a blank.",
        # by hand: rows 1 and 4 (价值评估, 进行中): 1,000,000 + 500,000 = 1,500,000; the won 2,000,000 is left out
        example=Example(
            (
                ["价值评估", "促成成交", "价值评估", "价值评估"],
                "价值评估",
                ["进行中", "进行中", "赢单", "进行中"],
                "进行中",
                [1000000, 400000, 2000000, 500000],
            ),
            ("$F$5:$F$8", "A5", "$K$5:$K$8", "A15", "$H$5:$H$8"),
            "同上：价值评估阶段进行中的两个机会 1,000,000 + 500,000 = 1,500,000；已赢单的 2,000,000 不计。",
            "As above: the two open value-assessed opportunities, 1,000,000 + 500,000 = 1,500,000; the won 2,000,000 "
            "is left out.",
        ),
    ),
    Indicator(
        "total",
        None,
        "合计",
        "Total",
        "一列数值的合计（空白与文字不计）",
        "the sum of a column (blank and text add nothing)",
        "§3",
        tally.total,
        (_AMOUNTS,),
        excel=X.total,
        definition_zh="一列中数字的合计，同 SUM：空白和文字（包括写成文字的数字）不计。",
        definition_en="The numbers of a column summed, as SUM: blanks and text (a number typed as text too) add "
        "nothing.",
        # by hand: 600 + 300 + 100 = 1,000; the blank and "n/a" add nothing
        example=Example(
            ([600, 300, None, "n/a", 100],),
            ("$B$5:$B$9",),
            "600 + 300 + 100 = 1,000；空白和 “n/a” 不计。",
            '600 + 300 + 100 = 1,000; the blank and "n/a" add nothing.',
        ),
    ),
    Indicator(
        "count_filled",
        None,
        "已填行数",
        "Rows filled in",
        "一列中已填写的单元格数",
        "how many cells of a column are filled in",
        "§3",
        tally.count_filled,
        (Arg("values", "一列输入", "a column of inputs"),),
        excel=X.count_filled,
        definition_zh="一列中已填写（不是空白）的单元格数，同 COUNTA；0 是数字，算已填。",
        definition_en="How many cells of a column are filled in (not blank), as COUNTA; 0 is a number and counts "
        "as filled in.",
        # by hand: 甲, 丙 and 0 are filled in; one blank → 3
        example=Example(
            (["甲", None, "丙", 0],),
            ("$A$5:$A$8",),
            "甲、丙和 0 已填，一格空白：3。",
            "甲, 丙 and 0 are filled in, one cell is blank: 3.",
        ),
    ),
)
