"""The account-plan workbook: every computed cell agrees with the core in three engines.

Seeded random plans (varied numbers of contacts, actions, needs; blank cells
and half-filled rows) are written, recomputed by ``formulas`` and by
LibreOffice, and each formula cell is compared with the cached value kam_xl
wrote; the indicators are also recomputed here from the plan's data with the
core functions. A hand-worked plan checks the arithmetic itself.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from engines import FormulasBook, by_title, cached_values, close, formula_cells, libreoffice_recalc
from openpyxl import load_workbook

from kam_xl.core import barriers, buying_centre, plans, satisfaction, scorecard, wallet
from kam_xl.errors import InputError, KamError, OutOfRangeError
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model, default_model, model_from_dict
from kam_xl.samples.account_plan import account_plan
from kam_xl.samples.accounts import sample_portfolio
from kam_xl.workbooks import account_plan as ap
from kam_xl.workbooks.book import OverwriteError
from kam_xl.workbooks.lint import lint_workbook
from kam_xl.xlformulas import relationship as xlformulas
from tests.conftest import default_dict

AS_OF = date(2026, 6, 30)
MODEL = default_model()


def _three_tier_model() -> Model:
    """A team's own model: platinum / gold / silver tiers and blank scores counted as zero."""
    d = default_dict()
    d["model"]["missing"] = "zero"
    d["tier"]["levels"] = [
        {"code": "P", "min": 70, "zh": "白金", "en": "Platinum"},
        {"code": "G", "min": 45, "zh": "金", "en": "Gold"},
        {"code": "S", "zh": "银", "en": "Silver"},
    ]
    # the discount policy names every tier (优惠政策, one rate per tier code) …
    d["discount"]["levels"] = [{"code": "P", "rate": 0.06}, {"code": "G", "rate": 0.03}, {"code": "S", "rate": 0}]
    # and the visit cadence one count per tier (拜访频率, the service log's check)
    d["service"]["visits"] = [
        {"tier": "P", "per_quarter": 12},
        {"tier": "G", "per_quarter": 4},
        {"tier": "S", "per_quarter": 1},
    ]
    return model_from_dict(d, "three-tier")


# ---------------------------------------------------------------- random plans


def _label(rng: np.random.Generator, lab: object) -> str:
    """A label as a user might give it: code, Chinese or English text."""
    return str(rng.choice([lab.code, lab.zh, lab.en]))  # type: ignore[attr-defined]


def random_plan(seed: int, model: Model) -> ap.AccountPlan:
    rng = np.random.default_rng(seed)

    def maybe(value: object, p: float = 0.12) -> object:
        return None if rng.random() < p else value

    card = model.scorecard()
    scores = {
        c.code: maybe(float(rng.integers(card.scale_min, card.scale + 1)) if rng.random() < 0.7 else round(rng.uniform(card.scale_min, card.scale), 2), 0.03)
        for c in card.criteria
    }  # fmt: skip
    bc = model.buying_centre
    contacts = [
        ap.Contact(
            name=maybe(str(rng.choice(["王伟", "李娜", "=张强", "+陈静", "-刘洋", "@赵敏"])), 0.1),
            title=maybe("采购总监", 0.3),
            level=maybe(_label(rng, bc.levels[int(rng.integers(len(bc.levels)))])),
            role=maybe(_label(rng, bc.roles[int(rng.integers(len(bc.roles)))])),
            stance=maybe(_label(rng, bc.stances[int(rng.integers(len(bc.stances)))])),
            influence=maybe(float(rng.integers(1, 6))),
            disc=maybe(str(rng.choice(list("DISC"))), 0.3),
            trust=maybe(float(rng.integers(0, 3)), 0.06),
            interest=maybe(float(rng.integers(0, 3)), 0.06),
            emotion=maybe(float(rng.integers(0, 3)), 0.06),
        )
        # past the 50-row block for one seed in four (a grown block), else a few
        for _ in range(ap.CONTACT_ROWS + 2 if seed % 4 == 1 else int(rng.integers(0, 19)))
    ]
    total = float(rng.uniform(1e6, 1e8))
    actions = [
        ap.Action(
            action=maybe(str(rng.choice(["高层互访", "=技术交流", "框架协议谈判", "寄售库存试点"])), 0.1),
            owner=maybe("周杰", 0.2),
            phase=maybe(_label(rng, ap.PHASES[int(rng.integers(4))]), 0.2),
            start=maybe(AS_OF - timedelta(days=int(rng.integers(30, 200))), 0.2),
            due=maybe(AS_OF + timedelta(days=int(rng.integers(-90, 90))), 0.1),
            budget=maybe(float(rng.integers(0, 50)) * 1000.5, 0.2),
            spent=maybe(float(rng.integers(0, 50)) * 733.25, 0.3),
            status=maybe(_label(rng, ap.STATUSES[int(rng.integers(4))]), 0.15),
        )
        for _ in range(int(rng.integers(0, 25)))
    ]
    sat = model.satisfaction
    tiers = len(model.tiers)
    return ap.AccountPlan(
        account=str(rng.choice(["华东电气设备有限公司", '=HYPERLINK("http://x","点我")'])),
        industry=maybe("电气设备"),
        owner=maybe("林立新"),
        as_of=AS_OF,
        sales_target=maybe(float(rng.integers(1, 90)) * 1e5),
        share_target=maybe(round(float(rng.uniform(0, 1)), 2)),
        goal=maybe("-提升份额"),
        scores=scores,
        contacts=contacts,
        swot=ap.Swot(maybe("质量稳定"), maybe("价格偏高"), None, maybe("+低价竞争")),
        stage=maybe(_label(rng, ap.STAGES[int(rng.integers(6))])),
        relationship_type=maybe(_label(rng, ap.TYPES[int(rng.integers(3))])),
        our_sales=maybe(round(total * float(rng.uniform(0, 1)), 2), 0.1),
        total_spend=maybe(total, 0.1),
        product_lines=[
            ap.ProductLine(maybe(f"产品线{k}"), maybe(float(rng.integers(0, 100)) * 1e4, 0.2))
            for k in range(int(rng.integers(0, 9)))
        ],
        perceived={d.code: maybe(float(rng.integers(sat.scale_min, sat.scale_max + 1)), 0.04) for d in sat.dimensions},
        expected={d.code: maybe(float(rng.integers(sat.scale_min, sat.scale_max + 1)), 0.04) for d in sat.dimensions},
        needs=[
            ap.Need(maybe(_label(rng, ap.NEED_KINDS[int(rng.integers(3))])), maybe("交期缩短"), "≤14天", maybe("21天"))
            for _ in range(int(rng.integers(0, 13)))
        ],
        value_propositions=[ap.ValueProposition("模块化", maybe("快"), "少停机", None) for _ in range(int(rng.integers(0, 7)))],
        wall={w.code: maybe(float(rng.integers(0, w.max + 1)), 0.08) for w in model.barrier.wall_criteria},
        technical=maybe(round(float(rng.uniform(0, 5)), 1), 0.08),
        commercial=maybe(round(float(rng.uniform(0, 5)), 1), 0.08),
        procedural=maybe(float(rng.integers(0, 6)), 0.08),
        financial=maybe(float(rng.integers(0, 6)), 0.08),
        relational=maybe(float(rng.integers(0, 6)), 0.08),
        actions=actions,
        resources=[ap.Resource(maybe("副总裁"), "专属团队", maybe("每周"), "跨部门") for _ in range(tiers)]
        if rng.random() < 0.5
        else (),
    )  # fmt: skip


