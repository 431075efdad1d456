"""Review state: a passage whose English or translation changed since a reader approved it."""

from __future__ import annotations

from collections.abc import Iterator

from appeal_i18n.checks.registry import WARNING, entry_check
from appeal_i18n.model import Entry
from appeal_i18n.review import CHANGED, records, review_state


@entry_check("changed-since-review", WARNING)
def changed_since_review(entry: Entry) -> Iterator[str]:
    """The English or the translation changed since a reader approved the passage."""
    if entry.translator_comments and review_state(entry) == CHANGED:
        last = records(entry)[-1]
        # The name comes from the catalog: nothing unprintable reaches a terminal.
        name = "".join(c if c.isprintable() else "?" for c in last.name)
        yield (f"changed since {name} approved it on {last.date}: have it reviewed "
               "again (appeal-i18n review)")
