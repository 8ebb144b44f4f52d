"""A sample customer file (大客户档案) for an account of the sample portfolio: contacts, history,
strategies, visits with SPIN notes, orders and a receivables ledger with the usual faults."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

import numpy as np
import pandas as pd

from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_AS_OF
from kam_xl.samples.accounts import sample_ledger, sample_portfolio
from kam_xl.workbooks.customer_file import (
    INDUSTRIES,
    Company,
    Competitor,
    Contact,
    CustomerFile,
    ImportantInfo,
    Invoice,
    Order,
    Receipt,
    StrategyEntry,
    Supplier,
    Visit,
)

__all__ = ["customer_file"]


_SURNAMES = (
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"), ("黄", "huang"),
    ("赵", "zhao"), ("周", "zhou"), ("吴", "wu"), ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"),
    ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("林", "lin"), ("罗", "luo"), ("高", "gao"), ("梁", "liang"),
    ("郑", "zheng"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"),
)  # fmt: skip
_GIVEN = (
    "建国", "伟", "芳", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超", "华", "刚", "丽",
    "志强", "海燕", "晓东", "文博", "雪梅", "国华", "立新", "建华", "红霞", "振宇", "思远", "浩然", "俊杰", "晓峰",
    "永红", "春雷", "宏伟", "丹", "玉兰", "德明", "国庆", "秀珍",
)  # fmt: skip
# department, title, level, role, authority — a buying organisation from the board down to the shop floor
_PEOPLE = (
    ("董事会", "董事长", "decision", "decision_maker", "集团重大投资与战略合作最终决策"),
    ("总经理办公室", "总经理", "decision", "decision_maker", "年度采购预算与框架协议审批"),
    ("采购部", "采购总监", "management", "influencer", "供应商准入、年度议价；单笔 500 万元以内审批"),
    ("财务部", "财务总监", "management", "gatekeeper", "付款审批、信用与账期条款"),
    ("技术中心", "技术总监", "management", "influencer", "技术规格、品牌入围"),
    ("设备部", "设备部经理", "management", "user", "设备选型建议与验收"),
    ("采购部", "采购经理", "operating", "purchaser", "询价、下单；单笔 50 万元以内"),
    ("生产部", "车间主任", "operating", "user", "现场使用与故障反馈"),
    ("质量部", "质量工程师", "operating", "coach", "来料检验；内部支持我方方案"),
)
_PERSONALITY = (
    "果断、重结果，不喜欢绕弯子（D型）",
    "外向健谈，重视关系与面子（I型）",
    "稳健耐心，看重承诺与长期合作（S型）",
    "严谨，重数据与细节（C型）",
)
_HOBBIES = ("高尔夫", "钓鱼", "登山、徒步", "书法", "茶道", "羽毛球", "摄影", "马拉松", "围棋", "收藏紫砂壶", "足球")
_PARKS = (
    ("江苏省苏州市工业园区星湖街", "0512"),
    ("上海市浦东新区张江路", "021"),
    ("浙江省宁波市北仑区明州路", "0574"),
    ("广东省佛山市顺德区科技路", "0757"),
    ("天津市滨海新区黄海路", "022"),
    ("湖北省武汉市东湖高新区光谷大道", "027"),
    ("山东省青岛市黄岛区长江中路", "0532"),
    ("四川省成都市高新区天府大道", "028"),
)
_PINYIN = {
    "华东": "huadong", "中联": "zhonglian", "宏远": "hongyuan", "金桥": "jinqiao", "恒信": "hengxin",
    "瑞丰": "ruifeng", "北方": "beifang", "南洋": "nanyang", "东方": "dongfang", "天成": "tiancheng",
    "长江": "changjiang", "鼎盛": "dingsheng",
}  # fmt: skip
_MAKES = {  # what a customer of each industry makes
    "电气设备": ("高低压开关柜、箱式变电站、配电自动化终端", "输配电"),
    "仪器仪表": ("电磁流量计、压力变送器、在线分析仪", "过程测量"),
    "机械制造": ("数控机床、工业减速机、液压系统", "装备制造"),
    "建材": ("水泥、商品混凝土、新型墙体材料", "绿色建材"),
    "钢铁": ("热轧卷板、冷轧薄板、螺纹钢", "板材"),
    "汽车零部件": ("制动系统、转向系统、底盘结构件", "新能源汽车零部件"),
}
# our product lines and a typical unit price (¥) for the order quantities
_LINES = (
    ("低压电器", 850.0),
    ("变频器", 6800.0),
    ("PLC 控制系统", 26000.0),
    ("工业仪表", 3200.0),
    ("伺服系统", 9500.0),
    ("备件与技术服务", 1500.0),
)
_RIVAL_SUPPLIERS = ("德力电气", "中科自控", "海川仪表", "华通自动化", "安瑞电子")


def _person(rng: np.random.Generator) -> tuple[str, str]:
    surname, py = _SURNAMES[int(rng.integers(len(_SURNAMES)))]
    return surname + _GIVEN[int(rng.integers(len(_GIVEN)))], py


def _mobile(rng: np.random.Generator) -> str:
    return f"1{int(rng.choice((3, 5, 8)))}{int(rng.integers(10))}{int(rng.integers(10**8)):08d}"


def _account_row(account: str, model: Model) -> tuple[pd.DataFrame, int, str, float]:
    """The account's row of the bundled sample portfolio (or a made-up one), its position, industry, revenue."""
    portfolio = sample_portfolio(model=model)
    hit = np.flatnonzero(portfolio["account"].to_numpy() == account)
    if len(hit):
        i = int(hit[0])
        return portfolio, i, str(portfolio["industry"].iloc[i]), float(portfolio["revenue"].iloc[i])
    digest = sum(ord(ch) for ch in account)  # a stable stand-in for an account outside the sample
    industry = INDUSTRIES[digest % 6].zh
    revenue = float(round(3_000_000 + digest % 97 * 150_000, -3))
    row = pd.DataFrame({"account": [account], "industry": [industry], "revenue": [revenue]})
    return row, 0, industry, revenue


