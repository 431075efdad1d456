"""Nothing a user sees changed in the one-rule refactor (issue 13): the bytes that ``all``
writes (``-j1`` and ``-j2``), the output and exit code of ``status`` (every format),
``check``, ``fmt --check`` and ``extract --check`` on this project, and ``status --format
json``, ``check --format json``, ``compile`` and ``fmt`` on the shared real catalogs equal
the manifest ``tests/golden/same-bytes.txt``, made by ``tools/same_bytes.py`` before the
change. PDFs are left out here (their bytes depend on the system's fonts; the script
compares them too). A change meant to alter output remakes the manifest with
``python tools/same_bytes.py --write tests/golden/same-bytes.txt`` and says why.
"""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO


def test_output_bytes_equal_the_manifest() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "same_bytes.py"), "--skip-pdf",
         "--check", str(REPO / "tests" / "golden" / "same-bytes.txt")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
