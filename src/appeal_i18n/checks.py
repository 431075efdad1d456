"""Quality checks of translations: what ``appeal-i18n check`` reports and the build refuses.

Every check is a stateless function registered in :data:`CHECKS` with a stable code, a
severity and a one-line title (its docstring's first line). There are three kinds:

* pair checks compare one English text with one translation (a plural entry gives one
  pair per form) and run on translated, non-fuzzy entries only;
* entry checks look at an entry's state (fuzzy);
* catalog checks look at a whole catalog (its header).

A malformed file is reported under ``po-syntax`` by :func:`check_file`. Findings whose
code is in :data:`SAFETY_CODES` make a passage unsafe to publish; the build calls
:func:`check_entry` and refuses those passages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from appeal_i18n import markup
from appeal_i18n.errors import POError, UsageError
from appeal_i18n.glossary import Glossary, load_glossary, normalize
from appeal_i18n.model import Catalog, Entry, Finding

if TYPE_CHECKING:
    from appeal_i18n.config import Config

ERROR = "error"
WARNING = "warning"

#: Longer than this (in characters) a translation is refused whatever the English length.
MAX_LENGTH = 10_000
#: The length ratio is not checked below this English length: a few words may legitimately
#: grow or shrink a lot ("Respectfully," becomes a whole sentence in a French letter).
MIN_RATIO_LENGTH = 20
#: A translation longer than RATIO times, or shorter than 1/RATIO of, the English is suspect.
RATIO = 4


@dataclass(frozen=True, slots=True)
class Pair:
    """One English text and its translation, with what the checks need to know."""

    english: str
    """The source text (msgid, or msgid_plural for the plural forms after the first)."""
    translation: str
    """The non-empty translation."""
    lang: str | None
    """gettext language code of the catalog, None when unknown."""
    glossary: Glossary | None
    """The project glossary, if any."""

    @property
    def base(self) -> str:
        """The language without territory, script or modifier (``pt_BR`` -> ``pt``)."""
        return (self.lang or "").partition("@")[0].partition("_")[0]


PairCheck = Callable[[Pair], Iterable[str]]
EntryCheck = Callable[[Entry], Iterable[str]]
CatalogCheck = Callable[[Catalog, str | None], Iterable[tuple[int, str]]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check."""

    code: str
    """Stable code shown in findings, e.g. ``markdown-link``."""
    severity: str
    """``error`` or ``warning``."""
    title: str
    """One-line description (the function's docstring's first line)."""
    pair: PairCheck | None = None
    """Compares an English text with its translation."""
    entry: EntryCheck | None = None
    """Looks at an entry's state."""
    catalog: CatalogCheck | None = None
    """Looks at the whole catalog; yields ``(line, message)``."""

    @property
    def safety(self) -> bool:
        """True when a finding of this check makes a passage unsafe to publish."""
        return self.code in SAFETY_CODES


#: Every check, by code, in the order ``--list`` shows them.
CHECKS: dict[str, Check] = {}

#: Codes of findings that make a passage unsafe to publish.
SAFETY_CODES = frozenset({
    "markdown-link", "markdown-image", "markdown-html", "markdown-block",
    "bidi-control", "zero-width", "control-char",
})


def _title(func: Callable[..., object]) -> str:
    return (func.__doc__ or "").strip().splitlines()[0]


def _pair_check(code: str, severity: str) -> Callable[[PairCheck], PairCheck]:
    def register(func: PairCheck) -> PairCheck:
        CHECKS[code] = Check(code, severity, _title(func), pair=func)
        return func
    return register


CHECKS["po-syntax"] = Check("po-syntax", ERROR,
                            "The file is not a valid PO file (GNU msgfmt -c would reject it).")


# --- Markdown parity -------------------------------------------------------------------


def _count_check(what: str, english: int, translation: int) -> Iterator[str]:
    if english != translation:
        yield f"{translation} {what} span(s) where the English has {english}"


def _extra(items: Sequence[str], reference: Sequence[str]) -> list[str]:
    """Items beyond those of ``reference`` (a multiset difference), in their own order."""
    left = Counter(reference)
    out: list[str] = []
    for item in items:
        if left[item]:
            left[item] -= 1
        else:
            out.append(item)
    return out


