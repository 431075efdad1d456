"""Format strings: one parser per format that ``msgfmt -c`` checks (GNU's format-*.c).

Each parser returns a :class:`Format`: the arguments a string uses and where its directives
are (the writer never breaks a line inside one). :func:`compare_formats` says what msgfmt
says about a msgid's format and a translation's. The formats GNU 0.21 knows and this module
does not parse (scheme, lisp, kde-kuit) are listed
in ``docs/gettext-differences.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from types import MappingProxyType


@dataclass(slots=True)
class Format:
    """A parsed format string: its arguments and where its directives are."""

    args: list[str] = field(default_factory=list)
    """Argument types in argument order (c-format, python-format without names)."""
    names: dict[str, str] = field(default_factory=dict)
    """Named arguments and their types (python-format, python-brace-format)."""
    spans: list[tuple[int, int]] = field(default_factory=list)
    """(start, end) offsets of each directive, end exclusive."""
    numbered: dict[int, str] = field(default_factory=dict)
    """Arguments by number and their types ("" when the format has no types)."""
    count: int = 0
    """Number of directives (formats that compare only how many there are)."""
    simple: bool = True
    """qt-format: no ``L`` flag and no two-digit argument number."""
    error: str | None = None
    """Why the string is not a valid format string, or None."""


_C_DIRECTIVE = re.compile(
    r"%(?:([0-9]+)\$)?[-+ #0'I]*(?:(\*)(?:([0-9]+)\$)?|[0-9]+)?"
    r"(?:\.(?:(\*)(?:([0-9]+)\$)?|[0-9]*))?(hh|h|ll|l|L|q|j|z|Z|t)?(.?)", re.S)
_C_TYPES = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "unsigned"),
            **dict.fromkeys("eEfFgGaA", "double"), "c": "char", "s": "string",
            "p": "pointer", "n": "count", "C": "wchar", "S": "wstring"}


def parse_c_format(text: str) -> Format:
    """Parse a C format string like GNU's format-c.c (without the <PRI...> macros)."""
    fmt = Format()
    numbered: dict[int, str] = {}
    unnumbered = 0
    number = 0
    for m in _C_DIRECTIVE.finditer(text) if "%" in text else ():
        number += 1
        conv = m.group(7)
        if conv == "%" and m.end() - m.start() == 2:
            number -= 1
            fmt.spans.append((m.start(), m.end()))
            continue
        if conv in ("%", "m"):
            # "%.%" and "%1$%" print a percent sign, "%m" glibc's error text: no argument.
            kind = ""
        elif conv not in _C_TYPES:
            return _failed(fmt, _bad_conversion(number, conv))
        else:
            size = m.group(6) or ""
            kind = _C_TYPES[conv]
            if size and kind in ("int", "unsigned", "double", "count"):
                kind = f"{size} {kind}"
        fmt.spans.append((m.start(), m.end()))  # an invalid directive is no span (GNU)
        slots = [(m.group(2), m.group(3), "int"), (m.group(4), m.group(5), "int"),
                 ("x" if kind else "", m.group(1), kind)]
        for present, pos, typ in slots:
            if not present:
                continue
            if pos is None:
                unnumbered += 1
                fmt.args.append(typ)
            else:
                numbered[int(pos)] = typ
    if numbered and unnumbered:
        fmt.error = _MIXED
    elif numbered:
        fmt.args = [numbered.get(i, "?") for i in range(1, max(numbered) + 1)]
        if "?" in fmt.args or 0 in numbered:
            fmt.error = "The string refers to an argument number that is missing or zero."
    return fmt


def _field(text: str, i: int, numeric: bool) -> int:
    """The end of a field name (or, with ``numeric``, a number) at ``i``; ``i`` if none."""
    n = len(text)
    if i < n and ((text[i].isascii() and text[i].isalpha()) or text[i] == "_"):
        i += 1
        while i < n and ((text[i].isascii() and text[i].isalnum()) or text[i] == "_"):
            i += 1
        return i
    return _digits(text, i) if numeric else i


def _brace_directive(text: str, i: int, fmt: Format, top: bool) -> int:
    """One ``{...}`` directive at ``i`` (format-python-brace.c's parse_directive); returns
    where it ends, or -1 with ``fmt.error`` set."""
    n = len(text)
    number = len(fmt.spans)
    if i + 1 < n and text[i + 1] == "{":
        return i + 2
    start = i + 1
    j = _field(text, start, True)
    if j == start:
        c = text[j] if j < n else ""
        return _fail(fmt, f"In the directive number {number}, '{c}' cannot start a field name.")
    while j < n and text[j] in ".[":
        k = _field(text, j + 1, text[j] == "[")
        if k == j + 1:
            what = "getattr" if text[j] == "." else "getitem"
            c = text[k] if k < n else ""
            return _fail(fmt, f"In the directive number {number}, '{c}' cannot start a {what} "
                         "argument.")
        if text[j] == "[":
            if k >= n or text[k] != "]":
                return _fail(fmt, _UNTERMINATED)
            k += 1
        j = k
    if j < n and text[j] == ":":
        if not top:
            return _fail(fmt, (f"In the directive number {number}, no more nesting is allowed in a "
                               "format specifier."))
        j += 1
        if j < n and text[j] == "{":
            j = _brace_directive(text, j, fmt, False)
            if j < 0:
                return -1
        else:
            if j + 1 < n and text[j + 1] in "<>=^":
                j += 2
            elif j < n and text[j] in "<>=^":
                j += 1
            for optional in "+- ", "#", "0":
                if j < n and text[j] in optional:
                    j += 1
            j = _digits(text, j)
            if j < n and text[j] == ".":
                j = _digits(text, j + 1)
            if j < n and text[j] in "bcdoxXneEfFgG%":
                j += 1
        if j >= n or text[j] != "}":
            return _fail(fmt, _UNTERMINATED)
    if j >= n or text[j] != "}":
        return _fail(fmt, (f"In the directive number {number}, there is an unterminated format "
                           "directive."))
    if top:
        fmt.names[text[start:j]] = ""
        fmt.spans.append((i, j + 1))
    return j + 1


def _parse_python_brace(text: str) -> Format:
    """Parse a Python ``str.format`` string like GNU's format-python-brace.c: a field's
    whole text (``name.attr[0]:>10``) names its argument; a lone ``}`` is text."""
    fmt = Format()
    i = text.find("{")
    while i >= 0:
        i = _brace_directive(text, i, fmt, True)
        if i < 0:
            return fmt
        i = text.find("{", i)
    return fmt


def _each_directive(text: str, fmt: Format, directive: Callable[[int], int], *,
                    escape: bool) -> None:
    """Call ``directive`` at each ``%`` of ``text``, counted in ``fmt.count``: it returns
    where the directive ends, or -1 with ``fmt.error`` set, which ends the scan. With
    ``escape``, a ``%%`` is a directive of its own that takes no argument."""
    i = text.find("%")
    while i >= 0:
        fmt.count += 1
        if escape and text.startswith("%%", i):
            fmt.spans.append((i, i + 2))
            i += 2
        else:
            i = directive(i)
            if i < 0:
                return
        i = text.find("%", i)


def _argno(text: str, i: int) -> tuple[int | None, int]:
    """A ``N$`` argument number at ``i`` (any digits, 0 included): (N, after it), or
    (None, i)."""
    end = _digits(text, i)
    if end > i and end < len(text) and text[end] == "$":
        return int(text[i:end]), end + 1
    return None, i


