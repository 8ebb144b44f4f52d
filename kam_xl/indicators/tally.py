"""Counts and totals beside a table: rows per label, amounts per label, a column's total."""

from __future__ import annotations

from kam_xl.core import tally
from kam_xl.indicators.entry import Arg, Indicator
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
    ),
)
