"""Compare ``pofile/formats.py`` with its version at a git revision, on many inputs.

For a refactoring of the format parsers that must change nothing: every parser of
``FORMAT_PARSERS`` (the ``Format`` it returns, field by field, or the exception it raises)
and :func:`compare_formats` (strict and not, on pairs of those results) of the old and the
current module, over

* random strings of each format's directive pieces (``tools/gnu_differential.FORMAT_PIECES``)
  and of single characters (ASCII, digits, controls, a few non-ASCII), half of them made of
  directive starts (``%``, ``{``, ``$``) each followed by a few pieces;
* mutations (a character inserted, deleted or replaced) of those strings;
* every msgid and msgstr of the catalogs under ``--real`` (default: the shared real PO
  files), through every parser;
* every string constant of ``tests/*.py``, through every parser.

Usage::

    python tools/formats_oracle.py --rev main --count 20000 [--seed 1]

Prints the number of cases and each difference (at most 20); exits 1 when any differ.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import itertools
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
from gnu_differential import FORMAT_PIECES  # noqa: E402

from appeal_i18n.pofile import formats as new  # noqa: E402

CHARS = ("%", "$", "{", "}", "*", ".", "0", "1", "2", "9", "<", ">", "|", ":", ",", "'", "-",
         "+", " ", "#", "(", ")", "[", "]", "l", "h", "L", "s", "d", "n", "x", "\n", "\t",
         "\x00", "é", "\u00a0", "_", "a", "z", "=", "^", "!", "v", "q", "I")

#: Pieces beyond ``FORMAT_PIECES`` that reach the rarer branches of some parsers.
EXTRA_PIECES = {
    "python-brace-format": ("{a:{b:}}", ":{", "{a", "^", "<", "=", "+", "#", "0", ".2", "x", "%"),
    "boost-format": ("*0$", "*2$", "0$", ".*"),
    "gcc-internal-format": ("2$.*1$s", "3$.*1$s", ".5", ".*", "*0$", "*2$", ".*s", "1$", "ll",
                            "ws"),
    "ruby-format": ("<a>d", "<a>f", "*1$d", "<a>", "{a}", "*2$", ".*1$", "x"),
    "perl-format": ("*1$v", "*2$", "1$", "v", "*v", "I64", "V", "ll"),
    "java-format": ("{0}", "{0,number}", "{0,date}", "{0,choice}", "{1,time}"),
    "java-printf-format": ("1$", "<", "tH", "T", "0$"),
    "object-pascal-format": ("*:", "0:", ".*", "1:"),
    "gfc-internal-format": ("lC", "ld", "1$", "2$", "C"),
}


def old_module(rev: str) -> ModuleType:
    """``formats.py`` as it is at ``rev``, imported as a module of its own."""
    source = subprocess.run(["git", "show", f"{rev}:src/appeal_i18n/pofile/formats.py"],
                            cwd=REPO, capture_output=True, text=True, check=True).stdout
    spec = importlib.util.spec_from_loader("formats_at_rev", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["formats_at_rev"] = module
    exec(compile(source, f"{rev}:formats.py", "exec"), module.__dict__)
    return module


def outcome(parse: Callable[[str], Any], text: str) -> tuple[Any, ...]:
    """Everything a parser says about ``text``."""
    try:
        fmt = parse(text)
    except Exception as exc:  # a raised error is an outcome to compare
        return ("raised", type(exc).__name__, str(exc))
    return (list(fmt.args), list(fmt.names.items()), list(fmt.spans),
            list(fmt.numbered.items()), fmt.count, fmt.simple, fmt.error)


def random_texts(rng: random.Random, flag: str, count: int) -> Iterator[str]:
    """Strings of the format's pieces and of single characters, and their mutations."""
    pieces = (*FORMAT_PIECES[flag], *EXTRA_PIECES.get(flag, ()))
    starts = [p for p in pieces if p in ("%", "{", "$", "${")] or [pieces[0]]
    for k in range(count):
        alphabet = pieces if k % 3 else (*pieces, *CHARS)
        if k % 2:
            # Directive-shaped: a directive's start, then a few pieces, up to three times.
            text = "".join(rng.choice(starts) + "".join(
                rng.choice(alphabet) for _ in range(rng.randint(0, 4)))
                for _ in range(rng.randint(1, 3)))
        else:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        yield text
        if text:
            at = rng.randrange(len(text) + 1)
            mutation = rng.randrange(3)
            char = rng.choice(CHARS)
            yield (text[:at] + char + text[at:] if mutation == 0 else
                   text[:at] + text[at + 1:] if mutation == 1 else
                   text[:at] + char + text[at + 1:])


def real_texts(folder: Path) -> list[str]:
    """Every msgid and msgstr of the PO files under ``folder`` (read leniently)."""
    import polib

    texts: set[str] = set()
    for path in sorted(folder.rglob("*.po")):
        try:
            catalog = polib.pofile(str(path))
        except (OSError, ValueError, UnicodeError):
            continue
        for entry in catalog:
            texts.update((entry.msgid, entry.msgstr, entry.msgid_plural or "",
                          *entry.msgstr_plural.values()))
    return sorted(texts)


def test_texts() -> list[str]:
    """Every string constant of the test suite."""
    texts: set[str] = set()
    for path in sorted((REPO / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.add(node.value)
    return sorted(texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="main")
    parser.add_argument("--count", type=int, default=20000, help="random strings per format")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--real", type=Path, default=Path("/work/shared/testdata/real-po"))
    args = parser.parse_args()
    old = old_module(args.rev)
    rng = random.Random(args.seed)
    assert old.FORMAT_PARSERS.keys() == new.FORMAT_PARSERS.keys()
    for name in ("FORMAT_LANGUAGES", "FORMAT_ORDER"):
        assert getattr(old, name) == getattr(new, name), name
    shared = [*real_texts(args.real), *test_texts()]
    cases = differences = 0
    for flag in sorted(new.FORMAT_PARSERS):
        texts = [*shared, *random_texts(rng, flag, args.count)]
        results = []
        for text in texts:
            one = outcome(old.FORMAT_PARSERS[flag], text)
            two = outcome(new.FORMAT_PARSERS[flag], text)
            cases += 1
            if one != two:
                differences += 1
                if differences <= 20:
                    print(f"{flag} {text!r}:\n  old {one}\n  new {two}")
            if one[0] != "raised":
                results.append(text)
        # compare_formats on pairs: neighbours in the list, and random pairs.
        pairs = list(itertools.pairwise(results))
        pairs += [(rng.choice(results), rng.choice(results)) for _ in range(len(results))]
        for msgid, msgstr in pairs:
            ids = (old.FORMAT_PARSERS[flag](msgid), new.FORMAT_PARSERS[flag](msgid))
            strs = (old.FORMAT_PARSERS[flag](msgstr), new.FORMAT_PARSERS[flag](msgstr))
            for strict in (False, True):
                one = old.compare_formats(flag, ids[0], strs[0], strict, "msgid", "msgstr")
                two = new.compare_formats(flag, ids[1], strs[1], strict, "msgid", "msgstr")
                cases += 1
                if one != two:
                    differences += 1
                    if differences <= 20:
                        print(f"compare {flag} {msgid!r} / {msgstr!r} strict={strict}:\n"
                              f"  old {one}\n  new {two}")
    print(f"{cases} cases, {differences} differ (rev {args.rev}, seed {args.seed})")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
