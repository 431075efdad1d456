"""Every built page is valid HTML by the Nu HTML Checker (vnu), the W3C's validator.

The project's own letters in every shipped language, with a base URL (so the share tags
and images are in the pages too), plus the index and the coverage dashboard. vnu comes
from its npm package (``vnu-jar``), which ``.ci/run`` installs, and runs on Java; the test
is skipped when either is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_build import run

VNU = REPO / ".ci" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")
pytestmark = pytest.mark.skipif(JAVA is None or not VNU.is_file(),
                                reason="vnu-jar (npm, see .ci/run) or java not installed")


def vnu(*pages: Path) -> list[str]:
    """vnu's errors, one ``file:line.col: error: message`` line each."""
    assert JAVA is not None
    done = subprocess.run([JAVA, "-jar", str(VNU), "--errors-only", "--format", "gnu",
                           *map(str, pages)], capture_output=True, text=True, timeout=300)
    return [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]


def test_every_built_page_is_valid_html(project: Path) -> None:
    result = run(project, "build", "--format", "html", "--base-url",
                 "https://example.org/letters/")
    assert result.exit_code == 0, result.output
    dist = project / "dist"
    pages = sorted(dist.glob("*.html")) + sorted(dist.glob("*/letter.html"))
    langs = {p.parent.name for p in pages if p.parent != dist}
    assert {"en", "uk", "ru", "ar", "he", "ja", "zh_Hans", "ka", "crh"} <= langs
    assert vnu(*pages) == []


def test_vnu_reports_an_invalid_page(tmp_path: Path) -> None:
    """The check can fail: a page with a duplicate id and a stray end tag is reported."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                    "<title>t</title></head><body><p id=a>x</p><p id=a>y</p></div>"
                    "</body></html>\n", encoding="utf-8")
    errors = vnu(page)
    assert any("Duplicate ID" in e for e in errors), errors
    assert any("Stray end tag" in e for e in errors), errors
