"""Shared fixtures; hypothesis runs derandomized so CI results are reproducible."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from textlab.paths import SEEDS_DIR

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=150,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

DEV_DIR = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "boilerplate" / "dev"


@pytest.fixture(scope="session")
def seed_corpus():
    from textlab import load_corpus

    return load_corpus(SEEDS_DIR)


@pytest.fixture(scope="session")
def cleaned_seeds(seed_corpus):
    from textlab import clean_corpus

    return clean_corpus(seed_corpus)
