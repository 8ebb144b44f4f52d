"""Receivables and credit — SPEC §2.11."""

from __future__ import annotations

from kam_xl.core import receivables
from kam_xl.indicators.entry import LANG, Arg, Indicator
from kam_xl.xlformulas import receivables as X

__all__ = ["ENTRIES"]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "dso",
        "KAM_DSO",
        "应收账款周转天数",
        "DSO",
        "DSO = 应收余额 / 销售额 × 期间天数",
        "DSO = outstanding / sales · days in period",
        "§2.11",
        receivables.dso,
        (
            Arg("outstanding", "应收余额", "outstanding"),
            Arg("sales", "期间销售额", "sales in the period"),
            Arg("days", "期间天数（默认 365）", "days in the period (default 365)", True),
        ),
        excel=X.dso,
    ),
    Indicator(
        "aging",
        "KAM_AGING",
        "账龄",
        "Aging",
        "账龄分布一行：未到期、1–30、31–60、61–90、90 天以上",
        "one row of aging buckets: not due, 1–30, 31–60, 61–90, over 90 days",
        "§2.11",
        receivables.aging_row,
        (
            Arg("amounts", "各张发票未收金额", "open amount of each invoice"),
            Arg("due_dates", "各张发票到期日", "due date of each invoice"),
            Arg("as_of", "截止日期", "as-of date"),
        ),
        excel=X.aging_bucket,
    ),
    Indicator(
        "credit_rating",
        "KAM_CREDIT_RATING",
        "信用等级",
        "Credit rating",
        "信用等级：按 DSO 与逾期占比",
        "credit rating from DSO and overdue ratio",
        "§2.11",
        receivables.credit_rating,
        (Arg("dso", "DSO（天）", "DSO (days)"), Arg("overdue_ratio", "逾期占比 0–1", "overdue ratio 0–1"), LANG),
        excel=X.credit_rating,
    ),
)
