"""The customer file workbook (大客户档案) — SPEC §3, seed 004.

One workbook per key account, as the seed's account-file rules list it:
basic information (the company and each contact's authority, phone,
personality and hobbies), important information (organisation, history,
goals, competitors, suppliers), core information (our strategy and its
effect), the process log (visits and negotiations with SPIN notes, our answer
and the next step), orders with the order structure, and receivables.

The receivables sheet holds the account's invoice and receipt ledgers as
fixed blocks with spare rows. Per-row helper columns (received as of, open
amount, days past due, the receipt's invoice date, days to collect, problem
flags) and the per-account indicators are live formulas; each indicator equals
:func:`kam_xl.core.receivables.receivables` for the same ledger and as-of date
(default period: the model's months to the as-of date, start exclusive).

Each ledger block is the data plus 50 spare rows (200 rows in the blank
template); hidden helper columns hold each row's key (its invoice number as
text when the row is complete) so that one comparison matches a number. Cell
styles are resolved once per format, not per cell: a file writes in ~0.1 s.

Decisions the workbook makes where the core raises or Excel differs:

- A ledger row that is incomplete (no invoice number, date or amount; a due
  date before the invoice date; a negative amount) is not counted and is
  flagged "not counted"; the core sees the complete rows only.
- Invoice numbers match as text (``7`` and ``"7"`` are one invoice) and,
  as Excel compares text, case-insensitively: the core is handed the numbers
  in lower case so both agree.
"""

from __future__ import annotations

import math
import os
import weakref
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kam_xl import xlformulas as X
from kam_xl.coerce import parse_number
from kam_xl.core import wallet
from kam_xl.core.receivables import period_for, receivables
from kam_xl.errors import KamError
from kam_xl.indicators import REGISTRY
from kam_xl.ledger import parse_dates
from kam_xl.models import Model, active_model
from kam_xl.models.schema import Label
from kam_xl.sample import sample_ledger, sample_portfolio
from kam_xl.workbooks.book import AMBER, RED, Book
from kam_xl.workbooks.labels import COMMON, Text
from kam_xl.workbooks.model_sheet import model_dict

__all__ = [
    "KIND",
    "LABELS",
    "SAMPLE_AS_OF",
    "SHEETS",
    "Company",
    "Competitor",
    "Contact",
    "CustomerFile",
    "ImportantInfo",
    "Invoice",
    "Order",
    "Receipt",
    "StrategyEntry",
    "Supplier",
    "Visit",
    "build",
    "indicator_cells",
    "sample",
    "write",
]

KIND: Text = ("大客户档案", "Customer file")
SAMPLE_AS_OF = date(2026, 9, 30)  # the demo's as-of date (kam_xl.demo.DEMO_AS_OF)

SHEETS: dict[str, Text] = {
    "basic": ("基本信息", "Basic information"),
    "important": ("重要信息", "Important information"),
    "core": ("核心信息", "Core information"),
    "process": ("过程记录", "Process log"),
    "orders": ("订单", "Orders"),
    "receivables": ("应收账款", "Receivables"),
}

LABELS: dict[str, Text] = {
    # basic information
    "company": ("公司信息", "Company"),
    "code": ("客户编号", "Account code"),
    "industry": ("行业", "Industry"),
    "address": ("地址", "Address"),
    "phone": ("电话", "Phone"),
    "fax": ("传真", "Fax"),
    "email": ("电子邮箱", "Email"),
    "website": ("网址", "Website"),
    "employees": ("员工人数", "Employees"),
    "revenue": ("年销售额（¥）", "Annual revenue (¥)"),
    "main_products": ("主要产品", "Main products"),
    "founded": ("成立年份", "Founded (year)"),
    "ownership": ("企业性质", "Ownership"),
    "relationship": ("关系类型", "Relationship type"),
    "manager": ("大客户经理", "Key-account manager"),
    "updated": ("更新日期", "Updated on"),
    "key_figures": ("关键指标（取自应收账款表）", "Key figures (from the Receivables sheet)"),
    "contacts": ("联系人", "Contacts"),
    "name": ("姓名", "Name"),
    "department": ("部门", "Department"),
    "title": ("职务", "Title"),
    "level": ("层级", "Level"),
    "role": ("角色", "Role"),
    "authority": ("权限", "Authority"),
    "personality": ("性格", "Personality"),
    "hobbies": ("爱好", "Hobbies"),
    # important information
    "organisation": ("组织架构", "Organisation"),
    "history": ("发展历史", "History"),
    "goals": ("经营目标", "Business goals"),
    "direction": ("发展方向", "Direction"),
    "positioning": ("产品定位", "Product positioning"),
    "sales_status": ("销售状况", "Sales"),
    "resources": ("客户资源", "Resources"),
    "our_position": ("我方供货、竞争与利润", "Our supply, competition and profit"),
    "competitors": ("客户的竞争对手", "The customer's competitors"),
    "competitor": ("竞争对手", "Competitor"),
    "market_share": ("市场份额", "Market share"),
    "strengths": ("优势", "Strengths"),
    "weaknesses": ("劣势", "Weaknesses"),
    "suppliers": ("客户的供应商（本品类）", "The customer's suppliers (our category)"),
    "supplier": ("供应商", "Supplier"),
    "supplied": ("供应产品", "Products supplied"),
    "wallet_share": ("采购份额", "Share of spend"),
    "since": ("合作起始年", "Supplier since"),
    # core information
    "strategy_log": ("我方策略与效果（定期检查、随时修正）", "Our strategy and its effect (review, correct)"),
    "date": ("日期", "Date"),
    "strategy": ("策略/计划", "Strategy / plan"),
    "measures": ("具体措施", "Measures"),
    "expected": ("预期效果", "Expected effect"),
    "review_date": ("检查日期", "Reviewed on"),
    "effect": ("实际效果", "Actual effect"),
    "result": ("评价", "Result"),
    "correction": ("修正措施", "Correction"),
    # process log
    "process_log": ("拜访与谈判记录（SPIN）", "Visits and negotiations (SPIN)"),
    "kind": ("类型", "Type"),
    "their_people": ("客户参与人（身份）", "Their participants (role)"),
    "our_people": ("我方参与人", "Our participants"),
    "situation": ("背景问题 S", "Situation (S)"),
    "problem": ("难点问题 P", "Problem (P)"),
    "implication": ("暗示问题 I", "Implication (I)"),
    "need_payoff": ("需求-效益 N", "Need-payoff (N)"),
    "answer": ("我方回答", "Our answer"),
    "next_step": ("下一步", "Next step"),
    "next_date": ("下次日期", "Next date"),
    # orders
    "orders": ("订单记录", "Orders"),
    "order_no": ("订单号", "Order no."),
    "product_line": ("产品线", "Product line"),
    "quantity": ("数量", "Quantity"),
    "amount": ("金额", "Amount"),
    "structure": ("订单结构（按产品线）", "Order structure (by product line)"),
    "orders_count": ("订单数", "Orders"),
    "share": ("占比", "Share"),
    # receivables
    "receivables": ("应收账款与信用", "Receivables and credit"),
    "credit_limit": ("信用额度", "Credit limit"),
    "period_start": ("期间起点（不含）", "Period start (exclusive)"),
    "period_days": ("期间天数", "Days in period"),
    "indicator": ("指标", "Indicator"),
    "value": ("数值", "Value"),
    "invoices": ("发票台账", "Invoices"),
    "receipts": ("收款台账", "Receipts"),
    "invoice_no": ("发票号", "Invoice no."),
    "invoice_date": ("开票日期", "Invoice date"),
    "due_date": ("到期日", "Due date"),
    "received": ("截至已收", "Received as of"),
    "open": ("未收余额", "Outstanding"),
    "days_past_due": ("逾期天数", "Days past due"),
    "problems": ("问题", "Problems"),
    "counted": ("计入", "Counted"),
    "key": ("键", "Key"),
    "matches": ("匹配发票行数", "Matching invoice rows"),
    "invoice_amount": ("发票金额", "Invoice amount"),
    "cumulative": ("累计收款（至本笔）", "Received to date"),
    "receipt_date": ("收款日期", "Receipt date"),
    "its_invoice_date": ("对应开票日", "Its invoice date"),
    "days_to_collect": ("收款天数", "Days to collect"),
    "n_invoices": ("计入的发票数", "Invoices counted"),
    "n_receipts": ("计入的收款数", "Receipts counted"),
    "sales": ("本期销售额", "Sales in period"),
    "outstanding": ("应收余额", "Outstanding"),
    "overdue": ("逾期金额", "Overdue"),
    "arrears_rate": ("欠款率", "Arrears rate"),
    "overdue_ratio": ("逾期占比", "Overdue ratio"),
    "dso": ("应收账款周转天数 DSO", "DSO (days)"),
    "best_dso": ("最佳可能 DSO", "Best possible DSO"),
    "days_delinquent": ("平均逾期天数", "Average days delinquent"),
    "opening": ("期初应收余额", "Opening outstanding"),
    "cei": ("收款有效性指数 CEI", "Collection effectiveness index (CEI)"),
    "avg_collection_days": ("平均收款周期（天）", "Average collection days"),
    "largest_receipt": ("最大单笔收款额", "Largest receipt"),
    "avg_receipt": ("平均收款额", "Average receipt"),
    "unapplied_receipts": ("未核销收款", "Unapplied receipts"),
    "avg_arrears": ("平均欠款额（月末）", "Average arrears (month ends)"),
    "credit_use": ("信用额度使用率", "Credit-limit use"),
    "credit_rating": ("信用等级", "Credit rating"),
    "month_ends": ("月末应收余额", "Outstanding at month ends"),
    "month_end": ("月末", "Month end"),
    # problem flags (per ledger row)
    "unknown_invoice": ("未知发票", "Unknown invoice"),
    "before_invoice": ("收款早于开票", "Receipt before invoice"),
    "overpaid": ("超过未收余额", "Exceeds open amount"),
    "duplicate_invoice": ("重复发票号", "Duplicate invoice no."),
    "not_counted": ("未计入：信息不全或有误", "Not counted: incomplete or invalid"),
    "flag_sep": ("；", "; "),
    "receivables_hint": (
        "截至日期与台账为输入；指标按模型期间（截至日前若干月，起点不含、终点含）计算，空白行可继续填写",
        "The as-of date and the ledgers are inputs; indicators use the model's period (start exclusive, "
        "end inclusive); fill in the blank rows",
    ),
}

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

