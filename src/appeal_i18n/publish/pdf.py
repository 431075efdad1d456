"""Localized PDF: the HTML page typeset by WeasyPrint with the system's fonts.

WeasyPrint is imported here only, and only when a PDF is built: importing it takes a
good part of a second. Text is shaped by HarfBuzz through Pango, so Arabic joins and
runs right to left; fonts come from fontconfig (the stylesheet asks for Noto and
DejaVu, which cover Latin, Cyrillic and Arabic). Nothing is fetched: every URL is
refused. The PDF's dates come from the page's ``dcterms`` metadata (the source's
reproducible date), so the same page gives the same bytes.
"""

from __future__ import annotations

from typing import Any, NoReturn


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    """A URL fetcher that fetches nothing: the page has no external resources."""
    raise ValueError(f"external resource refused: {url}")


def preload() -> None:
    """Import WeasyPrint and load the fonts now: worker processes forked later inherit them."""
    render_pdf('<html lang="en"><p>Aa Яя ي</p></html>')


def render_pdf(html: str) -> bytes:
    """Typeset a standalone HTML page (from :func:`~appeal_i18n.publish.html.render_page`)."""
    import logging

    import weasyprint

    # WeasyPrint logs refused fetches and unsupported CSS (``color-scheme``) as warnings
    # on the root logger's handlers; the library must not print.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, url_fetcher=_refuse, media_type="print")
    data: bytes = document.write_pdf(pdf_identifier=True, pdf_tags=True)
    return data
