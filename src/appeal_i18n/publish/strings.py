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
    all_languages: str
    """The link back to the index of every language."""
    download: str
    """The label of the links to the letter's other formats."""
    text: str
    """The name of the plain-text format (PDF and Markdown keep their names)."""


_TABLE: dict[str, tuple[str, str, str, str, str]] = {
    "en": ("Some passages are not yet translated and are shown in English.", "Languages",
           "All languages", "Download this letter", "Plain text"),
    "uk": ("Деякі фрагменти ще не перекладено, тому їх подано англійською.", "Мови",
           "Усі мови", "Завантажити цей лист", "Звичайний текст"),
    "ru": ("Некоторые фрагменты ещё не переведены и приведены на английском.", "Языки",
           "Все языки", "Скачать это письмо", "Обычный текст"),
    "de": ("Einige Abschnitte sind noch nicht übersetzt und erscheinen auf Englisch.",
           "Sprachen", "Alle Sprachen", "Diesen Brief herunterladen", "Reiner Text"),
    "fr": ("Certains passages ne sont pas encore traduits et sont affichés en anglais.",
           "Langues", "Toutes les langues", "Télécharger cette lettre", "Texte brut"),
    "pl": ("Niektóre fragmenty nie zostały jeszcze przetłumaczone i są podane po angielsku.",
           "Języki", "Wszystkie języki", "Pobierz ten list", "Zwykły tekst"),
    "es": ("Algunos pasajes aún no están traducidos y se muestran en inglés.", "Idiomas",
           "Todos los idiomas", "Descargar esta carta", "Texto sin formato"),
    "ar": ("بعض المقاطع لم تُترجم بعد، وهي معروضة باللغة الإنجليزية.", "اللغات",
           "كل اللغات", "تنزيل هذه الرسالة", "نص عادي"),
}


def strings(lang: str) -> Strings:
    """The page strings for ``lang`` (``pt_BR`` tries ``pt``), else English."""
    for code in (lang, lang.partition("@")[0], lang.partition("_")[0]):
        if code in _TABLE:
            return Strings(code, *_TABLE[code])
    return Strings("en", *_TABLE["en"])
