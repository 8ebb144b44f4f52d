"""How a formula cell's cached value is written: the value the core computed, beside the formula.

openpyxl writes formulas with an empty ``<v></v>``, so pandas, python-calamine
and viewers that do not recalculate would see blanks. kam_xl writes each
formula with the core's value instead (:mod:`kam_xl.workbooks.book`), and
keeps ``fullCalcOnLoad`` on so Excel still recalculates on open.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from kam_xl.cells import date_to_serial

__all__ = ["cached_cell"]


def cached_cell(value: object) -> tuple[str, str]:
    """How a cached value is stored: the cell's ``t`` attribute ("" for a number) and the ``<v>`` text.

    Blank is an empty string (``t="str"``), so a viewer shows an empty cell; the
    ``<v>`` text is not yet XML-escaped.
    """
    if value is None or (isinstance(value, str) and value == ""):
        return "str", ""
    if isinstance(value, bool):
        return "b", str(int(value))
    if isinstance(value, datetime | date):
        value = date_to_serial(value)
    if isinstance(value, (int, float)):
        x = float(value)
        if math.isnan(x):  # the core's blank (undefined, or inputs not given yet): an empty cell
            return "str", ""
        if math.isinf(x):
            return "e", "#NUM!"
        return "", repr(x) if not x.is_integer() else str(int(x))
    text = str(value)
    if text.startswith("#") and text.endswith(("!", "?", "A")) and " " not in text:
        return "e", text
    return "str", text
