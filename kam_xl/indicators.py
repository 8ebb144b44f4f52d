"""The one registry of indicators.

Each :class:`Indicator` holds what every rendering of an indicator needs: the
core function that defines it, the worksheet-function name, bilingual names
and argument docs. The worksheet functions (``udfs/kam_udfs.py``) take their
docs from here; :attr:`Indicator.excel` names the native-formula rendering
the workbook generator uses, and the tests iterate this registry to prove the
renderings agree. Adding an indicator = one entry here + its core function.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["REGISTRY", "Arg", "Indicator", "arg_doc", "by_udf", "indicator"]


@dataclass(frozen=True)
class Arg:
    name: str
    zh: str
    en: str
    optional: bool = False


@dataclass(frozen=True)
class Indicator:
    """One indicator, defined once.

    ``core`` is ``"module:function"`` (resolved lazily, so importing the
    registry stays cheap). ``excel``, likewise ``"module:function"``, names the
    renderer of the native Excel formula (:mod:`kam_xl.xlformulas`): called
    with cell references, it returns formula text (``"=..."``) that refers to
    the model's parameters by their workbook names.
    """

    key: str
    udf: str | None
    zh: str
    en: str
    summary_zh: str
    summary_en: str
    spec: str
    core: str
    args: tuple[Arg, ...] = ()
    excel: str | None = None

    @property
    def function(self) -> Callable[..., Any]:
        module, _, name = self.core.partition(":")
        return getattr(importlib.import_module(module), name)

    @property
    def formula(self) -> Callable[..., str]:
        """The Excel-formula renderer (raises if the indicator has none)."""
        if self.excel is None:
            raise LookupError(f"{self.key} has no Excel-formula rendering")
        module, _, name = self.excel.partition(":")
        return getattr(importlib.import_module(module), name)

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def doc(self) -> str:
        """Bilingual one-paragraph description (Excel's function wizard shows it)."""
        return f"{self.summary_zh} / {self.summary_en} (SPEC {self.spec})"


_LANG = Arg("lang", "标签语言：zh 或 en（默认取模型设置）", "label language: zh or en (default: the model's)", True)
_CARD = Arg(
    "scorecard", "评分卡代码（默认为模型的分级评分卡）", "scorecard code (default: the model's tier scorecard)", True
)
_C = "kam_xl.core."
_X = "kam_xl.xlformulas:"

_ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "score_raw",
        "KAM_SCORE_RAW",
        "原始得分",
        "Raw score",
        "加权原始得分 Σ 权重×方向×评分；给出合计时核对是否一致",
        "weighted raw total Σ weight·direction·score; checks a stated total if given",
        "§2.1",
        _C + "scorecard:score_raw",
        (
            Arg(
                "scores",
                "各项评分（一行或一列；多行=多个客户）",
                "criteria scores (one row or column; several rows = several accounts)",
            ),
            _CARD,
            Arg(
                "stated_total",
                "给定合计（如表格中印出的），不符时报错",
                "a stated total (e.g. printed in a table); a disagreement is reported",
                True,
            ),
        ),
        excel=_X + "score_raw",
    ),
    Indicator(
        "score",
        "KAM_SCORE",
        "得分(0-100)",
        "Score (0–100)",
        "评分卡标准化得分 0–100（考虑负向指标）",
        "scorecard score normalised to 0–100 (negative-direction criteria included)",
        "§2.1",
        _C + "scorecard:score",
        (Arg("scores", "各项评分", "criteria scores"), _CARD),
        excel=_X + "score",
    ),
    Indicator(
        "tier",
        "KAM_TIER",
        "客户等级",
        "Tier",
        "由 0–100 得分按阈值分级",
        "tier from a 0–100 score by the model's thresholds",
        "§2.2",
        _C + "scorecard:tier",
        (Arg("score", "0–100 得分（可为区域）", "0–100 score (or a range)"), _LANG),
        excel=_X + "tier",
    ),
    Indicator(
        "abc",
        "KAM_ABC",
        "ABC分类",
        "ABC class",
        "二八法则 ABC 分类：高于本客户者占总额 <80% 为 A，<95% 为 B，否则 C",
        "Pareto class: share held by accounts above < 80 % → A, < 95 % → B, else C",
        "§2.3",
        _C + "pareto:abc",
        (
            Arg("value", "本客户的价值（或全部价值的区域）", "this account's value (or the range of all values)"),
            Arg(
                "values",
                "全部客户的价值区域（省略则对 value 整体分类）",
                "all accounts' values (omit to classify value as a whole)",
                True,
            ),
            _LANG,
        ),
        excel=_X + "abc",
    ),
    Indicator(
        "pyramid",
        "KAM_PYRAMID",
        "金字塔层级",
        "Pyramid layer",
        "客户价值金字塔层级（白金/金/银/铜），按价值排名",
        "value-pyramid layer (platinum/gold/silver/bronze) by value rank",
        "§2.4",
        _C + "pyramid:pyramid",
        (
            Arg("value", "本客户的价值（或全部价值的区域）", "this account's value (or the range of all values)"),
            Arg(
                "values",
                "全部客户的价值区域（省略则对 value 整体定位）",
                "all accounts' values (omit to place value as a whole)",
                True,
            ),
            _LANG,
        ),
        excel=_X + "pyramid",
    ),
    Indicator(
        "quadrant",
        "KAM_QUADRANT",
        "价值象限",
        "Value quadrant",
        "客户价值矩阵：当前价值 × 潜在价值",
        "value quadrant: current value against potential value",
        "§2.4",
        _C + "pyramid:quadrant",
        (
            Arg("current", "当前价值得分 0–100", "current-value score 0–100"),
            Arg("potential", "潜在价值得分 0–100", "potential-value score 0–100"),
            _LANG,
        ),
        excel=_X + "quadrant",
    ),
    Indicator(
        "matrix",
        "KAM_MATRIX",
        "组合矩阵",
        "Portfolio matrix",
        "组合矩阵：客户吸引力 × 我方相对实力",
        "portfolio matrix: account attractiveness against our relative strength",
        "§2.4",
        _C + "pyramid:matrix",
        (
            Arg("attractiveness", "客户吸引力 0–100（评分卡得分）", "account attractiveness 0–100 (scorecard score)"),
            Arg(
                "strength",
                "我方相对实力 0–100（默认为壁垒强度）",
                "our relative strength 0–100 (default: barrier strength)",
            ),
            _LANG,
        ),
        excel=_X + "matrix",
    ),
    Indicator(
        "wall",
        "KAM_WALL",
        "围墙得分",
        "Wall score",
        "围墙准则得分：主推、份额、接触、私交各 0–2 之和",
        "wall score: specified, share, contact, personal, each 0–2, summed",
        "§2.5",
        _C + "barriers:wall",
        (Arg("criteria", "四项围墙准则评分（一行四格）", "the four wall-criteria scores (one row of four)"),),
        excel=_X + "wall",
    ),
    Indicator(
        "wall_ratio",
        "KAM_WALL_RATIO",
        "围墙比率",
        "Wall ratio",
        "围墙得分 / 满分",
        "wall score / its maximum",
        "§2.5",
        _C + "barriers:wall_ratio",
        (Arg("criteria", "四项围墙准则评分（一行四格）", "the four wall-criteria scores (one row of four)"),),
        excel=_X + "wall_ratio",
    ),
    Indicator(
        "switching",
        "KAM_SWITCHING",
        "转换成本",
        "Switching cost",
        "转换成本：程序性、财务性、关系性（各 0–5）的平均",
        "switching cost: mean of procedural, financial, relational (each 0–5)",
        "§2.5",
        _C + "barriers:switching_cost",
        (
            Arg("procedural", "程序性转换成本 0–5", "procedural switching cost 0–5"),
            Arg("financial", "财务性转换成本 0–5", "financial switching cost 0–5"),
            Arg("relational", "关系性转换成本 0–5", "relational switching cost 0–5"),
        ),
        excel=_X + "switching",
    ),
    Indicator(
        "barrier",
        "KAM_BARRIER",
        "壁垒强度",
        "Barrier strength",
        "壁垒强度 0–100 = 围墙、技术、商务、转换成本加权",
        "barrier strength 0–100 from wall ratio, technical, commercial and switching cost",
        "§2.5",
        _C + "barriers:barrier_strength",
        (
            Arg("wall_ratio", "围墙比率 0–1", "wall ratio 0–1"),
            Arg("technical", "技术壁垒 0–5", "technical barrier 0–5"),
            Arg("commercial", "商务壁垒 0–5", "commercial barrier 0–5"),
            Arg("switching", "转换成本 0–5", "switching cost 0–5"),
        ),
        excel=_X + "barrier",
    ),
    Indicator(
        "barrier_level",
        "KAM_BARRIER_LEVEL",
        "壁垒等级",
        "Barrier level",
        "壁垒等级：强 / 中 / 弱",
        "barrier level: strong / moderate / weak",
        "§2.5",
        _C + "barriers:barrier_level",
        (Arg("strength", "壁垒强度 0–100", "barrier strength 0–100"), _LANG),
        excel=_X + "barrier_level",
    ),
    Indicator(
        "clv",
        "KAM_CLV",
        "客户生命周期价值",
        "Lifetime value",
        "客户生命周期价值（有限或无限期）",
        "customer lifetime value (finite or infinite horizon)",
        "§2.6",
        _C + "clv:clv",
        (
            Arg("margin", "年毛利（每年末获得）", "annual margin (received at each year end)"),
            Arg("retention", "保留率 0 ≤ r < 1", "retention 0 ≤ r < 1"),
            Arg("discount", "折现率 d > -1", "discount rate d > −1"),
            Arg("horizon", "年限（省略为无限期）", "horizon in years (omit for infinite)", True),
        ),
        excel=_X + "clv",
    ),
    Indicator(
        "wallet_share",
        "KAM_WALLET_SHARE",
        "钱包份额",
        "Share of wallet",
        "钱包份额 = 我方销售额 / 客户该品类总采购额",
        "share of wallet = our sales / the account's total category spend",
        "§2.7",
        _C + "wallet:share_of_wallet",
        (
            Arg("our_sales", "我方对该客户的销售额", "our sales to the account"),
            Arg("total_spend", "客户该品类总采购额（同期）", "the account's total category spend (same period)"),
        ),
        excel=_X + "wallet_share",
    ),
    Indicator(
        "sat_gap",
        "KAM_SAT_GAP",
        "满意度差距",
        "Satisfaction gap",
        "满意度 = 实际感受 − 期望感受（加权平均）",
        "satisfaction gap = perceived − expected (weighted mean)",
        "§2.8",
        _C + "satisfaction:satisfaction_gap",
        (
            Arg("perceived", "各维度实际感受 1–10", "perceived score per dimension 1–10"),
            Arg("expected", "各维度期望 1–10", "expected score per dimension 1–10"),
            Arg("weights", "各维度权重（省略取模型）", "weight per dimension (omit: the model's)", True),
        ),
        excel=_X + "sat_gap",
    ),
    Indicator(
        "csi",
        "KAM_CSI",
        "满意度指数",
        "CSI",
        "客户满意度指数 0–100",
        "customer satisfaction index 0–100",
        "§2.8",
        _C + "satisfaction:csi",
        (
            Arg("perceived", "各维度实际感受 1–10", "perceived score per dimension 1–10"),
            Arg("weights", "各维度权重（省略取模型）", "weight per dimension (omit: the model's)", True),
        ),
        excel=_X + "csi",
    ),
    Indicator(
        "sat_level",
        "KAM_SAT_LEVEL",
        "满意程度",
        "Satisfaction level",
        "满意 / 基本满意 / 不满意",
        "satisfied / at risk / dissatisfied",
        "§2.8",
        _C + "satisfaction:satisfaction_level",
        (Arg("gap", "满意度差距", "satisfaction gap"), _LANG),
        excel=_X + "sat_level",
    ),
    Indicator(
        "coverage",
        "KAM_COVERAGE",
        "层级覆盖率",
        "Level coverage",
        "关系达标（≥2）的采购组织层级数 / 3",
        "levels of the buying organisation reached with relationship ≥ 2, / 3",
        "§2.9",
        _C + "buying_centre:coverage",
        (
            Arg(
                "levels", "各联系人层级（决策层/管理层/操作层）", "each contact's level (decision/management/operating)"
            ),
            Arg(
                "relationships",
                "各联系人关系分 0–6（信任+利益+情感）",
                "each contact's relationship 0–6 (trust + interest + emotion)",
            ),
        ),
        excel=_X + "coverage",
    ),
    Indicator(
        "support",
        "KAM_SUPPORT",
        "支持指数",
        "Support index",
        "支持指数 = Σ 影响力×立场 / Σ 影响力（−1…+1）",
        "support index = Σ influence·stance / Σ influence (−1 … +1)",
        "§2.9",
        _C + "buying_centre:support_index",
        (
            Arg("influence", "各联系人影响力 1–5", "each contact's influence 1–5"),
            Arg(
                "stances",
                "各联系人立场（支持/中立/反对 或 1/0/−1）",
                "each contact's stance (supporter/neutral/opponent or 1/0/−1)",
            ),
        ),
        excel=_X + "support",
    ),
    Indicator(
        "depth",
        "KAM_DEPTH",
        "关系深度",
        "Relationship depth",
        "关系深度 = Σ 影响力×关系分 / (6×Σ 影响力)",
        "relationship depth = Σ influence·relationship / (6·Σ influence)",
        "§2.9",
        _C + "buying_centre:depth",
        (
            Arg("influence", "各联系人影响力 1–5", "each contact's influence 1–5"),
            Arg("relationships", "各联系人关系分 0–6", "each contact's relationship 0–6"),
        ),
        excel=_X + "depth",
    ),
    Indicator(
        "risks",
        "KAM_RISKS",
        "组织风险",
        "Buying-centre risks",
        "风险标志：决策者反对、没有教练、单线联系、未接触决策层",
        "risk flags: opposing decision maker, no coach, single-threaded, no decision-level contact",
        "§2.9",
        _C + "buying_centre:risk_flags",
        (
            Arg("levels", "各联系人层级", "each contact's level"),
            Arg("roles", "各联系人角色", "each contact's role"),
            Arg("stances", "各联系人立场", "each contact's stance"),
            _LANG,
        ),
        excel=_X + "risks",
    ),
    Indicator(
        "pipeline",
        "KAM_PIPELINE",
        "加权管道",
        "Weighted pipeline",
        "加权管道 = Σ 预期金额 × 阶段赢率",
        "weighted pipeline = Σ expected value × stage probability",
        "§2.10",
        _C + "pipeline:weighted_pipeline",
        (
            Arg("expected_values", "各机会预期金额", "expected value of each opportunity"),
            Arg("stages", "各机会所处阶段", "stage of each opportunity"),
        ),
        excel=_X + "pipeline",
    ),
    Indicator(
        "dso",
        "KAM_DSO",
        "应收账款周转天数",
        "DSO",
        "DSO = 应收余额 / 销售额 × 期间天数",
        "DSO = outstanding / sales · days in period",
        "§2.11",
        _C + "receivables:dso",
        (
            Arg("outstanding", "应收余额", "outstanding"),
            Arg("sales", "期间销售额", "sales in the period"),
            Arg("days", "期间天数（默认 365）", "days in the period (default 365)", True),
        ),
        excel=_X + "dso",
    ),
    Indicator(
        "aging",
        "KAM_AGING",
        "账龄",
        "Aging",
        "账龄分布一行：未到期、1–30、31–60、61–90、90 天以上",
        "one row of aging buckets: not due, 1–30, 31–60, 61–90, over 90 days",
        "§2.11",
        _C + "receivables:aging_row",
        (
            Arg("amounts", "各张发票未收金额", "open amount of each invoice"),
            Arg("due_dates", "各张发票到期日", "due date of each invoice"),
            Arg("as_of", "截止日期", "as-of date"),
        ),
        excel=_X + "aging_bucket",
    ),
    Indicator(
        "credit_rating",
        "KAM_CREDIT_RATING",
        "信用等级",
        "Credit rating",
        "信用等级：按 DSO 与逾期占比",
        "credit rating from DSO and overdue ratio",
        "§2.11",
        _C + "receivables:credit_rating",
        (Arg("dso", "DSO（天）", "DSO (days)"), Arg("overdue_ratio", "逾期占比 0–1", "overdue ratio 0–1"), _LANG),
        excel=_X + "credit_rating",
    ),
    Indicator(
        "portfolio",
        "KAM_PORTFOLIO",
        "客户组合",
        "Portfolio",
        "整张客户表（含表头）输入，输出全部指标（含表头）",
        "a whole account table with a header row in; every indicator out, with a header row",
        "§2–§3",
        "kam_xl.portfolio:score_portfolio",
        (Arg("table", "客户表（第一行为表头）", "account table (first row = headers)"), _LANG),
    ),
)

REGISTRY: dict[str, Indicator] = {entry.key: entry for entry in _ENTRIES}
_BY_UDF: dict[str, Indicator] = {entry.udf: entry for entry in _ENTRIES if entry.udf}


def indicator(key: str) -> Indicator:
    return REGISTRY[key]


def by_udf(name: str) -> Indicator:
    return _BY_UDF[name.upper()]


def arg_doc(udf: str, arg: str) -> str:
    """Bilingual doc of one worksheet-function argument (for ``@arg(..., doc=...)``)."""
    for a in by_udf(udf).args:
        if a.name == arg:
            return f"{a.zh} / {a.en}"
    raise KeyError(f"{udf} has no argument {arg!r}")
