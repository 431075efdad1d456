"""The project's own data types; nothing here reads or writes files.

PO entries are mutable (catalogs are edited in place by ``update`` and by ``fmt``);
everything that is a result (passages, statistics, findings) is frozen.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Entry:
    """One message of a PO/POT catalog, as GNU gettext sees it."""

    msgid: str
    """The source text ("" for the header entry)."""
    msgstr: str = ""
    """The translation of a non-plural entry."""
    msgctxt: str | None = None
    """The context that tells identical msgids apart, or None."""
    msgid_plural: str | None = None
    """The plural source text; set only on plural entries."""
    msgstr_plural: tuple[str, ...] = ()
    """The translations of a plural entry, by plural form index."""
    translator_comments: tuple[str, ...] = ()
    """``# `` lines, without the leading ``#`` and one space."""
    extracted_comments: tuple[str, ...] = ()
    """``#.`` lines (notes for translators), without ``#.`` and one space."""
    references: tuple[str, ...] = ()
    """``#:`` locations such as ``source/letter.md:12``, in order."""
    flags: tuple[str, ...] = ()
    """``#,`` flags such as ``fuzzy`` or ``python-brace-format``, in order."""
    previous_msgctxt: str | None = None
    """``#| msgctxt``: the context before the last fuzzy merge."""
    previous_msgid: str | None = None
    """``#| msgid``: the source text before the last fuzzy merge."""
    previous_msgid_plural: str | None = None
    """``#| msgid_plural``: the plural source text before the last fuzzy merge."""
    obsolete: bool = False
    """True for ``#~`` entries: kept for history, not part of the catalog."""
    domain: str | None = None
    """The ``domain "..."`` directive the entry follows (None: GNU's default, ``messages``)."""
    line: int = 0
    """1-based line of the entry's ``msgid`` keyword in the file it came from (0: not read)."""
    msgstr_line: int = 0
    """1-based line of the entry's first ``msgstr`` keyword (0: not read)."""

    @property
    def is_header(self) -> bool:
        """True for the header entry (empty msgid, no context)."""
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        """True when the entry is flagged ``fuzzy``."""
        return "fuzzy" in self.flags

    @property
    def key(self) -> tuple[str | None, str]:
        """The identity of the entry in its catalog: ``(msgctxt, msgid)``."""
        return (self.msgctxt, self.msgid)

    @property
    def has_translation(self) -> bool:
        """True when some msgstr is non-empty, fuzzy or not."""
        if self.msgid_plural is not None:
            return any(self.msgstr_plural)
        return self.msgstr != ""

    @property
    def first_msgstr(self) -> str:
        """The first translation: ``msgstr``, or ``msgstr[0]`` of a plural entry ("" if none).

        GNU tests only this one, the first byte of the NUL-joined forms, for "translated".
        """
        if self.msgid_plural is not None:
            return self.msgstr_plural[0] if self.msgstr_plural else ""
        return self.msgstr

    def set_fuzzy(self, value: bool) -> None:
        """Add or remove the ``fuzzy`` flag."""
        if value and "fuzzy" not in self.flags:
            self.flags = ("fuzzy", *self.flags)
        elif not value:
            self.flags = tuple(f for f in self.flags if f != "fuzzy")


DEFAULT_DOMAIN = "messages"
"""GNU's name of the domain of the entries before any ``domain`` directive."""

TRANSLATED, FUZZY, UNTRANSLATED, OBSOLETE = "translated", "fuzzy", "untranslated", "obsolete"
"""The states of an entry, by GNU msgfmt's rule (see :func:`state`)."""


def state(entry: Entry, *, as_active: bool = False) -> str:
    """The state of an entry by GNU msgfmt's rule: the one rule behind every count, the MO
    compiler, ``msgfmt -c``'s checks, the merger and the writer.

    ``obsolete`` for a ``#~`` entry (unless ``as_active``: then the state its strings would
    give it if it were active); else ``untranslated`` when its first msgstr is empty
    (fuzzy or not); else ``fuzzy`` when flagged so, except the header, whose fuzzy flag
    msgfmt ignores; else ``translated``.
    """
    if entry.obsolete and not as_active:
        return OBSOLETE
    if not entry.first_msgstr:
        return UNTRANSLATED
    if "fuzzy" in entry.flags and not entry.is_header:
        return FUZZY
    return TRANSLATED


