"""End to end: the CLI on a temporary copy of the project."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from appeal_i18n.cli import main
from appeal_i18n.model import TRANSLATED, state
from appeal_i18n.pofile import read_po
from appeal_i18n.source import load_document
from tests.conftest import needs


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-h"] if not args else [args[0], "-C", str(project),
                                                             *args[1:]])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_all_edit_update_cycle(project: Path) -> None:
    result = run(project, "all", "--min-coverage", "0")
    assert result.exit_code == 0, result.output
    locales = project / "locales"
    for lang in ("uk", "ru"):
        assert (locales / lang / "LC_MESSAGES" / "letter.po").is_file()
        assert (locales / lang / "LC_MESSAGES" / "letter.mo").is_file()

    # A second run changes nothing.
    before = snapshot(project)
    assert run(project, "all", "--min-coverage", "0").exit_code == 0
    assert snapshot(project) == before
    assert run(project, "update", "--check").exit_code == 0

    # Translate a passage, then edit it in the source: it becomes fuzzy with its previous msgid.
    po_path = locales / "uk" / "LC_MESSAGES" / "letter.po"
    text = po_path.read_text(encoding="utf-8")
    text = text.replace('msgid "Free people first."\nmsgstr ""',
                        'msgid "Free people first."\nmsgstr "Насамперед — звільніть людей."')
    po_path.write_text(text, encoding="utf-8")
    source = project / "source" / "letter.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Free people first.", "Free the people first."), encoding="utf-8")
    assert run(project, "extract").exit_code == 0
    assert run(project, "update", "--check").exit_code == 1
    result = run(project, "update")
    assert result.exit_code == 0, result.output
    entry = next(e for e in read_po(po_path).messages if e.msgid == "Free the people first.")
    assert entry.fuzzy
    assert entry.previous_msgid == "Free people first."
    assert entry.msgstr == "Насамперед — звільніть людей."

    # A second update changes no byte.
    before = snapshot(locales)
    assert run(project, "update").exit_code == 0
    assert snapshot(locales) == before


@needs("msgfmt")
def test_catalogs_pass_msgfmt(project: Path) -> None:
    assert run(project, "all", "--min-coverage", "0").exit_code == 0
    files = sorted((project / "locales").rglob("*.po")) + sorted(
        (project / "locales").glob("*.pot"))
    assert files
    for path in files:
        proc = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr


def test_build_outputs(project: Path) -> None:
    assert run(project, "all", "--min-coverage", "0").exit_code == 0
    dist = project / "dist"
    doc = load_document(project / "source" / "letter.md", relpath="source/letter.md")
    english = (dist / "en" / "letter.md").read_text(encoding="utf-8")
    for passage in doc.passages:
        assert passage.text in english
    uk = read_po(project / "locales" / "uk" / "LC_MESSAGES" / "letter.po")
    translated = [e for e in uk.messages if state(e) == TRANSLATED]
    if not translated:
        pytest.skip("no Ukrainian translation yet")
    html = (dist / "uk" / "letter.html").read_text(encoding="utf-8")
    assert '<html lang="uk" dir="ltr">' in html
    sample = next(e for e in translated if "*" not in e.msgstr and "[" not in e.msgstr)
    assert sample.msgstr.replace("’", "’") in html


def test_init_refuses_bad_language_and_existing_catalog(project: Path) -> None:
    assert run(project, "extract").exit_code == 0
    result = run(project, "init", "xx")
    assert result.exit_code == 2
    assert "unknown language code 'xx'" in result.output
    result = run(project, "init", "not a code")
    assert result.exit_code == 2
    assert run(project, "init", "nl").exit_code == 0
    po = project / "locales" / "nl" / "LC_MESSAGES" / "letter.po"
    catalog = read_po(po)
    assert catalog.header_field("Language") == "nl"
    assert catalog.header_field("Plural-Forms", ) is not None
    before = po.read_bytes()
    result = run(project, "init", "nl")
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert po.read_bytes() == before


def test_malformed_catalog_is_one_line_error(project: Path) -> None:
    assert run(project, "all", "--min-coverage", "0").exit_code == 0
    po = project / "locales" / "uk" / "LC_MESSAGES" / "letter.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith('msgid "Respectfully,"'))
    lines[index] = 'msgid "Respectfully,'
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["update", "-C", str(project)])
    assert result.exit_code == 3
    assert f"locales/uk/LC_MESSAGES/letter.po:{index + 1}:" in result.output
    assert "Traceback" not in result.output


def test_project_option_on_group_and_command(project: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["-C", str(project), "extract", "--check"],
                 ["extract", "--check", "-C", str(project)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (0, 1), result.output
        assert "source folder not found" not in result.output
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 2
    assert "source: source folder not found" in result.output


def test_fmt_without_paths_formats_the_project(project: Path) -> None:
    assert run(project, "all", "--min-coverage", "0").exit_code == 0
    po = project / "locales" / "de" / "LC_MESSAGES" / "letter.po"
    canonical = po.read_bytes()
    # A Poedit-style save: one long line instead of GNU's wrapping.
    catalog = read_po(po)
    long_entry = next(e for e in catalog.messages if len(e.msgstr) > 200)
    text = canonical.decode()
    start = text.index(f"#: {long_entry.references[0]}")
    end = text.index("\n\n", start)
    escaped = long_entry.msgstr.replace("\\", "\\\\").replace('"', '\\"')
    head = text[start:end].split("msgstr", 1)[0]
    po.write_text(text[:start] + head + f'msgstr "{escaped}"' + text[end:], encoding="utf-8")
    assert run(project, "fmt", "--check").exit_code == 1
    assert run(project, "fmt").exit_code == 0
    assert po.read_bytes() == canonical
    assert run(project, "fmt", "--check").exit_code == 0


def test_bad_settings_name_the_line(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.appeal-i18n]\nsource = "src\n',
                                            encoding="utf-8")
    result = run(project, "status")
    assert result.exit_code == 3
    assert result.output.startswith("appeal-i18n: pyproject.toml:2: invalid TOML")
    (project / "pyproject.toml").write_text('[tool.appeal-i18n]\nsource = "src"\nlangs = 1\n',
                                            encoding="utf-8")
    result = run(project, "status")
    assert result.exit_code == 3
    assert "pyproject.toml:3: unknown setting 'langs'" in result.output


def test_concurrent_updates_equal_one_update(project: Path) -> None:
    assert run(project, "all", "--min-coverage", "0").exit_code == 0
    source = project / "source" / "letter.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Free people first.", "Free the people first."), encoding="utf-8")
    assert run(project, "extract").exit_code == 0
    reference = project.parent / "reference"
    shutil.copytree(project, reference)
    assert run(reference, "update").exit_code == 0
    procs = [subprocess.Popen([sys.executable, "-m", "appeal_i18n", "update", "-C", str(project)],
                              stdout=subprocess.DEVNULL) for _ in range(3)]
    assert all(p.wait() == 0 for p in procs)
    for po in sorted((reference / "locales").rglob("*.po")):
        assert (project / po.relative_to(reference)).read_bytes() == po.read_bytes()
    assert not list((project / "locales").rglob("*.lock"))


def test_version_answers_without_importing_click() -> None:
    code = ("import sys, atexit; sys.argv = ['appeal-i18n', '--version'];"
            "atexit.register(lambda: print('click' in sys.modules));"
            "from appeal_i18n.entry import main; main()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out == "appeal-i18n, version 0.1.0\nFalse\n"
    result = CliRunner().invoke(main, ["--version"])
    assert result.output == "appeal-i18n, version 0.1.0\n"
