"""Every worksheet function, called as Excel calls it (on Linux xlwings' decorators are no-ops).

Each function is checked twice: against the registry's core function on the
same inputs (the proof that the worksheet function renders the one
definition), and against at least one value worked out by hand.
"""

from __future__ import annotations

import inspect
import os
import sys
import typing
from datetime import date, datetime
from pathlib import Path

import kam_udfs as k
import numpy as np
import pandas as pd
import pytest

from kam_xl.core.buying_centre import RISK_FLAGS
from kam_xl.indicators import REGISTRY, by_udf
from kam_xl.models import MODEL_ENV, default_model
from tests.conftest import IMSC_SCORES, default_text
from tests.test_xl_boundary import assert_one_line_error

UDFS_FILE = Path(__file__).resolve().parents[1] / "udfs" / "kam_udfs.py"
MODEL = default_model()
# band labels are the model's wording (data); the tests check which band a value falls in
ZH = [b.zh for b in MODEL.tiers]  # A, B, C, D
EN = [b.en for b in MODEL.tiers]


@pytest.fixture(autouse=True)
def _default_model(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)


def core(udf: str):
    """The registry's definition of a worksheet function."""
    return by_udf(udf).core


def col(*xs):
    return [[x] for x in xs]


def row(*xs):
    return [list(xs)]


def flat(column: object) -> list[object]:
    """A column result's values (for pytest.approx, which takes no nested lists)."""
    assert isinstance(column, list) and all(len(r) == 1 for r in column), column
    return [r[0] for r in column]


def as_column(values) -> list[list[object]]:
    return [
        [None if isinstance(v, float) and np.isnan(v) else (float(v) if isinstance(v, (int, float, np.number)) else v)]
        for v in np.ravel(values)
    ]


# ---------------------------------------------------------------- the registry and the module agree


UDF_INDICATORS = [ind for ind in REGISTRY.values() if ind.udf]


@pytest.mark.parametrize("ind", UDF_INDICATORS, ids=lambda ind: ind.udf)
def test_every_registry_udf_exists_with_the_registry_arguments(ind):
    fn = getattr(k, ind.udf)
    params = list(inspect.signature(fn).parameters.values())
    # the registry's arguments, then the boundary's own: the workbook's Model sheet (kam_xl.xl.model_arg)
    assert [p.name for p in params] == [a.name for a in ind.args] + ["model"]
    assert params[-1].default is None
    for p, a in zip(params, ind.args, strict=False):
        # optional in the registry ⇔ defaults to None (omitted in Excel)
        assert (p.default is None) == a.optional, p.name
        assert p.default is None or p.default is inspect.Parameter.empty
        assert p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD  # xlwings refuses keyword-only
        assert p.annotation is inspect.Parameter.empty  # xlwings reads annotations as converters
    assert typing.get_type_hints(fn) == {}  # no "return" converter either, in classic or Lite
    assert fn.__doc__ == ind.doc()
    assert len(fn.__doc__) <= 255  # Excel's function wizard keeps 255 characters
    assert ind.udf in k.__all__


def test_kam_udfs_is_imported_from_this_checkout_without_path_hacks():
    # pyproject's pytest pythonpath puts the checkout and its udfs/ on sys.path, installed or not
    root = UDFS_FILE.parents[1]
    assert str(root / "udfs") in sys.path and str(root) in sys.path
    assert Path(k.__file__).resolve() == UDFS_FILE


def test_no_worksheet_function_outside_the_registry():
    names = {n for n in dir(k) if n.startswith("KAM_")}
    assert names == {ind.udf for ind in UDF_INDICATORS}


# ---------------------------------------------------------------- scorecard


def test_score_raw_imsc_government_by_hand_and_by_core():
    card = MODEL.scorecard("imsc_industry")
    scores = IMSC_SCORES["government"]
    # 9 + 7 + 7 − 3 − 3 + 9 + 7 + 9 = 42
    assert k.KAM_SCORE_RAW(row(*scores), "imsc_industry") == 42.0
    assert k.KAM_SCORE_RAW(col(*scores), "imsc_industry") == 42.0  # a column of criteria is one account too
    assert k.KAM_SCORE_RAW(row(*scores), "imsc_industry") == float(core("KAM_SCORE_RAW")(scores, card, MODEL))


def test_score_raw_several_accounts_give_a_column():
    block = [IMSC_SCORES[k_] for k_ in ("government", "telecom", "education", "finance")]
    # 42; 9+7+9−5−1+9+9+7 = 44; 9+5+5−5−3+7+5+9 = 32; 9+3+9−9−7+9+7+7 = 28
    assert k.KAM_SCORE_RAW(block, "imsc_industry") == col(42.0, 44.0, 32.0, 28.0)
    card = MODEL.scorecard("imsc_industry")
    assert k.KAM_SCORE_RAW(block, "imsc_industry") == as_column(core("KAM_SCORE_RAW")(np.array(block), card, MODEL))


