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
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from appeal_i18n import locales
from appeal_i18n.config import Config, source_date
from appeal_i18n.fsio import FileResult, write_file
from appeal_i18n.model import Finding
from appeal_i18n.publish import fonts
from appeal_i18n.publish.html import Alternate, PageSite
from appeal_i18n.publish.localize import Localized, localize
from appeal_i18n.publish.manifest import MANIFEST, Letter, Manifest, manifest_bytes, read_manifest
from appeal_i18n.publish.pages import (
    FORMATS,
    IMAGE,
    PageJob,
    batches,
    cores,
    render_all,
    workers_for,
    write_jobs,
)
from appeal_i18n.publish.policy import LanguagePlan, plan_languages
from appeal_i18n.publish.strings import strings
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
    """Letters deleted: of languages no longer published, of formats not built, and share
    images without a base URL."""
    withdrawn: list[LanguageStatus] = field(default_factory=list)
    """Languages an earlier build published (``dist/published.json``) that this one does
    not: an error unless kept (:attr:`kept`)."""
    kept: list[str] = field(default_factory=list)
    """Of :attr:`withdrawn`, the languages whose last published letters were kept (built
    again from the manifest, marked as an earlier version), in place of being removed."""
    pages: bool = False
    """True when HTML letter pages were built (which share tags concern)."""

    @property
    def refused(self) -> list[LanguageStatus]:
        """Languages that could not be published although translated enough."""
        return [s for s in self.languages if s.refused]

    @property
    def unpublished(self) -> list[LanguageStatus]:
        """Languages taken offline by this build: withdrawn and not kept (an error)."""
        return [s for s in self.withdrawn if s.lang not in self.kept]


def _alternate(lang: str, domain: str, base_url: str | None) -> Alternate:
    """A language's page as the others link to it: relative, and absolute with a base URL."""
    href = f"../{lang}/{domain}.html"
    return Alternate(lang, href, locales.native_name(lang),
                     f"{base_url}{lang}/{domain}.html" if base_url else href)


def _alternates(plans: Sequence[LanguagePlan], domain: str,
                base_url: str | None) -> tuple[Alternate, ...]:
    return tuple(_alternate(p.lang, domain, base_url) for p in plans if p.published)


def _page_texts(doc: Localized) -> list[str]:
    """What a language's pages show in its own fonts: the letter, its title, the page's
    own words."""
    from appeal_i18n.publish.text import plain

    words = strings(doc.lang)
    return [*(plain(text) for text in doc.texts), words.fallback_note, words.all_languages,
            words.download, words.text]


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
    alternates = {name: _alternates(published, name, config.base_url) for name in sources}
    docs = {(plan.lang, name): localize(parsed, lang=plan.lang, domain=name,
                                        table=dict(plan.tables[name]))
            for plan in published for name, parsed in sources.items()}
    out = config.output_dir
    keep = config.keep_published if keep_published is None else keep_published
    before = read_manifest(out)
    in_project = {p.lang for p in plans}
    now = {p.lang for p in published}
    withdrawn = sorted(lang for lang in {*before.published, *before.earlier} - now
                       if lang in in_project)  # a language no longer in the project is not
    kept = withdrawn if keep else []
    page_texts = _texts_by_language(docs)
    for lang in kept:  # the earlier letters are set in their language's fonts too
        page_texts.setdefault(lang, []).extend(
            plain(text) for letter in before.letters.get(lang, {}).values()
            for text in letter.texts)
    scripts = {lang: fonts.language_script(lang, texts) for lang, texts in page_texts.items()}
    if "html" in formats or "pdf" in formats:
        for lang, texts in page_texts.items():
            fonts.check_coverage(lang, texts)
    site = PageSite(config.base_url, fonts.stylesheet(scripts, web=True, base="../"), formats)
    script_items = tuple(sorted(scripts.items()))
    jobs_list: list[PageJob] = []
    statuses: list[LanguageStatus] = []
    for plan in plans:
        fallback = 0
        for name, parsed in sources.items() if plan.published else ():
            doc = docs[plan.lang, name]
            fallback += sum(doc.fallback)
            jobs_list.append(PageJob(
                plan.lang, name, parsed.text, config.rel(paths[name]), doc.texts, doc.fallback,
                alternates[name], dates[name], formats, site, script_items))
        statuses.append(LanguageStatus(plan.lang, plan.percent, plan.published, plan.refused,
                                       fallback, plan.unapproved))
    held = [f for p in plans for f in p.held]
    report = BuildReport(languages=statuses, held=held,
                         unsafe=[f for p in plans for f in p.unsafe],
                         pages="html" in formats and bool(jobs_list))
    # What the manifest records of each published letter, to rebuild it as an earlier version.
    letters: dict[str, Mapping[str, Letter]] = {}
    for job in jobs_list:
        if job.lang != "en":
            letters[job.lang] = {**letters.get(job.lang, {}), job.domain: Letter(
                job.source, job.relpath, job.texts, job.fallback, job.date.isoformat())}
    by_lang = {s.lang: s for s in statuses}
    report.withdrawn.extend(by_lang[lang] for lang in withdrawn)
    report.kept.extend(kept)
    for lang in kept:
        letters[lang] = before.letters.get(lang, {})
        jobs_list.extend(_earlier_jobs(lang, letters[lang], alternates, formats, site,
                                       script_items))
    manifest = Manifest(tuple(sorted(now)), tuple(report.kept), letters)
    if pool is not None and len(jobs_list) > 1:
        # The workers render and write the pages; the parent makes the site and the
        # manifest meanwhile. (``jobs``: the pool's size, as ``all`` passes it.)
        written = pool.map(partial(write_jobs, out=out),
                           batches(jobs_list, jobs or cores()))
        pages = [*_site(config, plans, sources, docs, scripts, formats, known_coverage,
                        dates), (out / MANIFEST, manifest_bytes(manifest))]
        for batch in written:
            for results in batch:
                report.files.extend(results)
    else:
        rendered = render_all(jobs_list, workers=workers_for(jobs_list, jobs))
        pages = [*_site(config, plans, sources, docs, scripts, formats, known_coverage,
                        dates), (out / MANIFEST, manifest_bytes(manifest))]
        for job, files in zip(jobs_list, rendered, strict=True):
            for fmt, data in files.items():
                report.files.append(write_file(out / job.lang / f"{job.domain}.{fmt}", data))
    report.removed.extend(_remove_stale(out, plans, sources, formats, keep=report.kept,
                                        images=site.image))
    report.files.extend(write_file(path, data) for path, data in pages)
    return report


