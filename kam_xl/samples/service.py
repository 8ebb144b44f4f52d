"""Sample service records for a sample customer file (服务记录): praise, suggestions and complaints at their
stage (抱怨 → 投诉 → 危机), raised by the account's own contacts and handled by its key-account manager,
all dated within the ledger's period — reproducible from the file's seed.

A better account (the sample's latent quality) praises more and complains less; the latest complaint of
a weaker one may still be open, so its churn panel shows the signal. The tier is the account's computed
tier, so the visit cadence is checked against the tier the portfolio shows.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from kam_xl.models import Model
from kam_xl.samples.records import SampleAccount
from kam_xl.workbooks.customer_file import Contact, ServiceFile, ServiceRecord

__all__ = ["service_file"]

_SUBJECTS: dict[str, tuple[tuple[str, str], ...]] = {
    "praise": (("现场服务响应快，调试一次通过", "Fast field service, first-time pass"),
               ("交付准时，配合新线投产", "On time for the new line's start-up")),
    "suggestion": (("希望提供备件寄售库存", "Asks for consignment stock of spare parts"),
                   ("建议增加线上订单查询", "Suggests online order tracking")),
    "grumble": (("发货单据与实物数量不符", "Delivery note did not match goods"),
                ("技术支持电话等待时间长", "Long wait on the support line")),
    "complaint": (("一批产品到货开箱不良率偏高", "Out-of-box failures in one batch"),
                  ("交期延误两周影响客户生产", "Two-week delay held up production")),
    "crisis": (("批量质量问题导致客户停线", "Batch quality fault stopped the line"),),
}  # fmt: skip


def service_file(
    a: SampleAccount, contacts: list[Contact], manager: str | None, seed: int, model: Model, as_of: date, lang: str
) -> ServiceFile:
    """Records of the year to ``as_of`` for account ``a``: 3–8 of them, each raised by one of ``contacts``."""
    rng = np.random.default_rng([seed, a.index, 9])
    names = [c.name for c in contacts if c.name]
    good = a.quality
    n = int(rng.integers(3, 9))
    # kinds weighted by the account's quality: praise and suggestions for a good one, grumbles for a weak one
    weights = np.array([1 + 3 * good, 1.5, 2.5 - good, 1.5 - good, 0.15])
    kinds = rng.choice(["praise", "suggestion", "grumble", "complaint", "crisis"], size=n, p=weights / weights.sum())
    days = sorted(int(x) for x in rng.integers(5, 360, n))
    records = []
    for k, back in zip(kinds, reversed(days), strict=True):
        raised = as_of - timedelta(days=back)
        received = raised + timedelta(days=int(rng.integers(0, 2)))
        answer = None if k == "praise" else received + timedelta(days=int(rng.integers(0, 4 if k != "crisis" else 2)))
        # closed after some weeks; a recent complaint of a weaker account is still open
        length = int(rng.integers(1, 30 if k in ("complaint", "crisis") else 12))
        still_open = k in ("grumble", "complaint", "crisis") and back < 45 and rng.random() > good
        closed = None if still_open else min(received + timedelta(days=length), as_of)
        subject = _SUBJECTS[str(k)][int(rng.integers(len(_SUBJECTS[str(k)])))]
        records.append(
            ServiceRecord(
                date=raised,
                contact=names[int(rng.integers(len(names)))] if names else None,
                kind=str(k),
                subject=subject[0 if lang == "zh" else 1],
                received=received,
                first_response=answer,
                closed=closed,
                owner=manager,
            )
        )
    tier_index = a.record.computed_tier(model)
    tier = model.tiers[tier_index].code if tier_index is not None else None
    return ServiceFile(records=records, tier=tier, decision_maker_lost=bool(good < 0.25))
