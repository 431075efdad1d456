"""Quality checks: one faulty translation per check, and no false positives on good ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appeal_i18n import checks
from appeal_i18n.checks import CHECKS, SAFETY_CODES, check_catalog, check_entry, check_file
from appeal_i18n.glossary import Glossary, load_glossary
from appeal_i18n.model import Catalog, Entry

DATA = Path(__file__).parent / "data" / "checks"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(DATA / "glossary.csv")


def _fault_lines(path: Path) -> dict[str, int]:
    """Map each ``msgctxt "fault: CODE"`` to the 1-based line of the msgid that follows."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = {}
    for number, line in enumerate(lines, start=1):
        match = re.fullmatch(r'msgctxt "fault: ([a-z-]+)"', line)
        if match:
            assert lines[number].startswith("msgid ")
            found[match.group(1)] = number + 1
    return found


def test_faulty_catalog_gives_one_finding_per_check(glossary: Glossary) -> None:
    path = DATA / "faulty.uk.po"
    expected = {(code, line, CHECKS[code].severity)
                for code, line in _fault_lines(path).items()}
    header_line = path.read_text(encoding="utf-8").splitlines().index('msgid ""') + 1
    expected.add(("plural-forms", header_line, "warning"))
    findings = check_file(path, glossary=glossary)
    assert {(f.code, f.line, f.severity) for f in findings} == expected
    # every check but the file-level po-syntax has its faulty entry here
    assert {code for code, _, _ in expected} == set(CHECKS) - {"po-syntax"}


def test_findings_are_sorted_and_name_the_entry(glossary: Glossary) -> None:
    findings = check_file(DATA / "faulty.uk.po", display="faulty.po", glossary=glossary)
    assert [f.line for f in findings] == sorted(f.line for f in findings)
    link = next(f for f in findings if f.code == "markdown-link")
    assert link.msgctxt == "fault: markdown-link"
    assert link.msgid is not None and link.msgid.startswith("And 73 organizations")
    assert str(link).startswith(f"faulty.po:{link.line}: error: [markdown-link] ")


def test_fuzzy_entry_gets_only_the_fuzzy_warning() -> None:
    entry = Entry(msgid="Free people first.", msgstr="Free  people  first", flags=["fuzzy"],
                  line=7)
    findings = check_entry(entry, path="x.po", lang="uk", glossary=None)
    assert [(f.code, f.line, f.severity) for f in findings] == [("fuzzy", 7, "warning")]


@pytest.mark.parametrize("entry", [
    Entry(msgid="", msgstr="Language: uk\n"),
    Entry(msgid="Free people first.", msgstr=""),
    Entry(msgid="Free people first.", msgstr="Free  people", obsolete=True),
])
def test_header_untranslated_and_obsolete_entries_are_skipped(entry: Entry) -> None:
    assert check_entry(entry, path="x.po", lang="uk", glossary=None) == []


def test_the_good_letter_is_check_clean(glossary: Glossary) -> None:
    assert check_file(DATA / "letter.uk.po", glossary=glossary) == []


def test_malformed_catalog_is_a_po_syntax_error_at_its_line() -> None:
    [finding] = check_file(DATA / "broken.uk.po", display="broken.po")
    assert (finding.code, finding.line, finding.severity) == ("po-syntax", 17, "error")
    assert str(finding).startswith("broken.po:17: error: [po-syntax] ")


def _check(english: str, translation: str, lang: str | None,
           glossary: Glossary | None = None) -> list[str]:
    entry = Entry(msgid=english, msgstr=translation, line=1)
    return [f.code for f in check_entry(entry, path="x.po", lang=lang, glossary=glossary)]


