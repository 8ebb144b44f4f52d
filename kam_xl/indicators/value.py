"""Lifetime value and share of wallet — docs/definitions.md §2.6–2.7."""

from __future__ import annotations

from kam_xl.core import clv, wallet
from kam_xl.indicators.entry import Arg, Indicator
from kam_xl.xlformulas import value as X

__all__ = ["ENTRIES"]

ENTRIES: tuple[Indicator, ...] = (
    Indicator(
        "clv",
        "KAM_CLV",
        "客户生命周期价值",
        "Lifetime value",
        "客户生命周期价值（有限或无限期）",
        "customer lifetime value (finite or infinite horizon)",
        "§2.6",
        clv.clv,
        (
            Arg("margin", "年毛利（每年末获得）", "annual margin (received at each year end)"),
            Arg("retention", "保留率 0 ≤ r < 1", "retention 0 ≤ r < 1"),
            Arg("discount", "折现率 d > -1", "discount rate d > −1"),
            Arg("horizon", "年限（省略为无限期）", "horizon in years (omit for infinite)", True),
        ),
        excel=X.clv,
    ),
    Indicator(
        "wallet_share",
        "KAM_WALLET_SHARE",
        "钱包份额",
        "Share of wallet",
        "钱包份额 = 我方销售额 / 客户该品类总采购额",
        "share of wallet = our sales / the account's total category spend",
        "§2.7",
        wallet.share_of_wallet,
        (
            Arg("our_sales", "我方对该客户的销售额", "our sales to the account"),
            Arg("total_spend", "客户该品类总采购额（同期）", "the account's total category spend (same period)"),
        ),
        excel=X.wallet_share,
    ),
    Indicator(
        "share_gap",
        None,
        "钱包份额差距",
        "Share of wallet − target",
        "钱包份额 − 钱包份额目标（负数 = 未达目标）",
        "share of wallet − its target (negative = short of the target)",
        "§2.7, §2.12",
        wallet.share_gap,
        (
            Arg("share", "钱包份额 0–1", "share of wallet 0–1"),
            Arg("target", "钱包份额目标 0–1", "share-of-wallet target 0–1"),
        ),
        excel=X.share_gap,
    ),
    Indicator(
        "order_share",
        None,
        "订单结构占比",
        "Share of our sales",
        "订单结构：各产品线销售额占我方对该客户销售额的比例",
        "order structure: each product line's share of our sales to the account",
        "§2.7",
        wallet.order_structure,
        (Arg("sales_by_line", "各产品线销售额", "our sales by product line"),),
        excel=X.order_share,
    ),
)
