"""kam_xl in xlwings Lite (Excel 365 / 2021+ on Windows, Mac and the web): paste into Lite's main.py.

The worksheet functions come from kam_xl's wheel (see requirements.txt) by the
import below. The scripts are the buttons of classic xlwings that work without a
file system: xlwings Lite cannot save or read files, so each writes into the open
workbook — the portfolio sheet scored again in place, the receivables of the
selected ledger sheet into a ``应收账款`` sheet. A new account's plan and customer
file and the roll-up of a folder are files: use the ``kam-xl`` commands (or the
classic buttons) for them.
"""

import xlwings as xw
from kam_udfs import *  # noqa: F403  the KAM_* worksheet functions
from xlwings import script

from kam_xl.jobs import open_book as jobs
from kam_xl.sheetbook import XlwingsSheetbook


@script
def kam_refresh_portfolio(book: xw.Book):
    """重新计算客户组合表 / Score the portfolio sheet again, in place."""
    jobs.run_button(XlwingsSheetbook(book), jobs.refresh_button)


@script
def kam_receivables(book: xw.Book):
    """选中台账表的应收账款 / Receivables of the selected ledger sheet, as of today."""
    jobs.run_button(XlwingsSheetbook(book), lambda b: jobs.receivables_button(b, beside=False))