class _Bill(NamedTuple):
    """A sample invoice as it is made, every field given (an :class:`Invoice` may have blanks)."""

    number: str
    invoice_date: date
    due_date: date
    amount: float


class _Payment(NamedTuple):
    """A sample receipt as it is made (see :class:`_Bill`); ``invoice`` None: cash without an invoice number."""

    invoice: str | None
    receipt_date: date
    amount: float


def _sample_ledger(
    portfolio: pd.DataFrame, account: str, revenue: float, as_of: date, rng: np.random.Generator
) -> tuple[list[_Bill], list[_Payment]]:
    """The account's rows of :func:`kam_xl.samples.accounts.sample_ledger`, with the history a customer file shows.

    The bundled rows (15 monthly invoices, paid with the account's lateness
    habit) stay as they are, so the file's indicators stay close to the
    portfolio's; some receipts are split into instalments, two small service
    invoices are added — one partly paid late, one open past its due date —
    and one receipt that came without an invoice number.
    """
    inv_frame, rec_frame = sample_ledger(portfolio, as_of)
    inv_frame = inv_frame[inv_frame["account"] == account]
    rec_frame = rec_frame[rec_frame["account"] == account]
    bills = [
        _Bill(n, pd.Timestamp(d).date(), pd.Timestamp(u).date(), float(a))
        for n, d, u, a in inv_frame[["invoice", "invoice_date", "due_date", "amount"]].itertuples(index=False)
    ]
    paid_in: list[_Payment] = []
    issued = {i.number: i.invoice_date for i in bills}
    for n, d, a in rec_frame[["invoice", "receipt_date", "amount"]].itertuples(index=False):
        when, amount, span = pd.Timestamp(d).date(), float(a), (pd.Timestamp(d).date() - issued[n]).days
        if span >= 25 and rng.random() < 0.3:  # paid in two instalments
            first = round(amount * float(rng.uniform(0.3, 0.6)), 2)
            paid_in.append(_Payment(n, issued[n] + timedelta(days=int(rng.integers(10, span - 7))), first))
            paid_in.append(_Payment(n, when, round(amount - first, 2)))
        else:
            paid_in.append(_Payment(n, when, amount))
    prefix = str(bills[0].number)[:-2] if bills else "INV"
    for k, (age, paid) in enumerate(
        ((int(rng.integers(100, 130)), float(rng.uniform(0.4, 0.6))), (int(rng.integers(60, 80)), 0.0))
    ):
        day = as_of - timedelta(days=age)
        service = _Bill(
            f"{prefix}S{k + 1}", day, day + timedelta(days=30), round(revenue / 12 * float(rng.uniform(0.01, 0.03)), 2)
        )
        bills.append(service)
        if paid:
            late = service.due_date + timedelta(days=int(rng.integers(5, 20)))
            paid_in.append(_Payment(service.number, late, round(service.amount * paid, 2)))
    unapplied = _Payment(
        None, as_of - timedelta(days=int(rng.integers(5, 40))), float(round(rng.uniform(2e4, 8e4), -2))
    )
    paid_in.append(unapplied)  # cash without an invoice number: flagged "unknown invoice"
    bills.sort(key=lambda i: i.invoice_date)
    paid_in.sort(key=lambda r: r.receipt_date)
    return bills, paid_in