GOOD = [
    # French: no-break spaces before : ; ! ? and inside « », narrow no-break in numbers
    ("fr", "Dear President Trump,", "Monsieur le Président,"),
    ("fr", "Is it an “all for all” exchange?",
     "S’agit-il d’un échange «\u00a0tous contre tous\u00a0»\u00a0?"),
    ("fr", "The groups are:", "Les groupes sont\u00a0:"),
    ("fr", "Up to 1,000.5 hours!", "Jusqu’à 1\u202f000,5\u00a0heures\u00a0!"),
    ("fr", "Respectfully,", "Veuillez agréer, Monsieur le Président, l’expression de notre "
     "très haute considération."),
    ("pl", "Respectfully,", "Z wyrazami głębokiego szacunku"),
    ("de", "Respectfully,", "Mit vorzüglicher Hochachtung"),
    # Spanish: colon after the salutation, ¿? and ¡!, grouping with a dot
    ("es", "Dear President Trump,", "Estimado señor presidente Trump:"),
    ("es", "Will you act?", "¿Actuará usted?"),
    ("es", "Act now!", "¡Actúe ya!"),
    ("es", "For 16 hours and 1,000 days.", "Durante 16 horas y 1.000 días."),
    # Arabic: its comma, question mark and semicolon; Arabic-Indic digits; «»; RLM
    ("ar", "Dear President Trump,", "السيد الرئيس ترامب المحترم،"),
    ("ar", "Will you act?", "هل ستتصرف؟"),
    ("ar", "They are held; they suffer.", "إنهم محتجزون؛ إنهم يعانون."),
    ("ar", "For up to 16 hours in 2022.", "لمدة تصل إلى ١٦ ساعة في عام ٢٠٢٢."),
    ("ar", "An “all for all” release.", "إطلاق سراح «الكل مقابل الكل»\u200f."),
    ("ar", "About 1,000.5 people.", "نحو ١٬٠٠٠٫٥ شخص."),
    # Ukrainian: «», ’ apostrophes, exclamation after the salutation, NBSP grouping
    ("uk", "Dear President Trump,", "Шановний пане Президенте!"),
    ("uk", "An “all for all” release of prisoners of war.",
     "Звільнення «всіх на всіх» військовополонених."),
    ("uk", "older detainees with health conditions",
     "літні бранці з проблемами зі здоров’ям"),
    ("uk", "About 1,000 people.", "Близько 1\u00a0000 людей."),
    # Polish „”; German „“ and grouping
    ("pl", "An “all for all” release.", "Wymiana „wszystkich za wszystkich”."),
    ("pl", "Dear President Trump,", "Szanowny Panie Prezydencie!"),
    ("de", "An “all for all” release.", "Ein Austausch „alle gegen alle“."),
    ("de", "About 1,000.5 people.", "Etwa 1.000,5 Menschen."),
    # Persian ZWNJ, Greek question mark, Chinese marks and colon salutation, Armenian
    ("fa", "We want people first.", "ما می\u200cخواهیم مردم در اولویت باشند."),
    ("el", "Is it true?", "Είναι αλήθεια;"),
    ("zh", "Dear President Trump,", "尊敬的特朗普总统先生："),
    ("zh", "For up to 16 hours a day.", "每天长达16小时。"),
    # Chinese and Japanese letters: salutation and closing without a comma
    ("zh", "Respectfully,", "此致敬礼"),
    ("ja", "Dear President Trump,", "トランプ大統領閣下"),
    ("ja", "Respectfully,", "敬具"),
    ("hy", "What is this?", "Ի՞նչ է սա։"),
    # Markup kept, in another order; a hard break kept
    ("de", "the *Center* and the *Society*", "die *Gesellschaft* und das *Zentrum*"),
    ("de", "Line one\\\nline two", "Zeile eins\\\nZeile zwei"),
    ("uk", "And 73 organizations [People First](https://people1st.online)",
     "А також 73 організації [People First](https://people1st.online)"),
]


@pytest.mark.parametrize(("lang", "english", "translation"), GOOD)
def test_no_false_positives(lang: str, english: str, translation: str) -> None:
    assert _check(english, translation, lang) == []


