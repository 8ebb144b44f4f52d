"""Parity cases: profitability and return, the discount policy, single-indicator classification
(see tests/parity.py)."""

from __future__ import annotations

from datetime import date

import numpy as np
from parity import MODEL, Builder, Sheet

from kam_xl.core import classification as C
from kam_xl.core import profitability as P
from kam_xl.indicators import REGISTRY


def case_margin(s: Sheet, rng: np.random.Generator) -> None:
    """Sales and costs with blanks, zero sales, a loss, a margin exactly at a band's minimum (0.30, 0.15);
    the class and the return on a cost to serve beside each."""
    sales: list[object] = [1_200_000.0, 100.0, 0.0, None, 500.0, 1000.0, 200.0, 1000.0]
    cost: list[object] = [840_000.0, 85.0, 10.0, 5.0, None, 1200.0, 198.0, 990.0]
    serve: list[object] = [100_000.0, 0.0, 5.0, 1.0, 3.0, 100.0, None, 20.0]
    sales += [float(x) for x in np.round(rng.uniform(1, 1e6, 4), 2)]
    cost += [float(x) for x in np.round(rng.uniform(0, 1.2, 4) * np.array(sales[-4:], dtype=float), 2)]
    serve += [float(x) for x in np.round(rng.uniform(0, 1e5, 4), 2)]
    top = s.row
    for lang, c0 in (("zh", 1), ("en", 10)):
        for i, (sv, cv, tv) in enumerate(zip(sales, cost, serve, strict=True)):
            r = top + i
            a, b, t = s.put(c0, r, sv), s.put(c0 + 1, r, cv), s.put(c0 + 2, r, tv)
            nan = float("nan")
            sf, cf, tf = (nan if v is None else v for v in (sv, cv, tv))
            gp = s.formula("gross_profit", c0 + 3, r, REGISTRY["gross_profit"].formula(a, b), P.gross_profit(sf, cf))
            gm = s.formula("gross_margin", c0 + 4, r, REGISTRY["gross_margin"].formula(a, b), P.gross_margin(sf, cf))
            margin = P.gross_margin(sf, cf)
            s.formula("margin_of", c0 + 7, r, REGISTRY["margin_of"].formula(gp, a),
                      P.margin_of(P.gross_profit(sf, cf), sf))  # fmt: skip
            s.formula("profitability", c0 + 5, r, REGISTRY["profitability"].formula(gm, lang),
                      P.profitability(margin, MODEL, lang))  # fmt: skip
            s.formula("resource_roi", c0 + 6, r, REGISTRY["resource_roi"].formula(gp, t),
                      P.resource_roi(P.gross_profit(sf, cf), tf))  # fmt: skip
    # by hand: 360,000 / 1,200,000 = 0.30 → 高获利 (at the minimum); 15 / 100 = 0.15 → 中获利; zero sales → blank;
    # (1000 − 1200) / 1000 = −0.2 → 无获利; 2 / 200 = 0.01 → 低获利; 10 / 1000 = 0.01 → 低获利
    assert list(P.profitability([0.30, 0.15, -0.2, 0.01], MODEL, "zh")) == ["高获利", "中获利", "无获利", "低获利"]
    assert np.isnan(P.gross_margin(0.0, 10.0)) and float(P.resource_roi(360_000.0, 100_000.0)) == 2.6
    s.row += len(sales) + 1


def case_discount(s: Sheet, rng: np.random.Generator) -> None:
    """Each tier's discount rate (zh and en labels, a blank) and what it costs on some sales."""
    top = s.row
    for lang, c0 in (("zh", 1), ("en", 5)):
        tiers: list[object] = [t.text(lang) for t in MODEL.tiers] + [None]
        for i, tier in enumerate(tiers):
            r = top + i
            t = s.put(c0, r, tier)
            sales = 1_000.0 * (i + 1)
            v = s.put(c0 + 1, r, sales)
            rate = P.discount_rate(tier, MODEL)
            rc = s.formula("discount_rate", c0 + 2, r, REGISTRY["discount_rate"].formula(t, lang, MODEL), rate)
            s.formula("discount_cost", c0 + 3, r, REGISTRY["discount_cost"].formula(v, rc),
                      P.discount_cost(sales, rate))  # fmt: skip
    # by hand: tier A 8 %, B 5 % (default.toml); 2,000 of B sales × 0.05 = 100
    assert float(P.discount_rate("战略客户", MODEL)) == 0.08 and float(P.discount_cost(2000.0, 0.05)) == 100.0
    s.row += len(MODEL.tiers) + 2


