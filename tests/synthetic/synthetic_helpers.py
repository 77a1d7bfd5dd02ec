"""Fast frame comparison: pandas' assert_frame_equal spends seconds on large categoricals."""

import numpy as np
import pandas as pd


def assert_frames_identical(left: pd.DataFrame, right: pd.DataFrame) -> None:
    """Same columns, dtypes (categories included) and values; NaT equals NaT."""
    assert list(left.columns) == list(right.columns)
    assert len(left) == len(right)
    for column in left.columns:
        a, b = left[column], right[column]
        assert a.dtype == b.dtype, f"{column}: {a.dtype} != {b.dtype}"
        if isinstance(a.dtype, pd.CategoricalDtype):
            a, b = a.cat.codes, b.cat.codes
        assert np.array_equal(a.to_numpy(), b.to_numpy(), equal_nan=a.dtype.kind in "fmM"), column
