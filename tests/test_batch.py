"""Batch writing: many workbooks across worker processes, all-or-nothing on overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from engines import cached_values

from kam_xl.models import default_model
from kam_xl.sample import sample_portfolio
from kam_xl.workbooks import account_plan
from kam_xl.workbooks.batch import Job, write_batch
from kam_xl.workbooks.book import OverwriteError

MODEL = default_model()


def _jobs(out: Path, n: int) -> list[Job]:
    rows = sample_portfolio(model=MODEL).to_dict("records")[:n]
    return [
        Job("account_plan", out / f"plan-{k}.xlsx", account_plan.sample(r["account"], k, model=MODEL, row=r))
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
