"""Localized Markdown: the source file with each block's text replaced in place."""

from __future__ import annotations

import re

from appeal_i18n.publish.localize import Localized
from appeal_i18n.source import FRONT_MATTER, front_matter_line

_NOTE = re.compile(r"^\s*<!--\s*(?:i18n:.*?|signature\s*)-->\s*$")
# A line start that CommonMark would read as block structure in a translation.
_BLOCK_START = re.compile(
    r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|`{3,}|~{3,}"
    r"|[-*_](?:\s*[-*_]){2,}\s*$|=+\s*$)"
)


def _escape_block_start(line: str) -> str:
    """Backslash-escape a leading marker so translated text stays inside its block."""
    match = _BLOCK_START.match(line)
    if not match:
        return line.lstrip()
    rest = line[match.end(1):]
    if rest[0].isdigit():
        digits = match.group(2)
        return digits[:-1] + "\\" + digits[-1] + rest[len(digits):]
    return "\\" + rest


def _prefixes(first_line: str, content_start: str) -> tuple[str, str]:
    at = first_line.find(content_start) if content_start else len(first_line)
    prefix = first_line[: max(at, 0)]
    cont = "".join(c if c in "> \t" else " " for c in prefix)
    if prefix.lstrip().startswith("#"):
        cont = ""
    return prefix, cont


def render_markdown(doc: Localized) -> str:
    """Render a localized document as CommonMark; translator notes are left out.

    A letter with passages in English, or kept as an earlier version, starts with the
    note that says so (a quote).
    """
    lines = doc.parsed.text.split("\n")
    tokens = doc.parsed.tokens
    out: list[str] = []
    pos = 0

    def copy(upto: int) -> None:
        out.extend(line for line in lines[pos:upto] if not _NOTE.match(line))

    for block, text in zip(doc.parsed.blocks, doc.texts, strict=True):
        copy(block.start)
        if block.passage.section == FRONT_MATTER:
            out.append(front_matter_line(block.passage.kind, text))
            pos = block.end
            continue
        content = tokens[block.index].content.split("\n", 1)[0].strip()
        prefix, cont = _prefixes(lines[block.start], content)
        parts = text.split("\n")
        out.append(prefix + _escape_block_start(parts[0]))
        out.extend(cont + _escape_block_start(part) for part in parts[1:])
        pos = block.end
    copy(len(lines))
    if doc.earlier or any(doc.fallback):
        from appeal_i18n.publish.strings import plain_note

        # The note (passages in English, an earlier version) as the first block, as on
        # the page.
        note = plain_note(doc.lang, earlier=doc.earlier, partial=any(doc.fallback))
        # After the front matter (before it, the front matter would be a paragraph): its
        # lines are copied one for one, so its end in the output is its end in the source.
        at = next((tok.map[1] for tok in tokens if tok.type == "front_matter" and tok.map), 0)
        out[at:at] = [*([""] if at else []), "> " + _escape_block_start(note).replace(
            "[", "\\["), ""]
    result = "\n".join(out).strip("\n") + "\n"
    return re.sub(r"\n{3,}", "\n\n", result)

