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
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, lru_cache
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
    for at_block, text, fallback in doc.body():
        block = doc.parsed.blocks[at_block]
        inline = tokens[block.index] = _copy(tokens[block.index])
        inline.children = safe_inline(text, inline.children or [])
        if block.passage.section == "signature" and block.passage.kind == "paragraph":
            inline.children = signatory(inline.children)
        direction = "ltr" if fallback else locales.direction(doc.lang)
        inline.children = isolate(inline.children, direction)
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
        if tok.type == "front_matter":
            continue
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


_NAME_END = re.compile(r"\s*[,،、，]\s*")


def signatory(children: list[Token]) -> list[Token]:
    """Set a signatory as a letter does: the name in bold, the title on the next line.

    The name is the text before the first comma (of any script) when text follows it, and
    only when it is plain text; anything else is left as it is.
    """
    if not children or children[0].type != "text":
        return children
    first = children[0].content
    found = _NAME_END.search(first)
    if found is None or found.start() == 0 or (found.end() == len(first) and len(children) == 1):
        return children
    parts = [Token("strong_open", "strong", 1), _text(first[:found.start()]),
             Token("strong_close", "strong", -1), Token("hardbreak", "br", 0)]
    rest = first[found.end():]
    return [*parts, *([_text(rest)] if rest else []), *children[1:]]


#: Characters of right-to-left scripts (a quick test before the per-character one).
_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff]")
_RUN = re.compile(r"o(?:[on]*o)?")
_STRONG = {"ltr": ("L",), "rtl": ("R", "AL")}


def _classes(text: str, direction: str) -> str:
    """One letter per character: ``w`` strong in the block's direction, ``o`` strong in the
    other, ``n`` neither (digits, punctuation, spaces)."""
    own = _STRONG[direction]
    other = _STRONG["rtl" if direction == "ltr" else "ltr"]
    out = []
    for char in text:
        kind = unicodedata.bidirectional(char)
        out.append("w" if kind in own else "o" if kind in other else "n")
    return "".join(out)


def isolate(children: list[Token], direction: str) -> list[Token]:
    """Wrap each run of the other direction in ``<bdi dir=...>``.

    A run goes from a character strong in the other direction to the last one before a
    character strong in the block's own direction, across links and emphasis (widened to
    whole elements, never cutting one in two). Isolated, the run is laid out as one unit:
    WeasyPrint orders a line's boxes by the block's direction, and without it the Latin
    words of an Arabic line come out in reverse order in the PDF.
    """
    if direction == "ltr" and not any(
            _RTL_CHARS.search(tok.content) for tok in children if tok.type == "text"):
        return children
    atoms: list[Token] = []
    kinds: list[str] = []
    for tok in children:
        if tok.type != "text":
            atoms.append(tok)
            kinds.append(_classes(tok.content, direction) if tok.type == "code_inline"
                         else "")
            continue
        classes = _classes(tok.content, direction)
        at = 0
        for run in _RUN.finditer(classes):
            for start, end in ((at, run.start()), (run.start(), run.end())):
                if end > start:
                    atoms.append(_text(tok.content[start:end]))
                    kinds.append(classes[start:end])
            at = run.end()
        if at < len(classes):
            atoms.append(_text(tok.content[at:]))
            kinds.append(classes[at:])
    wraps = _runs(atoms, kinds)
    if not wraps:
        return children
    other = "rtl" if direction == "ltr" else "ltr"
    out: list[Token] = []
    starts = {i for i, _ in wraps}
    ends = {j for _, j in wraps}
    for i, tok in enumerate(atoms):
        if i in starts:
            out.append(_html(f'<bdi dir="{other}">'))
        out.append(tok)
        if i in ends:
            out.append(_html("</bdi>"))
    return out


def isolated(text: str, direction: str) -> Markup:
    """Plain text as HTML, escaped, with its runs of the other direction isolated."""
    md = _safe_md()
    return Markup(md.renderer.render(isolate([_text(text)], direction), md.options, {}))


