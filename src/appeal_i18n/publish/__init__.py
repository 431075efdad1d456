"""Build stage: the localized letters of every published language, and the site around them.

``dist/<lang>/<name>.{html,md,txt,pdf}`` for English and each published language,
``dist/index.html`` (every language, published or in progress), ``dist/coverage.html``
and ``dist/badges/<lang>.svg``. What is published is decided in :mod:`.policy`; the
pages are rendered by :mod:`.pages` (on several cores when it pays off); files are
written only when their bytes change, and reported in a fixed order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from appeal_i18n import locales
from appeal_i18n.config import Config, source_date
from appeal_i18n.fsio import FileResult, write_file
from appeal_i18n.model import Finding
from appeal_i18n.publish.html import Alternate
from appeal_i18n.publish.localize import localize
from appeal_i18n.publish.manifest import MANIFEST, Letter, Manifest, manifest_bytes, read_manifest
from appeal_i18n.publish.pages import FORMATS, PageJob, render_all, workers_for, write_job
from appeal_i18n.publish.policy import LanguagePlan, plan_languages
from appeal_i18n.publish.text import plain
from appeal_i18n.source import Parsed, read_source

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from appeal_i18n.coverage import CatalogCoverage


@dataclass(frozen=True, slots=True)
class LanguageStatus:
    """How one language stands for publication."""

    lang: str
    """gettext code (``en`` for the source)."""
    percent: float
    """Translated share of the passages over all documents (as ``status`` shows it)."""
    published: bool
    """True when its letters were built."""
    refused: bool = False
    """True when it is translated enough but checks held it back: a build error."""
    fallback: int = 0
    """Passages shown in English on its published pages."""
    unapproved: int = 0
    """Translated passages kept out because no reader approved them (``--require-review``)."""


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What ``build`` did."""

    files: list[FileResult] = field(default_factory=list)
    """Every file written (or left unchanged), in writing order."""
    languages: list[LanguageStatus] = field(default_factory=list)
    """Every language, published or not: English first, then by code."""
    held: list[Finding] = field(default_factory=list)
    """Error findings that kept a translation out of the letters (shown in English instead)."""
    unsafe: list[Finding] = field(default_factory=list)
    """Of :attr:`held`, the safety findings."""
    removed: list[Path] = field(default_factory=list)
    """Letters deleted: of languages no longer published, and of formats not built."""
    withdrawn: list[LanguageStatus] = field(default_factory=list)
    """Languages an earlier build published (``dist/published.json``) that this one does
    not: an error unless kept (:attr:`kept`)."""
    kept: list[str] = field(default_factory=list)
    """Of :attr:`withdrawn`, the languages whose last published letters were kept (built
    again from the manifest, marked as an earlier version), in place of being removed."""

    @property
    def refused(self) -> list[LanguageStatus]:
        """Languages that could not be published although translated enough."""
        return [s for s in self.languages if s.refused]

    @property
    def unpublished(self) -> list[LanguageStatus]:
        """Languages taken offline by this build: withdrawn and not kept (an error)."""
        return [s for s in self.withdrawn if s.lang not in self.kept]


def _alternates(plans: Sequence[LanguagePlan], domain: str) -> tuple[Alternate, ...]:
    return tuple(Alternate(p.lang, f"../{p.lang}/{domain}.html", locales.native_name(p.lang))
                 for p in plans if p.published)


def build(config: Config, *, min_coverage: float | None = None, jobs: int | None = None,
          formats: Sequence[str] = FORMATS, require_review: bool | None = None,
          keep_published: bool | None = None) -> BuildReport:
    """Build every published language's letters and the site pages under the output folder.

    ``min_coverage``: the publication threshold in percent (default: the project's).
    ``jobs``: worker processes (default: all cores when there are enough PDFs to make).
    ``require_review``: publish approved passages only (default: the project's setting).
    """
    threshold = config.min_coverage if min_coverage is None else min_coverage
    if require_review is None:
        require_review = config.require_review
    config.project_catalogs()  # a missing catalog is an error, never an unpublished language
    paths = {path.stem: path for path in config.documents()}
    sources: dict[str, Parsed] = {
        name: read_source(path, relpath=config.rel(path)) for name, path in paths.items()}
    plans = plan_languages(config, sources, threshold=threshold, require_review=require_review)
    return publish(config, sources, plans, jobs=jobs, formats=formats,
                   keep_published=keep_published)


