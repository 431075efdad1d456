"""Coverage stage: how complete each catalog and each language is, and what is missing where.

Counting only; rendering lives in :mod:`appeal_i18n.report` (terminal, JSON, CSV, Markdown)
and :mod:`appeal_i18n.publish.dashboard` (badges and the HTML page). Catalogs are read
through the strict reader :func:`appeal_i18n.pofile.parse_po`, once each.

The rules (documented for users in ``docs/status-json.md``):

* **Buckets are GNU msgfmt's.** Of the active (non-obsolete) messages, one is
  *untranslated* when its first ``msgstr`` (``msgstr[0]`` for a plural entry) is empty,
  else *fuzzy* when flagged ``fuzzy``, else *translated*. The three never overlap and add
  up to ``total``; obsolete (``#~``) entries are counted apart and never in ``total``. The
  header is not a message, unless its ``msgstr`` is empty: then it is untranslated, as
  msgfmt counts it (:func:`appeal_i18n.model.counted`). So the figures equal
  ``msgfmt --statistics``.
* **Words** are the source words of each message: whitespace-separated tokens (as
  ``wc -w`` counts them) of the ``msgid``, plus those of the ``msgid_plural`` for a plural
  entry (translate-toolkit's ``pocount`` rule). Translations are never counted.
* **Percent** is ``100 * translated / total`` messages, rounded *down* to two decimals so
  that an incomplete catalog never shows 100. An empty catalog (``total == 0``) has
  percent 0.0 and ``empty`` True: nothing there to publish is treated as not done, so
  ``--fail-under`` catches a catalog that was never updated from its template.
* **Language** is the catalog's ``Language`` header; when absent or empty it comes from
  the path (``<lang>/LC_MESSAGES/<domain>.po`` or ``<domain>/<lang>.po``), else ``und``.
* **Domain** is the file stem; for ``<domain>/<lang>.po`` it is the folder's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appeal_i18n.config import catalog_problem, relative_path
from appeal_i18n.errors import AppealError, CatalogError, NothingToDo, UsageError
from appeal_i18n.model import FUZZY, OBSOLETE, TRANSLATED, UNTRANSLATED, counted, state
from appeal_i18n.review import CHANGED, REVIEWED, UNREVIEWED, review_state

if TYPE_CHECKING:
    from appeal_i18n.config import Config
    from appeal_i18n.model import Catalog

#: The language of a catalog whose header and path do not tell it.
UNKNOWN_LANGUAGE = "und"

#: The buckets of :class:`Counts`, in its fields' order (msgfmt's states: :func:`state`).
_BUCKETS = (TRANSLATED, FUZZY, UNTRANSLATED, OBSOLETE)

_LANG_STEM = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*(?:@[A-Za-z]+)?$")


@dataclass(frozen=True, slots=True)
class Counts:
    """Messages (or their source words) by bucket; the buckets never overlap."""

    translated: int = 0
    """Active messages with a non-empty first msgstr, not fuzzy."""
    fuzzy: int = 0
    """Active messages flagged fuzzy with a non-empty first msgstr."""
    untranslated: int = 0
    """Active messages whose first msgstr is empty (fuzzy or not)."""
    obsolete: int = 0
    """Obsolete (``#~``) entries: reported, never part of :attr:`total`."""

    @property
    def total(self) -> int:
        """Active messages: translated + fuzzy + untranslated."""
        return self.translated + self.fuzzy + self.untranslated

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.translated + other.translated, self.fuzzy + other.fuzzy,
                      self.untranslated + other.untranslated, self.obsolete + other.obsolete)


@dataclass(frozen=True, slots=True)
class ReviewCounts:
    """Active messages by review state (:func:`appeal_i18n.review.review_state`); the three
    never overlap and add up to the messages' total."""

    reviewed: int = 0
    """Translated messages whose recorded approval matches their English and translation."""
    changed: int = 0
    """Messages with an approval whose English or translation has changed since."""
    unreviewed: int = 0
    """Messages with no approval recorded."""

    def __add__(self, other: ReviewCounts) -> ReviewCounts:
        return ReviewCounts(self.reviewed + other.reviewed, self.changed + other.changed,
                            self.unreviewed + other.unreviewed)


