"""Lifetime value and share of wallet — docs/definitions.md §2.6–2.7."""

from __future__ import annotations

from kam_xl.xlformulas.common import any_blank

__all__ = ["clv", "order_share", "share_gap", "wallet_share"]


def clv(margin: str, retention: str, discount: str, horizon: str) -> str:
    """CLV; a blank horizon takes the model's (``infinite`` or a number of years)."""
    t = f"IF({any_blank(horizon)},KAM_CLV_HORIZON,{horizon})"
    q = f"({retention}/(1+{discount}))"
    finite = f"{margin}*(1-POWER({q},{t}))/(1+{discount}-{retention})"
    at_one = f"{margin}*{t}/(1+{discount})"
    perpetual = f"{margin}/(1+{discount}-{retention})"
    return (
        f'=IF({any_blank(margin, retention, discount)},"",IF(NOT(ISNUMBER({t})),{perpetual},'
        f"IF(ROUND({q},15)=1,{at_one},{finite})))"
    )


def wallet_share(ours: str, total: str) -> str:
    """Our sales / the total spend (:func:`kam_xl.core.wallet.share_of_wallet`); blank while either is blank or the
    total is 0 or not a number — the core refuses such a total, the sheet shows no #DIV/0! in its place."""
    return f'=IF(OR({any_blank(ours)},N({total})=0),"",{ours}/{total})'


def order_share(line: str, total: str) -> str:
    """One product line's share of our sales (``wallet.order_structure``); blank while the line or the total is."""
    return f'=IF(OR({line}="",N({total})=0),"",{line}/{total})'


def share_gap(share: str, target: str) -> str:
    """Share of wallet − its target (:func:`kam_xl.core.wallet.share_gap`); blank until both are given."""
    return f'=IF({any_blank(share, target)},"",{share}-{target})'
