"""Writing many workbooks at once, on every core, all or nothing.

Each workbook is independent, so a batch is split across worker processes
(openpyxl is pure Python: threads would share one core). A job names the kind,
the target path and the data; a worker builds the kind's workbook and writes it
to a temporary beside its target. The batch is one
:class:`kam_xl.output.Transaction`: the target folders are locked, the targets
checked before any work starts (names distinct, nothing replaced unless asked),
and the files are put in place only once every one of them has been written —
a batch that fails half-way leaves no file of its own behind.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from kam_xl.models import Model, active_model
from kam_xl.output import Transaction, write_temporary
from kam_xl.workbooks.book import Book

__all__ = ["Job", "write_batch"]


@dataclass(frozen=True)
class Job:
    kind: str  # a module of kam_xl.workbooks: account_plan, customer_file, portfolio, development
    path: Path
    data: Any
    as_of: date | None = None


def _write(job: Job, model: Model, lang: str, tmp: Path) -> None:
    module = importlib.import_module(f"kam_xl.workbooks.{job.kind}")
    kwargs: dict[str, Any] = {"model": model, "lang": lang}
    if job.as_of is not None:
        kwargs["as_of"] = job.as_of
    book: Book = module.build(job.data, **kwargs)
    book.write_to(tmp)


def _write_chunk(jobs: Sequence[Job], model: Model, lang: str, run: str) -> list[Path]:
    """In a worker: each job's temporary, named for the batch's ``run``; on any failure, none is left."""
    made: list[Path] = []
    try:
        for job in jobs:
            made.append(write_temporary(job.path, partial(_write, job, model, lang), run))
    except BaseException:
        for tmp in made:
            tmp.unlink(missing_ok=True)
        raise
    return made


def _collect(txn: Transaction, chunks: list[Sequence[Job]], futures: list[Future[list[Path]]]) -> None:
    """Hand every finished chunk's temporaries to ``txn`` (so it removes them on failure), then
    raise the first failure; chunks not started yet are cancelled."""
    failure: BaseException | None = None
    for chunk, future in zip(chunks, futures, strict=True):
        try:
            temps = future.result()
        except BaseException as exc:
            failure = failure or exc
            for later in futures:
                later.cancel()
            continue
        for job, tmp in zip(chunk, temps, strict=True):
            txn.adopt(job.path, tmp)
    if failure is not None:
        raise failure


def write_batch(
    jobs: Sequence[Job],
    *,
    model: Model | None = None,
    lang: str = "zh",
    overwrite: bool = False,
    workers: int | None = None,
) -> list[Path]:
    """Write every job's workbook; ``workers`` defaults to the machine's cores."""
    model = model or active_model()
    folders = sorted({os.path.abspath(Path(j.path).parent) for j in jobs})
    with Transaction(force=overwrite, lock=folders) as txn:
        txn.reserve((Path(j.path), f"{k + 1}: {Path(j.path).name}") for k, j in enumerate(jobs))
        workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
        if workers == 1:
            for job in jobs:
                txn.stage(job.path, partial(_write, job, model, lang))
        else:
            # a few chunks per worker: fewer round trips than one job per task, still balanced
            size = max(1, len(jobs) // (workers * 4))
            chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(_write_chunk, chunk, model, lang, txn.run) for chunk in chunks]
                _collect(txn, chunks, futures)
        done = txn.commit()
    done.warn()  # a replaced workbook someone had changed is kept as a backup: say so
    return list(done.files)