def _differences(english: Sequence[str], translation: Sequence[str]) -> tuple[list[str],
                                                                               list[str]]:
    """What the translation lacks and what it adds, in text order."""
    return _extra(english, translation), _extra(translation, english)


@_pair_check("markdown-emphasis", ERROR)
def emphasis(pair: Pair) -> Iterable[str]:
    """The translation has as many *emphasis* spans as the English."""
    return _count_check("emphasis", markup.inline_facts(pair.english).emphasis,
                        markup.inline_facts(pair.translation).emphasis)


@_pair_check("markdown-strong", ERROR)
def strong(pair: Pair) -> Iterable[str]:
    """The translation has as many **strong** spans as the English."""
    return _count_check("strong", markup.inline_facts(pair.english).strong,
                        markup.inline_facts(pair.translation).strong)


def _parity(english: Sequence[str], translation: Sequence[str], missing_text: str,
            added_text: str) -> Iterator[str]:
    """Name what the translation lost and what it added, each message filled with the item."""
    missing, added = _differences(english, translation)
    for item in missing:
        yield missing_text.format(item)
    for item in added:
        yield added_text.format(item)


@_pair_check("markdown-code", ERROR)
def code_spans(pair: Pair) -> Iterator[str]:
    """The translation has the English's inline `code` spans, unchanged."""
    yield from _parity(markup.inline_facts(pair.english).code_spans,
                       markup.inline_facts(pair.translation).code_spans,
                       "inline code `{}` of the English is missing",
                       "inline code `{}` is not in the English")


@_pair_check("markdown-link", ERROR)
def links(pair: Pair) -> Iterator[str]:
    """The translation links to exactly the English's targets."""
    yield from _parity(markup.inline_facts(pair.english).links,
                       markup.inline_facts(pair.translation).links,
                       "link to {} of the English is missing", "link to {} is not in the English")


@_pair_check("markdown-image", ERROR)
def images(pair: Pair) -> Iterator[str]:
    """The translation shows exactly the English's images."""
    yield from _parity(markup.inline_facts(pair.english).images,
                       markup.inline_facts(pair.translation).images,
                       "image {} of the English is missing", "image {} is not in the English")


@_pair_check("markdown-html", ERROR)
def raw_html(pair: Pair) -> Iterator[str]:
    """The translation has no raw HTML that the English lacks."""
    _, added = _differences(markup.inline_facts(pair.english).raw_html,
                            markup.inline_facts(pair.translation).raw_html)
    for html in added:
        yield f"raw HTML {html!r} is not in the English"


@_pair_check("markdown-block", ERROR)
def block_structure(pair: Pair) -> Iterator[str]:
    """The translation adds no block structure (heading, list, rule, blank line...)."""
    added = markup.block_structure(pair.translation) - markup.block_structure(pair.english)
    for kind in sorted(added):
        yield f"adds {markup.describe_block(kind)}, which the English passage lacks"


@_pair_check("markdown-balance", ERROR)
def balance(pair: Pair) -> Iterator[str]:
    """Every *, _ and backtick of the translation pairs up as in the English."""
    english = dict(markup.inline_facts(pair.english).stray)
    for delim, count in markup.inline_facts(pair.translation).stray:
        if count > english.get(delim, 0):
            yield f"unpaired {delim!r} ({count} left as literal text, the English has " \
                  f"{english.get(delim, 0)})"


# --- Numbers ---------------------------------------------------------------------------

#: An English number on its own, not glued to letters ("People1st", "1st" are not numbers).
_EN_NUMBER = re.compile(r"(?<![^\W_])(\d+(?:,\d{3})*)(?:\.(\d+))?(?![^\W_])")
#: Group separators seen in the wild: space, no-break spaces, apostrophes, Arabic's U+066C.
_GROUPS = " \u00a0\u202f\u2009',.\u2019\u066c"
_DECIMALS = ",.\u066b"
_RUN = re.compile(rf"\d+(?:[{re.escape(_GROUPS + _DECIMALS)}]\d+)*")


