"""Receivables and credit — docs/definitions.md §2.11: the Excel renderings of :mod:`kam_xl.core.receivables`.

Each renderer has the name of the core function that defines its figure (the
row-level ones in :mod:`kam_xl.core.receivables.rows`, the per-account ones in
:mod:`kam_xl.core.receivables.accounts`). Ranges are whole ledger columns
(``$D$7:$D$206``); a ledger row is *counted* (1 in its counted column, a key in
its key column) when it is complete and valid, and only counted rows take part.
Money is rounded to :data:`~kam_xl.core.rounding.MONEY_DECIMALS` places as the
core rounds it. The per-account renderers take ``blank_if``: a condition
(:func:`no_figures`) under which the figure shows blank — before an as-of date
is typed, or while both ledgers are empty.
"""

from __future__ import annotations

from kam_xl.core.receivables.problems import problem_label
from kam_xl.core.rounding import DECIMALS, MONEY_DECIMALS
from kam_xl.xlformulas import ledger_order as O
from kam_xl.xlformulas.common import any_blank, label, rel, text

__all__ = [
    "BIG",
    "aging_bucket",
    "arrears_rate",
    "avg_arrears",
    "avg_collection_days",
    "avg_receipt",
    "balance",
    "best_dso",
    "cei",
    "credit_rating",
    "credit_use",
    "days_delinquent",
    "days_past_due",
    "days_to_collect",
    "dso",
    "flagged",
    "invoice_counted",
    "invoice_matches",
    "invoice_problems",
    "largest_receipt",
    "ledger_key",
    "month_end",
    "no_figures",
    "open_amount",
    "outstanding",
    "over_limit",
    "overdue",
    "overdue_ratio",
    "past_due",
    "period_days",
    "period_start",
    "receipt_counted",
    "receipt_invoice_date",
    "receipt_invoice_total",
    "receipt_problems",
    "received",
    "received_to_date",
    "sales",
    "unapplied_receipts",
]

BIG = 10_000_000  # above every Excel date serial: min(x) = BIG − max(BIG − x)
_M = MONEY_DECIMALS


def _unless(formula: str, blank_if: str) -> str:
    """``formula`` shown blank while ``blank_if`` holds."""
    return f'=IF({blank_if},"",{rel(formula)})' if blank_if else formula


def _either(ordered: str, fast: str, slow: str) -> str:
    """``fast`` while ``ordered`` (a ledger-in-order cell, or a product of them) is 1, else ``slow`` (IF is
    lazy: a sorted ledger never evaluates its whole-ledger form)."""
    return f"IF({ordered}=1,{fast},{slow})" if ordered else slow


def _no_date(as_of: str) -> str:
    """Condition: the as-of cell holds no date (blank, or text typed over it)."""
    return f"NOT(ISNUMBER({as_of}))"


def no_figures(as_of: str, n_invoices: str, n_receipts: str, blank: str = "") -> str:
    """Condition: no as-of date yet (or text in its cell), or nothing counted in either ledger (or ``blank``
    is blank)."""
    nothing = f"OR({_no_date(as_of)},{n_invoices}+{n_receipts}=0)"
    return f'OR({blank}="",{nothing})' if blank else nothing


_KINDS = ("unknown_invoice", "before_invoice", "overpaid", "duplicate_invoice", "not_counted", "flag_sep")
# each flag as a text literal, made once: the problem columns render one per ledger row
_LITERALS = {(k, lang): text(problem_label(k, lang)) for k in _KINDS for lang in ("zh", "en")}


def _label(kind: str, lang: str) -> str:
    return _LITERALS[(kind, "zh" if lang == "zh" else "en")]


# ---------------------------------------------------------------- the period


def period_start(as_of: str) -> str:
    """The period's exclusive start: the model's months before the as-of date (EDATE clamps month ends)."""
    return f'=IF({_no_date(as_of)},"",EDATE({as_of},-KAM_RECEIVABLES_PERIOD_MONTHS))'


