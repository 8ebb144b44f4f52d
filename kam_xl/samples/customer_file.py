"""A sample customer file (大客户档案) for an account of the sample portfolio.

The file is the account's record (:mod:`kam_xl.samples.records`: name, code, industry,
owner as the key-account manager, relationship type, contacts, ledger, credit limit, our
share of its spend) as :meth:`~kam_xl.jobs.account_record.AccountRecord.to_customer_file`
lays it out — the record its portfolio row and plan are made from — with what only a file
holds: the company's address and story, competitors and other suppliers, our strategies and
their effect, visits with SPIN notes that fit the person met, and the orders behind the invoices.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np

from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_AS_OF, SAMPLE_SEED
from kam_xl.samples.account_plan import plan_account
from kam_xl.samples.records import CITIES, PINYIN, SampleAccount
from kam_xl.samples.service import service_file
from kam_xl.workbooks.customer_file import (
    Competitor,
    CustomerFile,
    ImportantInfo,
    StrategyEntry,
    Supplier,
    Visit,
)

__all__ = ["customer_file"]

_T = tuple[str, str]  # (zh, en)

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
_MAKES = {  # what a customer of each industry makes
    "电气设备": ("高低压开关柜、箱式变电站、配电自动化终端", "输配电"),
    "仪器仪表": ("电磁流量计、压力变送器、在线分析仪", "过程测量"),
    "机械制造": ("数控机床、工业减速机、液压系统", "装备制造"),
    "建材": ("水泥、商品混凝土、新型墙体材料", "绿色建材"),
    "钢铁": ("热轧卷板、冷轧薄板、螺纹钢", "板材"),
    "汽车零部件": ("制动系统、转向系统、底盘结构件", "新能源汽车零部件"),
}
_RIVAL_SUPPLIERS = ("德力电气", "中科自控", "海川仪表", "华通自动化", "安瑞电子")

# what each post talks about: (kind of meeting, S, P, I, N, our answer, next step), each (zh, en); {l}: a line
_TOPICS: dict[str, tuple[str, _T, _T, _T, _T, _T, _T]] = {
    "executive": ("executive",
        ("明年扩产计划与智能化改造预算", "Next year's expansion and automation budget"),
        ("新产线调试周期长，自动化供应商多头管理", "Long commissioning of new lines; too many automation vendors"),
        ("调试拖期推迟新产品上市，协调成本高", "Late commissioning delays launches and costs coordination"),
        ("由一家供应商总包自动化、调试缩短一个月，对项目意味着什么？", "What is one month less commissioning with one automation vendor worth?"),
        ("介绍总包方案与同行业标杆工厂案例", "Presented a turnkey offer and a reference plant in the industry"),
        ("邀请参观标杆工厂", "Invite to the reference plant")),
    "purchasing": ("negotiation",
        ("年度框架协议的价格、账期与交付", "Price, terms and delivery of the annual frame agreement"),
        ("现有供应商交期不稳定，缺料时有发生", "Unreliable deliveries from current suppliers; shortages"),
        ("缺料影响月度交付考核，紧急空运增加成本", "Shortages hurt monthly delivery targets; air freight costs"),
        ("稳定在 14 天交付，对你们的考核和库存有什么帮助？", "What would a steady 14-day delivery do for targets and stock?"),
        ("提出阶梯返利与寄售库存方案", "Offered tiered rebates and consignment stock"),
        ("提交报价与框架协议草案", "Send the quotation and a draft frame agreement")),
    "finance": ("visit",
        ("付款流程与账期安排", "Payment process and credit terms"),
        ("对账差异多，发票与订单匹配耗时", "Many reconciliation differences; matching invoices takes long"),
        ("月末结账延误，影响资金计划", "Month-end close slips and upsets cash planning"),
        ("按月电子对账，每月可节省多少人工？", "How much work would monthly e-reconciliation save?"),
        ("提供电子对账模板，约定逾期升级规则", "Provided an e-reconciliation template; agreed escalation of late items"),
        ("跟进上月对账差异", "Follow up last month's differences")),
    "technical": ("technical",
        ("现有产线{l}的使用年限与故障率", "Age and failure rate of the {l} on the current lines"),
        ("{l}故障停机每月 2–3 次", "{l} failures stop the line 2–3 times a month"),
        ("停机导致交付延误、加班成本上升", "Stops delay deliveries and add overtime"),
        ("若停机减少一半，每年可节约多少？", "What is halving the stops worth a year?"),
        ("介绍{l}升级方案，承诺提供现场评估报告", "Presented the {l} upgrade; promised an on-site assessment"),
        ("安排技术交流与样机测试", "Arrange a technical session and a trial unit")),
    "shop_floor": ("visit",
        ("产线{l}日常运行与维护", "Day-to-day running and upkeep of the {l}"),
        ("备件到货慢，维修等待时间长", "Spares arrive late; repairs wait"),
        ("一次停机损失约一个班次的产量", "One stop costs about a shift's output"),
        ("现场寄售常用备件，能减少多少等待？", "How much waiting would consigned spares on site save?"),
        ("建议常用备件清单与寄售方案", "Proposed a list of common spares to consign"),
        ("提交备件清单", "Send the spares list")),
    "quality": ("call",
        ("来料检验流程与合格率", "Incoming inspection and pass rate"),
        ("{l}批次一致性偶有波动", "Occasional batch variation in {l}"),
        ("返工与退货增加质量成本", "Rework and returns add quality cost"),
        ("提供出厂检验数据，能省去多少来料检验？", "How much inspection would our outgoing test data save?"),
        ("承诺随货提供出厂检验报告", "Promised test reports with every delivery"),
        ("跟进质量数据共享", "Follow up data sharing")),
}  # fmt: skip
_POST_TOPIC = {"董事长": "executive", "总经理": "executive", "采购总监": "purchasing", "采购经理": "purchasing",
               "财务总监": "finance", "技术总监": "technical", "设备部经理": "technical", "车间主任": "shop_floor",
               "质量工程师": "quality"}  # fmt: skip
# day offset, strategy, measures, owner ("" = the manager), expected, review offset, effect, result, correction
_STRATEGY_PLAN: tuple[tuple[int, _T, _T, _T, _T, int | None, _T | None, str, _T | None], ...] = (
    (20, ("建立高层互访机制", "Executive visits"), ("每半年一次高层会晤；我司总经理对接{gm}", "An executive meeting every six months; our general manager with {gm}"),
     ("", ""), ("进入其战略供应商名录", "Become a strategic supplier"), 200,
     ("已列入战略供应商名录", "Listed as a strategic supplier"), "achieved", None),
    (90, ("签订年度框架协议，锁定份额", "Annual frame agreement to secure share"),
     ("以{l0}和{l1}打包报价，阶梯返利", "Bundle {l0} and {l1}, tiered rebates"), ("", ""),
     ("本品类份额由 {s0}% 提升到 {s}%", "Category share from {s0} % to {s} %"), 300,
     ("份额达到约 {s1}%", "Share now about {s1} %"), "partly",
     ("增加现场服务频次，争取剩余产线", "More on-site service; go for the remaining lines")),
    (180, ("联合技术改进项目", "Joint improvement project"), ("针对{l2}做节能改造试点", "Energy-saving pilot on {l2}"),
     ("技术支持部", "Technical support"), ("试点产线能耗下降 8%", "8 % less energy on the pilot line"), 390,
     ("试点完成，能耗下降约 6%", "Pilot done, about 6 % less energy"), "partly",
     ("补充变频优化参数后复测", "Re-test with tuned drive parameters")),
    (330, ("优化回款", "Faster collection"), ("到期前 7 天提醒；逾期 30 天升级到财务总监", "Reminder 7 days before due; 30 days late goes to the finance director"),
     ("", ""), ("逾期占比降到 10% 以内", "Overdue ratio under 10 %"), None, None, "ongoing", None),
)  # fmt: skip


def _t(pair: _T, lang: str, **fmt: object) -> str:
    return (pair[0] if lang == "zh" else pair[1]).format(**fmt)


def _visits(rng: np.random.Generator, a: SampleAccount, lang: str, start: date) -> list[Visit]:
    """Nine visits, meetings and calls over 14 months, each about what the person met is concerned with."""
    r = a.record
    people = [c for c in r.contacts if c.title in _POST_TOPIC]
    days = sorted(start + timedelta(days=int(x)) for x in rng.choice(np.arange(5, 425), size=9, replace=False))
    manager = r.owner or ""
    visits = []
    for j, day in enumerate(days):
        met = people[int(rng.integers(len(people)))] if j else next(c for c in people if c.title == "采购总监")
        kind, *texts = _TOPICS[_POST_TOPIC[str(met.title)]]
        line = a.lines[j % (len(a.lines) - 1)]
        s, p, i, n, answer, nxt = (_t(x, lang, l=line) for x in texts)
        ours = f"{manager}（大客户经理）" if lang == "zh" else f"{manager} (key-account manager)"
        if kind == "technical":
            ours += "、技术支持工程师" if lang == "zh" else ", support engineer"
        then = days[j + 1] if j + 1 < len(days) else None
        visits.append(Visit(day, kind, f"{met.name}（{met.title}）", ours, s, p, i, n, answer, nxt, then))
    return visits


def _strategies(a: SampleAccount, share: int, lang: str, start: date) -> list[StrategyEntry]:
    r = a.record
    gm = next((c.name for c in r.contacts if c.title == "总经理"), "")
    text = {
        "l0": a.lines[0],
        "l1": a.lines[1],
        "l2": a.lines[2],
        "s0": share - 6,
        "s": share + 4,
        "s1": share,
        "gm": gm,
    }
    return [
        StrategyEntry(
            start + timedelta(days=d),
            _t(what, lang),
            _t(how, lang, **text),
            _t(owner, lang) or r.owner,
            _t(expected, lang, **text),
            None if review is None else start + timedelta(days=review),
            None if effect is None else _t(effect, lang, **text),
            result,
            None if correction is None else _t(correction, lang),
        )
        for d, what, how, owner, expected, review, effect, result, correction in _STRATEGY_PLAN
    ]


def _important(rng: np.random.Generator, a: SampleAccount, share: float, founded: int, their_revenue: float,
               as_of: date) -> ImportantInfo:  # fmt: skip
    r = a.record
    industry = str(r.industry)
    makes, field_ = _MAKES.get(industry, ("工业产品", "工业"))
    boss = {c.title: c.name for c in r.contacts}
    rivals = [str(x) for x in rng.choice(_RIVAL_SUPPLIERS, size=2, replace=False)]
    second = float(round((1 - share) * rng.uniform(0.45, 0.65), 2))
    names = [c for c in CITIES if not r.name.startswith(c)]
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
    lines = "、".join(a.lines)
    ours = round(share * 100)
    return ImportantInfo(
        organisation=f"集团下设 {int(rng.integers(3, 7))} 个事业部、{int(rng.integers(2, 5))} 个生产基地；"
        f"采购为集团集中采购、基地执行，重大项目由总经理办公会决策；"
        f"关键人：{boss.get('总经理', '')}（总经理）、{boss.get('采购总监', '')}（采购总监）",
        history=f"{founded} 年成立，{founded + int(rng.integers(3, 8))} 年完成股份制改造，"
        f"{founded + int(rng.integers(9, 14))} 年进入{field_}领域，现为国内行业前 {int(rng.integers(3, 11))} 名",
        goals=f"未来三年营收年均增长 {int(rng.integers(8, 20))}%，综合制造成本下降 {int(rng.integers(3, 8))}%，"
        "建成数字化示范工厂",
        direction=f"向高端{field_}产品和海外市场延伸，新建智能化生产基地",
        positioning="中高端定位，配套国内头部客户，部分产品出口",
        sales_status=f"上年销售额约 {their_revenue / 1e8:.1f} 亿元，同比增长 {int(rng.integers(3, 18))}%；"
        f"出口占 {int(rng.integers(10, 35))}%",
        resources="与本地高校共建联合实验室；省级企业技术中心；稳定的头部客户群",
        our_position=f"我司供应{lines}，约占其同类采购的 {ours}%；同类供应商 {len(rivals) + 1} 家；"
        f"毛利率约 {round(a.gross_margin * 100)}%",
        competitors=competitors,
        suppliers=[
            Supplier("本公司", lines, share, since, "战略供应商" if r.relationship == "strategic" else None),
            Supplier(rivals[0], "低压电器、变频器", second, None, "价格敏感项目的主要对手"),
            Supplier(rivals[1], "仪表、控制系统", float(round(1 - share - second - 0.03, 2)), None, None),
        ],
    )


def customer_file(
    account: str, seed: int, *, model: Model | None = None, as_of: date = SAMPLE_AS_OF, lang: str = "zh"
) -> CustomerFile:
    """A realistic, reproducible customer file for ``account`` (a name of the sample; another name gets an
    account of its own): its record's fields — the ones its portfolio row and plan show — and the file's
    own content drawn with ``seed``. Same account and seed, same file."""
    model = model or active_model()
    a = plan_account(account, model, SAMPLE_SEED, as_of)
    r = a.record
    rng = np.random.default_rng([seed, a.index, 4])
    park, area = _PARKS[int(rng.integers(len(_PARKS)))]
    domain = next((py for zh, py in PINYIN.items() if r.name.startswith(zh)), "example") + ".com.cn"
    founded = int(rng.integers(1985, 2012))
    spend = float(r.total_spend or 0.0)
    their_revenue = float(round(spend / rng.uniform(0.03, 0.08), -6))  # our category: a few % of their sales
    share = r.wallet_share(model) or 0.0
    base = r.to_customer_file(model, lang)
    company = replace(
        base.company,
        address=f"{park} {int(rng.integers(1, 999))} 号", phone=f"{area}-{int(rng.integers(50_000_000, 90_000_000))}",
        fax=None if rng.random() < 0.5 else f"{area}-{int(rng.integers(50_000_000, 90_000_000))}",
        email=f"purchase@{domain}", website=f"www.{domain}", employees=int(round(their_revenue / 1.5e6, -1)),
        revenue=their_revenue, main_products=_MAKES.get(str(r.industry), ("工业产品", ""))[0], founded=founded,
        ownership=str(rng.choice(["private", "state", "joint", "listed"])),
    )  # fmt: skip
    start = as_of - timedelta(days=430)
    return replace(
        base,
        company=company,
        important=_important(rng, a, share, founded, their_revenue, as_of),
        strategies=_strategies(a, round(share * 100), lang, start),
        visits=_visits(rng, a, lang, start),
        orders=[replace(o) for o in a.orders],
        product_lines=list(a.lines),
        service=service_file(a, base.contacts, company.manager, seed, model, as_of, lang),
    )
