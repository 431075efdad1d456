"""``status`` without click (:mod:`appeal_i18n.status_command`) does what click's does.

The console script answers the command lines :func:`status_command.parse` accepts without
importing click; every other one goes to click. Each accepted command line is run both
ways here, on the coverage fixture project with an unreadable catalog added: the same
stdout, stderr and exit code.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from appeal_i18n import entry, status_command
from appeal_i18n.cli import main as click_main

DATA = Path(__file__).parent / "data" / "coverage" / "project"


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(DATA, dest)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("not a folder\n", encoding="utf-8")
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    return dest


def _run(call: object, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        call()  # type: ignore[operator]
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def _both(argv: list[str], capsys: pytest.CaptureFixture[str],
          monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    monkeypatch.setattr(sys, "argv", ["appeal-i18n", *argv])
    fast = _run(entry.main, capsys)
    slow = _run(lambda: click_main(argv), capsys)
    return fast, slow


ACCEPTED = [
    ["status"],
    ["status", "--format", "json"],
    ["status", "--format=csv"],
    ["status", "--format", "markdown", "--passages"],
    ["status", "--passages"],
    ["status", "--passages", "--format", "json"],
    ["status", "--format", "json", "--format", "table"],
    ["status", "--fail-under", "50"],
    ["status", "--fail-under=100", "--format", "csv"],
    ["status", "--fail-under", "0"],
    ["status", "project/locales/uk"],
    ["status", "project/locales/de/LC_MESSAGES/letter.po", "--format", "json"],
    ["status", "project/locales", "broken.po"],
    ["status", "missing.po"],
    ["-C", "project", "status"],
    ["--project", "project", "status", "--format", "json"],
    ["--project=project", "status", "--passages"],
    ["status", "-C", "project", "--fail-under", "99.5"],
    ["-C", "elsewhere", "status", "--project", "project"],
    ["status", "--project=project", "locales/uk"],
    ["-C", "no-such-folder", "status"],
]

FALLBACK = [
    ["status", "--help"],
    ["status", "-h"],
    ["status", "--format", "xml"],
    ["status", "--format"],
    ["status", "--fail-under", "101"],
    ["status", "--fail-under", "abc"],
    ["status", "--fail-under", "-1"],
    ["status", "--passages", "--format", "csv"],
    ["status", "--", "broken.po"],
    ["status", "--bogus"],
    ["status", "--passages=yes"],
    ["status", "-C"],
    ["status", "-C", "afile"],
    ["-C", "afile", "status"],
    ["--version", "status"],
    ["check", "status"],
]


@pytest.mark.parametrize("argv", ACCEPTED, ids=" ".join)
def test_accepted_command_lines_match_click(argv: list[str], proj: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    assert status_command.parse(argv) is not None
    fast, slow = _both(argv, capsys, monkeypatch)
    assert fast == slow
    assert fast[1] or fast[2]  # something was reported, so the comparison means something


@pytest.mark.parametrize("argv", FALLBACK, ids=" ".join)
def test_other_command_lines_go_to_click(argv: list[str], proj: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert status_command.parse(argv) is None
    fast, slow = _both(argv, capsys, monkeypatch)
    assert fast == slow


def test_exit_codes_of_the_fast_path(proj: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture project has a partial and an empty language: --fail-under fails."""
    codes = {}
    for name, argv in {"ok": ["status", "project/locales/uk"],
                       "below": ["status", "-C", "project", "--fail-under", "100"],
                       "broken": ["status", "broken.po"],
                       "missing": ["status", "missing.po"]}.items():
        monkeypatch.setattr(sys, "argv", ["appeal-i18n", *argv])
        codes[name], _, err = _run(entry.main, capsys)
        assert "Traceback" not in err
    assert codes == {"ok": 0, "below": 1, "broken": 3, "missing": 2}


def test_status_does_not_import_click(proj: Path) -> None:
    """The point of the fast path, checked in a fresh interpreter."""
    code = ("import sys; sys.argv = ['appeal-i18n', 'status', '-C', 'project']\n"
            "from appeal_i18n.entry import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith("
            "('click', 'babel', 'markdown_it', 'jinja2', 'appeal_i18n.pofile.reader')))))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=proj.parent)
    assert "uk" in done.stdout
    assert done.stderr == "[]"
