"""The PDF letters: Cyrillic and Arabic text present, shaped with real fonts, reproducible."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_build import MOTTO, REAL, run, translated_project

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


def test_pdf_metadata_is_fixed(pdfs: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(pdfs / "ar" / "letter.pdf")
    info = reader.metadata
    assert info is not None
    assert info.title == "الناس أولا"
    assert str(info.get("/CreationDate")).startswith("D:20250814100000")
    assert str(info.get("/ModDate")).startswith("D:20250814100000")
    assert str(reader.trailer["/Root"].get("/Lang")) == "ar"


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts not installed")
def test_arabic_is_set_in_an_arabic_font(pdfs: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(pdfs / "ar" / "letter.pdf")], capture_output=True,
                           text=True, check=True).stdout
    # Every font is embedded (a subset) with a Unicode map, and one of them is Arabic.
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes yes " in row for row in rows)
    assert re.search(r"Arabic|DejaVu-Sans", fonts)


def test_pdf_build_is_reproducible(pdfs: Path) -> None:
    first = {p.parent.name: p.read_bytes() for p in pdfs.glob("*/letter.pdf")}
    assert set(first) == {"en", "uk", "ar"}
    shutil.rmtree(pdfs)
    assert run(pdfs.parent, "build", "--format", "pdf").exit_code == 0
    assert {p.parent.name: p.read_bytes() for p in pdfs.glob("*/letter.pdf")} == first
