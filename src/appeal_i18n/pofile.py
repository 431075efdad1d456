"""Read and write PO/POT files: a strict reader and GNU gettext's canonical writer.

The reader accepts what GNU ``msgfmt -c`` accepts and raises :class:`POError` (file and
1-based line) on the first fault; it never loads part of a file. The writer reproduces
``msgcat``'s output byte for byte: 79-column wrapping with Unicode line breaking, GNU's
escapes, comment and flag order, obsolete entries last.

Deliberate differences from GNU, each a choice for a stricter pipeline:

* an empty or whitespace-only file is an empty catalog (msgfmt -c wants a header);
* a charset must be one of GNU's portable names (msgfmt only warns; msgcat refuses);
* a ``domain`` directive is refused (the data model has one domain per file);
* an unterminated string is reported on its own line (GNU names the next line).
"""

from __future__ import annotations

import codecs
import gc
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from appeal_i18n import fsio
from appeal_i18n.errors import POError
from appeal_i18n.model import Catalog, Entry

__all__ = [
    "FLAG_ORDER",
    "canonical_flags",
    "format_files",
    "format_po",
    "parse_plural_forms",
    "parse_po",
    "plural_function",
    "read_po",
    "validate_catalog",
    "write_po",
]

PAGE_WIDTH = 79
"""GNU's default ``--width``."""

# ---------------------------------------------------------------------------------------------
# Charsets
# ---------------------------------------------------------------------------------------------

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

_RAW_CHARSET = re.compile(rb"charset=([^ \t\\\"\n\r]*)")
_RAW_HEADER = re.compile(
    rb'(?:^|[\r\n])[ \t]*msgid[ \t]*""[ \t]*(?:\r\n|\r|\n)[ \t]*msgstr[ \t]*'
    rb'((?:"[^\n\r]*"[ \t]*(?:\r\n|\r|\n)?[ \t]*)+)'
)


def _codec_for(charset: str, *, path: str, line: int) -> str:
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


def _header_charset(msgstr: str) -> str | None:
    """Return the ``charset=`` value of a header msgstr, as GNU finds it."""
    pos = msgstr.find("charset=")
    if pos < 0:
        return None
    return re.split(r"[ \t\n]", msgstr[pos + 8:], maxsplit=1)[0]


def _sniff_charset(data: bytes) -> tuple[str, int]:
    """Find the charset declared by the header in the raw bytes, and the header's line."""
    match = _RAW_HEADER.search(data)
    if match is None:
        return "ASCII", 1
    line = data.count(b"\n", 0, match.start()) + 1
    found = _RAW_CHARSET.search(match.group(1))
    if found is None:
        return "ASCII", line
    return found.group(1).decode("ascii", "replace"), line


def _decode(data: bytes, codec: str, *, path: str) -> str:
    """Decode the whole file once; report the line of the first invalid byte."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        sep = b"\n" if b"\n" in data else b"\r"
        line = data.count(sep, 0, exc.start) + 1
        raise POError("invalid multibyte sequence", path=path, line=line) from None


# ---------------------------------------------------------------------------------------------
# Strings
# ---------------------------------------------------------------------------------------------

_STR = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_STR_PART = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9a-fA-F]+)|(.?))", re.S)
_RARE_ESCAPE = re.compile(r'\\[^n"\\t]')
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v",
                   "a": "\a", "\\": "\\", '"': '"'}


class _BadEscape(Exception):
    """An invalid control sequence at a character offset of the string body."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


def _unescape(body: str, codec: str) -> str:
    """Expand C escapes; octal and hex escapes are bytes in the file's charset, like GNU."""
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
            raise _BadEscape(m.start())
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
    return out.decode(codec, errors="strict")


_ESCAPE_OUT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a",
               "\b": "\\b", "\f": "\\f", "\v": "\\v"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\t\r\a\b\f\v]')


def _escape(text: str) -> str:
    """Escape a string body the way GNU writes it."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPE_OUT[m.group()], text)


# ---------------------------------------------------------------------------------------------
# Comments
# ---------------------------------------------------------------------------------------------

_FLAG_SPLIT = re.compile(r"[\n \t\r\f\v,]+")
_DIGITS = re.compile(r"[0-9]+")


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


def _add_references(refs: list[str], text: str) -> None:
    """Append the references of one ``#:`` line, dropping duplicates as GNU does."""
    if _SIMPLE_REFS.fullmatch(text):
        for ref in text.split():
            if ref not in refs:
                refs.append(ref)
        return
    for name, number in _parse_references(text):
        ref = name if number is None else f"{name}:{number}"
        if ref not in refs:
            refs.append(ref)


def _attach_comment(entry: Entry, text: str) -> None:
    """Store one comment line (without its ``#``) in the right field of ``entry``."""
    head = text[:1]
    if head == ".":
        body = text[1:]
        entry.extracted_comments.append(body[1:] if body[:1] == " " else body)
    elif head == ":":
        _add_references(entry.references, text[1:])
    elif head in (",", "!"):
        for flag in _parse_flags(text[1:]):
            if flag not in entry.flags:
                entry.flags.append(flag)
    else:
        entry.translator_comments.append(text[1:] if head == " " else text)


# ---------------------------------------------------------------------------------------------
# Parser
# ---------------------------------------------------------------------------------------------

_WS = "[ \\t\\f\\v\\r\\n]*"
_TOKEN = re.compile(
    _WS + r"(?:"
    r"(?P<K>(?P<kw>msgctxt|msgid_plural|msgid|msgstr|domain)(?![A-Za-z0-9_$])"
    r"(?:[ \t]*\[[ \t]*(?P<idx>[0-9]+)[ \t]*\])?"
    r"(?P<strs>(?:" + _WS + _STR + r")*))"
    r"|(?P<H>\#[^\n]*)"
    r"|(?P<S>" + _STR + r"(?:" + _WS + _STR + r")*)"
    r"|(?P<E>\Z)"
    r"|(?P<J>[^\n]*))"
)
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_CONFLICT = re.compile(r"(?:<{7}|={7}|>{7}|\|{7})(?:[ \t]|$)")

_ID, _CTXT, _PLURAL, _STR_STATE, _STRN, _IDLE = "id", "ctxt", "plural", "str", "strn", "idle"


