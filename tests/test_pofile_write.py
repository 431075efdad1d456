"""Canonical writing: byte equality with GNU msgcat, round trips, large files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appeal_i18n.model import Catalog, Entry
from appeal_i18n.pofile import FLAG_ORDER, format_files, format_po, parse_po, read_po, write_po

TESTDATA = Path(__file__).resolve().parents[1].parent / "shared" / "testdata"
REAL = sorted((TESTDATA / "real-po").glob("*.po"))
SUITE = sorted(p for p in (TESTDATA / "gettext-suite").glob("*/*") if p.name != "cmd.txt")
HAS_MSGCAT = shutil.which("msgcat") is not None
needs_msgcat = pytest.mark.skipif(not HAS_MSGCAT, reason="GNU msgcat is not installed")


def msgcat(path: Path) -> subprocess.CompletedProcess[bytes]:
    """Run ``msgcat FILE``."""
    return subprocess.run(["msgcat", str(path)], capture_output=True, check=False)


@needs_msgcat
@pytest.mark.skipif(not REAL, reason="shared real-po test data is absent")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_real_catalogs_match_msgcat(path: Path) -> None:
    assert format_po(read_po(path)) == msgcat(path).stdout


@needs_msgcat
@pytest.mark.skipif(not SUITE, reason="shared gettext-suite test data is absent")
@pytest.mark.parametrize("path", SUITE, ids=[f"{p.parent.name}/{p.name}" for p in SUITE])
def test_gettext_suite_inputs_match_msgcat(path: Path) -> None:
    result = msgcat(path)
    if result.returncode != 0:
        pytest.skip("msgcat rejects this file on its own")
    assert format_po(read_po(path, check=False)) == result.stdout


@pytest.mark.skipif(not REAL, reason="shared real-po test data is absent")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_nothing_is_lost(path: Path) -> None:
    catalog = read_po(path)
    again = parse_po(format_po(catalog), path="again.po")
    assert len(again.entries) == len(catalog.entries)
    assert again.charset == catalog.charset
    for before, after in zip(catalog.entries, again.entries, strict=True):
        assert after.key == before.key
        assert (after.msgstr, after.msgstr_plural) == (before.msgstr, before.msgstr_plural)
        assert after.translator_comments == before.translator_comments
        assert after.extracted_comments == before.extracted_comments
        assert after.references == before.references
        assert after.flags == before.flags
        assert after.obsolete == before.obsolete
        assert (after.previous_msgctxt, after.previous_msgid, after.previous_msgid_plural) == (
            before.previous_msgctxt, before.previous_msgid, before.previous_msgid_plural)


def test_koi8r_stays_koi8r(tmp_path: Path) -> None:
    koi8 = TESTDATA / "real-po" / "bison.ru.koi8r.po"
    if not koi8.exists():
        pytest.skip("shared real-po test data is absent")
    catalog = read_po(koi8)
    assert catalog.charset.lower() == "koi8-r"
    assert format_po(catalog).decode("koi8-r")
    target = tmp_path / "ru.po"
    assert write_po(target, catalog)
    assert read_po(target).charset == catalog.charset
    assert not write_po(target, catalog)


HEADER = Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n"
               "Plural-Forms: nplurals=2; plural=(n != 1);\n")
TEXT = st.lists(st.sampled_from(
    list("abc xyz,.;:!?-/()[]{}\"'\\%\t\n") + list("привет мир «»—–…") + list("مرحبا")
    + list("你好世界。、") + ["http://example.org/a-b_c?d=e", "supercalifragilistic"]
), max_size=120).map("".join)
FLAGS = st.lists(st.sampled_from(["c-format", "python-brace-format", "no-wrap"]), unique=True)


@st.composite
def entries(draw: st.DrawFn, index: int) -> Entry:
    """A random, non-fuzzy, valid entry."""
    msgid = f"{index} {draw(TEXT)}"
    plural = draw(st.booleans())
    comments = draw(st.lists(st.text("abc дé ", max_size=30), max_size=2))
    entry = Entry(msgid=msgid, msgctxt=draw(st.none() | TEXT), translator_comments=comments,
                  extracted_comments=draw(st.lists(st.text("xyz ", min_size=1, max_size=20),
                                                   max_size=2)),
                  references=[f"src/file{i}.md:{i}" for i in range(draw(st.integers(0, 12)))],
                  flags=sorted((f for f in draw(FLAGS) if f != "c-format" or "%" not in msgid),
                               key=FLAG_ORDER.index))
    if plural:
        entry.msgid_plural = draw(TEXT)
        entry.msgstr_plural = [draw(TEXT), draw(TEXT)]
    else:
        entry.msgstr = draw(TEXT)
    return entry


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    """A random catalog with a header and a few entries."""
    count = draw(st.integers(1, 4))
    items = [draw(entries(i)) for i in range(count)]
    return Catalog(entries=[Entry(msgid="", msgstr=HEADER.msgstr), *items])


def _comparable(catalog: Catalog) -> list[tuple[object, ...]]:
    return [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, tuple(e.msgstr_plural),
             tuple(e.flags), tuple(e.translator_comments), tuple(e.extracted_comments),
             tuple(e.references)) for e in catalog.entries]


@given(catalogs())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_round_trip(catalog: Catalog) -> None:
    data = format_po(catalog)
    again = parse_po(data, path="x.po", check=False)
    assert _comparable(again) == _comparable(catalog)
    assert format_po(again) == data


@needs_msgcat
@given(catalogs())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_msgcat_keeps_our_output(catalog: Catalog) -> None:
    data = format_po(catalog)
    result = subprocess.run(["msgcat", "-"], input=data, capture_output=True, check=False)
    assert result.stdout == data


@needs_msgcat
@pytest.mark.parametrize("text", [
    "word " * 40,
    "Очень длинная строка на русском языке, которая должна переноситься как у msgcat. " * 3,
    "نص عربي طويل يجب أن يلتف مثل msgcat تماما، مع علامات الترقيم؛ وأكثر من ذلك. " * 3,
    "这是一个很长的中文句子，它应该像msgcat一样换行。还有更多的文字在这里。" * 4,
    "See https://example.org/a/very/long/path/that-goes-on-and-on?with=query&and=more " * 2,
    "supercalifragilisticexpialidocious" * 5,
    "well-known hyphen-separated words—with em dashes – and en dashes " * 3,
    "tabs\tand\tquotes \"inside\" and back\\slashes " * 4,
    "(parentheses) [brackets] {braces} 100% $5 #1 a/b c:d e;f g!h i?j " * 3,
    "line one\nline two that is long enough to need wrapping on its own right here\n",
])
def test_wrapping_matches_msgcat(text: str, tmp_path: Path) -> None:
    catalog = Catalog(entries=[Entry(msgid="", msgstr=HEADER.msgstr),
                               Entry(msgid=text, msgstr=text.upper()),
                               Entry(msgid="x" + text, flags=["c-format"], msgstr=text)])
    po = tmp_path / "x.po"
    po.write_bytes(format_po(catalog))
    assert msgcat(po).stdout == po.read_bytes()


def test_large_catalog() -> None:
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
    body = "".join(f'\n#: letter.md:{i}\nmsgid "Message {i}"\nmsgstr "Сообщение {i}"\n'
                   for i in range(200_000))
    data = (header + body).encode()
    catalog = parse_po(data, path="big.po")
    assert len(catalog.entries) == 200_001
    assert catalog.entries[-1].line == 2 + 4 * 199_999 + 3


def test_twenty_megabyte_line() -> None:
    text = "x" * 20_000_000
    data = f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "{text}"\n'
    catalog = parse_po((data + 'msgstr ""\n').encode(), path="big.po")
    assert len(catalog.messages[0].msgid) == 20_000_000


def test_format_files(tmp_path: Path) -> None:
    messy = tmp_path / "messy.po"
    messy.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                     '#: b.md:1\nmsgid ""\n"short"\nmsgstr "kurz"\n', encoding="utf-8")
    clean = tmp_path / "clean.po"
    clean.write_bytes(format_po(read_po(messy)))
    before = messy.read_bytes()
    assert format_files([messy, clean], check=True) == [messy]
    assert messy.read_bytes() == before
    assert format_files([messy, clean], check=False) == [messy]
    assert messy.read_bytes() == clean.read_bytes()
    assert format_files([messy, clean], check=False) == []
