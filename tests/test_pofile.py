"""Strict reading: every fault msgfmt -c rejects is a POError with its line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from appeal_i18n.errors import POError
from appeal_i18n.pofile import parse_plural_forms, parse_po, plural_function, read_po

H = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
HP = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
      '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
P = 'msgid "a"\nmsgid_plural "as"\n'


def hp(forms: str) -> str:
    """A header with the given Plural-Forms value."""
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Plural-Forms: {forms}\\n"\n\n')


def entry(flags: str, msgid: str, msgstr: str) -> str:
    """One entry after the header, optionally flagged."""
    line = f"#, {flags}\n" if flags else ""
    return H + f'{line}msgid "{msgid}"\nmsgstr "{msgstr}"\n'


# (id, file text, expected message substring, expected line). The line is GNU's except
# where noted.
FAULTS: list[tuple[str, str | bytes, str, int]] = [
    ("unterminated", H + 'msgid "a\nmsgstr "b"\n', "end-of-line within string", 5),  # GNU: 6
    ("unterminated-eof", H + 'msgid "a"\nmsgstr "b', "end-of-file within string", 6),
    ("unterminated-continuation", H + 'msgid "a"\n"b\nmsgstr "c"\n', "end-of-line", 6),
    ("invalid-escape", H + 'msgid "a\\q"\nmsgstr "b"\n', "invalid control sequence", 5),
    ("invalid-escape-continuation", H + 'msgid ""\n"x"\n"a\\e"\nmsgstr "b"\n',
     "invalid control sequence", 7),
    ("inner-quote", H + 'msgid "a"b"\nmsgstr "b"\n', 'keyword "b" unknown', 5),
    ("duplicate", H + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
     "duplicate message definition (first defined at line 5)", 8),
    ("duplicate-context", H + 'msgctxt "k"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "k"\n'
     'msgid "a"\nmsgstr "c"\n', "duplicate message definition", 10),
    ("duplicate-obsolete", H + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
     "duplicate message definition", 8),
    ("duplicate-obsolete-first", H + '#~ msgid "a"\n#~ msgstr "c"\n\nmsgid "a"\nmsgstr "b"\n',
     "duplicate message definition", 8),
    ("msgid-without-msgstr", H + 'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n',
     "missing 'msgstr' section", 5),
    ("msgid-without-msgstr-eof", H + 'msgid "a"\n', "missing 'msgstr' section", 5),
    ("msgstr-before-msgid", H + 'msgstr "c"\nmsgid "a"\nmsgstr "b"\n', "before 'msgid'", 5),
    ("unknown-keyword", H + 'msgid "a"\nmsgfoo "x"\nmsgstr "b"\n', 'keyword "msgfoo" unknown', 6),
    ("conflict-markers", H + '<<<<<<< HEAD\nmsgid "a"\nmsgstr "b"\n=======\nmsgid "a"\n'
     'msgstr "c"\n>>>>>>> other\n', "git merge conflict marker", 5),
    ("conflict-middle", H + 'msgid "a"\nmsgstr "b"\n=======\n', "conflict marker", 7),
    ("inconsistent-obsolete", H + '#~ msgid "a"\nmsgstr "b"\n', "inconsistent use of #~", 6),
    ("plural-plain-msgstr", HP + P + 'msgstr "x"\n', "needs 'msgstr[0]'", 8),
    ("plural-missing-forms", HP + P + 'msgstr[0] "x"\n',
     "nplurals = 2, but some messages have only one plural form", 8),
    ("plural-extra-forms", HP + P + 'msgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n',
     "nplurals = 2, but some messages have 3 plural forms", 8),
    ("plural-wrong-index", HP + P + 'msgstr[0] "x"\nmsgstr[2] "y"\n',
     "plural form has wrong index", 9),
    ("msgstr-index-without-plural", HP + 'msgid "a"\nmsgstr[0] "x"\n',
     "missing 'msgid_plural' section", 7),
    ("plural-without-plural-forms", H + P + 'msgstr[0] "x"\nmsgstr[1] "y"\n',
     'lacks a "plural=EXPRESSION" attribute', 7),
    ("invalid-plural-expression", hp("nplurals=2; plural=n !=;") + 'msgid "a"\nmsgstr "b"\n',
     "invalid plural expression", 2),
    ("nplurals-zero", hp("nplurals=0; plural=0;") + 'msgid "a"\nmsgstr "b"\n',
     "nplurals = 0 but plural expression can produce values as large as 0", 2),
    ("plural-out-of-range", hp("nplurals=2; plural=n%3;") + 'msgid "a"\nmsgstr "b"\n',
     "nplurals = 2 but plural expression can produce values as large as 2", 2),
    ("plural-division-by-zero", hp("nplurals=2; plural=n/0;") + 'msgid "a"\nmsgstr "b"\n',
     "division by zero", 2),
    ("plural-negative", hp("nplurals=2; plural=n-1;") + 'msgid "a"\nmsgstr "b"\n',
     "negative values", 2),
    ("invalid-nplurals", hp("nplurals=x; plural=n!=1;") + 'msgid "a"\nmsgstr "b"\n',
     "invalid nplurals value", 2),
    ("fuzzy-header-still-checked", "#, fuzzy\n" + hp("nplurals=2; plural=n%3;")
     + 'msgid "a"\nmsgstr "b"\n', "as large as 2", 3),
    ("missing-header", 'msgid "a"\nmsgstr "b"\n', "PO file header missing or invalid", 1),
    ("empty-header", 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n',
     "PO file header missing or invalid", 2),
    ("obsolete-only-no-header", '#~ msgid "a"\n#~ msgstr "b"\n', "header missing", 1),
    ("invalid-utf8", (H + 'msgid "a"\nmsgstr "b\xff"\n').encode("latin-1"),
     "invalid multibyte sequence", 6),
    ("invalid-ascii", (H.replace("UTF-8", "ASCII") + 'msgid "a"\nmsgstr "bé"\n').encode(),
     "invalid multibyte sequence", 6),
    ("bom", "\ufeff" + H + 'msgid "a"\nmsgstr "b"\n', "byte order mark", 1),
    ("newline-start", entry("", "\\na", "b"),
     "'msgid' and 'msgstr' entries do not both begin with '\\n'", 6),
    ("newline-end", entry("", "a\\n", "b"),
     "'msgid' and 'msgstr' entries do not both end with '\\n'", 6),
    ("newline-end-translation", entry("", "a", "b\\n"), "do not both end with '\\n'", 6),
    ("newline-plural", HP + 'msgid "a\\n"\nmsgid_plural "as\\n"\nmsgstr[0] "x\\n"\n'
     'msgstr[1] "y"\n', "'msgid' and 'msgstr[1]' entries do not both end with '\\n'", 8),
    ("c-format-count", entry("c-format", "%d files", "files"),
     "number of format specifications in 'msgid' and 'msgstr' does not match", 7),
    ("c-format-extra", entry("c-format", "%d files", "%d %d files"),
     "number of format specifications", 7),
    ("c-format-type", entry("c-format", "%d files", "%s files"),
     "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same", 7),
    ("c-format-invalid", entry("c-format", "%d files", "%y files"),
     "'msgstr' is not a valid C format string, unlike 'msgid'. Reason: In the directive "
     "number 1, the character 'y' is not a valid conversion specifier.", 7),
    ("python-brace-missing", entry("python-brace-format", "{n} files", "files"),
     "a format specification for argument 'n' doesn't exist in 'msgstr'", 7),
    ("python-brace-unknown", entry("python-brace-format", "{n} files", "{m} files"),
     "a format specification for argument 'm' doesn't exist in 'msgid'", 7),
    ("python-format-unknown", entry("python-format", "%(n)d files", "%(m)d files"),
     "a format specification for argument 'm', as in 'msgstr', doesn't exist in 'msgid'", 7),
    ("domain-without-string", H + 'domain\nmsgid "a"\nmsgstr "b"\n',
     "'domain' without a string", 5),
    ("domain-with-msgfmt-c", H + 'domain "x"\nmsgid "a"\nmsgstr "b"\n',
     "'domain x' directive ignored", 5),
]


def _data(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


@pytest.mark.parametrize(("text", "message", "line"), [f[1:] for f in FAULTS],
                         ids=[f[0] for f in FAULTS])
def test_fault_is_reported_with_line(text: str | bytes, message: str, line: int) -> None:
    with pytest.raises(POError) as info:
        parse_po(_data(text), path="x.po")
    assert message in info.value.message
    assert info.value.line == line
    assert str(info.value).startswith(f"x.po:{line}: ")


# msgfmt only warns about these; we refuse them (see the module docstring).
_STRICTER: set[str] = set()


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt is not installed")
@pytest.mark.parametrize("text", [f[1] for f in FAULTS if f[0] not in _STRICTER],
                         ids=[f[0] for f in FAULTS if f[0] not in _STRICTER])
def test_msgfmt_rejects_the_same_files(text: str | bytes, tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_bytes(_data(text))
    result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True,
                            check=False)
    assert result.returncode != 0


ACCEPTED: list[tuple[str, str | bytes]] = [
    ("crlf", (H + '# c\n#: a.c:1\nmsgid "a"\nmsgstr "b"\n').replace("\n", "\r\n")),
    ("lone-cr", (H + 'msgid "a"\nmsgstr "b"\n').replace("\n", "\r")),
    ("fuzzy-header", "#, fuzzy\n" + H + 'msgid "a"\nmsgstr "b"\n'),
    ("no-plural-forms", H + 'msgid "a"\nmsgstr "b"\n'),
    ("fuzzy-entries-unchecked", entry("fuzzy, c-format", "%d files", "%s files")
     + '\n#, fuzzy\nmsgid "\\nx"\nmsgstr "y"\n'),
    ("untranslated-unchecked", entry("c-format", "%d files", "")),
    ("obsolete-previous", H + '#~| msgid "x"\n#~ msgid "a"\n#~ msgstr "b"\n'),
    ("keywords-on-one-line", H + 'msgid "a" msgstr "b"\n'),
    ("plural-often-form-lenient", hp("nplurals=2; plural=n!=1;") + '#, c-format\n'
     'msgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] "un fichier"\nmsgstr[1] "%d"\n'),
    ("koi8-r", (H.replace("UTF-8", "KOI8-R") + 'msgid "a"\nmsgstr "привет"\n').encode("koi8-r")),
    ("hex-and-octal-escapes", H + 'msgid "\\x41\\101"\nmsgstr "\\xc3\\xa9"\n'),
]


@pytest.mark.parametrize("text", [a[1] for a in ACCEPTED], ids=[a[0] for a in ACCEPTED])
def test_what_msgfmt_accepts_is_accepted(text: str | bytes, tmp_path: Path) -> None:
    catalog = parse_po(_data(text), path="x.po")
    assert catalog.messages or catalog.obsolete
    if shutil.which("msgfmt"):
        po = tmp_path / "x.po"
        po.write_bytes(_data(text))
        result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)],
                                capture_output=True, check=False)
        assert result.returncode == 0, result.stderr


def test_empty_and_blank_files_are_empty_catalogs() -> None:
    """msgcat reads them (no entry); msgfmt -c refuses them: no header (issue 15)."""
    assert parse_po(b"", path="x.po", check=False).entries == []
    assert parse_po(b"\n  \n\t\n", path="x.po", check=False).entries == []
    assert parse_po(b"# only a comment\n", path="x.po", check="statistics").entries == []
    for data in (b"", b"\n", b"# only a comment\n#. and another\n"):
        with pytest.raises(POError, match=r"x\.po:1: PO file header missing or invalid"):
            parse_po(data, path="x.po")


def test_lines_and_fields(tmp_path: Path) -> None:
    text = (H + "# note\n#. extracted\n#: a.md:3 b.md:4\n#, fuzzy, python-brace-format\n"
            '#| msgid "old {x}"\nmsgctxt "k"\nmsgid ""\n"new {x}"\nmsgstr "neu {x}"\n\n'
            + '#~ msgid "gone"\n#~ msgstr "weg"\n')
    po = tmp_path / "x.po"
    po.write_text(text, encoding="utf-8")
    catalog = read_po(po)
    assert catalog.path == str(po)
    head, item, gone = catalog.entries
    assert (head.line, head.msgstr_line) == (1, 2)
    assert (item.line, item.msgstr_line) == (11, 13)
    assert list(item.translator_comments) == ["note"]
    assert list(item.extracted_comments) == ["extracted"]
    assert list(item.references) == ["a.md:3", "b.md:4"]
    assert list(item.flags) == ["fuzzy", "python-brace-format"]
    assert item.previous_msgid == "old {x}"
    assert (item.msgctxt, item.msgid, item.msgstr) == ("k", "new {x}", "neu {x}")
    assert gone.obsolete and gone.msgstr == "weg" and gone.line == 15


def test_koi8r_charset_is_kept() -> None:
    data = (H.replace("UTF-8", "koi8-r") + 'msgid "a"\nmsgstr "привет"\n').encode("koi8-r")
    catalog = parse_po(data, path="x.po")
    assert catalog.charset == "koi8-r"
    assert catalog.messages[0].msgstr == "привет"


def test_check_false_accepts_a_template_without_header() -> None:
    catalog = parse_po(b'msgid "a"\nmsgstr ""\n', path="x.pot", check=False)
    assert [e.msgid for e in catalog.entries] == ["a"]


@pytest.mark.parametrize(("expr", "values"), [
    ("n != 1", [1, 0, 1, 1]),
    ("(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", [2, 0, 1, 1]),
    ("n>1", [0, 0, 1, 1]),
    ("!(n%2) + 2*(n>2)", [1, 0, 1, 2]),
    ("0", [0, 0, 0, 0]),
])
def test_plural_function(expr: str, values: list[int]) -> None:
    func = plural_function(expr)
    assert [func(n) for n in range(4)] == values


@pytest.mark.parametrize("expr", ["n !=", "n ** 2", "__import__('os')", "n ? 1", "(n", ""])
def test_plural_function_rejects_bad_expressions(expr: str) -> None:
    with pytest.raises(ValueError, match="invalid plural expression"):
        plural_function(expr)


def test_parse_plural_forms() -> None:
    nplurals, func = parse_plural_forms("nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : "
                                        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;")
    assert nplurals == 3
    assert [func(n) for n in (1, 2, 5, 21, 111)] == [0, 1, 2, 0, 2]
    with pytest.raises(ValueError, match="as large as 2"):
        parse_plural_forms("nplurals=2; plural=n%3;")


def test_plural_range_check_cached_by_expression() -> None:
    from appeal_i18n.pofile import plural

    plural._checked_tokens.cache_clear()
    a = plural.checked_plural(2, "(n != 1);\nPO-Revision-Date: 2025-01-01\n")
    b = plural.checked_plural(2, " ( n!=1 ) ;\nLast-Translator: someone else\n")
    assert a is b
    assert plural._checked_tokens.cache_info().misses == 1
    assert a[0](1) == 0 and a[0](2) == 1
    with pytest.raises(ValueError, match="as large as 2"):
        plural.checked_plural(2, "n;\nX: y\n")
    with pytest.raises(ValueError, match="invalid plural expression"):
        plural.checked_plural(2, "n # 1;\n")
