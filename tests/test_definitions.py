"""docs/definitions.md — the domain in the repository — cannot drift from the code.

Each worked example the document prints is listed here with its arithmetic worked out by
hand, checked against the document's own table or sentence, and recomputed with the core.
The defaults table of §4 is checked against the shipped model, path by path, and every
"§x.y" that kam_xl/ and udfs/ cite must be a section of the document.
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path

import kam_udfs as k
import numpy as np
import pandas as pd
import pytest

from kam_xl.cells import parse_number, to_date, to_dates
from kam_xl.core import (
    barriers,
    buying_centre,
    clv,
    pareto,
    pipeline,
    plans,
    pyramid,
    satisfaction,
    scorecard,
    tally,
    wallet,
)
from kam_xl.core import receivables as R
from kam_xl.core.buying_centre import RISK_FLAGS
from kam_xl.errors import InputError, KamError, ModelError, NotANumberError, OutOfRangeError, TotalMismatchError
from kam_xl.indicators import REGISTRY
from kam_xl.models import default_model, model_from_dict, model_rows
from kam_xl.reading import is_total_label
from tests.conftest import default_dict

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "definitions.md"
TEXT = DOC.read_text(encoding="utf-8")
MODEL = default_model()

# ---------------------------------------------------------------- reading the document

_HEADING = re.compile(r"^(#{2,3}) §(\d+(?:\.\d+)?) (.*)$", re.MULTILINE)
_ANY_HEADING = re.compile(r"^(#{1,6}) ", re.MULTILINE)


def _sections() -> dict[str, str]:
    """Section number → its text (a §2 holds its §2.x), up to the next heading of its level or above."""
    out: dict[str, str] = {}
    for m in _HEADING.finditer(TEXT):
        level, end = len(m[1]), len(TEXT)
        for h in _ANY_HEADING.finditer(TEXT, m.end()):
            if len(h[1]) <= level:
                end = h.start()
                break
        assert m[2] not in out, f"§{m[2]} is a heading twice"
        out[m[2]] = TEXT[m.start() : end]
    return out


SECTIONS = _sections()


def section(number: str) -> str:
    return SECTIONS[number]


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces as one space, so a sentence can wrap anywhere."""
    return re.sub(r"\s+", " ", text)


def says(number: str, sentence: str) -> None:
    assert flat(sentence) in flat(section(number)), f"§{number} does not say: {sentence}"


def _tables(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):  # the |---| line
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


def table(number: str, *header: str) -> list[list[str]]:
    """The body rows of the one table in §number whose header row begins with ``header``."""
    found = [t for t in _tables(section(number)) if t[0][: len(header)] == list(header)]
    assert len(found) == 1, f"§{number} has {len(found)} tables headed {header}"
    return found[0][1:]


def one(value: object) -> object:
    """A single result as a plain value, whether the core gives a scalar or a 0-d / 1-item array."""
    return np.asarray(value, dtype=object).item()


def both(zh: str, en: str) -> str:
    """A bilingual term as the document writes it: Chinese, a space, English."""
    return f"{zh} {en}"


def pct(x: float, places: int = 0) -> str:
    return f"{x * 100:.{places}f} %".replace("-", "−")


