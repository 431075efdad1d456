"""Plural-Forms: C plural expressions, parsed (never by eval) and range-checked."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

_MASK = (1 << 64) - 1  # GNU evaluates in unsigned long
_PLURAL_TOKEN = re.compile(r"[ \t\n]*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()])|(;|$)|(.))")
# Comparisons give a bool, which is the int 0 or 1 to every other operator;
# :func:`_function` turns the value of the whole expression into an int.
_BINARY: dict[str, Callable[[int, int], int]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, ">": operator.gt,
    "<=": operator.le, ">=": operator.ge,
    "+": lambda a, b: (a + b) & _MASK, "-": lambda a, b: (a - b) & _MASK,
    "*": lambda a, b: (a * b) & _MASK, "/": operator.floordiv, "%": operator.mod,
}
_LEVELS: tuple[tuple[str, ...], ...] = (
    ("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))
_CHECKED_N = range(1001)  # msgfmt's check_plural tries n = 0..1000

_Eval = Callable[[int], int]


class _Node(NamedTuple):
    """One node of a parsed expression. ``op`` is ``"n"``, ``"#"`` (the constant ``value``,
    already reduced to unsigned 64 bits), ``"!"`` (args: the operand), ``"?"`` (args: the
    condition, then the two branches) or a binary operator (args: left, right)."""

    op: str
    args: tuple[_Node, ...] = ()
    value: int = 0


class _PluralParser:
    """Recursive-descent parser of gettext's C plural expressions into a :class:`_Node` tree."""

    def __init__(self, text: str) -> None:
        self.tokens: list[str] = []
        pos = 0
        while True:
            m = _PLURAL_TOKEN.match(text, pos)
            assert m is not None
            if m.group(5) is not None:
                raise ValueError("invalid plural expression")
            if m.group(4) is not None:
                break
            self.tokens.append(m.group(1) or m.group(2) or m.group(3))
            pos = m.end()
        self.pos = 0

    def parse(self) -> _Node:
        node = self._ternary()
        if self.pos != len(self.tokens):
            raise ValueError("invalid plural expression")
        return node

    def _peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _take(self, expected: str) -> None:
        if self._peek() != expected:
            raise ValueError("invalid plural expression")
        self.pos += 1

    def _ternary(self) -> _Node:
        cond = self._binary(0)
        if self._peek() != "?":
            return cond
        self.pos += 1
        yes = self._ternary()
        self._take(":")
        no = self._ternary()
        return _Node("?", (cond, yes, no))

    def _binary(self, level: int) -> _Node:
        if level == len(_LEVELS):
            return self._unary()
        left = self._binary(level + 1)
        while self._peek() in _LEVELS[level]:
            op = self.tokens[self.pos]
            self.pos += 1
            left = _Node(op, (left, self._binary(level + 1)))
        return left

    def _unary(self) -> _Node:
        token = self._peek()
        self.pos += 1
        if token == "!":
            return _Node("!", (self._unary(),))
        if token == "n":
            return _Node("n")
        if token == "(":
            inner = self._ternary()
            self._take(")")
            return inner
        if token is not None and token.isdigit():
            return _Node("#", value=int(token) & _MASK)
        raise ValueError("invalid plural expression")


def _closure(node: _Node) -> _Eval:
    """A function of one (masked) n evaluating ``node`` like GNU's ``plural_eval``: ``?:``,
    ``&&`` and ``||`` evaluate only the operands C would, so a division by zero they skip
    does not raise."""
    if node.op == "n":
        return lambda n: n
    if node.op == "#":
        value = node.value
        return lambda n: value
    if node.op == "!":
        inner = _closure(node.args[0])
        return lambda n: int(not inner(n))
    if node.op == "?":
        cond, yes, no = map(_closure, node.args)
        return lambda n: yes(n) if cond(n) else no(n)
    if node.op in _BINARY and node.args[1].op == "#":
        return _with_constant(_BINARY[node.op], node.args[0], node.args[1].value)
    left, right = map(_closure, node.args)
    if node.op == "&&":
        return lambda n: 1 if left(n) and right(n) else 0
    if node.op == "||":
        return lambda n: 1 if left(n) or right(n) else 0
    return _combine(_BINARY[node.op], left, right)


