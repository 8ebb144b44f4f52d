"""Parity cases: the service log, churn signals and visit cadence (see tests/parity.py)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from parity import MODEL, Builder, Sheet

from kam_xl.core import service
from kam_xl.indicators import REGISTRY

_D = date(2024, 3, 1)


def case_service_log(s: Sheet, rng: np.random.Generator) -> None:
    """A log with every type, a lower-case type, a blank row, records open and closed, a closure typed
    before the received date (negative days): each row's days and status, each type's counts and means."""
    kinds: list[object] = ["投诉", "抱怨", "投诉", "表扬", "危机", None, "建议", "Complaint", "complaint", "危机"]
    n = len(kinds)
    received: list[object] = [_D + timedelta(days=int(x)) for x in rng.integers(0, 90, n)]
    received[5] = None
    first: list[object] = [
        r + timedelta(days=int(x)) if r else None for r, x in zip(received, rng.integers(0, 5, n), strict=True)
    ]
    first[3] = None  # praise: nobody answers
    closed: list[object] = [
        r + timedelta(days=int(x)) if r else None for r, x in zip(received, rng.integers(0, 30, n), strict=True)
    ]
    closed[2] = closed[4] = None  # open
    closed[8] = received[8] - timedelta(days=2)  # typed before received: −2
    kref, rref, fref, cref = s.column(1, kinds), s.column(2, received), s.column(3, first), s.column(4, closed)
    top = s.row
    for i in range(n):
        r = top + i
        s.formula("service_days", 5, r, REGISTRY["service_days"].formula(f"B{r}", f"C{r}"),
                  service.days_between(received[i], first[i]))  # fmt: skip
        s.formula("service_days", 6, r, REGISTRY["service_days"].formula(f"B{r}", f"D{r}"),
                  service.days_between(received[i], closed[i]))  # fmt: skip
        for col, lang in ((7, "zh"), (8, "en")):
            s.formula("service_status", col, r, REGISTRY["service_status"].formula(f"A{r}", f"D{r}", lang),
                      service.service_status(kinds[i], closed[i], lang))  # fmt: skip
    for k, kind in enumerate(["投诉", "危机", "表扬", "complaint", "建议", "none", None]):
        r = top + k
        cell = s.put(9, r, kind)
        s.formula("open_count", 10, r, REGISTRY["open_count"].formula(kref, cell, cref),
                  service.open_count(kinds, kind, closed))  # fmt: skip
        s.formula("avg_days", 11, r, REGISTRY["avg_days"].formula(kref, cell, rref, fref),
                  service.avg_days(kinds, kind, received, first))  # fmt: skip
        s.formula("avg_days", 12, r, REGISTRY["avg_days"].formula(kref, cell, rref, cref),
                  service.avg_days(kinds, kind, received, closed))  # fmt: skip
    # by hand: 危机 rows 5 and 10, row 5 open → 1; the two "complaint" rows (any case) both closed → 0
    assert service.open_count(kinds, "危机", closed) == 1 and service.open_count(kinds, "complaint", closed) == 0
    s.row += n + 1


def case_churn(s: Sheet, rng: np.random.Generator) -> None:
    """Orders on random days around an as-of date at a month's end (EDATE keeps the 30th), amounts with a
    blank and a text; the two windows, the change, each signal and the level; visits in the quarter."""
    as_of = date(2024, 6, 30)
    n = 14
    dates: list[object] = [as_of - timedelta(days=int(x)) for x in rng.integers(-10, 200, n)]
    dates[0], dates[1], dates[2] = date(2024, 3, 30), date(2024, 3, 31), None  # the edge: out, in; a blank
    amounts: list[object] = [float(x) for x in rng.integers(1, 100, n) * 100]
    amounts[3], amounts[4] = None, "待定"
    dref, aref = s.column(1, dates), s.column(2, amounts)
    top = s.row
    day = s.put(3, top, as_of)
    recent = service.orders_in_window(dates, amounts, as_of, 0, 3)
    before = service.orders_in_window(dates, amounts, as_of, 3, 3)
    r1 = s.formula("orders_in_window", 4, top, REGISTRY["orders_in_window"].formula(dref, aref, day, "0", "3"), recent)
    r2 = s.formula("orders_in_window", 4, top + 1,
                   REGISTRY["orders_in_window"].formula(dref, aref, day, "3", "3"), before)  # fmt: skip
    change = service.orders_change(recent, before)
    ch = s.formula("orders_change", 4, top + 2, REGISTRY["orders_change"].formula(r1, r2), change)
    for k, at in enumerate((0.1, 0.3, 0.9)):
        r = top + k
        a = s.put(5, r, at)
        s.formula("churn_signal", 6, r, REGISTRY["churn_signal"].formula(ch, a, True),
                  service.churn_signal(change, at, below=True))  # fmt: skip
        s.formula("churn_signal", 7, r, REGISTRY["churn_signal"].formula(a, "0.3"), service.churn_signal(at, 0.3))
    blank = s.put(5, top + 3, None)
    s.formula("churn_signal", 6, top + 3, REGISTRY["churn_signal"].formula(blank, "0.3"), 0)
    for k, count in enumerate((0, 1, 2, 4)):
        r = top + k
        c = s.put(8, r, count)
        for col, lang in ((9, "zh"), (10, "en")):
            s.formula("risk_level", col, r, REGISTRY["risk_level"].formula(c, "1", "2", lang),
                      service.risk_level(count, 1, 2, lang))  # fmt: skip
    for k, (said, lang) in enumerate((("是", "zh"), ("否", "zh"), (None, "zh"), ("yes", "en"), ("No", "en"))):
        c = s.put(14, top + k, said)
        s.formula("yes_flag", 15, top + k, REGISTRY["yes_flag"].formula(c, lang), service.yes_flag(said, lang))
    visits = service.visits_in_window(dates, as_of, 3)
    v = s.formula("visits_in_window", 11, top, REGISTRY["visits_in_window"].formula(dref, day, "3"), visits)
    for k, required in enumerate((None, 1, visits, visits + 1)):
        r = top + k
        q = s.put(12, r, required)
        s.formula("visits_behind", 13, r, REGISTRY["visits_behind"].formula(v, q),
                  service.visits_behind(visits, np.nan if required is None else required))  # fmt: skip
    s.row += n + 1


def case_visits_required(s: Sheet, rng: np.random.Generator) -> None:
    """Every tier's label in each language, one in other case, a blank and an unknown tier."""
    top = s.row
    for col, lang in ((1, "zh"), (3, "en")):
        tiers: list[object] = [t.text(lang) for t in MODEL.tiers] + ["standard" if lang == "en" else "战略", None]
        for k, tier in enumerate(tiers):
            cell = s.put(col, top + k, tier)
            s.formula("visits_required", col + 1, top + k, REGISTRY["visits_required"].formula(cell, lang),
                      service.visits_required(tier, MODEL))  # fmt: skip
    s.row += len(MODEL.tiers) + 3


BUILDERS: tuple[Builder, ...] = (case_service_log, case_churn, case_visits_required)
