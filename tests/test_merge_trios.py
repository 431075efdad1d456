"""Merge trios: an old catalog, a new template, the expected merged catalog.

Each ``tests/data/merge-trios/<case>/`` holds ``old.po`` (a translated catalog), ``new.pot``
(the template after an edit of the letter) and ``expected.po``: the output of GNU gettext
0.21's ::

    msgmerge --previous -q -o expected.po old.po new.pot

which is what ``appeal-i18n update`` is meant to reproduce byte for byte (README: "merge
templates into catalogs like ``msgmerge --previous``"; references are kept, so no
``--no-location``). Every expected.po was read through after it was generated; refresh them
with ``UPDATE_GOLDEN=1 pytest tests/test_merge_trios.py`` (needs msgmerge) and review the diff.

The cases: entries unchanged; a changed msgid becoming fuzzy with ``#| msgid``; a removed
entry becoming obsolete (and an untranslated one dropped); an obsolete entry revived;
a new entry left untranslated; msgctxt added and changed; a context-only change; plural
entries (forms adapted to the header's nplurals, a singular becoming plural); plural forms
changed (plural to singular, a new msgid_plural); references and extracted comments from the
template with the translator comments of the old PO; the header (POT-Creation-Date and
Report-Msgid-Bugs-To from the template, the translator's fields kept); entries already fuzzy;
a fuzzy entry removed (``#~|``); format flags from the template.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from appeal_i18n.catalogs import update_catalog
from appeal_i18n.merge import merge
from appeal_i18n.pofile import format_po, read_po
from tests.conftest import needs

TRIOS = Path(__file__).resolve().parent / "data" / "merge-trios"
CASES = sorted(p.name for p in TRIOS.iterdir() if p.is_dir())


def msgmerge(case: Path) -> bytes:
    """GNU msgmerge's merge of the case's inputs, as expected.po was made."""
    return subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", str(case / "old.po"), str(case / "new.pot")],
        capture_output=True, check=True).stdout


def updated(case: Path, tmp_path: Path) -> bytes:
    """What ``appeal-i18n update --pot new.pot old.po`` writes: the function that ``update``
    calls for each catalog (strict reads, merge, canonical writer), on a copy of old.po."""
    target = tmp_path / "old.po"
    shutil.copy(case / "old.po", target)
    update_catalog(target, read_po(case / "new.pot"))
    return target.read_bytes()


def test_there_are_cases() -> None:
    assert 10 <= len(CASES) <= 14
    for name in CASES:
        assert sorted(p.name for p in (TRIOS / name).iterdir()) == [
            "expected.po", "new.pot", "old.po"], name


@pytest.mark.skipif(os.environ.get("UPDATE_GOLDEN") != "1", reason="UPDATE_GOLDEN=1 not set")
@needs("msgmerge")
@pytest.mark.parametrize("name", CASES)
def test_refresh_expected(name: str) -> None:
    case = TRIOS / name
    (case / "expected.po").write_bytes(msgmerge(case))


@pytest.mark.parametrize("name", CASES)
def test_update_gives_expected(name: str, tmp_path: Path) -> None:
    case = TRIOS / name
    assert updated(case, tmp_path) == (case / "expected.po").read_bytes()


@pytest.mark.parametrize("name", CASES)
def test_merge_and_format_give_expected(name: str) -> None:
    """merge() and format_po() on leniently read catalogs give the same bytes as update."""
    case = TRIOS / name
    po = read_po(case / "old.po", check=False)
    pot = read_po(case / "new.pot", check=False)
    assert format_po(merge(po, pot)) == (case / "expected.po").read_bytes()


@pytest.mark.parametrize("name", CASES)
def test_merging_again_changes_nothing(name: str, tmp_path: Path) -> None:
    """The expected catalog is already up to date with its template."""
    case = TRIOS / name
    target = tmp_path / "expected.po"
    shutil.copy(case / "expected.po", target)
    assert not update_catalog(target, read_po(case / "new.pot")).changed


@needs("msgmerge")
@pytest.mark.parametrize("name", CASES)
def test_update_matches_live_msgmerge(name: str, tmp_path: Path) -> None:
    case = TRIOS / name
    assert updated(case, tmp_path) == msgmerge(case)
