"""The monthly business plan and review (月度经营计划 / 每月经营分析会, seed 003): attainment, year-on-year
growth, year to date, below target, wallet headroom, the growth steps' % done. Each rule is defined once in
:mod:`kam_xl.core.monthly`, which cites it back (docs/definitions.md §2.13)."""

from __future__ import annotations

from kam_xl.core.monthly import BELOW_TARGET, HEADROOM_ERROR
from kam_xl.xlformulas.common import YES_NO, any_blank, numeric, text

__all__ = ["attainment", "below_target", "growth", "headroom", "running_total", "steps_done"]


def attainment(actual: str, target: str) -> str:
    """Actual / target; blank while either is blank or no number, and where the target is not above 0 (no
    target: never a division by zero; a negative one the core refuses)."""
    return (
        f'=IF(OR({any_blank(actual, target)},NOT({numeric(actual, target)})),"",IF(0+{target}<=0,"",{actual}/{target}))'
    )


def growth(actual: str, last_year: str) -> str:
    """(Actual − last year's) / last year's; blank while either is blank or no number, or last year's is ≤ 0."""
    return (
        f'=IF(OR({any_blank(actual, last_year)},NOT({numeric(actual, last_year)})),"",'
        f'IF(0+{last_year}<=0,"",({actual}-{last_year})/{last_year}))'
    )


def running_total(first: str, this: str) -> str:
    """The year to date of a month column: the sum from January's cell (``first``, anchored) to this month's."""
    return f"=SUM({first}:{this})"


def below_target(rate: str, lang: str) -> str:
    """The below-target label where an attainment (a number) is under 100 %; blank otherwise."""
    return f'=IF(NOT(ISNUMBER({rate})),"",IF({rate}<1,{text(BELOW_TARGET.text(lang))},""))'


def headroom(total_spend: str, our_sales: str, lang: str) -> str:
    """Total spend − our sales; blank while either is blank or no number; the input-error text where our sales
    exceed the total spend."""
    return (
        f'=IF(OR({any_blank(total_spend, our_sales)},NOT({numeric(total_spend, our_sales)})),"",'
        f"IF(0+{total_spend}<0+{our_sales},{text(HEADROOM_ERROR.text(lang))},{total_spend}-{our_sales}))"
    )


def steps_done(marks: str, lang: str) -> str:
    """Steps marked 是 (Yes) / the steps listed."""
    yes = YES_NO["zh" if lang == "zh" else "en"][0]
    return f"=COUNTIF({marks},{text(yes)})/ROWS({marks})"
