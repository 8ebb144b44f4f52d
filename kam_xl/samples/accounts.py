"""The sample portfolio table and its invoice and receipt ledger.

Reproducible (a fixed seed) so that the demo, the README and the tests see the
same 36 accounts. Each row is one account's :class:`~kam_xl.jobs.account_record.AccountRecord`
(:mod:`kam_xl.samples.records`) as the portfolio takes it: revenue is the trailing-period
sales of the account's ledger, the wall criteria share and contact what the core's rules
make of its share of wallet and its contacts — the same record its plan and customer file
are made from.
"""

from __future__ import annotations

import zlib
from datetime import date

import numpy as np
import pandas as pd

from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_AS_OF, SAMPLE_SEED
from kam_xl.samples.records import account_index, sample_account, sample_accounts

__all__ = ["localise_headers", "sample_industries", "sample_ledger", "sample_portfolio"]

# Input columns besides the scorecard criteria and wall criteria, with their
# headers in each language (the portfolio reader accepts either).
_HEADERS = {
    "account": ("客户名称", "Account"),
    "industry": ("行业", "Industry"),
    "revenue": ("销售额", "Revenue"),
    "technical": ("技术壁垒", "Technical barrier"),
    "commercial": ("商务壁垒", "Commercial barrier"),
    "procedural": ("程序性转换成本", "Procedural switching cost"),
    "financial": ("财务性转换成本", "Financial switching cost"),
    "relational": ("关系性转换成本", "Relational switching cost"),
    "current_value": ("当前价值", "Current value"),
    "potential_value": ("潜在价值", "Potential value"),
    "margin": ("年毛利", "Annual margin"),
    "retention": ("保留率", "Retention rate"),
    "discount": ("折现率", "Discount rate"),
}


def sample_portfolio(
    n: int = 36, model: Model | None = None, seed: int = SAMPLE_SEED, as_of: date = SAMPLE_AS_OF
) -> pd.DataFrame:
    """A portfolio table with model codes as column names (see :func:`localise_headers`): each account's
    record's portfolio row (without DSO and overdue ratio: :func:`kam_xl.samples.portfolio.portfolio`
    adds them) and the portfolio's own inputs (value, margin, retention, discount)."""
    model = model or active_model()
    rows = []
    for a in sample_accounts(n, model, seed, as_of):
        row = a.record.portfolio_row(model)
        del row["dso"], row["overdue_ratio"]
        rows.append(row | a.portfolio)
    return pd.DataFrame(rows)


def sample_industries(table: pd.DataFrame, model: Model | None = None, seed: int = SAMPLE_SEED) -> pd.DataFrame:
    """The industry-selection sheet's rows for the industries of ``table``: scores on the model's IMSC
    industry card (reproducible per industry name), and the team's choice (是/否) for every other
    industry — some of which the scores contradict, as seed 002's starred 金融 does."""
    model = model or active_model()
    card = model.scorecard("imsc_industry")
    names = list(dict.fromkeys(str(x) for x in table["industry"].dropna()))
    rows = []
    for i, name in enumerate(names):
        rng = np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])
        scores = rng.integers(int(card.scale_min), int(card.scale) + 1, len(card.criteria))
        rows.append({"industry": name, **{c.code: float(s) for c, s in zip(card.criteria, scores, strict=True)},
                     "stated": ("是", "否")[i // 2 % 2] if i % 2 == 0 else None})  # fmt: skip
    return pd.DataFrame(rows)


def localise_headers(table: pd.DataFrame, lang: str, model: Model | None = None) -> pd.DataFrame:
    """Rename model-code columns to the headers a user sees in ``lang``."""
    model = model or active_model()
    names = {k: (zh if lang == "zh" else en) for k, (zh, en) in _HEADERS.items()}
    for c in (*model.scorecard().criteria, *model.barrier.wall_criteria):
        names[c.code] = c.text(lang)
    return table.rename(columns=names)


def sample_ledger(
    portfolio: pd.DataFrame, as_of: date = SAMPLE_AS_OF, seed: int = SAMPLE_SEED, model: Model | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The invoices and receipts of the sample accounts in ``portfolio`` (by name) over the 15 months to
    ``as_of``: each account's record's ledger, the very rows its customer file holds. An account the
    sample does not have adds no rows."""
    found = [account_index(str(name)) for name in portfolio["account"]]
    frames = [sample_account(i, model, seed, as_of).record.ledger_frames() for i in found if i is not None]
    if not frames:
        frames = [sample_account(0, model, seed, as_of).record.ledger_frames()]
        return frames[0][0].iloc[:0], frames[0][1].iloc[:0]
    return (
        pd.concat([f[0] for f in frames], ignore_index=True),
        pd.concat([f[1] for f in frames], ignore_index=True),
    )
