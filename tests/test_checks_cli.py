"""``appeal-i18n check``: formats, --strict, --list and exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from appeal_i18n.checks import CHECKS
from appeal_i18n.cli import main

DATA = Path(__file__).parent / "data" / "checks"
ROOT = Path(__file__).parent.parent
LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+): (?P<sev>error|warning): \[(?P<code>[a-z-]+)\] .+$")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the letter, the fixture glossary and a clean Ukrainian catalog."""
    (tmp_path / "source").mkdir()
    shutil.copy(ROOT / "source" / "letter.md", tmp_path / "source" / "letter.md")
    catalog_dir = tmp_path / "locales" / "uk" / "LC_MESSAGES"
    catalog_dir.mkdir(parents=True)
    shutil.copy(DATA / "letter.uk.po", catalog_dir / "letter.po")
    shutil.copy(DATA / "glossary.csv", tmp_path / "locales" / "glossary.csv")
    return tmp_path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_clean_project_exits_0_silently(project: Path) -> None:
    assert _run("-C", str(project)) == (0, "", "")


def test_faulty_catalog_text_output(project: Path) -> None:
    faulty = project / "locales" / "uk" / "LC_MESSAGES" / "letter.po"
    shutil.copy(DATA / "faulty.uk.po", faulty)
    code, out, err = _run("-C", str(project))
    assert code == 1
    lines = out.splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert {m["path"] for m in parsed if m} == {"locales/uk/LC_MESSAGES/letter.po"}
    numbers = [int(m["line"]) for m in parsed if m]
    assert numbers == sorted(numbers)
    assert {m["code"] for m in parsed if m} == set(CHECKS) - {"po-syntax"}
    assert "error(s)" in err


def test_json_has_the_same_fields(project: Path) -> None:
    code, out, _ = _run("-C", str(project), "--format", "json", str(DATA / "faulty.uk.po"))
    assert code == 1
    findings = json.loads(out)
    assert findings and all(set(f) == {"path", "line", "severity", "code", "message"}
                            for f in findings)
    text = _run("-C", str(project), str(DATA / "faulty.uk.po"))[1].splitlines()
    assert [f"{f['path']}:{f['line']}: {f['severity']}: [{f['code']}] {f['message']}"
            for f in findings] == text


def test_warnings_fail_only_with_strict(project: Path) -> None:
    path = project / "locales" / "uk" / "LC_MESSAGES" / "letter.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgid "Free people first."',
                                 '#, fuzzy\nmsgid "Free people first."'), encoding="utf-8")
    code, out, _ = _run("-C", str(project))
    assert code == 0
    assert "warning: [fuzzy]" in out
    assert _run("-C", str(project), "--strict")[0] == 1


def test_malformed_catalog_is_reported_and_others_still_checked(project: Path) -> None:
    shutil.copy(DATA / "broken.uk.po", project / "broken.po")
    shutil.copy(DATA / "faulty.uk.po", project / "faulty.po")
    code, out, _ = _run("-C", str(project), str(project / "broken.po"),
                        str(project / "faulty.po"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "broken.po:17: error: [po-syntax] end-of-line within string"
    assert any(line.startswith("faulty.po:") for line in lines[1:])


def test_folders_are_searched(project: Path) -> None:
    assert _run("-C", str(project), str(project / "locales"))[0] == 0


def test_list_shows_every_check() -> None:
    code, out, _ = _run("--list")
    assert code == 0
    rows = [line.split(None, 2) for line in out.splitlines()]
    assert [row[0] for row in rows] == list(CHECKS)
    assert all(row[1] in ("error", "warning") and row[2] for row in rows)
    listed = json.loads(_run("--list", "--format", "json")[1])
    assert {row["code"] for row in listed if row["unsafe"]} >= {"markdown-link", "bidi-control"}


@pytest.mark.parametrize("args", [("--format", "xml"), ("no/such/file.po",), ("--bogus",)])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    assert _run(*args)[0] == 2


def test_malformed_glossary_exits_3(project: Path) -> None:
    (project / "locales" / "glossary.csv").write_text("en,type\nx,nme\n", encoding="utf-8")
    code, _, err = _run("-C", str(project))
    assert code == 3
    assert err.strip() == ("appeal-i18n: locales/glossary.csv:2: unknown type 'nme' "
                           "(expected 'name' or 'term')")


def test_pre_commit_hooks_run_check_and_fmt() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: appeal-i18n-check\n" in text and "entry: appeal-i18n check\n" in text
    assert "- id: appeal-i18n-fmt\n" in text and "entry: appeal-i18n fmt --check\n" in text
