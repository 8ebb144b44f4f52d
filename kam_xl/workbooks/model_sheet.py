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

from openpyxl.utils.cell import coordinate_to_tuple

from kam_xl.core.rounding import SHARE_DECIMALS
from kam_xl.errors import ModelError
from kam_xl.models import Model, model_rows
from kam_xl.models.schema import Band, Label
from kam_xl.xlformulas import common as xlc
from kam_xl.xlformulas import model_sheet as XM
from kam_xl.xlformulas import scoring as XS

__all__ = [
    "FIRST_ROW",
    "HASH_LABEL",
    "MODEL_SHEET",
    "ModelCell",
    "ModelSheet",
    "lay_out_model_sheet",
    "model_dict",
    "name_of",
    "path_label",
    "path_labels",
    "unlabelled",
]

MODEL_SHEET = "Model"


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
                "scale_min": _num(card.scale_min),
                "scale": _num(card.scale),
                **({} if card.select_at is None else {"select_at": _num(card.select_at)}),
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
            **{k: _num(getattr(b, k)) for k in ("share_partial", "share_full", "contact_partial", "contact_full")},
            "levels": _bands(b.levels),
        },
        "clv": {"horizon": "infinite" if math.isinf(model.clv_horizon) else _num(model.clv_horizon)},
        "satisfaction": {
            "scale_min": _num(s.scale_min),
            "scale_max": _num(s.scale_max),
            "dimensions": [{"key": d.code, "weight": _num(d.weight), "zh": d.zh, "en": d.en} for d in s.dimensions],
            "levels": _bands(s.levels),
            "need_at": _num(s.need_at),
            "usp_margin": _num(s.usp_margin),
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
        "profitability": {"levels": _bands(model.profitability)},
        **(
            {"discount": {"levels": [{"code": d.code, "rate": d.rate} for d in model.discount]}}
            if model.discount
            else {}
        ),
        **({"classification": _classification(model)} if model.classification.measures else {}),
        "service": {
            "orders_months": model.service.orders_months,
            **{
                k: _num(getattr(model.service, k))
                for k in ("orders_drop", "overdue_ratio_at", "risk_medium", "risk_high")
            },
            "visits": [
                {"tier": t.code, "per_quarter": _num(n)}
                for t, n in zip(model.tiers, model.service.visits_per_quarter, strict=True)
            ],
        },
    }


def _classification(model: Model) -> dict[str, Any]:
    c = model.classification
    indicators: dict[str, Any] = {}
    for m in c.measures.values():
        item: dict[str, Any] = {"zh": m.zh, "en": m.en, "group": m.group}
        if m.levels:
            item["levels"] = [{**b, "min": _num(b["min"])} if "min" in b else b for b in _bands(m.levels)]
        indicators[m.code] = item
    return {"on": c.on, "indicators": indicators}


# ---------------------------------------------------------------- a label beside each path
# The rule: a path the table below names gets its label; an item of a list (or a named corner of a matrix) is
# its own name plus a word for the field ("战略客户 下限" / "Strategic: minimum score"); a scorecard's own fields
# are the card's name plus the word. A field no table knows (one a later model adds) still gets both
# columns: its section's name and the field's name (:func:`unlabelled` lists those paths).

Pair: TypeAlias = tuple[str, str]  # (zh, en)

_SECTIONS: dict[str, Pair] = {
    "model": ("模型", "Model"),
    "scorecards": ("评分卡", "Scorecard"),
    "tier": ("客户分级", "Tiers"),
    "abc": ("ABC 分类", "ABC classes"),
    "pyramid": ("客户金字塔", "Pyramid"),
    "quadrant": ("价值象限", "Value quadrant"),
    "matrix": ("组合矩阵", "Portfolio matrix"),
    "barrier": ("竞争壁垒", "Barriers"),
    "clv": ("客户终身价值", "Lifetime value"),
    "satisfaction": ("客户满意度", "Satisfaction"),
    "buying_centre": ("采购组织", "Buying centre"),
    "pipeline": ("开发阶段", "Pipeline"),
    "receivables": ("应收账款", "Receivables"),
    "profitability": ("获利分级", "Profitability"),
    "discount": ("优惠政策", "Discount policy"),
    "classification": ("单一指标分类", "Single-indicator classification"),
    "service": ("客户服务与流失", "Service and churn"),
}

