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

Building is linear in the size of the catalog (plus the sort). Which entries are written is
:func:`appeal_i18n.model.state`'s rule (``translated``), the one every count uses.
"""

from __future__ import annotations

import codecs
import itertools
import struct
from collections.abc import Iterable
from functools import lru_cache

from .errors import POError
from .model import TRANSLATED, Catalog, Entry, state

MO_MAGIC = 0x950412DE
"""The little-endian magic number that starts every MO file."""

HEADER_SIZE = 28
"""Bytes of a revision 0 header: magic, revision, n, three offsets, hash size."""

EOT = "\x04"
"""Separates msgctxt from msgid in keys (gettext's MSGCTXT_SEPARATOR)."""


def compile_mo(catalog: Catalog) -> bytes:
    """Return the MO file that ``msgfmt`` writes for ``catalog``.

    An empty result (no translated entry, no header) still gives a valid MO file with no
    strings, where msgfmt would write no file at all.
    """
    if len(catalog.domains) > 1:
        # msgfmt writes one MO file per domain; a catalog here compiles to one.
        raise POError("a catalog of several domains ('domain' directives) has no single MO "
                      "file", path=catalog.path, line=1)
    codec = mo_codec(catalog.charset)
    pairs = sorted(_encoded(entry, codec, catalog) for entry in compiled_entries(catalog))
    return _layout([key for key, _ in pairs], [value for _, value in pairs])


def compiled_entries(catalog: Catalog) -> list[Entry]:
    """The entries msgfmt writes (without ``--use-fuzzy``): the translated ones, the header
    included even when it is fuzzy."""
    return [entry for entry in catalog.entries if state(entry) == TRANSLATED]


def mo_codec(charset: str) -> str:
    """The Python codec for a PO charset; UTF-8 for placeholders such as ``CHARSET`` and for
    ASCII (the same bytes for ASCII text; a file without a charset keeps its bytes, which
    the reader took as UTF-8)."""
    try:
        name = codecs.lookup(charset).name
    except (LookupError, UnicodeError):  # unknown, or not even text (an escaped byte)
        return "utf-8"
    return "utf-8" if name == "ascii" else name


@lru_cache(maxsize=4096)
def hash_string(data: bytes) -> int:
    """gettext's ``hash_string`` (P. J. Weinberger's hashpjw) of one key (see
    :func:`hash_strings`), cached: the catalogs of a document, one per language, have the
    same keys."""
    return _hash_lanes([data])[0]


_LANE_BYTES = 5
"""Bytes of a key's lane in :func:`hash_strings`: a step's value is below 2**33 (a 28-bit
state shifted by 4, plus a byte), so 40-bit lanes never spill into each other."""
_LANE = 8 * _LANE_BYTES
_GROUP = 2048
"""Keys hashed together: wide enough to amortize the big-integer operations."""
_FEW_KEYS = 64
"""Up to this many keys (a letter's catalog), each is hashed on its own through the cache of
:func:`hash_string`; more (a catalog of its own) are hashed together."""


def hash_strings(keys: list[bytes]) -> list[int]:
    """gettext's ``hash_string`` (hashpjw) of every key, as msgfmt stores it.

    GNU computes, per byte, ``h = (h << 4) + byte`` in an ``unsigned long`` and folds bits
    28..31 back onto bits 4..7 (clearing them); the value kept is the low 32 bits, so a
    carry out of bit 31 never comes back. Here one step runs on many keys at once: each
    key has a 40-bit lane of one big integer (SIMD within a register), the keys grouped by
    decreasing length so that a lane stops when its key ends. A few keys are looked up
    one by one in :func:`hash_string`'s cache instead (the same lanes, one key wide).
    """
    if len(keys) <= _FEW_KEYS:
        return [hash_string(key) for key in keys]
    return _hash_lanes(keys)


def _hash_lanes(keys: list[bytes]) -> list[int]:
    """:func:`hash_strings` of keys, computed in lanes of a big integer, group by group."""
    order = sorted(range(len(keys)), key=lambda i: len(keys[i]), reverse=True)
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
    low4 = int.from_bytes(b"\x0f\0\0\0\0" * count, "little")
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
        # Bits 28..31 fold onto 4..7; bit 32 (the carry) is dropped with the rest.
        hval = (hval & low28) ^ ((hval >> 28 & low4) << 4)
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


def _encoded(entry: Entry, codec: str, catalog: Catalog) -> tuple[bytes, bytes]:
    """The key and value bytes of one compiled entry."""
    key = entry.msgid if entry.msgctxt is None else entry.msgctxt + EOT + entry.msgid
    if entry.msgid_plural is not None:
        key, value = key + "\0" + entry.msgid_plural, "\0".join(entry.msgstr_plural)
    elif entry.is_header:
        value = without_pot_creation_date(entry.msgstr)
    else:
        value = entry.msgstr
    return _encode(key, codec, catalog, entry), _encode(value, codec, catalog, entry)


def without_pot_creation_date(header: str) -> str:
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
    """Encode one string in the catalog's charset, naming the entry if that is impossible.

    Escaped bytes that are invalid in the charset (surrogates, see
    :func:`appeal_i18n.pofile.escapes.unescape`) are written as they are, like msgfmt.
    """
    try:
        return text.encode(codec, errors="surrogateescape")
    except UnicodeEncodeError as exc:
        raise POError(
            f"message cannot be encoded in the catalog's charset {catalog.charset}: {exc.reason}",
            path=catalog.path,
            line=entry.line or None,
        ) from exc


def _layout(keys: list[bytes], values: list[bytes]) -> bytes:
    """Lay out sorted keys and their values as msgfmt does, with alignment 1."""
    count = len(keys)
    hash_size = hash_table_size(count)
    orig_offset = HEADER_SIZE
    trans_offset = orig_offset + 8 * count
    hash_offset = trans_offset + 8 * count
    offset = hash_offset + 4 * hash_size
    orig_table, offset = _descriptors(keys, offset)
    trans_table, _ = _descriptors(values, offset)
    header = struct.pack(
        "<7I", MO_MAGIC, 0, count, orig_offset, trans_offset, hash_size, hash_offset
    )
    parts = [header, orig_table, trans_table, _hash_table(keys, hash_size)]
    for strings in (keys, values):
        if strings:
            parts += [b"\0".join(strings), b"\0"]
    return b"".join(parts)


def _descriptors(strings: Iterable[bytes], offset: int) -> tuple[bytes, int]:
    """Pack ``(length, offset)`` descriptors for consecutive NUL-terminated strings."""
    lengths = [len(data) for data in strings]
    offsets = list(itertools.accumulate([n + 1 for n in lengths], initial=offset))
    flat = [number for pair in zip(lengths, offsets, strict=False) for number in pair]
    return struct.pack(f"<{len(flat)}I", *flat), offsets[-1]


def _hash_table(keys: list[bytes], size: int) -> bytes:
    """Fill gettext's open-addressing hash table with 1-based string indices; each key is
    hashed up to its first NUL (msgctxt EOT msgid, not msgid_plural)."""
    slots = [0] * size
    hashes = hash_strings([key.partition(b"\0")[0] for key in keys])
    for number, hval in enumerate(hashes, start=1):
        index = hval % size
        if slots[index]:
            step = 1 + hval % (size - 2)
            while slots[index]:
                index = index - (size - step) if index >= size - step else index + step
        slots[index] = number
    return struct.pack(f"<{size}I", *slots)