def percent_of(counts: Counts) -> float:
    """``100 * translated / total`` rounded down to 2 decimals; 0.0 when total is 0."""
    if counts.total == 0:
        return 0.0
    return (10000 * counts.translated // counts.total) / 100


def percent_label(percent: float) -> str:
    """A :func:`percent_of` figure as every report shows it: one decimal, rounded down
    (``88.8%``, ``99.9%``, never a false ``100.0%``); ``status``, the index and the
    dashboard all use this."""
    hundredths = round(percent * 100)
    return f"{hundredths // 100}.{hundredths % 100 // 10}%"


def below(counts: Counts, threshold: float) -> bool:
    """True when the exact share of translated messages is under ``threshold`` percent.

    Exact: 99.999% is below 100 even though :func:`percent_of` rounds; an empty
    catalog is below any positive threshold.
    """
    return counts.translated * 100 < threshold * counts.total or (
        counts.total == 0 and threshold > 0)


@dataclass(frozen=True, slots=True)
class CatalogStats:
    """The coverage of one catalog (one language x one document)."""

    path: str
    """The catalog, relative to the project when inside it, with forward slashes."""
    language: str
    """The ``Language`` header, else from the path, else ``und``."""
    domain: str
    """The document (gettext domain) the catalog translates."""
    messages: Counts
    """Messages by bucket."""
    words: Counts
    """Source words of those messages, by the same buckets."""
    last_translator: str | None = None
    """The ``Last-Translator`` header, or None when absent."""
    revision_date: str | None = None
    """The ``PO-Revision-Date`` header, or None when absent."""
    review: ReviewCounts = ReviewCounts()
    """Messages by review state."""

    @property
    def percent(self) -> float:
        """Share of translated messages: see :func:`percent_of`."""
        return percent_of(self.messages)

    @property
    def empty(self) -> bool:
        """True when the catalog has no active message (its percent is 0.0)."""
        return self.messages.total == 0


@dataclass(frozen=True, slots=True)
class LanguageStats:
    """The coverage of one language over all its selected catalogs."""

    language: str
    """The language code, as in :attr:`CatalogStats.language`."""
    catalogs: int
    """How many catalogs were counted."""
    messages: Counts
    """Sum of the catalogs' message counts."""
    words: Counts
    """Sum of the catalogs' word counts."""
    review: ReviewCounts = ReviewCounts()
    """Sum of the catalogs' review counts."""

    @property
    def percent(self) -> float:
        """Share of translated messages over all the language's catalogs."""
        return percent_of(self.messages)


@dataclass(frozen=True, slots=True)
class PassageStatus:
    """One message (a passage of a letter) across languages."""

    domain: str
    """The document it belongs to."""
    msgctxt: str | None
    """Its context, if any."""
    msgid: str
    """The current English text."""
    location: str
    """Its first ``#:`` reference, else ``<catalog path>:<line>`` of the first catalog seen."""
    states: tuple[tuple[str, str], ...]
    """``(language, state)`` for every language that has it; state is ``translated``,
    ``fuzzy`` or ``untranslated``. Sorted by language."""
    previous: tuple[tuple[str, str], ...] = ()
    """``(language, previous msgid)`` for fuzzy languages whose entry has ``#| msgid``."""

    def languages(self, state: str) -> tuple[str, ...]:
        """The languages where the passage is in ``state``."""
        return tuple(lang for lang, st in self.states if st == state)

    @property
    def complete(self) -> bool:
        """True when every language has it translated."""
        return all(st == TRANSLATED for _, st in self.states)


@dataclass(frozen=True, slots=True)
class Status:
    """The answer of :func:`status`: per catalog, per language, per passage, and errors."""

    catalogs: tuple[CatalogStats, ...]
    """Catalogs read, sorted by language, domain and path."""
    languages: tuple[LanguageStats, ...]
    """Totals per language, sorted by language."""
    passages: tuple[PassageStatus, ...] = ()
    """Every message in first-seen order (only when asked for with ``passages=True``)."""
    errors: tuple[AppealError, ...] = ()
    """Catalogs that could not be read; ``str()`` of each is ``path:line: message``."""

    def failing(self, threshold: float) -> tuple[LanguageStats, ...]:
        """The languages whose exact coverage is below ``threshold`` percent."""
        return tuple(lang for lang in self.languages if below(lang.messages, threshold))


def words(text: str) -> int:
    """Count the words of a source text: whitespace-separated tokens."""
    return len(text.split())


def path_language_domain(path: Path) -> tuple[str, str]:
    """The language and domain a catalog's path tells: ``("", stem)`` when it tells no language.

    ``<lang>/LC_MESSAGES/<domain>.po`` and ``<domain>/<lang>.po`` (the stem looks like a
    language code) are recognised.
    """
    if path.parent.name == "LC_MESSAGES" and path.parent.parent.name:
        return path.parent.parent.name, path.stem
    if _LANG_STEM.match(path.stem) and path.parent.name:
        return path.stem, path.parent.name
    return "", path.stem


def count(catalog: Catalog, *, path: str, language: str = "", domain: str = "",
          ) -> CatalogStats:
    """Count one catalog's messages and words by bucket.

    ``language`` and ``domain`` are used when the catalog's header does not name its
    language (``language``) and always for the domain; empty means "from ``path``".
    """
    msg = dict.fromkeys(_BUCKETS, 0)
    wrd = dict.fromkeys(_BUCKETS, 0)
    rev = {REVIEWED: 0, CHANGED: 0, UNREVIEWED: 0}
    for entry in catalog.entries:
        if not entry.obsolete and not counted(entry):
            continue  # a header with a translation is not a message
        bucket = state(entry)
        msg[bucket] += 1
        if bucket != OBSOLETE:
            # Most entries carry no translator comment: no call for them.
            rev[review_state(entry) if entry.translator_comments else UNREVIEWED] += 1
        plural = entry.msgid_plural
        wrd[bucket] += len(entry.msgid.split()) + (len(plural.split()) if plural else 0)
    path_lang, path_domain = path_language_domain(Path(path))
    fields = {name.lower(): value for name, value in reversed(catalog.header_fields())}
    language = fields.get("language") or language or path_lang or UNKNOWN_LANGUAGE
    return CatalogStats(
        path=path, language=language, domain=domain or path_domain,
        messages=Counts(*msg.values()), words=Counts(*wrd.values()),
        last_translator=fields.get("last-translator"),
        revision_date=fields.get("po-revision-date"), review=ReviewCounts(*rev.values()),
    )


def find_catalogs(paths: Iterable[Path], *, patterns: Sequence[str] = ("*.po",)) -> list[Path]:
    """Expand files and folders (recursively ``*.po``, or ``patterns``) into a sorted list
    without duplicates.

    Raises :class:`UsageError` for a path that does not exist.
    """
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for pattern in patterns for p in path.rglob(pattern) if p.is_file())
        elif path.is_file():
            found.add(path)
        else:
            raise UsageError("no such file or folder", path=str(path))
    return sorted(found)


