"""Buying centre (SPEC §2.9) and development pipeline (SPEC §2.10)."""

from __future__ import annotations

import numpy as np
import pytest

from kam_xl.core.buying_centre import (
    RISK_FLAGS,
    buying_centre,
    coverage,
    depth,
    relationship,
    risk_flags,
    support_index,
)
from kam_xl.core.pipeline import stage_probability, weighted_pipeline, weighted_value
from kam_xl.errors import ExcelErrorValue, InputError, LengthMismatchError, MissingValueError, OutOfRangeError

# ---------------------------------------------------------------- buying centre

# Three contacts, one per level; stances given three ways (label zh, label en, number).
LEVELS = ["决策层", "Management", "operating"]
ROLES = ["决策者", "coach", "使用者"]
STANCES = ["支持", "neutral", -1]
INFLUENCE = [5, 3, 2]
# relationship = trust + interest + emotion: 2+1+1 = 4; 1+1+0 = 2; 0+1+0 = 1
TRUST, INTEREST, EMOTION = [2, 1, 0], [1, 1, 1], [1, 0, 0]
RELATIONSHIP = [4, 2, 1]


def test_relationship_is_trust_plus_interest_plus_emotion():
    np.testing.assert_array_equal(relationship(TRUST, INTEREST, EMOTION), RELATIONSHIP)


def test_relationship_part_above_two_is_an_error():
    with pytest.raises(OutOfRangeError) as info:
        relationship(3, 0, 0)
    assert info.value.field == "trust"


def test_coverage_hand_checked(model):
    # decision: relationship 4 ≥ 2 ✓; management: 2 ≥ 2 ✓ (the threshold counts); operating: 1 < 2 ✗ → 2/3
    assert coverage(LEVELS, RELATIONSHIP, model) == pytest.approx(2 / 3, abs=1e-15)


def test_coverage_counts_levels_not_contacts(model):
    # three strong contacts, all at the decision level → 1 level of 3
    assert coverage(["决策层", "decision", "Decision"], [6, 6, 6], model) == pytest.approx(1 / 3, abs=1e-15)


def test_coverage_all_levels(model):
    assert coverage(["决策层", "管理层", "操作层"], [2, 2, 2], model) == 1.0


def test_support_index_hand_checked(model):
    # (5·(+1) + 3·0 + 2·(−1)) / (5+3+2) = 3/10
    assert support_index(INFLUENCE, STANCES, model) == pytest.approx(0.3, abs=1e-15)


@pytest.mark.parametrize("supporter", ["支持", "supporter", "Supporter", " SUPPORTER ", 1, 1.0, "1", "+1"])
def test_stance_supporter_in_any_form(model, supporter):
    # one supporter with influence 4 and one opponent with influence 1: (4 − 1)/5 = 0.6
    assert support_index([4, 1], [supporter, "反对"], model) == pytest.approx(0.6, abs=1e-15)


def test_unknown_stance_after_a_numeric_one_names_its_own_position(model):
    # the bad label is the second contact, even though the first is a number
    with pytest.raises(InputError) as info:
        support_index([1, 1, 1], [1, "friendly", "支持"], model)
    assert info.value.where == "item 2"


def test_stance_excel_error_propagates(model):
    with pytest.raises(ExcelErrorValue) as info:
        support_index([1, 1], ["支持", "#N/A"], model)
    assert info.value.where == "item 2"


def test_stance_number_outside_minus_one_to_one_is_an_error(model):
    with pytest.raises(OutOfRangeError) as info:
        support_index([1, 1], [1, 2], model)
    assert info.value.field == "stance"


def test_unknown_stance_is_an_error_listing_choices(model):
    with pytest.raises(InputError) as info:
        support_index([1, 1], ["支持", "friendly"], model)
    assert info.value.field == "stance"
    assert info.value.where == "item 2"
    assert "Supporter" in str(info.value)


def test_support_index_all_opposed_is_minus_one(model):
    assert support_index([1, 5], ["opponent", "反对"], model) == -1.0


def test_depth_hand_checked(model):
    # (5·4 + 3·2 + 2·1) / (6·(5+3+2)) = (20 + 6 + 2)/60 = 28/60
    assert depth(INFLUENCE, RELATIONSHIP, model) == pytest.approx(28 / 60, abs=1e-15)


def test_influence_outside_1_to_5_is_an_error(model):
    with pytest.raises(OutOfRangeError) as info:
        depth([0, 3], [1, 1], model)
    assert info.value.field == "influence"


def test_relationship_above_six_is_an_error(model):
    with pytest.raises(OutOfRangeError) as info:
        depth([1, 3], [1, 7], model)
    assert info.value.field == "relationship"


def test_no_flags_for_a_healthy_buying_centre(model):
    # decision maker supports, a coach exists, three contacts, decision level reached
    assert risk_flags(LEVELS, ROLES, STANCES, model) == []


