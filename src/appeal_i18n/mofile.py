"""Compile a :class:`~appeal_i18n.model.Catalog` into a GNU MO file.

The output is byte-identical to ``msgfmt -o out.mo in.po`` of GNU gettext 0.21 (without
``--use-fuzzy``), for catalogs without ISO C 99 ``<PRIu64>``-style system-dependent strings:

* fuzzy, untranslated (first ``msgstr`` empty) and obsolete entries are left out; the header is
  kept even when it is fuzzy, and its ``POT-Creation-Date`` line is deleted (reproducible
  builds, as msgfmt does);
* keys are ``msgctxt EOT msgid`` (plus ``NUL msgid_plural``), values the ``msgstr`` or the
  plural forms joined by ``NUL``, all encoded in the catalog's charset and sorted by key bytes;
* the hash table is gettext's: ``hashpjw`` of the key, open addressing with double hashing,
  size ``next_prime(n * 4 / 3)`` as gnulib computes it (never less than 3).

Building is linear in the size of the catalog (plus the sort).
"""

from __future__ import annotations

import codecs
import functools
import itertools
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import POError
from .model import Catalog, Entry
from .pofile.gcpause import gc_paused
from .pofile.validate import plural_verdict

MO_MAGIC = 0x950412DE
"""The little-endian magic number that starts every MO file."""

_HEADER_SIZE = 28
"""Bytes of a revision 0 header: magic, revision, n, three offsets, hash size."""

_EOT = "\x04"
"""Separates msgctxt from msgid in keys (gettext's MSGCTXT_SEPARATOR)."""


def compile_mo(catalog: Catalog) -> bytes:
    """Return the MO file that ``msgfmt`` writes for ``catalog``.

    An empty result (no translated entry, no header) still gives a valid MO file with no
    strings, where msgfmt would write no file at all.
    """
    codec = mo_codec(catalog.charset)
    with gc_paused():
        keys, values = _encoded_pairs(catalog, codec)
        return _sorted_layout(keys, values)


def compile_po_file(file: Path, *, path: str) -> bytes | None:
    """:func:`compile_po_bytes` of a file, whose bytes are let go once read (memory).

    Raises OSError when the file cannot be read.
    """
    return _compile_raw([file.read_bytes()], path)


def compile_po_bytes(data: bytes, *, path: str, parallel: bool | None = None) -> bytes | None:
    """The MO file of a PO file's bytes, read without building entries; None when the
    file is not of the usual shape or fails a check.

    This is ``compile_mo(parse_po(data, path=path))`` for the files the raw-bytes walk of
    :mod:`appeal_i18n.pofile.scan` understands (UTF-8 or ASCII, GNU's layout), with the
    checks of ``msgfmt -c`` made on the raw strings. On None, read the file with the strict
    reader: it reports the fault with its line, or the file is just unusual. The tests
    compare both ways on every sample catalog. ``parallel``: see :func:`_compile_raw`.
    """
    return _compile_raw([data], path, parallel=parallel)


def _compile_raw(holder: list[bytes], path: str, *,
                 parallel: bool | None = None) -> bytes | None:
    """:func:`compile_po_bytes` of the bytes in ``holder``, dropped after reading.

    A big file is read in two :func:`~appeal_i18n.pofile.scan.halves`, one by a forked
    worker (``parallel`` forces or forbids that); the result is that of one reading.
    """
    from appeal_i18n.pofile import scan

    data = holder.pop()
    done = scan.read_parts(data, functools.partial(_Half.read, data), path=path,
                           parallel=parallel)
    del data
    if done is None:
        return None
    declared, codec, parts = done
    return _combine(parts, declared, codec)


