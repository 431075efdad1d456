"""Checks of the translation as a whole: its length and its quotation marks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from appeal_i18n import markup
from appeal_i18n.checks.registry import ERROR, WARNING, Pair, pair_check
from appeal_i18n.pofile.linebreak import char_width

#: Longer than this (in characters) a translation is refused whatever the English length.
MAX_LENGTH = 10_000
#: The length ratio is not checked below this English length: a few words may legitimately
#: grow or shrink a lot ("Respectfully," becomes a whole sentence in a French letter).
MIN_RATIO_LENGTH = 20
#: A translation longer than RATIO times, or shorter than 1/RATIO of, the English is suspect.
RATIO = 4


@lru_cache(maxsize=4096)
def _width(text: str) -> int:
    """Length in columns: wide (CJK) characters count twice, so ratios compare fairly.
    Cached: each English passage is measured against every language."""
    if text.isascii() and text.isprintable():  # one column each
        return len(text)
    # Each distinct character looked up once.
    return sum(text.count(c) * char_width(c) for c in set(text))


@pair_check("length", WARNING)
def length(pair: Pair) -> Iterator[str]:
    """The translation is between a quarter and four times the English length."""
    english = _width(markup.inline_facts(pair.english).plain.strip())
    translation = _width(markup.inline_facts(pair.translation).plain.strip())
    if english < MIN_RATIO_LENGTH or len(pair.translation) > MAX_LENGTH:
        return  # too short to compare, or refused by length-cap anyway
    if translation > RATIO * english:
        yield f"translation is {translation / english:.1f} times as long as the English"
    elif translation * RATIO < english:
        yield f"translation is {translation / english:.2f} of the English length"


@pair_check("length-cap", ERROR)
def length_cap(pair: Pair) -> Iterator[str]:
    """The translation is at most 10,000 characters long, whatever the English."""
    if len(pair.translation) > MAX_LENGTH:
        yield f"translation is {len(pair.translation)} characters long (limit {MAX_LENGTH})"


# --- Quotation marks -------------------------------------------------------------------

#: Double quotation marks a text may use (CLDR ``delimiters``, outer and inner).
_QUOTE_CHARS = frozenset('"“”„‟«»‹›「」『』')
#: CLDR's quotation marks of each language plus common accepted alternatives. The check
#: looks at characters, not at pairs: German »...« passes, and so does Swiss «...».
_QUOTES = {
    "en": "“”", "uk": "«»„“", "ru": "«»„“", "be": "«»„“", "bg": "„“«»",
    "de": "„“»«", "fr": "«»", "pl": "„”«»", "es": "«»“”", "ar": "«»“”", "fa": "«»“”",
    "he": "”“„", "el": "«»“”", "it": "«»“”", "pt": "“”«»", "nl": "“”„", "cs": "„“»«",
    "sk": "„“»«", "zh": "“”「」『』", "ja": "「」『』", "ko": "“”", "hy": "«»", "tr": "“”",
    "sv": "”»", "fi": "”»", "da": "“”»«", "nb": "«»“”", "no": "«»“”", "hu": "„”»«",
    "ro": "„”«»", "lt": "„“", "lv": "«»„“", "et": "„“«»", "ka": "„“«»", "sr": "„“»«",
    "hr": "„“»«", "sl": "„“»«", "kk": "«»“”", "ca": "«»“”"
}


#: Hebrew abbreviations and numerals carry gershayim between letters (צה״ל, ארה"ב), often
#: typed as a straight double quote: not a quotation mark.
_GERSHAYIM = re.compile(r'(?<=[\u05d0-\u05ea])"(?=[\u05d0-\u05ea])')


@pair_check("quotes", WARNING)
def quotes(pair: Pair) -> Iterator[str]:
    """Quotation marks are the language's own (e.g. «...» in Ukrainian, „...“ in German)."""
    allowed = _QUOTES.get(pair.base)
    if allowed is None or pair.base == "en":
        return
    prose = markup.inline_facts(pair.translation).prose
    if pair.base in ("he", "yi"):
        prose = _GERSHAYIM.sub("", prose)
    wrong = sorted({c for c in prose if c in _QUOTE_CHARS and c not in allowed})
    if wrong:
        yield (f"quotation mark(s) {' '.join(wrong)} are not used in this language "
               f"(expected {' '.join(allowed)})")

