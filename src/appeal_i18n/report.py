"""Renderers of :class:`appeal_i18n.coverage.Status`: terminal table, JSON, CSV, Markdown.

Pure functions from a status to text; the CLI decides where the text goes and whether
it is coloured. Catalog contents are untrusted: control characters never reach the
terminal, Markdown punctuation is escaped, and CSV cells cannot start a formula.
The JSON schema is documented in ``docs/status-json.md``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from appeal_i18n.coverage import (
    CatalogStats,
    Counts,
    LanguageStats,
    PassageStatus,
    ReviewCounts,
    Status,
    percent_label,
    percent_of,
)
from appeal_i18n.model import FUZZY, UNTRANSLATED

#: Version of the JSON document; bumped only on an incompatible change.
JSON_SCHEMA_VERSION = 1

_GREEN, _YELLOW, _RED, _RESET = "\x1b[32m", "\x1b[33m", "\x1b[31m", "\x1b[0m"
_FIRST_WORDS = 8


def wants_color(*, isatty: bool, environ: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set non-empty (no-color.org)."""
    return isatty and not environ.get("NO_COLOR")


def percent_text(counts: Counts) -> str:
    """The percentage with one decimal, rounded down (``99.9%``, never a false ``100.0%``)."""
    return percent_label(percent_of(counts))


def _color_for(counts: Counts) -> str:
    if counts.total and counts.translated == counts.total:
        return _GREEN
    return _YELLOW if 2 * counts.translated >= counts.total > 0 else _RED


def clean(text: str | None) -> str:
    """Make untrusted text safe for one terminal line: control characters become ``?``."""
    if not text:
        return ""
    return "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") and ch != "\u200d" else ch
                   for ch in text)


def _width(text: str) -> int:
    from appeal_i18n.pofile.linebreak import char_width

    return sum(map(char_width, text))


