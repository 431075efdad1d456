"""The fast paths give the same results as the plain ones (no timing here: see bench/).

* the reader decodes and splits big files a few MiB at a time: the result, and the first
  fault reported, equal a whole-file read;
* the MO file of the generated 50,000-entry benchmark catalog equals msgfmt's;
* a parallel build writes exactly the files of a serial one.
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from appeal_i18n.cli import main
from appeal_i18n.errors import POError
from appeal_i18n.mofile import compile_mo
from appeal_i18n.pofile import linebreak, parse_po, reader, writer

from .conftest import REPO, SHARED, generated_pair, needs

sys.path.insert(0, str(REPO / "bench"))
import workloads

SAMPLES = sorted(
    [*(SHARED / "real-po").glob("*.po"), *(SHARED / "gettext-suite").glob("*/*.po"),
     *(SHARED / "gettext-suite").glob("*/*.pot"), *(REPO / "locales").rglob("*.po")]
)


def _read(data: bytes, monkeypatch: pytest.MonkeyPatch, chunk: int, check: bool = False,
          ) -> object:
    """The catalog, or the error message, read with a given chunk size."""
    monkeypatch.setattr(reader, "_CHUNK", chunk)
    try:
        return parse_po(data, path="x.po", check=check)
    except POError as exc:
        return str(exc)


def _same_both_ways(data: bytes, monkeypatch: pytest.MonkeyPatch, check: bool = False) -> None:
    whole = _read(data, monkeypatch, 1 << 40, check)
    for chunk in (1, 7, 300):
        assert _read(data, monkeypatch, chunk, check) == whole, chunk


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_chunked_reading_equals_whole_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    _same_both_ways(data, monkeypatch)
    _same_both_ways(data.replace(b"\n", b"\r\n"), monkeypatch)
    _same_both_ways(data.rstrip(b"\n"), monkeypatch)


def test_generated_catalog_all_shapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, data in generated_pair(tmp_path, seed=7).items():
        _same_both_ways(data, monkeypatch, check=name == "a.po")
        _same_both_ways(data.replace(b"\n", b"\r"), monkeypatch)  # lone CR


def test_first_fault_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    good = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    body = "".join(f'msgid "m{i}"\nmsgstr "t{i}"\n\n' for i in range(50))
    syntax = 'msgid "x"\nbogus "y"\n\n'
    bad_byte = b'msgid "z"\nmsgstr "\xff"\n'
    cases = [
        (good + syntax + body).encode() + bad_byte,  # a bad byte anywhere comes first
        (good + body + syntax + body).encode(),
        (good + body).encode() + bad_byte + (syntax + body).encode(),
        (good + body + 'msgid "m3"\nmsgstr "again"\n').encode(),  # duplicate
        (good + body + 'msgid "open\n').encode(),
    ]
    for data in cases:
        whole = _read(data, monkeypatch, 1 << 40)
        assert isinstance(whole, str)
        for chunk in (1, 5, 64, 200):
            assert _read(data, monkeypatch, chunk) == whole


def _line_path_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Disable the whole-entry fast path: every line goes through the line tokenizer."""
    monkeypatch.setattr(reader, "_fast_entries", lambda text, pos, line, *args: (pos, line))


