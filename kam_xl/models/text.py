"""Text rules shared by the model validator and the Model sheet.

Which characters a label may not hold (:data:`CONTROL`), what a key in a sheet
path (and a scorecard's code) looks like (:data:`IDENT`), and how a value a user
gave appears in a one-line error message (:func:`escaped`, :func:`shown`).
"""

from __future__ import annotations

import re

__all__ = ["CONTROL", "IDENT", "escaped", "shown"]

# Control characters (tab, CR, LF included), lone surrogates and the two XML non-characters:
# none belongs in a label, and each breaks a cell, a CSV row or a one-line message.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# A key in a Model-sheet path, a scorecard's code among them (it also names workbook ranges).
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def escaped(text: str, limit: int = 60) -> str:
    """Text for a one-line message: control characters escaped (``\\t``), long text cut."""
    text = CONTROL.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value: object, lang: str = "zh") -> str:
    """A value for a one-line message: text quoted (“…” in Chinese, '…' in English), anything else as Python writes it."""
    if not isinstance(value, str):
        return escaped(repr(value))
    return f"“{escaped(value)}”" if lang == "zh" else f"'{escaped(value)}'"
