"""Worksheet functions given what real workbooks give them (issue #9, *Why*), as each runtime passes it.

Classic xlwings: numbers as float, currency/accounting cells as Decimal, blanks
as None, newer Excel errors as COM integer codes (0x800A07xx, signed).
xlwings Lite: errors as text (``err_to_str``), blanks as 0, whole numbers as int.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import kam_udfs as k
import pytest

from kam_xl.cells import COM_ERRORS
from kam_xl.models import MODEL_ENV, default_model
from kam_xl.workbooks.model_sheet import lay_out_model_sheet
from kam_xl.xl import boundary, criteria_header, model_arg
from tests.test_xl_boundary import assert_one_line_error

MODEL = default_model()
ZH = [b.zh for b in MODEL.tiers]  # tiers A, B, C, D: A ≥ 75, B ≥ 55, C ≥ 35 (SPEC §2.2)


@pytest.fixture(autouse=True)
def _default_model(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)


def col(*xs):
    return [[x] for x in xs]


# ---------------------------------------------------------------- Decimal and error codes


def test_currency_cells_arrive_as_decimal_and_are_numbers():
    # infinite CLV: 100 / (1 + 0.1 − 0.8) = 333.33…
    assert k.KAM_CLV(Decimal("100.00"), Decimal("0.8"), 0.1) == pytest.approx(1000 / 3)
    assert k.KAM_TIER([[Decimal("85.5")]]) == ZH[0]
    # DSO 1,000 / 2,000 · 365 = 182.5
    assert k.KAM_DSO(col(Decimal("1000")), col(Decimal("2000"))) == 182.5


@pytest.mark.parametrize("code", sorted(COM_ERRORS))
def test_every_com_error_code_is_that_error_not_a_number(code):
    # KAM_CLV with a #CALC! margin once returned −7,156,087,460: the code read as a margin
    assert k.KAM_CLV(code, 0.8, 0.1) == COM_ERRORS[code]
    assert k.KAM_TIER(col(80, code)) == col(ZH[0], COM_ERRORS[code])


def test_unnamed_codes_of_the_com_error_block_are_errors_too():
    # 0x800A0700 − 2³² = −2146826496: in the 0x800A07xx block, not a CVErr number Excel names
    assert k.KAM_CLV(-2146826496, 0.8, 0.1) == "#VALUE!"


@pytest.mark.parametrize("text", ["#SPILL!", "#CALC!", "#GETTING_DATA", "#N/A", "#BUSY!"])
def test_lite_passes_errors_as_text(text):
    assert k.KAM_CLV(col(100, text), 0.8, 0.1) == [[pytest.approx(1000 / 3)], [text]]


# ---------------------------------------------------------------- rows answer for themselves


def test_trailing_blank_rows_are_trimmed_in_and_out():
    # =KAM_TIER(B2:B500) over three scores and spare rows: three answers
    assert k.KAM_TIER(col(80, 60, 40, *[None] * 497)) == col(ZH[0], ZH[1], ZH[2])
    # Lite passes the spare rows as 0: they are scores of 0 (tier D), as Lite's own SUM would count them
    assert k.KAM_TIER(col(80, 0)) == col(ZH[0], ZH[3])
    # a block of criteria with spare rows: one answer per account (1–10 card, raw 140…1400:
    # all 10 → 100, all 5 → 100·(700 − 140)/1260 = 44.44)
    assert k.KAM_SCORE([[10] * 18, [5] * 18, [None] * 18, [None] * 18]) == col(100.0, pytest.approx(400 / 9))


def test_a_blank_row_inside_answers_blank():
    # blank is None: classic writes it as an empty-looking cell, Lite as an empty cell
    assert k.KAM_TIER(col(80, None, 40)) == col(ZH[0], None, ZH[2])
    # all 5 → 100·(700 − 140)/1260 = 44.44
    assert k.KAM_SCORE([[10] * 18, [None] * 18, [5] * 18]) == col(100.0, None, pytest.approx(400 / 9))
    # CLV: margins 100, blank, 200; the blank row has no inputs and no answer (200 / 0.3 = 666.67)
    assert k.KAM_CLV(col(100, None, 200), 0.8, 0.1) == [[pytest.approx(1000 / 3)], [None], [pytest.approx(2000 / 3)]]


def test_an_error_row_does_not_take_the_other_rows_with_it():
    # 3-year CLV: 100/1.1 + 80/1.21 + 64/1.331 = 205.109; the #CALC! row alone is #CALC!
    got = k.KAM_CLV(col(100, -2146826238, 100), col(0.8, 0.8, 1.5), 0.1, 3)
    assert got[0] == [pytest.approx(205.1089, abs=1e-4)]
    assert got[1] == ["#CALC!"]
    assert_one_line_error(got[2][0], "retention @ row 3")  # 150 % retention: refused, on its row


def test_a_single_cell_argument_in_error_is_the_whole_answer():
    assert k.KAM_CLV(col(100, 200), 0.8, "#REF!") == "#REF!"
    assert_one_line_error(k.KAM_CLV(col(100, 200), 0.8, -1), "discount")


def test_many_bad_rows_each_answer():
    scores = [50 + (i % 3) * 20 if i % 2 else 150 for i in range(40)]  # 50, 70 or 90; every other row 150
    got = k.KAM_TIER(col(*scores))
    assert sum(isinstance(r[0], str) and r[0].startswith("#KAM! score @ row ") for r in got) == 20
    assert got[1] == [ZH[1]]  # i = 1: 50 + 20 = 70 → B
    assert got[5] == [ZH[0]]  # i = 5: 50 + 40 = 90 → A


# ---------------------------------------------------------------- shares where points are due


def test_percent_looking_scores_are_flagged_per_row():
    # criteria are 1–10 points: a cell formatted 70 % arrives as 0.7, "70%" as text; both flagged on their row
    block = [[7] * 18, [0.7] + [7] * 17, ["70%"] + [7] * 17, [1] * 18]
    got = k.KAM_SCORE(block)
    assert got[0] == [pytest.approx(200 / 3)]  # all 7 → raw 980 → 100·(980 − 140)/1260 = 840/12.6 = 66.67
    assert_one_line_error(got[1][0], "scores @ row 2, column 1")
    assert "0.7" in got[1][0]
    assert_one_line_error(got[2][0], "scores @ row 3, column 1")
    assert got[3] == [0.0]  # a whole 1 is one point, not 100 %: all 1 → raw 140 = raw_min → 0
    assert_one_line_error(k.KAM_TIER(0.85), "score")
    assert k.KAM_TIER(1) == ZH[3]  # 1 point of 100


# ---------------------------------------------------------------- the workbook's Model sheet


def _model_range(model=MODEL, lang="zh"):
    """Columns A:B of the Model sheet a generated workbook carries, as xlwings passes Model!$A:$B."""
    return [[r[0], r[1]] for r in lay_out_model_sheet(model, lang).rows]


def _with_tier_a_from(sheet, value):
    sheet = copy.deepcopy(sheet)
    (row,) = [r for r in sheet if r[0] == "tier.levels[0].min"]
    row[1] = value
    return sheet


def test_model_argument_scores_with_the_workbooks_weights():
    sheet = _model_range()
    assert k.KAM_TIER(85, None, sheet) == ZH[0]
    # the team raises tier A to 90 on its Model sheet: 85 is now tier B, in KAM_TIER as in the native formulas
    assert k.KAM_TIER(85, None, _with_tier_a_from(sheet, 90)) == ZH[1]
    assert k.KAM_TIER(col(95, 85), "en", _with_tier_a_from(sheet, 90)) == col(MODEL.tiers[0].en, MODEL.tiers[1].en)


def test_model_argument_as_lite_passes_it_blank_rows_as_zero():
    sheet = _with_tier_a_from(_model_range(), 90) + [[0, 0]] * 20  # Model!$A$1:$B$300: spare rows as 0
    assert k.KAM_TIER(85, None, sheet) == ZH[1]


def test_model_argument_is_parsed_once_per_content():
    model_arg.MODELS.clear()
    sheet = _with_tier_a_from(_model_range(), 88)
    for score in (70, 80, 89, 95):
        k.KAM_TIER([[score]], None, copy.deepcopy(sheet))  # each call gets its own copy, as from Excel
    assert model_arg.MODELS.misses == 1
    k.KAM_TIER(80, None, _with_tier_a_from(sheet, 79))  # an edited weight is new content
    assert model_arg.MODELS.misses == 2


def test_a_broken_model_range_names_its_row():
    sheet = _with_tier_a_from(_model_range(), "high")
    got = k.KAM_TIER(85, None, sheet)
    assert_one_line_error(got, "tier.levels[0].min")
    assert "model row" in got


# ---------------------------------------------------------------- once per range, not once per cell


def test_abc_filled_down_classifies_the_range_once():
    boundary.RANKED.clear()
    values = col(500, 300, 100, 60, 40, None)
    # share above: 500 → 0 (A); 300 → 0.5 (A); 100 → 0.8 (B); 60 → 0.9 (B); 40 → 0.96 (C)
    got = [k.KAM_ABC([[v]], copy.deepcopy(values)) for v in (500, 300, 100, 60, 40)]
    assert got == ["A类", "A类", "B类", "B类", "C类"]
    assert boundary.RANKED.misses == 1 and boundary.RANKED.hits == 4
    values[4] = [400]  # the range changes: classified again
    assert k.KAM_ABC(40, values) == "#KAM! value: 40 不在 values 区域中 / 40 is not in the values range"
    assert k.KAM_ABC(400, values) == "A类"  # 500, 400: share above 400 is 500/1300 = 0.38 → A


def test_a_cached_range_is_told_apart_from_one_that_only_compares_equal():
    boundary.RANKED.clear()
    values = col(500, 300, 1, None)
    assert k.KAM_ABC(1, values) == "C类"  # 1 of 801: share above 800/801 ≥ 0.95 → C
    # TRUE == 1 in Python, but a TRUE cell is not a revenue: the cached classes are not reused
    got = k.KAM_ABC(500, col(500, 300, True, None))
    assert_one_line_error(got, "values @ row 3")
    assert k.KAM_ABC(1, col(500.0, 300, 1.0, None)) == "C类"  # 1 and 1.0 are the same number: a hit
    assert boundary.RANKED.misses == 2 and boundary.RANKED.hits == 1


def test_the_population_passed_flat_is_cached_and_told_apart_the_same_way():
    """KAM_ABC declares ``values`` ndim=1: xlwings passes the column as one flat list."""
    boundary.RANKED.clear()
    flat = [500.0, 300.0, 100.0, 60.0, 40.0, None]
    got = [k.KAM_ABC([[v]], list(flat)) for v in (500, 300, 100, 60, 40)]  # a new list each call, as xlwings
    assert got == ["A类", "A类", "B类", "B类", "C类"]  # the same classes as the rows of one cell above
    assert boundary.RANKED.misses == 1 and boundary.RANKED.hits == 4
    boundary.RANKED.clear()
    assert k.KAM_ABC(1, [500, 300, 1, None]) == "C类"
    got = k.KAM_ABC(500, [500, 300, True, None])  # TRUE == 1 in Python: not a hit, and refused
    assert_one_line_error(got, "values @ item 3")  # a flat range names its n-th value
    assert boundary.RANKED.misses == 2 and boundary.RANKED.hits == 0


def test_score_with_a_criteria_header_in_the_sheets_own_order():
    card = MODEL.scorecard()
    names = [c.zh for c in card.criteria]
    scores = [10 - (i % 10) for i in range(len(names))]
    # the sheet's columns in reverse order, headed by the criteria's names: the same account, the same score
    header = [list(reversed(names))]
    assert k.KAM_SCORE([list(reversed(scores))], header) == k.KAM_SCORE([scores])
    criteria_header.HEADERS.clear()
    for _ in range(3):
        k.KAM_SCORE([list(reversed(scores))], copy.deepcopy(header))
    assert criteria_header.HEADERS.misses == 1
    got = k.KAM_SCORE([[*scores[:-1], 5]], [[*names[:-1], "备注"]])
    assert_one_line_error(got, "scorecard")


def test_nested_tier_of_score_with_a_header():
    card = MODEL.scorecard()
    names = [[c.en for c in card.criteria]]
    # all 8 → 8·140 / 1400 · 100 = 80 → A
    assert k.KAM_TIER(k.KAM_SCORE([[8] * len(card.criteria)], names)) == ZH[0]


def test_single_cell_answers_are_remembered():
    assert k.KAM_TIER(85) == k.KAM_TIER(85.0) == ZH[0]
    assert k.KAM_TIER(85, "en") == MODEL.tiers[0].en  # the language is part of the question
