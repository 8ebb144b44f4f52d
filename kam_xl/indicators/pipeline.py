"""The development pipeline — docs/definitions.md §2.10."""

from __future__ import annotations

from kam_xl.core import pipeline
from kam_xl.indicators.entry import LANG, Arg, Indicator
from kam_xl.xlformulas import pipeline as X

__all__ = ["ENTRIES"]

_STAGE = Arg("stage", "开发阶段（代码、中文或英文名称）", "pipeline stage (code, Chinese or English name)")
_EXPECTED = Arg("expected_value", "预期金额", "expected value")

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "stage_probability",
        None,
        "阶段赢率",
        "Win probability",
        "开发阶段对应的赢单概率（模型设定）",
        "the win probability of a pipeline stage (set by the model)",
        "§2.10",
        pipeline.stage_probability,
        (_STAGE, LANG),
        excel=X.stage_probability,
    ),
    Indicator(
        "weighted_value",
        None,
        "加权金额",
        "Weighted value",
        "单个机会的加权金额 = 预期金额 × 阶段赢率",
        "one opportunity's weighted value = expected value × stage probability",
        "§2.10",
        pipeline.weighted_value,
        (_EXPECTED, _STAGE),
        excel=X.weighted_value,
    ),
    Indicator(
        "pipeline",
        "KAM_PIPELINE",
        "加权管道",
        "Weighted pipeline",
        "加权管道 = Σ 预期金额 × 阶段赢率",
        "weighted pipeline = Σ expected value × stage probability",
        "§2.10",
        pipeline.weighted_pipeline,
        (
            Arg("expected_values", "各机会预期金额", "expected value of each opportunity"),
            Arg("stages", "各机会所处阶段", "stage of each opportunity"),
        ),
        excel=X.pipeline,
    ),
    Indicator(
        "win_rate",
        None,
        "赢单率",
        "Win rate",
        "赢单率 = 赢单数 ÷（赢单数 + 丢单数）；尚无结果时为空白",
        "win rate = won ÷ (won + lost); blank while none is decided",
        "§2.10",
        pipeline.win_rate,
        (Arg("won", "赢单数", "attempts won"), Arg("lost", "丢单数", "attempts lost")),
        excel=X.win_rate,
    ),
)
