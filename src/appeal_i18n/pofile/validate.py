"""The checks of ``msgfmt -c`` beyond syntax: header, plural forms, newlines, formats."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from appeal_i18n.errors import POError
from appeal_i18n.model import TRANSLATED, Catalog, Entry, state
from appeal_i18n.pofile.comments import entry_range


def _checked(entry: Entry) -> bool:
    """True for the entries msgfmt checks: the ones it compiles (:func:`state`)."""
    return state(entry) == TRANSLATED


def _catalog_problems(catalog: Catalog, path: str) -> tuple[list[POError], list[int]]:
    """msgfmt -c's checks of the catalog as a whole: a header is required (also in a file
    without entries), and check_plural. Returns the errors and the plural distribution (GNU's
    default one when the Plural-Forms expression is faulty)."""
    head = catalog.header
    errors = []
    if head is None or not head.msgstr:
        line = head.msgstr_line if head is not None else (
            catalog.entries[0].line if catalog.entries else 1)
        errors.append(POError("PO file header missing or invalid", path=path, line=line))
    plural = [e for e in catalog.entries if e.msgid_plural is not None and _checked(e)]
    problems, often = plural_verdict(head.msgstr if head is not None else None,
                                     [len(e.msgstr_plural) for e in plural])
    for message, index in problems:
        line = plural[index].msgstr_line if index >= 0 else head.msgstr_line  # type: ignore[union-attr]
        errors.append(POError(message, path=path, line=line))
    return errors, often if often is not None else [0, 1]


def plural_verdict(header: str | None,
                   forms: list[int]) -> tuple[list[tuple[str, int]], list[int] | None]:
    """msgfmt's check_plural, given the header's msgstr (None: no header) and the number of
    forms of each checked plural entry.

    Returns the problems, each with the index in ``forms`` of the entry to name (-1: the
    header), and the plural distribution (1 for the forms used by 5 or more of 0..1000),
    None when the Plural-Forms expression is faulty.
    """
    problems: list[tuple[str, int]] = []
    value = header if header is not None else ""
    has_plural, has_nplurals = "plural=" in value, "nplurals=" in value
    if forms and not has_plural:
        problems.append(('message catalog has plural form translations, but header entry '
                         'lacks a "plural=EXPRESSION" attribute', 0))
    if forms and not has_nplurals:
        problems.append(('message catalog has plural form translations, but header entry '
                         'lacks a "nplurals=INTEGER" attribute', 0))
    if header is None or not (has_plural and has_nplurals):
        return problems, [0, 1]  # GNU's default distribution: (n != 1), form 1 is "often"
    from appeal_i18n.pofile.plural import checked_plural, nplurals_value  # msgfmt -c only

    try:
        nplurals = nplurals_value(value)
        counts = list(checked_plural(nplurals, value[value.find("plural=") + 7:])[1])
    except ValueError as exc:
        problems.append((str(exc), -1))
        return problems, None
    if forms:
        fewest = min(range(len(forms)), key=forms.__getitem__)
        most = max(range(len(forms)), key=forms.__getitem__)
        if forms[fewest] < nplurals:
            n = forms[fewest]
            only = "only one plural form" if n == 1 else f"only {n} plural forms"
            problems.append((f"nplurals = {nplurals}, but some messages have {only}", fewest))
        elif forms[most] > nplurals:
            problems.append((f"nplurals = {nplurals}, but some messages have {forms[most]} "
                             "plural forms", most))
    return problems, [1 if c >= 5 else 0 for c in counts]


def _newline_mismatch(msgid: str, msgstr: str) -> bool:
    """Quick test: do msgid and msgstr disagree on a leading or trailing newline?"""
    return (msgid[:1] == "\n") != (msgstr[:1] == "\n") or (
        msgid[-1:] == "\n") != (msgstr[-1:] == "\n")


def _newline_problems(entry: Entry) -> Iterator[str]:
    """msgfmt's test that msgid and translations agree on a leading/trailing newline."""
    msgid = entry.msgid
    others: list[tuple[str, str]] = []
    if entry.msgid_plural is not None:
        others.append(("msgid_plural", entry.msgid_plural))
        others += [(f"msgstr[{j}]", s) for j, s in enumerate(entry.msgstr_plural)]
    else:
        others.append(("msgstr", entry.msgstr))
    for name, text in others:
        if text.startswith("\n") != msgid.startswith("\n"):
            yield f"'msgid' and '{name}' entries do not both begin with '\\n'"
    for name, text in others:
        if text.endswith("\n") != msgid.endswith("\n"):
            yield f"'msgid' and '{name}' entries do not both end with '\\n'"


