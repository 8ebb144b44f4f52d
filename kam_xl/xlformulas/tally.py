"""Counts and totals beside a table (:mod:`kam_xl.core.tally`): by label, or of a whole column."""

from __future__ import annotations

__all__ = ["count_filled", "count_of", "count_of_both", "total", "total_of", "total_of_both"]


def count_of(labels: str, label: str) -> str:
    """Rows whose label equals ``label`` (a cell or a quoted literal): an exact, case-insensitive match;
    blank while the label is."""
    return f'=IF({label}="","",SUMPRODUCT(({labels}={label})*1))'


def total_of(labels: str, label: str, amounts: str) -> str:
    """The amounts of the rows whose label equals ``label``; blank and text amounts add nothing."""
    return f'=IF({label}="","",SUMPRODUCT(({labels}={label})*ISNUMBER({amounts}),{amounts}))'


def count_of_both(labels: str, label: str, labels2: str, label2: str) -> str:
    """Rows with ``label`` in ``labels`` and ``label2`` in ``labels2`` (:func:`kam_xl.core.tally.count_of_both`);
    blank while either label is."""
    return f'=IF(OR({label}="",{label2}=""),"",SUMPRODUCT(({labels}={label})*({labels2}={label2})))'


def total_of_both(labels: str, label: str, labels2: str, label2: str, amounts: str) -> str:
    """The amounts of the rows :func:`count_of_both` counts; blank and text amounts add nothing."""
    return (
        f'=IF(OR({label}="",{label2}=""),"",'
        f"SUMPRODUCT(({labels}={label})*({labels2}={label2})*ISNUMBER({amounts}),{amounts}))"
    )


def total(amounts: str) -> str:
    return f"=SUM({amounts})"


def count_filled(values: str) -> str:
    return f"=COUNTA({values})"
