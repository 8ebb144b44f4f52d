"""Parity cases: an account plan's own figures — contributions, actions and roll-ups, resources by tier (see
tests/parity.py)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from parity import MODEL, Builder, Sheet

from kam_xl.core import plans, scorecard
from kam_xl.indicators import REGISTRY

AS_OF = date(2026, 6, 30)


def case_contribution(s: Sheet, rng: np.random.Generator) -> None:
    # by hand: 8 · 1 · 5 = 40; 6 · (−1) · 3 = −18; a score of 0 gives 0 either way; a blank score, blank
    rows: list[tuple[float | None, float, float]] = [(5.0, 8.0, 1.0), (3.0, 6.0, -1.0), (0.0, 10.0, -1.0),
                                                     (None, 8.0, 1.0), (10.0, 0.5, 1.0)]  # fmt: skip
    rows += [(float(rng.integers(0, 11)), float(rng.integers(1, 11)), float(rng.choice([-1, 1]))) for _ in range(5)]
    for i, (score, weight, direction) in enumerate(rows):
        r = s.row + i
        w, d, sc = s.put(1, r, weight), s.put(2, r, direction), s.put(3, r, score)
        value = "" if score is None else scorecard.contribution(score, weight, direction)
        s.formula("contribution", 4, r, REGISTRY["contribution"].formula(w, d, sc), value)
    assert scorecard.contribution(3, 6, -1) == -18.0 and scorecard.contribution(10, 0.5, 1) == 5.0
    s.row += len(rows) + 1


def _actions_block(s: Sheet, actions: list[tuple[object, ...]], as_of: date | None, lang: str) -> None:
    """A block of actions (name, due, status, budget, spent) with blank rows below, each row's overdue flag,
    and every roll-up, as the account plan lays them out."""
    block = len(actions) + 3
    names, due, status, budget, spent = ([a[k] for a in actions] + [None] * 3 for k in range(5))
    top = s.row
    aref, sref = s.column(1, names), s.column(3, status)
    s.column(2, due)  # read row by row
    bref, pref = s.column(4, budget), s.column(5, spent)
    as_of_ref = s.put(6, top, as_of)
    flags = plans.overdue(names, due, status, as_of, lang).tolist()
    for k in range(block):
        r = top + k
        s.formula("overdue", 7, r, REGISTRY["overdue"].formula(f"A{r}", f"B{r}", f"C{r}", as_of_ref, lang), flags[k])
    over = plans.over_budget(budget, spent, lang).tolist()
    for k in range(block):
        r = top + k
        s.formula("over_budget", 16, r, REGISTRY["over_budget"].formula(f"D{r}", f"E{r}", lang), over[k])
    fref = f"$G${top}:$G${top + block - 1}"
    up = plans.rollup(names, due, status, budget, spent, as_of)
    n = s.formula("n_actions", 8, top, REGISTRY["n_actions"].formula(aref), plans.action_count(names))
    done = s.formula("n_done", 9, top, REGISTRY["n_done"].formula(sref, lang), plans.done_count(status))
    cancelled = s.formula("n_cancelled", 10, top, REGISTRY["n_cancelled"].formula(sref, lang),
                          plans.cancelled_count(status))  # fmt: skip
    s.formula("pct_done", 11, top, REGISTRY["pct_done"].formula(n, done, cancelled), up.pct_done)
    s.formula("n_overdue", 12, top, REGISTRY["n_overdue"].formula(fref, lang),
              plans.overdue_count(names, due, status, as_of))  # fmt: skip
    planned = s.formula("budget_total", 13, top, REGISTRY["budget_total"].formula(bref), plans.budget_planned(budget))
    used = s.formula("spent_total", 14, top, REGISTRY["spent_total"].formula(pref), plans.budget_spent(spent))
    s.formula("budget_used", 15, top, REGISTRY["budget_used"].formula(planned, used), up.budget_used)
    s.row += block + 1


def case_actions(s: Sheet, rng: np.random.Generator) -> None:
    day = timedelta(days=1)
    # by hand, as of 6-30: due the day before and in progress → overdue; due on the day → not yet;
    # done or cancelled → never; no due date or no name → not counted; 3 named of 5 rows … see the asserts
    hand: list[tuple[object, ...]] = [
        ("高层互访", AS_OF - day, "进行中", 10_000.0, 9_000.0),
        ("技术交流", AS_OF, "未开始", 20_000.0, None),
        ("寄售试点", AS_OF - 30 * day, "已完成", 5_000.0, 5_500.0),
        ("框架协议", AS_OF - 30 * day, "已取消", None, 0.0),
        ("满意度回访", None, "进行中", 0.0, 1_000.0),
        (None, AS_OF - day, "进行中", 1_000.0, None),  # an unnamed row: no action, not overdue
    ]
    _actions_block(s, hand, AS_OF, "zh")
    names, due, status = ([a[k] for a in hand] for k in range(3))
    assert plans.overdue(names, due, status, AS_OF, "zh").tolist() == ["逾期", "", "", "", "", ""]
    up = plans.rollup(names, due, status, [a[3] for a in hand], [a[4] for a in hand], AS_OF)
    # 5 named, 1 done, 1 cancelled → 1/4; budget 36,000 planned, 15,500 spent
    assert (up.actions, up.done, up.cancelled, up.overdue, up.pct_done) == (5, 1, 1, 1, 0.25)
    assert up.budget_planned == 36_000.0 and up.budget_spent == 15_500.0
    # over budget, by hand: 9,000 ≤ 10,000 no; nothing spent no; 5,500 > 5,000 yes (done, still over);
    # no budget no; 1,000 > a budget of 0 yes; nothing spent no
    over = plans.over_budget([a[3] for a in hand], [a[4] for a in hand], "zh").tolist()
    assert over == ["", "", "超预算", "", "超预算", ""]
    assert plans.over_budget([5.0, "5", True], [6.0, 6.0, 6.0], "en").tolist() == ["Over budget", "", ""]
    # no as-of date: nothing is overdue; every action cancelled and nothing budgeted: % done and budget used blank
    english = {x.zh: x.en for x in plans.STATUSES}  # a workbook's statuses are in its language
    _actions_block(s, [(a[0], a[1], english[str(a[2])], *a[3:]) for a in hand], None, "en")
    _actions_block(s, [("A", AS_OF, "Cancelled", None, 5.0), ("B", None, "cancelled", 0.0, None)], AS_OF, "en")
    statuses = [x.en for x in plans.STATUSES]
    rand = [
        (str(rng.choice(["x", "y", "z"])) if rng.random() > 0.1 else None,
         AS_OF + int(rng.integers(-60, 60)) * day if rng.random() > 0.15 else None,
         str(rng.choice(statuses)) if rng.random() > 0.1 else None,
         float(rng.integers(0, 50)) * 1000.5 if rng.random() > 0.2 else None,
         float(rng.integers(0, 50)) * 733.25 if rng.random() > 0.3 else None)
        for _ in range(12)
    ]  # fmt: skip
    _actions_block(s, rand, AS_OF, "en")


def case_resources(s: Sheet, rng: np.random.Generator) -> None:
    for lang in ("zh", "en"):
        tiers = [t.text(lang) for t in MODEL.tiers]
        column = ["总裁", None, "区域经理", "无"] if lang == "zh" else ["CEO", "Sales director", None, "None"]
        for tier in (tiers[0], tiers[1], tiers[2], None, tiers[3].upper()):  # a blank tier; a tier in capitals
            tref = s.put(1, s.row, tier)
            tiers_ref, res_ref = s.column(2, tiers), s.column(3, column)
            marks = plans.tier_mark(tiers, tier, lang).tolist()
            for k in range(len(tiers)):
                r = s.row + k
                s.formula("tier_mark", 4, r, REGISTRY["tier_mark"].formula(f"B{r}", f"$A${s.row}", lang), marks[k])
            s.formula("resource_match", 5, s.row, REGISTRY["resource_match"].formula(tref, tiers_ref, res_ref),
                      plans.resource_match(tier, tiers, column))  # fmt: skip
            s.row += len(tiers) + 1
    zh = [t.zh for t in MODEL.tiers]
    assert plans.tier_mark(zh, zh[2], "zh").tolist() == ["", "", "◀ 本客户", ""]
    assert plans.resource_match(zh[1], zh, ["总裁", None, "区域经理", "无"]) == ""  # a blank resource shows blank


def case_contribution_edits(s: Sheet, rng: np.random.Generator) -> None:
    """Ordinary edits (issue 7): a score pasted as text counts ("8": 6 × 1 × 8 = 48, as the core reads it);
    "abc" and a score below 0 (the core refuses it) give a blank, never #VALUE!."""
    r = s.row
    rows: list[tuple[object, object]] = [("8", 48.0), ("abc", ""), (-1.0, "")]
    assert float(scorecard.contribution("8", 6, 1)) == 48.0
    for k, (score, want) in enumerate(rows):
        w, d, sc = s.put(1, r + k, 6.0), s.put(2, r + k, 1.0), s.put(3, r + k, score)
        s.formula("contribution", 4, r + k, REGISTRY["contribution"].formula(w, d, sc), want)
    s.row += len(rows) + 1


BUILDERS: tuple[Builder, ...] = (case_contribution, case_actions, case_resources, case_contribution_edits)
