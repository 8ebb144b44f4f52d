"""Telling a workbook kam_xl wrote, untouched since, from one someone else made or changed.

kam_xl stamps every workbook it writes with a manifest in the zip comment: a
SHA-256 over each part's name, CRC-32 and size. Reading it back needs only the
zip's directory, never the parts. The comment rather than a part such as
``docProps/custom.xml``: a manifest inside the package would have to cover
itself, and adding a part to a streamed 30 MB workbook means deflating it again;
a comment is written by rewriting the directory only.
"""

from __future__ import annotations

import hashlib
import os
import zipfile

__all__ = ["WORKBOOK_SUFFIXES", "is_ours", "manifest_comment", "stamp_manifest"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")  # what gets a backup when replaced and not ours
_MANIFEST = b"kam_xl-manifest/1 sha256:"


def manifest_comment(z: zipfile.ZipFile) -> bytes:
    """The stamp kam_xl puts in a workbook's zip comment: SHA-256 of each part's name, CRC-32 and size."""
    digest = hashlib.sha256()
    for info in sorted(z.infolist(), key=lambda i: i.filename):
        digest.update(f"{info.filename}\0{info.CRC}\0{info.file_size}\n".encode())
    return _MANIFEST + digest.hexdigest().encode()


def stamp_manifest(path: str | os.PathLike[str]) -> None:
    """Stamp a workbook kam_xl has just written (rewrites only the zip's directory)."""
    with zipfile.ZipFile(path, "a") as z:
        z.comment = manifest_comment(z)


def is_ours(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a workbook kam_xl wrote, exactly as it wrote it.

    Its stamp must match its parts. Excel and LibreOffice rewrite the package on saving
    and drop the comment; a tool that adds a part changes the parts. So an added sheet,
    chart, image, macro (vbaProject) or pivot table, a typed-in cell saved by Excel, or a
    file kam_xl did not make at all is "theirs" and is backed up before being replaced.
    """
    try:
        with zipfile.ZipFile(path) as z:
            return z.comment.startswith(_MANIFEST) and z.comment == manifest_comment(z)
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False
