"""Single-indicator classification: the transaction indicators from the orders and an account's class on
one indicator — :mod:`kam_xl.core.classification` (docs/definitions.md §2.15)."""

from __future__ import annotations

from kam_xl.models import Model
from kam_xl.xlformulas.common import any_blank, band, label, numeric

__all__ = ["average_order", "classify", "largest_order", "order_cycle_days", "returns_rate"]


def average_order(amounts: str) -> str:
    """The mean order amount; blank with none."""
    return f'=IF(COUNT({amounts})=0,"",AVERAGE({amounts}))'


def largest_order(amounts: str) -> str:
    """The largest order amount; blank with none (MAX of no number is 0)."""
    return f'=IF(COUNT({amounts})=0,"",MAX({amounts}))'


def returns_rate(returned: str, amounts: str) -> str:
    """Σ returned / Σ ordered; blank while nothing is ordered."""
    return f'=IF(SUM({amounts})<=0,"",SUM({returned})/SUM({amounts}))'


def order_cycle_days(dates: str) -> str:
    """The mean days between consecutive order dates: (last − first) / (orders − 1); blank below two."""
    return f'=IF(COUNT({dates})<2,"",(MAX({dates})-MIN({dates}))/(COUNT({dates})-1))'


def classify(value: str, indicator: str, lang: str, model: Model) -> str:
    """The class of ``value`` on the model's ``indicator``: its bands (Model-sheet names), or the value
    itself for an indicator without bands; blank while the value is blank (or, banded, not a number)."""
    measure = model.classification.measure(indicator)
    if not measure.levels:
        return f'=IF({any_blank(value)},"",{value}&"")'
    base = f"KAM_CLASSIFICATION_INDICATORS_{measure.code.upper()}_LEVELS"  # the Model sheet's names
    found = band(value, f"{base}_MIN", label(base, lang))
    return f'=IF(OR({any_blank(value)},NOT({numeric(value)})),"",{found})'