@dataclass(slots=True)
class _Half:
    """What one part of a file contributes to its MO file."""

    keys: list[bytes]
    """MO keys of the translated entries (msgctxt EOT msgid, NUL msgid_plural)."""
    values: list[bytes]
    """Their translations (plural forms joined by NUL)."""
    hashes: list[int]
    """:func:`hash_string` of each key up to its NUL."""
    flagged: list[tuple[int, bytes]]
    """Indices in :attr:`keys` of entries with a format flag, and their comments."""
    counts: list[int]
    """Forms of each translated plural entry."""
    header: list[bytes]
    """The header's unescaped msgstr, if it is in this part."""

    @classmethod
    def read(cls, data: bytes, codec: str, start: int, stop: int,
             seen: set[int]) -> _Half | None:
        """Walk ``data[start:stop]`` (key hashes to ``seen``); None when the strict reader
        must judge the file."""
        from appeal_i18n.pofile import scan

        forms_of = scan._patterns()[2].findall
        half = cls([], [], [], [], [], [])
        keys, values, counts = half.keys, half.values, half.counts
        value_regions: list[bytes] = []  # raw, unescaped a batch at a time
        plurals: list[int] = []  # indices of plural entries in keys
        plural_regions: list[bytes] = []
        try:
            for bucket, row, key in scan.walk(data, codec, half.header, seen=seen,
                                              start=start, stop=stop):
                if bucket != scan.TRANSLATED:
                    continue
                if b"format" in row[0]:
                    half.flagged.append((len(keys), row[0]))
                if row[5]:
                    regions = [row[6], *forms_of(row[7])] if row[7] else [row[6]]
                    plurals.append(len(keys))
                    plural_regions.append(row[5])
                    counts.append(len(regions))
                    value_regions.append(b"\x00".join(regions))
                else:
                    value_regions.append(row[8])
                keys.append(key)
                if len(value_regions) == _BATCH:
                    values += scan.unescape_all(value_regions, scan.JOIN).split(b"\x01")
                    value_regions.clear()
        except scan.Refused:
            return None
        if value_regions:
            values += scan.unescape_all(value_regions, scan.JOIN).split(b"\x01")
        if plurals:
            for index, text in zip(plurals, scan.unescape_all(plural_regions, scan.JOIN)
                                   .split(b"\x01"), strict=True):
                keys[index] += b"\x00" + text
        if _newline_mismatches(keys, values):
            return None
        half.hashes = _key_hashes(keys)
        return half


def _combine(halves: list[_Half], declared: str, codec: str) -> bytes | None:
    """The MO file of the halves of one file (without a key in common), after the checks
    that need all of it."""
    from appeal_i18n.pofile import scan

    first = halves[0]
    for other in halves[1:]:
        for index, comments in other.flagged:
            first.flagged.append((index + len(first.keys), comments))
        first.keys += other.keys
        first.values += other.values
        first.hashes += other.hashes
        first.counts += other.counts
        first.header += other.header
    try:
        head = scan.check_header(first.header, declared, codec)
    except scan.Refused:
        return None
    if not head:
        return None  # "PO file header missing or invalid"
    problems, often = plural_verdict(head, first.counts)
    if problems or often is None:
        return None
    keys, values, hashes = first.keys, first.values, first.hashes
    if _format_mismatches(keys, values, first.flagged, codec, often):
        return None
    keys.append(b"")
    values.append(_without_pot_creation_date(head).encode(codec))
    hashes.append(0)
    with gc_paused():
        return _sorted_layout(keys, values, hashes)


def _texts(key: bytes, value: bytes) -> tuple[bytes, list[bytes]]:
    """The msgid and the other strings (msgid_plural, translations) of an MO key/value."""
    msgid = key.rpartition(b"\x04")[2]
    if b"\x00" in msgid:
        msgid, plural = msgid.split(b"\x00")
        return msgid, [plural, *value.split(b"\x00")]
    return msgid, [value]


def _newline_mismatches(keys: list[bytes], values: list[bytes]) -> bool:
    """True when an entry's msgid and another of its strings disagree on a leading or
    trailing newline (msgfmt -c's test)."""
    for key, value in zip(keys, values, strict=True):
        if b"\n" in key or b"\n" in value:
            msgid, others = _texts(key, value)
            start, end = msgid[:1] == b"\n", msgid[-1:] == b"\n"
            if any((t[:1] == b"\n") != start or (t[-1:] == b"\n") != end for t in others):
                return True
    return False