def period_days(as_of: str, start: str) -> str:
    return f'=IF({_no_date(as_of)},"",{as_of}-{start})'


def month_end(start: str, as_of: str, k: int) -> str:
    """The ``k``-th month end from the start's month (EOMONTH) when it falls in (start, as_of], else blank."""
    cand = f"EOMONTH({start},{k})"
    return f'=IF({_no_date(as_of)},"",IF(AND({cand}>{start},{cand}<={as_of}),{cand},""))'


# ---------------------------------------------------------------- which rows count


def invoice_counted(number: str, invoice_date: str, due_date: str, amount: str) -> str:
    """1 when the row has a number, two dates (due not before invoiced) and an amount ≥ 0, else 0."""
    complete = f'AND({number}<>"",ISNUMBER({invoice_date}),ISNUMBER({due_date}),ISNUMBER({amount}))'
    return f"=IF({complete},IF(AND({due_date}>={invoice_date},{amount}>=0),1,0),0)"


def receipt_counted(receipt_date: str, amount: str) -> str:
    """1 when the row has a date and an amount ≥ 0, else 0."""
    return f"=IF(AND(ISNUMBER({receipt_date}),ISNUMBER({amount})),IF({amount}>=0,1,0),0)"


def ledger_key(counted: str, number: str) -> str:
    """The row's invoice number as text when it is counted, else ``""``."""
    return f'=IF({counted}=1,{number}&"","")'


# ---------------------------------------------------------------- invoice rows


def received(
    key: str,
    invoice_date: str,
    amount: str,
    as_of: str,
    receipt_keys: str,
    receipt_dates: str,
    receipt_amounts: str,
    earlier_keys: str | None = None,
    earlier_dates: str | None = None,
    earlier_amounts: str | None = None,
    later_keys: str | None = None,
    *,
    ordered: str = "",
    receipt_search: str = "",
    receipt_to: str = "",
    invoice_search: str = "",
    invoice_count: str = "",
    count: str = "",
    prev_search: str | None = None,
    prev_to: str | None = None,
) -> str:
    """Receipts on this number as of the date, less what the number's earlier rows took; capped at this
    row's invoiced amount unless no later row repeats the number (the last takes any excess).

    ``earlier_*``: the invoice rows above this one (None for the first), ``later_keys`` the keys below it
    (None for the last). With ``ordered`` (1 while both ledgers are sorted: :mod:`.ledger_order`) the same
    figure by binary search: the receipts' running sum dated by the as-of date (``receipt_to``) at the end
    of the number's block, less the invoices' (``prev_to``, the row above's, when it is of this number),
    a later row when the block's count (``invoice_count``) passes this row's (``count``).
    """
    applied = f"SUMPRODUCT(({receipt_keys}={key})*({receipt_dates}<={as_of}),{receipt_amounts})"
    before = (
        "0"
        if earlier_keys is None
        else f"SUMPRODUCT(({earlier_keys}={key})*({earlier_dates}<={as_of}),{earlier_amounts})"
    )
    later = "FALSE" if later_keys is None else f"SUMPRODUCT(({later_keys}={key})*1)>0"
    invoiced = f"IF({invoice_date}<={as_of},{amount},0)"
    slow = f"MIN(MAX({applied}-{before},0),IF({later},{invoiced},1E+300))"
    if ordered:
        f_applied = f"IF({O.found(key, receipt_search)},{O.in_block(key, receipt_search, receipt_to)},0)"
        f_before = f"IF({key}={prev_search},{prev_to},0)" if prev_search else "0"
        f_later = f"{O.in_block(key, invoice_search, invoice_count)}>{count}"
        fast = f"MIN(MAX({f_applied}-{f_before},0),IF({f_later},{invoiced},1E+300))"
        slow = _either(ordered, fast, slow)
    return f'=IF(OR({key}="",{_no_date(as_of)}),"",{slow})'


