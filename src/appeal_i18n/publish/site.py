"""The reader's index: the letter in every published language, and the site's favicon.

Each published language gets an entry in its own script and direction: its name, the
letter's title and a line of its opening, linking to the page and the PDF. Languages in
progress are named below, with a link to the coordinators' page (``coverage.html``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from appeal_i18n import locales
from appeal_i18n.coverage import percent_label
from appeal_i18n.publish.html import CSS, csp, description, opening
from appeal_i18n.publish.localize import Localized
from appeal_i18n.publish.policy import LanguagePlan
from appeal_i18n.publish.text import plain

#: Length of the line of each letter's opening on the index.
_OPENING = 120

_INDEX_CSS = CSS + """\
.lead{font-size:1.1rem}
ul.letters{list-style:none;margin:1.5rem 0;padding:0}
ul.letters>li{border-top:1px solid var(--muted);padding:1rem 0}
.language{margin:0;font-size:.9rem;color:var(--muted)}
ul.letters h2{font-size:1.25rem;margin:.25rem 0}
ul.letters p{margin:.25rem 0}
.pending{color:var(--muted)}
"""

#: The site's icon: a person in the campaign's blue (no text, so no font).
FAVICON = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#0b5394"/>
<circle cx="16" cy="11" r="5" fill="#fff"/>
<path d="M6 27c0-5.5 4.5-9 10-9s10 3.5 10 9z" fill="#fff"/>
</svg>
"""


@dataclass(frozen=True, slots=True)
class Entry:
    """One published letter on the index, in its own language."""

    lang: str
    """BCP 47 tag."""
    dir: str
    """``ltr`` or ``rtl``."""
    name: str
    """The language's own name."""
    english: str
    """Its English name."""
    title: str
    """The letter's title in the language (plain text)."""
    title_lang: str | None
    """``en`` when the title is shown in English, else None."""
    opening: str
    """A line of the letter's opening."""
    href: str
    """Relative URL of the page."""
    pdf: str | None
    """Relative URL of the PDF, when built."""


@dataclass(frozen=True, slots=True)
class Pending:
    """A language that is not published."""

    lang: str
    """BCP 47 tag."""
    name: str
    """The language's own name."""
    english: str
    """Its English name."""
    state: str
    """``in progress`` or ``held back by checks``."""
    percent: str
    """Translated share, e.g. ``57.1%`` (:func:`~appeal_i18n.coverage.percent_label`)."""


def entries(plans: Sequence[LanguagePlan], docs: Mapping[tuple[str, str], Localized], *,
            domains: Sequence[str], formats: Sequence[str]) -> list[Entry]:
    """The published letters: English first, then by language code."""
    out = []
    for plan in sorted((p for p in plans if p.published), key=lambda p: (p.lang != "en",
                                                                           p.lang)):
        for domain in domains:
            doc = docs[plan.lang, domain]
            base = f"{quote(plan.lang, safe='')}/{quote(domain, safe='')}"
            out.append(Entry(
                locales.bcp47(plan.lang), locales.direction(plan.lang),
                locales.native_name(plan.lang), locales.english_name(plan.lang),
                plain(doc.title), "en" if doc.title_in_english else None,
                opening(doc, _OPENING), f"{base}.html",
                f"{base}.pdf" if "pdf" in formats else None))
    return out


def pending(plans: Sequence[LanguagePlan]) -> list[Pending]:
    """The languages not published, by code."""
    return [Pending(locales.bcp47(p.lang), locales.native_name(p.lang),
                    locales.english_name(p.lang),
                    p.state,
                    percent_label(p.percent))
            for p in sorted(plans, key=lambda p: p.lang) if not p.published]


def render_index(plans: Sequence[LanguagePlan], docs: Mapping[tuple[str, str], Localized], *,
                 domains: Sequence[str], formats: Sequence[str], fonts_css: str = "",
                 dashboard: str | None = "coverage.html") -> str:
    """The site's front page: the letter in every language, in that language."""
    from appeal_i18n.publish.templates import environment

    english = docs.get(("en", domains[0])) if domains else None
    title = plain(english.title) if english else "Letters"
    css = _INDEX_CSS + fonts_css
    return environment().get_template("index.html.j2").render(
        title=title, description=description(english) if english else "",
        entries=entries(plans, docs, domains=domains, formats=formats),
        pending=pending(plans), css=Markup(css), csp=csp(css), dashboard=dashboard)
