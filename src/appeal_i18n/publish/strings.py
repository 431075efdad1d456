"""The few words the pages themselves say, in each shipped language (English otherwise).

These are the builder's own strings, not translations from catalogs: they are trusted
and short, so a table in code is simpler than a catalog of its own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Strings:
    """The page strings of one language."""

    lang: str
    """The language the strings are in (``en`` when the page's language has none)."""
    fallback_note: str
    """Shown on a page where some passages are in English."""
    languages: str
    """The label of the language switcher."""


_TABLE: dict[str, tuple[str, str]] = {
    "en": ("Some passages are not yet translated and are shown in English.", "Languages"),
    "uk": ("Деякі фрагменти ще не перекладено, тому їх подано англійською.", "Мови"),
    "ru": ("Некоторые фрагменты ещё не переведены и приведены на английском.", "Языки"),
    "de": ("Einige Abschnitte sind noch nicht übersetzt und erscheinen auf Englisch.",
           "Sprachen"),
    "fr": ("Certains passages ne sont pas encore traduits et sont affichés en anglais.",
           "Langues"),
    "pl": ("Niektóre fragmenty nie zostały jeszcze przetłumaczone i są podane po angielsku.",
           "Języki"),
    "es": ("Algunos pasajes aún no están traducidos y se muestran en inglés.", "Idiomas"),
    "ar": ("بعض المقاطع لم تُترجم بعد، وهي معروضة باللغة الإنجليزية.", "اللغات"),
}


def strings(lang: str) -> Strings:
    """The page strings for ``lang`` (``pt_BR`` tries ``pt``), else English."""
    for code in (lang, lang.partition("@")[0], lang.partition("_")[0]):
        if code in _TABLE:
            return Strings(code, *_TABLE[code])
    return Strings("en", *_TABLE["en"])


def plain_note(lang: str) -> str:
    """The fallback note as the text and Markdown letters of ``lang`` show it.

    Where the note is not in the page's language (no translation of it for ``pt_BR``),
    it is labelled with the name of its language in the page's language (CLDR), so it
    is never passed off as the page's language: ``[inglês] Some passages...``. (The
    HTML page marks it with ``lang`` instead.)
    """
    words = strings(lang)
    if words.lang.partition("_")[0] == lang.partition("@")[0].partition("_")[0]:
        return words.fallback_note
    from appeal_i18n.locales import name_in

    return f"[{name_in(words.lang, lang)}] {words.fallback_note}"
