"""The main job on the bundled sample: score the portfolio and its receivables.

Writes the scored portfolio and the per-account receivables as CSV (UTF-8 with
BOM, so Excel opens the Chinese text correctly) and returns a short summary.
Existing files are never overwritten unless ``force`` is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from kam_xl.errors import KamError
from kam_xl.indicators import REGISTRY
from kam_xl.models import Model, active_model
from kam_xl.portfolio import score_portfolio
from kam_xl.sample import localise_headers, sample_ledger, sample_portfolio

__all__ = ["DEMO_AS_OF", "DemoResult", "run_demo"]

DEMO_AS_OF = date(2026, 9, 30)


@dataclass(frozen=True)
class DemoResult:
    files: tuple[Path, ...]
    scores: pd.DataFrame
    receivables: pd.DataFrame
    problems: int

    def summary(self, lang: str) -> str:
        def counts(key: str) -> str:
            vc = self.scores[key].value_counts(sort=False)
            return "  ".join(f"{label} {n}" for label, n in vc.sort_index().items())

        zh = lang == "zh"
        lines = [
            f"{'客户数' if zh else 'Accounts'}: {len(self.scores)}",
            *(
                f"{REGISTRY[k].name(lang)}: {counts(k)}"
                for k in ("tier", "abc", "pyramid", "barrier_level", "credit_rating")
                if k in self.scores
            ),
            f"{'应收余额合计' if zh else 'Total outstanding'}: {self.receivables['outstanding'].sum():,.2f}",
            f"{'账务问题' if zh else 'Ledger problems'}: {self.problems}",
            *(f"{'已写入' if zh else 'Wrote'} {p}" for p in self.files),
        ]
        return "\n".join(lines)


def run_demo(out: Path, lang: str = "zh", force: bool = False, model: Model | None = None) -> DemoResult:
    from kam_xl.core.receivables import receivables  # the heavier half of the core

    model = model or active_model()
    targets = (out / "portfolio-scores.csv", out / "receivables.csv")
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise KamError(
            "out",
            f"文件已存在，未覆盖：{names}（加 --force 覆盖）",
            f"files exist, not overwritten: {names} (use --force to replace)",
        )
    portfolio = sample_portfolio(model=model)
    invoices, receipts = sample_ledger(portfolio, DEMO_AS_OF)
    rec = receivables(invoices, receipts, DEMO_AS_OF, model=model)
    table = portfolio.set_index("account")
    table["dso"] = rec.accounts["dso"]
    table["overdue_ratio"] = rec.accounts["overdue_ratio"]
    scores = score_portfolio(localise_headers(table.reset_index(), lang, model), model, lang)
    out.mkdir(parents=True, exist_ok=True)
    shown = scores.rename(columns={k: REGISTRY[k].name(lang) for k in scores.columns})
    shown.to_csv(targets[0], encoding="utf-8-sig")
    rec.accounts.to_csv(targets[1], encoding="utf-8-sig")
    return DemoResult(targets, scores, rec.accounts, len(rec.problems))
