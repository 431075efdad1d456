"""The canonical writer: ``msgcat``'s output byte for byte."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from appeal_i18n import fsio
from appeal_i18n.errors import POError
from appeal_i18n.model import DEFAULT_DOMAIN, UNTRANSLATED, Catalog, Entry, state
from appeal_i18n.pofile.charset import codec_for, header_charset, is_portable
from appeal_i18n.pofile.comments import add_references, flag_range
from appeal_i18n.pofile.escapes import escape
from appeal_i18n.pofile.formats import (
    FORMAT_LANGUAGES,
    FORMAT_ORDER,
    FORMAT_PARSERS,
    FORMAT_RANK,
    Format,
)
from appeal_i18n.pofile.linebreak import chunks, line_breaks
from appeal_i18n.pofile.reader import read_po

PAGE_WIDTH = 79
"""GNU's default ``--width``."""

#: The flags GNU writes, in its order (fuzzy, the *-format family of gettext 0.21, no-wrap).
FLAG_ORDER = ("fuzzy", *(f"{lang}-format" for lang in FORMAT_LANGUAGES), "range", "no-wrap")
"""Flag order in GNU's ``#,`` line; ``range`` stands for ``range: MIN..MAX``."""


def canonical_flags(entry: Entry) -> list[str]:
    """Return the flags as msgcat writes them: GNU's order, the last of each kind wins.

    ``fuzzy`` is dropped when the entry has no translation and unknown flags are dropped,
    as GNU does.
    """
    formats: dict[str, str] = {}
    range_flag: str | None = None
    no_wrap = False
    for flag in entry.flags:
        # GNU writes "possible-X-format" as "X-format" and drops "impossible-X-format".
        flag = flag.removeprefix("possible-")
        lang = flag.removeprefix("no-").removesuffix("-format")
        if flag.endswith("-format") and lang in FORMAT_LANGUAGES:
            formats[lang] = flag
        elif flag in ("wrap", "no-wrap"):
            no_wrap = flag == "no-wrap"
        elif (bounds := flag_range(flag)) is not None:
            range_flag = f"range: {bounds[0]}..{bounds[1]}"
    flags = ["fuzzy"] if entry.fuzzy and _translation_kept(entry) else []
    flags += [formats[lang] for lang in FORMAT_LANGUAGES if lang in formats]
    if range_flag is not None:
        flags.append(range_flag)
    if no_wrap:
        flags.append("no-wrap")
    return flags


def _format_parser(entry: Entry) -> Callable[[str], Format] | None:
    """The parser of the entry's first format in GNU's order (write-po.c uses that one
    only), ``possible-`` or not; None when it has none, or one this package does not
    parse."""
    ranks = [rank for flag in entry.flags
             if (rank := FORMAT_RANK.get(flag.removeprefix("possible-"))) is not None]
    if not ranks:
        return None
    return FORMAT_PARSERS.get(FORMAT_ORDER[min(ranks)])


_NO_INNER: set[int] = set()


def _inner(parser: Callable[[str], Format] | None, value: str) -> set[int]:
    """Offsets inside the format directives of ``value`` (not their first character): no
    break before them."""
    if parser is None:
        return _NO_INNER
    return {i for start, end in parser(value).spans for i in range(start + 1, end)}


_WIDE = re.compile("[\u1100-\U0010ffff]")


def _fits(escaped: str, room: int) -> bool:
    """True when ``escaped`` is at most ``room`` columns and all its characters are narrow."""
    return len(escaped) <= room and (escaped.isascii() or _WIDE.search(escaped) is None)


