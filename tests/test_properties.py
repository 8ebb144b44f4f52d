"""Property-based tests of the scoring core (hypothesis).

Where a property compares with a reference, the reference is computed from the
SPEC's definition in exact rational arithmetic (fractions), not from the code.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kam_xl.core.barriers import barrier_strength, switching_cost
from kam_xl.core.clv import clv
from kam_xl.core.pareto import abc_index
from kam_xl.core.pyramid import pyramid_index
from kam_xl.core.satisfaction import csi, satisfaction_gap
from kam_xl.core.scorecard import score, score_raw
from kam_xl.models import default_model
from kam_xl.models.schema import Criterion, Scorecard

MODEL = default_model()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- strategies


@st.composite
def scorecards(draw) -> Scorecard:
    """A scorecard of 1–10 criteria, weights in (0, 20], directions ±1, scale 1–100 from 0 or 1."""
    n = draw(st.integers(1, 10))
    weights = draw(st.lists(st.floats(0.01, 20, allow_nan=False), min_size=n, max_size=n))
    directions = draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n))
    scale = draw(st.sampled_from([1, 5, 9, 10, 100]))
    scale_min = draw(st.sampled_from([0, 1])) if scale > 1 else 0  # the 1–10 selection card and 0–S cards
    criteria = tuple(
        Criterion(code=f"c{i}", zh=f"c{i}", en=f"c{i}", weight=w, direction=d)
        for i, (w, d) in enumerate(zip(weights, directions, strict=True))
    )
    return Scorecard(
        code="card", zh="card", en="card", scale=float(scale), criteria=criteria, scale_min=float(scale_min)
    )


@st.composite
def card_and_scores(draw) -> tuple[Scorecard, list[float]]:
    card = draw(scorecards())
    scores = draw(
        st.lists(
            st.floats(card.scale_min, card.scale, allow_nan=False),
            min_size=len(card.criteria),
            max_size=len(card.criteria),
        )
    )
    return card, scores


# integer values from a small range so that ties are common and sums are exact
tie_prone_values = st.lists(st.integers(0, 30), min_size=1, max_size=40).filter(lambda v: sum(v) > 0)
distinct_values = st.lists(st.integers(0, 10_000), min_size=1, max_size=120, unique=True)


# ---------------------------------------------------------------- scorecard


def np_approx(expected: float, card: Scorecard):
    return pytest.approx(expected, abs=1e-9 * (1 + card.raw_max - card.raw_min))


@SETTINGS
@given(card_and_scores())
def test_normalised_score_is_between_0_and_100(cs):
    card, scores = cs
    s = float(score(scores, card, MODEL))
    assert -1e-9 <= s <= 100 + 1e-9


@SETTINGS
@given(card_and_scores())
def test_score_raw_is_the_weighted_sum(cs):
    card, scores = cs
    expected = math.fsum(c.weight * c.direction * s for c, s in zip(card.criteria, scores, strict=True))
    assert float(score_raw(scores, card, MODEL)) == np_approx(expected, card)


@SETTINGS
@given(card_and_scores(), st.data())
def test_score_is_monotone_in_each_criterion(cs, data):
    card, scores = cs
    i = data.draw(st.integers(0, len(card.criteria) - 1), label="criterion")
    lo = data.draw(st.floats(card.scale_min, card.scale, allow_nan=False), label="lo")
    hi = data.draw(st.floats(lo, card.scale, allow_nan=False), label="hi")
    low, high = list(scores), list(scores)
    low[i], high[i] = lo, hi
    s_low, s_high = float(score(low, card, MODEL)), float(score(high, card, MODEL))
    tol = 1e-9
    if card.criteria[i].direction > 0:
        assert s_high >= s_low - tol  # more of a good thing never lowers the score
    else:
        assert s_high <= s_low + tol  # more competition never raises it


@SETTINGS
@given(st.lists(st.integers(1, 10), min_size=18, max_size=18))
def test_default_scorecard_score_is_raw_less_140_over_12_6(scores):
    # the 1–10 card, Σw = 140: raw_max = 10·140 = 1400, raw_min = 1·140 = 140 → score = (raw − 140)/12.6,
    # raw an integer from integer scores
    raw = sum(w * s for w, s in zip([c.weight for c in MODEL.scorecard().criteria], scores, strict=True))
    assert float(score(scores, model=MODEL)) == np_approx(100 * (raw - 140) / 1260, MODEL.scorecard())


# ---------------------------------------------------------------- ABC


def abc_reference(values: list[int]) -> list[int]:
    """SPEC §2.3 in exact arithmetic: share_above < 0.80 → A, < 0.95 → B, else C."""
    total = sum(values)
    a, b = Fraction("0.80"), Fraction("0.95")
    out = []
    for x in values:
        share = Fraction(sum(v for v in values if v > x), total)
        out.append(0 if share < a else 1 if share < b else 2)
    return out


@SETTINGS
@given(tie_prone_values)
def test_abc_matches_the_definition(values):
    assert list(abc_index(values, MODEL)) == abc_reference(values)


@SETTINGS
@given(tie_prone_values)
def test_abc_ties_share_a_class_and_classes_are_monotone(values):
    classes = abc_index(values, MODEL)
    for i, vi in enumerate(values):
        for j, vj in enumerate(values):
            if vi == vj:
                assert classes[i] == classes[j]
            elif vi > vj:
                assert classes[i] <= classes[j]  # a larger value never gets a worse class


@SETTINGS
@given(st.lists(st.floats(0, 1e9, allow_nan=False), min_size=1, max_size=40).filter(lambda v: sum(v) > 0))
def test_abc_on_floats_is_monotone(values):
    classes = abc_index(values, MODEL)
    order = np.argsort(values, kind="stable")
    sorted_values = np.asarray(values)[order]
    sorted_classes = classes[order]
    # ascending values → non-increasing class index
    assert all(sorted_classes[k] >= sorted_classes[k + 1] for k in range(len(values) - 1))
    for k in range(len(values) - 1):
        if sorted_values[k] == sorted_values[k + 1]:
            assert sorted_classes[k] == sorted_classes[k + 1]


@SETTINGS
@given(tie_prone_values)
def test_abc_the_largest_account_is_a(values):
    assert abc_index(values, MODEL)[int(np.argmax(values))] == 0


# ---------------------------------------------------------------- pyramid

SHARES = [Fraction(str(layer.share)) for layer in MODEL.pyramid.layers]
CUMULATIVE = [sum(SHARES[: k + 1], Fraction(0)) for k in range(len(SHARES))]


def pyramid_reference(values: list[int]) -> list[int]:
    """SPEC §2.4: rank = 1 + how many are strictly larger; layer = first with cumulative share > (rank−1)/n."""
    n = len(values)
    out = []
    for x in values:
        p = Fraction(sum(1 for v in values if v > x), n)
        out.append(next(k for k, c in enumerate(CUMULATIVE) if c > p))
    return out


@SETTINGS
@given(st.lists(st.integers(0, 30), min_size=1, max_size=80))
def test_pyramid_matches_the_definition(values):
    assert list(pyramid_index(values, MODEL)) == pyramid_reference(values)


@SETTINGS
@given(st.lists(st.integers(0, 30), min_size=1, max_size=80))
def test_pyramid_ties_share_a_layer_and_layers_are_monotone(values):
    layers = pyramid_index(values, MODEL)
    for i, vi in enumerate(values):
        for j, vj in enumerate(values):
            if vi == vj:
                assert layers[i] == layers[j]
            elif vi > vj:
                assert layers[i] <= layers[j]


@SETTINGS
@given(distinct_values)
def test_pyramid_layer_counts_for_distinct_values(values):
    # distinct values: ranks 1..n, layer k holds ranks r with ⌈c_{k−1}·n⌉ ≤ r−1 < ⌈c_k·n⌉
    n = len(values)
    counts = np.bincount(pyramid_index(values, MODEL), minlength=len(SHARES))
    bounds = [0] + [math.ceil(c * n) for c in CUMULATIVE]
    assert list(counts) == [bounds[k + 1] - bounds[k] for k in range(len(SHARES))]
    assert counts.sum() == n
    assert counts[0] >= 1  # the top account is always platinum


# ---------------------------------------------------------------- CLV


@SETTINGS
@given(
    margin=st.floats(1, 1e6, allow_nan=False),
    retention=st.floats(0, 0.95, allow_nan=False),
    discount=st.floats(0, 0.5, allow_nan=False),
)
def test_clv_finite_approaches_infinite(margin, retention, discount):
    infinite = float(clv(margin, retention, discount, None, MODEL))
    horizons = np.arange(1, 401)
    finite = clv(np.full(horizons.size, margin), retention, discount, horizons, MODEL)
    gap = np.abs(finite - infinite)
    tol = 1e-9 * infinite
    assert np.all(np.diff(gap) <= tol)  # never moves away from the perpetuity
    assert gap[-1] <= 1e-6 * infinite + tol  # q ≤ 0.95 → q^400 < 1e-8
    assert np.all(finite <= infinite + tol)  # positive margins: more years, more value, up to the limit


@SETTINGS
@given(
    margin=st.floats(1, 1e4, allow_nan=False),
    retention=st.floats(0, 0.95, allow_nan=False),
    discount=st.floats(-0.04, 0.5, allow_nan=False),
    years=st.integers(1, 30),
)
def test_clv_equals_the_discounted_sum(margin, retention, discount, years):
    assume(retention < 1 + discount)
    expected = math.fsum(margin * retention ** (t - 1) / (1 + discount) ** t for t in range(1, years + 1))
    got = float(clv(margin, retention, discount, years, MODEL))
    assert math.isclose(got, expected, rel_tol=1e-7, abs_tol=1e-9)


# ---------------------------------------------------------------- barriers

component = st.floats(0, 5, allow_nan=False)


@SETTINGS
@given(st.floats(0, 1, allow_nan=False), component, component, component, component, component)
def test_barrier_strength_is_between_0_and_100(ratio, technical, commercial, procedural, financial, relational):
    sw = switching_cost(procedural, financial, relational, MODEL)
    s = float(barrier_strength(ratio, technical, commercial, sw, MODEL))
    assert -1e-9 <= s <= 100 + 1e-9


@SETTINGS
@given(st.floats(0, 1, allow_nan=False), component, component, component, st.floats(0, 5, allow_nan=False))
def test_barrier_strength_is_monotone_in_switching_cost(ratio, technical, commercial, s1, s2):
    lo, hi = sorted((s1, s2))
    assert (
        float(barrier_strength(ratio, technical, commercial, hi, MODEL))
        >= float(barrier_strength(ratio, technical, commercial, lo, MODEL)) - 1e-9
    )


# ---------------------------------------------------------------- satisfaction

dimension_scores = st.lists(st.floats(1, 10, allow_nan=False), min_size=6, max_size=6)
dimension_weights = st.lists(st.floats(0.01, 10, allow_nan=False), min_size=6, max_size=6)


@SETTINGS
@given(dimension_scores, dimension_weights)
def test_gap_is_zero_when_perceived_equals_expected(scores, weights):
    assert float(satisfaction_gap(scores, scores, weights, MODEL)) == 0.0
    assert float(satisfaction_gap(scores, scores, model=MODEL)) == 0.0


@SETTINGS
@given(dimension_scores, dimension_scores, dimension_weights)
def test_gap_is_antisymmetric_and_bounded(p, e, w):
    g = float(satisfaction_gap(p, e, w, MODEL))
    assert math.isclose(g, -float(satisfaction_gap(e, p, w, MODEL)), abs_tol=1e-9)
    assert -9 - 1e-9 <= g <= 9 + 1e-9  # scores 1–10: differences within ±9


@SETTINGS
@given(dimension_scores, dimension_weights)
def test_csi_is_between_10_and_100(p, w):
    # scale 1–10: CSI = 100·Σwp/(10·Σw) lies in [10, 100]
    assert 10 - 1e-9 <= float(csi(p, w, MODEL)) <= 100 + 1e-9
