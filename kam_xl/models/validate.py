"""Validating a raw (TOML-shaped) dict into a :class:`~kam_xl.models.schema.Model`.

Whatever a model came from — a TOML file (:mod:`kam_xl.models.toml_file`) or a
workbook's Model sheet (:mod:`kam_xl.models.sheet_rows`) — it is checked here,
once. Every error names the field by its path (``tier.levels[1].min``).

What a model may hold is closed: a key the validator does not know (a misspelt
``directon = -1``) is an error suggesting the nearest known key, never ignored.
Labels must tell their items apart by text and must not read as formulas. Lists
hold at most :data:`~kam_xl.models.limits.MAX_ITEMS` items.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from kam_xl.cells import parse_number
from kam_xl.errors import KamError, ModelError, NotANumberError
from kam_xl.models.hashing import content_hash
from kam_xl.models.limits import MAX_ITEMS
from kam_xl.models.schema import (
    FORMULA_LEADS,
    PROFITABILITY,
    Abc,
    Band,
    Barrier,
    BuyingCentre,
    Classification,
    Criterion,
    Label,
    Layer,
    Measure,
    Model,
    Pipeline,
    Pyramid,
    Quadrant,
    Rating,
    Receivables,
    Satisfaction,
    Scorecard,
    Service,
    Stage,
    Stance,
    TierDiscount,
    WallCriterion,
    label_key,
)
from kam_xl.models.text import CONTROL, IDENT, escaped, shown

__all__ = ["model_from_dict"]

_TOLERANCE = 1e-9

# The keys each table may hold. A label is `code` (or `key`), `zh` and `en`.
_LABEL = ("code", "key", "zh", "en")
_ROOT = (
    "model", "scorecards", "tier", "abc", "pyramid", "quadrant", "matrix", "barrier",
    "clv", "satisfaction", "buying_centre", "pipeline", "receivables",
    "profitability", "discount", "classification", "service",
)  # fmt: skip
_GROUPS = ("transaction", "contact", "characteristic", "financial")  # seed 002: 交易类 联络类 特征类 财务类
_QUADRANTS = ("high_high", "high_low", "low_high", "low_low")


def _fail(path: str, zh: str, en: str) -> ModelError:
    return ModelError(path, zh, en)


def _unknown(path: str, key: str, known: Sequence[str]) -> ModelError:
    near = difflib.get_close_matches(key.casefold(), known, n=1, cutoff=0.6)
    if near:
        return _fail(
            path,
            f"未知的键 {shown(key)}，是否应为 “{near[0]}”？",
            f"unknown key {shown(key, 'en')}: did you mean '{near[0]}'?",
        )
    return _fail(
        path,
        f"未知的键 {shown(key)}（可用：{', '.join(known)}）",
        f"unknown key {shown(key, 'en')} (known keys: {', '.join(known)})",
    )


class _Reader:
    """Typed access to one table of the raw dict, naming fields by path.

    ``keys`` are the keys the table may hold; any other is refused at once, so
    a misspelt ``wieght`` is reported as itself, not as a missing ``weight``.
    """

    def __init__(self, data: Any, path: str, keys: Sequence[str] | None) -> None:
        if not isinstance(data, dict):
            raise _fail(
                path,
                f"应为表（键值对），而不是 {shown(data)}",
                f"must be a table of keys and values, not {shown(data, 'en')}",
            )
        if keys is not None:
            for k in data:
                if k not in keys:
                    raise _unknown(f"{path}.{escaped(str(k))}" if path else escaped(str(k)), str(k), keys)
        elif len(data) > MAX_ITEMS:
            raise _fail(
                path, f"有 {len(data)} 项，最多 {MAX_ITEMS} 项", f"has {len(data)} entries; at most {MAX_ITEMS}"
            )
        self.data = data
        self.path = path
        self.code_key = "code"  # which of code / key this item's label was given by

    def _p(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return key in self.data

    def table(self, key: str, keys: Sequence[str] | None) -> _Reader:
        if key not in self.data:  # a model file is whole: a table left out is named, not defaulted
            raise _fail(self._p(key), f"缺少 [{self._p(key)}] 表", f"the table [{self._p(key)}] is missing")
        return _Reader(self.data[key], self._p(key), keys)

    def text(self, key: str, default: str | None = None) -> str:
        if key not in self.data:
            if default is not None:
                return default
            raise _fail(self._p(key), "缺失", "is missing")
        v = self.data[key]
        if not isinstance(v, str) or not v.strip():
            raise _fail(
                self._p(key), f"应为非空文本，而不是 {shown(v)}", f"must be non-empty text, not {shown(v, 'en')}"
            )
        if CONTROL.search(v):
            raise _fail(
                self._p(key),
                f"{shown(v)} 含有控制字符（制表符、换行等）",
                f"{shown(v, 'en')} holds a control character (a tab, a line break …)",
            )
        return v.strip()

    def number(self, key: str, default: float | None = None) -> float:
        if key not in self.data:
            if default is not None:
                return default
            raise _fail(self._p(key), "缺失", "is missing")
        return _number(self._p(key), self.data[key])

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        v = self.text(key, default)
        if v not in options:
            raise _fail(
                self._p(key),
                f"应为 {' / '.join(options)} 之一，而不是 {shown(v)}",
                f"must be one of {', '.join(options)}, not {shown(v, 'en')}",
            )
        return v

    def items(self, key: str, keys: Sequence[str]) -> list[_Reader]:
        if key not in self.data:
            raise _fail(self._p(key), f"缺少列表 {self._p(key)}", f"the list {self._p(key)} is missing")
        v = self.data[key]
        if not isinstance(v, list) or not v:
            raise _fail(self._p(key), "应为非空列表", "must be a non-empty list")
        if len(v) > MAX_ITEMS:
            raise _fail(
                self._p(key), f"有 {len(v)} 项，最多 {MAX_ITEMS} 项", f"has {len(v)} items; at most {MAX_ITEMS}"
            )
        return [_Reader(item, f"{self._p(key)}[{i}]", keys) for i, item in enumerate(v)]

    def label(self) -> Label:
        """This item's code (given as ``code`` or ``key``), Chinese and English text."""
        if self.has("code") and self.has("key"):
            raise _fail(self._p("key"), "code 与 key 只能给出一个", "give either code or key, not both")
        self.code_key = "key" if self.has("key") else "code"
        lab = Label(self.text(self.code_key), self.text("zh"), self.text("en"))
        for k, v in ((self.code_key, lab.code), ("zh", lab.zh), ("en", lab.en)):
            _check_label(self._p(k), v)
        return lab


