"""Localized plain text: wrapped at 72 columns, lists as lists, no Markdown syntax."""

from __future__ import annotations

import textwrap
import unicodedata

from markdown_it.token import Token

from appeal_i18n.build.localize import Localized
from appeal_i18n.source import markdown

WIDTH = 72


def plain(text: str) -> str:
    """Render one passage's inline Markdown as plain text; a link keeps its target."""
    out: list[str] = []
    hrefs: list[str] = []
    for tok in markdown().parseInline(text)[0].children or []:
        out.append(_plain_token(tok, hrefs))
    return "".join(out)


def _plain_token(tok: Token, hrefs: list[str]) -> str:
    if tok.type in ("text", "code_inline", "html_inline"):
        return tok.content
    if tok.type == "softbreak":
        return " "
    if tok.type == "hardbreak":
        return "\n"
    if tok.type == "image":
        return "".join(_plain_token(child, hrefs) for child in tok.children or [])
    if tok.type == "link_open":
        hrefs.append(str(tok.attrs.get("href", "")))
    elif tok.type == "link_close" and hrefs:
        href = hrefs.pop()
        return f" <{href}>" if href else ""
    return ""


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, first: str, rest: str) -> list[str]:
    lines: list[str] = []
    for i, part in enumerate(text.split("\n")):
        lines.extend(textwrap.wrap(
            part, width=WIDTH, initial_indent=first if i == 0 else rest, subsequent_indent=rest,
            break_long_words=False, break_on_hyphens=False,
        ) or [first.rstrip()])
    return lines


def render_text(doc: Localized) -> str:
    """Render a localized document as plain UTF-8 text."""
    paragraphs: list[str] = []
    for block, text in zip(doc.parsed.blocks, doc.texts, strict=True):
        passage = block.passage
        body = plain(text)
        if passage.kind == "heading":
            underline = "=" if passage.level == 1 else "-"
            paragraphs.append(f"{body}\n{underline * _width(body)}")
            continue
        if passage.kind == "list item":
            if passage.list_ordered:
                marker = f"{passage.list_start + passage.list_index - 1}. "
            else:
                marker = "- "
            item = "\n".join(_wrap(body, marker, " " * len(marker)))
            if passage.list_index > 1 and paragraphs:
                paragraphs[-1] += "\n" + item
            else:
                paragraphs.append(item)
            continue
        indent = "> " if passage.kind == "blockquote paragraph" else ""
        paragraphs.append("\n".join(_wrap(body, indent, indent)))
    return "\n\n".join(paragraphs) + "\n"