def test_score_raw_seed_telecom_stated_total_46_is_refused():
    # the seed prints 46; its own figures 9+7+9−5−1+9+9+7 sum to 44
    got = k.KAM_SCORE_RAW(row(*IMSC_SCORES["telecom"]), "imsc_industry", [[46]])
    assert got == "#KAM! stated_total: 给定合计 46 与计算结果 44 不符 / stated total 46 disagrees with computed 44"
    assert k.KAM_SCORE_RAW(row(*IMSC_SCORES["telecom"]), "imsc_industry", [[44]]) == 44.0
    assert k.KAM_SCORE_RAW(row(*IMSC_SCORES["telecom"]), "imsc_industry", [[None]]) == 44.0  # blank: nothing stated


def test_score_raw_stated_totals_for_several_accounts():
    block = [IMSC_SCORES["government"], IMSC_SCORES["telecom"]]
    assert k.KAM_SCORE_RAW(block, "imsc_industry", col(42, None)) == col(42.0, 44.0)
    got = k.KAM_SCORE_RAW(block, "imsc_industry", col(42, 46))
    assert (
        got == "#KAM! stated_total @ row 2: 给定合计 46 与计算结果 44 不符 / stated total 46 disagrees with computed 44"
    )
    assert_one_line_error(k.KAM_SCORE_RAW(block, "imsc_industry", col(42)), "stated_total")


def test_score_raw_stated_totals_name_every_disagreeing_cell():
    # raw totals 42, 44, 32 (see test_scorecard); stated 43 and 46 disagree in rows 1 and 2 of the column
    block = [IMSC_SCORES["government"], IMSC_SCORES["telecom"], IMSC_SCORES["education"]]
    got = k.KAM_SCORE_RAW(block, "imsc_industry", col(43, 46, 32))
    assert got == (
        "#KAM! stated_total @ row 1 (+ row 2): 给定合计 43 与计算结果 42 不符 / stated total 43 disagrees with computed 42"
    )
    # the totals typed across a row instead: the telecom total is its column 2
    got = k.KAM_SCORE_RAW(block, "imsc_industry", row(42, 46, None))
    assert got.startswith("#KAM! stated_total @ column 2: ")
    assert k.KAM_SCORE_RAW(block, "imsc_industry", row(42, 44, None)) == col(42.0, 44.0, 32.0)


def test_score_normalised_by_hand_and_by_core():
    card = MODEL.scorecard("imsc_industry")
    # raw_max = 6·9 = 54, raw_min = −2·9 = −18: government 100·(42+18)/72 = 83.333…, telecom 100·62/72 = 86.111…
    got = k.KAM_SCORE([IMSC_SCORES["government"], IMSC_SCORES["telecom"]], "imsc_industry")
    assert flat(got) == pytest.approx([250 / 3, 100 * 62 / 72])
    assert k.KAM_SCORE(row(*IMSC_SCORES["government"]), "imsc_industry") == pytest.approx(83.3333333333)
    assert k.KAM_SCORE(row(*IMSC_SCORES["finance"]), "imsc_industry") == float(
        core("KAM_SCORE")(IMSC_SCORES["finance"], card, MODEL)
    )


def test_score_default_scorecard_is_the_tier_scorecard():
    # 18 criteria scored 1–10, weights sum to 140 (SPEC §2.2): raw_min = 1·140 = 140, raw_max = 10·140 = 1400;
    # all 10 → 100; all 5 → raw 700 → 100·(700 − 140)/1260 = 100·560/1260 = 44.44
    assert k.KAM_SCORE([[10] * 18, [5] * 18]) == col(100.0, pytest.approx(400 / 9))
    assert k.KAM_SCORE_RAW([[5] * 18]) == 700.0


def test_score_text_numbers_blanks_and_errors():
    scores = ["9", "７", "7", 3, 3.0, "9", "7", "9"]
    assert k.KAM_SCORE_RAW(row(*scores), "imsc_industry") == 42.0
    assert k.KAM_SCORE_RAW(row(9, 7, "#N/A", 3, 3, 9, 7, 9), "imsc_industry") == "#N/A"
    blank = k.KAM_SCORE_RAW(row(9, 7, None, 3, 3, 9, 7, 9), "imsc_industry")
    assert_one_line_error(blank, "scores")
    assert "item 3" in blank
    bad = k.KAM_SCORE_RAW(row(9, 7, "seven", 3, 3, 9, 7, 9), "imsc_industry")
    assert_one_line_error(bad, "scores")
    assert "item 3" in bad and "seven" in bad
    over = k.KAM_SCORE([[9, 7, 7, 3, 3, 9, 7, 9], [9, 7, 10, 3, 3, 9, 7, 9]], "imsc_industry")
    # row 1 is the government row (83.33, above); row 2 alone is refused
    assert over[0] == [pytest.approx(250 / 3)]
    assert over[1] == ["#KAM! scores @ row 2, column 3: 10 超出范围，应为 [0, 9] / 10 is out of range, must be [0, 9]"]
    assert_one_line_error(k.KAM_SCORE(row(1, 2, 3), "imsc_industry"), "scores")  # 3 of 8 criteria
    assert_one_line_error(k.KAM_SCORE(row(*IMSC_SCORES["government"]), "no_such_card"), "scorecard")


