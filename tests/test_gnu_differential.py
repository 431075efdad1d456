"""Bounded differential mutation runs against GNU gettext 0.21 (``tools/gnu_differential``):
300 seeded catalogs, comparing msgfmt -c's acceptance, msgfmt --statistics' acceptance and
counts, the MO bytes and msgcat's bytes; and 40 one-entry files per format string language,
comparing msgfmt -c's verdict and message and msgcat's bytes. ``python
tools/gnu_differential.py --count N`` (``--formats`` for the format strings) runs the same
generators longer."""

from __future__ import annotations

import shutil
import sys
from types import ModuleType

import pytest

from .conftest import REPO

pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("msgcat") is None,
    reason="GNU gettext is not installed")


def _tool() -> ModuleType:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import gnu_differential
    finally:
        sys.path.remove(str(REPO / "tools"))
    return gnu_differential


def test_mutated_catalogs_agree_with_gnu() -> None:
    tool = _tool()
    cases = list(tool.cases(15, 300))
    assert len(set(cases)) > 250  # the generator really varies its cases
    failures = tool.run(15, 300)
    assert not failures, "\n".join(f"case {i}: {'; '.join(found)}\n  {data!r}"
                                   for i, data, found in failures[:5])


def test_format_strings_agree_with_msgfmt_c() -> None:
    """Every format this package parses, with msgids and msgstrs of its directive pieces:
    the same verdict as msgfmt -c, and the same message."""
    tool = _tool()
    from appeal_i18n.pofile.formats import FORMAT_PARSERS

    assert set(tool.FORMAT_PIECES) == set(FORMAT_PARSERS)
    failures = tool.run_formats(15, 40)
    assert not failures, "\n".join(f"{flag}: {found}\n  {data!r}"
                                   for flag, data, found in failures[:5])
