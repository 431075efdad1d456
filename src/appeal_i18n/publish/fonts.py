"""Fonts: which face sets each script, where it comes from, and the CSS that asks for it.

One table, :data:`FAMILIES`, says which family sets which scripts. The project ships the
OFL Noto families it sets text in (``appeal_i18n/fonts/``: TrueType for the PDF, WOFF2
subsets for the web, the licence beside them), copied from Debian's ``fonts-noto-core`` by
``make fonts``. Han and Kana fonts are too big to ship: they come from the system's
``fonts-noto-cjk``. A page whose text needs a script no family here covers is not built
(:func:`check_coverage`): nothing falls back silently to whatever the machine has.

The families get names of their own (``appeal Noto Serif``...), so that fontconfig can
never substitute an installed font of the same name in the PDF: the same inputs give the
same PDF on any machine with the same packages.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from appeal_i18n.errors import BuildError

#: The shipped fonts and their licence.
FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
#: Where Debian's ``fonts-noto-core`` and ``fonts-noto-cjk`` put their files.
SYSTEM_NOTO = Path("/usr/share/fonts/truetype/noto")
SYSTEM_CJK = Path("/usr/share/fonts/opentype/noto")


@dataclass(frozen=True, slots=True)
class Face:
    """One font file of a family."""

    file: str
    """File name: under :data:`FONTS_DIR` when shipped, else an absolute path."""
    weight: int
    """CSS font-weight."""
    style: str
    """``normal`` or ``italic``."""


@dataclass(frozen=True, slots=True)
class Family:
    """A font family and the scripts it sets."""

    name: str
    """The CSS family name the pages ask for."""
    scripts: tuple[str, ...]
    """The scripts (Unicode script names) it is used for."""
    faces: tuple[Face, ...]
    """Its files."""
    italic: bool
    """True when it has true italics; emphasis in the others is set in bold."""
    shipped: bool
    """True when the project ships it; else it comes from the system's packages."""
    languages: tuple[str, ...] = ()
    """When set, the only languages (gettext codes, or their base) that use it."""
    package: str = ""
    """The Debian package that installs a system family."""
    size_adjust: int = 100
    """Percent to scale its glyphs by on the web, so that it looks as big as the Latin
    beside it (Naskh is drawn small for its size)."""


def _faces(stem: str, *, italic: bool) -> tuple[Face, ...]:
    faces: tuple[Face, ...] = (Face(f"{stem}-Regular.ttf", 400, "normal"),
                               Face(f"{stem}-Bold.ttf", 700, "normal"))
    if italic:
        faces += (Face(f"{stem}-Italic.ttf", 400, "italic"),
                  Face(f"{stem}-BoldItalic.ttf", 700, "italic"))
    return faces


def _cjk(name: str, languages: tuple[str, ...], scripts: tuple[str, ...]) -> Family:
    faces = (Face(str(SYSTEM_CJK / "NotoSerifCJK-Regular.ttc"), 400, "normal"),
             Face(str(SYSTEM_CJK / "NotoSerifCJK-Bold.ttc"), 700, "normal"))
    return Family(name, scripts, faces, italic=False, shipped=False, languages=languages,
                  package="fonts-noto-cjk")


#: Every family, in the order of the pages' font stacks (after the page's own script's).
FAMILIES: tuple[Family, ...] = (
    Family("appeal Noto Serif", ("Latin", "Cyrillic", "Greek"),
           _faces("NotoSerif", italic=True), italic=True, shipped=True),
    Family("appeal Noto Naskh Arabic", ("Arabic",), _faces("NotoNaskhArabic", italic=False),
           italic=False, shipped=True, size_adjust=120),
    Family("appeal Noto Serif Hebrew", ("Hebrew",), _faces("NotoSerifHebrew", italic=False),
           italic=False, shipped=True),
    Family("appeal Noto Serif Georgian", ("Georgian",), _faces("NotoSerifGeorgian", italic=False),
           italic=False, shipped=True),
    _cjk("Noto Serif CJK JP", ("ja",), ("Han", "Kana")),
    _cjk("Noto Serif CJK TC", ("zh_Hant", "zh_TW", "zh_HK"), ("Han",)),
    _cjk("Noto Serif CJK SC", (), ("Han",)),
)

