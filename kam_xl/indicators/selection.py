"""Selecting by a scorecard's total (选择线: seed 002's IMSC industry selection) — docs/definitions.md §2.1."""

from __future__ import annotations

import math

import numpy as np

from kam_xl.core import selection
from kam_xl.indicators.entry import LANG, SCORECARD, Arg, Example, FromModel, Indicator
from kam_xl.models import Model, Scorecard, active_model
from kam_xl.xlformulas import selection as X
from kam_xl.xlformulas.common import YES_NO

__all__ = ["ENTRIES", "check_mark", "marks_at", "selected_mark"]


def selected_mark(
    total: object, totals: object, card: Scorecard | None = None, lang: str | None = None, model: Model | None = None
) -> np.ndarray:
    """Each total's mark among ``totals``: ★ 入选 / 未入选 (:func:`kam_xl.core.selection.selected` at
    :func:`~kam_xl.core.selection.selection_cut`), None where the total is blank."""
    model = model or active_model()
    return marks_at(total, selection.selection_cut(totals, card, model), lang, model)


def marks_at(total: object, cut: float, lang: str | None = None, model: Model | None = None) -> np.ndarray:
    """:func:`selected_mark` at a cut already known (a worksheet function filled down a column)."""
    model = model or active_model()
    language = "zh" if (lang or model.language) == "zh" else "en"
    flags = selection.selected(total, cut)
    yes, no = (x.text(language) for x in selection.SELECTED_LABELS)
    out = np.empty(flags.shape, dtype=object)
    out.reshape(-1)[:] = [None if math.isnan(f) else (yes if f == 1 else no) for f in flags.reshape(-1)]
    return out


def check_mark(stated: object, chosen: object, lang: str | None = None, model: Model | None = None) -> str:
    """What a stated choice (是/否, Yes/No; blank = undecided) says against a ``chosen`` mark
    (:func:`selected_mark`'s text): :data:`~kam_xl.core.selection.CHECK_LABELS` or "" (agreeing)."""
    model = model or active_model()
    language = "zh" if (lang or model.language) == "zh" else "en"
    yes, no = YES_NO[language]
    is_in, is_out = (x.text(language) for x in selection.SELECTED_LABELS)
    said = {yes: 1.0, no: 0.0}.get(str(stated), math.nan)
    got = {is_in: 1.0, is_out: 0.0}.get(str(chosen), math.nan)
    code = int(selection.selection_check(said, got))
    return "" if code == 0 else selection.CHECK_LABELS[code - 1].text(language)


