"""Temporaries and the transaction that puts them in place, all or nothing."""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
import tempfile
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kam_xl.output.errors import OutputError, OverwriteError
from kam_xl.output.lock import acquire, release
from kam_xl.output.manifest import WORKBOOK_SUFFIXES, is_ours
from kam_xl.output.names import TEMP_PREFIX, NameCollisionError, check_file_name, cut_utf8, name_key

__all__ = ["Backup", "BackupNotice", "Committed", "Transaction", "prepare_folder", "save_file", "write_temporary"]

# errors meaning "no hard links here" (FAT, some network shares)
_NO_LINKS = {
    getattr(errno, code)
    for code in ("EPERM", "EOPNOTSUPP", "ENOTSUP", "EXDEV", "EMLINK", "ENOSYS", "EINVAL")
    if hasattr(errno, code)
}


class BackupNotice(UserWarning):
    """A replaced workbook held content kam_xl did not write; it was kept as a backup."""


def prepare_folder(path: Path) -> Path:
    """The folder ``path``, created if missing; a one-line error when it cannot be."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError("out", f"{path} 是文件而不是文件夹", f"{path} is a file, not a folder") from None
    except OSError as exc:
        raise OutputError.of(exc, path, ("创建文件夹", "create the folder")) from None
    return path


def _temporary(target: Path, run: str) -> Path:
    try:
        prefix = f"{TEMP_PREFIX}{cut_utf8(target.name, 100)}-{run}"
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError.of(exc, target.parent, ("在文件夹中写入", "write in")) from None
    os.close(fd)
    return Path(tmp)


def write_temporary(target: str | os.PathLike[str], write: Callable[[Path], object], run: str = "") -> Path:
    """Run ``write`` on a new temporary beside ``target`` and return it; on any failure it is removed.

    ``run`` (a transaction's :attr:`Transaction.run`) goes into the name, so that the
    transaction finds its temporaries even if a Ctrl-C lands before it was handed them.
    """
    target = Path(target)
    tmp = _temporary(target, run)
    try:
        write(tmp)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError.of(exc, target, ("写入", "write")) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


@dataclass(frozen=True)
class Backup:
    target: Path
    backup: Path

    def message(self, lang: str) -> str:
        if lang == "zh":
            return f"已覆盖 {self.target}：其中有非 kam_xl 写入的内容，原文件已备份为 {self.backup}"
        return f"replaced {self.target}: it held content kam_xl did not write; the old file is kept as {self.backup}"


@dataclass(frozen=True)
class Committed:
    """What a transaction put in place: its files, and the backups it kept."""

    files: tuple[Path, ...]
    backups: tuple[Backup, ...] = ()

    def warn(self) -> None:
        """A :class:`BackupNotice` per backup kept (how the library says so; the CLI prints them)."""
        for backup in self.backups:
            warnings.warn(BackupNotice(f"{backup.message('zh')} / {backup.message('en')}"), stacklevel=3)


@dataclass(frozen=True)
class _Placed:
    target: Path
    inode: int
    keep: Path | None  # the replaced file, kept aside to restore on failure
    backup: bool  # whether ``keep`` is a backup the user keeps


def _link_or_copy(src: Path, dst: Path) -> None:
    """``dst`` becomes ``src``'s content; FileExistsError if ``dst`` exists."""
    try:
        os.link(src, dst)
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        with open(src, "rb") as a, open(dst, "xb") as b:
            shutil.copyfileobj(a, b)
        shutil.copystat(src, dst)


class Transaction:
    """A run that writes several files: all of them land, or none does.

    ``with Transaction(force=..., lock=[folder]) as txn``: :meth:`reserve` the targets
    (collisions and, without force, existing files are refused before any work),
    :meth:`stage` each one (written to a temporary), then :meth:`commit`. Leaving the
    block without committing removes the temporaries; the folder locks are released.
    """

    def __init__(self, *, force: bool = False, lock: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.force = force
        self._lock_folders = [Path(f) for f in lock]
        self._locks: list[Path] = []
        self._made: list[Path] = []  # folders this run created: removed again if left empty
        self._names: dict[tuple[str, str], tuple[str, Path]] = {}
        self._staged: list[tuple[Path, Path]] = []
        self._folders: set[Path] = set()  # where this run may have left temporaries
        self.run = secrets.token_hex(4)  # in the names of this run's temporaries
        mask = os.umask(0)
        os.umask(mask)
        self._mode = 0o666 & ~mask  # mkstemp makes files private; an output is an ordinary file

    def __enter__(self) -> Transaction:
        try:
            for folder in self._lock_folders:
                self.lock(folder)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _prepare(self, folder: Path) -> Path:
        for missing in reversed([p for p in (folder, *folder.parents) if not p.exists()]):
            try:
                missing.mkdir()
            except OSError:
                break  # made by someone else meanwhile, or not possible: prepare_folder tells
            self._made.append(missing)
        self._folders.add(folder)
        return prepare_folder(folder)

    def lock(self, folder: str | os.PathLike[str]) -> None:
        """Make ``folder`` (if missing) and take its lock: another run into it refuses at once."""
        self._locks.append(acquire(self._prepare(Path(folder))))

    def reserve(self, targets: Iterable[tuple[Path, str]]) -> None:
        """Check ``(target, what it holds)`` pairs (what: e.g. the account) before any work: names
        portable and distinct once made safe, and, without force, no target there yet."""
        targets = [(check_file_name(target), label) for target, label in targets]
        for target, label in targets:
            key = (os.path.abspath(target.parent), name_key(target.name))
            seen = self._names.get(key)
            if seen is not None and seen != (label, target):
                raise NameCollisionError(seen[0], label, target.name)
            self._names[key] = (label, target)
        if not self.force:
            existing = [str(t) for t, _ in targets if os.path.lexists(t)]
            if existing:
                raise OverwriteError(", ".join(existing[:3]) + (" …" if len(existing) > 3 else ""))

    def stage(self, target: str | os.PathLike[str], write: Callable[[Path], object], label: str = "") -> Path:
        """Write ``target``'s content now, to a temporary; it is put in place by :meth:`commit`."""
        target = Path(target)
        key = (os.path.abspath(target.parent), name_key(target.name))
        if self._names.get(key, ("", None))[1] != target:  # not reserved yet
            self.reserve([(target, label or str(target))])
        self._prepare(target.parent)
        tmp = write_temporary(target, write, self.run)
        self._staged.append((target, tmp))
        return tmp

    def adopt(self, target: str | os.PathLike[str], tmp: Path) -> None:
        """Take over a temporary written elsewhere (a worker process) by :func:`write_temporary`
        with this transaction's :attr:`run` (the target's folder is prepared here first)."""
        self._staged.append((Path(target), tmp))

    def commit(self) -> Committed:
        """Put every staged file in place, in order; on failure withdraw those already placed."""
        placed: list[_Placed] = []
        for target, tmp in self._staged:
            try:
                placed.append(self._place(target, tmp))
            except BaseException as exc:
                self._withdraw(placed)
                if isinstance(exc, OSError):
                    then = ("；本次已写入的文件均已撤回", "; this run's files were withdrawn")
                    raise OutputError.of(exc, target, ("写入", "put in place"), then) from None
                raise
        self._staged = []
        for p in placed:
            if p.keep is not None and not p.backup:
                p.keep.unlink(missing_ok=True)
        return Committed(
            tuple(p.target for p in placed),
            tuple(Backup(p.target, p.keep) for p in placed if p.keep is not None and p.backup),
        )

    def _place(self, target: Path, tmp: Path) -> _Placed:
        inode = os.stat(tmp).st_ino
        try:
            old = os.lstat(target)
        except FileNotFoundError:
            old = None
        if old is not None and not self.force:
            raise OverwriteError(str(target), meanwhile=True)
        if old is not None and stat.S_ISDIR(old.st_mode):
            raise OutputError(
                "path",
                f"{target} 是文件夹，不能覆盖；本次已写入的文件均已撤回",
                f"{target} is a folder and cannot be replaced; this run's files were withdrawn",
            )
        os.chmod(tmp, stat.S_IMODE(old.st_mode) if old is not None else self._mode)
        if old is None:
            try:
                os.link(tmp, target)  # fails if the target appeared meanwhile
            except FileExistsError:
                raise OverwriteError(str(target), meanwhile=True) from None
            except OSError as exc:
                if exc.errno not in _NO_LINKS:
                    raise
                try:
                    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY))  # claim the name
                except FileExistsError:
                    raise OverwriteError(str(target), meanwhile=True) from None
                os.replace(tmp, target)
                return _Placed(target, inode, None, False)
            os.unlink(tmp)
            return _Placed(target, inode, None, False)
        backup = target.suffix.lower() in WORKBOOK_SUFFIXES and not is_ours(target)
        keep = self._backup(target) if backup else self._aside(target)
        try:
            os.replace(tmp, target)
        except BaseException:
            if os.path.lexists(target):  # the old file is still in place: its second name goes
                keep.unlink(missing_ok=True)
            else:
                os.replace(keep, target)
            raise
        return _Placed(target, inode, keep, backup)

    @staticmethod
    def _backup(target: Path) -> Path:
        when = datetime.now().strftime("%Y%m%d-%H%M%S")
        for n in range(1, 1000):
            backup = target.with_name(f"{target.stem}.backup-{when}{'' if n == 1 else f'-{n}'}{target.suffix}")
            try:
                _link_or_copy(target, backup)  # never over an older backup
            except FileExistsError:
                continue
            return backup
        raise OutputError("path", f"无法为 {target} 找到备份文件名", f"no free backup name for {target}")

    @staticmethod
    def _aside(target: Path) -> Path:
        aside = target.with_name(f"{TEMP_PREFIX}{cut_utf8(target.name, 100)}-{secrets.token_hex(4)}.old")
        try:
            os.link(target, aside)
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            os.rename(target, aside)
        return aside

    @staticmethod
    def _withdraw(placed: list[_Placed]) -> None:
        for p in reversed(placed):
            try:
                if p.keep is not None:
                    os.replace(p.keep, p.target)
                elif os.stat(p.target).st_ino == p.inode:  # still ours, not someone else's
                    os.unlink(p.target)
            except OSError:
                continue

    def _mine(self, name: str) -> bool:
        return name.startswith(TEMP_PREFIX) and name.endswith(".tmp") and f"-{self.run}" in name

    def close(self) -> None:
        """Remove what was not committed, release the locks, remove folders this run left empty."""
        for _, tmp in self._staged:
            tmp.unlink(missing_ok=True)
        self._staged = []
        for folder in self._folders:  # and any a Ctrl-C kept from being handed over
            try:
                stray = [e.path for e in os.scandir(folder) if self._mine(e.name)]
            except OSError:
                continue
            for path in stray:
                Path(path).unlink(missing_ok=True)
        self._folders = set()
        for lock in self._locks:
            release(lock)
        self._locks = []
        for folder in sorted(self._made, key=lambda p: len(p.parts), reverse=True):
            try:
                folder.rmdir()  # only when empty
            except OSError:
                pass
        self._made = []


def save_file(path: str | os.PathLike[str], write: Callable[[Path], object], *, force: bool = False) -> Path:
    """Write one file through the boundary (``write`` fills a temporary); a kept backup is warned about."""
    with Transaction(force=force) as txn:
        txn.stage(path, write)
        done = txn.commit()
    done.warn()
    return Path(path)
