"""Update a translated catalog from a new template, as GNU ``msgmerge --previous`` does.

The result has the template's messages in the template's order, then the obsolete ones.
Each template message takes, from the PO entry with the same ``(msgctxt, msgid)`` (active or
obsolete), its translation, translator comments and fuzzy flag; the template gives the
extracted comments, references and format flags. A message with no exact match borrows the
translation of the most similar translated PO entry (GNU's ``fstrcmp`` similarity > 0.6), marked
``fuzzy`` with the old text in ``#|`` previous strings. PO entries nobody used become obsolete.

Where this differs from msgmerge 0.21, on purpose:

* an unused entry whose first plural form is empty but another form is not becomes obsolete
  and is written (msgmerge drops it, losing those translations);
* between two long texts (5 words or more each) a fuzzy match also needs half of the words in
  common, in order: this avoids msgmerge's fills of a paragraph with an unrelated one that
  happens to share 60% of its letters;
* when the template adds a format flag, the translation is checked for the formats
  :mod:`appeal_i18n.pofile.formats` parses (msgmerge also checks scheme, lisp, kde-kuit and
  the others listed in ``docs/gettext-differences.md``);
* candidates for fuzzy matching are the dozen PO entries sharing the most rare word-start
  4-grams with the new text, not every entry sharing any 4-gram, so that large catalogs merge
  fast (msgmerge 0.21 would find the same best match in all but contrived cases);
* when the template's charset differs from the PO's, the result says UTF-8 but no
  ``Language`` field is guessed from the team's name.
"""

from __future__ import annotations

import codecs
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import astuple, dataclass, replace

from .model import UNTRANSLATED, Catalog, Entry, state
from .pofile.comments import entry_range, flag_range
from .pofile.validate import format_problems, plural_of, plural_verdict

FUZZY_THRESHOLD = 0.6
"""msgmerge's FUZZY_THRESHOLD: a fuzzy match must be strictly more similar than this."""

_CONTEXT_BONUS = 0.00001
"""msgmerge's small advantage for a candidate with the same (or no) msgctxt."""

_MAX_CANDIDATES = 12
"""How many index candidates (by shared 4-grams) are scored with the exact similarity."""

_QUERY_GRAMS = 16
"""How many of a new text's rarest 4-grams are looked up to find candidates."""

_WORD_GUARD_MIN_WORDS = 5
"""Texts with at least this many words each must also be similar word by word."""

_WORD_GUARD_RATIO = 0.5
"""Minimum word-level similarity between two long texts for a fuzzy match."""

_SHORT = 4
"""Texts shorter than this many characters have no 4-gram and are compared by length."""

_KNOWN_HEADER_FIELDS = (
    "Project-Id-Version:",
    "Report-Msgid-Bugs-To:",
    "POT-Creation-Date:",
    "PO-Revision-Date:",
    "Last-Translator:",
    "Language-Team:",
    "Language:",
    "MIME-Version:",
    "Content-Type:",
    "Content-Transfer-Encoding:",
)
"""Header fields msgmerge writes first, in this order; others follow in the PO's order."""

_FROM_TEMPLATE = ("Report-Msgid-Bugs-To:", "POT-Creation-Date:")
"""Header fields msgmerge takes from the template when it has them."""

_WORD = re.compile(r"\w+")
_WORD_START_GRAM = re.compile(r"(?<!\w)(?=(\w.{3}))", re.DOTALL)
_GRAM_AFTER_NON_WORD = re.compile(r"\W(?=(\w.{3}))", re.DOTALL)
_WORD_CHAR = re.compile(r"\w")


def _word_start_grams(text: str) -> set[str]:
    """The 4-grams of ``text`` that start a word: ``set(_WORD_START_GRAM.findall(text))``.

    A regex that starts with a character class is scanned for much faster than one that
    starts with a look-behind, so the word starts are found after a non-word character,
    and the one at the start of the text separately.
    """
    grams = set(_GRAM_AFTER_NON_WORD.findall(text))
    if len(text) >= 4 and _WORD_CHAR.match(text) is not None:
        grams.add(text[:4])
    return grams


