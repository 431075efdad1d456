"""Settings: ``[tool.appeal-i18n]`` in the project's ``pyproject.toml``, with working defaults."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from appeal_i18n.errors import CatalogError, ConfigError, NothingToDo, UsageError

_KEYS = {"source", "locales", "output", "languages", "min-coverage", "bugs-address",
         "require-review", "keep-published", "base-url"}


@dataclass(frozen=True, slots=True)
class Config:
    """Where a project keeps its files, and what it publishes."""

    root: Path
    """The project folder (``-C/--project``)."""
    source: str = "source"
    """Folder of the source letters (``<name>.md``), relative to ``root``."""
    locales: str = "locales"
    """Folder of templates and catalogs, relative to ``root``."""
    output: str = "dist"
    """Folder the build writes to, relative to ``root``."""
    languages: tuple[str, ...] = ()
    """Configured languages; empty means every language that has a catalog folder."""
    min_coverage: float = 100.0
    """Percentage of translated passages a language needs to be published."""
    bugs_address: str = ""
    """Report-Msgid-Bugs-To of the templates."""
    require_review: bool = False
    """Publish only passages a reader approved (``appeal-i18n review``); others in English."""
    keep_published: bool = False
    """Keep the last published letters of a language the build no longer publishes."""
    base_url: str | None = None
    """The published site's absolute URL, ending in ``/`` (see :func:`base_url`); None:
    the pages link relatively and have no share image."""

    @property
    def source_dir(self) -> Path:
        """Absolute folder of the source letters."""
        return self.root / self.source

    @property
    def locales_dir(self) -> Path:
        """Absolute folder of the templates and catalogs."""
        return self.root / self.locales

    @property
    def output_dir(self) -> Path:
        """Absolute folder of the built files."""
        return self.root / self.output

    def documents(self) -> list[Path]:
        """The source letters, sorted by name."""
        if not self.source_dir.is_dir():
            raise NothingToDo("source folder not found", path=self.rel(self.source_dir))
        found = sorted(self.source_dir.glob("*.md"))
        if not found:
            raise NothingToDo("no letters (*.md) in the source folder",
                              path=self.rel(self.source_dir))
        return found

    def domains(self) -> list[str]:
        """Domain names: one per source letter, sorted."""
        return [path.stem for path in self.documents()]

    def catalog_files(self) -> list[Path]:
        """Every ``locales/<lang>/LC_MESSAGES/*.po`` that exists, sorted."""
        if not self.locales_dir.is_dir():
            return []
        return sorted(self.locales_dir.glob("*/LC_MESSAGES/*.po"))

    def catalog_paths(self) -> list[Path]:
        """Where the catalog of every catalog language for every source letter belongs."""
        return [self.catalog_path(lang, domain)
                for lang in self.catalog_languages() for domain in self.domains()]

    def project_catalogs(self, *, create: bool = False) -> list[Path]:
        """The catalog of every catalog language for every source letter.

        Raises :class:`CatalogError` for the first one that is missing or unreadable
        (a broken link, a folder in place of the file): no command may pass over a
        language's catalog in silence. ``create``: a catalog that is simply absent is
        fine (``update`` creates it).
        """
        paths = self.catalog_paths()
        for path in paths:
            problem = catalog_problem(path)
            if problem is not None and not (create and problem == ABSENT):
                raise CatalogError(problem, path=self.rel(path))
        return paths

    def require_catalogs(self) -> list[Path]:
        """:meth:`project_catalogs`, or :class:`NothingToDo` when the project has none."""
        paths = self.project_catalogs()
        if not paths:
            raise NothingToDo("no catalogs to work on (add a language with "
                              "`appeal-i18n init LANG`)", path=self.rel(self.locales_dir))
        return paths

    def template_path(self, domain: str) -> Path:
        """``locales/<domain>.pot``."""
        return self.locales_dir / f"{domain}.pot"

    def catalog_path(self, lang: str, domain: str) -> Path:
        """``locales/<lang>/LC_MESSAGES/<domain>.po``."""
        return self.locales_dir / lang / "LC_MESSAGES" / f"{domain}.po"

    def catalog_languages(self) -> list[str]:
        """Languages with a catalog folder, plus configured ones, sorted."""
        found = set(self.languages)
        if self.locales_dir.is_dir():
            for child in self.locales_dir.iterdir():
                if (child / "LC_MESSAGES").is_dir():
                    found.add(child.name)
        return sorted(found)

    def rel(self, path: Path) -> str:
        """``path`` relative to the project when inside it, with forward slashes."""
        return relative_path(path, self.root)


#: :func:`catalog_problem`'s answer for a catalog that does not exist at all.
ABSENT = "catalog not found (`appeal-i18n update` creates it)"


def catalog_problem(path: Path) -> str | None:
    """Why a catalog the project needs cannot be read, or None when it is a readable file."""
    if path.is_symlink() and not path.exists():
        return "broken symbolic link: the file it points to does not exist"
    if path.is_dir():
        return "a folder where the catalog file should be"
    if not path.exists():
        return ABSENT
    if not path.is_file():
        return "not a regular file"
    if not os.access(path, os.R_OK):
        return "cannot read the catalog: permission denied"
    return None


def relative_path(path: Path, root: Path, resolved_root: Path | None = None) -> str:
    """``path`` relative to ``root`` when inside it, else as given, with forward slashes.

    A path written under ``root`` (``root / ...``) needs no system call; any other is
    compared once resolved (``resolved_root``: ``root.resolve()`` when the caller has it).
    """
    if ".." not in path.parts and path.is_absolute() == root.is_absolute():
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    try:
        return path.resolve().relative_to(resolved_root or root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def base_url(value: str) -> str:
    """An absolute ``http(s)`` URL of the site's folder, with its final ``/``.

    Raises ValueError with a message for anything else.
    """
    from urllib.parse import urlsplit

    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or \
            parts.fragment or any(c.isspace() for c in value.strip()):
        raise ValueError(f"base URL must be an absolute http(s) URL without query or "
                         f"fragment, e.g. https://example.org/letters/ (got {value!r})")
    url = parts.geturl()
    return url if url.endswith("/") else url + "/"


def _key_line(text: str, key: str) -> int | None:
    in_table = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("["):
            in_table = line.replace(" ", "") == "[tool.appeal-i18n]"
        elif in_table and line.split("=", 1)[0].strip().strip('"') == key:
            return number
    return None


def load_config(root: Path | str = ".") -> Config:
    """Read ``[tool.appeal-i18n]`` from ``root/pyproject.toml``; defaults when absent."""
    root = Path(root)
    if not root.is_dir():
        raise UsageError("project folder not found", path=str(root))
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return Config(root=root)
    text = pyproject.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's error carries the position only in its message.
        where = re.search(r"\(at (?:line (\d+), column \d+|end of document)\)$", str(exc))
        message = str(exc)[: where.start()].rstrip() if where else str(exc)
        line = None
        if where:
            line = int(where.group(1)) if where.group(1) else text.count("\n") or 1
        raise ConfigError(f"invalid TOML: {message}", path="pyproject.toml",
                          line=line) from None
    tool = data.get("tool", {})
    table = tool.get("appeal-i18n", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError("[tool.appeal-i18n] must be a table", path="pyproject.toml")
    for name in tool if isinstance(tool, dict) else ():
        if name != "appeal-i18n" and _looks_like_ours(name):
            raise ConfigError(f"unknown table [tool.{name}]: the settings table is "
                              "[tool.appeal-i18n]", path="pyproject.toml",
                              line=_table_line(text, name))

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(message, path="pyproject.toml", line=_key_line(text, key))

    for key in table:
        if key not in _KEYS:
            raise fail(key, f"unknown setting {key!r} in [tool.appeal-i18n] "
                            f"(known: {', '.join(sorted(_KEYS))})")
    values: dict[str, object] = {}
    for key in ("source", "locales", "output", "bugs-address"):
        if key in table:
            if not isinstance(table[key], str) or (key != "bugs-address" and not table[key]):
                raise fail(key, f"{key} must be a non-empty string")
            values[key.replace("-", "_")] = table[key]
    if "base-url" in table:
        if not isinstance(table["base-url"], str):
            raise fail("base-url", "base-url must be a string")
        try:
            values["base_url"] = base_url(table["base-url"])
        except ValueError as exc:
            raise fail("base-url", str(exc)) from None
    if "languages" in table:
        langs = table["languages"]
        if not isinstance(langs, list) or not all(isinstance(x, str) for x in langs):
            raise fail("languages", "languages must be a list of language codes")
        from appeal_i18n.locales import normalize_language

        try:
            codes = tuple(normalize_language(x) for x in langs)
        except UsageError as exc:
            raise fail("languages", exc.message) from None
        twice = sorted({code for code in codes if codes.count(code) > 1})
        if twice:
            raise fail("languages", f"languages lists {', '.join(map(repr, twice))} more "
                                    "than once")
        values["languages"] = codes
    if "min-coverage" in table:
        pct = table["min-coverage"]
        if isinstance(pct, bool) or not isinstance(pct, int | float) or not 0 <= pct <= 100:
            raise fail("min-coverage", "min-coverage must be a number from 0 to 100")
        values["min_coverage"] = float(pct)
    if "require-review" in table:
        if not isinstance(table["require-review"], bool):
            raise fail("require-review", "require-review must be true or false")
        values["require_review"] = table["require-review"]
    if "keep-published" in table:
        if not isinstance(table["keep-published"], bool):
            raise fail("keep-published", "keep-published must be true or false")
        values["keep_published"] = table["keep-published"]
    config = Config(root=root, **values)  # type: ignore[arg-type]
    overlap = folder_overlap(config)
    if overlap is not None:
        key, message = overlap
        raise fail(key, message)
    return config


def _looks_like_ours(name: str) -> bool:
    """True for a ``[tool.*]`` table name that is a misspelling of ``appeal-i18n``."""
    import difflib

    squashed = re.sub(r"[-_. ]", "", name.lower())
    return squashed.startswith("appeal") or bool(
        difflib.get_close_matches(squashed, ["appeali18n"], n=1, cutoff=0.8))


def _table_line(text: str, name: str) -> int | None:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace(" ", "").strip('"')
        if line.startswith("[") and name in line.replace('"', ""):
            return number
    return None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def folder_overlap(config: Config) -> tuple[str, str] | None:
    """``(setting, why)`` when the output folder would write over the project's own files.

    The build deletes and rewrites files in its output folder, so it must be neither
    the project folder, nor a folder that holds the project, nor the source or locales
    folder or anything inside or around them.
    """
    root = config.root.resolve()
    out = config.output_dir.resolve()
    source = config.source_dir.resolve()
    locales = config.locales_dir.resolve()
    if _inside(root, out):
        return "output", (f"output {config.output!r} is the project folder or holds it; "
                          "the build needs a folder of its own (e.g. \"dist\")")
    for key, folder in (("source", source), ("locales", locales)):
        if _inside(out, folder) or _inside(folder, out):
            return "output", (f"output {config.output!r} overlaps the {key} folder "
                              f"{getattr(config, key)!r}; the build needs a folder of its own")
    if _inside(source, locales) or _inside(locales, source):
        return "locales", (f"locales {config.locales!r} overlaps the source folder "
                           f"{config.source!r}")
    return None


def source_date(path: Path) -> datetime:
    """The reproducible date of a source: ``SOURCE_DATE_EPOCH``, else its last commit.

    Falls back to the file's modification time outside a git checkout. Never the clock.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except ValueError:
            raise UsageError(f"SOURCE_DATE_EPOCH is not an integer: {epoch!r}") from None
    import subprocess

    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", path.name],
            cwd=path.parent, capture_output=True, text=True, check=False, timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    if out.isdigit():
        return datetime.fromtimestamp(int(out), tz=UTC)
    return datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC)


def po_date(when: datetime) -> str:
    """Format a date as PO headers do: ``2025-08-14 09:30+0000``."""
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M+0000")
