"""An account plan's figures: criterion contributions, actions and their roll-ups, resources by tier — docs/definitions.md §2.1,
§2.12. Each renderer's rule is defined once in the core (:mod:`kam_xl.core.plans`,
:func:`kam_xl.core.scorecard.contribution`), which cites it back."""

from __future__ import annotations

from kam_xl.core.plans import OVER_BUDGET, OVERDUE, STATUSES, THIS_ACCOUNT
from kam_xl.xlformulas import tally
from kam_xl.xlformulas.common import any_blank, numeric, text

__all__ = [
    "budget_total",
    "budget_used",
    "contribution",
    "n_actions",
    "n_cancelled",
    "n_done",
    "n_overdue",
    "over_budget",
    "overdue",
    "pct_done",
    "resource_match",
    "spent_total",
    "tier_mark",
]


def _status(code: str, lang: str) -> str:
    return text(next(s for s in STATUSES if s.code == code).text(lang))


def contribution(weight: str, direction: str, score: str) -> str:
    """Weight × direction × score of one criterion; blank while the score is blank, is text that is not a
    number or is below 0 (the core refuses it). A score stored as text ("8") counts as the number."""
    return f'=IF(OR({any_blank(score)},NOT({numeric(score)})),"",IF(0+{score}<0,"",{weight}*{direction}*{score}))'


def overdue(action: str, due: str, status: str, as_of: str, lang: str) -> str:
    """The overdue label when the named action's due date is before the as-of date and it is neither done
    nor cancelled; blank otherwise (and while the action, the due date or the as-of date is blank or not a
    date). A date stored as text is read as the date (``0+``: text would otherwise sort after every date)."""
    done, cancelled = _status("done", lang), _status("cancelled", lang)
    return (
        f'=IF(OR({any_blank(action, due, as_of)},NOT({numeric(due, as_of)})),"",'
        f'IF(AND(0+{due}<0+{as_of},{status}<>{done},{status}<>{cancelled}),{text(OVERDUE.text(lang))},""))'
    )


def over_budget(budget: str, spent: str, lang: str) -> str:
    """The over-budget label where the action has spent more than its budget (:func:`kam_xl.core.plans.over_budget`);
    blank otherwise, and while either is blank or not a typed number — the core's rule: text, even "100", is
    an amount nobody can compare (``plans._number_or_nan``)."""
    return f'=IF(AND(ISNUMBER({budget}),ISNUMBER({spent})),IF({spent}>{budget},{text(OVER_BUDGET.text(lang))},""),"")'


def n_actions(actions: str) -> str:
    """Actions named in the block."""
    return tally.count_filled(actions)


# The statuses and the overdue label are kam_xl's own fixed texts, with no wildcard or operator in them,
# so COUNTIF reads them literally (it is case-insensitive, as the core's look-up is).


def n_done(statuses: str, lang: str) -> str:
    return f"=COUNTIF({statuses},{_status('done', lang)})"


def n_cancelled(statuses: str, lang: str) -> str:
    return f"=COUNTIF({statuses},{_status('cancelled', lang)})"


def n_overdue(flags: str, lang: str) -> str:
    """Overdue actions, counted in a column of :func:`overdue` flags."""
    return f"=COUNTIF({flags},{text(OVERDUE.text(lang))})"


def pct_done(actions: str, done: str, cancelled: str) -> str:
    """Done / (actions − cancelled), from the three count cells; blank while no action is left."""
    return f'=IF({actions}-{cancelled}<=0,"",{done}/({actions}-{cancelled}))'


def budget_total(budget: str) -> str:
    return tally.total(budget)


def spent_total(spent: str) -> str:
    return tally.total(spent)


def budget_used(planned: str, spent: str) -> str:
    """Spent / planned; blank while nothing is planned."""
    return f'=IF({planned}=0,"",{spent}/{planned})'


def tier_mark(row_tier: str, tier: str, lang: str) -> str:
    """This account's mark on a resource row whose tier is the account's; blank while the tier is."""
    return f'=IF({any_blank(tier)},"",IF({row_tier}={tier},{text(THIS_ACCOUNT.text(lang))},""))'


def resource_match(tier: str, row_tiers: str, resources: str) -> str:
    """The resource on the account's tier's row, as text (``&""``: a blank resource shows blank, not 0); blank
    while the tier is blank or is none of the rows' (no #N/A)."""
    found = f"MATCH({tier},{row_tiers},0)"
    return f'=IF({any_blank(tier)},"",IF(ISNUMBER({found}),INDEX({resources},{found})&"",""))'
