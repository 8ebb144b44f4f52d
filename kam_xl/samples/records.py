"""The sample's accounts, one :class:`~kam_xl.jobs.account_record.AccountRecord` each.

Every account of the bundled sample is drawn once, here: name, code, industry, owner,
relationship type, scores, wall and barrier inputs, the people of its buying organisation
and its invoice and receipt ledger. The portfolio row (:mod:`.accounts`, :mod:`.portfolio`),
the account plan (:mod:`.account_plan`) and the customer file (:mod:`.customer_file`) are
all made from that one record, so they agree on every field they share: our sales are the
ledger's trailing-period sales, DSO and overdue ratio what the core computes from the same
ledger, and the wall criteria share and contact what the core's rules make of the share of
wallet and the contacts' level coverage.

We are an industrial automation and electrical supplier (low-voltage apparatus, drives,
PLCs, instruments, servo systems, spares and service); the accounts are manufacturers of
electrical equipment, instruments, machinery, building materials, steel and auto parts.
Each account is drawn from its own random stream (``[seed, index]``), so an account does not
change when the sample grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

import numpy as np

from kam_xl.core import scorecard
from kam_xl.jobs.account_record import AccountRecord, Person, read_ledgers
from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_AS_OF, SAMPLE_SEED
from kam_xl.samples.profitability import with_costs
from kam_xl.workbooks.customer_file import Invoice, Order, Receipt

__all__ = [
    "CITIES",
    "INDUSTRIES",
    "LINES",
    "SampleAccount",
    "account_index",
    "account_ledger",
    "account_name",
    "sample_account",
    "sample_accounts",
]

CITIES = ("华东", "中联", "宏远", "金桥", "恒信", "瑞丰", "北方", "南洋", "东方", "天成", "长江", "鼎盛")
INDUSTRIES = (
    ("电气设备", "Electrical equipment"),
    ("仪器仪表", "Instruments"),
    ("机械制造", "Machinery"),
    ("建材", "Building materials"),
    ("钢铁", "Steel"),
    ("汽车零部件", "Auto parts"),
)
_SUFFIXES = ("有限公司", "股份有限公司", "集团有限公司")
_OWNERS = ("王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄涛")
PINYIN = {
    "华东": "huadong", "中联": "zhonglian", "宏远": "hongyuan", "金桥": "jinqiao", "恒信": "hengxin",
    "瑞丰": "ruifeng", "北方": "beifang", "南洋": "nanyang", "东方": "dongfang", "天成": "tiancheng",
    "长江": "changjiang", "鼎盛": "dingsheng",
}  # fmt: skip
# our product lines, a typical unit price (¥) and the lines each industry buys most
LINES = (
    ("低压电器", 850.0),
    ("变频器", 6800.0),
    ("PLC 控制系统", 26000.0),
    ("工业仪表", 3200.0),
    ("伺服系统", 9500.0),
    ("备件与技术服务", 1500.0),
)
_BUYS = {
    "电气设备": (0, 2, 3, 5), "仪器仪表": (2, 3, 4, 5), "机械制造": (1, 2, 4, 5),
    "建材": (0, 1, 3, 5), "钢铁": (0, 1, 2, 5), "汽车零部件": (1, 2, 4, 5),
}  # fmt: skip

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


class _Post(NamedTuple):
    """A post in a manufacturer's buying organisation and how it usually deals with a supplier."""

    department: str
    title: str
    level: str
    role: str
    authority: str
    influence: int  # 1–5


