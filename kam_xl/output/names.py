"""File names made from data: portable, bounded, and distinct once made safe."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from kam_xl.output.errors import OutputError

__all__ = [
    "MAX_NAME_BYTES",
    "TEMP_PREFIX",
    "NameCollisionError",
    "check_file_name",
    "cut_utf8",
    "name_key",
    "printable",
    "safe_file_name",
]

TEMP_PREFIX = ".~kam_xl-"  # temporaries, set-aside files and the lock: recognisably kam_xl's
MAX_NAME_BYTES = 200  # leaves room for a temporary's or a backup's affixes within 255

_SHOWN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f\\/:*?"<>|]+')
_EXT = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"{p}{d}" for p in ("COM", "LPT") for d in "123456789¹²³")})


class NameCollisionError(OutputError):
    def __init__(self, first: str, second: str, name: str) -> None:
        first, second = printable(first), printable(second)
        super().__init__(
            "name",
            f"“{first}” 与 “{second}” 去除不可用字符后文件名相同（{name}），请将其一改名",
            f"'{first}' and '{second}' become the same file name ({name}) once made safe; rename one",
        )


def printable(text: str) -> str:
    """``text`` for a one-line message: control characters (and what XML forbids) as ``\\xNN``."""
    return _SHOWN.sub(
        lambda c: f"\\x{ord(c.group()):02x}" if ord(c.group()) < 256 else f"\\u{ord(c.group()):04x}", text
    )


def cut_utf8(text: str, max_bytes: int) -> str:
    """``text`` cut to ``max_bytes`` of UTF-8, at a character boundary."""
    return text.encode()[:max_bytes].decode("utf-8", "ignore")


def safe_file_name(name: str) -> str:
    """A portable file name from ``name`` (e.g. a template filled with an account name).

    NFC; each run of control characters and ``\\ / : * ? " < > |`` becomes ``_``; a
    Windows reserved name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension) or a
    leading dot gets a ``_`` in front; trailing dots and spaces go; the stem is cut so the
    whole name is at most 200 bytes of UTF-8. The extension (``.xlsx``) is kept.
    """
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", name))
    m = _EXT.search(name)
    stem, ext = (name[: m.start()], m.group()) if m and m.start() > 0 else (name, "")
    if stem.startswith(".") or stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem = "_" + stem
    stem = cut_utf8(stem.rstrip(". "), MAX_NAME_BYTES - len(ext.encode())).rstrip(". ")
    return (stem or "_") + ext


def name_key(name: str) -> str:
    """How file names are compared for collisions: NFC, case-folded (as Windows and macOS do)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def check_file_name(path: str | os.PathLike[str]) -> Path:
    """``path`` if its file name is portable (as :func:`safe_file_name` makes it), else an error."""
    path = Path(path)
    safe = safe_file_name(path.name)
    if safe != unicodedata.normalize("NFC", path.name):
        raise OutputError(
            "path",
            f'文件名不可用（含控制字符、\\/:*?"<>|、保留名或超过 200 字节）：{path.name!r}，可改为 “{safe}”',
            f'file name not portable (control characters, \\/:*?"<>|, a reserved name or over 200 bytes): '
            f"{path.name!r}; use '{safe}'",
        )
    return path
