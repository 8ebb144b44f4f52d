"""The folder lock: one kam_xl run at a time writes into a folder.

A lock file created exclusively in the folder names the pid and host of its run;
a second run refuses at once. A lock whose process is gone (on this host) is taken
over: moved aside atomically, checked to be the one judged stale, then removed.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
import time
from pathlib import Path

from kam_xl.output.errors import OutputError
from kam_xl.output.names import TEMP_PREFIX

__all__ = ["LOCK_NAME", "FolderBusyError", "acquire", "release"]

LOCK_NAME = ".~kam_xl.lock"


class FolderBusyError(OutputError):
    def __init__(self, folder: Path, holder: str) -> None:
        lock = folder / LOCK_NAME
        super().__init__(
            "out",
            f"另一个 kam_xl 正在写入文件夹 {folder}（{holder}），本次未写入任何文件；若确认没有其他运行，请删除 {lock}",
            f"another kam_xl run is writing into {folder} ({holder}); nothing was written. "
            f"If no other run is active, delete {lock}",
        )


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill would end the process there
        import ctypes

        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        ok = kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return not ok or code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # EPERM: another user's process
    return True


def _holder(lock: Path) -> tuple[int, str] | None:
    try:
        pid, host = lock.read_text(encoding="utf-8", errors="replace")[:300].split()[:2]
        return int(pid), host
    except (OSError, ValueError):
        return None


def _stale(lock: Path, holder: tuple[int, str] | None) -> bool:
    if holder is None:  # being written this instant, or left empty by a crash long ago
        try:
            return time.time() - lock.stat().st_mtime > 60
        except OSError:
            return False
    pid, host = holder
    return host == socket.gethostname() and not _alive(pid)


def acquire(folder: Path) -> Path:
    """Take ``folder``'s lock (the folder exists) and return the lock file; refuse if another run holds it."""
    lock = folder / LOCK_NAME
    for _ in range(5):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _holder(lock)
            shown = f"pid {holder[0]} @ {holder[1]}" if holder else "pid ?"
            if not _stale(lock, holder):
                raise FolderBusyError(folder, shown) from None
            # take the stale lock over: move it aside atomically and make sure it was that one
            aside = folder / f"{TEMP_PREFIX}stale-{secrets.token_hex(4)}.lock"
            try:
                os.rename(lock, aside)
            except FileNotFoundError:
                continue
            if _holder(aside) != holder:  # another run took it over first: put its lock back
                try:
                    os.link(aside, lock)
                except OSError:
                    pass
                aside.unlink(missing_ok=True)
                raise FolderBusyError(folder, shown) from None
            aside.unlink(missing_ok=True)
            continue
        except FileNotFoundError:  # the folder went away (a refusing run removed the one it made)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise OutputError.of(exc, folder, ("创建文件夹", "create the folder")) from None
            continue
        except OSError as exc:
            raise OutputError.of(exc, folder, ("在文件夹中写入", "write in")) from None
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {socket.gethostname()}\n")
        return lock
    raise FolderBusyError(folder, "?")


def release(lock: Path) -> None:
    """Remove the lock file if it is still this process's."""
    if _holder(lock) == (os.getpid(), socket.gethostname()):
        lock.unlink(missing_ok=True)
