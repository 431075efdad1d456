"""``dist/published.json``: what the output folder publishes, written by every build.

It is how a later build knows that a language it would not publish was online (the build
then says so, exit 4), and it holds what each published letter was made of (the English
source, the text and the fallback flag of each block, the date), so that the last
published version of a language can be built again, marked as an earlier version of the
letter (``--keep-published``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

#: The manifest's name in the output folder.
MANIFEST = "published.json"


@dataclass(frozen=True, slots=True)
class Letter:
    """Everything needed to render one published letter (a language, a document) again."""

    source: str
    """The English Markdown source it was made from."""
    relpath: str
    """The source's path in the project."""
    texts: tuple[str, ...]
    """The published text of each block."""
    fallback: tuple[bool, ...]
    """For each block, True when it was shown in English."""
    date: str
    """The source's date, ISO 8601."""


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an output folder publishes."""

    published: tuple[str, ...] = ()
    """Languages published (English included)."""
    earlier: tuple[str, ...] = ()
    """Languages no longer published whose last letters are kept as an earlier version."""
    letters: Mapping[str, Mapping[str, Letter]] = field(default_factory=dict)
    """Per language (not English), per document: the letter as last published."""


def read_manifest(out: Path) -> Manifest:
    """The manifest of the last build in ``out`` (an empty one when there is none or it
    cannot be read: a hand-edited or truncated manifest must not stop a build)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        sources: dict[str, str] = data.get("sources", {})
        letters = {
            lang: {domain: Letter(sources[item["source"]], item["relpath"],
                                  tuple(item["texts"]), tuple(item["fallback"]), item["date"])
                   for domain, item in docs.items()}
            for lang, docs in data.get("letters", {}).items()}
        return Manifest(tuple(data.get("published", ())), tuple(data.get("earlier", ())),
                        letters)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Manifest()


def manifest_bytes(manifest: Manifest) -> bytes:
    """The manifest as written: sorted, each English source once (by its SHA-256)."""
    sources: dict[str, str] = {}
    letters: dict[str, dict[str, object]] = {}
    for lang, docs in manifest.letters.items():
        letters[lang] = {}
        for domain, letter in docs.items():
            digest = hashlib.sha256(letter.source.encode()).hexdigest()
            sources[digest] = letter.source
            letters[lang][domain] = {"source": digest, "relpath": letter.relpath,
                                     "texts": list(letter.texts),
                                     "fallback": list(letter.fallback), "date": letter.date}
    data = {"published": sorted(manifest.published), "earlier": sorted(manifest.earlier),
            "letters": letters, "sources": sources}
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
