"""Read and write PO/POT files: a strict reader and GNU gettext's canonical writer.

The reader accepts what GNU accepts, at three levels (``parse_po``'s ``check``): ``msgfmt
-c`` (the default), plain ``msgfmt --statistics`` and ``msgcat``; it raises :class:`POError`
(file and 1-based line) on the first fault and never loads part of a file. Where msgfmt only
warns, it issues a :class:`~appeal_i18n.errors.POWarning`. The writer reproduces ``msgcat``'s
output byte for byte: 79-column wrapping with Unicode line breaking, GNU's escapes, comment
and flag order, domains, obsolete entries last. What still differs from GNU gettext, and
why, is listed in ``docs/gettext-differences.md``.

Modules: ``reader`` (line lexer and grammar), ``charset``, ``escapes``, ``comments``,
``validate`` (msgfmt -c), ``plural`` (Plural-Forms expressions), ``formats`` (format
strings), ``linebreak`` (Unicode line breaking), ``writer`` (canonical output).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from appeal_i18n.pofile.plural import parse_plural_forms, plural_function
    from appeal_i18n.pofile.reader import parse_po, read_po
    from appeal_i18n.pofile.validate import validate_catalog
    from appeal_i18n.pofile.writer import (
        FLAG_ORDER,
        canonical_flags,
        format_files,
        format_po,
        write_po,
    )

__all__ = [
    "FLAG_ORDER",
    "canonical_flags",
    "format_files",
    "format_po",
    "parse_plural_forms",
    "parse_po",
    "plural_function",
    "read_po",
    "validate_catalog",
    "write_po",
]

#: Where each public name lives: a submodule is imported only when one of its names is used,
#: so that ``status`` does not pay for the writer's line breaking tables.
_HOME = {
    "FLAG_ORDER": "writer", "canonical_flags": "writer", "format_files": "writer",
    "format_po": "writer", "write_po": "writer", "parse_plural_forms": "plural",
    "plural_function": "plural", "parse_po": "reader", "read_po": "reader",
    "validate_catalog": "validate",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
