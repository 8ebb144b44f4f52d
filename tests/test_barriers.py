"""Barrier strength (SPEC §2.5): wall criteria, switching cost, strength and level."""

from __future__ import annotations

import numpy as np
import pytest

from kam_xl.core.barriers import (
    barrier_level,
    barrier_level_index,
    barrier_strength,
    switching_cost,
    wall,
    wall_ratio,
    wall_share_score,
)
from kam_xl.errors import LengthMismatchError, MissingValueError, OutOfRangeError

# ---------------------------------------------------------------- wall (seed 001 table)

SEED_WALL = {
    # specified, share, contact, personal
    "A": [1, 0, 1, 2],
    "B": [2, 1, 1, 2],
    "C": [1, 0, 1, 2],
    "D": [1, 0, 0, 2],
}


@pytest.mark.parametrize(
    ("account", "score", "ratio"),
    [
        ("A", 4, 0.50),  # 1+0+1+2 = 4; 4/8
        ("B", 6, 0.75),  # 2+1+1+2 = 6; 6/8
        ("C", 4, 0.50),  # 1+0+1+2 = 4; 4/8
        ("D", 3, 0.375),  # 1+0+0+2 = 3; 3/8 = 37.5 % (the seed prints 37 %)
    ],
)
def test_wall_seed_table(model, account, score, ratio):
    assert float(wall(SEED_WALL[account], model)) == score
    assert float(wall_ratio(SEED_WALL[account], model)) == ratio


def test_wall_whole_table(model):
    table = [SEED_WALL[k] for k in "ABCD"]
    np.testing.assert_array_equal(wall(table, model), [4, 6, 4, 3])
    np.testing.assert_array_equal(wall_ratio(table, model), [0.5, 0.75, 0.5, 0.375])


def test_wall_max_is_eight(model):
    assert model.barrier.wall_max == 8
    assert float(wall([2, 2, 2, 2], model)) == 8


def test_wall_criterion_above_two_names_the_criterion(model):
    with pytest.raises(OutOfRangeError) as info:
        wall([1, 3, 1, 1], model)
    assert info.value.field == "wall.share"


def test_wall_fractional_score_is_an_error(model):
    with pytest.raises(OutOfRangeError) as info:
        wall([1, 1, 1.5, 1], model)
    assert info.value.field == "wall.contact"


def test_wall_negative_is_an_error(model):
    with pytest.raises(OutOfRangeError):
        wall([1, -1, 1, 1], model)


def test_wall_needs_four_criteria(model):
    with pytest.raises(LengthMismatchError):
        wall([1, 1, 1], model)


def test_wall_blank_is_an_error(model):
    with pytest.raises(MissingValueError):
        wall([1, None, 1, 1], model)


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (0.0, 0),
        (0.2999999, 0),
        (0.30, 1),  # "30–70 %" includes 30 %
        ("30%", 1),
        (0.50, 1),
        (0.70, 1),  # … and 70 %
        ("70%", 1),
        (0.7000001, 2),  # above 70 %
        (1.0, 2),
    ],
)
def test_wall_share_score_edges(share, expected):
    assert int(wall_share_score(share)) == expected


def test_wall_share_score_above_one_is_an_error():
    with pytest.raises(OutOfRangeError) as info:
        wall_share_score(1.2)
    assert info.value.field == "share_of_wallet"


# ---------------------------------------------------------------- switching cost


def test_switching_cost_is_the_mean(model):
    # (2 + 3 + 5)/3 = 10/3
    assert float(switching_cost(2, 3, 5, model)) == pytest.approx(10 / 3, abs=1e-15)


def test_switching_cost_vectorised(model):
    # (0+0+0)/3 = 0; (5+5+5)/3 = 5; (1+2+4)/3 = 7/3
    np.testing.assert_allclose(switching_cost([0, 5, 1], [0, 5, 2], [0, 5, 4], model), [0, 5, 7 / 3])


