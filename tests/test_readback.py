"""polib, babel and Weblate's reader read back every PO/POT file appeal-i18n writes.

Translators' and coordinators' own scripts read our catalogs with ``polib.pofile`` and with
``babel.messages.pofile.read_po``; Weblate (and Virtaal, Pootle) read them with
translate-toolkit's ``translate.storage.pypo``. For every file the commands write
(``extract``, ``init``, ``update`` with fuzzy and obsolete entries, ``fmt`` on the project's
and on real-world catalogs), for the catalogs shipped in ``locales/`` and for generated
catalogs written by :func:`format_po`, each library must see the entries our strict reader
sees: the same msgctxt, msgid, msgid_plural, msgstr/msgstr[n], flags, ``#|`` previous
strings, comments, references and obsolete entries, and the same header.

Each library is read into one common shape (:class:`View`) by one small function
(:func:`ours`, :func:`from_polib`, :func:`from_babel`, :func:`from_weblate`). What a library
cannot represent is taken out of our side by :func:`for_polib` / :func:`for_babel` /
:func:`for_weblate`, one named line per library limitation; ``test_*_quirk_*`` at the end
reproduce each limitation on a minimal hand-written file, so that none of them is our
output's fault (and so that a library fixing one shows).
"""

from __future__ import annotations

import codecs
import io
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path
from typing import Any

import polib
import pytest
from babel.messages.pofile import PoFileError
from babel.messages.pofile import read_po as babel_read_po
from babel.messages.pofile import unescape as babel_unescape
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from translate.storage import pypo

from appeal_i18n.cli import main
from appeal_i18n.merge import plural_count
from appeal_i18n.model import Catalog, Entry
from appeal_i18n.pofile import canonical_flags, format_po, read_po
from tests.conftest import REPO, SHARED, copy_project

REAL_DIR = SHARED / "real-po"
REAL = ([*sorted(REAL_DIR.glob("*.po")), *sorted((REAL_DIR / "failing").glob("*.po"))]
        if REAL_DIR.is_dir() else [])
SHIPPED = [*sorted((REPO / "locales").glob("*.pot")),
           *sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po"))]

#: Flags babel's ``Message.__init__`` recomputes from the msgid (added when the msgid looks
#: like a Python format string, removed when it does not): babel never reports the file's.
BABEL_INFERRED_FLAGS = frozenset({"python-format", "python-brace-format"})


# -- one common shape --------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """One entry as a library exposes it."""

    obsolete: bool
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None
    msgstr: tuple[str, ...]
    """``(msgstr,)``, or the plural forms in order."""
    flags: tuple[str, ...]
    previous: tuple[str | None, str | None, str | None]
    """``#| msgctxt``, ``#| msgid``, ``#| msgid_plural``."""
    translator_comments: str
    """``#`` lines joined with newlines (polib's ``tcomment``)."""
    extracted_comments: str
    """``#.`` lines joined with newlines (polib's ``comment``)."""
    references: tuple[str, ...]
    """``file:line`` (or ``file``) in order."""


@dataclass(frozen=True)
class Header:
    """The header entry: its comment, its flags and its ``Name: value`` fields."""

    comment: str
    flags: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]


def ours(entry: Entry) -> View:
    """An entry as our strict reader sees it."""
    return View(
        obsolete=entry.obsolete, msgctxt=entry.msgctxt, msgid=entry.msgid,
        msgid_plural=entry.msgid_plural,
        msgstr=(tuple(entry.msgstr_plural) if entry.msgid_plural is not None
                else (entry.msgstr,)),
        flags=tuple(entry.flags),
        previous=(entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural),
        translator_comments="\n".join(entry.translator_comments),
        extracted_comments="\n".join(entry.extracted_comments),
        references=tuple(entry.references),
    )


def our_header(catalog: Catalog) -> Header | None:
    head = catalog.header
    if head is None:
        return None
    return Header("\n".join(head.translator_comments), tuple(head.flags),
                  tuple(catalog.header_fields()))


def from_polib(entry: polib.POEntry) -> View:
    """An entry as ``polib.pofile`` sees it."""
    # polib's msgid_plural is "" when absent: an entry is plural when it has msgstr[n].
    forms = entry.msgstr_plural
    return View(
        obsolete=bool(entry.obsolete), msgctxt=entry.msgctxt, msgid=entry.msgid,
        msgid_plural=entry.msgid_plural if forms else None,
        msgstr=(tuple(forms[i] for i in sorted(forms)) if forms else (entry.msgstr,)),
        flags=tuple(entry.flags),
        previous=(entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural),
        translator_comments=entry.tcomment, extracted_comments=entry.comment,
        references=tuple(f"{name}:{line}" if line else name
                         for name, line in entry.occurrences),
    )


