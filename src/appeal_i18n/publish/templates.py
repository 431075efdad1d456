"""The Jinja environment of the HTML pages (autoescaping on; msgstrs are only ever values)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment that loads ``appeal_i18n/templates``."""
    return Environment(
        loader=PackageLoader("appeal_i18n", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True,
        lstrip_blocks=True,
    )
