"""Scoring a whole portfolio table: every indicator for every account at once.

The table has one row per account and a header row. Headers are matched by
the model's codes, Chinese or English names (``销售额`` / ``Revenue``,
``主推`` / ``Specified``, a scorecard criterion's name …), so a team's own
sheet works as long as its headers say what the columns hold. Each indicator is
computed for whole columns (no loop per row) by the core functions.

Sections other than the scorecard and the value are optional: an indicator is
computed when its input columns are present, and a row whose inputs for that
indicator are blank gets a blank result. Errors name the column header and
the row as a spreadsheet counts it (header = row 1).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from kam_xl.cells import to_float_array
from kam_xl.core import barriers, clv, pareto, pyramid, scorecard
from kam_xl.errors import InputError, KamError, Position
from kam_xl.models import Model, active_model
from kam_xl.reading import drop_totals

__all__ = ["INPUT_ALIASES", "OUTPUTS", "column_values", "resolve_columns", "score_portfolio"]

# Inputs that are not named by the model (criteria and wall criteria are).
INPUT_ALIASES: dict[str, tuple[str, ...]] = {
    "account": ("account", "客户", "客户名称", "公司", "name", "account name"),
    "revenue": ("revenue", "sales", "value", "销售额", "年销售额", "近12个月销售额", "trailing 12 month revenue"),
    "gross_profit": ("gross_profit", "gross profit", "毛利", "毛利额"),
    "score": ("score", "得分", "得分(0-100)", "score (0–100)"),
    "technical": ("technical", "技术壁垒", "technical barrier"),
    "commercial": ("commercial", "商务壁垒", "commercial barrier"),
    "switching": ("switching", "转换成本", "switching cost"),
    "procedural": ("procedural", "程序性转换成本", "procedural switching cost"),
    "financial": ("financial", "财务性转换成本", "financial switching cost"),
    "relational": ("relational", "关系性转换成本", "relational switching cost"),
    "strength": ("strength", "相对实力", "relative strength"),
    "current_value": ("current_value", "当前价值", "current value"),
    "potential_value": ("potential_value", "潜在价值", "potential value"),
    "margin": ("margin", "年毛利", "annual margin"),
    "retention": ("retention", "保留率", "retention rate"),
    "discount": ("discount", "折现率", "discount rate"),
    "horizon": ("horizon", "年限", "horizon (years)"),
    "dso": ("dso", "应收账款周转天数", "days sales outstanding"),
    "overdue_ratio": ("overdue_ratio", "逾期占比", "overdue ratio"),
}

OUTPUTS: tuple[str, ...] = (
    "score_raw", "score", "tier", "abc", "pyramid", "wall", "wall_ratio", "switching",
    "barrier", "barrier_level", "quadrant", "matrix", "clv", "credit_rating",
)  # fmt: skip


def _key(text: object) -> str:
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\s_\-/]+", " ", folded).strip()


def resolve_columns(columns: Sequence[object], model: Model) -> dict[str, object]:
    """Map each known input key to the table column that holds it."""
    names: dict[str, Iterable[str]] = dict(INPUT_ALIASES)
    card = model.scorecard()
    for c in card.criteria:
        names[f"criterion:{c.code}"] = (c.code, c.zh, c.en)
    for w in model.barrier.wall_criteria:
        names[f"wall:{w.code}"] = (w.code, w.zh, w.en)
    lookup: dict[str, str] = {}
    for key, aliases in names.items():
        for alias in aliases:
            lookup.setdefault(_key(alias), key)
    found: dict[str, object] = {}
    for col in columns:
        hit = lookup.get(_key(col))
        if hit is not None and hit not in found:
            found[hit] = col
    return found


def column_values(table: pd.DataFrame, col: object) -> np.ndarray:
    """One column of ``table`` as floats (NaN = blank); an error names the column and its row (header = row 1)."""
    try:
        return to_float_array(table[col].to_numpy(dtype=object) if table[col].dtype == object else table[col], str(col))
    except KamError as exc:
        item = exc.position.item if exc.position is not None else None
        if item is not None:
            exc.located(Position(row=item + 1))
        raise


def _index(pos: Position | None) -> tuple[int | None, int | None]:
    """The 1-based record and column a core error names (a one-row block 1×n names only its column)."""
    if pos is None:
        return None, None
    if pos.row is None and pos.item is None and pos.column is not None:
        return 1, pos.column
    return pos.row if pos.row is not None else pos.item, pos.column


def _locate(exc: KamError, column: str | Sequence[str], fields: dict[str, str] | None = None) -> KamError:
    """Place a core error at the table's column header and row (header = row 1).

    The header is the one holding the core's field (``retention`` → ``保留率``),
    else, for a block of columns (the criteria), the one at the error's column.
    """
    record, col = _index(exc.position)
    if fields and exc.field in fields:
        column = fields[exc.field]
    elif not isinstance(column, str):
        column = column[col - 1] if col else ", ".join(column)
    if record is not None:
        return exc.located(Position(header=column, row=record + 1))
    return exc.located(Position(header=column)) if exc.position is None else exc


def _rows(
    fn: Callable[[], np.ndarray], column: str | Sequence[str], fields: dict[str, str] | None = None
) -> np.ndarray:
    try:
        return fn()
    except KamError as exc:
        raise _locate(exc, column, fields) from None


def _partial(
    inputs: list[np.ndarray],
    fn: Callable[..., np.ndarray],
    n: int,
    *,
    text: bool = False,
    optional: Sequence[np.ndarray] = (),
) -> np.ndarray:
    """Apply ``fn`` to rows whose inputs are all present; blank elsewhere.

    ``optional`` inputs follow ``inputs`` in the call, taken for the same rows,
    and may be blank (the core gives a blank its default). An error about the
    k-th row given to ``fn`` is reported at that row's place in the whole table.
    """
    ok = np.ones(n, dtype=bool)
    for arr in inputs:
        ok &= ~np.isnan(arr).reshape(n, -1).any(axis=1)
    out = np.full(n, "" if text else np.nan, dtype=object if text else float)
    if ok.any():
        rows = np.flatnonzero(ok)
        try:
            out[ok] = fn(*[a[ok] for a in (*inputs, *optional)])
        except KamError as exc:
            record, col = _index(exc.position)
            if record is not None:  # the k-th row given → its row among all n
                exc.located(Position(item=int(rows[record - 1]) + 1, column=col))
            elif rows.size == 1:  # one row given: the core names no position
                exc.located(Position(item=int(rows[0]) + 1, column=col))
            raise
    return out


def score_portfolio(table: pd.DataFrame, model: Model | None = None, lang: str | None = None) -> pd.DataFrame:
    """Every indicator for every account of ``table``; columns keyed as :data:`OUTPUTS`.

    Indicators whose inputs are absent are left out; the account column, if
    any, becomes the index. A totals row (合计, Total … in the account or the
    first column) is not an account: it is left out, not scored nor ranked,
    and listed in ``result.attrs["skipped"]`` (:class:`kam_xl.reading.Skipped`).
    """
    model = model or active_model()
    lang = lang or model.language
    if len(table) == 0:
        raise InputError("table", "客户表没有数据行", "the account table has no rows")
    cols = resolve_columns(list(table.columns), model)
    labels = [cols["account"]] if "account" in cols else []
    kept, rows, skipped = drop_totals(table.reset_index(drop=True), np.arange(2, len(table) + 2), labels)
    try:
        frame = _score(kept, cols, model, lang)
    except KamError as exc:  # row k of the kept rows is the user's spreadsheet row rows[k - 2]
        pos = exc.position
        if skipped and pos is not None and pos.row is not None and 2 <= pos.row < len(rows) + 2:
            exc.located(replace(pos, row=int(rows[pos.row - 2])))
        raise
    frame.attrs["skipped"] = list(skipped)
    return frame


def _score(table: pd.DataFrame, cols: dict[str, object], model: Model, lang: str) -> pd.DataFrame:
    n = len(table)
    if n == 0:
        raise InputError("table", "客户表没有数据行", "the account table has no rows")
    # the header holding each core field, so that an error names the user's column
    fields = {key.replace("wall:", "wall."): str(col) for key, col in cols.items()}
    if "score" in cols:
        fields["attractiveness"] = str(cols["score"])
    out: dict[str, np.ndarray] = {}
    card = model.scorecard()

    crit_cols = [cols.get(f"criterion:{c.code}") for c in card.criteria]
    attractiveness = None
    if all(c is not None for c in crit_cols):
        scores = np.column_stack([column_values(table, c) for c in crit_cols])
        raw = _rows(lambda: scorecard.score_raw(scores, card, model), [str(c) for c in crit_cols], fields)
        out["score_raw"] = raw
        attractiveness = scorecard.normalise(raw, card)
        out["score"] = attractiveness
    elif any(c is not None for c in crit_cols):
        missing = [c.zh + "/" + c.en for c, col in zip(card.criteria, crit_cols, strict=True) if col is None]
        raise InputError(
            "table", f"缺少评分项列：{', '.join(missing)}", f"missing criterion columns: {', '.join(missing)}"
        )
    elif "score" in cols:
        attractiveness = column_values(table, cols["score"])
        out["score"] = attractiveness
    if attractiveness is not None:
        out["tier"] = _rows(
            lambda: scorecard.tier(attractiveness, model, lang), str(cols.get("score", "score")), fields
        )

    value_key = model.abc.value
    if value_key in cols:
        col = str(cols[value_key])
        values = column_values(table, cols[value_key])
        out["abc"] = _rows(lambda: pareto.abc(values, model, lang), col, fields)
        out["pyramid"] = _rows(lambda: pyramid.pyramid(values, model, lang), col, fields)

    wall_cols = [cols.get(f"wall:{w.code}") for w in model.barrier.wall_criteria]
    switching = None
    if all(c in cols for c in ("procedural", "financial", "relational")):
        parts = [column_values(table, cols[k]) for k in ("procedural", "financial", "relational")]
        switching = _rows(
            lambda: _partial(parts, lambda p, f, r: barriers.switching_cost(p, f, r, model=model), n),
            "switching",
            fields,
        )
        out["switching"] = switching
    elif "switching" in cols:
        switching = column_values(table, cols["switching"])
    strength = None
    if all(c is not None for c in wall_cols):
        walls = np.column_stack([column_values(table, c) for c in wall_cols])
        out["wall"] = _rows(lambda: _partial([walls], lambda w: barriers.wall(w, model), n), "wall", fields)
        out["wall_ratio"] = out["wall"] / model.barrier.wall_max
        if switching is not None and "technical" in cols and "commercial" in cols:
            t, c = column_values(table, cols["technical"]), column_values(table, cols["commercial"])
            strength = _rows(
                lambda: _partial(
                    [out["wall_ratio"], t, c, switching],
                    lambda w, t, c, s: barriers.barrier_strength(w, t, c, s, model=model),
                    n,
                ),
                "barrier",
                fields,
            )
            out["barrier"] = strength
            out["barrier_level"] = _partial([strength], lambda s: barriers.barrier_level(s, model, lang), n, text=True)
    if "strength" in cols:
        strength = column_values(table, cols["strength"])

    if "current_value" in cols and "potential_value" in cols:
        cur, pot = column_values(table, cols["current_value"]), column_values(table, cols["potential_value"])
        out["quadrant"] = _rows(
            lambda: _partial([cur, pot], lambda a, b: pyramid.quadrant(a, b, model, lang), n, text=True),
            "quadrant",
            fields,
        )
    if attractiveness is not None and strength is not None:
        att = attractiveness
        out["matrix"] = _rows(
            lambda: _partial([att, strength], lambda a, b: pyramid.matrix(a, b, model, lang), n, text=True),
            "matrix",
            fields,
        )

    if all(k in cols for k in ("margin", "retention", "discount")):
        m, r, d = (column_values(table, cols[k]) for k in ("margin", "retention", "discount"))
        # a blank horizon (or no horizon column) is NaN: the core reads it as the model's horizon
        h = column_values(table, cols["horizon"]) if "horizon" in cols else np.full(n, np.nan)
        out["clv"] = _rows(
            lambda: _partial([m, r, d], lambda m, r, d, h: clv.clv(m, r, d, h, model=model), n, optional=[h]),
            "clv",
            fields,
        )

    if "dso" in cols and "overdue_ratio" in cols:
        from kam_xl.core.receivables import credit_rating  # receivables is heavier; import on use

        dso_v, odr = column_values(table, cols["dso"]), column_values(table, cols["overdue_ratio"])

        def rate(dso_ok: np.ndarray, odr_ok: np.ndarray) -> np.ndarray:
            return np.atleast_1d(np.asarray(credit_rating(dso_ok, odr_ok, model, lang), dtype=object))

        out["credit_rating"] = _rows(lambda: _partial([dso_v, odr], rate, n, text=True), "credit_rating", fields)

    frame = pd.DataFrame({k: out[k] for k in OUTPUTS if k in out})
    if "account" in cols:
        frame.index = pd.Index(table[cols["account"]].astype(str).to_numpy(), name="account")
    return frame
