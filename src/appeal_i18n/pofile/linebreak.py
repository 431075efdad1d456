"""Unicode line breaking as GNU does it (libunistring's UAX #14 pair table), with a fast path."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from appeal_i18n.pofile.escapes import ESCAPE_OUT, NEEDS_ESCAPE, escape

# Line breaking classes; the first 27 index the pair table below.
(WJ, GL, B2, BA, BB, HY, CL, CP, EX, IN, NS, OP, QU, IS, NU, PO, PR, SY, AL, H2, H3, ID, JL, JV,
 JT, HL, RI, BK, SP, ZW, CM) = range(31)

# Rows: class before; columns: class after. D: break allowed, I: only after spaces, P: never.
_PAIRS = [row.replace(" ", "") for row in (
    "PIIIIIPPPIIIIPIIIPIIIIIIIII", "PIIIIIPPPIIIIPIIIPIIIIIIIII", "PIPIDIPPPDIDIPDDDPDDDDDDDDD",
    "PDDIDIPPPDIDIPDDDPDDDDDDDDD", "PIIIIIPPPIIIIPIIIPIIIIIIIII", "PDDIDIPPPDIDIPIDDPDDDDDDDDD",
    "PIDIDIPPPDPDIPDIIPDDDDDDDDD", "PIDIDIPPPDPDIPIIIPIDDDDDDID", "PIDIDIPPPIIDIPDDDPDDDDDDDDD",
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD", "PIDIDIPPPDIDIPDDDPDDDDDDDDD", "PPPPPPPPPPPPPPPPPPPPPPPPPPP",
    "PIIIIIPPPIIPIPIIIPIIIIIIIII", "PIDIDIPPPDIDIPIDDPDDDDDDDDD", "PIDIDIPPPIIIIPIIIPIDDDDDDID",
    "PIDIDIPPPDIIIPIDDPIDDDDDDID", "PIDIDIPPPDIIIPIDDPIIIIIIIID", "PIDIDIPPPDIDIPIDDPDDDDDDDID",
    "PIDIDIPPPIIIIPIIIPIDDDDDDID", "PIDIDIPPPIIDIPDIDPDDDDDIIDD", "PIDIDIPPPIIDIPDIDPDDDDDDIDD",
    "PIDIDIPPPIIDIPDIDPDDDDDDDDD", "PIDIDIPPPIIDIPDIDPDIIDIIDDD", "PIDIDIPPPIIDIPDIDPDDDDDIIDD",
    "PIDIDIPPPIIDIPDIDPDDDDDDIDD", "PIDIDIPPPIIIIPIIIPIDDDDDDID", "PIDIDIPPPDIDIPDDDPDDDDDDIDI",
)]
# Newer UAX #14 (libunistring 1.0): never break before IN (LB22).
_PAIRS = [row if row == "P" * 27 else row[:IN] + "I" + row[IN + 1:] for row in _PAIRS]

_ASCII_CLASSES = (
    [CM] * 9 + [BA, BK, BK, BK, BK] + [CM] * 18
    + [SP, EX, QU, AL, PR, PO, AL, QU, OP, CP, AL, PR, IS, HY, IS, SY]
    + [NU] * 10 + [IS, IS, AL, AL, AL, EX, AL] + [AL] * 26 + [OP, PR, CP, AL, AL, AL]
    + [AL] * 26 + [OP, BA, CL, AL, CM]
)
_EXPLICIT_CLASSES = {
    0x0085: BK, 0x00A0: GL, 0x00A1: OP, 0x00A2: PO, 0x00A3: PR, 0x00A4: PR, 0x00A5: PR,
    0x00AB: QU,
    0x00AD: BA, 0x00B0: PO, 0x00B1: PR, 0x00B4: BB, 0x00BB: QU, 0x00BF: OP, 0x02C8: BB,
    0x02CC: BB, 0x02DF: BB, 0x034F: GL, 0x0589: IS, 0x058A: BA, 0x05BE: BA, 0x060C: IS,
    0x060D: IS, 0x061B: EX, 0x061F: EX, 0x066A: PO, 0x06D4: EX, 0x0964: BA, 0x0965: BA,
    0x0F0B: BA, 0x0F0C: GL, 0x1361: BA, 0x1680: BA, 0x17D4: BA, 0x17D5: BA, 0x180E: GL,
    0x2007: GL, 0x200B: ZW, 0x200D: CM, 0x2010: BA, 0x2011: GL, 0x2012: BA, 0x2013: BA,
    0x2014: B2, 0x2018: QU, 0x2019: QU, 0x201A: OP, 0x201B: QU, 0x201C: QU, 0x201D: QU,
    0x201E: OP, 0x201F: QU, 0x2024: IN, 0x2025: IN, 0x2026: IN, 0x2027: BA, 0x2028: BK,
    0x2029: BK, 0x202F: GL, 0x2039: QU, 0x203A: QU, 0x203C: NS, 0x203D: NS, 0x2044: IS,
    0x2047: NS, 0x2048: NS, 0x2049: NS, 0x2060: WJ, 0x20A7: PO, 0x20B6: PO, 0x20BB: PO,
    0x20BE: PO, 0x2103: PO, 0x2109: PO, 0x2116: PR, 0x2212: PR, 0x2213: PR, 0x3000: BA,
    0x3001: CL, 0x3002: CL, 0x3005: NS, 0x301C: NS, 0x303B: NS, 0x309D: NS, 0x309E: NS,
    0x30A0: NS, 0x30FB: NS, 0x30FC: NS, 0x30FD: NS, 0x30FE: NS, 0xFE50: CL, 0xFE52: CL,
    0xFEFF: WJ, 0xFF01: EX, 0xFF04: PR, 0xFF05: PO, 0xFF0C: CL, 0xFF0E: CL, 0xFF1A: NS,
    0xFF1B: NS, 0xFF1F: EX, 0xFFE0: PO, 0xFFE1: PR, 0xFFE5: PR, 0xFFE6: PR,
    **dict.fromkeys(range(0x2030, 0x2038), PO), **dict.fromkeys(range(0x2000, 0x2007), BA),
    **dict.fromkeys(range(0x2008, 0x200B), BA), **dict.fromkeys(range(0x20A0, 0x20D0), PR),
    **dict.fromkeys((0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087,
                     0x308E, 0x3095, 0x3096, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3,
                     0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, *range(0x31F0, 0x3200)),
                    NS),
}
_CATEGORY_CLASSES = {"Mn": CM, "Me": CM, "Mc": CM, "Cc": CM, "Nd": NU, "Ps": OP, "Pe": CL,
                     "Pi": QU, "Pf": QU, "Zs": BA, "Zl": BK, "Zp": BK}


@lru_cache(maxsize=4096)
def _break_class(char: str) -> int:
    """The line breaking class of a character (a practical subset of LineBreak.txt)."""
    code = ord(char)
    if code < 0x80:
        return _ASCII_CLASSES[code]
    known = _EXPLICIT_CLASSES.get(code)
    if known is not None:
        return known
    if 0xAC00 <= code <= 0xD7A3:
        return H2 if (code - 0xAC00) % 28 == 0 else H3
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return JL
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return JV
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return JT
    if 0x05D0 <= code <= 0x05F2 or 0xFB1D <= code <= 0xFB4F:
        return HL
    if 0x1F1E6 <= code <= 0x1F1FF:
        return RI
    category = unicodedata.category(char)
    by_category = _CATEGORY_CLASSES.get(category)
    if by_category is not None:
        return by_category  # fullwidth brackets too keep OP/CL
    if category == "Sc":
        return PR
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return ID
    return AL


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Columns a character takes in a terminal (libunistring's uc_width for a non-CJK
    charset): the one rule for msgcat's wrapping, the text letters, the checks' length
    ratio and the status table."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0 or code == 0x00AD:
        return 0  # controls, C1 controls and the soft hyphen (Cf) take no column in GNU
    if code < 0x300:
        return 1
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if 0x1160 <= code <= 0x11FF:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


_POSSIBLE, _PROHIBITED, _MANDATORY = 1, 0, 2


def _possible_breaks(text: str) -> list[int]:
    """``u8_possible_linebreaks``: for each character, may the line break before it?"""
    result = [_PROHIBITED] * len(text)
    last = BK
    hebrew_hyphen = False
    seen_space = False
    for i, char in enumerate(text):
        prop = _break_class(char)
        if prop == BK:
            result[i] = _MANDATORY
            last, seen_space, hebrew_hyphen = BK, False, False
            continue
        if prop == SP:
            seen_space = True
            continue
        if prop == ZW:
            last, seen_space, hebrew_hyphen = ZW, False, False
            continue
        if prop == CM:
            if last == ZW:
                result[i] = _POSSIBLE
                last = AL
                continue
            if not seen_space and last != BK:
                continue  # part of the previous character (LB9)
            prop = AL  # a lone combining mark (LB10)
        if last == BK:
            pass
        elif last == ZW:
            result[i] = _POSSIBLE
        elif hebrew_hyphen and not seen_space:
            pass  # LB21a: no break after a Hebrew letter and a hyphen
        else:
            rule = _PAIRS[last][prop]
            if prop == OP and last in (NU, AL, HL) and char_width(char) == 2:
                rule = "D"  # LB30 applies to narrow opening brackets only
            if rule == "D" or (rule == "I" and seen_space):
                result[i] = _POSSIBLE
        hebrew_hyphen = last == HL and prop in (HY, BA) and not seen_space
        last, seen_space = prop, False
    return result


def _width_breaks(text: str, width: int, start_column: int,
                  overrides: list[int | None]) -> list[int]:
    """``ulc_width_linebreaks``: the positions where a line break is inserted."""
    possible = _possible_breaks(text)
    breaks: list[int] = []
    last_p: int | None = None
    last_column = start_column
    piece = 0
    for i, char in enumerate(text):
        brk = overrides[i]
        if brk is None:
            brk = possible[i]
        if brk != _PROHIBITED and last_p is not None and last_column + piece > width:
            breaks.append(last_p)
            last_column = 0
        if brk == _MANDATORY:
            last_p, last_column, piece = None, 0, 0
            continue
        if brk == _POSSIBLE:
            last_p = i
            last_column += piece
            piece = 0
        piece += char_width(char)
    if last_p is not None and last_column + piece > width:
        breaks.append(last_p)
    return breaks


_SLOW = "\x7f"
_FAST_SPACE = chr(0x30 + SP)


@lru_cache(maxsize=4096)
def _fast_class(char: str) -> str:
    """A character's line breaking class as one character, for ``str.translate``.

    Characters that need the full algorithm (mandatory breaks, zero-width spaces,
    combining marks, Hebrew letters, anything not one column wide) give ``_SLOW``.
    """
    cls = _break_class(char)
    return _SLOW if cls in (BK, ZW, CM, HL) or char_width(char) != 1 else chr(0x30 + cls)


def _classes(text: str) -> str:
    """The class string of ``text``: :func:`_fast_class` of each character."""
    return text.translate({ord(char): _fast_class(char) for char in set(text)})


@lru_cache(maxsize=512)
def _break_finder(present: frozenset[str]) -> Callable[[str], list[str]] | None:
    """``findall`` of a regex over a class string made of the classes in ``present``.

    Each match runs from the previous break opportunity (or the start) to the next one,
    so the running sum of the match lengths lists the opportunities without building a
    match object each: between two characters ("D" pairs), and after spaces ("D" or "I"
    pairs). Only the classes present take part, which keeps the alternation short. None
    when no break is possible. Compiled on first use, per set of classes.
    """
    direct: dict[str, str] = {}
    spaced: dict[str, str] = {}
    classes = sorted(ord(c) - 0x30 for c in present if c != _FAST_SPACE)
    for before in classes:
        row = _PAIRS[before]
        a = re.escape(chr(0x30 + before))
        d = "".join(re.escape(chr(0x30 + b)) for b in classes if row[b] == "D")
        i = "".join(re.escape(chr(0x30 + b)) for b in classes if row[b] != "P")
        if d:
            direct[d] = direct.get(d, "") + a
        if i and _FAST_SPACE in present:
            spaced[i] = spaced.get(i, "") + a
    space = re.escape(_FAST_SPACE)
    alternatives = [f"[{a}](?=[{b}])" for b, a in direct.items()]
    alternatives += [f"[{a}]{space}+(?=[{b}])" for b, a in spaced.items()]
    if not alternatives:
        return None
    return re.compile("(?s).*?(?:" + "|".join(alternatives) + ")").findall


def _offsets(classes: str) -> tuple[int, ...]:
    """The break opportunities of a class string, as offsets."""
    find = _break_finder(frozenset(classes))
    if find is None:
        return ()
    return tuple(itertools.accumulate(map(len, find(classes))))


def _prepare(text: str, offset: int, inner: set[int], escaped: str | None = None,
             ) -> tuple[str, list[int]] | None:
    """The escaped text and where it may break, or None when it needs the full algorithm.

    Only text whose characters are one column wide and need no special rule is prepared:
    the pair table becomes two regexes over its classes. Offsets in ``inner`` (inside a
    format directive, relative to the whole value; ``text`` starts at ``offset``) are
    never break opportunities. ``escaped`` is ``escape(text)`` when the caller has it.
    """
    if escaped is None:
        escaped = escape(text)
    classes = _classes(escaped)
    if _SLOW in classes:
        return None
    possible = list(_offsets(classes))
    prohibited = _prohibited(text, escaped, offset, inner)
    if prohibited:
        possible = [p for p in possible if p not in prohibited]
    return escaped, possible


def _prohibited(text: str, escaped: str, offset: int, inner: set[int]) -> set[int]:
    """Positions of ``escaped`` that are never break opportunities (see :func:`_prepare`)."""
    prohibited: set[int] = set()
    escapes: list[int] = []
    if len(escaped) != len(text):
        # The second character of an escape sequence is never a break opportunity,
        # nor is the backslash of a final "\n".
        escapes = [m.start() for m in NEEDS_ESCAPE.finditer(text)]
        prohibited = {start + shift + 1 for shift, start in enumerate(escapes)}
        if text.endswith("\n"):
            prohibited.add(len(escaped) - 2)
    if inner:
        end = offset + len(text)
        # Where a character of the text starts in the escaped text.
        prohibited.update(i - offset + bisect.bisect_left(escapes, i - offset)
                          for i in inner if offset <= i < end)
    return prohibited


def line_breaks(text: str, escaped: str, offset: int, width: int, start: int,
                inner: set[int]) -> list[int]:
    """Where GNU breaks the line in one escaped portion (``escaped`` is ``escape(text)``)."""
    prepared = _prepare(text, offset, inner, escaped)
    if prepared is None:
        return _slow_breaks(text, offset, width, start, inner)[1]
    return _fill(*prepared, width, start)


def chunks(escaped: str, breaks: list[int]) -> list[str]:
    """The pieces of ``escaped`` between its line breaks."""
    if not breaks:
        return [escaped]
    bounds = [0, *breaks, len(escaped)]
    return [escaped[a:b] for a, b in itertools.pairwise(bounds)]


def _fill(escaped: str, possible: list[int], width: int, start: int) -> list[int]:
    """:func:`_width_breaks` for prepared text, one line at a time.

    A line that starts at ``line`` (in column ``column``) breaks at the last opportunity
    before the first one that would overflow; the first opportunity of a line is taken
    whatever its length, as GNU does for a word longer than the line.
    """
    breaks: list[int] = []
    count = len(possible)
    if count:
        line, column, first = 0, start, 0
        while True:
            over = max(bisect.bisect_right(possible, line + width - column, first), first + 1)
            if over >= count:
                if column + len(escaped) - line > width:
                    breaks.append(possible[-1])
                break
            line, column, first = possible[over - 1], 0, over
            breaks.append(line)
    return breaks


def break_portion(text: str, offset: int, width: int, start: int,
                  inner: set[int]) -> tuple[list[str], list[int]]:
    """Escape one portion and split it where GNU would break the line."""
    escaped = escape(text)
    breaks = line_breaks(text, escaped, offset, width, start, inner)
    return chunks(escaped, breaks), breaks


def break_portion_slow(text: str, offset: int, width: int, start: int,
                       inner: set[int]) -> tuple[list[str], list[int]]:
    """:func:`break_portion` for any text: one character at a time."""
    escaped, breaks = _slow_breaks(text, offset, width, start, inner)
    return chunks(escaped, breaks), breaks


def _slow_breaks(text: str, offset: int, width: int, start: int,
                 inner: set[int]) -> tuple[str, list[int]]:
    """The escaped portion and its breaks by :func:`_width_breaks`, one character at a time."""
    chars: list[str] = []
    overrides: list[int | None] = []
    for i, char in enumerate(text):
        piece = ESCAPE_OUT.get(char, char)
        chars.extend(piece)
        overrides.append(_PROHIBITED if offset + i in inner else None)
        overrides.extend([_PROHIBITED] * (len(piece) - 1))
    if text.endswith("\n"):
        overrides[-2] = _PROHIBITED  # never break just before the final "\n"
    escaped = "".join(chars)
    return escaped, _width_breaks(escaped, width, start, overrides)


def break_opportunities(text: str) -> list[int]:
    """The offsets of ``text`` where UAX #14 (as libunistring applies it) allows a line
    break before the character: never before closing punctuation (。、」）！？), small kana
    or a prolonged sound mark, never after an opening bracket. Also used by the text
    renderer to wrap Han and Kana, which have no spaces."""
    return [i for i, rule in enumerate(_possible_breaks(text)) if rule == _POSSIBLE]