def publish(config: Config, sources: Mapping[str, Parsed], plans: Sequence[LanguagePlan], *,
            jobs: int | None = None, formats: Sequence[str] = FORMATS,
            pool: Executor | None = None,
            known_coverage: Mapping[Path, CatalogCoverage] | None = None,
            keep_published: bool | None = None) -> BuildReport:
    """Render and write what the plans publish, remove what they no longer do, and the site.

    A language the last build published (its manifest, ``published.json``) that these
    plans do not is *withdrawn*: its letters are removed and the report says so (an
    error for the CLI), unless ``keep_published`` (default: the project's
    ``keep-published``) keeps its last published letters, as an earlier version.

    ``pool``: render on these worker processes (instead of choosing from ``jobs``).
    ``known_coverage``: the coverage of catalogs already in hand, for the dashboard (see
    :func:`appeal_i18n.coverage.read_stats`).
    """
    formats = tuple(f for f in FORMATS if f in formats)
    paths = {path.stem: path for path in config.documents()}
    # Once per document, not once per page: the date may come from a `git log` process.
    dates = {name: source_date(paths[name]) for name in sources}
    published = [p for p in plans if p.published]
    alternates = {name: _alternates(published, name) for name in sources}
    jobs_list: list[PageJob] = []
    statuses: list[LanguageStatus] = []
    for plan in plans:
        fallback = 0
        for name, parsed in sources.items() if plan.published else ():
            doc = localize(parsed, lang=plan.lang, domain=name, table=dict(plan.tables[name]))
            fallback += sum(doc.fallback)
            jobs_list.append(PageJob(
                plan.lang, name, parsed.text, config.rel(paths[name]), doc.texts, doc.fallback,
                alternates[name], dates[name], formats))
        statuses.append(LanguageStatus(plan.lang, plan.percent, plan.published, plan.refused,
                                       fallback, plan.unapproved))
    held = [f for p in plans for f in p.held]
    report = BuildReport(languages=statuses, held=held,
                         unsafe=[f for p in plans for f in p.unsafe])
    out = config.output_dir
    keep = config.keep_published if keep_published is None else keep_published
    before = read_manifest(out)
    letters: dict[str, Mapping[str, Letter]] = {}
    own: dict[str, dict[str, Letter]] = {job.lang: {} for job in jobs_list if job.lang != "en"}
    for job in jobs_list:
        if job.lang != "en":
            own[job.lang][job.domain] = Letter(job.source, job.relpath, job.texts,
                                               job.fallback, job.date.isoformat())
    letters.update(own)
    by_lang = {s.lang: s for s in statuses}
    now = {p.lang for p in plans if p.published}
    for lang in sorted({*before.published, *before.earlier} - now):
        if lang in by_lang:  # a language no longer in the project is not withdrawn
            report.withdrawn.append(by_lang[lang])
            if keep:
                report.kept.append(lang)
                letters[lang] = before.letters.get(lang, {})
                jobs_list.extend(_earlier_jobs(lang, letters[lang], alternates, formats))
    if pool is not None and len(jobs_list) > 1:
        # The workers render and write the pages; the parent makes the site meanwhile.
        written = pool.map(partial(write_job, out=out), jobs_list,
                           chunksize=_chunk(len(jobs_list)))
        site = _site(config, plans, sources, formats, known_coverage)
        for results in written:
            report.files.extend(results)
    else:
        rendered = render_all(jobs_list, workers=workers_for(jobs_list, jobs))
        site = _site(config, plans, sources, formats, known_coverage)
        for job, files in zip(jobs_list, rendered, strict=True):
            for fmt in formats:
                report.files.append(write_file(out / job.lang / f"{job.domain}.{fmt}",
                                               files[fmt]))
    report.removed.extend(_remove_stale(out, plans, sources, formats, keep=report.kept))
    report.files.extend(write_file(path, data) for path, data in site)
    manifest = Manifest(tuple(sorted(now)), tuple(report.kept), letters)
    report.files.append(write_file(out / MANIFEST, manifest_bytes(manifest)))
    return report


def _earlier_jobs(lang: str, letters: Mapping[str, Letter],
                  alternates: Mapping[str, tuple[Alternate, ...]],
                  formats: Sequence[str]) -> list[PageJob]:
    """The jobs that render a language's last published letters again, as an earlier
    version: from the manifest's English source and texts, with the note that says so.

    (Without a record of them, from a manifest of an older appeal-i18n, nothing is
    rendered and the files stay as they are.)
    """
    from datetime import datetime

    jobs = []
    for domain, letter in sorted(letters.items()):
        own = Alternate(lang, f"../{lang}/{domain}.html", locales.native_name(lang))
        jobs.append(PageJob(lang, domain, letter.source, letter.relpath, letter.texts,
                            letter.fallback, (*alternates.get(domain, ()), own),
                            datetime.fromisoformat(letter.date), tuple(formats),
                            earlier=True))
    return jobs


def _chunk(jobs: int) -> int:
    """Jobs per round trip to a worker: few trips, yet both workers finish together."""
    return max(1, min(4, jobs // 32))


def _remove_stale(out: Path, plans: Sequence[LanguagePlan], sources: Mapping[str, Parsed],
                  formats: Sequence[str], *, keep: Sequence[str]) -> list[Path]:
    """Delete the letters an earlier build made that this one did not (re)write.

    Those of a language no longer published (unless kept), and those of a published
    language in a format not built this time (they would be of older catalogs).
    """
    removed = []
    for plan in plans:
        if plan.lang in keep:
            continue
        stale = [f for f in FORMATS if f not in formats] if plan.published else FORMATS
        for name in sources:
            for fmt in stale:
                path = out / plan.lang / f"{name}.{fmt}"
                if path.is_file():
                    path.unlink()
                    removed.append(path)
    return removed


def _site(config: Config, plans: Sequence[LanguagePlan], sources: Mapping[str, Parsed],
          formats: Sequence[str], known_coverage: Mapping[Path, CatalogCoverage] | None,
          ) -> list[tuple[Path, bytes]]:
    """The index, the coverage dashboard and a badge per language, in writing order."""
    from appeal_i18n.coverage import status
    from appeal_i18n.publish.dashboard import render_badge, render_dashboard
    from appeal_i18n.publish.site import render_index

    out = config.output_dir
    english = next(iter(sources.values()), None)
    title = plain(localize(english, lang="en", domain="", table={}).title) if english else ""
    coverage = status(config, passages=True, known=known_coverage)
    percents = {lang.language: lang.percent for lang in coverage.languages}
    published = [p.lang for p in plans if p.published]
    files = [
        (out / "index.html", render_index(
            plans, title=title or "Letters", domains=list(sources), formats=formats).encode()),
        (out / "coverage.html", render_dashboard(
            coverage, title=f"{title}: translation coverage" if title else
            "Translation coverage", published=published).encode()),
    ]
    for plan in plans:
        if plan.lang != "en":
            badge = render_badge(plan.lang, percents.get(plan.lang, plan.percent))
            files.append((out / "badges" / f"{plan.lang}.svg", badge.encode()))
    return files
