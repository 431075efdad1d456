"""The console script: answers ``appeal-i18n --version`` without importing click.

Scripts and installers ask for the version, and importing click costs more than the rest
of the answer. Every other command line goes to :mod:`appeal_i18n.cli`, whose
``--version`` option prints the same line from the same :data:`VERSION_MESSAGE`.
"""

from __future__ import annotations

import sys

from appeal_i18n import __version__

PROG = "appeal-i18n"
#: The line ``--version`` prints, as a click ``version_option`` message.
VERSION_MESSAGE = "%(prog)s, version %(version)s"


def main() -> None:
    """Run ``appeal-i18n``; click is imported only when a command needs it."""
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(VERSION_MESSAGE % {"prog": PROG, "version": __version__} + "\n")
        sys.exit(0)
    from appeal_i18n.cli import main as cli

    cli()
