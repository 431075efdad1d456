"""Localized plain text: wrapped at 72 columns, lists as lists, no Markdown syntax.

Width is display width: a wide (CJK) character takes two columns, a combining mark
(Arabic vowel signs, for one) none. A link keeps its target in parentheses, and only
when the English passage links to it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

from markdown_it.token import Token

from appeal_i18n.build.localize import Localized
from appeal_i18n.source import markdown

WIDTH = 72


def plain(text: str, *, targets: Collection[str] | None = None) -> str:
    """Render one passage's inline Markdown as plain text.

    A link shows its target after its text, in parentheses, when the target is in
    ``targets`` (every target when None); a hard break stays a line break.
    """
    out: list[str] = []
    hrefs: list[str] = []
    for tok in markdown().parseInline(text)[0].children or []:
        out.append(_plain_token(tok, hrefs, targets))
    return "".join(out)


def links(text: str) -> set[str]:
    """The link targets of one passage's inline Markdown."""
    return {str(tok.attrs.get("href", "")) for tok in markdown().parseInline(text)[0].children
            or [] if tok.type == "link_open"}


def _plain_token(tok: Token, hrefs: list[str], targets: Collection[str] | None) -> str:
    if tok.type in ("text", "code_inline", "html_inline"):
        return tok.content
    if tok.type == "softbreak":
        return " "
    if tok.type == "hardbreak":
        return "\n"
    if tok.type == "image":
        return "".join(_plain_token(child, hrefs, targets) for child in tok.children or [])
    if tok.type == "link_open":
        hrefs.append(str(tok.attrs.get("href", "")))
    elif tok.type == "link_close" and hrefs:
        href = hrefs.pop()
        shown = href and (targets is None or href in targets)
        return f" ({href})" if shown else ""
    return ""


def width(text: str) -> int:
    """Display width in a monospaced terminal: wide characters 2, combining marks 0."""
    total = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return total


def wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    """Wrap text greedily at :data:`WIDTH` display columns; a word longer stays whole.

    ``first`` and ``rest`` prefix the first and the following lines; a line break in
    ``text`` (a hard break) starts a new line.
    """
    lines: list[str] = []
    prefix = first
    for part in text.split("\n"):
        line, used = prefix, width(prefix)
        empty = True
        for word in part.split():
            size = width(word)
            if not empty and used + 1 + size > WIDTH:
                lines.append(line)
                line, used, empty = rest, width(rest), True
            line, used = (line + word, used + size) if empty else (
                line + " " + word, used + 1 + size)
            empty = False
        lines.append(line.rstrip() if empty else line)
        prefix = rest
    return lines


def render_text(doc: Localized) -> str:
    """Render a localized document as plain UTF-8 text."""
    paragraphs: list[str] = []
    for block, text in zip(doc.parsed.blocks, doc.texts, strict=True):
        passage = block.passage
        body = plain(text, targets=links(passage.text))
        if passage.kind == "heading":
            underline = "=" if passage.level == 1 else "-"
            head = wrap(body)
            paragraphs.append("\n".join(head) + "\n" + underline * max(map(width, head)))
            continue
        if passage.kind == "list item":
            if passage.list_ordered:
                marker = f"{passage.list_start + passage.list_index - 1}. "
            else:
                marker = "- "
            item = "\n".join(wrap(body, marker, " " * len(marker)))
            if passage.list_index > 1 and paragraphs:
                paragraphs[-1] += "\n" + item
            else:
                paragraphs.append(item)
            continue
        indent = "> " if passage.kind == "blockquote paragraph" else ""
        paragraphs.append("\n".join(wrap(body, indent, indent)))
    return "\n\n".join(paragraphs) + "\n"
