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
    earlier_note: str
    """Shown on a letter kept as an earlier version (the English has changed since)."""
    all_languages: str
    """The link back to the index of every language."""
    download: str
    """The label of the links to the letter's other formats."""
    text: str
    """The name of the plain-text format (PDF and Markdown keep their names)."""


#: Per language: fallback_note, languages, earlier_note, all_languages, download, text.
_TABLE: dict[str, tuple[str, str, str, str, str, str]] = {
    "en": ("Some passages are not yet translated and are shown in English.", "Languages",
           "This is an earlier version of the letter: the English original has been revised "
           "since.", "All languages", "Download this letter", "Plain text"),
    "uk": ("Деякі фрагменти ще не перекладено, тому їх подано англійською.", "Мови",
           "Це попередня версія листа: англійський оригінал відтоді змінено.",
           "Усі мови", "Завантажити цей лист", "Звичайний текст"),
    "ru": ("Некоторые фрагменты ещё не переведены и приведены на английском.", "Языки",
           "Это предыдущая версия письма: английский оригинал с тех пор изменён.",
           "Все языки", "Скачать это письмо", "Обычный текст"),
    "de": ("Einige Abschnitte sind noch nicht übersetzt und erscheinen auf Englisch.",
           "Sprachen",
           "Dies ist eine frühere Fassung des Briefes: Das englische Original wurde seither "
           "überarbeitet.", "Alle Sprachen", "Diesen Brief herunterladen", "Reiner Text"),
    "fr": ("Certains passages ne sont pas encore traduits et sont affichés en anglais.",
           "Langues",
           "Ceci est une version antérieure de la lettre : l’original anglais a été révisé "
           "depuis.", "Toutes les langues", "Télécharger cette lettre", "Texte brut"),
    "pl": ("Niektóre fragmenty nie zostały jeszcze przetłumaczone i są podane po angielsku.",
           "Języki",
           "To jest wcześniejsza wersja listu: angielski oryginał został od tego czasu "
           "zmieniony.", "Wszystkie języki", "Pobierz ten list", "Zwykły tekst"),
    "es": ("Algunos pasajes aún no están traducidos y se muestran en inglés.", "Idiomas",
           "Esta es una versión anterior de la carta: el original en inglés se ha revisado "
           "desde entonces.", "Todos los idiomas", "Descargar esta carta",
           "Texto sin formato"),
    "ar": ("بعض المقاطع لم تُترجم بعد، وهي معروضة باللغة الإنجليزية.", "اللغات",
           "هذه نسخة سابقة من الرسالة، إذ عُدِّل النص الإنجليزي الأصلي منذ ذلك الحين.",
           "كل اللغات", "تنزيل هذه الرسالة", "نص عادي"),
    "be": ("Некаторыя фрагменты яшчэ не перакладзеныя, таму пададзеныя па-англійску.",
           "Мовы",
           "Гэта папярэдняя версія ліста: англійскі арыгінал з таго часу зменены.",
           "Усе мовы",
           "Спампаваць гэты ліст",
           "Звычайны тэкст"),
    "crh": ("Bazı parçalar alâ tercime etilmegen, bunıñ içün İngliz tilinde kösterile.",
           "Tiller",
           "Bu, mektüpniñ evelki versiyasıdır: İngliz tilindeki asıl metin ondan soñ "
           "deñiştirildi.",
           "Bütün tiller",
           "Bu mektüpni yükleñiz",
           "Sade metin"),
    "he": ("חלק מהקטעים טרם תורגמו ולכן מוצגים באנגלית.",
           "שפות",
           "זוהי גרסה קודמת של המכתב: המקור באנגלית עודכן מאז.",
           "כל השפות",
           "הורדת מכתב זה",
           "טקסט פשוט"),
    "it": ("Alcuni passaggi non sono ancora stati tradotti e sono riportati in inglese.",
           "Lingue",
           "Questa è una versione precedente della lettera: da allora l’originale inglese "
           "è stato rivisto.",
           "Tutte le lingue",
           "Scarica questa lettera",
           "Testo semplice"),
    "ja": ("一部の箇所はまだ翻訳されていないため、英語で表示しています。",
           "言語",
           "これは本書簡の以前の版です。英語の原文はその後改訂されています。",
           "すべての言語",
           "この書簡をダウンロード",
           "プレーンテキスト"),
    "ka": ("ზოგიერთი ფრაგმენტი ჯერ არ არის თარგმნილი, ამიტომ ინგლისურად არის მოცემული.",
           "ენები",
           "ეს წერილის წინა ვერსიაა: ინგლისური ორიგინალი მას შემდეგ შეიცვალა.",
           "ყველა ენა",
           "ამ წერილის ჩამოტვირთვა",
           "უბრალო ტექსტი"),
    "pt": ("Algumas passagens ainda não estão traduzidas e são apresentadas em inglês.",
           "Línguas",
           "Esta é uma versão anterior da carta: o original em inglês foi entretanto revisto.",
           "Todas as línguas",
           "Descarregar esta carta",
           "Texto simples"),
    "tr": ("Bazı bölümler henüz çevrilmediği için İngilizce olarak gösterilmektedir.",
           "Diller",
           "Bu, mektubun önceki bir sürümüdür: İngilizce özgün metin o zamandan bu yana "
           "revize edilmiştir.",
           "Tüm diller",
           "Bu mektubu indirin",
           "Düz metin"),
    "zh_Hans": ("部分段落尚未翻译，因此以英文显示。",
           "语言",
           "这是本信的早期版本：英文原文此后已有修订。",
           "所有语言",
           "下载本信",
           "纯文本"),
}


def strings(lang: str) -> Strings:
    """The page strings for ``lang`` (``pt_BR`` tries ``pt``), else English."""
    for code in (lang, lang.partition("@")[0], lang.partition("_")[0]):
        if code in _TABLE:
            return Strings(code, *_TABLE[code])
    return Strings("en", *_TABLE["en"])


def page_note(words: Strings, *, earlier: bool, partial: bool) -> str:
    """The note of a letter: that it is an earlier version, that some passages are in
    English, both (in that order) or neither (empty)."""
    notes = ((words.earlier_note,) if earlier else ()) + (
        (words.fallback_note,) if partial else ())
    return " ".join(notes)


def plain_note(lang: str, *, earlier: bool = False, partial: bool = True) -> str:
    """The note as the text and Markdown letters of ``lang`` show it (see :func:`page_note`).

    Where the note is not in the page's language (no translation of it for ``pt_BR``),
    it is labelled with the name of its language in the page's language (CLDR), so it
    is never passed off as the page's language: ``[inglês] Some passages...``. (The
    HTML page marks it with ``lang`` instead.)
    """
    words = strings(lang)
    note = page_note(words, earlier=earlier, partial=partial)
    if not note or words.lang.partition("_")[0] == lang.partition("@")[0].partition("_")[0]:
        return note
    from appeal_i18n.locales import english_name_in

    # Here the note is English: :func:`strings` falls back to no other language.
    return f"[{english_name_in(lang)}] {note}"
