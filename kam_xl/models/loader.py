"""Loading, validating and hashing scoring models.

A model is TOML (see ``default.toml``). The same content can live in a
workbook's ``Model`` sheet as rows of ``path | value`` (``tier.levels[0].min |
75``), so a team keeps its own weights beside its data; :func:`model_rows` and
:func:`model_from_rows` convert between the two. Every validation error names
the field by its path and, from a sheet, the cell.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tomllib
from dataclasses import asdict, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from kam_xl.coerce import parse_number
from kam_xl.errors import KamError, ModelError
from kam_xl.models.schema import (
    Abc,
    Band,
    Barrier,
    BuyingCentre,
    Criterion,
    Label,
    Layer,
    Model,
    Pipeline,
    Pyramid,
    Quadrant,
    Rating,
    Receivables,
    Satisfaction,
    Scorecard,
    Stage,
    Stance,
    WallCriterion,
)

__all__ = [
    "MODEL_ENV",
    "active_model",
    "default_model",
    "load_model",
    "loads_model",
    "model_from_dict",
    "model_from_rows",
    "model_from_workbook",
    "model_rows",
]

MODEL_ENV = "KAM_XL_MODEL"
_TOLERANCE = 1e-9


def _fail(path: str, zh: str, en: str) -> ModelError:
    return ModelError(path, zh, en)


class _Reader:
    """Typed access to one table of the raw dict, naming fields by path."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise _fail(path, "应为表（键值对）", "must be a table of keys and values")
        self.data = data
        self.path = path

    def _p(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return key in self.data

    def table(self, key: str) -> _Reader:
        if key not in self.data:
            raise _fail(self._p(key), "缺失", "is missing")
        return _Reader(self.data[key], self._p(key))

    def text(self, key: str, default: str | None = None) -> str:
        if key not in self.data:
            if default is not None:
                return default
            raise _fail(self._p(key), "缺失", "is missing")
        v = self.data[key]
        if not isinstance(v, str) or not v.strip():
            raise _fail(self._p(key), f"应为非空文本，而不是 {v!r}", f"must be non-empty text, not {v!r}")
        return v.strip()

    def number(self, key: str, default: float | None = None) -> float:
        if key not in self.data:
            if default is not None:
                return default
            raise _fail(self._p(key), "缺失", "is missing")
        try:
            v = parse_number(self.data[key], self._p(key))
        except KamError as exc:
            raise _fail(self._p(key), exc.zh, exc.en) from None
        if v is None:
            raise _fail(self._p(key), "缺失", "is missing")
        return v

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        v = self.text(key, default)
        if v not in options:
            raise _fail(
                self._p(key),
                f"应为 {' / '.join(options)} 之一，而不是 “{v}”",
                f"must be one of {', '.join(options)}, not '{v}'",
            )
        return v

    def items(self, key: str) -> list[_Reader]:
        if key not in self.data:
            raise _fail(self._p(key), "缺失", "is missing")
        v = self.data[key]
        if not isinstance(v, list) or not v:
            raise _fail(self._p(key), "应为非空列表", "must be a non-empty list")
        return [_Reader(item, f"{self._p(key)}[{i}]") for i, item in enumerate(v)]

    def label(self) -> dict[str, str]:
        return {
            "code": self.text("code") if self.has("code") else self.text("key"),
            "zh": self.text("zh"),
            "en": self.text("en"),
        }


def _positive(r: _Reader, key: str, default: float | None = None) -> float:
    v = r.number(key, default)
    if not v > 0:
        raise _fail(r._p(key), f"应大于 0，而不是 {v:g}", f"must be greater than 0, not {v:g}")
    return v


def _unique_codes(path: str, labels: list[Label]) -> None:
    seen: set[str] = set()
    for i, lab in enumerate(labels):
        if lab.code in seen:
            raise _fail(f"{path}[{i}].code", f"代码 “{lab.code}” 重复", f"code '{lab.code}' is repeated")
        seen.add(lab.code)


def _bands(r: _Reader, key: str) -> tuple[Band, ...]:
    items = r.items(key)
    bands: list[Band] = []
    for i, item in enumerate(items):
        last = i == len(items) - 1
        if last:
            if item.has("min"):
                raise _fail(
                    item._p("min"),
                    "最后一档不设下限（低于上一档即为此档）",
                    "the last level takes no min (it is everything below the one above)",
                )
            bands.append(Band(**item.label()))
            continue
        lo = item.number("min")
        if bands and not lo < bands[-1].min:
            raise _fail(
                item._p("min"),
                f"{lo:g} 应小于上一档的 {bands[-1].min:g}（从高到低排列）",
                f"{lo:g} must be below the level above ({bands[-1].min:g}); list levels from the top down",
            )
        bands.append(Band(**item.label(), min=lo))
    if len(bands) < 2:
        raise _fail(r._p(key), "至少需要两档", "needs at least two levels")
    _unique_codes(r._p(key), list(bands))
    return tuple(bands)


def _criteria(r: _Reader, key: str, *, directional: bool) -> tuple[Criterion, ...]:
    out: list[Criterion] = []
    for item in r.items(key):
        direction = 1
        if directional:
            direction = int(item.number("direction", 1))
            if direction not in (1, -1) or item.number("direction", 1) != direction:
                raise _fail(item._p("direction"), "应为 1 或 -1", "must be 1 or -1")
        out.append(
            Criterion(
                **item.label(), weight=_positive(item, "weight"), direction=direction, group=item.text("group", "-")
            )
        )
    _unique_codes(r._p(key), list(out))
    return tuple(out)


def _labels(r: _Reader, key: str, count: int | None = None) -> tuple[Label, ...]:
    labels = [Label(**item.label()) for item in r.items(key)]
    if count is not None and len(labels) != count:
        raise _fail(r._p(key), f"应有 {count} 项，实际 {len(labels)} 项", f"must have {count} items, has {len(labels)}")
    _unique_codes(r._p(key), labels)
    return tuple(labels)


def _quadrant(r: _Reader, x: str, y: str) -> Quadrant:
    return Quadrant(
        x_threshold=r.number(x),
        y_threshold=r.number(y),
        **{k: Label(**r.table(k).label()) for k in ("high_high", "high_low", "low_high", "low_low")},
    )


def _shares_sum_to_one(path: str, shares: list[float]) -> None:
    total = math.fsum(shares)
    if abs(total - 1.0) > _TOLERANCE:
        raise _fail(path, f"份额之和应为 1，实际为 {total:g}", f"shares must sum to 1, they sum to {total:g}")


def model_from_dict(data: dict[str, Any], source: str = "") -> Model:
    """Validate a raw (TOML-shaped) dict and build a :class:`Model`."""
    root = _Reader(data, "")
    meta = root.table("model")
    language = meta.choice("language", ("zh", "en"), "zh")
    missing = meta.choice("missing", ("error", "zero"), "error")

    cards_r = root.table("scorecards")
    if not cards_r.data:
        raise _fail("scorecards", "至少需要一张评分卡", "needs at least one scorecard")
    scorecards: dict[str, Scorecard] = {}
    for key in cards_r.data:
        c = cards_r.table(key)
        scorecards[key] = Scorecard(
            code=key,
            zh=c.text("zh"),
            en=c.text("en"),
            scale=_positive(c, "scale"),
            criteria=_criteria(c, "criteria", directional=True),
        )
        if scorecards[key].raw_max == scorecards[key].raw_min:
            raise _fail(
                f"scorecards.{key}.criteria",
                "得分上下限相同，无法换算为 0–100",
                "raw maximum equals raw minimum; cannot normalise",
            )
    tier_scorecard = meta.text("tier_scorecard", next(iter(scorecards)))
    if tier_scorecard not in scorecards:
        raise _fail("model.tier_scorecard", f"没有评分卡 “{tier_scorecard}”", f"names no scorecard: '{tier_scorecard}'")

    tier = _bands(root.table("tier"), "levels")

    abc_r = root.table("abc")
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

    pyr_r = root.table("pyramid")
    layers = []
    for item in pyr_r.items("layers"):
        share = item.number("share")
        if not 0 < share <= 1:
            raise _fail(item._p("share"), f"应在 (0, 1] 内，而不是 {share:g}", f"must be in (0, 1], not {share:g}")
        layers.append(Layer(**item.label(), share=share))
    _shares_sum_to_one("pyramid.layers", [layer.share for layer in layers])
    _unique_codes("pyramid.layers", list(layers))

    quadrant = _quadrant(root.table("quadrant"), "current_threshold", "potential_threshold")
    matrix = _quadrant(root.table("matrix"), "attractiveness_threshold", "strength_threshold")

    bar_r = root.table("barrier")
    walls = tuple(WallCriterion(**item.label(), max=_positive(item, "max")) for item in bar_r.items("wall_criteria"))
    weights = {k: bar_r.number(k) for k in ("wall_weight", "technical_weight", "commercial_weight", "switching_weight")}
    for k, w in weights.items():
        if w < 0:
            raise _fail(f"barrier.{k}", f"不能为负（{w:g}）", f"must not be negative ({w:g})")
    if abs(math.fsum(weights.values()) - 1) > _TOLERANCE:
        raise _fail(
            "barrier.switching_weight",
            f"四项权重之和应为 1，实际为 {math.fsum(weights.values()):g}",
            f"the four barrier weights must sum to 1, they sum to {math.fsum(weights.values()):g}",
        )
    barrier = Barrier(
        wall_criteria=walls,
        component_scale=_positive(bar_r, "component_scale"),
        levels=_bands(bar_r, "levels"),
        **weights,
    )

    horizon_raw = root.table("clv").data.get("horizon", "infinite")
    if horizon_raw == "infinite":
        horizon = math.inf
    else:
        horizon = _positive(root.table("clv"), "horizon")

    sat_r = root.table("satisfaction")
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
    )

    bc_r = root.table("buying_centre")
    imin, imax = bc_r.number("influence_min"), bc_r.number("influence_max")
    if not 0 < imin < imax:
        raise _fail(
            "buying_centre.influence_max",
            f"应满足 0 < 最小值 < 最大值（{imin:g}, {imax:g}）",
            f"must satisfy 0 < influence_min < influence_max ({imin:g}, {imax:g})",
        )
    stances = tuple(Stance(**item.label(), value=item.number("value")) for item in bc_r.items("stances"))
    _unique_codes("buying_centre.stances", list(stances))
    for i, s in enumerate(stances):
        if not -1 <= s.value <= 1:
            raise _fail(f"buying_centre.stances[{i}].value", "应在 -1 到 1 之间", "must be between -1 and 1")
    buying_centre = BuyingCentre(
        relationship_threshold=bc_r.number("relationship_threshold"),
        influence_min=imin,
        influence_max=imax,
        levels=_labels(bc_r, "levels"),
        roles=_labels(bc_r, "roles"),
        stances=stances,
    )
    role_codes = {r.code for r in buying_centre.roles}
    for needed in ("decision_maker", "coach"):
        if needed not in role_codes:
            raise _fail(
                "buying_centre.roles", f"风险标志需要角色 “{needed}”", f"risk flags need a role with code '{needed}'"
            )

    stages = []
    for item in root.table("pipeline").items("stages"):
        p = item.number("probability")
        if not 0 <= p <= 1:
            raise _fail(
                item._p("probability"), f"应在 0 到 1 之间，而不是 {p:g}", f"must be between 0 and 1, not {p:g}"
            )
        stages.append(Stage(**item.label(), probability=p))
    _unique_codes("pipeline.stages", list(stages))

    rec_r = root.table("receivables")
    months = rec_r.number("period_months")
    if months != int(months) or not 1 <= months <= 120:
        raise _fail("receivables.period_months", "应为 1–120 的整数", "must be a whole number from 1 to 120")
    edges_raw = rec_r.data.get("aging_edges")
    if not isinstance(edges_raw, list) or not edges_raw:
        raise _fail("receivables.aging_edges", "应为递增的天数列表", "must be an increasing list of days")
    edges = tuple(int(parse_number(e, "receivables.aging_edges") or 0) for e in edges_raw)
    if any(e <= 0 for e in edges) or list(edges) != sorted(set(edges)):
        raise _fail(
            "receivables.aging_edges",
            f"应为递增的正整数天数，而不是 {list(edges_raw)}",
            f"must be increasing positive days, not {list(edges_raw)}",
        )
    aging_labels = _labels(rec_r, "aging_labels", len(edges) + 2)
    ratings: list[Rating] = []
    items = rec_r.items("ratings")
    for i, item in enumerate(items):
        if i == len(items) - 1:
            ratings.append(Rating(**item.label()))
            break
        dso, odr = item.number("dso_max"), item.number("overdue_ratio_max")
        if ratings and not (dso > ratings[-1].dso_max and odr > ratings[-1].overdue_ratio_max):
            raise _fail(
                item._p("dso_max"),
                "评级上限应逐级放宽（从高到低排列）",
                "rating limits must loosen from one rating to the next",
            )
        ratings.append(Rating(**item.label(), dso_max=dso, overdue_ratio_max=odr))
    _unique_codes("receivables.ratings", list(ratings))

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
        receivables=Receivables(
            period_months=int(months), aging_edges=edges, aging_labels=aging_labels, ratings=tuple(ratings)
        ),
        source=source,
    )
    return replace(model, content_hash=_content_hash(model))


