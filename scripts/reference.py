"""Write the indicator reference (docs/indicators.md) and README's worksheet-function table, from the registry.

    python scripts/reference.py            # rewrite docs/indicators.md and the table in README.md
    python scripts/reference.py --check    # exit 1 if either is out of date; write nothing

Every entry of :data:`kam_xl.indicators.REGISTRY` gets a section: its definition in
words (zh, en), its arguments, its worksheet function (or that it has none: it is
shown by the generated workbooks only), the Excel formula it renders, and a
worked example whose result the core computes here — so the reference cannot
disagree with the code. Only the text between ``<!-- functions:start -->`` and
``<!-- functions:end -->`` in README.md is replaced.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from kam_xl.indicators import DOMAINS, REGISTRY, Indicator  # noqa: E402
from kam_xl.models import default_model  # noqa: E402

__all__ = ["DOCS", "END", "README", "START", "main", "readme_table", "reference", "signature", "update"]

README = ROOT / "README.md"
DOCS = ROOT / "docs" / "indicators.md"
START = "<!-- functions:start -->"
END = "<!-- functions:end -->"

_DOMAINS = {
    "scoring": ("评分、分级与客户组合", "Scoring, tiers and the portfolio"),
    "barriers": ("壁垒", "Barriers"),
    "value": ("客户价值与钱包份额", "Lifetime value and share of wallet"),
    "satisfaction": ("客户满意度", "Customer satisfaction"),
    "relationship": ("采购组织与关系", "Buying centre and relationship"),
    "pipeline": ("大客户开发", "Development pipeline"),
    "receivables": ("应收与信用", "Receivables and credit"),
    "plans": ("计划与行动", "Plans and actions"),
    "tally": ("计数与合计", "Counts and totals"),
}

_INTRO = """\
# 指标参考 Indicator reference

*生成自指标注册表（`kam_xl/indicators/`），请勿手工编辑；运行 `python scripts/reference.py` 更新。
Generated from the registry (`kam_xl/indicators/`) — do not edit by hand; run
`python scripts/reference.py`.*

每个指标只定义一次（核心函数），再以三种方式呈现：Python 函数、Excel 工作表函数
（`KAM_…`，经 xlwings）、生成工作簿中的原生 Excel 公式；测试证明三者结果一致。
Each indicator is defined once (a core function) and rendered three ways: the Python
function, an Excel worksheet function (`KAM_…`, through xlwings), and the native Excel
formula in the generated workbooks; the tests prove the three agree. Formulas refer to
the model's parameters by the names of the workbook's `Model` sheet (`KAM_TIER_LEVELS_MIN`
…), so a team that tunes a weight there sees every formula follow. Examples use the
shipped default model.
"""


def signature(ind: Indicator) -> str:
    """``KAM_ABC(value, [values], [lang])``."""
    args = ", ".join(f"[{a.name}]" if a.optional else a.name for a in ind.args)
    return f"{ind.udf}({args})"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _shown(value: object) -> str:
    """A result as the reference prints it: numbers to 6 significant digits, arrays as lists."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return "—" if np.isnan(value) else f"{value:.6g}"
    return str(value)


def _example(ind: Indicator) -> str:
    ex = ind.example
    if ex is None:
        return ""
    kwargs = dict(ex.kwargs)
    if "model" in ind.core.__code__.co_varnames:  # the shipped model, whatever KAM_XL_MODEL says
        kwargs.setdefault("model", default_model())
    result = ind.core(*ex.args, **kwargs)
    args = ", ".join(_shown(a) for a in ex.args)
    lines = [
        "**例 Example.** " + " ".join(x for x in (ex.zh, ex.en) if x),
        "",
        "```text",
        f"{ind.key}({args}) → {_shown(result)}",
    ]
    if ind.excel is not None and ex.refs:
        lines.append(ind.excel(*ex.refs))
    lines.append("```")
    return "\n".join(lines) + "\n"


def _section(ind: Indicator) -> str:
    head = f'### {ind.zh} · {ind.en} <a id="{ind.key}"></a>\n\n`{ind.key}`'
    parts = [head, ""]
    parts.append(f"{ind.definition_zh or ind.summary_zh}  \n{ind.definition_en or ind.summary_en}\n")
    if ind.udf:
        parts.append(f"工作表函数 Worksheet function: `={signature(ind)}`\n")
    else:
        parts.append("工作表函数 Worksheet function: —（仅用于生成的工作簿 shown by the generated workbooks only）\n")
    if ind.args:
        rows = "\n".join(
            f"| `{a.name}`{' (可选 optional)' if a.optional else ''} | {_cell(a.zh)} | {_cell(a.en)} |"
            for a in ind.args
        )
        parts.append("| 参数 Argument | 说明 | Description |\n|---|---|---|\n" + rows + "\n")
    parts.append(
        f"Python: `{ind.core.__module__}.{ind.core.__name__}`"
        + (f" · Excel: `{ind.excel.__module__}.{ind.excel.__name__}`" if ind.excel else "")
        + "\n"
    )
    example = _example(ind)
    if example:
        parts.append(example)
    return "\n".join(parts)


def reference() -> str:
    """The whole of docs/indicators.md."""
    toc, sections = [], []
    for domain, entries in DOMAINS.items():
        zh, en = _DOMAINS.get(domain, (domain, domain))
        toc.append(f"- {zh} · {en}: " + ", ".join(f"[{e.zh}](#{e.key})" for e in entries))
        sections.append(f"## {zh} · {en}\n\n" + "\n".join(_section(e) for e in entries))
    return _INTRO + "\n" + "\n".join(toc) + "\n\n" + "\n".join(sections)


def readme_table() -> str:
    """README's worksheet-function table (between the markers), pointing at the reference."""
    rows = "\n".join(
        f"| `={signature(e)}` | {e.zh} / {e.en} | [→](docs/indicators.md#{e.key}) |" for e in REGISTRY.values() if e.udf
    )
    return (
        "*生成自指标注册表，请勿手工编辑 · generated from the registry by `python scripts/reference.py`.*\n\n"
        "| 函数 Function | 结果 Result | 定义与例子 Definition, example |\n|---|---|---|\n" + rows + "\n"
    )


def update(text: str) -> str:
    """``text`` with the table between the README markers replaced."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"README.md needs the markers {START} and {END}, in that order")
    return f"{text[: start + len(START)]}\n{readme_table()}{text[end:]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is out of date; write nothing")
    parser.add_argument("--readme", type=Path, default=README)
    parser.add_argument("--docs", type=Path, default=DOCS)
    args = parser.parse_args(argv)
    stale = []
    for path, make in ((args.docs, lambda old: reference()), (args.readme, update)):
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        wanted = make(current)
        if wanted == current:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted, encoding="utf-8")
            print(f"{path}: updated")
    if stale and args.check:
        print("out of date: " + ", ".join(map(str, stale)) + " — run python scripts/reference.py", file=sys.stderr)
        return 1
    if not stale:
        print("the reference is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
