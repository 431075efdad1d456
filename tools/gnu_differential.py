"""A differential mutation run against GNU gettext: the same PO bytes through both.

Each case is a small PO file made by mutating a seed catalog (seeded, so a run is
reproducible). For each one it compares, with GNU gettext 0.21:

* acceptance by ``msgfmt -c`` (what ``compile`` and ``check`` accept: ``read_po``);
* acceptance and counts of ``msgfmt --statistics`` (what ``status`` accepts and counts);
* the MO bytes (``msgfmt -o``) when ``msgfmt -c`` accepts the file;
* acceptance and output bytes of ``msgcat`` (what ``fmt`` writes).

With ``--formats``, each case is instead one entry of a format msgfmt -c checks, its msgid
and msgstr made of that format's directive pieces, and what is compared is msgfmt -c's
verdict and message.

Usage (a longer run than the test suite's; prints each difference with its case)::

    python tools/gnu_differential.py --seed 1 --count 5000 [--save FOLDER]
    python tools/gnu_differential.py --formats --seed 1 --count 200   # per format

The test suite runs :func:`run` on a few hundred cases (``tests/test_gnu_differential.py``).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from appeal_i18n.coverage import count
from appeal_i18n.errors import AppealError
from appeal_i18n.mofile import compile_mo
from appeal_i18n.pofile import format_files, format_po, parse_po

HEADER = ('msgid ""\nmsgstr ""\n"Project-Id-Version: x 1\\n"\n"Language: de\\n"\n'
          '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Content-Transfer-Encoding: 8bit\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')

#: Seed catalogs (after the header): the shapes a mutation starts from.
SEEDS = (
    'msgid "Hello"\nmsgstr "Hallo"\n\nmsgid "one"\nmsgstr ""\n',
    '#. note\n#: a.md:3\n#, fuzzy\n#| msgid "Old"\nmsgid "New"\nmsgstr "Neu"\n',
    '#, c-format\nmsgid "%d file in %s"\nmsgid_plural "%d files in %s"\n'
    'msgstr[0] "%d Datei in %s"\nmsgstr[1] "%d Dateien in %s"\n',
    'msgctxt "menu"\nmsgid "Open"\nmsgstr "Öffnen"\n\n#~ msgid "gone"\n#~ msgstr "weg"\n',
    '#, python-brace-format\nmsgid "{n} of {total}"\nmsgstr "{n} von {total}"\n',
    '#, python-format\nmsgid "%(n)s items"\nmsgstr "%(n)s Dinge"\n',
    'msgid ""\n"A long paragraph that goes on and on, so that it must be wrapped by the writer "\n'
    '"at seventy-nine columns, with words.\\n"\nmsgstr ""\n"Ein langer Absatz, der weiter '
    'und weiter geht, so dass der Schreiber ihn umbrechen muss, mit Wörtern.\\n"\n',
    '# translator\nmsgid "Tab\\there \\"quoted\\""\nmsgstr "Tab\\thier \\"zitiert\\""\n',
)

#: Pieces a mutation inserts into a string or a line.
PIECES = (
    "\u00ad", "\u0085", "\x85", "é", "日本", "\\0", "\\101", "\\x41", "\\377", "\\n", "\\t",
    "\\\\", '\\"', "%d", "%s", "%1$s", "%%", "{x}", "{", "}", "%(a)s", "\x00", " ", "-",
    "\u200b", "\u05d0", "word " * 6, "\\\n", "#~ ", "\\4", "\\x04",
)
LINES = (
    "", "#", "# c", "#~ ", "#~ #~ ", "#~#~", "#| msgid \"x\"", "#, fuzzy", "#, c-format",
    "#, no-wrap", "#, qt-format", "#, sh-format", "#, perl-format", "#, php-format",
    "#, java-format", "#, ycp-format", '"x"', "msgstr", 'msgid "a\\n"', 'msgstr "b"',
    'msgctxt "\\4"', 'domain "d"', 'domain "messages"', "#, range: 1..3", "#! fuzzy",
    '"Content-Type: text/plain; charset=CHARSET\\n"', '"Content-Type: text/plain\\n"',
    "#| msgctxt \"c\"", "#~| msgid \"o\"", "\\", "msgid", '""',
)
FLAG_LINES = ("#, c-format", "#, python-format", "#, python-brace-format", "#, qt-format",
              "#, sh-format", "#, perl-format", "#, php-format", "#, java-format",
              "#, ycp-format", "#, no-wrap", "#, fuzzy", "#, kde-format", "#, lua-format",
              "#, csharp-format", "#, boost-format", "#, possible-c-format",
              "#, no-c-format", "#, fuzzy, python-format")


#: The pieces format strings are made of, per format flag.
FORMAT_PIECES: dict[str, tuple[str, ...]] = {
    "c-format": ("%", "s", "d", "1$", "2$", "*", ".", "l", "%%", " ", "m"),
    "objc-format": ("%", "s", "d", "1$", "*", ".", "%%", " "),
    "python-format": ("%", "s", "d", "(a)", "(b)", "*", ".", ".0", "%%", " ", "r"),
    "python-brace-format": ("{", "}", "a", "0", ".", "[", "]", ":", ">", "10", "!r", "{{",
                            "}}", " "),
    "java-format": ("{", "}", "0", "1", ",number", ",date", ",choice", ",time", ",short",
                    "'", "''", "a", " ", ",x"),
    "csharp-format": ("{", "}", "0", "1", ",", "-", "5", ":", "x", "{{", "}}", " "),
    "javascript-format": ("%", "1$", "2$", "s", "d", "f", "j", ".", "2", "%%", " ", "-", "q"),
    "elisp-format": ("%", "1$", "2$", "0$", "*", ".", "s", "S", "d", "x", "f", "c", "%%", " ",
                     "q"),
    "librep-format": ("%", "1$", "2$", "0$", "*", ".", "s", "S", "d", "x", "c", "%%", "^",
                      "q"),
    "sh-format": ("$", "${", "}", "a", "b", "_", "1", "-", " ", "é", "x"),
    "awk-format": ("%", "1$", "2$", "0$", "*", "*1$", "*2$", ".", "s", "d", "u", "f", "c",
                   "%%", " ", "3"),
    "lua-format": ("%", "s", "d", "f", "q", ".", "2", "%%", " ", "c", "z"),
    "object-pascal-format": ("%", "0:", "1:", ":", "*:", "*", ".", "s", "d", "D", "u", "m",
                             "p", "%%", "-", "3", " "),
    "smalltalk-format": ("%1", "%2", "%%", "%", "a", " "),
    "qt-format": ("%", "1", "2", "0", "L", "a", "%1", "%L1", "%12", " "),
    "qt-plural-format": ("%n", "%Ln", "%", "n", "a", " "),
    "kde-format": ("%1", "%2", "%3", "%4", "%", "a", " ", "0"),
    "tcl-format": ("%", "1$", "2$", "0$", "*", ".", "s", "d", "u", "h", "l", "f", "%%", " "),
    "perl-format": ("%", "1$", "2$", "s", "d", "f", "v", "*", ".", "2", "l", "h", "%%", " ",
                    "V", "D", "q", "*v", "_"),
    "perl-brace-format": ("{", "}", "a", "b", "_", "1", " ", "{a}", "{b}"),
    "php-format": ("%", "1$", "2$", "0$", "s", "d", "f", "'x", ".", "2", "l", "c", "%%", " ",
                   "-", "q"),
    "gfc-internal-format": ("%", "1$", "2$", "0$", "C", "L", "c", "s", "d", "u", "l", "%%",
                            "x"),
    "ycp-format": ("%1", "%2", "%9", "%%", "%", "a", " ", "%x"),
    "boost-format": ("%", "1$", "2$", "1%", "|", "*", "*1$", ".", "s", "d", "x", "f", "c",
                     "T", "t", "n", "%%", "l", " ", "2"),
    "gcc-internal-format": ("%", "1$", "2$", "0$", "m", "<", "'", "q", "l", "w", "+", "#",
                            "s", "d", "x", "D", "T", "H", ".", "*", "*1$", "3", "%%", " "),
    "ruby-format": ("%", "1$", "2$", "0$", "<a>", "<b>", "{a}", "{", "*", "*1$", ".", ".*",
                    "s", "d", "p", "f", "c", "%%", " ", "-", "3", "z"),
    "java-printf-format": ("%", "1$", "2$", "0$", "<", "s", "d", "x", "f", "a", "c", "n", "t",
                           "tH", "tq", "#", "0", "-", ",", "(", "+", ".", "2", "%%", " "),
}


def _po_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def format_cases(seed: int, number: int) -> Iterator[tuple[str, bytes]]:
    """``number`` one-entry files per format: ``(flag, bytes)``, the same for a seed."""
    rng = random.Random(seed)
    for flag, pieces in FORMAT_PIECES.items():
        for k in range(number):
            # Every third case is long: the writer wraps it around the directives.
            words = ("word", "a/b", "x-y", " ", " ") if k % 3 == 2 else ()
            parts = (*pieces, *words)
            size = 40 if words else 6
            msgid = "".join(rng.choice(parts) for _ in range(rng.randint(0, size)))
            msgstr = ("".join(rng.choice(parts) for _ in range(rng.randint(0, size)))
                      if rng.random() < 0.7 else msgid)
            a, b = _po_string(msgid), _po_string(msgstr)
            if rng.random() < 0.2:
                body = (f'#, {flag}\nmsgid "x{a}"\nmsgid_plural "{a}"\nmsgstr[0] "{b}"\n'
                        f'msgstr[1] "{a}"\n')
            else:
                body = f'#, {flag}\nmsgid "w {a}"\nmsgstr "{b}"\n'
            yield flag, (HEADER + "\n" + body).encode("utf-8")


def format_differences(data: bytes, tmp: Path) -> str | None:
    """How msgfmt -c's verdict on a one-entry file, or msgcat's bytes, differ from ours
    (None: they agree)."""
    po = tmp / "format.po"
    po.write_bytes(data)
    cat = subprocess.run(["msgcat", "format.po"], cwd=tmp, capture_output=True, check=False)
    if cat.returncode < 0 or cat.returncode > 128:
        return None  # GNU crashed (format-ruby.c aborts on some invalid strings): no verdict
    try:
        written: bytes | None = format_po(parse_po(data, path="format.po", check=False))
    except AppealError:
        written = None
    if written != (cat.stdout if cat.returncode == 0 else None):
        return "msgcat bytes differ"
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", "format.po"], cwd=tmp,
                          capture_output=True, text=True, check=False,
                          env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    try:
        parse_po(data, path="format.po")
    except AppealError as exc:
        if done.returncode == 0:
            return f"msgfmt -c accepts, we say: {exc}"
        # The reason after "Reason:" may differ: GNU prints a NUL with %c, cutting it short.
        said = exc.message.split(" Reason: ")[0]
        if said not in done.stderr and "syntax error" not in exc.message:
            return f"msgfmt -c says {done.stderr.splitlines()[0]!r}, we say: {exc}"
        return None
    return f"msgfmt -c rejects: {done.stderr.splitlines()[0]!r}" if done.returncode else None


def run_formats(seed: int, number: int) -> list[tuple[str, bytes, str]]:
    """Every format case that differs: ``(flag, bytes, difference)``."""
    failures = []
    with tempfile.TemporaryDirectory(prefix="gnu-formats-") as name:
        for flag, data in format_cases(seed, number):
            found = format_differences(data, Path(name))
            if found is not None:
                failures.append((flag, data, found))
    return failures


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one implementation says about one file."""

    checked: bool
    """``msgfmt -c`` accepts it."""
    stats: tuple[int, int, int] | None
    """``msgfmt --statistics``: translated, fuzzy, untranslated; None when it refuses."""
    mo: bytes | None
    """The MO file when ``msgfmt -c`` accepts it."""
    cat: bytes | None
    """msgcat's output, None when it refuses."""


