"""The shortcuts of the checks and the builders answer as the plain computations do."""

from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from appeal_i18n import markup
from appeal_i18n.checks import numerals
from appeal_i18n.checks import text as text_checks
from appeal_i18n.coverage import Counts, ReviewCounts, percent_label
from appeal_i18n.pofile.linebreak import char_width
from appeal_i18n.publish import safety, text

#: Characters that make Markdown structure, and a few that only look like they might.
_ALPHABET = st.sampled_from([
    *"aZé中ж ## -*+>`~_=1.)[]()<>!:/\\&;\t|", "\u00a0", "\u2028", "\x0b", "\x0c", "\x00",
    "http://x.y", "a@b.c", "<div>", "<!--", "    ", "\n", "\r", "ª", "ǅ", "ⅷ", "\u0301",
    "٣", "۴", "१", "\u200b", "\u202e", "\x85", "\x7f",
])
_TEXTS = st.lists(_ALPHABET, max_size=14).map("".join)
_LETTER_FIRST = st.tuples(st.sampled_from("aZжéǅª中"), _TEXTS).map("".join)


def _parsed_structure(source: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for tok in markup._block_tokens(source):
        if tok.type in markup._BLOCK_KINDS and tok.level == 0:
            counts[tok.type] += 1
    return counts


def _parsed_targets(source: str) -> frozenset[str]:
    found = set()
    for tok in safety._walk(safety._permissive().parse(source)):
        if tok.type == "link_open":
            found.add(str(tok.attrs.get("href", "")))
        elif tok.type == "image":
            found.add(str(tok.attrs.get("src", "")))
    return frozenset(found)


@settings(max_examples=2000)
@given(st.one_of(_TEXTS, _LETTER_FIRST))
def test_block_structure_and_targets_equal_a_full_parse(source: str) -> None:
    assert markup.block_structure(source) == _parsed_structure(source)
    assert safety._targets(source) == _parsed_targets(source)


@settings(max_examples=1000)
@given(st.one_of(_TEXTS, st.text(max_size=20)))
def test_character_shortcuts_equal_per_character_rules(source: str) -> None:
    assert numerals._ascii_digits(source) == "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c
        for c in source)
    columns = sum(char_width(c) for c in source)  # the one rule, as msgcat's wrapping
    assert text_checks._width(source) == columns
    assert text.width(source) == columns
    first = next((c for c in source if c != "\n" and (
        unicodedata.category(c) == "Cc" or c in "\u202d\u202e")), None)
    found = safety._FORBIDDEN.search(source)
    assert (found.group(0) if found else None) == first


#: The language links as the page template rendered them for every page, one loop each.
_LINKS_LOOPS = """\
{% for alt in alternates %}
<link rel="alternate" hreflang="{{ hreflang(alt.lang) }}" href="{{ alt.url }}">
{% endfor %}
~
{% for alt in alternates %}
<li><a href="{{ alt.href }}" hreflang="{{ hreflang(alt.lang) }}" lang="{{ hreflang(alt.lang) }}"\
{% if alt.lang == current %} aria-current="page"{% endif %}>{{ alt.name }}</a></li>
{% endfor %}
"""

_HOSTILE = st.sampled_from(["uk", "pt_BR", "sr@latin", 'x"><script>', "a&b", "<", "'", "é"])


@settings(max_examples=300)
@given(st.lists(st.tuples(_HOSTILE, _HOSTILE, _HOSTILE, _HOSTILE), max_size=6), _HOSTILE)
def test_language_links_rendered_once_equal_the_per_page_loops(
        alternates: list[tuple[str, str, str, str]], current: str) -> None:
    from appeal_i18n import locales
    from appeal_i18n.publish.html import Alternate, language_links
    from appeal_i18n.publish.templates import environment

    alts = [Alternate(*alt) for alt in alternates]
    for page in (current, *(alt.lang for alt in alts)):
        links, items = language_links(alts, page)
        expected = environment().from_string(_LINKS_LOOPS).render(
            alternates=alts, current=page, hreflang=locales.bcp47)
        assert f"{links}~\n{items}" == expected


def _format_counts_cells(msg: Counts, wrd: Counts, percent: float) -> Markup:
    """The dashboard's cells as Markup.format made them (the general path)."""
    nums = (percent_label(percent), msg.translated, msg.fuzzy, msg.untranslated, msg.total,
            msg.obsolete, f"{wrd.translated}/{wrd.total}")
    return Markup("").join(Markup('<td class="n">{}</td>').format(n) for n in nums)


def _format_review_cells(review: ReviewCounts) -> Markup:
    """The dashboard's review cells as Markup.format makes them."""
    return Markup("").join(Markup('<td class="n">{}</td>').format(n)
                           for n in (review.reviewed, review.changed, review.unreviewed))


@settings(max_examples=200)
@given(st.lists(st.tuples(_HOSTILE, _HOSTILE, st.integers(0, 9), st.integers(0, 9),
                          st.one_of(st.none(), _HOSTILE)), min_size=1, max_size=4),
       st.lists(_HOSTILE, max_size=2))