def open_amount(received: str, invoice_date: str, amount: str, as_of: str) -> str:
    """Invoiced as of the date (the amount, once dated) less received, money-rounded."""
    return f'=IF({received}="","",ROUND(IF({invoice_date}<={as_of},{amount},0)-{received},{_M}))'


def days_past_due(received: str, open_amount: str, due_date: str, as_of: str) -> str:
    """As-of date − due date while something is open (a settled invoice is not "404 days late")."""
    return f'=IF({received}="","",IF(ROUND({open_amount},{_M})=0,"",{as_of}-{due_date}))'


def invoice_problems(
    key: str,
    inputs: str,
    earlier_keys: str | None,
    lang: str,
    *,
    ordered: str = "",
    prev_search: str | None = None,
    prev_count: str | None = None,
) -> str:
    """ "Duplicate invoice no." on a counted row whose number an earlier row has; "not counted" on a row
    filled in (``inputs``: its input cells) but not counted. With ``ordered`` (the invoices sorted) the
    earlier rows are the block's count on the row above (``prev_count``) when it is of this number."""
    earlier = "0" if earlier_keys is None else f"SUMPRODUCT(({earlier_keys}={key})*1)"
    if ordered and earlier_keys is not None:
        earlier = _either(ordered, f"IF({key}={prev_search},{prev_count},0)", earlier)
    dup, nc = _label("duplicate_invoice", lang), _label("not_counted", lang)
    return f'=IF({key}<>"",IF({earlier}>0,{dup},""),IF(COUNTA({inputs})=0,"",{nc}))'


# ---------------------------------------------------------------- receipt rows


def invoice_matches(key: str, invoice_keys: str, *, ordered: str = "", invoice_search: str = "",
                    invoice_count: str = "") -> str:  # fmt: skip
    """How many counted invoice rows carry the receipt's number (0: unknown, or the receipt not counted);
    with ``ordered`` (the invoices sorted) the count at the end of the number's block."""
    slow = f"SUMPRODUCT(({invoice_keys}={key})*1)"
    fast = f"IF({O.found(key, invoice_search)},{O.in_block(key, invoice_search, invoice_count)},0)"
    return f'=IF({key}="",0,{_either(ordered, fast, slow)})'


def receipt_invoice_date(matches: str, key: str, invoice_keys: str, invoice_dates: str, *, ordered: str = "",
                         invoice_search: str = "", invoice_min: str = "") -> str:  # fmt: skip
    """Its invoice's date: the earliest among the rows of its number, ``BIG − max(BIG − date)``; when text
    typed in a date cell (a row not counted) makes that an error, MINIFS, which skips text (its criterion
    ``"="&key`` reads ``*`` and ``?`` in a number as wildcards: the exact form comes first). With
    ``ordered``: the block's running minimum (``invoice_min``) at its end."""
    exact = f"{BIG}-SUMPRODUCT(MAX(({invoice_keys}={key})*({BIG}-{invoice_dates})))"
    slow = f'IFERROR({exact},_xlfn.MINIFS({invoice_dates},{invoice_keys},"="&{key}))'
    return f'=IF({matches}=0,"",{_either(ordered, O.in_block(key, invoice_search, invoice_min), slow)})'


def receipt_invoice_total(matches: str, key: str, invoice_keys: str, invoice_amounts: str, *, ordered: str = "",
                          invoice_search: str = "", invoice_total: str = "") -> str:  # fmt: skip
    """Its invoice's amount: all the rows of its number (``ordered``: the block's running total at its end)."""
    slow = f"SUMPRODUCT(({invoice_keys}={key})*1,{invoice_amounts})"
    return f'=IF({matches}=0,"",{_either(ordered, O.in_block(key, invoice_search, invoice_total), slow)})'


