"""The account plan workbook (大客户战略管理计划) — SPEC §2.12, §3.

One workbook per key account: overview, scorecard and tier, buying centre,
diagnosis (SWOT, share of wallet, order structure, relationship stage,
satisfaction), needs and value proposition (FABE), barriers, action plan
(PDCA / joint business plan) and resource matching by tier, plus the Model
sheet. Every computed cell is a live formula — indicators rendered by the
registry, a few helper formulas (row totals, roll-ups) written here — and its
cached value is what the core computes for the same inputs.

Repeated items (contacts, actions, needs, product lines) are fixed blocks with
spare blank rows; formulas cover the whole block, so a row the user fills in
later counts at once.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kam_xl.coerce import parse_number
from kam_xl.core import barriers, buying_centre, satisfaction, scorecard, wallet
from kam_xl.core.bands import lookup
from kam_xl.errors import InputError, OutOfRangeError
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model, active_model
from kam_xl.models.schema import Label
from kam_xl.workbooks.book import BLUE, GREEN, RED, Book
from kam_xl.workbooks.labels import COMMON, Text
from kam_xl.workbooks.model_sheet import name_of
from kam_xl.xlformulas import relationship as X
from kam_xl.xlformulas.common import label

__all__ = [
    "DISC",
    "LABELS",
    "NEED_KINDS",
    "PHASES",
    "SHEETS",
    "STAGES",
    "STATUSES",
    "TYPES",
    "AccountPlan",
    "Action",
    "Contact",
    "Need",
    "PlanBook",
    "ProductLine",
    "Resource",
    "Swot",
    "ValueProposition",
    "build",
    "write",
]

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
}

# Fixed choice lists (not model parameters): code, zh, en.
STAGES: tuple[Label, ...] = (
    Label("exploratory", "探索", "Exploratory"),
    Label("basic", "基础", "Basic"),
    Label("cooperative", "合作", "Cooperative"),
    Label("interdependent", "互依", "Interdependent"),
    Label("integrated", "整合", "Integrated"),
    Label("disintegrating", "衰退", "Disintegrating"),
)
TYPES: tuple[Label, ...] = (
    Label("ordinary", "普通", "Ordinary"),
    Label("partnership", "伙伴", "Partnership"),
    Label("strategic", "战略", "Strategic"),
)
STATUSES: tuple[Label, ...] = (
    Label("not_started", "未开始", "Not started"),
    Label("in_progress", "进行中", "In progress"),
    Label("done", "已完成", "Done"),
    Label("cancelled", "已取消", "Cancelled"),
)
PHASES: tuple[Label, ...] = (
    Label("plan", "计划(P)", "Plan (P)"),
    Label("do", "执行(D)", "Do (D)"),
    Label("check", "检查(C)", "Check (C)"),
    Label("act", "改进(A)", "Act (A)"),
)
NEED_KINDS: tuple[Label, ...] = (
    Label("explicit", "显性", "Explicit"),
    Label("implicit", "隐性", "Implicit"),
    Label("deep", "深藏", "Deep"),
)
DISC: tuple[Label, ...] = tuple(Label(x, x, x) for x in "DISC")

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
    "scale": ("评分上限", "Scale maximum"),
    "no": ("序号", "No."),
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
    "overdue_hint": ("逾期 = 截止日期早于概览中的截至日期且未完成、未取消", "Overdue = due before the overview's as-of date, not done, not cancelled"),
    # scorecard groups of the default model
    "market_perception": ("市场认知", "Market perception"),
    "value_to_us": ("对我方的价值", "Value to us"),
    "corporate_alignment": ("企业匹配", "Corporate alignment"),
    # wall-criteria scoring guide (SPEC §2.5), by criterion code
    "guide_specified": ("0 未列入/未认可；1 多家认可之一；2 唯一或首选指定供应商", "0 not specified; 1 one of several approved; 2 sole or preferred"),
    "guide_share": ("0 低于30%；1 30%–70%；2 高于70%", "0 below 30 %; 1 30–70 %; 2 above 70 %"),
    "guide_contact": ("0 只接触一个层级；1 两个层级；2 决策、管理、操作三层", "0 one level; 1 two levels; 2 decision, management and operating"),
    "guide_personal": ("0 仅正式关系；1 友好；2 与决策者互信", "0 formal only; 1 friendly; 2 close trust with a decision maker"),
}  # fmt: skip

# Recommended resources for each tier, top tier first (SPEC §2.4: the top accounts get most resources).
_RESOURCES: tuple[tuple[Text, Text, Text, Text], ...] = (
    (("总经理/副总裁", "CEO / VP"), ("专属服务团队，7×24 小时响应", "Dedicated team, 24/7 response"),
     ("每周", "Weekly"), ("跨部门客户团队（销售、技术、服务、财务）", "Cross-functional team (sales, technical, service, finance)")),
    (("销售总监", "Sales director"), ("优先服务，24 小时内响应", "Priority service, response within 24 h"),
     ("每两周", "Every two weeks"), ("大客户经理 + 技术支持", "Key-account manager + technical support")),
    (("区域经理", "Regional manager"), ("标准服务，48 小时内响应", "Standard service, response within 48 h"),
     ("每月", "Monthly"), ("客户经理", "Account manager")),
    (("无", "None"), ("线上/电话支持", "Online / phone support"), ("每季度", "Quarterly"), ("内勤销售", "Inside sales")),
)  # fmt: skip

_BOLD = Font(bold=True)
_HINT = Font(italic=True, color="7F7F7F")
_TITLE = Font(bold=True, size=14, color="1F4E78")

CONTACT_ROWS, ACTION_ROWS, NEED_ROWS, FABE_ROWS, LINE_ROWS = 15, 20, 9, 5, 6
_SPARE = 3  # blank rows always left below the data of a block
_ACCOUNT_ROW, _AS_OF_ROW = 5, 8  # overview cells other sheets refer to


# ---------------------------------------------------------------- the data


@dataclass(frozen=True)
class Contact:
    """A buying-centre contact; level, role and stance are model labels (code, zh or en)."""

    name: str | None = None
    title: str | None = None
    level: str | None = None
    role: str | None = None
    stance: str | None = None
    influence: float | None = None
    disc: str | None = None
    trust: float | None = None
    interest: float | None = None
    emotion: float | None = None


@dataclass(frozen=True)
class Action:
    """A joint-business-plan action; phase and status are codes or labels of PHASES / STATUSES."""

    action: str | None = None
    owner: str | None = None
    phase: str | None = None
    start: date | None = None
    due: date | None = None
    budget: float | None = None
    spent: float | None = None
    status: str | None = None


@dataclass(frozen=True)
class Need:
    """An iceberg need: kind (explicit / implicit / deep), need = expectation − status quo."""

    kind: str | None = None
    need: str | None = None
    expectation: str | None = None
    status_quo: str | None = None


@dataclass(frozen=True)
class ValueProposition:
    """One FABE line: feature, advantage, benefit, evidence."""

    feature: str | None = None
    advantage: str | None = None
    benefit: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class ProductLine:
    name: str | None = None
    sales: float | None = None


@dataclass(frozen=True)
class Resource:
    """Recommended resources for one tier (in the model's tier order)."""

    sponsor: str | None = None
    service: str | None = None
    visits: str | None = None
    team: str | None = None


@dataclass(frozen=True)
class Swot:
    strengths: str | None = None
    weaknesses: str | None = None
    opportunities: str | None = None
    threats: str | None = None


@dataclass(frozen=True)
class AccountPlan:
    """One account's plan. Keyed inputs use model codes: ``scores`` by criterion of the
    tier scorecard, ``wall`` by wall criterion, ``perceived`` / ``expected`` by
    satisfaction dimension. Anything missing stays a blank input cell."""

    account: str | None = None
    industry: str | None = None
    owner: str | None = None
    as_of: date | None = None
    period: str | None = None
    sales_target: float | None = None
    share_target: float | None = None
    goal: str | None = None
    relationship_strategy: str | None = None
    cooperation: str | None = None
    scores: Mapping[str, float | None] = field(default_factory=dict)
    contacts: Sequence[Contact] = ()
    swot: Swot = Swot()
    stage: str | None = None
    relationship_type: str | None = None
    our_sales: float | None = None
    total_spend: float | None = None
    product_lines: Sequence[ProductLine] = ()
    perceived: Mapping[str, float | None] = field(default_factory=dict)
    expected: Mapping[str, float | None] = field(default_factory=dict)
    needs: Sequence[Need] = ()
    value_propositions: Sequence[ValueProposition] = ()
    wall: Mapping[str, float | None] = field(default_factory=dict)
    technical: float | None = None
    commercial: float | None = None
    procedural: float | None = None
    financial: float | None = None
    relational: float | None = None
    actions: Sequence[Action] = ()
    resources: Sequence[Resource] = ()  # one per tier; empty = the defaults


# ---------------------------------------------------------------- small helpers


def _text(value: object) -> str | None:
    """Blank-looking text is a blank cell (COUNTA must not count it)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    s = str(value)
    return s if s.strip() else None


def _num(value: object, name: str) -> float | None:
    return parse_number(value, name)


def _choice(value: object, labels: Sequence[Label], name: str, lang: str) -> str | None:
    """A code or label (zh/en, any case) → the label text in ``lang``; unknown text is an error."""
    if _text(value) is None:
        return None
    return labels[int(lookup([value], labels, name)[0])].text(lang)


def _keyed(
    values: Mapping[str, object], codes: Sequence[str], name: str, lo: float | None, hi: float | None
) -> list[float | None]:
    """Inputs keyed by model code, in the model's order; unknown codes and out-of-range values are errors."""
    unknown = sorted(set(values) - set(codes))
    if unknown:
        raise InputError(
            name, f"未知的代码：{', '.join(unknown)}（可用：{', '.join(codes)}）",
            f"unknown codes: {', '.join(unknown)} (known: {', '.join(codes)})",
        )  # fmt: skip
    return [_in(_num(values.get(c), f"{name}.{c}"), lo, hi, f"{name}.{c}") for c in codes]


def _scalar(x: object) -> object:
    if isinstance(x, np.ndarray):
        x = x.item()
    if isinstance(x, np.generic):
        x = x.item()
    return float(x) if isinstance(x, int) and not isinstance(x, bool) else x


def _caption(key: str) -> Text:
    """A caption: this module's labels, the common ones, or an indicator's name."""
    if key in LABELS:
        return LABELS[key]
    if key in COMMON:
        return COMMON[key]
    return (REGISTRY[key].zh, REGISTRY[key].en)


def _in(value: float | None, lo: float | None, hi: float | None, name: str) -> float | None:
    """Out of range is an error naming the field, never clamped (SPEC §5)."""
    if value is not None and ((lo is not None and value < lo) or (hi is not None and value > hi)):
        zh = f"{lo:g}–{hi:g}" if hi is not None else f"≥ {lo:g}"
        en = f"{lo:g} to {hi:g}" if hi is not None else f">= {lo:g}"
        raise OutOfRangeError(name, f"{value:g}", zh, en)
    return value


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _rows(n_items: int, minimum: int) -> int:
    return max(minimum, n_items + _SPARE)


# ---------------------------------------------------------------- the builder


class PlanBook(Book):
    """A :class:`Book` that also says where each indicator landed.

    ``cells[key] = (sheet title, "F25")`` for the registry's indicators
    (``score``, ``tier``, ``coverage`` …) and the action roll-ups
    (``pct_done``, ``n_overdue`` …), so a reader can find them again.
    """

    def __init__(self, model: Model, lang: str, kind: Text) -> None:
        super().__init__(model, lang, kind)
        self.cells: dict[str, tuple[str, str]] = {}


class _Plan:
    """Building state: the book, the normalised data, and cells other sheets refer to."""

    def __init__(self, plan: AccountPlan | None, model: Model, lang: str, as_of: date | None) -> None:
        self.p = plan or AccountPlan()
        self.model = model
        self.lang = lang
        self.b = PlanBook(model, lang, KIND)
        self.as_of = as_of or self.p.as_of or (None if plan is None else date.today())
        self.ws = {key: self.b.sheet(title) for key, title in SHEETS.items()}
        self.b.add_model_sheet()
        self.refs: dict[str, str] = {}  # key → cross-sheet reference of a computed cell
        self.vals: dict[str, object] = {}  # key → its cached value

    def t(self, key: str) -> str:
        return self.b.t(_caption(key))

    def title(self, key: str) -> str:
        return self.b.t(SHEETS[key])

    def put(self, key: str, ws: Worksheet, ref: str, formula: str, value: object, fmt: str = "general") -> None:
        """A computed cell that the overview may show."""
        value = _scalar(value)
        self.b.formula(ws, ref, formula, value, fmt)
        col, row = ref.rstrip("0123456789"), ref[len(ref.rstrip("0123456789")) :]
        self.refs[key] = f"{_quoted(ws.title)}!${col}${row}"
        self.b.cells[key] = (ws.title, ref)
        self.vals[key] = value

    def head(self, ws: Worksheet, ref: str, key: str) -> None:
        self.b.label(ws, ref, _caption(key))

    def side(self, ws: Worksheet, ref: str, key: str) -> None:
        """A row caption (not a header bar)."""
        self.b.label(ws, ref, _caption(key), header=False)
        ws[ref].font = _BOLD

    def start(self, key: str, widths: Sequence[float]) -> Worksheet:
        ws = self.ws[key]
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        # The title names the account (from the overview), so every printed page says whose plan it is.
        title = f"{self.b.t(SHEETS[key])} — {self.b.t(KIND)}"
        acc = f"{_quoted(self.title('overview'))}!$B${_ACCOUNT_ROW}"
        account = _text(self.p.account)
        cached = f"{account} · {title}" if account is not None else title
        self.b.formula(ws, "A1", f'=IF({acc}="","",{acc}&" · ")&"{title}"', cached)
        ws["A1"].font, ws["A1"].fill, ws["A1"].border = _TITLE, PatternFill(), Border()
        ws["A2"] = self.b.t(COMMON["inputs_hint"])
        ws["A2"].data_type = "s"
        ws["A2"].font = _HINT
        return ws


# ---------------------------------------------------------------- scorecard and tier


def _scorecard(s: _Plan) -> None:
    m, lang, b = s.model, s.lang, s.b
    key = m.tier_scorecard
    card = m.scorecard(key)
    ws = s.start("scorecard", (6, 36, 18, 9, 9, 12, 13))
    head = 4
    for i, k in enumerate(("no", "criterion", "group", "weight", "direction", "score_input", "contribution")):
        s.head(ws, f"{'ABCDEFG'[i]}{head}", k)
    ws[f"F{head}"].value = f"{s.t('score_input')} (0–{card.scale:g})"
    scores = _keyed(s.p.scores, [c.code for c in card.criteria], "scores", 0.0, card.scale)
    weight, direction = name_of(f"scorecards.{key}.criteria.weight"), name_of(f"scorecards.{key}.criteria.direction")
    first = head + 1
    for k, (c, sc) in enumerate(zip(card.criteria, scores, strict=True)):
        r = first + k
        ws[f"A{r}"] = k + 1
        b.label(ws, f"B{r}", c.text(lang), header=False)
        b.label(ws, f"C{r}", LABELS[c.group] if c.group in LABELS else c.group, header=False)
        b.formula(ws, f"D{r}", f"=INDEX({weight},{k + 1})", float(c.weight))
        b.formula(ws, f"E{r}", f"=INDEX({direction},{k + 1})", float(c.direction))
        b.input(ws, f"F{r}", sc)
        b.number_range(ws, f"F{r}", 0, card.scale)
        b.formula(ws, f"G{r}", f'=IF(F{r}="","",D{r}*E{r}*F{r})', "" if sc is None else c.weight * c.direction * sc)
    last = first + len(card.criteria) - 1
    rng = f"F{first}:F{last}"
    arr = np.array([np.nan if v is None else v for v in scores], dtype=float)
    incomplete = np.isnan(arr).all() if m.missing == "zero" else np.isnan(arr).any()
    raw = "" if incomplete else scorecard.score_raw(arr, card, m)
    value = "" if incomplete else scorecard.score(arr, card, m)
    r = last + 2
    s.side(ws, f"B{r}", "scale")
    b.formula(ws, f"F{r}", f"={name_of(f'scorecards.{key}.scale')}", float(card.scale))
    s.side(ws, f"B{r + 1}", "score_raw")
    s.put("score_raw", ws, f"F{r + 1}", REGISTRY["score_raw"].formula(rng, key, m), raw, "number")
    s.side(ws, f"B{r + 2}", "score")
    s.put("score", ws, f"F{r + 2}", REGISTRY["score"].formula(rng, key, m), value, "score")
    s.side(ws, f"B{r + 3}", "tier")
    tier = "" if value == "" else scorecard.tier(value, m, lang)
    s.put("tier", ws, f"F{r + 3}", REGISTRY["tier"].formula(f"F{r + 2}", lang), tier)
    b.band_colours(ws, f"F{r + 3}", [t.text(lang) for t in m.tiers])
    ws.freeze_panes = f"A{first}"
    ws.print_title_rows = f"{head}:{head}"


# ---------------------------------------------------------------- buying centre


def _contact_mirror(s: _Plan, rows: list[dict[str, Any]]) -> dict[str, object]:
    """The core's answers over a block with blank cells, as the renderers read it.

    The renderers skip a blank cell (COUNTIFS), count a blank stance or
    relationship as 0 (SUMPRODUCT), and are blank while no level is given;
    each core call gets exactly the rows its formula counts.
    """
    m = s.model
    out: dict[str, object] = {}
    levelled = [r for r in rows if r["level"] is not None]
    with_rel = [r for r in levelled if r["rel"] is not None]
    out["coverage"] = (
        "" if not levelled else buying_centre.coverage([r["level"] for r in with_rel], [r["rel"] for r in with_rel], m)
    )
    weighted = [r for r in rows if r["influence"] is not None]
    infl = [r["influence"] for r in weighted]
    out["support"] = (
        "" if not weighted else buying_centre.support_index(infl, [r["stance_value"] or 0.0 for r in weighted], m)
    )
    out["depth"] = "" if not weighted else buying_centre.depth(infl, [r["rel"] or 0.0 for r in weighted], m)
    if not levelled:
        out["flags"] = None
        return out
    codes = [x.code for x in m.buying_centre.roles]
    filler = next((c for c in codes if c not in ("decision_maker", "coach")), codes[0])
    top = m.buying_centre.levels[0].code
    roled = [r for r in rows if r["role"] is not None]
    by_role = buying_centre.risk_flags(
        [top] * len(roled), [r["role"] for r in roled], [r["stance_value"] or 0.0 for r in roled], m
    )
    by_level = buying_centre.risk_flags(
        [r["level"] for r in levelled], [filler] * len(levelled), [0.0] * len(levelled), m
    )
    on = {f for f in by_role if f in ("opposing_decision_maker", "no_coach")}
    on |= {f for f in by_level if f in ("single_threaded", "no_decision_level")}
    out["flags"] = on
    return out


def _buying_centre(s: _Plan) -> None:
    m, lang, b = s.model, s.lang, s.b
    bc = m.buying_centre
    ws = s.start("buying", (6, 12, 18, 10, 10, 9, 9, 7, 10, 10, 10, 10, 9))
    contacts = list(s.p.contacts)
    n = _rows(len(contacts), CONTACT_ROWS)
    head, first = 7, 8
    last = first + n - 1
    cols = ("no", "name", "title", "level", "role", "stance", "influence", "disc", "trust", "interest", "emotion",
            "relationship", "stance_value")  # fmt: skip
    for i, k in enumerate(cols):
        s.head(ws, f"{chr(65 + i)}{head}", k)
    rows: list[dict[str, Any]] = []
    stance_names = label("KAM_BUYING_CENTRE_STANCES", lang)
    for i in range(n):
        r = first + i
        c = contacts[i] if i < len(contacts) else Contact()
        where = f"contacts[{i + 1}]"
        level = _choice(c.level, bc.levels, f"{where}.level", lang)
        role = _choice(c.role, bc.roles, f"{where}.role", lang)
        stance = _choice(c.stance, bc.stances, f"{where}.stance", lang)
        infl = _in(_num(c.influence, f"{where}.influence"), bc.influence_min, bc.influence_max, f"{where}.influence")
        parts = [
            _in(_num(getattr(c, f), f"{where}.{f}"), 0.0, buying_centre.RELATIONSHIP_PART_MAX, f"{where}.{f}")
            for f in ("trust", "interest", "emotion")
        ]
        ws[f"A{r}"] = i + 1
        for col, value in (("B", _text(c.name)), ("C", _text(c.title)), ("D", level), ("E", role), ("F", stance)):
            b.input(ws, f"{col}{r}", value)
        b.input(ws, f"G{r}", infl)
        b.input(ws, f"H{r}", _choice(c.disc, DISC, f"{where}.disc", lang))
        for col, value in zip("IJK", parts, strict=True):
            b.input(ws, f"{col}{r}", value)
        rel = None if None in parts else float(buying_centre.relationship(*parts))
        sv = None if stance is None else float(bc.stances[int(lookup([stance], bc.stances, "stance")[0])].value)
        b.formula(ws, f"L{r}", f'=IF(OR(I{r}="",J{r}="",K{r}=""),"",I{r}+J{r}+K{r})', "" if rel is None else rel)
        b.formula(ws, f"M{r}", X.stance_value(f"F{r}", lang), "" if sv is None else sv)
        rows.append({"level": level, "role": role, "stance_value": sv, "influence": infl, "rel": rel})
    b.choices(ws, f"D{first}:D{last}", label("KAM_BUYING_CENTRE_LEVELS", lang))
    b.choices(ws, f"E{first}:E{last}", label("KAM_BUYING_CENTRE_ROLES", lang))
    b.choices(ws, f"F{first}:F{last}", stance_names)
    b.number_range(ws, f"G{first}:G{last}", bc.influence_min, bc.influence_max)
    b.fixed_choices(ws, f"H{first}:H{last}", [x.code for x in DISC])
    b.number_range(ws, f"I{first}:K{last}", 0, buying_centre.RELATIONSHIP_PART_MAX)
    b.colour_labels(
        ws, f"F{first}:F{last}", [(x.text(lang), f) for x, f in zip(bc.stances, (GREEN, BLUE, RED), strict=False)]
    )

    lv, rl, st = f"$D${first}:$D${last}", f"$E${first}:$E${last}", f"$M${first}:$M${last}"
    infl_rng, rel_rng = f"$G${first}:$G${last}", f"$L${first}:$L${last}"
    res = _contact_mirror(s, rows)
    # Summary strip above the block: captions in row 4, values in row 5.
    strip = [
        ("coverage", REGISTRY["coverage"].formula(lv, rel_rng, lang, len(bc.levels)), res["coverage"], "percent"),
        ("support", REGISTRY["support"].formula(infl_rng, st), res["support"], "number"),
        ("depth", REGISTRY["depth"].formula(infl_rng, rel_rng), res["depth"], "percent"),
    ]
    for col, (key, formula, value, fmt) in zip("BCD", strip, strict=True):
        b.label(ws, f"{col}4", REGISTRY[key].name(lang))
        s.put(key, ws, f"{col}5", formula, value, fmt)
    s.head(ws, "E4", "threshold")
    b.formula(ws, "E5", "=KAM_BUYING_CENTRE_RELATIONSHIP_THRESHOLD", float(bc.relationship_threshold))
    flags = res["flags"]
    for j, flag in enumerate(buying_centre.RISK_FLAGS):
        col = "FGHI"[j]
        b.label(ws, f"{col}4", flag.text(lang))
        value = "" if flags is None else flag.code in flags  # type: ignore[operator]
        b.formula(ws, f"{col}5", X.risk_flag(flag.code, lv, rl, st, lang, m), value)
        b.colour_when(ws, f"{col}5", f"{col}5=TRUE", RED)
    b.label(ws, "J4", REGISTRY["risks"].name(lang))
    ws.merge_cells("J4:M4")
    text = "" if flags is None else buying_centre.risk_text(flags, lang)
    s.put("risks", ws, "J5", REGISTRY["risks"].formula(lv, rl, st, lang, m), text)
    ws.merge_cells("J5:M5")
    ws.row_dimensions[4].height = 32
    ws.freeze_panes = f"A{first}"
    ws.print_title_rows = f"{head}:{head}"


# ---------------------------------------------------------------- diagnosis


def _diagnosis(s: _Plan) -> None:
    m, lang, b, p = s.model, s.lang, s.b, s.p
    ws = s.start("diagnosis", (26, 18, 16, 16, 16, 14))
    s.head(ws, "A4", "swot")
    ws.merge_cells("A4:F4")
    for i, k in enumerate(("strengths", "weaknesses", "opportunities", "threats")):
        r = 5 + i
        s.side(ws, f"A{r}", k)
        b.input(ws, f"B{r}", _text(getattr(p.swot, k)), "text")
        ws.merge_cells(f"B{r}:F{r}")
        ws.row_dimensions[r].height = 48
    s.head(ws, "A10", "relation")
    ws.merge_cells("A10:F10")
    for r, k, labels, value in ((11, "stage", STAGES, p.stage), (12, "type", TYPES, p.relationship_type)):
        s.side(ws, f"A{r}", k)
        b.input(ws, f"B{r}", _choice(value, labels, k, lang))
        b.fixed_choices(ws, f"B{r}", [x.text(lang) for x in labels])

    s.head(ws, "A14", "wallet")
    ws.merge_cells("A14:F14")
    ours = _in(_num(p.our_sales, "our_sales"), 0.0, None, "our_sales")
    total = _in(_num(p.total_spend, "total_spend"), 0.0, None, "total_spend")
    s.side(ws, "A15", "our_sales")
    b.input(ws, "B15", ours, "money")
    b.number_range(ws, "B15", 0, None)
    s.side(ws, "A16", "total_spend")
    b.input(ws, "B16", total, "money")
    b.number_range(ws, "B16", 0, None)
    b.label(ws, "A17", REGISTRY["wallet_share"].name(lang), header=False)
    share = "" if ours is None or total is None else wallet.share_of_wallet(ours, total)
    s.put("wallet_share", ws, "B17", REGISTRY["wallet_share"].formula("B15", "B16"), share, "percent")

    s.head(ws, "A19", "orders")
    ws.merge_cells("A19:F19")
    for col, k in zip("ABC", ("product_line", "sales", "share"), strict=True):
        s.head(ws, f"{col}20", k)
    lines = list(p.product_lines)
    n = _rows(len(lines), LINE_ROWS)
    first, last = 21, 21 + n - 1
    sales = []
    for i in range(n):
        line = lines[i] if i < len(lines) else ProductLine()
        r = first + i
        name = f"product_lines[{i + 1}].sales"
        sales.append(_in(_num(line.sales, name), 0.0, None, name))
        b.input(ws, f"A{r}", _text(line.name))
        b.input(ws, f"B{r}", sales[-1], "money")
    b.number_range(ws, f"B{first}:B{last}", 0, None)
    rng = f"$B${first}:$B${last}"
    arr = np.array([np.nan if v is None else v for v in sales], dtype=float)
    shares = wallet.order_structure(arr) if np.nansum(arr) > 0 else None
    for i, v in enumerate(sales):
        r = first + i
        value = "" if v is None or shares is None else float(shares[i])
        b.formula(ws, f"C{r}", f'=IF(OR(B{r}="",SUM({rng})=0),"",B{r}/SUM({rng}))', value, "percent")
    r = last + 1
    s.side(ws, f"A{r}", "total")
    b.formula(ws, f"B{r}", f"=SUM({rng})", float(np.nansum(arr)), "money")

    # Satisfaction by the model's dimensions.
    top = r + 2
    s.head(ws, f"A{top}", "satisfaction")
    ws.merge_cells(f"A{top}:F{top}")
    for col, k in zip("ABCDE", ("dimension", "weight", "perceived", "expected", "gap"), strict=True):
        s.head(ws, f"{col}{top + 1}", k)
    dims = m.satisfaction.dimensions
    codes = [d.code for d in dims]
    sat = m.satisfaction
    per = _keyed(p.perceived, codes, "perceived", sat.scale_min, sat.scale_max)
    exp = _keyed(p.expected, codes, "expected", sat.scale_min, sat.scale_max)
    first = top + 2
    for k, d in enumerate(dims):
        r = first + k
        b.label(ws, f"A{r}", d.text(lang), header=False)
        b.formula(ws, f"B{r}", f"=INDEX(KAM_SATISFACTION_DIMENSIONS_WEIGHT,{k + 1})", float(d.weight))
        b.input(ws, f"C{r}", per[k])
        b.input(ws, f"D{r}", exp[k])
        gap = "" if per[k] is None or exp[k] is None else per[k] - exp[k]  # type: ignore[operator]
        b.formula(ws, f"E{r}", f'=IF(OR(C{r}="",D{r}=""),"",C{r}-D{r})', gap, "number")
    last = first + len(dims) - 1
    b.number_range(ws, f"C{first}:D{last}", sat.scale_min, sat.scale_max)
    pr, er = f"C{first}:C{last}", f"D{first}:D{last}"
    gap_v = "" if None in per or None in exp else satisfaction.satisfaction_gap(per, exp, model=m)
    csi_v = "" if None in per else satisfaction.csi(per, model=m)
    level_v = "" if gap_v == "" else satisfaction.satisfaction_level(gap_v, m, lang)
    r = last + 1
    for k, (key, formula, value, fmt) in enumerate(
        (
            ("sat_gap", REGISTRY["sat_gap"].formula(pr, er), gap_v, "number"),
            ("csi", REGISTRY["csi"].formula(pr), csi_v, "score"),
            ("sat_level", REGISTRY["sat_level"].formula(f"E{r}", lang), level_v, "general"),
        )
    ):
        b.label(ws, f"A{r + k}", REGISTRY[key].name(lang), header=False)
        s.put(key, ws, f"E{r + k}", formula, value, fmt)
    b.band_colours(ws, f"E{r + 2}", [x.text(lang) for x in sat.levels])
    ws.freeze_panes = "A4"


# ---------------------------------------------------------------- needs and value proposition


def _needs(s: _Plan) -> None:
    lang, b, p = s.lang, s.b, s.p
    ws = s.start("needs", (6, 12, 30, 28, 28, 28))
    needs = list(p.needs)
    n = _rows(len(needs), NEED_ROWS)
    head, first = 9, 10
    last = first + n - 1
    kinds = [_choice(x.kind, NEED_KINDS, f"needs[{i + 1}].kind", lang) for i, x in enumerate(needs)]
    kinds += [None] * (n - len(kinds))
    # Counts by kind above the block (helper formulas).
    s.head(ws, "B4", "need_counts")
    ws.merge_cells("B4:C4")
    for k, kind in enumerate(NEED_KINDS):
        r = 5 + k
        label = kind.text(lang)
        b.label(ws, f"B{r}", label, header=False)
        b.formula(ws, f"C{r}", f'=COUNTIF($B${first}:$B${last},"{label}")', float(kinds.count(label)), "int")
    for col, k in zip("ABCDE", ("no", "need_kind", "need", "expectation", "status_quo"), strict=True):
        s.head(ws, f"{col}{head}", k)
    for i in range(n):
        r = first + i
        x = needs[i] if i < len(needs) else Need()
        ws[f"A{r}"] = i + 1
        b.input(ws, f"B{r}", kinds[i])
        for col, value in zip("CDE", (x.need, x.expectation, x.status_quo), strict=True):
            b.input(ws, f"{col}{r}", _text(value), "text")
    b.fixed_choices(ws, f"B{first}:B{last}", [x.text(lang) for x in NEED_KINDS])

    # FABE: the feature spans B:C, then advantage, benefit, evidence in D, E, F.
    props = list(p.value_propositions)
    top = last + 2
    s.head(ws, f"A{top}", "fabe")
    ws.merge_cells(f"A{top}:F{top}")
    for col, k in zip("ABDEF", ("no", "feature", "advantage", "benefit", "evidence"), strict=True):
        s.head(ws, f"{col}{top + 1}", k)
    ws.merge_cells(f"B{top + 1}:C{top + 1}")
    for i in range(_rows(len(props), FABE_ROWS)):
        r = top + 2 + i
        x = props[i] if i < len(props) else ValueProposition()
        ws[f"A{r}"] = i + 1
        for col, value in zip("BDEF", (x.feature, x.advantage, x.benefit, x.evidence), strict=True):
            b.input(ws, f"{col}{r}", _text(value), "text")
        ws.merge_cells(f"B{r}:C{r}")
    ws.freeze_panes = f"A{first}"
    ws.print_title_rows = f"{head}:{head}"


# ---------------------------------------------------------------- barriers


def _barriers(s: _Plan) -> None:
    m, lang, b, p = s.model, s.lang, s.b, s.p
    bar = m.barrier
    ws = s.start("barriers", (28, 10, 12, 60))
    for col, k in zip("ABCD", ("wall_head", "max", "score_input", "guide"), strict=True):
        s.head(ws, f"{col}4", k)
    crit = bar.wall_criteria
    scores = _keyed(p.wall, [c.code for c in crit], "wall", 0.0, None)
    first = 5
    for k, (c, v) in enumerate(zip(crit, scores, strict=True)):
        r = first + k
        b.label(ws, f"A{r}", c.text(lang), header=False)
        b.formula(ws, f"B{r}", f"=INDEX(KAM_BARRIER_WALL_CRITERIA_MAX,{k + 1})", float(c.max))
        b.input(ws, f"C{r}", _in(v, 0.0, c.max, f"wall.{c.code}"))
        b.number_range(ws, f"C{r}", 0, c.max, whole=True)
        guide = LABELS.get(f"guide_{c.code}")
        if guide:
            b.label(ws, f"D{r}", guide, header=False)
    last = first + len(crit) - 1
    rng = f"C{first}:C{last}"
    done = None not in scores
    wall_v = barriers.wall(scores, m) if done else ""
    ratio_v = barriers.wall_ratio(scores, m) if done else ""
    r = last + 1
    b.label(ws, f"A{r}", REGISTRY["wall"].name(lang), header=False)
    s.put("wall", ws, f"C{r}", REGISTRY["wall"].formula(rng, len(crit)), wall_v)
    b.label(ws, f"A{r + 1}", REGISTRY["wall_ratio"].name(lang), header=False)
    s.put("wall_ratio", ws, f"C{r + 1}", REGISTRY["wall_ratio"].formula(f"C{r}"), ratio_v, "percent")

    top = r + 3
    for col, k in zip("ABC", ("components", "max", "score_input"), strict=True):
        s.head(ws, f"{col}{top}", k)
    comps = {}
    for k, key in enumerate(("technical", "commercial", "procedural", "financial", "relational")):
        rr = top + 1 + k
        comps[key] = (_in(_num(getattr(p, key), key), 0.0, bar.component_scale, key), f"C{rr}")
        s.side(ws, f"A{rr}", key)
        b.formula(ws, f"B{rr}", "=KAM_BARRIER_COMPONENT_SCALE", float(bar.component_scale))
        b.input(ws, f"C{rr}", comps[key][0])
        b.number_range(ws, f"C{rr}", 0, bar.component_scale)
    rr = top + 6
    vals = {k: v for k, (v, _) in comps.items()}
    sw = ("procedural", "financial", "relational")
    sw_v = "" if any(vals[k] is None for k in sw) else barriers.switching_cost(*(vals[k] for k in sw), m)
    b.label(ws, f"A{rr}", REGISTRY["switching"].name(lang), header=False)
    s.put("switching", ws, f"C{rr}", REGISTRY["switching"].formula(*(comps[k][1] for k in sw)), sw_v, "number")
    parts = (ratio_v, vals["technical"], vals["commercial"], sw_v)
    strength = "" if any(x is None or x == "" for x in parts) else barriers.barrier_strength(*parts, m)
    b.label(ws, f"A{rr + 1}", REGISTRY["barrier"].name(lang), header=False)
    formula = REGISTRY["barrier"].formula(f"C{r + 1}", comps["technical"][1], comps["commercial"][1], f"C{rr}")
    s.put("barrier", ws, f"C{rr + 1}", formula, strength, "score")
    level = "" if strength == "" else barriers.barrier_level(strength, m, lang)
    b.label(ws, f"A{rr + 2}", REGISTRY["barrier_level"].name(lang), header=False)
    s.put("barrier_level", ws, f"C{rr + 2}", REGISTRY["barrier_level"].formula(f"C{rr + 1}", lang), level)
    b.band_colours(ws, f"C{rr + 2}", [x.text(lang) for x in bar.levels])
    ws.freeze_panes = "A5"


# ---------------------------------------------------------------- action plan


def _actions(s: _Plan, as_of_ref: str) -> None:
    lang, b, p = s.lang, s.b, s.p
    ws = s.start("actions", (6, 38, 11, 11, 12, 12, 15, 15, 11, 9))
    actions = list(p.actions)
    n = _rows(len(actions), ACTION_ROWS)
    head, first = 7, 8
    last = first + n - 1
    cols = ("no", "action", "owner", "phase", "start", "due", "budget", "spent", "status", "overdue_col")
    for i, k in enumerate(cols):
        s.head(ws, f"{'ABCDEFGHIJ'[i]}{head}", k)
    done_l, cancelled_l = STATUSES[2].text(lang), STATUSES[3].text(lang)
    overdue_l = s.t("overdue_col")
    rows = []
    for i in range(n):
        r = first + i
        a = actions[i] if i < len(actions) else Action()
        where = f"actions[{i + 1}]"
        row = {
            "action": _text(a.action),
            "status": _choice(a.status, STATUSES, f"{where}.status", lang),
            "due": a.due,
            "budget": _in(_num(a.budget, f"{where}.budget"), 0.0, None, f"{where}.budget"),
            "spent": _in(_num(a.spent, f"{where}.spent"), 0.0, None, f"{where}.spent"),
        }
        ws[f"A{r}"] = i + 1
        b.input(ws, f"B{r}", row["action"], "text")
        b.input(ws, f"C{r}", _text(a.owner))
        b.input(ws, f"D{r}", _choice(a.phase, PHASES, f"{where}.phase", lang))
        b.input(ws, f"E{r}", a.start, "date")
        b.input(ws, f"F{r}", a.due, "date")
        b.input(ws, f"G{r}", row["budget"], "money")
        b.input(ws, f"H{r}", row["spent"], "money")
        b.input(ws, f"I{r}", row["status"])
        row["late"] = (
            row["action"] is not None
            and a.due is not None
            and s.as_of is not None
            and a.due < s.as_of
            and row["status"] not in (done_l, cancelled_l)
        )
        b.formula(
            ws, f"J{r}",
            f'=IF(OR(B{r}="",F{r}="",{as_of_ref}=""),"",'
            f'IF(AND(F{r}<{as_of_ref},I{r}<>"{done_l}",I{r}<>"{cancelled_l}"),"{overdue_l}",""))',
            overdue_l if row["late"] else "",
        )  # fmt: skip
        rows.append(row)
    b.fixed_choices(ws, f"D{first}:D{last}", [x.text(lang) for x in PHASES])
    b.dates(ws, f"E{first}:F{last}")
    b.number_range(ws, f"G{first}:H{last}", 0, None)
    b.fixed_choices(ws, f"I{first}:I{last}", [x.text(lang) for x in STATUSES])
    b.colour_labels(ws, f"J{first}:J{last}", [(overdue_l, RED)])
    b.colour_labels(ws, f"I{first}:I{last}", [(done_l, GREEN)])

    # Roll-ups (helper formulas): strip above the block.
    col = {k: f"${c}${first}:${c}${last}" for k, c in (("action", "B"), ("budget", "G"), ("spent", "H"),
                                                      ("status", "I"), ("late", "J"))}  # fmt: skip
    count = sum(r["action"] is not None for r in rows)
    done = sum(r["status"] == done_l for r in rows)
    cancelled = sum(r["status"] == cancelled_l for r in rows)
    late = sum(bool(r["late"]) for r in rows)
    budget = float(sum(r["budget"] or 0.0 for r in rows))
    spent = float(sum(r["spent"] or 0.0 for r in rows))
    strip = (
        ("n_actions", f"=COUNTA({col['action']})", float(count), "int"),
        ("n_done", f'=COUNTIF({col["status"]},"{done_l}")', float(done), "int"),
        ("n_cancelled", f'=COUNTIF({col["status"]},"{cancelled_l}")', float(cancelled), "int"),
        ("pct_done", '=IF(C5-E5<=0,"",D5/(C5-E5))', "" if count - cancelled <= 0 else done / (count - cancelled),
         "percent"),
        ("budget_total", f"=SUM({col['budget']})", budget, "money"),
        ("spent_total", f"=SUM({col['spent']})", spent, "money"),
        ("budget_used", '=IF(G5=0,"",H5/G5)', "" if budget == 0 else spent / budget, "percent"),
        ("n_overdue", f'=COUNTIF({col["late"]},"{overdue_l}")', float(late), "int"),
    )  # fmt: skip
    for c, (key, formula, value, fmt) in zip("CDEFGHIJ", strip, strict=True):
        s.head(ws, f"{c}4", key)
        s.put(key, ws, f"{c}5", formula, value, fmt)
    b.colour_when(ws, "J5", "J5>0", RED)
    ws["B4"] = s.t("overdue_hint")
    ws["B4"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[4].height = 42
    ws.freeze_panes = f"A{first}"
    ws.print_title_rows = f"{head}:{head}"


# ---------------------------------------------------------------- resource matching


def _resources(s: _Plan) -> None:
    m, lang, b = s.model, s.lang, s.b
    ws = s.start("resources", (16, 20, 32, 14, 40, 14))
    s.side(ws, "A4", "this_tier")
    tier_ref = s.refs["tier"]
    b.formula(ws, "B4", f"={tier_ref}", s.vals["tier"])
    b.band_colours(ws, "B4", [t.text(lang) for t in m.tiers])
    head = 6
    for col, k in zip("ABCDEF", ("tier", "sponsor", "service", "visits", "team", "match"), strict=True):
        b.label(ws, f"{col}{head}", REGISTRY["tier"].name(lang) if k == "tier" else LABELS[k])
    tiers = m.tiers
    first = head + 1
    last = first + len(tiers) - 1
    given = list(s.p.resources)
    names = label("KAM_TIER_LEVELS", lang)
    table: list[list[str | None]] = []
    for k, t in enumerate(tiers):
        r = first + k
        pos = 0 if len(tiers) == 1 else round(k * (len(_RESOURCES) - 1) / (len(tiers) - 1))
        default = [b.t(x) for x in _RESOURCES[pos]]
        if given:
            g = given[k] if k < len(given) else Resource()
            row: list[str | None] = [_text(g.sponsor), _text(g.service), _text(g.visits), _text(g.team)]
        else:
            row = list(default)
        table.append(row)
        b.formula(ws, f"A{r}", f"=INDEX({names},{k + 1})", t.text(lang))
        for col, value in zip("BCDE", row, strict=True):
            b.input(ws, f"{col}{r}", value, "text")
        mark = s.t("match_mark")
        value = mark if s.vals["tier"] == t.text(lang) else ""
        b.formula(ws, f"F{r}", f'=IF($B$4="","",IF(A{r}=$B$4,"{mark}",""))', value)
    b.colour_when(ws, f"A{first}:F{last}", f'AND($B$4<>"",$A{first}=$B$4)', GREEN)
    r = last + 2
    s.head(ws, f"A{r}", "matched")
    ws.merge_cells(f"A{r}:E{r}")
    r += 1
    b.formula(ws, f"A{r}", "=B4", s.vals["tier"])
    hit = next((k for k, t in enumerate(tiers) if t.text(lang) == s.vals["tier"]), None)
    for j, col in enumerate("BCDE"):
        value = "" if hit is None else (table[hit][j] or "")
        b.formula(
            ws, f"{col}{r}",
            f'=IF($B$4="","",INDEX({col}{first}:{col}{last},MATCH($B$4,$A${first}:$A${last},0))&"")', value,
        )  # fmt: skip
    ws.freeze_panes = f"A{first}"


# ---------------------------------------------------------------- overview


def _overview(s: _Plan) -> None:
    lang, b, p = s.lang, s.b, s.p
    ws = s.start("overview", (26, 44, 4))
    s.head(ws, "A4", "basic")
    ws.merge_cells("A4:B4")
    for r, key, value, fmt in (
        (_ACCOUNT_ROW, "account", _text(p.account), "general"),
        (6, "industry", _text(p.industry), "general"),
        (7, "owner", _text(p.owner), "general"),
        (_AS_OF_ROW, "as_of", s.as_of, "date"),
        (9, "period", _text(p.period), "general"),
    ):
        s.side(ws, f"A{r}", key)
        b.input(ws, f"B{r}", value, fmt)
    b.dates(ws, f"B{_AS_OF_ROW}")
    s.head(ws, "A11", "goals")
    ws.merge_cells("A11:B11")
    target = _num(p.sales_target, "sales_target")
    share_target = _num(p.share_target, "share_target")
    for r, key, value, fmt in (
        (12, "sales_target", target, "money"),
        (13, "share_target", share_target, "percent"),
        (14, "goal", _text(p.goal), "text"),
        (15, "relationship_strategy", _text(p.relationship_strategy), "text"),
        (16, "cooperation", _text(p.cooperation), "text"),
    ):
        s.side(ws, f"A{r}", key)
        b.input(ws, f"B{r}", value, fmt)
    b.number_range(ws, "B12", 0, None)
    b.number_range(ws, "B13", 0, 1)
    for r in (14, 15, 16):
        ws.row_dimensions[r].height = 36

    s.head(ws, "A18", "summary")
    ws.merge_cells("A18:B18")
    r = 19
    row_of: dict[str, int] = {}
    for key, fmt in (
        ("score", "score"), ("tier", "general"), ("barrier", "score"), ("barrier_level", "general"),
        ("wallet_share", "percent"), ("share_gap", "percent"), ("coverage", "percent"), ("support", "number"),
        ("risks", "general"), ("csi", "score"), ("sat_level", "general"), ("pct_done", "percent"),
        ("n_overdue", "int"), ("budget_used", "percent"),
    ):  # fmt: skip
        row_of[key] = r
        b.label(ws, f"A{r}", _caption(key), header=False)
        if key == "share_gap":
            share = s.vals["wallet_share"]
            value = "" if share == "" or share_target is None else share - share_target  # type: ignore[operator]
            b.formula(ws, f"B{r}", f'=IF(OR(B{r - 1}="",B13=""),"",B{r - 1}-B13)', value, fmt)
        else:
            b.formula(ws, f"B{r}", f"={s.refs[key]}", s.vals[key], fmt)
        r += 1
    b.band_colours(ws, f"B{row_of['tier']}", [t.text(lang) for t in s.model.tiers])
    b.band_colours(ws, f"B{row_of['barrier_level']}", [x.text(lang) for x in s.model.barrier.levels])
    b.band_colours(ws, f"B{row_of['sat_level']}", [x.text(lang) for x in s.model.satisfaction.levels])
    b.colour_when(ws, f"B{row_of['n_overdue']}", f"B{row_of['n_overdue']}>0", RED)
    r += 1
    b.label(ws, f"A{r}", COMMON["model"])
    ws.merge_cells(f"A{r}:B{r}")
    for k, (key, name, value) in enumerate(
        (
            ("model_name", "KAM_MODEL_NAME", s.model.name),
            ("model_version", "KAM_MODEL_VERSION", s.model.version),
            ("model_hash", "KAM_MODEL_HASH", s.model.content_hash),
        ),
        start=1,
    ):
        s.side(ws, f"A{r + k}", key)
        b.formula(ws, f"B{r + k}", f"={name}", value)
    ws[f"A{r + 5}"] = s.t("generated_by")
    ws[f"A{r + 5}"].data_type = "s"
    ws.freeze_panes = "A4"


# ---------------------------------------------------------------- public API


def build(
    plan: AccountPlan | None, *, model: Model | None = None, lang: str = "zh", as_of: date | None = None
) -> PlanBook:
    """The account-plan workbook for ``plan`` (None = the blank standard template).

    ``as_of`` (default: the plan's, else today; blank in the template) dates
    the overdue check of the action plan.
    """
    model = model or active_model()
    s = _Plan(plan, model, lang, as_of)
    as_of_ref = f"{_quoted(s.title('overview'))}!$B${_AS_OF_ROW}"
    _scorecard(s)
    _buying_centre(s)
    _diagnosis(s)
    _needs(s)
    _barriers(s)
    _actions(s, as_of_ref)
    _resources(s)
    _overview(s)
    return s.b


def write(
    path: str | os.PathLike[str],
    plan: AccountPlan | None = None,
    *,
    model: Model | None = None,
    lang: str = "zh",
    overwrite: bool = False,
    as_of: date | None = None,
) -> Path:
    """Build and save the workbook; an existing file is refused unless ``overwrite``."""
    return build(plan, model=model, lang=lang, as_of=as_of).save(path, overwrite=overwrite)
