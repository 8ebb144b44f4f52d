"""The portfolio dashboard's own figures (看板): a group's share of the total, the accounts at risk.

The counts and totals by tier, layer, class, owner and industry are the tally entries
(:mod:`kam_xl.indicators.tally`); what they add here is a group's share of the total value and the
list of the accounts at risk, largest value first. Their definitions (the functions below) are what
the renderers in :mod:`kam_xl.xlformulas.dashboard` compute.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kam_xl.cells import is_blank
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.xlformulas import dashboard as X

__all__ = [
    "ENTRIES",
    "at_risk_order",
    "risk_count",
    "risk_position",
    "risk_reason",
    "risk_value",
    "share_of_total",
]


def _number(value: object) -> float | None:
    """A cell's number as COUNT and LARGE read a range: int or float, not a boolean; else None."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.integer | np.floating):
        return None
    return None if np.isnan(value) else float(value)


def share_of_total(amount: object, total: object) -> float:
    """``amount`` / ``total``; NaN (a blank cell) while the amount is blank or the total is not above 0."""
    a, t = _number(amount), _number(total)
    if a is None or t is None or t <= 0:
        return float("nan")
    return a / t


def risk_count(risks: Sequence[object]) -> float:
    """How many accounts show a reason for being at risk ("" or blank: none)."""
    return float(sum(not is_blank(r) and str(r) != "" for r in risks))


def _holds_text(values: Sequence[object]) -> bool:
    """A value cell filled with something that is not a number (COUNT < COUNTA)."""
    return any(not is_blank(v) and _number(v) is None for v in values)


def at_risk_order(values: Sequence[object], risks: Sequence[object]) -> np.ndarray:
    """The list positions (1-based) of the accounts at risk whose value is a number, largest value
    first; equal values in list order, so each account has its own rank."""
    if len(values) != len(risks):
        raise ValueError("values and risks must be as long as each other")
    nums = [_number(v) for v in values]
    rows = [i for i, (v, r) in enumerate(zip(nums, risks, strict=True)) if v is not None and not is_blank(r)]
    rows.sort(key=lambda i: -(nums[i] or 0.0))  # sort is stable: ties keep list order
    return np.array(rows, dtype=int) + 1


def risk_value(values: Sequence[object], risks: Sequence[object], k: int, lang: str = "zh") -> float | str:
    """The ``k``-th largest value among the accounts at risk (NaN past their count); the reason
    :data:`~kam_xl.xlformulas.dashboard.VALUE_TEXT` while a value cell holds text."""
    if _holds_text(values):
        return X.VALUE_TEXT[lang]
    order = at_risk_order(values, risks)
    return float(_number(values[order[k - 1] - 1]) or 0.0) if 1 <= k <= len(order) else float("nan")


def risk_position(values: Sequence[object], risks: Sequence[object], k: int) -> float:
    """The list position of the ``k``-th account at risk (see :func:`at_risk_order`); NaN past their
    count or while a value cell holds text."""
    if _holds_text(values):
        return float("nan")
    order = at_risk_order(values, risks)
    return float(order[k - 1]) if 1 <= k <= len(order) else float("nan")


def risk_reason(position: object, risks: Sequence[object]) -> str:
    """The reason at a list position ("" while the position is blank)."""
    p = _number(position)
    if p is None:
        return ""
    r = risks[int(p) - 1]
    return "" if is_blank(r) else str(r)


_VALUES = Arg("values", "价值列（每个客户一行）", "the value column (a row per account)")
_RISKS = Arg("risks", "风险原因列（空白 = 无风险）", "the column of risk reasons (blank = not at risk)")
_K = Arg("k", "名次（1 = 价值最大）", "the rank (1 = the largest value)")

