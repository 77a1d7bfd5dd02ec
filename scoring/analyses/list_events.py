"""What the list, repair and objection analyses read from a dataset: its events as plain arrays.

The analyses take arrays so that a test can state a situation in a few rows; this module is the
one place that knows how a `Dataset` stores them (event codes, the `list` column, record types
and their severities in the catalogue). Everything is read as recorded; the as-of date is
applied by the analyses, so one extraction serves every date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from scoring.dataset import EVENTS, LIST_KINDS, Dataset
from scoring.engine import listing_intervals


@dataclass(frozen=True)
class BlackListings:
    """Each `listed` event of the black list: record, person, day and the record's severity."""

    record: np.ndarray
    person: np.ndarray
    day: np.ndarray  # datetime64[D]
    severity: np.ndarray  # object: the record type's severity in the catalogue


@dataclass(frozen=True)
class RepairSteps:
    """Each commitment, training and completed repair: record, person, step name, day."""

    record: np.ndarray
    person: np.ndarray
    step: np.ndarray  # object: committed / trained / repaired
    day: np.ndarray  # datetime64[D]


@dataclass(frozen=True)
class Objections:
    """Each `disputed` event with its answer: the `resolved` event that closes it, as the dataset
    contract pairs them (each resolution answers the latest open dispute of its record)."""

    person: np.ndarray
    department: np.ndarray  # int codes into the catalogue's departments
    raised: np.ndarray  # datetime64[D]
    answered: np.ndarray  # datetime64[D], NaT when no answer is recorded


def _of(dataset: Dataset, *names: str) -> pd.DataFrame:
    events = dataset.events
    return events[np.isin(events["event"].cat.codes.to_numpy(), [EVENTS.index(n) for n in names])]


def _days(frame: pd.DataFrame) -> np.ndarray:
    return frame["date"].to_numpy().astype("datetime64[D]")


def black_listings(dataset: Dataset) -> BlackListings:
    listed = _of(dataset, "listed")
    listed = listed[(listed["list"].cat.codes == LIST_KINDS.index("black")).to_numpy()]
    records = dataset.records
    position = pd.Index(records["record_id"].to_numpy()).get_indexer(listed["record_id"].to_numpy())
    severity_of_type = np.array([rt.severity for rt in dataset.catalogues.record_types], dtype=object)
    severity = severity_of_type[records["record_type"].cat.codes.to_numpy()[position]]
    return BlackListings(
        listed["record_id"].to_numpy(np.int64), listed["person_id"].to_numpy(np.int64), _days(listed), severity
    )


def repair_steps(dataset: Dataset) -> RepairSteps:
    steps = _of(dataset, "committed", "trained", "repaired")
    names = np.array(EVENTS, dtype=object)[steps["event"].cat.codes.to_numpy()]
    return RepairSteps(
        steps["record_id"].to_numpy(np.int64), steps["person_id"].to_numpy(np.int64), names, _days(steps)
    )


def objections(dataset: Dataset) -> Objections:
    raised = _of(dataset, "disputed")
    return Objections(
        raised["person_id"].to_numpy(np.int64),
        raised["department"].cat.codes.to_numpy().astype(np.intp),
        _days(raised),
        answer_days(dataset),
    )


def answer_days(dataset: Dataset) -> np.ndarray:
    """The day each `disputed` event (in table order) is answered, NaT while none answers it.

    Pairing as `scoring.dataset.validate` does: per record by day, a day's disputes before its
    resolutions (events of one day carry no order; within a kind, table order), each resolution
    closes the latest open dispute. Like brackets, a dispute and its answer sit at the same depth
    (disputes open after the dispute = disputes open before the answer), and at one depth of one
    record disputes and answers alternate, so an answer's dispute is the one just before it there.
    """
    chosen = _of(dataset, "disputed", "resolved")
    is_dispute = (chosen["event"].cat.codes == EVENTS.index("disputed")).to_numpy()
    record = chosen["record_id"].to_numpy()
    day = _days(chosen)
    order = np.lexsort((np.arange(len(chosen)), ~is_dispute, day, record))
    step = np.where(is_dispute[order], 1, -1)
    open_after = pd.Series(step).groupby(record[order]).cumsum().to_numpy()
    depth = np.where(step > 0, open_after, open_after + 1)
    by_depth = np.lexsort((np.arange(len(order)), depth, record[order]))  # stable: keeps the record's order
    events = order[by_depth]  # rows of `chosen`, grouped by record and depth, in time order
    answers = np.flatnonzero(~is_dispute[events])
    # every answer has its dispute just before it at its depth (the contract: no answer of nothing)
    answered = np.full(len(chosen), np.datetime64("NaT"), dtype="datetime64[D]")
    answered[events[answers - 1]] = day[events[answers]]
    disputes = np.flatnonzero(is_dispute)
    return answered[disputes]


