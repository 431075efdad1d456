"""Letters that readers find, share and print well (issue 14).

The base URL and the share tags, share images, the coverage page, the fonts (shipped,
checked per script, never a silent fallback) and the per-script rendering of Hebrew,
Georgian, Japanese and Chinese fixture catalogs. The real letters' PDFs are checked in
``test_pdf.py``, the pages in Chromium in ``test_browser.py``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from appeal_i18n.errors import BuildError
from appeal_i18n.publish import fonts
from tests.conftest import needs
from tests.test_build import TITLE, make_project, run, translate

BASE = "https://example.org/letters/"
EPOCH = "1755165600"

#: A sentence in each fixture language's script (not translations of the letter).
SENTENCES = {
    "he": "זהו מכתב פתוח הקורא לשחרר את האסירים האזרחיים ואת שבויי המלחמה.",
    "ka": "ეს არის ღია წერილი, რომელიც მოუწოდებს სამოქალაქო პირებისა და ტყვეების "
          "გათავისუფლებისკენ.",
    "ja": "これは民間人の拘束者と戦争捕虜の解放を求める公開書簡であり、"
          "私たちはすべての人々が一日も早く家族のもとへ帰ることを願っています。",
    "zh_Hans": "这是一封呼吁释放被拘押的平民和战俘的公开信，"
               "我们希望所有被关押的人都能早日回到家人身边。",
}
_KEEP = re.compile(r"\d+|\[[^\]]*\]\([^)]*\)|\*[^*]+\*")


def script_translation(lang: str, msgid: str) -> str:
    """A fixture translation in the language's script, keeping numbers, links and emphasis."""
    kept = " ".join(_KEEP.findall(msgid))
    repeat = 1 if len(msgid) < 200 else 3
    return " ".join([SENTENCES[lang]] * repeat) + (f" {kept}" if kept else "")


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with complete uk and ar catalogs, built with a base URL (HTML only)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = make_project(tmp_path / "project")
    translate(project, "uk")
    translate(project, "ar")
    result = run(project, "build", "--format", "html,md", "--base-url", "https://example.org/letters")
    assert result.exit_code == 0, result.output
    assert "need a base URL" not in result.stderr
    return project


def test_base_url_gives_absolute_links_and_share_tags(shared: Path) -> None:
    page = (shared / "dist" / "ar" / "letter.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}ar/letter.html">' in page
    for lang in ("en", "uk", "ar"):
        assert f'<link rel="alternate" hreflang="{lang}" href="{BASE}{lang}/letter.html">' in page
    assert f'<link rel="alternate" hreflang="x-default" href="{BASE}en/letter.html">' in page
    assert f'<meta property="og:url" content="{BASE}ar/letter.html">' in page
    assert '<meta property="og:type" content="article">' in page
    assert f'<meta property="og:image" content="{BASE}ar/letter.png">' in page
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:height" content="630">' in page
    assert '<meta property="og:image:alt" content="People First: رسالة مفتوحة' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '<meta property="og:locale" content="ar_EG">' in page
    assert '<meta property="og:locale:alternate" content="uk_UA">' in page
    # The switcher and the page's own links stay relative: the site works offline.
    assert '<a href="../uk/letter.html" hreflang="uk" lang="uk">' in page
    assert '<a href="letter.md" type="text/markdown">' in page


def test_share_images_are_1200x630_deterministic_pngs(shared: Path) -> None:
    from PIL import Image

    images = {p.parent.name: p.read_bytes() for p in (shared / "dist").glob("*/letter.png")}
    assert set(images) == {"en", "uk", "ar"}
    for lang, data in images.items():
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), lang
        with Image.open(shared / "dist" / lang / "letter.png") as image:
            assert image.size == (1200, 630)
    assert len(set(images.values())) == 3  # each in its own language
    shutil.rmtree(shared / "dist")
    assert run(shared, "build", "--format", "html", "--base-url", BASE).exit_code == 0
    assert {p.parent.name: p.read_bytes()
            for p in (shared / "dist").glob("*/letter.png")} == images
    # Without a base URL, no page can be shared by its image: it is removed.
    result = run(shared, "build", "--format", "html")
    assert result.exit_code == 0
    assert not list((shared / "dist").glob("*/letter.png"))
    assert "removed dist/uk/letter.png" in result.stdout


def test_share_image_shapes_arabic() -> None:
    """Joined Arabic differs from the same letters kept apart by zero-width non-joiners."""
    from appeal_i18n.publish.share import render_card

    scripts = {"ar": "Arabic"}
    joined = render_card(lang="ar", title="رسالة مفتوحة", campaign="PEOPLE FIRST",
                         scripts=scripts)
    apart = render_card(lang="ar", title="\u200c".join("رسالة مفتوحة"),
                        campaign="PEOPLE FIRST", scripts=scripts)
    assert joined != apart
    assert joined == render_card(lang="ar", title="رسالة مفتوحة", campaign="PEOPLE FIRST",
                                 scripts=scripts)


