"""The buying centre: stance values, coverage, support, depth, risk flags — docs/definitions.md §2.9."""

from __future__ import annotations

from kam_xl.core.buying_centre import NO_RISK, RISK_FLAGS, RISK_SEPARATOR
from kam_xl.models import Model
from kam_xl.xlformulas.common import any_blank, label, yes_no

__all__ = ["coverage", "depth", "relationship", "risk_flag", "risks", "stance_value", "support"]


def relationship(trust: str, interest: str, emotion: str) -> str:
    """A contact's relationship, trust + interest + emotion (:func:`kam_xl.core.buying_centre.relationship`); blank
    until all three are given."""
    return f'=IF({any_blank(trust, interest, emotion)},"",{trust}+{interest}+{emotion})'


def stance_value(stance: str, lang: str) -> str:
    """A contact's stance as −1 … +1, from its dropdown label (:func:`kam_xl.core.buying_centre.stance_value`)."""
    names = label("KAM_BUYING_CENTRE_STANCES", lang)
    return f'=IF({any_blank(stance)},"",INDEX(KAM_BUYING_CENTRE_STANCES_VALUE,MATCH({stance},{names},0)))'


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
