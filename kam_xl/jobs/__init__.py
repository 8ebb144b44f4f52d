"""The users' jobs: each a library call that a command (and later a macro) wraps thinly."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Each name is imported from its module when first used: a command that needs one job (``new-account``
# runs in about a second) does not pay for importing the others. The three jobs named like their modules
# are imported from them (``from kam_xl.jobs.new_account import new_account``, likewise
# ``receivables_report`` and ``score_table``): once a submodule is imported Python binds its name on the package, so a
# lazily imported function of the same name could not be told from the module.
_HOME = {
    "AccountRecord": "account_record",
    "CheckReport": "check",
    "check_workbook_file": "check",
    "NewAccountResult": "new_account",
    "account_from_arguments": "new_account",
    "account_from_portfolio": "new_account",
    "RefreshResult": "open_book",
    "new_account_from_selection": "open_book",
    "refresh_portfolio": "open_book",
    "ReceivablesReport": "receivables_report",
    "read_credit_limits": "receivables_report",
    "report_data": "receivables_report",
    "RollupResult": "rollup",
    "rollup_folder": "rollup",
    "ScoreResult": "score_table",
}

if TYPE_CHECKING:
    from kam_xl.jobs.account_record import AccountRecord
    from kam_xl.jobs.check import CheckReport, check_workbook_file
    from kam_xl.jobs.new_account import NewAccountResult, account_from_arguments, account_from_portfolio
    from kam_xl.jobs.open_book import RefreshResult, new_account_from_selection, refresh_portfolio
    from kam_xl.jobs.receivables_report import ReceivablesReport, read_credit_limits, report_data
    from kam_xl.jobs.rollup import RollupResult, rollup_folder
    from kam_xl.jobs.score_table import ScoreResult


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module 'kam_xl.jobs' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kam_xl.jobs.{_HOME[name]}"), name)


__all__ = [
    "AccountRecord",
    "CheckReport",
    "NewAccountResult",
    "ReceivablesReport",
    "RefreshResult",
    "RollupResult",
    "ScoreResult",
    "account_from_arguments",
    "account_from_portfolio",
    "check_workbook_file",
    "new_account_from_selection",
    "read_credit_limits",
    "refresh_portfolio",
    "report_data",
    "rollup_folder",
]
