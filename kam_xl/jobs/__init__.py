"""The users' jobs: each a library call that a command (and later a macro) wraps thinly."""

from kam_xl.jobs.account_record import AccountRecord
from kam_xl.jobs.check import CheckReport, check_workbook_file
from kam_xl.jobs.new_account import NewAccountResult, account_from_arguments, account_from_portfolio, new_account
from kam_xl.jobs.receivables_report import ReceivablesReport, read_credit_limits, receivables_report, report_data
from kam_xl.jobs.rollup import RollupResult, rollup_folder
from kam_xl.jobs.score_table import ScoreResult, score_table

__all__ = [
    "AccountRecord",
    "CheckReport",
    "NewAccountResult",
    "ReceivablesReport",
    "RollupResult",
    "ScoreResult",
    "account_from_arguments",
    "account_from_portfolio",
    "check_workbook_file",
    "new_account",
    "read_credit_limits",
    "receivables_report",
    "report_data",
    "rollup_folder",
    "score_table",
]
