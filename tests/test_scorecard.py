"""Weighted scorecard (SPEC §2.1) and tier (SPEC §2.2)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from engines import cached_values, formulas_values, libreoffice_recalc
from openpyxl import load_workbook

from kam_xl.core.scorecard import check_stated_total, score, score_raw, tier, tier_index
from kam_xl.errors import (
    LengthMismatchError,
    MissingValueError,
    ModelError,
    NotANumberError,
    OutOfRangeError,
    TotalMismatchError,
)
from kam_xl.models import default_model
from kam_xl.models.toml_file import default_model_dict
from kam_xl.models.validate import model_from_dict
from kam_xl.workbooks import account_plan as ap
from kam_xl.workbooks.account_plan.scorecard import guide
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
    # seed 002 scores the selection criteria "low 1 – High 10"
    assert (card.scale_min, card.scale) == (1, 10)
    # Σ weights = 4·8 + 6 + 4·10 + 3·8 + 5·6 + 8 = 32+6+40+24+30+8 = 140 → raw_max = 140·10, raw_min = 140·1
    assert card.raw_max == 1400
    assert card.raw_min == 140


# Scores chosen so that every weight group contributes differently (1–10: no 0).
MIXED = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1, 10, 9, 8, 7, 6, 5, 4]
# raw = 8·(10+9+8+7) + 6·6 + 10·(5+4+3+2) + 8·(1+1+10) + 6·(9+8+7+6+5) + 8·4
#     = 8·34 + 36 + 10·14 + 8·12 + 6·35 + 32
#     = 272 + 36 + 140 + 96 + 210 + 32 = 786
MIXED_RAW = 786


def test_selection_score_raw_hand_checked(model):
    assert float(score_raw(MIXED, model=model)) == MIXED_RAW


def test_selection_score_normalised_hand_checked(model):
    # 100·(786 − 140)/(1400 − 140) = 100·646/1260 = 51.269…
    assert float(score(MIXED, model=model)) == pytest.approx(64600 / 1260, abs=1e-12)
    # → tier C (35 ≤ 51.27 < 55)
    assert tier_index(score(MIXED, model=model), model) == 2


def test_selection_score_several_accounts(model):
    rows = np.array([MIXED, [10] * 18, [1] * 18, [7.75] * 18])
    # full marks 1400 → 100; all 1s = 140, the lowest → 0; 7.75·140 = 1085 → 100·945/1260 = 75 exactly
    np.testing.assert_allclose(score(rows, model=model), [64600 / 1260, 100.0, 0.0, 75.0], atol=1e-12)
    np.testing.assert_array_equal(tier_index(score(rows, model=model), model), [2, 0, 3, 0])


def test_a_zero_on_the_one_to_ten_card_is_out_of_range_not_raised_to_one(model):
    scores = [5] * 18
    scores[10] = 0  # long-term partnership, the 11th criterion
    with pytest.raises(OutOfRangeError) as info:
        score(scores, model=model)
    err = info.value
    assert err.field == "scores" and err.where == "item 11"
    assert "[1, 10]" in str(err) and "0" in str(err)


def test_missing_score_counts_as_the_scale_minimum_when_model_says_zero(model):
    zero_model = dataclasses.replace(model, missing="zero")
    scores: list = [5] * 18
    scores[5] = None  # weight 10, counted as 1 (the card's minimum), not 0
    # 5·140 − 5·10 + 1·10 = 700 − 50 + 10 = 660 → 100·(660 − 140)/1260 = 41.269…
    assert float(score_raw(scores, model=zero_model)) == 660
    assert float(score(scores, model=zero_model)) == pytest.approx(52000 / 1260, abs=1e-12)
    # all blank but a 1: raw 17 blanks × their weights × 1 + 8·1 = 140, the lowest → 0
    # (blanks counted as 0 would give raw 8 and 100·(8 − 140)/1260 < 0, below every tier)
    lone: list = [None] * 17 + [1]
    assert float(score(lone, model=zero_model)) == 0.0


def _with_scale_min(model, card: str, scale_min: float):
    data = default_model_dict()
    data["scorecards"][card]["scale_min"] = scale_min
    return model_from_dict(data)


def test_a_minimum_on_a_card_with_negative_criteria(model):
    # the IMSC card on 1–9: best = six +1 criteria at 9 and two −1 at 1 → 54 − 2 = 52;
    # worst = six at 1 and two at 9 → 6 − 18 = −12; range 64
    tuned = _with_scale_min(model, "imsc_industry", 1)
    card = tuned.scorecard("imsc_industry")
    assert (card.raw_max, card.raw_min) == (52, -12)
    # government 42 (its scores are all ≥ 1) → 100·(42 + 12)/64 = 84.375
    assert float(score(IMSC_SCORES["government"], card, tuned)) == 84.375
    assert float(score([9, 9, 9, 1, 1, 9, 9, 9], card, tuned)) == 100.0
    assert float(score([1, 1, 1, 9, 9, 1, 1, 1], card, tuned)) == 0.0


def test_the_imsc_card_keeps_its_zero_minimum(model):
    # SPEC §2.1's seed check is on 0–9: a card that gives no minimum starts at 0
    card = model.scorecard("imsc_industry")
    assert (card.scale_min, card.scale) == (0, 9)
    assert float(score_raw([0, 0, 0, 9, 9, 0, 0, 0], card, model)) == -18


@pytest.mark.parametrize(("scale_min", "rule"), [(10, "scale_min < scale"), (12, "scale_min < scale"),
                                                 (-1, "0 <= scale_min")])  # fmt: skip
def test_a_minimum_outside_zero_to_the_scale_is_refused(model, scale_min, rule):
    with pytest.raises(ModelError) as info:
        _with_scale_min(model, "account_selection", scale_min)
    assert info.value.field == "scorecards.account_selection.scale_min"
    assert rule in str(info.value) and f"{scale_min:g}" in str(info.value)


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
    # scores whose normalised value is 75 on paper: 7.75 on every criterion → 100·(1085 − 140)/1260
    s = score([7.75] * 18, model=model)
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


# ---------------------------------------------------------------- the plan's 评分 sheet: 1–10 and a guide per criterion


def _plan(tmp_path, lang: str, scores: list, model=None, name: str = "plan"):
    model = model or default_model()
    card = model.scorecard()
    plan = ap.AccountPlan(account="华东电力", scores={c.code: v for c, v in zip(card.criteria, scores, strict=True)})
    book = ap.build(plan, model=model, lang=lang)
    return book, book.save(tmp_path / f"{name}-{lang}.xlsx")


def test_the_guide_puts_the_cards_own_numbers_before_each_meaning():
    card = default_model().scorecard()
    assert guide(card, "market_leader", "zh") == "1 区域小厂；5 行业前五；10 行业第一"
    assert (
        guide(card, "market_leader", "en")
        == "1 small regional player; 5 top five in its industry; 10 industry number one"
    )
    # a 0–10 card: the middle of 0 and 10 is 5; the lowest mark is 0
    zero_based = dataclasses.replace(card, scale_min=0.0)
    assert guide(zero_based, "growth", "zh") == "0 业务萎缩；5 与行业同步；10 高速增长"
    # a criterion of a team's own: no guide rather than a wrong one
    assert guide(card, "our_own_criterion", "zh") is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_criterion_of_the_plan_has_its_guide_and_a_one_to_ten_input(tmp_path, lang):
    _, path = _plan(tmp_path, lang, MIXED)
    card = default_model().scorecard()
    ws = load_workbook(path)[ap.SHEETS["scorecard"][0 if lang == "zh" else 1]]
    first = ap.scorecard.CRITERIA_FIRST_ROW
    assert ws["F4"].value == ("评分 (1–10)" if lang == "zh" else "Score (1–10)")
    assert ws["H4"].value == ("评分说明" if lang == "zh" else "Scoring guide")
    for k, c in enumerate(card.criteria):
        assert ws[f"H{first + k}"].value == guide(card, c.code, lang)
    assert ws[f"H{first}"].value.startswith("1 区域小厂" if lang == "zh" else "1 small regional player")
    rules = {str(dv.sqref): (dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    for k in range(len(card.criteria)):
        assert rules[f"F{first + k}"] == ("1.0", "10.0")  # a 0 is refused when typed


def test_a_zero_in_the_plan_is_refused_naming_its_cell(tmp_path):
    scores = [5.0] * 18
    scores[3] = 0.0  # new-market potential, the 4th criterion: row 5 + 3 = 8
    with pytest.raises(OutOfRangeError) as info:
        _plan(tmp_path, "zh", scores)
    err = info.value
    assert err.field == "scores.new_market_potential"
    assert str(err.where) == "评分!F8"
    assert "1 to 10" in str(err) and "1–10" in err.message("zh")


def test_libreoffice_recomputes_the_plans_score_on_one_to_ten(tmp_path):
    book, path = _plan(tmp_path, "zh", MIXED)
    data = default_model_dict()
    data["model"]["missing"] = "zero"
    blank = [5.0] * 18
    blank[5] = None  # values innovation, weight 10
    zero_book, zero_path = _plan(tmp_path, "zh", blank, model_from_dict(data), "zero")
    lo = libreoffice_recalc([path, zero_path], tmp_path / "lo")  # one LibreOffice run for both
    got, zero_got = cached_values(lo[path]), cached_values(lo[zero_path])
    at = {key: book.cells[key] for key in ("score_raw", "score", "tier")}
    # raw 786 (hand-worked above); 100·(786 − 140)/(1400 − 140) = 51.269… → 成长客户 (35 ≤ 51.27 < 55)
    assert got[at["score_raw"]] == 786
    assert got[at["score"]] == pytest.approx(64600 / 1260, abs=1e-9)
    assert got[at["tier"]] == "成长客户"
    sheet, ref = at["score_raw"]
    row = int(ref[1:])
    assert (got[(sheet, f"F{row - 2}")], got[(sheet, f"F{row - 1}")]) == (1, 10)  # the scale, live from the Model sheet
    # missing = "zero": the blank counts as the minimum 1, in the formula as in the core:
    # 5·140 − 5·10 + 1·10 = 660 → 100·(660 − 140)/1260 = 41.269… → 成长客户
    for engine in (zero_got, formulas_values(zero_path)):
        assert engine[zero_book.cells["score_raw"]] == 660
        assert engine[zero_book.cells["score"]] == pytest.approx(52000 / 1260, abs=1e-9)
