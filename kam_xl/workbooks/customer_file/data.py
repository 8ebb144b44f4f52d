"""The customer file's data: one account's company, people, history, strategies, visits, orders and ledgers.

Choice fields take a code or a label in either language (``"strategic"``,
``"战略"``, ``"Strategic"``); the workbook shows the label in its language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pandas as pd

from kam_xl.models.schema import Label

__all__ = [
    "CAPACITY",
    "INDUSTRIES",
    "OWNERSHIP",
    "RELATIONSHIP_TYPES",
    "RESULTS",
    "VISIT_KINDS",
    "Company",
    "Competitor",
    "Contact",
    "CustomerFile",
    "ImportantInfo",
    "Invoice",
    "Order",
    "Receipt",
    "ServiceFile",
    "ServiceRecord",
    "StrategyEntry",
    "Supplier",
    "Visit",
    "rows_for",
]

# Rows each list holds at least (issue #7: a strategic account visited weekly needs 52 visits a year, a
# two-year ledger thousands of rows); a generated file holds its data plus ``SPARE`` rows when that is more.
CAPACITY: dict[str, int] = {
    "contacts": 50,
    "competitors": 8,
    "suppliers": 8,
    "strategies": 50,
    "visits": 200,
    "orders": 2000,
    "invoices": 2000,
    "receipts": 2000,
    "service": 200,
}
# spare rows under a generated file's data, per list
SPARE: dict[str, int] = {
    "contacts": 10, "competitors": 5, "suppliers": 5, "strategies": 10, "visits": 15,
    "orders": 50, "invoices": 50, "receipts": 50, "service": 20,
}  # fmt: skip


def rows_for(items: int, kind: str, blank: bool) -> int:
    """Rows a list is laid out with: the blank template's capacity, or the data plus its spare rows (at
    least the capacity of the small lists, whose rows cost nothing to recalculate)."""
    if blank:
        return CAPACITY[kind]
    return max(items + SPARE[kind], CAPACITY[kind] if CAPACITY[kind] <= 200 else 0)


# Fixed choice lists (not model parameters).
RELATIONSHIP_TYPES: tuple[Label, ...] = (  # seed 004: 普通、伙伴、战略
    Label("ordinary", "普通", "Ordinary"),
    Label("partnership", "伙伴", "Partnership"),
    Label("strategic", "战略", "Strategic"),
)
OWNERSHIP: tuple[Label, ...] = (
    Label("state", "国有", "State-owned"),
    Label("private", "民营", "Private"),
    Label("foreign", "外资", "Foreign-owned"),
    Label("joint", "合资", "Joint venture"),
    Label("listed", "上市公司", "Listed"),
)
VISIT_KINDS: tuple[Label, ...] = (
    Label("visit", "拜访", "Visit"),
    Label("negotiation", "商务谈判", "Negotiation"),
    Label("technical", "技术交流", "Technical meeting"),
    Label("executive", "高层会晤", "Executive meeting"),
    Label("call", "电话", "Call"),
    Label("other", "其他", "Other"),
)
RESULTS: tuple[Label, ...] = (
    Label("achieved", "已达成", "Achieved"),
    Label("partly", "部分达成", "Partly achieved"),
    Label("not_achieved", "未达成", "Not achieved"),
    Label("ongoing", "进行中", "Ongoing"),
)
INDUSTRIES: tuple[Label, ...] = (
    Label("electrical", "电气设备", "Electrical equipment"),
    Label("instruments", "仪器仪表", "Instruments"),
    Label("machinery", "机械制造", "Machinery"),
    Label("building", "建材", "Building materials"),
    Label("steel", "钢铁", "Steel"),
    Label("auto_parts", "汽车零部件", "Auto parts"),
    Label("other", "其他", "Other"),
)


@dataclass
class Company:
    name: str | None = None
    code: str | None = None
    industry: str | None = None
    address: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    website: str | None = None
    employees: int | None = None
    revenue: float | None = None
    main_products: str | None = None
    founded: int | None = None
    ownership: str | None = None
    relationship: str | None = None  # code or label of RELATIONSHIP_TYPES
    manager: str | None = None
    updated: datetime.date | None = None
    notes: str | None = None


@dataclass
class Contact:
    name: str | None = None
    department: str | None = None
    title: str | None = None
    level: str | None = None  # model buying-centre level: code or label
    role: str | None = None  # model buying-centre role: code or label
    authority: str | None = None
    phone: str | None = None
    email: str | None = None
    personality: str | None = None
    hobbies: str | None = None
    notes: str | None = None


@dataclass
class Competitor:
    name: str | None = None
    main_products: str | None = None
    market_share: float | None = None  # 0–1
    strengths: str | None = None
    weaknesses: str | None = None


@dataclass
class Supplier:
    name: str | None = None
    supplied: str | None = None
    wallet_share: float | None = None  # 0–1 of the customer's spend in our category
    since: int | None = None
    notes: str | None = None


@dataclass
class ImportantInfo:
    organisation: str | None = None
    history: str | None = None
    goals: str | None = None
    direction: str | None = None
    positioning: str | None = None
    sales_status: str | None = None
    resources: str | None = None
    our_position: str | None = None
    competitors: list[Competitor] = field(default_factory=list)
    suppliers: list[Supplier] = field(default_factory=list)


@dataclass
class StrategyEntry:
    date: datetime.date | None = None
    strategy: str | None = None
    measures: str | None = None
    owner: str | None = None
    expected: str | None = None
    review_date: datetime.date | None = None
    effect: str | None = None
    result: str | None = None  # code or label of RESULTS
    correction: str | None = None


@dataclass
class Visit:
    date: datetime.date | None = None
    kind: str | None = None  # code or label of VISIT_KINDS
    their_people: str | None = None
    our_people: str | None = None
    situation: str | None = None
    problem: str | None = None
    implication: str | None = None
    need_payoff: str | None = None
    answer: str | None = None
    next_step: str | None = None
    next_date: datetime.date | None = None


@dataclass
class Order:
    date: datetime.date | None = None
    number: str | None = None
    product_line: str | None = None
    quantity: float | None = None
    amount: float | None = None
    notes: str | None = None
    cost: float | None = None  # cost of sales: the gross margin (#10)
    returned: float | None = None  # the amount of the order returned: the returns rate (#10)


@dataclass
class Invoice:
    number: str | None = None
    invoice_date: datetime.date | None = None
    due_date: datetime.date | None = None
    amount: float | None = None


@dataclass
class Receipt:
    invoice: str | None = None  # blank: cash not matched to an invoice
    receipt_date: datetime.date | None = None
    amount: float | None = None


@dataclass
class ServiceRecord:
    """One entry of the service log (客户服务数据库): a praise, a suggestion or a complaint at one of its
    stages (抱怨 → 投诉 → 危机; codes or labels of :data:`kam_xl.core.service.SERVICE_TYPES`)."""

    date: datetime.date | None = None
    contact: str | None = None
    kind: str | None = None
    subject: str | None = None
    received: datetime.date | None = None
    first_response: datetime.date | None = None
    closed: datetime.date | None = None
    owner: str | None = None


@dataclass
class ServiceFile:
    """The service sheet's inputs: the log, the account's tier (its visit frequency), whether its decision
    maker was lost, and for a lost account the reason (:data:`kam_xl.core.service.LOST_REASONS`) and the
    win-back plan (挽回策略)."""

    records: list[ServiceRecord] = field(default_factory=list)
    tier: str | None = None  # the tier's label in either language, or its code
    decision_maker_lost: bool | None = None
    lost: bool | None = None
    lost_reason: str | None = None
    win_back: str | None = None
    win_back_owner: str | None = None
    win_back_date: datetime.date | None = None


@dataclass
class CustomerFile:
    """One account's file.

    ``invoices`` and ``receipts`` are lists, or DataFrames with the core's columns
    (``invoice, invoice_date, due_date, amount`` and ``invoice, receipt_date,
    amount``; an ``account`` column is ignored: the ledger is this account's).
    ``as_of`` is the receivables sheet's as-of date unless :func:`build` is given one.
    ``sort_ledgers``: the sheet writes both ledgers sorted by invoice number (receipts then by date), so that
    each row's figures come by binary search (issue #7); False keeps the rows as given (a file read back
    from its sheet, whose rows keep their places; out of order, the sheet computes the slower exact way).
    """

    company: Company = field(default_factory=Company)
    contacts: list[Contact] = field(default_factory=list)
    important: ImportantInfo = field(default_factory=ImportantInfo)
    strategies: list[StrategyEntry] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)
    product_lines: list[str] = field(default_factory=list)
    invoices: list[Invoice] | pd.DataFrame = field(default_factory=list)
    receipts: list[Receipt] | pd.DataFrame = field(default_factory=list)
    credit_limit: float | None = None
    as_of: datetime.date | None = None
    service: ServiceFile = field(default_factory=ServiceFile)
    sort_ledgers: bool = True
