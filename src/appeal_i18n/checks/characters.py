"""Whitespace, double spaces, and invisible (bidi, zero-width) or control characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from appeal_i18n.checks.registry import ERROR, WARNING, Pair, pair_check


def _ends(text: str) -> tuple[str, str]:
    """The leading and trailing whitespace of a text (all of it, if it is blank)."""
    if not text.strip():
        return text, ""
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]


@pair_check("whitespace", WARNING)
def whitespace(pair: Pair) -> Iterator[str]:
    """Leading and trailing whitespace and newlines are those of the English."""
    (en_lead, en_trail), (tr_lead, tr_trail) = _ends(pair.english), _ends(pair.translation)
    if en_lead != tr_lead:
        yield f"leading whitespace {tr_lead!r} where the English has {en_lead!r}"
    if en_trail != tr_trail:
        yield f"trailing whitespace {tr_trail!r} where the English has {en_trail!r}"


@pair_check("double-space", WARNING)
def double_space(pair: Pair) -> Iterator[str]:
    """No double spaces inside the translation (unless the English has them)."""
    count = pair.translation.strip().count("  ")
    if count > pair.english.strip().count("  "):
        yield "double space inside the text"


# --- Characters ------------------------------------------------------------------------

_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064"
                        "\ufeff\u180e\u061c")
_ZWNJ, _ZWJ, _ZWSP = "\u200c", "\u200d", "\u200b"
#: Zero-width characters that belong to a language's spelling:
#: ZWNJ in Persian, Sorani Kurdish, Pashto and Urdu (the prefix in "می‌خواهم");
#: ZWNJ and ZWJ to control conjuncts in the Indic scripts and Sinhala;
#: ZWSP as the word boundary of scripts written without spaces.
_ZERO_WIDTH_ALLOWED = {
    **dict.fromkeys(("fa", "ckb", "ku", "ps", "ur"), frozenset(_ZWNJ)),
    **dict.fromkeys(("hi", "mr", "ne", "bn", "as", "ta", "te", "ml", "kn", "gu", "pa", "or",
                     "sa", "si"), frozenset(_ZWNJ + _ZWJ)),
    **dict.fromkeys(("th", "lo", "km", "my", "bo", "dz"), frozenset(_ZWSP)),
}
#: Directional marks (LRM, RLM, ALM) keep neutral characters in order in RTL text.
_RTL_MARKS = frozenset("\u200e\u200f\u061c")


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control')}"


def _new_of(pair: Pair, chars: frozenset[str]) -> list[str]:
    """The characters of ``chars`` that the translation has and the English lacks, sorted."""
    return sorted(_added(pair.translation, pair.english) & chars)


@lru_cache(maxsize=16)
def _added(translation: str, english: str) -> frozenset[str]:
    # Three checks in a row ask about the same pair.
    return frozenset(translation).difference(_characters(english))


@lru_cache(maxsize=4096)
def _characters(english: str) -> frozenset[str]:
    # Each English passage is compared with every language's translation.
    return frozenset(english)


def _rtl(lang: str | None) -> bool:
    if not lang:
        return False
    from appeal_i18n.locales import direction

    try:
        return direction(lang) == "rtl"
    except (ValueError, LookupError):
        return False


@pair_check("bidi-control", ERROR)
def bidi_controls(pair: Pair) -> Iterator[str]:
    """No bidi embedding, override or isolate controls (U+202A-U+202E, U+2066-U+2069)."""
    for char in _new_of(pair, _BIDI):
        yield f"bidi control {_name(char)} (can reorder what a reader sees)"


@pair_check("zero-width", ERROR)
def zero_width(pair: Pair) -> Iterator[str]:
    """No zero-width characters, except those of the language's own spelling."""
    allowed = set(_ZERO_WIDTH_ALLOWED.get(pair.base, frozenset()))
    if _rtl(pair.lang):
        allowed |= _RTL_MARKS
    for char in _new_of(pair, _ZERO_WIDTH):
        if char not in allowed:
            yield f"invisible character {_name(char)}"


def _control(char: str) -> bool:
    code = ord(char)
    return char != "\n" and (code < 0x20 or 0x7F <= code <= 0x9F)


#: The characters :func:`_control` accepts.
_CONTROLS = frozenset(c for c in map(chr, range(0xA0)) if _control(c))


@pair_check("control-char", ERROR)
def control_chars(pair: Pair) -> Iterator[str]:
    """No C0 or C1 control characters that the English lacks."""
    for char in _new_of(pair, _CONTROLS):
        yield f"control character {_name(char)}"

