"""Shared pieces of every rendering: references, model parameters, blanks, band look-ups."""

from __future__ import annotations

from collections.abc import Sequence

from kam_xl.core.rounding import DECIMALS
from kam_xl.models.schema import Label

__all__ = [
    "NOT_A_CHOICE",
    "OUT_OF_RANGE",
    "YES_NO",
    "any_blank",
    "band",
    "blank_unless",
    "caption",
    "is_yes",
    "label",
    "model_value",
    "numeric",
    "reason",
    "ref",
    "rel",
    "text",
    "yes_no",
]


def rel(text: str) -> str:
    """A reference as it goes inside a formula (strips a leading '=')."""
    return text[1:] if text.startswith("=") else text


def ref(target: str) -> str:
    """A cell that shows another cell: ``=Sheet!$B$7``."""
    return f"={rel(target)}"


def model_value(name: str, item: int | None = None) -> str:
    """A model parameter by its workbook name, or the ``item``-th (1-based) value of a list of them."""
    return f"={name}" if item is None else f"=INDEX({name},{item})"


def caption(parts: Sequence[str]) -> str:
    """Text joined from literals (``"…"`` already quoted) and cell references."""
    return "=" + "&".join(parts)


def text(value: str) -> str:
    """A text literal for a formula (quotes doubled)."""
    return '"' + value.replace('"', '""') + '"'


def label(names: str, lang: str) -> str:
    """The label-column name in the workbook's language: ``KAM_TIER_LEVELS`` → ``KAM_TIER_LEVELS_ZH``."""
    return f"{names}_{'ZH' if lang == 'zh' else 'EN'}"


def any_blank(*refs: str) -> str:
    """Condition true when any input cell is blank."""
    tests = [f'{r}=""' for r in refs]
    return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"


def numeric(*refs: str) -> str:
    """Condition true when every input holds a number or a number stored as text.

    Arithmetic reads a number stored as text ("85") as the number in Excel, LibreOffice and ``formulas``
    alike, as the core's reader does (:func:`kam_xl.cells.to_float_array`); other text ("abc") would
    give #VALUE!, so a renderer tests this first and shows a blank in its place. ``-x`` and not ``x``:
    ISNUMBER("85") is false, ISNUMBER(-"85") true. A comparison still needs ``0+x`` (text sorts above
    every number).
    """
    tests = [f"ISNUMBER(-{r})" for r in refs]
    return tests[0] if len(tests) == 1 else f"AND({','.join(tests)})"


def blank_unless(formula: str, *refs: str) -> str:
    """``formula`` (a rendering) shown blank while any of ``refs`` is blank.

    For inputs whose blank means "not given yet" where the renderer gives a
    blank its own meaning (a blank DSO rates last) or counts it as 0 (SUMPRODUCT).
    """
    return f'=IF({any_blank(*refs)},"",{rel(formula)})'


def band(x: str, mins: str, labels: str) -> str:
    """Expression: label of the first band whose minimum ``x`` reaches (band_index)."""
    return f"INDEX({labels},1+SUMPRODUCT((ROUND({x},{DECIMALS})<{mins})*1))"


# What a computed cell shows, instead of an error value, where the core refuses its input and the
# renderer knows the workbook's language: a choice that is none of the model's, a number beyond its range.
NOT_A_CHOICE = Label("not_a_choice", "不在选项中", "Not one of the choices")
OUT_OF_RANGE = Label("out_of_range", "超出范围", "Out of range")


def reason(why: Label, lang: str) -> str:
    """The reason as a text literal in the workbook's language."""
    return text(why.text(lang))


# A flag a user reads says 是/否 (Yes/No), not TRUE/FALSE: a boolean cell prints as TRUE/FALSE in every
# language, and a conditional format on a boolean made LibreOffice crash printing the sheet.
YES_NO: dict[str, tuple[str, str]] = {"zh": ("是", "否"), "en": ("Yes", "No")}


def yes_no(condition: str, lang: str) -> str:
    """Expression: 是/否 (Yes/No in English) as ``condition`` holds or not."""
    yes, no = YES_NO["zh" if lang == "zh" else "en"]
    return f"IF({condition},{text(yes)},{text(no)})"


def is_yes(cell: str, lang: str) -> str:
    """Condition (for a conditional format): the flag in ``cell`` says 是 (Yes)."""
    return f"{cell}={text(YES_NO['zh' if lang == 'zh' else 'en'][0])}"
