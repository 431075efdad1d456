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
from typing import TYPE_CHECKING, Any

import click

from appeal_i18n import __version__
from appeal_i18n.entry import PROG, VERSION_MESSAGE
from appeal_i18n.errors import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    AppealError,
    fail,
    handle_errors,
    one_line,
)

if TYPE_CHECKING:
    from appeal_i18n.config import Config
    from appeal_i18n.fsio import FileResult
    from appeal_i18n.publish import BuildReport


class OneLineGroup(click.Group):
    """A click group whose usage errors are one ``appeal-i18n: ...`` line, exit 2.

    click's own block (``Usage: ...``, ``Try ...``, ``Error: ...``) would break the
    README's promise that every error is one line on stderr.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.exceptions.NoArgsIsHelpError as exc:
            if exc.ctx is not None:
                click.echo(exc.ctx.get_help())
            fail("missing command", EXIT_USAGE)
        except click.ClickException as exc:
            fail(_usage_message(exc), EXIT_USAGE if exc.exit_code == 2 else exc.exit_code)
        except click.exceptions.Abort:
            fail("interrupted", EXIT_INTERRUPTED)


def _usage_message(exc: click.ClickException) -> str:
    """``command: message (see `appeal-i18n command --help`)`` for a usage error."""
    ctx = getattr(exc, "ctx", None)
    message = exc.format_message().rstrip(".")
    if ctx is None:
        return message
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    command = " ".join(reversed(names))
    where = f"{command}: " if command else ""
    return f"{where}{message} (see `{' '.join((PROG, *reversed(names)))} --help`)"



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


@click.group(cls=OneLineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name=PROG, message=VERSION_MESSAGE)
@click.option("-C", "--project", "project", type=click.Path(file_okay=False, path_type=Path),
              default=None, metavar="DIR", help="Work on the project in DIR (default: .).")
def main(project: Path | None) -> None:
    """Translate and publish open letters with gettext.

    \b
    Exit codes: 0 success; 1 findings (check errors, --check would change files,
    --fail-under not met); 2 usage (bad option, unknown language, a PATH that does
    not exist, nothing to work on); 3 bad input (malformed PO, POT, Markdown or
    settings; a project catalog missing or unreadable); 4 a language held back, or
    no longer published; 130 interrupted.
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
@click.option("--plural-forms", metavar="VALUE",
              help="Plural-Forms instead of CLDR's, e.g. 'nplurals=2; plural=(n != 1);'.")
@click.argument("lang")
@handle_errors
def init(project: Path, plural_forms: str | None, lang: str) -> None:
    """Create the catalogs of a new language LANG (e.g. uk, pt_BR, crh).

    Names, direction and plural rule come from CLDR; for the few languages outside it
    (crh) from appeal-i18n's own table.
    """
    from appeal_i18n.catalogs import init as run

    config = _config(project)
    _report(config, run(config, lang, plural_forms=plural_forms), check=False,
            verb="created")


