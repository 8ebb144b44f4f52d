"""Parity cases: pipeline (see tests/parity.py)."""

from __future__ import annotations

import kam_udfs as U
import numpy as np
from parity import MODEL, Builder, Sheet, col2d

from kam_xl.core import pipeline
from kam_xl.indicators import REGISTRY


def case_pipeline(s: Sheet, rng: np.random.Generator) -> None:
    stages = MODEL.pipeline.stages
    for lang in ("en", "zh"):
        size, block = 7, 10
        names: list[object] = [str(rng.choice([x.text(lang) for x in stages])) for _ in range(size)]
        ev: list[object] = [float(x) for x in np.round(rng.uniform(1e4, 5e6, size), -2)]
        if lang == "zh":  # a value with no stage, a stage with no value: blank, adding nothing to the pipeline
            names[5], ev[6] = None, None
        pad = [None] * (block - size)
        _, evref = s.column(1, names + pad), s.column(2, ev + pad)
        top = s.row
        for k in range(block):
            r = top + k
            name, value = (names[k], ev[k]) if k < size else (None, None)
            p = "" if name is None else pipeline.stage_probability([name], MODEL)[0]
            pref = s.formula("stage_probability", 3, r, REGISTRY["stage_probability"].formula(f"A{r}", lang), p)
            w = "" if name is None or value is None else pipeline.weighted_value([value], [name], MODEL)[0]
            s.formula("weighted_value", 5, r, REGISTRY["weighted_value"].formula(f"B{r}", pref), w)
        # a row missing its value or its stage adds nothing — in the core, in KAM_PIPELINE and in the
        # SUMPRODUCT over the sheet's blank cells alike (docs/definitions.md §2.10)
        udf = U.KAM_PIPELINE(col2d(ev + pad), col2d(names + pad))
        s.formula("pipeline", 4, top, REGISTRY["pipeline"].formula(evref, f"$C${top}:$C${top + block - 1}"),
                  pipeline.weighted_pipeline(ev + pad, names + pad, MODEL), udf)  # fmt: skip
        s.row += block + 1
    # by hand: 需求明确 is 25 %, so 100,000 weighs 25,000; closing 90 %
    assert pipeline.weighted_value([100_000.0], ["需求明确"], MODEL)[0] == 25_000.0
    # by hand: 100,000 at 需求明确 (25,000) + a closing stage with no value yet (nothing) + 200,000 with no
    # stage (nothing) = 25,000
    assert pipeline.weighted_pipeline([100_000.0, None, 200_000.0], ["需求明确", "Closing", None], MODEL) == 25_000.0
    assert pipeline.stage_probability(["Closing"], MODEL)[0] == 0.9


def case_win_rate(s: Sheet, rng: np.random.Generator) -> None:
    # by hand: 3 won, 1 lost → 75 %; none decided → blank; 0 of 2 → 0; 5 of 5 → 100 %
    pairs = [(3.0, 1.0), (0.0, 0.0), (0.0, 2.0), (5.0, 0.0)]
    for k, (won, lost) in enumerate(pairs):
        r = s.row + k
        w, lo = s.put(1, r, won), s.put(2, r, lost)
        s.formula("win_rate", 3, r, REGISTRY["win_rate"].formula(w, lo), pipeline.win_rate(won, lost))
    assert [pipeline.win_rate(*p) for p in (pairs[0], pairs[2], pairs[3])] == [0.75, 0.0, 1.0]
    assert np.isnan(pipeline.win_rate(0, 0))
    s.row += len(pairs) + 1


def case_pipeline_edits(s: Sheet, rng: np.random.Generator) -> None:
    """Ordinary edits (issue 7): a stage that is none of the model's shows the reason (never #N/A) and weighs
    nothing; an expected value stored as text ("100000") is read; "abc" or a value below 0 gives a blank."""
    r = s.row
    # by hand: "100000" at 需求明确 (25 %) = 25,000; 0 and "abc" as a stage: the reason, no weighted value
    rows: list[tuple[object, object, object, object]] = [
        ("需求明确", "100000", 0.25, 25_000.0), (0.0, 100_000.0, "不在选项中", ""), ("abc", 100_000.0, "不在选项中", ""),
        ("需求明确", "abc", 0.25, ""), ("需求明确", -5.0, 0.25, ""),
    ]  # fmt: skip
    assert pipeline.weighted_value(["100000"], ["需求明确"], MODEL)[0] == 25_000.0
    for k, (stage, value, p, w) in enumerate(rows):
        a, b = s.put(1, r + k, stage), s.put(2, r + k, value)
        pref = s.formula("stage_probability", 3, r + k, REGISTRY["stage_probability"].formula(a, "zh"), p)
        s.formula("weighted_value", 4, r + k, REGISTRY["weighted_value"].formula(b, pref), w)
    s.row += len(rows) + 1


BUILDERS: tuple[Builder, ...] = (case_pipeline, case_win_rate, case_pipeline_edits)