# ---------------------------------------------------------------- the core's answers, from the plan


def _num(x: object) -> float | None:
    return None if x is None else float(x)  # type: ignore[arg-type]


def expected_indicators(plan: ap.AccountPlan, model: Model, lang: str) -> dict[str, object]:
    """Each indicator recomputed from the plan with the core; "" where its inputs are incomplete.

    Blank cells in the contact block follow the formulas' reading: a row counts
    for coverage when it has a level and a relationship, for support and depth
    when it has an influence (a blank stance or relationship adds 0).
    """
    card = model.scorecard()
    out: dict[str, object] = {}
    s = [plan.scores.get(c.code) for c in card.criteria]
    arr = np.array([np.nan if v is None else v for v in s], dtype=float)
    incomplete = np.isnan(arr).all() if model.missing == "zero" else np.isnan(arr).any()
    out["score_raw"] = "" if incomplete else float(scorecard.score_raw(arr, card, model))
    out["score"] = "" if incomplete else float(scorecard.score(arr, card, model))
    out["tier"] = "" if incomplete else str(scorecard.tier(out["score"], model, lang))

    bc = model.buying_centre

    def rel(c: ap.Contact) -> float | None:
        parts = (c.trust, c.interest, c.emotion)
        return None if None in parts else float(buying_centre.relationship(*parts))

    cs = list(plan.contacts)
    levelled = [c for c in cs if c.level is not None]
    full = [c for c in levelled if rel(c) is not None]
    out["coverage"] = (
        "" if not levelled else buying_centre.coverage([c.level for c in full], [rel(c) for c in full], model)
    )
    weighted = [c for c in cs if c.influence is not None]
    stances = [c.stance if c.stance is not None else 0.0 for c in weighted]
    infl = [c.influence for c in weighted]
    out["support"] = "" if not weighted else buying_centre.support_index(infl, stances, model)
    out["depth"] = "" if not weighted else buying_centre.depth(infl, [rel(c) or 0.0 for c in weighted], model)
    if not levelled:
        out["risks"] = ""
    else:
        role_of = {k: v for lab in bc.roles for k, v in ((lab.code, lab.code), (lab.zh, lab.code), (lab.en, lab.code))}
        stance_of = {k: lab.value for lab in bc.stances for k in (lab.code, lab.zh, lab.en)}
        roles = [role_of[c.role] for c in cs if c.role is not None]
        flags = []
        if any(role_of.get(c.role) == "decision_maker" and c.stance and stance_of[c.stance] < 0 for c in cs):
            flags.append("opposing_decision_maker")
        if "coach" not in roles:
            flags.append("no_coach")
        if len(levelled) <= 1:
            flags.append("single_threaded")
        top = bc.levels[0]
        if not any(c.level in (top.code, top.zh, top.en) for c in levelled):
            flags.append("no_decision_level")
        out["risks"] = buying_centre.risk_text(flags, lang)

    ours, total = plan.our_sales, plan.total_spend
    out["wallet_share"] = "" if ours is None or total is None else float(wallet.share_of_wallet(ours, total))
    target = plan.share_target
    out["share_gap"] = "" if out["wallet_share"] == "" or target is None else out["wallet_share"] - target
    dims = model.satisfaction.dimensions
    per = [plan.perceived.get(d.code) for d in dims]
    exp = [plan.expected.get(d.code) for d in dims]
    gap = "" if None in per or None in exp else float(satisfaction.satisfaction_gap(per, exp, model=model))
    out["sat_gap"] = gap
    out["csi"] = "" if None in per else float(satisfaction.csi(per, model=model))
    out["sat_level"] = "" if gap == "" else str(satisfaction.satisfaction_level(gap, model, lang))

    # share and contact follow from the share of wallet and the level coverage unless a score is typed over
    # them (barriers.COMPUTED_WALL, docs/definitions.md §2.5): SPEC's bands with the model's thresholds
    computed = {
        "share": lambda: barriers.wall_share_score(out["wallet_share"], model),
        "contact": lambda: barriers.wall_contact_score(out["coverage"], model),
    }
    source = {"share": out["wallet_share"], "contact": out["coverage"]}
    w = [
        plan.wall.get(c.code)
        if c.code not in computed or plan.wall.get(c.code) is not None
        else (None if source[c.code] == "" else float(computed[c.code]()))
        for c in model.barrier.wall_criteria
    ]
    out["wall"] = "" if None in w else float(barriers.wall(w, model))
    out["wall_ratio"] = "" if None in w else float(barriers.wall_ratio(w, model))
    sw = (plan.procedural, plan.financial, plan.relational)
    out["switching"] = "" if None in sw else float(barriers.switching_cost(*sw, model))
    parts = (out["wall_ratio"], plan.technical, plan.commercial, out["switching"])
    strength = "" if any(x is None or x == "" for x in parts) else float(barriers.barrier_strength(*parts, model))
    out["barrier"] = strength
    out["barrier_level"] = "" if strength == "" else str(barriers.barrier_level(strength, model, lang))

    # Action roll-ups (SPEC §2.12): % done over actions not cancelled; overdue = due before
    # the as-of date and neither done nor cancelled; budget used = spent / planned.
    def status(a: ap.Action) -> str | None:
        for lab in ap.STATUSES:
            if a.status in (lab.code, lab.zh, lab.en):
                return lab.code
        return None

    acts = list(plan.actions)
    n = sum(a.action is not None for a in acts)
    done = sum(status(a) == "done" for a in acts)
    cancelled = sum(status(a) == "cancelled" for a in acts)
    out["pct_done"] = "" if n - cancelled <= 0 else done / (n - cancelled)
    out["n_overdue"] = float(
        sum(
            a.action is not None and a.due is not None and a.due < plan.as_of and status(a) not in ("done", "cancelled")
            for a in acts
        )
    )  # fmt: skip
    budget = sum(a.budget or 0.0 for a in acts)
    spent = sum(a.spent or 0.0 for a in acts)
    out["budget_total"], out["spent_total"] = float(budget), float(spent)
    out["budget_used"] = "" if budget == 0 else spent / budget
    return out


