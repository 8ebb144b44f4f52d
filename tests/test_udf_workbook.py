"""KAM_* inside a workbook, as a manager types them, recomputed by the ``formulas`` engine.

A generated portfolio workbook (native formulas over its Model sheet's names)
gets a sheet of worksheet-function cells beside it: single cells, a column
range with spare blank rows, ``KAM_TIER(KAM_SCORE(row, header, Model))``
nested, a ``KAM_PORTFOLIO`` spill over a team's own table. The engine runs
kam_udfs' functions as the implementations of those names (their arguments
handed over as xlwings passes them: lists of lists, None for blanks, errors as
text). Then a criterion weight is changed on the Model sheet, as a team tunes
it: the native score and tier columns and the KAM_* cells that take the Model
range must move together, and equal the core with the edited model.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

import formulas
import kam_udfs as k
import numpy as np
import pandas as pd
import pytest
import schedula as sh
from engines import FormulasBook
from formulas.ranges import Ranges
from formulas.tokens.operand import Empty, XlError
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula

from kam_xl.core import pareto
from kam_xl.core import scorecard as scoring
from kam_xl.models import default_model, model_from_rows
from kam_xl.portfolio import score_portfolio
from kam_xl.samples.accounts import localise_headers, sample_portfolio
from kam_xl.workbooks import portfolio as P

N, SPARE = 6, 4
FIRST, LAST = P.FIRST_ROW, P.FIRST_ROW + N + SPARE - 1  # rows 5 … 14: six accounts, four spare rows
SHEET = P.SHEETS["table"][0]  # 客户组合
Q = f"'{SHEET}'!"


def _cell(x: object) -> object:
    if isinstance(x, Empty) or x is sh.EMPTY:  # the engine's two spellings of an empty cell
        return None
    if isinstance(x, XlError):
        return str(x)
    if isinstance(x, np.generic):
        return x.item()
    return x


# The arguments declared ndim=1 (a population, compared flat by the range cache); every other is ndim=2.
# tests/test_udf_registration.py checks this against what xlwings' own decorators record.
FLAT = {("KAM_ABC", "values"), ("KAM_PYRAMID", "values")}


def _as_xlwings(v: object, ndim: int = 2) -> object:
    """An argument as classic xlwings passes it: with ndim=2 a list of lists, with ndim=1 a range as one
    flat list; None for a blank cell."""
    if isinstance(v, Ranges):
        v = v.value
    if isinstance(v, np.ndarray):
        rows = [[_cell(x) for x in row] for row in np.atleast_2d(v).tolist()]
        return [x for row in rows for x in row] if ndim == 1 and len(rows) * len(rows[0]) > 1 else rows
    return _cell(v)


def _implementation(fn: Callable[..., object]) -> Callable[..., object]:
    names = list(inspect.signature(fn).parameters)

    def call(*args: object) -> object:
        out = fn(*[_as_xlwings(a, 1 if (fn.__name__, n) in FLAT else 2) for a, n in zip(args, names, strict=False)])
        if isinstance(out, list):
            return np.array([["" if x is None else x for x in row] for row in out], dtype=object)
        return "" if out is None else out

    return call


# where the portfolio kind puts each column, by key (kam_xl.workbooks.portfolio.columns)
AT = {c.key: get_column_letter(i) for i, c in enumerate(P.columns(default_model()), start=1)}


@pytest.fixture
def kam_functions(monkeypatch):
    table = formulas.get_functions()
    for name in k.__all__:
        monkeypatch.setitem(table, name, _implementation(getattr(k, name)))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The generated workbook with a KAM sheet and a Team sheet added, and where the Model rows sit."""
    path = tmp_path_factory.mktemp("udf_book") / "team.xlsx"
    P.write(path, sample_portfolio(N), spare_rows=SPARE)
    wb = load_workbook(path)
    model_ws = wb["Model"]
    last_model_row = model_ws.max_row
    model_ref = f"Model!$A$1:$B${last_model_row}"
    weight_row = next(
        r
        for r in range(1, last_model_row + 1)
        if model_ws.cell(r, 1).value == f"scorecards.{default_model().tier_scorecard}.criteria[0].weight"
    )
    ws = wb.create_sheet("KAM")
    # where the portfolio kind puts its columns (criterion scores together, the value, the native score)
    at = AT
    crit = [f"criterion:{c.code}" for c in default_model().scorecard().criteria]
    a, b, v, sc = at[crit[0]], at[crit[-1]], at[default_model().abc.value], at["score"]
    for r in range(FIRST, LAST + 1):
        row, head = f"{Q}{a}{r}:{b}{r}", f"{Q}${a}${P.HEADER_ROW}:${b}${P.HEADER_ROW}"
        ws[f"A{r}"] = f"=KAM_SCORE({row},{head},{model_ref})"
        ws[f"B{r}"] = f'=KAM_TIER(KAM_SCORE({row},{head},{model_ref}),"zh",{model_ref})'  # nested
        ws[f"C{r}"] = f"=KAM_ABC({Q}{v}{r},{Q}${v}${FIRST}:${v}${LAST})"  # a column range with spare rows
        ws[f"D{r}"] = f"=KAM_TIER({Q}{sc}{r})"  # the tier of the native score
    team = localise_headers(sample_portfolio(N), "zh")[
        ["客户名称", *[c.zh for c in default_model().scorecard().criteria], "销售额"]
    ]
    tws = wb.create_sheet("Team")
    tws.append(list(team.columns))
    for values in team.itertuples(index=False):
        tws.append([v.item() if isinstance(v, np.generic) else v for v in values])
    assert len(team.columns) == 20  # account, 18 criteria, revenue: A … T
    # a spill of the header and one row per account, six columns (account, raw, score, tier, ABC,
    # pyramid), over the team's table selected with spare rows
    wb["KAM"]["H1"] = ArrayFormula(f"H1:M{N + 1}", f"=KAM_PORTFOLIO(Team!A1:T{N + 1 + SPARE})")
    wb.save(path)
    rows = [(r[0].value, r[1].value, f"Model!B{i}") for i, r in enumerate(model_ws.iter_rows(min_row=2, max_col=2), 2)]
    return path, weight_row, rows, team


