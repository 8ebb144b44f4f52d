"""The period of the receivables indicators: (start, end], start exclusive, end the as-of date.

Dates are read by :mod:`kam_xl.cells` (one date grammar); inside the engine a day
is an int64 count of days since 1970-01-01 (numpy's day zero, not an Excel epoch).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from kam_xl.cells import to_date, to_dates
from kam_xl.errors import MissingValueError, OutOfRangeError, Position
from kam_xl.models import Model, active_model

__all__ = [
    "DAY0",
    "Period",
    "add_months",
    "as_date",
    "checkpoints",
    "day_number",
    "day_numbers",
    "month_end",
    "month_end_days",
    "period_days",
    "period_for",
    "period_start",
]

DAY0 = np.datetime64("1970-01-01", "D")  # day numbers count from here (numpy's epoch)


def as_date(value: object, field: str, where: Position | str | None = None) -> date:
    """A date that must be there: :func:`kam_xl.cells.to_date`, a blank refused."""
    day = to_date(value, field, where)
    if day is None:
        raise MissingValueError(field, where)
    return day


def day_number(day: date) -> int:
    return int((np.datetime64(day, "D") - DAY0).astype(np.int64))


def day_numbers(values: Iterable[object], field: str) -> np.ndarray:
    """A column of dates as day numbers (float: NaN where blank), by :func:`kam_xl.cells.to_dates`."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        stamps = values.astype("datetime64[D]")
    else:
        listed = values if isinstance(values, pd.Series | np.ndarray) else list(values)
        stamps = to_dates(listed, field)
    out = (stamps - DAY0).astype(np.int64).astype(float)
    out[np.isnat(stamps)] = np.nan
    return out


def add_months(day: date, months: int) -> date:
    """Excel's EDATE: same day of month, clamped to the month's last day."""
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


@dataclass(frozen=True)
class Period:
    """The period (start, end]: start exclusive, end inclusive (= the as-of date)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", as_date(self.start, "period.start"))
        object.__setattr__(self, "end", as_date(self.end, "period.end"))
        if not self.start < self.end:
            raise OutOfRangeError(
                "period.start", self.start.isoformat(), f"早于结束日 {self.end}", f"before the end {self.end}"
            )

    @property
    def days(self) -> int:
        """Calendar days in the period (365 or 366 for a year)."""
        return (self.end - self.start).days


def period_for(as_of: date, months: int = 12) -> Period:
    """The ``months`` months to ``as_of``: (EDATE(as_of, −months), as_of]."""
    end = as_date(as_of, "as_of")
    whole = not isinstance(months, bool) and isinstance(months, int | np.integer)  # checked: any caller's value
    if not whole or months < 1:
        raise OutOfRangeError("period_months", months, "≥ 1 的整数", "a whole number >= 1")
    return Period(add_months(end, -int(months)), end)


def period_start(as_of: date, model: Model | None = None) -> date:
    """The period's (exclusive) start: the model's ``period_months`` before ``as_of`` (EDATE).

    Excel: :func:`kam_xl.xlformulas.receivables.period_start`.
    """
    return period_for(as_of, (model or active_model()).receivables.period_months).start


def period_days(as_of: date, model: Model | None = None) -> int:
    """Days in the model's period to ``as_of`` (365 or 366 for twelve months).

    Excel: :func:`kam_xl.xlformulas.receivables.period_days`.
    """
    return period_for(as_of, (model or active_model()).receivables.period_months).days


def month_end(period: Period, k: int) -> date | None:
    """The last day of the ``k``-th month after the period start's (EOMONTH(start, k)) when it falls
    in the period, else None. k = 0 … months lists every month end of the period.

    Excel: :func:`kam_xl.xlformulas.receivables.month_end`.
    """
    y, m = divmod(period.start.year * 12 + period.start.month - 1 + k, 12)
    end = date(y, m + 1, calendar.monthrange(y, m + 1)[1])
    return end if period.start < end <= period.end else None


def month_end_days(period: Period) -> np.ndarray:
    """Last day of each calendar month ending in (start, end], as day numbers."""
    months = np.arange(np.datetime64(period.start, "M"), np.datetime64(period.end, "M") + 1)
    ends = ((months + 1).astype("datetime64[D]") - 1 - DAY0).astype(np.int64)
    start, end = day_number(period.start), day_number(period.end)
    return ends[(ends > start) & (ends <= end)]


def checkpoints(period: Period) -> np.ndarray:
    """The period start (the opening balance), then each month end in the period: day numbers, ascending."""
    return np.concatenate([[day_number(period.start)], month_end_days(period)]).astype(np.int64)