def department_intervals(dataset: Dataset) -> pd.DataFrame:
    """The engine's listing intervals merged per person, list and deciding department (the
    record's `department`, 认定单位: whoever decides a record lists it): columns person_id, kind,
    department (code into the catalogue's departments), start, end.

    The engine merges a person's listings into one interval per list, so that nobody counts
    twice; here a person listed at once by two departments is on each department's part of the
    list. The engine's own reading is reused, not repeated, by handing it each (person,
    department) pair as a person of its own."""
    events, records = dataset.events, dataset.records
    n_departments = len(dataset.catalogues.department_ids)
    listed_records = events["record_id"].to_numpy()[(events["event"].cat.codes == EVENTS.index("listed")).to_numpy()]
    events = events[np.isin(events["record_id"].to_numpy(), listed_records)]
    position = pd.Index(records["record_id"].to_numpy()).get_indexer(events["record_id"].to_numpy())
    department = records["department"].cat.codes.to_numpy().astype(np.int64)[position]
    pairs = events.assign(person_id=events["person_id"].to_numpy(np.int64) * n_departments + department)
    intervals = listing_intervals(replace(dataset, events=pairs))
    pair = intervals["person_id"].to_numpy(np.int64)
    return intervals.assign(person_id=pair // n_departments, department=pair % n_departments)[
        ["person_id", "kind", "department", "start", "end"]
    ]


@dataclass(frozen=True)
class ListEvents:
    """Everything the list, repair and objection analyses read from one dataset."""

    intervals: pd.DataFrame  # the engine's listing intervals (person, kind, start, end)
    black: BlackListings
    steps: RepairSteps
    objections: Objections

    @property
    def nbytes(self) -> int:
        arrays = [*vars(self.black).values(), *vars(self.steps).values(), *vars(self.objections).values()]
        return int(self.intervals.memory_usage(index=False).sum()) + sum(a.nbytes for a in arrays)

    def first_steps(self, record: np.ndarray, listed_on: np.ndarray) -> dict[str, np.ndarray]:
        """Each listing's first commitment, training and repair on or after its day (record and
        day per listing), datetime64[D], NaT for none."""
        listings = pd.DataFrame({"record": record, "on": listed_on, "row": np.arange(len(record))})
        steps = pd.DataFrame({"record": self.steps.record, "step": self.steps.step, "day": self.steps.day})
        paired = listings.merge(steps, on="record")
        paired = paired[paired["day"] >= paired["on"]]
        first = paired.groupby(["row", "step"])["day"].min().unstack("step")
        return {
            name: (first[name] if name in first else pd.Series(dtype="datetime64[s]"))
            .reindex(np.arange(len(record)))
            .to_numpy()
            .astype("datetime64[D]")
            for name in ("committed", "trained", "repaired")
        }

    def repair_day(self, record: np.ndarray) -> np.ndarray:
        """Each record's first completed repair (datetime64[D]), NaT for none."""
        done = self.steps.step == "repaired"
        first = pd.Series(self.steps.day[done], index=self.steps.record[done]).groupby(level=0).min()
        return first.reindex(record).to_numpy().astype("datetime64[D]")


def list_events(dataset: Dataset) -> ListEvents:
    """Read once per dataset (about 0.4 s at 1 M people) and kept by it, as the record matrix
    is: every as-of date and rulebook reads the same extraction."""

    def build() -> ListEvents:
        parts = (listing_intervals, black_listings, repair_steps, objections)
        return ListEvents(*(part(dataset) for part in parts))

    return dataset.derived.get("list_events", build)


def department_listings(dataset: Dataset) -> pd.DataFrame:
    """`department_intervals`, read once per dataset (about 0.8 s at 1 M people) and kept by it
    apart from `list_events`: only the breakdowns by listing authority pay for it."""
    return dataset.derived.get("department_listings", lambda: department_intervals(dataset))
