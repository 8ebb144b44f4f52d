"""The one registry of indicators.

Each :class:`~kam_xl.indicators.entry.Indicator` holds what every rendering of
an indicator needs: the core function that defines it, the renderer of its
native Excel formula, its worksheet-function name (if it has one), bilingual
names and argument docs. The worksheet functions (``udfs/kam_udfs.py``) take
their docs from here, the workbook generator renders every figure it computes
through an entry, and the tests iterate this registry to prove the renderings
agree. Entries live in one module per domain (scoring, selection by a scorecard's total, barriers, value,
satisfaction, competitors at the account, relationship, pipeline, the sales funnel, receivables, an account plan's own figures:
plans, and the counts and totals beside tables: tally); ``docs/indicators.md`` is
generated from them. Adding an indicator = its core function, its renderer and
one entry.
"""

from __future__ import annotations

from collections.abc import Iterable

from kam_xl.indicators import (
    barriers,
    classification,
    competition,
    dashboard,
    funnel,
    monthly,
    pipeline,
    plans,
    portfolio_risk,
    profitability,
    receivables,
    relationship,
    satisfaction,
    scoring,
    selection,
    service,
    tally,
    value,
)
from kam_xl.indicators.entry import Arg, Indicator

__all__ = ["DOMAINS", "REGISTRY", "Arg", "Indicator", "arg_doc", "by_udf", "indicator", "names"]

# domain → its entries, in the order the documentation lists them
DOMAINS: dict[str, tuple[Indicator, ...]] = {
    "scoring": scoring.ENTRIES,
    "selection": selection.ENTRIES,
    "profitability": profitability.ENTRIES,
    "classification": classification.ENTRIES,
    "barriers": barriers.ENTRIES,
    "value": value.ENTRIES,
    "satisfaction": satisfaction.ENTRIES,
    "competition": competition.ENTRIES,
    "relationship": relationship.ENTRIES,
    "pipeline": pipeline.ENTRIES,
    "funnel": funnel.ENTRIES,
    "receivables": receivables.ENTRIES,
    "plans": plans.ENTRIES,
    "monthly": monthly.ENTRIES,
    "tally": tally.ENTRIES,
    "service": service.ENTRIES,
    "portfolio": portfolio_risk.ENTRIES,
    "dashboard": dashboard.ENTRIES,
}
REGISTRY: dict[str, Indicator] = {}
for _entries in DOMAINS.values():
    for _entry in _entries:
        if _entry.key in REGISTRY:  # one key, one indicator: a second domain's entry must not replace the first
            raise ValueError(f"registry key {_entry.key!r} is defined twice")
        REGISTRY[_entry.key] = _entry
_BY_UDF: dict[str, Indicator] = {e.udf: e for e in REGISTRY.values() if e.udf}


def indicator(key: str) -> Indicator:
    return REGISTRY[key]


def by_udf(name: str) -> Indicator:
    return _BY_UDF[name.upper()]


def arg_doc(udf: str, arg: str) -> str:
    """Bilingual doc of one worksheet-function argument (for ``@arg(..., doc=...)``)."""
    for a in by_udf(udf).args:
        if a.name == arg:
            return f"{a.zh} / {a.en}"
    raise KeyError(f"{udf} has no argument {arg!r}")


def names(keys: Iterable[str], lang: str) -> list[str]:
    """The indicators' names in ``lang`` (column headers for output keys)."""
    return [REGISTRY[k].name(lang) for k in keys]