# from the board down to the shop floor; the general manager, purchasing, finance and a coach always
_POSTS = (
    _Post("董事会", "董事长", "decision", "decision_maker", "集团重大投资与战略合作最终决策", 5),
    _Post("总经理办公室", "总经理", "decision", "decision_maker", "年度采购预算与框架协议审批", 5),
    _Post("采购部", "采购总监", "management", "influencer", "供应商准入、年度议价；单笔 500 万元以内审批", 4),
    _Post("财务部", "财务总监", "management", "gatekeeper", "付款审批、信用与账期条款", 3),
    _Post("技术中心", "技术总监", "management", "influencer", "技术规格、品牌入围", 4),
    _Post("设备部", "设备部经理", "management", "user", "设备选型建议与验收", 3),
    _Post("采购部", "采购经理", "operating", "purchaser", "询价、下单；单笔 50 万元以内", 2),
    _Post("生产部", "车间主任", "operating", "user", "现场使用与故障反馈", 2),
    _Post("质量部", "质量工程师", "operating", "coach", "来料检验；内部支持我方方案", 2),
)
_ALWAYS, _SOMETIMES = (1, 2, 3, 6, 8), (0, 4, 5, 7)
_PERSONALITY = (
    ("D", "果断、重结果，不喜欢绕弯子（D型）"),
    ("I", "外向健谈，重视关系与面子（I型）"),
    ("S", "稳健耐心，看重承诺与长期合作（S型）"),
    ("C", "严谨，重数据与细节（C型）"),
)
_HOBBIES = ("高尔夫", "钓鱼", "登山、徒步", "书法", "茶道", "羽毛球", "摄影", "马拉松", "围棋", "收藏紫砂壶", "足球")


@dataclass(frozen=True)
class SampleAccount:
    """One sample account: its record, the portfolio's inputs of its own (value, margin, retention),
    our product lines it buys and the orders behind its invoices."""

    index: int
    quality: float  # latent 0..1: better accounts score higher, buy more, pay sooner
    record: AccountRecord
    portfolio: dict[str, float]  # current_value, potential_value, margin, retention, discount
    gross_margin: float
    lines: tuple[str, ...]
    orders: tuple[Order, ...]
    billed: tuple[str, ...]  # the invoice each order was billed on, order by order

    @property
    def name(self) -> str:
        return self.record.name