def received_to_date(
    matches: str,
    key: str,
    receipt_date: str,
    receipt_keys: str,
    receipt_dates: str,
    receipt_amounts: str,
    keys_to_row: str,
    dates_to_row: str,
    amounts_to_row: str,
    *,
    ordered: str = "",
    running: str = "",
) -> str:
    """Receipts on the same invoice up to this one: earlier dates, then the same date up to this row
    (``*_to_row``: the receipt rows from the first to this one). With ``ordered`` (the receipts sorted by
    number and date) that is the block's running sum on this row (``running``)."""
    earlier = f"SUMPRODUCT(({receipt_keys}={key})*({receipt_dates}<{receipt_date}),{receipt_amounts})"
    same_day = f"SUMPRODUCT(({keys_to_row}={key})*({dates_to_row}={receipt_date}),{amounts_to_row})"
    return f'=IF({matches}=0,"",{_either(ordered, running, f"{earlier}+{same_day}")})'


def days_to_collect(matches: str, receipt_date: str, invoice_date: str) -> str:
    return f'=IF({matches}=0,"",{receipt_date}-{invoice_date})'


def receipt_problems(
    counted: str,
    inputs: str,
    matches: str,
    receipt_date: str,
    invoice_date: str,
    received_to_date: str,
    invoice_total: str,
    lang: str,
) -> str:
    """ "Not counted" on a row filled in but not counted; "unknown invoice"; else "receipt before invoice"
    and/or "exceeds open amount" (received to date above the invoice's amount beyond float noise, as the
    core tests it)."""
    q = {k: _label(k, lang) for k in ("unknown_invoice", "before_invoice", "overpaid", "not_counted")}
    sep = _label("flag_sep", lang)
    over = f"({received_to_date}>{invoice_total}+1E-9*MAX({invoice_total},1))"
    return (
        f'=IF({counted}=0,IF(COUNTA({inputs})=0,"",{q["not_counted"]}),IF({matches}=0,{q["unknown_invoice"]},'
        f'CHOOSE(1+({receipt_date}<{invoice_date})+2*{over},"",{q["before_invoice"]},{q["overpaid"]},'
        f"{q['before_invoice']}&{sep}&{q['overpaid']})))"
    )


# ---------------------------------------------------------------- per account


def sales(amounts: str, invoice_dates: str, counted: str, start: str, as_of: str, *, blank_if: str = "") -> str:
    """Counted invoices dated in (start, as_of], money-rounded."""
    f = f'=ROUND(SUMIFS({amounts},{invoice_dates},">"&{start},{invoice_dates},"<="&{as_of},{counted},1),{_M})'
    return _unless(f, blank_if)


def aging_bucket(outstanding: str, days_past_due: str, bucket: int, n_buckets: int, *, blank_if: str = "") -> str:
    """Outstanding in aging bucket ``bucket`` (0 = not due) over per-invoice columns, money-rounded.

    Bucket edges are ``KAM_RECEIVABLES_AGING_EDGE`` (days, one cell each):
    not due is ``≤ 0`` days past due, bucket k is ``(edge[k-1], edge[k]]`` with
    edge[0] = 0, the last is ``> edge[-1]``.
    """
    e = "KAM_RECEIVABLES_AGING_EDGE"
    if bucket == 0:
        f = f'SUMIFS({outstanding},{days_past_due},"<=0")'
    else:
        low = '">0"' if bucket == 1 else f'">"&INDEX({e},{bucket - 1})'
        f = f"SUMIFS({outstanding},{days_past_due},{low})"
        if bucket < n_buckets - 1:
            f = f'SUMIFS({outstanding},{days_past_due},{low},{days_past_due},"<="&INDEX({e},{bucket}))'
    return _unless(f"=ROUND({f},{_M})", blank_if)


def outstanding(buckets: str, *, blank_if: str = "") -> str:
    """The aging buckets summed (``buckets``: all of them)."""
    return _unless(f"=ROUND(SUM({buckets}),{_M})", blank_if)


