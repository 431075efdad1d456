"""The console script: answers ``--version`` before importing click (start-up matters)."""

from __future__ import annotations

import sys


def main() -> None:
    """Run ``appeal-i18n``; the whole CLI is imported only when a command needs it."""
    if sys.argv[1:] == ["--version"]:
        from appeal_i18n import __version__

        sys.stdout.write(f"appeal-i18n, version {__version__}\n")
        sys.exit(0)
    from appeal_i18n.cli import main as cli

    cli()