_PATHS: dict[str, Pair] = {
    "model.name": ("模型名称", "Model name"),
    "model.version": ("模型版本", "Model version"),
    "model.language": ("默认语言（zh 或 en）", "Default language (zh or en)"),
    "model.missing": ("评分缺项（error 报错 / zero 记 0 分）", "A blank score (error, or zero: counts as 0)"),
    "model.tier_scorecard": ("客户分级所用的评分卡", "Scorecard the tier is based on"),
    "abc.value": ("ABC 分类依据（revenue 销售额 / gross_profit 毛利）", "ABC by (revenue or gross_profit)"),
    "abc.a": ("A 类：累计份额至", "Class A: cumulative share up to"),
    "abc.b": ("B 类：累计份额至", "Class B: cumulative share up to"),
    "quadrant.current_threshold": ("价值象限：现值分界（0–100）", "Value quadrant: current-value cut (0–100)"),
    "quadrant.potential_threshold": ("价值象限：潜力分界（0–100）", "Value quadrant: potential cut (0–100)"),
    "matrix.attractiveness_threshold": (
        "组合矩阵：客户吸引力分界（得分 0–100）",
        "Portfolio matrix: attractiveness cut (score 0–100)",
    ),
    "matrix.strength_threshold": (
        "组合矩阵：我方地位分界（壁垒强度 0–100）",
        "Portfolio matrix: position cut (barrier strength 0–100)",
    ),
    "barrier.component_scale": ("技术、商务壁垒与各项转换成本的满分", "Top score of each barrier and switching cost"),
    "barrier.wall_weight": ("壁垒强度中围墙准则的权重", "Barrier strength: weight of the wall criteria"),
    "barrier.technical_weight": ("壁垒强度中技术壁垒的权重", "Barrier strength: weight of the technical barrier"),
    "barrier.commercial_weight": ("壁垒强度中商务壁垒的权重", "Barrier strength: weight of the commercial barrier"),
    "barrier.switching_weight": ("壁垒强度中转换成本的权重", "Barrier strength: weight of switching cost"),
    "barrier.share_partial": ("围墙“份额”：钱包份额达到此值得 1 分", "Wall 'share': 1 point from this share of wallet"),
    "barrier.share_full": ("围墙“份额”：钱包份额超过此值得 2 分", "Wall 'share': 2 points above this share of wallet"),
    "barrier.contact_partial": (
        "围墙“接触”：覆盖的层级数达到此值得 1 分",
        "Wall 'contact': 1 point from this many levels reached",
    ),
    "barrier.contact_full": (
        "围墙“接触”：覆盖的层级数达到此值得 2 分",
        "Wall 'contact': 2 points from this many levels reached",
    ),
    "clv.horizon": ("客户终身价值年限（infinite = 不限）", "Lifetime-value horizon, years (infinite: no limit)"),
    "satisfaction.scale_min": ("满意度评分下限", "Satisfaction scale: lowest score"),
    "satisfaction.scale_max": ("满意度评分上限", "Satisfaction scale: highest score"),
    "satisfaction.need_at": (
        "竞争对手：客户对某项的重视度达到此值即“客户有需求”",
        "Competitors: importance from which the customer needs a criterion",
    ),
    "satisfaction.usp_margin": (
        "竞争对手：我方得分比对手高出此值即“对手做得没有我好”（USP）",
        "Competitors: our lead over a competitor that makes a needed criterion our USP",
    ),
    "buying_centre.relationship_threshold": (
        "关系分达到此值，该层级算已覆盖",
        "Relationship score from which a level counts as reached",
    ),
    "buying_centre.influence_min": ("影响力评分下限", "Influence: lowest score"),
    "buying_centre.influence_max": ("影响力评分上限", "Influence: highest score"),
    "receivables.period_months": ("统计期间：统计基准日前的月数", "Period: months before the as-of date"),
    "receivables.aging_edges": ("账龄分段：逾期天数（逗号分隔）", "Aging buckets: days overdue (comma-separated)"),
    "classification.on": (
        "客户组合按此指标分类（指标代码）",
        "The portfolio classifies accounts on this indicator (its code)",
    ),
    "service.orders_months": ("订单下降：比较的月数（最近与此前）", "Falling orders: months compared (latest, before)"),
    "service.orders_drop": ("订单下降：降幅达到此值为风险信号", "Falling orders: a signal from this fall"),
    "service.overdue_ratio_at": ("逾期：逾期占比达到此值为风险信号", "Overdue: a signal from this overdue ratio"),
    "service.risk_medium": ("流失风险“中”：信号数", "Churn risk Medium: signals"),
    "service.risk_high": ("流失风险“高”：信号数", "Churn risk High: signals"),
}

