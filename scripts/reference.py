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
import inspect
import re
import sys
import unicodedata
from collections import Counter
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from kam_xl.core.receivables import Period  # noqa: E402
from kam_xl.indicators import DOMAINS, REGISTRY, Indicator  # noqa: E402
from kam_xl.indicators.entry import FromModel  # noqa: E402
from kam_xl.models import Model, Scorecard, default_model  # noqa: E402

__all__ = ["DOCS", "END", "README", "START", "main", "readme_table", "reference", "run", "signature", "update"]

README = ROOT / "README.md"
DOCS = ROOT / "docs" / "indicators.md"
START = "<!-- functions:start -->"
END = "<!-- functions:end -->"

_DOMAINS = {
    "scoring": ("评分、分级与客户组合", "Scoring, tiers and the portfolio"),
    "selection": (
        "选择线与入选（行业选择：IMSC ≥ 平均分 ★）",
        "Selection by a scorecard's total (industry selection, IMSC)",
    ),
    "profitability": (
        "获利与投资回报（高/中/低/无获利、评估投资回报）、优惠政策",
        "Profitability (high / medium / low / no profit), return on resources and the discount policy",
    ),
    "classification": (
        "单一指标分类（交易类、联络类、特征类）",
        "Single-indicator classification (transaction, contact, characteristic)",
    ),
    "barriers": ("壁垒", "Barriers"),
    "value": ("客户价值与钱包份额", "Lifetime value and share of wallet"),
    "satisfaction": ("客户满意度", "Customer satisfaction"),
    "competition": (
        "竞争分析：客户对对手和我们的满意程度、独特卖点（USP = 客户有需求 且 竞争对手做不到）",
        "Competitors at the account: satisfaction with them and with us, USP (needed and they cannot)",
    ),
    "relationship": ("采购组织与关系", "Buying centre and relationship"),
    "pipeline": ("大客户开发", "Development pipeline"),
    "funnel": ("大客户销售漏斗", "Sales funnel"),
    "receivables": ("应收与信用", "Receivables and credit"),
    "plans": ("计划与行动", "Plans and actions"),
    "monthly": (
        "月度经营计划与每月经营分析会（生意增长机会、生意提升5步骤、联合生意计划）",
        "Monthly business plan and review (wallet headroom, the five growth steps, the joint business plan)",
    ),
    "tally": ("计数与合计", "Counts and totals"),
    "portfolio": ("客户组合的逾期、风险与帕累托排名", "The portfolio's overdue amounts, risks and Pareto ranking"),
    "dashboard": ("看板", "The director's dashboard"),
    "service": (
        "客户服务数据库与流失（抱怨 → 投诉 → 危机、防火式服务的流失风险、拜访频率）",
        "Service log and churn (grumble → complaint → crisis, churn risk signals, visit cadence)",
    ),
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

例子的读法：`blank` 是空白单元格，TRUE/FALSE 同 Excel；几列等长的输入排成一张表，每行一项，`→`
列是结果；台账的例子按行号（`row`）排列，公式引用的就是这些行——例子把两本台账和各项指标放在同一张表上
（客户档案里发票台账、收款台账和应收账款各占一张表，行号相同）。公式按 Excel 编辑栏的样子印出（不印文件里的
`_xlfn.` 前缀）。
Reading the examples: `blank` is an empty cell and TRUE/FALSE are as Excel shows them; inputs
of one length are laid out as a table, one item a row, the result in the `→` column; ledgers
are numbered by their rows (`row`), the rows the formulas refer to — the examples put both ledgers and
the figures on one sheet (the customer file has the invoices, the receipts and the figures on three
sheets, on the same rows). Formulas are printed as Excel's formula bar shows them (without the file's `_xlfn.`
prefixes).
"""


def signature(ind: Indicator) -> str:
    """``KAM_ABC(value, [values], [lang])``."""
    args = ", ".join(f"[{a.name}]" if a.optional else a.name for a in ind.args)
    return f"{ind.udf}({args})"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------- how an example's values are printed

_LONG = 20  # a list longer than this is shown by its first and last values
_WIDE = 100  # a call wider than this lays its parallel lists out as a table
_HEAD, _TAIL = 8, 2


def _number(x: float) -> str:
    """6 significant digits, but money keeps its cents (265512.17) and no number turns into 1e+06."""
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    whole = len(str(int(abs(x)))) if abs(x) >= 1 else 0
    text = f"{x:.{max(6, whole + 2)}g}"
    return text.rstrip("0").rstrip(".") if "." in text and "e" not in text else text


def _is_blank(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating) and np.isnan(value):
        return True
    return isinstance(value, np.datetime64) and bool(np.isnat(value))


def _shown(value: object) -> str:
    """A value as the reference prints it: numbers to 6 significant digits, text quoted, dates as
    2024-06-30, a blank (None, NaN) as ``blank``, TRUE/FALSE as Excel shows them, long lists cut short."""
    if isinstance(value, pd.Series | pd.Index):
        value = value.tolist()
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, list | tuple):
        items = [_shown(v) for v in value]
        if len(items) > _LONG:
            items = [*items[:_HEAD], "…", *items[-_TAIL:], f"({len(value)} values)"]
        return "[" + ", ".join(items) + "]"
    if _is_blank(value):
        return "blank"
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, pd.Timestamp | datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Period):
        return f"({value.start.isoformat()}, {value.end.isoformat()}]"
    if isinstance(value, Model) or value == FromModel():
        return "model"
    if isinstance(value, FromModel):
        return f'"{value.scorecard}"'
    if isinstance(value, Scorecard):
        return f'"{value.code}"'
    return str(value)


def _width(text: str) -> int:
    """Columns a text takes in a monospaced block: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _in_cell(value: object) -> str:
    """A value as a table's cell shows it: text unquoted, an empty text blank."""
    if isinstance(value, str):
        return value or "blank"
    return _shown(value)