def _number(path: str, value: object) -> float:
    try:
        v = parse_number(value, path)
    except NotANumberError:
        raise _fail(path, f"{shown(value)} 不是数字", f"{shown(value, 'en')} is not a number") from None
    except OverflowError:  # a TOML integer beyond any float
        raise _fail(path, f"{shown(value)} 数字过大", f"{shown(value, 'en')} is too large a number") from None
    except KamError as exc:
        raise _fail(path, exc.zh, exc.en) from None
    if v is None:
        raise _fail(path, "缺失", "is missing")
    return v


def _check_label(path: str, text: str) -> None:
    """A label that would become a formula in a cell or a CSV is refused."""
    if text.startswith(FORMULA_LEADS):
        raise _fail(
            path,
            f"{shown(text)} 不能以 {' '.join(FORMULA_LEADS)} 开头（会被当作公式）",
            f"{shown(text, 'en')} must not begin with {' '.join(FORMULA_LEADS)} (it would read as a formula)",
        )


def _distinct(entries: Sequence[tuple[_Reader, Label]], *, codes: bool = True) -> None:
    """No two items of one list share a code or a text (compared as look-ups compare them)."""
    seen: dict[str, str] = {}  # label key → the path that holds it first
    for r, lab in entries:
        own: set[str] = set()
        names = ((r.code_key, lab.code),) if codes else ()
        for k, v in (*names, ("zh", lab.zh), ("en", lab.en)):
            key = label_key(v)
            if key in seen and key not in own:
                raise _fail(
                    r._p(k),
                    f"{shown(v)} 与 {seen[key]} 重复（标签按文字查找，不分大小写）",
                    f"{shown(v, 'en')} repeats {seen[key]} (labels are looked up by their text, in any case)",
                )
            own.add(key)
            seen.setdefault(key, r._p(k))


