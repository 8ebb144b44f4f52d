"""Profitability and return: gross profit and margin, the profitability class, cost to serve, ROI, the
tier's discount and its cost — :mod:`kam_xl.core.profitability` (docs/definitions.md §2.14)."""

from __future__ import annotations

from kam_xl.models import Model
from kam_xl.xlformulas.common import any_blank, band, label, numeric

__all__ = [
    "cost_to_serve",
    "discount_cost",
    "discount_rate",
    "gross_margin",
    "gross_profit",
    "margin_of",
    "profitability",
    "resource_roi",
]


def _refused(*refs: str) -> str:
    """Condition: an input is blank, not a number, or below 0 (the core refuses it): the cell shows blank."""
    below = ",".join(f"0+{r}<0" for r in refs)
    return f"OR({any_blank(*refs)},NOT({numeric(*refs)}),IF({numeric(*refs)},OR({below}),TRUE))"


def gross_profit(sales: str, cost: str) -> str:
    """Sales − cost; blank while either is blank, not a number or below 0."""
    return f'=IF({_refused(sales, cost)},"",{sales}-{cost})'


def gross_margin(sales: str, cost: str) -> str:
    """(sales − cost) / sales; blank with no sales (blank or 0) and while the cost is blank."""
    return f'=IF({_refused(sales, cost)},"",IF(0+{sales}=0,"",({sales}-{cost})/{sales}))'


def margin_of(profit: str, sales: str) -> str:
    """Gross profit / sales; blank while either is blank or not a number, or with no sales."""
    return f'=IF(OR({any_blank(profit, sales)},NOT({numeric(profit, sales)})),"",IF(0+{sales}<=0,"",{profit}/{sales}))'


def profitability(margin: str, lang: str) -> str:
    """The profitability class of a gross margin: the first of the model's bands it reaches."""
    names = label("KAM_PROFITABILITY_LEVELS", lang)
    return (
        f'=IF(OR({any_blank(margin)},NOT({numeric(margin)})),"",{band(margin, "KAM_PROFITABILITY_LEVELS_MIN", names)})'
    )


def cost_to_serve(*budgets: str) -> str:
    """The sum of the plan's resource and action budgets (blank cells add nothing)."""
    return f"=SUM({','.join(budgets)})"


def resource_roi(profit: str, cost: str) -> str:
    """(gross profit − cost to serve) / cost to serve; blank while either is blank or nothing is spent."""
    return f'=IF(OR({any_blank(profit, cost)},NOT({numeric(profit, cost)})),"",IF(0+{cost}<=0,"",({profit}-{cost})/{cost}))'


def discount_rate(tier: str, lang: str, model: Model) -> str:
    """The discount rate of the tier shown in ``tier`` (its label in the workbook's language), from the
    Model sheet's discount policy (one rate per tier level, in the tier's order); blank while the tier is
    blank or none of the model's; 0 where the model sets no policy."""
    names = label("KAM_TIER_LEVELS", lang)
    none = f"SUMPRODUCT(({names}={tier})*1)=0"  # not a tier (blank included): ISNA is outside the subset
    if not model.discount:
        return f'=IF({none},"",0)'
    return f'=IF({none},"",INDEX(KAM_DISCOUNT_LEVELS_RATE,MATCH({tier},{names},0)))'


def discount_cost(sales: str, rate: str) -> str:
    """Sales × the tier's discount rate; blank while either is blank."""
    return f'=IF({_refused(sales, rate)},"",{sales}*{rate})'
