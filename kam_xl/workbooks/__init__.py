"""The workbook generator: standard KAM workbooks whose computed cells are live Excel formulas.

One module per workbook kind; :mod:`~kam_xl.workbooks.book` is the layout
helper they share, :mod:`~kam_xl.workbooks.model_sheet` writes the named model
parameters, and :mod:`kam_xl.xlformulas` renders each indicator's formula (through :mod:`kam_xl.indicators`).
"""