def _positive_argno(text: str, i: int, fmt: Format) -> tuple[int | None, int]:
    """:func:`_argno` where the argument number 0 is an error: then (0, -1) and the error."""
    number, end = _argno(text, i)
    return (0, _fail(fmt, _zero_argument(fmt.count))) if number == 0 else (number, end)


def _width_precision(text: str, i: int, star: Callable[[int, str], int] | None, *,
                     bare_point: bool = True) -> int:
    """Skip a width and a ``.precision`` at ``i``, each digits or (with ``star``) a ``*``:
    ``star(after the *, "width's " or "precision's ")`` takes its argument and returns where
    it ends, or -1 (an error, also returned). Without ``bare_point``, a ``.`` not followed
    by a digit (or a ``*``, with ``star``) is no precision (it is then the conversion)."""
    n = len(text)
    for what in ("width's ", "precision's "):
        if what == "precision's ":
            if i >= n or text[i] != "." or not (
                    bare_point or _digits(text, i + 1) > i + 1
                    or (star is not None and text[i + 1:i + 2] == "*")):
                break
            i += 1
        if star is not None and i < n and text[i] == "*":
            i = star(i + 1, what)
            if i < 0:
                return -1
        else:
            i = _digits(text, i)
    return i


@dataclass(frozen=True, slots=True)
class _Printf:
    """The grammar of a printf-like format language, as data: a directive is ``%``, an
    optional ``N$``, flags, a width and a precision, a size and a conversion."""

    kinds: dict[str, str]
    """The argument type of each conversion ("": the directive takes no argument)."""
    flags: str
    """Flag characters, any number of them in any order."""
    numbering: str
    """How directives find their argument. ``next``: an ``N$`` sets the number of this
    argument, the next ones follow it; ``next-unmixed``: the same, but either every
    directive has an ``N$`` or none does; ``all``: arguments are numbered ``N$`` in every
    directive or in none (then in order); ``free``: the unnumbered directives take the
    arguments in order whatever the numbered ones use."""
    star: str = ""
    """A ``*`` width or precision: "" none, ``next``: it takes the next argument (an int),
    ``argno``: ``*`` or ``*N$``, numbered as the directives are."""
    escape: bool = False
    """``%%`` is a directive of its own that takes no argument (else ``%`` is a conversion)."""
    zero_is_text: bool = False
    """``0$`` is no argument number but part of the flags and width (else an error)."""
    quote_pad: bool = False
    """``'`` and the next character is a flag (a padding character)."""
    bare_point: bool = True
    """A ``.`` without digits is a precision (else it is the conversion)."""
    sizes: dict[str, str] = field(default_factory=dict)
    """Size characters (at most one) and the prefix each gives an int or unsigned type."""
    sized_only: bool = False
    """A size allows only the int and unsigned conversions."""
    width: bool = True
    """A width and a precision may come before the size."""
    marks: dict[str, str] = field(default_factory=dict)
    """Conversions noted in ``names`` when used (GFC's ``%C``)."""


_PRINTF = {
    "elisp-format": _Printf({"%": "", "c": "char", **dict.fromkeys("dixXo", "int"),
                             **dict.fromkeys("eEfgG", "float"), "s": "pretty", "S": "object"},
                            " +-#0", "next", star="next", zero_is_text=True),
    "librep-format": _Printf({"%": "", "c": "char", **dict.fromkeys("dxXo", "int"),
                              "s": "pretty", "S": "object"}, "-^0+ ", "next",
                             zero_is_text=True),
    "tcl-format": _Printf({"c": "char", "s": "string", **dict.fromkeys("id", "int"),
                           **dict.fromkeys("uoxX", "unsigned"),
                           **dict.fromkeys("eEfgG", "float")},
                          " +-#0", "next-unmixed", star="next", escape=True,
                          sizes={"h": "short ", "l": ""}),
    "awk-format": _Printf({"%": "", "c": "char", "s": "string", **dict.fromkeys("id", "int"),
                           **dict.fromkeys("uoxX", "unsigned"),
                           **dict.fromkeys("eEfgG", "float")}, " +-#0", "all", star="argno"),
    "javascript-format": _Printf({"%": "", "c": "char", "s": "string",
                                  **dict.fromkeys("bdoxX", "int"), "f": "float", "j": "any"},
                                 "-+ 0I", "all"),
    "php-format": _Printf({**dict.fromkeys("bduoxX", "int"), **dict.fromkeys("ef", "float"),
                           "c": "char", "s": "string"}, "0- ", "free", escape=True,
                          quote_pad=True, bare_point=False, sizes={"l": ""}),
    "gfc-internal-format": _Printf({"C": "void", "L": "locus", "c": "char", "s": "string",
                                    **dict.fromkeys("id", "int"), "u": "unsigned"}, "", "next",
                                   escape=True, sizes={"l": "long "}, sized_only=True,
                                   width=False, marks={"C": "%C"}),
}
"""The printf-like formats that :func:`_parse_printf` reads from their grammar (format-elisp.c,
format-librep.c, format-tcl.c, format-awk.c, format-javascript.c, format-php.c; GFC's with
:func:`_parse_gfc_internal`'s check of the argument numbers)."""


def _parse_printf(spec: _Printf, text: str) -> Format:
    """Parse ``text`` in the printf-like format ``spec`` describes."""
    fmt = Format()
    n = len(text)
    number = 1  # the next argument ("next" numbering)
    unnumbered = 0  # unnumbered arguments so far ("all" and "free" numbering)
    seen: set[bool] = set()  # whether directives had an N$ ("next-unmixed" numbering)

    def star(at: int, what: str) -> int:
        """The argument of a ``*`` width or precision; where it ends, or -1."""
        nonlocal number, unnumbered
        if spec.star == "next":
            number += 1
            return at if _add(fmt, number - 1, "int") else -1
        given, end = _argno(text, at)
        if given == 0:
            return _fail(fmt, _zero_argument(fmt.count, what))
        unnumbered = _add_next(fmt, given or 0, "int", unnumbered)
        return end if unnumbered >= 0 else -1

    def directive(start: int) -> int:
        nonlocal number, unnumbered
        given, i = _argno(text, start + 1)
        if given == 0:
            if not spec.zero_is_text:
                return _fail(fmt, _zero_argument(fmt.count))
            given, i = None, start + 1
        if spec.numbering == "next-unmixed":
            if (given is None) in seen:
                return _fail(fmt, _MIXED)
            seen.add(given is not None)
        if given and spec.numbering.startswith("next"):
            number = given
        while i < n:
            if text[i] in spec.flags:
                i += 1
            elif spec.quote_pad and text[i] == "'":
                if i + 1 >= n:
                    return _fail(fmt, _UNTERMINATED)
                i += 2
            else:
                break
        if spec.width:
            i = _width_precision(text, i, star if spec.star else None,
                                 bare_point=spec.bare_point)
        if i < 0:
            return -1
        size = text[i] if i < n and text[i] in spec.sizes else ""
        i += len(size)
        conv = text[i] if i < n else ""
        kind = spec.kinds.get(conv) if conv else None
        if kind is None or (size and spec.sized_only and kind not in ("int", "unsigned")):
            return _fail(fmt, _bad_conversion(fmt.count, conv))
        if size and kind in ("int", "unsigned"):
            kind = spec.sizes[size] + kind
        if conv in spec.marks:
            fmt.names[spec.marks[conv]] = ""
        i += 1
        fmt.spans.append((start, i))
        if not kind:
            return i
        if spec.numbering == "all":
            unnumbered = _add_next(fmt, given or 0, kind, unnumbered)
            return i if unnumbered >= 0 else -1
        if spec.numbering == "free":
            if given is None:
                unnumbered += 1
            return i if _add(fmt, given or unnumbered, kind) else -1
        number += 1
        return i if _add(fmt, number - 1, kind) else -1

    _each_directive(text, fmt, directive, escape=spec.escape)
    return fmt


