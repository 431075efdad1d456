"""C escapes in PO strings: reading them (in the file's charset) and writing them like GNU."""

from __future__ import annotations

import re

STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
STRING_PART = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9a-fA-F]+)|(.?))", re.S)
_RARE_ESCAPE = re.compile(r'\\[^n"\\t]')
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v",
                   "a": "\a", "\\": "\\", '"': '"'}


class BadEscape(Exception):
    """An invalid control sequence at a character offset of the string body."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


def unescape(body: str, codec: str) -> str:
    """Expand C escapes; octal and hex escapes are bytes in the file's charset, like GNU.

    A string ends at its first NUL, raw or escaped (``\\0``), as GNU's C strings do. Escaped
    bytes that are not valid in the charset are kept as surrogates (``surrogateescape``):
    msgfmt copies them into the MO file, msgcat refuses to write them.
    """
    if "\0" in body:
        body = body[:body.index("\0")]
        if (len(body) - len(body.rstrip("\\"))) % 2:
            raise BadEscape(len(body) - 1)  # a backslash before the NUL: no escape
    if "\\" not in body:
        return body
    if _RARE_ESCAPE.search(body) is None and "\\\\" not in body:
        return body.replace("\\n", "\n").replace('\\"', '"').replace("\\t", "\t")
    raw = False

    def expand(m: re.Match[str]) -> str:
        nonlocal raw
        if m.group(1) is not None:
            return _SIMPLE_ESCAPES[m.group(1)]
        if m.group(4) is not None:
            raise BadEscape(m.start())
        raw = True
        value = int(m.group(2), 8) if m.group(2) is not None else int(m.group(3), 16)
        return f"\x00{value & 0xFF:02x}\x00"

    text = _ESCAPE.sub(expand, body)
    if not raw:
        return text
    # Re-assemble the bytes so that "\xc3\xa9" in a UTF-8 file means "é", as in GNU.
    out = bytearray()
    for i, piece in enumerate(text.split("\x00")):
        out += bytes([int(piece, 16)]) if i % 2 else piece.encode(codec)
    value = out.decode(codec, errors="surrogateescape")
    return value[:value.index("\0")] if "\0" in value else value


ESCAPE_OUT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a",
               "\b": "\\b", "\f": "\\f", "\v": "\\v"}
NEEDS_ESCAPE = re.compile(r'[\\"\n\t\r\a\b\f\v]')


def escape(text: str) -> str:
    """Escape a string body the way GNU writes it."""
    if NEEDS_ESCAPE.search(text) is None:
        return text
    return NEEDS_ESCAPE.sub(lambda m: ESCAPE_OUT[m.group()], text)