def overdue(past_due: str, *, blank_if: str = "") -> str:
    """The past-due buckets summed (``past_due``: the buckets after "not due")."""
    return _unless(f"=ROUND(SUM({past_due}),{_M})", blank_if)


def arrears_rate(outstanding: str, sales: str, *, blank_if: str = "") -> str:
    """Outstanding / sales; 0 when both are 0, blank (undefined) when only sales are 0."""
    return _unless(f'=IF(AND({outstanding}=0,{sales}=0),0,IF({sales}=0,"",{outstanding}/{sales}))', blank_if)


def dso(outstanding: str, sales: str, days: str, *, blank_if: str = "") -> str:
    """DSO; 0 when both are 0, blank (undefined) when only sales are 0."""
    f = f'=IF(AND({outstanding}=0,{sales}=0),0,IF({sales}=0,"",{outstanding}/{sales}*{days}))'
    return _unless(f, blank_if)


def best_dso(not_due: str, sales: str, days: str, *, blank_if: str = "") -> str:
    """The DSO of the not-due amount (:func:`dso`'s rule)."""
    return dso(not_due, sales, days, blank_if=blank_if)


def days_delinquent(dso: str, best_dso: str, *, blank_if: str = "") -> str:
    return _unless(f'=IF(OR({dso}="",{best_dso}=""),"",{dso}-{best_dso})', blank_if)


def overdue_ratio(overdue: str, outstanding: str, *, blank_if: str = "") -> str:
    """Overdue / outstanding; 0 when nothing (or less than nothing) is outstanding, as the core."""
    return _unless(f"=IF({outstanding}<=0,0,{overdue}/{outstanding})", blank_if)


def balance(
    amounts: str,
    invoice_dates: str,
    counted: str,
    receipt_amounts: str,
    receipt_dates: str,
    receipt_invoice_dates: str,
    day: str,
    *,
    blank_if: str = "",
) -> str:
    """Outstanding at the end of ``day``: counted invoices dated by then less the applied receipts (those
    with an invoice date) dated by then, money-rounded."""
    invoiced = f'SUMIFS({amounts},{invoice_dates},"<="&{day},{counted},1)'
    paid = f'SUMIFS({receipt_amounts},{receipt_dates},"<="&{day},{receipt_invoice_dates},">0")'
    return _unless(f"=ROUND({invoiced}-{paid},{_M})", blank_if)


def cei(opening: str, sales: str, outstanding: str, not_due: str, *, blank_if: str = "") -> str:
    """(opening + sales − closing) · 100 / (opening + sales − closing not due); blank when the latter is 0."""
    den = f"ROUND({opening}+{sales}-{not_due},{_M})"
    return _unless(f'=IF({den}=0,"",ROUND({opening}+{sales}-{outstanding},{_M})*100/{den})', blank_if)


def avg_collection_days(
    receipt_amounts: str,
    receipt_dates: str,
    receipt_invoice_dates: str,
    days_to_collect: str,
    start: str,
    as_of: str,
    *,
    blank_if: str = "",
) -> str:
    """Amount-weighted mean days to collect over the applied receipts dated in (start, as_of]."""
    weight = f'SUMIFS({receipt_amounts},{receipt_dates},">"&{start},{receipt_dates},"<="&{as_of},{receipt_invoice_dates},">0")'
    lagged = (
        f"SUMPRODUCT(({receipt_dates}>{start})*({receipt_dates}<={as_of})*ISNUMBER({days_to_collect}),"
        f"{receipt_amounts},{days_to_collect})"
    )
    return _unless(f'=IF({weight}=0,"",{lagged}/{weight})', blank_if)


def _in_period(receipt_dates: str, start: str, as_of: str) -> str:
    return f'{receipt_dates},">"&{start},{receipt_dates},"<="&{as_of}'


