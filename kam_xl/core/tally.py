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
import pandas as pd

from kam_xl.cells import is_blank, parse_number
from kam_xl.errors import KamError

__all__ = ["count_filled", "count_of", "count_of_both", "total", "total_of", "total_of_both"]


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


def _matches(labels: Sequence[object], label: object) -> np.ndarray:
    """Which of ``labels`` equal ``label`` — each distinct label folded once (a portfolio has 50,000 rows
    and a handful of tiers)."""
    key = _key(label)
    codes, uniques = pd.factorize(pd.Series(list(labels), dtype=object))
    if key is None or not len(uniques):
        return np.zeros(len(codes), dtype=bool)
    hit = np.array([_key(u) == key for u in uniques] + [False], dtype=bool)
    return hit[codes]


def count_of(labels: Sequence[object], label: object) -> float:
    """How many of ``labels`` equal ``label`` (case-insensitively); NaN (a blank cell) for a blank label —
    a table's spare row shows nothing, not 0."""
    if _key(label) is None:
        return float("nan")
    return float(_matches(labels, label).sum())


def total_of(labels: Sequence[object], label: object, amounts: Sequence[object]) -> float:
    """The sum of ``amounts`` on the rows whose label equals ``label`` (blank or text amounts add 0);
    NaN (a blank cell) for a blank label."""
    if _key(label) is None:
        return float("nan")
    if len(labels) != len(amounts):
        raise ValueError("labels and amounts must be as long as each other")
    rows = np.flatnonzero(_matches(labels, label))
    return float(sum(_amount(amounts[i]) for i in rows.tolist()))


def count_of_both(labels: Sequence[object], label: object, labels2: Sequence[object], label2: object) -> float:
    """How many rows have ``label`` in ``labels`` and ``label2`` in ``labels2`` (each compared as :func:`count_of`
    compares): the open deals at one stage. NaN (a blank cell) while either label is blank."""
    if _key(label) is None or _key(label2) is None:
        return float("nan")
    if len(labels) != len(labels2):
        raise ValueError("both label columns must be as long as each other")
    return float((_matches(labels, label) & _matches(labels2, label2)).sum())


def total_of_both(
    labels: Sequence[object], label: object, labels2: Sequence[object], label2: object, amounts: Sequence[object]
) -> float:
    """The amounts of the rows counted by :func:`count_of_both` (blank or text amounts add 0)."""
    if _key(label) is None or _key(label2) is None:
        return float("nan")
    if not len(labels) == len(labels2) == len(amounts):
        raise ValueError("the label columns and the amounts must be as long as each other")
    rows = np.flatnonzero(_matches(labels, label) & _matches(labels2, label2))
    return float(sum(_amount(amounts[i]) for i in rows.tolist()))


def total(amounts: Sequence[object]) -> float:
    """The sum of the numbers among ``amounts`` (blank or text cells add 0), as SUM."""
    return float(np.sum([_amount(a) for a in amounts])) if len(amounts) else 0.0


def count_filled(values: Sequence[object]) -> int:
    """How many cells are filled in (not blank), as COUNTA of input cells."""
    return sum(not is_blank(v) for v in values)
