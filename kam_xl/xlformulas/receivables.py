"""Aging buckets, DSO, overdue ratio and credit rating — SPEC §2.11."""

from __future__ import annotations

from kam_xl.core.rounding import DECIMALS
from kam_xl.xlformulas.common import any_blank, label

__all__ = ["aging_bucket", "credit_rating", "dso", "overdue_ratio"]


def aging_bucket(outstanding: str, days_past_due: str, bucket: int, n_buckets: int) -> str:
    """Outstanding in aging bucket ``bucket`` (0 = not due) over per-invoice columns.

    Bucket edges are ``KAM_RECEIVABLES_AGING_EDGE`` (days, one cell each):
    not due is ``≤ 0`` days past due, bucket k is ``(edge[k-1], edge[k]]`` with
    edge[0] = 0, the last is ``> edge[-1]``.
    """
    e = "KAM_RECEIVABLES_AGING_EDGE"
    if bucket == 0:
        return f'=SUMIFS({outstanding},{days_past_due},"<=0")'
    low = '">0"' if bucket == 1 else f'">"&INDEX({e},{bucket - 1})'
    if bucket == n_buckets - 1:
        return f"=SUMIFS({outstanding},{days_past_due},{low})"
    return f'=SUMIFS({outstanding},{days_past_due},{low},{days_past_due},"<="&INDEX({e},{bucket}))'


def dso(outstanding: str, sales: str, days: str) -> str:
    """DSO; 0 when both are 0, blank (undefined) when only sales are 0."""
    return f'=IF(AND({outstanding}=0,{sales}=0),0,IF({sales}=0,"",{outstanding}/{sales}*{days}))'


def overdue_ratio(overdue: str, outstanding: str) -> str:
    return f"=IF({outstanding}<=0,0,{overdue}/{outstanding})"  # 0 when nothing is outstanding, as the core


def credit_rating(dso_ref: str, overdue_ratio_ref: str, lang: str) -> str:
    """First rating whose limits both hold; an undefined (blank) DSO rates last.

    The loader enforces limits that loosen down the list, so the first rating
    that holds is 1 + the number of (non-last) ratings that fail.
    """
    names = label("KAM_RECEIVABLES_RATINGS", lang)
    ok = (
        f"(ROUND({dso_ref},{DECIMALS})<=KAM_RECEIVABLES_RATINGS_DSO_MAX)"
        f"*(ROUND({overdue_ratio_ref},{DECIMALS})<=KAM_RECEIVABLES_RATINGS_OVERDUE_RATIO_MAX)"
    )
    return f"=IF({any_blank(dso_ref)},INDEX({names},ROWS({names})),INDEX({names},1+SUMPRODUCT(1-{ok})))"
