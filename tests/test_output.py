"""The output boundary: every file kam_xl writes lands whole, or not at all, and never over
someone else's file unasked. Real files on disk for each case; each asserts a one-line error
or the right file, and that no temporary is left behind."""

from __future__ import annotations

import errno
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference

from kam_xl import demo, output
from kam_xl.demo import run_demo
from kam_xl.errors import KamError
from kam_xl.models import default_model
from kam_xl.output import (
    LOCK_NAME,
    TEMP_PREFIX,
    BackupNotice,
    CellTextError,
    FolderBusyError,
    NameCollisionError,
    OutputError,
    OverwriteError,
    Transaction,
    csv_cell,
    is_ours,
    safe_file_name,
    save_file,
    write_csv,
    write_temporary,
)
from kam_xl.portfolio import score_portfolio
from kam_xl.samples.accounts import localise_headers
from kam_xl.samples.customer_file import customer_file as sample_file
from kam_xl.samples.portfolio import portfolio as sample_portfolio_book
from kam_xl.workbooks import customer_file, development
from kam_xl.workbooks import portfolio as portfolio_book
from kam_xl.workbooks.book import Book

MODEL = default_model()


def leftovers(folder: Path) -> list[str]:
    """kam_xl's temporaries, set-aside files and locks anywhere under ``folder``."""
    return sorted(str(p) for p in folder.rglob(f"{TEMP_PREFIX}*")) + sorted(str(p) for p in folder.rglob(LOCK_NAME))


def one_line(exc: KamError) -> str:
    text = exc.bilingual()
    assert "\n" not in text and "Traceback" not in text
    return text


def small_book(text: str = "kam_xl") -> Book:
    book = Book(MODEL, "en", ("测试", "Test"))
    ws = book.sheet(("测试", "Test"))
    book.input(ws, "A1", 2.0)
    book.formula(ws, "B1", "=A1*2", 4.0, source="reference")
    book.input(ws, "A2", text)
    return book


