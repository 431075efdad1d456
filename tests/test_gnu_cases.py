"""Issue 15's PO faults, each checked against GNU gettext 0.21 itself: files msgfmt -c and
msgcat accept (read, counted, compiled and written as they do), files msgfmt -c rejects,
what msgfmt warns about, counts, escapes, obsolete entries and wrapping widths."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from appeal_i18n.coverage import count, read_stats
from appeal_i18n.errors import POError, POWarning
from appeal_i18n.mofile import compile_mo
from appeal_i18n.pofile import format_po, parse_po

H = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
HP = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
      '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
needs_gnu = pytest.mark.skipif(shutil.which("msgfmt") is None or shutil.which("msgcat") is None,
                               reason="GNU gettext is not installed")


def entry(flag: str, msgid: str, msgstr: str) -> bytes:
    """A file with one entry (``flag``: its ``#,`` line, or "")."""
    flags = f"#, {flag}\n" if flag else ""
    return (H + f'{flags}msgid "{msgid}"\nmsgstr "{msgstr}"\n').encode()


def gnu(data: bytes, tmp_path: Path) -> tuple[bool, bytes | None, bytes | None]:
    """``msgfmt -c`` accepts?, its MO file, and msgcat's output (None: it refuses)."""
    po, mo = tmp_path / "gnu.po", tmp_path / "gnu.mo"
    po.write_bytes(data)
    checked = subprocess.run(["msgfmt", "-c", "-o", str(mo), str(po)], capture_output=True,
                             check=False).returncode == 0
    cat = subprocess.run(["msgcat", str(po)], capture_output=True, check=False)
    return (checked, mo.read_bytes() if checked else None,
            cat.stdout if cat.returncode == 0 else None)


def quiet_parse(data: bytes, check: bool | str = True) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", POWarning)
        return parse_po(data, path="x.po", check=check)


#: Files msgfmt -c and msgcat accept that appeal-i18n refused (issue 15, "Valid files").
VALID: list[tuple[str, bytes]] = [
    ("keyword-then-string-on-next-line", (H + 'msgid "a"\nmsgstr\n"b"\n').encode()),
    ("blank-line-in-header", b'msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n\n'
     b'"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\xc3\xa9"\n'),
    ("obsolete-marker-mid-line", (H + '#~ msgid "a" #~ msgstr "b"\n\nmsgid "c"\n'
                                  'msgstr "d" #~\n').encode()),
    ("backslash-newline", (H + 'msgid "ab\\\ncd"\nmsgstr "x\\\ny"\n').encode()),
    ("python-brace-lone-closing-brace", entry("python-brace-format", "a", "}")),
    ("octal-377-in-utf8", entry("", "a", "x\\377y")),
    ("nul-then-octal-escape", (H + 'msgid "a"\nmsgstr "\0\\101"\n\nmsgid "b"\n'
                               'msgstr "x\\0y" "z"\n').encode()),
    ("obsolete-twice", (H + '#~ #~ msgid "a"\n#~ #~ msgstr "b"\n\n#~#~ msgid "c"\n'
                        '#~#~ msgstr "d"\n').encode()),
    ("soft-hyphens-and-c1", (H + 'msgid "a"\nmsgstr "' + "Wort\u00ad" * 20 + '"\n\nmsgid "b"\n'
                             'msgstr "' + "ab\u0085 cd\u0085 " * 12 + '"\n').encode()),
    ("flag-line-replaces-earlier", (H + '#, c-format\n#, fuzzy\nmsgid "%d"\nmsgstr "x"\n')
     .encode()),
]


@needs_gnu
@pytest.mark.parametrize("data", [v[1] for v in VALID], ids=[v[0] for v in VALID])
def test_valid_files_read_counted_compiled_and_written_as_gnu(data: bytes,
                                                              tmp_path: Path) -> None:
    checked, mo, cat = gnu(data, tmp_path)
    assert checked, "the case is meant to be one msgfmt -c accepts"
    catalog = parse_po(data, path="x.po")
    assert compile_mo(catalog) == mo
    if cat is None:
        with pytest.raises(POError):
            format_po(parse_po(data, path="x.po", check=False))
    else:
        assert format_po(parse_po(data, path="x.po", check=False)) == cat


def test_nul_before_an_escape_no_longer_crashes() -> None:
    """A string ends at a NUL, raw or escaped, as GNU's C strings do; ``\\0`` is never
    written back as a raw NUL byte."""
    catalog = parse_po((H + 'msgid "a"\nmsgstr "\0\\101"\n\nmsgid "b"\nmsgstr "x\\0y" "z"\n')
                       .encode(), path="x.po", check=False)
    assert [(e.msgid, e.msgstr) for e in catalog.messages] == [("a", ""), ("b", "xz")]
    assert b"\0" not in format_po(catalog)


def test_escaped_byte_invalid_in_utf8_reaches_the_mo_but_fmt_refuses() -> None:
    catalog = parse_po(entry("", "a", "x\\377y"), path="x.po")
    assert b"x\xffy\0" in compile_mo(catalog)
    with pytest.raises(POError, match="invalid multibyte sequence"):
        format_po(catalog)


#: Files msgfmt -c rejects that appeal-i18n accepted (issue 15, "Invalid files accepted").
INVALID: list[tuple[str, bytes, str]] = [
    ("qt", entry("qt-format", "%1 a", "%2 b"), "argument 1 doesn't exist in 'msgstr'"),
    ("sh", entry("sh-format", "$name", "$other"), "argument 'name' doesn't exist in 'msgstr'"),
    ("perl", entry("perl-format", "%s a", "%d a"), "for argument 1 are not the same"),
    ("php", entry("php-format", "%1$s", "%2$s"), "argument 1 doesn't exist in 'msgstr'"),
    ("java", entry("java-format", "{0} a", "{1} b"),
     "argument {0} doesn't exist in 'msgstr'"),
    ("ycp", entry("ycp-format", "%1 a", "%2 b"), "argument 1 doesn't exist in 'msgstr'"),
    ("smalltalk", entry("smalltalk-format", "%1", "%x"), "not a digit between 1 and 9"),
    ("kde", entry("kde-format", "%1 %2 %3", "%3"), "ignores the arguments 1 and 2"),
    ("csharp", entry("csharp-format", "{0}", "{0} {1}"), "does not match"),
    ("javascript", entry("javascript-format", "%s", "%d"), "are not the same"),
    ("lua", entry("lua-format", "%s %d", "%s"), "argument 2 doesn't exist in 'msgstr'"),
    ("perl-brace", entry("perl-brace-format", "{a}", "b"), "argument 'a' doesn't exist"),
    ("qt-plural", (HP + '#, qt-plural-format\nmsgid "a"\nmsgid_plural "%n a"\n'
                   'msgstr[0] "%n"\nmsgstr[1] "b"\n').encode(), "does not match"),
    ("python-count", entry("python-format", "%s", "%s %s"), "does not match"),
    ("msgctxt-eot", (H + 'msgctxt "\\4"\nmsgid "a"\nmsgstr "b"\n').encode(),
     "context separator <EOT> within string"),
    ("previous-at-end", (H + 'msgid "a"\nmsgstr "b"\n\n#| msgid "x"\n').encode(),
     "'#|' previous strings without an entry"),
    ("comment-after-previous", (H + '#| msgid "x"\n# c\nmsgid "a"\nmsgstr "b"\n').encode(),
     "a comment between '#|' and 'msgid'"),
    ("obsolete-twice-then-junk", (H + "#~#~ hello\n").encode(), 'keyword "hello" unknown'),
    ("backslash-then-nul", (H + 'msgid "a"\nmsgstr "b\\\0n"\n').encode(),
     "invalid control sequence"),  # found by tools/gnu_differential.py --seed 4242
    ("comments-only", b"# a comment\n#. another\n", "PO file header missing or invalid"),
    ("empty", b"", "PO file header missing or invalid"),
]


@pytest.mark.parametrize(("data", "message"), [i[1:] for i in INVALID],
                         ids=[i[0] for i in INVALID])
def test_invalid_files_are_rejected(data: bytes, message: str, tmp_path: Path) -> None:
    with pytest.raises(POError, match=r"x\.po:[0-9]+: ") as info:
        parse_po(data, path="x.po")
    assert message in str(info.value)
    if shutil.which("msgfmt"):
        po = tmp_path / "x.po"
        po.write_bytes(data)
        done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", "x.po"], cwd=tmp_path,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 1
        if "syntax error" not in info.value.message:  # GNU: only "syntax error", a column
            assert info.value.message in done.stderr


@pytest.mark.parametrize(("header", "warning"), [
    ('msgid ""\nmsgstr "Content-Type: text/plain; charset=CHARSET\\n"\n\n',
     'charset "CHARSET" is not a portable encoding name'),
    ('msgid ""\nmsgstr "Project-Id-Version: x\\n"\n\n', "no charset in the header"),
    ('msgid ""\nmsgstr "Content-Type: text/plain; charset=utf8x\\n"\n\n',
     'charset "utf8x" is not a portable encoding name'),
], ids=["CHARSET", "no-content-type", "unknown"])
def test_missing_or_unknown_charset_is_a_warning(header: str, warning: str,
                                                 tmp_path: Path) -> None:
    """msgfmt warns and copies the bytes into the MO file; msgcat (fmt) refuses."""
    data = (header + 'msgid "a"\nmsgstr "é"\n').encode()
    with pytest.warns(POWarning, match=f"x.po:2: warning: {warning}"):
        catalog = parse_po(data, path="x.po")
    assert b"\xc3\xa9\0" in compile_mo(catalog)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", POWarning)
        with pytest.raises(POError):
            format_po(parse_po(data, path="x.po", check=False))
    if shutil.which("msgfmt"):
        checked, mo, cat = gnu(data, tmp_path)
        assert checked and cat is None
        assert compile_mo(catalog) == mo


def test_status_rejects_what_plain_msgfmt_statistics_rejects(tmp_path: Path) -> None:
    """status does not run the -c checks, but msgfmt --statistics refuses a newline
    mismatch, so status does too; a missing header or a format mismatch it counts."""
    bad = tmp_path / "de.po"
    bad.write_bytes(entry("", "a\\n", "b"))
    ok = tmp_path / "fr.po"
    ok.write_bytes(b'msgid "a"\nmsgstr "b"\n\n#, c-format\nmsgid "%d"\nmsgstr "%s"\n')
    result = read_stats([bad, ok])
    assert [str(e) for e in result.errors] == [
        f"{bad}:6: 'msgid' and 'msgstr' entries do not both end with '\\n'"]
    assert [s.messages.translated for s in result.catalogs] == [2]
    if shutil.which("msgfmt"):
        for path, code in ((bad, 1), (ok, 0)):
            done = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                                  capture_output=True, check=False)
            assert done.returncode == code


