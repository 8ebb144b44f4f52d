"""The customer file's service sheet (服务记录 / Service log, docs/definitions.md §2.17): a hand-built file whose
every figure is worked out by hand below, read from the cache, from ``formulas`` and from LibreOffice."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from engines import FormulasBook, by_title, cached_values, close, libreoffice_recalc

from kam_xl.models import default_model
from kam_xl.samples import SAMPLE_AS_OF
from kam_xl.samples.customer_file import customer_file as sample_file
from kam_xl.workbooks import customer_file as cf
from kam_xl.workbooks.customer_file import places
from kam_xl.workbooks.customer_file.labels import LABELS, SHEETS

MODEL = default_model()
AS_OF = date(2024, 6, 30)
C = places.SERVICE_CELLS
EPOCH = date(1899, 12, 30)

# The log (type, received, first response, closed) — the same five records as tests/test_service.py, and a
# suggestion with no dates:
#   投诉 2024-03-01, 03-02, 03-11   response 1, closure 10
#   抱怨 2024-03-04, 03-04, 03-05   response 0, closure 1
#   投诉 2024-04-02, 04-05, —       response 3, open
#   表扬 2024-04-08, —,     04-08   no response, closure 0
#   危机 2024-05-06, 05-06, —       response 0, open
#   建议 —,          —,     —       open
_LOG = [
    ("complaint", date(2024, 3, 1), date(2024, 3, 2), date(2024, 3, 11)),
    ("grumble", date(2024, 3, 4), date(2024, 3, 4), date(2024, 3, 5)),
    ("complaint", date(2024, 4, 2), date(2024, 4, 5), None),
    ("praise", date(2024, 4, 8), None, date(2024, 4, 8)),
    ("crisis", date(2024, 5, 6), date(2024, 5, 6), None),
    ("suggestion", None, None, None),
]
# Orders as of 2024-06-30, windows of 3 months: latest (03-30, 06-30] = 03-31 100 + 06-30 200 = 300,
# before (12-30, 03-30] = 01-15 300 + 03-30 200 = 500; 2023-12-30 is in neither. Change 300/500 − 1 = −0.4
_ORDERS = [(date(2024, 1, 15), 300.0), (date(2024, 3, 30), 200.0), (date(2024, 3, 31), 100.0),
           (date(2024, 6, 30), 200.0), (date(2023, 12, 30), 999.0)]  # fmt: skip
# Visits: the quarter to 06-30 is (03-30, 06-30]: 04-15 and 06-01 → 2; 03-30 and 07-02 are outside
_VISITS = [date(2024, 3, 30), date(2024, 4, 15), date(2024, 6, 1), date(2024, 7, 2)]


def _file(tier: str = "B") -> cf.CustomerFile:
    return cf.CustomerFile(
        company=cf.Company(name="测试客户"),
        contacts=[cf.Contact(name="王五")],
        orders=[cf.Order(d, f"O{i}", "变频器", 1, a) for i, (d, a) in enumerate(_ORDERS)],
        product_lines=["变频器"],
        visits=[cf.Visit(d, "visit") for d in _VISITS],
        service=cf.ServiceFile(
            records=[cf.ServiceRecord(r, "王五", k, "事由", r, f, c, "李四") for k, r, f, c in _LOG],
            tier=tier,
            decision_maker_lost=True,
            lost=False,
            lost_reason="competitor",
            win_back="高层拜访，提供试用",
        ),
    )


def _serial(d: date) -> float:
    return float((d - EPOCH).days)


def _norm(v: object) -> object:
    if v is None:
        return ""
    if isinstance(v, datetime):
        v = v.date()
    if isinstance(v, date):
        return _serial(v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    return v


# by hand (see the comments above); the model's defaults: drop 0.3, overdue at 0.3, medium at 1, high at 2,
# visits per quarter A 12, B 6, C 3, D 1
EXPECTED_ZH: dict[str, object] = {
    # counts per type: 表扬 1, 建议 1, 抱怨 1, 投诉 2, 危机 1; all complaints 4
    "count_praise": 1.0, "count_suggestion": 1.0, "count_grumble": 1.0, "count_complaint": 2.0,
    "count_crisis": 1.0, "complaints": 4.0,
    # open: the suggestion, one 投诉, the 危机; open complaints 0 + 1 + 1 = 2
    "open_praise": 0.0, "open_suggestion": 1.0, "open_grumble": 0.0, "open_complaint": 1.0, "open_crisis": 1.0,
    "open_complaints": 2.0,
    # seed 002's contact classes on the default bands: praise 1 ≥ 1 有表扬, suggestions 1 ≥ 1 有建议,
    # complaints 4 ≥ 3 投诉多
    "class_praise": "有表扬", "class_suggestion": "有建议", "class_complaints": "投诉多",
    # mean days: 投诉 response (1 + 3) / 2 = 2, closure 10 (only the first closed); 抱怨 0 and 1; 危机 0 and
    # none closed; 表扬 no response, closure 0; 建议 no dates at all
    "response_complaint": 2.0, "closure_complaint": 10.0, "response_grumble": 0.0, "closure_grumble": 1.0,
    "response_crisis": 0.0, "closure_crisis": "", "response_praise": "", "closure_praise": 0.0,
    "response_suggestion": "", "closure_suggestion": "",
    # churn: orders 300 against 500 → −0.4 ≤ −0.3 → 1; no invoices: no overdue ratio → 0; 2 open
    # complaints ≥ 1 → 1; decision maker lost → 1; 3 signals ≥ 2 → 高
    "orders_recent": 300.0, "orders_before": 500.0, "orders_change": -0.4, "signal_orders": 1.0,
    "signal_overdue": 0.0, "open_complaints_ref": 2.0, "signal_complaints": 1.0,
    "decision_maker_lost": "是", "signal_decision_maker": 1.0, "risk_count": 3.0, "risk_level": "高",
    # cadence: 重点客户 (B) is due 6 a quarter, 2 were made → behind
    "tier": "重点客户", "visits_due": 6.0, "visits_done": 2.0, "visits_behind": 1.0,
    # the lost account's inputs as the sheet shows them
    "lost": "否", "lost_reason": "竞争对手", "win_back": "高层拜访，提供试用",
}  # fmt: skip
# the log's own columns, rows 1 and 3: status, response days, closure days
LOG_ROWS = {1: ("已关闭", 1.0, 10.0), 3: ("未关闭", 3.0, "")}


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("service")
    books = {lang: cf.build(_file(), model=MODEL, lang=lang, as_of=AS_OF) for lang in ("zh", "en")}
    paths = {lang: b.save(out / f"service_{lang}.xlsx") for lang, b in books.items()}
    lo = libreoffice_recalc(list(paths.values()), out / "lo")
    return {
        lang: (
            books[lang],
            cached_values(paths[lang]),
            by_title(FormulasBook(paths[lang]).values(), books[lang].wb.sheetnames),
            cached_values(lo[paths[lang]]),
        )
        for lang in paths
    }


def test_every_figure_by_hand_in_every_engine(engines) -> None:
    _, cached, computed, lo = engines["zh"]
    sheet = SHEETS["service"][0]
    for key, want in EXPECTED_ZH.items():
        for name, got in (("cache", cached), ("formulas", computed), ("libreoffice", lo)):
            value = _norm(got.get((sheet, C[key]), ""))
            assert close(value, want, rel=1e-9), (name, key, C[key], value, want)
    first = places.SERVICE_HEADER + 1
    cols = places.SERVICE_COLUMNS
    for i, want_row in LOG_ROWS.items():
        r = first + i - 1
        refs = [f"{cols[k]}{r}" for k in ("status", "response_days", "closure_days")]
        for got in (cached, computed, lo):
            assert tuple(_norm(got.get((sheet, ref), "")) for ref in refs) == want_row


def test_every_formula_of_the_sheet_agrees_with_its_cache(engines) -> None:
    for lang, (book, cached, computed, lo) in engines.items():
        sheet = SHEETS["service"][0 if lang == "zh" else 1]
        ws = next(s for s in book.sheets if s.title == sheet)
        bad = []
        for ref, _, value in ws.formulas():
            want = "" if isinstance(value, float) and value != value else _norm(value)
            got = (_norm(cached.get((sheet, ref))), computed.get((sheet, ref)), _norm(lo.get((sheet, ref))))
            if not all(close(want, g) for g in got):
                bad.append((ref, want, got))
        assert not bad, (lang, bad[:10])


def test_english_labels_and_values(engines) -> None:
    _, cached, _, _ = engines["en"]
    sheet = SHEETS["service"][1]
    assert cached[(sheet, "A4")] == "Praise" and cached[(sheet, "A8")] == "Crisis"
    assert cached[(sheet, C["tier"])] == "Key" and cached[(sheet, C["risk_level"])] == "High"
    assert cached[(sheet, C["class_complaints"])] == "Many complaints" and cached[(sheet, "F3")] == "Class"
    assert cached[(sheet, C["decision_maker_lost"])] == "Yes" and cached[(sheet, C["lost_reason"])] == "Competitor"
    assert cached[(sheet, f"{places.SERVICE_COLUMNS['status']}{places.SERVICE_HEADER + 3}")] == "Open"


def test_the_sheets_it_reads_have_the_columns_it_names(engines) -> None:
    # the churn panel sums the orders' dates and amounts, the cadence counts the process log's dates: their
    # headers (row 3) are where places says
    _, cached, _, _ = engines["zh"]
    head = places.LISTS_FIRST - 1
    date_label, amount_label = LABELS["date"], LABELS["amount"]
    assert cached[(SHEETS["orders"][0], f"{places.ORDERS_DATE}{head}")] == date_label[0]
    assert cached[(SHEETS["orders"][0], f"{places.ORDERS_AMOUNT}{head}")] == amount_label[0]
    assert cached[(SHEETS["process"][0], f"{places.VISITS_DATE}{head}")] == date_label[0]
    assert _norm(cached[(SHEETS["process"][0], f"{places.VISITS_DATE}{places.LISTS_FIRST}")]) == _serial(_VISITS[0])


def test_blank_template_has_the_log_and_no_values(tmp_path: Path) -> None:
    path = cf.write(tmp_path / "blank.xlsx", model=MODEL)
    got = cached_values(path)
    sheet = SHEETS["service"][0]
    assert got[(sheet, f"A{places.SERVICE_HEADER}")] == LABELS["date"][0]
    assert got[(sheet, C["count_praise"])] == 0.0 and got[(sheet, C["orders_recent"])] == ""
    assert got[(sheet, C["risk_level"])] == "低"  # no signal raised on an empty file
    last = places.SERVICE_HEADER + cf.data.CAPACITY["service"]
    assert (sheet, f"{places.SERVICE_COLUMNS['closure_days']}{last}") in got


def test_demo_file_has_records_within_its_ledger_period() -> None:
    data = sample_file("东方机械制造股份有限公司", 0, model=MODEL, as_of=SAMPLE_AS_OF)
    records = data.service.records
    assert records and data.service.tier
    names = {c.name for c in data.contacts}
    for r in records:
        assert r.received and r.date and r.date <= r.received <= SAMPLE_AS_OF
        assert r.contact in names
        assert r.closed is None or r.received <= r.closed <= SAMPLE_AS_OF
        assert r.first_response is None or r.received <= r.first_response