_ACCOUNT = "account"  # the one account of the ledger handed to the core
_BIG = 10_000_000  # above every Excel date serial: min(x) = BIG − max(BIG − x)


# ---------------------------------------------------------------- data


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
    updated: date | None = None
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
    date: date | None = None
    strategy: str | None = None
    measures: str | None = None
    owner: str | None = None
    expected: str | None = None
    review_date: date | None = None
    effect: str | None = None
    result: str | None = None  # code or label of RESULTS
    correction: str | None = None


@dataclass
class Visit:
    date: date | None = None
    kind: str | None = None  # code or label of VISIT_KINDS
    their_people: str | None = None
    our_people: str | None = None
    situation: str | None = None
    problem: str | None = None
    implication: str | None = None
    need_payoff: str | None = None
    answer: str | None = None
    next_step: str | None = None
    next_date: date | None = None


@dataclass
class Order:
    date: date | None = None
    number: str | None = None
    product_line: str | None = None
    quantity: float | None = None
    amount: float | None = None
    notes: str | None = None


@dataclass
class Invoice:
    number: str | None = None
    invoice_date: date | None = None
    due_date: date | None = None
    amount: float | None = None


@dataclass
class Receipt:
    invoice: str | None = None  # blank: cash not matched to an invoice
    receipt_date: date | None = None
    amount: float | None = None


