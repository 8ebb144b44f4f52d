"""Lifetime value and share of wallet — docs/definitions.md §2.6–2.7.

Each figure is blank, never an error value, while an input is blank, is text that is not a number, or
is outside what the core accepts (the core refuses it); a number stored as text is read as the number.
"""

from __future__ import annotations

from kam_xl.xlformulas.common import any_blank, numeric

__all__ = ["clv", "order_share", "share_gap", "wallet_share"]


def clv(margin: str, retention: str, discount: str, horizon: str) -> str:
    """CLV (:func:`kam_xl.core.clv.clv`); a blank horizon takes the model's (``infinite`` or a number of years).

    Blank where the core refuses: retention outside [0, 1), discount ≤ −1, a horizon ≤ 0 or not a number,
    and an infinite horizon with retention ≥ 1 + discount (the sum diverges; 1 + d − r would be 0)."""
    t = f"IF({any_blank(horizon)},KAM_CLV_HORIZON,{horizon})"
    q = f"({retention}/(1+{discount}))"
    finite = f"{margin}*(1-POWER({q},{t}))/(1+{discount}-{retention})"
    at_one = f"{margin}*{t}/(1+{discount})"
    perpetual = f"{margin}/(1+{discount}-{retention})"
    given = f"AND({numeric(margin, retention, discount)},OR({any_blank(horizon)},{numeric(horizon)}))"
    refused = f"OR(0+{retention}<0,0+{retention}>=1,0+{discount}<=-1)"
    # a text horizon (the model's "infinite") is the perpetuity; a number of years must be above 0
    by_horizon = (
        f'IF(NOT({numeric(t)}),IF({q}>=1,"",{perpetual}),IF(0+{t}<=0,"",IF(ROUND({q},15)=1,{at_one},{finite})))'
    )
    return f'=IF({any_blank(margin, retention, discount)},"",IF(NOT({given}),"",IF({refused},"",{by_horizon})))'


def wallet_share(ours: str, total: str) -> str:
    """Our sales / the total spend (:func:`kam_xl.core.wallet.share_of_wallet`); blank while either is blank or
    not a number, and where the core refuses them (our sales below 0, a total not above 0, a share above 1) —
    the sheet shows no #DIV/0! or #VALUE! in its place."""
    refused = f"OR(0+{ours}<0,0+{total}<=0,0+{ours}>{total}*(1+1E-12))"
    return f'=IF(OR({any_blank(ours, total)},NOT({numeric(ours, total)})),"",IF({refused},"",{ours}/{total}))'


def order_share(line: str, total: str) -> str:
    """One product line's share of our sales (``wallet.order_structure``); blank while the line is blank, not
    a number or below 0, or the total is not above 0."""
    return f'=IF(OR({line}="",NOT({numeric(line)}),N({total})<=0),"",IF(0+{line}<0,"",{line}/{total}))'


def share_gap(share: str, target: str) -> str:
    """Share of wallet − its target (:func:`kam_xl.core.wallet.share_gap`); blank until both are given, and
    while either is not a number or outside 0–1 (the core refuses it)."""
    refused = f"OR(0+{share}<0,0+{share}>1,0+{target}<0,0+{target}>1)"
    return f'=IF(OR({any_blank(share, target)},NOT({numeric(share, target)})),"",IF({refused},"",{share}-{target}))'
