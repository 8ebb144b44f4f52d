"""Scoring models (SPEC §4): the shipped defaults, validation, hashing, Model sheet round trips."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pytest

from kam_xl.core.scorecard import score
from kam_xl.errors import FileError, KamError, ModelError
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
        ("C", 35, "成长客户", "Growth"),
        ("D", -math.inf, "一般客户", "Standard"),
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
    assert [lab.zh for lab in (m.high_high, m.high_low, m.low_high, m.low_low)] == ["战略", "明星", "维系", "精简"]


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
    assert [r.zh for r in bc.roles] == ["决策者", "影响者", "使用者", "采购者", "把关者", "教练"]
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


# ---------------------------------------------------------------- the content hash is stable

# The default model's hash (Model sheet, KAM_MODEL_HASH) since issue #10 added the discount policy by
# tier and the single-indicator classification to the default.
DEFAULT_HASH = "86a70d93a80b3164b65e08a53e2c130392738c05486106faa99c86b214385e69"
# The default's hash from session 8 (the selection card 1–10) to issue #10: a Model sheet of that time has
# no profitability, discount or classification rows.
SESSION_8_HASH = "ed57450160692b8a2f68f168edcff3d2aa964fd23fddb225b46df1c2124ffb61"
# The hash recorded in the blank templates shipped before session 8 (0–10 selection card, no wall
# thresholds): the hash git's HEAD code gave HEAD's default.toml when scale_min was added.
OLD_DEFAULT_HASH = "4793c3d8beb737730575db71335c602d4a811a62faf4834f03108ff27d04a227"


def test_default_hash_is_unchanged(model, tmp_path):
    assert model.content_hash == DEFAULT_HASH
    path = tmp_path / "default.toml"
    path.write_text(default_text(), encoding="utf-8")
    assert load_model(path).content_hash == DEFAULT_HASH


def test_a_model_without_the_later_fields_hashes_as_before():
    # An old workbook's Model sheet has no row for scale_min or the wall thresholds: read back, the
    # model holds their schema defaults and must hash as the old default did, or `check` calls it edited.
    d = default_dict()
    del d["scorecards"]["account_selection"]["scale_min"]
    for key in ("share_partial", "share_full", "contact_partial", "contact_full"):
        d["barrier"].pop(key, None)
    old = model_from_dict(d)
    assert old.scorecard().scale_min == 0 and old.barrier.share_partial == 0.30
    for section in ("profitability", "discount", "classification"):
        d.pop(section)
    assert model_from_dict(d).content_hash == OLD_DEFAULT_HASH


def test_a_model_without_the_profitability_sections_hashes_as_before_them():
    # A Model sheet written before #10 has none of the three tables: read back, the model holds their
    # defaults (the seed's profitability bands, no discount, no classification) and hashes as it did.
    d = default_dict()
    for section in ("profitability", "discount", "classification"):
        d.pop(section)
    old = model_from_dict(d)
    assert old.profitability[0].zh == "高获利" and old.discount == () and not old.classification.measures
    assert old.discount_rate("A") == 0.0
    assert old.content_hash == SESSION_8_HASH


def test_a_later_field_changes_the_hash_once_it_leaves_its_default(make_model, model):
    def edit(d):
        d["barrier"]["share_partial"] = 0.25

    assert make_model(edit).content_hash != model.content_hash


# ---------------------------------------------------------------- closed keys: an unknown key names its path


def _one_line(err: ModelError) -> str:
    """The message a user sees: one line, in both languages."""
    text = err.bilingual()
    assert "\n" not in text and "\r" not in text and "Traceback" not in text
    return text


def _write(tmp_path: Path, text: str, name: str = "team.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _load_refused(path: Path) -> ModelError:
    with pytest.raises(ModelError) as info:
        load_model(path)
    _one_line(info.value)
    return info.value


def test_misspelt_direction_in_a_file_is_refused_not_ignored(tmp_path):
    # IMSC criterion 4 (competition) is a direction −1 criterion (SPEC §2.1); with `directon`
    # ignored it would have scored as a positive one.
    text = default_text().replace('direction = -1, zh = "竞争程度"', 'directon = -1, zh = "竞争程度"')
    assert text != default_text()
    err = _load_refused(_write(tmp_path, text))
    assert err.field == "scorecards.imsc_industry.criteria[3].directon"
    assert "did you mean 'direction'" in err.message("en")
    assert "direction" in err.message("zh")
    assert err.where == str(tmp_path / "team.toml")


@pytest.mark.parametrize(
    ("table", "key", "field", "nearest"),
    [
        ((), "recievables", "recievables", "receivables"),
        (("model",), "langauge", "model.langauge", "language"),
        (("tier", "levels", 0), "mn", "tier.levels[0].mn", "min"),
        (
            ("scorecards", "account_selection", "criteria", 5),
            "wieght",
            "scorecards.account_selection.criteria[5].wieght",
            "weight",
        ),
        (("barrier",), "wall_wieght", "barrier.wall_wieght", "wall_weight"),
        (("quadrant", "high_low"), "eng", "quadrant.high_low.eng", "en"),
        (("receivables", "ratings", 0), "dso_mx", "receivables.ratings[0].dso_mx", "dso_max"),
        (("clv",), "horizn", "clv.horizn", "horizon"),
    ],
)
def test_unknown_key_names_its_path_and_the_nearest_key(table, key, field, nearest):
    def edit(d):
        node = d
        for part in table:
            node = node[part]
        node[key] = 1

    err = _refused(edit)
    assert err.field == field
    assert f"did you mean '{nearest}'" in err.message("en")
    _one_line(err)


def test_a_key_that_belongs_elsewhere_lists_the_known_keys():
    # satisfaction dimensions have no direction (SPEC §2.8): a gap is always "more is better"
    def edit(d):
        d["satisfaction"]["dimensions"][0]["direction"] = -1

    err = _refused(edit)
    assert err.field == "satisfaction.dimensions[0].direction"
    assert "known keys: code, key, zh, en, weight, group" in err.message("en")


def test_code_and_key_together_are_refused():
    def edit(d):
        d["scorecards"]["imsc_industry"]["criteria"][0]["code"] = "capacity"  # it has key = "market_capacity"

    err = _refused(edit)
    assert err.field == "scorecards.imsc_industry.criteria[0].key"


def test_a_last_rating_with_limits_is_refused():
    # the last rating is "everything else" (SPEC §2.11): a limit on it would be silently ignored
    def edit(d):
        d["receivables"]["ratings"][3]["dso_max"] = 200

    assert _refused(edit).field == "receivables.ratings[3].dso_max"


@pytest.mark.parametrize("edges", [[30, 60.5, 90], [30, 30, 90], [0, 60, 90], [30, "sixty", 90]])
def test_aging_edges_must_be_increasing_whole_days(edges):
    # 60.5 used to be cut to 60 without a word
    def edit(d):
        d["receivables"]["aging_edges"] = edges

    assert _refused(edit).field == "receivables.aging_edges"


def test_scorecard_code_must_fit_a_path(tmp_path):
    # a scorecard's code is a part of Model-sheet paths and of workbook names: "imsc industry" fits neither
    text = default_text().replace("[scorecards.imsc_industry]", '[scorecards."imsc industry"]')
    err = _load_refused(_write(tmp_path, text))
    assert err.field == "scorecards.imsc industry"
    assert "'imsc industry'" in err.message("en")


def test_misspelt_tier_scorecard_suggests_the_nearest():
    def edit(d):
        d["model"]["tier_scorecard"] = "imsc_industy"

    err = _refused(edit)
    assert err.field == "model.tier_scorecard"
    assert "did you mean 'imsc_industry'" in err.message("en")


# ---------------------------------------------------------------- labels: distinct by text, never a formula


@pytest.mark.parametrize(
    ("at", "value", "field", "first"),
    [
        # two tiers with one name would be one tier to a look-up by text
        (("tier", "levels", 1, "zh"), "战略客户", "tier.levels[1].zh", "tier.levels[0].zh"),
        # look-ups (and Excel's MATCH) ignore case: "KEY" is tier B's "Key"
        (("tier", "levels", 2, "en"), "KEY", "tier.levels[2].en", "tier.levels[1].en"),
        # full-width "Ｂ" folds to "b", which is ABC label B's code (met before its en "B")
        (("abc", "labels", 2, "en"), "Ｂ", "abc.labels[2].en", "abc.labels[1].code"),
        # a code may not be another item's text: "决策者" is the decision maker's zh
        (("buying_centre", "roles", 1, "code"), "决策者", "buying_centre.roles[1].code", "buying_centre.roles[0].zh"),
        (("pipeline", "stages", 4, "zh"), "确定对象", "pipeline.stages[4].zh", "pipeline.stages[0].zh"),
        (
            ("scorecards", "imsc_industry", "criteria", 1, "en"),
            "market capacity",
            "scorecards.imsc_industry.criteria[1].en",
            "scorecards.imsc_industry.criteria[0].en",
        ),
        (
            ("receivables", "aging_labels", 4, "zh"),
            "逾期61-90天",
            "receivables.aging_labels[4].zh",
            "receivables.aging_labels[3].zh",
        ),
        (("receivables", "ratings", 1, "en"), "A (good)", "receivables.ratings[1].en", "receivables.ratings[0].en"),
        (("quadrant", "low_low", "zh"), "战略型", "quadrant.low_low.zh", "quadrant.high_high.zh"),
        (
            ("barrier", "wall_criteria", 3, "en"),
            "contact coverage",
            "barrier.wall_criteria[3].en",
            "barrier.wall_criteria[2].en",
        ),
        (
            ("satisfaction", "levels", 2, "en"),
            "Mostly Satisfied",
            "satisfaction.levels[2].en",
            "satisfaction.levels[1].en",
        ),
    ],
)
def test_a_repeated_label_is_refused(at, value, field, first):
    def edit(d):
        node = d
        for part in at[:-1]:
            node = node[part]
        node[at[-1]] = value

    err = _refused(edit)
    assert err.field == field
    assert value in err.message("en") and f"repeats {first}" in err.message("en")
    _one_line(err)


def test_one_item_may_use_one_text_for_code_and_label(model):
    # ABC label "A" has code "A" and en "A": one item, no clash (SPEC §2.3)
    assert [(lab.code, lab.en) for lab in model.abc.labels] == [("A", "A"), ("B", "B"), ("C", "C")]


def test_scorecards_may_not_share_a_title():
    def edit(d):
        d["scorecards"]["imsc_industry"]["en"] = "Key-account selection scorecard"

    err = _refused(edit)
    assert err.field == "scorecards.imsc_industry.en"
    assert "repeats scorecards.account_selection.en" in err.message("en")


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+86 21", "-1", "@SUM(A1)", " =1+1"])
def test_a_label_that_reads_as_a_formula_is_refused(text):
    def edit(d):
        d["tier"]["levels"][0]["en"] = text

    err = _refused(edit)
    assert err.field == "tier.levels[0].en"
    assert text.strip() in err.message("en")
    _one_line(err)


@pytest.mark.parametrize(
    ("at", "field"),
    [
        (("pipeline", "stages", 0, "code"), "pipeline.stages[0].code"),
        (("scorecards", "imsc_industry", "criteria", 0, "key"), "scorecards.imsc_industry.criteria[0].key"),
        (("scorecards", "imsc_industry", "zh"), "scorecards.imsc_industry.zh"),
        (("matrix", "high_high", "zh"), "matrix.high_high.zh"),
    ],
)
def test_codes_and_titles_that_read_as_a_formula_are_refused(at, field):
    def edit(d):
        node = d
        for part in at[:-1]:
            node = node[part]
        node[at[-1]] = "=cmd|' /C calc'!A0"

    assert _refused(edit).field == field


def test_a_formula_label_in_a_file_names_the_file(tmp_path):
    text = default_text().replace('zh = "战略客户"', 'zh = "=1+1"')
    err = _load_refused(_write(tmp_path, text))
    assert err.field == "tier.levels[0].zh"
    assert err.where == str(tmp_path / "team.toml")
    assert "'=1+1'" in err.message("en")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Key\taccount", "Key\\taccount"),
        ("Key\r", "Key\\r"),
        ("Key\naccount", "Key\\naccount"),
        ("Key\x01", "Key\\x01"),
    ],
)
def test_a_label_with_a_control_character_is_refused(text, shown):
    def edit(d):
        d["tier"]["levels"][1]["en"] = text

    err = _refused(edit)
    assert err.field == "tier.levels[1].en"
    assert shown in err.message("en")  # escaped, so the message stays one line
    _one_line(err)


def test_a_model_name_with_a_control_character_is_refused():
    def edit(d):
        d["model"]["name"] = "Team\x01East"

    assert _refused(edit).field == "model.name"


# ---------------------------------------------------------------- model files: one line for every fault


def test_a_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + default_text().encode("utf-8"))  # Notepad's "UTF-8 with BOM"
    assert load_model(path).content_hash == DEFAULT_HASH


def test_a_gbk_file_names_the_line_and_byte(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes('[model]\nname = "团队"\n'.encode("gbk"))
    err = _load_refused(path)
    # "[model]\n" is 8 bytes and 'name = "' 8 more: 团 starts at byte 17 of line 2; GBK writes it
    # 0xCD 0xC5, and 0xC5 cannot follow 0xCD in UTF-8.
    assert "line 2, byte 17 of the file (0xCD 0xC5)" in err.message("en")
    assert "第 2 行" in err.message("zh")
    assert err.field == "model" and str(path) in err.where


def test_a_utf16_file_is_refused(tmp_path):
    path = tmp_path / "unicode.toml"
    path.write_bytes(default_text().encode("utf-16"))  # Excel's "Unicode text": a BOM, then UTF-16
    err = _load_refused(path)
    assert "line 1, byte 1 of the file (0xFF 0xFE)" in err.message("en")
    assert "UTF-16" in err.message("en")


def test_a_utf16_file_without_bom_is_refused(tmp_path):
    path = tmp_path / "unicode.toml"
    path.write_bytes(default_text().encode("utf-16-le"))
    err = _load_refused(path)
    # "#" is 0x23 0x00 in UTF-16 LE: the NUL is the file's second byte
    assert "line 1, byte 2 of the file (0x00 0x20)" in err.message("en")


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "model.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    err = _load_refused(path)
    # 0x89 cannot begin a UTF-8 character
    assert "line 1, byte 1 of the file (0x89 0x50)" in err.message("en")


def test_a_folder_is_refused(tmp_path):
    err = _load_refused(tmp_path)
    assert "folder" in err.message("en") and err.where == str(tmp_path)


def test_a_missing_file_is_one_line(tmp_path):
    err = _load_refused(tmp_path / "nope.toml")
    assert "no such model file" in err.message("en")


def test_a_huge_file_is_refused_without_parsing(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * (1 << 20))  # 1 MiB + 2 bytes: above the 1 MiB limit
    assert "over 1024 KB" in _load_refused(path).message("en")


def test_a_deep_dotted_key_is_refused_before_parsing(tmp_path):
    # Python's TOML parser needs memory quadratic in a key's depth: 100,000 parts would exhaust it
    text = 'x = 1\ny = "a.b.c.d.e.f.g.h.i.j"  # dots in a string are not a key\n' + "a" + ".b" * 100_000 + " = 1\n"
    err = _load_refused(_write(tmp_path, text))
    assert "line 3 holds a key more than 8 levels deep" in err.message("en")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
        ("a = " + "9" * 5000, "too many digits"),
        ("[model\nname = ", "not valid TOML"),
    ],
)
def test_toml_that_cannot_be_parsed_is_one_line(tmp_path, text, says):
    err = _load_refused(_write(tmp_path, text))
    assert says in err.message("en")


def test_a_validation_error_from_a_file_names_the_file(tmp_path):
    text = default_text().replace("a = 0.80", "a = 0.99")  # above b = 0.95
    err = _load_refused(_write(tmp_path, text))
    assert err.field == "abc.b" and err.where == str(tmp_path / "team.toml")


# ---------------------------------------------------------------- Model-sheet paths: bounded, in any order


def _row_of(rows, path):
    return next(k for k, (p, _) in enumerate(rows) if p == path)


def test_model_rows_in_any_order_give_the_same_model():
    rows = sorted(model_rows(), key=lambda r: r[0])  # a user sorted the sheet: criteria[10] before criteria[2]
    assert rows != model_rows()
    assert model_from_rows(_with_cells(rows)).content_hash == DEFAULT_HASH


def test_a_gap_in_a_list_names_the_cell():
    rows = [*model_rows(), ("tier.levels[5].min", 20)]  # four tiers are 0–3: item 4 is missing
    with pytest.raises(ModelError) as info:
        model_from_rows(_with_cells(rows))
    assert info.value.field == "tier.levels[5]"
    assert info.value.where == f"Model!B{len(rows) + 1}"
    assert "no item 4" in info.value.message("en")


def test_a_repeated_path_names_both_cells():
    rows = model_rows()
    first = _row_of(rows, "abc.a")
    rows = [*rows, ("abc.a", 0.7)]
    with pytest.raises(ModelError) as info:
        model_from_rows(_with_cells(rows))
    assert info.value.field == "abc.a"
    assert info.value.where == f"Model!B{len(rows) + 1}"
    assert f"also at Model!B{first + 2}" in info.value.message("en")


@pytest.mark.parametrize("extra", [("tier", 5), ("tier.levels[0].min.low", 5), ("tier.levels.min", 5)])
def test_a_path_through_a_value_is_refused(extra):
    rows = [*model_rows(), extra]
    with pytest.raises(ModelError) as info:
        model_from_rows(_with_cells(rows))
    assert info.value.field == extra[0]
    assert info.value.where == f"Model!B{len(rows) + 1}"
    assert "conflicts with" in info.value.message("en")


def test_a_value_without_a_path_is_refused():
    rows = [*model_rows(), (None, 0.7)]
    with pytest.raises(ModelError) as info:
        model_from_rows(_with_cells(rows))
    assert info.value.where == f"Model!B{len(rows) + 1}"
    assert "0.7" in info.value.message("en")


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("tier.levels[1000].min", "list index 1000 is beyond the limit (0–999)"),
        ("tier.levels[99999999999999999999].min", "beyond the limit"),
        ("a.b.c.d.e.f.g.h.i", "more than 8 levels deep"),
        ("tier.levels[0]", "must not end at a list item"),
        ("tier." + "x" * 300, "longer than 200 characters"),
    ],
)
def test_a_path_beyond_the_limits_is_one_line(path, says):
    rows = [*model_rows(), (path, 1)]
    with pytest.raises(ModelError) as info:
        model_from_rows(_with_cells(rows))
    assert says in info.value.message("en")
    assert info.value.where == f"Model!B{len(rows) + 1}"
    assert len(_one_line(info.value)) < 400


# ---------------------------------------------------------------- Model sheet in a real workbook: bounded reading


def test_model_sheet_huge_list_index_names_the_cell(tmp_path):
    # once this grew a list to 200 million items and exhausted memory
    rows = [*model_rows(), ("tier.levels[200000000].min", 80)]
    path = tmp_path / "team.xlsx"
    _write_model_sheet(path, rows)
    with pytest.raises(ModelError) as info:
        model_from_workbook(path)
    assert info.value.field == "tier.levels[200000000].min"
    assert info.value.where == f"Model!B{len(rows) + 1}"  # header on row 1
    assert "200000000" in _one_line(info.value)


@pytest.mark.parametrize(
    ("field", "code"), [("tier.levels[0].zh", "#N/A"), ("abc.a", "#DIV/0!"), ("model.version", "#REF!")]
)
def test_model_sheet_excel_error_names_the_cell(tmp_path, field, code):
    from openpyxl import Workbook

    rows = model_rows()
    i = _row_of(rows, field)
    wb = Workbook()
    ws = wb.active
    ws.title = "Model"
    ws.append(["path", "value"])
    for p, v in rows:
        ws.append([p, v])
    ws.cell(i + 2, 2).value = code
    ws.cell(i + 2, 2).data_type = "e"  # an error cell, as Excel saves a formula that failed
    path = tmp_path / "team.xlsx"
    wb.save(path)
    with pytest.raises(ModelError) as info:
        model_from_workbook(path)
    assert info.value.field == field
    assert info.value.where == f"Model!B{i + 2}"
    assert f"Excel error {code}" in info.value.message("en")


def test_model_sheet_row_cap_names_the_first_row_beyond(tmp_path):
    rows = model_rows()
    rows = rows + [(f"note_{k}", k) for k in range(10_001 - len(rows))]  # 10,001 rows under the header
    path = tmp_path / "long.xlsx"
    _write_model_sheet(path, rows)
    with pytest.raises(ModelError) as info:
        model_from_workbook(path)
    # rows 2–10,001 are the 10,000 read; row 10,002 is the first beyond
    assert info.value.where == "Model!A10002"
    assert "more than 10,000 rows" in info.value.message("en")


def test_model_sheet_row_cap_is_not_dodged_by_blank_rows(tmp_path):
    from openpyxl import load_workbook

    rows = model_rows()
    rows = rows + [(f"note_{k}", k) for k in range(9_999 - len(rows))]  # rows 2–10,000
    path = tmp_path / "long.xlsx"
    _write_model_sheet(path, rows)
    wb = load_workbook(path)
    wb["Model"].cell(10_003, 1, "abc.a")  # rows 10,001 and 10,002 left blank
    wb.save(path)
    with pytest.raises(ModelError) as info:
        model_from_workbook(path)
    assert info.value.where == "Model!A10003"


def test_model_sheet_reading_stops_after_a_run_of_blank_rows(tmp_path):
    """A cell far below (row 1,048,576) is not reached: the sheet ends after 1,000 blank rows."""
    from openpyxl import load_workbook

    path = tmp_path / "far.xlsx"
    _write_model_sheet(path, model_rows())
    wb = load_workbook(path)
    wb["Model"].cell(1_048_576, 1, "abc.a")
    wb["Model"].cell(1_048_576, 2, 0.5)
    wb.save(path)
    assert model_from_workbook(path).content_hash == DEFAULT_HASH


def test_model_sheet_declared_dimension_is_not_trusted(tmp_path):
    import zipfile

    src, path = tmp_path / "src.xlsx", tmp_path / "bomb.xlsx"
    _write_model_sheet(src, model_rows())
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
                assert b"XFD1048576" in data
            zout.writestr(item, data)
    assert model_from_workbook(path).content_hash == DEFAULT_HASH


def test_model_sheet_misspelt_path_names_the_cell(tmp_path):
    rows = [*model_rows(), ("scorecards.imsc_industry.criteria[3].directon", -1)]
    path = tmp_path / "team.xlsx"
    _write_model_sheet(path, rows)
    with pytest.raises(ModelError) as info:
        model_from_workbook(path)
    assert info.value.field == "scorecards.imsc_industry.criteria[3].directon"
    assert info.value.where == f"Model!B{len(rows) + 1}"
    assert "did you mean 'direction'" in info.value.message("en")


# ---------------------------------------------------------------- Model sheet in a file that is not a safe workbook
# model_from_workbook reads through kam_xl.reading.open_workbook: each fault is one FileError line naming
# the file, before openpyxl parses anything (no traceback, no entity expanded, no file of ours read).


def _replace_part(path: Path, part: str, edit) -> Path:
    """Rewrite one part of an xlsx (copied from tests/test_reading.py: a file as a hostile or broken tool leaves it)."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, edit(data.decode("utf-8")).encode("utf-8") if info.filename == part else data)
    path.write_bytes(buf.getvalue())
    return path


