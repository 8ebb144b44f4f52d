"""The ``Model`` sheet: every model parameter in a cell, named workbook-wide.

Columns A:B are ``path`` / ``value`` rows that :func:`kam_xl.models.sheet_rows.
model_from_workbook` reads back, so a team tunes weights in the workbook and
both the formulas and kam_xl's Python side follow. The rows of a list are
grouped by field (all criterion weights together, then all directions …) so
that each field is one contiguous range with one name:
``scorecards.account_selection.criteria[*].weight`` →
``KAM_SCORECARDS_ACCOUNT_SELECTION_CRITERIA_WEIGHT``. Column D:E hold derived
values (raw minimum and maximum of a scorecard, the wall maximum, the model
hash) as formulas over those names. Names are workbook-scoped: the ``formulas``
engine gives ``#REF!`` for sheet-scoped ones. This module lays the sheet out;
:meth:`kam_xl.workbooks.book.Book.add_model_sheet` writes it and defines the names.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, TypeAlias

from kam_xl.core.rounding import SHARE_DECIMALS
from kam_xl.errors import ModelError
from kam_xl.models import Model, model_rows
from kam_xl.models.schema import Band, Label

__all__ = ["MODEL_SHEET", "ModelCell", "ModelSheet", "lay_out_model_sheet", "model_dict", "name_of"]

MODEL_SHEET = "Model"
FIRST_ROW = 2


def name_of(path: str) -> str:
    """Workbook name of a model path: list indices dropped, dots → underscores."""
    return "KAM_" + re.sub(r"\[[^\]]*\]", "", path).replace(".", "_").upper()


def _label(lab: Label, key: str = "code") -> dict[str, Any]:
    return {key: lab.code, "zh": lab.zh, "en": lab.en}


def _bands(bands: tuple[Band, ...]) -> list[dict[str, Any]]:
    out = []
    for b in bands:
        item: dict[str, Any] = {"code": b.code}
        if math.isfinite(b.min):
            item["min"] = b.min
        out.append(item | {"zh": b.zh, "en": b.en})
    return out


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


def model_dict(model: Model) -> dict[str, Any]:
    """The model as the TOML-shaped dict the loader reads (its inverse)."""
    q, mx, b, s, bc = model.quadrant, model.matrix, model.barrier, model.satisfaction, model.buying_centre
    rec = model.receivables
    ratings = []
    for r in rec.ratings:
        item: dict[str, Any] = {"code": r.code}
        if math.isfinite(r.dso_max):
            item |= {"dso_max": _num(r.dso_max), "overdue_ratio_max": r.overdue_ratio_max}
        ratings.append(item | {"zh": r.zh, "en": r.en})
    return {
        "model": {
            "name": model.name,
            "version": model.version,
            "language": model.language,
            "missing": model.missing,
            "tier_scorecard": model.tier_scorecard,
        },
        "scorecards": {
            key: {
                "zh": card.zh,
                "en": card.en,
                "scale": _num(card.scale),
                "criteria": [
                    {"key": c.code, "group": c.group, "weight": _num(c.weight), "direction": c.direction}
                    | {"zh": c.zh, "en": c.en}
                    for c in card.criteria
                ],
            }
            for key, card in model.scorecards.items()
        },
        "tier": {"levels": _bands(model.tiers)},
        "abc": {
            "value": model.abc.value,
            "a": model.abc.a,
            "b": model.abc.b,
            "labels": [_label(x) for x in model.abc.labels],
        },
        "pyramid": {
            "layers": [{"code": x.code, "share": x.share, "zh": x.zh, "en": x.en} for x in model.pyramid.layers]
        },
        "quadrant": {
            "current_threshold": _num(q.x_threshold),
            "potential_threshold": _num(q.y_threshold),
            **{k: _label(getattr(q, k)) for k in ("high_high", "high_low", "low_high", "low_low")},
        },
        "matrix": {
            "attractiveness_threshold": _num(mx.x_threshold),
            "strength_threshold": _num(mx.y_threshold),
            **{k: _label(getattr(mx, k)) for k in ("high_high", "high_low", "low_high", "low_low")},
        },
        "barrier": {
            "wall_criteria": [{"key": w.code, "max": _num(w.max), "zh": w.zh, "en": w.en} for w in b.wall_criteria],
            "component_scale": _num(b.component_scale),
            "wall_weight": b.wall_weight,
            "technical_weight": b.technical_weight,
            "commercial_weight": b.commercial_weight,
            "switching_weight": b.switching_weight,
            "levels": _bands(b.levels),
        },
        "clv": {"horizon": "infinite" if math.isinf(model.clv_horizon) else _num(model.clv_horizon)},
        "satisfaction": {
            "scale_min": _num(s.scale_min),
            "scale_max": _num(s.scale_max),
            "dimensions": [{"key": d.code, "weight": _num(d.weight), "zh": d.zh, "en": d.en} for d in s.dimensions],
            "levels": _bands(s.levels),
        },
        "buying_centre": {
            "relationship_threshold": _num(bc.relationship_threshold),
            "influence_min": _num(bc.influence_min),
            "influence_max": _num(bc.influence_max),
            "levels": [_label(x) for x in bc.levels],
            "roles": [_label(x) for x in bc.roles],
            "stances": [{"code": x.code, "value": _num(x.value), "zh": x.zh, "en": x.en} for x in bc.stances],
        },
        "pipeline": {
            "stages": [
                {"code": x.code, "probability": x.probability, "zh": x.zh, "en": x.en} for x in model.pipeline.stages
            ]
        },
        "receivables": {
            "period_months": rec.period_months,
            "aging_edges": list(rec.aging_edges),
            "aging_labels": [_label(x) for x in rec.aging_labels],
            "ratings": ratings,
        },
    }


# A cell of the Model sheet: text (text even if it starts with "=") or a number, a derived formula as
# ``(formula, cached value)``; None = no cell.
ModelCell: TypeAlias = str | float | tuple[str, object] | None


@dataclass(frozen=True)
class ModelSheet:
    """The Model sheet as a workbook holds it: its cells, its names and its derived formulas' values."""

    model: Model
    names: dict[str, str]  # name → absolute reference, e.g. "Model!$B$5:$B$7"
    derived: dict[str, object]  # cell (e.g. "E3") → cached value of a derived formula
    rows: list[list[ModelCell]]  # every row from 1, every cell from column A to the last one used

    @property
    def header_rows(self) -> int:
        """The heading row and the ``model.*`` rows under it (name, version …): the part printed."""
        n = 1
        while n < len(self.rows) and str(self.rows[n][0]).startswith("model."):
            n += 1
        return n