def _parse_gfc_internal(text: str) -> Format:
    """GNU Fortran's diagnostics (format-gfc-internal.c): arguments in order, ``%C`` (the
    current locus, no argument) noted in ``names``."""
    fmt = _parse_printf(_PRINTF["gfc-internal-format"], text)
    numbered, fmt.numbered = fmt.numbered, {}
    if fmt.error is not None:
        return fmt
    for k, number in enumerate(sorted(numbered), 1):
        if number != k:
            return _failed(fmt, f"The string refers to argument number {number} but ignores "
                           f"argument number {k}.")
    fmt.args = [numbered[k] for k in sorted(numbered) if numbered[k] != "void"]
    return fmt


_JAVA_FLAGS = "#0- +,("
#: Conversion: (argument type, flags it refuses; "w" a width, "p" a precision).
_JAVA_PRINTF: dict[str, tuple[str, str]] = {
    "%": ("", "#0 +,(p"), "n": ("", "#0- +,(wp"),
    **dict.fromkeys("bBhHsS", ("general", "0 +,(")), **dict.fromkeys("cC", ("char", "#0 +,(p")),
    "d": ("int", "#p"), **dict.fromkeys("oxX", ("int", ",p")),
    **dict.fromkeys("eEfgG", ("float", "")), **dict.fromkeys("aA", ("float", ",(")),
    **dict.fromkeys("tT", ("datetime", "#0 +,(p")),
}
_JAVA_DATETIME = set("HIklMSLNpzZsQBbhAaCYyjmdeRTrDFc")


def _parse_java_printf(text: str) -> Format:
    """Java ``String.format`` (format-java-printf.c)."""
    fmt = Format()
    n, unnumbered, last = len(text), 0, 0

    def directive(start: int) -> int:
        nonlocal unnumbered, last
        i = start + 1
        number = 0
        if i < n and text[i] == "<":
            if not last:
                return _in_directive(fmt, "the reference to the argument of the previous "
                                     "directive is invalid.")
            number, i = last, i + 1
        else:
            given, i = _positive_argno(text, i, fmt)
            if i < 0:
                return -1
            number = given or 0
        flags = ""
        while i < n and text[i] in _JAVA_FLAGS:
            flags += text[i]
            i += 1
        end = _digits(text, i)
        if end > i:
            flags, i = flags + "w", end
        if i < n and text[i] == ".":
            i += 1
            if i >= n or not "0" <= text[i] <= "9":
                return (_fail(fmt, _UNTERMINATED) if i >= n else
                        _in_directive(fmt, "the precision is missing."))
            flags, i = flags + "p", _digits(text, i)
        conv = text[i] if i < n else ""
        found = _JAVA_PRINTF.get(conv) if conv else None
        if found is None:
            return _fail(fmt, _bad_conversion(fmt.count, conv))
        kind, refused = found
        for flag in "#0- +,(wp":
            if flag in refused and flag in flags:
                return _in_directive(fmt, f"the flag '{flag}' is invalid for the conversion "
                                     f"'{conv}'." if flag in _JAVA_FLAGS else
                                     f"a {'width' if flag == 'w' else 'precision'} is invalid "
                                     f"for the conversion '{conv}'.")
        if kind == "datetime":
            i += 1
            suffix = text[i] if i < n else ""
            if suffix not in _JAVA_DATETIME or not suffix:
                return _fail(fmt, _bad_conversion(fmt.count, suffix, "a valid conversion "
                                                  "suffix", conv))
        i += 1
        fmt.spans.append((start, i))
        if kind:
            if not number:
                unnumbered += 1
                number = unnumbered
            if not _add(fmt, number, kind):
                return -1
            last = number
        return i

    _each_directive(text, fmt, directive, escape=False)
    return fmt


_BOOST_TYPES = {**dict.fromkeys("cC", "char"), **dict.fromkeys("sS", "any"),
                **dict.fromkeys("idouxX", "int"), **dict.fromkeys("eEfgG", "double"),
                "p": "pointer", "t": "", "T": "", "n": ""}


def _parse_boost(text: str) -> Format:
    """Boost ``format`` (format-boost.c): printf directives, ``%N%`` and ``%|...|``."""
    fmt = Format()
    n, unnumbered = len(text), 0
    numbered: dict[int, str] = {}

    def take(number: int, kind: str) -> bool:
        nonlocal unnumbered
        if (number and unnumbered) or (not number and numbered):
            fmt.error = _MIXED
            return False
        if not number:
            unnumbered += 1
            fmt.numbered[unnumbered] = kind
            return True
        known = numbered.setdefault(number, kind)
        if known != kind and "any" not in (known, kind):
            fmt.error = _incompatible(number)
            return False
        numbered[number] = kind if known == "any" else known
        return True

    def star(at: int, what: str) -> int:
        """The rest of a ``*`` or ``*N$`` width or precision at ``at``; where it ends (-1:
        error)."""
        m, end = _argno(text, at)
        if m == 0:
            return _fail(fmt, _zero_argument(fmt.count, what))
        return end if take(m or 0, "int") else -1

    def directive(start: int) -> int:
        i = start + 1
        brackets = i < n and text[i] == "|"
        if brackets:
            i += 1
        number, kind, done = 0, "", False
        if i < n and "1" <= text[i] <= "9":
            end = _digits(text, i)
            if end < n and (text[end] == "$" or (text[end] == "%" and not brackets)):
                number = int(text[i:end])
                done = text[end] == "%"
                kind = "any" if done else ""
                i = end + 1
        if not done:
            while i < n and text[i] in " +-#0'_=hl":
                i += 1
            i = _width_precision(text, i, star)
            if i < 0:
                return -1
            while i < n and text[i] in "hlL":
                i += 1
            conv = text[i] if i < n else ""
            if conv == "|" and brackets:
                kind = "any"
            elif conv and conv in _BOOST_TYPES:
                kind = _BOOST_TYPES[conv]
                i += 1
                if conv == "T":
                    if i >= n:
                        return _fail(fmt, _UNTERMINATED)
                    i += 1
            else:
                return _fail(fmt, _bad_conversion(fmt.count, conv))
            if brackets:
                if i >= n or text[i] != "|":
                    return _fail(fmt, _UNTERMINATED if i >= n else (
                        f"The directive number {fmt.count} starts with | but does not end "
                        "with |."))
                i += 1
        fmt.spans.append((start, i))
        if kind and not take(number, kind):
            return -1
        return i

    _each_directive(text, fmt, directive, escape=True)
    if numbered and fmt.error is None:
        fmt.numbered = numbered
    return fmt


