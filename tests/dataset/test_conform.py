"""conform keeps a value exactly or refuses it: it never wraps, rounds or reinterprets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.dataset import DatasetError, conform
from tests.dataset.corpus import good

INT32 = np.iinfo(np.int32)


@given(st.lists(st.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max), min_size=4, max_size=4))
def test_a_person_id_is_kept_exactly_or_refused(ids):
    records = good()[0]["records"].assign(person_id=np.array(ids, dtype=np.int64))
    fits = [INT32.min <= i <= INT32.max for i in ids]
    if all(fits):
        assert conform("records", records)["person_id"].tolist() == ids
    else:
        first = fits.index(False)
        with pytest.raises(DatasetError, match=rf"^records\.person_id row {first}: {ids[first]};"):
            conform("records", records)


@given(st.lists(st.text(max_size=5) | st.integers(0, 1) | st.floats(0, 1), min_size=3, max_size=3))
def test_consent_is_true_or_false_never_read_from_text_or_numbers(values):
    people = good()[0]["people"].assign(consent=pd.Series(values, dtype=object))
    with pytest.raises(DatasetError, match=r"^people\.consent row 0: "):
        conform("people", people)


@given(st.lists(st.integers(-(10**9), 10**9) | st.floats(allow_nan=False), min_size=3, max_size=3))
def test_numbers_are_never_dates(values):
    people = good()[0]["people"].assign(birth_date=pd.Series(values, dtype=object))
    with pytest.raises(DatasetError, match=r"^people\.birth_date row 0: .*expected a date"):
        conform("people", people)
