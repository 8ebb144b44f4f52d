"""A sample account plan (大客户战略管理计划) for an account of the sample portfolio.

The plan is the account's record (:mod:`kam_xl.samples.records`: name, owner, industry,
relationship type, scores, contacts, our sales from its ledger, total spend, wall and barrier
inputs) as :meth:`~kam_xl.jobs.account_record.AccountRecord.to_account_plan` lays it out, with
what only a plan holds: targets, strategy, SWOT, sales by product line (the ledger's period
sales, by the orders behind each invoice), satisfaction, needs, value propositions and the
joint business plan's actions — written for an industrial automation supplier selling to a
manufacturer, in Chinese or English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, NamedTuple

import numpy as np

from kam_xl.core import scorecard
from kam_xl.core.receivables import period_for
from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_AS_OF, SAMPLE_SEED
from kam_xl.samples.competitors import with_competitors
from kam_xl.samples.records import SampleAccount, account_index, sample_account
from kam_xl.workbooks.account_plan import (
    AccountPlan,
    Action,
    Need,
    ProductLine,
    Swot,
    ValueProposition,
)

__all__ = ["account_plan", "line_sales", "plan_account"]

_T = tuple[str, str]  # (zh, en)

# needs by kind: (need, expectation, status quo), each (zh, en); {l}: a product line the account buys
_NEEDS: dict[str, tuple[tuple[_T, _T, _T], ...]] = {
    "explicit": (
        (("{l}交货周期缩短", "Shorter lead time for {l}"), ("≤ 14 天", "≤ 14 days"), ("平均 21 天", "21 days on average")),
        (("年度采购单价下降", "Lower annual unit prices"), ("年降 3%", "3 % a year"), ("与去年持平", "flat on last year")),
        (("来料一次交检合格率", "First-pass yield of incoming goods"), ("≥ 99.5%", "≥ 99.5 %"), ("98.7%", "98.7 %")),
    ),
    "implicit": (
        (("减少产线非计划停机", "Less unplanned line downtime"), ("年停机 < 20 小时", "< 20 hours a year"),
         ("年停机约 60 小时", "about 60 hours a year")),
        (("简化采购与对账流程", "Simpler ordering and reconciliation"), ("电子化对账、按月结算", "e-reconciliation, monthly"),
         ("手工对账，常有差异", "manual, frequent differences")),
    ),
    "deep": (
        (("采购总监希望以降本项目取得年度考核成绩", "The purchasing director wants a cost-down project to show"),
         ("降本成果可量化、可汇报", "savings that can be measured and reported"),
         ("缺少可展示的成果", "nothing to show yet")),
        (("企业希望建成行业智能工厂标杆", "The company wants a flagship smart factory"),
         ("入选省级智能制造示范", "a provincial smart-manufacturing award"), ("数字化水平一般", "average digitalisation")),
    ),
}  # fmt: skip
_FABE: tuple[tuple[_T, _T, _T, _T | None], ...] = (
    (("{l}模块化设计，现场快速更换", "Modular {l}, swapped on site in minutes"), ("停机时间短", "short downtime"),
     ("每年减少停机损失约 40 万元", "about ¥400k a year less downtime loss"),
     ("同行业三家客户的运行记录", "run records at three plants in the industry")),
    (("本地服务网点 2 小时到场", "Local service point on site within 2 hours"), ("响应快", "fast response"),
     ("保障连续生产", "keeps production running"), ("服务合同 SLA 条款与到场记录", "SLA clauses and call-out records")),
    (("变频与伺服的能耗优化", "Energy optimisation of drives and servos"), ("运行成本低", "low running cost"),
     ("年节电约 8%", "about 8 % less electricity a year"), ("第三方能效检测报告", "third-party energy audit")),
    (("寄售库存与 VMI", "Consignment stock and VMI"), ("客户零库存", "no stock on their books"),
     ("释放流动资金", "frees working capital"), None),
)  # fmt: skip
_SWOT: tuple[_T, _T, _T, _T] = (
    (
        "产品质量稳定，本地服务响应快，已进入合格供应商名录",
        "Stable quality, fast local service, on the approved vendor list",
    ),
    (
        "价格高于主要竞争对手约 5%，高层关系仍需加强",
        "About 5 % dearer than the main rival; top-level relations still thin",
    ),
    ("客户新建产线扩产，智能化改造预算增加", "New lines being built; a bigger budget for automation upgrades"),
    ("竞争对手低价进入，客户推行集中采购与年度降价", "A low-price rival; central purchasing and yearly price cuts"),
)


def _t(pair: _T, lang: str, **fmt: object) -> str:
    return (pair[0] if lang == "zh" else pair[1]).format(**fmt)


def plan_account(
    account: str, model: Model | None = None, seed: int = SAMPLE_SEED, as_of: date = SAMPLE_AS_OF
) -> SampleAccount:
    """The sample account called ``account``; a name the sample does not have gets an account of its own,
    drawn from the name (the same name, the same account)."""
    model = model or active_model()
    i = account_index(account)
    if i is not None:
        return sample_account(i, model, seed, as_of)
    stand_in = sample_account(1000 + sum(map(ord, account)) % 9000, model, seed, as_of)
    return replace(stand_in, record=stand_in.record.updated(name=account))


def line_sales(a: SampleAccount, model: Model) -> list[ProductLine]:
    """Our sales by product line over the model's period to the as-of date: the orders behind the invoices
    of the period (together, the period's sales of the ledger, as the customer file shows them)."""
    r = a.record
    assert r.as_of is not None
    period = period_for(r.as_of, model.receivables.period_months)
    billed = {
        i.number for i in r.invoices if i.invoice_date is not None and period.start < i.invoice_date <= period.end
    }
    totals = dict.fromkeys(a.lines, 0.0)
    for order, invoice in zip(a.orders, a.billed, strict=True):
        if invoice in billed and order.amount is not None:
            totals[str(order.product_line)] += float(order.amount)
    return [ProductLine(line, round(v, 2)) for line, v in totals.items()]


def _actions(rng: np.random.Generator, a: SampleAccount, lang: str, as_of: date) -> list[Action]:
    """The joint business plan: what the strategy and the needs call for, owned by our people."""
    r = a.record
    gm = next((c.name for c in r.contacts if c.title == "总经理"), "")
    line = a.lines[int(rng.integers(len(a.lines) - 1))]
    texts: list[_T] = [
        (f"高层互访：邀请{gm}总经理参观我司工厂", f"Executive visit: {gm} (general manager) to our factory"),
        (f"联合技术研讨会：{line}新一代产品选型", f"Joint technical seminar: choosing the next {line}"),
        ("年度框架协议续签谈判", "Renewal talks for the annual frame agreement"),
        ("寄售库存方案试点", "Consignment-stock pilot"),
        ("售后服务响应 SLA 评审", "Review of the after-sales SLA"),
        ("质量问题 8D 整改回顾", "8D review of the last quality complaint"),
        (f"{line}样机试用与验证", f"{line} trial unit and validation"),
        ("供应商年度评审准备", "Preparing the annual supplier review"),
        ("为客户设备部开展维护培训", "Maintenance training for their maintenance department"),
        ("应收账款对账与回款计划", "Receivables reconciliation and collection plan"),
        ("联合降本项目立项", "Launch of a joint cost-down project"),
        ("客户满意度回访", "Customer-satisfaction follow-up"),
    ]
    ours: tuple[_T, ...] = (
        (r.owner or "", r.owner or ""),
        ("技术支持部", "Technical support"),
        ("客服中心", "Service centre"),
    )
    out = []
    picks = rng.choice(len(texts), size=int(rng.integers(6, 10)), replace=False)
    for k, j in enumerate(sorted(picks.tolist())):
        start = as_of - timedelta(days=int(rng.integers(10, 200)))
        due = start + timedelta(days=int(rng.integers(20, 150)))
        if due < as_of:  # mostly done; a few overdue or dropped
            status = str(rng.choice(["done", "in_progress", "cancelled"], p=[0.75, 0.17, 0.08]))
        else:
            status = str(rng.choice(["in_progress", "not_started"], p=[0.6, 0.4]))
        budget = float(rng.integers(1, 20) * 5000)
        spent = None if status == "not_started" else float(round(budget * rng.uniform(0.3, 1.1), -2))
        owner = _t(ours[k % len(ours)], lang)
        phase = ("plan", "do", "check", "act")[min(3, k // 3)]
        out.append(Action(_t(texts[j], lang), owner, phase, start, due, budget, spent, status))
    return out


def _strategy(a: SampleAccount, lang: str) -> str:
    """Who to win over next, from the contacts' stances."""
    zh = lang == "zh"
    parts = []
    for c in a.record.contacts:
        if c.role == "coach":
            parts.append(f"巩固{c.name}（{c.title}）的教练作用" if zh else f"keep {c.name} ({c.title}) as our coach")
        elif c.stance == "opponent":
            parts.append(f"化解{c.name}（{c.title}）的反对" if zh else f"turn {c.name} ({c.title}) from opposing")
        elif c.stance == "neutral" and (c.influence or 0) >= 3:
            parts.append(f"争取{c.name}（{c.title}）由中立转为支持" if zh else f"win {c.name} ({c.title}) over")
    parts.append("建立高层年度互访机制" if zh else "set up yearly executive visits")
    return ("；" if zh else "; ").join(parts)


def account_plan(
    account: str,
    seed: int,
    *,
    model: Model | None = None,
    row: Mapping[str, Any] | None = None,
    as_of: date | None = None,
    lang: str = "zh",
) -> AccountPlan:
    """A realistic, reproducible plan for ``account`` (a name of the sample; another name gets an account
    of its own): its record's fields as the portfolio row and customer file show them, and the plan's own
    content drawn with ``seed``. ``row`` (the account's portfolio row) is accepted for the callers that
    pass it: the plan agrees with it because both are the record's. A few cells are left blank, as in
    real plans."""
    del row  # the record is the one source
    model = model or active_model()
    as_of = as_of or SAMPLE_AS_OF
    a = plan_account(account, model, SAMPLE_SEED, as_of)
    r = a.record
    rng = np.random.default_rng([seed, a.index, 3])
    card = model.scorecard()
    share = r.wallet_share(model) or 0.0
    sales = r.our_sales(model) or 0.0
    score = float(scorecard.score(np.array([r.scores[c.code] for c in card.criteria]), card, model))
    index = int(scorecard.tier_index(score, model))
    tiers = model.tiers
    zh = lang == "zh"
    if index == 0:
        goal = (f"巩固{tiers[0].zh}地位，提升钱包份额，进入客户战略供应商名录" if zh
                else f"Hold the {tiers[0].en} tier, grow the share of wallet, become a strategic supplier")  # fmt: skip
    else:
        goal = (f"由{tiers[index].zh}提升为{tiers[index - 1].zh}，钱包份额提高 5 个百分点以上" if zh
                else f"From {tiers[index].en} to {tiers[index - 1].en}; share of wallet up 5 points or more")  # fmt: skip
    s = model.satisfaction
    dims = [d.code for d in s.dimensions]
    q = a.quality
    perceived = {d: float(np.clip(round(4 + 5 * q + rng.normal(0, 1)), s.scale_min, s.scale_max)) for d in dims}
    expected = {d: float(np.clip(round(7 + rng.normal(0, 1)), s.scale_min, s.scale_max)) for d in dims}
    lines = list(a.lines)
    needs = [
        Need(kind, _t(n, lang, l=lines[k % len(lines)]), _t(e, lang), _t(sq, lang))
        for kind, items in _NEEDS.items()
        for k, (n, e, sq) in enumerate(items)
        if rng.random() < 0.85
    ]
    if needs:
        k = int(rng.integers(len(needs)))
        needs[k] = replace(needs[k], status_quo=None)  # a status quo not yet known
    fabe = [
        ValueProposition(*(None if x is None else _t(x, lang, l=lines[0]) for x in item))
        for item in _FABE[: int(rng.integers(2, len(_FABE) + 1))]
    ]
    plan = r.to_account_plan(model, lang)
    plan = replace(
        plan,
        period=f"{as_of.year + 1} 年度" if zh else f"FY {as_of.year + 1}",
        sales_target=float(round(sales * rng.uniform(1.08, 1.25), -4)),
        share_target=float(min(0.95, round(share + rng.uniform(0.05, 0.12), 2))),
        goal=goal,
        relationship_strategy=_strategy(a, lang),
        cooperation=None
        if rng.random() < 0.3
        else (
            "联合开发新产线配套方案，签订三年框架协议"
            if zh
            else "Co-develop the new line's automation; a three-year frame agreement"
        ),
        swot=Swot(*(_t(x, lang) for x in _SWOT)),
        stage=("integrated", "interdependent", "cooperative")[index] if index < 3 else "basic",
        product_lines=line_sales(a, model),
        perceived=perceived,
        expected=expected,
        needs=needs,
        value_propositions=fabe,
        actions=_actions(rng, a, lang, as_of),
        **plan_costs(a, sales)._asdict(),
    )
    # competitors and the contacts' lines drawn apart, so the draws above stay as they were
    return with_competitors(plan, np.random.default_rng([seed, a.index, 7]), model, share, lang)


class PlanCosts(NamedTuple):
    """An account plan's profitability inputs (AccountPlan fields)."""

    cost_of_sales: float
    resource_budget: float


def plan_costs(a: SampleAccount, sales: float) -> PlanCosts:
    """The plan's cost of sales (our sales at the account's gross margin, as its portfolio row's margin)
    and a resource budget: about 3 % of the sales for a better account, 1.5 % for a weaker one."""
    rng = np.random.default_rng([a.index, 10])
    return PlanCosts(
        float(round(sales * (1 - a.gross_margin), -2)),
        float(round(sales * (0.015 + 0.015 * a.quality) * rng.uniform(0.9, 1.1), -3)),
    )
