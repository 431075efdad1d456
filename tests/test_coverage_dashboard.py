"""Badges and the coverage dashboard: deterministic, self-contained, hostile text escaped."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from appeal_i18n.config import load_config
from appeal_i18n.coverage import read_stats, status
from appeal_i18n.publish.dashboard import (
    badge_color,
    badge_value,
    letter_href,
    render_badge,
    render_dashboard,
)

FIXTURE = Path(__file__).parent / "data" / "coverage" / "project"
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>&amp;'


@pytest.mark.parametrize(("percent", "value", "color"), [
    (100.0, "100%", "#4c1"), (99.99, "99.9%", "#97ca00"), (57.14, "57.1%", "#dfb317"),
    (57.0, "57%", "#dfb317"), (0.0, "0%", "#e05d44"), (24.99, "24.9%", "#e05d44"),
])
def test_badge_value_and_colour(percent: float, value: str, color: str) -> None:
    assert badge_value(percent) == value
    assert badge_color(percent) == color
    svg = render_badge("uk", percent)
    assert f">{value}</text>" in svg and f'fill="{color}"' in svg


def test_badge_is_valid_deterministic_svg() -> None:
    svg = render_badge("uk", 100.0)
    assert svg == render_badge("uk", 100.0)
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("aria-label") == "uk: 100%"
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    # Wider text gives a wider badge.
    assert int(ElementTree.fromstring(render_badge("pt_BR", 5)).get("width", "0")) > int(
        root.get("width", "0"))


def test_badge_escapes_label() -> None:
    svg = render_badge(HOSTILE, 50)
    assert "<script" not in svg and "<img" not in svg
    ElementTree.fromstring(svg)  # still well-formed


def _hostile_catalog(folder: Path) -> Path:
    po = folder / "locales" / "xx" / "LC_MESSAGES" / "letter.po"
    po.parent.mkdir(parents=True)
    q = HOSTILE.replace('"', '\\"')
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: javascript:alert(3)//\\n"\n'
        f'"Last-Translator: {q}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'#: {HOSTILE.replace(" ", "")}\n#, fuzzy\nmsgid "{q}"\nmsgstr "{q}"\n',
        encoding="utf-8")
    return po


def test_dashboard_content(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "p")
    result = status(load_config(tmp_path / "p"), passages=True)
    html = render_dashboard(result, published={"uk"})
    assert html == render_dashboard(result, published={"uk"})
    assert html.startswith("<!DOCTYPE html>")
    assert '<a href="uk/letter.html">letter</a>' in html
    assert '<a href="de/letter.html">' not in html and "(not published)" in html
    assert '<a href="de/letter.html">' in render_dashboard(result)
    # The matrix: one row per passage, one cell per language.
    assert html.count('class="translated"') == 6
    assert html.count('class="fuzzy"') == 1
    assert html.count('class="untranslated"') == 2
    assert html.count('class="absent"') == 5 * 3 - 9  # 5 passages x 3 languages
    assert "Max Mustermann &lt;max@example.org&gt;" in html


def test_dashboard_is_self_contained_and_escapes_hostile_text(tmp_path: Path) -> None:
    po = _hostile_catalog(tmp_path)
    html = render_dashboard(read_stats([po], root=tmp_path, passages=True))
    assert "<script" not in html and "<img" not in html and "onerror=alert" not in html.replace(
        "onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert letter_href("javascript:alert(3)//", "a/b") == (
        "javascript%3Aalert%283%29%2F%2F/a%2Fb.html")
    # No external resource, no script, a CSP that forbids both.
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html)
    assert "default-src &#39;none&#39;" in html and "script-src" not in html


def _luminance(color: str) -> float:
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("percent", [100.0, 95.0, 80.0, 60.0, 30.0, 0.0])
def test_badge_text_has_enough_contrast_and_names_the_language(percent: float) -> None:
    from appeal_i18n.publish.dashboard import badge_label

    svg = render_badge(badge_label("uk"), percent)
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    fills = [rect.get("fill", "") for rect in root.iter(f"{ns}rect")][:3]
    label_bg, value_bg = fills[1], fills[2]
    texts = list(root.iter(f"{ns}text"))
    assert [t.text for t in texts] == ["Ukrainian (uk)", badge_value(percent)]
    assert _contrast(texts[0].get("fill", ""), label_bg) >= 4.5
    assert _contrast(texts[1].get("fill", ""), value_bg) >= 4.5
