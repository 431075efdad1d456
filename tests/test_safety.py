"""Hostile translations render inert: the page's markup is what the English makes.

Two layers are tested. The build's policy shows a passage that fails a safety check in
English and reports it (so every output is exactly the page without that translation);
under it, the HTML renderer itself keeps only the English's links, images and block
structure even when handed a hostile text directly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from appeal_i18n.publish.html import Alternate, render_page
from appeal_i18n.publish.localize import localize
from appeal_i18n.publish.markdown import render_markdown
from appeal_i18n.publish.text import render_text
from appeal_i18n.source import parse
from tests.conftest import REPO
from tests.test_build import LINKED, MOTTO, fixture_translation, make_project, run, translate

HOSTILE = {
    "script": "<script>alert(1)</script>Звільніть людей насамперед.",
    "img-onerror": '<img src=x onerror="alert(1)">Звільніть людей насамперед.',
    "javascript-link": "[Звільніть людей](javascript:alert(1)) насамперед.",
    "data-link": "[Звільніть людей](data:text/html;base64,PHNjcmlwdD4=) насамперед.",
    "added-image": "Звільніть людей ![x](https://evil.example/x.png) насамперед.",
    "data-image": "Звільніть людей ![x](data:image/png;base64,iVBORw0KGgo=) насамперед.",
    "heading-after-newline": "Звільніть людей\n# насамперед.",
    "leading-heading": "# Звільніть людей насамперед.",
    "attribute-quote": 'Звільніть людей" onmouseover="alert(1)" x=\'насамперед.',
    "autolink": "Звільніть людей <https://evil.example> насамперед.",
    "bidi-override": "Звільніть людей \u202eнасамперед.",
    "list-injection": "Звільніть людей\n- насамперед.",
}
RETARGETED = "І 73 організації Ініціативи People1st [People First](https://peop1e1st.online)"


class _Skeleton(HTMLParser):
    """Collects the markup of a page: tags and attributes, without the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = tuple(sorted((k, v) for k, v in attrs if k != "content"))
        self.tags.append((tag, kept))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("/" + tag, ()))


