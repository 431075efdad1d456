"""A counting scanner: the figures of ``status`` without building entries.

:func:`scan_counts` reads the usual shape of a PO file (UTF-8 or ASCII, ``\\n`` line ends,
one space after each keyword, strings with only ``\\n``, ``\\t``, ``\\"`` and ``\\\\``
escapes, singular or plural entries, ``#|`` and ``#~`` lines as GNU writes them) with one
regex match per entry over the raw bytes. Whatever it does not fully understand, including
every fault, makes it return None: the caller then reads the file with the strict reader,
which accepts or rejects it and names the line. So a file it does count is one the strict
reader accepts with ``check=False``, and the counts are the same (the tests compare both on
every sample catalog).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from appeal_i18n.errors import POError
from appeal_i18n.pofile.charset import _codec_for, _header_charset, _sniff_charset

__all__ = ["Tally", "scan_counts"]


@dataclass(frozen=True, slots=True)
class Tally:
    """What ``status`` needs from one catalog, counted by msgfmt's buckets."""

    messages: tuple[int, int, int, int]
    """Translated, fuzzy, untranslated, obsolete messages (the header is not one)."""
    words: tuple[int, int, int, int]
    """Source words (msgid plus msgid_plural) of those messages, by the same buckets."""
    header_fields: tuple[tuple[str, str], ...]
    """The header's fields, as :meth:`Catalog.header_fields` gives them."""


_MAX_FORMS = 6
"""Plural entries with more forms than this are left to the strict reader."""


@cache
def _patterns() -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """The entry and end-of-file regexes (compiled on first use: start-up stays fast)."""
    string = rb'"[^"\\\n]*(?:\\[nt"\\][^"\\\n]*)*"'
    strings = string + rb"(?:\n(?(o)\#~[ ])" + string + rb")*"
    prev = (rb"\#(?P<q>~?)\|[ ]msg(?:ctxt|id|id_plural)[ ]" + string
            + rb"\n(?:\#(?P=q)\|[ ]" + string + rb"\n)*")
    block = rb"(?:\#(?![~|])[^\n]*\n|[ \t]*\n|" + prev + rb")*"
    lead = rb"(?(o)\#~[ ])"
    forms = b""
    for j in range(_MAX_FORMS - 1, 0, -1):
        forms = (rb"(?:" + lead + rb"msgstr\[" + str(j).encode() + rb"\][ ]" + strings
                 + rb"\n" + forms + rb")?")
    entry = (
        rb"(?P<c>" + block + rb")(?P<o>\#~[ ])?"
        rb"(?:msgctxt[ ](?P<x>" + strings + rb")\n" + lead + rb")?"
        rb"msgid[ ](?P<i>" + strings + rb")\n"
        rb"(?:" + lead + rb"msgid_plural[ ](?P<p>" + strings + rb")\n"
        + lead + rb"msgstr\[0\][ ](?P<f>" + strings + rb")\n" + forms
        + rb"|" + lead + rb"msgstr[ ](?P<s>" + strings + rb")\n)"
    )
    end = block + rb"\Z"
    return re.compile(entry), re.compile(end)


_UNESCAPE = {b"\\n": b"\n", b"\\t": b"\t", b'\\"': b'"', b"\\\\": b"\\"}


def _text(region: bytes, join: bytes) -> bytes:
    """The unescaped, joined bytes of the strings of one keyword (``"a"\\n"b"`` -> ``ab``)."""
    body = region[1:-1]
    if b'"' in body:
        body = body.replace(join, b"")
    if b"\\" in body:
        if b"\\\\" in body:
            body = re.sub(rb'\\[nt"\\]', lambda m: _UNESCAPE[m.group()], body)
        else:
            body = body.replace(b"\\n", b"\n").replace(b"\\t", b"\t").replace(b'\\"', b'"')
    return body


