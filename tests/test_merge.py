"""merge(): msgmerge --previous semantics, checked against the installed GNU msgmerge.

The fixture is a letter-like template of ten passages (``tests/data/merge/letter.pot``) with
its German translation (``letter.de.po``). Each scenario edits the template's text the way an
author edits a letter, then merges with our code and with ``msgmerge --previous`` and compares
entries, translations, fuzzy flags, previous strings and the obsolete set.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import appeal_i18n.merge as merge_module
from appeal_i18n.merge import merge, merge_header, merge_with_stats, plural_count, similarity
from appeal_i18n.model import TRANSLATED, Catalog, Entry, state
from appeal_i18n.pofile import parse_po, read_po

DATA = Path(__file__).parent / "data" / "merge"
POT = DATA / "letter.pot"
PO = DATA / "letter.de.po"

needs_msgmerge = pytest.mark.skipif(shutil.which("msgmerge") is None,
                                    reason="GNU msgmerge not installed")

Row = tuple[object, ...]


def normalized(catalog: Catalog) -> list[Row]:
    """What a merge decides, entry by entry: identity, translation, fuzzy, previous, obsolete."""
    rows: list[Row] = []
    for e in catalog.entries:
        forms = tuple(e.msgstr_plural) if e.msgid_plural is not None else (e.msgstr,)
        rows.append((e.obsolete, e.msgctxt, e.msgid, e.msgid_plural, forms, e.fuzzy,
                     e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural))
    return rows


def gnu_merge(po: Path, pot: Path, tmp_path: Path, *options: str) -> Catalog:
    """Run ``msgmerge --previous`` and read its output."""
    out = tmp_path / "gnu.po"
    subprocess.run(["msgmerge", "-q", "--previous", *options, "-o", str(out), str(po), str(pot)],
                   check=True, capture_output=True)
    return read_po(out)


def blocks(text: str) -> list[str]:
    """The blank-line-separated blocks of a PO file (header first)."""
    return text.rstrip("\n").split("\n\n")


def unblocks(parts: list[str]) -> str:
    """The inverse of :func:`blocks`."""
    return "\n\n".join(parts) + "\n"


def find(parts: list[str], needle: str) -> int:
    """The index of the block that contains ``needle``."""
    return next(i for i, part in enumerate(parts) if needle in part)


def entry_block(msgid: str, line: int) -> str:
    """A template entry for ``msgid``."""
    return f'#. paragraph\n#: letter.md:{line}\nmsgid "{msgid}"\nmsgstr ""'


# -- the edits ----------------------------------------------------------------------------


def one_word_changed(text: str) -> str:
    """An author replaces one word in a passage."""
    return text.replace("hundreds of children", "dozens of children")


def passage_deleted(text: str) -> str:
    """A list item disappears."""
    parts = blocks(text)
    del parts[find(parts, "Fund the repair")]
    return unblocks(parts)


def passage_added(text: str) -> str:
    """A new list item appears."""
    parts = blocks(text)
    at = find(parts, "Fund the repair") + 1
    parts.insert(at, entry_block("Extend the opening hours on Saturdays.", 13))
    return unblocks(parts)


def passages_swapped(text: str) -> str:
    """Two list items change places."""
    parts = blocks(text)
    i, j = find(parts, "Keep the library"), find(parts, "Fund the repair")
    parts[i], parts[j] = parts[j], parts[i]
    return unblocks(parts)


def passage_split(text: str) -> str:
    """A paragraph becomes two."""
    parts = blocks(text)
    at = find(parts, "more than a building")
    parts[at:at + 1] = [
        entry_block("The library is more than a building full of books.", 7),
        entry_block("Every week it welcomes hundreds of children, students and pensioners "
                    "who have nowhere else to read in peace.", 8),
    ]
    return unblocks(parts)


def passages_merged(text: str) -> str:
    """Two paragraphs become one."""
    parts = blocks(text)
    at = find(parts, "more than a building")
    del parts[find(parts, "evening courses")]
    parts[at] = entry_block(
        "The library is more than a building full of books. Every week it welcomes hundreds "
        "of children, students and pensioners who have nowhere else to read in peace. Its "
        "evening courses teach the language of this country to newcomers, and its computers "
        "are the only internet access for many families.", 7)
    return unblocks(parts)


def punctuation_changed(text: str) -> str:
    """Only a comma becomes a full stop."""
    return text.replace('"With respect and hope,"', '"With respect and hope."')


def obsolete_text_back(text: str) -> str:
    """A sentence removed long ago (an obsolete entry in the PO) comes back."""
    parts = blocks(text)
    at = find(parts, "With respect and hope")
    parts.insert(at, entry_block("Please answer us before the end of the month.", 15))
    return unblocks(parts)


EDITS: dict[str, Callable[[str], str]] = {
    "one-word-changed": one_word_changed,
    "passage-deleted": passage_deleted,
    "passage-added": passage_added,
    "passages-swapped": passages_swapped,
    "passage-split": passage_split,
    "passages-merged": passages_merged,
    "punctuation-changed": punctuation_changed,
    "obsolete-text-back": obsolete_text_back,
}


def edited_pot(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    """Write the edited template into ``tmp_path``."""
    text = POT.read_text(encoding="utf-8")
    new = edit(text)
    assert new != text
    path = tmp_path / "letter.pot"
    path.write_text(new, encoding="utf-8")
    return path


@needs_msgmerge
@pytest.mark.parametrize("name", sorted(EDITS))
def test_edit_matches_msgmerge(name: str, tmp_path: Path) -> None:
    """Each edit merges exactly as msgmerge --previous merges it."""
    pot = edited_pot(tmp_path, EDITS[name])
    ours = merge(read_po(PO), read_po(pot))
    gnu = gnu_merge(PO, pot, tmp_path)
    assert normalized(ours) == normalized(gnu)
    assert ours.header is not None and gnu.header is not None
    assert ours.header.msgstr == gnu.header.msgstr


@needs_msgmerge
def test_change_and_change_back_matches_msgmerge(tmp_path: Path) -> None:
    """A word changed, merged, then changed back and merged again, as msgmerge does it."""
    first_pot = edited_pot(tmp_path, one_word_changed)
    ours = merge(read_po(PO), read_po(first_pot))
    gnu_first = tmp_path / "first.po"
    subprocess.run(["msgmerge", "-q", "--previous", "-o", str(gnu_first), str(PO),
                    str(first_pot)], check=True)
    ours = merge(ours, read_po(POT))
    gnu = gnu_merge(gnu_first, POT, tmp_path)
    assert normalized(ours) == normalized(gnu)


def test_one_word_changed_is_fuzzy_with_previous(tmp_path: Path) -> None:
    """The edited passage keeps its translation, fuzzy, with the old text in ``#|``."""
    result = merge(read_po(PO), read_po(edited_pot(tmp_path, one_word_changed)))
    entry = next(e for e in result.messages if "dozens" in e.msgid)
    assert entry.fuzzy
    assert entry.previous_msgid is not None and "hundreds" in entry.previous_msgid
    assert entry.msgstr.startswith("Die Bibliothek ist mehr")
    assert list(entry.translator_comments) == []
    assert list(entry.references) == ["letter.md:7"]
    assert not result.obsolete or all("hundreds" not in e.msgid for e in result.obsolete)


