"""Entry and catalog checks (fuzzy, Plural-Forms) and the entry points that run every check."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from appeal_i18n.checks.registry import (
    CHECKS,
    WARNING,
    Check,
    Pair,
    catalog_check,
    entry_check,
)
from appeal_i18n.errors import POError, UsageError
from appeal_i18n.glossary import Glossary, load_glossary
from appeal_i18n.model import Catalog, Entry, Finding

if TYPE_CHECKING:
    from appeal_i18n.config import Config


@entry_check("fuzzy", WARNING)
def fuzzy(entry: Entry) -> Iterator[str]:
    """The entry is fuzzy: its translation needs review and is not published."""
    if entry.fuzzy:
        yield "fuzzy translation (review it, then remove the fuzzy flag)"


@lru_cache(maxsize=256)
def _plural_values(value: str) -> tuple[int, tuple[int, ...]]:
    from appeal_i18n.pofile import parse_plural_forms

    nplurals, func = parse_plural_forms(value)
    return nplurals, _values(func)


@lru_cache(maxsize=256)
def _values(func: Callable[[int], int]) -> tuple[int, ...]:
    # By function: the reader compiles each expression once, and many headers share one.
    return tuple(func(n) for n in range(201))


@catalog_check("plural-forms", WARNING)
def plural_forms(catalog: Catalog, lang: str | None) -> Iterator[tuple[int, str]]:
    """Plural-Forms gives CLDR's forms for the language (nplurals and the values on 0..200)."""
    value, header = catalog.header_field("Plural-Forms"), catalog.header
    if value is None or header is None or not lang:
        return
    from appeal_i18n.locales import in_cldr
    from appeal_i18n.locales import plural_forms as cldr_forms

    if not in_cldr(lang):  # outside CLDR the rule is the project's or the translator's
        return
    try:
        cldr = cldr_forms(lang)
    except (ValueError, LookupError):
        return
    try:
        have = _plural_values(value)
    except ValueError as exc:
        yield header.line or 1, f"invalid Plural-Forms {value!r}: {exc}"
        return
    if have != _plural_values(cldr):
        yield header.line or 1, f"Plural-Forms {value!r} differs from CLDR's {cldr!r}"


# --- Running the checks ----------------------------------------------------------------


def _order() -> dict[str, int]:
    return {code: i for i, code in enumerate(CHECKS)}


def _pairs(entry: Entry) -> Iterator[tuple[str, str]]:
    if entry.msgid_plural is None:
        yield entry.msgid, entry.msgstr
        return
    for index, text in enumerate(entry.msgstr_plural):
        yield (entry.msgid if index == 0 else entry.msgid_plural), text


def _finding(check: Check, entry: Entry | None, *, path: str, line: int,
             message: str) -> Finding:
    return Finding(path=path, line=line, code=check.code, severity=check.severity,
                   message=message, msgctxt=entry.msgctxt if entry else None,
                   msgid=entry.msgid if entry else None)


def check_entry(entry: Entry, *, path: str, lang: str | None,
                glossary: Glossary | None) -> list[Finding]:
    """Check one entry: fuzzy state, then (if translated) every pair check on every form.

    The header, obsolete and untranslated entries give no findings; a fuzzy entry gives
    the fuzzy warning only.
    """
    if entry.is_header or entry.obsolete:
        return []
    line = entry.line or 1
    found: list[Finding] = []
    for check in CHECKS.values():
        if check.entry is not None:
            found += [_finding(check, entry, path=path, line=line, message=m)
                      for m in check.entry(entry)]
    if entry.fuzzy:
        return found
    for english, translation in _pairs(entry):
        if not translation:
            continue
        pair = Pair(english, translation, lang, glossary)
        for check in CHECKS.values():
            if check.pair is not None:
                found += [_finding(check, entry, path=path, line=line, message=m)
                          for m in check.pair(pair)]
    return found


def catalog_language(catalog: Catalog) -> str | None:
    """The catalog's ``Language`` header in gettext form, or None if missing or unknown."""
    from appeal_i18n.locales import normalize_language

    value = catalog.header_field("Language")
    if not value:
        return None
    try:
        return normalize_language(value)
    except UsageError:
        return None


def check_catalog(catalog: Catalog, *, path: str, lang: str | None,
                  glossary: Glossary | None) -> list[Finding]:
    """Run every check on a catalog; findings sorted by line, then by check order.

    ``lang`` None means the catalog's ``Language`` header (language-specific checks are
    skipped when that is missing too).
    """
    lang = lang or catalog_language(catalog)
    found: list[Finding] = []
    for check in CHECKS.values():
        if check.catalog is not None:
            found += [_finding(check, None, path=path, line=line, message=m)
                      for line, m in check.catalog(catalog, lang)]
    for entry in catalog.entries:
        found += check_entry(entry, path=path, lang=lang, glossary=glossary)
    return sort_findings(found)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Sort by file, line and check order (the order of :data:`CHECKS`)."""
    order = _order()
    return sorted(findings, key=lambda f: (f.path, f.line, order.get(f.code, len(order))))


def check_file(path: Path, *, display: str | None = None, lang: str | None = None,
               glossary: Glossary | None = None) -> list[Finding]:
    """Read and check one PO file; a malformed file gives one ``po-syntax`` finding.

    ``lang`` defaults to the folder name in the ``<lang>/LC_MESSAGES/`` layout, else to
    the catalog's Language header.
    """
    from appeal_i18n.pofile import read_po

    name = display or str(path)
    try:
        catalog = read_po(path)
    except POError as exc:
        check = CHECKS["po-syntax"]
        return [_finding(check, None, path=name, line=exc.line or 1, message=exc.message)]
    if lang is None and path.parent.name == "LC_MESSAGES":
        lang = _folder_language(path.parent.parent.name)
    return check_catalog(catalog, path=name, lang=lang, glossary=glossary)


def _folder_language(name: str) -> str | None:
    from appeal_i18n.locales import normalize_language

    try:
        return normalize_language(name)
    except UsageError:
        return None


def project_glossary(config: Config) -> Glossary | None:
    """The project's ``locales/glossary.csv``, or None when there is none."""
    path = config.locales_dir / "glossary.csv"
    if not path.is_file():
        return None
    return load_glossary(path, display=config.rel(path))


def _po_files(path: Path) -> list[Path]:
    return sorted(path.rglob("*.po")) if path.is_dir() else [path]


def check_paths(paths: Sequence[Path], *, config: Config) -> list[Finding]:
    """Check the given PO files (folders: every ``*.po`` below them) with the project's glossary."""
    glossary = project_glossary(config)
    found: list[Finding] = []
    for given in paths:
        for path in _po_files(given):
            found += check_file(path, display=config.rel(path), glossary=glossary)
    return sort_findings(found)


def check_project(config: Config) -> list[Finding]:
    """Check every catalog of the project: each catalog language, each source document."""
    return check_paths(config.require_catalogs(), config=config)
