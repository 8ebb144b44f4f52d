"""Weighted scorecard (SPEC §2.1) and tier (SPEC §2.2)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from kam_xl.core.scorecard import check_stated_total, score, score_raw, tier, tier_index
from kam_xl.errors import LengthMismatchError, MissingValueError, NotANumberError, OutOfRangeError, TotalMismatchError
from tests.conftest import IMSC_SCORES, SELECTION_WEIGHTS

# ---------------------------------------------------------------- SPEC §2.1 seed example (IMSC)


@pytest.mark.parametrize(
    ("industry", "expected_raw"),
    [
        # 9+7+7−3−3+9+7+9 = 42
        ("government", 42),
        # 9+7+9−5−1+9+9+7 = 44 (the seed prints 46: see the mismatch test)
        ("telecom", 44),
        # 9+5+5−5−3+7+5+9 = 32
        ("education", 32),
        # 9+3+9−9−7+9+7+7 = 28
        ("finance", 28),
    ],
)
def test_imsc_raw_totals_match_seed(model, industry, expected_raw):
    card = model.scorecard("imsc_industry")
    assert float(score_raw(IMSC_SCORES[industry], card, model)) == expected_raw


def test_imsc_scorecard_range_is_minus_18_to_54(model):
    card = model.scorecard("imsc_industry")
    # six positive criteria × weight 1 × scale 9 = 54; two negative ones → −2·9 = −18
    assert card.raw_max == 54
    assert card.raw_min == -18


@pytest.mark.parametrize(
    ("industry", "expected"),
    [
        # 100·(42 − (−18))/(54 − (−18)) = 100·60/72 = 83.333…  (SPEC: 83.3)
        ("government", 6000 / 72),
        # 100·(44 + 18)/72 = 6200/72 = 86.111…  (SPEC: 86.1)
        ("telecom", 6200 / 72),
        # 100·(32 + 18)/72 = 5000/72 = 69.444…
        ("education", 5000 / 72),
        # 100·(28 + 18)/72 = 4600/72 = 63.888…
        ("finance", 4600 / 72),
    ],
)
def test_imsc_normalised_scores(model, industry, expected):
    card = model.scorecard("imsc_industry")
    assert float(score(IMSC_SCORES[industry], card, model)) == pytest.approx(expected, abs=1e-9)


def test_imsc_normalised_rounded_as_spec_prints(model):
    card = model.scorecard("imsc_industry")
    assert round(float(score(IMSC_SCORES["government"], card, model)), 1) == 83.3
    assert round(float(score(IMSC_SCORES["telecom"], card, model)), 1) == 86.1


def test_imsc_whole_table_at_once(model):
    card = model.scorecard("imsc_industry")
    table = np.array([IMSC_SCORES[k] for k in ("government", "telecom", "education", "finance")])
    np.testing.assert_array_equal(score_raw(table, card, model), [42, 44, 32, 28])


def test_stated_total_46_for_telecom_is_refused(model):
    card = model.scorecard("imsc_industry")
    with pytest.raises(TotalMismatchError) as info:
        check_stated_total(IMSC_SCORES["telecom"], 46, card, model)
    err = info.value
    assert err.stated == 46
    assert err.computed == 44
    assert "46" in str(err) and "44" in str(err)
    assert "46" in err.message("zh") and "44" in err.message("zh")


def test_stated_total_that_agrees_returns_the_raw_total(model):
    card = model.scorecard("imsc_industry")
    assert check_stated_total(IMSC_SCORES["government"], 42, card, model) == 42
    # a total stated as text, as a printed table gives it
    assert check_stated_total(IMSC_SCORES["education"], "32", card, model) == 32


def test_blank_stated_total_is_not_checked(model):
    card = model.scorecard("imsc_industry")
    assert check_stated_total(IMSC_SCORES["finance"], None, card, model) == 28


IMSC_TABLE = [IMSC_SCORES[k] for k in ("government", "telecom", "education", "finance")]  # raw 42, 44, 32, 28


def test_stated_totals_of_a_whole_table_at_once(model):
    card = model.scorecard("imsc_industry")
    # every stated total agrees (finance's is blank): the raw totals come back, one per account
    got = check_stated_total(IMSC_TABLE, [42, 44, "32", None], card, model)
    np.testing.assert_array_equal(got, [42, 44, 32, 28])


def test_stated_totals_name_every_disagreeing_position(model):
    card = model.scorecard("imsc_industry")
    # the seed's telecom 46 (its figures sum to 44) and a mistyped finance 29 (sums to 28)
    with pytest.raises(TotalMismatchError) as info:
        check_stated_total(IMSC_TABLE, [42, 46, 32, 29], card, model)
    err = info.value
    assert (err.stated, err.computed) == (46, 44)  # the first disagreement's figures
    assert err.where == "item 2 (+ item 4)"
    assert err.positions == (2, 4)


def test_stated_totals_as_a_column_are_named_by_row(model):
    card = model.scorecard("imsc_industry")
    # a column of totals beside the table (4×1): the telecom total is in its row 2
    with pytest.raises(TotalMismatchError) as info:
        check_stated_total(IMSC_TABLE, [[42], [46], [None], [28]], card, model)
    assert info.value.where == "row 2"
    assert info.value.positions == (2,)


def test_stated_totals_must_be_one_per_account(model):
    card = model.scorecard("imsc_industry")
    with pytest.raises(LengthMismatchError) as info:
        check_stated_total(IMSC_TABLE, [42, 44, 32], card, model)
    assert info.value.field == "stated_total"
    assert (info.value.got, info.value.expected) == (3, 4)


# ---------------------------------------------------------------- default account-selection scorecard


def test_selection_scorecard_weights_and_range(model):
    card = model.scorecard()
    assert card.code == "account_selection"
    assert list(card.weights) == SELECTION_WEIGHTS
    assert set(card.directions) == {1.0}
    assert card.scale == 10
    # Σ weights = 4·8 + 6 + 4·10 + 3·8 + 5·6 + 8 = 32+6+40+24+30+8 = 140 → raw_max = 140·10
    assert card.raw_max == 1400
    assert card.raw_min == 0


# Scores chosen so that every weight group contributes differently.
MIXED = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 10, 9, 8, 7, 6, 5, 4]
# raw = 8·(10+9+8+7) + 6·6 + 10·(5+4+3+2) + 8·(1+0+10) + 6·(9+8+7+6+5) + 8·4
#     = 8·34 + 36 + 10·14 + 8·11 + 6·35 + 32
#     = 272 + 36 + 140 + 88 + 210 + 32 = 778
MIXED_RAW = 778


def test_selection_score_raw_hand_checked(model):
    assert float(score_raw(MIXED, model=model)) == MIXED_RAW


def test_selection_score_normalised_hand_checked(model):
    # 100·778/1400 = 55.571428…
    assert float(score(MIXED, model=model)) == pytest.approx(77800 / 1400, abs=1e-12)
    # → tier B (55 ≤ 55.57 < 75)
    assert tier_index(score(MIXED, model=model), model) == 1


def test_selection_score_several_accounts(model):
    rows = np.array([MIXED, [10] * 18, [0] * 18, [7.5] * 18])
    # full marks = 1400 → 100; nothing = 0 → 0; 7.5·140 = 1050 → 75 exactly
    np.testing.assert_allclose(score(rows, model=model), [77800 / 1400, 100.0, 0.0, 75.0], atol=1e-12)
    np.testing.assert_array_equal(tier_index(score(rows, model=model), model), [1, 0, 3, 0])


def test_text_scores_are_read_as_numbers(model):
    as_text = [str(s) for s in MIXED]
    as_text[0] = "１０"  # full-width
    assert float(score_raw(as_text, model=model)) == MIXED_RAW


def test_score_above_scale_is_an_error_naming_position(model):
    scores = [5] * 18
    scores[3] = 11
    with pytest.raises(OutOfRangeError) as info:
        score(scores, model=model)
    assert info.value.field == "scores"
    assert "4" in info.value.where  # item 4


def test_negative_score_is_an_error(model):
    scores = [5] * 18
    scores[0] = -1
    with pytest.raises(OutOfRangeError):
        score_raw(scores, model=model)


def test_wrong_number_of_criteria_is_an_error(model):
    with pytest.raises(LengthMismatchError):
        score([5] * 17, model=model)


def test_text_that_is_not_a_number_is_an_error(model):
    scores = [5] * 18
    scores[2] = "good"
    with pytest.raises(NotANumberError) as info:
        score(scores, model=model)
    assert info.value.field == "scores"
    assert info.value.where == "item 3"


def test_missing_score_is_an_error_by_default(model):
    scores: list = [5] * 18
    scores[5] = None
    with pytest.raises(MissingValueError) as info:
        score(scores, model=model)
    assert info.value.where == "item 6"


def test_missing_score_counts_zero_when_model_says_so(model):
    zero_model = dataclasses.replace(model, missing="zero")
    scores: list = [5] * 18
    scores[5] = None  # weight 10
    # 5·140 − 5·10 = 700 − 50 = 650
    assert float(score_raw(scores, model=zero_model)) == 650


def test_missing_zero_on_negative_criterion_counts_as_zero(model):
    zero_model = dataclasses.replace(model, missing="zero")
    card = model.scorecard("imsc_industry")
    scores: list = list(IMSC_SCORES["telecom"])
    scores[3] = None  # competition (direction −1): 44 + 5 = 49
    assert float(score_raw(scores, card, zero_model)) == 49


# ---------------------------------------------------------------- tier (SPEC §2.2)


@pytest.mark.parametrize(
    ("value", "code", "zh", "en"),
    [
        (100, "A", "战略客户", "Strategic"),
        (75, "A", "战略客户", "Strategic"),
        (74.999, "B", "重点客户", "Key"),
        (55, "B", "重点客户", "Key"),
        (54.999, "C", "成长客户", "Growth"),
        (35, "C", "成长客户", "Growth"),
        (34.999, "D", "一般客户", "Standard"),
        (0, "D", "一般客户", "Standard"),
    ],
)
def test_tier_at_the_cut_edges(model, value, code, zh, en):
    idx = int(tier_index(value, model))
    assert model.tiers[idx].code == code
    assert tier(value, model, "zh") == zh
    assert tier(value, model, "en") == en


def test_tier_uses_model_language_by_default(model):
    assert model.language == "zh"
    assert tier(80, model) == "战略客户"


def test_tier_of_a_range(model):
    np.testing.assert_array_equal(
        tier(np.array([90, 60, 40, 10]), model, "en"), ["Strategic", "Key", "Growth", "Standard"]
    )


@pytest.mark.parametrize("bad", [100.5, -0.5, 101])
def test_tier_out_of_range_is_an_error(model, bad):
    with pytest.raises(OutOfRangeError) as info:
        tier(bad, model)
    assert info.value.field == "score"


def test_tier_of_blank_is_an_error(model):
    with pytest.raises(MissingValueError):
        tier([80, None], model)


def test_tier_score_of_75_in_floating_point_still_reaches_a(model):
    # scores whose normalised value is 75 on paper: 7.5 on every criterion → 1050/1400
    s = score([7.5] * 18, model=model)
    assert tier(s, model, "en") == "Strategic"
    # 0.1 + 0.2 style noise just under the cut
    assert tier(75 - 1e-12, model, "en") == "Strategic"


def test_stated_totals_error_names_at_most_eleven_positions(model):
    card = model.scorecard("imsc_industry")
    # 13 government rows (raw 42 each) all stated as 0: item 1 plus the next ten are named, then "…"
    with pytest.raises(TotalMismatchError) as info:
        check_stated_total([IMSC_SCORES["government"]] * 13, [0] * 13, card, model)
    named = ", ".join(f"item {i}" for i in range(2, 12))
    assert info.value.where == f"item 1 (+ {named}, …)"
    assert info.value.positions == tuple(range(1, 14))
