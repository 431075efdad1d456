"""``all`` in one pass (appeal_i18n.pipeline) does what the four commands do in a row.

Serial and parallel runs write the same bytes and report the same lines; a catalog
that cannot be read fails a parallel run as it fails a serial one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from appeal_i18n.cli import main
from appeal_i18n.config import load_config
from appeal_i18n.pipeline import run_all


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and p.suffix != ".lock"}


def _edit_source(project: Path) -> None:
    """Change passages so that update has fuzzy and new entries to write."""
    path = project / "source" / "letter.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Dear", "Dear dear", 1) + "\nA new closing line.\n",
                    encoding="utf-8")


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_all_equals_the_four_commands(project: Path, tmp_path: Path, jobs: str) -> None:
    _edit_source(project)
    other = tmp_path / "four"
    shutil.copytree(project, other)
    options = ("--min-coverage", "50", "--format", "html,md,txt")
    code, output = _invoke("all", "-C", str(project), "-j", jobs, *options)
    expected = ""
    for command in (("extract",), ("update",), ("compile",), ("build", *options)):
        step_code, step_output = _invoke(command[0], "-C", str(other), *command[1:])
        expected += step_output
    assert (code, output) == (step_code, expected)
    assert "updated locales/uk/LC_MESSAGES/letter.po" in output
    assert _tree(project) == _tree(other)


def test_parallel_all_equals_serial_all(project: Path, tmp_path: Path) -> None:
    _edit_source(project)
    trees, reports = [], []
    for jobs in (1, 2):
        dest = tmp_path / f"j{jobs}"
        shutil.copytree(project, dest)
        report = run_all(load_config(dest), min_coverage=0, jobs=jobs,
                         formats=("html", "md", "txt"))
        trees.append(_tree(dest))
        reports.append(report)
    assert trees[0] == trees[1]
    serial, parallel = reports
    assert [r.changed for r in serial.updated] == [r.changed for r in parallel.updated]
    assert [r.changed for r in serial.compiled] == [r.changed for r in parallel.compiled]
    assert serial.build.languages == parallel.build.languages
    assert serial.build.held == parallel.build.held
    assert any(r.changed for r in serial.updated)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_all_reports_a_malformed_catalog_as_update_does(project: Path, jobs: str) -> None:
    path = project / "locales" / "ru" / "LC_MESSAGES" / "letter.po"
    path.write_bytes(path.read_bytes() + b'\nmsgid "unterminated\n')
    update = CliRunner().invoke(main, ["update", "-C", str(project)])
    assert update.exit_code == 3
    assert update.stdout == ""  # update reads every catalog before writing any
    result = CliRunner().invoke(main, ["all", "-C", str(project), "-j", jobs])
    assert (result.exit_code, result.stderr) == (3, update.stderr)
    # all has written what came before (the other languages' MO files): it says so.
    assert all(line.startswith(("wrote ", "updated ", "compiled "))
               for line in result.stdout.splitlines())


@pytest.mark.parametrize("jobs", [1, 2])
def test_dashboard_coverage_comes_from_the_catalogs_in_hand(
        project: Path, jobs: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """all hands the build what status would read from each catalog it wrote, and the
    status made from that equals one read from the files afterwards."""
    from appeal_i18n import coverage, pipeline, publish

    _edit_source(project)
    seen: dict[str, object] = {}
    real_publish = publish.publish

    def spy(*args: object, **kwargs: object) -> object:
        seen.update(kwargs)
        return real_publish(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "publish", spy)
    config = load_config(project)
    run_all(config, min_coverage=0, jobs=jobs, formats=("html",))
    known = seen["known_coverage"]
    assert isinstance(known, dict)
    assert set(known) == set(config.catalog_files())
    fresh = coverage.status(config, passages=True)
    assert coverage.status(config, passages=True, known=known) == fresh
    assert any(p.previous for p in fresh.passages)  # fuzzy entries with their old text


@pytest.mark.parametrize(("count", "workers"), [(0, 2), (1, 2), (5, 2), (100, 2), (101, 4)])
def test_batches_cover_every_item_in_order(count: int, workers: int) -> None:
    """The languages (and pages) go to the pool in batches that keep their order, large
    ones first; many items make few round trips."""
    from appeal_i18n.publish.pages import batches

    items = list(range(count))
    found = batches(items, workers)
    assert [item for batch in found for item in batch] == items
    sizes = [len(batch) for batch in found]
    assert all(sizes) and sizes == sorted(sizes, reverse=True)
    if count >= 100:
        assert len(found) <= count // 3 and sizes[0] == count // (2 * workers)
