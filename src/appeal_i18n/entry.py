"""The console script: answers ``--version`` and ``status`` without importing click.

Start-up matters for these two: ``--version`` is asked by scripts and installers, and
coordinators run ``status`` all day. Any other command line goes to :mod:`appeal_i18n.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run ``appeal-i18n``; the whole CLI is imported only when a command needs it."""
    argv = sys.argv[1:]
    if argv == ["--version"]:
        from appeal_i18n import __version__

        sys.stdout.write(f"appeal-i18n, version {__version__}\n")
        sys.exit(0)
    if "status" in argv:
        from appeal_i18n import status_command
        from appeal_i18n.errors import handle_errors

        args = status_command.parse(argv)
        if args is not None:
            sys.exit(handle_errors(status_command.run)(args))
    from appeal_i18n.cli import main as cli

    cli()