# by hand for the examples: values 500, 900, 500, 300, 700; at risk: rows 1, 3, 4 and 5 (row 2 has no
# reason) → order 700 (row 5), 500 (row 1), 500 (row 3), 300 (row 4)
_EX_VALUES = [500, 900, 500, 300, 700]
_EX_RISKS = ["壁垒等级：弱", "", "信用评级：D（风险）", "逾期占比上升", "决策者：反对"]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "share_of_total",
        None,
        "占比",
        "Share of total",
        "一组的金额占全部的比例",
        "a group's amount as a share of the total",
        "§3",
        share_of_total,
        (Arg("amount", "本组金额", "the group's amount"), Arg("total", "全部合计", "the total of all groups")),
        excel=X.share_of_total,
        definition_zh="本组金额 ÷ 全部合计。金额空白时结果空白；合计为 0 或空白时也空白（没有可分的总数）。",
        definition_en="The group's amount divided by the total. A blank amount gives a blank, and so does a total "
        "of 0 or blank (there is nothing to share).",
        # by hand: 2,500,000 / 10,000,000 = 25 %
        example=Example(
            (2500000, 10000000),
            ("C8", "$C$6"),
            "战略客户合计 2,500,000，全部 10,000,000：25%。",
            "Strategic accounts total 2,500,000 of 10,000,000: 25 %.",
        ),
    ),
    Indicator(
        "risk_count",
        None,
        "风险客户数",
        "Accounts at risk",
        "显示了风险原因的客户数",
        "how many accounts show a reason for being at risk",
        "§3",
        risk_count,
        (_RISKS,),
        excel=X.risk_count,
        definition_zh="风险原因列中不空白的行数；公式给出的空文字（没有原因）不算。",
        definition_en="How many rows of the risk-reason column are not blank; a formula's empty text (no reason) "
        "does not count.",
        # by hand: four reasons and one blank → 4
        example=Example(
            (_EX_RISKS,),
            ("$AK$5:$AK$9",),
            "五个客户中四个有风险原因：4。",
            "Four of five accounts show a reason: 4.",
        ),
    ),
    Indicator(
        "risk_value",
        None,
        "风险客户价值",
        "Value at risk (k-th)",
        "风险客户中价值第 k 大的值",
        "the k-th largest value among the accounts at risk",
        "§3",
        risk_value,
        (_VALUES, _RISKS, _K, LANG),
        excel=X.risk_value,
        definition_zh="有风险原因且价值为数字的客户中，价值第 k 大的值；k 超过这些客户数时空白。价值列中有文字时"
        "（如写成文字的数字）每行显示“价值列有文字，请改为数字”，不会漏掉该客户。",
        definition_en="Among the accounts that show a risk reason and have a number as their value, the k-th "
        "largest value; blank when k is past their count. While a value cell holds text (a number typed as text "
        "too) every row says 'The value column holds text: type numbers' rather than leave that account out.",
        # by hand: at-risk values 500, 500, 300, 700 → 700, 500, 500, 300; the 2nd is 500
        example=Example(
            (_EX_VALUES, _EX_RISKS, 2),
            ("$P$5:$P$9", "$AK$5:$AK$9", "A12", "zh"),
            "风险客户的价值 500、500、300、700（900 的客户没有风险）：第 2 大为 500。",
            "The at-risk values are 500, 500, 300 and 700 (the 900 account is not at risk): the 2nd largest is 500.",
        ),
    ),
    Indicator(
        "risk_position",
        None,
        "风险客户位置",
        "Position at risk (k-th)",
        "价值第 k 大的风险客户在客户表中的位置；价值相同者按表中顺序各占一名",
        "where the k-th account at risk sits in the list; equal values each take a rank, in list order",
        "§3",
        risk_position,
        (Arg("value", "第 k 大的价值（风险客户价值）", "the k-th value (value at risk)"), _VALUES, _RISKS, _K),
        excel=X.risk_position,
        definition_zh="风险客户按价值降序排列时第 k 名在客户表中的位置（第 1 个客户为 1）。价值相同的风险客户按表中"
        "顺序各占一名，所以同值客户不会重复显示同一个名称。价值不是数字的客户不参加排列。",
        definition_en="The list position (the first account is 1) of the k-th account at risk in descending order "
        "of value. Accounts at risk with equal values each take a rank in list order, so they never show the same "
        "name twice. Accounts whose value is not a number are not ranked.",
        # by hand: 700 (row 5), 500 (row 1), 500 (row 3), 300 (row 4): the 3rd is row 3
        example=Example(
            (_EX_VALUES, _EX_RISKS, 3),
            ("B14", "$P$5:$P$9", "$AK$5:$AK$9", "A14"),
            "降序为第 5、1、3、4 个客户；两个 500 各占一名，第 3 名是第 3 个客户。",
            "In descending order the 5th, 1st, 3rd and 4th account; each 500 has its own rank, the 3rd is the 3rd "
            "account.",
        ),
    ),
    Indicator(
        "risk_reason",
        None,
        "风险原因",
        "Risk reason",
        "客户表中某位置的风险原因",
        "the risk reason at a position of the list",
        "§3",
        risk_reason,
        (Arg("position", "位置（风险客户位置）", "position (position at risk)"), _RISKS),
        excel=X.risk_reason,
        definition_zh="风险客户位置所指客户的风险原因；位置空白时结果空白。",
        definition_en="The risk reason of the account at the position; a blank position gives a blank.",
        # by hand: position 5 → 决策者：反对
        example=Example(
            (5, _EX_RISKS),
            ("C12", "$AK$5:$AK$9"),
            "第 5 个客户的原因：决策者：反对。",
            "The 5th account's reason: 决策者：反对 (decision maker: opponent).",
        ),
    ),
)
