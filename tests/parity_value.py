"""Parity cases: value (see tests/parity.py)."""

from __future__ import annotations

import kam_udfs as U
import numpy as np
from parity import MODEL, Builder, Sheet

from kam_xl.core import clv, pyramid
from kam_xl.core import wallet as wallet_core
from kam_xl.indicators import REGISTRY


def case_pairs(s: Sheet, rng: np.random.Generator) -> None:
    xs = [50.0, 49.999, 100.0, 0.0] + [float(x) for x in np.round(rng.uniform(0, 100, 8), 2)]
    ys = [50.0, 50.0, 20.0, 70.0] + [float(x) for x in np.round(rng.uniform(0, 100, 8), 2)]
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        r = s.row + i
        a, b = s.put(1, r, x), s.put(2, r, y)
        s.formula("quadrant", 3, r, REGISTRY["quadrant"].formula(a, b, "en"),
                  str(pyramid.quadrant(x, y, MODEL, "en")), U.KAM_QUADRANT(x, y, "en"))  # fmt: skip
        s.formula("matrix", 4, r, REGISTRY["matrix"].formula(a, b, "zh"),
                  str(pyramid.matrix(x, y, MODEL, "zh")), U.KAM_MATRIX(x, y, "zh"))  # fmt: skip
        w = float(x) / 100 * 50  # wallet share: ours against a total of 50 (≤ 1)
        o, t = s.put(5, r, w), s.put(6, r, 50.0)
        share = s.formula("wallet_share", 7, r, REGISTRY["wallet_share"].formula(o, t),
                          float(wallet_core.share_of_wallet(w, 50.0)), U.KAM_WALLET_SHARE(w, 50.0))  # fmt: skip
        target = y / 100  # against a target: below, on it (x = y = 50: a gap of 0) and above
        g = s.put(8, r, target)
        s.formula("share_gap", 9, r, REGISTRY["share_gap"].formula(share, g),
                  wallet_core.share_gap(wallet_core.share_of_wallet(w, 50.0), target))  # fmt: skip
    s.row += len(xs) + 1
    # a blank target or share: blank; by hand, 30 % against 40 % is 10 points short
    r = s.row
    share, target = s.put(1, r, 0.3), s.put(2, r, None)
    s.formula("share_gap", 3, r, REGISTRY["share_gap"].formula(share, target), "")
    s.formula("share_gap", 4, r, REGISTRY["share_gap"].formula(target, share), "")
    assert abs(wallet_core.share_gap(0.3, 0.4) + 0.1) < 1e-15
    s.row += 2


def case_clv(s: Sheet, rng: np.random.Generator) -> None:
    rows = [(1000.0, 0.8, 0.1, None), (1000.0, 0.8, 0.1, 5.0), (250000.0, 0.9, 0.08, 10.0), (5000.0, 0.0, 0.0, 3.0)]
    rows += [(float(np.round(rng.uniform(1e3, 1e6), 2)), float(np.round(rng.uniform(0, 0.95), 3)),
              float(np.round(rng.uniform(0, 0.2), 3)), rng.choice([None, 1.0, 7.0, 30.0])) for _ in range(6)]  # fmt: skip
    for i, (m, ret, d, t) in enumerate(rows):
        r = s.row + i
        cells = [s.put(1 + k, r, v) for k, v in enumerate((m, ret, d, t))]
        s.formula("clv", 5, r, REGISTRY["clv"].formula(*cells), float(clv.clv(m, ret, d, t, MODEL)),
                  U.KAM_CLV(m, ret, d, t))  # fmt: skip
    s.row += len(rows) + 1


def case_value_edits(s: Sheet, rng: np.random.Generator) -> None:
    """Ordinary edits (issue 7): a number stored as text is read as the core reads it; text that is no number,
    and a value the core refuses, show a blank — never #VALUE! or #DIV/0!."""
    r = s.row
    # by hand: "30" of 50 = 0.6, as the core reads it; "abc", 60 of 50 (above 1), 10 of 0 and −5: blank
    shares = [("30", 50.0, float(wallet_core.share_of_wallet("30", 50.0))), ("abc", 50.0, ""), (60.0, 50.0, ""),
              (10.0, 0.0, ""), (-5.0, 50.0, ""), (10.0, "abc", "")]  # fmt: skip
    assert float(wallet_core.share_of_wallet("30", 50.0)) == 0.6
    for k, (ours, total, want) in enumerate(shares):
        o, t = s.put(1, r + k, ours), s.put(2, r + k, total)
        s.formula("wallet_share", 3, r + k, REGISTRY["wallet_share"].formula(o, t), want)
    # share − target: "0.5" − 0.2 = 0.3 (read); a target of 1.2 or "abc", a share of −0.1: blank
    gaps = [("0.5", 0.2, 0.3), (0.5, 1.2, ""), (0.5, "abc", ""), (-0.1, 0.2, "")]
    for k, (share, target, want) in enumerate(gaps):
        a, b = s.put(4, r + k, share), s.put(5, r + k, target)
        s.formula("share_gap", 6, r + k, REGISTRY["share_gap"].formula(a, b), want)
    # a product line: "25" of a total of 100 = 0.25; "abc" and −5 blank; a total of 0 blank
    lines = [("25", 100.0, 0.25), ("abc", 100.0, ""), (-5.0, 100.0, ""), (5.0, 0.0, "")]
    for k, (line, total, want) in enumerate(lines):
        a, b = s.put(7, r + k, line), s.put(8, r + k, total)
        s.formula("order_share", 9, r + k, REGISTRY["order_share"].formula(a, b), want)
    # CLV: a margin "1000" as text is 1000 / (1 + 0.1 − 0.8) = 3,333.33…; retention 1 (infinite horizon: it
    # diverges), retention −0.1, discount −1, a horizon of 0 or "abc", a margin "abc": blank (the core refuses)
    rows: list[tuple[object, object, object, object, object]] = [
        ("1000", 0.8, 0.1, None, float(clv.clv("1000", 0.8, 0.1, None, MODEL))),
        (1000.0, 1.0, 0.1, None, ""), (1000.0, -0.1, 0.1, 5.0, ""), (1000.0, 0.8, -1.0, 5.0, ""),
        (1000.0, 0.8, 0.1, 0.0, ""), (1000.0, 0.8, 0.1, "abc", ""), ("abc", 0.8, 0.1, None, ""),
    ]  # fmt: skip
    assert abs(float(clv.clv("1000", 0.8, 0.1, None, MODEL)) - 1000 / 0.3) < 1e-9
    for k, (m, ret, d, t, want) in enumerate(rows):
        cells = [s.put(10 + j, r + k, v) for j, v in enumerate((m, ret, d, t))]
        s.formula("clv", 14, r + k, REGISTRY["clv"].formula(*cells), want)
    s.row += len(rows) + 1


BUILDERS: tuple[Builder, ...] = (
    case_pairs,
    case_clv,
    case_value_edits,
)
