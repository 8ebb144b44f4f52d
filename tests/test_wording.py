"""Wording and defaults that read right (issue #7, deliverable 5): labels that do not collide, flags that say
是/否, no #DIV/0! for a zero total spend, over-budget actions flagged, the pipeline over open deals only.

Expected values are worked out by hand in the comments; the workbooks are recalculated by `formulas` and, where
LibreOffice is installed, by LibreOffice.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from engines import FormulasBook, by_title, cached_values, libreoffice_recalc, soffice
from openpyxl import load_workbook

from kam_xl.indicators import REGISTRY
from kam_xl.models import default_model
from kam_xl.workbooks import account_plan as ap
from kam_xl.workbooks import development as dev
from kam_xl.workbooks.account_plan.labels import GROUPS, LABELS
from kam_xl.workbooks.labels import COMMON, fit_width, shown_as

MODEL = default_model()
AS_OF = date(2026, 6, 30)
ERRORS = ("#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!")


def _errors(values: dict) -> list:
    return [(k, v) for k, v in values.items() if isinstance(v, str) and v.upper() in ERRORS]


# ---------------------------------------------------------------- 1. one key, one meaning


# Keys the plan's captions share with a registry entry on purpose: the sheet words the same figure its own way.
# (the competitors sheet: the overall lead against its main competitor, the "needed" column of the criteria)
_SAME_FIGURE = {"relationship", "share_gap", "sales", "competitive_gap", "need"}


def test_plan_captions_shadow_nothing_with_another_meaning() -> None:
    # caption() looks a key up in the plan's LABELS, then COMMON, then the registry: a key in LABELS hides
    # the others, so it must mean the same thing ("no" was 序号 here and 否 in COMMON)
    assert {k for k in LABELS if k in COMMON and LABELS[k] != COMMON[k]} == set()
    assert {k for k in LABELS if k in REGISTRY and (REGISTRY[k].zh, REGISTRY[k].en) != LABELS[k]} == _SAME_FIGURE


def test_scorecard_groups_show_their_own_label(tmp_path: Path) -> None:
    """评分!C showed the contact column's 关系分(0-6) for the 1–10 relationship criteria (a shared key)."""
    sc = MODEL.scorecard(MODEL.tier_scorecard)
    ws = load_workbook(ap.build(None, lang="zh").save(tmp_path / "plan.xlsx"))["评分"]
    rows = {ws[f"B{r}"].value: ws[f"C{r}"].value for r in range(1, 60) if ws[f"B{r}"].value and ws[f"C{r}"].value}
    for c in sc.criteria:
        assert rows[c.zh] == GROUPS[c.group][0], c.key
    # the three relationship criteria (文化契合, 长期合作意愿, 现有高层关系) read 客户关系, with no 0–6 scale
    assert {rows[c.zh] for c in sc.criteria if c.group == "relationship"} == {"客户关系"}
    # a scale in a group label, if any, must be the scorecard's own (1–10)
    for zh, en in GROUPS.values():
        for lo, hi in re.findall(r"\((\d+)\s*[-–]\s*(\d+)\)", zh + en):
            assert (int(lo), int(hi)) == (sc.scale_min, sc.scale)


# ---------------------------------------------------------------- 2–3. names whose order and meaning are plain


def test_tier_names_read_in_order_and_english_means_the_chinese() -> None:
    assert [t.zh for t in MODEL.tiers] == ["战略客户", "重点客户", "成长客户", "一般客户"]
    assert [t.en for t in MODEL.tiers] == ["Strategic", "Key", "Growth", "Standard"]
    assert [x.en for x in MODEL.satisfaction.levels] == ["Satisfied", "Mostly satisfied", "Dissatisfied"]
    assert COMMON["as_of"] == ("统计基准日", "As-of date")
    assert MODEL.matrix.low_high.zh == "维系" and MODEL.matrix.low_high.en == "Sustain"


# ---------------------------------------------------------------- 4. 是/否, never TRUE/FALSE


