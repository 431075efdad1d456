"""The counting scanner gives what ``coverage.count`` gives over the strict reader.

Wherever the scanner answers, its counts and header fields equal the strict reader's;
where it does not (None), the strict reader decides, so faults are reported identically.
Checked on every sample catalog (real-world, failing ones included, GNU's test inputs,
this project's and the benchmark's), on variants of them, and on generated catalogs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appeal_i18n.coverage import count, read_stats
from appeal_i18n.errors import POError
from appeal_i18n.model import Catalog, Entry
from appeal_i18n.pofile import format_po, parse_po
from appeal_i18n.pofile.scan import scan_counts

from .conftest import REPO, SHARED, generated_pair

SAMPLES = sorted(
    [*(SHARED / "real-po").rglob("*.po"), *(SHARED / "gettext-suite").glob("*/*.po"),
     *(SHARED / "gettext-suite").glob("*/*.pot"), *(REPO / "locales").rglob("*.po"),
     *(REPO / "bench" / "work").glob("cat*/catalog.po")]
)

Figures = tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[str, str], ...]]


def _strict(data: bytes) -> Figures | str:
    """The figures of coverage.count over the strict reader, or its error."""
    try:
        catalog = parse_po(data, path="x.po", check=False)
    except POError as exc:
        return str(exc)
    stats = count(catalog, path="x.po")
    m, w = stats.messages, stats.words
    return ((m.translated, m.fuzzy, m.untranslated, m.obsolete),
            (w.translated, w.fuzzy, w.untranslated, w.obsolete), tuple(catalog.header_fields()))


def _agree(data: bytes) -> bool:
    """Assert the scanner equals the strict reader where it answers; True if it answered."""
    tally = scan_counts(data, path="x.po")
    if tally is None:
        return False
    assert (tally.messages, tally.words, tally.header_fields) == _strict(data)
    return True


def line_variants(data: bytes) -> Iterator[bytes]:
    """``data`` with one line missing, then doubled, for lines spread over the file (40 of
    them; 3 in the benchmark's big catalogs)."""
    lines = data.split(b"\n")
    cuts = 40 if len(data) < 1 << 20 else 3
    for i in range(0, len(lines), max(1, len(lines) // cuts)):
        yield b"\n".join(lines[:i] + lines[i + 1:])
        yield b"\n".join([*lines[:i], lines[i], lines[i], *lines[i + 1:]])


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_scanner_equals_strict_reader_on_samples(path: Path) -> None:
    data = path.read_bytes()
    _agree(data)
    _agree(data.replace(b"\n", b"\r\n"))
    _agree(data.rstrip(b"\n"))
    _agree(data.replace(b"#, fuzzy", b"#, c-format, fuzzy"))
    for variant in line_variants(data):
        _agree(variant)


def test_scanner_answers_for_the_usual_shapes(tmp_path: Path) -> None:
    for name, data in generated_pair(tmp_path, seed=11).items():
        assert _agree(data), name
    for path in sorted((REPO / "locales").rglob("*.po")):
        assert _agree(path.read_bytes()), path


def test_scanner_cases() -> None:
    head = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    answered = [
        head + b'msgid "a\\tb\\\\n"\nmsgstr "x"\n',
        head + b'msgid "a" "b"\nmsgstr "x"\n',  # two strings on a line: strict reader
        head + b'#, range: fuzzy\nmsgid "a"\nmsgstr "x"\n',
        head + b'#, fuzzy\nmsgid "a"\nmsgstr ""\n""\n',
        head + b'#| msgid "z"\n#, fuzzy\nmsgid "a"\nmsgstr "x"\n\n#~ msgid "b"\n#~ msgstr "y"\n',
        head + b'msgid "a\x1cb"\nmsgstr ""\n',
        head + b'msgid "\xc2\xa0a\xc2\xa0b"\nmsgstr ""\n',
        head + b'msgctxt "c"\nmsgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n',
        head + b'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] ""\n',
    ]
    for data in answered:
        assert _agree(data) or b'"a" "b"' in data, data
    refused = [
        head + b'msgid "a"\nmsgstr "x"\n\nmsgid ""\n"a"\nmsgstr "y"\n',  # duplicate
        head + b'msgid "a"\nmsgstr "x"\n\n#~ msgid "a"\n#~ msgstr "y"\n',
        head + b'#~| msgid "z"\nmsgid "a"\nmsgstr "x"\n',  # inconsistent #~
        head + b'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\n',
        head + b'msgid "\\x41"\nmsgstr ""\n',
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=KOI8-R\\n"\n',
        b"\xef\xbb\xbf" + head,
        head + b'msgid "a"\nmsgstr "\xff"\n',
    ]
    for data in refused:
        assert scan_counts(data, path="x.po") is None, data


def test_read_stats_the_same_both_ways(tmp_path: Path) -> None:
    paths = sorted((SHARED / "real-po").rglob("*.po")) + sorted((REPO / "locales").rglob("*.po"))
    if not paths:
        pytest.skip("no sample catalogs")
    fast = read_stats(paths)
    strict = read_stats(paths, passages=True)
    assert fast.catalogs == strict.catalogs
    assert [str(e) for e in fast.errors] == [str(e) for e in strict.errors]


TEXT = st.lists(st.sampled_from(
    [*"ab c", " ", "\t", "\n", '"', "\\", "\x1c", "\u00a0", "é", "ж", "%d", "{x}", "#", "~"]),
    max_size=12).map("".join)
ENTRY = st.fixed_dictionaries({
    "msgid": TEXT, "msgstr": TEXT, "ctxt": st.one_of(st.none(), TEXT),
    "plural": st.one_of(st.none(), TEXT), "forms": st.integers(1, 3),
    "flags": st.lists(st.sampled_from(["fuzzy", "c-format", "no-wrap", "range: 1..3"]),
                      max_size=2),
    "obsolete": st.booleans(), "previous": st.one_of(st.none(), TEXT),
    "comment": st.one_of(st.none(), TEXT.map(lambda t: t.replace("\n", " "))),
})


def _catalog(specs: list[dict[str, object]], header: bool) -> Catalog:
    entries = [Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n"
                     "Language: uk\nLast-Translator: T\n")] if header else []
    for spec in specs:
        plural = spec["plural"]
        msgstr = str(spec["msgstr"])
        entry = Entry(msgid=str(spec["msgid"]), msgctxt=spec["ctxt"],  # type: ignore[arg-type]
                      obsolete=bool(spec["obsolete"]), flags=list(spec["flags"]),  # type: ignore[call-overload]
                      previous_msgid=spec["previous"])  # type: ignore[arg-type]
        if spec["comment"] is not None:
            entry.translator_comments.append(str(spec["comment"]))
        if plural is not None:
            entry.msgid_plural = str(plural)
            entry.msgstr_plural = [msgstr] * int(spec["forms"])  # type: ignore[call-overload]
        else:
            entry.msgstr = msgstr
        entries.append(entry)
    return Catalog(entries=entries)


def damaged(data: bytes, cut: int, damage: int) -> bytes:
    """``data`` with one line (chosen by ``cut``) deleted (1), doubled (2) or cut short (3)."""
    lines = data.split(b"\n")
    i = cut % len(lines)
    if damage == 1:
        del lines[i]
    elif damage == 2:
        lines.insert(i, lines[i])
    elif damage == 3:
        lines[i] = lines[i][: cut % (len(lines[i]) + 1)]
    return b"\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY, max_size=8), st.booleans(), st.integers(0, 200), st.integers(0, 3))
def test_scanner_equals_strict_reader_on_generated_catalogs(
        specs: list[dict[str, object]], header: bool, cut: int, damage: int) -> None:
    data = format_po(_catalog(specs, header))
    _agree(data)
    _agree(damaged(data, cut, damage))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_two_halves_count_what_one_reading_counts(path: Path) -> None:
    """A forked worker's half and ours add up to the serial counts (or both refuse)."""
    data = path.read_bytes()
    lines = data.split(b"\n")
    half = len(lines) // 2
    for variant in (data, b"\n".join([*lines[:half], lines[half], *lines[half:]]),
                    data + data[data.find(b"\n\nmsgid") + 2:]):  # every entry twice
        serial = scan_counts(variant, path="x.po", parallel=False)
        assert scan_counts(variant, path="x.po", parallel=True) == serial
