"""kam_xl worksheet functions — the module Excel imports (``UDF Modules = kam_udfs``).

Thin wrappers only: each reads Excel's values through :mod:`kam_xl.xl.boundary`,
calls the one core definition named in :mod:`kam_xl.indicators`, and returns
Excel's shape (a column in → a column out). Every function takes whole ranges,
so one call scores a portfolio. Problems show as one line,
``#KAM! field @ place: 中文 / English``; Excel errors in inputs come back as they are.

Works in classic xlwings (Windows) and in xlwings Lite, which share ``func``,
``arg(name, ndim=..., err_to_str=..., doc=...)``. In xlwings Lite an empty
cell arrives as 0, not blank. Parameters carry no type annotations on purpose:
xlwings reads an annotation as a converter (``object`` means an object handle
in Lite). The docstrings come from the registry, set by ``@_udf``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from xlwings import arg, func

from kam_xl.core import barriers, buying_centre, clv, pareto, pipeline, pyramid, receivables, satisfaction, wallet
from kam_xl.core import scorecard as scoring  # `scorecard` is an argument name
from kam_xl.errors import InputError
from kam_xl.indicators import arg_doc, by_udf, names
from kam_xl.models import active_model
from kam_xl.portfolio import score_portfolio
from kam_xl.xl import boundary as xb
from kam_xl.xl.boundary import ExcelResult

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
    "KAM_SUPPORT",
    "KAM_SWITCHING",
    "KAM_TIER",
    "KAM_WALL",
    "KAM_WALLET_SHARE",
    "KAM_WALL_RATIO",
]

DEFAULT_DAYS = 365.0
ACCOUNT_HEADER = {"zh": "客户", "en": "Account"}


def _udf(fn: Callable[..., ExcelResult]) -> Callable[..., ExcelResult]:
    """Docstring from the registry, then errors → one line (innermost: xlwings reads the doc)."""
    fn.__doc__ = by_udf(fn.__name__).doc()
    return xb.excel_function(fn)


# ---------------------------------------------------------------- scorecard (docs/definitions.md §2.1–2.2)


@func
@arg("scores", ndim=2, err_to_str=True, doc=arg_doc("KAM_SCORE_RAW", "scores"))
@arg("scorecard", err_to_str=True, doc=arg_doc("KAM_SCORE_RAW", "scorecard"))
@arg("stated_total", ndim=2, err_to_str=True, doc=arg_doc("KAM_SCORE_RAW", "stated_total"))
@_udf
def KAM_SCORE_RAW(scores, scorecard=None, stated_total=None):
    model = active_model()
    card = model.scorecard(xb.text_arg(scorecard, "scorecard"))
    arr, orient = xb.records(scores)
    if stated_total is None:
        return xb.to_excel(scoring.score_raw(arr, card, model), orient)
    # one account: one stated cell; a block of accounts: a range with one total per account (blank = none),
    # whose disagreeing cells the core names in the range's own shape ("row 2" of a column)
    stated = xb.scalar(stated_total, "stated_total") if arr.ndim == 1 else xb.cells(stated_total)
    return xb.to_excel(scoring.check_stated_total(arr, stated, card, model), orient)


@func
@arg("scores", ndim=2, err_to_str=True, doc=arg_doc("KAM_SCORE", "scores"))
@arg("scorecard", err_to_str=True, doc=arg_doc("KAM_SCORE", "scorecard"))
@_udf
def KAM_SCORE(scores, scorecard=None):
    model = active_model()
    card = model.scorecard(xb.text_arg(scorecard, "scorecard"))
    arr, orient = xb.records(scores)
    return xb.to_excel(scoring.score(arr, card, model), orient)


@func
@arg("score", ndim=2, err_to_str=True, doc=arg_doc("KAM_TIER", "score"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_TIER", "lang"))
@_udf
def KAM_TIER(score, lang=None):
    model = active_model()
    (s,), orient = xb.align(["score"], [score])
    return xb.to_excel(scoring.tier(s, model, xb.lang_arg(lang, model)), orient)


# ---------------------------------------------------------------- ABC, pyramid, quadrant, matrix (docs/definitions.md §2.3–2.4)


@func
@arg("value", ndim=2, err_to_str=True, doc=arg_doc("KAM_ABC", "value"))
@arg("values", ndim=2, err_to_str=True, doc=arg_doc("KAM_ABC", "values"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_ABC", "lang"))
@_udf
def KAM_ABC(value, values=None, lang=None):
    model = active_model()
    language = xb.lang_arg(lang, model)
    out, orient = xb.classify_within(lambda v: pareto.abc(v, model, language), value, values)
    return xb.to_excel(out, orient)


@func
@arg("value", ndim=2, err_to_str=True, doc=arg_doc("KAM_PYRAMID", "value"))
@arg("values", ndim=2, err_to_str=True, doc=arg_doc("KAM_PYRAMID", "values"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_PYRAMID", "lang"))
@_udf
def KAM_PYRAMID(value, values=None, lang=None):
    model = active_model()
    language = xb.lang_arg(lang, model)
    out, orient = xb.classify_within(lambda v: pyramid.pyramid(v, model, language), value, values)
    return xb.to_excel(out, orient)


@func
@arg("current", ndim=2, err_to_str=True, doc=arg_doc("KAM_QUADRANT", "current"))
@arg("potential", ndim=2, err_to_str=True, doc=arg_doc("KAM_QUADRANT", "potential"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_QUADRANT", "lang"))
@_udf
def KAM_QUADRANT(current, potential, lang=None):
    model = active_model()
    (c, p), orient = xb.align(["current", "potential"], [current, potential])
    return xb.to_excel(pyramid.quadrant(c, p, model, xb.lang_arg(lang, model)), orient)


@func
@arg("attractiveness", ndim=2, err_to_str=True, doc=arg_doc("KAM_MATRIX", "attractiveness"))
@arg("strength", ndim=2, err_to_str=True, doc=arg_doc("KAM_MATRIX", "strength"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_MATRIX", "lang"))
@_udf
def KAM_MATRIX(attractiveness, strength, lang=None):
    model = active_model()
    (a, s), orient = xb.align(["attractiveness", "strength"], [attractiveness, strength])
    return xb.to_excel(pyramid.matrix(a, s, model, xb.lang_arg(lang, model)), orient)


# ---------------------------------------------------------------- barriers (docs/definitions.md §2.5)


@func
@arg("criteria", ndim=2, err_to_str=True, doc=arg_doc("KAM_WALL", "criteria"))
@_udf
def KAM_WALL(criteria):
    arr, orient = xb.records(criteria)
    return xb.to_excel(barriers.wall(arr, active_model()), orient)


@func
@arg("criteria", ndim=2, err_to_str=True, doc=arg_doc("KAM_WALL_RATIO", "criteria"))
@_udf
def KAM_WALL_RATIO(criteria):
    arr, orient = xb.records(criteria)
    return xb.to_excel(barriers.wall_ratio(arr, active_model()), orient)


@func
@arg("procedural", ndim=2, err_to_str=True, doc=arg_doc("KAM_SWITCHING", "procedural"))
@arg("financial", ndim=2, err_to_str=True, doc=arg_doc("KAM_SWITCHING", "financial"))
@arg("relational", ndim=2, err_to_str=True, doc=arg_doc("KAM_SWITCHING", "relational"))
@_udf
def KAM_SWITCHING(procedural, financial, relational):
    names = ["procedural", "financial", "relational"]
    (p, f, r), orient = xb.align(names, [procedural, financial, relational])
    return xb.to_excel(barriers.switching_cost(p, f, r, active_model()), orient)


@func
@arg("wall_ratio", ndim=2, err_to_str=True, doc=arg_doc("KAM_BARRIER", "wall_ratio"))
@arg("technical", ndim=2, err_to_str=True, doc=arg_doc("KAM_BARRIER", "technical"))
@arg("commercial", ndim=2, err_to_str=True, doc=arg_doc("KAM_BARRIER", "commercial"))
@arg("switching", ndim=2, err_to_str=True, doc=arg_doc("KAM_BARRIER", "switching"))
@_udf
def KAM_BARRIER(wall_ratio, technical, commercial, switching):
    names = ["wall_ratio", "technical", "commercial", "switching"]
    (w, t, c, s), orient = xb.align(names, [wall_ratio, technical, commercial, switching])
    return xb.to_excel(barriers.barrier_strength(w, t, c, s, active_model()), orient)


@func
@arg("strength", ndim=2, err_to_str=True, doc=arg_doc("KAM_BARRIER_LEVEL", "strength"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_BARRIER_LEVEL", "lang"))
@_udf
def KAM_BARRIER_LEVEL(strength, lang=None):
    model = active_model()
    (s,), orient = xb.align(["strength"], [strength])
    return xb.to_excel(barriers.barrier_level(s, model, xb.lang_arg(lang, model)), orient)


# ---------------------------------------------------------------- lifetime value, wallet (docs/definitions.md §2.6–2.7)


@func
@arg("margin", ndim=2, err_to_str=True, doc=arg_doc("KAM_CLV", "margin"))
@arg("retention", ndim=2, err_to_str=True, doc=arg_doc("KAM_CLV", "retention"))
@arg("discount", ndim=2, err_to_str=True, doc=arg_doc("KAM_CLV", "discount"))
@arg("horizon", ndim=2, err_to_str=True, doc=arg_doc("KAM_CLV", "horizon"))
@_udf
def KAM_CLV(margin, retention, discount, horizon=None):
    names = ["margin", "retention", "discount", "horizon"]
    # A blank horizon (omitted, or a blank cell) is the model's horizon: infinite by default.
    (m, r, d, h), orient = xb.align(names, [margin, retention, discount, horizon])
    return xb.to_excel(clv.clv(m, r, d, None if horizon is None else h, active_model()), orient)


@func
@arg("our_sales", ndim=2, err_to_str=True, doc=arg_doc("KAM_WALLET_SHARE", "our_sales"))
@arg("total_spend", ndim=2, err_to_str=True, doc=arg_doc("KAM_WALLET_SHARE", "total_spend"))
@_udf
def KAM_WALLET_SHARE(our_sales, total_spend):
    (o, t), orient = xb.align(["our_sales", "total_spend"], [our_sales, total_spend])
    return xb.to_excel(wallet.share_of_wallet(o, t), orient)


# ---------------------------------------------------------------- satisfaction (docs/definitions.md §2.8)


@func
@arg("perceived", ndim=2, err_to_str=True, doc=arg_doc("KAM_SAT_GAP", "perceived"))
@arg("expected", ndim=2, err_to_str=True, doc=arg_doc("KAM_SAT_GAP", "expected"))
@arg("weights", ndim=2, err_to_str=True, doc=arg_doc("KAM_SAT_GAP", "weights"))
@_udf
def KAM_SAT_GAP(perceived, expected, weights=None):
    p, orient = xb.records(perceived)
    e, _ = xb.records(expected)
    w = None if weights is None else xb.vector(weights)
    return xb.to_excel(satisfaction.satisfaction_gap(p, e, w, active_model()), orient)


@func
@arg("perceived", ndim=2, err_to_str=True, doc=arg_doc("KAM_CSI", "perceived"))
@arg("weights", ndim=2, err_to_str=True, doc=arg_doc("KAM_CSI", "weights"))
@_udf
def KAM_CSI(perceived, weights=None):
    p, orient = xb.records(perceived)
    w = None if weights is None else xb.vector(weights)
    return xb.to_excel(satisfaction.csi(p, w, active_model()), orient)


@func
@arg("gap", ndim=2, err_to_str=True, doc=arg_doc("KAM_SAT_LEVEL", "gap"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_SAT_LEVEL", "lang"))
@_udf
def KAM_SAT_LEVEL(gap, lang=None):
    model = active_model()
    (g,), orient = xb.align(["gap"], [gap])
    return xb.to_excel(satisfaction.satisfaction_level(g, model, xb.lang_arg(lang, model)), orient)


# ---------------------------------------------------------------- buying centre (docs/definitions.md §2.9)
# One cell per contact; rows left blank at the end of the selection are ignored.


@func
@arg("levels", ndim=2, err_to_str=True, doc=arg_doc("KAM_COVERAGE", "levels"))
@arg("relationships", ndim=2, err_to_str=True, doc=arg_doc("KAM_COVERAGE", "relationships"))
@_udf
def KAM_COVERAGE(levels, relationships):
    lv, rel = xb.trim_blank_tail(xb.vector(levels), xb.vector(relationships))
    return xb.to_excel(buying_centre.coverage(lv, rel, active_model()))


@func
@arg("influence", ndim=2, err_to_str=True, doc=arg_doc("KAM_SUPPORT", "influence"))
@arg("stances", ndim=2, err_to_str=True, doc=arg_doc("KAM_SUPPORT", "stances"))
@_udf
def KAM_SUPPORT(influence, stances):
    inf, st = xb.trim_blank_tail(xb.vector(influence), xb.vector(stances))
    return xb.to_excel(buying_centre.support_index(inf, st, active_model()))


@func
@arg("influence", ndim=2, err_to_str=True, doc=arg_doc("KAM_DEPTH", "influence"))
@arg("relationships", ndim=2, err_to_str=True, doc=arg_doc("KAM_DEPTH", "relationships"))
@_udf
def KAM_DEPTH(influence, relationships):
    inf, rel = xb.trim_blank_tail(xb.vector(influence), xb.vector(relationships))
    return xb.to_excel(buying_centre.depth(inf, rel, active_model()))


@func
@arg("levels", ndim=2, err_to_str=True, doc=arg_doc("KAM_RISKS", "levels"))
@arg("roles", ndim=2, err_to_str=True, doc=arg_doc("KAM_RISKS", "roles"))
@arg("stances", ndim=2, err_to_str=True, doc=arg_doc("KAM_RISKS", "stances"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_RISKS", "lang"))
@_udf
def KAM_RISKS(levels, roles, stances, lang=None):
    model = active_model()
    language = xb.lang_arg(lang, model)
    lv, rl, st = xb.trim_blank_tail(xb.vector(levels), xb.vector(roles), xb.vector(stances))
    return buying_centre.risk_text(buying_centre.risk_flags(lv, rl, st, model), language)


# ---------------------------------------------------------------- pipeline (docs/definitions.md §2.10)


@func
@arg("expected_values", ndim=2, err_to_str=True, doc=arg_doc("KAM_PIPELINE", "expected_values"))
@arg("stages", ndim=2, err_to_str=True, doc=arg_doc("KAM_PIPELINE", "stages"))
@_udf
def KAM_PIPELINE(expected_values, stages):
    ev, st = xb.trim_blank_tail(xb.vector(expected_values), xb.vector(stages))
    return xb.to_excel(pipeline.weighted_pipeline(ev, st, active_model()))


# ---------------------------------------------------------------- receivables and credit (docs/definitions.md §2.11)


@func
@arg("outstanding", ndim=2, err_to_str=True, doc=arg_doc("KAM_DSO", "outstanding"))
@arg("sales", ndim=2, err_to_str=True, doc=arg_doc("KAM_DSO", "sales"))
@arg("days", ndim=2, err_to_str=True, doc=arg_doc("KAM_DSO", "days"))
@_udf
def KAM_DSO(outstanding, sales, days=None):
    names = ["outstanding", "sales", "days"]
    (o, s, d), orient = xb.align(names, [outstanding, sales, DEFAULT_DAYS if days is None else days])
    # Sales of 0 with something outstanding: DSO is undefined → a blank cell (rating D).
    return xb.to_excel(receivables.dso(o, s, d), orient)


@func
@arg("amounts", ndim=2, err_to_str=True, doc=arg_doc("KAM_AGING", "amounts"))
@arg("due_dates", ndim=2, err_to_str=True, doc=arg_doc("KAM_AGING", "due_dates"))
@arg("as_of", err_to_str=True, doc=arg_doc("KAM_AGING", "as_of"))
@_udf
def KAM_AGING(amounts, due_dates, as_of):
    model = active_model()
    a, due = xb.trim_blank_tail(xb.vector(amounts), xb.vector(due_dates))
    days_past_due = xb.days_between(due, as_of, "due_dates")  # as_of − due date
    return xb.to_excel(receivables.aging_row(a, days_past_due, model.receivables.aging_edges), "row")


@func
@arg("dso", ndim=2, err_to_str=True, doc=arg_doc("KAM_CREDIT_RATING", "dso"))
@arg("overdue_ratio", ndim=2, err_to_str=True, doc=arg_doc("KAM_CREDIT_RATING", "overdue_ratio"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_CREDIT_RATING", "lang"))
@_udf
def KAM_CREDIT_RATING(dso, overdue_ratio, lang=None):
    model = active_model()
    language = xb.lang_arg(lang, model)
    (d, r), orient = xb.align(["dso", "overdue_ratio"], [dso, overdue_ratio])
    return xb.to_excel(np.asarray(receivables.credit_rating(d, r, model, language), dtype=object), orient)


# ---------------------------------------------------------------- portfolio (docs/definitions.md §2–§3)


@func
@arg("table", ndim=2, err_to_str=True, doc=arg_doc("KAM_PORTFOLIO", "table"))
@arg("lang", err_to_str=True, doc=arg_doc("KAM_PORTFOLIO", "lang"))
@_udf
def KAM_PORTFOLIO(table, lang=None):
    model = active_model()
    language = xb.lang_arg(lang, model)
    frame = score_portfolio(xb.table_frame(table), model, language)
    if frame.shape[1] == 0:
        raise InputError(
            "table",
            "表头中没有可计算指标的列（如各评分项、销售额）",
            "no header names an indicator's inputs (such as the criteria or revenue)",
        )
    head = names(frame.columns, language)
    body = xb.excel_rows(frame.to_numpy(dtype=object))
    if frame.index.name == "account":
        head = [ACCOUNT_HEADER[language], *head]
        body = [[name, *row] for name, row in zip(frame.index, body, strict=True)]
    return [head, *body]