def _flag_plan() -> ap.AccountPlan:
    # one contact, the decision maker, opposing: by hand, 决策者反对 是, 没有教练 是, 单线联系 是 (≤ 1 contact),
    # 未接触决策层 否 (the contact is at the decision level)
    return ap.AccountPlan(
        account="测试客户",
        as_of=AS_OF,
        contacts=[ap.Contact(name="王总", level="决策层", role="决策者", stance="反对", influence=5)],
        our_sales=1_000.0,
        total_spend=4_000.0,
        actions=[
            ap.Action(action="技术交流", budget=10_000.0, spent=12_500.0, status="进行中"),  # 12,500 > 10,000
            ap.Action(action="高层拜访", budget=30_000.0, spent=30_000.0, status="已完成"),  # equal: not over
            ap.Action(action="样机试用", budget=None, spent=2_000.0, status="进行中"),  # no budget yet: not over
        ],
    )


FLAGS_ZH = ["是", "是", "是", "否"]


def test_risk_flags_say_yes_or_no_in_formulas(tmp_path: Path) -> None:
    path = ap.build(_flag_plan(), lang="zh").save(tmp_path / "plan.xlsx")
    fb = FormulasBook(path)
    values = by_title(fb.values(), load_workbook(path, read_only=True).sheetnames)
    assert [values[("采购组织", f"{c}5")] for c in "FGHI"] == FLAGS_ZH
    assert not [k for k, v in values.items() if isinstance(v, bool)]
    # the cached values kam_xl writes agree (a viewer that does not recalculate shows them)
    assert [cached_values(path)[("采购组织", f"{c}5")] for c in "FGHI"] == FLAGS_ZH


@pytest.mark.skipif(soffice() is None, reason="LibreOffice not installed")
def test_no_true_false_after_libreoffice_and_the_buying_centre_prints(tmp_path: Path) -> None:
    made = [ap.build(_flag_plan(), lang=lang).save(tmp_path / f"plan_{lang}.xlsx") for lang in ("zh", "en")]
    made.append(ap.build(None, lang="zh").save(tmp_path / "blank.xlsx"))
    made.append(dev.build(None, lang="zh").save(tmp_path / "dev.xlsx"))
    out = libreoffice_recalc(made, tmp_path / "lo")
    for path in made:
        values = cached_values(out[path])
        assert not [k for k, v in values.items() if isinstance(v, bool)], path.name
        assert not _errors(values), path.name
    assert [cached_values(out[made[0]])[("采购组织", f"{c}5")] for c in "FGHI"] == FLAGS_ZH
    assert [cached_values(out[made[1]])[("Buying centre", f"{c}5")] for c in "FGHI"] == ["Yes", "Yes", "Yes", "No"]
    # LibreOffice crashed printing this sheet while its flags were TRUE/FALSE under conditional formats
    pdf_dir = tmp_path / "pdf"
    profile = (tmp_path / "profile").as_uri()
    exe = soffice()
    assert exe is not None
    done = subprocess.run(
        [exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir),
         str(made[0])],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and (pdf_dir / "plan_zh.pdf").stat().st_size > 0, done.stderr
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)


# ---------------------------------------------------------------- 6. ordinary edits: a zero total, over budget


def test_zero_total_spend_gives_blank_not_div0_in_formulas(tmp_path: Path) -> None:
    path = ap.build(_flag_plan(), lang="zh").save(tmp_path / "plan.xlsx")
    fb = FormulasBook(path)
    titles = load_workbook(path, read_only=True).sheetnames
    before = by_title(fb.values(), titles)
    assert before[("诊断", "B17")] == pytest.approx(0.25)  # 1,000 / 4,000
    after = by_title(fb.values({("诊断", "B16"): 0}), titles)
    assert after[("诊断", "B17")] == "" and after[("概览", "B23")] == "" and after[("概览", "B24")] == ""
    assert not _errors(after)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice not installed")
def test_zero_total_spend_gives_blank_not_div0_in_libreoffice(tmp_path: Path) -> None:
    path = ap.build(_flag_plan(), lang="zh").save(tmp_path / "plan.xlsx")
    wb = load_workbook(path)
    wb["诊断"]["B16"] = 0  # as a user would type it
    wb.save(path)
    values = cached_values(libreoffice_recalc([path], tmp_path / "lo")[path])
    assert values.get(("诊断", "B17"), "") == "" and values.get(("概览", "B23"), "") == ""
    assert not _errors(values)