def _align(rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return lines


def _paint(lines: list[str], colors: Sequence[str | None], color: bool) -> list[str]:
    if not color:
        return lines
    return [f"{c}{line}{_RESET}" if c else line for line, c in zip(lines, colors, strict=True)]


def _counts_cells(msg: Counts, wrd: Counts) -> list[str]:
    return [percent_text(msg), str(msg.translated), str(msg.fuzzy), str(msg.untranslated),
            str(msg.total), str(msg.obsolete), f"{wrd.translated}/{wrd.total}"]


_COUNT_HEADS = ["PERCENT", "TRANSLATED", "FUZZY", "UNTRANSLATED", "TOTAL", "OBSOLETE", "WORDS"]


def review_cells(review: ReviewCounts) -> list[str]:
    """Reviewed, changed-since-review and unreviewed counts, as table cells."""
    return [str(review.reviewed), str(review.changed), str(review.unreviewed)]


_REVIEW_HEADS = ["REVIEWED", "CHANGED-SINCE-REVIEW", "UNREVIEWED"]


def render_table(status: Status, *, color: bool = False, passages: bool = False) -> str:
    """The terminal report: a table of catalogs, then one of languages (coloured on request)."""
    out: list[str] = []
    if status.catalogs:
        rows = [["CATALOG", "LANG", *_COUNT_HEADS, *_REVIEW_HEADS, "LAST-TRANSLATOR",
                 "REVISED"]]
        rows += [[clean(c.path), clean(c.language), *_counts_cells(c.messages, c.words),
                  *review_cells(c.review), clean(c.last_translator),
                  clean(c.revision_date)] for c in status.catalogs]
        colors = [None, *(_color_for(c.messages) for c in status.catalogs)]
        out += _paint(_align(rows, set(range(2, 12))), colors, color)
        out.append("")
        rows = [["LANGUAGE", "CATALOGS", *_COUNT_HEADS, *_REVIEW_HEADS]]
        rows += [[clean(lang.language), str(lang.catalogs),
                  *_counts_cells(lang.messages, lang.words), *review_cells(lang.review)]
                 for lang in status.languages]
        colors = [None, *(_color_for(lang.messages) for lang in status.languages)]
        out += _paint(_align(rows, set(range(1, 12))), colors, color)
    else:
        out.append("no catalogs")
    if passages:
        out += ["", *render_passages(status, color=color).splitlines()]
    return "\n".join(out) + "\n"


def first_words(text: str, count: int = _FIRST_WORDS) -> str:
    """The first ``count`` words of a text, with ``…`` when there are more."""
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _trim(words: str, context: int, *, head: bool, tail: bool) -> str:
    """Shorten an unchanged run to ``context`` words next to each change, ``…`` between."""
    parts = words.split(" ")
    keep_head = context if head else 0
    keep_tail = context if tail else 0
    if len(parts) <= keep_head + keep_tail + 1:
        return words
    return " ".join([*parts[:keep_head], "…", *parts[len(parts) - keep_tail:]])


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Diff two texts word by word: ``[(op, words), ...]`` with op ``=``, ``-`` or ``+``.

    Words are whitespace-separated tokens, joined by one space in each segment; a
    replacement gives a ``-`` segment followed by a ``+`` segment.
    """
    from difflib import SequenceMatcher  # only status --diff needs it: start-up

    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out


def format_diff(old: str, new: str, *, color: bool = False, context: int | None = 6) -> str:
    """A word diff of two texts: ``[-removed-]{+added+}`` (wdiff style), coloured on request.

    Unchanged runs keep ``context`` words beside each change (None keeps them whole).
    """
    segments = word_diff(old, new)
    parts = []
    for i, (op, text) in enumerate(segments):
        if op == "=":
            parts.append(text if context is None else _trim(
                text, context, head=i > 0, tail=i < len(segments) - 1))
        elif color:
            parts.append(f"{_RED if op == '-' else _GREEN}{text}{_RESET}")
        else:
            parts.append(f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    return " ".join(parts)


def changes(passage: PassageStatus) -> list[tuple[tuple[str, ...], str]]:
    """Group a passage's fuzzy languages by their previous English: ``[(languages, old)]``."""
    groups: dict[str, list[str]] = {}
    for lang, old in passage.previous:
        groups.setdefault(old, []).append(lang)
    return [(tuple(langs), old) for old, langs in groups.items()]


def incomplete(status: Status) -> list[PassageStatus]:
    """The passages that are fuzzy or untranslated in at least one language."""
    return [p for p in status.passages if not p.complete]


def render_passages(status: Status, *, color: bool = False) -> str:
    """Each incomplete passage: location, first words, where it is missing or fuzzy, and
    for fuzzy ones the word diff of the previous English against the current one."""
    todo = incomplete(status)
    if not todo:
        return "every passage is translated\n"
    out: list[str] = []
    for passage in todo:
        out.append(f"{clean(passage.location)}: {clean(first_words(passage.msgid))}")
        for label, state in (("missing", UNTRANSLATED), ("fuzzy", FUZZY)):
            langs = passage.languages(state)
            if langs:
                out.append(f"    {label}: {clean(', '.join(langs))}")
        for langs, old in changes(passage):
            diff = format_diff(clean(old), clean(passage.msgid), color=color)
            out.append(f"    changed for {clean(', '.join(langs))}: {diff}")
    return "\n".join(out) + "\n"


def _counts_json(counts: Counts) -> dict[str, int]:
    return {"total": counts.total, "translated": counts.translated, "fuzzy": counts.fuzzy,
            "untranslated": counts.untranslated, "obsolete": counts.obsolete}


def _review_json(review: ReviewCounts) -> dict[str, int]:
    return {"reviewed": review.reviewed, "changed_since_review": review.changed,
            "unreviewed": review.unreviewed}


def _catalog_json(c: CatalogStats) -> dict[str, Any]:
    return {"path": c.path, "language": c.language, "domain": c.domain,
            "messages": _counts_json(c.messages), "words": _counts_json(c.words),
            "percent": c.percent, "empty": c.empty, "last_translator": c.last_translator,
            "revision_date": c.revision_date, "review": _review_json(c.review)}


def _language_json(lang: LanguageStats) -> dict[str, Any]:
    return {"language": lang.language, "catalogs": lang.catalogs,
            "messages": _counts_json(lang.messages), "words": _counts_json(lang.words),
            "percent": lang.percent, "review": _review_json(lang.review)}


def _passage_json(p: PassageStatus) -> dict[str, Any]:
    return {"domain": p.domain, "context": p.msgctxt, "msgid": p.msgid, "location": p.location,
            "untranslated": list(p.languages(UNTRANSLATED)), "fuzzy": list(p.languages(FUZZY)),
            "changes": [{"languages": list(langs), "previous": old,
                         "diff": format_diff(old, p.msgid)} for langs, old in changes(p)]}


def to_json(status: Status, *, passages: bool = False) -> dict[str, Any]:
    """The JSON document as Python data (schema: ``docs/status-json.md``)."""
    doc: dict[str, Any] = {
        "version": JSON_SCHEMA_VERSION,
        "catalogs": [_catalog_json(c) for c in status.catalogs],
        "languages": [_language_json(lang) for lang in status.languages],
        "errors": [{"path": e.path, "line": e.line, "message": e.message}
                   for e in status.errors],
    }
    if passages:
        doc["passages"] = [_passage_json(p) for p in incomplete(status)]
    return doc


def render_json(status: Status, *, passages: bool = False) -> str:
    """The JSON document, indented, keys in a fixed order, UTF-8 text (not ``\\u`` escapes)."""
    import json

    return json.dumps(to_json(status, passages=passages), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "kind", "path", "language", "domain", "percent",
    "messages_total", "messages_translated", "messages_fuzzy", "messages_untranslated",
    "messages_obsolete", "words_total", "words_translated", "words_fuzzy",
    "words_untranslated", "words_obsolete", "last_translator", "revision_date",
    "reviewed", "changed_since_review", "unreviewed",
)


def _defuse(cell: str) -> str:
    """Keep a spreadsheet from reading an untrusted cell as a formula (OWASP CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _csv_row(kind: str, path: str, language: str, domain: str, percent: float, msg: Counts,
             wrd: Counts, translator: str | None, date: str | None,
             review: ReviewCounts) -> list[str]:
    nums = [msg.total, msg.translated, msg.fuzzy, msg.untranslated, msg.obsolete,
            wrd.total, wrd.translated, wrd.fuzzy, wrd.untranslated, wrd.obsolete]
    return [kind, _defuse(path), _defuse(language), _defuse(domain), f"{percent:.2f}",
            *map(str, nums), _defuse(translator or ""), _defuse(date or ""),
            *review_cells(review)]


def render_csv(status: Status) -> str:
    """One row per catalog (kind ``catalog``) then one per language (kind ``language``)."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in status.catalogs:
        writer.writerow(_csv_row("catalog", c.path, c.language, c.domain, c.percent,
                                 c.messages, c.words, c.last_translator, c.revision_date,
                                 c.review))
    for lang in status.languages:
        writer.writerow(_csv_row("language", "", lang.language, "", lang.percent,
                                 lang.messages, lang.words, None, None, lang.review))
    return buf.getvalue()


#: Characters that can start markup inside a table cell or a list item's text (a cell
#: never starts a line, so ``#``, ``-``, ``+`` and ``1.`` cannot start a block there).
_LEADING_NUMBER = re.compile(r"^(\d+)[.)]")
_MD_SPECIAL = set("\\`*_[]<>|~&")


def md_escape(text: str | None) -> str:
    """Escape untrusted text for Markdown inline use: no markup, links, HTML or line break.

    A leading ``#``, ``+``, ``-``, ``=`` or ``1.`` is escaped too, should the text start a line.
    """
    out = "".join("\\" + ch if ch in _MD_SPECIAL else ch
                  for ch in clean((text or "").replace("\n", " ")))
    if out[:1] in ("#", "+", "-", "="):
        return "\\" + out
    number = _LEADING_NUMBER.match(out)
    if number:
        return f"{number.group(1)}\\{out[number.end(1):]}"
    return out


def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    rule = ["---:" if i in right else "---" for i in range(len(head))]
    return [f"| {' | '.join(r)} |" for r in (head, rule, *rows)]


def render_markdown(status: Status, *, passages: bool = False) -> str:
    """GitHub-flavoured Markdown tables (languages, then catalogs) for a PR comment or README."""
    heads = ["Translated", "Fuzzy", "Untranslated", "Total", "Obsolete", "Words",
             "Reviewed", "Changed since review", "Unreviewed"]
    out = ["## Translation status", ""]
    out += _md_table(["Language", "Percent", *heads], [
        [md_escape(lang.language), percent_text(lang.messages),
         *_counts_cells(lang.messages, lang.words)[1:], *review_cells(lang.review)]
        for lang in status.languages
    ], set(range(1, 11)))
    out += ["", "### Catalogs", ""]
    out += _md_table(["Catalog", "Language", "Percent", *heads, "Last translator", "Revised"], [
        [md_escape(c.path), md_escape(c.language), percent_text(c.messages),
         *_counts_cells(c.messages, c.words)[1:], *review_cells(c.review),
         md_escape(c.last_translator), md_escape(c.revision_date)] for c in status.catalogs
    ], set(range(2, 12)))
    if status.errors:
        out += ["", "### Unreadable catalogs", ""]
        out += [f"- {md_escape(str(e))}" for e in status.errors]
    if passages:
        out += ["", "### Passages to translate", ""]
        out += _md_passages(status)
    return "\n".join(out) + "\n"


def _md_passages(status: Status) -> list[str]:
    todo = incomplete(status)
    if not todo:
        return ["Every passage is translated."]
    out = []
    for p in todo:
        where = "; ".join(f"{label}: {md_escape(', '.join(p.languages(state)))}"
                          for label, state in (("missing", UNTRANSLATED), ("fuzzy", FUZZY))
                          if p.languages(state))
        out.append(f"- {md_escape(p.location)}: {md_escape(first_words(p.msgid))} ({where})")
        for langs, old in changes(p):
            out.append(f"  - changed for {md_escape(', '.join(langs))}: "
                       f"{md_escape(format_diff(old, p.msgid))}")
    return out

