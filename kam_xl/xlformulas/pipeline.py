"""Stage probability and the weighted pipeline — SPEC §2.10."""

from __future__ import annotations

from kam_xl.xlformulas.common import any_blank, label

__all__ = ["pipeline", "stage_probability"]


def stage_probability(stage: str, lang: str) -> str:
    names = label("KAM_PIPELINE_STAGES", lang)
    return f'=IF({any_blank(stage)},"",INDEX(KAM_PIPELINE_STAGES_PROBABILITY,MATCH({stage},{names},0)))'


def pipeline(expected: str, probabilities: str) -> str:
    """Σ expected value × probability (blank rows count as 0 in SUMPRODUCT)."""
    return f"=SUMPRODUCT({expected},{probabilities})"
