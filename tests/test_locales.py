"""locales: CLDR facts read key by key from the locale files equal babel's merged answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from babel import Locale, localedata
from babel.numbers import get_decimal_symbol, get_group_symbol

from appeal_i18n import locales


def _babel(code: str) -> tuple[str, str, str, tuple[str, str]]:
    """Names, direction and number symbols the way babel's Locale computes them."""
    loc = Locale.parse(code)
    return (loc.get_display_name(loc) or code, loc.get_display_name("en") or code,
            "rtl" if loc.text_direction == "rtl" else "ltr",
            (get_group_symbol(loc), get_decimal_symbol(loc)))


def _ours(code: str) -> tuple[str, str, str, tuple[str, str]]:
    return (locales.native_name(code), locales.english_name(code), locales.direction(code),
            locales.number_symbols(code))


@pytest.fixture
def fresh() -> Iterator[None]:
    """No fact cached from another test (or learned from another process)."""
    def clear() -> None:
        for func in (locales.native_name, locales.english_name, locales.direction,
                     locales.number_symbols, locales.locale):
            func.cache_clear()
        locales._LEARNED.clear()

    clear()
    yield
    clear()


@pytest.mark.usefixtures("fresh")
def test_every_cldr_locale_equals_babel() -> None:
    # Every locale babel ships: scripts that inherit from root (sr_Latn), parent
    # exceptions (es_MX -> es_419), territories, variants.
    ids = sorted(localedata.locale_identifiers())
    assert len(ids) > 500
    different = {code: (_ours(code), _babel(code)) for code in ids
                 if _ours(code) != _babel(code)}
    assert different == {}


@pytest.mark.usefixtures("fresh")
def test_unresolved_data_is_asked_of_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    def unresolved(name: str, *path: str) -> str | None:
        raise locales._Unresolved(name)

    monkeypatch.setattr(locales, "_cldr", unresolved)
    for code in ("uk", "ar", "sr_Latn", "pt_BR", "zh_Hant_HK", "de_CH"):
        assert _ours(code) == _babel(code)


@pytest.mark.usefixtures("fresh")
def test_the_chain_is_babels() -> None:
    assert locales._chain("sr_Latn") == ("root", "sr_Latn")
    assert locales._chain("pt_BR") == ("root", "pt", "pt_BR")
    assert locales._chain("es_MX") == ("root", "es", "es_419", "es_MX")
    assert locales._chain("en") == ("root", "en")


@pytest.mark.usefixtures("fresh")
def test_modifier_and_unknown_codes() -> None:
    assert locales.native_name("sr@latin") == _babel("sr")[0]
    with pytest.raises(Exception) as ours:
        locales.direction("xx")
    with pytest.raises(Exception) as theirs:
        _babel("xx")
    assert type(ours.value) is type(theirs.value)