@dataclass(frozen=True, slots=True)
class MergeStats:
    """What a merge did to each template message and to the leftover PO entries."""

    matched: int
    """Template messages found in the PO with the same msgctxt and msgid."""
    fuzzy: int
    """Template messages given the translation of a similar PO entry, marked fuzzy."""
    new: int
    """Template messages with no match: left untranslated."""
    obsolete: int
    """PO entries (with a translation) that no template message used, now obsolete."""


def merge(po: Catalog, pot: Catalog, *, fuzzy_matching: bool = True,
          previous: bool = True) -> Catalog:
    """Return ``po`` updated to the messages of ``pot``, as ``msgmerge --previous po pot``.

    ``fuzzy_matching=False`` is ``--no-fuzzy-matching``; ``previous=False`` drops every
    ``#|`` previous string, as msgmerge without ``--previous``. The inputs are not modified.
    """
    return merge_with_stats(po, pot, fuzzy_matching=fuzzy_matching, previous=previous)[0]


def merge_with_stats(po: Catalog, pot: Catalog, *, fuzzy_matching: bool = True,
                     previous: bool = True) -> tuple[Catalog, MergeStats]:
    """Like :func:`merge`, and also count what happened to each message.

    Files with ``domain`` directives are merged domain by domain, as msgmerge does: each of
    the template's domains with the PO's domain of that name. A PO domain the template
    lacks is kept, its entries obsolete (msgmerge would drop it).
    """
    if po.domains in ([], [None]) and pot.domains in ([], [None]):
        return _merge_domain(po, pot, fuzzy_matching=fuzzy_matching, previous=previous)
    entries: list[Entry] = []
    total = MergeStats(0, 0, 0, 0)
    charset = po.charset
    for domain in dict.fromkeys([*pot.domains, *po.domains]):
        mine = Catalog([e for e in po.entries if e.domain == domain], po.charset, po.path)
        theirs = Catalog([e for e in pot.entries if e.domain == domain], pot.charset, pot.path)
        if not theirs.entries:
            theirs = Catalog([e for e in mine.entries if e.is_header and not e.obsolete])
        result, stats = _merge_domain(mine, theirs, fuzzy_matching=fuzzy_matching,
                                      previous=previous)
        for entry in result.entries:
            entry.domain = domain
        entries += result.entries
        charset = result.charset if domain == (pot.domains or po.domains)[0] else charset
        total = MergeStats(*map(operator.add, astuple(total), astuple(stats)))
    return Catalog(entries=entries, charset=charset, path=po.path), total


def _merge_domain(po: Catalog, pot: Catalog, *, fuzzy_matching: bool,
                  previous: bool) -> tuple[Catalog, MergeStats]:
    """:func:`merge_with_stats` of one domain."""
    merger = _Merger(po, fuzzy_matching=fuzzy_matching)
    refs = [ref for ref in pot.entries if not ref.obsolete]
    entries = [merger.merge_one(ref) for ref in refs]
    result = [entry for entry in entries if entry is not None]
    if pot.header is None and po.header is not None:
        result.insert(0, replace(po.header))
    obsolete = merger.leftovers()
    result.extend(obsolete)
    if not previous:
        for entry in result:
            _clear_previous(entry)
    charset = _result_charset(po, pot)
    if charset != po.charset and result and result[0].is_header:
        result[0].msgstr = re.sub(r"(?im)^(Content-Type:.*charset=)\S+", rf"\g<1>{charset}",
                                  result[0].msgstr, count=1)
    counts = merger.counts
    stats = MergeStats(matched=counts["matched"], fuzzy=counts["fuzzy"], new=counts["new"],
                       obsolete=len(obsolete))
    return Catalog(entries=result, charset=charset, path=po.path), stats


def _result_charset(po: Catalog, pot: Catalog) -> str:
    """The PO's charset, or UTF-8 when the template declares another real one (as msgmerge)."""
    try:
        ours, theirs = codecs.lookup(po.charset).name, codecs.lookup(pot.charset).name
    except (LookupError, UnicodeError):
        return po.charset
    if ours == theirs or theirs == "ascii":
        return po.charset
    return "UTF-8"


