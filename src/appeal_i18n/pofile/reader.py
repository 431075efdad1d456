"""The strict reader: a line tokenizer feeding a state machine that builds the entries."""

from __future__ import annotations

import codecs
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from appeal_i18n.errors import POError, POWarning
from appeal_i18n.model import DEFAULT_DOMAIN, Catalog, Entry
from appeal_i18n.pofile.charset import (
    codec_for,
    decode,
    header_charset,
    is_portable,
    sniff_charset,
)
from appeal_i18n.pofile.comments import attach_comment
from appeal_i18n.pofile.escapes import STRING, STRING_PART, BadEscape, unescape

_WS = "[ \\t\\f\\v\\r\\n]*"
_TOKEN = re.compile(
    _WS + r"(?:"
    r"(?P<K>(?P<kw>msgctxt|msgid_plural|msgid|msgstr|domain)(?![A-Za-z0-9_$])"
    r"(?:[ \t]*\[[ \t]*(?P<idx>[0-9]+)[ \t]*\])?"
    r"(?P<strs>(?:" + _WS + STRING + r")*))"
    r"|(?P<H>\#[^\n]*)"
    r"|(?P<S>" + STRING + r"(?:" + _WS + STRING + r")*)"
    r"|(?P<E>\Z)"
    r"|(?P<J>[^\n]*))"
)
_ONE_REF = re.compile(r": [^\s:]+:[1-9][0-9]*[ \t]*")
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_CONFLICT = re.compile(r"(?:<{7}|={7}|>{7}|\|{7})(?:[ \t]|$)")

_ID, _CTXT, _PLURAL, _STR_STATE, _STRN, _IDLE = "id", "ctxt", "plural", "str", "strn", "idle"


