"""Shared fixtures: the repository root, the shared test data, a temporary project copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Tests assert behaviour, never time: no per-example deadline (a loaded CI machine is slow).
settings.register_profile("appeal", deadline=None)
settings.load_profile("appeal")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "testdata"


def copy_project(dest: Path) -> Path:
    """Copy this project (sources, settings, catalogs; no MO files) to ``dest``, a new folder."""
    dest.mkdir()
    shutil.copy(REPO / "pyproject.toml", dest)
    shutil.copytree(REPO / "source", dest / "source")
    if (REPO / "locales").is_dir():
        shutil.copytree(REPO / "locales", dest / "locales",
                        ignore=shutil.ignore_patterns("*.mo", "*.lock"))
    return dest


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of this project (sources, settings, catalogs) in a temporary folder."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    return copy_project(tmp_path / "project")


def needs(tool: str) -> pytest.MarkDecorator:
    """Skip a test when a command-line tool is not installed."""
    return pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} not installed")


def generated_pair(folder: Path, *, seed: int) -> dict[str, bytes]:
    """A 600-entry catalog of the benchmark's shapes and its template, as the benchmark
    writes them: ``{"a.po": bytes, "a.pot": bytes}``."""
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    import workloads

    entries, template, _ = workloads.big_catalog(600, seed=seed)
    workloads._write_catalog(folder / "a.po", entries, template=False)
    workloads._write_catalog(folder / "a.pot", template, template=True)
    return {name: (folder / name).read_bytes() for name in ("a.po", "a.pot")}