def _canonical(integer: str, fraction: str = "") -> str:
    whole = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


#: A decimal digit other than 0-9 (`\d` matches Unicode's Nd, as `str.isdecimal` does).
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _ascii_digits(text: str) -> str:
    """Replace every decimal digit (Arabic-Indic, Persian, Devanagari...) by its ASCII form."""
    if text.isascii():
        return text
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(0))), text)


@cache
def _symbols(lang: str | None) -> tuple[str, str]:
    """The language's group and decimal separators (CLDR, via babel); English when unknown."""
    if not lang:
        return ",", "."
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from appeal_i18n.locales import locale

    try:
        loc = locale(lang)
    except (ValueError, LookupError):
        return ",", "."
    return get_group_symbol(loc), get_decimal_symbol(loc)


def _parse_run(run: str, groups: str, decimal: str) -> str | None:
    integer, fraction = run, ""
    if decimal in run:
        integer, _, fraction = run.rpartition(decimal)
    for group in groups:
        integer = integer.replace(group, "")
    if not integer.isdigit() or not (fraction == "" or fraction.isdigit()):
        return None
    return _canonical(integer, fraction)


def _translated_numbers(text: str, lang: str | None) -> set[str]:
    """Every value the numbers of a translation can be read as (lenient on purpose)."""
    group, decimal = _symbols(lang)
    values: set[str] = set()
    for match in _RUN.finditer(_ascii_digits(text)):
        run = match.group(0)
        values.update(_canonical(d) for d in re.findall(r"\d+", run))
        for d in dict.fromkeys((decimal, *_DECIMALS)):
            value = _parse_run(run, (group + _GROUPS).replace(d, ""), d)
            if value is not None:
                values.add(value)
    return values


@lru_cache(maxsize=4096)
def _english_numbers(english: str) -> tuple[tuple[str, str], ...]:
    """``(as written, canonical value)`` of each number of an English text, no repeats."""
    plain = markup.inline_facts(english).plain
    return tuple({m.group(0): _canonical(m.group(1).replace(",", ""), m.group(2) or "")
                  for m in _EN_NUMBER.finditer(plain)}.items())


@_pair_check("numbers", ERROR)
def numbers(pair: Pair) -> Iterator[str]:
    """Every number of the English appears in the translation (local digits and separators)."""
    wanted = _english_numbers(pair.english)
    if not wanted:
        return
    found = _translated_numbers(pair.translation, pair.lang)
    missing = [text for text, value in wanted if value not in found]
    if missing:
        yield f"number(s) of the English missing: {', '.join(missing)}"


# --- Whitespace ------------------------------------------------------------------------


def _ends(text: str) -> tuple[str, str]:
    """The leading and trailing whitespace of a text (all of it, if it is blank)."""
    if not text.strip():
        return text, ""
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]


@_pair_check("whitespace", WARNING)
def whitespace(pair: Pair) -> Iterator[str]:
    """Leading and trailing whitespace and newlines are those of the English."""
    (en_lead, en_trail), (tr_lead, tr_trail) = _ends(pair.english), _ends(pair.translation)
    if en_lead != tr_lead:
        yield f"leading whitespace {tr_lead!r} where the English has {en_lead!r}"
    if en_trail != tr_trail:
        yield f"trailing whitespace {tr_trail!r} where the English has {en_trail!r}"


@_pair_check("double-space", WARNING)
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


def _new_chars(pair: Pair, wanted: Callable[[str], bool]) -> list[str]:
    return sorted(c for c in _added(pair.translation, pair.english) if wanted(c))


@lru_cache(maxsize=16)
def _added(translation: str, english: str) -> frozenset[str]:
    # Three checks in a row ask about the same pair.
    return frozenset(translation).difference(english)


def _rtl(lang: str | None) -> bool:
    if not lang:
        return False
    from appeal_i18n.locales import direction

    try:
        return direction(lang) == "rtl"
    except (ValueError, LookupError):
        return False


