"""The numbers of the English appear in the translation, in local digits and separators."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache

from appeal_i18n import markup
from appeal_i18n.checks.registry import ERROR, Pair, pair_check

#: An English number on its own, not glued to letters ("People1st", "1st" are not numbers).
_EN_NUMBER = re.compile(r"(?<![^\W_])(\d+(?:,\d{3})*)(?:\.(\d+))?(?![^\W_])")
#: Group separators seen in the wild: space, no-break spaces, apostrophes, Arabic's U+066C,
#: and the full-width comma of Chinese and Japanese typed in full-width mode (10，000).
_GROUPS = " \u00a0\u202f\u2009',.\u2019\u066c\uff0c"
_DECIMALS = ",.\u066b\uff0e"
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
    from appeal_i18n.locales import number_symbols

    try:
        return number_symbols(lang)
    except (ValueError, LookupError):
        return ",", "."


def _parse_run(run: str, groups: str, decimal: str) -> str | None:
    integer, fraction = run, ""
    if decimal in run:
        integer, _, fraction = run.rpartition(decimal)
    for group in groups:
        integer = integer.replace(group, "")
    if not integer.isdigit() or not (fraction == "" or fraction.isdigit()):
        return None
    return _canonical(integer, fraction)


#: Chinese and Japanese write large numbers with a multiplier: 1万 is 10,000, 2.5億 is
#: 250,000,000 (and the full-width digits of ２万 are digits like any other).
_CJK_UNITS = {"千": 3, "万": 4, "萬": 4, "亿": 8, "億": 8}
_CJK_MULTIPLE = re.compile(r"(\d+(?:\.\d+)?)\s*([千万萬亿億])")


def _cjk_multiples(text: str) -> set[str]:
    """The values of numbers written with a multiplier (``1万``), canonical."""
    from decimal import Decimal

    values = set()
    for match in _CJK_MULTIPLE.finditer(text):
        value = Decimal(match.group(1)).scaleb(_CJK_UNITS[match.group(2)])
        integer, _, fraction = format(value, "f").partition(".")
        values.add(_canonical(integer, fraction))
    return values


def _translated_numbers(text: str, lang: str | None) -> set[str]:
    """Every value the numbers of a translation can be read as (lenient on purpose)."""
    group, decimal = _symbols(lang)
    values: set[str] = set()
    text = _ascii_digits(text)
    if (lang or "")[:2] in ("zh", "ja"):
        values.update(_cjk_multiples(text))
    for match in _RUN.finditer(text):
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


@pair_check("numbers", ERROR)
def numbers(pair: Pair) -> Iterator[str]:
    """Every number of the English appears in the translation (local digits and separators)."""
    wanted = _english_numbers(pair.english)
    if not wanted:
        return
    # The translation's text as the English's: its Markdown read the same way (``1*1*`` is
    # "1" and an emphasised "1", the number "11" to the reader, in both).
    found = _translated_numbers(markup.inline_facts(pair.translation).plain, pair.lang)
    missing = [text for text, value in wanted if value not in found]
    if missing:
        yield f"number(s) of the English missing: {', '.join(missing)}"

