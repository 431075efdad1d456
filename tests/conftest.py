"""Shared fixtures: the repository root, the shared test data, a temporary project copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "testdata"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of this project (sources, settings, catalogs) in a temporary folder."""
    dest = tmp_path / "project"
    dest.mkdir()
    shutil.copy(REPO / "pyproject.toml", dest)
    shutil.copytree(REPO / "source", dest / "source")
    if (REPO / "locales").is_dir():
        shutil.copytree(REPO / "locales", dest / "locales",
                        ignore=shutil.ignore_patterns("*.mo", "*.lock"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    return dest


def needs(tool: str) -> pytest.MarkDecorator:
    """Skip a test when a command-line tool is not installed."""
    return pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} not installed")
