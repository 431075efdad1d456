"""The ``appeal-i18n`` command: parse options, call the library, render, exit.

Heavy modules are imported inside the commands that use them. The console script
(:mod:`appeal_i18n.entry`) answers a plain ``appeal-i18n --version`` before this module
(and click) is imported; every other command line, ``status`` included, is parsed here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from appeal_i18n import __version__
from appeal_i18n.entry import PROG, VERSION_MESSAGE
from appeal_i18n.errors import EXIT_FINDINGS, EXIT_INPUT, handle_errors

if TYPE_CHECKING:
    from appeal_i18n.config import Config
    from appeal_i18n.fsio import FileResult
    from appeal_i18n.publish import BuildReport



def _project_default(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path:
    """A command's -C wins; else the group's ``appeal-i18n -C DIR <command>``; else ``.``."""
    if value is not None:
        return value
    parent = ctx.find_root().params.get("project")
    return parent if isinstance(parent, Path) else Path(".")


project_option = click.option(
    "-C", "--project", "project", type=click.Path(file_okay=False, path_type=Path),
    default=None, callback=_project_default, help="Work on the project in DIR (default: .).",
    metavar="DIR",
)


def _config(project: Path) -> Config:
    from appeal_i18n.config import load_config

    return load_config(project)


def _report(config: Config | None, results: Iterable[FileResult], *, check: bool,
            verb: str) -> int:
    changed = 0
    for result in results:
        if result.changed:
            changed += 1
            name = config.rel(result.path) if config else str(result.path)
            click.echo(f"{'would update' if check else verb} {name}")
    return EXIT_FINDINGS if check and changed else 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name=PROG, message=VERSION_MESSAGE)
@click.option("-C", "--project", "project", type=click.Path(file_okay=False, path_type=Path),
              default=None, metavar="DIR", help="Work on the project in DIR (default: .).")
def main(project: Path | None) -> None:
    """Translate and publish open letters with gettext.

    \b
    Exit codes: 0 success; 1 findings (check errors, --check would change files,
    --fail-under not met); 2 usage (bad option, unknown language, missing file);
    3 malformed input (PO, POT, Markdown, settings); 4 a language cannot be published.
    """


@main.command()
@project_option
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a template would change.")
@handle_errors
def extract(project: Path, check: bool) -> None:
    """Write locales/<name>.pot for every source/<name>.md."""
    from appeal_i18n.catalogs import extract as run

    config = _config(project)
    sys.exit(_report(config, run(config, check=check), check=check, verb="wrote"))


@main.command()
@project_option
@click.argument("lang")
@handle_errors
def init(project: Path, lang: str) -> None:
    """Create the catalogs of a new language LANG (e.g. uk, pt_BR)."""
    from appeal_i18n.catalogs import init as run

    config = _config(project)
    _report(config, run(config, lang), check=False, verb="created")


@main.command()
@project_option
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a catalog would change.")
@click.option("--pot", "pot", type=click.Path(dir_okay=False, path_type=Path),
              help="Update the PO files given as arguments against this template.")
@click.option("--purge-obsolete", is_flag=True,
              help="Delete obsolete entries (the only way a translation is ever deleted).")
@click.argument("po_files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@handle_errors
def update(project: Path, check: bool, pot: Path | None, purge_obsolete: bool,
           po_files: tuple[Path, ...]) -> None:
    """Merge the templates into the catalogs (like msgmerge --previous)."""
    from appeal_i18n import catalogs

    if pot is None:
        if po_files:
            raise click.UsageError("PO files can only be given with --pot TEMPLATE")
        config = _config(project)
        results = catalogs.update(config, check=check, purge_obsolete=purge_obsolete)
        sys.exit(_report(config, results, check=check, verb="updated"))
    if not po_files:
        raise click.UsageError("--pot needs at least one PO file")
    from appeal_i18n.pofile import read_po

    template = read_po(pot, check=False)  # msgmerge reads what msgcat reads
    results = [catalogs.update_catalog(po, template, check=check,
                                       purge_obsolete=purge_obsolete) for po in po_files]
    sys.exit(_report(None, results, check=check, verb="updated"))


@main.command()
@project_option
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@handle_errors
def fmt(project: Path, check: bool, paths: tuple[Path, ...]) -> None:
    """Rewrite PO/POT files in GNU gettext's canonical form (as msgcat writes them).

    With no PATHS: every template and catalog of the project. Relative PATHS are taken
    from the project folder.
    """
    from appeal_i18n.errors import UsageError
    from appeal_i18n.fsio import FileResult
    from appeal_i18n.pofile import format_files

    config = _config(project)
    if paths:
        files = [p if p.is_absolute() else config.root / p for p in paths]
    else:
        files = sorted(config.locales_dir.glob("*.pot")) + config.catalog_files()
    for path in files:
        if not path.is_file():
            raise UsageError("no such file", path=config.rel(path))
    changed = set(format_files(files, check=check))
    sys.exit(_report(config, [FileResult(p, p in changed) for p in files], check=check,
                     verb="formatted"))


@main.command(name="compile")
@project_option
@handle_errors
def compile_(project: Path) -> None:
    """Write an MO file beside every catalog (fuzzy entries left out)."""
    from appeal_i18n.catalogs import compile_catalogs

    config = _config(project)
    _report(config, compile_catalogs(config), check=False, verb="compiled")


def _build(config: Config, min_coverage: float | None, jobs: int | None = None,
           formats: tuple[str, ...] | None = None) -> None:
    from appeal_i18n.publish import build as run
    from appeal_i18n.publish.pages import FORMATS

    _build_report(config, run(config, min_coverage=min_coverage, jobs=jobs,
                              formats=formats or FORMATS))


def _build_report(config: Config, report: BuildReport) -> None:
    from appeal_i18n.errors import EXIT_BUILD

    _report(config, report.files, check=False, verb="built")
    for path in report.removed:
        click.echo(f"removed {config.rel(path)}")
    for finding in report.held:
        click.echo(f"held back: {finding}", err=True)
    for status in report.languages:
        if status.refused:
            click.echo(f"refused: {status.lang} ({status.percent:g}% translated, held back "
                       "by the findings above)", err=True)
        elif not status.published:
            click.echo(f"not published: {status.lang} ({status.percent:g}% translated)",
                       err=True)
    if report.refused:
        sys.exit(EXIT_BUILD)


def _formats(ctx: click.Context, param: click.Parameter, value: str | None,
             ) -> tuple[str, ...] | None:
    if value is None:
        return None
    from appeal_i18n.publish.pages import FORMATS

    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [part for part in chosen if part not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"expected a comma-separated list of {', '.join(FORMATS)}")
    return chosen


min_coverage_option = click.option(
    "--min-coverage", type=click.FloatRange(0, 100), default=None, metavar="PCT",
    help="Publish languages with at least PCT% of passages translated, the missing ones "
         "in English (default: the project's min-coverage, 100).",
)
jobs_option = click.option(
    "-j", "--jobs", type=click.IntRange(1), default=None, metavar="N",
    help="Work on N processes (default: every core when there are enough PDFs, or for "
         "`all`, enough catalogs).",
)
formats_option = click.option(
    "--format", "formats", callback=_formats, default=None, metavar="LIST",
    help="Comma-separated formats to build: html,md,txt,pdf (default: all).",
)


@main.command()
@project_option
@min_coverage_option
@jobs_option
@formats_option
@handle_errors
def build(project: Path, min_coverage: float | None, jobs: int | None,
          formats: tuple[str, ...] | None) -> None:
    """Build the localized letters, the index and the coverage pages under dist/.

    A language is published when complete and check-clean (or at --min-coverage);
    a passage with an error finding is shown in English. Exit 4 when a language
    translated enough is held back by its findings.
    """
    _build(_config(project), min_coverage, jobs, formats)


@main.command(name="all")
@project_option
@min_coverage_option
@jobs_option
@formats_option
@handle_errors
def all_(project: Path, min_coverage: float | None, jobs: int | None,
         formats: tuple[str, ...] | None) -> None:
    """Extract, update, compile and build in one go."""
    from appeal_i18n.pipeline import run_all
    from appeal_i18n.publish.pages import FORMATS

    config = _config(project)
    report = run_all(config, min_coverage=min_coverage, jobs=jobs, formats=formats or FORMATS)
    _report(config, report.extracted, check=False, verb="wrote")
    _report(config, report.updated, check=False, verb="updated")
    _report(config, report.compiled, check=False, verb="compiled")
    _build_report(config, report.build)


@main.command()
@project_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Findings as path:line lines, or as a JSON list.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--list", "list_checks", is_flag=True,
              help="List every check with its code, severity and description, and exit.")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@handle_errors
def check(project: Path, fmt: str, strict: bool, list_checks: bool,
          paths: tuple[Path, ...]) -> None:
    """Check translations for lost markup, numbers, unsafe characters and more.

    PATHS may be PO files or folders (searched for *.po); by default every catalog of
    the project. Findings read path:LINE: error|warning: [code] message. Exit 0 without
    errors, 1 with errors (or warnings, with --strict), 2 on usage errors. A malformed
    catalog is reported as a po-syntax error and the others are still checked.
    """
    import json

    from appeal_i18n import checks

    if list_checks:
        rows = [{"code": c.code, "severity": c.severity, "description": c.title,
                 "unsafe": c.safety} for c in checks.CHECKS.values()]
        if fmt == "json":
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for row in rows:
                click.echo(f"{row['code']:<18} {row['severity']:<8} {row['description']}")
        return
    config = _config(project)
    findings = (checks.check_paths(paths, config=config) if paths
                else checks.check_project(config))
    if fmt == "json":
        fields = ("path", "line", "severity", "code", "message")
        click.echo(json.dumps([{k: getattr(f, k) for k in fields} for f in findings],
                              ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if findings:
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    sys.exit(EXIT_FINDINGS if errors or (strict and warnings) else 0)


STATUS_FORMATS = ("table", "json", "csv", "markdown")


@main.command()
@project_option
@click.option("--format", "fmt", type=click.Choice(STATUS_FORMATS),
              default="table", show_default=True, help="Output format.")
@click.option("--passages", is_flag=True,
              help="List each passage missing or fuzzy somewhere, with a word diff of "
                   "the English that changed.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="PCT",
              help="Exit 1 when a selected language has less than PCT% translated.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@handle_errors
def status(project: Path, fmt: str, passages: bool, fail_under: float | None,
           paths: tuple[Path, ...]) -> None:
    """Show how complete each catalog and language is (all project catalogs by default).

    PATHS may be PO files or folders (searched for *.po), in this project or not.
    Exit 0, or 1 when --fail-under is not met, or 3 when a catalog cannot be read
    (reported as path:line: message; the other catalogs are still counted).
    """
    if passages and fmt == "csv":
        raise click.UsageError("--passages is not available with --format csv")
    from appeal_i18n import coverage, report

    result = coverage.status(_config(project), list(paths), passages=passages)
    if fmt == "json":
        text = report.render_json(result, passages=passages)
    elif fmt == "csv":
        text = report.render_csv(result)
    elif fmt == "markdown":
        text = report.render_markdown(result, passages=passages)
    else:
        color = report.wants_color(isatty=sys.stdout.isatty(), environ=os.environ)
        text = report.render_table(result, color=color, passages=passages)
    sys.stdout.write(text)
    sys.stdout.flush()
    problems = [str(error) for error in result.errors]
    failing = result.failing(fail_under) if fail_under is not None else ()
    problems.extend(f"below {fail_under:g}%: {lang.language} "
                    f"({report.percent_text(lang.messages)} translated)" for lang in failing)
    if problems:
        sys.stderr.write("".join(f"{line}\n" for line in problems))
        sys.stderr.flush()
    sys.exit(EXIT_INPUT if result.errors else EXIT_FINDINGS if failing else 0)
