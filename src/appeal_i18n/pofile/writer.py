"""The canonical writer: ``msgcat``'s output byte for byte."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from appeal_i18n import fsio
from appeal_i18n.errors import POError
from appeal_i18n.model import Catalog, Entry
from appeal_i18n.pofile.charset import _codec_for, _header_charset
from appeal_i18n.pofile.comments import _add_references
from appeal_i18n.pofile.escapes import _escape
from appeal_i18n.pofile.formats import _FORMAT_PARSERS
from appeal_i18n.pofile.gcpause import gc_paused
from appeal_i18n.pofile.linebreak import _prepare, _split
from appeal_i18n.pofile.reader import read_po

PAGE_WIDTH = 79
"""GNU's default ``--width``."""

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
            prepared = _prepare(text, offset, inner, escaped)
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
    wrap = "no-wrap" not in flags
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
    with gc_paused():
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