def _file_refused(path: Path, says: str) -> FileError:
    with pytest.raises(FileError) as info:
        model_from_workbook(path)
    err = info.value
    assert isinstance(err, KamError)  # what the CLI and the worksheet functions catch
    assert err.field == "model" and err.where == path.name
    assert says in err.message("en")
    _one_line(err)
    return err


@pytest.mark.parametrize(
    ("content", "looks"),
    [
        (b"path,value\nabc.a,0.8\n", "a text file"),  # the Model sheet saved as CSV, renamed .xlsx
        (b"<html><body><table><tr><td>abc.a</td></tr></table></body></html>", "a web page"),
        (b"", "an empty file"),
    ],
)
def test_model_sheet_in_a_file_that_is_not_a_zip_is_one_line(tmp_path, content, looks):
    path = tmp_path / "team.xlsx"
    path.write_bytes(content)
    err = _file_refused(path, f"not an Excel workbook (it looks like {looks}")
    assert "不是 Excel 工作簿" in err.zh


def test_model_sheet_in_a_truncated_workbook_is_one_line(tmp_path):
    path = tmp_path / "team.xlsx"
    _write_model_sheet(path, model_rows())
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # a copy that stopped half-way
    err = _file_refused(path, "damaged or truncated")
    assert "损坏" in err.zh


