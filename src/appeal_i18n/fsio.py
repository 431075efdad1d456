"""Atomic, change-only file writes with a lock, shared by every stage that writes files."""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` + ``.lock`` for the duration of the block.

    Two concurrent ``update`` runs on the same catalog serialise here instead of interleaving.
    The lock file is removed on release; a waiter that wakes up on a removed lock file
    retries on the new one, so two holders can never overlap.
    """
    lock_path = path.with_name(path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            current = os.stat(lock_path).st_ino
        except FileNotFoundError:
            current = -1
        if current == os.fstat(fd).st_ino:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock_path)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly these bytes.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, and
    replace the old file with ``os.replace``, so a crash at any point leaves either the
    old file or the new one. The old file's permission bits are kept. Returns True when
    the file was written.
    """
    try:
        if path.read_bytes() == data:
            return False
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return True


@dataclass(frozen=True, slots=True)
class FileResult:
    """A file a command wrote, or would write under ``--check``."""

    path: Path
    """The file."""
    changed: bool
    """True when its bytes changed (or would change)."""


def write_file(path: Path, data: bytes, *, check: bool = False) -> FileResult:
    """Write ``data`` atomically under the file's lock; with ``check``, only compare.

    A file that already holds ``data`` is left alone without taking its lock: whatever
    another writer does to it meanwhile, the outcome is that of one order of the two.
    """
    try:
        same = path.read_bytes() == data
    except FileNotFoundError:
        same = False
    if check or same:
        return FileResult(path, not same)
    with locked(path):
        return FileResult(path, write_atomic(path, data))
