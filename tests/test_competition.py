"""Competitors at the account (docs/definitions.md §2.16; seed 002: USP = 客户有需求 且 竞争对手做不到).

Expected numbers are worked out by hand in the comments."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from kam_xl.core import competition
from kam_xl.errors import KamError, ModelError, OutOfRangeError
from kam_xl.indicators.competition import need_mark, usp_mark
from kam_xl.models import default_model
from kam_xl.models.validate import model_from_dict
from kam_xl.workbooks.model_sheet import model_dict

M = default_model()
# the six dimensions of §2.8: quality, delivery, technical service, price, responsiveness, relationship
OURS = [8, 7, 6, 5, 8, 7]
THEIRS = [6, 8, 6, 7, 5, 7]
IMPORTANCE = [9, 8, 6, 9, 7, 5]


def test_lead_per_criterion_and_overall() -> None:
    # 8−6=2, 7−8=−1, 6−6=0, 5−7=−2, 8−5=3, 7−7=0
    assert competition.lead(OURS, THEIRS, M).tolist() == [2, -1, 0, -2, 3, 0]
    # weights 1 each: (2 − 1 + 0 − 2 + 3 + 0) / 6 = 1/3
    assert competition.competitive_gap(OURS, THEIRS, M) == pytest.approx(1 / 3)
    assert competition.lead(5, 9, M) == -4.0  # one criterion: a number, negative = we lag


def test_overall_lead_by_the_models_weights() -> None:
    # quality weighted 3, the rest 1: (3·2 − 1 + 0 − 2 + 3 + 0) / 8 = 6/8 = 0.75
    dims = list(M.satisfaction.dimensions)
    dims[0] = dataclasses.replace(dims[0], weight=3.0)
    m = dataclasses.replace(M, satisfaction=dataclasses.replace(M.satisfaction, dimensions=tuple(dims)))
    assert competition.competitive_gap(OURS, THEIRS, m) == pytest.approx(0.75)


def test_need_and_usp() -> None:
    # need_at 7: 9, 8 yes; 6 no; 9 yes; 7 (exactly) yes; 5 no
    assert competition.needed(IMPORTANCE, M).tolist() == [1, 1, 0, 1, 1, 0]
    assert need_mark(IMPORTANCE, "zh", M).tolist() == ["是", "是", "否", "是", "是", "否"]
    # USP = needed and lead ≥ 1: quality (lead 2) yes, delivery (−1) no, technical (not needed) no,
    # price (−2) no, responsiveness (lead 3, importance exactly 7) yes, relationship (not needed) no
    assert competition.usp(IMPORTANCE, OURS, THEIRS, M).tolist() == [1, 0, 0, 0, 1, 0]
    assert usp_mark(IMPORTANCE, OURS, THEIRS, "en", M).tolist() == ["★ USP", "", "", "", "★ USP", ""]
    # a lead of exactly the margin counts (8 − 7 = 1 ≥ 1); a needed criterion where we only tie does not
    assert competition.usp(9, 8, 7, M) == 1.0 and competition.usp(9, 8, 8, M) == 0.0
    # margin 3: quality's lead of 2 falls short, responsiveness (lead 3) stays
    m3 = dataclasses.replace(M, satisfaction=dataclasses.replace(M.satisfaction, usp_margin=3.0))
    assert competition.usp(IMPORTANCE, OURS, THEIRS, m3).tolist() == [0, 0, 0, 0, 1, 0]
    assert np.isnan(competition.usp(None, 8, 6, M))  # blank importance: not known


def test_share_rest() -> None:
    # 1 − 0.35 − (0.30 + 0.20) = 0.15; a blank competitor's share is left out
    assert competition.share_rest(0.35, [0.30, None, 0.20]) == pytest.approx(0.15)
    assert competition.share_rest(0.5, [0.25, 0.25]) == 0.0
    with pytest.raises(OutOfRangeError) as err:  # 0.6 + 0.3 + 0.2 = 1.1 > 1
        competition.share_rest(0.6, [0.3, 0.2])
    assert err.value.field == "shares" and "1.1" in str(err.value)
    with pytest.raises(OutOfRangeError) as err:
        competition.share_rest(0.2, [0.3, 1.2])
    assert err.value.field == "shares"


@pytest.mark.parametrize("bad", [0, 11, 10.5])
def test_scores_off_the_scale_are_errors_never_clamped(bad: float) -> None:
    with pytest.raises(OutOfRangeError) as err:
        competition.lead([8, bad], [5, 5], M)
    assert err.value.field == "ours"
    with pytest.raises(OutOfRangeError) as err:
        competition.usp(9, 8, bad, M)
    assert err.value.field == "theirs"
    with pytest.raises(OutOfRangeError) as err:
        competition.needed(bad, M)
    assert err.value.field == "importance"


def test_text_numbers_and_blanks() -> None:
    assert competition.lead("7", "5", M) == 2.0
    with pytest.raises(KamError):
        competition.competitive_gap([8, 7, 6, 5, 8, None], THEIRS, M)  # a blank dimension


def test_usp_rule_is_a_model_value() -> None:
    d = model_dict(M)
    assert d["satisfaction"]["need_at"] == 7 and d["satisfaction"]["usp_margin"] == 1
    d["satisfaction"]["need_at"] = 12
    with pytest.raises(ModelError) as err:
        model_from_dict(d)
    assert "need_at" in str(err.value)
    d["satisfaction"]["need_at"], d["satisfaction"]["usp_margin"] = 7, 0
    with pytest.raises(ModelError) as err:
        model_from_dict(d)
    assert "usp_margin" in str(err.value)
    # a model written before the rule existed reads with the defaults, and hashes as it did
    del d["satisfaction"]["need_at"], d["satisfaction"]["usp_margin"]
    old = model_from_dict(d)
    assert (old.satisfaction.need_at, old.satisfaction.usp_margin) == (7.0, 1.0)
    assert old.content_hash == M.content_hash
