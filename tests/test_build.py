"""The build: files and content for complete and partial languages, policy, determinism.

The helpers here (``make_project``, ``translate``) are shared by the other build tests
(``test_build_*``, ``test_safety``, ``test_pdf``, ``test_browser``): they make a
project in a temporary folder with fixture translations, independent of the real
catalogs in ``locales/``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from appeal_i18n.cli import main
from appeal_i18n.config import load_config
from appeal_i18n.pofile import read_po, write_po
from appeal_i18n.publish import build
from appeal_i18n.publish.pages import PageJob, render_all
from appeal_i18n.source import load_document
from tests.conftest import REPO

SALUTATION = "Dear President Trump,"
MOTTO = "Free people first."
CLOSING = "Respectfully,"
LINKED = "And 73 organizations of the People1st Initiative [People First](https://people1st.online)"
DETENTION = "older detainees with health conditions"
TITLE = "People First: an open letter to President Trump"

#: Real translations of a few passages; the others get a marked copy of the English.
REAL: dict[str, dict[str, str]] = {
    "uk": {
        "PEOPLE FIRST": "ЛЮДИ ПЕРШ ЗА ВСЕ",
        TITLE: "People First: відкритий лист до Президента Трампа",
        SALUTATION: "Шановний пане Президенте Трамп,",
        MOTTO: "Звільніть людей насамперед.",
        CLOSING: "З повагою,",
        LINKED: "І 73 організації Ініціативи People1st [People First](https://people1st.online)",
    },
    "ru": {
        "PEOPLE FIRST": "ЛЮДИ ПРЕЖДЕ ВСЕГО",
        TITLE: "People First: открытое письмо Президенту Трампу",
        SALUTATION: "Уважаемый господин Президент Трамп,",
        MOTTO: "Освободите людей в первую очередь.",
        CLOSING: "С уважением,",
    },
    "ar": {
        "PEOPLE FIRST": "الناس أولا",
        TITLE: "People First: رسالة مفتوحة إلى الرئيس ترامب",
        SALUTATION: "السيد الرئيس ترامب المحترم،",
        MOTTO: "حرروا الناس أولا.",
        CLOSING: "مع فائق الاحترام،",
    },
}
PREFIX = {"uk": "Українською: ", "ru": "По-русски: ", "ar": "بالعربية: "}

Translator = Callable[[str, str], str | None]


def fixture_translation(lang: str, msgid: str) -> str:
    """A fixture translation: the real one when known, else the English marked by language."""
    return REAL.get(lang, {}).get(msgid) or PREFIX.get(lang, f"[{lang}] ") + msgid


def run(project: Path, *args: str) -> Result:
    """Run the CLI command ``args[0]`` on ``project``."""
    return CliRunner().invoke(main, [args[0], "-C", str(project), *args[1:]])


def make_project(root: Path, langs: tuple[str, ...] = ("uk", "ru", "ar")) -> Path:
    """A project with the real letter, no glossary, and empty catalogs for ``langs``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.appeal-i18n]\n", encoding="utf-8")
    shutil.copytree(REPO / "source", root / "source")
    assert run(root, "extract").exit_code == 0
    for lang in langs:
        result = run(root, "init", lang)
        assert result.exit_code == 0, result.output
    return root


def translate(project: Path, lang: str, translator: Translator | None = None,
              *, fuzzy: Mapping[str, str] | None = None) -> None:
    """Fill a catalog: ``translator(lang, msgid)`` gives the msgstr (None leaves it empty).

    ``fuzzy`` maps msgids to translations to set and flag fuzzy.
    """
    path = project / "locales" / lang / "LC_MESSAGES" / "letter.po"
    catalog = read_po(path)
    for entry in catalog.messages:
        if fuzzy and entry.msgid in fuzzy:
            entry.msgstr = fuzzy[entry.msgid]
            entry.set_fuzzy(True)
            continue
        text = (translator or fixture_translation)(lang, entry.msgid)
        entry.msgstr = text or ""
    write_po(path, catalog)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def translated_project(root: Path) -> Path:
    """A project with complete uk and ar catalogs and a partial ru one (a fuzzy passage)."""
    project = make_project(root)
    translate(project, "uk")
    translate(project, "ar")
    translate(project, "ru", lambda lang, msgid: None if msgid == DETENTION
              else fixture_translation(lang, msgid), fuzzy={MOTTO: "Свободу людям."})
    return project


