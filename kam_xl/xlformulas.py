"""Native Excel renderings of the indicators (the registry's ``excel`` slot).

Each renderer returns formula text (``"=..."``) for cell references supplied by
the caller; model parameters are referenced by the workbook-scoped names the
``Model`` sheet defines (:func:`kam_xl.workbooks.model_sheet.name_of`), so a
team that tunes a weight in the workbook sees every formula follow.

Rules every renderer keeps, so that the formula agrees with the core:
- Band look-ups compare ``ROUND(x, 9)`` with the thresholds, as
  :func:`kam_xl.core.bands.band_index` does; ABC shares round to 12 places.
- Blank inputs give ``""`` (a blank-looking cell), never an error value: a
  blank template shows blanks, and a row being filled in shows nothing until
  its inputs are complete.
- Only the function subset Excel, LibreOffice 7.4 and ``formulas`` evaluate
  alike (DESIGN §2); newer functions carry their ``_xlfn.`` prefix.

A structural count (how many tiers, criteria, ratings) is fixed when the
workbook is generated; the values behind it stay tunable.
"""

from __future__ import annotations

from kam_xl.core.buying_centre import NO_RISK, RISK_FLAGS, RISK_SEPARATOR
from kam_xl.models import Model

__all__ = [
    "abc",
    "aging_bucket",
    "band",
    "barrier",
    "barrier_level",
    "blank_unless",
    "clv",
    "coverage",
    "credit_rating",
    "csi",
    "depth",
    "dso",
    "label",
    "matrix",
    "overdue_ratio",
    "pipeline",
    "pyramid",
    "quadrant",
    "rel",
    "risk_flag",
    "risks",
    "sat_gap",
    "sat_level",
    "score",
    "score_raw",
    "share_above",
    "stage_probability",
    "stance_value",
    "support",
    "switching",
    "tier",
    "wall",
    "wall_ratio",
    "wallet_share",
    "weight_direction",
]

DECIMALS = 9
SHARE_DECIMALS = 12


def rel(text: str) -> str:
    """A reference as it goes inside a formula (strips a leading '=')."""
    return text[1:] if text.startswith("=") else text


def label(names: str, lang: str) -> str:
    """The label-column name in the workbook's language: ``KAM_TIER_LEVELS`` → ``KAM_TIER_LEVELS_ZH``."""
    return f"{names}_{'ZH' if lang == 'zh' else 'EN'}"


def _blank(*refs: str) -> str:
    """Condition true when any input cell is blank."""
    tests = [f'{r}=""' for r in refs]
    return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"


def blank_unless(formula: str, *refs: str) -> str:
    """``formula`` (a rendering) shown blank while any of ``refs`` is blank.

    For inputs whose blank means "not given yet" where the renderer gives a
    blank its own meaning (a blank DSO rates last) or counts it as 0 (SUMPRODUCT).
    """
    return f'=IF({_blank(*refs)},"",{rel(formula)})'


def band(x: str, mins: str, labels: str) -> str:
    """Expression: label of the first band whose minimum ``x`` reaches (band_index)."""
    return f"INDEX({labels},1+SUMPRODUCT((ROUND({x},{DECIMALS})<{mins})*1))"


# ---------------------------------------------------------------- scorecard and tier (§2.1, §2.2)


def _card(card: str) -> str:
    return f"KAM_SCORECARDS_{card.upper()}"


def _incomplete(scores: str, card: str, model: Model) -> str:
    n = len(model.scorecard(card).criteria)
    return f"COUNT({scores})<{n}" if model.missing == "error" else f"COUNT({scores})=0"


def _weighted(scores: str, card: str, weights: str | None) -> str:
    c = _card(card)
    if weights is None:  # scores in a column, beside the Model sheet's weight column
        return f"SUMPRODUCT({c}_CRITERIA_WEIGHT,{c}_CRITERIA_DIRECTION,{scores})"
    return f"SUMPRODUCT({weights},{scores})"  # scores in a row: a row of weight×direction cells


def score_raw(scores: str, card: str, model: Model, weights: str | None = None) -> str:
    """Σ weight·direction·score; blank while incomplete.

    ``scores`` is a column aligned with the card's criteria, or a row with
    ``weights`` a row of ``weight × direction`` cells above it (a portfolio):
    SUMPRODUCT needs both arrays in the same orientation.
    """
    return f'=IF({_incomplete(scores, card, model)},"",{_weighted(scores, card, weights)})'