def _sample_orders(invoices: list[_Bill], lines: list[str], rng: np.random.Generator) -> list[Order]:
    """One to three orders per invoice, a few weeks before it, split across our product lines."""
    price = dict(_LINES)
    orders: list[Order] = []
    seq: dict[str, int] = {}
    for inv in invoices:
        k = int(rng.integers(1, 4))
        parts = rng.dirichlet(np.full(k, 2.0))
        left = inv.amount
        for j in range(k):
            amount = round(inv.amount * float(parts[j]), 2) if j < k - 1 else round(left, 2)
            left -= amount
            when = inv.invoice_date - timedelta(days=int(rng.integers(5, 25)))
            month = f"{when:%Y%m}"
            seq[month] = seq.get(month, 0) + 1
            line = lines[int(rng.integers(len(lines)))]
            quantity = float(max(1, round(amount / price[line])))
            orders.append(Order(when, f"SO{month}{seq[month]:03d}", line, quantity, amount))
    orders.sort(key=lambda o: (o.date, o.number))
    if len(orders) > 3:
        orders[int(rng.integers(len(orders)))].quantity = None  # a blank, as in real files
    return orders


_SPIN = (  # situation, problem, implication, need-payoff ({l}: one of our product lines)
    ("现有产线{l}的使用年限与故障率", "{l}故障停机每月 2–3 次", "停机导致交付延误、加班成本上升", "若停机减少一半，每年可节约多少？"),
    ("明年扩产计划与设备预算", "新产线调试周期长", "调试拖期会推迟新产品上市", "缩短调试一个月对项目意味着什么？"),
    ("年度框架协议的价格与账期", "现有供应商交期不稳定", "缺料影响月度交付考核", "稳定交期对你们的考核有什么帮助？"),
    ("能耗指标与节能改造目标", "{l}能耗偏高", "能耗超标影响绿色工厂评审", "节能 10% 能带来哪些收益？"),
)  # fmt: skip
_VISIT_PLAN = ("visit", "technical", "negotiation", "visit", "executive", "call", "negotiation", "technical", "visit")
_NEXT_STEPS = ("安排技术交流与样机测试", "提交报价与实施计划", "邀请参观标杆工厂", "跟进合同条款")
# day offset, strategy, measures, owner ("" = the manager), expected, review offset, effect, result, correction
_STRATEGY_PLAN = (
    (20, "建立高层互访机制", "每半年一次高层会晤；总经理对接其总经理", "", "进入其战略供应商名录",
     200, "已列入战略供应商名录", "achieved", None),
    (90, "签订年度框架协议，锁定份额", "以{l0}和{l1}打包报价，阶梯返利", "", "本品类份额由 {s0}% 提升到 {s}%",
     300, "份额达到约 {s1}%", "partly", "增加现场服务频次，争取剩余产线"),
    (180, "联合技术改进项目", "针对{l2}做节能改造试点", "技术支持部", "试点产线能耗下降 8%",
     390, "试点完成，能耗下降约 6%", "partly", "补充变频优化参数后复测"),
    (330, "优化回款", "到期前 7 天提醒；逾期 30 天升级到财务总监", "", "逾期占比降到 10% 以内",
     None, None, "ongoing", None),
)  # fmt: skip