def _format_mismatches(keys: list[bytes], values: list[bytes],
                       flagged: list[tuple[int, bytes]], codec: str, often: list[int]) -> bool:
    """True when an entry with a format flag fails msgfmt -c's format test."""
    from appeal_i18n.pofile.scan import flags
    from appeal_i18n.pofile.validate import _format_problems

    for index, comments in flagged:
        msgid, others = _texts(keys[index], values[index])
        entry = Entry(msgid=msgid.decode(codec), flags=flags(comments, codec))
        texts = [t.decode(codec) for t in others]
        if b"\x00" in keys[index]:
            entry.msgid_plural, entry.msgstr_plural = texts[0], texts[1:]
        else:
            entry.msgstr = texts[0]
        if next(_format_problems(entry, often), None) is not None:
            return True
    return False


def mo_codec(charset: str) -> str:
    """The Python codec for a PO charset; UTF-8 for placeholders such as ``CHARSET``."""
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return "utf-8"


def hash_string(data: bytes) -> int:
    """gettext's ``hash_string`` (P. J. Weinberger's hashpjw) as msgfmt computes it on 64 bits."""
    hval = 0
    for byte in data:
        # hval << 4 + byte, with bits 28 and up folded back onto bits 4..8 (hval < 2**28).
        hval = (hval << 4) + byte
        hval = (hval & 0x0FFFFFFF) ^ (hval >> 28 << 4)
    return hval


_LANE_BYTES = 5
"""Bytes per key when :func:`hash_strings` hashes many keys at once: a step needs 33
bits and shifts by 28 at most, so 40-bit lanes never spill into each other."""

_LANE = 8 * _LANE_BYTES

_GROUP = 2048
"""Keys hashed together: wide enough to amortize the big-int operations, short on padding."""


def hash_strings(keys: list[bytes]) -> list[int]:
    """:func:`hash_string` of every key, computed for many keys at once.

    Each key gets a 64-bit lane of one big integer, and one step of ``hashpjw`` runs on
    every lane together (SIMD within a register): the work done per byte moves from the
    interpreter into big-integer arithmetic. Keys are grouped by length so that lanes stop
    when their key ends.
    """
    lengths = list(map(len, keys))
    order = sorted(range(len(keys)), key=lengths.__getitem__, reverse=True)
    result = [0] * len(keys)
    for start in range(0, len(order), _GROUP):
        group = order[start:start + _GROUP]
        for index, value in zip(group, _hash_group([keys[i] for i in group]), strict=True):
            result[index] = value
    return result


def _hash_group(keys: list[bytes]) -> list[int]:
    """Hash keys sorted by decreasing length, one lane each (lane 0: the first key)."""
    count = len(keys)
    width = len(keys[0]) if keys else 0
    if width == 0:
        return [0] * count
    matrix = b"".join([key.ljust(width, b"\0") for key in keys])
    lengths = [len(key) for key in keys]
    low28 = int.from_bytes(b"\xff\xff\xff\x0f\0" * count, "little")
    low5 = int.from_bytes(b"\x1f\0\0\0\0" * count, "little")
    lanes = bytearray()
    hval = done = 0
    active = count
    for position in range(width):
        if lengths[active - 1] <= position:
            while lengths[active - 1] <= position:
                active -= 1
            cut = active * _LANE  # keys that ended keep their lanes' final values
            done |= hval >> cut << cut
            hval &= (1 << cut) - 1
        lanes[:] = bytes(_LANE_BYTES * active)
        lanes[0::_LANE_BYTES] = matrix[position:active * width:width]
        hval = (hval << 4) + int.from_bytes(lanes, "little")
        hval = (hval & low28) ^ ((hval >> 28 & low5) << 4)
    done |= hval
    packed = done.to_bytes(_LANE_BYTES * count, "little")
    wide = bytearray(8 * count)  # 8-byte lanes, for struct
    for byte in range(_LANE_BYTES):
        wide[byte::8] = packed[byte::_LANE_BYTES]
    return list(struct.unpack(f"<{count}Q", wide))


