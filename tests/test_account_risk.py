"""The portfolio's overdue amount, risk reasons, value rank and Pareto tie-break: hand-worked core
cases, and the parity cases (tests/parity_portfolio_risk.py) in the cached values, ``formulas`` and
LibreOffice (the same harness as tests/test_xlformulas.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import parity_portfolio_risk
import pytest
from engines import FormulasBook, by_title, cached_values, close, libreoffice_recalc, soffice
from parity import MODEL, SHEET, Case, Sheet

from kam_xl.core import account_risk
from kam_xl.errors import KamError
from kam_xl.workbooks.book import Book


def test_overdue_amount_by_hand() -> None:
    # 1,200,000 × 25 % = 300,000; 0 × 0.5 = 0; a blank on either side is blank
    got = account_risk.overdue_amount([1_200_000.0, 0.0, np.nan, 5.0], [0.25, 0.5, 0.1, np.nan])
    assert got[:2].tolist() == [300_000.0, 0.0] and np.isnan(got[2:]).all()
    with pytest.raises(KamError, match="outstanding"):
        account_risk.overdue_amount([-1.0], [0.1])
    with pytest.raises(KamError, match="overdue_ratio"):
        account_risk.overdue_amount([1.0], [1.5])


def test_risk_reasons_by_hand() -> None:
    got = account_risk.risk_reasons(
        ["弱", "强", "中", "", "弱"],
        ["D（风险）", "A（优）", "D（风险）", "", ""],
        ["反对", "支持", "中立", None, "反对"],
        [0.3, 0.1, 0.2, 0.5, np.nan],
        [0.2, 0.2, 0.2, np.nan, 0.1],
        MODEL,
        "zh",
    )
    assert got.tolist() == [
        "壁垒等级：弱；信用评级：D（风险）；决策者：反对；逾期占比上升",  # all four, in order
        "",  # strong, A, a supporter, overdue falling
        "信用评级：D（风险）",  # 0.2 = 0.2 is not growing; 中立 (value 0) is not opposing
        "",  # blanks give no reason; a blank previous ratio is not compared
        "壁垒等级：弱；决策者：反对",
    ]
    en = account_risk.risk_reasons(["Weak"], ["d (RISK)"], ["Opponent"], [0.2], [0.1], MODEL, "en")
    assert en.tolist() == [
        "Barrier level: Weak; Credit rating: d (RISK); Decision maker: Opponent; Overdue ratio rising"
    ]


def test_value_ranks_and_pareto_positions_by_hand() -> None:
    # values 5, 9, 5, blank, 7: 9 first, 7 second, the two 5s third and fourth in table order
    ranks = account_risk.value_ranks([5.0, 9.0, 5.0, np.nan, 7.0])
    assert ranks[[0, 1, 2, 4]].tolist() == [3.0, 1.0, 4.0, 2.0] and np.isnan(ranks[3])
    positions = account_risk.pareto_positions([5.0, 9.0, 5.0, np.nan, 7.0])
    assert positions.tolist() == [2, 5, 1, 3]
    assert account_risk.pareto_names(positions, ["甲", "乙", "丙", "丁", 7.0]).tolist() == ["乙", "7", "甲", "丙"]


@pytest.fixture(scope="module")
def parity(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    book = Book(MODEL, "zh", ("对照", "Parity"))
    sheet = Sheet(book)
    rng = np.random.default_rng(20261202)
    for build in parity_portfolio_risk.BUILDERS:
        build(sheet, rng)
    return book.save(tmp_path_factory.mktemp("risk") / "parity.xlsx"), sheet.cases


def _check(values: dict, cases: list[Case], engine: str) -> None:
    bad = [(c.key, c.ref, c.core, values.get((SHEET, c.ref))) for c in cases
           if not close(values.get((SHEET, c.ref)), c.core)]  # fmt: skip
    assert not bad, f"{engine} disagrees with the core on {len(bad)} cells, e.g. {bad[:5]}"


def test_every_new_entry_is_exercised(parity) -> None:
    keys = {c.key for c in parity[1]}
    assert keys == {"portfolio_overdue", "risk", "value_rank", "pareto_position", "pareto_name"}
    assert any(c.key == "risk" and c.core == "" for c in parity[1])
    assert any(c.key == "risk" and "；" in str(c.core) for c in parity[1])


def test_cached_values_and_formulas_agree_with_the_core(parity) -> None:
    path, cases = parity
    _check(cached_values(path), cases, "the cached value")
    _check(by_title(FormulasBook(path).values(), [SHEET, "Model"]), cases, "formulas")


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_agrees_with_the_core(parity, tmp_path: Path) -> None:
    path, cases = parity
    out = libreoffice_recalc([path], tmp_path / "lo")[path]
    _check(cached_values(out), cases, "LibreOffice")