@dataclass(slots=True)
class _Builder:
    """The grammar of a PO file as a state machine fed with tokens; builds the entries."""

    path: str
    entries: list[Entry] = field(default_factory=list)
    seen: dict[str | tuple[str | None, ...], int] = field(default_factory=dict)
    """First line of each msgid, or ``(domain, msgctxt, msgid)`` (few tuples for the
    collector)."""
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
    pending: tuple[str, int] | None = None
    """A keyword still waiting for its first string (on a later line), and its line."""
    prev_line: int = 0
    """Line of the last ``#|`` keyword."""
    domain: str | None = None
    """The current ``domain`` directive's name (None: the default domain)."""
    refuse_domains: bool = False
    """``msgfmt -c -o FILE``: a ``domain`` directive is an error (one file, one domain)."""

    def fail(self, message: str, line: int) -> POError:
        """Build the error for this file."""
        return POError(message, path=self.path, line=line)

    # -- tokens ---------------------------------------------------------------------------

    def comment(self, text: str, line: int) -> None:
        """A ``#`` comment line (text after the ``#``)."""
        if self.pending is not None:
            self._check_pending()
        if self.prev:
            raise self.fail("syntax error: a comment between '#|' and 'msgid'", line)
        if self.state != _IDLE:
            self._close_before_comment()
        self.comments.append(text)
        self.target = None

    def set_domain(self, name: str, line: int) -> None:
        """A ``domain "name"`` directive: the entries after it belong to that domain."""
        self._check_pending()
        if self.prev:
            raise self.fail("syntax error: 'domain' after '#|' previous strings", line)
        self._close_before_comment()
        if self.refuse_domains:
            raise self.fail(f"'domain {name}' directive ignored", line)
        self.domain = None if name == DEFAULT_DOMAIN else name
        self.comments = []  # GNU drops the comments before a domain directive

    def previous(self, kw: str, value: str, line: int, obsolete: bool) -> None:
        """A ``#| msgid "..."`` line."""
        self._check_pending()
        self._close_before_comment()
        if kw not in ("msgctxt", "msgid", "msgid_plural"):
            raise self.fail(f"'{kw}' is not allowed in a '#|' comment", line)
        if kw not in _PREVIOUS_NEXT[self.prev_field]:
            raise self.fail(f"syntax error: unexpected '#| {kw}'", line)
        _no_eot(self, value, line)
        self.prev[kw] = value
        self.prev_field = kw
        self.prev_obsolete = obsolete
        self.prev_line = line
        self.target = None

    def previous_string(self, value: str, line: int) -> None:
        """A ``#| "..."`` continuation line."""
        if self.prev_field is None:
            raise self.fail("syntax error: string without a keyword", line)
        _no_eot(self, value, line)
        self.prev[self.prev_field] += value

    def string(self, value: str, line: int, obsolete: bool) -> None:
        """A string that continues the previous keyword's value."""
        entry = self.cur
        if entry is None or self.target is None:
            raise self.fail("syntax error: string without a keyword", line)
        self._check_obsolete(obsolete, line)
        _no_eot(self, value, line)
        self.pending = None
        target = self.target
        if isinstance(target, int):
            forms = entry.msgstr_plural
            entry.msgstr_plural = (*forms[:target], forms[target] + value, *forms[target + 1:])
        elif target == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif target == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif target == "msgid":
            entry.msgid += value
        else:
            entry.msgstr += value

    def keyword(self, kw: str, idx: str | None, value: str, line: int, obsolete: bool) -> None:
        """A keyword with its (joined, unescaped) strings; without any (``pending``), the
        first string must follow on a later line."""
        if self.pending is not None:
            self._check_pending()
        if "\x04" in value:
            _no_eot(self, value, line)
        state = self.state
        if kw == "msgstr" and idx is None and state == _ID:  # the usual second keyword
            entry = self._cur()
            if entry.obsolete != obsolete:
                raise self.fail("inconsistent use of #~", line)
            entry.msgstr, entry.msgstr_line = value, line
            self.state, self.target = _STR_STATE, kw
            return
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
        elif kw == "msgstr" and idx is not None and state == _ID:
            raise self.fail("missing 'msgid_plural' section", line)
        elif kw == "msgstr" and idx is not None and state in (_PLURAL, _STRN):
            if int(idx) != len(entry.msgstr_plural):
                raise self.fail("plural form has wrong index", line)
            if not entry.msgstr_plural:
                entry.msgstr_line = line
            entry.msgstr_plural += (value,)
            self.state, self.target = _STRN, len(entry.msgstr_plural) - 1
        elif kw == "msgstr" and state == _PLURAL:
            raise self.fail("syntax error: a plural entry needs 'msgstr[0]', not 'msgstr'", line)
        elif state in (_STR_STATE, _STRN):
            raise self.fail(f"syntax error: '{kw}' before 'msgid'", line)
        else:
            raise self.fail(f"syntax error: unexpected '{kw}'", line)

    def finish(self) -> list[Entry]:
        """End of file: complete the last entry and return all of them."""
        self._check_pending()
        if self.prev:
            raise self.fail("syntax error: '#|' previous strings without an entry",
                            self.prev_line)
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

    def _check_pending(self) -> None:
        if self.pending is not None:
            kw, line = self.pending
            raise self.fail(f"syntax error: '{kw}' without a string", line)

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
        if self.prev and "msgid" not in self.prev:
            raise self.fail("syntax error: '#| msgctxt' without '#| msgid'", line)
        entry = Entry(msgid="", obsolete=obsolete, line=line, domain=self.domain)
        if self.comments:
            for text in self.comments:
                _file_comment(entry, text)
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
        key: str | tuple[str | None, ...] = (
            entry.msgid if entry.msgctxt is None and entry.domain is None
            else (entry.domain, entry.msgctxt, entry.msgid))
        first = self.seen.setdefault(key, entry.line)
        if first != entry.line:
            raise self.fail(f"duplicate message definition (first defined at line {first})",
                            entry.line)
        self.entries.append(entry)
        self.cur = None
        self.state = _IDLE
        self.target = None


#: The ``#|`` keyword that may follow each (None: none yet), in GNU's grammar.
_PREVIOUS_NEXT: dict[str | None, tuple[str, ...]] = {
    None: ("msgctxt", "msgid"), "msgctxt": ("msgid",), "msgid": ("msgid_plural",),
    "msgid_plural": ()}


def _no_eot(builder: _Builder, value: str, line: int) -> None:
    """msgctxt EOT msgid is the MO key: GNU refuses an EOT in any string."""
    if "\x04" in value:
        raise builder.fail("context separator <EOT> within string", line)


def _file_comment(entry: Entry, text: str) -> None:
    """Store one comment line (without its ``#``): the usual ones inline, the others (and
    odd spacing) by :func:`attach_comment`'s rules."""
    head = text[:2]
    if head == ". ":
        entry.extracted_comments += (text[2:],)
    elif head == ": " and _ONE_REF.fullmatch(text) is not None:
        ref = text[2:].rstrip(" \t")
        if ref not in entry.references:
            entry.references += (ref,)
    elif text == ", fuzzy":
        entry.flags = ("fuzzy",)  # a flag line replaces the ones before it (GNU)
    else:
        attach_comment(entry, text)


