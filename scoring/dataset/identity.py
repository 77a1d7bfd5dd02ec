"""A dataset's key: what the store files objections (and later uploads) under.

The manifest says what a dataset is: a synthetic one by its generator and version, seed, sizes,
catalogue and rates versions and data date, which regenerate exactly the same tables. The key is
the sha256 of the manifest as canonical JSON (keys sorted), so it is the same in every process
and after every restart. An uploaded dataset's manifest must carry the content hash of its files
(uploads are keyed by it) so that two uploads never share a key.
"""

from __future__ import annotations

import hashlib
import json

from scoring.dataset.schema import Dataset


def dataset_key(dataset: Dataset) -> str:
    """The sha256 hex digest of the dataset's manifest as canonical JSON."""
    text = json.dumps(dataset.manifest, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
