"""CLDR facts about languages (via babel): codes, names, plural rules, text direction.

The facts are cached per process: a build asks for every language's name and direction
once per page, and babel looks each up anew (loading a language's CLDR data takes
milliseconds). A process can also :func:`learn` the names and direction that another one
looked up.

Names, direction and number symbols are read from the language's own CLDR file and those
of its parents, key by key (:func:`_cldr`), instead of through babel's ``Locale``, which
merges the whole of every parent into a copy for each language (about three times the
cost of reading the file). Anything that lookup does not resolve as plain data (an alias,
a missing value) is asked of babel, so the answers are babel's (``tests/test_locales.py``).

Reading a language's file still takes a few milliseconds, once per language and process
(a 100-language build spent a tenth of its time there). So ``data/cldr-facts.json`` holds
those facts, and the Plural-Forms, of every locale babel ships, made by
``python -m appeal_i18n.locales`` (``make cldr``) from the lookups above. It is used only
with the babel version it was made from; with another one, the lookups run.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    import importlib.util

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
    row = _row(code)
    return row[5] if row else _babel_plural_forms(code)


def _babel_plural_forms(code: str) -> str:
    from babel.messages.plurals import get_plural

    nplurals, expr = get_plural(locale(code))
    return f"nplurals={nplurals}; plural={expr};"


#: The facts table shipped with the package (see the module's docstring).
FACTS_TABLE = Path(__file__).with_name("data") / "cldr-facts.json"

#: A locale's facts in the table: native name, English name, direction, group and
#: decimal separators, Plural-Forms.
_Row = tuple[str, str, str, str, str, str]


@cache
def _table() -> dict[str, _Row]:
    """The shipped facts by locale name, or nothing when babel is not the version they
    were made with (or the table is missing)."""
    import babel

    try:
        doc = json.loads(FACTS_TABLE.read_bytes())
    except (OSError, ValueError):
        return {}
    if doc.get("babel") != babel.__version__:
        return {}
    return {name: (row[0], row[1], row[2], row[3], row[4], row[5])
            for name, row in doc["facts"].items()}


def _row(code: str) -> _Row | None:
    return _table().get(code.partition("@")[0])


class _Unresolved(Exception):
    """The data at a key path is not plain (an alias, say): ask babel."""


@cache
def _own_data(name: str) -> dict[str, Any]:
    """The CLDR data of one locale file as babel ships it, not merged with its parents."""
    import pickle

    from babel import localedata

    if name == "root":
        return localedata.load("root")  # babel's cached copy (root is never merged)
    with open(localedata.resolve_locale_filename(name), "rb") as file:
        data: dict[str, Any] = pickle.load(file)
    return data


def _parent(name: str) -> str:
    """The locale whose data ``name`` inherits, as :func:`babel.localedata.load` finds it."""
    from babel.core import get_global, parse_locale

    parent: str | None = get_global("parent_exceptions").get(name)
    if parent:
        return parent
    try:
        lang, territory, script, variant, *rest = parse_locale(name)
    except ValueError:
        lang, territory, script, variant, rest = "", None, None, None, []
    if lang and script and not territory and not variant and not rest:
        # CLDR's nonlikelyScript rule: sr_Latn inherits from root, not from sr.
        likely_tag: str = get_global("likely_subtags")[lang]
        _, _, likely, *_ = parse_locale(likely_tag)
        if script != likely:
            return "root"
    parts = name.split("_")
    return "root" if len(parts) == 1 else "_".join(parts[:-1])


@cache
def _chain(name: str) -> tuple[str, ...]:
    """``root``, then each parent of ``name`` down to ``name`` itself."""
    names = [name]
    while names[-1] != "root":
        names.append(_parent(names[-1]))
    return tuple(reversed(names))


def _cldr(name: str, *path: str) -> str | None:
    """The string at ``path`` in the locale's CLDR data merged with its parents' (babel's
    merge: the most specific file that has a value wins), or None when none has one.

    Raises :class:`_Unresolved` when a file has something else than plain dicts and a
    string on the way (an alias, which babel resolves against the merged data).
    """
    found: str | None = None
    for each in _chain(name):
        value: Any = _own_data(each)
        for key in path:
            if value is None:
                break
            if not isinstance(value, dict):
                raise _Unresolved(name)
            value = value.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise _Unresolved(name)
        found = value
    return found


def _fact(code: str, index: int, lookup: Callable[[str], str]) -> str:
    """A fact that pages show (0 native name, 1 English name, 2 direction): as another
    process learned it, else from the table, else looked up."""
    if code in _LEARNED:
        return _LEARNED[code][index]
    row = _row(code)
    return row[index] if row else lookup(code)


@cache
def direction(code: str) -> str:
    """``rtl`` or ``ltr`` from CLDR's character order."""
    return _fact(code, 2, _cldr_direction)