@dataclass
class CustomerFile:
    """One account's file.

    ``invoices`` and ``receipts`` are lists, or DataFrames with the core's columns
    (``invoice, invoice_date, due_date, amount`` and ``invoice, receipt_date,
    amount``; an ``account`` column is ignored: the ledger is this account's).
    ``as_of`` is the receivables sheet's as-of date unless :func:`build` is given one.
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
    as_of: date | None = None


# ---------------------------------------------------------------- cell values


def _blank(v: object) -> bool:
    return (
        v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())
    )


def _ident(v: object) -> str | None:
    """An identifier as the text a cell holds: whole numbers without '.0', blanks None."""
    if _blank(v):
        return None
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    return str(v).strip()


def _day(v: object) -> object:
    """A date for a date cell; unreadable text stays text (the row is then not counted)."""
    if _blank(v):
        return None
    if isinstance(v, datetime):  # includes pd.Timestamp
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, np.datetime64):
        return pd.Timestamp(v).date()
    if isinstance(v, str):
        try:
            return pd.Timestamp(parse_dates([v])[0]).date()
        except KamError:
            return v
    return v


def _number(v: object, fld: str) -> object:
    """A number for a number cell ("¥1,200" read as 1200); unreadable text stays text."""
    if _blank(v):
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    try:
        return parse_number(v, fld)
    except KamError:
        return str(v)


def _is_num(v: object) -> bool:
    return isinstance(v, float) and math.isfinite(v)


def _choice(value: str | None, labels: Sequence[Label], lang: str) -> str | None:
    """A code or a label in either language → the label in ``lang``; anything else as given."""
    if _blank(value):
        return None
    for lab in labels:
        if value in (lab.code, lab.zh, lab.en):
            return lab.text(lang)
    return value


def _sheet_ref(title: str, ref: str) -> str:
    return "'" + title.replace("'", "''") + "'!" + ref


def _clean(v: object) -> object:
    """A core number for a cached value: NaN → "" (a blank-looking cell)."""
    if v is None:
        return ""
    if isinstance(v, (float, np.floating)):
        return "" if math.isnan(v) else float(v)
    if isinstance(v, (np.integer, int)):
        return float(v)
    return v


# ---------------------------------------------------------------- the ledger, as the workbook sees it


def _rows(table: list | pd.DataFrame, columns: tuple[str, ...], make: type) -> list:
    if isinstance(table, pd.DataFrame):
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise KamError("ledger", f"台账缺少列：{', '.join(missing)}", f"the ledger lacks: {', '.join(missing)}")
        return [make(*row) for row in table[list(columns)].itertuples(index=False, name=None)]
    return list(table)


@dataclass
class _LedgerView:
    """Both ledgers as the sheet holds them, and the core's answer for their complete rows.

    ``inv`` rows are (number, invoice date, due date, amount) and ``rec`` rows
    (invoice number, receipt date, amount) as written to the cells; ``*_ok``
    say which rows are complete (counted). Keys are lower-cased numbers: Excel
    compares text case-insensitively, so the core is handed the same keys.
    """

    inv: list[tuple[object, ...]]
    rec: list[tuple[object, ...]]
    inv_ok: list[bool]
    rec_ok: list[bool]
    as_of: date | None = None
    start: date | None = None
    days: int | None = None
    accounts: pd.Series | None = None  # the core's indicators (None: nothing to compute)
    kinds: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # core problems by (source, sheet row)

    def inv_key(self, i: int) -> str | None:
        return str(self.inv[i][0]).lower() if self.inv_ok[i] else None

    def rec_key(self, j: int) -> str | None:
        n = self.rec[j][0]
        return str(n).lower() if self.rec_ok[j] and n is not None else None


def _ledger_view(data: CustomerFile | None, as_of: date | None, model: Model) -> _LedgerView:
    invoices = _rows(data.invoices, ("invoice", "invoice_date", "due_date", "amount"), Invoice) if data else []
    receipts = _rows(data.receipts, ("invoice", "receipt_date", "amount"), Receipt) if data else []
    inv = [(_ident(x.number), _day(x.invoice_date), _day(x.due_date), _number(x.amount, "amount")) for x in invoices]
    rec = [(_ident(x.invoice), _day(x.receipt_date), _number(x.amount, "amount")) for x in receipts]
    inv_ok = [
        n is not None and isinstance(d, date) and isinstance(u, date) and _is_num(a) and u >= d and a >= 0  # type: ignore[operator]
        for n, d, u, a in inv
    ]
    rec_ok = [isinstance(d, date) and _is_num(a) and a >= 0 for _, d, a in rec]  # type: ignore[operator]
    view = _LedgerView(inv, rec, inv_ok, rec_ok, as_of)
    if as_of is not None:
        period = period_for(as_of, model.receivables.period_months)
        view.start, view.days = period.start, period.days
    if not any(inv_ok) and not any(rec_ok):
        return view
    # The frames' index is the sheet row, so the core's problems point at the rows the user sees.
    inv_frame = pd.DataFrame(
        [(_ACCOUNT, view.inv_key(i), d, u, a) for i, (_, d, u, a) in enumerate(inv) if inv_ok[i]],
        columns=["account", "invoice", "invoice_date", "due_date", "amount"],
        index=pd.Index([_R_FIRST + i for i in range(len(inv)) if inv_ok[i]], dtype=np.int64),
    )
    rec_frame = pd.DataFrame(
        [(_ACCOUNT, view.rec_key(j), d, a) for j, (_, d, a) in enumerate(rec) if rec_ok[j]],
        columns=["account", "invoice", "receipt_date", "amount"],
        index=pd.Index([_R_FIRST + j for j in range(len(rec)) if rec_ok[j]], dtype=np.int64),
    )
    for frame, cols in ((inv_frame, ("invoice_date", "due_date")), (rec_frame, ("receipt_date",))):
        for c in cols:
            frame[c] = pd.to_datetime(frame[c])
    limit = _number(data.credit_limit, "credit_limit") if data else None
    limits = {_ACCOUNT: limit} if _is_num(limit) and limit > 0 else None  # type: ignore[operator]
    # Problems are faults of the data, whatever the date: found even before an as-of date is given.
    result = receivables(inv_frame, rec_frame, as_of or date(2000, 1, 1), credit_limits=limits, model=model)
    for src, row, kind in zip(result.problems["source"], result.problems["row"], result.problems["kind"], strict=True):
        view.kinds.setdefault((src, int(row)), []).append(kind)
    if as_of is not None:
        view.accounts = result.accounts.loc[_ACCOUNT]
    return view


def _invoice_values(view: _LedgerView) -> list[tuple[object, object, object]]:
    """Received as of, open amount and days past due (while open) per invoice row, as its formulas compute them.

    Receipts fill the repeated rows of one invoice number in order and the last
    row takes any excess (the core's rule, per row): received = min(max(applied
    − earlier rows' invoiced, 0), this row's invoiced, or no cap on the last row).
    """
    out: list[tuple[object, object, object]] = []
    as_of = view.as_of
    keys = [view.inv_key(i) for i in range(len(view.inv))]
    for i, (_, d, u, a) in enumerate(view.inv):
        if keys[i] is None or as_of is None:
            out.append(("", "", ""))
            continue
        applied = sum(r[2] for j, r in enumerate(view.rec) if view.rec_key(j) == keys[i] and r[1] <= as_of)  # type: ignore[misc, operator]
        before = sum(x[3] for k, x in enumerate(view.inv[:i]) if keys[k] == keys[i] and x[1] <= as_of)  # type: ignore[misc, operator]
        invoiced = a if d <= as_of else 0.0  # type: ignore[operator]
        cap = invoiced if keys[i] in keys[i + 1 :] else math.inf
        received = min(max(applied - before, 0.0), cap)  # type: ignore[type-var]
        open_ = round(invoiced - received, 6)
        out.append((received, open_, float((as_of - u).days) if open_ != 0 else ""))  # type: ignore[operator]
    return out


def _receipt_values(view: _LedgerView) -> list[tuple[object, object, object, object]]:
    """Per receipt: its invoice's date (earliest row of the number), the invoice amount, the receipts
    on that invoice up to this one (by date, then row) and the days to collect; blanks when unknown."""
    first: dict[str, date] = {}
    total: dict[str, float] = {}
    for i, (_, d, _, a) in enumerate(view.inv):
        k = view.inv_key(i)
        if k is not None:
            first[k] = min(first.get(k, d), d)  # type: ignore[type-var, arg-type]
            total[k] = total.get(k, 0.0) + a  # type: ignore[operator]
    out: list[tuple[object, object, object, object]] = []
    for j, (_, d, _) in enumerate(view.rec):
        k = view.rec_key(j)
        if k not in first:
            out.append(("", "", "", ""))
            continue
        cum = sum(
            r[2]  # type: ignore[misc]
            for m, r in enumerate(view.rec)
            if view.rec_key(m) == k and (r[1] < d or (r[1] == d and m <= j))  # type: ignore[operator]
        )
        out.append((first[k], total[k], cum, float((d - first[k]).days)))  # type: ignore[operator]
    return out


def _invoice_counts(view: _LedgerView) -> list[int]:
    """Per receipt: how many complete invoice rows carry its number."""
    keys = [view.inv_key(i) for i in range(len(view.inv))]
    return [0 if view.rec_key(j) is None else keys.count(view.rec_key(j)) for j in range(len(view.rec))]


def _balance_at(view: _LedgerView, day: date, known: list[bool]) -> float:
    """Outstanding on ``day``: invoices dated by then less the receipts applied by then."""
    inv = sum(x[3] for i, x in enumerate(view.inv) if view.inv_ok[i] and x[1] <= day)  # type: ignore[misc, operator]
    rec = sum(x[2] for j, x in enumerate(view.rec) if known[j] and x[1] <= day)  # type: ignore[misc, operator]
    return round(inv - rec, 6)  # type: ignore[operator]


def _month_ends(start: date, months: int) -> list[date]:
    """EOMONTH(start, k) for k = 0 … months: every month end that can fall in the period."""
    out = []
    for k in range(months + 1):
        y, m = divmod(start.year * 12 + start.month + k, 12)
        out.append(date(y, m + 1, 1) - timedelta(days=1))
    return out


# ---------------------------------------------------------------- layout helpers

_STYLES: weakref.WeakKeyDictionary[Book, dict[tuple[str, str], StyleArray]] = weakref.WeakKeyDictionary()


def _styled(book: Book, kind: str, fmt: str, cell: Cell) -> bool:
    """Give ``cell`` the house style already resolved for (kind, fmt); False the first time."""
    style = _STYLES.setdefault(book, {}).get((kind, fmt))
    if style is None:
        return False
    cell._style = copy(style)
    return True


def _remember(book: Book, kind: str, fmt: str, cell: Cell) -> None:
    _STYLES.setdefault(book, {})[(kind, fmt)] = copy(cell._style)


def _put(book: Book, ws: Worksheet, ref: str, value: object = None, fmt: str = "general") -> None:
    """:meth:`Book.input`, with the cell style resolved once per format (thousands of ledger cells)."""
    cell = ws[ref]
    if not _styled(book, "input", fmt, cell):
        book.input(ws, ref, value, fmt)
        _remember(book, "input", fmt, cell)
        return
    if isinstance(value, datetime | date) or value is None or isinstance(value, bool | int | float):
        cell.value = value
    else:
        cell.value = str(value)
        cell.data_type = "s"  # text from data stays text, even "=..." (SPEC §5)


def _calc(book: Book, ws: Worksheet, ref: str, formula: str, value: object, fmt: str = "general") -> None:
    """:meth:`Book.formula`, with the cell style resolved once per format."""
    cell = ws[ref]
    if not formula.startswith("=") or not _styled(book, "formula", fmt, cell):
        book.formula(ws, ref, formula, value, fmt)
        _remember(book, "formula", fmt, cell)
        return
    cell.value = formula
    book.cached[ws.title][ref] = value


def _text_limit(ws: Worksheet, ref: str, lang: str, limit: int = 2000) -> None:
    """Free text: any text up to ``limit`` characters (so every input has a validation)."""
    dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit), allow_blank=True)
    dv.error = f"最多 {limit} 个字符" if lang == "zh" else f"At most {limit} characters"
    dv.errorTitle, dv.showErrorMessage = "kam_xl", True
    ws.add_data_validation(dv)
    dv.add(ref)


_FIXED: dict[str, Sequence[Label]] = {
    "relationship": RELATIONSHIP_TYPES,
    "ownership": OWNERSHIP,
    "visit": VISIT_KINDS,
    "result": RESULTS,
    "industry": INDUSTRIES,
}
# input kind → number format; every other kind is text
_KIND_FMT = {"date": "date", "money": "money", "number": "number", "int": "int", "year": "int", "percent": "percent"}

Spec = Sequence[tuple[str, str, float]]  # ("field" or "field:label key", kind, column width or row height)


def _value(book: Book, kind: str, value: object) -> object:
    """A data value as its cell holds it: dates, numbers, a choice's label in the book's language."""
    if kind == "date":
        return _day(value)
    if kind in _KIND_FMT:
        return _number(value, kind)
    bc = book.model.buying_centre
    labels = {"level": bc.levels, "role": bc.roles}.get(kind) or _FIXED.get(kind.removeprefix("fixed:"))
    return _choice(value, labels, book.lang) if labels else value  # type: ignore[arg-type]


def _validate(book: Book, ws: Worksheet, ref: str, kind: str) -> None:
    """The validation of an input kind: date, number range, dropdown or text length."""
    names = {"level": "KAM_BUYING_CENTRE_LEVELS", "role": "KAM_BUYING_CENTRE_ROLES"}
    if kind == "date":
        book.dates(ws, ref)
    elif kind in ("money", "number", "int"):
        book.number_range(ws, ref, 0, None, whole=kind == "int")
    elif kind == "year":
        book.number_range(ws, ref, 1800, 2200, whole=True)
    elif kind == "percent":
        book.number_range(ws, ref, 0, 1)
    elif kind in names:
        book.choices(ws, ref, X.label(names[kind], book.lang))
    elif kind.startswith("list:"):  # a range of this sheet; other names allowed (no error message)
        dv = DataValidation(type="list", formula1=kind[5:], allow_blank=True, showErrorMessage=False)
        ws.add_data_validation(dv)
        dv.add(ref)
    elif kind.startswith("fixed:"):
        book.fixed_choices(ws, ref, [lab.text(book.lang) for lab in _FIXED[kind[6:]]])
    else:
        _text_limit(ws, ref, book.lang)


def _field(entry: str) -> tuple[str, Text]:
    """A spec entry's dataclass field and its label."""
    name, _, key = entry.partition(":")
    key = key or name
    return name, LABELS.get(key) or COMMON[key]


