"""The buying centre: each contact's relationship and stance, coverage, support, depth and risk flags — docs/definitions.md §2.9."""

from __future__ import annotations

from kam_xl.core import buying_centre
from kam_xl.indicators.entry import LANG, Arg, Indicator
from kam_xl.xlformulas import relationship as X

__all__ = ["ENTRIES"]

_CONTACT_LEVELS = Arg("levels", "各联系人层级", "each contact's level")
_CONTACT_ROLES = Arg("roles", "各联系人角色", "each contact's role")
_CONTACT_STANCES = Arg("stances", "各联系人立场", "each contact's stance")

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "relationship",
        None,
        "关系分",
        "Relationship",
        "联系人关系分 = 信任 + 利益 + 情感（各 0–2，合计 0–6）",
        "a contact's relationship = trust + interest + emotion (each 0–2, so 0–6)",
        "§2.9",
        buying_centre.relationship,
        (
            Arg("trust", "信任 0–2", "trust 0–2"),
            Arg("interest", "利益 0–2", "interest 0–2"),
            Arg("emotion", "情感 0–2", "emotion 0–2"),
        ),
        excel=X.relationship,
    ),
    Indicator(
        "stance_value",
        None,
        "立场值",
        "Stance value",
        "联系人立场的数值：支持 +1、中立 0、反对 −1（取模型设置）",
        "a contact's stance as a number: supporter +1, neutral 0, opponent −1 (the model's values)",
        "§2.9",
        buying_centre.stance_value,
        (Arg("stance", "联系人立场（支持/中立/反对）", "the contact's stance (supporter/neutral/opponent)"), LANG),
        excel=X.stance_value,
    ),
    Indicator(
        "risk_flag",
        None,
        "风险标志",
        "Risk flag",
        "某一项组织风险是否存在（TRUE/FALSE）：决策者反对、没有教练、单线联系或未接触决策层",
        "whether one buying-centre risk applies (TRUE/FALSE): opposing decision maker, no coach, "
        "single-threaded or no decision-level contact",
        "§2.9",
        buying_centre.risk_flag,
        (
            Arg(
                "flag",
                "风险代码：opposing_decision_maker、no_coach、single_threaded、no_decision_level",
                "the risk's code: opposing_decision_maker, no_coach, single_threaded, no_decision_level",
            ),
            _CONTACT_LEVELS,
            _CONTACT_ROLES,
            _CONTACT_STANCES,
            LANG,
        ),
        excel=X.risk_flag,
    ),
    Indicator(
        "coverage",
        "KAM_COVERAGE",
        "层级覆盖率",
        "Level coverage",
        "关系达标（≥2）的采购组织层级数 / 3",
        "levels of the buying organisation reached with relationship ≥ 2, / 3",
        "§2.9",
        buying_centre.coverage,
        (
            Arg(
                "levels", "各联系人层级（决策层/管理层/操作层）", "each contact's level (decision/management/operating)"
            ),
            Arg(
                "relationships",
                "各联系人关系分 0–6（信任+利益+情感）",
                "each contact's relationship 0–6 (trust + interest + emotion)",
            ),
        ),
        excel=X.coverage,
    ),
    Indicator(
        "support",
        "KAM_SUPPORT",
        "支持指数",
        "Support index",
        "支持指数 = Σ 影响力×立场 / Σ 影响力（−1…+1）",
        "support index = Σ influence·stance / Σ influence (−1 … +1)",
        "§2.9",
        buying_centre.support_index,
        (
            Arg("influence", "各联系人影响力 1–5", "each contact's influence 1–5"),
            Arg(
                "stances",
                "各联系人立场（支持/中立/反对 或 1/0/−1）",
                "each contact's stance (supporter/neutral/opponent or 1/0/−1)",
            ),
        ),
        excel=X.support,
    ),
    Indicator(
        "depth",
        "KAM_DEPTH",
        "关系深度",
        "Relationship depth",
        "关系深度 = Σ 影响力×关系分 / (6×Σ 影响力)",
        "relationship depth = Σ influence·relationship / (6·Σ influence)",
        "§2.9",
        buying_centre.depth,
        (
            Arg("influence", "各联系人影响力 1–5", "each contact's influence 1–5"),
            Arg("relationships", "各联系人关系分 0–6", "each contact's relationship 0–6"),
        ),
        excel=X.depth,
    ),
    Indicator(
        "risks",
        "KAM_RISKS",
        "组织风险",
        "Buying-centre risks",
        "风险标志：决策者反对、没有教练、单线联系、未接触决策层",
        "risk flags: opposing decision maker, no coach, single-threaded, no decision-level contact",
        "§2.9",
        buying_centre.risk_flags,
        (_CONTACT_LEVELS, _CONTACT_ROLES, _CONTACT_STANCES, LANG),
        excel=X.risks,
    ),
)
