"""``kam-xl rollup``: a team's account plans, generated, then edited as people edit them, back into one portfolio.

The folder: four plans of the bundled samples and one plan filled in by hand (scores worked out below),
one customer file; copies edited with openpyxl (a changed weight on the Model sheet, a number typed
over a formula) and in the sheet's XML (a ``#REF!``); one plan made with another scoring model; an
xlsx kam_xl did not make and a text file. Each run is a subprocess; every input is byte-identical after.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest

from kam_xl.core import scorecard
from kam_xl.models import default_model, model_from_dict
from kam_xl.samples.account_plan import account_plan
from kam_xl.samples.accounts import sample_portfolio
from kam_xl.samples.customer_file import customer_file
from kam_xl.workbooks import account_plan as plan_kind
from kam_xl.workbooks import customer_file as file_kind
from kam_xl.workbooks import portfolio
from kam_xl.workbooks.account_plan import AccountPlan
from kam_xl.workbooks.model_sheet import model_dict

SCORECARD = "评分"  # the zh plan's second sheet
LINE = re.compile(r"^(?P<file>[^:\s]+): (?:(?P<sheet>[^!\s]+)!(?P<cell>[A-Z]+\d+): )?(?P<kind>[^:]+):")
SAMPLES = {"weight.xlsx": ("甲方重工", 1), "typed.xlsx": ("乙方电气", 2), "ref.xlsx": ("丙方建材", 3),
           "clean.xlsx": ("丁方化工", 4)}  # fmt: skip
HAND = "戊方机械"


def edit_xml(path: Path, part: str, cell: str, xml: str) -> None:
    """Replace one cell's XML in a sheet part, every other byte and cached value kept (as Excel saves)."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    new, n = re.subn(rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)', xml, parts[part].decode(), count=1)
    assert n == 1, cell
    parts[part] = new.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def weight_row(ws: Any, code_index: int = 0) -> int:
    rows = [r for r in range(2, ws.max_row + 1) if re.search(r"criteria\[\d+\]\.weight$", str(ws.cell(r, 1).value))]
    return rows[code_index]


def hand_scores() -> dict[str, float]:
    """Every criterion 5, but values_innovation (weight 10) 10."""
    card = default_model().scorecard(default_model().tier_scorecard)
    return {c.code: (10.0 if c.code == "values_innovation" else 5.0) for c in card.criteria}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    src = tmp_path_factory.mktemp("plans")
    for name, (account, seed) in SAMPLES.items():
        plan_kind.write(src / name, account_plan(account, seed))
    file_kind.write(src / "clean-file.xlsx", customer_file(SAMPLES["clean.xlsx"][0], 4))
    plan_kind.write(src / "hand.xlsx", AccountPlan(account=HAND, industry="机械", owner="李雷", scores=hand_scores()))

    wb = openpyxl.load_workbook(src / "weight.xlsx")  # a changed weight on the Model sheet
    ws: Any = wb["Model"]
    row = weight_row(ws)
    ws.cell(row, 2).value = ws.cell(row, 2).value + 1
    wb.save(src / "weight.xlsx")
    wb = openpyxl.load_workbook(src / "typed.xlsx")  # a number typed over the 2nd criterion's contribution
    ws = wb[SCORECARD]
    ws["G6"] = 99
    wb.save(src / "typed.xlsx")
    edit_xml(
        src / "ref.xlsx", "xl/worksheets/sheet2.xml", "G7", '<c r="G7" s="12" t="e"><f>#REF!*F7</f><v>#REF!</v></c>'
    )

    other = model_dict(default_model())  # another model: market_leader's weight 8 → 9, made with it intact
    other = copy.deepcopy(other)
    other["scorecards"]["account_selection"]["criteria"][0]["weight"] = 9.0
    plan_kind.write(src / "other-model.xlsx", account_plan("己方能源", 5), model=model_from_dict(other))

    stranger = openpyxl.Workbook()
    ws = stranger.active
    ws["A1"] = "客户名称"
    stranger.save(src / "stranger.xlsx")
    (src / "notes.txt").write_text("not a workbook", encoding="utf-8")
    portfolio.write(src / "team-portfolio.xlsx", sample_portfolio(5))  # a kam_xl workbook, but not a plan or file

    before = {p.name: p.read_bytes() for p in src.iterdir()}
    out = tmp_path_factory.mktemp("out") / "rollup.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "kam_xl.cli", "rollup", str(src), "--out", str(out), "--lang", "en"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    after = {p.name: p.read_bytes() for p in src.iterdir()}
    return {"src": src, "out": out, "done": done, "before": before, "after": after, "weight_row": row}


