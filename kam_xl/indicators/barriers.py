"""Barrier strength: wall criteria, switching cost, competitor barriers — docs/definitions.md §2.5."""

from __future__ import annotations

from kam_xl.core import barriers
from kam_xl.indicators.entry import LANG, Arg, Example, Indicator
from kam_xl.xlformulas import barriers as X

__all__ = ["ENTRIES"]

# The wall table of definitions §2.5: accounts A–D, each specified, share, contact, personal (0–2).
_WALLS = [[1, 0, 1, 2], [2, 1, 1, 2], [1, 0, 1, 2], [1, 0, 0, 2]]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "wall",
        "KAM_WALL",
        "围墙得分",
        "Wall score",
        "围墙准则得分：主推、份额、接触、私交各 0–2 之和",
        "wall score: specified, share, contact, personal, each 0–2, summed",
        "§2.5",
        barriers.wall,
        (Arg("criteria", "四项围墙准则评分（一行四格）", "the four wall-criteria scores (one row of four)"),),
        excel=X.wall,
        definition_zh="围墙得分 = 主推 + 份额 + 接触 + 私交，四项各为 0、1 或 2 的整数，合计 0–8。份额一项由钱包份额来："
        "低于 30 % 为 0，30 %–70 % 为 1，高于 70 % 为 2。评分空白或不是 0–2 的整数是错误；工作簿在四项填齐前显示空白。",
        definition_en="Wall score = specified + share + contact + personal, each a whole number 0, 1 or 2, so "
        "0–8. The share criterion comes from the share of wallet: below 30 % is 0, 30 %–70 % is 1, above 70 % "
        "is 2. A blank score, or one that is not a whole number 0–2, is an error; a workbook shows blank until "
        "all four are in.",
        # by hand: A 1 + 0 + 1 + 2 = 4; B 2 + 1 + 1 + 2 = 6; C 4; D 1 + 0 + 0 + 2 = 3
        example=Example(
            (_WALLS,),
            ("B5:E5", 4),
            "定义 §2.5 的围墙表，客户 A–D 各一行：B 是唯一指定供应商（主推 2）、份额 30 %–70 %（1），得 6 分。",
            "The wall table of definitions §2.5, one row per account A–D: B is the sole specified supplier "
            "(specified 2) with a 30 %–70 % share (1), and scores 6.",
        ),
    ),
    Indicator(
        "wall_share",
        None,
        "份额（围墙准则）",
        "Share (wall criterion)",
        "围墙准则“份额”：由钱包份额得出，< 30 % 为 0，30 %–70 % 为 1，> 70 % 为 2",
        "wall criterion 'share' from the share of wallet: below 30 % 0, 30 %–70 % 1, above 70 % 2",
        "§2.5",
        barriers.wall_share_score,
        (Arg("share", "钱包份额 0–1", "share of wallet 0–1"),),
        excel=X.wall_share,
        definition_zh="份额 = 2（钱包份额 > 70 %）、1（≥ 30 %）或 0；两个阈值是模型的 barrier.share_full 与 "
        "barrier.share_partial。钱包份额空白时结果空白；超出 0–1 是错误。账户计划中旁边的输入格填了值时以输入为准。",
        definition_en="Share = 2 when the share of wallet is above 70 %, 1 from 30 %, else 0; the thresholds are "
        "the model's barrier.share_full and barrier.share_partial. A blank share gives a blank; one outside 0–1 "
        "is an error. In the account plan a value typed in the input beside it is used instead.",
        # by hand: 0.2999 < 0.30 → 0; 0.30 ≥ 0.30 → 1; 0.70 is not above 0.70 → 1; 0.86 > 0.70 → 2
        example=Example(
            ([0.2999, 0.30, 0.70, 0.86],),
            ("B17",),
            "30 % 与 70 % 都算 1 分（“30 %–70 %”含两端），86 % 为 2 分。",
            "30 % and 70 % both score 1 ('30 %–70 %' includes both ends); 86 % scores 2.",
        ),
    ),
    Indicator(
        "wall_contact",
        None,
        "接触（围墙准则）",
        "Contact (wall criterion)",
        "围墙准则“接触”：由层级覆盖率得出，覆盖一个层级为 0，两个为 1，决策、管理、操作三层为 2",
        "wall criterion 'contact' from the level coverage: one level 0, two 1, decision, management and operating 2",
        "§2.5",
        barriers.wall_contact_score,
        (Arg("coverage", "层级覆盖率 0–1", "level coverage 0–1"),),
        excel=X.wall_contact,
        definition_zh="覆盖的层级数 = 层级覆盖率 × 层级数（默认 3）；≥ barrier.contact_full（3）为 2，"
        "≥ barrier.contact_partial（2）为 1，其余为 0。覆盖率空白时结果空白。账户计划中旁边的输入格填了值时以输入为准。",
        definition_en="Levels reached = level coverage × the number of levels (3 by default); from "
        "barrier.contact_full (3) it scores 2, from barrier.contact_partial (2) 1, otherwise 0. A blank coverage "
        "gives a blank. In the account plan a value typed in the input beside it is used instead.",
        # by hand: 0 and 1/3 reach fewer than 2 levels → 0; 2/3 × 3 = 2 → 1; 3/3 → 2
        example=Example(
            ([0.0, 1 / 3, 2 / 3, 1.0],),
            ("B9", 3),
            "覆盖两个层级（2/3）为 1 分，三个层级都覆盖为 2 分。",
            "Two levels reached (2/3) score 1; all three score 2.",
        ),
    ),
    Indicator(
        "wall_ratio",
        "KAM_WALL_RATIO",
        "围墙比率",
        "Wall ratio",
        "围墙得分 / 满分",
        "wall score / its maximum",
        "§2.5",
        barriers.wall_ratio,
        (Arg("criteria", "四项围墙准则评分（一行四格）", "the four wall-criteria scores (one row of four)"),),
        excel=X.wall_ratio,
        definition_zh="围墙比率 = 围墙得分 ÷ 满分（默认 4 × 2 = 8），0–1；围墙得分空白时结果空白。",
        definition_en="Wall ratio = the wall score ÷ its maximum (4 × 2 = 8 by default), 0–1; a blank wall "
        "score gives a blank.",
        # by hand: 4/8 = 0.5, 6/8 = 0.75, 4/8 = 0.5, 3/8 = 0.375
        example=Example(
            (_WALLS,),
            ("F5",),
            "同上四个客户：D 为 3 / 8 = 37.5 %（课程资料印作 37 %）。工作簿公式读同一行的围墙得分 F5。",
            "The same four accounts: D is 3 / 8 = 37.5 % (the course material prints 37 %). The workbook formula "
            "reads the row's wall score, F5.",
        ),
    ),
    Indicator(
        "switching",
        "KAM_SWITCHING",
        "转换成本",
        "Switching cost",
        "转换成本：程序性、财务性、关系性（各 0–5）的平均",
        "switching cost: mean of procedural, financial, relational (each 0–5)",
        "§2.5",
        barriers.switching_cost,
        (
            Arg("procedural", "程序性转换成本 0–5", "procedural switching cost 0–5"),
            Arg("financial", "财务性转换成本 0–5", "financial switching cost 0–5"),
            Arg("relational", "关系性转换成本 0–5", "relational switching cost 0–5"),
        ),
        excel=X.switching,
        definition_zh="转换成本 = (程序性 + 财务性 + 关系性) ÷ 3，三项各 0–5：客户离开我们要付出的学习与评估、损失的返利与投入、"
        "人情与品牌纽带。任一项空白时结果空白；超出 0–5 是错误。",
        definition_en="Switching cost = (procedural + financial + relational) ÷ 3, each 0–5: what leaving us "
        "would cost the customer in learning and evaluation, lost rebates and sunk investment, and personal and "
        "brand bonds. A blank part gives a blank; a part outside 0–5 is an error.",
        # by hand: (4 + 3 + 2) / 3 = 3
        example=Example(
            (4, 3, 2),
            ("B5", "C5", "D5"),
            "定义 §2.5 的客户 B：(4 + 3 + 2) / 3 = 3。",
            "Account B of definitions §2.5: (4 + 3 + 2) / 3 = 3.",
        ),
    ),
    Indicator(
        "barrier",
        "KAM_BARRIER",
        "壁垒强度",
        "Barrier strength",
        "壁垒强度 0–100 = 围墙、技术、商务、转换成本加权",
        "barrier strength 0–100 from wall ratio, technical, commercial and switching cost",
        "§2.5",
        barriers.barrier_strength,
        (
            Arg("wall_ratio", "围墙比率 0–1", "wall ratio 0–1"),
            Arg("technical", "技术壁垒 0–5", "technical barrier 0–5"),
            Arg("commercial", "商务壁垒 0–5", "commercial barrier 0–5"),
            Arg("switching", "转换成本 0–5", "switching cost 0–5"),
        ),
        excel=X.barrier,
        definition_zh="壁垒强度 = 100 × (0.40 × 围墙比率 + 0.15 × 技术壁垒/5 + 0.15 × 商务壁垒/5 + 0.30 × 转换成本/5)，"
        "0–100（权重为模型默认值，合计为 1）。任一项空白时结果空白；超出范围是错误。",
        definition_en="Barrier strength = 100 × (0.40 × wall ratio + 0.15 × technical/5 + 0.15 × commercial/5 + "
        "0.30 × switching cost/5), 0–100 (the model's default weights, adding up to 1). A blank input gives a "
        "blank; one out of range is an error.",
        # by hand: 100 × (0.40 × 0.75 + 0.15 × 4/5 + 0.15 × 3/5 + 0.30 × 3/5) = 100 × (0.30 + 0.12 + 0.09 + 0.18) = 69
        example=Example(
            (0.75, 4, 3, 3),
            ("G5", "H5", "I5", "J5"),
            "客户 B：围墙比率 75 %、技术 4、商务 3、转换成本 3：100 × (0.30 + 0.12 + 0.09 + 0.18) = 69。",
            "Account B: wall ratio 75 %, technical 4, commercial 3, switching cost 3: "
            "100 × (0.30 + 0.12 + 0.09 + 0.18) = 69.",
        ),
    ),
    Indicator(
        "barrier_level",
        "KAM_BARRIER_LEVEL",
        "壁垒等级",
        "Barrier level",
        "壁垒等级：强 / 中 / 弱",
        "barrier level: strong / moderate / weak",
        "§2.5",
        barriers.barrier_level,
        (Arg("strength", "壁垒强度 0–100", "barrier strength 0–100"), LANG),
        excel=X.barrier_level,
        definition_zh="按壁垒强度分级，取达到（≥）的第一级：≥ 70 强，≥ 40 中，其余弱。强度空白时结果空白；超出 0–100 是错误。",
        definition_en="The first level whose minimum the barrier strength reaches (≥): ≥ 70 Strong, ≥ 40 "
        "Moderate, otherwise Weak. A blank strength gives a blank; one outside 0–100 is an error.",
        # by hand: 69 < 70, ≥ 40 → 中; 70 → 强; 40 → 中; 39.9 < 40 → 弱
        example=Example(
            ([69, 70, 40, 39.9],),
            ("K5", "zh"),
            "客户 B 的 69 差一点到强，为中；70 和 40 正好达到各自的下限。",
            "Account B's 69 falls one point short of strong: Moderate; 70 and 40 reach their minimums exactly.",
        ),
    ),
)