#: Conversion: argument type ("{}": the size, as in "long {}int").
_GCC_TYPES = {"c": "char", "s": "string", **dict.fromkeys("id", "{}int"),
              **dict.fromkeys("oux", "{}unsigned"), "p": "pointer", "H": "location",
              "J": "tree decl", "K": "tree statement", "D": "tree decl", "F": "tree funcdecl",
              "T": "tree type", "E": "tree expression", "A": "tree argument", "C": "tree code",
              "L": "languages", "O": "tree code binop", "P": "int funcparam",
              "Q": "tree code assop", "V": "tree cv"}


def _parse_gcc_internal(text: str) -> Format:
    """GCC's diagnostics (format-gcc-internal.c); ``%m`` (errno's text) is noted in
    ``names``."""
    fmt = Format()
    n, unnumbered = len(text), 0

    def take(number: int, kind: str) -> bool:
        nonlocal unnumbered
        unnumbered = _add_next(fmt, number, kind, unnumbered)
        return unnumbered >= 0

    def directive(start: int) -> int:
        i = start + 1
        c = text[i] if i < n else ""
        if c and c in "%<>'m":
            if c == "m":
                fmt.names["%m"] = ""
            i += 1
            fmt.spans.append((start, i))
            return i
        number, i = _positive_argno(text, i, fmt)
        if i < 0:
            return -1
        number = number or 0
        seen: dict[str, int] = {}
        while i < n and text[i] in "qlw+#":
            f = text[i]
            if (seen.get(f, 0) > (1 if f == "l" else 0)
                    or (f == "l" and "w" in seen) or (f == "w" and "l" in seen)):
                return _in_directive(fmt, "the flags combination is invalid.")
            seen[f] = seen.get(f, 0) + 1
            i += 1
        size = {2: "long long ", 1: "long "}.get(seen.get("l", 0), "wide " if "w" in seen else "")
        c = text[i] if i < n else ""
        if c == ".":
            i += 1
            if i < n and "0" <= text[i] <= "9":
                i = _digits(text, i)
            elif i < n and text[i] == "*":
                m, i = _argno(text, i + 1)
                if m is not None:
                    if m == 0:
                        return _fail(fmt, _zero_argument(fmt.count, "width's "))
                    if unnumbered or not number:
                        return _fail(fmt, _MIXED)
                    if m != number - 1:
                        return _in_directive(fmt, "the argument number for the precision must "
                                               f"be equal to {number - 1}.")
                if not take(m or 0, "int"):
                    return -1
                if i >= n or text[i] != "s":
                    if i >= n:
                        return _fail(fmt, _UNTERMINATED)
                    return _in_directive(fmt, "a precision specification is not allowed before "
                                           f"'{text[i]}'.")
            else:
                return _in_directive(fmt, "the precision specification is invalid.")
            if i >= n or text[i] != "s":
                if i >= n:
                    return _fail(fmt, _UNTERMINATED)
                return _in_directive(fmt, f"a precision is not allowed before '{text[i]}'.")
            c = "s"
        kind = _GCC_TYPES.get(c) if c else None
        if kind is None:
            return _fail(fmt, _bad_conversion(fmt.count, c))
        kind = kind.replace("{}", size)
        i += 1
        fmt.spans.append((start, i))
        if not take(number, kind):
            return -1
        return i

    _each_directive(text, fmt, directive, escape=False)
    return fmt


_RUBY_TYPES = {"%": "", "\n": "", "s": "any", "p": "escaped", "c": "char",
               **dict.fromkeys("diuoxXbB", "int"), **dict.fromkeys("fgGeEaA", "float")}


def _parse_ruby(text: str) -> Format:
    """Ruby ``format`` (format-ruby.c): unnumbered, ``N$`` or named (``%<name>``,
    ``%{name}``) arguments; a named one goes to ``names``, the others to ``args`` in
    argument order."""
    fmt = Format()
    n = len(text)
    unnamed: list[str] = []

    def directive(start: int) -> int:
        i = start + 1
        name: str | None = None
        number = width = precision = 0
        seen_width = seen_precision = width_next = precision_next = False

        while True:
            any_numbered = bool(fmt.numbered or number or width or precision)
            any_unnamed = bool(unnamed or width_next or precision_next)
            c = text[i] if i < n else ""
            if c and c in " #+-0":
                if seen_width:
                    return _in_directive(fmt, "a flag is given after the width.")
                if seen_precision:
                    return _in_directive(fmt, "a flag is given after the precision.")
                i += 1
            elif c == "<":
                if any_numbered or any_unnamed:
                    return _fail(fmt, _PY_MIXED)
                if name is not None:
                    return _in_directive(fmt, "two names are given for the same argument.")
                end = text.find(">", i + 1)
                if end < 0:
                    return _fail(fmt, _UNTERMINATED)
                name, i = text[i + 1:end], end + 1
            elif c and "0" <= c <= "9":
                end = _digits(text, i)
                if end < n and text[end] == "$":
                    if fmt.names or name is not None:
                        return _fail(fmt, _PY_MIXED)
                    if any_unnamed:
                        return _fail(fmt, _MIXED)
                    if number:
                        return _in_directive(fmt, "two numbers are given for the same argument.")
                    number, i = int(text[i:end]), end + 1
                else:
                    if seen_precision:
                        return _in_directive(fmt, "the width is given after the precision.")
                    if seen_width:
                        return _in_directive(fmt, "a width is given twice.")
                    seen_width, i = True, end
            elif c in ("*", "."):
                is_width = c == "*"
                i += 1
                if not is_width and not (i < n and text[i] == "*"):
                    i = _digits(text, i)
                    if seen_precision:
                        return _in_directive(fmt, "a precision is given twice.")
                    seen_precision = True
                    continue
                if not is_width:
                    i += 1
                m, end = _argno(text, i)
                if fmt.names or name is not None:
                    return _fail(fmt, _PY_MIXED)
                if m is not None:
                    if any_unnamed:
                        return _fail(fmt, _MIXED)
                elif any_numbered:
                    return _fail(fmt, _MIXED)
                if is_width and seen_precision:
                    return _in_directive(fmt, "the width is given after the precision.")
                if is_width and seen_width:
                    return _in_directive(fmt, "a width is given twice.")
                if not is_width and seen_precision:
                    return _in_directive(fmt, "a precision is given twice.")
                if m == 0:
                    return _fail(fmt, _zero_argument(fmt.count))
                if is_width:
                    seen_width, width, width_next = True, m or 0, m is None
                else:
                    seen_precision, precision, precision_next = True, m or 0, m is None
                i = end
            else:
                break
        c = text[i] if i < n else ""
        if c == "{":
            if any_numbered or any_unnamed:
                return _fail(fmt, _PY_MIXED)
            if name is not None:
                return _in_directive(fmt, "two names are given for the same argument.")
            end = text.find("}", i + 1)
            if end < 0:
                return _fail(fmt, _UNTERMINATED)
            name, i, kind = text[i + 1:end], end, "any"
        elif c and c in _RUBY_TYPES:
            kind = _RUBY_TYPES[c]
        else:
            return _fail(fmt, _bad_conversion(fmt.count, c))
        for given, takes_next in ((width, width_next), (precision, precision_next)):
            if given and not _add(fmt, given, "int"):
                return -1
            if takes_next:
                unnamed.append("int")
        if kind:
            if name is not None:
                known = fmt.names.setdefault(name, kind)
                if known != kind:
                    return _fail(fmt, f"The string refers to the argument named '{name}' in "
                                "incompatible ways.")
            elif number:
                if not _add(fmt, number, kind):
                    return -1
            else:
                if fmt.names:
                    return _fail(fmt, _PY_MIXED)
                if fmt.numbered:
                    return _fail(fmt, _MIXED)
                unnamed.append(kind)
        i += 1
        fmt.spans.append((start, i))
        return i

    _each_directive(text, fmt, directive, escape=False)
    if fmt.error is None:
        fmt.args = unnamed or [fmt.numbered[k] for k in sorted(fmt.numbered)]
    return fmt


