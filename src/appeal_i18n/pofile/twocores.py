"""Split one big job in two: the second part in a forked worker on the other core.

Reading, compiling and writing a catalog of tens of thousands of entries are each one
long loop over independent entries. :func:`both` runs the two halves of such a loop at
once and returns their results in order; the worker sends its result back pickled, so the
halves' results should be small next to the work (counts, hashes, bytes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def available() -> bool:
    """Whether a second core and ``os.fork`` are there to use."""
    import os

    return hasattr(os, "fork") and len(os.sched_getaffinity(0)) > 1


def both(first: Callable[[], T], second: Callable[[], T]) -> tuple[T, T | None]:
    """``(first(), second())``, with ``second`` run in a forked worker at the same time.

    The worker's result is None when it failed (the caller then does that part itself, or
    falls back to the serial path, which raises what a serial run raises). The cyclic
    garbage collector is off in the worker: it lives for one job.
    """
    import os
    import pickle

    source, sink = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: answer through the pipe, never return into the caller
        try:
            import gc

            os.close(source)
            gc.disable()
            result = second()
            with os.fdopen(sink, "wb") as out:
                out.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            os._exit(0)
    os.close(sink)
    try:
        mine = first()
    finally:
        with os.fdopen(source, "rb") as answer:
            payload = answer.read()
        os.waitpid(pid, 0)
    return mine, pickle.loads(payload) if payload else None
