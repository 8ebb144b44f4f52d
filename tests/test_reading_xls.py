"""Old .xls tables through python-calamine, and the guard against a far cell (kam_xl.calamine_xlsx.xls_extent).

The workbooks are written byte by byte here: a compound file (one FAT sector, one directory
sector, the stream after them) holding a BIFF8 ``Workbook`` stream — a workbook BOF, one
BOUNDSHEET, EOF, then the sheet: BOF, DIMENSIONS, LABEL and NUMBER cells, EOF.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from kam_xl.calamine_xlsx import CALAMINE_CELLS, xls_extent
from kam_xl.errors import KamError
from kam_xl.reading import file_kind, read_table

pytest.importorskip("python_calamine")

_FREE, _END, _FAT_SECTOR, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(sheet: bool) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010 if sheet else 0x0005, 0x0DBB, 0x07CC, 0, 0x06))


def _label(row: int, col: int, text: str) -> bytes:  # BIFF8 LABEL: a 16-bit string
    return _record(0x0204, struct.pack("<HHHHB", row, col, 0x0F, len(text), 1) + text.encode("utf-16-le"))


def _number(row: int, col: int, value: float) -> bytes:
    return _record(0x0203, struct.pack("<HHHd", row, col, 0x0F, value))


def _dimensions(last_row: int, last_col: int) -> bytes:  # rows and columns one past the last
    return _record(0x0200, struct.pack("<IIHHH", 0, last_row, 0, last_col, 0))


def _workbook(cells: list[bytes], dims: tuple[int, int]) -> bytes:
    """A BIFF8 workbook stream with one sheet "客户" holding ``cells``, past the mini-stream cutoff (4,096 bytes)."""
    name = "客户".encode("utf-16-le")
    pad = _record(0x00E2, b"") * 1200  # INTERFACEEND records, which readers skip: a regular stream, not a mini one

    def globals_(sheet_at: int) -> bytes:
        sheet = _record(0x0085, struct.pack("<IHBB", sheet_at, 0, 2, 1) + name)  # BOUNDSHEET: where the sheet's BOF is
        return _bof(False) + _record(0x0042, struct.pack("<H", 1200)) + pad + sheet + _record(0x000A, b"")

    head = globals_(len(globals_(0)))
    return head + _bof(True) + _dimensions(*dims) + b"".join(cells) + _record(0x000A, b"")


def _compound_file(stream: bytes) -> bytes:
    """A version-3 compound file (512-byte sectors): FAT in sector 0, directory in 1, the stream from 2."""
    n = -(-len(stream) // 512)
    fat = [_FAT_SECTOR, _END] + [3 + i if i < n - 1 else _END for i in range(n - 1)] + [_END]
    fat = fat[: 2 + n] + [_FREE] * (128 - 2 - n)
    assert 2 + n <= 128  # one FAT sector is enough
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header += b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    header += struct.pack("<109I", 0, *([_FREE] * 108))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le")
        out = raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1) + struct.pack("<III", _NONE, _NONE, child)
        return out + b"\0" * 36 + struct.pack("<III", start, size, 0)

    directory = entry("Root Entry", 5, 1, _END, 0) + entry("Workbook", 2, _NONE, 2, len(stream))
    directory = directory.ljust(512, b"\0")
    return header + struct.pack("<128I", *fat) + directory + stream.ljust(n * 512, b"\0")


def _xls(path: Path, cells: list[bytes], dims: tuple[int, int]) -> Path:
    path.write_bytes(_compound_file(_workbook(cells, dims)))
    return path


def test_a_small_xls_is_read_and_its_extent_is_its_cells(tmp_path: Path) -> None:
    cells = [_label(0, 0, "客户名称"), _label(0, 1, "销售额"), _label(1, 0, "甲公司"), _number(1, 1, 1200.5)]
    p = _xls(tmp_path / "small.xls", cells, (2, 2))
    assert file_kind(p) == "xls"
    assert xls_extent(p) == (2, 2)  # A1:B2
    table = read_table(p)
    assert list(table.frame.columns) == ["客户名称", "销售额"]
    assert table.frame.iloc[0].tolist() == ["甲公司", 1200.5]
    assert table.rows.tolist() == [2]


def test_a_far_cell_is_refused_before_calamine_builds_the_sheet(tmp_path: Path) -> None:
    # one NUMBER at row 65,536, column 65,000 (past BIFF8's 256 columns, which calamine does not check):
    # 65,536 × 65,000 ≈ 4.3 billion cells from A1, which calamine would allocate at once
    cells = [_label(0, 0, "客户名称"), _label(0, 1, "销售额"), _label(1, 0, "甲公司"), _number(65535, 64999, 1.0)]
    p = _xls(tmp_path / "far.xls", cells, (2, 2))  # the DIMENSIONS record says A1:B2: not trusted
    assert xls_extent(p) == (65536, 65000)
    with pytest.raises(KamError) as err:
        read_table(p)
    line = err.value.bilingual()
    assert "far.xls" in line and "65,536" in line and "65,000" in line and ".xlsx" in line
    assert "\n" not in line


def test_a_dimensions_record_stating_a_far_corner_is_refused(tmp_path: Path) -> None:
    # calamine reserves room for the block a DIMENSIONS record states (one stating 4e9 rows × 65,000 columns made it
    # ask for 10.4 PB and abort): here row 4,000,000 (BIFF8 stores it in 32 bits), column 3 → 12 M cells, over the limit
    p = _xls(tmp_path / "dims.xls", [_label(0, 0, "客户名称"), _label(1, 0, "甲公司")], (4_000_000, 3))
    assert xls_extent(p) == (4_000_000, 3)
    assert 4_000_000 * 3 > CALAMINE_CELLS
    with pytest.raises(KamError):
        read_table(p)


def test_a_multi_cell_record_counts_its_last_column(tmp_path: Path) -> None:
    # MULBLANK on row 3 (index 2) from column B to column 300 (index 299): the extent is 3 rows × 300 columns
    mulblank = _record(0x00BE, struct.pack("<HH", 2, 1) + struct.pack("<H", 0x0F) * 299 + struct.pack("<H", 299))
    p = _xls(tmp_path / "wide.xls", [_label(0, 0, "客户名称"), mulblank], (1, 1))
    assert xls_extent(p) == (3, 300)


def test_a_file_that_is_not_a_compound_file_has_no_extent(tmp_path: Path) -> None:
    p = tmp_path / "x.xls"
    p.write_bytes(b"PK\x03\x04" + b"\0" * 600)
    assert xls_extent(p) is None
