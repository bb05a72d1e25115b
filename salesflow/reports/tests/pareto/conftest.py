from salesflow.reports.tests.management_fixtures import *  # noqa: F403
