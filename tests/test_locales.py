"""locales: CLDR facts read key by key from the locale files equal babel's merged answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import babel
import pytest
from babel import Locale, localedata
from babel.messages.plurals import get_plural
from babel.numbers import get_decimal_symbol, get_group_symbol

from appeal_i18n import locales


def _babel(code: str) -> tuple[str, str, str, tuple[str, str], str]:
    """Names, direction, number symbols and plural forms the way babel computes them."""
    loc = Locale.parse(code)
    nplurals, expr = get_plural(loc)
    return (loc.get_display_name(loc) or code, loc.get_display_name("en") or code,
            "rtl" if loc.text_direction == "rtl" else "ltr",
            (get_group_symbol(loc), get_decimal_symbol(loc)),
            f"nplurals={nplurals}; plural={expr};")


def _ours(code: str) -> tuple[str, str, str, tuple[str, str], str]:
    return (locales.native_name(code), locales.english_name(code), locales.direction(code),
            locales.number_symbols(code), locales.plural_forms(code))


def _clear() -> None:
    for func in (locales.native_name, locales.english_name, locales.direction,
                 locales.number_symbols, locales.plural_forms, locales.locale,
                 locales._table):
        func.cache_clear()
    locales._LEARNED.clear()


@pytest.fixture
def fresh() -> Iterator[None]:
    """No fact cached from another test (or learned from another process)."""
    clear = _clear

    clear()
    yield
    clear()


SHIPPED = json.loads(locales.FACTS_TABLE.read_bytes())


@pytest.fixture(scope="module")
def babels() -> dict[str, tuple[str, str, str, tuple[str, str], str]]:
    """babel's answers for every locale it ships: scripts that inherit from root
    (sr_Latn), parent exceptions (es_MX -> es_419), territories, variants."""
    ids = sorted(localedata.locale_identifiers())
    assert len(ids) > 500
    return {code: _babel(code) for code in ids}


@pytest.mark.parametrize("table", [True, False], ids=["table", "lookups"])
@pytest.mark.usefixtures("fresh")
def test_every_cldr_locale_equals_babel(table: bool, monkeypatch: pytest.MonkeyPatch,
                                        babels: dict[str, object]) -> None:
    if table and SHIPPED["babel"] != babel.__version__:
        pytest.skip(f"the table is for babel {SHIPPED['babel']}; `make cldr` remakes it")
    if not table:
        monkeypatch.setattr(locales, "FACTS_TABLE", Path("/nonexistent/cldr-facts.json"))
    assert bool(locales._table()) is table
    different = {code: (_ours(code), theirs) for code, theirs in babels.items()
                 if _ours(code) != theirs}
    assert different == {}


@pytest.mark.usefixtures("fresh")
def test_the_table_is_ignored_for_another_babel(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    other = tmp_path / "cldr-facts.json"
    other.write_text(json.dumps({"babel": "0.0", "facts": {"uk": ["x", "y", "rtl", "a", "b"]}}),
                     encoding="utf-8")
    monkeypatch.setattr(locales, "FACTS_TABLE", other)
    assert locales._table() == {}
    assert _ours("uk") == _babel("uk")


def test_the_table_is_made_from_the_lookups() -> None:
    """``make cldr`` writes what :func:`locales.facts_table` finds, for this babel."""
    if SHIPPED["babel"] != babel.__version__:
        pytest.skip(f"the table is for babel {SHIPPED['babel']}; `make cldr` remakes it")
    rows = locales.facts_table()
    assert {name: list(row) for name, row in rows.items()} == SHIPPED["facts"]


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
