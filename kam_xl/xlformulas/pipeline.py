"""Stage probability, weighted value, the weighted pipeline and the win rate — docs/definitions.md §2.10."""

from __future__ import annotations

from kam_xl.xlformulas.common import any_blank, label

__all__ = ["pipeline", "stage_probability", "weighted_value", "win_rate"]


def stage_probability(stage: str, lang: str) -> str:
    """The stage's win probability, the stage named in ``lang`` (:func:`kam_xl.core.pipeline.stage_probability`)."""
    names = label("KAM_PIPELINE_STAGES", lang)
    return f'=IF({any_blank(stage)},"",INDEX(KAM_PIPELINE_STAGES_PROBABILITY,MATCH({stage},{names},0)))'


def pipeline(expected: str, probabilities: str) -> str:
    """Σ expected value × probability (blank rows count as 0 in SUMPRODUCT)."""
    return f"=SUMPRODUCT({expected},{probabilities})"


def weighted_value(expected: str, probability: str) -> str:
    """Expected value × the stage's probability (:func:`kam_xl.core.pipeline.weighted_value`); blank
    until both are given."""
    return f'=IF({any_blank(expected, probability)},"",{expected}*{probability})'


def win_rate(won: str, lost: str) -> str:
    """Won ÷ (won + lost), blank while none is decided (:func:`kam_xl.core.pipeline.win_rate`)."""
    return f'=IF({won}+{lost}=0,"",{won}/({won}+{lost}))'