def test_without_base_url_links_stay_relative_and_one_line_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = make_project(tmp_path / "p", ("uk",))
    translate(project, "uk")
    result = run(project, "build", "--format", "html")
    assert result.exit_code == 0
    notes = [line for line in result.stderr.splitlines() if "base URL" in line]
    assert notes == ["note: share tags (canonical, og:url, og:image) need a base URL: pass "
                     "--base-url or set base-url in [tool.appeal-i18n]"]
    page = (project / "dist" / "uk" / "letter.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="uk" href="../uk/letter.html">' in page
    assert "canonical" not in page and "og:image" not in page
    assert '<meta property="og:title" content="People First: відкритий лист' in page


def test_base_url_setting_and_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = make_project(tmp_path / "p", ("uk",))
    translate(project, "uk")
    (project / "pyproject.toml").write_text(
        '[tool.appeal-i18n]\nbase-url = "https://example.org/letters"\n', encoding="utf-8")
    result = run(project, "build", "--format", "html")
    assert result.exit_code == 0 and "base URL" not in result.stderr
    page = (project / "dist" / "uk" / "letter.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}uk/letter.html">' in page
    # --base-url wins over the setting.
    assert run(project, "build", "--format", "html", "--base-url",
               "https://other.example/").exit_code == 0
    assert "https://other.example/uk/letter.html" in (
        project / "dist" / "uk" / "letter.html").read_text(encoding="utf-8")
    result = run(project, "build", "--base-url", "example.org/letters")
    assert result.exit_code == 2 and "absolute http(s) URL" in result.output
    result = run(project, "all", "--base-url", "ftp://example.org/")
    assert result.exit_code == 2
    (project / "pyproject.toml").write_text(
        '[tool.appeal-i18n]\n\nbase-url = "/letters/"\n', encoding="utf-8")
    result = run(project, "build", "--format", "html")
    assert result.exit_code == 3
    assert result.stderr.strip().startswith("appeal-i18n: pyproject.toml:3: base URL must be")


def test_coverage_page_names_states_and_links_back(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = make_project(tmp_path / "p", ("uk", "ar", "ru"))
    translate(project, "uk")
    translate(project, "ar", lambda lang, msgid: None if msgid == TITLE else
              ("[ar] " + msgid))
    assert run(project, "build", "--format", "html").exit_code == 0
    page = (project / "dist" / "coverage.html").read_text(encoding="utf-8")
    assert '<bdi lang="uk" dir="ltr">українська</bdi> (Ukrainian) <code>uk</code>' in page
    assert '<bdi lang="ar" dir="rtl">العربية</bdi> (Arabic) <code>ar</code>' in page
    uk_row = page[page.index('id="lang-uk"'):].split("</tr>")[0]
    assert "<td>published</td>" in uk_row
    assert '<img src="badges/uk.svg" alt="uk: 100%" height="20">' in uk_row
    assert "<td>in progress</td>" in page[page.index('id="lang-ar"'):].split("</tr>")[0]
    assert '<p><a href="index.html">All languages</a></p>' in page
    assert "Generated from the source of 2025-08-14." in page
    assert page.count('<div class="scroll" role="region" tabindex="0"') == 3


def test_title_falls_back_to_english_marked_as_such(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = make_project(tmp_path / "p", ("uk",))
    translate(project, "uk", lambda lang, msgid: None if msgid == TITLE else "Укр: " + msgid)
    assert run(project, "build", "--format", "html", "--min-coverage", "90").exit_code == 0
    page = (project / "dist" / "uk" / "letter.html").read_text(encoding="utf-8")
    assert f'<title lang="en">{TITLE}</title>' in page
    index = (project / "dist" / "index.html").read_text(encoding="utf-8")
    assert (f'<a href="uk/letter.html" hreflang="uk" lang="en" dir="ltr">{TITLE}</a>'
            in index)


# --- Fonts ----------------------------------------------------------------------------


def test_shipped_fonts_and_licence_are_in_the_package() -> None:
    for family in fonts.FAMILIES:
        if family.shipped:
            for face in family.faces:
                assert (fonts.FONTS_DIR / face.file).is_file(), face.file
                assert (fonts.FONTS_DIR / face.file).with_suffix(".woff2").is_file()
    licence = (fonts.FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence and "PERMISSION & CONDITIONS" in \
        licence
    scripts = {s for f in fonts.FAMILIES if f.shipped for s in f.scripts}
    assert {"Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Georgian"} <= scripts


def test_built_site_self_hosts_the_fonts_under_the_csp(shared: Path) -> None:
    page = (shared / "dist" / "uk" / "letter.html").read_text(encoding="utf-8")
    assert "font-src &#39;self&#39;" in page
    assert ('@font-face{font-family:"appeal Noto Serif";'
            'src:url("../fonts/NotoSerif-Regular.woff2")') in page
    assert ':lang(ar){font-family:"appeal Noto Naskh Arabic","appeal Noto Serif"' in page
    assert ":lang(ar) em,:lang(ar) i{font-style:normal;font-weight:bold}" in page
    for url in re.findall(r'url\("\.\./(fonts/[^"]+)"\)', page):
        assert (shared / "dist" / url).is_file(), url
    assert (shared / "dist" / "fonts" / "OFL.txt").is_file()


def test_a_script_without_a_font_stops_the_build(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = make_project(tmp_path / "p", ("th",))
    translate(project, "th", lambda lang, msgid: "จดหมายเปิดผนึก " + " ".join(_KEEP.findall(msgid)))
    result = run(project, "build", "--format", "html", "--min-coverage", "50")
    assert result.exit_code == 4
    assert result.stderr.strip().splitlines() == [
        "appeal-i18n: th: no shipped or installed font covers the Thai script "
        "(U+0E01 THAI CHARACTER KO KAI)"]
    assert not (project / "dist" / "th").exists()


def test_han_without_the_system_font_names_the_package(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    from dataclasses import replace

    missing = tuple(replace(f, faces=tuple(replace(face, file=str(tmp_path / "none.ttc"))
                                           for face in f.faces)) if not f.shipped else f
                    for f in fonts.FAMILIES)
    monkeypatch.setattr(fonts, "FAMILIES", missing)
    with pytest.raises(BuildError) as info:
        fonts.check_coverage("ja", [SENTENCES["ja"]])
    assert str(info.value).startswith("ja: no shipped or installed font covers the Han script")
    assert str(info.value).endswith("(install fonts-noto-cjk)")


def test_font_stack_puts_the_languages_script_first() -> None:
    assert [f.name for f in fonts.families_for("ar", "Arabic")][:2] == [
        "appeal Noto Naskh Arabic", "appeal Noto Serif"]
    ja = [f.name for f in fonts.families_for("ja", "Han")]
    assert ja[0] == "Noto Serif CJK JP" and "Noto Serif CJK SC" not in ja
    assert next(f.name for f in fonts.families_for("zh_Hans", "Han")) == "Noto Serif CJK SC"
    assert fonts.main_script([SENTENCES["ka"]]) == "Georgian"
    assert fonts.main_script(["People First: " + SENTENCES["he"]]) == "Hebrew"


# --- Rendering per script -------------------------------------------------------------

_CJK = (fonts.SYSTEM_CJK / "NotoSerifCJK-Regular.ttc").is_file()


@pytest.fixture(scope="module")
def scripts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """he, ka (and ja, zh_Hans when Noto CJK is installed) letters, HTML and PDF."""
    langs = ("he", "ka", *(("ja", "zh_Hans") if _CJK else ()))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        project = make_project(tmp_path_factory.mktemp("scripts") / "p", langs)
        for lang in langs:
            translate(project, lang, script_translation)
        result = run(project, "build", "--format", "html,pdf", "--min-coverage", "50")
    assert result.exit_code == 0, result.output
    return project / "dist"


def _pdffonts(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return [line.split()[0].split("+", 1)[1] for line in out.splitlines()[2:]]


@needs("pdffonts")
@pytest.mark.parametrize(("lang", "family"), [
    ("he", "appeal-Noto-Serif-Hebrew"), ("ka", "appeal-Noto-Serif-Georgian"),
    pytest.param("ja", "Noto-Serif-CJK-JP", marks=pytest.mark.skipif(not _CJK, reason="no CJK")),
    pytest.param("zh_Hans", "Noto-Serif-CJK-SC",
                 marks=pytest.mark.skipif(not _CJK, reason="no CJK")),
])
def test_each_script_is_set_in_its_family(scripts_site: Path, lang: str, family: str) -> None:
    names = _pdffonts(scripts_site / lang / "letter.pdf")
    assert family in names, names
    assert not any("Oblique" in name or "DejaVu" in name for name in names), names


def test_hebrew_page_is_right_to_left(scripts_site: Path) -> None:
    page = (scripts_site / "he" / "letter.html").read_text(encoding="utf-8")
    assert '<html lang="he" dir="rtl">' in page
    assert ':lang(he){font-family:"appeal Noto Serif Hebrew"' in page
    # The Latin link text of the last line is isolated from the Hebrew around it.
    assert '<a href="https://people1st.online"><bdi dir="ltr">People First</bdi></a>' in page


@needs("pdftotext")
@pytest.mark.skipif(not _CJK, reason="fonts-noto-cjk not installed")
@pytest.mark.parametrize("lang", ["ja", "zh_Hans"])
def test_cjk_lines_break_between_characters_within_the_page(scripts_site: Path,
                                                             lang: str) -> None:
    from xml.etree import ElementTree

    out = subprocess.run(["pdftotext", "-bbox-layout", str(scripts_site / lang / "letter.pdf"),
                          "-"], capture_output=True, text=True, check=True).stdout
    root = ElementTree.fromstring(out)
    ns = "{http://www.w3.org/1999/xhtml}"
    page = root.find(f".//{ns}page")
    assert page is not None
    width = float(page.get("width", "0"))
    lines = root.findall(f".//{ns}line")
    # A long paragraph without spaces is broken into several lines, none past the margin.
    cjk_lines = [line for line in lines if any(
        "\u3040" <= c <= "\u9fff" for w in line.findall(f"{ns}word") for c in (w.text or ""))]
    assert len(cjk_lines) > 10
    assert max(float(line.get("xMax", "0")) for line in cjk_lines) <= width - 2.2 / 2.54 * 72 + 1
