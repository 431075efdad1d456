"""Share images: a 1200x630 PNG per letter page, for OpenGraph and Twitter cards.

The card is a small HTML page typeset by WeasyPrint in the shipped fonts (so Arabic is
shaped as in the PDF), rasterised by PDFium (pypdfium2) and saved by Pillow without
metadata: the same inputs give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from appeal_i18n import locales
from appeal_i18n.publish.html import SHARE_SIZE, isolated
from appeal_i18n.publish.pdf import render_pdf

#: CSS pixels are 3/4 of a PDF point.
_PX = 0.75


def card_html(*, lang: str, title: str, campaign: str) -> str:
    """The card as a standalone HTML page of exactly :data:`SHARE_SIZE` pixels."""
    from appeal_i18n.publish.templates import environment

    width, height = SHARE_SIZE
    return environment().get_template("card.html.j2").render(
        lang=locales.bcp47(lang), dir=locales.direction(lang),
        title=isolated(title, locales.direction(lang)),
        campaign=isolated(campaign, locales.direction(lang)), width=width, height=height)


def render_card(*, lang: str, title: str, campaign: str, scripts: Mapping[str, str]) -> bytes:
    """The share image of one page as PNG bytes."""
    import pypdfium2

    pdf = render_pdf(card_html(lang=lang, title=title, campaign=campaign), scripts=scripts)
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        width, height = SHARE_SIZE
        bitmap = page.render(scale=width / page.get_width(), may_draw_forms=False)
        image = bitmap.to_pil().convert("RGB")
        if image.size != SHARE_SIZE:  # a rounding pixel
            image = image.crop((0, 0, width, height))
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=9)
    return out.getvalue()
