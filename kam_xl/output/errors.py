"""Errors of the output boundary: a file or folder that cannot be written, a file that
is not to be replaced.
"""

from __future__ import annotations

import errno
from pathlib import Path

from kam_xl.errors import KamError

__all__ = ["OutputError", "OverwriteError"]

_REASONS = {
    getattr(errno, code): reason
    for code, reason in (
        ("ENOSPC", ("磁盘已满", "disk full")),
        ("EDQUOT", ("超出磁盘配额", "disk quota exceeded")),
        ("EACCES", ("没有写入权限", "permission denied")),
        ("EPERM", ("没有写入权限", "permission denied")),
        ("EROFS", ("只读文件系统", "read-only file system")),
        ("ENOTDIR", ("路径中有一段是文件而不是文件夹", "a part of the path is a file, not a folder")),
        ("EISDIR", ("这是一个文件夹", "it is a folder")),
        ("ENAMETOOLONG", ("文件名过长", "file name too long")),
        ("ENOENT", ("路径不存在", "no such file or folder")),
    )
    if hasattr(errno, code)  # not every platform has every code (EDQUOT on Windows)
}


class OutputError(KamError):
    """A file or folder kam_xl cannot write."""

    @classmethod
    def of(cls, exc: OSError, path: Path, doing: tuple[str, str], then: tuple[str, str] = ("", "")) -> OutputError:
        """From an OS error met while ``doing`` something to ``path``; ``then``: what followed."""
        zh, en = _REASONS.get(exc.errno or 0, (exc.strerror or str(exc), exc.strerror or str(exc)))
        return cls("path", f"无法{doing[0]} {path}：{zh}{then[0]}", f"cannot {doing[1]} {path}: {en}{then[1]}")


class OverwriteError(OutputError):
    """The target exists (or appeared while writing) and replacing it was not asked for."""

    def __init__(self, path: str, *, meanwhile: bool = False) -> None:
        if meanwhile:
            super().__init__(
                "path",
                f"文件在写入期间出现，未覆盖：{path}；本次已写入的文件均已撤回（如需覆盖请加 --force）",
                f"file appeared while writing, not overwritten: {path}; this run's files were withdrawn (use --force)",
            )
        else:
            super().__init__(
                "path",
                f"文件已存在，未覆盖：{path}（如需覆盖请加 --force）",
                f"file exists, not overwritten: {path} (use --force)",
            )
