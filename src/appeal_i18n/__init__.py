"""appeal-i18n: a gettext-based pipeline that translates and publishes open letters."""

__version__ = "0.1.0"