def polib_header(po: polib.POFile) -> Header | None:
    # polib takes the header entry out of the list: its comment is ``po.header``, its
    # flags ``po.metadata_is_fuzzy`` (a list, despite the name), its fields ``po.metadata``.
    if not po.metadata and not po.header and not po.metadata_is_fuzzy:
        return None
    return Header(po.header, tuple(po.metadata_is_fuzzy or ()),
                  tuple((name.strip(), value) for name, value in po.metadata.items()))


def for_polib(view: View) -> View:
    """What polib can represent of one of our entries."""
    if view.obsolete:
        # polib skips every "#~|" line (polib.py: `if tokens[0] == '#~|': continue`): an
        # obsolete entry's previous strings are lost.
        view = replace(view, previous=(None, None, None))
    # polib skips an empty "#." line (`if nb_tokens <= 1: continue`) and strips every line.
    extracted = "\n".join(c.strip() for c in view.extracted_comments.split("\n") if c.strip())
    return replace(view, extracted_comments=extracted,
                   translator_comments=_rstrip_lines(view.translator_comments))


def _rstrip_lines(text: str) -> str:
    """polib and babel strip each line they read: trailing blanks of a comment are lost."""
    return "\n".join(line.rstrip() for line in text.split("\n"))


def from_babel(message: Any, *, obsolete: bool) -> View:
    """A babel ``Message`` as ``read_po`` builds it.

    babel's reader does not parse ``#|`` lines: it keeps them as user comments, verbatim
    after the ``#`` (``"| msgid \\"...\\""``). The previous strings are decoded from
    there with babel's own ``unescape``; the other user comments are the translator comments.
    """
    translator = [c for c in message.user_comments if not c.startswith("| ")]
    previous = _decode_previous(c for c in message.user_comments if c.startswith("| "))
    if isinstance(message.id, tuple):
        msgid, plural = message.id
        msgstr = tuple(message.string)
    else:
        msgid, plural, msgstr = message.id, None, (message.string,)
    return View(
        obsolete=obsolete, msgctxt=message.context, msgid=msgid, msgid_plural=plural,
        msgstr=msgstr, flags=tuple(sorted(message.flags - BABEL_INFERRED_FLAGS)),
        previous=(previous.get("msgctxt"), previous.get("msgid"), previous.get("msgid_plural")),
        translator_comments="\n".join(translator),
        extracted_comments="\n".join(message.auto_comments),
        references=tuple(f"{name}:{line}" if line is not None else name
                         for name, line in message.locations),
    )


def for_babel(entry: Entry) -> View:
    """What babel can represent of one of our entries."""
    view = ours(entry)
    if entry.obsolete:
        # babel's reader has no "#~|" line: it is "Unknown or misformatted keyword" (an
        # error with abort_invalid=True). read_with_babel() checks that and reads the rest.
        view = replace(view, previous=(None, None, None))
    else:
        view = replace(view, previous=_babel_previous(entry, view.previous))
    # Message.__init__ keeps the flags in a set and recomputes the Python format flags.
    flags = tuple(sorted(set(view.flags) - BABEL_INFERRED_FLAGS))
    # The parser strips every comment line and drops empty "#." lines; Message collapses
    # consecutive repeats of a comment (itertools.groupby) and keeps the first of two
    # identical references (dict.fromkeys).
    translator = _collapse(c.strip() for c in entry.translator_comments)
    extracted = _collapse(c.strip() for c in entry.extracted_comments if c.strip())
    return replace(view, flags=flags, translator_comments="\n".join(translator),
                   extracted_comments="\n".join(extracted),
                   references=tuple(dict.fromkeys(view.references)))


def _collapse(lines: Iterable[str]) -> list[str]:
    return [line for line, _ in groupby(lines)]


def _babel_previous(entry: Entry, previous: tuple[str | None, str | None, str | None],
                    ) -> tuple[str | None, str | None, str | None]:
    """Our previous strings, unless babel collapsed two identical "#|" lines of the entry
    (its user comments are collapsed like the others): then what is left of them."""
    if previous == (None, None, None):
        return previous
    lines = [line[1:].strip() for line in format_po(Catalog(entries=[entry])).decode()
             .splitlines() if line.startswith("#| ")]
    if len(_collapse(lines)) == len(lines):
        return previous
    decoded = _decode_previous(_collapse(lines))
    return (decoded.get("msgctxt"), decoded.get("msgid"), decoded.get("msgid_plural"))


