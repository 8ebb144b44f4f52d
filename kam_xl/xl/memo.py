"""Answers to single-cell calls remembered: ``=KAM_TIER(85)`` in a thousand cells is worked out once.

Every worksheet function is a pure function of its arguments and the model,
so a call whose arguments are all single cells is keyed by their exact
content (:func:`kam_xl.xl.content_cache.content_key`) and the hash of the
model it scores with. Calls with a range go straight through: their ranges
are cached where the work is (a population classified, a Model sheet parsed).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import ParamSpec

from kam_xl.models import active_model
from kam_xl.xl.boundary import ExcelResult, is_range
from kam_xl.xl.content_cache import ContentCache, content_key

__all__ = ["remember_single_cells"]

_P = ParamSpec("_P")


def remember_single_cells(fn: Callable[_P, ExcelResult], size: int = 4096) -> Callable[_P, ExcelResult]:
    """``fn`` with its single-cell answers remembered (``fn`` must take a last ``model`` argument)."""
    names = list(inspect.signature(fn).parameters)
    at = names.index("model")
    answers: ContentCache[ExcelResult] = ContentCache(size)

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> ExcelResult:
        if kwargs or any(map(is_range, args)):  # Excel passes arguments by position; ranges go through
            return fn(*args, **kwargs)
        model = args[at] if len(args) > at else None
        # no model range: the active model, which a changed $KAM_XL_MODEL file replaces
        version = active_model().content_hash if model is None else ""
        return answers.get((version, content_key(args)), lambda: fn(*args, **kwargs))

    return wrapper
