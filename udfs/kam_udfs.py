"""kam_xl worksheet functions — the module Excel imports (``UDF Modules = kam_udfs``).

Thin wrappers only: each reads Excel's values through :mod:`kam_xl.xl`, calls
the one core definition named in :mod:`kam_xl.indicators`, and returns Excel's
shape (a column in → a column out). Every function takes whole ranges, so one
call scores a portfolio, and answers row by row (:mod:`kam_xl.xl.rows`): a row
with an Excel error gets that error, a refused row its own one line
``#KAM! field @ place: 中文 / English``, the other rows their values.

Every function takes a last, optional ``model`` argument: the workbook's
``Model`` sheet range (``Model!$A:$B``), read once per distinct content, so
``KAM_*`` results and the workbook's native formulas score with the same
weights; omitted, ``$KAM_XL_MODEL`` or the built-in model.

Works in classic xlwings (Windows) and in xlwings Lite, which share ``func``
and ``arg(name, ndim=..., err_to_str=..., doc=...)``; ``category`` and
``call_in_wizard`` are read by classic only, ``cache`` by Lite only. In
xlwings Lite an empty cell arrives as 0, not blank. Parameters carry no type
annotations on purpose: xlwings reads an annotation as a converter
(``object`` means an object handle in Lite). The docstrings come from the
registry, set by ``@_udf``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from xlwings import arg, func

from kam_xl.cells import to_float_array
from kam_xl.core import (
    barriers,
    buying_centre,
    clv,
    pareto,
    pipeline,
    pyramid,
    receivables,
    satisfaction,
    selection,
    wallet,
)
from kam_xl.core import scorecard as scoring  # `scorecard` is an argument name
from kam_xl.indicators import arg_doc, by_udf
from kam_xl.indicators.selection import marks_at
from kam_xl.xl import boundary as xb
from kam_xl.xl.boundary import ExcelResult
from kam_xl.xl.criteria_header import criteria_arg
from kam_xl.xl.memo import remember_single_cells
from kam_xl.xl.model_arg import MODEL_ARG_DOC, model_arg
from kam_xl.xl.rows import elementwise, per_record
from kam_xl.xl.table import score_table

__all__ = [
    "KAM_ABC",
    "KAM_AGING",
    "KAM_BARRIER",
    "KAM_BARRIER_LEVEL",
    "KAM_CLV",
    "KAM_COVERAGE",
    "KAM_CREDIT_RATING",
    "KAM_CSI",
    "KAM_DEPTH",
    "KAM_DSO",
    "KAM_MATRIX",
    "KAM_PIPELINE",
    "KAM_PORTFOLIO",
    "KAM_PYRAMID",
    "KAM_QUADRANT",
    "KAM_RISKS",
    "KAM_SAT_GAP",
    "KAM_SAT_LEVEL",
    "KAM_SCORE",
    "KAM_SCORE_RAW",
    "KAM_SELECTED",
    "KAM_SUPPORT",
    "KAM_SWITCHING",
    "KAM_TIER",
    "KAM_WALL",
    "KAM_WALLET_SHARE",
    "KAM_WALL_RATIO",
]

CATEGORY = "KAM 大客户"  # the function wizard's category (classic xlwings)
DEFAULT_DAYS = 365.0
TIER_SCALE = 100.0  # KAM_TIER reads 0–100 scores: a share (85%) there is flagged


def _udf(fn: Callable[..., ExcelResult]) -> Callable[..., ExcelResult]:
    """Docstring from the registry, errors → one line, single-cell answers remembered (innermost)."""
    fn.__doc__ = by_udf(fn.__name__).doc()
    return remember_single_cells(xb.excel_function(fn, per_row=True))


def _table_udf(fn: Callable[..., ExcelResult]) -> Callable[..., ExcelResult]:
    fn.__doc__ = by_udf(fn.__name__).doc()
    return remember_single_cells(xb.excel_function(fn))


_FUNC: dict[str, Any] = {"category": CATEGORY, "cache": True}  # classic reads category, Lite cache (results are pure)
_TABLE: dict[str, Any] = {**_FUNC, "call_in_wizard": False}  # a whole range per call: not while the wizard is open
_MODEL: dict[str, Any] = {"ndim": 2, "err_to_str": True, "doc": MODEL_ARG_DOC}


# ---------------------------------------------------------------- scorecard (docs/definitions.md §2.1–2.2)


@func(**_TABLE)
@arg("scores", ndim=2, err_to_str=True, doc=arg_doc("KAM_SCORE_RAW", "scores"))
@arg("scorecard", ndim=2, err_to_str=True, doc=arg_doc("KAM_SCORE_RAW", "scorecard"))
@arg("stated_total", ndim=2, err_to_str=True, doc=arg_doc("KAM_SCORE_RAW", "stated_total"))
@arg("model", **_MODEL)
@_udf
def KAM_SCORE_RAW(scores, scorecard=None, stated_total=None, model=None):
    m = model_arg(model)
    card, order = criteria_arg(scorecard, m)
    if stated_total is None:
        return per_record(
            lambda a: scoring.score_raw(_ordered(a, order), card, m),
            "scores",
            scores,
            points=card.scale,
            points_min=card.scale_min,
        )
    arr, orient = xb.records(scores)
    # one account: one stated cell; a block of accounts: a range with one total per account (blank = none),
    # whose disagreeing cells the core names in the range's own shape ("row 2" of a column)
    stated = xb.scalar(stated_total, "stated_total") if arr.ndim == 1 else xb.cells(stated_total)
    return xb.to_excel(scoring.check_stated_total(_ordered(arr, order), stated, card, m), orient)


@func(**_TABLE)
@arg("scores", ndim=2, err_to_str=True, doc=arg_doc("KAM_SCORE", "scores"))
@arg("scorecard", ndim=2, err_to_str=True, doc=arg_doc("KAM_SCORE", "scorecard"))
@arg("model", **_MODEL)
@_udf
def KAM_SCORE(scores, scorecard=None, model=None):
    m = model_arg(model)
    card, order = criteria_arg(scorecard, m)
    return per_record(
        lambda a: scoring.score(_ordered(a, order), card, m),
        "scores",
        scores,
        points=card.scale,
        points_min=card.scale_min,
    )


def _ordered(records: np.ndarray, order: np.ndarray | None) -> np.ndarray:
    """Criteria in the scorecard's order when a header gave the columns' order."""
    return records if order is None else records[..., order]


@func(**_FUNC)
@arg("score", ndim=2, err_to_str=True, doc=arg_doc("KAM_TIER", "score"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_TIER", "lang"))
@arg("model", **_MODEL)
@_udf
def KAM_TIER(score, lang=None, model=None):
    m = model_arg(model)
    language = xb.lang_arg(lang, m)
    return elementwise(lambda s: scoring.tier(s, m, language), ["score"], [score], points={"score": TIER_SCALE})


@func(**_FUNC)
@arg("total", ndim=2, err_to_str=True, doc=arg_doc("KAM_SELECTED", "total"))
@arg("totals", ndim=2, err_to_str=True, doc=arg_doc("KAM_SELECTED", "totals"))
@arg("scorecard", ndim=2, err_to_str=True, doc=arg_doc("KAM_SELECTED", "scorecard"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_SELECTED", "lang"))
@arg("model", **_MODEL)
@_udf
def KAM_SELECTED(total, totals, scorecard=None, lang=None, model=None):
    m = model_arg(model)
    language = xb.lang_arg(lang, m)
    card, _ = criteria_arg(scorecard, m)
    cut = selection.selection_cut(to_float_array(xb.vector(totals), "totals"), card, m)
    return elementwise(lambda t: marks_at(t, cut, language, m), ["total"], [total])


# ---------------------------------------------------------------- ABC, pyramid, quadrant, matrix (docs/definitions.md §2.3–2.4)


@func(**_TABLE)
@arg("value", ndim=2, err_to_str=True, doc=arg_doc("KAM_ABC", "value"))
@arg("values", ndim=1, err_to_str=True, doc=arg_doc("KAM_ABC", "values"))  # a population: flat
@arg("lang", err_to_str=True, doc=arg_doc("KAM_ABC", "lang"))
@arg("model", **_MODEL)
@_udf
def KAM_ABC(value, values=None, lang=None, model=None):
    m = model_arg(model)
    language = xb.lang_arg(lang, m)
    key = ("abc", m.content_hash, language)  # the population is classified once per content
    out, orient = xb.classify_within(lambda v: pareto.abc(v, m, language), value, values, key)
    return xb.to_excel(out, orient)


@func(**_TABLE)
@arg("value", ndim=2, err_to_str=True, doc=arg_doc("KAM_PYRAMID", "value"))
@arg("values", ndim=1, err_to_str=True, doc=arg_doc("KAM_PYRAMID", "values"))  # a population: flat
@arg("lang", err_to_str=True, doc=arg_doc("KAM_PYRAMID", "lang"))
@arg("model", **_MODEL)
@_udf
def KAM_PYRAMID(value, values=None, lang=None, model=None):
    m = model_arg(model)
    language = xb.lang_arg(lang, m)
    key = ("pyramid", m.content_hash, language)
    out, orient = xb.classify_within(lambda v: pyramid.pyramid(v, m, language), value, values, key)
    return xb.to_excel(out, orient)


@func(**_FUNC)
@arg("current", ndim=2, err_to_str=True, doc=arg_doc("KAM_QUADRANT", "current"))
@arg("potential", ndim=2, err_to_str=True, doc=arg_doc("KAM_QUADRANT", "potential"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_QUADRANT", "lang"))
@arg("model", **_MODEL)
@_udf
def KAM_QUADRANT(current, potential, lang=None, model=None):
    m = model_arg(model)
    language = xb.lang_arg(lang, m)
    return elementwise(lambda c, p: pyramid.quadrant(c, p, m, language), ["current", "potential"], [current, potential])


@func(**_FUNC)
@arg("attractiveness", ndim=2, err_to_str=True, doc=arg_doc("KAM_MATRIX", "attractiveness"))
@arg("strength", ndim=2, err_to_str=True, doc=arg_doc("KAM_MATRIX", "strength"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_MATRIX", "lang"))
@arg("model", **_MODEL)
@_udf
def KAM_MATRIX(attractiveness, strength, lang=None, model=None):
    m = model_arg(model)
    language = xb.lang_arg(lang, m)
    names = ["attractiveness", "strength"]
    return elementwise(lambda a, s: pyramid.matrix(a, s, m, language), names, [attractiveness, strength])


# ---------------------------------------------------------------- barriers (docs/definitions.md §2.5)


@func(**_FUNC)
@arg("criteria", ndim=2, err_to_str=True, doc=arg_doc("KAM_WALL", "criteria"))
@arg("model", **_MODEL)
@_udf
def KAM_WALL(criteria, model=None):
    m = model_arg(model)
    return per_record(lambda a: barriers.wall(a, m), "criteria", criteria)


@func(**_FUNC)
@arg("criteria", ndim=2, err_to_str=True, doc=arg_doc("KAM_WALL_RATIO", "criteria"))
@arg("model", **_MODEL)
@_udf
def KAM_WALL_RATIO(criteria, model=None):
    m = model_arg(model)
    return per_record(lambda a: barriers.wall_ratio(a, m), "criteria", criteria)


@func(**_FUNC)
@arg("procedural", ndim=2, err_to_str=True, doc=arg_doc("KAM_SWITCHING", "procedural"))
@arg("financial", ndim=2, err_to_str=True, doc=arg_doc("KAM_SWITCHING", "financial"))
@arg("relational", ndim=2, err_to_str=True, doc=arg_doc("KAM_SWITCHING", "relational"))
@arg("model", **_MODEL)
@_udf
def KAM_SWITCHING(procedural, financial, relational, model=None):
    m = model_arg(model)
    names = ["procedural", "financial", "relational"]
    return elementwise(lambda p, f, r: barriers.switching_cost(p, f, r, m), names, [procedural, financial, relational])


@func(**_FUNC)
@arg("wall_ratio", ndim=2, err_to_str=True, doc=arg_doc("KAM_BARRIER", "wall_ratio"))
@arg("technical", ndim=2, err_to_str=True, doc=arg_doc("KAM_BARRIER", "technical"))
@arg("commercial", ndim=2, err_to_str=True, doc=arg_doc("KAM_BARRIER", "commercial"))
@arg("switching", ndim=2, err_to_str=True, doc=arg_doc("KAM_BARRIER", "switching"))
@arg("model", **_MODEL)
@_udf
def KAM_BARRIER(wall_ratio, technical, commercial, switching, model=None):
    m = model_arg(model)
    names = ["wall_ratio", "technical", "commercial", "switching"]
    return elementwise(
        lambda w, t, c, s: barriers.barrier_strength(w, t, c, s, m),
        names,
        [wall_ratio, technical, commercial, switching],
    )


@func(**_FUNC)
@arg("strength", ndim=2, err_to_str=True, doc=arg_doc("KAM_BARRIER_LEVEL", "strength"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_BARRIER_LEVEL", "lang"))
@arg("model", **_MODEL)
@_udf
def KAM_BARRIER_LEVEL(strength, lang=None, model=None):
    m = model_arg(model)
    language = xb.lang_arg(lang, m)
    return elementwise(lambda s: barriers.barrier_level(s, m, language), ["strength"], [strength])


# ---------------------------------------------------------------- lifetime value, wallet (docs/definitions.md §2.6–2.7)


@func(**_FUNC)
@arg("margin", ndim=2, err_to_str=True, doc=arg_doc("KAM_CLV", "margin"))
@arg("retention", ndim=2, err_to_str=True, doc=arg_doc("KAM_CLV", "retention"))
@arg("discount", ndim=2, err_to_str=True, doc=arg_doc("KAM_CLV", "discount"))
@arg("horizon", ndim=2, err_to_str=True, doc=arg_doc("KAM_CLV", "horizon"))
@arg("model", **_MODEL)
@_udf
def KAM_CLV(margin, retention, discount, horizon=None, model=None):
    m = model_arg(model)
    names = ["margin", "retention", "discount", "horizon"]
    # A blank horizon (omitted, or a blank cell) is the model's horizon: infinite by default.
    return elementwise(
        lambda mg, r, d, h: clv.clv(mg, r, d, None if horizon is None else h, m),
        names,
        [margin, retention, discount, horizon],
        optional=["horizon"],
    )


@func(**_FUNC)
@arg("our_sales", ndim=2, err_to_str=True, doc=arg_doc("KAM_WALLET_SHARE", "our_sales"))
@arg("total_spend", ndim=2, err_to_str=True, doc=arg_doc("KAM_WALLET_SHARE", "total_spend"))
@arg("model", **_MODEL)
@_udf
def KAM_WALLET_SHARE(our_sales, total_spend, model=None):
    model_arg(model)  # checked like every function's, though the share needs no model
    return elementwise(wallet.share_of_wallet, ["our_sales", "total_spend"], [our_sales, total_spend])


# ---------------------------------------------------------------- satisfaction (docs/definitions.md §2.8)


@func(**_FUNC)
@arg("perceived", ndim=2, err_to_str=True, doc=arg_doc("KAM_SAT_GAP", "perceived"))
@arg("expected", ndim=2, err_to_str=True, doc=arg_doc("KAM_SAT_GAP", "expected"))
@arg("weights", ndim=2, err_to_str=True, doc=arg_doc("KAM_SAT_GAP", "weights"))
@arg("model", **_MODEL)
@_table_udf
def KAM_SAT_GAP(perceived, expected, weights=None, model=None):
    m = model_arg(model)
    p, orient = xb.records(perceived)
    e, _ = xb.records(expected)
    w = None if weights is None else xb.vector(weights)
    return xb.to_excel(satisfaction.satisfaction_gap(p, e, w, m), orient)


@func(**_FUNC)
@arg("perceived", ndim=2, err_to_str=True, doc=arg_doc("KAM_CSI", "perceived"))
@arg("weights", ndim=2, err_to_str=True, doc=arg_doc("KAM_CSI", "weights"))
@arg("model", **_MODEL)
@_udf
def KAM_CSI(perceived, weights=None, model=None):
    m = model_arg(model)
    w = None if weights is None else xb.vector(weights)
    return per_record(lambda p: satisfaction.csi(p, w, m), "perceived", perceived)


@func(**_FUNC)
@arg("gap", ndim=2, err_to_str=True, doc=arg_doc("KAM_SAT_LEVEL", "gap"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_SAT_LEVEL", "lang"))
@arg("model", **_MODEL)
@_udf
def KAM_SAT_LEVEL(gap, lang=None, model=None):
    m = model_arg(model)
    language = xb.lang_arg(lang, m)
    return elementwise(lambda g: satisfaction.satisfaction_level(g, m, language), ["gap"], [gap])


# ---------------------------------------------------------------- buying centre (docs/definitions.md §2.9)
# One cell per contact; rows left blank at the end of the selection are ignored.


@func(**_FUNC)
@arg("levels", ndim=2, err_to_str=True, doc=arg_doc("KAM_COVERAGE", "levels"))
@arg("relationships", ndim=2, err_to_str=True, doc=arg_doc("KAM_COVERAGE", "relationships"))
@arg("model", **_MODEL)
@_table_udf
def KAM_COVERAGE(levels, relationships, model=None):
    lv, rel = xb.trim_blank_tail(xb.vector(levels), xb.vector(relationships))
    return xb.to_excel(buying_centre.coverage(lv, rel, model_arg(model)))


@func(**_FUNC)
@arg("influence", ndim=2, err_to_str=True, doc=arg_doc("KAM_SUPPORT", "influence"))
@arg("stances", ndim=2, err_to_str=True, doc=arg_doc("KAM_SUPPORT", "stances"))
@arg("model", **_MODEL)
@_table_udf
def KAM_SUPPORT(influence, stances, model=None):
    inf, st = xb.trim_blank_tail(xb.vector(influence), xb.vector(stances))
    return xb.to_excel(buying_centre.support_index(inf, st, model_arg(model)))


@func(**_FUNC)
@arg("influence", ndim=2, err_to_str=True, doc=arg_doc("KAM_DEPTH", "influence"))
@arg("relationships", ndim=2, err_to_str=True, doc=arg_doc("KAM_DEPTH", "relationships"))
@arg("model", **_MODEL)
@_table_udf
def KAM_DEPTH(influence, relationships, model=None):
    inf, rel = xb.trim_blank_tail(xb.vector(influence), xb.vector(relationships))
    return xb.to_excel(buying_centre.depth(inf, rel, model_arg(model)))


@func(**_FUNC)
@arg("levels", ndim=2, err_to_str=True, doc=arg_doc("KAM_RISKS", "levels"))
@arg("roles", ndim=2, err_to_str=True, doc=arg_doc("KAM_RISKS", "roles"))
@arg("stances", ndim=2, err_to_str=True, doc=arg_doc("KAM_RISKS", "stances"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_RISKS", "lang"))
@arg("model", **_MODEL)
@_table_udf
def KAM_RISKS(levels, roles, stances, lang=None, model=None):
    m = model_arg(model)
    language = xb.lang_arg(lang, m)
    lv, rl, st = xb.trim_blank_tail(xb.vector(levels), xb.vector(roles), xb.vector(stances))
    return buying_centre.risk_text(buying_centre.risk_flags(lv, rl, st, m), language)


# ---------------------------------------------------------------- pipeline (docs/definitions.md §2.10)


@func(**_FUNC)
@arg("expected_values", ndim=2, err_to_str=True, doc=arg_doc("KAM_PIPELINE", "expected_values"))
@arg("stages", ndim=2, err_to_str=True, doc=arg_doc("KAM_PIPELINE", "stages"))
@arg("model", **_MODEL)
@_table_udf
def KAM_PIPELINE(expected_values, stages, model=None):
    ev, st = xb.trim_blank_tail(xb.vector(expected_values), xb.vector(stages))
    return xb.to_excel(pipeline.weighted_pipeline(ev, st, model_arg(model)))


# ---------------------------------------------------------------- receivables and credit (docs/definitions.md §2.11)


@func(**_FUNC)
@arg("outstanding", ndim=2, err_to_str=True, doc=arg_doc("KAM_DSO", "outstanding"))
@arg("sales", ndim=2, err_to_str=True, doc=arg_doc("KAM_DSO", "sales"))
@arg("days", ndim=2, err_to_str=True, doc=arg_doc("KAM_DSO", "days"))
@arg("model", **_MODEL)
@_udf
def KAM_DSO(outstanding, sales, days=None, model=None):
    model_arg(model)  # checked like every function's, though DSO needs no model
    names = ["outstanding", "sales", "days"]
    # Sales of 0 with something outstanding: DSO is undefined → a blank cell (rating D).
    return elementwise(
        receivables.dso, names, [outstanding, sales, DEFAULT_DAYS if days is None else days], optional=["days"]
    )


@func(**_FUNC)
@arg("amounts", ndim=2, err_to_str=True, doc=arg_doc("KAM_AGING", "amounts"))
@arg("due_dates", ndim=2, err_to_str=True, doc=arg_doc("KAM_AGING", "due_dates"))
@arg("as_of", err_to_str=True, doc=arg_doc("KAM_AGING", "as_of"))
@arg("model", **_MODEL)
@_table_udf
def KAM_AGING(amounts, due_dates, as_of, model=None):
    m = model_arg(model)
    a, due = xb.trim_blank_tail(xb.vector(amounts), xb.vector(due_dates))
    days_past_due = xb.days_between(due, as_of, "due_dates")  # as_of − due date
    return xb.to_excel(receivables.aging_row(a, days_past_due, m.receivables.aging_edges), "row")


@func(**_FUNC)
@arg("dso", ndim=2, err_to_str=True, doc=arg_doc("KAM_CREDIT_RATING", "dso"))
@arg("overdue_ratio", ndim=2, err_to_str=True, doc=arg_doc("KAM_CREDIT_RATING", "overdue_ratio"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_CREDIT_RATING", "lang"))
@arg("model", **_MODEL)
@_udf
def KAM_CREDIT_RATING(dso, overdue_ratio, lang=None, model=None):
    m = model_arg(model)
    language = xb.lang_arg(lang, m)
    return elementwise(
        lambda d, r: np.asarray(receivables.credit_rating(d, r, m, language), dtype=object),
        ["dso", "overdue_ratio"],
        [dso, overdue_ratio],
    )


# ---------------------------------------------------------------- portfolio (docs/definitions.md §2–§3)


@func(**_TABLE)
@arg("table", ndim=2, err_to_str=True, doc=arg_doc("KAM_PORTFOLIO", "table"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_PORTFOLIO", "lang"))
@arg("model", **_MODEL)
@_udf
def KAM_PORTFOLIO(table, lang=None, model=None):
    m = model_arg(model)
    return score_table(table, m, xb.lang_arg(lang, m))