_FIELDS: dict[str, Pair] = {  # a field of a list item, a scorecard or a named corner of a matrix
    "code": ("代码", "code"),
    "key": ("代码", "code"),
    "zh": ("中文名称", "Chinese name"),
    "en": ("英文名称", "English name"),
    "group": ("分组", "group"),
    "weight": ("权重", "weight"),
    "direction": ("方向（1 越高越好，−1 越低越好）", "direction (1: higher is better, −1: lower is better)"),
    "min": ("下限", "minimum"),
    "max": ("满分", "maximum score"),
    "scale": ("评分上限", "highest score"),
    "scale_min": ("评分下限", "lowest score"),
    "select_at": (
        "选择线：原始得分达到即入选（未设定时取平均分）",
        "selection cut: the raw total to reach (unset: the average)",
    ),
    "share": ("客户数占比", "share of accounts"),
    "value": ("计分", "value"),
    "probability": ("成交概率", "win probability"),
    "dso_max": ("DSO 上限（天）", "DSO at most (days)"),
    "overdue_ratio_max": ("逾期比例上限", "overdue ratio at most"),
    "rate": ("折扣率（0 ≤ 折扣率 < 1）", "discount rate (0 <= rate < 1)"),
}

_ITEM_FIELDS: dict[str, Pair] = {  # a field whose word depends on its list (indices as [i])
    "tier.levels[i].min": ("下限", "minimum score"),
    "barrier.levels[i].min": ("下限（壁垒强度）", "minimum barrier strength"),
    "satisfaction.levels[i].min": ("下限（实际感受减期望的差距）", "minimum gap (perceived − expected)"),
    "profitability.levels[i].min": ("下限（毛利率）", "minimum gross margin"),
    "pyramid.layers[i].share": ("客户数占比（自上而下）", "share of accounts (from the top)"),
    "buying_centre.stances[i].value": ("计分（支持 +1 … 反对 −1）", "value (+1 support … −1 oppose)"),
    "service.visits[i].tier": ("拜访频率：客户等级", "visit cadence: tier"),
    "service.visits[i].per_quarter": ("拜访频率：每季度拜访次数", "visit cadence: visits per quarter"),
}

_CORNERS: dict[str, dict[str, Pair]] = {  # the four cells of the two matrices: x first, y second
    "quadrant": {
        "high_high": ("现值高、潜力高", "high current value, high potential"),
        "high_low": ("现值高、潜力低", "high current value, low potential"),
        "low_high": ("现值低、潜力高", "low current value, high potential"),
        "low_low": ("现值低、潜力低", "low current value, low potential"),
    },
    "matrix": {
        "high_high": ("吸引力高、地位高", "attractive, strong position"),
        "high_low": ("吸引力高、地位低", "attractive, weak position"),
        "low_high": ("吸引力低、地位高", "less attractive, strong position"),
        "low_low": ("吸引力低、地位低", "less attractive, weak position"),
    },
}

_ITEM = re.compile(r"^(?P<list>.*)\[(?P<index>\d+)\]\.(?P<field>[^.\[\]]+)$")
_INDEX = re.compile(r"\[\d+\]")
_STEP = re.compile(r"[^.\[\]]+|\[\d+\]")


def _at(data: Any, path: str) -> Any:
    """The node of the TOML-shaped ``data`` at ``path`` (``tier.levels[0]``); None where there is none."""
    node = data
    for part in _STEP.findall(path):
        if part.startswith("["):
            i = int(part[1:-1])
            node = node[i] if isinstance(node, list) and i < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
    return node


def _named(node: Any) -> Pair | None:
    if isinstance(node, dict) and isinstance(node.get("zh"), str) and isinstance(node.get("en"), str):
        return node["zh"], node["en"]
    return None


