"""kam_xl's buttons in classic xlwings (Windows, Mac): the Python side of ``kam_buttons.bas``.

Each sub there runs ``RunPython "import kam_macros; kam_macros.<entry>()"``; each
entry here is one line: the workbook that called it (``xlwings.Book.caller()``)
as a :class:`kam_xl.sheetbook.XlwingsSheetbook`, handed to the button's job in
:mod:`kam_xl.jobs.open_book` — the same library calls as the ``kam-xl`` commands.
The outcome, or the reason it could not be done (Chinese and English), shows in
one dialog; never a traceback.

This folder is the ``kam_macros`` package, installed with kam_xl (with the two
``.bas`` modules beside it), so the interpreter named in the workbook's
``xlwings.conf`` sheet imports it; ``scripts/make_bas.py`` writes the ``.bas`` files.
"""

from __future__ import annotations

import xlwings as xw

from kam_xl.jobs import open_book as jobs
from kam_xl.sheetbook import XlwingsSheetbook

__all__ = ["new_account", "receivables_report", "refresh_portfolio", "rollup"]


def _caller() -> XlwingsSheetbook:
    return XlwingsSheetbook(xw.Book.caller())


def new_account() -> None:
    """Plan and customer file of the selected portfolio row, written beside the workbook."""
    jobs.run_button(_caller(), jobs.new_account_button)


def refresh_portfolio() -> None:
    """Score the workbook's portfolio sheet again, in place (own columns, formats, other sheets kept)."""
    jobs.run_button(_caller(), jobs.refresh_button)


def receivables_report() -> None:
    """The selected ledger sheet's receivables report (as of today), written beside the workbook."""
    jobs.run_button(_caller(), lambda book: jobs.receivables_button(book, beside=True))


def rollup() -> None:
    """The account plans in the workbook's folder rolled up into one portfolio beside it."""
    jobs.run_button(_caller(), jobs.rollup_button)
