"""The kam-xl command, through click's runner: exact outputs, refusals, files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner
from openpyxl import load_workbook

from kam_xl import __version__
from kam_xl.cli import main
from kam_xl.models import default_model
from kam_xl.output import TEMP_PREFIX


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def test_version_and_help() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"kam-xl, version {__version__}"
    help_text = run("--help").output
    for command in ("demo", "model", "templates"):
        assert command in help_text


def test_demo_writes_workbooks_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    first = run("demo", "--out", str(out))
    assert first.exit_code == 0, first.output
    assert "客户数: 36" in first.output
    # n = 36 accounts, pyramid shares 5/15/30/50 %: platinum ranks with (rank-1) < 1.8 → 2;
    # gold (rank-1) < 7.2 → ranks 3..8 = 6; silver < 18 → ranks 9..18 = 10; bronze 18.
    assert "金字塔层级: 白金 2  金 6  铜 18  银 10" in first.output
    scores = pd.read_csv(out / "客户评分.csv", encoding="utf-8-sig", index_col=0)
    assert len(scores) == 36
    assert {"客户等级", "ABC分类", "金字塔层级", "壁垒强度", "信用等级"} <= set(scores.columns)
    assert scores["客户等级"].isin(["战略客户", "重点客户", "成长客户", "一般客户"]).all()
    # the 2 + 6 platinum and gold accounts each get an account plan and a customer file
    plans = sorted(out.glob("大客户战略管理计划-*.xlsx"))
    files = sorted(out.glob("大客户档案-*.xlsx"))
    assert len(plans) == len(files) == 8
    key = set(scores.index[scores["金字塔层级"].isin(["白金", "金"])])
    assert {p.stem.split("-", 1)[1] for p in plans} == key
    assert (out / "客户组合.xlsx").is_file() and (out / "大客户开发记录表.xlsx").is_file()

    # The portfolio workbook shows the same tiers as the scores, read from cached values
    # (no recalculation): header row 4 of the first sheet.
    sheet = pd.read_excel(out / "客户组合.xlsx", sheet_name=0, header=3, engine="calamine")
    sheet = sheet[sheet["客户名称"].notna()].set_index("客户名称")
    assert sheet.loc[scores.index, "客户等级"].tolist() == scores["客户等级"].tolist()

    before = (out / "客户评分.csv").read_bytes()
    second = run("demo", "--out", str(out))
    assert second.exit_code != 0
    assert "--force" in second.output
    assert (out / "客户评分.csv").read_bytes() == before  # nothing lost

    third = run("demo", "--out", str(out), "--force", "--lang", "en")
    assert third.exit_code == 0, third.output
    assert "Accounts: 36" in third.output
    assert "Tier" in pd.read_csv(out / "portfolio-scores.csv", encoding="utf-8-sig", index_col=0).columns
    assert len(list(out.glob("account-plan-*.xlsx"))) == 8


def test_model_command_prints_hash_and_names_a_bad_field(tmp_path: Path) -> None:
    ok = run("model")
    assert ok.exit_code == 0
    assert default_model().content_hash in ok.output
    text = (Path(__file__).resolve().parents[1] / "kam_xl" / "models" / "default.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("share = 0.50", "share = 0.45"), encoding="utf-8")
    result = run("model", str(bad))
    assert result.exit_code != 0
    assert "pyramid.layers" in result.output
    assert "Traceback" not in result.output


def test_demo_into_a_file_or_below_one_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine")
    for out, says in ((blocker, "is a file, not a folder"), (blocker / "demo", "a part of the path is a file")):
        result = run("demo", "--out", str(out))
        assert result.exit_code == 2, result.output  # an output it cannot write: bad input, not problems found
        assert says in result.output and str(out) in result.output
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert blocker.read_text() == "mine" and sorted(tmp_path.iterdir()) == [blocker]


def test_templates_force_says_which_changed_workbook_it_backed_up(tmp_path: Path) -> None:
    out = tmp_path / "workbooks"
    assert run("templates", "--out", str(out)).exit_code == 0
    again = run("templates", "--out", str(out))
    assert again.exit_code == 2 and "--force" in again.output  # nothing replaced unasked
    edited = out / "portfolio_en.xlsx"
    wb = load_workbook(edited)
    wb.create_sheet("Budget")  # the user's own sheet
    wb.save(edited)
    theirs = edited.read_bytes()
    forced = run("templates", "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    backups = list(out.glob("portfolio_en.backup-*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == theirs
    # one line in both languages naming the backup; the seven untouched templates need none
    lines = [line for line in forced.output.splitlines() if str(backups[0]) in line]
    assert len(lines) == 1 and "已备份" in lines[0] and "kept as" in lines[0]
    assert len(list(out.iterdir())) == 8 + 1 and not list(out.glob(f"{TEMP_PREFIX}*"))


def test_debug_shows_the_error_itself_and_every_command_has_an_example(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine")
    plain = run("demo", "--out", str(blocker))
    debug = run("--debug", "demo", "--out", str(blocker))
    assert plain.exit_code == 2 and isinstance(plain.exception, SystemExit)
    # with --debug the KamError itself leaves the command (click's runner catches it as the exception)
    assert debug.exit_code == 1 and type(debug.exception).__name__.endswith("Error")
    assert "is a file, not a folder" in str(debug.exception)
    after = run("demo", "--out", str(blocker), "--debug")  # the shared options also after the command's name
    assert after.exit_code == 1 and str(after.exception) == str(debug.exception)
    for command in ("demo", "model", "templates"):
        assert "例 / Example:  kam-xl " + command in run(command, "--help").output


def test_help_and_a_quiet_new_account_import_only_what_they_need(tmp_path: Path) -> None:
    """`kam-xl --help` starts without numpy, pandas, openpyxl or rich (each command imports its own), and a
    quiet command never draws with rich: asked of a new Python process, as a user starts one."""
    import subprocess
    import sys

    heavy = ("numpy", "pandas", "openpyxl", "rich")
    probe = (
        "import sys\nfrom kam_xl.cli import main\n"
        "try:\n    main({args})\nexcept SystemExit as exc:\n    assert exc.code in (0, None), exc.code\n"
        "print(' '.join(m for m in {heavy} if m in sys.modules))"
    )
    help_run = subprocess.run(
        [sys.executable, "-c", probe.format(args=["--help"], heavy=heavy)], capture_output=True, text=True, check=True
    )
    assert help_run.stdout.splitlines()[-1] == ""  # none of the four
    args = ["-q", "new-account", "华东电气", "--out", str(tmp_path)]
    quiet = subprocess.run(
        [sys.executable, "-c", probe.format(args=args, heavy=heavy)], capture_output=True, text=True, check=True
    )
    assert quiet.stdout.splitlines()[-1] == "numpy pandas openpyxl"  # rich stays out with --quiet
    assert len(list(tmp_path.glob("*.xlsx"))) == 2
