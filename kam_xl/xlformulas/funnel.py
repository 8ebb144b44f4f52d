"""The sales funnel (:mod:`kam_xl.core.funnel`): an attempt's funnel stage, reached, conversion, days in a
stage, stage dates out of order — docs/definitions.md §2.10."""

from __future__ import annotations

from kam_xl.core.funnel import DATES_OUT_OF_ORDER, FUNNEL_STAGES
from kam_xl.core.pipeline import OUTCOMES
from kam_xl.xlformulas.common import label, text

__all__ = ["avg_days_in_stage", "dates_out_of_order", "flagged", "funnel_conversion", "funnel_reached", "funnel_stage"]


def funnel_stage(stage: str, outcome: str, lang: str) -> str:
    """已成交客户 when the outcome is won; else the funnel stage of the pipeline stage's position (1st 潜在,
    2nd 可能, 3rd 普通, 4th and later 重点); blank while the stage is blank or none of the model's (the row's
    win probability names that)."""
    won = text(OUTCOMES["won"][0 if lang == "zh" else 1])
    names = [text(s.text(lang)) for s in FUNNEL_STAGES]
    found = f"MATCH({stage},{label('KAM_PIPELINE_STAGES', lang)},0)"
    open_names = ",".join(names[:-1])
    return (
        f'=IF({outcome}={won},{names[-1]},IF({stage}="","",'
        f'IFERROR(CHOOSE(MIN({len(names) - 1},{found}),{open_names}),"")))'
    )


def funnel_reached(at_and_below: str) -> str:
    """What reached a stage: the sum of what is at it and at every stage below it (the range from its row
    down to the funnel's last stage)."""
    return f"=SUM({at_and_below})"


def funnel_conversion(reached: str, previous: str) -> str:
    """Reached this stage ÷ reached the stage above; blank while none reached the stage above."""
    return f'=IF(N({previous})=0,"",{reached}/{previous})'


def avg_days_in_stage(entered: str, left: str, outcomes: str | None = None, outcome: str | None = None) -> str:
    """The average of ``left`` − ``entered`` over the rows with both dates (and, given, the ``outcome``
    cell's outcome); blank while no row counts. The two sums are taken apart: SUMPRODUCT reads a text
    among its arrays as 0, where ``left − entered`` would be #VALUE! for a date typed as text."""
    rows = f"ISNUMBER({entered})*ISNUMBER({left})"
    if outcomes is not None and outcome is not None:
        rows += f"*({outcomes}={outcome})"
    return f'=IF(SUMPRODUCT({rows})=0,"",(SUMPRODUCT({rows},{left})-SUMPRODUCT({rows},{entered}))/SUMPRODUCT({rows}))'


def dates_out_of_order(dates: list[str], lang: str) -> str:
    """The flag where a row's stage date (``dates``, cells left to right in the funnel's order) is earlier
    than one before it; blank otherwise."""
    tests = [f"AND(ISNUMBER({d}),{d}<MAX({','.join(dates[:k])}))" for k, d in enumerate(dates) if k]
    return f'=IF(OR({",".join(tests)}),{text(DATES_OUT_OF_ORDER.text(lang))},"")'


def flagged(cell: str) -> str:
    """Condition (a conditional format): the date check in ``cell`` says something."""
    return f'{cell}<>""'
