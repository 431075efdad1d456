"""compile_mo(): byte-identical to GNU msgfmt, and loadable by Python's gettext."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from appeal_i18n.mofile import compile_mo, hash_string, hash_table_size, next_prime
from appeal_i18n.pofile import parse_po, read_po
from tests.conftest import SHARED

REAL = sorted((SHARED / "real-po").glob("*.po")) if (SHARED / "real-po").is_dir() else []

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None,
                                  reason="GNU msgfmt not installed")

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: t\\n"\n'
    '"POT-Creation-Date: 2025-01-01 00:00+0000\\n"\n'
    '"Language: uk\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
    '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
)

GENERATED = {
    "plain": 'msgid "Hello"\nmsgstr "Привіт"\n\nmsgid "World"\nmsgstr "Світ"\n',
    "plurals": ('msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d файл"\n'
                'msgstr[1] "%d файли"\nmsgstr[2] "%d файлів"\n\n'
                'msgid "%d day"\nmsgid_plural "%d days"\nmsgstr[0] ""\nmsgstr[1] "x"\n'
                'msgstr[2] "y"\n'),
    "contexts": ('msgctxt "menu"\nmsgid "Open"\nmsgstr "Відкрити"\n\n'
                 'msgid "Open"\nmsgstr "Відкритий"\n\nmsgctxt "door"\nmsgid "Open"\nmsgstr ""\n'),
    "fuzzy-and-empty": ('#, fuzzy\nmsgid "Fuzzy"\nmsgstr "Нечіткий"\n\nmsgid "Empty"\nmsgstr ""\n\n'
                        'msgid "Kept"\nmsgstr "Збережено"\n\n#~ msgid "Old"\n#~ msgstr "Старий"\n'),
    "fuzzy-header": "",
    "many": "".join(f'msgid "message {i}"\nmsgstr "повідомлення {i}"\n\n' for i in range(300)),
}


def _msgfmt(po: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "-o", str(out), str(po)], check=True, capture_output=True)
    return out.read_bytes()


@needs_msgfmt
@pytest.mark.skipif(not REAL, reason="shared real-po catalogs not present")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_real_catalogs_are_byte_identical(path: Path, tmp_path: Path) -> None:
    """Real catalogs (koi8-r, plurals, contexts, obsolete, fuzzy) compile as msgfmt does."""
    assert compile_mo(read_po(path)) == _msgfmt(path, tmp_path)


@needs_msgfmt
@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_catalogs_are_byte_identical(name: str, tmp_path: Path) -> None:
    """Plurals, contexts, fuzzy and empty translations, a fuzzy header, 300 messages."""
    header = HEADER.replace('msgid ""', '#, fuzzy\nmsgid ""') if name == "fuzzy-header" else HEADER
    po = tmp_path / "t.po"
    po.write_text(header + GENERATED[name] + ('msgid "x"\nmsgstr "y"\n' if not GENERATED[name]
                                              else ""), encoding="utf-8")
    assert compile_mo(read_po(po)) == _msgfmt(po, tmp_path)


def test_gnu_translations_loads_the_result() -> None:
    """Python's GNUTranslations finds messages, plural forms and contexts."""
    text = HEADER + GENERATED["plurals"] + GENERATED["contexts"] + GENERATED["fuzzy-and-empty"]
    catalog = parse_po(text.encode("utf-8"), path="t.po")
    tr = gettext.GNUTranslations(io.BytesIO(compile_mo(catalog)))
    assert tr.ngettext("%d file", "%d files", 1) == "%d файл"
    assert tr.ngettext("%d file", "%d files", 3) == "%d файли"
    assert tr.ngettext("%d file", "%d files", 5) == "%d файлів"
    assert tr.ngettext("%d day", "%d days", 1) == "%d day"  # first form empty: left out
    assert tr.pgettext("menu", "Open") == "Відкрити"
    assert tr.gettext("Open") == "Відкритий"
    assert tr.pgettext("door", "Open") == "Open"
    assert tr.gettext("Fuzzy") == "Fuzzy"
    assert tr.gettext("Kept") == "Збережено"
    assert tr.gettext("Old") == "Old"
    assert "POT-Creation-Date" not in tr.gettext("")


def test_hash_helpers() -> None:
    """gnulib's next_prime quirk (3 is not prime to it) and hashpjw."""
    assert [hash_table_size(n) for n in (0, 1, 2, 3, 5, 8, 20)] == [3, 3, 5, 5, 7, 11, 29]
    assert next_prime(9) == 11
    assert hash_string(b"") == 0
    assert hash_string(b"a") == 97


def test_empty_catalog_is_a_valid_mo() -> None:
    """No message at all still gives a file GNUTranslations can read."""
    catalog = parse_po(b"", path="empty.po", check=False)
    tr = gettext.GNUTranslations(io.BytesIO(compile_mo(catalog)))
    assert tr.gettext("x") == "x"


