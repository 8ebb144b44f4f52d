"""Counts and totals a workbook shows beside its tables: how many rows carry a label, what they add up to.

The same rules as their Excel renderings (:mod:`kam_xl.xlformulas.tally`):
labels match as Excel's ``=`` compares text — the whole text, case-insensitively
(COUNTIF is avoided: it reads ``*``, ``?``, ``<`` and ``>`` in a label as
patterns and operators); a blank, text or missing amount adds nothing, as in
SUMPRODUCT and SUM.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kam_xl.cells import is_blank, parse_number
from kam_xl.errors import KamError

__all__ = ["count_filled", "count_of", "total", "total_of"]


def _key(value: object) -> str | None:
    return None if is_blank(value) else str(value).casefold()


def _amount(value: object) -> float:
    """An amount as SUM reads a cell: numbers count, anything else (blank, text) is 0."""
    if isinstance(value, bool):
        return 0.0
    try:
        number = parse_number(value, "amount") if not isinstance(value, str) else None
    except KamError:
        return 0.0
    return 0.0 if number is None else number


def count_of(labels: Sequence[object], label: object) -> int:
    """How many of ``labels`` equal ``label`` (case-insensitively; a blank label counts nothing)."""
    key = _key(label)
    return 0 if key is None else sum(_key(v) == key for v in labels)


def total_of(labels: Sequence[object], label: object, amounts: Sequence[object]) -> float:
    """The sum of ``amounts`` on the rows whose label equals ``label`` (blank or text amounts add 0)."""
    key = _key(label)
    if key is None:
        return 0.0
    return float(sum(_amount(a) for v, a in zip(labels, amounts, strict=True) if _key(v) == key))


def total(amounts: Sequence[object]) -> float:
    """The sum of the numbers among ``amounts`` (blank or text cells add 0), as SUM."""
    return float(np.sum([_amount(a) for a in amounts])) if len(amounts) else 0.0


def count_filled(values: Sequence[object]) -> int:
    """How many cells are filled in (not blank), as COUNTA of input cells."""
    return sum(not is_blank(v) for v in values)
