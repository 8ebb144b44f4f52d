"""The sales funnel (大客户销售漏斗, seed 001) — docs/definitions.md §2.10."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from kam_xl.core import funnel
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.models import Model, active_model
from kam_xl.xlformulas import funnel as X

__all__ = ["ENTRIES", "dates_flag"]


def dates_flag(dates: Sequence[Sequence[object]], lang: str | None = None, model: Model | None = None) -> np.ndarray:
    """Per row of stage dates: :data:`~kam_xl.core.funnel.DATES_OUT_OF_ORDER` in ``lang`` where
    :func:`~kam_xl.core.funnel.dates_out_of_order`, else ""."""
    model = model or active_model()
    flag = funnel.DATES_OUT_OF_ORDER.text("zh" if (lang or model.language) == "zh" else "en")
    out = np.empty(len(dates), dtype=object)
    out[:] = [flag if x else "" for x in funnel.dates_out_of_order(dates).tolist()]
    return out


# Four attempts of a development record (stage F, outcome L): one at 需求明确 open, one at 促成成交 lost,
# one won, one at 确定对象 dropped.
_STAGES = ["需求明确", "促成成交", "促成成交", "确定对象"]
_OUTCOMES = ["进行中", "丢单", "赢单", "放弃"]
_STAGE_ARG = Arg("stage", "开发阶段（代码、中文或英文名称）", "pipeline stage (code, Chinese or English name)")
_OUTCOME_ARG = Arg("outcome", "结果：赢单 / 丢单 / 进行中 / 放弃", "outcome: won / lost / open / dropped")

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "funnel_stage",
        None,
        "漏斗阶段",
        "Funnel stage",
        "开发尝试在销售漏斗中到达的阶段：潜在 → 可能 → 普通 → 重点 → 已成交客户",
        "how far an attempt got down the sales funnel: potential → possible → regular → key → won",
        "§2.10",
        funnel.funnel_stage,
        (_STAGE_ARG, _OUTCOME_ARG, LANG),
        excel=X.funnel_stage,
        definition_zh="课程资料（种子 001）的大客户销售漏斗：潜在客户 → 可能客户 → 普通客户 → 重点客户 → 已成交客户。"
        "结果为赢单时为“已成交客户”；否则按开发阶段在模型中的位置：第 1 阶段（确定对象）潜在客户，第 2 阶段（需求明确）可能"
        "客户，第 3 阶段（价值评估）普通客户，第 4 阶段及以后（关系建立、促成成交）重点客户。阶段空白且未赢单时为空白。",
        definition_en="The course material's (seed 001) key-account funnel: potential → possible → regular → key → "
        "won. Won when the outcome is won; otherwise by the position of the pipeline stage among the model's: the "
        "1st (target identified) potential, the 2nd (needs clarified) possible, the 3rd (value assessed) regular, "
        "the 4th and later (relationship built, closing) key. Blank while the stage is blank and it is not won.",
        # by hand: 需求明确 is the 2nd stage → 可能客户; 促成成交 the 5th → min(5, 4) = 重点客户; won → 已成交客户;
        # 确定对象 the 1st → 潜在客户
        example=Example(
            (_STAGES, _OUTCOMES),
            ("F5", "L5", "zh"),
            "需求明确、进行中 → 可能客户；促成成交、丢单 → 重点客户；赢单 → 已成交客户；确定对象、放弃 → 潜在客户。",
            "Needs clarified, open → possible; closing, lost → key; won → won; target identified, dropped → potential.",
            kwargs=(("lang", "zh"),),
        ),
    ),
    Indicator(
        "funnel_reached",
        None,
        "到达该阶段",
        "Reached the stage",
        "到达某一漏斗阶段的数量（或金额）= 该阶段及其以下各阶段之和",
        "how many (or how much) reached a funnel stage = the sum of that stage and every stage below it",
        "§2.10",
        funnel.funnel_reached,
        (
            Arg(
                "at_stage",
                "各阶段（从该阶段到最后一个阶段）当前的数量或金额",
                "what is at each stage, from this one down",
            ),
        ),
        excel=X.funnel_reached,
        definition_zh="处于某阶段的尝试也经过了它上面的每一个阶段，所以到达某阶段的数量 = 处于该阶段及其以下各阶段的数量之和"
        "（金额同理）。空白按 0 计。",
        definition_en="An attempt at a stage has passed every stage above it, so the number that reached a stage = "
        "the number at it and at every stage below it (the same for values). Blanks count 0.",
        # by hand: at 潜在 4, 可能 3, 普通 2, 重点 2, 已成交 1 → reached 12, 8, 5, 3, 1
        example=Example(
            ([4, 3, 2, 2, 1],),
            ("C5:C9",),
            "处于各阶段 4、3、2、2、1 个 → 到达 12、8、5、3、1 个。",
            "At the stages 4, 3, 2, 2, 1 → reached 12, 8, 5, 3, 1.",
        ),
    ),
    Indicator(
        "funnel_conversion",
        None,
        "阶段转化率",
        "Stage conversion",
        "阶段转化率 = 到达本阶段 ÷ 到达上一阶段",
        "stage conversion = reached this stage ÷ reached the stage above",
        "§2.10",
        funnel.funnel_conversion,
        (
            Arg("reached", "到达本阶段的数量", "number that reached this stage"),
            Arg("previous", "到达上一阶段的数量", "number that reached the stage above"),
        ),
        excel=X.funnel_conversion,
        definition_zh="从上一阶段转入本阶段的比例 = 到达本阶段 ÷ 到达上一阶段；上一阶段无人到达时为空白。",
        definition_en="The share of the stage above that went on to this one = reached this stage ÷ reached the "
        "stage above; blank while none reached the stage above.",
        # by hand: 8 ÷ 12 = 0.6667
        example=Example(
            (8, 12),
            ("D6", "D5"),
            "到达可能客户 8 个，到达潜在客户 12 个：8 ÷ 12 = 66.7 %。",
            "8 reached possible, 12 reached potential: 8 ÷ 12 = 66.7 %.",
        ),
    ),
    Indicator(
        "avg_days_in_stage",
        None,
        "平均停留天数",
        "Average days in stage",
        "平均停留天数 = 进入下一阶段日期 − 进入本阶段日期 的平均值（两个日期都有的尝试）",
        "average days in stage = mean of (date it entered the next stage − date it entered this one)",
        "§2.10",
        funnel.avg_days_in_stage,
        (
            Arg("entered", "进入本阶段的日期（一列）", "the dates each attempt entered this stage (a column)"),
            Arg("left", "进入下一阶段的日期（一列）", "the dates each attempt entered the next stage (a column)"),
            Arg("outcomes", "结果（一列，可选）", "the outcomes (a column, optional)", True),
            Arg("outcome", "只计此结果的尝试（进入已成交：赢单）", "count only attempts with this outcome", True),
        ),
        excel=X.avg_days_in_stage,
        definition_zh="对两个日期都填写的尝试，求 进入下一阶段日期 − 进入本阶段日期 的平均天数；进入已成交客户的日期是赢单"
        "尝试的结案日期（只计赢单）。没有可计的尝试时为空白。跳过某阶段（该阶段日期空白）的尝试不计入该阶段。",
        definition_en="Over the attempts with both dates, the mean of (the date it entered the next stage − the "
        "date it entered this one); the date it entered won is a won attempt's closing date (won attempts only). "
        "Blank while no attempt counts. An attempt that skipped a stage (its date blank) does not count for it.",
        # by hand: (2024-03-11 − 2024-03-01) = 10 and (2024-04-21 − 2024-04-01) = 20 → 15; the third row has no
        # second date
        example=Example(
            (
                [date(2024, 3, 1), date(2024, 4, 1), date(2024, 5, 1)],
                [date(2024, 3, 11), date(2024, 4, 21), None],
            ),
            ("$E$5:$E$7", "$O$5:$O$7"),
            "三个尝试：10 天、20 天、尚未进入下一阶段 → (10 + 20) ÷ 2 = 15 天。",
            "Three attempts: 10 days, 20 days, not yet in the next stage → (10 + 20) ÷ 2 = 15 days.",
        ),
    ),
    Indicator(
        "stage_dates_check",
        None,
        "阶段日期检查",
        "Stage dates check",
        "某阶段日期早于它前面的阶段日期时提示“阶段日期倒序”",
        'flags "Stage dates out of order" where a stage date is earlier than one before it',
        "§2.10",
        dates_flag,
        (Arg("dates", "一行的各阶段日期（按漏斗顺序）", "a row's stage dates, in the funnel's order"), LANG),
        excel=X.dates_out_of_order,
        definition_zh="一行的阶段日期（首次接触、进入可能、普通、重点客户、结案）应依次不早于前面的日期；空白跳过。有日期倒退"
        "时显示“阶段日期倒序”，该行的停留天数不可信，请更正。",
        definition_en="A row's stage dates (first contact, became possible, regular, key, closed) must not be "
        'earlier than any before them; blanks are skipped. Where one goes backwards the row shows "Stage dates '
        'out of order": its days in stage cannot be trusted until it is corrected.',
        # by hand: 2024-03-01, blank, 2024-02-20: the third is before the first → flagged
        example=Example(
            ([[date(2024, 3, 1), None, date(2024, 2, 20)]],),
            (["E5", "O5", "P5"], "zh"),
            "首次接触 2024-03-01，进入普通客户 2024-02-20：日期倒退，提示“阶段日期倒序”。",
            'First contact 2024-03-01, became regular 2024-02-20: backwards, flagged "Stage dates out of order".',
            kwargs=(("lang", "zh"),),
        ),
    ),
)
