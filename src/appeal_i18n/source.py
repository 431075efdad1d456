"""Source stage: CommonMark letters -> passages (one per translatable block).

The walk over markdown-it-py's token stream lives here only, so that extraction and
the builders agree on what a passage is: every builder re-parses the source and asks
:func:`parse` for the same blocks in the same order.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from appeal_i18n.errors import SourceError, decode_utf8
from appeal_i18n.model import Document, Passage

_NOTE = re.compile(r"^\s*<!--\s*i18n:\s*(.*?)\s*-->\s*$", re.DOTALL)
_MARKER = re.compile(r"^\s*<!--\s*signature\s*-->\s*$")
_HARD_BREAK = "\\\n"
#: The section of the passages that come from the front matter: not shown in the letter.
FRONT_MATTER = "front matter"
#: The front matter's fields, each a message with this msgctxt, and its note for translators.
FIELDS = {
    "title": "The title of the letter: the title of the web page (browser tabs, bookmarks, "
             "search results), of the PDF and of share previews. Not shown in the letter "
             "itself.",
    "description": "The share description: one or two sentences shown under the title in "
                   "search results and share previews. Not shown in the letter itself.",
}
_FIELD = re.compile(r"^([a-z][a-z-]*):[ \t]+(\S.*?)\s*$")


@cache
def markdown() -> MarkdownIt:
    """The CommonMark parser every stage uses (raw HTML kept as tokens, never rendered).

    One instance per process: building a parser costs more than parsing a passage.
    """
    return MarkdownIt("commonmark").use(front_matter_plugin)


@dataclass(frozen=True, slots=True)
class Block:
    """A translatable block found in a token stream."""

    index: int
    """Index of the block's ``inline`` token in the token list."""
    passage: Passage
    """The passage extracted from the block."""
    start: int
    """0-based first source line of the block's text."""
    end: int
    """0-based line after the block's text."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed source document: its tokens and its translatable blocks."""

    text: str
    """The source text, newlines normalised to ``\\n``."""
    tokens: list[Token]
    """markdown-it-py tokens of the whole document."""
    blocks: tuple[Block, ...]
    """Translatable blocks in source order."""

    def document(self, *, name: str, path: str) -> Document:
        """The passages of this source as the :class:`Document` (gettext domain) ``name``."""
        return Document(name=name, path=path, passages=tuple(b.passage for b in self.blocks))


def join_lines(content: str) -> str:
    """Join a block's source lines into one message: soft breaks become spaces.

    A hard line break (two trailing spaces or a backslash) is kept as a backslash
    followed by a newline, the CommonMark form a translator can see.
    """
    lines = content.split("\n")
    out: list[str] = []
    for line in lines[:-1]:
        if line.endswith("\\"):
            out.append(line + "\n")
        elif line.endswith("  "):
            out.append(line.rstrip() + _HARD_BREAK)
        else:
            out.append(line.rstrip() + " ")
    out.append(lines[-1].rstrip())
    return "".join(out)


@dataclass(slots=True)
class _Container:
    kind: str  # "ul", "ol", "li", "blockquote"
    list_id: int = 0
    items: int = 0
    size: int = 0
    start: int = 1


def _list_sizes(tokens: list[Token]) -> dict[int, int]:
    """Map the index of each list's opening token to the number of its items."""
    sizes: dict[int, int] = {}
    stack: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            stack.append(i)
            sizes[i] = 0
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            stack.pop()
        elif tok.type == "list_item_open" and stack:
            sizes[stack[-1]] += 1
    return sizes


def _describe(kind: str, level: int, item: _Container | None, ordered: bool) -> str:
    if kind == "heading":
        return f"heading (level {level})"
    if item is not None:
        what = "numbered list item" if ordered else "list item"
        return f"{what} {item.items} of {item.size}"
    return kind