#: Code point ranges of each script the table knows, to name what a text needs.
SCRIPT_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "Latin": ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF)),
    "Greek": ((0x370, 0x3FF), (0x1F00, 0x1FFF)),
    "Cyrillic": ((0x400, 0x52F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)),
    "Hebrew": ((0x590, 0x5FF), (0xFB1D, 0xFB4F)),
    "Arabic": ((0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF), (0xFB50, 0xFDFF),
               (0xFE70, 0xFEFF)),
    "Georgian": ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F)),
    "Kana": ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F)),
    "Han": ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
            (0xF900, 0xFAFF), (0xFF00, 0xFF65), (0x20000, 0x3134F)),
}
#: What the WOFF2 subset of a family keeps (the TrueType files stay whole for the PDF).
WEB_SUBSET: dict[str, str] = {
    "appeal Noto Serif": "U+0000-052F,U+1C80-1C8F,U+1E00-1FFF,U+2000-20CF,U+2100-2122,"
                         "U+2190-2199,U+2DE0-2DFF,U+A640-A69F,U+FB00-FB06,U+FEFF,U+FFFD",
}


#: ISO 15924 codes (as CLDR's likely subtags give them) of the scripts the table names.
ISO_SCRIPTS = {"Latn": "Latin", "Cyrl": "Cyrillic", "Grek": "Greek", "Arab": "Arabic",
               "Hebr": "Hebrew", "Geor": "Georgian", "Jpan": "Han", "Hans": "Han",
               "Hant": "Han", "Hani": "Han", "Kana": "Kana", "Hira": "Kana"}


@cache
def cldr_script(lang: str) -> str | None:
    """The script a language is written in: its code's script subtag (``sr_Latn``), else
    CLDR's likely one; None when CLDR does not know the language."""
    from babel.core import get_global

    code = lang.partition("@")[0]
    parts = code.split("_")
    iso = next((p for p in parts[1:] if len(p) == 4), None)
    if iso is None:
        likely = get_global("likely_subtags")
        found = likely.get(code) or likely.get(parts[0])
        iso = next((p for p in str(found).split("_")[1:] if len(p) == 4), None) \
            if found else None
    return ISO_SCRIPTS.get(iso, iso) if iso else None


def language_script(lang: str, texts: Iterable[str]) -> str:
    """The main script of a language's pages: CLDR's, else the one most of ``texts`` is in."""
    return cldr_script(lang) or main_script(texts)


def script_of(char: str) -> str:
    """The script of a character, as the table names it (``Common`` for the rest)."""
    point = ord(char)
    for script, ranges in SCRIPT_RANGES.items():
        if any(low <= point <= high for low, high in ranges):
            return script
    if unicodedata.category(char).startswith("L"):
        # A letter of a script the table does not know: name it as Unicode does.
        return unicodedata.name(char, "UNKNOWN").split()[0].title()
    return "Common"


def main_script(texts: Iterable[str]) -> str:
    """The script most letters of ``texts`` are in (``Latin`` when there is none)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(script_of(c) for c in text if c.isalpha())
    return counts.most_common(1)[0][0] if counts else "Latin"


def _applies(family: Family, lang: str) -> bool:
    if not family.languages:
        return True
    return any(lang == code or lang.partition("_")[0] == code for code in family.languages)


def families_for(lang: str, script: str) -> list[Family]:
    """The font stack of a language whose main script is ``script``: its own family first.

    Of the families restricted to some languages, only the first that fits is kept.
    """
    stack: list[Family] = []
    seen: set[str] = set()
    for family in FAMILIES:
        if not _applies(family, lang) and family.languages:
            continue
        kinds = family.scripts
        if any(s in seen for s in kinds) and not family.shipped:
            continue  # another variant of the same (CJK) scripts already fits
        seen.update(kinds)
        stack.append(family)
    stack.sort(key=lambda f: script not in f.scripts)
    return stack


def face_path(family: Family, face: Face) -> Path:
    """Where a face's file is on this machine."""
    return FONTS_DIR / face.file if family.shipped else Path(face.file)


@cache
def _cmap(path: str) -> frozenset[int]:
    """The code points a font file has glyphs for (empty when the file is not there)."""
    from fontTools.ttLib import TTFont

    if not Path(path).is_file():
        return frozenset()
    font = TTFont(path, lazy=True, fontNumber=0)
    try:
        return frozenset(font.getBestCmap() or ())
    finally:
        font.close()


def preload(langs: Iterable[str]) -> None:
    """Read the glyph table of each language's own font, as :func:`check_coverage` will
    (cached): ``all`` does it while its workers update the catalogs."""
    for lang in langs:
        script = cldr_script(lang)
        if script is None:
            continue  # the script of the pages' text: known once they are
        own = families_for(lang, script)[0]
        if script in own.scripts:
            with contextlib.suppress(Exception):  # check_coverage meets it again, and says so
                _cmap(str(face_path(own, own.faces[0])))


