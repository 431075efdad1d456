"""The glossary file: strict reading, term matching, accepted forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from appeal_i18n.glossary import GlossaryError, load_glossary, parse_glossary

DATA = Path(__file__).parent / "data" / "checks"
ROOT = Path(__file__).parent.parent
HEADER = "en,type,note,uk,de,pt\n"


def _parse(body: str, header: str = HEADER):  # type: ignore[no-untyped-def]
    return parse_glossary(header + body, path="g.csv")


def test_fixture_and_shipped_glossaries_load() -> None:
    assert len(load_glossary(DATA / "glossary.csv").terms) == 11
    shipped = ROOT / "locales" / "glossary.csv"
    if shipped.is_file():
        assert load_glossary(shipped).terms


def test_forms_split_on_bar_and_empty_cells_set_no_requirement() -> None:
    g = _parse("Center for Civil Liberties,name,,Центр громадянських свобод | "
               "Центру громадянських свобод,,\n")
    [term] = g.terms
    assert term.forms_for("uk") == ("Центр громадянських свобод", "Центру громадянських свобод")
    assert term.forms_for("de") == ()
    assert term.accepts("голова ЦЕНТРУ  громадянських\u00a0свобод", "uk")
    assert term.accepts("anything", "de")
    assert not term.accepts("Центр цивільних свобод", "uk")
    assert term.accepts("the Center for Civil Liberties", "uk")  # a name may stay as is


def test_a_term_must_take_its_form() -> None:
    [term] = _parse("prisoners of war,term,,військовополонені,,\n").terms
    assert not term.accepts("prisoners of war", "uk")


def test_language_fallback_from_territory() -> None:
    [term] = _parse("all for all,term,,,,todos por todos\n").terms
    assert term.forms_for("pt_BR") == ("todos por todos",)


def test_terms_in_uses_word_boundaries_case_and_longest_match() -> None:
    g = _parse("Memorial,name,,Меморіал,,\n"
               "International Memorial Society,name,,Міжнародне товариство «Меморіал»,,\n"
               "war,term,,війна,,\n")
    found = g.terms_in("the INTERNATIONAL   Memorial Society and Memorial; no warships")
    assert [t.en for t in found] == ["International Memorial Society", "Memorial"]
    assert g.terms_in("software") == ()
    assert g.lookup(" memorial ") is not None


def test_byte_order_mark_and_quoted_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(("\ufeff" + HEADER + 'a,term,"two\nlines",x,,\nb,tpe,,,,\n').encode())
    with pytest.raises(GlossaryError) as info:
        load_glossary(path, display="glossary.csv")
    assert str(info.value) == "glossary.csv:4: unknown type 'tpe' (expected 'name' or 'term')"


@pytest.mark.parametrize(("text", "line", "message"), [
    (HEADER + "a,term,,x\n", 2, "expected 6 columns, found 4"),
    (HEADER + "a,thing,,,,\n", 2, "unknown type 'thing'"),
    (HEADER + ",term,,,,\n", 2, "empty 'en' cell"),
    (HEADER + "A b,term,,,,\n\na  B,name,,,,\n", 4, "duplicate term 'a B' (first on line 2)"),
    (HEADER + "a,term,,x | | y,,\n", 2, "empty form"),
    ("en,type,note,notes\n", 1, "column 'notes'"),
    ("en,type,uk,uk\n", 1, "duplicate column 'uk'"),
    ("en,note,uk\n", 1, "header has no 'type' column"),
    ("en,type,pt-BR\n", 1, "write the language code as 'pt_BR'"),
    (HEADER + 'a,term,"unterminated,,,\n', 2, "malformed CSV"),
])
def test_strict_errors(text: str, line: int, message: str) -> None:
    with pytest.raises(GlossaryError) as info:
        parse_glossary(text, path="g.csv")
    assert info.value.line == line
    assert message in info.value.message
    assert str(info.value).startswith(f"g.csv:{line}: ")


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(HEADER.encode() + b"a,term,,\xff,,\n")
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert info.value.line == 2


def test_names_match_only_when_capitalised() -> None:
    g = _parse("People First,name,,,,\nprisoners of war,term,,,,\n")
    assert [t.en for t in g.terms_in("PEOPLE FIRST")] == ["People First"]
    assert [t.en for t in g.terms_in("[People First](https://people1st.online)")] == [
        "People First"]
    assert g.terms_in("Free people first.") == ()
    assert [t.en for t in g.terms_in("Prisoners Of War")] == ["prisoners of war"]
