"""Glossary checks: terms in their glossary form, and untranslated text that is not a name."""

from __future__ import annotations

from collections.abc import Iterator

from appeal_i18n import markup
from appeal_i18n.checks.registry import ERROR, WARNING, Pair, pair_check
from appeal_i18n.glossary import normalize


def _is_listed_name(english: str, pair: Pair) -> bool:
    if pair.glossary is None:
        return False
    term = pair.glossary.lookup(english.strip().strip(".,:;!?"))
    if term is None:
        return False
    forms = {normalize(f) for f in term.forms_for(pair.lang)}
    return term.type == "name" or normalize(term.en) in forms


@pair_check("unchanged", WARNING)
def unchanged(pair: Pair) -> Iterator[str]:
    """The translation differs from the English, unless it is a glossary name or brand."""
    if pair.base == "en" or normalize(pair.english) != normalize(pair.translation):
        return
    plain = markup.inline_facts(pair.english).plain
    if not any(c.isalpha() for c in plain) or _is_listed_name(plain, pair):
        return
    yield "translation is identical to the English"


@pair_check("glossary", ERROR)
def glossary(pair: Pair) -> Iterator[str]:
    """A glossary term of the English appears in its glossary form in the translation."""
    if pair.glossary is None:
        return
    translation = markup.inline_facts(pair.translation).plain
    for term in pair.glossary.terms_in(markup.inline_facts(pair.english).plain):
        if not term.accepts(translation, pair.lang):
            forms = " | ".join(term.forms_for(pair.lang))
            yield f"glossary: {term.en!r} should be translated as {forms!r}"
