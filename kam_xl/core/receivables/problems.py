"""The ledger's problems, never dropped and never raised: one row per problem found, and each row's flag.

``unknown_invoice`` — a receipt whose account has no invoice with that number
(or no number): it is *not* applied and is summed per account as
``unapplied_receipts``; ``overpaid`` — receipts of one invoice, taken in date
order, that take its cumulative receipts above its amount; ``before_invoice`` —
a receipt dated before its invoice; ``duplicate_invoice`` — each repeat of an
invoice number within an account. The last three are applied as given.

:func:`invoice_flags` and :func:`receipt_flags` name a row's problems in the
model's language, as the customer file's problem columns show them
(``xlformulas.receivables.invoice_problems`` / ``receipt_problems``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from kam_xl.cells import is_blank
from kam_xl.core.receivables.ledger import Ledger, prepare
from kam_xl.core.receivables.period import DAY0
from kam_xl.core.receivables.rows import ReceiptFacts

__all__ = [
    "FLAG_SEPARATOR",
    "PROBLEM_COLUMNS",
    "PROBLEM_KINDS",
    "PROBLEM_LABELS",
    "duplicate_invoices",
    "invoice_flags",
    "problem_label",
    "problems",
    "receipt_flags",
]

PROBLEM_COLUMNS = ("source", "row", "account", "invoice", "kind", "message_zh", "message_en", "amount")
PROBLEM_KINDS = ("duplicate_invoice", "unknown_invoice", "before_invoice", "overpaid")
# a row's flag: each kind, and a row of a sheet that is filled in but incomplete or invalid
PROBLEM_LABELS: dict[str, tuple[str, str]] = {
    "unknown_invoice": ("未知发票", "Unknown invoice"),
    "before_invoice": ("收款早于开票", "Receipt before invoice"),
    "overpaid": ("超过未收余额", "Exceeds open amount"),
    "duplicate_invoice": ("重复发票号", "Duplicate invoice no."),
    "not_counted": ("未计入：信息不全或有误", "Not counted: incomplete or invalid"),
}
FLAG_SEPARATOR: tuple[str, str] = ("；", "; ")


def problem_label(kind: str, lang: str) -> str:
    """A problem's flag text in ``lang`` (``zh`` or ``en``)."""
    zh, en = PROBLEM_LABELS[kind] if kind in PROBLEM_LABELS else FLAG_SEPARATOR
    return zh if lang == "zh" else en


def _filled(inputs: Sequence[Sequence[object]]) -> np.ndarray:
    """Rows with anything typed in (COUNTA > 0)."""
    return np.array([any(not is_blank(v) for v in row) for row in inputs], dtype=bool)


def invoice_flags(
    duplicate: Iterable[bool], counted: Iterable[bool], inputs: Sequence[Sequence[object]], lang: str
) -> np.ndarray:
    """Each invoice row's flag: "duplicate invoice no." for a counted repeat of a number, "not counted"
    for a row filled in but not counted, else ``""``."""
    dup, nc = problem_label("duplicate_invoice", lang), problem_label("not_counted", lang)
    return np.array(
        [
            (dup if d else "") if ok else (nc if f else "")
            for d, ok, f in zip(duplicate, counted, _filled(inputs), strict=True)
        ],
        dtype=object,
    )


def receipt_flags(
    unknown: Iterable[bool],
    before: Iterable[bool],
    overpaid: Iterable[bool],
    counted: Iterable[bool],
    inputs: Sequence[Sequence[object]],
    lang: str,
) -> np.ndarray:
    """Each receipt row's flags, joined: unknown invoice; or before its invoice and/or over its open
    amount; "not counted" for a row filled in but not counted; else ``""``."""
    sep, nc = problem_label("flag_sep", lang), problem_label("not_counted", lang)
    out = []
    for u, b, o, ok, f in zip(unknown, before, overpaid, counted, _filled(inputs), strict=True):
        if not ok:
            out.append(nc if f else "")
        elif u:
            out.append(problem_label("unknown_invoice", lang))
        else:
            out.append(sep.join(problem_label(k, lang) for k, on in (("before_invoice", b), ("overpaid", o)) if on))
    return np.array(out, dtype=object)


def duplicate_invoices(invoices: pd.DataFrame) -> np.ndarray:
    """Which invoice rows repeat a number an earlier row of the account has (the first is not a repeat)."""
    led = prepare(invoices, None)
    return led.first[led.ik] != np.arange(len(led.ik))


# ---------------------------------------------------------------- the report


def _money_text(x: float) -> str:
    return f"{x:,.2f}"


