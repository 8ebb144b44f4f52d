"""What a command found and could not use as it stands: one record for every command.

``score`` (a row or cell of the team's table), ``receivables`` (a ledger row), ``rollup`` (a file,
a sheet, a cell) and ``check`` (a cell of one workbook) all report the same thing — where it is,
what kind of problem, the value as found and why, in Chinese and English — so they share one
record, one line format (:meth:`Problem.message`) and one sheet
(:func:`kam_xl.workbooks.problems_sheet.problems_sheet`). Each command keeps its own table of
kinds (key → (zh, en)); a record holds the key (to count and test by) and the kind's words (to
show), so it can be shown anywhere without its table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Problem", "count_by_kind"]


@dataclass(frozen=True)
class Problem:
    """One thing found: its ``kind`` (a key of the command's kinds table) and ``label`` (that kind's
    zh and en words; :meth:`of` looks it up), and where it is.

    ``file`` the input file's name ("" when the command reads one file); ``sheet`` and ``cell``
    (``C7``) in a workbook, or ``row`` alone in a CSV or for a whole row; ``column`` the column's
    heading as the input names it; ``account`` and ``document`` (an invoice or receipt number)
    when known; ``value`` the cell as found; ``expected`` what a recomputation gives; ``zh``/``en``
    why, one line each.
    """

    kind: str
    label: tuple[str, str]
    zh: str
    en: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    row: int | None = None
    column: str = ""
    account: str = ""
    document: str = ""
    value: object = None
    expected: object = None

    @classmethod
    def of(cls, kinds: Mapping[str, tuple[str, str]], kind: str, zh: str, en: str, **where: Any) -> Problem:
        """The problem of ``kind`` in the command's ``kinds`` table; ``where`` names its place."""
        return cls(kind, kinds[kind], zh, en, **where)

    @property
    def where(self) -> str:
        """``file: Sheet!C7``, ``file: row 7``, ``Sheet!C7`` or ``file`` — as much as is known."""
        if self.sheet and self.cell:
            place = f"{self.sheet}!{self.cell}"
        elif self.sheet:
            place = self.sheet if self.row is None else f"{self.sheet}, 行/row {self.row}"
        elif self.row is not None:
            place = f"行/row {self.row}"
        else:
            place = ""
        return ": ".join(p for p in (self.file, place) if p)

    def message(self, lang: str = "zh") -> str:
        """One line: ``where: kind: why`` (``kind: why`` when nothing places it)."""
        k = 0 if lang == "zh" else 1
        why = self.zh if lang == "zh" else self.en
        return ": ".join(p for p in (self.where, self.label[k], why) if p)


def count_by_kind(
    problems: Iterable[Problem], kinds: Mapping[str, tuple[str, str]], lang: str = "zh"
) -> list[tuple[str, int]]:
    """How many problems of each kind — (the kind's words, count) in the kinds table's order, every
    kind listed (a summary table shows the zeros too)."""
    counts = dict.fromkeys(kinds, 0)
    for p in problems:
        counts[p.kind] += 1
    k = 0 if lang == "zh" else 1
    return [(kinds[kind][k], n) for kind, n in counts.items()]
