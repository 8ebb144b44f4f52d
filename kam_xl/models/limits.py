"""The bounds on the work a model can cause, wherever it comes from (a TOML file or a Model sheet).

Each is far above any real model (the default is 11 KB, ~330 sheet rows, 4 levels
deep, 18 items in its longest list) and far below what would exhaust time or memory.
"""

from __future__ import annotations

__all__ = ["MAX_ITEMS", "MAX_KEY_DEPTH", "MAX_MODEL_BYTES", "MAX_SHEET_ROWS"]

MAX_MODEL_BYTES = 1 << 20  # a model file: the default is 11 KB
MAX_ITEMS = 1000  # items in one list (levels, criteria …) and scorecards in one model
MAX_KEY_DEPTH = 8  # parts of a dotted TOML key or a sheet path (the deepest real one has 4)
MAX_SHEET_ROWS = 10_000  # rows read from a Model sheet under its header (the default writes ~330)
