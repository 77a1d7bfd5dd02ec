"""Record events: disputes and their resolutions, list entries and exits, credit repair, expiry.

Only events dated on or before data_as_of exist; a record is disputed at most once, and its
resolution is dated on or after the dispute, so a resolution never exists without its dispute (the
dataset contract refuses one that answers nothing). The engine suspends the record from the
dispute until the resolution; a dispute resolved in the person's favour revokes the record on
the day it is resolved: a `revoked` event on that day, so that scoring an earlier as-of date
still counts the record before its dispute (and its listing, which ends that day). Vectorised
over the records of each kind of event.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.calendar import add_months
from scoring.catalogues import Catalogues
from scoring.dataset import EVENTS, LIST_KINDS, RECORD_STATUSES
from synthetic.days import day_number
from synthetic.rates import Rates
from synthetic.records import Records
from synthetic.settings import GeneratorSettings
from synthetic.streams import EVENTS as EVENTS_STREAM
from synthetic.streams import stream

NO_LIST = -1
REVOKED = RECORD_STATUSES.index("revoked")


@dataclass(frozen=True)
class Events:
    record: np.ndarray  # int64 record id
    event: np.ndarray  # int8 code in EVENTS
    day: np.ndarray  # int64
    list: np.ndarray  # int8 code in LIST_KINDS or NO_LIST


class _Collector:
    """Accumulates (record, event, day, list) columns, keeping only events up to as-of."""

    def __init__(self, as_of: int):
        self.as_of, self.parts = as_of, []

    def add(self, event: str, record: np.ndarray, day: np.ndarray, kind: np.ndarray | int = NO_LIST) -> None:
        keep = day <= self.as_of
        kinds = np.broadcast_to(np.asarray(kind, dtype=np.int8), record.shape)
        self.parts.append(
            (record[keep], np.full(int(keep.sum()), EVENTS.index(event), np.int8), day[keep], kinds[keep])
        )

    def events(self) -> Events:
        columns = [np.concatenate([p[i] for p in self.parts]) for i in range(4)]
        order = np.lexsort((columns[1], columns[2], columns[0]))  # by record, then date, then event
        return Events(*(c[order] for c in columns))


def _lag(rng: np.random.Generator, bounds: tuple[int, int], size: int) -> np.ndarray:
    return rng.integers(bounds[0], bounds[1] + 1, size=size)


def _months_later(days: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Day numbers whole calendar months later (scoring.calendar's rule: 31 Jan + 1 = 28/29 Feb)."""
    return add_months(days.astype("datetime64[D]"), months).astype(np.int64)


def _per_type(catalogues: Catalogues, rates: Rates, value) -> np.ndarray:
    return np.array([value(rt, rates.types[rt.id]) for rt in catalogues.record_types])


def make_events(
    settings: GeneratorSettings, catalogues: Catalogues, rates: Rates, records: Records
) -> tuple[Events, np.ndarray]:
    """The events of all records and the records' status codes (valid / revoked)."""
    rng = stream(settings.seed, EVENTS_STREAM)
    as_of = day_number(settings.data_as_of)
    out = _Collector(as_of)
    status = np.zeros(len(records), dtype=np.int8)

    # Disputes of negative records; a successful one, once resolved, revokes the record.
    dispute_p = _per_type(catalogues, rates, lambda rt, r: r.dispute)
    disputed = np.flatnonzero(rng.random(len(records)) < dispute_p[records.type])
    dispute_day = records.day[disputed] + _lag(rng, rates.dispute_lag_days, len(disputed))
    resolve_day = dispute_day + _lag(rng, rates.resolve_lag_days, len(disputed))
    out.add("disputed", disputed, dispute_day)
    out.add("resolved", disputed, resolve_day)
    revoked = (resolve_day <= as_of) & (rng.random(len(disputed)) < rates.dispute_success_rate)
    status[disputed[revoked]] = REVOKED
    revoked_on = np.full(len(records), np.iinfo(np.int64).max)
    revoked_on[disputed[revoked]] = resolve_day[revoked]
    out.add("revoked", disputed[revoked], resolve_day[revoked])

    # List entries, decided by the listing authority; exits after the list period, early on revocation
    # or on credit repair (black lists only).
    list_p = _per_type(catalogues, rates, lambda rt, r: r.list.probability if r.list else 0.0)
    kind = _per_type(catalogues, rates, lambda rt, r: LIST_KINDS.index(rt.lists[0]) if rt.lists else NO_LIST)
    months = _per_type(catalogues, rates, lambda rt, r: r.list.months if r.list else (0, 0))
    listed = np.flatnonzero(rng.random(len(records)) < list_p[records.type])
    listed_day = records.day[listed] + _lag(rng, rates.list_lag_days, len(listed))
    stays = listed_day < revoked_on[listed]
    listed, listed_day = listed[stays], listed_day[stays]
    types = records.type[listed]
    list_kind = kind[types]
    span = rng.integers(months[types, 0], months[types, 1] + 1)
    delisted_day = np.minimum(_months_later(listed_day, span), revoked_on[listed])

    black = np.flatnonzero(
        (list_kind == LIST_KINDS.index("black")) & (rng.random(len(listed)) < rates.repair_participation)
    )
    committed = listed_day[black] + _lag(rng, rates.repair_lag_days, len(black))
    trained = committed + _lag(rng, (7, 60), len(black))
    repaired = trained + _lag(rng, (7, 60), len(black))
    for event, day in (("committed", committed), ("trained", trained), ("repaired", repaired)):
        out.add(event, listed[black], day)
    delisted_day[black] = np.minimum(delisted_day[black], repaired)  # repair ends the listing early
    out.add("listed", listed, listed_day, list_kind)
    out.add("delisted", listed, delisted_day, list_kind)

    # Publication ends at the maximum publicity period of the record's severity.
    publicity = _per_type(catalogues, rates, lambda rt, r: rates.publicity_max_months.get(rt.severity, 0))
    published = np.flatnonzero((publicity[records.type] > 0) & (status != REVOKED))
    out.add("expired", published, _months_later(records.day[published], publicity[records.type[published]]))
    return out.events(), status
