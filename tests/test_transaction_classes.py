"""The customer file's transaction indicators and their classes (订单结构 / Order structure; docs/definitions.md
§2.14 and §2.15, seed 002's 交易类指标 and 单一指标分类): the worked example of §2.15 with costs, written and read
back from the cache, from ``formulas`` and from LibreOffice, every figure and class worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from engines import FormulasBook, by_title, cached_values, close, libreoffice_recalc

from kam_xl.indicators import REGISTRY
from kam_xl.models import default_model
from kam_xl.workbooks import customer_file as cf
from kam_xl.workbooks.customer_file.labels import SHEETS

MODEL = default_model()

# §2.15's orders: 120,000, 80,000, 250,000 and 50,000 on 10 Jan, 9 Feb, 20 Mar and 9 Apr 2024, 15,000 of the
# third returned; each at a cost of 70 % of its amount
_ORDERS = [(date(2024, 1, 10), 120_000.0, None), (date(2024, 2, 9), 80_000.0, None),
           (date(2024, 3, 20), 250_000.0, 15_000.0), (date(2024, 4, 9), 50_000.0, None)]  # fmt: skip

# By hand, against the default model's bands:
# sales 500,000, cost 350,000 → margin 150,000 / 500,000 = 30 %: 高毛利 (≥ 30 %), 高获利 (≥ 30 %)
# average 500,000 / 4 = 125,000: 中额订单客户 (≥ 100,000, < 500,000)
# largest 250,000: 最大单笔中 (≥ 200,000, < 1,000,000)
# returns 15,000 / 500,000 = 3 %: 中退货 (≥ 2 %, < 5 %)
# cycle 10 Jan → 9 Apr 2024 = 21 + 29 + 31 + 9 = 90 days over 3 gaps = 30: 中周期 (≥ 30, < 60)
EXPECTED = {
    "gross_margin": (0.30, "高毛利"),
    "profitability": ("高获利", None),
    "average_order": (125_000.0, "中额订单客户"),
    "largest_order": (250_000.0, "最大单笔中"),
    "returns_rate": (0.03, "中退货"),
    "order_cycle_days": (30.0, "中周期"),
}


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("transactions")
    data = cf.CustomerFile(
        company=cf.Company(name="测试客户"),
        orders=[
            cf.Order(d, f"O{i}", "变频器", 1, a, None, round(a * 0.7, 2), r) for i, (d, a, r) in enumerate(_ORDERS)
        ],
        product_lines=["变频器"],
    )
    book = cf.build(data, model=MODEL, lang="zh", as_of=date(2024, 6, 30))
    path = book.save(out / "transactions.xlsx")
    lo = libreoffice_recalc([path], out / "lo")
    return (
        book,
        cached_values(path),
        by_title(FormulasBook(path).values(), book.wb.sheetnames),
        cached_values(lo[path]),
    )


def _row_of(cached: dict, sheet: str, caption: str) -> int:
    rows = [r for (s, ref), v in cached.items() if s == sheet and ref[0] == "A" and v == caption
            for r in (int(ref[1:]),)]  # fmt: skip
    assert len(rows) == 1, (caption, rows)
    return rows[0]


def test_each_transaction_indicator_and_its_class_by_hand_in_every_engine(engines) -> None:
    _, cached, computed, lo = engines
    sheet = SHEETS["structure"][0]
    for key, (value, klass) in EXPECTED.items():
        r = _row_of(cached, sheet, REGISTRY[key].zh)
        for name, got in (("cache", cached), ("formulas", computed), ("libreoffice", lo)):
            assert close(got.get((sheet, f"C{r}")), value, rel=1e-9), (name, key, got.get((sheet, f"C{r}")))
            shown = got.get((sheet, f"D{r}"))
            assert (shown or None) == klass, (name, key, shown)  # the profitability row has no second class


def test_the_profitability_row_has_no_second_class_and_column_d_is_headed(engines) -> None:
    # the class is written only for an indicator the model classes on: the profitability row (its own bands,
    # §2.14) has none beside it, and the heading says what column D holds
    _, cached, _, _ = engines
    sheet = SHEETS["structure"][0]
    r = _row_of(cached, sheet, REGISTRY["profitability"].zh)
    assert (sheet, f"D{r}") not in cached or cached[(sheet, f"D{r}")] in (None, "")
    top = _row_of(cached, sheet, "交易类指标（按订单表）")
    assert cached[(sheet, f"D{top}")] == "分类"


def test_the_blank_template_shows_no_class(tmp_path: Path) -> None:
    book = cf.build(None, model=MODEL, lang="en")
    path = book.save(tmp_path / "blank.xlsx")
    cached = cached_values(path)
    sheet = SHEETS["structure"][1]
    r = _row_of(cached, sheet, REGISTRY["average_order"].en)
    assert cached.get((sheet, f"D{r}")) in (None, "")
