"""merge() against GNU msgmerge on the inputs of gettext's own msgmerge tests.

Each ``<shared>/testdata/gettext-suite/msgmerge-*/`` folder holds the test's command line
(``cmd.txt``) and its input files. A case is used when its command has only options that
merge() supports and msgmerge merges its inputs (``update --pot`` reads what msgmerge and
msgcat read); our result must then have the same
entries, translations, flags, previous strings and obsolete entries as the installed
``msgmerge --previous`` gives.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from appeal_i18n.merge import merge
from appeal_i18n.pofile import read_po
from tests.conftest import SHARED
from tests.test_merge import needs_msgmerge, normalized

SUITE = SHARED / "gettext-suite"

#: Options that do not change what is merged (``--update`` writes in place instead of ``-o``).
PLAIN_OPTIONS = {"-q", "--quiet", "--previous", "--update", "-U"}

#: Cases where we differ from msgmerge on purpose (none: see docs/gettext-differences.md).
DELIBERATE: dict[str, str] = {}


def _command(case: Path) -> list[str] | None:
    """The case's msgmerge arguments (without the program), or None for a non-plain case."""
    line = case.joinpath("cmd.txt").read_text(encoding="utf-8").splitlines()[0]
    words = [word for word in shlex.split(line.split("||")[0].replace("\\", ""))
             if not word.startswith((">", "2>"))]  # redirections of the test's output
    if not words or words[0] != "${MSGMERGE}":
        return None
    return words[1:]


def _inputs(case: Path) -> tuple[Path, Path] | None:
    """The PO and POT of a plain case that msgmerge merges."""
    args = _command(case)
    if args is None:
        return None
    files: list[str] = []
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
        elif arg == "-o":
            skip_next = True
        elif arg.startswith("-"):
            if arg not in PLAIN_OPTIONS:
                return None
        else:
            files.append(arg)
    if len(files) != 2 or not all((case / name).is_file() for name in files):
        return None
    paths = (case / files[0], case / files[1])
    merged = subprocess.run(["msgmerge", "-q", "-o", "/dev/null", *map(str, paths)],
                            capture_output=True)
    return paths if merged.returncode == 0 else None


def _without_language(header: str) -> str:
    """The header without its Language line: msgmerge 0.21 guesses one from the team's name."""
    return "".join(line for line in header.splitlines(keepends=True)
                   if not line.startswith("Language:"))


def _cases() -> list[str]:
    if not SUITE.is_dir():
        return []
    return sorted(p.name for p in SUITE.glob("msgmerge-*") if (p / "cmd.txt").is_file())


def _params() -> list[object]:
    params: list[object] = []
    for name in _cases():
        marks = []
        if name in DELIBERATE:
            marks.append(pytest.mark.xfail(reason=DELIBERATE[name], strict=True))
        params.append(pytest.param(name, marks=marks))
    return params


@pytest.mark.skipif(not SUITE.is_dir(), reason="shared gettext test suite not present")
@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not installed")
@needs_msgmerge
@pytest.mark.parametrize("name", _params())
def test_suite_case_matches_msgmerge(name: str, tmp_path: Path) -> None:
    """Same entries, translations, fuzzy flags, previous strings and obsolete set as GNU."""
    inputs = _inputs(SUITE / name)
    if inputs is None:
        pytest.skip("options merge() does not support, or inputs msgmerge rejects")
    po, pot = inputs
    out = tmp_path / "gnu.po"
    subprocess.run(["msgmerge", "-q", "--previous", "-o", str(out), str(po), str(pot)],
                   check=True, capture_output=True)
    gnu = read_po(out, check=False)
    ours = merge(read_po(po, check=False), read_po(pot, check=False))
    assert normalized(ours)[1:] == normalized(gnu)[1:]
    assert (ours.header is None) == (gnu.header is None)
    if ours.header is not None and gnu.header is not None:
        assert _without_language(ours.header.msgstr) == _without_language(gnu.header.msgstr)
    # msgmerge 0.21 sometimes drops format flags of obsolete entries; compare active ones.
    assert [e.flags for e in ours.messages] == [e.flags for e in gnu.messages]


@pytest.mark.skipif(not SUITE.is_dir(), reason="shared gettext test suite not present")
@needs_msgmerge
@pytest.mark.parametrize("name", ["msgmerge-5", "msgmerge-7", "msgmerge-format-2"])
def test_update_pot_writes_msgmerges_bytes(name: str, tmp_path: Path) -> None:
    """``update --pot`` on the cases issue 15 found refused or different: msgmerge's bytes,
    but for the ``Language`` field msgmerge 0.21 adds (docs/gettext-differences.md)."""
    import sys

    inputs = _inputs(SUITE / name)
    assert inputs is not None
    po, pot = inputs
    target = tmp_path / "x.po"
    target.write_bytes(po.read_bytes())
    done = subprocess.run([sys.executable, "-m", "appeal_i18n", "update", "--pot", str(pot),
                           str(target)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    gnu = subprocess.run(["msgmerge", "-q", "--previous", "-o", "-", str(po), str(pot)],
                         capture_output=True, check=True).stdout
    expected = "".join(line for line in gnu.decode("utf-8").splitlines(keepends=True)
                       if not line.startswith('"Language: '))
    assert target.read_text("utf-8") == expected