def plural_of(header: str | None) -> Callable[[int], int] | None:
    """The Plural-Forms function msgfmt uses for its checks: the header's, GNU's default
    ``n != 1`` without one, None when the expression is faulty."""
    value = header or ""
    if "plural=" not in value or "nplurals=" not in value:
        return lambda n: int(n != 1)
    from appeal_i18n.pofile.plural import plural_function

    try:
        return plural_function(value[value.find("plural=") + 7:])
    except ValueError:
        return None


def _strict_forms(entry: Entry, often: list[int],
                  plural: Callable[[int], int] | None) -> list[bool]:
    """msgfmt's strictness for each plural form: a lone form, or one used by many n
    (``often``), unless the ``range:`` flag lets at most one n reach it."""
    forms = len(entry.msgstr_plural)
    if forms == 1:
        return [True]
    bounds = entry_range(entry)
    strict = []
    for j in range(forms):
        often_j = j < len(often) and bool(often[j])
        if often_j and bounds is not None and plural is not None:
            low = max(bounds[0], 0)
            high = min(bounds[1], low + 1000)  # GNU evaluates at most 1000 values
            often_j = sum(1 for n in range(low, high + 1) if plural(n) == j) > 1
        strict.append(often_j)
    return strict


def format_problems(entry: Entry, often: list[int],
                    plural: Callable[[int], int] | None = None) -> Iterator[str]:
    """msgfmt's format string test for the format flags we know (``often``: the plural
    distribution, ``plural``: the Plural-Forms function, for ``range:`` flags)."""
    # Imported here: status (plain msgfmt's checks) needs no format parser.
    from appeal_i18n.pofile.formats import FORMAT_PARSERS, FORMAT_RANK, compare_formats

    for flag in sorted({f.removeprefix("possible-") for f in entry.flags} & FORMAT_PARSERS.keys(),
                       key=FORMAT_RANK.__getitem__):
        parser = FORMAT_PARSERS[flag]
        source = entry.msgid_plural if entry.msgid_plural is not None else entry.msgid
        msgid = parser(source)
        if msgid.error is not None:
            continue  # GNU checks translations only against valid msgids
        if entry.msgid_plural is None:
            pairs = [("msgid", "msgstr", entry.msgstr, True)]
        else:
            pairs = [("msgid_plural", f"msgstr[{j}]", s, strict)
                     for j, (s, strict) in enumerate(zip(
                         entry.msgstr_plural, _strict_forms(entry, often, plural),
                         strict=True))]
        for id_name, str_name, text, strict in pairs:
            problem = compare_formats(flag, msgid, parser(text), strict, id_name, str_name)
            if problem is not None:
                yield problem


def validate_catalog(catalog: Catalog, *, strict: bool = True) -> list[POError]:
    """Return every fault that ``msgfmt -c`` finds beyond syntax, in msgfmt's order.

    Covers the header's presence, Plural-Forms, plural form counts, leading/trailing
    newlines and the directives of every format msgfmt checks (:data:`FORMAT_PARSERS`).
    Like msgfmt, it skips obsolete, untranslated and fuzzy entries. Without ``strict``,
    only what plain ``msgfmt`` (``--statistics``) checks: the newlines.
    """
    path = catalog.path or "<catalog>"
    errors, often = _catalog_problems(catalog, path) if strict else ([], [0, 1])
    head = catalog.header
    plural = plural_of(head.msgstr if head is not None else None) if strict else None
    for entry in catalog.entries:
        if entry.is_header or not _checked(entry):
            continue
        if entry.msgid_plural is not None or _newline_mismatch(entry.msgid, entry.msgstr):
            for message in _newline_problems(entry):
                errors.append(POError(message, path=path, line=entry.msgstr_line))
        if entry.flags and strict:
            for message in format_problems(entry, often, plural):
                errors.append(POError(message, path=path, line=entry.msgstr_line))
    return errors