def check_coverage(lang: str, texts: Iterable[str]) -> None:
    """Refuse a language whose text needs a script no shipped or installed font covers.

    Raises :class:`~appeal_i18n.errors.BuildError` naming the language and the script
    (and the package that would provide it, when the table knows one).
    """
    texts = list(texts)
    needed = {ord(c) for c in set().union(*texts)
              if not c.isspace() and unicodedata.category(c)[0] not in "CZ"}
    if not needed:
        return
    stack = families_for(lang, language_script(lang, texts))
    missing = set(needed)
    for family in stack:
        if not missing:
            return
        missing -= _cmap(str(face_path(family, family.faces[0])))
    if not missing:
        return
    char = chr(min(missing))
    script = script_of(char)
    hint = next((f" (install {f.package})" for f in FAMILIES
                 if script in f.scripts and f.package and _applies(f, lang)), "")
    raise BuildError(f"{lang}: no shipped or installed font covers the {script} script "
                     f"(U+{ord(char):04X} {unicodedata.name(char, '?')}){hint}")


def _stack(families: Iterable[Family], generic: str) -> str:
    names = [f'"{family.name}"' for family in families]
    return ",".join([*names, generic]) if generic else ",".join(names)


def stylesheet(scripts: Mapping[str, str], *, web: bool, base: str = "") -> str:
    """The fonts' CSS: ``@font-face`` rules and a family stack per language.

    ``scripts``: each language's (gettext code) main script. ``web``: WOFF2 files under
    ``{base}fonts/`` for the HTML (with a generic family last, for a reader's machine);
    else the TrueType files by ``file:`` URL for the PDF, nothing generic.
    """
    from appeal_i18n import locales

    rules: list[str] = []
    for family in FAMILIES:
        if not family.shipped:
            continue
        for face in family.faces:
            if web:
                src = f'url("{base}fonts/{Path(face.file).stem}.woff2") format("woff2")'
                if family.size_adjust != 100:
                    src += f";size-adjust:{family.size_adjust}%"
            else:
                src = f'url("{(FONTS_DIR / face.file).as_uri()}") format("truetype")'
            rules.append(f'@font-face{{font-family:"{family.name}";src:{src};'
                         f"font-weight:{face.weight};font-style:{face.style};"
                         "font-display:swap}")
    generic = "serif" if web else ""
    rules.append(f"html{{font-family:{_stack(families_for('en', 'Latin'), generic)}}}")
    for lang in sorted(scripts):
        script = scripts[lang]
        stack = families_for(lang, script)
        tag = locales.bcp47(lang)
        if stack[0].scripts[0] != "Latin":
            rules.append(f":lang({tag}){{font-family:{_stack(stack, generic)}}}")
        if not stack[0].italic:
            # No italics in this script: emphasis is set in bold, never slanted.
            rules.append(f":lang({tag}) em,:lang({tag}) i{{font-style:normal;"
                         "font-weight:bold}")
    return "\n".join(rules) + "\n"


def shipped_files() -> list[Path]:
    """The shipped font files the HTML needs (WOFF2) and their licence, sorted."""
    return sorted([*FONTS_DIR.glob("*.woff2"), FONTS_DIR / "OFL.txt"])


def _make() -> None:  # pragma: no cover - run by `make fonts`, output committed
    """Copy the shipped families from Debian's fonts-noto-core; write their WOFF2 subsets."""
    import shutil

    from fontTools import subset

    FONTS_DIR.mkdir(exist_ok=True)
    for family in FAMILIES:
        if not family.shipped:
            continue
        for face in family.faces:
            target = FONTS_DIR / face.file
            shutil.copyfile(SYSTEM_NOTO / face.file, target)
            options = subset.Options()
            options.flavor = "woff2"
            options.layout_features = ["*"]
            options.name_IDs = ["*"]
            options.notdef_outline = True
            font = subset.load_font(str(target), options)
            subsetter = subset.Subsetter(options)
            ranges = WEB_SUBSET.get(family.name)
            if ranges:
                subsetter.populate(unicodes=subset.parse_unicodes(ranges))
            else:
                subsetter.populate(unicodes=font.getBestCmap().keys())
            subsetter.subset(font)
            subset.save_font(font, str(target.with_suffix(".woff2")), options)
    copyright_file = Path("/usr/share/doc/fonts-noto-core/copyright").read_text()
    start = copyright_file.index("License: OFL-1.1\n PREAMBLE") + len("License: OFL-1.1\n")
    license_text = copyright_file[start:].split("\nLicense:", 1)[0]
    body = "\n".join("" if line == " ." else line[1:] for line in license_text.splitlines())
    (FONTS_DIR / "OFL.txt").write_text(
        "Noto fonts (Noto Serif, Noto Naskh Arabic, Noto Serif Hebrew, Noto Serif Georgian),\n"
        "copied from Debian's fonts-noto-core; the .woff2 files are subsets of the .ttf.\n"
        "Copyright 2010, 2012-2020 Google Inc.; 2015-2020 Google LLC.\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n\n"
        + body.rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    _make()