_STATS = re.compile(rb"(\d+) translated messages?(?:, (\d+) fuzzy translations?)?"
                    rb"(?:, (\d+) untranslated messages?)?\.")


def gnu(data: bytes, tmp: Path) -> Verdict:
    """GNU gettext's verdict."""
    po, mo = tmp / "case.po", tmp / "case.mo"
    po.write_bytes(data)
    mo.unlink(missing_ok=True)
    env = {"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    checked = subprocess.run(["msgfmt", "-c", "-o", str(mo), str(po)], capture_output=True,
                             env=env, check=False).returncode == 0
    plain = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
                           capture_output=True, env=env, check=False)
    stats = None
    found = _STATS.search(plain.stderr)
    if plain.returncode == 0 and found is not None:
        stats = (int(found.group(1)), int(found.group(2) or 0), int(found.group(3) or 0))
    cat = subprocess.run(["msgcat", str(po)], capture_output=True, env=env, check=False)
    crashed = cat.returncode < 0 or cat.returncode > 128  # no verdict: taken as ours below
    return Verdict(checked, stats, mo.read_bytes() if checked and mo.exists() else None,
                   cat.stdout if cat.returncode == 0 else CRASHED if crashed else None)


def ours(data: bytes) -> Verdict:
    """appeal-i18n's verdict: ``read_po`` (compile, check), ``status``'s reading and
    counting, ``compile_mo`` and ``format_po`` (fmt)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            mo: bytes | None = compile_mo(parse_po(data, path="case.po"))
        except AppealError:
            mo = None
        try:
            counts = count(parse_po(data, path="case.po", check="statistics"),
                           path="case.po").messages
            stats: tuple[int, int, int] | None = (counts.translated, counts.fuzzy,
                                                  counts.untranslated)
        except AppealError:
            stats = None
        with tempfile.TemporaryDirectory(prefix="gnu-diff-fmt-") as name:
            po = Path(name) / "case.po"
            po.write_bytes(data)
            cat: bytes | None = None
            try:  # fmt, on a file named as GNU's is
                format_files([po], check=False)
                cat = po.read_bytes()
            except AppealError:
                pass
    return Verdict(mo is not None, stats, mo, cat)


CRASHED = b"<msgcat crashed>"
"""msgcat's output when it aborts: GNU gives no verdict, so the case compares only the rest."""