def _strings(strs: str, line: int, codec: str, path: str) -> str:
    """Join and unescape the quoted strings of one keyword (``strs`` is their source)."""
    parts = [strs[strs.index('"') + 1:-1]] if strs.count('"') == 2 else STRING_PART.findall(strs)
    try:
        return "".join([unescape(p, codec) for p in parts])
    except BadEscape:
        pass
    for m in STRING_PART.finditer(strs):
        try:
            unescape(m.group(1), codec)
        except BadEscape:
            break
    raise POError("invalid control sequence", path=path, line=line + strs.count("\n", 0, m.start()))


def _unterminated(builder: _Builder, line: int) -> POError:
    """A string without its closing quote."""
    where = "end-of-file" if line == builder.last_line else "end-of-line"
    return builder.fail(f"{where} within string", line)


def _body(body: str, codec: str, path: str, line: int) -> str:
    """Unescape one string body, reporting a bad escape at ``line``."""
    try:
        return unescape(body, codec)
    except BadEscape:
        raise POError("invalid control sequence", path=path, line=line) from None


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


def _string_at(raw: str, start: int, codec: str, path: str, line: int) -> str | None:
    """The unescaped value of the one string that fills ``raw`` from ``start`` to its end
    (spaces after it allowed), or None when the line holds something else."""
    end = len(raw) - 1
    if end > start and raw[end] == '"':
        body = raw[start + 1:end]
        if '"' not in body and "\\" not in body and "\0" not in body:
            return body  # the usual string: no escape, no inner quote, no NUL
    m = _STR_AT.match(raw, start)
    return None if m is None else _body(m.group(1), codec, path, line)


def _tokenize(text: str, builder: _Builder, codec: str, path: str) -> None:
    """Feed every token of ``text`` to ``builder``, line by line.

    PO tokens never span lines, so each line is handled alone. A line that is one string,
    or a keyword and one string, is lexed here (the usual case); every other line goes
    through the general tokenizer, :func:`_sub_line`. The grammar is the builder's alone.
    """
    for number, raw in enumerate(text.split("\n"), 1):
        head = raw[:1]
        if head == '"':
            body = _string_at(raw, 0, codec, path, number)
            if body is not None:
                builder.string(body, number, False)
                continue
        elif head == "m":
            q = raw.find('"')
            kw = _KEYWORDS.get(raw[:q].rstrip(" \t")) if q > 0 else None
            body = _string_at(raw, q, codec, path, number) if kw is not None else None
            if kw is not None and body is not None:
                builder.keyword(kw[0], kw[1], body, number, False)
                continue
        elif head == "#":
            _hash_line(raw, number, builder, codec, path)
            continue
        elif not raw or raw.isspace():
            continue
        _sub_line(raw, number, builder, codec, path, obsolete=False, previous=False)


def _keyword(m: re.Match[str], line: int, builder: _Builder, codec: str, path: str, *,
             obsolete: bool, previous: bool = False) -> None:
    """Handle one keyword token with its strings."""
    kw = m.group("kw")
    strs = m.group("strs")
    if not strs:
        rest = m.string[m.end():].lstrip(" \t")
        if rest.startswith('"'):
            raise _unterminated(builder, line)
        if previous or rest or kw == "domain":
            raise POError(f"syntax error: '{kw}' without a string", path=path, line=line)
        # GNU's grammar allows the strings on the next lines.
        builder.keyword(kw, m.group("idx"), "", line, obsolete)
        builder.pending = (kw, line)
        return
    value = _strings(strs, line, codec, path)
    if kw == "domain":
        if previous or obsolete:
            raise POError("syntax error: 'domain' in a comment", path=path, line=line)
        builder.set_domain(value, line)
    elif previous:
        builder.previous(kw, value, line, obsolete)
    else:
        builder.keyword(kw, m.group("idx"), value, line, obsolete)


def _hash_line(text: str, line: int, builder: _Builder, codec: str, path: str, *,
               obsolete: bool = False, previous: bool = False) -> None:
    """From a ``#`` to the end of the line: a comment, or the rest of an obsolete line
    (``#~``) or of a previous-string line (``#|``). As in GNU's lexer, ``#~`` and ``#|``
    may repeat (``#~ #~ msgid``): each keeps the line obsolete or previous."""
    second = text[1:2]
    if second == "~":
        rest = text[2:]
        if rest.startswith("|"):
            _sub_line(rest[1:], line, builder, codec, path, obsolete=True, previous=True)
        else:
            _sub_line(rest, line, builder, codec, path, obsolete=True, previous=previous)
    elif second == "|":
        _sub_line(text[2:], line, builder, codec, path, obsolete=obsolete, previous=True)
    else:
        builder.comment(text[1:], line)


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
        elif kind == "H" and m.group("H")[1:2] in ("~", "|"):
            _hash_line(m.group("H"), line, builder, codec, path, obsolete=obsolete,
                       previous=previous)
            return
        elif kind == "H" and not previous:
            builder.comment(m.group("H")[1:], line)
        else:
            spot = kind or "J"
            at_start = not (obsolete or previous) and not text[:m.start(spot)].strip()
            raise _junk(m.group(spot), line, builder, at_start)