def _decode_previous(comments: Iterable[str]) -> dict[str, str]:
    """``#|`` lines as babel keeps them (``| msgid "..."``), decoded with babel's unescape."""
    previous: dict[str, str] = {}
    current: str | None = None
    for comment in comments:
        rest = comment[1:].lstrip()
        if rest.startswith('"'):
            assert current is not None, comment
            previous[current] += babel_unescape(rest)
        else:
            current, _, quoted = rest.partition(" ")
            previous[current] = babel_unescape(quoted.strip())
    return previous


def _lines(comments: list[str], mark: str) -> list[str]:
    """translate-toolkit keeps comment lines as they are written (``"#. text\\n"``): the
    text after ``mark`` and one space, as GNU reads it."""
    out = []
    for line in comments:
        body = line.rstrip("\n").removeprefix(mark)
        out.append(body[1:] if body[:1] == " " else body)
    return out


def _weblate_text(quoted: list[str]) -> str | None:
    """A field translate-toolkit keeps as its quoted lines (None when absent)."""
    return pypo.unquotefrompo(quoted) if quoted else None


def from_weblate(unit: Any) -> View:
    """A unit as translate-toolkit's ``pypo`` (Weblate's PO reader) sees it."""
    # (pypo's hasplural() is False when the whole msgid_plural starts with "_:".)
    plural = bool(unit.msgid_plural or unit.msgid_pluralcomments)
    return View(
        obsolete=unit.isobsolete(), msgctxt=_weblate_text(unit.msgctxt),
        # A msgid that starts with "_:" is kept apart as a KDE context comment:
        # test_weblate_quirk_kde_context; the file's text is both parts.
        msgid=pypo.unquotefrompo(unit.msgidcomments + unit.msgid),
        msgid_plural=(pypo.unquotefrompo(unit.msgid_pluralcomments + unit.msgid_plural)
                      if plural else None),
        msgstr=(tuple(pypo.unquotefrompo(unit.msgstr[i]) for i in sorted(unit.msgstr))
                if plural else (pypo.unquotefrompo(unit.msgstr),)),
        flags=tuple(flag.strip() for line in _lines(unit.typecomments, "#,")
                    for flag in line.split(",") if flag.strip()),
        previous=(_weblate_text(unit.prev_msgctxt), _weblate_text(unit.prev_msgid),
                  _weblate_text(unit.prev_msgid_plural)),
        translator_comments="\n".join(_lines(unit.othercomments, "#")),
        extracted_comments="\n".join(_lines(unit.automaticcomments, "#.")),
        references=tuple(unit.getlocations()),
    )


def for_weblate(view: View) -> View:
    """What translate-toolkit can represent of one of our entries."""
    if view.obsolete:
        # pypo drops the "#." and "#:" lines of an obsolete entry (GNU keeps them).
        view = replace(view, extracted_comments="", references=())
    return view


def check_weblate(path: Path) -> None:
    """translate-toolkit reads ``path`` with the entries and header our reader sees."""
    catalog = read_ours(path)
    if codecs.lookup(catalog.charset).name not in ("utf-8", "ascii"):
        return  # not decoded by its header there: test_weblate_quirk_legacy_charset
    store = pypo.pofile.parsefile(str(path))
    units = [u for u in store.units if not u.isheader()]
    assert [from_weblate(u) for u in units] == [
        for_weblate(ours(e)) for e in catalog.entries if not e.is_header]
    head = catalog.header
    if head is not None:
        parsed = store.parseheader()
        assert list(parsed.items()) == [(k.strip(), v) for k, v in catalog.header_fields()]


# -- reading a file three ways -----------------------------------------------------------


def read_ours(path: Path) -> Catalog:
    return read_po(path, check=False)


def read_with_babel(path: Path, charset: str) -> Any:
    """babel's catalog of ``path``, with ``abort_invalid=True``.

    babel cannot read a "#~|" line (a previous string of an obsolete entry, which GNU
    msgmerge and our ``update`` keep): when the file has one, the strict read must fail on
    exactly that line, and the file is then read with those lines left out.
    """
    data = path.read_bytes()
    lines = data.splitlines(keepends=True)
    tilde_bar = [i for i, line in enumerate(lines) if line.startswith(b"#~|")]
    if tilde_bar:
        with pytest.raises(PoFileError, match="Unknown or misformatted keyword") as info:
            babel_read_po(io.BytesIO(data), charset=charset, abort_invalid=True)
        assert info.value.lineno == tilde_bar[0]
        data = b"".join(line for line in lines if not line.startswith(b"#~|"))
    # babel decodes the lines before the header as UTF-8 whatever the header says (see
    # test_babel_quirk_charset), so the charset our reader found is passed in.
    return babel_read_po(io.BytesIO(data), charset=charset, abort_invalid=True)


