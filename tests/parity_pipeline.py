"""Parity cases: pipeline (see tests/parity.py)."""

from __future__ import annotations

import kam_udfs as U
import numpy as np
from parity import MODEL, Builder, Sheet, col2d

from kam_xl.core import pipeline
from kam_xl.indicators import REGISTRY
from kam_xl.xlformulas.pipeline import stage_probability


def case_pipeline(s: Sheet, rng: np.random.Generator) -> None:
    stages = MODEL.pipeline.stages
    size, block = 7, 10
    names = [str(rng.choice([x.en for x in stages])) for _ in range(size)]
    ev = [float(x) for x in np.round(rng.uniform(1e4, 5e6, size), -2)]
    pad = [None] * (block - size)
    _, evref = s.column(1, names + pad), s.column(2, ev + pad)
    top = s.row
    probs = pipeline.stage_probability(names, MODEL)
    for k in range(block):
        s.helper(f"C{top + k}", stage_probability(f"A{top + k}", "en"),
                       float(probs[k]) if k < size else "")  # fmt: skip
    s.formula("pipeline", 4, top, REGISTRY["pipeline"].formula(evref, f"$C${top}:$C${top + block - 1}"),
              pipeline.weighted_pipeline(ev, names, MODEL), U.KAM_PIPELINE(col2d(ev + pad), col2d(names + pad)))  # fmt: skip
    s.row += block + 1


BUILDERS: tuple[Builder, ...] = (case_pipeline,)