def test_tier_by_hand_and_by_core():
    # A ≥ 75, B ≥ 55, C ≥ 35, D below (SPEC §2.2)
    assert k.KAM_TIER([[83.3]]) == "战略客户"
    assert k.KAM_TIER(col(83.3, 60, 40, 20)) == col("战略客户", "重点客户", "成长客户", "一般客户")
    assert k.KAM_TIER(row(83.3, 20), "en") == row("Strategic", "Standard")
    assert k.KAM_TIER([[75, 55], [35, 34.99]], "English") == [["Strategic", "Key"], ["Growth", "Standard"]]
    values = [83.3, 60, 40, 20]
    assert k.KAM_TIER(col(*values)) == as_column(core("KAM_TIER")(values, MODEL, "zh"))


def test_tier_text_numbers_and_bad_input():
    # "８５" (full-width) is 85; "85%" is 0.85 on a 0–100 scale
    # "85%" is a share where a 0–100 score is due: flagged on its row, not read as 0.85 (tier D)
    got = k.KAM_TIER(col("85", "８５", "85%"))
    assert got[:2] == col(ZH[0], ZH[0])
    assert_one_line_error(got[2][0], "score @ row 3")
    assert "85%" in got[2][0]
    # each row answers for itself: an error value or a refused score does not blank the column
    assert k.KAM_TIER(col(80, "#DIV/0!")) == col(ZH[0], "#DIV/0!")
    out = k.KAM_TIER(col(80, 101))
    assert out == col(ZH[0], "#KAM! score @ row 2: 101 超出范围，应为 [0, 100] / 101 is out of range, must be [0, 100]")
    assert_one_line_error(k.KAM_TIER(col(80, "high"))[1][0], "score @ row 2")
    assert_one_line_error(k.KAM_TIER(80, "fr"), "lang")


def test_active_model_from_environment(tmp_path, monkeypatch):
    text = default_text().replace('language = "zh"', 'language = "en"').replace("min = 75,", "min = 90,")
    path = tmp_path / "team.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(MODEL_ENV, str(path))
    # the team's model: English labels by default, Strategic only from 90
    assert k.KAM_TIER(col(95, 80)) == col("Strategic", "Key")
    assert k.KAM_TIER(95, "zh") == "战略客户"


def test_edited_model_file_is_read_again(tmp_path, monkeypatch):
    path = tmp_path / "team.toml"
    path.write_text(default_text().replace("min = 75,", "min = 90,"), encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    monkeypatch.setenv(MODEL_ENV, str(path))
    assert k.KAM_TIER(85) == "重点客户"  # Strategic only from 90
    # the team lowers the cut to 80 while the workbook is open (same file size, later save)
    path.write_text(default_text().replace("min = 75,", "min = 80,"), encoding="utf-8")
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))
    assert k.KAM_TIER(85) == "战略客户"


# ---------------------------------------------------------------- ABC and pyramid


ABC_VALUES = [500, 300, 100, 60, 40]  # total 1000


def test_abc_single_value_within_a_range_like_rank_eq():
    values = col(*ABC_VALUES, None, None)  # spare blank rows are skipped
    # share above: 500 → 0 (A); 300 → 0.5 (A); 100 → 0.8, not < 0.8 (B); 60 → 0.9 (B); 40 → 0.96 (C)
    expected = ["A类", "A类", "B类", "B类", "C类"]
    for v, cls in zip(ABC_VALUES, expected, strict=True):
        assert k.KAM_ABC([[v]], values) == cls
    assert k.KAM_ABC(40, values, "en") == "C"
    assert k.KAM_ABC("¥100", values) == "B类"  # text numbers match the cell's value


def test_abc_whole_range_one_result_per_cell():
    got = k.KAM_ABC(col(*ABC_VALUES, None, None))
    assert got == col("A类", "A类", "B类", "B类", "C类")  # spare rows at the end are not answered
    assert got[:5] == as_column(core("KAM_ABC")(ABC_VALUES, MODEL, "zh"))
    assert k.KAM_ABC(row(*ABC_VALUES), None, "en") == row("A", "A", "B", "B", "C")


def test_abc_errors():
    assert_one_line_error(k.KAM_ABC(7, col(*ABC_VALUES)), "value")  # not in the range: RANK.EQ gives #N/A
    assert_one_line_error(k.KAM_ABC(col(0, 0)), "value")  # zero total
    assert_one_line_error(k.KAM_ABC(col(100, -5)), "value")
    assert k.KAM_ABC(100, col(100, "#N/A")) == "#N/A"