_IMSC = FromModel("imsc_industry")
# Seed 002's four industries, their raw totals on the IMSC card (definitions §2.1): 政府 42, 电信 44 (the seed
# prints 46), 教育 32, 金融 28; the seed's cut is "≥ 平均分 29.1" and it stars all four.
_TOTALS = [42.0, 44.0, 32.0, 28.0]
_TOTAL = Arg("total", "一个（或一列）原始得分", "one raw total (or a column of them)")
_TOTALS_ARG = Arg(
    "totals", "所有参评项的原始得分（求平均分用）", "the raw totals of every item scored (for the average)"
)

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "selection_cut",
        None,
        "选择线",
        "Selection cut",
        "入选所需的原始得分：模型设定的 select_at，否则为参评各项的平均分",
        "the raw total needed to be selected: the model's select_at, else the average of the items scored",
        "§2.1",
        selection.selection_cut,
        (_TOTALS_ARG, SCORECARD),
        excel=X.selection_cut,
        definition_zh="选择线 = 评分卡的 select_at（模型设定时，在 Model 表上可改）；未设定时为参评各项原始得分的平均分，"
        "空白的不计。课程资料（种子 002）的 IMSC 行业选择写作“≥ 平均分 29.1”。没有任何得分且未设定时为空白。",
        definition_en="Selection cut = the scorecard's select_at when the model sets one (editable on the Model "
        "sheet); otherwise the average of the raw totals scored, blanks left out. The course material (seed 002) "
        'writes the IMSC industry selection as "≥ average 29.1". Blank with no total and no select_at.',
        # by hand: (42 + 44 + 32 + 28) / 4 = 146 / 4 = 36.5
        example=Example(
            (_TOTALS,),
            ("$J$6:$J$9", "imsc_industry", FromModel()),
            "种子 002 的四个行业（政府 42、电信 44、教育 32、金融 28）：默认模型未设 select_at，选择线为平均分 "
            "146 / 4 = 36.5；模型设 select_at = 29.1 时即为 29.1。",
            "Seed 002's four industries (government 42, telecom 44, education 32, finance 28): the default model "
            "sets no select_at, so the cut is the average 146 / 4 = 36.5; with select_at = 29.1 it is 29.1.",
            kwargs=(("card", _IMSC),),
        ),
    ),
    Indicator(
        "selected",
        "KAM_SELECTED",
        "入选",
        "Selected",
        "原始得分达到选择线即入选（★）",
        "selected (★) when the raw total reaches the selection cut",
        "§2.1",
        selected_mark,
        (_TOTAL, _TOTALS_ARG, SCORECARD, LANG),
        excel=X.selected,
        definition_zh="原始得分 ≥ 选择线时显示“★ 入选”，否则“未入选”（等于选择线也入选）；得分或选择线空白时为空白。",
        definition_en='"★ Selected" where the raw total is at or above the selection cut, else "Not '
        'selected" (equal to the cut is in); blank while the total or the cut is blank.',
        # by hand: the cut is 36.5 (above): education 32 < 36.5 → 未入选; government 42 ≥ 36.5 → ★ 入选
        example=Example(
            (32.0, _TOTALS),
            ("J8", "$B$3", "zh"),
            "同上四个行业，选择线 36.5：教育 32 未入选，政府 42 入选；选择线为课程资料的 29.1 时教育 32 入选，"
            "金融 28 未入选（课程资料却给金融打了 ★）。",
            "The same four industries, cut 36.5: education 32 is not selected, government 42 is; with the course "
            "material's cut of 29.1, education 32 is selected and finance 28 is not (though the material stars it).",
            kwargs=(("card", _IMSC), ("lang", "zh")),
        ),
    ),
    Indicator(
        "selection_check",
        None,
        "核对选择",
        "Selection check",
        "团队的选择与得分不符时提示：已选但未达选择线，或达到选择线但未选",
        "flags a team's choice the totals contradict: chosen below the cut, or at or above it and not chosen",
        "§2.1",
        check_mark,
        (
            Arg("stated", "团队的选择：是 / 否（空白 = 未定）", "the team's choice: Yes / No (blank = undecided)"),
            Arg("chosen", "该项的“入选”结果", "the item's Selected result"),
            LANG,
        ),
        excel=X.selection_check,
        definition_zh="团队选了（是）而得分未达选择线：“已选但未达选择线”；没选（否）而得分达到选择线：“达到选择线但未选”；"
        "一致、未定（空白）或没有得分时为空白。",
        definition_en='Chosen (Yes) while the total is below the cut: "Chosen below the cut"; not chosen (No) '
        'while it reaches the cut: "At or above the cut, not chosen"; blank when they agree, when undecided '
        "(blank) or without a total.",
        # by hand: finance 28 < 29.1 is 未入选, and the seed stars it (是) → 已选但未达选择线
        example=Example(
            ("是", "未入选", "zh"),
            ("M9", "L9", "zh"),
            "课程资料给金融（28 分，选择线 29.1，未入选）打了 ★：团队的选择“是”与得分不符，提示“已选但未达选择线”。",
            "The course material stars finance (28, cut 29.1, not selected): the team's Yes contradicts the total, "
            'flagged "Chosen below the cut".',
        ),
    ),
)
