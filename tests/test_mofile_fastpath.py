"""The MO fast path (``compile_po_bytes``) equals ``compile_mo`` over the strict reader.

Wherever the fast path answers, its MO file is the strict path's byte for byte; wherever
the strict reader (with msgfmt -c's checks) rejects a file, the fast path does not answer,
so the fault is reported by the strict reader with its line. Checked on every sample
catalog, on damaged variants of them, on generated catalogs and on msgfmt -c's failures.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appeal_i18n.errors import POError
from appeal_i18n.mofile import compile_mo, compile_po_bytes
from appeal_i18n.pofile import format_po, parse_po

from .test_mofile import HEADER
from .test_pofile_scan import ENTRY, SAMPLES, _catalog, damaged, line_variants


def _strict(data: bytes) -> bytes | None:
    try:
        return compile_mo(parse_po(data, path="x.po"))
    except POError:
        return None


def _agree(data: bytes) -> bool:
    """Assert the fast path equals the strict one where it answers; True if it answered."""
    fast = compile_po_bytes(data, path="x.po")
    if fast is None:
        return False
    assert fast == _strict(data)
    return True


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_mo_equals_strict_on_samples(path: Path) -> None:
    data = path.read_bytes()
    _agree(data)
    _agree(data.replace(b"#, fuzzy", b"#, c-format, fuzzy"))
    _agree(data.replace(b"#, fuzzy\n", b""))  # fuzzy entries become checked ones
    for variant in line_variants(data):
        _agree(variant)


def test_fast_mo_answers_for_the_usual_shapes() -> None:
    for path in sorted(Path(__file__).parent.parent.glob("locales/*/LC_MESSAGES/*.po")):
        assert _agree(path.read_bytes()), path
    head = HEADER.encode()
    answered = [
        head + b'msgid "a"\nmsgstr "x"\n',
        head + b'msgctxt "c"\nmsgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n',
        head + (b'#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d f"\n'
                b'msgstr[1] "%d g"\nmsgstr[2] "%d h"\n'),
        head + b'msgid ""\n"a\\n"\n"b\\t\\"\\\\"\nmsgstr ""\n"x\\n"\n"y"\n',
        head + b'#, fuzzy\nmsgid "a"\nmsgstr "x"\n\nmsgid "b"\nmsgstr ""\n\n#~ msgid "c"\n'
               b'#~ msgstr "z"\n',
        head + b'#, python-format\nmsgid "%(n)s"\nmsgstr "%(n)s!"\n',
        head + b'msgid "\\na\\n"\nmsgstr "\\nx\\n"\n',
    ]
    for data in answered:
        assert _agree(data), data


def test_fast_mo_refuses_what_msgfmt_c_rejects() -> None:
    head = HEADER.encode()
    refused = [
        head + b'#, c-format\nmsgid "%d"\nmsgstr "%s"\n',  # format mismatch
        head + b'#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "f"\n'
               b'msgstr[1] "%d g"\nmsgstr[2] "%s h"\n',
        head + b'msgid "a\\n"\nmsgstr "x"\n',  # newline at the end of one only
        head + b'msgid "a"\nmsgstr "\\nx"\n',
        head + b'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',  # nplurals 3
        b'msgid "a"\nmsgstr "x"\n',  # no header
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',  # no Plural-Forms
        head.replace(b"nplurals=3", b"nplurals=2") + b'msgid "a"\nmsgstr "x"\n',  # bad range
        head + b'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n',  # duplicate
    ]
    for data in refused:
        assert compile_po_bytes(data, path="x.po") is None, data
        assert _strict(data) is None, data


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not installed")
def test_fast_mo_of_the_project_catalogs_equals_msgfmt(tmp_path: Path) -> None:
    for path in sorted(Path(__file__).parent.parent.glob("locales/*/LC_MESSAGES/*.po")):
        subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(path)], check=True)
        assert compile_po_bytes(path.read_bytes(), path=str(path)) == (
            tmp_path / "gnu.mo").read_bytes(), path


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY, max_size=8), st.booleans(), st.integers(0, 200), st.integers(0, 3),
       st.booleans())
def test_fast_mo_equals_strict_on_generated_catalogs(
        specs: list[dict[str, object]], header: bool, cut: int, damage: int,
        plural_forms: bool) -> None:
    catalog = _catalog(specs, header)
    if header and plural_forms:
        catalog.entries[0].msgstr += "Plural-Forms: nplurals=2; plural=(n != 1);\n"
    data = format_po(catalog)
    _agree(data)
    _agree(damaged(data, cut, damage))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_two_halves_give_what_one_reading_gives(path: Path) -> None:
    """The forked worker's half and ours combine into the serial result (or both refuse)."""
    data = path.read_bytes()
    variants = [data, data.replace(b"#, fuzzy\n", b"")]
    lines = data.split(b"\n")
    half = len(lines) // 2
    variants.append(b"\n".join([*lines[:half], lines[half], *lines[half:]]))  # doubled line
    variants.append(data + data[data.find(b"\n\nmsgid") + 2:])  # every entry twice
    for variant in variants:
        serial = compile_po_bytes(variant, path="x.po", parallel=False)
        assert compile_po_bytes(variant, path="x.po", parallel=True) == serial


def test_split_points_are_between_entries() -> None:
    from appeal_i18n.pofile.scan import cut

    head = HEADER.encode()
    data = head + b'msgid "a"\nmsgstr ""\n"x"\n\n#| msgid "q"\n\nmsgid "b"\nmsgstr "y"\n'
    points, at = [], 0
    while (at := cut(data, at)) < len(data):
        points.append(at)
    # After the header and after "a"; not after the #| line, which belongs to "b".
    assert points == [len(head) - 1, len(head) + len(b'msgid "a"\nmsgstr ""\n"x"\n')]
    assert compile_po_bytes(data, path="x", parallel=True) == _strict(data) is not None
