"""CLDR facts about languages, from babel: codes, names, plural rules, text direction.

For the few languages CLDR lacks, a small table in this module (:data:`OUTSIDE_CLDR`)
gives the same facts; it is never consulted for a language babel knows.

babel is the one source: every fact is asked of its API (``babel.Locale``,
``babel.numbers``, ``babel.messages.plurals``, in :func:`babel_row`), which resolves CLDR's
inheritance. ``data/cldr-facts.json`` holds those answers for every locale babel ships, made
by ``make cldr`` (``python -m appeal_i18n.locales``) for the babel version pinned in
``pyproject.toml``; it is read only when the installed babel is that version, and a test
compares it with babel. Answers are cached per process (pure functions).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
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
    if not in_cldr(result) and outside_cldr(result) is None:
        raise UsageError(f"unknown language code {code!r} (not in CLDR) and not in "
                         "appeal-i18n's table of other languages (locales.OUTSIDE_CLDR)")
    return result


@cache
def in_cldr(code: str) -> bool:
    """True when babel (CLDR) knows the language (the ``@modifier`` ignored)."""
    from babel import localedata

    return bool(localedata.exists(code.partition("@")[0]))


#: Languages CLDR (and so babel) lacks, that GNU gettext's msginit accepts: the same
#: facts as :data:`Row`. Names are the language's own and its English one; the plural
#: rule is that of the language's existing gettext translations (GNU's msginit table
#: has none for these), and ``init --plural-forms`` overrides it. The name of English
#: in the language is left empty (CLDR has none: :func:`english_name_in` says ``English``).
OUTSIDE_CLDR: Mapping[str, tuple[str, str, str, str, str, str, str]] = MappingProxyType({
    # Crimean Tatar, in its Latin alphabet: nouns after numerals stay singular, and its
    # GNOME and Debian translations use one form.
    "crh": ("Qırımtatarca", "Crimean Tatar", "ltr", ",", ".", "nplurals=1; plural=0;", ""),
})


def outside_cldr(code: str) -> Row | None:
    """The row of :data:`OUTSIDE_CLDR` for ``code`` (or its base language), else None."""
    bare = code.partition("@")[0]
    return OUTSIDE_CLDR.get(bare) or OUTSIDE_CLDR.get(bare.partition("_")[0])


@cache
def locale(code: str) -> Locale:
    """The babel Locale of a gettext language code (the ``@modifier`` ignored)."""
    from babel import Locale

    return Locale.parse(code.partition("@")[0])


Row = tuple[str, str, str, str, str, str, str]
"""What the project asks of CLDR about one locale: native name, English name, direction,
group and decimal symbols of the Latin digits, Plural-Forms, and the name of English in
the locale's language (empty when CLDR has none)."""

TABLE = Path(__file__).with_name("data") / "cldr-facts.json"
""":func:`babel_row` of every locale babel ships, made by ``make cldr`` for the babel
version that ``pyproject.toml`` pins (loading a locale's merged CLDR data costs babel a few
milliseconds; a build of 100 languages spent a third of its time there)."""


def babel_row(code: str) -> Row:
    """The facts of one locale, asked of babel's API (which resolves CLDR's inheritance)."""
    from babel.messages.plurals import get_plural
    from babel.numbers import get_decimal_symbol, get_group_symbol

    loc = locale(code)
    nplurals, expr = get_plural(loc)
    return (loc.get_display_name(loc) or code, loc.get_display_name("en") or code,
            "rtl" if loc.text_direction == "rtl" else "ltr",
            get_group_symbol(loc, numbering_system="latn"),
            get_decimal_symbol(loc, numbering_system="latn"),
            f"nplurals={nplurals}; plural={expr};", str(loc.languages.get("en") or ""))


@cache
def _table() -> dict[str, Row]:
    """The table, when it was made for the installed babel (else empty: babel answers)."""
    import babel

    try:
        data = json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("babel") != babel.__version__:
        return {}
    rows: dict[str, list[str]] = data["locales"]
    return {code: (a, b, c, d, e, f, g) for code, (a, b, c, d, e, f, g) in rows.items()}


@cache
def row(code: str) -> Row:
    """The facts of a language: from the table made from babel, else from babel itself."""
    known = _table().get(code.partition("@")[0])
    if known is not None:
        return known
    if not in_cldr(code):
        other = outside_cldr(code)
        if other is not None:
            return other
    return babel_row(code)


def make_table() -> dict[str, object]:
    """The table's content for the installed babel: every locale it ships."""
    import babel
    from babel.localedata import locale_identifiers

    return {"babel": babel.__version__,
            "locales": {code: list(babel_row(code)) for code in sorted(locale_identifiers())}}


def plural_forms(code: str) -> str:
    """The CLDR ``Plural-Forms`` header value for a language."""
    return row(code)[5]


def direction(code: str) -> str:
    """``rtl`` or ``ltr`` from CLDR's character order."""
    return row(code)[2]


def native_name(code: str) -> str:
    """The language's own name for itself, e.g. ``українська``."""
    return row(code)[0]


def english_name(code: str) -> str:
    """The language's English name, e.g. ``Ukrainian``."""
    return row(code)[1]


def number_symbols(code: str) -> tuple[str, str]:
    """The group and decimal separators of the Latin digits (babel's ``get_group_symbol``
    and ``get_decimal_symbol``)."""
    found = row(code)
    return found[3], found[4]


@cache
def english_name_in(lang: str) -> str:
    """The name of English in language ``lang`` (CLDR's), e.g. in ``pt_BR``: ``inglês``;
    ``English`` when CLDR has none."""
    if in_cldr(lang):
        found = row(lang)[6]
        if found:
            return found
    return english_name("en")


def facts(code: str) -> tuple[str, str, str]:
    """``(native name, English name, direction)``: what pages say about a language."""
    return native_name(code), english_name(code), direction(code)


def bcp47(code: str) -> str:
    """The BCP 47 tag for HTML ``lang`` and ``hreflang`` (``pt_BR`` -> ``pt-BR``)."""
    return code.partition("@")[0].replace("_", "-")


if __name__ == "__main__":  # make cldr
    TABLE.parent.mkdir(exist_ok=True)
    TABLE.write_text(json.dumps(make_table(), ensure_ascii=False, separators=(",", ":"),
                                sort_keys=True) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {TABLE}\n")
