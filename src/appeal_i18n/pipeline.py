"""``all``: extract, update, compile and build in one pass, each catalog read once.

The stages are those of :mod:`catalogs` and :mod:`build`, with the data threaded
through instead of re-read from disk: the source is parsed once, a catalog that
``update`` leaves unchanged is not parsed again (otherwise its new bytes are), and
``compile`` and the publication checks get the same :class:`~appeal_i18n.model.Catalog`.

The work of a language (update, compile, checks) does not depend on any other
language's, so with many languages it runs on a pool of forked worker processes, which
then also render the pages. Results come back in language order and the parent writes
the pages and the site, so a parallel run writes and reports what a serial one does.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from appeal_i18n import locales
from appeal_i18n.catalogs import parse_catalog, template_bytes, update_and_read
from appeal_i18n.config import Config
from appeal_i18n.coverage import CatalogCoverage, catalog_coverage
from appeal_i18n.errors import AppealError, WroteBefore
from appeal_i18n.fsio import FileResult, write_file
from appeal_i18n.model import Catalog
from appeal_i18n.mofile import compile_mo
from appeal_i18n.publish import BuildReport, fonts, publish
from appeal_i18n.publish.pages import FORMATS, batches, cores
from appeal_i18n.publish.policy import LanguagePlan, english, plan_language, project_glossary
from appeal_i18n.source import Parsed

if TYPE_CHECKING:
    from appeal_i18n.glossary import Glossary

#: Below this many catalogs (languages x documents) starting workers costs more than
#: it saves (a forked worker is ready in milliseconds; a catalog takes ~10 ms of work).
POOL_MIN_CATALOGS = 16


@dataclass(frozen=True, slots=True)
class AllReport:
    """What ``all`` did, stage by stage."""

    extracted: list[FileResult] = field(default_factory=list)
    """Templates written (or left unchanged), one per document."""
    updated: list[FileResult] = field(default_factory=list)
    """Catalogs, document by document, each in language order (as ``update`` reports)."""
    compiled: list[FileResult] = field(default_factory=list)
    """MO files, language by language (as ``compile`` reports)."""
    build: BuildReport = field(default_factory=BuildReport)
    """What the build stage did."""


@dataclass(frozen=True, slots=True)
class _Context:
    """Everything a language's work needs; forked workers inherit it."""

    config: Config
    sources: Mapping[str, Parsed]
    templates: Mapping[str, Catalog]
    glossary: Glossary | None
    glossary_error: AppealError | None
    threshold: float
    require_review: bool = False
    keep_published: bool | None = None


@dataclass(frozen=True, slots=True)
class _LanguageResult:
    lang: str
    updated: tuple[FileResult, ...]
    compiled: tuple[FileResult, ...]
    plan: LanguagePlan | None
    coverage: tuple[tuple[Path, CatalogCoverage], ...]
    """For the dashboard: what ``status`` would read from each catalog written."""


def run_all(config: Config, *, min_coverage: float | None = None, jobs: int | None = None,
            formats: Sequence[str] = FORMATS, require_review: bool | None = None,
            keep_published: bool | None = None) -> AllReport:
    """Extract, update, compile and build, like the four commands in a row.

    ``jobs``: worker processes (default: every core when there are enough catalogs).
    """
    config.project_catalogs(create=True)  # before anything is written
    extracted, sources, templates = _extract(config)
    langs = config.catalog_languages()
    threshold = config.min_coverage if min_coverage is None else min_coverage
    glossary, glossary_error = None, None
    try:
        glossary = project_glossary(config)
    except AppealError as exc:  # raised where a serial run reads it: after compile
        glossary_error = exc
    review = config.require_review if require_review is None else require_review
    context = _Context(config, sources, templates, glossary, glossary_error, threshold, review,
                       keep_published)
    workers = _workers(jobs, len(langs) * len(sources))
    if workers <= 1:
        results: list[_LanguageResult] = []
        for lang in langs:
            results.append(_guarded(context, lang, [*extracted], results))
        return _finish(context, extracted, results, formats, pool=None, jobs=jobs)
    if "pdf" in formats:
        # Import WeasyPrint (seconds) once, before the workers fork, not once in each.
        from appeal_i18n.publish.pdf import preload

        preload()
    _warm(formats, langs)
    with ProcessPoolExecutor(workers, mp_context=_fork()) as pool:
        running = pool.map(functools.partial(_languages_in_worker, context),
                           batches(langs, workers))
        if "html" in formats or "pdf" in formats:
            fonts.preload(langs)  # meanwhile, what the build's coverage check reads first
        done = [result for batch in running for result in batch]
        finished = [r for r in done if r is not None]
        results = [r if r is not None else _guarded(context, lang, [*extracted], finished)
                   for lang, r in zip(langs, done, strict=True)]
        return _finish(context, extracted, results, formats, pool=pool, jobs=workers)