def test_empty_header_counts_as_untranslated_like_msgfmt(tmp_path: Path) -> None:
    data = b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n'
    counts = count(parse_po(data, path="x.po", check="statistics"), path="x.po").messages
    assert (counts.translated, counts.fuzzy, counts.untranslated) == (1, 0, 1)
    if shutil.which("msgfmt"):
        po = tmp_path / "x.po"
        po.write_bytes(data)
        done = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
                              capture_output=True, check=True)
        assert b"1 translated message, 1 untranslated message." in done.stderr


def test_obsolete_twice_is_kept_as_obsolete() -> None:
    catalog = parse_po((H + '#~ #~ msgid "a"\n#~ #~ msgstr "b"\n').encode(), path="x.po")
    assert [(e.msgid, e.msgstr, e.obsolete) for e in catalog.obsolete] == [("a", "b", True)]
    assert format_po(catalog).endswith(b'#~ msgid "a"\n#~ msgstr "b"\n')


@needs_gnu
@pytest.mark.parametrize("charset", ["UTF-8", "ISO-8859-1"])
def test_zero_width_characters_wrap_like_msgcat(charset: str, tmp_path: Path) -> None:
    """The soft hyphen and C1 controls take no column; U+0085 (NEL) is a mandatory break."""
    import random

    rng = random.Random(15)
    pieces = ["word", "ab", "x" * 7, " ", "\u00ad", "\u0085", "\x9f", "\x80", "-", "é"]
    codec = "utf-8" if charset == "UTF-8" else "latin-1"
    body = []
    for k in range(60):
        words = [("".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))))
                 for _ in range(rng.randint(10, 40))]
        body.append(f'msgid "m{k}"\nmsgstr "{" ".join(words)}"\n')
    data = (H.replace("UTF-8", charset) + "\n".join(body)).encode(codec)
    cat = gnu(data, tmp_path)[2]
    assert cat is not None
    assert format_po(parse_po(data, path="x.po")) == cat


