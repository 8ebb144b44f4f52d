"""Competitors at the account (竞争分析, seed 002) — docs/definitions.md §2.16.

Each competitor holds a share of the account's spend; with ours (the share of wallet, §2.7) the shares
sum to at most 1, and what is left is the spend not placed (other suppliers, or not known). The customer
scores each competitor on the same criteria it scores us on, the model's satisfaction dimensions on the
satisfaction scale (§2.8). Per criterion our lead = our score − theirs (negative = we lag); overall,
the lead weighted by the dimensions' weights = our weighted score − theirs.

Seed 002's USP (独特卖点): "1、客户有需求; 2、竞争对手做不到, 或者竞争对手做得没有我好的地方". A criterion is
our USP against a competitor when the customer needs it — its importance (on the satisfaction scale)
reaches the model's ``need_at`` — and the competitor cannot match us there: our lead reaches the model's
``usp_margin`` (a competitor that "can't" scores low, so it is behind us by at least the margin too).
Last axis = dimensions in the model's order.
"""

from __future__ import annotations

import numpy as np

from kam_xl.core import _checks
from kam_xl.core.satisfaction import score_difference
from kam_xl.errors import OutOfRangeError, Position
from kam_xl.models import Model, active_model
from kam_xl.models.schema import Label

__all__ = ["USP_LABEL", "competitive_gap", "lead", "needed", "share_rest", "usp"]

USP_LABEL = Label("usp", "★ USP", "★ USP")  # what a cell shows where a criterion is our USP


def share_rest(our_share: object, shares: object) -> float:
    """1 − our share − Σ the competitors' shares: the account's spend held by no one listed.

    Each share is in [0, 1] (blank competitors' shares are left out); together above 1 is an error
    naming ``shares`` — the shares of one account's spend cannot add up to more than all of it."""
    ours = float(_checks.in_range(_checks.no_missing(_checks.numbers(our_share, "our_share"), "our_share"),
                                  "our_share", 0.0, 1.0))  # fmt: skip
    theirs = _checks.in_range(_checks.numbers(shares, "shares").reshape(-1), "shares", 0.0, 1.0)
    total = ours + float(np.nansum(theirs))
    if total > 1.0 + 1e-12:
        raise OutOfRangeError(
            "shares", f"{total:g}", "我方与各竞争对手份额之和 ≤ 1", "our share and the competitors' together <= 1",
            Position(note=f"our_share {ours:g}"),
        )  # fmt: skip
    return max(1.0 - total, 0.0)  # a sum a rounding above 1 leaves nothing, not −1e-16


def lead(ours: object, theirs: object, model: Model | None = None) -> np.ndarray:
    """Our score − the competitor's on each criterion (negative: we lag); scores on the satisfaction scale."""
    return score_difference(ours, theirs, ("ours", "theirs"), model or active_model())


def competitive_gap(ours: object, theirs: object, model: Model | None = None) -> float:
    """Our weighted score − the competitor's over the model's dimensions (Σ wⱼ(oursⱼ − theirsⱼ) / Σ wⱼ)."""
    model = model or active_model()
    diff = np.atleast_1d(lead(ours, theirs, model))
    w = np.array([d.weight for d in model.satisfaction.dimensions], dtype=float)
    if diff.shape[-1] != w.size:
        _checks.same_length("ours", diff.shape[-1], "satisfaction dimensions of the model", w.size)
    return float(diff @ w / w.sum())


def needed(importance: object, model: Model | None = None) -> np.ndarray:
    """1.0 where the customer needs the criterion (importance ≥ ``need_at``), 0.0 where not, NaN where blank."""
    model = model or active_model()
    s = model.satisfaction
    imp = _checks.in_range(_checks.numbers(importance, "importance"), "importance", s.scale_min, s.scale_max)
    return np.where(np.isnan(imp), np.nan, np.where(imp >= s.need_at, 1.0, 0.0))


def usp(importance: object, ours: object, theirs: object, model: Model | None = None) -> np.ndarray:
    """1.0 where the criterion is our USP against the competitor (needed, and our lead ≥ ``usp_margin``), 0.0
    where not, NaN where the importance or either score is blank."""
    model = model or active_model()
    need = needed(importance, model)
    o = _checks.in_range(_checks.numbers(ours, "ours"), "ours", model.satisfaction.scale_min,
                         model.satisfaction.scale_max)  # fmt: skip
    t = _checks.in_range(_checks.numbers(theirs, "theirs"), "theirs", model.satisfaction.scale_min,
                         model.satisfaction.scale_max)  # fmt: skip
    need, o, t = np.broadcast_arrays(need, o, t)
    # the margin compared on rounded differences, as a sheet sees 8 − 7.9 (0.0999…) as 0.1
    ahead = np.round(o - t, 9) >= model.satisfaction.usp_margin
    out = np.where((need == 1.0) & ahead, 1.0, 0.0)
    return np.where(np.isnan(need) | np.isnan(o) | np.isnan(t), np.nan, out)