@_pair_check("bidi-control", ERROR)
def bidi_controls(pair: Pair) -> Iterator[str]:
    """No bidi embedding, override or isolate controls (U+202A-U+202E, U+2066-U+2069)."""
    for char in _new_chars(pair, _BIDI.__contains__):
        yield f"bidi control {_name(char)} (can reorder what a reader sees)"


@_pair_check("zero-width", ERROR)
def zero_width(pair: Pair) -> Iterator[str]:
    """No zero-width characters, except those of the language's own spelling."""
    allowed = set(_ZERO_WIDTH_ALLOWED.get(pair.base, frozenset()))
    if _rtl(pair.lang):
        allowed |= _RTL_MARKS
    for char in _new_chars(pair, lambda c: c in _ZERO_WIDTH and c not in allowed):
        yield f"invisible character {_name(char)}"


def _control(char: str) -> bool:
    code = ord(char)
    return char != "\n" and (code < 0x20 or 0x7F <= code <= 0x9F)


@_pair_check("control-char", ERROR)
def control_chars(pair: Pair) -> Iterator[str]:
    """No C0 or C1 control characters that the English lacks."""
    for char in _new_chars(pair, _control):
        yield f"control character {_name(char)}"


# --- Ending punctuation ----------------------------------------------------------------

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
    # DIN 5008; "Z wyrazami szacunku").
    (frozenset({"de", "pl"}), "comma", "none"),
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


@_pair_check("end-punctuation", WARNING)
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


# --- Unchanged, glossary, length -------------------------------------------------------


def _is_listed_name(english: str, pair: Pair) -> bool:
    if pair.glossary is None:
        return False
    term = pair.glossary.lookup(english.strip().strip(".,:;!?"))
    if term is None:
        return False
    forms = {normalize(f) for f in term.forms_for(pair.lang)}
    return term.type == "name" or normalize(term.en) in forms


@_pair_check("unchanged", WARNING)
def unchanged(pair: Pair) -> Iterator[str]:
    """The translation differs from the English, unless it is a glossary name or brand."""
    if pair.base == "en" or normalize(pair.english) != normalize(pair.translation):
        return
    plain = markup.inline_facts(pair.english).plain
    if not any(c.isalpha() for c in plain) or _is_listed_name(plain, pair):
        return
    yield "translation is identical to the English"


@_pair_check("glossary", ERROR)
def glossary(pair: Pair) -> Iterator[str]:
    """A glossary term of the English appears in its glossary form in the translation."""
    if pair.glossary is None:
        return
    translation = markup.inline_facts(pair.translation).plain
    for term in pair.glossary.terms_in(markup.inline_facts(pair.english).plain):
        if not term.accepts(translation, pair.lang):
            forms = " | ".join(term.forms_for(pair.lang))
            yield f"glossary: {term.en!r} should be translated as {forms!r}"


class _Columns(dict[str, int]):
    """Columns of each character seen so far (a dict lookup beats asking unicodedata)."""

    def __missing__(self, char: str) -> int:
        self[char] = columns = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        return columns


_COLUMNS = _Columns()


def _width(text: str) -> int:
    """Length in columns: wide (CJK) characters count twice, so ratios compare fairly."""
    if text.isascii():
        return len(text)
    return sum(map(_COLUMNS.__getitem__, text))


@_pair_check("length", WARNING)
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


@_pair_check("length-cap", ERROR)
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


@_pair_check("quotes", WARNING)
def quotes(pair: Pair) -> Iterator[str]:
    """Quotation marks are the language's own (e.g. «...» in Ukrainian, „...“ in German)."""
    allowed = _QUOTES.get(pair.base)
    if allowed is None or pair.base == "en":
        return
    prose = markup.inline_facts(pair.translation).prose
    wrong = sorted({c for c in prose if c in _QUOTE_CHARS and c not in allowed})
    if wrong:
        yield (f"quotation mark(s) {' '.join(wrong)} are not used in this language "
               f"(expected {' '.join(allowed)})")


# --- Entry state and catalog header ----------------------------------------------------


