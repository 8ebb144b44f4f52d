"""The portfolio dashboard's own figures (:mod:`kam_xl.indicators.dashboard`): a group's share of the
total and the accounts at risk, largest value first.

Every figure is linear in the number of accounts: one or two SUMPRODUCTs over the list's columns per
cell, whatever the list's length. The at-risk list needs no array entry (Ctrl+Shift+Enter): SUMPRODUCT
evaluates LARGE and SMALL over a condition as arrays in Excel, LibreOffice and ``formulas`` alike.
"""

from __future__ import annotations

from kam_xl.xlformulas.common import any_blank, text

__all__ = ["VALUE_TEXT", "risk_count", "risk_position", "risk_reason", "risk_value", "share_of_total"]

# What the at-risk list shows while a value of the list is typed as text (LARGE over a product would
# give #VALUE!): the reason, on every row, instead of a ranking that leaves that account out.
VALUE_TEXT = {"zh": "价值列有文字，请改为数字", "en": "The value column holds text: type numbers"}


def share_of_total(amount: str, total: str) -> str:
    """``amount`` as a share of ``total``; blank while the amount is blank or the total is not above 0."""
    return f'=IF(OR({any_blank(amount)},N({total})<=0),"",{amount}/{total})'


def _at_risk(values: str, risks: str) -> str:
    """Array expression: 1 on the rows at risk (a reason given) whose value is a number, else 0."""
    return f'({risks}<>"")*ISNUMBER({values})'


def risk_count(risks: str) -> str:
    """How many accounts are at risk (a reason shown; the formula's "" is no reason)."""
    return f'=SUMPRODUCT(({risks}<>"")*1)'


def risk_value(values: str, risks: str, k: str, lang: str) -> str:
    """The ``k``-th largest value among the accounts at risk; blank past their count."""
    flag = _at_risk(values, risks)
    return (
        f"=IF(COUNT({values})<COUNTA({values}),{text(VALUE_TEXT[lang])},"
        f'IF({k}>SUMPRODUCT({flag}),"",SUMPRODUCT(LARGE({flag}*{values},{k}))))'
    )


def risk_position(value: str, values: str, risks: str, k: str) -> str:
    """Where (1-based, in the list) the ``k``-th account at risk sits: among the at-risk rows holding
    ``value``, the j-th in list order, j = k − the at-risk rows holding more — so accounts with equal
    values each take a rank. SMALL over the rows' numbers, the others pushed past any row (10⁹)."""
    hit = f"{_at_risk(values, risks)}*({values}={value})"
    row = f"(ROW({values})-MIN(ROW({values}))+1)"
    above = f"SUMPRODUCT({_at_risk(values, risks)}*({values}>{value}))"
    return f'=IF(ISNUMBER({value}),SUMPRODUCT(SMALL({hit}*{row}+(1-{hit})*1000000000,{k}-{above})),"")'


def risk_reason(position: str, risks: str) -> str:
    """The reason shown on the list at ``position``; blank while the position is."""
    return f'=IF({any_blank(position)},"",INDEX({risks},{position})&"")'
