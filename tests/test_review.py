"""Review state in the catalogs: `review`, its counts in `status`, `check`'s warning, and
the record surviving `update`, `fmt`, GNU msgmerge and msgcat."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from click.testing import CliRunner, Result

from appeal_i18n.cli import main
from appeal_i18n.model import Entry
from appeal_i18n.pofile import read_po
from appeal_i18n.review import (
    CHANGED,
    REVIEWED,
    UNREVIEWED,
    approve,
    fingerprint,
    records,
    review_state,
)
from tests.conftest import needs

UK = Path("locales/uk/LC_MESSAGES/letter.po")
SALUTATION = "source/letter.md:9"


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [args[0], "-C", str(project), *args[1:]])


def review_counts(project: Path, lang: str = "uk") -> dict[str, int]:
    result = run(project, "status", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    counts: dict[str, int] = next(
        x["review"] for x in doc["languages"] if x["language"] == lang)
    return counts


def states(path: Path) -> dict[str, str]:
    return {e.msgid: review_state(e) for e in read_po(path).messages}


def salutation(path: Path) -> Entry:
    return next(e for e in read_po(path).messages if SALUTATION in e.references)


def test_the_digest_covers_context_english_and_translation() -> None:
    base = Entry(msgid="Respectfully,", msgstr="З повагою,")
    variants = [Entry(msgid="Respectfully,", msgstr="З повагою"),
                Entry(msgid="Respectfully", msgstr="З повагою,"),
                Entry(msgid="Respectfully,", msgstr="З повагою,", msgctxt="signature"),
                Entry(msgid="Respectfully,", msgid_plural="x", msgstr_plural=["З повагою,"])]
    assert len({fingerprint(e) for e in [base, *variants]}) == 5
    assert approve(base, name="Olena Kovalenko", date="2026-12-04")
    assert review_state(base) == REVIEWED
    assert not approve(base, name="Olena Kovalenko", date="2026-12-05")  # already recorded
    base.msgstr = "З глибокою повагою,"
    assert review_state(base) == CHANGED
    # The same reader's new approval replaces the stale one; another reader's stays.
    assert approve(base, name="Second Reader", date="2026-12-05")
    assert approve(base, name="Olena Kovalenko", date="2026-12-06")
    assert [(r.name, r.date) for r in records(base)] == [
        ("Second Reader", "2026-12-05"), ("Olena Kovalenko", "2026-12-06")]
    assert review_state(base) == REVIEWED
    # A fuzzy entry is never reviewed, even with a matching digest; a comment that only
    # looks like a record is not one.
    base.flags = ["fuzzy"]
    assert review_state(base) == CHANGED
    assert review_state(Entry(msgid="a", msgstr="b",
                              translator_comments=["reviewed: yesterday by me"])) == UNREVIEWED


def test_shipped_catalogs_record_no_approval(project: Path) -> None:
    result = run(project, "status", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["languages"]
    for lang in doc["languages"]:
        review = lang["review"]
        assert review["reviewed"] == review["changed_since_review"] == 0
        assert review["unreviewed"] == lang["messages"]["total"]


def test_review_one_passage_then_all(project: Path) -> None:
    total = review_counts(project)["unreviewed"]
    result = run(project, "review", "uk", "--by", "Olena Kovalenko", "--passage", SALUTATION)
    assert result.exit_code == 0, result.output
    assert "1 approval(s) recorded" in result.output
    entry = salutation(project / UK)
    assert [(r.name, r.date) for r in records(entry)] == [("Olena Kovalenko", "2025-08-14")]
    assert review_counts(project) == {"reviewed": 1, "changed_since_review": 0,
                                      "unreviewed": total - 1}
    # The same passage by its file name and line; already approved: nothing new, exit 1,
    # and the file is not touched (even when it is not in canonical form).
    po = project / UK
    po.write_bytes(po.read_bytes().replace(b"\n\n#. paragraph", b"\n\n\n#. paragraph", 1))
    before = po.read_bytes()
    result = run(project, "review", "uk", "--by", "Olena Kovalenko", "--passage", "letter.md:9")
    assert result.exit_code == 1
    assert "nothing new to record" in result.output
    assert po.read_bytes() == before
    # Every passage by default.
    result = run(project, "review", "uk", "--by", "Olena Kovalenko", "--document", "letter")
    assert result.exit_code == 0, result.output
    assert review_counts(project) == {"reviewed": total, "changed_since_review": 0,
                                      "unreviewed": 0}
    assert review_counts(project, "de")["reviewed"] == 0
    # Every format shows the counts.
    table = run(project, "status").stdout
    assert "REVIEWED" in table and "CHANGED-SINCE-REVIEW" in table
    assert "Changed since review" in run(project, "status", "--format", "markdown").stdout
    csv_lines = run(project, "status", "--format", "csv").stdout.splitlines()
    assert csv_lines[0].endswith(",reviewed,changed_since_review,unreviewed")
    uk_row = next(line for line in csv_lines if line.startswith("language,,uk,"))
    assert uk_row.endswith(f",{total},0,0")


def test_bad_review_requests_write_nothing(project: Path) -> None:
    before = (project / UK).read_bytes()
    for args, message in (
        (["--passage", "letter.md:7"], "no passage at letter.md:7"),
        (["--document", "nope"], "unknown document 'nope'"),
        (["--date", "2026-13-01"], "invalid date"),
    ):
        result = run(project, "review", "uk", "--by", "X", *args)
        assert result.exit_code == 2, result.output
        assert message in result.output
    assert run(project, "review", "uk", "--by", " ").exit_code == 2
    assert run(project, "review", "xx", "--by", "X").exit_code == 2
    assert "English is the source" in run(project, "review", "en", "--by", "X").output
    # A fuzzy passage cannot be approved by name.
    text = (project / UK).read_text(encoding="utf-8")
    fuzzy = text.replace("#: source/letter.md:9\n", "#: source/letter.md:9\n#, fuzzy\n", 1)
    (project / UK).write_text(fuzzy, encoding="utf-8")
    result = run(project, "review", "uk", "--by", "X", "--passage", SALUTATION)
    assert result.exit_code == 2
    assert "the passage is fuzzy" in result.output
    assert (project / UK).read_text(encoding="utf-8") == fuzzy
    (project / UK).write_bytes(before)


def test_changes_after_review_are_seen_by_status_and_check(project: Path) -> None:
    assert run(project, "review", "uk", "--by", "Olena Kovalenko").exit_code == 0
    assert run(project, "check", str(project / UK)).exit_code == 0
    # A translator edits one translation.
    text = (project / UK).read_text(encoding="utf-8")
    old = salutation(project / UK).msgstr
    (project / UK).write_text(text.replace(f'msgstr "{old}"', f'msgstr "{old} "', 1),
                              encoding="utf-8")
    counts = review_counts(project)
    assert counts["changed_since_review"] == 1
    result = run(project, "check", str(project / UK))
    assert "[changed-since-review] changed since Olena Kovalenko approved it on 2025-08-14" \
        in result.output
    assert result.exit_code == 0  # a warning
    assert run(project, "check", "--strict", str(project / UK)).exit_code == 1
    # Approved again: reviewed.
    assert run(project, "review", "uk", "--by", "Olena Kovalenko", "--passage",
               SALUTATION).exit_code == 0
    assert review_counts(project)["changed_since_review"] == 0


def test_update_keeps_every_record(project: Path) -> None:
    assert run(project, "review", "uk", "--by", "Olena Kovalenko").exit_code == 0
    reviewed = review_counts(project)["reviewed"]
    source = project / "source" / "letter.md"
    text = source.read_text(encoding="utf-8")
    # One passage edited, one removed.
    text = text.replace("Dear President Trump,", "Dear Mr. President Trump,")
    text = text.replace("- older detainees with health conditions\n", "")
    source.write_text(text, encoding="utf-8")
    assert run(project, "extract").exit_code == 0
    assert run(project, "update").exit_code == 0
    catalog = read_po(project / UK)
    edited = next(e for e in catalog.messages if e.msgid == "Dear Mr. President Trump,")
    assert edited.fuzzy and review_state(edited) == CHANGED
    assert [r.name for r in records(edited)] == ["Olena Kovalenko"]
    removed = next(e for e in catalog.obsolete
                   if e.msgid == "older detainees with health conditions")
    assert [r.name for r in records(removed)] == ["Olena Kovalenko"]
    assert review_counts(project) == {"reviewed": reviewed - 2, "changed_since_review": 1,
                                      "unreviewed": 0}
    # A second update changes nothing.
    before = (project / UK).read_bytes()
    assert run(project, "update").exit_code == 0
    assert (project / UK).read_bytes() == before
    # fmt keeps the records byte for byte.
    assert run(project, "fmt", "--check", str(UK)).exit_code == 0


@needs("msgmerge")
def test_gnu_msgmerge_and_msgcat_keep_the_records(project: Path, tmp_path: Path) -> None:
    assert run(project, "review", "uk", "--by", "Olena Kovalenko").exit_code == 0
    po = project / UK
    expected = states(po)
    # msgmerge --previous -U with the same template: every record intact.
    copy = tmp_path / "merged.po"
    shutil.copy(po, copy)
    subprocess.run(["msgmerge", "--quiet", "--previous", "-U", "--backup=off", str(copy),
                    str(project / "locales" / "letter.pot")], check=True)
    assert states(copy) == expected
    assert {e.msgid: records(e) for e in read_po(copy).messages} == {
        e.msgid: records(e) for e in read_po(po).messages}
    # With an edited English: the edited passage is changed since review, the rest reviewed.
    pot = (project / "locales" / "letter.pot").read_text(encoding="utf-8")
    edited_pot = tmp_path / "edited.pot"
    edited_pot.write_text(pot.replace('msgid "Dear President Trump,"',
                                      'msgid "Dear Mr. President Trump,"'), encoding="utf-8")
    subprocess.run(["msgmerge", "--quiet", "--previous", "-U", "--backup=off", str(copy),
                    str(edited_pot)], check=True)
    after = states(copy)
    assert after.pop("Dear Mr. President Trump,") == CHANGED
    del expected["Dear President Trump,"]
    assert after == expected
    # msgcat (GNU's canonical writer) keeps them, and so does ours: same bytes.
    cat = subprocess.run(["msgcat", str(po)], check=True, capture_output=True).stdout
    assert cat == po.read_bytes()


def test_build_require_review_publishes_approved_passages_only(project: Path) -> None:
    args = ["--format", "txt"]
    assert run(project, "review", "uk", "--by", "Olena Kovalenko").exit_code == 0
    # Without the option: every translation as before.
    assert run(project, "build", *args).exit_code == 0
    letter = project / "dist" / "uk" / "letter.txt"
    assert "Dear President Trump," not in letter.read_text(encoding="utf-8")
    # All approved: uk is published whole; the other languages wait, not refused. They were
    # published by the build before, so going offline is said, and exits 4 (never silent).
    result = run(project, "build", "--require-review", *args)
    assert result.exit_code == 4, result.output
    assert "unpublished: de (published before" in result.output
    assert "Dear President Trump," not in letter.read_text(encoding="utf-8")
    assert not (project / "dist" / "de" / "letter.txt").exists()
    assert "not published: de (100.0% translated, 20 not approved)" in result.output
    # Once the site publishes only approved languages, the same build is an ordinary one.
    result = run(project, "build", "--require-review", *args)
    assert result.exit_code == 0, result.output
    # A translation edited after its approval falls back to English, as a missing one does.
    po = project / UK
    old = salutation(po).msgstr
    po.write_text(po.read_text(encoding="utf-8").replace(f'msgstr "{old}"',
                                                         'msgstr "Шановний Президенте,"', 1),
                  encoding="utf-8")
    result = run(project, "build", "--require-review", "--min-coverage", "90", *args)
    assert result.exit_code == 0, result.output
    text = letter.read_text(encoding="utf-8")
    assert "Dear President Trump," in text and "Шановний Президенте," not in text
    # The setting does what the option does.
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "min-coverage = 100", "min-coverage = 90\nrequire-review = true"),
        encoding="utf-8")
    assert run(project, "build", *args).exit_code == 0
    assert "Dear President Trump," in letter.read_text(encoding="utf-8")
    assert run(project, "all", *args).exit_code == 0
    assert "Dear President Trump," in letter.read_text(encoding="utf-8")


def test_require_review_setting_must_be_a_boolean(project: Path) -> None:
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "[tool.appeal-i18n]", '[tool.appeal-i18n]\nrequire-review = "yes"'), encoding="utf-8")
    result = run(project, "build")
    assert result.exit_code == 3
    assert "require-review must be true or false" in result.output


def test_dashboard_shows_review_counts(tmp_path: Path) -> None:
    from appeal_i18n.config import load_config
    from appeal_i18n.coverage import status
    from appeal_i18n.publish.dashboard import render_dashboard

    # The coverage fixture's de catalog: one passage reviewed, one changed since (now
    # fuzzy), two never reviewed.
    shutil.copytree(Path(__file__).parent / "data" / "coverage" / "project", tmp_path / "p")
    html = render_dashboard(status(load_config(tmp_path / "p")))
    assert "<th>Reviewed</th><th>Changed since review</th><th>Unreviewed</th>" in html
    de_row = next(line for line in html.splitlines() if line.startswith("<tr><td>de</td>"))
    assert '<td class="n">1</td><td class="n">1</td><td class="n">2</td>' in de_row


def test_check_shows_a_hostile_reviewer_name_harmlessly() -> None:
    from appeal_i18n.checks import check_entry

    entry = Entry(msgid="Respectfully,", msgstr="З повагою,")
    approve(entry, name="x", date="2026-12-04")
    entry.translator_comments = [c.replace(" x", " Eve\x1b[2J") for c in
                                 entry.translator_comments]
    entry.msgstr = "З повагою"
    findings = check_entry(entry, path="x.po", lang="uk", glossary=None)
    changed = [f for f in findings if f.code == "changed-since-review"]
    assert [f.message.split(" approved")[0] for f in changed] == ["changed since Eve?[2J"]
