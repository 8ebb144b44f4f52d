"""A ledger sorted by invoice number, read in blocks: the helper columns that let a sheet find a number's rows
by binary search (issue #7) — docs/definitions.md §2.11.

The customer file writes both ledgers sorted (:func:`ledger_order`: invoices by number, receipts by number
then date, stably, numbers compared as Excel compares text: case-insensitively). Each row then carries its
*search key* (:func:`search_keys`: its key, or the key above when it has none, so the column never
decreases) and running figures within its number's block (:func:`block_running`); a row of the other
ledger finds the block's last row with ``MATCH(key, search_keys, 1)`` and reads the block's totals there.
Whether a ledger as the sheet holds it is in that order is :func:`in_order` per row and
:func:`ledger_in_order` for the whole: out of order (a user typed rows in), the sheet falls back to its
exact whole-ledger formulas. The values here are those the helper columns cache; the renderers are in
:mod:`kam_xl.xlformulas.ledger_order`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from kam_xl.cells import identifier

__all__ = [
    "BIG",
    "block_running",
    "block_total",
    "in_order",
    "ledger_in_order",
    "ledger_order",
    "search_keys",
    "text_order",
]

BIG = 10_000_000  # above every Excel date serial: the running minimum's start


def text_order(value: object) -> str:
    """A number's sort key: its text (:func:`kam_xl.cells.identifier`), lower-cased as Excel compares text."""
    return (identifier(value) or "").lower()


def ledger_order(numbers: Sequence[object], dates: Sequence[object] | None = None) -> list[int]:
    """The rows' order (0-based positions) sorted by number (:func:`text_order`), then by date when
    ``dates`` is given (rows whose date is no date first within their number); stable, so the rows of one
    number and one day keep their input order."""

    def day(v: object) -> int:
        return v.toordinal() if isinstance(v, date) else -1

    if dates is None:
        return sorted(range(len(numbers)), key=lambda i: text_order(numbers[i]))
    return sorted(range(len(numbers)), key=lambda i: (text_order(numbers[i]), day(dates[i])))


def search_keys(keys: Sequence[str]) -> list[str]:
    """Each row's key, or the search key of the row above when the row has none (``""`` at the top).
    Excel: ``xlformulas.ledger_order.search_key``."""
    out: list[str] = []
    last = ""
    for k in keys:
        last = k if k != "" else last
        out.append(last)
    return out


def _same(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def block_running(search: Sequence[str], add: Sequence[float], how: str = "sum") -> list[float]:
    """A running figure within each block of equal search keys (case-insensitive), restarting at a block's
    first row: ``"sum"`` of ``add``; ``"min"`` of ``add`` (from :data:`BIG`); ``"last"``: the last ``add``
    that is not NaN (0 before any). Excel: ``xlformulas.ledger_order.block_sum`` …"""
    out: list[float] = []
    for r, (s, a) in enumerate(zip(search, add, strict=True)):
        cont = r > 0 and _same(s, search[r - 1])
        prev = out[-1] if cont else (BIG if how == "min" else 0.0)
        if how == "sum":
            out.append(prev + a)
        elif how == "min":
            out.append(min(prev, a))
        else:
            out.append(prev if np.isnan(a) else a)
    return out


def block_total(search: Sequence[str], running: Sequence[float]) -> list[float]:
    """The running figure at the last row of each row's block, on every row of the block (read from the row
    below while it continues the block): a binary search landing on any row of a number's block reads the
    block's total, whichever of equal keys it lands on. Excel: ``xlformulas.ledger_order.block_total``."""
    out = list(running)
    for r in range(len(out) - 2, -1, -1):
        if _same(search[r], search[r + 1]):
            out[r] = out[r + 1]
    return out


def in_order(keys: Sequence[str], search: Sequence[str], dates: Sequence[float] | None = None) -> list[float]:
    """1 where a keyed row's key is not below the search key above (receipts, ``dates`` given: and on the
    same key, its date not before the last keyed date above in the block), else 0; rows without a key are 1.
    Excel: ``xlformulas.ledger_order.invoice_in_order`` / ``receipt_in_order``."""
    last: list[float] = []
    if dates is not None:
        keyed = [float("nan") if k == "" else d for k, d in zip(keys, dates, strict=True)]
        last = block_running(search, keyed, "last")
    out: list[float] = []
    for r, k in enumerate(keys):
        prev = search[r - 1].lower() if r else ""
        key = k.lower()
        if k == "" or key > prev:
            out.append(1.0)
        elif key == prev:
            out.append(1.0 if dates is None or dates[r] >= last[r - 1] else 0.0)
        else:
            out.append(0.0)
    return out


def ledger_in_order(flags: Sequence[float]) -> float:
    """1 when every row is in order, else 0. Excel: ``xlformulas.ledger_order.ledger_in_order``."""
    return 1.0 if all(f == 1 for f in flags) else 0.0
