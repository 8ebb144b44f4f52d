"""Parity cases: the director's dashboard (看板) — shares of a total and the accounts at risk (see tests/parity.py)."""

from __future__ import annotations

import math

import numpy as np
from parity import Builder
from parity import Sheet as ParitySheet

from kam_xl.indicators import REGISTRY
from kam_xl.indicators import dashboard as core


def case_dashboard(s: ParitySheet, rng: np.random.Generator) -> None:
    """The dashboard's entries on hand-worked cases (tests/parity.py)."""
    R = REGISTRY
    top = s.row
    for k, (amount, total) in enumerate([(2_500_000.0, 10_000_000.0), (None, 10_000_000.0), (5.0, 0.0)]):
        a, t = s.put(1, top + k, amount), s.put(2, top + k, total)
        s.formula("share_of_total", 3, top + k, R["share_of_total"].formula(a, t), core.share_of_total(amount, total))
    # by hand: 2,500,000 / 10,000,000 = 25 %; a blank amount and a total of 0 give blanks
    assert core.share_of_total(2_500_000.0, 10_000_000.0) == 0.25 and math.isnan(core.share_of_total(5.0, 0.0))
    s.row += 4

    # values 500, 900 (not at risk), 500, blank (at risk), 700, 300, 500; the 500s tie
    values: list[object] = [500.0, 900.0, 500.0, None, 700.0, 300.0, 500.0]
    risks: list[object] = ["弱", None, "D", "反对", "上升", "弱", "D"]
    for block, vals in enumerate((values, [*values[:5], "3百", values[6]])):  # then a value typed as text
        vref, rref = s.column(1, vals), s.column(2, risks)
        top = s.row
        if block == 0:
            s.formula("risk_count", 3, top, R["risk_count"].formula(rref), core.risk_count(risks))
            assert core.risk_count(risks) == 6  # every reason given; the blank value's account is at risk too
        for k in range(1, 7):
            r = top + k
            kref = s.put(4, r, k)
            value = core.risk_value(vals, risks, k, "zh")
            position = core.risk_position(vals, risks, k)
            s.formula("risk_value", 5, r, R["risk_value"].formula(vref, rref, kref, "zh"), value)
            s.formula("risk_position", 6, r, R["risk_position"].formula(f"E{r}", vref, rref, kref), position)
            s.formula("risk_reason", 7, r, R["risk_reason"].formula(f"F{r}", rref), core.risk_reason(position, risks))
        s.row += len(values) + 1
    # by hand: at risk with a number: 700 (row 5), 500 (rows 1, 3, 7 in list order), 300 (row 6); the
    # 6th is past their count (5): blank; the blank value (row 4) is not ranked, the 900 is not at risk
    assert [core.risk_position(values, risks, k) for k in range(1, 6)] == [5, 1, 3, 7, 6]
    assert [core.risk_value(values, risks, k) for k in (1, 4, 5)] == [700, 500, 300]
    assert math.isnan(core.risk_position(values, risks, 6)) and core.risk_reason(7.0, risks) == "D"
    assert (
        core.risk_value([*values[:5], "3百", values[6]], risks, 1, "en") == "The value column holds text: type numbers"
    )


BUILDERS: tuple[Builder, ...] = (case_dashboard,)