def _runs(atoms: list[Token], kinds: list[str]) -> list[tuple[int, int]]:
    """The atom ranges to isolate: from an atom of the other direction to the last one
    before an atom of the block's own, widened to whole elements."""
    partner: dict[int, int] = {}
    stack: list[int] = []
    for i, tok in enumerate(atoms):
        if tok.nesting == 1:
            stack.append(i)
        elif tok.nesting == -1 and stack:
            opened = stack.pop()
            partner[opened], partner[i] = i, opened
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(atoms):
        if "o" not in kinds[i] or "w" in kinds[i]:
            i += 1
            continue
        j = k = i
        while k + 1 < len(atoms) and "w" not in kinds[k + 1]:
            k += 1
            if "o" in kinds[k]:
                j = k
        start, end = i, j
        while True:  # widen to whole elements
            inside = range(start, end + 1)
            low = min([start, *(partner.get(x, x) for x in inside)])
            high = max([end, *(partner.get(x, x) for x in inside)])
            if (low, high) == (start, end):
                break
            start, end = low, high
        if not any("w" in kinds[x] for x in range(start, end + 1)) and \
                (not found or start > found[-1][1]):
            found.append((start, end))
        i = max(end, j) + 1
    return found


def _html(content: str) -> Token:
    tok = Token("html_inline", "", 0)
    tok.content = content
    return tok


def _text(content: str) -> Token:
    tok = Token("text", "", 0)
    tok.content = content
    return tok


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
    url: str
    """Its page's absolute URL with a base URL, else :attr:`href`."""


CSS = """\
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#595959;--accent:#0b5394}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#111;--muted:#aaa;--accent:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font-size:1.0625rem;line-height:1.6;\
overflow-wrap:break-word}
:lang(ar),:lang(fa),:lang(ur){line-height:1.9}
main,nav.languages,nav.site{max-width:42rem;margin:0 auto;padding:1.5rem 1.25rem}
nav.site{padding-block:.75rem 0;font-size:.9rem}
h1{font-size:1.9rem;line-height:1.2;margin:1rem 0 1.5rem}
a{color:var(--accent);text-underline-offset:.25em}
a,bdi{unicode-bidi:isolate}
nav.languages{padding-block:.75rem;font-size:.9rem;border-bottom:1px solid var(--muted)}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav.languages [aria-current]{font-weight:bold;text-decoration:none;color:var(--fg)}
.note{border-inline-start:4px solid var(--accent);padding:.5rem 1rem;font-size:.95rem}
article [lang=en]{border-inline-start:3px dotted var(--muted);padding-inline-start:.6rem}
footer.signature{margin-top:2rem}
footer.signature p{margin:1rem 0}
nav.formats{margin-top:2.5rem;padding-top:.75rem;border-top:1px solid var(--muted);\
font-size:.95rem}
nav.formats h2{font-size:1rem;margin:0 0 .5rem}
@media (max-width:30rem){body{font-size:1rem}h1{font-size:1.5rem}}
@page{size:A4;margin:2cm 2.2cm;@bottom-center{content:counter(page) " / " counter(pages);\
font-size:9pt}}
@media print{nav{display:none}body{font-size:11pt;color:#000;background:#fff}\
main{max-width:none;padding:0}a{color:inherit;text-decoration:none}\
a[href^="http"]::after{content:" (" attr(href) ")";font-size:.9em;direction:ltr;\
unicode-bidi:isolate}\
h1,h2,h3{break-after:avoid}li,p{orphans:3;widows:3}}
"""


@lru_cache(maxsize=8)
def csp(css: str = CSS) -> str:
    """A Content-Security-Policy allowing no script and nothing external."""
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'self'; "
            "font-src 'self'; base-uri 'none'; form-action 'none'")


