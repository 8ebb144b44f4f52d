"""The indicator reference (docs/indicators.md) and README's function table come from the registry,
are up to date, and nothing the project ships points at documents outside the repository."""

from __future__ import annotations

import importlib.util
import math
import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kam_xl.indicators import DOMAINS, REGISTRY

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("reference", ROOT / "scripts" / "reference.py")
ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ref)


def test_reference_and_readme_are_up_to_date() -> None:
    assert ref.main(["--check"]) == 0, "run python scripts/reference.py"


def test_check_mode_writes_nothing_and_only_the_marked_region_changes(tmp_path: Path) -> None:
    readme, docs = tmp_path / "README.md", tmp_path / "docs" / "indicators.md"
    readme.write_text(f"# title\n\n{ref.START}\nSTALE\n{ref.END}\n\n## after\n", encoding="utf-8")
    assert ref.main(["--check", "--readme", str(readme), "--docs", str(docs)]) == 1
    assert "STALE" in readme.read_text(encoding="utf-8") and not docs.exists()
    assert ref.main(["--readme", str(readme), "--docs", str(docs)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith(f"# title\n\n{ref.START}\n") and text.endswith(f"{ref.END}\n\n## after\n")
    assert "STALE" not in text and docs.read_text(encoding="utf-8") == ref.reference()


def test_every_entry_is_documented() -> None:
    text = ref.reference()
    for entry in REGISTRY.values():
        assert f'<a id="{entry.key}"></a>' in text
        assert entry.summary_zh in text or entry.definition_zh in text
        if entry.udf:
            assert f"`={ref.signature(entry)}`" in text and f"docs/indicators.md#{entry.key}" in entry.doc()
        for a in entry.args:
            assert f"| `{a.name}`" in text and a.en in text
    assert ref.signature(REGISTRY["abc"]) == "KAM_ABC(value, [values], [lang])"
    formulas = [line for line in text.splitlines() if line.startswith("Excel: =")]
    assert formulas and not [f for f in formulas if "_xlfn." in f]  # as Excel's formula bar shows them


def test_missing_markers_are_reported(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="markers"):
        ref.main(["--readme", str(readme), "--docs", str(tmp_path / "d.md")])


def test_nothing_points_outside_the_repository() -> None:
    shipped = [
        ROOT / "README.md",
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "kam_xl").rglob("*.py"),
        *(ROOT / "udfs").rglob("*.py"),
    ]
    outside = re.compile(r"\.\./shared|shared/SPEC|SPEC\.md|shared/DESIGN|\bSPEC §|\bDESIGN §")
    found = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in shipped
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if outside.search(line)
    ]
    assert not found, "points at files outside the repository: " + ", ".join(found[:10])


def test_every_entry_has_both_definitions_and_an_example() -> None:
    missing = [
        key
        for key, e in REGISTRY.items()
        if not (e.definition_zh and e.definition_en and e.example and e.example.zh and e.example.en)
    ]
    assert not missing, "no definition in words or no worked example (zh and en): " + ", ".join(missing)


@pytest.mark.parametrize("key", list(REGISTRY))
def test_every_example_runs_and_its_formula_renders(key: str) -> None:
    entry = REGISTRY[key]
    result, formula = ref.run(entry)  # the core call with the example's arguments and the shipped model
    assert result is not None
    if entry.excel is not None:
        assert entry.example is not None and entry.example.refs, f"{key}: a renderer but no cells to render"
        assert formula is not None and formula.startswith("="), f"{key}: {formula!r}"


