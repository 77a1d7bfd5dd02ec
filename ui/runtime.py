"""Process-wide settings of the dashboard server that Streamlit's config cannot express.

Streamlit runs a full `gc.collect()` after every script run. Once numba, pandas, Plotly and the
compiled kernels are loaded, that scan covers some 170,000 long-lived objects and held the GIL
for 0.2–0.5 s on every filter or date change (measured at 1 M people). They live as long as the
process, so after the first complete run they are moved out of the collector's sight with
`gc.freeze()` (the documented mechanism for a server's long-lived objects); later runs collect
only what was created since. Arrays are freed by reference counting either way.
"""

from __future__ import annotations

import gc
import threading

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