# ---------------------------------------------------------------- fixtures


CASES = [  # name, seed, lang, model
    ("r1_zh", 1, "zh", MODEL),
    ("r2_en", 2, "en", MODEL),
    ("r3_zh", 3, "zh", MODEL),
    ("r4_zero", 4, "zh", _three_tier_model()),
    ("r5_en", 5, "en", MODEL),
]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, ap.PlanBook, ap.AccountPlan | None]]:
    out = tmp_path_factory.mktemp("account_plan")
    made = {}
    for name, seed, lang, model in CASES:
        plan = random_plan(seed, model)
        book = ap.build(plan, model=model, lang=lang)
        made[name] = (book.save(out / f"{name}.xlsx"), book, plan)
    for lang in ("zh", "en"):
        book = ap.build(None, lang=lang)
        made[f"blank_{lang}"] = (book.save(out / f"blank_{lang}.xlsx"), book, None)
    return made


@pytest.fixture(scope="module")
def recalculated(books: dict, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    paths = [p for p, _, _ in books.values()]
    lo = libreoffice_recalc(paths, tmp_path_factory.mktemp("lo"))
    return {name: cached_values(lo[p]) for name, (p, _, _) in books.items()}


def _mismatches(book: ap.PlanBook, seen: dict) -> list[str]:
    bad = []
    for (sheet, ref), value in book.figures().items():
        want = float(value) if isinstance(value, int) and not isinstance(value, bool) else value
        got = seen.get((sheet, ref), "")
        if not close(got, want):
            bad.append(f"{sheet}!{ref}: want {want!r}, got {got!r}")
    return bad


# ---------------------------------------------------------------- parity


@pytest.mark.parametrize("name", [c[0] for c in CASES] + ["blank_zh", "blank_en"])
def test_formulas_and_cached_values_equal_the_core(books: dict, name: str) -> None:
    path, book, plan = books[name]
    cached = cached_values(path)
    assert _mismatches(book, cached) == []
    computed = by_title(FormulasBook(path).values(), book.wb.sheetnames)
    assert _mismatches(book, computed) == []
    # every formula in the file has a cached value, so nothing is left blank for a viewer
    assert set(formula_cells(path)) == set(book.figures())
    if plan is not None:
        model = next(m for n, _, _, m in CASES if n == name)
        lang = book.lang
        for key, want in expected_indicators(plan, model, lang).items():
            assert close(cached[book.cells[key]], want), (key, want, cached[book.cells[key]])


def test_the_random_plans_cover_the_cases(books: dict) -> None:
    """The seeds give what the parity test needs: filled and blank indicators, grown blocks."""
    values = [
        {k: cached_values(p)[b.cells[k]] for k in ("score", "coverage", "risks", "n_overdue", "barrier")}
        for p, b, plan in books.values()
        if plan is not None
    ]
    assert any(v["score"] != "" for v in values) and any(v["score"] == "" for v in values)
    assert any(v["risks"] not in ("", "—") for v in values)
    assert any(v["n_overdue"] > 0 for v in values)
    assert any(v["barrier"] != "" for v in values)
    assert any(len(plan.contacts) > ap.CONTACT_ROWS for _, _, plan in books.values() if plan is not None)


def test_libreoffice_recalculation_equals_the_core(books: dict, recalculated: dict) -> None:
    bad = {name: _mismatches(book, recalculated[name]) for name, (_, book, _) in books.items()}
    assert bad == {name: [] for name in books}


def test_blank_templates_have_no_error_values(books: dict, recalculated: dict) -> None:
    for lang in ("zh", "en"):
        path, book, _ = books[f"blank_{lang}"]
        for seen in (
            cached_values(path),
            by_title(FormulasBook(path).values(), book.wb.sheetnames),
            recalculated[f"blank_{lang}"],
        ):
            errors = {
                k: v
                for k, v in seen.items()
                if isinstance(v, str) and v.startswith("#") and v.endswith(("!", "?", "A"))
            }
            assert errors == {}
        assert book.cached_value("tier") == ""
    assert books["blank_en"][1].wb.sheetnames[:3] == ["Overview", "Scorecard", "Buying centre"]
    assert books["blank_zh"][1].wb.sheetnames[-1] == "Model"


def test_editing_inputs_gives_the_cores_new_answer(tmp_path: Path) -> None:
    """A criterion score and the decision maker's stance edited in the workbook (``formulas``)."""
    pf = sample_portfolio()
    plan = account_plan(pf["account"][1], 11, row=pf.iloc[1])
    path = ap.write(tmp_path / "plan.xlsx", plan, lang="zh")
    ws = load_workbook(path)
    card = MODEL.scorecard()
    score_cell, stance_cell = "F8", "F8"  # criterion 4 (rows start at 5); first contact (rows start at 8)
    assert ws["评分"][score_cell].value == plan.scores[card.criteria[3].code]
    assert ws["采购组织"][stance_cell].value == "支持" and plan.contacts[0].role == "decision_maker"
    # the other end of the card's scale (1–10 since session 8: a 0 would be out of range)
    new_score = card.scale_min if plan.scores[card.criteria[3].code] != card.scale_min else card.scale
    edited = dataclasses.replace(
        plan,
        scores={**plan.scores, card.criteria[3].code: new_score},
        contacts=[dataclasses.replace(plan.contacts[0], stance="opponent"), *plan.contacts[1:]],
    )
    want = ap.build(edited, lang="zh")
    book = FormulasBook(path)
    got = by_title(
        book.values(inputs={("评分", score_cell): new_score, ("采购组织", stance_cell): "反对"}), want.wb.sheetnames
    )
    assert _mismatches(want, got) == []
    # the edit changed what it should: score, support and a decision maker who opposes
    before = ap.build(plan, lang="zh")
    for key in ("score_raw", "support", "risks"):
        assert want.cached_value(key) != before.cached_value(key)
    assert "决策者反对" in str(want.cached_value("risks"))


# ---------------------------------------------------------------- hand-worked plan


def _hand_plan() -> ap.AccountPlan:
    card = MODEL.scorecard()
    return ap.AccountPlan(
        account="恒信钢铁集团有限公司",
        as_of=AS_OF,
        share_target=0.4,
        scores={c.code: 5.0 for c in card.criteria},
        contacts=[
            ap.Contact("王建国", "总经理", "decision", "decision_maker", "supporter", 5, "D", 2, 1, 1),
            ap.Contact("李娜", "采购总监", "管理层", "影响者", "反对", 3, "C", 1, 0, 0),
            ap.Contact("陈静", "设备工程师", "Operating", "Coach", "Neutral", 2, None, 1, 1, 0),
        ],
        our_sales=3_000_000,
        total_spend=10_000_000,
        product_lines=[ap.ProductLine("变频器", 1_500_000), ap.ProductLine("开关柜", 500_000), ap.ProductLine("备件", None)],
        perceived={d.code: 8.0 for d in MODEL.satisfaction.dimensions},
        expected={d.code: 6.0 if d.code == "price" else 9.0 for d in MODEL.satisfaction.dimensions},
        wall={"specified": 1, "share": 0, "contact": 1, "personal": 2},
        technical=3, commercial=2, procedural=3, financial=4, relational=2,
        actions=[
            ap.Action("高层互访", "周杰", "plan", None, date(2026, 5, 1), 10_000, 9_000, "done"),
            ap.Action("技术交流", "周杰", "do", None, date(2026, 6, 1), 20_000, 12_000, "in_progress"),
            ap.Action("寄售试点", "林立", "do", None, date(2026, 6, 29), 5_000, 0, "cancelled"),
            ap.Action("框架协议", "林立", "check", None, date(2026, 7, 31), 0, None, "not_started"),
            ap.Action("满意度回访", "林立", "act", None, None, None, None, "in_progress"),
        ],
    )  # fmt: skip


def test_hand_worked_plan(tmp_path: Path) -> None:
    path = ap.write(tmp_path / "hand.xlsx", _hand_plan())
    book = ap.build(_hand_plan())
    seen = cached_values(path)
    computed = by_title(FormulasBook(path).values(), book.wb.sheetnames)

    def value(key: str) -> object:
        got = seen[book.cells[key]]
        assert close(computed[book.cells[key]], got), key
        return got

    # weights 8·4 + (6 + 10·4) + 8·3 + (6·5 + 8) = 140, all scores 5 → raw 700; no −1 criteria, scored
    # 1–10: raw_min 140, raw_max 1400, so the 0–100 score is 100·(700 − 140)/1260 = 44.44
    # → C 成长客户 (35 ≤ 44.44 < 55)
    assert value("score_raw") == 700.0 and close(value("score"), 400 / 9) and value("tier") == "成长客户"
    # relationships 4, 1, 2: decision (4 ≥ 2) and operating (2 ≥ 2) covered → 2/3
    assert close(value("coverage"), 2 / 3)
    assert close(value("support"), 0.2)  # (5·1 + 3·(−1) + 2·0) / 10
    assert close(value("depth"), 0.45)  # (5·4 + 3·1 + 2·2) / (6·10) = 27/60
    assert value("risks") == "—"  # the decision maker supports, a coach, three contacts, decision level reached
    assert close(value("wallet_share"), 0.3)  # 300万 / 1000万
    # gap = (6·8 − (5·9 + 6)) / 6 = −0.5 → 基本满意; CSI = 100·48 / (10·6) = 80
    assert close(value("sat_gap"), -0.5) and close(value("csi"), 80.0) and value("sat_level") == "基本满意"
    # seed 001 account A: wall 1,0,1,2 → 4, 50 %; switching (3+4+2)/3 = 3;
    # strength 100·(0.4·0.5 + 0.15·3/5 + 0.15·2/5 + 0.3·3/5) = 53 → 中
    assert value("wall") == 4.0 and value("wall_ratio") == 0.5 and value("switching") == 3.0
    assert close(value("barrier"), 53.0) and value("barrier_level") == "中"
    # five actions, one done, one cancelled → 1/4; only 技术交流 (due 6-01, in progress) is overdue:
    # 寄售试点 is cancelled, 框架协议 is due after 6-30, 满意度回访 has no due date
    assert value("n_actions") == 5.0 and close(value("pct_done"), 0.25) and value("n_overdue") == 1.0
    assert value("budget_total") == 35_000.0 and value("spent_total") == 21_000.0 and close(value("budget_used"), 0.6)
    # order structure 150万 : 50万 → 75 %, 25 % of the total 200万 (B27), the blank line blank
    assert [seen[("诊断", f"C{r}")] for r in (21, 22, 23)] == [0.75, 0.25, ""] and seen[("诊断", "B27")] == 2e6
    # per row: contribution 8 (weight) · 1 · 5 = 40; relationships 2+1+1, 1+0+0, 1+1+0; stances +1, −1, 0
    assert seen[("评分", "G5")] == 40.0 and seen[("评分", "G9")] == 6 * 5
    assert [seen[("采购组织", f"L{r}")] for r in (8, 9, 10, 11)] == [4.0, 1.0, 2.0, ""]
    assert [seen[("采购组织", f"M{r}")] for r in (8, 9, 10, 11)] == [1.0, -1.0, 0.0, ""]
    assert [seen[("采购组织", f"{c}5")] for c in "FGHI"] == ["否"] * 4  # no flag applies
    # gap by dimension (perceived 8): 8 − 9 = −1, but price 8 − 6 = +2 (the fourth dimension)
    assert [seen[("诊断", f"E{r}")] for r in range(31, 37)] == [-1.0, -1.0, -1.0, 2.0, -1.0, -1.0]
    # needs by kind: none given, so 0 of each
    assert [seen[("需求与价值", f"C{r}")] for r in (5, 6, 7)] == [0.0, 0.0, 0.0]
    # overdue: only the second action (技术交流, due 6-01, in progress)
    assert [seen[("行动计划", f"J{r}")] for r in range(8, 14)] == ["", "逾期", "", "", "", ""]
    # the resources row of tier C (third of four): 区域经理, monthly visits
    sheet = "资源匹配"
    matched = [seen[(sheet, f"{c}13")] for c in "ABCD"]
    assert matched[:2] == ["成长客户", "区域经理"] and matched[3] == "每月"
    assert seen[(sheet, "F9")] == "◀ 本客户" and seen[(sheet, "F7")] == ""
    # overview: share vs target 0.3 − 0.4; model recorded
    ov = "概览"
    labels = {seen[(ov, f"A{r}")]: seen[(ov, f"B{r}")] for r in range(1, 45) if (ov, f"A{r}") in seen}
    assert close(labels["钱包份额 − 目标"], -0.1)
    assert labels["模型名称"] == MODEL.name and labels["模型哈希"] == MODEL.content_hash


# ---------------------------------------------------------------- Excel conventions


def test_data_from_users_stays_text(books: dict) -> None:
    path, _, plan = books["r1_zh"]
    wb = load_workbook(path)
    texts = {c.value: c.data_type for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    for value in (plan.account, plan.goal, "+低价竞争"):
        if value is not None:
            assert texts.get(value) == "s", value
    # a formula cell holds only what kam_xl wrote: never a user's "=..." text
    formulas = formula_cells(path).values()
    assert not any("HYPERLINK" in f or "张强" in f or "技术交流" in f for f in formulas)
    hyper = ap.write(path.parent / "hyper.xlsx", ap.AccountPlan(account='=HYPERLINK("http://x","点我")'))
    cell = load_workbook(hyper)["概览"]["B5"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def _validated(ws: object) -> set[str]:
    cells: set[str] = set()
    for dv in ws.data_validations.dataValidation:  # type: ignore[attr-defined]
        for rng in dv.sqref.ranges:
            for row in rng.cells:
                cells.add(f"{chr(64 + row[1])}{row[0]}")
    return cells


def test_inputs_are_validated_and_sheets_protected(books: dict) -> None:
    path = books["blank_zh"][0]
    wb = load_workbook(path)
    want = {
        "概览": ["B8", "B12", "B13"],
        "评分": [f"F{r}" for r in range(5, 23)],
        "采购组织": [f"{c}{r}" for c in "DEFGHIJK" for r in (8, 22)],
        "诊断": ["B11", "B12", "B15", "B16", "B21", "B26", "C31", "D36"],
        "需求与价值": ["B10", "B18"],
        "壁垒": ["C5", "C8", "C13", "C17"],
        "行动计划": [f"{c}{r}" for c in "DEFGHI" for r in (8, 27)],
    }
    for sheet, refs in want.items():
        missing = set(refs) - _validated(wb[sheet])
        assert not missing, (sheet, missing)
    for ws in wb.worksheets:
        if ws.title == "Model":
            continue
        assert ws.protection.sheet, ws.title
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert c.protection.locked, (ws.title, c.coordinate)
        assert ws.freeze_panes, ws.title
    # inputs are unlocked; a dropdown names the model's label list
    assert wb["评分"]["F5"].protection.locked is False
    lists = {dv.formula1 for dv in wb["采购组织"].data_validations.dataValidation}
    assert {"=KAM_BUYING_CENTRE_LEVELS_ZH", "=KAM_BUYING_CENTRE_ROLES_ZH", "=KAM_BUYING_CENTRE_STANCES_ZH"} <= lists
    assert wb["行动计划"].print_title_rows == "$7:$7"


def test_formulas_pass_the_lint(books: dict) -> None:
    for name in ("r1_zh", "r2_en", "blank_zh"):
        assert lint_workbook(books[name][0]) == []


def test_indicator_cells_use_the_registry_renderers(books: dict) -> None:
    path, book, _ = books["blank_zh"]
    cells = formula_cells(path)
    score_ref = book.cells["score"][1]
    assert cells[book.cells["tier"]] == REGISTRY["tier"].formula(score_ref, "zh")
    block = ("$D$8:$D$57", "$E$8:$E$57", "$M$8:$M$57")  # levels, roles, stance values of the 50 contact rows
    assert cells[book.cells["risks"]] == REGISTRY["risks"].formula(*block, "zh", MODEL)
    assert cells[("采购组织", "F5")] == xlformulas.risk_flag("opposing_decision_maker", *block, "zh", MODEL)
    assert "KAM_BARRIER_WALL_WEIGHT" in cells[book.cells["barrier"]]


# ---------------------------------------------------------------- bad input, files, sample


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"scores": {"market_leader": 11}}, OutOfRangeError),
        ({"scores": {"no_such_criterion": 1}}, InputError),
        ({"contacts": [ap.Contact(stance="enemy")]}, InputError),
        ({"contacts": [ap.Contact(influence=7)]}, OutOfRangeError),
        ({"our_sales": 2e6, "total_spend": 1e6}, KamError),
        ({"wall": {"share": 3}}, OutOfRangeError),
        ({"actions": [ap.Action(status="finished")]}, InputError),
        ({"technical": "high"}, KamError),
    ],
)
def test_bad_input_is_an_error_naming_the_field(change: dict, error: type) -> None:
    with pytest.raises(error):
        ap.build(dataclasses.replace(ap.AccountPlan(), **change))


