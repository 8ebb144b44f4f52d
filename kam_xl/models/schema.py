"""The scoring model: every weight, threshold, share and label kam_xl uses.

Plain frozen dataclasses. :mod:`kam_xl.models.validate` builds them from the
dict a TOML file (:mod:`~kam_xl.models.toml_file`) or a workbook's ``Model`` sheet
(:mod:`~kam_xl.models.sheet_rows`) gives and validates them; the core reads them.
Also here: what makes two labels one (:func:`label_key`) and the characters a
label may not begin with (:data:`FORMULA_LEADS`), so the validator that refuses
and the code that looks labels up share one rule.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from kam_xl.core.rounding import SHARE_DECIMALS

__all__ = [
    "FORMULA_LEADS",
    "Abc",
    "Band",
    "Barrier",
    "BuyingCentre",
    "Classification",
    "Criterion",
    "Label",
    "Layer",
    "Measure",
    "Model",
    "Pipeline",
    "Pyramid",
    "Quadrant",
    "Rating",
    "Receivables",
    "Satisfaction",
    "Scorecard",
    "Service",
    "Stage",
    "Stance",
    "TierDiscount",
    "WallCriterion",
    "label_key",
]

# A cell or CSV field beginning with one of these is read as a formula by Excel
# (and by LibreOffice, Google Sheets): a label may not begin with one.
FORMULA_LEADS = ("=", "+", "-", "@")


def label_key(text: object) -> str:
    """A label as look-ups compare it: NFKC-folded, trimmed, case-folded.

    "Key", " KEY" and full-width "ＫＥＹ" are one label, as they are to a
    look-up by text (and to Excel's MATCH, which ignores case).
    """
    return unicodedata.normalize("NFKC", str(text)).strip().casefold()


@dataclass(frozen=True)
class Label:
    code: str
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Band(Label):
    """A label reached at ``min`` and above; ``min = -inf`` for the last band."""

    min: float = -math.inf


@dataclass(frozen=True)
class Criterion(Label):
    weight: float = 1.0
    direction: int = 1
    group: str = ""


@dataclass(frozen=True)
class Scorecard(Label):
    """Criteria scored on [scale_min, scale] (seed 002's selection card: 1–10; the IMSC card 0–9)."""

    scale: float = 10.0
    criteria: tuple[Criterion, ...] = ()
    scale_min: float = 0.0
    # the raw total an item must reach to be selected (seed 002's IMSC industry selection, "≥ 29.1");
    # None: the average of the items scored (:mod:`kam_xl.core.selection`)
    select_at: float | None = None

    @property
    def weights(self) -> np.ndarray:
        return np.array([c.weight for c in self.criteria], dtype=float)

    @property
    def directions(self) -> np.ndarray:
        return np.array([c.direction for c in self.criteria], dtype=float)

    @property
    def raw_max(self) -> float:
        """The best raw total: every +1 criterion at the top of the scale, every −1 criterion at its bottom."""
        up = sum(c.weight * self.scale for c in self.criteria if c.direction > 0)
        return float(up - sum(c.weight * self.scale_min for c in self.criteria if c.direction < 0))

    @property
    def raw_min(self) -> float:
        """The worst raw total: every +1 criterion at the bottom of the scale, every −1 criterion at its top."""
        up = sum(c.weight * self.scale_min for c in self.criteria if c.direction > 0)
        return float(up - sum(c.weight * self.scale for c in self.criteria if c.direction < 0))


@dataclass(frozen=True)
class Layer(Label):
    share: float = 0.0


@dataclass(frozen=True)
class Stance(Label):
    value: float = 0.0


@dataclass(frozen=True)
class Stage(Label):
    probability: float = 0.0


@dataclass(frozen=True)
class Rating(Label):
    dso_max: float = math.inf
    overdue_ratio_max: float = math.inf


@dataclass(frozen=True)
class WallCriterion(Label):
    max: float = 2.0


@dataclass(frozen=True)
class Abc:
    value: str
    a: float
    b: float
    labels: tuple[Label, Label, Label]


@dataclass(frozen=True)
class Pyramid:
    layers: tuple[Layer, ...]

    @property
    def cumulative(self) -> np.ndarray:
        # Rounded so that shares of 0.1 and 0.2 sum to 0.3, not 0.30000000000000004 (see pyramid core).
        return np.round(np.cumsum([layer.share for layer in self.layers]), SHARE_DECIMALS)


@dataclass(frozen=True)
class Quadrant:
    """A 2×2 placement: x against y, each split at its threshold (>= is high)."""

    x_threshold: float
    y_threshold: float
    high_high: Label
    high_low: Label
    low_high: Label
    low_low: Label


@dataclass(frozen=True)
class Barrier:
    wall_criteria: tuple[WallCriterion, ...]
    component_scale: float
    wall_weight: float
    technical_weight: float
    commercial_weight: float
    switching_weight: float
    levels: tuple[Band, ...]
    # the wall criteria the plan computes (seed 001): share of wallet ≥ share_partial → 1, > share_full → 2;
    # buying-centre levels reached ≥ contact_partial → 1, ≥ contact_full → 2
    share_partial: float = 0.30
    share_full: float = 0.70
    contact_partial: float = 2
    contact_full: float = 3

    @property
    def wall_max(self) -> float:
        return float(sum(c.max for c in self.wall_criteria))


@dataclass(frozen=True)
class Satisfaction:
    scale_min: float
    scale_max: float
    dimensions: tuple[Criterion, ...]
    levels: tuple[Band, ...]
    # competitors at the account (seed 002's USP: 客户有需求 且 竞争对手做不到): a criterion is needed when the
    # customer's importance reaches need_at; we lead a competitor on it when our score beats theirs by usp_margin
    need_at: float = 7.0
    usp_margin: float = 1.0


@dataclass(frozen=True)
class BuyingCentre:
    relationship_threshold: float
    influence_min: float
    influence_max: float
    levels: tuple[Label, ...]
    roles: tuple[Label, ...]
    stances: tuple[Stance, ...]


@dataclass(frozen=True)
class Pipeline:
    stages: tuple[Stage, ...]


@dataclass(frozen=True)
class Receivables:
    period_months: int
    aging_edges: tuple[int, ...]
    aging_labels: tuple[Label, ...]
    ratings: tuple[Rating, ...]


# Seed 001's profitability classes (高获利 / 中获利 / 低获利 / 无获利) by gross margin: the model's default,
# and what a model without a [profitability] table (one written before it existed) classifies by.
PROFITABILITY: tuple[Band, ...] = (
    Band("high", "高获利", "High profit", 0.30),
    Band("medium", "中获利", "Medium profit", 0.15),
    Band("low", "低获利", "Low profit", 0.01),
    Band("none", "无获利", "No profit"),
)


@dataclass(frozen=True)
class TierDiscount:
    """The discount rate a tier is granted (seed 001's 优惠政策), by the tier level's code."""

    code: str
    rate: float


@dataclass(frozen=True)
class Measure(Label):
    """One indicator of seed 002's single-indicator classification (单一指标分类): its group
    (transaction 交易类, contact 联络类, characteristic 特征类) and its bands, top down; no bands:
    a categorical indicator, whose class is its value (region, ownership)."""

    group: str = ""
    levels: tuple[Band, ...] = ()


@dataclass(frozen=True)
class Classification:
    """The single-indicator classification: the indicators and the one the portfolio classifies on."""

    on: str = ""
    # by code, in the model's order (a dict, as the scorecards: the hash does not depend on the order of a
    # Model sheet's rows)
    measures: dict[str, Measure] = field(default_factory=dict)

    def measure(self, key: str | None = None) -> Measure:
        from kam_xl.errors import ModelError

        key = key or self.on
        if key in self.measures:
            return self.measures[key]
        known = ", ".join(self.measures) or "-"
        raise ModelError(
            "classification",
            f"模型中没有分类指标 “{key}”（可用：{known}）",
            f"no classification indicator '{key}' in the model (available: {known})",
        )


@dataclass(frozen=True)
class Service:
    """Service and churn (docs/definitions.md §2.17): the churn signals' thresholds and each tier's visits.

    ``visits_per_quarter`` holds one number per tier level, top down (the tiers' order)."""

    orders_months: int = 3  # the window of months compared with the one before (falling orders)
    orders_drop: float = 0.3  # falling orders: the latest window at least this much below the one before
    overdue_ratio_at: float = 0.3  # rising overdue: the overdue ratio at or above this
    risk_medium: float = 1  # signals for a medium churn risk
    risk_high: float = 2  # signals for a high churn risk
    visits_per_quarter: tuple[float, ...] = (12, 6, 3, 1)


@dataclass(frozen=True)
class Model:
    name: str
    version: str
    language: str
    missing: str
    tier_scorecard: str
    scorecards: dict[str, Scorecard]
    tiers: tuple[Band, ...]
    abc: Abc
    pyramid: Pyramid
    quadrant: Quadrant
    matrix: Quadrant
    barrier: Barrier
    clv_horizon: float
    satisfaction: Satisfaction
    buying_centre: BuyingCentre
    pipeline: Pipeline
    receivables: Receivables
    # session 10 (#10): added later, defaulted when a model (an older Model sheet) does not give them
    profitability: tuple[Band, ...] = PROFITABILITY
    discount: tuple[TierDiscount, ...] = ()  # none given: no tier is granted a discount
    classification: Classification = Classification()
    service: Service = Service()  # later than the rest: a model without a [service] table takes these
    source: str = field(default="", compare=False)
    content_hash: str = field(default="", compare=False)

    def scorecard(self, key: str | None = None) -> Scorecard:
        from kam_xl.errors import ModelError

        key = key or self.tier_scorecard
        try:
            return self.scorecards[key]
        except KeyError:
            raise ModelError(
                "scorecard",
                f"模型中没有评分卡 “{key}”（可用：{', '.join(self.scorecards)}）",
                f"no scorecard '{key}' in the model (available: {', '.join(self.scorecards)})",
            ) from None

    def discount_rate(self, tier_code: str) -> float:
        """The discount rate of the tier level ``tier_code`` (0 where the model grants none)."""
        return next((d.rate for d in self.discount if d.code == tier_code), 0.0)