# The receivables examples (one account, 华东电气, as of 2024-06-30, period (2023-06-30, 2024-06-30],
# 366 days — docs/definitions.md §2.11), each worked out by hand; None is a blank.
_D = date
_RECEIVABLES = {
    "dso": [120000 / 210000 * 366, 0, None],  # 209.142857; 0 / 0 → 0; 100 owed on no sales → blank
    "aging": [50000, 0, 40000, 0, 30000],  # INV3 −1 days · – · INV2 51 · – · INV0 377 (INV1's 0 adds nothing)
    "credit_rating": ["A（优）", "B（良）", "A（优）", "D（风险）", "D（风险）", "D（风险）"],  # limits inclusive
    "period_start": _D(2023, 6, 30),  # 12 months before 2024-06-30
    "period_days": 366,  # the period holds 2024-02-29
    "month_end": _D(2023, 7, 31),  # EOMONTH(2023-06-30, 1)
    "invoice_counted": [True, True, True, True, False, False],  # due before invoiced; no number
    "receipt_counted": [True, True, True, False, False],  # no date; a negative amount
    "ledger_key": ["INV1", "611365", ""],  # a number typed as a number keys as its text
    "received": [0, 100000, 20000, 0],
    "open_amount": [30000, 0, 40000, 50000],  # 60,000 − 20,000 on INV2
    "days_past_due": [377, None, 51, -1],  # 366 to 2024-06-19 + 11; settled; 21 + 30; due 07-01
    "invoice_problems": ["", "重复发票号", "未计入：信息不全或有误", ""],
    "invoice_matches": [1, 1, 0],  # INV9 is not the account's
    "receipt_invoice_date": [_D(2024, 1, 15), _D(2024, 4, 10), None],
    "receipt_invoice_total": [100000, 60000, None],
    "received_to_date": [40000, 110000, 60000],  # 02-01 rows first (rows 7 then 9), then 03-10
    "days_to_collect": [55, 71, None],  # 16 + 29 + 10; 20 + 31 + 20
    "receipt_problems": ["", "", "未知发票", "收款早于开票；超过未收余额", "未计入：信息不全或有误"],
    "sales": 210000,  # 100,000 + 60,000 + 50,000; INV0 is dated before the period
    "outstanding": 120000,  # 50,000 + 40,000 + 30,000
    "overdue_amount": 70000,  # 40,000 + 30,000
    "arrears_rate": [120000 / 210000, None],
    "overdue_ratio": [70000 / 120000, 0],
    "best_dso": 50000 / 210000 * 366,  # 87.142857
    "days_delinquent": 122,  # 70,000 / 210,000 × 366
    "balance": [30000, 130000, 30000, 120000],  # opening; + INV1; − its 100,000; + INV2 + INV3 − 20,000
    "cei": 120000 / 190000 * 100,  # (30,000 + 210,000 − 120,000) / (30,000 + 210,000 − 50,000) × 100 = 63.16
    "avg_collection_days": (100000 * 55 + 20000 * 71) / 120000,  # 57.67; INV9's receipt is unapplied
    "largest_receipt": 100000,
    "avg_receipt": 125000 / 3,  # 41,666.67, INV9's receipt included
    "unapplied_receipts": 5000,
    "avg_arrears": 770000 / 12,  # (6 × 30,000 + 130,000 × 2 + 30,000 + 90,000 × 2 + 120,000) / 12 = 64,166.67
    "credit_use": [0.8, None],  # 120,000 / 150,000; no limit → blank
    # a sorted ledger in blocks: keys "", INV1 (100), INV1 (50, dated after the as-of date), "", INV2 (70)
    "search_key": ["", "inv1", "inv1", "inv1", "inv2"],  # a row without a key carries the one above
    "block_count": [0, 1, 2, 2, 1],
    "block_sum": [0, 100, 150, 150, 70],
    "block_sum_to": [0, 100, 100, 100, 70],  # INV1's 50 is dated after the as-of date
    "block_min_date": [10000000, 45300, 45290, 45290, 45310],  # BIG before any date
    "block_last_date": [0, 45300, 45310, 45310, 45320],
    "block_total": [0, 150, 150, 150, 70],  # the block's last running value on each of its rows
    "invoice_in_order": [1, 0],  # INV1 after INV2
    "receipt_in_order": [1, 0],  # the same number, an earlier date below
    "ledger_in_order": 0,  # one flag of three is 0
    "order_note": 0,  # its core is ledger_in_order: out of order, the note shows
}


def _plain(value: object) -> object:
    """A core result as plain values: lists, floats, dates, None for a blank."""
    if isinstance(value, pd.DataFrame):
        return _plain(value.to_numpy().ravel())
    if isinstance(value, pd.Series | np.ndarray | list | tuple):
        return [_plain(v) for v in list(value)]
    if value is None or value is pd.NaT or (isinstance(value, float | np.floating) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp | np.datetime64):
        return pd.Timestamp(value).date()
    return value.item() if isinstance(value, np.generic) else value


def test_the_receivables_examples_give_the_figures_worked_out_by_hand() -> None:
    assert set(_RECEIVABLES) == {e.key for e in DOMAINS["receivables"]}
    for key, expected in _RECEIVABLES.items():
        got = _plain(ref.run(REGISTRY[key])[0])
        if isinstance(expected, list):
            assert isinstance(got, list) and len(got) == len(expected), key
            pairs = list(zip(got, expected, strict=True))
        else:
            pairs = [(got, expected)]
        for g, x in pairs:
            if isinstance(x, int | float) and not isinstance(x, bool):
                assert g == pytest.approx(x, rel=1e-9), key
            else:
                assert g == x, key
