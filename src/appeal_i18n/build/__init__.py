"""Build stage: localized letters (Markdown, text, HTML) for English and every language."""

from __future__ import annotations

from dataclasses import dataclass, field

from appeal_i18n import locales
from appeal_i18n.build.html import Alternate, render_page
from appeal_i18n.build.localize import Localized, localize, translations
from appeal_i18n.build.markdown import render_markdown
from appeal_i18n.build.text import render_text
from appeal_i18n.catalogs import read_catalog
from appeal_i18n.config import Config
from appeal_i18n.fsio import FileResult, write_file
from appeal_i18n.source import Parsed, read_source


@dataclass(frozen=True, slots=True)
class LanguageStatus:
    """How one language stands for publication."""

    lang: str
    """gettext code (``en`` for the source)."""
    percent: float
    """Share of passages with a publishable translation, over all documents."""
    published: bool
    """True when its letters were built."""


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What ``build`` did."""

    files: list[FileResult] = field(default_factory=list)
    """Every file written (or left unchanged)."""
    languages: list[LanguageStatus] = field(default_factory=list)
    """Every language, published or not."""


def _percent(docs: list[Localized]) -> float:
    total = sum(len(d.texts) for d in docs)
    missing = sum(sum(d.fallback) for d in docs)
    return 100.0 if total == 0 else round(100.0 * (total - missing) / total, 1)


def build(config: Config, *, min_coverage: float | None = None) -> BuildReport:
    """Build every published language's letters under the output folder."""
    threshold = config.min_coverage if min_coverage is None else min_coverage
    sources: dict[str, Parsed] = {
        path.stem: read_source(path, relpath=config.rel(path)) for path in config.documents()
    }
    localized: dict[str, list[Localized]] = {"en": [
        localize(parsed, lang="en", domain=name, table={}) for name, parsed in sources.items()
    ]}
    statuses = [LanguageStatus("en", 100.0, True)]
    for lang in config.catalog_languages():
        docs = []
        for name, parsed in sources.items():
            path = config.catalog_path(lang, name)
            table = translations(read_catalog(config, path)) if path.is_file() else {}
            docs.append(localize(parsed, lang=lang, domain=name, table=table))
        percent = _percent(docs)
        published = percent >= threshold and percent > 0
        statuses.append(LanguageStatus(lang, percent, published))
        if published:
            localized[lang] = docs
    report = BuildReport(languages=statuses)
    out = config.output_dir
    for lang, docs in localized.items():
        for doc in docs:
            base = out / lang / doc.domain
            alternates = [
                Alternate(other, f"../{other}/{doc.domain}.html", locales.native_name(other)
                          if other != "en" else "English")
                for other in localized
            ]
            note = None
            if any(doc.fallback):
                note = "Some passages are not yet translated and are shown in English."
            html = render_page(doc, alternates=alternates, note=note,
                               self_href=f"../{lang}/{doc.domain}.html")
            for suffix, text in ((".md", render_markdown(doc)), (".txt", render_text(doc)),
                                 (".html", html)):
                report.files.append(write_file(base.with_suffix(suffix), text.encode()))
    return report
