"""The buying centre: each contact's relationship and stance, coverage, support, depth and risk flags — docs/definitions.md §2.9."""

from __future__ import annotations

from kam_xl.core import buying_centre
from kam_xl.indicators.entry import LANG, Arg, Example, FromModel, Indicator
from kam_xl.models import Model, active_model
from kam_xl.xlformulas import relationship as X
from kam_xl.xlformulas.common import YES_NO

__all__ = ["ENTRIES", "risk_flag_mark"]


def risk_flag_mark(
    flag: str, levels: object, roles: object, stances: object, lang: str | None = None, model: Model | None = None
) -> str:
    """One risk flag as a plan's cell shows it: 是/否 (Yes/No), from :func:`kam_xl.core.buying_centre.risk_flag`."""
    model = model or active_model()
    yes, no = YES_NO["zh" if (lang or model.language) == "zh" else "en"]
    return yes if buying_centre.risk_flag(flag, levels, roles, stances, model) else no


_CONTACT_LEVELS = Arg("levels", "各联系人层级", "each contact's level")
_CONTACT_ROLES = Arg("roles", "各联系人角色", "each contact's role")
_CONTACT_STANCES = Arg("stances", "各联系人立场", "each contact's stance")

# The three contacts of definitions §2.9 (rows 5–7 of a plan's buying-centre table: level C, role D,
# stance F, influence H, trust/interest/emotion I–K, relationship L, stance value M).
_LEVELS = ["决策层", "管理层", "操作层"]
_ROLES = ["决策者", "影响者", "使用者"]
_STANCES = ["支持", "中立", "反对"]
_INFLUENCE = [5, 3, 2]
_RELATIONSHIPS = [4, 2, 1]  # 2 + 1 + 1, 1 + 1 + 0, 0 + 1 + 0

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
        definition_zh="一个联系人的关系分 = 信任 + 利益 + 情感，三项各 0–2，合计 0–6。任一项空白时结果空白；超出 0–2 是错误。",
        definition_en="A contact's relationship = trust + interest + emotion, each 0–2, so 0–6. A blank part gives "
        "a blank; a part outside 0–2 is an error.",
        # by hand: 2 + 1 + 1 = 4; 1 + 1 + 0 = 2; 0 + 1 + 0 = 1
        example=Example(
            ([2, 1, 0], [1, 1, 1], [1, 0, 0]),
            ("I5", "J5", "K5"),
            "定义 §2.9 的三个联系人：决策者 2 + 1 + 1 = 4，影响者 2，使用者 1。",
            "The three contacts of definitions §2.9: the decision maker 2 + 1 + 1 = 4, the influencer 2, the user 1.",
        ),
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
        definition_zh="联系人立场的数值，取模型的设定：支持 +1、中立 0、反对 −1。立场可写代码、中文或英文（不分大小写），"
        "也可直接写 −1 到 1 的数（以文本存的数照常读取）；不是可选项的文字是错误。立场空白时结果空白；工作簿中核心拒绝的立场"
        "显示原因（“不在选项中”“超出范围”），而不是 #N/A。",
        definition_en="A contact's stance as the model's number for it: supporter +1, neutral 0, opponent −1. The "
        "stance may be its code, Chinese or English text (any case) or a number from −1 to 1; other text is an "
        "error. A blank stance gives a blank; a number stored as text is read; in a workbook a stance the core "
        "refuses shows the reason (Not one of the choices, Out of range), not #N/A.",
        # by hand: the model's values 1, 0, −1
        example=Example(
            (_STANCES,),
            ("F5", "zh"),
            "三个联系人的立场：支持、中立、反对。工作簿公式在中文下拉选项中查找本行的立场。",
            "The three contacts' stances: supporter, neutral, opponent. The workbook formula looks the row's stance "
            "up among the Chinese dropdown labels.",
        ),
    ),
    Indicator(
        "risk_flag",
        None,
        "风险标志",
        "Risk flag",
        "某一项组织风险是否存在（是/否）：决策者反对、没有教练、单线联系或未接触决策层",
        "whether one buying-centre risk applies (Yes/No): opposing decision maker, no coach, "
        "single-threaded or no decision-level contact",
        "§2.9",
        risk_flag_mark,
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
        definition_zh="一项组织风险是否存在，显示“是”或“否”（英文 Yes/No）：决策者反对（有立场为负的决策者）、没有教练（没有角色为教练的联系人）、"
        "单线联系（联系人不超过一个）、未接触决策层（没有决策层的联系人）。没有联系人时结果空白；未知的风险代码是错误。",
        definition_en="Whether one buying-centre risk applies, shown as 是 or 否 (Yes/No in English): opposing decision maker (a decision "
        "maker with a negative stance), no coach (no contact in the coach role), single-threaded (one contact or "
        "none), no decision-level contact. With no contacts the result is blank; an unknown risk code is an error.",
        # by hand: the roles are decision maker, influencer, user: nobody is a coach → 是
        example=Example(
            ("no_coach", _LEVELS, _ROLES, _STANCES, "zh"),
            ("no_coach", "$C$5:$C$7", "$D$5:$D$7", "$M$5:$M$7", "zh", FromModel()),
            "同上三个联系人：没有人是教练，所以“没有教练”为“是”（决策者支持，“决策者反对”则为“否”）。",
            "The same three contacts: nobody is a coach, so no_coach shows 是 (Yes) (the decision maker supports "
            "us, so opposing_decision_maker would show 否, No).",
        ),
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
        definition_zh="层级覆盖率 = 至少有一个关系分 ≥ 2 的联系人的层级数 ÷ 3（决策层、管理层、操作层）。没有联系人时结果空白；"
        "不是可选项的层级是错误。",
        definition_en="Level coverage = the levels (decision, management, operating) with at least one contact "
        "whose relationship is ≥ 2, ÷ 3. With no contacts the result is blank; a level that is not one of the "
        "choices is an error.",
        # by hand: decision 4 ≥ 2, management 2 ≥ 2, operating 1 < 2 → 2 / 3
        example=Example(
            (_LEVELS, _RELATIONSHIPS),
            ("$C$5:$C$7", "$L$5:$L$7", "zh", 3),
            "同上：决策层（4）和管理层（2）达标，操作层（1）未达标：2 / 3 = 66.7 %。",
            "The same contacts: the decision level (4) and the management level (2) are reached, the operating "
            "level (1) is not: 2 / 3 = 66.7 %.",
        ),
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
        definition_zh="支持指数 = Σ 影响力 × 立场值 ÷ Σ 影响力，−1（全体反对）到 +1（全体支持）。影响力 1–5；没有联系人时"
        "结果空白。工作簿公式读各行的立场值列。",
        definition_en="Support index = Σ influence × stance value ÷ Σ influence, from −1 (all opposed) to +1 (all "
        "in favour). Influence is 1–5; with no contacts the result is blank. The workbook formula reads the "
        "rows' stance-value column.",
        # by hand: (5 × 1 + 3 × 0 + 2 × (−1)) / (5 + 3 + 2) = 3 / 10 = 0.3
        example=Example(
            (_INFLUENCE, _STANCES),
            ("$H$5:$H$7", "$M$5:$M$7"),
            "同上：(5 × 1 + 3 × 0 + 2 × (−1)) / 10 = 0.30。",
            "The same contacts: (5 × 1 + 3 × 0 + 2 × (−1)) / 10 = 0.30.",
        ),
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
        definition_zh="关系深度 = Σ 影响力 × 关系分 ÷ (6 × Σ 影响力)，即按影响力加权的关系分占满分 6 的比例，0–1。没有联系人时"
        "结果空白。",
        definition_en="Relationship depth = Σ influence × relationship ÷ (6 × Σ influence): the relationship, "
        "weighted by influence, as a share of the top score 6, 0–1. With no contacts the result is blank.",
        # by hand: (5 × 4 + 3 × 2 + 2 × 1) / (6 × 10) = 28 / 60 = 0.4667
        example=Example(
            (_INFLUENCE, _RELATIONSHIPS),
            ("$H$5:$H$7", "$L$5:$L$7"),
            "同上：(5 × 4 + 3 × 2 + 2 × 1) / (6 × 10) = 28 / 60 = 46.7 %。",
            "The same contacts: (5 × 4 + 3 × 2 + 2 × 1) / (6 × 10) = 28 / 60 = 46.7 %.",
        ),
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
        definition_zh="存在的各项组织风险（见“风险标志”），按固定顺序列出：决策者反对、没有教练、单线联系、未接触决策层；"
        "工作表函数和工作簿显示为一段文字，没有风险时为“—”，没有联系人时为空白。",
        definition_en="The buying-centre risks that apply (see the risk flag), in a fixed order: opposing decision "
        "maker, no coach, single-threaded, no decision-level contact. The worksheet function and the workbooks "
        'show them as one text, "—" when there is none, blank when there are no contacts.',
        # by hand: the decision maker supports, three contacts, one at the decision level; no coach
        example=Example(
            (_LEVELS, _ROLES, _STANCES),
            ("$C$5:$C$7", "$D$5:$D$7", "$M$5:$M$7", "zh", FromModel()),
            "同上三个联系人只有一项风险：没有教练（工作表中显示“没有教练”）。",
            "The same three contacts have one risk only: no coach (a sheet shows 没有教练 / No coach).",
        ),
    ),
)
