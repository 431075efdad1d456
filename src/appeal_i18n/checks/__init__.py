"""Quality checks of translations: what ``appeal-i18n check`` reports and the build refuses.

Every check is a stateless function registered in :data:`CHECKS` with a stable code, a
severity and a one-line title (its docstring's first line). There are three kinds:

* pair checks compare one English text with one translation (a plural entry gives one
  pair per form) and run on translated, non-fuzzy entries only;
* entry checks look at an entry's state (fuzzy);
* catalog checks look at a whole catalog (its header).

A malformed file is reported under ``po-syntax`` by :func:`check_file`. Findings whose
code is in :data:`SAFETY_CODES` make a passage unsafe to publish; the build calls
:func:`check_entry` and refuses those passages.

The package is one module per kind of check; importing it registers them all, in the
order of the imports below (that order is the order of ``--list`` and of findings):
:mod:`.registry` (the table, po-syntax), :mod:`.markdown`, :mod:`.numerals`,
:mod:`.characters`, :mod:`.punctuation`, :mod:`.names` (glossary), :mod:`.text` (length,
quotes), :mod:`.review` (changed since review), then :mod:`.catalog` (fuzzy, Plural-Forms,
and the functions that run the checks).
"""

# The import order is the check order: do not sort these imports.
# ruff: noqa: I001
from __future__ import annotations

from appeal_i18n.checks.registry import (
    CHECKS, ERROR, SAFETY_CODES, WARNING, CatalogCheck, Check, EntryCheck, Pair, PairCheck,
)
from appeal_i18n.checks.markdown import (
    balance, block_structure, code_spans, emphasis, images, links, raw_html, strong,
)
from appeal_i18n.checks.numerals import numbers
from appeal_i18n.checks.characters import (
    bidi_controls, control_chars, double_space, whitespace, zero_width,
)
from appeal_i18n.checks.punctuation import end_punctuation, ending
from appeal_i18n.checks.names import glossary, unchanged
from appeal_i18n.checks.text import (
    MAX_LENGTH, MIN_RATIO_LENGTH, RATIO, length, length_cap, quotes,
)
from appeal_i18n.checks.review import changed_since_review
from appeal_i18n.checks.catalog import (
    catalog_language, check_catalog, check_entry, check_file, check_paths, check_project,
    fuzzy, plural_forms, project_glossary, sort_findings,
)

__all__ = [
    "CHECKS", "ERROR", "MAX_LENGTH", "MIN_RATIO_LENGTH", "RATIO", "SAFETY_CODES", "WARNING",
    "CatalogCheck", "Check", "EntryCheck", "Pair", "PairCheck",
    "balance", "bidi_controls", "block_structure", "catalog_language", "changed_since_review",
    "check_catalog",
    "check_entry", "check_file", "check_paths", "check_project", "code_spans", "control_chars",
    "double_space", "emphasis", "end_punctuation", "ending", "fuzzy", "glossary", "images",
    "length", "length_cap", "links", "numbers", "plural_forms", "project_glossary", "quotes",
    "raw_html", "sort_findings", "strong", "unchanged", "whitespace", "zero_width",
]
