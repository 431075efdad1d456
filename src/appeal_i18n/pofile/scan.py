"""Fast paths over the raw bytes of a PO file, without building entries.

:func:`scan_counts` (the figures of ``status``) and :func:`mofile.compile_po_bytes` (an MO
file) read the usual shape of a PO file (UTF-8 or ASCII, ``\\n`` line ends, one space after
each keyword, strings with only ``\\n``, ``\\t``, ``\\"`` and ``\\\\`` escapes, singular or
plural entries, ``#|`` and ``#~`` lines as GNU writes them) with one regex match per entry
(:func:`walk`), and unescape all strings at once (:func:`unescape_all`). Whatever they do
not fully understand, including every fault, makes them return None: the caller then reads
the file with the strict reader, which accepts or rejects it and names the line. So a file
they answer for is one the strict reader accepts, and the answer is the same (the tests
compare both on every sample catalog).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from appeal_i18n.errors import POError
from appeal_i18n.pofile.charset import _codec_for, _header_charset, _sniff_charset

__all__ = ["Refused", "Tally", "read_parts", "scan_counts", "unescape_all", "usual", "walk"]


@dataclass(frozen=True, slots=True)
class Tally:
    """What ``status`` needs from one catalog, counted by msgfmt's buckets."""

    messages: tuple[int, int, int, int]
    """Translated, fuzzy, untranslated, obsolete messages (the header is not one)."""
    words: tuple[int, int, int, int]
    """Source words (msgid plus msgid_plural) of those messages, by the same buckets."""
    header_fields: tuple[tuple[str, str], ...]
    """The header's fields, as :meth:`Catalog.header_fields` gives them."""


class Refused(Exception):
    """The file is not of the usual shape (or has a fault): leave it to the strict reader."""


_MAX_FORMS = 6
"""Plural entries with more forms than this are left to the strict reader."""

TRANSLATED, FUZZY, UNTRANSLATED, OBSOLETE = 0, 1, 2, 3
"""The buckets of :func:`walk` (msgfmt's), as indices."""

JOIN, OBSOLETE_JOIN = b'"\n"', b'"\n#~ "'
"""What joins the strings of one keyword in a region, active and obsolete."""


@cache
def _patterns() -> tuple[re.Pattern[bytes], re.Pattern[bytes], re.Pattern[bytes]]:
    """The entry, end-of-file and plural-form regexes (compiled on first use: start-up)."""
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
        + lead + rb"msgstr\[0\][ ](?P<f>" + strings + rb")\n(?P<r>" + forms + rb")"
        rb"|" + lead + rb"msgstr[ ](?P<s>" + strings + rb")\n)"
    )
    end = block + rb"\Z"
    active = string + rb"(?:\n" + string + rb")*"
    form = rb"msgstr\[[0-9]\][ ](" + active + rb")\n"
    return re.compile(entry), re.compile(end), re.compile(form)


_UNESCAPE = {b"\\n": b"\n", b"\\t": b"\t", b'\\"': b'"', b"\\\\": b"\\"}


def _unescape(body: bytes) -> bytes:
    """Replace the four escapes the fast paths accept."""
    if b"\\" not in body:
        return body
    if b"\\\\" in body:
        return re.sub(rb'\\[nt"\\]', lambda m: _UNESCAPE[m.group()], body)
    return body.replace(b"\\n", b"\n").replace(b"\\t", b"\t").replace(b'\\"', b'"')


def _text(region: bytes, join: bytes) -> bytes:
    """The unescaped, joined bytes of the strings of one keyword (``"a"\\n"b"`` -> ``ab``)."""
    body = region[1:-1]
    if b'"' in body:
        body = body.replace(join, b"")
    return _unescape(body)


SEPARATORS = (b"\x00", b"\x01", b"\x04")
"""Bytes the fast paths put between strings; a file that holds one raw is refused."""


def unescape_all(regions: list[bytes], join: bytes) -> bytes:
    """The texts of many regions at once, separated by ``\\x01``.

    A region is the quoted strings of one keyword as they stand in the file, or several
    such regions joined by ``\\x00`` or ``\\x04`` (which stay between their texts: the
    separators of MO plural forms and of msgctxt). One pass of each replacement over all
    of them instead of one call per string.
    """
    if not regions:
        return b""
    bulk = b"\x01".join(regions)[1:-1]
    if b'"\n' in bulk:
        bulk = bulk.replace(join, b"")
    bulk = bulk.replace(b'"\x01"', b"\x01")
    if b'"\x00"' in bulk:
        bulk = bulk.replace(b'"\x00"', b"\x00")
    if b'"\x04"' in bulk:
        bulk = bulk.replace(b'"\x04"', b"\x04")
    return _unescape(bulk)


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


