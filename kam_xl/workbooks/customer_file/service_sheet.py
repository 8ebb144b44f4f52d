"""The service sheet (服务记录 / Service log) — docs/definitions.md §2.17, seeds 000, 001, 002.

Seed 001's customer-service database (客户服务数据库: 服务记录、投诉处理) as a log of records — praise,
suggestions and complaints at their stage (抱怨 → 投诉 → 危机) — with each record's status, response and
closure days; above it the contact indicators of seed 002 (联络类: praise, complaint and suggestion counts)
with the open records and mean days per type, the churn risk signals of seed 000's fire prevention
(防火式服务: falling orders, overdue, open complaints, a lost decision maker), the visit cadence against
the tier's frequency, and for a lost account its reason and win-back plan (流失原因 / 挽回策略). Every
figure is a registry entry's formula (:mod:`kam_xl.indicators.service`) cached with the core's value
(:mod:`kam_xl.core.service`). Where each cell is: :mod:`.places`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from kam_xl.core import service, tally
from kam_xl.core.service import COMPLAINT_TYPES, SERVICE_TYPES
from kam_xl.workbooks.book import RED, Book
from kam_xl.workbooks.canvas import Sheet, quoted
from kam_xl.workbooks.customer_file.data import CustomerFile, ServiceFile, rows_for
from kam_xl.workbooks.customer_file.forms import Spec, choice, classed, table, value_of
from kam_xl.workbooks.customer_file.labels import LABELS, SHEETS
from kam_xl.workbooks.customer_file.ledger import LedgerView
from kam_xl.workbooks.customer_file.orders import OrdersLaidOut
from kam_xl.workbooks.customer_file.places import (
    AS_OF_CELL,
    LISTS_FIRST,
    ORDERS_AMOUNT,
    ORDERS_DATE,
    SERVICE_CELLS,
    SERVICE_HEADER,
    VISITS_DATE,
    Places,
    indicator_cells,
)
from kam_xl.workbooks.customer_file.sheets import COMPANY_FIELDS, COMPANY_FIRST_ROW
from kam_xl.workbooks.labels import COMMON, fit_height
from kam_xl.xlformulas.common import YES_NO, label
from kam_xl.xlformulas.service import negative

__all__ = ["service_sheet"]

_C = SERVICE_CELLS
_MONTHS, _DROP, _OVERDUE = "KAM_SERVICE_ORDERS_MONTHS", "KAM_SERVICE_ORDERS_DROP", "KAM_SERVICE_OVERDUE_RATIO_AT"
_MEDIUM, _HIGH = "KAM_SERVICE_RISK_MEDIUM", "KAM_SERVICE_RISK_HIGH"
_WIDTHS = (18, 14, 10, 34, 12, 17, 12, 16, 15, 9, 9)  # F: the contact classes beside the counts


def _abs(cell: str) -> str:
    col = cell.rstrip("0123456789")
    return f"${col}${cell[len(col) :]}"


def _blank(x: object) -> object:
    return "" if isinstance(x, float) and np.isnan(x) else x


def _yes(value: bool | None, lang: str) -> str | None:
    return None if value is None else YES_NO["zh" if lang == "zh" else "en"][0 if value else 1]


def service_sheet(
    book: Book,
    data: CustomerFile | None,
    view: LedgerView,
    places: Places,
    orders: OrdersLaidOut,
) -> None:
    """Lay the sheet out: panels (rows 3–17), then the log from :data:`~.places.SERVICE_HEADER`."""
    ws = book.sheet(SHEETS["service"], widths=_WIDTHS)
    lang = book.lang
    info = data.service if data else ServiceFile()
    name = data.company.name if data and data.company.name else ""
    book.title(ws, "A1", f"{book.t(LABELS['service_log'])} — {name}" if name else LABELS["service_log"])
    book.label(ws, "A2", LABELS["service_hint"], header=False)
    ws.merge("A2:K2")
    ws.height(2, 30)

    # the log first: the panels above count it
    records = info.records
    n = rows_for(len(records), "service", data is None)
    first, last = SERVICE_HEADER + 1, SERVICE_HEADER + n
    contacts = data.contacts if data else []
    c_first = COMPANY_FIRST_ROW + len(COMPANY_FIELDS) + 3  # the basic sheet's contacts: form, caption, header
    c_last = c_first + rows_for(len(contacts), "contacts", data is None) - 1
    basic = quoted(book.t(SHEETS["basic"]))
    spec: Spec = (
        ("date", "date", 12), ("contact", f"list:={basic}!$A${c_first}:$A${c_last}", 14),
        ("kind:service_kind", "fixed:service", 10), ("subject", "text", 30), ("received:received_on", "date", 12),
        ("first_response", "date", 12), ("closed:closed_on", "date", 12), ("owner", "text", 12),
    )  # fmt: skip
    table(book, ws, SERVICE_HEADER, spec, records, n)
    kinds = [value_of(book, "fixed:service", r.kind) for r in records] + [None] * (n - len(records))
    received = [value_of(book, "date", r.received) for r in records] + [None] * (n - len(records))
    answered = [value_of(book, "date", r.first_response) for r in records] + [None] * (n - len(records))
    closed = [value_of(book, "date", r.closed) for r in records] + [None] * (n - len(records))
    for col, key in (("I", "status"), ("J", "response_days"), ("K", "closure_days")):
        book.label(ws, f"{col}{SERVICE_HEADER}", LABELS[key])
    # the narrow days columns' headings wrap ("Response days"): the header row tall enough to show them
    ws.height(
        SERVICE_HEADER,
        fit_height([(book.t(LABELS[k]), _WIDTHS[j]) for j, k in ((9, "response_days"), (10, "closure_days"))]),
    )
    for i in range(n):
        r = first + i
        book.indicator(ws, f"I{r}", "service_status", f"C{r}", f"G{r}", lang,
                       value=service.service_status(kinds[i], closed[i], lang))  # fmt: skip
        resp = service.days_between(_day(received[i]), _day(answered[i])).item()
        book.indicator(ws, f"J{r}", "service_days", f"E{r}", f"F{r}", value=_blank(resp), fmt="int")
        shut = service.days_between(_day(received[i]), _day(closed[i])).item()
        book.indicator(ws, f"K{r}", "service_days", f"E{r}", f"G{r}", value=_blank(shut), fmt="int")
    book.colour_when(ws, f"J{first}:K{last}", negative(f"J{first}"), RED)
    ws.filter(f"A{SERVICE_HEADER}:K{last}")
    ws.print_titles(rows=f"{SERVICE_HEADER}:{SERVICE_HEADER}")

    cols = {k: f"${c}${first}:${c}${last}" for k, c in (("kind", "C"), ("received", "E"), ("first", "F"),
                                                        ("closed", "G"))}  # fmt: skip
    days = {k: [_day(x) for x in v] for k, v in (("received", received), ("first", answered), ("closed", closed))}
    opened = _counts(book, ws, kinds, cols, days)
    # the panels' header row: its longest caption (English) wraps in its column
    keys = ("service_kind", "times", "open_records", "avg_response", "avg_closure")
    heads = [(book.t(LABELS[k]), ws.widths.get(j + 1, 8.43)) for j, k in enumerate(keys)]
    heads.append((book.t(LABELS["churn"]), ws.widths.get(7, 8.43) + ws.widths.get(8, 8.43)))
    ws.height(3, fit_height(heads))
    as_of = view.as_of
    _churn(book, ws, data, places, orders, as_of, view, opened)
    _cadence(book, ws, data, info, places, as_of)
    _lost(book, ws, info)


def _day(value: object) -> object:
    """A date cell's value for the core: a date, else blank (text typed in a date cell is no date)."""
    return value if isinstance(value, date) else None


