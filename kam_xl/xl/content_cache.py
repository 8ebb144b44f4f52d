"""Work done once per distinct range content, not once per cell that refers to it.

A function filled down a column (``=KAM_ABC(B2,$B$2:$B$10001)``) is called
once per row with the same range; the range is classified, a Model sheet or a
criteria header parsed, once per *content*: the key is the exact bytes of the
values Excel passed (:func:`content_key`), so an edited cell is a new key and
``TRUE`` is not ``1`` — nothing is keyed by a sheet address, which Excel does
not pass to classic functions and which says nothing about what changed.
"""

from __future__ import annotations

import marshal
import pickle
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar, cast

__all__ = ["ContentCache", "RangeCache", "content_key"]

_V = TypeVar("_V")


def content_key(value: object) -> bytes:
    """The exact content of what Excel passed (lists of lists of cells) as bytes.

    ``marshal`` keeps types apart (``1.0``, ``1``, ``True`` and ``"1"`` differ)
    and runs in C; dates and ``Decimal`` cells, which it does not write, go
    through ``pickle``, which keeps them apart too.
    """
    try:
        return marshal.dumps(cast(Any, value))  # any value: marshal itself refuses what it cannot write
    except ValueError:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class ContentCache(Generic[_V]):
    """A small least-recently-used map from a key (content bytes and the settings) to a result.

    Bounded by entries: a workbook refers to a handful of ranges at a time, and
    a range of 10,000 cells is about 100 kB of key.
    """

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, _V] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, make: Callable[[], _V]) -> _V:
        """The entry for ``key``, made by ``make()`` on a miss (an exception caches nothing)."""
        try:
            value = self._entries[key]
        except KeyError:
            self.misses += 1
            value = make()
            self._entries[key] = value
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)
            return value
        self.hits += 1
        self._entries.move_to_end(key)
        return value

    def clear(self) -> None:
        self._entries.clear()
        self.hits = self.misses = 0


def _kind_sensitive(cells: list[list[object]]) -> list[tuple[int, int]]:
    """Where a cell is 0 or 1 (or TRUE/FALSE): the only values Python's == would confuse with a
    boolean, so the only cells whose type a hit must also compare."""
    return [
        (r, c)
        for r, row in enumerate(cells)
        for c, v in enumerate(row)
        if type(v) is bool or (type(v) in (int, float) and v in (0, 1))
    ]


class RangeCache(Generic[_V]):
    """A range's content → a result, for the big ranges a filled-down column passes on every call.

    Serialising 10,000 fresh cells per call costs more than comparing them with
    the stored copy (one C-level ``==`` over the lists), so entries are found
    by the range's shape and confirmed by comparing every cell: equal values
    are the same answer (``1`` and ``1.0``, a Decimal and its float), and where
    ``==`` would take ``TRUE`` for ``1`` it is checked that both are, or neither is, a boolean. Anything
    but a list of lists goes to a :class:`ContentCache` keyed by its bytes.
    """

    def __init__(self, size: int = 16) -> None:
        self.size = size
        # (key, rows, columns) → the last few contents seen with that shape, newest first
        self._entries: OrderedDict[Hashable, list[tuple[list[list[object]], list[tuple[int, int]], _V]]] = OrderedDict()
        self._other: ContentCache[_V] = ContentCache(size)
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, cells: object, make: Callable[[], _V]) -> _V:
        """The entry for ``key`` and this content of ``cells``, made by ``make()`` on a miss."""
        if isinstance(cells, list) and cells and type(cells[0]) not in (list, tuple):
            return self._get(key, [cells], make, flat=True)  # one row or column (ndim=1): compared flat
        # a list of rows, as xlwings passes a range (a stored copy is lists: other rows never compare equal)
        if not (isinstance(cells, list) and cells and type(cells[0]) is list):
            seen = self._other.misses
            value = self._other.get((key, content_key(cells)), make)
            missed = self._other.misses > seen
            self.misses += missed
            self.hits += not missed
            return value
        return self._get(key, cells, make, flat=False)

    def _get(self, key: Hashable, cells: list[Any], make: Callable[[], _V], *, flat: bool) -> _V:
        """``cells``: a list of rows; ``flat``: one row passed as a flat list (compared as it is, which is
        twice as fast as rows of one cell each)."""
        shape = (key, len(cells), len(cells[0]), flat)
        versions = self._entries.get(shape, [])
        seen = cells[0] if flat else cells
        for stored, sensitive, value in versions:
            kept = stored[0] if flat else stored
            if seen == kept and all((type(cells[r][c]) is bool) == (type(stored[r][c]) is bool) for r, c in sensitive):
                self.hits += 1
                self._entries.move_to_end(shape)
                return value
        self.misses += 1
        value = make()
        copy = [list(row) for row in cells]  # the caller's lists may change later
        if len({len(row) for row in copy}) != 1:
            return value  # not a rectangle: never stored
        self._entries[shape] = [(copy, _kind_sensitive(copy), value), *versions][:4]
        self._entries.move_to_end(shape)
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        self._entries.clear()
        self._other.clear()
        self.hits = self.misses = 0
