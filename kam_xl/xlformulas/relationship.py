"""The buying centre: stance values, coverage, support, depth, risk flags — docs/definitions.md §2.9."""

from __future__ import annotations

from kam_xl.core.buying_centre import NO_RISK, RELATIONSHIP_PART_MAX, RISK_FLAGS, RISK_SEPARATOR
from kam_xl.models import Model
from kam_xl.xlformulas.common import NOT_A_CHOICE, OUT_OF_RANGE, any_blank, label, numeric, reason, yes_no

__all__ = ["coverage", "depth", "relationship", "risk_flag", "risks", "stance_value", "support"]


def relationship(trust: str, interest: str, emotion: str) -> str:
    """A contact's relationship, trust + interest + emotion (:func:`kam_xl.core.buying_centre.relationship`); blank
    until all three are given, and while one is not a number or is outside 0–2 (the core refuses it)."""
    parts = (trust, interest, emotion)
    off = "OR(" + ",".join(f"0+{p}<0,0+{p}>{RELATIONSHIP_PART_MAX:g}" for p in parts) + ")"
    return f'=IF(OR({any_blank(*parts)},NOT({numeric(*parts)})),"",IF({off},"",{trust}+{interest}+{emotion}))'


def stance_value(stance: str, lang: str) -> str:
    """A contact's stance as −1 … +1 (:func:`kam_xl.core.buying_centre.stance_value`): a number (or a number
    stored as text) is the value itself, a label the model's value for it; the reason instead where the core
    refuses the stance (a number beyond ±1, a text that is none of the labels)."""
    names = label("KAM_BUYING_CENTRE_STANCES", lang)
    found = f"MATCH({stance},{names},0)"
    as_number = f"IF(ABS({stance})<=1,0+{stance},{reason(OUT_OF_RANGE, lang)})"
    as_label = f"IF(ISNUMBER({found}),INDEX(KAM_BUYING_CENTRE_STANCES_VALUE,{found}),{reason(NOT_A_CHOICE, lang)})"
    return f'=IF({any_blank(stance)},"",IF({numeric(stance)},{as_number},{as_label}))'


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
    """是/否 (Yes/No) for one risk flag (:func:`kam_xl.core.buying_centre.risk_flag`); blank while there are no
    contacts."""
    return (
        f'=IF(COUNTA({levels})=0,"",{yes_no(_risk_condition(flag, levels, roles, stance_values, lang, model), lang)})'
    )


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
