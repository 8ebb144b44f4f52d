"""The sample portfolio table and its invoice and receipt ledger.

Reproducible (a fixed seed) so that the demo, the README and the tests see the
same 36 accounts. Names are invented from city and industry words; the
numbers are drawn so that better-scoring accounts tend to buy more, as in a
real portfolio, without any account being special-cased.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from kam_xl.models import Model, active_model
from kam_xl.samples import SAMPLE_SEED

__all__ = ["localise_headers", "sample_ledger", "sample_portfolio"]

_CITIES = ("华东", "中联", "宏远", "金桥", "恒信", "瑞丰", "北方", "南洋", "东方", "天成", "长江", "鼎盛")
_INDUSTRIES = (
    ("电气设备", "Electrical equipment"),
    ("仪器仪表", "Instruments"),
    ("机械制造", "Machinery"),
    ("建材", "Building materials"),
    ("钢铁", "Steel"),
    ("汽车零部件", "Auto parts"),
)
_SUFFIXES = ("有限公司", "股份有限公司", "集团有限公司")

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


def sample_portfolio(n: int = 36, model: Model | None = None, seed: int = SAMPLE_SEED) -> pd.DataFrame:
    """A portfolio table with model codes as column names (see :func:`localise_headers`)."""
    model = model or active_model()
    rng = np.random.default_rng(seed)
    card = model.scorecard()
    quality = rng.beta(2.2, 2.0, n)  # latent account quality in 0..1
    names = [
        f"{_CITIES[i % len(_CITIES)]}{_INDUSTRIES[i % len(_INDUSTRIES)][0]}{_SUFFIXES[(i // len(_CITIES)) % len(_SUFFIXES)]}"
        for i in range(n)
    ]
    table: dict[str, object] = {
        "account": names,
        "industry": [_INDUSTRIES[i % len(_INDUSTRIES)][0] for i in range(n)],
    }
    for c in card.criteria:
        noisy = quality * card.scale + rng.normal(0, 1.8, n)
        table[c.code] = np.clip(np.rint(noisy), 0, card.scale).astype(int)
    # Trailing-12-month revenue (¥): heavy-tailed, larger for better accounts.
    table["revenue"] = revenue = np.round(rng.lognormal(15.0 + 1.6 * quality, 0.7, n), -3)
    for w in model.barrier.wall_criteria:
        table[w.code] = np.clip(np.rint(quality * w.max + rng.normal(0, 0.6, n)), 0, w.max).astype(int)
    scale = model.barrier.component_scale
    for key in ("technical", "commercial", "procedural", "financial", "relational"):
        table[key] = np.clip(np.rint(quality * scale + rng.normal(0, 1.0, n)), 0, scale).astype(int)
    table["current_value"] = np.clip(np.rint(quality * 100 + rng.normal(0, 12, n)), 0, 100)
    table["potential_value"] = np.clip(np.rint(rng.uniform(10, 95, n)), 0, 100)
    table["margin"] = np.round(revenue * rng.uniform(0.12, 0.28, n), -2)
    table["retention"] = np.round(np.clip(0.55 + 0.4 * quality + rng.normal(0, 0.05, n), 0.3, 0.95), 2)
    table["discount"] = 0.10
    return pd.DataFrame(table)


def localise_headers(table: pd.DataFrame, lang: str, model: Model | None = None) -> pd.DataFrame:
    """Rename model-code columns to the headers a user sees in ``lang``."""
    model = model or active_model()
    names = {k: (zh if lang == "zh" else en) for k, (zh, en) in _HEADERS.items()}
    for c in (*model.scorecard().criteria, *model.barrier.wall_criteria):
        names[c.code] = c.text(lang)
    return table.rename(columns=names)


def sample_ledger(portfolio: pd.DataFrame, as_of: date, seed: int = SAMPLE_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Invoices and receipts for the sample accounts over the 15 months to ``as_of``.

    Monthly invoices sized from each account's revenue; most are paid within
    terms, some late, some still open — enough to give every rating a case.
    """
    rng = np.random.default_rng(seed + 1)
    accounts = portfolio["account"].to_numpy()
    revenue = portfolio["revenue"].to_numpy(dtype=float)
    lateness = rng.gamma(1.5, 12.0, accounts.size)  # each account's habit, in days
    inv_rows, rec_rows = [], []
    for a, (name, rev, late) in enumerate(zip(accounts, revenue, lateness, strict=True)):
        for k in range(15):
            inv_date = as_of - timedelta(days=int(30.4 * (15 - k)) - int(rng.integers(0, 20)))
            amount = round(float(rev / 12 * rng.uniform(0.6, 1.4)), 2)
            terms = int(rng.choice((30, 45, 60)))
            number = f"INV{a:03d}{k:02d}"
            inv_rows.append((name, number, inv_date, inv_date + timedelta(days=terms), amount))
            paid = inv_date + timedelta(days=terms + int(rng.normal(late, 8)))
            if paid <= as_of:
                rec_rows.append((name, number, max(paid, inv_date), amount))
    invoices = pd.DataFrame(inv_rows, columns=["account", "invoice", "invoice_date", "due_date", "amount"])
    receipts = pd.DataFrame(rec_rows, columns=["account", "invoice", "receipt_date", "amount"])
    return invoices, receipts
