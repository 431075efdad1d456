"""Atomic writes: a killed writer leaves the old file or the new one; locks serialise."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from appeal_i18n.fsio import locked, write_atomic, write_file

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from appeal_i18n.fsio import write_atomic
    path = Path(sys.argv[1])
    payloads = [b"A" * 4_000_000 + b"\\n", b"B" * 6_000_000 + b"\\n"]
    print("ready", flush=True)
    i = 0
    while True:
        write_atomic(path, payloads[i % 2])
        i += 1
""")


def test_sigkill_at_any_point_leaves_old_or_new_file(tmp_path: Path) -> None:
    target = tmp_path / "letter.po"
    old = b"old\n"
    target.write_bytes(old)
    allowed = {old, b"A" * 4_000_000 + b"\n", b"B" * 6_000_000 + b"\n"}
    for delay in (0.0, 0.003, 0.01, 0.02, 0.05, 0.08, 0.13, 0.21):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)],
                                stdout=subprocess.PIPE)
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert target.read_bytes() in allowed


def test_write_keeps_permissions_and_skips_identical_bytes(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    target.write_bytes(b"one\n")
    os.chmod(target, 0o640)
    before = target.stat().st_mtime_ns
    assert write_atomic(target, b"one\n") is False
    assert target.stat().st_mtime_ns == before
    assert write_atomic(target, b"two\n") is True
    assert target.read_bytes() == b"two\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]


def test_check_mode_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    result = write_file(target, b"new\n", check=True)
    assert result.changed and not target.exists()


HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from appeal_i18n.fsio import locked
    path, log, name, hold = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    with locked(path):
        with log.open("a") as f:
            f.write(name + "-in\\n")
        print("locked", flush=True)
        time.sleep(hold)
        with log.open("a") as f:
            f.write(name + "-out\\n")
""")


def test_lock_serialises_writers(tmp_path: Path) -> None:
    target, log = tmp_path / "x.po", tmp_path / "log"
    first = subprocess.Popen([sys.executable, "-c", HOLDER, str(target), str(log), "a", "0.5"],
                             stdout=subprocess.PIPE)
    assert first.stdout is not None and first.stdout.readline() == b"locked\n"
    second = subprocess.run([sys.executable, "-c", HOLDER, str(target), str(log), "b", "0"],
                            capture_output=True, check=True)
    assert second.returncode == 0 and first.wait() == 0
    assert log.read_text().split() == ["a-in", "a-out", "b-in", "b-out"]


def test_lock_is_reentrant_across_sequential_uses(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    for _ in range(3):
        with locked(target):
            write_atomic(target, b"x\n")
    assert target.read_bytes() == b"x\n"


COUNTER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from appeal_i18n.fsio import locked, write_atomic
    path = Path(sys.argv[1])
    for _ in range(200):
        with locked(path):
            value = int(path.read_text())
            write_atomic(path, f"{value + 1}\\n".encode())
""")


def test_concurrent_read_modify_write_loses_nothing(tmp_path: Path) -> None:
    target = tmp_path / "counter"
    target.write_text("0\n")
    procs = [subprocess.Popen([sys.executable, "-c", COUNTER, str(target)]) for _ in range(3)]
    assert all(p.wait() == 0 for p in procs)
    assert target.read_text() == "600\n"


def test_unchanged_file_is_left_without_its_lock(tmp_path: Path) -> None:
    """Writing the bytes a file already holds takes no lock (a build of an unchanged
    project touches no lock file), even while another process holds it; new bytes wait."""
    import threading

    target = tmp_path / "page.html"
    target.write_bytes(b"same")
    with locked(target):
        assert write_file(target, b"same").changed is False  # would block if it locked
        done: list[bool] = []
        writer = threading.Thread(target=lambda: done.append(write_file(target, b"new").changed))
        writer.start()
        writer.join(0.3)
        assert writer.is_alive() and not done  # a change waits for the lock
    writer.join(5)
    assert done == [True] and target.read_bytes() == b"new"