XXE = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = (  # 10 ** 9 "lol"s from a few hundred bytes, were the entities expanded
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>\n"
)


@pytest.mark.parametrize(("prolog", "entity"), [(XXE, "&xxe;"), (LAUGHS, "&lol9;")], ids=["xxe", "billion-laughs"])
def test_model_sheet_holding_a_dtd_is_refused_before_parsing(tmp_path, prolog, entity):
    path = tmp_path / "team.xlsx"
    _write_model_sheet(path, model_rows())

    def evil(xml: str) -> str:
        # the DTD before the root element, and the value of abc.a (0.8, SPEC §2.3) replaced by the entity
        assert "<v>0.8</v>" in xml
        return prolog + xml.split("?>", 1)[-1].replace("<v>0.8</v>", f"<v>{entity}</v>", 1)

    _replace_part(path, "xl/worksheets/sheet1.xml", evil)
    err = _file_refused(path, "unsafe XML (a DTD or entity declaration in xl/worksheets/sheet1.xml)")
    assert "不安全的 XML" in err.zh


def test_model_sheet_in_an_encrypted_workbook_is_one_line(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain, path = tmp_path / "plain.xlsx", tmp_path / "team.xlsx"
    _write_model_sheet(plain, model_rows())
    with plain.open("rb") as src, path.open("wb") as dst:
        OOXMLFile(src).encrypt("secret", dst)
    _file_refused(path, "password-protected")


def test_model_sheet_whose_xml_is_cut_short_is_one_line(tmp_path):
    # a sound zip whose sheet part ends mid-element: openpyxl meets it only while reading the rows
    path = tmp_path / "team.xlsx"
    _write_model_sheet(path, model_rows())
    _replace_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    err = _file_refused(path, "cannot read the workbook (damaged?): ParseError")
    assert "无法读取工作簿" in err.zh


def test_model_workbook_that_is_missing_is_one_line(tmp_path):
    _file_refused(tmp_path / "team.xlsx", "no such file")
