"""Format strings: the subset of GNU's format-*.c that msgfmt -c checks for our flags."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Format:
    """A parsed format string: its arguments and where its directives are."""

    args: list[str] = field(default_factory=list)
    """Argument types in argument order (c-format, python-format without names)."""
    names: dict[str, str] = field(default_factory=dict)
    """Named arguments and their types (python-format, python-brace-format)."""
    spans: list[tuple[int, int]] = field(default_factory=list)
    """(start, end) offsets of each directive, end exclusive."""
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
        fmt.spans.append((m.start(), m.end()))
        conv = m.group(7)
        if conv == "%" and m.end() - m.start() == 2:
            number -= 1
            continue
        if not conv:
            fmt.error = "The string ends in the middle of a directive."
            return fmt
        if conv not in _C_TYPES:
            fmt.error = (f"In the directive number {number}, the character '{conv}' is not a "
                         "valid conversion specifier." if " " <= conv <= "~" else
                         f"The character that terminates the directive number {number} is "
                         "not a valid conversion specifier.")
            return fmt
        size = m.group(6) or ""
        kind = _C_TYPES[conv]
        kind = f"{size} {kind}" if size and kind in ("int", "unsigned", "double", "count") else kind
        slots = [(m.group(2), m.group(3), "int"), (m.group(4), m.group(5), "int"),
                 ("x", m.group(1), kind)]
        for present, pos, typ in slots:
            if not present:
                continue
            if pos is None:
                unnumbered += 1
                fmt.args.append(typ)
            else:
                numbered[int(pos)] = typ
    if numbered and unnumbered:
        fmt.error = ("The string refers to arguments both through absolute argument numbers "
                     "and through unnumbered argument specifications.")
    elif numbered:
        fmt.args = [numbered.get(i, "?") for i in range(1, max(numbered) + 1)]
        if "?" in fmt.args or 0 in numbered:
            fmt.error = "The string refers to an argument number that is missing or zero."
    return fmt


_BRACE = re.compile(r"\{\{|\}\}|\{([^{}!:]*)(?:![^{}:]*)?(?::((?:[^{}]|\{[^{}]*\})*))?\}|[{}]")


def _parse_python_brace(text: str) -> Format:
    """Parse a Python ``str.format`` string (names only, like GNU's format-python-brace.c)."""
    fmt = Format()
    for m in _BRACE.finditer(text) if "{" in text or "}" in text else ():
        token = m.group()
        if token in ("{{", "}}"):
            continue
        if token in ("{", "}"):
            fmt.error = f"The string contains a lone '{token}'."
            return fmt
        name = re.split(r"[.\[]", m.group(1), maxsplit=1)[0]
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            fmt.error = f"In the directive number {len(fmt.spans) + 1}, the name is not valid."
            return fmt
        fmt.names[name] = ""
        fmt.spans.append((m.start(), m.end()))
    return fmt


_PY_DIRECTIVE = re.compile(
    r"%(?:\(([^)]*)\))?[-+ #0]*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+))?[hlL]?(.?)", re.S)


def _parse_python_format(text: str) -> Format:
    """Parse a Python ``%`` format string (names, counts and conversion types)."""
    fmt = Format()
    for m in _PY_DIRECTIVE.finditer(text) if "%" in text else ():
        conv = m.group(2)
        fmt.spans.append((m.start(), m.end()))
        if conv == "%":
            continue
        if conv not in "diouxXeEfFgGcrsa" or not conv:
            fmt.error = "The string contains an invalid directive."
            return fmt
        kind = "int" if conv in "diouxXc" else "float" if conv in "eEfFgG" else "string"
        if m.group(1) is not None:
            fmt.names[m.group(1)] = kind
        else:
            fmt.args.append(kind)
    if fmt.names and fmt.args:
        fmt.error = "The string refers to arguments both through names and through positions."
    return fmt


FORMAT_PARSERS: dict[str, Callable[[str], Format]] = {
    "c-format": parse_c_format,
    "python-format": _parse_python_format,
    "python-brace-format": _parse_python_brace,
}
_FORMAT_LABEL = {"c-format": "C", "python-format": "Python",
                 "python-brace-format": "Python brace"}


def compare_formats(flag: str, msgid: Format, msgstr: Format, strict: bool,
                     id_name: str, str_name: str) -> str | None:
    """Return msgfmt's complaint about two parsed format strings, or None."""
    if msgstr.error is not None:
        return (f"'{str_name}' is not a valid {_FORMAT_LABEL[flag]} format string, unlike "
                f"'{id_name}'. Reason: {msgstr.error}")
    for name in msgstr.names:
        if name not in msgid.names:
            as_in = f", as in '{str_name}'," if flag == "python-format" else ""
            return (f"a format specification for argument '{name}'{as_in} doesn't exist in "
                    f"'{id_name}'")
    if strict:
        for name in msgid.names:
            if name not in msgstr.names:
                return f"a format specification for argument '{name}' doesn't exist in '{str_name}'"
    for name, kind in msgstr.names.items():
        if kind != msgid.names[name]:
            return (f"format specifications in '{id_name}' and '{str_name}' for argument "
                    f"'{name}' are not the same")
    ids, strs = msgid.args, msgstr.args
    if (len(ids) != len(strs)) if strict else (len(ids) < len(strs)):
        return (f"number of format specifications in '{id_name}' and '{str_name}' "
                "does not match")
    for i, kind in enumerate(strs):
        if ids[i] != kind:
            return (f"format specifications in '{id_name}' and '{str_name}' for argument "
                    f"{i + 1} are not the same")
    return None
