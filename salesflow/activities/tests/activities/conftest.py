from salesflow.activities.tests.activities.fixtures import log_activity, objections

__all__ = ["log_activity", "objections"]
