"""The information sheets: basic (the company, key figures, contacts), important (organisation,
competitors, suppliers), core (our strategy and its effect) and the process log (visits, SPIN)."""

from __future__ import annotations

from kam_xl.workbooks.book import Book
from kam_xl.workbooks.customer_file.data import Company, CustomerFile, ImportantInfo, rows_for
from kam_xl.workbooks.customer_file.forms import Spec, fields, head, letter, table
from kam_xl.workbooks.customer_file.labels import KIND, LABELS, SHEETS, figure_label
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
    ("ownership", "fixed:ownership", 0), ("relationship:relationship_type", "fixed:relationship", 0), ("manager", "text", 0),
    ("updated", "date", 0), ("notes", "text", 0),
)  # fmt: skip
# for readers of the basic sheet: the company form's fields (Company's names) run down column B from this row
COMPANY_FIRST_ROW = 5
COMPANY_FIELDS: tuple[str, ...] = tuple(entry.partition(":")[0] for entry, _, _ in _COMPANY)
_CONTACTS: Spec = (
    ("name", "text", 14), ("department", "text", 16), ("title", "text", 12), ("level", "level", 20),
    ("role", "role", 14), ("authority", "text", 16), ("phone", "text", 13), ("email", "text", 20),
    ("personality", "text", 16), ("hobbies", "text", 12), ("notes", "text", 14),
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
    ("name:competitor", "text", 20), ("main_products", "text", 22), ("market_share", "percent", 10),
    ("strengths", "text", 30), ("weaknesses", "text", 30),
)  # fmt: skip
_SUPPLIERS: Spec = (
    ("name:supplier", "text", 20), ("supplied", "text", 22), ("wallet_share:supplier_share", "percent", 10), ("since", "year", 30),
    ("notes", "text", 30),
)  # fmt: skip
_STRATEGIES: Spec = (
    ("date", "date", 11), ("strategy", "text", 24), ("measures", "text", 28), ("owner", "text", 10),
    ("expected", "text", 22), ("review_date", "date", 11), ("effect", "text", 22), ("result", "fixed:result", 10),
    ("correction", "text", 22),
)  # fmt: skip
_VISITS: Spec = (
    ("date", "date", 11), ("kind", "fixed:visit", 10), ("their_people", "text", 16), ("our_people", "text", 12),
    ("situation", "text", 22), ("problem", "text", 22), ("implication", "text", 22), ("need_payoff", "text", 22),
    ("answer", "text", 22), ("next_step", "text", 20), ("next_date", "date", 11),
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
    row = fields(book, ws, 5, company, _COMPANY, merge_to="C")  # B:C: room for an address or e-mail
    book.label(ws, "D5", LABELS["key_figures"])
    ws.merge("D5:E5")
    for i, (key, fmt) in enumerate(KEY_FIGURES.items()):
        book.label(ws, f"D{6 + i}", figure_label(key) or LABELS[key], header=False)
        target, value = figures[key]
        book.reference(ws, f"E{6 + i}", target, value, fmt)
    book.label(ws, f"A{row + 1}", LABELS["contacts"])
    contacts = data.contacts if data else []
    last = table(book, ws, row + 2, _CONTACTS, contacts, rows_for(len(contacts), "contacts", data is None))
    ws.freeze("A5")
    ws.print_only(f"A1:{letter(len(_CONTACTS))}{last}")  # the model hash runs on past the contacts' last column
    ws.print_titles(rows="1:3")


def important(book: Book, data: CustomerFile | None) -> None:
    """Organisation, history, goals … as a form, then the competitor and supplier tables."""
    ws = book.sheet(SHEETS["important"], widths=(20, 22, 10, 30, 30))  # 112 wide: prints portrait
    info = data.important if data else ImportantInfo()
    head(book, ws, SHEETS["important"], "E")
    row = fields(book, ws, 3, info, _IMPORTANT, merge_to="E") + 1
    for key, spec, items in (
        ("competitors", _COMPETITORS, info.competitors),
        ("suppliers", _SUPPLIERS, info.suppliers),
    ):
        book.label(ws, f"A{row}", LABELS[key])
        ws.merge(f"A{row}:B{row}")  # the caption is wider than the first column
        row = table(book, ws, row + 1, spec, items, rows_for(len(items), key, data is None)) + 2
    ws.freeze("A3")
    ws.print_titles(rows="1:1")


def log(book: Book, data: CustomerFile | None, sheet: str, title: str, field_: str) -> None:
    """A dated log (strategies and their effect; visits and negotiations) with spare rows."""
    spec = SPECS[field_]
    ws = book.sheet(SHEETS[sheet])
    items = getattr(data, field_) if data else []
    head(book, ws, LABELS[title], letter(len(spec)))
    table(book, ws, 3, spec, items, rows_for(len(items), field_, data is None))
    ws.freeze("B4")
    ws.print_titles(rows="3:3")