def test_obsolete_text_back_is_revived_not_fuzzy(tmp_path: Path) -> None:
    """An obsolete entry whose text comes back is active again, translated, not fuzzy."""
    result = merge(read_po(PO), read_po(edited_pot(tmp_path, obsolete_text_back)))
    entry = next(e for e in result.entries if e.msgid.startswith("Please answer"))
    assert not entry.obsolete and not entry.fuzzy
    assert entry.msgstr == "Bitte antworten Sie uns vor Ende des Monats."
    assert result.obsolete == []


def test_deleted_passage_becomes_obsolete(tmp_path: Path) -> None:
    """The translation of a deleted passage is kept as an obsolete entry, without references."""
    result = merge(read_po(PO), read_po(edited_pot(tmp_path, passage_deleted)))
    gone = [e for e in result.obsolete if e.msgid.startswith("Fund the repair")]
    assert len(gone) == 1
    assert list(gone[0].references) == [] and list(gone[0].extracted_comments) == []
    assert gone[0].msgstr.startswith("Finanzieren")


def test_template_order_and_comments_are_kept() -> None:
    """The result follows the template's order; translator comments come from the PO."""
    pot = read_po(POT)
    result = merge(read_po(PO), pot)
    assert [e.msgid for e in result.messages] == [e.msgid for e in pot.messages]
    kept = next(e for e in result.messages if "undersigned" in e.msgid)
    assert list(kept.translator_comments) == ['Keep "Altstadt" as one word.']
    assert all(state(e) == TRANSLATED for e in result.messages)


