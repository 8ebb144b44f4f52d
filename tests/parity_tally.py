"""Parity cases: counts and totals beside tables, and the order structure (see tests/parity.py)."""

from __future__ import annotations

import numpy as np
from parity import Builder, Sheet

from kam_xl.core import tally
from kam_xl.core import wallet as wallet_core
from kam_xl.indicators import REGISTRY


def case_tally(s: Sheet, rng: np.random.Generator) -> None:
    # Labels that COUNTIF would misread — a wildcard, an operator — and case: matched as whole text.
    labels: list[object] = ["A*", "AB", "a*", None, "<5", "5", "战略客户", "战略客户", "Key", "key"]
    amounts: list[object] = [10.0, 20.0, 2.5, 7.0, "n/a", 3.0, None, 100.0, 1.0, 0.5]
    lref, aref = s.column(1, labels), s.column(2, amounts)
    top = s.row
    for k, label in enumerate(["A*", "<5", "战略客户", "KEY", "none", None]):  # None: a spare row, blank
        r = top + k
        cell = s.put(3, r, label)
        s.formula("count_of", 4, r, REGISTRY["count_of"].formula(lref, cell), tally.count_of(labels, label))
        s.formula(
            "total_of", 5, r, REGISTRY["total_of"].formula(lref, cell, aref), tally.total_of(labels, label, amounts)
        )
    # by hand: A* → A*, a* = 2 and 10 + 2.5; <5 → 1 and "n/a" adds 0; 战略客户 → 2 and 100; KEY → 2 and 1.5
    assert tally.count_of(labels, "A*") == 2 and tally.total_of(labels, "A*", amounts) == 12.5
    assert tally.total_of(labels, "<5", amounts) == 0.0 and tally.total_of(labels, "KEY", amounts) == 1.5
    s.formula("total", 6, top, REGISTRY["total"].formula(aref), tally.total(amounts))  # 144.0
    s.formula("count_filled", 7, top, REGISTRY["count_filled"].formula(lref), tally.count_filled(labels))  # 9
    assert tally.total(amounts) == 144.0 and tally.count_filled(labels) == 9
    assert np.isnan(tally.count_of(labels, None)) and np.isnan(tally.total_of(labels, "", amounts))
    s.row += len(labels) + 1


def case_tally_both(s: Sheet, rng: np.random.Generator) -> None:
    """The development record's stage table: each stage's open deals (outcome 进行中)."""
    stages: list[object] = ["价值评估", "价值评估", "价值评估", "促成成交", None, "价值评估", "需求明确"]
    outcomes: list[object] = ["进行中", "赢单", "进行中", "进行中", "进行中", None, "丢单"]
    values: list[object] = [1_000_000.0, 2_000_000.0, "待定", 400_000.0, 50.0, 7.0, 300_000.0]
    sref, oref, vref = s.column(1, stages), s.column(2, outcomes), s.column(3, values)
    top = s.row
    for k, (stage, outcome) in enumerate([("价值评估", "进行中"), ("促成成交", "进行中"), ("需求明确", "进行中"),
                                          ("价值评估", "赢单"), (None, "进行中"), ("价值评估", None)]):  # fmt: skip
        r = top + k
        a, b = s.put(4, r, stage), s.put(5, r, outcome)
        s.formula("count_of_both", 6, r, REGISTRY["count_of_both"].formula(sref, a, oref, b),
                  tally.count_of_both(stages, stage, outcomes, outcome))  # fmt: skip
        s.formula("total_of_both", 7, r, REGISTRY["total_of_both"].formula(sref, a, oref, b, vref),
                  tally.total_of_both(stages, stage, outcomes, outcome, values))  # fmt: skip
    # by hand: 价值评估 & 进行中 → rows 1 and 3: 2 deals, 1,000,000 + "待定" (text, 0); the won row and the
    # row without an outcome are left out; 需求明确 is only lost → 0 open; a blank stage or outcome → blank
    assert tally.count_of_both(stages, "价值评估", outcomes, "进行中") == 2
    assert tally.total_of_both(stages, "价值评估", outcomes, "进行中", values) == 1_000_000.0
    assert tally.count_of_both(stages, "需求明确", outcomes, "进行中") == 0
    assert np.isnan(tally.count_of_both(stages, None, outcomes, "进行中"))
    s.row += len(stages) + 1


def case_order_share(s: Sheet, rng: np.random.Generator) -> None:
    for sales in ([300.0, 100.0, None, 600.0], [float(x) for x in np.round(rng.uniform(0, 1e6, 5), 2)]):
        ref = s.column(1, sales)
        top = s.row
        total = s.formula("total", 2, top, REGISTRY["total"].formula(ref), tally.total(sales))
        shares = wallet_core.order_structure([0.0 if v is None else v for v in sales])
        for k, v in enumerate(sales):
            r = top + k
            s.formula(
                "order_share", 3, r, REGISTRY["order_share"].formula(f"A{r}", total), "" if v is None else shares[k]
            )
        s.row += len(sales) + 1


BUILDERS: tuple[Builder, ...] = (case_tally, case_tally_both, case_order_share)
