"""Single-indicator classification (单一指标分类法) — docs/definitions.md §2.15, seed 002.

Seed 002 classes accounts on one indicator at a time: transaction indicators (交易类: gross margin,
average and largest order, returns, the order cycle …), financial ones (财务类: the receivables'
figures, §2.11), contact ones (联络类: praise, complaint and suggestion counts) and characteristics
(特征类: registered capital, region, ownership …). The transaction indicators are worked out from the
orders here; an account is classed on any one indicator by the model's ``[classification]`` bands —
the first band whose ``min`` the value reaches, top down — or, for an indicator without bands (region,
ownership), by its value.

An order list is read as its range's cells are by Excel's AVERAGE, MAX and SUM: numbers count, blanks
and text are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from kam_xl.cells import date_to_serial, is_blank
from kam_xl.core import _checks
from kam_xl.core.bands import band_index, texts
from kam_xl.errors import InputError
from kam_xl.models import Model, active_model

__all__ = ["average_order", "classify", "largest_order", "order_cycle_days", "returns_rate"]


def _present(values: Sequence[object] | np.ndarray, field: str, *, dates: bool = False) -> np.ndarray:
    """The numbers of a range (a date as its serial day), blanks and text left out; below 0 an error."""
    out: list[float] = []
    for i, v in enumerate(np.asarray(values, dtype=object).ravel()):
        if dates and isinstance(v, dt.date):
            out.append(date_to_serial(v))
        elif isinstance(v, int | float | np.number) and not isinstance(v, bool) and not np.isnan(v):
            if v < 0:
                raise InputError(field, f"{v:g} 不能为负", f"{v:g} must not be negative", f"{field}[{i + 1}]")
            out.append(float(v))
    return np.array(out, dtype=float)


def average_order(amounts: Sequence[object] | np.ndarray) -> float:
    """平均单笔交易额: the mean of the order amounts given; NaN with none."""
    a = _present(amounts, "amount")
    return float(a.mean()) if a.size else float("nan")


def largest_order(amounts: Sequence[object] | np.ndarray) -> float:
    """最大单笔交易额: the largest order amount; NaN with none."""
    a = _present(amounts, "amount")
    return float(a.max()) if a.size else float("nan")


def returns_rate(returned: Sequence[object] | np.ndarray, amounts: Sequence[object] | np.ndarray) -> float:
    """退货率: the amounts returned over the amounts ordered (Σ returned / Σ amount); NaN while nothing is
    ordered."""
    total = float(_present(amounts, "amount").sum())
    back = float(_present(returned, "returned").sum())
    return back / total if total > 0 else float("nan")


def order_cycle_days(dates: Sequence[object] | np.ndarray) -> float:
    """平均交易周期: the mean days between consecutive order dates. Sorted, the gaps add up to the last
    date − the first, so the mean is (last − first) / (orders − 1); NaN with fewer than two orders."""
    d = _present(dates, "date", dates=True)
    return float((d.max() - d.min()) / (d.size - 1)) if d.size >= 2 else float("nan")


def _as_text(value: object) -> str:
    """A value as a cell shows it joined to text (``&""``): a whole number without ".0"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def classify(value: object, indicator: str | None = None, model: Model | None = None,
             lang: str | None = None) -> np.ndarray:  # fmt: skip
    """Each value's class on the model's classification indicator ``indicator`` (default: the model's
    ``classification.on``): the first band it reaches, top down; for an indicator without bands, the value
    itself as text. "" where the value is blank."""
    model = model or active_model()
    measure = model.classification.measure(indicator)
    if not measure.levels:
        arr = np.asarray(value, dtype=object)
        out = np.empty(arr.shape, dtype=object)
        out.reshape(-1)[:] = ["" if is_blank(v) else _as_text(v) for v in arr.reshape(-1)]
        return out
    idx = band_index(_checks.numbers(value, measure.code), measure.levels)
    return texts(idx, measure.levels, lang or model.language)
