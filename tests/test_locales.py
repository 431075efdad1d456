"""locales: language codes, names, direction, number symbols and Plural-Forms."""

from __future__ import annotations

import gettext
from collections.abc import Callable

import pytest
from babel.core import UnknownLocaleError

from appeal_i18n import locales
from appeal_i18n.errors import UsageError


@pytest.mark.parametrize(("code", "expected"), [
    ("uk", "uk"),
    (" uk ", "uk"),
    ("UK", "uk"),
    ("pt-br", "pt_BR"),
    ("PT_br", "pt_BR"),
    ("zh-hans", "zh_Hans"),
    ("SR-LATN", "sr_Latn"),
    ("sr@latin", "sr@latin"),
    ("es-419", "es_419"),
    ("zh_hant_hk", "zh_Hant_HK"),
])
def test_normalize_language_good_codes(code: str, expected: str) -> None:
    assert locales.normalize_language(code) == expected


@pytest.mark.parametrize("code", ["", " ", "-", "_uk", "uk_", "x", "abcd", "uk@", "de@Foo",
                                  "en_US_POSIX", "../uk", "uk/../de", "uk.dat"])
def test_normalize_language_malformed_codes(code: str) -> None:
    with pytest.raises(UsageError, match="malformed language code"):
        locales.normalize_language(code)


@pytest.mark.parametrize("code", ["xx", "zz_ZZ", "uk_Latn_XX", "qqq"])
def test_normalize_language_unknown_codes(code: str) -> None:
    with pytest.raises(UsageError, match=r"unknown language code .* \(not in CLDR\)"):
        locales.normalize_language(code)


@pytest.mark.parametrize(("code", "native", "english", "direction"), [
    ("ar", "العربية", "Arabic", "rtl"),
    ("he", "עברית", "Hebrew", "rtl"),
    ("fa", "فارسی", "Persian", "rtl"),
    ("uk", "українська", "Ukrainian", "ltr"),
    ("pt_BR", "português (Brasil)", "Portuguese (Brazil)", "ltr"),
    ("zh_Hans", "中文 (简体)", "Chinese (Simplified)", "ltr"),
    # sr_Latn inherits from root, not from sr (Cyrillic): its names are in Latin script.
    ("sr_Latn", "srpski (latinica)", "Serbian (Latin)", "ltr"),
    ("sr", "српски", "Serbian", "ltr"),
    # The gettext @modifier is not part of the CLDR locale.
    ("sr@latin", "српски", "Serbian", "ltr"),
    ("en", "English", "English", "ltr"),
])
def test_names_and_direction(code: str, native: str, english: str, direction: str) -> None:
    assert locales.native_name(code) == native
    assert locales.english_name(code) == english
    assert locales.direction(code) == direction
    assert locales.facts(code) == (native, english, direction)


@pytest.mark.parametrize(("code", "name"), [
    ("pt_BR", "inglês"),
    ("uk", "англійська"),
    ("sr_Latn", "engleski"),  # its own names, in Latin script, not sr's
    ("sr@latin", "енглески"),  # the gettext @modifier is not part of the CLDR locale
    ("crh", "English"),  # not in CLDR: no name of English to say
])
def test_english_name_in(code: str, name: str) -> None:
    """What the text and Markdown letters label an English note with."""
    assert locales.english_name_in(code) == name


def _plural(code: str) -> tuple[int, Callable[[int], int]]:
    """The number of forms and the function of n of the language's Plural-Forms."""
    header = locales.plural_forms(code)
    nplurals, _, expr = header.partition("; plural=")
    assert nplurals.startswith("nplurals=") and expr.endswith(";"), header
    return int(nplurals.removeprefix("nplurals=")), gettext.c2py(expr.removesuffix(";"))


@pytest.mark.parametrize(("code", "nplurals", "forms"), [
    ("uk", 3, {1: 0, 21: 0, 2: 1, 4: 1, 22: 1, 5: 2, 11: 2, 12: 2, 14: 2, 111: 2, 0: 2}),
    ("ru", 3, {1: 0, 101: 0, 3: 1, 5: 2, 13: 2}),
    ("pl", 3, {1: 0, 2: 1, 24: 1, 21: 2, 5: 2, 12: 2}),
    ("ar", 6, {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 102: 5}),
    ("he", 3, {1: 0, 2: 1, 0: 2, 3: 2, 20: 2}),
    ("ja", 1, {0: 0, 1: 0, 2: 0, 100: 0}),
    ("zh_Hans", 1, {0: 0, 1: 0, 7: 0}),
    ("de", 2, {1: 0, 0: 1, 2: 1}),
    ("fa", 2, {0: 0, 1: 0, 2: 1}),
])
def test_plural_forms(code: str, nplurals: int, forms: dict[int, int]) -> None:
    count, plural = _plural(code)
    assert count == nplurals
    assert {n: plural(n) for n in forms} == forms
    assert all(0 <= plural(n) < count for n in range(1001))


@pytest.mark.parametrize(("code", "symbols"), [
    ("de", (".", ",")),
    ("fr", ("\u202f", ",")),
    ("ru", ("\xa0", ",")),
    ("uk", ("\xa0", ",")),
    ("pl", ("\xa0", ",")),
    ("ar", (",", ".")),
    # Egyptian Arabic and Persian write their own digits by default, with other separators
    # (٬ and ٫); these are those of the Latin digits.
    ("ar_EG", (",", ".")),
    ("fa", (",", ".")),
    ("ps", (".", ",")),
    ("en", (",", ".")),
])
def test_number_symbols(code: str, symbols: tuple[str, str]) -> None:
    assert locales.number_symbols(code) == symbols


def test_bcp47() -> None:
    assert locales.bcp47("pt_BR") == "pt-BR"
    assert locales.bcp47("sr_Latn") == "sr-Latn"
    assert locales.bcp47("sr@latin") == "sr"
    assert locales.bcp47("uk") == "uk"


def test_locale_ignores_the_modifier() -> None:
    assert str(locales.locale("sr@latin")) == "sr"
    assert str(locales.locale("zh_Hant_HK")) == "zh_Hant_HK"


@pytest.mark.parametrize("func", [locales.native_name, locales.english_name, locales.direction,
                                  locales.number_symbols, locales.plural_forms, locales.facts])
def test_unknown_codes_raise_babels_error(func: Callable[[str], object]) -> None:
    with pytest.raises(UnknownLocaleError):
        func("xx")


def test_no_module_level_mutable_state() -> None:
    """The facts are cached by pure functions only, nothing that another process could fill."""
    mutable = {name: type(value).__name__ for name, value in vars(locales).items()
               if isinstance(value, dict | list | set | bytearray) and not name.startswith("__")}
    assert mutable == {}


def test_cldr_table_is_babels() -> None:
    """data/cldr-facts.json is what babel answers today for every locale it ships, and it
    was made for the babel version that pyproject.toml pins (`make cldr` remakes it)."""
    import json
    import re

    import babel

    from appeal_i18n import locales

    from .conftest import REPO

    table = json.loads(locales.TABLE.read_text(encoding="utf-8"))
    pin = re.search(r'"babel==([0-9.]+)"', (REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pin is not None and table["babel"] == pin.group(1) == babel.__version__
    assert table == json.loads(json.dumps(locales.make_table()))
    assert locales.row("uk") == locales.babel_row("uk")
    assert locales.row("sr@latin") == locales.babel_row("sr")