@dataclass(frozen=True, slots=True)
class CatalogCoverage:
    """What ``status`` learns from one catalog, so that a process that has the catalog in
    hand can hand it over instead of the file being read again."""

    stats: CatalogStats
    """Its statistics."""
    passages: tuple[tuple[str | None, str, str, str, str | None], ...]
    """``(msgctxt, msgid, location, state, previous msgid of a fuzzy one)`` of each active
    message, in file order."""


def catalog_coverage(catalog: Catalog, *, path: str) -> CatalogCoverage:
    """Count one catalog and note the state of each of its messages (``path``: as shown)."""
    stats = count(catalog, path=path)
    rows = []
    for entry in catalog.entries:
        if entry.obsolete or entry.is_header:
            continue
        now = state(entry)
        rows.append((entry.msgctxt, entry.msgid,
                     entry.references[0] if entry.references else f"{path}:{entry.line}",
                     now, entry.previous_msgid if now == FUZZY else None))
    return CatalogCoverage(stats, tuple(rows))


class _Passages:
    """Collects per-message states across catalogs, keeping first-seen order."""

    def __init__(self) -> None:
        self.order: dict[tuple[str, str | None, str], str] = {}
        self.states: dict[tuple[str, str | None, str], dict[str, str]] = {}
        self.previous: dict[tuple[str, str | None, str], dict[str, str]] = {}

    def add(self, one: CatalogCoverage) -> None:
        domain, language = one.stats.domain, one.stats.language
        for msgctxt, msgid, location, now, previous in one.passages:
            key = (domain, msgctxt, msgid)
            if key not in self.order:
                self.order[key] = location
                self.states[key] = {}
            self.states[key][language] = now
            if previous is not None:
                self.previous.setdefault(key, {})[language] = previous

    def result(self) -> tuple[PassageStatus, ...]:
        return tuple(
            PassageStatus(
                domain=key[0], msgctxt=key[1], msgid=key[2], location=location,
                states=tuple(sorted(self.states[key].items())),
                previous=tuple(sorted(self.previous.get(key, {}).items())),
            )
            for key, location in self.order.items()
        )


