"""What a registry entry holds: one indicator, defined once, with everything its renderings need."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kam_xl.models import Model

__all__ = ["LANG", "SCORECARD", "Arg", "Example", "FromModel", "Indicator"]


@dataclass(frozen=True)
class Arg:
    """A worksheet-function argument: its name and bilingual doc."""

    name: str
    zh: str
    en: str
    optional: bool = False


@dataclass(frozen=True)
class FromModel:
    """An example's argument taken from the model the reference runs with (the shipped default):
    the model itself (``FromModel()``, for a renderer that needs it) or one of its scorecards by code
    (``FromModel("imsc_industry")``), so that a registry module loads no model when it is imported."""

    scorecard: str = ""

    def resolve(self, model: Model) -> Any:
        return model.scorecard(self.scorecard) if self.scorecard else model


@dataclass(frozen=True)
class Example:
    """A worked example for the reference (``docs/indicators.md``): the core function's arguments
    (the default model is used), the renderer's arguments (cell references …), and what it shows.

    The reference computes the result with the core and renders the formula, so the example
    cannot disagree with the code. ``column`` picks the entry's column when the core returns a
    table (the row-level receivables: ``received`` of :func:`~kam_xl.core.receivables.invoice_rows`).
    """

    args: tuple[Any, ...]
    refs: tuple[Any, ...] = ()
    zh: str = ""
    en: str = ""
    kwargs: tuple[tuple[str, Any], ...] = ()  # keyword arguments of the core call (lang …)
    column: str = ""


@dataclass(frozen=True)
class Indicator:
    """One indicator, defined once.

    ``core`` is the function that defines it (:mod:`kam_xl.core`); ``excel`` the
    renderer of its native Excel formula (:mod:`kam_xl.xlformulas`): called with
    cell references, it returns formula text (``"=..."``) that refers to the
    model's parameters by their workbook names. ``udf`` names its worksheet
    function (``KAM_…``, in ``udfs/kam_udfs.py``), or is None for an indicator
    only the generated workbooks show.
    """

    key: str
    udf: str | None
    zh: str
    en: str
    summary_zh: str
    summary_en: str
    spec: str
    core: Callable[..., Any]
    args: tuple[Arg, ...] = ()
    excel: Callable[..., str] | None = None
    definition_zh: str = ""  # the definition in words, for the reference (the summary when empty)
    definition_en: str = ""
    example: Example | None = None

    @property
    def formula(self) -> Callable[..., str]:
        """The Excel-formula renderer (raises if the indicator has none)."""
        if self.excel is None:
            raise LookupError(f"{self.key} has no Excel-formula rendering")
        return self.excel

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def doc(self) -> str:
        """Bilingual one-paragraph description (Excel's function wizard shows it)."""
        return f"{self.summary_zh} / {self.summary_en} (docs/indicators.md#{self.key})"


LANG = Arg("lang", "标签语言：zh 或 en（默认取模型设置）", "label language: zh or en (default: the model's)", True)
SCORECARD = Arg(
    "scorecard", "评分卡代码（默认为模型的分级评分卡）", "scorecard code (default: the model's tier scorecard)", True
)