def test_numbers_as_text_are_read() -> None:
    book = ap.build(ap.AccountPlan(our_sales="¥1,200", total_spend="４８００", as_of=AS_OF))
    assert book.cached_value("wallet_share") == 0.25


@pytest.mark.parametrize(
    ("change", "field", "cell"),
    [
        ({"contacts": [ap.Contact(), ap.Contact(), ap.Contact(influence=7)]}, "contacts[3].influence", "采购组织!G10"),
        ({"contacts": [ap.Contact(stance="enemy")]}, "contacts[1].stance", "采购组织!F8"),
        ({"scores": {"market_leader": 11}}, "scores.market_leader", "评分!F5"),
        ({"actions": [ap.Action(), ap.Action("试点", due="下周五")]}, "actions[2].due", "行动计划!F9"),
        ({"actions": [ap.Action("试点", budget=-1)]}, "actions[1].budget", "行动计划!G8"),
        ({"product_lines": [ap.ProductLine("A", "很多")]}, "product_lines[1].sales", "诊断!B21"),
        ({"our_sales": 2e6, "total_spend": 1e6}, "our_sales", "诊断!B15"),
        ({"share_target": 1.5}, "share_target", "概览!B13"),
        ({"as_of": "2026-13-40"}, "as_of", "概览!B8"),
    ],
)
def test_an_error_names_the_field_and_the_cell_it_was_meant_for(change: dict, field: str, cell: str) -> None:
    with pytest.raises(KamError) as info:
        ap.build(dataclasses.replace(ap.AccountPlan(), **change))
    assert info.value.field == field
    assert info.value.position is not None and info.value.position.cell == cell  # a structured position
    assert cell in info.value.message("zh") and field in info.value.message("en")


