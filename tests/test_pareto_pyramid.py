"""ABC / Pareto class (SPEC §2.3), value pyramid, value quadrant and portfolio matrix (SPEC §2.4)."""

from __future__ import annotations

import numpy as np
import pytest

from kam_xl.core.pareto import abc, abc_index, ascending_ties, share_above
from kam_xl.core.pyramid import matrix, matrix_index, pyramid, pyramid_index, quadrant, quadrant_index, rank_eq
from kam_xl.errors import InputError, MissingValueError, NotANumberError, OutOfRangeError

# ---------------------------------------------------------------- ABC


def test_share_above_hand_checked():
    # total = 70+10+10+5+5 = 100
    # 70: nothing above → 0; 10: 70 above → 0.70 (ties: the other 10 is NOT above)
    # 5: 70+10+10 = 90 above → 0.90
    np.testing.assert_allclose(share_above([70, 10, 10, 5, 5]), [0, 0.70, 0.70, 0.90, 0.90], atol=1e-15)


def test_abc_ties_share_a_class_across_the_boundary(model):
    # A cumulative-rank rule would give the second 10 a share of 0.80 (→ B) and the
    # second 5 a share of 0.95 (→ C); strictly-greater sums keep ties together:
    # 70 → 0 → A; 10, 10 → 0.70 < 0.80 → A; 5, 5 → 0.90 < 0.95 → B
    np.testing.assert_array_equal(abc_index([70, 10, 10, 5, 5], model), [0, 0, 0, 1, 1])
    np.testing.assert_array_equal(abc([70, 10, 10, 5, 5], model, "en"), ["A", "A", "A", "B", "B"])


def test_abc_exactly_on_the_cuts(model):
    # total 100: 80 → 0 → A; 15 → 80/100 = 0.80, not < 0.80 → B; 5 → 95/100 = 0.95, not < 0.95 → C
    np.testing.assert_array_equal(abc_index([80, 15, 5], model), [0, 1, 2])


def test_abc_exactly_on_the_cuts_with_inexact_decimals(model):
    # same shares as above with values that are not exact in binary:
    # total 0.8+0.15+0.05 = 1.0; 0.15 has 0.8 above (0.80 → B); 0.05 has 0.95 above (→ C)
    np.testing.assert_array_equal(abc_index([0.8, 0.15, 0.05], model), [0, 1, 2])


def test_abc_order_of_input_does_not_matter(model):
    # same set as the tie test, shuffled
    np.testing.assert_array_equal(abc_index([5, 10, 70, 5, 10], model), [1, 0, 0, 1, 0])


def test_abc_chinese_labels(model):
    np.testing.assert_array_equal(abc([80, 15, 5], model, "zh"), ["A类", "B类", "C类"])


def test_abc_single_account_is_a(model):
    assert list(abc_index([123], model)) == [0]


def test_abc_zero_accounts_among_positive_ones(model):
    # total 100; 0 has 100 above → 1.0 → C; 100 → 0 → A
    np.testing.assert_array_equal(abc_index([100, 0], model), [0, 2])


def test_abc_all_zero_is_an_error(model):
    with pytest.raises(InputError) as info:
        abc([0, 0, 0], model)
    assert info.value.field == "value"


def test_abc_negative_value_is_an_error(model):
    with pytest.raises(OutOfRangeError) as info:
        abc([100, -5, 20], model)
    assert info.value.field == "value"
    assert info.value.where == "item 2"


def test_abc_blank_is_an_error(model):
    with pytest.raises(MissingValueError):
        abc([100, None, 20], model)


def test_abc_text_values(model):
    # "¥1,200" → 1200, "300" → 300, "0" → 0: total 1500; 300 has 1200 above → 0.8 → B; 0 → 1.0 → C
    np.testing.assert_array_equal(abc_index(["¥1,200", "300", "0"], model), [0, 1, 2])


def test_abc_text_that_is_not_a_number(model):
    with pytest.raises(NotANumberError) as info:
        abc([1, "lots"], model)
    assert info.value.where == "item 2"


# ---------------------------------------------------------------- pyramid


def test_rank_eq_ties_share_best_rank():
    # descending: 50 → 1; the two 40s → 2; 30 → 4 (RANK.EQ skips 3)
    np.testing.assert_array_equal(rank_eq([40, 50, 30, 40]), [2, 1, 4, 2])


def test_rank_eq_ties_at_both_ends_negative_values_and_signed_zero():
    # 3 → 1; 0.0 and -0.0 are equal → both 2; the two -1s → 4 (nothing ranks 3)
    np.testing.assert_array_equal(rank_eq([-1, 0.0, 3, -0.0, -1]), [4, 2, 1, 2, 4])
    np.testing.assert_array_equal(rank_eq([5, 5, 5]), [1, 1, 1])
    assert rank_eq([]).size == 0


def test_ascending_ties_hand_checked():
    # [2, 1, 2, 3, 1] sorted is [1, 1, 2, 2, 3]: the 1s end at position 1, the 2s at 3, the 3 at 4
    order, s, last = ascending_ties(np.array([2.0, 1.0, 2.0, 3.0, 1.0]))
    np.testing.assert_array_equal(s, [1, 1, 2, 2, 3])
    np.testing.assert_array_equal(np.asarray([2.0, 1.0, 2.0, 3.0, 1.0])[order], s)
    np.testing.assert_array_equal(last, [1, 1, 3, 3, 4])
    assert all(a.size == 0 for a in ascending_ties(np.array([])))


