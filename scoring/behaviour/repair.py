"""Credit repair inside the behavioural model: which black-list listings are open on the data's
as-of date, when the rulebook lets each be repaired, the data's own monthly repair hazard, and the
repair dates one seed draws (appended to the data as `repaired` events, so the engine ends the
listings exactly as it ends recorded repairs).

Eligibility is the repair funnel's (`repair_eligibility`: the minimum period by the record's
severity, counted from its listing day). The hazard is measured as the funnel counts restorations:
repairs on or after the earliest repair date, per month a listing spent eligible and still listed,
over the last 12 months. Commitments and training are taken as made, as the funnel takes
obligations as met: the hazard already carries how often people complete them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd

from scoring.analyses.list_events import list_events
from scoring.analyses.repair import repair_eligibility
from scoring.calendar import add_months
from scoring.dataset import EVENTS, LIST_KINDS, Dataset
from scoring.engine.compiled import ENDS_LISTING, REVOKED
from scoring.rulebook import Rulebook

DAYS_PER_MONTH = 365.25 / 12


def black_listings(dataset: Dataset, rulebook: Rulebook) -> pd.DataFrame:
    """Each record's latest black-list listing of a severity the rulebook sets repair periods
    for: record, person, severity, listed_on, earliest (repair date), auto_end (the end of its
    maximum period) and ended_on (its first
    ending on or after the listing: delisting, repair, expiry or revocation; NaT while open),
    with `by_repair` telling whether that ending was a repair (a repair and a delisting of one
    day, as the data writes them, are a repair)."""
    black = list_events(dataset).black
    keep = np.isin(black.severity, list(rulebook.repair.min_months))
    listings = (
        pd.DataFrame(
            {
                "record": black.record[keep],
                "person": black.person[keep],
                "severity": black.severity[keep],
                "listed_on": black.day[keep],
            }
        )
        .sort_values(["record", "listed_on"], kind="stable")
        .drop_duplicates("record", keep="last")
        .reset_index(drop=True)
    )
    periods = repair_eligibility(
        rulebook.repair, listings["severity"].to_numpy(), listings["listed_on"].to_numpy(), dataset.data_as_of,
        obligations_met=True, committed=True, trained=True, has_report=True,
    )  # fmt: skip
    listings["earliest"] = periods["earliest_repair_date"].to_numpy().astype("datetime64[D]")
    listings["auto_end"] = periods["auto_end_date"].to_numpy().astype("datetime64[D]")
    ends = _endings(dataset)
    paired = listings[["record", "listed_on"]].reset_index().merge(ends, on="record")
    paired = paired[paired["day"] >= paired["listed_on"]].sort_values(
        ["index", "day", "by_repair"], ascending=[True, True, False]
    )
    first = paired.drop_duplicates("index").set_index("index")
    listings["ended_on"] = first["day"].reindex(listings.index).to_numpy().astype("datetime64[D]")
    listings["by_repair"] = first["by_repair"].reindex(listings.index).fillna(False).to_numpy(dtype=bool)
    return listings


def _endings(dataset: Dataset) -> pd.DataFrame:
    """Every event that ends a record's black listing: record, day, by_repair."""
    events = dataset.events
    code = events["event"].cat.codes.to_numpy()
    black = events["list"].cat.codes.to_numpy() == LIST_KINDS.index("black")
    delisted = (code == EVENTS.index("delisted")) & black
    ending = np.isin(code, [EVENTS.index(e) for e in (*ENDS_LISTING, REVOKED) if e != "delisted"]) | delisted
    return pd.DataFrame(
        {
            "record": events["record_id"].to_numpy(np.int64)[ending],
            "day": events["date"].to_numpy().astype("datetime64[D]")[ending],
            "by_repair": (code == EVENTS.index("repaired"))[ending],
        }
    )


