"""The portfolio workbook: every computed cell agrees with the core in three engines.

Seeded random portfolios (blank sections and single blanks, tied values,
values on the band thresholds) are written, recomputed by ``formulas`` and by
LibreOffice, and every formula cell is compared with the cached value kam_xl
wrote; the indicators are recomputed here, row by row, from the core functions
(not through the module's own scoring path). A pandas read-back scores the
same through ``score_portfolio``; hand-worked rows check the arithmetic.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from engines import FormulasBook, by_title, cached_values, close, formula_cells, libreoffice_recalc
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kam_xl.core import account_risk, barriers, clv, pareto, pyramid, receivables, scorecard
from kam_xl.core.rounding import SHARE_DECIMALS
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model, default_model, model_from_dict
from kam_xl.portfolio import OUTPUTS, resolve_columns, score_portfolio
from kam_xl.samples.portfolio import portfolio
from kam_xl.workbooks import portfolio as pw
from kam_xl.workbooks.book import OverwriteError
from kam_xl.workbooks.lint import lint_workbook
from kam_xl.xlformulas import scoring as xlformulas
from tests.conftest import SELECTION_WEIGHTS, default_dict

MODEL = default_model()
EXTRA_OUTPUTS = ("share_above", "value_rank", "overdue_amount", "risk")  # the table's figures besides OUTPUTS
INDUSTRIES = ("电气设备", "仪器仪表", "机械制造", "建材", "钢铁", "汽车零部件")


def _team_model() -> Model:
    """A team's own model: three tiers, blank scores counted as zero, ABC on gross profit. The top
    tier's label is one COUNTIF would read as a pattern ("Gold*" also matches "Gold"): the summary
    counts whole labels."""
    d = default_dict()
    d["model"]["missing"] = "zero"
    d["abc"]["value"] = "gross_profit"
    d["tier"]["levels"] = [
        {"code": "P", "min": 70, "zh": "白金卡", "en": "Gold*"},
        {"code": "G", "min": 45, "zh": "金卡", "en": "Gold"},
        {"code": "S", "zh": "银卡", "en": "Silver"},
    ]
    # the discount policy names every tier (优惠政策, one rate per tier code) …
    d["discount"]["levels"] = [{"code": "P", "rate": 0.06}, {"code": "G", "rate": 0.03}, {"code": "S", "rate": 0}]
    # and the visit cadence one count per tier (拜访频率, the service log's check)
    d["service"]["visits"] = [
        {"tier": "P", "per_quarter": 12},
        {"tier": "G", "per_quarter": 4},
        {"tier": "S", "per_quarter": 1},
    ]
    return model_from_dict(d, "team")


# ---------------------------------------------------------------- random portfolios


def random_table(n: int, seed: int, model: Model = MODEL) -> pd.DataFrame:
    """``n`` accounts; about one row in eight blanks a whole section, one in twenty a single field."""
    rng = np.random.default_rng(seed)
    card, b = model.scorecard(), model.barrier
    t: dict[str, object] = {
        "account": [f"{INDUSTRIES[i % 6]}客户{i:03d}" for i in range(n)],
        "industry": rng.choice(INDUSTRIES, n),
        "owner": rng.choice(["王磊", "李娜", "张伟"], n),
    }
    sections: dict[str, list[str]] = {"criteria": [c.code for c in card.criteria]}
    low = card.scale_min
    for c in card.criteria:
        whole = rng.integers(int(low), int(card.scale) + 1, n).astype(float)
        t[c.code] = np.where(rng.random(n) < 0.2, np.round(rng.uniform(low, card.scale, n), 1), whole)
    value = np.round(rng.lognormal(15, 1.2, n), -3)
    value[rng.random(n) < 0.15] = value[0]  # ties share a class, a layer and a rank
    t[model.abc.value] = value
    sections["value"] = [model.abc.value]
    t["current_value"], t["potential_value"] = (
        rng.integers(0, 101, n).astype(float),
        rng.integers(0, 101, n).astype(float),
    )
    sections["quadrant"] = ["current_value", "potential_value"]
    for w in b.wall_criteria:
        t[w.code] = rng.integers(0, int(w.max) + 1, n).astype(float)
    parts = ["technical", "commercial", "procedural", "financial", "relational"]
    for k in parts:
        t[k] = np.round(rng.uniform(0, b.component_scale, n) * 2) / 2
    sections["barrier"] = [w.code for w in b.wall_criteria] + parts
    t["margin"] = np.round(rng.uniform(1e4, 5e6, n), 2)
    t["retention"] = np.round(rng.uniform(0, 0.95, n), 2)
    t["discount"] = np.round(rng.uniform(0, 0.25, n), 3)
    t["horizon"] = np.where(rng.random(n) < 0.5, rng.integers(1, 20, n), np.nan)
    sections["clv"] = ["margin", "retention", "discount"]
    t["dso"] = np.round(rng.uniform(0, 160, n), 1)
    t["overdue_ratio"] = np.round(rng.uniform(0, 0.6, n), 3)
    sections["credit"] = ["dso", "overdue_ratio"]
    t["overdue_prev"] = np.round(rng.uniform(0, 0.6, n), 3)
    t["outstanding"] = np.round(rng.uniform(0, 2e6, n), 2)
    sections["receivables"] = ["overdue_prev", "outstanding"]
    t["dm_stance"] = rng.choice([*(s.text("zh") for s in model.buying_centre.stances), ""], n)
    frame = pd.DataFrame(t)
    for cols in sections.values():
        whole = rng.random(n) < 0.12
        frame.loc[whole, cols] = np.nan
        one = rng.random(n) < 0.05
        frame.loc[one, cols[int(rng.integers(len(cols)))]] = np.nan
    if n > 3:  # values exactly on the thresholds: ROUND must put them in the upper band
        # every criterion at 3/4 of its scale: score 75 → the top tier (default model)
        frame.loc[1, sections["criteria"]] = card.scale_min + (card.scale - card.scale_min) * 0.75
        frame.loc[2, sections["barrier"]] = [*(w.max for w in b.wall_criteria), 5, 5, 0, 0, 0]  # barrier 70 → strong
        frame.loc[3, ["dso", "overdue_ratio"]] = [45, 0.05]  # credit A's limits exactly
    if n > 4:  # one blank criterion: blank score with missing = "error", scored as 0 with "zero"
        frame.loc[4, sections["criteria"]] = (card.scale_min + card.scale) / 2
        frame.loc[4, sections["criteria"][0]] = np.nan
    return frame


def expected(table: pd.DataFrame, model: Model, lang: str) -> dict[str, list[object]]:
    """Each indicator column recomputed with the core functions ("" where the formulas give blank)."""
    n, card, b = len(table), model.scorecard(), model.barrier
    out: dict[str, list[object]] = {k: [""] * n for k in (*OUTPUTS, *EXTRA_OUTPUTS)}

    def arr(cols: list[str]) -> np.ndarray:
        return table[cols].to_numpy(dtype=float).reshape(n, len(cols))

    def fill(key: str, rows: np.ndarray, values: object) -> None:
        for i, v in zip(np.flatnonzero(rows), np.atleast_1d(np.asarray(values, dtype=object)), strict=True):
            out[key][i] = float(v) if isinstance(v, (float, np.floating, int, np.integer)) else str(v)

    scores = arr([c.code for c in card.criteria])
    ok = ~np.isnan(scores).any(axis=1) if model.missing == "error" else ~np.isnan(scores).all(axis=1)
    fill("score_raw", ok, scorecard.score_raw(scores[ok], card, model))
    score = np.full(n, np.nan)
    score[ok] = scorecard.score(scores[ok], card, model)
    fill("score", ok, score[ok])
    fill("tier", ok, scorecard.tier(score[ok], model, lang))

    v = arr([model.abc.value])[:, 0]
    ok = ~np.isnan(v)
    fill("share_above", ok, np.round(pareto.share_above(v[ok]), SHARE_DECIMALS))
    fill("value_rank", ok, account_risk.value_ranks(v[ok]))
    fill("abc", ok, pareto.abc(v[ok], model, lang))
    fill("pyramid", ok, pyramid.pyramid(v[ok], model, lang))

    cp = arr(["current_value", "potential_value"])
    ok = ~np.isnan(cp).any(axis=1)
    fill("quadrant", ok, pyramid.quadrant(cp[ok, 0], cp[ok, 1], model, lang))

    walls = arr([w.code for w in b.wall_criteria])
    ok_wall = ~np.isnan(walls).any(axis=1)
    fill("wall", ok_wall, barriers.wall(walls[ok_wall], model))
    ratio = np.full(n, np.nan)
    ratio[ok_wall] = barriers.wall_ratio(walls[ok_wall], model)
    fill("wall_ratio", ok_wall, ratio[ok_wall])
    sw_parts = arr(["procedural", "financial", "relational"])
    ok_sw = ~np.isnan(sw_parts).any(axis=1)
    switching = np.full(n, np.nan)
    switching[ok_sw] = barriers.switching_cost(*sw_parts[ok_sw].T, model=model)
    fill("switching", ok_sw, switching[ok_sw])
    tc = arr(["technical", "commercial"])
    ok = ok_wall & ok_sw & ~np.isnan(tc).any(axis=1)
    strength = np.full(n, np.nan)
    strength[ok] = barriers.barrier_strength(ratio[ok], tc[ok, 0], tc[ok, 1], switching[ok], model=model)
    fill("barrier", ok, strength[ok])
    fill("barrier_level", ok, barriers.barrier_level(strength[ok], model, lang))

    ok = ~np.isnan(score) & ~np.isnan(strength)
    fill("matrix", ok, pyramid.matrix(score[ok], strength[ok], model, lang))

    mrd = arr(["margin", "retention", "discount"])
    ok = ~np.isnan(mrd).any(axis=1)
    fill("clv", ok, clv.clv(*mrd[ok].T, horizon=arr(["horizon"])[ok, 0], model=model))

    dr = arr(["dso", "overdue_ratio"])
    ok = ~np.isnan(dr).any(axis=1)
    fill("credit_rating", ok, receivables.credit_rating(dr[ok, 0], dr[ok, 1], model, lang))

    owed = arr(["outstanding", "overdue_ratio"])
    ok = ~np.isnan(owed).any(axis=1)
    fill("overdue_amount", ok, account_risk.overdue_amount(owed[ok, 0], owed[ok, 1]))
    stance = table["dm_stance"].tolist() if "dm_stance" in table else [None] * n
    prev = arr(["overdue_prev"])[:, 0] if "overdue_prev" in table else np.full(n, np.nan)
    reasons = account_risk.risk_reasons(out["barrier_level"], out["credit_rating"], stance, dr[:, 1], prev, model, lang)
    fill("risk", np.ones(n, dtype=bool), reasons)
    return out


def letters(model: Model) -> dict[str, str]:
    from openpyxl.utils import get_column_letter

    return {c.key: get_column_letter(i) for i, c in enumerate(pw.columns(model), start=1)}


def check_table(values: dict[tuple[str, str], object], exp: dict[str, list[object]], model: Model, lang: str) -> int:
    """Every indicator cell of the table against the core; returns how many were checked."""
    title = pw.LABELS["sheet"][0 if lang == "zh" else 1]
    cols, bad, checked = letters(model), [], 0
    for key, column in exp.items():
        for i, want in enumerate(column):
            ref = f"{cols[key]}{pw.FIRST_ROW + i}"
            got = values[(title, ref)]
            checked += 1
            if not close(got, want):
                bad.append((ref, key, want, got))
    assert not bad, bad[:10]
    return checked


def check_engine(values: dict[tuple[str, str], object], cached: dict[tuple[str, str], object], cells: object) -> None:
    """Every formula cell of the workbook: the engine's value equals the cached one."""
    bad = [(k, cached[k], values.get(k)) for k in cells if not close(values.get(k), cached[k])]  # type: ignore[attr-defined]
    assert not bad, bad[:10]


