"""The writer's shortcuts write what its general path writes (no timing here: see bench/).

* line breaking looks only at the end of each line (a window of ``_WINDOW`` columns, then
  the whole line) and falls back to the full analysis otherwise: the breaks equal the
  character-by-character algorithm's;
* the regex that tells whether a text has only "fast" characters learns characters as it
  meets them: it answers as the per-character classes do;
* ``format_po`` with every shortcut (one-line values, window breaking, plain references)
  writes the bytes of the character-by-character algorithm.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appeal_i18n.errors import POError
from appeal_i18n.pofile import linebreak, parse_po, writer
from appeal_i18n.pofile.comments import _add_references

from .conftest import REPO, SHARED

sys.path.insert(0, str(REPO / "bench"))
import workloads

#: Words of every length, so that lines end inside long words, after short ones, on spaces.
_PIECES = ["a", "ab", "abc", "word", "слово", "longerword", "averyveryverylongword" * 2,
           " ", " ", " ", "  ", "   ", "-", "—", "/", ",", ".", "!", "?", "%d", "%s", "(", ")",
           "\"", "\\", "\t", "«", "»", "100", "$", "€", "…", "\u00a0", "'", ":", ";"]
_RARE = ["\u0301", "中", "\u200b", "\u05d0", "\x01", "\u2060", "é", "\n"]


def _text(rng: random.Random, size: int) -> str:
    pieces = []
    while sum(map(len, pieces)) < size:
        pieces.append(rng.choice(_RARE) if rng.random() < 0.01 else rng.choice(_PIECES))
    return "".join(pieces)


def test_window_breaks_equal_the_full_algorithm() -> None:
    rng = random.Random(11)
    for _ in range(20_000):
        text = _text(rng, rng.choice([40, 80, 120, 200, 400]))
        if rng.random() < 0.3:
            text += "\n"
        width, start = rng.choice([10, 30, 73, 74, 76, 77]), rng.choice([0, 6, 7, 13, 90])
        offset = rng.choice([0, 0, 4])
        inner = ({offset + rng.randrange(-4, len(text) + 4) for _ in range(rng.randrange(1, 9))}
                 if rng.random() < 0.3 else set())
        fast = linebreak._break_portion(text, offset, width, start, inner)
        slow = linebreak._break_portion_slow(text, offset, width, start, inner)
        assert fast == slow, (text, width, start, inner)
        first = linebreak._line_breaks(text, "".join(fast[0]), offset, width, start, inner,
                                       True)
        assert first == slow[1][:len(first)] and bool(first) == bool(slow[1])


def test_window_breaks_decline_what_they_cannot_answer() -> None:
    long_word = "x" * 100
    assert linebreak._window_breaks(long_word, long_word, 0, 77, 6, set()) is None
    assert linebreak._window_breaks("中" * 50, "中" * 50, 0, 77, 6, set()) is None
    text = "y" * 70 + " " + "z" * 30  # the only opportunity is far before the line's end
    assert linebreak._window_breaks(text, text, 0, 77, 0, set()) == [71]


@given(st.lists(st.sampled_from([*_PIECES, *_RARE, "ж", "Ω", "ǅ", "\x7f", "\u2028", "\ufeff"]),
                max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_all_fast_equals_the_class_string(text: str) -> None:
    expected = linebreak._SLOW not in text.translate(linebreak._FAST_CLASSES)
    assert linebreak._all_fast(text) == expected
    assert linebreak._all_fast(text) == expected  # once learned, the same answer


def test_all_fast_learns_from_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linebreak, "_known_fast", set())
    monkeypatch.setattr(linebreak, "_other_than_fast", linebreak.re.compile("(?s).").search)
    for text in ["", "abc", "ab\u0301", "жук", "abc жук", "a\x01", "中", "жук-ж", "Ω\\"]:
        assert linebreak._all_fast(text) == (
            linebreak._SLOW not in text.translate(linebreak._FAST_CLASSES)), text


@given(st.lists(st.sampled_from(["a.md:1", "b/c.py:20", "a.md:1", "x:0", "y:07", "z", "w:",
                                 "d.md:3", ":4", "e f:5"]), max_size=8))
def test_references_with_a_leading_space_are_the_same(refs: list[str]) -> None:
    plain: list[str] = []
    spaced: list[str] = []
    _add_references(plain, " ".join(refs))
    _add_references(spaced, " " + " ".join(refs))
    assert spaced == plain


def _general_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the writer take no shortcut: every value is broken character by character."""
    def slow(text: str, escaped: str, offset: int, width: int, start: int,
             inner: set[int], first_only: bool = False) -> list[int]:
        return linebreak._break_portion_slow(text, offset, width, start, inner)[1]

    monkeypatch.setattr(writer, "_fits", lambda escaped, room: False)
    monkeypatch.setattr(writer, "_line_breaks", slow)
    monkeypatch.setattr(writer, "_add_references",
                        lambda refs, text: _add_references(refs, text.lstrip(" ")))


SAMPLES = sorted([*(SHARED / "real-po").glob("*.po"), *(SHARED / "gettext-suite").glob("*/*.po"),
                  *(REPO / "locales").rglob("*.po")])


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_writer_shortcuts_equal_the_general_path(path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        catalog = parse_po(path.read_bytes(), path=str(path), check=False)
    except POError:
        pytest.skip("not a catalog the reader takes")
    fast = writer.format_po(catalog)
    with monkeypatch.context() as patch:
        _general_path(patch)
        assert writer.format_po(catalog) == fast


def test_writer_shortcuts_equal_the_general_path_generated(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entries, template, _ = workloads.big_catalog(1500, seed=13)
    for name, items, is_template in (("a.po", entries, False), ("a.pot", template, True)):
        workloads._write_catalog(tmp_path / name, items, template=is_template)
        catalog = parse_po((tmp_path / name).read_bytes(), path=name, check=False)
        fast = writer.format_po(catalog)
        with monkeypatch.context() as patch:
            _general_path(patch)
            assert writer.format_po(catalog) == fast


def test_writing_in_two_halves_equals_one_pass(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A big UTF-8 catalog is written half by a forked worker: the same bytes; a half
    that cannot be encoded falls back to the one pass, which raises the error."""
    from appeal_i18n.pofile import twocores

    entries, _, _ = workloads.big_catalog(1500, seed=21)
    workloads._write_catalog(tmp_path / "a.po", entries, template=False)
    catalog = parse_po((tmp_path / "a.po").read_bytes(), path="a.po", check=False)
    monkeypatch.setattr(twocores, "available", lambda: True)
    halves: list[int] = []
    real = writer._in_two
    monkeypatch.setattr(writer, "_in_two",
                        lambda items, codec: halves.append(len(items)) or real(items, codec))
    monkeypatch.setattr(writer, "PARALLEL_ENTRIES", 10**9)
    one = writer.format_po(catalog)
    monkeypatch.setattr(writer, "PARALLEL_ENTRIES", 100)
    assert writer.format_po(catalog) == one
    assert halves == [len([e for e in catalog.entries if writer._written(e)])]
    catalog.entries[-1].msgstr = "\ud800"  # a lone surrogate: not encodable
    with pytest.raises(POError, match="cannot be encoded"):
        writer.format_po(catalog)
