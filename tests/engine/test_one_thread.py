"""The kernels on the calling thread alone, for one person's rows: the thread count comes back
afterwards, also after an error, and other threads keep their pool meanwhile."""

from __future__ import annotations

import threading

import numba
import pytest

from scoring.engine.kernel import one_thread


def test_one_thread_is_given_back_after_the_block_and_after_an_error():
    before = numba.get_num_threads()
    with one_thread():
        assert numba.get_num_threads() == 1
    assert numba.get_num_threads() == before
    with pytest.raises(RuntimeError), one_thread():
        raise RuntimeError("a refusal inside")
    assert numba.get_num_threads() == before


def test_another_thread_keeps_its_pool_while_one_runs_alone():
    if numba.config.NUMBA_NUM_THREADS < 2:
        pytest.skip("one core: nothing to keep")
    seen: list[int] = []
    with one_thread():
        other = threading.Thread(target=lambda: seen.append(numba.get_num_threads()))
        other.start()
        other.join()
    assert seen == [numba.config.NUMBA_NUM_THREADS]
