"""Scoring a whole portfolio table (kam_xl.portfolio.score_portfolio)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kam_xl.errors import InputError, KamError, NotANumberError, OutOfRangeError
from kam_xl.portfolio import score_portfolio

# The second account's criteria scores on the 1–10 card (see test_scorecard): raw 786 → 100·(786 − 140)/1260 = 51.27
MIXED = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1, 10, 9, 8, 7, 6, 5, 4]

# One column per input; account order: 甲, 乙, 丙.
DATA: dict[str, list] = {
    "account": ["甲", "乙", "丙"],
    # revenue: total 1000 → 甲 nothing above → A; 乙 800 above = 0.80 → B; 丙 950 above = 0.95 → C
    "revenue": [800, "150", "¥50"],
    # wall (specified, share, contact, personal): 甲 2,2,2,2 = 8 → 1.0; 乙 2,1,1,2 = 6 → 0.75; 丙 blank
    "specified": [2, 2, None],
    "share": [2, 1, None],
    "contact": [2, 1, None],
    "personal": [2, 2, None],
    "technical": [5, 0, 1],
    "commercial": [5, 0, 1],
    "switching": [5, 2, 1],
    "current": [80, 60, 20],
    "potential": [80, 40, 70],
    "margin": [100, 100, None],
    "retention": [0.8, "80%", 0.5],
    "discount": [0.1, "10%", 0.1],
    "horizon": [None, 3, None],
}

ZH_HEADERS = {
    "account": "客户名称",
    "revenue": "销售额",
    "specified": "主推",
    "share": "份额",
    "contact": "接触",
    "personal": "私交",
    "technical": "技术壁垒",
    "commercial": "商务壁垒",
    "switching": "转换成本",
    "current": "当前价值",
    "potential": "潜在价值",
    "margin": "年毛利",
    "retention": "保留率",
    "discount": "折现率",
    "horizon": "年限",
}

EN_HEADERS = {
    "account": "Account",
    "revenue": "Revenue",
    "specified": "Specified",
    "share": "Share of wallet",
    "contact": "Contact coverage",
    "personal": "Personal relationship",
    "technical": "Technical barrier",
    "commercial": "Commercial barrier",
    "switching": "Switching cost",
    "current": "Current value",
    "potential": "Potential value",
    "margin": "Annual margin",
    "retention": "Retention rate",
    "discount": "Discount rate",
    "horizon": "Horizon (years)",
}


def make_table(model, lang: str, data: dict[str, list] | None = None, scores: list[list] | None = None) -> pd.DataFrame:
    data = DATA if data is None else data
    headers = ZH_HEADERS if lang == "zh" else EN_HEADERS
    # criteria (1–10 card, raw 140…1400): 甲 all 10 → 100; 乙 MIXED → 51.27; 丙 all 3 → 100·(420 − 140)/1260 = 22.2
    scores = scores or [[10] * 18, MIXED, [3] * 18]
    cols: dict[str, list] = {headers["account"]: data["account"]}
    for j, c in enumerate(model.scorecard().criteria):
        cols[c.zh if lang == "zh" else c.en] = [row[j] for row in scores]
    for key, values in data.items():
        if key != "account":
            cols[headers[key]] = values
    return pd.DataFrame(cols)


def test_portfolio_hand_checked(model):
    out = score_portfolio(make_table(model, "zh"), model, "zh")
    assert list(out.index) == ["甲", "乙", "丙"]
    np.testing.assert_allclose(out["score_raw"], [1400, 786, 420])  # 3·140 = 420
    np.testing.assert_allclose(out["score"], [100, 64600 / 1260, 28000 / 1260], atol=1e-12)
    assert list(out["tier"]) == ["战略客户", "成长客户", "一般客户"]  # 51.27: ≥ 35, < 55
    assert list(out["abc"]) == ["A类", "B类", "C类"]
    # n = 3: rank 1 → p 0 → platinum; rank 2 → 1/3 → silver; rank 3 → 2/3 → bronze
    assert list(out["pyramid"]) == ["白金", "银", "铜"]
    np.testing.assert_array_equal(out["wall"][:2], [8, 6])
    np.testing.assert_array_equal(out["wall_ratio"][:2], [1.0, 0.75])
    # 甲: 100·(0.40·1 + 0.15 + 0.15 + 0.30) = 100 → 强
    # 乙: 100·(0.40·0.75 + 0 + 0 + 0.30·2/5) = 100·(0.30 + 0.12) = 42 → 中
    np.testing.assert_allclose(out["barrier"][:2], [100, 42], atol=1e-12)
    assert list(out["barrier_level"][:2]) == ["强", "中"]
    # quadrant: 80/80 → 战略型; 60/40 → 维持型; 20/70 → 发展型
    assert list(out["quadrant"]) == ["战略型", "维持型", "发展型"]
    # matrix (score, barrier): 甲 (100, 100) → 战略; 乙 (51.3, 42) → 明星
    assert list(out["matrix"][:2]) == ["战略", "明星"]
    # CLV: 甲 ∞ horizon: 100/0.3; 乙 T=3: 273000/1331 (see test_clv)
    np.testing.assert_allclose(out["clv"][:2], [1000 / 3, 273000 / 1331], rtol=1e-12)


def test_blanks_in_an_optional_section_blank_only_that_row(model):
    out = score_portfolio(make_table(model, "zh"), model, "zh")
    # 丙 has no wall scores: its wall, barrier and matrix are blank …
    assert math.isnan(out["wall"].iloc[2])
    assert math.isnan(out["wall_ratio"].iloc[2])
    assert math.isnan(out["barrier"].iloc[2])
    assert out["barrier_level"].iloc[2] == ""
    assert out["matrix"].iloc[2] == ""
    # … and no margin: its CLV is blank
    assert math.isnan(out["clv"].iloc[2])
    # everything else for 丙 is computed
    assert out["tier"].iloc[2] == "一般客户"
    assert out["abc"].iloc[2] == "C类"
    assert out["quadrant"].iloc[2] == "发展型"
    # and the other rows are untouched by 丙's blanks
    assert not np.isnan(out["barrier"].iloc[:2]).any()


def test_chinese_and_english_headers_give_the_same_result(model):
    zh = score_portfolio(make_table(model, "zh"), model, "en")
    en = score_portfolio(make_table(model, "en"), model, "en")
    pd.testing.assert_frame_equal(zh, en)
    assert list(en["tier"]) == ["Strategic", "Growth", "Standard"]
    assert list(en["matrix"][:2]) == ["Strategic", "Star"]


def test_headers_match_codes_and_case_and_spacing(model):
    table = make_table(model, "en")
    renamed = table.rename(columns={"Revenue": "  REVENUE ", "Share of wallet": "share_of_wallet"})
    out = score_portfolio(renamed, model, "en")
    assert list(out["abc"]) == ["A", "B", "C"]
    np.testing.assert_array_equal(out["wall"][:2], [8, 6])


def test_sections_without_columns_are_left_out(model):
    table = make_table(model, "zh")[["客户名称", "销售额"]]
    out = score_portfolio(table, model, "zh")
    assert list(out.columns) == ["abc", "pyramid"]


def test_score_column_instead_of_criteria(model):
    table = pd.DataFrame({"客户": ["a", "b"], "得分": [75, "74.999"]})
    out = score_portfolio(table, model, "en")
    assert list(out["tier"]) == ["Strategic", "Key"]


def test_some_criteria_columns_missing_is_an_error(model):
    table = make_table(model, "zh").drop(columns=[model.scorecard().criteria[5].zh])
    with pytest.raises(InputError) as info:
        score_portfolio(table, model)
    assert model.scorecard().criteria[5].en in str(info.value)


def test_empty_table_is_an_error(model):
    with pytest.raises(InputError):
        score_portfolio(make_table(model, "zh").iloc[0:0], model)


# ---------------------------------------------------------------- errors name the header and the sheet row


def _error(model, lang, **changes) -> KamError:
    data = {k: list(v) for k, v in DATA.items()}
    for key, (i, value) in changes.items():
        data[key][i] = value
    with pytest.raises(KamError) as info:
        score_portfolio(make_table(model, lang, data), model)
    return info.value


def test_text_in_a_number_column_names_header_and_row(model):
    err = _error(model, "zh", revenue=(1, "abc"))
    assert isinstance(err, NotANumberError)
    # data row index 1 → spreadsheet row 3 (header = row 1)
    assert err.field == "销售额"
    assert err.where == "row 3"
    assert "销售额" in str(err) and "row 3" in str(err)


def test_negative_revenue_names_header_and_row(model):
    err = _error(model, "en", revenue=(2, -5))
    assert isinstance(err, OutOfRangeError)
    assert err.where == "Revenue, row 4"


def test_criterion_score_out_of_range_names_its_header(model):
    scores = [[10] * 18, MIXED, [3] * 18]
    scores[2] = list(scores[2])
    scores[2][2] = 11  # third criterion of the third account
    with pytest.raises(OutOfRangeError) as info:
        score_portfolio(make_table(model, "zh", scores=scores), model)
    header = model.scorecard().criteria[2].zh  # 良好的市场声誉
    assert info.value.where == f"{header}, row 4"


def test_wall_error_after_a_blank_row_names_header_and_its_own_row(model):
    data = {k: list(v) for k, v in DATA.items()}
    # row 甲 (sheet row 2) blank wall; row 丙 (sheet row 4) has share 3
    for key in ("specified", "share", "contact", "personal"):
        data[key] = [None, 1, 1]
    data["share"][2] = 3
    with pytest.raises(OutOfRangeError) as info:
        score_portfolio(make_table(model, "zh", data), model)
    assert info.value.where == "份额, row 4"


def test_clv_error_after_a_blank_row_names_header_and_its_own_row(model):
    # 乙 (sheet row 3) has no margin, so its CLV is blank; 丙 (row 4) has retention 1.2
    data = {k: list(v) for k, v in DATA.items()}
    data["margin"] = [100, None, 50]
    data["retention"][2] = 1.2
    with pytest.raises(OutOfRangeError) as info:
        score_portfolio(make_table(model, "en", data), model)
    assert info.value.field == "retention"
    assert info.value.where == "Retention rate, row 4"


def test_only_one_row_with_inputs_still_names_its_row(model):
    # only 乙 (sheet row 3) has current/potential values, and its current value is 120
    data = {k: list(v) for k, v in DATA.items()}
    data["current"] = [None, 120, None]
    with pytest.raises(OutOfRangeError) as info:
        score_portfolio(make_table(model, "zh", data), model)
    assert info.value.where == "当前价值, row 3"


def test_blank_horizon_is_the_models_horizon(make_model):
    def three_years(d):
        d["clv"]["horizon"] = 3

    model = make_model(three_years)
    out = score_portfolio(make_table(model, "en"), model, "en")
    # the model's horizon is 3 years, so 甲's blank horizon is T=3 like 乙's typed 3:
    # m=100, r=0.8, d=0.1: 100·(1 − (0.8/1.1)³)/0.3 = 100·(819/1331)/0.3 = 273000/1331 (not ∞'s 100/0.3)
    np.testing.assert_allclose(out["clv"][:2], [273000 / 1331, 273000 / 1331], rtol=1e-12)
    # no horizon column at all: every row takes the model's horizon too
    without = score_portfolio(make_table(model, "en").drop(columns=["Horizon (years)"]), model, "en")
    np.testing.assert_allclose(without["clv"][:2], [273000 / 1331, 273000 / 1331], rtol=1e-12)


def test_one_row_table_error_still_names_header_and_row(model):
    # a one-account table: its criteria are a 1×18 block, whose bad score the core names by column only
    data = {k: list(v)[:1] for k, v in DATA.items()}
    scores = [[10] * 18]
    scores[0][2] = 11  # third criterion
    with pytest.raises(OutOfRangeError) as info:
        score_portfolio(make_table(model, "zh", data, scores=scores), model)
    header = model.scorecard().criteria[2].zh  # 良好的市场声誉
    assert info.value.where == f"{header}, row 2"  # the only data row is sheet row 2


def test_only_one_row_with_wall_scores_names_header_and_row(model):
    # only 丙 (sheet row 4) has wall scores: the core sees a 1×4 block and names its column (share = 2nd)
    data = {k: list(v) for k, v in DATA.items()}
    for key in ("specified", "share", "contact", "personal"):
        data[key] = [None, None, 1]
    data["share"][2] = 3
    with pytest.raises(OutOfRangeError) as info:
        score_portfolio(make_table(model, "zh", data), model)
    assert info.value.where == "份额, row 4"


def test_a_totals_row_is_not_an_account(model):
    # A team's sheet often ends with 合计: it must not be ranked (it would hold half the value) nor scored.
    table = pd.DataFrame({"客户名称": ["甲", "乙", "丙", "合计"], "销售额": [100.0, 60.0, 40.0, 200.0]})
    got = score_portfolio(table, model, "zh")
    assert list(got.index) == ["甲", "乙", "丙"]
    # ABC by hand over 100, 60, 40 (total 200): above 甲 0 → A; above 乙 100/200 = 0.5 → A; above 丙 0.8 → B
    assert list(got["abc"]) == ["A类", "A类", "B类"]
    assert [s.row for s in got.attrs["skipped"]] == [5]  # header = row 1, 合计 is row 5


def test_errors_below_a_totals_row_name_the_users_row(model):
    table = pd.DataFrame({"客户名称": ["甲", "小计", "乙"], "销售额": [100.0, 100.0, "abc"]})
    with pytest.raises(KamError) as info:
        score_portfolio(table, model, "zh")
    assert info.value.where.endswith("row 4")  # 乙 is the user's row 4 (header, 甲, 小计, 乙)
