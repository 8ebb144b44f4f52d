"""One account, one story: for every account the demo writes a plan and a customer file for, the portfolio
row, the plan and the customer file agree on every field and figure they share (issue #7, item 2).

The three workbooks are read back as a user's Excel shows them (openpyxl, cached values) and compared with
each other — never with the generator's data: owner, industry, relationship type, contacts, our sales, share
of wallet, the wall criteria it implies, DSO, overdue ratio, credit rating, criterion scores, score, tier,
barrier strength and level. The computed wall criteria are also checked against SPEC §2.5's bands by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kam_xl.core.bands import lookup
from kam_xl.demo import run_demo
from kam_xl.indicators import REGISTRY
from kam_xl.jobs.new_account import FILE_NAMES
from kam_xl.models import active_model
from kam_xl.output import safe_file_name
from kam_xl.workbooks.account_plan import SHEETS as PLAN_SHEETS
from kam_xl.workbooks.account_plan import TYPES
from kam_xl.workbooks.account_plan.barriers import WALL_FIRST_ROW
from kam_xl.workbooks.account_plan.diagnosis import OUR_SALES_CELL, TYPE_CELL
from kam_xl.workbooks.account_plan.layout import caption
from kam_xl.workbooks.account_plan.scorecard import (
    CONTACT_COLUMNS,
    CONTACTS_FIRST_ROW,
    CRITERIA_FIRST_ROW,
    SCORE_COLUMN,
)
from kam_xl.workbooks.customer_file import INDUSTRIES, RELATIONSHIP_TYPES
from kam_xl.workbooks.customer_file import LABELS as CF_LABELS
from kam_xl.workbooks.customer_file.places import indicator_cells
from kam_xl.workbooks.labels import COMMON
from kam_xl.workbooks.portfolio import LABELS as PF_LABELS

MODEL = active_model()
CENT = 0.005  # money typed or computed to the cent
LANGS = ("zh", "en")


def t(text: tuple[str, str], lang: str) -> str:
    return text[0] if lang == "zh" else text[1]


@pytest.fixture(scope="module", params=LANGS)
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp(f"demo_{request.param}")
    run_demo(out, lang=request.param, model=MODEL)
    return request.param, out


def portfolio_rows(path: Path, lang: str) -> dict[str, dict[str, Any]]:
    """The portfolio list's rows by account, each by its header (found by the account header's row)."""
    ws = load_workbook(path, data_only=True).worksheets[0]
    account = t(COMMON["account"], lang)
    header = next(r for r in range(1, 12) if account in [c.value for c in ws[r]])
    names = [c.value for c in ws[header]]
    rows = {}
    for row in ws.iter_rows(min_row=header + 1, values_only=True):
        if row[names.index(account)] not in (None, ""):
            rows[str(row[names.index(account)])] = dict(zip(names, row, strict=False))
    return rows


def code(value: object, labels: Any, field: str) -> str:
    """A label shown in either language → its code (the same choice, whatever the workbook's language)."""
    return labels[int(lookup([value], labels, field)[0])].code


def plan_figures(path: Path, lang: str) -> dict[str, Any]:
    wb = load_workbook(path, data_only=True)
    ov, sc, bc = (wb[t(PLAN_SHEETS[k], lang)] for k in ("overview", "scorecard", "buying"))
    dg, br = wb[t(PLAN_SHEETS["diagnosis"], lang)], wb[t(PLAN_SHEETS["barriers"], lang)]
    summary = {str(ov[f"A{r}"].value): ov[f"B{r}"].value for r in range(1, 60)}
    wall = {br[f"A{WALL_FIRST_ROW + k}"].value: br[f"C{WALL_FIRST_ROW + k}"].value
            for k in range(len(MODEL.barrier.wall_criteria))}  # fmt: skip
    contacts = []
    for r in range(CONTACTS_FIRST_ROW, CONTACTS_FIRST_ROW + 200):
        name = bc[f"{CONTACT_COLUMNS['name']}{r}"].value
        if name in (None, ""):
            break
        level, role = (bc[f"{CONTACT_COLUMNS[k]}{r}"].value for k in ("level", "role"))
        contacts.append((name, bc[f"{CONTACT_COLUMNS['title']}{r}"].value,
                         code(level, MODEL.buying_centre.levels, "level"), code(role, MODEL.buying_centre.roles, "role")))  # fmt: skip
    criteria = MODEL.scorecard().criteria
    sales_row = int(OUR_SALES_CELL[1:])
    return {
        "account": ov["B5"].value, "industry": code(ov["B6"].value, INDUSTRIES, "industry"), "owner": ov["B7"].value,
        "relationship": code(dg[TYPE_CELL].value, TYPES, "type"),
        "sales": dg[OUR_SALES_CELL].value, "share": dg[f"B{sales_row + 2}"].value,
        "scores": [sc[f"{SCORE_COLUMN}{CRITERIA_FIRST_ROW + k}"].value for k in range(len(criteria))],
        "score": summary[t(caption("score"), lang)], "tier": summary[t(caption("tier"), lang)],
        "barrier": summary[t(caption("barrier"), lang)], "barrier_level": summary[t(caption("barrier_level"), lang)],
        "coverage": summary[t(caption("coverage"), lang)], "wall": wall, "contacts": contacts,
    }  # fmt: skip


def file_figures(path: Path, lang: str) -> dict[str, Any]:
    wb = load_workbook(path, data_only=True)
    basic, important, rec = wb.worksheets[0], wb.worksheets[1], None
    rec = next(ws for ws in wb.worksheets if ws.title in ("应收账款", "Receivables"))
    form = {str(basic[f"A{r}"].value): basic[f"B{r}"].value for r in range(5, 22)}
    name_head = t(CF_LABELS["name"], lang)
    head = next(r for r in range(22, 40) if basic[f"A{r}"].value == name_head)
    contacts = []
    for r in range(head + 1, head + 200):
        if basic[f"A{r}"].value in (None, ""):
            break
        contacts.append((basic[f"A{r}"].value, basic[f"C{r}"].value,
                         code(basic[f"D{r}"].value, MODEL.buying_centre.levels, "level"),
                         code(basic[f"E{r}"].value, MODEL.buying_centre.roles, "role")))  # fmt: skip
    ours = next(r for r in range(1, 80) if important[f"A{r}"].value in ("本公司", "Our company"))
    cells = indicator_cells(MODEL)
    return {
        "form": form,
        "contacts": contacts,
        "share": important[f"C{ours}"].value,
        **{k: rec[cells[k]].value for k in ("sales", "dso", "overdue_ratio", "credit_rating")},
    }


def test_every_account_tells_one_story(demo: tuple[str, Path]) -> None:
    lang, out = demo
    zh = lang == "zh"
    rows = portfolio_rows(next(out.glob("客户组合.xlsx" if zh else "portfolio.xlsx")), lang)
    plans = sorted(out.glob(FILE_NAMES["account_plan"][0 if zh else 1].format("*")))
    assert len(plans) == 8  # the platinum and gold accounts (2 + 6 of 36)
    H = {k: t(PF_LABELS[k], lang) for k in ("industry", "revenue", "dso", "overdue_ratio")}
    H |= {k: REGISTRY[k].name(lang) for k in ("score", "tier", "barrier", "barrier_level", "credit_rating")}
    H["owner"] = t(COMMON["owner"], lang)
    field = {k: t(CF_LABELS[k], lang) for k in ("manager", "industry", "relationship_type")}
    for path in plans:
        plan = plan_figures(path, lang)
        name = plan["account"]
        assert path.name == safe_file_name(FILE_NAMES["account_plan"][0 if zh else 1].format(name))
        cf = file_figures(out / safe_file_name(FILE_NAMES["customer_file"][0 if zh else 1].format(name)), lang)
        row = rows[name]
        # who and what the account is
        assert cf["form"][t(COMMON["account"], lang)] == name
        assert row[H["owner"]] == plan["owner"] == cf["form"][field["manager"]], name
        assert code(row[H["industry"]], INDUSTRIES, "industry") == plan["industry"]
        assert code(cf["form"][field["industry"]], INDUSTRIES, "industry") == plan["industry"], name
        assert code(cf["form"][field["relationship_type"]], RELATIONSHIP_TYPES, "relationship") == plan["relationship"]
        assert plan["contacts"] == cf["contacts"] and len(plan["contacts"]) >= 5, name
        # our sales: the portfolio's trailing-12-month revenue = the plan's input = the file's period sales
        assert row[H["revenue"]] == pytest.approx(plan["sales"], abs=CENT)
        assert cf["sales"] == pytest.approx(plan["sales"], abs=CENT), name
        # share of wallet: the plan's computed one is our row of the file's supplier table
        assert cf["share"] == pytest.approx(plan["share"], abs=1e-9), name
        # receivables: the portfolio's DSO, overdue ratio and rating are the file's, from the same ledger
        assert row[H["dso"]] == pytest.approx(cf["dso"], abs=1e-6), name
        assert row[H["overdue_ratio"]] == pytest.approx(cf["overdue_ratio"], abs=1e-9), name
        assert row[H["credit_rating"]] == cf["credit_rating"], name
        # scores, tier, wall criteria and barrier
        crit = MODEL.scorecard().criteria
        assert [row[c.text(lang)] for c in crit] == plan["scores"], name
        assert row[H["score"]] == pytest.approx(plan["score"], abs=1e-9)
        assert row[H["tier"]] == plan["tier"], name
        for w in MODEL.barrier.wall_criteria:
            assert row[w.text(lang)] == plan["wall"][w.text(lang)], (name, w.code)
        assert row[H["barrier"]] == pytest.approx(plan["barrier"], abs=1e-9)
        assert row[H["barrier_level"]] == plan["barrier_level"], name
        # the computed criteria follow SPEC §2.5 by hand: share <30 % → 0, 30–70 % → 1, >70 % → 2;
        # contact: levels reached = coverage × 3 — one → 0, two → 1, three → 2
        share, levels = plan["share"], round(plan["coverage"] * 3)
        assert plan["wall"][MODEL.barrier.wall_criteria[1].text(lang)] == (
            0 if share < 0.3 else 1 if share <= 0.7 else 2
        )
        assert plan["wall"][MODEL.barrier.wall_criteria[2].text(lang)] == {0: 0, 1: 0, 2: 1, 3: 2}[levels]


# ---------------------------------------------------------------- the record: what follows from its ledger and people


def test_a_records_sales_and_computed_wall_follow_from_its_ledger_and_contacts() -> None:
    from datetime import date

    from kam_xl.errors import InputError
    from kam_xl.jobs.account_record import AccountRecord, Person
    from kam_xl.workbooks import account_plan as ap
    from kam_xl.workbooks.customer_file import Invoice

    as_of = date(2026, 9, 30)  # the 12-month period is (2025-09-30, 2026-09-30]
    invoices = (
        Invoice("A", date(2025, 9, 30), date(2025, 10, 30), 100.0),  # on the period's (exclusive) start: out
        Invoice("B", date(2025, 10, 1), date(2025, 10, 31), 200.0),
        Invoice("C", date(2026, 9, 30), date(2026, 10, 30), 300.0),
    )
    people = (
        Person("甲", level="decision", role="decision_maker", trust=1, interest=1, emotion=0),  # 2: reached
        Person("乙", level="management", role="influencer", trust=0, interest=1, emotion=0),  # 1: not reached
        Person("丙", level="operating", role="coach", trust=2, interest=2, emotion=2),  # 6: reached
    )
    record = AccountRecord(
        "测试客户", as_of=as_of, invoices=invoices, total_spend=1000.0, contacts=people,
        wall={"specified": 2.0, "personal": 1.0, "share": 2.0},
    )  # fmt: skip
    # by hand: sales = 200 + 300 = 500; share of wallet 500 / 1000 = 50 % → share criterion 1 (30–70 %);
    # two levels of three reached → contact criterion 1
    assert record.our_sales(MODEL) == pytest.approx(500.0)
    assert record.wallet_share(MODEL) == pytest.approx(0.5)
    assert record.computed_wall(MODEL) == {"share": 1.0, "contact": 1.0}
    plan = record.to_account_plan(MODEL)
    assert plan.our_sales == pytest.approx(500.0) and [c.name for c in plan.contacts] == ["甲", "乙", "丙"]
    assert plan.wall == {"specified": 2.0, "personal": 1.0, "share": 2.0}  # the stated 2 differs: an override
    row = record.portfolio_row(MODEL)
    assert (row["revenue"], row["share"], row["contact"]) == (pytest.approx(500.0), 2.0, 1.0)
    assert [c.name for c in record.to_customer_file(MODEL).contacts] == ["甲", "乙", "丙"]
    with pytest.raises(InputError, match="sales"):
        AccountRecord("测试客户", as_of=as_of, invoices=invoices, sales=499.0).checked(MODEL)

    book = ap.build(plan, model=MODEL)
    ws = book.laid_out(t(PLAN_SHEETS["barriers"], "zh"))
    share, contact = (ws.get(f"C{WALL_FIRST_ROW + k}").value for k in (1, 2))  # type: ignore[union-attr]
    assert share[1] == 2.0 and contact[1] == 1.0  # the override wins; contact is computed (formula, cached)
    assert ws.get(f"D{WALL_FIRST_ROW + 1}").value == 2.0  # type: ignore[union-attr]
    assert 'IF(D6<>"",D6,' in share[0] and "KAM_BARRIER_CONTACT_FULL" in contact[0]


def test_the_wall_thresholds_are_model_fields_checked_when_read() -> None:
    import copy

    from kam_xl.core import barriers
    from kam_xl.errors import ModelError
    from kam_xl.models.toml_file import default_model_dict
    from kam_xl.models.validate import model_from_dict

    base = default_model_dict()
    assert (MODEL.barrier.share_partial, MODEL.barrier.share_full) == (0.30, 0.70)  # seed 001: 30 %, 70 %
    assert (MODEL.barrier.contact_partial, MODEL.barrier.contact_full) == (2, 3)  # two levels, all three
    older = copy.deepcopy(base)
    for k in ("share_partial", "share_full", "contact_partial", "contact_full"):
        del older["barrier"][k]
    assert model_from_dict(older).barrier == MODEL.barrier  # a model written before them: the seed's values
    for changes, path in (
        ({"share_partial": 0.8}, "barrier.share_full"),  # 0.8 > share_full 0.7
        ({"contact_full": 4}, "barrier.contact_full"),  # more than the 3 levels
        ({"contact_partial": 1.5}, "barrier.contact_full"),  # not a whole number of levels
    ):
        bad = copy.deepcopy(base)
        bad["barrier"] |= changes
        with pytest.raises(ModelError, match=path.replace(".", r"\.")):
            model_from_dict(bad)
    # a team that counts 50 % as a high share: 0.5 now scores 2 (above 0.45), 0.3 still 1
    team = copy.deepcopy(base)
    team["barrier"] |= {"share_full": 0.45}
    assert barriers.wall_share_score([0.3, 0.5], model_from_dict(team)).tolist() == [1, 2]
