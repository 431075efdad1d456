"""What each language publishes: the translation of every passage, or the English fallback."""

from __future__ import annotations

from dataclasses import dataclass

from appeal_i18n.model import TRANSLATED, Catalog, Passage, state
from appeal_i18n.source import FRONT_MATTER, Parsed

Key = tuple[str | None, str]


@dataclass(frozen=True, slots=True)
class Localized:
    """One source document as one language publishes it."""

    lang: str
    """gettext language code; ``en`` for the source."""
    domain: str
    """Document name."""
    parsed: Parsed
    """The English source, parsed."""
    texts: tuple[str, ...]
    """The published text of each block, in block order."""
    fallback: tuple[bool, ...]
    """For each block, True when the English text is published instead of a translation."""
    earlier: bool = False
    """True when this is an earlier version of the letter, kept (the English has changed)."""

    def field(self, key: str) -> tuple[str, bool] | None:
        """A front matter field (``title``, ``description``): its text and whether it is
        shown in English; None when the source has no such field."""
        for block, text, fallback in zip(self.parsed.blocks, self.texts, self.fallback,
                                         strict=True):
            if block.passage.section == FRONT_MATTER and block.passage.kind == key:
                return text, fallback
        return None

    @property
    def title(self) -> str:
        """The front matter's title, else the text of the first heading (Markdown), else the
        document name."""
        field = self.field("title")
        if field is not None:
            return field[0]
        for block, text in zip(self.parsed.blocks, self.texts, strict=True):
            if block.passage.kind == "heading":
                return text
        return self.domain

    @property
    def title_in_english(self) -> bool:
        """True when :attr:`title` is the English one on a translated page."""
        field = self.field("title")
        return self.lang != "en" and (field[1] if field is not None else any(
            f for b, f in zip(self.parsed.blocks, self.fallback, strict=True)
            if b.passage.kind == "heading"))

    def body(self) -> list[tuple[int, str, bool]]:
        """The letter's own blocks (not the front matter): ``(block index, text, fallback)``."""
        return [(i, text, fallback) for i, (block, text, fallback) in
                enumerate(zip(self.parsed.blocks, self.texts, self.fallback, strict=True))
                if block.passage.section != FRONT_MATTER]


def translations(catalog: Catalog | None) -> dict[Key, str]:
    """Publishable translations of a catalog: translated, not fuzzy, not obsolete."""
    if catalog is None:
        return {}
    return {e.key: e.msgstr for e in catalog.messages
            if state(e) == TRANSLATED and e.msgid_plural is None}


def localize(parsed: Parsed, *, lang: str, domain: str, table: dict[Key, str],
             refused: frozenset[Key] = frozenset()) -> Localized:
    """Choose each block's text: its translation, or English when missing or refused."""
    texts: list[str] = []
    fallback: list[bool] = []
    for block in parsed.blocks:
        key = _key(block.passage)
        text = table.get(key) if key not in refused else None
        texts.append(block.passage.text if text is None else text)
        fallback.append(text is None and lang != "en")
    return Localized(lang, domain, parsed, tuple(texts), tuple(fallback))


def _key(passage: Passage) -> Key:
    return (passage.context, passage.text)