def _table(book: Book, ws: Worksheet, header: int, spec: Spec, items: Sequence[object], n_rows: int) -> int:
    """A block of ``n_rows`` input rows under a header row, one column per field; returns its last row."""
    book.headers(ws, header, [_field(entry)[1] for entry, _, _ in spec])
    first, last = header + 1, header + n_rows
    for j, (entry, kind, width) in enumerate(spec):
        key, letter = _field(entry)[0], get_column_letter(j + 1)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, width)
        fmt = _KIND_FMT.get(kind, "text")
        for i in range(n_rows):
            value = _value(book, kind, getattr(items[i], key)) if i < len(items) else None
            _put(book, ws, f"{letter}{first + i}", value, fmt)
        _validate(book, ws, f"{letter}{first}:{letter}{last}", kind)
    return last


def _fields(book: Book, ws: Worksheet, row: int, item: object, spec: Spec, *, merge_to: str = "") -> int:
    """A form: label in column A, the input in B (merged to ``merge_to`` if given); returns the next row."""
    for entry, kind, height in spec:
        key, label = _field(entry)
        book.label(ws, f"A{row}", label, header=False)
        ws[f"A{row}"].font = Font(bold=True)
        _put(book, ws, f"B{row}", _value(book, kind, getattr(item, key)), _KIND_FMT.get(kind, "text"))
        _validate(book, ws, f"B{row}", kind)
        if merge_to:
            ws.merge_cells(f"B{row}:{merge_to}{row}")
        if height:
            ws.row_dimensions[row].height = height
        row += 1
    return row


def _head(book: Book, ws: Worksheet, title: Text | str, last_col: str) -> None:
    """Title, and the inputs hint across the columns up to ``last_col``."""
    book.title(ws, "A1", title)
    book.label(ws, "A2", COMMON["inputs_hint"], header=False)
    ws.merge_cells(f"A2:{last_col}2")


def _finish(ws: Worksheet, freeze: str, title_rows: str) -> None:
    ws.freeze_panes = freeze
    ws.print_title_rows = title_rows


# ---------------------------------------------------------------- sheets

_COMPANY: Spec = (
    ("name:account", "text", 0), ("code", "text", 0), ("industry", "fixed:industry", 0), ("address", "text", 0),
    ("phone", "text", 0), ("fax", "text", 0), ("email", "text", 0), ("website", "text", 0),
    ("employees", "int", 0), ("revenue", "money", 0), ("main_products", "text", 0), ("founded", "year", 0),
    ("ownership", "fixed:ownership", 0), ("relationship", "fixed:relationship", 0), ("manager", "text", 0),
    ("updated", "date", 0), ("notes", "text", 0),
)  # fmt: skip
_CONTACTS: Spec = (
    ("name", "text", 16), ("department", "text", 36), ("title", "text", 14), ("level", "level", 22),
    ("role", "role", 18), ("authority", "text", 30), ("phone", "text", 15), ("email", "text", 24),
    ("personality", "text", 28), ("hobbies", "text", 16), ("notes", "text", 20),
)  # fmt: skip
_IMPORTANT: Spec = tuple(
    (k, "text", 45)
    for k in (
        "organisation",
        "history",
        "goals",
        "direction",
        "positioning",
        "sales_status",
        "resources",
        "our_position",
    )
)
_COMPETITORS: Spec = (
    ("name:competitor", "text", 24), ("main_products", "text", 30), ("market_share", "percent", 12),
    ("strengths", "text", 36), ("weaknesses", "text", 36),
)  # fmt: skip
_SUPPLIERS: Spec = (
    ("name:supplier", "text", 24), ("supplied", "text", 30), ("wallet_share", "percent", 12), ("since", "year", 36),
    ("notes", "text", 36),
)  # fmt: skip
_STRATEGIES: Spec = (
    ("date", "date", 12), ("strategy", "text", 30), ("measures", "text", 40), ("owner", "text", 10),
    ("expected", "text", 30), ("review_date", "date", 12), ("effect", "text", 30), ("result", "fixed:result", 12),
    ("correction", "text", 30),
)  # fmt: skip
_VISITS: Spec = (
    ("date", "date", 12), ("kind", "fixed:visit", 11), ("their_people", "text", 24), ("our_people", "text", 16),
    ("situation", "text", 30), ("problem", "text", 30), ("implication", "text", 30), ("need_payoff", "text", 30),
    ("answer", "text", 30), ("next_step", "text", 28), ("next_date", "date", 12),
)  # fmt: skip
_ORDERS: Spec = (
    ("date", "date", 12), ("number:order_no", "text", 16), ("product_line", "list:", 22), ("quantity", "number", 10),
    ("amount", "money", 16), ("notes", "text", 24),
)  # fmt: skip


def _basic(book: Book, data: CustomerFile | None, figures: dict[str, tuple[str, object]]) -> None:
    """Company form, key receivables figures beside it, the model stamp, and the contacts."""
    ws = book.sheet(SHEETS["basic"])
    company = data.company if data else Company()
    _head(book, ws, f"{book.t(KIND)} — {company.name}" if company.name else KIND, "K")
    meta = model_dict(book.model)["model"]
    for i, (key, name, value) in enumerate(
        (("model", "NAME", meta["name"]), ("model_version", "VERSION", meta["version"]),
         ("model_hash", "HASH", book.model.content_hash))
    ):  # fmt: skip
        book.label(ws, f"{get_column_letter(4 + 2 * i)}3", COMMON[key], header=False)
        _calc(book, ws, f"{get_column_letter(5 + 2 * i)}3", f"=KAM_MODEL_{name}", value)
    book.label(ws, "A4", LABELS["company"])
    row = _fields(book, ws, 5, company, _COMPANY)
    book.label(ws, "D5", LABELS["key_figures"])
    ws.merge_cells("D5:E5")
    for i, key in enumerate(("credit_rating", "outstanding", "overdue", "dso", "credit_use")):
        book.label(ws, f"D{6 + i}", LABELS[key], header=False)
        fmt = {"credit_rating": "general", "dso": "score", "credit_use": "percent"}.get(key, "money")
        ref, value = figures[key]
        _calc(book, ws, f"E{6 + i}", f"={ref}", value, fmt)
    book.label(ws, f"A{row + 1}", LABELS["contacts"])
    contacts = data.contacts if data else []
    _table(book, ws, row + 2, _CONTACTS, contacts, max(len(contacts) + 10, 20))
    _finish(ws, "A5", "1:3")


def _important(book: Book, data: CustomerFile | None) -> None:
    """Organisation, history, goals … as a form, then the competitor and supplier tables."""
    ws = book.sheet(SHEETS["important"])
    info = data.important if data else ImportantInfo()
    _head(book, ws, SHEETS["important"], "E")
    for letter, width in zip("ABCDE", (24, 30, 12, 36, 36), strict=True):
        ws.column_dimensions[letter].width = width
    row = _fields(book, ws, 3, info, _IMPORTANT, merge_to="E") + 1
    for key, spec, items in (
        ("competitors", _COMPETITORS, info.competitors),
        ("suppliers", _SUPPLIERS, info.suppliers),
    ):
        book.label(ws, f"A{row}", LABELS[key])
        row = _table(book, ws, row + 1, spec, items, max(len(items) + 5, 8)) + 2
    _finish(ws, "A3", "1:1")