def _sample_contacts(rng: np.random.Generator, domain: str) -> list[Contact]:
    """The general manager, purchasing, finance and a coach always; two more from the organisation."""
    picks = sorted([1, 2, 3, 6, 8, *rng.choice([0, 4, 5, 7], size=2, replace=False).tolist()])
    contacts = []
    for k in picks:
        dept, title, level, role, authority = _PEOPLE[k]
        name, py = _person(rng)
        email = None if rng.random() < 0.15 else f"{py}{int(rng.integers(1, 99))}@{domain}"
        hobby = None if rng.random() < 0.2 else _HOBBIES[int(rng.integers(len(_HOBBIES)))]
        personality = _PERSONALITY[int(rng.integers(len(_PERSONALITY)))]
        contacts.append(Contact(name, dept, title, level, role, authority, _mobile(rng), email, personality, hobby))
    return contacts


def _sample_visits(
    rng: np.random.Generator, contacts: list[Contact], lines: list[str], manager: str, start: date, as_of: date
) -> list[Visit]:
    """Nine visits, meetings and calls over the 14 months, with SPIN notes and the next step."""
    days = sorted(start + timedelta(days=int(x)) for x in rng.choice(np.arange(5, 425), size=9, replace=False))
    visits = []
    for j, day in enumerate(days):
        kind, line = _VISIT_PLAN[j], lines[j % len(lines)]
        who = contacts[:2] if kind == "executive" else [c for c in contacts if c.level != "decision"]
        met = who[int(rng.integers(len(who)))]
        ours = f"{manager}（大客户经理）" + ("、技术支持工程师" if kind == "technical" else "")
        answer = f"介绍{line}方案与同行业案例，承诺提供现场评估报告"
        nxt = days[j + 1] if j + 1 < len(days) else None
        s, p, i, n = (x.format(l=line) for x in _SPIN[j % len(_SPIN)])  # situation, problem, implication, need
        visits.append(Visit(day, kind, f"{met.name}（{met.title}）", ours, s, p, i, n, answer, _NEXT_STEPS[j % 4], nxt))
    return visits


def _sample_strategies(lines: list[str], ours: int, manager: str, start: date) -> list[StrategyEntry]:
    text = {"l0": lines[0], "l1": lines[1], "l2": lines[2], "s0": ours - 8, "s": ours, "s1": ours - 3}
    return [
        StrategyEntry(
            start + timedelta(days=d),
            what,
            how.format(**text),
            owner or manager,
            expected.format(**text),
            None if review is None else start + timedelta(days=review),
            None if effect is None else effect.format(**text),
            result,
            correction,
        )
        for d, what, how, owner, expected, review, effect, result, correction in _STRATEGY_PLAN
    ]


def _sample_important(
    rng: np.random.Generator, account: str, industry: str, contacts: list[Contact], lines: list[str],
    founded: int, their_revenue: float, ours: float, as_of: date,
) -> ImportantInfo:  # fmt: skip
    makes, field_ = _MAKES.get(industry, ("工业产品", "工业"))
    boss = {c.title: c.name for c in contacts}
    rivals = [str(x) for x in rng.choice(_RIVAL_SUPPLIERS, size=2, replace=False)]
    second = float(round((1 - ours) * rng.uniform(0.4, 0.6), 2))
    names = [c for c in _PINYIN if not account.startswith(c)]
    competitors = [
        Competitor(
            f"{names[int(i)]}{industry}有限公司",
            makes.split("、")[k % 3],
            float(round(rng.uniform(0.05, 0.2), 2)),
            ("价格低、交付快", "品牌历史长、渠道广", "研发投入大、产品线全")[k],
            ("质量稳定性一般", "成本偏高", "服务网络薄弱")[k],
        )
        for k, i in enumerate(rng.choice(len(names), size=3, replace=False))
    ]
    since = min(founded + int(rng.integers(12, 20)), as_of.year - 1)
    return ImportantInfo(
        organisation=f"集团下设 {int(rng.integers(3, 7))} 个事业部、{int(rng.integers(2, 5))} 个生产基地；"
        f"采购为集团集中采购、基地执行，重大项目由总经理办公会决策；"
        f"关键人：{boss['总经理']}（总经理）、{boss['采购总监']}（采购总监）",
        history=f"{founded} 年成立，{founded + int(rng.integers(3, 8))} 年完成股份制改造，"
        f"{founded + int(rng.integers(9, 14))} 年进入{field_}领域，现为国内行业前 {int(rng.integers(3, 11))} 名",
        goals=f"未来三年营收年均增长 {int(rng.integers(8, 20))}%，综合制造成本下降 {int(rng.integers(3, 8))}%，"
        "建成数字化示范工厂",
        direction=f"向高端{field_}产品和海外市场延伸，新建智能化生产基地",
        positioning="中高端定位，配套国内头部客户，部分产品出口",
        sales_status=f"上年销售额约 {their_revenue / 1e8:.1f} 亿元，同比增长 {int(rng.integers(3, 18))}%；"
        f"出口占 {int(rng.integers(10, 35))}%",
        resources="与本地高校共建联合实验室；省级企业技术中心；稳定的头部客户群",
        our_position=f"我司供应{'、'.join(lines)}，约占其同类采购的 {round(ours * 100)}%；"
        f"同类供应商 {len(rivals) + 1} 家；毛利率约 {int(rng.integers(18, 30))}%",
        competitors=competitors,
        suppliers=[
            Supplier("本公司", "、".join(lines), ours, since, "战略供应商"),
            Supplier(rivals[0], "低压电器、变频器", second, None, "价格敏感项目的主要对手"),
            Supplier(rivals[1], "仪表、控制系统", float(round(1 - ours - second - 0.05, 2)), None, None),
        ],
    )


