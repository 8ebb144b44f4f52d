"""Seed 002's IMSC industry selection (issue #10, deliverable 3): an industry is selected when its raw total
on the IMSC card reaches the cut ("≥ 平均分 29.1"), and a stated selection the totals contradict is flagged
(the seed stars 金融 at 28). By hand, in the core, the model, and the portfolio's 行业选择 sheet recomputed
by ``formulas`` and LibreOffice."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from engines import FormulasBook, by_title, cached_values, close, libreoffice_recalc
from openpyxl import load_workbook

from kam_xl.core import selection
from kam_xl.errors import KamError, ModelError
from kam_xl.models import default_model
from kam_xl.models.sheet_rows import model_from_rows, model_rows
from kam_xl.models.toml_file import default_model_dict
from kam_xl.models.validate import model_from_dict
from kam_xl.workbooks import portfolio as P
from kam_xl.workbooks.model_sheet import model_dict
from kam_xl.workbooks.portfolio_industries import FIRST_ROW

MODEL = default_model()
CARD = MODEL.scorecard("imsc_industry")
# The seed's four industries, scores in the card's order as the seed prints them (the two "more is worse"
# criteria, competition and implementation difficulty, printed with their minus sign: typed unsigned here).
SEED = {
    "政府": [9, 7, 7, 3, 3, 9, 7, 9],  # 9 + 7 + 7 − 3 − 3 + 9 + 7 + 9 = 42
    "电信": [9, 7, 9, 5, 1, 9, 9, 7],  # 9 + 7 + 9 − 5 − 1 + 9 + 9 + 7 = 44 (the seed prints 46)
    "教育": [9, 5, 5, 5, 3, 7, 5, 9],  # 9 + 5 + 5 − 5 − 3 + 7 + 5 + 9 = 32
    "金融": [9, 3, 9, 9, 7, 9, 7, 7],  # 9 + 3 + 9 − 9 − 7 + 9 + 7 + 7 = 28
}
TOTALS = [42.0, 44.0, 32.0, 28.0]


def seed_model(select_at: float | None = 29.1):
    data = default_model_dict()
    if select_at is not None:
        data["scorecards"]["imsc_industry"]["select_at"] = select_at
    return model_from_dict(data)


# ---------------------------------------------------------------- the core, by hand


def test_the_seeds_cut_selects_education_and_not_finance() -> None:
    card = seed_model().scorecard("imsc_industry")
    cut = selection.selection_cut(TOTALS, card)
    assert cut == 29.1
    assert selection.selected(TOTALS, cut).tolist() == [1.0, 1.0, 1.0, 0.0]  # 教育 32 in, 金融 28 out
    # the seed stars all four: only 金融 is chosen below the cut
    assert selection.selection_check([1, 1, 1, 1], selection.selected(TOTALS, cut)).tolist() == [0, 0, 0, 1]


def test_without_select_at_the_cut_is_the_average_of_the_totals_scored() -> None:
    assert CARD.select_at is None  # the shipped model sets none
    # (42 + 44 + 32 + 28) / 4 = 36.5; a blank total is left out of the average
    assert selection.selection_cut([42, 44, None, 32, 28], CARD) == 36.5
    assert selection.selected(TOTALS, 36.5).tolist() == [1.0, 1.0, 0.0, 0.0]
    assert math.isnan(selection.selection_cut([None, None], CARD))
    assert np.isnan(selection.selected([30.0], float("nan"))).all()


def test_a_total_equal_to_the_cut_is_selected_and_a_blank_total_is_neither() -> None:
    out = selection.selected([29.1, 29.0, None], 29.1)
    assert out[:2].tolist() == [1.0, 0.0] and math.isnan(out[2])


def test_a_choice_is_checked_only_when_stated_and_scored() -> None:
    # stated 1 chosen / 0 not / NaN undecided against selected 1 / 0 / NaN
    got = selection.selection_check([1, 0, 1, 0, np.nan, 1], [0, 1, 1, 0, 0, np.nan]).tolist()
    assert got == [selection.CHOSEN_BELOW, selection.LEFT_OUT, 0, 0, 0, 0]


def test_the_worksheet_function_answers_per_row_at_the_average_or_the_models_cut() -> None:
    import kam_udfs as k

    column = [[t] for t in [*TOTALS, None]]  # a spare blank row below the four
    # the shipped model: the average 36.5 — 教育 32 and 金融 28 out
    assert k.KAM_SELECTED(column[:4], column, "imsc_industry") == [["★ 入选"], ["★ 入选"], ["未入选"], ["未入选"]]
    assert k.KAM_SELECTED(32, column, "imsc_industry", "en") == "Not selected"


# ---------------------------------------------------------------- the model


def test_select_at_is_a_model_value_that_round_trips_and_leaves_the_default_hash() -> None:
    m = seed_model()
    assert m.scorecard("imsc_industry").select_at == 29.1
    assert seed_model(None).content_hash == MODEL.content_hash  # unset: as before the field existed
    assert m.content_hash != MODEL.content_hash
    back = model_from_rows([(path, v, f"Model!B{i + 3}") for i, (path, v) in enumerate(model_rows(model_dict(m)))])
    assert back.scorecard("imsc_industry").select_at == 29.1 and back.content_hash == m.content_hash
    assert "select_at" not in model_dict(MODEL)["scorecards"]["imsc_industry"]


@pytest.mark.parametrize("bad", [55, -19, "很高"])
def test_a_cut_no_total_can_reach_is_refused_naming_the_field(bad: object) -> None:
    with pytest.raises(ModelError) as err:
        seed_model(bad)  # type: ignore[arg-type]
    assert "scorecards.imsc_industry.select_at" in str(err.value)


# ---------------------------------------------------------------- the portfolio's 行业选择 sheet

SHEET = "行业选择"


def seed_table(stated: str = "是") -> pd.DataFrame:
    codes = [c.code for c in CARD.criteria]
    rows = [
        {"行业": name, **dict(zip(codes, scores, strict=True)), "团队决定": stated} for name, scores in SEED.items()
    ]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict, dict]]:
    out = tmp_path_factory.mktemp("industries")
    paths = {
        # no accounts and 3 spare rows: the industries are the point (a full template is slow in `formulas`)
        "cut": P.write(out / "cut.xlsx", None, model=seed_model(), industries=seed_table(), spare_rows=3),
        "average": P.write(out / "average.xlsx", None, model=MODEL, industries=seed_table(), spare_rows=3),
        "en": P.write(out / "en.xlsx", None, model=seed_model(), lang="en", industries=seed_table("否"), spare_rows=3),
    }
    lo = libreoffice_recalc(list(paths.values()), out / "lo")
    titles = load_workbook(paths["cut"], read_only=True).sheetnames
    return {
        k: (p, by_title(FormulasBook(p).values(), [*titles, "Industry selection"]), cached_values(lo[p]))
        for k, p in paths.items()
    }


def _column(values: dict, sheet: str, col: str, n: int = 4) -> list[object]:
    return [values.get((sheet, f"{col}{FIRST_ROW + i}"), "") for i in range(n)]


@pytest.mark.parametrize("engine", ["cached", "formulas", "libreoffice"])
def test_the_sheet_selects_and_flags_as_the_seed_says(books, engine: str) -> None:
    for key, cut, marks, checks in (
        ("cut", 29.1, ["★ 入选"] * 3 + ["未入选"], ["", "", "", "已选但未达选择线"]),
        # the average 36.5: 教育 32 is out too, and chosen below it
        ("average", 36.5, ["★ 入选", "★ 入选", "未入选", "未入选"], ["", "", "已选但未达选择线", "已选但未达选择线"]),
    ):
        path, formulas_values, lo = books[key]
        values = {"cached": cached_values(path), "formulas": formulas_values, "libreoffice": lo}[engine]
        assert [float(v) for v in _column(values, SHEET, "J")] == TOTALS, (key, engine)
        assert close(values[(SHEET, "B3")], cut), (key, engine)
        assert _column(values, SHEET, "L") == marks, (key, engine)
        assert _column(values, SHEET, "N") == checks, (key, engine)
        assert values.get((SHEET, f"J{FIRST_ROW + 4}"), "") == ""  # a spare row: blank


def test_english_sheet_flags_a_high_total_left_out(books) -> None:
    path, formulas_values, lo = books["en"]
    sheet = "Industry selection"
    for values in (cached_values(path), formulas_values, lo):
        assert _column(values, sheet, "M") == ["No"] * 4
        assert _column(values, sheet, "N") == ["At or above the cut, not chosen"] * 3 + [""]


def test_a_generated_portfolio_lists_its_accounts_industries(tmp_path: Path) -> None:
    table = pd.DataFrame({"account": ["甲", "乙", "丙"], "industry": ["电力", "钢铁", "电力"]})
    ws = load_workbook(P.write(tmp_path / "p.xlsx", table))[SHEET]
    assert [ws[f"A{FIRST_ROW + i}"].value for i in range(3)] == ["电力", "钢铁", None]
    assert ws[f"B{FIRST_ROW}"].protection.locked is False  # scores are inputs


def test_a_portfolio_made_before_the_sheet_is_still_read_as_a_portfolio(tmp_path: Path) -> None:
    from kam_xl.jobs.check import read_back

    path = P.write(tmp_path / "old.xlsx", pd.DataFrame({"account": ["甲"], "industry": ["电力"]}), spare_rows=2)
    wb = load_workbook(path)
    del wb[SHEET]  # the layout of session 9 and before: list, summary, dashboard, Model
    wb.save(path)
    assert read_back(path).kind == "portfolio"


@pytest.mark.parametrize(("score", "says"), [("高", "is not a number"), (12, "out of range, must be 0–9")])
def test_a_bad_score_is_refused_naming_the_row_and_the_criterion(tmp_path: Path, score: object, says: str) -> None:
    table = seed_table().astype(object)  # a column as read from a sheet: any cell may be text
    table.loc[2, "competition"] = score  # 教育, the third row
    with pytest.raises(KamError) as err:
        P.build(None, industries=table, spare_rows=1)
    assert err.value.field == "competition" and err.value.position.row == 3 and says in str(err.value)