def put_bytes_then_fail(n: int, exc: BaseException) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            f.write(b"x" * n)  # some of the file, then the failure
        raise exc

    return write


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("account-plan-华东/精工.xlsx", "account-plan-华东_精工.xlsx"),
        ('a\\b:c*?"<>|d.xlsx', "a_b_c_d.xlsx"),  # a run of unsafe characters is one "_"
        ("A\x01\x02B\x7f.csv", "A_B_.csv"),  # control characters
        ("CON.xlsx", "_CON.xlsx"),
        ("nul", "_nul"),
        ("com1.tar.gz", "_com1.tar.gz"),  # reserved whatever the extension
        ("LPT9 .txt", "_LPT9.txt"),  # Windows ignores the space before the dot
        ("CONSOLE.xlsx", "CONSOLE.xlsx"),  # not reserved
        ("report. . ", "report"),  # trailing dots and spaces go
        (".hidden", "_.hidden"),  # no hidden files (nor a name looking like a temporary)
        ("", "_"),
        ("e\u0301.xlsx", "\u00e9.xlsx"),  # NFC
    ],
)
def test_safe_file_name(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe


def test_long_names_are_cut_at_a_character_boundary_within_200_bytes() -> None:
    # "客" is 3 bytes: 200 − 5 (".xlsx") = 195 bytes → 65 characters, 200 bytes in all
    assert safe_file_name("客" * 100 + ".xlsx") == "客" * 65 + ".xlsx"
    # "😀" is 4 bytes: "a" + 48 × 4 = 193 ≤ 195 < 197 → 48 emoji, never half of one
    cut = safe_file_name("a" + "😀" * 60 + ".xlsx")
    assert cut == "a" + "😀" * 48 + ".xlsx" and len(cut.encode()) == 198


def test_an_explicit_name_that_is_not_portable_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        small_book().save(tmp_path / "plan\x01.xlsx")
    assert "plan_.xlsx" in one_line(info.value)  # the name it could be
    assert list(tmp_path.iterdir()) == []


def test_names_colliding_after_sanitising_are_refused_naming_both(tmp_path: Path) -> None:
    a, b = "华东/精工", "华东:精工"  # both become account-plan-华东_精工.xlsx
    with Transaction() as txn, pytest.raises(NameCollisionError) as info:
        txn.reserve([(tmp_path / safe_file_name(f"account-plan-{a}.xlsx"), a)])
        txn.reserve([(tmp_path / safe_file_name(f"account-plan-{b}.xlsx"), b)])
    assert a in one_line(info.value) and b in info.value.bilingual()
    # differing only in case or normalisation is a collision too (Windows, macOS)
    with Transaction() as txn, pytest.raises(NameCollisionError):
        txn.reserve([(tmp_path / "ACME.xlsx", "ACME"), (tmp_path / "acme.xlsx", "acme")])
    with Transaction() as txn, pytest.raises(NameCollisionError):
        txn.reserve([(tmp_path / "e\u0301.xlsx", "NFD"), (tmp_path / "\u00e9.xlsx", "NFC")])


def test_the_demo_refuses_two_accounts_that_would_share_a_file(tmp_path: Path, monkeypatch) -> None:
    original = sample_portfolio_book

    def sample(**kw: Any) -> pd.DataFrame:
        table = original(**kw)
        scores = score_portfolio(localise_headers(table, "zh", MODEL), MODEL, "zh")
        top = {layer.text("zh") for layer in MODEL.pyramid.layers[:2]}
        key = [i for i, layer in enumerate(scores["pyramid"]) if layer in top]
        table.loc[key[0], "account"], table.loc[key[1], "account"] = "华东/精工", "华东:精工"
        return table

    monkeypatch.setattr(demo, "sample_portfolio", sample)
    out = tmp_path / "demo"
    with pytest.raises(NameCollisionError) as info:
        run_demo(out, force=True)  # even with --force: one account's files would be lost
    assert "华东/精工" in one_line(info.value) and "华东:精工" in info.value.bilingual()
    assert not out.exists()  # the folder it made, removed again: nothing written


# ---------------------------------------------------------------- CSV and cell text


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "=SUM(A1)": [-5.5, 80.0, 0.0],  # a header beginning with "="; negative numbers stay numbers
            "label": ["=1+1", "@x", "+86 10"],
            "note": ["\tTab", "\rCR", "plain -1"],  # only the first character matters
        },
        index=pd.Index(["-A", "B", '=HYPERLINK("http://x","y")'], name="account"),
    )
    path = tmp_path / "scores.csv"
    write_csv(path, frame)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    assert raw.split(b"\r\n")[1] == b"'-A,-5.5,'=1+1,'\tTab"  # as text: numbers bare, text escaped
    read = pd.read_csv(path, encoding="utf-8-sig", index_col=0, keep_default_na=False)
    assert list(read.columns) == ["'=SUM(A1)", "label", "note"]
    assert list(read.index) == ["'-A", "B", '\'=HYPERLINK("http://x","y")']
    assert read["'=SUM(A1)"].tolist() == [-5.5, 80.0, 0.0]  # numbers, read back as numbers
    assert read["label"].tolist() == ["'=1+1", "'@x", "'+86 10"]
    assert read["note"].tolist() == ["'\tTab", "'\rCR", "plain -1"]
    assert csv_cell(-3) == -3 and csv_cell("-3") == "'-3"


def test_a_40000_character_note_is_an_error_naming_its_cell(tmp_path: Path) -> None:
    data = sample_file("华东电气", 0, model=MODEL)
    data.contacts[-1].notes = "备" * 40_000
    with pytest.raises(CellTextError) as info:
        customer_file.write(tmp_path / "cf.xlsx", data, model=MODEL)
    text = one_line(info.value)
    assert "40,000" in text and "32,767" in text
    assert list(tmp_path.iterdir()) == []  # nothing half-written
    # the cell it names is where that note goes: the same file with a short note shows it there
    position = info.value.position
    assert position is not None and position.sheet is not None and position.row and position.column
    data.contacts[-1].notes = "MARK"
    path = customer_file.write(tmp_path / "cf.xlsx", data, model=MODEL)
    assert load_workbook(path)[position.sheet].cell(position.row, position.column).value == "MARK"


