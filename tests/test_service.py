"""Service and churn (docs/definitions.md §2.17): every expected number worked out by hand in a comment."""

from __future__ import annotations

import math
from datetime import date

import pytest

from kam_xl.core import service
from kam_xl.errors import KamError

# A log of five records (type, received, first response, closed):
#   投诉 2024-03-01, 03-02, 03-11   response 1, closure 10
#   抱怨 2024-03-04, 03-04, 03-05   response 0, closure 1
#   投诉 2024-04-02, 04-05, —       response 3, open
#   表扬 2024-04-08, —,     04-08   no response, closure 0
#   危机 2024-05-06, 05-06, —       response 0, open
KINDS = ["投诉", "抱怨", "投诉", "表扬", "危机"]
RECEIVED = [date(2024, 3, 1), date(2024, 3, 4), date(2024, 4, 2), date(2024, 4, 8), date(2024, 5, 6)]
FIRST = [date(2024, 3, 2), date(2024, 3, 4), date(2024, 4, 5), None, date(2024, 5, 6)]
CLOSED = [date(2024, 3, 11), date(2024, 3, 5), None, date(2024, 4, 8), None]


def test_days_between_row_by_row() -> None:
    got = service.days_between(RECEIVED, CLOSED)
    assert got[0] == 10 and got[1] == 1 and math.isnan(got[2]) and got[3] == 0 and math.isnan(got[4])
    # a closure typed two days before the received date shows −2, not hidden
    assert service.days_between(date(2024, 3, 10), date(2024, 3, 8)).item() == -2


def test_status_follows_the_closed_date() -> None:
    assert service.service_status("投诉", None) == "未关闭"
    assert service.service_status("投诉", date(2024, 3, 11), "en") == "Closed"
    assert service.service_status(None, date(2024, 3, 11)) == ""


def test_open_complaints_by_stage() -> None:
    # 投诉: row 3 open → 1; 危机: row 5 open → 1; 抱怨 closed → 0; open complaints 抱怨+投诉+危机 = 2
    assert service.open_count(KINDS, "投诉", CLOSED) == 1
    assert service.open_count(KINDS, "危机", CLOSED) == 1
    assert service.open_count(KINDS, "抱怨", CLOSED) == 0
    assert sum(service.open_count(KINDS, k, CLOSED) for k in ("抱怨", "投诉", "危机")) == 2
    assert math.isnan(service.open_count(KINDS, None, CLOSED))


def test_average_days_per_type() -> None:
    # 投诉 response: (1 + 3) / 2 = 2; closure: only row 1 has both → 10; 表扬 response: none → blank
    assert service.avg_days(KINDS, "投诉", RECEIVED, FIRST) == 2
    assert service.avg_days(KINDS, "投诉", RECEIVED, CLOSED) == 10
    assert math.isnan(service.avg_days(KINDS, "表扬", RECEIVED, FIRST))


def test_falling_orders_over_two_quarters() -> None:
    # as of 2024-06-30: latest (03-30, 06-30] and before (12-30, 03-30]; EDATE keeps the 30th
    dates = [date(2024, 1, 15), date(2024, 3, 30), date(2024, 3, 31), date(2024, 6, 30), date(2023, 12, 30)]
    amounts = [300.0, 200.0, 100.0, 200.0, 999.0]
    recent = service.orders_in_window(dates, amounts, date(2024, 6, 30), 0, 3)  # 03-31 100 + 06-30 200 = 300
    before = service.orders_in_window(dates, amounts, date(2024, 6, 30), 3, 3)  # 01-15 300 + 03-30 200 = 500
    assert (recent, before) == (300.0, 500.0)
    change = service.orders_change(recent, before)  # 300 / 500 − 1 = −0.4
    assert change == pytest.approx(-0.4)
    assert service.churn_signal(change, 0.3, below=True) == 1  # −0.4 ≤ −0.3
    assert service.churn_signal(change, 0.5, below=True) == 0  # −0.4 > −0.5
    assert math.isnan(service.orders_change(300.0, 0.0))  # nothing before: nothing fell


def test_a_lost_decision_maker_is_a_yes() -> None:
    # 是 / Yes (any case) raises the signal; 否, No and a blank do not; a Chinese 是 in an English book is no Yes
    assert [service.yes_flag(x) for x in ("是", "否", None, "")] == [1, 0, 0, 0]
    assert [service.yes_flag(x, "en") for x in ("Yes", "yes", "No", "是")] == [1, 1, 0, 0]


def test_risk_level_by_signals() -> None:
    # medium at 1, high at 2 (the model's defaults)
    assert [service.risk_level(n, 1, 2) for n in (0, 1, 2, 4)] == ["低", "中", "高", "高"]
    with pytest.raises(KamError):
        service.risk_level(None, 1, 2)


def test_visit_cadence() -> None:
    # the quarter to 2024-06-30 is (03-30, 06-30]: 04-15 and 06-01 → 2; a strategic account due 6 is behind
    visits = [date(2024, 3, 30), date(2024, 4, 15), date(2024, 6, 1), date(2024, 7, 2)]
    assert service.visits_in_window(visits, date(2024, 6, 30), 3) == 2
    assert service.visits_behind(2, 6) == 1
    assert service.visits_behind(6, 6) == 0
    assert service.visits_behind(2, None) == 0


def test_visits_due_by_tier_from_the_model() -> None:
    # default model [service].visits: A 12, B 6, C 3, D 1 (tiers 战略客户, 重点客户, 成长客户, 一般客户)
    assert service.visits_required("战略客户") == 12
    assert service.visits_required("Key") == 6 and service.visits_required("growth") == 3
    assert math.isnan(service.visits_required(None)) and math.isnan(service.visits_required("VIP"))


def test_a_model_without_a_service_table_takes_the_defaults() -> None:
    from kam_xl.models import default_model
    from kam_xl.models.validate import model_from_dict
    from kam_xl.workbooks.model_sheet import model_dict

    data = model_dict(default_model())
    data.pop("service")
    old = model_from_dict(data)
    assert old.service == default_model().service
    assert old.content_hash == default_model().content_hash  # an older Model sheet is not "edited"
    data["service"] = {"visits": [{"tier": "A", "per_quarter": 2}]}
    with pytest.raises(KamError):
        model_from_dict(data)  # one item per tier, in order
