"""Counting: msgfmt's figures on real catalogs, the buckets, words, languages, passages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from appeal_i18n.config import load_config
from appeal_i18n.coverage import (
    FUZZY,
    TRANSLATED,
    UNTRANSLATED,
    Counts,
    below,
    find_catalogs,
    path_language_domain,
    percent_of,
    read_stats,
    status,
)
from appeal_i18n.errors import UsageError
from appeal_i18n.report import format_diff, word_diff
from tests.conftest import SHARED, needs

REAL = SHARED / "real-po"
FIXTURE = Path(__file__).parent / "data" / "coverage" / "project"

#: msgfmt's figures from real-po/SOURCES.txt: translated, fuzzy, untranslated.
MSGFMT_FIGURES = {
    "meld.ru.po": (516, 0, 0),
    "meld.uk.po": (560, 0, 0),
    "lutris.ru.po": (967, 160, 515),
    "apostrophe.ru.po": (56, 26, 46),
    "bison.ru.koi8r.po": (110, 1, 21),
    "geeqie.uk.po": (106, 929, 842),
    "failing/arctica-greeter.uk.po": (89, 8, 9),
    "failing/bottles.uk.po": (676, 0, 0),
}

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="shared/testdata/real-po absent")


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    """The coverage fixture project (uk complete, de partial, fr empty) in tmp_path."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURE, dest)
    return dest


@needs_real
@pytest.mark.parametrize("name", sorted(MSGFMT_FIGURES))
def test_counts_equal_msgfmt_figures(name: str) -> None:
    result = read_stats([REAL / name])
    assert not result.errors
    (stats,) = result.catalogs
    m = stats.messages
    assert (m.translated, m.fuzzy, m.untranslated) == MSGFMT_FIGURES[name]


def _msgfmt(path: Path) -> tuple[int, int, int]:
    out = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                         capture_output=True, text=True, env={"LC_ALL": "C"}, check=False)
    figures = {kind: int(n) for n, kind in
               re.findall(r"(\d+) (translated|fuzzy|untranslated)", out.stderr)}
    return (figures.get("translated", 0), figures.get("fuzzy", 0),
            figures.get("untranslated", 0))


@needs("msgfmt")
def test_counts_equal_live_msgfmt_on_fixture_and_real_catalogs() -> None:
    files = find_catalogs([FIXTURE, *([REAL] if REAL.is_dir() else [])])
    result = read_stats(files)
    assert not result.errors
    for stats in result.catalogs:
        m = stats.messages
        assert (m.translated, m.fuzzy, m.untranslated) == _msgfmt(Path(stats.path)), stats.path


@needs_real
def test_obsolete_reported_apart() -> None:
    (stats,) = read_stats([REAL / "meld.ru.po"]).catalogs
    assert stats.messages.obsolete == 119
    assert stats.messages.total == 516


def test_fixture_buckets(fixture_project: Path) -> None:
    result = status(load_config(fixture_project))
    by_path = {c.path: c for c in result.catalogs}
    assert list(by_path) == [
        "locales/de/LC_MESSAGES/letter.po", "locales/fr/LC_MESSAGES/letter.po",
        "locales/uk/LC_MESSAGES/letter.po", "locales/uk/LC_MESSAGES/note.po",
    ]
    de = by_path["locales/de/LC_MESSAGES/letter.po"]
    # A fuzzy entry with an empty msgstr is untranslated (msgfmt's rule).
    assert de.messages == Counts(translated=1, fuzzy=1, untranslated=2, obsolete=2)
    # msgid words, plus msgid_plural words for the plural entry (3 + 3).
    assert de.words == Counts(translated=2, fuzzy=3, untranslated=1 + 6, obsolete=4)
    assert de.percent == 25.0
    assert (de.language, de.domain) == ("de", "letter")
    assert de.last_translator == "Max Mustermann <max@example.org>"
    assert de.revision_date == "2025-08-10 12:00+0200"
    fr = by_path["locales/fr/LC_MESSAGES/letter.po"]
    assert fr.empty and fr.percent == 0.0 and fr.messages.total == 0
    assert fr.last_translator is None
    langs = {lang.language: lang for lang in result.languages}
    assert list(langs) == ["de", "fr", "uk"]
    assert langs["uk"].catalogs == 2 and langs["uk"].percent == 100.0
    assert langs["uk"].messages.total == 5


