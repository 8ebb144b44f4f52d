"""The ``model`` argument every worksheet function takes: the workbook's own ``Model`` sheet.

``=KAM_TIER(C2, , Model!$A:$B)`` scores with the rows ``path | value`` that a
generated workbook's Model sheet holds (or one a team adds): the same rows its
native formulas read through names, so the two agree after a weight is
changed. Omitted, the model is ``$KAM_XL_MODEL`` or the default
(:func:`kam_xl.models.active_model`) — xlwings Lite has no environment, so
there the argument is the way to use a team's model.

The range is read by :func:`kam_xl.models.model_from_rows` (the one reader of
Model-sheet rows) once per distinct content, not once per call.
"""

from __future__ import annotations

import numpy as np

from kam_xl import cells as C
from kam_xl.errors import InputError, Position
from kam_xl.models import Model, active_model, model_from_rows
from kam_xl.xl.boundary import cells
from kam_xl.xl.content_cache import ContentCache, content_key

__all__ = ["MODELS", "MODEL_ARG_DOC", "model_arg"]

MODEL_ARG_DOC = (
    "模型表区域（如 Model!$A:$B，路径|取值两列；默认为 KAM_XL_MODEL 或内置模型） / "
    "the Model sheet's range (e.g. Model!$A:$B, path | value; default: KAM_XL_MODEL or the built-in model)"
)
_HEADERS = {"路径", "path"}
MODELS: ContentCache[Model] = ContentCache(size=8)


def _blank(value: object) -> bool:
    # xlwings Lite passes an empty cell as 0: no model path or value is the number 0 alone in a row
    return C.is_blank(value) or (isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0)


def _read(value: object) -> Model:
    arr = cells(value)
    if arr.ndim != 2 or arr.shape[1] < 2:
        raise InputError(
            "model", "应为模型表的“路径 | 取值”两列区域", "must be the Model sheet's two columns: path | value"
        )
    rows: list[tuple[object, object, Position]] = []
    for r, (path, val) in enumerate(arr[:, :2].tolist(), start=1):
        if r == 1 and isinstance(path, str) and path.strip().casefold() in _HEADERS:
            continue
        if _blank(path) and _blank(val):
            continue
        rows.append((path, val, Position(source="model", row=r, column=2)))
    if not rows:
        raise InputError("model", "模型表区域为空", "the Model sheet's range is empty")
    return model_from_rows(rows)


def model_arg(value: object) -> Model:
    """The model a call scores with: the ``model`` range if given (parsed once per content), else the active one."""
    if value is None or (isinstance(value, np.ndarray) and value.size == 0):
        return active_model()
    if not isinstance(value, (list, tuple)) and C.is_blank(value):
        return active_model()
    return MODELS.get(content_key(value), lambda: _read(value))
