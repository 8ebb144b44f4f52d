"""The portfolio's dashboard (看板): every figure equals a pandas group-by of the core's results.

A seeded portfolio of 48 accounts (owners and industries with blanks and a case variant, tied
values, whole sections blank, accounts at risk for each reason) is written, recalculated by the
``formulas`` engine and by LibreOffice, and every dashboard figure is compared with what pandas
computes here from the core's own results — :func:`kam_xl.portfolio.score_portfolio` for the tier,
layer, class, matrix and CLV, :mod:`kam_xl.core.account_risk` for the overdue amount and the risk
reasons — grouped with ``groupby`` and sorted with ``sort_values``, not through the dashboard's code.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from engines import FormulasBook, by_title, cached_values, close, formula_cells, libreoffice_recalc, soffice
from openpyxl.utils import get_column_letter
from parity import SHEET, Case
from parity import Sheet as ParitySheet
from parity_dashboard import BUILDERS

from kam_xl.core import account_risk
from kam_xl.indicators import DOMAINS
from kam_xl.models import Model, default_model
from kam_xl.portfolio import score_portfolio
from kam_xl.workbooks import portfolio as pw
from kam_xl.workbooks.book import Book
from kam_xl.workbooks.portfolio_dashboard import LABELS, SPARE_NAMES, TOP_AT_RISK

MODEL = default_model()
N = 48
OWNERS = ("王磊", "李娜", "张伟", "Zhao", "zhao", None)  # "Zhao" and "zhao" are one owner, as Excel's = compares
INDUSTRIES = ("电气设备", "仪器仪表", "机械制造", "建材", None)


def table(n: int = N, seed: int = 8, model: Model = MODEL) -> pd.DataFrame:
    """``n`` accounts with every input the list holds; blanks in owner, industry and whole sections."""
    rng = np.random.default_rng(seed)
    card, b = model.scorecard(), model.barrier
    t: dict[str, object] = {
        "account": [f"客户{i:03d}" for i in range(n)],
        "owner": [OWNERS[i % len(OWNERS)] for i in range(n)],
        "industry": [INDUSTRIES[(i * 7) % len(INDUSTRIES)] for i in range(n)],
    }
    for c in card.criteria:
        t[c.code] = rng.integers(int(card.scale_min), int(card.scale) + 1, n).astype(float)
    value = np.round(rng.lognormal(15, 1.0, n), -3)
    value[[3, 11, 19]] = value[0]  # ties: equal values each take their own rank
    value[[12, 22]] = value[35]  # … among the largest accounts at risk too (rows 12, 22 and 35 are at risk)
    value[5] = np.nan  # an account with no value yet
    t[model.abc.value] = value
    t["current_value"], t["potential_value"] = (
        rng.integers(0, 101, n).astype(float),
        rng.integers(0, 101, n).astype(float),
    )
    for w in b.wall_criteria:
        t[w.code] = rng.integers(0, int(w.max) + 1, n).astype(float)
    for k in ("technical", "commercial", "procedural", "financial", "relational"):
        t[k] = rng.integers(0, int(b.component_scale) + 1, n).astype(float)
    t["margin"] = np.round(value * rng.uniform(0.1, 0.3, n), 2)
    t["retention"], t["discount"], t["horizon"] = rng.uniform(0.5, 0.95, n).round(2), 0.1, 5.0
    t["dso"] = rng.uniform(20, 150, n).round(1)
    t["overdue_ratio"] = rng.uniform(0, 0.6, n).round(3)
    t["overdue_prev"] = rng.uniform(0, 0.6, n).round(3)
    t["outstanding"] = np.round(value * rng.uniform(0.05, 0.4, n), 2)
    stances = [s.text("zh") for s in model.buying_centre.stances]
    t["dm_stance"] = [stances[i % len(stances)] if i % 4 else None for i in range(n)]
    df = pd.DataFrame(t)
    blank = df.index[7::9]  # whole sections blank on some rows
    df.loc[blank, ["margin", "retention"]] = np.nan
    df.loc[blank, ["outstanding", "overdue_ratio"]] = np.nan
    return df


# ---------------------------------------------------------------- what pandas makes of the core's results


def expected(df: pd.DataFrame, model: Model = MODEL, lang: str = "zh") -> pd.DataFrame:
    """One row per account: the inputs the dashboard sums and the labels it groups by, from the core."""
    v = model.abc.value
    inputs = df.drop(columns=[v, "owner", "industry", "dm_stance", "overdue_prev", "outstanding"])
    scored = score_portfolio(inputs, model, lang)
    valued = df.loc[df[v].notna(), ["account", v]]  # the core ranks the accounts that have a value
    ranked = score_portfolio(valued, model, lang).set_axis(valued.index, axis=0).reindex(df.index)
    out = pd.DataFrame(
        {
            "account": df["account"],
            "owner": df["owner"].str.casefold(),  # Excel's = compares any case: "Zhao" is "zhao"
            "industry": df["industry"],
            "value": df[v],
            "margin": df["margin"],
            "clv": pd.to_numeric(scored["clv"].replace("", np.nan)).to_numpy(),
            "outstanding": df["outstanding"],
            "overdue_amount": account_risk.overdue_amount(df["outstanding"], df["overdue_ratio"]),
            "tier": scored["tier"].to_numpy(),
            "matrix": scored["matrix"].to_numpy(),
            "abc": ranked["abc"].to_numpy(),
            "pyramid": ranked["pyramid"].to_numpy(),
        }
    )
    out["risk"] = account_risk.risk_reasons(
        scored["barrier_level"], scored["credit_rating"], df["dm_stance"], df["overdue_ratio"], df["overdue_prev"],
        model, lang,
    )  # fmt: skip
    return out


AMOUNTS = ("value", "margin", "clv", "outstanding", "overdue_amount")


def by_group(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """Accounts and the amounts' sums per label (blank labels dropped, as a blank label matches nothing)."""
    g = frame.groupby(key, dropna=True)
    sums = g[list(AMOUNTS)].sum(min_count=0)
    sums.insert(0, "accounts", g.size())
    return sums


