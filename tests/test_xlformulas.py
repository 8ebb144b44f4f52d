"""One definition, three renderings: for every indicator in the registry, the native
Excel formula (recomputed by ``formulas`` and by LibreOffice), the core function and
the worksheet function give the same answer on the same seeded inputs.

Each case writes its inputs into a scratch sheet, asks the registry entry's renderer
for the formula, and records what the core says (the cached value) and what the UDF
says (``tests/parity.py``; the cases, one module per domain, ``tests/parity_*.py``).
The expected values are not copied from a run: the core's own hand-checked tests pin
them; here the three renderings must agree with each other.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import parity_barriers
import parity_competition
import parity_dashboard
import parity_funnel
import parity_monthly
import parity_pipeline
import parity_plans
import parity_portfolio_risk
import parity_profitability
import parity_receivables
import parity_relationship
import parity_satisfaction
import parity_scoring
import parity_selection
import parity_service
import parity_tally
import parity_value
import pytest
from engines import FormulasBook, by_title, cached_values, close, libreoffice_recalc
from parity import MODEL, SHEET, Builder, Case, Sheet

from kam_xl.indicators import REGISTRY
from kam_xl.workbooks.book import Book

BUILDERS: tuple[Builder, ...] = (
    *parity_scoring.BUILDERS,
    *parity_selection.BUILDERS,
    *parity_profitability.BUILDERS,
    *parity_barriers.BUILDERS,
    *parity_value.BUILDERS,
    *parity_satisfaction.BUILDERS,
    *parity_competition.BUILDERS,
    *parity_relationship.BUILDERS,
    *parity_pipeline.BUILDERS,
    *parity_funnel.BUILDERS,
    *parity_plans.BUILDERS,
    *parity_monthly.BUILDERS,
    *parity_receivables.BUILDERS,
    *parity_tally.BUILDERS,
    *parity_service.BUILDERS,
    *parity_dashboard.BUILDERS,
    *parity_portfolio_risk.BUILDERS,
)


@pytest.fixture(scope="module")
def parity(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    book = Book(MODEL, "zh", ("对照", "Parity"))
    sheet = Sheet(book)
    rng = np.random.default_rng(20261123)
    for build in BUILDERS:
        build(sheet, rng)
    path = book.save(tmp_path_factory.mktemp("parity") / "parity.xlsx")
    return path, sheet.cases


def test_every_rendered_indicator_is_exercised(parity) -> None:
    _, cases = parity
    rendered = {k for k, entry in REGISTRY.items() if entry.excel}
    assert rendered == {c.key for c in cases}


def _check(values: dict, cases: list[Case], engine: str) -> None:
    bad = [(c.key, c.ref, c.core, values.get((SHEET, c.ref))) for c in cases
           if not close(values.get((SHEET, c.ref)), c.core)]  # fmt: skip
    assert not bad, f"{engine} disagrees with the core on {len(bad)} cells, e.g. {bad[:5]}"


def test_udf_agrees_with_core(parity) -> None:
    _, cases = parity
    bad = [(c.key, c.ref, c.core, c.udf) for c in cases if not close(c.udf, c.core)]
    assert not bad, bad[:5]


def test_cached_values_are_the_core(parity) -> None:
    path, cases = parity
    _check(cached_values(path), cases, "the cached value")


def test_formulas_engine_agrees_with_core(parity) -> None:
    path, cases = parity
    _check(by_title(FormulasBook(path).values(), [SHEET, "Model"]), cases, "formulas")


def test_libreoffice_agrees_with_core(parity, tmp_path: Path) -> None:
    path, cases = parity
    out = libreoffice_recalc([path], tmp_path / "lo")[path]
    _check(cached_values(out), cases, "LibreOffice")
