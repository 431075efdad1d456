"""Property: across any sequence of source edits and merges, no translation is ever lost.

Translators only fill untranslated messages (overwriting a fuzzy translation is a decision to
drop the old one); every non-empty translation they ever wrote must still be in the catalog,
as an active, fuzzy or obsolete entry.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from appeal_i18n.merge import merge
from appeal_i18n.model import Catalog, Entry

WORDS = ["library", "council", "open", "close", "roof", "books", "children", "week",
         "the", "of", "and", "winter", "money", "town", "square", "read"]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
edit = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 20), sentence),
    st.tuples(st.just("delete"), st.integers(0, 20), st.just("")),
    st.tuples(st.just("reword"), st.integers(0, 20), st.sampled_from(WORDS)),
    st.tuples(st.just("swap"), st.integers(0, 20), st.just("")),
)


def _apply(source: list[str], op: tuple[str, int, str]) -> list[str]:
    """One author's edit of the list of passages."""
    kind, where, text = op
    result = list(source)
    if kind == "add":
        result.insert(where % (len(result) + 1), text)
    elif result:
        i = where % len(result)
        if kind == "delete":
            del result[i]
        elif kind == "reword":
            words = result[i].split(" ")
            words[where % len(words)] = text
            result[i] = " ".join(words)
        elif kind == "swap" and len(result) > 1:
            j = (i + 1) % len(result)
            result[i], result[j] = result[j], result[i]
    return list(dict.fromkeys(result))


def _template(source: list[str]) -> Catalog:
    header = Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")
    return Catalog(entries=[header, *(Entry(msgid=text) for text in source)])


def _all_translations(catalog: Catalog) -> set[str]:
    return {e.msgstr for e in catalog.entries if not e.is_header and e.msgstr}


@settings(max_examples=150, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=6),
       st.lists(st.lists(edit, max_size=4), min_size=1, max_size=8))
def test_no_translation_is_ever_lost(initial: list[str],
                                     rounds: list[list[tuple[str, int, str]]]) -> None:
    """Edit, merge, translate what is untranslated; repeat; every translation survives."""
    source = list(dict.fromkeys(initial))
    catalog = _template([])
    written: set[str] = set()
    counter = 0
    for ops in rounds:
        for op in ops:
            source = _apply(source, op)
        catalog = merge(catalog, _template(source))
        for entry in catalog.messages:
            if not entry.msgstr:
                counter += 1
                entry.msgstr = f"T{counter}"
                written.add(entry.msgstr)
        assert written <= _all_translations(catalog)
    assert written <= _all_translations(merge(catalog, _template([])))
