"""Writing many workbooks at once, on every core.

Each workbook is independent, so a batch is split across worker processes
(openpyxl is pure Python: threads would share one core). A job names the kind,
the target path and the data; a worker imports the kind's module and calls its
``write``. Targets are checked before any work starts, so a batch that would
overwrite a file refuses as a whole instead of stopping half-way.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kam_xl.models import Model, active_model
from kam_xl.workbooks.book import OverwriteError

__all__ = ["Job", "write_batch"]


@dataclass(frozen=True)
class Job:
    kind: str  # a module of kam_xl.workbooks: account_plan, customer_file, portfolio, development
    path: Path
    data: Any
    as_of: date | None = None


def _write(job: Job, model: Model, lang: str, overwrite: bool) -> Path:
    module = importlib.import_module(f"kam_xl.workbooks.{job.kind}")
    kwargs: dict[str, Any] = {"model": model, "lang": lang, "overwrite": overwrite}
    if job.as_of is not None:
        kwargs["as_of"] = job.as_of
    return module.write(job.path, job.data, **kwargs)


def _write_chunk(jobs: Sequence[Job], model: Model, lang: str, overwrite: bool) -> list[Path]:
    return [_write(job, model, lang, overwrite) for job in jobs]


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
    if not overwrite:
        existing = [str(j.path) for j in jobs if Path(j.path).exists()]
        if existing:
            raise OverwriteError(", ".join(existing[:3]) + (" …" if len(existing) > 3 else ""))
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        return _write_chunk(jobs, model, lang, overwrite)
    # a few chunks per worker: fewer round trips than one job per task, still balanced
    size = max(1, len(jobs) // (workers * 4))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_write_chunk, chunk, model, lang, overwrite) for chunk in chunks]
        return [p for f in futures for p in f.result()]
