"""A sample account plan (大客户战略管理计划) for an account of the sample portfolio."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import numpy as np

from kam_xl.core import scorecard
from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_AS_OF
from kam_xl.workbooks.account_plan import (
    AccountPlan,
    Action,
    Contact,
    Need,
    ProductLine,
    Swot,
    ValueProposition,
)

__all__ = ["account_plan"]


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
_GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "华", "平",
          "刚", "建国", "志强", "海燕", "国栋", "晓东", "文博", "雪梅", "立新", "振华", "春生", "丽娟", "卫东")  # fmt: skip
_TITLES = {
    "decision": ("总经理", "副总经理", "分管采购副总", "总工程师"),
    "management": ("采购总监", "技术总监", "生产部经理", "设备部经理", "质量部经理", "财务经理"),
    "operating": ("采购专员", "设备工程师", "工艺工程师", "质量工程师", "仓库主管", "维修班长"),
}
_LINES = {
    "电气设备": ("低压开关柜", "变频器", "电力变压器", "备品备件与服务"),
    "仪器仪表": ("压力变送器", "流量计", "分析仪表", "校准服务"),
    "机械制造": ("数控机床", "减速机", "液压系统", "维保服务"),
    "建材": ("水泥添加剂", "耐火材料", "保温材料", "技术服务"),
    "钢铁": ("热轧卷板", "冷轧薄板", "镀锌板", "加工配送"),
    "汽车零部件": ("制动系统", "转向部件", "密封件", "模具开发"),
}
_ACTIONS = (
    "高层互访：邀请客户总经理参观我司工厂", "联合技术研讨会：新一代产品选型", "年度框架协议续签谈判",
    "寄售库存方案试点", "售后服务响应 SLA 评审", "质量问题 8D 整改回顾", "新产品样品试用与验证",
    "供应商年度评审准备", "为客户设备人员开展维护培训", "应收账款对账与回款计划", "联合降本项目立项",
    "竞争对手动态与价格监测", "客户满意度回访", "技术协议与图纸确认",
)  # fmt: skip
_NEEDS = {
    "explicit": (("交货周期缩短", "≤ 14 天", "平均 21 天"), ("降低采购单价", "年降 3%", "与去年持平"),
                 ("提高一次交检合格率", "≥ 99.5%", "98.7%")),
    "implicit": (("减少设备故障停机", "年停机 < 20 小时", "年停机约 60 小时"),
                 ("简化采购与对账流程", "电子化对账", "手工对账")),
    "deep": (("采购负责人希望以降本项目争取晋升", "降本成果可量化", "缺少可展示的成果"),
             ("企业希望打造行业智能工厂标杆", "成为示范工厂", "数字化水平一般")),
}  # fmt: skip
_FABE = (
    ("模块化设计，现场快速更换", "停机时间短", "每年减少停机损失约 40 万元", "同行业三家客户的运行记录"),
    ("本地服务网点 2 小时到场", "响应快", "保障连续生产", "服务合同 SLA 条款与历史到场记录"),
    ("全生命周期能耗优化", "运行成本低", "年节电约 8%", "第三方能效检测报告"),
    ("寄售库存与 VMI", "客户零库存", "释放流动资金", None),
)  # fmt: skip
_SWOT = (
    "产品质量稳定，本地服务响应快，已进入合格供应商名录",
    "价格高于竞争对手约 5%，高层关系较弱",
    "客户新建产线扩产，智能化改造预算增加",
    "竞争对手低价进入，客户推行集中采购与年度降价",
)


def _name(rng: np.random.Generator) -> str:
    return str(rng.choice(list(_SURNAMES))) + str(rng.choice(list(_GIVEN)))


def _get(row: Mapping[str, Any], key: str) -> float | None:
    v = row.get(key)
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def _sample_contacts(rng: np.random.Generator, model: Model, covered: int, personal: float) -> list[Contact]:
    """Contacts on every level, with a relationship ≥ 2 on the top ``covered`` levels (the wall
    "contact" criterion), and a decision maker as close as the "personal" criterion says."""
    bc = model.buying_centre
    levels = [x.code for x in bc.levels]
    roles = [x.code for x in bc.roles]
    others = [c for c in roles if c not in ("decision_maker", "coach")] or roles
    n = int(rng.integers(4, 9))
    out = []
    for i in range(n):
        k = i if i < len(levels) else int(rng.integers(len(levels)))
        strong = k < covered
        trust = float(rng.integers(1, 3)) if strong else float(rng.integers(0, 2))
        interest = float(rng.integers(1, 3)) if strong else 0.0
        emotion = float(rng.integers(0, 3)) if strong else 0.0
        if i == 0:  # the decision maker: personal 0 formal, 1 friendly, 2 close trust
            role, trust, emotion = "decision_maker", max(1.0, personal), personal
            stance = "supporter" if personal >= 1 else str(rng.choice(["neutral", "opponent"]))
        else:
            role = "coach" if i == n - 1 and rng.random() < 0.8 else str(rng.choice(others))
            stance = str(rng.choice(["supporter", "neutral", "opponent"], p=[0.55, 0.3, 0.15]))
        titles = _TITLES.get(levels[k], _TITLES["management"])
        out.append(
            Contact(
                name=_name(rng),
                title=None if rng.random() < 0.1 else str(rng.choice(titles)),
                level=levels[k],
                role=role if role in roles else None,
                stance=stance,
                influence=float(bc.influence_max if i == 0 else rng.integers(2, 5)),
                disc=None if rng.random() < 0.2 else str(rng.choice(list("DISC"))),
                trust=trust,
                interest=interest,
                emotion=emotion,
            )
        )
    return out


def account_plan(
    account: str,
    seed: int,
    *,
    model: Model | None = None,
    row: Mapping[str, Any] | None = None,
    as_of: date | None = None,
) -> AccountPlan:
    """A realistic, reproducible plan for ``account`` (Chinese names, industrial B2B).

    ``row`` is the account's row of :func:`kam_xl.samples.accounts.sample_portfolio` (a
    pandas Series or a dict keyed by model codes): criterion scores, wall
    criteria, technical / commercial / switching-cost components, revenue and
    industry are taken from it so the plan agrees with the portfolio. Without
    it they are drawn. A few cells are left blank, as in real plans.
    """
    model = model or active_model()
    rng = np.random.default_rng(seed)
    row = dict(row) if row is not None else {}
    as_of = as_of or SAMPLE_AS_OF
    card = model.scorecard()
    quality = float(rng.beta(2.5, 2.0))
    scores = {}
    for c in card.criteria:
        v = _get(row, c.code)
        scores[c.code] = (
            v if v is not None else float(np.clip(round(quality * card.scale + rng.normal(0, 1.5)), 0, card.scale))
        )
    bar = model.barrier
    wall = {}
    for w in bar.wall_criteria:
        v = _get(row, w.code)
        wall[w.code] = v if v is not None else float(np.clip(round(quality * w.max + rng.normal(0, 0.5)), 0, w.max))
    comp = {}
    for key in ("technical", "commercial", "procedural", "financial", "relational"):
        v = _get(row, key)
        comp[key] = (
            v
            if v is not None
            else float(np.clip(round(quality * bar.component_scale + rng.normal(0, 1)), 0, bar.component_scale))
        )
    industry = str(row.get("industry") or list(_LINES)[int(rng.integers(len(_LINES)))])
    revenue = _get(row, "revenue") or float(round(rng.lognormal(15.5 + quality, 0.5), -3))
    # Share of wallet consistent with the wall "share" criterion (docs/definitions.md §2.5: <30 %, 30–70 %, >70 %).
    band = {0.0: (0.12, 0.28), 1.0: (0.32, 0.68), 2.0: (0.72, 0.90)}.get(wall.get("share", 1.0), (0.3, 0.7))
    share = float(rng.uniform(*band))
    total = float(round(revenue / share, -3))

    contacts = _sample_contacts(rng, model, int(wall.get("contact", 1.0)) + 1, wall.get("personal", 1.0))
    lines = _LINES.get(industry, _LINES["机械制造"])
    weights = rng.dirichlet(np.ones(len(lines)) * 2)
    product_lines = [ProductLine(name, float(round(revenue * w, -2))) for name, w in zip(lines, weights, strict=True)]
    dims = [d.code for d in model.satisfaction.dimensions]
    s = model.satisfaction
    perceived = {d: float(np.clip(round(4 + 5 * quality + rng.normal(0, 1)), s.scale_min, s.scale_max)) for d in dims}
    expected = {d: float(np.clip(round(7 + rng.normal(0, 1)), s.scale_min, s.scale_max)) for d in dims}
    needs = [Need(kind, *item) for kind, items in _NEEDS.items() for item in items if rng.random() < 0.85]
    if needs:
        k = int(rng.integers(len(needs)))
        needs[k] = Need(needs[k].kind, needs[k].need, needs[k].expectation, None)  # a status quo not yet known
    fabe = [ValueProposition(*x) for x in _FABE[: int(rng.integers(2, len(_FABE) + 1))]]
    owners = [_name(rng) for _ in range(3)]
    actions = []
    for k, text in enumerate(rng.choice(_ACTIONS, size=int(rng.integers(5, 10)), replace=False)):
        start = as_of - timedelta(days=int(rng.integers(10, 200)))
        due = start + timedelta(days=int(rng.integers(20, 150)))
        if due < as_of:  # mostly done; a few overdue or dropped
            status = str(rng.choice(["done", "in_progress", "cancelled"], p=[0.75, 0.17, 0.08]))
        else:
            status = str(rng.choice(["in_progress", "not_started"], p=[0.6, 0.4]))
        budget = float(rng.integers(1, 20) * 5000)
        spent = None if status == "not_started" else float(round(budget * rng.uniform(0.3, 1.1), -2))
        actions.append(
            Action(
                str(text),
                owners[k % 3],
                ("plan", "do", "check", "act")[min(3, k // 3)],
                start,
                due,
                budget,
                spent,
                status,
            )
        )
    score = float(scorecard.score(np.array(list(scores.values())), card, model))
    index = int(scorecard.tier_index(score, model))
    tiers = model.tiers
    goal = (
        f"巩固{tiers[0].zh}地位，提升钱包份额，进入客户战略供应商名录"
        if index == 0
        else f"由{tiers[index].zh}提升为{tiers[index - 1].zh}，钱包份额提高 5 个百分点以上"
    )
    stage = ("integrated", "interdependent", "cooperative")[index] if index < 3 else "basic"
    return AccountPlan(
        account=account,
        industry=industry,
        owner=_name(rng),
        as_of=as_of,
        period=f"{as_of.year + 1} 年度",
        sales_target=float(round(revenue * rng.uniform(1.08, 1.25), -4)),
        share_target=float(min(0.95, round(share + rng.uniform(0.05, 0.12), 2))),
        goal=goal,
        relationship_strategy="建立高层互访机制，发展技术部门教练，转化中立的采购负责人",
        cooperation=None if rng.random() < 0.3 else "联合开发新产线配套方案，签订三年框架协议",
        scores=scores,
        contacts=contacts,
        swot=Swot(*_SWOT),
        stage=stage,
        relationship_type=("strategic", "partnership")[index] if index < 2 else "ordinary",
        our_sales=revenue,
        total_spend=total,
        product_lines=product_lines,
        perceived=perceived,
        expected=expected,
        needs=needs,
        value_propositions=fabe,
        wall=wall,
        actions=actions,
        technical=comp["technical"],
        commercial=comp["commercial"],
        procedural=comp["procedural"],
        financial=comp["financial"],
        relational=comp["relational"],
    )
