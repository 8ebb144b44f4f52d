"""Reading ledgers: aliases, dates, text amounts, row-numbered errors, and the real IBM sample export."""

from __future__ import annotations

import csv
import math
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kam_xl.core.receivables import receivables
from kam_xl.errors import (
    FileError,
    InputError,
    LedgerError,
    MissingValueError,
    NotADateError,
    NotANumberError,
    OutOfRangeError,
)
from kam_xl.ledger import ledger_from_frame, read_ledger
from kam_xl.models import default_model

SAMPLE = Path(__file__).resolve().parent / "data" / "ar_invoices_ibm_sample.csv"
AS_OF = date(2013, 6, 30)


def day(text: str) -> np.datetime64:
    return np.datetime64(text, "D")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# ---------------------------------------------------------------- dates: one order per file (grammar: test_cells.py)

HEAD = "customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount\n"


def test_day_first_is_decided_once_for_the_whole_file(tmp_path: Path) -> None:
    # 13/01/2024 in one column proves day/month/year for every date column of the file:
    # so 12/02/2024 in the other is 12 February (not 2 December, as a per-column guess made it)
    led = read_ledger(write(tmp_path / "dmy.csv", HEAD + "C1,1,13/01/2024,12/02/2024,10\n"))
    assert led.day_first is True
    assert led.invoices.loc[2, "due_date"] == pd.Timestamp("2024-02-12")


def test_ambiguous_file_asks_for_dayfirst_and_takes_it(tmp_path: Path) -> None:
    path = write(tmp_path / "amb.csv", HEAD + "C1,1,3/5/2024,4/6/2024,10\n")
    with pytest.raises(InputError) as err:
        read_ledger(path)
    assert (err.value.field, err.value.where) == ("InvoiceDate", "row 2") and "dayfirst" in err.value.en
    assert read_ledger(path, dayfirst=True).invoices.loc[2, "invoice_date"] == pd.Timestamp("2024-05-03")
    assert read_ledger(path, dayfirst=False).invoices.loc[2, "invoice_date"] == pd.Timestamp("2024-03-05")


def test_file_mixing_date_orders_is_refused_naming_the_cell(tmp_path: Path) -> None:
    text = HEAD + "C1,1,1/13/2024,2/13/2024,10\nC1,2,2/2/2024,13/2/2024,10\n"
    with pytest.raises(InputError) as err:
        read_ledger(write(tmp_path / "mixed.csv", text))
    assert (err.value.field, err.value.where) == ("DueDate", "row 3")


# ---------------------------------------------------------------- CSV


def test_chinese_csv_in_gbk_with_partial_receipts(tmp_path: Path) -> None:
    text = (
        "客户名称,发票号,开票日期,到期日,金额,收款日期,收款金额\n"
        '华为,0001,2024年3月5日,2024年4月4日,"¥1,200",2024年4月1日,200\n'
        "腾讯,0002,2024-03-06,2024-04-05,500,,\n"
        "\n"
        "腾讯,0003,2024/3/7,2024/4/6,１００,2024/3/20,100\n"
    )
    led = read_ledger(write(tmp_path / "台账.csv", text, "gb18030"))
    inv, rec = led.invoices, led.receipts
    assert list(inv.index) == [2, 3, 5]  # spreadsheet rows: header is row 1, the blank line is row 4
    assert list(inv["invoice"]) == ["0001", "0002", "0003"]  # leading zeros kept
    assert list(inv["amount"]) == [1200.0, 500.0, 100.0]
    assert inv.loc[2, "invoice_date"] == pd.Timestamp("2024-03-05")
    assert list(rec.index) == [2, 5] and list(rec["amount"]) == [200.0, 100.0]
    assert led.columns["account"] == "客户名称" and led.columns["receipt_amount"] == "收款金额"
    acc = receivables(inv, rec, date(2024, 4, 30), model=default_model()).accounts
    assert acc.loc["华为", "outstanding"] == 1000.0 and acc.loc["腾讯", "outstanding"] == 500.0


