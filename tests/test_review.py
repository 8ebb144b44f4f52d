"""``kam-xl review`` (每月经营分析会): the demo team's month ties out to the per-account sheets, recomputed by
LibreOffice; and a hand-computed team of three."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from engines import cached_values, libreoffice_recalc, soffice

from kam_xl.demo import run_demo
from kam_xl.jobs.review import review_folder
from kam_xl.workbooks.account_plan import AccountPlan
from kam_xl.workbooks.account_plan import write as write_plan
from kam_xl.workbooks.account_plan.data import Month, MonthlyPlan
from kam_xl.workbooks.account_plan.monthly import MEASURE_FIRST_ROW

MONTH = "2026-09"
# the review's account sheet (客户明细) and its summary (汇总): the amount columns and the plan sheet's own
_AMOUNTS = {  # review column → (measure, the plan's monthly-sheet column)
    "E": ("sales", "B"), "F": ("sales", "C"), "H": ("sales", "D"), "J": ("sales", "G"), "K": ("sales", "H"),
    "N": ("profit", "B"), "O": ("profit", "C"), "Q": ("collections", "B"), "R": ("collections", "C"),
}  # fmt: skip


def _number(v: object) -> float:
    return float(v) if isinstance(v, int | float) else 0.0


def _groups(values: dict, first: int = 5) -> dict[str, dict[str, dict[str, float]]]:
    """The summary's sections read back: section → label → {account-sheet column: sum}. The summary's
    columns: A label, B count, then the account sheet's columns E.. without the flag (M)."""
    summary = {r: c for (s, r), c in values.items() if s == "汇总"}
    out: dict[str, dict[str, dict[str, float]]] = {"负责人": {}, "客户等级": {}}
    section = None
    review_cols = "EFGHIJKLNOPQRS"  # the account sheet's E..S without M (below target)
    summary_cols = "CDEFGHIJKLMNOP"
    row = 1
    while row < 200:
        head = summary.get(f"A{row}")
        if head in out:
            section = head
        elif section and isinstance(summary.get(f"B{row}"), int | float) and head:
            out[section][str(head)] = {rc: _number(summary.get(f"{sc}{row}"))
                                       for rc, sc in zip(review_cols, summary_cols, strict=True)}  # fmt: skip
        elif head is None and section == "客户等级" and out[section]:
            break
        row += 1
    return out


