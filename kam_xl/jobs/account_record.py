"""One account as a rep starts it: the one record both of its workbooks are filled from.

The account plan and the customer file of a new account share its name, code,
industry, owner (the key-account manager), relationship type, as-of date and our
sales. Both are made from one :class:`AccountRecord` (:meth:`~AccountRecord.to_account_plan`,
:meth:`~AccountRecord.to_customer_file`), so they cannot tell two stories.

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

import numpy as np

from kam_xl.cells import is_blank
from kam_xl.core import scorecard, wallet
from kam_xl.core.bands import lookup
from kam_xl.errors import InputError, KamError, Position
from kam_xl.models import Model
from kam_xl.models.schema import Label
from kam_xl.workbooks.account_plan import AccountPlan
from kam_xl.workbooks.customer_file import (
    INDUSTRIES,
    RELATIONSHIP_TYPES,
    Company,
    CustomerFile,
    ImportantInfo,
    Supplier,
)
from kam_xl.workbooks.customer_file.forms import choice

__all__ = ["COMPONENTS", "OUR_COMPANY", "AccountRecord"]

COMPONENTS = ("technical", "commercial", "procedural", "financial", "relational")  # barrier inputs, 0 to the scale
OUR_COMPANY = ("本公司", "Our company")  # our row in the customer file's supplier table


@dataclass(frozen=True)
class AccountRecord:
    """One account's inputs. ``scores`` are keyed by the tier scorecard's criterion codes, ``wall`` by
    wall-criterion code; ``relationship`` and ``tier`` are a code or a label in either language;
    ``sales`` is our sales to the account (trailing 12 months), ``total_spend`` its total spend in our
    category. ``source`` says where the record was read (a portfolio's cell), for messages."""

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
    source: Position | None = None

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

    # ------------------------------------------------------------ the two workbooks

    def industry_text(self, lang: str) -> str | None:
        """The industry as both workbooks show it: a listed industry's label in ``lang``, other text as given."""
        shown = choice(self.industry, INDUSTRIES, lang)
        return None if shown is None else str(shown)

    def to_account_plan(self, model: Model, lang: str = "zh") -> AccountPlan:
        """The account plan's inputs: overview, scorecard, relationship type, share-of-wallet and barrier inputs."""
        return AccountPlan(
            account=self.name,
            industry=self.industry_text(lang),
            owner=self.owner,
            as_of=self.as_of,
            scores=dict(self.scores),
            relationship_type=self.relationship,
            our_sales=self.sales,
            total_spend=self.total_spend,
            wall=dict(self.wall),
            **{k: getattr(self, k) for k in COMPONENTS},
        )

    def to_customer_file(self, model: Model, lang: str = "zh") -> CustomerFile:
        """The customer file's company form (name, code, industry, relationship, manager, updated) and,
        when our sales and the account's total spend are known, our row of its supplier table."""
        suppliers = []
        if self.sales is not None and self.total_spend is not None:
            share = float(wallet.share_of_wallet(self.sales, self.total_spend))  # the plan's share of wallet
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
        return CustomerFile(company=company, important=ImportantInfo(suppliers=suppliers), as_of=self.as_of)
