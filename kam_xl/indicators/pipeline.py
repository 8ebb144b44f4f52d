"""The development pipeline — docs/definitions.md §2.10."""

from __future__ import annotations

from kam_xl.core import pipeline
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.xlformulas import pipeline as X

__all__ = ["ENTRIES"]

_STAGE = Arg("stage", "开发阶段（代码、中文或英文名称）", "pipeline stage (code, Chinese or English name)")
_EXPECTED = Arg("expected_value", "预期金额", "expected value")

# The three opportunities of definitions §2.10 (rows 5–7 of a development record: expected value C,
# stage D, probability E).
_EXPECTED_VALUES = [1000000, 400000, 2000000]
_STAGES = ["价值评估", "促成成交", "确定对象"]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "stage_probability",
        None,
        "阶段赢率",
        "Win probability",
        "开发阶段对应的赢单概率（模型设定）",
        "the win probability of a pipeline stage (set by the model)",
        "§2.10",
        pipeline.stage_probability,
        (_STAGE, LANG),
        excel=X.stage_probability,
        definition_zh="开发阶段的赢单概率，取模型的设定：确定对象 10 %、需求明确 25 %、价值评估 50 %、关系建立 75 %、促成成交 90 %。"
        "阶段可写代码、中文或英文（不分大小写）；不是可选项的文字是错误。阶段空白时结果空白；工作簿中不是可选项的阶段显示“不在"
        "选项中”，而不是 #N/A。",
        definition_en="A pipeline stage's win probability, as the model sets it: target identified 10 %, needs "
        "clarified 25 %, value assessed 50 %, relationship built 75 %, closing 90 %. The stage may be its code, "
        "Chinese or English name (any case); other text is an error. A blank stage gives a blank; in a workbook a "
        "stage that is none of the choices shows Not one of the choices, not #N/A.",
        # by hand: the model's 0.5, 0.9, 0.1
        example=Example(
            (_STAGES,),
            ("D5", "zh"),
            "定义 §2.10 三个机会所处的阶段。",
            "The stages of the three opportunities of definitions §2.10.",
        ),
    ),
    Indicator(
        "weighted_value",
        None,
        "加权金额",
        "Weighted value",
        "单个机会的加权金额 = 预期金额 × 阶段赢率",
        "one opportunity's weighted value = expected value × stage probability",
        "§2.10",
        pipeline.weighted_value,
        (_EXPECTED, _STAGE),
        excel=X.weighted_value,
        definition_zh="一个机会的加权金额 = 预计金额 × 所处阶段的赢率；预计金额须 ≥ 0。任一空白时结果空白。工作簿公式读本行的"
        "赢率单元格；以文本存的金额照常读取，非数字或负数显示空白。",
        definition_en="One opportunity's weighted value = its expected value × its stage's win probability; the "
        "expected value must be ≥ 0. A blank input gives a blank. The workbook formula reads the row's "
        "probability cell; an amount stored as text is read, text that is no number or a negative amount shows blank.",
        # by hand: 1,000,000 × 0.5 = 500,000; 400,000 × 0.9 = 360,000; 2,000,000 × 0.1 = 200,000
        example=Example(
            (_EXPECTED_VALUES, _STAGES),
            ("C5", "E5"),
            "1,000,000 × 50 % = 500,000；400,000 × 90 % = 360,000；2,000,000 × 10 % = 200,000。",
            "1,000,000 × 50 % = 500,000; 400,000 × 90 % = 360,000; 2,000,000 × 10 % = 200,000.",
        ),
    ),
    Indicator(
        "pipeline",
        "KAM_PIPELINE",
        "加权管道",
        "Weighted pipeline",
        "加权管道 = Σ 预期金额 × 阶段赢率",
        "weighted pipeline = Σ expected value × stage probability",
        "§2.10",
        pipeline.weighted_pipeline,
        (
            Arg("expected_values", "各机会预期金额", "expected value of each opportunity"),
            Arg("stages", "各机会所处阶段", "stage of each opportunity"),
        ),
        excel=X.pipeline,
        definition_zh="加权管道 = 各机会加权金额之和 Σ 预计金额 × 阶段赢率。工作簿中空白行按 0 计。",
        definition_en="Weighted pipeline = the opportunities' weighted values summed, Σ expected value × stage "
        "probability. In a workbook a blank row counts as 0.",
        # by hand: 500,000 + 360,000 + 200,000 = 1,060,000
        example=Example(
            (_EXPECTED_VALUES, _STAGES),
            ("$C$5:$C$7", "$E$5:$E$7"),
            "同上三个机会：500,000 + 360,000 + 200,000 = 1,060,000。",
            "The same three opportunities: 500,000 + 360,000 + 200,000 = 1,060,000.",
        ),
    ),
    Indicator(
        "win_rate",
        None,
        "赢单率",
        "Win rate",
        "赢单率 = 赢单数 ÷（赢单数 + 丢单数）；尚无结果时为空白",
        "win rate = won ÷ (won + lost); blank while none is decided",
        "§2.10",
        pipeline.win_rate,
        (Arg("won", "赢单数", "attempts won"), Arg("lost", "丢单数", "attempts lost")),
        excel=X.win_rate,
        definition_zh="赢单率 = 赢单数 ÷ (赢单数 + 丢单数)。进行中和放弃的尝试还没有结果，不计入；一个有结果的都没有时"
        "结果空白。次数须 ≥ 0。",
        definition_en="Win rate = won ÷ (won + lost). Open and dropped attempts are not decided and do not count; "
        "while none is decided the rate is blank. The counts must be ≥ 0.",
        # by hand: 3 / (3 + 5) = 0.375; 0 / 0 → blank
        example=Example(
            ([3, 0], [5, 0]),
            ("B20", "B21"),
            "赢 3 丢 5（进行中的不管多少）：3 / 8 = 37.5 %；还没有赢也没有丢时为空白。",
            "Three won and five lost, however many are open: 3 / 8 = 37.5 %; with none won or lost yet, blank.",
        ),
    ),
)