def differences(data: bytes, tmp: Path) -> list[str]:
    """What differs between GNU's verdict and ours, one line each."""
    theirs, mine = gnu(data, tmp), ours(data)
    if theirs.cat == CRASHED:
        theirs = Verdict(theirs.checked, theirs.stats, theirs.mo, mine.cat)
    found = []
    if theirs.checked != mine.checked:
        found.append(f"msgfmt -c {'accepts' if theirs.checked else 'rejects'}, we do not")
    elif theirs.mo is not None and theirs.mo != mine.mo:
        found.append("MO bytes differ")
    if theirs.stats != mine.stats:
        found.append(f"msgfmt --statistics {theirs.stats}, ours {mine.stats}")
    if (theirs.cat is None) != (mine.cat is None):
        found.append(f"msgcat {'rejects' if theirs.cat is None else 'accepts'}, we do not")
    elif theirs.cat != mine.cat:
        found.append("msgcat bytes differ")
    return found


def mutate(rng: random.Random, text: str) -> str:
    """Apply one to three random mutations to a PO text."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(6)
        i = rng.randrange(len(lines))
        line = lines[i]
        if op == 0 and '"' in line:  # a piece inside a string
            quotes = [k for k, c in enumerate(line) if c == '"']
            at = rng.randint(quotes[0] + 1, max(quotes[0] + 1, quotes[-1]))
            lines[i] = line[:at] + rng.choice(PIECES) + line[at:]
        elif op == 1:  # a line inserted
            lines.insert(i, rng.choice(LINES))
        elif op == 2 and len(lines) > 1:  # a line removed
            del lines[i]
        elif op == 3:  # a flag
            lines.insert(i, rng.choice(FLAG_LINES))
        elif op == 4 and line.startswith(("msg", '"')):  # obsolete or previous
            lines[i] = rng.choice(("#~ ", "#| ", "#~| ")) + line
        else:  # a long string, for wrapping
            piece = rng.choice(PIECES)
            words = " ".join(rng.choice(("Wort", "ab", piece, "x" * rng.randint(1, 12)))
                             for _ in range(rng.randint(10, 30)))
            lines.insert(i, f'msgid "w{i}"\nmsgstr "{words}"\n'.replace("\n\n", "\n"))
    return "\n".join(lines)


def cases(seed: int, number: int) -> Iterator[bytes]:
    """``number`` mutated catalogs, the same ones for the same seed."""
    rng = random.Random(seed)
    for _ in range(number):
        body = "\n".join(rng.sample(SEEDS, rng.randint(1, 3)))
        head = rng.choice((HEADER, HEADER, HEADER, 'msgid ""\nmsgstr ""\n', ""))
        yield mutate(rng, head + "\n" + body).encode("utf-8", "surrogatepass")


def run(seed: int, number: int, save: Path | None = None) -> list[tuple[int, bytes, list[str]]]:
    """Every case that differs: ``(index, bytes, differences)``."""
    failures = []
    with tempfile.TemporaryDirectory(prefix="gnu-diff-") as name:
        for index, data in enumerate(cases(seed, number)):
            found = differences(data, Path(name))
            if found:
                failures.append((index, data, found))
                if save is not None:
                    save.mkdir(parents=True, exist_ok=True)
                    (save / f"case-{seed}-{index}.po").write_bytes(data)
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--save", type=Path, help="write each differing case here")
    parser.add_argument("--formats", action="store_true",
                        help="format strings: --count cases per format")
    args = parser.parse_args(argv)
    if args.formats:
        differing = run_formats(args.seed, args.count)
        for flag, data, found in differing:
            print(f"{flag}: {found}\n  {data!r}")
        print(f"{len(differing)} of {args.count * len(FORMAT_PIECES)} cases differ")
        return 1 if differing else 0
    failures = run(args.seed, args.count, args.save)
    for index, data, found in failures:
        print(f"case {index}: {'; '.join(found)}\n  {data!r}")
    print(f"{len(failures)} of {args.count} cases differ (seed {args.seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