def money(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


# ---------------------------------------------------------------- the document's own structure

SECTION_NUMBERS = ["1", "2", *(f"2.{i}" for i in range(1, 18)), "3", "4", "5"]


def test_sections_are_numbered_in_order_each_with_an_anchor() -> None:
    assert list(SECTIONS) == SECTION_NUMBERS
    for number, text in SECTIONS.items():
        heading = text.splitlines()[0]
        assert heading.endswith(f'<a id="s{number}"></a>'), heading
        assert re.search(r"[\u4e00-\u9fff].*·\s*[A-Za-z]", heading), f"§{number}'s heading is not in zh and en"


_CITE = re.compile(r"(\w+)?\s*§\s*(\d+(?:\.\d+)?)(?:\s*[–-]\s*§?\s*(\d+(?:\.\d+)?))?")


def cited(text: str) -> set[str]:
    """Section numbers a text cites: "§2.11", "§2.1–2.4" (each of 2.1 … 2.4), "§2–§3", "§2.7, §2.12".

    "DESIGN §2" cites another document (the team's engine notes), not this one.
    """
    numbers: set[str] = set()
    for m in _CITE.finditer(text):
        if m[1] == "DESIGN":
            continue
        first, last = m[2], m[3] or m[2]
        if "." in first and "." in last and first.split(".")[0] == last.split(".")[0]:
            major = first.split(".")[0]
            numbers |= {f"{major}.{i}" for i in range(int(first.split(".")[1]), int(last.split(".")[1]) + 1)}
        else:
            numbers |= {first, last}
    return numbers


def test_cited_ranges_are_read_whole() -> None:
    assert cited("SPEC §2.1–2.4 and §2–§3; §2.7, §2.12 (DESIGN §9)") == {
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "2",
        "3",
        "2.7",
        "2.12",
    }


def test_every_section_the_code_cites_exists() -> None:
    sources = [p for d in ("kam_xl", "udfs") for p in (ROOT / d).rglob("*") if p.suffix in (".py", ".toml")]
    missing: dict[str, list[str]] = {}
    seen: set[str] = set()
    for path in sources:
        for number in cited(path.read_text(encoding="utf-8")):
            seen.add(number)
            if number not in SECTIONS:
                missing.setdefault(number, []).append(str(path.relative_to(ROOT)))
    assert {"2.1", "2.5", "2.11", "3"} <= seen, "the citation scan found too little: is the pattern broken?"
    assert not missing, f"cited but not in docs/definitions.md: {missing}"
    for entry in REGISTRY.values():  # the registry's own field, which the reference prints
        assert cited(entry.spec) and cited(entry.spec) <= set(SECTIONS), (entry.key, entry.spec)


def test_the_documents_own_references_and_links_resolve() -> None:
    assert cited(TEXT) <= set(SECTIONS)
    keys = re.findall(r"\(indicators\.md#([a-z0-9_]+)\)", TEXT)
    assert len(keys) > 30 and set(keys) <= set(REGISTRY), sorted(set(keys) - set(REGISTRY))
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', TEXT))
    assert set(re.findall(r"\]\(#([^)]+)\)", TEXT)) <= anchors
    for target in re.findall(r"\]\((\.\./[^)#]+)\)", TEXT):  # links into the repository, relative to docs/
        assert (DOC.parent / target).exists(), target


# ---------------------------------------------------------------- §2: rules for every indicator


def test_a_score_a_hair_below_a_threshold_in_floating_point_reaches_it() -> None:
    says("2", "a score computed as 74.99999999999999 counts as 75")
    assert one(scorecard.tier(74.99999999999999, MODEL, "en")) == "Strategic"
    assert 0.1 + 0.2 != 0.3  # the noise the rounding rule is for
    says("2", "0.1 + 0.2 is 0.30000000000000004")


def test_labels_are_found_by_code_chinese_or_english_in_any_case() -> None:
    says("2", "`支持`, `supporter` and `Supporter` are the same")
    assert buying_centre.support_index([1, 1, 1], ["支持", "supporter", "Supporter"], MODEL) == 1.0


# ---------------------------------------------------------------- §2.1 scorecard


def test_imsc_criteria_are_the_models() -> None:
    card = MODEL.scorecard("imsc_industry")
    assert table("2.1", "评分项 Criterion") == [
        [both(c.zh, c.en), f"{c.weight:g}", "+1" if c.direction > 0 else "−1"] for c in card.criteria
    ]
    assert card.scale == 9 and (card.raw_max, card.raw_min) == (54, -18)  # 9 × 6 = 54; −9 × 2 = −18


IMSC = [
    # raw: 9+7+7−3−3+9+7+9 = 42; score: 100 × (42 + 18) / 72 = 83.33
    ["政府 Government", "9 7 7 3 3 9 7 9", "42", "83.33"],
    # raw: 9+7+9−5−1+9+9+7 = 44 (the course material prints 46); 100 × 62 / 72 = 86.11
    ["电信 Telecom", "9 7 9 5 1 9 9 7", "44", "86.11"],
    # raw: 9+5+5−5−3+7+5+9 = 32; 100 × 50 / 72 = 69.44
    ["教育 Education", "9 5 5 5 3 7 5 9", "32", "69.44"],
    # raw: 9+3+9−9−7+9+7+7 = 28; 100 × 46 / 72 = 63.89
    ["金融 Finance", "9 3 9 9 7 9 7 7", "28", "63.89"],
]


def test_imsc_worked_example() -> None:
    assert table("2.1", "行业 Industry") == IMSC
    card = MODEL.scorecard("imsc_industry")
    for _, scores, raw, shown in IMSC:
        s = [float(x) for x in scores.split()]
        assert scorecard.score_raw(s, card, MODEL) == float(raw)
        assert f"{scorecard.score(s, card, MODEL):.2f}" == shown
    says("2.1", "Government: 9 + 7 + 7 − 3 − 3 + 9 + 7 + 9 = 42; 100 × (42 + 18) / 72 = 83.33.")


def test_a_stated_total_that_disagrees_is_reported_as_printed() -> None:
    telecom = [9, 7, 9, 5, 1, 9, 9, 7]
    with pytest.raises(TotalMismatchError):
        scorecard.check_stated_total(telecom, 46, MODEL.scorecard("imsc_industry"), MODEL)
    shown = k.KAM_SCORE_RAW([telecom], "imsc_industry", 46)
    assert shown.startswith("#KAM! stated_total") and "46" in shown and "44" in shown
    says("2.1", f"`{shown}`")


# ---------------------------------------------------------------- §2.2 tier


def test_tier_levels_are_the_models() -> None:
    levels = MODEL.tiers
    expected = [[both(b.zh, b.en), b.code, f"≥ {b.min:g}"] for b in levels[:-1]]
    expected.append([both(levels[-1].zh, levels[-1].en), levels[-1].code, f"< {levels[-2].min:g}"])
    assert table("2.2", "等级 Tier") == expected


TIER_EXAMPLES = [
    ["75", "战略客户 Strategic"],  # on the A threshold: ≥ 75
    ["74.99", "重点客户 Key"],  # below 75, at least 55
    ["83.33", "战略客户 Strategic"],  # the IMSC government score of §2.1
    ["34.9", "一般客户 Standard"],  # below 35
]


def test_tier_examples() -> None:
    assert table("2.2", "得分 Score") == TIER_EXAMPLES
    for score, label in TIER_EXAMPLES:
        zh, en = (one(scorecard.tier(float(score), MODEL, lang)) for lang in ("zh", "en"))
        assert both(zh, en) == label


GROUPS = {
    "market_perception": "市场认知 Market perception",
    "value_to_us": "对我方的价值 Value to us",
    "relationship": "关系 Relationship",
    "corporate_alignment": "企业匹配 Corporate alignment",
}


def test_selection_scorecard_is_the_models() -> None:
    card = MODEL.scorecard("account_selection")
    assert MODEL.scorecard().code == "account_selection"  # the tier scorecard by default
    assert table("2.2", "评分项 Criterion") == [
        [both(c.zh, c.en), GROUPS[c.group], f"{c.weight:g}"] for c in card.criteria
    ]
    assert all(c.direction == 1 for c in card.criteria) and card.scale == 10


def test_selection_scorecard_example() -> None:
    # 4×8 + (6 + 4×10) + 3×8 + (5×6 + 8) = 32 + 46 + 24 + 38 = 140; scored 1–10, all +1:
    # raw_max = 10·140 = 1,400, raw_min = 1·140 = 140, score = 100·(raw − 140)/1,260
    card = MODEL.scorecard("account_selection")
    assert card.weights.sum() == 140 and (card.scale_min, card.scale) == (1, 10)
    assert (card.raw_max, card.raw_min) == (1400, 140)
    says("2.2", "scored 1–10 (low 1 – high 10)")
    says("2.2", "raw_max = 10 × 140 = 1,400, raw_min = 1 × 140 = 140 and the")
    # 7 × 140 = 980; 100·(980 − 140)/1260 = 84000/1260 = 66.67 → at least 55, below 75: Key
    assert scorecard.score_raw([7] * 18, card, MODEL) == 980
    assert scorecard.score([7] * 18, card, MODEL) == pytest.approx(200 / 3)
    assert one(scorecard.tier(200 / 3, MODEL, "en")) == "Key"
    says("2.2", "score 100 × 840 / 1,260 = 66.7, 重点客户 Key")


# ---------------------------------------------------------------- §2.3 ABC


ABC = [
    # total 100; share above = the values strictly greater / 100; cumulative = running sum / 100
    ["甲", "40", "40 %", "0 %", "A"],
    ["乙", "20", "60 %", "40 %", "A"],  # 40 above
    ["丙", "10", "70 %", "60 %", "A"],  # 40 + 20 above
    ["丁", "10", "80 %", "60 %", "A"],  # tied with 丙: still 60 above
    ["戊", "8", "88 %", "80 %", "B"],  # exactly 80 above: not below 80 %
    ["己", "5", "93 %", "88 %", "B"],
    ["庚", "4", "97 %", "93 %", "B"],
    ["辛", "3", "100 %", "97 %", "C"],  # 97 above: not below 95 %
]


def test_abc_worked_example() -> None:
    assert table("2.3", "客户 Account") == ABC
    values = [float(r[1]) for r in ABC]
    classes = pareto.abc(values, MODEL, "en")
    above = pareto.share_above(values)
    running = pareto.cumulative_share(values)  # the values are listed largest first already
    for i, (_, _, cum, share, cls) in enumerate(ABC):
        assert (pct(running[i]), pct(above[i]), classes[i]) == (cum, share, cls)
    assert (MODEL.abc.a, MODEL.abc.b) == (0.80, 0.95)


def test_abc_refuses_negative_values_the_pyramid_ranks_them() -> None:
    with pytest.raises(OutOfRangeError):
        pareto.abc([-5, 10, 3], MODEL)
    assert list(pyramid.pyramid([-5, 10, 3], MODEL, "en")) == ["Bronze", "Platinum", "Silver"]


# ---------------------------------------------------------------- §2.4 pyramid, quadrant, matrix


def test_pyramid_layers_are_the_models() -> None:
    layers, cumulative = MODEL.pyramid.layers, np.cumsum([x.share for x in MODEL.pyramid.layers])
    assert table("2.4", "层级 Layer") == [
        [both(x.zh, x.en), pct(x.share), pct(c)] for x, c in zip(layers, cumulative, strict=True)
    ]


PYRAMID = [
    # layer limits = cumulative share × n, a rank r is in the first layer with r − 1 < limit
    ["20", "1", "3", "6", "10"],  # limits 1, 4, 10, 20
    ["10", "1", "1", "3", "5"],  # limits 0.5, 2, 5, 10: rank 3 has r − 1 = 2, not < 2
    ["36", "2", "6", "10", "18"],  # limits 1.8, 7.2, 18, 36
]


def _layer_counts(values: list[float]) -> list[int]:
    index = pyramid.pyramid_index(values, MODEL)
    return [int((index == i).sum()) for i in range(len(MODEL.pyramid.layers))]


def test_pyramid_examples() -> None:
    assert table("2.4", "客户数 Accounts") == PYRAMID
    for n, *counts in PYRAMID:
        assert _layer_counts([float(v) for v in range(int(n), 0, -1)]) == [int(c) for c in counts]
    says("2.4", "(2 − 1) / 36 = 2.8 %")
    # 20 accounts, the 4th and 5th equal: ranks 1 2 3 4 4 6 …; both 4th are gold (3 < 4)
    tied = [100, 90, 80, 70, 70, *range(60, 45, -1)]
    assert len(tied) == 20 and _layer_counts(tied) == [1, 4, 5, 10]
    says("2.4", "both rank 4th and both are gold: 1, 4, 5, 10")


def test_pyramid_limits_are_rounded(make_model) -> None:
    def tenths(d: dict) -> None:
        for layer, share in zip(d["pyramid"]["layers"], (0.1, 0.2, 0.3, 0.4), strict=True):
            layer["share"] = share

    model = make_model(tenths)
    # limits 10 × (0.1, 0.3, 0.6, 1) = 1, 3, 6, 10: ranks 1 | 2–3 | 4–6 | 7–10
    assert float(np.cumsum([0.1, 0.2])[-1]) * 10 > 3  # unrounded, rank 4 (r − 1 = 3) would be below the limit
    index = pyramid.pyramid_index([float(v) for v in range(10, 0, -1)], model)
    assert [int((index == i).sum()) for i in range(4)] == [1, 2, 3, 4]
    says("2.4", "10 accounts fall 1, 2, 3, 4 (unrounded, 10 % + 20 % is 0.30000000000000004")


def test_quadrant_and_matrix_examples() -> None:
    q, mx = MODEL.quadrant, MODEL.matrix
    for first, cells in (("价值矩阵 Quadrant", q), ("组合矩阵 Matrix", mx)):
        grid = [row[1:] for row in table("2.4", first)]
        assert [[re.sub(r"（.*）", "", c) for c in row] for row in grid] == [
            [both(cells.high_high.zh, cells.high_high.en), both(cells.high_low.zh, cells.high_low.en)],
            [both(cells.low_high.zh, cells.low_high.en), both(cells.low_low.zh, cells.low_low.en)],
        ]
    assert (q.x_threshold, q.y_threshold, mx.x_threshold, mx.y_threshold) == (50, 50, 50, 50)

    # 60 ≥ 50 current, 40 < 50 potential: high/low
    maintain = both(*(str(one(pyramid.quadrant(60, 40, MODEL, lang))) for lang in ("zh", "en")))
    says("2.4", f"Current 60, potential 40 → {maintain}")
    assert one(pyramid.quadrant(60, 40, MODEL, "en")) == "Maintain"
    # at the threshold counts as high on both axes
    assert one(pyramid.quadrant(50, 50, MODEL, "en")) == "Strategic"
    says("2.4", "current 50, potential 50 → 战略型 Strategic")
    # attractiveness 83.33 ≥ 50, strength 35 < 50: high/low = Star
    assert one(pyramid.matrix(83.33, 35, MODEL, "en")) == "Star"
    says("2.4", "Attractiveness 83.33 with strength 35 → 明星 Star")


# ---------------------------------------------------------------- §2.5 barriers


def test_wall_criteria_and_barrier_defaults_are_the_models() -> None:
    b = MODEL.barrier
    assert [r[0] for r in table("2.5", "准则 Criterion")] == [both(c.zh, c.en) for c in b.wall_criteria]
    assert all(c.max == 2 for c in b.wall_criteria) and b.wall_max == 8 and b.component_scale == 5
    says(
        "2.5",
        f"100 × ({b.wall_weight:.2f} × wall ratio + {b.technical_weight:.2f} × technical / 5 + "
        f"{b.commercial_weight:.2f} × commercial / 5 + {b.switching_weight:.2f} × switching cost / 5)",
    )
    strong, moderate, weak = b.levels
    says("2.5", f"{both(strong.zh, strong.en)} ≥ {strong.min:g} · {both(moderate.zh, moderate.en)} ≥ {moderate.min:g}")
    says("2.5", f"{both(weak.zh, weak.en)} below {moderate.min:g}")


WALL = [
    # wall = the sum of the four; ratio = wall / 8
    ["A", "1", "0", "1", "2", "4", "50 %"],
    ["B", "2", "1", "1", "2", "6", "75 %"],
    ["C", "1", "0", "1", "2", "4", "50 %"],
    ["D", "1", "0", "0", "2", "3", "37.5 %"],  # 3 / 8 = 0.375 (the course material prints 37 %)
]


def test_wall_table() -> None:
    assert table("2.5", "客户 Account") == WALL
    scores = [[float(x) for x in r[1:5]] for r in WALL]
    walls, ratios = barriers.wall(scores, MODEL), barriers.wall_ratio(scores, MODEL)
    for r, w, ratio in zip(WALL, walls, ratios, strict=True):
        assert (f"{w:g}", f"{ratio * 100:g} %") == (r[5], r[6])


def test_share_criterion_bands() -> None:
    # below 30 % → 0; 30 % … 70 % inclusive → 1; above 70 % → 2
    assert list(barriers.wall_share_score([0.29, 0.30, 0.70, 0.71])) == [0, 1, 1, 2]
    says("2.5", "30 % → 1, 70 % → 1, 71 % → 2")


def test_barrier_strength_example() -> None:
    # switching (4 + 3 + 2) / 3 = 3; 100 × (0.40 × 0.75 + 0.15 × 4/5 + 0.15 × 3/5 + 0.30 × 3/5)
    #   = 100 × (0.30 + 0.12 + 0.09 + 0.18) = 69 → at least 40, below 70: moderate
    switching = barriers.switching_cost(4, 3, 2, MODEL)
    strength = barriers.barrier_strength(0.75, 4, 3, switching, MODEL)
    assert switching == 3 and strength == pytest.approx(69)
    assert one(barriers.barrier_level(strength, MODEL, "en")) == "Moderate"
    says("2.5", "= 100 × (0.30 + 0.12 + 0.09 + 0.18) = **69**, 中 Moderate")
    with pytest.raises(OutOfRangeError):  # wall criteria are whole numbers
        barriers.wall([1, 0, 1.5, 2], MODEL)


# ---------------------------------------------------------------- §2.6 lifetime value


CLV = [
    ["1", "90,909.09", "100,000 / 1.1"],  # one year: 100,000 / 1.1
    # q = 8/11; (8/11)^5 = 32,768 / 161,051; 100,000 × (128,283 / 161,051) / 0.3 = 265,512.17
    ["5", "265,512.17", "*q* = 0.8 / 1.1 = 8/11; 100,000 × (1 − (8/11)⁵) / 0.3"],
    ["无限 infinite", "333,333.33", "100,000 / (1.1 − 0.8)"],  # 100,000 / 0.3
]


def test_clv_worked_example() -> None:
    assert table("2.6", "年限 Horizon") == CLV
    says("2.6", "(*m* = 100,000, *r* = 80 %, *d* = 10 %.)")
    for horizon, shown, _ in CLV:
        t = math.inf if horizon.startswith("无限") else float(horizon)
        assert money(clv.clv(100_000, 0.8, 0.1, t, MODEL)) == shown
    assert clv.clv(100_000, 0.8, 0.1, model=MODEL) == pytest.approx(100_000 / 0.3)  # the default: infinite


def test_clv_decisions() -> None:
    # q = 0.9 / (1 − 0.1) = 1: the limit m·T/(1 + d) = 1,000 × 5 / 0.9
    assert clv.clv(1_000, 0.9, -0.1, 5, MODEL) == pytest.approx(1_000 * 5 / 0.9)
    with pytest.raises(InputError):  # infinite horizon, q ≥ 1: no limit
        clv.clv(1_000, 0.9, -0.1, model=MODEL)
    assert clv.clv(-1_000, 0.5, 0.0, model=MODEL) == pytest.approx(-2_000)  # −1,000 / (1 − 0.5)
    assert clv.clv(1_000, 0.0, 0.0, 2.5, MODEL) == pytest.approx(1_000)  # a fractional horizon; r = 0: year 1 only
    with pytest.raises(OutOfRangeError):
        clv.clv(1_000, 1.2, 0.1, model=MODEL)
    says("2.6", "*m* × *T* / (1 + *d*)")


# ---------------------------------------------------------------- §2.7 share of wallet


def test_share_of_wallet_examples() -> None:
    share = wallet.share_of_wallet(3_200_000, 8_000_000)  # 3.2 / 8 = 0.4
    assert share == pytest.approx(0.4) and one(barriers.wall_share_score(share)) == 1
    assert pct(wallet.share_gap(share, 0.5)) == "−10 %"  # 40 % − 50 %
    assert [pct(x) for x in wallet.order_structure([600, 300, 100])] == ["60 %", "30 %", "10 %"]  # of 1,000
    says("2.7", "Our sales 3,200,000 of a category spend of 8,000,000: share of wallet 40 %, which scores 1")
    says("2.7", "against a 50 % target, the gap is −10 %")
    says("2.7", "Product lines selling 600, 300 and 100: order structure 60 %, 30 %, 10 %.")
    with pytest.raises(OutOfRangeError):
        wallet.share_of_wallet(9, 8)


# ---------------------------------------------------------------- §2.8 satisfaction

SATISFACTION = [
    ["产品质量 Product quality", "8", "9", "−1"],
    ["交付 Delivery", "7", "8", "−1"],
    ["技术服务 Technical service", "6", "8", "−2"],
    ["价格 Price", "5", "7", "−2"],
    ["响应速度 Responsiveness", "8", "8", "0"],
    ["关系 Relationship", "7", "7", "0"],
]


def test_satisfaction_worked_example() -> None:
    assert table("2.8", "维度 Dimension") == SATISFACTION
    assert [r[0] for r in SATISFACTION] == [both(d.zh, d.en) for d in MODEL.satisfaction.dimensions]
    assert all(d.weight == 1 for d in MODEL.satisfaction.dimensions)
    perceived = [float(r[1]) for r in SATISFACTION]
    expected = [float(r[2]) for r in SATISFACTION]
    by_dimension = satisfaction.dimension_gap(perceived, expected, MODEL)
    assert [f"{g:g}".replace("-", "−") for g in by_dimension] == [r[3] for r in SATISFACTION]
    gap = satisfaction.satisfaction_gap(perceived, expected, model=MODEL)
    assert gap == pytest.approx(-1.0)  # (−1 − 1 − 2 − 2 + 0 + 0) / 6
    assert one(satisfaction.satisfaction_level(gap, MODEL, "en")) == "Mostly satisfied"  # −1 ≤ gap < 0
    says("2.8", "= −1.00: 基本满意 Mostly satisfied")
    assert f"{satisfaction.csi(perceived, model=MODEL):.2f}" == "68.33"  # 100 × 41 / 60
    says("2.8", "= 100 × 41 / 60 = 68.33")
    assert satisfaction.csi([1] * 6, model=MODEL) == pytest.approx(10)  # 100 × 6 / 60
    levels = MODEL.satisfaction.levels
    says("2.8", f"gap ≥ {levels[0].min:g} {both(levels[0].zh, levels[0].en)}")
    says("2.8", f"{levels[1].min:g} ≤ gap < {levels[0].min:g} {both(levels[1].zh, levels[1].en)}".replace("-", "−"))


# ---------------------------------------------------------------- §2.9 buying centre

CONTACTS = [
    ["1", "决策层 Decision", "决策者 Decision maker", "支持 Supporter", "5", "2+1+1", "4"],
    ["2", "管理层 Management", "影响者 Influencer", "中立 Neutral", "3", "1+1+0", "2"],
    ["3", "操作层 Operating", "使用者 User", "反对 Opponent", "2", "0+1+0", "1"],
]


def test_buying_centre_worked_example() -> None:
    assert table("2.9", "联系人 Contact") == CONTACTS
    bc = MODEL.buying_centre
    labels = {both(x.zh, x.en): x for x in (*bc.levels, *bc.roles, *bc.stances)}
    assert all(c in labels for r in CONTACTS for c in r[1:4])  # the model's own labels
    levels, roles, stances = ([labels[r[i]].zh for r in CONTACTS] for i in (1, 2, 3))
    influence = [float(r[4]) for r in CONTACTS]
    parts = [[float(x) for x in r[5].split("+")] for r in CONTACTS]
    rel = buying_centre.relationship(*zip(*parts, strict=True))
    assert [f"{x:g}" for x in rel] == [r[6] for r in CONTACTS]
    result = buying_centre.buying_centre(levels, roles, stances, influence, rel, MODEL)
    assert f"{result.coverage * 100:.1f} %" == "66.7 %"  # 2 of 3 levels reached with relationship ≥ 2
    assert result.support_index == pytest.approx(0.30)  # (5 − 2) / 10
    assert f"{result.depth * 100:.1f} %" == "46.7 %"  # 28 / 60
    assert result.flags == ("no_coach",)
    says("2.9", "2 / 3 = 66.7 %")
    says("2.9", "= 3 / 10 = 0.30")
    says("2.9", "= 28 / 60 = 46.7 %")
    says("2.9", f"Risks: nobody is a coach: {both(RISK_FLAGS[1].zh, RISK_FLAGS[1].en)}.")
    assert bc.relationship_threshold == 2 and (bc.influence_min, bc.influence_max) == (1, 5)


def test_every_risk_flag_and_single_threading_as_documented() -> None:
    body = flat(section("2.9")).casefold()
    for flag in RISK_FLAGS:
        assert both(flag.zh, flag.en).casefold() in body, flag
    # one contact: single-threaded; a stance typed as a number is taken as it is
    flags = buying_centre.risk_flags(["操作层"], ["教练"], [0.5], MODEL)
    assert flags == ["single_threaded", "no_decision_level"]


# ---------------------------------------------------------------- §2.10 pipeline


def test_stages_are_the_models() -> None:
    assert table("2.10", "阶段 Stage") == [[both(s.zh, s.en), pct(s.probability)] for s in MODEL.pipeline.stages]


OPPORTUNITIES = [
    ["1", "1,000,000", "价值评估 Value assessed", "500,000"],  # × 50 %
    ["2", "400,000", "促成成交 Closing", "360,000"],  # × 90 %
    ["3", "2,000,000", "确定对象 Target identified", "200,000"],  # × 10 %
    ["合计 Total", "", "", "1,060,000"],  # 500,000 + 360,000 + 200,000
]


def test_pipeline_worked_example() -> None:
    assert table("2.10", "机会 Opportunity") == OPPORTUNITIES
    rows = OPPORTUNITIES[:-1]
    values = [float(r[1].replace(",", "")) for r in rows]
    stages = [r[2].split()[0] for r in rows]
    weighted = pipeline.weighted_value(values, stages, MODEL)
    assert [money(w) for w in weighted] == [r[3] for r in rows]
    assert money(pipeline.weighted_pipeline(values, stages, MODEL)) == OPPORTUNITIES[-1][3]
    assert pct(pipeline.win_rate(3, 5), 1) == "37.5 %"  # 3 / (3 + 5)
    says("2.10", "win rate 3 / 8 = 37.5 %")
    assert math.isnan(pipeline.win_rate(0, 0))  # nothing decided: blank


# ---------------------------------------------------------------- §2.11 receivables


def test_period_examples() -> None:
    period = R.period_for(date(2024, 6, 30))
    assert (period.start, period.end, period.days) == (date(2023, 6, 30), date(2024, 6, 30), 366)  # 2024 is leap
    says("2.11", "As of 2024-06-30 the period is (2023-06-30, 2024-06-30], 366 days")
    assert R.period_for(date(2024, 2, 29)).start == date(2023, 2, 28)
    says("2.11", "As of 2024-02-29 it starts after 2023-02-28")
    assert MODEL.receivables.period_months == 12


def test_rating_limits_are_the_models() -> None:
    a, b, c, _ = MODEL.receivables.ratings
    says(
        "2.11",
        f"A: DSO ≤ {a.dso_max:g} and overdue ratio ≤ {pct(a.overdue_ratio_max)} · "
        f"B: ≤ {b.dso_max:g} and ≤ {pct(b.overdue_ratio_max)} · C: ≤ {c.dso_max:g} and ≤ {pct(c.overdue_ratio_max)}",
    )
    edges = MODEL.receivables.aging_edges
    says(
        "2.11",
        f"未到期 not due · 1–{edges[0]} · {edges[0] + 1}–{edges[1]} · {edges[1] + 1}–{edges[2]} · 90 天以上 over {edges[2]}",
    )


RATINGS = [
    ["40", "4 %", "A"],  # 40 ≤ 45 and 4 % ≤ 5 %
    ["40", "10 %", "B"],  # 10 % > 5 %: not A; 40 ≤ 75 and 10 % ≤ 15 %
    ["45", "5 %", "A"],  # both limits are inclusive
    ["130", "0 %", "D"],  # 130 > 120
    ["空白 blank", "0 %", "D"],  # undefined DSO rates last
]


def _rating_code(shown: object) -> str:
    """A rating as its code, whether the core gives the code or the label."""
    for r in MODEL.receivables.ratings:
        if shown in (r.code, r.zh, r.en):
            return r.code
    raise AssertionError(f"not a rating: {shown!r}")


def test_rating_examples() -> None:
    assert table("2.11", "DSO") == RATINGS
    for dso, ratio, code in RATINGS:
        d = np.nan if dso.startswith("空白") else float(dso)
        assert _rating_code(R.credit_rating(d, float(ratio.rstrip(" %")) / 100, MODEL)) == code


def test_dso_examples() -> None:
    assert f"{R.dso(120_000, 210_000, 366):.2f}" == "209.14"  # 4/7 × 366
    says("2.11", "`=KAM_DSO(120000, 210000, 366)` gives 209.14")
    assert R.dso(0, 0, 365) == 0 and math.isnan(R.dso(100, 0, 365))
    assert k.KAM_DSO(0, 0) == 0 and k.KAM_DSO(100, 0) is None  # None: a blank cell
    says("2.11", "`=KAM_DSO(0, 0)` gives 0; `=KAM_DSO(100, 0)` gives a blank (undefined)")


def _ledger(first_header: str, columns: tuple[str, ...]) -> pd.DataFrame:
    rows = table("2.11", first_header)
    frame = pd.DataFrame(rows, columns=columns)
    frame.insert(0, "account", "华东电气")
    frame["amount"] = frame["amount"].str.replace(",", "").astype(float)
    for col in columns:
        if col.endswith("date"):
            frame[col] = pd.to_datetime(frame[col])
    return frame


def example_ledger() -> tuple[pd.DataFrame, pd.DataFrame]:
    invoices = _ledger("发票号 Invoice", ("invoice", "invoice_date", "due_date", "amount"))
    receipts = _ledger("收款对应发票 Receipt for invoice", ("invoice", "receipt_date", "amount"))
    return invoices, receipts


AS_OF = date(2024, 6, 30)

INVOICE_ROWS = [
    # days past due = 2024-06-30 − due date
    ["INV0", "0", "30,000", "377", "90 天以上 over 90"],  # 2023-06-19 → 2024-06-19 is 366 days, + 11
    ["INV1", "100,000", "0", "—", "已结清 settled"],  # paid in full on 2024-03-10
    ["INV2", "20,000", "40,000", "51", "31–60"],  # 21 days to 31 May + 30 in June
    ["INV3", "0", "50,000", "−1", "未到期 not due"],  # due 2024-07-01
]


def test_receivables_per_invoice() -> None:
    assert table("2.11", "发票 Invoice") == INVOICE_ROWS
    invoices, receipts = example_ledger()
    rows = R.invoice_rows(invoices, receipts, AS_OF)
    for (_, received, open_, dpd, _), got in zip(INVOICE_ROWS, rows.itertuples(), strict=True):
        assert (money(got.received), money(got.open)) == (received, open_)
        assert ("—" if math.isnan(got.days_past_due) else f"{got.days_past_due:g}".replace("-", "−")) == dpd


# first cell of the document's row → (the result column, the value worked out by hand, as printed)
ACCOUNT = {
    "本期销售额 Sales": ("sales", 210_000, "210,000"),  # 100,000 + 60,000 + 50,000
    "应收余额 Outstanding": ("outstanding", 120_000, "120,000"),  # 30,000 + 40,000 + 50,000
    "逾期金额 Overdue": ("overdue", 70_000, "70,000"),  # 30,000 + 40,000
    "欠款率 Arrears rate": ("arrears_rate", 120 / 210, "57.14 %"),
    "逾期占比 Overdue ratio": ("overdue_ratio", 70 / 120, "58.33 %"),
    "应收账款周转天数 DSO": ("dso", 120 / 210 * 366, "209.14"),
    "最佳可能 DSO Best possible DSO": ("best_dso", 50 / 210 * 366, "87.14"),
    "平均逾期天数 Average days delinquent": ("days_delinquent", 70 / 210 * 366, "122.00"),  # = 122 exactly
    "收款有效性指数 CEI": ("cei", 120 / 190 * 100, "63.16"),  # (30 + 210 − 120) / (30 + 210 − 50)
    # INV1: 2024-01-15 → 03-10 = 16 + 29 + 10 = 55 days; INV2: 04-10 → 06-20 = 20 + 31 + 20 = 71 days
    "平均收款周期 Average collection days": ("avg_collection_days", (100_000 * 55 + 20_000 * 71) / 120_000, "57.67"),
    "最大单笔收款额 Largest receipt": ("largest_receipt", 100_000, "100,000"),
    "平均收款额 Average receipt": ("avg_receipt", 125_000 / 3, "41,666.67"),  # INV9's 5,000 included
    "未核销收款 Unapplied receipts": ("unapplied_receipts", 5_000, "5,000"),
    # month ends Jul–Dec 2023: 30,000 (INV0); Jan, Feb: + INV1 = 130,000; Mar: INV1 paid, 30,000;
    # Apr, May: + INV2 = 90,000; Jun: 30,000 + 40,000 + 50,000 = 120,000
    "平均欠款额 Average arrears": (
        "avg_arrears",
        (6 * 30_000 + 2 * 130_000 + 30_000 + 2 * 90_000 + 120_000) / 12,
        "64,166.67",
    ),
    "信用额度使用率 Credit-limit use": ("credit_use", 0.8, "80 %"),  # 120,000 / 150,000
}


def _shown(key: str, value: float) -> str:
    if key in ("arrears_rate", "overdue_ratio"):
        return pct(value, 2)
    if key == "credit_use":
        return pct(value)
    if key in ("dso", "best_dso", "days_delinquent", "cei", "avg_collection_days"):
        return f"{value:.2f}"
    return money(value)


def test_receivables_per_account() -> None:
    rows = {r[0]: r[1] for r in table("2.11", "指标 Indicator", "值 Value")}
    invoices, receipts = example_ledger()
    result = R.receivables(invoices, receipts, AS_OF, credit_limits={"华东电气": 150_000}, model=MODEL)
    got = result.accounts.loc["华东电气"]
    for label, (key, by_hand, shown) in ACCOUNT.items():
        assert got[key] == pytest.approx(by_hand), key
        assert _shown(key, got[key]) == shown == rows[label], key
    buckets = [got[lab.code] for lab in MODEL.receivables.aging_labels]
    assert " · ".join(money(b) for b in buckets) == rows["账龄 Aging"] == "50,000 · 0 · 40,000 · 0 · 30,000"
    assert _rating_code(got["rating"]) == rows["信用等级 Credit rating"] == "D"  # DSO 209 > 120
    # opening outstanding: INV0, dated 2023-05-20, unpaid at the period start 2023-06-30
    opening = R.balances(invoices, receipts, [date(2023, 6, 30)]).iloc[0, 0]
    assert money(opening) == rows["期初应收余额 Opening outstanding"] == "30,000"
    assert list(result.problems["kind"]) == ["unknown_invoice"]  # the receipt for INV9
    assert list(result.problems["source"]) == ["receipts"]
    says("2.11", "reported as a problem (未知发票 unknown invoice)")


def test_receivables_decisions() -> None:
    # the aging limits are inclusive upper limits: 30 days past due is 1–30, 31 is 31–60
    assert list(R.aging_row([1, 2, 4], [0, 30, 31])) == [1, 2, 4, 0, 0]
    # invoice 7 and "7" are one invoice: the receipt settles it
    invoices = pd.DataFrame(
        {"account": ["x"], "invoice": [7], "invoice_date": [pd.Timestamp("2024-01-01")],
         "due_date": [pd.Timestamp("2024-01-31")], "amount": [100.0]}
    )  # fmt: skip
    receipts = pd.DataFrame(
        {"account": ["x"], "invoice": ["7"], "receipt_date": [pd.Timestamp("2024-02-01")], "amount": [100.0]}
    )
    settled = R.receivables(invoices, receipts, AS_OF, model=MODEL).accounts.loc["x"]
    assert settled["outstanding"] == 0 and settled["overdue_ratio"] == 0
    # 0.1 + 0.2 − 0.3 is 5.6e-17 in floating point; rounded to 6 places the account is settled
    assert 0.1 + 0.2 - 0.3 != 0
    noisy = pd.DataFrame(
        {"account": ["y", "y"], "invoice": ["a", "a"], "invoice_date": [pd.Timestamp("2024-01-01")] * 2,
         "due_date": [pd.Timestamp("2024-01-31")] * 2, "amount": [0.1, 0.2]}
    )  # fmt: skip
    paid = pd.DataFrame(
        {"account": ["y"], "invoice": ["a"], "receipt_date": [pd.Timestamp("2024-02-01")], "amount": [0.3]}
    )
    settled = R.receivables(noisy, paid, AS_OF, model=MODEL).accounts.loc["y"]
    assert settled["outstanding"] == 0 and settled["overdue_ratio"] == 0
    says("2.11", "invoices of 0.10 and 0.20 paid by one receipt of 0.30 leave 0 outstanding")
    with pytest.raises(KamError):  # a negative amount is an error naming the row, not dropped
        R.receivables(invoices.assign(amount=[-1.0]), None, AS_OF, model=MODEL)


# ---------------------------------------------------------------- §2.12 plans

ACTIONS = [
    ["技术交流会 Technical seminar", "2024-05-01", "已完成 Done", "20,000", "18,000"],
    ["高层拜访 Executive visit", "2024-05-15", "已完成 Done", "30,000", "12,000"],
    ["样机试用 Trial unit", "2024-06-01", "进行中 In progress", "40,000", "0"],  # overdue: due, still open
    ["联合培训 Joint training", "2024-06-10", "已取消 Cancelled", "10,000", "0"],  # cancelled: never overdue
    ["年度框架谈判 Frame-contract talks", "2024-07-31", "未开始 Not started", "20,000", "0"],  # not due yet
]


def test_plan_roll_ups() -> None:
    assert table("2.12", "行动 Action") == ACTIONS
    assert all(both(s.zh, s.en) in section("2.12") for s in plans.STATUSES)
    actions = [r[0] for r in ACTIONS]
    due = [date.fromisoformat(r[1]) for r in ACTIONS]
    statuses = [r[2].split()[0] for r in ACTIONS]
    budget, spent = ([float(r[i].replace(",", "")) for r in ACTIONS] for i in (3, 4))
    roll = plans.rollup(actions, due, statuses, budget, spent, AS_OF)
    assert roll.overdue == 1
    assert roll.pct_done == pytest.approx(0.5)  # 2 done / (5 − 1 cancelled)
    assert (roll.budget_planned, roll.budget_spent) == (120_000, 30_000)  # 20 + 30 + 40 + 10 + 20; 18 + 12
    assert roll.budget_used == pytest.approx(0.25)
    says("2.12", "As of 2024-06-30: one action overdue")
    says("2.12", "% done = 2 / (5 − 1) = 50 %; budget used = 30,000 / 120,000 = 25 %.")
    assert plans.overdue_count(actions, due, statuses, None) == 0  # a blank as-of date: none is overdue


# ---------------------------------------------------------------- §3 counts and totals


def test_counts_and_totals_read_cells_as_excel_does() -> None:
    # whole text, any case; "*" is a character, not a pattern
    assert tally.count_of(["A*", "a*", "Ab"], "a*") == 2
    assert tally.total([10, None, "abc", "5", 5]) == 15  # a blank, text, a number typed as text: nothing
    assert tally.count_filled(["x", None, " ", 0]) == 2  # 0 is filled in; spaces are blank
    says("3", "a label matches when its whole text is equal, in any case")


# ---------------------------------------------------------------- §4 the shipped defaults


def _model_values() -> dict[str, object]:
    return dict(model_rows())


def _values(field_cell: str) -> list[str]:
    """The shipped values at the paths of one row (``[*]`` = every item, in order), as text tokens."""
    values = _model_values()
    out: list[str] = []
    for path in re.findall(r"`([^`]+)`", field_cell):
        if "[*]" in path:
            pattern = re.compile(re.escape(path).replace(r"\[\*\]", r"\[(\d+)\]") + "$")
            items = sorted((int(m[1]), v) for p, v in values.items() if (m := pattern.match(p)))
            assert items, path
            out += [str(v) for _, v in items]
        else:
            out += [t.strip() for t in str(values[path]).split(",")]
    return out


def _same(shown: str, shipped: str) -> bool:
    try:
        return float(shown) == float(shipped)
    except ValueError:
        return shown == shipped


LABEL_FIELDS = ("zh", "en", "code", "key", "group", "tier")  # names and codes, not values (tier: a tier's code)


def test_defaults_table_is_the_shipped_model() -> None:
    rows = table("4", "参数 Parameter")
    documented: list[str] = []
    for name, default, fields in rows:
        shown = [t.strip() for t in default.strip("`").split(",")]
        shipped = _values(fields)
        assert len(shown) == len(shipped) and all(map(_same, shown, shipped)), (name, shown, shipped)
        documented += re.findall(r"`([^`]+)`", fields)
    covered = [re.compile(re.escape(p).replace(r"\[\*\]", r"\[\d+\]") + "$") for p in documented]
    for path in _model_values():
        if path.rsplit(".", 1)[-1] in LABEL_FIELDS or path in ("model.name", "model.version"):
            continue
        assert any(c.match(path) for c in covered), f"{path} is a default §4 does not list"
    says("4", f'model "{MODEL.name}", version {MODEL.version}')


def test_a_misspelt_model_key_is_refused_as_documented() -> None:
    raw = default_dict()
    raw["scorecards"]["imsc_industry"]["criteria"][3]["directon"] = -1
    with pytest.raises(ModelError, match="direction"):  # names the key it probably meant
        model_from_dict(raw, "test")
    says("4", "a misspelt `directon = -1` is refused")


# ---------------------------------------------------------------- §5 bad input


def test_numbers_typed_as_text() -> None:
    rows = table("5", "输入 Typed")
    assert [r[0] for r in rows] == ["`85`", "`85%`", "`1,200`", "`¥1,200`", "`1,200元`", "`８５`", "`(1,200)`"]
    for typed, read in rows:
        assert parse_number(typed.strip("`"), "x") == float(read)
    with pytest.raises(NotANumberError):
        parse_number("85分", "x")


def test_dates() -> None:
    rows = table("5", "日期 Typed date")
    assert len(rows) == 6
    for typed, read in rows:
        text = typed.strip("`")
        assert to_date(text, "d") == date.fromisoformat(read), text
    # serial 45356: 1899-12-30 + 45,356 days (the 1900 date system, from March 1900 on)
    assert to_date(45356.0, "d") == date(2024, 3, 5)
    assert to_dates(["13/01/2024", "12/02/2024"], "d").tolist() == [date(2024, 1, 13), date(2024, 2, 12)]
    with pytest.raises(InputError, match="dayfirst"):
        to_dates(["01/02/2024", "03/04/2024"], "d")


def test_error_messages_quoted() -> None:
    for shown in (k.KAM_CLV(100, 1.2, 0.1), k.KAM_SCORE([[9, 7, 7, "abc", 3, 9, 7, 9]], "imsc_industry")):
        assert shown.startswith("#KAM! ")
        says("5", f"`{shown}`")


def test_excel_errors_pass_through() -> None:
    assert k.KAM_TIER("#N/A") == "#N/A"
    says("5", "Excel error values in the inputs (`#N/A` …) come back unchanged")


def test_totals_rows_are_recognised() -> None:
    assert all(is_total_label(x) for x in ("合计", "总计", "小计", "Total"))
    assert not is_total_label("华东电气")
