"""A bounded differential mutation run against GNU gettext 0.21 (``tools/gnu_differential``):
300 seeded cases, comparing msgfmt -c's acceptance, msgfmt --statistics' acceptance and
counts, the MO bytes and msgcat's bytes. ``python tools/gnu_differential.py --count N``
runs the same generator longer."""

from __future__ import annotations

import shutil
import sys

import pytest

from .conftest import REPO


@pytest.mark.skipif(shutil.which("msgfmt") is None or shutil.which("msgcat") is None,
                    reason="GNU gettext is not installed")
def test_mutated_catalogs_agree_with_gnu() -> None:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import gnu_differential
    finally:
        sys.path.remove(str(REPO / "tools"))
    cases = list(gnu_differential.cases(15, 300))
    assert len(set(cases)) > 250  # the generator really varies its cases
    failures = gnu_differential.run(15, 300)
    assert not failures, "\n".join(f"case {i}: {'; '.join(found)}\n  {data!r}"
                                   for i, data, found in failures[:5])
