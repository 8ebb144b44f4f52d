"""Counts and totals beside a table (:mod:`kam_xl.core.tally`): by label, or of a whole column."""

from __future__ import annotations

__all__ = ["count_filled", "count_of", "total", "total_of"]


def count_of(labels: str, label: str) -> str:
    """Rows whose label equals ``label`` (a cell or a quoted literal): an exact, case-insensitive match;
    blank while the label is."""
    return f'=IF({label}="","",SUMPRODUCT(({labels}={label})*1))'


def total_of(labels: str, label: str, amounts: str) -> str:
    """The amounts of the rows whose label equals ``label``; blank and text amounts add nothing."""
    return f'=IF({label}="","",SUMPRODUCT(({labels}={label})*ISNUMBER({amounts}),{amounts}))'


def total(amounts: str) -> str:
    return f"=SUM({amounts})"


def count_filled(values: str) -> str:
    return f"=COUNTA({values})"