def _parse_pascal(text: str) -> Format:
    """Object Pascal ``Format`` (format-pascal.c): ``%N:`` and ``%*:`` indexes, from 0."""
    fmt = Format()
    n, unnumbered = len(text), 0

    def star(at: int, _what: str) -> int:
        """A ``*`` takes the next unnumbered argument, an int."""
        nonlocal unnumbered
        unnumbered += 1
        return at if _add(fmt, unnumbered - 1, "int") else -1

    def directive(start: int) -> int:
        nonlocal unnumbered
        i = start + 1
        main: int | None = None
        unknown = False
        end = _digits(text, i)
        if end < n and text[end] == ":" and (end > i or text[i] == ":"):
            main, i = (int(text[i:end]) if end > i else 0), end + 1
        elif text.startswith("*:", i):
            unknown, i = True, i + 2
        if i < n and text[i] == "-":
            i += 1
        i = _width_precision(text, i, star, bare_point=False)
        if i < 0:
            return -1
        conv = text[i].lower() if i < n else ""
        kind = {"d": "int", "u": "int", "x": "int", "e": "float", "f": "float", "g": "float",
                "n": "float", "m": "float", "s": "string", "p": "pointer"}.get(conv)
        if kind is None or not conv:
            return _fail(fmt, _bad_conversion(fmt.count, text[i:i + 1]))
        i += 1
        fmt.spans.append((start, i))
        if main is not None:
            ok = _add(fmt, main, kind)
        else:
            ok = _add(fmt, unnumbered, "int" if unknown else kind)
            unnumbered += 1
        if not ok:
            return -1
        return i

    _each_directive(text, fmt, directive, escape=True)
    return fmt


_OPEN_BRACE = ("The string ends in the middle of a directive: found '{' without matching "
               "'}'.")
_LONE_BRACE = ("The string starts in the middle of a directive: found '}' without matching "
               "'{'.")
_MIXED = ("The string refers to arguments both through absolute argument numbers and "
          "through unnumbered argument specifications.")
_PY_MIXED = ("The string refers to arguments both through argument names and through "
             "unnamed argument specifications.")
_PY_TYPES = {**dict.fromkeys("iduoxX", "int"), **dict.fromkeys("eEfgG", "float"), "c": "char",
             "s": "string", "r": "string", "%": ""}


def _parse_python_format(text: str) -> Format:
    """Parse a Python ``%`` format string like GNU's format-python.c: named arguments
    (``names``, with types; ``any`` for a zero precision) or unnamed ones (``args``)."""
    fmt = Format()
    n = len(text)

    def directive(start: int) -> int:
        i = start + 1
        name = None
        if i < n and text[i] == "(":
            depth, j = 0, i + 1
            while j < n and not (text[j] == ")" and depth == 0):
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            if j >= n:
                return _fail(fmt, _UNTERMINATED)
            name, i = text[i + 1:j], j + 1
        while i < n and text[i] in "-+ #0":
            i += 1
        stars = 0
        if i < n and text[i] == "*":
            i, stars = i + 1, 1
        else:
            i = _digits(text, i)
        zero = False
        if i < n and text[i] == ".":
            i += 1
            if i < n and text[i] == "*":
                i, stars = i + 1, stars + 1
            elif i < n and "0" <= text[i] <= "9":
                end = _digits(text, i)
                zero, i = text[i:end].strip("0") == "", end
        if stars and fmt.names:
            return _fail(fmt, _PY_MIXED)
        fmt.args += ["int"] * stars
        if i < n and text[i] in "hlL":
            i += 1
        conv = text[i] if i < n else ""
        kind = _PY_TYPES.get(conv) if conv else None
        if kind is None:
            return _fail(fmt, _bad_conversion(fmt.count, conv))
        if zero and conv in "sr":
            kind = "any"
        i += 1
        fmt.spans.append((start, i))
        if name is not None:
            if fmt.args:
                return _fail(fmt, _PY_MIXED)
            known = fmt.names.setdefault(name, kind)
            if known != kind and "any" not in (known, kind):
                return _fail(fmt, (f"The string refers to the argument named '{name}' in "
                                   "incompatible ways."))
            if known == "any":
                fmt.names[name] = kind
        elif conv != "%":
            if fmt.names:
                return _fail(fmt, _PY_MIXED)
            fmt.args.append(kind)
        return i

    _each_directive(text, fmt, directive, escape=False)
    return fmt


_UNTERMINATED = "The string ends in the middle of a directive."


def _bad_conversion(number: int, char: str, expected: str = "a valid conversion specifier",
                    conv: str = "") -> str:
    """Directive ``number`` ends in ``char`` (after the conversion ``conv``, if given), which
    is not ``expected`` ("": the string ends there)."""
    after = f", for the conversion '{conv}'," if conv else ""
    if not char:
        return _UNTERMINATED
    if " " <= char <= "~":
        return (f"In the directive number {number}{after or ','} the character '{char}' is "
                f"not {expected}.")
    return f"The character that terminates the directive number {number}{after} is not {expected}."


def _no_argno(number: int) -> str:
    """Directive ``number`` (Java's MessageFormat, C#) has no argument number after ``{``."""
    return f"In the directive number {number}, '{{' is not followed by an argument number."


def _zero_argument(number: int, what: str = "") -> str:
    """Directive ``number`` names argument 0 (``what``: "width's " or "precision's ")."""
    return (f"In the directive number {number}, the {what}argument number 0 is not a positive "
            "integer.")


def _incompatible(number: int) -> str:
    return f"The string refers to argument number {number} in incompatible ways."


def _fail(fmt: Format, message: str) -> int:
    """Set ``fmt.error``; return -1, which ends the scan (:func:`_each_directive`)."""
    _failed(fmt, message)
    return -1


def _failed(fmt: Format, message: str) -> Format:
    """``fmt`` with the error ``message`` (for the parsers that scan a string in one loop)."""
    fmt.error = message
    return fmt


def _in_directive(fmt: Format, message: str) -> int:
    """:func:`_fail` with a message about the current directive."""
    return _fail(fmt, f"In the directive number {fmt.count}, {message}")


def _add(fmt: Format, number: int, kind: str) -> bool:
    """Record argument ``number`` of type ``kind``; False (and the error) when the string
    already uses it with another type."""
    known = fmt.numbered.setdefault(number, kind)
    if known != kind:
        fmt.error = _incompatible(number)
        return False
    return True


def _add_next(fmt: Format, number: int, kind: str, unnumbered: int) -> int:
    """Record argument ``number`` of type ``kind`` in a format that numbers all its
    arguments or none (0: the next unnumbered one, after the ``unnumbered`` ones so far).
    Returns how many unnumbered arguments there now are, or -1 and the error."""
    if (number and unnumbered) or (not number and fmt.numbered and not unnumbered):
        return _fail(fmt, _MIXED)
    if not number:
        unnumbered += 1
        number = unnumbered
    return unnumbered if _add(fmt, number, kind) else -1


