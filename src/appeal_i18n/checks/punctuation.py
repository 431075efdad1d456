"""Ending punctuation: the translation ends with the language's mark of the English's class."""

from __future__ import annotations

from collections.abc import Iterator

from appeal_i18n import markup
from appeal_i18n.checks.registry import WARNING, Pair, pair_check

_MARKS = {
    # Urdu ۔, Devanagari ।, Armenian ։, Ethiopic ።, Myanmar ။, Khmer ។, Tibetan །.
    "full stop": ".。．۔।։።။។།",
    "question mark": "?？؟;՞፧",
    "exclamation mark": "!！՜",
    "comma": ",，、،՝፣",
    "colon": ":：፥",
    "semicolon": ";；؛፤",
    "ellipsis": "…",
}
_MARK_CLASS = {mark: name for name, marks in _MARKS.items() for mark in marks}
#: Greek writes the question mark as ";" and the semicolon as a raised dot.
_GREEK = {";": "question mark", "\u0387": "semicolon", "\u00b7": "semicolon"}
_CLOSERS = "\"'»«”“’‘„)]}」』›‹*_"
#: Conventional endings that differ from the English: (languages, English class, allowed).
_EQUIVALENT: tuple[tuple[frozenset[str], str, str], ...] = (
    # Spanish, Portuguese, Catalan and Chinese letters end the salutation with a colon
    # ("Estimado señor Presidente:", "尊敬的总统先生：").
    (frozenset({"es", "pt", "ca", "gl", "zh"}), "comma", "colon"),
    # Slavic letters end the salutation with an exclamation mark ("Шановний пане Президенте!",
    # "Szanowny Panie Prezydencie!").
    (frozenset({"uk", "ru", "be", "pl", "cs", "sk", "bg", "sr", "hr", "sl", "mk"}),
     "comma", "exclamation mark"),
    # German and Polish letters end the closing without a comma ("Mit freundlichen Grüßen",
    # DIN 5008; "Z wyrazami szacunku"); so do Chinese ("此致敬礼") and Japanese letters,
    # whose salutation has none either ("トランプ大統領閣下", closing "敬具").
    (frozenset({"de", "pl", "zh", "ja"}), "comma", "none"),
    # A French letter closes with a whole sentence ("Veuillez agréer, Monsieur le
    # Président, l’expression de ma haute considération.").
    (frozenset({"fr"}), "comma", "full stop"),
    # Thai and Lao end sentences with a space or nothing, not a full stop.
    (frozenset({"th", "lo"}), "full stop", "none"),
    # Armenian puts ՞ and ՜ over the stressed word and ends the sentence with ։.
    (frozenset({"hy"}), "question mark", "full stop"),
    (frozenset({"hy"}), "exclamation mark", "full stop"),
)


def _equivalent(base: str, english: str, translation: str) -> bool:
    return any(base in langs and english == e and translation == t
               for langs, e, t in _EQUIVALENT)


def ending(text: str, lang: str | None = None) -> tuple[str, str] | None:
    """``(class, mark)`` of how a passage ends: ``full stop``, ``none`` (a letter)...

    Closing quotes, brackets and markup are looked through. None when the text is empty
    or ends with a symbol of no class (a dash, a percent sign).
    """
    plain = markup.inline_facts(text).plain.rstrip()
    plain = plain.rstrip(_CLOSERS + " \u00a0\u202f").rstrip()
    if not plain:
        return None
    if plain.endswith("..."):
        return "ellipsis", "..."
    last = plain[-1]
    base = (lang or "").partition("_")[0]
    if base == "el" and last in _GREEK:
        return _GREEK[last], last
    if last in _MARK_CLASS:
        return _MARK_CLASS[last], last
    return ("none", last) if last.isalnum() else None


@pair_check("end-punctuation", WARNING)
def end_punctuation(pair: Pair) -> Iterator[str]:
    """The translation ends with the language's mark of the English's class (?, !, :...)."""
    english, translation = ending(pair.english), ending(pair.translation, pair.lang)
    if english is None or translation is None or english[0] == translation[0]:
        return
    if _equivalent(pair.base, english[0], translation[0]):
        return
    what = "no punctuation" if translation[0] == "none" else f"{translation[1]!r}"
    want = "no punctuation" if english[0] == "none" else f"a {english[0]} ({english[1]!r})"
    yield f"ends with {what} where the English ends with {want}"