class _Merger:
    """The PO side of a merge: lookups, the fuzzy index, and which entries were used."""

    def __init__(self, po: Catalog, *, fuzzy_matching: bool) -> None:
        self.defs = [e for e in po.entries if not (e.is_header and not e.obsolete)]
        self.exact: dict[tuple[str | None, str], int] = {}
        # An active entry wins over an obsolete one with the same key.
        for obsolete in (False, True):
            for index, entry in enumerate(self.defs):
                if entry.obsolete == obsolete:
                    self.exact.setdefault(entry.key, index)
        self.used = [False] * len(self.defs)
        self.header = po.header
        self.nplurals = plural_count(po.header.msgstr if po.header else None)
        self._often: list[int] | None = None
        self.plural: Callable[[int], int] | None = None
        """The PO's Plural-Forms function, set with :attr:`often`."""
        self.fuzzy_matching = fuzzy_matching
        self._index: FuzzyIndex | None = None
        self.counts: Counter[str] = Counter()

    @property
    def index(self) -> FuzzyIndex:
        """The fuzzy index of the PO's entries, built when the first search needs it (a
        catalog in step with its template needs none)."""
        if self._index is None:
            self._index = FuzzyIndex(self.defs)
        return self._index

    @property
    def often(self) -> list[int]:
        """The plural distribution of the PO's Plural-Forms, as msgmerge computes it for its
        format checks (GNU's default rule without one; [] when the expression is faulty)."""
        if self._often is None:
            self._often, self.plural = plural_check(
                self.header.msgstr if self.header is not None else None)
        return self._often

    def merge_one(self, ref: Entry) -> Entry | None:
        """The result entry for one template entry (None for a header the PO lacks)."""
        if ref.is_header:
            if self.header is None:
                return None
            return _merge_header(self.header, ref)
        position = self.exact.get(ref.key)
        force_fuzzy = False
        if position is None and self.fuzzy_matching:
            position = self.index.search(ref.msgctxt, ref.msgid)
            force_fuzzy = position is not None
        if position is None:
            self.counts["new"] += 1
            return _untranslated(ref, self.nplurals)
        self.used[position] = True
        self.counts["fuzzy" if force_fuzzy else "matched"] += 1
        return _merge_entry(self.defs[position], ref, force_fuzzy=force_fuzzy,
                            nplurals=self.nplurals, often=self.often if ref.flags else [],
                            plural_forms=self.plural)

    def leftovers(self) -> list[Entry]:
        """Unused PO entries that carry a translation, as obsolete entries."""
        result = []
        for entry, used in zip(self.defs, self.used, strict=True):
            if not used and entry.has_translation:
                result.append(replace(entry, obsolete=True, references=(),
                                      extracted_comments=(), line=0, msgstr_line=0))
        return result


def _clear_previous(entry: Entry) -> None:
    """Drop the ``#|`` previous strings."""
    entry.previous_msgctxt = None
    entry.previous_msgid = None
    entry.previous_msgid_plural = None


def _untranslated(ref: Entry, nplurals: int) -> Entry:
    """A template entry with no match; an empty plural gets the PO's number of forms."""
    entry = replace(ref, line=0, msgstr_line=0)
    if entry.msgid_plural is not None and not any(entry.msgstr_plural):
        entry.msgstr_plural = ("",) * nplurals
    return entry


def plural_check(header: str | None) -> tuple[list[int], Callable[[int], int] | None]:
    """What msgmerge's format checks know of a PO's plural forms: the distribution of
    n over them (GNU's default rule without a Plural-Forms; [] when the expression is
    faulty) and, when there is one, the Plural-Forms function."""
    often = plural_verdict(header, [])[1] or []
    return often, (plural_of(header) if often else None)