def _positive(r: _Reader, key: str, default: float | None = None) -> float:
    v = r.number(key, default)
    if not v > 0:
        raise _fail(r._p(key), f"应大于 0，而不是 {v:g}", f"must be greater than 0, not {v:g}")
    return v


def _bands(r: _Reader, key: str) -> tuple[Band, ...]:
    items = r.items(key, (*_LABEL, "min"))
    bands: list[Band] = []
    for i, item in enumerate(items):
        lab = item.label()
        if i == len(items) - 1:
            if item.has("min"):
                raise _fail(
                    item._p("min"),
                    "最后一档不设下限（低于上一档即为此档）",
                    "the last level takes no min (it is everything below the one above)",
                )
            bands.append(Band(lab.code, lab.zh, lab.en))
            continue
        lo = item.number("min")
        if bands and not lo < bands[-1].min:
            raise _fail(
                item._p("min"),
                f"{lo:g} 应小于上一档的 {bands[-1].min:g}（从高到低排列）",
                f"{lo:g} must be below the level above ({bands[-1].min:g}); list levels from the top down",
            )
        bands.append(Band(lab.code, lab.zh, lab.en, min=lo))
    if len(bands) < 2:
        raise _fail(r._p(key), "至少需要两档", "needs at least two levels")
    _distinct(list(zip(items, bands, strict=True)))
    return tuple(bands)


def _criteria(r: _Reader, key: str, *, directional: bool) -> tuple[Criterion, ...]:
    keys = (*_LABEL, "weight", "group", *(("direction",) if directional else ()))
    items = r.items(key, keys)
    out: list[Criterion] = []
    for item in items:
        lab = item.label()
        direction = 1
        if directional:
            given = item.number("direction", 1)
            if given not in (1, -1):
                raise _fail(item._p("direction"), f"应为 1 或 -1，而不是 {given:g}", f"must be 1 or -1, not {given:g}")
            direction = int(given)
        weight = _positive(item, "weight")
        out.append(
            Criterion(lab.code, lab.zh, lab.en, weight=weight, direction=direction, group=item.text("group", "-"))
        )
    _distinct(list(zip(items, out, strict=True)))
    return tuple(out)


def _labels(r: _Reader, key: str, count: int | None = None) -> tuple[Label, ...]:
    items = r.items(key, _LABEL)
    labels = [item.label() for item in items]
    if count is not None and len(labels) != count:
        raise _fail(r._p(key), f"应有 {count} 项，实际 {len(labels)} 项", f"must have {count} items, has {len(labels)}")
    _distinct(list(zip(items, labels, strict=True)))
    return tuple(labels)


def _quadrant(r: _Reader, x: str, y: str) -> Quadrant:
    readers = [r.table(k, _LABEL) for k in _QUADRANTS]
    labels = [q.label() for q in readers]
    _distinct(list(zip(readers, labels, strict=True)))
    return Quadrant(r.number(x), r.number(y), *labels)


def _shares_sum_to_one(path: str, shares: list[float]) -> None:
    total = math.fsum(shares)
    if abs(total - 1.0) > _TOLERANCE:
        raise _fail(path, f"份额之和应为 1，实际为 {total:g}", f"shares must sum to 1, they sum to {total:g}")


