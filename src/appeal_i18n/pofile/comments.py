"""Comment lines: flags, references, and which field of an entry each comment fills."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from appeal_i18n.model import Entry

_FLAG_SPLIT = re.compile(r"[\n \t\r\f\v,]+")
_DIGITS = re.compile(r"[0-9]+")


_RANGE = re.compile(r"range: ?([0-9]+)\.\.([0-9]+)")


def flag_range(flag: str) -> tuple[int, int] | None:
    """``(min, max)`` of a ``range: MIN..MAX`` flag, or None for any other flag."""
    m = _RANGE.fullmatch(flag)
    return None if m is None else (int(m.group(1)), int(m.group(2)))


def entry_range(entry: Entry) -> tuple[int, int] | None:
    """The entry's ``range:`` flag (the last one, as GNU keeps it), or None."""
    found = None
    for flag in entry.flags:
        found = flag_range(flag) or found
    return found


def _parse_flags(text: str) -> list[str]:
    """Split a ``#,`` line into flags; ``range: 1..5`` stays one flag."""
    tokens = [t for t in _FLAG_SPLIT.split(text) if t]
    flags: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "range:" and i + 1 < len(tokens):
            token = f"range: {tokens[i + 1]}"
            i += 1
        flags.append(token)
        i += 1
    return flags


def _parse_references(text: str) -> Iterator[tuple[str, int | None]]:
    """Yield ``(file, line)`` pairs from a ``#:`` line the way GNU 0.21 reads them."""
    tokens = text.split()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        after = tokens[i + 2] if i + 2 < len(tokens) else ""
        if nxt == ":" and _DIGITS.fullmatch(after):
            yield token, int(after)
            i += 3
        elif nxt.startswith(":") and _DIGITS.fullmatch(nxt[1:]):
            yield token, int(nxt[1:])
            i += 2
        elif token.endswith(":") and _DIGITS.fullmatch(nxt):
            yield token[:-1], int(nxt)
            i += 2
        else:
            name, colon, number = token.rpartition(":")
            if colon and name and _DIGITS.fullmatch(number):
                yield name, int(number)
            else:
                yield token, None
            i += 1


_SIMPLE_REFS = re.compile(r"(?:[ \t]+[^\s:]+:[1-9][0-9]*)+[ \t]*")


def add_references(refs: tuple[str, ...], text: str) -> tuple[str, ...]:
    """``refs`` and the references of one ``#:`` line, dropping duplicates as GNU does."""
    if _SIMPLE_REFS.fullmatch(text):
        found: Iterable[str] = text.split()
    else:
        found = (name if number is None else f"{name}:{number}"
                 for name, number in _parse_references(text))
    return tuple(dict.fromkeys((*refs, *found)))


def attach_comment(entry: Entry, text: str) -> None:
    """Store one comment line (without its ``#``) in the right field of ``entry``."""
    head = text[:1]
    if head == ".":
        body = text[1:]
        entry.extracted_comments += (body[1:] if body[:1] == " " else body,)
    elif head == ":":
        entry.references = add_references(entry.references, text[1:])
    elif head in (",", "!"):
        # Each flag line replaces the flags of the lines before it, as in GNU's reader
        # (po_parse_comment_special starts from no flags).
        entry.flags = tuple(dict.fromkeys(_parse_flags(text[1:])))
    else:
        entry.translator_comments += (text[1:] if head == " " else text,)
