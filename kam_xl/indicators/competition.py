"""Competitors at the account (竞争分析; seed 002's USP = 客户有需求 且 竞争对手做不到) — docs/definitions.md §2.16."""

from __future__ import annotations

import math

import numpy as np

from kam_xl.core import competition
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.models import Model, active_model
from kam_xl.xlformulas import competition as X
from kam_xl.xlformulas.common import YES_NO

__all__ = ["ENTRIES", "need_mark", "usp_mark"]


def _language(lang: str | None, model: Model) -> str:
    return "zh" if (lang or model.language) == "zh" else "en"


def need_mark(importance: object, lang: str | None = None, model: Model | None = None) -> np.ndarray:
    """是 / 否 (Yes / No) as :func:`kam_xl.core.competition.needed` says; None where the importance is blank."""
    model = model or active_model()
    yes, no = YES_NO[_language(lang, model)]
    flags = competition.needed(importance, model)
    out = np.empty(flags.shape, dtype=object)
    out.reshape(-1)[:] = [None if math.isnan(f) else (yes if f == 1 else no) for f in flags.reshape(-1)]
    return out


def usp_mark(
    importance: object, ours: object, theirs: object, lang: str | None = None, model: Model | None = None
) -> np.ndarray:
    """★ USP where :func:`kam_xl.core.competition.usp` holds, else "" (not a USP, or an input blank)."""
    model = model or active_model()
    mark = competition.USP_LABEL.text(_language(lang, model))
    flags = competition.usp(importance, ours, theirs, model)
    out = np.empty(flags.shape, dtype=object)
    out.reshape(-1)[:] = [mark if f == 1 else "" for f in flags.reshape(-1)]
    return out