def score(scores: str, card: str, model: Model, weights: str | None = None) -> str:
    """Normalised 0–100 score; blank while a score is missing (or while all are, with missing = "zero")."""
    c = _card(card)
    raw = _weighted(scores, card, weights)
    return f'=IF({_incomplete(scores, card, model)},"",100*({raw}-{c}_RAW_MIN)/({c}_RAW_MAX-{c}_RAW_MIN))'


def weight_direction(card: str, k: int) -> str:
    """Criterion ``k``'s (1-based) weight × direction, for a portfolio's weight row."""
    c = _card(card)
    return f"=INDEX({c}_CRITERIA_WEIGHT,{k})*INDEX({c}_CRITERIA_DIRECTION,{k})"


def tier(score_ref: str, lang: str) -> str:
    return f'=IF({_blank(score_ref)},"",{band(score_ref, "KAM_TIER_LEVELS_MIN", label("KAM_TIER_LEVELS", lang))})'


# ---------------------------------------------------------------- ABC and pyramid (§2.3, §2.4)


def share_above(value: str, values: str) -> str:
    """Share of the total held by accounts strictly above this one (ties share it)."""
    return f'=IF({_blank(value)},"",ROUND(SUMIF({values},">"&{value})/SUM({values}),{SHARE_DECIMALS}))'


def abc(share_ref: str, lang: str) -> str:
    """ABC class from the row's share-above cell."""
    names = label("KAM_ABC_LABELS", lang)
    return f'=IF({_blank(share_ref)},"",INDEX({names},1+({share_ref}>=KAM_ABC_A)+({share_ref}>=KAM_ABC_B)))'


def pyramid(value: str, values: str, lang: str) -> str:
    """Layer: first whose cumulative share exceeds (RANK.EQ − 1)/n, compared as the core does."""
    rank = f"_xlfn.RANK.EQ({value},{values},0)-1"
    limits = f"ROUND(KAM_PYRAMID_LAYERS_CUMULATIVE*COUNT({values}),{DECIMALS})"
    return f'=IF({_blank(value)},"",INDEX({label("KAM_PYRAMID_LAYERS", lang)},1+SUMPRODUCT(({rank}>={limits})*1)))'


def _quad(x: str, y: str, section: str, lang: str) -> str:
    lab = {k: label(f"KAM_{section}_{k}", lang) for k in ("HIGH_HIGH", "HIGH_LOW", "LOW_HIGH", "LOW_LOW")}
    xt, yt = ("KAM_QUADRANT_CURRENT_THRESHOLD", "KAM_QUADRANT_POTENTIAL_THRESHOLD") if section == "QUADRANT" else (
        "KAM_MATRIX_ATTRACTIVENESS_THRESHOLD", "KAM_MATRIX_STRENGTH_THRESHOLD")  # fmt: skip
    hx, hy = f"ROUND({x},{DECIMALS})>={xt}", f"ROUND({y},{DECIMALS})>={yt}"
    return (
        f'=IF({_blank(x, y)},"",IF({hx},IF({hy},{lab["HIGH_HIGH"]},{lab["HIGH_LOW"]}),'
        f"IF({hy},{lab['LOW_HIGH']},{lab['LOW_LOW']})))"
    )


def quadrant(current: str, potential: str, lang: str) -> str:
    return _quad(current, potential, "QUADRANT", lang)


def matrix(attractiveness: str, strength: str, lang: str) -> str:
    return _quad(attractiveness, strength, "MATRIX", lang)


# ---------------------------------------------------------------- barriers (§2.5)


def wall(scores: str, n: int) -> str:
    """Sum of the wall criteria; blank until all ``n`` are given."""
    return f'=IF(COUNT({scores})<{n},"",SUM({scores}))'


def wall_ratio(wall_ref: str) -> str:
    return f'=IF({_blank(wall_ref)},"",{wall_ref}/KAM_BARRIER_WALL_MAX)'


def switching(procedural: str, financial: str, relational: str) -> str:
    return f'=IF({_blank(procedural, financial, relational)},"",({procedural}+{financial}+{relational})/3)'


def barrier(ratio: str, technical: str, commercial: str, switching_ref: str) -> str:
    return (
        f'=IF({_blank(ratio, technical, commercial, switching_ref)},"",100*(KAM_BARRIER_WALL_WEIGHT*{ratio}'
        f"+(KAM_BARRIER_TECHNICAL_WEIGHT*{technical}+KAM_BARRIER_COMMERCIAL_WEIGHT*{commercial}"
        f"+KAM_BARRIER_SWITCHING_WEIGHT*{switching_ref})/KAM_BARRIER_COMPONENT_SCALE))"
    )


