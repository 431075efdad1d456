"""Publication policy: which languages are published, and which passages each may show.

The rules (also in the README):

* A passage is *publishable* when its entry is translated (not fuzzy, not empty), no
  error finding of :func:`appeal_i18n.checks.check_catalog` concerns it, and it passes
  the builder's own safety gate (:func:`appeal_i18n.publish.safety.unsafe`). Anything else
  is shown in English. Fuzzy translations are never published.
* A language is *published* when its publishable share of the passages reaches the
  threshold (``min-coverage``, 100 by default: complete and check-clean); at 0 every
  language is, unless a catalog-level error holds it back.
* A language is *refused* when its translated share reaches the threshold but checks
  (a safety finding, an error finding, or a catalog-level error) hold it back. That is a
  build error (exit 4): a finished translation that cannot go out needs a human.
* A language below the threshold is *in progress*: listed on the index, not an error.
* With ``require_review`` (``build --require-review``, setting ``require-review``), a
  translated passage is publishable only when a reader approved exactly its current English
  and translation (:func:`appeal_i18n.review.review_state`); the others are shown in English
  and count like missing ones, so a language waiting for approvals is in progress, not
  refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from appeal_i18n.catalogs import read_catalog
from appeal_i18n.config import Config
from appeal_i18n.coverage import Counts, below, percent_of
from appeal_i18n.model import Catalog, Finding
from appeal_i18n.publish.localize import Key, translations
from appeal_i18n.publish.safety import BUILD_UNSAFE, unsafe
from appeal_i18n.source import Parsed

if TYPE_CHECKING:
    from appeal_i18n.glossary import Glossary


@dataclass(frozen=True, slots=True)
class LanguagePlan:
    """What one language publishes, and why."""

    lang: str
    """gettext code; ``en`` for the source."""
    tables: Mapping[str, Mapping[Key, str]]
    """Per document: the translations that may be published, by ``(msgctxt, msgid)``."""
    total: int
    """Passages over all documents."""
    translated: int
    """Passages with a translation that is neither empty nor fuzzy."""
    publishable: int
    """Translated passages that checks and the safety gate let through."""
    held: tuple[Finding, ...] = ()
    """Error findings that kept a translation (or the language) from being published."""
    published: bool = False
    """True when the language's letters are built."""
    refused: bool = False
    """True when the language is translated enough but checks hold it back (an error)."""
    safety: frozenset[str] = field(default_factory=frozenset)
    """The finding codes treated as safety problems."""
    unapproved: int = 0
    """Translated passages shown in English because no reader approved them (only with
    ``require_review``)."""

    @property
    def state(self) -> str:
        """``published``, ``held back by checks`` (refused) or ``in progress``, as the
        index and the coverage page say it."""
        if self.published:
            return "published"
        return "held back by checks" if self.refused else "in progress"

    @property
    def percent(self) -> float:
        """Translated share of the passages, as ``status`` shows it (rounded down)."""
        return percent_of(Counts(translated=self.translated,
                                 untranslated=self.total - self.translated))

    @property
    def unsafe(self) -> tuple[Finding, ...]:
        """Held findings that are safety problems."""
        return tuple(f for f in self.held if f.code in self.safety)


def english(sources: Mapping[str, Parsed]) -> LanguagePlan:
    """The source language: everything published as written."""
    total = sum(len(p.blocks) for p in sources.values())
    return LanguagePlan("en", {name: {} for name in sources}, total, total, total,
                        published=True)


def project_glossary(config: Config) -> Glossary | None:
    """The project's glossary, or None when it has none."""
    from appeal_i18n.glossary import load_glossary

    path = config.locales_dir / "glossary.csv"
    return load_glossary(path, display=config.rel(path)) if path.is_file() else None


def _findings(catalog: Catalog, *, path: str, lang: str,
              glossary: Glossary | None) -> list[Finding]:
    from appeal_i18n.checks import check_catalog

    return [f for f in check_catalog(catalog, path=path, lang=lang, glossary=glossary)
            if f.severity == "error"]


def plan_language(config: Config, lang: str, sources: Mapping[str, Parsed], *,
                  threshold: float, glossary: Glossary | None = None,
                  catalogs: Mapping[str, Catalog | None] | None = None,
                  require_review: bool = False) -> LanguagePlan:
    """Read a language's catalogs, check them and decide what it publishes.

    ``catalogs``: the language's catalogs by document, already read (None: no catalog);
    by default they are read from the project. ``require_review``: publish approved
    passages only.
    """
    from appeal_i18n.checks import SAFETY_CODES

    tables: dict[str, dict[Key, str]] = {}
    held: list[Finding] = []
    total = translated = publishable = unapproved = 0
    file_level = False
    for name, parsed in sources.items():
        path = config.catalog_path(lang, name)
        if catalogs is not None:
            catalog = catalogs.get(name)
        else:
            catalog = read_catalog(config, path) if path.is_file() else None
        table = translations(catalog)
        allowed = _approved(catalog) if require_review else None
        errors = _findings(catalog, path=config.rel(path), lang=lang,
                           glossary=glossary) if catalog else []
        blocked = {(f.msgctxt, f.msgid) for f in errors if f.msgid is not None}
        file_level = file_level or any(f.msgid is None for f in errors)
        held.extend(f for f in errors if f.msgid is None or (f.msgctxt, f.msgid) in table)
        keep: dict[Key, str] = {}
        for block in parsed.blocks:
            key = (block.passage.context, block.passage.text)
            total += 1
            if key not in table:
                continue
            translated += 1
            if allowed is not None and key not in allowed:
                unapproved += 1
                continue
            if key in blocked:
                continue
            reason = unsafe(table[key], block.passage.text)
            if reason is not None:
                held.append(_gate_finding(config.rel(path), catalog, key, reason))
                continue
            keep[key] = table[key]
        tables[name] = keep
        publishable += len(keep)
    if file_level:
        publishable, tables = 0, {name: {} for name in sources}
    # At threshold 0 a language is published even with nothing translated (all English,
    # with the note), as asked; a catalog-level error still holds it back.
    published = not file_level and not below(
        Counts(translated=publishable, untranslated=total - publishable), threshold)
    ready = translated - unapproved  # unapproved passages count like missing ones
    eligible = ready > 0 and not below(
        Counts(translated=ready, untranslated=total - ready), threshold)
    return LanguagePlan(
        lang, tables, total, translated, publishable, tuple(held), published,
        refused=eligible and not published, safety=frozenset(SAFETY_CODES) | {BUILD_UNSAFE},
        unapproved=unapproved,
    )


def _approved(catalog: Catalog | None) -> set[Key]:
    """The passages a reader approved as they are (none without a catalog)."""
    from appeal_i18n.review import approved

    return approved(catalog) if catalog is not None else set()


def _gate_finding(path: str, catalog: Catalog | None, key: Key, reason: str) -> Finding:
    line = 0
    if catalog is not None:
        line = next((e.line for e in catalog.messages if e.key == key), 0)
    return Finding(path, line, BUILD_UNSAFE, "error", reason, msgctxt=key[0], msgid=key[1])


def plan_languages(config: Config, sources: Mapping[str, Parsed], *,
                   threshold: float, require_review: bool = False) -> list[LanguagePlan]:
    """English and every catalog language of the project, in code order after English."""
    glossary = project_glossary(config)
    plans = [english(sources)]
    plans.extend(plan_language(config, lang, sources, threshold=threshold, glossary=glossary,
                               require_review=require_review)
                 for lang in config.catalog_languages() if lang != "en")
    return plans

