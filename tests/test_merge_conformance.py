"""merge() against GNU msgmerge on the inputs of gettext's own msgmerge tests.

Each ``<shared>/testdata/gettext-suite/msgmerge-*/`` folder holds the test's command line
(``cmd.txt``) and its input files. A case is used when its command has only options that
merge() supports and ``msgfmt -c`` accepts its inputs; our result must then have the same
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

#: Cases where we differ from msgmerge on purpose.
DELIBERATE: dict[str, str] = {
    "msgmerge-format-2": "only c-format is checked when the template adds a format flag; "
                         "msgmerge also checks kde-format and marks the entry fuzzy",
}


def _command(case: Path) -> list[str] | None:
    """The case's msgmerge arguments (without the program), or None for a non-plain case."""
    line = case.joinpath("cmd.txt").read_text(encoding="utf-8").splitlines()[0]
    words = shlex.split(line.split("||")[0].replace("\\", ""))
    if not words or words[0] != "${MSGMERGE}":
        return None
    return words[1:]


def _inputs(case: Path) -> tuple[Path, Path] | None:
    """The PO and POT of a plain case whose inputs msgfmt -c accepts."""
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
    for path in paths:
        check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)],
                               capture_output=True)
        if check.returncode != 0:
            return None
    return paths


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
        pytest.skip("options merge() does not support, or inputs msgfmt -c rejects")
    po, pot = inputs
    out = tmp_path / "gnu.po"
    subprocess.run(["msgmerge", "-q", "--previous", "-o", str(out), str(po), str(pot)],
                   check=True, capture_output=True)
    gnu = read_po(out)
    ours = merge(read_po(po), read_po(pot))
    assert normalized(ours)[1:] == normalized(gnu)[1:]
    assert ours.header is not None and gnu.header is not None
    assert _without_language(ours.header.msgstr) == _without_language(gnu.header.msgstr)
    # msgmerge 0.21 sometimes drops format flags of obsolete entries; compare active ones.
    assert [e.flags for e in ours.messages] == [e.flags for e in gnu.messages]
