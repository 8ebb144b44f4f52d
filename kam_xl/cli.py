"""The ``kam-xl`` command: parse, call one library function, report errors plainly."""

from __future__ import annotations

import warnings
from pathlib import Path

import click

from kam_xl import __version__
from kam_xl.errors import KamError


def _fail(exc: KamError) -> click.ClickException:
    return click.ClickException(exc.bilingual())


@click.group(help="kam_xl — 大客户管理 key-account scoring for Excel users.")
@click.version_option(__version__, prog_name="kam-xl")
def main() -> None:
    pass


@main.command(help="在示例数据上运行主流程 / Run the main job on the bundled sample portfolio.")
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),  # a file or an unwritable place: kam_xl.output says so, in one line
    default=Path("kam-xl-demo"),
    show_default=True,
    help="输出目录 / output folder",
)
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="标签语言 / label language"
)
@click.option(
    "--force",
    is_flag=True,
    help="覆盖已有文件（被改动过的工作簿先备份）/ replace existing files (changed workbooks are backed up)",
)
def demo(out: Path, lang: str, force: bool) -> None:
    from kam_xl.demo import run_demo

    try:
        result = run_demo(out, lang, force)
    except KamError as exc:
        raise _fail(exc) from None
    click.echo(result.summary(lang))


@main.command(help="检查评分模型并显示其版本与哈希 / Validate a scoring model and show its version and hash.")
@click.argument("path", required=False, type=click.Path(dir_okay=False, exists=True, path_type=Path))
def model(path: Path | None) -> None:
    from kam_xl.models import active_model, load_model, model_from_workbook

    try:
        if path is None:
            m = active_model()
        elif path.suffix.lower() in {".xlsx", ".xlsm"}:
            m = model_from_workbook(path)
        else:
            m = load_model(path)
    except KamError as exc:
        raise _fail(exc) from None
    click.echo(f"{m.name}  version {m.version}  sha256 {m.content_hash}\n{m.source}")


@main.command(help="生成标准空白模板（中英文）/ Write the standard blank workbook templates (zh and en).")
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),  # a file or an unwritable place: kam_xl.output says so, in one line
    default=Path("workbooks"),
    show_default=True,
    help="输出目录 / output folder",
)
@click.option(
    "--force",
    is_flag=True,
    help="覆盖已有文件（被改动过的工作簿先备份）/ replace existing files (changed workbooks are backed up)",
)
@click.option("--check", is_flag=True, help="只检查模板是否最新 / only check that the templates are up to date")
def templates(out: Path, force: bool, check: bool) -> None:
    from kam_xl.output import BackupNotice
    from kam_xl.workbooks.templates import differences, write_templates

    try:
        if check:
            found = differences(out)
            if found:
                raise click.ClickException(
                    "模板已过期 / templates are out of date:\n"
                    + "\n".join(found[:20])
                    + "\n运行 / run: kam-xl templates --force"
                )
            click.echo("模板是最新的 / templates are up to date")
            return
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BackupNotice)
            written = write_templates(out, overwrite=force)
        for path in written:
            click.echo(path)
        for notice in caught:
            if issubclass(notice.category, BackupNotice):
                click.echo(str(notice.message))
    except KamError as exc:
        raise _fail(exc) from None