def test_a_control_character_in_an_account_name_is_an_error_naming_its_cell(tmp_path: Path) -> None:
    table = sample_portfolio_book(model=MODEL)  # the streamed workbook: checked as rows stream out
    clean = table.loc[3, "account"]
    table.loc[3, "account"] = "北方\x01电气"
    with pytest.raises(CellTextError) as info:
        portfolio_book.write(tmp_path / "p.xlsx", table, model=MODEL)
    assert "U+0001" in one_line(info.value) and "北方\\x01电气" in info.value.bilingual()
    assert list(tmp_path.iterdir()) == []
    position = info.value.position
    assert position is not None and position.sheet and position.row and position.column
    table.loc[3, "account"] = clean
    path = portfolio_book.write(tmp_path / "p.xlsx", table, model=MODEL)
    assert load_workbook(path)[position.sheet].cell(position.row, position.column).value == clean


def test_a_refused_streamed_workbook_leaves_no_traceback_behind(tmp_path: Path) -> None:
    # as a user's process sees it: the one-line error, and nothing on stderr when the
    # half-built streamed book is collected (nor openpyxl's temporary files)
    script = (
        "from kam_xl.workbooks import portfolio\n"
        "from kam_xl.samples.portfolio import portfolio as sample\n"
        "from kam_xl.errors import KamError\n"
        "t = sample()\n"
        "t.loc[3, 'account'] = 'a\\x01b'\n"
        "try:\n"
        f"    portfolio.write({str(tmp_path / 'p.xlsx')!r}, t)\n"
        "except KamError as e:\n"
        "    print(e.bilingual())\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # where openpyxl puts its stream files
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0 and "U+0001" in done.stdout and len(done.stdout.splitlines()) == 1
    assert done.stderr == ""
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- nothing half-written


def test_a_failure_midway_leaves_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "scores.csv"
    with pytest.raises(OutputError) as info:
        save_file(target, put_bytes_then_fail(4096, OSError(errno.ENOSPC, "No space left on device")))
    assert "disk full" in one_line(info.value) and str(target) in info.value.bilingual()
    assert list(tmp_path.iterdir()) == []
    # any other failure (a bug, Ctrl-C) passes through as it is, and still leaves nothing
    for exc in (RuntimeError("bug"), KeyboardInterrupt()):
        with pytest.raises(type(exc)):
            save_file(target, put_bytes_then_fail(10, exc))
        assert list(tmp_path.iterdir()) == []


def test_a_demo_failing_midway_writes_none_of_its_files(tmp_path: Path, monkeypatch) -> None:
    def build(*args: object, **kw: object) -> object:
        return SimpleNamespace(write_to=put_bytes_then_fail(2048, OSError(errno.ENOSPC, "No space left on device")))

    monkeypatch.setattr(development, "build", build)  # the last file of the run
    out = tmp_path / "demo"
    with pytest.raises(OutputError) as info:
        run_demo(out, lang="en")
    assert "development-record.xlsx" in one_line(info.value) and "disk full" in info.value.en
    assert not out.exists()  # the CSVs, portfolio, plans and customer files written before: gone


def test_a_file_appearing_meanwhile_stops_the_commit_and_withdraws_the_run(tmp_path: Path) -> None:
    names = ["a.csv", "b.csv", "c.csv"]
    with Transaction(lock=[tmp_path]) as txn:
        txn.reserve((tmp_path / n, n) for n in names)
        for n in names:
            txn.stage(tmp_path / n, lambda tmp, n=n: tmp.write_text(f"ours {n}"))
        (tmp_path / "c.csv").write_text("theirs")  # another program, between check and commit
        with pytest.raises(OverwriteError) as info:
            txn.commit()
    assert "c.csv" in one_line(info.value) and "withdrawn" in info.value.en
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]
    assert (tmp_path / "c.csv").read_text() == "theirs"


