"""Parity cases: relationship (see tests/parity.py)."""

from __future__ import annotations

import kam_udfs as U
import numpy as np
from parity import MODEL, Builder, Sheet, col2d

from kam_xl.core import buying_centre
from kam_xl.indicators import REGISTRY


def case_contacts(s: Sheet, rng: np.random.Generator) -> None:
    bc = MODEL.buying_centre
    lv, ro, st = ([x.zh for x in labels] for labels in (bc.levels, bc.roles, bc.stances))
    blocks = []
    for size in (1, 3, 6, 9):
        blocks.append((
            [str(rng.choice(lv)) for _ in range(size)],
            [str(rng.choice(ro)) for _ in range(size)],
            [str(rng.choice(st)) for _ in range(size)],
        ))  # fmt: skip
    # by hand: the decision maker opposes (决策者 反对), no coach, two contacts, the decision level reached
    blocks.append((["决策层", "管理层"], ["决策者", "影响者"], ["反对", "支持"]))
    # every flag clear: a coach, the decision maker supports, three contacts with one at the decision level
    blocks.append((["操作层", "决策层", "管理层"], ["教练", "决策者", "使用者"], ["中立", "支持", "反对"]))
    for levels, roles, stances in blocks:
        size = len(levels)
        block = 10  # a fixed block with blank rows after the contacts, as in the account plan
        infl = [float(x) for x in rng.integers(1, 6, size)]
        rel = [float(x) for x in rng.integers(0, 7, size)]
        pad = [None] * (block - size)
        lref, roref, _ = s.column(1, levels + pad), s.column(2, roles + pad), s.column(3, stances + pad)
        iref, relref = s.column(4, infl + pad), s.column(5, rel + pad)
        top = s.row
        values = buying_centre.stance_value(stances, MODEL).tolist()
        for k in range(block):  # each contact's stance value; a blank row shows blank
            s.formula("stance_value", 6, top + k, REGISTRY["stance_value"].formula(f"C{top + k}", "zh"),
                      values[k] if k < size else "")  # fmt: skip
        svref = f"$F${top}:$F${top + block - 1}"
        s.formula("coverage", 7, top, REGISTRY["coverage"].formula(lref, relref, "zh", len(bc.levels)),
                  buying_centre.coverage(levels, rel, MODEL), U.KAM_COVERAGE(col2d(levels + pad), col2d(rel + pad)))  # fmt: skip
        s.formula("support", 8, top, REGISTRY["support"].formula(iref, svref),
                  buying_centre.support_index(infl, stances, MODEL),
                  U.KAM_SUPPORT(col2d(infl + pad), col2d(stances + pad)))  # fmt: skip
        s.formula("depth", 9, top, REGISTRY["depth"].formula(iref, relref), buying_centre.depth(infl, rel, MODEL),
                  U.KAM_DEPTH(col2d(infl + pad), col2d(rel + pad)))  # fmt: skip
        flags = buying_centre.risk_flags(levels, roles, stances, MODEL)
        s.formula("risks", 10, top, REGISTRY["risks"].formula(lref, roref, svref, "zh", MODEL),
                  buying_centre.risk_text(flags, "zh"),
                  U.KAM_RISKS(col2d(levels + pad), col2d(roles + pad), col2d(stances + pad), "zh"))  # fmt: skip
        for k, flag in enumerate(buying_centre.RISK_FLAGS):
            s.formula("risk_flag", 11 + k, top, REGISTRY["risk_flag"].formula(flag.code, lref, roref, svref, "zh", MODEL),
                      REGISTRY["risk_flag"].core(flag.code, levels, roles, stances, "zh", MODEL))  # fmt: skip
        s.row += block + 1
    # the hand-made blocks: every flag on but single_threaded and no_decision_level, then none
    assert buying_centre.risk_flags(*blocks[-2], MODEL) == ["opposing_decision_maker", "no_coach"]
    assert buying_centre.risk_flags(*blocks[-1], MODEL) == []
    # each flag's cell says 是/否 (Yes/No), never TRUE/FALSE
    mark = REGISTRY["risk_flag"].core
    assert [mark(f.code, *blocks[-2], "zh", MODEL) for f in buying_centre.RISK_FLAGS] == ["是", "是", "否", "否"]
    assert mark("no_coach", *blocks[-1], "en", MODEL) == "No"


def case_relationship(s: Sheet, rng: np.random.Generator) -> None:
    # trust + interest + emotion, each 0–2: the ends (0 and 6), a blank part (blank), then random
    rows: list[tuple[float | None, ...]] = [(0.0, 0.0, 0.0), (2.0, 2.0, 2.0), (1.0, None, 2.0), (None, None, None)]
    rows += [tuple(float(x) for x in rng.integers(0, 3, 3)) for _ in range(6)]
    for i, parts in enumerate(rows):
        r = s.row + i
        refs = [s.put(1 + k, r, v) for k, v in enumerate(parts)]
        value = "" if None in parts else buying_centre.relationship(*parts)
        s.formula("relationship", 4, r, REGISTRY["relationship"].formula(*refs), value)
    assert buying_centre.relationship(2, 2, 2) == 6.0 and buying_centre.relationship(1, 0, 2) == 3.0
    s.row += len(rows) + 1


def case_contact_edits(s: Sheet, rng: np.random.Generator) -> None:
    """Ordinary edits (issue 7): a stance typed as a number (0, "0.5") is that value, as in the core; one beyond
    ±1 or none of the labels shows the reason, never #N/A; a relationship part as text is read, "abc" or one
    outside 0–2 gives a blank."""
    r = s.row
    stances = [(0.0, 0.0), ("0.5", 0.5), ("反对", -1.0), (99.0, "超出范围"), ("abc", "不在选项中")]
    assert buying_centre.stance_value([0.0, "0.5", "反对"], MODEL).tolist() == [0.0, 0.5, -1.0]
    for k, (stance, want) in enumerate(stances):
        ref = s.put(1, r + k, stance)
        s.formula("stance_value", 2, r + k, REGISTRY["stance_value"].formula(ref, "zh"), want)
    # by hand: "2" + 1 + 0 = 3 (read); "abc", 3 (above 2) and −1: blank
    parts: list[tuple[object, object, object, object]] = [("2", 1.0, 0.0, 3.0), ("abc", 1.0, 0.0, ""),
                                                          (3.0, 1.0, 0.0, ""), (1.0, -1.0, 0.0, "")]  # fmt: skip
    assert float(buying_centre.relationship("2", 1, 0)) == 3.0
    for k, (a, b, c, want) in enumerate(parts):
        refs = [s.put(3 + j, r + k, v) for j, v in enumerate((a, b, c))]
        s.formula("relationship", 6, r + k, REGISTRY["relationship"].formula(*refs), want)
    s.row += len(stances) + 1


BUILDERS: tuple[Builder, ...] = (case_contacts, case_relationship, case_contact_edits)
