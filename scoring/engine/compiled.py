"""Compile a dataset as of a date, once: records become a sparse people × (record type × age in
months) matrix, list events become red and black list flags.

Every rulebook is then only a weight per matrix column, so re-scoring never reads the records
again (see docs/ARCHITECTURE.md and the benchmark).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import scipy.sparse as sp

from scoring.dataset import Dataset
from scoring.engine.months import months_elapsed

AGE_BUCKETS = 241  # ages 0 … 239 months exactly; bucket 240 holds everything 20 years or older
MAX_WINDOW_MONTHS = AGE_BUCKETS - 1
LIST_COLUMNS = ("red", "black")  # pseudo record types after the catalogue's, one column each
ENDS_LISTING = ("delisted", "repaired", "expired")


class CompileError(ValueError):
    """The dataset cannot be compiled as of the requested date."""


@dataclass(frozen=True, eq=False)
class Compiled:
    """A dataset compiled as of one date. Immutable: cached objects are shared by sessions."""

    dataset: Dataset
    as_of: np.datetime64
    indptr: np.ndarray  # int64, N + 1: CSR row pointers
    columns: np.ndarray  # int16, nnz: type * AGE_BUCKETS + age bucket, or a list column
    quantities: np.ndarray  # float64, nnz: summed quantities of the (person, type, month) cell
    red_list: np.ndarray  # bool, N: on the red list as of the date
    black_list: np.ndarray  # bool, N
    age_years: np.ndarray  # int16, N: completed years as of the date
    insured_months: np.ndarray  # int32, N: months of continuous social insurance, -1 = none

    @property
    def people(self) -> pd.DataFrame:
        return self.dataset.people

    @property
    def n_people(self) -> int:
        return len(self.indptr) - 1

    @property
    def n_types(self) -> int:
        return len(self.dataset.catalogues.record_types)

    @property
    def n_columns(self) -> int:
        return self.n_types * AGE_BUCKETS + len(LIST_COLUMNS)

    def list_column(self, kind: str) -> int:
        return self.n_types * AGE_BUCKETS + LIST_COLUMNS.index(kind)

    @cached_property
    def rows(self) -> np.ndarray:
        """The person of every stored cell (int32), derived from the row pointers once."""
        return np.repeat(np.arange(self.n_people, dtype=np.int32), np.diff(self.indptr))

    @cached_property
    def group_codes(self) -> np.ndarray:
        return self.people["key_group"].cat.codes.to_numpy()

    @cached_property
    def is_local(self) -> np.ndarray:
        return (self.people["hukou"] == "local").to_numpy()

    @cached_property
    def consent(self) -> np.ndarray:
        return self.people["consent"].to_numpy(dtype=bool)

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.indptr, self.columns, self.quantities, self.red_list, self.black_list))


def compile_dataset(dataset: Dataset, as_of: dt.date | np.datetime64 | str | None = None) -> Compiled:
    """Compile `dataset` as of `as_of` (default: its data_as_of, which it may not exceed)."""
    as_of_day = dataset.data_as_of if as_of is None else np.datetime64(as_of, "D")
    if as_of_day > dataset.data_as_of:
        raise CompileError(f"as-of date {as_of_day} is after the data's as-of date {dataset.data_as_of}")
    n_people = len(dataset.people)
    n_types = len(dataset.catalogues.record_types)
    records = dataset.records
    occurred = records["occurred_on"].to_numpy().astype("datetime64[D]")
    keep = (occurred <= as_of_day) & (records["status"].cat.codes.to_numpy() == 0)  # 0 = valid
    ages = np.minimum(months_elapsed(occurred[keep], as_of_day), MAX_WINDOW_MONTHS)
    type_codes = records["record_type"].cat.codes.to_numpy()[keep].astype(np.int32)
    columns = type_codes * AGE_BUCKETS + ages.astype(np.int32)
    rows = records["person_id"].to_numpy()[keep]
    quantities = records["quantity"].to_numpy()[keep]

    red, black = list_flags(dataset, as_of_day)
    list_rows = [np.flatnonzero(flags) for flags in (red, black)]
    rows = np.concatenate([rows, *list_rows]).astype(np.int32)
    columns = np.concatenate(
        [columns] + [np.full(len(r), n_types * AGE_BUCKETS + i, np.int32) for i, r in enumerate(list_rows)]
    )
    quantities = np.concatenate([quantities] + [np.ones(len(r)) for r in list_rows])
    n_columns = n_types * AGE_BUCKETS + len(LIST_COLUMNS)
    if n_columns > np.iinfo(np.int16).max:
        raise CompileError(f"{n_columns} columns do not fit the int16 column index")
    matrix = sp.csr_array((quantities, (rows, columns)), shape=(n_people, n_columns), dtype=np.float64)
    matrix.sum_duplicates()  # also sorts columns within each row

    people = dataset.people
    birth = people["birth_date"].to_numpy().astype("datetime64[D]")
    insured_since = people["insured_since"].to_numpy().astype("datetime64[D]")
    insured = np.where(np.isnat(insured_since), -1, months_elapsed(np.where(np.isnat(insured_since), as_of_day, insured_since), as_of_day))
    return Compiled(
        dataset=dataset,
        as_of=as_of_day,
        indptr=matrix.indptr.astype(np.int64),
        columns=matrix.indices.astype(np.int16),
        quantities=matrix.data,
        red_list=red,
        black_list=black,
        age_years=(months_elapsed(birth, as_of_day) // 12).astype(np.int16),
        insured_months=np.where(insured < 0, -1, insured).astype(np.int32),
    )


def list_flags(dataset: Dataset, as_of: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    """Red and black list membership as of a date, read from listing authorities' events.

    A listing counts from its `listed` event until a later delisted / repaired / expired event
    of the same record; listings of revoked records do not count. The rulebook never creates
    list membership, it only reads this.
    """
    n_people = len(dataset.people)
    events = dataset.events
    dates = events["date"].to_numpy().astype("datetime64[D]")
    kinds = events["event"].astype("object").to_numpy()
    relevant = (dates <= as_of) & np.isin(kinds, ("listed", *ENDS_LISTING))
    frame = pd.DataFrame(
        {
            "record_id": events["record_id"].to_numpy()[relevant],
            "person_id": events["person_id"].to_numpy()[relevant],
            "date": dates[relevant],
            "listed": kinds[relevant] == "listed",
            "list": events["list"].astype("object").to_numpy()[relevant],
        }
    )
    revoked = dataset.records.loc[dataset.records["status"] == "revoked", "record_id"]
    frame = frame[~frame["record_id"].isin(revoked)]
    # The last event of each record decides; on the same day an ending event beats the listing.
    frame = frame.sort_values(["record_id", "date", "listed"], ascending=[True, True, False], kind="stable")
    kind_of_record = frame[frame["listed"]].groupby("record_id")["list"].first()
    last = frame.groupby("record_id").tail(1)
    active = last[last["listed"]]
    flags = []
    for kind in LIST_COLUMNS:
        people = active.loc[active["record_id"].map(kind_of_record) == kind, "person_id"].to_numpy()
        mask = np.zeros(n_people, dtype=bool)
        mask[people] = True
        flags.append(mask)
    return flags[0], flags[1]
