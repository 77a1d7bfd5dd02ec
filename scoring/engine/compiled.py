"""Compile a dataset once: records become a sparse people × (record type × day) matrix, listings
become people × listing-interval columns, and dated records (revoked or ever disputed) one column
per interval in which they count. None of them depends on the as-of date.

An as-of date is then only a weight per column (the age of a day in whole months, whether a
listing interval or a dated record's interval contains the date), so moving the as-of date costs
a re-score, not a compile, and the result is exact for any day. Every rulebook is also only a
weight per column, so re-scoring never reads the records again (docs/ARCHITECTURE.md,
benchmarks/engine.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
import scipy.sparse as sp

from scoring.caching import Cache
from scoring.calendar import calendar_parts, months_elapsed, months_since
from scoring.catalogues import Catalogues
from scoring.dataset import EVENTS, LIST_KINDS, Dataset, validate

MAX_AGE_MONTHS = 240  # ages of 20 years or more are treated as 20 years (outside every window)
ENDS_LISTING = ("delisted", "repaired", "expired")
REVOKED = "revoked"  # the event that dates a revocation (a revoked record has exactly one)
DISPUTED, RESOLVED = "disputed", "resolved"  # an objection to a record, and its answer
_OPEN = np.iinfo(np.int32).max  # day number standing for "not ended yet" (exact in float64)
_SINCE = np.iinfo(np.int32).min  # day number standing for "since the record's own day"


class CompileError(ValueError):
    """The dataset cannot be scored as of the requested date."""


QUANTITIES_PER_VIEW = 3  # quantity sets (rule windows) per as-of view: the current and the last edits
PLANS_PER_MATRIX = 4  # rulebook structures: the presets and a working copy or two
VIEWS_PER_MATRIX = 4  # as-of dates: today, and a few a session steps back to
ENGINE_BYTES_PER_MATRIX = 2 * 2**30  # plans and views of one dataset (plans ~100 MB at 1 M people)


@dataclass(frozen=True, eq=False)
class RecordMatrix:
    """Everything about a dataset the engine needs, independent of the as-of date. Immutable:
    cached objects are shared by sessions.

    It owns what is derived from it (plans per rulebook structure, views per as-of date), and
    its dataset owns it (`Dataset.derived`): nothing refers back up, so when the dataset goes,
    all of it is freed by reference counting, with no registry to forget it in."""

    people: pd.DataFrame
    catalogues: Catalogues
    data_as_of: np.datetime64
    first_day: np.datetime64  # the day of column 0 in every record-type block
    n_days: int
    indptr: np.ndarray  # int64, N + 1: CSR row pointers
    columns: np.ndarray  # int32, cells: type * n_days + day, listing_base + listing, or dated_base + dated
    quantities: np.ndarray  # float64, cells: summed quantities of the (person, type, day) cell
    listing_kind: np.ndarray  # int8, L: index into LIST_KINDS
    listing_start: np.ndarray  # datetime64[D], L
    listing_end: np.ndarray  # datetime64[D], L (NaT while the listing has not ended)
    listing_person: np.ndarray  # int32, L
    # Dated records (revoked, or disputed at least once: a few per cent) count only on some days,
    # so each has a column per interval in which it counts (V in all) instead of sharing the
    # (person, type, day) cell of the records that always count. A record's intervals are
    # disjoint: at most one of its columns stands on any date, so it is never counted twice.
    dated_type: np.ndarray  # int16, V: record type code
    dated_day: np.ndarray  # int32, V: the record's day (column within its type block)
    dated_from: np.ndarray  # datetime64[D], V: the first day it counts (NaT: since it was decided)
    dated_until: np.ndarray  # datetime64[D], V: the first day it no longer counts (NaT: still counts)
    plans: Cache = field(
        default_factory=lambda: Cache(PLANS_PER_MATRIX, ENGINE_BYTES_PER_MATRIX), init=False, repr=False
    )
    views: Cache = field(
        default_factory=lambda: Cache(VIEWS_PER_MATRIX, ENGINE_BYTES_PER_MATRIX), init=False, repr=False
    )

    @property
    def n_people(self) -> int:
        return len(self.indptr) - 1

    @property
    def n_types(self) -> int:
        return len(self.catalogues.record_types)

    @property
    def listing_base(self) -> int:
        return self.n_types * self.n_days

    @property
    def dated_base(self) -> int:
        return self.listing_base + len(self.listing_kind)

    @property
    def n_columns(self) -> int:
        return self.dated_base + len(self.dated_type)

    def type_block(self, type_code: int) -> slice:
        return slice(type_code * self.n_days, (type_code + 1) * self.n_days)

    def listing_columns(self, kind: str) -> np.ndarray:
        return self.listing_base + np.flatnonzero(self.listing_kind == LIST_KINDS.index(kind))

    @cached_property
    def rows(self) -> np.ndarray:
        """The person of every stored cell (int32), derived from the row pointers once."""
        return np.repeat(np.arange(self.n_people, dtype=np.int32), np.diff(self.indptr))

    @cached_property
    def group_codes(self) -> np.ndarray:
        """int16, the type the re-score kernel takes (converted once, not per score)."""
        return self.people["key_group"].cat.codes.to_numpy().astype(np.int16)

    @cached_property
    def is_local(self) -> np.ndarray:
        return (self.people["hukou"] == "local").to_numpy()

    @cached_property
    def consent(self) -> np.ndarray:
        return self.people["consent"].to_numpy(dtype=bool)

    @cached_property
    def insured_since(self) -> np.ndarray:
        return self.people["insured_since"].to_numpy().astype("datetime64[D]")

    @cached_property
    def birth_parts(self) -> tuple[np.ndarray, np.ndarray]:
        """Calendar parts of birth dates, so each as-of view's ages are integer arithmetic."""
        return calendar_parts(self.people["birth_date"].to_numpy())

    @cached_property
    def insured_parts(self) -> tuple[np.ndarray, np.ndarray]:
        insured = self.insured_since
        return calendar_parts(np.where(np.isnat(insured), np.datetime64("1970-01-01"), insured))

    @property
    def nbytes(self) -> int:
        """The matrix's own arrays and what it keeps derived from them."""
        return self.indptr.nbytes + self.columns.nbytes + self.quantities.nbytes + self.plans.nbytes + self.views.nbytes


