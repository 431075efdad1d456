"""``appeal-i18n status`` through the real console script: output, errors and exit codes.

``status`` is an ordinary click command (:mod:`appeal_i18n.cli`); these command lines run
the installed ``appeal-i18n`` in a fresh process, on the coverage fixture project (uk
complete, de partial, fr empty) with a malformed catalog and a plain file beside it, and
check what a user sees: the exit code, stderr to the byte and the start of stdout. The
output formats themselves are checked against golden files in ``tests/test_status.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "coverage" / "project"
SCRIPT = Path(sys.executable).with_name("appeal-i18n")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "appeal_i18n"]
PROG = "appeal-i18n" if SCRIPT.exists() else "python -m appeal_i18n"
TABLE = "CATALOG                           LANG  PERCENT"
ANY_TABLE = "CATALOG "


@pytest.fixture
def cwd(tmp_path: Path) -> Path:
    """A folder holding ``project/`` (the fixture), ``afile`` and a malformed ``broken.po``."""
    shutil.copytree(DATA, tmp_path / "project")
    (tmp_path / "afile").write_text("not a folder\n", encoding="utf-8")
    (tmp_path / "broken.po").write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    return tmp_path


def appeal(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([*COMMAND, *argv], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", check=False, timeout=60)


def usage(message: str, command: str = "status") -> str:
    """The one line a usage error of ``status`` (or of the group) prints on stderr."""
    where = f"{command}: " if command else ""
    name = " ".join(filter(None, ("appeal-i18n", command)))
    return f"appeal-i18n: {where}{message} (see `{name} --help`)\n"


BELOW_100 = "below 100%: de (25.0% translated)\nbelow 100%: fr (0.0% translated)\n"
BROKEN = "appeal-i18n: broken.po:2: end-of-line within string\n"

# (command line, exit code, start of stdout ("" for nothing), stderr)
CASES: list[tuple[list[str], int, str, str]] = [
    (["status"], 2, "", "appeal-i18n: no catalogs to count in locales\n"),
    (["-C", "project", "status"], 0, TABLE, ""),
    (["status", "-C", "project", "--format", "json"], 0, '{\n  "version": 1,\n', ""),
    (["--project", "project", "status", "--format=csv"], 0, "kind,path,language,", ""),
    (["--project=project", "status", "--format", "markdown", "--passages"], 0,
     "## Translation status\n", ""),
    (["status", "-C", "project", "--passages"], 0, TABLE, ""),
    (["status", "-C", "project", "--format", "json", "--format", "table"], 0, TABLE, ""),
    (["-C", "elsewhere", "status", "--project", "project"], 0, TABLE, ""),
    (["status", "project/locales/uk"], 0, ANY_TABLE, ""),
    (["status", "--project=project", "locales/uk"], 2, "",
     "appeal-i18n: locales/uk: no such file or folder\n"),
    # --fail-under: its bounds, a language exactly at the threshold, and past it.
    (["status", "-C", "project", "--fail-under", "0"], 0, TABLE, ""),
    (["status", "-C", "project", "--fail-under", "25"], 1, TABLE,
     "below 25%: fr (0.0% translated)\n"),
    (["status", "-C", "project", "--fail-under", "25.0001"], 1, TABLE,
     "below 25.0001%: de (25.0% translated)\nbelow 25.0001%: fr (0.0% translated)\n"),
    (["status", "-C", "project", "--fail-under", "100"], 1, TABLE, BELOW_100),
    (["status", "-C", "project", "--fail-under=100.0"], 1, TABLE, BELOW_100),
    (["status", "-C", "project", "--fail-under", "1e2"], 1, TABLE, BELOW_100),
    (["status", "-C", "project", "--fail-under", "100", "project/locales/uk"], 0, ANY_TABLE,
     ""),
    (["status", "--fail-under", "101"], 2, "",
     usage("Invalid value for '--fail-under': 101 is not a percentage from 0 to 100")),
    (["status", "--fail-under", "100.00000001"], 2, "",
     usage("Invalid value for '--fail-under': 100.00000001 is not a percentage from 0 to "
           "100")),
    (["status", "--fail-under", "-1"], 2, "",
     usage("Invalid value for '--fail-under': -1 is not a percentage from 0 to 100")),
    (["status", "--fail-under", "abc"], 2, "",
     usage("Invalid value for '--fail-under': 'abc' is not a percentage (e.g. 80 or 80%)")),
    (["status", "--fail-under="], 2, "",
     usage("Invalid value for '--fail-under': '' is not a percentage (e.g. 80 or 80%)")),
    (["status", "-C", "project", "--fail-under", "25%"], 1, TABLE,
     "below 25%: fr (0.0% translated)\n"),
    # Catalogs that cannot be read: exit 3, the others still counted.
    (["status", "project/locales", "broken.po"], 3, ANY_TABLE, BROKEN),
    (["status", "-C", "project", "--fail-under", "100", "project/locales", "broken.po"], 3,
     ANY_TABLE, BROKEN + BELOW_100),
    (["status", "--", "broken.po"], 3, "no catalogs\n", BROKEN),
    # Usage errors.
    (["status", "missing.po"], 2, "", "appeal-i18n: missing.po: no such file or folder\n"),
    (["-C", "no-such-folder", "status"], 2, "",
     "appeal-i18n: no-such-folder: project folder not found\n"),
    (["status", "--format", "xml"], 2, "", usage(
        "Invalid value for '--format': 'xml' is not one of 'table', 'json', 'csv', "
        "'markdown'")),
    (["status", "--format"], 2, "", "appeal-i18n: Option '--format' requires an argument\n"),
    (["status", "--passages", "--format", "csv"], 2, "",
     usage("--passages is not available with --format csv")),
    (["status", "--bogus"], 2, "", usage("No such option '--bogus'")),
    (["status", "--passages=yes"], 2, "",
     "appeal-i18n: Option '--passages' does not take a value\n"),
    (["status", "-C"], 2, "", "appeal-i18n: Option '-C' requires an argument\n"),
    (["status", "-C", "afile"], 2, "",
     usage("Invalid value for '-C' / '--project': Directory 'afile' is a file")),
    (["-C", "afile", "status"], 2, "",
     usage("Invalid value for '-C' / '--project': Directory 'afile' is a file", "")),
    (["stauts"], 2, "", usage("No such command 'stauts'. Did you mean 'status'?", "")),
    # Help and version.
    (["status", "--help"], 0, f"Usage: {PROG} status [OPTIONS] [PATHS]...\n\n  Show how", ""),
    (["status", "-h"], 0, f"Usage: {PROG} status [OPTIONS] [PATHS]...\n\n  Show how", ""),
    (["--version", "status"], 0, "appeal-i18n, version 0.1.0\n", ""),
]


@pytest.mark.parametrize(("argv", "code", "out", "err"), CASES, ids=[" ".join(c[0]) or "-"
                                                                   for c in CASES])
def test_command_line(argv: list[str], code: int, out: str, err: str, cwd: Path) -> None:
    done = appeal(cwd, *argv)
    assert (done.returncode, done.stderr) == (code, err)
    assert done.stdout.startswith(out) if out else done.stdout == ""


def test_table_and_json_name_the_catalogs(cwd: Path) -> None:
    table = appeal(cwd, "status", "-C", "project").stdout
    assert "locales/uk/LC_MESSAGES/note.po    uk     100.0%" in table
    assert "\nde               1    25.0%" in table
    assert "\x1b[" not in table  # not a terminal
    doc = appeal(cwd, "status", "project/locales/de/LC_MESSAGES/letter.po", "--format", "json")
    assert '"path": "project/locales/de/LC_MESSAGES/letter.po"' in doc.stdout


def test_help_lists_the_options(cwd: Path) -> None:
    text = appeal(cwd, "status", "--help").stdout
    for option in ("-C, --project DIR", "--format [table|json|csv|markdown]", "--passages",
                   "--fail-under PCT", "-h, --help"):
        assert option in text


def test_exit_codes(cwd: Path) -> None:
    """0 fine, 1 below --fail-under, 2 usage, 3 a catalog that cannot be read."""
    codes = {}
    for name, argv in {"ok": ["status", "project/locales/uk"],
                       "below": ["status", "-C", "project", "--fail-under", "100"],
                       "usage": ["status", "missing.po"],
                       "broken": ["status", "broken.po"]}.items():
        done = appeal(cwd, *argv)
        codes[name] = done.returncode
        assert "Traceback" not in done.stderr
    assert codes == {"ok": 0, "below": 1, "usage": 2, "broken": 3}
