"""What every ``kam-xl`` command shares: exit codes, ``--quiet``/``--debug`` (before or after the command's
name), ``--lang``, ``--force``, and the one-line refusal (exit 2; the traceback only with ``--debug``).

Its own module so that command groups kept beside :mod:`kam_xl.cli` (``kam-xl excel`` in
:mod:`kam_xl.cli_excel`) use the same conventions without importing the command line itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import click

from kam_xl.errors import KamError

__all__ = [
    "DEBUG_HELP",
    "EXIT_BAD_INPUT",
    "EXIT_PROBLEMS",
    "QUIET_HELP",
    "Options",
    "Refused",
    "fail",
    "force_option",
    "lang_option",
    "options",
    "out_option",
    "shared_options",
]

EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Options:
    """The options every command shares (``kam-xl --quiet …``, ``kam-xl --debug …``)."""

    quiet: bool = False
    debug: bool = False


def options() -> Options:
    ctx = click.get_current_context(silent=True)
    found = ctx.find_object(Options) if ctx is not None else None
    return found or Options()


def _set_option(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value and param.name:
        ctx.obj = replace(options(), **{param.name: True})
    return value


def shared_options(command: Callable[..., None]) -> Callable[..., None]:
    """``--quiet`` and ``--debug`` after the command's name too (``kam-xl demo -q``), as well as before it."""
    command = click.option("--quiet", "-q", is_flag=True, expose_value=False, callback=_set_option, help=QUIET_HELP)(
        command
    )
    return click.option("--debug", is_flag=True, expose_value=False, callback=_set_option, help=DEBUG_HELP)(command)


QUIET_HELP = "不显示进度与汇总 / no progress bar or summary"
DEBUG_HELP = "出错时显示完整的回溯 / show the full traceback on an error"


lang_option = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="标签语言 / label language"
)
force_option = click.option(
    "--force",
    is_flag=True,
    help="覆盖已有文件（被改动过的工作簿先备份）/ replace existing files (a changed workbook is backed up first)",
)


class Refused(click.ClickException):
    """An input or output kam_xl cannot use: one line, exit code 2."""

    exit_code = EXIT_BAD_INPUT


def fail(exc: KamError) -> click.ClickException:
    """A refused input or output as one line and exit code 2; with ``--debug`` the error itself, traceback and all."""
    if options().debug:
        raise exc
    return Refused(exc.bilingual())


_OUT_HELP = {
    "folder": "输出目录 / output folder",
    "file_or_folder": "输出文件（.xlsx）或目录 / output file (.xlsx) or folder",
}


def out_option(
    kind: Literal["folder", "file_or_folder"], default: Path = Path(".")
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``--out``: where a command writes (a file or an unwritable place is refused by kam_xl.output, in one line)."""
    return click.option(
        "--out", "out", type=click.Path(path_type=Path), default=default, show_default=True, help=_OUT_HELP[kind]
    )
