"""Charsets: GNU's portable names, the header's declaration, decoding with line numbers."""

from __future__ import annotations

import re
from functools import cache

from appeal_i18n.errors import POError

#: GNU's portable charset names (po-charset.c) mapped to Python codecs; None: no codec.
_CHARSETS: dict[str, str | None] = {
    "ASCII": "ascii", "ANSI_X3.4-1968": "ascii", "US-ASCII": "ascii",
    **{f"ISO-8859-{n}": f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15)},
    **{f"ISO8859-{n}": f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15)},
    "KOI8-R": "koi8-r", "KOI8-U": "koi8-u", "KOI8-T": "koi8-t",
    "CP850": "cp850", "CP866": "cp866", "CP874": "cp874", "CP932": "cp932",
    "CP949": "cp949", "CP950": "cp950",
    **{f"CP{n}": f"cp{n}" for n in range(1250, 1259)},
    "GB2312": "gb2312", "EUC-JP": "euc-jp", "EUC-KR": "euc-kr", "EUC-TW": None,
    "BIG5": "big5", "BIG5-HKSCS": "big5hkscs", "GBK": "gbk", "GB18030": "gb18030",
    "SHIFT_JIS": "shift_jis", "JOHAB": "johab", "TIS-620": "tis-620", "VISCII": None,
    "GEORGIAN-PS": None, "UTF-8": "utf-8",
}


@cache
def _raw_patterns() -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """The header and its charset in raw bytes (compiled on first use: start-up)."""
    return re.compile(
        rb'(?:^|[\r\n])[ \t]*msgid[ \t\r\n]*""[ \t\r\n]*msgstr[ \t\r\n]*'
        rb'((?:"[^\n\r]*"[ \t\r\n]*)+)'
    ), re.compile(rb"charset=([^ \t\\\"\n\r]*)")


def is_portable(charset: str) -> bool:
    """True for GNU's portable charset names (and its placeholder ``CHARSET``)."""
    return charset == "CHARSET" or charset.upper() in _CHARSETS


def codec_for(charset: str, *, path: str, line: int) -> str:
    """Return the Python codec of a declared charset, or raise POError."""
    if charset == "CHARSET":
        return "ascii"  # GNU treats the template placeholder as absent, i.e. ASCII
    key = charset.upper()
    if key not in _CHARSETS:
        raise POError(f'charset "{charset}" is not a portable encoding name', path=path, line=line)
    codec = _CHARSETS[key]
    if codec is None:
        raise POError(f'charset "{charset}" is not supported', path=path, line=line)
    return codec


def header_charset(msgstr: str) -> str | None:
    """Return the ``charset=`` value of a header msgstr, as GNU finds it."""
    pos = msgstr.find("charset=")
    if pos < 0:
        return None
    return re.split(r"[ \t\n]", msgstr[pos + 8:], maxsplit=1)[0]


def sniff_charset(data: bytes) -> tuple[str | None, int]:
    """Find the charset declared by the header in the raw bytes (None: no charset), and
    the header's line."""
    header, charset = _raw_patterns()
    match = header.search(data)
    if match is None:
        return None, 1
    line = data.count(b"\n", 0, match.start()) + 1
    found = charset.search(match.group(1))
    if found is None:
        return None, line
    return found.group(1).decode("ascii", "replace"), line


def decode(data: bytes, codec: str, *, path: str) -> str:
    """Decode the whole file once; report the line of the first invalid byte."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        sep = b"\n" if b"\n" in data else b"\r"
        line = data.count(sep, 0, exc.start) + 1
        raise POError("invalid multibyte sequence", path=path, line=line) from None
