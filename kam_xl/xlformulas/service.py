"""Service and churn: a service record's days and status, counts over the service log, the churn signals
and the visit cadence — :mod:`kam_xl.core.service` (docs/definitions.md §2.17)."""

from __future__ import annotations

from kam_xl.core.service import RISK_LEVELS, STATUS_LABELS
from kam_xl.xlformulas.common import YES_NO, label, text

__all__ = [
    "avg_days",
    "churn_signal",
    "days_between",
    "negative",
    "open_count",
    "orders_change",
    "orders_in_window",
    "risk_level",
    "service_status",
    "visits_behind",
    "visits_in_window",
    "visits_required",
    "yes_flag",
]


def days_between(start: str, end: str) -> str:
    """``end`` − ``start`` in days; blank while either is not a date."""
    return f'=IF(AND(ISNUMBER({start}),ISNUMBER({end})),{end}-{start},"")'


def service_status(kind: str, closed: str, lang: str) -> str:
    """已关闭 with a closed date, 未关闭 without; blank on a row without a type."""
    still, done = (text(x.text(lang)) for x in STATUS_LABELS)
    return f'=IF({kind}="","",IF(ISNUMBER({closed}),{done},{still}))'


def _both(kinds: str, kind: str, start: str, end: str) -> str:
    return f"({kinds}={kind})*ISNUMBER({start})*ISNUMBER({end})"


def open_count(kinds: str, kind: str, closed: str) -> str:
    """Rows of the type without a closed date; blank while the type is."""
    return f'=IF({kind}="","",SUMPRODUCT(({kinds}={kind})*NOT(ISNUMBER({closed}))))'


def avg_days(kinds: str, kind: str, start: str, end: str) -> str:
    """Mean days from ``start`` to ``end`` over the rows of the type with both dates (the sums taken apart,
    so no subtraction meets a text cell); blank without any."""
    m = _both(kinds, kind, start, end)
    n = f"SUMPRODUCT({m})"
    return f'=IF({kind}="","",IF({n}=0,"",(SUMPRODUCT({m},{end})-SUMPRODUCT({m},{start}))/{n}))'


def _window(dates: str, as_of: str, back: str, months: str) -> str:
    hi, lo = f"EDATE({as_of},-({back}))", f"EDATE({as_of},-({back})-({months}))"
    return f"ISNUMBER({dates})*({dates}>{lo})*({dates}<={hi})"


def orders_in_window(dates: str, amounts: str, as_of: str, back: str, months: str) -> str:
    """Order amounts dated in (EDATE(as_of, −back−months), EDATE(as_of, −back)]; blank without an as-of date."""
    return f'=IF(NOT(ISNUMBER({as_of})),"",SUMPRODUCT({_window(dates, as_of, back, months)},{amounts}))'


def orders_change(recent: str, before: str) -> str:
    """recent / before − 1; blank while there were no orders before."""
    return f'=IF(AND(ISNUMBER({recent}),ISNUMBER({before})),IF({before}>0,{recent}/{before}-1,""),"")'


def churn_signal(value: str, at: str, below: bool = False) -> str:
    """1 when the value reaches the threshold (≥, or ≤ −threshold for a fall), 0 otherwise or blank."""
    test = f"{value}<=-({at})" if below else f"{value}>={at}"
    return f"=IF(ISNUMBER({value}),IF({test},1,0),0)"


def yes_flag(cell: str, lang: str) -> str:
    """1 when the cell says 是 (Yes), else 0."""
    return f"=IF({cell}={text(YES_NO['zh' if lang == 'zh' else 'en'][0])},1,0)"


def risk_level(count: str, medium_at: str, high_at: str, lang: str) -> str:
    """高 at ``high_at`` signals or more, 中 at ``medium_at`` or more, else 低."""
    low, mid, high = (text(x.text(lang)) for x in RISK_LEVELS)
    return f"=IF({count}>={high_at},{high},IF({count}>={medium_at},{mid},{low}))"


def visits_in_window(dates: str, as_of: str, months: str) -> str:
    """Visits dated in (EDATE(as_of, −months), as_of]; blank without an as-of date."""
    return f'=IF(NOT(ISNUMBER({as_of})),"",SUMPRODUCT({_window(dates, as_of, "0", months)}))'


def visits_required(tier: str, lang: str) -> str:
    """The tier's visits per quarter from the Model sheet (the tier's label in the book's language); blank
    for a blank or unknown tier."""
    at = f"MATCH({tier},{label('KAM_TIER_LEVELS', lang)},0)"
    return f'=IF(ISNUMBER({at}),INDEX(KAM_SERVICE_VISITS_PER_QUARTER,{at}),"")'


def visits_behind(done: str, required: str) -> str:
    """1 when fewer visits were made than required (a blank count is none), 0 otherwise or nothing required."""
    return f"=IF(ISNUMBER({required}),IF(IF(ISNUMBER({done}),{done},0)<{required},1,0),0)"


def negative(cell: str) -> str:
    """Condition (a conditional format): a number of days below zero — a date typed before the received date."""
    return f"AND(ISNUMBER({cell}),{cell}<0)"
