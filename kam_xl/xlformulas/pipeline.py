"""Stage probability, weighted value, the weighted pipeline and the win rate — docs/definitions.md §2.10."""

from __future__ import annotations

from kam_xl.xlformulas.common import NOT_A_CHOICE, any_blank, label, numeric, reason

__all__ = ["pipeline", "stage_probability", "weighted_value", "win_rate"]


def stage_probability(stage: str, lang: str) -> str:
    """The stage's win probability, the stage named in ``lang`` (:func:`kam_xl.core.pipeline.stage_probability`)."""
    names = label("KAM_PIPELINE_STAGES", lang)
    found = f"MATCH({stage},{names},0)"
    # a stage that is none of the model's: the reason (the core refuses it), not #N/A
    return (
        f'=IF({any_blank(stage)},"",IF(ISNUMBER({found}),INDEX(KAM_PIPELINE_STAGES_PROBABILITY,{found}),'
        f"{reason(NOT_A_CHOICE, lang)}))"
    )


def pipeline(expected: str, probabilities: str) -> str:
    """Σ expected value × probability (blank rows count as 0 in SUMPRODUCT)."""
    return f"=SUMPRODUCT({expected},{probabilities})"


def weighted_value(expected: str, probability: str) -> str:
    """Expected value × the stage's probability (:func:`kam_xl.core.pipeline.weighted_value`); blank
    until both are given, and while either is not a number (a stage that is no stage) or the expected value is
    below 0 (the core refuses it)."""
    return (
        f'=IF(OR({any_blank(expected, probability)},NOT({numeric(expected, probability)})),"",'
        f'IF(0+{expected}<0,"",{expected}*{probability}))'
    )


def win_rate(won: str, lost: str) -> str:
    """Won ÷ (won + lost), blank while none is decided (:func:`kam_xl.core.pipeline.win_rate`)."""
    return f'=IF({won}+{lost}=0,"",{won}/({won}+{lost}))'