def test_dates_and_amounts_given_as_text_are_read_as_cells_are() -> None:
    """The same plan with its dates and amounts typed as text gives the same figures (kam_xl.cells' rules)."""
    plan = _hand_plan()
    typed = dataclasses.replace(
        plan,
        as_of="2026年6月30日",
        actions=[
            dataclasses.replace(a, due=None if a.due is None else a.due.isoformat(),
                                budget=None if a.budget is None else f"¥{a.budget:,.0f}")
            for a in plan.actions
        ],
    )  # fmt: skip
    book, want = ap.build(typed), ap.build(plan)
    assert book.figures() == want.figures()
    assert book.cached_value("n_overdue") == 1.0 and book.cached_value("budget_total") == 35_000.0


def test_write_refuses_to_overwrite(tmp_path: Path) -> None:
    path = ap.write(tmp_path / "p.xlsx")
    with pytest.raises(OverwriteError):
        ap.write(path)
    assert ap.write(path, overwrite=True, lang="en") == path


def test_sample_is_reproducible_and_agrees_with_the_portfolio() -> None:
    pf = sample_portfolio()
    row = pf.iloc[2]
    plan = account_plan(row["account"], 5, row=row)
    assert plan == account_plan(row["account"], 5, row=row)
    assert plan != account_plan(row["account"], 6, row=row)
    card = MODEL.scorecard()
    assert plan.scores == {c.code: float(row[c.code]) for c in card.criteria}
    # specified and personal are inputs; share and contact are left to the plan's formulas (no override)
    assert plan.wall == {k: float(row[k]) for k in ("specified", "personal")}
    assert plan.technical == float(row["technical"]) and plan.our_sales == float(row["revenue"])
    # share of wallet within the band its wall "share" criterion states (SPEC §2.5)
    share = plan.our_sales / plan.total_spend
    assert {0: share < 0.30, 1: 0.30 <= share <= 0.70, 2: share > 0.70}[int(row["share"])]
    assert all("\u4e00" <= c.name[0] <= "\u9fff" for c in plan.contacts)
    assert any(c.disc is None or c.title is None for c in plan.contacts) or plan.cooperation is None
    book = ap.build(plan)
    walls = {w.code: book.laid_out("壁垒").get(f"C{5 + k}").value for k, w in enumerate(MODEL.barrier.wall_criteria)}
    assert {k: v[1] if isinstance(v, tuple) else v for k, v in walls.items()} == {
        w.code: float(row[w.code]) for w in MODEL.barrier.wall_criteria
    }  # the computed share and contact are the portfolio row's
    assert book.cached_value("tier") == str(
        scorecard.tier(scorecard.score([plan.scores[c.code] for c in card.criteria]), MODEL, "zh")
    )


