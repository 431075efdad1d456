"""The builder's own safety gate: a translation may not add markup the English lacks.

:mod:`appeal_i18n.checks` reports the same problems with more detail; this gate is the
builder's defence in depth, so that no output (HTML, Markdown, text, PDF) depends on a
check having been registered. A translation failing it is shown in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from appeal_i18n.markup import block_structure, inline_facts

#: The finding code of a translation stopped by this gate.
BUILD_UNSAFE = "build-unsafe"

#: Bidirectional overrides can make text read differently from how it is stored.
_BIDI_OVERRIDES = "\u202d\u202e"
#: A control character (category Cc: U+0000-U+001F, U+007F-U+009F) other than the line
#: break of a hard break, or a bidi override.
_FORBIDDEN = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI_OVERRIDES}]")


@lru_cache(maxsize=1)
def _permissive() -> MarkdownIt:
    # markdown-it refuses javascript:, vbscript: and most data: URLs and leaves such a
    # link as literal text, which another Markdown renderer of the published .md file
    # might not: find every link and image a lenient renderer would make.
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for tok in tokens:
        yield tok
        yield from _walk(tok.children or [])


def targets(text: str) -> set[str]:
    """Every link target and image source in ``text``, whatever its scheme."""
    return set(_targets(text))


@lru_cache(maxsize=4096)
def _targets(text: str) -> frozenset[str]:
    # Cached: the English passage is compared with every language's translation.
    if "[" not in text and "<" not in text:
        return frozenset()  # links, images and autolinks all need one of these
    found = set()
    for tok in _walk(_permissive().parse(text)):
        if tok.type == "link_open":
            found.add(str(tok.attrs.get("href", "")))
        elif tok.type == "image":
            found.add(str(tok.attrs.get("src", "")))
    return frozenset(found)


def unsafe(translation: str, english: str) -> str | None:
    """Why ``translation`` may not replace ``english`` in a published letter, or None.

    It must link only to targets the English links to, show only its images, hold no
    raw HTML, make the same block structure, and contain no control characters other
    than the line break of a hard break.
    """
    ours, theirs = inline_facts(translation), inline_facts(english)
    extra_images = sorted(set(ours.images) - set(theirs.images))
    if extra_images:
        return f"shows an image the English does not have: {extra_images[0]!r}"
    extra_targets = sorted(_targets(translation) - _targets(english))
    if extra_targets:
        return f"links to a target the English does not have: {extra_targets[0]!r}"
    extra_html = [tag for tag in ours.raw_html if tag not in theirs.raw_html]
    if extra_html:
        return f"contains raw HTML: {extra_html[0]!r}"
    if block_structure(translation) != block_structure(english):
        return "changes the block structure (heading, list, quote, rule or blank line)"
    found = _FORBIDDEN.search(translation)
    if found is None:
        return None
    return f"contains the control character U+{ord(found.group(0)):04X}"
