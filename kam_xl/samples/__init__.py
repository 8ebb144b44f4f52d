"""The bundled sample: invented but realistic industrial key accounts, made by code.

Reproducible (fixed seeds), so the demo, the README and the tests see the same
36 accounts, their ledger, plans, customer files and development record. One
as-of date for all of it. The workbook modules never import this package: a
sample is data handed to them, like a user's.

- :mod:`~kam_xl.samples.records` — every account once: its one record (owner, industry,
  relationship type, contacts, scores, ledger), which the portfolio row, the plan and the
  customer file are all made from, so they agree;
- :mod:`~kam_xl.samples.accounts` — the portfolio table and its ledger;
- :mod:`~kam_xl.samples.portfolio` — the table as the portfolio workbook takes it;
- :mod:`~kam_xl.samples.account_plan`, :mod:`~kam_xl.samples.customer_file`,
  :mod:`~kam_xl.samples.development` — one account's plan and file, the pipeline.
"""

from __future__ import annotations

from datetime import date

__all__ = ["SAMPLE_AS_OF", "SAMPLE_SEED"]

SAMPLE_SEED = 20261123
SAMPLE_AS_OF = date(2026, 9, 30)  # the demo's as-of date
