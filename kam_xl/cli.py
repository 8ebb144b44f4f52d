"""The ``kam-xl`` command: parse, call one library function, report plainly.

Exit codes, the same for every command: 0 done; 1 done, with problems reported
(a check that found something, a ledger with rejected rows); 2 bad usage or an
input that cannot be read or written (one line naming the file, sheet and cell;
the traceback only with ``--debug``).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import click

from kam_xl import __version__
from kam_xl.cli_conventions import (
    DEBUG_HELP,
    EXIT_BAD_INPUT,
    EXIT_PROBLEMS,
    QUIET_HELP,
    Options,
    Refused,
    fail,
    force_option,
    lang_option,
    options,
    out_option,
    shared_options,
)
from kam_xl.cli_excel import excel
from kam_xl.errors import KamError

__all__ = ["EXIT_BAD_INPUT", "EXIT_PROBLEMS", "Options", "Refused", "fail", "main"]


@click.group(
    help="kam_xl — 大客户管理 key-account scoring for Excel users.\n\n"
    "退出码 / exit codes: 0 完成 done · 1 完成但有问题 done with problems reported · "
    "2 用法错误或无法读写输入 bad usage or unreadable input."
)
@click.version_option(__version__, prog_name="kam-xl")
@click.option("--quiet", "-q", is_flag=True, help=QUIET_HELP)
@click.option("--debug", is_flag=True, help=DEBUG_HELP)
@click.pass_context
def main(ctx: click.Context, quiet: bool, debug: bool) -> None:
    ctx.obj = Options(quiet=quiet, debug=debug)


@main.command(
    help="在示例数据上运行主流程 / Run the main job on the bundled sample portfolio.",
    epilog="例 / Example:  kam-xl demo --lang en --out demo-en",
)
@shared_options
@out_option("folder", default=Path("kam-xl-demo"))
@lang_option
@force_option
def demo(out: Path, lang: str, force: bool) -> None:
    from kam_xl.demo import run_demo

    try:
        result = run_demo(out, lang, force)
    except KamError as exc:
        raise fail(exc) from None
    click.echo(result.summary(lang))


@main.command(
    help="检查评分模型并显示其版本与哈希 / Validate a scoring model and show its version and hash.",
    epilog="例 / Example:  kam-xl model my-model.toml   (或工作簿的 Model 表 / or a workbook's Model sheet: kam-xl model 客户组合.xlsx)",
)
@shared_options
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
        raise fail(exc) from None
    click.echo(f"{m.name}  version {m.version}  sha256 {m.content_hash}\n{m.source}")


@main.command(
    help="生成标准空白模板（中英文）/ Write the standard blank workbook templates (zh and en).",
    epilog="例 / Example:  kam-xl templates --out blank-workbooks",
)
@shared_options
@out_option("folder", default=Path("workbooks"))
@force_option
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
        raise fail(exc) from None


@main.command(
    help="由 ERP 导出的应收台账生成按客户的应收账款报告 / Finance's per-account receivables report from an ERP "
    "ledger export (CSV, xlsx, xls). 退出码 1：台账中有问题行（见“问题”表）/ exit 1: the ledger has problem rows "
    "(listed on the Problems sheet).",
    epilog="例 / Example:  kam-xl receivables ar_export.csv --as-of 2013-06-30 --credit-limits 额度.xlsx "
    "--out 应收账款报告.xlsx",
)
@shared_options
@click.argument("ledger", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--receipts", type=click.Path(dir_okay=False, path_type=Path), help="单独的收款台账 / a separate receipts file"
)
@click.option("--as-of", "as_of", required=True, help="截止日 / as-of date (2013-06-30)")
@click.option(
    "--credit-limits",
    "credit_limits",
    type=click.Path(dir_okay=False, path_type=Path),
    help="客户→信用额度表 / account → credit limit (CSV or xlsx)",
)
@click.option(
    "--dayfirst/--monthfirst",
    "dayfirst",
    default=None,
    help="1/2/2024 式日期的顺序（文件无法判断时）/ order of 1/2/2024-style dates when the file cannot tell",
)
@lang_option
@out_option("file_or_folder")
@force_option
def receivables(
    ledger: Path,
    receipts: Path | None,
    as_of: str,
    credit_limits: Path | None,
    dayfirst: bool | None,
    lang: str,
    out: Path,
    force: bool,
) -> None:
    from kam_xl.console import progress_bar
    from kam_xl.jobs.receivables_report import receivables_report

    opts = options()
    try:
        with progress_bar(quiet=opts.quiet) as progress:
            report = receivables_report(
                ledger,
                out,
                receipts=receipts,
                as_of=as_of,
                credit_limits=credit_limits,
                dayfirst=dayfirst,
                lang=lang,
                force=force,
                progress=progress,
            )
    except KamError as exc:
        raise fail(exc) from None
    if not opts.quiet:
        click.echo(report.summary(lang))
    if report.has_problems:
        raise SystemExit(EXIT_PROBLEMS)


@main.command(
    "new-account",
    help="为一个新客户生成大客户战略管理计划与大客户档案（由参数或客户组合中的一行填入）/ "
    "Write a new account's account plan and customer file, filled from the arguments or from a portfolio row.",
    epilog="例 / Example:  kam-xl new-account 华东电气设备有限公司 --industry 电气设备 --owner 王磊 --sales 6628000"
    "   或 / or:  kam-xl new-account --from 客户组合.xlsx --account 华东电气设备有限公司",
)
@shared_options
@click.argument("name", required=False)
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path),  # a missing or unreadable file: kam_xl.reading says so, in one line
    help="客户组合工作簿或表格（xlsx/xls/csv）/ a portfolio workbook or table to read the account from",
)
@click.option("--account", help="--from 中的客户编号或名称 / the account's code or name in --from")
@click.option("--code", help="客户编号 / account code")
@click.option("--industry", help="行业 / industry")
@click.option("--owner", help="负责人（大客户经理）/ owner (key-account manager)")
@click.option("--tier", help="客户等级（与评分卡核对）/ tier (checked against the scorecard)")
@click.option("--relationship", help="关系类型：普通/伙伴/战略 / relationship type: ordinary, partnership, strategic")
@click.option("--sales", help="我方近12个月销售额 / our trailing 12-month sales to the account")
@click.option("--total-spend", help="客户同类总采购额 / the account's total spend in our category")
@click.option("--as-of", help="日期（默认今天）/ as-of date (default today), 2026-09-30")
@lang_option
@out_option("folder")
@force_option
def new_account_command(
    name: str | None,
    source: Path | None,
    account: str | None,
    code: str | None,
    industry: str | None,
    owner: str | None,
    tier: str | None,
    relationship: str | None,
    sales: str | None,
    total_spend: str | None,
    as_of: str | None,
    lang: str,
    out: Path,
    force: bool,
) -> None:
    from kam_xl.console import progress_bar
    from kam_xl.jobs.new_account import account_from_arguments, account_from_portfolio, new_account, workbook_model

    if source is None and (account is not None or not name):
        raise click.UsageError("给出客户名称，或 --from 与 --account / give NAME, or --from with --account")
    opts = options()
    try:
        model = workbook_model(source) if source is not None else None
        base = account_from_portfolio(source, account or name or "", model=model) if source is not None else None
        record = account_from_arguments(
            name if base is None else None, base=base, code=code, industry=industry, owner=owner, tier=tier,
            relationship=relationship, sales=sales, total_spend=total_spend, as_of=as_of,
        )  # fmt: skip
        with progress_bar(quiet=opts.quiet) as progress:
            result = new_account(record, out, lang=lang, model=model, force=force, progress=progress)
    except KamError as exc:
        raise fail(exc) from None
    click.echo(result.summary(lang) if not opts.quiet else "\n".join(map(str, result.files)))


@main.command(
    help="给团队现有的客户表评分，写出一个带公式的新工作簿（原文件不变）/ Score a team's existing portfolio table "
    "(xlsx, xls, csv) into a new workbook of live formulas; the input is never modified. 退出码 1：有无法评分的行或"
    "单元格（见“问题”表）/ exit 1: some rows or cells could not be scored (listed on the Problems sheet).",
    epilog="例 / Example:  kam-xl score 团队客户表.xlsx --sheet 2026 --out 客户评分.xlsx",
)
@shared_options
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sheet", help="工作表名称（默认第一个）/ the sheet to read (default: the first)")
@click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="评分模型：TOML 文件或带 Model 表的工作簿 / scoring model: a TOML file or a workbook with a Model sheet",
)
@lang_option
@out_option("file_or_folder")
@force_option
def score(input_file: Path, sheet: str | None, model_path: Path | None, lang: str, out: Path, force: bool) -> None:
    from kam_xl.console import progress_bar
    from kam_xl.jobs.score_table import score_table

    opts = options()
    try:
        with progress_bar(quiet=opts.quiet) as progress:
            result = score_table(
                input_file, out, sheet=sheet, model=model_path, lang=lang, force=force, progress=progress
            )
    except KamError as exc:
        raise fail(exc) from None
    click.echo(result.summary(lang) if not opts.quiet else "\n".join(map(str, result.files)))
    if result.has_problems:
        raise SystemExit(EXIT_PROBLEMS)


@main.command(
    help="检查 kam_xl 生成（并可能被修改过）的工作簿：公式错误、被覆盖的公式、与核心重算不符的数值、模型修改 / "
    "Check a workbook kam_xl generated (and people edited): formula errors, overwritten formulas, stated values "
    "the core computes differently, Model-sheet edits. 退出码 1：发现问题 / exit 1: something was found.",
    epilog="例 / Example:  kam-xl check 大客户战略管理计划-华东电气设备有限公司.xlsx --lang en",
)
@shared_options
@click.argument("book", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="报告语言 / report language"
)
def check(book: Path, lang: str) -> None:
    from kam_xl.jobs.check import check_workbook_file

    try:
        report = check_workbook_file(book)
    except KamError as exc:
        raise fail(exc) from None
    if options().quiet:
        click.echo("\n".join(f.message(lang) for f in report.findings), nl=bool(report.findings))
    else:
        click.echo(report.summary(lang))
    if not report.clean:
        raise SystemExit(EXIT_PROBLEMS)


@main.command(
    help="把文件夹中各销售填写的大客户战略管理计划（与大客户档案）汇总为一个客户组合工作簿（原文件不变）/ Roll the "
    "account plans (and customer files) in a folder up into one portfolio workbook; the files are only read. "
    "退出码 1：有文件不是 kam_xl 工作簿、用另一评分模型生成、被改动或含公式错误（见“问题”表）/ exit 1: some file is "
    "not a kam_xl workbook, was made with another model, was edited or holds formula errors (see the Problems sheet).",
    epilog="例 / Example:  kam-xl rollup 团队计划/ --out 客户组合-2026.xlsx",
)
@shared_options
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="评分模型：TOML 文件或带 Model 表的工作簿（默认：当前模型）/ scoring model: a TOML file or a workbook with "
    "a Model sheet (default: the active model)",
)
@lang_option
@out_option("file_or_folder")
@force_option
def rollup(folder: Path, model_path: Path | None, lang: str, out: Path, force: bool) -> None:
    from kam_xl.console import progress_bar
    from kam_xl.jobs.rollup import rollup_folder as roll_up

    opts = options()
    try:
        with progress_bar(quiet=opts.quiet) as progress:
            result = roll_up(folder, out, model=model_path, lang=lang, force=force, progress=progress)
    except KamError as exc:
        raise fail(exc) from None
    if opts.quiet:
        click.echo("\n".join(p.message(lang) for p in result.problems), nl=result.has_problems)
    else:
        click.echo(result.summary(lang))
    if result.has_problems:
        raise SystemExit(EXIT_PROBLEMS)


@main.command(
    help="每月经营分析会：把文件夹中各客户计划的“月度经营”表按月汇总（按负责人、按客户等级，未达标客户），原文件不变 / "
    "The monthly business review: every account plan's month in a folder (Monthly plan sheet) rolled up by owner "
    "and by tier, with the accounts below target; the files are only read. 退出码 1：有计划未纳入或有问题（见“问题”表）"
    "/ exit 1: a plan was left out or something was found (see the Problems sheet).",
    epilog="例 / Example:  kam-xl review 团队计划/ --month 2026-03 --out 经营分析-2026-03.xlsx",
)
@shared_options
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--month", required=True, help="分析的月份 / the month to review, YYYY-MM (2026-03)")
@click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="评分模型（客户等级）：TOML 文件或带 Model 表的工作簿（默认：当前模型）/ scoring model (for the tiers): a TOML "
    "file or a workbook with a Model sheet (default: the active model)",
)
@lang_option
@out_option("file_or_folder")
@force_option
def review(folder: Path, month: str, model_path: Path | None, lang: str, out: Path, force: bool) -> None:
    from kam_xl.console import progress_bar
    from kam_xl.jobs.review import parse_month, review_folder

    opts = options()
    try:
        parse_month(month)
    except KamError as exc:
        raise click.UsageError(exc.message(lang)) from None
    try:
        with progress_bar(quiet=opts.quiet) as progress:
            result = review_folder(folder, month, out, model=model_path, lang=lang, force=force, progress=progress)
    except KamError as exc:
        raise fail(exc) from None
    if opts.quiet:
        click.echo("\n".join(p.message(lang) for p in result.problems), nl=result.has_problems)
    else:
        click.echo(result.summary(lang))
    if result.has_problems:
        raise SystemExit(EXIT_PROBLEMS)


main.add_command(excel)

if __name__ == "__main__":  # python -m kam_xl.cli
    main()