def test_over_budget_actions_are_flagged(tmp_path: Path) -> None:
    path = ap.build(_flag_plan(), lang="zh").save(tmp_path / "plan.xlsx")
    values = by_title(FormulasBook(path).values(), load_workbook(path, read_only=True).sheetnames)
    assert values[("行动计划", "K7")] == "超预算"  # the column's heading
    # rows 8–10 by hand: 12,500 > 10,000 → 超预算; 30,000 = 30,000 → blank; no budget → blank; a spare row blank
    assert [values.get(("行动计划", f"K{r}"), "") for r in range(8, 12)] == ["超预算", "", "", ""]
    en = ap.build(_flag_plan(), lang="en").save(tmp_path / "plan_en.xlsx")
    assert cached_values(en)[("Action plan", "K8")] == "Over budget"


# ---------------------------------------------------------------- 6. the pipeline over open deals


def _records() -> list[dev.Attempt]:
    # stage probabilities (default model): 确定对象 0.10, 需求明确 0.25, 价值评估 0.50, 关系建立 0.75, 促成成交 0.90
    return [
        dev.Attempt(account="甲", stage="价值评估", expected_value=1_000_000, outcome="进行中"),  # weighted 500,000
        dev.Attempt(account="乙", stage="价值评估", expected_value=2_000_000, outcome="丢单"),  # lost: not open
        dev.Attempt(account="丙", stage="促成成交", expected_value=3_000_000, outcome="赢单"),  # won: not open
        dev.Attempt(account="丁", stage="促成成交", expected_value=400_000, outcome="进行中"),  # weighted 360,000
        dev.Attempt(account="戊", stage="需求明确", expected_value=800_000, outcome="放弃"),  # dropped: not open
    ]


def test_development_stage_table_counts_open_deals_only(tmp_path: Path) -> None:
    path = dev.build(_records(), lang="zh").save(tmp_path / "dev.xlsx")
    values = by_title(FormulasBook(path).values(), load_workbook(path, read_only=True).sheetnames)
    cached = cached_values(path)
    for got in (values, cached):
        table = {got[("汇总", f"A{r}")]: [got.get(("汇总", f"{c}{r}")) for c in "BCD"] for r in range(5, 10)}
        # by hand: 价值评估 open = 甲 only: 1 deal, 1,000,000, weighted 500,000 (乙 is lost); 促成成交 open = 丁:
        # 400,000 × 0.9 = 360,000 (丙 is won); 需求明确: 戊 dropped → 0
        assert table["价值评估"] == [1, 1_000_000, 500_000]
        assert table["促成成交"] == [1, 400_000, pytest.approx(360_000)]
        assert table["需求明确"] == [0, 0, 0]
        # the total row (10): 2 open deals, 1,400,000, weighted 860,000
        assert [got[("汇总", f"{c}10")] for c in "BCD"] == [2, 1_400_000, pytest.approx(860_000)]
        # below the outcome table (rows 12–16): attempts 5, open pipeline 860,000, won 3,000,000, lost 2,000,000,
        # win rate 1 / (1 + 1) = 50 %
        figures = {got[("汇总", f"A{r}")]: got.get(("汇总", f"B{r}")) for r in range(18, 23)}
        assert figures == {
            "尝试数": 5,
            "加权管道（进行中）": pytest.approx(860_000),
            "赢单金额": 3_000_000,
            "丢单金额": 2_000_000,
            "赢单率（赢单 ÷ 赢单与丢单）": 0.5,
        }


# ---------------------------------------------------------------- 5. wide enough for the value


def test_widths_fit_the_formatted_maximum() -> None:
    # "¥99,999,999,999.99" is 18 characters; a minus sign and a margin of 2 → 21
    assert shown_as('"¥"#,##0.00', 99_999_999_999.99) == "¥99,999,999,999.99"
    assert fit_width('"¥"#,##0.00', 99_999_999_999.99) == 21.0
    assert shown_as("0.0%", 0.1234) == "12.3%"
