"""The site pages around the letters: the language index, badges and the dashboard."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from appeal_i18n import locales
from appeal_i18n.coverage import percent_label
from appeal_i18n.publish.html import CSS, csp
from appeal_i18n.publish.policy import LanguagePlan

_FORMAT_NAMES = {"html": "HTML", "md": "Markdown", "txt": "Text", "pdf": "PDF"}

_INDEX_CSS = CSS + """\
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--muted);padding:.4rem .5rem;text-align:start;\
vertical-align:top}
td.n{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted{color:var(--muted)}
"""


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One language on the index page."""

    lang: str
    """BCP 47 tag."""
    dir: str
    """``ltr`` or ``rtl``."""
    name: str
    """The language's own name."""
    english: str
    """Its English name."""
    percent: str
    """Translated share, e.g. ``57.1%`` (:func:`~appeal_i18n.coverage.percent_label`)."""
    state: str
    """``published``, ``in progress`` or ``held back by checks``."""
    links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """Per document: ``(document, ((format name, href), ...))``; empty when unpublished."""




def rows(plans: Sequence[LanguagePlan], *, domains: Sequence[str],
         formats: Sequence[str]) -> list[IndexRow]:
    """The index rows: published languages first (English leading), then the others."""
    ordered = sorted(plans, key=lambda p: (not p.published, p.lang != "en", p.lang))
    out = []
    for plan in ordered:
        links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
        if plan.published:
            links = tuple(
                (domain, tuple((_FORMAT_NAMES[fmt], f"{quote(plan.lang, safe='')}/"
                                f"{quote(domain, safe='')}.{fmt}") for fmt in formats))
                for domain in domains)
        state = ("published" if plan.published else "held back by checks" if plan.refused
                 else "in progress")
        out.append(IndexRow(locales.bcp47(plan.lang), locales.direction(plan.lang),
                            locales.native_name(plan.lang), locales.english_name(plan.lang),
                            percent_label(plan.percent), state, links))
    return out


def render_index(plans: Sequence[LanguagePlan], *, title: str, domains: Sequence[str],
                 formats: Sequence[str], dashboard: str | None = "coverage.html") -> str:
    """The site's front page: every language by its own name, its coverage and its files."""
    from appeal_i18n.publish.templates import environment

    return environment().get_template("index.html.j2").render(
        title=title, rows=rows(plans, domains=domains, formats=formats),
        css=Markup(_INDEX_CSS), csp=csp(_INDEX_CSS), dashboard=dashboard,
        multiple=len(domains) > 1,
    )
