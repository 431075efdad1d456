"""The check table: :class:`Pair`, :class:`Check`, :data:`CHECKS`, :data:`SAFETY_CODES`.

The other modules of the package register their checks here with the decorators below;
the order of registration is the order of ``--list`` and of findings on one line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from appeal_i18n.glossary import Glossary
from appeal_i18n.model import Catalog, Entry

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Pair:
    """One English text and its translation, with what the checks need to know."""

    english: str
    """The source text (msgid, or msgid_plural for the plural forms after the first)."""
    translation: str
    """The non-empty translation."""
    lang: str | None
    """gettext language code of the catalog, None when unknown."""
    glossary: Glossary | None
    """The project glossary, if any."""

    @property
    def base(self) -> str:
        """The language without territory, script or modifier (``pt_BR`` -> ``pt``)."""
        return (self.lang or "").partition("@")[0].partition("_")[0]


PairCheck = Callable[[Pair], Iterable[str]]
EntryCheck = Callable[[Entry], Iterable[str]]
CatalogCheck = Callable[[Catalog, str | None], Iterable[tuple[int, str]]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check."""

    code: str
    """Stable code shown in findings, e.g. ``markdown-link``."""
    severity: str
    """``error`` or ``warning``."""
    title: str
    """One-line description (the function's docstring's first line)."""
    pair: PairCheck | None = None
    """Compares an English text with its translation."""
    entry: EntryCheck | None = None
    """Looks at an entry's state."""
    catalog: CatalogCheck | None = None
    """Looks at the whole catalog; yields ``(line, message)``."""

    @property
    def safety(self) -> bool:
        """True when a finding of this check makes a passage unsafe to publish."""
        return self.code in SAFETY_CODES


#: Every check, by code, in the order ``--list`` shows them.
CHECKS: dict[str, Check] = {}

#: Codes of findings that make a passage unsafe to publish.
SAFETY_CODES = frozenset({
    "markdown-link", "markdown-image", "markdown-html", "markdown-block",
    "bidi-control", "zero-width", "control-char",
})


def _title(func: Callable[..., object]) -> str:
    return (func.__doc__ or "").strip().splitlines()[0]


def pair_check(code: str, severity: str) -> Callable[[PairCheck], PairCheck]:
    def register(func: PairCheck) -> PairCheck:
        CHECKS[code] = Check(code, severity, _title(func), pair=func)
        return func
    return register


def entry_check(code: str, severity: str) -> Callable[[EntryCheck], EntryCheck]:
    def register(func: EntryCheck) -> EntryCheck:
        CHECKS[code] = Check(code, severity, _title(func), entry=func)
        return func
    return register


def catalog_check(code: str, severity: str) -> Callable[[CatalogCheck], CatalogCheck]:
    def register(func: CatalogCheck) -> CatalogCheck:
        CHECKS[code] = Check(code, severity, _title(func), catalog=func)
        return func
    return register


CHECKS["po-syntax"] = Check("po-syntax", ERROR,
                            "The file is not a valid PO file (GNU msgfmt -c would reject it).")
