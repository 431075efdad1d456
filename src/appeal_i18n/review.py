"""Review state: which translations a named reader approved, kept in the catalogs themselves.

GNU gettext has no review state, so an approval is recorded where every PO tool keeps it:
a translator comment on the entry (msgmerge, msgcat, Poedit, our ``fmt`` and ``update``
all carry translator comments along with the translation)::

    # reviewed: 2026-12-04 sha256:<64 hex digits> Olena Kovalenko

The digest is SHA-256 of the approved passage as :func:`fingerprint` spells it: its
context, English (msgid, msgid_plural) and translation (every form). So the record is tied
to the exact English and translation it approved: when ``update`` gives the entry new
English (the translation comes along fuzzy, comments and all), or a translator edits the
translation, the digest no longer matches and the passage counts as *changed since
review* until someone approves it again. A record is never removed by ``update``: an
unused entry becomes obsolete with its comments. Several readers may approve one passage;
each reader's newest approval replaces that reader's older one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appeal_i18n.errors import UsageError
from appeal_i18n.fsio import FileResult, locked, write_atomic
from appeal_i18n.model import TRANSLATED, Catalog, Entry, state

if TYPE_CHECKING:
    from appeal_i18n.config import Config

#: The review states of an active message; they never overlap and add up to its total.
REVIEWED, CHANGED, UNREVIEWED = "reviewed", "changed", "unreviewed"

#: The translator comment that records one approval (without the leading ``# ``).
_RECORD = re.compile(r"^reviewed: (\d{4}-\d{2}-\d{2}) sha256:([0-9a-f]{64}) (\S.*)$")
_PREFIX = "reviewed: "
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Record:
    """One approval found on an entry."""

    name: str
    """Who approved (free text: a name, perhaps with an address)."""
    date: str
    """When, as ``YYYY-MM-DD``."""
    digest: str
    """SHA-256 (hex) of the passage as approved: :func:`fingerprint`."""

    @property
    def comment(self) -> str:
        """The translator comment that records it (without the leading ``# ``)."""
        return f"{_PREFIX}{self.date} sha256:{self.digest} {self.name}"


def fingerprint(entry: Entry) -> str:
    """SHA-256 (hex) of an entry's context, English and translation.

    The hashed bytes are the UTF-8 of the compact JSON array ``[msgctxt, msgid,
    msgid_plural, [msgstr...]]`` (``null`` for an absent context or plural; the forms of a
    plural entry, else the one msgstr), so any change to any of them changes the digest.
    """
    forms = entry.msgstr_plural if entry.msgid_plural is not None else [entry.msgstr]
    data = json.dumps([entry.msgctxt, entry.msgid, entry.msgid_plural, forms],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def records(entry: Entry) -> list[Record]:
    """The approvals recorded on an entry, in comment order (malformed ones are not records)."""
    found = []
    for comment in entry.translator_comments:
        if comment.startswith(_PREFIX):
            match = _RECORD.match(comment)
            if match is not None:
                found.append(Record(name=match.group(3), date=match.group(1),
                                    digest=match.group(2)))
    return found


def review_state(entry: Entry) -> str:
    """``reviewed``, ``changed`` (since review) or ``unreviewed``: the one rule behind every
    review count, ``check``'s warning and ``build --require-review``.

    *Reviewed*: the entry is translated (not fuzzy, not empty) and one of its records
    approved exactly its current context, English and translation. *Changed*: it has a
    record, but none approved what it says now. *Unreviewed*: no record.
    """
    if not entry.translator_comments:
        return UNREVIEWED
    found = records(entry)
    if not found:
        return UNREVIEWED
    if state(entry) == TRANSLATED:
        digest = fingerprint(entry)
        if any(record.digest == digest for record in found):
            return REVIEWED
    return CHANGED


def approved(catalog: Catalog) -> set[tuple[str | None, str]]:
    """The ``(msgctxt, msgid)`` of every active message in the ``reviewed`` state."""
    return {e.key for e in catalog.messages if review_state(e) == REVIEWED}


def approve(entry: Entry, *, name: str, date: str) -> bool:
    """Record ``name``'s approval of the entry as it is now; False when already recorded.

    ``name``'s earlier records on the entry (approvals of an older text) are replaced;
    other readers' records stay.
    """
    digest = fingerprint(entry)
    mine = [r for r in records(entry) if r.name == name]
    if any(r.digest == digest for r in mine):
        return False
    stale = {r.comment for r in mine}
    entry.translator_comments = (*(c for c in entry.translator_comments if c not in stale),
                                 Record(name=name, date=date, digest=digest).comment)
    return True


def strip_records(comments: Iterable[str]) -> tuple[str, ...]:
    """Translator comments without approval records (a proposal from another letter has
    not been approved where it is proposed)."""
    return tuple(c for c in comments if not (c.startswith(_PREFIX) and _RECORD.match(c)))


def review_date(given: str | None = None) -> str:
    """The date of an approval: ``given`` (``YYYY-MM-DD``), else ``SOURCE_DATE_EPOCH``'s,
    else today's (UTC)."""
    if given is not None:
        try:
            return dt.date.fromisoformat(given).isoformat()
        except ValueError:
            raise UsageError(f"invalid date {given!r} (expected YYYY-MM-DD)") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
        except ValueError:
            raise UsageError(f"SOURCE_DATE_EPOCH is not an integer: {epoch!r}") from None
    return dt.datetime.now(tz=dt.UTC).date().isoformat()


def reviewer_name(name: str) -> str:
    """A reviewer's name, stripped; refused when empty or holding control characters."""
    name = name.strip()
    if not name or _BAD_NAME.search(name):
        raise UsageError("--by needs a name on one line (e.g. --by 'Olena Kovalenko')")
    return name


def matches(entry: Entry, ref: str) -> bool:
    """True when ``ref`` names the entry: one of its ``#:`` references
    (``source/letter.md:12``) or that reference's file name and line (``letter.md:12``)."""
    for reference in entry.references:
        if reference == ref or reference.rsplit("/", 1)[-1] == ref:
            return True
    return False


@dataclass(frozen=True, slots=True)
class ReviewResult:
    """What :func:`review` recorded."""

    files: list[FileResult]
    """The catalogs written (or left unchanged), in document order."""
    recorded: int
    """Passages whose approval was recorded now."""
    already: int
    """Selected passages that the reviewer had already approved as they are."""
    skipped: int
    """Passages not approved because they have no translation to approve (untranslated or
    fuzzy); only when no ``--passage`` was given."""


def review(config: Config, lang: str, *, by: str, date: str | None = None,
           documents: Sequence[str] = (), passages: Sequence[str] = ()) -> ReviewResult:
    """Record that ``by`` approved the current translation of passages of ``lang``.

    ``documents``: the documents (domains) to look in, all by default. ``passages``:
    references naming the passages (see :func:`matches`), all translated passages by
    default. A reference that names no passage, or names one with no translation to
    approve, is a :class:`UsageError` and nothing is written.
    """
    from appeal_i18n import locales

    name, when = reviewer_name(by), review_date(date)
    lang = locales.normalize_language(lang)
    if lang.partition("_")[0] == "en":
        raise UsageError("English is the source language: it has no translation to approve")
    domains = config.domains()
    for doc in documents:
        if doc not in domains:
            raise UsageError(f"unknown document {doc!r} (known: {', '.join(domains)})")
    chosen = [d for d in domains if d in documents] if documents else domains
    paths = [config.catalog_path(lang, d) for d in chosen]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        command = f"init {lang}" if len(missing) == len(paths) else "update"
        raise UsageError(f"catalog not found; run `appeal-i18n {command}`",
                         path=config.rel(missing[0]))
    # Every catalog stays locked from its read to its write, as in ``update``.
    with contextlib.ExitStack() as stack:
        for path in paths:
            stack.enter_context(locked(path))
        return _record(config, lang, paths, name=name, date=when, passages=passages)


def _record(config: Config, lang: str, paths: Sequence[Path], *, name: str, date: str,
            passages: Sequence[str]) -> ReviewResult:
    from appeal_i18n.catalogs import read_catalog
    from appeal_i18n.pofile import format_po

    files: list[FileResult] = []
    recorded = already = skipped = 0
    pending: list[tuple[Path, Catalog]] = []
    named: set[str] = set()
    for path in paths:
        catalog = read_catalog(config, path)
        before = recorded
        for entry in catalog.messages:
            hits = [ref for ref in passages if matches(entry, ref)]
            if passages and not hits:
                continue
            named.update(hits)
            if state(entry) != TRANSLATED:
                if passages:
                    raise UsageError(f"{hits[0]}: the passage is {state(entry)} in {lang}: "
                                     "only a finished translation can be approved",
                                     path=config.rel(path), line=entry.line or None)
                skipped += 1
            elif approve(entry, name=name, date=date):
                recorded += 1
            else:
                already += 1
        if recorded > before:
            pending.append((path, catalog))
        else:
            files.append(FileResult(path, False))  # nothing recorded: left as it is
    unknown = [ref for ref in passages if ref not in named]
    if unknown:
        raise UsageError(f"no passage at {unknown[0]} in the {lang} catalogs "
                         "(give a #: reference such as source/letter.md:12)")
    for path, catalog in pending:
        files.append(FileResult(path, write_atomic(path, format_po(catalog))))
    files.sort(key=lambda result: paths.index(result.path))
    return ReviewResult(files, recorded, already, skipped)