def test_snake_case_and_english_headers(tmp_path: Path) -> None:
    text = "Customer ID;Invoice No.;Invoice Date;Due Date;Amount\nC1;7;2024-01-01;2024-01-31;$1,000.50\n"
    led = read_ledger(write(tmp_path / "ledger.txt", text))  # semicolons, sniffed from the header line
    assert led.invoices.iloc[0].to_dict() == {
        "account": "C1",
        "invoice": "7",
        "invoice_date": pd.Timestamp("2024-01-01"),
        "due_date": pd.Timestamp("2024-01-31"),
        "amount": 1000.5,
    }
    assert led.receipts.empty and list(led.receipts.columns) == ["account", "invoice", "receipt_date", "amount"]
    frame = pd.DataFrame(
        {"account": ["C1"], "invoice": ["7"], "invoice_date": ["2024-01-01"], "due_date": ["2024-01-31"], "amount": [5]}
    )
    assert ledger_from_frame(frame).invoices.loc[2, "amount"] == 5.0


def test_receipt_ledger(tmp_path: Path) -> None:
    text = "客户,发票号,收款日期,收款金额\nA,0001,2024-04-01,200\nA,,2024-04-02,50\n"
    led = read_ledger(write(tmp_path / "收款.csv", text))
    assert led.invoices.empty
    rec = led.receipts
    assert list(rec["amount"]) == [200.0, 50.0]
    assert pd.isna(rec.loc[3, "invoice"])  # no invoice number: unapplied cash, reported by the core
    # a receipt ledger that also lists the invoice date for reference is still a receipt ledger
    text = "客户,发票号,开票日期,收款日期,金额\nA,0001,2024-03-01,2024-04-01,200\n"
    led = read_ledger(write(tmp_path / "收款2.csv", text))
    assert led.invoices.empty and list(led.receipts["amount"]) == [200.0]


# ---------------------------------------------------------------- errors name the column and the row


def test_bad_amount_names_column_and_row(tmp_path: Path) -> None:
    rows = "".join(f"C{i},{i},2024-01-01,2024-01-31,{i}0\n" for i in range(15))
    text = "customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount\n" + rows + "C99,99,2024-01-01,2024-01-31,abc\n"
    with pytest.raises(NotANumberError) as err:
        read_ledger(write(tmp_path / "bad.csv", text))
    assert (err.value.field, err.value.where) == ("InvoiceAmount", "row 17")
    assert "abc" in err.value.en and "不是数字" in err.value.zh


def test_bad_date_names_column_and_row(tmp_path: Path) -> None:
    text = "customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount\nC1,1,1/20/2013,2/19/2013,5\nC1,2,1/20/2013,soon,5\n"
    with pytest.raises(NotADateError) as err:
        read_ledger(write(tmp_path / "bad.csv", text))
    assert (err.value.field, err.value.where) == ("DueDate", "row 3")


@pytest.mark.parametrize(
    ("cells", "error", "field", "where"),
    [
        ("C1,1,1/20/2013,2/19/2013,-5", OutOfRangeError, "InvoiceAmount", "row 3"),
        ("C1,1,1/20/2013,2/19/2013,", MissingValueError, "InvoiceAmount", "row 3"),
        (",1,1/20/2013,2/19/2013,5", MissingValueError, "customerID", "row 3"),
        ("C1, ,1/20/2013,2/19/2013,5", MissingValueError, "invoiceNumber", "row 3"),
        ("C1,1,,2/19/2013,5", MissingValueError, "InvoiceDate", "row 3"),
        ("C1,1,1/20/2013,2/19/2013,#N/A", Exception, "InvoiceAmount", "row 3"),
    ],
)
def test_cell_errors(tmp_path: Path, cells: str, error: type[Exception], field: str, where: str) -> None:
    text = "customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount\nC0,0,1/20/2013,2/19/2013,1\n" + cells + "\n"
    with pytest.raises(error) as err:
        read_ledger(write(tmp_path / "bad.csv", text))
    assert (err.value.field, err.value.where) == (field, where)  # type: ignore[attr-defined]


