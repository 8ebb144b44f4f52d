"""Buying centre (组织分析): coverage, support, depth and risk flags — docs/definitions.md §2.9.

One row per contact: level, role, stance, influence (1–5) and relationship =
trust + interest + emotion (信任+利益+情感, each 0–2, so 0–6).
- coverage = levels with a contact whose relationship ≥ threshold (2) / levels
- support index = Σ influence·stance / Σ influence (−1 … +1)
- depth = Σ influence·relationship / (6·Σ influence) (0–1)
- risk flags: an opposing decision maker; no coach; a single contact; no
  contact at the decision level.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from kam_xl.cells import parse_number
from kam_xl.core import _checks
from kam_xl.core.bands import lookup
from kam_xl.errors import InputError, KamError, NotANumberError
from kam_xl.models import Model, active_model
from kam_xl.models.schema import Label

__all__ = [
    "NO_RISK",
    "RELATIONSHIP_MAX",
    "RELATIONSHIP_PART_MAX",
    "RISK_FLAGS",
    "RISK_SEPARATOR",
    "BuyingCentreResult",
    "buying_centre",
    "coverage",
    "depth",
    "relationship",
    "risk_flag",
    "risk_flags",
    "risk_text",
    "stance_value",
    "support_index",
]

RELATIONSHIP_PART_MAX = 2.0
RELATIONSHIP_MAX = 3 * RELATIONSHIP_PART_MAX

RISK_FLAGS: tuple[Label, ...] = (
    Label("opposing_decision_maker", "决策者反对", "Decision maker opposes"),
    Label("no_coach", "没有教练", "No coach"),
    Label("single_threaded", "单线联系", "Single-threaded"),
    Label("no_decision_level", "未接触决策层", "No contact at decision level"),
)
NO_RISK = "—"
RISK_SEPARATOR = {"zh": "、", "en": "; "}


def risk_text(flags: Iterable[str], lang: str) -> str:
    """The flags that apply as one cell's text, in :data:`RISK_FLAGS` order ("—" when none)."""
    on = set(flags)
    labels = [f.text(lang) for f in RISK_FLAGS if f.code in on]
    return RISK_SEPARATOR[lang].join(labels) if labels else NO_RISK


def relationship(trust: object, interest: object, emotion: object) -> np.ndarray:
    """Trust + interest + emotion (each 0–2) → 0–6, contact by contact.

    Rendered by :func:`kam_xl.xlformulas.relationship.relationship`.
    """
    parts = []
    for values, field in ((trust, "trust"), (interest, "interest"), (emotion, "emotion")):
        arr = _checks.no_missing(_checks.numbers(values, field), field)
        parts.append(_checks.in_range(arr, field, 0.0, RELATIONSHIP_PART_MAX))
    return parts[0] + parts[1] + parts[2]


def _influence(values: object, model: Model) -> np.ndarray:
    bc = model.buying_centre
    arr = _checks.no_missing(np.atleast_1d(_checks.numbers(values, "influence")).ravel(), "influence")
    return _checks.in_range(arr, "influence", bc.influence_min, bc.influence_max)


def _relationship(values: object, n: int) -> np.ndarray:
    arr = _checks.no_missing(np.atleast_1d(_checks.numbers(values, "relationship")).ravel(), "relationship")
    _checks.same_length("relationship", arr.size, "contacts", n)
    return _checks.in_range(arr, "relationship", 0.0, RELATIONSHIP_MAX)


def _stance_values(stances: object, model: Model, n: int) -> np.ndarray:
    """Stances given as labels (支持/supporter) or as numbers −1 … 1."""
    raw = np.atleast_1d(np.asarray(stances, dtype=object)).ravel()
    _checks.same_length("stance", raw.size, "contacts", n)
    table = model.buying_centre.stances
    # A number, or a number stored as text ("1", "-1", docs/definitions.md §5), is a stance value;
    # anything else is a label. Both checks run on the whole column so that an
    # error names the contact's own position.
    out = np.zeros(raw.size, dtype=float)
    is_label = np.zeros(raw.size, dtype=bool)
    for i, v in enumerate(raw):
        if isinstance(v, (int, float, np.number)) and not isinstance(v, bool):
            out[i] = float(v)
        elif isinstance(v, str):
            try:
                number = parse_number(v, "stance")
            except NotANumberError:
                number = None
            except KamError as exc:  # an Excel error value propagates
                raise exc.at(_checks.position(i, raw.shape)) from None
            is_label[i] = number is None
            out[i] = 0.0 if number is None else number
        else:
            is_label[i] = True
    _checks.in_range(_checks.no_missing(out, "stance"), "stance", -1.0, 1.0)
    if is_label.any():
        idx = lookup(np.where(is_label, raw, table[0].code), table, "stance")
        out[is_label] = np.array([s.value for s in table])[idx[is_label]]
    return out