def _entry_check(code: str, severity: str) -> Callable[[EntryCheck], EntryCheck]:
    def register(func: EntryCheck) -> EntryCheck:
        CHECKS[code] = Check(code, severity, _title(func), entry=func)
        return func
    return register


def _catalog_check(code: str, severity: str) -> Callable[[CatalogCheck], CatalogCheck]:
    def register(func: CatalogCheck) -> CatalogCheck:
        CHECKS[code] = Check(code, severity, _title(func), catalog=func)
        return func
    return register


@_entry_check("fuzzy", WARNING)
def fuzzy(entry: Entry) -> Iterator[str]:
    """The entry is fuzzy: its translation needs review and is not published."""
    if entry.fuzzy:
        yield "fuzzy translation (review it, then remove the fuzzy flag)"


@lru_cache(maxsize=256)
def _plural_values(value: str) -> tuple[int, tuple[int, ...]]:
    from appeal_i18n.pofile import parse_plural_forms

    nplurals, func = parse_plural_forms(value)
    return nplurals, _values(func)


@lru_cache(maxsize=256)
def _values(func: Callable[[int], int]) -> tuple[int, ...]:
    # By function: the reader compiles each expression once, and many headers share one.
    return tuple(func(n) for n in range(201))


def _same_plural_forms(header: str, value: str) -> str:
    """The whole header when it reads as the same Plural-Forms as ``value``, else ``value``.

    The PO reader has range-checked the expression after the header's first ``plural=``
    (an expression ends at its ``;``); asking for that same text reuses its check.
    """
    at, nplurals, plural = header.find(value), value.find("nplurals="), value.find("plural=")
    if (at >= 0 and nplurals >= 0 and plural >= 0 and ";" in value[plural:]
            and header.find("nplurals=") == at + nplurals
            and header.find("plural=") == at + plural):
        return header
    return value


@lru_cache(maxsize=256)
def _cldr_plural_values(value: str) -> tuple[int, tuple[int, ...]]:
    """:func:`_plural_values` of a ``nplurals=N; plural=EXPR;`` made from CLDR's rules.

    CLDR's rules are trusted: not range-checked (that evaluates an expression 1,001 times).
    """
    from appeal_i18n.pofile import plural_function

    nplurals = int(value.partition(";")[0].partition("=")[2])
    func = plural_function(value[value.find("plural=") + len("plural="):])
    return nplurals, tuple(func(n) for n in range(201))


@_catalog_check("plural-forms", WARNING)
def plural_forms(catalog: Catalog, lang: str | None) -> Iterator[tuple[int, str]]:
    """Plural-Forms gives CLDR's forms for the language (nplurals and the values on 0..200)."""
    value, header = catalog.header_field("Plural-Forms"), catalog.header
    if value is None or header is None or not lang:
        return
    from appeal_i18n.locales import plural_forms as cldr_forms

    try:
        cldr = cldr_forms(lang)
    except (ValueError, LookupError):
        return
    try:
        have = _plural_values(_same_plural_forms(header.msgstr, value))
    except ValueError as exc:
        yield header.line or 1, f"invalid Plural-Forms {value!r}: {exc}"
        return
    if have != _cldr_plural_values(cldr):
        yield header.line or 1, f"Plural-Forms {value!r} differs from CLDR's {cldr!r}"


# --- Running the checks ----------------------------------------------------------------


def _order() -> dict[str, int]:
    return {code: i for i, code in enumerate(CHECKS)}


def _pairs(entry: Entry) -> Iterator[tuple[str, str]]:
    if entry.msgid_plural is None:
        yield entry.msgid, entry.msgstr
        return
    for index, text in enumerate(entry.msgstr_plural):
        yield (entry.msgid if index == 0 else entry.msgid_plural), text


def _finding(check: Check, entry: Entry | None, *, path: str, line: int,
             message: str) -> Finding:
    return Finding(path=path, line=line, code=check.code, severity=check.severity,
                   message=message, msgctxt=entry.msgctxt if entry else None,
                   msgid=entry.msgid if entry else None)