def _valid(data: bytes, codec: str) -> bool:
    """True when ``data`` decodes in ``codec`` (a few MiB at a time: never all of it at once)."""
    view = memoryview(data)
    start = 0
    step = 1 << 22
    while start < len(data):
        end = data.find(b"\n", start + step)
        end = len(data) if end < 0 else end + 1
        try:
            str(view[start:end], codec)
        except UnicodeDecodeError:
            return False
        start = end
    return True


def scan_counts(data: bytes, *, path: str) -> Tally | None:
    """Count a catalog's messages and words like ``coverage.count`` over :func:`parse_po`.

    Returns None when the file is not in the shape this scanner understands, or has any
    fault: read it with the strict reader then.
    """
    if not data.endswith(b"\n") or b"\r" in data or data.startswith(b"\xef\xbb\xbf"):
        return None
    declared, line = _sniff_charset(data)
    try:
        codec = _codec_for(declared, path=path, line=line)
    except POError:
        return None
    if codec not in ("utf-8", "ascii") or not _valid(data, codec):
        return None
    # str.split() also splits at these; bytes.split() does not.
    odd_space = any(c in data for c in (b"\x1c", b"\x1d", b"\x1e", b"\x1f"))
    entry, end = _patterns()
    match = entry.match
    msg = [0, 0, 0, 0]
    wrd = [0, 0, 0, 0]
    seen: set[int] = set()
    header: bytes | None = None
    pos = 0
    while (m := match(data, pos)) is not None:
        pos = m.end()
        comments, _, obsolete, ctxt, msgid, plural, first, msgstr = m.groups()
        join = b'"\n#~ "' if obsolete else b'"\n"'
        if b"|" in comments and (b"#~|" if obsolete is None else b"#|") in comments:
            return None  # "inconsistent use of #~" (or text that looks like it)
        key = msgid[1:-1]
        if b'"' in key or b"\\" in key:
            key = _text(msgid, join)
        # Equal keys have equal hashes; an unequal pair that collides only costs a
        # strict read.
        identity = hash(key) if ctxt is None else hash((_text(ctxt, join), key))
        if identity in seen:
            return None  # a duplicate: the strict reader names both lines
        seen.add(identity)
        if obsolete is not None:
            bucket = 3
        elif ctxt is None and not key:
            if header is None:
                header = b"" if msgstr is None else _text(msgstr, join)
            continue
        else:
            first = msgstr if msgstr is not None else first
            if first == b'""' or (first[1] == 0x22 and not _text(first, join)):
                bucket = 2
            elif b"fuzzy" in comments and _fuzzy(comments, codec):
                bucket = 1
            else:
                bucket = 0
        msg[bucket] += 1
        count = len(key.split()) if key.isascii() and not odd_space else len(
            key.decode(codec).split())
        if plural is not None:
            text = _text(plural, join)
            count += len(text.split()) if text.isascii() and not odd_space else len(
                text.decode(codec).split())
        wrd[bucket] += count
    if pos != len(data) and end.match(data, pos) is None:
        return None
    head = None if header is None else header.decode(codec)
    found = _header_charset(head) if head is not None else None
    if (found or "ASCII") != declared:
        return None
    fields: list[tuple[str, str]] = []
    for raw in head.split("\n") if head is not None else ():
        # Catalog.header_fields, without importing the data model (start-up)
        name, sep, value = raw.partition(":")
        if sep:
            fields.append((name.strip(), value.strip()))
    return Tally(messages=(msg[0], msg[1], msg[2], msg[3]),
                 words=(wrd[0], wrd[1], wrd[2], wrd[3]), header_fields=tuple(fields))


def _fuzzy(comments: bytes, codec: str) -> bool:
    """True when a ``#,`` (or ``#!``) line of the entry's comments has the flag fuzzy."""
    from appeal_i18n.pofile.comments import _parse_flags

    for line in comments.split(b"\n"):
        if line[:2] in (b"#,", b"#!") and "fuzzy" in _parse_flags(line[2:].decode(codec)):
            return True
    return False