def _day_text(days: np.ndarray) -> np.ndarray:
    return np.datetime_as_string(DAY0 + days, unit="D")


def _pick(frame: pd.DataFrame, col: str, pos: np.ndarray) -> np.ndarray:
    """The values of a few rows: picked before converting, not the whole column converted then picked."""
    return frame[col].iloc[pos].to_numpy(dtype=object)


def _problem_rows(
    source: str, frame: pd.DataFrame, pos: np.ndarray, kind: str, zh: list[str], en: list[str], amount: np.ndarray
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": source,
            "row": frame.index[pos].to_numpy(),
            "account": _pick(frame, "account", pos),
            "invoice": _pick(frame, "invoice", pos),
            "kind": kind,
            "message_zh": zh,
            "message_en": en,
            "amount": amount,
            "_pos": pos,
        }
    )


def _duplicates(led: Ledger) -> pd.DataFrame:
    pos = np.flatnonzero(led.first[led.ik] != np.arange(len(led.ik)))
    first_rows = led.inv.index[led.first[led.ik[pos]]].to_numpy()
    inv = _pick(led.inv, "invoice", pos)
    zh = [
        f"发票号 {i} 在同一客户下重复（首次出现在第 {r} 行）；按同一张发票核销收款"
        for i, r in zip(inv, first_rows, strict=True)
    ]
    en = [
        f"invoice {i} is repeated for this account (first at row {r}); receipts are applied to them as one invoice"
        for i, r in zip(inv, first_rows, strict=True)
    ]
    return _problem_rows("invoices", led.inv, pos, "duplicate_invoice", zh, en, led.ai[pos])


def _unknown(led: Ledger) -> pd.DataFrame:
    pos = np.flatnonzero(~led.known)
    blank = led.rec_blank[pos]
    inv = _pick(led.rec, "invoice", pos)
    zh = [
        "收款未填发票号：未核销，计入未核销收款" if b else f"该客户的发票台账中没有发票号 {i}：未核销，计入未核销收款"
        for i, b in zip(inv, blank, strict=True)
    ]
    en = [
        "the receipt has no invoice number: not applied, counted as unapplied receipts"
        if b
        else f"invoice {i} is not in this account's invoices: not applied, counted as unapplied receipts"
        for i, b in zip(inv, blank, strict=True)
    ]
    return _problem_rows("receipts", led.rec, pos, "unknown_invoice", zh, en, led.ar[pos])


def _before_invoice(led: Ledger, facts: ReceiptFacts) -> pd.DataFrame:
    pos = np.flatnonzero(facts.before_invoice)
    got, inv_day = _day_text(led.dr[pos]), _day_text(facts.key_date[led.rk[pos]])
    inv = _pick(led.rec, "invoice", pos)
    zh = [f"收款日期 {g} 早于发票 {i} 的开票日期 {d}" for g, i, d in zip(got, inv, inv_day, strict=True)]
    en = [f"receipt dated {g} is before invoice {i} dated {d}" for g, i, d in zip(got, inv, inv_day, strict=True)]
    return _problem_rows("receipts", led.rec, pos, "before_invoice", zh, en, led.ar[pos])


def _overpaid(led: Ledger, facts: ReceiptFacts) -> pd.DataFrame:
    pos = np.flatnonzero(facts.overpaid)
    amt = led.ar[pos]
    open_before = facts.total[pos] - facts.cumulative[pos] + amt
    inv = _pick(led.rec, "invoice", pos)
    texts = [(i, _money_text(a), _money_text(o)) for i, a, o in zip(inv, amt, open_before, strict=True)]
    zh = [f"收款 {a} 超过发票 {i} 当时的未收余额 {o}" for i, a, o in texts]
    en = [f"receipt {a} exceeds the {o} then open on invoice {i}" for i, a, o in texts]
    return _problem_rows("receipts", led.rec, pos, "overpaid", zh, en, amt)


def problems(led: Ledger, facts: ReceiptFacts) -> pd.DataFrame:
    """One row per problem (:data:`PROBLEM_COLUMNS`): invoices first, then receipts, in row order."""
    parts = [_duplicates(led), _unknown(led), _before_invoice(led, facts), _overpaid(led, facts)]
    frame = pd.concat(parts, ignore_index=True)
    order = np.lexsort(
        (
            frame["kind"].map({k: i for i, k in enumerate(PROBLEM_KINDS)}).to_numpy(),
            frame["_pos"].to_numpy(),
            (frame["source"] == "receipts").to_numpy(),
        )
    )
    return frame.iloc[order].drop(columns="_pos").reset_index(drop=True)
