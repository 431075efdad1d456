"""``appeal-i18n status``: each format on the fixture project, exit codes, colour.

The expected outputs are in ``tests/data/coverage/expected/``; to refresh them after an
intended change, run ``UPDATE_GOLDEN=1 pytest tests/test_status.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from appeal_i18n.cli import main
from appeal_i18n.report import wants_color

DATA = Path(__file__).parent / "data" / "coverage"
EXPECTED = DATA / "expected"


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    """The coverage fixture project (uk complete, de partial, fr empty) in tmp_path."""
    dest = tmp_path / "project"
    shutil.copytree(DATA / "project", dest)
    return dest


def status(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["status", "-C", str(project), *args])


def golden(name: str, text: str) -> None:
    path = EXPECTED / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "args"), [
    ("status.txt", ()),
    ("status-passages.txt", ("--passages",)),
    ("status.json", ("--format", "json")),
    ("status-passages.json", ("--format", "json", "--passages")),
    ("status.csv", ("--format", "csv")),
    ("status.md", ("--format", "markdown", "--passages")),
])
def test_format_output(proj: Path, name: str, args: tuple[str, ...]) -> None:
    result = status(proj, *args)
    assert result.exit_code == 0, result.output
    golden(name, result.stdout)


def test_json_schema(proj: Path) -> None:
    doc = json.loads(status(proj, "--format", "json").stdout)
    assert doc["version"] == 1
    assert {c["path"] for c in doc["catalogs"]} == {
        "locales/de/LC_MESSAGES/letter.po", "locales/fr/LC_MESSAGES/letter.po",
        "locales/uk/LC_MESSAGES/letter.po", "locales/uk/LC_MESSAGES/note.po"}
    for entry in doc["catalogs"]:
        assert set(entry) >= {"path", "language", "domain", "messages", "words", "percent",
                              "empty", "last_translator", "revision_date"}
        msgs = entry["messages"]
        assert msgs["total"] == msgs["translated"] + msgs["fuzzy"] + msgs["untranslated"]
        assert set(entry["words"]) >= {"total", "translated", "fuzzy", "untranslated"}
        assert isinstance(entry["percent"], float)
    assert [lang["language"] for lang in doc["languages"]] == ["de", "fr", "uk"]
    assert doc["errors"] == []


def test_csv_parses(proj: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(status(proj, "--format", "csv").stdout)))
    assert [r["kind"] for r in rows] == ["catalog"] * 4 + ["language"] * 3
    de = rows[0]
    assert (de["language"], de["messages_fuzzy"], de["percent"]) == ("de", "1", "25.00")


def test_paths_select_catalogs_also_outside_project(proj: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "po"
    outside.mkdir(parents=True)
    shutil.copy(proj / "locales" / "de" / "LC_MESSAGES" / "letter.po", outside / "pl.po")
    result = status(proj, "--format", "json", str(outside), str(proj / "locales" / "uk"))
    doc = json.loads(result.stdout)
    assert [c["path"] for c in doc["catalogs"]] == [
        (outside / "pl.po").as_posix(), "locales/uk/LC_MESSAGES/letter.po",
        "locales/uk/LC_MESSAGES/note.po"]
    # The Language header (de) wins over the path (pl); the domain comes from the folder.
    assert (doc["catalogs"][0]["language"], doc["catalogs"][0]["domain"]) == ("de", "po")


def test_fail_under(proj: Path) -> None:
    assert status(proj, "--fail-under", "0").exit_code == 0
    result = status(proj, "--fail-under", "20")
    assert result.exit_code == 1
    assert result.stderr == "below 20%: fr (0.0% translated)\n"
    assert status(proj, "--fail-under", "100", str(proj / "locales" / "uk")).exit_code == 0
    result = status(proj, "--fail-under", "100", str(proj / "locales" / "de"))
    assert (result.exit_code, result.stderr) == (1, "below 100%: de (25.0% translated)\n")


def test_bad_catalog_exit_3_others_reported(proj: Path) -> None:
    bad = proj / "locales" / "pl" / "LC_MESSAGES" / "letter.po"
    bad.parent.mkdir(parents=True)
    bad.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b\n', encoding="utf-8")
    result = status(proj, "--fail-under", "100")
    assert result.exit_code == 3
    assert result.stderr.startswith("appeal-i18n: locales/pl/LC_MESSAGES/letter.po:5: ")
    assert "locales/uk/LC_MESSAGES/letter.po" in result.stdout
    doc = json.loads(status(proj, "--format", "json").stdout)
    assert doc["errors"][0]["path"] == "locales/pl/LC_MESSAGES/letter.po"
    assert doc["errors"][0]["line"] == 5


def test_usage_errors_exit_2(proj: Path) -> None:
    assert status(proj, str(proj / "missing.po")).exit_code == 2
    assert status(proj, "--format", "csv", "--passages").exit_code == 2
    assert status(proj, "--fail-under", "101").exit_code == 2


def test_no_catalogs_is_a_usage_error(tmp_path: Path) -> None:
    # Counting nothing must not pass a CI step (issue 15): say so, exit 2.
    for args in ((), ("--fail-under", "100")):
        result = status(tmp_path, *args)
        assert result.exit_code == 2
        assert result.stderr == "appeal-i18n: no catalogs to count in locales\n"


def test_no_color_rule() -> None:
    assert wants_color(isatty=True, environ={})
    assert wants_color(isatty=True, environ={"NO_COLOR": ""})
    assert not wants_color(isatty=True, environ={"NO_COLOR": "1"})
    assert not wants_color(isatty=False, environ={})


def _on_terminal(project: Path, env: dict[str, str]) -> str:
    """Run ``status`` with stdout on a pseudo-terminal and return what it printed."""
    leader, follower = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "appeal_i18n", "status", "-C", str(project)],
                          stdout=follower, stderr=subprocess.PIPE, env=env, check=False,
                          timeout=60)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.returncode == 0, proc.stderr
    return b"".join(chunks).decode()


def test_colour_on_terminal_and_no_color(proj: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[32m" in _on_terminal(proj, env)
    assert "\x1b[" not in _on_terminal(proj, {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in status(proj).stdout  # not a terminal


def test_hostile_text_never_reaches_terminal(tmp_path: Path) -> None:
    po = tmp_path / "uk.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: uk\\n"\n"Last-Translator: \\033[2J evil\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "x \\033]0;title\\007"\nmsgstr ""\n', encoding="utf-8")
    result = status(tmp_path, "--passages", str(po))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "?[2J evil" in result.stdout