def _log(book: Book, data: CustomerFile | None, sheet: str, title: str, spec: Spec, field_: str, spare: int) -> None:
    """A dated log (strategies and their effect; visits and negotiations) with spare rows."""
    ws = book.sheet(SHEETS[sheet])
    items = getattr(data, field_) if data else []
    _head(book, ws, LABELS[title], get_column_letter(len(spec)))
    _table(book, ws, 3, spec, items, max(len(items) + spare, 2 * spare))
    _finish(ws, "B4", "3:3")


def _orders(book: Book, data: CustomerFile | None) -> None:
    """Orders, and the order structure: each product line's total and share (wallet.order_structure)."""
    ws = book.sheet(SHEETS["orders"])
    _head(book, ws, LABELS["orders"], "F")
    orders = data.orders if data else []
    lines = [str(x) for x in (data.product_lines if data else []) if not _blank(x)]
    lines += list(
        dict.fromkeys(
            str(o.product_line) for o in orders if not _blank(o.product_line) and str(o.product_line) not in lines
        )
    )
    n_orders, n_lines = max(len(orders) + 50, 200 if data is None else 0), max(len(lines) + 3, 8)
    first, last, lf, ll = 4, 3 + n_orders, 4, 3 + n_lines
    spec = [(k, f"list:=$I${lf}:$I${ll}" if kind == "list:" else kind, w) for k, kind, w in _ORDERS]
    _table(book, ws, 3, spec, orders, n_orders)

    book.label(ws, "I2", LABELS["structure"])
    ws.merge_cells("I2:L2")
    book.headers(ws, 3, [LABELS[k] for k in ("product_line", "orders_count", "amount", "share")], 9)
    for letter, width in zip("HIJKL", (3, 22, 10, 16, 10), strict=True):
        ws.column_dimensions[letter].width = width
    # As the formulas see the orders: a line's name matches as text in any case; an order counts
    # when it has a date, its amount when the amount is a number.
    seen = [(str(o.product_line).lower(), isinstance(_day(o.date), date), _number(o.amount, "amount")) for o in orders]
    totals = [sum(a for k, _, a in seen if k == x.lower() and _is_num(a)) for x in lines]  # type: ignore[misc]
    counts = [float(sum(1 for k, d, _ in seen if k == x.lower() and d)) for x in lines]
    shares = list(wallet.order_structure(totals)) if sum(totals) > 0 else [""] * len(lines)
    total = f"$K${ll + 1}"
    for i in range(n_lines):
        r, has = lf + i, i < len(lines)
        _put(book, ws, f"I{r}", lines[i] if has else None, "text")
        match = f'($C${first}:$C${last}&""=I{r}&"")'
        count = f'=IF(I{r}="","",SUMPRODUCT({match}*ISNUMBER($A${first}:$A${last})))'
        _calc(book, ws, f"J{r}", count, counts[i] if has else "", "int")
        amount = f'=IF(I{r}="","",SUMPRODUCT({match}*1,$E${first}:$E${last}))'
        _calc(book, ws, f"K{r}", amount, totals[i] if has else "", "money")
        share = f'=IF(OR(I{r}="",{total}=0),"",K{r}/{total})'
        _calc(book, ws, f"L{r}", share, _clean(shares[i]) if has else "", "percent")
    _text_limit(ws, f"I{lf}:I{ll}", book.lang)
    book.label(ws, f"I{ll + 1}", COMMON["total"])
    _calc(book, ws, f"J{ll + 1}", f"=SUM(J{lf}:J{ll})", float(sum(counts)), "int")
    _calc(book, ws, f"K{ll + 1}", f"=SUM(K{lf}:K{ll})", float(sum(totals)), "money")
    _finish(ws, "A4", "3:3")


# ---------------------------------------------------------------- receivables sheet

_R_HEADER, _R_FIRST = 6, 7
# Ledger columns; the last of each block are hidden helpers: a row's key is its invoice number as text
# when the row is complete ("" otherwise), so one comparison both matches a number and skips bad rows.
_I = dict(
    zip(("no", "date", "due", "amount", "received", "open", "dpd", "flag", "key", "ok"), "DEFGHIJKLM", strict=True)
)
_P = dict(
    zip(("no", "date", "amount", "kdate", "total", "cum", "lag", "flag", "key", "ok", "n"), "OPQRSTUVWXY", strict=True)
)
_HIDDEN = ("L", "M", "W", "X", "Y")
_AS_OF, _LIMIT, _START, _DAYS = "$B$2", "$B$3", "$B$4", "$B$5"
_WIDTHS = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXY",
        (26, 16, 2, 14, 12, 12, 15, 15, 15, 9, 20, 6, 6, 2, 14, 12, 15, 12, 15, 15, 9, 24, 6, 6, 6),
        strict=True,
    )
)


def _span(col: str, a: int, b: int, *, anchor_first: bool = True) -> str:
    """A growing range: ``$D$7:D12`` (anchored top) or ``D13:$D$206`` (anchored bottom)."""
    return f"${col}${a}:{col}{b}" if anchor_first else f"{col}{a}:${col}${b}"


def _invoice_rows(book: Book, ws: Worksheet, view: _LedgerView, n: int, rec_last: int) -> None:
    """Invoice inputs and their helper formulas: received as of, open, days past due, problem flag."""
    f, last, c = _R_FIRST, _R_FIRST + n - 1, _I
    rk, rd, ra = (f"${_P[k]}${f}:${_P[k]}${rec_last}" for k in ("key", "date", "amount"))
    dup, nc = (f'"{book.t(LABELS[k])}"' for k in ("duplicate_invoice", "not_counted"))
    values = _invoice_values(view)
    for i in range(n):
        r = f + i
        no, d, u, a, key = (f"{c[k]}{r}" for k in ("no", "date", "due", "amount", "key"))
        row = view.inv[i] if i < len(view.inv) else (None, None, None, None)
        for k, v, fmt in zip(("no", "date", "due", "amount"), row, ("text", "date", "date", "money"), strict=True):
            _put(book, ws, f"{c[k]}{r}", v, fmt)
        ok = i < len(view.inv) and view.inv_ok[i]
        complete = f'AND({no}<>"",ISNUMBER({d}),ISNUMBER({u}),ISNUMBER({a}))'
        _calc(book, ws, key, f'=IF({complete},IF(AND({u}>={d},{a}>=0),{no}&"",""),"")', view.inv[i][0] if ok else "")
        _calc(book, ws, f"{c['ok']}{r}", f'=IF({key}="",0,1)', float(ok), "int")
        # Receipts on this number as of, less what earlier rows of the number took; capped at this
        # row's invoiced amount unless no later row repeats the number (the last takes any excess).
        applied = f"SUMPRODUCT(({rk}={key})*({rd}<={_AS_OF}),{ra})"
        prev = f"({_span(c['key'], f, r - 1)}={key})"
        before = (
            "0"
            if i == 0
            else f"SUMPRODUCT({prev}*({_span(c['date'], f, r - 1)}<={_AS_OF}),{_span(c['amount'], f, r - 1)})"
        )
        later = "FALSE" if i == n - 1 else f"SUMPRODUCT(({_span(c['key'], r + 1, last, anchor_first=False)}={key})*1)>0"
        invoiced = f"IF({d}<={_AS_OF},{a},0)"
        received, open_, dpd = values[i] if i < len(values) else ("", "", "")
        rc = f"{c['received']}{r}"
        _calc(
            book, ws, rc,
            f'=IF(OR({key}="",{_AS_OF}=""),"",MIN(MAX({applied}-{before},0),IF({later},{invoiced},1E+300)))',
            _clean(received), "money",
        )  # fmt: skip
        _calc(book, ws, f"{c['open']}{r}", f'=IF({rc}="","",ROUND({invoiced}-{rc},6))', _clean(open_), "money")
        # days past due while something is open (a settled invoice is not "404 days late")
        dpd_f = f'=IF({rc}="","",IF(ROUND({c["open"]}{r},6)=0,"",{_AS_OF}-{u}))'
        _calc(book, ws, f"{c['dpd']}{r}", dpd_f, _clean(dpd), "int")
        flag = ""
        if i < len(view.inv):
            if not ok:
                flag = "" if all(_blank(x) for x in row) else book.t(LABELS["not_counted"])
            elif "duplicate_invoice" in view.kinds.get(("invoices", r), []):
                flag = book.t(LABELS["duplicate_invoice"])
        earlier = "0" if i == 0 else f"SUMPRODUCT({prev}*1)"
        _calc(
            book, ws, f"{c['flag']}{r}",
            f'=IF({key}<>"",IF({earlier}>0,{dup},""),IF(COUNTA({no}:{a})=0,"",{nc}))', flag,
        )  # fmt: skip