def largest_receipt(
    receipt_amounts: str, receipt_dates: str, counted: str, start: str, as_of: str, *, blank_if: str = ""
) -> str:
    """The largest counted receipt dated in (start, as_of], applied or not; blank when there is none."""
    inside = _in_period(receipt_dates, start, as_of)
    f = f'=IF(COUNTIFS({inside},{counted},1)=0,"",_xlfn.MAXIFS({receipt_amounts},{inside},{counted},1))'
    return _unless(f, blank_if)


def avg_receipt(
    receipt_amounts: str, receipt_dates: str, counted: str, start: str, as_of: str, *, blank_if: str = ""
) -> str:
    """The mean counted receipt dated in (start, as_of], applied or not; blank when there is none."""
    inside = _in_period(receipt_dates, start, as_of)
    count = f"COUNTIFS({inside},{counted},1)"
    return _unless(f'=IF({count}=0,"",SUMIFS({receipt_amounts},{inside},{counted},1)/{count})', blank_if)


def unapplied_receipts(
    receipt_amounts: str,
    receipt_dates: str,
    counted: str,
    receipt_invoice_dates: str,
    as_of: str,
    *,
    blank_if: str = "",
) -> str:
    """Counted receipts dated by the as-of date less the applied ones (those with an invoice date)."""
    by = f'{receipt_dates},"<="&{as_of}'
    f = f'=ROUND(SUMIFS({receipt_amounts},{by},{counted},1)-SUMIFS({receipt_amounts},{by},{receipt_invoice_dates},">0"),{_M})'
    return _unless(f, blank_if)


def avg_arrears(month_ends: str, balances: str, *, blank_if: str = "") -> str:
    """The mean of the month-end balances (``month_ends`` blank outside the period)."""
    return _unless(f'=IF(COUNT({month_ends})=0,"",AVERAGE({balances}))', blank_if)


def credit_use(outstanding: str, credit_limit: str, *, blank_if: str = "") -> str:
    """Outstanding / credit limit; blank without a (positive) limit."""
    f = f'=IF(NOT(ISNUMBER({credit_limit})),"",IF({credit_limit}<=0,"",{outstanding}/{credit_limit}))'
    return _unless(f, blank_if)


def credit_rating(dso_ref: str, overdue_ratio_ref: str, lang: str, *, blank_if: str = "") -> str:
    """First rating whose limits both hold; an undefined (blank) DSO rates last.

    The loader enforces limits that loosen down the list, so the first rating
    that holds is 1 + the number of (non-last) ratings that fail.
    """
    names = label("KAM_RECEIVABLES_RATINGS", lang)
    ok = (
        f"(ROUND({dso_ref},{DECIMALS})<=KAM_RECEIVABLES_RATINGS_DSO_MAX)"
        f"*(ROUND({overdue_ratio_ref},{DECIMALS})<=KAM_RECEIVABLES_RATINGS_OVERDUE_RATIO_MAX)"
    )
    # text over either input (an empty ratio cell reads 0): no rating (blank), not an error value
    typed = f"OR(NOT(ISNUMBER({dso_ref})),AND(NOT(ISNUMBER({overdue_ratio_ref})),NOT(ISBLANK({overdue_ratio_ref}))))"
    rated = f'IF({typed},"",INDEX({names},1+SUMPRODUCT(1-{ok})))'
    f = f"=IF({any_blank(dso_ref)},INDEX({names},ROWS({names})),{rated})"
    return _unless(f, blank_if)


# ---------------------------------------------------------------- conditions of the sheet's colours


def flagged(problems: str) -> str:
    """A problems cell that says something (coloured red)."""
    return f'{problems}<>""'


def past_due(days_past_due: str, open_amount: str) -> str:
    """An invoice past due with something open (coloured amber)."""
    return f"AND(ISNUMBER({days_past_due}),{days_past_due}>0,N({open_amount})>0)"


def over_limit(credit_use: str) -> str:
    """Outstanding above the credit limit (coloured red)."""
    return f"AND(ISNUMBER({credit_use}),{credit_use}>1)"