# ---------------------------------------------------------------- the workbook, recalculated


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    df = table()
    path = tmp_path_factory.mktemp("dashboard") / "portfolio.xlsx"
    pw.build(df, model=MODEL, lang="zh", spare_rows=2).save(path)  # few spare rows: formulas is slow
    return path, df


def _sheet() -> str:
    return LABELS["sheet"][0]


def _rows(values: dict[tuple[str, str], object]) -> dict[int, dict[str, object]]:
    """The dashboard's cells by row and column letter."""
    out: dict[int, dict[str, object]] = {}
    for (sheet, ref), v in values.items():
        if sheet != _sheet():
            continue
        letters = "".join(ch for ch in ref if ch.isalpha())
        out.setdefault(int(ref[len(letters) :]), {})[letters] = v
    return out


def _header_columns(row: dict[str, object]) -> dict[str, str]:
    """A group table's header row: which column holds which figure (by its zh header)."""
    names = {"客户数": "accounts", "近12个月销售额": "value", "价值占比": "share", "年毛利": "margin",
             "客户生命周期价值": "clv", "应收余额": "outstanding", "逾期金额": "overdue_amount"}  # fmt: skip
    return {names[str(v)]: c for c, v in row.items() if str(v) in names}


def _table(
    rows: dict[int, dict[str, object]], caption: str, spare: int = 0
) -> tuple[list[dict[str, object]], dict[str, str]]:
    """The rows of the group table headed ``caption`` in column A: until the first row with no figures,
    then ``spare`` rows more (the blank rows to type names into)."""
    head = next(r for r, cells in rows.items() if cells.get("A") == caption)
    cols = _header_columns(rows[head])
    out, r = [], head + 1
    while r in rows and any(rows[r].get(c, "") != "" or rows[r].get("A", "") != "" for c in cols.values()):
        out.append(rows[r])
        r += 1
    return out + [rows.get(r + i, {}) for i in range(spare)], cols


