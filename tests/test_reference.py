"""The indicator reference (docs/indicators.md) and README's function table come from the registry,
are up to date, and nothing the project ships points at documents outside the repository."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from kam_xl.indicators import REGISTRY

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
