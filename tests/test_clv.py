"""Customer lifetime value (SPEC §2.6)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kam_xl.core.clv import clv
from kam_xl.errors import InputError, MissingValueError, OutOfRangeError


def discounted_sum(m: float, r: float, d: float, years: int) -> float:
    """Margin m at the end of each retained year: Σ_{t=1..T} m·r^(t−1)/(1+d)^t (first year certain)."""
    return math.fsum(m * r ** (t - 1) / (1 + d) ** t for t in range(1, years + 1))


def test_clv_finite_hand_checked(model):
    # m=100, r=0.8, d=0.1, T=3: q = 0.8/1.1 = 8/11; q³ = 512/1331
    # CLV = 100·(1 − 512/1331)/0.3 = 100·(819/1331)/0.3 = 273000/1331 = 205.1089…
    # cross-check year by year: 100/1.1 + 80/1.21 + 64/1.331 = 90.909 + 66.116 + 48.084 = 205.109
    assert float(clv(100, 0.8, 0.1, 3, model)) == pytest.approx(273000 / 1331, rel=1e-12)
    assert float(clv(100, 0.8, 0.1, 3, model)) == pytest.approx(discounted_sum(100, 0.8, 0.1, 3), rel=1e-12)


def test_clv_one_year_is_one_discounted_margin(model):
    # T=1: 100·(1 − q)/(1 + d − r) = 100·(0.3/1.1)/0.3 = 100/1.1
    assert float(clv(100, 0.8, 0.1, 1, model)) == pytest.approx(100 / 1.1, rel=1e-12)


def test_clv_infinite_hand_checked(model):
    # T = ∞: 100/(1 + 0.1 − 0.8) = 100/0.3 = 333.33…
    assert float(clv(100, 0.8, 0.1, math.inf, model)) == pytest.approx(1000 / 3, rel=1e-12)


def test_clv_default_horizon_is_infinite(model):
    assert model.clv_horizon == math.inf
    assert float(clv(100, 0.8, 0.1, model=model)) == pytest.approx(1000 / 3, rel=1e-12)
    # a blank horizon also means the model's
    assert float(clv(100, 0.8, 0.1, None, model)) == pytest.approx(1000 / 3, rel=1e-12)


def test_clv_no_retention(model):
    # r = 0: only the first year, 100/1.1, whatever the horizon
    assert float(clv(100, 0, 0.1, 5, model)) == pytest.approx(100 / 1.1, rel=1e-12)
    assert float(clv(100, 0, 0.1, model=model)) == pytest.approx(100 / 1.1, rel=1e-12)


@pytest.mark.filterwarnings("error")  # no divide-by-zero RuntimeWarning leaks to the user
def test_clv_q_equal_one_edge(model):
    # r = 0.5, d = −0.5 → q = 0.5/0.5 = 1 and 1 + d − r = 0: the closed form is 0/0.
    # Every year is worth m·r^(t−1)/(1+d)^t = 100/0.5 = 200, so T=3 → 600.
    assert float(clv(100, 0.5, -0.5, 3, model)) == pytest.approx(600.0, rel=1e-12)
    assert float(clv(100, 0.5, -0.5, 3, model)) == pytest.approx(discounted_sum(100, 0.5, -0.5, 3), rel=1e-12)


def test_clv_q_equal_one_infinite_is_an_error(model):
    with pytest.raises(InputError) as info:
        clv(100, 0.5, -0.5, None, model)
    assert info.value.field == "retention"


def test_clv_q_above_one_finite(model):
    # r = 0.9, d = −0.5: q = 1.8; 100·(1 − 1.8²)/(0.5 − 0.9) = 100·(−2.24)/(−0.4) = 560
    # year by year: 100/0.5 + 90/0.25 = 200 + 360 = 560
    assert float(clv(100, 0.9, -0.5, 2, model)) == pytest.approx(560.0, rel=1e-12)


def test_clv_q_above_one_infinite_is_an_error(model):
    with pytest.raises(InputError):
        clv(100, 0.9, -0.5, math.inf, model)


@pytest.mark.parametrize("retention", [1.0, 1.2, -0.1])
def test_clv_retention_out_of_range(model, retention):
    with pytest.raises(OutOfRangeError) as info:
        clv(100, retention, 0.1, 3, model)
    assert info.value.field == "retention"


def test_clv_retention_as_percent_text(model):
    # "80%" → 0.8
    assert float(clv(100, "80%", "10%", 3, model)) == pytest.approx(273000 / 1331, rel=1e-12)


@pytest.mark.parametrize("discount", [-1.0, -1.5])
def test_clv_discount_at_or_below_minus_one_is_an_error(model, discount):
    with pytest.raises(OutOfRangeError) as info:
        clv(100, 0.5, discount, 3, model)
    assert info.value.field == "discount"


@pytest.mark.parametrize("horizon", [0, -2])
def test_clv_horizon_must_be_positive(model, horizon):
    with pytest.raises(OutOfRangeError) as info:
        clv(100, 0.5, 0.1, horizon, model)
    assert info.value.field == "horizon"


def test_clv_blank_margin_is_an_error(model):
    with pytest.raises(MissingValueError):
        clv(None, 0.5, 0.1, 3, model)


def test_clv_vectorised_over_accounts(model):
    # row 1: the T=3 example; row 2: m=50, r=0.5, d=0, T=2 → 50 + 50·0.5 = 75;
    # row 3: m=10, r=0, d=0, T=∞ → 10/(1 − 0) = 10
    got = clv([100, 50, 10], [0.8, 0.5, 0], [0.1, 0, 0], [3, 2, math.inf], model)
    np.testing.assert_allclose(got, [273000 / 1331, 75, 10], rtol=1e-12)


def test_clv_model_horizon_is_used(make_model):
    def edit(d):
        d["clv"]["horizon"] = 3

    m = make_model(edit)
    assert m.clv_horizon == 3
    assert float(clv(100, 0.8, 0.1, model=m)) == pytest.approx(273000 / 1331, rel=1e-12)