def _ref(first: int, last: int, col: str = "B") -> str:
    if first == last:
        return f"{MODEL_SHEET}!${col}${first}"
    return f"{MODEL_SHEET}!${col}${first}:${col}${last}"


def lay_out_model_sheet(model: Model, lang: str) -> ModelSheet:
    """The ``Model`` sheet's cells, its workbook-scoped names and the cached values of its derived
    formulas; the caller writes the cells and defines the names, in the workbook's house style."""
    cells: dict[tuple[int, int], ModelCell] = {}
    cells[1, 1], cells[1, 2] = ("路径", "取值") if lang == "zh" else ("path", "value")
    cells[1, 4], cells[1, 5] = (
        ("派生量（公式，勿改）", "值") if lang == "zh" else ("derived (formulas, do not edit)", "value")
    )
    spans: dict[str, list[int]] = {}
    for r, (path, value) in enumerate(model_rows(model_dict(model)), start=FIRST_ROW):
        cells[r, 1], cells[r, 2] = path, value  # labels are text even if they start with "=" or "-"
        spans.setdefault(name_of(path), []).append(r)
    names: dict[str, str] = {}
    for name, rows in spans.items():
        if rows != list(range(rows[0], rows[-1] + 1)):
            raise ModelError(name, "模型列表字段不连续", "a list field of the model is not contiguous")
        names[name] = _ref(rows[0], rows[-1])

    derived: dict[str, object] = {}
    row = FIRST_ROW

    def add(name: str, label: str, formula: str, value: object) -> None:
        nonlocal row
        cells[row, 4], cells[row, 5] = label, (formula, value)
        names[name] = _ref(row, row, "E")
        derived[f"E{row}"] = value
        row += 1

    for key, card in model.scorecards.items():
        base = name_of(f"scorecards.{key}")
        w, d, s = f"{base}_CRITERIA_WEIGHT", f"{base}_CRITERIA_DIRECTION", f"{base}_SCALE"
        add(f"{base}_RAW_MAX", f"{key}: raw max", f"=SUMPRODUCT(({d}>0)*{w})*{s}", card.raw_max)
        add(f"{base}_RAW_MIN", f"{key}: raw min", f"=-SUMPRODUCT(({d}<0)*{w})*{s}", card.raw_min)
    first = row
    share_top = spans["KAM_PYRAMID_LAYERS_SHARE"][0]
    for k, cum in enumerate(model.pyramid.cumulative):
        # share of the layers down to this one, rounded as the core rounds it
        formula = f"=ROUND(SUM($B${share_top}:$B${share_top + k}),{SHARE_DECIMALS})"
        cells[row, 4], cells[row, 5] = f"pyramid: cumulative share {k + 1}", (formula, float(cum))
        derived[f"E{row}"] = float(cum)
        row += 1
    names["KAM_PYRAMID_LAYERS_CUMULATIVE"] = _ref(first, row - 1, "E")
    first = row
    for k, edge in enumerate(model.receivables.aging_edges):
        # fixed when the workbook is made, like the bucket labels that name them
        cells[row, 4], cells[row, 5] = f"receivables: aging edge {k + 1} (days)", edge
        row += 1
    names["KAM_RECEIVABLES_AGING_EDGE"] = _ref(first, row - 1, "E")
    add("KAM_BARRIER_WALL_MAX", "barrier: wall max", "=SUM(KAM_BARRIER_WALL_CRITERIA_MAX)", model.barrier.wall_max)
    add("KAM_SATISFACTION_WEIGHT_SUM", "satisfaction: weight sum", "=SUM(KAM_SATISFACTION_DIMENSIONS_WEIGHT)",
        float(sum(x.weight for x in model.satisfaction.dimensions)))  # fmt: skip
    cells[row, 4], cells[row, 5] = "model hash (SHA-256)", model.content_hash
    names["KAM_MODEL_HASH"] = _ref(row, row, "E")

    last, width = max(r for r, _ in cells), max(c for _, c in cells)
    grid = [[cells.get((r, c)) for c in range(1, width + 1)] for r in range(1, last + 1)]
    return ModelSheet(model, names, derived, grid)
