"""Thresholds and label look-ups shared by tiers, barrier levels, satisfaction.

A *band* list is ordered from the top down; a value takes the first band whose
``min`` it reaches. Values are rounded to :data:`~kam_xl.core.rounding.DECIMALS`
places first, so a score that is 75 on paper but 74.99999999999999 in floating
point still reaches 75 — the Excel rendering applies the same ``ROUND`` so the
two agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from kam_xl.core._checks import position
from kam_xl.core.rounding import DECIMALS
from kam_xl.errors import InputError, MissingValueError
from kam_xl.models.schema import Band, Label, label_key

__all__ = ["band_index", "codes", "count_below", "lookup", "texts"]


def count_below(values: np.ndarray, cuts: Iterable[float]) -> np.ndarray:
    """How many of ``cuts`` each value is below (NaN: none), as int64.

    One comparison per cut, no values × cuts array; the count is kept in one
    byte per value and widened once (an int64 count is 1.5–2× slower to add up).
    """
    cuts = list(cuts)
    count = np.zeros(np.shape(values), dtype=np.int8 if len(cuts) <= np.iinfo(np.int8).max else np.int64)
    for cut in cuts:
        count += values < cut
    return count.astype(np.int64)


def band_index(values: np.ndarray, bands: Sequence[Band], *, blanks: bool = True) -> np.ndarray:
    """Index of the first band each value reaches (NaN → -1).

    ``blanks=False`` when the caller has checked the values (tier, barrier
    level): they are then not looked through again for a NaN.
    """
    v = np.round(np.asarray(values, dtype=float), DECIMALS)
    idx = count_below(v, [b.min for b in bands[:-1]])
    if blanks and v.size and np.isnan(v.min()):  # NaN propagates through min: a mask only when there is a blank
        idx[np.isnan(v)] = -1
    return idx


def texts(index: np.ndarray | int, labels: Sequence[Label], lang: str) -> np.ndarray:
    """Label text for each index (-1 → empty string)."""
    table = np.array([lab.text(lang) for lab in labels] + [""], dtype=object)
    return table[np.asarray(index)]


def codes(index: np.ndarray | int, labels: Sequence[Label]) -> np.ndarray:
    table = np.array([lab.code for lab in labels] + [""], dtype=object)
    return table[np.asarray(index)]


def lookup(
    values: Sequence[object] | np.ndarray, labels: Sequence[Label], field: str, *, allow_blank: bool = False
) -> np.ndarray:
    """Indices of values given as a label's code, Chinese or English text (any case).

    ``"支持"``, ``"supporter"`` and ``"Supporter"`` all find the same label.
    Unknown text raises an error that names the field, the position and the
    accepted choices.
    """
    table: dict[str, int] = {}
    for i, lab in enumerate(labels):
        for name in (lab.code, lab.zh, lab.en):
            table.setdefault(label_key(name), i)
    arr = np.asarray(values, dtype=object)
    flat = arr.ravel()
    out = np.empty(flat.shape, dtype=np.int64)
    for i, v in enumerate(flat):  # label columns are short (contacts, stages): a dict lookup each
        if v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()):
            if allow_blank:
                out[i] = -1
                continue
            raise MissingValueError(field, position(i, arr.shape))
        hit = table.get(label_key(v))
        if hit is None:
            choices = " / ".join(f"{lab.zh} {lab.en}" for lab in labels)
            raise InputError(
                field,
                f"“{v}” 不是可选项（{choices}）",
                f"'{v}' is not one of the choices ({choices})",
                position(i, arr.shape),
            )
        out[i] = hit
    return out.reshape(arr.shape)
