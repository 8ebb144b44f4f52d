"""Native Excel renderings of the indicators (the registry's ``excel`` slot).

Each renderer returns formula text (``"=..."``) for cell references supplied by
the caller; model parameters are referenced by the workbook-scoped names the
``Model`` sheet defines (:func:`kam_xl.workbooks.model_sheet.name_of`), so a
team that tunes a weight in the workbook sees every formula follow.

Rules every renderer keeps, so that the formula agrees with the core:
- Band look-ups compare ``ROUND(x, DECIMALS)`` with the thresholds, as
  :func:`kam_xl.core.bands.band_index` does; ABC shares round to
  ``SHARE_DECIMALS`` places (:mod:`kam_xl.core.rounding`).
- Blank inputs give ``""`` (a blank-looking cell), never an error value: a
  blank template shows blanks, and a row being filled in shows nothing until
  its inputs are complete.
- Only the function subset Excel, LibreOffice 7.4 and ``formulas`` evaluate
  alike (the subset listed in kam_xl/workbooks/lint.py); newer functions carry their ``_xlfn.`` prefix.

A structural count (how many tiers, criteria, ratings) is fixed when the
workbook is generated; the values behind it stay tunable.

One module per domain, mirroring :mod:`kam_xl.indicators`: each registry entry
names its renderer here, and :mod:`~kam_xl.xlformulas.common` holds the pieces
they share.
"""