def _join_continued(text: str) -> str:
    """Join the lines that end in a backslash to the next (GNU's lexer drops every
    backslash-newline); a blank line after each joined one keeps the line numbers."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        joined, extra = lines[i], 0
        while joined.endswith("\\") and i + 1 < len(lines):
            i += 1
            extra += 1
            joined = joined[:-1] + lines[i]
        out.append(joined)
        out += [""] * extra
        i += 1
    return "\n".join(out)


def parse_po(data: bytes, *, path: str, check: bool | str = True) -> Catalog:
    """Parse the bytes of a PO/POT file strictly; raise POError on the first fault.

    Which checks beyond syntax run (:func:`validate_catalog`): ``check=True`` (the default)
    those of ``msgfmt -c`` (``compile``, ``check``, ``update``); ``check="statistics"``
    those of plain ``msgfmt --statistics`` (``status``); ``check=False`` none, accepting
    what ``msgcat`` accepts (``fmt``), e.g. a POT file without a header. Empty or
    whitespace-only input is an empty catalog (which ``msgfmt -c`` refuses: no header).
    """
    if data.startswith(codecs.BOM_UTF8):
        raise POError("UTF-8 byte order mark (BOM) at the start of the file", path=path, line=1)
    if not data.strip():
        catalog = Catalog(path=path)
        _validate(catalog, check)
        return catalog
    declared, header_line = sniff_charset(data)
    catalog = _parse(data, declared, path=path, line=header_line, one_domain=check is True)
    head = catalog.header
    found = header_charset(head.msgstr) if head is not None else None
    if found != declared:
        # The raw search missed the charset (a header written in an unusual way): decode
        # again with the one the parsed header declares.
        line = head.msgstr_line if head is not None else 1
        catalog = _parse(data, found, path=path, line=line, one_domain=check is True)
        head = catalog.header
        if (header_charset(head.msgstr) if head is not None else None) != found:
            raise POError("the header's charset could not be read before decoding", path=path,
                          line=line)
    placeholder = found in (None, "CHARSET")
    if (placeholder and not data.isascii()) or not (placeholder or is_portable(found or "")):
        # msgfmt warns and copies the bytes; msgcat refuses to write them (the writer too).
        what = ("no charset in the header" if found is None else
                f'charset "{found}" is not a portable encoding name')
        warnings.warn(POWarning(f"{what}: charset conversion will not work", path=path,
                                line=head.msgstr_line if head is not None else 1), stacklevel=2)
    _validate(catalog, check)
    return catalog


def _parse(data: bytes, charset: str | None, *, path: str, line: int,
           one_domain: bool) -> Catalog:
    """Decode ``data`` in ``charset`` (None: not declared; ``line``: where it is) and
    parse it. Without a charset (or with GNU's placeholder ``CHARSET``) non-ASCII bytes
    are kept as they are (UTF-8, invalid bytes as surrogates)."""
    if charset in (None, "CHARSET") or not is_portable(charset):
        codec = "utf-8" if not data.isascii() else "ascii"
        text = data.decode(codec, errors="surrogateescape")
    else:
        codec = codec_for(charset, path=path, line=line)
        text = decode(data, codec, path=path)
    builder = _Builder(path, refuse_domains=one_domain)
    # CRLF line ends are newlines; so are lone CRs in a file without a newline, as in GNU.
    if "\r" in text:
        text = text.replace("\r\n", "\n") if "\n" in text else text.replace("\r", "\n")
    if not text.endswith("\n"):
        builder.last_line = text.count("\n") + 1
    if "\\\n" in text:
        text = _join_continued(text)
    _tokenize(text, builder, codec, path)  # (a final newline ends in an empty line)
    return Catalog(entries=builder.finish(), charset="ASCII" if charset is None else charset,
                   path=path)


def _validate(catalog: Catalog, check: bool | str) -> None:
    """Raise the first fault of the checks ``check`` names (see :func:`parse_po`)."""
    if check:
        from appeal_i18n.pofile.validate import validate_catalog

        errors = validate_catalog(catalog, strict=check is True)
        if errors:
            raise errors[0]


def read_po(path: str | Path, *, check: bool | str = True) -> Catalog:
    """Read a PO/POT file strictly (see :func:`parse_po`); sets ``catalog.path``."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise POError(f"cannot read: {exc.strerror}", path=name) from None
    return parse_po(data, path=name, check=check)
