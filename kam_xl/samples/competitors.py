"""Sample competitors at an account (竞争分析, seed 002) and the relationship map's lines (reports to, our owner).

Fictitious industrial-automation suppliers — none is a real company — each with its share of the account's
spend (what our share of wallet leaves, never more), the customer's scores for it on the satisfaction
dimensions (around ours, each supplier stronger somewhere), its strengths and weaknesses, and our USP against
it in words, written from the criteria where the customer needs it and we lead (docs/definitions.md §2.16).
Reproducible: everything is drawn from the generator the caller passes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from kam_xl.core import competition
from kam_xl.models import Model
from kam_xl.workbooks.account_plan import AccountPlan, Competitor, Contact

__all__ = ["OUR_TEAM", "competitors", "importance", "link_contacts", "with_competitors"]

_T = tuple[str, str]  # (zh, en)

# name, strengths, weaknesses; the dimension each is strongest on (its scores lean up there)
_SUPPLIERS: tuple[tuple[_T, _T, _T, str], ...] = (
    (("华德电气", "Huade Electric"), ("品牌知名度高，产品线全", "well-known brand, full range"),
     ("交期长，小批量响应慢", "long lead times, slow on small orders"), "quality"),
    (("瑞博自动化", "Ruibo Automation"), ("价格低，本地库存充足", "low prices, local stock"),
     ("技术支持薄弱，高端型号少", "thin technical support, few high-end models"), "price"),
    (("西蒙斯工控", "Simmons Industrial Controls"), ("系统集成能力强，与设计院关系好", "strong integration, close to design institutes"),
     ("价格高，售后网点少", "expensive, few service points"), "technical_service"),
    (("艾必森机电", "Abison Mechatronics"), ("交付快，配合灵活", "fast delivery, flexible"),
     ("质量波动，缺少行业案例", "uneven quality, few industry references"), "delivery"),
)  # fmt: skip

# our side of the relationship map: the account's owner takes the decision level, these the rest
OUR_TEAM: tuple[_T, ...] = (("技术支持 周工", "Zhou (technical support)"), ("客服 陈敏", "Chen Min (service)"),
                            ("区域经理 刘洋", "Liu Yang (regional manager)"))  # fmt: skip


def _t(pair: _T, lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def importance(rng: np.random.Generator, model: Model) -> dict[str, float]:
    """How much the customer cares about each satisfaction dimension (on the satisfaction scale)."""
    s = model.satisfaction
    return {d.code: float(np.clip(rng.integers(5, 11), s.scale_min, s.scale_max)) for d in s.dimensions}


def competitors(
    rng: np.random.Generator,
    model: Model,
    our_share: float,
    ours: Mapping[str, float | None],
    needs: Mapping[str, float],
    lang: str,
) -> list[Competitor]:
    """Two or three competitors, the main one (largest share) first; their shares together with ``our_share``
    at most 1 (the rest other suppliers)."""
    s = model.satisfaction
    codes = [d.code for d in s.dimensions]
    n = int(rng.integers(2, 4))
    picked = rng.choice(len(_SUPPLIERS), size=n, replace=False)
    left = max(0.0, 1.0 - our_share) * float(rng.uniform(0.7, 0.95))
    split = np.sort(rng.dirichlet(np.ones(n) * 2.0))[::-1]
    shares = [float(np.floor(left * x * 100) / 100) for x in split]  # rounded down: never above what is left
    out = []
    for k, i in enumerate(picked):
        name, strong, weak, best = _SUPPLIERS[int(i)]
        scores: dict[str, float | None] = {}
        for c in codes:
            base = ours.get(c)
            centre = 6.5 if base is None else float(base)
            bump = 1.5 if c == best else 0.0
            scores[c] = float(np.clip(round(centre + bump + rng.normal(-0.5, 1.3)), s.scale_min, s.scale_max))
        out.append(Competitor(_t(name, lang), shares[k], _t(strong, lang), _t(weak, lang),
                              _usp_text(model, ours, scores, needs, lang), scores))  # fmt: skip
    return out


def _usp_text(
    model: Model,
    ours: Mapping[str, float | None],
    theirs: Mapping[str, float | None],
    needs: Mapping[str, float],
    lang: str,
) -> str | None:
    """Our USP against a competitor in words: the needed criteria where we lead by the model's margin."""
    dims = [d for d in model.satisfaction.dimensions if ours.get(d.code) is not None]
    if not dims:
        return None
    flags = competition.usp([needs[d.code] for d in dims], [ours[d.code] for d in dims],
                            [theirs[d.code] for d in dims], model)  # fmt: skip
    ahead = [d.text(lang) for d, f in zip(dims, flags.tolist(), strict=True) if f == 1]
    if not ahead:
        return "暂无明显优势，需补强" if lang == "zh" else "No clear edge yet: to be built"
    return (
        ("、".join(ahead) + "：客户重视且对手不及我方")
        if lang == "zh"
        else (", ".join(ahead) + ": the customer cares and they can't match us")
    )


def link_contacts(contacts: Sequence[Contact], model: Model, owner: str | None, lang: str) -> list[Contact]:
    """Each contact's line up (a contact of the level above; the top level reports to no one listed) and our
    owner (the account's owner for the top level, the team in turn below it)."""
    levels = [x.code for x in model.buying_centre.levels]
    labels = {x.code: (x.zh, x.en) for x in model.buying_centre.levels}

    def level_of(c: Contact) -> int | None:
        for code in levels:
            if c.level is not None and c.level in (code, *labels[code]):
                return levels.index(code)
        return None

    out = []
    for k, c in enumerate(contacts):
        lv = level_of(c)
        above = None if lv in (None, 0) else next((x.name for x in contacts if level_of(x) == lv - 1), None)
        ours = owner if lv == 0 else _t(OUR_TEAM[k % len(OUR_TEAM)], lang)
        out.append(replace(c, reports_to=above, owner=ours))
    return out


def with_competitors(
    plan: AccountPlan, rng: np.random.Generator, model: Model, our_share: float, lang: str
) -> AccountPlan:
    """``plan`` with its competitors, the customer's importance per criterion and the contacts' lines."""
    needs = importance(rng, model)
    return replace(
        plan,
        importance=needs,
        competitors=competitors(rng, model, our_share, plan.perceived, needs, lang),
        contacts=link_contacts(plan.contacts, model, plan.owner, lang),
    )