def counted(entry: Entry) -> bool:
    """True for the entries ``msgfmt --statistics`` counts: the active ones, except a header
    that has a translation (a header whose msgstr is empty counts as untranslated)."""
    return not entry.obsolete and not (entry.is_header and state(entry) != UNTRANSLATED)


@dataclass(slots=True)
class Catalog:
    """A PO or POT file: the header entry (if any) and the messages, obsolete ones included."""

    entries: list[Entry] = field(default_factory=list)
    """All entries in file order; the header, when present, is the first."""
    charset: str = "UTF-8"
    """The charset declared in the header's Content-Type."""
    path: str | None = None
    """Where the catalog was read from, for error messages."""

    @property
    def header(self) -> Entry | None:
        """The header entry, or None."""
        for entry in self.entries:
            if entry.is_header and not entry.obsolete:
                return entry
        return None

    @property
    def domains(self) -> list[str | None]:
        """The domains of the entries, in order of appearance (None: the default one)."""
        return list(dict.fromkeys(entry.domain for entry in self.entries))

    @property
    def messages(self) -> list[Entry]:
        """Active (non-obsolete) entries, the header excluded."""
        return [e for e in self.entries if not e.obsolete and not e.is_header]

    @property
    def obsolete(self) -> list[Entry]:
        """Obsolete entries."""
        return [e for e in self.entries if e.obsolete]

    def header_fields(self) -> list[tuple[str, str]]:
        """The header's ``Name: value`` fields, in order."""
        head = self.header
        if head is None:
            return []
        fields: list[tuple[str, str]] = []
        for raw in head.msgstr.split("\n"):
            name, sep, value = raw.partition(":")
            if sep:
                fields.append((name.strip(), value.strip()))
        return fields

    def header_field(self, name: str) -> str | None:
        """The value of one header field, or None."""
        for key, value in self.header_fields():
            if key.lower() == name.lower():
                return value
        return None

    def set_header_field(self, name: str, value: str) -> None:
        """Set one header field, keeping the order of the others; add it at the end if new."""
        head = self.header
        if head is None:
            head = Entry(msgid="", msgstr="")
            self.entries.insert(0, head)
        lines = head.msgstr.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for i, raw in enumerate(lines):
            key, sep, _ = raw.partition(":")
            if sep and key.strip().lower() == name.lower():
                lines[i] = f"{name}: {value}"
                break
        else:
            lines.append(f"{name}: {value}")
        head.msgstr = "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class Passage:
    """One translatable block of a source document."""

    text: str
    """The block's Markdown source, inline markup verbatim, lines joined as in the source."""
    kind: str
    """Block kind: ``heading``, ``paragraph``, ``list item`` or ``blockquote paragraph``."""
    line: int
    """1-based line of the block's first line in the source file."""
    comments: tuple[str, ...] = ()
    """Extracted comments: the block description and translator notes."""
    context: str | None = None
    """msgctxt that tells this passage apart from an identical one in the same document."""
    level: int = 0
    """Heading level (1-6) for headings, 0 otherwise."""
    list_index: int = 0
    """1-based position of a list item in its list, 0 otherwise."""
    list_ordered: bool = False
    """True for items of an ordered list."""
    list_start: int = 1
    """Number of an ordered list's first item."""
    list_id: int = 0
    """Identifies the list an item belongs to (items with the same id form one list)."""
    section: str = "body"
    """``body`` or ``signature`` (after ``<!-- signature -->``)."""


@dataclass(frozen=True, slots=True)
class Document:
    """A source document: one gettext domain."""

    name: str
    """The domain name: the file name without ``.md``."""
    path: str
    """Path of the Markdown file relative to the project, with forward slashes."""
    passages: tuple[Passage, ...]
    """Translatable blocks in source order."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One quality problem found in a catalog by ``check``."""

    path: str
    """The catalog, relative to the project where possible."""
    line: int
    """1-based line of the entry (its msgid keyword), or of the fault."""
    code: str
    """Stable check code, e.g. ``markdown-link``."""
    severity: str
    """``error`` or ``warning``."""
    message: str
    """What is wrong, in one line."""
    msgctxt: str | None = None
    """Context of the entry concerned, if any."""
    msgid: str | None = None
    """Source text of the entry concerned, if any (None for file-level findings)."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: [{self.code}] {self.message}"
