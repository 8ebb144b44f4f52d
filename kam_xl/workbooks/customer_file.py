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

from kam_xl.cells import to_date
from kam_xl.coerce import parse_number
from kam_xl.core import wallet
from kam_xl.core.receivables import invoice_rows, month_end_balances, period_for, receipt_rows, receivables
from kam_xl.errors import KamError
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model, active_model
from kam_xl.models.schema import Label
from kam_xl.workbooks.book import AMBER, RED, Book
from kam_xl.workbooks.labels import COMMON, Text
from kam_xl.workbooks.model_sheet import model_dict
from kam_xl.xlformulas.common import label
from kam_xl.xlformulas.receivables import overdue_ratio

__all__ = [
    "INDUSTRIES",
    "KIND",
    "LABELS",
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
    "write",
]

KIND: Text = ("大客户档案", "Customer file")

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
            return to_date(v)
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
    # the core's row-level values for the complete rows, indexed by sheet row (None: nothing to compute)
    inv_rows: pd.DataFrame | None = None  # invoice_rows, as of
    rec_rows: pd.DataFrame | None = None  # receipt_rows (whatever the date)
    balances: pd.Series | None = None  # the opening balance, then each month end (index: the days)

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
    period = period_for(as_of, model.receivables.period_months) if as_of is not None else None
    if period is not None:
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
    view.rec_rows = receipt_rows(inv_frame, rec_frame)
    if as_of is not None and period is not None:
        view.accounts = result.accounts.loc[_ACCOUNT]
        view.inv_rows = invoice_rows(inv_frame, rec_frame, as_of)
        view.balances = month_end_balances(inv_frame, rec_frame, period).iloc[0]  # the one account's row
    return view


def _by_row(frame: pd.DataFrame | None, col: str, n: int, fill: object = np.nan) -> np.ndarray:
    """One column of the core's row-level values, as a value per ledger row (``fill`` for rows not counted)."""
    out = np.full(n, fill, dtype=object)
    if frame is not None and len(frame):
        out[frame.index.to_numpy() - _R_FIRST] = frame[col].to_numpy(dtype=object)
    return out


def _invoice_values(view: _LedgerView) -> list[tuple[object, object, object]]:
    """Received as of, open amount and days past due (while open) per invoice row, as its formulas compute them.

    The core's :func:`~kam_xl.core.receivables.invoice_rows` for the complete rows; NaN (a blank cell) for
    the rows not counted and without an as-of date.
    """
    n, rows = len(view.inv), view.inv_rows
    cols = (_by_row(rows, c, n) for c in ("received", "open", "days_past_due"))
    return list(zip(*cols, strict=True))


def _receipt_values(view: _LedgerView) -> list[tuple[object, object, object, object]]:
    """Per receipt: its invoice's date (earliest row of the number), the invoice amount, the receipts
    on that invoice up to this one (by date, then row) and the days to collect; blanks when unknown.

    The core's :func:`~kam_xl.core.receivables.receipt_rows` for the complete rows.
    """
    n, rows = len(view.rec), view.rec_rows
    first = [d.date() if isinstance(d, pd.Timestamp) else "" for d in _by_row(rows, "invoice_date", n, "")]
    cols = (_by_row(rows, c, n) for c in ("invoice_total", "cumulative", "days_to_collect"))
    return list(zip(first, *cols, strict=True))


def _invoice_counts(view: _LedgerView) -> list[int]:
    """Per receipt: how many complete invoice rows carry its number (0 for a receipt not counted)."""
    return [int(k) for k in _by_row(view.rec_rows, "invoice_rows", len(view.rec), 0)]


def _balance_at(view: _LedgerView, day: date) -> float:
    """Outstanding on ``day`` (the period start or a month end in the period), from the core's balances."""
    assert view.balances is not None  # only asked for when the core computed the indicators
    return float(view.balances[pd.Timestamp(day)])


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
        cell.value = book.text_value(ws, ref, value)  # refused, naming the cell, if Excel cannot hold it
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
        book.choices(ws, ref, label(names[kind], book.lang))
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
        "overdue_ratio": (guard(overdue_ratio(od, f"MAX({o},0)")), core("overdue_ratio"), "percent"),
        "dso": (guard(dso(o, s, _DAYS)), core("dso"), "score"),
        "best_dso": (guard(dso(nd, s, _DAYS)), core("best_dso"), "score"),
        "days_delinquent": (
            guard(f'IF(OR({ref["dso"]}="",{ref["best_dso"]}=""),"",{ref["dso"]}-{ref["best_dso"]})'),
            core("days_delinquent"),
            "score",
        ),
        "opening": (
            guard(balance.format(AM=AM, ID=ID, V=V, RA=RA, RD=RD, RQ=RQ, t=_START)),
            "" if acc is None else _balance_at(view, view.start),  # type: ignore[arg-type]
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
            _balance_at(view, end) if inside and acc is not None else "",  # type: ignore[arg-type]
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