_SH_NON_ASCII = "The string refers to a shell variable with a non-ASCII name."
_SH_CONTEXT = ("The string refers to a shell variable whose value may be different inside "
               "shell functions.")


def _parse_sh(text: str) -> Format:
    """Shell ``$name`` and ``${name}`` references (format-sh.c)."""
    fmt = Format()
    i, n = 0, len(text)
    while i < n:
        if text[i] != "$":
            i += 1
            continue
        start = i
        i += 1
        if i < n and text[i] == "{":
            j = i + 1
            while j < n and text[j] != "}":
                c = text[j]
                if not c.isascii():
                    return _failed(fmt, _SH_NON_ASCII)
                if j > i + 1 and c in "-=+?:":
                    return _failed(fmt, "The string refers to a shell variable with complex "
                                   "shell brace syntax. This syntax is unsupported here due to "
                                   "security reasons.")
                if not (c.isalnum() or c == "_") or (j == i + 1 and c.isdigit()):
                    return _failed(fmt, _SH_CONTEXT)
                j += 1
            if j >= n:
                return _failed(fmt, _UNTERMINATED)
            if j == i + 1:
                return _failed(fmt, "The string refers to a shell variable with an empty name.")
            name, i = text[i + 1:j], j + 1
        elif i < n and ((text[i].isascii() and text[i].isalpha()) or text[i] == "_"):
            j = i + 1
            while j < n and text[j].isascii() and (text[j].isalnum() or text[j] == "_"):
                j += 1
            name, i = text[i:j], j
        elif i < n:
            return _failed(fmt, _SH_NON_ASCII if not text[i].isascii() else _SH_CONTEXT)
        else:
            return _failed(fmt, _UNTERMINATED)
        fmt.names[name] = ""
        fmt.spans.append((start, i))
        fmt.count += 1
    return fmt


def _digits(text: str, i: int) -> int:
    """The end of the run of ASCII digits at ``i``."""
    while i < len(text) and "0" <= text[i] <= "9":
        i += 1
    return i


#: Conversion: argument type ("{}": the size, as in "int {}").
_PERL_TYPES = {"%": "", "c": "char", "s": "string", "_": "vector", "D": "int V",
               **dict.fromkeys("id", "int {}"), **dict.fromkeys("UO", "unsigned V"),
               **dict.fromkeys("uboxX", "unsigned {}"), **dict.fromkeys("eEfFgG", "double {}"),
               "p": "pointer", "n": "count {}"}


def _parse_perl(text: str) -> Format:
    """Perl ``sprintf`` (format-perl.c)."""
    fmt = Format()
    n, unnumbered = len(text), 0

    def argno(at: int) -> tuple[int, int]:
        """An explicit ``N$`` at ``at``: (N, where it ends), or (0, at)."""
        if at < n and "1" <= text[at] <= "9":
            end = _digits(text, at)
            if end < n and text[end] == "$":
                return int(text[at:end]), end + 1
        return 0, at

    def take(number: int, kind: str) -> bool:
        """Record argument ``number`` (0: the next unnumbered one) of type ``kind``."""
        nonlocal unnumbered
        if not number:
            unnumbered += 1
        return _add(fmt, number or unnumbered, kind)

    def directive(start: int) -> int:
        number, i = argno(start + 1)
        while i < n and text[i] in " +-#0":
            i += 1
        vector = False
        if i < n and text[i] == "v":
            i, vector = i + 1, True
        elif i < n and text[i] == "*":
            if i + 1 < n and text[i + 1] == "v":
                i, vector = i + 2, True
                if not take(0, "string"):
                    return -1
            else:
                m, end = argno(i + 1)
                if m and end < n and text[end] == "v":
                    i, vector = end + 1, True
                    if not take(m, "string"):
                        return -1
        if vector and not take(number, "vector"):
            return -1
        if i < n and text[i] == "*":
            m, i = argno(i + 1)
            if not take(m, "int"):
                return -1
        elif i < n and "1" <= text[i] <= "9":
            i = _digits(text, i)
        if i < n and text[i] == ".":
            i += 1
            if i < n and text[i] == "*":
                m, i = argno(i + 1)
                if not take(m, "int"):
                    return -1
            else:
                i = _digits(text, i)
        size = ""
        for prefix, name in (("h", "h"), ("ll", "ll"), ("l", "l"), ("L", "ll"),
                             ("q", "ll"), ("V", "V"), ("I64", "ll"), ("I32", ""), ("I", "p")):
            if text.startswith(prefix, i):
                size, i = name, i + len(prefix)
                break
        conv = text[i] if i < n else ""
        kind = _PERL_TYPES.get(conv) if conv else None
        if kind is not None and kind.startswith("double") and size in ("h", "l"):
            return _in_directive(fmt, "the size specifier is incompatible with the conversion "
                                 f"specifier '{conv}'.")
        if kind is None:
            return _fail(fmt, _bad_conversion(fmt.count, conv))
        kind = kind.replace("{}", size)
        i += 1
        fmt.spans.append((start, i))
        if kind and not vector and not take(number, kind):
            return -1
        return i

    _each_directive(text, fmt, directive, escape=False)
    return fmt


def _parse_java(text: str) -> Format:
    """Java ``MessageFormat`` (format-java.c; choice and number styles are not checked)."""
    fmt = Format()
    i, n, quoting = 0, len(text), False
    while i < n:
        if text[i] == "'":
            i += 1
            if i >= n:
                break
            if text[i] != "'":
                quoting = not quoting
            else:
                i += 1
                continue
        c = text[i]
        if not quoting and c == "{":
            start = i
            fmt.count += 1
            depth, j = 0, i + 1
            while j < n:
                if text[j] == "{":
                    depth += 1
                elif text[j] == "}":
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            if j >= n:
                return _failed(fmt, _OPEN_BRACE)
            element = text[i + 1:j]
            i = j + 1
            end = _digits(element, 0)
            if end == 0:
                return _failed(fmt, _no_argno(fmt.count))
            number, rest = int(element[:end]), element[end:]
            kind = "object"
            for name, typ in ((",time", "date"), (",date", "date"), (",number", "number"),
                              (",choice", "choice")):
                if rest.startswith(name):
                    kind = typ
                    tail = rest[len(name):]
                    if tail and not tail.startswith(","):
                        return _failed(fmt, f"In the directive number {fmt.count}, "
                                       f"\"{name[1:]}\" is not followed by a comma.")
                    break
            else:
                if rest:
                    return _failed(fmt, f"In the directive number {fmt.count}, the argument "
                                   'number is not followed by a comma and one of "time", '
                                   '"date", "number", "choice".')
            if kind == "choice":
                kind = "number"
            known = fmt.numbered.get(number)
            if known is not None and known != kind and "object" not in (known, kind):
                return _failed(fmt, _incompatible(number))
            fmt.numbered[number] = kind if known in (None, "object") else known
            fmt.spans.append((start, i))
            continue
        if not quoting and c == "}":
            return _failed(fmt, _LONE_BRACE)
        i += 1
    return fmt


def _found(pattern: str, text: str) -> tuple[Format, list[re.Match[str]]]:
    """The directives ``pattern`` finds in ``text`` (their count and spans), and its matches."""
    found = list(re.finditer(pattern, text))
    return Format(spans=[m.span() for m in found], count=len(found)), found