def test_a_forced_run_failing_at_commit_restores_the_files_it_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("old a")
    (tmp_path / "b.csv").write_text("old b")
    with Transaction(force=True) as txn:
        for n in ("a.csv", "b.csv", "c.csv"):
            txn.stage(tmp_path / n, lambda tmp, n=n: tmp.write_text(f"new {n}"))
        (tmp_path / "c.csv").mkdir()  # the last step cannot replace a folder
        with pytest.raises(OutputError) as info:
            txn.commit()
    assert "c.csv" in one_line(info.value)
    assert (tmp_path / "a.csv").read_text() == "old a" and (tmp_path / "b.csv").read_text() == "old b"
    assert leftovers(tmp_path) == []


def test_a_temporary_not_yet_handed_over_is_still_removed(tmp_path: Path) -> None:
    other = write_temporary(tmp_path / "b.csv", lambda tmp: tmp.write_text("another run's"))
    with pytest.raises(KeyboardInterrupt), Transaction(lock=[tmp_path]) as txn:
        # as if Ctrl-C landed between a temporary's creation and the transaction learning of it
        write_temporary(tmp_path / "a.csv", lambda tmp: tmp.write_text("half"), txn.run)
        raise KeyboardInterrupt
    assert sorted(tmp_path.iterdir()) == [other]  # ours gone, another run's left alone


# ---------------------------------------------------------------- folders that cannot be written


def test_a_folder_under_a_file_is_one_line_naming_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "report.txt"
    blocker.write_text("a file, not a folder")
    for out in (blocker / "demo", blocker):  # fails as root too: no permission bits involved
        with pytest.raises(OutputError) as info:
            run_demo(out)
        assert str(out) in one_line(info.value) or str(blocker) in info.value.en
    assert blocker.read_text() == "a file, not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="Linux sysfs: a folder nobody may write in, root included")
def test_a_folder_nobody_may_write_in_is_one_line() -> None:
    with pytest.raises(OutputError) as info:
        run_demo(Path("/sys/kam-xl-demo"))  # cannot be created
    assert "/sys/kam-xl-demo" in one_line(info.value) and "permission denied" in info.value.en
    with pytest.raises(OutputError) as info:
        small_book().save("/sys/kernel/kam-xl.xlsx")  # exists, but takes no file
    assert "/sys/kernel" in one_line(info.value) and "permission denied" in info.value.en
    assert not Path("/sys/kam-xl-demo").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permission bits do not stop root")
def test_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    try:
        with pytest.raises(OutputError) as info:
            small_book().save(folder / "x.xlsx")
        assert "permission denied" in one_line(info.value) and str(folder) in info.value.en
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


# ---------------------------------------------------------------- --force and backups


def _with_sheet(path: Path) -> None:
    wb = load_workbook(path)
    wb.create_sheet("My notes")["A1"] = "mine"
    wb.save(path)


def _with_chart(path: Path) -> None:
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=2))
    ws.add_chart(chart, "D2")
    wb.save(path)


@pytest.mark.parametrize("change", [_with_sheet, _with_chart], ids=["added sheet", "added chart"])
def test_force_over_a_workbook_someone_extended_keeps_a_backup(tmp_path: Path, change) -> None:
    target = small_book("first").save(tmp_path / "plan.xlsx")
    assert is_ours(target)
    change(target)
    theirs = target.read_bytes()
    assert not is_ours(target)
    with pytest.warns(BackupNotice) as notices:
        small_book("second").save(target, overwrite=True)
    backups = sorted(tmp_path.glob("plan.backup-*.xlsx"))
    assert len(backups) == 1 and re.fullmatch(r"plan\.backup-\d{8}-\d{6}\.xlsx", backups[0].name)
    assert backups[0].read_bytes() == theirs  # their workbook, byte for byte
    assert str(backups[0]) in str(notices[0].message)
    assert load_workbook(target)["Test"]["A2"].value == "second" and is_ours(target)
    assert leftovers(tmp_path) == []


