"""Every text the account plan shows, in Chinese and English: sheet names, captions, the default resources by tier."""

from __future__ import annotations

from kam_xl.workbooks.labels import Text

__all__ = ["GROUPS", "GUIDES", "KIND", "LABELS", "RESOURCES", "SHEETS"]

KIND: Text = ("大客户战略管理计划", "Key-account strategic plan")

SHEETS: dict[str, Text] = {
    "overview": ("概览", "Overview"),
    "scorecard": ("评分", "Scorecard"),
    "buying": ("采购组织", "Buying centre"),
    "diagnosis": ("诊断", "Diagnosis"),
    "needs": ("需求与价值", "Needs and value"),
    "barriers": ("壁垒", "Barriers"),
    "actions": ("行动计划", "Action plan"),
    "resources": ("资源匹配", "Resources"),
    "monthly": ("月度经营", "Monthly plan"),
}

LABELS: dict[str, Text] = {
    "basic": ("基本信息", "Basic information"),
    "industry": ("行业", "Industry"),
    "period": ("计划期间", "Plan period"),
    "goals": ("目标与策略", "Goals and strategy"),
    "sales_target": ("年度销售目标", "Annual sales target"),
    "share_target": ("钱包份额目标", "Share-of-wallet target"),
    "goal": ("战略目标", "Strategic goal"),
    "relationship_strategy": ("关系策略", "Relationship strategy"),
    "cooperation": ("战略合作", "Strategic cooperation"),
    "summary": ("摘要（公式）", "Summary (formulas)"),
    "share_gap": ("钱包份额 − 目标", "Share of wallet − target"),
    "criterion": ("评分项", "Criterion"),
    "group": ("类别", "Group"),
    "weight": ("权重", "Weight"),
    "direction": ("方向", "Direction"),
    "score_input": ("评分", "Score"),
    "contribution": ("贡献", "Contribution"),
    "scale_min": ("评分下限", "Scale minimum"),
    "scale": ("评分上限", "Scale maximum"),
    "seq": ("序号", "No."),
    "name": ("姓名", "Name"),
    "title": ("职务", "Title"),
    "level": ("层级", "Level"),
    "role": ("角色", "Role"),
    "stance": ("立场", "Stance"),
    "influence": ("影响力(1-5)", "Influence (1–5)"),
    "disc": ("DISC", "DISC"),
    "trust": ("信任(0-2)", "Trust (0–2)"),
    "interest": ("利益(0-2)", "Interest (0–2)"),
    "emotion": ("情感(0-2)", "Emotion (0–2)"),
    "relationship": ("关系分(0-6)", "Relationship (0–6)"),
    "stance_value": ("立场值", "Stance value"),
    "threshold": ("关系达标阈值", "Relationship threshold"),
    "swot": ("SWOT 分析", "SWOT analysis"),
    "strengths": ("优势 S", "Strengths"),
    "weaknesses": ("劣势 W", "Weaknesses"),
    "opportunities": ("机会 O", "Opportunities"),
    "threats": ("威胁 T", "Threats"),
    "relation": ("客户关系", "Relationship"),
    "stage": ("关系发展阶段", "Relationship stage"),
    "type": ("关系类型", "Relationship type"),
    "wallet": ("钱包份额", "Share of wallet"),
    "our_sales": ("我方销售额（近12个月）", "Our sales (trailing 12 months)"),
    "total_spend": ("客户同类总采购额", "Account's total category spend"),
    "orders": ("订单结构", "Order structure"),
    "product_line": ("产品线", "Product line"),
    "sales": ("销售额", "Sales"),
    "share": ("占比", "Share"),
    "satisfaction": ("客户满意度", "Customer satisfaction"),
    "dimension": ("维度", "Dimension"),
    "perceived": ("实际感受(1-10)", "Perceived (1–10)"),
    "expected": ("期望感受(1-10)", "Expected (1–10)"),
    "gap": ("差距", "Gap"),
    "needs": ("客户需求（冰山模型）", "Customer needs (iceberg)"),
    "need_kind": ("需求类型", "Kind"),
    "need": ("需求", "Need"),
    "expectation": ("期望", "Expectation"),
    "status_quo": ("现状", "Status quo"),
    "fabe": ("价值主张（FABE）", "Value proposition (FABE)"),
    "feature": ("特征 F", "Feature"),
    "advantage": ("优势 A", "Advantage"),
    "benefit": ("利益 B", "Benefit"),
    "evidence": ("证据 E", "Evidence"),
    "wall_head": ("围墙准则", "Wall criteria"),
    "max": ("满分", "Maximum"),
    "guide": ("评分说明", "Scoring guide"),
    "components": ("竞争壁垒与转换成本", "Competitor barriers and switching cost"),
    "technical": ("技术壁垒", "Technical barrier"),
    "commercial": ("商务壁垒", "Commercial barrier"),
    "procedural": ("程序性转换成本", "Procedural switching cost"),
    "financial": ("财务性转换成本", "Financial switching cost"),
    "relational": ("关系性转换成本", "Relational switching cost"),
    "action": ("行动", "Action"),
    "phase": ("PDCA 阶段", "PDCA phase"),
    "start": ("开始日期", "Start"),
    "due": ("截止日期", "Due"),
    "budget": ("预算", "Budget"),
    "spent": ("已花费", "Spent"),
    "status": ("状态", "Status"),
    "overdue_col": ("逾期", "Overdue"),
    "n_actions": ("行动数", "Actions"),
    "n_done": ("已完成", "Done"),
    "n_cancelled": ("已取消", "Cancelled"),
    "pct_done": ("完成率", "% done"),
    "n_overdue": ("逾期行动", "Overdue actions"),
    "budget_total": ("预算合计", "Budget planned"),
    "spent_total": ("已花费合计", "Budget spent"),
    "budget_used": ("预算使用率", "Budget used"),
    "this_tier": ("本客户等级", "This account's tier"),
    "sponsor": ("高层赞助人", "Executive sponsor"),
    "service": ("服务级别", "Service level"),
    "visits": ("拜访频率", "Visit frequency"),
    "team": ("客户团队", "Account team"),
    "match": ("本客户", "This account"),
    "matched": ("本客户匹配的资源", "Resources for this account"),
    "match_mark": ("◀ 本客户", "◀ this account"),
    "model_name": ("模型名称", "Model name"),
    "need_counts": ("各类需求数", "Needs by kind"),
    "overdue_hint": ("逾期 = 截止日期早于概览中的统计基准日且未完成、未取消", "Overdue = due before the overview's as-of date, not done, not cancelled"),
    # wall-criteria scoring guide (docs/definitions.md §2.5), by criterion code
    "guide_specified": ("0 未列入/未认可；1 多家认可之一；2 唯一或首选指定供应商", "0 not specified; 1 one of several approved; 2 sole or preferred"),
    # share and contact are computed (barriers.COMPUTED_WALL): their guide is written from the model's thresholds
    "override": ("覆盖输入（空白=计算）", "Override (blank = computed)"),
    "override_hint": ("份额、接触两项由诊断的钱包份额与采购组织的层级覆盖率计算（阈值见模型表）；在 D 列填写评分可改用输入值",
                      "Share and contact are computed from the diagnosis' share of wallet and the buying centre's level coverage (thresholds on the Model sheet); a score typed in column D is used instead"),
    "guide_personal": ("0 仅正式关系；1 友好；2 与决策者互信", "0 formal only; 1 friendly; 2 close trust with a decision maker"),
}  # fmt: skip

