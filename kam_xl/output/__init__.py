"""One boundary for every file kam_xl writes: workbooks and CSVs.

Each rule is defined here once and used by every writer (``Book.save``, the demo,
the batch writer, the templates):

- **Temporary, then rename.** A file is written to ``.~kam_xl-<name>-<run><random>.tmp``
  in its target folder and only then put in place, so a full disk or an error midway leaves
  no half file. Temporaries are removed on every failure path, Ctrl-C included (the run's
  token in their names finds any a Ctrl-C caught before they were handed over).
- **All or nothing.** A :class:`Transaction` writes every temporary first, then puts them
  in place; if one step fails, what the run already put in place is withdrawn (a replaced
  file is restored) and the error names the file that stopped it.
- **Never replace unasked.** Without ``force`` the last step is ``os.link(tmp, target)``,
  which fails when the target appeared meanwhile (where the file system has no hard links:
  an exclusive create of the name, then a rename over it).
- **One run per folder.** A lock file ``.~kam_xl.lock`` (created exclusively, naming pid and
  host) makes a second run into the folder refuse at once. A lock whose process is gone
  (same host) is taken over.
- **Names.** Names made from data go through :func:`safe_file_name`; an explicit name that
  is not portable is refused. The targets of one run must differ after sanitising, compared
  case-insensitively in NFC: two accounts that would share a file are refused, naming both.
  (Refused rather than suffixed: a file name nobody can predict is worse than a clear error.)
- **Backups.** ``force`` over a workbook that is not :func:`is_ours` keeps the old file as
  ``<name>.backup-YYYYMMDD-HHMMSS.xlsx`` (``-2``, ``-3`` … rather than over an older one) and
  reports it. "Ours" is decided by a stamp kam_xl writes in the zip comment (see
  :mod:`kam_xl.output.manifest`): any change by another program, or a file kam_xl did not
  make, is "theirs". A CSV is replaced without a backup.
- **Cells.** :func:`check_cell_text` refuses text an Excel cell cannot hold;
  :func:`csv_cell` escapes text a spreadsheet would read as a formula.
"""

from kam_xl.output.cells import CSV_FORMULA_START, EXCEL_TEXT_LIMIT, CellTextError, check_cell_text, csv_cell, write_csv
from kam_xl.output.errors import OutputError, OverwriteError
from kam_xl.output.lock import LOCK_NAME, FolderBusyError
from kam_xl.output.manifest import is_ours, manifest_comment, stamp_manifest
from kam_xl.output.names import (
    MAX_NAME_BYTES,
    TEMP_PREFIX,
    NameCollisionError,
    check_file_name,
    name_key,
    printable,
    safe_file_name,
)
from kam_xl.output.transaction import Backup, BackupNotice, Committed, Transaction, save_file, write_temporary

__all__ = [
    "CSV_FORMULA_START",
    "EXCEL_TEXT_LIMIT",
    "LOCK_NAME",
    "MAX_NAME_BYTES",
    "TEMP_PREFIX",
    "Backup",
    "BackupNotice",
    "CellTextError",
    "Committed",
    "FolderBusyError",
    "NameCollisionError",
    "OutputError",
    "OverwriteError",
    "Transaction",
    "check_cell_text",
    "check_file_name",
    "csv_cell",
    "is_ours",
    "manifest_comment",
    "name_key",
    "printable",
    "safe_file_name",
    "save_file",
    "stamp_manifest",
    "write_csv",
    "write_temporary",
]
