"""Share of wallet (钱包份额) and order structure — docs/definitions.md §2.7."""

from __future__ import annotations

import numpy as np

from kam_xl.core import _checks
from kam_xl.errors import InputError, OutOfRangeError

__all__ = ["order_structure", "share_gap", "share_of_wallet"]


def share_of_wallet(our_sales: object, total_spend: object) -> np.ndarray:
    """Our sales / the account's total category spend (same period); above 1 is an input error."""
    ours = _checks.bounded(our_sales, "our_sales", 0.0)
    total = _checks.bounded(total_spend, "total_spend", 0.0, lo_open=True)
    ours, total = np.broadcast_arrays(ours, total)
    share = ours / total
    over = share > 1.0 + 1e-12
    if over.any():
        i = int(np.flatnonzero(over.ravel())[0])
        raise OutOfRangeError(
            "our_sales",
            f"{ours.ravel()[i]:g}",
            f"≤ 客户总采购额 {total.ravel()[i]:g}",
            f"<= total spend {total.ravel()[i]:g}",
            _checks.position(i, share.shape),
        )
    return share if share.ndim else share[()]


def share_gap(share: object, target: object) -> np.ndarray:
    """Share of wallet − its target (both 0–1): below zero, the plan has ground to make up.

    Rendered by :func:`kam_xl.xlformulas.value.share_gap`.
    """
    s = _checks.bounded(share, "share", 0.0, 1.0)
    t = _checks.bounded(target, "share_target", 0.0, 1.0)
    gap = s - t
    return gap if gap.ndim else gap[()]


def order_structure(sales_by_line: object) -> np.ndarray:
    """Each product line's share of our sales (last axis = product lines).

    Rendered line by line by :func:`kam_xl.xlformulas.value.order_share`.
    """
    arr = _checks.in_range(
        np.nan_to_num(_checks.numbers(sales_by_line, "sales_by_line"), nan=0.0), "sales_by_line", 0.0
    )
    total = arr.sum(axis=-1, keepdims=True)
    if (total <= 0).any():
        raise InputError("sales_by_line", "销售额合计为零，无法计算结构", "sales sum to zero; no structure to compute")
    return arr / total
