"""The Plural-Forms range check: the vectorized evaluation agrees with a per-n loop like
GNU msgfmt's check_plural, and both follow C's (and GNU's) evaluation rules."""

from __future__ import annotations

import random
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.localedata import locale_identifiers
from babel.messages.plurals import PLURALS, get_plural

from appeal_i18n.pofile import plural_function
from appeal_i18n.pofile.plural import _check_plural_range, _PluralParser

_MASK = (1 << 64) - 1
Outcome = tuple[int, ...] | str  # the counts, or the ValueError's message


def reference_check(nplurals: int, expr: str) -> list[int]:
    """msgfmt's check_plural, one n at a time, over :func:`plural_function`."""
    func = plural_function(expr)
    counts = [0] * nplurals
    for n in range(1001):
        try:
            value = func(n)
        except ZeroDivisionError:
            raise ValueError("plural expression can produce division by zero") from None
        if value >= 1 << 63:
            raise ValueError("plural expression can produce negative values")
        if value >= nplurals:
            raise ValueError(f"nplurals = {nplurals} but plural expression can produce values "
                             f"as large as {value}")
        counts[value] = min(counts[value] + 1, 5)
    return counts


def vectorized_check(nplurals: int, expr: str) -> list[int]:
    """The module's range check of ``expr``."""
    return _check_plural_range(nplurals, _PluralParser(expr).parse())


def outcome(check: Callable[[int, str], list[int]], nplurals: int, expr: str) -> Outcome:
    """What ``check`` says about ``expr``: its counts, or its error message."""
    try:
        return tuple(check(nplurals, expr))
    except ValueError as exc:
        return str(exc)


def babel_expressions() -> list[tuple[int, str]]:
    """Every distinct (nplurals, expression) of babel's PLURALS table and CLDR locales."""
    found = set(PLURALS.values())
    for locale in locale_identifiers():
        forms = get_plural(locale)
        found.add((forms.num_plurals, forms.plural_expr))
    return sorted(found)


REAL = babel_expressions()


@pytest.mark.parametrize(("nplurals", "expr"), REAL)
def test_real_expressions_agree_with_the_reference(nplurals: int, expr: str) -> None:
    expected = outcome(reference_check, nplurals, expr)
    assert isinstance(expected, tuple), expected  # babel's expressions are all valid
    assert outcome(vectorized_check, nplurals, expr) == expected
    for wrong in (nplurals - 1, nplurals + 1):  # too few forms fails, too many counts 0s
        assert (outcome(vectorized_check, wrong, expr)
                == outcome(reference_check, wrong, expr))


# A divisor that is zero for some n in 0..1000 (or always): divisions by zero happen at
# particular n, inside and outside short-circuits.
ZERO_SOMEWHERE = ["n", "0", "(n - 3)", "(n - 999)", "(n % 7)", "(n > 500)", "(n * 0)",
                  "(n - 1000)", "(n / 1001)", "(n != 17)"]
CONSTANTS = [0, 1, 2, 3, 5, 7, 10, 11, 100, 1000, 1001, (1 << 63) - 1, 1 << 63, _MASK,
             1 << 64, (1 << 64) + 3, 10 ** 30]
BINARY = ["||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"]


def random_expr(rng: random.Random, depth: int) -> str:
    """A random C plural expression: constants that wrap, ``n - 5`` going negative,
    divisions by zero, nested ternaries, ``!``; parenthesized at random, so operator
    precedence is exercised too."""
    if depth == 0 or rng.random() < 0.2:
        roll = rng.random()
        if roll < 0.4:
            return "n"
        if roll < 0.5:
            return f"(n - {rng.randrange(1, 6)})"  # wraps around below zero
        return str(rng.choice(CONSTANTS) if roll < 0.7 else rng.randrange(12))
    roll = rng.random()
    if roll < 0.1:
        return "!" + paren(random_expr(rng, depth - 1), rng, always=True)
    if roll < 0.3:
        cond, yes, no = (paren(random_expr(rng, depth - 1), rng) for _ in range(3))
        return f"{cond} ? {yes} : {no}"
    op = rng.choice(BINARY)
    left = paren(random_expr(rng, depth - 1), rng)
    if op in ("/", "%") and rng.random() < 0.6:
        right = rng.choice(ZERO_SOMEWHERE)
    else:
        right = paren(random_expr(rng, depth - 1), rng)
    return f"{left} {op} {right}"


