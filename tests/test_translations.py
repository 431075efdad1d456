"""The shipped translations: complete, reviewed, check-clean, faithful in names and numbers."""

from __future__ import annotations

import re
import subprocess

import pytest

from appeal_i18n import locales
from appeal_i18n.checks import check_catalog
from appeal_i18n.config import load_config
from appeal_i18n.glossary import load_glossary
from appeal_i18n.markup import inline_facts
from appeal_i18n.model import TRANSLATED, Catalog, state
from appeal_i18n.pofile import read_po
from appeal_i18n.source import load_document
from tests.conftest import REPO, needs

CONFIG = load_config(REPO)
LANGUAGES = CONFIG.languages
GLOSSARY = load_glossary(REPO / "locales" / "glossary.csv")
LETTER = load_document(REPO / "source" / "letter.md", relpath="source/letter.md")
PLACEHOLDERS = ("FULL NAME", "EMAIL@ADDRESS", "YEAR-MO-DA", "LANGUAGE <LL@li.org>", "PACKAGE")


def catalog(lang: str) -> Catalog:
    return read_po(CONFIG.catalog_path(lang, "letter"))


def test_the_languages_of_the_campaign_are_configured() -> None:
    assert set(LANGUAGES) >= {"uk", "ru", "de", "fr", "pl", "es", "ar"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_complete_not_fuzzy_and_matching_the_template(lang: str) -> None:
    po = catalog(lang)
    assert [e.msgid for e in po.messages] == [p.text for p in LETTER.passages]
    assert all(state(e) == TRANSLATED for e in po.messages)
    assert not any(e.fuzzy for e in po.messages)
    assert not po.obsolete


@pytest.mark.parametrize("lang", LANGUAGES)
def test_check_clean_even_strict(lang: str) -> None:
    po = catalog(lang)
    assert check_catalog(po, path=f"{lang}.po", lang=lang, glossary=GLOSSARY) == []


@needs("msgfmt")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_msgfmt_accepts(lang: str) -> None:
    proc = subprocess.run(["msgfmt", "-c", "--statistics", "-o", "/dev/null",
                           str(CONFIG.catalog_path(lang, "letter"))],
                          capture_output=True, text=True, env={"LC_ALL": "C"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == f"{len(LETTER.passages)} translated messages."


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_names_the_team_and_has_no_placeholder(lang: str) -> None:
    po = catalog(lang)
    assert po.header_field("Language") == lang
    assert po.header_field("Plural-Forms") == locales.plural_forms(lang)
    team = po.header_field("Language-Team") or ""
    assert locales.english_name(lang) in team
    head = po.header
    assert head is not None
    for placeholder in PLACEHOLDERS:
        assert placeholder not in head.msgstr
    assert (REPO / "locales" / lang / "REVIEW.md").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_names_and_terms_in_their_glossary_form(lang: str) -> None:
    for entry in catalog(lang).messages:
        for term in GLOSSARY.terms_in(entry.msgid):
            assert term.accepts(entry.msgstr, lang), (term.en, entry.msgstr)


def test_glossary_has_every_language_for_every_name() -> None:
    for term in GLOSSARY.terms:
        for lang in LANGUAGES:
            assert term.forms_for(lang), (term.en, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_emphasis_and_link_targets_survive(lang: str) -> None:
    for entry in catalog(lang).messages:
        english, translated = inline_facts(entry.msgid), inline_facts(entry.msgstr)
        for number in re.findall(r"\d+", entry.msgid):
            assert re.search(rf"(?<!\d){number}(?!\d)", entry.msgstr), (number, entry.msgstr)
        assert translated.links == english.links
        assert translated.emphasis == english.emphasis
    assert "https://people1st.online" in catalog(lang).messages[-1].msgstr