def usual(data: bytes, *, path: str) -> tuple[str, str] | None:
    """The declared charset and codec of a file the fast paths may read, else None."""
    if not data.endswith(b"\n") or b"\r" in data or data.startswith(b"\xef\xbb\xbf"):
        return None
    if any(sep in data for sep in SEPARATORS):
        return None
    declared, line = _sniff_charset(data)
    try:
        codec = _codec_for(declared, path=path, line=line)
    except POError:
        return None
    if codec not in ("utf-8", "ascii") or not _valid(data, codec):
        return None
    return declared, codec


Row = tuple[bytes, ...]
"""One entry's parts as the entry regex gives them (an absent part is ``b""``): its
comments, ``~`` of a ``#~|`` line, ``#~ `` of an obsolete entry, then the raw regions of
msgctxt, msgid, msgid_plural, msgstr[0], the further ``msgstr[N]`` lines, msgstr."""


def walk(data: bytes, codec: str, header: list[bytes], *, seen: set[int] | None = None,
         start: int = 0, stop: int | None = None) -> Iterator[tuple[int, Row, bytes]]:
    """Yield the bucket, the :data:`Row` and the unescaped key (msgctxt ``\\x04`` msgid) of
    every entry but the header, whose unescaped msgstr goes to ``header``.

    Raises :class:`Refused` at the first thing the strict reader must judge: an entry the
    regex does not match, a duplicate, an inconsistent ``#~``. With ``start`` and ``stop``
    (from :func:`cut`) it reads that part of the file; the hashes of the keys go to ``seen``.
    """
    entry, end, _ = _patterns()
    fuzzy_first = _fuzzy_first()
    stop = len(data) if stop is None else stop
    seen = set() if seen is None else seen
    add = seen.add
    pos = start
    for m in entry.finditer(data, start, stop):
        if m.start() != pos:
            raise Refused
        pos = m.end()
        row = m.groups(b"")
        comments, _, obsolete, ctxt, msgid = row[:5]
        join = OBSOLETE_JOIN if obsolete else JOIN
        if b"|" in comments and (b"#|" if obsolete else b"#~|") in comments:
            raise Refused  # "inconsistent use of #~" (or text that looks like it)
        key = msgid[1:-1]
        if b'"' in key or b"\\" in key:
            key = _text(msgid, join)
        if ctxt:
            key = _text(ctxt, join) + b"\x04" + key
        # Equal keys have equal hashes; an unequal pair that collides only costs a strict
        # read (and hashes take less memory than keys).
        size = len(seen)
        add(hash(key))
        if len(seen) == size:
            raise Refused  # a duplicate: the strict reader names both lines
        if obsolete:
            yield OBSOLETE, row, key
        elif not key:  # the header: no msgctxt, empty msgid
            header.append(_text(row[8], JOIN) if row[8] else b"")
        else:
            one = row[8] or row[6]
            if one == b'""' or (one[1] == 0x22 and not _text(one, JOIN)):
                yield UNTRANSLATED, row, key
            elif b"fuzzy" in comments and (fuzzy_first(comments) is not None
                                            or _fuzzy(comments, codec)):
                yield FUZZY, row, key
            else:
                yield TRANSLATED, row, key
    if pos != stop and (stop != len(data) or end.match(data, pos) is None):
        raise Refused  # comments after the last entry are only allowed at the end


def cut(data: bytes, at: int) -> int:
    """A place at or after ``at`` where :func:`walk` can split the file: after the last line
    of an entry and before a blank line (``len(data)`` if there is none).

    That line is a ``msgstr`` line or a string continuing one, so no entry goes on past the
    blank line, and both parts are matched as the whole file would be.
    """
    pos = at
    while (found := data.find(b'"\n\n', pos)) >= 0:
        line = data.rfind(b"\n", 0, found) + 1
        if data.startswith((b"msgstr", b'"', b"#~ msgstr", b'#~ "'), line):
            return found + 2
        pos = found + 1
    return len(data)


@cache
def _fuzzy_first() -> Callable[[bytes], re.Match[bytes] | None]:
    """Finds a ``#,`` line whose first flag is fuzzy, the way GNU writes it."""
    return re.compile(rb"(?:^|\n)\#,[ ]fuzzy(?:\n|,[ ])").search


def check_header(header: list[bytes], declared: str, codec: str) -> str | None:
    """The header's text, provided its charset is the one declared; else raise Refused."""
    head = header[0].decode(codec) if header else None
    found = _header_charset(head) if head is not None else None
    if (found or "ASCII") != declared:
        raise Refused
    return head


PARALLEL_BYTES = 4 << 20
"""From this size on, a forked worker reads the second half of a file (two cores)."""

T = TypeVar("T")