def _scorecards(cards_r: _Reader) -> dict[str, Scorecard]:
    if not cards_r.data:
        raise _fail("scorecards", "至少需要一张评分卡", "needs at least one scorecard")
    scorecards: dict[str, Scorecard] = {}
    entries: list[tuple[_Reader, Label]] = []
    for key in cards_r.data:
        # a scorecard's code is a part of Model-sheet paths and of workbook names
        if not isinstance(key, str) or IDENT.fullmatch(key) is None:
            raise _fail(
                f"scorecards.{escaped(str(key))}",
                f"评分卡代码 {shown(key)} 只能由字母、数字和 _ 组成（不以数字开头，最多 64 个字符）",
                f"scorecard code {shown(key, 'en')} must be letters, digits and _ (not starting with a digit, "
                "at most 64 characters)",
            )
        c = cards_r.table(key, ("zh", "en", "scale_min", "scale", "criteria", "select_at"))
        # scores run from scale_min (0 unless given: seed 002's selection card is "low 1 – high 10") to scale
        top, bottom = _positive(c, "scale"), c.number("scale_min", 0.0)
        if not 0 <= bottom < top:
            raise _fail(
                c._p("scale_min"),
                f"应满足 0 ≤ scale_min < scale（{top:g}），而不是 {bottom:g}",
                f"must satisfy 0 <= scale_min < scale ({top:g}), not {bottom:g}",
            )
        card = Scorecard(
            code=key,
            zh=c.text("zh"),
            en=c.text("en"),
            scale=top,
            criteria=_criteria(c, "criteria", directional=True),
            scale_min=bottom,
            select_at=c.number("select_at") if "select_at" in c.data else None,
        )
        _check_label(c._p("zh"), card.zh)
        _check_label(c._p("en"), card.en)
        if card.raw_max == card.raw_min:
            raise _fail(
                f"scorecards.{key}.criteria",
                "得分上下限相同，无法换算为 0–100",
                "raw maximum equals raw minimum; cannot normalise",
            )
        # a cut no total can reach (or every total reaches) selects nothing (or everything): a typo
        if card.select_at is not None and not card.raw_min <= card.select_at <= card.raw_max:
            raise _fail(
                c._p("select_at"),
                f"选择线应在该卡可能的原始得分之间（{card.raw_min:g} 到 {card.raw_max:g}），而不是 {card.select_at:g}",
                f"the selection cut must lie within the card's possible raw totals ({card.raw_min:g} to "
                f"{card.raw_max:g}), not {card.select_at:g}",
            )
        scorecards[key] = card
        entries.append((c, card))
    _distinct(entries, codes=False)  # a scorecard's code is its table's key, unique by construction
    return scorecards


