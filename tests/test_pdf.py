"""The PDF letters: Cyrillic and Arabic text present, shaped with real fonts, reproducible."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, needs
from tests.test_build import MOTTO, REAL, TITLE, run, translated_project

pytest.importorskip("weasyprint")

_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def extract(path: Path) -> str:
    """The PDF's text, by pdftotext when installed, else pypdf; bidi marks removed."""
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, text=True, check=True).stdout
    else:
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(_BIDI.sub("", text).split())


@pytest.fixture
def pdfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    project = translated_project(tmp_path / "project")
    result = run(project, "build", "--format", "pdf")
    assert result.exit_code == 0, result.output
    return project / "dist"


def test_ukrainian_and_arabic_text_in_the_pdf(pdfs: Path) -> None:
    uk = extract(pdfs / "uk" / "letter.pdf")
    assert REAL["uk"][MOTTO] in uk
    assert "Шановний пане Президенте Трамп," in uk
    ar = extract(pdfs / "ar" / "letter.pdf")
    assert REAL["ar"][MOTTO].rstrip(".") in ar
    assert "الناس أولا" in ar
    from pypdf import PdfReader

    assert PdfReader(pdfs / "uk" / "letter.pdf").metadata.title == REAL["uk"][TITLE]
    assert PdfReader(pdfs / "en" / "letter.pdf").metadata.title == TITLE


def test_pdf_metadata_is_fixed(pdfs: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(pdfs / "ar" / "letter.pdf")
    info = reader.metadata
    assert info is not None
    assert info.title == REAL["ar"][TITLE]  # the title in the page's language
    assert str(info.get("/CreationDate")).startswith("D:20250814100000")
    assert str(info.get("/ModDate")).startswith("D:20250814100000")
    assert str(reader.trailer["/Root"].get("/Lang")) == "ar"


def pdf_fonts(path: Path) -> list[str]:
    """The PostScript names of the fonts a PDF embeds (subset prefix removed)."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout
    rows = out.splitlines()[2:]
    # Every font is embedded (a subset) with a Unicode map.
    assert rows and all(" yes yes yes " in row for row in rows), out
    return sorted(row.split()[0].split("+", 1)[1] for row in rows)


def shipped_names() -> set[str]:
    """The names the shipped fonts get in a PDF: their family and face."""
    from appeal_i18n.publish.fonts import FAMILIES

    styles = {(400, "normal"): "", (700, "normal"): "-Bold", (400, "italic"): "-Italic",
              (700, "italic"): "-BoldItalic"}
    return {family.name.replace(" ", "-") + styles[face.weight, face.style]
            for family in FAMILIES if family.shipped for face in family.faces}


@needs("pdffonts")
def test_pdfs_embed_the_shipped_fonts_and_no_synthetic_oblique(pdfs: Path) -> None:
    ar = pdf_fonts(pdfs / "ar" / "letter.pdf")
    uk = pdf_fonts(pdfs / "uk" / "letter.pdf")
    assert "appeal-Noto-Naskh-Arabic" in ar and "appeal-Noto-Naskh-Arabic-Bold" in ar
    # Latin inside Arabic (the heading, the link, the footer) is in the matching Noto Serif.
    assert "appeal-Noto-Serif" in ar
    assert "appeal-Noto-Serif-Italic" in uk  # Cyrillic emphasis: true italics
    for names in (ar, uk):
        assert set(names) <= shipped_names(), names
        assert not any("Oblique" in name or "DejaVu" in name for name in names)
    # Arabic has no italics: its emphasis is bold, never a slanted face.
    assert not any("Italic" in name for name in ar)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own letters and catalogs, built as HTML and PDF."""
    project = tmp_path_factory.mktemp("real") / "project"
    project.mkdir()
    shutil.copy(REPO / "pyproject.toml", project)
    for folder in ("source", "locales"):
        shutil.copytree(REPO / folder, project / folder,
                        ignore=shutil.ignore_patterns("*.mo", "*.lock"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1755165600")
        result = run(project, "build", "--format", "html,pdf")
    assert result.exit_code == 0, result.output
    return project / "dist"


def _lines(path: Path) -> list[list[tuple[float, str]]]:
    """Each text line of a PDF as its words, ``(xMin, text)``, in reading order of lines."""
    from xml.etree import ElementTree

    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    return [[(float(w.get("xMin", "0")), w.text or "") for w in line.findall(f"{ns}word")]
            for line in ElementTree.fromstring(out).iter(f"{ns}line")]


_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9.:/()-]*")


@needs("pdftotext")
def test_arabic_last_line_reads_as_in_the_html(real: Path) -> None:
    """The Latin words of the Arabic last line come in the HTML's order, left to right."""
    page = (real / "ar" / "letter.html").read_text(encoding="utf-8")
    last = page.split('<footer class="signature">')[1].split("</footer>")[0]
    last = last.strip().splitlines()[-1]
    html_order = _LATIN.findall(re.sub(r"<[^>]+>", "", last))
    assert html_order == ["People1st", "People", "First"]
    line = next(words for words in reversed(_lines(real / "ar" / "letter.pdf"))
                if any("People" in text for _, text in words))
    latin = [text.strip("()") for _, text in sorted(line) if _LATIN.fullmatch(text.strip("()"))]
    # The print stylesheet adds the link's target after its text, as in a browser's print.
    # (pdftotext gives the brackets around it as the characters they were typed as; in
    # a right-to-left line HarfBuzz draws each with its mirrored glyph.)
    assert latin == [*html_order, "https://people1st.online"]


#: Han, Hiragana and Katakana: scripts written without spaces between words.
NO_SPACES = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


@needs("pdftotext")
def test_no_word_alone_on_a_line_in_mid_paragraph(real: Path) -> None:
    """Ukrainian page 2 broke after «безпосередні» (a WeasyPrint bug): no such line anywhere."""
    for pdf in sorted(real.glob("*/letter.pdf")):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        lines = [line.strip() for line in text.replace("\f", "\n\n").splitlines()]
        for before, line, after in zip(lines, lines[1:], lines[2:], strict=False):
            # (A lone combining mark is pdftotext's placement of a diacritic, not a word;
            # Chinese and Japanese put no spaces between words, so a line is one "word".)
            if before and after and len(line.split()) == 1 and \
                    sum(c.isalpha() for c in line) > 1 and not NO_SPACES.search(line):
                pytest.fail(f"{pdf.parent.name}: {line!r} alone between {before!r} and "
                            f"{after!r}")
    uk = subprocess.run(["pdftotext", str(real / "uk" / "letter.pdf"), "-"],
                        capture_output=True, text=True, check=True).stdout
    assert "а також\nбезпосередні\n" not in uk


def test_pdf_build_is_reproducible(pdfs: Path) -> None:
    first = {p.parent.name: p.read_bytes() for p in pdfs.glob("*/letter.pdf")}
    assert set(first) == {"en", "uk", "ar"}
    shutil.rmtree(pdfs)
    assert run(pdfs.parent, "build", "--format", "pdf").exit_code == 0
    assert {p.parent.name: p.read_bytes() for p in pdfs.glob("*/letter.pdf")} == first
