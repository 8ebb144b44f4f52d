"""The Model sheet: a round trip to the same model, names on the right cells, tuning that formulas follow."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from engines import FormulasBook, by_title, cached_values, libreoffice_recalc, soffice
from openpyxl import load_workbook

from kam_xl.core import scorecard
from kam_xl.errors import ModelError
from kam_xl.models import default_model, model_from_dict, model_from_workbook
from kam_xl.workbooks.book import Book, OverwriteError
from kam_xl.workbooks.lint import lint_workbook
from kam_xl.workbooks.model_sheet import model_dict, name_of, path_label, unlabelled
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


# What the Model sheet writes (criteria with `key`, every `group`, the last tier without `min`, the labels
# and the flag beside the paths …) reads back as the model, hash and all (the pinned hash is test_models.py's).
DEFAULT_HASH = default_model().content_hash


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
    # account_selection: all 18 criteria positive; Σ weights = 4·8 + 6 + 4·10 + 3·8 + 5·6 + 8 = 140, scale
    # 1–10 (seed 002) → raw max 140·10 = 1400, raw min 140·1 = 140
    # imsc_industry: weights 1, scale 0–9, two negative criteria → raw max 6·9 = 54, raw min −2·9 = −18 (SPEC §2.1)
    # wall max 4 criteria × 2 = 8; satisfaction: 6 dimensions of weight 1
    expected = {1400.0, 140.0, 54.0, -18.0, 8.0, 6.0}
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


# ---------------------------------------------------------------- labels, protection, printing, the edited flag


def _rows_by_path(path: Path) -> dict[str, tuple[object, ...]]:
    ws = load_workbook(path)["Model"]
    return {str(r[0]): r[1:5] for r in ws.iter_rows(min_row=3, max_col=5, values_only=True) if r[0]}


def test_every_path_has_a_chinese_and_an_english_label(tmp_path: Path) -> None:
    path, _ = _book(tmp_path)
    rows = _rows_by_path(path)
    assert len(rows) >= 405  # every parameter of the default model
    # value, zh label, en label, value as generated
    assert rows["tier.levels[0].min"] == (75, "战略客户 下限", "Strategic: minimum score", 75)
    assert rows["scorecards.account_selection.criteria[0].weight"][1:3] == ("市场领导者 权重", "Market leader: weight")
    assert rows["quadrant.high_low.zh"][1:3] == (
        "维持型（价值象限：现值高、潜力低） 中文名称",
        "Maintain (value quadrant: high current value, low potential): Chinese name",
    )
    # fields added this session: the selection card's 1–10 scale (seed 002), the computed wall criteria
    assert rows["scorecards.account_selection.scale_min"][:3] == (1, "大客户选择评分卡 评分下限",
                                                                   "Key-account selection scorecard: lowest score")  # fmt: skip
    assert rows["barrier.share_partial"][:2] == (0.3, "围墙“份额”：钱包份额达到此值得 1 分")
    assert rows["barrier.contact_full"][:2] == (3, "围墙“接触”：覆盖的层级数达到此值得 2 分")
    for p, (_, zh, en, _) in rows.items():
        assert isinstance(zh, str) and isinstance(en, str) and zh and en, p
    assert not unlabelled(default_model())


def test_a_field_the_rule_does_not_know_still_gets_both_labels() -> None:
    data = model_dict(default_model())
    assert path_label("barrier.new_threshold", data) == (("竞争壁垒 new_threshold", "Barriers: new threshold"), False)
    assert path_label("tier.levels[1].colour", data) == (("重点客户 colour", "Key: colour"), False)
    assert path_label("tier.levels[1].min", data) == (("重点客户 下限", "Key: minimum score"), True)


def test_derived_rows_are_labelled_in_both_languages_and_the_hash_where_check_finds_it(tmp_path: Path) -> None:
    path, book = _book(tmp_path, lang="en")
    ws, laid = load_workbook(path)["Model"], book.model_sheet
    assert laid is not None
    first = min(int(ref[1:]) for ref in laid.derived)
    assert (ws[f"C{first}"].value, ws[f"D{first}"].value) == ("大客户选择评分卡 原始分最高",
                                                              "Key-account selection scorecard: highest raw score")  # fmt: skip
    assert ws[f"E{first}"].value.startswith("=SUMPRODUCT(")
    hash_row = next(r for r in range(first, ws.max_row + 1) if ws[f"D{r}"].value == "model hash (SHA-256)")
    assert ws[f"C{hash_row}"].value == "模型哈希（SHA-256）" and ws[f"E{hash_row}"].value == DEFAULT_HASH
    assert laid.names["KAM_MODEL_HASH"] == f"Model!$E${hash_row}"


def test_the_model_sheet_is_protected_but_its_values_editable_and_prints_its_head_only(tmp_path: Path) -> None:
    path, book = _book(tmp_path)
    ws = load_workbook(path)["Model"]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.protection.insertRows and ws.protection.deleteRows  # True: not allowed (the names point at rows)
    assert book.model_sheet is not None
    last = book.model_sheet.last
    for r in (3, 48, last):
        assert ws[f"B{r}"].protection.locked is False
        for col in "ACDE":
            assert ws[f"{col}{r}"].protection.locked is not False, f"{col}{r}"
    assert ws["D2"].protection.locked is not False  # the flag
    # headings, the flag and the five model.* rows (name … tier_scorecard, rows 3–7): not the 400 parameters
    assert ws.print_area == "'Model'!$A$1:$E$7"
    assert (ws["A3"].value, ws["A7"].value, ws["A8"].value) == ("model.name", "model.tier_scorecard",
                                                                 "scorecards.account_selection.zh")  # fmt: skip
    assert ws.freeze_panes == "A3"
    assert ws["A1"].value == "路径"  # the header a Model!$A:$B argument of the worksheet functions skips


def _edited(path: Path, model_path: str, value: float | str) -> Path:
    out = path.with_name("edited-" + re.sub(r"\W", "_", f"{model_path}-{value}") + ".xlsx")
    wb = load_workbook(path)
    ws = wb["Model"]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == model_path)
    ws.cell(row, 2).value = value
    wb.save(out)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_edited_flag_follows_a_changed_weight_in_formulas(tmp_path: Path, lang: str) -> None:
    path, _ = _book(tmp_path, lang=lang)
    yes, no = ("是", "否") if lang == "zh" else ("Yes", "No")
    assert cached_values(path)[("Model", "D2")] == no
    assert by_title(FormulasBook(path).values(), ["Model"])[("Model", "D2")] == no
    weight = _edited(path, "scorecards.account_selection.criteria[0].weight", 9)  # was 8
    assert by_title(FormulasBook(weight).values(), ["Model"])[("Model", "D2")] == yes
    renamed = _edited(path, "tier.levels[0].en", "Strategic account")  # a label: text, compared as text
    assert by_title(FormulasBook(renamed).values(), ["Model"])[("Model", "D2")] == yes
    # the same number typed again is no edit (compared as text, 8 and 8.0 read alike)
    again = _edited(path, "scorecards.account_selection.criteria[0].weight", 8.0)
    assert by_title(FormulasBook(again).values(), ["Model"])[("Model", "D2")] == no


@pytest.mark.skipif(soffice() is None, reason="LibreOffice missing")
def test_the_edited_flag_follows_a_changed_weight_in_libreoffice(tmp_path: Path) -> None:
    path, book = _book(tmp_path)
    weight = _edited(path, "scorecards.account_selection.criteria[0].weight", 9)
    renamed = _edited(path, "tier.levels[0].zh", "战略大客户")
    out = libreoffice_recalc([path, weight, renamed], tmp_path / "lo")
    shown = {p: load_workbook(q, data_only=True)["Model"] for p, q in out.items()}
    assert shown[path]["D2"].value == "否" and shown[weight]["D2"].value == "是" and shown[renamed]["D2"].value == "是"
    assert not lint_workbook(path)  # the flag's and the derived formulas' functions: Excel, LibreOffice, formulas
    # the derived raw maximum follows the weight: 1400 + 1·10 (seed 002's 1–10 scale)
    assert book.model_sheet is not None
    raw_max = book.model_sheet.names["KAM_SCORECARDS_ACCOUNT_SELECTION_RAW_MAX"].split("!")[1].replace("$", "")
    assert shown[path][raw_max].value == 1400 and shown[weight][raw_max].value == 1410