def model_from_dict(data: dict[str, Any], source: str = "") -> Model:
    """Validate a raw (TOML-shaped) dict and build a :class:`Model`."""
    root = _Reader(data, "", _ROOT)
    meta = root.table("model", ("name", "version", "language", "missing", "tier_scorecard"))
    language = meta.choice("language", ("zh", "en"), "zh")
    missing = meta.choice("missing", ("error", "zero"), "error")

    scorecards = _scorecards(root.table("scorecards", None))
    tier_scorecard = meta.text("tier_scorecard", next(iter(scorecards)))
    if tier_scorecard not in scorecards:
        near = difflib.get_close_matches(tier_scorecard, list(scorecards), n=1)
        hint_zh, hint_en = (f"，是否应为 “{near[0]}”？", f": did you mean '{near[0]}'?") if near else ("", "")
        raise _fail(
            "model.tier_scorecard",
            f"没有评分卡 {shown(tier_scorecard)}{hint_zh}",
            f"names no scorecard: {shown(tier_scorecard, 'en')}{hint_en}",
        )

    tier = _bands(root.table("tier", ("levels",)), "levels")

    abc_r = root.table("abc", ("value", "a", "b", "labels"))
    a, b = abc_r.number("a"), abc_r.number("b")
    if not 0 < a < b <= 1:
        raise _fail(
            "abc.b" if 0 < a < 1 else "abc.a",
            f"应满足 0 < a < b ≤ 1（a={a:g}, b={b:g}）",
            f"must satisfy 0 < a < b <= 1 (a={a:g}, b={b:g})",
        )
    abc_labels = _labels(abc_r, "labels", 3)
    abc = Abc(
        value=abc_r.choice("value", ("revenue", "gross_profit"), "revenue"),
        a=a,
        b=b,
        labels=(abc_labels[0], abc_labels[1], abc_labels[2]),
    )

    pyr_items = root.table("pyramid", ("layers",)).items("layers", (*_LABEL, "share"))
    layers = []
    for item in pyr_items:
        lab = item.label()
        share = item.number("share")
        if not 0 < share <= 1:
            raise _fail(item._p("share"), f"应在 (0, 1] 内，而不是 {share:g}", f"must be in (0, 1], not {share:g}")
        layers.append(Layer(lab.code, lab.zh, lab.en, share=share))
    _shares_sum_to_one("pyramid.layers", [layer.share for layer in layers])
    _distinct(list(zip(pyr_items, layers, strict=True)))

    quadrant = _quadrant(
        root.table("quadrant", ("current_threshold", "potential_threshold", *_QUADRANTS)),
        "current_threshold",
        "potential_threshold",
    )
    matrix = _quadrant(
        root.table("matrix", ("attractiveness_threshold", "strength_threshold", *_QUADRANTS)),
        "attractiveness_threshold",
        "strength_threshold",
    )

    weight_keys = ("wall_weight", "technical_weight", "commercial_weight", "switching_weight")
    wall_rules = ("share_partial", "share_full", "contact_partial", "contact_full")
    bar_r = root.table("barrier", ("wall_criteria", "component_scale", *weight_keys, *wall_rules, "levels"))
    wall_items = bar_r.items("wall_criteria", (*_LABEL, "max"))
    walls = []
    for item in wall_items:
        lab = item.label()
        walls.append(WallCriterion(lab.code, lab.zh, lab.en, max=_positive(item, "max")))
    _distinct(list(zip(wall_items, walls, strict=True)))
    weights = {k: bar_r.number(k) for k in weight_keys}
    for k, w in weights.items():
        if w < 0:
            raise _fail(f"barrier.{k}", f"不能为负（{w:g}）", f"must not be negative ({w:g})")
    if abs(math.fsum(weights.values()) - 1) > _TOLERANCE:
        raise _fail(
            "barrier.switching_weight",
            f"四项权重之和应为 1，实际为 {math.fsum(weights.values()):g}",
            f"the four barrier weights must sum to 1, they sum to {math.fsum(weights.values()):g}",
        )
    # absent in a model written before they existed: the seed's thresholds (the dataclass defaults)
    rules = {k: bar_r.number(k, getattr(Barrier, k)) for k in wall_rules}
    if not 0 <= rules["share_partial"] <= rules["share_full"] <= 1:
        raise _fail(
            "barrier.share_full",
            f"应满足 0 ≤ share_partial ≤ share_full ≤ 1（{rules['share_partial']:g}, {rules['share_full']:g}）",
            f"must satisfy 0 <= share_partial <= share_full <= 1 ({rules['share_partial']:g}, {rules['share_full']:g})",
        )
    barrier = Barrier(
        wall_criteria=tuple(walls),
        component_scale=_positive(bar_r, "component_scale"),
        levels=_bands(bar_r, "levels"),
        **weights,
        **rules,
    )

    clv_r = root.table("clv", ("horizon",))
    horizon = math.inf if clv_r.data.get("horizon", "infinite") == "infinite" else _positive(clv_r, "horizon")

    sat_r = root.table("satisfaction", ("scale_min", "scale_max", "dimensions", "levels", "need_at", "usp_margin"))
    smin, smax = sat_r.number("scale_min"), sat_r.number("scale_max")
    if not smin < smax:
        raise _fail(
            "satisfaction.scale_max", f"应大于 scale_min（{smin:g}）", f"must be greater than scale_min ({smin:g})"
        )
    satisfaction = Satisfaction(
        scale_min=smin,
        scale_max=smax,
        dimensions=_criteria(sat_r, "dimensions", directional=False),
        levels=_bands(sat_r, "levels"),
        **_usp_rule(sat_r, smin, smax),
    )

    bc_r = root.table(
        "buying_centre",
        ("relationship_threshold", "influence_min", "influence_max", "levels", "roles", "stances"),
    )
    imin, imax = bc_r.number("influence_min"), bc_r.number("influence_max")
    if not 0 < imin < imax:
        raise _fail(
            "buying_centre.influence_max",
            f"应满足 0 < 最小值 < 最大值（{imin:g}, {imax:g}）",
            f"must satisfy 0 < influence_min < influence_max ({imin:g}, {imax:g})",
        )
    stance_items = bc_r.items("stances", (*_LABEL, "value"))
    stances = []
    for item in stance_items:
        lab = item.label()
        value = item.number("value")
        if not -1 <= value <= 1:
            raise _fail(
                item._p("value"), f"应在 -1 到 1 之间，而不是 {value:g}", f"must be between -1 and 1, not {value:g}"
            )
        stances.append(Stance(lab.code, lab.zh, lab.en, value=value))
    _distinct(list(zip(stance_items, stances, strict=True)))
    buying_centre = BuyingCentre(
        relationship_threshold=bc_r.number("relationship_threshold"),
        influence_min=imin,
        influence_max=imax,
        levels=_labels(bc_r, "levels"),
        roles=_labels(bc_r, "roles"),
        stances=tuple(stances),
    )
    lo, hi, n_levels = barrier.contact_partial, barrier.contact_full, len(buying_centre.levels)
    if not (1 <= lo <= hi <= n_levels and lo == int(lo) and hi == int(hi)):
        raise _fail(
            "barrier.contact_full",
            f"应为整数且 1 ≤ contact_partial ≤ contact_full ≤ 采购组织层级数 {n_levels}（{lo:g}, {hi:g}）",
            f"must be whole numbers with 1 <= contact_partial <= contact_full <= the {n_levels} buying-centre "
            f"levels ({lo:g}, {hi:g})",
        )
    role_codes = {r.code for r in buying_centre.roles}
    for needed in ("decision_maker", "coach"):
        if needed not in role_codes:
            raise _fail(
                "buying_centre.roles", f"风险标志需要角色 “{needed}”", f"risk flags need a role with code '{needed}'"
            )

    stage_items = root.table("pipeline", ("stages",)).items("stages", (*_LABEL, "probability"))
    stages = []
    for item in stage_items:
        lab = item.label()
        p = item.number("probability")
        if not 0 <= p <= 1:
            raise _fail(
                item._p("probability"), f"应在 0 到 1 之间，而不是 {p:g}", f"must be between 0 and 1, not {p:g}"
            )
        stages.append(Stage(lab.code, lab.zh, lab.en, probability=p))
    _distinct(list(zip(stage_items, stages, strict=True)))

    receivables = _receivables(root.table("receivables", ("period_months", "aging_edges", "aging_labels", "ratings")))

    model = Model(
        name=meta.text("name"),
        version=meta.text("version"),
        language=language,
        missing=missing,
        tier_scorecard=tier_scorecard,
        scorecards=scorecards,
        tiers=tier,
        abc=abc,
        pyramid=Pyramid(tuple(layers)),
        quadrant=quadrant,
        matrix=matrix,
        barrier=barrier,
        clv_horizon=horizon,
        satisfaction=satisfaction,
        buying_centre=buying_centre,
        pipeline=Pipeline(tuple(stages)),
        receivables=receivables,
        # added later (#10): a model without them (an older Model sheet) takes the defaults
        profitability=_bands(root.table("profitability", ("levels",)), "levels") if root.has("profitability")
        else PROFITABILITY,
        discount=_discount(root.table("discount", ("levels",)), tier) if root.has("discount") else (),
        classification=_classification(root.table("classification", ("on", "indicators")))
        if root.has("classification") else Classification(),
        service=_service(root, tier) if root.has("service") else Service(visits_per_quarter=_visits_default(tier)),
        source=source,
    )  # fmt: skip
    return replace(model, content_hash=content_hash(model))


