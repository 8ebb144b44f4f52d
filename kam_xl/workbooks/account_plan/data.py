"""What an account plan holds: the plan, its repeated items, and the fixed choice lists its cells offer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from kam_xl.core.plans import STATUSES
from kam_xl.models.schema import Label

__all__ = [
    "ACTION_ROWS",
    "COMPETITOR_ROWS",
    "CONTACT_ROWS",
    "DISC",
    "FABE_ROWS",
    "LINE_ROWS",
    "NEED_KINDS",
    "NEED_ROWS",
    "PHASES",
    "SPARE",
    "STAGES",
    "STATUSES",
    "TYPES",
    "AccountPlan",
    "Action",
    "Commitment",
    "Competitor",
    "Contact",
    "GrowthStep",
    "Month",
    "MonthlyPlan",
    "Need",
    "ProductLine",
    "Resource",
    "Swot",
    "ValueProposition",
    "WalletLine",
    "block_rows",
]

# Fixed choice lists (not model parameters): code, zh, en. STATUSES belong to the joint business plan's
# roll-ups (kam_xl.core.plans), which read them.
STAGES: tuple[Label, ...] = (
    Label("exploratory", "探索", "Exploratory"),
    Label("basic", "基础", "Basic"),
    Label("cooperative", "合作", "Cooperative"),
    Label("interdependent", "相互依存", "Interdependent"),
    Label("integrated", "整合", "Integrated"),
    Label("disintegrating", "衰退", "Disintegrating"),
)
TYPES: tuple[Label, ...] = (
    Label("ordinary", "普通", "Ordinary"),
    Label("partnership", "伙伴", "Partnership"),
    Label("strategic", "战略", "Strategic"),
)
PHASES: tuple[Label, ...] = (
    Label("plan", "计划(P)", "Plan (P)"),
    Label("do", "执行(D)", "Do (D)"),
    Label("check", "检查(C)", "Check (C)"),
    Label("act", "改进(A)", "Act (A)"),
)
NEED_KINDS: tuple[Label, ...] = (
    Label("explicit", "显性", "Explicit"),
    Label("implicit", "隐性", "Implicit"),
    Label("deep", "深藏", "Deep"),
)
DISC: tuple[Label, ...] = tuple(Label(x, x, x) for x in "DISC")

# Repeated items are fixed blocks of at least this many rows, with SPARE blank rows always left below
# the data: formulas cover the whole block, so a row the user fills in later counts at once. Contacts and
# actions are sized for a real account (a buying centre of dozens, a year's joint plan); a user who needs
# more inserts rows inside the block, and every total, count, validation and format grows with it.
CONTACT_ROWS, ACTION_ROWS, NEED_ROWS, FABE_ROWS, LINE_ROWS = 50, 100, 9, 5, 6
SPARE = 3


def block_rows(n_items: int, minimum: int) -> int:
    """Rows of a block holding ``n_items``: at least ``minimum``, and always SPARE blank ones."""
    return max(minimum, n_items + SPARE)


@dataclass(frozen=True)
class Contact:
    """A buying-centre contact; level, role and stance are model labels (code, zh or en)."""

    name: str | None = None
    title: str | None = None
    level: str | None = None
    role: str | None = None
    stance: str | None = None
    influence: float | None = None
    disc: str | None = None
    trust: float | None = None
    interest: float | None = None
    emotion: float | None = None
    reports_to: str | None = None  # another contact's name (the relationship map's line up)
    owner: str | None = None  # who on our side owns the contact (我方对接人)


# Competitors at the account (docs/definitions.md §2.16): a block of at least this many rows; the satisfaction grid
# has a column per row of the block.
COMPETITOR_ROWS = 4


@dataclass(frozen=True)
class Competitor:
    """A competitor at the account: its share of the account's spend (0–1), strengths, weaknesses, our USP
    against it (words), and the customer's scores for it keyed by satisfaction dimension (the model's codes)."""

    name: str | None = None
    share: float | None = None
    strengths: str | None = None
    weaknesses: str | None = None
    usp: str | None = None
    scores: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Action:
    """A joint-business-plan action; phase and status are codes or labels of PHASES / STATUSES."""

    action: str | None = None
    owner: str | None = None
    phase: str | None = None
    start: date | None = None
    due: date | None = None
    budget: float | None = None
    spent: float | None = None
    status: str | None = None


@dataclass(frozen=True)
class Need:
    """An iceberg need: kind (explicit / implicit / deep), need = expectation − status quo."""

    kind: str | None = None
    need: str | None = None
    expectation: str | None = None
    status_quo: str | None = None


@dataclass(frozen=True)
class ValueProposition:
    """One FABE line: feature, advantage, benefit, evidence."""

    feature: str | None = None
    advantage: str | None = None
    benefit: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class ProductLine:
    name: str | None = None
    sales: float | None = None


@dataclass(frozen=True)
class Resource:
    """Recommended resources for one tier (in the model's tier order)."""

    sponsor: str | None = None
    service: str | None = None
    visits: str | None = None
    team: str | None = None


@dataclass(frozen=True)
class Swot:
    strengths: str | None = None
    weaknesses: str | None = None
    opportunities: str | None = None
    threats: str | None = None


@dataclass(frozen=True)
class AccountPlan:
    """One account's plan. Keyed inputs use model codes: ``scores`` by criterion of the
    tier scorecard, ``wall`` by wall criterion, ``perceived`` / ``expected`` by
    satisfaction dimension. Anything missing stays a blank input cell. Numbers may
    be given as text (``"¥1,200"``) and dates as text or Excel serials, as
    :mod:`kam_xl.cells` reads them."""

    account: str | None = None
    industry: str | None = None
    owner: str | None = None
    as_of: date | None = None
    period: str | None = None
    sales_target: float | None = None
    share_target: float | None = None
    goal: str | None = None
    relationship_strategy: str | None = None
    cooperation: str | None = None
    scores: Mapping[str, float | None] = field(default_factory=dict)
    contacts: Sequence[Contact] = ()
    swot: Swot = Swot()
    stage: str | None = None
    relationship_type: str | None = None
    our_sales: float | None = None
    total_spend: float | None = None
    product_lines: Sequence[ProductLine] = ()
    perceived: Mapping[str, float | None] = field(default_factory=dict)
    expected: Mapping[str, float | None] = field(default_factory=dict)
    needs: Sequence[Need] = ()
    value_propositions: Sequence[ValueProposition] = ()
    wall: Mapping[str, float | None] = field(default_factory=dict)
    technical: float | None = None
    commercial: float | None = None
    procedural: float | None = None
    financial: float | None = None
    relational: float | None = None
    actions: Sequence[Action] = ()
    resources: Sequence[Resource] = ()  # one per tier; empty = the defaults
    monthly: MonthlyPlan = field(default_factory=lambda: MonthlyPlan())  # the monthly business plan sheet
    # profitability and return (#10): the cost of our sales to the account and the budget of the resources
    # it is given beside the actions' budgets (its cost to serve)
    cost_of_sales: float | None = None
    resource_budget: float | None = None
    # competitors at the account (§2.16): the list, and how much the customer cares about each satisfaction
    # dimension (keyed by the model's codes, on the satisfaction scale)
    competitors: Sequence[Competitor] = ()
    importance: Mapping[str, float | None] = field(default_factory=dict)


# ---------------------------------------------------------------- the monthly business plan (seed 003)


@dataclass(frozen=True)
class Month:
    """One month of the plan year: target, actual and last year's same month for sales, gross profit and
    collections (blank = not set / not yet reported), and the month's key actions."""

    sales_target: float | None = None
    sales: float | None = None
    sales_last_year: float | None = None
    profit_target: float | None = None
    profit: float | None = None
    profit_last_year: float | None = None
    collections_target: float | None = None
    collections: float | None = None
    collections_last_year: float | None = None
    key_actions: str | None = None


@dataclass(frozen=True)
class WalletLine:
    """A product line's wallet: the account's total spend on it and our sales of it (this plan year)."""

    product_line: str | None = None
    total_spend: float | None = None
    our_sales: float | None = None


@dataclass(frozen=True)
class GrowthStep:
    """One of the five growth steps (in seed 003's order): owner, done (True / 是 / Yes), note."""

    owner: str | None = None
    done: bool | str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Commitment:
    """A joint-business-plan item with both sides' owners and commitments; status a code or label of STATUSES."""

    item: str | None = None
    our_owner: str | None = None
    customer_owner: str | None = None
    customer_commitment: str | None = None
    our_commitment: str | None = None
    due: date | None = None
    status: str | None = None


@dataclass(frozen=True)
class MonthlyPlan:
    """The monthly business plan of one plan year: up to 12 months (January first), wallet lines, the five
    growth steps, the joint plan's commitments."""

    year: int | None = None
    months: Sequence[Month] = ()
    wallet: Sequence[WalletLine] = ()
    steps: Sequence[GrowthStep] = ()
    commitments: Sequence[Commitment] = ()