def _combine(op: Callable[[int, int], int], left: _Eval, right: _Eval) -> _Eval:
    """Bind one binary operator (a helper so each closure captures its own operands)."""
    return lambda n: op(left(n), right(n))


def _with_constant(op: Callable[[int, int], int], left: _Node, value: int) -> _Eval:
    """Bind a binary operator whose right operand is a constant (``n % 10``, ``... == 1``):
    the constant is captured, not called for."""
    if left.op == "n":
        return lambda n: op(n, value)
    inner = _closure(left)
    return lambda n: op(inner(n), value)


def plural_function(expr: str) -> Callable[[int], int]:
    """Compile a C plural expression such as ``n != 1`` into a function of n.

    The text may end with ``;`` and anything after it. Arithmetic is unsigned 64-bit like
    GNU's, and ``?:``, ``&&``, ``||`` short-circuit like C's; division by zero raises
    ZeroDivisionError when evaluated. Raises ValueError for a malformed expression. Never
    uses ``eval``.
    """
    return _function(_PluralParser(expr).parse())


def _function(tree: _Node) -> Callable[[int], int]:
    """A function of n evaluating ``tree``, n taken as an unsigned 64-bit number like GNU's."""
    inner = _closure(tree)
    return lambda n: int(inner(n & _MASK))


def nplurals_value(header_value: str) -> int:
    """The number after ``nplurals=`` (GNU: skip spaces, read decimal digits)."""
    pos = header_value.find("nplurals=")
    if pos < 0:
        raise ValueError('header entry lacks a "nplurals=INTEGER" attribute')
    m = re.match(r"\s*([0-9]+)", header_value[pos + 9:])
    if m is None:
        raise ValueError("invalid nplurals value")
    return int(m.group(1))


def parse_plural_forms(header_value: str) -> tuple[int, Callable[[int], int]]:
    """Parse a Plural-Forms value such as ``nplurals=2; plural=(n != 1);``.

    Returns ``(nplurals, func)``. Raises ValueError, with msgfmt's wording, when the value is
    malformed or when the expression yields a value outside ``0..nplurals-1`` (or divides by
    zero) for some n in 0..1000.
    """
    nplurals = nplurals_value(header_value)
    pos = header_value.find("plural=")
    if pos < 0:
        raise ValueError('header entry lacks a "plural=EXPRESSION" attribute')
    func, _ = checked_plural(nplurals, header_value[pos + 7:])
    return nplurals, func


def checked_plural(nplurals: int, expr: str) -> tuple[Callable[[int], int], tuple[int, ...]]:
    """Compile and range-check an expression (the text after ``plural=``, to the end of the
    header) once per process and distinct expression: every catalog of a language has the
    same one, and checking it evaluates it for 1,001 values of n. The cache key is the
    expression's tokens, so spacing and the rest of the header (dates, names) do not
    matter."""
    return _checked_tokens(nplurals, tuple(_PluralParser(expr).tokens))


@lru_cache(maxsize=256)
def _checked_tokens(nplurals: int, tokens: tuple[str, ...],
                    ) -> tuple[Callable[[int], int], tuple[int, ...]]:
    """:func:`checked_plural` of an expression given by its tokens."""
    parser = _PluralParser("")
    parser.tokens = list(tokens)
    tree = parser.parse()
    return _function(tree), tuple(_check_plural_range(nplurals, tree))


def _check_plural_range(nplurals: int, tree: _Node) -> list[int]:
    """Evaluate for n in 0..1000 like msgfmt's check_plural; return how often each form
    occurs (capped at 5).

    Like msgfmt, reports the problem of the smallest n that has one: a division by zero, a
    "negative" value (2**63 or more) or a value of nplurals or more.
    """
    func = _function(tree)
    counts = [0] * nplurals
    for n in _CHECKED_N:
        try:
            value = func(n)
        except ZeroDivisionError:
            raise ValueError("plural expression can produce division by zero") from None
        if value >= 1 << 63:
            raise ValueError("plural expression can produce negative values")
        if value >= nplurals:
            raise ValueError(f"nplurals = {nplurals} but plural expression can produce "
                             f"values as large as {value}")
        counts[value] = min(counts[value] + 1, 5)
    return counts
