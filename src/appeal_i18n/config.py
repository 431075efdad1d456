"""Settings: ``[tool.appeal-i18n]`` in the project's ``pyproject.toml``, with working defaults."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from appeal_i18n.errors import ConfigError, UsageError

_KEYS = {"source", "locales", "output", "languages", "min-coverage", "bugs-address",
         "base-url"}


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
            raise UsageError("source folder not found", path=self.rel(self.source_dir))
        return sorted(self.source_dir.glob("*.md"))

    def domains(self) -> list[str]:
        """Domain names: one per source letter, sorted."""
        return [path.stem for path in self.documents()]

    def catalog_files(self) -> list[Path]:
        """Every ``locales/<lang>/LC_MESSAGES/*.po`` that exists, sorted."""
        if not self.locales_dir.is_dir():
            return []
        return sorted(self.locales_dir.glob("*/LC_MESSAGES/*.po"))

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
    table = data.get("tool", {}).get("appeal-i18n", {})
    if not isinstance(table, dict):
        raise ConfigError("[tool.appeal-i18n] must be a table", path="pyproject.toml")

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
            values["languages"] = tuple(normalize_language(x) for x in langs)
        except UsageError as exc:
            raise fail("languages", exc.message) from None
    if "min-coverage" in table:
        pct = table["min-coverage"]
        if isinstance(pct, bool) or not isinstance(pct, int | float) or not 0 <= pct <= 100:
            raise fail("min-coverage", "min-coverage must be a number from 0 to 100")
        values["min_coverage"] = float(pct)
    return Config(root=root, **values)  # type: ignore[arg-type]


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
