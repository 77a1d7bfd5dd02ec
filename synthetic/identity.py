"""Identity fields (name, ID number, phone, address) for the few people a page shows, on demand.

Drawn from Faker's zh_CN vocabularies (Faker pinned) with our own generator seeded per
(seed, person_id), so a person's identity never depends on which other rows are requested or on
today's date. ID numbers use the catalogue's area codes (32049x), which no real county has.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
from faker.providers.address.zh_CN import Provider as AddressProvider
from faker.providers.person.zh_CN import Provider as PersonProvider
from faker.providers.phone_number.zh_CN import Provider as PhoneProvider

from scoring.catalogues import load_catalogues
from scoring.identity_numbers import check_digit
from synthetic.streams import IDENTITY, stream

SEQUENCES_PER_GENDER = 500  # 3-digit sequence, last digit odd for men and even for women


@cache
def _vocabulary() -> dict:
    surnames = PersonProvider.last_names
    weights = np.array(list(surnames.values()), dtype=np.float64)
    streets = [c + s for c in AddressProvider.cities for s in AddressProvider.street_suffixes]
    return {
        "surnames": list(surnames),
        "surname_p": weights / weights.sum(),
        "F": list(PersonProvider.first_names_female),
        "M": list(PersonProvider.first_names_male),
        "phone_prefixes": [str(p) for p in PhoneProvider.phonenumber_prefixes],
        "streets": streets,
    }


def _sequence_ranks(people: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """Rank of each requested person among people of the same district, birth date and gender.

    Makes ID numbers unique (up to 500 people per cell) and independent of the request.
    """
    cell = (
        people["district"].cat.codes.to_numpy().astype(np.int64) * 2 + people["gender"].cat.codes.to_numpy()
    ) * 200_000 + people["birth_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    wanted = cell[rows]
    members = np.flatnonzero(np.isin(cell, wanted))
    order = np.lexsort((members, cell[members]))  # by cell, then person_id
    sorted_cells = cell[members][order]
    first = np.searchsorted(sorted_cells, sorted_cells, side="left")
    rank = np.empty(len(members), dtype=np.int64)
    rank[order] = np.arange(len(members)) - first
    return rank[np.searchsorted(members, rows)]


def identities(people: pd.DataFrame, person_ids, seed: int) -> pd.DataFrame:
    """person_id, name, id_number, phone and address for the given people (a page's worth).

    ``people`` is the whole people table (person_id = position, as the dataset contract says).
    """
    vocab = _vocabulary()
    districts = load_catalogues().districts
    rows = np.asarray(person_ids, dtype=np.int64).reshape(-1)
    if len(rows) and (rows.min() < 0 or rows.max() >= len(people)):
        raise KeyError("person_id not in the people table")
    ranks = _sequence_ranks(people, rows)
    out = []
    for row, rank in zip(rows, ranks, strict=True):
        rng = stream(seed, IDENTITY, int(row))
        gender = people["gender"].iat[row]
        district = districts[people["district"].cat.codes.iat[row]]
        born = pd.Timestamp(people["birth_date"].iat[row]).strftime("%Y%m%d")
        sequence = 2 * (int(rank) % SEQUENCES_PER_GENDER) + (1 if gender == "M" else 0)
        first17 = f"{district.area_code}{born}{sequence:03d}"
        given = vocab[gender]
        out.append(
            {
                "person_id": int(row),
                "name": vocab["surnames"][rng.choice(len(vocab["surnames"]), p=vocab["surname_p"])]
                + given[rng.integers(len(given))],
                "id_number": first17 + check_digit(first17),
                "phone": vocab["phone_prefixes"][rng.integers(len(vocab["phone_prefixes"]))]
                + f"{rng.integers(100_000_000):08d}",
                "address": f"江苏省常州市{district.zh}{vocab['streets'][rng.integers(len(vocab['streets']))]}"
                f"{rng.integers(1, 300)}号",
            }
        )
    return pd.DataFrame(out, columns=["person_id", "name", "id_number", "phone", "address"])


def people_with_id_number(people: pd.DataFrame, id_number: str, seed: int) -> list[int]:
    """The person ids whose synthetic ID number is `id_number` (a valid number; at most one).

    The number names its district (area code), birth date and gender, so only the people of
    that cell are drawn, never the whole population."""
    districts = {d.area_code: i for i, d in enumerate(load_catalogues().districts)}
    if id_number[:6] not in districts:
        return []
    born = np.datetime64(f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}", "D")
    gender = "M" if int(id_number[16]) % 2 else "F"
    cell = (
        (people["district"].cat.codes.to_numpy() == districts[id_number[:6]])
        & (people["gender"].to_numpy() == gender)
        & (people["birth_date"].to_numpy().astype("datetime64[D]") == born)
    )
    found = identities(people, np.flatnonzero(cell), seed)
    return found.loc[found["id_number"] == id_number.upper(), "person_id"].tolist()
