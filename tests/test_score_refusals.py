"""`score` on a table typed on the old 0–10 scale: a 0 in most rows is refused cell by cell, all at once.

The selection scorecard is scored 1–10 (seed 002's SKF scale); a team whose table still holds 0s has a
refused cell in most rows. Each refusal used to cost one re-scoring of the whole table (a 50,000-row table
with 40,000 zeros never finished); now the first 0 of a column tells the rule, and every other cell of that
column the same rule refuses is blanked and recorded with it.
"""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from kam_xl.jobs.score_table import score_table
from kam_xl.models import default_model
from kam_xl.workbooks import portfolio

MODEL = default_model()
CRITERIA = [c.zh for c in MODEL.scorecard().criteria]
N = 240  # accounts; data from row 2 (header in row 1)


def _score(k: int, j: int) -> int:
    """Account k's score on criterion j: 0 on criterion k mod 18 for every third account, else 6."""
    return 0 if k % 3 == 0 and j == k % len(CRITERIA) else 6


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("refusals")
    src = tmp / "old_scale.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["客户名称", *CRITERIA, "销售额（元）"])
    for k in range(N):
        ws.append([f"客户{k:03d}", *(_score(k, j) for j in range(len(CRITERIA))), 1000.0 * (k + 1)])
    wb.save(src)
    calls = {"n": 0}
    real = portfolio.indicators

    def counted(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    mp = pytest.MonkeyPatch()
    mp.setattr(portfolio, "indicators", counted)
    try:
        got = score_table(src, tmp / "out.xlsx")
    finally:
        mp.undo()
    return {"got": got, "calls": calls["n"]}


def test_every_zero_is_reported_at_its_cell(result: dict[str, object]) -> None:
    got = result["got"]
    cells = {(p.cell, p.value) for p in got.problems if p.kind == "cell"}  # type: ignore[attr-defined]
    # account k sits on row k + 2; criterion j in column j + 2 (B = the first criterion)
    letters = [chr(ord("B") + j) if j < 25 else None for j in range(len(CRITERIA))]
    expected = {(f"{letters[k % len(CRITERIA)]}{k + 2}", 0) for k in range(0, N, 3)}
    assert len(expected) == N // 3 == 80
    assert cells == expected
    assert all("[1, 10]" in p.en and "超出范围" in p.zh for p in got.problems if p.kind == "cell")  # type: ignore[attr-defined]


def test_one_rescoring_per_column_not_per_cell(result: dict[str, object]) -> None:
    # 80 refused cells in 18 columns: the first pass, then at most one more per column holding a 0
    assert result["calls"] <= 1 + len(CRITERIA)


def test_rows_without_a_zero_are_scored_by_hand(result: dict[str, object]) -> None:
    accounts = result["got"].accounts  # type: ignore[attr-defined]
    scores = dict(zip(accounts["account"], accounts["score"], strict=True))
    # all 6 on a 1–10 scale: raw 6 × 140 = 840, score = 100 × (840 − 140) / 1260 = 55.56 (rounded to 2)
    assert scores["客户001"] == pytest.approx(100 * 700 / 1260, abs=0.01)
    assert scores["客户000"] == ""  # a refused criterion: not scored
