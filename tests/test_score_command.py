"""`kam-xl score`, end to end: the command run as a subprocess on a team's messy table written here.

The table looks as teams keep it: a title block with merged cells above the
header row, Chinese headers (the account column as 客户名称, revenue as
销售额（元）), an extra column, a blank row, numbers typed as text (¥, %,
full-width digits), an ``#N/A``, a criterion out of its scale, a repeated
account, an account named like a formula and a totals row. Expected scores and
tiers are worked out by hand from the default model (18 criteria, weights
summing to 140, scale 10: score = 100 × Σ wᵢ·sᵢ / 1400; tiers 战略 ≥ 75,
重点 ≥ 55, 普通 ≥ 35, else 一般) and checked against the core as well.
"""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from engines import FormulasBook, by_title, cached_values, close, formula_cells
from openpyxl import Workbook, load_workbook

from kam_xl.models import default_model
from kam_xl.portfolio import score_portfolio

KAM_XL = Path(sys.executable).parent / "kam-xl"
MODEL = default_model()
CRITERIA = [c.zh for c in MODEL.scorecard().criteria]
HEADERS = ["客户名称", "负责人", *CRITERIA, "销售额（元）", "应收账款周转天数", "逾期占比", "备注"]
HYPER = '=HYPERLINK("http://crm.example.com/d","丁公司")'

# name, owner, one score for every criterion (or a list), revenue, DSO, overdue ratio, remark
ROWS: list[tuple[object, ...]] = [
    ("甲公司", "王磊", 8, "¥1,200,000", 40, "3%", "老客户"),  # row 5
    ("乙公司", "李娜", "７", 800000, 60, "12%", None),  # row 6: full-width 7
    None,  # row 7: blank
    ("丙公司", "王磊", 5, "６０００００", 100, "25%", "新开发"),  # row 8: full-width 600000
    (HYPER, "赵强", 3, 400000, 130, "40%", None),  # row 9: a name like a formula, kept as text
    ("戊公司", "李娜", "#N/A", 300000, None, None, None),  # row 10: one criterion is #N/A
    ("庚公司", "王磊", 12, 100000, None, None, None),  # row 11: one criterion 12 on a 0–10 scale
    ("甲公司", "赵强", 9, 50000, None, None, "重复"),  # row 12: repeats row 5
    ("合计", None, None, 3450000, None, None, None),  # row 13: totals
]
FIRST_DATA_ROW = 5
SHEET = "2026客户"


def row_cells(row: tuple[object, ...]) -> list[object]:
    name, owner, score, revenue, dso, overdue, remark = row
    scores = [score] * len(CRITERIA)
    if score == "#N/A":
        scores = [6] * len(CRITERIA)
        scores[2] = "#N/A"  # the third criterion, column E
    if score == 12:
        scores = [6] * len(CRITERIA)
        scores[0] = 12  # the first criterion, column C
    if name == "合计":
        scores = [None] * len(CRITERIA)
    return [name, owner, *scores, revenue, dso, overdue, remark]


def messy_workbook(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = "华东区大客户评分表（2026）"
    ws.merge_cells("A1:H1")
    ws["A2"] = "制表：王磊    日期：2026-09-30"
    ws.merge_cells("A2:E2")
    ws.append([])  # row 3 blank
    ws.append(HEADERS)  # row 4
    for r, row in enumerate(ROWS, start=FIRST_DATA_ROW):
        if row is None:
            continue
        for c, v in enumerate(row_cells(row), start=1):
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"  # text that looks like a formula, as a paste from a CRM leaves it
    wb.save(path)


def messy_csv(path: Path) -> None:
    """The same table as a GBK CSV (￥ is the full-width yen GBK holds), a title line above the header."""
    lines = [["华东区大客户评分表（2026）"], [], HEADERS]
    for row in ROWS:
        cells = [] if row is None else row_cells(row)
        lines.append(["" if v is None else str(v).replace("¥", "￥") for v in cells])
    with path.open("w", encoding="gbk", newline="") as fh:
        csv.writer(fh).writerows(lines)


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KAM_XL), *map(str, args)], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=300
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def portfolio_rows(path: Path) -> dict[str, dict[str, object]]:
    """The scored table's rows by account, each header → cached value (headers in row 4)."""
    ws = load_workbook(path, data_only=True).worksheets[0]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    heads = [str(h) for h in rows[0]]
    out: dict[str, dict[str, object]] = {}
    for r in rows[1:]:
        if r[0] is not None:
            out.setdefault(str(r[0]), dict(zip(heads, r, strict=False)))  # a repeated account: its first row
    return out