def path_label(path: str, data: dict[str, Any]) -> tuple[Pair, bool]:
    """A Model-sheet path's (zh, en) label in the model ``data`` (:func:`model_dict`), and whether the rule
    knew it (False: a field no table names, labelled by its section's or item's name and its own)."""
    generic = _INDEX.sub("[i]", path)
    if generic in _PATHS:
        return _PATHS[generic], True
    parts = path.split(".")
    sec_zh, sec_en = _SECTIONS.get(parts[0], (parts[0], parts[0]))
    m = _ITEM.match(path)
    if m is not None:  # a field of a list item: the item's name + the field's word
        name = _named(_at(data, f"{m['list']}[{m['index']}]"))
        k = int(m["index"]) + 1
        if m["list"] == "discount.levels":  # an item named by its tier's code
            code = _at(data, f"{m['list']}[{m['index']}].code")
            name = (f"{sec_zh} {code}", f"{sec_en} {code}")
        zh, en = name or (f"{sec_zh} 第 {k} 项", f"{sec_en} item {k}")
        word = _ITEM_FIELDS.get(generic) or _FIELDS.get(m["field"])
    elif parts[0] == "scorecards" and len(parts) == 3:  # a scorecard's own field
        zh, en = _named(_at(data, ".".join(parts[:2]))) or (f"{sec_zh} {parts[1]}", f"{sec_en} {parts[1]}")
        word = _FIELDS.get(parts[2])
    elif parts[:2] == ["classification", "indicators"] and len(parts) == 4:  # an indicator's own field
        zh, en = _named(_at(data, ".".join(parts[:3]))) or (f"{sec_zh} {parts[2]}", f"{sec_en} {parts[2]}")
        word = _FIELDS.get(parts[3])
    elif len(parts) == 3 and parts[1] in _CORNERS.get(parts[0], {}):  # a corner of a matrix
        (nz, ne), (cz, ce) = (
            _named(_at(data, ".".join(parts[:2]))) or (parts[1], parts[1]),
            _CORNERS[parts[0]][parts[1]],
        )
        zh, en = f"{nz}（{sec_zh}：{cz}）", f"{ne} ({sec_en.lower()}: {ce})"
        word = _FIELDS.get(parts[2])
    else:
        zh, en, word = sec_zh, sec_en, None
    if word is None:  # a field no table names (a later model's): still a label in both columns
        field = parts[-1].split("[")[0]
        return (f"{zh} {field}", f"{en}: {field.replace('_', ' ')}"), False
    return (f"{zh} {word[0]}", f"{en}: {word[1]}"), True


def path_labels(model: Model) -> dict[str, Pair]:
    """Every Model-sheet path of ``model`` with its (zh, en) label, in sheet order."""
    data = model_dict(model)
    return {p: path_label(p, data)[0] for p, _ in model_rows(data)}


# The labels of the models laid out last, by content hash (the labels follow from the content alone): a
# batch of workbooks with one model labels its paths once.
_LABELS: dict[str, list[Pair]] = {}


def _labels(model: Model, data: dict[str, Any], rows: list[tuple[str, Any]]) -> list[Pair]:
    got = _LABELS.get(model.content_hash)
    if got is None or len(got) != len(rows):
        got = [path_label(p, data)[0] for p, _ in rows]
        if model.content_hash:
            if len(_LABELS) >= 8:
                _LABELS.clear()
            _LABELS[model.content_hash] = got
    return got


def unlabelled(model: Model) -> list[str]:
    """The paths the labelling rule does not know, labelled only by their section and field name."""
    data = model_dict(model)
    return [p for p, _ in model_rows(data) if not path_label(p, data)[1]]


# ---------------------------------------------------------------- the sheet

# A cell of the Model sheet: text (text even if it starts with "=") or a number, a derived formula as
# ``(formula, cached value)``; None = no cell.
ModelCell: TypeAlias = str | float | tuple[str, object] | None