@dataclass(frozen=True, eq=False)
class Compiled:
    """A record matrix seen from one as-of date: ages of days, active listings, the dated records'
    intervals that contain the date, who is on which list, and each person's age and insured
    months."""

    matrix: RecordMatrix
    as_of: np.datetime64
    day_ages: np.ndarray  # int64, n_days: whole months from the day to as_of; -1 after as_of
    listing_active: np.ndarray  # bool, L
    dated_standing: np.ndarray  # bool, V: the interval contains the as-of date
    red_list: np.ndarray  # bool, N
    black_list: np.ndarray  # bool, N
    age_years: np.ndarray  # int16, N
    insured_months: np.ndarray  # int32, N: -1 = not insured
    quantities: Cache = field(
        default_factory=lambda: Cache(QUANTITIES_PER_VIEW, ENGINE_BYTES_PER_MATRIX), init=False, repr=False
    )

    catalogues = property(lambda self: self.matrix.catalogues)
    people = property(lambda self: self.matrix.people)
    n_people = property(lambda self: self.matrix.n_people)
    group_codes = property(lambda self: self.matrix.group_codes)
    is_local = property(lambda self: self.matrix.is_local)
    consent = property(lambda self: self.matrix.consent)

    @property
    def nbytes(self) -> int:
        own = self.day_ages.nbytes + self.red_list.nbytes + self.black_list.nbytes + self.age_years.nbytes
        return own + self.insured_months.nbytes + self.quantities.nbytes


def compile_dataset(dataset: Dataset, as_of: dt.date | np.datetime64 | str | None = None) -> Compiled:
    """The dataset as of `as_of` (default: its data_as_of, which it may not exceed).

    The record matrix is built on the first call for a dataset (about a second at 1 M people)
    and kept by the dataset; a view per as-of date (milliseconds) is kept by the matrix. A build
    for one dataset never waits for another's.
    """
    matrix = dataset.derived.get("record_matrix", lambda: _checked_matrix(dataset))
    as_of_day = dataset.data_as_of if as_of is None else np.datetime64(as_of, "D")
    if np.isnat(as_of_day):
        raise CompileError("the as-of date is missing")
    if as_of_day > dataset.data_as_of:
        raise CompileError(f"as-of date {as_of_day} is after the data's as-of date {dataset.data_as_of}")
    return matrix.views.get(as_of_day, lambda: view_as_of(matrix, as_of_day))