def _receipt_rows(book: Book, ws: Worksheet, view: _LedgerView, n: int, inv_last: int) -> None:
    """Receipt inputs and their helpers: its invoice's date and amount, receipts so far, days, problems."""
    f, last, c = _R_FIRST, _R_FIRST + n - 1, _P
    ik, id_, am = (f"${_I[k]}${f}:${_I[k]}${inv_last}" for k in ("key", "date", "amount"))
    rk, rd, ra = (f"${c[k]}${f}:${c[k]}${last}" for k in ("key", "date", "amount"))
    q = {k: f'"{book.t(LABELS[k])}"' for k in ("unknown_invoice", "before_invoice", "overpaid", "not_counted")}
    sep = f'"{book.t(LABELS["flag_sep"])}"'
    values = _receipt_values(view)
    matches = _invoice_counts(view)
    for j in range(n):
        r = f + j
        no, d, a, key, m = (f"{c[k]}{r}" for k in ("no", "date", "amount", "key", "n"))
        row = view.rec[j] if j < len(view.rec) else (None, None, None)
        for k, v, fmt in zip(("no", "date", "amount"), row, ("text", "date", "money"), strict=True):
            _put(book, ws, f"{c[k]}{r}", v, fmt)
        ok = j < len(view.rec) and view.rec_ok[j]
        ok_ref = f"{c['ok']}{r}"
        _calc(book, ws, ok_ref, f"=IF(AND(ISNUMBER({d}),ISNUMBER({a})),IF({a}>=0,1,0),0)", float(ok), "int")
        _calc(book, ws, key, f'=IF({ok_ref}=1,{no}&"","")', (row[0] or "") if ok else "")
        _calc(
            book,
            ws,
            m,
            f'=IF({key}="",0,SUMPRODUCT(({ik}={key})*1))',
            float(matches[j]) if j < len(matches) else 0.0,
            "int",
        )
        kdate, total, cum, lag = values[j] if j < len(values) else ("", "", "", "")
        # Its invoice's date: the earliest among the rows of its number, BIG − max(BIG − date).
        kd = f"{c['kdate']}{r}"
        _calc(book, ws, kd, f'=IF({m}=0,"",{_BIG}-SUMPRODUCT(MAX(({ik}={key})*({_BIG}-{id_}))))', kdate, "date")
        tot = f"{c['total']}{r}"
        _calc(book, ws, tot, f'=IF({m}=0,"",SUMPRODUCT(({ik}={key})*1,{am}))', _clean(total), "money")
        # Receipts on the same invoice up to this one: earlier dates, then the same date up to this row.
        tie = f"({_span(c['key'], f, r)}={key})*({_span(c['date'], f, r)}={d})"
        cu = f"{c['cum']}{r}"
        _calc(
            book, ws, cu,
            f'=IF({m}=0,"",SUMPRODUCT(({rk}={key})*({rd}<{d}),{ra})+SUMPRODUCT({tie},{_span(c["amount"], f, r)}))',
            _clean(cum), "money",
        )  # fmt: skip
        _calc(book, ws, f"{c['lag']}{r}", f'=IF({m}=0,"",{d}-{kd})', _clean(lag), "int")
        flag = ""
        if j < len(view.rec):
            found = view.kinds.get(("receipts", r), [])
            flag = book.t(LABELS["flag_sep"]).join(
                book.t(LABELS[k]) for k in ("unknown_invoice", "before_invoice", "overpaid") if k in found
            )
            if not ok:
                flag = "" if all(_blank(x) for x in row) else book.t(LABELS["not_counted"])
        # Overpaid as the core tests it: receipts so far above the invoice amount by more than float noise.
        over = f"({cu}>{tot}+1E-9*MAX({tot},1))"
        _calc(
            book, ws, f"{c['flag']}{r}",
            f'=IF({ok_ref}=0,IF(COUNTA({no}:{a})=0,"",{q["not_counted"]}),IF({m}=0,{q["unknown_invoice"]},'
            f'CHOOSE(1+({d}<{kd})+2*{over},"",{q["before_invoice"]},{q["overpaid"]},'
            f'{q["before_invoice"]}&{sep}&{q["overpaid"]})))',
            flag,
        )  # fmt: skip


def _indicator_keys(model: Model) -> list[str]:
    return [
        "n_invoices", "n_receipts", "sales", "outstanding", "overdue",
        *(lab.code for lab in model.receivables.aging_labels),
        "arrears_rate", "overdue_ratio", "dso", "best_dso", "days_delinquent", "opening", "cei",
        "avg_collection_days", "largest_receipt", "avg_receipt", "unapplied_receipts", "avg_arrears",
        "credit_use", "credit_rating",
    ]  # fmt: skip


def indicator_cells(model: Model | None = None) -> dict[str, str]:
    """Where each receivables indicator sits on the Receivables sheet: key → cell (``"sales"`` → ``"B9"``).

    Keys are the core's column names (:func:`kam_xl.core.receivables.receivables`; ``credit_rating``
    for its ``rating``) plus ``n_invoices``, ``n_receipts`` and ``opening``.
    """
    return {k: f"B{_R_FIRST + i}" for i, k in enumerate(_indicator_keys(model or active_model()))}


def _receivables(book: Book, data: CustomerFile | None, view: _LedgerView) -> dict[str, tuple[str, object]]:
    """Write the sheet; returns each indicator's absolute reference and cached value."""
    lang, as_of = book.lang, view.as_of
    ws = book.sheet(SHEETS["receivables"])
    for k, w in _WIDTHS.items():
        ws.column_dimensions[k].width = w
    name = data.company.name if data and data.company.name else ""
    book.title(ws, "A1", f"{book.t(LABELS['receivables'])} — {name}" if name else LABELS["receivables"])
    book.label(ws, "D1", LABELS["receivables_hint"], header=False)
    ws.merge_cells("D1:V1")
    spare = 200 if data is None else 0
    n_inv, n_rec = max(len(view.inv) + 50, spare), max(len(view.rec) + 50, spare)
    f = _R_FIRST
    il, rl = f + n_inv - 1, f + n_rec - 1

    # inputs and the period
    for r, key in ((2, "as_of"), (3, "credit_limit"), (4, "period_start"), (5, "period_days")):
        book.label(ws, f"A{r}", LABELS.get(key, COMMON.get(key, (key, key))), header=False)
        ws[f"A{r}"].font = Font(bold=True)
    _put(book, ws, "B2", as_of, "date")
    book.dates(ws, "B2")
    _put(book, ws, "B3", _number(data.credit_limit, "credit_limit") if data else None, "money")
    book.number_range(ws, "B3", 0.01, None)
    months = f"EDATE({_AS_OF},-KAM_RECEIVABLES_PERIOD_MONTHS)"
    _calc(book, ws, "B4", f'=IF({_AS_OF}="","",{months})', view.start or "", "date")
    _calc(book, ws, "B5", f'=IF({_AS_OF}="","",{_AS_OF}-{_START})', _clean(view.days), "int")

    # ledgers: inputs, then helper columns (the hidden ones last)
    inv_heads = ("invoice_no", "invoice_date", "due_date", "amount", "received", "open", "days_past_due")
    rec_heads = ("invoice_no", "receipt_date", "amount", "its_invoice_date", "invoice_amount", "cumulative")
    for cols, key, heads in (
        (_I, "invoices", (*inv_heads, "problems", "key", "counted")),
        (_P, "receipts", (*rec_heads, "days_to_collect", "problems", "key", "counted", "matches")),
    ):
        book.label(ws, f"{cols['no']}5", LABELS[key])
        ws.merge_cells(f"{cols['no']}5:{cols['flag']}5")
        book.headers(ws, _R_HEADER, [LABELS[k] for k in heads], column_index_from_string(cols["no"]))
    for col in _HIDDEN:
        ws.column_dimensions[col].hidden = True
    _invoice_rows(book, ws, view, n_inv, rl)
    _receipt_rows(book, ws, view, n_rec, il)
    for cols, last in ((_I, il), (_P, rl)):
        _text_limit(ws, f"{cols['no']}{f}:{cols['no']}{last}", lang, 64)
        book.number_range(ws, f"{cols['amount']}{f}:{cols['amount']}{last}", 0, None)
        book.colour_when(ws, f"{cols['flag']}{f}:{cols['flag']}{last}", f'{cols["flag"]}{f}<>""', RED)
    book.dates(ws, f"{_I['date']}{f}:{_I['due']}{il}")
    book.dates(ws, f"{_P['date']}{f}:{_P['date']}{rl}")
    dpd, open_ = f"{_I['dpd']}{f}", f"{_I['open']}{f}"
    book.colour_when(ws, f"{dpd}:{_I['dpd']}{il}", f"AND(ISNUMBER({dpd}),{dpd}>0,N({open_})>0)", AMBER)
    out = _indicators(book, ws, view, il, rl)
    _finish(ws, f"A{_R_FIRST}", f"{_R_HEADER}:{_R_HEADER}")
    return out


