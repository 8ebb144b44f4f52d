"""Moved to :mod:`kam_xl.cells` (the one reader of cell values); this name goes with the next cleanup."""

from kam_xl.cells import EXCEL_ERRORS, is_excel_error, parse_number, require, to_float_array

__all__ = ["EXCEL_ERRORS", "is_excel_error", "parse_number", "require", "to_float_array"]