def test_pyramid_twenty_accounts_by_hand_and_by_core():
    values = list(range(20, 0, -1))
    # SPEC §2.4: n = 20 → 1 platinum, 3 gold, 6 silver, 10 bronze
    expected = ["白金"] + ["金"] * 3 + ["银"] * 6 + ["铜"] * 10
    assert k.KAM_PYRAMID(col(*values)) == col(*expected)
    assert k.KAM_PYRAMID(col(*values)) == as_column(core("KAM_PYRAMID")(values, MODEL, "zh"))
    assert k.KAM_PYRAMID([[20]], col(*values), "en") == "Platinum"
    assert k.KAM_PYRAMID(16, col(*values)) == "银"  # rank 5: (5−1)/20 = 0.2, not < 0.2 → silver
    assert_one_line_error(k.KAM_PYRAMID(col(1, "many")), "value")


# ---------------------------------------------------------------- quadrant and matrix


def test_quadrant_by_hand_and_by_core():
    current, potential = [60, 60, 40, 40, 50], [70, 30, 70, 30, 50]
    # ≥ 50 is high: high/high 战略型, high/low 维持型, low/high 发展型, low/low 普通型; 50/50 is high/high
    expected = ["战略型", "维持型", "发展型", "普通型", "战略型"]
    assert k.KAM_QUADRANT(col(*current), col(*potential)) == col(*expected)
    assert k.KAM_QUADRANT(col(*current), col(*potential)) == as_column(
        core("KAM_QUADRANT")(current, potential, MODEL, "zh")
    )
    assert k.KAM_QUADRANT(60, 70, "en") == "Strategic"
    assert k.KAM_QUADRANT(col(60, 40), 70) == col("战略型", "发展型")  # one cell broadcasts
    assert_one_line_error(k.KAM_QUADRANT(col(60, 40), col(70, 30, 10)), "potential")
    assert_one_line_error(k.KAM_QUADRANT(120, 70), "current_value")


def test_matrix_by_hand_and_by_core():
    att, strength = [60, 60, 40, 40], [70, 30, 70, 30]
    expected = ["战略", "明星", "维系", "精简"]
    assert k.KAM_MATRIX(row(*att), row(*strength)) == row(*expected)
    assert k.KAM_MATRIX(row(*att), row(*strength))[0] == list(core("KAM_MATRIX")(att, strength, MODEL, "zh"))
    assert k.KAM_MATRIX(40, 30, "en") == "Streamline"
    assert_one_line_error(k.KAM_MATRIX(40, None), "strength")


# ---------------------------------------------------------------- barriers


def test_wall_and_ratio_seed_table():
    seed = [[1, 0, 1, 2], [2, 1, 1, 2], [1, 0, 1, 2], [1, 0, 0, 2]]
    # seed 001: A 1+0+1+2 = 4; B 2+1+1+2 = 6; C 4; D 1+0+0+2 = 3; ratio = wall / 8
    assert k.KAM_WALL(seed) == col(4.0, 6.0, 4.0, 3.0)
    assert k.KAM_WALL_RATIO(seed) == col(0.5, 0.75, 0.5, 0.375)
    assert k.KAM_WALL(row(2, 1, 1, 2)) == 6.0
    assert k.KAM_WALL_RATIO(row(2, 1, 1, 2)) == 0.75
    assert k.KAM_WALL_RATIO(seed) == as_column(core("KAM_WALL_RATIO")(np.array(seed), MODEL))
    assert k.KAM_WALL(row(2, 1, 1, 2)) == float(core("KAM_WALL")([2, 1, 1, 2], MODEL))
    assert k.KAM_WALL(row("2", "1", "１", "2")) == 6.0


def test_wall_errors_name_the_criterion_and_cell():
    got = k.KAM_WALL([[2, 1, 1, 2], [1, 0, 3, 2]])
    # row 1: 2+1+1+2 = 6; row 2 is refused on its own
    assert got == col(
        6.0,
        "#KAM! wall.contact @ row 2, column 3: 3 超出范围，应为 0..2 的整数 / 3 is out of range, must be 0..2 (whole numbers)",
    )
    assert_one_line_error(k.KAM_WALL(row(2, 1, 1)), "wall")
    assert_one_line_error(k.KAM_WALL(row(2, 1, None, 2)), "wall")


def test_switching_barrier_and_level():
    # (3 + 4 + 5) / 3 = 4
    assert k.KAM_SWITCHING(3, 4, 5) == 4.0
    assert k.KAM_SWITCHING(col(3, 0), col(4, 0), col(5, 3)) == col(4.0, 1.0)
    assert k.KAM_SWITCHING(col(3, 0), col(4, 0), col(5, 3)) == as_column(
        core("KAM_SWITCHING")([3, 0], [4, 0], [5, 3], MODEL)
    )
    # 100·(0.4·0.75 + 0.15·4/5 + 0.15·3/5 + 0.3·3.5/5) = 100·(0.3 + 0.12 + 0.09 + 0.21) = 72
    assert k.KAM_BARRIER([[0.75]], [[4]], [[3]], [[3.5]]) == pytest.approx(72.0)
    assert k.KAM_BARRIER("75%", 4, 3, 3.5) == pytest.approx(72.0)
    got = k.KAM_BARRIER(col(0.75, 0), 4, 3, col(3.5, 0))
    assert flat(got) == pytest.approx([72.0, 100 * (0.15 * 0.8 + 0.15 * 0.6)])  # 21
    assert got == as_column(core("KAM_BARRIER")(np.array([0.75, 0]), 4, 3, np.array([3.5, 0]), MODEL))
    # strong ≥ 70, moderate ≥ 40, weak below
    assert k.KAM_BARRIER_LEVEL(col(72, 40, 39.9)) == col("强", "中", "弱")
    assert k.KAM_BARRIER_LEVEL(72, "en") == "Strong" == str(core("KAM_BARRIER_LEVEL")(72, MODEL, "en"))
    assert_one_line_error(k.KAM_BARRIER(1.5, 4, 3, 3.5), "wall_ratio")
    assert_one_line_error(k.KAM_SWITCHING(3, 6, 5), "financial")