def _merge_entry(old: Entry, ref: Entry, *, force_fuzzy: bool, nplurals: int,
                 often: list[int], plural_forms: Callable[[int], int] | None = None) -> Entry:
    """msgmerge's ``message_merge``: the template's identity, the PO's translation
    (``often``: the PO's plural distribution, for the format check)."""
    msgstr, plural = _adapt_forms(old, ref, nplurals)
    flags = tuple(f for f in ref.flags if f != "fuzzy")
    fuzzy = old.fuzzy or force_fuzzy or plural or (
        ref.msgid_plural is not None and old.msgid_plural is not None
        and ref.msgid_plural != old.msgid_plural and old.has_translation)
    if not fuzzy:
        fuzzy = _format_mismatch(ref, old, msgstr, often, plural_forms)
    if not fuzzy and (bounds := entry_range(old)) is not None:
        # A translation written for a range of n needs a look when the range grows.
        new = entry_range(ref)
        fuzzy = new is None or new[0] < bounds[0] or new[1] > bounds[1]
    entry = Entry(
        msgid=ref.msgid, msgctxt=ref.msgctxt, msgid_plural=ref.msgid_plural,
        msgstr=msgstr[0] if ref.msgid_plural is None else "",
        msgstr_plural=msgstr if ref.msgid_plural is not None else (),
        translator_comments=old.translator_comments,
        extracted_comments=ref.extracted_comments, references=ref.references,
        flags=("fuzzy", *flags) if fuzzy else flags,
    )
    if state(entry) == UNTRANSLATED:
        entry.flags = flags  # msgmerge keeps neither fuzzy nor #| on an untranslated entry
    elif old.fuzzy:
        entry.previous_msgctxt = old.previous_msgctxt
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgid_plural = old.previous_msgid_plural
    elif fuzzy:
        entry.previous_msgctxt = old.msgctxt
        entry.previous_msgid = old.msgid
        entry.previous_msgid_plural = old.msgid_plural
    return entry


def _adapt_forms(old: Entry, ref: Entry, nplurals: int) -> tuple[tuple[str, ...], bool]:
    """The translation's forms for the template's plurality, and whether that changed it."""
    if ref.msgid_plural is not None and old.msgid_plural is None:
        return (old.msgstr,) * nplurals, True
    if ref.msgid_plural is None and old.msgid_plural is not None:
        forms = old.msgstr_plural or ("",)
        return forms[:1], len(forms) > 1
    if old.msgid_plural is None:
        return (old.msgstr,), False
    return old.msgstr_plural, False


# -- header -----------------------------------------------------------------------------


def _merge_header(old: Entry, ref: Entry) -> Entry:
    """The PO's header entry with the template's bug address and creation date."""
    return replace(old, msgstr=merge_header(old.msgstr, ref.msgstr),
                   extracted_comments=ref.extracted_comments, references=ref.references,
                   obsolete=False, line=0, msgstr_line=0)


def merge_header(po_header: str, pot_header: str) -> str:
    """msgmerge's header update: known fields first in GNU's order, then the PO's others.

    ``Report-Msgid-Bugs-To`` and ``POT-Creation-Date`` come from the template when it has them.
    """
    known: dict[str, str] = {}
    others: list[str] = []
    for line in _header_lines(po_header):
        name = _known_field(line)
        if name is None:
            others.append(line)
        else:
            known[name] = line[len(name):]
    for name in _FROM_TEMPLATE:
        start = pot_header.find(name)
        if start >= 0:
            value = pot_header[start + len(name):]
            end = value.find("\n")
            known[name] = value + "\n" if end < 0 else value[:end + 1]
    ordered = [name + known[name] for name in _KNOWN_HEADER_FIELDS if name in known]
    return "".join(ordered + others)


def _header_lines(header: str) -> list[str]:
    """The header's lines, each ending with a newline."""
    lines = header.splitlines(keepends=True)
    return [line if line.endswith("\n") else line + "\n" for line in lines if line]


def _known_field(line: str) -> str | None:
    """The canonical spelling of the known field that ``line`` starts with, if any."""
    for name in _KNOWN_HEADER_FIELDS:
        if line[:len(name)].lower() == name.lower():
            return name
    return None


