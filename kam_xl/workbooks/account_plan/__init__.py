"""The account plan workbook (大客户战略管理计划) — docs/definitions.md §2.12, §3.

One workbook per key account: overview, scorecard and tier, buying centre,
diagnosis (SWOT, share of wallet, order structure, relationship stage,
satisfaction), needs and value proposition (FABE), barriers, action plan
(PDCA / joint business plan) and resource matching by tier, plus the Model
sheet. Every computed cell is a live formula rendered by a registry entry
(:mod:`kam_xl.indicators`), cached with what the core computes for the same
inputs, or a cell showing one computed elsewhere.

Repeated items (contacts, actions, needs, product lines) are fixed blocks with
spare blank rows; formulas cover the whole block, so a row the user fills in
later counts at once.

The package by concern: :mod:`.data` (the plan and its choice lists),
:mod:`.labels` (its texts), :mod:`.layout` (the book and the state the sheets
share), one module per sheet or group of sheets (:mod:`.scorecard` with the
buying centre, :mod:`.diagnosis` with the needs, :mod:`.barriers`,
:mod:`.actions` with the resources, :mod:`.overview`) and :mod:`.build`.
"""

from __future__ import annotations

from kam_xl.workbooks.account_plan.build import build, write
from kam_xl.workbooks.account_plan.data import (
    ACTION_ROWS,
    COMPETITOR_ROWS,
    CONTACT_ROWS,
    DISC,
    FABE_ROWS,
    LINE_ROWS,
    NEED_KINDS,
    NEED_ROWS,
    PHASES,
    STAGES,
    STATUSES,
    TYPES,
    AccountPlan,
    Action,
    Competitor,
    Contact,
    Need,
    ProductLine,
    Resource,
    Swot,
    ValueProposition,
)
from kam_xl.workbooks.account_plan.labels import KIND, LABELS, SHEETS
from kam_xl.workbooks.account_plan.layout import PlanBook

__all__ = [
    "ACTION_ROWS",
    "COMPETITOR_ROWS",
    "CONTACT_ROWS",
    "DISC",
    "FABE_ROWS",
    "KIND",
    "LABELS",
    "LINE_ROWS",
    "NEED_KINDS",
    "NEED_ROWS",
    "PHASES",
    "SHEETS",
    "STAGES",
    "STATUSES",
    "TYPES",
    "AccountPlan",
    "Action",
    "Competitor",
    "Contact",
    "Need",
    "PlanBook",
    "ProductLine",
    "Resource",
    "Swot",
    "ValueProposition",
    "build",
    "write",
]