def _close(a: object, b: float) -> bool:
    return isinstance(a, float) and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def check_dashboard(values: dict[tuple[str, str], object], df: pd.DataFrame) -> None:
    """Every figure of the dashboard against pandas."""
    rows = _rows(values)
    errors = [(r, c, v) for r, cells in rows.items() for c, v in cells.items() if isinstance(v, str) and v[:1] == "#"]
    assert not errors, f"error values on the dashboard: {errors[:5]}"
    frame = expected(df)
    total = frame["value"].sum()

    # all accounts: the totals every share is of
    all_rows, cols = _table(rows, "全部客户")
    first = all_rows[0]
    assert first[cols["accounts"]] == float(len(df))
    for k in AMOUNTS:
        assert _close(first[cols[k]], frame[k].sum()), k
    assert _close(first[cols["share"]], 1.0)

    checked = 0
    for key, caption in (("tier", "按客户等级"), ("pyramid", "按金字塔层级"), ("abc", "按 ABC 分类"),
                         ("matrix", "按组合矩阵"), ("owner", "按负责人"), ("industry", "按行业")):  # fmt: skip
        want = by_group(frame, key)
        named = key in ("owner", "industry")  # the data's names, largest value first, then rows to type into
        got, cols = _table(rows, caption, SPARE_NAMES if named else 0)
        labels = [str(g["A"]) for g in got if g.get("A", "") != ""]
        if named:
            order = want.reset_index().sort_values(["value", key], ascending=[False, True])[key].tolist()
            assert [x.casefold() for x in labels] == order, key
        else:
            assert set(want.index) <= set(labels), key
        for g in got:
            name = str(g.get("A", ""))
            if name == "":
                assert all(g.get(c, "") == "" for c in cols.values()), (key, g)
                continue
            w = want.loc[name.casefold() if key == "owner" else name] if (
                (name.casefold() if key == "owner" else name) in want.index) else None  # fmt: skip
            assert g[cols["accounts"]] == (0.0 if w is None else float(w["accounts"])), (key, name)
            for k in AMOUNTS:
                assert _close(g[cols[k]], 0.0 if w is None else float(w[k])), (key, name, k)
            share = 0.0 if w is None else float(w["value"]) / total
            assert _close(g[cols["share"]], share), (key, name)
            checked += 1
    assert checked >= 4 + 4 + 3 + 4 + 4 + 4  # every label of every grouping

    # the ten largest accounts at risk, equal values each with their own account
    head = next(r for r, cells in rows.items() if cells.get("A") == "名次")
    at_risk = frame[(frame["risk"] != "") & frame["value"].notna()]
    top = at_risk.sort_values("value", ascending=False, kind="stable").head(TOP_AT_RISK)
    got_rows = [rows[head + k] for k in range(1, TOP_AT_RISK + 1)]
    assert [g["D"] for g in got_rows] == top["account"].tolist()
    assert [g["F"] for g in got_rows] == top["risk"].tolist()
    assert all(_close(g["C"], v) for g, v in zip(got_rows, top["value"], strict=True))
    assert [g["B"] for g in got_rows] == [float(i + 1) for i in top.index]
    count = next(cells["G"] for cells in rows.values() if cells.get("F") == "风险客户数")
    assert count == float((frame["risk"] != "").sum())


def test_the_test_data_covers_what_could_go_wrong() -> None:
    """Ties among the largest accounts at risk, a blank value, blank owners and industries, a case variant."""
    frame = expected(table())
    at_risk = frame[(frame["risk"] != "") & frame["value"].notna()]
    top = at_risk.sort_values("value", ascending=False, kind="stable").head(TOP_AT_RISK)
    assert top["value"].duplicated().any(), "no tie among the top accounts at risk"
    assert len(at_risk) > TOP_AT_RISK and (frame["risk"] == "").any()
    assert frame["owner"].isna().any() and frame["industry"].isna().any() and frame["value"].isna().any()
    assert {"Zhao", "zhao"} <= set(table()["owner"].dropna())
    for caption, _ in account_risk.REASONS.values():  # every reason makes some account at risk
        assert frame["risk"].str.contains(caption, regex=False).any(), caption


