"""Batch writing: many workbooks across worker processes, all or nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from engines import cached_values

from kam_xl.models import default_model
from kam_xl.output import LOCK_NAME, TEMP_PREFIX, CellTextError, NameCollisionError
from kam_xl.samples.account_plan import account_plan as sample_plan
from kam_xl.samples.accounts import sample_portfolio
from kam_xl.workbooks import account_plan
from kam_xl.workbooks.batch import Job, write_batch
from kam_xl.workbooks.book import OverwriteError

MODEL = default_model()


def _jobs(out: Path, n: int) -> list[Job]:
    rows = sample_portfolio(model=MODEL).to_dict("records")[:n]
    return [
        Job("account_plan", out / f"plan-{k}.xlsx", sample_plan(r["account"], k, model=MODEL, row=r))
        for k, r in enumerate(rows)
    ]


def test_two_workers_write_the_same_files_as_one(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path / "two", 4)
    written = write_batch(jobs, model=MODEL, workers=2)
    assert written == [j.path for j in jobs]
    for job in jobs[:2]:
        single = account_plan.write(tmp_path / "one" / job.path.name, job.data, model=MODEL)
        assert cached_values(single) == cached_values(job.path)  # same cells, same cached values


def test_a_batch_that_would_overwrite_refuses_before_writing_anything(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 3)
    jobs[2].path.write_bytes(b"someone's file")
    with pytest.raises(OverwriteError):
        write_batch(jobs, model=MODEL, workers=2)
    assert not jobs[0].path.exists() and not jobs[1].path.exists()
    assert jobs[2].path.read_bytes() == b"someone's file"


def test_a_batch_failing_in_a_worker_leaves_none_of_its_files(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 6)
    bad = replace(jobs[4].data, account="华东\x01电气")  # a control character an Excel cell cannot hold
    jobs[4] = Job("account_plan", jobs[4].path, bad)
    with pytest.raises(CellTextError) as info:
        write_batch(jobs, model=MODEL, workers=2)
    assert "U+0001" in info.value.bilingual() and "\n" not in info.value.bilingual()
    assert list(tmp_path.iterdir()) == []  # the other five were written, then withdrawn with the temporaries


def test_two_jobs_that_would_share_a_file_are_refused_before_any_work(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 2)
    jobs[1] = Job("account_plan", tmp_path / "PLAN-0.xlsx", jobs[1].data)  # plan-0.xlsx on Windows and macOS
    with pytest.raises(NameCollisionError) as info:
        write_batch(jobs, model=MODEL, workers=2)
    assert "plan-0.xlsx" in info.value.en and "PLAN-0.xlsx" in info.value.en
    assert list(tmp_path.iterdir()) == []
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*")) and not (tmp_path / LOCK_NAME).exists()