def _wrap(prefix: str, name: str, value: str, width: int,
          parser: Callable[[str], Format] | None) -> str:
    """``name "value"`` as GNU's ``wrap()`` in write-po.c writes it (non-indented style).

    ``width`` is the room for a line's text between the quotes; ``parser`` that of the
    entry's format, whose directives are never broken.
    """
    out: list[str] = []
    escaped: str | None = None
    multiline = "\n" in value
    if not multiline:
        escaped = escape(value)
        if _fits(escaped, width - len(name) - 1):
            return f'{prefix}{name} "{escaped}"\n'
        portions = [value]
    else:
        portions = value.split("\n")
        if portions[-1] == "":
            portions.pop()
    inner = _inner(parser, value)
    first = True
    offset = 0
    for k, portion in enumerate(portions):
        has_newline = offset + len(portion) < len(value)
        text = portion + "\n" if has_newline else portion
        if escaped is None or k:
            escaped = escape(text)
        breaks: list[int] | None = None  # where the lines break when they start in column 0
        if first:
            # GNU writes the keyword alone when the first line would need a break.
            start = len(name) + 1
            if k + 1 < len(portions) or start > width:
                alone = True
            elif multiline and _fits(escaped, width - start):
                alone = False
            elif _fits(escaped, width):
                breaks = []
                alone = bool(line_breaks(text, escaped, offset, width, start, inner))
            else:
                # A break when the text starts in column 0 means one when it starts further.
                breaks = line_breaks(text, escaped, offset, width, 0, inner)
                alone = bool(breaks) or bool(
                    line_breaks(text, escaped, offset, width, start, inner))
            if alone:
                out.append(f'{prefix}{name} ""\n')
                first = False
            else:
                breaks = []
        if breaks is None:
            breaks = [] if _fits(escaped, width) else line_breaks(text, escaped, offset, width,
                                                                    0, inner)
        lead = f"{prefix}{name} " if first else prefix
        out.append(f'{lead}"' + f'"\n{prefix}"'.join(chunks(escaped, breaks)) + '"\n')
        first = False
        offset += len(text)
    if first:
        out.append(f'{prefix}{name} ""\n')
    return "".join(out)


@lru_cache(maxsize=1024)
def _wrap_source(prefix: str, name: str, value: str, width: int,
                 parser: Callable[[str], Format] | None) -> str:
    """:func:`_wrap` of a string from the template (a msgctxt, msgid or msgid_plural, or a
    previous one), cached: every catalog of the template repeats it."""
    return _wrap(prefix, name, value, width, parser)


def _references_lines(refs: tuple[str, ...]) -> Iterator[str]:
    """``#:`` lines, filled up to the page width like GNU."""
    # The leading space lets ``add_references`` take its path for plain ``file:line`` lists.
    normalized = add_references((), " " + " ".join(refs))
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


def _comment_lines(entry: Entry, flags: list[str]) -> Iterator[str]:
    """Translator, extracted, reference and flag comments, in GNU's order."""
    for text in entry.translator_comments:
        for part in text.split("\n"):
            yield f"# {part}\n" if part else "#\n"
    for text in entry.extracted_comments:
        yield f"#. {text}\n" if text else "#.\n"
    if entry.references:
        yield from _references_lines(entry.references)
    if flags:
        yield "#, " + ", ".join(flags) + "\n"


def _write_entry(out: list[str], entry: Entry) -> None:
    """Append one entry (without the blank line that separates entries)."""
    flags = canonical_flags(entry)
    out.extend(_comment_lines(entry, flags))
    page = PAGE_WIDTH if "no-wrap" not in flags else 1 << 30
    parser = _format_parser(entry)
    prev_prefix, prefix = ("#~| ", "#~ ") if entry.obsolete else ("#| ", "")
    # The room for text between the quotes of a line.
    width = page - 2 - len(prefix)
    for name, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                        ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            out.append(_wrap_source(prev_prefix, name, value, page - 2 - len(prev_prefix), parser))
    if entry.msgctxt is not None:
        out.append(_wrap_source(prefix, "msgctxt", entry.msgctxt, width, None))
    out.append(_wrap_source(prefix, "msgid", entry.msgid, width, parser))
    if entry.msgid_plural is None:
        out.append(_wrap(prefix, "msgstr", entry.msgstr, width, parser))
        return
    out.append(_wrap_source(prefix, "msgid_plural", entry.msgid_plural, width, parser))
    for j, text in enumerate(entry.msgstr_plural or [""]):
        out.append(_wrap(prefix, f"msgstr[{j}]", text, width, parser))


def _translation_kept(entry: Entry) -> bool:
    """True when the entry's strings give it a translation, fuzzy or not (:func:`state` of
    the entry as if active): GNU keeps ``fuzzy`` and obsolete entries only then."""
    return state(entry, as_active=True) != UNTRANSLATED