def _parse_qt(text: str) -> Format:
    """Qt ``QString::arg`` (format-qt.c): ``%N`` and ``%LN``, N in 0..99."""
    fmt, found = _found(r"%(L?)([0-9]{1,2})", text)
    fmt.simple = not any(m.group(1) or len(m.group(2)) == 2 for m in found)
    fmt.numbered = {int(m.group(2)): "" for m in found}
    return fmt


def _parse_qt_plural(text: str) -> Format:
    """Qt plural ``%n`` and ``%Ln`` (format-qt-plural.c)."""
    return _found(r"%L?n", text)[0]


def _parse_kde(text: str) -> Format:
    """KDE ``%N`` (format-kde.c): arguments 1..n, at most one of them left out."""
    fmt, found = _found(r"%([1-9][0-9]*)", text)
    fmt.numbered = {int(m.group(1)): "" for m in found}
    gaps = [k for k in range(1, max(fmt.numbered, default=0) + 1) if k not in fmt.numbered]
    if len(gaps) > 1:
        last = max(fmt.numbered)
        fmt.error = (f"The string refers to argument number {last} but ignores the arguments "
                     f"{gaps[0]} and {gaps[1]}.")
    return fmt


def _parse_smalltalk(text: str) -> Format:
    """Smalltalk and YCP ``%N``, N in 1..9 (format-smalltalk.c)."""
    fmt = Format()

    def directive(start: int) -> int:
        c = text[start + 1:start + 2]
        if not c or not "1" <= c <= "9":
            return _fail(fmt, _bad_conversion(fmt.count, c, "a digit between 1 and 9"))
        fmt.numbered[int(c)] = ""
        fmt.spans.append((start, start + 2))
        return start + 2

    _each_directive(text, fmt, directive, escape=True)
    return fmt


def _parse_csharp(text: str) -> Format:
    """C# ``String.Format`` (format-csharp.c): ``{N[,width][:format]}``, ``{{``, ``}}``."""
    fmt = Format()
    i, n, highest = 0, len(text), 0
    while i < n:
        c = text[i]
        i += 1
        if c == "{":
            if i < n and text[i] == "{":
                i += 1
                continue
            start = i - 1
            fmt.count += 1
            end = _digits(text, i)
            if end == i:
                return _failed(fmt, _no_argno(fmt.count))
            number, i = int(text[i:end]), end
            if i < n and text[i] == ",":
                i += 1
                if i < n and text[i] == "-":
                    i += 1
                end = _digits(text, i)
                if end == i:
                    return _failed(fmt, f"In the directive number {fmt.count}, ',' is not "
                                   "followed by a number.")
                i = end
            if i < n and text[i] == ":":
                while i < n and text[i] != "}":
                    i += 1
            if i >= n:
                return _failed(fmt, _OPEN_BRACE)
            if text[i] != "}":
                c = f" '{text[i]}'" if " " <= text[i] <= "~" else ""
                return _failed(fmt, f"The directive number {fmt.count} ends with an invalid "
                               f"character{c} instead of '}}'.")
            i += 1
            highest = max(highest, number + 1)
            fmt.spans.append((start, i))
        elif c == "}":
            if i < n and text[i] == "}":
                i += 1
                continue
            return _failed(fmt, _LONE_BRACE if fmt.count == 0 else "The string contains a lone "
                           f"'}}' after directive number {fmt.count}.")
    fmt.args = ["arg"] * highest
    return fmt


