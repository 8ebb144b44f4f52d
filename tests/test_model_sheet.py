"""The Model sheet: a round trip to the same model, names on the right cells, tuning that formulas follow."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from engines import FormulasBook, by_title, cached_values
from openpyxl import load_workbook

from kam_xl.core import scorecard
from kam_xl.errors import ModelError
from kam_xl.models import default_model, model_from_dict, model_from_workbook
from kam_xl.workbooks.book import Book, OverwriteError
from kam_xl.workbooks.model_sheet import model_dict, name_of
from kam_xl.xlformulas import scoring as X


def test_name_of_drops_indices_and_upper_cases() -> None:
    assert name_of("tier.levels[2].min") == "KAM_TIER_LEVELS_MIN"
    assert name_of("scorecards.imsc_industry.criteria[0].weight") == "KAM_SCORECARDS_IMSC_INDUSTRY_CRITERIA_WEIGHT"
    assert name_of("abc.a") == "KAM_ABC_A"


def test_model_dict_is_the_loaders_inverse() -> None:
    model = default_model()
    again = model_from_dict(model_dict(model))
    assert again == model
    assert again.content_hash == model.content_hash


def test_a_tuned_model_survives_the_round_trip() -> None:
    data = model_dict(default_model())
    data["tier"]["levels"][0]["min"] = 80
    data["scorecards"]["account_selection"]["criteria"][0]["weight"] = 3
    data["clv"]["horizon"] = 7
    tuned = model_from_dict(data)
    assert model_from_dict(model_dict(tuned)) == tuned
    assert tuned.content_hash != default_model().content_hash


def _book(tmp_path: Path, model=None, lang: str = "zh") -> tuple[Path, Book]:
    model = model or default_model()
    book = Book(model, lang, ("测试", "Test"))
    book.add_model_sheet()
    path = book.save(tmp_path / f"model-{lang}.xlsx")
    return path, book


# The hash the workbooks shipped before the loader was closed record (KAM_MODEL_HASH): what the
# Model sheet writes (criteria with `key`, every `group`, the last tier without `min` …) still reads.
DEFAULT_HASH = "4793c3d8beb737730575db71335c602d4a811a62faf4834f03108ff27d04a227"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_model_sheet_reads_back_as_the_same_model(tmp_path: Path, lang: str) -> None:
    book = Book(default_model(), lang, ("测试", "Test"))
    book.add_model_sheet()
    path = book.save(tmp_path / f"model-{lang}.xlsx")
    back = model_from_workbook(path)
    assert back == default_model()
    assert back.content_hash == DEFAULT_HASH


def test_a_tuned_model_reads_back_from_its_sheet(tmp_path: Path) -> None:
    data = model_dict(default_model())
    data["tier"]["levels"][0]["min"] = 80
    data["scorecards"]["imsc_industry"]["criteria"][3]["direction"] = 1
    tuned = model_from_dict(data)
    path, _ = _book(tmp_path, tuned)
    back = model_from_workbook(path)
    assert back == tuned and back.content_hash == tuned.content_hash != DEFAULT_HASH


def _edit_cell(path: Path, model_path: str, value: object) -> str:
    """Type ``value`` into the value cell of ``model_path`` on the Model sheet, as a user would; its cell."""
    wb = load_workbook(path)
    ws = wb["Model"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == model_path)
    ws.cell(row, 2).value = value
    ws.cell(row, 2).data_type = "s"  # text, as typed after an apostrophe: "=…" stays text
    wb.save(path)
    return f"Model!B{row}"


@pytest.mark.parametrize("label", ['=HYPERLINK("http://x","Strategic")', "@SUM(1)", "Strategic\n"])
def test_a_label_typed_into_the_sheet_that_would_be_a_formula_or_break_a_line_names_the_cell(
    tmp_path: Path, label: str
) -> None:
    path, _ = _book(tmp_path, lang="en")
    cell = _edit_cell(path, "tier.levels[0].en", label)
    with pytest.raises(ModelError) as info:
        model_from_workbook(path)
    assert info.value.field == "tier.levels[0].en" and info.value.where == cell
    assert "\n" not in info.value.bilingual()


def test_a_tier_renamed_to_another_tiers_name_names_the_cell(tmp_path: Path) -> None:
    # tiers B and C both "重点客户": a workbook looking tiers up by name could not tell them apart
    path, _ = _book(tmp_path)
    cell = _edit_cell(path, "tier.levels[2].zh", "重点客户")
    with pytest.raises(ModelError) as info:
        model_from_workbook(path)
    assert info.value.field == "tier.levels[2].zh" and info.value.where == cell
    assert "repeats tier.levels[1].zh" in info.value.message("en")


def test_names_point_at_the_parameters(tmp_path: Path) -> None:
    path, _ = _book(tmp_path)
    wb = load_workbook(path)
    ws = wb["Model"]

    def cells(name: str) -> list[object]:
        dest = list(wb.defined_names[name].destinations)
        assert len(dest) == 1 and dest[0][0] == "Model"
        rng = ws[dest[0][1].replace("$", "")]
        return [c.value for row in (rng if isinstance(rng, tuple) else ((rng,),)) for c in row]

    assert cells("KAM_TIER_LEVELS_MIN") == [75, 55, 35]  # SPEC §2.2: the last tier has no minimum
    assert cells("KAM_TIER_LEVELS_ZH") == ["战略客户", "重点客户", "成长客户", "一般客户"]
    assert cells("KAM_PYRAMID_LAYERS_SHARE") == [0.05, 0.15, 0.30, 0.50]
    assert cells("KAM_BARRIER_WALL_WEIGHT") == [0.40]
    w = cells("KAM_SCORECARDS_ACCOUNT_SELECTION_CRITERIA_WEIGHT")
    assert w[:5] == [8, 8, 8, 8, 6] and len(w) == 18  # seed 002 weights, 18 criteria
    assert cells("KAM_RECEIVABLES_RATINGS_DSO_MAX") == [45, 75, 120]
    # Names are workbook-scoped: `formulas` gives #REF! for sheet-scoped ones.
    assert not ws.defined_names


def test_derived_cells_are_cached_and_recompute(tmp_path: Path) -> None:
    path, book = _book(tmp_path)
    cached = cached_values(path)
    values = by_title(FormulasBook(path).values(), ["Model"])
    derived = book.model_sheet.derived
    # account_selection: all 18 criteria positive; Σ weights = 4·8 + 6 + 4·10 + 3·8 + 5·6 + 8 = 140, scale 10
    # imsc_industry: weights 1, scale 9, two negative criteria → raw max 6·9 = 54, raw min −2·9 = −18 (SPEC §2.1)
    expected = {1400.0, 0.0, 54.0, -18.0, 8.0, 6.0}
    assert expected <= {float(v) for v in derived.values()}
    for ref, v in derived.items():
        assert cached[("Model", ref)] == pytest.approx(v)
        assert values[("Model", ref)] == pytest.approx(v)
    # pyramid cumulative shares 0.05, 0.2, 0.5, 1 (rounded to 12 places, as the core does)
    cum = [v for v in derived.values() if isinstance(v, float) and 0 < v <= 1]
    assert cum == pytest.approx([0.05, 0.2, 0.5, 1.0])


def test_tuning_a_threshold_in_the_workbook_moves_the_formula(tmp_path: Path) -> None:
    """A team raises the strategic-tier cut from 75 to 80 on the Model sheet; the tier formula follows."""
    model = default_model()
    book = Book(model, "zh", ("测试", "Test"))
    ms = book.add_model_sheet()
    ws = book.sheet(("测试", "Test"))
    book.input(ws, "A1", 77.0)
    book.formula(ws, "B1", X.tier("A1", "zh"), "战略客户", source="reference")
    path = book.save(tmp_path / "tune.xlsx")
    fb = FormulasBook(path)
    assert by_title(fb.values(), ["测试"])[("测试", "B1")] == "战略客户"
    cut = ms.names["KAM_TIER_LEVELS_MIN"].split("!")[1].split(":")[0].replace("$", "")
    tuned_data = model_dict(model)
    tuned_data["tier"]["levels"][0]["min"] = 80
    tuned = model_from_dict(copy.deepcopy(tuned_data))
    expected = str(scorecard.tier(77.0, tuned, "zh"))
    assert expected == "重点客户"  # 77 < 80 now: Key, not Strategic
    got = by_title(fb.values(inputs={("Model", cut): 80}), ["测试"])[("测试", "B1")]
    assert got == expected


def test_save_refuses_to_overwrite(tmp_path: Path) -> None:
    path, book = _book(tmp_path)
    before = path.read_bytes()
    with pytest.raises(OverwriteError) as info:
        book.save(path)
    assert "--force" in str(info.value) and path.read_bytes() == before
    book.save(path, overwrite=True)
