"""Localized HTML: a standalone, script-free page per language and document.

Translations are untrusted. Each block's structure comes from the English source; a
translation only supplies the inline content of its block, parsed with raw HTML off,
and may only link to targets (and show images) that the English passage has. The
page template receives a translation only as an autoescaped value or as markup that
markdown-it rendered from such tokens, never as template source.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from appeal_i18n import locales
from appeal_i18n.publish.localize import Localized
from appeal_i18n.publish.strings import page_note, strings
from appeal_i18n.publish.text import plain

_OPENERS = ("paragraph_open", "heading_open", "list_item_open")
#: Characters with which inline Markdown syntax starts (escapes, code, emphasis, links,
#: images, autolinks, entities, strikethrough), line breaks and what markdown-it
#: normalizes (CR, NUL); ``]`` and ``>`` for good measure.
_INLINE_SYNTAX = re.compile(r"[\n\r\x00\\`*_\[\]!<>&~]")
_SIGNATURE = re.compile(r"^\s*<!--\s*signature\s*-->\s*$")
_DESCRIPTION = 200
_MIN_WORDS = 12


@lru_cache(maxsize=1)
def _safe_md() -> MarkdownIt:
    """CommonMark with raw HTML off: a translation's ``<script>`` stays text."""
    return MarkdownIt("commonmark", {"html": False})


def _targets(tokens: Sequence[Token]) -> tuple[dict[str, dict[str, str]], set[str]]:
    links: dict[str, dict[str, str]] = {}
    images: set[str] = set()
    for tok in tokens:
        if tok.type == "link_open":
            links[str(tok.attrs.get("href", ""))] = {k: str(v) for k, v in tok.attrs.items()}
        elif tok.type == "image":
            images.add(str(tok.attrs.get("src", "")))
    return links, images


def safe_inline(translation: str, english: Sequence[Token]) -> list[Token]:
    """Parse a translation's inline Markdown, keeping only links and images the English has.

    A link to any other target loses its link (its text stays) and a kept link gets the
    English link's attributes (a translator cannot add a title); an image not in the
    English is replaced by its alternative text.
    """
    if translation and not _INLINE_SYNTAX.search(translation):
        # No character that starts inline syntax (in CommonMark with raw HTML off), nor a
        # line break: markdown-it would make the whole text one text token.
        tok = Token("text", "", 0)
        tok.content = translation
        return [tok]
    links, images = _targets(english)
    children = _safe_md().parseInline(translation)[0].children or []
    out: list[Token] = []
    kept: list[bool] = []
    for tok in children:
        if tok.type == "link_open":
            attrs = links.get(str(tok.attrs.get("href", "")))
            kept.append(attrs is not None)
            if attrs is None:
                continue
            tok.attrs = dict(attrs)
        elif tok.type == "link_close" and kept and not kept.pop():
            continue
        elif tok.type == "image" and str(tok.attrs.get("src", "")) not in images:
            alt = Token("text", "", 0)
            alt.content = "".join(c.content for c in tok.children or [])
            out.append(alt)
            continue
        out.append(tok)
    return out


def _opener(tokens: list[Token], index: int) -> int:
    for i in range(index - 1, -1, -1):
        tok = tokens[i]
        if tok.type in _OPENERS and not tok.hidden:
            return i
    return index - 1


def render_body(doc: Localized) -> str:
    """Render the document's blocks as HTML; the signature block in its own element.

    A block shown in English on a translated page is marked ``lang="en"`` (and
    ``dir="ltr"`` on a right-to-left page) so that screen readers switch language.
    """
    # The parsed source may be shared by many pages: copy a token before changing it.
    tokens = list(doc.parsed.tokens)
    rtl = doc.lang != "en" and locales.direction(doc.lang) == "rtl"
    for block, text, fallback in zip(doc.parsed.blocks, doc.texts, doc.fallback, strict=True):
        inline = tokens[block.index] = _copy(tokens[block.index])
        inline.children = safe_inline(text, inline.children or [])
        if fallback:
            at = _opener(tokens, block.index)
            opener = tokens[at] = _copy(tokens[at])
            opener.attrSet("lang", "en")
            if rtl:
                opener.attrSet("dir", "ltr")
    md = _safe_md()
    parts: list[str] = []
    current: list[Token] = []
    for tok in tokens:
        if tok.type == "html_block":
            if _SIGNATURE.match(tok.content) and len(parts) == 0:
                parts.append(md.renderer.render(current, md.options, {}))
                parts.append('<footer class="signature">\n')
                current = []
            continue
        current.append(tok)
    parts.append(md.renderer.render(current, md.options, {}))
    if len(parts) > 1:
        parts.append("</footer>\n")
    return "".join(parts)


def _copy(tok: Token) -> Token:
    new = tok.copy()
    new.attrs = dict(tok.attrs)
    return new


class Alternate(NamedTuple):
    """A published language of the same document, for ``hreflang`` links and the switcher.

    A named tuple: every page job carries the whole list to a worker, and tuples pickle
    and hash in C.
    """

    lang: str
    """gettext code."""
    href: str
    """Relative URL of its page."""
    name: str
    """Its own name for itself."""


