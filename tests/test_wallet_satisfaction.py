"""Share of wallet and order structure (SPEC §2.7); satisfaction (SPEC §2.8)."""

from __future__ import annotations

import numpy as np
import pytest

from kam_xl.core.satisfaction import csi, satisfaction_gap, satisfaction_level, satisfaction_level_index
from kam_xl.core.wallet import order_structure, share_of_wallet
from kam_xl.errors import InputError, LengthMismatchError, MissingValueError, OutOfRangeError

# ---------------------------------------------------------------- share of wallet


def test_share_of_wallet_hand_checked():
    # 30 / 120 = 0.25
    assert float(share_of_wallet(30, 120)) == 0.25


def test_share_of_wallet_text_inputs():
    # "¥1,200" / "4,800" = 1200/4800 = 0.25
    assert float(share_of_wallet("¥1,200", "4,800")) == 0.25


def test_share_of_wallet_all_of_it():
    assert float(share_of_wallet(500, 500)) == 1.0


def test_share_of_wallet_vectorised():
    # 10/40 = 0.25; 0/10 = 0; 9/12 = 0.75
    np.testing.assert_allclose(share_of_wallet([10, 0, 9], [40, 10, 12]), [0.25, 0, 0.75])


def test_share_of_wallet_above_one_is_an_error_naming_our_sales():
    with pytest.raises(OutOfRangeError) as info:
        share_of_wallet(130, 120)
    assert info.value.field == "our_sales"
    assert "130" in str(info.value)
    assert "120" in str(info.value)


def test_share_of_wallet_above_one_in_a_range_names_the_item():
    with pytest.raises(OutOfRangeError) as info:
        share_of_wallet([10, 50], [40, 45])
    assert info.value.field == "our_sales"
    assert info.value.where == "item 2"


def test_share_of_wallet_zero_total_is_an_error():
    with pytest.raises(OutOfRangeError) as info:
        share_of_wallet(0, 0)
    assert info.value.field == "total_spend"


def test_share_of_wallet_negative_sales_is_an_error():
    with pytest.raises(OutOfRangeError) as info:
        share_of_wallet(-5, 100)
    assert info.value.field == "our_sales"


# ---------------------------------------------------------------- order structure


def test_order_structure_hand_checked():
    # 50 + 30 + 20 = 100 → 0.5, 0.3, 0.2
    np.testing.assert_allclose(order_structure([50, 30, 20]), [0.5, 0.3, 0.2])


def test_order_structure_per_account():
    # account 1: 1+1+2 = 4 → 0.25, 0.25, 0.5; account 2: 0+3+0 → 0, 1, 0
    np.testing.assert_allclose(order_structure([[1, 1, 2], [0, 3, 0]]), [[0.25, 0.25, 0.5], [0, 1, 0]])


def test_order_structure_shares_sum_to_one():
    shares = order_structure([3, 7, 11, 13])
    assert shares.sum() == pytest.approx(1.0, abs=1e-15)


def test_order_structure_nothing_sold_is_an_error():
    with pytest.raises(InputError):
        order_structure([0, 0, 0])


def test_order_structure_negative_sales_is_an_error():
    with pytest.raises(OutOfRangeError):
        order_structure([10, -1, 5])


# ---------------------------------------------------------------- satisfaction


PERCEIVED = [8, 7, 9, 6, 8, 7]
EXPECTED = [9, 8, 8, 8, 8, 7]


def test_satisfaction_gap_equal_weights(model):
    # differences: −1, −1, +1, −2, 0, 0 → Σ = −3; six dimensions of weight 1 → −3/6 = −0.5
    assert float(satisfaction_gap(PERCEIVED, EXPECTED, model=model)) == pytest.approx(-0.5, abs=1e-15)
    assert satisfaction_level(-0.5, model, "en") == "Mostly satisfied"


def test_satisfaction_gap_weighted(model):
    # weights 3,1,1,2,1,2 (Σ 10): 3·(−1) + 1·(−1) + 1·(+1) + 2·(−2) + 0 + 0 = −7 → −0.7
    w = [3, 1, 1, 2, 1, 2]
    assert float(satisfaction_gap(PERCEIVED, EXPECTED, w, model)) == pytest.approx(-0.7, abs=1e-15)


def test_satisfaction_gap_several_accounts(model):
    # account 2: everything one above expectations → +1
    p = [PERCEIVED, [10, 9, 9, 9, 9, 8]]
    e = [EXPECTED, EXPECTED]
    # account 2 differences: 1, 1, 1, 1, 1, 1 → 6/6 = 1
    np.testing.assert_allclose(satisfaction_gap(p, e, model=model), [-0.5, 1.0])


def test_csi_equal_weights(model):
    # 100·(8+7+9+6+8+7)/(10·6) = 100·45/60 = 75
    assert float(csi(PERCEIVED, model=model)) == pytest.approx(75.0, abs=1e-12)


def test_csi_weighted(model):
    # weights 3,1,1,2,1,2: 24 + 7 + 9 + 12 + 8 + 14 = 74; 100·74/(10·10) = 74
    assert float(csi(PERCEIVED, [3, 1, 1, 2, 1, 2], model)) == pytest.approx(74.0, abs=1e-12)


def test_csi_full_marks_is_100(model):
    assert float(csi([10] * 6, model=model)) == pytest.approx(100.0, abs=1e-12)


@pytest.mark.parametrize(
    ("gap", "zh", "en"),
    [
        (0.5, "满意", "Satisfied"),
        (0, "满意", "Satisfied"),  # gap ≥ 0
        (-0.0001, "基本满意", "Mostly satisfied"),
        (-1, "基本满意", "Mostly satisfied"),  # −1 ≤ gap < 0
        (-1.0001, "不满意", "Dissatisfied"),
        (-9, "不满意", "Dissatisfied"),
    ],
)
def test_satisfaction_level_edges(model, gap, zh, en):
    assert satisfaction_level(gap, model, "zh") == zh
    assert satisfaction_level(gap, model, "en") == en


def test_satisfaction_level_vectorised(model):
    np.testing.assert_array_equal(satisfaction_level_index([0, -1, -2], model), [0, 1, 2])


def test_gap_exactly_minus_one_from_scores_is_at_risk(model):
    # differences −1 on every dimension → −6/6 = −1 → at risk, not dissatisfied
    gap = satisfaction_gap([7] * 6, [8] * 6, model=model)
    assert satisfaction_level(gap, model, "en") == "Mostly satisfied"


@pytest.mark.parametrize("bad", [0, 11])
def test_satisfaction_score_outside_1_to_10_is_an_error(model, bad):
    p = list(PERCEIVED)
    p[2] = bad
    with pytest.raises(OutOfRangeError) as info:
        satisfaction_gap(p, EXPECTED, model=model)
    assert info.value.field == "perceived"
    assert info.value.where == "item 3"


def test_satisfaction_wrong_number_of_dimensions(model):
    with pytest.raises(LengthMismatchError):
        satisfaction_gap([8, 8, 8], [8, 8, 8], model=model)


def test_satisfaction_weights_must_be_positive(model):
    with pytest.raises(OutOfRangeError) as info:
        csi(PERCEIVED, [1, 1, 0, 1, 1, 1], model)
    assert info.value.field == "weights"


def test_satisfaction_blank_expected_is_an_error(model):
    e: list = list(EXPECTED)
    e[0] = None
    with pytest.raises(MissingValueError) as info:
        satisfaction_gap(PERCEIVED, e, model=model)
    assert info.value.field == "expected"
