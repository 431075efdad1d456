"""Pause the cyclic garbage collector while building or walking many acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block (re-enable it only if it was enabled).

    Catalog entries hold no reference cycles, but each of the 50,000 entries of a big
    catalog has six containers: every collection the allocations trigger walks all of
    them, which costs a third of reading, merging or compiling.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
