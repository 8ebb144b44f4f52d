"""read_ledger(rejects="collect"): rows with a cell that cannot be read are left out and listed, each with the
error the default (rejects="raise") gives for it; the good rows are read exactly as in raise mode."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from kam_xl.errors import KamError, LedgerError, NotADateError, OutOfRangeError
from kam_xl.ledger import REJECT_KINDS, REJECTED_COLUMNS, ledger_from_frame, read_ledger

HEAD = "customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount\n"
GOOD = {  # spreadsheet row → the line; rows 2, 4 and 7 are good
    2: "A1,INV1,2024-01-10,2024-02-09,1000",
    4: "A1,INV2,2024-05-01,2024-05-31,¥500",
    7: "B2,0007,2024-03-01,2024-03-31,800",
}
BAD = {  # spreadsheet row → (line, header of the bad cell, cell as found, kind)
    3: ("A1,CN1,2024-06-15,2024-07-15,-300", "InvoiceAmount", "-300", "credit_note"),
    5: ("B2,INV4,2023-05-01,2023-05-31,abc", "InvoiceAmount", "abc", "not_a_number"),
    6: (",INV5,2024-03-01,2024-03-31,800", "customerID", "", "blank"),
    8: ("B2,INV6,soon,2024-03-31,800", "InvoiceDate", "soon", "not_a_date"),
}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def lines(rows: dict[int, str]) -> str:
    """The file with ``rows`` on their spreadsheet rows (the header is row 1), a good filler row elsewhere."""
    return HEAD + "".join(rows.get(r, f"Z9,FILL{r},2024-01-01,2024-01-31,1") + "\n" for r in range(2, max(rows) + 1))


def raised(path: Path) -> KamError:
    with pytest.raises(KamError) as err:
        read_ledger(path)
    return err.value


def test_csv_rows_set_aside_with_the_raise_messages(tmp_path: Path) -> None:
    path = write(tmp_path / "l.csv", lines({**GOOD, **{r: v[0] for r, v in BAD.items()}}))
    led = read_ledger(path, rejects="collect")
    assert tuple(led.rejected.columns) == REJECTED_COLUMNS
    got = led.rejected[["row", "column", "cell", "kind"]].to_records(index=False).tolist()
    assert got == [(r, h, cell, kind) for r, (_, h, cell, kind) in sorted(BAD.items())]
    assert led.rejected["account"].tolist() == ["A1", "B2", None, "B2"]
    assert led.rejected["invoice"].tolist() == ["CN1", "INV4", "INV5", "INV6"]
    # each message is the one raise mode gives for that cell alone (same field, same row, same words)
    for row, (line, header, _, _) in BAD.items():
        error = raised(write(tmp_path / f"one{row}.csv", lines({**GOOD, row: line})))
        assert (error.field, error.where) == (header, f"row {row}")
        rec = led.rejected.set_index("row").loc[row]
        assert (rec["zh"], rec["en"]) == (error.zh, error.en)
    # the good rows exactly as raise mode reads them (same values, same spreadsheet rows)
    clean = read_ledger(write(tmp_path / "good.csv", lines({**GOOD, 8: "Z9,FILL8,2024-01-01,2024-01-31,1"})))
    pd.testing.assert_frame_equal(led.invoices, clean.invoices.loc[[2, 4, 7]])
    assert led.invoices["amount"].tolist() == [1000.0, 500.0, 800.0]  # "¥500" read as 500
    assert led.invoices["invoice"].tolist() == ["INV1", "INV2", "0007"]  # leading zeros kept
    assert led.receipts.empty


def test_raise_mode_is_unchanged(tmp_path: Path) -> None:
    path = write(tmp_path / "l.csv", lines({**GOOD, **{r: v[0] for r, v in BAD.items()}}))
    # the first check that fails raises, as before: the dates are read first (row 8), so the date error
    error = raised(path)
    assert isinstance(error, NotADateError) and (error.field, error.where) == ("InvoiceDate", "row 8")
    only_credit = write(tmp_path / "cn.csv", lines({**GOOD, 3: BAD[3][0]}))
    with pytest.raises(OutOfRangeError, match="-300"):
        read_ledger(only_credit)
    with pytest.raises(OutOfRangeError):
        read_ledger(only_credit, rejects="raise")


def test_xlsx_credit_note_text_amount_blank_account_bad_date(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["应收台账 2024"])  # a title above the header: the header is row 2, entries from row 3
    ws.append(["客户编号", "发票号", "开票日期", "到期日", "金额"])
    ws.append(["A1", "F1", date(2024, 1, 10), date(2024, 2, 9), 1000])  # row 3
    ws.append(["A1", "CN1", date(2024, 6, 15), date(2024, 7, 15), -300])  # row 4: credit note
    ws.append(["A1", "F2", date(2024, 5, 1), date(2024, 5, 31), "abc"])  # row 5: text amount
    ws.append([None, "F3", date(2024, 5, 1), date(2024, 5, 31), 70])  # row 6: blank account
    ws.append(["B2", "F4", "2024-13-45", date(2024, 5, 31), 90])  # row 7: no such date
    ws.append(["B2", "F5", date(2024, 3, 1), date(2024, 3, 31), 800.5])  # row 8
    path = tmp_path / "l.xlsx"
    wb.save(path)
    led = read_ledger(path, rejects="collect")
    assert led.rejected[["row", "column", "cell", "kind"]].to_records(index=False).tolist() == [
        (4, "金额", "-300", "credit_note"),
        (5, "金额", "abc", "not_a_number"),
        (6, "客户编号", "", "blank"),
        (7, "开票日期", "2024-13-45", "not_a_date"),
    ]
    assert led.invoices.index.tolist() == [3, 8]
    assert led.invoices["amount"].tolist() == [1000.0, 800.5]
    assert led.invoices["due_date"].tolist() == [pd.Timestamp("2024-02-09"), pd.Timestamp("2024-03-31")]
    assert led.rejected.loc[0, "zh"] == "-300 超出范围，应为 ≥ 0 的有限数"
    assert REJECT_KINDS["credit_note"] == ("贷项/红字发票 — 未计入", "credit note — not counted")


def test_a_row_with_several_bad_cells_lists_each_and_is_left_out_once(tmp_path: Path) -> None:
    path = write(tmp_path / "l.csv", lines({**GOOD, 3: ",INV9,never,2024-03-31,-5"}))
    led = read_ledger(path, rejects="collect")
    assert led.rejected[["row", "column", "kind"]].to_records(index=False).tolist() == [
        (3, "customerID", "blank"),
        (3, "InvoiceDate", "not_a_date"),
        (3, "InvoiceAmount", "credit_note"),
    ]
    assert led.invoices.index.tolist() == [2, 4, 5, 6, 7]  # 5 and 6: fillers


def test_one_file_ledger_drops_the_row_from_invoices_and_receipts(tmp_path: Path) -> None:
    text = (
        "客户,发票号,开票日期,到期日,金额,收款日期\n"
        "A,1,2024-01-01,2024-01-31,100,2024-01-20\n"  # row 2: paid in full
        "A,2,2024-02-01,2024-01-15,40,2024-02-10\n"  # row 3: due before its invoice date (the core refuses it)
        "A,3,2024-02-01,2024-03-02,-40,2024-02-10\n"  # row 4: credit note, settled
    )
    path = write(tmp_path / "l.csv", text)
    led = read_ledger(path, rejects="collect")
    assert led.rejected[["row", "column", "cell", "kind"]].to_records(index=False).tolist() == [
        (3, "到期日", "2024-01-15", "due_before_invoice"),
        (4, "金额", "-40", "credit_note"),
    ]
    # the core's own words for a due date before its invoice date
    assert led.rejected.loc[0, "en"] == "2024-01-15 is out of range, must be on or after the invoice date 2024-02-01"
    assert led.invoices.index.tolist() == [2] and led.receipts.index.tolist() == [2]
    assert led.receipts["amount"].tolist() == [100.0]
    # raise mode reads the due date as given (the core refuses it later) and refuses the credit note
    with pytest.raises(OutOfRangeError) as err:
        read_ledger(path)
    assert (err.value.field, err.value.where) == ("金额", "row 4")


def test_receipt_ledger_and_a_frame(tmp_path: Path) -> None:
    text = (
        "customerID,invoiceNumber,receiptDate,amount\nA1,INV1,2024-02-01,1000\nA1,INV2,#N/A,200\nB2,,2024-04-01,-15\n"
    )
    led = read_ledger(write(tmp_path / "r.csv", text), kind="receipts", rejects="collect")
    assert led.rejected[["row", "column", "cell", "kind"]].to_records(index=False).tolist() == [
        (3, "receiptDate", "#N/A", "excel_error"),
        (4, "amount", "-15", "out_of_range"),  # a negative receipt is not a credit note
    ]
    assert led.receipts.index.tolist() == [2]
    frame = pd.DataFrame(
        {"客户": ["A", "B"], "发票号": ["1", "2"], "开票日期": ["2024-01-01", "2024-01-02"],
         "到期日": ["2024-01-31", "2024-02-01"], "金额": [10.0, np.nan]}
    )  # fmt: skip
    from_frame = ledger_from_frame(frame, rejects="collect", first_row=5)
    assert from_frame.rejected[["row", "column", "kind"]].to_records(index=False).tolist() == [(6, "金额", "blank")]
    assert from_frame.invoices.index.tolist() == [5]


def test_no_rejects_and_a_bad_option(tmp_path: Path) -> None:
    path = write(tmp_path / "l.csv", lines(GOOD))
    collected, raised_ = read_ledger(path, rejects="collect"), read_ledger(path)
    assert collected.rejected.empty and raised_.rejected.empty
    assert tuple(collected.rejected.columns) == REJECTED_COLUMNS
    pd.testing.assert_frame_equal(collected.invoices, raised_.invoices)
    with pytest.raises(LedgerError, match="raise or collect"):
        read_ledger(path, rejects="skip")  # type: ignore[arg-type]