def case_cost_to_serve(s: Sheet, rng: np.random.Generator) -> None:
    actions: list[object] = [30_000.0, None, 20_000.0, 15_000.0]
    resources: list[object] = [35_000.0, None]
    a, b = s.column(1, actions), s.column(2, resources)
    s.formula("cost_to_serve", 3, s.row, REGISTRY["cost_to_serve"].formula(a, b),
              P.cost_to_serve([np.nan if x is None else x for x in actions],
                              [np.nan if x is None else x for x in resources]))  # fmt: skip
    # by hand: 30,000 + 20,000 + 15,000 + 35,000 = 100,000
    assert P.cost_to_serve([30_000.0, np.nan, 20_000.0, 15_000.0], [35_000.0]) == 100_000.0
    s.row += len(actions) + 1


def case_orders(s: Sheet, rng: np.random.Generator) -> None:
    """The transaction indicators over an order list with blank rows and a note typed among the amounts;
    then a list with one order (no cycle) and one with none."""
    dates: list[object] = [date(2024, 1, 10), None, date(2024, 3, 20), date(2024, 2, 9), date(2024, 4, 9), None]
    amounts: list[object] = [120_000.0, None, 250_000.0, 80_000.0, 50_000.0, "待定"]
    returned: list[object] = [None, None, 10_000.0, 5_000.0, None, None]
    for ds, am, rt in ((dates, amounts, returned), (dates[:1], amounts[:1], [None]), ([None], [None], [None])):
        d, a, b = s.column(1, ds), s.column(2, am), s.column(3, rt)
        r = s.row
        s.formula("average_order", 4, r, REGISTRY["average_order"].formula(a), C.average_order(am))
        s.formula("largest_order", 5, r, REGISTRY["largest_order"].formula(a), C.largest_order(am))
        s.formula("returns_rate", 6, r, REGISTRY["returns_rate"].formula(b, a), C.returns_rate(rt, am))
        s.formula("order_cycle_days", 7, r, REGISTRY["order_cycle_days"].formula(d), C.order_cycle_days(ds))
        s.row += len(ds) + 1
    # by hand: 500,000 / 4 = 125,000; max 250,000; 15,000 / 500,000 = 0.03; (Apr 9 − Jan 10) = 90 days / 3 = 30
    assert C.average_order(amounts) == 125_000.0 and C.largest_order(amounts) == 250_000.0
    assert C.returns_rate(returned, amounts) == 0.03 and C.order_cycle_days(dates) == 30.0


def case_classify(s: Sheet, rng: np.random.Generator) -> None:
    """Every indicator of the model: values at, above and below each band's minimum, a blank; the
    categorical ones by their value."""
    top = s.row
    rows = 0
    for lang, c0 in (("zh", 1), ("en", 4)):
        r = top
        for m in MODEL.classification.measures.values():
            if m.levels:
                cuts = [b.min for b in m.levels[:-1]]
                values: list[object] = [*cuts, cuts[-1] - 1e-3, cuts[0] * 2 + 1, None]
            else:
                values = ["华东", "East", None]
            for v in values:
                s.put(c0, r, m.code)
                x = s.put(c0 + 1, r, v)
                core = C.classify(np.nan if v is None else v, m.code, MODEL, lang)
                s.formula("classify", c0 + 2, r, REGISTRY["classify"].formula(x, m.code, lang, MODEL), core)
                r += 1
        rows = r - top
    # by hand: a 0.30 margin reaches 高毛利's 0.30; 0.149 only the last band; a region is its own class
    assert C.classify(0.30, "gross_margin", MODEL, "zh") == "高毛利"
    assert C.classify(0.149, "gross_margin", MODEL, "zh") == "低毛利"
    assert C.classify("华东", "region", MODEL, "zh") == "华东"
    s.row += rows + 1


BUILDERS: tuple[Builder, ...] = (case_margin, case_discount, case_cost_to_serve, case_orders, case_classify)