def test_glossary_names_may_stay_unchanged(glossary: Glossary) -> None:
    assert _check("PEOPLE FIRST", "PEOPLE FIRST", "uk", glossary) == []
    assert _check("PEOPLE FIRST", "PEOPLE FIRST", "uk", None) == ["unchanged"]


def test_glossary_accepts_inflected_forms(glossary: Glossary) -> None:
    english = "Thousands of Russian political prisoners remain behind bars."
    assert _check(english, "Тисячі російських політв’язнів лишаються за ґратами.", "uk",
                  glossary) == []
    assert _check(english, "Тисячі російських в’язнів сумління лишаються за ґратами.", "uk",
                  glossary) == ["glossary"]
    # no form for this language: no requirement
    assert _check(english, "Tausende russische Häftlinge bleiben in Haft.", "de",
                  glossary) == []


BAD = [
    ("markdown-strong", "uk", "Free people first.", "**Свобода** людям."),
    ("markdown-code", "uk", "Run `appeal-i18n check` now.", "Запустіть `appeal-i18n перевір`."),
    ("markdown-image", "uk", "See ![map](map.png).", "Див. ![мапа](evil.png)."),
    ("markdown-html", "uk", "Free people first.", "<script>x</script>Свобода людям."),
    ("markdown-block", "uk", "Free people first.", "# Свобода людям."),
    ("markdown-block", "uk", "Free people first.", "- Свобода людям."),
    ("markdown-block", "uk", "Free people first.", "Свобода\n\n---\n\nлюдям."),
    ("markdown-balance", "uk", "Free people first.", "Свобода `людям."),
    ("numbers", "ar", "For up to 16 hours a day.", "لمدة تصل إلى ١٧ ساعة يوميًا."),
    ("whitespace", "uk", "Free people first.", "\nСвобода людям."),
    ("zero-width", "de", "We want people first.", "Wir wollen\u200c Menschen zuerst."),
    ("zero-width", "uk", "See [x](https://people1st.online)",
     "Див. [x](https://people1st.online\u2060)"),
    ("end-punctuation", "es", "Will you act?", "Actuará usted."),
    ("end-punctuation", "uk", "PEOPLE FIRST", "ЛЮДИ ПЕРЕДУСІМ."),
    ("end-punctuation", "ja", "Respectfully,", "敬具。"),
    ("quotes", "uk", "An “all for all” release.", 'Обмін "всіх на всіх".'),
    ("quotes", "fr", "An “all for all” release.", "Un échange “tous contre tous”."),
    ("quotes", "de", "An “all for all” release.", 'Ein Austausch "alle gegen alle".'),
    ("quotes", "pl", "An “all for all” release.", "Wymiana “wszystkich za wszystkich”."),
    ("length", "uk", "Free people first, now.", "Свобода людям. " * 7),
    ("length", "uk", "Free people first, now and forever.", "Свобода."),
]


@pytest.mark.parametrize(("code", "lang", "english", "translation"), BAD)
def test_faults(code: str, lang: str, english: str, translation: str) -> None:
    assert code in _check(english, translation, lang)


def test_plural_entries_are_checked_form_by_form() -> None:
    entry = Entry(msgid="%d hour", msgid_plural="%d hours", line=4,
                  msgstr_plural=["%d година", "%d години", "%d годин <b>"])
    findings = check_entry(entry, path="x.po", lang="uk", glossary=None)
    assert [(f.code, f.line) for f in findings] == [("markdown-html", 4)]


def _catalog(plural_forms: str) -> Catalog:
    header = Entry(msgid="", msgstr=f"Language: uk\nPlural-Forms: {plural_forms}\n", line=1)
    return Catalog(entries=[header])


