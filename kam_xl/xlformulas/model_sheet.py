"""Formulas of the Model sheet itself (:mod:`kam_xl.workbooks.model_sheet`): the derived cells and the
"model edited" flag. The derived cells mirror properties of :mod:`kam_xl.models.schema` (a scorecard's
``raw_max``/``raw_min``: :mod:`kam_xl.xlformulas.scoring`; the pyramid's cumulative shares; the wall
maximum; the satisfaction weights' sum), as the core computes them."""

from __future__ import annotations

from kam_xl.xlformulas import common as xlc

__all__ = ["changed", "cumulative_share", "edited", "total"]


def changed(value: str, generated: str) -> str:
    """A parameter's value differs from the one the workbook was generated with, compared as text (``&""``):
    LibreOffice 7.4 compares ranges of numbers inside SUMPRODUCT unreliably, and EXACT is outside the
    function subset (:mod:`kam_xl.workbooks.lint`) — so a case-only edit shows only in ``kam-xl check``."""
    return f'{value}&""<>{generated}&""'


def edited(values: str, generated: str, lang: str) -> str:
    """是/否: any value of the ``values`` column differs from the ``generated`` column beside it."""
    return "=" + xlc.yes_no(f"SUMPRODUCT(({changed(values, generated)})*1)>0", lang)


def cumulative_share(shares: str, decimals: int) -> str:
    """The layers' shares down to this one, rounded as the core rounds them."""
    return f"=ROUND(SUM({shares}),{decimals})"


def total(name: str) -> str:
    """The sum of a model list (the wall criteria's maxima, the satisfaction weights)."""
    return f"=SUM({name})"