def no_errors(values: dict[tuple[str, str], object], cells: object) -> None:
    errors = [(k, values.get(k)) for k in cells if str(values.get(k)).startswith("#")]  # type: ignore[attr-defined]
    assert not errors, errors[:10]


# ---------------------------------------------------------------- workbooks shared by the tests


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The 200-row parity book, a team-model book, blank templates (zh, en), and their LibreOffice copies."""
    tmp = tmp_path_factory.mktemp("portfolio")
    team = _team_model()
    made = {
        "random": (random_table(200, 11), MODEL, "zh", 6),
        "team": (random_table(30, 12, team), team, "en", 3),
        "blank_zh": (None, MODEL, "zh", 12),
        "blank_en": (None, MODEL, "en", 12),
    }
    paths = {
        name: pw.write(tmp / f"{name}.xlsx", t, model=m, lang=lang, spare_rows=s)
        for name, (t, m, lang, s) in made.items()
    }
    lo = libreoffice_recalc(list(paths.values()), tmp / "lo")
    return {"made": made, "paths": paths, "lo": {name: lo[p] for name, p in paths.items()}}


def test_cached_values_equal_the_core_on_200_random_rows(books: dict) -> None:
    table, model, lang, _ = books["made"]["random"]
    cached = cached_values(books["paths"]["random"])
    assert check_table(cached, expected(table, model, lang), model, lang) == 200 * 18  # 14 indicators + 4 more


def test_formulas_recompute_the_core_and_the_cached_values(books: dict) -> None:
    path = books["paths"]["random"]
    table, model, lang, _ = books["made"]["random"]
    titles = load_workbook(path, read_only=True).sheetnames
    values = by_title(FormulasBook(path).values(), titles)
    check_table(values, expected(table, model, lang), model, lang)
    check_engine(values, cached_values(path), formula_cells(path))  # the summary and the weight row too


@pytest.mark.parametrize("name", ["random", "team", "blank_zh", "blank_en"])
def test_libreoffice_recalculates_the_same(books: dict, name: str) -> None:
    path, recalculated = books["paths"][name], books["lo"][name]
    table, model, lang, _ = books["made"][name]
    lo, cells = cached_values(recalculated), formula_cells(path)
    check_engine(lo, cached_values(path), cells)
    no_errors(lo, cells)
    if table is not None:
        check_table(lo, expected(table, model, lang), model, lang)


def test_a_teams_model_scores_with_its_own_tiers_value_and_missing_rule(books: dict) -> None:
    table, model, lang, _ = books["made"]["team"]
    path = books["paths"]["team"]
    values = by_title(FormulasBook(path).values(), load_workbook(path, read_only=True).sheetnames)
    exp = expected(table, model, lang)
    check_table(values, exp, model, lang)
    assert set(exp["tier"]) - {""} <= {"Gold*", "Gold", "Silver"}
    # missing = "zero": row 4's blank criterion (weight 8 of 140) counts as the scale's lowest score lo, the
    # others are at the middle m = (lo + hi)/2: raw = m · 132 + lo · 8 — on 0–10, 5 · 132 = 660 and a score
    # of 660/1400 = 47.14; on 1–10, 5.5 · 132 + 8 = 734 and (734 − 140)/1260 = 47.14
    lo, hi = model.scorecard().scale_min, model.scorecard().scale
    raw = (lo + hi) / 2 * 132 + lo * 8
    assert close(exp["score_raw"][4], raw) and close(
        values[("Portfolio", f"{letters(model)['score']}{pw.FIRST_ROW + 4}")],
        100 * (raw - 140 * lo) / (140 * (hi - lo)),
    )
    assert values[("Portfolio", f"{letters(model)['tier']}{pw.FIRST_ROW + 4}")] == "Gold"  # 47.1 ≥ 45
    # the summary counts each tier's whole label: "Gold*" only its own rows, not Gold's too
    summary = {ref: v for (sheet, ref), v in values.items() if sheet == "Summary"}
    counts = {summary[f"A{r}"]: summary[f"B{r}"] for r in range(7, 12) if f"A{r}" in summary}
    assert counts["Gold*"] == exp["tier"].count("Gold*") and counts["Gold"] == exp["tier"].count("Gold")
    assert exp["tier"].count("Gold*") and exp["tier"].count("Gold")  # both occur, so the check bites


@pytest.mark.parametrize("name", ["blank_zh", "blank_en"])
def test_blank_templates_show_blanks_not_errors(books: dict, name: str) -> None:
    path = books["paths"][name]
    _, model, lang, spare = books["made"][name]
    cells = formula_cells(path)
    cached = cached_values(path)
    no_errors(cached, cells)
    values = by_title(FormulasBook(path).values(), load_workbook(path, read_only=True).sheetnames)
    no_errors(values, cells)
    check_engine(values, cached, cells)
    title = pw.LABELS["sheet"][0 if lang == "zh" else 1]
    cols = letters(model)
    assert all(cached[(title, f"{cols[k]}{pw.FIRST_ROW + i}")] == "" for k in OUTPUTS for i in range(spare))
    summary = pw.LABELS["summary"][0 if lang == "zh" else 1]
    assert cached[(summary, "B4")] == 0.0 and cached[(summary, "B5")] == 0.0


# ---------------------------------------------------------------- edits recompute as the core does


@pytest.fixture(scope="module")
def edit_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, Path, FormulasBook]:
    table = random_table(40, 21)
    path = pw.write(tmp_path_factory.mktemp("edit") / "edit.xlsx", table, model=MODEL, spare_rows=2)
    return table, path, FormulasBook(path)


def _edit(edit_book: tuple, column: str, key: str, row: int, value: float) -> tuple[dict, dict]:
    """Type ``value`` into the table's ``column`` (layout key ``key``) at ``row``; formulas must give the core's answers."""
    table, path, fb = edit_book
    cell = f"{letters(MODEL)[key]}{pw.FIRST_ROW + row}"
    changed = table.copy()
    changed.loc[row, column] = value
    before, after = expected(table, MODEL, "zh"), expected(changed, MODEL, "zh")
    values = by_title(fb.values(inputs={("客户组合", cell): value}), load_workbook(path, read_only=True).sheetnames)
    check_table(values, after, MODEL, "zh")
    return before, after


def test_one_larger_revenue_moves_other_accounts_abc_class_and_pyramid_layer(edit_book: tuple) -> None:
    table = edit_book[0]
    # the smallest account becomes by far the largest: the share above every other account grows
    row = int(table["revenue"].idxmin())
    before, after = _edit(edit_book, "revenue", "revenue", row, float(table["revenue"].sum() * 3))
    others = [i for i in range(len(table)) if i != row]
    assert any(before["abc"][i] != after["abc"][i] for i in others)
    assert any(before["pyramid"][i] != after["pyramid"][i] for i in others)


def test_one_criterion_score_changes_a_tier(edit_book: tuple) -> None:
    table = edit_book[0]
    heaviest = max(MODEL.scorecard().criteria, key=lambda c: c.weight).code  # weight 10 of 140: 10 points = 7.1
    exp = expected(table, MODEL, "zh")
    mins = [t.min for t in MODEL.tiers[:-1]]
    # a scored row within 5 points below a tier threshold whose heaviest criterion is at most 3
    row = next(
        i
        for i, s in enumerate(exp["score"])
        if s != "" and table.loc[i, heaviest] <= 3 and any(0 < m - s <= 5 for m in mins)
    )
    before, after = _edit(edit_book, heaviest, f"criterion:{heaviest}", row, 10.0)
    assert before["tier"][row] != after["tier"][row]


# ---------------------------------------------------------------- read back, by hand, and the workbook's conventions


@pytest.mark.parametrize(("lang", "engine"), [("zh", "openpyxl"), ("en", "calamine")])
def test_a_written_portfolio_read_back_with_pandas_scores_the_same(tmp_path: Path, lang: str, engine: str) -> None:
    table = portfolio(model=MODEL)
    path = pw.write(tmp_path / f"p_{lang}.xlsx", table, model=MODEL, lang=lang)
    title = pw.LABELS["sheet"][0 if lang == "zh" else 1]
    read = pd.read_excel(path, sheet_name=title, header=pw.HEADER_ROW - 1, engine=engine)
    read = read[read.iloc[:, 0].notna()].reset_index(drop=True)  # the spare rows are blank
    assert len(read) == 36
    rescored = score_portfolio(read, MODEL, lang)
    core = score_portfolio(table, MODEL, lang)
    assert list(rescored.columns) == list(OUTPUTS)  # every indicator's inputs were recognised
    for key in OUTPUTS:
        shown = read[REGISTRY[key].name(lang)].tolist()
        for got, again, want in zip(shown, rescored[key].tolist(), core[key].tolist(), strict=True):
            assert close(got, want) and close(again, want), (key, got, again, want)


def test_headers_are_ones_score_portfolio_recognises() -> None:
    for lang in ("zh", "en"):
        for col in pw.columns(MODEL):
            if col.kind != "formula":
                header = col.header[0 if lang == "zh" else 1]
                found = resolve_columns([header], MODEL)
                # the portfolio kind's own inputs (kam_xl.workbooks.portfolio._EXTRA_ALIASES) score_portfolio ignores
                own = ("industry", "owner", "outstanding", "overdue_prev", "dm_stance")
                assert col.key in own or found == {col.key: header}, (lang, col.key, found)


def hand_table() -> pd.DataFrame:
    """20 accounts with revenue 20, 19, …, 1 (thousand ¥); rows 0–4 carry the other sections."""
    card, n = MODEL.scorecard(), 20
    t = pd.DataFrame(
        {"account": [f"客户{i + 1:02d}" for i in range(n)], "revenue": [(20 - i) * 1000.0 for i in range(n)]}
    )
    lo, hi = card.scale_min, card.scale
    for c in card.criteria:  # all criteria equal: score = 100 · (that score − lowest) / (highest − lowest)
        t[c.code] = [hi, lo + 0.75 * (hi - lo), lo + 0.55 * (hi - lo), lo + 0.35 * (hi - lo), lo] + [np.nan] * 15
    walls = {
        "specified": [1, 2, 1],
        "share": [0, 1, 0],
        "contact": [1, 1, 0],
        "personal": [2, 2, 2],
    }  # seed 001 A, B, D
    for code, v in walls.items():
        t[code] = v + [np.nan] * 17
    for key, v in {"technical": [3, 5, 0], "commercial": [2, 5, 0]}.items():
        t[key] = v + [np.nan] * 17
    for key in ("procedural", "financial", "relational"):
        t[key] = [3, 5, 0] + [np.nan] * 17
    t["current_value"] = [80, 20, 60] + [np.nan] * 17
    t["potential_value"] = [30, 90, 60] + [np.nan] * 17
    t["margin"] = [1000, 1000] + [np.nan] * 18
    t["retention"] = [0.8, 0.8] + [np.nan] * 18
    t["discount"] = [0.1, 0.1] + [np.nan] * 18
    t["horizon"] = [np.nan, 3] + [np.nan] * 18
    t["dso"] = [45, 45.1, 10, np.nan] + [np.nan] * 16
    t["overdue_ratio"] = [0.05, 0.0, 0.31, 0.2] + [np.nan] * 16
    return t


def test_hand_worked_portfolio(tmp_path: Path) -> None:
    path = pw.write(tmp_path / "hand.xlsx", hand_table(), model=MODEL, spare_rows=0)
    v = cached_values(path)
    col = letters(MODEL)

    def at(key: str, i: int) -> object:
        return v[("客户组合", f"{col[key]}{pw.FIRST_ROW + i}")]

    # tiers: 100, 75 (exactly the A threshold), 55 (exactly B), 35 (exactly C), 0
    assert all(close(at("score", i), want) for i, want in enumerate([100.0, 75.0, 55.0, 35.0, 0.0]))
    assert [at("tier", i) for i in range(6)] == ["战略客户", "战略客户", "重点客户", "成长客户", "一般客户", ""]
    # ABC on 20 + 19 + … + 1 = 210: the 12th account has 20+…+10 = 165 above it, 165/210 = 0.786 < 0.8 → A;
    # the 13th 174/210 = 0.829 → B; the 16th 195/210 = 0.929 → B; the 17th 200/210 = 0.952 → C
    assert [at("abc", i) for i in range(20)] == ["A类"] * 12 + ["B类"] * 4 + ["C类"] * 4
    assert close(at("share_above", 12), 174 / 210)
    # pyramid, n = 20 (SPEC §2.4): 1 platinum, 3 gold, 6 silver, 10 bronze
    assert [at("pyramid", i) for i in range(20)] == ["白金"] + ["金"] * 3 + ["银"] * 6 + ["铜"] * 10
    # barriers (seed 001 rows A, B, D): A wall 4 → 50 %, strength 100·(0.4·0.5 + 0.15·3/5 + 0.15·2/5 + 0.3·3/5) = 53
    assert [at("wall", i) for i in range(3)] == [4.0, 6.0, 3.0]
    assert [at("wall_ratio", i) for i in range(3)] == [0.5, 0.75, 0.375]
    assert close(at("barrier", 0), 53.0) and close(at("barrier", 1), 90.0) and close(at("barrier", 2), 15.0)
    assert [at("barrier_level", i) for i in range(4)] == ["中", "强", "弱", ""]
    # matrix: (100, 53) strategic; (75, 90) strategic; (55, 15) high attractiveness, low strength → star
    assert [at("matrix", i) for i in range(4)] == ["战略", "战略", "明星", ""]
    assert [at("quadrant", i) for i in range(4)] == ["维持型", "发展型", "战略型", ""]
    # CLV: 1000/(1.1 − 0.8) = 3333.33; three years: 1000/1.1 + 800/1.21 + 640/1.331 = 2051.09
    assert close(at("clv", 0), 1000 / 0.3, rel=1e-12)
    assert close(at("clv", 1), 1000 / 1.1 + 800 / 1.21 + 640 / 1.331, rel=1e-12)
    # credit: A's limits exactly → A; DSO 45.1 → B; overdue 31 % > 30 % → D; no DSO → blank
    assert [at("credit_rating", i) for i in range(4)] == ["A（优）", "B（良）", "D（风险）", ""]
    # summary: totals, counts, the first Pareto row (20/210 = 9.5 %)
    s = {ref: v[("汇总", ref)] for (sheet, ref) in v if sheet == "汇总"}
    assert s["B4"] == 20.0 and s["B5"] == 210_000.0
    counts = {s[f"A{r}"]: s[f"B{r}"] for r in range(6, 40) if s.get(f"A{r}") and isinstance(s.get(f"B{r}"), float)}
    assert counts["A类"] == 12 and counts["B类"] == 4 and counts["C类"] == 4
    assert (counts["白金"], counts["金"], counts["银"], counts["铜"]) == (1, 3, 6, 10)
    assert (counts["战略客户"], counts["重点客户"], counts["成长客户"], counts["一般客户"]) == (2, 1, 1, 1)
    assert (s["E5"], s["F5"]) == ("客户01", 20_000.0) and close(s["G5"], 20 / 210)
    assert close(s["G24"], 1.0)


def test_the_pareto_list_and_the_weight_row_by_hand(tmp_path: Path) -> None:
    # revenue 50 (甲), 30 (乙), none (丙), 50 (丁), 20 (an account with no name); two spare rows
    table = pd.DataFrame({"account": ["甲", "乙", "丙", "丁", None], "revenue": [50.0, 30.0, np.nan, 50.0, 20.0]})
    path = pw.write(tmp_path / "pareto.xlsx", table, model=MODEL, spare_rows=2)
    cached = cached_values(path)
    engine = by_title(FormulasBook(path).values(), load_workbook(path, read_only=True).sheetnames)
    for values in (cached, engine):
        s = {ref: v for (sheet, ref), v in values.items() if sheet == "汇总"}
        assert (s["B4"], s["B5"]) == (4.0, 150.0)  # four names filled in; 50 + 30 + 50 + 20
        # 50, 50, 30, 20 of 150: the tie shows each holder once, in table order (甲 row 1, 丁 row 4); the
        # nameless account shows blank; each rank's row in the table in I
        assert [s[f"E{r}"] for r in range(5, 12)] == ["甲", "丁", "乙", "", "", "", ""]
        assert [s[f"I{r}"] for r in range(5, 12)] == [1.0, 4.0, 2.0, 5.0, "", "", ""]
        # the A-class cut, the chart's 80 % line: on the four ranks the chart covers, not on the spare rows
        assert [s.get(f"H{r}", "") for r in range(5, 12)] == [0.8] * 4 + [""] * 3
        assert [s[f"F{r}"] for r in range(5, 12)] == [50.0, 50.0, 30.0, 20.0, "", "", ""]
        assert all(close(s[f"G{r}"], want) for r, want in zip(range(5, 9), [1 / 3, 2 / 3, 13 / 15, 1.0], strict=True))
        assert [s[f"G{r}"] for r in range(9, 12)] == ["", "", ""]  # ranks 5–7: past the four values
        # the weight row: every default criterion points up (direction +1), so weight × direction = weight
        col = letters(MODEL)
        crit = [f"criterion:{c.code}" for c in MODEL.scorecard().criteria]
        assert [values[("客户组合", f"{col[k]}{pw.WEIGHT_ROW}")] for k in crit] == SELECTION_WEIGHTS


def test_formula_text_is_the_registry_rendering_for_its_row(tmp_path: Path) -> None:
    path = pw.write(tmp_path / "t.xlsx", random_table(12, 5), model=MODEL, spare_rows=3)
    cells = formula_cells(path)
    col, r, last = letters(MODEL), 9, pw.FIRST_ROW + 14
    values = f"${col['revenue']}${pw.FIRST_ROW}:${col['revenue']}${last}"

    def cell(key: str) -> str:
        return cells[("客户组合", f"{col[key]}{r}")]

    crit = [c.code for c in MODEL.scorecard().criteria]
    scores = f"{col['criterion:' + crit[0]]}{r}:{col['criterion:' + crit[-1]]}{r}"
    weights = f"${col['criterion:' + crit[0]]}$3:${col['criterion:' + crit[-1]]}$3"
    assert cell("score") == REGISTRY["score"].formula(scores, MODEL.tier_scorecard, MODEL, weights=weights)
    assert cell("tier") == REGISTRY["tier"].formula(f"{col['score']}{r}", "zh")
    assert cell("share_above") == xlformulas.share_above(f"{col['revenue']}{r}", values)
    assert cell("pyramid") == REGISTRY["pyramid"].formula(f"{col['revenue']}{r}", values, "zh")
    assert cell("matrix") == REGISTRY["matrix"].formula(f"{col['score']}{r}", f"{col['barrier']}{r}", "zh")
    rating = REGISTRY["credit_rating"].formula(f"{col['dso']}{r}", f"{col['overdue_ratio']}{r}", "zh")
    assert cell("credit_rating").endswith("," + rating[1:] + ")")  # inside the blank-input guard
    first_weight = cells[("客户组合", f"{col['criterion:' + crit[0]]}3")]
    assert first_weight == xlformulas.weight_direction(MODEL.tier_scorecard, 1)
    assert lint_workbook(path) == []


def test_text_from_data_stays_text_and_the_sheet_follows_the_conventions(tmp_path: Path) -> None:
    table = random_table(8, 3)
    names = ['=HYPERLINK("http://x","y")', "+86 10 1234", "-折扣客户", "@张工"]
    table.loc[:3, "account"] = names
    table.loc[4, "owner"] = "=1+1"
    path = pw.write(tmp_path / "c.xlsx", table, model=MODEL, spare_rows=4)
    wb = load_workbook(path)
    ws, summary = wb["客户组合"], wb["汇总"]
    col = letters(MODEL)
    for i, name in enumerate(names):
        cell = ws[f"A{pw.FIRST_ROW + i}"]
        assert cell.data_type == "s" and cell.value == name
    assert ws[f"{col['owner']}{pw.FIRST_ROW + 4}"].value == "=1+1"
    assert ws[f"{col['owner']}{pw.FIRST_ROW + 4}"].data_type == "s"
    # inputs unlocked (spare rows too), formulas locked, sheets protected without a password
    last = pw.FIRST_ROW + 8 + 4 - 1
    assert ws[f"{col['revenue']}{last}"].protection.locked is False
    assert ws[f"{col['tier']}{last}"].protection.locked is True
    assert ws.protection.sheet and summary.protection.sheet and not ws.protection.password
    # every numeric input column is validated over the whole block
    validated = {str(r) for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}
    for c in pw.columns(MODEL):
        if c.kind == "number":
            assert f"{col[c.key]}{pw.FIRST_ROW}:{col[c.key]}{last}" in validated, c.key
    # tier colours and traffic lights, frozen header, print titles, no tables (formulas cannot read them)
    coloured = {str(cf.sqref) for cf in ws.conditional_formatting}
    for key in ("tier", "barrier_level", "credit_rating"):
        assert f"{col[key]}{pw.FIRST_ROW}:{col[key]}{last}" in coloured
    assert ws.freeze_panes == f"D{pw.FIRST_ROW}" and ws.print_title_rows == f"${pw.HEADER_ROW}:${pw.HEADER_ROW}"
    assert not ws.tables and ws.auto_filter.ref == f"A{pw.HEADER_ROW}:{get_column_letter(len(col))}{last}"
    assert wb.sheetnames[:2] == ["客户组合", "汇总"] and wb.sheetnames[-1] == "Model"  # the dashboard between
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) >= 2  # the summary's two, the dashboard's
    assert any('barDir val="bar"' in c for c in charts)  # the pyramid, layers as horizontal bars
    assert any("lineChart" in c and "barChart" in c for c in charts)  # Pareto: values and cumulative share


def test_errors_name_the_column_and_row(tmp_path: Path) -> None:
    table = portfolio(model=MODEL)
    table.loc[3, "market_leader"] = 11
    with pytest.raises(Exception, match=r"market_leader, row 5"):  # header = row 1, index 3 = row 5
        pw.build(table, model=MODEL)
    table = portfolio(model=MODEL).astype({"revenue": object})
    table.loc[2, "revenue"] = "很多"
    with pytest.raises(Exception, match="revenue"):
        pw.build(table, model=MODEL)


def test_write_refuses_to_overwrite_and_the_sample_is_reproducible(tmp_path: Path) -> None:
    target = tmp_path / "mine.xlsx"
    target.write_bytes(b"a user's workbook")
    with pytest.raises(OverwriteError):
        pw.write(target, None, model=MODEL)
    assert target.read_bytes() == b"a user's workbook"
    a, b = portfolio(model=MODEL), portfolio(model=MODEL)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 36 and a["account"].is_unique and a[["owner", "dso", "overdue_ratio"]].notna().all().all()
    assert portfolio(40, model=MODEL)["account"].is_unique


# ---------------------------------------------------------------- issue #7: layout, room, colours, ranks above the live size


def test_key_columns_come_first_and_the_criterion_scores_last() -> None:
    keys = [c.key for c in pw.columns(MODEL)]
    assert keys[:10] == ["account", "owner", "industry", "tier", "revenue", "abc", "pyramid", "barrier_level",
                         "credit_rating", "risk"]  # fmt: skip
    criteria = [f"criterion:{c.code}" for c in MODEL.scorecard().criteria]
    assert keys[-len(criteria) :] == criteria and keys[-len(criteria) - 1] == "score_raw"
    for key in ("outstanding", "overdue_amount", "dm_stance", "overdue_prev"):  # the dashboard's inputs
        assert key in keys
    assert len(keys) == len(set(keys))


def test_the_blank_template_holds_a_thousand_accounts_with_filter_buttons(tmp_path: Path) -> None:
    path = pw.build(None, model=MODEL).save(tmp_path / "blank.xlsx")
    ws = load_workbook(path, read_only=False)["客户组合"]
    col, last = letters(MODEL), pw.FIRST_ROW + pw.TEMPLATE_ROWS - 1
    assert pw.TEMPLATE_ROWS >= 1000
    assert ws[f"{col['tier']}{last}"].value.startswith("=") and ws[f"{col['tier']}{last + 1}"].value is None
    assert ws[f"{col['revenue']}{last}"].protection.locked is False
    assert ws.auto_filter.ref == f"A{pw.HEADER_ROW}:{get_column_letter(len(col))}{last}"


def test_ranks_above_the_live_size_are_the_cores_values_with_a_note_and_check_accepts_them(tmp_path: Path) -> None:
    from kam_xl.jobs.check import check_workbook_file
    from kam_xl.workbooks.book import FORMULA_FILL_COLOR

    # revenue 50 (甲), 30 (乙), 50 (丙), blank (丁), 20 (戊): 5 rows + 1 spare = 6 > a live size of 5
    table = pd.DataFrame({"account": ["甲", "乙", "丙", "丁", "戊"], "revenue": [50.0, 30.0, 50.0, np.nan, 20.0]})
    path = pw.build(table, model=MODEL, spare_rows=1, live_rank_rows=5).save(tmp_path / "frozen.xlsx")
    wb = load_workbook(path)
    ws, summary = wb["客户组合"], wb["汇总"]
    col = letters(MODEL)
    # by hand: 150 in all; above 甲: 0 → 0; above 乙: 100 → 2/3; above 戊: 130 → 13/15. Ranks 1, 3, 2, –, 4
    # (ties in table order). Layers of n = 4 at ranks 0, 2, 0, 3 (RANK.EQ − 1): 1 platinum at most …
    want = {"share_above": [0.0, 2 / 3, 0.0, None, 13 / 15], "value_rank": [1, 3, 2, None, 4]}
    for key, values in want.items():
        cells = [ws[f"{col[key]}{pw.FIRST_ROW + i}"] for i in range(5)]
        assert all(close(c.value, v) for c, v in zip(cells, values, strict=True)), (key, [c.value for c in cells])
        for c in cells:  # a value, not a figure: kam-xl check expects no formula there
            assert c.fill.fgColor.rgb[-6:] != FORMULA_FILL_COLOR and c.protection.locked
    layers = [ws[f"{col['pyramid']}{pw.FIRST_ROW + i}"].value for i in range(5)]
    assert layers[3] is None and all(isinstance(v, str) for v in layers[:3] + layers[4:])
    # the figures that stay live: ABC reads the frozen share above
    assert ws[f"{col['abc']}{pw.FIRST_ROW}"].value.startswith("=")
    note = ws[f"{col['tier']}1"].value
    assert "5 个客户" in note and "kam-xl score" in note and "刷新" in note
    # the Pareto block: the ranked accounts as values (甲, 丙, 乙, 戊), the cumulative share still live
    assert [summary[f"E{r}"].value for r in range(5, 9)] == ["甲", "丙", "乙", "戊"]
    assert [summary[f"I{r}"].value for r in range(5, 9)] == [1, 3, 2, 5]
    assert summary["G5"].value.startswith("=") and summary["E9"].value is None
    assert "5 个客户" in summary["D3"].value
    report = check_workbook_file(path)
    assert not report.findings, report.findings


def test_tier_and_barrier_colours_are_distinct_in_order_and_no_tier_is_red(tmp_path: Path) -> None:
    from kam_xl.workbooks.book import RED

    path = pw.write(tmp_path / "c.xlsx", random_table(6, 1), model=MODEL, spare_rows=0)
    ws = load_workbook(path)["客户组合"]
    col, last = letters(MODEL), pw.FIRST_ROW + 5

    def fills(key: str) -> list[tuple[str, str]]:
        rules = ws.conditional_formatting[f"{col[key]}{pw.FIRST_ROW}:{col[key]}{last}"]
        return [(r.formula[0].strip('"'), r.dxf.fill.fgColor.rgb[-6:]) for r in rules]

    tiers = fills("tier")
    assert [t for t, _ in tiers] == [t.text("zh") for t in MODEL.tiers]  # in order, top first
    assert len({c for _, c in tiers}) == 4 and RED.fgColor.rgb[-6:] not in {c for _, c in tiers}
    ratings = fills("credit_rating")
    assert len({c for _, c in ratings}) == 4 and ratings[-1][1] == RED.fgColor.rgb[-6:]  # D (risk) is red
    levels = fills("barrier_level")
    assert len({c for _, c in levels}) == 3 and levels[-1][1] == RED.fgColor.rgb[-6:] and levels[0][1] != levels[1][1]


def test_the_pareto_chart_covers_the_accounts_given_with_an_80_percent_line(tmp_path: Path) -> None:
    path = pw.write(tmp_path / "p.xlsx", random_table(36, 2), model=MODEL)  # 36 accounts, 50 spare rows
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    pareto_chart = next(c for c in charts if "lineChart" in c)
    given = int(random_table(36, 2)["revenue"].notna().sum())
    assert f"$F$5:$F${4 + given}" in pareto_chart and f"$F$5:$F${4 + 36 + 50}" not in pareto_chart
    assert f"$H$5:$H${4 + given}" in pareto_chart  # the A-class cut (80 %) as a second line
