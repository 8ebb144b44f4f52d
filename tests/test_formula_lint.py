"""Formula lint: the linter catches what it must, and every generated workbook passes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName

from kam_xl.workbooks.lint import functions_in, lint_formula, lint_workbook
from kam_xl.workbooks.templates import KINDS, LANGS, write_templates


def problems(formula: str) -> list[str]:
    return [f.problem for f in lint_formula(formula)]


def test_functions_are_read_outside_strings_and_sheet_names() -> None:
    assert functions_in("=IF(A1=\"SUM(x)\",'MAX('!B2,_xlfn.RANK.EQ(A1,B:B))") == ["IF", "_xlfn.RANK.EQ"]


@pytest.mark.parametrize(
    ("formula", "problem"),
    [
        ("=RANK.EQ(A1,$A$1:$A$9)", "RANK.EQ needs the _xlfn. prefix"),
        ("=IFS(A1>1,1,TRUE,0)", "IFS needs the _xlfn. prefix"),
        ("=_xlfn.XLOOKUP(A1,B1:B9,C1:C9)", "_xlfn.XLOOKUP is outside the supported function subset"),
        ("=OFFSET(A1,1,1)", "OFFSET is outside the supported function subset"),
        ("=SUBTOTAL(9,A1:A9)", "SUBTOTAL is outside the supported function subset"),
        ("=TRIM(A1)", "TRIM is outside the supported function subset"),
        ("=SUM(A:A)", "whole-column or whole-row reference"),
        ("=SUM($B:$C)", "whole-column or whole-row reference"),
        ("=SUM(3:3)", "whole-column or whole-row reference"),
        ("=SUM(Table1[Amount])", "table (structured) reference"),
        ("=A1-TODAY()", "TODAY()/NOW(): use an as-of date cell"),
    ],
)
def test_lint_catches(formula: str, problem: str) -> None:
    assert problem in problems(formula)


@pytest.mark.parametrize(
    "formula",
    [
        '=IF(A1="","",INDEX(KAM_TIER_LEVELS_ZH,1+SUMPRODUCT((ROUND(A1,9)<KAM_TIER_LEVELS_MIN)*1)))',
        "=_xlfn.RANK.EQ(A2,$A$2:$A$40,0)",
        '=SUMIFS($D$5:$D$90,$E$5:$E$90,">"&INDEX(KAM_RECEIVABLES_AGING_EDGE,1))',
        "='客户 组合'!A1+Model!$B$4",
        '=IF(B2="A:B","x","y")',
    ],
)
def test_lint_passes_the_subset(formula: str) -> None:
    assert problems(formula) == []


def test_lint_workbook_finds_sheet_scoped_names(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "=SUM(A:A)"
    ws.defined_names["LOCAL"] = DefinedName("LOCAL", attr_text="Sheet!$A$1")
    wb.save(tmp_path / "bad.xlsx")
    found = {f.problem for f in lint_workbook(tmp_path / "bad.xlsx")}
    assert found == {"sheet-scoped defined name", "whole-column or whole-row reference"}


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_templates(tmp_path_factory.mktemp("templates"))


def test_templates_cover_every_kind_and_language(templates: list[Path]) -> None:
    assert len(templates) == len(KINDS) * len(LANGS)


def test_every_generated_formula_passes_the_lint(templates: list[Path], tmp_path: Path) -> None:
    from kam_xl.demo import run_demo

    demo = run_demo(tmp_path / "demo", lang="en")
    paths = templates + [p for p in demo.files if p.suffix == ".xlsx"]
    assert len(paths) > len(templates)
    found = [str(f) for p in paths for f in lint_workbook(p)]
    assert not found, "\n".join(found[:20])