def test_sample_without_a_row_is_complete(tmp_path: Path) -> None:
    plan = account_plan("天成建材有限公司", 3)
    book = ap.build(plan, lang="en")
    for key in ("score", "tier", "coverage", "support", "barrier_level", "sat_level", "pct_done", "wallet_share"):
        assert book.cached_value(key) != "", key


# ---------------------------------------------------------------- the plan's own figures, in the core


def test_contribution_is_weight_times_direction_times_score() -> None:
    # 8 · (+1) · 5 = 40; 6 · (−1) · 3 = −18 (a criterion where more is worse); a score of 0 adds 0
    assert scorecard.contribution([5.0, 3.0, 0.0], [8.0, 6.0, 10.0], [1, -1, 1]).tolist() == [40.0, -18.0, 0.0]
    assert scorecard.contribution("7", 2.0, 1) == 14.0  # a number as text, one criterion
    with pytest.raises(OutOfRangeError, match="directions"):
        scorecard.contribution([5.0], [8.0], [0])
    with pytest.raises(OutOfRangeError, match="weights"):
        scorecard.contribution([5.0], [0.0], [1])


def test_relationship_stance_value_and_one_risk_flag() -> None:
    assert buying_centre.relationship([2, 1], [1, 0], [1, 0]).tolist() == [4.0, 1.0]
    assert buying_centre.stance_value(["支持", "neutral", "OPPONENT"], MODEL).tolist() == [1.0, 0.0, -1.0]
    assert buying_centre.stance_value("反对", MODEL) == -1.0
    levels, roles = ["decision", "management"], ["decision_maker", "user"]
    # no coach among two contacts at the decision and management levels; the decision maker opposes
    assert buying_centre.risk_flag("no_coach", levels, roles, ["opponent", "supporter"], MODEL) is True
    assert buying_centre.risk_flag("opposing_decision_maker", levels, roles, ["opponent", "supporter"], MODEL)
    assert not buying_centre.risk_flag("opposing_decision_maker", levels, roles, ["neutral", "opponent"], MODEL)
    assert not buying_centre.risk_flag("single_threaded", levels, roles, [0, 0], MODEL)
    assert not buying_centre.risk_flag("no_decision_level", levels, roles, [0, 0], MODEL)
    with pytest.raises(InputError, match="no_such_flag"):
        buying_centre.risk_flag("no_such_flag", levels, roles, [0, 0], MODEL)


