"""Issue 15's workflows, as a new user meets them: nothing silent, nothing lost.

A missing catalog, an unclosed comment, a commit after an edit, an English edit that
would take languages offline, a command with nothing to work on, bad settings, a
language outside CLDR, partial letters, and the README's promises about errors.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from appeal_i18n.cli import main
from appeal_i18n.pofile import read_po
from tests.conftest import REPO, copy_project, needs
from tests.test_build import MOTTO, make_project, translate

PO = "locales/{}/LC_MESSAGES/letter.po"


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [args[0], "-C", str(project), *args[1:]])


def one_error_line(result: Result, code: int) -> str:
    """Assert the README's promise: one ``appeal-i18n:`` line on stderr, the exit code,
    no traceback; return the line."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("appeal-i18n: ")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.output
    return errors[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- A missing or unreadable catalog --------------------------------------------------

COMMANDS = (("check",), ("compile",), ("build", "--format", "html,md,txt"), ("status",),
            ("update",), ("fmt",), ("fmt", "--check"), ("all", "--format", "html"))


@pytest.fixture
def published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with de complete and published (html, md, txt)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    project = make_project(tmp_path / "p", ("de", "uk"))
    translate(project, "de", lambda lang, msgid: "[de] " + msgid)
    result = run(project, "build", "--format", "html,md,txt")
    assert result.exit_code == 0, result.output
    assert (project / "dist" / "de" / "letter.html").is_file()
    return project


@pytest.mark.parametrize("damage", ["broken link", "folder"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_missing_catalog_is_exit_3_everywhere(published: Path, damage: str,
                                                command: tuple[str, ...]) -> None:
    po = published / PO.format("de")
    po.unlink()
    if damage == "folder":
        po.mkdir()
    else:
        po.symlink_to(published / "nowhere.po")
    letters = snapshot(published / "dist" / "de")
    line = one_error_line(run(published, *command), 3)
    assert line.startswith(f"appeal-i18n: {PO.format('de')}: ")
    assert ("folder" if damage == "folder" else "broken symbolic link") in line
    assert snapshot(published / "dist" / "de") == letters  # the build deleted nothing
    assert po.is_symlink() or po.is_dir()  # and nothing replaced the link or the folder


def test_a_catalog_missing_from_a_language_is_exit_3(published: Path) -> None:
    (published / PO.format("de")).unlink()
    for command in (("check",), ("compile",), ("build",)):
        line = one_error_line(run(published, *command), 3)
        assert line == (f"appeal-i18n: {PO.format('de')}: catalog not found "
                        "(`appeal-i18n update` creates it)")
    assert run(published, "update").exit_code == 0  # which it does
    assert (published / PO.format("de")).is_file()


# --- The source: unclosed comments, notes and markers with nothing to describe ---------

@pytest.mark.parametrize(("edit", "line", "message"), [
    (lambda text: text.replace("<!-- i18n: The campaign's motto. -->",
                               "<!-- i18n: The campaign's motto."), 32, "unclosed HTML comment"),
    (lambda text: text + "\n<!-- i18n: A note about nothing. -->\n", None,
     "i18n note is not followed by a block"),
    (lambda text: text + "\n<!-- signature -->\n", None,
     "signature marker is not followed by a block"),
    (lambda text: text + "\n<!-- an ordinary comment\n", None, "unclosed HTML comment"),
])
def test_source_comment_faults_name_the_line(project: Path, edit: object, line: int | None,
                                             message: str) -> None:
    source = project / "source" / "letter.md"
    text = source.read_text(encoding="utf-8")
    assert callable(edit)
    new = edit(text)
    source.write_text(new, encoding="utf-8")
    before = snapshot(project / "locales")
    expected = line or next(i for i, row in enumerate(new.splitlines(), 1)
                            if row.startswith("<!--") and i > len(text.splitlines()))
    error = one_error_line(run(project, "all"), 3)
    assert error.startswith(f"appeal-i18n: source/letter.md:{expected}: {message}")
    assert snapshot(project / "locales") == before


# --- POT-Creation-Date: the same committed or not --------------------------------------

@needs("git")
def test_extract_check_passes_after_edit_all_commit(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_project(tmp_path / "repo")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*args: str, date: str) -> None:
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True,
                       env={**env, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})

    git("init", "-q", date="2025-08-01T10:00:00Z")
    result = run(project, "all", "--format", "txt", "--min-coverage", "0")
    assert result.exit_code == 0, result.output
    git("add", "-A", date="2025-08-01T10:00:00Z")
    git("commit", "-qm", "letter", date="2025-08-01T10:00:00Z")
    assert run(project, "extract", "--check").exit_code == 0
    pot = project / "locales" / "letter.pot"
    kept = read_po(pot).header_field("POT-Creation-Date")  # the unchanged template's

    source = project / "source" / "letter.md"
    source.write_text(source.read_text(encoding="utf-8").replace(MOTTO, "Free people now."),
                      encoding="utf-8")
    assert run(project, "all", "--format", "txt", "--min-coverage", "0").exit_code == 0
    edited = pot.read_bytes()
    assert read_po(pot).header_field("POT-Creation-Date") == "2025-08-01 10:00+0000" != kept
    git("add", "-A", date="2025-09-15T12:30:00Z")
    git("commit", "-qm", "edit", date="2025-09-15T12:30:00Z")
    result = run(project, "extract", "--check")
    assert result.exit_code == 0, result.output
    result = run(project, "all", "--format", "txt", "--min-coverage", "0")
    assert result.exit_code == 0, result.output
    assert "letter.pot" not in result.stdout and pot.read_bytes() == edited
    # SOURCE_DATE_EPOCH still decides when it is set.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    assert run(project, "extract").exit_code == 0
    assert read_po(pot).header_field("POT-Creation-Date") == "2025-08-14 10:00+0000"


# --- Never unpublish silently ------------------------------------------------------------

def test_an_english_edit_that_unpublishes_is_an_error(published: Path) -> None:
    source = published / "source" / "letter.md"
    source.write_text(source.read_text(encoding="utf-8").replace(MOTTO, "Free people now."),
                      encoding="utf-8")
    dist = published / "dist"
    md_before = (dist / "de" / "letter.md").read_text(encoding="utf-8")
    # Kept: the last published letters are built again, marked as an earlier version.
    result = run(published, "all", "--format", "html,md,txt", "--keep-published")
    assert result.exit_code == 0, result.output
    assert "kept as an earlier version: de (published before, now 95.0% translated;" \
        in result.stderr
    earlier = "Dies ist eine frühere Fassung des Briefes"
    md = (dist / "de" / "letter.md").read_text(encoding="utf-8")
    assert after_front_matter(md).startswith(f"> {earlier}")
    assert md.endswith(after_front_matter(md_before))
    assert f"[de] {MOTTO}" in md and "Free people now." not in md
    assert (dist / "de" / "letter.txt").read_text(encoding="utf-8").startswith(f"* {earlier}")
    page = (dist / "de" / "letter.html").read_text(encoding="utf-8")
    assert f'<p class="note" role="note">{earlier}' in page
    assert f"[de] {MOTTO}" in page
    manifest = json.loads((dist / "published.json").read_text(encoding="utf-8"))
    assert manifest["earlier"] == ["de"] and "de" not in manifest["published"]
    assert run(published, "build", "--format", "html,md,txt", "--keep-published").exit_code == 0
    assert (dist / "de" / "letter.md").read_text(encoding="utf-8") == md  # stable
    # Not kept: the letters go, and that is an error with a summary.
    result = run(published, "build", "--format", "html,md,txt")
    assert result.exit_code == 4, result.output
    assert "unpublished: de (published before, now 95.0% translated;" in result.stderr
    assert not (published / "dist" / "de" / "letter.html").exists()
    assert run(published, "build", "--format", "html,md,txt").exit_code == 0  # said once
    # The setting keeps them too.
    assert run(published, "build", "--min-coverage", "90").exit_code == 0
    with (published / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write("keep-published = true\n")
    result = run(published, "build")
    assert result.exit_code == 0, result.output
    assert "kept as an earlier version: de" in result.stderr


# --- Nothing to check is not a pass ----------------------------------------------------

@pytest.mark.parametrize("command", [("status",), ("status", "--fail-under", "100"),
                                     ("check",), ("check", "--strict"), ("compile",),
                                     ("fmt", "--check"), ("update",), ("build",)], ids=" ".join)
def test_nothing_to_work_on_is_exit_2(tmp_path: Path, command: tuple[str, ...]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    one_error_line(run(empty, *command), 2)
    one_error_line(run(tmp_path / "no-such-folder", *command), 2)


def test_outside_a_project_in_the_current_folder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    for args in (["status"], ["check"], ["check", "--strict"], ["compile"], ["fmt", "--check"],
                 ["check", "notes"], ["status", "notes"], ["fmt", "notes"]):
        result = CliRunner().invoke(main, args)
        one_error_line(result, 2)


# --- update checks every input before writing ------------------------------------------

def test_update_writes_nothing_when_one_catalog_is_malformed(project: Path) -> None:
    source = project / "source" / "letter.md"
    source.write_text(source.read_text(encoding="utf-8").replace(MOTTO, "Free people now."),
                      encoding="utf-8")
    assert run(project, "extract").exit_code == 0
    broken = project / PO.format("uk")
    broken.write_bytes(broken.read_bytes() + b'\nmsgid "unterminated\n')
    before = snapshot(project / "locales")
    line = one_error_line(run(project, "update"), 3)
    assert line.startswith(f"appeal-i18n: {PO.format('uk')}:")
    assert snapshot(project / "locales") == before


# --- Settings -----------------------------------------------------------------------------

@pytest.mark.parametrize(("settings", "line", "message"), [
    ('output = "."', 2, "output '.' is the project folder or holds it"),
    ('output = ".."', 2, "output '..' is the project folder or holds it"),
    ('output = "locales"', 2, "output 'locales' overlaps the locales folder"),
    ('output = "locales/site"', 2, "output 'locales/site' overlaps the locales folder"),
    ('output = "source"', 2, "output 'source' overlaps the source folder"),
    ('languages = ["uk", "de", "uk"]', 2, "languages lists 'uk' more than once"),
    ('languages = ["pt-br", "pt_BR"]', 2, "languages lists 'pt_BR' more than once"),
])
def test_settings_that_would_do_harm_are_refused(project: Path, settings: str, line: int,
                                                 message: str) -> None:
    (project / "pyproject.toml").write_text(f"[tool.appeal-i18n]\n{settings}\n",
                                            encoding="utf-8")
    for command in ("status", "build"):
        error = one_error_line(run(project, command), 3)
        assert error.startswith(f"appeal-i18n: pyproject.toml:{line}: {message}"), error


@pytest.mark.parametrize("table", ["appeal_i18n", "appeal-i18N", "appeal-18n", "appeal.i18n"])
def test_a_misspelled_settings_table_is_refused(project: Path, table: str) -> None:
    (project / "pyproject.toml").write_text(
        f'[project]\nname = "x"\n\n[tool.{table}]\noutput = "site"\n', encoding="utf-8")
    error = one_error_line(run(project, "build"), 3)
    name = table.split(".")[0] if "." in table else table
    assert error == (f"appeal-i18n: pyproject.toml:4: unknown table [tool.{name}]: the "
                     "settings table is [tool.appeal-i18n]")
    assert not (project / "dist").exists()


# --- Languages outside CLDR ---------------------------------------------------------------

@needs("msgfmt")
def test_init_crimean_tatar(project: Path) -> None:
    shutil.rmtree(project / "locales" / "crh")  # crh ships: start it again
    (project / "locales" / "glossary.csv").unlink()  # "[crh] English" is no translation
    result = run(project, "init", "crh")
    assert result.exit_code == 0, result.output
    po = project / PO.format("crh")
    catalog = read_po(po)
    assert catalog.header_field("Plural-Forms") == "nplurals=1; plural=0;"
    assert catalog.header_field("Language-Team") == "Crimean Tatar"
    subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po)], check=True)
    translate(project, "crh", lambda lang, msgid: "[crh] " + msgid)
    result = run(project, "build", "--format", "html")
    assert result.exit_code == 0, result.output
    page = (project / "dist" / "crh" / "letter.html").read_text(encoding="utf-8")
    assert '<html lang="crh" dir="ltr">' in page
    assert "Qırımtatarca" in (project / "dist" / "index.html").read_text(encoding="utf-8")
    assert run(project, "check", str(po)).exit_code == 0


def test_init_takes_plural_forms(project: Path) -> None:
    shutil.rmtree(project / "locales" / "crh")  # crh ships: start it again
    assert run(project, "init", "crh", "--plural-forms", "nplurals=2;  plural=(n != 1);"
               ).exit_code == 0
    assert read_po(project / PO.format("crh")).header_field("Plural-Forms") == \
        "nplurals=2; plural=(n != 1);"
    error = one_error_line(run(project, "init", "tt", "--plural-forms", "nplurals=1; plural=n;"),
                           2)
    assert "invalid --plural-forms" in error
    assert not (project / "locales" / "tt").exists()
    assert "unknown language code 'qqq'" in one_error_line(run(project, "init", "qqq"), 2)


# --- Partial letters say so in every format ------------------------------------------------

def after_front_matter(markdown: str) -> str:
    """A Markdown letter without its front matter (``---`` ... ``---``) and the blank line."""
    assert markdown.startswith("---\n")
    return markdown.split("\n---\n", 1)[1].lstrip("\n")


def test_partial_text_and_markdown_carry_the_note(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    project = make_project(tmp_path / "p", ("de", "nl"))
    for lang in ("de", "nl"):
        translate(project, lang, lambda lang, msgid: None if msgid == MOTTO
                  else f"[{lang.replace('_', '-')}] " + msgid)
    result = run(project, "build", "--min-coverage", "50", "--format", "html,md,txt")
    assert result.exit_code == 0, result.output
    dist = project / "dist"
    german = "Einige Abschnitte sind noch nicht übersetzt und erscheinen auf Englisch."
    # The note is the first block after the front matter (before it, the front matter
    # would be read as a paragraph).
    assert after_front_matter((dist / "de" / "letter.md").read_text(encoding="utf-8")
                              ).startswith(f"> {german}\n")
    text = (dist / "de" / "letter.txt").read_text(encoding="utf-8")
    assert " ".join(text.split("\n\n")[0].split()) == f"* {german}"
    # No Dutch note: the English one, labelled with its language in Dutch.
    english = "Some passages are not yet translated and are shown in English."
    md = (dist / "nl" / "letter.md").read_text(encoding="utf-8")
    assert after_front_matter(md).startswith(f"> \\[Engels] {english}\n")
    txt = (dist / "nl" / "letter.txt").read_text(encoding="utf-8")
    assert " ".join(txt.split("\n\n")[0].split()) == f"* [Engels] {english}"
    html = (dist / "nl" / "letter.html").read_text(encoding="utf-8")
    assert f'<p class="note" role="note" lang="en">{english}</p>' in html
    # A complete letter has no note.
    translate(project, "de", lambda lang, msgid: "[de] " + msgid)
    assert run(project, "build", "--format", "md,txt", "--min-coverage", "50").exit_code == 0
    assert "Einige" not in (dist / "de" / "letter.md").read_text(encoding="utf-8")
    assert "Einige" not in (dist / "de" / "letter.txt").read_text(encoding="utf-8")


# --- One line per error: the README's promises, for every command ------------------------

def readme_exit_codes() -> dict[int, str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text[text.index("### Exit codes"):]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\| (\d+) \| (.+) \|$", table,
                                                              re.MULTILINE)}


ALL_COMMANDS = ("extract", "init", "update", "compile", "build", "all", "status", "check", "review",
                "fmt")


def test_every_command_is_in_the_readme_and_its_exit_codes_are_documented() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert sorted(main.commands) == sorted(ALL_COMMANDS)
    for name in ALL_COMMANDS:
        assert f"`appeal-i18n {name}" in text
    from appeal_i18n import errors

    codes = {value for key, value in vars(errors).items() if key.startswith("EXIT_")}
    assert codes <= set(readme_exit_codes())


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_usage_errors_are_one_line_exit_2(project: Path, command: str) -> None:
    for args in (["--no-such-option"], ["--format"] if command in ("status", "check") else
                 ["-C"]):
        result = CliRunner().invoke(main, [command, *args])
        line = one_error_line(result, 2)
        assert "Usage:" not in result.output
        assert line.endswith(f"(see `appeal-i18n {command} --help`)") or "-C" in line \
            or "--format" in line
    one_error_line(CliRunner().invoke(main, ["no-such-command"]), 2)


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_malformed_input_is_one_line_exit_3(project: Path, command: str) -> None:
    assert run(project, "extract").exit_code == 0
    po = project / PO.format("uk")
    po.write_bytes(po.read_bytes() + b'\nmsgid "unterminated\n')
    (project / "locales" / "letter.pot").write_bytes(
        (project / "locales" / "letter.pot").read_bytes() + b'\nmsgid "x\n')
    source = project / "source" / "letter.md"
    source.write_bytes(source.read_bytes() + b"\n<!-- i18n: dangling -->\n")
    args = {"init": ["nl"], "check": [], "status": [], "fmt": ["--check"],
            "review": ["uk", "--by", "A Reader"]}.get(command, [])
    result = run(project, command, *args)
    if command == "check":  # a malformed catalog is a finding of check, exit 1
        assert result.exit_code == 1
        assert f"{PO.format('uk')}:" in result.stdout
        return
    if command == "status":  # the table, then the error line
        assert result.exit_code == 3
        assert result.stderr.startswith(f"appeal-i18n: {PO.format('uk')}:")
        return
    line = one_error_line(result, 3)
    assert re.match(r"appeal-i18n: (source/letter\.md|locales/[\w/]+\.pot?):\d+: ", line), line


# --- Smaller things ------------------------------------------------------------------------

def test_min_coverage_0_publishes_a_0_percent_language(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    project = make_project(tmp_path / "p", ("de",))
    result = run(project, "build", "--min-coverage", "0", "--format", "html")
    assert result.exit_code == 0, result.output
    assert (project / "dist" / "de" / "letter.html").is_file()
    assert run(project, "build", "--min-coverage", "0%", "--format", "html").exit_code == 0


def test_a_build_of_some_formats_leaves_no_stale_files(published: Path) -> None:
    result = run(published, "build", "--format", "md")
    assert result.exit_code == 0, result.output
    for lang in ("en", "de"):
        assert sorted(p.name for p in (published / "dist" / lang).iterdir()) == ["letter.md"]
        assert f"removed dist/{lang}/letter.html" in result.stdout


def test_status_and_the_index_show_the_same_figure(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755165600")
    project = make_project(tmp_path / "p", ("de",))
    # 19 messages (without the share description), 18 translated: 94.736...%.
    source = project / "source" / "letter.md"
    source.write_text("".join(line for line in source.read_text(encoding="utf-8")
                              .splitlines(keepends=True)
                              if not line.startswith("description:")), encoding="utf-8")
    assert run(project, "extract").exit_code == 0
    assert run(project, "update").exit_code == 0
    translate(project, "de", lambda lang, msgid: None if msgid == MOTTO else "[de] " + msgid)
    status = run(project, "status")
    assert " 94.7%" in status.stdout
    assert run(project, "build", "--format", "html").exit_code == 0
    index = (project / "dist" / "index.html").read_text(encoding="utf-8")
    assert "94.7%" in index and "94.74" not in index
    dashboard = (project / "dist" / "coverage.html").read_text(encoding="utf-8")
    assert "94.7%" in dashboard and "94.74" not in dashboard


def test_fmt_takes_folders_and_current_folder_paths(project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    po = project / PO.format("de")
    canonical = po.read_bytes()
    po.write_bytes(canonical + b"\n\n")  # not msgcat's bytes
    monkeypatch.chdir(project.parent)
    # The path is the current folder's, as for check and status, not -C's.
    rel = f"project/{PO.format('de')}"
    assert CliRunner().invoke(main, ["fmt", "--check", "-C", str(project), rel]).exit_code == 1
    result = CliRunner().invoke(main, ["fmt", "project/locales"])
    assert result.exit_code == 0, result.output
    assert po.read_bytes() == canonical
    assert CliRunner().invoke(main, ["fmt", "--check", "project/locales"]).exit_code == 0
    one_error_line(CliRunner().invoke(main, ["fmt", PO.format("de")]), 2)  # not from -C


def test_fail_under_takes_a_percent_sign(project: Path) -> None:
    assert run(project, "status", "--fail-under", "50%").exit_code == 0
    assert run(project, "status", "--fail-under", "100 %").exit_code == 0
    one_error_line(run(project, "status", "--fail-under", "101%"), 2)


def test_update_pot_mode_writes_nothing_when_one_catalog_is_malformed(tmp_path: Path) -> None:
    pot = tmp_path / "a.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "new"\nmsgstr ""\n', encoding="utf-8")
    good, bad = tmp_path / "good.po", tmp_path / "bad.po"
    good.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "old"\nmsgstr "alt"\n', encoding="utf-8")
    bad.write_text('msgid "x\n', encoding="utf-8")
    before = good.read_bytes()
    result = CliRunner().invoke(main, ["update", "--pot", str(pot), str(good), str(bad)])
    assert one_error_line(result, 3).startswith(f"appeal-i18n: {bad}:1: ")
    assert good.read_bytes() == before


def test_all_reports_what_it_wrote_before_a_malformed_catalog(project: Path) -> None:
    source = project / "source" / "letter.md"
    source.write_text(source.read_text(encoding="utf-8").replace(MOTTO, "Free people now."),
                      encoding="utf-8")
    broken = project / PO.format("uk")  # the last language: the others come first
    broken.write_bytes(broken.read_bytes() + b'\nmsgid "unterminated\n')
    for jobs in ("1", "2"):
        result = run(project, "all", "-j", jobs)
        assert one_error_line(result, 3).startswith(f"appeal-i18n: {PO.format('uk')}:")
        if jobs == "1":  # the second run finds them written already
            assert "wrote locales/letter.pot" in result.stdout
            assert f"updated {PO.format('ar')}" in result.stdout
            assert f"updated {PO.format('ru')}" in result.stdout
            assert not (project / "dist").exists()