def format_po(catalog: Catalog) -> bytes:
    """Serialize a catalog exactly as ``msgcat`` would print it, in the catalog's charset.

    Each domain is written in turn (a ``domain`` directive before all but a leading default
    one), its active entries then its obsolete ones.
    """
    parts: list[Entry | str] = []
    for k, domain in enumerate(catalog.domains or [None]):
        if k or domain is not None:
            parts.append(domain or DEFAULT_DOMAIN)
        mine = [e for e in catalog.entries if e.domain == domain]
        if k:
            _check_domain_charset(domain, mine, catalog.path or "<catalog>")
        parts += [e for e in mine if not e.obsolete]
        # GNU drops obsolete entries without a first msgstr; one with another form
        # translated is kept, so that no translation is lost (the merger keeps them).
        parts += [e for e in mine if e.obsolete and e.has_translation]
    head = catalog.header
    found = header_charset(head.msgstr) if head is not None else None
    charset = found if found is not None else catalog.charset
    path = catalog.path or "<catalog>"
    codec = codec_for(charset, path=path, line=head.msgstr_line if head is not None else 1)
    try:
        return _text(parts).encode(codec)
    except UnicodeEncodeError as exc:
        if "\udc80" <= exc.object[exc.start] <= "\udcff":
            # An escaped byte invalid in the charset: msgcat refuses to write it too.
            raise POError(f"invalid multibyte sequence in {charset}: "
                          f"\\{ord(exc.object[exc.start]) - 0xDC00:o}", path=path) from None
        raise POError(f"text cannot be encoded in {charset}: {exc.object[exc.start:exc.end]!r}",
                      path=path) from None


def _check_domain_charset(domain: str | None, entries: list[Entry], path: str) -> None:
    """msgcat refuses a domain with non-ASCII text and no charset in its own header."""
    head = next((e for e in entries if e.is_header and not e.obsolete), None)
    found = header_charset(head.msgstr) if head is not None else None
    if found in (None, "CHARSET") and not _text(list(entries)).isascii():
        raise POError(f'domain "{domain or DEFAULT_DOMAIN}" has no header entry with a charset '
                      "specification", path=path)


def _text(parts: list[Entry | str]) -> str:
    """Entries and domain directives (a domain's name) as msgcat prints them, one blank
    line between two."""
    out: list[str] = []
    for part in parts:
        if out:
            out.append("\n")
        if isinstance(part, str):
            out.append(f'domain "{escape(part)}"\n')
        else:
            _write_entry(out, part)
    return "".join(out)


def write_po(path: str | Path, catalog: Catalog) -> bool:
    """Write a catalog canonically and atomically; return True when the file changed."""
    target = Path(path)
    data = format_po(catalog)
    with fsio.locked(target):
        return fsio.write_atomic(target, data)


def format_files(paths: Iterable[Path], *, check: bool) -> list[Path]:
    """Rewrite PO/POT files in canonical form; return those that changed (or would change).

    Every file is read and formatted first (as msgcat reads it), so a file msgcat refuses
    raises POError before anything is written. With ``check`` nothing is written.
    """
    formatted = []
    for path in map(Path, paths):
        catalog = read_po(path, check=False)
        _check_msgcat_charsets(catalog, path)
        formatted.append((path, format_po(catalog)))
    changed: list[Path] = []
    for path, data in formatted:
        if check:
            if path.read_bytes() != data:
                changed.append(path)
        else:
            with fsio.locked(path):
                if fsio.write_atomic(path, data):
                    changed.append(path)
    return changed


def _check_msgcat_charsets(catalog: Catalog, path: Path) -> None:
    """msgcat refuses a header charset that is not a portable name, except the template
    placeholder ``CHARSET`` in a ``.pot`` file (msgl-cat.c)."""
    for entry in catalog.entries:
        if not entry.is_header or entry.obsolete:
            continue
        found = header_charset(entry.msgstr)
        if found is None or (found == "CHARSET" and path.suffix == ".pot"):
            continue
        if found == "CHARSET" or not is_portable(found):
            raise POError(f'present charset "{found}" is not a portable encoding name',
                          path=str(path), line=entry.msgstr_line or None)