@dataclass(slots=True)
class _Builder:
    """The grammar of a PO file as a state machine fed with tokens; builds the entries."""

    path: str
    entries: list[Entry] = field(default_factory=list)
    seen: dict[tuple[str | None, str], int] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    prev: dict[str, str] = field(default_factory=dict)
    prev_field: str | None = None
    prev_obsolete: bool | None = None
    cur: Entry | None = None
    state: str = _IDLE
    target: str | int | None = None
    """Field that a following bare string extends: a keyword, or a plural form index."""
    last_line: int = 0
    """Number of the file's last line when it has no final newline (else 0)."""

    def fail(self, message: str, line: int) -> POError:
        """Build the error for this file."""
        return POError(message, path=self.path, line=line)

    # -- tokens ---------------------------------------------------------------------------

    def comment(self, text: str) -> None:
        """A ``#`` comment line (text after the ``#``)."""
        if self.state != _IDLE:
            self._close_before_comment()
        self.comments.append(text)
        self.target = None

    def previous(self, kw: str, value: str, line: int, obsolete: bool) -> None:
        """A ``#| msgid "..."`` line."""
        self._close_before_comment()
        if kw not in ("msgctxt", "msgid", "msgid_plural"):
            raise self.fail(f"'{kw}' is not allowed in a '#|' comment", line)
        self.prev[kw] = value
        self.prev_field = kw
        self.prev_obsolete = obsolete
        self.target = None

    def previous_string(self, value: str, line: int) -> None:
        """A ``#| "..."`` continuation line."""
        if self.prev_field is None:
            raise self.fail("syntax error: string without a keyword", line)
        self.prev[self.prev_field] += value

    def string(self, value: str, line: int, obsolete: bool) -> None:
        """A string that continues the previous keyword's value."""
        entry = self.cur
        if entry is None or self.target is None:
            raise self.fail("syntax error: string without a keyword", line)
        self._check_obsolete(obsolete, line)
        target = self.target
        if isinstance(target, int):
            entry.msgstr_plural[target] += value
        elif target == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif target == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif target == "msgid":
            entry.msgid += value
        else:
            entry.msgstr += value

    def keyword(self, kw: str, idx: str | None, value: str, line: int, obsolete: bool) -> None:
        """A keyword with its (joined, unescaped) strings."""
        state = self.state
        if kw == "msgid" or kw == "msgctxt":
            if state in (_STR_STATE, _STRN):
                self._finish_entry()
            elif state == _ID:
                raise self.fail("missing 'msgstr' section", self._cur().line)
            elif state == _PLURAL:
                raise self.fail("missing 'msgstr[]' section", self._cur().line)
            elif state == _CTXT and kw == "msgctxt":
                raise self.fail("syntax error: 'msgctxt' must be followed by 'msgid'", line)
            if self.state == _IDLE:
                self._start_entry(line, obsolete)
            else:
                self._check_obsolete(obsolete, line)
            entry = self._cur()
            if kw == "msgctxt":
                entry.msgctxt = value
                self.state = _CTXT
            else:
                entry.msgid = value
                entry.line = line
                self.state = _ID
            self.target = kw
            return
        if state == _IDLE:
            raise self.fail(f"syntax error: '{kw}' before 'msgid'", line)
        if state == _CTXT:
            raise self.fail("syntax error: 'msgctxt' must be followed by 'msgid'", line)
        self._check_obsolete(obsolete, line)
        self._continue_entry(kw, idx, value, line)

    def _continue_entry(self, kw: str, idx: str | None, value: str, line: int) -> None:
        """msgid_plural / msgstr / msgstr[N] inside an entry."""
        entry = self._cur()
        state = self.state
        if kw == "msgid_plural" and state == _ID:
            entry.msgid_plural = value
            self.state, self.target = _PLURAL, kw
        elif kw == "msgstr" and idx is None and state == _ID:
            entry.msgstr, entry.msgstr_line = value, line
            self.state, self.target = _STR_STATE, kw
        elif kw == "msgstr" and idx is not None and state == _ID:
            raise self.fail("missing 'msgid_plural' section", line)
        elif kw == "msgstr" and idx is not None and state in (_PLURAL, _STRN):
            if int(idx) != len(entry.msgstr_plural):
                raise self.fail("plural form has wrong index", line)
            if not entry.msgstr_plural:
                entry.msgstr_line = line
            entry.msgstr_plural.append(value)
            self.state, self.target = _STRN, len(entry.msgstr_plural) - 1
        elif kw == "msgstr" and state == _PLURAL:
            raise self.fail("syntax error: a plural entry needs 'msgstr[0]', not 'msgstr'", line)
        elif state in (_STR_STATE, _STRN):
            raise self.fail(f"syntax error: '{kw}' before 'msgid'", line)
        else:
            raise self.fail(f"syntax error: unexpected '{kw}'", line)

    def finish(self) -> list[Entry]:
        """End of file: complete the last entry and return all of them."""
        if self.state == _ID:
            raise self.fail("missing 'msgstr' section", self._cur().line)
        if self.state == _PLURAL:
            raise self.fail("missing 'msgstr[]' section", self._cur().line)
        if self.state == _CTXT:
            raise self.fail("syntax error: 'msgctxt' without 'msgid'", self._cur().line)
        if self.state != _IDLE:
            self._finish_entry()
        return self.entries

    # -- helpers --------------------------------------------------------------------------

    def _cur(self) -> Entry:
        assert self.cur is not None
        return self.cur

    def _close_before_comment(self) -> None:
        if self.state in (_STR_STATE, _STRN):
            self._finish_entry()
        elif self.state == _ID:
            raise self.fail("missing 'msgstr' section", self._cur().line)
        elif self.state == _PLURAL:
            raise self.fail("missing 'msgstr[]' section", self._cur().line)
        elif self.state == _CTXT:
            raise self.fail("syntax error: 'msgctxt' must be followed by 'msgid'", self._cur().line)

    def _check_obsolete(self, obsolete: bool, line: int) -> None:
        if self.cur is not None and self.cur.obsolete != obsolete:
            raise self.fail("inconsistent use of #~", line)

    def _start_entry(self, line: int, obsolete: bool) -> None:
        if self.prev and self.prev_obsolete != obsolete:
            raise self.fail("inconsistent use of #~", line)
        entry = Entry(msgid="", obsolete=obsolete, line=line)
        if self.comments:
            for text in self.comments:
                _attach_comment(entry, text)
            self.comments = []
        if self.prev:
            entry.previous_msgctxt = self.prev.get("msgctxt")
            entry.previous_msgid = self.prev.get("msgid")
            entry.previous_msgid_plural = self.prev.get("msgid_plural")
            self.prev = {}
            self.prev_field = None
        self.cur = entry

    def _finish_entry(self) -> None:
        entry = self._cur()
        first = self.seen.setdefault((entry.msgctxt, entry.msgid), entry.line)
        if first != entry.line:
            raise self.fail(f"duplicate message definition (first defined at line {first})",
                            entry.line)
        self.entries.append(entry)
        self.cur = None
        self.state = _IDLE
        self.target = None


def _strings(strs: str, line: int, codec: str, path: str) -> str:
    """Join and unescape the quoted strings of one keyword (``strs`` is their source)."""
    parts = [strs[strs.index('"') + 1:-1]] if strs.count('"') == 2 else _STR_PART.findall(strs)
    try:
        return "".join([_unescape(p, codec) for p in parts])
    except _BadEscape:
        pass
    except UnicodeDecodeError:
        raise POError("invalid multibyte sequence in an escape", path=path, line=line) from None
    for m in _STR_PART.finditer(strs):
        try:
            _unescape(m.group(1), codec)
        except _BadEscape:
            break
    raise POError("invalid control sequence", path=path, line=line + strs.count("\n", 0, m.start()))


def _unterminated(builder: _Builder, line: int) -> POError:
    """A string without its closing quote."""
    where = "end-of-file" if line == builder.last_line else "end-of-line"
    return builder.fail(f"{where} within string", line)