def _fast_equals_line_path(data: bytes, monkeypatch: pytest.MonkeyPatch,
                           check: bool = False) -> None:
    results = []
    for fast in (True, False):
        with monkeypatch.context() as patch:
            if not fast:
                _line_path_only(patch)
            for chunk in (1 << 40, 1, 90):
                results.append(_read(data, patch, chunk, check))
    assert all(result == results[0] for result in results), data[:200]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_entry_fast_path_equals_line_tokenizer(path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    _fast_equals_line_path(data, monkeypatch)
    _fast_equals_line_path(data.replace(b"\n", b"\r\n"), monkeypatch)
    _fast_equals_line_path(data.rstrip(b"\n"), monkeypatch)


def test_entry_fast_path_generated_catalog(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for name, data in generated_pair(tmp_path, seed=11).items():
        _fast_equals_line_path(data, monkeypatch, check=name == "a.po")


def test_entry_fast_path_faults_and_odd_shapes(monkeypatch: pytest.MonkeyPatch) -> None:
    head = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    body = "".join(f'#: a.py:{i}\nmsgid "m{i}"\nmsgstr "t{i}"\n\n' for i in range(20))
    odd = [
        'msgid "m3"\nmsgstr "again"\n',  # duplicate
        'msgid "a"\nmsgstr "b"\n"c\\"d"\n"e\\n"\n',  # continuation after the fast entry
        'msgid "a"\nmsgstr "b"\n\n"c"\n',  # a string after a blank line continues it
        'msgid "a"\nmsgstr "b"\n"open\n',  # unterminated continuation
        'msgid "a"\nmsgstr "b"\nmsgstr[1] "c"\n',
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[2] "y"\n',  # wrong index
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n\n',
        '#, fuzzy\n#| msgctxt "c"\n#| msgid "o"\n#| "ld"\nmsgctxt "c"\nmsgid "n"\nmsgstr "x"\n',
        '#~| msgid "o"\nmsgid "n"\nmsgstr "x"\n',  # inconsistent #~
        '#. x\n#: a.py:1 b.py:2\n#: a.py:1\n#, c-format, fuzzy\n# t\n#\nmsgid "n"\nmsgstr ""\n',
        '#~ msgid "gone"\n#~ msgstr "x"\n',
        'msgid "a\\q"\nmsgstr "b"\n',  # bad escape
        'msgid "a\\\\b\\tc"\nmsgstr "\\"q\\""\n',
        'msgctxt "c"\nmsgctxt "d"\nmsgid "n"\nmsgstr "x"\n',
        'msgid "a"  \nmsgstr "b"\n',
        'msgid "n"\n',  # missing msgstr at the end
        'msgid "n"\nmsgstr "x"',  # no final newline
    ]
    for piece in odd:
        for text in (head + body + piece + body, head + body + piece, piece + body):
            _fast_equals_line_path(text.encode(), monkeypatch)


@pytest.mark.parametrize("enabled", [True, False])
def test_reader_restores_garbage_collection(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        parse_po(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n', path="x")
        assert gc.isenabled() is enabled
        with pytest.raises(POError):
            parse_po(b'msgid "x"\n', path="x")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


@needs("msgfmt")
def test_mo_of_the_50k_benchmark_catalog_equals_msgfmt(tmp_path: Path) -> None:
    cached = workloads.WORK / "cat50k" / "catalog.po"
    if cached.is_file():
        po = cached
    else:
        entries, _, _ = workloads.big_catalog(50_000, seed=50_000)
        po = tmp_path / "catalog.po"
        workloads._write_catalog(po, entries, template=False)
    subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(po)], check=True)
    ours = compile_mo(parse_po(po.read_bytes(), path=str(po)))
    assert ours == (tmp_path / "gnu.mo").read_bytes()


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_parallel_build_equals_serial(project: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    if "--jobs" not in runner.invoke(main, ["build", "--help"]).output:
        pytest.skip("no parallel build")
    outputs = []
    for jobs in ("1", "2"):
        dest = tmp_path / f"p{jobs}"
        shutil.copytree(project, dest)
        result = runner.invoke(main, ["build", "-C", str(dest), "--jobs", jobs,
                                      "--min-coverage", "0", "--format", "html,md,txt"])
        assert result.exit_code in (0, 4), result.output
        outputs.append(_tree(dest / "dist"))
    assert outputs[0] == outputs[1]
    assert outputs[0]


def test_fast_line_breaking_equals_the_full_algorithm() -> None:
    import random

    rng = random.Random(5)
    alphabet = [*"abc xyz  ABC,.;:!?-()[]{}\"'\\/%$#&*+=<>@_|~0123456789\t",
                *"абвгдіїє«»—–“”‘’…№", "\u0301", "中", "é", "\u200b", "\u05d0", "\u00a0", "\x01",
                "€", "\u2060", "  "]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.choice([1, 5, 20, 80, 200])))
        if rng.random() < 0.3:
            text += "\n"
        width, start = rng.choice([10, 30, 77, 1 << 30]), rng.choice([0, 6, 7, 13, 90])
        offset = rng.choice([0, 0, 4])  # the portion's place in its value
        inner = ({offset + rng.randrange(-4, len(text) + 4) for _ in range(rng.randrange(1, 6))}
                 if rng.random() < 0.3 else set())
        fast = linebreak._break_portion(text, offset, width, start, inner)
        slow = linebreak._break_portion_slow(text, offset, width, start, inner)
        assert fast == slow, (text, width, start)


@needs("msgcat")
def test_writer_equals_msgcat_on_the_generated_catalog(tmp_path: Path) -> None:
    entries, _, _ = workloads.big_catalog(3000, seed=3)
    po = tmp_path / "a.po"
    workloads._write_catalog(po, entries, template=False)
    gnu = subprocess.run(["msgcat", str(po)], check=True, capture_output=True).stdout
    assert writer.format_po(parse_po(po.read_bytes(), path=str(po))) == gnu