def test_cached_values_are_the_pandas_figures(built: tuple[Path, pd.DataFrame]) -> None:
    path, df = built
    check_dashboard(cached_values(path), df)


@pytest.fixture(scope="module")
def engine(built: tuple[Path, pd.DataFrame]) -> FormulasBook:
    return FormulasBook(built[0])  # loaded once (slow): each test recalculates it


def test_formulas_engine_recomputes_the_pandas_figures(built: tuple[Path, pd.DataFrame], engine: FormulasBook) -> None:
    path, df = built
    computed = by_title(engine.values(), [_sheet()])
    values = cached_values(path)  # the inputs (typed names) as they are; every formula cell recomputed
    values.update({key: computed[key] for key in formula_cells(path) if key[0] == _sheet()})
    check_dashboard(values, df)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_recomputes_the_pandas_figures(built: tuple[Path, pd.DataFrame], tmp_path: Path) -> None:
    path, df = built
    out = libreoffice_recalc([path], tmp_path)[path]
    check_dashboard(cached_values(out), df)


def test_a_typed_owner_and_a_value_typed_as_text(built: tuple[Path, pd.DataFrame], engine: FormulasBook) -> None:
    """Recomputed by ``formulas`` after two edits a user makes: an owner's name typed (another case) into a
    blank row reads the same figures as the listed one; a value typed as text turns the at-risk list into
    the reason on every row, never an error value or a list that leaves that account out."""
    path = built[0]
    rows = _rows(cached_values(path))
    head = next(r for r, cells in rows.items() if cells.get("A") == "按负责人")
    zhao = next(r for r in range(head, head + 10) if rows[r].get("A") == "Zhao")
    spare = next(r for r in range(head + 1, head + 20) if rows[r].get("A", "") == "")
    risk_head = next(r for r, cells in rows.items() if cells.get("A") == "名次")
    value_column = get_column_letter([c.key for c in pw.columns(MODEL)].index(MODEL.abc.value) + 1)
    edits = {(_sheet(), f"A{spare}"): "zhao", (pw.LABELS["sheet"][0], f"{value_column}{pw.FIRST_ROW}"): "12万"}
    got = _rows(by_title(engine.values(edits), [_sheet()]))
    for c in "BEFGH":  # accounts and the sums that do not read the value column
        assert got[spare][c] == got[zhao][c], c
    for k in range(1, TOP_AT_RISK + 1):
        row = got[risk_head + k]
        assert row["C"] == "价值列有文字，请改为数字"
        assert row["B"] == row["D"] == row["F"] == ""


# ---------------------------------------------------------------- each entry on its own (the parity harness)


@pytest.fixture(scope="module")
def parity(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    book = Book(MODEL, "zh", ("对照", "Parity"))
    sheet = ParitySheet(book)
    for build in BUILDERS:
        build(sheet, np.random.default_rng(7))
    return book.save(tmp_path_factory.mktemp("parity") / "parity.xlsx"), sheet.cases


def test_every_dashboard_entry_is_exercised(parity: tuple[Path, list[Case]]) -> None:
    assert {c.key for c in parity[1]} == {e.key for e in DOMAINS["dashboard"]}


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_the_entries_agree_with_the_core_in_both_engines(parity: tuple[Path, list[Case]], tmp_path: Path) -> None:
    path, cases = parity
    lo = cached_values(libreoffice_recalc([path], tmp_path)[path])
    computed = by_title(FormulasBook(path).values(), [SHEET])
    for engine, values in (("formulas", computed), ("LibreOffice", lo)):
        bad = [(c.key, c.ref, c.core, values.get((SHEET, c.ref))) for c in cases
               if not close(values.get((SHEET, c.ref)), c.core)]  # fmt: skip
        assert not bad, f"{engine} disagrees with the core: {bad[:5]}"