def account_name(i: int) -> str:
    """The ``i``-th sample account's name: city, industry, legal form; the 37th on numbered ``（2）``…"""
    city, (industry, _) = CITIES[i % len(CITIES)], INDUSTRIES[i % len(INDUSTRIES)]
    suffix = _SUFFIXES[(i // len(CITIES)) % len(_SUFFIXES)]
    lap = i // (len(CITIES) * len(_SUFFIXES))
    return f"{city}{industry}{suffix}" + (f"（{lap + 1}）" if lap else "")


def account_index(name: str, limit: int = 10_000) -> int | None:
    """The index of the sample account called ``name`` (None if the sample has none)."""
    for i in range(limit):
        if account_name(i) == name:
            return i
        if i >= 36 and not name.endswith("）"):
            return None
    return None


def _person(rng: np.random.Generator) -> tuple[str, str]:
    surname, py = _SURNAMES[int(rng.integers(len(_SURNAMES)))]
    return surname + _GIVEN[int(rng.integers(len(_GIVEN)))], py


# ---------------------------------------------------------------- the ledger


def account_ledger(i: int, size: float, as_of: date, seed: int = SAMPLE_SEED) -> tuple[list[Invoice], list[Receipt]]:
    """Fifteen months of monthly invoices to ``as_of`` sized from ``size`` (¥ a year), paid with the
    account's habit of lateness; some receipts in two instalments, two small service invoices (one
    partly paid late, one open past its due date) and one receipt without an invoice number."""
    rng = np.random.default_rng([seed, i, 1])
    lateness = float(rng.gamma(1.5, 12.0))  # the account's habit, in days
    invoices: list[Invoice] = []
    receipts: list[Receipt] = []
    for k in range(15):
        day = as_of - timedelta(days=int(30.4 * (15 - k)) - int(rng.integers(0, 20)))
        amount = round(size / 12 * float(rng.uniform(0.6, 1.4)), 2)
        due = day + timedelta(days=int(rng.choice((30, 45, 60))))
        number = f"INV{i:03d}{k:02d}"
        invoices.append(Invoice(number, day, due, amount))
        paid = max(due + timedelta(days=int(rng.normal(lateness, 8))), day)
        if paid > as_of:
            continue
        span = (paid - day).days
        if span >= 25 and rng.random() < 0.3:  # paid in two instalments
            first = round(amount * float(rng.uniform(0.3, 0.6)), 2)
            receipts.append(Receipt(number, day + timedelta(days=int(rng.integers(10, span - 7))), first))
            receipts.append(Receipt(number, paid, round(amount - first, 2)))
        else:
            receipts.append(Receipt(number, paid, amount))
    for k, (age, share_paid) in enumerate(
        ((int(rng.integers(100, 130)), float(rng.uniform(0.4, 0.6))), (int(rng.integers(60, 80)), 0.0))
    ):
        day = as_of - timedelta(days=age)
        due, amount = day + timedelta(days=30), round(size / 12 * float(rng.uniform(0.01, 0.03)), 2)
        invoices.append(Invoice(f"INV{i:03d}S{k + 1}", day, due, amount))
        if share_paid:
            late = due + timedelta(days=int(rng.integers(5, 20)))
            receipts.append(Receipt(f"INV{i:03d}S{k + 1}", late, round(amount * share_paid, 2)))
    # cash without an invoice number: the customer file and the receivables report flag it "unknown invoice"
    receipts.append(
        Receipt(None, as_of - timedelta(days=int(rng.integers(5, 40))), float(round(rng.uniform(2e4, 8e4), -2)))
    )
    invoices.sort(key=lambda x: _dated(x.invoice_date))
    receipts.sort(key=lambda x: _dated(x.receipt_date))
    return invoices, receipts


def _orders(
    i: int, invoices: list[Invoice], lines: tuple[str, ...], seed: int
) -> tuple[tuple[Order, ...], tuple[str, ...]]:
    """One to three orders a few weeks before each invoice, split across the lines the account buys (a
    service invoice: one order of spares and service); and the invoice of each."""
    rng = np.random.default_rng([seed, i, 2])
    price = dict(LINES)
    orders: list[tuple[Order, str]] = []
    seq: dict[str, int] = {}
    for inv in invoices:
        k = 1 if str(inv.number)[-2] == "S" else int(rng.integers(1, 4))
        parts = rng.dirichlet(np.full(k, 2.0))
        left = float(inv.amount or 0.0)
        assert inv.invoice_date is not None and inv.amount is not None  # the sample's invoices are whole
        for j in range(k):
            amount = round(float(inv.amount) * float(parts[j]), 2) if j < k - 1 else round(left, 2)
            left -= amount
            when: date = inv.invoice_date - timedelta(days=int(rng.integers(5, 25)))
            month = f"{when:%Y%m}"
            seq[month] = seq.get(month, 0) + 1
            line = lines[-1] if str(inv.number)[-2] == "S" else lines[int(rng.integers(len(lines) - 1))]
            quantity = float(max(1, round(amount / price[line])))
            orders.append((Order(when, f"SO{month}{seq[month]:03d}", line, quantity, amount), str(inv.number)))
    orders.sort(key=lambda o: (str(o[0].date), str(o[0].number)))
    if len(orders) > 3:
        orders[int(rng.integers(len(orders)))][0].quantity = None  # a blank, as in real files
    return tuple(o for o, _ in orders), tuple(b for _, b in orders)


# ---------------------------------------------------------------- the people


def _people(rng: np.random.Generator, model: Model, quality: float, personal: float, technical: float,
            domain: str) -> list[Person]:  # fmt: skip
    """The general manager, purchasing director, finance director, buyer and a quality engineer who coaches
    us, and two more posts. Relationships (trust + interest + emotion) are strong on the levels a good
    account opens to us — the shop floor first, then management, the decision level last — and with the
    decision maker as close as the "personal" wall criterion says; stances follow from each post's stake."""
    levels = {x.code for x in model.buying_centre.levels}
    roles = {x.code for x in model.buying_centre.roles}
    open_to = int(np.clip(np.rint(quality * 3 + rng.normal(0, 0.6)), 1, 3))
    strong = set(("operating", "management", "decision")[:open_to])
    picks = sorted([*_ALWAYS, *rng.choice(_SOMETIMES, size=2, replace=False).tolist()])
    people = []
    for k in picks:
        post = _POSTS[k]
        name, py = _person(rng)
        disc: str | None
        personality: str | None
        disc, personality = _PERSONALITY[int(rng.integers(len(_PERSONALITY)))]
        if rng.random() < 0.15:  # not yet read: a blank, as in real files
            disc, personality = None, None
        if post.role == "decision_maker":
            trust, interest, emotion = max(1.0, personal), 1.0 if personal >= 1 else 0.0, personal
            if post.title == "董事长":  # further from day-to-day supply
                trust, interest, emotion = 1.0, 0.0, max(0.0, personal - 1)
            stance = "supporter" if personal >= 1 else ("neutral" if quality > 0.35 else "opponent")
        else:
            close = post.level in strong
            trust = float(rng.integers(1, 3)) if close else float(rng.integers(0, 2))
            interest = float(rng.integers(1, 3)) if close else 0.0
            emotion = float(rng.integers(0, 3)) if close else 0.0
            if post.role == "coach":
                stance = "supporter"
            elif post.role == "gatekeeper":  # finance guards terms and payment, seldom takes sides
                stance = "neutral"
            elif post.title == "技术总监":  # our specification in their drawings wins the engineers over
                stance = "supporter" if technical >= 3 else "neutral"
            elif post.department == "采购部":  # purchasing is paid to keep a second source and push price
                stance = str(rng.choice(["supporter", "neutral", "opponent"], p=_purchasing(quality)))
            else:
                stance = "supporter" if close else "neutral"
        email = None if rng.random() < 0.15 else f"{py}{int(rng.integers(1, 99))}@{domain}"
        hobby = None if rng.random() < 0.2 else _HOBBIES[int(rng.integers(len(_HOBBIES)))]
        mobile = f"1{int(rng.choice((3, 5, 8)))}{int(rng.integers(10))}{int(rng.integers(10**8)):08d}"
        people.append(
            Person(
                name=name, title=post.title, department=post.department,
                level=post.level if post.level in levels else None, role=post.role if post.role in roles else None,
                stance=stance, influence=float(post.influence), disc=disc,
                trust=trust, interest=interest, emotion=emotion,
                authority=post.authority, phone=mobile, email=email, personality=personality, hobbies=hobby,
            )
        )  # fmt: skip
    return people


def _purchasing(quality: float) -> list[float]:
    """Stance odds of a purchasing post (supporter, neutral, opponent): warmer on a better account."""
    support = 0.2 + 0.5 * quality
    oppose = max(0.05, 0.3 - 0.3 * quality)
    return [support, 1 - support - oppose, oppose]


# ---------------------------------------------------------------- one account


def _draw(i: int, model: Model, seed: int, as_of: date) -> tuple[Any, ...]:
    rng = np.random.default_rng([seed, i])
    card, bar = model.scorecard(), model.barrier
    name = account_name(i)
    industry = INDUSTRIES[i % len(INDUSTRIES)][0]
    quality = float(rng.beta(2.2, 2.0))
    low = float(getattr(card, "scale_min", 0.0))  # the selection scorecard runs 1–10 (seed 002)
    scores = {
        c.code: float(np.clip(np.rint(low + quality * (card.scale - low) + rng.normal(0, 1.8)), low, card.scale))
        for c in card.criteria
    }
    size = float(round(rng.lognormal(15.0 + 1.6 * quality, 0.7), -3))  # ¥ a year, heavy-tailed
    comp = {
        k: float(np.clip(np.rint(quality * bar.component_scale + rng.normal(0, 1.0)), 0, bar.component_scale))
        for k in ("technical", "commercial", "procedural", "financial", "relational")
    }
    wall_max = {w.code: w.max for w in bar.wall_criteria}
    given: dict[str, float | None] = {
        k: float(np.clip(np.rint(quality * wall_max[k] + rng.normal(0, 0.6)), 0, wall_max[k])) + 0.0
        for k in ("specified", "personal")
        if k in wall_max
    }
    owner = str(rng.choice(_OWNERS))
    city = CITIES[i % len(CITIES)]
    domain = f"{PINYIN.get(city, 'example')}.com.cn"
    people = _people(rng, model, quality, float(given.get("personal", 1.0) or 0.0), comp["technical"], domain)
    share = float(np.clip(0.12 + 0.8 * quality + rng.normal(0, 0.1), 0.08, 0.92))  # of its spend in our category
    gross_margin = float(round(rng.uniform(0.16, 0.30), 3))
    invoices, receipts = account_ledger(i, size, as_of, seed)
    lines = tuple(LINES[k][0] for k in _BUYS[industry])
    record = AccountRecord(
        name=name, code=f"KA{1001 + i:04d}", industry=industry, owner=owner, scores=scores, wall=given,
        technical=comp["technical"], commercial=comp["commercial"], procedural=comp["procedural"],
        financial=comp["financial"], relational=comp["relational"],
        as_of=as_of, contacts=tuple(people), invoices=tuple(invoices), receipts=tuple(receipts),
        credit_limit=float(round(size / 12 * float(rng.uniform(2.0, 3.0)), -5)),
    )  # fmt: skip
    return record, rng, quality, share, gross_margin, lines


def _finish(drawn: tuple[Any, ...], model: Model, seed: int, i: int) -> SampleAccount:
    """Our sales from the ledger (read), the total spend that gives the drawn share of wallet, the
    relationship type the scores' tier suggests, and the portfolio's own inputs."""
    record, rng, quality, share, gross_margin, lines = drawn
    card = model.scorecard()
    sales = record.our_sales(model) or 0.0
    scores = np.array([record.scores[c.code] for c in card.criteria])
    tier = int(scorecard.tier_index(float(scorecard.score(scores, card, model)), model))
    relationship = ("strategic", "partnership")[tier] if tier < 2 else "ordinary"
    record = record.updated(sales=sales, total_spend=float(round(sales / share, -3)), relationship=relationship)
    portfolio = {
        "current_value": float(np.clip(np.rint(quality * 100 + rng.normal(0, 12)), 0, 100)),
        "potential_value": float(np.clip(np.rint(rng.uniform(10, 95)), 0, 100)),
        "margin": float(round(sales * gross_margin, -2)),
        "retention": float(round(np.clip(0.55 + 0.4 * quality + rng.normal(0, 0.05), 0.3, 0.95), 2)),
        "discount": 0.10,
    }
    orders, billed = _orders(i, list(record.invoices), lines, seed)
    orders = with_costs(orders, gross_margin, seed * 7919 + i)  # costs consistent with the account's margin
    return SampleAccount(i, quality, record, portfolio, gross_margin, lines, orders, billed)


_CACHE: dict[tuple[int, int, date, str], SampleAccount] = {}


def sample_accounts(
    n: int = 36, model: Model | None = None, seed: int = SAMPLE_SEED, as_of: date = SAMPLE_AS_OF
) -> tuple[SampleAccount, ...]:
    """The first ``n`` accounts of the sample (each drawn once per model, seed and date; their ledgers
    read by the core in one pass)."""
    model = model or active_model()
    keys = [(i, seed, as_of, model.content_hash) for i in range(n)]
    missing = [k for k in keys if k not in _CACHE]
    if missing:
        drawn = [_draw(k[0], model, seed, as_of) for k in missing]
        read_ledgers([d[0] for d in drawn], model)
        for k, d in zip(missing, drawn, strict=True):
            _CACHE[k] = _finish(d, model, seed, k[0])
    return tuple(_CACHE[k] for k in keys)


def sample_account(
    i: int, model: Model | None = None, seed: int = SAMPLE_SEED, as_of: date = SAMPLE_AS_OF
) -> SampleAccount:
    """The ``i``-th account of the sample."""
    model = model or active_model()
    key = (i, seed, as_of, model.content_hash)
    if key not in _CACHE:
        _CACHE[key] = _finish(_draw(i, model, seed, as_of), model, seed, i)
    return _CACHE[key]


def _dated(day: date | None) -> date:
    """A sample row's date (every generated row has one): the sort key of its ledger."""
    assert day is not None
    return day
