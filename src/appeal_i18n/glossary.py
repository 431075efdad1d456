"""The project glossary: names and key terms with their accepted form in each language.

``locales/glossary.csv`` is a UTF-8 CSV that translators edit in a spreadsheet. Its header
row is ``en,type,note`` followed by one column per language (``uk,ru,de,...``; any column
that is not ``en``, ``type`` or ``note`` is a language). ``type`` is ``name`` (a person,
an organisation or a brand: it may stay unchanged in a translation) or ``term``. A cell
may hold several accepted forms separated by `` | `` (Slavic languages inflect names);
an empty cell sets no requirement for that language.

Matching is case-insensitive and whitespace-normalised; the English term is matched on
word boundaries, a translated form anywhere (Arabic, for one, attaches prefixes).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from appeal_i18n.errors import ConfigError, UsageError, decode_utf8

TYPES = ("name", "term")
_FIXED = ("en", "type", "note")
_SEPARATOR = "|"
_OTHER_APOSTROPHES = ("\u2019", "\u02bc", "\u2018", "`")
_APOSTROPHES = str.maketrans(dict.fromkeys(_OTHER_APOSTROPHES, "'"))


class GlossaryError(ConfigError):
    """A glossary file that cannot be read: ``str()`` is ``path:line: message``."""


def normalize(text: str) -> str:
    """Fold case, apostrophes and runs of (Unicode) whitespace for matching."""
    # str.replace beats str.translate with a table several times on long texts.
    for apostrophe in _OTHER_APOSTROPHES:
        text = text.replace(apostrophe, "'")
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class Term:
    """One row of the glossary."""

    en: str
    """The English form, as it appears in the source."""
    type: str
    """``name`` (may stay unchanged) or ``term``."""
    note: str
    """A note for translators."""
    forms: tuple[tuple[str, tuple[str, ...]], ...]
    """``(language, accepted forms)`` for every language with a non-empty cell."""
    line: int
    """1-based line of the row in the glossary file."""

    def forms_for(self, lang: str | None) -> tuple[str, ...]:
        """Accepted forms in ``lang`` (``pt_BR`` falls back to ``pt``); () if none required."""
        if lang is None:
            return ()
        table = dict(self.forms)
        for code in (lang, lang.partition("@")[0], lang.partition("_")[0]):
            if code in table:
                return table[code]
        return ()

    def accepts(self, translation: str, lang: str | None) -> bool:
        """True if the translation contains an accepted form (or no form is required)."""
        forms = self.forms_for(lang)
        if not forms:
            return True
        if self.type == "name":
            forms = (*forms, self.en)
        text = normalize(translation)
        return any(normalize(form) in text for form in forms)


@dataclass(frozen=True, slots=True)
class Glossary:
    """All terms of a glossary file."""

    terms: tuple[Term, ...]
    """Rows in file order."""
    path: str = "locales/glossary.csv"
    """Where the glossary was read from."""

    def terms_in(self, english: str) -> tuple[Term, ...]:
        """Terms that occur in an English text, in order of first occurrence, no repeats.

        Matches do not overlap: where two terms overlap, the one that starts first wins,
        and of two starting at the same place the longer one. A name matches only where
        the text capitalises it at least as the glossary does ("PEOPLE FIRST" is the
        campaign "People First"; "free people first" is not).
        """
        pattern = _pattern(self.terms)
        if pattern is None:
            return ()
        by_key = _by_key(self.terms)
        found: dict[str, Term] = {}
        for match in pattern.finditer(english.translate(_APOSTROPHES)):
            term = by_key[normalize(match.group(0))]
            if term.type != "name" or _capitalised(" ".join(match.group(0).split()), term.en):
                found.setdefault(term.en, term)
        return tuple(found.values())

    def lookup(self, english: str) -> Term | None:
        """The term whose English form is exactly ``english`` (normalised), or None."""
        return _by_key(self.terms).get(normalize(english))


@lru_cache(maxsize=16)
def _pattern(terms: tuple[Term, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    # Longest first, so that the alternation prefers the longer of two terms starting
    # at the same place.
    words = sorted((t.en.translate(_APOSTROPHES).split() for t in terms),
                   key=lambda w: len(" ".join(w)), reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, w)) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _capitalised(text: str, name: str) -> bool:
    """True unless ``text`` has a lower-case letter where ``name`` has a capital."""
    return not any(n.isupper() and t.islower() for t, n in zip(text, name, strict=False))


@lru_cache(maxsize=16)
def _by_key(terms: tuple[Term, ...]) -> dict[str, Term]:
    return {normalize(t.en): t for t in terms}


def _header(row: list[str], path: str) -> list[str]:
    columns = [c.strip() for c in row]
    for name in ("en", "type"):
        if name not in columns:
            raise GlossaryError(f"header has no {name!r} column", path=path, line=1)
    seen: set[str] = set()
    for column in columns:
        if column in seen:
            raise GlossaryError(f"duplicate column {column!r}", path=path, line=1)
        seen.add(column)
        if column not in _FIXED:
            _language(column, path)
    return columns


def _language(column: str, path: str) -> None:
    from appeal_i18n.locales import normalize_language

    try:
        code = normalize_language(column)
    except UsageError as exc:
        raise GlossaryError(f"column {column!r}: {exc.message}", path=path, line=1) from None
    if code != column:
        raise GlossaryError(f"column {column!r}: write the language code as {code!r}",
                            path=path, line=1)


def _forms(cell: str, *, column: str, path: str, line: int) -> tuple[str, ...]:
    forms = tuple(" ".join(f.split()) for f in cell.split(_SEPARATOR))
    if any(not f for f in forms):
        raise GlossaryError(f"column {column!r}: empty form in {cell!r} "
                            f"(separate forms with ' | ')", path=path, line=line)
    return forms


def _term(columns: list[str], row: list[str], *, path: str, line: int) -> Term:
    if len(row) != len(columns):
        raise GlossaryError(f"expected {len(columns)} columns, found {len(row)}",
                            path=path, line=line)
    cells = dict(zip(columns, (c.strip() for c in row), strict=True))
    if not cells["en"]:
        raise GlossaryError("empty 'en' cell", path=path, line=line)
    if cells["type"] not in TYPES:
        raise GlossaryError(f"unknown type {cells['type']!r} (expected 'name' or 'term')",
                            path=path, line=line)
    forms = tuple(
        (column, _forms(value, column=column, path=path, line=line))
        for column, value in cells.items() if column not in _FIXED and value
    )
    return Term(en=" ".join(cells["en"].split()), type=cells["type"],
                note=cells.get("note", ""), forms=forms, line=line)


def parse_glossary(text: str, *, path: str) -> Glossary:
    """Parse the text of a glossary CSV; raise :class:`GlossaryError` on the first fault."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    columns: list[str] | None = None
    terms: list[Term] = []
    seen: dict[str, int] = {}
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns = _header(row, path)
                continue
            term = _term(columns, row, path=path, line=line)
            key = normalize(term.en)
            if key in seen:
                raise GlossaryError(f"duplicate term {term.en!r} (first on line {seen[key]})",
                                    path=path, line=line)
            seen[key] = line
            terms.append(term)
    except csv.Error as exc:
        raise GlossaryError(f"malformed CSV: {exc}", path=path, line=start) from None
    return Glossary(terms=tuple(terms), path=path)


def load_glossary(path: Path | str, *, display: str | None = None) -> Glossary:
    """Read a glossary file (UTF-8, a spreadsheet's byte-order mark allowed).

    ``display`` is the name used in error messages (default: ``path``).
    """
    name = display or str(path)
    text = decode_utf8(Path(path).read_bytes(), path=name, error=GlossaryError)
    return parse_glossary(text, path=name)