def _body(body: str, codec: str, path: str, line: int) -> str:
    """Unescape one string body, reporting a bad escape at ``line``."""
    try:
        return _unescape(body, codec)
    except _BadEscape:
        raise POError("invalid control sequence", path=path, line=line) from None
    except UnicodeDecodeError:
        raise POError("invalid multibyte sequence in an escape", path=path, line=line) from None


def _junk(text: str, line: int, builder: _Builder, at_line_start: bool) -> POError:
    """Describe the fault at an unparseable spot."""
    path = builder.path
    if at_line_start and _CONFLICT.match(text):
        return POError("git merge conflict marker", path=path, line=line)
    if text.startswith('"'):
        return _unterminated(builder, line)
    ident = _IDENT.match(text)
    if ident:
        return POError(f'keyword "{ident.group()}" unknown', path=path, line=line)
    return POError(f"syntax error at {text[:20]!r}", path=path, line=line)


_STR_AT = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"[ \t\f\v]*\Z')
_KEYWORDS = {"msgid": ("msgid", None), "msgstr": ("msgstr", None), "msgctxt": ("msgctxt", None),
             "msgid_plural": ("msgid_plural", None),
             **{f"msgstr[{i}]": ("msgstr", str(i)) for i in range(10)}}


def _tokenize(text: str, builder: _Builder, codec: str, path: str, first_line: int = 1) -> None:
    """Feed every token of ``text`` to ``builder``, line by line.

    PO tokens never span lines, so each line is handled alone: the usual shapes (a
    keyword and one string, a continuation string, a comment, a blank line) take a fast
    path, anything else goes through the general tokenizer. ``first_line`` is the number
    of the first line of ``text`` in its file.
    """
    keyword, string, comment = builder.keyword, builder.string, builder.comment
    str_at = _STR_AT.match
    for number, raw in enumerate(text.split("\n"), first_line):
        head = raw[:1]
        if head == '"':
            # A string without escapes or inner quotes needs no regex (the usual case).
            if raw[-1] == '"' and len(raw) > 1:
                body = raw[1:-1]
                if '"' not in body and "\\" not in body:
                    string(body, number, False)
                    continue
            m = str_at(raw)
            if m is not None:
                body = m.group(1)
                string(_body(body, codec, path, number) if "\\" in body else body, number, False)
                continue
        elif head == "m":
            q = raw.find('"')
            kw = _KEYWORDS.get(raw[:q].rstrip(" \t")) if q > 0 else None
            if kw is not None and raw[-1] == '"' and len(raw) > q + 1:
                body = raw[q + 1:-1]
                if '"' not in body and "\\" not in body:
                    keyword(kw[0], kw[1], body, number, False)
                    continue
            m = str_at(raw, q) if kw is not None else None
            if kw is not None and m is not None:
                body = m.group(1)
                if "\\" in body:
                    body = _body(body, codec, path, number)
                keyword(kw[0], kw[1], body, number, False)
                continue
        elif head == "#":
            if raw[1:2] in ("~", "|"):
                _hash_line(raw, number, builder, codec, path)
            else:
                comment(raw[1:])
            continue
        elif not raw or raw.isspace():
            continue
        _sub_line(raw, number, builder, codec, path, obsolete=False, previous=False)


def _keyword(m: re.Match[str], line: int, builder: _Builder, codec: str, path: str, *,
             obsolete: bool, previous: bool = False) -> None:
    """Handle one keyword token with its strings."""
    kw = m.group("kw")
    strs = m.group("strs")
    if kw == "domain":
        raise POError("'domain' directives are not supported", path=path, line=line)
    if not strs:
        rest = m.string[m.end():].lstrip(" \t")
        if rest.startswith('"'):
            raise _unterminated(builder, line)
        raise POError(f"syntax error: '{kw}' without a string", path=path, line=line)
    value = _strings(strs, line, codec, path)
    if previous:
        builder.previous(kw, value, line, obsolete)
    else:
        builder.keyword(kw, m.group("idx"), value, line, obsolete)


def _hash_line(text: str, line: int, builder: _Builder, codec: str, path: str) -> None:
    """A line starting with ``#``: a comment, an obsolete line or a previous-string line."""
    second = text[1:2]
    if second == "~":
        rest = text[2:]
        if rest.startswith("|"):
            _sub_line(rest[1:], line, builder, codec, path, obsolete=True, previous=True)
        else:
            _sub_line(rest, line, builder, codec, path, obsolete=True, previous=False)
    elif second == "|":
        _sub_line(text[2:], line, builder, codec, path, obsolete=False, previous=True)
    else:
        builder.comment(text[1:])


def _sub_line(text: str, line: int, builder: _Builder, codec: str, path: str, *,
              obsolete: bool, previous: bool) -> None:
    """Tokenize the rest of a ``#~`` or ``#|`` line."""
    pos = 0
    while True:
        m = _TOKEN.match(text, pos)
        assert m is not None
        kind = m.lastgroup
        pos = m.end()
        if kind == "E":
            return
        if kind == "K":
            _keyword(m, line, builder, codec, path, obsolete=obsolete, previous=previous)
        elif kind == "S":
            value = _strings(m.group("S"), line, codec, path)
            if previous:
                builder.previous_string(value, line)
            else:
                builder.string(value, line, obsolete)
        elif kind == "H" and not previous:
            builder.comment(m.group("H")[1:])
        else:
            spot = kind or "J"
            at_start = not (obsolete or previous) and not text[:m.start(spot)].strip()
            raise _junk(m.group(spot), line, builder, at_start)


# ---------------------------------------------------------------------------------------------
# Plural-Forms
# ---------------------------------------------------------------------------------------------