def _counts(book: Book, ws: Sheet, kinds: list[Any], col: dict[str, str], days: dict[str, list[Any]]) -> float:
    """Each type's count, open records and mean days; the complaints' total. Returns the open complaints."""
    lang = book.lang
    book.label(ws, "A3", LABELS["service_kind"])
    for c, key in (("B", "times"), ("C", "open_records"), ("D", "avg_response"), ("E", "avg_closure")):
        book.label(ws, f"{c}3", LABELS[key])
    opened = 0.0
    counts_rows = []
    counts: dict[str, float] = {}
    for i, lab in enumerate(SERVICE_TYPES):
        r = 4 + i
        shown = lab.text(lang)
        book.label(ws, f"A{r}", (lab.zh, lab.en), header=False)
        count = counts[lab.code] = tally.count_of(kinds, shown)
        book.indicator(ws, f"B{r}", "count_of", col["kind"], f"A{r}", value=count, fmt="int")
        still = service.open_count(kinds, shown, days["closed"])
        book.indicator(ws, f"C{r}", "open_count", col["kind"], f"A{r}", col["closed"], value=still, fmt="int")
        for c, end in (("D", "first"), ("E", "closed")):
            mean = service.avg_days(kinds, shown, days["received"], days[end])
            book.indicator(ws, f"{c}{r}", "avg_days", col["kind"], f"A{r}", col["received"], col[end],
                           value=_blank(mean), fmt="score")  # fmt: skip
        if lab.code in COMPLAINT_TYPES:
            opened += still
            counts_rows.append(count)
    book.label(ws, "A9", LABELS["complaints_total"], header=False)
    complaints = tally.total(counts_rows)
    book.indicator(ws, "B9", "total", "B6:B8", value=complaints, fmt="int")
    book.indicator(ws, "C9", "total", "C6:C8", value=opened, fmt="int")
    # seed 002's contact indicators (联络类) classed by the model's bands: praise, suggestions, all complaints
    book.label(ws, "F3", LABELS["class"])
    for measure, key, n in (("praise_count", "praise", counts["praise"]),
                            ("suggestion_count", "suggestion", counts["suggestion"]),
                            ("complaint_count", "complaints", complaints)):  # fmt: skip
        cell = _C[f"count_{key}" if key != "complaints" else key]
        classed(book, ws, _C[f"class_{key}"], cell, measure, n)
    return opened