def _discount(r: _Reader, tiers: tuple[Band, ...]) -> tuple[TierDiscount, ...]:
    """优惠政策: one discount rate per tier level, in the tier's order (the workbook looks a tier's rate up
    by its position), each 0 ≤ rate < 1."""
    items = r.items("levels", ("code", "rate"))
    codes = [t.code for t in tiers]
    if len(items) != len(codes):
        raise _fail(
            r._p("levels"),
            f"应为每个客户等级各给一个折扣率（{' / '.join(codes)}），实际 {len(items)} 项",
            f"must give one discount rate per tier level ({' / '.join(codes)}), has {len(items)}",
        )
    out: list[TierDiscount] = []
    for item, code in zip(items, codes, strict=True):
        given = item.text("code")
        if given != code:
            raise _fail(
                item._p("code"),
                f"应为客户等级代码 {shown(code)}（按等级顺序），而不是 {shown(given)}",
                f"must be the tier code {shown(code, 'en')} (in the tier's order), not {shown(given, 'en')}",
            )
        rate = item.number("rate")
        if not 0 <= rate < 1:
            raise _fail(
                item._p("rate"),
                f"折扣率应满足 0 ≤ 折扣率 < 1，而不是 {rate:g}",
                f"the discount rate must satisfy 0 <= rate < 1, not {rate:g}",
            )
        out.append(TierDiscount(code, rate))
    return tuple(out)