def next_prime(seed: int) -> int:
    """gnulib's ``next_prime``: the first odd number >= ``seed`` that its ``is_prime`` accepts.

    gnulib's test treats 3 as composite, so ``next_prime(2)`` is 5; msgfmt relies on that.
    """
    candidate = seed | 1
    while not _gnulib_is_prime(candidate):
        candidate += 2
    return candidate


def _gnulib_is_prime(candidate: int) -> bool:
    """gnulib's trial division by odd numbers from 3, quirks included."""
    divisor = 3
    square = divisor * divisor
    while square < candidate and candidate % divisor != 0:
        divisor += 1
        square += 4 * divisor
        divisor += 1
    return candidate % divisor != 0


def hash_table_size(count: int) -> int:
    """The number of hash slots msgfmt reserves for ``count`` strings."""
    return max(next_prime(count * 4 // 3), 3)


def compiled_entries(catalog: Catalog) -> list[Entry]:
    """The entries msgfmt writes: active, translated, not fuzzy (the header's fuzzy is ignored)."""
    return [entry for entry in catalog.entries if _is_compiled(entry)]


def _is_compiled(entry: Entry) -> bool:
    """True when msgfmt (without ``--use-fuzzy``) writes ``entry``."""
    if entry.obsolete:
        return False
    if entry.fuzzy and not entry.is_header:
        return False
    # msgfmt tests only the first byte of the NUL-joined msgstr: the first plural form.
    if entry.msgid_plural is not None:
        return bool(entry.msgstr_plural) and entry.msgstr_plural[0] != ""
    return entry.msgstr != ""


def _encoded_pairs(catalog: Catalog, codec: str) -> tuple[list[bytes], list[bytes]]:
    """Key and value bytes of every compiled entry, in catalog order.

    Each string is encoded once; plain entries (no context, no plural, not the header) take
    no function call.
    """
    keys: list[bytes] = []
    values: list[bytes] = []
    add_key, add_value = keys.append, values.append
    try:
        for entry in catalog.entries:
            if entry.obsolete:
                continue
            msgid = entry.msgid
            if (entry.msgctxt is None and entry.msgid_plural is None and msgid
                    and entry.msgstr and not entry.flags):
                add_key(msgid.encode(codec))
                add_value(entry.msgstr.encode(codec))
            elif _is_compiled(entry):
                key, value = _strings(entry)
                add_key(key.encode(codec))
                add_value(value.encode(codec))
    except UnicodeEncodeError:
        for entry in compiled_entries(catalog):  # find the entry to name, and raise
            key, value = _strings(entry)
            _encode(key, codec, catalog, entry)
            _encode(value, codec, catalog, entry)
        raise
    return keys, values


def _strings(entry: Entry) -> tuple[str, str]:
    """The key and the value of one entry, before encoding."""
    key = entry.msgid if entry.msgctxt is None else entry.msgctxt + _EOT + entry.msgid
    if entry.msgid_plural is not None:
        return key + "\0" + entry.msgid_plural, "\0".join(entry.msgstr_plural)
    if entry.is_header:
        return key, _without_pot_creation_date(entry.msgstr)
    return key, entry.msgstr


def _without_pot_creation_date(header: str) -> str:
    """Delete the first line that starts with ``POT-Creation-Date:``, as msgfmt does."""
    lines = header.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("POT-Creation-Date:"):
            if index == len(lines) - 1:
                # The last line has no newline of its own: the preceding one stays.
                return "\n".join(lines[:index]) + ("\n" if index else "")
            del lines[index]
            return "\n".join(lines)
    return header


def _encode(text: str, codec: str, catalog: Catalog, entry: Entry) -> bytes:
    """Encode one string in the catalog's charset, naming the entry if that is impossible."""
    try:
        return text.encode(codec)
    except UnicodeEncodeError as exc:
        raise POError(
            f"message cannot be encoded in the catalog's charset {catalog.charset}: {exc.reason}",
            path=catalog.path,
            line=entry.line or None,
        ) from exc


_BATCH = 4096
"""Translations unescaped together: one pass over their bytes, a few MiB held twice."""


def _sorted_layout(keys: list[bytes], values: list[bytes],
                   hashes: list[int] | None = None) -> bytes:
    """:func:`_layout` of the pairs sorted by key; empties both lists (memory)."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    keys[:] = [keys[i] for i in order]
    values[:] = [values[i] for i in order]
    return _layout(keys, values, None if hashes is None else [hashes[i] for i in order])


def _layout(keys: list[bytes], values: list[bytes], hashes: list[int] | None = None) -> bytes:
    """Lay out sorted keys and their values as msgfmt does, with alignment 1.

    Empties both lists as their bytes are copied into the file: each string is held
    twice only for a moment.
    """
    count = len(keys)
    hash_size = hash_table_size(count)
    orig_offset = _HEADER_SIZE
    trans_offset = orig_offset + 8 * count
    hash_offset = trans_offset + 8 * count
    offset = hash_offset + 4 * hash_size
    orig_table, offset = _descriptors(keys, offset)
    trans_table, _ = _descriptors(values, offset)
    header = struct.pack(
        "<7I", MO_MAGIC, 0, count, orig_offset, trans_offset, hash_size, hash_offset
    )
    parts = [header, orig_table, trans_table, _hash_table(keys, hash_size, hashes)]
    for strings in (keys, values):
        if strings:
            parts += [b"\0".join(strings), b"\0"]
            strings.clear()
    return b"".join(parts)


def _descriptors(strings: Iterable[bytes], offset: int) -> tuple[bytes, int]:
    """Pack ``(length, offset)`` descriptors for consecutive NUL-terminated strings."""
    lengths = [len(data) for data in strings]
    offsets = list(itertools.accumulate([n + 1 for n in lengths], initial=offset))
    flat = [number for pair in zip(lengths, offsets, strict=False) for number in pair]
    return struct.pack(f"<{len(flat)}I", *flat), offsets[-1]


#: Hashes of the keys of small catalogs compiled in this process: a project's catalogs
#: share their msgids, so with many languages each key is hashed once, not once each.
_KNOWN_HASHES: dict[bytes, int] = {}
_KNOWN_MAX = 1 << 16
"""Keys remembered at most (a few MiB)."""
_SMALL = 4096
"""Catalogs with more keys are hashed afresh (a big one would fill the memory)."""


def _key_hashes(keys: list[bytes]) -> list[int]:
    """The hashes of MO keys: each covers its key up to the first NUL (msgctxt EOT msgid,
    not msgid_plural)."""
    heads = [key.split(b"\0", 1)[0] if b"\0" in key else key for key in keys]
    if len(heads) > _SMALL:
        return hash_strings(heads)
    known = _KNOWN_HASHES
    fresh = [head for head in dict.fromkeys(heads) if head not in known]
    computed = dict(zip(fresh, hash_strings(fresh), strict=True))
    if len(known) + len(computed) <= _KNOWN_MAX:
        known.update(computed)
    return [computed[head] if head in computed else known[head] for head in heads]


def _hash_table(keys: list[bytes], size: int, hashes: list[int] | None = None) -> bytes:
    """Fill gettext's open-addressing hash table with 1-based string indices (``hashes``:
    the keys' hashes when they are known)."""
    slots = [0] * size
    if hashes is None:
        hashes = _key_hashes(keys)
    for number, hval in enumerate(hashes, start=1):
        index = hval % size
        if slots[index]:
            step = 1 + hval % (size - 2)
            while slots[index]:
                index = index - (size - step) if index >= size - step else index + step
        slots[index] = number
    return struct.pack(f"<{size}I", *slots)
