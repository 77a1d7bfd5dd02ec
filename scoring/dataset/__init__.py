"""The dataset contract shared by the synthetic generator, uploads and the engine.

A dataset is four tables and a manifest. Categorical columns carry the catalogue ids *in
catalogue order* as their categories, so a column's integer codes are catalogue positions and
the engine can use them as array indices without a lookup.

Checked, not cast: a column is accepted only if its values are already of the right kind (whole
numbers for ids, true/false for consent, dates for dates, text for categories), and a value that
would change on conversion (an id beyond 32 bits would wrap to another person) is refused. Every
problem is one DatasetError line naming the table, the column, the first offending row (counted
from 0 within the table) and what was expected. `validate()` is the whole contract; `read()` and
`compile_dataset()` both call it, so a dataset built in memory is held to the same rules as a file.
"""

from scoring.dataset.checks import check_manifest, validate
from scoring.dataset.conform import conform
from scoring.dataset.errors import DatasetError
from scoring.dataset.files import check_replaceable, read, write
from scoring.dataset.schema import (
    DATE,
    EVENTS,
    GENDERS,
    HUKOU,
    LIST_EVENTS,
    LIST_KINDS,
    MAX_QUANTITY,
    MAX_SEED,
    RECORD_STATUSES,
    SCHEMAS,
    TABLE_FILES,
    Dataset,
    categories,
)

__all__ = [
    "DATE",
    "EVENTS",
    "GENDERS",
    "HUKOU",
    "LIST_EVENTS",
    "LIST_KINDS",
    "MAX_QUANTITY",
    "MAX_SEED",
    "RECORD_STATUSES",
    "SCHEMAS",
    "TABLE_FILES",
    "Dataset",
    "DatasetError",
    "categories",
    "check_manifest",
    "check_replaceable",
    "conform",
    "read",
    "validate",
    "write",
]