def plural_count(header: str | None) -> int:
    """``nplurals`` from a header's Plural-Forms, or 2 (msgmerge's default)."""
    if header:
        match = re.search(r"^Plural-Forms:.*?nplurals\s*=\s*(\d+)", header, re.MULTILINE)
        if match and int(match.group(1)) > 0:
            return int(match.group(1))
    return 2


# -- similarity -------------------------------------------------------------------------


def similarity(a: str, b: str) -> float:
    """GNU ``fstrcmp``: ``2 * LCS / (len(a) + len(b))`` over the UTF-8 bytes; 1.0 for two ''."""
    x, y = a.encode("utf-8"), b.encode("utf-8")
    total = len(x) + len(y)
    if total == 0:
        return 1.0
    return 2 * lcs_length(x, y) / total


def lcs_length(x: Sequence[int], y: Sequence[int]) -> int:
    """Length of the longest common subsequence, bit-parallel (Hyyrö 2004)."""
    start = 0
    limit = min(len(x), len(y))
    while start < limit and x[start] == y[start]:
        start += 1
    end = 0
    while end < limit - start and x[len(x) - 1 - end] == y[len(y) - 1 - end]:
        end += 1
    x, y = x[start:len(x) - end], y[start:len(y) - end]
    if not x or not y:
        return start + end
    masks: dict[int, int] = {}
    for bit, symbol in enumerate(x):
        masks[symbol] = masks.get(symbol, 0) | (1 << bit)
    row = -1  # infinitely many one bits: no match yet in any column
    for symbol in y:
        matches = row & masks.get(symbol, 0)
        row = (row + matches) | (row - matches)
    zeros = len(x) - (row & ((1 << len(x)) - 1)).bit_count()
    return start + end + zeros


def _word_similarity(a: list[int], b: list[int]) -> float:
    """``fstrcmp`` over sequences of word ids."""
    return 2 * lcs_length(a, b) / (len(a) + len(b))