# ---------------------------------------------------------------- lifetime value, wallet


def test_clv_infinite_and_finite():
    # infinite: 100 / (1 + 0.1 − 0.8) = 333.33…
    assert k.KAM_CLV(100, 0.8, 0.1) == pytest.approx(1000 / 3)
    # 3 years: 100/1.1 + 80/1.21 + 64/1.331 = 90.909 + 66.116 + 48.084 = 205.109
    assert k.KAM_CLV([[100]], [[0.8]], [[0.1]], [[3]]) == pytest.approx(205.1089, abs=1e-4)
    # a blank horizon cell is the model's horizon (infinite): 200 / 0.3 = 666.67
    got = k.KAM_CLV(col(100, 200), "80%", 0.1, col(3, None))
    assert flat(got) == pytest.approx([205.1089, 2000 / 3], abs=1e-4)
    assert got == as_column(core("KAM_CLV")(np.array([100, 200]), 0.8, 0.1, np.array([3, np.nan]), MODEL))
    out = k.KAM_CLV(100, 1.2, 0.1)
    assert out == "#KAM! retention: 1.2 超出范围，应为 [0, 1) / 1.2 is out of range, must be [0, 1)"
    assert_one_line_error(k.KAM_CLV(100, 0.8, -1), "discount")


def test_wallet_share():
    # 30 / 100 = 0.3
    assert k.KAM_WALLET_SHARE(30, 100) == 0.3
    assert k.KAM_WALLET_SHARE(col(30, "1,200"), col(100, "¥2,400")) == col(0.3, 0.5)
    assert k.KAM_WALLET_SHARE(col(30, 50), col(100, 200)) == as_column(core("KAM_WALLET_SHARE")([30, 50], [100, 200]))
    assert_one_line_error(k.KAM_WALLET_SHARE(120, 100), "our_sales")  # above 1 is an input error
    assert_one_line_error(k.KAM_WALLET_SHARE(-1, 100), "our_sales")


# ---------------------------------------------------------------- satisfaction


PERCEIVED = [8, 7, 6, 9, 8, 7]
EXPECTED = [9, 8, 8, 8, 8, 8]


def test_satisfaction_gap_csi_and_level():
    # gaps −1, −1, −2, +1, 0, −1 → −4 / 6 = −0.667 (equal weights)
    assert k.KAM_SAT_GAP(row(*PERCEIVED), row(*EXPECTED)) == pytest.approx(-4 / 6)
    assert k.KAM_SAT_GAP(row(*PERCEIVED), row(*EXPECTED)) == float(
        core("KAM_SAT_GAP")(PERCEIVED, EXPECTED, None, MODEL)
    )
    # weights 3,1,1,1,1,1: (−3 −1 −2 +1 +0 −1) / 8 = −0.75
    assert k.KAM_SAT_GAP(row(*PERCEIVED), row(*EXPECTED), row(3, 1, 1, 1, 1, 1)) == pytest.approx(-0.75)
    two = k.KAM_SAT_GAP([PERCEIVED, EXPECTED], [EXPECTED, EXPECTED])
    assert flat(two) == pytest.approx([-4 / 6, 0.0])
    # CSI = 100 · 45 / (10 · 6) = 75
    assert k.KAM_CSI(row(*PERCEIVED)) == 75.0
    assert k.KAM_CSI(col(*PERCEIVED)) == float(core("KAM_CSI")(PERCEIVED, None, MODEL))
    # gap ≥ 0 satisfied; −1 ≤ gap < 0 at risk; below −1 dissatisfied
    assert k.KAM_SAT_LEVEL(col(0.5, -0.5, -1, -2)) == col("满意", "基本满意", "基本满意", "不满意")
    assert k.KAM_SAT_LEVEL(-2, "en") == str(core("KAM_SAT_LEVEL")(-2, MODEL, "en")) == "Dissatisfied"
    assert_one_line_error(k.KAM_SAT_GAP(row(*PERCEIVED), row(9, 8, 8, 8, 8, 11)), "expected")
    assert_one_line_error(k.KAM_CSI(row(8, 7)), "perceived")  # 2 of 6 dimensions


# ---------------------------------------------------------------- buying centre