def _indicators(book: Book, ws: Worksheet, view: _LedgerView, il: int, rl: int) -> dict[str, tuple[str, object]]:
    """Per-account indicators (column B) and the month-end table under them."""
    model, lang, f = book.model, book.lang, _R_FIRST

    def rng(col: str, last: int) -> str:
        return f"${col}${f}:${col}${last}"

    ID, AM, V, OPEN, DPD = (rng(_I[k], il) for k in ("date", "amount", "ok", "open", "dpd"))
    RD, RA, RV, RQ, RL = (rng(_P[k], rl) for k in ("date", "amount", "ok", "kdate", "lag"))
    keys = _indicator_keys(model)
    row_of = {k: f + i for i, k in enumerate(keys)}
    ref = {k: f"$B${r}" for k, r in row_of.items()}
    acc = view.accounts
    nothing = f'OR({_AS_OF}="",{ref["n_invoices"]}+{ref["n_receipts"]}=0)'

    def guard(formula: str) -> str:
        return f'=IF({nothing},"",{formula.removeprefix("=")})'

    def core(key: str) -> object:
        return "" if acc is None else _clean(acc[key])

    buckets = [lab.code for lab in model.receivables.aging_labels]
    o, s, od, nd, op = ref["outstanding"], ref["sales"], ref["overdue"], ref[buckets[0]], ref["opening"]
    in_period = f'{RD},">"&{_START},{RD},"<="&{_AS_OF}'
    count = f"COUNTIFS({in_period},{RV},1)"
    weight = f'SUMIFS({RA},{in_period},{RQ},">0")'
    n_months = model.receivables.period_months + 1
    mf = row_of["credit_rating"] + 4  # first month-end row
    ends, bals = f"$A${mf}:$A${mf + n_months - 1}", f"$B${mf}:$B${mf + n_months - 1}"
    balance = 'ROUND(SUMIFS({AM},{ID},"<="&{t},{V},1)-SUMIFS({RA},{RD},"<="&{t},{RQ},">0"),6)'
    known = [k != "" for k, *_ in _receipt_values(view)]
    rating = "" if acc is None else next(r.text(lang) for r in model.receivables.ratings if r.code == acc["rating"])
    dso, aging = REGISTRY["dso"].formula, REGISTRY["aging"].formula
    table: dict[str, tuple[str, object, str]] = {
        "n_invoices": (f"=SUM({V})", float(sum(view.inv_ok)), "int"),
        "n_receipts": (f"=SUM({RV})", float(sum(view.rec_ok)), "int"),
        "sales": (guard(f'ROUND(SUMIFS({AM},{ID},">"&{_START},{ID},"<="&{_AS_OF},{V},1),6)'), core("sales"), "money"),
        "outstanding": (guard(f"ROUND(SUM({ref[buckets[0]]}:{ref[buckets[-1]]}),6)"), core("outstanding"), "money"),
        "overdue": (guard(f"ROUND(SUM({ref[buckets[1]]}:{ref[buckets[-1]]}),6)"), core("overdue"), "money"),
        **{
            b: (guard(f"ROUND({aging(OPEN, DPD, k, len(buckets)).removeprefix('=')},6)"), core(b), "money")
            for k, b in enumerate(buckets)
        },
        "arrears_rate": (guard(f'IF(AND({o}=0,{s}=0),0,IF({s}=0,"",{o}/{s}))'), core("arrears_rate"), "percent"),
        # the core's overdue ratio is 0 when nothing — or less than nothing — is outstanding
        "overdue_ratio": (guard(X.overdue_ratio(od, f"MAX({o},0)")), core("overdue_ratio"), "percent"),
        "dso": (guard(dso(o, s, _DAYS)), core("dso"), "score"),
        "best_dso": (guard(dso(nd, s, _DAYS)), core("best_dso"), "score"),
        "days_delinquent": (
            guard(f'IF(OR({ref["dso"]}="",{ref["best_dso"]}=""),"",{ref["dso"]}-{ref["best_dso"]})'),
            core("days_delinquent"),
            "score",
        ),
        "opening": (
            guard(balance.format(AM=AM, ID=ID, V=V, RA=RA, RD=RD, RQ=RQ, t=_START)),
            "" if acc is None else _balance_at(view, view.start, known),  # type: ignore[arg-type]
            "money",
        ),
        "cei": (
            guard(f'IF(ROUND({op}+{s}-{nd},6)=0,"",ROUND({op}+{s}-{o},6)*100/ROUND({op}+{s}-{nd},6))'),
            core("cei"),
            "score",
        ),
        "avg_collection_days": (
            guard(f'IF({weight}=0,"",SUMPRODUCT(({RD}>{_START})*({RD}<={_AS_OF})*ISNUMBER({RL}),{RA},{RL})/{weight})'),
            core("avg_collection_days"),
            "score",
        ),
        "largest_receipt": (
            guard(f'IF({count}=0,"",_xlfn.MAXIFS({RA},{in_period},{RV},1))'),
            core("largest_receipt"),
            "money",
        ),
        "avg_receipt": (
            guard(f'IF({count}=0,"",SUMIFS({RA},{in_period},{RV},1)/{count})'),
            core("avg_receipt"),
            "money",
        ),
        "unapplied_receipts": (
            guard(f'ROUND(SUMIFS({RA},{RD},"<="&{_AS_OF},{RV},1)-SUMIFS({RA},{RD},"<="&{_AS_OF},{RQ},">0"),6)'),
            core("unapplied_receipts"),
            "money",
        ),
        "avg_arrears": (guard(f'IF(COUNT({ends})=0,"",AVERAGE({bals}))'), core("avg_arrears"), "money"),
        "credit_use": (
            guard(f'IF(NOT(ISNUMBER({_LIMIT})),"",IF({_LIMIT}<=0,"",{o}/{_LIMIT}))'),
            core("credit_use"),
            "percent",
        ),
        "credit_rating": (
            guard(REGISTRY["credit_rating"].formula(ref["dso"], ref["overdue_ratio"], lang)),
            rating,
            "general",
        ),
    }
    bucket_names = {lab.code: (lab.zh, lab.en) for lab in model.receivables.aging_labels}
    title = ws.title
    out: dict[str, tuple[str, object]] = {}
    for k in keys:
        r = row_of[k]
        book.label(ws, f"A{r}", LABELS.get(k) or bucket_names[k], header=False)
        formula, value, fmt = table[k]
        _calc(book, ws, f"B{r}", formula, value, fmt)
        out[k] = (_sheet_ref(title, ref[k]), value)
    cell = {k: v.replace("$", "") for k, v in ref.items()}
    book.band_colours(ws, cell["credit_rating"], [x.text(lang) for x in model.receivables.ratings])
    book.colour_when(ws, cell["credit_use"], f"AND(ISNUMBER({cell['credit_use']}),{cell['credit_use']}>1)", RED)
    ws[cell["credit_rating"]].font = Font(bold=True)

    # Month ends in the period and the outstanding at each: their mean is the average arrears.
    book.label(ws, f"A{mf - 2}", LABELS["month_ends"])
    ws.merge_cells(f"A{mf - 2}:B{mf - 2}")
    book.headers(ws, mf - 1, [LABELS["month_end"], LABELS["outstanding"]], 1)
    ends_v = _month_ends(view.start, n_months - 1) if view.start else []
    for k in range(n_months):
        r = mf + k
        end = ends_v[k] if ends_v else None
        inside = end is not None and view.start < end <= view.as_of  # type: ignore[operator]
        cand = f"EOMONTH({_START},{k})"
        _calc(
            book,
            ws,
            f"A{r}",
            f'=IF({_AS_OF}="","",IF(AND({cand}>{_START},{cand}<={_AS_OF}),{cand},""))',
            end if inside else "",
            "date",
        )
        _calc(
            book,
            ws,
            f"B{r}",
            f'=IF(OR(A{r}="",{nothing}),"",{balance.format(AM=AM, ID=ID, V=V, RA=RA, RD=RD, RQ=RQ, t=f"A{r}")})',
            _balance_at(view, end, known) if inside and acc is not None else "",  # type: ignore[arg-type]
            "money",
        )
    return out


