"""Rounding rules (舍入规则): one constant per rule, shared by the core and the Excel renderings.

Floats carry noise (0.1 + 0.2 is 0.30000000000000004; 0.1 + 0.2 − 0.3 is
5.6e-17). Each rule rounds to a fixed number of places before it compares or
sums, and the formula rendering applies the same ``ROUND``, so the core and
Excel agree on a value that sits exactly on a threshold.

- :data:`DECIMALS` — a value looked up against a threshold: tier and barrier
  bands, quadrant axes, pyramid limits, credit-rating limits (9 places).
- :data:`SHARE_DECIMALS` — an ABC share of the total and the pyramid's
  cumulative layer shares (12 places: a share is at most 1, so 12 places keep
  every distinction a real portfolio makes and drop the noise).
- :data:`MONEY_DECIMALS` — receivable money per invoice and per account
  (6 places), so a settled account is 0, not 5e-17 outstanding.
"""

from __future__ import annotations

__all__ = ["DECIMALS", "MONEY_DECIMALS", "SHARE_DECIMALS"]

DECIMALS = 9
SHARE_DECIMALS = 12
MONEY_DECIMALS = 6
