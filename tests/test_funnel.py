"""The sales funnel (大客户销售漏斗, seed 001) by hand — docs/definitions.md §2.10."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from kam_xl.core import funnel
from kam_xl.errors import KamError
from kam_xl.models import active_model

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def test_funnel_stages_come_in_the_seeds_order() -> None:
    # seed 001: 大客户销售漏斗 — 潜在客户, 可能客户, 普通客户, 重点客户, 已成交客户, top-down
    assert [s.zh for s in funnel.FUNNEL_STAGES] == ["潜在客户", "可能客户", "普通客户", "重点客户", "已成交客户"]
    seeds = list(SEED.glob("001_*.txt"))
    if seeds:  # the seed's own lines, in the order it prints them
        text = seeds[0].read_text(encoding="utf-8")
        at = [text.index(s.zh) for s in funnel.FUNNEL_STAGES]
        assert at == sorted(at)


def test_funnel_stage_maps_pipeline_stage_and_outcome() -> None:
    # the model's five stages: 确定对象 (1st) 潜在, 需求明确 (2nd) 可能, 价值评估 (3rd) 普通, 关系建立 (4th) and
    # 促成成交 (5th) 重点; a won attempt is 已成交 at any stage; a blank stage not won is blank
    stages = ["确定对象", "需求明确", "价值评估", "关系建立", "促成成交", "确定对象", None, None]
    outcomes = ["进行中", "丢单", "放弃", "进行中", "丢单", "赢单", "Won", "进行中"]
    got = funnel.funnel_stage(stages, outcomes, "zh").tolist()
    assert got == ["潜在客户", "可能客户", "普通客户", "重点客户", "重点客户", "已成交客户", "已成交客户", None]
    assert funnel.funnel_stage(["Value assessed"], ["open"], "en").tolist() == ["Regular"]
    with pytest.raises(KamError) as err:
        funnel.funnel_stage(["确定对象", "签约"], ["进行中", "进行中"], "zh")
    assert "stage" in str(err.value) and err.value.position is not None and err.value.position.item == 2


def test_reached_and_conversion_by_hand() -> None:
    # at the stages 5, 3, 0, 2, 2 → reached 12, 7, 4, 4, 2; conversions 7/12, 4/7, 4/4, 2/4
    reached = funnel.funnel_reached([5, 3, None, 2, 2])
    assert reached.tolist() == [12.0, 7.0, 4.0, 4.0, 2.0]
    conv = funnel.funnel_conversion(reached[1:], reached[:-1])
    assert conv.tolist() == pytest.approx([7 / 12, 4 / 7, 1.0, 0.5])
    assert np.isnan(funnel.funnel_conversion(0, 0))
    with pytest.raises(KamError):
        funnel.funnel_reached([1, -2])


def test_days_in_stage_by_hand() -> None:
    # 2024-01-01 → 2024-01-31: 30 days; 2024-02-01 → 2024-02-11: 10; third: no next date; fourth: none entered
    entered = [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1), None]
    left = [date(2024, 1, 31), date(2024, 2, 11), None, date(2024, 5, 1)]
    assert funnel.avg_days_in_stage(entered, left) == 20.0  # (30 + 10) / 2
    # only the won: the first is lost → 10
    assert funnel.avg_days_in_stage(entered, left, ["丢单", "赢单", "赢单", "赢单"], "赢单") == 10.0
    assert np.isnan(funnel.avg_days_in_stage([None], [date(2024, 1, 1)]))


def test_stage_dates_going_backwards_are_flagged() -> None:
    rows = [
        [date(2024, 1, 1), date(2024, 2, 1), None, date(2024, 3, 1)],  # in order, a stage skipped
        [date(2024, 1, 1), None, date(2023, 12, 31), None],  # the third before the first
        [None, date(2024, 2, 1), date(2024, 2, 1), None],  # the same day twice is in order
        [date(2024, 5, 1), date(2024, 6, 1), date(2024, 5, 15), date(2024, 7, 1)],  # the third before the second
    ]
    assert funnel.dates_out_of_order(rows).tolist() == [False, True, False, True]


def test_loss_reasons_are_bilingual_and_distinct() -> None:
    codes = [r.code for r in funnel.LOSS_REASONS]
    assert len(set(codes)) == len(codes) and all(r.zh and r.en for r in funnel.LOSS_REASONS)
    assert {"价格", "技术", "关系", "交期", "竞争对手", "预算取消", "其他"} <= {r.zh for r in funnel.LOSS_REASONS}
    assert len(active_model().pipeline.stages) == 5
