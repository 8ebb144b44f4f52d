"""The scoring core: pure functions, scalar and vectorised, one module per concept.

Imports no openpyxl, no xlwings and no CLI code.
"""
