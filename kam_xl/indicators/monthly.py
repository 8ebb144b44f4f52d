"""The monthly business plan and review (月度经营计划 / 每月经营分析会, seed 003): attainment, year-on-year
growth, year to date, below target, wallet headroom by product line, the growth steps' % done —
docs/definitions.md §2.13."""

from __future__ import annotations

from kam_xl.core import monthly
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.xlformulas import monthly as X

__all__ = ["ENTRIES"]

_ACTUAL = Arg("actual", "实际（本月或累计）", "the actual (of the month, or year to date)")
_TARGET = Arg("target", "目标（本月或累计）", "the target (of the month, or year to date)")
# The example account's sales by month (definitions §2.13): targets 1,000,000 a month from January, actuals
# 900,000, 1,150,000 and 1,050,000 in January to March, last year's March 840,000.

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "attainment",
        None,
        "达成率",
        "Attainment",
        "实际 ÷ 目标；没有目标（空白或 0）时空白",
        "actual ÷ target; blank without a target (blank or 0)",
        "§2.13",
        monthly.attainment,
        (_ACTUAL, _TARGET),
        excel=X.attainment,
        definition_zh="达成率 = 实际 ÷ 目标（月度经营计划，种子 003），本月和累计都这样算。目标空白或为 0 时没有可达成的目标，"
        "结果空白（不会除以零）；实际空白（尚未发生）时也空白。目标不能为负：核心拒绝负目标，工作表显示空白。",
        definition_en="Attainment = actual ÷ target (the monthly business plan, seed 003), for the month and year to "
        "date alike. With a blank or zero target there is nothing to attain: blank, never a division by zero; "
        "blank too while the actual is (not yet reported). A target is never negative: the core refuses one, the "
        "sheet shows blank.",
        # by hand: 1,150,000 / 1,000,000 = 1.15
        example=Example(
            (1_150_000, 1_000_000),
            ("C9", "B9"),
            "2 月销售目标 1,000,000，实际 1,150,000：达成率 115 %。",
            "February's sales target 1,000,000, actual 1,150,000: attainment 115 %.",
        ),
    ),
    Indicator(
        "growth_yoy",
        None,
        "同比增长",
        "Year-on-year growth",
        "（本月实际 − 去年同月实际）÷ 去年同月实际",
        "(this month's actual − the same month last year) ÷ the same month last year",
        "§2.13",
        monthly.growth,
        (_ACTUAL, Arg("last_year", "去年同月实际", "the same month's actual last year")),
        excel=X.growth,
        definition_zh="同比增长 = （本月实际 − 去年同月实际）÷ 去年同月实际。去年同月空白或不大于 0 时（从 0 或负数谈不上增长率）"
        "结果空白；本月实际空白时也空白。",
        definition_en="Year-on-year growth = (this month's actual − the same month's last year) ÷ last year's. Blank "
        "when last year's is blank or not above 0 (a growth rate from zero or below says nothing), and while this "
        "month's actual is blank.",
        # by hand: (1,050,000 − 840,000) / 840,000 = 210,000 / 840,000 = 0.25
        example=Example(
            (1_050_000, 840_000),
            ("C10", "D10"),
            "3 月实际 1,050,000，去年 3 月 840,000：同比增长 (1,050,000 − 840,000) ÷ 840,000 = 25 %。",
            "March's actual 1,050,000 against 840,000 last March: growth (1,050,000 − 840,000) ÷ 840,000 = 25 %.",
        ),
    ),
    Indicator(
        "ytd",
        None,
        "累计",
        "Year to date",
        "本年 1 月至本月的合计",
        "the sum from January to this month",
        "§2.13",
        monthly.running_total,
        (
            Arg("first", "1 月的单元格（锁定）", "January's cell (anchored)"),
            Arg("this", "本月的单元格", "this month's cell"),
        ),
        excel=X.running_total,
        definition_zh="累计（年初至今）= 计划年度 1 月至本月各月之和，空白的月份不计；目标和实际各自累计，累计达成率 = "
        "累计实际 ÷ 累计目标（同“达成率”）。",
        definition_en="Year to date = the sum of the plan year's months from January to this month, a blank month "
        "adding nothing; the target and the actual each, and the year-to-date attainment = year-to-date actual ÷ "
        "year-to-date target (as Attainment).",
        # by hand: 900,000 + 1,150,000 + 1,050,000 = 3,100,000 (column of the months; the core returns each month's)
        example=Example(
            ([900_000, 1_150_000, 1_050_000],),
            ("C$8", "C10"),
            "1–3 月实际 900,000、1,150,000、1,050,000：3 月累计 3,100,000（1 月 900,000，2 月 2,050,000）；"
            "累计目标 3,000,000，累计达成率 103.3 %。",
            "January to March actuals 900,000, 1,150,000, 1,050,000: 3,100,000 to March (900,000 in January, "
            "2,050,000 to February); against 3,000,000 targeted, 103.3 % year to date.",
        ),
    ),
    Indicator(
        "below_target",
        None,
        "未达标",
        "Below target",
        "达成率低于 100 % 时提示“未达标”",
        'flags "Below target" where attainment is under 100 %',
        "§2.13",
        monthly.below_target,
        (Arg("rate", "达成率", "the attainment"), LANG),
        excel=X.below_target,
        definition_zh="达成率低于 100 % 时显示“未达标”，否则空白；达成率空白（没有目标或实际）时空白。每月经营分析会逐一过未达标的客户。",
        definition_en='"Below target" where attainment is under 100 %, otherwise blank; blank while attainment is '
        "(no target or no actual). The monthly review goes through every account below target.",
        # by hand: 900,000 / 1,000,000 = 0.9 < 1
        example=Example(
            (0.9, "zh"),
            ("E8", "zh"),
            "1 月达成率 90 %：未达标。",
            "January's attainment 90 %: below target.",
        ),
    ),
    Indicator(
        "headroom",
        None,
        "增长空间",
        "Wallet headroom",
        "客户在该产品线的总采购额 − 我方销售额",
        "the account's total spend on the product line − our sales of it",
        "§2.13",
        monthly.headroom_shown,
        (
            Arg("total_spend", "客户该产品线总采购额", "the account's total spend on the line"),
            Arg("our_sales", "我方该产品线销售额", "our sales of the line"),
            LANG,
        ),
        excel=X.headroom,
        definition_zh="增长空间（生意增长机会分析，种子 003）= 客户在该产品线的总采购额 − 我方销售额，即钱包中尚未属于我们的部分。"
        "任一空白时空白。总采购额包含我方销售额，我方销售额更大是输入错误：生成工作簿时拒绝并指明单元格，工作表中显示"
        "“⚠ 总采购额小于我方销售额”。",
        definition_en="Wallet headroom (growth-opportunity analysis, seed 003) = the account's total spend on the "
        "product line − our sales of it: the part of the wallet not yet ours. Blank while either is blank. The "
        "total spend includes our sales, so ours above it is an input error: refused when a workbook is generated, "
        'naming the cell, and shown as "⚠ Total spend below our sales" on the sheet.',
        # by hand: 8,000,000 − 2,600,000 = 5,400,000
        example=Example(
            (8_000_000, 2_600_000, "zh"),
            ("C53", "D53", "zh"),
            "变压器产品线：客户总采购 8,000,000，我方 2,600,000，增长空间 5,400,000。",
            "Transformers: the account buys 8,000,000, 2,600,000 of it from us: headroom 5,400,000.",
        ),
    ),
    Indicator(
        "steps_done",
        None,
        "完成度",
        "% done",
        "生意提升 5 步骤中已完成（是）的比例",
        "the share of the five growth steps marked done (Yes)",
        "§2.13",
        monthly.steps_done,
        (Arg("marks", "各步骤是否完成（是/否）", "each step done or not (Yes/No)"), LANG),
        excel=X.steps_done,
        definition_zh="生意提升 5 步骤（大客户分类 → 生意增长机会分析 → 联合生意计划制定 → 计划执行与达标 → 全国复制；"
        "即 选客户、找机会、定计划、抓执行、盯产出）中标记“是”的步骤数 ÷ 步骤数；空白或“否”算未完成。",
        definition_en="Of seed 003's five growth steps (classify the key accounts → analyse the growth "
        "opportunities → draw up the joint business plan → execute and reach the targets → replicate "
        "nationwide; pick, find, plan, drive, watch), those marked Yes ÷ the steps; blank or No is not done.",
        # by hand: 2 of 5 = 0.4
        example=Example(
            (["是", "是", "否", None, None], "zh"),
            ("$E$62:$E$66", "zh"),
            "前两步已完成，第三步未完成，后两步未填：2 ÷ 5 = 40 %。",
            "The first two steps done, the third not, the last two blank: 2 ÷ 5 = 40 %.",
        ),
    ),
)
