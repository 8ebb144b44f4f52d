"""A model's content hash: what it scores with, so two teams can tell whether they score alike."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from kam_xl.models.schema import Model

__all__ = ["content_hash"]


def content_hash(model: Model) -> str:
    """SHA-256 of what the model scores with: not its name, version or source.

    Two files that differ only in comments, layout or key order hash alike.
    """
    content = asdict(model)
    for key in ("name", "version", "source", "content_hash"):
        content.pop(key)
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