def check_entry(entry: Entry, *, path: str, lang: str | None,
                glossary: Glossary | None) -> list[Finding]:
    """Check one entry: fuzzy state, then (if translated) every pair check on every form.

    The header, obsolete and untranslated entries give no findings; a fuzzy entry gives
    the fuzzy warning only.
    """
    if entry.is_header or entry.obsolete:
        return []
    line = entry.line or 1
    found: list[Finding] = []
    for check in CHECKS.values():
        if check.entry is not None:
            found += [_finding(check, entry, path=path, line=line, message=m)
                      for m in check.entry(entry)]
    if entry.fuzzy:
        return found
    for english, translation in _pairs(entry):
        if not translation:
            continue
        pair = Pair(english, translation, lang, glossary)
        for check in CHECKS.values():
            if check.pair is not None:
                found += [_finding(check, entry, path=path, line=line, message=m)
                          for m in check.pair(pair)]
    return found


def catalog_language(catalog: Catalog) -> str | None:
    """The catalog's ``Language`` header in gettext form, or None if missing or unknown."""
    from appeal_i18n.locales import normalize_language

    value = catalog.header_field("Language")
    if not value:
        return None
    try:
        return normalize_language(value)
    except UsageError:
        return None


def check_catalog(catalog: Catalog, *, path: str, lang: str | None,
                  glossary: Glossary | None) -> list[Finding]:
    """Run every check on a catalog; findings sorted by line, then by check order.

    ``lang`` None means the catalog's ``Language`` header (language-specific checks are
    skipped when that is missing too).
    """
    lang = lang or catalog_language(catalog)
    found: list[Finding] = []
    for check in CHECKS.values():
        if check.catalog is not None:
            found += [_finding(check, None, path=path, line=line, message=m)
                      for line, m in check.catalog(catalog, lang)]
    for entry in catalog.entries:
        found += check_entry(entry, path=path, lang=lang, glossary=glossary)
    return sort_findings(found)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Sort by file, line and check order (the order of :data:`CHECKS`)."""
    order = _order()
    return sorted(findings, key=lambda f: (f.path, f.line, order.get(f.code, len(order))))


def check_file(path: Path, *, display: str | None = None, lang: str | None = None,
               glossary: Glossary | None = None) -> list[Finding]:
    """Read and check one PO file; a malformed file gives one ``po-syntax`` finding.

    ``lang`` defaults to the folder name in the ``<lang>/LC_MESSAGES/`` layout, else to
    the catalog's Language header.
    """
    from appeal_i18n.pofile import read_po

    name = display or str(path)
    try:
        catalog = read_po(path)
    except POError as exc:
        check = CHECKS["po-syntax"]
        return [_finding(check, None, path=name, line=exc.line or 1, message=exc.message)]
    if lang is None and path.parent.name == "LC_MESSAGES":
        lang = _folder_language(path.parent.parent.name)
    return check_catalog(catalog, path=name, lang=lang, glossary=glossary)


def _folder_language(name: str) -> str | None:
    from appeal_i18n.locales import normalize_language

    try:
        return normalize_language(name)
    except UsageError:
        return None


def project_glossary(config: Config) -> Glossary | None:
    """The project's ``locales/glossary.csv``, or None when there is none."""
    path = config.locales_dir / "glossary.csv"
    if not path.is_file():
        return None
    return load_glossary(path, display=config.rel(path))


def _po_files(path: Path) -> list[Path]:
    return sorted(path.rglob("*.po")) if path.is_dir() else [path]


def check_paths(paths: Sequence[Path], *, config: Config) -> list[Finding]:
    """Check the given PO files (folders: every ``*.po`` below them) with the project's glossary."""
    glossary = project_glossary(config)
    found: list[Finding] = []
    for given in paths:
        for path in _po_files(given):
            found += check_file(path, display=config.rel(path), glossary=glossary)
    return sort_findings(found)


def check_project(config: Config) -> list[Finding]:
    """Check every catalog of the project: each catalog language, each source document."""
    domains = [document.stem for document in config.documents()]
    paths = [config.catalog_path(lang, domain)
             for lang in config.catalog_languages() for domain in domains]
    return check_paths([p for p in paths if p.is_file()], config=config)
