"""CLDR facts about languages (via babel): codes, names, plural rules, text direction.

The facts are cached per process: a build asks for every language's name and direction
once per page, and babel looks each up anew (loading a language's CLDR data takes
milliseconds). A process can also :func:`learn` the names and direction that another one
looked up.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from appeal_i18n.errors import UsageError

if TYPE_CHECKING:
    from babel import Locale

#: ``(native name, English name, direction)`` by code, as another process found them.
_LEARNED: dict[str, tuple[str, str, str]] = {}

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
    if not _in_cldr("_".join(norm)):
        raise UsageError(f"unknown language code {code!r} (not in CLDR)")
    return result


@lru_cache(maxsize=1)
def _locale_data() -> Path:
    spec = importlib.util.find_spec("babel")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "locale-data"


def _in_cldr(name: str) -> bool:
    """True when babel ships CLDR data for ``name``, checked without importing babel.

    Importing babel costs tens of milliseconds; every command validates the configured
    languages, so this stays a file lookup.
    """
    return bool((_locale_data() / f"{name}.dat").is_file())


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
    if code in _LEARNED:
        return _LEARNED[code][2]
    return "rtl" if locale(code).text_direction == "rtl" else "ltr"


@cache
def native_name(code: str) -> str:
    """The language's own name for itself, e.g. ``українська``."""
    if code in _LEARNED:
        return _LEARNED[code][0]
    loc = locale(code)
    return loc.get_display_name(loc) or code


@cache
def english_name(code: str) -> str:
    """The language's English name, e.g. ``Ukrainian``."""
    if code in _LEARNED:
        return _LEARNED[code][1]
    return locale(code).get_display_name("en") or code


def facts(code: str) -> tuple[str, str, str]:
    """``(native name, English name, direction)``: what pages say about a language."""
    return native_name(code), english_name(code), direction(code)


def learn(code: str, known: tuple[str, str, str]) -> None:
    """Take :func:`facts` that another process looked up, instead of loading CLDR data."""
    _LEARNED[code] = known


def bcp47(code: str) -> str:
    """The BCP 47 tag for HTML ``lang`` and ``hreflang`` (``pt_BR`` -> ``pt-BR``)."""
    return code.partition("@")[0].replace("_", "-")