@main.command()
@project_option
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a catalog would change.")
@click.option("--pot", "pot", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Update the PO files given as arguments against this template.")
@click.option("--purge-obsolete", is_flag=True,
              help="Delete obsolete entries (the only way a translation is ever deleted).")
@click.argument("po_files", nargs=-1,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
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
    for po in po_files:  # every input read before anything is written
        read_po(po, check=False)
    results = [catalogs.update_catalog(po, template, check=check,
                                       purge_obsolete=purge_obsolete) for po in po_files]
    sys.exit(_report(None, results, check=check, verb="updated"))


@main.command()
@project_option
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@handle_errors
def fmt(project: Path, check: bool, paths: tuple[Path, ...]) -> None:
    """Rewrite PO/POT files in GNU gettext's canonical form (as msgcat writes them).

    PATHS may be PO/POT files or folders (searched for *.po and *.pot), taken from the
    current folder as `check` and `status` take them; with no PATHS, every template and
    catalog of the project.
    """
    from appeal_i18n.coverage import find_catalogs
    from appeal_i18n.errors import NothingToDo
    from appeal_i18n.fsio import FileResult
    from appeal_i18n.pofile import format_files

    config = _config(project)
    if paths:
        files = find_catalogs(paths, patterns=("*.po", "*.pot"))
        if not files:
            raise NothingToDo("no PO or POT files in " + ", ".join(map(str, paths)))
    else:
        templates = [config.template_path(domain) for domain in config.domains()]
        files = [p for p in templates if p.is_file()] + config.project_catalogs()
        if not files:
            raise NothingToDo("no templates or catalogs to format (run `appeal-i18n "
                              "extract`)", path=config.rel(config.locales_dir))
    try:
        changed = set(format_files(files, check=check))
    except AppealError as exc:  # named as everywhere else: relative to the project
        if exc.path is not None:
            exc.path = config.rel(Path(exc.path))
        raise
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
           formats: tuple[str, ...] | None = None, require_review: bool = False,
           keep_published: bool | None = None) -> None:
    from appeal_i18n.publish import build as run
    from appeal_i18n.publish.pages import FORMATS

    _build_report(config, run(config, min_coverage=min_coverage, jobs=jobs,
                              formats=formats or FORMATS,
                              require_review=True if require_review else None,
                              keep_published=keep_published))


def _with_base_url(config: Config, url: str | None) -> Config:
    """The project's settings with ``--base-url`` (already checked) in place of its own."""
    from dataclasses import replace

    return config if url is None else replace(config, base_url=url)


def _build_report(config: Config, report: BuildReport) -> None:
    from appeal_i18n.coverage import percent_label
    from appeal_i18n.errors import EXIT_BUILD

    _report(config, report.files, check=False, verb="built")
    if config.base_url is None and report.pages:
        click.echo("note: share tags (canonical, og:url, og:image) need a base URL: pass "
                   "--base-url or set base-url in [tool.appeal-i18n]", err=True)
    for path in report.removed:
        click.echo(f"removed {config.rel(path)}")
    for finding in report.held:
        click.echo(f"held back: {finding}", err=True)
    for status in report.languages:
        if status.refused:
            click.echo(f"refused: {status.lang} ({percent_label(status.percent)} translated, "
                       "held back by the findings above)", err=True)
        elif not status.published:
            waiting = f", {status.unapproved} not approved" if status.unapproved else ""
            click.echo(f"not published: {status.lang} ({percent_label(status.percent)} "
                       f"translated{waiting})", err=True)
    for status in report.withdrawn:
        if status.lang in report.kept:
            click.echo(f"kept as an earlier version: {status.lang} (published before, now "
                       f"{percent_label(status.percent)} translated; its last letters stay in "
                       f"{config.output}/{status.lang}/)", err=True)
        else:
            click.echo(f"unpublished: {status.lang} (published before, now "
                       f"{percent_label(status.percent)} translated; its letters were removed; "
                       "--keep-published keeps them as an earlier version)", err=True)
    if report.refused or report.unpublished:
        names = [f"{s.lang} (held back by checks)" for s in report.refused]
        names += [f"{s.lang} (no longer published)" for s in report.unpublished]
        fail(f"not published: {', '.join(names)}", EXIT_BUILD)


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


if TYPE_CHECKING:  # generic from click 8.2 on; pyproject.toml allows 8.1
    _ParamType = click.ParamType[float, Any]
else:
    _ParamType = click.ParamType


class Percent(_ParamType):
    """A percentage from 0 to 100, with or without a trailing ``%`` (``50``, ``50%``)."""

    name = "percent"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        if isinstance(value, int | float):
            number = float(value)
        else:
            text = str(value).strip().removesuffix("%").strip()
            try:
                number = float(text)
            except ValueError:
                self.fail(f"{value!r} is not a percentage (e.g. 80 or 80%)", param, ctx)
        if not 0 <= number <= 100:
            self.fail(f"{value} is not a percentage from 0 to 100", param, ctx)
        return number


PERCENT = Percent()

min_coverage_option = click.option(
    "--min-coverage", type=PERCENT, default=None, metavar="PCT",
    help="Publish languages with at least PCT% of passages translated, the missing ones "
         "in English (default: the project's min-coverage, 100).",
)
jobs_option = click.option(
    "-j", "--jobs", type=click.IntRange(1), default=None, metavar="N",
    help="Work on N processes (default: every core when there are enough PDFs, or for "
         "`all`, enough catalogs).",
)
keep_option = click.option(
    "--keep-published/--no-keep-published", default=None,
    help="Keep the last published letters of a language that is no longer published, "
         "as an earlier version, instead of removing them (an error, exit 4) "
         "(default: the project's keep-published, false).",
)


def _base_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from appeal_i18n.config import base_url

    try:
        return base_url(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


base_url_option = click.option(
    "--base-url", "base_url", callback=_base_url, default=None, metavar="URL",
    help="The site's absolute URL (default: the project's base-url): canonical and hreflang "
         "links, og:url and share images need it.",
)
formats_option = click.option(
    "--format", "formats", callback=_formats, default=None, metavar="LIST",
    help="Comma-separated formats to build: html,md,txt,pdf (default: all).",
)
require_review_option = click.option(
    "--require-review", is_flag=True,
    help="Publish only passages a reader approved (appeal-i18n review); the others in "
         "English (default: the project's require-review setting).",
)


@main.command()
@project_option
@min_coverage_option
@jobs_option
@formats_option
@require_review_option
@keep_option
@base_url_option
@handle_errors
def build(project: Path, min_coverage: float | None, jobs: int | None,
          formats: tuple[str, ...] | None, require_review: bool,
          keep_published: bool | None, base_url: str | None) -> None:
    """Build the localized letters, the index and the coverage pages under dist/.

    A language is published when complete and check-clean (or at --min-coverage);
    a passage with an error finding is shown in English. Exit 4 when a language
    translated enough is held back by its findings, or when a language published
    before (dist/published.json) is no longer published.
    """
    _build(_with_base_url(_config(project), base_url), min_coverage, jobs, formats,
           require_review, keep_published)


@main.command(name="all")
@project_option
@min_coverage_option
@jobs_option
@formats_option
@require_review_option
@keep_option
@base_url_option
@handle_errors
def all_(project: Path, min_coverage: float | None, jobs: int | None,
         formats: tuple[str, ...] | None, require_review: bool,
         keep_published: bool | None, base_url: str | None) -> None:
    """Extract, update, compile and build in one go."""
    from appeal_i18n.pipeline import run_all
    from appeal_i18n.publish.pages import FORMATS

    config = _with_base_url(_config(project), base_url)
    report = run_all(config, min_coverage=min_coverage, jobs=jobs, formats=formats or FORMATS,
                     require_review=True if require_review else None,
                     keep_published=keep_published)
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
    errors, 1 with errors (or warnings, with --strict), 2 on usage errors or with
    nothing to check, 3 when a project catalog is missing or unreadable. A malformed
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
    if paths:
        from appeal_i18n.coverage import find_catalogs
        from appeal_i18n.errors import NothingToDo

        files = find_catalogs(paths)
        if not files:
            raise NothingToDo("no PO files in " + ", ".join(map(str, paths)))
        findings = checks.check_paths(files, config=config)
    else:
        findings = checks.check_project(config)
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


@main.command()
@project_option
@click.argument("lang")
@click.option("--by", "by", required=True, metavar="NAME", help="Who approved (a name).")
@click.option("--document", "documents", multiple=True, metavar="D",
              help="Only passages of document D (source/D.md); repeatable. Default: all.")
@click.option("--passage", "passages", multiple=True, metavar="REF",
              help="Only the passage at REF, a #: reference as status --passages shows it "
                   "(source/letter.md:12, or letter.md:12); repeatable. Default: every "
                   "translated passage.")
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
              help="Date of the approval (default: SOURCE_DATE_EPOCH's, else today, UTC).")
@handle_errors
def review(project: Path, lang: str, by: str, documents: tuple[str, ...],
           passages: tuple[str, ...], date: str | None) -> None:
    """Record that NAME approved the current translation of LANG's passages.

    The approval is a translator comment on each entry, tied by a SHA-256 digest to the
    exact English and translation: when either changes, status counts the passage as
    changed since review and check warns. Exit 1 when there was nothing new to record.
    """
    from appeal_i18n.review import review as run

    config = _config(project)
    result = run(config, lang, by=by, date=date, documents=documents, passages=passages)
    _report(config, result.files, check=False, verb="recorded in")
    click.echo(f"{result.recorded} approval(s) recorded, {result.already} already "
               f"approved, {result.skipped} not translated (fuzzy or empty)")
    if result.recorded == 0:
        click.echo("appeal-i18n: nothing new to record", err=True)
        sys.exit(EXIT_FINDINGS)


STATUS_FORMATS = ("table", "json", "csv", "markdown")


@main.command()
@project_option
@click.option("--format", "fmt", type=click.Choice(STATUS_FORMATS),
              default="table", show_default=True, help="Output format.")
@click.option("--passages", is_flag=True,
              help="List each passage missing or fuzzy somewhere, with a word diff of "
                   "the English that changed.")
@click.option("--fail-under", type=PERCENT, default=None, metavar="PCT",
              help="Exit 1 when a selected language has less than PCT% translated.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@handle_errors
def status(project: Path, fmt: str, passages: bool, fail_under: float | None,
           paths: tuple[Path, ...]) -> None:
    """Show how complete each catalog and language is (all project catalogs by default).

    PATHS may be PO files or folders (searched for *.po), in this project or not.
    Exit 0, or 1 when --fail-under (e.g. 100 or 100%) is not met, 2 when there is no
    catalog to count, or 3 when a catalog is missing or cannot be read (reported as
    path:line: message; the other catalogs are still counted).
    """
    if passages and fmt == "csv":
        raise click.UsageError("--passages is not available with --format csv")
    from appeal_i18n import coverage, report
    from appeal_i18n.errors import NothingToDo

    config = _config(project)
    result = coverage.status(config, list(paths), passages=passages)
    if not result.catalogs and not result.errors:
        where = ", ".join(map(str, paths)) if paths else config.rel(config.locales_dir)
        raise NothingToDo(f"no catalogs to count in {where}")
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
    problems = [f"appeal-i18n: {one_line(str(error))}" for error in result.errors]
    failing = result.failing(fail_under) if fail_under is not None else ()
    problems.extend(f"below {fail_under:g}%: {lang.language} "
                    f"({report.percent_text(lang.messages)} translated)" for lang in failing)
    if problems:
        sys.stderr.write("".join(f"{line}\n" for line in problems))
        sys.stderr.flush()
    sys.exit(EXIT_INPUT if result.errors else EXIT_FINDINGS if failing else 0)
