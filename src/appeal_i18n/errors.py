"""Exceptions that a user can cause, each naming the file and the 1-based line.

The CLI turns every :class:`AppealError` into one line on stderr and the exit code of
its class; see the README's "Exit codes".
"""

from __future__ import annotations

import functools
import os
import sys
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

_F = TypeVar("_F", bound=Callable[..., Any])

#: Exit codes, documented in README.md.
EXIT_OK = 0
EXIT_FINDINGS = 1  # check found errors, --check would change files, --fail-under not met
EXIT_USAGE = 2  # bad option or argument, a PATH named that does not exist, nothing to do
EXIT_INPUT = 3  # malformed input, or a file the project needs is missing or unreadable
EXIT_BUILD = 4  # a language could not be published, or is no longer published
EXIT_INTERRUPTED = 130  # Ctrl-C


class AppealError(Exception):
    """An error a user can cause and fix; ``str()`` is ``path:line: message``."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, path: str | os.PathLike[str] | None = None,
                 line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = os.fspath(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class UsageError(AppealError):
    """A bad option, an unknown language, a missing file."""

    exit_code = EXIT_USAGE


class NothingToDo(UsageError):
    """No project, or nothing to work on where work was expected (no catalog, no file)."""


class POError(AppealError):
    """A PO or POT file that GNU ``msgfmt -c`` would reject."""


class SourceError(AppealError):
    """A source Markdown file that cannot be extracted."""


class ConfigError(AppealError):
    """Invalid ``[tool.appeal-i18n]`` settings."""


class CatalogError(AppealError):
    """A catalog or template the project needs that is missing or cannot be read."""


class WroteBefore(AppealError):
    """An error met after some files were written: the error, and those files.

    The CLI reports the files (``updated ...``) before the error line, so that nothing
    changes on disk unannounced.
    """

    def __init__(self, error: AppealError, written: list[str]) -> None:
        super().__init__(error.message, path=error.path, line=error.line)
        self.exit_code = error.exit_code
        self.written = written
        """What was written, as ``verb path`` lines (``updated locales/...``)."""


class BuildError(AppealError):
    """A language that cannot be published."""

    exit_code = EXIT_BUILD


class POWarning(UserWarning):
    """What GNU msgfmt warns about and accepts; ``str()`` is ``path:line: warning: message``.

    The library issues it with :func:`warnings.warn`; the CLI prints it as one line.
    """

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: warning: {message}")


def _show_warning(message: Warning | str, category: type[Warning], filename: str,
                  lineno: int, file: Any = None, line: str | None = None) -> None:
    """Print a :class:`POWarning` as ``appeal-i18n: path:line: warning: ...``."""
    if issubclass(category, POWarning):
        sys.stderr.write(f"appeal-i18n: {message}\n")
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def decode_utf8(data: bytes, *, path: str, error: type[AppealError] = AppealError,
                message: str = "invalid UTF-8") -> str:
    """Decode UTF-8 text (a leading byte-order mark dropped) or raise ``error`` at its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(message, path=path, line=line) from None


def one_line(message: str) -> str:
    """``message`` on one line: every run of whitespace (newlines too) becomes one space."""
    return " ".join(message.split())


def fail(message: str, code: int) -> None:
    """Print ``appeal-i18n: message`` as one line on stderr and exit with ``code``."""
    sys.stderr.write(f"appeal-i18n: {one_line(message)}\n")
    sys.stderr.flush()
    sys.exit(code)


def handle_errors(func: _F) -> _F:
    """Turn every error a user can cause into one line on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning
                return func(*args, **kwargs)
        except AppealError as exc:
            if isinstance(exc, WroteBefore):
                sys.stdout.write("".join(f"{line}\n" for line in exc.written))
                sys.stdout.flush()
            fail(str(exc), exc.exit_code)
        except (OSError, UnicodeError) as exc:
            # A file the command needed could not be read or written.
            name = getattr(exc, "filename", None)
            detail = getattr(exc, "strerror", None) or str(exc)
            fail(f"{name}: {detail}" if name else detail, EXIT_INPUT)
        except KeyboardInterrupt:
            fail("interrupted", EXIT_INTERRUPTED)

    return wrapper  # type: ignore[return-value]
