"""The portfolio's accounts at risk and the Pareto list's tie-break (:mod:`kam_xl.core.account_risk`)."""

from __future__ import annotations

from kam_xl.core.account_risk import REASONS, SEPARATOR
from kam_xl.xlformulas.common import any_blank, label, numeric, text

__all__ = ["overdue_amount", "pareto_name", "pareto_position", "risk", "value_rank"]


def overdue_amount(outstanding: str, overdue_ratio: str) -> str:
    """Outstanding × overdue ratio; blank while either is blank or text that is no number."""
    return (
        f'=IF(OR({any_blank(outstanding, overdue_ratio)},NOT({numeric(outstanding, overdue_ratio)})),"",'
        f"{outstanding}*{overdue_ratio})"
    )


def _last(names: str) -> str:
    """The last label of a model list (its lowest level, its worst rating)."""
    return f"INDEX({names},COUNTA({names}))"


def risk(barrier_level: str, credit_rating: str, stance: str, overdue_ratio: str, overdue_prev: str, lang: str) -> str:
    """The reasons joined (no TEXTJOIN, which Excel 2016 lacks): each reason that holds shows its text,
    followed by the separator when a later one holds too; "" when none holds."""
    i = 0 if lang == "zh" else 1
    sep = text(SEPARATOR[lang])
    levels, ratings = label("KAM_BARRIER_LEVELS", lang), label("KAM_RECEIVABLES_RATINGS", lang)
    stances = label("KAM_BUYING_CENTRE_STANCES", lang)
    held = (
        f"{barrier_level}={_last(levels)}",
        f"{credit_rating}={_last(ratings)}",
        f"IFERROR(INDEX(KAM_BUYING_CENTRE_STANCES_VALUE,MATCH({stance},{stances},0))<0,FALSE)",
        f"IF(AND(ISNUMBER({overdue_ratio}),ISNUMBER({overdue_prev})),{overdue_ratio}>{overdue_prev},FALSE)",
    )
    shown = (
        f"{text(REASONS['barrier'][i])}&{barrier_level}",
        f"{text(REASONS['credit'][i])}&{credit_rating}",
        f"{text(REASONS['stance'][i])}&{stance}",
        text(REASONS["overdue"][i]),
    )
    parts = []
    for k, (cond, what) in enumerate(zip(held, shown, strict=True)):
        later = held[k + 1 :]
        if later:
            more = later[0] if len(later) == 1 else f"OR({','.join(later)})"
            what = f'{what}&IF({more},{sep},"")'
        parts.append(f'IF({cond},{what},"")')
    return "=" + "&".join(parts)


def value_rank(value: str, values: str, above: str) -> str:
    """The account's place in descending value order, equal values in table order
    (:func:`kam_xl.core.account_risk.value_ranks`): RANK.EQ, plus the equal values above it in the table
    (``above``: the value column from its first row down to this row). Blank while the value is not a
    number: RANK.EQ gives #VALUE! on text, and the ranked range skips text (a number stored as text has no
    place among the others)."""
    return f'=IF(NOT(ISNUMBER({value})),"",_xlfn.RANK.EQ({value},{values},0)+COUNTIF({above},{value})-1)'


def pareto_position(k: str, ranks: str) -> str:
    """Where in the table the account of rank ``k`` sits (:func:`kam_xl.core.account_risk.pareto_positions`);
    blank past the accounts ranked."""
    return f'=IF({k}>COUNT({ranks}),"",MATCH({k},{ranks},0))'


def pareto_name(position: str, names: str) -> str:
    """The account at the Pareto row's position; ``&""`` shows a blank name as blank text, not 0."""
    return f'=IF({any_blank(position)},"",INDEX({names},{position})&"")'