class FuzzyIndex:
    """Translated entries by word-start 4-gram, plus the short and word-less ones by length.

    msgmerge indexes every character 4-gram; indexing only the 4-grams that start a word
    keeps the index ten times smaller and still finds every version of an edited text.
    """

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self.grams: dict[str, list[int]] = {}
        self.by_length: dict[int, list[int]] = {}
        self.words: dict[str, int] = {}
        self._word_ids: dict[int, list[int]] = {}
        self._byte_counts: dict[int, tuple[Counter[int], int]] = {}
        for position, entry in enumerate(entries):
            if not _is_source(entry):
                continue
            grams = _word_start_grams(entry.msgid)
            for gram in grams:
                self.grams.setdefault(gram, []).append(position)
            if not grams or len(entry.msgid) < _SHORT:
                size = len(entry.msgid.encode("utf-8"))
                self.by_length.setdefault(size, []).append(position)
        self.cap = max(100, len(entries) // 50)
        self._folded: dict[str, list[int]] | None = None

    def search(self, msgctxt: str | None, msgid: str) -> int | None:
        """The position of the best fuzzy source for ``msgid``, or None.

        When the texts sharing its word-start 4-grams give none, those sharing them in
        lower case are tried: msgmerge finds "hello" for "Hello", which share no 4-gram.
        """
        best = self._best(msgctxt, msgid, self._candidates(msgid))
        if best is None and len(msgid) >= _SHORT and msgid != msgid.lower():
            best = self._best(msgctxt, msgid, self._folded_candidates(msgid))
        return best

    def _folded_candidates(self, msgid: str) -> list[int]:
        """Sources sharing word-start 4-grams with ``msgid`` in lower case (index built on
        first use)."""
        if self._folded is None:
            self._folded = {}
            for position, entry in enumerate(self.entries):
                if _is_source(entry) and entry.msgid != entry.msgid.lower():
                    for gram in _word_start_grams(entry.msgid.lower()):
                        self._folded.setdefault(gram, []).append(position)
        found: set[int] = set()
        for gram in _word_start_grams(msgid.lower()):
            found.update(self._folded.get(gram, ()))
            found.update(self.grams.get(gram, ()))
        return sorted(found)[:_MAX_CANDIDATES * 10]

    def _best(self, msgctxt: str | None, msgid: str, candidates: list[int]) -> int | None:
        """The best of ``candidates`` above the threshold, or None."""
        best, best_weight = None, FUZZY_THRESHOLD
        query_words: list[int] | None = None
        query_bytes: tuple[Counter[int], int] | None = None
        for position in candidates:
            entry = self.entries[position]
            bonus = 0.0
            if entry.msgctxt is None or entry.msgctxt == msgctxt:
                bonus = _CONTEXT_BONUS
            bound = best_weight - bonus * 1.01
            if _length_bound(msgid, entry.msgid) < bound:
                continue
            if query_bytes is None:
                query_bytes = _byte_counts(msgid)
            # The common bytes, counted without order, bound the longest common subsequence.
            upper = self._bytes_bound(query_bytes, position)
            if upper < bound or upper + bonus <= best_weight:
                continue
            weight = similarity(msgid, entry.msgid)
            if weight < bound or weight + bonus <= best_weight:
                continue
            if query_words is None:
                query_words = self._word_list(msgid)
            if not self._words_agree(query_words, position):
                continue
            best, best_weight = position, weight + bonus
        return best

    def _bytes_bound(self, query: tuple[Counter[int], int], position: int) -> float:
        """An upper bound of the similarity of the query and an entry from their bytes alone."""
        counts = self._byte_counts.get(position)
        if counts is None:
            counts = self._byte_counts[position] = _byte_counts(self.entries[position].msgid)
        (mine, size), (theirs, other) = query, counts
        if size + other == 0:
            return 1.0
        common = sum(min(count, theirs[byte]) for byte, count in mine.items() if byte in theirs)
        return 2 * common / (size + other)

    def _candidates(self, msgid: str) -> list[int]:
        """Positions worth scoring: most shared rare 4-grams first, or texts of a fit length."""
        grams = _word_start_grams(msgid)
        if not grams or len(msgid) < _SHORT:
            return self._by_length(msgid)
        postings = sorted((self.grams[g] for g in grams if g in self.grams), key=len)
        rare = [p for p in postings if len(p) <= self.cap][:_QUERY_GRAMS] or postings[:3]
        counts: Counter[int] = Counter()
        for posting in rare:
            counts.update(posting)
        top = counts.most_common(2 * _MAX_CANDIDATES)
        top.sort(key=lambda kv: (-kv[1], kv[0]))
        return [position for position, _ in top[:_MAX_CANDIDATES]]

    def _by_length(self, msgid: str) -> list[int]:
        """Short or word-less sources whose length allows a similarity above the threshold."""
        size = len(msgid.encode("utf-8"))
        low = math.ceil(size / (2 / FUZZY_THRESHOLD - 1))
        high = int(size * (2 / FUZZY_THRESHOLD - 1))
        return sorted(p for n in range(low, high + 1) for p in self.by_length.get(n, []))

    def _word_list(self, text: str) -> list[int]:
        """The words of ``text`` as ids (case-insensitive)."""
        return [self.words.setdefault(w, len(self.words)) for w in _WORD.findall(text.lower())]

    def _words_agree(self, query: list[int], position: int) -> bool:
        """False when two long texts share too few words, in order, to be versions of one."""
        if position not in self._word_ids:
            self._word_ids[position] = self._word_list(self.entries[position].msgid)
        words = self._word_ids[position]
        if min(len(query), len(words)) < _WORD_GUARD_MIN_WORDS:
            return True
        return _word_similarity(query, words) >= _WORD_GUARD_RATIO


def _is_source(entry: Entry) -> bool:
    """True when msgmerge may copy ``entry``'s translation (active or obsolete): its strings
    give it a translation, fuzzy or not."""
    return state(entry, as_active=True) != UNTRANSLATED


def _byte_counts(text: str) -> tuple[Counter[int], int]:
    """How many times each byte occurs in the UTF-8 form of ``text``, and its length."""
    data = text.encode("utf-8")
    return Counter(data), len(data)


def _length_bound(a: str, b: str) -> float:
    """An upper bound of :func:`similarity` from the lengths alone."""
    x, y = len(a.encode("utf-8")), len(b.encode("utf-8"))
    return 2 * min(x, y) / (x + y) if x + y else 1.0


# -- format check -----------------------------------------------------------------------


def _possible_formats(entry: Entry) -> set[str]:
    """The ``X-format`` flags an entry says yes or possible to (``possible-X-format``)."""
    return {f.removeprefix("possible-") for f in entry.flags
            if f.endswith("-format") and not f.startswith(("no-", "impossible-"))}


def _format_mismatch(ref: Entry, old: Entry, msgstr: tuple[str, ...], often: list[int],
                     plural_forms: Callable[[int], int] | None) -> bool:
    """msgmerge's test for each format the template declares and the old entry did not:
    would ``msgfmt -c`` reject the merged translation (``often``: the plural distribution)?"""
    added = sorted(_possible_formats(ref) - _possible_formats(old))
    if not added:
        return False
    plural = ref.msgid_plural is not None
    probe = Entry(msgid=ref.msgid, msgid_plural=ref.msgid_plural,
                  msgstr="" if plural else msgstr[0], msgstr_plural=msgstr if plural else (),
                  flags=(*added, *(f for f in ref.flags if flag_range(f))))
    return next(format_problems(probe, often, plural_forms), None) is not None


# -- translation memory (msgmerge --compendium) -----------------------------------------


def fill_from_compendium(catalog: Catalog, compendium: Sequence[Entry], *,
                         known: Collection[tuple[str | None, str]] = ()) -> int:
    """Propose translations for ``catalog``'s untranslated messages from ``compendium``, as
    ``msgmerge --compendium`` does; return how many got one. ``catalog`` is changed in place.

    ``compendium`` holds the entries (obsolete ones too) of other catalogs of the same
    language (the project's other letters); ``known``, the ``(msgctxt, msgid)`` of every
    entry the catalog had before its merge. An untranslated message whose key has a
    translation (fuzzy or not) in the compendium takes it as msgmerge does: translated
    when the source is, fuzzy when it is fuzzy. A new message (not in ``known``: for one
    it knows, msgmerge finds its own untranslated entry first and searches no further)
    with no exact match takes the translation of the most similar English (the same
    matcher as :func:`merge`) as a fuzzy proposal with the old English in ``#|``.
    Translator comments come along as msgmerge brings them, except review records: an
    approval given in another letter is not one here
    (:func:`appeal_i18n.review.strip_records`).

    Where this differs from ``msgmerge -C``, on purpose: a message the catalog's own merge
    already matched fuzzily keeps that match, so its own translation is never dropped
    (msgmerge would prefer an exact or a more similar match from the compendium and make
    the catalog's own entry obsolete).
    """
    from .review import strip_records

    # Obsolete entries too, as msgmerge uses them: a passage a letter dropped may return.
    sources = [e for e in compendium if e.msgid and _is_source(e)]
    if not sources:
        return 0
    exact: dict[tuple[str | None, str], int] = {}
    for at, source in enumerate(sources):
        exact.setdefault(source.key, at)
    index: FuzzyIndex | None = None
    nplurals = plural_count(catalog.header.msgstr if catalog.header else None)
    often: list[int] | None = None
    plural: Callable[[int], int] | None = None
    filled = 0
    for i, entry in enumerate(catalog.entries):
        if entry.obsolete or entry.is_header or state(entry) != UNTRANSLATED:
            continue
        position = exact.get(entry.key)
        fuzzy = position is None
        if position is None:
            if entry.key in known:
                continue
            if index is None:
                index = FuzzyIndex(sources)
            position = index.search(entry.msgctxt, entry.msgid)
        if position is None:
            continue
        if often is None:
            often, plural = plural_check(catalog.header.msgstr if catalog.header else None)
        proposal = _merge_entry(sources[position], entry, force_fuzzy=fuzzy, nplurals=nplurals,
                                often=often if entry.flags else [], plural_forms=plural)
        proposal.translator_comments = strip_records(proposal.translator_comments)
        catalog.entries[i] = proposal
        filled += 1
    return filled