def paren(expr: str, rng: random.Random, always: bool = False) -> str:
    """``expr`` in parentheses, mostly (any mix still parses: C's grammar takes it)."""
    return f"({expr})" if always or rng.random() < 0.7 else expr


def random_cases(seed: int, count: int) -> list[tuple[int, str]]:
    """``count`` random (nplurals, expression) pairs; some reduced to few values so that
    they pass, some given a short-circuit guard around a division."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        expr = random_expr(rng, rng.randrange(1, 6))
        roll = rng.random()
        if roll < 0.25:
            expr = f"({expr}) % {rng.randrange(1, 7)}"
        elif roll < 0.4:
            guard = rng.choice(["n != 0 &&", "n == 0 ||", "n > 3 &&", "n < 990 ||"])
            expr = f"{guard} ({expr})"
        elif roll < 0.5:
            expr = f"n == {rng.randrange(20)} ? {rng.randrange(4)} : ({expr})"
        elif roll < 0.6:
            expr = f"({expr}) - {rng.randrange(1, 4)}"
        nplurals = rng.choice([0, 1, 2, 3, 4, 6, 7, 1001])
        cases.append((nplurals, expr))
    return cases


RANDOM = random_cases(20260514, 600)


def test_random_expressions_agree_with_the_reference() -> None:
    kinds: Counter[str] = Counter()
    for nplurals, expr in RANDOM:
        expected = outcome(reference_check, nplurals, expr)
        assert outcome(vectorized_check, nplurals, expr) == expected, (nplurals, expr)
        if isinstance(expected, tuple):
            kinds["passes"] += 1
        else:
            kinds["too large" if "as large as" in expected else expected] += 1
    # each outcome (passes, division by zero, negative, too large) comes often enough for
    # the comparison to mean something
    assert len(kinds) == 4 and min(kinds.values()) >= 40, kinds


def c_value(tree: object, n: int) -> int:
    """A test-side evaluator of :func:`random_tree`'s trees, with C's unsigned-64-bit
    rules: the oracle for :func:`plural_function`."""
    if tree == "n":
        return n
    if isinstance(tree, int):
        return tree & _MASK
    assert isinstance(tree, tuple)
    if tree[0] == "!":
        return int(not c_value(tree[1], n))
    if tree[0] == "?":
        return c_value(tree[2] if c_value(tree[1], n) else tree[3], n)
    op, left, right = tree
    a = c_value(left, n)
    if op == "&&":
        return int(bool(a) and bool(c_value(right, n)))
    if op == "||":
        return int(bool(a) or bool(c_value(right, n)))
    b = c_value(right, n)
    results: dict[str, Callable[[], int]] = {
        "==": lambda: int(a == b), "!=": lambda: int(a != b), "<": lambda: int(a < b),
        ">": lambda: int(a > b), "<=": lambda: int(a <= b), ">=": lambda: int(a >= b),
        "+": lambda: (a + b) & _MASK, "-": lambda: (a - b) & _MASK,
        "*": lambda: (a * b) & _MASK, "/": lambda: a // b, "%": lambda: a % b}
    return results[op]()  # ZeroDivisionError for / and % by 0


def random_tree(rng: random.Random, depth: int) -> object:
    """A random expression tree for :func:`c_value` and :func:`c_text`."""
    if depth == 0 or rng.random() < 0.25:
        return "n" if rng.random() < 0.5 else rng.choice(CONSTANTS + list(range(6)))
    roll = rng.random()
    if roll < 0.1:
        return ("!", random_tree(rng, depth - 1))
    if roll < 0.3:
        return ("?", *(random_tree(rng, depth - 1) for _ in range(3)))
    op = rng.choice(BINARY)
    right = ("-", "n", rng.randrange(4)) if op in "/%" and rng.random() < 0.5 else \
        random_tree(rng, depth - 1)
    return (op, random_tree(rng, depth - 1), right)


def c_text(tree: object) -> str:
    """The C text of a :func:`random_tree` tree, fully parenthesized."""
    if not isinstance(tree, tuple):
        return str(tree)
    if tree[0] == "!":
        return f"!({c_text(tree[1])})"
    if tree[0] == "?":
        return f"({c_text(tree[1])}) ? ({c_text(tree[2])}) : ({c_text(tree[3])})"
    return f"({c_text(tree[1])}) {tree[0]} ({c_text(tree[2])})"


def test_plural_function_follows_c_rules() -> None:
    rng = random.Random(7)
    ns = [*range(12), 99, 100, 101, 500, 999, 1000, 1 << 63, _MASK]
    raised = 0
    for _ in range(300):
        tree = random_tree(rng, rng.randrange(1, 6))
        func = plural_function(c_text(tree))
        for n in ns:
            try:
                expected = c_value(tree, n)
            except ZeroDivisionError:
                raised += 1
                with pytest.raises(ZeroDivisionError):
                    func(n)
            else:
                assert func(n) == expected, (c_text(tree), n)
    assert raised >= 100


def test_short_circuits_skip_division_by_zero() -> None:
    assert plural_function("n != 0 && 10 / n")(0) == 0
    assert plural_function("n == 0 || 10 / n")(0) == 1
    assert plural_function("n == 0 ? 0 : 5 % n")(0) == 0
    with pytest.raises(ZeroDivisionError):
        plural_function("10 / n && n != 0")(0)


# Known answers, checked against GNU msgfmt -c where it is installed. ``None``: accepted.
KNOWN: list[tuple[int, str, str | None]] = [
    (2, "n != 1", None),
    (2, "n != 0 && 10 / n", None),
    (2, "n == 0 || 10 / n", None),
    (2, "n == 0 ? 0 : 5 % n > 2", None),
    (2, "0 && 1 / 0", None),
    (2, "n * 18446744073709551615 + n", None),  # n * 2**64 wraps to 0
    (20, "n - 5 > 10 ? 0 : 18446744073709551620", None),  # the constant wraps to 4
    (2, "10 / n", "plural expression can produce division by zero"),
    (2, "1 / 0 && 0", "plural expression can produce division by zero"),
    (2, "n > 3 && 1 / (n - 7) * 0", "plural expression can produce division by zero"),
    (2, "!(n % 0 == 0) || 1", "plural expression can produce division by zero"),
    (2, "100 + 1 / n", "plural expression can produce division by zero"),  # same n: zero first
    (2, "n - 1", "plural expression can produce negative values"),
    (2, "n % 3", "nplurals = 2 but plural expression can produce values as large as 2"),
    (2, "n == 1", None),
    (1, "n == 1", "nplurals = 1 but plural expression can produce values as large as 1"),
    (0, "0", "nplurals = 0 but plural expression can produce values as large as 0"),
    # the smallest failing n decides which error
    (4, "n == 3 ? 7 : n == 5 ? 1 / 0 : 0",
     "nplurals = 4 but plural expression can produce values as large as 7"),
    (4, "n == 3 ? 1 / 0 : n == 5 ? 7 : 0", "plural expression can produce division by zero"),
    (4, "n == 3 ? n - 5 : n == 5 ? 1 / 0 : 0", "plural expression can produce negative values"),
    (2, "n * 5 + 1 / (n - 2)",
     "nplurals = 2 but plural expression can produce values as large as 5"),
]


@pytest.mark.parametrize(("nplurals", "expr", "error"), KNOWN)
def test_known_answers(nplurals: int, expr: str, error: str | None) -> None:
    if error is None:
        assert isinstance(outcome(vectorized_check, nplurals, expr), tuple)
    else:
        assert outcome(vectorized_check, nplurals, expr) == error
    assert outcome(vectorized_check, nplurals, expr) == outcome(reference_check, nplurals, expr)


def test_absurd_nplurals_fails_allocating_the_counts_first() -> None:
    with pytest.raises(OverflowError):  # as before vectorizing: [0] * nplurals
        vectorized_check(1 << 64, "1 / 0")


def test_counts_are_capped_at_five() -> None:
    assert vectorized_check(3, "n == 1 ? 0 : n < 4 ? 1 : 2") == [1, 3, 5]
    assert vectorized_check(4, "n % 3") == [5, 5, 5, 0]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt is not installed")
@pytest.mark.parametrize(("nplurals", "expr", "error"), KNOWN)
def test_known_answers_are_msgfmts(nplurals: int, expr: str, error: str | None,
                                   tmp_path: Path) -> None:
    po = tmp_path / "x.po"  # msgfmt -c checks Plural-Forms even without plural entries
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  f'"Plural-Forms: nplurals={nplurals}; plural={expr};\\n"\n\n'
                  'msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True,
                            text=True, check=False)
    reported = [line.split(": ", 1)[1] for line in result.stderr.splitlines()
                if line.startswith(f"{po}:2: ") and ": warning: " not in line]
    assert reported == ([] if error is None else [error])
