"""Generated catalogs against GNU gettext, and the line breaker's two ways of finding breaks.

* the MO file of a generated catalog equals msgfmt's, and the writer's bytes equal msgcat's;
* the class-string regex that finds break opportunities in plain text gives the breaks of
  the per-character UAX #14 algorithm, which handles every other text.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from appeal_i18n.mofile import compile_mo
from appeal_i18n.pofile import linebreak, parse_po, writer

from .conftest import REPO, needs

sys.path.insert(0, str(REPO / "bench"))
import workloads


@needs("msgfmt")
def test_mo_of_a_generated_catalog_equals_msgfmt(tmp_path: Path) -> None:
    entries, _, _ = workloads.big_catalog(5_000, seed=50_000)
    po = tmp_path / "catalog.po"
    workloads._write_catalog(po, entries, template=False)
    subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(po)], check=True)
    ours = compile_mo(parse_po(po.read_bytes(), path=str(po)))
    assert ours == (tmp_path / "gnu.mo").read_bytes()


@needs("msgcat")
def test_writer_equals_msgcat_on_a_generated_catalog(tmp_path: Path) -> None:
    entries, _, _ = workloads.big_catalog(3000, seed=3)
    po = tmp_path / "a.po"
    workloads._write_catalog(po, entries, template=False)
    gnu = subprocess.run(["msgcat", str(po)], check=True, capture_output=True).stdout
    assert writer.format_po(parse_po(po.read_bytes(), path=str(po))) == gnu


def test_regex_line_breaking_equals_the_per_character_algorithm() -> None:
    rng = random.Random(5)
    alphabet = [*"abc xyz  ABC,.;:!?-()[]{}\"'\\/%$#&*+=<>@_|~0123456789\t",
                *"абвгдіїє«»—–“”‘’…№", "\u0301", "中", "é", "\u200b", "\u05d0", "\u00a0", "\x01",
                "€", "\u2060", "  "]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.choice([1, 5, 20, 80, 200])))
        if rng.random() < 0.3:
            text += "\n"
        width, start = rng.choice([10, 30, 77, 1 << 30]), rng.choice([0, 6, 7, 13, 90])
        offset = rng.choice([0, 0, 4])  # the portion's place in its value
        inner = ({offset + rng.randrange(-4, len(text) + 4) for _ in range(rng.randrange(1, 6))}
                 if rng.random() < 0.3 else set())
        fast = linebreak.break_portion(text, offset, width, start, inner)
        slow = linebreak.break_portion_slow(text, offset, width, start, inner)
        assert fast == slow, (text, width, start)