def test_merge_is_idempotent() -> None:
    """Merging the result with the same template again changes nothing."""
    pot = read_po(POT)
    once = merge(read_po(PO), pot)
    assert normalized(merge(once, pot)) == normalized(once)


def test_inputs_are_not_modified(tmp_path: Path) -> None:
    """merge() builds a new catalog and leaves both inputs alone."""
    po, pot = read_po(PO), read_po(edited_pot(tmp_path, one_word_changed))
    before = (normalized(po), normalized(pot))
    merge(po, pot)
    assert (normalized(po), normalized(pot)) == before


def test_statistics(tmp_path: Path) -> None:
    """merge_with_stats counts matched, fuzzy, new and obsolete entries."""
    pot = edited_pot(tmp_path, lambda t: passage_deleted(passage_added(one_word_changed(t))))
    _, stats = merge_with_stats(read_po(PO), read_po(pot))
    assert (stats.matched, stats.fuzzy, stats.new, stats.obsolete) == (8, 1, 1, 2)


def test_no_fuzzy_matching_and_no_previous(tmp_path: Path) -> None:
    """fuzzy_matching=False leaves a changed text untranslated; previous=False drops ``#|``."""
    pot = read_po(edited_pot(tmp_path, one_word_changed))
    plain = merge(read_po(PO), pot, fuzzy_matching=False)
    entry = next(e for e in plain.messages if "dozens" in e.msgid)
    assert entry.msgstr == "" and not entry.fuzzy
    assert any("hundreds" in e.msgid for e in plain.obsolete)
    quiet = merge(read_po(PO), pot, previous=False)
    assert all(e.previous_msgid is None for e in quiet.entries)


def _catalog(*entries: Entry, plural_forms: str | None = None) -> Catalog:
    header = "Content-Type: text/plain; charset=UTF-8\n"
    if plural_forms:
        header += f"Plural-Forms: {plural_forms}\n"
    return Catalog(entries=[Entry(msgid="", msgstr=header), *entries])


def test_untranslated_entries_are_no_fuzzy_source() -> None:
    """An empty translation is never copied into a similar new message."""
    po = _catalog(Entry(msgid="Save the document as a new file"))
    pot = _catalog(Entry(msgid="Save the document as a new file!"))
    result = merge(po, pot)
    assert result.messages[0].msgstr == "" and not result.messages[0].fuzzy
    assert result.obsolete == []


UNRELATED_OLD = "The council will publish the minutes of the meeting on its website next week."
UNRELATED_NEW = "The council will be consulted on the future of the building in the autumn."


def test_unrelated_long_passages_are_not_matched() -> None:
    """Two sentences that share 60% of their letters but few words are not versions of one."""
    assert similarity(UNRELATED_OLD, UNRELATED_NEW) > 0.6
    result = merge(_catalog(Entry(msgid=UNRELATED_OLD, msgstr="Protokoll")),
                   _catalog(Entry(msgid=UNRELATED_NEW)))
    assert result.messages[0].msgstr == ""
    assert [e.msgid for e in result.obsolete] == [UNRELATED_OLD]


@needs_msgmerge
def test_msgmerge_fills_unrelated_passages(tmp_path: Path) -> None:
    """The wrong fill we avoid on purpose: msgmerge gives the new sentence the old one's text."""
    po, pot = tmp_path / "de.po", tmp_path / "t.pot"
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    po.write_text(f'{header}msgid "{UNRELATED_OLD}"\nmsgstr "Protokoll"\n', encoding="utf-8")
    pot.write_text(f'{header}msgid "{UNRELATED_NEW}"\nmsgstr ""\n', encoding="utf-8")
    gnu = gnu_merge(po, pot, tmp_path)
    assert gnu.messages[0].msgstr == "Protokoll" and gnu.messages[0].fuzzy


def test_plural_added_and_removed() -> None:
    """A message that gains a plural repeats its translation; one that loses it keeps form 0."""
    po = _catalog(Entry(msgid="One letter", msgstr="Ein Brief"),
                  Entry(msgid="One file", msgid_plural="%d files", msgstr_plural=["D", "Ds", "Dn"]),
                  plural_forms="nplurals=3; plural=n%3;")
    pot = _catalog(Entry(msgid="One letter", msgid_plural="%d letters", msgstr_plural=["", ""]),
                   Entry(msgid="One file"), Entry(msgid="New", msgid_plural="News",
                                                  msgstr_plural=["", ""]))
    letter, file_, new = merge(po, pot).messages
    assert list(letter.msgstr_plural) == ["Ein Brief"] * 3 and letter.fuzzy
    assert letter.previous_msgid == "One letter" and letter.previous_msgid_plural is None
    assert file_.msgstr == "D" and file_.fuzzy and file_.previous_msgid_plural == "%d files"
    assert list(new.msgstr_plural) == ["", "", ""]