FLAG_ROW = 2  # row 1: headings; row 2 (path and value blank, so every reader skips it): the edited flag
FIRST_ROW = 3  # the first parameter row
_FLAG: Pair = ("模型已修改", "Model edited")
_FLAG_NOTE: Pair = ("改动过的取值标蓝", "Changed values in blue")  # B against E, row by row
_HEADINGS: tuple[Pair, ...] = (
    ("路径", "path"),  # the header xl/model_arg.py recognises in a Model!$A:$B argument
    ("取值", "value"),
    ("说明（中文）", "Label (Chinese)"),
    ("说明（英文）", "Label (English)"),
    ("生成时的取值", "Value as generated"),
)
_DERIVED_HEADINGS: tuple[Pair, ...] = (
    ("派生量（公式，勿改）", "Derived (formulas, do not edit)"),
    ("", ""),
    ("值", "Value"),
)
HASH_LABEL: Pair = ("模型哈希（SHA-256）", "model hash (SHA-256)")  # `kam-xl check` finds the hash by the English one


@dataclass(frozen=True)
class ModelSheet:
    """The Model sheet as a workbook holds it: its cells and their house styles, its names, its derived
    formulas' values, the parameter rows and the edited flag."""

    model: Model
    names: dict[str, str]  # name → absolute reference, e.g. "Model!$B$5:$B$7"
    derived: dict[str, object]  # cell (e.g. "E3") → cached value of a derived formula
    rows: list[list[ModelCell]]  # every row from 1, every cell from column A to the last one used
    kinds: list[list[str | None]]  # each cell's house style (Book.stamp kinds), as ``rows``
    last: int  # the last parameter row (they run from FIRST_ROW)
    flag: str  # the cell of the edited flag (是/否)
    changed: str  # condition, for the first value cell (relative): its value is not the one generated

    @property
    def header_rows(self) -> int:
        """The last row of the part printed: headings, the flag and the ``model.*`` rows (name, version …)."""
        n = FIRST_ROW - 1
        while n < len(self.rows) and str(self.rows[n][0]).startswith("model."):
            n += 1
        return n

    def figures(self) -> dict[str, object]:
        """Every formula cell's cached value, by cell: the derived cells and the edited flag (as generated:
        not edited)."""
        flag_row, flag_col = coordinate_to_tuple(self.flag)
        cell = self.rows[flag_row - 1][flag_col - 1]
        assert isinstance(cell, tuple)  # (formula, value as generated)
        return {**self.derived, self.flag: cell[1]}


def _ref(first: int, last: int, col: str = "B") -> str:
    if first == last:
        return f"{MODEL_SHEET}!${col}${first}"
    return f"{MODEL_SHEET}!${col}${first}:${col}${last}"


