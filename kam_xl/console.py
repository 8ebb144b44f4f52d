"""What a command shows on the terminal: a progress bar and a summary table (rich).

Library calls never print: a long job takes a :data:`Progress` callback and
calls it with the step it is on. The command line passes :func:`progress_bar`'s,
which draws a bar on a terminal (on stderr, so a redirected stdout stays clean)
and nothing with ``--quiet`` or when stderr is not a terminal.

rich is imported when a bar or a table is drawn, not with this module: a command run with
``--quiet`` (or a library call) does not pay for it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import TaskID

__all__ = ["Progress", "no_progress", "progress_bar", "summary_table"]

Progress = Callable[[str, int, int], None]
"""``progress(step, done, total)``: the step's name (zh / en), how far it is, out of how much."""


def no_progress(step: str, done: int, total: int) -> None:
    """The callback of a caller that shows nothing."""


@contextmanager
def progress_bar(*, quiet: bool = False) -> Iterator[Progress]:
    """A callback drawing one bar per step on stderr while the block runs."""
    if quiet:
        yield no_progress
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    console = Console(stderr=True)
    if not console.is_terminal:
        yield no_progress
        return
    bar = RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def report(step: str, done: int, total: int) -> None:
        if step not in tasks:
            tasks[step] = bar.add_task(step, total=total)
        bar.update(tasks[step], completed=done, total=total)

    with bar:
        yield report


def summary_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """The one-screen summary a command prints at its end, as plain text (no colour codes)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*(f"{v:,.2f}" if isinstance(v, float) else str(v) for v in row))
    console = Console(width=120, no_color=True, record=True, file=io.StringIO())  # recorded, not shown
    console.print(table)
    return console.export_text().rstrip()