def read_stats(paths: Sequence[Path], *, root: Path | None = None, passages: bool = False,
               known: Mapping[Path, CatalogCoverage] | None = None) -> Status:
    """Read and count the given catalog files; unreadable ones go to :attr:`Status.errors`.

    Paths inside ``root`` are shown relative to it. Each file is read once, and not at all
    when ``known`` has its :func:`catalog_coverage` (under the path it is given as).
    """
    from appeal_i18n.pofile import parse_po

    resolved_root = root.resolve() if root is not None else None
    stats: list[CatalogStats] = []
    errors: list[AppealError] = []
    collector = _Passages() if passages else None
    for path in paths:
        shown = path.as_posix() if root is None else relative_path(path, root, resolved_root)
        done = known.get(path) if known else None
        if done is not None and done.stats.path == shown:
            stats.append(done.stats)
            if collector is not None:
                collector.add(done)
            continue
        try:
            catalog = parse_po(path.read_bytes(), path=shown, check="statistics")
        except AppealError as exc:
            errors.append(exc)
            continue
        except OSError as exc:
            errors.append(CatalogError(catalog_problem(path) or exc.strerror or str(exc),
                                       path=shown))
            continue
        if collector is not None:
            one = catalog_coverage(catalog, path=shown)
            collector.add(one)
            stats.append(one.stats)
        else:
            stats.append(count(catalog, path=shown))
    stats.sort(key=lambda s: (s.language, s.domain, s.path))
    return Status(catalogs=tuple(stats), languages=totals(stats),
                  passages=collector.result() if collector else (), errors=tuple(errors))


def totals(stats: Iterable[CatalogStats]) -> tuple[LanguageStats, ...]:
    """Sum catalog statistics per language, sorted by language."""
    sums: dict[str, tuple[int, Counts, Counts, ReviewCounts]] = {}
    for one in stats:
        n, msg, wrd, rev = sums.get(one.language, (0, Counts(), Counts(), ReviewCounts()))
        sums[one.language] = (n + 1, msg + one.messages, wrd + one.words, rev + one.review)
    return tuple(LanguageStats(lang, n, msg, wrd, rev)
                 for lang, (n, msg, wrd, rev) in sorted(sums.items()))


def status(config: Config, paths: Sequence[Path] = (), *, passages: bool = False,
           known: Mapping[Path, CatalogCoverage] | None = None) -> Status:
    """The coverage of the given catalogs (files or folders), or of every project catalog.

    Raises :class:`UsageError` when a path does not exist; a catalog that cannot be read
    is reported in :attr:`Status.errors` and the others are still counted. ``known``: see
    :func:`read_stats`.
    """
    files = find_catalogs(paths) if paths else project_files(config)
    return read_stats(files, root=config.root, passages=passages, known=known)


def project_files(config: Config) -> list[Path]:
    """The catalogs ``status`` counts: every one the project should have (a missing one is
    reported), and any other ``locales/*/LC_MESSAGES/*.po``; without sources, those found."""
    try:
        expected = config.catalog_paths()
    except NothingToDo:  # catalogs without their source letters: count what is there
        expected = []
    return sorted({*expected, *config.catalog_files()})