@pytest.mark.parametrize(
    ("args", "field"), [((6, 0, 0), "procedural"), ((0, -1, 0), "financial"), ((0, 0, 5.5), "relational")]
)
def test_switching_cost_out_of_range_names_the_component(model, args, field):
    with pytest.raises(OutOfRangeError) as info:
        switching_cost(*args, model)
    assert info.value.field == field


# ---------------------------------------------------------------- strength and level


def test_barrier_strength_hand_checked(model):
    # 100·(0.40·0.5 + 0.15·3/5 + 0.15·2/5 + 0.30·4/5)
    # = 100·(0.20 + 0.09 + 0.06 + 0.24) = 100·0.59 = 59
    assert float(barrier_strength(0.5, 3, 2, 4, model)) == pytest.approx(59.0, abs=1e-12)
    assert barrier_level(59, model, "en") == "Moderate"


def test_barrier_strength_seed_account_b(model):
    # account B of the seed: wall ratio 0.75; technical 4, commercial 1, switching 10/3 (2,3,5)
    # 100·(0.40·0.75 + 0.15·0.8 + 0.15·0.2 + 0.30·(10/3)/5)
    # = 100·(0.30 + 0.12 + 0.03 + 0.20) = 65
    sw = switching_cost(2, 3, 5, model)
    assert float(barrier_strength(wall_ratio(SEED_WALL["B"], model), 4, 1, sw, model)) == pytest.approx(65.0, abs=1e-12)


def test_barrier_strength_extremes(model):
    assert float(barrier_strength(0, 0, 0, 0, model)) == 0
    # 100·(0.40 + 0.15 + 0.15 + 0.30) = 100
    assert float(barrier_strength(1, 5, 5, 5, model)) == pytest.approx(100.0, abs=1e-12)


def test_barrier_strength_of_70_on_paper_is_strong(model):
    # wall 5/8: 0.40·0.625 = 0.25; technical 5 → 0.15; switching 5 → 0.30; commercial 0
    # 100·(0.25 + 0.15 + 0 + 0.30) = 70 exactly on paper → strong (≥ 70)
    s = barrier_strength(5 / 8, 5, 0, 5, model)
    assert float(s) == pytest.approx(70.0, abs=1e-9)
    assert barrier_level(s, model, "en") == "Strong"


@pytest.mark.parametrize(
    ("strength", "zh", "en"),
    [
        (100, "强", "Strong"),
        (70, "强", "Strong"),
        (69.999, "中", "Moderate"),
        (40, "中", "Moderate"),
        (39.999, "弱", "Weak"),
        (0, "弱", "Weak"),
    ],
)
def test_barrier_level_edges(model, strength, zh, en):
    assert barrier_level(strength, model, "zh") == zh
    assert barrier_level(strength, model, "en") == en


def test_barrier_level_vectorised(model):
    np.testing.assert_array_equal(barrier_level_index([70, 40, 39], model), [0, 1, 2])


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((1.1, 0, 0, 0), "wall_ratio"),
        ((0.5, 6, 0, 0), "technical"),
        ((0.5, 0, -1, 0), "commercial"),
        ((0.5, 0, 0, 5.01), "switching"),
    ],
)
def test_barrier_strength_out_of_range_names_the_input(model, args, field):
    with pytest.raises(OutOfRangeError) as info:
        barrier_strength(*args, model)
    assert info.value.field == field


def test_barrier_level_out_of_range(model):
    with pytest.raises(OutOfRangeError):
        barrier_level(100.1, model)


def test_barrier_weights_come_from_the_model(make_model):
    def edit(d):
        d["barrier"].update(wall_weight=1.0, technical_weight=0.0, commercial_weight=0.0, switching_weight=0.0)

    m = make_model(edit)
    # only the wall counts: 100·1.0·0.375 = 37.5
    assert float(barrier_strength(0.375, 5, 5, 5, m)) == pytest.approx(37.5, abs=1e-12)
