"""Integration tests run against the real services CI provides.

They need DATABASE_URL (PostgreSQL) and REDIS_URL; `.ci/run` sets both. On a
laptop without them they are skipped; in CI a missing service fails the run.
"""

import os

import pytest

from tests.requirements import require


@pytest.fixture(autouse=True)
def real_services():
    require(
        os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        "integration tests need DATABASE_URL pointing at PostgreSQL",
    )
    require(os.environ.get("REDIS_URL", "").startswith("redis://"), "integration tests need REDIS_URL")
