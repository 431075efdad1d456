"""Markdown parity: the translation keeps the English's inline markup and block structure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from appeal_i18n import markup
from appeal_i18n.checks.registry import ERROR, Pair, pair_check


def _count_check(what: str, english: int, translation: int) -> Iterator[str]:
    if english != translation:
        yield f"{translation} {what} span(s) where the English has {english}"


def _extra(items: Sequence[str], reference: Sequence[str]) -> list[str]:
    """Items beyond those of ``reference`` (a multiset difference), in their own order."""
    if not items or items == reference:  # the usual cases: nothing, or the same items
        return []
    left = Counter(reference)
    out: list[str] = []
    for item in items:
        if left[item]:
            left[item] -= 1
        else:
            out.append(item)
    return out


def _differences(english: Sequence[str], translation: Sequence[str]) -> tuple[list[str],
                                                                               list[str]]:
    """What the translation lacks and what it adds, in text order."""
    return _extra(english, translation), _extra(translation, english)


@pair_check("markdown-emphasis", ERROR)
def emphasis(pair: Pair) -> Iterable[str]:
    """The translation has as many *emphasis* spans as the English."""
    return _count_check("emphasis", markup.inline_facts(pair.english).emphasis,
                        markup.inline_facts(pair.translation).emphasis)


@pair_check("markdown-strong", ERROR)
def strong(pair: Pair) -> Iterable[str]:
    """The translation has as many **strong** spans as the English."""
    return _count_check("strong", markup.inline_facts(pair.english).strong,
                        markup.inline_facts(pair.translation).strong)


def _parity(english: Sequence[str], translation: Sequence[str], missing_text: str,
            added_text: str) -> Iterator[str]:
    """Name what the translation lost and what it added, each message filled with the item."""
    missing, added = _differences(english, translation)
    for item in missing:
        yield missing_text.format(item)
    for item in added:
        yield added_text.format(item)


@pair_check("markdown-code", ERROR)
def code_spans(pair: Pair) -> Iterator[str]:
    """The translation has the English's inline `code` spans, unchanged."""
    yield from _parity(markup.inline_facts(pair.english).code_spans,
                       markup.inline_facts(pair.translation).code_spans,
                       "inline code `{}` of the English is missing",
                       "inline code `{}` is not in the English")


@pair_check("markdown-link", ERROR)
def links(pair: Pair) -> Iterator[str]:
    """The translation links to exactly the English's targets."""
    yield from _parity(markup.inline_facts(pair.english).links,
                       markup.inline_facts(pair.translation).links,
                       "link to {} of the English is missing", "link to {} is not in the English")


@pair_check("markdown-image", ERROR)
def images(pair: Pair) -> Iterator[str]:
    """The translation shows exactly the English's images."""
    yield from _parity(markup.inline_facts(pair.english).images,
                       markup.inline_facts(pair.translation).images,
                       "image {} of the English is missing", "image {} is not in the English")


@pair_check("markdown-html", ERROR)
def raw_html(pair: Pair) -> Iterator[str]:
    """The translation has no raw HTML that the English lacks."""
    _, added = _differences(markup.inline_facts(pair.english).raw_html,
                            markup.inline_facts(pair.translation).raw_html)
    for html in added:
        yield f"raw HTML {html!r} is not in the English"


@pair_check("markdown-block", ERROR)
def block_structure(pair: Pair) -> Iterator[str]:
    """The translation adds no block structure (heading, list, rule, blank line...)."""
    added = markup.block_structure(pair.translation) - markup.block_structure(pair.english)
    for kind in sorted(added):
        yield f"adds {markup.describe_block(kind)}, which the English passage lacks"


@pair_check("markdown-balance", ERROR)
def balance(pair: Pair) -> Iterator[str]:
    """Every *, _ and backtick of the translation pairs up as in the English."""
    english = dict(markup.inline_facts(pair.english).stray)
    for delim, count in markup.inline_facts(pair.translation).stray:
        if count > english.get(delim, 0):
            yield f"unpaired {delim!r} ({count} left as literal text, the English has " \
                  f"{english.get(delim, 0)})"