def test_header_update() -> None:
    """The PO's header fields, GNU's order, the template's creation date and bug address."""
    po_header = ("Project-Id-Version: x 1\nReport-Msgid-Bugs-To: old@x\n"
                 "POT-Creation-Date: 2020-01-01\nX-Custom: yes\nlanguage: de\n"
                 "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2;")
    pot_header = "Report-Msgid-Bugs-To: new@x\nPOT-Creation-Date: 2025-05-05 10:00+0000\n"
    assert merge_header(po_header, pot_header) == (
        "Project-Id-Version: x 1\nReport-Msgid-Bugs-To: new@x\n"
        "POT-Creation-Date: 2025-05-05 10:00+0000\nLanguage: de\n"
        "Content-Type: text/plain; charset=UTF-8\nX-Custom: yes\nPlural-Forms: nplurals=2;\n")
    assert plural_count(po_header) == 2
    assert plural_count("Plural-Forms: nplurals=4; plural=0;\n") == 4
    assert plural_count(None) == 2


def test_similarity_is_gnu_fstrcmp() -> None:
    """2 * LCS / total length, over UTF-8 bytes."""
    assert similarity("", "") == 1.0
    assert similarity("abc", "") == 0.0
    assert similarity("kitten", "sitting") == pytest.approx(2 * 4 / 13)
    assert similarity("Open file", "Open folder") == pytest.approx(16 / 20)
    assert similarity("é", "e") == 0.0


def _words(rng: random.Random, vocabulary: list[str], count: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(count)).capitalize() + "."


def test_large_catalog_merge_scores_few_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    """50,000 entries with 2,500 edited msgids: an index, never an all-pairs scan.

    Speed itself is measured in bench/, not here; this counts the similarity scores.
    """
    calls = 0
    real = merge_module.similarity

    def counting(a: str, b: str) -> float:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(merge_module, "similarity", counting)
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
                  for _ in range(3000)]
    texts = list(dict.fromkeys(_words(rng, vocabulary, rng.randint(4, 25)) for _ in range(50_000)))
    po = _catalog(*(Entry(msgid=t, msgstr=f"T{i}") for i, t in enumerate(texts)))
    edited = set(rng.sample(range(len(texts)), 2_500))
    new_texts = [t.replace(" ", " " + rng.choice(vocabulary) + " ", 1) if i in edited else t
                 for i, t in enumerate(texts)]
    pot = _catalog(*(Entry(msgid=t) for t in new_texts))
    result, stats = merge_with_stats(po, pot)
    assert stats.fuzzy + stats.new == len(edited)
    wrong = sum(1 for i, e in enumerate(result.messages) if e.fuzzy and e.msgstr != f"T{i}")
    assert stats.fuzzy >= 0.95 * len(edited) and wrong == 0
    # At most a handful of candidates per unmatched msgid (all pairs would be 2,500 x 50,000).
    assert calls <= 20 * len(edited)


def test_parse_po_round_trip_of_fixture() -> None:
    """The fixture is read by the project's own reader (guards the test data)."""
    catalog = parse_po(PO.read_bytes(), path=str(PO))
    assert len(catalog.messages) == 10 and len(catalog.obsolete) == 1


def test_partly_translated_plural_survives_update_and_writing() -> None:
    """An unused plural entry whose first form is empty but another is not becomes obsolete
    and is written with its forms (msgmerge and msgcat would drop it and lose them)."""
    from appeal_i18n.pofile import format_po, parse_po

    header = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
              '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
              'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n')
    po = parse_po((header + 'msgid "%d organization signed"\nmsgid_plural '
                   '"%d organizations signed"\nmsgstr[0] ""\n'
                   'msgstr[1] "%d організації підписали"\nmsgstr[2] "%d організацій підписали"\n'
                   ).encode(), path="uk.po", check=False)
    pot = parse_po((header + 'msgid "Free people first."\nmsgstr ""\n').encode(), path="t.pot",
                   check=False)
    written = format_po(merge(po, pot))
    again = parse_po(written, path="uk.po", check=False)
    kept = [e for e in again.entries if e.obsolete]
    assert [e.msgstr_plural for e in kept] == [
        ("", "%d організації підписали", "%d організацій підписали")]
    assert format_po(again) == written