def _classification(r: _Reader) -> Classification:
    """单一指标分类: each indicator's name, group and bands (none: categorical, classed by its value), and
    the indicator the portfolio classifies on."""
    table = r.table("indicators", None)
    if not table.data:
        raise _fail(table.path, "至少需要一个分类指标", "needs at least one indicator")
    measures: list[Measure] = []
    entries: list[tuple[_Reader, Label]] = []
    for key in table.data:
        if not IDENT.fullmatch(str(key)):
            raise _fail(
                f"{table.path}.{escaped(str(key))}",
                f"指标代码 {shown(key)} 只能由字母、数字和 _ 组成（不以数字开头，最多 64 个字符）",
                f"indicator code {shown(key, 'en')} must be letters, digits and _ (not starting with a digit, "
                "at most 64 characters)",
            )
        m = table.table(key, ("zh", "en", "group", "levels"))
        group = m.choice("group", _GROUPS, "transaction")
        measure = Measure(
            key, m.text("zh"), m.text("en"), group=group, levels=_bands(m, "levels") if m.has("levels") else ()
        )
        _check_label(m._p("zh"), measure.zh)
        _check_label(m._p("en"), measure.en)
        measures.append(measure)
        entries.append((m, measure))
    _distinct(entries, codes=False)
    on = r.text("on", measures[0].code)
    if on not in {m.code for m in measures}:
        raise _fail(
            r._p("on"),
            f"没有分类指标 {shown(on)}（可用：{', '.join(m.code for m in measures)}）",
            f"names no indicator: {shown(on, 'en')} (available: {', '.join(m.code for m in measures)})",
        )
    return Classification(on=on, measures={m.code: m for m in measures})


def _visits_default(tiers: Sequence[Band]) -> tuple[float, ...]:
    """The default visits per quarter for a model without a [service] table: the default's, as many as
    its tiers (the lowest repeated)."""
    base = Service().visits_per_quarter
    return tuple(base[min(i, len(base) - 1)] for i in range(len(tiers)))


def _service(root: _Reader, tiers: Sequence[Band]) -> Service:
    """[service] (optional; docs/definitions.md §2.17): churn thresholds and one visit count per tier."""
    r = root.table("service", ("orders_months", "orders_drop", "overdue_ratio_at", "risk_medium", "risk_high",
                               "visits"))  # fmt: skip
    d = Service()
    months = r.number("orders_months", d.orders_months)
    if months != int(months) or not 1 <= months <= 12:
        raise _fail("service.orders_months", "应为 1–12 的整数", "must be a whole number from 1 to 12")
    shares = {}
    for key in ("orders_drop", "overdue_ratio_at"):
        v = r.number(key, getattr(d, key))
        if not 0 < v <= 1:
            raise _fail(
                r._p(key), f"应在 0 到 1 之间（不含 0），而不是 {v:g}", f"must be above 0 and at most 1, not {v:g}"
            )
        shares[key] = v
    medium, high = r.number("risk_medium", d.risk_medium), r.number("risk_high", d.risk_high)
    if not (1 <= medium <= high <= 4 and medium == int(medium) and high == int(high)):
        raise _fail(
            "service.risk_high",
            f"应为整数且 1 ≤ risk_medium ≤ risk_high ≤ 4（{medium:g}, {high:g}）",
            f"must be whole numbers with 1 <= risk_medium <= risk_high <= 4 ({medium:g}, {high:g})",
        )
    visits = _visits_default(tiers)
    if r.has("visits"):
        items = r.items("visits", ("tier", "per_quarter"))
        codes = [i.text("tier") for i in items]
        if codes != [t.code for t in tiers]:
            raise _fail(
                "service.visits",
                f"应为每个客户等级一项、按等级顺序（{', '.join(t.code for t in tiers)}），而不是 {', '.join(codes)}",
                f"must hold one item per tier, in the tiers' order ({', '.join(t.code for t in tiers)}), not "
                f"{', '.join(codes)}",
            )
        got = []
        for item in items:
            n = item.number("per_quarter")
            if n < 0 or n > 100:
                raise _fail(item._p("per_quarter"), f"应在 0 到 100 之间，而不是 {n:g}", f"must be 0 to 100, not {n:g}")
            got.append(n)
        visits = tuple(got)
    return Service(int(months), shares["orders_drop"], shares["overdue_ratio_at"], medium, high, visits)


