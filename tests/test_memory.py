"""The translation memory across letters: a new letter's passages get the translations of the
same or similar passages of the language's other letters, as `msgmerge --compendium` does."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from appeal_i18n.catalogs import new_catalog
from appeal_i18n.cli import main
from appeal_i18n.model import FUZZY, TRANSLATED, UNTRANSLATED, state
from appeal_i18n.pofile import format_po, read_po
from appeal_i18n.review import records
from tests.conftest import needs

FIXTURE = Path(__file__).parent / "data" / "memory"
LETTER = Path("locales/uk/LC_MESSAGES/letter.po")
SECOND = Path("locales/uk/LC_MESSAGES/second.po")


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [args[0], "-C", str(project), *args[1:]])


@pytest.fixture
def memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two letters sharing the signature block; only the first is translated (into uk)."""
    shutil.copytree(FIXTURE, tmp_path / "p")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    return tmp_path / "p"


def by_msgid(path: Path) -> dict[str, tuple[str, str, str | None]]:
    return {e.msgid: (state(e), e.msgstr, e.previous_msgid) for e in read_po(path).messages}


def test_a_new_letter_is_proposed_the_translations_of_the_other(memory: Path) -> None:
    assert run(memory, "extract").exit_code == 0
    result = run(memory, "update")
    assert result.exit_code == 0, result.output
    got = by_msgid(memory / SECOND)
    letter = by_msgid(memory / LETTER)
    # Exact matches come in as msgmerge brings them: translated, or fuzzy when the other
    # letter's translation is fuzzy.
    for msgid in ("Dear President Trump,", "Respectfully,"):
        assert got[msgid] == (TRANSLATED, letter[msgid][1], None)
    oleksandra, oleg = (m for m in got if m.startswith(("Oleksandra", "Oleg")))
    assert got[oleksandra][0] == TRANSLATED
    assert got[oleg][:2] == (FUZZY, letter[oleg][1])
    # Similar English: fuzzy, with the other letter's English as the previous one.
    assert got["Free people first!"] == (FUZZY, letter["Free people first."][1],
                                         "Free people first.")
    eighty = next(m for m in got if m.startswith("And 80"))
    seventy_three = next(m for m in letter if m.startswith("And 73"))
    assert got[eighty] == (FUZZY, letter[seventy_three][1], seventy_three)
    # Nothing similar: untranslated.
    assert got["PEOPLE FIRST: A SECOND APPEAL"][0] == UNTRANSLATED
    assert got["We write to you again about the civilians who are still held."][0] \
        == UNTRANSLATED
    # An approval given in the other letter does not come along; other comments do.
    respectfully = next(e for e in read_po(memory / SECOND).messages
                        if e.msgid == "Respectfully,")
    assert list(respectfully.translator_comments) == ["A closing formula."]
    assert not records(respectfully)
    status = run(memory, "status", "--format", "csv").stdout
    assert "locales/uk/LC_MESSAGES/second.po,uk,second,37.50,8,3,3,2," in status
    # A second update, and `all`, change nothing.
    before = (memory / SECOND).read_bytes()
    assert run(memory, "update").exit_code == 0
    assert run(memory, "all", "--format", "txt").exit_code == 0
    assert (memory / SECOND).read_bytes() == before


@needs("msgmerge")
def test_same_result_as_msgmerge_compendium(memory: Path, tmp_path: Path) -> None:
    assert run(memory, "extract").exit_code == 0
    # A new catalog: msgmerge -C from a catalog with only the header.
    pot = memory / "locales" / "second.pot"
    empty = new_catalog(read_po(pot), "uk")
    empty.entries = empty.entries[:1]
    (tmp_path / "empty.po").write_bytes(format_po(empty))
    compendium = memory / LETTER
    gnu = _msgmerge(compendium, tmp_path / "empty.po", pot)
    assert run(memory, "update").exit_code == 0
    assert (memory / SECOND).read_bytes() == _without_review_records(gnu)
    # An existing catalog meets new passages: one the other letter has, one similar to one
    # it has; the passages it already had but left untranslated are not searched again,
    # as msgmerge does not.
    before = tmp_path / "before.po"
    shutil.copy(memory / SECOND, before)
    source = memory / "source" / "second.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Free people first!\n",
        "Free people first!\n\nAll unlawfully detained civilians must be immediately "
        "released.\n\nAll unlawfully detained civilians must be released now.\n\n"
        "Free them all now.\n"),
        encoding="utf-8")
    assert run(memory, "extract").exit_code == 0
    gnu = _msgmerge(compendium, before, pot)
    assert run(memory, "update").exit_code == 0
    assert (memory / SECOND).read_bytes() == _without_review_records(gnu)
    got = by_msgid(memory / SECOND)
    assert got["All unlawfully detained civilians must be immediately released."][0] \
        == TRANSLATED
    assert got["All unlawfully detained civilians must be released now."][0] == FUZZY
    # A passage the other letter dropped (obsolete there) still lends its translation.
    assert got["Free them all now."] == (TRANSLATED, "Звільніть їх усіх зараз.", None)


def _msgmerge(compendium: Path, po: Path, pot: Path) -> bytes:
    return subprocess.run(["msgmerge", "--quiet", "--previous", "-C", str(compendium),
                           "-o", "-", str(po), str(pot)],
                          check=True, capture_output=True).stdout


def _without_review_records(data: bytes) -> bytes:
    return b"".join(line for line in data.splitlines(keepends=True)
                    if not line.startswith(b"# reviewed: "))


def test_all_proposes_as_update_does(memory: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    shutil.copytree(memory, twin)
    assert run(memory, "extract").exit_code == 0
    assert run(memory, "update").exit_code == 0
    result = run(twin, "all", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert (twin / SECOND).read_bytes() == (memory / SECOND).read_bytes()