@cache
def native_name(code: str) -> str:
    """The language's own name for itself, e.g. ``українська``."""
    return _fact(code, 0, _cldr_native_name)


@cache
def english_name(code: str) -> str:
    """The language's English name, e.g. ``Ukrainian``."""
    return _fact(code, 1, _cldr_english_name)


@cache
def number_symbols(code: str) -> tuple[str, str]:
    """The group and decimal separators of the Latin digits (babel's ``get_group_symbol``
    and ``get_decimal_symbol``)."""
    row = _row(code)
    return (row[3], row[4]) if row else _cldr_number_symbols(code)


def _cldr_direction(code: str) -> str:
    loc = locale(code)
    try:
        order = _cldr(str(loc), "character_order")
    except _Unresolved:
        order = None
    if order is None:
        order = loc.character_order
    return "rtl" if "".join(word[0] for word in order.split("-")) == "rtl" else "ltr"


def _cldr_name(code: str, *, english: bool) -> str:
    """The language's name in English or in itself, from :func:`_display_name`, else babel's."""
    loc = locale(code)
    shown_in: Locale | str = "en" if english else loc
    try:
        name = _display_name(loc, str(shown_in))
    except _Unresolved:
        name = loc.get_display_name(shown_in)
    return name or code


def _cldr_native_name(code: str) -> str:
    return _cldr_name(code, english=False)


def _cldr_english_name(code: str) -> str:
    return _cldr_name(code, english=True)


def _display_name(loc: Locale, name: str) -> str | None:
    """``loc.get_display_name(name)`` from :func:`_cldr` lookups (babel's composition)."""
    found = _cldr(name, "languages", loc.language)
    if found and (loc.territory or loc.script or loc.variant):
        details = []
        if loc.script:
            details.append(_cldr(name, "scripts", loc.script))
        if loc.territory:
            details.append(_cldr(name, "territories", loc.territory))
        if loc.variant:
            details.append(_cldr(name, "variants", loc.variant))
        if loc.modifier:
            details.append(loc.modifier)
        detail = ", ".join(atom for atom in details if atom)
        if detail:
            found += f" ({detail})"
    return found


def _cldr_number_symbols(code: str) -> tuple[str, str]:
    loc = locale(code)
    name = str(loc)
    try:
        group = _cldr(name, "number_symbols", "latn", "group")
        decimal = _cldr(name, "number_symbols", "latn", "decimal")
    except _Unresolved:
        group = decimal = None
    if group is None or decimal is None:
        from babel.numbers import get_decimal_symbol, get_group_symbol

        return get_group_symbol(loc), get_decimal_symbol(loc)
    return group, decimal


def facts(code: str) -> tuple[str, str, str]:
    """``(native name, English name, direction)``: what pages say about a language."""
    return native_name(code), english_name(code), direction(code)


def learn(code: str, known: tuple[str, str, str]) -> None:
    """Take :func:`facts` that another process looked up, instead of loading CLDR data."""
    _LEARNED[code] = known


def bcp47(code: str) -> str:
    """The BCP 47 tag for HTML ``lang`` and ``hreflang`` (``pt_BR`` -> ``pt-BR``)."""
    return code.partition("@")[0].replace("_", "-")


def facts_table() -> dict[str, _Row]:
    """The table's rows for the installed babel: every locale's facts read from its data."""
    from babel import localedata

    return {name: (_cldr_native_name(name), _cldr_english_name(name), _cldr_direction(name),
                   *_cldr_number_symbols(name), _babel_plural_forms(name))
            for name in sorted(localedata.locale_identifiers())}


def write_table(path: Path) -> None:
    """Write :func:`facts_table` for the installed babel to ``path`` (one locale a line)."""
    import babel

    from appeal_i18n.fsio import write_file

    rows = facts_table()
    lines = [f'{{"babel": {json.dumps(babel.__version__)}, "facts": {{']
    lines.extend(f"{json.dumps(name)}: {json.dumps(list(row), ensure_ascii=False)}"
                 + ("," if i < len(rows) - 1 else "") for i, (name, row) in enumerate(rows.items()))
    lines.append("}}")
    write_file(path, ("\n".join(lines) + "\n").encode())


if __name__ == "__main__":
    write_table(Path(sys.argv[1]) if len(sys.argv) > 1 else FACTS_TABLE)
