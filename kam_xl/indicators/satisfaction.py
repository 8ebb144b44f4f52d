"""Customer satisfaction: gap by dimension and overall, CSI and level — docs/definitions.md §2.8."""

from __future__ import annotations

from kam_xl.core import satisfaction
from kam_xl.indicators.entry import LANG, Arg, Indicator
from kam_xl.xlformulas import satisfaction as X

__all__ = ["ENTRIES"]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "dimension_gap",
        None,
        "维度差距",
        "Gap by dimension",
        "某一维度的满意度差距 = 实际感受 − 期望感受",
        "one dimension's satisfaction gap = perceived − expected",
        "§2.8",
        satisfaction.dimension_gap,
        (
            Arg("perceived", "该维度实际感受 1–10", "perceived score of the dimension 1–10"),
            Arg("expected", "该维度期望感受 1–10", "expected score of the dimension 1–10"),
        ),
        excel=X.dimension_gap,
    ),
    Indicator(
        "sat_gap",
        "KAM_SAT_GAP",
        "满意度差距",
        "Satisfaction gap",
        "满意度 = 实际感受 − 期望感受（加权平均）",
        "satisfaction gap = perceived − expected (weighted mean)",
        "§2.8",
        satisfaction.satisfaction_gap,
        (
            Arg("perceived", "各维度实际感受 1–10", "perceived score per dimension 1–10"),
            Arg("expected", "各维度期望 1–10", "expected score per dimension 1–10"),
            Arg("weights", "各维度权重（省略取模型）", "weight per dimension (omit: the model's)", True),
        ),
        excel=X.sat_gap,
    ),
    Indicator(
        "csi",
        "KAM_CSI",
        "满意度指数",
        "CSI",
        "客户满意度指数 0–100",
        "customer satisfaction index 0–100",
        "§2.8",
        satisfaction.csi,
        (
            Arg("perceived", "各维度实际感受 1–10", "perceived score per dimension 1–10"),
            Arg("weights", "各维度权重（省略取模型）", "weight per dimension (omit: the model's)", True),
        ),
        excel=X.csi,
    ),
    Indicator(
        "sat_level",
        "KAM_SAT_LEVEL",
        "满意程度",
        "Satisfaction level",
        "满意 / 基本满意 / 不满意",
        "satisfied / at risk / dissatisfied",
        "§2.8",
        satisfaction.satisfaction_level,
        (Arg("gap", "满意度差距", "satisfaction gap"), LANG),
        excel=X.sat_level,
    ),
)
