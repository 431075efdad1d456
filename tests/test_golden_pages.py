"""The built pages of two languages, byte for byte: Ukrainian and right-to-left Arabic.

``appeal-i18n build --format html,md,txt`` runs on a copy of this project (its sources and
real catalogs) with a fixed ``SOURCE_DATE_EPOCH`` (the HTML embeds the date), and
``dist/<lang>/letter.{html,md,txt}`` must equal ``tests/golden/pages/<lang>/``. After an
intended change (to a renderer, a template or a translation), refresh them with
``UPDATE_GOLDEN=1 pytest tests/test_golden_pages.py`` and review the diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner

from appeal_i18n.cli import main
from tests.test_source import _check_golden

GOLDEN = Path(__file__).parent / "golden" / "pages"
EPOCH = "1755165600"  # 2025-08-14T10:00:00Z, the dcterms dates of the HTML
FORMATS = ("html", "md", "txt")
DIFF_LINES = 40
DIFF_WIDTH = 160


def short_diff(expected: bytes, actual: bytes, name: str) -> str:
    """A unified diff of at most :data:`DIFF_LINES` lines, long lines cut short."""
    old_text, new_text = (data.decode("utf-8", "replace") for data in (expected, actual))
    if old_text.splitlines() == new_text.splitlines():
        return f"{name}: the bytes differ, the lines do not (line endings or encoding)"
    lines = [line.rstrip("\n") for line in difflib.unified_diff(
        old_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
        f"golden/{name}", f"built/{name}", n=1)]
    shown = [line if len(line) <= DIFF_WIDTH else line[:DIFF_WIDTH] + " [...]"
             for line in lines[:DIFF_LINES]]
    if len(lines) > DIFF_LINES:
        shown.append(f"[... {len(lines) - DIFF_LINES} more diff lines]")
    return "\n".join(shown)


def check_page(actual: bytes, path: Path) -> str | None:
    """None when ``actual`` equals the golden file, else a short diff.

    The golden check is tests/test_source's (``UPDATE_GOLDEN=1`` rewrites the file); the
    bytes are compared too, since it compares text.
    """
    name = path.relative_to(GOLDEN.parent).as_posix()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _check_golden(actual, path)
    except FileNotFoundError:
        return f"{name}: no golden file; run UPDATE_GOLDEN=1 pytest tests/test_golden_pages.py"
    except AssertionError:
        pass
    expected = path.read_bytes()
    return None if actual == expected else short_diff(expected, actual, name)


@pytest.mark.parametrize(("lang", "html_tag"), [
    ("uk", '<html lang="uk" dir="ltr">'),
    ("ar", '<html lang="ar" dir="rtl">'),
], ids=["uk", "ar"])
def test_built_pages_equal_golden(lang: str, html_tag: str, project: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = CliRunner().invoke(main, ["build", "-C", str(project), "--format",
                                       ",".join(FORMATS)])
    assert result.exit_code == 0, result.output
    built = {fmt: (project / "dist" / lang / f"letter.{fmt}").read_bytes() for fmt in FORMATS}
    assert html_tag.encode() in built["html"]  # whatever the golden files say
    problems = [diff for fmt in FORMATS
                if (diff := check_page(built[fmt], GOLDEN / lang / f"letter.{fmt}"))]
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("lang", ["uk", "ar"])
def test_head_with_a_base_url_equals_golden(lang: str, project: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The ``<head>`` of a letter built with a base URL: title, description, canonical and
    hreflang links, OpenGraph and Twitter tags (``tests/golden/head/<lang>.html``); the
    stylesheet is left out (the page goldens above cover it)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = CliRunner().invoke(main, ["build", "-C", str(project), "--format", "html",
                                       "--base-url", "https://example.org/letters/"])
    assert result.exit_code == 0, result.output
    page = (project / "dist" / lang / "letter.html").read_bytes()
    head = page[:page.index(b"</head>") + len(b"</head>\n")]
    head = head[:head.index(b"<style>")] + b"<style>...</style>\n</head>\n"
    problem = check_page(head, GOLDEN.parent / "head" / f"{lang}.html")
    assert problem is None, problem
