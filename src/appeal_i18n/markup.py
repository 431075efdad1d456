"""Inline-Markdown facts of one passage, shared by the checks and the builders.

Everything here comes from markdown-it-py's tokens, parsed the way the builders parse a
translation (CommonMark, one block's inline content), so that a check and a builder
never disagree on what a passage contains. Results are cached: passages repeat across
catalogs and the functions are pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: Block-level tokens that a translation must not add to its block, by description.
_BLOCK_KINDS = {
    "heading_open": "a heading",
    "bullet_list_open": "a list",
    "ordered_list_open": "a numbered list",
    "blockquote_open": "a block quote",
    "hr": "a thematic break (rule)",
    "fence": "a fenced code block",
    "code_block": "an indented code block",
    "html_block": "an HTML block",
    "paragraph_open": "a paragraph break (blank line)",
}

#: Delimiters that CommonMark leaves as literal text when they do not pair up.
DELIMITERS = ("*", "_", "`")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Raw HTML on (the CommonMark default) so that it shows up as tokens we can count;
    # ``text_join`` off so that backslash escapes stay ``text_special`` tokens and an
    # escaped ``\\*`` is not mistaken for an unpaired delimiter.
    return MarkdownIt("commonmark").disable("text_join")


@dataclass(frozen=True, slots=True)
class InlineFacts:
    """What the inline Markdown of one passage contains."""

    emphasis: int
    """Number of ``*emphasis*`` spans."""
    strong: int
    """Number of ``**strong**`` spans."""
    code_spans: tuple[str, ...]
    """Contents of the inline code spans, in order."""
    links: tuple[str, ...]
    """Link targets (normalised by markdown-it), in order; autolinks included."""
    images: tuple[str, ...]
    """Image sources, in order."""
    raw_html: tuple[str, ...]
    """Raw HTML tags and comments, in order (an HTML block's tags parse as these too)."""
    stray: tuple[tuple[str, int], ...]
    """``(delimiter, count)`` of ``*``, ``_`` and backticks left unpaired as literal text."""
    plain: str
    """The visible text: no markup, no link targets, code spans as their content."""
    prose: str
    """The visible text without code spans: what a reader reads as words."""


def _walk(tokens: Sequence[Token]) -> Iterator[Token]:
    for tok in tokens:
        yield tok
        if tok.children:
            yield from _walk(tok.children)


def _inline_tokens(text: str) -> list[Token]:
    return _parser().parseInline(text)[0].children or []


def _visible(tok: Token, *, code: bool) -> str:
    if tok.type in ("text", "text_special"):
        return tok.content
    if tok.type == "code_inline":
        return tok.content if code else " "
    if tok.type == "softbreak":
        return " "
    if tok.type == "hardbreak":
        return "\n"
    return ""


def _stray(tokens: Sequence[Token]) -> tuple[tuple[str, int], ...]:
    counts: Counter[str] = Counter()
    for tok in tokens:
        if tok.type == "text":
            for delim in DELIMITERS:
                counts[delim] += tok.content.count(delim)
    return tuple((d, counts[d]) for d in DELIMITERS)


@lru_cache(maxsize=4096)
def inline_facts(text: str) -> InlineFacts:
    """Parse one passage's inline Markdown and describe it."""
    tokens = list(_walk(_inline_tokens(text)))
    return InlineFacts(
        emphasis=sum(t.type == "em_open" for t in tokens),
        strong=sum(t.type == "strong_open" for t in tokens),
        code_spans=tuple(t.content for t in tokens if t.type == "code_inline"),
        links=tuple(str(t.attrs.get("href", "")) for t in tokens if t.type == "link_open"),
        images=tuple(str(t.attrs.get("src", "")) for t in tokens if t.type == "image"),
        raw_html=tuple(t.content for t in tokens if t.type == "html_inline"),
        stray=_stray(tokens),
        plain="".join(_visible(t, code=True) for t in tokens),
        prose="".join(_visible(t, code=False) for t in tokens),
    )


@lru_cache(maxsize=4096)
def _block_tokens(text: str) -> tuple[Token, ...]:
    return tuple(_parser().parse(text))


def block_structure(text: str) -> Counter[str]:
    """Count the block-level constructs a passage's text makes when parsed as a document.

    A passage is one block, so the English normally gives one paragraph; a translation
    that adds a line starting with ``#``, ``-`` or ``1.``, a rule or a blank line makes
    more blocks, which a builder would either flatten or render as structure.
    """
    counts: Counter[str] = Counter()
    if "\n" not in text and "\r" not in text and text[:1].isalpha():
        # One line that starts with a letter can only be a paragraph (no block rule
        # starts with a letter): skip the parse, as for most translations.
        counts["paragraph_open"] = 1
        return counts
    for tok in _block_tokens(text):
        if tok.type in _BLOCK_KINDS and tok.level == 0:
            counts[tok.type] += 1
    return counts


def describe_block(kind: str) -> str:
    """A reader's name for a block token type counted by :func:`block_structure`."""
    return _BLOCK_KINDS.get(kind, kind)