def _content_hash(model: Model) -> str:
    """SHA-256 of what the model scores with: not its name, version or source.

    Two files that differ only in comments, layout or key order hash alike.
    """
    content = asdict(model)
    for key in ("name", "version", "source", "content_hash"):
        content.pop(key)
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def loads_model(text: str, source: str = "<text>") -> Model:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelError("model", f"TOML 格式错误：{exc}", f"not valid TOML: {exc}", source) from None
    return model_from_dict(data, source)


def load_model(path: str | os.PathLike[str]) -> Model:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(
            "model", f"无法读取模型文件 {p}：{exc.strerror}", f"cannot read model file {p}: {exc.strerror}"
        ) from None
    return loads_model(text, str(p))


@lru_cache(maxsize=1)
def _default_text() -> str:
    return resources.files("kam_xl.models").joinpath("default.toml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped model: the defaults of SPEC §2."""
    return loads_model(_default_text(), "kam_xl/models/default.toml")


def default_model_dict() -> dict[str, Any]:
    return tomllib.loads(_default_text())


def active_model() -> Model:
    """The model named by ``$KAM_XL_MODEL``, else the default.

    Cached per file version — resolved path, modification time and size — so a
    model file edited while Excel is open is read again on the next call, and
    two spellings of one path share one entry.
    """
    path = os.environ.get(MODEL_ENV)
    if not path:
        return default_model()
    resolved = Path(path).expanduser().resolve()
    try:
        stat = resolved.stat()
    except OSError:
        return load_model(path)  # cannot be read: load_model raises the error naming the file
    return _load_cached(str(resolved), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> Model:
    """One version of a model file (the key's mtime and size only tell versions apart)."""
    return load_model(path)


# ---------------------------------------------------------------- Model sheet rows

_PATH = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


def model_rows(data: dict[str, Any] | None = None) -> list[tuple[str, Any]]:
    """Flatten a raw model dict into ``(path, value)`` rows for a Model sheet.

    A list's items are grouped by field (every criterion's weight, then every
    direction …), so that each field is one contiguous range a workbook can
    name; :func:`model_from_rows` reads rows in any order.
    """
    data = default_model_dict() if data is None else data
    rows: list[tuple[str, Any]] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}" if path else k)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            fields: list[str] = []
            for item in value:
                fields += [k for k in item if k not in fields]
            for f in fields:
                for i, item in enumerate(value):
                    if f in item:
                        walk(item[f], f"{path}[{i}].{f}")
        elif isinstance(value, list):
            rows.append((path, ", ".join(str(v) for v in value)))  # read back as a list (aging_edges)
        else:
            rows.append((path, value))

    walk(data, "")
    return rows


def model_from_rows(rows: list[tuple[str, Any, str]]) -> Model:
    """Build a model from ``(path, value, cell)`` rows read off a sheet.

    ``cell`` (e.g. ``"Model!B7"``) is put into any error about that row.
    """
    data: dict[str, Any] = {}
    cells: dict[str, str] = {}
    list_fields = {"receivables.aging_edges"}
    text_fields = {"model.version"}  # a cell holding 1 or 1.2 is a number to Excel, text to the model
    for path, value, cell in rows:
        if path is None or str(path).strip() == "":
            continue
        path = str(path).strip()
        cells[path] = cell
        parts = path.split(".")
        node: Any = data
        for depth, part in enumerate(parts):
            m = _PATH.fullmatch(part)
            if m is None:
                raise ModelError(path, "路径格式不正确", "is not a valid model path", cell)
            key, index = m.group(1), m.group(2)
            last = depth == len(parts) - 1
            if index is None:
                if last:
                    if path in list_fields and isinstance(value, str):
                        value = [v.strip() for v in value.split(",") if v.strip()]
                    elif path in text_fields:
                        value = _number_as_text(value)
                    node[key] = value
                else:
                    node = node.setdefault(key, {})
            else:
                seq = node.setdefault(key, [])
                i = int(index)
                while len(seq) <= i:
                    seq.append({})
                node = seq[i]
                if last:
                    raise ModelError(path, "路径不能以列表项结尾", "must not end at a list item", cell)
    try:
        return model_from_dict(data, "Model sheet")
    except ModelError as exc:
        raise exc.at(cell) if (cell := _cell_of(exc.field, cells)) else exc from None


def _number_as_text(value: Any) -> Any:
    """A number typed into a text cell, as its text: 1.2 → "1.2", 1 and 1.0 → "1"; anything else as it is."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        return value
    if float(value).is_integer():
        return str(int(value))
    return str(float(value))


def _cell_of(field: str, cells: dict[str, str]) -> str:
    """The sheet cell of the row a validation error is about ('' if none)."""
    if field in cells:
        return cells[field]
    if field.endswith(".code") and field[: -len("code")] + "key" in cells:  # criteria are written with `key`
        return cells[field[: -len("code")] + "key"]
    # an error about a whole table or list names its first row (a path boundary, not any prefix)
    return next((c for p, c in cells.items() if p.startswith((f"{field}.", f"{field}["))), "")


def model_from_workbook(path: str | os.PathLike[str], sheet: str = "Model") -> Model:
    """Read a model from a workbook's ``Model`` sheet (columns: path, value).

    The first row is a header; rows whose first cell is blank are skipped.
    """
    from openpyxl import load_workbook  # boundary code: the core never imports openpyxl

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet not in wb.sheetnames:
            raise ModelError(
                "Model", f"工作簿中没有 “{sheet}” 工作表", f"the workbook has no '{sheet}' sheet", str(path)
            )
        ws = wb[sheet]
        rows = [
            (r[0].value, r[1].value, f"{sheet}!B{r[0].row}")
            for r in ws.iter_rows(min_row=2, max_col=2)
            if len(r) >= 2 and r[0].value is not None
        ]
    finally:
        wb.close()
    return model_from_rows(rows)
