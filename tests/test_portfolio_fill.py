"""Issue #7's acceptance: the blank portfolio template filled through openpyxl with 1,000 accounts, as a
team would paste its list in, recalculated in LibreOffice; every computed cell equals the core.

The template is written by the kind (its 1,000 rows are formulas with blank cached values), the
inputs are typed into its input columns found by their headers (no formula is touched), the file
is saved by openpyxl (which keeps no cached value a recalculation could fall back on) and
LibreOffice recalculates it with "recalculate on load: always". The expected values come from the
core through :func:`kam_xl.workbooks.portfolio.indicators` for the table figures and from the
core functions directly for the summary (counts, totals, the Pareto list).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from engines import cached_values, close, formula_cells, libreoffice_recalc, soffice
from openpyxl import load_workbook

from kam_xl.core import account_risk, pareto
from kam_xl.models import default_model
from kam_xl.workbooks import portfolio as pw

MODEL = default_model()
N = 1000
pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


def _inputs(n: int, seed: int) -> dict[str, np.ndarray]:
    """A 1,000-account list as a team has it: every section filled, some cells blank, ties in value."""
    rng = np.random.default_rng(seed)
    card, b = MODEL.scorecard(), MODEL.barrier
    out: dict[str, np.ndarray] = {
        "account": np.array([f"客户{i:04d}" for i in range(n)], dtype=object),
        "owner": rng.choice(np.array(["王磊", "李娜", "张伟", "刘洋"], dtype=object), n),
        "industry": rng.choice(np.array(["电气设备", "钢铁", "建材"], dtype=object), n),
        "dm_stance": rng.choice(
            np.array([*(s.text("zh") for s in MODEL.buying_centre.stances), None], dtype=object), n
        ),
    }
    for c in card.criteria:
        out[f"criterion:{c.code}"] = rng.integers(int(card.scale_min), int(card.scale) + 1, n).astype(float)
    value = np.round(rng.lognormal(15, 1.2, n), -3)
    value[rng.random(n) < 0.1] = value[0]  # ties: each must still show its own name in the Pareto list
    value[rng.random(n) < 0.02] = np.nan
    out[MODEL.abc.value] = value
    out["current_value"], out["potential_value"] = (rng.integers(0, 101, n).astype(float) for _ in range(2))
    for w in b.wall_criteria:
        out[f"wall:{w.code}"] = rng.integers(0, int(w.max) + 1, n).astype(float)
    for k in ("technical", "commercial", "procedural", "financial", "relational"):
        out[k] = rng.integers(0, int(b.component_scale) + 1, n).astype(float)
    out["margin"] = np.round(rng.uniform(1e4, 5e6, n), 2)
    out["retention"] = np.round(rng.uniform(0, 0.95, n), 2)
    out["discount"] = np.round(rng.uniform(0, 0.25, n), 3)
    out["horizon"] = np.where(rng.random(n) < 0.5, rng.integers(1, 20, n), np.nan)
    out["dso"] = np.round(rng.uniform(0, 160, n), 1)
    out["overdue_ratio"] = np.round(rng.uniform(0, 0.6, n), 3)
    out["overdue_prev"] = np.round(rng.uniform(0, 0.6, n), 3)
    out["outstanding"] = np.round(rng.uniform(0, 2e6, n), 2)
    for key in ("dso", "outstanding", "overdue_prev"):
        out[key][rng.random(n) < 0.05] = np.nan
    return out


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, np.ndarray], Path, Path]:
    tmp = tmp_path_factory.mktemp("fill")
    template = pw.write(tmp / "template.xlsx", None, model=MODEL, lang="zh")
    inputs = _inputs(N, 20261202)
    wb = load_workbook(template)
    ws = wb[pw.LABELS["sheet"][0]]
    headers = {ws.cell(pw.HEADER_ROW, j).value: j for j in range(1, ws.max_column + 1)}
    for c in pw.columns(MODEL):
        if c.kind == "formula":
            continue
        j = headers[c.header[0]]  # found by its header, as a user's paste lands under it
        for i, v in enumerate(inputs[c.key].tolist()):
            ws.cell(pw.FIRST_ROW + i, j).value = None if v is None or v != v else v
    path = tmp / "filled.xlsx"
    wb.save(path)
    lo = libreoffice_recalc([path], tmp / "lo")[path]
    return inputs, path, lo


def test_the_template_holds_the_thousand_accounts(filled) -> None:
    _, path, _ = filled
    cells = formula_cells(path)
    tier = {c.key: i for i, c in enumerate(pw.columns(MODEL), start=1)}["tier"]
    from openpyxl.utils import get_column_letter

    col = get_column_letter(tier)
    rows = [int(ref[len(col) :]) for (sheet, ref) in cells if sheet == "客户组合" and ref[: len(col)] == col
            and ref[len(col) :].isdigit()]  # fmt: skip
    assert max(rows) >= pw.FIRST_ROW + N - 1  # the last account's row has its formulas


def test_every_computed_cell_of_the_list_equals_the_core(filled) -> None:
    inputs, path, lo = filled
    want = pw.indicators(inputs, N, MODEL, "zh")
    got = cached_values(lo)
    cells = formula_cells(path)
    from openpyxl.utils import get_column_letter

    bad, checked = [], 0
    for j, c in enumerate(pw.columns(MODEL), start=1):
        if c.kind != "formula":
            continue
        for i in range(N):
            ref = f"{get_column_letter(j)}{pw.FIRST_ROW + i}"
            assert ("客户组合", ref) in cells, ref  # still a formula: the fill typed inputs only
            checked += 1
            if not close(got.get(("客户组合", ref)), want[c.key][i]):
                bad.append((ref, c.key, want[c.key][i], got.get(("客户组合", ref))))
    assert checked == N * sum(c.kind == "formula" for c in pw.columns(MODEL))
    assert not bad, f"{len(bad)} cells differ, e.g. {bad[:8]}"
    # the figures the dashboard sums are there: some accounts at risk, every overdue amount by hand
    assert sum(1 for r in want["risk"] if r) > 100
    k = int(np.flatnonzero(~np.isnan(inputs["outstanding"]))[0])
    assert close(want["overdue_amount"][k], inputs["outstanding"][k] * inputs["overdue_ratio"][k])


def test_the_summary_equals_the_core_and_each_rank_has_its_own_account(filled) -> None:
    inputs, _, lo = filled
    got = {ref: v for (sheet, ref), v in cached_values(lo).items() if sheet == "汇总"}
    value, names = inputs[MODEL.abc.value], inputs["account"]
    present = int(np.count_nonzero(~np.isnan(value)))
    assert got["B4"] == float(N) and close(got["B5"], float(np.nansum(value)))
    values = pw.indicators(inputs, N, MODEL, "zh")
    tiers = Counter(values["tier"].tolist())
    counts = {got[f"A{r}"]: got[f"B{r}"] for r in range(6, 60) if isinstance(got.get(f"B{r}"), float)}
    for t in MODEL.tiers:
        assert counts[t.text("zh")] == tiers[t.text("zh")]
    order = np.argsort(-value[~np.isnan(value)], kind="stable")
    ranked_names = [str(names[~np.isnan(value)][k]) for k in order]
    assert [got[f"E{5 + k}"] for k in range(present)] == ranked_names
    assert len(set(ranked_names)) == present  # ties included: no name twice
    assert all(close(got[f"F{5 + k}"], v) for k, v in enumerate(pareto.largest(value, np.arange(1, present + 1))))
    shares = pareto.cumulative_share(value)
    assert all(close(got[f"G{5 + k}"], s) for k, s in enumerate(shares)) and close(got[f"G{4 + present}"], 1.0)
    positions = account_risk.pareto_positions(value)
    assert [got[f"I{5 + k}"] for k in range(present)] == [float(p) for p in positions]
    assert got.get(f"E{5 + present}") in ("", None)  # past the accounts given