def test_flag_opposing_decision_maker(model):
    assert risk_flags(LEVELS, ROLES, ["反对", "neutral", -1], model) == ["opposing_decision_maker"]


def test_neutral_decision_maker_is_not_flagged(model):
    assert risk_flags(LEVELS, ROLES, ["中立", "neutral", -1], model) == []


def test_opposing_non_decision_maker_is_not_flagged(model):
    # the user (third contact) opposes: no flag
    assert "opposing_decision_maker" not in risk_flags(LEVELS, ROLES, [1, 1, "opponent"], model)


def test_flag_no_coach(model):
    assert risk_flags(LEVELS, ["决策者", "influencer", "使用者"], STANCES, model) == ["no_coach"]


def test_flag_single_threaded(model):
    # one contact, a coach at the decision level who supports: only "single-threaded"
    assert risk_flags(["decision"], ["教练"], ["支持"], model) == ["single_threaded"]


def test_flag_no_decision_level(model):
    assert risk_flags(["管理层", "操作层", "operating"], ["决策者", "coach", "user"], [1, 0, 0], model) == [
        "no_decision_level"
    ]


def test_all_four_flags(model):
    # a lone opposing decision maker at the management level
    flags = risk_flags(["管理层"], ["决策者"], ["反对"], model)
    assert flags == ["opposing_decision_maker", "no_coach", "single_threaded", "no_decision_level"]
    assert [f.code for f in RISK_FLAGS] == flags


def test_unknown_role_is_an_error(model):
    with pytest.raises(InputError) as info:
        risk_flags(LEVELS, ["决策者", "boss", "user"], STANCES, model)
    assert info.value.field == "role"
    assert info.value.where == "item 2"


def test_blank_level_is_an_error(model):
    with pytest.raises(MissingValueError):
        risk_flags(["决策层", None, "操作层"], ROLES, STANCES, model)


def test_stances_must_match_contacts(model):
    with pytest.raises(LengthMismatchError):
        support_index([1, 2, 3], ["支持", "支持"], model)


def test_buying_centre_all_metrics(model):
    result = buying_centre(LEVELS, ROLES, STANCES, INFLUENCE, RELATIONSHIP, model)
    assert result.coverage == pytest.approx(2 / 3, abs=1e-15)
    assert result.support_index == pytest.approx(0.3, abs=1e-15)
    assert result.depth == pytest.approx(28 / 60, abs=1e-15)
    assert result.flags == ()


def test_no_contacts_is_an_error(model):
    with pytest.raises(InputError):
        support_index([], [], model)


# ---------------------------------------------------------------- pipeline


def test_stage_probabilities_by_chinese_name(model):
    got = stage_probability(["确定对象", "需求明确", "价值评估", "关系建立", "促成成交"], model)
    np.testing.assert_allclose(got, [0.10, 0.25, 0.50, 0.75, 0.90])


def test_stage_probabilities_by_english_name_and_code(model):
    got = stage_probability(
        ["Target identified", "needs clarified", "VALUE ASSESSED", "relationship", "closing"], model
    )
    np.testing.assert_allclose(got, [0.10, 0.25, 0.50, 0.75, 0.90])


def test_weighted_pipeline_mixed_languages(model):
    values = [1000, 2000, 3000, 4000, 5000]
    stages = ["确定对象", "Needs clarified", "价值评估", "Relationship built", "促成成交"]
    # 1000·0.10 + 2000·0.25 + 3000·0.50 + 4000·0.75 + 5000·0.90
    # = 100 + 500 + 1500 + 3000 + 4500 = 9600
    assert weighted_pipeline(values, stages, model) == pytest.approx(9600.0, abs=1e-9)
    np.testing.assert_allclose(weighted_value(values, stages, model), [100, 500, 1500, 3000, 4500])


def test_weighted_pipeline_text_values(model):
    # "¥1,200" at closing: 1200·0.9 = 1080; "800" at needs: 800·0.25 = 200 → 1280
    assert weighted_pipeline(["¥1,200", "800"], ["closing", "需求明确"], model) == pytest.approx(1280.0, abs=1e-9)


def test_weighted_pipeline_same_stage_twice(model):
    # 2 × 100·0.5 = 100
    assert weighted_pipeline([100, 100], ["value", "价值评估"], model) == pytest.approx(100.0, abs=1e-12)


def test_unknown_stage_is_an_error(model):
    with pytest.raises(InputError) as info:
        weighted_pipeline([100, 100], ["closing", "won"], model)
    assert info.value.field == "stage"
    assert info.value.where == "item 2"


def test_negative_expected_value_is_an_error(model):
    with pytest.raises(OutOfRangeError) as info:
        weighted_pipeline([100, -1], ["closing", "closing"], model)
    assert info.value.field == "expected_value"


def test_stage_count_must_match_values(model):
    with pytest.raises(LengthMismatchError):
        weighted_pipeline([100, 200, 300], ["closing", "closing"], model)