def _receivables(rec_r: _Reader) -> Receivables:
    months = rec_r.number("period_months")
    if months != int(months) or not 1 <= months <= 120:
        raise _fail("receivables.period_months", "应为 1–120 的整数", "must be a whole number from 1 to 120")
    edges_raw = rec_r.data.get("aging_edges")
    if not isinstance(edges_raw, list) or not edges_raw:
        raise _fail("receivables.aging_edges", "应为递增的天数列表", "must be an increasing list of days")
    if len(edges_raw) > MAX_ITEMS:
        raise _fail("receivables.aging_edges", f"最多 {MAX_ITEMS} 项", f"has more than {MAX_ITEMS} items")
    edges: list[int] = []
    for e in edges_raw:
        day = _number("receivables.aging_edges", e)
        if day != int(day) or day <= 0 or (edges and day <= edges[-1]):
            raise _fail(
                "receivables.aging_edges",
                f"应为递增的正整数天数，而不是 {shown(edges_raw)}",
                f"must be increasing whole days above 0, not {shown(edges_raw, 'en')}",
            )
        edges.append(int(day))
    aging_labels = _labels(rec_r, "aging_labels", len(edges) + 2)
    items = rec_r.items("ratings", (*_LABEL, "dso_max", "overdue_ratio_max"))
    ratings: list[Rating] = []
    for i, item in enumerate(items):
        lab = item.label()
        if i == len(items) - 1:
            for k in ("dso_max", "overdue_ratio_max"):
                if item.has(k):
                    raise _fail(
                        item._p(k),
                        "最后一级评级不设上限（其余情形均为此级）",
                        "the last rating takes no limits (it is everything else)",
                    )
            ratings.append(Rating(lab.code, lab.zh, lab.en))
            break
        dso, odr = item.number("dso_max"), item.number("overdue_ratio_max")
        if ratings and not (dso > ratings[-1].dso_max and odr > ratings[-1].overdue_ratio_max):
            raise _fail(
                item._p("dso_max"),
                "评级上限应逐级放宽（从高到低排列）",
                "rating limits must loosen from one rating to the next",
            )
        ratings.append(Rating(lab.code, lab.zh, lab.en, dso_max=dso, overdue_ratio_max=odr))
    _distinct(list(zip(items, ratings, strict=True)))
    return Receivables(
        period_months=int(months), aging_edges=tuple(edges), aging_labels=aging_labels, ratings=tuple(ratings)
    )


def _usp_rule(sat_r: _Reader, smin: float, smax: float) -> dict[str, float]:
    """The USP rule's thresholds (absent in a model written before them: the dataclass defaults): need_at on
    the satisfaction scale, usp_margin above 0 and no wider than the scale."""
    need_at = sat_r.number("need_at", Satisfaction.need_at)
    margin = sat_r.number("usp_margin", Satisfaction.usp_margin)
    if not smin <= need_at <= smax:
        raise _fail(
            "satisfaction.need_at",
            f"应在满意度评分范围 {smin:g}–{smax:g} 内（{need_at:g}）",
            f"must lie on the satisfaction scale {smin:g} to {smax:g} ({need_at:g})",
        )
    if not 0 < margin <= smax - smin:
        raise _fail(
            "satisfaction.usp_margin",
            f"应大于 0 且不超过 {smax - smin:g}（{margin:g}）",
            f"must be above 0 and at most {smax - smin:g} ({margin:g})",
        )
    return {"need_at": need_at, "usp_margin": margin}