def test_percent_rounds_down_and_threshold_is_exact() -> None:
    almost = Counts(translated=1999, untranslated=1)
    assert percent_of(almost) == 99.95
    assert below(almost, 100) and not below(almost, 99.95)
    assert percent_of(Counts(translated=2, untranslated=1)) == 66.66
    assert not below(Counts(translated=3), 100)
    assert below(Counts(), 1) and not below(Counts(), 0)


@pytest.mark.parametrize(("path", "expected"), [
    ("locales/uk/LC_MESSAGES/letter.po", ("uk", "letter")),
    ("po/pt_BR.po", ("pt_BR", "po")),
    ("letter/sr@latin.po", ("sr@latin", "letter")),
    ("x/geeqie.uk.po", ("", "geeqie.uk")),
    ("messages.po", ("", "messages")),
])
def test_language_and_domain_from_path(path: str, expected: tuple[str, str]) -> None:
    assert path_language_domain(Path(path)) == expected


def test_language_header_wins_and_unknown_is_und(tmp_path: Path) -> None:
    folder = tmp_path / "po"
    folder.mkdir()
    head = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
    (folder / "uk.po").write_text(head.replace('"C', '"Language: uk_UA\\n"\n"C'))
    (folder / "ru.po").write_text(head)
    (folder / "misc.po").write_text(head)
    result = read_stats(find_catalogs([tmp_path]), root=tmp_path)
    assert {c.path: c.language for c in result.catalogs} == {
        "po/uk.po": "uk_UA", "po/ru.po": "ru", "po/misc.po": "und"}


def test_bad_catalog_reported_others_counted(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "p")
    bad = tmp_path / "p" / "locales" / "pl" / "LC_MESSAGES" / "letter.po"
    bad.parent.mkdir(parents=True)
    bad.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b\n')
    result = status(load_config(tmp_path / "p"))
    assert len(result.catalogs) == 4
    (error,) = result.errors
    assert str(error).startswith("locales/pl/LC_MESSAGES/letter.po:5: ")


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        find_catalogs([tmp_path / "nope.po"])


def test_passages_states_and_previous(fixture_project: Path) -> None:
    result = status(load_config(fixture_project), passages=True)
    by_id = {(p.msgctxt, p.msgid): p for p in result.passages}
    dear = by_id[(None, "Dear President Trump,")]
    assert dear.location == "source/letter.md:5"
    assert dear.states == (("de", FUZZY), ("uk", TRANSLATED))
    assert dear.previous == (("de", "Dear Mr. President,"),)
    assert by_id[("signature", "Respectfully,")].languages(UNTRANSLATED) == ("de",)
    assert by_id[(None, "PEOPLE FIRST")].complete
    assert [p.msgid for p in result.passages][:2] == ["PEOPLE FIRST", "Dear President Trump,"]
    assert not status(load_config(fixture_project)).passages  # only when asked for


def test_word_diff_of_fuzzy_passage() -> None:
    assert word_diff("save thousands of  lives", "save tens of thousands of lives") == [
        ("=", "save"), ("+", "tens of"), ("=", "thousands of lives")]
    assert word_diff("the end of war", "the end of this war") == [
        ("=", "the end of"), ("+", "this"), ("=", "war")]
    assert format_diff("Dear Mr. President,", "Dear President Trump,") == (
        "Dear [-Mr. President,-] {+President Trump,+}")
    assert format_diff("a b", "a c") == "a [-b-] {+c+}"
    long_old = " ".join(f"w{i}" for i in range(30))
    long_new = long_old.replace("w15", "changed")
    assert format_diff(long_old, long_new, context=2) == "… w13 w14 [-w15-] {+changed+} w16 w17 …"
    assert format_diff(long_old, long_new, context=None).count("w") == 30