def _warm(formats: Sequence[str], langs: Sequence[str]) -> None:
    """Import, load and compile what every worker needs, once before the fork.

    Babel's data of every language (the parent names them all on the index and in each
    page's language switcher; the workers inherit them), the checks, the merger and the
    Plural-Forms parser, babel's plural tables, and the page template: the parent needs
    most of them later anyway.
    """
    from appeal_i18n import checks, merge  # noqa: F401
    from appeal_i18n.pofile import plural  # noqa: F401

    for lang in ("en", *langs):
        with contextlib.suppress(AppealError):  # reported where a serial run meets it
            locales.facts(lang)
    locales.plural_forms("en")
    if "html" in formats:
        from appeal_i18n.publish.templates import environment

        environment().get_template("letter.html.j2")
        environment().get_template("alternates.html.j2")


def _fork() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context("fork")


def _workers(jobs: int | None, catalogs: int) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # workers must inherit the parsed sources and templates
    if jobs is not None:
        return jobs
    return cores() if catalogs >= POOL_MIN_CATALOGS else 1


def _extract(config: Config) -> tuple[list[FileResult], dict[str, Parsed], dict[str, Catalog]]:
    """Write the templates; return them, with the parsed sources, by document."""
    results: list[FileResult] = []
    sources: dict[str, Parsed] = {}
    templates: dict[str, Catalog] = {}
    for path in config.documents():
        parsed, data = template_bytes(config, path)
        pot_path = config.template_path(path.stem)
        results.append(write_file(pot_path, data))
        sources[path.stem] = parsed
        templates[path.stem] = parse_catalog(config, pot_path, data)
    return results, sources, templates


def _language(context: _Context, lang: str) -> _LanguageResult:
    """Update, compile and plan the publication of one language's catalogs."""
    config = context.config
    updated: list[FileResult] = []
    compiled: list[FileResult] = []
    catalogs: dict[str, Catalog | None] = {}
    for domain, pot in context.templates.items():
        path = config.catalog_path(lang, domain)
        result, catalogs[domain] = update_and_read(config, path, pot, lang=lang)
        updated.append(result)
    known: list[tuple[Path, CatalogCoverage]] = []
    for domain, catalog in catalogs.items():
        assert catalog is not None
        path = config.catalog_path(lang, domain)
        compiled.append(write_file(path.with_suffix(".mo"), compile_mo(catalog)))
        known.append((path, catalog_coverage(catalog, path=config.rel(path))))
    plan = None
    if lang != "en":
        if context.glossary_error is not None:
            raise context.glossary_error
        plan = plan_language(config, lang, context.sources, threshold=context.threshold,
                             glossary=context.glossary, catalogs=catalogs,
                             require_review=context.require_review)
    return _LanguageResult(lang, tuple(updated), tuple(compiled), plan, tuple(known))


def _guarded(context: _Context, lang: str, extracted: list[FileResult],
             done: Sequence[_LanguageResult]) -> _LanguageResult:
    """:func:`_language`; its error carries the files the run had written before it."""
    try:
        return _language(context, lang)
    except AppealError as exc:
        config = context.config
        written = [f"wrote {config.rel(f.path)}" for f in extracted if f.changed]
        written += [f"updated {config.rel(f.path)}" for r in done for f in r.updated
                    if f.changed]
        written += [f"compiled {config.rel(f.path)}" for r in done for f in r.compiled
                    if f.changed]
        if not written:
            raise
        raise WroteBefore(exc, written) from None


def _languages_in_worker(context: _Context,
                         langs: Sequence[str]) -> list[_LanguageResult | None]:
    """:func:`_language` of each language of a batch, in a worker; None for a language
    that failed, for the parent to redo and raise.

    Exceptions are not sent back: ours carry their path and line in attributes that
    pickling would lose, and the parent's run raises exactly what a serial run does.
    """
    results: list[_LanguageResult | None] = []
    for lang in langs:
        try:
            results.append(_language(context, lang))
        except Exception:
            results.append(None)
    return results


def _finish(context: _Context, extracted: list[FileResult],
            results: Sequence[_LanguageResult], formats: Sequence[str], *,
            pool: Executor | None, jobs: int | None) -> AllReport:
    config = context.config
    plans = [english(context.sources)]
    plans.extend(r.plan for r in results if r.plan is not None)
    updated = [r.updated[i] for i in range(len(context.templates)) for r in results]
    compiled = [item for r in results for item in r.compiled]
    known = dict(item for r in results for item in r.coverage)
    report = publish(config, context.sources, plans, formats=formats, pool=pool, jobs=jobs,
                     known_coverage=known, keep_published=context.keep_published)
    return AllReport(extracted, updated, compiled, report)