def barrier_level(strength: str, lang: str) -> str:
    names = label("KAM_BARRIER_LEVELS", lang)
    return f'=IF({_blank(strength)},"",{band(strength, "KAM_BARRIER_LEVELS_MIN", names)})'


# ---------------------------------------------------------------- lifetime value, wallet (§2.6, §2.7)


def clv(margin: str, retention: str, discount: str, horizon: str) -> str:
    """CLV; a blank horizon takes the model's (``infinite`` or a number of years)."""
    t = f"IF({_blank(horizon)},KAM_CLV_HORIZON,{horizon})"
    q = f"({retention}/(1+{discount}))"
    finite = f"{margin}*(1-POWER({q},{t}))/(1+{discount}-{retention})"
    at_one = f"{margin}*{t}/(1+{discount})"
    perpetual = f"{margin}/(1+{discount}-{retention})"
    return (
        f'=IF({_blank(margin, retention, discount)},"",IF(NOT(ISNUMBER({t})),{perpetual},'
        f"IF(ROUND({q},15)=1,{at_one},{finite})))"
    )


def wallet_share(ours: str, total: str) -> str:
    return f'=IF({_blank(ours, total)},"",{ours}/{total})'


# ---------------------------------------------------------------- satisfaction (§2.8)


def sat_gap(perceived: str, expected: str) -> str:
    """Weighted mean of perceived − expected over the model's dimensions (column ranges)."""
    w = "KAM_SATISFACTION_DIMENSIONS_WEIGHT"
    n = f"ROWS({w})"
    return (
        f'=IF(OR(COUNT({perceived})<{n},COUNT({expected})<{n}),"",'
        f"(SUMPRODUCT({w},{perceived})-SUMPRODUCT({w},{expected}))/SUM({w}))"
    )


def csi(perceived: str) -> str:
    w = "KAM_SATISFACTION_DIMENSIONS_WEIGHT"
    return f'=IF(COUNT({perceived})<ROWS({w}),"",100*SUMPRODUCT({w},{perceived})/(KAM_SATISFACTION_SCALE_MAX*SUM({w})))'


def sat_level(gap: str, lang: str) -> str:
    names = label("KAM_SATISFACTION_LEVELS", lang)
    return f'=IF({_blank(gap)},"",{band(gap, "KAM_SATISFACTION_LEVELS_MIN", names)})'


# ---------------------------------------------------------------- buying centre (§2.9)


def stance_value(stance: str, lang: str) -> str:
    """A contact's stance as −1 … +1, from its dropdown label."""
    names = label("KAM_BUYING_CENTRE_STANCES", lang)
    return f'=IF({_blank(stance)},"",INDEX(KAM_BUYING_CENTRE_STANCES_VALUE,MATCH({stance},{names},0)))'


def coverage(levels: str, relationships: str, lang: str, n_levels: int) -> str:
    """Share of the model's levels with a contact whose relationship reaches the threshold."""
    names = label("KAM_BUYING_CENTRE_LEVELS", lang)
    hits = "+".join(
        f'(COUNTIFS({levels},INDEX({names},{k}),{relationships},">="&KAM_BUYING_CENTRE_RELATIONSHIP_THRESHOLD)>0)'
        for k in range(1, n_levels + 1)
    )
    return f'=IF(COUNTA({levels})=0,"",({hits})/{n_levels})'


def support(influence: str, stance_values: str) -> str:
    return f'=IF(SUM({influence})=0,"",SUMPRODUCT({influence},{stance_values})/SUM({influence}))'


def depth(influence: str, relationships: str) -> str:
    return f'=IF(SUM({influence})=0,"",SUMPRODUCT({influence},{relationships})/(6*SUM({influence})))'


def _risk_condition(flag: str, levels: str, roles: str, stance_values: str, lang: str, model: Model) -> str:
    """Excel condition for one of the core's risk flags (``kam_xl.core.buying_centre.risk_flags``)."""
    role = label("KAM_BUYING_CENTRE_ROLES", lang)
    level = label("KAM_BUYING_CENTRE_LEVELS", lang)
    codes = [r.code for r in model.buying_centre.roles]
    dm, coach = codes.index("decision_maker") + 1, codes.index("coach") + 1
    return {
        "opposing_decision_maker": f'COUNTIFS({roles},INDEX({role},{dm}),{stance_values},"<0")>0',
        "no_coach": f"COUNTIF({roles},INDEX({role},{coach}))=0",
        "single_threaded": f"COUNTA({levels})<=1",
        "no_decision_level": f"COUNTIF({levels},INDEX({level},1))=0",  # the model's first level is the decision level
    }[flag]