def _earlier_jobs(lang: str, letters: Mapping[str, Letter],
                  alternates: Mapping[str, tuple[Alternate, ...]],
                  formats: Sequence[str], site: PageSite,
                  scripts: tuple[tuple[str, str], ...]) -> list[PageJob]:
    """The jobs that render a language's last published letters again, as an earlier
    version: from the manifest's English source and texts, with the note that says so.

    (Without a record of them, from a manifest of an older appeal-i18n, nothing is
    rendered and the files stay as they are.)
    """
    jobs = []
    for domain, letter in sorted(letters.items()):
        own = _alternate(lang, domain, site.base_url)
        jobs.append(PageJob(lang, domain, letter.source, letter.relpath, letter.texts,
                            letter.fallback, (*alternates.get(domain, ()), own),
                            datetime.fromisoformat(letter.date), tuple(formats), site,
                            scripts, earlier=True))
    return jobs


def _texts_by_language(docs: Mapping[tuple[str, str], Localized]) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {}
    for (lang, _), doc in docs.items():
        texts.setdefault(lang, []).extend(_page_texts(doc))
    return texts


def _remove_stale(out: Path, plans: Sequence[LanguagePlan], sources: Mapping[str, Parsed],
                  formats: Sequence[str], *, keep: Sequence[str], images: bool) -> list[Path]:
    """Delete the letters an earlier build made that this one did not (re)write.

    Those of a language no longer published (unless kept), those of a published
    language in a format not built this time (they would be of older catalogs), and
    share images that no longer have a base URL to be shared from.
    """
    removed = []
    for plan in plans:
        if plan.lang in keep:
            continue
        if plan.published:
            stale = [f for f in FORMATS if f not in formats] + ([] if images else [IMAGE])
        else:
            stale = [*FORMATS, IMAGE]
        for name in sources:
            for fmt in stale:
                path = out / plan.lang / f"{name}.{fmt}"
                if path.is_file():
                    path.unlink()
                    removed.append(path)
    return removed


def _site(config: Config, plans: Sequence[LanguagePlan], sources: Mapping[str, Parsed],
          docs: Mapping[tuple[str, str], Localized], scripts: Mapping[str, str],
          formats: Sequence[str], known_coverage: Mapping[Path, CatalogCoverage] | None,
          dates: Mapping[str, datetime]) -> list[tuple[Path, bytes]]:
    """The index, the coverage dashboard, a badge per language, the favicon and the fonts,
    in writing order."""
    from appeal_i18n.coverage import status
    from appeal_i18n.publish.dashboard import badge_label, render_badge, render_dashboard
    from appeal_i18n.publish.site import FAVICON, render_index

    out = config.output_dir
    english = docs.get(("en", next(iter(sources), "")))
    title = plain(english.title) if english else ""
    coverage = status(config, passages=True, known=known_coverage)
    percents = {lang.language: lang.percent for lang in coverage.languages}
    published = [p.lang for p in plans if p.published]
    generated = max(dates.values()).strftime("%Y-%m-%d") if dates else None
    files = [
        (out / "index.html", render_index(
            plans, docs, domains=list(sources), formats=formats,
            fonts_css=fonts.stylesheet(scripts, web=True)).encode()),
        (out / "coverage.html", render_dashboard(
            coverage, title=f"{title}: translation coverage" if title else
            "Translation coverage", published=published, states=_states(plans),
            generated=generated, index="index.html").encode()),
    ]
    for plan in plans:
        if plan.lang != "en":
            badge = render_badge(badge_label(plan.lang), percents.get(plan.lang, plan.percent))
            files.append((out / "badges" / f"{plan.lang}.svg", badge.encode()))
    files.append((out / "favicon.svg", FAVICON.encode()))
    files.extend((out / "fonts" / path.name, path.read_bytes())
                 for path in fonts.shipped_files())
    return files


def _states(plans: Sequence[LanguagePlan]) -> dict[str, str]:
    """Each language's state as the coverage page says it."""
    states = {}
    for plan in plans:
        state = plan.state
        if plan.refused:  # and why
            codes = sorted({f.code for f in plan.held})
            state += (f": {len(plan.held)} error finding{'s' if len(plan.held) != 1 else ''}"
                      f" ({', '.join(codes)})")
        states[plan.lang] = state
    return states