def _model_after(rows, weight_row, weight):
    edited = [(p, weight if cell == f"Model!B{weight_row}" else v, cell) for p, v, cell in rows]
    return model_from_rows(edited)


@pytest.mark.parametrize("weight", [None, 20])
def test_kam_cells_equal_the_native_formulas_and_the_core(kam_functions, book, weight):
    path, weight_row, rows, _ = book
    inputs = {} if weight is None else {("Model", f"B{weight_row}"): weight}
    got = FormulasBook(path).values(inputs)
    model = default_model() if weight is None else _model_after(rows, weight_row, weight)
    sample = sample_portfolio(N)
    card = model.scorecard()
    crit = sample[[c.code for c in card.criteria]].to_numpy(dtype=float)
    score = scoring.score(crit, card, model)
    tiers = scoring.tier(score, model, "zh")
    abc = pareto.abc(sample["revenue"].to_numpy(dtype=float), model, "zh")
    if weight is not None:  # the edit matters: a weight of 20 instead of 8 moves every account's score
        before = scoring.score(crit, default_model().scorecard(), default_model())
        assert not np.allclose(score, before)
    for i in range(N):
        r = FIRST + i
        # the worksheet functions against the core with the sheet's model …
        assert got[("KAM", f"A{r}")] == pytest.approx(score[i], abs=1e-9)
        assert got[("KAM", f"B{r}")] == tiers[i]
        assert got[("KAM", f"C{r}")] == abc[i]
        # … and against the native formulas of the same workbook, after the same edit
        assert got[(SHEET.upper(), f"{AT['score']}{r}")] == pytest.approx(got[("KAM", f"A{r}")], abs=1e-9)
        assert got[(SHEET.upper(), f"{AT['tier']}{r}")] == got[("KAM", f"B{r}")] == got[("KAM", f"D{r}")]
        assert got[(SHEET.upper(), f"{AT['abc']}{r}")] == got[("KAM", f"C{r}")]
    for r in range(FIRST + N, LAST + 1):  # the spare rows: blank in both
        assert got[("KAM", f"A{r}")] == got[("KAM", f"B{r}")] == ""


def test_portfolio_spill_equals_the_core(kam_functions, book):
    path, _, _, team = book
    engine = FormulasBook(path)
    solution = engine.model.calculate()
    (spill,) = [v for key, v in solution.items() if str(key).upper().endswith("KAM'!H1:M7")]
    got = np.asarray(getattr(spill, "value", spill), dtype=object)
    expected = score_portfolio(pd.DataFrame(team.to_numpy(dtype=object), columns=team.columns), default_model(), "zh")
    assert got.shape == (N + 1, 6) and got[0, 0] == "客户"
    for i, (name, row) in enumerate(expected.iterrows(), start=1):
        assert got[i, 0] == name
        assert float(got[i, 1]) == pytest.approx(row["score_raw"])
        assert float(got[i, 2]) == pytest.approx(row["score"])
        assert list(got[i, 3:]) == [row["tier"], row["abc"], row["pyramid"]]