def test_dashboard_rows_equal_markup_format(catalogs: list[tuple[str, str, int, int, str | None]],
                                            published: list[str]) -> None:
    from urllib.parse import quote

    from appeal_i18n.coverage import CatalogStats, PassageStatus, Status, totals
    from appeal_i18n.publish import dashboard

    stats = tuple(CatalogStats(f"locales/{lang}/{domain}.po", lang, domain, Counts(t, 1, u, 2),
                               Counts(t * 3, 2, u, 0), who, who)
                  for lang, domain, t, u, who in catalogs)
    passages = tuple(PassageStatus(domain, None, f"{who} <b>&'\" " * t, f"{lang}:{t}",
                                   ((lang, "translated"), ("x", "fuzzy")))
                     for lang, domain, t, _, who in catalogs)
    status = Status(stats, totals(stats), passages)
    fast = dashboard.render_dashboard(status, title="<t>", published=published)
    for c in stats:
        row = Markup("<tr><td>{}</td><td>{}</td>{}<td>{}</td><td>{}</td></tr>").format(
            c.language, Markup('<a href="{}">{}</a>').format(
                dashboard.letter_href(c.language, c.domain), c.domain)
            if c.language in published else Markup(
                '{} <span class="muted">(not published)</span>').format(c.domain),
            _format_counts_cells(c.messages, c.words, c.percent)
            + _format_review_cells(c.review), c.last_translator or "", c.revision_date or "")
        assert row in fast
    for lang in status.languages:
        row = Markup('<tr><th scope="row" id="lang-{}">{}</th><td class="n">{}</td>{}'
                     "</tr>").format(quote(lang.language, safe=""),
                                     dashboard.language_name(lang.language),
                                     lang.catalogs, _format_counts_cells(
                                         lang.messages, lang.words, lang.percent)
                                     + _format_review_cells(lang.review))
        assert row in fast
    for p in passages:
        words = p.msgid.split()
        short = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        head = Markup('<tr><td><span class="muted">{}</span><br>{}</td>').format(
            p.location, short)
        assert head in fast
    assert "<b>" not in fast and "<t>" not in fast


@settings(max_examples=1000)
@given(st.one_of(_TEXTS, st.text(max_size=20)), st.one_of(_TEXTS, st.text(max_size=20)))
def test_character_sets_and_multisets_equal_per_item_rules(english: str,
                                                            translation: str) -> None:
    from collections import Counter

    from appeal_i18n.checks import characters
    from appeal_i18n.checks import markdown as markdown_checks
    from appeal_i18n.checks.registry import Pair

    pair = Pair(english, translation, "uk", None)
    new = [c for c in sorted(set(translation)) if c not in english]
    assert characters._new_of(pair, characters._BIDI) == [
        c for c in new if c in characters._BIDI]
    assert characters._new_of(pair, characters._ZERO_WIDTH) == [
        c for c in new if c in characters._ZERO_WIDTH]
    assert characters._new_of(pair, characters._CONTROLS) == [
        c for c in new if characters._control(c)]
    for items, reference in ((list(english), list(translation)), (list(english),) * 2):
        left = Counter(reference)
        expected = []
        for item in items:
            if left[item]:
                left[item] -= 1
            else:
                expected.append(item)
        assert markdown_checks._extra(items, reference) == expected


def _wrap_by_width(words_text: str, first: str = "", rest: str = "") -> list[str]:
    """build.text.wrap measuring every piece of every word with text.width (the general
    path)."""
    lines: list[str] = []
    prefix = first
    for part in words_text.split("\n"):
        line, used = prefix, text.width(prefix)
        empty = True
        for word in part.split():
            for index, piece in enumerate(text.pieces(word)):
                size = text.width(piece)
                gap = 0 if empty or index else 1
                if not empty and used + gap + size > text.WIDTH:
                    lines.append(line)
                    line, used, empty, gap = rest, text.width(rest), True, 0
                line, used, empty = line + " " * gap + piece, used + gap + size, False
        lines.append(line.rstrip() if empty else line)
        prefix = rest
    return lines


_WORDS = st.lists(st.sampled_from(["слово", "word", "中文字", "ab\u0301c", "\u200bx", "عَرَبِيّ",
                                   "नमस्ते", "x" * 30, " ", "\n", "ﾊﾝ", "ｗｉｄｅ"]), max_size=40)


@settings(max_examples=500)
@given(_WORDS.map(" ".join), st.sampled_from(["", "- ", "> ", "12. "]))
def test_wrap_by_length_equals_wrap_by_width(words_text: str, marker: str) -> None:
    assert text.wrap(words_text, marker, " " * len(marker)) == _wrap_by_width(
        words_text, marker, " " * len(marker))


_INLINE = st.lists(st.sampled_from([*"aZé中ж -:#$%+=@^{}|.,;'\"/()?", *"\\`*_[]!<>&~\n\r\x00",
                                    "word", "  ", "\t", "&amp;", "\u00a0", "http://x.y"]),
                   max_size=12).map("".join)


@settings(max_examples=2000)
@given(_INLINE)
def test_plain_translation_is_the_text_token_markdown_it_makes(translation: str) -> None:
    from appeal_i18n.publish import html

    fast = [tok.as_dict() for tok in html.safe_inline(translation, [])]
    if translation and not html._INLINE_SYNTAX.search(translation):
        parsed = html._safe_md().parseInline(translation)[0].children or []
        assert fast == [tok.as_dict() for tok in parsed]