def test_share_above_with_runs_of_ties():
    # total 3+1+3+1+2 = 10; a 3 has nothing above → 0; the 2 has 3+3 = 6 → 0.6; a 1 has 3+3+2 = 8 → 0.8
    np.testing.assert_allclose(share_above([3, 1, 3, 1, 2]), [0, 0.8, 0, 0.8, 0.6], atol=1e-15)


def test_rank_and_share_equal_their_definitions_on_many_ties():
    # RANK.EQ = 1 + how many are strictly greater; share = their sum / total — counted pair by pair here
    v = np.random.default_rng(3).integers(0, 40, 600).astype(float)  # 600 values, 40 distinct: long runs of ties
    greater = v[None, :] > v[:, None]
    np.testing.assert_array_equal(rank_eq(v), 1 + greater.sum(axis=1))
    np.testing.assert_allclose(share_above(v), (greater * v[None, :]).sum(axis=1) / v.sum(), rtol=0, atol=1e-12)


def test_pyramid_twenty_distinct_values_is_1_3_6_10(model):
    # SPEC §2.4: n = 20 → cumulative limits 0.05·20 = 1, 0.20·20 = 4, 0.50·20 = 10, 20
    idx = pyramid_index(np.arange(20, 0, -1), model)  # 20 (rank 1) … 1 (rank 20)
    np.testing.assert_array_equal(np.bincount(idx, minlength=4), [1, 3, 6, 10])
    # and in order: rank 1 platinum; 2–4 gold; 5–10 silver; 11–20 bronze
    np.testing.assert_array_equal(idx, [0] + [1] * 3 + [2] * 6 + [3] * 10)


def test_pyramid_ten_accounts_hand_checked(model):
    # n = 10, p = (rank−1)/10: rank 1 → 0 < 0.05 → platinum; rank 2 → 0.1 < 0.20 → gold;
    # ranks 3–5 → 0.2…0.4 < 0.50 → silver; ranks 6–10 → 0.5…0.9 → bronze
    idx = pyramid_index([100, 90, 80, 70, 60, 50, 40, 30, 20, 10], model)
    np.testing.assert_array_equal(idx, [0, 1, 2, 2, 2, 3, 3, 3, 3, 3])


def test_pyramid_ties_share_a_layer(model):
    # n = 20 with the top two tied: both rank 1 → p = 0 → platinum; the next value has
    # rank 3 → p = 0.10 → gold (the tie does not push a platinum account down)
    values = [20, 20, *range(18, 0, -1)]
    idx = pyramid_index(values, model)
    assert idx[0] == idx[1] == 0
    # ranks 3, 4 → gold; 5–10 → silver; 11–20 → bronze
    np.testing.assert_array_equal(np.bincount(idx, minlength=4), [2, 2, 6, 10])


def test_pyramid_tie_straddling_a_layer_boundary(model):
    # n = 20, values 20..1 but the 4th and 5th (ranks 4 and 5) tied: both rank 4 → p = 0.15 → gold
    values = [20, 19, 18, 17, 17, *range(15, 0, -1)]
    idx = pyramid_index(values, model)
    assert idx[3] == idx[4] == 1
    np.testing.assert_array_equal(np.bincount(idx, minlength=4), [1, 4, 5, 10])


def test_pyramid_labels(model):
    assert list(pyramid([3, 2, 1], model, "zh")) == ["白金", "银", "铜"]
    # n = 3: rank 2 → p = 1/3 ≥ 0.2 but < 0.5 → silver; rank 3 → 2/3 → bronze
    assert list(pyramid([3, 2, 1], model, "en")) == ["Platinum", "Silver", "Bronze"]


def test_pyramid_blank_is_an_error(model):
    with pytest.raises(MissingValueError):
        pyramid([1, None], model)


# ---------------------------------------------------------------- value quadrant


@pytest.mark.parametrize(
    ("current", "potential", "zh", "en"),
    [
        (50, 50, "战略型", "Strategic"),  # ≥ threshold is high on both
        (100, 49.999, "维持型", "Maintain"),
        (49.999, 50, "发展型", "Develop"),
        (0, 0, "普通型", "Basic"),
        (49.999, 49.999, "普通型", "Basic"),
    ],
)
def test_quadrant_at_threshold(model, current, potential, zh, en):
    assert quadrant(current, potential, model, "zh") == zh
    assert quadrant(current, potential, model, "en") == en


def test_quadrant_vectorised(model):
    np.testing.assert_array_equal(quadrant_index([80, 80, 20, 20], [80, 20, 80, 20], model), [0, 1, 2, 3])


def test_quadrant_out_of_range_is_an_error(model):
    with pytest.raises(OutOfRangeError) as info:
        quadrant(101, 50, model)
    assert info.value.field == "current_value"
    with pytest.raises(OutOfRangeError) as info:
        quadrant(50, -1, model)
    assert info.value.field == "potential_value"


# ---------------------------------------------------------------- portfolio matrix


@pytest.mark.parametrize(
    ("attractiveness", "strength", "zh", "en"),
    [
        (50, 50, "战略", "Strategic"),
        (50, 49.999, "明星", "Star"),  # high attractiveness, low strength
        (49.999, 50, "维系", "Sustain"),  # low attractiveness, high strength
        (49.999, 49.999, "精简", "Streamline"),
    ],
)
def test_matrix_at_threshold(model, attractiveness, strength, zh, en):
    assert matrix(attractiveness, strength, model, "zh") == zh
    assert matrix(attractiveness, strength, model, "en") == en


def test_matrix_vectorised(model):
    np.testing.assert_array_equal(matrix_index([90, 90, 10, 10], [90, 10, 90, 10], model), [0, 1, 2, 3])


def test_matrix_length_mismatch_is_an_error(model):
    with pytest.raises(InputError):
        matrix_index([90, 90, 10], [90, 10], model)
