"""``KAM_SCORE(B2:K2, $B$1:$K$1)``: a criteria header instead of a scorecard code.

A team's sheet heads its criteria columns with their names (``采购规模``,
``Purchase volume`` or the code), in its own order. The header range says
which column is which criterion of the model's tier scorecard; it is matched
by :func:`kam_xl.portfolio.resolve_columns` (the rule the portfolio table
uses) once per distinct header and model, then each row's scores are put in
the scorecard's order.
"""

from __future__ import annotations

import numpy as np

from kam_xl import cells as C
from kam_xl.errors import InputError
from kam_xl.models import Model, Scorecard
from kam_xl.portfolio import resolve_columns
from kam_xl.xl.boundary import cells, text_arg
from kam_xl.xl.content_cache import ContentCache, content_key

__all__ = ["HEADERS", "Criteria", "criteria_arg"]

Criteria = tuple[Scorecard, "np.ndarray | None"]  # the scorecard, and the column of each criterion (None: as given)
HEADERS: ContentCache[Criteria] = ContentCache(size=16)


def _match(value: object, model: Model) -> Criteria:
    header = [str(h) if not C.is_blank(h) else "" for h in cells(value).reshape(-1).tolist()]
    card = model.scorecard()
    found = resolve_columns(header, model)
    order: list[int] = []
    missing: list[str] = []
    for c in card.criteria:
        col = found.get(f"criterion:{c.code}")
        if col is None:
            missing.append(f"{c.zh}/{c.en}")
        else:
            order.append(header.index(str(col)))
    if missing:
        shown = ", ".join(missing[:3]) + (" …" if len(missing) > 3 else "")
        raise InputError(
            "scorecard",
            f"表头中缺少评分项 {shown}（共 {len(missing)} 项）",
            f"the header lacks the criteria {shown} ({len(missing)} in all)",
        )
    extra = len(header) - len(order)
    if extra:
        raise InputError(
            "scorecard",
            f"表头有 {extra} 列不是评分项",
            f"{extra} columns of the header are not criteria of the scorecard",
        )
    return card, np.asarray(order, dtype=int)


def criteria_arg(value: object, model: Model) -> Criteria:
    """The scorecard a call uses: a code (or blank: the tier scorecard), or a header range of criterion names."""
    if isinstance(value, (list, tuple, np.ndarray)) and cells(value).size > 1:
        return HEADERS.get((model.content_hash, content_key(value)), lambda: _match(value, model))
    return model.scorecard(text_arg(value, "scorecard")), None