def test_gap_by_dimension_and_share_gap() -> None:
    assert satisfaction.dimension_gap([8, 8, 3], [9, 6, 3], MODEL).tolist() == [-1.0, 2.0, 0.0]
    with pytest.raises(OutOfRangeError, match="expected"):
        satisfaction.dimension_gap([8], [11], MODEL)  # the scale is 1–10
    assert close(wallet.share_gap(0.3, 0.4), -0.1) and wallet.share_gap(0.5, 0.5) == 0.0
    with pytest.raises(OutOfRangeError, match="share_target"):
        wallet.share_gap(0.3, 1.2)


def test_action_roll_ups_by_hand() -> None:
    plan = _hand_plan()
    acts = plan.actions
    names, due, status = [a.action for a in acts], [a.due for a in acts], [a.status for a in acts]
    # as of 6-30: 高层互访 done, 技术交流 due 6-01 in progress (overdue), 寄售试点 cancelled,
    # 框架协议 due 7-31, 满意度回访 no due date
    assert plans.overdue(names, due, status, AS_OF, "en").tolist() == ["", "Overdue", "", "", ""]
    assert plans.overdue(names, due, status, None, "zh").tolist() == [""] * 5  # no as-of date: none is
    assert plans.overdue([None], [date(2026, 1, 1)], [None], AS_OF, "zh").tolist() == [""]  # an unnamed row
    up = plans.rollup(names, due, status, [a.budget for a in acts], [a.spent for a in acts], AS_OF)
    # 5 actions, 1 done, 1 cancelled → 1 / (5 − 1) = 25 %; budgets 10k + 20k + 5k + 0 = 35k, spent 21k → 60 %
    assert (up.actions, up.done, up.cancelled, up.overdue) == (5, 1, 1, 1)
    assert up.pct_done == 0.25 and up.budget_planned == 35_000.0 and up.budget_spent == 21_000.0
    assert close(up.budget_used, 0.6)
    assert np.isnan(plans.pct_done(2, 0, 2)) and np.isnan(plans.budget_used(0, 100))  # undefined: blank cells
    assert plans.done_count(["Done", "已完成", "done", None, "进行中"]) == 3  # a code or a label, any case
    with pytest.raises(InputError, match="finished"):
        plans.done_count(["finished"])


def test_resources_by_tier() -> None:
    tiers = ["战略客户", "重点客户", "成长客户", "一般客户"]
    assert plans.tier_mark(tiers, "成长客户", "zh").tolist() == ["", "", "◀ 本客户", ""]
    assert plans.tier_mark(["A", "B"], "b", "en").tolist() == ["", "◀ this account"]  # any case, as Excel's =
    assert plans.tier_mark(tiers, None, "zh").tolist() == [""] * 4
    assert plans.resource_match("重点客户", tiers, ["总裁", "销售总监", None, "无"]) == "销售总监"
    assert plans.resource_match("成长客户", tiers, ["总裁", "销售总监", None, "无"]) == ""  # blank shows blank
    assert plans.resource_match("", tiers, ["总裁", "销售总监", None, "无"]) == ""
    with pytest.raises(InputError, match="VIP"):
        plans.resource_match("VIP", tiers, ["总裁", "销售总监", None, "无"])
