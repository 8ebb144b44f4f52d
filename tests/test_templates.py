"""The committed blank templates in workbooks/ are what the generator makes today."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from engines import cached_values
from openpyxl import load_workbook

from kam_xl.output import OverwriteError
from kam_xl.workbooks.templates import KINDS, LANGS, differences, template_name, write_templates

TEMPLATES = Path(__file__).resolve().parents[1] / "workbooks"


def test_committed_templates_are_up_to_date() -> None:
    found = differences(TEMPLATES)
    assert not found, "run `kam-xl templates --force`:\n" + "\n".join(found[:20])


def test_a_changed_cell_is_reported(tmp_path: Path) -> None:
    copy = tmp_path / "workbooks"
    shutil.copytree(TEMPLATES, copy)
    path = copy / template_name("account_plan", "en")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws["A1"] = "Edited by hand"
    wb.save(path)
    found = differences(copy)
    assert len(found) == 1 and found[0].startswith("account_plan_en.xlsx") and "Edited by hand" in found[0]


def test_blank_templates_show_no_error_values() -> None:
    for kind in KINDS:
        for lang in LANGS:
            seen = cached_values(TEMPLATES / template_name(kind, lang))
            errors = {
                k: v for k, v in seen.items() if isinstance(v, str) and v.startswith("#") and v.endswith(("!", "?"))
            }
            assert not errors, (kind, lang, list(errors.items())[:5])


def test_templates_are_written_all_or_none(tmp_path: Path) -> None:
    mine = tmp_path / template_name("development", "zh")
    mine.write_bytes(b"a user's file with a template's name")
    with pytest.raises(OverwriteError) as info:
        write_templates(tmp_path)
    assert str(mine) in info.value.en
    assert sorted(tmp_path.iterdir()) == [mine]  # refused before the other seven were made
    assert mine.read_bytes() == b"a user's file with a template's name"