def customer_file(account: str, seed: int, *, model: Model | None = None, as_of: date = SAMPLE_AS_OF) -> CustomerFile:
    """A realistic, reproducible customer file for ``account`` (a name from the bundled sample portfolio).

    The ledger is the account's part of :func:`kam_xl.samples.accounts.sample_ledger`
    (15 months of invoices, some paid late), with instalments, a partly paid
    and an open overdue service invoice, and one receipt without an invoice
    number; orders add up to the invoices. Same account and seed, same file.
    """
    model = model or active_model()
    rng = np.random.default_rng([seed, sum(map(ord, account))])
    portfolio, pos, industry, revenue = _account_row(account, model)
    park, area = _PARKS[int(rng.integers(len(_PARKS)))]
    domain = next((py for zh, py in _PINYIN.items() if account.startswith(zh)), "example") + ".com.cn"
    manager, _ = _person(rng)
    founded = int(rng.integers(1985, 2012))
    their_revenue = float(round(revenue * rng.uniform(8, 25), -6))
    contacts = _sample_contacts(rng, domain)
    lines = [_LINES[i][0] for i in sorted(rng.choice(len(_LINES), size=4, replace=False).tolist())]
    bills, paid_in = _sample_ledger(portfolio, account, revenue, as_of, rng)
    ours = float(round(rng.uniform(0.35, 0.6), 2))
    start = as_of - timedelta(days=430)
    company = Company(
        name=account, code=f"KA{1001 + pos:04d}", industry=industry,
        address=f"{park} {int(rng.integers(1, 999))} 号", phone=f"{area}-{int(rng.integers(50_000_000, 90_000_000))}",
        fax=None if rng.random() < 0.5 else f"{area}-{int(rng.integers(50_000_000, 90_000_000))}",
        email=f"purchase@{domain}", website=f"www.{domain}", employees=int(round(their_revenue / 1.5e6, -1)),
        revenue=their_revenue, main_products=_MAKES.get(industry, ("工业产品", ""))[0], founded=founded,
        ownership=str(rng.choice(["private", "state", "joint", "listed"])),
        relationship="strategic" if revenue >= 2e7 else "partnership", manager=manager, updated=as_of,
    )  # fmt: skip
    return CustomerFile(
        company=company,
        contacts=contacts,
        important=_sample_important(rng, account, industry, contacts, lines, founded, their_revenue, ours, as_of),
        strategies=_sample_strategies(lines, round(ours * 100), manager, start),
        visits=_sample_visits(rng, contacts, lines, manager, start, as_of),
        orders=_sample_orders(bills, lines, rng),
        product_lines=lines,
        invoices=[Invoice(*b) for b in bills],
        receipts=[Receipt(*p) for p in paid_in],
        credit_limit=float(round(revenue / 12 * float(rng.uniform(2.0, 3.0)), -5)),
        as_of=as_of,
    )
