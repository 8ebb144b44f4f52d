"""Profitability and return on an account (seed 001: 高/中/低/无获利, 评估投资回报, 优惠政策) —
docs/definitions.md §2.14."""

from __future__ import annotations

from kam_xl.core import profitability as P
from kam_xl.indicators.entry import LANG, Arg, Example, FromModel, Indicator
from kam_xl.xlformulas import profitability as X

__all__ = ["ENTRIES"]

_SALES = Arg("sales", "销售额（≥ 0）", "sales (≥ 0)")
_COST = Arg("cost", "销售成本（≥ 0）", "cost of sales (≥ 0)")

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "gross_profit",
        None,
        "毛利",
        "Gross profit",
        "毛利 = 销售额 − 销售成本",
        "gross profit = sales − cost of sales",
        "§2.14",
        P.gross_profit,
        (_SALES, _COST),
        excel=X.gross_profit,
        definition_zh="毛利 = 销售额 − 销售成本。任一空白时为空白；销售额或成本为负是错误（表格中显示空白）。",
        definition_en="Gross profit = sales − cost of sales. Blank while either is blank; sales or a cost below 0 "
        "is an error (the workbook shows a blank).",
        # by hand: 1,200,000 − 840,000 = 360,000
        example=Example(
            (1_200_000.0, 840_000.0),
            ("B5", "C5"),
            "销售额 120 万、成本 84 万：毛利 36 万。",
            "Sales 1.2 M, cost 0.84 M: gross profit 0.36 M.",
        ),
    ),
    Indicator(
        "gross_margin",
        None,
        "毛利率",
        "Gross margin",
        "毛利率 = (销售额 − 销售成本) / 销售额",
        "gross margin = (sales − cost of sales) / sales",
        "§2.14",
        P.gross_margin,
        (_SALES, _COST),
        excel=X.gross_margin,
        definition_zh="毛利率 = (销售额 − 销售成本) / 销售额。没有销售额（空白或 0）时为空白，成本空白时也为空白；"
        "销售额或成本为负是错误。",
        definition_en="Gross margin = (sales − cost of sales) / sales. Blank with no sales (blank or 0) and while the "
        "cost is blank; sales or a cost below 0 is an error.",
        # by hand: (1,200,000 − 840,000) / 1,200,000 = 360,000 / 1,200,000 = 0.30
        example=Example(
            (1_200_000.0, 840_000.0),
            ("B5", "C5"),
            "销售额 120 万、成本 84 万：毛利率 30%。",
            "Sales 1.2 M, cost 0.84 M: gross margin 30 %.",
        ),
    ),
    Indicator(
        "margin_of",
        None,
        "毛利率（按毛利）",
        "Gross margin (from gross profit)",
        "毛利率 = 毛利 / 销售额（客户组合的年毛利与销售额）",
        "gross margin = gross profit / sales (a portfolio's annual margin and revenue)",
        "§2.14",
        P.margin_of,
        (Arg("gross_profit", "毛利", "gross profit"), _SALES),
        excel=X.margin_of,
        definition_zh="已知毛利时的毛利率 = 毛利 / 销售额（客户组合表的“年毛利”与“近12个月销售额”）。任一空白或没有"
        "销售额时为空白；销售额为负是错误。",
        definition_en="Gross margin where the gross profit is known = gross profit / sales (the portfolio's annual "
        "margin and trailing 12-month revenue). Blank while either is blank or with no sales; sales below 0 is an "
        "error.",
        # by hand: 360,000 / 1,200,000 = 0.30
        example=Example(
            (360_000.0, 1_200_000.0),
            ("AG5", "E5"),
            "年毛利 36 万、销售额 120 万：毛利率 30%。",
            "An annual margin of 0.36 M on sales of 1.2 M: 30 %.",
        ),
    ),
    Indicator(
        "profitability",
        None,
        "获利等级",
        "Profitability",
        "按毛利率分为高获利 / 中获利 / 低获利 / 无获利（模型分档）",
        "high / medium / low / no profit by gross margin (the model's bands)",
        "§2.14",
        P.profitability,
        (Arg("margin", "毛利率", "gross margin"), LANG),
        excel=X.profitability,
        definition_zh="毛利率达到的第一档（自上而下，模型 [profitability] 可改）：默认 ≥ 30% 高获利，≥ 15% 中获利，"
        "≥ 1% 低获利，其余无获利（课程资料种子 001 的“高获利 中获利 低获利 无获利”）。毛利率空白时为空白。",
        definition_en="The first band the gross margin reaches, top down (the model's [profitability], editable): by "
        "default ≥ 30 % high profit, ≥ 15 % medium, ≥ 1 % low, else no profit (seed 001's 高获利 中获利 低获利 "
        "无获利). Blank while the margin is blank.",
        # by hand: 0.30 reaches the top band's 0.30 → 高获利; 0.12 reaches only 0.01 → 低获利
        example=Example(
            (0.30,),
            ("D5", "zh"),
            "毛利率 30% 恰好达到高获利的下限：高获利；12% 为低获利。",
            "A 30 % margin reaches the high band's minimum: high profit; 12 % is low profit.",
            kwargs=(("lang", "zh"),),
        ),
    ),
    Indicator(
        "cost_to_serve",
        None,
        "服务成本",
        "Cost to serve",
        "服务成本 = 计划中资源预算与行动预算之和",
        "cost to serve = the plan's resource budgets plus its action budgets",
        "§2.14",
        P.cost_to_serve,
        (Arg("budgets", "资源预算、行动预算（可多个区域）", "resource and action budgets (one range or more)"),),
        excel=X.cost_to_serve,
        definition_zh="投入这个客户的资源：客户计划“资源与行动”表上各项资源预算与行动预算之和，空白按 0 计；预算为负是错误。",
        definition_en="What the account is given: the sum of the resource and action budgets on the plan's "
        "resources-and-actions sheet, blanks counting 0; a budget below 0 is an error.",
        # by hand: 30,000 + 20,000 + 15,000 = 65,000 (actions) and 35,000 (resources): 100,000
        example=Example(
            ([30_000.0, 20_000.0, 15_000.0], [35_000.0]),
            ("G8:G12", "C15"),
            "行动预算 3 万、2 万、1.5 万，资源预算 3.5 万：服务成本 10 万。",
            "Action budgets 30 k, 20 k, 15 k and a resource budget of 35 k: cost to serve 100 k.",
        ),
    ),
    Indicator(
        "resource_roi",
        None,
        "投资回报率",
        "Return on resources",
        "投资回报率 = (毛利 − 服务成本) / 服务成本",
        "return on resources = (gross profit − cost to serve) / cost to serve",
        "§2.14",
        P.resource_roi,
        (Arg("gross_profit", "毛利", "gross profit"), Arg("cost", "服务成本（≥ 0）", "cost to serve (≥ 0)")),
        excel=X.resource_roi,
        definition_zh="评估投资回报（种子 001）：投资回报率 = (毛利 − 服务成本) / 服务成本，即每投入 1 元资源换回的"
        "毛利净额。任一空白或没有投入（服务成本 0）时为空白；服务成本为负是错误。",
        definition_en="Seed 001's 评估投资回报: return on resources = (gross profit − cost to serve) / cost to serve, "
        "the net gross profit each unit of resource brings back. Blank while either is blank or nothing is spent "
        "(cost 0); a cost below 0 is an error.",
        # by hand: (360,000 − 100,000) / 100,000 = 2.6
        example=Example(
            (360_000.0, 100_000.0),
            ("C20", "C18"),
            "毛利 36 万、服务成本 10 万：投资回报率 260%。",
            "Gross profit 360 k, cost to serve 100 k: return 260 %.",
        ),
    ),
    Indicator(
        "discount_rate",
        None,
        "优惠折扣率",
        "Discount rate",
        "本客户等级的优惠折扣率（模型的优惠政策）",
        "the discount rate of this account's tier (the model's discount policy)",
        "§2.14",
        P.discount_rate,
        (Arg("tier", "客户等级", "the account's tier"), LANG),
        excel=X.discount_rate,
        definition_zh="确定大客户的优惠政策（种子 001）：模型 [discount] 为每个客户等级给一个折扣率（0 ≤ 折扣率 < 1，"
        "Model 表上可改），默认战略客户 8%、重点客户 5%、成长客户 2%、一般客户 0。等级空白时为空白。",
        definition_en="Seed 001's 确定大客户的优惠政策 (set the key accounts' discount policy): the model's [discount] "
        "gives each tier a discount rate (0 ≤ rate < 1, editable on the Model sheet), by default Strategic 8 %, "
        "Key 5 %, Growth 2 %, Standard 0. Blank while the tier is blank.",
        # by hand: 重点客户 is tier B, whose rate in default.toml is 0.05
        example=Example(
            ("重点客户",),
            ("C6", "zh", FromModel()),
            "重点客户（B）的折扣率为 5%。",
            "A Key account (tier B) is granted 5 %.",
        ),
    ),
    Indicator(
        "discount_cost",
        None,
        "优惠成本",
        "Discount cost",
        "优惠成本 = 销售额 × 折扣率",
        "discount cost = sales × discount rate",
        "§2.14",
        P.discount_cost,
        (_SALES, Arg("rate", "折扣率（0 ≤ 折扣率 < 1）", "discount rate (0 ≤ rate < 1)")),
        excel=X.discount_cost,
        definition_zh="按等级给出的优惠让掉的金额 = 销售额 × 本等级折扣率；任一空白时为空白。",
        definition_en="What the tier's discount gives away = sales × the tier's rate; blank while either is blank.",
        # by hand: 1,200,000 × 0.05 = 60,000
        example=Example(
            (1_200_000.0, 0.05),
            ("B5", "C21"),
            "销售额 120 万、折扣率 5%：优惠成本 6 万。",
            "Sales 1.2 M at 5 %: the discount costs 60 k.",
        ),
    ),
)
