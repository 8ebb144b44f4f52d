"""Profitability and return (seed 001: 高/中/低/无获利, 评估投资回报, 优惠政策) and single-indicator
classification (seed 002: 单一指标分类法) — expected values worked out by hand."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from conftest import default_dict

from kam_xl.core import classification as C
from kam_xl.core import profitability as P
from kam_xl.errors import InputError, KamError, ModelError
from kam_xl.models import model_from_dict
from kam_xl.workbooks.model_sheet import model_dict


def test_gross_margin_by_hand():
    # (1,200,000 − 840,000) / 1,200,000 = 0.30; (500 − 500) / 500 = 0; (100 − 130) / 100 = −0.30
    got = P.gross_margin([1_200_000.0, 500.0, 100.0], [840_000.0, 500.0, 130.0])
    assert np.allclose(got, [0.30, 0.0, -0.30])
    assert float(P.gross_profit(1_200_000.0, 840_000.0)) == 360_000.0


def test_gross_margin_is_blank_without_sales_and_refuses_a_negative_cost():
    assert np.isnan(P.gross_margin(0.0, 10.0)) and np.isnan(P.gross_margin(np.nan, 10.0))
    assert np.isnan(P.gross_margin(100.0, np.nan))
    with pytest.raises(KamError) as err:
        P.gross_margin(100.0, -5.0)
    assert err.value.field == "cost" and "-5" in str(err.value)


def test_profitability_classes_follow_the_seed_bands(model):
    # default bands: ≥ 0.30 高获利, ≥ 0.15 中获利, ≥ 0.01 低获利, else 无获利 (seed 001's four classes)
    got = P.profitability([0.45, 0.30, 0.2999, 0.15, 0.05, 0.01, 0.0, -0.1, np.nan], model, "zh")
    assert list(got) == ["高获利", "高获利", "中获利", "中获利", "低获利", "低获利", "无获利", "无获利", ""]
    assert P.profitability([0.2], model, "en")[0] == "Medium profit"


def test_cost_to_serve_and_return_on_resources_by_hand():
    # actions 30,000 + 20,000 + 15,000 and a resource 35,000: 100,000; ROI (360,000 − 100,000) / 100,000 = 2.6
    cost = P.cost_to_serve([30_000.0, np.nan, 20_000.0, 15_000.0], [35_000.0])
    assert cost == 100_000.0
    assert float(P.resource_roi(360_000.0, cost)) == pytest.approx(2.6)
    # a loss-making account: (40,000 − 100,000) / 100,000 = −0.6; nothing spent: blank
    assert float(P.resource_roi(40_000.0, 100_000.0)) == pytest.approx(-0.6)
    assert np.isnan(P.resource_roi(40_000.0, 0.0))
    with pytest.raises(KamError):
        P.cost_to_serve([10.0, -1.0])


def test_discount_by_tier(model):
    # default.toml: A 8 %, B 5 %, C 2 %, D 0; 1,200,000 of a Key (B) account's sales × 0.05 = 60,000
    assert list(P.discount_rate(["A", "重点客户", "Growth", "一般客户"], model)) == [0.08, 0.05, 0.02, 0.0]
    assert np.isnan(P.discount_rate(None, model))
    assert float(P.discount_cost(1_200_000.0, P.discount_rate("B", model))) == pytest.approx(60_000.0)
    with pytest.raises(InputError):
        P.discount_rate("VIP", model)
    with pytest.raises(KamError):
        P.discount_cost(100.0, 1.0)


def test_transaction_indicators_by_hand():
    dates = [date(2024, 1, 10), date(2024, 3, 20), None, date(2024, 2, 9), date(2024, 4, 9)]
    amounts = [120_000.0, 250_000.0, None, 80_000.0, 50_000.0]
    returned = [None, 10_000.0, None, 5_000.0, None]
    # 500,000 / 4 = 125,000; the largest 250,000; 15,000 / 500,000 = 3 %
    assert C.average_order(amounts) == 125_000.0 and C.largest_order(amounts) == 250_000.0
    assert C.returns_rate(returned, amounts) == pytest.approx(0.03)
    # gaps in date order: Jan 10 → Feb 9 30 days, → Mar 20 40, → Apr 9 20: (30 + 40 + 20) / 3 = 30
    assert C.order_cycle_days(dates) == pytest.approx(30.0)
    assert np.isnan(C.order_cycle_days(dates[:1])) and np.isnan(C.average_order([None]))
    with pytest.raises(InputError):
        C.average_order([10.0, -1.0])


def test_classification_on_one_indicator(model):
    # the seed's groups: 交易类 (transaction), 联络类 (contact), 特征类 (characteristic)
    groups = {m.group for m in model.classification.measures.values()}
    assert groups == {"transaction", "contact", "characteristic"}
    assert model.classification.on == "gross_margin"
    assert C.classify(0.31, model=model, lang="zh") == "高毛利"  # the model's indicator: gross margin
    assert C.classify(125_000.0, "average_order", model, "zh") == "中额订单客户"  # ≥ 100,000, < 500,000
    assert C.classify(0, "complaint_count", model, "en") == "No complaints"
    assert C.classify(3, "complaint_count", model, "en") == "Many complaints"  # at the minimum
    assert C.classify(50_000_000.0, "registered_capital", model, "zh") == "中型企业"
    assert C.classify("华东", "region", model) == "华东" and C.classify(None, "ownership", model) == ""
    with pytest.raises(ModelError):
        C.classify(1.0, "no_such_indicator", model)


# ---------------------------------------------------------------- the model's new sections


def _edited(edit) -> object:
    d = default_dict()
    edit(d)
    return model_from_dict(d, "test")


@pytest.mark.parametrize(
    ("edit", "path", "said"),
    [
        (lambda d: d["discount"]["levels"][1].update(rate=1), "discount.levels[1].rate", "0 <= rate < 1"),
        (lambda d: d["discount"]["levels"][0].update(rate=-0.1), "discount.levels[0].rate", "-0.1"),
        (lambda d: d["discount"]["levels"].pop(), "discount.levels", "one discount rate per tier"),
        (lambda d: d["discount"]["levels"][2].update(code="X"), "discount.levels[2].code", "'C'"),
        (lambda d: d["classification"].update(on="margin"), "classification.on", "names no indicator"),
        (lambda d: d["classification"]["indicators"]["region"].update(group="money"),
         "classification.indicators.region.group", "transaction"),
        (lambda d: d["profitability"]["levels"][1].update(min=0.5), "profitability.levels[1].min", "below"),
    ],
)  # fmt: skip
def test_bad_sections_name_the_field_the_rule_and_the_value(edit, path, said):
    with pytest.raises(ModelError) as err:
        _edited(edit)
    assert err.value.field == path
    assert said in err.value.en and err.value.zh


def test_the_sections_round_trip_through_the_model_sheet(model):
    again = model_from_dict(model_dict(model))
    assert again.discount == model.discount and again.classification == model.classification
    assert again.profitability == model.profitability and again.content_hash == model.content_hash