def parse(text: str, *, path: str = "<source>") -> Parsed:
    """Parse a CommonMark document and find its translatable blocks.

    One block per heading, paragraph, list item paragraph and blockquote paragraph.
    An HTML comment ``<!-- i18n: note -->`` becomes a translator note of the next block;
    ``<!-- signature -->`` starts the signature section. Identical passages get distinct
    contexts (the first keeps none, so adding a duplicate never disturbs the original).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourceError("NUL character in Markdown source", path=path, line=line)
    tokens = markdown().parse(text)
    if text.split("\n", 1)[0].rstrip() == "---" and (
            not tokens or tokens[0].type != "front_matter"):
        raise SourceError("front matter not closed: a line '---' must end it", path=path,
                          line=1)
    sizes = _list_sizes(tokens)
    stack: list[_Container] = []
    notes: list[str] = []
    section = "body"
    blocks: list[Block] = []
    heading_level = 0
    note_line = marker_line = 0
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrs.get("start", 1) or 1)
            stack.append(_Container("ol" if tok.type[0] == "o" else "ul", i, 0, sizes[i], start))
        elif tok.type == "list_item_open":
            parent = stack[-1]
            parent.items += 1
            stack.append(_Container("li", parent.list_id, parent.items, parent.size, parent.start))
        elif tok.type == "blockquote_open":
            stack.append(_Container("blockquote"))
        elif tok.type in ("bullet_list_close", "ordered_list_close", "list_item_close",
                          "blockquote_close"):
            stack.pop()
        elif tok.type == "html_block":
            line = (tok.map[0] if tok.map else 0) + 1
            _check_comment(tok.content, path=path, line=line)
            if _MARKER.match(tok.content):
                if notes:
                    raise SourceError("i18n note is not followed by a block it describes "
                                      "(a signature marker comes first)", path=path,
                                      line=note_line)
                section = "signature"
                marker_line = line
            else:
                note = _NOTE.match(tok.content)
                if note:
                    notes.append(" ".join(note.group(1).split()))
                    note_line = note_line if len(notes) > 1 else line
        elif notes and tok.type in ("hr", "code_block", "fence"):
            raise SourceError("i18n note is not followed by a translatable block", path=path,
                              line=note_line)
        elif tok.type == "front_matter":
            blocks.extend(_front_matter(tok, i, path=path))
        elif tok.type == "heading_open":
            heading_level = int(tok.tag[1])
        elif tok.type == "inline" and tok.map is not None:
            kind, level = "paragraph", 0
            if tokens[i - 1].type == "heading_open":
                kind, level = "heading", heading_level
            item = next((c for c in reversed(stack) if c.kind == "li"), None)
            quoted = any(c.kind == "blockquote" for c in stack)
            ordered = False
            if item is not None:
                kind = "list item"
                ordered = any(c.kind == "ol" and c.list_id == item.list_id for c in stack)
            elif quoted and kind == "paragraph":
                kind = "blockquote paragraph"
            message = join_lines(tok.content)
            if not message.strip():
                continue
            comments = (_describe(kind, level, item, ordered), *notes)
            notes = []
            marker_line = 0
            passage = Passage(
                text=message, kind=kind, line=tok.map[0] + 1, comments=comments, level=level,
                list_index=item.items if item else 0, list_ordered=ordered,
                list_start=item.start if item else 1, list_id=item.list_id if item else 0,
                section=section,
            )
            blocks.append(Block(i, passage, tok.map[0], tok.map[1]))
    if notes:
        raise SourceError("i18n note is not followed by a block it describes", path=path,
                          line=note_line)
    if marker_line:
        raise SourceError("signature marker is not followed by a block", path=path,
                          line=marker_line)
    return Parsed(text, tokens, tuple(_distinguish(blocks)))


def _check_comment(content: str, *, path: str, line: int) -> None:
    """Refuse an HTML comment that is never closed: it would swallow the rest of the file."""
    start = content.find("<!--")
    while start != -1:
        end = content.find("-->", start + 4)
        nested = content.find("<!--", start + 4)
        if end == -1 or -1 < nested < end:
            # Comments do not nest: a `-->` after a second `<!--` closes that one, and
            # everything between (passages, a signature marker) would be swallowed.
            raise SourceError("unclosed HTML comment: `<!--` without its `-->` (it would "
                              "hide what follows)", path=path,
                              line=line + content.count("\n", 0, start))
        start = content.find("<!--", end + 3)


def _front_matter(tok: Token, index: int, *, path: str) -> list[Block]:
    """The fields of the front matter as passages, each with its field name as msgctxt.

    A field is ``key: value`` on one line; the value is plain text or a JSON string
    (double quotes, backslash escapes). Anything else is an error at its line.
    """
    assert tok.map is not None
    blocks: list[Block] = []
    seen: set[str] = set()
    for number, line in enumerate(tok.content.split("\n"), start=tok.map[0] + 2):
        if not line.strip():
            continue
        found = _FIELD.match(line)
        if not found:
            raise SourceError("front matter: expected 'key: value'", path=path, line=number)
        key, value = found.groups()
        if key not in FIELDS:
            raise SourceError(f"front matter: unknown field {key!r} (known: "
                              f"{', '.join(FIELDS)})", path=path, line=number)
        if key in seen:
            raise SourceError(f"front matter: {key!r} given twice", path=path, line=number)
        seen.add(key)
        if value.startswith('"'):
            try:
                value = json.loads(value)
            except ValueError:
                value = None
            if not isinstance(value, str):
                raise SourceError("front matter: a quoted value must be one JSON string",
                                  path=path, line=number)
        value = " ".join(value.split())
        if not value:
            raise SourceError(f"front matter: {key!r} is empty", path=path, line=number)
        passage = Passage(text=value, kind=key, line=number, comments=(FIELDS[key],),
                          context=key, section=FRONT_MATTER)
        blocks.append(Block(index, passage, number - 1, number))
    return blocks


def front_matter_line(key: str, value: str) -> str:
    """A front matter field as :func:`parse` reads it back, always quoted: a JSON string is
    also a YAML double-quoted scalar, so the published Markdown's front matter is valid
    YAML for the tools that read it (static site generators, po4a), whatever the text
    holds (``: `` and `` #`` end a plain YAML scalar)."""
    return f"{key}: {json.dumps(value, ensure_ascii=False)}"


def _distinguish(blocks: list[Block]) -> list[Block]:
    """Give the second and later copies of an identical passage a distinct msgctxt."""
    seen: Counter[str] = Counter()
    out: list[Block] = []
    for block in blocks:
        if block.passage.context is not None:  # a front matter field: unique by its key
            out.append(block)
            continue
        seen[block.passage.text] += 1
        count = seen[block.passage.text]
        if count > 1:
            ctx = f"repeated passage, occurrence {count}"
            block = replace(block, passage=replace(block.passage, context=ctx))
        out.append(block)
    return out


def read_source(path: Path, *, relpath: str) -> Parsed:
    """Read and parse one source file; errors name ``relpath`` and the line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("source file not found", path=relpath) from None
    except OSError as exc:
        raise SourceError(f"cannot read source file: {exc.strerror}", path=relpath) from None
    text = decode_utf8(data, path=relpath, error=SourceError,
                       message="invalid UTF-8 in Markdown source")
    return parse(text, path=relpath)


def load_document(path: Path, *, relpath: str) -> Document:
    """Extract the passages of one source file as a :class:`Document`."""
    return read_source(path, relpath=relpath).document(name=path.stem, path=relpath)
