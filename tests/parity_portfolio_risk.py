"""Parity cases: the portfolio's overdue amount, risk reasons, value rank and Pareto tie-break (see tests/parity.py)."""

from __future__ import annotations

import numpy as np
from parity import MODEL, Builder, Sheet

from kam_xl.core import account_risk
from kam_xl.indicators import REGISTRY


def case_overdue_amount(s: Sheet, rng: np.random.Generator) -> None:
    rows = [(1_200_000.0, 0.25), (0.0, 0.5), (800_000.0, None), (None, 0.1), (5_000.0, 1.0)]
    rows += [(float(np.round(rng.uniform(0, 3e6), 2)), float(np.round(rng.uniform(0, 1), 3))) for _ in range(5)]
    for i, (owed, ratio) in enumerate(rows):
        r = s.row + i
        a, b = s.put(1, r, owed), s.put(2, r, ratio)
        core = account_risk.overdue_amount(np.nan if owed is None else owed, np.nan if ratio is None else ratio)
        s.formula("portfolio_overdue", 3, r, REGISTRY["portfolio_overdue"].formula(a, b), core)
    s.row += len(rows) + 1


def case_risk(s: Sheet, rng: np.random.Generator) -> None:
    levels = [x.text("zh") for x in MODEL.barrier.levels] + [""]
    ratings = [x.text("zh") for x in MODEL.receivables.ratings] + [""]
    stances = [x.text("zh") for x in MODEL.buying_centre.stances] + ["", "不认识"]
    rows = [("弱", "D（风险）", "反对", 0.3, 0.2), ("强", "A（优）", "支持", 0.1, 0.2), ("", "", "", None, 0.2),
            ("中", "D（风险）", "中立", 0.2, 0.2), ("弱", "", "", 0.3, None)]  # fmt: skip
    rows += [(str(rng.choice(levels)), str(rng.choice(ratings)), str(rng.choice(stances)),
              float(np.round(rng.uniform(0, 0.5), 2)), float(np.round(rng.uniform(0, 0.5), 2))) for _ in range(10)]  # fmt: skip
    for lang in ("zh", "en"):
        for i, (lev, rat, sta, now, before) in enumerate(rows):
            r = s.row + i
            if lang == "en":  # the same labels in English
                lev = next((x.en for x in MODEL.barrier.levels if x.zh == lev), lev)
                rat = next((x.en for x in MODEL.receivables.ratings if x.zh == rat), rat)
                sta = next((x.en for x in MODEL.buying_centre.stances if x.zh == sta), sta)
            cells = [s.put(1 + k, r, v or None) for k, v in enumerate((lev, rat, sta, now, before))]
            core = account_risk.risk_reasons(lev, rat, sta, np.nan if now is None else now,
                                             np.nan if before is None else before, MODEL, lang)  # fmt: skip
            s.formula("risk", 6, r, REGISTRY["risk"].formula(*cells, lang), str(core[0]))
        s.row += len(rows) + 1


def case_value_rank_and_pareto(s: Sheet, rng: np.random.Generator) -> None:
    values = [5.0, 9.0, 5.0, None, 7.0, 9.0, 1.0] + [float(x) for x in rng.integers(1, 6, 8)]  # ties
    top, n = s.row, len(values)
    column = s.column(1, values)
    names = s.column(2, [f"客户{i}" for i in range(n)])
    ranks = account_risk.value_ranks(np.array([np.nan if v is None else v for v in values]))
    for i in range(n):
        r = top + i
        s.formula("value_rank", 3, r, REGISTRY["value_rank"].formula(f"A{r}", column, f"$A${top}:A{r}"), ranks[i])
    rank_col = f"$C${top}:$C${top + n - 1}"
    positions = account_risk.pareto_positions(np.array([np.nan if v is None else v for v in values]))
    who = account_risk.pareto_names(positions, [f"客户{i}" for i in range(n)])
    for k in range(1, n + 1):
        r = top + k - 1
        s.put(4, r, k)
        pos = positions[k - 1] if k <= positions.size else ""
        s.formula("pareto_position", 5, r, REGISTRY["pareto_position"].formula(f"D{r}", rank_col), pos)
        s.formula("pareto_name", 6, r, REGISTRY["pareto_name"].formula(f"E{r}", names),
                  who[k - 1] if k <= positions.size else "")  # fmt: skip
    s.row += n + 1


BUILDERS: tuple[Builder, ...] = (case_overdue_amount, case_risk, case_value_rank_and_pareto)