def babel_entries(catalog: Any) -> list[View]:
    active = [from_babel(m, obsolete=False) for m in catalog if m.id != ""]
    return active + [from_babel(m, obsolete=True) for m in catalog.obsolete.values()]


def babel_header_of_ours(catalog: Catalog) -> dict[str, Any]:
    """The header facts babel exposes, computed from our reading of the header."""
    head = catalog.header
    if head is None:
        return {}
    facts: dict[str, Any] = {
        "fuzzy": head.fuzzy,
        # The parser strips the comment lines and the Catalog writes them back as "# text".
        "comment": "\n".join(f"# {c}".rstrip()
                              for c in _collapse(c.strip() for c in head.translator_comments)),
        "charset": catalog.charset.lower(),
    }
    value = catalog.header_field
    if (language := value("Language")):
        facts["locale"] = language.replace("-", "_")
    for name, attribute in (("Last-Translator", "last_translator"),
                            ("Language-Team", "language_team"),
                            ("Report-Msgid-Bugs-To", "msgid_bugs_address")):
        if value(name) is not None:
            facts[attribute] = value(name)
    if (project := value("Project-Id-Version")) is not None:
        facts["project"] = project
    if (forms := value("Plural-Forms")) is not None and "nplurals" in forms:
        facts["num_plurals"] = plural_count(head.msgstr)
        expression = re.search(r"plural\s*=\s*(.*?);?\s*$", forms)
        if expression:
            facts["plural_expr"] = expression.group(1)
    for name, attribute in (("POT-Creation-Date", "creation_date"),
                            ("PO-Revision-Date", "revision_date")):
        date = value(name)
        if date and "YEAR" not in date:
            facts[attribute] = date
    return facts


def babel_header(catalog: Any, like: dict[str, Any]) -> dict[str, Any]:
    """The same facts from babel's catalog (only those ``like`` has)."""
    facts: dict[str, Any] = {
        "fuzzy": catalog.fuzzy,
        # The public header_comment fills in PROJECT, VERSION, YEAR and ORGANIZATION
        # placeholders (Catalog._get_header_comment); the comment as read is kept here.
        "comment": catalog._header_comment,
        "charset": catalog.charset,
        "locale": catalog.locale_identifier,
        "last_translator": catalog.last_translator,
        "language_team": catalog.language_team,
        "msgid_bugs_address": catalog.msgid_bugs_address,
        "project": " ".join(p for p in (catalog.project, catalog.version) if p),
        "num_plurals": catalog.num_plurals,
        "plural_expr": catalog.plural_expr,
        "creation_date": catalog.creation_date.strftime("%Y-%m-%d %H:%M%z"),
        "revision_date": (catalog.revision_date.strftime("%Y-%m-%d %H:%M%z")
                          if hasattr(catalog.revision_date, "strftime") else None),
    }
    return {key: facts[key] for key in like}


def check_polib(path: Path) -> None:
    """polib reads ``path`` with the entries and header our reader sees."""
    catalog = read_ours(path)
    po = polib.pofile(str(path))
    assert po.encoding.lower() == catalog.charset.lower()
    assert polib_header(po) == our_header(catalog)
    expected = [for_polib(ours(e)) for e in catalog.entries if not e.is_header]
    assert [from_polib(e) for e in po] == expected


def check_babel(path: Path) -> None:
    """babel reads ``path`` with the entries and header our reader sees."""
    catalog = read_ours(path)
    babel = read_with_babel(path, catalog.charset)
    like = babel_header_of_ours(catalog)
    assert babel_header(babel, like) == like
    expected = [for_babel(e) for e in catalog.messages]
    expected += [for_babel(e) for e in catalog.obsolete]
    assert babel_entries(babel) == expected


LIBRARIES = {"polib": check_polib, "babel": check_babel, "weblate": check_weblate}


# -- the files the commands write ---------------------------------------------------------


def run(project: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, [args[0], "-C", str(project), *args[1:]])
    assert result.exit_code == 0, (args, result.output)
    return result


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _files(project: Path) -> list[Path]:
    locales = project / "locales"
    return [*sorted(locales.glob("*.pot")), *sorted(locales.glob("*/LC_MESSAGES/*.po"))]


