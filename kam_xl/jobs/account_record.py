"""One account as a rep starts it: the one record its portfolio row and both of its workbooks are filled from.

The portfolio row, the account plan and the customer file of an account share its name,
code, industry, owner (the key-account manager), relationship type, as-of date, contacts,
our sales and its invoice and receipt ledger. All three are made from one
:class:`AccountRecord` (:meth:`~AccountRecord.portfolio_row`, :meth:`~AccountRecord.to_account_plan`,
:meth:`~AccountRecord.to_customer_file`), so they cannot tell three stories: with a ledger,
our sales are its trailing-period sales and the portfolio's DSO and overdue ratio are what
the core's receivables functions make of it — the figures the customer file's formulas show.

The record holds inputs only. What the workbooks compute (score, tier, wall,
barrier strength, share of wallet …) is left to their formulas; a tier *stated*
(``--tier``, or the tier a portfolio computed) is checked against the scores by
:meth:`~AccountRecord.checked` — with scores they must agree, without scores the
stated tier is kept as a note in the customer file until the scorecard is filled in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from kam_xl.cells import is_blank
from kam_xl.core import barriers, buying_centre, scorecard, wallet
from kam_xl.core.bands import lookup
from kam_xl.errors import InputError, KamError, Position
from kam_xl.models import Model
from kam_xl.models.schema import Label
from kam_xl.workbooks.account_plan import AccountPlan
from kam_xl.workbooks.account_plan import Contact as PlanContact
from kam_xl.workbooks.customer_file import (
    INDUSTRIES,
    RELATIONSHIP_TYPES,
    Company,
    CustomerFile,
    ImportantInfo,
    Invoice,
    Receipt,
    Supplier,
)
from kam_xl.workbooks.customer_file import Contact as FileContact
from kam_xl.workbooks.customer_file.forms import choice

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COMPONENTS", "OUR_COMPANY", "AccountRecord", "Person", "read_ledgers"]

_LEDGER = ("name", "invoices", "receipts", "as_of", "credit_limit")  # what a record's ledger figures follow from

COMPONENTS = ("technical", "commercial", "procedural", "financial", "relational")  # barrier inputs, 0 to the scale
OUR_COMPANY = ("本公司", "Our company")  # our row in the customer file's supplier table


@dataclass(frozen=True)
class Person:
    """One contact at the account, as both workbooks know them: the plan's buying-centre row (level, role,
    stance, influence, DISC, trust / interest / emotion 0–2) and the customer file's contact row
    (department, title, authority, phone, e-mail, personality, hobbies). Level, role and stance are model
    codes or labels."""

    name: str
    title: str | None = None
    department: str | None = None
    level: str | None = None
    role: str | None = None
    stance: str | None = None
    influence: float | None = None
    disc: str | None = None
    trust: float | None = None
    interest: float | None = None
    emotion: float | None = None
    authority: str | None = None
    phone: str | None = None
    email: str | None = None
    personality: str | None = None
    hobbies: str | None = None

    def relationship(self) -> float | None:
        """The core's relationship score (trust + interest + emotion, 0–6), None while one is blank (the plan's
        formula is blank too)."""
        parts = (self.trust, self.interest, self.emotion)
        return None if any(x is None for x in parts) else float(buying_centre.relationship(*parts))

    def for_plan(self) -> PlanContact:
        return PlanContact(self.name, self.title, self.level, self.role, self.stance, self.influence, self.disc,
                           self.trust, self.interest, self.emotion)  # fmt: skip

    def for_file(self) -> FileContact:
        return FileContact(self.name, self.department, self.title, self.level, self.role, self.authority,
                           self.phone, self.email, self.personality, self.hobbies)  # fmt: skip


@dataclass(frozen=True)
class AccountRecord:
    """One account's inputs. ``scores`` are keyed by the tier scorecard's criterion codes, ``wall`` by
    wall-criterion code; ``relationship`` and ``tier`` are a code or a label in either language;
    ``sales`` is our sales to the account (trailing 12 months), ``total_spend`` its total spend in our
    category. ``contacts`` are the account's people; ``invoices`` and ``receipts`` its ledger (with a
    ledger, ``sales`` is its trailing-period sales: given and different is an error). ``source`` says
    where the record was read (a portfolio's cell), for messages."""

    name: str
    code: str | None = None
    industry: str | None = None
    owner: str | None = None
    tier: str | None = None
    relationship: str | None = None
    sales: float | None = None
    total_spend: float | None = None
    scores: Mapping[str, float | None] = field(default_factory=dict)
    wall: Mapping[str, float | None] = field(default_factory=dict)
    technical: float | None = None
    commercial: float | None = None
    procedural: float | None = None
    financial: float | None = None
    relational: float | None = None
    as_of: date | None = None
    contacts: Sequence[Person] = ()
    invoices: Sequence[Invoice] = ()
    receipts: Sequence[Receipt] = ()
    credit_limit: float | None = None
    source: Position | None = None
    _figures: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)  # by model hash

    # ------------------------------------------------------------ checks

    def checked(self, model: Model) -> AccountRecord:
        """The record with its choices as codes (relationship, tier); a blank name, an unknown choice
        or a stated tier the scores contradict is a :class:`KamError`."""
        if is_blank(self.name):
            raise InputError("account", "客户名称为空", "the account name is blank", self.source)
        rel = self.relationship
        if not is_blank(rel):
            rel = RELATIONSHIP_TYPES[self._index(rel, RELATIONSHIP_TYPES, "relationship")].code
        tier = self.tier
        if not is_blank(tier):
            k = self._index(tier, model.tiers, "tier")
            tier = model.tiers[k].code
            computed = self.computed_tier(model)
            if computed is not None and computed != k:
                stated, found = model.tiers[k], model.tiers[computed]
                raise InputError(
                    "tier",
                    f"给定的客户等级 “{stated.zh}” 与按评分计算的 “{found.zh}” 不符（评分卡得分 "
                    f"{self.score(model):.2f}）；请改正评分或等级",
                    f"the tier given, '{stated.en}', disagrees with the tier the scores give, '{found.en}' "
                    f"(score {self.score(model):.2f}); correct the scores or the tier",
                    self.source,
                )
        if self.sales is not None and self.invoices:
            from_ledger = self.ledger_sales(model)
            if abs(float(self.sales) - from_ledger) > 0.005:
                raise InputError(
                    "sales",
                    f"给定的销售额 {float(self.sales):,.2f} 与发票台账的本期销售额 {from_ledger:,.2f} 不符；请改正其一",
                    f"the sales given, {float(self.sales):,.2f}, differ from the ledger's sales for the period, "
                    f"{from_ledger:,.2f}; correct one of them",
                    self.source,
                )
        return replace(self, name=str(self.name).strip(), relationship=rel or None, tier=tier or None)

    def _index(self, value: object, labels: Sequence[Label], field_: str) -> int:
        try:
            return int(lookup([value], labels, field_)[0])
        except KamError as exc:
            raise exc.at(self.source) from None

    def complete_scores(self, model: Model) -> np.ndarray | None:
        """The scorecard's scores in the model's order (NaN = blank), or None while the plan's score
        stays blank: a score missing (the model's ``missing = "error"``) or all of them ("zero")."""
        codes = [c.code for c in model.scorecard().criteria]
        unknown = sorted(set(self.scores) - set(codes))
        if unknown:
            raise InputError(
                "scores", f"未知的评分项代码：{', '.join(unknown)}（可用：{', '.join(codes)}）",
                f"unknown criterion codes: {', '.join(unknown)} (known: {', '.join(codes)})", self.source,
            )  # fmt: skip
        values = np.array([np.nan if self.scores.get(c) is None else self.scores[c] for c in codes], dtype=float)
        blank = np.isnan(values)
        return None if (blank.all() if model.missing == "zero" else blank.any()) else values

    def score(self, model: Model) -> float | None:
        """The 0–100 scorecard score the plan's formula gives (None while a score is missing)."""
        scores = self.complete_scores(model)
        return None if scores is None else float(scorecard.score(scores, model.scorecard(), model))

    def computed_tier(self, model: Model) -> int | None:
        """The tier (its index in the model's tiers) the scores give, None while a score is missing."""
        value = self.score(model)
        return None if value is None else int(scorecard.tier_index(value, model))

    # ------------------------------------------------------------ the ledger and what follows from it

    def ledger_frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The ledger as the core's receivables functions take it (the ``account`` column is the name)."""
        import pandas as pd  # the heavier half: only when a ledger is read

        inv = pd.DataFrame(
            [(self.name, i.number, i.invoice_date, i.due_date, i.amount) for i in self.invoices],
            columns=["account", "invoice", "invoice_date", "due_date", "amount"],
        )
        rec = pd.DataFrame(
            [(self.name, r.invoice, r.receipt_date, r.amount) for r in self.receipts],
            columns=["account", "invoice", "receipt_date", "amount"],
        )
        return inv, rec

    def ledger_figures(self, model: Model) -> Mapping[str, Any] | None:
        """The core's receivables figures of the ledger as of the record's date (``sales``, ``dso``,
        ``overdue_ratio``, ``rating`` …), None without invoices or an as-of date."""
        if not self.invoices or self.as_of is None:
            return None
        if model.content_hash not in self._figures:  # a record's ledger is read once per model
            from kam_xl.core.receivables import receivables

            inv, rec = self.ledger_frames()
            limits = None if self.credit_limit is None else {self.name: self.credit_limit}
            result = receivables(inv, rec, self.as_of, credit_limits=limits, model=model)
            self._figures[model.content_hash] = dict(result.accounts.loc[self.name])
        return self._figures[model.content_hash]

    def ledger_sales(self, model: Model) -> float:
        """The ledger's sales over the model's period to the as-of date (the customer file's 本期销售额)."""
        figures = self.ledger_figures(model)
        return 0.0 if figures is None else float(figures["sales"])

    def our_sales(self, model: Model) -> float | None:
        """Our sales to the account: the ledger's for the period when there is a ledger, else as given."""
        return self.ledger_sales(model) if self.invoices and self.as_of is not None else self.sales

    def wallet_share(self, model: Model) -> float | None:
        """Our sales / the account's total spend (the plan's share of wallet), None while one is unknown."""
        ours = self.our_sales(model)
        if ours is None or self.total_spend is None:
            return None
        return float(wallet.share_of_wallet(ours, self.total_spend))

    def coverage(self, model: Model) -> float | None:
        """The buying centre's level coverage over the contacts with a level and a relationship (the plan's)."""
        known = [(c.level, c.relationship()) for c in self.contacts if c.level and c.relationship() is not None]
        if not known:
            return None
        levels, rel = zip(*known, strict=True)
        return float(buying_centre.coverage(list(levels), list(rel), model))

    def computed_wall(self, model: Model) -> dict[str, float]:
        """The wall criteria the plan computes (share from the share of wallet, contact from the level
        coverage), by code, where the record holds what they follow from."""
        out: dict[str, float] = {}
        share, cover = self.wallet_share(model), self.coverage(model)
        if share is not None:
            out["share"] = float(barriers.wall_share_score(share, model))
        if cover is not None:
            out["contact"] = float(barriers.wall_contact_score(cover, model))
        return out

    def wall_scores(self, model: Model) -> dict[str, float | None]:
        """Every wall criterion as the plan shows it: a given value, else the computed one."""
        computed = self.computed_wall(model)
        return {w.code: self.wall.get(w.code, computed.get(w.code)) for w in model.barrier.wall_criteria}

    def portfolio_row(self, model: Model) -> dict[str, object]:
        """The account's inputs of the portfolio table, by model code: name, industry, owner, criterion scores,
        our sales (``revenue``), wall criteria (the computed ones computed), barrier components, and the outstanding
        amount, DSO and overdue ratio from the ledger (blank without one)."""
        figures = self.ledger_figures(model)
        row: dict[str, object] = {"account": self.name, "industry": self.industry, "owner": self.owner}
        row |= {c.code: self.scores.get(c.code) for c in model.scorecard().criteria}
        row["revenue"] = self.our_sales(model)
        row |= self.wall_scores(model)
        row |= {k: getattr(self, k) for k in COMPONENTS}
        row["outstanding"] = None if figures is None else float(figures["outstanding"])
        row["dso"] = None if figures is None else float(figures["dso"])
        row["overdue_ratio"] = None if figures is None else float(figures["overdue_ratio"])
        return row

    def updated(self, **changes: Any) -> AccountRecord:
        """The record with ``changes`` (as :func:`dataclasses.replace`), keeping the ledger figures already
        read when the ledger, name, date and credit limit stay as they are."""
        new = replace(self, **changes)
        if not set(changes) & set(_LEDGER):
            new._figures.update(self._figures)
        return new

    # ------------------------------------------------------------ the two workbooks

    def industry_text(self, lang: str) -> str | None:
        """The industry as both workbooks show it: a listed industry's label in ``lang``, other text as given."""
        shown = choice(self.industry, INDUSTRIES, lang)
        return None if shown is None else str(shown)

    def to_account_plan(self, model: Model, lang: str = "zh") -> AccountPlan:
        """The account plan's inputs: overview, scorecard, contacts, relationship type, share-of-wallet and
        barrier inputs. A wall criterion the plan computes is left to its formula unless the record states a
        different value (then that value is the plan's override)."""
        computed = self.computed_wall(model)
        wall = {k: v for k, v in self.wall.items() if v is None or k not in computed or computed[k] != float(v)}
        return AccountPlan(
            account=self.name,
            industry=self.industry_text(lang),
            owner=self.owner,
            as_of=self.as_of,
            scores=dict(self.scores),
            contacts=[c.for_plan() for c in self.contacts],
            relationship_type=self.relationship,
            our_sales=self.our_sales(model),
            total_spend=self.total_spend,
            wall=wall,
            **{k: getattr(self, k) for k in COMPONENTS},
        )

    def to_customer_file(self, model: Model, lang: str = "zh") -> CustomerFile:
        """The customer file's company form (name, code, industry, relationship, manager, updated), contacts,
        ledger and credit limit and, when our sales and the account's total spend are known, our row of its
        supplier table."""
        suppliers = []
        share = self.wallet_share(model)  # the plan's share of wallet
        if share is not None:
            suppliers.append(Supplier(name=OUR_COMPANY[0 if lang == "zh" else 1], wallet_share=share))
        notes = None
        if self.tier is not None and self.computed_tier(model) is None:
            t = next(x for x in model.tiers if x.code == self.tier)
            notes = (
                f"客户等级（给定，待评分卡确认）：{t.zh}"
                if lang == "zh"
                else f"Tier (as given, to be confirmed by the scorecard): {t.en}"
            )
        company = Company(
            name=self.name,
            code=self.code,
            industry=self.industry_text(lang),
            relationship=self.relationship,
            manager=self.owner,
            updated=self.as_of,
            notes=notes,
        )
        return CustomerFile(
            company=company,
            contacts=[c.for_file() for c in self.contacts],
            important=ImportantInfo(suppliers=suppliers),
            invoices=list(self.invoices),
            receipts=list(self.receipts),
            credit_limit=self.credit_limit,
            as_of=self.as_of,
        )


def read_ledgers(records: Sequence[AccountRecord], model: Model) -> None:
    """Read the ledgers of many records in one pass of the core (as one ledger: every record its own
    account), so each record's :meth:`~AccountRecord.ledger_figures` is there at once. Records need
    distinct names and one as-of date."""
    import pandas as pd

    todo = [r for r in records if r.invoices and r.as_of is not None and model.content_hash not in r._figures]
    if not todo:
        return
    dates = {r.as_of for r in todo}
    names = [r.name for r in todo]
    if len(dates) > 1 or len(set(names)) < len(names):
        for r in todo:
            r.ledger_figures(model)
        return
    from kam_xl.core.receivables import receivables

    frames = [r.ledger_frames() for r in todo]
    inv = pd.concat([f[0] for f in frames], ignore_index=True)
    rec = pd.concat([f[1] for f in frames], ignore_index=True)
    limits = {r.name: r.credit_limit for r in todo if r.credit_limit is not None}
    as_of = todo[0].as_of
    assert as_of is not None  # todo holds only records with a ledger and an as-of date
    accounts = receivables(inv, rec, as_of, credit_limits=limits or None, model=model).accounts
    for r in todo:
        r._figures[model.content_hash] = dict(accounts.loc[r.name])
