"""README.md's list of languages is generated from the catalogs and kept current."""

from __future__ import annotations

import shutil
from pathlib import Path

from appeal_i18n.config import load_config
from appeal_i18n.coverage import status
from appeal_i18n.readme import languages_table, main, refresh
from tests.conftest import REPO


def test_readme_languages_are_current() -> None:
    outcome = refresh(load_config(REPO), REPO / "README.md", check=True)
    assert not outcome.changed, "README.md is stale: run `make readme`"


def test_table_lists_every_language_with_its_own_name() -> None:
    table = languages_table(status(load_config(REPO)))
    for name in ("українська (Ukrainian)", "русский (Russian)", "العربية (Arabic)"):
        assert name in table


def test_refresh_reflects_a_missing_translation(project: Path) -> None:
    shutil.copy(REPO / "README.md", project / "README.md")
    po = project / "locales" / "uk" / "LC_MESSAGES" / "letter.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgid "Free people first."')
    end = text.index("\n\n", start)
    po.write_text(text[:start] + 'msgid "Free people first."\nmsgstr ""' + text[end:],
                  encoding="utf-8")
    assert main([str(project / "README.md"), "--check"]) == 1
    assert main([str(project / "README.md")]) == 0
    assert "| `uk` | 95.0% | 19/20 | 0 | 1 |" in (project / "README.md").read_text(encoding="utf-8")