def test_core_errors_point_at_spreadsheet_rows(tmp_path: Path) -> None:
    text = "customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount\nC0,0,1/20/2013,2/19/2013,1\nC1,1,3/22/2013,2/19/2013,5\n"
    led = read_ledger(write(tmp_path / "ledger.csv", text))
    with pytest.raises(OutOfRangeError) as err:
        receivables(led.invoices, led.receipts, AS_OF, model=default_model())
    assert (err.value.field, err.value.where) == ("due_date", "invoices row 3")


def test_settled_receipt_amount_without_date(tmp_path: Path) -> None:
    text = "客户,发票号,开票日期,到期日,金额,收款日期,收款金额\nA,1,2024-01-01,2024-01-31,100,,40\n"
    with pytest.raises(MissingValueError) as err:
        read_ledger(write(tmp_path / "l.csv", text))
    assert (err.value.field, err.value.where) == ("收款日期", "row 2")


def test_missing_column_lists_headers(tmp_path: Path) -> None:
    text = "customerID,invoiceNumber,InvoiceDate,DueDate\nC1,1,1/20/2013,2/19/2013\n"
    with pytest.raises(LedgerError) as err:
        read_ledger(write(tmp_path / "l.csv", text))
    assert err.value.field == "amount" and "InvoiceDate" in err.value.en and "金额" in err.value.zh


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="no such file"):
        read_ledger(tmp_path / "missing.csv")
    with pytest.raises(LedgerError, match="no account column"):  # text under an .xls name is read as text
        read_ledger(write(tmp_path / "old.xls", "x"))
    with pytest.raises(FileError, match="empty"):
        read_ledger(write(tmp_path / "empty.csv", ""))


# ---------------------------------------------------------------- XLSX


