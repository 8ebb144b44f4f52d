"""Write the worksheet-function reference into README.md, from the registry.

    python scripts/function_reference.py            # rewrite the reference in README.md
    python scripts/function_reference.py --check    # exit 1 if README.md is out of date

Only the text between ``<!-- functions:start -->`` and ``<!-- functions:end -->``
is replaced; the rest of README.md is read right before writing and kept as it
is, so edits made elsewhere in the file meanwhile are not lost.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from kam_xl.indicators import REGISTRY, Indicator  # noqa: E402

__all__ = ["END", "README", "START", "main", "reference", "signature", "update"]

README = ROOT / "README.md"
START = "<!-- functions:start -->"
END = "<!-- functions:end -->"

_INTRO = """\
*生成自 `kam_xl/indicators.py`，请勿手工编辑。Generated from the registry by
`python scripts/function_reference.py` — do not edit by hand.*

Each function takes one cell or a whole range and scores the range in one call: a
column in gives a column out (`=KAM_TIER(B2:B500)`), a block of criteria scores gives
one result per row. Numbers typed as text (`85`, `85%`, `¥1,200`, `８５`) are read as
numbers. A problem shows as one line naming the argument and the cell,
`#KAM! field @ row 3, column 2: 中文 / English`; an Excel error in an input
(`#N/A` …) comes back unchanged. `lang` is `zh`/`中文` or `en`/`English` (default:
the model's language). Dates may be Excel dates, `2024-03-05`, `2024/3/5` or
`2024年3月5日`. Optional arguments are shown in brackets."""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def signature(ind: Indicator) -> str:
    """``KAM_ABC(value, [values], [lang])``."""
    args = ", ".join(f"[{a.name}]" if a.optional else a.name for a in ind.args)
    return f"{ind.udf}({args})"


def _section(ind: Indicator) -> str:
    rows = "\n".join(
        f"| `{a.name}`{' (可选 optional)' if a.optional else ''} | {_cell(a.zh)} | {_cell(a.en)} |" for a in ind.args
    )
    return (
        f"### {ind.udf}\n\n"
        f"`={signature(ind)}` → {ind.zh} / {ind.en} · SPEC {ind.spec}\n\n"
        f"{ind.summary_zh}  \n{ind.summary_en}\n\n"
        "| 参数 Argument | 说明 | Description |\n|---|---|---|\n"
        f"{rows}\n"
    )


def reference() -> str:
    """The Markdown between the markers (without them)."""
    entries = [ind for ind in REGISTRY.values() if ind.udf]
    overview = "\n".join(
        f"| [`{signature(ind)}`](#{ind.udf.lower()}) | {ind.zh} / {ind.en} | {ind.spec} |" for ind in entries
    )
    sections = "\n".join(_section(ind) for ind in entries)
    return f"{_INTRO}\n\n| 函数 Function | 结果 Result | SPEC |\n|---|---|---|\n{overview}\n\n{sections}"


def update(text: str) -> str:
    """``text`` with the reference between the markers replaced."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"README.md needs the markers {START} and {END}, in that order")
    return f"{text[: start + len(START)]}\n{reference()}{text[end:]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is out of date; write nothing")
    parser.add_argument("--readme", type=Path, default=README, help="the file to update (default: README.md)")
    args = parser.parse_args(argv)
    current = args.readme.read_text(encoding="utf-8")  # read right before writing: others edit the rest
    wanted = update(current)
    if wanted == current:
        print(f"{args.readme.name} is up to date")
        return 0
    if args.check:
        print(f"{args.readme.name} is out of date: run python scripts/function_reference.py", file=sys.stderr)
        return 1
    args.readme.write_text(wanted, encoding="utf-8")
    print(f"{args.readme.name}: worksheet-function reference updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
