"""Barrier strength: wall criteria, switching cost, competitor barriers — docs/definitions.md §2.5."""

from __future__ import annotations

from kam_xl.core import barriers
from kam_xl.indicators.entry import LANG, Arg, Indicator
from kam_xl.xlformulas import barriers as X

__all__ = ["ENTRIES"]

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
    ),
)