def opening(doc: Localized, limit: int = _DESCRIPTION) -> str:
    """The first body paragraph of some length (not the salutation) as plain text.

    Cut at a word near ``limit`` characters.
    """
    paragraphs = [" ".join(plain(text).split()) for at, text, _ in doc.body()
                  if doc.parsed.blocks[at].passage.kind == "paragraph"]
    words = next((p for p in paragraphs if len(p.split()) >= _MIN_WORDS),
                 paragraphs[0] if paragraphs else "")
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0] + " …"


def description(doc: Localized) -> str:
    """The share description: the front matter's, else the letter's opening."""
    field = doc.field("description")
    return " ".join(plain(field[0]).split()) if field is not None else opening(doc)


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
        Markup("".join(macros.link(locales.bcp47(alt.lang), alt.url) for alt in alternates)),
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


@dataclass(frozen=True, slots=True)
class PageSite:
    """What a letter page knows of the site around it (the same on every page)."""

    base_url: str | None = None
    """The site's absolute URL, ending in ``/``; None: links stay relative, no share image."""
    fonts_css: str = ""
    """The ``@font-face`` rules and font stacks of every language on the site (WOFF2)."""
    formats: tuple[str, ...] = ("html",)
    """The formats built beside the page, which it links to."""

    @property
    def image(self) -> bool:
        """True when the pages get a share image (which needs an absolute URL)."""
        return self.base_url is not None and "html" in self.formats


@cache
def og_locale(lang: str) -> str:
    """A language as OpenGraph names locales: ``uk_UA``, ``pt_BR``, ``ar_EG`` (cached: every
    page names every published language)."""
    code = lang.partition("@")[0]
    if "_" in code and len(code.rpartition("_")[2]) == 2:
        return code
    from babel.core import get_global

    likely = str(get_global("likely_subtags").get(code.partition("_")[0], code))
    parts = likely.split("_")
    territory = next((p for p in parts[1:] if len(p) == 2 or p.isdigit()), None)
    return f"{parts[0]}_{territory}" if territory else parts[0]


def page_css(site: PageSite) -> str:
    """A letter page's stylesheet: the page's own rules and the site's fonts."""
    return CSS + site.fonts_css


def render_page(doc: Localized, *, alternates: Sequence[Alternate], date: datetime,
                site: PageSite = PageSite()) -> str:
    """Render a complete HTML page for one language of one document.

    ``alternates``: every published language of the document, the page's own included;
    the first is the ``x-default``. ``date``: the source's reproducible date.
    """
    from appeal_i18n.publish.templates import environment

    words = strings(doc.lang)
    note = page_note(words, earlier=doc.earlier, partial=any(doc.fallback)) or None
    links, switcher = language_links(alternates, doc.lang)
    own = f"{doc.lang}/{doc.domain}"
    base = site.base_url
    names = {"pdf": "PDF", "txt": words.text, "md": "Markdown"}
    types = {"pdf": "application/pdf", "txt": "text/plain", "md": "text/markdown"}
    css = page_css(site)
    title = plain(doc.title)
    return environment().get_template("letter.html.j2").render(
        lang=locales.bcp47(doc.lang), dir=locales.direction(doc.lang),
        title=title, title_lang="en" if doc.title_in_english else None,
        description=description(doc),
        body=Markup(render_body(doc)), css=Markup(css), csp=csp(css), date=w3c_date(date),
        alternates=alternates, alternate_links=links, switcher=switcher, note=note,
        strings=words,
        strings_lang=locales.bcp47(words.lang) if words.lang != doc.lang else None,
        default_href=alternates[0].url if alternates else None,
        canonical=f"{base}{own}.html" if base else None,
        og_locale=og_locale(doc.lang),
        og_alternates=[og_locale(alt.lang) for alt in alternates if alt.lang != doc.lang],
        image=f"{base}{own}.png" if base and site.image else None,
        image_size=SHARE_SIZE,
        formats=[(names[fmt], f"{doc.domain}.{fmt}", types[fmt])
                 for fmt in ("pdf", "txt", "md") if fmt in site.formats],
    )


#: The share image's size in pixels, as OpenGraph and Twitter cards want it.
SHARE_SIZE = (1200, 630)