def halves(data: bytes, read: Callable[[int, int], T], *,
           parallel: bool | None = None) -> list[T | None]:
    """``read(start, stop)`` of the whole file, or of its two halves (from :func:`cut`), the
    second one in a forked worker on the other core.

    ``parallel`` forces or forbids the worker; by default it reads files of
    :data:`PARALLEL_BYTES` or more when there is a second core. A worker that fails gives
    None. ``read`` must return something that pickles.
    """
    from appeal_i18n.pofile import twocores

    if parallel is None:
        parallel = len(data) >= PARALLEL_BYTES and twocores.available()
    middle = cut(data, len(data) // 2) if parallel else len(data)
    if middle >= len(data):
        return [read(0, len(data))]
    return list(twocores.both(lambda: read(0, middle), lambda: read(middle, len(data))))


def read_parts(data: bytes, read: Callable[[str, int, int, set[int]], T | None], *,
               path: str, parallel: bool | None = None) -> tuple[str, str, list[T]] | None:
    """The declared charset, the codec and ``read(codec, start, stop, seen)`` of each of
    the file's :func:`halves`; None when the file is not of the usual shape, a part gives
    None, or the parts share a key (a duplicate).

    ``read`` walks its part with ``seen`` as :func:`walk`'s set of key hashes.
    """
    found = usual(data, path=path)
    if found is None:
        return None
    declared, codec = found

    def part(start: int, stop: int) -> tuple[T, set[int]] | None:
        seen: set[int] = set()
        result = read(codec, start, stop, seen)
        return None if result is None else (result, seen)

    parts = halves(data, part, parallel=parallel)
    results: list[T] = []
    keys: set[int] = set()
    for one in parts:
        if one is None or not keys.isdisjoint(one[1]):
            return None
        results.append(one[0])
        keys |= one[1]
    return declared, codec, results


def scan_counts(data: bytes, *, path: str, parallel: bool | None = None) -> Tally | None:
    """Count a catalog's messages and words like ``coverage.count`` over :func:`parse_po`.

    Returns None when the file is not in the shape this scanner understands, or has any
    fault: read it with the strict reader then. A big file is read in two :func:`halves`.
    """
    # str.split() also splits at these; bytes.split() does not.
    odd_space = any(c in data for c in (b"\x1c", b"\x1d", b"\x1e", b"\x1f"))

    def read(codec: str, start: int, stop: int, seen: set[int]) -> _Counted | None:
        msg = [0, 0, 0, 0]
        wrd = [0, 0, 0, 0]
        header: list[bytes] = []
        try:
            for bucket, row, key in walk(data, codec, header, seen=seen, start=start,
                                         stop=stop):
                msg[bucket] += 1
                if row[3]:  # msgctxt EOT msgid: the words are the msgid's
                    key = key.rpartition(b"\x04")[2]
                count = (len(key.split()) if key.isascii() and not odd_space
                         else len(key.decode(codec).split()))
                if row[5]:
                    text = _text(row[5], OBSOLETE_JOIN if row[2] else JOIN)
                    count += (len(text.split()) if text.isascii() and not odd_space
                              else len(text.decode(codec).split()))
                wrd[bucket] += count
        except Refused:
            return None
        return msg, wrd, header

    done = read_parts(data, read, path=path, parallel=parallel)
    if done is None:
        return None
    declared, codec, parts = done
    msg, wrd, header = parts[0]
    for more_msg, more_wrd, more_header in parts[1:]:
        msg = [a + b for a, b in zip(msg, more_msg, strict=True)]
        wrd = [a + b for a, b in zip(wrd, more_wrd, strict=True)]
        header = header + more_header
    try:
        head = check_header(header, declared, codec)
    except Refused:
        return None
    fields: list[tuple[str, str]] = []
    for raw in head.split("\n") if head is not None else ():
        # Catalog.header_fields, without importing the data model (start-up)
        name, sep, value = raw.partition(":")
        if sep:
            fields.append((name.strip(), value.strip()))
    return Tally(messages=(msg[0], msg[1], msg[2], msg[3]),
                 words=(wrd[0], wrd[1], wrd[2], wrd[3]), header_fields=tuple(fields))


_Counted = tuple[list[int], list[int], list[bytes]]
"""Messages and words by bucket, and the header if found, of a part."""


def _fuzzy(comments: bytes, codec: str) -> bool:
    """True when a ``#,`` (or ``#!``) line of the entry's comments has the flag fuzzy."""
    return "fuzzy" in flags(comments, codec)


def flags(comments: bytes, codec: str) -> list[str]:
    """The flags of the ``#,`` (and ``#!``) lines of an entry's comments."""
    from appeal_i18n.pofile.comments import _parse_flags

    found: list[str] = []
    for line in comments.split(b"\n"):
        if line[:2] in (b"#,", b"#!"):
            found += _parse_flags(line[2:].decode(codec))
    return found
