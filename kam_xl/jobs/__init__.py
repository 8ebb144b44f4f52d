"""The users' jobs: each a library call that a command (and later a macro) wraps thinly."""

from kam_xl.jobs.account_record import AccountRecord
from kam_xl.jobs.new_account import NewAccountResult, account_from_arguments, account_from_portfolio, new_account
from kam_xl.jobs.receivables_report import ReceivablesReport, read_credit_limits, receivables_report, report_data

__all__ = [
    "AccountRecord",
    "NewAccountResult",
    "ReceivablesReport",
    "account_from_arguments",
    "account_from_portfolio",
    "new_account",
    "read_credit_limits",
    "receivables_report",
    "report_data",
]
