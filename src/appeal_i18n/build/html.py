"""Localized HTML: a standalone, script-free page per language and document.

Translations are untrusted. Each block's structure comes from the English source; a
translation only supplies the inline content of its block, parsed with raw HTML off,
and may only link to targets (and show images) that the English passage has.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from appeal_i18n import locales
from appeal_i18n.build.localize import Localized
from appeal_i18n.build.text import plain

_OPENERS = ("paragraph_open", "heading_open", "list_item_open")


@lru_cache(maxsize=1)
def _safe_md() -> MarkdownIt:
    """CommonMark with raw HTML off: a translation's ``<script>`` stays text."""
    return MarkdownIt("commonmark", {"html": False})


def _targets(tokens: Sequence[Token]) -> tuple[set[str], set[str]]:
    links: set[str] = set()
    images: set[str] = set()
    for tok in tokens:
        if tok.type == "link_open":
            links.add(str(tok.attrs.get("href", "")))
        elif tok.type == "image":
            images.add(str(tok.attrs.get("src", "")))
    return links, images


def safe_inline(translation: str, english: Sequence[Token]) -> list[Token]:
    """Parse a translation's inline Markdown, keeping only links and images the English has.

    A link to any other target loses its link (its text stays); an image not in the
    English is replaced by its alternative text.
    """
    links, images = _targets(english)
    children = _safe_md().parseInline(translation)[0].children or []
    out: list[Token] = []
    dropped = 0
    for tok in children:
        if tok.type == "link_open" and str(tok.attrs.get("href", "")) not in links:
            dropped += 1
            continue
        if tok.type == "link_close" and dropped:
            dropped -= 1
            continue
        if tok.type == "image" and str(tok.attrs.get("src", "")) not in images:
            alt = Token("text", "", 0)
            alt.content = "".join(c.content for c in tok.children or [])
            out.append(alt)
            continue
        out.append(tok)
    return out


def _opener(tokens: list[Token], index: int) -> Token:
    for i in range(index - 1, -1, -1):
        tok = tokens[i]
        if tok.type in _OPENERS and not tok.hidden:
            return tok
    return tokens[index - 1]


def render_body(doc: Localized) -> str:
    """Render the document's blocks as HTML; the signature block in its own element."""
    tokens = [_copy(tok) for tok in doc.parsed.tokens]
    english_lang = doc.lang != "en"
    for block, text, fallback in zip(doc.parsed.blocks, doc.texts, doc.fallback, strict=True):
        inline = tokens[block.index]
        english = inline.children or []
        inline.children = safe_inline(text, english)
        if fallback and english_lang:
            _opener(tokens, block.index).attrSet("lang", "en")
    md = _safe_md()
    parts: list[str] = []
    current: list[Token] = []
    for tok in tokens:
        if tok.type == "html_block":
            if "signature" in tok.content and "i18n:" not in tok.content:
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


@dataclass(frozen=True, slots=True)
class Alternate:
    """Another published language of the same document."""

    lang: str
    """gettext code."""
    href: str
    """Relative URL of its page."""
    name: str
    """Its own name for itself."""


CSS = """\
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--accent:#0b5394}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#111;--muted:#aaa;--accent:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 "DejaVu Serif",\
"Noto Serif","Noto Naskh Arabic",Georgia,serif}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
h1{font-size:1.9rem;line-height:1.2;letter-spacing:.04em;margin:1rem 0 1.5rem}
a{color:var(--accent)}
nav.languages{max-width:42rem;margin:0 auto;padding:.75rem 1.25rem;font-size:.9rem;\
border-bottom:1px solid var(--muted)}
nav.languages ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav.languages [aria-current]{font-weight:bold;text-decoration:none;color:var(--fg)}
.note{border-inline-start:4px solid var(--accent);padding:.5rem 1rem;font-size:.95rem}
footer.signature{margin-top:2rem}
footer.signature p{margin:.5rem 0}
[lang=en]:not(html){font-style:italic}
@media print{nav.languages,.note{display:none}body{font-size:11pt;color:#000;background:#fff}\
main{max-width:none;padding:0}a{color:inherit;text-decoration:none}}
"""


def csp() -> str:
    """A Content-Security-Policy allowing no script and nothing external."""
    digest = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'self'; "
            "base-uri 'none'; form-action 'none'")


def render_page(doc: Localized, *, alternates: Sequence[Alternate], note: str | None,
                self_href: str) -> str:
    """Render a complete HTML page for one language of one document."""
    from appeal_i18n.build.templates import environment

    lang = "en" if doc.lang == "en" else doc.lang
    page = environment().get_template("letter.html.j2")
    return page.render(
        lang=locales.bcp47(lang), dir=locales.direction(lang) if lang != "en" else "ltr",
        title=plain(doc.title), body=Markup(render_body(doc)), css=Markup(CSS), csp=csp(),
        alternates=alternates, current=self_href, note=note,
        default_href=next((a.href for a in alternates if a.lang == "en"), None),
        hreflang=locales.bcp47,
    )