def test_force_over_a_file_kam_xl_did_not_make_keeps_a_backup(tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"not even a zip")
    with pytest.warns(BackupNotice):
        small_book().save(target, overwrite=True)
    assert [p.read_bytes() for p in tmp_path.glob("plan.backup-*.xlsx")] == [b"not even a zip"]


def test_force_over_an_untouched_kam_xl_workbook_keeps_no_backup(tmp_path: Path, recwarn) -> None:
    target = small_book("first").save(tmp_path / "plan.xlsx")
    small_book("second").save(target, overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]
    assert load_workbook(target)["Test"]["A2"].value == "second"
    assert not [w for w in recwarn if issubclass(w.category, BackupNotice)]


def test_a_backup_never_replaces_an_older_backup(tmp_path: Path, monkeypatch) -> None:
    class Clock(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Clock:
            return cls(2026, 9, 30, 10, 15, 0)

    monkeypatch.setattr(output.transaction, "datetime", Clock)
    target = tmp_path / "plan.xlsx"
    older = tmp_path / "plan.backup-20260930-101500.xlsx"
    older.write_bytes(b"older backup")
    target.write_bytes(b"theirs")
    with pytest.warns(BackupNotice):
        small_book().save(target, overwrite=True)
    assert older.read_bytes() == b"older backup"
    assert (tmp_path / "plan.backup-20260930-101500-2.xlsx").read_bytes() == b"theirs"


# ---------------------------------------------------------------- one run per folder


def test_a_run_into_a_locked_folder_refuses_at_once(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    out.mkdir()
    (out / LOCK_NAME).write_text(f"{os.getpid()} {socket.gethostname()}\n")  # a live run: this process
    with pytest.raises(FolderBusyError) as info:
        run_demo(out)
    assert f"pid {os.getpid()}" in one_line(info.value) and LOCK_NAME in info.value.en
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]  # its lock kept, nothing written


def test_a_stale_lock_is_taken_over(tmp_path: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # reaped: its pid names no process
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).write_text(f"{gone.pid} {socket.gethostname()}\n")
    with Transaction(lock=[out]) as txn:
        assert (out / LOCK_NAME).read_text().split()[0] == str(os.getpid())
        txn.stage(out / "a.csv", lambda tmp: tmp.write_text("a"))
        txn.commit()
    assert sorted(p.name for p in out.iterdir()) == ["a.csv"]  # lock released


def test_two_demo_runs_started_together_one_succeeds_the_other_refuses(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    command = [sys.executable, "-c", "from kam_xl.cli import main; main()", "demo", "--out", str(out)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    assert sorted(code for code, _, _ in results) == [0, 2], results  # 2: an output it may not write
    _, _, refused = next(r for r in results if r[0] == 2)
    assert "Traceback" not in refused and len(refused.strip().splitlines()) == 1
    # refused at the lock (while the other ran) or at its files (after it finished): never replaced them
    assert "another kam_xl run" in refused or "file exists" in refused
    files = sorted(out.iterdir())
    assert (
        leftovers(out) == [] and len(files) == 21
    )  # development, portfolio, review + 8 plans + 8 customer files + 2 CSVs
    assert all(is_ours(p) for p in files if p.suffix == ".xlsx")  # each whole, as the winner wrote it
    assert len(pd.read_csv(out / "客户评分.csv", encoding="utf-8-sig", index_col=0)) == 36


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process")
def test_ctrl_c_in_the_middle_of_a_demo_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    command = [sys.executable, "-c", "from kam_xl.cli import main; main()", "demo", "--out", str(out)]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # wait (without timing anything) until the run is midway: its first temporaries exist
        while run.poll() is None and not list(out.glob(f"{TEMP_PREFIX}*.tmp")):
            time.sleep(0.05)
        assert run.poll() is None, "the demo finished before it could be interrupted"
        run.send_signal(signal.SIGINT)
        _, err = run.communicate(timeout=600)
    finally:
        run.kill()
    assert run.returncode == 1 and "Traceback" not in err  # click: "Aborted!"
    assert not out.exists()  # temporaries and lock removed, then the folder the run made