def _checked_matrix(dataset: Dataset) -> RecordMatrix:
    validate(dataset)  # the same contract as a file read: no path reaches the engine unchecked
    return build_record_matrix(dataset)


def view_as_of(matrix: RecordMatrix, as_of: np.datetime64) -> Compiled:
    days = matrix.first_day + np.arange(matrix.n_days)
    ages = months_elapsed(days, as_of)
    day_ages = np.where(days > as_of, -1, np.minimum(ages, MAX_AGE_MONTHS))
    active = (matrix.listing_start <= as_of) & (np.isnat(matrix.listing_end) | (matrix.listing_end > as_of))
    flags = np.zeros((len(LIST_KINDS), matrix.n_people), dtype=bool)
    flags[matrix.listing_kind[active], matrix.listing_person[active]] = True
    insured = matrix.insured_since
    insured_months = np.where(np.isnat(insured) | (insured > as_of), -1, months_since(matrix.insured_parts, as_of))
    return Compiled(
        matrix=matrix,
        as_of=as_of,
        day_ages=day_ages,
        listing_active=active,
        dated_standing=(np.isnat(matrix.dated_from) | (matrix.dated_from <= as_of))
        & (np.isnat(matrix.dated_until) | (as_of < matrix.dated_until)),
        red_list=flags[0],
        black_list=flags[1],
        age_years=(months_since(matrix.birth_parts, as_of) // 12).astype(np.int16),
        insured_months=insured_months.astype(np.int32),
    )


def build_record_matrix(dataset: Dataset) -> RecordMatrix:
    n_people = len(dataset.people)
    n_types = len(dataset.catalogues.record_types)
    records = dataset.records
    intervals = counting_intervals(dataset)
    of = pd.Index(records["record_id"].to_numpy()).get_indexer(intervals["record_id"].to_numpy())  # record rows
    plain = np.ones(len(records), dtype=bool)  # records that count on every day from their own on
    plain[of] = False
    occurred = records["occurred_on"].to_numpy().astype("datetime64[D]")
    first_day = occurred.min() if len(occurred) else dataset.data_as_of
    n_days = int((dataset.data_as_of - first_day).astype(np.int64)) + 1
    listings = listing_intervals(dataset)
    n_columns = n_types * n_days + len(listings) + len(intervals)
    if n_columns > np.iinfo(np.int32).max:
        raise CompileError(f"{n_columns:,} columns do not fit a 32-bit index; the records span too many days")
    # 32-bit indices throughout: at 1 M people every 64-bit temporary here is 80 MB.
    day = (occurred - first_day).astype(np.int32)
    del occurred
    types = records["record_type"].cat.codes.to_numpy().astype(np.int32)
    dated_base = n_types * n_days + len(listings)
    columns = np.concatenate(
        [
            types[plain] * np.int32(n_days) + day[plain],
            (n_types * n_days + np.arange(len(listings))).astype(np.int32),
            (dated_base + np.arange(len(intervals))).astype(np.int32),
        ]
    )
    person = records["person_id"].to_numpy()
    rows = np.concatenate([person[plain], listings["person_id"].to_numpy(), person[of]]).astype(np.int32)
    quantity = records["quantity"].to_numpy()
    quantities = np.concatenate([quantity[plain], np.ones(len(listings)), quantity[of]])
    cells = sp.csr_array((quantities, (rows, columns)), shape=(n_people, n_columns), dtype=np.float64)
    del quantities, rows, columns
    cells.sum_duplicates()  # also sorts the columns within each row
    return RecordMatrix(
        people=dataset.people,
        catalogues=dataset.catalogues,
        data_as_of=dataset.data_as_of,
        first_day=first_day,
        n_days=n_days,
        indptr=cells.indptr.astype(np.int64),
        columns=cells.indices.astype(np.int32),
        quantities=cells.data,
        listing_kind=listings["kind"].to_numpy().astype(np.int8),
        listing_start=listings["start"].to_numpy().astype("datetime64[D]"),
        listing_end=_dates(listings["end"].to_numpy()),
        listing_person=listings["person_id"].to_numpy().astype(np.int32),
        dated_type=types[of].astype(np.int16),
        dated_day=day[of],
        dated_from=_dates(intervals["start"].to_numpy()),
        dated_until=_dates(intervals["end"].to_numpy()),
    )


def _dates(days: np.ndarray) -> np.ndarray:
    """Day numbers as dates, the open ends (_SINCE, _OPEN) as NaT."""
    return np.where((days == _SINCE) | (days == _OPEN), np.datetime64("NaT"), days.astype("datetime64[D]")).astype(
        "datetime64[D]"
    )


def counting_intervals(dataset: Dataset) -> pd.DataFrame:
    """The days on which each dated record counts, as disjoint [start, end) day numbers (start
    _SINCE: from the record's own day; end _OPEN: still counting), one row per interval.

    A record is suspended while an objection to it is open: from the day of a `disputed` event
    until the day of the `resolved` event that answers it (every `resolved` answers the latest
    open dispute of its record, so with several disputes the record is suspended while any is
    open). A record whose dispute is upheld (resolved, not revoked) counts again from the
    resolution day; one decided in the person's favour is revoked that day, and a revoked record
    never counts from its revocation day on. A correction is the original revoked on the
    resolution day plus a new record dated that day (the contract has no correction field;
    dated earlier, the new record would count beside the original before the dispute). Events
    of one day carry no order: a day's disputes and resolutions are netted, so a dispute
    answered on its own day suspends nothing. Records that count on every day (never disputed
    nor revoked, or only disputed and answered on one day) have no rows: they share the
    (person, type, day) cells. Listings are not suspended by an objection (list membership is
    the listing department's legal decision, ended by its own events or by revocation).
    """
    events = dataset.events
    code = events["event"].cat.codes.to_numpy()
    step = np.where(code == EVENTS.index(DISPUTED), 1, 0) - np.where(code == EVENTS.index(RESOLVED), 1, 0)
    revocation = code == EVENTS.index(REVOKED)
    keep = (step != 0) | revocation
    days = (
        pd.DataFrame(
            {
                "record_id": events["record_id"].to_numpy()[keep],
                "day": events["date"].to_numpy().astype("datetime64[D]").astype(np.int64)[keep],
                "step": step[keep],
                "revoked": revocation[keep],
            }
        )
        .groupby(["record_id", "day"], sort=True)
        .agg(step=("step", "sum"), revoked=("revoked", "any"))
        .reset_index()
    )
    record = days["record_id"]
    # After each day: no objection open and not revoked (the contract keeps open objections >= 0).
    counts = (days["step"].groupby(record).cumsum() == 0) & ~days["revoked"].groupby(record).cummax()
    before = counts.groupby(record).shift(1, fill_value=True).astype(bool)
    changes = days.loc[counts != before, ["record_id", "day"]].assign(starts=counts[counts != before])
    since = pd.DataFrame({"record_id": changes["record_id"].unique(), "day": _SINCE, "starts": True})
    bounds = pd.concat([since, changes], ignore_index=True).sort_values(["record_id", "day"], kind="stable")
    same_record_next = bounds["record_id"].shift(-1) == bounds["record_id"]
    end = bounds["day"].shift(-1).where(same_record_next, _OPEN).astype(np.int64)
    starts = bounds["starts"].to_numpy(dtype=bool)
    return pd.DataFrame(
        {
            "record_id": bounds["record_id"].to_numpy()[starts],
            "start": bounds["day"].to_numpy(dtype=np.int64)[starts],
            "end": end.to_numpy()[starts],
        }
    )


def revocation_days(dataset: Dataset) -> pd.Series:
    """The revocation day (a day number) of every revoked record, by record id, from its one
    `revoked` event (the dataset contract, `scoring.dataset.validate`, guarantees exactly one on
    every revoked record and none on a valid one): the day decides which as-of dates still count
    the record."""
    events = dataset.events
    revocations = events[(events["event"].cat.codes == EVENTS.index(REVOKED)).to_numpy()]
    days = revocations["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    return pd.Series(days, index=revocations["record_id"].to_numpy())


def listing_intervals(dataset: Dataset) -> pd.DataFrame:
    """Red and black list membership as disjoint [start, end) day intervals per person and list.

    A record is on a list from a `listed` event of that list until an ending event: `delisted`
    of that list, or `repaired` / `expired` (which end the record's listings on both lists).
    Events of one day carry no order, so a day with both a listing and an ending of the same
    record and list is read from the record's state before it:
    - listed before that day: the ending closes the earlier listing and the listing renews it,
      so the record stays listed (a renewal on the day the previous listing ends);
    - not listed before: the listing is ended on its own start day, so it never takes effect.
    A revoked record's listings end on its revocation day; an objection to the record does not
    suspend them (list membership is the listing department's legal decision, unlike the
    record's points: `counting_intervals`). Overlapping listings of one person on one list
    merge, so that membership is never counted twice. The rulebook reads this; it never creates
    it.
    """
    events = dataset.events
    code = events["event"].cat.codes.to_numpy()
    listed = code == EVENTS.index("listed")
    ends = np.isin(code, [EVENTS.index(e) for e in ENDS_LISTING])
    kind = events["list"].cat.codes.to_numpy()
    keep = (listed & (kind >= 0)) | ends
    frame = pd.DataFrame(
        {
            "record_id": events["record_id"].to_numpy()[keep],
            "person_id": events["person_id"].to_numpy()[keep],
            "day": events["date"].to_numpy().astype("datetime64[D]").astype(np.int64)[keep],
            "listed": listed[keep],
            "ends": ends[keep],
            "kind": kind[keep],
        }
    )
    # An ending that names no list ends the record's listings on every list.
    unnamed = frame[frame["kind"] < 0]
    frame = pd.concat(
        [frame[frame["kind"] >= 0], *(unnamed.assign(kind=k) for k in range(len(LIST_KINDS)))], ignore_index=True
    )
    days = frame.groupby(["record_id", "kind", "day"], sort=True).agg(
        person_id=("person_id", "first"), listed=("listed", "any"), ends=("ends", "any")
    )
    days = days.reset_index()
    # Listed after the day: a listing alone lists, an ending alone ends, both keep the state.
    decided = pd.Series(np.where(days["listed"] & days["ends"], np.nan, days["listed"].astype(float)))
    owner = days["record_id"].astype(np.int64) * len(LIST_KINDS) + days["kind"]
    after = decided.groupby(owner).ffill().fillna(0.0).astype(bool)
    before = after.groupby(owner).shift(1, fill_value=False).astype(bool)
    changes = days[after != before].assign(starts=after[after != before])
    same_owner_next = owner[changes.index].shift(-1) == owner[changes.index]
    next_day = changes["day"].shift(-1).where(same_owner_next, _OPEN).astype(np.int64)
    starts = changes[changes["starts"]]
    spans = pd.DataFrame(
        {
            "record_id": starts["record_id"],
            "person_id": starts["person_id"],
            "kind": starts["kind"],
            "start": starts["day"],
            "end": next_day[starts.index],
        }
    )
    revoked_on = revocation_days(dataset)
    spans["end"] = np.minimum(spans["end"], spans["record_id"].map(revoked_on).fillna(_OPEN).astype(np.int64))
    spans = spans[spans["end"] > spans["start"]]
    return _merge_overlaps(spans.drop(columns="record_id"))


def _merge_overlaps(spans: pd.DataFrame) -> pd.DataFrame:
    columns = ["person_id", "kind", "start", "end"]
    if spans.empty:
        return pd.DataFrame({c: np.zeros(0, dtype=np.int64) for c in columns}).assign(
            start=np.zeros(0, "datetime64[D]")
        )
    spans = spans.sort_values(["person_id", "kind", "start"], kind="stable").reset_index(drop=True)
    owner = spans["person_id"].astype(np.int64) * len(LIST_KINDS) + spans["kind"]
    reach = spans.groupby(owner)["end"].cummax()
    new = (owner != owner.shift()) | (spans["start"] > reach.groupby(owner).shift())
    block = new.cumsum()
    merged = spans.groupby(block).agg(
        person_id=("person_id", "first"), kind=("kind", "first"), start=("start", "min"), end=("end", "max")
    )
    merged["start"] = merged["start"].to_numpy().astype("datetime64[D]")
    return merged.reset_index(drop=True)[columns]