def _orders_cells(book: Book, data: CustomerFile | None) -> tuple[list[Any], list[Any]]:
    items = data.orders if data else []
    return [value_of(book, "date", o.date) for o in items], [value_of(book, "money", o.amount) for o in items]


def _churn(book: Book, ws: Sheet, data: CustomerFile | None, places: Places, orders: OrdersLaidOut,
           as_of: date | None, view: LedgerView, opened: float) -> None:  # fmt: skip
    """The churn signals (values in I, signals in J), their count and the risk level."""
    lang, sv = book.lang, book.model.service
    book.label(ws, "G3", LABELS["churn"])
    ws.merge("G3:H3")
    book.label(ws, "I3", LABELS["value"])
    book.label(ws, "J3", LABELS["signal"])
    rows = ("orders_recent", "orders_before", "orders_fall", "overdue_ratio_signal", "open_complaints",
            "decision_maker_lost", "signals_raised", "churn_risk")  # fmt: skip
    for i, key in enumerate(rows):
        book.label(ws, f"G{4 + i}", LABELS[key], header=False)
        ws.merge(f"G{4 + i}:H{4 + i}")
    day = places.summary_cell(AS_OF_CELL)
    dates_ref = f"{orders.sheet}!${ORDERS_DATE}${orders.first}:${ORDERS_DATE}${orders.last}"
    amounts_ref = f"{orders.sheet}!${ORDERS_AMOUNT}${orders.first}:${ORDERS_AMOUNT}${orders.last}"
    dates, amounts = _orders_cells(book, data)
    dates = [_day(d) for d in dates]
    months = sv.orders_months
    nan = float("nan")
    recent = service.orders_in_window(dates, amounts, as_of, 0, months) if as_of else nan
    before = service.orders_in_window(dates, amounts, as_of, months, months) if as_of else nan
    change = service.orders_change(recent, before)
    book.indicator(ws, _C["orders_recent"], "orders_in_window", dates_ref, amounts_ref, day, "0", _MONTHS,
                   value=_blank(recent), fmt="money")  # fmt: skip
    book.indicator(ws, _C["orders_before"], "orders_in_window", dates_ref, amounts_ref, day, _MONTHS, _MONTHS,
                   value=_blank(before), fmt="money")  # fmt: skip
    at = {k: _abs(_C[k]) for k in _C}
    book.indicator(ws, _C["orders_change"], "orders_change", at["orders_recent"], at["orders_before"],
                   value=_blank(change), fmt="percent")  # fmt: skip
    s_orders = service.churn_signal(change, sv.orders_drop, below=True)
    book.indicator(ws, _C["signal_orders"], "churn_signal", at["orders_change"], _DROP, True, value=s_orders,
                   fmt="int")  # fmt: skip
    ratio = view.figures.get("overdue_ratio", "")
    book.reference(ws, _C["overdue_ratio"], places.summary_cell(indicator_cells(book.model)["overdue_ratio"]),
                   ratio, "percent")  # fmt: skip
    s_overdue = service.churn_signal(np.nan if ratio == "" else ratio, sv.overdue_ratio_at)
    book.indicator(ws, _C["signal_overdue"], "churn_signal", at["overdue_ratio"], _OVERDUE, value=s_overdue,
                   fmt="int")  # fmt: skip
    book.reference(ws, _C["open_complaints_ref"], at["open_complaints"], opened, "int")
    s_complaints = service.churn_signal(opened, 1)
    book.indicator(ws, _C["signal_complaints"], "churn_signal", at["open_complaints_ref"], "1",
                   value=s_complaints, fmt="int")  # fmt: skip
    info = data.service if data else ServiceFile()
    said = _yes(info.decision_maker_lost, lang)
    book.input(ws, _C["decision_maker_lost"], said)
    book.fixed_choices(ws, _C["decision_maker_lost"], list(YES_NO["zh" if lang == "zh" else "en"]))
    s_dm = service.yes_flag(said, lang)
    book.indicator(ws, _C["signal_decision_maker"], "yes_flag", at["decision_maker_lost"], lang, value=s_dm,
                   fmt="int")  # fmt: skip
    count = s_orders + s_overdue + s_complaints + s_dm
    book.indicator(ws, _C["risk_count"], "total", "$J$6:$J$9", value=float(count), fmt="int")
    level = service.risk_level(count, sv.risk_medium, sv.risk_high, lang)
    book.indicator(ws, _C["risk_level"], "risk_level", at["risk_count"], _MEDIUM, _HIGH, lang, value=level)
    book.band_colours(ws, _C["risk_level"], [x.text(lang) for x in service.RISK_LEVELS])