def test_coverage_support_depth():
    levels, rel = col("决策层", "管理层", None, None), col(3, 1, None, None)  # two spare rows
    # only the decision level has a contact with relationship ≥ 2 → 1/3
    assert k.KAM_COVERAGE(levels, rel) == pytest.approx(1 / 3)
    assert k.KAM_COVERAGE(levels, rel) == core("KAM_COVERAGE")(["决策层", "管理层"], [3, 1], MODEL)
    # (5·(+1) + 3·(−1)) / (5 + 3) = 0.25
    assert k.KAM_SUPPORT(col(5, 3), col("支持", "反对")) == 0.25
    assert k.KAM_SUPPORT(col(5, 3), col(1, "opponent")) == core("KAM_SUPPORT")([5, 3], [1, "opponent"], MODEL)
    # (5·6 + 3·2) / (6 · 8) = 36 / 48 = 0.75
    assert k.KAM_DEPTH(col(5, 3), col(6, "2")) == 0.75
    assert k.KAM_DEPTH(col(5, 3), col(6, 2)) == core("KAM_DEPTH")([5, 3], [6, 2], MODEL)
    assert_one_line_error(k.KAM_COVERAGE(col("董事会"), col(3)), "level")
    assert_one_line_error(k.KAM_SUPPORT(col(5, 3), col("支持")), "stance")
    assert_one_line_error(k.KAM_DEPTH(col(5, None, 3), col(6, 2, 2)), "influence")  # a blank inside the table


def test_risks_labels_joined_by_language():
    one = (col("管理层"), col("使用者"), col("支持"))
    # one contact, no coach, not at the decision level
    assert k.KAM_RISKS(*one) == "没有教练、单线联系、未接触决策层"
    assert k.KAM_RISKS(*one, "en") == "No coach; Single-threaded; No contact at decision level"
    codes = core("KAM_RISKS")(["管理层"], ["使用者"], ["支持"], MODEL)
    assert k.KAM_RISKS(*one) == "、".join(f.zh for f in RISK_FLAGS if f.code in codes)
    fine = (col("决策层", "管理层"), col("决策者", "教练"), col("支持", "中立"))
    assert k.KAM_RISKS(*fine) == "—"
    against = (col("决策层", "操作层"), col("decision maker", "coach"), col(-1, 1))
    assert k.KAM_RISKS(*against, "en") == "Decision maker opposes"
    assert_one_line_error(k.KAM_RISKS(col("决策层"), col("老板"), col("支持")), "role")


# ---------------------------------------------------------------- pipeline


def test_pipeline():
    # 100 × 10 % + 200 × 90 % = 10 + 180 = 190
    assert k.KAM_PIPELINE(col(100, 200, None), col("确定对象", "closing", None)) == 190.0
    assert k.KAM_PIPELINE(col(100, 200), col("target", "促成成交")) == core("KAM_PIPELINE")(
        [100, 200], ["target", "closing"], MODEL
    )
    assert_one_line_error(k.KAM_PIPELINE(col(100), col("won")), "stage")
    assert_one_line_error(k.KAM_PIPELINE(col(-100), col("target")), "expected_value")


# ---------------------------------------------------------------- receivables


def test_dso():
    # 100 / 1000 · 365 = 36.5; 0 / 0 → 0; sales 0 with 100 outstanding → undefined → blank
    assert k.KAM_DSO(100, 1000) == 36.5
    assert k.KAM_DSO(col(100, 0, 100), col(1000, 0, 0)) == col(36.5, 0.0, None)
    assert k.KAM_DSO(col(100, 50), col(1000, 0), 360) == col(36.0, None)  # 100/1000·360 = 36
    assert k.KAM_DSO(col(100, 0, 100), col(1000, 0, 0)) == as_column(core("KAM_DSO")([100, 0, 100], [1000, 0, 0], 365))
    assert k.KAM_DSO("¥1,000", "2,000") == 182.5  # 1000 / 2000 · 365
    assert_one_line_error(k.KAM_DSO("¥1,000", "(2,000)"), "sales")  # accounting negative: refused
    assert_one_line_error(k.KAM_DSO(100, -5), "sales")
    assert_one_line_error(k.KAM_DSO(100, 1000, 0), "days")


def test_aging_dates_in_every_excel_form():
    amounts = col(100, 200, 300, 400, 500, None)
    due = col(datetime(2024, 3, 10), datetime(2024, 3, 1), "2024/2/1", 45292, "2023年11月1日", None)
    # as of 2024-03-05: due 03-10 → −5 (not due); 03-01 → 4 (1–30); 02-01 → 33 (31–60);
    # serial 45292 = 2024-01-01 → 64 (61–90); 2023-11-01 → 30+31+31+29+4 = 125 (over 90)
    expected = row(100.0, 200.0, 300.0, 400.0, 500.0)
    assert k.KAM_AGING(amounts, due, "2024-03-05") == expected
    assert k.KAM_AGING(amounts, due, datetime(2024, 3, 5)) == expected
    assert k.KAM_AGING(amounts, due, [[45356]]) == expected  # xlwings Lite: serial numbers
    days = [-5, 4, 33, 64, 125]
    assert k.KAM_AGING(amounts, due, "2024-03-05") == [
        list(core("KAM_AGING")([100, 200, 300, 400, 500], days, (30, 60, 90)))
    ]
    # day 30 is in 1–30, day 31 in 31–60 (inclusive upper edges)
    assert k.KAM_AGING(col(1, 2), col(date(2024, 2, 4), date(2024, 2, 3)), "2024-03-05") == row(0.0, 1.0, 2.0, 0.0, 0.0)


