"""The development record's sales funnel (大客户销售漏斗, seed 001): a hand-worked record, its 漏斗 sheet's cached
values checked against numbers worked out by hand, and the same numbers from the formulas recomputed by
``formulas``; the stage dates and reason category as inputs (read, validated, refused when unknown); the
sample's stage dates never backwards and never past the as-of date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from engines import FormulasBook, by_title, cached_values
from openpyxl import load_workbook

from kam_xl.core import funnel
from kam_xl.errors import InputError
from kam_xl.models import default_model
from kam_xl.samples import SAMPLE_AS_OF
from kam_xl.samples.accounts import sample_portfolio
from kam_xl.samples.development import attempts
from kam_xl.samples.funnel import key_account_attempts, staged
from kam_xl.workbooks import development as dev
from kam_xl.workbooks.development_funnel import FUNNEL_ROW, LOSS_ROW, STAGE_DATES
from kam_xl.workbooks.lint import lint_workbook

MODEL = default_model()
COL = {c.key: chr(ord("A") + i) for i, c in enumerate(dev.columns())}
D = date

# Five attempts, one at each funnel stage (stage dates: first contact, possible, regular, key, closed):
RECORDS = [
    # 确定对象, open → 潜在客户; its key-account date before its first contact: flagged (and counted nowhere,
    # having no regular-account date and no closing date)
    dev.Attempt(account="甲", stage="target", outcome="open", expected_value=10_000, first_contact=D(2026, 1, 1),
                key_on=D(2025, 12, 1)),
    # 需求明确, open → 可能客户: 10 days as a potential account
    dev.Attempt(account="乙", stage="需求明确", outcome="进行中", expected_value=20_000, first_contact=D(2026, 1, 1),
                possible_on=D(2026, 1, 11)),
    # 价值评估, lost → 普通客户: 20 days potential, 10 possible (2-21 → 3-03 in 2026's 28-day February); 价格
    dev.Attempt(account="丙", stage="Value assessed", outcome="lost", expected_value=30_000, first_contact=D(2026, 2, 1),
                possible_on=D(2026, 2, 21), regular_on=D(2026, 3, 3), closed_on=D(2026, 3, 20), loss_category="price"),
    # 促成成交, won → 已成交客户: 30, 10, 30 (2-10 → 3-12), 30 (3-12 → 4-11) days
    dev.Attempt(account="丁", stage="closing", outcome="won", expected_value=40_000, first_contact=D(2026, 1, 1),
                possible_on=D(2026, 1, 31), regular_on=D(2026, 2, 10), key_on=D(2026, 3, 12),
                closed_on=D(2026, 4, 11)),
    # 关系建立, dropped → 重点客户: 5, 10, 10 days; its 30 days in 重点 not counted (not won); 预算取消
    dev.Attempt(account="戊", stage="relationship", outcome="放弃", expected_value=50_000, first_contact=D(2026, 3, 1),
                possible_on=D(2026, 3, 6), regular_on=D(2026, 3, 16), key_on=D(2026, 3, 26),
                closed_on=D(2026, 4, 25), loss_category="预算取消"),
]  # fmt: skip

# By hand, rows 潜在 … 已成交:
AT = [1.0, 1.0, 1.0, 1.0, 1.0]
VALUE_AT = [10_000.0, 20_000.0, 30_000.0, 50_000.0, 40_000.0]  # 戊 (dropped at 重点) 50,000; 丁 (won) 40,000
REACHED = [5.0, 4.0, 3.0, 2.0, 1.0]
VALUE_REACHED = [150_000.0, 140_000.0, 120_000.0, 90_000.0, 40_000.0]
CONVERSION = [None, 4 / 5, 3 / 4, 2 / 3, 1 / 2]
OPEN = [1.0, 1.0, 0.0, 0.0]  # 甲 and 乙 are open
OPEN_VALUE = [10_000.0, 20_000.0, 0.0, 0.0]
DAYS = [(10 + 20 + 30 + 5) / 4, (10 + 10 + 10) / 3, (30 + 10) / 2, 30.0]  # 16.25, 10, 20, 30 (won only)


def _funnel_cells(values: dict, lang: str = "zh") -> dict[str, object]:
    title = dev.SHEETS["funnel"][0 if lang == "zh" else 1]
    return {ref: v for (sheet, ref), v in values.items() if sheet == title}


def _check(f: dict[str, object]) -> None:
    rows = range(FUNNEL_ROW, FUNNEL_ROW + 5)
    assert [f[f"A{r}"] for r in rows] == [
        "潜在客户",
        "可能客户",
        "普通客户",
        "重点客户",
        "已成交客户",
    ]  # the seed's order
    for col, want in (("B", AT), ("C", VALUE_AT), ("D", VALUE_REACHED), ("E", REACHED)):
        assert [f[f"{col}{r}"] for r in rows] == pytest.approx(want), col
    assert f.get(f"F{FUNNEL_ROW}", "") == ""  # no stage above the first
    assert [f[f"F{r}"] for r in rows[1:]] == pytest.approx(CONVERSION[1:])
    assert [f[f"G{r}"] for r in rows[:4]] == pytest.approx(OPEN)
    assert [f[f"H{r}"] for r in rows[:4]] == pytest.approx(OPEN_VALUE)
    assert [f[f"I{r}"] for r in rows[:4]] == pytest.approx(DAYS)
    # the open pipeline apart from won, lost and dropped (the summary's outcome table): 1 won, 1 lost, 2 open, 1 dropped
    outcome = {f[f"A{r}"]: (f[f"B{r}"], f[f"C{r}"]) for r in range(FUNNEL_ROW + 9, FUNNEL_ROW + 13)}
    assert outcome == {"赢单": (1, 40_000), "丢单": (1, 30_000), "进行中": (2, 30_000), "放弃": (1, 50_000)}
    # loss reasons by category: 价格 1 (30,000), 预算取消 1 (50,000), the others 0; total 2 (80,000)
    losses = {f[f"A{r}"]: (f[f"B{r}"], f[f"C{r}"]) for r in range(LOSS_ROW, LOSS_ROW + len(funnel.LOSS_REASONS))}
    assert losses["价格"] == (1, 30_000) and losses["预算取消"] == (1, 50_000)
    assert sum(n for n, _ in losses.values()) == 2
    total = LOSS_ROW + len(funnel.LOSS_REASONS)
    assert (f[f"A{total}"], f[f"B{total}"], f[f"C{total}"]) == ("合计", 2, 80_000)


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dev.write(tmp_path_factory.mktemp("funnel") / "hand.xlsx", RECORDS, model=MODEL, spare_rows=3)


def test_the_funnel_sheet_caches_the_hand_worked_numbers(hand: Path) -> None:
    v = cached_values(hand)
    _check(_funnel_cells(v))
    rec = {ref: x for (sheet, ref), x in v.items() if sheet == "开发记录"}
    stages = [rec[f"{COL['funnel_stage']}{r}"] for r in range(dev.FIRST_ROW, dev.FIRST_ROW + 5)]
    assert stages == ["潜在客户", "可能客户", "普通客户", "已成交客户", "重点客户"]
    checks = [rec[f"{COL['dates_check']}{r}"] for r in range(dev.FIRST_ROW, dev.FIRST_ROW + 5)]
    assert checks == ["阶段日期倒序", "", "", "", ""]  # 甲: key account on 2025-12-01, before its first contact
    assert rec[f"{COL['loss_category']}7"] == "价格"  # the code "price" written as the dropdown shows it
    assert lint_workbook(hand) == []


def test_the_funnel_s_formulas_recomputed_give_the_same_numbers(hand: Path) -> None:
    values = by_title(FormulasBook(hand).values(), load_workbook(hand, read_only=True).sheetnames)
    f = {ref: (int(x) if isinstance(x, float) and x.is_integer() else x) for ref, x in _funnel_cells(values).items()}
    f = {k: x for k, x in f.items() if not (isinstance(x, str) and x == "")}
    _check(f)


def test_the_funnel_sheet_has_a_chart_over_the_reached_column(hand: Path) -> None:
    ws = load_workbook(hand)["漏斗"]
    assert len(ws._charts) == 1
    refs = [s.val.numRef.f for s in ws._charts[0].series]
    assert refs == [f"'漏斗'!$E${FUNNEL_ROW}:$E${FUNNEL_ROW + 4}"]


def test_an_unknown_reason_category_is_refused_naming_the_choices() -> None:
    with pytest.raises(InputError) as info:
        dev.build([dev.Attempt(account="甲", outcome="lost", loss_category="运气")], model=MODEL)
    assert info.value.field == "loss_category" and "价格" in info.value.zh and "Price" in info.value.en


def test_the_english_record_names_the_stages_and_categories_in_english(tmp_path: Path) -> None:
    path = dev.write(tmp_path / "en.xlsx", RECORDS, model=MODEL, lang="en", spare_rows=1)
    f = _funnel_cells(cached_values(path), "en")
    assert [f[f"A{r}"] for r in range(FUNNEL_ROW, FUNNEL_ROW + 5)] == ["Potential", "Possible", "Regular", "Key", "Won"]
    assert f[f"E{FUNNEL_ROW}"] == 5 and f[f"I{FUNNEL_ROW + 3}"] == 30  # the same figures
    assert f[f"A{LOSS_ROW}"] == "Price" and f[f"B{LOSS_ROW}"] == 1


def test_the_sample_s_stage_dates_run_forwards_up_to_the_as_of_date() -> None:
    table = sample_portfolio(model=MODEL, as_of=SAMPLE_AS_OF).head(6).to_dict("records")
    records = staged(attempts(model=MODEL), model=MODEL) + key_account_attempts(table, model=MODEL)
    assert records == staged(attempts(model=MODEL), model=MODEL) + key_account_attempts(table, model=MODEL)
    rows = [[getattr(a, k) for k in STAGE_DATES] for a in records]
    assert not funnel.dates_out_of_order(rows).any()
    assert all(d <= SAMPLE_AS_OF for row in rows for d in row if d is not None)
    levels = funnel.funnel_level([a.stage for a in records], [a.outcome for a in records], MODEL)
    for a, level in zip(records, levels.tolist(), strict=True):
        # a date for every stage the attempt reached below the first, none beyond; closed when decided
        reached = [a.possible_on, a.regular_on, a.key_on][: min(level, 4) - 1]
        assert all(d is not None for d in reached), a
        assert (a.closed_on is not None) == (a.outcome != "open"), a
        assert (a.loss_category is not None) == (a.outcome in ("lost", "dropped")), a
    assert {a.account for a in records} >= {str(r["account"]) for r in table}  # the key accounts' projects
    book = dev.build(records, model=MODEL)
    assert book is not None


def test_the_demo_s_funnel_covers_the_platinum_and_gold_accounts(tmp_path: Path) -> None:
    """The demo's development record holds two projects at each platinum and gold account (the accounts that
    get a plan and a file) beside the prospects, every attempt on the funnel, won ones at 已成交客户."""
    from kam_xl.demo import run_demo

    result = run_demo(tmp_path, lang="zh", model=MODEL)
    top = {layer.zh for layer in MODEL.pyramid.layers[:2]}
    key = {str(a) for a in result.scores.index[result.scores["pyramid"].isin(top)]}
    path = next(p for p in result.files if p.name == "大客户开发记录表.xlsx")
    v = cached_values(path)
    accounts = [v.get(("开发记录", f"A{r}")) for r in range(dev.FIRST_ROW, dev.FIRST_ROW + 100)]
    assert key and all(accounts.count(a) == 2 for a in key)
    f = _funnel_cells(v)
    reached = [f[f"E{r}"] for r in range(FUNNEL_ROW, FUNNEL_ROW + 5)]
    assert reached[0] == sum(1 for a in accounts if a not in (None, ""))  # every attempt entered the funnel
    assert reached == sorted(reached, reverse=True) and reached[-1] > 0
