"""Scorecard, tier, ABC and the Pareto list, value pyramid, quadrant and portfolio matrix — docs/definitions.md §2.1–2.4."""

from __future__ import annotations

import pandas as pd

from kam_xl.core import pareto, pyramid, scorecard
from kam_xl.indicators.entry import LANG, SCORECARD, Arg, Example, FromModel, Indicator
from kam_xl.portfolio import score_portfolio
from kam_xl.xlformulas import scoring as X

__all__ = ["ENTRIES"]

_IMSC = FromModel("imsc_industry")
# The IMSC industry scorecard (definitions §2.1): government and telecom, criteria in the card's order
# (competition, 4th, and implementation difficulty, 5th, count −1).
_INDUSTRIES = ([9, 7, 7, 3, 3, 9, 7, 9], [9, 7, 9, 5, 1, 9, 9, 7])
# The ABC table of definitions §2.3: 甲 … 辛, total 100.
_ABC_VALUES = [40, 20, 10, 10, 8, 5, 4, 3]
# A value column in table order for the Pareto list: 甲 10, 乙 40, 丙 blank, 丁 20, 戊 10 (total 80).
_PARETO_VALUES = [10, 40, None, 20, 10]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "score_raw",
        "KAM_SCORE_RAW",
        "原始得分",
        "Raw score",
        "加权原始得分 Σ 权重×方向×评分；给出合计时核对是否一致",
        "weighted raw total Σ weight·direction·score; checks a stated total if given",
        "§2.1",
        scorecard.score_raw,
        (
            Arg(
                "scores",
                "各项评分（一行或一列；多行=多个客户）",
                "criteria scores (one row or column; several rows = several accounts)",
            ),
            SCORECARD,
            Arg(
                "stated_total",
                "给定合计（如表格中印出的），不符时报错",
                "a stated total (e.g. printed in a table); a disagreement is reported",
                True,
            ),
        ),
        excel=X.score_raw,
        definition_zh="原始得分 = Σ 权重 × 方向 × 评分，按评分卡各项的顺序；“越多越差”的项方向为 −1，"
        "评分越高总分越低。评分须在评分卡的下限与上限之间（大客户选择评分卡 1–10，填 0 是超出范围，不会改成 1；IMSC 卡 0–9）；"
        '有空白评分是错误（模型设 missing = "zero" 时按下限计，0–10 卡即 0），'
        "工作簿在评分填齐前显示空白。给出 stated_total 时只核对、不照抄：与算出的合计不符即报错。",
        definition_en="Raw score = Σ weight × direction × score, in the scorecard's order of criteria; a "
        "criterion where more is worse has direction −1, so a higher score there lowers the total. Scores run "
        "from the card's minimum to its maximum (the key-account selection card 1–10, where a 0 is out of range, "
        "never raised to 1; the IMSC card 0–9); a blank score is an error (counted as the minimum, 0 on a 0–10 "
        'card, when the model says missing = "zero"), and a workbook shows the cell blank until every score is '
        "in. A stated_total is "
        "checked, never copied: one that differs from the computed total is an error.",
        # by hand: government 9 + 7 + 7 − 3 − 3 + 9 + 7 + 9 = 42; telecom 9 + 7 + 9 − 5 − 1 + 9 + 9 + 7 = 44
        example=Example(
            (_INDUSTRIES,),
            ("C5:C12", "imsc_industry", FromModel()),
            "IMSC 行业选择评分卡，两个行业（每行一个）：政府 42，电信 44；竞争程度和实施难易程度两项计负。"
            "课程资料把电信印作 46，给 KAM_SCORE_RAW 这个 stated_total 会报“给定合计 46 与计算结果 44 不符”。"
            "公式对一个行业的一列评分（C5:C12）求和。",
            "The IMSC industry scorecard, two industries (one row each): government 42, telecom 44, the competition "
            "and implementation-difficulty scores counting negative. The course material prints 46 for telecom; "
            'given that stated_total, KAM_SCORE_RAW answers "stated total 46 disagrees with computed 44". The '
            "formula sums one industry's column of scores (C5:C12).",
            kwargs=(("card", _IMSC),),
        ),
    ),
    Indicator(
        "score",
        "KAM_SCORE",
        "得分(0-100)",
        "Score (0–100)",
        "评分卡标准化得分 0–100（考虑负向指标）",
        "scorecard score normalised to 0–100 (negative-direction criteria included)",
        "§2.1",
        scorecard.score,
        (Arg("scores", "各项评分", "criteria scores"), SCORECARD),
        excel=X.score,
        definition_zh="得分 = 100 × (原始得分 − 最低可能原始得分) / (最高可能 − 最低可能)：最高可能 = 上限 × 正向项权重之和 "
        "− 下限 × 负向项权重之和，最低可能 = 下限 × 正向项权重之和 − 上限 × 负向项权重之和，所以 0 分是最差的评分卡、"
        "100 分是最好的。1–10 的大客户选择评分卡（权重之和 140，都是正向）：最低 140、最高 1,400，全填 1 得 0 分，"
        "全填 10 得 100 分。空白评分同原始得分的规则（错误；工作簿显示空白）。",
        definition_en="Score = 100 × (raw − the lowest raw possible) / (the highest − the lowest): the highest is "
        "the maximum × the weights of the +1 criteria − the minimum × the weights of the −1 criteria, the lowest "
        "the minimum × the +1 weights − the maximum × the −1 weights, so 0 is the worst card possible and 100 the "
        "best. On the 1–10 key-account selection card (weights summing to 140, all +1) the lowest is 140 and the "
        "highest 1,400: all 1s score 0, all 10s 100. A blank score follows the raw score's rule (an error; a "
        "workbook shows blank).",
        # by hand: scale 9, six +1 and two −1 criteria of weight 1: highest 54, lowest −18, range 72;
        # government 100 × (42 + 18) / 72 = 83.333…; telecom 100 × (44 + 18) / 72 = 86.111…
        example=Example(
            (_INDUSTRIES,),
            ("C5:C12", "imsc_industry", FromModel()),
            "同上两个行业：最高 9 × 6 = 54，最低 −9 × 2 = −18；政府 100 × (42 + 18) / 72 = 83.33，电信 86.11。",
            "The same two industries: highest 9 × 6 = 54, lowest −9 × 2 = −18; government "
            "100 × (42 + 18) / 72 = 83.33, telecom 86.11.",
            kwargs=(("card", _IMSC),),
        ),
    ),
    Indicator(
        "weight_direction",
        None,
        "权重×方向",
        "Weight × direction",
        "某项评分标准的权重 × 方向（负向指标为负）：原始得分的系数",
        "a criterion's weight × direction (negative for a negative criterion): the raw score's coefficient",
        "§2.1",
        scorecard.weight_direction,
        (
            Arg("scorecard", "评分卡代码", "scorecard code"),
            Arg("criterion", "第几项评分标准（从 1 起）", "which criterion (from 1)"),
        ),
        excel=X.weight_direction,
        definition_zh="评分卡第 k 项的权重 × 方向，即原始得分里这一项评分的系数；负向项为负数。客户组合表把它列在"
        "各评分项上方的一行，原始得分用 SUMPRODUCT 沿行求和。",
        definition_en="Criterion k's weight × direction: the coefficient of its score in the raw score, negative "
        "for a −1 criterion. The portfolio sheet shows them in a row above the criteria, so the raw score is a "
        "SUMPRODUCT along the row.",
        # by hand: every weight 1; directions + + + − − + + +
        example=Example(
            (),
            ("imsc_industry", 4),
            "IMSC 行业评分卡八项的系数；公式取第 4 项竞争程度：1 × (−1) = −1。",
            "The IMSC industry card's eight coefficients; the formula takes the 4th, competition: 1 × (−1) = −1.",
            kwargs=(("card", _IMSC),),
        ),
    ),
    Indicator(
        "tier",
        "KAM_TIER",
        "客户等级",
        "Tier",
        "由 0–100 得分按阈值分级",
        "tier from a 0–100 score by the model's thresholds",
        "§2.2",
        scorecard.tier,
        (Arg("score", "0–100 得分（可为区域）", "0–100 score (or a range)"), LANG),
        excel=X.tier,
        definition_zh="从最高一级往下，取得分达到（≥，先舍入到 9 位小数）的第一级：默认 ≥ 75 战略客户、≥ 55 重点客户、"
        "≥ 35 成长客户，其余一般客户。得分空白时结果空白；不在 0–100 之内是错误。",
        definition_en="From the top level down, the first whose minimum the score reaches (≥, after rounding to 9 "
        "places): by default ≥ 75 Strategic, ≥ 55 Key, ≥ 35 Growth, otherwise Standard. A blank score "
        "gives a blank; a score outside 0–100 is an error.",
        # by hand: 75 ≥ 75 → 战略客户; 74.99 < 75, ≥ 55 → 重点客户; 83.33 → 战略客户; 34.9 < 35 → 一般客户
        example=Example(
            ([75, 74.99, 83.33, 34.9],),
            ("D5", "zh"),
            "75 正好达到战略客户的下限；74.99 差一点，是重点客户；34.9 低于 35，是一般客户。",
            "75 reaches the Strategic minimum exactly; 74.99 falls just short and is Key; 34.9 is below 35, Standard.",
        ),
    ),
    Indicator(
        "abc",
        "KAM_ABC",
        "ABC分类",
        "ABC class",
        "二八法则 ABC 分类：高于本客户者占总额 <80% 为 A，<95% 为 B，否则 C",
        "Pareto class: share held by accounts above < 80 % → A, < 95 % → B, else C",
        "§2.3",
        pareto.abc,
        (
            Arg("value", "本客户的价值（或全部价值的区域）", "this account's value (or the range of all values)"),
            Arg(
                "values",
                "全部客户的价值区域（省略则对 value 整体分类）",
                "all accounts' values (omit to classify value as a whole)",
                True,
            ),
            LANG,
        ),
        excel=X.abc,
        definition_zh="按“高于本客户者占比”（价值严格大于本客户的客户之和 ÷ 全部价值之和）分类：低于 80 % 为 A，"
        "低于 95 % 为 B，其余为 C。同值的客户互不“高于”，类别相同；价值须 ≥ 0 且合计 > 0。工作簿公式读本行的"
        "“高于本客户者占比”单元格，该格空白时结果空白。",
        definition_en="Classed by the share above (the values strictly greater than this account's ÷ all values): "
        "below 80 % A, below 95 % B, otherwise C. Accounts of equal value are not above each other and share a "
        "class; values must be ≥ 0 and add up to more than 0. The workbook formula reads the row's share-above "
        "cell and is blank while that cell is.",
        # by hand (total 100): above 甲 0, 乙 40, 丙 and 丁 60 (they tie), 戊 80, 己 88, 庚 93, 辛 97
        # → A A A A; 80 is not below 80 → B; 88, 93 → B; 97 → C
        example=Example(
            (_ABC_VALUES,),
            ("C5", "zh"),
            "定义 §2.3 的甲…辛八个客户（合计 100）：丙、丁同为 10，上方都是 60 %，同为 A 类；戊上方正好 80 %，"
            "不低于 80 %，为 B 类；辛上方 97 %，为 C 类。",
            "The eight accounts 甲 … 辛 of definitions §2.3 (total 100): 丙 and 丁 tie at 10 with 60 % above "
            "each, both A; 戊 has exactly 80 % above, not below 80 %: B; 辛 has 97 % above: C.",
        ),
    ),
    Indicator(
        "share_above",
        None,
        "高于本客户者占比",
        "Share held by larger accounts",
        "价值高于本客户的客户占总额的比例（同值者不计），按 ABC 比较时的精度取整",
        "the share of the total held by accounts of greater value (ties excluded), rounded as ABC compares it",
        "§2.3",
        pareto.abc_share,
        (
            Arg("value", "本客户的价值", "this account's value"),
            Arg("values", "全部客户的价值区域", "all accounts' values"),
        ),
        excel=X.share_above,
        definition_zh="价值严格大于本客户的那些客户的价值之和 ÷ 全部价值之和，舍入到 12 位小数（ABC 分类就用这个数比较）。"
        "同值者不计入；本行价值空白时结果空白，空白行不计入合计。",
        definition_en="The values strictly greater than this account's, summed, ÷ all values, rounded to 12 "
        "places (the figure the ABC class compares). Equal values are not counted; a blank value gives a blank "
        "and adds nothing to the total.",
        # by hand (total 100): 0, 40, 40 + 20 = 60, 60, 80, 88, 93, 97 (%)
        example=Example(
            (_ABC_VALUES,),
            ("B5", "$B$5:$B$12"),
            "同上八个客户：乙上方只有甲的 40；戊上方是 40 + 20 + 10 + 10 = 80。",
            "The same eight accounts: above 乙 there is only 甲's 40; above 戊, 40 + 20 + 10 + 10 = 80.",
        ),
    ),
    Indicator(
        "pareto_value",
        None,
        "第 k 大的价值",
        "k-th largest value",
        "帕累托排序：全部价值中第 k 大者（空白不计；k 超过个数时为空白）",
        "Pareto list: the k-th largest of the values (blanks left out; blank when k exceeds their count)",
        "§2.3",
        pareto.largest,
        (Arg("values", "全部客户的价值区域", "all accounts' values"), Arg("k", "名次（从 1 起）", "rank (from 1)")),
        excel=X.pareto_value,
        definition_zh="帕累托排序的价值列：全部价值中第 k 大的一个（同 Excel 的 LARGE）。空白不计；k 超过已填价值的个数时"
        "结果空白；k 须为正整数。",
        definition_en="The Pareto list's value column: the k-th largest of the values (as Excel's LARGE). Blanks "
        "are left out; k beyond the number of values gives a blank; k must be a whole number from 1.",
        # by hand: the filled values 10, 40, 20, 10 in descending order are 40, 20, 10, 10; k = 5 > 4 values → blank
        example=Example(
            (_PARETO_VALUES, [1, 2, 3, 4, 5]),
            ("$B$5:$B$9", "D5"),
            "甲 10、乙 40、丙空白、丁 20、戊 10：从大到小 40、20、10、10；只有 4 个价值，第 5 名空白。",
            "甲 10, 乙 40, 丙 blank, 丁 20, 戊 10: in descending order 40, 20, 10, 10; there are only four "
            "values, so the 5th is blank.",
        ),
    ),
    Indicator(
        "pareto_account",
        None,
        "该价值的客户",
        "Account holding the value",
        "帕累托排序：价值等于该值的第一个客户（按表中顺序）的名称",
        "Pareto list: the name of the first account (in table order) whose value equals the given one",
        "§2.3",
        pareto.holder,
        (
            Arg("value", "某一价值（帕累托排序中的一行）", "a value (a row of the Pareto list)"),
            Arg("values", "全部客户的价值区域", "all accounts' values"),
            Arg("names", "客户名称区域（与价值同行）", "the accounts' names (rows aligned with the values)"),
        ),
        excel=X.pareto_account,
        definition_zh="帕累托排序的客户列：价值等于该行价值的第一个客户（按表中顺序，同 INDEX/MATCH）。同值的几行都显示"
        "第一个客户；该行价值空白时结果空白；不在价值列中的价值是错误。",
        definition_en="The Pareto list's account column: the first account, in table order, whose value equals the "
        "row's (as INDEX/MATCH finds it). Rows of equal value all show that first account; a blank value gives a "
        "blank; a value not among the values is an error.",
        # by hand: 40 is 乙's, 20 丁's; 10 is 甲's and 戊's, 甲 comes first; blank → ""
        example=Example(
            ([40, 20, 10, 10, None], _PARETO_VALUES, ["甲", "乙", "丙", "丁", "戊"]),
            ("E5", "$B$5:$B$9", "$A$5:$A$9"),
            "帕累托排序各行的价值 40、20、10、10、空白：10 由甲和戊持有，两行都显示排在前面的甲。",
            "The Pareto rows' values 40, 20, 10, 10, blank: 10 is held by 甲 and 戊, and both rows show 甲, "
            "the first in the table.",
        ),
    ),
    Indicator(
        "pareto_cumulative",
        None,
        "累计占比",
        "Cumulative share",
        "帕累托排序：按价值降序累计，到本行为止占总额的比例",
        "Pareto list: the share of the total held by the values down to this row, in descending order",
        "§2.3",
        pareto.cumulative_share,
        (
            Arg("value", "本行的价值", "this row's value"),
            Arg("previous", "上一行的累计占比", "the row above's cumulative share"),
            Arg("total", "价值合计", "the values' total"),
        ),
        excel=X.pareto_cumulative,
        definition_zh="帕累托排序的累计占比：上一行的累计占比 + 本行价值 ÷ 价值合计，所以最后一行是 100 %。空白不计；"
        "本行价值空白时结果空白（第一行的“上一行”是表头，按 0 计）。",
        definition_en="The Pareto list's running share: the row above's share + this row's value ÷ the total, so "
        'the last row is 100 %. Blanks are left out; a blank value gives a blank (the first row\'s "row above" '
        "is the header, read as 0).",
        # by hand: total 80: 40/80 = 0.5; + 20/80 = 0.75; + 10/80 = 0.875; + 10/80 = 1
        example=Example(
            (_PARETO_VALUES,),
            ("E6", "F5", "$B$10"),
            "同上价值（合计 80）：40/80 = 50 %，再加 20/80 为 75 %，87.5 %，最后 100 %。公式是第二行的：F5 是上一行，"
            "B10 是合计。",
            "The same values (total 80): 40/80 = 50 %, then + 20/80 = 75 %, 87.5 %, and 100 % at the end. The "
            "formula is the second row's: F5 is the row above, B10 the total.",
        ),
    ),
    Indicator(
        "pyramid",
        "KAM_PYRAMID",
        "金字塔层级",
        "Pyramid layer",
        "客户价值金字塔层级（白金/金/银/铜），按价值排名",
        "value-pyramid layer (platinum/gold/silver/bronze) by value rank",
        "§2.4",
        pyramid.pyramid,
        (
            Arg("value", "本客户的价值（或全部价值的区域）", "this account's value (or the range of all values)"),
            Arg(
                "values",
                "全部客户的价值区域（省略则对 value 整体定位）",
                "all accounts' values (omit to place value as a whole)",
                True,
            ),
            LANG,
        ),
        excel=X.pyramid,
        definition_zh="按价值从大到小排名（同值同名次，取较好的名次，同 RANK.EQ）；n 个客户中名次 r 的客户上方有 "
        "(r − 1)/n 的客户，其层级是累计客户占比（默认白金 5 %、金 20 %、银 50 %、铜 100 %）大于它的第一层。"
        "只比排名，负值也可以；价值空白时结果空白。",
        definition_en="Accounts are ranked by value, largest first (equal values share the better rank, as RANK.EQ); "
        "with n accounts, rank r has (r − 1)/n of them above it, and its layer is the first whose cumulative share "
        "of accounts (by default platinum 5 %, gold 20 %, silver 50 %, bronze 100 %) is greater than that. Only "
        "the rank counts, so a negative value is allowed; a blank value gives a blank.",
        # by hand: n = 10, cumulative limits × 10 = 0.5, 2, 5, 10; rank r − 1 = 0 < 0.5 → 白金; 1 < 2 → 金;
        # 2, 3, 4 < 5 → 银; 5 … 9 < 10 → 铜
        example=Example(
            ([520, 310, 280, 150, 120, 95, 60, 40, 25, 10],),
            ("B5", "$B$5:$B$14", "zh"),
            "10 个客户（万元）：累计界限 × 10 为 0.5、2、5、10，所以 1 个白金、1 个金、3 个银、5 个铜。",
            "Ten accounts (in 10,000 yuan): the cumulative limits × 10 are 0.5, 2, 5 and 10, so 1 platinum, "
            "1 gold, 3 silver and 5 bronze.",
        ),
    ),
    Indicator(
        "quadrant",
        "KAM_QUADRANT",
        "价值象限",
        "Value quadrant",
        "客户价值矩阵：当前价值 × 潜在价值",
        "value quadrant: current value against potential value",
        "§2.4",
        pyramid.quadrant,
        (
            Arg("current", "当前价值得分 0–100", "current-value score 0–100"),
            Arg("potential", "潜在价值得分 0–100", "potential-value score 0–100"),
            LANG,
        ),
        excel=X.quadrant,
        definition_zh="当前价值得分和潜在价值得分（各 0–100）各与阈值（默认 50）比较，达到阈值算“高”：高/高 战略型，"
        "当前高/潜在低 维持型，当前低/潜在高 发展型，低/低 普通型。任一空白时结果空白；超出 0–100 是错误。",
        definition_en="The current-value and potential-value scores (each 0–100) are compared with their "
        "thresholds (50 by default), a score at the threshold counting as high: high/high Strategic, current "
        "high/potential low Maintain, current low/potential high Develop, low/low Basic. A blank input gives a "
        "blank; a score outside 0–100 is an error.",
        # by hand: (60 ≥ 50, 40 < 50) → Maintain; (50, 50) both reach → Strategic; (40, 70) → Develop; (30, 20) → Basic
        example=Example(
            ([60, 50, 40, 30], [40, 50, 70, 20]),
            ("C5", "D5", "en"),
            "四个客户（英文标签）：当前 60、潜在 40 为维持型；50 和 50 正好达到阈值，为战略型。",
            "Four accounts, labels in English: current 60 with potential 40 is Maintain; 50 and 50 reach the "
            "thresholds exactly: Strategic.",
            kwargs=(("lang", "en"),),
        ),
    ),
    Indicator(
        "matrix",
        "KAM_MATRIX",
        "组合矩阵",
        "Portfolio matrix",
        "组合矩阵：客户吸引力 × 我方相对实力",
        "portfolio matrix: account attractiveness against our relative strength",
        "§2.4",
        pyramid.matrix,
        (
            Arg("attractiveness", "客户吸引力 0–100（评分卡得分）", "account attractiveness 0–100 (scorecard score)"),
            Arg(
                "strength",
                "我方相对实力 0–100（默认为壁垒强度）",
                "our relative strength 0–100 (default: barrier strength)",
            ),
            LANG,
        ),
        excel=X.matrix,
        definition_zh="客户吸引力（分级评分卡的 0–100 得分）× 我方相对实力（0–100，默认用壁垒强度，定义 §2.5），各与阈值 50 "
        "比较，达到算“高”：高/高 战略（投入），吸引力高/实力弱 明星（选择性投入），吸引力低/实力强 维系（维持地位），"
        "低/低 精简（回收现金）。任一空白时结果空白。",
        definition_en="Account attractiveness (the tier scorecard's 0–100 score) against our relative strength "
        "(0–100, by default the barrier strength, definitions §2.5), each against a threshold of 50 that counts "
        "as high: high/high Strategic (invest), attractive but weak Star (invest selectively), less attractive "
        "but strong Sustain (maintain the position), low/low Streamline (manage for cash). A blank input gives a blank.",
        # by hand: 83.33 ≥ 50 with 69 ≥ 50 → 战略; with 35 < 50 → 明星; 40 < 50 with 69 → 维系; with 35 → 精简
        example=Example(
            ([83.33, 83.33, 40, 40], [69, 35, 69, 35]),
            ("E5", "F5", "zh"),
            "吸引力 83.33（政府行业的得分）配相对实力 35 为明星；配 69 为战略。",
            "Attractiveness 83.33 (the government industry's score) with strength 35 is a Star; with 69, Strategic.",
        ),
    ),
    Indicator(
        "portfolio",
        "KAM_PORTFOLIO",
        "客户组合",
        "Portfolio",
        "整张客户表（含表头）输入，输出全部指标（含表头）",
        "a whole account table with a header row in; every indicator out, with a header row",
        "§2–§3",
        score_portfolio,
        (Arg("table", "客户表（第一行为表头）", "account table (first row = headers)"), LANG),
        definition_zh="整张客户表（第一行为表头）一次打分：按表头认出各列（模型代码、中文或英文名称，如 销售额/Revenue、"
        "主推/Specified），凡输入列齐全的指标都算出来——得分、等级、ABC、金字塔、围墙、壁垒、象限、矩阵、生命周期价值、"
        "信用等级。某行的输入空白时该行这一指标空白；合计行（合计、Total …）跳过，不参与排名。",
        definition_en="A whole account table (first row = headers) scored at once: columns are recognised by "
        "their headers (the model's codes, Chinese or English names, such as 销售额/Revenue or 主推/Specified), "
        "and every indicator whose input columns are there is computed — score, tier, ABC, pyramid, wall, "
        "barrier, quadrant, matrix, lifetime value, credit rating. A row whose inputs for an indicator are blank "
        "gets a blank there; a totals row (合计, Total …) is skipped and not ranked.",
        # by hand: tiers 83.33 → 战略客户, 70 → 重点客户, 50 → 成长客户, 30 → 一般客户; revenue total 1,000:
        # share above 0, 500 → 0.5, 800 → 0.8, 950 → 0.95 → A, A, B (0.8 is not below 0.8), C (0.95 not below 0.95);
        # pyramid n = 4: limits × 4 = 0.2, 0.8, 2, 4; rank − 1 = 0 → 白金, 1 → 银, 2 → 铜, 3 → 铜
        example=Example(
            (
                pd.DataFrame(
                    {"客户": ["甲", "乙", "丙", "丁"], "得分": [83.33, 70, 50, 30], "销售额": [500, 300, 150, 50]}
                ),
            ),
            (),
            "四个客户，表头为 客户、得分、销售额：等级来自得分，ABC 和金字塔来自销售额（合计 1,000）。丙上方正好 80 %，"
            "为 B 类；丁上方 95 %，为 C 类。",
            "Four accounts headed 客户 (account), 得分 (score) and 销售额 (revenue): the tier comes from the score, "
            "ABC and the pyramid from the revenue (total 1,000). 丙 has exactly 80 % above it: B; 丁 95 %: C.",
        ),
    ),
)
