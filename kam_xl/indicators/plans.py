"""An account plan's own figures: criterion contributions, the joint business plan's actions and roll-ups,
resources by tier — docs/definitions.md §2.1, §2.12."""

from __future__ import annotations

from datetime import date

from kam_xl.core import plans, scorecard
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.xlformulas import plans as X

__all__ = ["ENTRIES"]

_STATUSES = Arg(
    "statuses",
    "各行动状态（未开始/进行中/已完成/已取消）",
    "each action's status (not started/in progress/done/cancelled)",
)
_ACTIONS = Arg("actions", "各行动名称", "each action's name")
_DUE = Arg("due", "各行动截止日期", "each action's due date")
_AS_OF = Arg("as_of", "统计基准日", "the as-of date")
_TIER = Arg("tier", "本客户等级", "this account's tier")
_ROW_TIERS = Arg("row_tiers", "资源表各行的等级", "the tier of each row of the resource table")

# The joint business plan of definitions §2.12, as of 2024-06-30 (an account plan's action sheet: rows 8–12,
# action B, due F, budget G, spent H, status I, overdue flag J; the as-of date on the overview, B8).
_ACTION_NAMES = ["技术交流会", "高层拜访", "样机试用", "联合培训", "年度框架谈判"]
_PLAN_DUE = [date(2024, 5, 1), date(2024, 5, 15), date(2024, 6, 1), date(2024, 6, 10), date(2024, 7, 31)]
_PLAN_STATUS = ["已完成", "已完成", "进行中", "已取消", "未开始"]
_PLAN_AS_OF = date(2024, 6, 30)
_PLAN_AS_OF_CELL = "概览!$B$8"
# The resource sheet's tiers (rows 7–10) and their visit frequency (column D).
_TIERS = ["战略客户", "重点客户", "成长客户", "一般客户"]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "contribution",
        None,
        "贡献",
        "Contribution",
        "评分项对原始总分的贡献 = 权重 × 方向 × 评分",
        "a criterion's contribution to the raw score = weight × direction × score",
        "§2.1",
        scorecard.contribution,
        (
            Arg("scores", "评分（0–评分上限）", "score (0 to the scale maximum)"),
            Arg("weights", "权重（> 0）", "weight (> 0)"),
            Arg("directions", "方向（+1 或 −1）", "direction (+1 or −1)"),
        ),
        excel=X.contribution,
        definition_zh="一个评分项对原始得分的贡献 = 权重 × 方向 × 评分（定义 §2.1），各项贡献之和就是原始得分；"
        "负向项的贡献为负。评分空白时结果空白；评分须 ≥ 0，权重 > 0，方向为 +1 或 −1。以文本粘贴的评分（“8”）照常计入；"
        "非数字的文本或负的评分显示空白，而不是 #VALUE!。",
        definition_en="A criterion's contribution to the raw score = weight × direction × score (definitions §2.1); "
        "the contributions add up to the raw score, and a −1 criterion's is negative. A blank score gives a "
        'blank; scores are ≥ 0, weights > 0, directions +1 or −1. A score pasted as text ("8") counts; text that '
        "is no number or a negative score shows blank, not #VALUE!.",
        # by hand: 9, 7, 7, then 1 × (−1) × 3 = −3 twice, 9, 7, 9; the sum is the raw score 42
        example=Example(
            ([9, 7, 7, 3, 3, 9, 7, 9], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, -1, -1, 1, 1, 1]),
            ("D8", "E8", "F8"),
            "IMSC 行业评分卡上的政府行业：竞争程度和实施难易程度各贡献 −3，合计即原始得分 42。公式的参数顺序是 权重、方向、评分。",
            "The government industry on the IMSC industry card: competition and implementation difficulty add −3 "
            "each, and the contributions sum to the raw score 42. The formula takes weight, direction, score, in "
            "that order.",
        ),
    ),
    Indicator(
        "overdue",
        None,
        "逾期",
        "Overdue",
        "行动是否逾期：截止日期早于统计基准日，且未完成、未取消",
        "whether an action is overdue: due before the as-of date, neither done nor cancelled",
        "§2.12",
        plans.overdue,
        (_ACTIONS, _DUE, _STATUSES, _AS_OF, LANG),
        excel=X.overdue,
        definition_zh="行动已逾期：有行动名称、截止日期早于统计基准日、状态既不是已完成也不是已取消，显示“逾期”，否则空白。"
        "统计基准日空白时没有行动逾期；状态空白的行动算未完成。",
        definition_en="An action is overdue — it shows 逾期 / Overdue, otherwise blank — when it is named, its due "
        "date is before the as-of date and it is neither done nor cancelled. With a blank as-of date no action is "
        "overdue; a blank status counts as not done.",
        # by hand, as of 2024-06-30: the trial unit (due 06-01, in progress) only; the joint training (06-10) is
        # cancelled, the frame-contract talks are due 07-31
        example=Example(
            (_ACTION_NAMES, _PLAN_DUE, _PLAN_STATUS, _PLAN_AS_OF),
            ("B10", "F10", "I10", _PLAN_AS_OF_CELL, "zh"),
            "定义 §2.12 的五项行动，截至 2024-06-30：只有样机试用（6 月 1 日到期，仍在进行）逾期；联合培训已取消，"
            "框架谈判 7 月 31 日才到期。公式是样机试用那一行的。",
            "The five actions of definitions §2.12 as of 2024-06-30: only the trial unit (due 1 June, still in "
            "progress) is overdue; the joint training is cancelled and the frame-contract talks are due 31 July. "
            "The formula is the trial unit's row.",
        ),
    ),
    Indicator(
        "over_budget",
        None,
        "超预算",
        "Over budget",
        "行动是否超预算：已花费高于预算",
        "whether an action is over budget: more spent than budgeted",
        "§2.12",
        plans.over_budget,
        (
            Arg("budget", "各行动预算", "each action's budget"),
            Arg("spent", "各行动已花费", "each action's amount spent"),
            LANG,
        ),
        excel=X.over_budget,
        definition_zh="已花费高于预算的行动显示“超预算”，否则空白。预算或已花费空白（或不是数）时不比较，结果空白：没有预算就谈不上超出。",
        definition_en="An action that has spent more than its budget shows 超预算 / Over budget, otherwise blank. A blank "
        "(or non-numeric) budget or amount spent is not compared and gives a blank: nothing is over a budget not yet set.",
        # by hand: 18,000 ≤ 20,000 → blank; 32,000 > 30,000 → 超预算; 0 ≤ 40,000, 10,000, 20,000 → blank
        example=Example(
            ([20000, 30000, 40000, 10000, 20000], [18000, 32000, 0, 0, 0]),
            ("G9", "H9", "zh"),
            "定义 §2.12 的五项行动，假如高层拜访花了 32,000（预算 30,000）：只有它超预算；技术交流会花 18,000，未超出 20,000。"
            "公式是高层拜访那一行的。",
            "The five actions of definitions §2.12 had the executive visit cost 32,000 (budget 30,000): only it is "
            "over budget; the seminar spent 18,000 of 20,000. The formula is the executive visit's row.",
        ),
    ),
    Indicator(
        "n_actions",
        None,
        "行动数",
        "Actions",
        "计划中已填写名称的行动数",
        "how many actions the plan names",
        "§2.12",
        plans.action_count,
        (_ACTIONS,),
        excel=X.n_actions,
        definition_zh="行动计划中已填写名称的行动数（同 COUNTA）；名称空白的备用行不计。",
        definition_en="How many actions the plan names (as COUNTA); spare rows without a name do not count.",
        # by hand: five names and one spare row
        example=Example(
            ([*_ACTION_NAMES, None],),
            ("$B$8:$B$13",),
            "五项行动加一个空行：5。",
            "Five actions and a spare row: 5.",
        ),
    ),
    Indicator(
        "n_done",
        None,
        "已完成",
        "Done",
        "状态为“已完成”的行动数",
        "how many actions are done",
        "§2.12",
        plans.done_count,
        (_STATUSES,),
        excel=X.n_done,
        definition_zh="状态为“已完成”的行动数（状态写代码、中文或英文均可，不分大小写）。",
        definition_en="How many actions have the status done (given as its code, Chinese or English text, any case).",
        # by hand: 技术交流会 and 高层拜访 are done
        example=Example(
            (_PLAN_STATUS,),
            ("$I$8:$I$12", "zh"),
            "技术交流会和高层拜访已完成：2。",
            "The technical seminar and the executive visit are done: 2.",
        ),
    ),
    Indicator(
        "n_cancelled",
        None,
        "已取消",
        "Cancelled",
        "状态为“已取消”的行动数",
        "how many actions are cancelled",
        "§2.12",
        plans.cancelled_count,
        (_STATUSES,),
        excel=X.n_cancelled,
        definition_zh="状态为“已取消”的行动数；取消的行动不再计入完成率的分母。",
        definition_en="How many actions are cancelled; a cancelled action leaves the base of % done.",
        # by hand: 联合培训 is cancelled
        example=Example(
            (_PLAN_STATUS,),
            ("$I$8:$I$12", "zh"),
            "联合培训已取消：1。",
            "The joint training is cancelled: 1.",
        ),
    ),
    Indicator(
        "pct_done",
        None,
        "完成率",
        "% done",
        "完成率 = 已完成 / (行动数 − 已取消)",
        "% done = done / (actions − cancelled)",
        "§2.12",
        plans.pct_done,
        (
            Arg("actions", "行动数", "number of actions"),
            Arg("done", "已完成数", "number done"),
            Arg("cancelled", "已取消数", "number cancelled"),
        ),
        excel=X.pct_done,
        definition_zh="完成率 = 已完成 ÷ (行动数 − 已取消)：取消的行动离开计划。没有剩下的行动时结果空白。",
        definition_en="% done = done ÷ (actions − cancelled): a cancelled action leaves the plan. While no action "
        "is left the result is blank.",
        # by hand: 2 / (5 − 1) = 0.5
        example=Example(
            (5, 2, 1),
            ("C5", "D5", "E5"),
            "5 项行动、2 项完成、1 项取消：2 / (5 − 1) = 50 %。",
            "Five actions, two done, one cancelled: 2 / (5 − 1) = 50 %.",
        ),
    ),
    Indicator(
        "n_overdue",
        None,
        "逾期行动",
        "Overdue actions",
        "逾期行动数：截止日期早于统计基准日，且未完成、未取消",
        "how many actions are overdue: due before the as-of date, neither done nor cancelled",
        "§2.12",
        plans.overdue_count,
        (_ACTIONS, _DUE, _STATUSES, _AS_OF),
        excel=X.n_overdue,
        definition_zh="逾期的行动数（逾期的规则见“逾期”）。工作簿公式数各行的逾期标记。",
        definition_en="How many actions are overdue (by the rule of the overdue flag). The workbook formula counts "
        "the rows' overdue flags.",
        # by hand: the trial unit only (see overdue)
        example=Example(
            (_ACTION_NAMES, _PLAN_DUE, _PLAN_STATUS, _PLAN_AS_OF),
            ("$J$8:$J$12", "zh"),
            "同上五项行动，截至 2024-06-30：1 项逾期。",
            "The same five actions as of 2024-06-30: one is overdue.",
        ),
    ),
    Indicator(
        "budget_total",
        None,
        "预算合计",
        "Budget planned",
        "各行动预算之和",
        "the actions' budgets summed",
        "§2.12",
        plans.budget_planned,
        (Arg("budget", "各行动预算", "each action's budget"),),
        excel=X.budget_total,
        definition_zh="各行动预算之和，同 SUM：空白或文字不计。",
        definition_en="The actions' budgets summed, as SUM: blank or text cells add nothing.",
        # by hand: 20,000 + 30,000 + 40,000 + 10,000 + 20,000 = 120,000
        example=Example(
            ([20000, 30000, 40000, 10000, 20000],),
            ("$G$8:$G$12",),
            "五项行动的预算：120,000（取消的联合培训也在内）。",
            "The five actions' budgets: 120,000 (the cancelled joint training included).",
        ),
    ),
    Indicator(
        "spent_total",
        None,
        "已花费合计",
        "Budget spent",
        "各行动已花费之和",
        "what the actions have spent, summed",
        "§2.12",
        plans.budget_spent,
        (Arg("spent", "各行动已花费", "what each action has spent"),),
        excel=X.spent_total,
        definition_zh="各行动已花费之和，同 SUM：空白或文字不计。",
        definition_en="What the actions have spent, summed as SUM: blank or text cells add nothing.",
        # by hand: 18,000 + 12,000 = 30,000; the blank adds nothing
        example=Example(
            ([18000, 12000, 0, 0, None],),
            ("$H$8:$H$12",),
            "技术交流会 18,000、高层拜访 12,000，其余为 0 或空白：30,000。",
            "The seminar 18,000 and the executive visit 12,000, the rest 0 or blank: 30,000.",
        ),
    ),
    Indicator(
        "budget_used",
        None,
        "预算使用率",
        "Budget used",
        "预算使用率 = 已花费合计 / 预算合计",
        "budget used = spent / planned",
        "§2.12",
        plans.budget_used,
        (Arg("planned", "预算合计", "budget planned"), Arg("spent", "已花费合计", "budget spent")),
        excel=X.budget_used,
        definition_zh="预算使用率 = 已花费合计 ÷ 预算合计；预算合计为 0 时结果空白。",
        definition_en="Budget used = spent ÷ planned; while nothing is planned the result is blank.",
        # by hand: 30,000 / 120,000 = 0.25
        example=Example(
            (120000, 30000),
            ("G5", "H5"),
            "30,000 / 120,000 = 25 %。",
            "30,000 / 120,000 = 25 %.",
        ),
    ),
    Indicator(
        "tier_mark",
        None,
        "本客户标记",
        "This account's row",
        "资源表中与本客户等级相同的一行标记为“◀ 本客户”",
        "marks the row of the resource table whose tier is this account's",
        "§2.4, §2.12",
        plans.tier_mark,
        (_ROW_TIERS, _TIER, LANG),
        excel=X.tier_mark,
        definition_zh="资源表中等级与本客户等级相同的一行显示“◀ 本客户”，其他行空白（文字比较同“计数”：整段相同、不分大小写）；"
        "本客户等级空白时各行都空白。",
        definition_en="The resource table's row whose tier is this account's shows \"◀ this account\", the others "
        "blank (compared as the count compares: the whole text, any case); with a blank tier every row is blank.",
        # by hand: 重点客户 is the second row
        example=Example(
            (_TIERS, "重点客户"),
            ("A8", "$B$4", "zh"),
            "本客户是重点客户：资源表第二行做标记。公式是那一行的。",
            "The account is Key: the table's second row is marked. The formula is that row's.",
        ),
    ),
    Indicator(
        "resource_match",
        None,
        "匹配的资源",
        "Matched resource",
        "按本客户等级查出资源表中对应行的资源（高层赞助人、服务级别、拜访频率、客户团队）",
        "the resource on this account's tier's row (sponsor, service level, visits, team)",
        "§2.4, §2.12",
        plans.resource_match,
        (_TIER, _ROW_TIERS, Arg("resources", "资源表的一列", "a column of the resource table")),
        excel=X.resource_match,
        definition_zh="按本客户等级在资源表中找到对应的一行，取该行的资源（高层赞助人、服务级别、拜访频率或客户团队）；"
        "资源空白时结果空白，等级空白时结果空白；资源表中没有这个等级是错误。",
        definition_en="The resource on the resource table's row for this account's tier (executive sponsor, service "
        "level, visit frequency or account team); a blank resource or a blank tier gives a blank; a tier the "
        "table does not have is an error.",
        # by hand: 重点客户 is the second row; its visit frequency is 每两周
        example=Example(
            ("重点客户", _TIERS, ["每周", "每两周", "每月", "每季度"]),
            ("$B$4", "$A$7:$A$10", "D7:D10"),
            "重点客户的拜访频率：每两周。",
            "A Key account's visit frequency: 每两周 (every two weeks).",
        ),
    ),
)
