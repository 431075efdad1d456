"""Localized PDF: the HTML page typeset by WeasyPrint in the shipped fonts.

WeasyPrint is imported here only, and only when a PDF is built: importing it takes a
good part of a second. Text is shaped by HarfBuzz through Pango, so Arabic joins and
runs right to left. The fonts are the project's own (:mod:`.fonts`), given to WeasyPrint
as ``@font-face`` rules on the shipped TrueType files; Han and Kana come from the
system's Noto CJK by name. Nothing else is fetched: every other URL is refused. The PDF's
dates come from the page's ``dcterms`` metadata (the source's reproducible date), so the
same page gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from appeal_i18n.publish.fonts import FONTS_DIR, stylesheet

_FONTS_URL = FONTS_DIR.as_uri() + "/"


@cache
def _fetcher() -> Any:
    """A URL fetcher for the shipped fonts only: the page has no other resources."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ShippedFonts(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            name = url[len(_FONTS_URL):] if url.startswith(_FONTS_URL) else ""
            if name and "/" not in name and (FONTS_DIR / name).is_file():
                return URLFetcherResponse(url, body=(FONTS_DIR / name).read_bytes(),
                                          headers={"Content-Type": "font/ttf"})
            raise ValueError(f"external resource refused: {url}")

    return ShippedFonts()


def preload() -> None:
    """Import WeasyPrint and load the fonts now: worker processes forked later inherit them."""
    render_pdf('<html lang="en"><p>Aa Яя ي</p></html>', scripts={"ar": "Arabic"})


@cache
def _patch_line_breaking() -> None:
    """Keep WeasyPrint from breaking a line after its first word when a text run ends in a
    space that hangs past the line's end.

    WeasyPrint's ``split_first_line`` (70.0) measures a run that Pango fitted on one line
    with its trailing space, which Pango lets hang; when only that space overflows (an
    inline element such as ``<em>`` or ``<a>`` follows the run, so the run ends in the
    space), it takes the run for unbreakable and keeps only its first word on the line.
    When the run without its trailing spaces fits, it is laid out whole, as Pango did.
    """
    from weasyprint.layout import inline

    original = inline.split_first_line
    if getattr(original, "appeal_i18n", False):
        return

    def split_first_line(text: str, style: Any, context: Any, max_width: float | None,
                         justification_spacing: float, is_line_start: bool = True,
                         minimum: bool = False) -> Any:
        result = original(text, style, context, max_width, justification_spacing,
                          is_line_start, minimum)
        stripped = text.rstrip(" ")
        if (result[2] is not None and not minimum and max_width is not None and stripped
                and stripped != text and style["white_space"] in ("normal", "pre-line")):
            whole = original(stripped, style, context, max_width, justification_spacing,
                             is_line_start, minimum)
            if whole[2] is None:
                return original(text, style, context, None, justification_spacing,
                                is_line_start, minimum)
        return result

    split_first_line.appeal_i18n = True  # type: ignore[attr-defined]
    inline.split_first_line = split_first_line


def render_pdf(html: str, *, scripts: Mapping[str, str]) -> bytes:
    """Typeset a standalone HTML page (from :func:`~appeal_i18n.publish.html.render_page`).

    ``scripts``: the main script of each language the page shows, for the font stacks.
    """
    import logging

    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    _patch_line_breaking()
    # WeasyPrint logs refused fetches and unsupported CSS (``color-scheme``) as warnings
    # on the root logger's handlers; the library must not print.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fonts = FontConfiguration()
    css = weasyprint.CSS(string=stylesheet(scripts, web=False), font_config=fonts,
                         url_fetcher=_fetcher())
    document = weasyprint.HTML(string=html, url_fetcher=_fetcher(), media_type="print")
    data: bytes = document.write_pdf(stylesheets=[css], font_config=fonts,
                                     pdf_identifier=True, pdf_tags=True)
    return data
