"""What a test needs from the machine: skipped on a laptop, a failure in CI.

CI (CI=true, set by the runner) must never pass by skipping what it is there
to check, so a missing service or tool fails the run there.
"""

import os

import pytest


def require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI needs this: {reason}")
    pytest.skip(reason)
