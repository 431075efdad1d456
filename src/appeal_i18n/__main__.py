"""Allow ``python -m appeal_i18n``."""

from appeal_i18n.entry import main

main()