def stance_value(stances: object, model: Model | None = None) -> np.ndarray:
    """Each contact's stance as −1 … +1: a label (支持 / supporter …) gives the model's value for it,
    a number is taken as it is. Rendered by :func:`kam_xl.xlformulas.relationship.stance_value`."""
    model = model or active_model()
    shape = np.shape(np.asarray(stances, dtype=object))
    values = _stance_values(stances, model, int(np.prod(shape, dtype=int)))
    return values.reshape(shape) if shape else values[0]


def _nonempty(n: int) -> None:
    if n == 0:
        raise InputError("contacts", "没有联系人", "there are no contacts")


def coverage(levels: object, relationships: object, model: Model | None = None) -> float:
    """Share of the buying organisation's levels reached with relationship ≥ threshold."""
    model = model or active_model()
    bc = model.buying_centre
    lv = lookup(np.atleast_1d(np.asarray(levels, dtype=object)).ravel(), bc.levels, "level")
    rel = _relationship(relationships, lv.size)
    strong = rel >= bc.relationship_threshold
    covered = np.unique(lv[strong]).size
    return covered / len(bc.levels)


def support_index(influence: object, stances: object, model: Model | None = None) -> float:
    """Influence-weighted mean stance (−1 … +1)."""
    model = model or active_model()
    w = _influence(influence, model)
    _nonempty(w.size)
    s = _stance_values(stances, model, w.size)
    return float(w @ s / w.sum())


def depth(influence: object, relationships: object, model: Model | None = None) -> float:
    """Influence-weighted relationship, as a share of the maximum 6 (0–1)."""
    model = model or active_model()
    w = _influence(influence, model)
    _nonempty(w.size)
    rel = _relationship(relationships, w.size)
    return float(w @ rel / (RELATIONSHIP_MAX * w.sum()))


def risk_flags(levels: object, roles: object, stances: object, model: Model | None = None) -> list[str]:
    """Codes of the risk flags that apply (see :data:`RISK_FLAGS`)."""
    model = model or active_model()
    bc = model.buying_centre
    lv = lookup(np.atleast_1d(np.asarray(levels, dtype=object)).ravel(), bc.levels, "level")
    rl = lookup(np.atleast_1d(np.asarray(roles, dtype=object)).ravel(), bc.roles, "role")
    _checks.same_length("role", rl.size, "level", lv.size)
    st = _stance_values(stances, model, lv.size)
    role_code = np.array([r.code for r in bc.roles])[rl] if rl.size else np.array([], dtype=object)
    flags = []
    if ((role_code == "decision_maker") & (st < 0)).any():
        flags.append("opposing_decision_maker")
    if not (role_code == "coach").any():
        flags.append("no_coach")
    if lv.size <= 1:
        flags.append("single_threaded")
    if not (lv == 0).any():  # the first level of the model is the decision level
        flags.append("no_decision_level")
    return flags


def risk_flag(flag: str, levels: object, roles: object, stances: object, model: Model | None = None) -> bool:
    """Whether one risk flag (a code of :data:`RISK_FLAGS`) applies: ``flag in risk_flags(...)``.

    A plan shows each flag in a cell of its own (:func:`kam_xl.xlformulas.relationship.risk_flag`).
    """
    codes = [f.code for f in RISK_FLAGS]
    if flag not in codes:
        raise InputError("flag", f"未知的风险标志 “{flag}”（可用：{', '.join(codes)}）",
                         f"unknown risk flag '{flag}' (known: {', '.join(codes)})")  # fmt: skip
    return flag in risk_flags(levels, roles, stances, model)


@dataclass(frozen=True)
class BuyingCentreResult:
    coverage: float
    support_index: float
    depth: float
    flags: tuple[str, ...]


def buying_centre(
    levels: object, roles: object, stances: object, influence: object, relationships: object, model: Model | None = None
) -> BuyingCentreResult:
    """All buying-centre metrics for one account's contacts."""
    model = model or active_model()
    return BuyingCentreResult(
        coverage=coverage(levels, relationships, model),
        support_index=support_index(influence, stances, model),
        depth=depth(influence, relationships, model),
        flags=tuple(risk_flags(levels, roles, stances, model)),
    )