def test_xlsx_with_date_cells_serials_and_a_header_below_a_title(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "应收"
    ws["A1"] = "2024 年应收台账"  # a title row above the header
    ws.append([])
    ws.append(["客户编号", "客户名称", "发票号", "开票日期", "到期日", "金额", "结清日期"])  # row 3
    ws.append([1001, "华为", 611365, datetime(2024, 3, 5), 45386, 1200, None])  # row 4; 45386 = 2024-04-04
    ws.append([1001.0, "华为", "0002", "2024年3月6日", "2024-04-05", "¥500", datetime(2024, 4, 1)])  # row 5
    ws.append([1002, "腾讯", "0003", datetime(2024, 3, 7), datetime(2024, 4, 6), "oops", None])  # row 6
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    with pytest.raises(NotANumberError) as err:
        read_ledger(path)
    assert (err.value.field, err.value.where) == ("金额", "row 6")

    ws.delete_rows(6)
    wb.save(path)
    led = read_ledger(path, sheet="应收")
    inv = led.invoices
    assert list(inv.index) == [4, 5]
    assert list(inv["account"]) == ["1001", "1001"]  # the ID column wins over the name; 1001.0 is 1001
    assert list(inv["invoice"]) == ["611365", "0002"]
    assert list(inv["due_date"]) == [pd.Timestamp("2024-04-04"), pd.Timestamp("2024-04-05")]
    assert list(inv["amount"]) == [1200.0, 500.0]
    assert list(led.receipts.index) == [5] and led.receipts.loc[5, "amount"] == 500.0  # settled in full
    with pytest.raises(FileError, match="no sheet"):
        read_ledger(path, sheet="Sheet9")


# ---------------------------------------------------------------- the real export


@pytest.fixture(scope="module")
def sample():
    with SAMPLE.open(newline="", encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    led = read_ledger(SAMPLE)
    return raw, led, receivables(led.invoices, led.receipts, AS_OF, model=default_model())


def test_ibm_sample_reads_every_row(sample) -> None:
    raw, led, _ = sample
    assert len(raw) == 2466 and len(led.invoices) == 2466
    assert len(led.receipts) == 2466  # every invoice has a SettledDate: one full receipt each
    assert led.columns == {
        "account": "customerID",
        "invoice": "invoiceNumber",
        "invoice_date": "InvoiceDate",
        "due_date": "DueDate",
        "amount": "InvoiceAmount",
        "receipt_date": "SettledDate",
    }
    assert math.isclose(led.invoices["amount"].sum(), math.fsum(float(r["InvoiceAmount"]) for r in raw), rel_tol=1e-12)
    assert list(led.invoices["invoice"].head(2)) == ["0000611365", "0007900770"]
    assert led.invoices.loc[2, "invoice_date"] == pd.Timestamp("2013-01-02")  # 1/2/2013 is US month/day


def test_ibm_sample_indicators(sample) -> None:
    raw, _, result = sample
    acc = result.accounts
    assert len(acc) == 100
    # No problems, and rightly: invoice numbers are unique, each is settled once, in full, on or after its date.
    assert result.problems.empty
    assert len({r["invoiceNumber"] for r in raw}) == 2466
    assert all(
        datetime.strptime(r["SettledDate"], "%m/%d/%Y") >= datetime.strptime(r["InvoiceDate"], "%m/%d/%Y") for r in raw
    )

    # Independently, with plain pandas: open as of = invoiced on or before the as-of date, settled after it.
    df = pd.read_csv(SAMPLE, dtype=str)
    for col in ("InvoiceDate", "DueDate", "SettledDate"):
        df[col] = pd.to_datetime(df[col], format="%m/%d/%Y")
    df["amount"] = df["InvoiceAmount"].astype(float)
    as_of, start = pd.Timestamp(AS_OF), pd.Timestamp("2012-06-30")
    open_ = df[(df["InvoiceDate"] <= as_of) & (df["SettledDate"] > as_of)]
    expected = open_.groupby("customerID")["amount"].sum().reindex(acc.index, fill_value=0.0)
    np.testing.assert_allclose(acc["outstanding"], expected, atol=1e-9)
    sales = df[(df["InvoiceDate"] > start) & (df["InvoiceDate"] <= as_of)].groupby("customerID")["amount"].sum()
    np.testing.assert_allclose(acc["sales"], sales.reindex(acc.index, fill_value=0.0), atol=1e-9)
    settled = df[df["SettledDate"] <= as_of]
    assert not settled.merge(open_, on="invoiceNumber").shape[0]  # settled before the as-of date → not outstanding
    assert acc["unapplied_receipts"].eq(0).all()


def test_ibm_sample_one_account_by_hand(sample) -> None:
    _, _, result = sample
    a = result.accounts.loc["7938-EVASK"]
    # Open on 2013-06-30 (invoiced by then, settled after): 7992662919 56.85 due 6/28 (2 days past due),
    # 3924052139 103.11 due 7/5, 3836894738 58.43 due 7/13, 4419510167 44.14 due 7/15, 2699755955 38.81 due 7/22.
    assert a["outstanding"] == pytest.approx(56.85 + 103.11 + 58.43 + 44.14 + 38.81)  # 301.34
    assert a["d1_30"] == pytest.approx(56.85) and a["not_due"] == pytest.approx(244.49)
    assert a["sales"] == pytest.approx(839.29)  # its invoices dated in (2012-06-30, 2013-06-30]
    assert a["dso"] == pytest.approx(301.34 / 839.29 * 365)  # 131.05
    assert a["overdue_ratio"] == pytest.approx(56.85 / 301.34)  # 0.1887
    assert a["rating"] == "D"  # DSO over 120
