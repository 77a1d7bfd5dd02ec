"""Ground truth for predictive-validity checks: outcomes in the year after data_as_of, drawn from
the same process that produced the history (same rates, propensity effects and eligibility)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.catalogues import Catalogues
from synthetic.people import People
from synthetic.rates import Rates
from synthetic.records import eligible, intensity, regulated_people
from synthetic.settings import GeneratorSettings
from synthetic.streams import TRUTH, stream


@dataclass(frozen=True)
class Truth:
    negative: np.ndarray  # int32 negative records next year
    serious: np.ndarray  # bool: at least one serious record next year
    positive: np.ndarray  # int32 positive records next year


def make_truth(settings: GeneratorSettings, catalogues: Catalogues, rates: Rates, people: People) -> Truth:
    n = len(people)
    regulated = regulated_people(people, catalogues)
    by_id = {rt.id: rt for rt in catalogues.record_types}
    expected = {"serious": np.zeros(n), "negative": np.zeros(n), "positive": np.zeros(n)}
    drawn = {bucket: np.zeros(n, dtype=np.int32) for bucket in expected}  # annual types: Bernoulli
    rng = stream(settings.seed, TRUTH)
    for record_type in catalogues.record_types:
        rate = rates.types[record_type.id]
        sources = [(rate, record_type, rate.rate)]
        if rate.follows is not None:  # consequences arrive at the parent's rate times their probability
            parent = by_id[rate.follows.type]
            sources.append((rates.types[parent.id], parent, rates.types[parent.id].rate * rate.follows.probability))
        bucket = (
            "positive"
            if record_type.polarity == "positive"
            else ("serious" if record_type.severity == "serious" else "negative")
        )
        idx = eligible(record_type, people, catalogues)
        where = slice(None) if idx is None else idx
        for source_rate, source_type, mean in sources:
            if mean == 0:
                continue
            factor = intensity(
                source_rate,
                source_type,
                people.propensity[where],
                regulated[where],
                settings.regulated_record_multiplier,
            )
            if rate.annual:
                drawn[bucket][where] += rng.random(len(factor)) < np.minimum(mean * factor, 1.0)
            else:
                expected[bucket][where] += mean * factor
    counts = {bucket: rng.poisson(expected[bucket]) + drawn[bucket] for bucket in expected}
    negative = counts["negative"] + counts["serious"]
    return Truth(negative.astype(np.int32), counts["serious"] > 0, counts["positive"].astype(np.int32))