def problems(path: Path) -> list[dict[str, object]]:
    """The Problems sheet's rows by heading (the shared sheet leaves out the columns no problem uses)."""
    ws = load_workbook(path, data_only=True)["问题"]
    heads = [c.value for c in ws[3]]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if any(v is not None for v in r)]
    return [dict(zip(heads, r, strict=True)) for r in rows]


# Worked by hand (weights sum to 140, scale 1–10: raw 140…1400, score = 100·(raw − 140)/1260):
#   甲 all 8 → raw 1120 → 77.78 → 战略客户;  乙 all 7 → 980 → 66.67 → 重点客户;
#   丙 all 5 → 700 → 44.44 → 成长客户;      丁 all 3 → 420 → 22.22 → 一般客户.
# ABC over the five revenues scored (甲 1.2M, 乙 0.8M, 丙 0.6M, 丁 0.4M, 戊 0.3M; total 3.3M; the
# repeat of 甲 and the totals row are not counted; 庚's 0.1M is, its revenue being fine: total 3.4M):
#   share of the accounts strictly above: 甲 0, 乙 1.2/3.4 = .353, 丙 2.0/3.4 = .588, 丁 2.6/3.4 = .765 → A (< .80);
#   戊 3.0/3.4 = .882 → B (< .95); 庚 3.3/3.4 = .971 → C.
# Credit ratings (A: DSO ≤ 45 and overdue ≤ 5 %; B: 75, 15 %; C: 120, 30 %; else D):
#   甲 40, 3 % → A;  乙 60, 12 % → B;  丙 100, 25 % → C;  丁 130, 40 % → D.
EXPECTED = {
    "甲公司": (100 * 980 / 1260, "战略客户", "A类", "A（优）"),
    "乙公司": (100 * 840 / 1260, "重点客户", "A类", "B（良）"),
    "丙公司": (100 * 560 / 1260, "成长客户", "A类", "C（关注）"),
    HYPER: (100 * 280 / 1260, "一般客户", "A类", "D（风险）"),
    "戊公司": (None, None, "B类", None),
    "庚公司": (None, None, "C类", None),
}


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("score")
    src = tmp / "团队客户表.xlsx"
    messy_workbook(src)
    before = digest(src)
    done = run("score", src, "--out", tmp / "out.xlsx", cwd=tmp)
    return {"src": src, "before": before, "out": tmp / "out.xlsx", "done": done, "tmp": tmp}


def test_exit_code_1_and_the_input_is_untouched(scored: dict) -> None:
    done = scored["done"]
    assert done.returncode == 1, done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    assert digest(scored["src"]) == scored["before"]
    assert "问题" in done.stdout


def test_scores_and_tiers_by_hand(scored: dict) -> None:
    rows = portfolio_rows(scored["out"])
    for name, (score, tier, abc, rating) in EXPECTED.items():
        row = rows[name]
        assert (row["得分(0-100)"] is None) == (score is None), name
        if score is not None:
            assert row["得分(0-100)"] == pytest.approx(score), name
        assert (row["客户等级"] or None) == tier, name
        assert row["ABC分类"] == abc, name
        assert (row["信用等级"] or None) == rating, name
    assert "合计" not in rows
    # the repeat of 甲公司 is listed, unscored, with its own input row and remark kept
    kept = [
        r for r in load_workbook(scored["out"], data_only=True).worksheets[0].iter_rows(min_row=5, values_only=True)
    ]
    repeats = [r for r in kept if r[0] == "甲公司"]
    assert len(repeats) == 2
    heads = [c.value for c in load_workbook(scored["out"], read_only=False).worksheets[0][4]]
    row_col, remark_col, tier_col = heads.index("原表行号"), heads.index("备注"), heads.index("客户等级")
    second = next(r for r in repeats if r[row_col] == 12)
    assert second[remark_col] == "重复" and not second[tier_col]