def test_inputs_are_byte_identical(folder: dict[str, object]) -> None:
    assert folder["after"] == folder["before"]


def test_exactly_the_edited_files_and_cells_are_reported(folder: dict[str, object]) -> None:
    done = folder["done"]
    assert isinstance(done, subprocess.CompletedProcess)
    assert done.returncode == 1, done.stdout + done.stderr
    found = {(m["file"], m["sheet"], m["cell"], m["kind"]) for m in map(LINE.match, done.stdout.splitlines()) if m}
    row = folder["weight_row"]
    skipped = "not a kam_xl workbook, or unreadable (skipped)"
    assert found == {
        ("weight.xlsx", "Model", f"B{row}", "model edited"),
        ("typed.xlsx", SCORECARD, "G6", "overwritten formula"),
        ("ref.xlsx", SCORECARD, "G7", "formula error"),
        ("other-model.xlsx", "Model", f"B{row}", "made with another scoring model"),
        ("stranger.xlsx", None, None, skipped),
        ("notes.txt", None, None, skipped),
        ("team-portfolio.xlsx", None, None, "another kind of kam_xl workbook (skipped)"),
    }, done.stdout
    assert "team-portfolio.xlsx: another kind of kam_xl workbook (skipped): a kam_xl portfolio, not an account" in (
        done.stdout
    )
    assert "is 9, the rollup's model's is 8" in done.stdout  # the Model row that differs, both values


def _rows(out: Path) -> dict[str, dict[str, object]]:
    ws = openpyxl.load_workbook(out, data_only=True).worksheets[0]
    headers = [str(c.value) for c in ws[4]]
    return {str(r[0]): dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}


def test_the_rest_is_rolled_up_with_the_core_s_scores(folder: dict[str, object]) -> None:
    out = folder["out"]
    assert isinstance(out, Path)
    rows = _rows(out)
    model = default_model()
    card = model.scorecard(model.tier_scorecard)
    names = [a for a, _ in SAMPLES.values()] + ["己方能源", HAND]
    assert sorted(rows) == sorted(names)  # every plan, edited or not, rolled up from its inputs
    for name, (account, seed) in [*SAMPLES.items(), ("other-model.xlsx", ("己方能源", 5))]:
        plan = account_plan(account, seed)
        scores = np.array([plan.scores[c.code] for c in card.criteria], dtype=float)
        expected = float(scorecard.score(scores, card, model))  # the rollup's (default) model, not the file's
        assert rows[account]["Score (0–100)"] == pytest.approx(expected), name
        tier = model.tiers[int(scorecard.tier_index(expected, model))].en
        assert rows[account]["Tier"] == tier, name
        assert rows[account]["Plan file"] == name
    # By hand: weights 8,8,8,8,6,10,10,10,10,8,8,8,6,6,6,6,6,8 sum to 140; all scores 5 but values_innovation
    # (weight 10) 10: raw = 140×5 + 10×(10−5) = 750; range 140×1 = 140 … 140×10 = 1400 (1–10 card);
    # score = 100·(750 − 140)/1260 = 48.41…
    # below the Key tier's 55 and at least Growth's 35: Growth.
    hand = rows[HAND]
    assert hand["Raw score"] == pytest.approx(750.0)
    assert hand["Score (0–100)"] == pytest.approx(100 * (750 - 140) / 1260)
    assert hand["Tier"] == "Growth"
    assert (hand["Industry"], hand["Owner"]) == ("机械", "李雷")


def test_the_customer_file_adds_its_code(folder: dict[str, object]) -> None:
    src, out = folder["src"], folder["out"]
    assert isinstance(src, Path) and isinstance(out, Path)
    code = openpyxl.load_workbook(src / "clean-file.xlsx").worksheets[0]["B6"].value
    row = _rows(out)[SAMPLES["clean.xlsx"][0]]
    assert code and row["Account code"] == code and row["Customer file"] == "clean-file.xlsx"
    problems = openpyxl.load_workbook(out)["Problems"]
    listed = {(r[0], r[1], r[2]) for r in problems.iter_rows(min_row=4, max_col=3, values_only=True) if r[0]}
    assert ("ref.xlsx", SCORECARD, "G7") in listed and ("notes.txt", None, None) in listed


def test_a_folder_that_cannot_be_read_or_an_output_that_exists(tmp_path: Path, folder: dict[str, object]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kam_xl.cli", "rollup", str(tmp_path / "missing"), "--out", str(tmp_path / "o.xlsx")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    out = folder["out"]
    done = subprocess.run(
        [sys.executable, "-m", "kam_xl.cli", "rollup", str(folder["src"]), "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
