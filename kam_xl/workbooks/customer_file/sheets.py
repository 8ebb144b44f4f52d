"""The information sheets: basic (the company, key figures, contacts), important (organisation,
competitors, suppliers), core (our strategy and its effect) and the process log (visits, SPIN)."""

from __future__ import annotations

from kam_xl.workbooks.book import Book
from kam_xl.workbooks.customer_file.data import Company, CustomerFile, ImportantInfo
from kam_xl.workbooks.customer_file.forms import Spec, fields, head, letter, table
from kam_xl.workbooks.customer_file.labels import KIND, LABELS, SHEETS
from kam_xl.workbooks.labels import COMMON
from kam_xl.workbooks.model_sheet import model_dict

__all__ = ["COMPANY_FIELDS", "COMPANY_FIRST_ROW", "KEY_FIGURES", "basic", "important", "log"]

# the receivables figures shown beside the company form, with their number formats
KEY_FIGURES = {
    "credit_rating": "general",
    "outstanding": "money",
    "overdue": "money",
    "dso": "score",
    "credit_use": "percent",
}

_COMPANY: Spec = (
    ("name:account", "text", 0), ("code", "text", 0), ("industry", "fixed:industry", 0), ("address", "text", 0),
    ("phone", "text", 0), ("fax", "text", 0), ("email", "text", 0), ("website", "text", 0),
    ("employees", "int", 0), ("revenue", "money", 0), ("main_products", "text", 0), ("founded", "year", 0),
    ("ownership", "fixed:ownership", 0), ("relationship", "fixed:relationship", 0), ("manager", "text", 0),
    ("updated", "date", 0), ("notes", "text", 0),
)  # fmt: skip
# for readers of the basic sheet: the company form's fields (Company's names) run down column B from this row
COMPANY_FIRST_ROW = 5
COMPANY_FIELDS: tuple[str, ...] = tuple(entry.partition(":")[0] for entry, _, _ in _COMPANY)
_CONTACTS: Spec = (
    ("name", "text", 16), ("department", "text", 36), ("title", "text", 14), ("level", "level", 22),
    ("role", "role", 18), ("authority", "text", 30), ("phone", "text", 15), ("email", "text", 24),
    ("personality", "text", 28), ("hobbies", "text", 16), ("notes", "text", 20),
)  # fmt: skip
_IMPORTANT: Spec = tuple(
    (k, "text", 45)
    for k in (
        "organisation",
        "history",
        "goals",
        "direction",
        "positioning",
        "sales_status",
        "resources",
        "our_position",
    )
)
_COMPETITORS: Spec = (
    ("name:competitor", "text", 24), ("main_products", "text", 30), ("market_share", "percent", 12),
    ("strengths", "text", 36), ("weaknesses", "text", 36),
)  # fmt: skip
_SUPPLIERS: Spec = (
    ("name:supplier", "text", 24), ("supplied", "text", 30), ("wallet_share", "percent", 12), ("since", "year", 36),
    ("notes", "text", 36),
)  # fmt: skip
_STRATEGIES: Spec = (
    ("date", "date", 12), ("strategy", "text", 30), ("measures", "text", 40), ("owner", "text", 10),
    ("expected", "text", 30), ("review_date", "date", 12), ("effect", "text", 30), ("result", "fixed:result", 12),
    ("correction", "text", 30),
)  # fmt: skip
_VISITS: Spec = (
    ("date", "date", 12), ("kind", "fixed:visit", 11), ("their_people", "text", 24), ("our_people", "text", 16),
    ("situation", "text", 30), ("problem", "text", 30), ("implication", "text", 30), ("need_payoff", "text", 30),
    ("answer", "text", 30), ("next_step", "text", 28), ("next_date", "date", 12),
)  # fmt: skip
SPECS: dict[str, Spec] = {"strategies": _STRATEGIES, "visits": _VISITS}


def basic(book: Book, data: CustomerFile | None, figures: dict[str, tuple[str, object]]) -> None:
    """Company form, key receivables figures beside it (``figures``: key → the Receivables sheet's cell
    and value), the model stamp, and the contacts."""
    ws = book.sheet(SHEETS["basic"])
    company = data.company if data else Company()
    head(book, ws, f"{book.t(KIND)} — {company.name}" if company.name else KIND, "K")
    meta = model_dict(book.model)["model"]
    stamp = (("model", "NAME", meta["name"]), ("model_version", "VERSION", meta["version"]),
             ("model_hash", "HASH", book.model.content_hash))  # fmt: skip
    for i, (key, name, value) in enumerate(stamp):
        book.label(ws, f"{letter(4 + 2 * i)}3", COMMON[key], header=False)
        book.model_value(ws, f"{letter(5 + 2 * i)}3", f"KAM_MODEL_{name}", value)
    book.label(ws, "A4", LABELS["company"])
    row = fields(book, ws, 5, company, _COMPANY)
    book.label(ws, "D5", LABELS["key_figures"])
    ws.merge("D5:E5")
    for i, (key, fmt) in enumerate(KEY_FIGURES.items()):
        book.label(ws, f"D{6 + i}", LABELS[key], header=False)
        target, value = figures[key]
        book.reference(ws, f"E{6 + i}", target, value, fmt)
    book.label(ws, f"A{row + 1}", LABELS["contacts"])
    contacts = data.contacts if data else []
    table(book, ws, row + 2, _CONTACTS, contacts, max(len(contacts) + 10, 20))
    ws.freeze("A5")
    ws.print_titles(rows="1:3")


def important(book: Book, data: CustomerFile | None) -> None:
    """Organisation, history, goals … as a form, then the competitor and supplier tables."""
    ws = book.sheet(SHEETS["important"], widths=(24, 30, 12, 36, 36))
    info = data.important if data else ImportantInfo()
    head(book, ws, SHEETS["important"], "E")
    row = fields(book, ws, 3, info, _IMPORTANT, merge_to="E") + 1
    for key, spec, items in (
        ("competitors", _COMPETITORS, info.competitors),
        ("suppliers", _SUPPLIERS, info.suppliers),
    ):
        book.label(ws, f"A{row}", LABELS[key])
        row = table(book, ws, row + 1, spec, items, max(len(items) + 5, 8)) + 2
    ws.freeze("A3")
    ws.print_titles(rows="1:1")


def log(book: Book, data: CustomerFile | None, sheet: str, title: str, field_: str, spare: int) -> None:
    """A dated log (strategies and their effect; visits and negotiations) with spare rows."""
    spec = SPECS[field_]
    ws = book.sheet(SHEETS[sheet])
    items = getattr(data, field_) if data else []
    head(book, ws, LABELS[title], letter(len(spec)))
    table(book, ws, 3, spec, items, max(len(items) + spare, 2 * spare))
    ws.freeze("B4")
    ws.print_titles(rows="3:3")