def test_plural_forms_compared_by_values_not_text() -> None:
    same = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);")
    assert check_catalog(_catalog(same), path="x.po", lang=None, glossary=None) == []
    [finding] = check_catalog(_catalog("nplurals=2; plural=(n != 1);"), path="x.po",
                              lang=None, glossary=None)
    assert (finding.code, finding.line, finding.severity) == ("plural-forms", 1, "warning")


@pytest.mark.parametrize(("value", "message"), [
    # Read by the one Plural-Forms parser, whose range check a catalog's own reading does too.
    ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
     "(n%100<10 || n%100>=20) ? 1 : 2)", None),  # no final ';': still CLDR's forms
    ("nplurals=3;  plural= n%10==1&&n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
     "(n%100<10 || n%100>=20) ? 1 : 2 ;", None),
    # GNU finds the attributes by their exact text: with a space before '=' they are missing.
    ("nplurals = 3; plural=0;", 'lacks a "nplurals=INTEGER" attribute'),
    ("nplurals=3; plural =0;", 'lacks a "plural=EXPRESSION" attribute'),
    ("nplurals=3; plural=n%10==1 ? 0 : 1;", "differs from CLDR's"),  # same count, not values
    ("nplurals=2; plural=n;", "invalid Plural-Forms 'nplurals=2; plural=n;'"),
    ("nplurals=3; plural=n/0;", "invalid Plural-Forms"),
])
def test_plural_forms_check(value: str, message: str | None) -> None:
    found = [f.message for f in check_catalog(_catalog(value), path="x.po", lang="uk",
                                              glossary=None) if f.code == "plural-forms"]
    if message is None:
        assert found == []
    else:
        assert len(found) == 1 and message in found[0]


def test_registry() -> None:
    assert set(CHECKS) >= SAFETY_CODES
    for check in CHECKS.values():
        assert check.severity in ("error", "warning")
        assert check.title and "\n" not in check.title
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", check.code)
        assert check.safety == (check.code in SAFETY_CODES)
    assert all(CHECKS[code].severity == "error" for code in SAFETY_CODES)


def test_ending_classes() -> None:
    assert checks.ending("Free people first.") == ("full stop", ".")
    assert checks.ending("an “all for all” release”.") == ("full stop", ".")
    assert checks.ending("Είναι αλήθεια;", "el") == ("question mark", ";")
    assert checks.ending("[People First](https://people1st.online)") == ("none", "t")
    assert checks.ending("") is None


def _shipped() -> list[Path]:
    return sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po"))


@pytest.mark.skipif(not _shipped(), reason="no shipped catalogs yet")
def test_shipped_catalogs_have_no_errors() -> None:
    from appeal_i18n.checks import check_paths
    from appeal_i18n.config import load_config

    findings = check_paths(_shipped(), config=load_config(ROOT))
    errors = [str(f) for f in findings if f.severity == "error"]
    assert errors == []


_MARKDOWNISH = st.text(alphabet=st.sampled_from(list("ab 1,.*_`[]()!<>#-\n\\:;?«»“”")),
                       max_size=40)


@given(english=_MARKDOWNISH, lang=st.sampled_from(["uk", "fr", "ar", "de", None]))
def test_identity_translation_can_only_be_unchanged(english: str, lang: str | None) -> None:
    """Checks compare the translation with the English: a copy differs in nothing but language."""
    codes = set(_check(english, english, lang)) - {"unchanged", "quotes", "length-cap"}
    assert codes == set()


def test_letter_passages_copied_are_only_unchanged() -> None:
    from appeal_i18n.source import load_document

    doc = load_document(ROOT / "source" / "letter.md", relpath="source/letter.md")
    for passage in doc.passages:
        assert set(_check(passage.text, passage.text, "uk")) <= {"unchanged", "quotes"}


def test_numbers_read_the_translation_as_the_english() -> None:
    """Markdown that joins digits for the reader (``1*1*``) is read alike on both sides."""
    assert "numbers" not in _check("1*1*", "1*1*", "uk")
    assert "numbers" in _check("1*1*", "1*2*", "uk")