def test_glibc_finds_a_translation_stored_by_compile(tmp_path: Path) -> None:
    """The issue's msgid (its hashpjw carries out of bit 31) looked up through glibc."""
    if shutil.which("gettext") is None:
        pytest.skip("gettext(1) is not installed")
    data = (H + 'msgid "<]2?WO-ybtnSg)~ is here"\nmsgstr "found"\n').encode()
    mo = compile_mo(parse_po(data, path="x.po"))
    assert gettext.GNUTranslations(io.BytesIO(mo)).gettext("<]2?WO-ybtnSg)~ is here") == "found"
    folder = tmp_path / "l" / "uk" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "t.mo").write_bytes(mo)
    env = {"LC_ALL": "C.UTF-8", "LANGUAGE": "uk", "TEXTDOMAINDIR": str(tmp_path / "l"),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["gettext", "-d", "t", "<]2?WO-ybtnSg)~ is here"], env=env,
                          capture_output=True, check=True)
    assert done.stdout == b"found"


DOMAINS = (H + '# c\nmsgid "a"\nmsgstr "b"\n\ndomain "x"\nmsgid ""\nmsgstr "Content-Type: '
           'text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "c"\n\n#~ msgid "o"\n'
           '#~ msgstr "p"\ndomain "y"\nmsgid "a"\nmsgstr "d"\n').encode()


