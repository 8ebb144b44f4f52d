"""The development pipeline — SPEC §2.10."""

from __future__ import annotations

from kam_xl.core import pipeline
from kam_xl.indicators.entry import Arg, Indicator
from kam_xl.xlformulas import pipeline as X

__all__ = ["ENTRIES"]

ENTRIES: tuple[Indicator, ...] = (
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
)
