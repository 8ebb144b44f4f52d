"""Customer satisfaction: gap by dimension and overall, CSI and level — docs/definitions.md §2.8."""

from __future__ import annotations

from kam_xl.core import satisfaction
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.xlformulas import satisfaction as X

__all__ = ["ENTRIES"]

# The table of definitions §2.8, in the model's order of dimensions: product quality, delivery,
# technical service, price, responsiveness, relationship (weight 1 each).
_PERCEIVED = [8, 7, 6, 5, 8, 7]
_EXPECTED = [9, 8, 8, 7, 8, 7]

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
        definition_zh="一个维度的满意度差距 = 实际感受 − 期望感受，两者各 1–10；负数表示没达到客户的期望。任一空白时结果空白；"
        "超出 1–10 是错误。",
        definition_en="One dimension's gap = perceived − expected, each scored 1–10; a negative gap means the "
        "customer expected more. A blank score gives a blank; one outside 1–10 is an error.",
        # by hand: 8 − 9 = −1, 7 − 8 = −1, 6 − 8 = −2, 5 − 7 = −2, 8 − 8 = 0, 7 − 7 = 0
        example=Example(
            (_PERCEIVED, _EXPECTED),
            ("C5", "D5"),
            "定义 §2.8 的六个维度：技术服务实际 6、期望 8，差 −2；响应速度和关系正好达到期望。",
            "The six dimensions of definitions §2.8: technical service perceived 6 against 8 expected, −2; "
            "responsiveness and relationship meet the expectation exactly.",
        ),
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
        definition_zh="满意度差距 = Σ 权重 × (实际 − 期望) ÷ Σ 权重，即各维度差距的加权平均（默认每维权重 1）。有维度空白时"
        "是错误，工作簿在各维度填齐前显示空白。",
        definition_en="Satisfaction gap = Σ weight × (perceived − expected) ÷ Σ weight: the dimensions' gaps "
        "averaged by weight (1 each by default). A blank dimension is an error; a workbook shows blank until "
        "every dimension is in.",
        # by hand: (−1 − 1 − 2 − 2 + 0 + 0) / 6 = −1
        example=Example(
            (_PERCEIVED, _EXPECTED),
            ("$C$5:$C$10", "$D$5:$D$10"),
            "同上六个维度：(−1 − 1 − 2 − 2 + 0 + 0) / 6 = −1。",
            "The same six dimensions: (−1 − 1 − 2 − 2 + 0 + 0) / 6 = −1.",
        ),
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
        definition_zh="满意度指数 CSI = 100 × Σ 权重 × 实际感受 ÷ (10 × Σ 权重)：实际感受占评分上限的比例。除的是上限 10，"
        "所以处处打 1 分得 10 而不是 0。有维度空白时同满意度差距的规则。",
        definition_en="CSI = 100 × Σ weight × perceived ÷ (10 × Σ weight): the perceived scores as a share of the "
        "top of the scale. It divides by the top, 10, so a customer who scores 1 everywhere gives 10, not 0. A "
        "blank dimension follows the gap's rule.",
        # by hand: 100 × (8 + 7 + 6 + 5 + 8 + 7) / (10 × 6) = 100 × 41 / 60 = 68.33
        example=Example(
            (_PERCEIVED,),
            ("$C$5:$C$10",),
            "同上：100 × 41 / 60 = 68.33。",
            "The same scores: 100 × 41 / 60 = 68.33.",
        ),
    ),
    Indicator(
        "sat_level",
        "KAM_SAT_LEVEL",
        "满意程度",
        "Satisfaction level",
        "满意 / 基本满意 / 不满意",
        "satisfied / mostly satisfied / dissatisfied",
        "§2.8",
        satisfaction.satisfaction_level,
        (Arg("gap", "满意度差距", "satisfaction gap"), LANG),
        excel=X.sat_level,
        definition_zh="按满意度差距分级：≥ 0 满意，−1 ≤ 差距 < 0 基本满意，低于 −1 不满意。差距空白时结果空白。",
        definition_en="From the satisfaction gap: ≥ 0 Satisfied, −1 ≤ gap < 0 Mostly satisfied, below −1 Dissatisfied. A "
        "blank gap gives a blank.",
        # by hand: 0 ≥ 0 → 满意; −1 ≥ −1 → 基本满意; −1.5 < −1 → 不满意
        example=Example(
            ([0, -1, -1.5],),
            ("E12", "zh"),
            "差距 0 为满意；−1 仍是基本满意（上例的客户）；−1.5 为不满意。",
            "A gap of 0 is Satisfied; −1 is still Mostly satisfied (the customer above); −1.5 is Dissatisfied.",
        ),
    ),
)
