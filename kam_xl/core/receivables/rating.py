"""Credit rating (信用等级) from DSO and overdue ratio — docs/definitions.md §2.11.

The first model rating whose DSO and overdue-ratio limits both hold (both
rounded to :data:`~kam_xl.core.rounding.DECIMALS` places first, like the band
look-ups); a NaN (blank) DSO — no sales but something outstanding — or a NaN
overdue ratio rates last. :func:`credit_rating` gives the rating's label in the
model's language, as :func:`kam_xl.core.scorecard.tier` does; the index (and so
the code) is :func:`credit_rating_index`. Excel:
:func:`kam_xl.xlformulas.receivables.credit_rating`.
"""

from __future__ import annotations

import numpy as np

from kam_xl.core._checks import in_range, numbers
from kam_xl.core.bands import codes, texts
from kam_xl.core.rounding import DECIMALS
from kam_xl.models import Model, active_model
from kam_xl.models.schema import Rating

__all__ = ["credit_rating", "credit_rating_code", "credit_rating_index", "rating_index", "rating_label"]


def rating_index(dso: np.ndarray, overdue_ratio: np.ndarray, ratings: tuple[Rating, ...]) -> np.ndarray:
    """The rating index (0 = the best) of checked arrays: the strictest rating whose limits both hold."""
    # Rounded like the band look-ups, so a DSO of 45 on paper (45.00000000000001 in floats) is still 45.
    dso, overdue_ratio = np.round(dso, DECIMALS), np.round(overdue_ratio, DECIMALS)
    idx = np.full(np.shape(dso), len(ratings) - 1)
    # Walk from the loosest rating up so the strictest that holds wins; NaN fails every test.
    for i in range(len(ratings) - 2, -1, -1):
        ok = (dso <= ratings[i].dso_max) & (overdue_ratio <= ratings[i].overdue_ratio_max)
        idx = np.where(ok, i, idx)
    return idx


def credit_rating_index(dso: object, overdue_ratio: object, model: Model | None = None) -> np.ndarray:
    """Index of the rating (0 = the model's first, 'A' by default) for each DSO and overdue ratio.

    A negative DSO or an overdue ratio outside [0, 1] is an :class:`OutOfRangeError`
    naming the field (checked after the same rounding as the look-up), never rated.
    """
    ratings = (model or active_model()).receivables.ratings
    d = numbers(dso, "dso")
    r = numbers(overdue_ratio, "overdue_ratio")
    in_range(np.round(d, DECIMALS), "dso", 0.0)
    in_range(np.round(r, DECIMALS), "overdue_ratio", 0.0, 1.0)
    d, r = np.broadcast_arrays(d, r)
    return rating_index(d, r, ratings)


def _scalar(out: object) -> str | np.ndarray:
    arr = np.asarray(out, dtype=object)
    return str(arr.item()) if arr.ndim == 0 else arr  # a 0-d index yields the bare label


def credit_rating(
    dso: object, overdue_ratio: object, model: Model | None = None, lang: str | None = None
) -> str | np.ndarray:
    """The rating's label (``A（优）`` / ``A (good)`` by default) in ``lang`` (default: the model's language)."""
    model = model or active_model()
    labels = model.receivables.ratings
    return _scalar(texts(credit_rating_index(dso, overdue_ratio, model), labels, lang or model.language))


def credit_rating_code(dso: object, overdue_ratio: object, model: Model | None = None) -> str | np.ndarray:
    """The rating's code ('A' … 'D' by default), for tables read by programs (``receivables()``' ``rating``)."""
    model = model or active_model()
    return _scalar(codes(credit_rating_index(dso, overdue_ratio, model), model.receivables.ratings))


def rating_label(code: str, model: Model | None = None, lang: str | None = None) -> str:
    """The label of a rating code (``receivables()``' ``rating`` column) in ``lang`` (default: the model's)."""
    model = model or active_model()
    labels = model.receivables.ratings
    return str(texts(next(i for i, r in enumerate(labels) if r.code == code), labels, lang or model.language))
