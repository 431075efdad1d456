"""``appeal-i18n status`` without click: the coordinators' everyday command starts fast.

Importing click costs about as much as reading every catalog of a project, so the console
script (:mod:`appeal_i18n.entry`) first offers the command line to :func:`parse`. It
accepts only what needs neither help, nor a usage message, nor a conversion that click
could do differently: ``status`` and its options with plain valid values. For anything
else it returns None and the command line goes to click, which reports the problem in its
own words. Both ways end in :func:`run`, so the output is the same
(``tests/test_status_command.py`` runs each accepted command line both ways).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from appeal_i18n.errors import EXIT_FINDINGS, EXIT_INPUT

FORMATS = ("table", "json", "csv", "markdown")
_PERCENT = re.compile(r"[0-9]{1,3}(?:\.[0-9]+)?")


@dataclass(frozen=True, slots=True)
class StatusArgs:
    """The options of ``status``, as click would pass them."""

    project: Path = Path(".")
    fmt: str = "table"
    passages: bool = False
    fail_under: float | None = None
    paths: tuple[Path, ...] = ()


def _folder(value: str) -> Path | None:
    """A ``-C`` value click accepts unchanged (a file is an error click reports)."""
    return Path(value) if value and not os.path.isfile(value) else None


def parse(argv: list[str]) -> StatusArgs | None:
    """``appeal-i18n [-C DIR] status [options] [PATHS]...`` without click, or None.

    None means "let click do it": help, ``--``, an unknown option, a missing or invalid
    value, or a combination that is a usage error.
    """
    group_project: Path | None = None
    args = list(argv)
    while args and args[0] != "status":
        if args[0] in ("-C", "--project") and len(args) > 1:
            group_project, args = _folder(args[1]), args[2:]
        elif args[0].startswith("--project="):
            group_project, args = _folder(args[0][len("--project="):]), args[1:]
        else:
            return None
        if group_project is None:
            return None
    if not args:
        return None
    project, fmt, passages, fail_under = None, "table", False, None
    paths: list[Path] = []
    rest = args[1:]
    while rest:
        arg = rest.pop(0)
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in ("-C", "--project", "--format", "--fail-under"):
            if not eq:
                if not rest:
                    return None
                inline = rest.pop(0)
            if name == "--format":
                if inline not in FORMATS:
                    return None
                fmt = inline
            elif name == "--fail-under":
                if not _PERCENT.fullmatch(inline) or float(inline) > 100:
                    return None
                fail_under = float(inline)
            else:
                project = _folder(inline)
                if project is None:
                    return None
        elif arg == "--passages":
            passages = True
        elif arg.startswith("-") or not arg:
            return None
        else:
            paths.append(Path(arg))
    if passages and fmt == "csv":
        return None
    return StatusArgs(project or group_project or Path("."), fmt, passages, fail_under,
                      tuple(paths))


def run(args: StatusArgs) -> int:
    """Print the coverage report and the problems; return the exit code.

    0, or 1 when ``--fail-under`` is not met, or 3 when a catalog cannot be read.
    Raises :class:`~appeal_i18n.errors.AppealError` (a missing path, bad settings).
    """
    from appeal_i18n import coverage, report
    from appeal_i18n.config import load_config

    result = coverage.status(load_config(args.project), list(args.paths),
                             passages=args.passages)
    color = args.fmt == "table" and report.wants_color(isatty=sys.stdout.isatty(),
                                                       environ=os.environ)
    if args.fmt == "json":
        text = report.render_json(result, passages=args.passages)
    elif args.fmt == "csv":
        text = report.render_csv(result)
    elif args.fmt == "markdown":
        text = report.render_markdown(result, passages=args.passages)
    else:
        text = report.render_table(result, color=color, passages=args.passages)
    sys.stdout.write(text)
    sys.stdout.flush()
    problems = [str(error) for error in result.errors]
    failing = result.failing(args.fail_under) if args.fail_under is not None else ()
    problems.extend(f"below {args.fail_under:g}%: {lang.language} "
                    f"({report.percent_text(lang.messages)} translated)" for lang in failing)
    if problems:
        sys.stderr.write("".join(f"{line}\n" for line in problems))
        sys.stderr.flush()
    return EXIT_INPUT if result.errors else EXIT_FINDINGS if failing else 0