def test_scores_agree_with_the_core(scored: dict) -> None:
    """The clean rows scored by score_portfolio directly give the same scores, tiers and ABC classes."""
    clean = {n: v for n, v in EXPECTED.items() if v[0] is not None}
    table = pd.DataFrame(
        {
            "account": list(clean),
            **{c: [8, 7, 5, 3] for c in CRITERIA},
            "revenue": [1200000, 800000, 600000, 400000],
        }
    )
    core = score_portfolio(table, MODEL, "zh")
    rows = portfolio_rows(scored["out"])
    for name in clean:
        assert rows[name]["得分(0-100)"] == pytest.approx(core.loc[name, "score"])
        assert rows[name]["客户等级"] == core.loc[name, "tier"]


def test_problems_name_the_input_cells(scored: dict) -> None:
    found = problems(scored["out"])
    cells = {f"{r['工作表']}!{r['单元格 / 行']}": r for r in found}
    sheet = SHEET
    assert f"{sheet}!E10" in cells and "#N/A" in str(cells[f"{sheet}!E10"]["原值"])  # the #N/A criterion
    assert f"{sheet}!C11" in cells and "12" in str(cells[f"{sheet}!C11"]["原值"])  # criterion 12 > 10
    assert f"{sheet}!A12" in cells and "第 5 行" in str(cells[f"{sheet}!A12"]["说明"])  # the repeat of row 5
    assert cells[f"{sheet}!A12"]["类别"] == "客户重复"
    assert any(r["单元格 / 行"] == 13 and "合计" in str(r["说明"]) for r in found)  # the totals row, listed
    assert all(r["文件"] == "团队客户表.xlsx" for r in found)


def test_the_name_like_a_formula_stays_text(scored: dict) -> None:
    ws = load_workbook(scored["out"]).worksheets[0]
    names = [c.value for c in ws["A"][4:]]
    assert HYPER in names
    cell = next(c for c in ws["A"][4:] if c.value == HYPER)
    assert cell.data_type == "s"


def test_every_formula_recomputes_to_its_cached_value(scored: dict) -> None:
    path = scored["out"]
    titles = load_workbook(path, read_only=True).sheetnames
    values = by_title(FormulasBook(path).values(), titles)
    cached = cached_values(path)
    cells = formula_cells(path)
    bad = [(k, cached[k], values.get(k)) for k in cells if k in cached and not close(values.get(k), cached[k])]
    assert not bad, bad[:10]


def test_gbk_csv_scores_the_same(scored: dict) -> None:
    tmp = scored["tmp"]
    src = tmp / "团队客户表.csv"
    messy_csv(src)
    before = digest(src)
    done = run("score", src, "--out", tmp / "csv-out.xlsx", cwd=tmp)
    assert done.returncode == 1, done.stderr + done.stdout
    assert digest(src) == before
    rows = portfolio_rows(tmp / "csv-out.xlsx")
    for name, (score, tier, abc, _) in EXPECTED.items():
        if score is not None:
            assert rows[name]["得分(0-100)"] == pytest.approx(score), name
        assert (rows[name]["客户等级"] or None) == tier, name
        assert rows[name]["ABC分类"] == abc, name
    # a CSV has no sheet: a problem names its line (title 1, blank 2, header 3, data from 4: #N/A on 9) and header
    found = problems(tmp / "csv-out.xlsx")
    assert "工作表" not in found[0]  # a CSV has no sheet: the column is left out
    assert any(r["单元格 / 行"] == 9 and r["列"] == CRITERIA[2] and r["原值"] == "#N/A" for r in found)
    assert any(r["单元格 / 行"] == 11 and "第 4 行" in str(r["说明"]) for r in found)  # the repeat of 甲公司 (line 4)


def test_unreadable_input_is_exit_2_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    done = run("score", bad, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_an_existing_output_is_refused_without_force(scored: dict) -> None:
    done = run("score", scored["src"], "--out", scored["out"], cwd=scored["tmp"])
    assert done.returncode == 2
    assert digest(scored["src"]) == scored["before"]