def risk_flag(flag: str, levels: str, roles: str, stance_values: str, lang: str, model: Model) -> str:
    """TRUE/FALSE for one risk flag; blank while there are no contacts."""
    return f'=IF(COUNTA({levels})=0,"",{_risk_condition(flag, levels, roles, stance_values, lang, model)})'


def risks(levels: str, roles: str, stance_values: str, lang: str, model: Model) -> str:
    """The flags that apply as one text, like ``KAM_RISKS`` (``buying_centre.risk_text``)."""
    conds = [(_risk_condition(f.code, levels, roles, stance_values, lang, model), f.text(lang)) for f in RISK_FLAGS]
    sep = RISK_SEPARATOR[lang]
    parts = []
    for k, (c, t) in enumerate(conds):
        # a separator only after an earlier flag that applies (TEXTJOIN would do this, but the
        # `formulas` engine does not skip the "" its IFs return)
        before = f'IF(OR({",".join(p for p, _ in conds[:k])}),"{sep}","")&' if k else ""
        parts.append(f'IF({c},{before}"{t}","")')
    joined = "&".join(parts)
    any_flag = "OR(" + ",".join(c for c, _ in conds) + ")"
    return f'=IF(COUNTA({levels})=0,"",IF({any_flag},{joined},"{NO_RISK}"))'


# ---------------------------------------------------------------- pipeline (§2.10)


def stage_probability(stage: str, lang: str) -> str:
    names = label("KAM_PIPELINE_STAGES", lang)
    return f'=IF({_blank(stage)},"",INDEX(KAM_PIPELINE_STAGES_PROBABILITY,MATCH({stage},{names},0)))'


def pipeline(expected: str, probabilities: str) -> str:
    """Σ expected value × probability (blank rows count as 0 in SUMPRODUCT)."""
    return f"=SUMPRODUCT({expected},{probabilities})"


# ---------------------------------------------------------------- receivables and credit (§2.11)


def aging_bucket(outstanding: str, days_past_due: str, bucket: int, n_buckets: int) -> str:
    """Outstanding in aging bucket ``bucket`` (0 = not due) over per-invoice columns.

    Bucket edges are ``KAM_RECEIVABLES_AGING_EDGE`` (days, one cell each):
    not due is ``≤ 0`` days past due, bucket k is ``(edge[k-1], edge[k]]`` with
    edge[0] = 0, the last is ``> edge[-1]``.
    """
    e = "KAM_RECEIVABLES_AGING_EDGE"
    if bucket == 0:
        return f'=SUMIFS({outstanding},{days_past_due},"<=0")'
    low = '">0"' if bucket == 1 else f'">"&INDEX({e},{bucket - 1})'
    if bucket == n_buckets - 1:
        return f"=SUMIFS({outstanding},{days_past_due},{low})"
    return f'=SUMIFS({outstanding},{days_past_due},{low},{days_past_due},"<="&INDEX({e},{bucket}))'


def dso(outstanding: str, sales: str, days: str) -> str:
    """DSO; 0 when both are 0, blank (undefined) when only sales are 0."""
    return f'=IF(AND({outstanding}=0,{sales}=0),0,IF({sales}=0,"",{outstanding}/{sales}*{days}))'


def overdue_ratio(overdue: str, outstanding: str) -> str:
    return f"=IF({outstanding}<=0,0,{overdue}/{outstanding})"  # 0 when nothing is outstanding, as the core


def credit_rating(dso_ref: str, overdue_ratio_ref: str, lang: str) -> str:
    """First rating whose limits both hold; an undefined (blank) DSO rates last.

    The loader enforces limits that loosen down the list, so the first rating
    that holds is 1 + the number of (non-last) ratings that fail.
    """
    names = label("KAM_RECEIVABLES_RATINGS", lang)
    ok = (
        f"(ROUND({dso_ref},{DECIMALS})<=KAM_RECEIVABLES_RATINGS_DSO_MAX)"
        f"*(ROUND({overdue_ratio_ref},{DECIMALS})<=KAM_RECEIVABLES_RATINGS_OVERDUE_RATIO_MAX)"
    )
    return f"=IF({_blank(dso_ref)},INDEX({names},ROWS({names})),INDEX({names},1+SUMPRODUCT(1-{ok})))"