def measured_rate(listings: pd.DataFrame, as_of: np.datetime64) -> float:
    """Restorations per eligible listing-month over the 12 months to `as_of` (0 with no eligible
    listing-month): a repair counts when it falls in the year on or after its earliest date."""
    as_of = np.datetime64(as_of, "D")
    since = add_months(as_of, -12)
    ended = listings["ended_on"].to_numpy().astype("datetime64[D]")
    stop = np.where(np.isnat(ended) | (ended > as_of), as_of, ended)
    start = np.maximum(listings["earliest"].to_numpy().astype("datetime64[D]"), since)
    exposure = np.maximum((stop - start).astype(np.int64), 0).sum() / DAYS_PER_MONTH
    restored = listings["by_repair"].to_numpy() & (ended >= start) & (ended <= as_of) & (ended > since)
    return float(min(restored.sum() / exposure, 1.0)) if exposure > 0 else 0.0


def draw_repairs(
    listings: pd.DataFrame, month_ends: list[np.datetime64], as_of: np.datetime64, rate: float, seed: int
) -> pd.DataFrame:
    """The listings open on `as_of` repaired within the horizon: each is repaired in a month with
    chance `rate` from the first month it is eligible in (by the month's end), on the later of
    its earliest repair date and the month's first day; never once its maximum period has ended
    (publicity then ends by itself, not by repair). Returns record, person, month (1 …),
    repaired_on (datetime64[D])."""
    as_of = np.datetime64(as_of, "D")
    ends = np.asarray(month_ends, dtype="datetime64[D]")
    ended = listings["ended_on"].to_numpy().astype("datetime64[D]")
    still = listings[np.isnat(ended) | (ended > as_of)]
    earliest = still["earliest"].to_numpy().astype("datetime64[D]")
    first = np.searchsorted(ends, earliest)  # index of the first month whose end reaches it
    rng = np.random.default_rng([seed, 15])  # its own stream: the paths' draws are untouched
    waited = rng.geometric(rate, size=len(still)) - 1 if rate > 0 else np.full(len(still), len(ends))
    month = np.minimum(first + waited, len(ends))
    starts = np.concatenate([[as_of], ends]) + np.timedelta64(1, "D")
    day = np.maximum(earliest, starts[month])
    done = (month < len(ends)) & (day < still["auto_end"].to_numpy().astype("datetime64[D]"))
    month, day = month[done], day[done]
    return pd.DataFrame(
        {"record": still["record"].to_numpy()[done], "person": still["person"].to_numpy()[done],
         "month": month + 1, "repaired_on": day}
    )  # fmt: skip


def data_ahead(dataset: Dataset, repairs: pd.DataFrame, until: dt.date) -> Dataset:
    """The dataset with a `repaired` event per drawn repair (the record's department) and its data
    running to `until`, its manifest's sizes saying so: the engine checks it as any dataset."""
    events = _with_repairs(dataset, repairs)
    manifest = {**dataset.manifest, "data_as_of": until.isoformat()}
    if "sizes" in manifest:
        manifest["sizes"] = {**manifest["sizes"], "events": len(events)}
    if "events" in manifest:
        manifest["events"] = len(events)
    return dataclasses.replace(dataset, events=events, manifest=manifest)


def _with_repairs(dataset: Dataset, repairs: pd.DataFrame) -> pd.DataFrame:
    events = dataset.events
    records = dataset.records
    position = pd.Index(records["record_id"].to_numpy()).get_indexer(repairs["record"].to_numpy())
    added = pd.DataFrame(
        {
            "record_id": repairs["record"].to_numpy(np.int64),
            "person_id": repairs["person"].to_numpy().astype(events["person_id"].dtype),
            "event": pd.Categorical(["repaired"] * len(repairs), categories=events["event"].cat.categories),
            "date": repairs["repaired_on"].to_numpy().astype(events["date"].dtype),
            "department": records["department"].iloc[position].to_numpy(),
            "list": pd.Categorical([None] * len(repairs), categories=events["list"].cat.categories),
        }
    )
    added["department"] = pd.Categorical(added["department"], categories=events["department"].cat.categories)
    return pd.concat([events, added[events.columns]], ignore_index=True)