# The six dimensions of definitions §2.8 (quality, delivery, technical service, price, responsiveness,
# relationship; weight 1 each): the customer's scores for us (the satisfaction example's perceived scores), for
# one competitor, and how much the customer cares about each.
_OURS = [8, 7, 6, 5, 8, 7]
_THEIRS = [6, 8, 6, 7, 5, 7]
_IMPORTANCE = [9, 8, 6, 9, 7, 5]
_SCORE = "1–10"

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "share_rest",
        None,
        "未列出份额",
        "Share not listed",
        "客户采购额中既不在我方也不在所列竞争对手的份额 = 1 − 我方份额 − Σ 竞争对手份额",
        "the account's spend held neither by us nor by a listed competitor = 1 − our share − Σ competitors' shares",
        "§2.16",
        competition.share_rest,
        (
            Arg("our_share", "我方钱包份额 0–1", "our share of wallet 0–1"),
            Arg(
                "shares",
                "各竞争对手的份额 0–1（一列，空白不计）",
                "each competitor's share 0–1 (a column; blanks left out)",
            ),
        ),
        excel=X.share_rest,
        definition_zh="未列出份额 = 1 − 我方钱包份额 − Σ 各竞争对手份额：其他供应商或不清楚的部分。每个份额在 0–1 之间，"
        "合计超过 1 是错误（同一客户的采购额不能被分出多于全部），工作簿此时显示空白。",
        definition_en="Share not listed = 1 − our share of wallet − Σ the competitors' shares: other suppliers, or "
        "not known. Each share is 0–1; together above 1 is an error (one account's spend cannot be split into "
        "more than all of it), which a workbook shows as a blank.",
        # by hand: 1 − 0.35 − (0.30 + 0.20) = 0.15
        example=Example(
            (0.35, [0.30, 0.20]),
            ("$B$6", "$C$8:$C$12"),
            "我方份额 35%，两个竞争对手 30% 与 20%：1 − 0.35 − 0.50 = 15% 未列出。",
            "Our share 35%, two competitors at 30% and 20%: 1 − 0.35 − 0.50 = 15% not listed.",
        ),
    ),
    Indicator(
        "competitor_lead",
        None,
        "领先 / 落后",
        "Lead / lag",
        "某一标准上客户对我方的评分 − 对该竞争对手的评分（负数为落后）",
        "on one criterion, the customer's score for us − for the competitor (negative: we lag)",
        "§2.16",
        competition.lead,
        (
            Arg("ours", f"客户对我方的评分 {_SCORE}", f"the customer's score for us {_SCORE}"),
            Arg("theirs", f"客户对该竞争对手的评分 {_SCORE}", f"the customer's score for the competitor {_SCORE}"),
        ),
        excel=X.lead,
        definition_zh="领先 = 客户对我方的评分 − 对竞争对手的评分，两者用同一套满意度标准（模型的满意度维度）、同一 1–10 "
        "分制；负数表示落后。任一空白时结果空白；超出评分范围是错误。",
        definition_en="Lead = the customer's score for us − for the competitor, on the same criteria (the model's "
        "satisfaction dimensions) and the same 1–10 scale; negative means we lag. A blank score gives a blank; "
        "one off the scale is an error.",
        # by hand: 8 − 6 = 2, 7 − 8 = −1, 6 − 6 = 0, 5 − 7 = −2, 8 − 5 = 3, 7 − 7 = 0
        example=Example(
            (_OURS, _THEIRS),
            ("E20", "F20"),
            "定义 §2.8 的六个维度，我方 8/7/6/5/8/7、对手 6/8/6/7/5/7：产品质量领先 2，交付落后 1，价格落后 2，"
            "响应速度领先 3。",
            "The six dimensions of definitions §2.8, us 8/7/6/5/8/7 and the competitor 6/8/6/7/5/7: quality "
            "leads by 2, delivery lags by 1, price by 2, responsiveness leads by 3.",
        ),
    ),
    Indicator(
        "competitive_gap",
        None,
        "综合领先",
        "Overall lead",
        "我方加权得分 − 竞争对手加权得分（按满意度维度权重）",
        "our weighted score − the competitor's (by the satisfaction dimensions' weights)",
        "§2.16",
        competition.competitive_gap,
        (
            Arg("ours", f"各维度客户对我方的评分 {_SCORE}", f"the customer's score for us per dimension {_SCORE}"),
            Arg("theirs", f"各维度客户对该对手的评分 {_SCORE}", f"the customer's score for the competitor {_SCORE}"),
        ),
        excel=X.competitive_gap,
        definition_zh="综合领先 = Σ 权重 × (我方 − 对手) ÷ Σ 权重，即我方加权得分减对手加权得分（权重取模型的满意度维度）。"
        "有维度空白时是错误，工作簿在各维度填齐前显示空白。",
        definition_en="Overall lead = Σ weight × (ours − theirs) ÷ Σ weight: our weighted score less the "
        "competitor's (the weights of the model's satisfaction dimensions). A blank dimension is an error; a "
        "workbook shows blank until every dimension is in.",
        # by hand: (2 − 1 + 0 − 2 + 3 + 0) / 6 = 2 / 6 = 0.333…
        example=Example(
            (_OURS, _THEIRS),
            ("$E$20:$E$25", "$F$20:$F$25"),
            "同上：(2 − 1 + 0 − 2 + 3 + 0) / 6 = 0.33，我方略领先。",
            "The same scores: (2 − 1 + 0 − 2 + 3 + 0) / 6 = 0.33, we lead slightly.",
        ),
    ),
    Indicator(
        "need",
        None,
        "客户有需求",
        "Customer needs it",
        "客户对该标准的重视度达到模型的 need_at 即有需求",
        "the customer needs a criterion whose importance reaches the model's need_at",
        "§2.16",
        need_mark,
        (Arg("importance", f"客户对该标准的重视度 {_SCORE}", f"how much the customer cares {_SCORE}"), LANG),
        excel=X.need,
        definition_zh="重视度 ≥ need_at（默认 7，在 Model 表上可改）为“是”，否则“否”；重视度空白时为空白。这是 USP 的第一个"
        "条件（种子 002：客户有需求）。",
        definition_en='Importance ≥ need_at (7 by default, editable on the Model sheet) is "Yes", else "No"; '
        "blank while the importance is. The first condition of a USP (seed 002: the customer needs it).",
        # by hand: 9 ≥ 7 是, 8 是, 6 < 7 否, 9 是, 7 ≥ 7 是, 5 否
        example=Example(
            (_IMPORTANCE,),
            ("C20", "zh"),
            "重视度 9/8/6/9/7/5：技术服务（6）和关系（5）未达到 7，不算客户的需求；响应速度正好 7，算。",
            "Importance 9/8/6/9/7/5: technical service (6) and relationship (5) fall short of 7 and are not needs; "
            "responsiveness at exactly 7 is.",
            kwargs=(("lang", "zh"),),
        ),
    ),
    Indicator(
        "usp",
        None,
        "独特卖点",
        "USP",
        "客户有需求且对手做不到（或做得没有我好）：★ USP",
        "the customer needs it and the competitor can't match us: ★ USP",
        "§2.16",
        usp_mark,
        (
            Arg("importance", f"客户对该标准的重视度 {_SCORE}", f"how much the customer cares {_SCORE}"),
            Arg("ours", f"客户对我方的评分 {_SCORE}", f"the customer's score for us {_SCORE}"),
            Arg("theirs", f"客户对该竞争对手的评分 {_SCORE}", f"the customer's score for the competitor {_SCORE}"),
            LANG,
        ),
        excel=X.usp,
        definition_zh="种子 002：“独特卖点 = USP；1、客户有需求；2、竞争对手做不到，或者竞争对手做得没有我好的地方”。"
        "某标准的重视度 ≥ need_at（客户有需求），且我方评分比该对手高出至少 usp_margin（默认 1，对手做不到或做得没有"
        "我好）时显示“★ USP”，否则空白；任一输入空白时空白。",
        definition_en='Seed 002: "USP: 1. the customer needs it; 2. the competitor cannot do it, or does it less '
        'well than we do". "★ USP" where the importance reaches need_at (the customer needs it) and our score '
        "beats the competitor's by at least usp_margin (1 by default: the competitor can't match us), else "
        "blank; blank while an input is.",
        # by hand: quality 9 ≥ 7 and 8 − 6 = 2 ≥ 1 → ★; delivery lead −1 → no; technical 6 < 7 → no;
        # price lead −2 → no; responsiveness 7 ≥ 7 and 8 − 5 = 3 → ★; relationship 5 < 7 → no
        example=Example(
            (_IMPORTANCE, _OURS, _THEIRS),
            ("C20", "E20", "F20", "zh"),
            "同上：产品质量（重视 9，领先 2）与响应速度（重视 7，领先 3）是我方对该对手的 USP；交付与价格我们落后，"
            "技术服务与关系客户不够重视。",
            "The same: quality (importance 9, lead 2) and responsiveness (importance 7, lead 3) are our USPs "
            "against this competitor; we lag on delivery and price, and the customer cares too little about "
            "technical service and relationship.",
            kwargs=(("lang", "zh"),),
        ),
    ),
)
