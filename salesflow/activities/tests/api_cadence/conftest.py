"""The cadence fixtures, shared with the API tests."""

from salesflow.activities.tests.cadence.conftest import account_since, touch

__all__ = ["account_since", "touch"]