def skeleton(page: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    parser = _Skeleton()
    parser.feed(page)
    return parser.tags


SOURCE = (REPO / "source" / "letter.md").read_text(encoding="utf-8")
DATE = datetime(2025, 8, 14, tzinfo=UTC)
ALTERNATES = (Alternate("en", "../en/letter.html", "English", "../en/letter.html"),
              Alternate("uk", "../uk/letter.html", "українська", "../uk/letter.html"))


def page_with(passage: str, text: str) -> str:
    """The uk page with ``text`` as the (unchecked) translation of ``passage``."""
    parsed = parse(SOURCE)
    table = {(b.passage.context, b.passage.text): fixture_translation("uk", b.passage.text)
             for b in parsed.blocks}
    table[(None, passage)] = text
    doc = localize(parsed, lang="uk", domain="letter", table=table)
    return render_page(doc, alternates=ALTERNATES, date=DATE)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_renderer_keeps_the_markup_of_the_english(case: str) -> None:
    benign = page_with(MOTTO, "Звільніть людей насамперед.")
    hostile = page_with(MOTTO, HOSTILE[case])
    assert skeleton(hostile) == skeleton(benign)
    assert not any(tag in ("script", "img") or any(k.startswith("on") for k, _ in attrs)
                   for tag, attrs in skeleton(hostile))


def test_renderer_drops_a_retargeted_link() -> None:
    english = skeleton(page_with(LINKED, fixture_translation("uk", LINKED)))
    hostile = page_with(LINKED, RETARGETED)
    assert "peop1e1st" not in hostile
    assert set(skeleton(hostile)) <= set(english)
    assert "<p>І 73 організації Ініціативи People1st People First</p>" in hostile


def test_renderer_keeps_the_english_link_attributes() -> None:
    page = page_with(LINKED, 'І 73 [People First](https://people1st.online "Click me")')
    assert '<a href="https://people1st.online">People First</a>' in page


def test_title_and_meta_are_escaped_for_their_context() -> None:
    parsed = parse(SOURCE)
    heading = '</title><script>alert(1)</script> "q" &amp;'
    first = '" onload="alert(1)" ' + " ".join(["слово"] * 20)
    table = {("title", parsed.blocks[0].passage.text): heading,
             ("description", parsed.blocks[1].passage.text): first}
    page = render_page(localize(parsed, lang="uk", domain="letter", table=table),
                       alternates=ALTERNATES, date=DATE)
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#34;q&#34; &amp;" \
        "</title>" in page
    assert '<meta name="description" content="&#34; onload=&#34;alert(1)&#34; слово' in page
    assert ('<meta property="og:title" content="&lt;/title&gt;&lt;script&gt;alert(1)&lt;/'
            "script&gt; &#34;q&#34; &amp;\">") in page
    assert "<script" not in page


def test_text_and_markdown_keep_only_english_targets() -> None:
    parsed = parse(SOURCE)
    doc = localize(parsed, lang="uk", domain="letter", table={(None, LINKED): RETARGETED})
    assert "peop1e1st" not in render_text(doc)
    doc = localize(parsed, lang="uk", domain="letter",
                   table={(None, MOTTO): HOSTILE["leading-heading"]})
    markdown = render_markdown(doc)
    assert "\n\\# Звільніть людей насамперед.\n" in markdown
    assert [b.passage.kind for b in parse(markdown).blocks].count("heading") == 1


# --- Through the build's policy ---------------------------------------------------------


@pytest.fixture
def uk_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    return make_project(tmp_path / "project", ("uk",))


def _outputs(project: Path) -> dict[str, bytes]:
    return {fmt: (project / "dist" / "uk" / f"letter.{fmt}").read_bytes()
            for fmt in ("html", "md", "txt")}


def _build_with(project: Path, passage: str, text: str | None) -> tuple[dict[str, bytes], str]:
    translate(project, "uk", lambda lang, msgid: text if msgid == passage
              else fixture_translation(lang, msgid))
    result = run(project, "build", "--min-coverage", "50", "--format", "html,md,txt")
    assert result.exit_code == 0, result.output
    return _outputs(project), result.stderr


@pytest.mark.parametrize("case", sorted(set(HOSTILE) - {"attribute-quote"}))
def test_unsafe_translation_is_shown_in_english_and_reported(uk_project: Path,
                                                            case: str) -> None:
    untranslated, _ = _build_with(uk_project, MOTTO, None)
    hostile, stderr = _build_with(uk_project, MOTTO, HOSTILE[case])
    assert hostile == untranslated
    assert "held back: locales/uk/LC_MESSAGES/letter.po:" in stderr


def test_quotes_are_text_and_published_escaped(uk_project: Path) -> None:
    benign, _ = _build_with(uk_project, MOTTO, "Звільніть людей насамперед.")
    quoted, stderr = _build_with(uk_project, MOTTO, HOSTILE["attribute-quote"])
    assert skeleton(quoted["html"].decode()) == skeleton(benign["html"].decode())
    assert ("<p>Звільніть людей&quot; onmouseover=&quot;alert(1)&quot; x='насамперед.</p>"
            in quoted["html"].decode())
    assert "held back" not in stderr


def test_retargeted_link_is_shown_in_english(uk_project: Path) -> None:
    untranslated, _ = _build_with(uk_project, LINKED, None)
    hostile, stderr = _build_with(uk_project, LINKED, RETARGETED)
    assert hostile == untranslated
    assert "[markdown-link]" in stderr


def test_unsafe_passage_refuses_an_otherwise_complete_language(uk_project: Path) -> None:
    translate(uk_project, "uk", lambda lang, msgid: HOSTILE["script"] if msgid == MOTTO
              else fixture_translation(lang, msgid))
    result = run(uk_project, "build", "--format", "html")
    assert result.exit_code == 4
    assert "[markdown-html]" in result.stderr
    assert "refused: uk (100.0% translated" in result.stderr
    assert not (uk_project / "dist" / "uk").exists()
    index = (uk_project / "dist" / "index.html").read_text(encoding="utf-8")
    assert "held back by checks" in index
