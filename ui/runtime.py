"""Process-wide settings of the dashboard server that Streamlit's config cannot express.

Streamlit runs a full `gc.collect()` after every script run. Once numba, pandas, Plotly and the
compiled kernels are loaded, that scan covers some 170,000 long-lived objects and held the GIL
for 0.2–0.5 s on every filter or date change (measured at 1 M people). They live as long as the
process, so after the first complete run they are moved out of the collector's sight with
`gc.freeze()` (the documented mechanism for a server's long-lived objects); later runs collect
only what was created since. Arrays are freed by reference counting either way.

Freed is not returned: glibc's allocator keeps the pages of freed arrays for reuse (its mmap
threshold rises as large blocks are freed), so after a population is dropped the resident memory
stayed up to a third above its level. `return_freed_memory()` asks it to give them back
(`malloc_trim`), after a population is dropped; elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
from functools import cache

_frozen = threading.Event()
_lock = threading.Lock()


def freeze_long_lived_objects() -> None:
    """Once per process, after the first full run: collect the garbage there is, then freeze the rest."""
    if _frozen.is_set():
        return
    with _lock:
        if not _frozen.is_set():
            gc.collect()
            gc.freeze()
            _frozen.set()


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def return_freed_memory() -> None:
    """Collect what was just dropped and hand the allocator's free pages back to the system."""
    gc.collect()
    if (libc := _libc()) is not None:
        libc.malloc_trim(0)
