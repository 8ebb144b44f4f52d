"""Scorecard, tier, ABC, value pyramid, quadrant and portfolio matrix — SPEC §2.1–2.4."""

from __future__ import annotations

from kam_xl.core import pareto, pyramid, scorecard
from kam_xl.indicators.entry import LANG, SCORECARD, Arg, Indicator
from kam_xl.portfolio import score_portfolio
from kam_xl.xlformulas import scoring as X

__all__ = ["ENTRIES"]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "score_raw",
        "KAM_SCORE_RAW",
        "原始得分",
        "Raw score",
        "加权原始得分 Σ 权重×方向×评分；给出合计时核对是否一致",
        "weighted raw total Σ weight·direction·score; checks a stated total if given",
        "§2.1",
        scorecard.score_raw,
        (
            Arg(
                "scores",
                "各项评分（一行或一列；多行=多个客户）",
                "criteria scores (one row or column; several rows = several accounts)",
            ),
            SCORECARD,
            Arg(
                "stated_total",
                "给定合计（如表格中印出的），不符时报错",
                "a stated total (e.g. printed in a table); a disagreement is reported",
                True,
            ),
        ),
        excel=X.score_raw,
    ),
    Indicator(
        "score",
        "KAM_SCORE",
        "得分(0-100)",
        "Score (0–100)",
        "评分卡标准化得分 0–100（考虑负向指标）",
        "scorecard score normalised to 0–100 (negative-direction criteria included)",
        "§2.1",
        scorecard.score,
        (Arg("scores", "各项评分", "criteria scores"), SCORECARD),
        excel=X.score,
    ),
    Indicator(
        "tier",
        "KAM_TIER",
        "客户等级",
        "Tier",
        "由 0–100 得分按阈值分级",
        "tier from a 0–100 score by the model's thresholds",
        "§2.2",
        scorecard.tier,
        (Arg("score", "0–100 得分（可为区域）", "0–100 score (or a range)"), LANG),
        excel=X.tier,
    ),
    Indicator(
        "abc",
        "KAM_ABC",
        "ABC分类",
        "ABC class",
        "二八法则 ABC 分类：高于本客户者占总额 <80% 为 A，<95% 为 B，否则 C",
        "Pareto class: share held by accounts above < 80 % → A, < 95 % → B, else C",
        "§2.3",
        pareto.abc,
        (
            Arg("value", "本客户的价值（或全部价值的区域）", "this account's value (or the range of all values)"),
            Arg(
                "values",
                "全部客户的价值区域（省略则对 value 整体分类）",
                "all accounts' values (omit to classify value as a whole)",
                True,
            ),
            LANG,
        ),
        excel=X.abc,
    ),
    Indicator(
        "pyramid",
        "KAM_PYRAMID",
        "金字塔层级",
        "Pyramid layer",
        "客户价值金字塔层级（白金/金/银/铜），按价值排名",
        "value-pyramid layer (platinum/gold/silver/bronze) by value rank",
        "§2.4",
        pyramid.pyramid,
        (
            Arg("value", "本客户的价值（或全部价值的区域）", "this account's value (or the range of all values)"),
            Arg(
                "values",
                "全部客户的价值区域（省略则对 value 整体定位）",
                "all accounts' values (omit to place value as a whole)",
                True,
            ),
            LANG,
        ),
        excel=X.pyramid,
    ),
    Indicator(
        "quadrant",
        "KAM_QUADRANT",
        "价值象限",
        "Value quadrant",
        "客户价值矩阵：当前价值 × 潜在价值",
        "value quadrant: current value against potential value",
        "§2.4",
        pyramid.quadrant,
        (
            Arg("current", "当前价值得分 0–100", "current-value score 0–100"),
            Arg("potential", "潜在价值得分 0–100", "potential-value score 0–100"),
            LANG,
        ),
        excel=X.quadrant,
    ),
    Indicator(
        "matrix",
        "KAM_MATRIX",
        "组合矩阵",
        "Portfolio matrix",
        "组合矩阵：客户吸引力 × 我方相对实力",
        "portfolio matrix: account attractiveness against our relative strength",
        "§2.4",
        pyramid.matrix,
        (
            Arg("attractiveness", "客户吸引力 0–100（评分卡得分）", "account attractiveness 0–100 (scorecard score)"),
            Arg(
                "strength",
                "我方相对实力 0–100（默认为壁垒强度）",
                "our relative strength 0–100 (default: barrier strength)",
            ),
            LANG,
        ),
        excel=X.matrix,
    ),
    Indicator(
        "portfolio",
        "KAM_PORTFOLIO",
        "客户组合",
        "Portfolio",
        "整张客户表（含表头）输入，输出全部指标（含表头）",
        "a whole account table with a header row in; every indicator out, with a header row",
        "§2–§3",
        score_portfolio,
        (Arg("table", "客户表（第一行为表头）", "account table (first row = headers)"), LANG),
    ),
)