# The default model's scorecard groups, by the model's group key: a catalogue of its own, so that a group
# never takes the label of a caption that happens to share its key ("relationship" is both a group and the
# contact's 0–6 relationship column). The scale belongs to the criteria, not to the group: no scale here.
GROUPS: dict[str, Text] = {
    "market_perception": ("市场认知", "Market perception"),
    "value_to_us": ("对我方的价值", "Value to us"),
    "relationship": ("客户关系", "Relationship"),
    "corporate_alignment": ("企业匹配", "Corporate alignment"),
}

# The scoring guide beside each criterion of the scorecard sheet, by criterion code: what the lowest, the middle
# and the top score mean (seed 002's selection criteria: "low 1 – high 10"). The sheet puts the card's own
# numbers before them (1, 5, 10 on a 1–10 card), so a card on another scale still reads right; a criterion of
# a team's own shows no guide rather than a wrong one. Kept here, as the wall criteria's guides are, not in the
# model: a guide changes no figure, so it stays out of the model's content hash and off the Model sheet.
GUIDES: dict[str, tuple[Text, Text, Text]] = {
    "market_leader": (("区域小厂", "small regional player"), ("行业前五", "top five in its industry"), ("行业第一", "industry number one")),
    "technical_leader": (("技术跟随，无自主研发", "follower, no own R&D"), ("有自主技术，行业中上", "own technology, above average"), ("行业技术标杆", "sets the industry's technical standard")),
    "market_reputation": (("口碑差或有纠纷", "poor name or disputes"), ("口碑一般", "an ordinary name"), ("行业公认，口碑极佳", "widely respected")),
    "new_market_potential": (("无新业务", "no new business"), ("新业务在规划中", "new business being planned"), ("正开拓新市场，可做试点", "opening a new market we can pilot in")),
    "platform_potential": (("只买单一产品", "buys one product"), ("可带动几条产品线", "opens a few product lines"), ("可成为全系列平台", "a platform for our whole range")),
    "values_innovation": (("只比价格", "buys on price only"), ("愿意听方案", "open to solutions"), ("为增值方案付溢价", "pays for added value")),
    "competitor_effect": (("对手不在意", "rivals will not notice"), ("夺对手部分份额", "takes some share from a rival"), ("夺下对手的标杆客户", "wins a rival's flagship account")),
    "brand_value": (("不愿公开合作", "will not be named"), ("可作一般案例", "usable as a case"), ("知名品牌，可作标杆", "a famous name, a reference")),
    "upgrades_performance": (("金额小、利润薄", "small, thin margin"), ("达到重点客户规模", "key-account size"), ("显著拉动销售与利润", "lifts our sales and profit markedly")),
    "cultural_fit": (("理念冲突", "values clash"), ("可以合作", "workable"), ("理念高度一致", "values closely aligned")),
    "long_term_partnership": (("只做一次性采购", "one-off purchases"), ("年度框架合作", "a yearly framework"), ("愿结为战略伙伴", "wants a strategic partnership")),
    "executive_relationships": (("无高层接触", "no executive contact"), ("认识高层，偶有往来", "know executives, meet now and then"), ("与决策高层互信", "mutual trust with the decision makers")),
    "strategic_fit": (("与我方战略无关", "outside our strategy"), ("部分契合", "fits in part"), ("正是目标行业和客户", "exactly our target industry and account")),
    "funding_credit": (("经常拖欠", "often pays late"), ("偶有逾期", "sometimes late"), ("资金充足，按时付款", "well funded, pays on time")),
    "purchase_volume": (("年采购很少", "very small annual spend"), ("中等规模", "medium spend"), ("行业采购量前列", "among its industry's largest buyers")),
    "growth": (("业务萎缩", "shrinking"), ("与行业同步", "grows with its industry"), ("高速增长", "growing fast")),
    "process_fit": (("流程难以对接", "processes hard to align"), ("调整后可对接", "workable after changes"), ("流程顺畅对接", "processes align smoothly")),
    "geographic_fit": (("在我方覆盖之外", "outside our coverage"), ("部分在我方区域", "partly in our regions"), ("全在我方服务网络内", "all within our service network")),
}  # fmt: skip

# Recommended resources for each tier, top tier first (docs/definitions.md §2.4: the top accounts get most resources).
RESOURCES: tuple[tuple[Text, Text, Text, Text], ...] = (
    (("总经理/副总裁", "CEO / VP"), ("专属服务团队，7×24 小时响应", "Dedicated team, 24/7 response"),
     ("每周", "Weekly"), ("跨部门客户团队（销售、技术、服务、财务）", "Cross-functional team (sales, technical, service, finance)")),
    (("销售总监", "Sales director"), ("优先服务，24 小时内响应", "Priority service, response within 24 h"),
     ("每两周", "Every two weeks"), ("大客户经理 + 技术支持", "Key-account manager + technical support")),
    (("区域经理", "Regional manager"), ("标准服务，48 小时内响应", "Standard service, response within 48 h"),
     ("每月", "Monthly"), ("客户经理", "Account manager")),
    (("无", "None"), ("线上/电话支持", "Online / phone support"), ("每季度", "Quarterly"), ("内勤销售", "Inside sales")),
)  # fmt: skip