def _aligned(heads: list[str], rows: list[list[str]], indent: str = "  ") -> list[str]:
    """Rows of cells as aligned text lines under their heads."""
    widths = [max(_width(r[k]) for r in [heads, *rows]) for k in range(len(heads))]
    return [
        indent + "  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in [heads, *rows]
    ]


def _numbers_rows(index: pd.Index) -> bool:
    """An index that only numbers the rows 0, 1, 2 … (a ledger's row numbers are named: ``row``)."""
    return index.name is None and index.equals(pd.RangeIndex(len(index)))


def _table(frame: pd.DataFrame, indent: str = "  ") -> list[str]:
    """A small table as aligned text lines (an index that only numbers the rows is left out)."""
    plain = _numbers_rows(frame.index)
    name = frame.index.name
    heads = ([] if plain else ["" if name is None else str(name)]) + [_in_cell(c) for c in frame.columns]
    rows = [
        ([] if plain else [_in_cell(i)]) + [_in_cell(v) for v in row]
        for i, row in zip(frame.index, frame.itertuples(index=False), strict=True)
    ]
    return _aligned(heads, rows, indent)


def _items(value: object) -> list[object] | None:
    """A list argument or result (a row of several accounts, a ledger column …) as a list; else None."""
    if isinstance(value, np.ndarray | pd.Series):
        return list(value) if value.ndim == 1 else None
    return list(value) if isinstance(value, list | tuple) else None


def _parallel(pairs: list[tuple[str, object]]) -> dict[str, list[object]]:
    """The list arguments of one length (at least two of them): the columns of a table, a row per item."""
    lists = {name: items for name, a in pairs if (items := _items(a)) is not None}
    lengths = Counter(len(items) for items in lists.values())
    if not lengths:
        return {}
    n, count = lengths.most_common(1)[0]
    return {name: items for name, items in lists.items() if len(items) == n} if count >= 2 else {}


def _as_table(result: object, column: str) -> pd.DataFrame | None:
    """A result printed as a table: a table, or one value per named row (a ledger row's figure)."""
    if isinstance(result, pd.DataFrame):
        return result
    if isinstance(result, pd.Series) and not _numbers_rows(result.index):
        return result.to_frame(name=column or "→")
    return None


def _resolved(value: object, model: Model) -> object:
    return value.resolve(model) if isinstance(value, FromModel) else value