# ---------------------------------------------------------------- build, write


def build(
    data: CustomerFile | None = None, *, model: Model | None = None, lang: str = "zh", as_of: date | None = None
) -> Book:
    """The customer-file workbook for ``data`` (None: the blank standard template).

    ``as_of`` (else ``data.as_of``) fills the receivables sheet's as-of date;
    without one the indicators stay blank until the user types it.
    """
    model = model or active_model()
    book = Book(model, lang, KIND)
    as_of = _day(as_of) if as_of is not None else (_day(data.as_of) if data and data.as_of else None)
    if as_of is not None and not isinstance(as_of, date):
        raise KamError("as_of", f"“{as_of}” 不是日期", f"'{as_of}' is not a date")
    view = _ledger_view(data, as_of, model)  # type: ignore[arg-type]
    # The receivables sheet is written first (its indicators feed the basic sheet), then moved to its place.
    figures = _receivables(book, data, view)
    _basic(book, data, figures)
    _important(book, data)
    _log(book, data, "core", "strategy_log", _STRATEGIES, "strategies", 10)
    _log(book, data, "process", "process_log", _VISITS, "visits", 15)
    _orders(book, data)
    sheets = book.wb._sheets  # openpyxl keeps the tab order here
    sheets.append(sheets.pop(0))
    book.add_model_sheet()
    return book


def write(
    path: str | os.PathLike[str],
    data: CustomerFile | None = None,
    *,
    model: Model | None = None,
    lang: str = "zh",
    overwrite: bool = False,
    as_of: date | None = None,
) -> Path:
    """Build and save the customer file; refuses to overwrite an existing file unless asked."""
    return build(data, model=model, lang=lang, as_of=as_of).save(path, overwrite=overwrite)


# ---------------------------------------------------------------- sample data

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


def _sample_ledger(
    portfolio: pd.DataFrame, account: str, revenue: float, as_of: date, rng: np.random.Generator
) -> tuple[list[Invoice], list[Receipt]]:
    """The account's rows of :func:`kam_xl.sample.sample_ledger`, with the history a customer file shows.

    The bundled rows (15 monthly invoices, paid with the account's lateness
    habit) stay as they are, so the file's indicators stay close to the
    portfolio's; some receipts are split into instalments, two small service
    invoices are added — one partly paid late, one open past its due date —
    and one receipt that came without an invoice number.
    """
    inv_frame, rec_frame = sample_ledger(portfolio, as_of)
    inv_frame = inv_frame[inv_frame["account"] == account]
    rec_frame = rec_frame[rec_frame["account"] == account]
    invoices = [
        Invoice(n, pd.Timestamp(d).date(), pd.Timestamp(u).date(), float(a))
        for n, d, u, a in inv_frame[["invoice", "invoice_date", "due_date", "amount"]].itertuples(index=False)
    ]
    receipts: list[Receipt] = []
    issued = {i.number: i.invoice_date for i in invoices}
    for n, d, a in rec_frame[["invoice", "receipt_date", "amount"]].itertuples(index=False):
        when, amount, span = pd.Timestamp(d).date(), float(a), (pd.Timestamp(d).date() - issued[n]).days  # type: ignore[operator]
        if span >= 25 and rng.random() < 0.3:  # paid in two instalments
            first = round(amount * float(rng.uniform(0.3, 0.6)), 2)
            receipts.append(Receipt(n, issued[n] + timedelta(days=int(rng.integers(10, span - 7))), first))  # type: ignore[operator]
            receipts.append(Receipt(n, when, round(amount - first, 2)))
        else:
            receipts.append(Receipt(n, when, amount))
    prefix = str(invoices[0].number)[:-2] if invoices else "INV"
    for k, (age, paid) in enumerate(
        ((int(rng.integers(100, 130)), float(rng.uniform(0.4, 0.6))), (int(rng.integers(60, 80)), 0.0))
    ):
        day = as_of - timedelta(days=age)
        service = Invoice(
            f"{prefix}S{k + 1}", day, day + timedelta(days=30), round(revenue / 12 * float(rng.uniform(0.01, 0.03)), 2)
        )
        invoices.append(service)
        if paid:
            late = service.due_date + timedelta(days=int(rng.integers(5, 20)))  # type: ignore[operator]
            receipts.append(Receipt(service.number, late, round(service.amount * paid, 2)))  # type: ignore[operator]
    unapplied = Receipt(None, as_of - timedelta(days=int(rng.integers(5, 40))), float(round(rng.uniform(2e4, 8e4), -2)))
    receipts.append(unapplied)  # cash without an invoice number: flagged "unknown invoice"
    invoices.sort(key=lambda i: i.invoice_date)  # type: ignore[arg-type, return-value]
    receipts.sort(key=lambda r: r.receipt_date)  # type: ignore[arg-type, return-value]
    return invoices, receipts


def _sample_orders(invoices: list[Invoice], lines: list[str], rng: np.random.Generator) -> list[Order]:
    """One to three orders per invoice, a few weeks before it, split across our product lines."""
    price = dict(_LINES)
    orders: list[Order] = []
    seq: dict[str, int] = {}
    for inv in invoices:
        k = int(rng.integers(1, 4))
        parts = rng.dirichlet(np.full(k, 2.0))
        left = inv.amount
        for j in range(k):
            amount = round(inv.amount * float(parts[j]), 2) if j < k - 1 else round(left, 2)  # type: ignore[operator]
            left -= amount  # type: ignore[operator]
            when = inv.invoice_date - timedelta(days=int(rng.integers(5, 25)))  # type: ignore[operator]
            month = f"{when:%Y%m}"
            seq[month] = seq.get(month, 0) + 1
            line = lines[int(rng.integers(len(lines)))]
            quantity = float(max(1, round(amount / price[line])))
            orders.append(Order(when, f"SO{month}{seq[month]:03d}", line, quantity, amount))
    orders.sort(key=lambda o: (o.date, o.number))  # type: ignore[arg-type, return-value]
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
        spin = (x.format(l=line) for x in _SPIN[j % len(_SPIN)])
        visits.append(Visit(day, kind, f"{met.name}（{met.title}）", ours, *spin, answer, _NEXT_STEPS[j % 4], nxt))
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


def sample(account: str, seed: int, *, model: Model | None = None, as_of: date = SAMPLE_AS_OF) -> CustomerFile:
    """A realistic, reproducible customer file for ``account`` (a name from the bundled sample portfolio).

    The ledger is the account's part of :func:`kam_xl.sample.sample_ledger`
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
    invoices, receipts = _sample_ledger(portfolio, account, revenue, as_of, rng)
    ours = float(round(rng.uniform(0.35, 0.6), 2))
    start = as_of - timedelta(days=430)
    company = Company(
        name=account, code=f"KA{1001 + pos:04d}", industry=industry,
        address=f"{park} {int(rng.integers(1, 999))} 号", phone=f"{area}-{int(rng.integers(5e7, 9e7))}",
        fax=None if rng.random() < 0.5 else f"{area}-{int(rng.integers(5e7, 9e7))}",
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
        orders=_sample_orders(invoices, lines, rng),
        product_lines=lines,
        invoices=invoices,
        receipts=receipts,
        credit_limit=float(round(revenue / 12 * float(rng.uniform(2.0, 3.0)), -5)),
        as_of=as_of,
    )