CSS = """\
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#595959;--accent:#0b5394}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#111;--muted:#aaa;--accent:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 "Noto Serif",\
"DejaVu Serif",Georgia,serif;overflow-wrap:break-word}
:lang(ar),:lang(fa),:lang(ur){font-family:"Noto Naskh Arabic","Noto Sans Arabic","DejaVu Sans",\
serif;line-height:1.9}
:lang(he){font-family:"Noto Serif Hebrew","Noto Sans Hebrew","DejaVu Sans",serif}
main,nav.languages{max-width:42rem;margin:0 auto;padding:1.5rem 1.25rem}
h1{font-size:1.9rem;line-height:1.2;margin:1rem 0 1.5rem}
a{color:var(--accent)}
nav.languages{padding-block:.75rem;font-size:.9rem;border-bottom:1px solid var(--muted)}
nav.languages ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav.languages [aria-current]{font-weight:bold;text-decoration:none;color:var(--fg)}
.note{border-inline-start:4px solid var(--accent);padding:.5rem 1rem;font-size:.95rem}
article [lang=en]{border-inline-start:3px dotted var(--muted);padding-inline-start:.6rem}
footer.signature{margin-top:2rem}
footer.signature p{margin:.5rem 0}
@media (max-width:30rem){body{font-size:1rem}h1{font-size:1.5rem}}
@page{size:A4;margin:2cm 2.2cm;@bottom-center{content:counter(page) " / " counter(pages);\
font-size:9pt}}
@media print{nav.languages{display:none}body{font-size:11pt;color:#000;background:#fff}\
main{max-width:none;padding:0}a{color:inherit;text-decoration:none}\
a[href^="http"]::after{content:" (" attr(href) ")";font-size:.9em}\
h1,h2,h3{break-after:avoid}li,p{orphans:3;widows:3}}
"""


def csp(css: str = CSS) -> str:
    """A Content-Security-Policy allowing no script and nothing external."""
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'self'; "
            "base-uri 'none'; form-action 'none'")


def description(doc: Localized) -> str:
    """The first body paragraph of some length (not the salutation) as plain text.

    Cut at a word near 200 characters.
    """
    paragraphs = [" ".join(plain(text).split()) for block, text in
                  zip(doc.parsed.blocks, doc.texts, strict=True)
                  if block.passage.kind == "paragraph"]
    words = next((p for p in paragraphs if len(p.split()) >= _MIN_WORDS),
                 paragraphs[0] if paragraphs else "")
    if len(words) <= _DESCRIPTION:
        return words
    return words[:_DESCRIPTION].rsplit(" ", 1)[0] + " …"


def w3c_date(when: datetime) -> str:
    """A date as ``dcterms`` metadata and WeasyPrint expect it: ``2025-08-14T10:00:00Z``."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class _LanguageLinks:
    """The ``<link rel="alternate">`` lines and switcher items of a set of languages."""

    links: Markup
    """Every ``<link rel="alternate" hreflang=...>`` line."""
    items: tuple[Markup, ...]
    """The switcher's ``<li>`` of each language, none marked as the current page."""
    at: dict[str, tuple[int, ...]]
    """Where each language's items are."""


@lru_cache(maxsize=8)
def _language_links(alternates: tuple[Alternate, ...]) -> _LanguageLinks:
    # The same on every page of a document: rendered once, not once per page.
    macros = _macros()
    at: dict[str, list[int]] = {}
    for i, alt in enumerate(alternates):
        at.setdefault(alt.lang, []).append(i)
    return _LanguageLinks(
        Markup("".join(macros.link(locales.bcp47(alt.lang), alt.href) for alt in alternates)),
        tuple(_item(alt, current=False) for alt in alternates),
        {lang: tuple(where) for lang, where in at.items()})


@lru_cache(maxsize=1)
def _macros() -> Any:
    from appeal_i18n.publish.templates import environment

    return environment().get_template("alternates.html.j2").module


def _item(alt: Alternate, *, current: bool) -> Markup:
    item: Markup = _macros().item(locales.bcp47(alt.lang), alt.href, alt.name, current)
    return item


def language_links(alternates: Sequence[Alternate], current: str) -> tuple[Markup, Markup]:
    """The ``<link rel="alternate">`` lines and the switcher's items of a page.

    Every value is escaped by the macros of ``alternates.html.j2``; only the item of
    ``current`` differs from page to page (``aria-current``).
    """
    alternates = tuple(alternates)
    known = _language_links(alternates)
    items = list(known.items)
    for i in known.at.get(current, ()):
        items[i] = _item(alternates[i], current=True)
    return known.links, Markup("".join(items))  # every item is markup already


def render_page(doc: Localized, *, alternates: Sequence[Alternate], date: datetime) -> str:
    """Render a complete HTML page for one language of one document.

    ``alternates``: every published language of the document, the page's own included;
    the first is the ``x-default``. ``date``: the source's reproducible date.
    """
    from appeal_i18n.publish.templates import environment

    words = strings(doc.lang)
    note = page_note(words, earlier=doc.earlier, partial=any(doc.fallback)) or None
    links, switcher = language_links(alternates, doc.lang)
    return environment().get_template("letter.html.j2").render(
        lang=locales.bcp47(doc.lang), dir=locales.direction(doc.lang),
        title=plain(doc.title), description=description(doc),
        body=Markup(render_body(doc)), css=Markup(CSS), csp=csp(), date=w3c_date(date),
        alternates=alternates, alternate_links=links, switcher=switcher, note=note,
        strings=words,
        strings_lang=locales.bcp47(words.lang) if words.lang != doc.lang else None,
        default_href=alternates[0].href if alternates else None,
    )