def run(ind: Indicator, model: Model | None = None) -> tuple[object, str | None]:
    """An entry's example: what its core gives (the entry's column of a table) and the formula its
    renderer writes for the example's cells (None without a renderer or cells)."""
    ex = ind.example
    if ex is None:
        raise LookupError(f"{ind.key} has no example")
    model = model or default_model()
    kwargs = {k: _resolved(v, model) for k, v in ex.kwargs}
    if "model" in inspect.signature(ind.core).parameters:  # the shipped model, whatever KAM_XL_MODEL says
        kwargs.setdefault("model", model)
    result = ind.core(*(_resolved(a, model) for a in ex.args), **kwargs)
    if ex.column:
        result = result[ex.column]
    formula = ind.excel(*(_resolved(r, model) for r in ex.refs)) if ind.excel is not None and ex.refs else None
    return result, formula


def _formula(text: str) -> str:
    """A formula as Excel's formula bar shows it: without the file format's ``_xlfn.`` prefixes."""
    return text.replace("_xlfn.", "")


def _example(ind: Indicator) -> str:
    """The example's text, its call with what the core gives, and the formula the renderer writes.

    A table argument is printed above the call and named in it. A call too wide for a line lays its
    parallel lists out as a table (a row per item, the argument names as heads), the result beside
    them when it is one value per row; a result indexed by the ledger's rows is a table of its rows.
    """
    ex = ind.example
    if ex is None:
        return ""
    result, formula = run(ind)
    pairs = list(zip(inspect.signature(ind.core).parameters, ex.args, strict=False))
    suffix = f'["{ex.column}"]' if ex.column else ""
    table = _as_table(result, ex.column)

    def call(named: set[str]) -> str:
        shown = [n if n in named or isinstance(a, pd.DataFrame) else _shown(a) for n, a in pairs]
        shown += [f"{k}={_shown(v)}" for k, v in ex.kwargs]
        return f"{ind.core.__name__}({', '.join(shown)}){suffix}"

    lines: list[str] = []
    for name, arg in pairs:
        if isinstance(arg, pd.DataFrame):
            lines += [f"{name} =", *_table(arg)]
    one_line = call(set()) + ("" if table is not None else f" → {_shown(result)}")
    columns = _parallel(pairs) if _width(one_line) > _WIDE else {}
    if columns:
        heads, cells = list(columns), [list(row) for row in zip(*columns.values(), strict=True)]
        values = _items(result) if table is None else None
        if values is not None and len(values) == len(cells):  # the result beside its inputs
            rows = [[*row, value] for row, value in zip(cells, values, strict=True)]
            lines += [f"{call(set(columns))} →", *_aligned([*heads, "→"], [[_in_cell(v) for v in r] for r in rows])]
        else:
            lines += _aligned(heads, [[_in_cell(v) for v in row] for row in cells])
            lines += _result(call(set(columns)), result, table)
    else:
        lines += _result(call(set()), result, table)
    if formula is not None:
        lines.append(f"Excel: {_formula(formula)}")
    text = "  \n".join(x for x in (ex.zh, ex.en) if x)
    return f"**例 Example.** {text}\n\n```text\n" + "\n".join(lines) + "\n```\n"


def _result(call: str, result: object, table: pd.DataFrame | None) -> list[str]:
    return [f"{call} →", *_table(table)] if table is not None else [f"{call} → {_shown(result)}"]


def _sections(spec: str) -> str:
    """``§2.7, §2.12`` → links to those sections of docs/definitions.md."""
    found = re.findall(r"§(\d+(?:\.\d+)?)", spec)
    return ", ".join(f"[§{n}](definitions.md#s{n})" for n in found)


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
    code = f"Python: `{ind.core.__module__}.{ind.core.__name__}`" + (
        f" · Excel: `{ind.excel.__module__}.{ind.excel.__name__}`" if ind.excel else ""
    )
    see = _sections(ind.spec)
    parts.append(code + (f" · 定义 Definitions: {see}" if see else "") + "\n")
    example = _example(ind)
    if example:
        parts.append(example)
    return "\n".join(parts)


def reference() -> str:
    """The whole of docs/indicators.md."""
    toc, sections = [], []
    for domain, entries in DOMAINS.items():
        zh, en = _DOMAINS[domain]  # every domain titled: a new one without a title fails here
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