STAGES = ("extract", "init", "update", "update-edit", "update-remove-fuzzy", "fmt")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The files each stage wrote, copied aside after the stage: ``{stage: [paths]}``.

    The stages run in order on one copy of the project, as an editor and a coordinator
    would: extract; init two new languages; update; edit, duplicate (msgctxt) and delete
    passages and update (fuzzy entries with ``#| msgid``, obsolete ones); delete a passage
    that was fuzzy and revive a deleted one (``#~| msgid``, an obsolete entry made active
    again); rewrite the catalogs with polib's own writer and ``fmt`` them back.
    """
    root = tmp_path_factory.mktemp("readback")
    project = copy_project(root / "project")
    letter = project / "source" / "letter.md"
    stages: dict[str, list[Path]] = {}

    def keep(stage: str, paths: list[Path]) -> None:
        assert paths
        kept = []
        for path in paths:
            target = root / stage / path.relative_to(project)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
            kept.append(target)
        stages[stage] = kept

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1755165600")
        run(project, "extract")
        keep("extract", [project / "locales" / "letter.pot"])

        run(project, "init", "pt_BR")
        run(project, "init", "ga")  # five plural forms
        keep("init", [project / "locales" / lang / "LC_MESSAGES" / "letter.po"
                      for lang in ("pt_BR", "ga")])

        run(project, "update")
        keep("update", _files(project))

        _edit(letter, "Free people first.", "Free the people first.")
        _edit(letter, "Respectfully,\n", "Respectfully yours,\n")
        _edit(letter, "- older detainees with health conditions\n", "")
        letter.write_text(letter.read_text(encoding="utf-8") + "\nFree the people first.\n",
                          encoding="utf-8")
        run(project, "extract")
        run(project, "update")
        keep("update-edit", _files(project))

        _edit(letter, "Respectfully yours,\n", "")
        _edit(letter, "- civilians imprisoned", "- older detainees with health conditions\n"
                                              "- civilians imprisoned")
        run(project, "extract")
        run(project, "update")
        keep("update-remove-fuzzy", _files(project))

        for path in _files(project):
            po = polib.pofile(str(path), wrapwidth=60)
            po.save(str(path))
        result = CliRunner().invoke(main, ["fmt", "-C", str(project), "--check"])
        assert result.exit_code == 1, result.output
        run(project, "fmt")
        assert CliRunner().invoke(main, ["fmt", "-C", str(project), "--check"]).exit_code == 0
        keep("fmt", _files(project))
    return stages


def test_stages_have_what_they_should(written: dict[str, list[Path]]) -> None:
    """The stages produce what the readback tests are meant to cover."""
    text = {stage: "\n".join(p.read_text(encoding="utf-8") for p in paths)
            for stage, paths in written.items()}
    assert '#| msgid "Free people first."' in text["update-edit"]
    assert 'msgctxt "repeated passage, occurrence 2"' in text["update-edit"]
    assert '#~ msgid "older detainees with health conditions"' in text["update-edit"]
    assert '#~| msgid "Respectfully,"' in text["update-remove-fuzzy"]
    assert '#~ msgid "Respectfully yours,"' in text["update-remove-fuzzy"]
    assert '#~ msgid "older detainees' not in text["update-remove-fuzzy"]
    assert "nplurals=5" in text["init"]


@pytest.mark.parametrize("library", LIBRARIES)
@pytest.mark.parametrize("stage", STAGES)
def test_command_output_reads_back(written: dict[str, list[Path]], stage: str,
                                   library: str) -> None:
    for path in written[stage]:
        try:
            LIBRARIES[library](path)
        except AssertionError as exc:
            raise AssertionError(f"{path.relative_to(path.parents[3])}: {exc}") from exc


@pytest.mark.skipif(not REAL, reason="shared/testdata/real-po absent")
@pytest.mark.parametrize("library", LIBRARIES)
@pytest.mark.parametrize("source", REAL, ids=[p.relative_to(REAL_DIR).as_posix() for p in REAL])
def test_fmt_of_real_catalogs_reads_back(source: Path, library: str, tmp_path: Path) -> None:
    # fmt rewrites in place: a copy in tmp_path (outside any project) is formatted.
    project = tmp_path / "project"
    project.mkdir()
    target = tmp_path / source.name
    shutil.copy(source, target)
    target.chmod(0o644)
    run(project, "fmt", str(target))
    assert CliRunner().invoke(main, ["fmt", "-C", str(project), "--check",
                                     str(target)]).exit_code == 0
    LIBRARIES[library](target)


@pytest.mark.parametrize("library", LIBRARIES)
@pytest.mark.parametrize("path", SHIPPED, ids=[p.relative_to(REPO).as_posix() for p in SHIPPED])
def test_shipped_catalogs_read_back(path: Path, library: str) -> None:
    LIBRARIES[library](path)


# -- generated catalogs -------------------------------------------------------------------

_CHARS = st.sampled_from([
    *"abcdefXYZ0129 ,.;:!?-'()[]{}%*_#|~<>/", '"', "\\", "\n", "\t",
    *"привітДЖїЄ«»—…’", *"مرحبا", *"你好世界。", "é", "ß", "€", "😀",
    "supercalifragilisticexpialidocious", "https://people1st.online/a?b=c", "%s", "{name}",
])
TEXT = st.lists(_CHARS, max_size=40).map("".join)
NONEMPTY = st.lists(_CHARS, min_size=1, max_size=40).map("".join)
WORDS = st.lists(st.sampled_from([*"abcxyz019,.:;!?-()%", *"жїє", "é", "你", "word", "😀"]),
                 min_size=1, max_size=12).map("".join)
#: Comment lines: no newline, no blank at either end (both libraries strip comment lines; see
#: for_polib/for_babel), a translator comment never starts with "|" (babel keeps "#|"
#: lines as user comments too, stripped of "#": "# |x" and "#|x" would read the same).
_COMMENT_CHARS = [*"abc Xy,.:;!?-|~#", *"жє", "你", "é"]
COMMENT = st.builds(lambda first, rest: (first + "".join(rest)).rstrip(),
                    st.sampled_from([c for c in _COMMENT_CHARS if c not in " |"]),
                    st.lists(st.sampled_from(_COMMENT_CHARS), max_size=30))
REFERENCE = st.builds(lambda name, line: f"{name}:{line}",
                      st.sampled_from(["source/letter.md", "src/a.py", "données/é.txt"]),
                      st.integers(1, 9999))
FLAGS = st.lists(st.sampled_from(["fuzzy", "c-format", "python-format", "no-c-format",
                                  "python-brace-format", "no-wrap"]), unique=True)
PLURAL_FORMS = [
    ("nplurals=1; plural=0;", 1),
    ("nplurals=2; plural=(n != 1);", 2),
    ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
     "(n%100<10 || n%100>=20) ? 1 : 2);", 3),
    ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
     ": n%100>=11 ? 4 : 5);", 6),
]


@st.composite
def entries(draw: st.DrawFn, nplurals: int) -> Entry:
    obsolete = draw(st.booleans())
    plural = draw(st.one_of(st.none(), TEXT))
    if plural is None:
        msgstr, forms = draw(TEXT), []
    else:
        msgstr, forms = "", draw(st.lists(TEXT, min_size=nplurals, max_size=nplurals))
    if obsolete:  # GNU (and format_po) drop an obsolete entry without a translation
        first = draw(WORDS)
        if plural is None:
            msgstr = first
        else:
            forms[0] = first
    previous = draw(st.one_of(
        st.just((None, None, None)),
        st.tuples(st.one_of(st.none(), TEXT), TEXT, st.one_of(st.none(), TEXT))))
    entry = Entry(
        msgid=draw(NONEMPTY), msgctxt=draw(st.one_of(st.none(), TEXT)),
        msgid_plural=plural, msgstr=msgstr, msgstr_plural=forms,
        translator_comments=draw(st.lists(COMMENT, max_size=3)),
        extracted_comments=draw(st.lists(COMMENT, max_size=2)),
        references=draw(st.lists(REFERENCE, max_size=5, unique=True)),
        flags=draw(FLAGS), obsolete=obsolete,
    )
    entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural = previous
    entry.flags = canonical_flags(entry)
    return entry


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    forms, nplurals = draw(st.sampled_from(PLURAL_FORMS))
    header = Entry(
        msgid="", flags=draw(st.sampled_from([[], ["fuzzy"]])),
        translator_comments=["Generated catalog.", "", "Ünïcode — comment."],
        msgstr=("Project-Id-Version: generated 1.0\n"
                "Report-Msgid-Bugs-To: bugs@example.org\n"
                "POT-Creation-Date: 2025-08-14 10:00+0000\n"
                "PO-Revision-Date: 2025-08-15 11:30+0300\n"
                "Last-Translator: Олена <olena@example.org>\n"
                "Language-Team: Ukrainian <uk@example.org>\n"
                "Language: uk\n"
                "MIME-Version: 1.0\n"
                "Content-Type: text/plain; charset=UTF-8\n"
                "Content-Transfer-Encoding: 8bit\n"
                f"Plural-Forms: {forms}\n"),
    )
    body = draw(st.lists(entries(nplurals), max_size=8, unique_by=lambda e: e.key))
    return Catalog(entries=[header, *body])


def _same_as_generated(catalog: Catalog, again: Catalog) -> None:
    assert our_header(again) == our_header(catalog)
    written = [e for e in catalog.entries if not e.is_header]
    written = [e for e in written if not e.obsolete] + [e for e in written if e.obsolete]
    assert [ours(e) for e in again.entries if not e.is_header] == [ours(e) for e in written]


@settings(max_examples=100, deadline=None)
@given(catalogs())
def test_generated_catalogs_read_back(tmp_path_factory: pytest.TempPathFactory,
                                      catalog: Catalog) -> None:
    path = tmp_path_factory.mktemp("generated") / "generated.po"
    path.write_bytes(format_po(catalog))
    _same_as_generated(catalog, read_ours(path))
    check_polib(path)
    check_babel(path)
    check_weblate(path)


# -- the libraries' limitations, each on a minimal file --------------------------------------


def _write(tmp_path: Path, text: str, name: str = "quirk.po") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEAD = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')

OBSOLETE_WITH_PREVIOUS = (HEAD + 'msgid "kept"\nmsgstr "gardé"\n\n'
                          '#, fuzzy\n#~| msgid "old text"\n#~ msgid "new text"\n'
                          '#~ msgstr "texte"\n')


def test_polib_quirk_obsolete_previous_is_dropped(tmp_path: Path) -> None:
    """polib skips "#~|" lines: the previous msgid of an obsolete entry is lost."""
    path = _write(tmp_path, OBSOLETE_WITH_PREVIOUS)
    assert read_ours(path).obsolete[0].previous_msgid == "old text"  # GNU keeps it, so do we
    gone = polib.pofile(str(path)).obsolete_entries()[0]
    assert (gone.msgid, gone.msgstr, gone.flags) == ("new text", "texte", ["fuzzy"])
    assert gone.previous_msgid is None


def test_babel_quirk_obsolete_previous_is_an_error(tmp_path: Path) -> None:
    """babel has no "#~|" line: an error with abort_invalid=True, and without it the active
    entry just before is filed as obsolete (the "#~|" line sets the parser's obsolete
    state before that entry is finished)."""
    path = _write(tmp_path, OBSOLETE_WITH_PREVIOUS)
    with pytest.raises(PoFileError, match="Unknown or misformatted keyword"):
        babel_read_po(io.BytesIO(path.read_bytes()), abort_invalid=True)
    # Without abort_invalid the line is skipped with a printed warning; a comment line
    # ("#, fuzzy" here) finishes the entry before it, so the damage needs a "#~|" entry
    # with no comment at all (a non-fuzzy obsolete entry with previous strings).
    lenient = babel_read_po(io.BytesIO(path.read_bytes()))
    assert ([m.id for m in lenient if m.id], list(lenient.obsolete)) == (["kept"], ["new text"])
    bare = _write(tmp_path, OBSOLETE_WITH_PREVIOUS.replace("#, fuzzy\n", ""), "bare.po")
    lenient = babel_read_po(io.BytesIO(bare.read_bytes()))
    assert ([m.id for m in lenient if m.id], list(lenient.obsolete)) == ([], ["kept", "new text"])
    assert [e.msgid for e in read_ours(bare).messages] == ["kept"]
    assert [e.msgid for e in polib.pofile(str(bare)) if not e.obsolete] == ["kept"]


def test_babel_quirk_previous_strings_are_user_comments(tmp_path: Path) -> None:
    """babel's reader does not parse "#|" lines: they are user comments."""
    path = _write(tmp_path, HEAD + '#, fuzzy\n#| msgctxt "menu"\n#| msgid "Open"\n'
                  'msgid "Open file"\nmsgstr "Ouvrir"\n')
    message = babel_read_po(io.BytesIO(path.read_bytes()), abort_invalid=True)["Open file"]
    assert message.previous_id == []
    assert message.user_comments == ['| msgctxt "menu"', '| msgid "Open"']
    assert polib.pofile(str(path))[0].previous_msgid == "Open"


def test_babel_quirk_python_format_flags_are_inferred(tmp_path: Path) -> None:
    """babel's Message recomputes python-format from the msgid, whatever the file says."""
    path = _write(tmp_path, HEAD + '#, python-format\nmsgid "no placeholder"\nmsgstr "x"\n\n'
                  'msgid "%d files"\nmsgstr "%d fichiers"\n')
    catalog = babel_read_po(io.BytesIO(path.read_bytes()), abort_invalid=True)
    assert catalog["no placeholder"].flags == set()
    assert catalog["%d files"].flags == {"python-format"}


def test_babel_quirk_charset(tmp_path: Path) -> None:
    """babel decodes what comes before the header as UTF-8, whatever the header says."""
    path = tmp_path / "koi8.po"
    path.write_bytes("# Перевод\n".encode("koi8-r") + HEAD.replace("UTF-8", "KOI8-R").encode()
                     + 'msgid "a"\nmsgstr "б"\n'.encode("koi8-r"))
    with pytest.raises(UnicodeDecodeError):
        babel_read_po(io.BytesIO(path.read_bytes()), abort_invalid=True)
    catalog = babel_read_po(io.BytesIO(path.read_bytes()), charset="koi8-r", abort_invalid=True)
    assert catalog["a"].string == "б"
    assert polib.pofile(str(path))[0].msgstr == "б"


def test_polib_quirk_bell_escape(tmp_path: Path) -> None:
    """polib's unescape knows \\\\ \\t \\n \\r \\v \\b \\f \\" but not \\a (babel does)."""
    path = _write(tmp_path, HEAD + 'msgid "ring\\a"\nmsgstr ""\n')
    assert read_ours(path).messages[0].msgid == "ring\a"
    assert polib.pofile(str(path))[0].msgid == "ring\\a"
    assert "ring\a" in babel_read_po(io.BytesIO(path.read_bytes()), abort_invalid=True)


def test_quirk_empty_extracted_comment_and_trailing_blanks(tmp_path: Path) -> None:
    """Both libraries strip comment lines and drop an empty "#." line."""
    path = _write(tmp_path, HEAD + "# note  \n#.\n#. made\nmsgid \"a\"\nmsgstr \"b\"\n")
    entry = read_ours(path).messages[0]
    assert (entry.translator_comments, entry.extracted_comments) == (("note  ",), ("", "made"))
    mine = polib.pofile(str(path))[0]
    assert (mine.tcomment, mine.comment) == ("note", "made")
    message = babel_read_po(io.BytesIO(path.read_bytes()), abort_invalid=True)["a"]
    assert (message.user_comments, message.auto_comments) == (["note"], ["made"])


def test_weblate_quirk_legacy_charset(tmp_path: Path) -> None:
    """translate-toolkit's pypo (Weblate's reader) does not decode a catalog in a legacy
    charset by its header: it takes the bytes for UTF-8 (an error here) or for Latin-1
    (bison.ru.koi8r.po of the shared set reads as mojibake). Such a file cannot read back
    there, whoever wrote it: ``check_weblate`` compares UTF-8 and ASCII catalogs (all of ours
    are UTF-8)."""
    text = HEAD.replace("UTF-8", "KOI8-R") + 'msgid "Error"\nmsgstr "Ошибка"\n'
    path = tmp_path / "koi8.po"
    path.write_bytes(text.encode("koi8-r"))
    assert read_ours(path).messages[0].msgstr == "Ошибка"
    try:
        misread = str(pypo.pofile.parsefile(str(path)).units[1].target)
    except UnicodeDecodeError:  # this minimal file: taken for UTF-8
        misread = None
    assert misread != "Ошибка"


def test_weblate_quirk_obsolete_comments_are_dropped(tmp_path: Path) -> None:
    """pypo drops the "#." and "#:" lines of an obsolete entry; GNU (and we) keep them."""
    path = _write(tmp_path, HEAD + '#. note\n#: a.md:1\n#, fuzzy\n#~ msgid "a"\n'
                  '#~ msgstr "b"\n')
    gone = read_ours(path).obsolete[0]
    assert (gone.extracted_comments, gone.references) == (("note",), ("a.md:1",))
    unit = pypo.pofile.parsefile(str(path)).units[1]
    assert unit.isobsolete() and unit.isfuzzy()
    assert (unit.automaticcomments, unit.getlocations()) == ([], [])


def test_weblate_quirk_kde_context(tmp_path: Path) -> None:
    """pypo takes a msgid that starts with "_:" for KDE's old context comment
    ("_: context\\n" before the text): it keeps those strings apart (``msgidcomments``),
    and its ``source`` leaves them out (all of them, here). GNU, polib and babel read them
    as the msgid."""
    path = _write(tmp_path, HEAD + 'msgid "_: menu\\nOpen"\nmsgstr "Ouvrir"\n')
    assert read_ours(path).messages[0].msgid == "_: menu\nOpen"
    unit = pypo.pofile.parsefile(str(path)).units[1]
    assert (unit.msgid, unit.msgidcomments) == ([], ['"_: menu\\nOpen"'])
    assert unit.source == ""
