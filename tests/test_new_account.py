"""``kam-xl new-account``: a new account's plan and customer file, from arguments or a portfolio row.

Every run is the command in a subprocess, on files the test builds. Values are
checked against the input given (the portfolio row, the arguments) and hand
arithmetic, never against the code's own output; cells are found by the label
beside them, so a moved cell fails loudly rather than reading a neighbour.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from engines import FormulasBook, by_title, cached_values, close, formula_cells
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from kam_xl.cells import date_to_serial
from kam_xl.models import default_model
from kam_xl.workbooks import portfolio as portfolio_book

MODEL = default_model()
CRITERIA = [c.code for c in MODEL.scorecard().criteria]
AS_OF = "2026-09-30"

# The target account's scorecard: the first nine criteria 7, the last nine 5. All directions are +1 and
# the weights are 8 8 8 8 6 10 10 10 10 | 8 8 8 6 6 6 6 6 8 (SPEC §2.2), so
# raw = 7 × 78 + 5 × 62 = 546 + 310 = 856 on the 1–10 card (raw 140 … 1400), score = 100·(856 − 140)/1260
# = 56.825…, tier 重点客户 / Key (55 ≤ score < 75).
SCORES = {code: (7.0 if k < 9 else 5.0) for k, code in enumerate(CRITERIA)}
SCORE = 100 * (856 - 140) / 1260
TIER = {"zh": "重点客户", "en": "Key"}
WALL = {"specified": 2.0, "share": 1.0, "contact": 1.0, "personal": 0.0}
PARTS = {"technical": 3.0, "commercial": 2.0, "procedural": 4.0, "financial": 1.0, "relational": 2.0}
TARGET = {"account": "华东精密机械有限公司", "industry": "机械制造", "owner": "王磊", "revenue": 2_400_000.0}


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    code = "from kam_xl.cli import main; main()"
    cmd = [sys.executable, "-c", code, "--quiet", *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=120)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def beside(ws: Worksheet, label: str, column: str = "A", offset: int = 1, *, last: bool = False) -> object:
    """The value in the cell ``offset`` columns right of the first (or ``last``) cell of ``column`` reading
    ``label`` (a section heading may carry the same words as the row below it)."""
    hits = [c for (c,) in ws.iter_rows(min_col=ord(column) - 64, max_col=ord(column) - 64) if c.value == label]
    assert hits, f"no {label!r} in column {column} of {ws.title}"
    cell = hits[-1] if last else hits[0]
    return ws.cell(row=cell.row, column=cell.column + offset).value


def portfolio(path: Path, lang: str) -> Path:
    """A three-account portfolio workbook (kam_xl's own kind) holding the target account in the middle."""
    other = {c: 3.0 for c in CRITERIA}
    rows = [
        {"account": "北方钢铁集团", "industry": "钢铁", "owner": "李娜", "revenue": 9_000_000.0, **other,
         **WALL, **PARTS},
        {**TARGET, **SCORES, **WALL, **PARTS},
        {"account": "华东电气设备有限公司", "industry": "电气设备", "owner": "张伟", "revenue": 5_000_000.0, **other,
         **WALL, **PARTS},
    ]  # fmt: skip
    portfolio_book.write(path, pd.DataFrame(rows), model=MODEL, lang=lang)
    return path


def books(out: Path, lang: str, name: str) -> tuple[Path, Path, Workbook, Workbook]:
    plan = out / (f"大客户战略管理计划-{name}.xlsx" if lang == "zh" else f"account-plan-{name}.xlsx")
    cfile = out / (f"大客户档案-{name}.xlsx" if lang == "zh" else f"customer-file-{name}.xlsx")
    assert plan.is_file() and cfile.is_file(), sorted(p.name for p in out.iterdir())
    return plan, cfile, load_workbook(plan, data_only=True), load_workbook(cfile, data_only=True)


# labels and sheet titles the assertions look for, by language
L = {
    "zh": {
        "overview": "概览", "scorecard": "评分", "diagnosis": "诊断", "barriers": "壁垒", "basic": "基本信息",
        "important": "重要信息", "account": "客户名称", "industry": "行业", "owner": "负责人", "as_of": "统计基准日",
        "tier": "客户等级", "score": "得分(0-100)", "code": "客户编号", "relationship": "关系类型",
        "manager": "大客户经理", "updated": "更新日期", "type": "关系类型", "our_sales": "我方销售额（近12个月）",
        "total_spend": "客户同类总采购额", "wallet_share": "钱包份额", "suppliers": "客户的供应商（本品类）",
        "us": "本公司", "notes": "备注",
    },
    "en": {
        "overview": "Overview", "scorecard": "Scorecard", "diagnosis": "Diagnosis", "barriers": "Barriers",
        "basic": "Basic information", "important": "Important information", "account": "Account",
        "industry": "Industry", "owner": "Owner", "as_of": "As-of date", "tier": "Tier", "score": "Score (0–100)",
    },
}  # fmt: skip


# ---------------------------------------------------------------- from a portfolio row


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_from_a_portfolio_row_both_files_carry_the_row(tmp_path: Path, lang: str) -> None:
    source = portfolio(tmp_path / f"portfolio-{lang}.xlsx", lang)
    before = digest(source)
    out = tmp_path / "out"
    done = run("new-account", "--from", source, "--account", TARGET["account"], "--lang", lang, "--as-of", AS_OF,
               "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert digest(source) == before  # the portfolio is only read

    # the tier the portfolio itself computed for the row (its cached value), read back independently
    pws = load_workbook(source, data_only=True).worksheets[0]
    headers = [c.value for c in pws[portfolio_book.HEADER_ROW]]
    target_row = next(r for r in pws.iter_rows(min_row=portfolio_book.FIRST_ROW) if r[0].value == TARGET["account"])
    portfolio_tier = target_row[headers.index("客户等级" if lang == "zh" else "Tier")].value
    assert portfolio_tier == TIER[lang]

    _, _, plan, cfile = books(out, lang, TARGET["account"])
    t = L[lang]
    ov, sc = plan[t["overview"]], plan[t["scorecard"]]
    # the plan: the row's name, industry, owner, date, scores, sales, wall and barrier inputs
    assert beside(ov, t["account"]) == TARGET["account"]
    assert beside(ov, t["industry"]) == ("机械制造" if lang == "zh" else "Machinery")  # a listed industry, in lang
    assert beside(ov, t["owner"]) == "王磊"
    assert beside(ov, t["as_of"]) == datetime(2026, 9, 30)
    for c in MODEL.scorecard().criteria:
        assert beside(sc, c.text(lang), "B", 4) == SCORES[c.code], c.code
    assert close(beside(sc, t["score"], "B", 4), SCORE)
    assert beside(sc, t["tier"], "B", 4) == portfolio_tier == TIER[lang]
    assert beside(ov, t["tier"]) == TIER[lang]  # the overview shows the same
    bar = plan[t["barriers"]]
    for w in MODEL.barrier.wall_criteria:
        assert beside(bar, w.text(lang), "A", 2) == WALL[w.code], w.code
    if lang == "zh":
        assert beside(plan[t["diagnosis"]], t["our_sales"]) == 2_400_000.0
        for key, label in (("technical", "技术壁垒"), ("commercial", "商务壁垒"), ("procedural", "程序性转换成本")):
            assert beside(bar, label, "A", 2) == PARTS[key], key

    # the customer file: the same name, industry and owner (its key-account manager), the same date
    basic = cfile[t["basic"]]
    assert beside(basic, t["account"]) == TARGET["account"]
    assert beside(basic, t["industry"]) == beside(ov, t["industry"])
    manager = "大客户经理" if lang == "zh" else "Key-account manager"
    updated = "更新日期" if lang == "zh" else "Updated on"
    assert beside(basic, manager) == beside(ov, t["owner"]) == "王磊"
    assert beside(basic, updated) == datetime(2026, 9, 30)


def test_a_csv_team_table_found_by_its_code(tmp_path: Path) -> None:
    """A team's table (a title line, a code column with leading zeros, total spend, relationship type)."""
    table = tmp_path / "team.csv"
    lines = [
        "华东区大客户清单,,,,,,",
        "客户编号,客户名称,行业,负责人,近12个月销售额,客户同类总采购额,关系类型",
        '0041,北方钢铁集团,钢铁,李娜,"¥9,000,000",20000000,战略',
        '0042,南洋汽车零部件有限公司,汽车零部件,陈静,"¥1,200,000",4000000,伙伴',
        '合计,,,,"¥10,200,000",24000000,',
    ]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    before = digest(table)
    out = tmp_path / "out"
    done = run("new-account", "--from", table, "--account", "0042", "--as-of", AS_OF, "--out", out)
    assert done.returncode == 0, done.stderr
    assert digest(table) == before
    _, _, plan, cfile = books(out, "zh", "南洋汽车零部件有限公司")
    t = L["zh"]
    diag, basic = plan[t["diagnosis"]], cfile[t["basic"]]
    assert beside(diag, t["our_sales"]) == 1_200_000.0
    assert beside(diag, t["total_spend"]) == 4_000_000.0
    assert close(beside(diag, t["wallet_share"], last=True), 0.3)  # 1,200,000 / 4,000,000
    assert beside(diag, "关系类型") == "伙伴"
    assert beside(basic, t["code"]) == "0042"  # leading zeros kept
    assert beside(basic, t["relationship"]) == "伙伴"
    assert beside(basic, t["manager"]) == beside(plan[t["overview"]], t["owner"]) == "陈静"
    important = cfile[t["important"]]
    supplier_row = next(r for r in important.iter_rows() if r[0].value == t["us"])
    assert close(supplier_row[2].value, 0.3)  # our share of its spend, as the plan computes it
    # no scores in the table: the plan's tier waits for the scorecard
    assert beside(plan[t["overview"]], t["tier"]) in (None, "")


def test_a_tier_the_scores_contradict_is_refused(tmp_path: Path) -> None:
    source = portfolio(tmp_path / "p.xlsx", "zh")
    out = tmp_path / "out"
    done = run("new-account", "--from", source, "--account", TARGET["account"], "--tier", "战略客户", "--out", out)
    assert done.returncode == 2
    assert "战略客户" in done.stderr and "重点客户" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists() or not any(out.glob("*.xlsx"))


def test_an_unknown_account_is_one_line_naming_the_file_and_the_nearest_names(tmp_path: Path) -> None:
    source = portfolio(tmp_path / "p.xlsx", "zh")
    done = run("new-account", "--from", source, "--account", "华东精密", "--out", tmp_path / "out")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "p.xlsx" in lines[0] and "华东精密" in lines[0] and TARGET["account"] in lines[0]
    assert "Traceback" not in done.stderr


# ---------------------------------------------------------------- from arguments


def test_from_arguments_and_never_overwriting(tmp_path: Path) -> None:
    out = tmp_path / "out"
    name = "恒信/电气:设备"  # / and : cannot be in a file name
    done = run("new-account", name, "--industry", "electrical", "--owner", "刘洋", "--relationship", "strategic",
               "--sales", "¥1,500,000", "--total-spend", "6,000,000", "--code", "KA0007", "--tier", "重点客户",
               "--as-of", AS_OF, "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    _, _, plan, cfile = books(out, "zh", "恒信_电气_设备")
    t = L["zh"]
    ov, diag, basic = plan[t["overview"]], plan[t["diagnosis"]], cfile[t["basic"]]
    assert beside(ov, t["account"]) == beside(basic, t["account"]) == name  # the name itself is kept in the cells
    assert beside(ov, t["industry"]) == beside(basic, t["industry"]) == "电气设备"  # the code, as a label
    assert beside(ov, t["owner"]) == beside(basic, t["manager"]) == "刘洋"
    assert beside(diag, "关系类型") == beside(basic, t["relationship"]) == "战略"
    assert beside(diag, t["our_sales"]) == 1_500_000.0
    assert close(beside(diag, t["wallet_share"], last=True), 0.25)  # 1.5 M / 6 M
    assert beside(basic, t["code"]) == "KA0007"
    assert "重点客户" in str(beside(basic, t["notes"]))  # a tier given without scores is kept, as given

    written = sorted(out.glob("*.xlsx"))
    sums = {p: digest(p) for p in written}
    again = run("new-account", name, "--owner", "别人", "--out", out)
    assert again.returncode == 2
    assert len(again.stderr.strip().splitlines()) == 1 and "--force" in again.stderr
    assert {p: digest(p) for p in sorted(out.glob("*.xlsx"))} == sums  # untouched

    forced = run("new-account", name, "--owner", "陈静", "--as-of", AS_OF, "--out", out, "--force")
    assert forced.returncode == 0, forced.stderr
    _, _, plan, cfile = books(out, "zh", "恒信_电气_设备")
    assert beside(plan[t["overview"]], t["owner"]) == beside(cfile[t["basic"]], t["manager"]) == "陈静"
    assert sorted(out.glob("*.xlsx")) == written  # replaced in place: kam_xl's own files need no backup


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("new-account", "--out", tmp_path).returncode == 2  # no name, no --from
    bad = run("new-account", "甲公司", "--relationship", "朋友", "--out", tmp_path / "o")
    assert bad.returncode == 2 and "relationship" in bad.stderr and "Traceback" not in bad.stderr
    bad = run("new-account", "甲公司", "--sales", "很多", "--out", tmp_path / "o")
    assert bad.returncode == 2 and "--sales" in bad.stderr
    help_text = run("new-account", "--help").stdout
    assert "例 / Example:  kam-xl new-account" in help_text


# ---------------------------------------------------------------- formulas


def test_every_formula_recomputed_by_formulas_equals_its_cached_value(tmp_path: Path) -> None:
    source = portfolio(tmp_path / "p.xlsx", "zh")
    out = tmp_path / "out"
    done = run("new-account", "--from", source, "--account", TARGET["account"], "--sales", "2400000",
               "--as-of", AS_OF, "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    for path in books(out, "zh", TARGET["account"])[:2]:
        cells = formula_cells(path)
        assert cells
        # a date-formatted formula's cached value reads back as a date; the engine gives its serial
        cached = {k: date_to_serial(v) if isinstance(v, date) else v for k, v in cached_values(path).items()}
        computed = by_title(FormulasBook(path).values(), load_workbook(path, read_only=True).sheetnames)
        bad = [f"{k}: cached {cached.get(k, '')!r}, formulas {computed.get(k)!r}"
               for k in cells if not close(computed.get(k, ""), cached.get(k, ""))]  # fmt: skip
        assert bad == [], (path.name, bad[:10])