def test_aging_errors():
    assert_one_line_error(k.KAM_AGING(col(100), col("someday"), "2024-03-05"), "due_dates")
    assert_one_line_error(k.KAM_AGING(col(100, 200), col(45292, None), "2024-03-05"), "days_past_due")
    assert_one_line_error(k.KAM_AGING(col(100), col(45292), None), "as_of")
    assert_one_line_error(k.KAM_AGING(col(100), col(45292), col(45292, 45293)), "as_of")
    assert k.KAM_AGING(col(100), col("#N/A"), "2024-03-05") == "#N/A"


def test_credit_rating_labels():
    dso, ratio = [30, 60, 100, 30, 200], [0.01, 0.10, 0.20, 0.5, 0]
    # A: DSO ≤ 45 and ≤ 5 %; B: ≤ 75 and ≤ 15 %; C: ≤ 120 and ≤ 30 %; else D
    assert k.KAM_CREDIT_RATING(col(*dso), col(*ratio)) == col(
        "A（优）", "B（良）", "C（关注）", "D（风险）", "D（风险）"
    )
    # the worksheet function shows the core's label as it is
    assert k.KAM_CREDIT_RATING(col(*dso), col(*ratio)) == [[x] for x in core("KAM_CREDIT_RATING")(dso, ratio, MODEL)]
    assert k.KAM_CREDIT_RATING(30, "1%", "en") == "A (good)"
    # a blank DSO (KAM_DSO with no sales) is rated D
    assert k.KAM_CREDIT_RATING(k.KAM_DSO(100, 0), 0) == "D（风险）"


def test_credit_rating_refuses_a_negative_dso_or_a_ratio_above_one():
    # an overpaid account's DSO of −5 is not rated A, and 120 % overdue is not a ratio: each names its field
    assert k.KAM_CREDIT_RATING(-5, 0) == "#KAM! dso: -5 超出范围，应为 [0, ∞) / -5 is out of range, must be [0, ∞)"
    got = k.KAM_CREDIT_RATING(col(30, 30), col(0.01, "120%"))
    assert got[1] == ["#KAM! overdue_ratio @ row 2: 1.2 超出范围，应为 [0, 1] / 1.2 is out of range, must be [0, 1]"]
    assert got[0] == [str(core("KAM_CREDIT_RATING")(30, 0.01, MODEL))]  # row 1 is rated as alone


# ---------------------------------------------------------------- portfolio


def _table(model):
    card = model.scorecard()
    header = ["客户", *[c.zh for c in card.criteria], "销售额"]
    return [header, ["甲公司", *[10] * 18, 900], ["乙公司", *["5"] * 18, "100"], [None] * (len(header))]


def test_portfolio_by_hand():
    out = k.KAM_PORTFOLIO(_table(MODEL))
    assert out[0] == ["客户", "原始得分", "得分(0-100)", "客户等级", "ABC分类", "金字塔层级"]
    # all 10 → raw 10·140 = 1400 → 100 → 战略客户; all 5 → 700 → 100·(700 − 140)/1260 = 44.44
    # → 成长客户 (35 ≤ 44.44 < 55)
    # revenue 900/100: share above 0 → A, 0.9 → B; n = 2 → ranks 1 (platinum), 2: 1 ≥ 2·0.5 → bronze
    assert out[1] == ["甲公司", 1400.0, 100.0, "战略客户", "A类", "白金"]
    assert out[2] == ["乙公司", 700.0, pytest.approx(400 / 9), "成长客户", "B类", "铜"]
    assert len(out) == 3  # the spare blank row is dropped
    assert k.KAM_PORTFOLIO(_table(MODEL), "en")[0][:4] == ["Account", "Raw score", "Score (0–100)", "Tier"]


def test_portfolio_equals_core_on_the_sample():
    from kam_xl.samples.accounts import localise_headers, sample_portfolio

    frame = localise_headers(sample_portfolio(12), "zh")
    table = [list(frame.columns), *frame.astype(object).to_numpy().tolist()]
    out = k.KAM_PORTFOLIO(table, "en")
    expected = core("KAM_PORTFOLIO")(pd.DataFrame(table[1:], columns=table[0], dtype=object), MODEL, "en")
    assert out[0][1:] == [REGISTRY[c].en for c in expected.columns]
    assert [r[0] for r in out[1:]] == list(expected.index)
    body = [r[1:] for r in out[1:]]
    want = expected.astype(object).where(expected.notna(), None).to_numpy().tolist()
    assert body == [[float(x) if isinstance(x, (int, float, np.number)) else x for x in r] for r in want]