_MASK = (1 << 64) - 1  # GNU evaluates in unsigned long
_PLURAL_TOKEN = re.compile(r"[ \t\n]*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()])|(;|$)|(.))")
_BINARY: dict[str, Callable[[int, int], int]] = {
    "||": lambda a, b: int(bool(a) or bool(b)),
    "&&": lambda a, b: int(bool(a) and bool(b)),
    "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: (a + b) & _MASK, "-": lambda a, b: (a - b) & _MASK,
    "*": lambda a, b: (a * b) & _MASK, "/": lambda a, b: a // b, "%": lambda a, b: a % b,
}
_LEVELS: tuple[tuple[str, ...], ...] = (
    ("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))

_Eval = Callable[[int], int]


class _PluralParser:
    """Recursive-descent parser of gettext's C plural expressions into closures."""

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

    def parse(self) -> _Eval:
        func = self._ternary()
        if self.pos != len(self.tokens):
            raise ValueError("invalid plural expression")
        return func

    def _peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _take(self, expected: str) -> None:
        if self._peek() != expected:
            raise ValueError("invalid plural expression")
        self.pos += 1

    def _ternary(self) -> _Eval:
        cond = self._binary(0)
        if self._peek() != "?":
            return cond
        self.pos += 1
        yes = self._ternary()
        self._take(":")
        no = self._ternary()
        return lambda n: yes(n) if cond(n) else no(n)

    def _binary(self, level: int) -> _Eval:
        if level == len(_LEVELS):
            return self._unary()
        left = self._binary(level + 1)
        while self._peek() in _LEVELS[level]:
            op = _BINARY[self.tokens[self.pos]]
            self.pos += 1
            right = self._binary(level + 1)
            left = _combine(op, left, right)
        return left

    def _unary(self) -> _Eval:
        token = self._peek()
        self.pos += 1
        if token == "!":
            inner = self._unary()
            return lambda n: int(not inner(n))
        if token == "n":
            return lambda n: n
        if token == "(":
            inner = self._ternary()
            self._take(")")
            return inner
        if token is not None and token.isdigit():
            value = int(token) & _MASK
            return lambda n: value
        raise ValueError("invalid plural expression")


def _combine(op: Callable[[int, int], int], left: _Eval, right: _Eval) -> _Eval:
    """Bind one binary operator (a helper so each closure captures its own operands)."""
    return lambda n: op(left(n), right(n))


def plural_function(expr: str) -> Callable[[int], int]:
    """Compile a C plural expression such as ``n != 1`` into a function of n.

    The text may end with ``;`` and anything after it. Arithmetic is unsigned 64-bit like
    GNU's; division by zero raises ZeroDivisionError when evaluated. Raises ValueError for
    a malformed expression. Never uses ``eval``.
    """
    func = _PluralParser(expr).parse()
    return lambda n: func(n & _MASK)


def _nplurals_value(header_value: str) -> int:
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
    nplurals = _nplurals_value(header_value)
    pos = header_value.find("plural=")
    if pos < 0:
        raise ValueError('header entry lacks a "plural=EXPRESSION" attribute')
    func, _ = _checked_plural(nplurals, header_value[pos + 7:])
    return nplurals, func


@lru_cache(maxsize=256)
def _checked_plural(nplurals: int, expr: str) -> tuple[Callable[[int], int], tuple[int, ...]]:
    """Compile and range-check an expression once per process: every catalog of a
    language has the same one, and checking it evaluates it 1,001 times."""
    func = plural_function(expr)
    return func, tuple(_check_plural_range(nplurals, func))


def _check_plural_range(nplurals: int, func: Callable[[int], int]) -> list[int]:
    """Evaluate for n in 0..1000 like GNU; return how often each form occurs (capped at 5)."""
    counts = [0] * nplurals
    for n in range(1001):
        try:
            value = func(n)
        except ZeroDivisionError:
            raise ValueError("plural expression can produce division by zero") from None
        if value >= 1 << 63:
            raise ValueError("plural expression can produce negative values")
        if value >= nplurals:
            raise ValueError(f"nplurals = {nplurals} but plural expression can produce values "
                             f"as large as {value}")
        counts[value] = min(counts[value] + 1, 5)
    return counts


# ---------------------------------------------------------------------------------------------
# Format strings (the subset of GNU's format-*.c that msgfmt -c checks for our flags)
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Format:
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


def _parse_c_format(text: str) -> _Format:
    """Parse a C format string like GNU's format-c.c (without the <PRI...> macros)."""
    fmt = _Format()
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


def _parse_python_brace(text: str) -> _Format:
    """Parse a Python ``str.format`` string (names only, like GNU's format-python-brace.c)."""
    fmt = _Format()
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


def _parse_python_format(text: str) -> _Format:
    """Parse a Python ``%`` format string (names, counts and conversion types)."""
    fmt = _Format()
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


_FORMAT_PARSERS: dict[str, Callable[[str], _Format]] = {
    "c-format": _parse_c_format,
    "python-format": _parse_python_format,
    "python-brace-format": _parse_python_brace,
}
_FORMAT_LABEL = {"c-format": "C", "python-format": "Python",
                 "python-brace-format": "Python brace"}


def _compare_formats(flag: str, msgid: _Format, msgstr: _Format, strict: bool,
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


# ---------------------------------------------------------------------------------------------
# msgfmt -c checks
# ---------------------------------------------------------------------------------------------


def _checked(entry: Entry) -> bool:
    """True for the entries msgfmt checks: active, translated, not fuzzy (header excepted)."""
    if entry.obsolete:
        return False
    first = entry.msgstr_plural[0] if entry.msgid_plural is not None else entry.msgstr
    if not first:
        return False
    return entry.is_header or not entry.fuzzy


def _header_problems(catalog: Catalog, path: str) -> Iterator[POError]:
    """A header is required as soon as the file has entries."""
    if not catalog.entries:
        return
    head = catalog.header
    if head is None or not head.msgstr:
        line = head.msgstr_line if head is not None else catalog.entries[0].line
        yield POError("PO file header missing or invalid", path=path, line=line)


def _plural_problems(catalog: Catalog, path: str) -> Iterator[POError | list[int]]:
    """msgfmt's check_plural; yields errors, then the plural distribution if all is well."""
    head = catalog.header
    plural = [e for e in catalog.entries if e.msgid_plural is not None and _checked(e)]
    value = head.msgstr if head is not None else ""
    has_plural, has_nplurals = "plural=" in value, "nplurals=" in value
    if plural and not has_plural:
        yield POError('message catalog has plural form translations, but header entry lacks '
                      'a "plural=EXPRESSION" attribute', path=path, line=plural[0].msgstr_line)
    if plural and not has_nplurals:
        yield POError('message catalog has plural form translations, but header entry lacks '
                      'a "nplurals=INTEGER" attribute', path=path, line=plural[0].msgstr_line)
    if head is None or not (has_plural and has_nplurals):
        yield [0, 1]  # GNU's default distribution: (n != 1), form 1 is the "often" one
        return
    try:
        nplurals = _nplurals_value(value)
        counts = list(_checked_plural(nplurals, value[value.find("plural=") + 7:])[1])
    except ValueError as exc:
        yield POError(str(exc), path=path, line=head.msgstr_line)
        return
    forms = [(len(e.msgstr_plural), e) for e in plural]
    if forms:
        fewest, most = min(forms, key=lambda f: f[0]), max(forms, key=lambda f: f[0])
        if fewest[0] < nplurals:
            only = "only one plural form" if fewest[0] == 1 else f"only {fewest[0]} plural forms"
            yield POError(f"nplurals = {nplurals}, but some messages have {only}",
                          path=path, line=fewest[1].msgstr_line)
        elif most[0] > nplurals:
            yield POError(f"nplurals = {nplurals}, but some messages have {most[0]} plural "
                          "forms", path=path, line=most[1].msgstr_line)
    yield [1 if c >= 5 else 0 for c in counts]


def _newline_mismatch(msgid: str, msgstr: str) -> bool:
    """Quick test: do msgid and msgstr disagree on a leading or trailing newline?"""
    return (msgid[:1] == "\n") != (msgstr[:1] == "\n") or (
        msgid[-1:] == "\n") != (msgstr[-1:] == "\n")


def _newline_problems(entry: Entry) -> Iterator[str]:
    """msgfmt's test that msgid and translations agree on a leading/trailing newline."""
    msgid = entry.msgid
    others: list[tuple[str, str]] = []
    if entry.msgid_plural is not None:
        others.append(("msgid_plural", entry.msgid_plural))
        others += [(f"msgstr[{j}]", s) for j, s in enumerate(entry.msgstr_plural)]
    else:
        others.append(("msgstr", entry.msgstr))
    for name, text in others:
        if text.startswith("\n") != msgid.startswith("\n"):
            yield f"'msgid' and '{name}' entries do not both begin with '\\n'"
    for name, text in others:
        if text.endswith("\n") != msgid.endswith("\n"):
            yield f"'msgid' and '{name}' entries do not both end with '\\n'"


def _format_problems(entry: Entry, often: list[int]) -> Iterator[str]:
    """msgfmt's format string test for the format flags we know."""
    for flag in entry.flags:
        parser = _FORMAT_PARSERS.get(flag)
        if parser is None:
            continue
        source = entry.msgid_plural if entry.msgid_plural is not None else entry.msgid
        msgid = parser(source)
        if msgid.error is not None:
            continue  # GNU checks translations only against valid msgids
        if entry.msgid_plural is None:
            pairs = [("msgid", "msgstr", entry.msgstr, True)]
        else:
            pairs = [("msgid_plural", f"msgstr[{j}]", s,
                      len(entry.msgstr_plural) == 1 or (j < len(often) and bool(often[j])))
                     for j, s in enumerate(entry.msgstr_plural)]
        for id_name, str_name, text, strict in pairs:
            problem = _compare_formats(flag, msgid, parser(text), strict, id_name, str_name)
            if problem is not None:
                yield problem


def validate_catalog(catalog: Catalog) -> list[POError]:
    """Return every fault that ``msgfmt -c`` finds beyond syntax, in msgfmt's order.

    Covers the header's presence, Plural-Forms, plural form counts, leading/trailing
    newlines and c-format / python-format / python-brace-format directives. Like msgfmt,
    it skips obsolete, untranslated and fuzzy entries.
    """
    path = catalog.path or "<catalog>"
    errors: list[POError] = list(_header_problems(catalog, path))
    often: list[int] = [0, 1]
    for item in _plural_problems(catalog, path):
        if isinstance(item, POError):
            errors.append(item)
        else:
            often = item
    for entry in catalog.entries:
        if entry.is_header or not _checked(entry):
            continue
        if entry.msgid_plural is not None or _newline_mismatch(entry.msgid, entry.msgstr):
            for message in _newline_problems(entry):
                errors.append(POError(message, path=path, line=entry.msgstr_line))
        if entry.flags:
            for message in _format_problems(entry, often):
                errors.append(POError(message, path=path, line=entry.msgstr_line))
    return errors


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def parse_po(data: bytes, *, path: str, check: bool = True) -> Catalog:
    """Parse the bytes of a PO/POT file strictly; raise POError on the first fault.

    With ``check`` (the default) the file must also pass ``msgfmt -c``'s checks (see
    :func:`validate_catalog`); ``check=False`` accepts what ``msgcat`` accepts, e.g. a POT
    file without a header. Empty or whitespace-only input is an empty catalog.
    """
    if data.startswith(codecs.BOM_UTF8):
        raise POError("UTF-8 byte order mark (BOM) at the start of the file", path=path, line=1)
    if not data.strip():
        return Catalog(path=path)
    declared, header_line = _sniff_charset(data)
    codec = _codec_for(declared, path=path, line=header_line)
    builder = _Builder(path)
    # The entries are acyclic: collecting garbage while building 50,000 of them only costs
    # time (half of the parse).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _feed(data, builder, codec, path)
        entries = builder.finish()
    finally:
        if collecting:
            gc.enable()
    catalog = Catalog(entries=entries, charset=declared, path=path)
    head = catalog.header
    found = _header_charset(head.msgstr) if head is not None else None
    if (found or "ASCII") != declared:
        line = head.msgstr_line if head is not None else 1
        raise POError("the header's charset could not be read before decoding", path=path,
                      line=line)
    if check:
        errors = validate_catalog(catalog)
        if errors:
            raise errors[0]
    return catalog


_CHUNK = 1 << 22
"""Bytes decoded and split into lines at a time: the whole text is never held twice."""


def _feed(data: bytes, builder: _Builder, codec: str, path: str) -> None:
    """Decode ``data`` and tokenize it, a few MiB of lines at a time.

    Every supported charset encodes a newline as the byte 0x0A and never uses that byte
    inside a multibyte character, so the chunks are cut after a newline byte. Faults are
    reported as if the whole file had been decoded first: an invalid byte anywhere wins
    over a syntax error.
    """
    if b"\n" not in data:
        # Lone-CR line ends (or one line): small or unusual, take it whole.
        text = _decode(data, codec, path=path).replace("\r", "\n")
        if not text.endswith("\n"):
            builder.last_line = text.count("\n") + 1
        _tokenize(text, builder, codec, path)
        return
    if not data.endswith(b"\n"):
        builder.last_line = data.count(b"\n") + 1
    start, line = 0, 1
    while start < len(data):
        end = data.find(b"\n", start + _CHUNK)
        end = len(data) if end < 0 else end + 1
        try:
            text = data[start:end].decode(codec)
        except UnicodeDecodeError:
            _decode(data, codec, path=path)  # raises with the line of the first bad byte
            raise
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        if text.endswith("\n"):
            text = text[:-1]  # the next chunk starts the next line
        try:
            _tokenize(text, builder, codec, path, line)
        except POError:
            if end < len(data):
                try:
                    data[end:].decode(codec)
                except UnicodeDecodeError:
                    _decode(data, codec, path=path)  # a bad byte further on comes first
            raise
        line += text.count("\n") + 1
        start = end


def read_po(path: str | Path, *, check: bool = True) -> Catalog:
    """Read a PO/POT file strictly (see :func:`parse_po`); sets ``catalog.path``."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise POError(f"cannot read: {exc.strerror}", path=name) from None
    return parse_po(data, path=name, check=check)


# ---------------------------------------------------------------------------------------------
# Unicode line breaking (the UAX #14 pair-table algorithm of libunistring, which GNU uses)
# ---------------------------------------------------------------------------------------------

# Line breaking classes; the first 27 index the pair table below.
(WJ, GL, B2, BA, BB, HY, CL, CP, EX, IN, NS, OP, QU, IS, NU, PO, PR, SY, AL, H2, H3, ID, JL, JV,
 JT, HL, RI, BK, SP, ZW, CM) = range(31)

# Rows: class before; columns: class after. D: break allowed, I: only after spaces, P: never.
_PAIRS = [row.replace(" ", "") for row in (
    "PIIIIIPPPIIIIPIIIPIIIIIIIII", "PIIIIIPPPIIIIPIIIPIIIIIIIII", "PIPIDIPPPDIDIPDDDPDDDDDDDDD",
    "PDDIDIPPPDIDIPDDDPDDDDDDDDD", "PIIIIIPPPIIIIPIIIPIIIIIIIII", "PDDIDIPPPDIDIPIDDPDDDDDDDDD",
    "PIDIDIPPPDPDIPDIIPDDDDDDDDD", "PIDIDIPPPDPDIPIIIPIDDDDDDID", "PIDIDIPPPIIDIPDDDPDDDDDDDDD",
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD", "PIDIDIPPPDIDIPDDDPDDDDDDDDD", "PPPPPPPPPPPPPPPPPPPPPPPPPPP",
    "PIIIIIPPPIIPIPIIIPIIIIIIIII", "PIDIDIPPPDIDIPIDDPDDDDDDDDD", "PIDIDIPPPIIIIPIIIPIDDDDDDID",
    "PIDIDIPPPDIIIPIDDPIDDDDDDID", "PIDIDIPPPDIIIPIDDPIIIIIIIID", "PIDIDIPPPDIDIPIDDPDDDDDDDID",
    "PIDIDIPPPIIIIPIIIPIDDDDDDID", "PIDIDIPPPIIDIPDIDPDDDDDIIDD", "PIDIDIPPPIIDIPDIDPDDDDDDIDD",
    "PIDIDIPPPIIDIPDIDPDDDDDDDDD", "PIDIDIPPPIIDIPDIDPDIIDIIDDD", "PIDIDIPPPIIDIPDIDPDDDDDIIDD",
    "PIDIDIPPPIIDIPDIDPDDDDDDIDD", "PIDIDIPPPIIIIPIIIPIDDDDDDID", "PIDIDIPPPDIDIPDDDPDDDDDDIDI",
)]
# Newer UAX #14 (libunistring 1.0): never break before IN (LB22).
_PAIRS = [row if row == "P" * 27 else row[:IN] + "I" + row[IN + 1:] for row in _PAIRS]

_ASCII_CLASSES = (
    [CM] * 9 + [BA, BK, BK, BK, BK] + [CM] * 18
    + [SP, EX, QU, AL, PR, PO, AL, QU, OP, CP, AL, PR, IS, HY, IS, SY]
    + [NU] * 10 + [IS, IS, AL, AL, AL, EX, AL] + [AL] * 26 + [OP, PR, CP, AL, AL, AL]
    + [AL] * 26 + [OP, BA, CL, AL, CM]
)
_EXPLICIT_CLASSES = {
    0x00A0: GL, 0x00A1: OP, 0x00A2: PO, 0x00A3: PR, 0x00A4: PR, 0x00A5: PR, 0x00AB: QU,
    0x00AD: BA, 0x00B0: PO, 0x00B1: PR, 0x00B4: BB, 0x00BB: QU, 0x00BF: OP, 0x02C8: BB,
    0x02CC: BB, 0x02DF: BB, 0x034F: GL, 0x0589: IS, 0x058A: BA, 0x05BE: BA, 0x060C: IS,
    0x060D: IS, 0x061B: EX, 0x061F: EX, 0x066A: PO, 0x06D4: EX, 0x0964: BA, 0x0965: BA,
    0x0F0B: BA, 0x0F0C: GL, 0x1361: BA, 0x1680: BA, 0x17D4: BA, 0x17D5: BA, 0x180E: GL,
    0x2007: GL, 0x200B: ZW, 0x200D: CM, 0x2010: BA, 0x2011: GL, 0x2012: BA, 0x2013: BA,
    0x2014: B2, 0x2018: QU, 0x2019: QU, 0x201A: OP, 0x201B: QU, 0x201C: QU, 0x201D: QU,
    0x201E: OP, 0x201F: QU, 0x2024: IN, 0x2025: IN, 0x2026: IN, 0x2027: BA, 0x2028: BK,
    0x2029: BK, 0x202F: GL, 0x2039: QU, 0x203A: QU, 0x203C: NS, 0x203D: NS, 0x2044: IS,
    0x2047: NS, 0x2048: NS, 0x2049: NS, 0x2060: WJ, 0x20A7: PO, 0x20B6: PO, 0x20BB: PO,
    0x20BE: PO, 0x2103: PO, 0x2109: PO, 0x2116: PR, 0x2212: PR, 0x2213: PR, 0x3000: BA,
    0x3001: CL, 0x3002: CL, 0x3005: NS, 0x301C: NS, 0x303B: NS, 0x309D: NS, 0x309E: NS,
    0x30A0: NS, 0x30FB: NS, 0x30FC: NS, 0x30FD: NS, 0x30FE: NS, 0xFE50: CL, 0xFE52: CL,
    0xFEFF: WJ, 0xFF01: EX, 0xFF04: PR, 0xFF05: PO, 0xFF0C: CL, 0xFF0E: CL, 0xFF1A: NS,
    0xFF1B: NS, 0xFF1F: EX, 0xFFE0: PO, 0xFFE1: PR, 0xFFE5: PR, 0xFFE6: PR,
    **dict.fromkeys(range(0x2030, 0x2038), PO), **dict.fromkeys(range(0x2000, 0x2007), BA),
    **dict.fromkeys(range(0x2008, 0x200B), BA), **dict.fromkeys(range(0x20A0, 0x20D0), PR),
    **dict.fromkeys((0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087,
                     0x308E, 0x3095, 0x3096, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3,
                     0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, *range(0x31F0, 0x3200)),
                    NS),
}
_CATEGORY_CLASSES = {"Mn": CM, "Me": CM, "Mc": CM, "Cc": CM, "Nd": NU, "Ps": OP, "Pe": CL,
                     "Pi": QU, "Pf": QU, "Zs": BA, "Zl": BK, "Zp": BK}


@lru_cache(maxsize=4096)
def _break_class(char: str) -> int:
    """The line breaking class of a character (a practical subset of LineBreak.txt)."""
    code = ord(char)
    if code < 0x80:
        return _ASCII_CLASSES[code]
    known = _EXPLICIT_CLASSES.get(code)
    if known is not None:
        return known
    if 0xAC00 <= code <= 0xD7A3:
        return H2 if (code - 0xAC00) % 28 == 0 else H3
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return JL
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return JV
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return JT
    if 0x05D0 <= code <= 0x05F2 or 0xFB1D <= code <= 0xFB4F:
        return HL
    if 0x1F1E6 <= code <= 0x1F1FF:
        return RI
    category = unicodedata.category(char)
    by_category = _CATEGORY_CLASSES.get(category)
    if by_category is not None:
        if category in ("Ps", "Pe") and unicodedata.east_asian_width(char) in "WF":
            return by_category  # fullwidth brackets keep OP/CL
        return by_category
    if category == "Sc":
        return PR
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return ID
    return AL


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    """Columns a character takes (libunistring's uc_width for a non-CJK charset)."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0
    if code < 0x300:
        return 1
    if unicodedata.category(char) in ("Mn", "Me", "Cf") and code != 0x00AD:
        return 0
    if 0x1160 <= code <= 0x11FF:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


_POSSIBLE, _PROHIBITED, _MANDATORY = 1, 0, 2


def _possible_breaks(text: str) -> list[int]:
    """``u8_possible_linebreaks``: for each character, may the line break before it?"""
    result = [_PROHIBITED] * len(text)
    last = BK
    hebrew_hyphen = False
    seen_space = False
    for i, char in enumerate(text):
        prop = _break_class(char)
        if prop == BK:
            result[i] = _MANDATORY
            last, seen_space, hebrew_hyphen = BK, False, False
            continue
        if prop == SP:
            seen_space = True
            continue
        if prop == ZW:
            last, seen_space, hebrew_hyphen = ZW, False, False
            continue
        if prop == CM:
            if last == ZW:
                result[i] = _POSSIBLE
                last = AL
                continue
            if not seen_space and last != BK:
                continue  # part of the previous character (LB9)
            prop = AL  # a lone combining mark (LB10)
        if last == BK:
            pass
        elif last == ZW:
            result[i] = _POSSIBLE
        elif hebrew_hyphen and not seen_space:
            pass  # LB21a: no break after a Hebrew letter and a hyphen
        else:
            rule = _PAIRS[last][prop]
            if prop == OP and last in (NU, AL, HL) and _char_width(char) == 2:
                rule = "D"  # LB30 applies to narrow opening brackets only
            if rule == "D" or (rule == "I" and seen_space):
                result[i] = _POSSIBLE
        hebrew_hyphen = last == HL and prop in (HY, BA) and not seen_space
        last, seen_space = prop, False
    return result


def _width_breaks(text: str, width: int, start_column: int,
                  overrides: list[int | None]) -> list[int]:
    """``ulc_width_linebreaks``: the positions where a line break is inserted."""
    possible = _possible_breaks(text)
    breaks: list[int] = []
    last_p: int | None = None
    last_column = start_column
    piece = 0
    for i, char in enumerate(text):
        brk = overrides[i]
        if brk is None:
            brk = possible[i]
        if brk != _PROHIBITED and last_p is not None and last_column + piece > width:
            breaks.append(last_p)
            last_column = 0
        if brk == _MANDATORY:
            last_p, last_column, piece = None, 0, 0
            continue
        if brk == _POSSIBLE:
            last_p = i
            last_column += piece
            piece = 0
        piece += _char_width(char)
    if last_p is not None and last_column + piece > width:
        breaks.append(last_p)
    return breaks


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

#: The flags GNU writes, in its order (fuzzy, the *-format family of gettext 0.21, no-wrap).
_FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)
FLAG_ORDER = ("fuzzy", *(f"{lang}-format" for lang in _FORMAT_LANGUAGES), "range", "no-wrap")
"""Flag order in GNU's ``#,`` line; ``range`` stands for ``range: MIN..MAX``."""

_RANGE = re.compile(r"range: ?([0-9]+)\.\.([0-9]+)")


def canonical_flags(entry: Entry) -> list[str]:
    """Return the flags as msgcat writes them: GNU's order, the last of each kind wins.

    ``fuzzy`` is dropped when the entry has no translation and unknown flags are dropped,
    as GNU does.
    """
    formats: dict[str, str] = {}
    range_flag: str | None = None
    no_wrap = False
    for flag in entry.flags:
        lang = flag.removeprefix("no-").removesuffix("-format")
        if flag.endswith("-format") and lang in _FORMAT_LANGUAGES:
            formats[lang] = flag
        elif flag in ("wrap", "no-wrap"):
            no_wrap = flag == "no-wrap"
        elif (m := _RANGE.fullmatch(flag)) is not None:
            range_flag = f"range: {int(m.group(1))}..{int(m.group(2))}"
    first = entry.msgstr_plural[0] if entry.msgstr_plural else entry.msgstr
    flags = ["fuzzy"] if entry.fuzzy and first else []
    flags += [formats[lang] for lang in _FORMAT_LANGUAGES if lang in formats]
    if range_flag is not None:
        flags.append(range_flag)
    if no_wrap:
        flags.append("no-wrap")
    return flags


def _directive_inner(entry: Entry, value: str) -> set[int]:
    """Offsets inside format directives (not their first character): no break before them."""
    for flag in entry.flags:
        parser = _FORMAT_PARSERS.get(flag)
        if parser is not None:
            return {i for start, end in parser(value).spans for i in range(start + 1, end)}
    return set()


_WIDE = re.compile("[\u1100-\U0010ffff]")


def _wrap(out: list[str], prefix: str, name: str, value: str, *, wrap: bool,
          inner: set[int]) -> None:
    """Write ``name "value"`` like GNU's ``wrap()`` in write-po.c (non-indented style)."""
    width = (PAGE_WIDTH if wrap else 1 << 30) - 1 - (len(prefix) + 1)
    portions = value.split("\n")
    if len(portions) > 1 and portions[-1] == "":
        portions.pop()
    first = True
    offset = 0
    for k, portion in enumerate(portions):
        has_newline = offset + len(portion) < len(value)
        text = portion + ("\n" if has_newline else "")
        escaped = _escape(text)
        start = len(name) + 1 if first else 0
        simple = not inner and _WIDE.search(escaped) is None
        more = k + 1 < len(portions)
        breaks: list[int] = []
        chunks = [escaped]
        if not (simple and start + len(escaped) <= width):
            # Break opportunities do not depend on the start column: find them once.
            prepared = _prepare(text, offset, inner)
            if not (first and escaped and (more or start > width)):
                chunks, breaks = _split(prepared, text, offset, width, start, inner)
        if first and escaped and (more or start > width or breaks):
            out.append(f'{prefix}{name} ""\n')
            first = False
            start = 0
            if simple and len(escaped) <= width:
                chunks = [escaped]
            else:
                chunks, breaks = _split(prepared, text, offset, width, start, inner)
        lead = f"{prefix}{name} " if first else prefix
        out.append(f'{lead}"' + f'"\n{prefix}"'.join(chunks) + '"\n')
        first = False
        offset += len(text)
    if first:
        out.append(f'{prefix}{name} ""\n')


class _FastClasses(dict[int, str]):
    """Code point -> its line breaking class as one character, for ``str.translate``.

    Characters that need the full algorithm (mandatory breaks, zero-width spaces,
    combining marks, Hebrew letters, anything not one column wide) map to ``_SLOW``.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        cls = _break_class(char)
        slow = cls in (BK, ZW, CM, HL) or _char_width(char) != 1
        value = _SLOW if slow else chr(0x30 + cls)
        self[code] = value
        return value


_SLOW = "\x7f"
_FAST_CLASSES = _FastClasses()
_FAST_SPACE = chr(0x30 + SP)


def _pair_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes over a class string that end where a break is possible: between two
    characters ("D" pairs), and after spaces ("D" or "I" pairs)."""
    direct: dict[str, str] = {}
    spaced: dict[str, str] = {}
    for before, row in enumerate(_PAIRS):
        a = re.escape(chr(0x30 + before))
        d = "".join(re.escape(chr(0x30 + b)) for b, r in enumerate(row) if r == "D")
        i = "".join(re.escape(chr(0x30 + b)) for b, r in enumerate(row) if r != "P")
        if d:
            direct[d] = direct.get(d, "") + a
        if i:
            spaced[i] = spaced.get(i, "") + a
    return (re.compile("|".join(f"[{a}](?=[{b}])" for b, a in direct.items())),
            re.compile("|".join(f"[{a}]{_FAST_SPACE}+(?=[{b}])" for b, a in spaced.items())))


_DIRECT_BREAK, _SPACED_BREAK = _pair_patterns()


def _prepare(text: str, offset: int, inner: set[int]) -> tuple[str, list[int]] | None:
    """The escaped text and where it may break, or None when it needs the full algorithm.

    Only text whose characters are one column wide and need no special rule, outside
    format directives, is prepared: the pair table becomes two regexes over its classes.
    """
    if inner and any(offset <= i < offset + len(text) for i in inner):
        return None
    escaped = _escape(text)
    classes = escaped.translate(_FAST_CLASSES)
    if _SLOW in classes:
        return None
    possible = [m.end() for m in _DIRECT_BREAK.finditer(classes)]
    spaced = [m.end() for m in _SPACED_BREAK.finditer(classes)]
    if spaced:
        possible = sorted(possible + spaced) if possible else spaced
    if len(escaped) != len(text):
        # The second character of an escape sequence is never a break opportunity,
        # nor is the backslash of a final "\n".
        prohibited = {m.start() + shift + 1
                      for shift, m in enumerate(_NEEDS_ESCAPE.finditer(text))}
        if text.endswith("\n"):
            prohibited.add(len(escaped) - 2)
        possible = [p for p in possible if p not in prohibited]
    return escaped, possible


def _fill(escaped: str, possible: list[int], width: int, start: int,
          ) -> tuple[list[str], list[int]]:
    """:func:`_width_breaks` for prepared text, visiting only its break opportunities."""
    breaks: list[int] = []
    last_p = -1
    column = start
    piece_start = 0
    for position in possible:
        piece = position - piece_start
        if last_p >= 0 and column + piece > width:
            breaks.append(last_p)
            column = 0
        last_p = position
        column += piece
        piece_start = position
    if last_p >= 0 and column + len(escaped) - piece_start > width:
        breaks.append(last_p)
    if not breaks:
        return [escaped], breaks
    bounds = [0, *breaks, len(escaped)]
    return [escaped[a:b] for a, b in itertools.pairwise(bounds)], breaks


def _split(prepared: tuple[str, list[int]] | None, text: str, offset: int, width: int,
           start: int, inner: set[int]) -> tuple[list[str], list[int]]:
    """Chunks and breaks of one portion, from its prepared form when it has one."""
    if prepared is not None:
        return _fill(*prepared, width, start)
    return _break_portion_slow(text, offset, width, start, inner)


def _break_portion(text: str, offset: int, width: int, start: int,
                   inner: set[int]) -> tuple[list[str], list[int]]:
    """Escape one portion and split it where GNU would break the line."""
    return _split(_prepare(text, offset, inner), text, offset, width, start, inner)


def _break_portion_slow(text: str, offset: int, width: int, start: int,
                        inner: set[int]) -> tuple[list[str], list[int]]:
    """:func:`_break_portion` for any text: one character at a time."""
    chars: list[str] = []
    overrides: list[int | None] = []
    for i, char in enumerate(text):
        piece = _ESCAPE_OUT.get(char, char)
        chars.extend(piece)
        overrides.append(_PROHIBITED if offset + i in inner else None)
        overrides.extend([_PROHIBITED] * (len(piece) - 1))
    if text.endswith("\n"):
        overrides[-2] = _PROHIBITED  # never break just before the final "\n"
    escaped = "".join(chars)
    breaks = _width_breaks(escaped, width, start, overrides)
    if not breaks:
        return [escaped], breaks
    bounds = [0, *breaks, len(escaped)]
    return [escaped[a:b] for a, b in itertools.pairwise(bounds)], breaks


def _references_lines(refs: list[str]) -> Iterator[str]:
    """``#:`` lines, filled up to the page width like GNU."""
    normalized: list[str] = []
    _add_references(normalized, " ".join(refs))
    line = "#:"
    column = 2
    for ref in normalized:
        length = len(ref) + 1
        if column > 2 and column + length > PAGE_WIDTH:
            yield line + "\n"
            line, column = "#:", 2
        line += " " + ref
        column += length
    yield line + "\n"


def _comment_lines(entry: Entry) -> Iterator[str]:
    """Translator, extracted, reference and flag comments, in GNU's order."""
    for text in entry.translator_comments:
        for part in text.split("\n"):
            yield f"# {part}\n" if part else "#\n"
    for text in entry.extracted_comments:
        yield f"#. {text}\n" if text else "#.\n"
    if entry.references:
        yield from _references_lines(entry.references)
    flags = canonical_flags(entry)
    if flags:
        yield "#, " + ", ".join(flags) + "\n"


def _write_entry(out: list[str], entry: Entry) -> None:
    """Append one entry (without the blank line that separates entries)."""
    out.extend(_comment_lines(entry))
    wrap = "no-wrap" not in canonical_flags(entry)
    prev_prefix = "#~| " if entry.obsolete else "#| "
    prefix = "#~ " if entry.obsolete else ""
    none: set[int] = set()
    for name, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                        ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            _wrap(out, prev_prefix, name, value, wrap=wrap, inner=_directive_inner(entry, value))
    if entry.msgctxt is not None:
        _wrap(out, prefix, "msgctxt", entry.msgctxt, wrap=wrap, inner=none)
    _wrap(out, prefix, "msgid", entry.msgid, wrap=wrap,
          inner=_directive_inner(entry, entry.msgid))
    if entry.msgid_plural is None:
        _wrap(out, prefix, "msgstr", entry.msgstr, wrap=wrap,
              inner=_directive_inner(entry, entry.msgstr))
        return
    _wrap(out, prefix, "msgid_plural", entry.msgid_plural, wrap=wrap,
          inner=_directive_inner(entry, entry.msgid_plural))
    for j, text in enumerate(entry.msgstr_plural or [""]):
        _wrap(out, prefix, f"msgstr[{j}]", text, wrap=wrap, inner=_directive_inner(entry, text))


def _written(entry: Entry) -> bool:
    """GNU drops obsolete entries without a translation."""
    if not entry.obsolete:
        return True
    return bool(entry.msgstr_plural[0] if entry.msgstr_plural else entry.msgstr)


def format_po(catalog: Catalog) -> bytes:
    """Serialize a catalog exactly as ``msgcat`` would print it, in the catalog's charset."""
    out: list[str] = []
    entries = [e for e in catalog.entries if not e.obsolete]
    entries += [e for e in catalog.entries if e.obsolete and _written(e)]
    for entry in entries:
        if out:
            out.append("\n")
        _write_entry(out, entry)
    text = "".join(out)
    head = catalog.header
    charset = (_header_charset(head.msgstr) if head is not None else None) or catalog.charset
    path = catalog.path or "<catalog>"
    codec = _codec_for(charset, path=path, line=head.msgstr_line if head is not None else 1)
    try:
        return text.encode(codec)
    except UnicodeEncodeError as exc:
        raise POError(f"text cannot be encoded in {charset}: {exc.object[exc.start:exc.end]!r}",
                      path=path) from None


def write_po(path: str | Path, catalog: Catalog) -> bool:
    """Write a catalog canonically and atomically; return True when the file changed."""
    target = Path(path)
    data = format_po(catalog)
    with fsio.locked(target):
        return fsio.write_atomic(target, data)


def format_files(paths: Iterable[Path], *, check: bool) -> list[Path]:
    """Rewrite PO/POT files in canonical form; return those that changed (or would change).

    Every file is read strictly first, so a malformed file raises POError before anything
    is written. With ``check`` nothing is written.
    """
    catalogs = [(Path(p), read_po(p, check=False)) for p in paths]
    changed: list[Path] = []
    for path, catalog in catalogs:
        data = format_po(catalog)
        if check:
            if path.read_bytes() != data:
                changed.append(path)
        elif write_po(path, catalog):
            changed.append(path)
    return changed
