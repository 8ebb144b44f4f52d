"""The portfolio's receivables and accounts at risk, and the Pareto list's tie-break — docs/definitions.md
§2.11, §3, §2.3 (:mod:`kam_xl.core.account_risk`)."""

from __future__ import annotations

from kam_xl.core import account_risk
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.xlformulas import risk as X

__all__ = ["ENTRIES"]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "portfolio_overdue",
        None,
        "逾期金额",
        "Overdue amount",
        "逾期金额 = 应收余额 × 逾期占比",
        "overdue amount = outstanding receivables × overdue ratio",
        "§2.11",
        account_risk.overdue_amount,
        (
            Arg("outstanding", "应收余额（≥ 0）", "outstanding receivables (≥ 0)"),
            Arg("overdue_ratio", "逾期占比 0–1", "overdue ratio 0–1"),
        ),
        excel=X.overdue_amount,
        definition_zh="客户组合中每个客户的逾期金额 = 应收余额 × 逾期占比（逾期未收金额占应收余额的比例）。任一空白时结果空白；"
        "应收余额为负或逾期占比不在 0–1 之间是输入错误。看板按等级、层级、负责人等汇总它。",
        definition_en="Each account's overdue amount on the portfolio = outstanding receivables × overdue ratio (the "
        "share of the outstanding amount past due). A blank input gives a blank; a negative outstanding amount or a "
        "ratio outside 0–1 is an input error. The dashboard sums it by tier, layer, owner and so on.",
        # by hand: 1,200,000 × 0.25 = 300,000; a blank ratio gives a blank
        example=Example(
            ([1200000, 800000], [0.25, None]),
            ("P5", "Q5"),
            "应收余额 1,200,000、逾期占比 25 %：逾期金额 300,000；逾期占比空白时结果空白。",
            "Outstanding 1,200,000 with an overdue ratio of 25 %: 300,000 overdue; a blank ratio gives a blank.",
        ),
    ),
    Indicator(
        "risk",
        None,
        "风险",
        "Risk",
        "客户处于风险的原因：壁垒最弱、信用评级最差、决策者反对、逾期占比上升",
        "why an account is at risk: weakest barrier, worst credit rating, opposing decision maker, overdue ratio rising",
        "§3",
        account_risk.risk_reasons,
        (
            Arg("barrier_level", "壁垒等级（标签）", "barrier level (label)"),
            Arg("credit_rating", "信用评级（标签）", "credit rating (label)"),
            Arg("stance", "决策者立场（模型的立场标签）", "the decision maker's stance (a stance label of the model)"),
            Arg("overdue_ratio", "本期逾期占比", "overdue ratio this period"),
            Arg("overdue_prev", "上期逾期占比", "overdue ratio of the previous period"),
            LANG,
        ),
        excel=X.risk,
        definition_zh="客户处于风险的每个原因，按此顺序以“；”连接：壁垒等级为模型的最低一级（默认“弱”）；信用评级为模型的最后一级"
        "（默认“D（风险）”）；决策者立场的取值小于 0（默认“反对”）；本期逾期占比高于上期。每个原因写明所依据的标签，"
        "如“壁垒等级：弱；决策者：反对”。没有原因时结果空白；逾期占比任一空白时不比较。",
        definition_en="Each reason an account is at risk, joined by '; ' in this order: its barrier level is the "
        "model's lowest (Weak by default); its credit rating is the model's last (D (risk)); its decision maker's "
        "stance has a value below 0 (Opponent); its overdue ratio is above the previous period's. Each reason shows "
        "the label it rests on ('Barrier level: Weak; Decision maker: Opponent'). No reason gives a blank; a blank "
        "ratio on either side is not compared.",
        # by hand: row 1 — 弱 is the last barrier level, D（风险） the last rating, 反对 has value −1, 0.3 > 0.2;
        # row 2 — 强, A（优）, 支持 (value 1), 0.1 < 0.2: no reason
        example=Example(
            (["弱", "强"], ["D（风险）", "A（优）"], ["反对", "支持"], [0.3, 0.1], [0.2, 0.2]),
            ("AA5", "AL5", "AP5", "AK5", "AQ5", "zh"),
            "第一个客户四个原因都有；第二个（强壁垒、A 级、决策者支持、逾期下降）没有原因，结果空白。",
            "The first account has all four reasons; the second (strong barrier, rating A, a supporting decision "
            "maker, overdue falling) has none: a blank.",
            kwargs=(("lang", "zh"),),
        ),
    ),
    Indicator(
        "value_rank",
        None,
        "价值排名",
        "Value rank",
        "按价值降序的名次；价值相同者按表中顺序各占一名",
        "place in descending order of value; equal values take one place each, in table order",
        "§2.3",
        account_risk.value_ranks,
        (
            Arg("value", "本客户的价值", "this account's value"),
            Arg("values", "价值列", "the value column"),
            Arg("above", "价值列从第一行到本行", "the value column from its first row down to this row"),
        ),
        excel=X.value_rank,
        definition_zh="客户在价值降序中的名次（1 = 最大）：价值相同的客户按表中顺序各占一个名次，所以每个名次只有一个客户，"
        "帕累托区按名次找到客户，同值客户不会重复显示同一个名称。价值空白时结果空白。",
        definition_en="The account's place in descending order of value (1 = the largest): accounts with equal values "
        "take one place each in table order, so each place has one account and the Pareto block, which looks the "
        "places up, never shows one name twice. A blank value gives a blank.",
        # by hand: values 5, 9, 5, blank, 7 → 9 first, 7 second, the two 5s third and fourth in table order
        example=Example(
            ([5, 9, 5, None, 7],),
            ("E5", "$E$5:$E$9", "$E$5:E5"),
            "价值 5、9、5、空白、7：名次 3、1、4、空白、2，两个 5 按表中顺序为第 3、4 名。",
            "Values 5, 9, 5, blank, 7: ranks 3, 1, 4, blank, 2; the two 5s are 3rd and 4th in table order.",
        ),
    ),
    Indicator(
        "pareto_position",
        None,
        "帕累托位置",
        "Pareto position",
        "第 k 名客户在表中的位置",
        "where the account ranked k sits in the table",
        "§2.3",
        account_risk.pareto_positions,
        (
            Arg("k", "名次", "the rank"),
            Arg("ranks", "价值排名列", "the value-rank column"),
        ),
        excel=X.pareto_position,
        definition_zh="帕累托区第 k 行的客户在客户表中的位置：价值排名为 k 的那一行；超过已排名客户数时空白。",
        definition_en="The table position of the account on row k of the Pareto block: the row whose value rank is k; "
        "blank past the accounts ranked.",
        # by hand: values 5, 9, 5, blank, 7 → ranks 1…4 sit in rows 2, 5, 1, 3
        example=Example(
            ([5, 9, 5, None, 7],),
            ("D5", "$F$5:$F$9"),
            "价值 5、9、5、空白、7：第 1–4 名依次在表中第 2、5、1、3 行。",
            "Values 5, 9, 5, blank, 7: ranks 1 to 4 sit in rows 2, 5, 1 and 3 of the table.",
        ),
    ),
    Indicator(
        "pareto_name",
        None,
        "帕累托客户",
        "Pareto account",
        "帕累托列表中某位置的客户名称",
        "the account's name at a position of the Pareto list",
        "§2.3",
        account_risk.pareto_names,
        (
            Arg("position", "位置（帕累托位置）", "position (Pareto position)"),
            Arg("names", "客户名称列", "the account column"),
        ),
        excel=X.pareto_name,
        definition_zh="帕累托位置所指的客户名称；名称空白时显示空白。",
        definition_en="The name of the account at the Pareto position; a blank name shows blank.",
        # by hand: positions 2, 1 of ("甲", "乙") → 乙, 甲
        example=Example(
            ([2, 1], ["甲", "乙"]),
            ("H5", "$A$5:$A$6"),
            "位置 2、1，客户“甲”“乙”：乙、甲。",
            "Positions 2 and 1 of the accounts 甲, 乙: 乙, 甲.",
        ),
    ),
)
