"""README's worksheet-function reference is generated from the registry and must not drift."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kam_xl.indicators import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("function_reference", ROOT / "scripts" / "function_reference.py")
ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ref)


def test_readme_reference_is_up_to_date():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ref.update(text) == text, "README.md is out of date: run python scripts/function_reference.py"


def test_check_mode_exit_codes(tmp_path: Path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(f"# title\n\n{ref.START}\nSTALE-TEXT\n{ref.END}\n\n## after\n", encoding="utf-8")
    assert ref.main(["--check", "--readme", str(readme)]) == 1
    assert "STALE-TEXT" in readme.read_text(encoding="utf-8")  # --check writes nothing
    assert ref.main(["--readme", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    # only the region between the markers changed
    assert text.startswith(f"# title\n\n{ref.START}\n") and text.endswith(f"{ref.END}\n\n## after\n")
    assert "STALE-TEXT" not in text
    assert ref.main(["--check", "--readme", str(readme)]) == 0
    capsys.readouterr()


def test_missing_markers_are_reported(tmp_path: Path):
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="markers"):
        ref.main(["--readme", str(readme)])


def test_every_worksheet_function_and_argument_is_documented():
    text = ref.reference()
    for ind in REGISTRY.values():
        if not ind.udf:
            continue
        assert f"### {ind.udf}\n" in text
        assert f"`={ref.signature(ind)}`" in text
        assert ind.summary_zh in text and ind.summary_en in text
        for a in ind.args:
            assert f"| `{a.name}`" in text and a.zh in text and a.en in text
    assert ref.signature(REGISTRY["abc"]) == "KAM_ABC(value, [values], [lang])"