def _parse_perl_brace(text: str) -> Format:
    """Perl ``{name}`` placeholders (format-perl-brace.c)."""
    fmt, found = _found(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", text)
    fmt.names = {m.group(1): "" for m in found}
    return fmt


def _parse_lua(text: str) -> Format:
    """Lua ``string.format`` (format-lua.c)."""
    fmt = Format()
    i, n = 0, len(text)
    while i < n:
        if text[i] != "%":
            i += 1
            continue
        start = i
        i += 1
        if i < n and text[i] == "%":
            i += 1
            fmt.spans.append((start, i))
            continue
        i = _width_precision(text, i, None)
        conv = text[i] if i < n else ""
        kind = ("char" if conv == "c" else "int" if conv and conv in "diouXx" else
                "float" if conv and conv in "aAEefgG" else "string" if conv == "s" else
                "escaped" if conv == "q" else "")
        if not kind:
            return _failed(fmt, _bad_conversion(len(fmt.numbered) + 1, conv))
        i += 1
        fmt.count += 1
        fmt.numbered[len(fmt.numbered) + 1] = kind
        fmt.spans.append((start, i))
    return fmt


#: GNU 0.21's format languages, in its order (format.c): msgfmt checks them in this order,
#: the writer writes their flags in it and wraps by the first one an entry has.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)
FORMAT_ORDER = tuple(f"{lang}-format" for lang in FORMAT_LANGUAGES)
#: Each ``X-format`` flag's place in :data:`FORMAT_ORDER`.
FORMAT_RANK = MappingProxyType({flag: i for i, flag in enumerate(FORMAT_ORDER)})

#: The label of each format in msgfmt's messages, and its parser (the printf-like ones
#: from their grammar, :data:`_PRINTF`).
_FORMATS: dict[str, tuple[str, Callable[[str], Format]]] = {
    "c-format": ("C", parse_c_format),
    "objc-format": ("Objective C", parse_c_format),
    "python-format": ("Python", _parse_python_format),
    "python-brace-format": ("Python brace", _parse_python_brace),
    "java-format": ("Java MessageFormat", _parse_java),
    "csharp-format": ("C#", _parse_csharp),
    "sh-format": ("Shell", _parse_sh),
    "lua-format": ("Lua", _parse_lua),
    "smalltalk-format": ("Smalltalk", _parse_smalltalk),
    "qt-format": ("Qt", _parse_qt),
    "qt-plural-format": ("Qt plural", _parse_qt_plural),
    "kde-format": ("KDE", _parse_kde),
    "perl-format": ("Perl", _parse_perl),
    "perl-brace-format": ("Perl brace", _parse_perl_brace),
    "ycp-format": ("YCP", _parse_smalltalk),
    "object-pascal-format": ("Object Pascal", _parse_pascal),
    "gfc-internal-format": ("GFC internal", _parse_gfc_internal),
    "java-printf-format": ("Java printf", _parse_java_printf),
    "boost-format": ("Boost", _parse_boost),
    "gcc-internal-format": ("GCC internal", _parse_gcc_internal),
    "ruby-format": ("Ruby", _parse_ruby),
    "javascript-format": ("JavaScript", partial(_parse_printf, _PRINTF["javascript-format"])),
    "php-format": ("PHP", partial(_parse_printf, _PRINTF["php-format"])),
    "awk-format": ("awk", partial(_parse_printf, _PRINTF["awk-format"])),
    "tcl-format": ("Tcl", partial(_parse_printf, _PRINTF["tcl-format"])),
    "elisp-format": ("Emacs Lisp", partial(_parse_printf, _PRINTF["elisp-format"])),
    "librep-format": ("librep", partial(_parse_printf, _PRINTF["librep-format"])),
}
#: The parser of each format flag.
FORMAT_PARSERS = {flag: parser for flag, (_, parser) in _FORMATS.items()}


def compare_formats(flag: str, msgid: Format, msgstr: Format, strict: bool,
                    id_name: str, str_name: str) -> str | None:
    """Return msgfmt's complaint about two parsed format strings, or None."""
    if msgstr.error is not None:
        return (f"'{str_name}' is not a valid {_FORMATS[flag][0]} format string, unlike "
                f"'{id_name}'. Reason: {msgstr.error}")
    if flag == "python-brace-format":
        if strict and msgid.names.keys() != msgstr.names.keys():
            name = min(msgid.names.keys() ^ msgstr.names.keys())
            where = str_name if name in msgid.names else id_name
            return _not_in_msgstr(f"'{name}'", where)
        return None
    if flag in ("python-format", "ruby-format"):
        return _compare_mixed(msgid, msgstr, strict, id_name, str_name,
                              _PYTHON_MIXED if flag == "python-format" else _RUBY_MIXED)
    if flag in ("gcc-internal-format", "gfc-internal-format"):
        # GCC's %m and GFC's %C take no argument: both strings use it or neither does.
        gcc = flag == "gcc-internal-format"
        problem = (_compare_numbered if gcc else _compare_c)(msgid, msgstr, strict, id_name,
                                                             str_name)
        mark = "%m" if gcc else "%C"
        if problem is None and (mark in msgid.names) != (mark in msgstr.names):
            return (f"'{id_name}' uses {mark} but '{str_name}' doesn't" if mark in msgid.names
                    else f"'{id_name}' does not use {mark} but '{str_name}' uses {mark}")
        return problem
    if flag in ("c-format", "objc-format", "csharp-format"):
        # C# arguments have no types (all "arg"): only how many there are counts.
        return _compare_c(msgid, msgstr, strict, id_name, str_name)
    if flag in ("sh-format", "perl-brace-format"):
        return _compare_named(msgid, msgstr, strict, id_name, str_name,
                              extra_allowed=flag == "perl-brace-format")
    if flag == "qt-format" and msgid.simple and not msgstr.simple:
        return (f"'{id_name}' is a simple format string, but '{str_name}' is not: it contains "
                "an 'L' flag or a double-digit argument number")
    if flag == "qt-plural-format":
        ids, strs = msgid.count, msgstr.count
        if (ids == 0 and strs > 0) or (strict and ids > 0 and strs == 0):
            return _count_differs(id_name, str_name)
        return None
    if flag == "lua-format":  # one positional list, always compared in full (format-lua.c)
        want, got = msgid.numbered, msgstr.numbered
        for k in range(1, max(len(want), len(got)) + 1):
            if k not in want:
                return _not_in_msgid(str(k), id_name, str_name)
            if k not in got:
                return _not_in_msgstr(str(k), str_name)
            if want[k] != got[k]:
                return _not_same(str(k), id_name, str_name)
        return None
    return _compare_numbered(msgid, msgstr, strict or flag == "qt-format",
                             id_name, str_name, one_missing=flag == "kde-format",
                             braces=flag == "java-format")


def _compare_named(msgid: Format, msgstr: Format, strict: bool, id_name: str, str_name: str,
                   *, extra_allowed: bool) -> str | None:
    """Named arguments, without their types (format-sh.c, format-perl-brace.c; the first step
    of format-python.c and format-ruby.c)."""
    for name in sorted(msgid.names.keys() | msgstr.names.keys()):
        if name not in msgid.names and not extra_allowed:
            return _not_in_msgid(f"'{name}'", id_name, str_name)
        if name not in msgstr.names and strict:
            return _not_in_msgstr(f"'{name}'", str_name)
    return None


def _compare_numbered(msgid: Format, msgstr: Format, strict: bool, id_name: str,
                      str_name: str, *, one_missing: bool = False,
                      braces: bool = False) -> str | None:
    """Numbered arguments with types (format-php.c and most others; Java names them
    ``{N}``)."""
    missing = 0
    for number in sorted(set(msgid.numbered) | set(msgstr.numbered)):
        arg = f"{{{number}}}" if braces else str(number)
        if number not in msgid.numbered:
            return _not_in_msgid(arg, id_name, str_name)
        if number not in msgstr.numbered:
            if strict:
                return _not_in_msgstr(arg, str_name)
            if one_missing and missing:
                return (f"a format specification for arguments {missing} and {number} "
                        f"doesn't exist in '{str_name}', only one argument may be ignored")
            missing = number
    for number, kind in sorted(msgstr.numbered.items()):
        if msgid.numbered[number] != kind:
            arg = f"{{{number}}}" if braces else str(number)
            return _not_same(arg, id_name, str_name)
    return None


@dataclass(frozen=True, slots=True)
class _Mixed:
    """A format whose arguments are either all named or all in a list (format-python.c,
    format-ruby.c): how msgfmt names the two, and when two types agree."""

    names: str
    """What named arguments expect ("a mapping")."""
    args: str
    """What listed arguments expect ("a tuple")."""
    same: Callable[[str, str, bool], bool]
    """Whether a msgid's type and a msgstr's agree (the third argument: ``strict``)."""


def _same_python_type(one: str, two: str, strict: bool) -> bool:
    """Equal types; without ``strict``, ``any`` (a zero precision) matches every type."""
    return one == two or (not strict and "any" in (one, two))


_PYTHON_MIXED = _Mixed("a mapping", "a tuple", _same_python_type)
_RUBY_MIXED = _Mixed("a hash table", "individual arguments", lambda one, two, _: one == two)


def _compare_mixed(msgid: Format, msgstr: Format, strict: bool, id_name: str, str_name: str,
                   kind: _Mixed) -> str | None:
    """Named or listed arguments with types (format-python.c's and format-ruby.c's
    format_check)."""
    if (msgid.names and msgstr.args) or (msgid.args and msgstr.names):
        ids, strs = ((kind.names, kind.args) if msgid.names and msgstr.args else
                     (kind.args, kind.names))
        return (f"format specifications in '{id_name}' expect {ids}, those in "
                f"'{str_name}' expect {strs}")
    problem = _compare_named(msgid, msgstr, strict, id_name, str_name, extra_allowed=False)
    if problem is not None:
        return problem
    for name, type_ in sorted(msgstr.names.items()):
        if not kind.same(msgid.names[name], type_, strict):
            return _not_same(f"'{name}'", id_name, str_name)
    if len(msgid.args) != len(msgstr.args):
        return _count_differs(id_name, str_name)
    for k, (one_type, two_type) in enumerate(zip(msgid.args, msgstr.args, strict=True), 1):
        if not kind.same(one_type, two_type, strict):
            return _not_same(str(k), id_name, str_name)
    return None


def _compare_c(msgid: Format, msgstr: Format, strict: bool, id_name: str,
               str_name: str) -> str | None:
    """C formats: unnumbered argument lists."""
    ids, strs = msgid.args, msgstr.args
    if (len(ids) != len(strs)) if strict else (len(ids) < len(strs)):
        return _count_differs(id_name, str_name)
    for i, kind in enumerate(strs):
        if ids[i] != kind:
            return _not_same(str(i + 1), id_name, str_name)
    return None


def _not_in_msgid(arg: str, id_name: str, str_name: str) -> str:
    return (f"a format specification for argument {arg}, as in '{str_name}', doesn't exist "
            f"in '{id_name}'")


def _not_in_msgstr(arg: str, str_name: str) -> str:
    return f"a format specification for argument {arg} doesn't exist in '{str_name}'"


def _not_same(arg: str, id_name: str, str_name: str) -> str:
    return (f"format specifications in '{id_name}' and '{str_name}' for argument {arg} are "
            "not the same")


def _count_differs(id_name: str, str_name: str) -> str:
    return f"number of format specifications in '{id_name}' and '{str_name}' does not match"