@pytest.fixture
def translated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """:func:`translated_project` in a temporary folder, with a fixed source date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    return translated_project(tmp_path / "project")


def html(project: Path, lang: str) -> str:
    return (project / "dist" / lang / "letter.html").read_text(encoding="utf-8")


# --- Files and content ----------------------------------------------------------------


def test_default_policy_publishes_complete_languages_only(translated: Path) -> None:
    result = run(translated, "build", "--format", "html,md,txt")
    assert result.exit_code == 0, result.output
    dist = translated / "dist"
    for lang in ("en", "uk", "ar"):
        for fmt in ("html", "md", "txt"):
            assert (dist / lang / f"letter.{fmt}").is_file()
        assert not (dist / lang / "letter.pdf").exists()
    assert not (dist / "ru").exists()
    assert "not published: ru" in result.stderr
    index = (dist / "index.html").read_text(encoding="utf-8")
    # A reader's index: each published letter in its own language, script and direction.
    assert f"<h1>{TITLE}</h1>" in index
    assert '<p class="lead">Nobel Peace Prize laureates and 73 human-rights' in index
    assert '<li lang="uk" dir="ltr">\n<p class="language">українська' in index
    assert '<li lang="ar" dir="rtl">\n<p class="language">العربية' in index
    assert (f'<h2><a href="uk/letter.html" hreflang="uk">{REAL["uk"][TITLE]}</a></h2>'
            in index)
    assert "Російська" not in index and "<p>Українською: On the eve of your upcoming" in index
    ru_row = index[index.index(">русский<"):].split("</li>")[0]
    assert "in progress" in ru_row and "ru/letter" not in ru_row
    assert '<li lang="ru"' not in index
    assert '<a href="uk/letter.pdf"' not in index  # no PDF built
    assert "Translated</th>" not in index and "<table" not in index
    assert 'href="coverage.html"' in index
    assert '<link rel="icon" href="favicon.svg" type="image/svg+xml">' in index
    assert (dist / "favicon.svg").read_text(encoding="utf-8").startswith("<svg")
    assert (dist / "coverage.html").is_file()
    badge = (dist / "badges" / "uk.svg").read_text(encoding="utf-8")
    assert ">Ukrainian (uk)</text>" in badge and ">100%</text>" in badge


def test_complete_language_page(translated: Path) -> None:
    assert run(translated, "build", "--format", "html,md,txt").exit_code == 0
    page = html(translated, "uk")
    assert '<html lang="uk" dir="ltr">' in page
    assert f"<title>{REAL['uk'][TITLE]}</title>" in page
    assert f'<meta property="og:title" content="{REAL["uk"][TITLE]}">' in page
    assert '<meta property="og:locale" content="uk_UA">' in page
    assert '<meta property="og:locale:alternate" content="ar_EG">' in page
    assert 'rel="canonical"' not in page and "og:url" not in page and "og:image" not in page
    assert '<nav class="site" aria-label="Усі мови"><a href="../index.html">Усі мови</a>' in page
    assert '<li><a href="letter.md" type="text/markdown">Markdown</a></li>' in page
    assert '<a href="letter.pdf"' not in page  # not built
    for lang in ("en", "uk", "ar"):
        assert f'<link rel="alternate" hreflang="{lang}" href="../{lang}/letter.html">' in page
    assert '<link rel="alternate" hreflang="x-default" href="../en/letter.html">' in page
    assert 'hreflang="ru"' not in page
    assert '<nav class="languages" aria-label="Мови">' in page
    assert 'aria-current="page">українська</a>' in page
    assert "<h1>ЛЮДИ ПЕРШ ЗА ВСЕ</h1>" in page
    assert "<ul>\n<li>Українською: Women who are at risk" in page
    assert '<footer class="signature">\n<p>З повагою,</p>' in page
    assert ('<a href="https://people1st.online">People First</a></p>\n</footer>' in page)
    assert "<script" not in page.lower()
    assert "default-src &#39;none&#39;" in page
    assert 'lang="en"' not in page.split("<article>")[1]
    assert 'class="note"' not in page
    arabic = html(translated, "ar")
    assert '<html lang="ar" dir="rtl">' in arabic and "<h1>الناس أولا</h1>" in arabic


def test_complete_language_text_and_markdown(translated: Path) -> None:
    assert run(translated, "build", "--format", "md,txt").exit_code == 0
    text = (translated / "dist" / "uk" / "letter.txt").read_text(encoding="utf-8")
    assert text.startswith("ЛЮДИ ПЕРШ ЗА ВСЕ\n================\n\nШановний пане")
    assert "\n- Українською: Women who are at risk of sexual violence\n- " in text
    assert "(https://people1st.online)" in text
    for line in text.splitlines():
        assert len(line) <= 72, line
    for syntax in ("*", "[", "](", "<!--", "# "):
        assert syntax not in text
    markdown = (translated / "dist" / "uk" / "letter.md").read_text(encoding="utf-8")
    assert markdown.startswith(f'---\ntitle: "{REAL["uk"][TITLE]}"\ndescription: "Українською: '
                               "Nobel Peace Prize laureates")
    assert "\n---\n# ЛЮДИ ПЕРШ ЗА ВСЕ\n\nШановний пане Президенте Трамп,\n" in markdown
    assert REAL["uk"][TITLE] not in text
    assert "[People First](https://people1st.online)" in markdown
    assert "<!--" not in markdown
    doc = load_document(translated / "source" / "letter.md", relpath="source/letter.md")
    english = (translated / "dist" / "en" / "letter.md").read_text(encoding="utf-8")
    assert all(p.text in english for p in doc.passages)


def test_partial_language_with_min_coverage(translated: Path) -> None:
    result = run(translated, "build", "--min-coverage", "80", "--format", "html,md,txt")
    assert result.exit_code == 0, result.output
    page = html(translated, "ru")
    assert '<html lang="ru" dir="ltr">' in page
    # The untranslated and the fuzzy passage fall back to English, marked as such.
    assert f'<li lang="en">{DETENTION}</li>' in page
    assert f'<p lang="en">{MOTTO}</p>' in page
    assert "Свободу людям" not in page
    assert ('<p class="note" role="note">Некоторые фрагменты ещё не переведены и '
            "приведены на английском.</p>") in page
    assert 'hreflang="ru" href="../ru/letter.html"' in html(translated, "uk")
    text = (translated / "dist" / "ru" / "letter.txt").read_text(encoding="utf-8")
    assert DETENTION in text and "Свободу людям" not in text
    index = (translated / "dist" / "index.html").read_text(encoding="utf-8")
    ru_row = index[index.index('<li lang="ru"'):].split("</li>")[0]
    assert REAL["ru"][TITLE] in ru_row and "ru/letter.html" in ru_row


def test_fallback_on_rtl_page_is_marked_ltr(translated: Path) -> None:
    translate(translated, "ar", lambda lang, msgid: None if msgid == MOTTO
              else fixture_translation(lang, msgid))
    assert run(translated, "build", "--min-coverage", "50", "--format", "html").exit_code == 0
    page = html(translated, "ar")
    assert f'<p lang="en" dir="ltr">{MOTTO}</p>' in page
    assert "بعض المقاطع لم تُترجم بعد" in page


def test_unknown_note_language_falls_back_to_english_note(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          ) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    project = make_project(tmp_path / "p", ("nl",))
    translate(project, "nl", lambda lang, msgid: None if msgid == MOTTO else "[nl] " + msgid)
    assert run(project, "build", "--min-coverage", "50", "--format", "html").exit_code == 0
    page = html(project, "nl")
    assert ('<p class="note" role="note" lang="en">Some passages are not yet translated')\
        in page


def test_unpublished_language_letters_are_removed(translated: Path) -> None:
    assert run(translated, "build", "--min-coverage", "80", "--format", "html").exit_code == 0
    assert (translated / "dist" / "ru" / "letter.html").is_file()
    result = run(translated, "build", "--format", "html")
    assert result.exit_code == 4  # never in silence (issue 15)
    assert "unpublished: ru (published before" in result.stderr
    assert not (translated / "dist" / "ru" / "letter.html").exists()


def test_nothing_translated_is_published_only_at_0(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue 15: --min-coverage 0 publishes 0% languages (all English, with the note).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    project = make_project(tmp_path / "p", ("de",))
    result = run(project, "build", "--min-coverage", "0.01", "--format", "html")
    assert result.exit_code == 0
    assert not (project / "dist" / "de").exists()
    assert "not published: de (0.0% translated)" in result.stderr
    assert run(project, "build", "--min-coverage", "0", "--format", "html").exit_code == 0
    assert (project / "dist" / "de" / "letter.html").is_file()


# --- Checks and refusal ---------------------------------------------------------------


def test_check_error_holds_back_a_passage_and_refuses_a_complete_language(
        translated: Path) -> None:
    # Dropping the number 73 is a `numbers` error: not a safety problem, still held back.
    translate(translated, "uk", lambda lang, msgid: (
        "І організації Ініціативи People1st [People First](https://people1st.online)"
        if msgid == LINKED else fixture_translation(lang, msgid)))
    result = run(translated, "build", "--format", "html")
    assert result.exit_code == 4
    assert "refused: uk" in result.stderr
    assert "[numbers]" in result.stderr
    assert not (translated / "dist" / "uk").exists()
    result = run(translated, "build", "--min-coverage", "90", "--format", "html")
    assert result.exit_code == 0, result.output
    assert f'<p lang="en">{LINKED.split(" [")[0]}' in html(translated, "uk")
    assert "held back: " in result.stderr


# --- Determinism and parallel builds --------------------------------------------------


def test_second_build_is_byte_identical(translated: Path) -> None:
    assert run(translated, "build", "--min-coverage", "80").exit_code == 0
    first = snapshot(translated / "dist")
    assert {"uk/letter.pdf", "ru/letter.pdf", "ar/letter.pdf", "en/letter.pdf"} <= set(first)
    shutil.rmtree(translated / "dist")
    result = run(translated, "build", "--min-coverage", "80")
    assert result.exit_code == 0
    assert "built" in result.output
    assert snapshot(translated / "dist") == first
    result = run(translated, "build", "--min-coverage", "80")
    assert result.stdout == ""


def test_parallel_build_equals_serial_build(translated: Path) -> None:
    config = load_config(translated)
    build(config, min_coverage=80, jobs=1)
    serial = snapshot(translated / "dist")
    shutil.rmtree(translated / "dist")
    report = build(config, min_coverage=80, jobs=2)
    assert snapshot(translated / "dist") == serial
    assert [s.lang for s in report.languages if s.published] == ["en", "ar", "ru", "uk"]


def test_render_all_keeps_job_order() -> None:
    text = (REPO / "source" / "letter.md").read_text(encoding="utf-8")
    from appeal_i18n.source import parse

    blocks = parse(text).blocks
    from datetime import UTC, datetime

    jobs = [PageJob(lang, "letter", text, "source/letter.md",
                    tuple(f"{lang} {b.passage.text}" for b in blocks), (False,) * len(blocks),
                    (), datetime(2025, 1, 1, tzinfo=UTC), ("txt",))
            for lang in ("de", "fr", "pl", "es")]
    serial = render_all(jobs, workers=1)
    assert render_all(jobs, workers=2) == serial
    assert [r["txt"].split(b" ", 1)[0] for r in serial] == [b"de", b"fr", b"pl", b"es"]
