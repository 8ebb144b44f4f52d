"""A model's content hash: what it scores with, so two teams can tell whether they score alike."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from kam_xl.models.schema import Barrier, Model, Satisfaction, Scorecard

__all__ = ["LATER_FIELDS", "content_hash"]

# Fields added to the schema after the hash was defined. While one holds its schema default it is
# left out of the hash, so a model read back from an older workbook's Model sheet (which has no row
# for it) hashes as it did when that workbook was written, and `kam-xl check` does not call it edited.
LATER_FIELDS: dict[type, tuple[str, ...]] = {
    # session 8: the bottom of a scorecard's scale (default 0 = the 0–S scale every card had before);
    # session 10: the selection cut (default None = the average of the items scored)
    Scorecard: ("scale_min", "select_at"),
    # session 8: thresholds of the wall criteria share of wallet / contact the account plan computes
    Barrier: ("share_partial", "share_full", "contact_partial", "contact_full"),
    # session 10 (#10): profitability bands, the discount policy by tier, single-indicator classification,
    # service and churn (a model without these tables takes the defaults)
    Model: ("profitability", "discount", "classification", "service"),
    # session 10: the USP rule of competitors at the account (need_at, usp_margin)
    Satisfaction: ("need_at", "usp_margin"),
}


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` without the :data:`LATER_FIELDS` that hold their default."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        later = LATER_FIELDS.get(type(value), ())
        out = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.name in later and item == f.default:
                continue
            out[f.name] = _plain(item)
        return out
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def content_hash(model: Model) -> str:
    """SHA-256 of what the model scores with: not its name, version or source.

    Two files that differ only in comments, layout or key order hash alike.
    """
    content = _plain(model)
    for key in ("name", "version", "source", "content_hash"):
        content.pop(key)
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