@needs_gnu
def test_domains_are_read_and_written_as_msgcat_does(tmp_path: Path) -> None:
    catalog = parse_po(DOMAINS, path="x.po", check=False)
    assert catalog.domains == [None, "x", "y"]
    assert [(e.domain, e.msgid, e.msgstr) for e in catalog.messages] == [
        (None, "a", "b"), ("x", "a", "c"), ("y", "a", "d")]
    checked, _, cat = gnu(DOMAINS, tmp_path)
    assert format_po(catalog) == cat
    counts = count(parse_po(DOMAINS, path="x.po", check="statistics"), path="x.po").messages
    assert counts.translated == 3  # msgfmt --statistics counts every domain
    # msgfmt -c -o FILE (what compile does) refuses a domain directive: one file, one domain.
    assert not checked
    with pytest.raises(POError, match=r"x\.po:9: 'domain x' directive ignored"):
        parse_po(DOMAINS, path="x.po")
    with pytest.raises(POError, match="several domains"):
        compile_mo(catalog)
    with pytest.raises(POError, match="duplicate message definition"):
        parse_po(DOMAINS + b'\nmsgid "a"\nmsgstr "e"\n', path="x.po", check=False)
    assert parse_po(DOMAINS + b'\ndomain "z"\nmsgid "a"\nmsgstr "e"\n', path="x.po",
                    check=False).domains == [None, "x", "y", "z"]


def test_cli_prints_a_warning_as_one_line_and_goes_on(tmp_path: Path) -> None:
    import sys

    po = tmp_path / "de.po"
    po.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=CHARSET\\n"\n\n'
                   b'msgid "a"\nmsgstr "\xc3\xa9"\n')
    done = subprocess.run([sys.executable, "-m", "appeal_i18n", "status", str(po)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == (f'appeal-i18n: {po}:2: warning: charset "CHARSET" is not a '
                           "portable encoding name: charset conversion will not work\n")


@pytest.mark.parametrize(("bounds", "accepted"), [
    ("1..6", False), ("2..3", False), ("2..2", True), ("1..2", True), ("0..1", True),
    ("5..5", True)])
def test_range_flag_relaxes_a_form_one_n_reaches(bounds: str, accepted: bool,
                                                 tmp_path: Path) -> None:
    """msgfmt checks msgstr[1] (n != 1) strictly unless the range lets one n at most use it."""
    data = (HP + f'#, c-format, range: {bounds}\nmsgid "one"\nmsgid_plural "%d many"\n'
            'msgstr[0] "eins"\nmsgstr[1] "viele"\n').encode()
    if accepted:
        parse_po(data, path="x.po")
    else:
        with pytest.raises(POError, match="'msgid_plural' and 'msgstr\\[1\\]'"):
            parse_po(data, path="x.po")
    if shutil.which("msgfmt"):
        assert gnu(data, tmp_path)[0] == accepted


def test_a_charset_with_an_escaped_byte_is_no_traceback(tmp_path: Path) -> None:
    """A header's charset spelled with an escape (here \\377) is not a portable name: a
    warning, and the file compiles, merges and is refused by fmt, never a traceback."""
    from appeal_i18n.merge import merge

    data = (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF\\377\\n"\n\n'
            b'msgid "a"\nmsgstr "b"\n')
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", POWarning)
        catalog = parse_po(data, path="x.po")
        assert b"b\0" in compile_mo(catalog)
        assert merge(catalog, catalog).messages[0].msgstr == "b"
        with pytest.raises(POError, match="not a portable encoding name"):
            format_po(catalog)


@pytest.mark.parametrize("name", ["x.po", "x.pot"])
def test_fmt_takes_charset_placeholder_only_in_a_template(name: str, tmp_path: Path) -> None:
    """msgcat refuses ``charset=CHARSET`` except in a ``.pot`` file, ASCII or not."""
    from appeal_i18n.pofile import format_files

    path = tmp_path / name
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=CHARSET\\n"\n\n'
                     b'msgid "a"\nmsgstr ""\n')
    if name.endswith(".pot"):
        assert format_files([path], check=True) == []
    else:
        with pytest.raises(POError, match='present charset "CHARSET" is not a portable'):
            format_files([path], check=True)
    if shutil.which("msgcat"):
        done = subprocess.run(["msgcat", str(path)], capture_output=True, check=False)
        assert (done.returncode == 0) == name.endswith(".pot")


def test_csharp_lone_brace_names_its_directive() -> None:
    """format-csharp.c: "The string contains a lone '}' after directive number %u."."""
    from appeal_i18n.pofile.formats import FORMAT_PARSERS

    fmt = FORMAT_PARSERS["csharp-format"]("{0} and } here")
    assert fmt.error == "The string contains a lone '}' after directive number 1."
