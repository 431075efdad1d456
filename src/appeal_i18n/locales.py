"""CLDR facts about languages, from babel: codes, names, plural rules, text direction.

babel is the one source: every fact is asked of its API (``babel.Locale``,
``babel.numbers``, ``babel.messages.plurals``), which resolves CLDR's inheritance. The
answers are cached per process (a build asks for every language's name and direction once
per page); the functions are pure, so the caches hold nothing but what babel answered.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from appeal_i18n.errors import UsageError

if TYPE_CHECKING:
    from babel import Locale

_CODE = re.compile(r"^[a-z]{2,3}(?:_(?:[A-Z][a-z]{3}|[A-Z]{2}|\d{3}))*(?:@[a-z]+)?$")


def normalize_language(code: str) -> str:
    """Return the gettext form of a language code (``pt-br`` -> ``pt_BR``) or raise.

    The code must be well formed and known to CLDR; ``en`` is the source language and
    has no catalog.
    """
    raw = code.strip()
    modifier = ""
    if "@" in raw:
        raw, _, modifier = raw.partition("@")
        modifier = "@" + modifier
    parts = re.split(r"[-_]", raw)
    if not parts or not parts[0]:
        raise UsageError(f"malformed language code {code!r}")
    norm = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            norm.append(part.title())
        else:
            norm.append(part.upper())
    result = "_".join(norm) + modifier
    if not _CODE.match(result):
        raise UsageError(f"malformed language code {code!r} (expected e.g. uk, pt_BR, sr_Latn)")
    from babel import localedata

    if not localedata.exists("_".join(norm)):
        raise UsageError(f"unknown language code {code!r} (not in CLDR)")
    return result


@cache
def locale(code: str) -> Locale:
    """The babel Locale of a gettext language code (the ``@modifier`` ignored)."""
    from babel import Locale

    return Locale.parse(code.partition("@")[0])


@cache
def plural_forms(code: str) -> str:
    """The CLDR ``Plural-Forms`` header value for a language."""
    from babel.messages.plurals import get_plural

    nplurals, expr = get_plural(locale(code))
    return f"nplurals={nplurals}; plural={expr};"


@cache
def direction(code: str) -> str:
    """``rtl`` or ``ltr`` from CLDR's character order."""
    return "rtl" if locale(code).text_direction == "rtl" else "ltr"


@cache
def native_name(code: str) -> str:
    """The language's own name for itself, e.g. ``українська``."""
    loc = locale(code)
    return loc.get_display_name(loc) or code


@cache
def english_name(code: str) -> str:
    """The language's English name, e.g. ``Ukrainian``."""
    return locale(code).get_display_name("en") or code


@cache
def number_symbols(code: str) -> tuple[str, str]:
    """The group and decimal separators of the Latin digits (babel's ``get_group_symbol``
    and ``get_decimal_symbol``)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    loc = locale(code)
    return (get_group_symbol(loc, numbering_system="latn"),
            get_decimal_symbol(loc, numbering_system="latn"))


def facts(code: str) -> tuple[str, str, str]:
    """``(native name, English name, direction)``: what pages say about a language."""
    return native_name(code), english_name(code), direction(code)


def bcp47(code: str) -> str:
    """The BCP 47 tag for HTML ``lang`` and ``hreflang`` (``pt_BR`` -> ``pt-BR``)."""
    return code.partition("@")[0].replace("_", "-")
