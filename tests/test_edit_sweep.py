"""Robust to ordinary edits (issue 7): no formula cell shows an error value after an input is set to 0,
blank, text or out of range.

Every blank template (four kinds, zh and en) and every workbook of the demo in each language (portfolio,
development record, eight account plans, eight customer files) are opened once each in one LibreOffice
process (``tests/sweep.py``, ``tests/sweep_uno.py``); each input in turn is set to each
variant, what depends on it is recalculated, and every formula cell showing #DIV/0!, #VALUE!, #N/A,
#NUM!, #REF!, #NAME? or Err:5xx is collected. What is covered:

- every input cell outside a list block, each in turn;
- in a list block (a column of more than :data:`sweep.LONG` inputs, the same formulas on every row), the
  first two rows, the middle one, the last one, and in a filled list the last filled row and the first
  empty one (:func:`sweep.pick`);
- 44 workbooks, about 3.5 minutes on two cores. ``KAM_SWEEP_QUICK=1`` in the environment sweeps only the
  first account plan and customer file of each demo (the others are built by the same code from other
  data), about 1.5 minutes, for a quick run while working.

Failures in cells another part of issue 7 owns are listed in :data:`HANDED_OUT` with the part that fixes
them: ``test_no_error_value`` fails on anything else, ``test_handed_out_failures_are_fixed`` shows them
(expected to fail until they are fixed; remove the entry then).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
import sweep

from kam_xl.demo import run_demo
from kam_xl.workbooks.templates import write_templates

pytestmark = pytest.mark.skipif(not sweep.available(), reason="needs soffice and a python with uno")

KINDS = ("portfolio", "account_plan", "customer_file", "development")
DEMO_KIND = {"客户组合": "portfolio", "大客户战略管理计划": "account_plan", "大客户档案": "customer_file",
             "大客户开发记录表": "development", "account-plan": "account_plan", "customer-file": "customer_file"}  # fmt: skip

# (part, input sheet, sheet of the failing cell, its formula): regular expressions, searched. A failure that
# matches an entry is that part's to fix (issue 7, session 8's split; see the lead's hand-out list).
HANDED_OUT: tuple[tuple[str, str, str, str], ...] = (
    # LO — LibreOffice's threaded formula-group calculation (on by default; groups of 100 rows or more): after
    # a receipt's invoice number is typed as 0 and its date then as text, the receipt's "its invoice date"
    # cell (column D) shows Err:522 (circular reference) although there is no cycle — a static walk of every
    # reference of the template finds none; with threaded calculation off, or after a hard recalculation
    # (Ctrl+Shift+F9), the cell is blank as it should be, and `formulas` and Excel have no such step. The
    # README's LibreOffice notes say so. Matched narrowly: that column, that error.
    ("LO", "收款台账|Receipts", "收款台账|Receipts", ""),
)


def owner(f: sweep.Failure) -> str:
    """The part a failure is handed out to, or "" (G's own: must not happen)."""
    for part, inputs, sheet, formula in HANDED_OUT:
        if part == "LO" and not (re.fullmatch(r"D\d+", f.cell) and f.error == "Err:522"):
            continue  # LibreOffice's threaded-calculation step: only that column and that error
        if (
            re.search(inputs, f.input_sheet)
            and re.search(sheet, f.sheet)
            and re.search(formula, f.formula)
            and (inputs or sheet or formula)
        ):
            return part
    return ""


def kind_of(path: Path) -> str:
    stem = path.stem
    for kind in KINDS:
        if stem.startswith(kind):
            return kind
    return next(k for prefix, k in DEMO_KIND.items() if stem.startswith(prefix))


@pytest.fixture(scope="module")
def swept(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[sweep.Failure]]:
    """The sweep's failures by kind (one LibreOffice process for all the files)."""
    templates = write_templates(tmp_path_factory.mktemp("templates"))
    picked: list[Path] = []
    for lang in ("zh", "en"):
        demo_dir = tmp_path_factory.mktemp(f"demo_{lang}")
        run_demo(demo_dir, lang=lang)
        # the monthly review has no input to edit (its figures are tied out in tests/test_review.py)
        demo = sorted(p for p in demo_dir.glob("*.xlsx") if not p.stem.startswith(("经营分析", "business-review")))
        if os.environ.get("KAM_SWEEP_QUICK") != "1":
            picked += demo
            continue
        picked += [p for p in demo if kind_of(p) in ("portfolio", "development")]
        for kind in ("account_plan", "customer_file"):
            picked.append(next(p for p in demo if kind_of(p) == kind))
    files = [*templates, *picked]
    found, edits = sweep.sweep(files)
    assert all(edits[p.name] > 0 for p in files), edits  # every file had inputs to try
    by_kind: dict[str, list[sweep.Failure]] = {k: [] for k in KINDS}
    kinds = {p.name: kind_of(p) for p in files}
    for f in found:
        by_kind[kinds[f.file]].append(f)
    return by_kind


def _listing(failures: list[sweep.Failure], limit: int = 40) -> str:
    lines = [f"[{owner(f) or 'G'}] {f.line()}" for f in failures[:limit]]
    more = len(failures) - limit
    return "\n".join(lines + ([f"… and {more} more"] if more > 0 else []))


@pytest.mark.parametrize("kind", KINDS)
def test_no_error_value(swept: dict[str, list[sweep.Failure]], kind: str) -> None:
    """No formula cell shows an error value after any tried edit, apart from the handed-out ones."""
    mine = [f for f in swept[kind] if not owner(f)]
    assert not mine, f"{len(mine)} error values after ordinary edits:\n{_listing(mine)}"


@pytest.mark.xfail(reason="LibreOffice's threaded-calculation step (see HANDED_OUT)", strict=False)
@pytest.mark.parametrize("kind", KINDS)
def test_handed_out_failures_are_fixed(swept: dict[str, list[sweep.Failure]], kind: str) -> None:
    theirs = [f for f in swept[kind] if owner(f)]
    parts = Counter(owner(f) for f in theirs)
    assert not theirs, f"{dict(parts)}:\n{_listing(theirs)}"


def test_pick_samples_a_long_list() -> None:
    """A list column of 1,000 rows (5 … 1004) with 36 filled: the first two, the middle, the last, the last
    filled (40) and the first empty (41) — six rows; a short run is tried whole."""
    rows = list(range(5, 1005))
    assert sweep.pick(rows, set(range(5, 41))) == [5, 6, 40, 41, 505, 1004]
    assert sweep.pick([3, 4, 5], set()) == [3, 4, 5]
