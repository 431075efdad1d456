"""Properties over the whole catalog path: Markdown -> template -> PO bytes -> merge -> PO bytes.

- No translation is ever lost across any sequence of source edits and updates.
- Building with identity translations reproduces the source's passages.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from appeal_i18n.catalogs import new_catalog, template
from appeal_i18n.merge import merge
from appeal_i18n.model import Catalog, Document
from appeal_i18n.pofile import format_po, parse_po
from appeal_i18n.publish.localize import localize
from appeal_i18n.publish.markdown import render_markdown
from appeal_i18n.source import parse

WORDS = ["people", "first", "release", "civilians", "*now*", "Free", "war", "the", "of",
         "prisoners", "“all", "for", "all”", "—", "16", "hours", "[site](https://x.org)"]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join)
block = st.one_of(sentence, sentence.map(lambda s: "# " + s), sentence.map(lambda s: "- " + s))
edit = st.tuples(st.sampled_from(["add", "delete", "reword", "swap", "duplicate"]),
                 st.integers(0, 30), st.sampled_from(WORDS))


def _apply(blocks: list[str], op: tuple[str, int, str]) -> list[str]:
    kind, where, word = op
    out = list(blocks)
    if kind == "add" or not out:
        out.insert(where % (len(out) + 1), word)
        return out
    i = where % len(out)
    if kind == "delete":
        del out[i]
    elif kind == "reword":
        words = out[i].split(" ")
        words[where % len(words)] = word
        out[i] = " ".join(words)
    elif kind == "swap" and len(out) > 1:
        j = (i + 1) % len(out)
        out[i], out[j] = out[j], out[i]
    elif kind == "duplicate":
        out.insert(i, out[i])
    return out


def _pot(blocks: list[str]) -> Catalog:
    parsed = parse("\n\n".join(blocks) + "\n", path="source/letter.md")
    doc = Document("letter", "source/letter.md", tuple(b.passage for b in parsed.blocks))
    data = format_po(template(doc, date="2025-08-14 10:00+0000"))
    return parse_po(data, path="letter.pot")


def _translations(catalog: Catalog) -> set[str]:
    return {e.msgstr for e in catalog.entries if not e.is_header and e.msgstr}


@settings(max_examples=60, deadline=None)
@given(st.lists(block, min_size=1, max_size=6),
       st.lists(st.lists(edit, max_size=4), min_size=1, max_size=6))
def test_no_translation_is_ever_lost(initial: list[str],
                                     rounds: list[list[tuple[str, int, str]]]) -> None:
    blocks = initial
    po = new_catalog(_pot(blocks), "uk")
    written: set[str] = set()
    counter = 0
    for ops in rounds:
        for op in ops:
            blocks = _apply(blocks, op)
        po = parse_po(format_po(merge(po, _pot(blocks))), path="uk.po")
        for entry in po.messages:
            if not entry.msgstr:
                counter += 1
                entry.msgstr = f"Переклад {counter}."
                written.add(entry.msgstr)
        po = parse_po(format_po(po), path="uk.po")
        assert written <= _translations(po)
    # Only a purge deletes: the source emptied, every translation is still there, obsolete.
    emptied = parse_po(format_po(merge(po, _pot([]))), path="uk.po")
    assert written <= _translations(emptied)


@settings(max_examples=60, deadline=None)
@given(st.lists(block, min_size=1, max_size=8))
def test_identity_translations_reproduce_the_source(blocks: list[str]) -> None:
    text = "\n\n".join(blocks) + "\n"
    parsed = parse(text, path="source/letter.md")
    table = {(b.passage.context, b.passage.text): b.passage.text for b in parsed.blocks}
    localized = localize(parsed, lang="uk", domain="letter", table=table)
    assert render_markdown(localized) == render_markdown(
        localize(parsed, lang="en", domain="letter", table={}))
    again = parse(render_markdown(localized), path="dist/uk/letter.md")
    assert [b.passage.text for b in again.blocks] == [b.passage.text for b in parsed.blocks]