def lay_out_model_sheet(model: Model, lang: str) -> ModelSheet:
    """The ``Model`` sheet's cells, its workbook-scoped names and the cached values of its derived
    formulas; the caller writes the cells and defines the names, in the workbook's house style.

    Columns: A path, B value (the input a team tunes), C and D the path's label in Chinese and English,
    E the value as generated; the derived rows (formulas over the names, the model hash) follow the
    parameters, labelled in C and D with their value in E. Row 2 holds the edited flag.
    """
    zh = lang == "zh"
    cells: dict[tuple[int, int], tuple[str, ModelCell]] = {}
    for c, pair in enumerate(_HEADINGS, start=1):
        cells[1, c] = "header", pair[0 if zh else 1]
    data = model_dict(model)
    spans: dict[str, list[int]] = {}
    r = FIRST_ROW - 1
    params = model_rows(data)
    for r, ((path, value), (lz, le)) in enumerate(
        zip(params, _labels(model, data, params), strict=True), start=FIRST_ROW
    ):
        # labels are text even if they start with "=" or "-"; the value as generated is what the flag compares
        cells[r, 1], cells[r, 2], cells[r, 3], cells[r, 4] = (
            ("text", path),
            ("input", value),
            ("text", lz),
            ("text", le),
        )
        cells[r, 5] = "hint", value
        spans.setdefault(name_of(path), []).append(r)
    last = r
    names: dict[str, str] = {}
    for name, rows in spans.items():
        if rows != list(range(rows[0], rows[-1] + 1)):
            raise ModelError(name, "模型列表字段不连续", "a list field of the model is not contiguous")
        names[name] = _ref(rows[0], rows[-1])

    # the edited flag: any value in B that is not the one generated in E, compared as text (&""): LibreOffice
    # compares a range of numbers inside SUMPRODUCT unreliably. Text compares regardless of case, as in Excel
    # (EXACT is outside the function subset, kam_xl/workbooks/lint.py): `kam-xl check` sees a case-only edit.
    flag = XM.edited(f"B{FIRST_ROW}:B{last}", f"E{FIRST_ROW}:E{last}", lang)
    derived: dict[str, object] = {}
    cells[FLAG_ROW, 3] = "side", _FLAG[0 if zh else 1]
    cells[FLAG_ROW, 4] = "formula", (flag, xlc.YES_NO[lang][1])
    cells[FLAG_ROW, 5] = "hint", _FLAG_NOTE[0 if zh else 1]

    row = last + 2
    for c, pair in enumerate(_DERIVED_HEADINGS, start=3):
        cells[row, c] = "header", pair[0 if zh else 1]
    row += 1

    def put(label: Pair, kind: str, value: ModelCell) -> None:
        nonlocal row
        cells[row, 3], cells[row, 4], cells[row, 5] = ("text", label[0]), ("text", label[1]), (kind, value)
        row += 1

    def add(name: str, label: Pair, formula: str, value: object) -> None:
        names[name] = _ref(row, row, "E")
        derived[f"E{row}"] = value
        put(label, "plain", (formula, value))

    for key, card in model.scorecards.items():
        base = name_of(f"scorecards.{key}")
        # best: +1 criteria at the top of the scale, −1 criteria at its bottom; worst the other way round
        add(f"{base}_RAW_MAX", (f"{card.zh} 原始分最高", f"{card.en}: highest raw score"), XS.raw_max(key),
            card.raw_max)  # fmt: skip
        add(f"{base}_RAW_MIN", (f"{card.zh} 原始分最低", f"{card.en}: lowest raw score"), XS.raw_min(key),
            card.raw_min)  # fmt: skip
    first = row
    share_top = spans["KAM_PYRAMID_LAYERS_SHARE"][0]
    for k, (layer, cum) in enumerate(zip(model.pyramid.layers, model.pyramid.cumulative, strict=True)):
        # share of the layers down to this one, rounded as the core rounds it
        formula = XM.cumulative_share(f"$B${share_top}:$B${share_top + k}", SHARE_DECIMALS)
        derived[f"E{row}"] = float(cum)
        put((f"金字塔 {layer.zh} 及以上的累计占比", f"Pyramid: cumulative share down to {layer.en}"), "plain",
            (formula, float(cum)))  # fmt: skip
    names["KAM_PYRAMID_LAYERS_CUMULATIVE"] = _ref(first, row - 1, "E")
    first = row
    for k, edge in enumerate(model.receivables.aging_edges):
        # fixed when the workbook is made, like the bucket labels that name them
        put((f"账龄分段 {k + 1}：逾期天数", f"Aging edge {k + 1}: days overdue"), "text", edge)
    names["KAM_RECEIVABLES_AGING_EDGE"] = _ref(first, row - 1, "E")
    add("KAM_BARRIER_WALL_MAX", ("围墙准则满分合计", "Wall criteria: maximum total"),
        XM.total("KAM_BARRIER_WALL_CRITERIA_MAX"), model.barrier.wall_max)  # fmt: skip
    add("KAM_SATISFACTION_WEIGHT_SUM", ("满意度各维度权重合计", "Satisfaction: sum of dimension weights"),
        XM.total("KAM_SATISFACTION_DIMENSIONS_WEIGHT"), float(sum(x.weight for x in model.satisfaction.dimensions)))  # fmt: skip
    names["KAM_MODEL_HASH"] = _ref(row, row, "E")
    put(HASH_LABEL, "text", model.content_hash)

    height, width = max(r for r, _ in cells), max(c for _, c in cells)
    grid = [[cells.get((r, c), (None, None)) for c in range(1, width + 1)] for r in range(1, height + 1)]
    return ModelSheet(
        model,
        names,
        derived,
        rows=[[v for _, v in row] for row in grid],
        kinds=[[k for k, _ in row] for row in grid],
        last=last,
        flag=f"D{FLAG_ROW}",
        changed=XM.changed(f"B{FIRST_ROW}", f"E{FIRST_ROW}"),
    )