def _cadence(
    book: Book, ws: Sheet, data: CustomerFile | None, info: ServiceFile, places: Places, as_of: date | None
) -> None:
    """The tier (input), its visits due a quarter, the process log's visits in the latest quarter, behind."""
    lang, model = book.lang, book.model
    book.label(ws, "G13", LABELS["cadence"])
    ws.merge("G13:J13")
    for i, key in enumerate(("tier", "visits_due", "visits_done", "visits_behind_flag")):
        book.label(ws, f"G{14 + i}", LABELS[key], header=False)
        ws.merge(f"G{14 + i}:H{14 + i}")
    tier = choice(info.tier, model.tiers, lang)
    book.input(ws, _C["tier"], tier)
    book.choices(ws, _C["tier"], label("KAM_TIER_LEVELS", lang))
    due = service.visits_required(tier, model)
    book.indicator(ws, _C["visits_due"], "visits_required", _abs(_C["tier"]), lang, value=_blank(due), fmt="int")
    visits = data.visits if data else []
    n = rows_for(len(visits), "visits", data is None)
    process = quoted(book.t(SHEETS["process"]))
    ref = f"{process}!${VISITS_DATE}${LISTS_FIRST}:${VISITS_DATE}${LISTS_FIRST + n - 1}"
    dates = [_day(value_of(book, "date", v.date)) for v in visits]
    done = service.visits_in_window(dates, as_of, 3) if as_of else float("nan")
    day = places.summary_cell(AS_OF_CELL)
    book.indicator(ws, _C["visits_done"], "visits_in_window", ref, day, "3", value=_blank(done), fmt="int")
    behind = service.visits_behind(done, due)
    book.indicator(ws, _C["visits_behind"], "visits_behind", _abs(_C["visits_done"]), _abs(_C["visits_due"]),
                   value=behind, fmt="int")  # fmt: skip
    cell = _C["visits_behind"]
    book.colour_when(ws, cell, f"{cell}=1", RED)


def _lost(book: Book, ws: Sheet, info: ServiceFile) -> None:
    """For a lost account: lost (是/否), the reason's category, the win-back plan, its owner and date."""
    lang = book.lang
    book.label(ws, "A11", LABELS["lost_account"])
    ws.merge("A11:E11")
    yes_no = list(YES_NO["zh" if lang == "zh" else "en"])
    rows = (
        ("lost", LABELS["lost"], _yes(info.lost, lang), "general"),
        ("lost_reason", LABELS["lost_reason"], choice(info.lost_reason, service.LOST_REASONS, lang), "general"),
        ("win_back", LABELS["win_back"], info.win_back, "general"),
        ("win_back_owner", COMMON["owner"], info.win_back_owner, "general"),
        ("win_back_date", LABELS["win_back_date"], info.win_back_date, "date"),
    )
    for key, caption, value, fmt in rows:
        cell = _C[key]
        r = int(cell[1:])
        book.label(ws, f"A{r}", caption, header=False)
        book.input(ws, cell, value, fmt)
        ws.merge(f"B{r}:E{r}")
    book.fixed_choices(ws, _C["lost"], yes_no)
    book.fixed_choices(ws, _C["lost_reason"], [x.text(lang) for x in service.LOST_REASONS])
    book.text_limit(ws, _C["win_back"])
    book.text_limit(ws, _C["win_back_owner"])
    book.dates(ws, _C["win_back_date"])
    ws.height(int(_C["win_back"][1:]), 30)
