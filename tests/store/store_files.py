"""Store files in the states a server meets: held by another process, garbage, damaged, cut short."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scoring.rulebook import load_preset
from scoring.store import Store
from scoring.tuning.scenarios import save_scenario

HEADER_BYTES = 12_288  # DuckDB's three 4 KiB headers; the blocks follow
_HOLD = (
    "import duckdb, sys, time\n"
    "connection = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == 'read')\n"
    "print('ready', flush=True)\n"
    "time.sleep(300)\n"
)


@contextmanager
def held_by_another_process(path: Path, mode: str) -> Iterator[None]:
    """Another Python process keeps the file open ('write' as a second server would, or 'read')."""
    process = subprocess.Popen([sys.executable, "-c", _HOLD, str(path), mode], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "ready", "the holding process opened the file"
        yield
    finally:
        process.kill()
        process.wait()
        process.stdout.close()


def saved_store(path: Path, name: str = "kept") -> str:
    """A migrated store with one saved scenario; returns its hash (the file is closed again)."""
    with Store(path) as store:
        store.migrate()
        return save_scenario(store, load_preset("illustrative"), name)


def damaged(path: Path, how: str) -> Path:
    """Write a file the store must refuse: 'garbage', 'empty', 'flipped' (a store with its blocks'
    bytes flipped: checksums fail) or 'truncated' (a store cut in half)."""
    if how == "garbage":
        path.write_bytes(b"not a database, just some bytes\n" * 200)
    elif how == "empty":
        path.write_bytes(b"")
    else:
        saved_store(path)
        data = bytearray(path.read_bytes())
        if how == "flipped":
            for i in range(HEADER_BYTES, len(data), 7):
                data[i] ^= 0xFF
        else:
            del data[len(data) // 2 :]
        path.write_bytes(bytes(data))
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
