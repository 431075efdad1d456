"""Coverage for the web: an SVG badge per language and a standalone dashboard page.

Pure functions from :mod:`appeal_i18n.coverage` results to text; ``build`` writes them
(``dist/badges/<lang>.svg``, ``dist/coverage.html``). Everything taken from a catalog
(language codes, paths, msgids, translator names) is untrusted: it is escaped with
markupsafe, URLs are built from percent-encoded segments, and the page runs no script
and loads nothing external (the same Content-Security-Policy approach as ``html.py``).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Collection, Iterable, Mapping
from urllib.parse import quote

from markupsafe import Markup, escape

from appeal_i18n import locales
from appeal_i18n.coverage import (
    CatalogStats,
    Counts,
    ReviewCounts,
    Status,
    percent_label,
)
from appeal_i18n.model import FUZZY, TRANSLATED, UNTRANSLATED

#: Badge colours by minimum percentage, shields.io's palette.
BADGE_COLORS = (
    (100.0, "#4c1"), (90.0, "#97ca00"), (75.0, "#a4a61d"), (50.0, "#dfb317"),
    (25.0, "#fe7d37"), (0.0, "#e05d44"),
)

_NARROW = set("fijlrtI.,:;'!|() ")
_WIDE = set("mwMW%@")


def badge_color(percent: float) -> str:
    """The badge colour of a percentage: green at 100, through yellow, to red below 25."""
    for floor, color in BADGE_COLORS:
        if percent >= floor:
            return color
    return BADGE_COLORS[-1][1]


def badge_value(percent: float) -> str:
    """A percentage as a badge shows it: ``100%``, ``57.1%`` (rounded down, never a false 100)."""
    if percent >= 100:
        return "100%"
    text = f"{max(percent, 0.0):.2f}"[:-1]
    if text.startswith("100"):
        text = "99.9"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def _text_width(text: str) -> int:
    """Estimated width in pixels of text in 11px Verdana (no font is measured: deterministic)."""
    return sum(4 if ch in _NARROW else 10 if ch in _WIDE else 7 for ch in text)


def render_badge(label: str, percent: float) -> str:
    """A shields-style flat SVG badge ``label | percent``, self-contained and deterministic.

    ``label`` names the language (its English name, say, not a bare code that reads as a
    country); ``percent`` is a :attr:`~appeal_i18n.coverage.LanguageStats.percent`. The
    colour follows :func:`badge_color`; the text contrast is at least 4.5:1 (white on
    #555, near-black on every colour of the palette).
    """
    value = badge_value(percent)
    left, right = _text_width(label) + 12, _text_width(value) + 12
    width = left + right
    fields = {
        "w": width, "l": left, "r": right, "c": badge_color(percent),
        "lx": left / 2, "vx": left + right / 2,
        "label": label, "value": value, "title": f"{label}: {value}",
    }
    return str(Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="20" role="img" '
        'aria-label="{title}">\n<title>{title}</title>\n'
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>\n'
        '<clipPath id="r"><rect width="{w}" height="20" rx="3" fill="#fff"/></clipPath>\n'
        '<g clip-path="url(#r)"><rect width="{l}" height="20" fill="#555"/>'
        '<rect x="{l}" width="{r}" height="20" fill="{c}"/>'
        '<rect width="{w}" height="20" fill="url(#s)"/></g>\n'
        '<g text-anchor="middle" '
        'font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">\n'
        '<text x="{lx}" y="14" fill="#fff">{label}</text>\n'
        '<text x="{vx}" y="14" fill="#111">{value}</text>\n</g>\n</svg>\n'
    ).format(**fields))


CSS = """\
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#666;--line:#ccc}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#111;--muted:#aaa;--line:#444}}
body{margin:0 auto;max-width:72rem;padding:1rem;background:var(--bg);color:var(--fg);\
font:0.95rem/1.4 system-ui,sans-serif}
table{border-collapse:collapse;margin:0 0 1.5rem}
th,td{border:1px solid var(--line);padding:.2rem .5rem;text-align:start;vertical-align:top}
td.n{text-align:end;font-variant-numeric:tabular-nums}
td.translated{background:#4c12;text-align:center}
td.fuzzy{background:#dfb31744;text-align:center}
td.untranslated{background:#e05d4444;text-align:center}
td.absent{color:var(--muted);text-align:center}
caption{text-align:start;font-weight:bold;padding:.25rem 0}
.muted{color:var(--muted)}
.scroll{max-width:100%;overflow-x:auto;margin:0 0 1.5rem}
.scroll table{margin:0}
td img{display:block}
"""

_SYMBOLS = {TRANSLATED: "✓", FUZZY: "~", UNTRANSLATED: "✗"}


def badge_label(lang: str) -> str:
    """A language as its badge names it: ``Ukrainian (uk)``."""
    return f"{locales.english_name(lang)} ({lang})"


def csp() -> str:
    """The page's Content-Security-Policy: its own stylesheet, images from itself, no script."""
    digest = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'self'; "
            "base-uri 'none'; form-action 'none'")


def letter_href(language: str, domain: str) -> str:
    """The relative URL of a language's letter: ``<lang>/<domain>.html``, segments encoded."""
    return f"{quote(language, safe='')}/{quote(domain, safe='')}.html"


# The rows are many (catalogs x passages): each value is escaped with markupsafe's
# ``escape`` into an f-string, which is what ``Markup.format`` does, at a fraction of the
# cost of its string.Formatter (``tests/test_fast_paths.py`` compares the two).


def _counts_cells(msg: Counts, wrd: Counts, percent: float) -> Markup:
    nums = (percent_label(percent), msg.translated, msg.fuzzy, msg.untranslated, msg.total,
            msg.obsolete, f"{wrd.translated}/{wrd.total}")
    return Markup("".join([f'<td class="n">{escape(n)}</td>' for n in nums]))


_COUNT_HEADS = Markup(
    "<th>Percent</th><th>Translated</th><th>Fuzzy</th><th>Untranslated</th><th>Total</th>"
    "<th>Obsolete</th><th>Words translated</th>"
)


_REVIEW_HEADS = Markup("<th>Reviewed</th><th>Changed since review</th><th>Unreviewed</th>")


def _review_cells(review: ReviewCounts) -> Markup:
    return Markup("".join([f'<td class="n">{int(n)}</td>'
                           for n in (review.reviewed, review.changed, review.unreviewed)]))


def _scroll(table: Markup, label: str) -> Markup:
    """A table in its own scrolling container, so that the page never scrolls sideways."""
    return Markup('<div class="scroll" role="region" tabindex="0" aria-label="{}">\n{}\n'
                  "</div>").format(label, table)


def language_name(code: str) -> Markup:
    """A language as the coverage page names it: native name (English name) and code."""
    from babel.core import UnknownLocaleError

    try:
        native, english, direction = locales.facts(code)
    except (ValueError, UnknownLocaleError):  # not a language babel knows (a folder name)
        return Markup("<code>{}</code>").format(code)
    return Markup('<bdi lang="{}" dir="{}">{}</bdi> ({}) <code>{}</code>').format(
        locales.bcp47(code), direction, native, english, code)


def _languages_table(status: Status, states: Mapping[str, str] | None) -> Markup:
    extra = Markup("<th>State</th><th>Badge</th>") if states is not None else Markup("")
    rows = [Markup("<tr><th>Language</th>{}<th>Documents</th>{}{}</tr>").format(
        extra, _COUNT_HEADS, _REVIEW_HEADS)]
    for lang in status.languages:
        cells = _counts_cells(lang.messages, lang.words, lang.percent) + _review_cells(
            lang.review)
        state = Markup("")
        if states is not None:
            code = quote(lang.language, safe="")
            state = Markup('<td>{}</td><td><img src="badges/{}.svg" alt="{}: {}" '
                           'height="20"></td>').format(
                states.get(lang.language, "in progress"), code, lang.language,
                badge_value(lang.percent))
        rows.append(Markup(f'<tr><th scope="row" id="lang-{escape(quote(lang.language, safe=""))}'
                           f'">{language_name(lang.language)}</th>{state}<td class="n">'
                           f"{escape(lang.catalogs)}</td>{cells}</tr>"))
    return _scroll(Markup("<table>\n<caption>Languages</caption>\n{}\n</table>").format(
        Markup("\n").join(rows)), "Languages")


def _catalog_row(c: CatalogStats, published: Collection[str] | None) -> Markup:
    if published is None or c.language in published:
        doc = f'<a href="{escape(letter_href(c.language, c.domain))}">{escape(c.domain)}</a>'
    else:
        doc = f'{escape(c.domain)} <span class="muted">(not published)</span>'
    cells = _counts_cells(c.messages, c.words, c.percent) + _review_cells(c.review)
    return Markup(f"<tr><td>{escape(c.language)}</td><td>{doc}</td>{cells}"
                  f"<td>{escape(c.last_translator or '')}</td>"
                  f"<td>{escape(c.revision_date or '')}</td></tr>")


def _catalogs_table(status: Status, published: Collection[str] | None) -> Markup:
    head = Markup("<tr><th>Language</th><th>Document</th>{}{}<th>Last translator</th>"
                  "<th>Revised</th></tr>").format(_COUNT_HEADS, _REVIEW_HEADS)
    rows = [head, *(_catalog_row(c, published) for c in status.catalogs)]
    return _scroll(Markup("<table>\n<caption>Documents</caption>\n{}\n</table>").format(
        Markup("\n").join(rows)), "Documents")


def _matrix(status: Status, languages: Iterable[str]) -> Markup:
    langs = list(languages)
    head = Markup("<tr><th>Passage</th>{}</tr>").format(
        Markup("").join(Markup("<th>{}</th>").format(lang) for lang in langs))
    rows = [head]
    # A cell depends on the language and the state only: format each kind once.
    known: dict[tuple[str, str | None], Markup] = {}

    def cell(lang: str, state: str | None) -> Markup:
        if (lang, state) not in known:
            known[lang, state] = (
                Markup('<td class="{0}" title="{1}: {0}">{2}</td>').format(
                    state, lang, _SYMBOLS[state]) if state is not None
                else Markup('<td class="absent" title="{}: absent">–</td>').format(lang))
        return known[lang, state]

    for p in status.passages:
        states = dict(p.states)
        cells = "".join([cell(lang, states.get(lang)) for lang in langs])  # markup each
        words = p.msgid.split()
        short = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        rows.append(Markup(f'<tr><td><span class="muted">{escape(p.location)}</span><br>'
                           f"{escape(short)}</td>{cells}</tr>"))
    return _scroll(Markup("<table>\n<caption>Passages (✓ translated, ~ fuzzy, ✗ missing)"
                          "</caption>\n{}\n</table>").format(Markup("\n").join(rows)),
                   "Passages")


def render_dashboard(status: Status, *, title: str = "Translation coverage",
                     published: Collection[str] | None = None,
                     states: Mapping[str, str] | None = None,
                     generated: str | None = None, index: str | None = None) -> str:
    """A standalone HTML page of a coverage :class:`~appeal_i18n.coverage.Status`.

    Shows a table of languages, a table of each language's documents (linking
    ``<lang>/<domain>.html``, relative to the page) and the passage x language matrix.
    Pass a status computed with ``passages=True`` for the matrix (it is left out
    otherwise). ``published``: the languages whose letters were built; the others are
    not linked (None links every language). ``states``: each language's state
    (published, held back and why, in progress), shown with its badge
    (``badges/<lang>.svg``). ``generated``: the date the page says it was made (the
    source's). ``index``: the URL of the site's index, linked back to.
    """
    body = [Markup("<h1>{}</h1>").format(title)]
    if index is not None:
        body.append(Markup('<p><a href="{}">All languages</a></p>').format(index))
    body += [_languages_table(status, states), _catalogs_table(status, published)]
    if status.passages:
        body.append(_matrix(status, (lang.language for lang in status.languages)))
    if generated is not None:
        body.append(Markup('<p class="muted">Generated from the source of {}.</p>').format(
            generated))
    favicon = Markup('<link rel="icon" href="favicon.svg" type="image/svg+xml">\n') \
        if index is not None else Markup("")
    return str(Markup(
        '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="referrer" content="no-referrer">\n<title>{title}</title>\n'
        '<meta name="description" content="{description}">\n{favicon}'
        "<style>{css}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    ).format(csp=csp(), title=title, css=Markup(CSS), body=Markup("\n").join(body),
             favicon=favicon, description="How complete each translation is, by language, "
             "document and passage, and which languages are published."))
