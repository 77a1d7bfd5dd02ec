"""Shared synthetic populations: generated once per test session (20k people take ~0.3 s)."""

import pytest

from synthetic import GeneratorSettings, generate


@pytest.fixture(scope="session")
def population():
    return generate(GeneratorSettings(people=20_000, seed=7))
