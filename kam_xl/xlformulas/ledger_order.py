"""A sorted ledger read in blocks — docs/definitions.md §2.11: the Excel renderings of
:mod:`kam_xl.core.receivables.blocks` (issue #7: a ledger row's figures by binary search, not by a
comparison with every row of the other ledger).

Each helper reads only its own row and the row above (``prev_*``: the row above's cells, None on the first
row), so a column costs one step per row. :func:`find` is the binary search into a ledger's search keys;
:func:`in_block` reads a running figure at the last row of a number's block. The per-row figures of
:mod:`kam_xl.xlformulas.receivables` take these as their fast form, used while :func:`ledger_in_order`
says the ledger is sorted.
"""

from __future__ import annotations

from kam_xl.core.receivables.blocks import BIG
from kam_xl.xlformulas.common import text

__all__ = [
    "ORDER_NOTES",
    "block_count",
    "block_last_date",
    "block_min_date",
    "block_sum",
    "block_sum_to",
    "block_total",
    "find",
    "found",
    "in_block",
    "invoice_in_order",
    "ledger_in_order",
    "order_note",
    "receipt_in_order",
    "search_key",
]

ORDER_NOTES: dict[str, tuple[str, str]] = {  # zh, en
    "invoices": (
        "发票台账未按发票号排序：计算较慢；按发票号排序可加快",
        "Invoices not sorted by invoice number: recalculation is slower; sort them to speed it up",
    ),
    "receipts": (
        "收款台账未按发票号、收款日期排序：计算较慢；排序可加快",
        "Receipts not sorted by invoice number and date: recalculation is slower; sort them to speed it up",
    ),
}


def search_key(key: str, prev_search: str | None) -> str:
    """The row's key, or the search key above when it has none. Core: ``blocks.search_keys``."""
    return f'=IF({key}<>"",{key},{prev_search})' if prev_search else f'={key}&""'


def _carry(search: str, prev_search: str | None, prev: str | None, start: str) -> str:
    """The running figure above when the row continues its block, else ``start``."""
    return f"IF({search}={prev_search},{prev},{start})" if prev_search and prev else start


def block_count(search: str, prev_search: str | None, prev: str | None, counted: str) -> str:
    """Counted rows of the block so far. Core: ``blocks.block_running`` (sum of the counted flags)."""
    return f"={_carry(search, prev_search, prev, '0')}+{counted}"


def block_sum(search: str, prev_search: str | None, prev: str | None, key: str, amount: str) -> str:
    """The keyed rows' amounts of the block so far. Core: ``blocks.block_running`` (sum)."""
    return f'={_carry(search, prev_search, prev, "0")}+IF({key}<>"",{amount},0)'


def block_sum_to(
    search: str, prev_search: str | None, prev: str | None, key: str, day: str, amount: str, as_of: str
) -> str:
    """The keyed rows' amounts dated on or before the as-of date, of the block so far (0 without an as-of
    date). Core: ``blocks.block_running`` (sum)."""
    add = f'IF({key}<>"",IF(AND(ISNUMBER({as_of}),{day}<={as_of}),{amount},0),0)'
    return f"={_carry(search, prev_search, prev, '0')}+{add}"


def block_min_date(search: str, prev_search: str | None, prev: str | None, key: str, day: str) -> str:
    """The earliest keyed date of the block so far (:data:`BIG` before any). Core: ``blocks.block_running``
    (min)."""
    return f'=MIN({_carry(search, prev_search, prev, str(BIG))},IF({key}<>"",{day},{BIG}))'


def block_last_date(search: str, prev_search: str | None, prev: str | None, key: str, day: str) -> str:
    """The last keyed row's date of the block so far (0 before any). Core: ``blocks.block_running`` (last)."""
    return f'=IF({key}<>"",{day},{_carry(search, prev_search, prev, "0")})'


def block_total(search: str, next_search: str | None, next_total: str | None, running: str) -> str:
    """The block's running figure at its last row, on every row of the block (the row below's while it
    continues the block; ``next_*`` None on the last row). Core: ``blocks.block_total``."""
    return f"=IF({search}={next_search},{next_total},{running})" if next_search and next_total else f"={running}"


def invoice_in_order(key: str, prev_search: str | None) -> str:
    """1 unless the row's key is below the search key above. Core: ``blocks.in_order``."""
    return f'=IF({key}="",1,IF({key}>={prev_search},1,0))' if prev_search else "=1"


def receipt_in_order(key: str, day: str, prev_search: str | None, prev_last: str | None) -> str:
    """1 unless the row's key is below the search key above, or equal to it with a date before the block's
    last date above. Core: ``blocks.in_order``."""
    if not prev_search:
        return "=1"
    return f'=IF({key}="",1,IF({key}>{prev_search},1,IF({key}={prev_search},IF({day}>={prev_last},1,0),0)))'


def ledger_in_order(flags: str) -> str:
    """1 when no row of the ledger is out of order. Core: ``blocks.ledger_in_order``."""
    return f"=IF(COUNTIF({flags},0)=0,1,0)"


def order_note(ordered: str, which: str, lang: str) -> str:
    """Blank while the ledger is in order, else a note that its figures are computed the slow way."""
    zh, en = ORDER_NOTES[which]
    return f'=IF({ordered}=1,"",{text(zh if lang == "zh" else en)})'


# ---------------------------------------------------------------- read by the per-row figures


def find(key: str, search: str) -> str:
    """The position of a row of ``key``'s block in a sorted search-key column (binary search; engines differ
    in which of equal keys they land on)."""
    return f"MATCH({key},{search},1)"


def found(key: str, search: str) -> str:
    """Condition: ``key`` has a block in the search-key column (an error when the key sorts first)."""
    return f"IFERROR(INDEX({search},{find(key, search)})={key},FALSE)"


def in_block(key: str, search: str, column: str) -> str:
    """A block's figure (a :func:`block_total` column: the same on every row of the block, so whichever
    row of equal keys the search lands on) for ``key`` (only where :func:`found` holds)."""
    return f"INDEX({column},{find(key, search)})"