def test_portfolio_errors_name_column_and_row():
    table = _table(MODEL)
    table[2][3] = "good"
    got = k.KAM_PORTFOLIO(table)
    # 乙公司's row answers with its problem in every indicator; 甲公司 alone: revenue 900 → A, n = 1 → platinum
    assert got[1] == ["甲公司", 1400.0, 100.0, ZH[0], "A类", "白金"]
    assert got[2][0] == "乙公司"
    for cell in got[2][1:]:
        assert_one_line_error(cell, table[0][3])
        assert "row 3" in cell  # header = row 1
    assert_one_line_error(k.KAM_PORTFOLIO(row("客户", "销售额")), "table")
    assert_one_line_error(k.KAM_PORTFOLIO([["客户", "备注"], ["甲", "x"]]), "table")  # nothing to compute
    table = _table(MODEL)
    table[1][-1] = "#N/A"
    # 甲公司's revenue is #N/A: its row is #N/A; 乙公司 is scored (all 5 → 100·560/1260 = 44.44 → tier C)
    # and ranked alone
    assert k.KAM_PORTFOLIO(table)[1:] == [
        ["甲公司", *["#N/A"] * 5],
        ["乙公司", 700.0, pytest.approx(400 / 9), ZH[2], "A类", "白金"],
    ]


def test_portfolio_error_in_a_column_no_indicator_reads_changes_nothing():
    table = [[*r, note] for r, note in zip(_table(MODEL), ["备注", "#N/A", -2146826246, None], strict=True)]
    # -2146826246 is #N/A as classic xlwings passes it (0x800A07FA); the notes column feeds no indicator
    assert k.KAM_PORTFOLIO(table) == k.KAM_PORTFOLIO(_table(MODEL))
    # all 5 → 100·(700 − 140)/1260 = 44.44
    assert k.KAM_PORTFOLIO(table)[2] == ["乙公司", 700.0, pytest.approx(400 / 9), ZH[2], "B类", "铜"]


# ---------------------------------------------------------------- every function, every bad input


# each: the arguments, and the field (and cell) the message must start with
BAD_CALLS = {
    "KAM_SCORE_RAW": (row(*[11] * 18), "scores @ item 1"),
    "KAM_SCORE": (row(*[-1] * 18), "scores @ item 1"),
    "KAM_TIER": (150, "score"),
    "KAM_SELECTED": ("很高", col(42, 44), "total"),
    "KAM_ABC": (col(1, -1), "value @ item 2"),
    "KAM_PYRAMID": (col(1, "x"), "value @ item 2"),
    "KAM_QUADRANT": (50, -1, "potential_value"),
    "KAM_MATRIX": (150, 50, "attractiveness"),
    "KAM_WALL": (row(2, 2, 2, 5), "wall.personal @ item 4"),
    "KAM_WALL_RATIO": (row(2, 2, 2, -1), "wall @ item 4"),
    "KAM_SWITCHING": (6, 1, 1, "procedural"),
    "KAM_BARRIER": (0.5, 1, 1, 9, "switching"),
    "KAM_BARRIER_LEVEL": (101, "strength"),
    "KAM_CLV": (100, 0.8, -2, "discount"),
    "KAM_WALLET_SHARE": (10, 0, "total_spend"),
    "KAM_SAT_GAP": (row(*PERCEIVED), row(0, 8, 8, 8, 8, 8), "expected @ item 1"),
    "KAM_CSI": (row(8, 7, 6, 9, 8, 70), "perceived @ item 6"),
    "KAM_SAT_LEVEL": ("bad", "gap"),
    "KAM_COVERAGE": (col("决策层"), col(7), "relationship"),
    "KAM_SUPPORT": (col(9), col("支持"), "influence"),
    "KAM_DEPTH": (col(0), col(3), "influence"),
    "KAM_RISKS": (col("x"), col("教练"), col("支持"), "level"),
    "KAM_PIPELINE": (col(100), col("x"), "stage"),
    "KAM_DSO": (100, 1000, -1, "days"),
    "KAM_AGING": (col(100), col(0), "2024-03-05", "due_dates"),
    "KAM_CREDIT_RATING": ("many", 0.1, "dso"),
    "KAM_PORTFOLIO": (row("客户"), "table"),
}


@pytest.mark.parametrize("udf", sorted(BAD_CALLS))
def test_bad_input_is_one_bilingual_line_and_excel_errors_propagate(udf):
    fn = getattr(k, udf)
    *args, place = BAD_CALLS[udf]
    text = fn(*args)
    assert_one_line_error(text, place)
    assert text.startswith(f"#KAM! {place}: ")
    # an Excel error in the first argument comes back unchanged
    first = args[0]
    poisoned = [["#N/A"]] if not isinstance(first, list) else [["#N/A", *first[0][1:]], *first[1:]]
    assert fn(poisoned, *args[1:]) == "#N/A"


def test_bad_calls_cover_every_function():
    assert set(BAD_CALLS) == {ind.udf for ind in UDF_INDICATORS}