@pytest.mark.skipif(soffice() is None, reason="LibreOffice not installed")
def test_demo_review_ties_out_to_the_plans(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    run_demo(demo, "zh")
    result = review_folder(demo, MONTH, tmp_path / "review.xlsx")
    assert not result.problems, result.problems[:3]
    plans = sorted(demo.glob("大客户战略管理计划-*.xlsx"))
    assert len(result.rows) == len(plans) >= 4
    out = libreoffice_recalc([*plans, tmp_path / "review.xlsx"], tmp_path / "lo")
    review = cached_values(out[tmp_path / "review.xlsx"])
    k = int(MONTH[-2:]) - 1
    # each account's row: the plan sheet's figures of the month (recomputed there), by the plan file's name
    sums: dict[tuple[str, str], dict[str, float]] = {}
    accounts = {review[("客户明细", f"D{r}")]: r for r in range(5, 5 + len(plans))}
    for plan in plans:
        v = cached_values(out[plan])
        r = accounts[plan.name]
        owner, tier = review[("客户明细", f"B{r}")], review[("客户明细", f"C{r}")]
        for col, (measure, plan_col) in _AMOUNTS.items():
            sheet_value = _number(v.get(("月度经营", f"{plan_col}{MEASURE_FIRST_ROW[measure] + k}")))
            assert _number(review[("客户明细", f"{col}{r}")]) == pytest.approx(sheet_value), (plan.name, col)
            for key in (("负责人", owner), ("客户等级", tier)):
                sums.setdefault(key, {}).setdefault(col, 0.0)
                sums[key][col] += sheet_value
        # the month's attainment on both sheets, as the engine computed them
        assert review[("客户明细", f"G{r}")] == pytest.approx(v[("月度经营", f"E{MEASURE_FIRST_ROW['sales'] + k}")])
    groups = _groups(review)
    assert set(groups["负责人"]) == {o for (s, o) in sums if s == "负责人"}
    for (section, label), cols in sums.items():
        for col, total in cols.items():
            assert groups[section][label][col] == pytest.approx(total), (section, label, col)
    # the totals row: every account's sum
    total_row = 5 + len(plans)
    for col in _AMOUNTS:
        assert _number(review[("客户明细", f"{col}{total_row}")]) == pytest.approx(
            sum(cols[col] for (s, _), cols in sums.items() if s == "负责人"))  # fmt: skip


def _months(target: float, actual: float | None, last: float) -> list[Month]:
    """Nine months of the same figures (January to September)."""
    return [Month(target, actual, last, target / 4, None if actual is None else actual / 4, None, target, actual)] * 9


@pytest.mark.skipif(soffice() is None, reason="LibreOffice not installed")
def test_hand_computed_team(tmp_path: Path) -> None:
    """Two owners, three accounts, September 2026. By hand: 王磊's two accounts target 100 + 300 = 400 a month,
    actual 90 + 330 = 420 → 105 %; last year 80 + 300 = 380 → growth 40 / 380 = 10.5 %; year to date
    9 × 400 = 3,600 against 9 × 420 = 3,780 → 105 %. 李娜's account: 200 targeted, nothing reported yet →
    blank attainment (and no below-target flag). A plan of 2025 is left out and listed."""
    team = tmp_path / "team"
    team.mkdir()
    for name, owner, (t, a, ly), year in (
        ("甲公司", "王磊", (100.0, 90.0, 80.0), 2026), ("乙公司", "王磊", (300.0, 330.0, 300.0), 2026),
        ("丙公司", "李娜", (200.0, None, 150.0), 2026), ("丁公司", "李娜", (50.0, 50.0, 50.0), 2025),
    ):  # fmt: skip
        plan = AccountPlan(account=name, owner=owner, monthly=MonthlyPlan(year=year, months=_months(t, a, ly)))
        write_plan(team / f"{name}.xlsx", plan)
    result = review_folder(team, MONTH, tmp_path / "r.xlsx")
    assert [p.kind for p in result.problems] == ["other_year"]
    assert "丁公司.xlsx" == result.problems[0].file
    v = cached_values(libreoffice_recalc([tmp_path / "r.xlsx"], tmp_path / "lo")[tmp_path / "r.xlsx"])
    wang = _groups(v)["负责人"]["王磊"]
    assert (wang["E"], wang["F"], wang["H"]) == (400.0, 420.0, 380.0)
    assert (wang["J"], wang["K"]) == (3600.0, 3780.0)
    assert wang["G"] == pytest.approx(1.05) and wang["I"] == pytest.approx(40 / 380)
    assert wang["L"] == pytest.approx(1.05)
    li = _groups(v)["负责人"]["李娜"]
    assert (li["E"], li["F"], li["G"]) == (200.0, 0.0, 0.0)  # attainment blank: read as 0 by _number
    rows = {v[("客户明细", f"A{r}")]: r for r in range(5, 8)}
    assert v.get(("客户明细", f"G{rows['丙公司']}")) in (None, "")
    assert v[("客户明细", f"M{rows['甲公司']}")] == "未达标"  # 90 / 100


def test_cli_refuses_a_bad_month_and_an_existing_file(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "kam_xl.cli", "review", str(tmp_path), "--month"]
    bad = subprocess.run([*cmd, "2026-13"], capture_output=True, text=True)
    assert bad.returncode == 2 and "YYYY-MM" in bad.stderr
    (tmp_path / "r.xlsx").write_bytes(b"x")
    again = subprocess.run([*cmd, "2026-09", "--out", str(tmp_path / "r.xlsx")], capture_output=True, text=True)
    assert again.returncode == 2 and "--force" in again.stderr
    assert (tmp_path / "r.xlsx").read_bytes() == b"x"
