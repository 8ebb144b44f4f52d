"""Every figure a generated workbook computes comes from a registry entry.

Each formula cell of the four kinds (a filled sample and the blank template, in
Chinese and English) was written by :meth:`Book.indicator` — the registry
entry's renderer, whose parity with the core is proven in both engines by the
parity tests — or shows a value computed elsewhere: another cell, a model
parameter, or a caption joined from text and references. Those three kinds are
held to the shape their name promises, so a figure cannot hide among them.
The Model sheet's own derived cells (a scorecard's raw range, the pyramid's
cumulative shares) belong to the model and are written with it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kam_xl.indicators import REGISTRY
from kam_xl.jobs.receivables_report import report_data
from kam_xl.ledger import Ledger
from kam_xl.models import default_model
from kam_xl.samples import SAMPLE_AS_OF
from kam_xl.samples.account_plan import account_plan as sample_plan
from kam_xl.samples.accounts import sample_ledger
from kam_xl.samples.customer_file import customer_file as sample_file
from kam_xl.samples.development import attempts
from kam_xl.samples.portfolio import portfolio as sample_portfolio
from kam_xl.workbooks import account_plan, customer_file, development, portfolio, receivables_report
from kam_xl.workbooks.book import SOURCES
from kam_xl.workbooks.model_sheet import MODEL_SHEET

MODEL = default_model()
_REF = r"(?:(?:'(?:[^']|'')+'|[A-Za-z0-9_.]+)!)?\$?[A-Z]{1,3}\$?[0-9]+"
_LIT = r'"(?:[^"]|"")*"'
_NAME = r"KAM_[A-Z0-9_]+"
SHAPES = {
    # a reference, or one kept blank while its cell is blank (Excel shows a blank cell's reference as 0)
    "reference": re.compile(rf'^=(?:{_REF}|IF\((?P<ref>{_REF})="","",(?P=ref)\))$'),
    "model": re.compile(rf"^=(?:{_NAME}|INDEX\({_NAME},[0-9]+\))$"),
    # literals, names and references joined by &; a reference may be shown only when filled in
    "caption": re.compile(
        rf'^=(?:{_LIT}|{_NAME}|{_REF}|IF\({_REF}="","",{_REF}&{_LIT}\))'
        rf'(?:&(?:{_LIT}|{_NAME}|{_REF}|IF\({_REF}="","",{_REF}&{_LIT}\)))*$'
    ),
}


def _books(lang: str):
    row = sample_portfolio(model=MODEL).iloc[0]
    yield (
        "account_plan",
        account_plan.build(sample_plan(row["account"], 1, model=MODEL, row=row), model=MODEL, lang=lang),
    )
    yield "account_plan_blank", account_plan.build(None, model=MODEL, lang=lang)
    yield "customer_file", customer_file.build(sample_file(row["account"], 1, model=MODEL), model=MODEL, lang=lang)
    yield "customer_file_blank", customer_file.build(None, model=MODEL, lang=lang)
    yield "portfolio", portfolio.build(sample_portfolio(model=MODEL), model=MODEL, lang=lang)
    yield "portfolio_blank", portfolio.build(None, model=MODEL, lang=lang)
    yield "development", development.build(attempts(model=MODEL), model=MODEL, lang=lang)
    yield "development_blank", development.build(None, model=MODEL, lang=lang)
    invoices, receipts = sample_ledger(sample_portfolio(model=MODEL), SAMPLE_AS_OF)
    data = report_data(Ledger(invoices, receipts, source="ledger.csv"), None, SAMPLE_AS_OF, model=MODEL)
    yield "receivables_report", receivables_report.build(data, model=MODEL, lang=lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_formula_cell_has_a_source(tmp_path: Path, lang: str) -> None:
    unsourced, misshapen, unknown = [], [], []
    for name, book in _books(lang):
        path = book.save(tmp_path / f"{name}-{lang}.xlsx")
        for ws in load_workbook(path).worksheets:
            if ws.title == MODEL_SHEET:
                continue
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type != "f":
                        continue
                    where = f"{name} {ws.title}!{c.coordinate}"
                    source = book.sources.get((ws.title, c.coordinate)) or book.column_sources.get(
                        (ws.title, get_column_letter(c.column))
                    )
                    if source is None:
                        unsourced.append(f"{where}: {c.value}")
                    elif source in SHAPES:
                        if not SHAPES[source].match(str(c.value)):
                            misshapen.append(f"{where} ({source}): {c.value}")
                    elif source not in REGISTRY or REGISTRY[source].excel is None:
                        unknown.append(f"{where}: {source}")
    assert set(SHAPES) == set(SOURCES)
    assert not unsourced, f"{len(unsourced)} formula cells with no source, e.g.\n" + "\n".join(unsourced[:15])
    assert not misshapen, "cells whose source does not match their formula:\n" + "\n".join(misshapen[:15])
    assert not unknown, "sources that are no rendered registry entry:\n" + "\n".join(unknown[:15])
