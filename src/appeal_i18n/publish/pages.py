"""Render the letters of many languages, serially or on several cores, to the same bytes.

A :class:`PageJob` carries everything one (language, document) needs as plain values,
so that it pickles cheaply to a worker process; the worker re-parses the source (a
few milliseconds) rather than receiving token trees. Results come back in job order
whatever the pool does, so a parallel build writes exactly what a serial one does.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from appeal_i18n.fsio import FileResult, write_file
from appeal_i18n.publish.html import Alternate, PageSite, render_page
from appeal_i18n.publish.localize import Localized
from appeal_i18n.publish.markdown import render_markdown
from appeal_i18n.publish.text import plain, render_text
from appeal_i18n.source import Parsed, parse

_Item = TypeVar("_Item")

#: Output formats, in the order they are written.
FORMATS = ("html", "md", "txt", "pdf")
#: What a page's share image is written as (beside its HTML, with a base URL only).
IMAGE = "png"

#: A PDF takes about 0.4 s and a worker about 0.5 s to warm up: below this many PDFs
#: a pool saves nothing.
_POOL_MIN_PDFS = 8


@dataclass(frozen=True, slots=True)
class PageJob:
    """One language of one document to render."""

    lang: str
    """gettext code; ``en`` for the source."""
    domain: str
    """Document name."""
    source: str
    """The English Markdown source."""
    relpath: str
    """The source's path in the project, for error messages."""
    texts: tuple[str, ...]
    """The published text of each block."""
    fallback: tuple[bool, ...]
    """For each block, True when it is shown in English."""
    alternates: tuple[Alternate, ...]
    """Every published language of the document (the page's own included)."""
    date: datetime
    """The source's reproducible date."""
    formats: tuple[str, ...] = FORMATS
    """Which of :data:`FORMATS` to render."""
    site: PageSite = field(default_factory=PageSite)
    """What the page knows of the site (base URL, fonts, the formats it links to)."""
    scripts: tuple[tuple[str, str], ...] = ()
    """The main script of every language on the site, for the PDF's font stacks."""
    earlier: bool = False
    """True for the last published letter of a language no longer published, kept."""


@lru_cache(maxsize=16)
def _parse(source: str, relpath: str) -> Parsed:
    # Once per document and process, not once per language: renderers never modify it.
    return parse(source, path=relpath)


def render_job(job: PageJob) -> dict[str, bytes]:
    """Render one job: ``{format: bytes}`` for each requested format."""
    doc = Localized(job.lang, job.domain, _parse(job.source, job.relpath), job.texts,
                    job.fallback, job.earlier)
    out: dict[str, bytes] = {}
    html = render_page(doc, alternates=job.alternates, date=job.date, site=job.site)
    if "html" in job.formats:
        out["html"] = html.encode()
    if "md" in job.formats:
        out["md"] = render_markdown(doc).encode()
    if "txt" in job.formats:
        out["txt"] = render_text(doc).encode()
    if "pdf" in job.formats:
        from appeal_i18n.publish.pdf import render_pdf

        out["pdf"] = render_pdf(html, scripts=dict(job.scripts))
    if job.site.image:
        from appeal_i18n.publish.share import render_card

        out[IMAGE] = render_card(lang=job.lang, title=plain(doc.title),
                                 campaign=plain(campaign(doc)), scripts=dict(job.scripts))
    return out


def campaign(doc: Localized) -> str:
    """The campaign's name as the letter gives it: its first heading (else its title)."""
    for at, text, _ in doc.body():
        if doc.parsed.blocks[at].passage.kind == "heading":
            return text
    return doc.title


def write_job(job: PageJob, out: Path) -> list[FileResult]:
    """Render one job and write its files under ``out`` (each only when its bytes change)."""
    files = render_job(job)
    return [write_file(out / job.lang / f"{job.domain}.{fmt}", data)
            for fmt, data in files.items()]


def write_jobs(jobs: Sequence[PageJob], out: Path) -> list[list[FileResult]]:
    """:func:`write_job` of each job of a batch (one round trip to a worker)."""
    return [write_job(job, out) for job in jobs]


def batches(items: Sequence[_Item], workers: int) -> list[Sequence[_Item]]:
    """``items`` in consecutive batches for ``workers`` processes: large ones first, then
    smaller and smaller (guided scheduling), so that the workers make few round trips and
    still finish together."""
    found: list[Sequence[_Item]] = []
    start = 0
    while start < len(items):
        size = max(1, (len(items) - start) // (2 * workers))
        found.append(items[start:start + size])
        start += size
    return found


def cores() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(jobs: Sequence[PageJob], requested: int | None) -> int:
    """How many processes to use: ``requested``, or all cores when enough PDFs pay for it."""
    if requested is not None:
        return max(1, min(requested, len(jobs)))
    pdfs = sum(("pdf" in job.formats) + job.site.image for job in jobs)
    return min(cores(), len(jobs)) if pdfs >= _POOL_MIN_PDFS else 1


def render_all(jobs: Sequence[PageJob], *, workers: int = 1) -> list[dict[str, bytes]]:
    """Render every job, on ``workers`` processes; results in job order."""
    if workers <= 1 or len(jobs) <= 1:
        return [render_job(job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    if any("pdf" in job.formats or job.site.image for job in jobs):
        # Import WeasyPrint (seconds) once, before the workers fork, not once in each.
        from appeal_i18n.publish.pdf import preload

        preload()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(render_job, jobs))
