"""Localized plain text: wrapped at 72 columns, lists as lists, no Markdown syntax.

Width is display width: a wide (CJK) character takes two columns, a combining mark
(Arabic vowel signs, for one) none. Text breaks at spaces; a run of Han or Kana, which
has no spaces, also breaks between characters where UAX #14 allows it (never before
closing punctuation such as 。、」 or after an opening bracket), by the one line breaker
of :mod:`appeal_i18n.pofile.linebreak`. A link keeps its target in parentheses, and only
when the English passage links to it.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from functools import lru_cache

from markdown_it.token import Token

from appeal_i18n.pofile.linebreak import char_width
from appeal_i18n.publish.localize import Localized
from appeal_i18n.source import FRONT_MATTER, markdown

WIDTH = 72


def plain(text: str, *, targets: Collection[str] | None = None) -> str:
    """Render one passage's inline Markdown as plain text.

    A link shows its target after its text, in parentheses, when the target is in
    ``targets`` (every target when None); a hard break stays a line break.
    """
    hrefs: list[str] = []
    return "".join([_plain_token(tok, hrefs, targets) for tok in _inline(text)])


@lru_cache(maxsize=4096)
def _inline(text: str) -> tuple[Token, ...]:
    # Cached (and never modified): the text and HTML pages ask for the same passages.
    return tuple(markdown().parseInline(text)[0].children or [])


def links(text: str) -> set[str]:
    """The link targets of one passage's inline Markdown."""
    return set(_links(text))


@lru_cache(maxsize=4096)
def _links(text: str) -> frozenset[str]:
    return frozenset(str(tok.attrs.get("href", "")) for tok in _inline(text)
                     if tok.type == "link_open")


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
    """Display width in a monospaced terminal (:func:`~appeal_i18n.pofile.linebreak.char_width`)."""
    if text.isascii() and text.isprintable():  # one column each
        return len(text)
    return sum(map(char_width, text))


def _narrow(text: str) -> bool:
    """True when every character of ``text`` takes exactly one column."""
    return (text.isascii() and text.isprintable()) or all(char_width(c) == 1 for c in set(text))


def pieces(word: str) -> list[str]:
    """A word split where a line may break inside it: only a word with wide (Han, Kana,
    full-width) characters has such places (UAX #14); any other stays whole."""
    if _narrow(word) or all(char_width(c) != 2 for c in set(word)):
        return [word]
    from appeal_i18n.pofile.linebreak import break_opportunities

    bounds = [0, *break_opportunities(word), len(word)]
    return [word[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    """Wrap text greedily at :data:`WIDTH` display columns; a word longer stays whole.

    Lines break at spaces, and inside words of wide characters where :func:`pieces`
    allows. ``first`` and ``rest`` prefix the first and the following lines; a line
    break in ``text`` (a hard break) starts a new line.
    """
    lines: list[str] = []
    prefix = first
    for part in text.split("\n"):
        line, used = prefix, width(prefix)
        empty = True
        # Where every character takes one column (most scripts), a word's width is its length.
        narrow = _narrow(part)
        measure = len if narrow else width
        for word in part.split():
            for index, piece in enumerate((word,) if narrow else pieces(word)):
                size = measure(piece)
                gap = 0 if empty or index else 1  # a space between words, none in one
                if not empty and used + gap + size > WIDTH:
                    lines.append(line)
                    line, used, empty, gap = rest, width(rest), True, 0
                line, used, empty = line + " " * gap + piece, used + gap + size, False
        lines.append(line.rstrip() if empty else line)
        prefix = rest
    return lines


def render_text(doc: Localized) -> str:
    """Render a localized document as plain UTF-8 text.

    A letter with passages in English, or kept as an earlier version, starts with the
    note that says so.
    """
    paragraphs: list[str] = []
    if doc.earlier or any(doc.fallback):
        from appeal_i18n.publish.strings import plain_note

        note = plain_note(doc.lang, earlier=doc.earlier, partial=any(doc.fallback))
        paragraphs.append("\n".join(wrap(note, "* ", "  ")))
    for block, text in zip(doc.parsed.blocks, doc.texts, strict=True):
        passage = block.passage
        if passage.section == FRONT_MATTER:
            continue
        body = plain(text, targets=_links(passage.text))
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
