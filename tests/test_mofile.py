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
    catalog = parse_po(b"", path="empty.po")
    tr = gettext.GNUTranslations(io.BytesIO(compile_mo(catalog)))
    assert tr.gettext("x") == "x"


@pytest.mark.parametrize(("small", "most"), [(4096, 1 << 16), (4096, 3), (2, 1 << 16)],
                         ids=["remembered", "memory-full", "big-catalog"])
def test_key_hashes_remembered_across_catalogs(small: int, most: int,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys hashed for one catalog are remembered for the next: the hashes stay hashpjw's
    of each key up to its first NUL, whether remembered, new, or too many to remember."""
    import random

    from appeal_i18n import mofile

    monkeypatch.setattr(mofile, "_KNOWN_HASHES", {})
    monkeypatch.setattr(mofile, "_SMALL", small)
    monkeypatch.setattr(mofile, "_KNOWN_MAX", most)
    rng = random.Random(8)
    words = [bytes(rng.choices(b"ab\x04\xd1\x96 ", k=rng.randrange(0, 40))) for _ in range(30)]
    for _ in range(6):  # catalogs that share some keys, with duplicates and plural keys
        keys = [rng.choice(words) + (b"\0" + rng.choice(words) if rng.random() < 0.3 else b"")
                for _ in range(rng.randrange(0, 12))]
        assert mofile._key_hashes(keys) == [hash_string(k.split(b"\0")[0]) for k in keys]
    assert len(mofile._KNOWN_HASHES) <= most
    if small > 2 and most > 3:
        assert mofile._KNOWN_HASHES  # the remembering path was taken
