"""Allow ``python -m appeal_i18n``."""

from appeal_i18n.cli import main

main()