def _carrying_msgids(count: int, seed: int) -> list[bytes]:
    """ASCII msgids whose hashpjw carries out of bit 31 (about once in 4e7 random bytes).

    Built backwards from a state t of 0x0FFFFFF9 or more, which the next letter makes
    carry. One hashpjw step computes ``v = 16 h + byte`` (below 2**32 when it does not
    carry) and folds v's top nibble N onto bits 4..7, so t is reached from
    ``h = (v - byte) / 16`` for ``v = N << 28 | (t ^ N << 4)`` and a byte of v's low
    nibble. One step with N in 2..7, then steps with N = 0, which divide h by 16, leave a
    printable first byte.
    """
    import random

    rng = random.Random(seed)
    letters = [c for c in range(0x21, 0x7F) if c not in b'"\\']
    found: list[bytes] = []
    for _ in range(100 * count):
        if len(found) == count:
            break
        target = rng.randrange(0x0FFFFFF9, 0x10000000)
        state, path = target, []
        for step in range(7):
            nibble = rng.randrange(2, 8) if step == 0 else 0
            v = nibble << 28 | (state ^ nibble << 4)
            choices = [c for c in letters if c % 16 == v % 16 and c <= v]
            if not choices or (state < 0x80 and state >= 0x21 and step):
                break
            byte = rng.choice(choices)
            path.append(byte)
            state = (v - byte) >> 4
        if not 0x21 <= state < 0x7F or state in b'"\\':
            continue
        prefix = bytes([state, *reversed(path)])
        carry = [c for c in letters if (hash_string(prefix) << 4) + c >= 1 << 32]
        if hash_string(prefix) != target or not carry:
            continue
        tail = bytes(rng.choice(b"abc XYZ-.") for _ in range(rng.randrange(0, 12)))
        found.append(prefix + bytes([rng.choice(carry)]) + tail)
    return list(dict.fromkeys(found))


def _po_of(msgids: list[bytes]) -> bytes:
    body = b"".join(b'msgid "%s"\nmsgstr "t%d"\n\n' % (m, i) for i, m in enumerate(msgids))
    return HEADER.encode() + body


@needs_msgfmt
@pytest.mark.parametrize("kind", ["carrying", "random"])
def test_hash_table_equals_msgfmt(kind: str, tmp_path: Path) -> None:
    """The hash table is msgfmt's, also for msgids whose hash carries out of bit 31 (where
    GNU loses the carry), the bug of issue 15; and glibc finds every translation."""
    import random

    if kind == "carrying":
        msgids = [b"<]2?WO-ybtnSg)~ is here", *_carrying_msgids(40, seed=15)]
        assert len(msgids) > 20
    else:
        rng = random.Random(7)
        msgids = list(dict.fromkeys(bytes(rng.choices(b"abcdefgh XYZ%<>~-", k=rng.randrange(1, 60)))
                                    for _ in range(400)))
    po = tmp_path / "t.po"
    po.write_bytes(_po_of(msgids))
    gnu = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "-o", str(gnu), str(po)], check=True)
    ours = compile_mo(read_po(po))
    assert ours == gnu.read_bytes()
    if shutil.which("gettext") is None:
        return
    folder = tmp_path / "l" / "uk" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "t.mo").write_bytes(ours)
    env = {"LC_ALL": "C.UTF-8", "LANGUAGE": "uk", "TEXTDOMAINDIR": str(tmp_path / "l"),
           "PATH": "/usr/bin:/bin"}
    for index, msgid in enumerate(msgids[:12]):
        looked_up = subprocess.run(["gettext", "-d", "t", "--", msgid.decode()], env=env,
                                   capture_output=True, check=True).stdout
        assert looked_up == f"t{index}".encode(), msgid


def _gnu_hash(data: bytes) -> int:
    """GNU's hash_string as its C source reads, on a 64-bit ``unsigned long`` stored in a
    32-bit ``nls_uint32`` (the test's oracle, one byte at a time)."""
    hval = 0
    for byte in data:
        hval = ((hval << 4) + byte) & (2**64 - 1)
        high = hval & (0xF << 28)
        if high:
            hval ^= high >> 24
            hval ^= high
    return hval & 0xFFFFFFFF


def test_hashes_equal_gnus_definition() -> None:
    """Many keys at once (lanes of one big integer) give GNU's hash of each: keys of every
    length and byte, sharing a group or not, and keys whose hash carries out of bit 31."""
    import random

    from appeal_i18n.mofile import hash_strings

    rng = random.Random(1)
    keys = [bytes(rng.choices(range(256), k=rng.randrange(0, 300))) for _ in range(3000)]
    keys += [*_carrying_msgids(40, seed=3), b"", b"\x00", b"\xff" * 1000]
    assert hash_strings(keys) == [_gnu_hash(k) for k in keys]
    assert [hash_string(k) for k in keys[:50]] == [_gnu_hash(k) for k in keys[:50]]
