"""Scoring models (SPEC §4): the shipped defaults, validation, hashing, Model sheet round trips."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pytest

from kam_xl.core.scorecard import score
from kam_xl.errors import ModelError
from kam_xl.models import (
    active_model,
    default_model,
    load_model,
    loads_model,
    model_from_dict,
    model_from_rows,
    model_from_workbook,
    model_rows,
)
from tests.conftest import SELECTION_WEIGHTS, default_dict, default_text

# ---------------------------------------------------------------- the shipped default = SPEC §2


def test_default_tier_cuts_and_labels(model):
    assert [(t.code, t.min, t.zh, t.en) for t in model.tiers] == [
        ("A", 75, "战略客户", "Strategic"),
        ("B", 55, "重点客户", "Key"),
        ("C", 35, "普通客户", "Ordinary"),
        ("D", -math.inf, "一般客户", "Transactional"),
    ]


def test_default_abc_cuts(model):
    assert (model.abc.a, model.abc.b) == (0.80, 0.95)
    assert model.abc.value == "revenue"


def test_default_pyramid_shares(model):
    assert [(layer.code, layer.share, layer.zh) for layer in model.pyramid.layers] == [
        ("platinum", 0.05, "白金"),
        ("gold", 0.15, "金"),
        ("silver", 0.30, "银"),
        ("bronze", 0.50, "铜"),
    ]


def test_default_quadrant_and_matrix(model):
    q, m = model.quadrant, model.matrix
    assert (q.x_threshold, q.y_threshold) == (50, 50)
    assert [lab.zh for lab in (q.high_high, q.high_low, q.low_high, q.low_low)] == [
        "战略型",
        "维持型",
        "发展型",
        "普通型",
    ]
    assert (m.x_threshold, m.y_threshold) == (50, 50)
    assert [lab.zh for lab in (m.high_high, m.high_low, m.low_high, m.low_low)] == ["战略", "明星", "地位", "精简"]


def test_default_barrier_weights_and_levels(model):
    b = model.barrier
    assert (b.wall_weight, b.technical_weight, b.commercial_weight, b.switching_weight) == (0.40, 0.15, 0.15, 0.30)
    assert [(lv.code, lv.min, lv.zh) for lv in b.levels] == [
        ("strong", 70, "强"),
        ("moderate", 40, "中"),
        ("weak", -math.inf, "弱"),
    ]
    assert [(c.code, c.zh, c.max) for c in b.wall_criteria] == [
        ("specified", "主推", 2),
        ("share", "份额", 2),
        ("contact", "接触", 2),
        ("personal", "私交", 2),
    ]
    assert b.component_scale == 5


def test_default_pipeline_probabilities(model):
    assert [(s.zh, s.probability) for s in model.pipeline.stages] == [
        ("确定对象", 0.10),
        ("需求明确", 0.25),
        ("价值评估", 0.50),
        ("关系建立", 0.75),
        ("促成成交", 0.90),
    ]


def test_default_credit_rating_cuts(model):
    assert [(r.code, r.dso_max, r.overdue_ratio_max) for r in model.receivables.ratings] == [
        ("A", 45, 0.05),
        ("B", 75, 0.15),
        ("C", 120, 0.30),
        ("D", math.inf, math.inf),
    ]
    assert model.receivables.period_months == 12
    assert model.receivables.aging_edges == (30, 60, 90)


def test_default_satisfaction(model):
    s = model.satisfaction
    assert (s.scale_min, s.scale_max) == (1, 10)
    assert [lv.min for lv in s.levels] == [0, -1, -math.inf]
    assert [lv.zh for lv in s.levels] == ["满意", "基本满意", "不满意"]
    assert [d.code for d in s.dimensions] == [
        "quality",
        "delivery",
        "technical_service",
        "price",
        "responsiveness",
        "relationship",
    ]


def test_default_buying_centre(model):
    bc = model.buying_centre
    assert bc.relationship_threshold == 2
    assert [lv.zh for lv in bc.levels] == ["决策层", "管理层", "操作层"]
    assert [r.zh for r in bc.roles] == ["决策者", "影响者", "使用者", "采购", "把关者", "教练"]
    assert [(s.zh, s.value) for s in bc.stances] == [("支持", 1), ("中立", 0), ("反对", -1)]


def test_default_imsc_scorecard(model):
    card = model.scorecard("imsc_industry")
    assert card.scale == 9
    assert [(c.code, c.weight, c.direction) for c in card.criteria] == [
        ("market_capacity", 1, 1),
        ("growth_rate", 1, 1),
        ("customer_awareness", 1, 1),
        ("competition", 1, -1),
        ("implementation_difficulty", 1, -1),
        ("funding_credit", 1, 1),
        ("customer_relationship", 1, 1),
        ("policy_support", 1, 1),
    ]


def test_default_selection_scorecard(model):
    assert model.tier_scorecard == "account_selection"
    card = model.scorecard()
    assert [c.weight for c in card.criteria] == SELECTION_WEIGHTS
    assert len({c.code for c in card.criteria}) == 18
    groups = [c.group for c in card.criteria]
    assert (
        groups == ["market_perception"] * 4 + ["value_to_us"] * 5 + ["relationship"] * 3 + ["corporate_alignment"] * 6
    )


def test_default_misc(model):
    assert model.language == "zh"
    assert model.missing == "error"
    assert model.clv_horizon == math.inf


def test_active_model_is_default_without_env(monkeypatch):
    monkeypatch.delenv("KAM_XL_MODEL", raising=False)
    assert active_model() is default_model()


def test_active_model_follows_env(monkeypatch, tmp_path):
    text = default_text().replace("a = 0.80", "a = 0.70")
    path = tmp_path / "team.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("KAM_XL_MODEL", str(path))
    assert active_model().abc.a == 0.70


def test_active_model_rereads_an_edited_file(monkeypatch, tmp_path):
    path = tmp_path / "team.toml"
    path.write_text(default_text().replace("a = 0.80", "a = 0.70"), encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    monkeypatch.setenv("KAM_XL_MODEL", str(path))
    first = active_model()
    assert first.abc.a == 0.70
    assert active_model() is first  # unchanged file: the cached model
    # another spelling of the same file (relative, through "..") is the same cache entry
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KAM_XL_MODEL", str(Path("..") / tmp_path.name / "team.toml"))
    assert active_model() is first
    # edited in place — same size ("0.70" → "0.60"), a later modification time — is read again
    path.write_text(default_text().replace("a = 0.80", "a = 0.60"), encoding="utf-8")
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))
    assert active_model().abc.a == 0.60


# ---------------------------------------------------------------- version and content hash


def test_version_and_hash_present(model):
    assert model.name == "kam_xl default"
    assert model.version == "1.0.0"
    assert re.fullmatch(r"[0-9a-f]{64}", model.content_hash)


def test_hash_ignores_comments_and_key_order(model):
    text = default_text()
    # drop every comment line and trailing comment
    no_comments = "\n".join(line.split(" #")[0] for line in text.splitlines() if not line.lstrip().startswith("#"))
    # move [tier] to the end of the file and reorder keys of one inline table
    tier_block = re.search(r"\[tier\]\nlevels = \[\n(?:.*\n)*?\]\n", no_comments)
    assert tier_block is not None
    moved = no_comments.replace(tier_block.group(0), "") + "\n" + tier_block.group(0)
    moved = moved.replace(
        '{ code = "A", min = 75, zh = "战略客户", en = "Strategic" }',
        '{ en = "Strategic", zh = "战略客户", min = 75, code = "A" }',
    )
    assert moved != text
    other = loads_model(moved)
    assert other == model
    assert other.content_hash == model.content_hash


def test_hash_ignores_name_and_version(model):
    text = (
        default_text()
        .replace('name = "kam_xl default"', 'name = "Team East"')
        .replace('version = "1.0.0"', 'version = "2.3"')
    )
    other = loads_model(text)
    assert (other.name, other.version) == ("Team East", "2.3")
    assert other.content_hash == model.content_hash


def test_hash_changes_with_a_weight(model):
    text = default_text().replace(
        'weight = 6,  direction = 1, zh = "平台潜力"', 'weight = 7,  direction = 1, zh = "平台潜力"'
    )
    other = loads_model(text)
    assert other.scorecard().criteria[4].weight == 7
    assert other.content_hash != model.content_hash


def test_hash_changes_with_a_threshold(make_model, model):
    def edit(d):
        d["tier"]["levels"][0]["min"] = 80

    assert make_model(edit).content_hash != model.content_hash


def test_load_model_from_file(tmp_path, model):
    path = tmp_path / "m.toml"
    path.write_text(default_text(), encoding="utf-8")
    loaded = load_model(path)
    assert loaded == model
    assert loaded.source == str(path)


def test_load_model_missing_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError):
        load_model(tmp_path / "nope.toml")


def test_invalid_toml_is_a_model_error():
    with pytest.raises(ModelError):
        loads_model("[model\nname = ")


# ---------------------------------------------------------------- validation: each names its field


def _refused(edit) -> ModelError:
    d = default_dict()
    edit(d)
    with pytest.raises(ModelError) as info:
        model_from_dict(d)
    return info.value


@pytest.mark.parametrize("weight", [0, -3])
def test_weight_not_positive_is_refused(weight):
    def edit(d):
        d["scorecards"]["account_selection"]["criteria"][2]["weight"] = weight

    assert _refused(edit).field == "scorecards.account_selection.criteria[2].weight"


def test_weight_as_text_number_is_accepted():
    d = default_dict()
    d["scorecards"]["account_selection"]["criteria"][2]["weight"] = "8"
    assert model_from_dict(d).scorecard().criteria[2].weight == 8


def test_weight_as_non_number_is_refused():
    def edit(d):
        d["scorecards"]["imsc_industry"]["criteria"][0]["weight"] = "heavy"

    assert _refused(edit).field == "scorecards.imsc_industry.criteria[0].weight"


def test_tier_thresholds_out_of_order_are_refused():
    def edit(d):
        d["tier"]["levels"][1]["min"] = 80  # above A's 75

    assert _refused(edit).field == "tier.levels[1].min"


def test_tier_thresholds_equal_are_refused():
    def edit(d):
        d["tier"]["levels"][2]["min"] = 55  # same as B

    assert _refused(edit).field == "tier.levels[2].min"


def test_barrier_levels_out_of_order_are_refused():
    def edit(d):
        d["barrier"]["levels"][1]["min"] = 75

    assert _refused(edit).field == "barrier.levels[1].min"


def test_abc_cuts_out_of_order_are_refused():
    def edit(d):
        d["abc"]["a"], d["abc"]["b"] = 0.95, 0.80

    assert _refused(edit).field.startswith("abc.")


def test_pyramid_shares_not_summing_to_one_are_refused():
    def edit(d):
        d["pyramid"]["layers"][3]["share"] = 0.40  # 0.05+0.15+0.30+0.40 = 0.90

    err = _refused(edit)
    assert err.field == "pyramid.layers"
    assert "0.9" in str(err)


def test_barrier_weights_not_summing_to_one_are_refused():
    def edit(d):
        d["barrier"]["wall_weight"] = 0.50  # 0.50+0.15+0.15+0.30 = 1.10

    err = _refused(edit)
    assert err.field.startswith("barrier.")
    assert err.field.endswith("_weight")
    assert "1.1" in str(err)


def test_negative_barrier_weight_is_refused():
    def edit(d):
        d["barrier"]["technical_weight"] = -0.15
        d["barrier"]["commercial_weight"] = 0.45

    assert _refused(edit).field == "barrier.technical_weight"


def test_unknown_language_is_refused():
    def edit(d):
        d["model"]["language"] = "fr"

    assert _refused(edit).field == "model.language"


@pytest.mark.parametrize("direction", [2, 0, 0.5])
def test_bad_direction_is_refused(direction):
    def edit(d):
        d["scorecards"]["imsc_industry"]["criteria"][3]["direction"] = direction

    assert _refused(edit).field == "scorecards.imsc_industry.criteria[3].direction"


def test_duplicated_criterion_code_is_refused():
    def edit(d):
        d["scorecards"]["account_selection"]["criteria"][1]["key"] = "market_leader"

    err = _refused(edit)
    assert err.field.startswith("scorecards.account_selection.criteria[1]")
    assert "market_leader" in str(err)


def test_duplicated_tier_code_is_refused():
    def edit(d):
        d["tier"]["levels"][3]["code"] = "A"

    assert _refused(edit).field.startswith("tier.levels[3]")


def test_duplicated_stage_code_is_refused():
    def edit(d):
        d["pipeline"]["stages"][4]["code"] = "target"

    assert _refused(edit).field.startswith("pipeline.stages[4]")


def test_stage_probability_above_one_is_refused():
    def edit(d):
        d["pipeline"]["stages"][0]["probability"] = 1.5

    assert _refused(edit).field == "pipeline.stages[0].probability"


def test_unknown_missing_policy_is_refused():
    def edit(d):
        d["model"]["missing"] = "ignore"

    assert _refused(edit).field == "model.missing"


def test_tier_scorecard_must_exist():
    def edit(d):
        d["model"]["tier_scorecard"] = "nope"

    assert _refused(edit).field == "model.tier_scorecard"


def test_missing_section_is_refused():
    def edit(d):
        del d["pyramid"]

    assert _refused(edit).field == "pyramid"


def test_rating_cuts_must_loosen():
    def edit(d):
        d["receivables"]["ratings"][1]["dso_max"] = 40  # B stricter than A's 45

    assert _refused(edit).field == "receivables.ratings[1].dso_max"


def test_model_error_message_is_bilingual():
    def edit(d):
        d["model"]["language"] = "fr"

    err = _refused(edit)
    assert "model.language" in err.bilingual()
    assert "fr" in err.message("zh") and "fr" in err.message("en")


def test_changed_model_changes_scores(make_model):
    def edit(d):
        d["scorecards"]["imsc_industry"]["scale"] = 10

    m = make_model(edit)
    # government raw 42 on a 0–10 scale: raw_max 60, raw_min −20 → 100·62/80 = 77.5
    assert float(score([9, 7, 7, 3, 3, 9, 7, 9], m.scorecard("imsc_industry"), m)) == pytest.approx(77.5, abs=1e-12)


# ---------------------------------------------------------------- Model sheet rows


def _with_cells(rows):
    # header on row 1; path/value rows from row 2, value in column B
    return [(path, value, f"Model!B{i + 2}") for i, (path, value) in enumerate(rows)]


def test_model_rows_round_trip_equals_default(model):
    rows = model_rows()
    assert ("tier.levels[0].min", 75) in rows
    assert ("receivables.aging_edges", "30, 60, 90") in rows
    back = model_from_rows(_with_cells(rows))
    assert back == model
    assert back.content_hash == model.content_hash


def test_model_from_rows_error_names_the_cell():
    rows = model_rows()
    i = next(k for k, (p, _) in enumerate(rows) if p == "tier.levels[1].min")
    rows[i] = ("tier.levels[1].min", 80)
    with pytest.raises(ModelError) as info:
        model_from_rows(_with_cells(rows))
    assert info.value.field == "tier.levels[1].min"
    assert info.value.where == f"Model!B{i + 2}"
    assert f"Model!B{i + 2}" in str(info.value)


def test_model_from_rows_non_number_names_the_cell():
    rows = model_rows()
    i = next(k for k, (p, _) in enumerate(rows) if p == "barrier.technical_weight")
    rows[i] = ("barrier.technical_weight", "lots")
    with pytest.raises(ModelError) as info:
        model_from_rows(_with_cells(rows))
    assert info.value.where == f"Model!B{i + 2}"


def test_model_from_rows_duplicated_criterion_key_names_the_cell():
    rows = model_rows()
    i = next(k for k, (p, _) in enumerate(rows) if p == "scorecards.imsc_industry.criteria[1].key")
    rows[i] = ("scorecards.imsc_industry.criteria[1].key", "market_capacity")
    with pytest.raises(ModelError) as info:
        model_from_rows(_with_cells(rows))
    assert info.value.where == f"Model!B{i + 2}"


def test_model_from_rows_bad_path_names_the_cell():
    rows = [*model_rows(), ("tier..levels", 1)]
    with pytest.raises(ModelError) as info:
        model_from_rows(_with_cells(rows))
    assert info.value.where == f"Model!B{len(rows) + 1}"


def test_model_from_rows_values_as_sheet_text():
    # a sheet may hold numbers as text: "75", "80%"
    rows = model_rows()
    rows = [(p, "0.8" if p == "abc.a" else ("75" if p == "tier.levels[0].min" else v)) for p, v in rows]
    m = model_from_rows(_with_cells(rows))
    assert m.abc.a == 0.8
    assert m.tiers[0].min == 75
    assert m.content_hash == default_model().content_hash


@pytest.mark.parametrize(("cell", "version"), [(1, "1"), (1.0, "1"), (1.2, "1.2"), (2.5, "2.5"), ("1.0.0", "1.0.0")])
def test_model_from_rows_version_typed_as_a_number(cell, version):
    # Excel stores a typed 1 or 1.2 as a number; the model's version is text (an integral 1.0 is "1")
    rows = [(p, cell if p == "model.version" else v) for p, v in model_rows()]
    m = model_from_rows(_with_cells(rows))
    assert m.version == version
    assert m.content_hash == default_model().content_hash  # the version is not what the model scores with


def test_model_from_workbook_version_cell_as_a_number(tmp_path):
    rows = [(p, 2 if p == "model.version" else v) for p, v in model_rows()]
    path = tmp_path / "team.xlsx"
    _write_model_sheet(path, rows)
    assert model_from_workbook(path).version == "2"


# ---------------------------------------------------------------- Model sheet in a real workbook


def _write_model_sheet(path, rows, sheet="Model"):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["path", "value"])
    for p, v in rows:
        ws.append([p, v])
    wb.create_sheet("Data")
    wb.save(path)


def test_model_from_workbook_equals_default(tmp_path, model):
    path = tmp_path / "team.xlsx"
    _write_model_sheet(path, model_rows())
    m = model_from_workbook(path)
    assert m == model
    assert m.content_hash == model.content_hash


def test_model_from_workbook_with_team_weights(tmp_path):
    rows = model_rows()
    rows = [(p, 0.70 if p == "abc.a" else v) for p, v in rows]
    path = tmp_path / "team.xlsx"
    _write_model_sheet(path, rows)
    m = model_from_workbook(path)
    assert m.abc.a == 0.70
    assert m.content_hash != default_model().content_hash


def test_model_from_workbook_error_names_the_cell(tmp_path):
    rows = model_rows()
    i = next(k for k, (p, _) in enumerate(rows) if p == "pyramid.layers[0].share")
    rows[i] = ("pyramid.layers[0].share", 0.10)  # shares now sum to 1.05
    path = tmp_path / "team.xlsx"
    _write_model_sheet(path, rows)
    with pytest.raises(ModelError) as info:
        model_from_workbook(path)
    assert info.value.field == "pyramid.layers"
    assert info.value.where.startswith("Model!B")


def test_model_from_workbook_bad_weight_names_row(tmp_path):
    rows = model_rows()
    i = next(k for k, (p, _) in enumerate(rows) if p == "scorecards.account_selection.criteria[0].weight")
    rows[i] = ("scorecards.account_selection.criteria[0].weight", -8)
    path = tmp_path / "team.xlsx"
    _write_model_sheet(path, rows)
    with pytest.raises(ModelError) as info:
        model_from_workbook(path)
    # header is row 1, so the i-th (0-based) model row sits on sheet row i + 2
    assert info.value.where == f"Model!B{i + 2}"


def test_model_from_workbook_without_model_sheet(tmp_path):
    path = tmp_path / "plain.xlsx"
    _write_model_sheet(path, [("a", 1)], sheet="Other")
    with pytest.raises(ModelError) as info:
        model_from_workbook(path)
    assert info.value.field == "Model"
