"""``kam-xl excel …``: set Excel up for kam_xl (thin wrappers over :mod:`kam_xl.excel_setup`).

Registered on the ``kam-xl`` group by ``main.add_command(excel)`` in :mod:`kam_xl.cli`; the
conventions every command shares come from :mod:`kam_xl.cli_conventions`. Exit codes as every
command: 0 done, 1 something missing (``check``), 2 bad usage or a file that cannot be read or
written.
"""

from __future__ import annotations

from pathlib import Path

import click

from kam_xl.cli_conventions import EXIT_PROBLEMS, fail, force_option, lang_option, shared_options
from kam_xl.errors import KamError

__all__ = ["excel"]


@click.group(
    help="在 Excel 中使用 kam_xl 的设置 / Set Excel up for kam_xl (classic xlwings, xlwings Lite).",
    epilog="例 / Example:  kam-xl excel check   ·   kam-xl excel setup 客户组合.xlsx --out 客户组合-xlwings.xlsx",
)
def excel() -> None:
    pass


@excel.command(
    help="给工作簿加上 xlwings.conf 工作表（UDF Modules = kam_udfs，本环境的 Python）/ Add the xlwings.conf sheet "
    "(UDF Modules = kam_udfs, this environment's Python) to a workbook. Every other part of the file is copied "
    "unchanged; the workbook itself is replaced only with --force (a backup is kept).",
    epilog="例 / Example:  kam-xl excel setup 客户组合.xlsx --out 客户组合-xlwings.xlsx",
)
@click.argument("book", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="另存为 / write to this file (default: BOOK itself)"
)
@click.option("--interpreter", help="Python 解释器路径 / the Python to use (default: this one)")
@click.option(
    "--pythonpath", help="先于已安装模块搜索的文件夹 / a folder searched before the installed modules (PYTHONPATH)"
)
@force_option
@lang_option
@shared_options
def setup(
    book: Path, out: Path | None, interpreter: str | None, pythonpath: str | None, force: bool, lang: str
) -> None:
    from kam_xl.excel_setup import setup_workbook

    try:
        result = setup_workbook(book, out, interpreter=interpreter, pythonpath=pythonpath, force=force)
    except KamError as exc:
        raise fail(exc) from None
    click.echo(result.summary(lang))


@excel.command(
    help="本机还缺什么（Excel 平台、pywin32、xlwings 加载项、VBA 工程访问、模块）/ What this machine lacks for "
    "classic xlwings (platform, pywin32, the add-in, VBA project access, modules). Exit 1 when something is missing.",
    epilog="例 / Example:  kam-xl excel check --lang en",
)
@lang_option
@shared_options
def check(lang: str) -> None:
    from kam_xl.excel_setup import format_checks, machine_checks

    checks = machine_checks()
    click.echo(format_checks(checks, lang))
    if any(c.ok is False for c in checks):
        raise SystemExit(EXIT_PROBLEMS)


@excel.command(
    help="构建 kam_xl 的 wheel（供 xlwings Lite 与离线电脑安装）/ Build kam_xl's wheel (for xlwings Lite and "
    "machines without internet), from a checkout.",
    epilog="例 / Example:  kam-xl excel wheel --out dist",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="输出目录 / output folder",
)
@shared_options
def wheel(out: Path) -> None:
    from kam_xl.excel_setup import build_wheel

    try:
        path = build_wheel(out)
    except KamError as exc:
        raise fail(exc) from None
    click.echo(str(path))
